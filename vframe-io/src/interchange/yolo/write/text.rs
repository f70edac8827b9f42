//! Building label lines fast: remembered number texts, copied in fixed-size pieces.
//!
//! A label file's numbers are pixel values divided by the frame size, and pixel values on a
//! frame repeat: a job of 500,000 boxes has a few thousand distinct normalised values.
//! Formatting one takes a shortest-round-trip search; finding its text again is a table
//! look-up. Ground Truth pixels are whole numbers, so box centres are whole or half pixels:
//! [`Fractions`] keeps the text of `n / 2 / size` at index `n` for each axis (an array, no
//! hashing, small enough to stay in cache). Other values (interpolated shapes, coordinates
//! read from normalised formats) go through [`FloatTexts`], a direct-mapped hash table (a
//! new value replaces whatever held its slot), so sizes are fixed and a miss costs one
//! formatting, as without the tables.

use super::super::super::number::write_float;

/// Bytes of a piece: text (a remembered number's with its leading space) and, last, its
/// length.
const PIECE: usize = 24;

/// A piece of text padded to [`PIECE`] bytes, so that appending it is one fixed-size copy
/// (a few moves) rather than a variable one (a call).
pub(super) type Piece = [u8; PIECE];

/// Slots in the hash table (a power of two): 8,192 x 32 bytes stay in a core's L2 cache.
const SLOT_BITS: u32 = 13;
const SLOTS: usize = 1 << SLOT_BITS;

/// One remembered number: its bits and ` {v}` as a piece whose last byte is the text's
/// length (0: an empty slot).
#[derive(Clone, Copy)]
struct Slot {
    bits: u64,
    text: Piece,
}

/// Remembered ` {v}` texts of numbers, as [`write_float`] writes them.
pub(super) struct FloatTexts {
    slots: Vec<Slot>,
    scratch: Vec<u8>,
}

impl FloatTexts {
    /// An empty table; its slots are made at the first miss (most writes need few or none:
    /// whole and half pixels go through [`Fractions`]).
    pub(super) fn new() -> Self {
        Self {
            slots: Vec::new(),
            scratch: Vec::with_capacity(32),
        }
    }

    /// Appends ` {v}` (a space, then `v` as [`write_float`] writes it).
    #[inline(always)]
    pub(super) fn put(&mut self, out: &mut Vec<u8>, v: f64) -> std::io::Result<()> {
        let bits = v.to_bits();
        // Fibonacci hashing: the high bits of the product mix every input bit, and the
        // shift leaves an index below SLOTS.
        let index = (bits.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - SLOT_BITS)) as usize;
        if let Some(slot) = self.slots.get(index)
            && slot.bits == bits
            && slot.text[PIECE - 1] != 0
        {
            put_piece(out, &slot.text, usize::from(slot.text[PIECE - 1]));
            return Ok(());
        }
        self.remember(out, v, index)
    }

    /// Formats `v`, appends it and keeps it in slot `index`.
    #[cold]
    #[inline(never)]
    fn remember(&mut self, out: &mut Vec<u8>, v: f64, index: usize) -> std::io::Result<()> {
        if self.slots.is_empty() {
            let empty = Slot {
                bits: 0,
                text: [0; PIECE],
            };
            self.slots = vec![empty; SLOTS];
        }
        self.scratch.clear();
        self.scratch.push(b' ');
        write_float(&mut self.scratch, v)?;
        out.extend_from_slice(&self.scratch);
        let len = self.scratch.len();
        if len < PIECE
            && let Some(slot) = self.slots.get_mut(index)
        {
            slot.bits = v.to_bits();
            slot.text = [0; PIECE];
            slot.text[..len].copy_from_slice(&self.scratch);
            slot.text[PIECE - 1] = len as u8;
        }
        Ok(())
    }
}

/// Half-pixel indices remembered per axis at most: boxes reaching a little past a large
/// frame's edge still hit, and a table stays under 400 KB.
const MOST_HALF_PIXELS: u32 = 1 << 14;

/// Texts of `pixels / size` for whole and half pixels, one table per axis.
pub(super) struct Fractions {
    axes: [Axis; 2],
    others: FloatTexts,
}

struct Axis {
    size: f64,
    /// Index `n`: ` {n / 2 / size}` (a zero last byte: not yet formatted).
    texts: Vec<Piece>,
}

/// The horizontal axis (divided by the frame width).
pub(super) const X: usize = 0;
/// The vertical axis (divided by the frame height).
pub(super) const Y: usize = 1;

impl Fractions {
    /// Tables for a frame of `width` x `height` pixels.
    pub(super) fn new(width: f64, height: f64) -> Self {
        let axis = |size: f64| {
            // Values up to twice the size (a box's centre past the edge): 4 half pixels per
            // pixel of the size.
            let count = (size * 4.0 + 4.0).clamp(0.0, f64::from(MOST_HALF_PIXELS)) as usize;
            Axis {
                size,
                texts: vec![[0; PIECE]; count],
            }
        };
        Self {
            axes: [axis(width), axis(height)],
            others: FloatTexts::new(),
        }
    }

    /// Appends ` {pixels / size}` for `axis` ([`X`] or [`Y`]) and returns `pixels / size`.
    #[inline(always)]
    pub(super) fn put(
        &mut self,
        out: &mut Vec<u8>,
        axis: usize,
        pixels: f64,
    ) -> std::io::Result<f64> {
        let Some(table) = self.axes.get_mut(axis) else {
            return Ok(f64::NAN);
        };
        let v = pixels / table.size;
        let twice = pixels * 2.0;
        let index = twice as u32;
        // Bit-exact: excludes fractions, negative numbers and -0 (whose text differs).
        if f64::from(index).to_bits() == twice.to_bits()
            && let Some(piece) = table.texts.get_mut(index as usize)
        {
            let len = usize::from(piece[PIECE - 1]);
            if len != 0 {
                put_piece(out, piece, len);
            } else {
                fill(piece, out, v)?;
            }
            return Ok(v);
        }
        self.others.put(out, v)?;
        Ok(v)
    }
}

/// Formats ` {v}` into `out` and, when it fits, into `piece`.
#[cold]
#[inline(never)]
fn fill(piece: &mut Piece, out: &mut Vec<u8>, v: f64) -> std::io::Result<()> {
    let start = out.len();
    out.push(b' ');
    write_float(out, v)?;
    let text = out.get(start..).unwrap_or_default();
    if text.len() < PIECE {
        piece[..text.len()].copy_from_slice(text);
        piece[PIECE - 1] = text.len() as u8;
    }
    Ok(())
}

/// Appends `piece[..len]`.
#[inline(always)]
pub(super) fn put_piece(out: &mut Vec<u8>, piece: &Piece, len: usize) {
    let end = out.len() + len.min(PIECE);
    out.extend_from_slice(piece);
    out.truncate(end);
}

/// `{n}`, or ` {n}` with `space`, as a piece (u64 has at most 20 digits: it always fits).
pub(super) fn integer_piece(space: bool, n: u64) -> (Piece, usize) {
    let mut piece = [b' '; PIECE];
    let mut buffer = itoa::Buffer::new();
    let digits = buffer.format(n).as_bytes();
    let start = usize::from(space);
    let end = start + digits.len();
    if let Some(to) = piece.get_mut(start..end) {
        to.copy_from_slice(digits);
    }
    (piece, end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn written(values: &[f64], texts: &mut FloatTexts) -> String {
        let mut out = Vec::new();
        for v in values {
            texts.put(&mut out, *v).unwrap();
        }
        String::from_utf8(out).unwrap()
    }

    fn expected(values: &[f64]) -> String {
        values.iter().map(|v| format!(" {v}")).collect()
    }

    #[test]
    fn remembered_texts_equal_display_on_first_and_later_use() {
        let mut texts = FloatTexts::new();
        let values: Vec<f64> = [0.0, -0.0, 1.0, 1e-7, 1e21, f64::NAN, f64::INFINITY, -1e300]
            .into_iter()
            .chain((0..3000).map(|i| f64::from(i) / 1920.0))
            .collect();
        let first = written(&values, &mut texts);
        let again = written(&values, &mut texts);
        assert_eq!(first, expected(&values));
        assert_eq!(again, first);
    }

    #[test]
    fn values_sharing_a_slot_each_keep_their_own_text() {
        let mut texts = FloatTexts::new();
        // Far more values than slots: most evict one another.
        let values: Vec<f64> = (0..100_000).map(|i| f64::from(i) / 1080.0).collect();
        let mut once = written(&values, &mut texts);
        once.push_str(&written(&values, &mut texts));
        assert_eq!(once, expected(&values).repeat(2));
    }

    #[test]
    fn fraction_texts_equal_display_for_whole_half_and_other_pixels() {
        for (w, h) in [(1920.0, 1080.0), (7.0, 3.0), (1.0, 1.0)] {
            let mut fractions = Fractions::new(w, h);
            let pixels: Vec<f64> = (0..20_000)
                .map(|i| f64::from(i) / 2.0 - 10.0)
                .chain([
                    0.0,
                    -0.0,
                    0.1,
                    1.0 / 3.0,
                    1e300,
                    -1e300,
                    f64::NAN,
                    f64::INFINITY,
                ])
                .collect();
            for round in 0..2 {
                let mut out = Vec::new();
                let mut want = String::new();
                for (i, p) in pixels.iter().enumerate() {
                    let axis = i % 2;
                    let size = if axis == X { w } else { h };
                    let v = fractions.put(&mut out, axis, *p).unwrap();
                    assert_eq!(v.to_bits(), (p / size).to_bits());
                    want.push_str(&format!(" {}", p / size));
                }
                assert_eq!(
                    String::from_utf8(out).unwrap(),
                    want,
                    "round {round}, {w}x{h}"
                );
            }
        }
    }

    #[test]
    fn integer_pieces_with_and_without_space() {
        let (p, n) = integer_piece(false, 0);
        assert_eq!(&p[..n], b"0");
        let (p, n) = integer_piece(true, 42);
        assert_eq!(&p[..n], b" 42");
        let (p, n) = integer_piece(true, u64::MAX);
        assert_eq!(&p[..n], b" 18446744073709551615");
        let mut out = b"x".to_vec();
        put_piece(&mut out, &p, n);
        assert_eq!(out, b"x 18446744073709551615");
    }
}
