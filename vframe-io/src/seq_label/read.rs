//! Reading: hand-written serde visitors straight into the document types.
//!
//! No `serde_json::Value` and no `#[serde(flatten)]`: keys are matched against small tables,
//! unknown values are captured as raw text, and the JSON path of a failure is rebuilt only
//! on the error path (each level adds its step while the error unwinds), so a successful
//! parse pays nothing for it.

use std::cell::Cell;
use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::fmt;
use std::sync::Arc;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::Number;
use serde_json::value::RawValue;
use vframe_core::{JsonPath, PathSegment};

use super::document::slot;
use super::{
    Annotation, FrameEntry, FrameNo, Geometry, KeyOrder, ListKey, SeqLabelDoc, TaskKey, Vertex,
};
use crate::IoError;
use crate::json::{Member, NonAscii, compact_text, map_json_error};

impl SeqLabelDoc {
    /// Reads a document from the bytes of a `SeqLabel.json`.
    ///
    /// Invalid JSON is an [`IoError::Syntax`] at the first syntax error; valid JSON of the
    /// wrong shape (missing or duplicate key, wrong type, two annotation lists in one frame)
    /// an [`IoError::Schema`] with the JSON path and where that value starts.
    ///
    /// ```
    /// use vframe_io::{IoError, seq_label::SeqLabelDoc};
    /// let err = SeqLabelDoc::from_slice(br#"{"tracking-annotations":[{"frame-no":"0"}]}"#).unwrap_err();
    /// let IoError::Schema { path, position, .. } = &err else { panic!("{err}") };
    /// assert_eq!(path.to_string(), "tracking-annotations[0]");
    /// assert_eq!((position.line, position.column), (Some(1), Some(26)));
    /// # Ok::<(), IoError>(())
    /// ```
    pub fn from_slice(bytes: &[u8]) -> Result<Self, IoError> {
        let trail = Trail::default();
        // serde_json reads valid UTF-8 faster as `str` (strings need no second check);
        // invalid UTF-8 goes the byte way, which reports where it is.
        let parsed = match std::str::from_utf8(bytes) {
            Ok(text) => parse(serde_json::Deserializer::from_str(text), &trail),
            Err(_) => parse(serde_json::Deserializer::from_slice(bytes), &trail),
        };
        match parsed {
            Ok(mut doc) => {
                doc.non_ascii = if bytes.is_ascii() {
                    NonAscii::Escape
                } else {
                    NonAscii::Literal
                };
                Ok(doc)
            }
            Err(e) => Err(map_json_error(e, bytes, trail.path())),
        }
    }
}

fn parse<'de, R: serde_json::de::Read<'de>>(
    mut de: serde_json::Deserializer<R>,
    trail: &Trail,
) -> Result<SeqLabelDoc, serde_json::Error> {
    let doc = DocSeed { trail }.deserialize(&mut de)?;
    de.end()?;
    Ok(doc)
}

/// What the visitors share: the steps from a failing value up to the root (pushed while
/// an error unwinds), and the strings seen so far, so that ids and class ids repeated on
/// every frame are stored once.
#[derive(Default)]
struct Trail(
    RefCell<Vec<PathSegment>>,
    // foldhash: fast on short ids, and randomly seeded against collision floods.
    RefCell<HashSet<Arc<str>, foldhash::fast::RandomState>>,
    RefCell<HashMap<Box<str>, Arc<RawValue>, foldhash::fast::RandomState>>,
    /// Length of the last annotation list: the next one is usually about as long.
    Cell<usize>,
);

impl Trail {
    /// The compact raw value, shared with earlier equal ones.
    fn intern_raw(&self, raw: &RawValue) -> Arc<RawValue> {
        let text = compact_text(raw.get());
        let mut values = self.2.borrow_mut();
        if let Some(known) = values.get(text.as_ref()) {
            return known.clone();
        }
        let value: Arc<RawValue> = match RawValue::from_string(text.to_string()) {
            Ok(v) => v.into(),
            Err(_) => raw.to_owned().into(),
        };
        values.insert(text.into(), value.clone());
        value
    }

    fn intern(&self, s: &str) -> Arc<str> {
        let mut strings = self.1.borrow_mut();
        if let Some(known) = strings.get(s) {
            return known.clone();
        }
        let new: Arc<str> = Arc::from(s);
        strings.insert(new.clone());
        new
    }

    fn path(&self) -> JsonPath {
        self.0
            .borrow()
            .iter()
            .rev()
            .fold(JsonPath::root(), |p, s| match s {
                PathSegment::Key(k) => p.key(k.clone()),
                PathSegment::Index(i) => p.index(*i),
            })
    }

    /// Adds member `key` to the path when an error passes (allocates only then).
    fn key<'a, E>(&'a self, key: &'a str) -> impl FnOnce(E) -> E + 'a {
        move |e| {
            self.0.borrow_mut().push(PathSegment::Key(key.to_owned()));
            e
        }
    }

    fn index<E>(&self, index: usize) -> impl FnOnce(E) -> E + '_ {
        move |e| {
            self.0.borrow_mut().push(PathSegment::Index(index));
            e
        }
    }

    /// A schema error at member `key` of the current object.
    fn fail_at<E: de::Error>(&self, key: &str, message: impl fmt::Display) -> E {
        self.0.borrow_mut().push(PathSegment::Key(key.to_owned()));
        E::custom(message)
    }
}

/// A string shared through the [`Trail`]'s set of seen strings.
struct InternSeed<'t>(&'t Trail);

impl<'de> DeserializeSeed<'de> for InternSeed<'_> {
    type Value = Arc<str>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Arc<str>, D::Error> {
        d.deserialize_str(self)
    }
}

impl Visitor<'_> for InternSeed<'_> {
    type Value = Arc<str>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a string")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Arc<str>, E> {
        Ok(self.0.intern(v))
    }
}

enum Key {
    Known(u8),
    Other(String),
}

/// A map key, matched against `names` (slot = position + 1).
struct KeySeed(&'static [&'static str]);

impl<'de> DeserializeSeed<'de> for KeySeed {
    type Value = Key;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Key, D::Error> {
        d.deserialize_str(self)
    }
}

impl Visitor<'_> for KeySeed {
    type Value = Key;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an object key")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Key, E> {
        Ok(match self.0.iter().position(|n| *n == v) {
            Some(i) => Key::Known((i + 1) as u8),
            None => Key::Other(v.to_owned()),
        })
    }
}

fn duplicate_key(members: &[Member]) -> Option<&str> {
    if members.len() <= 16 {
        for (i, m) in members.iter().enumerate() {
            if members[..i].iter().any(|o| o.key == m.key) {
                return Some(&m.key);
            }
        }
        return None;
    }
    let mut keys: Vec<&str> = members.iter().map(|m| &*m.key).collect();
    keys.sort_unstable();
    keys.windows(2).find(|w| w[0] == w[1]).map(|w| w[0])
}

fn raw_member<'de, A: MapAccess<'de>>(
    map: &mut A,
    trail: &Trail,
    key: &str,
) -> Result<Member, A::Error> {
    // Borrowed from the input (the reader always parses from memory), then shared.
    let value = map.next_value::<&'de RawValue>().map_err(trail.key(key))?;
    Ok(Member {
        key: trail.intern(key),
        value: trail.intern_raw(value),
    })
}

fn check_unique<E: de::Error>(trail: &Trail, members: &[Member]) -> Result<(), E> {
    match duplicate_key(members) {
        Some(k) => Err(trail.fail_at(k, format_args!("key `{k}` appears twice"))),
        None => Ok(()),
    }
}

fn check_seen<E: de::Error>(trail: &Trail, seen: &mut u16, slot: u8, key: &str) -> Result<(), E> {
    let bit = 1u16 << slot;
    if *seen & bit != 0 {
        return Err(trail.fail_at(key, format_args!("key `{key}` appears twice")));
    }
    *seen |= bit;
    Ok(())
}

fn missing<E: de::Error>(what: &str, key: &str) -> E {
    E::custom(format_args!("{what} has no `{key}` key"))
}

// ---------------------------------------------------------------- top level

const TOP_KEYS: &[&str] = &["detection-annotations", "tracking-annotations"];

struct DocSeed<'t> {
    trail: &'t Trail,
}

impl<'de> DeserializeSeed<'de> for DocSeed<'_> {
    type Value = SeqLabelDoc;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<SeqLabelDoc, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for DocSeed<'_> {
    type Value = SeqLabelDoc;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an object with `tracking-annotations` or `detection-annotations`")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<SeqLabelDoc, A::Error> {
        let trail = self.trail;
        let mut doc = SeqLabelDoc::default();
        let mut task: Option<TaskKey> = None;
        while let Some(key) = map.next_key_seed(KeySeed(TOP_KEYS))? {
            match key {
                Key::Known(k) => {
                    let this = if k == 1 {
                        TaskKey::Detection
                    } else {
                        TaskKey::Tracking
                    };
                    if let Some(earlier) = task {
                        return Err(trail.fail_at(
                            this.as_str(),
                            format_args!(
                                "a SeqLabel.json holds one annotations key; `{}` came first",
                                earlier.as_str()
                            ),
                        ));
                    }
                    task = Some(this);
                    doc.frames = map
                        .next_value_seed(FramesSeed { trail })
                        .map_err(trail.key(this.as_str()))?;
                    doc.key_order.push(slot::LIST);
                }
                Key::Other(key) => {
                    doc.unknown.push(raw_member(&mut map, trail, &key)?);
                    doc.key_order.push(super::key_order::UNKNOWN);
                }
            }
        }
        check_unique(trail, &doc.unknown)?;
        doc.task = task.ok_or_else(|| {
            de::Error::custom(
                "the top-level object has neither `tracking-annotations` nor `detection-annotations`",
            )
        })?;
        Ok(doc)
    }
}

struct FramesSeed<'t> {
    trail: &'t Trail,
}

impl<'de> DeserializeSeed<'de> for FramesSeed<'_> {
    type Value = Vec<FrameEntry>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for FramesSeed<'_> {
    type Value = Vec<FrameEntry>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an array of frame entries")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut frames = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
        while let Some(f) = seq
            .next_element_seed(FrameSeed { trail: self.trail })
            .map_err(self.trail.index(frames.len()))?
        {
            frames.push(f);
        }
        Ok(frames)
    }
}

// ---------------------------------------------------------------- frame entry

const FRAME_KEYS: &[&str] = &[
    "annotations",
    "polylines",
    "polygons",
    "keypoints",
    "frame-no",
    "frame",
    "frame-attributes",
];
const LISTS: [ListKey; 4] = [
    ListKey::Annotations,
    ListKey::Polylines,
    ListKey::Polygons,
    ListKey::Keypoints,
];

struct FrameSeed<'t> {
    trail: &'t Trail,
}

impl<'de> DeserializeSeed<'de> for FrameSeed<'_> {
    type Value = FrameEntry;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<FrameEntry, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for FrameSeed<'_> {
    type Value = FrameEntry;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a frame entry object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<FrameEntry, A::Error> {
        let trail = self.trail;
        let mut list: Option<(ListKey, Vec<Annotation>)> = None;
        let mut frame_no = None;
        let mut frame = None;
        let mut frame_attributes = None;
        let mut unknown = Vec::new();
        let mut order = KeyOrder::default();
        let mut seen = 0u16;
        while let Some(key) = map.next_key_seed(KeySeed(FRAME_KEYS))? {
            match key {
                Key::Known(k @ 1..=4) => {
                    let kind = LISTS[usize::from(k - 1)];
                    if let Some((earlier, _)) = &list {
                        return Err(trail.fail_at(
                            kind.as_str(),
                            format_args!(
                                "a frame entry holds one annotation list, but it has both `{}` and `{}`",
                                earlier.as_str(),
                                kind.as_str()
                            ),
                        ));
                    }
                    let items = map
                        .next_value_seed(AnnotationsSeed { trail, kind })
                        .map_err(trail.key(kind.as_str()))?;
                    list = Some((kind, items));
                    order.push(slot::FRAME_LIST);
                }
                Key::Known(5) => {
                    check_seen(trail, &mut seen, slot::FRAME_NO, "frame-no")?;
                    frame_no = Some(
                        map.next_value_seed(FrameNoSeed)
                            .map_err(trail.key("frame-no"))?,
                    );
                    order.push(slot::FRAME_NO);
                }
                Key::Known(6) => {
                    check_seen(trail, &mut seen, slot::FRAME, "frame")?;
                    frame = Some(map.next_value::<String>().map_err(trail.key("frame"))?);
                    order.push(slot::FRAME);
                }
                Key::Known(_) => {
                    check_seen(trail, &mut seen, slot::FRAME_ATTRIBUTES, "frame-attributes")?;
                    frame_attributes = Some(
                        map.next_value_seed(MembersSeed { trail })
                            .map_err(trail.key("frame-attributes"))?,
                    );
                    order.push(slot::FRAME_ATTRIBUTES);
                }
                Key::Other(key) => {
                    unknown.push(raw_member(&mut map, trail, &key)?);
                    order.push(super::key_order::UNKNOWN);
                }
            }
        }
        check_unique(trail, &unknown)?;
        let Some((list, annotations)) = list else {
            return Err(de::Error::custom(
                "frame entry has no annotation list (`annotations`, `polylines`, `polygons` or `keypoints`)",
            ));
        };
        Ok(FrameEntry {
            list,
            annotations,
            frame_no: frame_no.ok_or_else(|| missing("frame entry", "frame-no"))?,
            frame: frame.ok_or_else(|| missing("frame entry", "frame"))?,
            frame_attributes,
            unknown,
            key_order: order,
        })
    }
}

struct FrameNoSeed;

impl<'de> DeserializeSeed<'de> for FrameNoSeed {
    type Value = FrameNo;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<FrameNo, D::Error> {
        d.deserialize_any(self)
    }
}

impl Visitor<'_> for FrameNoSeed {
    type Value = FrameNo;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a frame number (string or integer)")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<FrameNo, E> {
        Ok(FrameNo::Text(v.to_owned()))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<FrameNo, E> {
        Ok(FrameNo::Text(v))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<FrameNo, E> {
        Ok(FrameNo::Number(v.into()))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<FrameNo, E> {
        Ok(FrameNo::Number(v.into()))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<FrameNo, E> {
        Number::from_f64(v)
            .map(FrameNo::Number)
            .ok_or_else(|| E::custom("frame-no is not a finite number"))
    }
}

/// An object whose values are all kept raw (attributes).
struct MembersSeed<'t> {
    trail: &'t Trail,
}

impl<'de> DeserializeSeed<'de> for MembersSeed<'_> {
    type Value = Vec<Member>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Vec<Member>, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for MembersSeed<'_> {
    type Value = Vec<Member>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an object of attribute values")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Vec<Member>, A::Error> {
        let mut members = Vec::new();
        while let Some(key) = map.next_key_seed(InternSeed(self.trail))? {
            members.push(raw_member(&mut map, self.trail, &key)?);
        }
        check_unique(self.trail, &members)?;
        Ok(members)
    }
}

// ---------------------------------------------------------------- annotations

struct AnnotationsSeed<'t> {
    trail: &'t Trail,
    kind: ListKey,
}

impl<'de> DeserializeSeed<'de> for AnnotationsSeed<'_> {
    type Value = Vec<Annotation>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for AnnotationsSeed<'_> {
    type Value = Vec<Annotation>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an array of annotations")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut items = Vec::with_capacity(self.trail.3.get().min(4096));
        while let Some(a) = seq
            .next_element_seed(AnnotationSeed {
                trail: self.trail,
                kind: self.kind,
            })
            .map_err(self.trail.index(items.len()))?
        {
            items.push(a);
        }
        self.trail.3.set(items.len());
        Ok(items)
    }
}

const ANNOTATION_KEYS: &[&str] = &[
    "height",
    "width",
    "top",
    "left",
    "vertices",
    "x",
    "y",
    "class-id",
    "label-category-attributes",
    "object-id",
    "object-name",
];

struct AnnotationSeed<'t> {
    trail: &'t Trail,
    kind: ListKey,
}

impl<'de> DeserializeSeed<'de> for AnnotationSeed<'_> {
    type Value = Annotation;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Annotation, D::Error> {
        d.deserialize_map(self)
    }
}

impl AnnotationSeed<'_> {
    /// Whether a shape key belongs to this list's shape (others are kept as unknown keys).
    fn owns(&self, slot: u8) -> bool {
        match self.kind {
            ListKey::Annotations => (slot::HEIGHT..=slot::LEFT).contains(&slot),
            ListKey::Polylines | ListKey::Polygons => slot == slot::VERTICES,
            ListKey::Keypoints => slot == slot::X || slot == slot::Y,
        }
    }
}

impl<'de> Visitor<'de> for AnnotationSeed<'_> {
    type Value = Annotation;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an annotation object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Annotation, A::Error> {
        let trail = self.trail;
        let mut numbers: [Option<Number>; 7] = Default::default();
        let mut vertices = None;
        let mut class_id = None;
        let mut attributes = None;
        let mut object_id = None;
        let mut object_name = None;
        let mut unknown = Vec::new();
        let mut order = KeyOrder::default();
        let mut seen = 0u16;
        while let Some(key) = map.next_key_seed(KeySeed(ANNOTATION_KEYS))? {
            let k = match key {
                Key::Known(k) if k <= slot::Y && !self.owns(k) => {
                    let name = ANNOTATION_KEYS[usize::from(k - 1)].to_owned();
                    unknown.push(raw_member(&mut map, trail, &name)?);
                    order.push(super::key_order::UNKNOWN);
                    continue;
                }
                Key::Known(k) => k,
                Key::Other(key) => {
                    unknown.push(raw_member(&mut map, trail, &key)?);
                    order.push(super::key_order::UNKNOWN);
                    continue;
                }
            };
            let name = ANNOTATION_KEYS[usize::from(k - 1)];
            check_seen(trail, &mut seen, k, name)?;
            match k {
                slot::VERTICES => {
                    vertices = Some(
                        map.next_value_seed(VerticesSeed { trail })
                            .map_err(trail.key(name))?,
                    );
                }
                slot::CLASS_ID => {
                    class_id = Some(
                        map.next_value_seed(InternSeed(trail))
                            .map_err(trail.key(name))?,
                    );
                }
                slot::ATTRIBUTES => {
                    attributes = Some(
                        map.next_value_seed(MembersSeed { trail })
                            .map_err(trail.key(name))?,
                    );
                }
                slot::OBJECT_ID => {
                    object_id = Some(
                        map.next_value_seed(InternSeed(trail))
                            .map_err(trail.key(name))?,
                    );
                }
                slot::OBJECT_NAME => {
                    object_name = Some(
                        map.next_value_seed(InternSeed(trail))
                            .map_err(trail.key(name))?,
                    );
                }
                _ => {
                    numbers[usize::from(k - 1)] =
                        Some(map.next_value::<Number>().map_err(trail.key(name))?);
                }
            }
            order.push(k);
        }
        check_unique(trail, &unknown)?;
        let what = "annotation";
        let mut take = |slot: u8| {
            numbers[usize::from(slot - 1)]
                .take()
                .ok_or_else(|| missing(what, ANNOTATION_KEYS[usize::from(slot - 1)]))
        };
        let geometry = match self.kind {
            ListKey::Annotations => Geometry::BoundingBox {
                height: take(slot::HEIGHT)?,
                width: take(slot::WIDTH)?,
                top: take(slot::TOP)?,
                left: take(slot::LEFT)?,
            },
            ListKey::Keypoints => Geometry::Keypoint {
                x: take(slot::X)?,
                y: take(slot::Y)?,
            },
            ListKey::Polylines | ListKey::Polygons => {
                Geometry::Vertices(vertices.ok_or_else(|| missing(what, "vertices"))?)
            }
        };
        Ok(Annotation {
            geometry,
            class_id: class_id.ok_or_else(|| missing(what, "class-id"))?,
            label_category_attributes: attributes,
            object_id,
            object_name,
            unknown,
            key_order: order,
        })
    }
}

struct VerticesSeed<'t> {
    trail: &'t Trail,
}

impl<'de> DeserializeSeed<'de> for VerticesSeed<'_> {
    type Value = Vec<Vertex>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for VerticesSeed<'_> {
    type Value = Vec<Vertex>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an array of vertices")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(1024));
        while let Some(v) = seq
            .next_element_seed(VertexSeed { trail: self.trail })
            .map_err(self.trail.index(items.len()))?
        {
            items.push(v);
        }
        Ok(items)
    }
}

const VERTEX_KEYS: &[&str] = &["x", "y"];

struct VertexSeed<'t> {
    trail: &'t Trail,
}

impl<'de> DeserializeSeed<'de> for VertexSeed<'_> {
    type Value = Vertex;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Vertex, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for VertexSeed<'_> {
    type Value = Vertex;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a vertex object with `x` and `y`")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Vertex, A::Error> {
        let trail = self.trail;
        let (mut x, mut y) = (None, None);
        let mut unknown = Vec::new();
        let mut order = KeyOrder::default();
        let mut seen = 0u16;
        while let Some(key) = map.next_key_seed(KeySeed(VERTEX_KEYS))? {
            match key {
                Key::Known(k) => {
                    let name = VERTEX_KEYS[usize::from(k - 1)];
                    check_seen(trail, &mut seen, k, name)?;
                    let n = map.next_value::<Number>().map_err(trail.key(name))?;
                    if k == slot::VERTEX_X {
                        x = Some(n);
                    } else {
                        y = Some(n);
                    }
                    order.push(k);
                }
                Key::Other(key) => {
                    unknown.push(raw_member(&mut map, trail, &key)?);
                    order.push(super::key_order::UNKNOWN);
                }
            }
        }
        check_unique(trail, &unknown)?;
        Ok(Vertex {
            x: x.ok_or_else(|| missing("vertex", "x"))?,
            y: y.ok_or_else(|| missing("vertex", "y"))?,
            unknown,
            key_order: order,
        })
    }
}
