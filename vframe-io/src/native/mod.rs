//! vframe's native file: a sequence's labels with everything the model knows, keyframes
//! and absences included (Ground Truth's dense files keep neither).
//!
//! A labeling UI saves its work here; `vframe sparsify` writes it from a `SeqLabel.json`
//! holding only the keyframes compression needs, and `vframe densify` turns it back into a
//! `SeqLabel.json`. The format is documented in `docs/native-format.md`; in short:
//!
//! ```json
//! {
//!   "vframe": 1,
//!   "task": "tracking",
//!   "annotationType": "BoundingBox",
//!   "classMap": {"0": "HEL"},
//!   "frames": [{"frame": 0, "file": "frame_0238.jpeg"}],
//!   "objects": [{"id": "589dbc60-…", "name": "HEL:1", "classId": 0, "keyframes": [
//!     {"frame": 0, "shape": {"left": 145, "top": 385, "width": 27, "height": 25}},
//!     {"frame": 9, "absent": true},
//!     {"frame": 12, "shape": {"left": 150, "top": 380, "width": 27, "height": 25},
//!      "attributes": {"pose": "sitting"}}
//!   ]}]
//! }
//! ```
//!
//! Reading checks the version, then builds the model through its own constructors, so every
//! model invariant holds and a broken one is reported with its JSON path, line and column.
//! Writing is deterministic (keys in a fixed order, attributes sorted by name) and, for
//! paths, atomic.

mod document;

use std::io::{Read, Write};
use std::path::Path;

use serde_json::error::Category;
use vframe_core::{
    AnnotationType, ClassId, ClassMap, CoreError, InstanceName, JsonPath, Keyframe, KeyframeState,
    LabeledObject, ObjectId, SequenceLabels, TaskType, Track,
};
use vframe_geom::{BoundingBox, Keypoint, Point, Polygon, Polyline, Shape};

use crate::error::{model, schema};
use crate::json::{locate_error, map_json_error};
use crate::{IoError, Position};
use document::{FrameDoc, KeyframeDoc, NativeDoc, ObjectDoc, PointDoc, ShapeDoc};

/// The format version this crate reads and writes (`"vframe": 1`).
pub const NATIVE_VERSION: u32 = 1;

/// Reads a native file from `reader` into validated labels.
///
/// ```
/// let text = br#"{"vframe": 1, "task": "tracking", "annotationType": "Keypoint",
///   "frames": [{"frame": 0, "file": "a.jpg"}, {"frame": 1, "file": "b.jpg"}],
///   "objects": [{"id": "x", "classId": 0, "keyframes": [{"frame": 0, "shape": {"x": 1, "y": 2}},
///                                                        {"frame": 4, "shape": {"x": 1, "y": 2}}]}]}"#;
/// let err = vframe_io::read_native(&text[..]).unwrap_err();
/// // Frame 4 is not listed: the model refuses it, and the message says where.
/// assert!(err.to_string().contains("objects[0].keyframes[1]"), "{err}");
/// # Ok::<(), vframe_io::IoError>(())
/// ```
pub fn read_native<R: Read>(mut reader: R) -> Result<SequenceLabels, IoError> {
    let mut bytes = Vec::new();
    reader.read_to_end(&mut bytes)?;
    native_from_slice(&bytes)
}

/// Reads a native file from bytes.
pub fn native_from_slice(bytes: &[u8]) -> Result<SequenceLabels, IoError> {
    let doc: NativeDoc = serde_json::from_slice(bytes).map_err(|e| match e.classify() {
        Category::Data => IoError::Schema {
            position: Position::at(e.line(), e.column()),
            path: JsonPath::root(),
            message: e.to_string(),
        },
        _ => map_json_error(e, bytes, JsonPath::root()),
    })?;
    to_labels(&doc).map_err(|e| locate_error(e, bytes))
}

/// Writes `labels` as a native file (pretty-printed JSON, ending with a newline).
///
/// ```
/// use vframe_core::{AnnotationType, ClassId, Keyframe, LabeledObject, ObjectId, SequenceLabels, TaskType, Track};
/// use vframe_geom::Keypoint;
///
/// let mut labels = SequenceLabels::new(TaskType::Tracking, AnnotationType::Keypoint);
/// for f in 0..10 { labels.add_frame(f, format!("{f}.jpg"))?; }
/// let p = |x| Keypoint::new(x, 0.0).unwrap().into();
/// let track = Track::new(vec![Keyframe::visible(0, p(1.0)), Keyframe::absent(4), Keyframe::visible(9, p(2.0))])?;
/// labels.add_object(LabeledObject::new(Some(ObjectId::new("a")), Some("head:1".into()), ClassId(0), track))?;
///
/// let mut bytes = Vec::new();
/// vframe_io::write_native(&mut bytes, &labels)?;
/// assert_eq!(vframe_io::read_native(&bytes[..])?, labels);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn write_native<W: Write>(mut writer: W, labels: &SequenceLabels) -> Result<(), IoError> {
    let doc = from_labels(labels);
    serde_json::to_writer_pretty(&mut writer, &doc).map_err(std::io::Error::from)?;
    writer.write_all(b"\n")?;
    writer.flush()?;
    Ok(())
}

/// Reads a native file; errors name the file.
pub fn read_native_file(path: impl AsRef<Path>) -> Result<SequenceLabels, IoError> {
    let path = path.as_ref();
    let bytes = std::fs::read(path).map_err(|source| IoError::File {
        path: path.to_path_buf(),
        source,
    })?;
    native_from_slice(&bytes).map_err(|e| e.in_file(path))
}

/// Writes a native file atomically: an existing file is replaced whole or not at all.
pub fn write_native_file(path: impl AsRef<Path>, labels: &SequenceLabels) -> Result<(), IoError> {
    let path = path.as_ref();
    crate::write_atomically(path, |w| write_native(w, labels)).map_err(|e| e.in_file(path))
}

fn task_name(task: TaskType) -> &'static str {
    match task {
        TaskType::Tracking => "tracking",
        TaskType::Detection => "detection",
    }
}

fn from_labels(labels: &SequenceLabels) -> NativeDoc {
    NativeDoc {
        vframe: NATIVE_VERSION,
        task: task_name(labels.task()).to_owned(),
        annotation_type: labels.annotation_type().as_str().to_owned(),
        class_map: labels
            .class_map()
            .iter()
            .map(|(id, name)| (id.to_string(), name.clone()))
            .collect(),
        frames: labels
            .frames()
            .iter()
            .map(|f| FrameDoc {
                frame: f.index(),
                file: f.file.clone(),
                attributes: f.attributes.clone(),
            })
            .collect(),
        objects: labels
            .objects()
            .iter()
            .map(|o| ObjectDoc {
                id: o.id().map(|i| i.as_str().to_owned()),
                name: o.name().map(|n| n.as_str().to_owned()),
                class_id: o.class_id().0,
                keyframes: o.track().keyframes().iter().map(keyframe_doc).collect(),
            })
            .collect(),
    }
}

fn keyframe_doc(k: &Keyframe) -> KeyframeDoc {
    let (shape, absent) = match &k.state {
        KeyframeState::Visible(s) => (Some(shape_doc(s)), false),
        KeyframeState::Absent => (None, true),
    };
    KeyframeDoc {
        frame: k.frame,
        shape,
        absent,
        attributes: k.attributes.clone(),
    }
}

fn shape_doc(shape: &Shape) -> ShapeDoc {
    let points = |v: &[Point]| Some(v.iter().map(|p| PointDoc { x: p.x, y: p.y }).collect());
    match shape {
        Shape::BoundingBox(b) => ShapeDoc {
            left: Some(b.left),
            top: Some(b.top),
            width: Some(b.width),
            height: Some(b.height),
            ..ShapeDoc::default()
        },
        Shape::Keypoint(k) => ShapeDoc {
            x: Some(k.x),
            y: Some(k.y),
            ..ShapeDoc::default()
        },
        Shape::Polyline { vertices } => ShapeDoc {
            vertices: points(vertices.vertices()),
            ..ShapeDoc::default()
        },
        Shape::Polygon { vertices } => ShapeDoc {
            vertices: points(vertices.vertices()),
            ..ShapeDoc::default()
        },
    }
}

fn to_labels(doc: &NativeDoc) -> Result<SequenceLabels, IoError> {
    let root = JsonPath::root();
    if doc.vframe != NATIVE_VERSION {
        return Err(schema(
            root.key("vframe"),
            format!(
                "format version {} is not supported; this build reads version {NATIVE_VERSION}",
                doc.vframe
            ),
        ));
    }
    let task = match doc.task.as_str() {
        "tracking" => TaskType::Tracking,
        "detection" => TaskType::Detection,
        other => {
            return Err(schema(
                root.key("task"),
                format!("unknown task {other:?}, expected \"tracking\" or \"detection\""),
            ));
        }
    };
    let annotation_type: AnnotationType = doc
        .annotation_type
        .parse()
        .map_err(|message: String| schema(root.clone().key("annotationType"), message))?;
    let mut labels = SequenceLabels::new(task, annotation_type);
    let mut class_map = ClassMap::new();
    for (id, name) in &doc.class_map {
        let parsed: u32 = id.parse().map_err(|_| {
            schema(
                root.clone().key("classMap").key(id.clone()),
                format!("class id {id:?} is not a non-negative decimal integer"),
            )
        })?;
        class_map.insert(ClassId(parsed), name.clone());
    }
    labels.set_class_map(class_map);
    for (i, f) in doc.frames.iter().enumerate() {
        let at = root.clone().key("frames").index(i);
        let frame = labels
            .add_frame(f.frame, f.file.clone())
            .map_err(|e| model(at, e))?;
        frame.attributes = f.attributes.clone();
    }
    for (i, o) in doc.objects.iter().enumerate() {
        let at = root.clone().key("objects").index(i);
        let object = object_from_doc(o, &at, annotation_type)?;
        labels
            .add_object(object)
            .map_err(|e| model(keyframe_path(&at, o, &e), e))?;
    }
    Ok(labels)
}

/// The path of the keyframe a model error names, or the object's.
fn keyframe_path(at: &JsonPath, o: &ObjectDoc, e: &CoreError) -> JsonPath {
    let frame = match e {
        CoreError::UnknownFrame { frame, .. }
        | CoreError::ShapeKindMismatch { frame, .. }
        | CoreError::InvalidShape { frame, .. }
        | CoreError::MisplacedAbsence { frame, .. } => Some(*frame),
        CoreError::KeyframesNotIncreasing { next, .. } => Some(*next),
        _ => None,
    };
    match frame.and_then(|f| o.keyframes.iter().position(|k| k.frame == f)) {
        Some(k) => at.clone().key("keyframes").index(k),
        None => at.clone(),
    }
}

fn object_from_doc(
    o: &ObjectDoc,
    at: &JsonPath,
    annotation_type: AnnotationType,
) -> Result<LabeledObject, IoError> {
    let mut keyframes = Vec::with_capacity(o.keyframes.len());
    for (k, kf) in o.keyframes.iter().enumerate() {
        let kat = at.clone().key("keyframes").index(k);
        let state = match (&kf.shape, kf.absent) {
            (Some(_), true) => {
                return Err(schema(
                    kat,
                    "a keyframe has either `shape` or `\"absent\": true`, not both",
                ));
            }
            (None, false) => {
                return Err(schema(
                    kat,
                    "a keyframe needs `shape`, or `\"absent\": true`",
                ));
            }
            (None, true) => KeyframeState::Absent,
            (Some(s), false) => {
                KeyframeState::Visible(shape_from_doc(s, kat.key("shape"), annotation_type)?)
            }
        };
        keyframes.push(Keyframe {
            frame: kf.frame,
            state,
            attributes: kf.attributes.clone(),
        });
    }
    let track = Track::new(keyframes).map_err(|e| model(keyframe_path(at, o, &e), e))?;
    Ok(LabeledObject::new(
        o.id.clone().map(ObjectId::new),
        o.name.clone().map(InstanceName::from),
        ClassId(o.class_id),
        track,
    ))
}

fn shape_from_doc(
    s: &ShapeDoc,
    at: JsonPath,
    annotation_type: AnnotationType,
) -> Result<Shape, IoError> {
    let need = |v: Option<f64>, field: &str| {
        v.ok_or_else(|| {
            schema(
                at.clone(),
                format!("a {annotation_type} shape needs `{field}`"),
            )
        })
    };
    let geom = |e: vframe_geom::GeomError| schema(at.clone(), e.to_string());
    let extra = |fields: &[(&str, bool)]| match fields.iter().find(|(_, present)| *present) {
        Some((field, _)) => Err(schema(
            at.clone().key(*field),
            format!("`{field}` is not a field of a {annotation_type} shape"),
        )),
        None => Ok(()),
    };
    let shape = match annotation_type {
        AnnotationType::BoundingBox => {
            extra(&[
                ("x", s.x.is_some()),
                ("y", s.y.is_some()),
                ("vertices", s.vertices.is_some()),
            ])?;
            BoundingBox::new(
                need(s.left, "left")?,
                need(s.top, "top")?,
                need(s.width, "width")?,
                need(s.height, "height")?,
            )
            .map_err(geom)?
            .into()
        }
        AnnotationType::Keypoint => {
            extra(&[
                ("left", s.left.is_some()),
                ("top", s.top.is_some()),
                ("width", s.width.is_some()),
                ("height", s.height.is_some()),
                ("vertices", s.vertices.is_some()),
            ])?;
            Keypoint::new(need(s.x, "x")?, need(s.y, "y")?)
                .map_err(geom)?
                .into()
        }
        AnnotationType::Polyline | AnnotationType::Polygon => {
            extra(&[
                ("left", s.left.is_some()),
                ("top", s.top.is_some()),
                ("width", s.width.is_some()),
                ("height", s.height.is_some()),
                ("x", s.x.is_some()),
                ("y", s.y.is_some()),
            ])?;
            let Some(v) = &s.vertices else {
                return Err(schema(
                    at.clone(),
                    format!("a {annotation_type} shape needs `vertices`"),
                ));
            };
            let points: Vec<Point> = v.iter().map(|p| Point::new(p.x, p.y)).collect();
            if annotation_type == AnnotationType::Polyline {
                Polyline::new(points).map_err(geom)?.into()
            } else {
                Polygon::new(points).map_err(geom)?.into()
            }
        }
    };
    Ok(shape)
}
