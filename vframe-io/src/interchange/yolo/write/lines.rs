//! Formatting one chunk of frames: every object's lines on those frames, gathered per frame
//! in object order.

use vframe_core::LabeledObject;
use vframe_geom::Shape;

use super::plan::Chunk;
use super::tally::{LineLoss, Tally};
use super::text::{Fractions, Piece, X, Y, integer_piece, put_piece};
use super::walk::walk_window;

/// What every chunk needs to know about the write.
pub(super) struct Context<'a> {
    pub objects: &'a [LabeledObject],
    /// Track ids to append, per object; `None` when none are written.
    pub numbers: Option<&'a [Option<u64>]>,
    pub listed: &'a [u32],
    /// A tracking job: interpolated frames lose their keyframe flag.
    pub tracked: bool,
    pub width: f64,
    pub height: f64,
}

/// The label files of one chunk's frames, back to back.
pub(super) struct ChunkFiles {
    bytes: Vec<u8>,
    /// Where each frame's file ends in `bytes`.
    ends: Vec<usize>,
    pub tally: Tally,
}

impl ChunkFiles {
    /// The buffer, for the next chunk.
    pub(super) fn into_bytes(self) -> Vec<u8> {
        self.bytes
    }

    /// Each frame's file, in frame order.
    pub(super) fn files(&self) -> impl Iterator<Item = &[u8]> {
        let starts = std::iter::once(0).chain(self.ends.iter().copied());
        starts
            .zip(&self.ends)
            .map(|(start, &end)| self.bytes.get(start..end).unwrap_or_default())
    }
}

/// What a worker keeps from chunk to chunk: its number texts and buffers, so that each
/// fills and grows once per write.
pub(super) struct Workspace {
    texts: Fractions,
    /// Class ids as text, by id (a detection job has a class per line).
    classes: Vec<(Piece, usize)>,
    /// (slot within the chunk, end of the line), in the order written.
    lines: Vec<(usize, usize)>,
    /// Lines in object order, when they need reordering into frames.
    spare: Vec<u8>,
    /// Where each frame's lines go next while reordering.
    at: Vec<usize>,
}

impl Workspace {
    /// A workspace for frames of `width` x `height` pixels.
    pub(super) fn new(width: f64, height: f64) -> Self {
        Self {
            texts: Fractions::new(width, height),
            classes: Vec::new(),
            lines: Vec::new(),
            spare: Vec::new(),
            at: Vec::new(),
        }
    }
}

/// Formats the lines of `objects` (ascending indices) on `chunk`'s frames. `bytes` is a
/// buffer from an earlier chunk (saves growing a new one); its contents are dropped.
pub(super) fn format_chunk(
    cx: &Context<'_>,
    chunk: &Chunk,
    objects: &[usize],
    ws: &mut Workspace,
    mut bytes: Vec<u8>,
) -> std::io::Result<ChunkFiles> {
    let (w, h) = (cx.width, cx.height);
    let mut tally = Tally::default();
    let Workspace {
        texts,
        classes,
        lines,
        spare,
        at,
    } = ws;
    lines.clear();
    // Lines are written object by object; they are in frame order already when each
    // object shows on one frame and objects come in frame order (detection jobs).
    let mut in_frame_order = true;
    let line = &mut *spare;
    line.clear();
    for &o in objects {
        let Some(object) = cx.objects.get(o) else {
            continue;
        };
        let (class, class_len) = class_piece(classes, object.class_id().0);
        let number = cx
            .numbers
            .and_then(|n| n.get(o).copied().flatten())
            .map(|t| integer_piece(true, t));
        walk_window(object.track(), cx.listed, chunk, |step| {
            let frame = step.frame;
            if let Shape::Polyline { .. } = step.shape {
                tally.add(LineLoss::Polyline, 1, o, frame);
                return Ok(());
            }
            if cx.tracked && !step.keyframe {
                tally.add(LineLoss::KeyframeFlag, 1, o, frame);
            }
            if !step.attributes.is_empty() {
                tally.add(LineLoss::Attributes, step.attributes.len() as u64, o, frame);
            }
            let Some(slot) = step.slot else {
                return Ok(());
            };
            put_piece(line, &class, class_len);
            let exact = match step.shape {
                Shape::BoundingBox(b) => {
                    put_box(texts, line, b.left, b.top, b.width, b.height, w, h)?
                }
                Shape::Polygon { vertices } => {
                    let mut exact = true;
                    for p in vertices.vertices() {
                        let x = texts.put(line, X, p.x)?;
                        let y = texts.put(line, Y, p.y)?;
                        exact &= x * w == p.x && y * h == p.y;
                    }
                    exact
                }
                Shape::Keypoint(k) => {
                    let exact = put_box(texts, line, k.x, k.y, 0.0, 0.0, w, h)?;
                    let x = texts.put(line, X, k.x)?;
                    let y = texts.put(line, Y, k.y)?;
                    line.extend_from_slice(b" 2");
                    exact && x * w == k.x && y * h == k.y
                }
                Shape::Polyline { .. } => true,
            };
            if !exact {
                tally.add(LineLoss::Precision, 1, o, frame);
            }
            if let Some((piece, len)) = &number {
                put_piece(line, piece, *len);
            }
            line.push(b'\n');
            let slot = slot - chunk.slots.start;
            in_frame_order &= lines.last().is_none_or(|&(s, _)| s <= slot);
            lines.push((slot, line.len()));
            Ok::<(), std::io::Error>(())
        })?;
    }
    let frames = chunk.slots.len();
    let mut ends = Vec::with_capacity(frames);
    if in_frame_order {
        std::mem::swap(spare, &mut bytes);
        let mut end = 0;
        let mut next = lines.iter().peekable();
        for slot in 0..frames {
            while let Some(&&(s, e)) = next.peek()
                && s == slot
            {
                end = e;
                next.next();
            }
            ends.push(end);
        }
    } else {
        gather_by_frame(spare, lines, frames, at, &mut bytes, &mut ends);
    }
    Ok(ChunkFiles { bytes, ends, tally })
}

/// Class ids with a remembered text: far more than any label list has.
const REMEMBERED_CLASSES: u32 = 1 << 12;

/// `class` as text, remembered in `classes` when small.
fn class_piece(classes: &mut Vec<(Piece, usize)>, class: u32) -> (Piece, usize) {
    if class >= REMEMBERED_CLASSES {
        return integer_piece(false, u64::from(class));
    }
    let index = class as usize;
    if classes.len() <= index {
        let known = classes.len() as u32;
        classes.extend((known..=class).map(|c| integer_piece(false, u64::from(c))));
    }
    classes
        .get(index)
        .copied()
        .unwrap_or_else(|| integer_piece(false, u64::from(class)))
}

/// Reorders `lines` of `from`, written object by object, into frame order in `out`,
/// keeping object order within a frame (a stable counting sort by slot); `ends` gets where
/// each frame's file ends.
fn gather_by_frame(
    from: &[u8],
    lines: &[(usize, usize)],
    frames: usize,
    at: &mut Vec<usize>,
    out: &mut Vec<u8>,
    ends: &mut Vec<usize>,
) {
    at.clear();
    at.resize(frames, 0);
    let mut start = 0;
    for &(slot, end) in lines {
        if let Some(size) = at.get_mut(slot) {
            *size += end - start;
        }
        start = end;
    }
    let mut total = 0;
    for size in at.iter_mut() {
        let first = total;
        total += *size;
        ends.push(total);
        *size = first;
    }
    out.clear();
    out.resize(total, 0);
    let mut start = 0;
    for &(slot, end) in lines {
        if let (Some(to), Some(line)) = (at.get_mut(slot), from.get(start..end))
            && let Some(place) = out.get_mut(*to..*to + line.len())
        {
            place.copy_from_slice(line);
            *to += line.len();
        }
        start = end;
    }
}

/// Writes ` cx cy w h`; true when a reader gets the pixel values back exactly (the same
/// arithmetic as readers use).
#[allow(clippy::too_many_arguments)]
#[inline]
fn put_box(
    texts: &mut Fractions,
    line: &mut Vec<u8>,
    left: f64,
    top: f64,
    width: f64,
    height: f64,
    w: f64,
    h: f64,
) -> std::io::Result<bool> {
    // The same expressions as readers' (and the reference writer's), value for value.
    let cx = texts.put(line, X, left + width / 2.0)?;
    let cy = texts.put(line, Y, top + height / 2.0)?;
    let nw = texts.put(line, X, width)?;
    let nh = texts.put(line, Y, height)?;
    let (rw, rh) = (nw * w, nh * h);
    Ok(rw == width && rh == height && cx * w - rw / 2.0 == left && cy * h - rh / 2.0 == top)
}
