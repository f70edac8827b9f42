//! JPEG through `jpeg-encoder` (pure Rust, SIMD): 4:2:0 chroma, which `shared/deps.md`
//! measured about 4x faster than the `image` crate's 4:4:4-only encoder at a third smaller
//! files.

use jpeg_encoder::{ColorType, Encoder, SamplingFactor};

use crate::picture::{Rgb8, Yuv420};

pub(super) fn encode(picture: &Rgb8, quality: u8, out: &mut Vec<u8>) -> Result<(), String> {
    let (Ok(w), Ok(h)) = (u16::try_from(picture.width), u16::try_from(picture.height)) else {
        return Err(format!(
            "{}x{} is larger than JPEG's 65535x65535",
            picture.width, picture.height
        ));
    };
    let mut encoder = Encoder::new(out, quality.clamp(1, 100));
    encoder.set_sampling_factor(SamplingFactor::F_2_2);
    encoder
        .encode(&picture.data, w, h, ColorType::Rgb)
        .map_err(|e| e.to_string())
}

/// Encodes a decoded 4:2:0 picture without RGB: samples expanded to full range and
/// interleaved (each chroma sample repeated over its 2x2 block, which the encoder's own 4:2:0
/// averaging turns back into exactly that sample).
pub(super) fn encode_yuv(
    picture: &Yuv420,
    quality: u8,
    interleaved: &mut Vec<u8>,
    out: &mut Vec<u8>,
) -> Result<(), String> {
    let (w, h) = (picture.width as usize, picture.height as usize);
    let cw = w.div_ceil(2);
    if picture.y.len() < w * h
        || picture.u.len() < cw * h.div_ceil(2)
        || picture.v.len() < cw * h.div_ceil(2)
    {
        return Err(format!("{w}x{h} picture with short planes"));
    }
    let (Ok(w16), Ok(h16)) = (u16::try_from(w), u16::try_from(h)) else {
        return Err(format!("{w}x{h} is larger than JPEG's 65535x65535"));
    };
    let (luma, chroma) = super::range::range_tables();
    interleaved.clear();
    interleaved.reserve(w * h * 3);
    for row in 0..h {
        let y_row = &picture.y[row * w..row * w + w];
        let c = (row / 2) * cw;
        let (u_row, v_row) = (&picture.u[c..c + cw], &picture.v[c..c + cw]);
        for (x, &y) in y_row.iter().enumerate() {
            interleaved.extend_from_slice(&[
                luma[usize::from(y)],
                chroma[usize::from(u_row[x / 2])],
                chroma[usize::from(v_row[x / 2])],
            ]);
        }
    }
    let mut encoder = Encoder::new(out, quality.clamp(1, 100));
    encoder.set_sampling_factor(SamplingFactor::F_2_2);
    encoder
        .encode(interleaved, w16, h16, ColorType::Ycbcr)
        .map_err(|e| e.to_string())
}
