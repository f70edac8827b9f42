//! The parts of a COCO document vframe reads; unknown keys are ignored.

use std::collections::BTreeMap;

use std::fmt;

use serde::Deserialize;
use serde::de::{Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::Number;
use vframe_core::{AttributeValue, AttributeValues};

#[derive(Debug, Default, PartialEq, Deserialize)]
pub(crate) struct CocoDocument {
    #[serde(default)]
    pub videos: Vec<Video>,
    #[serde(default)]
    pub images: Vec<Image>,
    #[serde(default)]
    pub annotations: Annotations,
    #[serde(default)]
    pub categories: Vec<Category>,
}

/// The `annotations` array in document order, as the runs it was parsed in (one run when
/// parsed in one go, one per chunk when parsed on several threads): joining the runs would
/// move every annotation once more.
#[derive(Debug, Default)]
pub(crate) struct Annotations(pub Vec<Vec<Annotation>>);

/// Equal when the annotations are, however they are split into runs.
impl PartialEq for Annotations {
    fn eq(&self, other: &Self) -> bool {
        self.0.iter().flatten().eq(other.0.iter().flatten())
    }
}

impl<'de> Deserialize<'de> for Annotations {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Vec::deserialize(d).map(|run| Annotations(vec![run]))
    }
}

#[derive(Debug, PartialEq, Deserialize)]
pub(crate) struct Video {
    pub id: u64,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub width: Option<u32>,
    #[serde(default)]
    pub height: Option<u32>,
}

#[derive(Debug, PartialEq, Deserialize)]
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
#[derive(Debug, Clone, PartialEq)]
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

impl Scalar {
    /// The attribute value a scalar is: numbers as numbers, booleans as text, nothing for
    /// the rest.
    pub fn into_value(self) -> Option<AttributeValue> {
        match self {
            Scalar::Text(s) => Some(AttributeValue::Text(s)),
            Scalar::Number(n) => n.as_f64().map(AttributeValue::Number),
            Scalar::Bool(b) => Some(AttributeValue::Text(b.to_string())),
            Scalar::Other => None,
        }
    }
}

/// `segmentation`: polygons, or an RLE object (not held by the model, only noticed).
#[derive(Debug, PartialEq)]
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

#[derive(Debug, PartialEq, Deserialize)]
pub(crate) struct Annotation {
    pub image_id: u64,
    pub category_id: u64,
    #[serde(default)]
    pub bbox: Option<Numbers>,
    #[serde(default)]
    pub segmentation: Option<Segmentation>,
    #[serde(default)]
    pub keypoints: Option<Vec<f64>>,
    #[serde(default)]
    pub track_id: Option<i64>,
    #[serde(default)]
    pub score: Option<f64>,
    #[serde(default)]
    pub attributes: Attributes,
}

/// A list of numbers of which only the first four are kept (a `bbox`): read as a `Vec<f64>`
/// would be (same errors), without a heap allocation per annotation.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(crate) struct Numbers {
    first: [f64; 4],
    /// How many numbers the list had.
    pub len: usize,
}

impl Numbers {
    /// The four numbers of a list of exactly four.
    pub fn four(&self) -> Option<[f64; 4]> {
        (self.len == 4).then_some(self.first)
    }

    /// Counts one more number, keeping it when among the first four.
    pub fn push(&mut self, v: f64) {
        if let Some(slot) = self.first.get_mut(self.len) {
            *slot = v;
        }
        self.len += 1;
    }
}

impl<'de> Deserialize<'de> for Numbers {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct List;
        impl<'de> Visitor<'de> for List {
            type Value = Numbers;
            // What `Vec`'s visitor says, so errors read as before.
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a sequence")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Numbers, A::Error> {
                let mut numbers = Numbers::default();
                while let Some(v) = seq.next_element::<f64>()? {
                    numbers.push(v);
                }
                Ok(numbers)
            }
        }
        d.deserialize_seq(List)
    }
}

/// An annotation's `attributes` object, sorted as the reader uses it: the four names that
/// mean something to COCO tools (when their value has the type they mean it with) apart,
/// every other scalar as a label category attribute value.
///
/// A name given twice counts with its last value, as a map would keep it; a special name
/// whose (last) value has another type is an ordinary attribute value.
#[derive(Debug, Default, PartialEq)]
pub(crate) struct Attributes {
    pub values: AttributeValues,
    /// `track_id`, when a number (`None` inside when not a 64-bit integer).
    pub track_id: Option<Option<i64>>,
    /// `keyframe`, when a boolean.
    pub keyframe: Option<bool>,
    /// `occluded`, when a boolean.
    pub occluded: Option<bool>,
    /// `rotation`, when a number: whether it is other than 0.
    pub rotated: Option<bool>,
}

impl Attributes {
    /// Takes one entry of the object, in the order given.
    pub fn set(&mut self, name: String, value: Scalar) {
        let special = match (name.as_str(), &value) {
            ("track_id", Scalar::Number(t)) => {
                self.track_id = Some(t.as_i64());
                true
            }
            ("keyframe", Scalar::Bool(k)) => {
                self.keyframe = Some(*k);
                true
            }
            ("occluded", Scalar::Bool(o)) => {
                self.occluded = Some(*o);
                true
            }
            ("rotation", Scalar::Number(r)) => {
                self.rotated = Some(r.as_f64() != Some(0.0));
                true
            }
            ("track_id", _) => {
                self.track_id = None;
                false
            }
            ("keyframe", _) => {
                self.keyframe = None;
                false
            }
            ("occluded", _) => {
                self.occluded = None;
                false
            }
            ("rotation", _) => {
                self.rotated = None;
                false
            }
            _ => false,
        };
        match value.into_value() {
            Some(v) if !special => {
                self.values.insert(name, v);
            }
            _ => {
                // Only when an earlier value under this name was kept.
                if !self.values.is_empty() {
                    self.values.remove(&name);
                }
            }
        }
    }
}

impl<'de> Deserialize<'de> for Attributes {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Map;
        impl<'de> Visitor<'de> for Map {
            type Value = Attributes;
            // What `BTreeMap`'s visitor says, so errors read as before.
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a map")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Attributes, A::Error> {
                let mut attributes = Attributes::default();
                while let Some((name, value)) = map.next_entry::<String, Scalar>()? {
                    attributes.set(name, value);
                }
                Ok(attributes)
            }
        }
        d.deserialize_map(Map)
    }
}

#[derive(Debug, PartialEq, Deserialize)]
pub(crate) struct Category {
    pub id: u64,
    pub name: String,
}
