//! Writing MOT rows from the model.

use std::io::Write;
use std::path::Path;

use vframe_geom::Shape;

use super::{CONFIDENCE_ATTRIBUTE, FORMAT, MotFlavor, SeqInfo, VISIBILITY_ATTRIBUTE};
use crate::interchange::number::{write_integer, write_number, write_numbers};
use crate::interchange::parallel::write_objects_in_order;
use crate::interchange::sample::{
    Shown, check_instance_names, listed_frames, report_frame_attributes, track_numbers,
    walk_visible,
};
use crate::interchange::{FrameNumbering, LabeledSequence, LossKind, LossReport};
use crate::{IoError, write_atomically};

/// Writes every box of the sequence as MOT rows, track by track in frame order; returns what
/// MOT could not hold.
///
/// Tracked objects keep numeric object ids >= 1 as their MOT id (others are renumbered and
/// reported); detections get id -1. Interpolated frames of sparse tracks are written as rows
/// (the keyframe flag is reported lost).
///
/// ```
/// # use vframe_io::interchange::{mot, LabeledSequence};
/// # use vframe_core::{AnnotationType, SequenceLabels, TaskType};
/// let labels = SequenceLabels::new(TaskType::Tracking, AnnotationType::Polygon);
/// let mut out = Vec::new();
/// let loss = mot::write_mot(&LabeledSequence::with_derived_config(labels), mot::MotFlavor::Results, &mut out)?;
/// assert!(out.is_empty() && loss.is_lossless());
/// # Ok::<(), vframe_io::IoError>(())
/// ```
pub fn write_mot(
    sequence: &LabeledSequence,
    flavor: MotFlavor,
    out: &mut impl Write,
) -> Result<LossReport, IoError> {
    let labels = &sequence.labels;
    let mut loss = LossReport::new(FORMAT);
    let numbers = track_numbers(labels, 1, &mut loss);
    check_instance_names(sequence, &numbers, &mut loss);
    report_frame_attributes(labels, &mut loss);
    let listed = listed_frames(labels);
    let frames = FrameNumbering::mot();
    let objects = labels.objects();
    let format = |range: std::ops::Range<usize>,
                  buf: &mut Vec<u8>,
                  loss: &mut LossReport|
     -> Result<(), IoError> {
        for (object, number) in objects[range.clone()].iter().zip(&numbers[range]) {
            let id: i64 = number.map_or(-1, |n| n as i64);
            let class = object.class_id().0;
            if flavor == MotFlavor::Results && class != 0 {
                loss.record(LossKind::Classes, || {
                    format!("{}: MOT results have no class column", object.describe())
                });
            }
            walk_visible(
                object.track(),
                &listed,
                |Shown {
                     frame,
                     shape,
                     keyframe,
                     attributes,
                 }|
                 -> Result<(), IoError> {
                    let Shape::BoundingBox(b) = shape.as_ref() else {
                        loss.record(LossKind::Shapes(shape.kind().describe()), || {
                            format!("frame {frame}, {}: MOT holds boxes only", object.describe())
                        });
                        return Ok(());
                    };
                    if !keyframe {
                        loss.record(LossKind::KeyframeFlags, || {
                            format!("frame {frame}, {}", object.describe())
                        });
                    }
                    // One pass over the values: this runs once per row.
                    let (mut confidence, mut visibility, mut others) = (None, None, 0u64);
                    for (name, value) in attributes {
                        match (name.as_str(), flavor) {
                            (CONFIDENCE_ATTRIBUTE, _) if value.as_number().is_some() => {
                                confidence = value.as_number();
                            }
                            (VISIBILITY_ATTRIBUTE, MotFlavor::GroundTruth)
                                if value.as_number().is_some() =>
                            {
                                visibility = value.as_number();
                            }
                            _ => others += 1,
                        }
                    }
                    if others > 0 {
                        loss.record_many(LossKind::Attributes, others, || {
                            format!("frame {frame}, {}", object.describe())
                        });
                    }
                    write_integer(buf, frames.number_of(frame));
                    buf.push(b',');
                    write_integer(buf, id);
                    buf.push(b',');
                    write_numbers(
                        buf,
                        b',',
                        &[b.left, b.top, b.width, b.height, confidence.unwrap_or(1.0)],
                    )?;
                    match flavor {
                        MotFlavor::GroundTruth => {
                            buf.push(b',');
                            write_integer(buf, u64::from(class) + 1);
                            buf.push(b',');
                            write_number(buf, visibility.unwrap_or(1.0))?;
                            buf.push(b'\n');
                        }
                        MotFlavor::Results => buf.extend_from_slice(b",-1,-1,-1\n"),
                    }
                    Ok(())
                },
            )?;
        }
        Ok(())
    };
    write_objects_in_order(objects.len(), FORMAT, format, out, &mut loss)?;
    Ok(loss)
}

/// Writes a MOT sequence folder the way MOTChallenge and Datumaro lay it out: the rows
/// (ground truth in `DIR/gt/gt.txt`, results in `DIR/results.txt`), the label list in
/// `DIR/gt/labels.txt` and, when the frame size is known, `DIR/seqinfo.ini` (`imDir=img1`,
/// `imExt=.jpg`, `seqLength` = last listed frame index + 1). Every file is written
/// atomically.
pub fn write_mot_dir(
    sequence: &LabeledSequence,
    flavor: MotFlavor,
    dir: &Path,
    frame_rate: u32,
) -> Result<LossReport, IoError> {
    let file_err = |path: &Path| {
        let path = path.to_path_buf();
        move |source| IoError::File { path, source }
    };
    let gt_dir = dir.join("gt");
    std::fs::create_dir_all(&gt_dir).map_err(file_err(&gt_dir))?;
    let rows = match flavor {
        MotFlavor::GroundTruth => gt_dir.join("gt.txt"),
        MotFlavor::Results => dir.join("results.txt"),
    };
    let mut loss = None;
    write_atomically(&rows, |w| {
        loss = Some(write_mot(sequence, flavor, w)?);
        Ok(())
    })?;
    let names: Vec<String> = (0..sequence.label_count())
        .map(|i| sequence.label_name(vframe_core::ClassId(i as u32)))
        .collect();
    write_atomically(&gt_dir.join("labels.txt"), |w| {
        w.write_all(names.join("\n").as_bytes())?;
        Ok(())
    })?;
    if let Some(size) = sequence.frame_size {
        let length = sequence.labels.frames().last().map_or(0, |f| f.index() + 1);
        let info = SeqInfo {
            name: sequence.name.clone().unwrap_or_else(|| "sequence".into()),
            im_dir: "img1".into(),
            frame_rate,
            seq_length: length,
            size,
            im_ext: ".jpg".into(),
        };
        write_atomically(&dir.join("seqinfo.ini"), |w| {
            w.write_all(info.to_ini().as_bytes())?;
            Ok(())
        })?;
    }
    Ok(loss.unwrap_or_else(|| LossReport::new(FORMAT)))
}
