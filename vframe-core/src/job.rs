//! What kind of job labels belong to: task type x job kind x annotation type.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use vframe_geom::ShapeKind;

/// The two video frame task types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum TaskType {
    /// Video frame object detection: labels per frame, no identity across frames.
    Detection,
    /// Video frame object tracking: objects keep an id across frames.
    Tracking,
}

impl TaskType {
    /// The `type` value Ground Truth writes in output metadata.
    pub fn metadata_type(self) -> &'static str {
        match self {
            TaskType::Detection => "groundtruth/video-object-detection",
            TaskType::Tracking => "groundtruth/video-object-tracking",
        }
    }

    /// The task type for a metadata `type` value.
    pub fn from_metadata_type(s: &str) -> Option<Self> {
        match s {
            "groundtruth/video-object-detection" => Some(TaskType::Detection),
            "groundtruth/video-object-tracking" => Some(TaskType::Tracking),
            _ => None,
        }
    }
}

/// Whether workers draw new labels, adjust earlier ones, or verify them.
///
/// Ground Truth does not store this anywhere: it follows from the label category
/// configuration (see [`crate::LabelCategoryConfig::job_kind`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum JobKind {
    /// A first labeling job.
    Labeling,
    /// An audit job whose workers may change the labels.
    Adjustment,
    /// An audit job whose workers may not change labels, only record a judgement.
    Verification,
}

/// The tool workers draw with, `annotationType` in the configuration.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum AnnotationType {
    /// `"BoundingBox"`, the default when the configuration does not say.
    #[default]
    BoundingBox,
    /// `"Polyline"`.
    Polyline,
    /// `"Polygon"`.
    Polygon,
    /// `"Keypoint"`.
    Keypoint,
}

impl AnnotationType {
    /// All four, in documentation order.
    pub const ALL: [AnnotationType; 4] = [
        AnnotationType::BoundingBox,
        AnnotationType::Polyline,
        AnnotationType::Polygon,
        AnnotationType::Keypoint,
    ];

    /// The spelling in the configuration file, e.g. `"BoundingBox"`.
    pub fn as_str(self) -> &'static str {
        match self {
            AnnotationType::BoundingBox => "BoundingBox",
            AnnotationType::Polyline => "Polyline",
            AnnotationType::Polygon => "Polygon",
            AnnotationType::Keypoint => "Keypoint",
        }
    }

    /// The kind of shape this tool draws.
    pub fn shape_kind(self) -> ShapeKind {
        match self {
            AnnotationType::BoundingBox => ShapeKind::BoundingBox,
            AnnotationType::Polyline => ShapeKind::Polyline,
            AnnotationType::Polygon => ShapeKind::Polygon,
            AnnotationType::Keypoint => ShapeKind::Keypoint,
        }
    }

    /// The tool that draws this kind of shape.
    pub fn from_shape_kind(kind: ShapeKind) -> Self {
        match kind {
            ShapeKind::BoundingBox => AnnotationType::BoundingBox,
            ShapeKind::Polyline => AnnotationType::Polyline,
            ShapeKind::Polygon => AnnotationType::Polygon,
            ShapeKind::Keypoint => AnnotationType::Keypoint,
        }
    }
}

impl fmt::Display for AnnotationType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for AnnotationType {
    type Err = String;

    /// Parses the exact spelling Ground Truth documents (case-sensitive).
    fn from_str(s: &str) -> Result<Self, String> {
        Self::ALL
            .into_iter()
            .find(|t| t.as_str() == s)
            .ok_or_else(|| {
                format!(
                    "unknown annotationType {s:?}, expected one of \"BoundingBox\", \"Polyline\", \"Polygon\", \"Keypoint\""
                )
            })
    }
}
