//! MOTChallenge text: ground truth (9 columns) and tracker results (10 columns), plus the
//! sequence's `seqinfo.ini`.
//!
//! Rows are `frame, id, bb_left, bb_top, bb_width, bb_height, conf, class, visibility`
//! (ground truth) or `frame, id, bb_left, bb_top, bb_width, bb_height, conf, x, y, z`
//! (results, `x y z` = -1 for 2D). Frames and ids count from 1 ([`FrameNumbering::mot`]);
//! `class` is the 1-based position in the label list (`gt/labels.txt`, or MOT's twelve
//! classes when there is none).
//!
//! In the model: every row is a visible keyframe; a track missing on a frame between two of
//! its rows is absent from the first such frame; rows with id -1 (or 0) are detections.
//! `conf` and `visibility` become the number attributes `confidence` and `visibility`
//! when they differ from 1, and are written back from them. Reading and writing go row by
//! row; writing holds one track at a time.
//!
//! [`FrameNumbering::mot`]: super::FrameNumbering::mot

mod read;
mod seqinfo;
mod write;

pub use read::{MotReadOptions, read_mot, read_mot_dir};
pub use seqinfo::SeqInfo;
pub use write::{write_mot, write_mot_dir};

/// The two row layouts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MotFlavor {
    /// `gt.txt`: 9 columns with class and visibility.
    GroundTruth,
    /// Tracker results: 10 columns with confidence and `-1,-1,-1`.
    Results,
}

/// The label list of MOT16/17/20 ground truth, `class` 1..=12.
pub const MOT_CLASSES: [&str; 12] = [
    "pedestrian",
    "person on vehicle",
    "car",
    "bicycle",
    "motorbike",
    "non motorized vehicle",
    "static person",
    "distractor",
    "occluder",
    "occluder on the ground",
    "occluder full",
    "reflection",
];

/// The attribute a row's `conf` column is read into and written from.
pub const CONFIDENCE_ATTRIBUTE: &str = "confidence";
/// The attribute a row's `visibility` column is read into and written from.
pub const VISIBILITY_ATTRIBUTE: &str = "visibility";

pub(crate) const FORMAT: &str = "MOTChallenge";
