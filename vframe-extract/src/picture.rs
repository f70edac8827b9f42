//! Decoded pictures: planar YUV 4:2:0 as decoders give them, and RGB as encoders take them.

/// A planar 8-bit YUV 4:2:0 picture (limited range, BT.601), as H.264 decoders give it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Yuv420 {
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// `width * height` luma samples.
    pub y: Vec<u8>,
    /// `ceil(width/2) * ceil(height/2)` Cb samples.
    pub u: Vec<u8>,
    /// `ceil(width/2) * ceil(height/2)` Cr samples.
    pub v: Vec<u8>,
}

/// An 8-bit RGB picture, rows top to bottom, 3 bytes per pixel.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Rgb8 {
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// `width * height * 3` bytes.
    pub data: Vec<u8>,
}

impl Rgb8 {
    /// Reuses this buffer for a `width` x `height` picture.
    pub(crate) fn reshape(&mut self, width: u32, height: u32) {
        self.width = width;
        self.height = height;
        self.data.resize(width as usize * height as usize * 3, 0);
    }
}

/// A decoded frame in whichever layout its source produced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Picture {
    /// From a video decoder.
    Yuv420(Yuv420),
    /// From an image file or a decoder that converts itself.
    Rgb8(Rgb8),
}

impl Picture {
    /// Width and height before rotation.
    pub fn size(&self) -> (u32, u32) {
        match self {
            Picture::Yuv420(p) => (p.width, p.height),
            Picture::Rgb8(p) => (p.width, p.height),
        }
    }
}

/// Converts `picture` to RGB in `out` (reusing its allocation) and rotates it clockwise by
/// `rotation` degrees (0, 90, 180 or 270) for display.
///
/// YUV uses BT.601 limited range with each chroma sample covering its 2x2 luma block, which
/// is what FFmpeg's own unscaled `yuv420p` to `rgb24` conversion does for untagged video, so
/// frames match the `ffmpeg` command line's.
pub fn to_rgb(picture: &Picture, rotation: u16, scratch: &mut Rgb8, out: &mut Rgb8) {
    let upright = if rotation.is_multiple_of(360) {
        &mut *out
    } else {
        &mut *scratch
    };
    match picture {
        Picture::Rgb8(p) => {
            upright.reshape(p.width, p.height);
            upright.data.copy_from_slice(&p.data);
        }
        Picture::Yuv420(p) => yuv_to_rgb(p, upright),
    }
    if !rotation.is_multiple_of(360) {
        rotate(scratch, rotation, out);
    }
}

fn yuv_to_rgb(p: &Yuv420, out: &mut Rgb8) {
    let (w, h) = (p.width as usize, p.height as usize);
    out.reshape(p.width, p.height);
    let cw = w.div_ceil(2);
    if w == 0 || h == 0 {
        return;
    }
    if p.y.len() < w * h || p.u.len() < cw * h.div_ceil(2) || p.v.len() < cw * h.div_ceil(2) {
        out.data.fill(0);
        return;
    }
    for (row, rgb_row) in out.data.chunks_exact_mut(w * 3).enumerate().take(h) {
        let y_row = &p.y[row * w..row * w + w];
        let u_row = &p.u[(row / 2) * cw..(row / 2) * cw + cw];
        let v_row = &p.v[(row / 2) * cw..(row / 2) * cw + cw];
        for (x, (px, &yy)) in rgb_row.chunks_exact_mut(3).zip(y_row).enumerate() {
            let c = 298 * (i32::from(yy) - 16) + 128;
            let d = i32::from(u_row[x / 2]) - 128;
            let e = i32::from(v_row[x / 2]) - 128;
            px[0] = clamp((c + 409 * e) >> 8);
            px[1] = clamp((c - 100 * d - 208 * e) >> 8);
            px[2] = clamp((c + 516 * d) >> 8);
        }
    }
}

fn clamp(v: i32) -> u8 {
    v.clamp(0, 255) as u8
}

fn rotate(src: &Rgb8, rotation: u16, out: &mut Rgb8) {
    let (w, h) = (src.width as usize, src.height as usize);
    let quarter = rotation % 180 == 90;
    if quarter {
        out.reshape(src.height, src.width);
    } else {
        out.reshape(src.width, src.height);
    }
    let ow = out.width as usize;
    for y in 0..h {
        for x in 0..w {
            let (dx, dy) = match rotation % 360 {
                90 => (h - 1 - y, x),
                180 => (w - 1 - x, h - 1 - y),
                _ => (y, w - 1 - x),
            };
            let s = (y * w + x) * 3;
            let d = (dy * ow + dx) * 3;
            out.data[d..d + 3].copy_from_slice(&src.data[s..s + 3]);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rgb(width: u32, height: u32, data: Vec<u8>) -> Rgb8 {
        Rgb8 {
            width,
            height,
            data,
        }
    }

    #[test]
    fn empty_picture_converts_to_empty_rgb() {
        let p = Picture::Yuv420(Yuv420 {
            width: 0,
            height: 0,
            y: vec![],
            u: vec![],
            v: vec![],
        });
        let (mut s, mut o) = (Rgb8::default(), Rgb8::default());
        to_rgb(&p, 0, &mut s, &mut o);
        assert!(o.data.is_empty());
    }

    #[test]
    fn limited_range_black_and_white_become_full_range() {
        let p = Picture::Yuv420(Yuv420 {
            width: 2,
            height: 1,
            y: vec![16, 235],
            u: vec![128],
            v: vec![128],
        });
        let (mut s, mut o) = (Rgb8::default(), Rgb8::default());
        to_rgb(&p, 0, &mut s, &mut o);
        assert_eq!(o.data, vec![0, 0, 0, 255, 255, 255]);
    }

    #[test]
    fn rotation_by_90_moves_the_top_left_pixel_to_the_top_right() {
        // 2x1: red, green -> 1x2: red on top, green below (clockwise).
        let p = Picture::Rgb8(rgb(2, 1, vec![255, 0, 0, 0, 255, 0]));
        let (mut s, mut o) = (Rgb8::default(), Rgb8::default());
        to_rgb(&p, 90, &mut s, &mut o);
        assert_eq!((o.width, o.height), (1, 2));
        assert_eq!(o.data, vec![255, 0, 0, 0, 255, 0]);
        to_rgb(&p, 270, &mut s, &mut o);
        assert_eq!(o.data, vec![0, 255, 0, 255, 0, 0]);
        to_rgb(&p, 180, &mut s, &mut o);
        assert_eq!((o.width, o.height), (2, 1));
        assert_eq!(o.data, vec![0, 255, 0, 255, 0, 0]);
    }
}
