//! Writing COCO (with TAO's video fields) from the model, one annotation at a time.

use std::io::Write;
use std::path::Path;

use vframe_core::{AnnotationType, AttributeValues, ClassId, TaskType};
use vframe_geom::Shape;
use vframe_geom::algorithm::{Area, Bounds};

use super::{FORMAT, KEYPOINT_NAME};
use crate::interchange::number::{write_number, write_numbers};
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
        write!(
            buf,
            "{{\"id\":{},\"file_name\":",
            image_ids.number_of(frame.index())
        )?;
        serde_json::to_writer(&mut buf, &frame.file).map_err(json_error)?;
        write!(
            buf,
            ",\"width\":{},\"height\":{},\"video_id\":1,\"frame_index\":{}",
            size.width,
            size.height,
            frame.index()
        )?;
        if !frame.attributes.is_empty() {
            buf.extend_from_slice(b",\"attributes\":");
            serde_json::to_writer(&mut buf, &frame.attributes).map_err(json_error)?;
        }
        buf.push(b'}');
        flush(&mut buf, out)?;
    }
    buf.extend_from_slice(b"],\"annotations\":[");
    let mut next_id: u64 = 1;
    for (object, number) in labels.objects().iter().zip(&numbers) {
        let category = u64::from(object.class_id().0) + 1;
        walk_track(object.track(), &listed, |step| -> Result<(), IoError> {
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
            write!(
                buf,
                "{{\"id\":{next_id},\"image_id\":{},\"video_id\":1,\"category_id\":{category}",
                image_ids.number_of(frame)
            )?;
            next_id += 1;
            if let Some(t) = number {
                write!(buf, ",\"track_id\":{t}")?;
            }
            let b = shape.bounds();
            let area = match shape.as_ref() {
                Shape::Polygon { vertices } => vertices.unsigned_area(),
                _ => b.width * b.height,
            };
            buf.extend_from_slice(b",\"bbox\":[");
            write_numbers(&mut buf, b',', &[b.left, b.top, b.width, b.height])?;
            buf.extend_from_slice(b"],\"area\":");
            write_number(&mut buf, area)?;
            buf.extend_from_slice(b",\"iscrowd\":0,\"segmentation\":");
            match shape.as_ref() {
                Shape::Polygon { vertices } => {
                    buf.extend_from_slice(b"[[");
                    for (i, p) in vertices.vertices().iter().enumerate() {
                        if i > 0 {
                            buf.push(b',');
                        }
                        write_numbers(&mut buf, b',', &[p.x, p.y])?;
                    }
                    buf.extend_from_slice(b"]]");
                }
                _ => buf.extend_from_slice(b"[]"),
            }
            if let Shape::Keypoint(k) = shape.as_ref() {
                buf.extend_from_slice(b",\"keypoints\":[");
                write_numbers(&mut buf, b',', &[k.x, k.y])?;
                buf.extend_from_slice(b",2],\"num_keypoints\":1");
            }
            write_attributes(&mut buf, *number, keyframe, attributes, labels.task())?;
            buf.push(b'}');
            flush(&mut buf, out)
        })?;
    }
    buf.extend_from_slice(b"],\"tracks\":[");
    let mut first = true;
    for (object, number) in labels.objects().iter().zip(&numbers) {
        if let Some(t) = number {
            if !first {
                buf.push(b',');
            }
            first = false;
            write!(
                buf,
                "{{\"id\":{t},\"category_id\":{},\"video_id\":1}}",
                u64::from(object.class_id().0) + 1
            )?;
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
            write!(buf, "\"track_id\":{t},")?;
        }
        write!(buf, "\"keyframe\":{keyframe}")?;
        first = false;
    }
    for (name, value) in attributes {
        if !first {
            buf.push(b',');
        }
        first = false;
        serde_json::to_writer(&mut *buf, name).map_err(json_error)?;
        buf.push(b':');
        serde_json::to_writer(&mut *buf, value).map_err(json_error)?;
    }
    buf.push(b'}');
    Ok(())
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
