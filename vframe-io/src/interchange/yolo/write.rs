//! Writing YOLO label files from the model.

use std::io::Write as _;
use std::ops::Range;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use vframe_core::{AnnotationType, ClassId, TaskType};
use vframe_geom::Shape;

use super::{DataYaml, FORMAT};
use crate::interchange::number::{write_float, write_integer};
use crate::interchange::parallel::even_ranges;
use crate::interchange::sample::{
    Shown, check_instance_names, listed_frames, report_frame_attributes, track_numbers,
    walk_visible,
};
use crate::interchange::{LabeledSequence, LossKind, LossReport};
use crate::{IoError, Position, write_atomically};

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
/// Lines are gathered per frame before `each` is called, so memory is the size of the
/// output; tracks are walked one at a time.
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
    let (files, loss) = frame_files(sequence, options)?;
    for (frame, bytes) in sequence.labels.frames().iter().zip(&files) {
        each(stem(&frame.file), bytes)?;
    }
    Ok(loss)
}

/// The label file bytes of every listed frame, in frame order. Objects are formatted on all
/// cores, a share of the objects each; a frame's lines are then joined in object order.
fn frame_files(
    sequence: &LabeledSequence,
    options: &YoloWriteOptions,
) -> Result<(Vec<Vec<u8>>, LossReport), IoError> {
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
    let numbers = if options.track_ids {
        let n = track_numbers(labels, 0, &mut loss);
        check_instance_names(sequence, &n, &mut loss);
        n
    } else {
        if tracked {
            loss.record_many(
                LossKind::TrackIdentity,
                labels.objects().len() as u64,
                || "every object (track ids not written)".into(),
            );
        }
        vec![None; labels.objects().len()]
    };
    report_frame_attributes(labels, &mut loss);
    let listed = listed_frames(labels);
    let (w, h) = (f64::from(size.width), f64::from(size.height));
    let objects = labels.objects();
    let format_share = |range: Range<usize>| -> Result<(Vec<Vec<u8>>, LossReport), IoError> {
        let mut lines: Vec<Vec<u8>> = vec![Vec::new(); listed.len()];
        let mut loss = LossReport::new(FORMAT);
        for (object, number) in objects[range.clone()].iter().zip(&numbers[range]) {
            let class = object.class_id().0;
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
                    let where_ = || format!("frame {frame}, {}", object.describe());
                    if let Shape::Polyline { .. } = shape.as_ref() {
                        loss.record(LossKind::Shapes("polyline"), where_);
                        return Ok(());
                    }
                    if tracked && !keyframe {
                        loss.record(LossKind::KeyframeFlags, where_);
                    }
                    if !attributes.is_empty() {
                        loss.record_many(LossKind::Attributes, attributes.len() as u64, where_);
                    }
                    let Ok(slot) = listed.binary_search(&frame) else {
                        return Ok(());
                    };
                    let line = &mut lines[slot];
                    write_integer(line, class);
                    let exact = match shape.as_ref() {
                        Shape::BoundingBox(b) => {
                            write_box(line, b.left, b.top, b.width, b.height, w, h)?
                        }
                        Shape::Polygon { vertices } => {
                            let mut exact = true;
                            for p in vertices.vertices() {
                                let (x, y) = (p.x / w, p.y / h);
                                write_pair(line, x, y)?;
                                exact &= x * w == p.x && y * h == p.y;
                            }
                            exact
                        }
                        Shape::Keypoint(k) => {
                            let exact = write_box(line, k.x, k.y, 0.0, 0.0, w, h)?;
                            let (x, y) = (k.x / w, k.y / h);
                            write_pair(line, x, y)?;
                            line.extend_from_slice(b" 2");
                            exact && x * w == k.x && y * h == k.y
                        }
                        Shape::Polyline { .. } => true,
                    };
                    if !exact {
                        loss.record(LossKind::Precision, where_);
                    }
                    if let Some(t) = number {
                        line.push(b' ');
                        write_integer(line, *t);
                    }
                    line.push(b'\n');
                    Ok(())
                },
            )?;
        }
        Ok((lines, loss))
    };
    let shares: Vec<_> = even_ranges(objects.len(), rayon::current_num_threads())
        .into_par_iter()
        .map(format_share)
        .collect();
    let mut files: Vec<Vec<u8>> = Vec::new();
    for share in shares {
        let (lines, share_loss) = share?;
        loss.merge(share_loss);
        if files.is_empty() {
            files = lines;
        } else {
            for (file, more) in files.iter_mut().zip(lines) {
                file.extend_from_slice(&more);
            }
        }
    }
    files.resize(listed.len(), Vec::new());
    Ok((files, loss))
}

/// Writes `class cx cy w h` numbers; true when a reader gets the pixel values back exactly.
fn write_box(
    line: &mut Vec<u8>,
    left: f64,
    top: f64,
    width: f64,
    height: f64,
    w: f64,
    h: f64,
) -> Result<bool, IoError> {
    let cx = (left + width / 2.0) / w;
    let cy = (top + height / 2.0) / h;
    let (nw, nh) = (width / w, height / h);
    write_pair(line, cx, cy)?;
    write_pair(line, nw, nh)?;
    let (rw, rh) = (nw * w, nh * h);
    Ok(rw == width && rh == height && cx * w - rw / 2.0 == left && cy * h - rh / 2.0 == top)
}

/// Appends ` x y` as `write!(line, " {x} {y}")` would.
fn write_pair(line: &mut Vec<u8>, x: f64, y: f64) -> std::io::Result<()> {
    line.push(b' ');
    write_float(line, x)?;
    line.push(b' ');
    write_float(line, y)
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
    dir: &Path,
    options: &YoloWriteOptions,
) -> Result<LossReport, IoError> {
    let file_error = |p: &Path| {
        let p = p.to_path_buf();
        move |source| IoError::File { path: p, source }
    };
    let labels_dir = dir.join("labels").join(&options.subset);
    let (files, loss) = frame_files(sequence, options)?;
    let names = label_file_names(sequence)?;
    if folder_is_new(&labels_dir).map_err(file_error(&labels_dir))? {
        write_new_folder(&labels_dir, &names, &files)?;
    } else {
        let written: Vec<Result<(), IoError>> = names
            .par_iter()
            .zip(&files)
            .map(|(name, bytes)| replace_file(&labels_dir.join(name), bytes))
            .collect();
        written.into_iter().collect::<Result<(), IoError>>()?;
    }
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

/// Whether `dir` is missing or an empty folder.
fn folder_is_new(dir: &Path) -> std::io::Result<bool> {
    match std::fs::read_dir(dir) {
        Ok(mut entries) => Ok(entries.next().is_none()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(true),
        Err(e) => Err(e),
    }
}

/// Writes every file into a hidden sibling of `dir`, then renames it to `dir`.
fn write_new_folder(dir: &Path, names: &[String], files: &[Vec<u8>]) -> Result<(), IoError> {
    let file_error = |p: &Path| {
        let p = p.to_path_buf();
        move |source| IoError::File { path: p, source }
    };
    let (Some(parent), Some(base)) = (dir.parent(), dir.file_name()) else {
        return Err(IoError::File {
            path: dir.to_path_buf(),
            source: std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                "the labels folder needs a parent folder and a name",
            ),
        });
    };
    let mut staging_name = std::ffi::OsString::from(".");
    staging_name.push(base);
    staging_name.push(".vframe-tmp");
    let staging: PathBuf = parent.join(staging_name);
    // A staging folder can only be left over from an interrupted run of ours.
    if staging.exists() {
        std::fs::remove_dir_all(&staging).map_err(file_error(&staging))?;
    }
    std::fs::create_dir_all(&staging).map_err(file_error(&staging))?;
    let written: Vec<Result<(), IoError>> = names
        .par_iter()
        .zip(files)
        .map(|(name, bytes)| {
            let path = staging.join(name);
            std::fs::write(&path, bytes).map_err(file_error(&path))
        })
        .collect();
    let placed = written
        .into_iter()
        .collect::<Result<(), IoError>>()
        .and_then(|()| {
            if dir.exists() {
                // Empty, as checked; if a file arrived meanwhile this fails and nothing moves.
                std::fs::remove_dir(dir).map_err(file_error(dir))?;
            }
            std::fs::rename(&staging, dir).map_err(file_error(dir))
        });
    if placed.is_err() {
        let _ = std::fs::remove_dir_all(&staging);
    }
    placed
}

/// Writes `bytes` to a temporary sibling of `path`, then renames it over `path`.
fn replace_file(path: &Path, bytes: &[u8]) -> Result<(), IoError> {
    let file_error = |p: &Path| {
        let p = p.to_path_buf();
        move |source| IoError::File { path: p, source }
    };
    let mut temporary = path.as_os_str().to_owned();
    temporary.push(".vframe-tmp");
    let temporary = std::path::PathBuf::from(temporary);
    std::fs::write(&temporary, bytes).map_err(file_error(&temporary))?;
    std::fs::rename(&temporary, path).map_err(|source| {
        let _ = std::fs::remove_file(&temporary);
        IoError::File {
            path: path.to_path_buf(),
            source,
        }
    })
}
