//! JPEG through `jpeg-encoder` (pure Rust, SIMD): 4:2:0 chroma, which `shared/deps.md`
//! measured about 4x faster than the `image` crate's 4:4:4-only encoder at a third smaller
//! files.

use jpeg_encoder::{ColorType, Encoder, SamplingFactor};

use crate::picture::Rgb8;

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
