use thiserror::Error;
use vframe_geom::{GeomError, ShapeKind};

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
}
