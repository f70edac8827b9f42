use thiserror::Error;
use vframe_geom::{GeomError, ShapeKind};

use crate::ClassId;

/// Why a model value could not be built or edited. Nothing was changed when one is returned.
///
/// Messages name the frame (0-based index as in `SeqLabel.json`'s `frame-no`) and the object
/// (its instance name and id when known).
#[derive(Debug, Clone, PartialEq, Error)]
#[non_exhaustive]
pub enum CoreError {
    /// A frame index listed twice.
    #[error("frame {frame} is listed twice")]
    DuplicateFrame {
        /// The frame index.
        frame: u32,
    },
    /// A keyframe on a frame the sequence's labels do not list.
    #[error("{object}: keyframe on frame {frame}, which is not a frame of this sequence")]
    UnknownFrame {
        /// The object, described.
        object: String,
        /// The frame index.
        frame: u32,
    },
    /// Keyframes out of order or on the same frame twice.
    #[error(
        "{object}: keyframe on frame {next} follows one on frame {previous}; keyframes must be on strictly increasing frames (one shape per object per frame)"
    )]
    KeyframesNotIncreasing {
        /// The object, described.
        object: String,
        /// Frame of the earlier keyframe.
        previous: u32,
        /// Frame of the offending keyframe.
        next: u32,
    },
    /// A track with no keyframes.
    #[error("{object}: a track needs at least one keyframe")]
    EmptyTrack {
        /// The object, described.
        object: String,
    },
    /// An absent keyframe where only a visible one makes sense.
    #[error(
        "{object}: absent keyframe on frame {frame} {why}; a track starts and ends visible, and absences do not follow each other"
    )]
    MisplacedAbsence {
        /// The object, described.
        object: String,
        /// The frame of the absent keyframe.
        frame: u32,
        /// `starts the track`, `ends the track` or `follows another absence`.
        why: &'static str,
    },
    /// A shape drawn with a tool other than the job's annotation type.
    #[error("{object}: frame {frame} has a {found}, but this job's annotation type is {expected}")]
    ShapeKindMismatch {
        /// The object, described.
        object: String,
        /// The frame index.
        frame: u32,
        /// The job's kind of shape.
        expected: ShapeKind,
        /// The shape given.
        found: ShapeKind,
    },
    /// An invalid shape (not finite, negative size, too few vertices).
    #[error("{object}: frame {frame}: {source}")]
    InvalidShape {
        /// The object, described.
        object: String,
        /// The frame index.
        frame: u32,
        /// What is wrong with the shape.
        source: GeomError,
    },
    /// Two objects with the same id in one sequence.
    #[error("object id {id} is used by two objects; each tracked object has one id and one track")]
    DuplicateObjectId {
        /// The id.
        id: String,
    },
    /// A tracked object without an id.
    #[error("{object}: objects of a tracking job need an object id")]
    MissingObjectId {
        /// The object, described.
        object: String,
    },
    /// A detection object with more than one keyframe.
    #[error(
        "{object}: detection labels have no identity across frames, so an object holds exactly one visible keyframe (found {found})"
    )]
    DetectionObjectSpansFrames {
        /// The object, described.
        object: String,
        /// How many keyframes it had.
        found: usize,
    },
    /// An object index out of range.
    #[error("there is no object number {index} (the sequence has {count} objects)")]
    NoSuchObject {
        /// The index asked for.
        index: usize,
        /// How many objects there are.
        count: usize,
    },
    /// A frame index that is not listed.
    #[error("frame {frame} is not a frame of this sequence")]
    NoSuchFrame {
        /// The frame index.
        frame: u32,
    },
    /// An object whose annotations disagree on something it keeps for its whole life
    /// (its class id or its instance name).
    #[error(
        "{object}: {field} is {first:?} on frame {first_frame} but {other:?} on frame {other_frame}; an object keeps one {field} for its whole life"
    )]
    ObjectInconsistent {
        /// The object, described.
        object: String,
        /// `class-id` or `object-name`.
        field: &'static str,
        /// The value first seen.
        first: String,
        /// Where it was first seen.
        first_frame: u32,
        /// The disagreeing value.
        other: String,
        /// Where that was seen.
        other_frame: u32,
    },
    /// A track that holds its shape over a listed frame without a keyframe there, which a
    /// Ground Truth file (every shape listed explicitly) cannot say.
    #[error(
        "{object}: the shape of the keyframe on frame {from} holds over listed frame {frame}, which has no keyframe; Ground Truth files list every shape explicitly, so put a keyframe on every listed frame the object is visible on (e.g. by interpolating) before writing"
    )]
    ShapeHeldOverFrame {
        /// The object, described.
        object: String,
        /// The keyframe whose shape holds.
        from: u32,
        /// The first listed frame without a keyframe.
        frame: u32,
    },
    /// A compression tolerance that is not a finite number in range, or an IoU tolerance
    /// for shapes other than boxes.
    #[error("invalid compression tolerance: {message}")]
    InvalidTolerance {
        /// What is wrong and what was expected.
        message: String,
    },
    // Refusals of edits (`crate::edit`).
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
