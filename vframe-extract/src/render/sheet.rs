//! Overview pictures of a sequence: a contact sheet of evenly spaced labeled frames, and a
//! timeline with one row per object showing where it is visible and where its keyframes are.

use vframe_core::SequenceLabels;

use super::colour::{category_colour, text_colour};
use super::draw::Canvas;
use super::object_caption;
use crate::picture::Rgb8;

const SHEET_COLUMNS: usize = 6;
const SHEET_FRAMES: usize = 36;
const THUMB_WIDTH: u32 = 240;

/// Collects thumbnails of up to 36 evenly spaced frames while frames are drawn one by one,
/// so memory stays bounded whatever the sequence length.
pub(crate) struct SheetBuilder {
    picks: Vec<usize>,
    seen: usize,
    thumbs: Vec<(u32, Rgb8)>,
}

impl SheetBuilder {
    pub(crate) fn new(frame_count: usize) -> Self {
        let n = frame_count.min(SHEET_FRAMES);
        let picks = (0..n).map(|i| i * frame_count / n.max(1)).collect();
        Self {
            picks,
            seen: 0,
            thumbs: Vec::new(),
        }
    }

    /// Offers the next drawn frame (in sequence order).
    pub(crate) fn offer(&mut self, frame: u32, picture: &Rgb8) {
        if self.picks.binary_search(&self.seen).is_ok() {
            self.thumbs.push((frame, shrink(picture, THUMB_WIDTH)));
        }
        self.seen += 1;
    }

    pub(crate) fn finish(self) -> Rgb8 {
        contact_sheet(&self.thumbs)
    }
}

/// Nearest-neighbour downscale to `width` (pictures narrower than that are kept).
fn shrink(picture: &Rgb8, width: u32) -> Rgb8 {
    if picture.width <= width || picture.width == 0 {
        return picture.clone();
    }
    let height =
        (u64::from(picture.height) * u64::from(width) / u64::from(picture.width)).max(1) as u32;
    let mut out = Rgb8::default();
    out.reshape(width, height);
    for y in 0..height as usize {
        let sy = y * picture.height as usize / height as usize;
        for x in 0..width as usize {
            let sx = x * picture.width as usize / width as usize;
            let s = (sy * picture.width as usize + sx) * 3;
            let d = (y * width as usize + x) * 3;
            if let (Some(src), Some(dst)) = (picture.data.get(s..s + 3), out.data.get_mut(d..d + 3))
            {
                dst.copy_from_slice(src);
            }
        }
    }
    out
}

/// A grid of thumbnails, each captioned with its 0-based frame number.
///
/// ```
/// use vframe_extract::{picture::Rgb8, render::contact_sheet};
/// let thumb = Rgb8 { width: 8, height: 6, data: vec![200; 8 * 6 * 3] };
/// let sheet = contact_sheet(&[(0, thumb.clone()), (5, thumb)]);
/// assert!(sheet.width >= 16 && sheet.height >= 6);
/// ```
pub fn contact_sheet(thumbs: &[(u32, Rgb8)]) -> Rgb8 {
    let cell_w = thumbs.iter().map(|t| t.1.width).max().unwrap_or(0) + 4;
    let cell_h = thumbs.iter().map(|t| t.1.height).max().unwrap_or(0) + 4;
    let columns = thumbs.len().clamp(1, SHEET_COLUMNS);
    let rows = thumbs.len().div_ceil(columns).max(1);
    let mut sheet = Rgb8::default();
    sheet.reshape(cell_w * columns as u32, cell_h * rows as u32);
    sheet.data.fill(32);
    for (i, (frame, thumb)) in thumbs.iter().enumerate() {
        let (x0, y0) = (
            (i % columns) as u32 * cell_w + 2,
            (i / columns) as u32 * cell_h + 2,
        );
        for y in 0..thumb.height {
            let s = (y * thumb.width * 3) as usize;
            let d = (((y0 + y) * sheet.width + x0) * 3) as usize;
            let row = (thumb.width * 3) as usize;
            if let (Some(src), Some(dst)) =
                (thumb.data.get(s..s + row), sheet.data.get_mut(d..d + row))
            {
                dst.copy_from_slice(src);
            }
        }
        Canvas {
            picture: &mut sheet,
        }
        .label(
            i64::from(x0),
            i64::from(y0),
            &format!("frame {frame}"),
            1,
            [0, 0, 0],
            [255, 255, 255],
        );
    }
    sheet
}

const ROW_HEIGHT: i64 = 14;
const NAME_WIDTH: i64 = 150;
const MAX_ROWS: usize = 400;

/// One row per object (at most 400): its caption, a bar in its category's colour over the
/// frames where it is visible, and a dark tick on each keyframe. A header row marks every
/// 10th (or 100th, ...) frame.
pub fn timeline(labels: &SequenceLabels) -> Rgb8 {
    let frames = labels
        .frames()
        .last()
        .map_or(0, |f| f.index() as i64 + 1)
        .max(
            labels
                .objects()
                .iter()
                .map(|o| i64::from(o.track().span().1) + 1)
                .max()
                .unwrap_or(0),
        );
    let plot = (frames * 4).clamp(200, 1600);
    let px_per_frame = plot as f64 / frames.max(1) as f64;
    let rows = labels.objects().len().min(MAX_ROWS);
    let mut picture = Rgb8::default();
    picture.reshape(
        (NAME_WIDTH + plot + 10) as u32,
        ((rows as i64 + 2) * ROW_HEIGHT) as u32,
    );
    picture.data.fill(245);
    let mut c = Canvas {
        picture: &mut picture,
    };
    let step = [1i64, 10, 100, 1000, 10_000, 100_000]
        .into_iter()
        .find(|s| frames / s <= 20)
        .unwrap_or(1_000_000);
    let x_of = |f: i64| NAME_WIDTH + (f as f64 * px_per_frame) as i64;
    let mut f = 0;
    while f < frames {
        c.fill_rect(x_of(f), ROW_HEIGHT - 3, 1, 3, [120; 3]);
        c.label(x_of(f), 0, &f.to_string(), 1, [245; 3], [60; 3]);
        f += step;
    }
    for (row, object) in labels.objects().iter().take(MAX_ROWS).enumerate() {
        let y = (row as i64 + 1) * ROW_HEIGHT;
        let colour = category_colour(object.class_id().0);
        let caption: String = object_caption(labels, object).chars().take(22).collect();
        c.label(2, y + 1, &caption, 1, [245; 3], [0; 3]);
        let (first, last) = object.track().span();
        for frame in first..=last {
            if object.track().shape_at(frame).is_visible() {
                let x = x_of(i64::from(frame));
                let w = (px_per_frame.ceil() as i64).max(1);
                c.fill_rect(x, y + 2, w, ROW_HEIGHT - 4, colour);
            }
        }
        for k in object.track().keyframes() {
            c.fill_rect(
                x_of(i64::from(k.frame)),
                y + 1,
                2,
                ROW_HEIGHT - 2,
                text_colour(colour).map(|v| v / 2 + 20),
            );
        }
    }
    if labels.objects().len() > MAX_ROWS {
        let y = (rows as i64 + 1) * ROW_HEIGHT;
        c.label(
            2,
            y,
            &format!("... {} more objects", labels.objects().len() - MAX_ROWS),
            1,
            [245; 3],
            [0; 3],
        );
    }
    picture
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_sheet_is_a_small_blank_picture() {
        let s = contact_sheet(&[]);
        assert_eq!((s.width, s.height), (4, 4));
    }

    #[test]
    fn builder_picks_at_most_36_frames_evenly() {
        let mut b = SheetBuilder::new(1000);
        let p = Rgb8 {
            width: 2,
            height: 2,
            data: vec![1; 12],
        };
        for i in 0..1000 {
            b.offer(i, &p);
        }
        assert_eq!(b.thumbs.len(), 36);
        assert_eq!(b.thumbs[1].0, 27);
    }

    #[test]
    fn timeline_of_no_objects_has_only_the_header() {
        let labels = SequenceLabels::new(
            vframe_core::TaskType::Tracking,
            vframe_core::AnnotationType::BoundingBox,
        );
        let t = timeline(&labels);
        assert_eq!(t.height as i64, 2 * ROW_HEIGHT);
    }
}
