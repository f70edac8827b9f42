use std::fmt;

use serde::{Deserialize, Serialize};

use crate::JsonPath;

/// Where a validation problem is, in the model's own terms.
///
/// A file reader (`vframe-io`) keeps a map from these back to positions in the file it read,
/// so a command line can print `FILE:LINE:COLUMN: JSON_PATH: message`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub enum Location {
    /// A place in a label category configuration, as a JSON path.
    Config(JsonPath),
    /// The sequence as a whole (e.g. too many frames).
    Sequence,
    /// A frame, or one of its frame attributes when `field` is set.
    Frame {
        /// The frame index (0-based).
        frame: u32,
        /// The JSON path below the frame entry, e.g. `frame-attributes.weather`.
        field: Option<JsonPath>,
    },
    /// An object's annotation on one frame (one keyframe), or a field of it.
    Annotation {
        /// The frame index (0-based).
        frame: u32,
        /// The object's position in [`crate::SequenceLabels::objects`].
        object: usize,
        /// The JSON path below the annotation, e.g. `label-category-attributes.occluded`.
        field: Option<JsonPath>,
    },
}

/// One thing wrong, with where it is and a stable code for tools.
///
/// Validation collects every problem rather than stopping at the first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Problem {
    /// Where the problem is.
    pub location: Location,
    /// A stable identifier of the rule broken, e.g. `labels.count` or `attribute.unknown`.
    pub code: &'static str,
    /// What was found and what was expected, in words.
    pub message: String,
}

impl Problem {
    /// A problem at a place in a label category configuration.
    pub fn config(path: JsonPath, code: &'static str, message: impl Into<String>) -> Self {
        Self {
            location: Location::Config(path),
            code,
            message: message.into(),
        }
    }

    /// A problem with the sequence as a whole.
    pub fn sequence(code: &'static str, message: impl Into<String>) -> Self {
        Self {
            location: Location::Sequence,
            code,
            message: message.into(),
        }
    }

    /// A problem on a frame, optionally at a field below the frame entry.
    pub fn frame(
        frame: u32,
        field: Option<JsonPath>,
        code: &'static str,
        message: impl Into<String>,
    ) -> Self {
        Self {
            location: Location::Frame { frame, field },
            code,
            message: message.into(),
        }
    }

    /// A problem with an object's annotation on a frame.
    pub fn annotation(
        frame: u32,
        object: usize,
        field: Option<JsonPath>,
        code: &'static str,
        message: impl Into<String>,
    ) -> Self {
        Self {
            location: Location::Annotation {
                frame,
                object,
                field,
            },
            code,
            message: message.into(),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.location {
            Location::Config(p) => write!(f, "{p}: {}", self.message),
            Location::Sequence => write!(f, "{}", self.message),
            Location::Frame { frame, field } => match field {
                Some(p) => write!(f, "frame {frame}: {p}: {}", self.message),
                None => write!(f, "frame {frame}: {}", self.message),
            },
            Location::Annotation {
                frame,
                object,
                field,
            } => match field {
                Some(p) => write!(f, "frame {frame}, object #{object}: {p}: {}", self.message),
                None => write!(f, "frame {frame}, object #{object}: {}", self.message),
            },
        }
    }
}
