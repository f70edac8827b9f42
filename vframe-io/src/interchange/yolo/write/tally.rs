//! Counting what label lines lose without building a report per line.
//!
//! Frames are formatted in chunks on all cores, so losses are counted per chunk with the
//! place they first happened as (object index, frame): a sequential walk (object by object,
//! each in frame order) would name the smallest such pair, so chunks merge by taking the
//! smaller one, and the text is made once at the end.

use vframe_core::LabeledObject;

use crate::interchange::{LossKind, LossReport};

/// The losses a label line can have, in the order they are checked.
#[derive(Debug, Clone, Copy)]
pub(super) enum LineLoss {
    /// A polyline: YOLO has no line shape, the annotation is left out.
    Polyline = 0,
    /// An interpolated frame of a tracking job, written as a plain line.
    KeyframeFlag = 1,
    /// Label category attribute values.
    Attributes = 2,
    /// A number that does not read back exactly.
    Precision = 3,
}

const KINDS: [LossKind; 4] = [
    LossKind::Shapes("polyline"),
    LossKind::KeyframeFlags,
    LossKind::Attributes,
    LossKind::Precision,
];

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Count {
    count: u64,
    /// (object index, frame) of the first one.
    first: Option<(usize, u32)>,
}

/// Per-kind counts and first places of line losses.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct Tally {
    counts: [Count; 4],
}

impl Tally {
    /// Counts `count` losses of `kind` on `frame` of object `object`. Within one tally,
    /// calls come object by object in frame order, so the first call is the first place.
    #[inline]
    pub(super) fn add(&mut self, kind: LineLoss, count: u64, object: usize, frame: u32) {
        if let Some(c) = self.counts.get_mut(kind as usize) {
            c.count += count;
            if c.first.is_none() {
                c.first = Some((object, frame));
            }
        }
    }

    /// Adds another chunk's counts; the earlier first place (in object, then frame order)
    /// wins.
    pub(super) fn merge(&mut self, other: &Tally) {
        for (c, o) in self.counts.iter_mut().zip(&other.counts) {
            c.count += o.count;
            c.first = match (c.first, o.first) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            };
        }
    }

    /// Records the counts into `loss`, naming each first place as a sequential walk does.
    pub(super) fn report(&self, objects: &[LabeledObject], loss: &mut LossReport) {
        for (kind, c) in KINDS.iter().zip(&self.counts) {
            if let Some((object, frame)) = c.first {
                loss.record_many(*kind, c.count, || {
                    let described = objects
                        .get(object)
                        .map_or_else(String::new, |o| o.describe());
                    format!("frame {frame}, {described}")
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merge_adds_counts_and_keeps_the_earliest_place_whatever_the_order() {
        let mut a = Tally::default();
        a.add(LineLoss::Precision, 1, 5, 0);
        a.add(LineLoss::Precision, 1, 5, 9);
        let mut b = Tally::default();
        b.add(LineLoss::Precision, 1, 2, 40);
        b.add(LineLoss::Attributes, 3, 7, 1);
        let mut ab = a;
        ab.merge(&b);
        let mut ba = b;
        ba.merge(&a);
        assert_eq!(ab, ba);
        assert_eq!(ab.counts[3].count, 3);
        assert_eq!(ab.counts[3].first, Some((2, 40)));
        assert_eq!(ab.counts[2].count, 3);
        assert_eq!(ab.counts[0], Count::default());
    }
}
