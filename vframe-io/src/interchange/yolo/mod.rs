//! YOLO text labels: one file per frame, one line per object, coordinates normalised by the
//! frame size; Ultralytics' detect, segment and pose lines, each optionally followed by an
//! integer track id (CVAT's "Detection Track" variant).
//!
//! - detect: `class cx cy w h`
//! - segment: `class x1 y1 x2 y2 ... xn yn` (a Ground Truth polygon)
//! - pose: `class cx cy w h x y v` (a Ground Truth keypoint is a one-point pose whose box is
//!   the point with zero size; `v` 2 = visible)
//!
//! `class` is the 0-based class id. Label files are named after the frame files (`stem.txt`);
//! reading maps them back to frames by name (given a sequence's frame names) or by the number
//! in the name ([`FrameNumbering::file_names`]). The label list is `data.yaml` (`names`)
//! or `obj.names`.
//!
//! YOLO needs the frame size for both directions, and its numbers are fractions of it: a
//! pixel value `v` written as `v / width` may not come back as exactly `v`; the writer checks
//! every number the way readers compute it and reports those that do not survive as
//! [`LossKind::Precision`].
//!
//! [`FrameNumbering::file_names`]: super::FrameNumbering::file_names
//! [`LossKind::Precision`]: super::LossKind::Precision

mod data_yaml;
mod read;
mod write;

pub use data_yaml::{DataYaml, parse_names_file};
pub use read::{YoloFrames, YoloReadOptions, read_yolo_dir, read_yolo_files};
pub use write::{YoloWriteOptions, write_yolo_dir, write_yolo_frames};

pub(crate) const FORMAT: &str = "YOLO";

/// Which Ultralytics task a label line is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum YoloTask {
    /// `class cx cy w h`.
    Detect,
    /// `class x1 y1 ... xn yn`.
    Segment,
    /// `class cx cy w h` then `keypoints` points of `dims` numbers each (2: x y; 3: x y v).
    Pose {
        /// Keypoints per line.
        keypoints: usize,
        /// Numbers per keypoint, 2 or 3.
        dims: usize,
    },
}
