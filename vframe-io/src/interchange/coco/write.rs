//! Writing COCO (with TAO's video fields) from the model, objects formatted on all cores.

use std::io::Write;
use std::ops::Range;
use std::path::Path;

use vframe_core::{
    AnnotationType, AttributeValue, AttributeValues, ClassId, Keyframe, TaskType, Track,
};
use vframe_geom::Shape;
use vframe_geom::algorithm::{Area, Bounds};

use super::json_text::{write_str, write_value};
use super::{FORMAT, KEYPOINT_NAME};
use crate::interchange::number::{write_integer, write_number, write_numbers};
use crate::interchange::parallel::write_objects_in_order;
use crate::interchange::sample::{
    Step, check_instance_names, listed_frames, track_numbers, walk_track,
};
use crate::interchange::{FrameNumbering, LabeledSequence, LossKind, LossReport};
use crate::{IoError, Position, write_atomically};

const FLUSH_AT: usize = 1 << 16;

/// Writes the sequence as one COCO document (one video, one image per listed frame).
/// Needs the frame size: COCO images carry width and height.
///
/// ```
/// use vframe_core::{AnnotationType, FrameSize, SequenceLabels, TaskType};
/// use vframe_io::interchange::{coco, LabeledSequence};
/// let mut labels = SequenceLabels::new(TaskType::Tracking, AnnotationType::BoundingBox);
/// labels.add_frame(0, "a.jpg")?;
/// let s = LabeledSequence::with_derived_config(labels).with_frame_size(FrameSize { width: 4, height: 3 });
/// let mut out = Vec::new();
/// coco::write_coco(&s, &mut out)?;
/// let json: serde_json::Value = serde_json::from_slice(&out)?;
/// assert_eq!(json["images"][0]["frame_index"], 0);
/// assert_eq!(json["images"][0]["id"], 1);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn write_coco(sequence: &LabeledSequence, out: &mut impl Write) -> Result<LossReport, IoError> {
    let labels = &sequence.labels;
    let Some(size) = sequence.frame_size else {
        return Err(IoError::Interchange {
            position: Position::default(),
            format: FORMAT,
            message:
                "COCO images need the frame size; give it (--size WxH) or a sequence that knows it"
                    .into(),
        });
    };
    let mut loss = LossReport::new(FORMAT);
    let numbers = track_numbers(labels, 0, &mut loss);
    check_instance_names(sequence, &numbers, &mut loss);
    let listed = listed_frames(labels);
    let image_ids = FrameNumbering::coco_image_id();
    let keypoints = labels.annotation_type() == AnnotationType::Keypoint;
    let mut buf: Vec<u8> = Vec::with_capacity(FLUSH_AT + 1024);
    let name = sequence.name.as_deref().unwrap_or("sequence");

    buf.extend_from_slice(
        b"{\"info\":{\"description\":\"vframe\"},\"licenses\":[],\"videos\":[{\"id\":1,\"name\":",
    );
    serde_json::to_writer(&mut buf, name).map_err(json_error)?;
    write!(
        buf,
        ",\"width\":{},\"height\":{}}}],\"categories\":[",
        size.width, size.height
    )?;
    for i in 0..sequence.label_count() {
        if i > 0 {
            buf.push(b',');
        }
        write!(buf, "{{\"id\":{},\"name\":", i + 1)?;
        serde_json::to_writer(&mut buf, &sequence.label_name(ClassId(i as u32)))
            .map_err(json_error)?;
        buf.extend_from_slice(b",\"supercategory\":\"\"");
        if keypoints {
            write!(buf, ",\"keypoints\":[\"{KEYPOINT_NAME}\"],\"skeleton\":[]")?;
        }
        buf.push(b'}');
    }
    buf.extend_from_slice(b"],\"images\":[");
    for (n, frame) in labels.frames().iter().enumerate() {
        if n > 0 {
            buf.push(b',');
        }
        buf.extend_from_slice(b"{\"id\":");
        write_integer(&mut buf, image_ids.number_of(frame.index()));
        buf.extend_from_slice(b",\"file_name\":");
        write_str(&mut buf, &frame.file);
        buf.extend_from_slice(b",\"width\":");
        write_integer(&mut buf, size.width);
        buf.extend_from_slice(b",\"height\":");
        write_integer(&mut buf, size.height);
        buf.extend_from_slice(b",\"video_id\":1,\"frame_index\":");
        write_integer(&mut buf, frame.index());
        if !frame.attributes.is_empty() {
            buf.extend_from_slice(b",\"attributes\":");
            serde_json::to_writer(&mut buf, &frame.attributes).map_err(json_error)?;
        }
        buf.push(b'}');
        flush(&mut buf, out)?;
    }
    buf.extend_from_slice(b"],\"annotations\":[");
    out.write_all(&buf)?;
    buf.clear();
    // Annotation ids run on across objects: each object's first id is known up front, so
    // chunks of objects are formatted on all cores and written in order.
    let objects = labels.objects();
    let mut first_ids = Vec::with_capacity(objects.len() + 1);
    let mut next_id: u64 = 1;
    for object in objects {
        first_ids.push(next_id);
        next_id += annotation_count(object.track(), &listed);
    }
    first_ids.push(next_id);
    let task = labels.task();
    let format =
        |range: Range<usize>, buf: &mut Vec<u8>, loss: &mut LossReport| -> Result<(), IoError> {
            let mut next_id = first_ids.get(range.start).copied().unwrap_or(1);
            for (object, number) in objects[range.clone()].iter().zip(&numbers[range.clone()]) {
                let category = u64::from(object.class_id().0) + 1;
                let keyframes = object.track().keyframes();
                let (mut passed, mut touched) = (0, 0u8);
                walk_track(object.track(), &listed, |step| -> Result<(), IoError> {
                    if let Step::Absent { .. } | Step::Visible { keyframe: true, .. } = step {
                        touched ^= touch(keyframes.get(passed + TOUCH_AHEAD));
                        passed += 1;
                    }
                    let Step::Visible {
                        frame,
                        shape,
                        keyframe,
                        attributes,
                    } = step
                    else {
                        return Ok(());
                    };
                    if let Shape::Polyline { .. } = shape.as_ref() {
                        loss.record(LossKind::Shapes("polyline"), || {
                            format!(
                                "frame {frame}, {}: COCO has no polylines",
                                object.describe()
                            )
                        });
                        return Ok(());
                    }
                    if next_id > 1 {
                        buf.push(b',');
                    }
                    buf.extend_from_slice(b"{\"id\":");
                    write_integer(buf, next_id);
                    buf.extend_from_slice(b",\"image_id\":");
                    write_integer(buf, image_ids.number_of(frame));
                    buf.extend_from_slice(b",\"video_id\":1,\"category_id\":");
                    write_integer(buf, category);
                    next_id += 1;
                    if let Some(t) = number {
                        buf.extend_from_slice(b",\"track_id\":");
                        write_integer(buf, *t);
                    }
                    let b = shape.bounds();
                    let area = match shape.as_ref() {
                        Shape::Polygon { vertices } => vertices.unsigned_area(),
                        _ => b.width * b.height,
                    };
                    buf.extend_from_slice(b",\"bbox\":[");
                    write_numbers(buf, b',', &[b.left, b.top, b.width, b.height])?;
                    buf.extend_from_slice(b"],\"area\":");
                    write_number(buf, area)?;
                    buf.extend_from_slice(b",\"iscrowd\":0,\"segmentation\":");
                    match shape.as_ref() {
                        Shape::Polygon { vertices } => {
                            buf.extend_from_slice(b"[[");
                            for (i, p) in vertices.vertices().iter().enumerate() {
                                if i > 0 {
                                    buf.push(b',');
                                }
                                write_numbers(buf, b',', &[p.x, p.y])?;
                            }
                            buf.extend_from_slice(b"]]");
                        }
                        _ => buf.extend_from_slice(b"[]"),
                    }
                    if let Shape::Keypoint(k) = shape.as_ref() {
                        buf.extend_from_slice(b",\"keypoints\":[");
                        write_numbers(buf, b',', &[k.x, k.y])?;
                        buf.extend_from_slice(b",2],\"num_keypoints\":1");
                    }
                    write_attributes(buf, *number, keyframe, attributes, task)?;
                    buf.push(b'}');
                    Ok(())
                })?;
                std::hint::black_box(touched);
            }
            debug_assert_eq!(Some(&next_id), first_ids.get(range.end));
            Ok(())
        };
    write_objects_in_order(objects.len(), FORMAT, format, out, &mut loss)?;
    buf.extend_from_slice(b"],\"tracks\":[");
    let mut first = true;
    for (object, number) in labels.objects().iter().zip(&numbers) {
        if let Some(t) = number {
            if !first {
                buf.push(b',');
            }
            first = false;
            buf.extend_from_slice(b"{\"id\":");
            write_integer(&mut buf, *t);
            buf.extend_from_slice(b",\"category_id\":");
            write_integer(&mut buf, u64::from(object.class_id().0) + 1);
            buf.extend_from_slice(b",\"video_id\":1}");
        }
    }
    buf.extend_from_slice(b"]}\n");
    out.write_all(&buf)?;
    Ok(loss)
}

fn write_attributes(
    buf: &mut Vec<u8>,
    track: Option<u64>,
    keyframe: bool,
    attributes: &AttributeValues,
    task: TaskType,
) -> Result<(), IoError> {
    buf.extend_from_slice(b",\"attributes\":{");
    let mut first = true;
    if task == TaskType::Tracking {
        if let Some(t) = track {
            buf.extend_from_slice(b"\"track_id\":");
            write_integer(buf, t);
            buf.push(b',');
        }
        buf.extend_from_slice(if keyframe {
            b"\"keyframe\":true"
        } else {
            b"\"keyframe\":false"
        });
        first = false;
    }
    for (name, value) in attributes {
        if !first {
            buf.push(b',');
        }
        first = false;
        write_str(buf, name);
        buf.push(b':');
        write_value(buf, value).map_err(json_error)?;
    }
    buf.push(b'}');
    Ok(())
}

/// How many annotations the object's walk writes: one per visible keyframe and per listed
/// frame up to the next keyframe (what [`walk_track`] visits), polylines excepted.
fn annotation_count(track: &Track, listed: &[u32]) -> u64 {
    let keyframes = track.keyframes();
    let mut count = 0;
    for (i, k) in keyframes.iter().enumerate() {
        let Some(shape) = k.shape() else { continue };
        if let Shape::Polyline { .. } = shape {
            continue;
        }
        count += 1;
        if let Some(next) = keyframes.get(i + 1) {
            let from = listed.partition_point(|&f| f <= k.frame);
            let to = listed.partition_point(|&f| f < next.frame);
            count += to.saturating_sub(from) as u64;
        }
    }
    count
}

/// How many keyframes ahead of the one being written [`touch`] reads.
const TOUCH_AHEAD: usize = 8;

/// Reads a byte of every attribute name and text of a keyframe written soon. A model read
/// frame by frame has its strings far apart in memory, and the walk goes track by track:
/// without this, the writer mostly waits for those strings, one cache miss at a time, while
/// these loads overlap.
fn touch(keyframe: Option<&Keyframe>) -> u8 {
    let mut byte = 0;
    for (name, value) in keyframe.map(|k| &k.attributes).into_iter().flatten() {
        byte ^= name.as_bytes().first().copied().unwrap_or(0);
        if let AttributeValue::Text(text) = value {
            byte ^= text.as_bytes().first().copied().unwrap_or(0);
        }
    }
    byte
}

fn flush(buf: &mut Vec<u8>, out: &mut impl Write) -> Result<(), IoError> {
    if buf.len() >= FLUSH_AT {
        out.write_all(buf)?;
        buf.clear();
    }
    Ok(())
}

fn json_error(e: serde_json::Error) -> IoError {
    IoError::Interchange {
        position: Position::default(),
        format: FORMAT,
        message: e.to_string(),
    }
}

/// Writes the COCO document to `path` atomically.
pub fn write_coco_file(sequence: &LabeledSequence, path: &Path) -> Result<LossReport, IoError> {
    let mut loss = None;
    write_atomically(path, |w| {
        loss = Some(write_coco(sequence, w)?);
        Ok(())
    })?;
    Ok(loss.unwrap_or_else(|| LossReport::new(FORMAT)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use vframe_core::{FrameSize, LabeledObject, ObjectId, SequenceLabels};
    use vframe_geom::{BoundingBox, Point, Polyline};

    fn sequence(kind: AnnotationType, objects: usize) -> LabeledSequence {
        let mut labels = SequenceLabels::new(TaskType::Tracking, kind);
        for f in (0..40).step_by(2) {
            labels.add_frame(f, format!("f\"{f}\".jpg")).unwrap();
        }
        let shape = |x: f64| -> Shape {
            match kind {
                AnnotationType::Polyline => {
                    Polyline::new(vec![Point::new(x, 0.0), Point::new(x + 1.0, 2.0)])
                        .unwrap()
                        .into()
                }
                _ => BoundingBox::new(x, 1.0, 2.0, 3.0).unwrap().into(),
            }
        };
        for o in 0..objects {
            let start = (o % 7) as u32 * 2;
            let attributes: AttributeValues =
                [("size".to_owned(), AttributeValue::Text(format!("s\\{o}")))].into();
            // Sparse: keyframes 10 frames apart (4 listed frames between), one absence.
            let keyframes = vec![
                Keyframe::visible(start, shape(o as f64)).with_attributes(attributes.clone()),
                Keyframe::visible(start + 10, shape(o as f64 + 5.0)),
                Keyframe::absent(start + 14),
                Keyframe::visible(start + 20, shape(1.0)),
            ];
            labels
                .add_object(LabeledObject::new(
                    Some(ObjectId::new(o.to_string())),
                    None,
                    ClassId(0),
                    Track::new(keyframes).unwrap(),
                ))
                .unwrap();
        }
        LabeledSequence::with_derived_config(labels).with_frame_size(FrameSize {
            width: 64,
            height: 48,
        })
    }

    #[test]
    fn annotation_ids_run_on_across_chunks_of_objects() {
        let s = sequence(AnnotationType::BoundingBox, 500);
        let mut out = Vec::new();
        write_coco(&s, &mut out).unwrap();
        let json: serde_json::Value = serde_json::from_slice(&out).unwrap();
        let annotations = json["annotations"].as_array().unwrap();
        let ids: Vec<u64> = annotations
            .iter()
            .map(|a| a["id"].as_u64().unwrap())
            .collect();
        let listed = listed_frames(&s.labels);
        let expected: u64 = s
            .labels
            .objects()
            .iter()
            .map(|o| annotation_count(o.track(), &listed))
            .sum();
        // Per object: 1 + 4 interpolated + 1 + 1 held before the absence + 1.
        assert_eq!(expected, 500 * 8);
        assert_eq!(ids, (1..=expected).collect::<Vec<_>>());
        assert_eq!(annotations[0]["attributes"]["size"], "s\\0");
        assert_eq!(json["images"][0]["file_name"], "f\"0\".jpg");
    }

    #[test]
    fn polylines_are_counted_as_lost_not_written() {
        let s = sequence(AnnotationType::Polyline, 100);
        let mut out = Vec::new();
        let loss = write_coco(&s, &mut out).unwrap();
        let json: serde_json::Value = serde_json::from_slice(&out).unwrap();
        assert!(json["annotations"].as_array().unwrap().is_empty());
        assert_eq!(loss.count(LossKind::Shapes("polyline")), 100 * 8);
        assert!(loss.to_string().contains("frame 0, "), "{loss}");
    }
}
