//! Frame images: JPEG with a quality setting, or PNG.

#[cfg_attr(feature = "turbojpeg", allow(dead_code))]
mod jpeg;
mod png;
mod pool;
mod range;
#[cfg(feature = "turbojpeg")]
mod turbo;

pub(crate) use pool::{EncodeJob, EncoderPool};

use crate::picture::{Picture, Rgb8, to_rgb};

/// The image format of extracted frames.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ImageFormat {
    /// Baseline JPEG, 4:2:0 chroma; `quality` 1..=100.
    Jpeg {
        /// libjpeg-style quality, 1..=100.
        quality: u8,
    },
    /// Lossless PNG, 8-bit RGB.
    Png,
}

impl Default for ImageFormat {
    /// JPEG at quality 90: what Ground Truth's own frames look like (`.jpeg`), at a size a
    /// labeling UI loads quickly.
    fn default() -> Self {
        ImageFormat::Jpeg {
            quality: DEFAULT_JPEG_QUALITY,
        }
    }
}

/// The JPEG quality used when none is given.
pub const DEFAULT_JPEG_QUALITY: u8 = 90;

impl ImageFormat {
    /// The file extension, without the dot (`jpeg` as Ground Truth names its frames).
    pub fn extension(self) -> &'static str {
        match self {
            ImageFormat::Jpeg { .. } => "jpeg",
            ImageFormat::Png => "png",
        }
    }

    /// Encodes `picture` into `out` (cleared first, allocation reused).
    ///
    /// ```
    /// use vframe_extract::{ImageFormat, picture::Rgb8};
    /// let gray = Rgb8 { width: 16, height: 8, data: vec![128; 16 * 8 * 3] };
    /// let mut out = Vec::new();
    /// ImageFormat::Png.encode(&gray, &mut out)?;
    /// assert_eq!(&out[1..4], b"PNG");
    /// # Ok::<(), String>(())
    /// ```
    pub fn encode(self, picture: &Rgb8, out: &mut Vec<u8>) -> Result<(), String> {
        out.clear();
        match self {
            #[cfg(feature = "turbojpeg")]
            ImageFormat::Jpeg { quality } => turbo::encode(picture, quality, out),
            #[cfg(not(feature = "turbojpeg"))]
            ImageFormat::Jpeg { quality } => jpeg::encode(picture, quality, out),
            ImageFormat::Png => png::encode(picture, out),
        }
    }
}

/// Buffers an encoder thread reuses from frame to frame.
#[derive(Debug, Default)]
pub(crate) struct EncodeBuffers {
    scratch: Rgb8,
    rgb: Rgb8,
    #[cfg_attr(not(feature = "turbojpeg"), allow(dead_code))]
    planes: [Vec<u8>; 3],
    #[cfg_attr(feature = "turbojpeg", allow(dead_code))]
    interleaved: Vec<u8>,
}

impl ImageFormat {
    /// Encodes a decoded frame, rotated for display; returns the image's size.
    pub(crate) fn encode_frame(
        self,
        picture: &Picture,
        rotation: u16,
        buffers: &mut EncodeBuffers,
        out: &mut Vec<u8>,
    ) -> Result<(u32, u32), String> {
        if let (ImageFormat::Jpeg { quality }, Picture::Yuv420(yuv), 0) =
            (self, picture, rotation % 360)
        {
            out.clear();
            #[cfg(feature = "turbojpeg")]
            turbo::encode_yuv(yuv, quality, &mut buffers.planes, out)?;
            #[cfg(not(feature = "turbojpeg"))]
            jpeg::encode_yuv(yuv, quality, &mut buffers.interleaved, out)?;
            return Ok((yuv.width, yuv.height));
        }
        to_rgb(picture, rotation, &mut buffers.scratch, &mut buffers.rgb);
        self.encode(&buffers.rgb, out)?;
        Ok((buffers.rgb.width, buffers.rgb.height))
    }
}
