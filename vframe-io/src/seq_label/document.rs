//! The document layer: `SeqLabel.json` exactly as the file has it.

use std::sync::Arc;

use serde_json::Number;
use vframe_core::{AnnotationType, TaskType};

use super::KeyOrder;
use crate::json::{Member, NonAscii};

/// A `SeqLabel.json` file as it is: frame entries in file order, each key's order, unknown
/// keys (as raw JSON), `"0"` vs `0` and `47` vs `47.0`.
///
/// Reading and writing an unchanged document gives back the bytes Ground Truth wrote; see
/// `docs/format/seq-label.md` for the exact promise. Convert to the meaning with
/// [`SeqLabelDoc::to_labels`] and back with [`SeqLabelDoc::from_labels`].
///
/// ```
/// use vframe_io::seq_label::SeqLabelDoc;
/// let text = br#"{"tracking-annotations":[{"annotations":[],"frame-no":"0","frame":"a.jpg"}]}"#;
/// let doc = SeqLabelDoc::from_slice(text)?;
/// assert_eq!(doc.frames.len(), 1);
/// assert_eq!(doc.to_vec(), text);
/// # Ok::<(), vframe_io::IoError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SeqLabelDoc {
    /// `detection-annotations` or `tracking-annotations`.
    pub task: TaskKey,
    /// The frame entries, in file order.
    pub frames: Vec<FrameEntry>,
    /// Top-level keys other than the annotations key, in order.
    pub unknown: Vec<Member>,
    /// Order of the top-level keys.
    pub key_order: KeyOrder,
    /// How strings with non-ASCII characters are written (as the input did).
    pub non_ascii: NonAscii,
}

/// The top-level key, which names the task type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TaskKey {
    /// `detection-annotations`.
    Detection,
    /// `tracking-annotations`.
    #[default]
    Tracking,
}

impl TaskKey {
    /// The key as written.
    pub fn as_str(self) -> &'static str {
        match self {
            TaskKey::Detection => "detection-annotations",
            TaskKey::Tracking => "tracking-annotations",
        }
    }

    /// The task type it stands for.
    pub fn task(self) -> TaskType {
        match self {
            TaskKey::Detection => TaskType::Detection,
            TaskKey::Tracking => TaskType::Tracking,
        }
    }

    /// The key for a task type.
    pub fn for_task(task: TaskType) -> Self {
        match task {
            TaskType::Detection => TaskKey::Detection,
            TaskType::Tracking => TaskKey::Tracking,
        }
    }
}

/// One entry of the annotations array: a frame and what is drawn on it.
#[derive(Debug, Clone, PartialEq)]
pub struct FrameEntry {
    /// Which list key holds the annotations (it names the annotation type).
    pub list: ListKey,
    /// The annotations, in file order.
    pub annotations: Vec<Annotation>,
    /// `frame-no`, as written.
    pub frame_no: FrameNo,
    /// `frame`: the frame's file name.
    pub frame: String,
    /// `frame-attributes`, when the key is there.
    pub frame_attributes: Option<Vec<Member>>,
    /// Other keys, in order.
    pub unknown: Vec<Member>,
    /// Order of the keys.
    pub key_order: KeyOrder,
}

/// The annotation list key of a frame entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ListKey {
    /// `annotations`: bounding boxes.
    Annotations,
    /// `polylines`.
    Polylines,
    /// `polygons`.
    Polygons,
    /// `keypoints`.
    Keypoints,
}

impl ListKey {
    /// The key as written.
    pub fn as_str(self) -> &'static str {
        match self {
            ListKey::Annotations => "annotations",
            ListKey::Polylines => "polylines",
            ListKey::Polygons => "polygons",
            ListKey::Keypoints => "keypoints",
        }
    }

    /// The annotation type the key stands for.
    pub fn annotation_type(self) -> AnnotationType {
        match self {
            ListKey::Annotations => AnnotationType::BoundingBox,
            ListKey::Polylines => AnnotationType::Polyline,
            ListKey::Polygons => AnnotationType::Polygon,
            ListKey::Keypoints => AnnotationType::Keypoint,
        }
    }

    /// The key for an annotation type.
    pub fn for_type(annotation_type: AnnotationType) -> Self {
        match annotation_type {
            AnnotationType::BoundingBox => ListKey::Annotations,
            AnnotationType::Polyline => ListKey::Polylines,
            AnnotationType::Polygon => ListKey::Polygons,
            AnnotationType::Keypoint => ListKey::Keypoints,
        }
    }
}

/// `frame-no` as written: a string in every real file, an integer in current docs (A7).
#[derive(Debug, Clone, PartialEq)]
pub enum FrameNo {
    /// `"12"`.
    Text(String),
    /// `12` (any JSON number is kept; the model accepts non-negative integers).
    Number(Number),
}

/// One annotation: geometry, class and, in tracking jobs, the object's identity.
#[derive(Debug, Clone, PartialEq)]
pub struct Annotation {
    /// The shape's keys.
    pub geometry: Geometry,
    /// `class-id`, a decimal integer as a string.
    ///
    /// This and the two ids repeat on every frame of an object, so a read document holds
    /// each distinct value once and shares it.
    pub class_id: Arc<str>,
    /// `label-category-attributes`, when the key is there.
    pub label_category_attributes: Option<Vec<Member>>,
    /// `object-id`.
    pub object_id: Option<Arc<str>>,
    /// `object-name`, e.g. `car:1`.
    pub object_name: Option<Arc<str>>,
    /// Other keys, in order (also shape keys that do not belong to this list's shape).
    pub unknown: Vec<Member>,
    /// Order of the keys.
    pub key_order: KeyOrder,
}

/// The shape keys of an annotation, by list key.
#[derive(Debug, Clone, PartialEq)]
pub enum Geometry {
    /// `height`, `width`, `top`, `left` (list `annotations`).
    BoundingBox {
        /// `height`.
        height: Number,
        /// `width`.
        width: Number,
        /// `top`.
        top: Number,
        /// `left`.
        left: Number,
    },
    /// `vertices` (lists `polylines` and `polygons`).
    Vertices(Vec<Vertex>),
    /// `x`, `y` on the annotation (list `keypoints`).
    Keypoint {
        /// `x`.
        x: Number,
        /// `y`.
        y: Number,
    },
}

/// One `{"x":..,"y":..}` of a polyline or polygon.
#[derive(Debug, Clone, PartialEq)]
pub struct Vertex {
    /// `x`.
    pub x: Number,
    /// `y`.
    pub y: Number,
    /// Other keys, in order.
    pub unknown: Vec<Member>,
    /// Order of the keys.
    pub key_order: KeyOrder,
}

impl Vertex {
    /// A vertex with only `x` and `y`.
    pub fn new(x: Number, y: Number) -> Self {
        Self {
            x,
            y,
            unknown: Vec::new(),
            key_order: KeyOrder::default(),
        }
    }
}

/// Key slots (see [`KeyOrder`]); the canonical order of each object kind is listed below.
pub(crate) mod slot {
    pub const LIST: u8 = 1;

    pub const FRAME_LIST: u8 = 1;
    pub const FRAME_NO: u8 = 2;
    pub const FRAME: u8 = 3;
    pub const FRAME_ATTRIBUTES: u8 = 4;
    pub const FRAME_CANONICAL: [u8; 4] = [FRAME_LIST, FRAME_NO, FRAME, FRAME_ATTRIBUTES];

    pub const HEIGHT: u8 = 1;
    pub const WIDTH: u8 = 2;
    pub const TOP: u8 = 3;
    pub const LEFT: u8 = 4;
    pub const VERTICES: u8 = 5;
    pub const X: u8 = 6;
    pub const Y: u8 = 7;
    pub const CLASS_ID: u8 = 8;
    pub const ATTRIBUTES: u8 = 9;
    pub const OBJECT_ID: u8 = 10;
    pub const OBJECT_NAME: u8 = 11;
    pub const ANNOTATION_CANONICAL: [u8; 11] = [
        HEIGHT,
        WIDTH,
        TOP,
        LEFT,
        VERTICES,
        X,
        Y,
        CLASS_ID,
        ATTRIBUTES,
        OBJECT_ID,
        OBJECT_NAME,
    ];

    pub const VERTEX_X: u8 = 1;
    pub const VERTEX_Y: u8 = 2;
}
