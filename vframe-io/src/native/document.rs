//! The native file as serde structs: the on-disk form, before validation.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use vframe_core::AttributeValues;

/// The whole native file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(crate) struct NativeDoc {
    /// Format version, [`super::NATIVE_VERSION`].
    pub vframe: u32,
    /// `tracking` or `detection`.
    pub task: String,
    /// `BoundingBox`, `Polyline`, `Polygon` or `Keypoint`.
    pub annotation_type: String,
    /// Class id (decimal string) -> label name.
    #[serde(default)]
    pub class_map: BTreeMap<String, String>,
    pub frames: Vec<FrameDoc>,
    pub objects: Vec<ObjectDoc>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct FrameDoc {
    pub frame: u32,
    pub file: String,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub attributes: AttributeValues,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(crate) struct ObjectDoc {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    pub class_id: u32,
    pub keyframes: Vec<KeyframeDoc>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct KeyframeDoc {
    pub frame: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shape: Option<ShapeDoc>,
    #[serde(default, skip_serializing_if = "is_false")]
    pub absent: bool,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub attributes: AttributeValues,
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// A shape in the fields of the file's annotation type; which fields must be present is
/// checked against `annotationType` when reading.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ShapeDoc {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub left: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub top: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub width: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub height: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub x: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub y: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vertices: Option<Vec<PointDoc>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct PointDoc {
    pub x: f64,
    pub y: f64,
}
