//! Writing CVAT for video 1.1 XML from the model, one track at a time.

use std::io::Write;
use std::path::Path;

use quick_xml::escape::{escape, partial_escape};
use vframe_core::{
    AttributeValues, CompressOptions, LabeledObject, Tolerance, Track, compress_track,
};
use vframe_geom::{Point, Shape};

use super::FORMAT;
use super::meta::write_meta;
use crate::interchange::number::{write_number, write_numbers};
use crate::interchange::sample::{
    Step, check_instance_names, listed_frames, report_frame_attributes, track_numbers, walk_track,
};
use crate::interchange::{FrameNumbering, LabeledSequence, LossKind, LossReport};
use crate::{IoError, Position, write_atomically};

const FLUSH_AT: usize = 1 << 16;

/// How to write CVAT XML.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CvatWriteOptions {
    /// Keyframes only (CVAT interpolates the rest) instead of every listed frame.
    pub sparse: bool,
    /// With `sparse`: first reduce each track to the fewest keyframes that reproduce it
    /// within a tolerance ([`compress_track`]), so dense tracks (read from Ground Truth, MOT or
    /// a tracker) come out as the sparse keyframes an annotator would have drawn.
    pub compress: Option<CompressOptions>,
    /// `start_frame`: the absolute number of frame-no 0.
    pub start_frame: u64,
    /// The frame step (`frame_filter` `step=N`), at least 1.
    pub step: u64,
}

impl Default for CvatWriteOptions {
    fn default() -> Self {
        Self {
            sparse: false,
            compress: None,
            start_frame: 0,
            step: 1,
        }
    }
}

/// Writes the sequence as a CVAT for video 1.1 task.
///
/// ```
/// use vframe_core::{AnnotationType, ClassId, Keyframe, LabeledObject, ObjectId, SequenceLabels, TaskType, Track};
/// use vframe_geom::BoundingBox;
/// use vframe_io::interchange::{cvat_video, LabeledSequence};
/// let mut labels = SequenceLabels::new(TaskType::Tracking, AnnotationType::BoundingBox);
/// for i in 0..4 { labels.add_frame(i, format!("{i}.jpg"))?; }
/// let b = |x| BoundingBox::new(x, 0.0, 2.0, 2.0).map(Into::into);
/// let track = Track::new(vec![Keyframe::visible(0, b(0.0)?), Keyframe::visible(2, b(4.0)?)])?;
/// labels.add_object(LabeledObject::new(Some(ObjectId::new("3")), None, ClassId(0), track))?;
/// let s = LabeledSequence::with_derived_config(labels);
/// let mut out = Vec::new();
/// cvat_video::write_cvat_video(&s, &Default::default(), &mut out)?;
/// let xml = String::from_utf8(out)?;
/// assert!(xml.contains(r#"<box frame="1" keyframe="0" outside="0" occluded="0" xtl="2" ytl="0" xbr="4" ybr="2" z_order="0"/>"#));
/// // The track stops after frame 2: CVAT must not extend it to the end of the task.
/// assert!(xml.contains(r#"<box frame="3" keyframe="1" outside="1""#));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn write_cvat_video(
    sequence: &LabeledSequence,
    options: &CvatWriteOptions,
    out: &mut impl Write,
) -> Result<LossReport, IoError> {
    let labels = &sequence.labels;
    let numbering = FrameNumbering::cvat(options.start_frame, options.step).map_err(|message| {
        IoError::Interchange {
            position: Position::default(),
            format: FORMAT,
            message,
        }
    })?;
    let mut loss = LossReport::new(FORMAT);
    let numbers = track_numbers(labels, 0, &mut loss);
    check_instance_names(sequence, &numbers, &mut loss);
    report_frame_attributes(labels, &mut loss);
    let listed = listed_frames(labels);
    let size = listed.last().map_or(0, |l| l + 1);
    let mut buf: Vec<u8> = Vec::with_capacity(FLUSH_AT + 1024);
    write_meta(&mut buf, sequence, numbering, size)?;

    let mut next_detection = numbers.iter().flatten().max().map_or(0, |m| m + 1);
    for (object, number) in labels.objects().iter().zip(&numbers) {
        let id = number.unwrap_or_else(|| {
            next_detection += 1;
            next_detection - 1
        });
        let label = sequence.label_name(object.class_id());
        writeln!(
            buf,
            "  <track id=\"{id}\" label=\"{}\" source=\"manual\">",
            escape(label.as_str())
        )?;
        let mut last_visible: Option<&Shape> = None;
        let mut element = |buf: &mut Vec<u8>,
                           frame: u32,
                           shape: &Shape,
                           keyframe: bool,
                           outside: bool,
                           attributes: &AttributeValues,
                           loss: &mut LossReport|
         -> Result<(), IoError> {
            let exact = write_shape(
                buf,
                numbering.number_of(frame),
                shape,
                keyframe,
                outside,
                attributes,
            )?;
            if !exact && !outside {
                loss.record(LossKind::Precision, || {
                    format!(
                        "frame {frame}, {}: xbr - xtl differs from the width",
                        object.describe()
                    )
                });
            }
            if buf.len() >= FLUSH_AT {
                out.write_all(buf)?;
                buf.clear();
            }
            Ok(())
        };
        let no_attributes = AttributeValues::new();
        if options.sparse {
            let compressed = match &options.compress {
                Some(c) => Some(compress(object, c, &mut loss)?),
                None => None,
            };
            let track = compressed.as_ref().unwrap_or(object.track());
            for k in track.keyframes() {
                match k.shape() {
                    Some(shape) => {
                        last_visible = Some(shape);
                        element(
                            &mut buf,
                            k.frame,
                            shape,
                            true,
                            false,
                            &k.attributes,
                            &mut loss,
                        )?;
                    }
                    None => {
                        if let Some(shape) = last_visible {
                            element(
                                &mut buf,
                                k.frame,
                                shape,
                                true,
                                true,
                                &no_attributes,
                                &mut loss,
                            )?;
                        }
                    }
                }
            }
        } else {
            let track = object.track();
            walk_track(track, &listed, |step| -> Result<(), IoError> {
                match step {
                    Step::Visible {
                        frame,
                        shape,
                        keyframe,
                        attributes,
                    } => {
                        if keyframe {
                            last_visible = track.keyframe_at(frame).and_then(|k| k.shape());
                        }
                        element(
                            &mut buf, frame, &shape, keyframe, false, attributes, &mut loss,
                        )
                    }
                    Step::Absent { frame } => match last_visible {
                        Some(shape) => element(
                            &mut buf,
                            frame,
                            shape,
                            true,
                            true,
                            &no_attributes,
                            &mut loss,
                        ),
                        None => Ok(()),
                    },
                }
            })?;
        }
        // After its last keyframe the object is gone; say so, or CVAT would show it to the end.
        let last = object.track().span().1;
        if last + 1 < size
            && let Some(shape) = object.track().keyframes().last().and_then(|k| k.shape())
        {
            element(
                &mut buf,
                last + 1,
                shape,
                true,
                true,
                &no_attributes,
                &mut loss,
            )?;
        }
        buf.extend_from_slice(b"  </track>\n");
    }
    buf.extend_from_slice(b"</annotations>\n");
    out.write_all(&buf)?;
    Ok(loss)
}

/// The compressed track; a tolerance above zero moves interpolated frames by up to that
/// much, which is reported as precision lost once per dropped keyframe.
fn compress(
    object: &LabeledObject,
    options: &CompressOptions,
    loss: &mut LossReport,
) -> Result<Track, IoError> {
    let track = compress_track(object.track(), options).map_err(|e| IoError::Interchange {
        position: Position::default(),
        format: FORMAT,
        message: format!("{}: {e}", object.describe()),
    })?;
    let exact = matches!(options.tolerance, Tolerance::Pixels(p) if p == 0.0);
    if !exact {
        let dropped = object.track().keyframes().len() - track.keyframes().len();
        loss.record_many(LossKind::Precision, dropped as u64, || {
            format!(
                "{}: keyframes dropped by compression within {:?}",
                object.describe(),
                options.tolerance
            )
        });
    }
    Ok(track)
}

fn write_points(buf: &mut Vec<u8>, points: &[Point]) -> std::io::Result<()> {
    buf.extend_from_slice(b"points=\"");
    for (i, p) in points.iter().enumerate() {
        if i > 0 {
            buf.push(b';');
        }
        write_numbers(buf, b',', &[p.x, p.y])?;
    }
    buf.push(b'"');
    Ok(())
}

/// Writes one shape element; returns whether the numbers read back exactly.
fn write_shape(
    buf: &mut Vec<u8>,
    number: u64,
    shape: &Shape,
    keyframe: bool,
    outside: bool,
    attributes: &AttributeValues,
) -> Result<bool, IoError> {
    let tag = match shape {
        Shape::BoundingBox(_) => "box",
        Shape::Polygon { .. } => "polygon",
        Shape::Polyline { .. } => "polyline",
        Shape::Keypoint(_) => "points",
    };
    write!(
        buf,
        "    <{tag} frame=\"{number}\" keyframe=\"{}\" outside=\"{}\" occluded=\"0\" ",
        u8::from(keyframe),
        u8::from(outside)
    )?;
    let mut exact = true;
    match shape {
        Shape::BoundingBox(b) => {
            let (xbr, ybr) = (b.left + b.width, b.top + b.height);
            exact = xbr - b.left == b.width && ybr - b.top == b.height;
            for (name, v) in [("xtl", b.left), ("ytl", b.top), ("xbr", xbr), ("ybr", ybr)] {
                if name != "xtl" {
                    buf.push(b' ');
                }
                write!(buf, "{name}=\"")?;
                write_number(buf, v)?;
                buf.push(b'"');
            }
        }
        Shape::Polygon { vertices } => write_points(buf, vertices.vertices())?,
        Shape::Polyline { vertices } => write_points(buf, vertices.vertices())?,
        Shape::Keypoint(k) => write_points(buf, &[k.point()])?,
    }
    buf.extend_from_slice(b" z_order=\"0\"");
    if outside || attributes.is_empty() {
        buf.extend_from_slice(b"/>\n");
        return Ok(exact);
    }
    buf.extend_from_slice(b">\n");
    for (name, value) in attributes {
        let value = value.to_string();
        writeln!(
            buf,
            "      <attribute name=\"{}\">{}</attribute>",
            escape(name.as_str()),
            partial_escape(value.as_str())
        )?;
    }
    writeln!(buf, "    </{tag}>")?;
    Ok(exact)
}

/// Writes the CVAT XML to `path` atomically.
pub fn write_cvat_video_file(
    sequence: &LabeledSequence,
    options: &CvatWriteOptions,
    path: &Path,
) -> Result<LossReport, IoError> {
    let mut loss = None;
    write_atomically(path, |w| {
        loss = Some(write_cvat_video(sequence, options, w)?);
        Ok(())
    })?;
    Ok(loss.unwrap_or_else(|| LossReport::new(FORMAT)))
}
