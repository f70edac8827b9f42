//! The parts of a COCO document vframe reads; unknown keys are ignored.

use std::collections::BTreeMap;

use serde::Deserialize;
use serde_json::Value;

#[derive(Debug, Deserialize)]
pub(crate) struct CocoDocument {
    #[serde(default)]
    pub videos: Vec<Video>,
    #[serde(default)]
    pub images: Vec<Image>,
    #[serde(default)]
    pub annotations: Vec<Annotation>,
    #[serde(default)]
    pub categories: Vec<Category>,
}

#[derive(Debug, Deserialize)]
pub(crate) struct Video {
    pub id: u64,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub width: Option<u32>,
    #[serde(default)]
    pub height: Option<u32>,
}

#[derive(Debug, Deserialize)]
pub(crate) struct Image {
    pub id: u64,
    pub file_name: String,
    #[serde(default)]
    pub width: Option<u32>,
    #[serde(default)]
    pub height: Option<u32>,
    #[serde(default)]
    pub video_id: Option<u64>,
    #[serde(default)]
    pub frame_index: Option<i64>,
    #[serde(default)]
    pub attributes: BTreeMap<String, Value>,
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub(crate) enum Segmentation {
    Polygons(Vec<Vec<f64>>),
    Other(Value),
}

#[derive(Debug, Deserialize)]
pub(crate) struct Annotation {
    pub image_id: u64,
    pub category_id: u64,
    #[serde(default)]
    pub bbox: Option<Vec<f64>>,
    #[serde(default)]
    pub segmentation: Option<Segmentation>,
    #[serde(default)]
    pub keypoints: Option<Vec<f64>>,
    #[serde(default)]
    pub track_id: Option<i64>,
    #[serde(default)]
    pub score: Option<f64>,
    #[serde(default)]
    pub attributes: BTreeMap<String, Value>,
}

#[derive(Debug, Deserialize)]
pub(crate) struct Category {
    pub id: u64,
    pub name: String,
}
