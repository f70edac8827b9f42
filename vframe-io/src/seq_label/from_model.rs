//! Model -> document, in Ground Truth's canonical style.

use serde_json::Number;
use serde_json::value::RawValue;
use vframe_core::{
    AttributeValue, AttributeValues, CoreError, JsonPath, KeyframeState, SequenceLabels,
};
use vframe_geom::Shape;

use super::{
    Annotation, FrameEntry, FrameNo, Geometry, KeyOrder, ListKey, SeqLabelDoc, TaskKey, Vertex,
};
use crate::json::{Member, NonAscii, number_from_f64};
use crate::{IoError, Position};

/// How [`SeqLabelDoc::from_labels_with`] writes what the model leaves open.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct FromLabelsOptions {
    /// `frame-no` as a string (every real file) or an integer (current docs).
    pub frame_no: FrameNoStyle,
    /// Write `"frame-attributes":{}` on frames without values too.
    pub always_frame_attributes: bool,
    /// How non-ASCII characters in strings are written.
    pub non_ascii: NonAscii,
}

/// The JSON type of `frame-no` (ambiguity A7).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FrameNoStyle {
    /// `"frame-no":"12"`, as every real Ground Truth file.
    #[default]
    String,
    /// `"frame-no":12`, as the current documentation.
    Integer,
}

impl SeqLabelDoc {
    /// The document Ground Truth would write for `labels`, with default options.
    ///
    /// ```
    /// use vframe_core::{AnnotationType, ClassId, LabeledObject, ObjectId, SequenceLabels, TaskType, Track};
    /// use vframe_geom::BoundingBox;
    /// use vframe_io::seq_label::SeqLabelDoc;
    ///
    /// let mut labels = SequenceLabels::new(TaskType::Tracking, AnnotationType::BoundingBox);
    /// labels.add_frame(0, "frame_0000.jpeg")?;
    /// let track = Track::single(0, BoundingBox::new(145.0, 385.0, 27.0, 25.0)?.into());
    /// labels.add_object(LabeledObject::new(Some(ObjectId::new("id-1")), Some("HEL:1".into()), ClassId(0), track))?;
    /// let doc = SeqLabelDoc::from_labels(&labels)?;
    /// assert_eq!(
    ///     String::from_utf8(doc.to_vec())?,
    ///     r#"{"tracking-annotations":[{"annotations":[{"height":25,"width":27,"top":385,"left":145,"class-id":"0","label-category-attributes":{},"object-id":"id-1","object-name":"HEL:1"}],"frame-no":"0","frame":"frame_0000.jpeg"}]}"#
    /// );
    /// assert_eq!(doc.to_labels()?, labels);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_labels(labels: &SequenceLabels) -> Result<Self, IoError> {
        Self::from_labels_with(labels, &FromLabelsOptions::default())
    }

    /// The document for `labels`: one entry per listed frame, in frame order; on each, the
    /// visible keyframes of the objects in object order; key order as Ground Truth writes
    /// it; coordinates as integers when integral; polygons open (not repeating the first
    /// vertex).
    ///
    /// Ground Truth files have no keyframes: every shape is listed on its frame. A track
    /// whose shape would hold over a listed frame without a keyframe is refused
    /// ([`CoreError::ShapeHeldOverFrame`]); an absent keyframe must sit on the first listed
    /// frame after a visible one. Tracks read from Ground Truth always qualify. Attribute
    /// numbers that are not finite are refused too (JSON cannot hold them).
    pub fn from_labels_with(
        labels: &SequenceLabels,
        options: &FromLabelsOptions,
    ) -> Result<Self, IoError> {
        let task = TaskKey::for_task(labels.task());
        let list = ListKey::for_type(labels.annotation_type());
        let top = JsonPath::root().key(task.as_str());
        let frames = labels.frames();
        let position = |frame: u32| frames.binary_search_by_key(&frame, |f| f.index()).ok();

        let mut entries: Vec<FrameEntry> = Vec::with_capacity(frames.len());
        for (e, f) in frames.iter().enumerate() {
            let attributes = members(&f.attributes, options.non_ascii, &|| {
                top.clone().index(e).key("frame-attributes")
            })?;
            entries.push(FrameEntry {
                list,
                annotations: Vec::new(),
                frame_no: match options.frame_no {
                    FrameNoStyle::String => FrameNo::Text(f.index().to_string()),
                    FrameNoStyle::Integer => FrameNo::Number(Number::from(f.index())),
                },
                frame: f.file.clone(),
                frame_attributes: (options.always_frame_attributes || !attributes.is_empty())
                    .then_some(attributes),
                unknown: Vec::new(),
                key_order: KeyOrder::default(),
            });
        }

        for object in labels.objects() {
            let keyframes = object.track().keyframes();
            for (k, keyframe) in keyframes.iter().enumerate() {
                let Some(p) = position(keyframe.frame) else {
                    return Err(not_listed(&top, object.describe(), keyframe.frame));
                };
                let KeyframeState::Visible(shape) = &keyframe.state else {
                    continue;
                };
                // What the file would say about the listed frames up to the next keyframe.
                if let Some(next) = keyframes.get(k + 1)
                    && let Some(q) = position(next.frame)
                    && q != p + 1
                {
                    let held = frames.get(p + 1).map_or(next.frame, |f| f.index());
                    return Err(IoError::Model {
                        position: Position::default(),
                        path: top.clone().index(p + 1),
                        source: Box::new(CoreError::ShapeHeldOverFrame {
                            object: object.describe(),
                            from: keyframe.frame,
                            frame: held,
                        }),
                    });
                }
                let Some(entry) = entries.get_mut(p) else {
                    continue;
                };
                let j = entry.annotations.len();
                // Paths are built only when something is wrong.
                let at = || top.clone().index(p).key(list.as_str()).index(j);
                entry.annotations.push(Annotation {
                    geometry: geometry(shape),
                    class_id: object.class_id().to_string().into(),
                    label_category_attributes: Some(members(
                        &keyframe.attributes,
                        options.non_ascii,
                        &|| at().key("label-category-attributes"),
                    )?),
                    object_id: object.id().map(|id| id.as_str().into()),
                    object_name: object.name().map(|n| n.as_str().into()),
                    unknown: Vec::new(),
                    key_order: KeyOrder::default(),
                });
            }
        }

        Ok(SeqLabelDoc {
            task,
            frames: entries,
            unknown: Vec::new(),
            key_order: KeyOrder::default(),
            non_ascii: options.non_ascii,
        })
    }
}

fn not_listed(top: &JsonPath, object: String, frame: u32) -> IoError {
    IoError::Model {
        position: Position::default(),
        path: top.clone(),
        source: Box::new(CoreError::UnknownFrame { object, frame }),
    }
}

fn coordinate(value: f64) -> Number {
    // Shapes in the model are checked finite, so the fallback is never taken.
    number_from_f64(value).unwrap_or_else(|| Number::from(0))
}

fn geometry(shape: &Shape) -> Geometry {
    let vertices = |points: &[vframe_geom::Point]| {
        Geometry::Vertices(
            points
                .iter()
                .map(|p| Vertex::new(coordinate(p.x), coordinate(p.y)))
                .collect(),
        )
    };
    match shape {
        Shape::BoundingBox(b) => Geometry::BoundingBox {
            height: coordinate(b.height),
            width: coordinate(b.width),
            top: coordinate(b.top),
            left: coordinate(b.left),
        },
        Shape::Polyline { vertices: v } => vertices(v.vertices()),
        Shape::Polygon { vertices: v } => vertices(v.vertices()),
        Shape::Keypoint(k) => Geometry::Keypoint {
            x: coordinate(k.x),
            y: coordinate(k.y),
        },
    }
}

fn members(
    values: &AttributeValues,
    non_ascii: NonAscii,
    at: &dyn Fn() -> JsonPath,
) -> Result<Vec<Member>, IoError> {
    values
        .iter()
        .map(|(key, value)| {
            let mut text = Vec::new();
            match value {
                AttributeValue::Text(s) => crate::json::write::escape_into(&mut text, s, non_ascii),
                AttributeValue::Number(n) => match number_from_f64(*n) {
                    Some(n) => crate::json::write_number(&mut text, &n),
                    None => {
                        return Err(IoError::Schema {
                            position: Position::default(),
                            path: at().key(key.clone()),
                            message: format!(
                                "attribute value {n} is not a finite number; JSON cannot hold it"
                            ),
                        });
                    }
                },
            }
            let raw = String::from_utf8(text)
                .ok()
                .and_then(|t| RawValue::from_string(t).ok());
            match raw {
                Some(value) => Ok(Member {
                    key: key.as_str().into(),
                    value: value.into(),
                }),
                None => Err(IoError::Schema {
                    position: Position::default(),
                    path: at().key(key.clone()),
                    message: "attribute value could not be written as JSON".into(),
                }),
            }
        })
        .collect()
}
