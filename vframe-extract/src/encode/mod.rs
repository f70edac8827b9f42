//! Frame images: JPEG with a quality setting, or PNG.

mod jpeg;
mod png;
mod pool;

pub(crate) use pool::{EncodeJob, EncoderPool};

use crate::picture::Rgb8;

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
            ImageFormat::Jpeg { quality } => jpeg::encode(picture, quality, out),
            ImageFormat::Png => png::encode(picture, out),
        }
    }
}
