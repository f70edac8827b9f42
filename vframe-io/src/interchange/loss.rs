//! Loss reports: what a conversion could not carry over, counted, never silent.
//!
//! Every reader and writer of an interchange format returns a [`LossReport`] beside its
//! result. An empty report means the target holds everything the source said; otherwise each
//! kind of loss has a count and the first place it happened. [`LossReport::check_strict`]
//! turns any loss into an error for pipelines that must not degrade.

use std::collections::BTreeMap;
use std::fmt;

use crate::IoError;

/// One kind of information a target format cannot hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum LossKind {
    /// Object ids the target cannot spell (non-numeric, or outside its id range): the objects
    /// were renumbered, identity across frames is kept.
    ObjectIds,
    /// Instance names (`car:1`) that reading the target back will not reproduce.
    InstanceNames,
    /// Identity across frames: the target has no track ids, objects become detections.
    TrackIdentity,
    /// Which frames were keyframes: interpolated frames written as plain annotations.
    KeyframeFlags,
    /// Absences inside a track that the target cannot express.
    Absences,
    /// CVAT's `occluded` flag.
    Occluded,
    /// CVAT's `z_order` (drawing order).
    ZOrder,
    /// Box rotation (CVAT `rotation`).
    Rotation,
    /// CVAT's `group_id`.
    Groups,
    /// Label category attribute values.
    Attributes,
    /// Frame attribute values.
    FrameAttributes,
    /// Shapes of a kind the target (or the model's one annotation type) cannot hold; the
    /// string names the kind (`polygon`, `ellipse`, `mask`, ...).
    Shapes(&'static str),
    /// Keypoints beyond the first of a pose (the model's keypoint object is one point).
    ExtraKeypoints,
    /// Numbers that do not survive the target's number form exactly (normalisation,
    /// rounding).
    Precision,
    /// A class (category) the target cannot name, or a class change inside one track.
    Classes,
    /// Per-row confidence or visibility values that have no place in the target.
    Scores,
}

impl LossKind {
    /// What is lost, in words.
    pub fn describe(self) -> String {
        match self {
            LossKind::ObjectIds => "object ids renumbered".into(),
            LossKind::InstanceNames => "instance names not reproducible".into(),
            LossKind::TrackIdentity => "track identity (objects written as detections)".into(),
            LossKind::KeyframeFlags => "keyframe flags (interpolated frames written dense)".into(),
            LossKind::Absences => "absences (outside) inside tracks".into(),
            LossKind::Occluded => "occluded flags".into(),
            LossKind::ZOrder => "z_order values".into(),
            LossKind::Rotation => "box rotations".into(),
            LossKind::Groups => "group ids".into(),
            LossKind::Attributes => "label category attribute values".into(),
            LossKind::FrameAttributes => "frame attribute values".into(),
            LossKind::Shapes(kind) => format!("{kind} shapes"),
            LossKind::ExtraKeypoints => "keypoints beyond the first of a pose".into(),
            LossKind::Precision => "numbers not exact after conversion".into(),
            LossKind::Classes => "classes".into(),
            LossKind::Scores => "confidence or visibility values".into(),
        }
    }
}

/// How often one kind of loss happened, and where first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LossEntry {
    /// Number of values (annotations, attributes, objects, numbers) lost.
    pub count: u64,
    /// Where it happened first, e.g. `frame 3, object car:1 (id 7)`.
    pub first: String,
}

/// Everything one conversion lost, by kind.
///
/// ```
/// use vframe_io::interchange::{LossKind, LossReport};
///
/// let mut report = LossReport::new("MOTChallenge");
/// assert!(report.is_lossless());
/// report.record(LossKind::Attributes, || "frame 0, object car:1".into());
/// report.record(LossKind::Attributes, || "frame 1, object car:1".into());
/// assert_eq!(report.count(LossKind::Attributes), 2);
/// assert!(report.to_string().contains("2 label category attribute values (first: frame 0, object car:1)"));
/// assert!(report.check_strict().is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LossReport {
    target: &'static str,
    entries: BTreeMap<LossKind, LossEntry>,
}

impl LossReport {
    /// An empty report for a conversion into `target` (a format name for messages).
    pub fn new(target: &'static str) -> Self {
        Self {
            target,
            entries: BTreeMap::new(),
        }
    }

    /// The format the conversion went into.
    pub fn target(&self) -> &'static str {
        self.target
    }

    /// Counts one loss; `first` describes where and is called only for the first one.
    pub fn record(&mut self, kind: LossKind, first: impl FnOnce() -> String) {
        self.record_many(kind, 1, first);
    }

    /// Counts `count` losses of one kind at once.
    pub fn record_many(&mut self, kind: LossKind, count: u64, first: impl FnOnce() -> String) {
        if count == 0 {
            return;
        }
        self.entries
            .entry(kind)
            .and_modify(|e| e.count += count)
            .or_insert_with(|| LossEntry {
                count,
                first: first(),
            });
    }

    /// Adds another report's entries (e.g. reading then writing in one conversion).
    pub fn merge(&mut self, other: LossReport) {
        for (kind, entry) in other.entries {
            let LossEntry { count, first } = entry;
            self.record_many(kind, count, || first);
        }
    }

    /// Whether nothing was lost.
    pub fn is_lossless(&self) -> bool {
        self.entries.is_empty()
    }

    /// How many losses of this kind.
    pub fn count(&self, kind: LossKind) -> u64 {
        self.entries.get(&kind).map_or(0, |e| e.count)
    }

    /// The entries, by kind.
    pub fn entries(&self) -> impl Iterator<Item = (LossKind, &LossEntry)> {
        self.entries.iter().map(|(k, e)| (*k, e))
    }

    /// `Ok` when nothing was lost; otherwise [`IoError::Lossy`] carrying this report.
    pub fn check_strict(&self) -> Result<(), IoError> {
        if self.is_lossless() {
            Ok(())
        } else {
            Err(IoError::Lossy {
                target: self.target,
                report: self.to_string(),
            })
        }
    }
}

impl fmt::Display for LossReport {
    /// One line per kind: `  12 occluded flags (first: frame 4, track 2)`; a single line
    /// saying nothing was lost otherwise.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.entries.is_empty() {
            return write!(f, "{}: nothing lost", self.target);
        }
        let mut first = true;
        for (kind, entry) in &self.entries {
            if !first {
                f.write_str("\n")?;
            }
            first = false;
            write!(
                f,
                "  {} {} (first: {})",
                entry.count,
                kind.describe(),
                entry.first
            )?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_report_is_lossless_and_passes_strict() {
        let r = LossReport::new("COCO");
        assert!(r.is_lossless());
        assert!(r.check_strict().is_ok());
        assert_eq!(r.to_string(), "COCO: nothing lost");
    }

    #[test]
    fn zero_count_records_nothing() {
        let mut r = LossReport::new("COCO");
        r.record_many(LossKind::Occluded, 0, || unreachable!());
        assert!(r.is_lossless());
    }

    #[test]
    fn first_place_is_kept_and_counts_add_on_merge() {
        let mut a = LossReport::new("YOLO");
        a.record(LossKind::Occluded, || "frame 1".into());
        let mut b = LossReport::new("YOLO");
        b.record_many(LossKind::Occluded, 4, || "frame 9".into());
        b.record(LossKind::ZOrder, || "frame 2".into());
        a.merge(b);
        assert_eq!(a.count(LossKind::Occluded), 5);
        assert_eq!(a.count(LossKind::ZOrder), 1);
        assert!(a.to_string().contains("5 occluded flags (first: frame 1)"));
    }

    #[test]
    fn strict_error_names_target_and_losses() {
        let mut r = LossReport::new("MOTChallenge");
        r.record(LossKind::Shapes("polygon"), || "frame 0".into());
        let err = r.check_strict().unwrap_err().to_string();
        assert!(err.contains("MOTChallenge"), "{err}");
        assert!(err.contains("1 polygon shapes"), "{err}");
    }
}
