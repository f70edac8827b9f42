//! The parts of a COCO document vframe reads; unknown keys are ignored.

use std::collections::BTreeMap;

use std::fmt;

use serde::Deserialize;
use serde::de::{Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::Number;

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
    pub attributes: BTreeMap<String, Scalar>,
}

/// One value of an `attributes` object. What `serde_json::Value` would hold, less what
/// the reader ignores: arrays, objects and nulls are skipped without being built (this runs
/// for every attribute of every annotation).
#[derive(Debug, Clone)]
pub(crate) enum Scalar {
    Number(Number),
    Bool(bool),
    Text(String),
    /// `null`, an array or an object.
    Other,
}

impl<'de> Deserialize<'de> for Scalar {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Scalars;
        impl<'de> Visitor<'de> for Scalars {
            type Value = Scalar;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON value")
            }
            fn visit_bool<E>(self, v: bool) -> Result<Scalar, E> {
                Ok(Scalar::Bool(v))
            }
            fn visit_i64<E>(self, v: i64) -> Result<Scalar, E> {
                Ok(Scalar::Number(v.into()))
            }
            fn visit_u64<E>(self, v: u64) -> Result<Scalar, E> {
                Ok(Scalar::Number(v.into()))
            }
            fn visit_f64<E>(self, v: f64) -> Result<Scalar, E> {
                // As `serde_json::Value`: a number it cannot hold becomes null.
                Ok(Number::from_f64(v).map_or(Scalar::Other, Scalar::Number))
            }
            fn visit_str<E>(self, v: &str) -> Result<Scalar, E> {
                Ok(Scalar::Text(v.to_owned()))
            }
            fn visit_string<E>(self, v: String) -> Result<Scalar, E> {
                Ok(Scalar::Text(v))
            }
            fn visit_unit<E>(self) -> Result<Scalar, E> {
                Ok(Scalar::Other)
            }
            fn visit_none<E>(self) -> Result<Scalar, E> {
                Ok(Scalar::Other)
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Scalar, D::Error> {
                Scalar::deserialize(d)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Scalar, A::Error> {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(Scalar::Other)
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Scalar, A::Error> {
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(Scalar::Other)
            }
        }
        d.deserialize_any(Scalars)
    }
}

/// `segmentation`: polygons, or an RLE object (not held by the model, only noticed).
#[derive(Debug)]
pub(crate) enum Segmentation {
    Polygons(Vec<Vec<f64>>),
    Rle,
}

// By hand rather than `#[serde(untagged)]`, which buffers every value before trying the
// variants: this runs once per annotation.
impl<'de> Deserialize<'de> for Segmentation {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Shapes;
        impl<'de> Visitor<'de> for Shapes {
            type Value = Segmentation;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a list of polygons or an RLE object")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Segmentation, A::Error> {
                let mut polygons = Vec::new();
                while let Some(p) = seq.next_element::<Vec<f64>>()? {
                    polygons.push(p);
                }
                Ok(Segmentation::Polygons(polygons))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Segmentation, A::Error> {
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(Segmentation::Rle)
            }
        }
        d.deserialize_any(Shapes)
    }
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
    pub attributes: BTreeMap<String, Scalar>,
}

#[derive(Debug, Deserialize)]
pub(crate) struct Category {
    pub id: u64,
    pub name: String,
}
