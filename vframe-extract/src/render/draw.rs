//! Drawing on an RGB picture: lines, outlines, dots and text, clipped to the picture, so
//! shapes partly or wholly outside the frame never panic.

use super::font::{GLYPH_HEIGHT, GLYPH_WIDTH, glyph};
use crate::picture::Rgb8;

/// An RGB picture being drawn on.
pub(crate) struct Canvas<'a> {
    pub(crate) picture: &'a mut Rgb8,
}

impl Canvas<'_> {
    pub(crate) fn pixel(&mut self, x: i64, y: i64, colour: [u8; 3]) {
        let (w, h) = (
            i64::from(self.picture.width),
            i64::from(self.picture.height),
        );
        if x < 0 || y < 0 || x >= w || y >= h {
            return;
        }
        let i = ((y * w + x) * 3) as usize;
        if let Some(px) = self.picture.data.get_mut(i..i + 3) {
            px.copy_from_slice(&colour);
        }
    }

    pub(crate) fn fill_rect(&mut self, x: i64, y: i64, w: i64, h: i64, colour: [u8; 3]) {
        let x0 = x.max(0);
        let y0 = y.max(0);
        let x1 = (x + w).min(i64::from(self.picture.width));
        let y1 = (y + h).min(i64::from(self.picture.height));
        for yy in y0..y1 {
            for xx in x0..x1 {
                self.pixel(xx, yy, colour);
            }
        }
    }

    /// A line `thickness` pixels wide (Bresenham with a square pen).
    pub(crate) fn line(
        &mut self,
        from: (f64, f64),
        to: (f64, f64),
        thickness: i64,
        colour: [u8; 3],
    ) {
        if ![from.0, from.1, to.0, to.1].iter().all(|v| v.is_finite()) {
            return;
        }
        let limit = 1e6;
        let c = |v: f64| v.clamp(-limit, limit).round() as i64;
        let (mut x0, mut y0, x1, y1) = (c(from.0), c(from.1), c(to.0), c(to.1));
        let dx = (x1 - x0).abs();
        let dy = -(y1 - y0).abs();
        let sx = if x0 < x1 { 1 } else { -1 };
        let sy = if y0 < y1 { 1 } else { -1 };
        let mut err = dx + dy;
        let half = thickness / 2;
        // Bound the work for lines far outside the picture.
        let mut steps = 0u64;
        loop {
            self.fill_rect(x0 - half, y0 - half, thickness, thickness, colour);
            if (x0 == x1 && y0 == y1) || steps > 4_000_000 {
                break;
            }
            steps += 1;
            let e2 = 2 * err;
            if e2 >= dy {
                err += dy;
                x0 += sx;
            }
            if e2 <= dx {
                err += dx;
                y0 += sy;
            }
        }
    }

    pub(crate) fn path(
        &mut self,
        points: &[(f64, f64)],
        closed: bool,
        thickness: i64,
        colour: [u8; 3],
    ) {
        for pair in points.windows(2) {
            self.line(pair[0], pair[1], thickness, colour);
        }
        if closed
            && points.len() > 2
            && let (Some(&last), Some(&first)) = (points.last(), points.first())
        {
            self.line(last, first, thickness, colour);
        }
    }

    pub(crate) fn dot(&mut self, centre: (f64, f64), radius: i64, colour: [u8; 3]) {
        if !centre.0.is_finite() || !centre.1.is_finite() {
            return;
        }
        let (cx, cy) = (centre.0.round() as i64, centre.1.round() as i64);
        for dy in -radius..=radius {
            for dx in -radius..=radius {
                if dx * dx + dy * dy <= radius * radius {
                    self.pixel(cx + dx, cy + dy, colour);
                }
            }
        }
    }

    /// Width in pixels of `text` at `scale`.
    pub(crate) fn text_width(text: &str, scale: i64) -> i64 {
        text.chars().count() as i64 * (i64::from(GLYPH_WIDTH) + 1) * scale
    }

    /// Text on a filled box, top-left at (x, y).
    pub(crate) fn label(
        &mut self,
        x: i64,
        y: i64,
        text: &str,
        scale: i64,
        background: [u8; 3],
        foreground: [u8; 3],
    ) {
        let h = (i64::from(GLYPH_HEIGHT) + 2) * scale;
        self.fill_rect(x, y, Self::text_width(text, scale) + scale, h, background);
        let mut pen = x + scale;
        for ch in text.chars() {
            for (col, bits) in glyph(ch).iter().enumerate() {
                for row in 0..GLYPH_HEIGHT {
                    if bits >> row & 1 == 1 {
                        self.fill_rect(
                            pen + col as i64 * scale,
                            y + scale + i64::from(row) * scale,
                            scale,
                            scale,
                            foreground,
                        );
                    }
                }
            }
            pen += (i64::from(GLYPH_WIDTH) + 1) * scale;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blank(w: u32, h: u32) -> Rgb8 {
        Rgb8 {
            width: w,
            height: h,
            data: vec![0; (w * h * 3) as usize],
        }
    }

    #[test]
    fn drawing_on_an_empty_picture_does_nothing() {
        let mut p = blank(0, 0);
        let mut c = Canvas { picture: &mut p };
        c.line((0.0, 0.0), (10.0, 10.0), 2, [255; 3]);
        c.label(0, 0, "x", 1, [0; 3], [255; 3]);
        assert!(p.data.is_empty());
    }

    #[test]
    fn lines_far_outside_or_not_finite_are_clipped() {
        let mut p = blank(4, 4);
        let mut c = Canvas { picture: &mut p };
        c.line((-1e12, -1e12), (1e12, -1e12), 1, [255; 3]);
        c.line((f64::NAN, 0.0), (1.0, 1.0), 1, [255; 3]);
        assert!(p.data.iter().all(|&b| b == 0));
    }

    #[test]
    fn horizontal_line_colours_its_row() {
        let mut p = blank(4, 3);
        Canvas { picture: &mut p }.line((0.0, 1.0), (3.0, 1.0), 1, [9, 9, 9]);
        assert_eq!(&p.data[12..24], &[9; 12]);
        assert!(p.data[..12].iter().all(|&b| b == 0));
    }
}
