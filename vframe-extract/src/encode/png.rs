//! PNG through the `image` crate's encoder, fast compression: frames are large and written
//! once.

use image::ImageEncoder;
use image::codecs::png::{CompressionType, FilterType, PngEncoder};

use crate::picture::Rgb8;

pub(super) fn encode(picture: &Rgb8, out: &mut Vec<u8>) -> Result<(), String> {
    PngEncoder::new_with_quality(out, CompressionType::Fast, FilterType::Adaptive)
        .write_image(
            &picture.data,
            picture.width,
            picture.height,
            image::ExtendedColorType::Rgb8,
        )
        .map_err(|e| e.to_string())
}
