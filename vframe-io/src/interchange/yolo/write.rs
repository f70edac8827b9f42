//! Writing YOLO label files from the model.
//!
//! The listed frames are cut into chunks (`plan`); all cores format chunks (`lines`), and a
//! chunk's files are written as soon as it is formatted, so creating files (which a file
//! system serialises per folder) overlaps formatting. Numbers go through a table of
//! remembered texts (`text`), and losses are counted per chunk and named once (`tally`).

mod folder;
mod lines;
mod plan;
#[cfg(test)]
mod reference;
mod tally;
mod text;
mod walk;

use std::io::Write as _;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering::Relaxed};

use rayon::prelude::*;

use vframe_core::{AnnotationType, ClassId, TaskType};

use super::{DataYaml, FORMAT};
use crate::interchange::sample::{
    check_instance_names, listed_frames, report_frame_attributes, track_numbers,
};
use crate::interchange::{LabeledSequence, LossKind, LossReport};
use crate::{IoError, Position, write_atomically};
use folder::Destination;
use lines::{ChunkFiles, Context, Workspace, format_chunk};
use plan::{Chunk, Order, Plan};
use tally::Tally;

/// How to write YOLO labels.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YoloWriteOptions {
    /// Append each tracked object's track id to its lines (CVAT's "Detection Track").
    pub track_ids: bool,
    /// The subset folder under `labels/` and `images/` (Ultralytics layout).
    pub subset: String,
}

impl Default for YoloWriteOptions {
    fn default() -> Self {
        Self {
            track_ids: true,
            subset: "train".into(),
        }
    }
}

fn stem(file: &str) -> &str {
    let base = file.rsplit(['/', '\\']).next().unwrap_or(file);
    match base.rsplit_once('.') {
        Some((s, _)) if !s.is_empty() => s,
        _ => base,
    }
}

/// Produces the label file of every listed frame (empty when the frame has no object), in
/// frame order: `each(stem, bytes)`, the stem being the frame file's name without extension.
///
/// Frames are formatted on all cores a few chunks at a time, so memory stays a small part of
/// the output.
///
/// ```
/// use vframe_core::{AnnotationType, ClassId, FrameSize, Keyframe, LabeledObject, ObjectId, SequenceLabels, TaskType, Track};
/// use vframe_geom::BoundingBox;
/// use vframe_io::interchange::{yolo, LabeledSequence};
/// let mut labels = SequenceLabels::new(TaskType::Tracking, AnnotationType::BoundingBox);
/// labels.add_frame(0, "frame_0000.jpg")?;
/// let b = BoundingBox::new(10.0, 20.0, 30.0, 40.0)?.into();
/// labels.add_object(LabeledObject::new(Some(ObjectId::new("4")), None, ClassId(0), Track::single(0, b)))?;
/// let s = LabeledSequence::with_derived_config(labels).with_frame_size(FrameSize { width: 100, height: 200 });
/// let mut files = Vec::new();
/// yolo::write_yolo_frames(&s, &yolo::YoloWriteOptions::default(), |stem, bytes| {
///     files.push((stem.to_owned(), String::from_utf8_lossy(bytes).into_owned()));
///     Ok(())
/// })?;
/// assert_eq!(files, [("frame_0000".to_owned(), "0 0.25 0.2 0.3 0.2 4\n".to_owned())]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn write_yolo_frames(
    sequence: &LabeledSequence,
    options: &YoloWriteOptions,
    mut each: impl FnMut(&str, &[u8]) -> Result<(), IoError>,
) -> Result<LossReport, IoError> {
    let frames = sequence.labels.frames();
    let mut files = frames.iter();
    write_chunks(sequence, options, FRAMES_PER_CHUNK, |chunks| {
        for chunk in chunks {
            for bytes in chunk.files() {
                let Some(frame) = files.next() else { break };
                each(stem(&frame.file), bytes)?;
            }
        }
        Ok(())
    })
}

/// Frames per chunk: small enough that the first files are written early and both cores
/// stay busy to the end, large enough that per-chunk work (finding the objects, the
/// keyframe search of each track) is noise.
const FRAMES_PER_CHUNK: usize = 32;

/// What the write needs besides the chunks: settled once, before any formatting.
struct Prepared {
    numbers: Option<Vec<Option<u64>>>,
    listed: Vec<u32>,
    width: f64,
    height: f64,
}

/// Checks the frame size and records the losses that do not depend on lines.
fn prepare(
    sequence: &LabeledSequence,
    options: &YoloWriteOptions,
) -> Result<(Prepared, LossReport), IoError> {
    let labels = &sequence.labels;
    let Some(size) = sequence.frame_size else {
        return Err(IoError::Interchange {
            position: Position::default(),
            format: FORMAT,
            message: "YOLO coordinates are fractions of the frame size; give it (--size WxH) or a sequence that knows it".into(),
        });
    };
    if size.width == 0 || size.height == 0 {
        return Err(IoError::Interchange {
            position: Position::default(),
            format: FORMAT,
            message: format!("frame size {}x{} has a zero side", size.width, size.height),
        });
    }
    let mut loss = LossReport::new(FORMAT);
    let tracked = labels.task() == TaskType::Tracking;
    // Detection objects have no track ids (and `track_numbers` would give all `None`).
    let numbers = if options.track_ids && tracked {
        let n = track_numbers(labels, 0, &mut loss);
        check_instance_names(sequence, &n, &mut loss);
        Some(n)
    } else {
        if tracked {
            loss.record_many(
                LossKind::TrackIdentity,
                labels.objects().len() as u64,
                || "every object (track ids not written)".into(),
            );
        }
        None
    };
    report_frame_attributes(labels, &mut loss);
    let prepared = Prepared {
        numbers,
        listed: listed_frames(labels),
        width: f64::from(size.width),
        height: f64::from(size.height),
    };
    Ok((prepared, loss))
}

/// Formats every chunk on all cores and hands them to `sink` a wave at a time, in frame
/// order; returns the losses.
fn write_chunks(
    sequence: &LabeledSequence,
    options: &YoloWriteOptions,
    frames_per_chunk: usize,
    mut sink: impl FnMut(&[ChunkFiles]) -> Result<(), IoError>,
) -> Result<LossReport, IoError> {
    let (prepared, mut loss) = prepare(sequence, options)?;
    let cx = context(sequence, &prepared);
    let plan = Plan::new(
        cx.objects,
        cx.listed,
        frames_per_chunk,
        !cx.tracked,
        Order::Check,
    );
    let workspaces = Pool::default();
    let buffers = Pool::default();
    let wave = rayon::current_num_threads().max(1) * 2;
    let mut tally = Tally::default();
    for group in plan.chunks.chunks(wave) {
        let formatted: Vec<std::io::Result<ChunkFiles>> = group
            .par_iter()
            .with_max_len(1)
            .map(|chunk| {
                let mut ws = workspaces.take(|| Workspace::new(cx.width, cx.height));
                let files = format_chunk(
                    &cx,
                    chunk,
                    &plan.objects(chunk),
                    &mut ws,
                    buffers.take(Vec::new),
                );
                workspaces.give(ws);
                files
            })
            .collect();
        let mut chunks = Vec::with_capacity(formatted.len());
        for files in formatted {
            let files = files?;
            tally.merge(&files.tally);
            chunks.push(files);
        }
        sink(&chunks)?;
        for files in chunks {
            buffers.give(files.into_bytes());
        }
    }
    tally.report(cx.objects, &mut loss);
    Ok(loss)
}

fn context<'a>(sequence: &'a LabeledSequence, prepared: &'a Prepared) -> Context<'a> {
    Context {
        objects: sequence.labels.objects(),
        numbers: prepared.numbers.as_deref(),
        listed: &prepared.listed,
        tracked: sequence.labels.task() == TaskType::Tracking,
        width: prepared.width,
        height: prepared.height,
    }
}

/// Things workers reuse from chunk to chunk (number tables, buffers): one per worker at a
/// time, kept for the whole write so each fills and grows once.
struct Pool<T>(Mutex<Vec<T>>);

impl<T> Default for Pool<T> {
    fn default() -> Self {
        Self(Mutex::new(Vec::new()))
    }
}

impl<T> Pool<T> {
    fn take(&self, make: impl FnOnce() -> T) -> T {
        let taken = self.0.lock().ok().and_then(|mut free| free.pop());
        taken.unwrap_or_else(make)
    }

    fn give(&self, item: T) {
        if let Ok(mut free) = self.0.lock() {
            free.push(item);
        }
    }
}

/// Writes an Ultralytics dataset folder: `DIR/data.yaml` and `DIR/labels/<subset>/<stem>.txt`
/// for every listed frame (images are not written).
///
/// No label file is ever seen half-written, and the files are written on all cores:
/// - into a new (missing or empty) `labels/<subset>`, the files are written into a hidden
///   sibling folder (`labels/.<subset>.vframe-tmp`) that is renamed into place once complete,
///   so the folder appears with every file or not at all;
/// - into a folder that already holds files, each label file is written under a temporary
///   name and renamed over its destination; other files there are left alone.
///
/// Unlike [`write_atomically`] the small per-frame files are not synced one by one (2,000
/// syncs cost seconds), so after a power loss a label file may be empty. `data.yaml` is
/// written last, atomically and synced. Two frames whose files share a stem
/// (`a/0001.jpg`, `b/0001.png`) would write one label file: that is an error, not a silent
/// overwrite.
pub fn write_yolo_dir(
    sequence: &LabeledSequence,
    dir: &std::path::Path,
    options: &YoloWriteOptions,
) -> Result<LossReport, IoError> {
    write_dir_in_chunks(sequence, dir, options, FRAMES_PER_CHUNK)
}

fn write_dir_in_chunks(
    sequence: &LabeledSequence,
    dir: &std::path::Path,
    options: &YoloWriteOptions,
    frames_per_chunk: usize,
) -> Result<LossReport, IoError> {
    let (prepared, mut loss) = prepare(sequence, options)?;
    let names = label_file_names(sequence)?;
    let destination = Destination::prepare(&dir.join("labels").join(&options.subset))?;
    let cx = context(sequence, &prepared);
    // Into a new folder, a wrong guess of the objects' order costs a second try unseen.
    let order = match destination {
        Destination::Staging { .. } => Order::Assume,
        Destination::Existing(_) => Order::Check,
    };
    let mut written = write_files(&cx, &names, &destination, frames_per_chunk, order);
    if let Ok(None) = written {
        written = write_files(&cx, &names, &destination, frames_per_chunk, Order::Check);
    }
    let tally = destination.finish(written.map(Option::unwrap_or_default))?;
    tally.report(cx.objects, &mut loss);
    let yaml = DataYaml {
        names: (0..sequence.label_count())
            .map(|i| sequence.label_name(ClassId(i as u32)))
            .collect(),
        kpt_shape: (sequence.labels.annotation_type() == AnnotationType::Keypoint)
            .then_some((1, 3)),
    };
    write_atomically(&dir.join("data.yaml"), |w| {
        w.write_all(yaml.to_yaml(&options.subset).as_bytes())?;
        Ok(())
    })?;
    Ok(loss)
}

/// Formats and writes every chunk on all cores; `None` when the assumed order of the
/// objects proved wrong (then some files are wrong or missing and all must be written
/// again with a checked order).
fn write_files(
    cx: &Context<'_>,
    names: &[String],
    destination: &Destination,
    frames_per_chunk: usize,
    order: Order,
) -> Result<Option<Tally>, IoError> {
    let plan = Plan::new(cx.objects, cx.listed, frames_per_chunk, !cx.tracked, order);
    let workspaces = Pool::default();
    let misplaced = AtomicBool::new(false);
    // Each chunk's files are written by the worker that formatted it, right away: while one
    // worker waits on the file system, the other formats.
    let write_chunk = |chunk: &Chunk| -> Result<Tally, IoError> {
        if misplaced.load(Relaxed) || plan.misplaced(cx.objects, chunk) {
            misplaced.store(true, Relaxed);
            return Ok(Tally::default());
        }
        let mut ws = workspaces.take(|| (Workspace::new(cx.width, cx.height), Vec::new()));
        let files = format_chunk(
            cx,
            chunk,
            &plan.objects(chunk),
            &mut ws.0,
            std::mem::take(&mut ws.1),
        )?;
        let names = names.get(chunk.slots.clone()).unwrap_or_default();
        let written = names
            .iter()
            .zip(files.files())
            .try_for_each(|(name, bytes)| destination.write(name, bytes));
        let tally = files.tally;
        ws.1 = files.into_bytes();
        workspaces.give(ws);
        written.map(|()| tally)
    };
    let results: Vec<Result<Tally, IoError>> = plan
        .chunks
        .par_iter()
        .with_max_len(1)
        .map(write_chunk)
        .collect();
    if misplaced.load(Relaxed) {
        return Ok(None);
    }
    let mut tally = Tally::default();
    for result in results {
        tally.merge(&result?);
    }
    Ok(Some(tally))
}

/// `<stem>.txt` per listed frame; an error when two frames share a stem.
fn label_file_names(sequence: &LabeledSequence) -> Result<Vec<String>, IoError> {
    let frames = sequence.labels.frames();
    let names: Vec<String> = frames
        .iter()
        .map(|f| format!("{}.txt", stem(&f.file)))
        .collect();
    let mut seen: std::collections::HashMap<&str, &str> = Default::default();
    for (name, frame) in names.iter().zip(frames) {
        if let Some(other) = seen.insert(name, &frame.file) {
            return Err(IoError::Interchange {
                position: Position::default(),
                format: FORMAT,
                message: format!(
                    "frames {other:?} and {:?} would both write the label file {name}; YOLO names label files after frame file stems",
                    frame.file
                ),
            });
        }
    }
    Ok(names)
}
