//! JPEG through libjpeg-turbo (feature `turbojpeg`): about 3x the pure-Rust encoder's speed
//! at 4:2:0 (`shared/deps.md`: 159 against 52 frames/s at 1080p), which decides extraction
//! throughput once decoding is threaded.

use std::cell::RefCell;

use turbojpeg::{Compressor, Image, PixelFormat, Subsamp, YuvPlanesImage};

use crate::picture::{Rgb8, Yuv420};

thread_local! {
    // One compressor per encoder thread, reused for every frame.
    static COMPRESSOR: RefCell<Option<Compressor>> = const { RefCell::new(None) };
}

pub(super) fn encode(picture: &Rgb8, quality: u8, out: &mut Vec<u8>) -> Result<(), String> {
    let image = Image {
        pixels: picture.data.as_slice(),
        width: picture.width as usize,
        pitch: picture.width as usize * 3,
        height: picture.height as usize,
        format: PixelFormat::RGB,
    };
    with_compressor(quality, out, |compressor| {
        compressor
            .set_subsamp(Subsamp::Sub2x2)
            .map_err(|e| e.to_string())?;
        compressor.compress_to_vec(image).map_err(|e| e.to_string())
    })
}

pub(super) fn encode_yuv(
    picture: &Yuv420,
    quality: u8,
    planes: &mut [Vec<u8>; 3],
    out: &mut Vec<u8>,
) -> Result<(), String> {
    let (w, h) = (picture.width as usize, picture.height as usize);
    let (cw, ch) = (w.div_ceil(2), h.div_ceil(2));
    if picture.y.len() < w * h || picture.u.len() < cw * ch || picture.v.len() < cw * ch {
        return Err(format!("{w}x{h} picture with short planes"));
    }
    let (luma, chroma) = super::range::range_tables();
    let [y, u, v] = planes;
    y.clear();
    y.extend(picture.y[..w * h].iter().map(|&s| luma[usize::from(s)]));
    u.clear();
    u.extend(picture.u[..cw * ch].iter().map(|&s| chroma[usize::from(s)]));
    v.clear();
    v.extend(picture.v[..cw * ch].iter().map(|&s| chroma[usize::from(s)]));
    let image = YuvPlanesImage {
        y_plane: y.as_slice(),
        u_plane: u.as_slice(),
        v_plane: v.as_slice(),
        width: w,
        height: h,
        y_stride: w,
        u_stride: cw,
        v_stride: cw,
        subsamp: Subsamp::Sub2x2,
    };
    with_compressor(quality, out, |compressor| {
        compressor
            .compress_yuv_planes_to_vec(&image)
            .map_err(|e| e.to_string())
    })
}

/// Runs `compress` with this thread's compressor set to `quality` and appends its bytes.
fn with_compressor(
    quality: u8,
    out: &mut Vec<u8>,
    compress: impl FnOnce(&mut Compressor) -> Result<Vec<u8>, String>,
) -> Result<(), String> {
    COMPRESSOR.with(|cell| {
        let mut slot = cell.borrow_mut();
        if slot.is_none() {
            *slot = Some(Compressor::new().map_err(|e| e.to_string())?);
        }
        let compressor = slot.as_mut().ok_or("no JPEG compressor")?;
        compressor
            .set_quality(i32::from(quality.clamp(1, 100)))
            .map_err(|e| e.to_string())?;
        out.extend_from_slice(&compress(compressor)?);
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_picture_is_refused_not_panicking() {
        let p = Yuv420 {
            width: 4,
            height: 4,
            y: vec![],
            u: vec![],
            v: vec![],
        };
        assert!(encode_yuv(&p, 90, &mut Default::default(), &mut Vec::new()).is_err());
    }
}
