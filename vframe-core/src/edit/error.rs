//! Why an edit was refused.

use thiserror::Error;

use crate::{ClassId, CoreError};

/// Why an [`Edit`](super::Edit) was refused. Nothing was changed when one is returned.
///
/// Messages name the object (instance name and id), the frame (0-based, as `frame-no`) and
/// the field, and say what the edit would have needed.
#[derive(Debug, Clone, PartialEq, Error)]
#[non_exhaustive]
pub enum EditError {
    /// The result would break an invariant of the model (order of keyframes, shape kind,
    /// unknown frame or object, ...).
    #[error(transparent)]
    Model(#[from] CoreError),
    /// A label name the configuration does not have.
    #[error("{label:?} is not a label of this job's configuration; expected one of {known:?}")]
    UnknownLabel {
        /// The name asked for.
        label: String,
        /// The configuration's labels.
        known: Vec<String>,
    },
    /// An object whose class id names no label of the configuration.
    #[error(
        "{object}: class-id {class_id} names no label of this job's configuration (through the class-map when it has entries, else by position in labels)"
    )]
    UnknownClass {
        /// The object, described.
        object: String,
        /// Its class id.
        class_id: ClassId,
    },
    /// An audit job's label with `editsAllowed: none`: its objects keep their geometry and
    /// label.
    #[error(
        "{object}: label {label:?} has \"editsAllowed\": \"none\" in this audit job, so {action} is not allowed"
    )]
    LabelLocked {
        /// The object, described (or the label for a new object).
        object: String,
        /// The locked label.
        label: String,
        /// What the edit would have done, e.g. `moving a shape`.
        action: &'static str,
    },
    /// An audit job's attribute with `editsAllowed: none`: its values cannot change.
    #[error(
        "{place}: attribute {name:?} has \"editsAllowed\": \"none\" in this audit job, so its value cannot change"
    )]
    AttributeLocked {
        /// Object and frame, or the frame for a frame attribute.
        place: String,
        /// The attribute.
        name: String,
    },
    /// An attribute name the configuration does not have for this label or for frames.
    #[error("{place}: no attribute is named {name:?}; expected one of {known:?}")]
    UnknownAttribute {
        /// Object and frame, or the frame for a frame attribute.
        place: String,
        /// The name given.
        name: String,
        /// The attributes that exist there.
        known: Vec<String>,
    },
    /// A value the attribute does not accept.
    #[error("{place}: attribute {name:?}: {reason}")]
    IllegalAttributeValue {
        /// Object and frame, or the frame for a frame attribute.
        place: String,
        /// The attribute.
        name: String,
        /// What was expected.
        reason: String,
    },
    /// The object has no shape on this frame.
    #[error("{object} is not shown on frame {frame}: {why}")]
    NotShown {
        /// The object, described.
        object: String,
        /// The frame.
        frame: u32,
        /// `its track starts later`, `it is absent there`, ...
        why: &'static str,
    },
    /// The edit needs a keyframe on this frame and there is none.
    #[error("{object} has no keyframe on frame {frame}")]
    NoKeyframe {
        /// The object, described.
        object: String,
        /// The frame.
        frame: u32,
    },
    /// The edit would create a keyframe where there already is one.
    #[error("{object} already has a keyframe on frame {frame}")]
    KeyframeExists {
        /// The object, described.
        object: String,
        /// The frame.
        frame: u32,
    },
    /// An edit that only makes sense for tracked objects, asked of a detection job.
    #[error(
        "{operation} needs a video frame object tracking job: detection labels have no identity across frames"
    )]
    NeedsTracking {
        /// The edit, e.g. `splitting a track`.
        operation: &'static str,
    },
    /// A split frame that would leave one part without a shape.
    #[error(
        "{object}: cannot split at frame {frame}: both parts need a shape, and the object is shown only from frame {first} to frame {last}"
    )]
    SplitOutsideTrack {
        /// The object, described.
        object: String,
        /// The frame asked for.
        frame: u32,
        /// First keyframe of the track.
        first: u32,
        /// Last keyframe of the track.
        last: u32,
    },
    /// Two tracks to merge that share frames.
    #[error(
        "cannot merge {from} (frames {from_first}..={from_last}) into {into} (frames {into_first}..={into_last}): their frames overlap, and an object is on a frame at most once"
    )]
    MergeOverlap {
        /// The object that would survive, described.
        into: String,
        /// Its first frame.
        into_first: u32,
        /// Its last frame.
        into_last: u32,
        /// The object that would be absorbed, described.
        from: String,
        /// Its first frame.
        from_first: u32,
        /// Its last frame.
        from_last: u32,
    },
    /// Two tracks to merge of different categories.
    #[error(
        "cannot merge {from} (class-id {from_class}) into {into} (class-id {into_class}): an object has one category for its whole life; relabel one first"
    )]
    MergeCategories {
        /// The object that would survive, described.
        into: String,
        /// Its class id.
        into_class: ClassId,
        /// The object that would be absorbed, described.
        from: String,
        /// Its class id.
        from_class: ClassId,
    },
    /// A merge of an object with itself.
    #[error("cannot merge object number {object} with itself")]
    MergeWithItself {
        /// The object's position.
        object: usize,
    },
    /// A [`Restore`](super::Restore) applied to labels other than the ones its edit
    /// produced (the object at its position is another one).
    #[error(
        "this undo step is out of date: it expects object id {expected:?} at position {index}, but {found} is there; apply inverses only to the labels their edit produced, in order"
    )]
    OutOfDate {
        /// The position.
        index: usize,
        /// The id the step expects there.
        expected: Option<String>,
        /// The object found there, described.
        found: String,
    },
}
