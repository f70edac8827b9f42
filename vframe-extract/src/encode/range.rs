//! Limited-range video samples to the full range JPEG stores, so a decoded 4:2:0 picture can
//! go into a JPEG without a detour through RGB.

/// Limited-range (16-235 luma, 16-240 chroma) to full-range JPEG samples, as FFmpeg's
/// `yuv420p -> yuvj420p` does; with it a decoded 4:2:0 picture goes into the JPEG as it
/// is, skipping RGB and chroma resampling (faster, and no chroma loss at all).
pub(super) fn range_tables() -> ([u8; 256], [u8; 256]) {
    let mut luma = [0u8; 256];
    let mut chroma = [0u8; 256];
    for v in 0..256i32 {
        luma[v as usize] = (((v - 16) * 255 * 2 + 219) / (219 * 2)).clamp(0, 255) as u8;
        chroma[v as usize] = ((((v - 128) * 255 * 2 + 224 * (v - 128).signum()) / (224 * 2)) + 128)
            .clamp(0, 255) as u8;
    }
    (luma, chroma)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn range_expansion_maps_the_limited_ends_to_the_full_ends() {
        let (luma, chroma) = range_tables();
        assert_eq!((luma[16], luma[235], luma[0], luma[255]), (0, 255, 0, 255));
        assert_eq!((chroma[16], chroma[128], chroma[240]), (0, 128, 255));
    }
}
