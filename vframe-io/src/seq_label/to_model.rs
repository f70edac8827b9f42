//! Document -> model: the meaning of a `SeqLabel.json`, validated.

use std::collections::HashMap;

use serde_json::Number;
use vframe_core::{
    AttributeValue, AttributeValues, ClassId, CoreError, InstanceName, JsonPath, Keyframe,
    LabeledObject, ObjectId, SequenceLabels, TaskType, Track,
};
use vframe_geom::{BoundingBox, Keypoint, Point, Polygon, Polyline, Shape};

use super::{Annotation, FrameNo, Geometry, ListKey, SeqLabelDoc, SourceMap};
use crate::IoError;
use crate::error::{model, schema};
use crate::json::Member;

/// An object being gathered from its annotations, in frame order.
struct Gathering<'d> {
    id: Option<&'d str>,
    name: Option<&'d str>,
    class: (&'d str, ClassId, u32),
    name_frame: u32,
    keyframes: Vec<Keyframe>,
    /// Position (in frame order) of the last annotated frame.
    last: usize,
    sources: Vec<(u32, usize)>,
    /// Entry and list position of the first annotation, for messages.
    first: (usize, usize),
}

impl Gathering<'_> {
    fn describe(&self) -> String {
        match (self.name, self.id) {
            (Some(n), Some(id)) => format!("object {n} (id {id})"),
            (Some(n), None) => format!("object {n}"),
            (None, Some(id)) => format!("object id {id}"),
            (None, None) => format!("class {} annotation", self.class.1),
        }
    }
}

impl SeqLabelDoc {
    /// The labels this document means; see [`SeqLabelDoc::to_labels_with_source_map`].
    ///
    /// ```
    /// use vframe_io::seq_label::SeqLabelDoc;
    /// let text = br#"{"tracking-annotations":[
    ///   {"annotations":[{"height":2,"width":2,"top":0,"left":0,"class-id":"0","object-id":"a"}],"frame-no":"0","frame":"0.jpg"},
    ///   {"annotations":[],"frame-no":"1","frame":"1.jpg"},
    ///   {"annotations":[{"height":2,"width":2,"top":5,"left":0,"class-id":"0","object-id":"a"}],"frame-no":"2","frame":"2.jpg"}]}"#;
    /// let labels = SeqLabelDoc::from_slice(text)?.to_labels()?;
    /// let track = labels.objects()[0].track();
    /// // Missing on frame 1 between two annotations: an absent keyframe there.
    /// assert_eq!(track.keyframes().len(), 3);
    /// assert!(!track.keyframes()[1].is_visible());
    /// # Ok::<(), vframe_io::IoError>(())
    /// ```
    pub fn to_labels(&self) -> Result<SequenceLabels, IoError> {
        self.to_labels_with_source_map().map(|(labels, _)| labels)
    }

    /// The labels this document means, and where each of their parts came from.
    ///
    /// - The task type comes from the top-level key, the annotation type from the list key
    ///   (every frame must use the same one).
    /// - `frame-no` (string or integer) must be a non-negative decimal integer, once per
    ///   file; `class-id` a decimal string.
    /// - Tracking: annotations with the same `object-id` form one object, whose class id
    ///   and instance name must not change; every annotation is a visible keyframe, and
    ///   where the object is missing on a listed frame between two of its annotations an
    ///   absent keyframe is placed at the first such frame.
    /// - Detection: every annotation is an object with one keyframe.
    /// - Objects are in order of first appearance: by frame index, then by position in
    ///   that frame's list (frame entries may be in any order in the file).
    ///
    /// Errors carry the JSON path of the value at fault but no line yet; pass them through
    /// [`json::locate_error`](crate::json::locate_error) with the file's bytes for that.
    pub fn to_labels_with_source_map(&self) -> Result<(SequenceLabels, SourceMap), IoError> {
        let top = JsonPath::root().key(self.task.as_str());
        let task = self.task.task();
        let list = self.frames.first().map_or(ListKey::Annotations, |f| f.list);
        let mut labels = SequenceLabels::new(task, list.annotation_type());
        let mut map = SourceMap::new(self.task);

        // Frames, and the file's entries in frame order.
        let mut order: Vec<(u32, usize)> = Vec::with_capacity(self.frames.len());
        for (e, entry) in self.frames.iter().enumerate() {
            let at = top.clone().index(e);
            if entry.list != list {
                return Err(schema(
                    at.key(entry.list.as_str()),
                    format!(
                        "frame entry uses `{}` but the first one uses `{}`; a file holds one annotation type",
                        entry.list.as_str(),
                        list.as_str()
                    ),
                ));
            }
            let index = frame_index(&entry.frame_no).ok_or_else(|| {
                schema(
                    at.clone().key("frame-no"),
                    "frame-no must be a non-negative decimal integer (string or number) below 2^32",
                )
            })?;
            let frame = labels
                .add_frame(index, entry.frame.clone())
                .map_err(|e| model(at.clone().key("frame-no"), e))?;
            if let Some(attrs) = &entry.frame_attributes {
                frame.attributes = attribute_values(attrs, &|| at.clone().key("frame-attributes"))?;
            }
            order.push((index, e));
            map.push_frame(index, e, entry.list);
        }
        order.sort_unstable_by_key(|o| o.0);
        map.sort_frames();

        let mut objects: Vec<Gathering<'_>> = Vec::new();
        let mut by_id: HashMap<&str, usize> = HashMap::new();
        for (p, &(index, e)) in order.iter().enumerate() {
            let Some(entry) = self.frames.get(e) else {
                continue;
            };
            for (j, a) in entry.annotations.iter().enumerate() {
                // Paths are built only when something is wrong.
                let at = || top.clone().index(e).key(list.as_str()).index(j);
                let class = class_id(&a.class_id).ok_or_else(|| {
                    schema(
                        at().key("class-id"),
                        format!(
                            "class-id {:?} is not a decimal integer string such as \"0\"",
                            a.class_id
                        ),
                    )
                })?;
                let shape = shape(a, list, &at, index)?;
                let attributes = match &a.label_category_attributes {
                    Some(m) => attribute_values(m, &|| at().key("label-category-attributes"))?,
                    None => AttributeValues::new(),
                };
                let keyframe = Keyframe::visible(index, shape).with_attributes(attributes);
                let new = |keyframe| Gathering {
                    id: a.object_id.as_deref(),
                    name: a.object_name.as_deref(),
                    class: (&a.class_id, class, index),
                    name_frame: index,
                    keyframes: vec![keyframe],
                    last: p,
                    sources: vec![(index, j)],
                    first: (e, j),
                };
                let id = match (task, a.object_id.as_deref()) {
                    (TaskType::Detection, _) => {
                        objects.push(new(keyframe));
                        continue;
                    }
                    (TaskType::Tracking, Some(id)) => id,
                    (TaskType::Tracking, None) => {
                        let g = new(keyframe);
                        return Err(model(
                            at(),
                            CoreError::MissingObjectId {
                                object: g.describe(),
                            },
                        ));
                    }
                };
                let Some(&o) = by_id.get(id) else {
                    by_id.insert(id, objects.len());
                    objects.push(new(keyframe));
                    continue;
                };
                let Some(g) = objects.get_mut(o) else {
                    continue;
                };
                if g.class.1 != class {
                    return Err(model(
                        at().key("class-id"),
                        CoreError::ObjectInconsistent {
                            object: g.describe(),
                            field: "class-id",
                            first: g.class.0.to_owned(),
                            first_frame: g.class.2,
                            other: a.class_id.to_string(),
                            other_frame: index,
                        },
                    ));
                }
                if g.name != a.object_name.as_deref() {
                    return Err(model(
                        at().key("object-name"),
                        CoreError::ObjectInconsistent {
                            object: g.describe(),
                            field: "object-name",
                            first: g.name.unwrap_or("(none)").to_owned(),
                            first_frame: g.name_frame,
                            other: a.object_name.as_deref().unwrap_or("(none)").to_owned(),
                            other_frame: index,
                        },
                    ));
                }
                if g.last == p {
                    return Err(model(
                        at(),
                        CoreError::KeyframesNotIncreasing {
                            object: g.describe(),
                            previous: index,
                            next: index,
                        },
                    ));
                }
                if p > g.last + 1
                    && let Some(&(gap, _)) = order.get(g.last + 1)
                {
                    g.keyframes.push(Keyframe::absent(gap));
                }
                let mut keyframe = keyframe;
                // Values rarely change between frames: equal ones share the last map.
                if let Some(last) = g.keyframes.iter().rev().find(|k| k.is_visible())
                    && keyframe.attributes.is_identical_to(&last.attributes)
                {
                    keyframe.attributes = last.attributes.clone();
                }
                g.keyframes.push(keyframe);
                g.last = p;
                g.sources.push((index, j));
            }
        }

        for g in objects {
            let first_path = || {
                top.clone()
                    .index(g.first.0)
                    .key(list.as_str())
                    .index(g.first.1)
            };
            let track = Track::new(g.keyframes).map_err(|e| model(first_path(), e))?;
            let object = LabeledObject::new(
                g.id.map(ObjectId::new),
                g.name.map(InstanceName::from),
                g.class.1,
                track,
            );
            labels
                .add_object(object)
                .map_err(|e| model(first_path(), e))?;
            map.push_object(g.sources);
        }
        Ok((labels, map))
    }
}

fn frame_index(frame_no: &FrameNo) -> Option<u32> {
    match frame_no {
        FrameNo::Text(t) => decimal(t),
        FrameNo::Number(n) => n.as_u64().and_then(|n| u32::try_from(n).ok()),
    }
}

fn class_id(text: &str) -> Option<ClassId> {
    decimal(text).map(ClassId)
}

fn decimal(text: &str) -> Option<u32> {
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

fn coordinate(n: &Number) -> f64 {
    n.as_f64().unwrap_or(f64::NAN)
}

fn shape(
    a: &Annotation,
    list: ListKey,
    at: &dyn Fn() -> JsonPath,
    frame: u32,
) -> Result<Shape, IoError> {
    let describe = || match (&a.object_name, &a.object_id) {
        (Some(n), _) => format!("object {n}"),
        (None, Some(id)) => format!("object id {id}"),
        (None, None) => format!("class {} annotation", a.class_id),
    };
    let points = |vertices: &[super::Vertex]| -> Vec<Point> {
        vertices
            .iter()
            .map(|v| Point::new(coordinate(&v.x), coordinate(&v.y)))
            .collect()
    };
    let built = match (list, &a.geometry) {
        (
            ListKey::Annotations,
            Geometry::BoundingBox {
                height,
                width,
                top,
                left,
            },
        ) => BoundingBox::new(
            coordinate(left),
            coordinate(top),
            coordinate(width),
            coordinate(height),
        )
        .map(Shape::from),
        (ListKey::Polylines, Geometry::Vertices(v)) => Polyline::new(points(v)).map(Shape::from),
        (ListKey::Polygons, Geometry::Vertices(v)) => Polygon::new(points(v)).map(Shape::from),
        (ListKey::Keypoints, Geometry::Keypoint { x, y }) => {
            Keypoint::new(coordinate(x), coordinate(y)).map(Shape::from)
        }
        (list, _) => {
            return Err(schema(
                at(),
                format!(
                    "an entry of `{}` needs {}",
                    list.as_str(),
                    match list {
                        ListKey::Annotations => "`height`, `width`, `top` and `left`",
                        ListKey::Polylines | ListKey::Polygons => "`vertices`",
                        ListKey::Keypoints => "`x` and `y`",
                    }
                ),
            ));
        }
    };
    built.map_err(|source| {
        model(
            at(),
            CoreError::InvalidShape {
                object: describe(),
                frame,
                source,
            },
        )
    })
}

fn attribute_values(
    members: &[Member],
    at: &dyn Fn() -> JsonPath,
) -> Result<AttributeValues, IoError> {
    let mut values = AttributeValues::new();
    for m in members {
        let text = m.value.get();
        let value = match text.as_bytes().first() {
            Some(b'"') => serde_json::from_str::<String>(text)
                .ok()
                .map(AttributeValue::Text),
            Some(b'-' | b'0'..=b'9') => serde_json::from_str::<f64>(text)
                .ok()
                .map(AttributeValue::Number),
            _ => None,
        };
        let Some(value) = value else {
            return Err(schema(
                at().key(m.key.to_string()),
                format!("attribute value {text} is neither a string nor a number"),
            ));
        };
        if values.insert(m.key.to_string(), value).is_some() {
            return Err(schema(
                at().key(m.key.to_string()),
                format!("attribute `{}` appears twice", m.key),
            ));
        }
    }
    Ok(values)
}

#[cfg(test)]
mod tests {
    use crate::seq_label::SeqLabelDoc;

    #[test]
    fn equal_values_of_an_objects_consecutive_keyframes_share_one_map() {
        let annotation = |frame: u32, occluded: &str| {
            format!(
                r#"{{"annotations":[{{"height":2,"width":2,"top":0,"left":{frame},"class-id":"0","label-category-attributes":{{"occluded":"{occluded}"}},"object-id":"a","object-name":"car:1"}}],"frame-no":"{frame}","frame":"f{frame}.jpg"}}"#
            )
        };
        let frames: Vec<String> = [(0, "no"), (1, "no"), (2, "yes"), (3, "yes"), (4, "no")]
            .iter()
            .map(|(f, o)| annotation(*f, o))
            .collect();
        let text = format!(r#"{{"tracking-annotations":[{}]}}"#, frames.join(","));
        let labels = SeqLabelDoc::from_slice(text.as_bytes())
            .and_then(|d| d.to_labels())
            .unwrap();
        let k = labels.objects()[0].track().keyframes();
        let shared: Vec<bool> = k
            .windows(2)
            .map(|p| p[1].attributes.shares_storage_with(&p[0].attributes))
            .collect();
        assert_eq!(shared, [true, false, true, false]);
        let values: Vec<String> = k
            .iter()
            .map(|k| k.attributes["occluded"].to_string())
            .collect();
        assert_eq!(values, ["no", "no", "yes", "yes", "no"]);
    }
}
