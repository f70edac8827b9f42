//! Reading YOLO label files into the model, line by line.

use std::collections::HashMap;
use std::io::BufRead;

use rayon::prelude::*;
use std::path::{Path, PathBuf};

use vframe_core::{
    AttributeValues, ClassId, FrameSize, LabelCategory, LabelCategoryConfig, LabeledObject,
};
use vframe_geom::{BoundingBox, Keypoint, Point, Polygon, Shape};

use super::{DataYaml, FORMAT, YoloTask, parse_names_file};
use crate::interchange::assemble::{Assembler, Gaps, Observation};
use crate::interchange::number::{parse_float, parse_float_field};
use crate::interchange::quoted;
use crate::interchange::{
    FrameNumbering, LabeledSequence, LossKind, LossReport, number_in_file_name,
};
use crate::{IoError, Position};

/// How label files map to frames.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum YoloFrames {
    /// By the number in the file name: `frame-no = number - first` ([`FrameNumbering::file_names`]).
    /// Whether numbering starts at 0 or 1 is not in the files; say it.
    ByNumber {
        /// The number of frame-no 0.
        first: u64,
    },
    /// By name: these are the sequence's frame file names in frame order; a label file
    /// belongs to the frame whose name without extension equals its own.
    Names(Vec<String>),
}

/// What YOLO files do not say by themselves.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YoloReadOptions {
    /// The frame size the coordinates are fractions of.
    pub size: FrameSize,
    /// Class names by class id (`data.yaml` / `obj.names`); `class-N` where missing.
    pub labels: Vec<String>,
    /// The line layout; by field count when `None` (5: detect, 6: detect + track id, odd >= 7:
    /// segment, even >= 8: segment + track id). Pose needs saying (or `kpt_shape`).
    pub task: Option<YoloTask>,
    /// Whether lines end with a track id; by field count when `None`.
    pub track_ids: Option<bool>,
    /// How files map to frames.
    pub frames: YoloFrames,
}

impl YoloReadOptions {
    /// Options for frames of this size numbered from 0 in file names, layout by field count.
    pub fn new(size: FrameSize) -> Self {
        Self {
            size,
            labels: Vec::new(),
            task: None,
            track_ids: None,
            frames: YoloFrames::ByNumber { first: 0 },
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

/// Reads label files given as `(file name, content)` pairs.
///
/// ```
/// use vframe_core::FrameSize;
/// use vframe_io::interchange::yolo::{read_yolo_files, YoloReadOptions};
/// let files = [("000000.txt".to_owned(), &b"0 0.5 0.5 0.2 0.2 3\n"[..]), ("000001.txt".to_owned(), &b""[..])];
/// let (s, _) = read_yolo_files(files, &YoloReadOptions::new(FrameSize { width: 100, height: 100 }))?;
/// let car = &s.labels.objects()[0];
/// assert_eq!(car.id().unwrap().as_str(), "3");
/// assert_eq!(s.labels.frames().len(), 2);
/// # Ok::<(), vframe_io::IoError>(())
/// ```
pub fn read_yolo_files<R: BufRead>(
    files: impl IntoIterator<Item = (String, R)>,
    options: &YoloReadOptions,
) -> Result<(LabeledSequence, LossReport), IoError> {
    let frames = FrameMap::new(options);
    let mut content = Vec::new();
    let parsed = files.into_iter().map(|(name, mut input)| {
        content.clear();
        input
            .read_to_end(&mut content)
            .map_err(|source| IoError::Stream {
                position: Position::default().in_file(&name),
                source,
            })?;
        parse_file(&name, &content, &frames, options)
    });
    let mut feeder = Feeder::new(options);
    feeder.feed(parsed)?;
    feeder.finish()
}

/// Where each label file's frame comes from.
struct FrameMap<'a> {
    by_stem: HashMap<&'a str, u32>,
}

impl<'a> FrameMap<'a> {
    fn new(options: &'a YoloReadOptions) -> Self {
        let by_stem = match &options.frames {
            YoloFrames::Names(names) => names
                .iter()
                .enumerate()
                .map(|(i, n)| (stem(n), i as u32))
                .collect(),
            YoloFrames::ByNumber { .. } => HashMap::new(),
        };
        Self { by_stem }
    }

    fn frame_of(&self, name: &str, options: &YoloReadOptions) -> Result<u32, String> {
        match &options.frames {
            YoloFrames::Names(_) => self
                .by_stem
                .get(stem(name))
                .copied()
                .ok_or_else(|| "no frame of the sequence has this name".into()),
            YoloFrames::ByNumber { first } => {
                let n = number_in_file_name(name)
                    .ok_or_else(|| "the file name has no frame number".to_owned())?;
                FrameNumbering::file_names(*first).index_of(i64::try_from(n).unwrap_or(i64::MAX))
            }
        }
    }
}

/// One label file, parsed: its frame, default frame file name, shapes and losses.
struct ParsedFile {
    frame: u32,
    frame_file: String,
    /// Lines with a track id: class, shape, track id.
    tracked: Vec<(u32, Shape, i64)>,
    /// Lines without one, already the model's objects (built here, on the parsing thread).
    detections: Vec<LabeledObject>,
    /// The highest class id of any line.
    top_class: Option<u32>,
    loss: LossReport,
}

impl ParsedFile {
    fn add(&mut self, (class, shape, track): (u32, Shape, Option<i64>)) {
        self.top_class = self.top_class.max(Some(class));
        match track {
            Some(t) => self.tracked.push((class, shape, t)),
            None => self.detections.push(Assembler::detection_object(
                ClassId(class),
                self.frame,
                shape,
                AttributeValues::new(),
            )),
        }
    }
}

fn parse_file(
    name: &str,
    content: &[u8],
    frames: &FrameMap<'_>,
    options: &YoloReadOptions,
) -> Result<ParsedFile, IoError> {
    let file_error = |line: usize, message: String| IoError::Interchange {
        position: Position::at(line, 1).in_file(name),
        format: FORMAT,
        message,
    };
    let frame = frames
        .frame_of(name, options)
        .map_err(|m| file_error(0, m))?;
    let (w, h) = (
        f64::from(options.size.width),
        f64::from(options.size.height),
    );
    let lines = content.len() / 40;
    let mut parsed = ParsedFile {
        frame,
        frame_file: format!("{}.jpg", stem(name)),
        tracked: Vec::new(),
        detections: Vec::new(),
        top_class: None,
        loss: LossReport::new("Ground Truth model"),
    };
    if options.track_ids == Some(true) {
        parsed.tracked.reserve(lines);
    } else {
        parsed.detections.reserve(lines);
    }
    let text = std::str::from_utf8(content).map_err(|e| {
        let line = 1 + memchr::memchr_iter(b'\n', &content[..e.valid_up_to()]).count();
        IoError::Stream {
            position: Position::at(line, 1).in_file(name),
            source: std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                "stream did not contain valid UTF-8",
            ),
        }
    })?;
    let mut fields: Vec<&str> = Vec::new();
    let detect = matches!(options.task, None | Some(YoloTask::Detect));
    // Lines found with the memchr crate's vector search (`str::split` scans a byte at a time
    // past short lines).
    let ends = memchr::memchr_iter(b'\n', content).chain(std::iter::once(content.len()));
    let mut start = 0;
    for (index, end) in ends.enumerate() {
        let line = text.get(start..end).unwrap_or_default();
        start = end + 1;
        let number = index + 1;
        if detect && let Some(parsed_line) = detect_line(line, options.track_ids, w, h) {
            parsed.add(parsed_line);
            continue;
        }
        fields.clear();
        split_fields(line, &mut fields);
        if fields.is_empty() {
            continue;
        }
        let line = parse_line(&fields, options, w, h, &mut parsed.loss, &|| {
            format!("{name}:{number}")
        })
        .map_err(|m| file_error(number, m))?;
        if let Some(line) = line {
            parsed.add(line);
        }
    }
    Ok(parsed)
}

/// A well-formed detect line (`class cx cy w h`, plus a track id when the options allow
/// one) in one pass without collecting fields; `None` sends the line to [`parse_line`],
/// which reads everything else and words the errors.
fn detect_line(
    line: &str,
    track_ids: Option<bool>,
    w: f64,
    h: f64,
) -> Option<(u32, Shape, Option<i64>)> {
    // Fields are read where they start, each number scan finding the field's end: no
    // separate splitting pass over the line.
    let (class, mut rest) = integer_field::<u32>(line.trim_ascii_start())?;
    let mut numbers = [0.0; 4];
    for number in &mut numbers {
        let field = rest.trim_ascii_start();
        if field.len() == rest.len() {
            return None;
        }
        let (value, length) = parse_float_field(field);
        *number = value.filter(|v| v.is_finite())?;
        rest = field.get(length..)?;
    }
    let rest = rest.trim_ascii_start();
    let track = match (rest.is_empty(), track_ids) {
        (true, None | Some(false)) => None,
        (false, None | Some(true)) => {
            let (track, after) = integer_field::<i64>(rest)?;
            if !after.trim_ascii().is_empty() {
                return None;
            }
            Some(track)
        }
        _ => return None,
    };
    let [cx, cy, nw, nh] = numbers;
    let (bw, bh) = (nw * w, nh * h);
    let b = BoundingBox::new(cx * w - bw / 2.0, cy * h - bh / 2.0, bw, bh).ok()?;
    Some((class, b.into(), track))
}

/// The whole-number field at the start of `text` (up to ASCII whitespace) and what follows.
fn integer_field<T: std::str::FromStr>(text: &str) -> Option<(T, &str)> {
    let length = text
        .bytes()
        .position(|b| b.is_ascii_whitespace())
        .unwrap_or(text.len());
    let (field, rest) = text.split_at_checked(length)?;
    Some((field.parse().ok()?, rest))
}

/// Fields separated by ASCII whitespace (YOLO files are ASCII; a byte scan is several times
/// faster than Unicode-aware splitting on files with millions of fields).
fn split_fields<'a>(line: &'a str, fields: &mut Vec<&'a str>) {
    fields.extend(ascii_fields(line));
}

/// The fields of a line between runs of ASCII whitespace.
fn ascii_fields(line: &str) -> impl Iterator<Item = &str> {
    // Every ASCII whitespace byte is <= b' ': one comparison rules out the rest.
    let space = |b: u8| b <= b' ' && b.is_ascii_whitespace();
    let bytes = line.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < bytes.len() && space(bytes[i]) {
            i += 1;
        }
        let start = i;
        while i < bytes.len() && !space(bytes[i]) {
            i += 1;
        }
        // Cut at ASCII bytes only, so always on char boundaries.
        line.get(start..i).filter(|f| !f.is_empty())
    })
}

/// Feeds parsed files, in order, to the model.
struct Feeder<'a> {
    options: &'a YoloReadOptions,
    assembler: Assembler,
    label_names: Vec<String>,
    loss: LossReport,
    /// Label files still to come, until room for their detections is reserved.
    files_to_come: Option<usize>,
}

impl<'a> Feeder<'a> {
    fn new(options: &'a YoloReadOptions) -> Self {
        let mut assembler = Assembler::new(FORMAT, Gaps::MeanAbsence, None);
        if let YoloFrames::Names(names) = &options.frames {
            for (i, n) in names.iter().enumerate() {
                assembler.add_frame(i as u32, || n.clone());
            }
        }
        Self {
            options,
            assembler,
            label_names: options.labels.clone(),
            loss: LossReport::new("Ground Truth model"),
            files_to_come: None,
        }
    }

    /// Tells how many label files will be fed: after the first batch, room is reserved for
    /// the rest's detections at that batch's rate, plus a sixteenth.
    fn expect_files(&mut self, count: usize) {
        self.files_to_come = Some(count);
    }

    /// Feeds files in order; stops at the first error.
    fn feed(
        &mut self,
        files: impl IntoIterator<Item = Result<ParsedFile, IoError>>,
    ) -> Result<(), IoError> {
        let (mut files_fed, mut detections_fed) = (0, 0);
        for file in files {
            let file = file?;
            files_fed += 1;
            detections_fed += file.detections.len();
            let frame = file.frame;
            self.assembler.add_frame(frame, || file.frame_file);
            self.loss.merge(file.loss);
            if let Some(top) = file.top_class {
                while self.label_names.len() <= top as usize {
                    self.label_names
                        .push(format!("class-{}", self.label_names.len()));
                }
            }
            for (class, shape, track) in file.tracked {
                let observation = Observation {
                    frame,
                    shape: Some(shape),
                    attributes: AttributeValues::new(),
                };
                self.assembler
                    .observe_track(track, ClassId(class), observation, &mut self.loss);
            }
            self.assembler.observe_detection_objects(file.detections);
        }
        if files_fed > 0
            && let Some(to_come) = self.files_to_come.take()
        {
            let rest = to_come.saturating_sub(files_fed);
            let rate = detections_fed.div_ceil(files_fed);
            self.assembler
                .reserve_detection_objects(rest.saturating_mul(rate + rate / 16));
        }
        Ok(())
    }

    fn finish(mut self) -> Result<(LabeledSequence, LossReport), IoError> {
        let labels =
            self.assembler
                .finish(&self.label_names, |i| format!("{i:06}.jpg"), &mut self.loss)?;
        let mut config = LabelCategoryConfig::new(
            self.label_names
                .into_iter()
                .map(LabelCategory::new)
                .collect(),
        );
        config.annotation_type = labels.annotation_type();
        Ok((
            LabeledSequence::new(labels, config).with_frame_size(self.options.size),
            self.loss,
        ))
    }
}

type Line = Option<(u32, Shape, Option<i64>)>;

fn parse_line(
    fields: &[&str],
    options: &YoloReadOptions,
    w: f64,
    h: f64,
    loss: &mut LossReport,
    where_: &dyn Fn() -> String,
) -> Result<Line, String> {
    let n = fields.len();
    let task = options.task.unwrap_or(if n <= 6 {
        YoloTask::Detect
    } else {
        YoloTask::Segment
    });
    let base = match task {
        YoloTask::Detect => 5,
        YoloTask::Segment => {
            if options.track_ids == Some(true)
                || (options.track_ids.is_none() && n.is_multiple_of(2))
            {
                n - 1
            } else {
                n
            }
        }
        YoloTask::Pose { keypoints, dims } => 5 + keypoints * dims,
    };
    let track =
        match (n.checked_sub(base), options.track_ids) {
            (Some(0), None | Some(false)) => None,
            (Some(1), None | Some(true)) => Some(fields[n - 1].parse::<i64>().map_err(|_| {
                format!("track id {} is not a whole number", quoted(fields[n - 1]))
            })?),
            _ => {
                return Err(format!(
                    "{n} fields do not fit a {} line{}",
                    match task {
                        YoloTask::Detect => "detect (class cx cy w h)",
                        YoloTask::Segment => "segment (class x1 y1 ... xn yn)",
                        YoloTask::Pose { .. } => "pose (class cx cy w h then keypoints)",
                    },
                    if options.track_ids == Some(true) {
                        " with a track id"
                    } else {
                        ""
                    }
                ));
            }
        };
    let class: u32 = fields[0]
        .parse()
        .map_err(|_| format!("class {} is not a 0-based class id", quoted(fields[0])))?;
    let num = |i: usize| -> Result<f64, String> {
        parse_float(fields[i])
            .filter(|v| v.is_finite())
            .ok_or_else(|| format!("field {} ({}) is not a number", i + 1, quoted(fields[i])))
    };
    let shape: Shape = match task {
        YoloTask::Detect => {
            let (bw, bh) = (num(3)? * w, num(4)? * h);
            BoundingBox::new(num(1)? * w - bw / 2.0, num(2)? * h - bh / 2.0, bw, bh)
                .map_err(|e| e.to_string())?
                .into()
        }
        YoloTask::Segment => {
            if base < 7 {
                return Err("a segment line needs at least 3 points".into());
            }
            let mut points = Vec::with_capacity((base - 1) / 2);
            for i in (1..base).step_by(2) {
                points.push(Point::new(num(i)? * w, num(i + 1)? * h));
            }
            Shape::Polygon {
                vertices: Polygon::new(points).map_err(|e| e.to_string())?,
            }
        }
        YoloTask::Pose { keypoints, dims } => {
            if num(3)? != 0.0 || num(4)? != 0.0 {
                loss.record(LossKind::Shapes("pose box"), where_);
            }
            let mut chosen = None;
            let mut extra = 0u64;
            for k in 0..keypoints {
                let at = 5 + k * dims;
                let labelled = dims < 3 || num(at + 2)? > 0.0;
                if labelled {
                    if chosen.is_none() {
                        chosen = Some(
                            Keypoint::new(num(at)? * w, num(at + 1)? * h)
                                .map_err(|e| e.to_string())?,
                        );
                    } else {
                        extra += 1;
                    }
                }
            }
            loss.record_many(LossKind::ExtraKeypoints, extra, where_);
            match chosen {
                Some(k) => k.into(),
                None => return Ok(None),
            }
        }
    };
    Ok(Some((class, shape, track)))
}

/// Reads a YOLO dataset folder: the label list from `data.yaml` (or `obj.names`), the pose
/// layout from `kpt_shape`, and every `.txt` file under `labels/` (Ultralytics) or
/// `obj_*_data/` (Darknet). `options.labels` and `options.task` win when set.
pub fn read_yolo_dir(
    dir: &Path,
    options: &YoloReadOptions,
) -> Result<(LabeledSequence, LossReport), IoError> {
    let read = |p: &Path| {
        std::fs::read_to_string(p).map_err(|source| IoError::File {
            path: p.to_path_buf(),
            source,
        })
    };
    let mut options = options.clone();
    let yaml = dir.join("data.yaml");
    let names = dir.join("obj.names");
    if yaml.is_file() {
        let y = DataYaml::parse(&read(&yaml)?);
        if options.labels.is_empty() {
            options.labels = y.names;
        }
        if options.task.is_none()
            && let Some((keypoints, dims)) = y.kpt_shape
        {
            options.task = Some(YoloTask::Pose { keypoints, dims });
        }
    } else if names.is_file() && options.labels.is_empty() {
        options.labels = parse_names_file(&read(&names)?);
    }
    let mut files: Vec<PathBuf> = Vec::new();
    let list = |d: &Path, files: &mut Vec<PathBuf>| -> Result<(), IoError> {
        let entries = std::fs::read_dir(d).map_err(|source| IoError::File {
            path: d.to_path_buf(),
            source,
        })?;
        for e in entries.flatten() {
            let p = e.path();
            // The entry's own type needs no system call; a link is followed to see.
            let is_file = e
                .file_type()
                .is_ok_and(|t| t.is_file() || (t.is_symlink() && p.is_file()));
            if p.extension().is_some_and(|x| x == "txt") && is_file {
                files.push(p);
            }
        }
        Ok(())
    };
    let labels = dir.join("labels");
    if labels.is_dir() {
        list(&labels, &mut files)?;
        let mut subdirs: Vec<PathBuf> = std::fs::read_dir(&labels)
            .map_err(|source| IoError::File {
                path: labels.clone(),
                source,
            })?
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.is_dir())
            .collect();
        subdirs.sort();
        for d in subdirs {
            list(&d, &mut files)?;
        }
    } else {
        let mut dirs: Vec<PathBuf> = std::fs::read_dir(dir)
            .map_err(|source| IoError::File {
                path: dir.to_path_buf(),
                source,
            })?
            .flatten()
            .map(|e| e.path())
            .filter(|p| {
                p.is_dir()
                    && p.file_name()
                        .and_then(|n| n.to_str())
                        .is_some_and(|n| n.starts_with("obj_") && n.ends_with("_data"))
            })
            .collect();
        dirs.sort();
        for d in dirs {
            list(&d, &mut files)?;
        }
    }
    files.sort();
    // Files are read and parsed on all cores a batch at a time, and each batch is fed to the
    // model in name order while the next one is parsed.
    let frames = FrameMap::new(&options);
    let batch = rayon::current_num_threads().max(1) * 64;
    let parse = |group: &[PathBuf]| -> Vec<Result<ParsedFile, IoError>> {
        group
            .par_iter()
            .map_init(Vec::new, |buffer, p| {
                let length = read_reusing(p, buffer).map_err(|source| IoError::File {
                    path: p.clone(),
                    source,
                })?;
                let content = buffer.get(..length).unwrap_or_default();
                parse_file(&p.display().to_string(), content, &frames, &options)
            })
            .collect()
    };
    let mut feeder = Feeder::new(&options);
    feeder.expect_files(files.len());
    let mut parsed = Vec::new();
    for group in files.chunks(batch) {
        let (next, fed) = rayon::join(|| parse(group), || feeder.feed(parsed));
        fed?;
        parsed = next;
    }
    feeder.feed(parsed)?;
    feeder.finish()
}

/// Reads the file at `path` into the start of `buffer`, which is kept (and grown) from file
/// to file; returns the file's length.
///
/// A label file is a few kilobytes: one `read` into room left by earlier files and one more
/// to see the end, where `fs::read` also asks for the size and allocates.
fn read_reusing(path: &Path, buffer: &mut Vec<u8>) -> std::io::Result<usize> {
    use std::io::Read as _;
    let mut file = std::fs::File::open(path)?;
    let mut filled = 0;
    loop {
        if filled == buffer.len() {
            buffer.resize((buffer.len() * 2).max(64 << 10), 0);
        }
        match file.read(buffer.get_mut(filled..).unwrap_or_default()) {
            Ok(0) => return Ok(filled),
            Ok(n) => filled += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn size() -> FrameSize {
        FrameSize {
            width: 200,
            height: 100,
        }
    }

    fn read(
        files: &[(&str, &str)],
        options: &YoloReadOptions,
    ) -> Result<(LabeledSequence, LossReport), IoError> {
        read_yolo_files(
            files.iter().map(|(n, c)| ((*n).to_owned(), c.as_bytes())),
            options,
        )
    }

    #[test]
    fn detect_fast_path_agrees_with_the_general_reader() {
        let (w, h) = (200.0, 100.0);
        for (line, track_ids) in [
            ("0 0.5 0.5 0.25 0.5", None),
            ("  3\t0.1 0.2 0.3 0.4 \r", None),
            ("1 0.5 0.5 0.25 0.5 17", None),
            ("1 0.5 0.5 0.25 0.5 17", Some(true)),
            ("1 0.5 0.5 0.25 0.5", Some(false)),
            ("1 -0.5 1e-3 0.25 0.5", None),
            (
                "1 0.4197916666666667 0.7643518518518518 0.10520833333333333 0.05",
                None,
            ),
        ] {
            let mut options = YoloReadOptions::new(size());
            options.track_ids = track_ids;
            let fields: Vec<&str> = line.split_ascii_whitespace().collect();
            let mut loss = LossReport::new("t");
            let general = parse_line(&fields, &options, w, h, &mut loss, &String::new).unwrap();
            assert_eq!(detect_line(line, track_ids, w, h), general, "{line}");
        }
        for (line, track_ids) in [
            ("0 0.5 0.5 -0.25 0.5", None),
            ("0 0.5 0.5 0.25", None),
            ("0 0.5 0.5 0.25 0.5 1 2", None),
            ("0 0.5 0.5 0.25 0.5 7", Some(false)),
            ("0 0.5 0.5 0.25 0.5", Some(true)),
            ("x 0.5 0.5 0.25 0.5", None),
            ("0 0.5 0.5 inf 0.5", None),
            ("0 0.5 0.5 0.25 0.5 1.5", None),
            ("", None),
        ] {
            assert_eq!(detect_line(line, track_ids, w, h), None, "{line}");
        }
    }

    proptest::proptest! {
        #[test]
        fn detect_fast_path_agrees_with_the_general_reader_on_any_line(
            fields in proptest::collection::vec(
                "[0-9]{1,3}|-?0\\.[0-9]{1,19}|[0-9]e-?[0-9]|inf|x|-[0-9]|1\\.5",
                0..8,
            ),
            gaps in proptest::collection::vec("[ \t\r]{1,2}", 9),
            track_ids in proptest::option::of(proptest::bool::ANY),
        ) {
            let mut line = gaps[0].clone();
            for (field, gap) in fields.iter().zip(&gaps[1..]) {
                line.push_str(field);
                line.push_str(gap);
            }
            let (w, h) = (1920.0, 1080.0);
            let mut options = YoloReadOptions::new(size());
            options.track_ids = track_ids;
            options.task = Some(YoloTask::Detect);
            let split: Vec<&str> = line.split_ascii_whitespace().collect();
            let general = parse_line(&split, &options, w, h, &mut LossReport::new("t"), &String::new);
            if let Some(fast) = detect_line(&line, track_ids, w, h) {
                proptest::prop_assert_eq!(Ok(Some(fast)), general, "{:?}", line);
            }
        }
    }

    #[test]
    fn files_are_read_whole_into_a_buffer_kept_between_them() {
        let dir = tempfile::tempdir().unwrap();
        let (small, large) = (dir.path().join("small.txt"), dir.path().join("large.txt"));
        let large_bytes: Vec<u8> = (0..200_000u32).map(|i| (i % 251) as u8).collect();
        std::fs::write(&small, b"0 0.5 0.5 0.1 0.1\n").unwrap();
        std::fs::write(&large, &large_bytes).unwrap();
        let mut buffer = Vec::new();
        let n = read_reusing(&large, &mut buffer).unwrap();
        assert_eq!(&buffer[..n], &large_bytes[..]);
        let n = read_reusing(&small, &mut buffer).unwrap();
        assert_eq!(&buffer[..n], b"0 0.5 0.5 0.1 0.1\n");
        let empty = dir.path().join("empty.txt");
        std::fs::write(&empty, b"").unwrap();
        assert_eq!(read_reusing(&empty, &mut buffer).unwrap(), 0);
        assert!(read_reusing(&dir.path().join("missing.txt"), &mut buffer).is_err());
    }

    #[test]
    fn fields_split_on_any_ascii_whitespace() {
        let mut fields = Vec::new();
        split_fields("  0\t0.5  0.25\r", &mut fields);
        assert_eq!(fields, ["0", "0.5", "0.25"]);
        fields.clear();
        split_fields(" \t\r", &mut fields);
        assert!(fields.is_empty());
        fields.clear();
        split_fields("é 1", &mut fields);
        assert_eq!(fields, ["é", "1"]);
    }

    #[test]
    fn invalid_utf8_names_file_and_line() {
        let err = read_yolo_files(
            [(
                "3.txt".to_owned(),
                &b"0 0.5 0.5 0.1 0.1\n0 \xff 0.5 0.1 0.1\n"[..],
            )],
            &YoloReadOptions::new(size()),
        )
        .unwrap_err()
        .to_string();
        assert!(err.contains("3.txt:2") && err.contains("UTF-8"), "{err}");
    }

    #[test]
    fn no_files_read_as_no_frames() {
        let (s, _) = read(&[], &YoloReadOptions::new(size())).unwrap();
        assert!(s.labels.frames().is_empty());
    }

    #[test]
    fn file_numbered_from_one_is_frame_zero_only_when_said() {
        let files = [("frame_0001.txt", "0 0.5 0.5 0.1 0.1\n")];
        let (s, _) = read(&files, &YoloReadOptions::new(size())).unwrap();
        assert_eq!(s.labels.objects()[0].track().span().0, 1);
        let mut o = YoloReadOptions::new(size());
        o.frames = YoloFrames::ByNumber { first: 1 };
        let (s, _) = read(&files, &o).unwrap();
        assert_eq!(s.labels.objects()[0].track().span().0, 0);
        o.frames = YoloFrames::ByNumber { first: 2 };
        assert!(
            read(&files, &o)
                .unwrap_err()
                .to_string()
                .contains("before the first frame")
        );
    }

    #[test]
    fn names_map_files_to_frames_by_stem() {
        let mut o = YoloReadOptions::new(size());
        o.frames = YoloFrames::Names(vec!["b.jpg".into(), "a.jpg".into()]);
        let (s, _) = read(&[("labels/a.txt", "0 0.5 0.5 0.1 0.1\n")], &o).unwrap();
        assert_eq!(s.labels.objects()[0].track().span().0, 1);
        assert!(read(&[("c.txt", "")], &o).is_err());
    }

    #[test]
    fn detect_line_denormalises_to_pixels() {
        let (s, _) = read(
            &[("0.txt", "1 0.5 0.5 0.25 0.5\n")],
            &YoloReadOptions::new(size()),
        )
        .unwrap();
        let k = &s.labels.objects()[0].track().keyframes()[0];
        assert_eq!(
            k.shape().unwrap().as_bounding_box().copied(),
            Some(BoundingBox {
                left: 75.0,
                top: 25.0,
                width: 50.0,
                height: 50.0
            })
        );
        assert_eq!(s.labels.objects()[0].class_id(), ClassId(1));
    }

    #[test]
    fn segment_lines_with_and_without_track_ids() {
        let (s, _) = read(
            &[("0.txt", "0 0 0 1 0 1 1 9\n")],
            &YoloReadOptions::new(size()),
        )
        .unwrap();
        assert_eq!(s.labels.objects()[0].id().unwrap().as_str(), "9");
        let (s, _) = read(
            &[("0.txt", "0 0 0 1 0 1 1\n")],
            &YoloReadOptions::new(size()),
        )
        .unwrap();
        assert_eq!(s.labels.task(), vframe_core::TaskType::Detection);
    }

    #[test]
    fn bad_field_count_names_file_and_line() {
        let err = read(&[("0.txt", "\n0 1 2\n")], &YoloReadOptions::new(size()))
            .unwrap_err()
            .to_string();
        assert!(err.contains("0.txt:2"), "{err}");
    }

    #[test]
    fn pose_keeps_the_first_labelled_keypoint_and_reports_the_rest() {
        let mut o = YoloReadOptions::new(size());
        o.task = Some(YoloTask::Pose {
            keypoints: 3,
            dims: 3,
        });
        let (s, loss) = read(
            &[("0.txt", "0 0.5 0.5 0.1 0.1 0 0 0 0.5 0.5 2 0.1 0.1 1\n")],
            &o,
        )
        .unwrap();
        let p = s.labels.objects()[0].track().keyframes()[0]
            .shape()
            .unwrap()
            .as_keypoint()
            .copied();
        assert_eq!(p, Some(Keypoint { x: 100.0, y: 50.0 }));
        assert_eq!(loss.count(LossKind::ExtraKeypoints), 1);
        assert_eq!(loss.count(LossKind::Shapes("pose box")), 1);
    }
}
