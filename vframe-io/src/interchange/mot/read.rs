//! Reading MOT rows into the model, one line at a time.

use std::io::BufRead;
use std::path::Path;

use vframe_core::{
    AttributeSpec, AttributeValue, AttributeValues, ClassId, LabelCategory, LabelCategoryConfig,
};
use vframe_geom::BoundingBox;

use super::{CONFIDENCE_ATTRIBUTE, FORMAT, MOT_CLASSES, SeqInfo, VISIBILITY_ATTRIBUTE};
use crate::IoError;
use crate::interchange::assemble::{Assembler, Gaps, Observation};
use crate::interchange::number::parse_float;
use crate::interchange::quoted;
use crate::interchange::{FrameNumbering, LabeledSequence, LossKind, LossReport, position};

/// What a MOT file does not say by itself.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MotReadOptions {
    /// The label list (`gt/labels.txt`); MOT's twelve classes when `None`.
    pub labels: Option<Vec<String>>,
    /// The sequence's `seqinfo.ini`: its length lists every frame (so a gap shared by all
    /// tracks is still a gap) and names frames `%06d` + `imExt`.
    pub seqinfo: Option<SeqInfo>,
}

/// Reads MOT rows (6 to 10 columns; 9 = ground truth, 10 = results) into the model.
///
/// ```
/// use vframe_io::interchange::mot::{read_mot, MotReadOptions};
/// let rows = "1,3,10,20,5,5,1,1,1\n2,3,11,20,5,5,1,1,0.5\n";
/// let (sequence, loss) = read_mot(rows.as_bytes(), &MotReadOptions::default())?;
/// let car = &sequence.labels.objects()[0];
/// assert_eq!(car.id().unwrap().as_str(), "3");
/// assert_eq!(car.name().unwrap().as_str(), "pedestrian:1");
/// assert_eq!(car.track().keyframes()[1].frame, 1); // MOT frame 2 is frame-no 1
/// assert!(loss.is_lossless());
/// # Ok::<(), vframe_io::IoError>(())
/// ```
pub fn read_mot(
    input: impl BufRead,
    options: &MotReadOptions,
) -> Result<(LabeledSequence, LossReport), IoError> {
    read_mot_in_blocks(input, options, BLOCK)
}

fn read_mot_in_blocks(
    mut input: impl BufRead,
    options: &MotReadOptions,
    block: usize,
) -> Result<(LabeledSequence, LossReport), IoError> {
    let mut loss = LossReport::new("Ground Truth model");
    let ext = options
        .seqinfo
        .as_ref()
        .map_or_else(|| ".jpg".to_owned(), |s| s.im_ext.clone());
    let name_of = |i: u32| format!("{:06}{ext}", FrameNumbering::mot().number_of(i));
    let mut assembler = Assembler::new(FORMAT, Gaps::MeanAbsence, None);
    if let Some(info) = &options.seqinfo {
        for i in 0..info.seq_length {
            assembler.add_frame(i, || name_of(i));
        }
    }
    let mut label_names: Vec<String> = match &options.labels {
        Some(l) => l.clone(),
        None => MOT_CLASSES.iter().map(|s| (*s).to_owned()).collect(),
    };
    let mut seen_confidence = false;
    let mut seen_visibility = false;
    let mut max_frame: Option<u32> = None;
    let mut blocks = LineBlocks::new(&mut input, block);
    while let Some(block) = blocks.next_block()? {
        for piece in parse_block(&block.bytes, block.first_line)? {
            max_frame = max_frame.max(piece.max_frame);
            seen_confidence |= piece.seen_confidence;
            seen_visibility |= piece.seen_visibility;
            if let Some((first, count)) = piece.world {
                loss.record_many(LossKind::Scores, count, || {
                    format!("line {first}: world coordinates x, y, z")
                });
            }
            for run in piece.runs {
                while label_names.len() <= run.class.0 as usize {
                    label_names.push(format!("class-{}", label_names.len()));
                }
                if run.id >= 1 {
                    assembler.observe_track_run(run.id, run.class, run.observations, &mut loss);
                } else {
                    for o in run.observations {
                        assembler.observe_detection(run.class, o);
                    }
                }
            }
        }
    }
    if options.seqinfo.is_none()
        && let Some(max) = max_frame
    {
        // Without seqinfo.ini the frames are 1..=the largest frame seen.
        for i in 0..=max {
            assembler.add_frame(i, || name_of(i));
        }
    }
    let labels = assembler.finish(&label_names, name_of, &mut loss)?;
    let mut config =
        LabelCategoryConfig::new(label_names.into_iter().map(LabelCategory::new).collect());
    config.annotation_type = labels.annotation_type();
    if seen_confidence {
        config
            .category_global_attributes
            .push(AttributeSpec::number(
                CONFIDENCE_ATTRIBUTE,
                f64::MIN,
                f64::MAX,
            ));
    }
    if seen_visibility {
        config
            .category_global_attributes
            .push(AttributeSpec::number(VISIBILITY_ATTRIBUTE, 0.0, 1.0));
    }
    let mut sequence = LabeledSequence::new(labels, config);
    if let Some(info) = &options.seqinfo {
        sequence.frame_size = Some(info.size);
        sequence.name = Some(info.name.clone());
    }
    Ok((sequence, loss))
}

/// Reads a MOT sequence folder: `gt/gt.txt` (or the given rows file), with
/// `gt/labels.txt` and `seqinfo.ini` when present.
pub fn read_mot_dir(path: &Path) -> Result<(LabeledSequence, LossReport), IoError> {
    let (dir, rows) = if path.is_dir() {
        (path.to_path_buf(), path.join("gt").join("gt.txt"))
    } else {
        let seq_dir = path
            .parent()
            .and_then(|p| {
                if p.ends_with("gt") {
                    p.parent()
                } else {
                    Some(p)
                }
            })
            .unwrap_or(Path::new("."))
            .to_path_buf();
        (seq_dir, path.to_path_buf())
    };
    let read = |p: &Path| {
        std::fs::read_to_string(p).map_err(|source| IoError::File {
            path: p.to_path_buf(),
            source,
        })
    };
    let mut options = MotReadOptions::default();
    let labels_file = rows.with_file_name("labels.txt");
    if labels_file.is_file() {
        options.labels = Some(
            read(&labels_file)?
                .lines()
                .map(|l| l.trim().to_owned())
                .filter(|l| !l.is_empty())
                .collect(),
        );
    }
    let info = dir.join("seqinfo.ini");
    if info.is_file() {
        options.seqinfo = Some(SeqInfo::parse(&read(&info)?).map_err(|e| e.in_file(&info))?);
    }
    let file = std::fs::File::open(&rows).map_err(|source| IoError::File {
        path: rows.clone(),
        source,
    })?;
    read_mot(std::io::BufReader::with_capacity(1 << 20, file), &options)
        .map_err(|e| e.in_file(&rows))
}

/// Bytes read per block: rows are parsed a block at a time on all cores, so memory is
/// bounded by a block, not by the file.
const BLOCK: usize = 4 << 20;

/// A run of whole lines and the 1-based number of its first line.
struct Block {
    bytes: Vec<u8>,
    first_line: usize,
}

/// Cuts a reader into blocks of whole lines.
struct LineBlocks<R> {
    input: R,
    block: usize,
    carry: Vec<u8>,
    next_line: usize,
    done: bool,
}

impl<R: BufRead> LineBlocks<R> {
    fn new(input: R, block: usize) -> Self {
        Self {
            input,
            block: block.max(1),
            carry: Vec::new(),
            next_line: 1,
            done: false,
        }
    }

    fn next_block(&mut self) -> Result<Option<Block>, IoError> {
        if self.done {
            return Ok(None);
        }
        let mut bytes = std::mem::take(&mut self.carry);
        while bytes.len() < self.block {
            let available = match self.input.fill_buf() {
                Ok(b) => b,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(source) => {
                    return Err(IoError::Stream {
                        position: position(self.next_line + count_lines(&bytes)),
                        source,
                    });
                }
            };
            if available.is_empty() {
                self.done = true;
                break;
            }
            bytes.extend_from_slice(available);
            let n = available.len();
            self.input.consume(n);
        }
        if !self.done {
            // The partial last line waits for the next block.
            let cut = memchr::memrchr(b'\n', &bytes).map_or(0, |i| i + 1);
            self.carry = bytes.split_off(cut);
        }
        if bytes.is_empty() {
            if self.done {
                return Ok(None);
            }
            // One line longer than a block: keep reading until it ends.
            std::mem::swap(&mut bytes, &mut self.carry);
            let mut rest = Vec::new();
            let read =
                self.input
                    .read_until(b'\n', &mut rest)
                    .map_err(|source| IoError::Stream {
                        position: position(self.next_line),
                        source,
                    })?;
            self.done = read == 0;
            bytes.extend_from_slice(&rest);
        }
        let first_line = self.next_line;
        self.next_line += count_lines(&bytes);
        Ok(Some(Block { bytes, first_line }))
    }
}

fn count_lines(bytes: &[u8]) -> usize {
    memchr::memchr_iter(b'\n', bytes).count()
}

/// Consecutive rows of one id and class (one object's stretch of a track-sorted file; a
/// single row in a frame-sorted one).
struct Run {
    id: i64,
    class: ClassId,
    observations: Vec<Observation>,
}

/// What one piece of a block holds, grouped on the thread that parsed it so the serial
/// part only moves whole runs.
#[derive(Default)]
struct Piece {
    runs: Vec<Run>,
    max_frame: Option<u32>,
    seen_confidence: bool,
    seen_visibility: bool,
    /// First line with world coordinates, and how many lines have them.
    world: Option<(usize, u64)>,
}

/// Parses a block's lines on all cores, in order. The first bad line (in file order) is the
/// error.
fn parse_block(bytes: &[u8], first_line: usize) -> Result<Vec<Piece>, IoError> {
    use rayon::prelude::*;
    let pieces = split_at_lines(bytes, rayon::current_num_threads().max(1) * 4);
    let mut starts = Vec::with_capacity(pieces.len());
    let mut line = first_line;
    for piece in &pieces {
        starts.push(line);
        line += count_lines(piece);
    }
    let parsed: Vec<Result<Piece, IoError>> = pieces
        .par_iter()
        .zip(starts.par_iter())
        .map(|(piece, &start)| parse_lines(piece, start))
        .collect();
    parsed.into_iter().collect()
}

/// About `parts` slices of `bytes`, each ending at a line end (or the end).
fn split_at_lines(bytes: &[u8], parts: usize) -> Vec<&[u8]> {
    let target = bytes.len().div_ceil(parts.max(1)).max(1);
    let mut pieces = Vec::with_capacity(parts + 1);
    let mut rest = bytes;
    while !rest.is_empty() {
        let cut = if rest.len() <= target {
            rest.len()
        } else {
            memchr::memchr(b'\n', &rest[target..]).map_or(rest.len(), |i| target + i + 1)
        };
        let (piece, tail) = rest.split_at(cut);
        pieces.push(piece);
        rest = tail;
    }
    pieces
}

fn parse_lines(bytes: &[u8], first_line: usize) -> Result<Piece, IoError> {
    let numbering = FrameNumbering::mot();
    let mut piece = Piece::default();
    let text = std::str::from_utf8(bytes).map_err(|e| IoError::Stream {
        position: position(first_line + count_lines(&bytes[..e.valid_up_to()])),
        source: std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            "stream did not contain valid UTF-8",
        ),
    })?;
    for (offset, text) in text.split('\n').enumerate() {
        let number = first_line + offset;
        let error = |message: String| IoError::Interchange {
            position: position(number),
            format: FORMAT,
            message,
        };
        let text = text.trim();
        if text.is_empty() {
            continue;
        }
        let row = parse_row(text).map_err(error)?;
        let frame = numbering.index_of(row.frame).map_err(error)?;
        let shape = BoundingBox::new(row.left, row.top, row.width, row.height)
            .map_err(|e| error(format!("box: {e}")))?;
        let class = match row.class {
            Some(c) if c >= 1 => ClassId(u32::try_from(c - 1).unwrap_or(u32::MAX)),
            _ => ClassId(0),
        };
        let mut attributes = AttributeValues::new();
        if let Some(c) = row.confidence.filter(|c| *c != 1.0) {
            piece.seen_confidence = true;
            attributes.insert(CONFIDENCE_ATTRIBUTE.into(), AttributeValue::Number(c));
        }
        if let Some(v) = row.visibility.filter(|v| *v != 1.0) {
            piece.seen_visibility = true;
            attributes.insert(VISIBILITY_ATTRIBUTE.into(), AttributeValue::Number(v));
        }
        if row.world {
            let (first, count) = piece.world.get_or_insert((number, 0));
            *first = (*first).min(number);
            *count += 1;
        }
        piece.max_frame = piece.max_frame.max(Some(frame));
        let observation = Observation {
            frame,
            shape: Some(shape.into()),
            attributes,
        };
        // Detections (id < 1) are each their own object: a run only groups their class.
        let id = row.id.max(0);
        match piece.runs.last_mut() {
            Some(run) if run.id == id && run.class == class => run.observations.push(observation),
            _ => piece.runs.push(Run {
                id,
                class,
                observations: vec![observation],
            }),
        }
    }
    Ok(piece)
}

struct Row {
    frame: i64,
    id: i64,
    left: f64,
    top: f64,
    width: f64,
    height: f64,
    confidence: Option<f64>,
    class: Option<i64>,
    visibility: Option<f64>,
    world: bool,
}

fn parse_row(text: &str) -> Result<Row, String> {
    // A fixed array, not a Vec: this runs once per row of files with millions of rows.
    let mut columns: [&str; 10] = [""; 10];
    let mut count = 0;
    // Byte search (`str::split(',')` goes through the generic char searcher); cutting at an
    // ASCII comma always lands on a char boundary.
    let mut rest = Some(text);
    while let Some(r) = rest {
        // Fields are a few bytes long: a plain scan beats a `memchr` call.
        let (f, tail) = match r.bytes().position(|b| b == b',') {
            Some(i) => (&r[..i], Some(&r[i + 1..])),
            None => (r, None),
        };
        if let Some(slot) = columns.get_mut(count) {
            *slot = f.trim_ascii();
        }
        count += 1;
        rest = tail;
    }
    if !(6..=10).contains(&count) {
        return Err(format!(
            "{count} columns; expected 9 (frame,id,left,top,width,height,conf,class,visibility) or 10 (frame,id,left,top,width,height,conf,x,y,z)"
        ));
    }
    let fields = &columns[..count];
    let int = |i: usize, what: &str| -> Result<i64, String> {
        let f = fields.get(i).copied().unwrap_or("");
        f.parse::<i64>()
            .or_else(|_| {
                // Some trackers write "1.0" for whole numbers.
                parse_float(f)
                    .filter(|x| x.fract() == 0.0 && x.abs() < 9.0e15)
                    .map(|x| x as i64)
                    .ok_or(())
            })
            .map_err(|_| {
                format!(
                    "column {} ({what}) is {}, expected a whole number",
                    i + 1,
                    quoted(f)
                )
            })
    };
    let num = |i: usize, what: &str| -> Result<f64, String> {
        let f = fields.get(i).copied().unwrap_or("");
        parse_float(f).filter(|x| x.is_finite()).ok_or_else(|| {
            format!(
                "column {} ({what}) is {}, expected a number",
                i + 1,
                quoted(f)
            )
        })
    };
    let results = fields.len() == 10;
    Ok(Row {
        frame: int(0, "frame")?,
        id: int(1, "id")?,
        left: num(2, "bb_left")?,
        top: num(3, "bb_top")?,
        width: num(4, "bb_width")?,
        height: num(5, "bb_height")?,
        confidence: if fields.len() > 6 {
            Some(num(6, "conf")?)
        } else {
            None
        },
        class: if fields.len() > 7 && !results {
            Some(int(7, "class")?)
        } else {
            None
        },
        visibility: if fields.len() > 8 && !results {
            Some(num(8, "visibility")?)
        } else {
            None
        },
        world: results
            && (7..10).any(|i| fields.get(i).is_some_and(|f| parse_float(f) != Some(-1.0))),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(rows: &str) -> Result<(LabeledSequence, LossReport), IoError> {
        read_mot(rows.as_bytes(), &MotReadOptions::default())
    }

    #[test]
    fn empty_input_reads_as_no_labels() {
        let (s, loss) = read("").unwrap();
        assert!(s.labels.objects().is_empty() && s.labels.frames().is_empty());
        assert!(loss.is_lossless());
    }

    #[test]
    fn frame_zero_is_an_error_naming_the_line() {
        let err = read("1,1,0,0,1,1,1,1,1\n0,1,0,0,1,1,1,1,1\n")
            .unwrap_err()
            .to_string();
        assert!(err.contains(":2") && err.contains("count from 1"), "{err}");
    }

    #[test]
    fn wrong_column_count_is_an_error() {
        let err = read("1,1,0,0\n").unwrap_err().to_string();
        assert!(err.contains("4 columns"), "{err}");
    }

    #[test]
    fn id_minus_one_rows_are_detections() {
        let (s, _) = read("1,-1,0,0,1,1,0.9,-1,-1,-1\n1,-1,5,5,1,1,0.8,-1,-1,-1\n").unwrap();
        assert_eq!(s.labels.task(), vframe_core::TaskType::Detection);
        assert_eq!(s.labels.objects().len(), 2);
        let c = &s.labels.objects()[0].track().keyframes()[0].attributes;
        assert_eq!(c.get("confidence"), Some(&AttributeValue::Number(0.9)));
    }

    #[test]
    fn frame_missing_for_every_track_is_still_a_gap_without_seqinfo() {
        let (s, _) = read("1,1,0,0,1,1,1,1,1\n3,1,0,0,1,1,1,1,1\n2,2,0,0,1,1,1,1,1\n").unwrap();
        let t = s.labels.objects()[0].track();
        let states: Vec<(u32, bool)> = t
            .keyframes()
            .iter()
            .map(|k| (k.frame, k.is_visible()))
            .collect();
        assert_eq!(states, [(0, true), (1, false), (2, true)]);
        assert_eq!(s.labels.frames()[0].file, "000001.jpg");
    }

    #[test]
    fn class_column_is_one_based_into_the_label_list() {
        let options = MotReadOptions {
            labels: Some(vec!["car".into(), "bus".into()]),
            seqinfo: None,
        };
        let (s, _) = read_mot("1,4,0,0,1,1,1,2,1\n".as_bytes(), &options).unwrap();
        assert_eq!(s.labels.objects()[0].name().unwrap().as_str(), "bus:1");
    }

    fn rows(n: usize) -> String {
        (0..n)
            .map(|i| format!("{},{},{}.5,2,3,4,1,1,1\r\n", i / 7 + 1, i % 7 + 1, i))
            .collect()
    }

    #[test]
    fn any_block_size_reads_the_same_labels() {
        let text = rows(500) + "\n \n" + "90,8,1,1,1,1,1,2,0.5\n" + "91,8,1,1,1,1,0.3,2,1";
        let whole = read(&text).unwrap().0;
        for block in [1, 2, 7, 31, 64, 1000, 1 << 20] {
            let (s, _) =
                read_mot_in_blocks(text.as_bytes(), &MotReadOptions::default(), block).unwrap();
            assert_eq!(s.labels, whole.labels, "block {block}");
        }
    }

    #[test]
    fn class_change_inside_a_track_counts_every_row_and_names_the_first() {
        let text = "1,1,0,0,1,1,1,1,1\n2,1,0,0,1,1,1,1,1\n3,1,0,0,1,1,1,2,1\n4,1,0,0,1,1,1,2,1\n1,2,0,0,1,1,1,2,1\n5,1,0,0,1,1,1,2,1\n";
        for block in [1, 20, 1 << 20] {
            let (s, loss) =
                read_mot_in_blocks(text.as_bytes(), &MotReadOptions::default(), block).unwrap();
            assert_eq!(loss.count(LossKind::Classes), 3, "block {block}");
            assert!(
                loss.to_string().contains("first: frame 2, track 1"),
                "{loss}"
            );
            assert_eq!(s.labels.objects().len(), 2);
        }
    }

    #[test]
    fn detection_rows_stay_separate_objects_in_file_order() {
        let text =
            "1,-1,0,0,1,1,0.9,-1,-1,-1\n1,-1,5,5,1,1,0.8,-1,-1,-1\n2,-1,7,7,1,1,0.7,-1,-1,-1\n";
        let (s, loss) = read(text).unwrap();
        let lefts: Vec<f64> = s
            .labels
            .objects()
            .iter()
            .map(|o| {
                o.track().keyframes()[0]
                    .shape()
                    .unwrap()
                    .as_bounding_box()
                    .unwrap()
                    .left
            })
            .collect();
        assert_eq!(lefts, [0.0, 5.0, 7.0]);
        assert!(loss.is_lossless(), "{loss}");
    }

    #[test]
    fn last_line_without_newline_is_read() {
        let (s, _) = read("1,1,0,0,1,1,1,1,1\n2,1,0,0,1,1,1,1,1").unwrap();
        assert_eq!(s.labels.objects()[0].track().keyframes().len(), 2);
    }

    #[test]
    fn error_names_its_line_whatever_the_block_size() {
        let mut text = rows(300);
        text.push_str("5,1,x,0,1,1,1,1,1\n");
        text.push_str(&rows(300));
        text.push_str("0,1,0,0,1,1,1,1,1\n");
        for block in [1, 5, 100, 1 << 20] {
            let err = read_mot_in_blocks(text.as_bytes(), &MotReadOptions::default(), block)
                .unwrap_err()
                .to_string();
            assert!(
                err.contains(":301") && err.contains("bb_left"),
                "{block}: {err}"
            );
        }
    }

    #[test]
    fn invalid_utf8_is_an_error_naming_its_line() {
        let mut bytes = rows(3).into_bytes();
        bytes.extend_from_slice(b"1,9,\xff,0,1,1,1,1,1\n");
        let err = read_mot(&bytes[..], &MotReadOptions::default())
            .unwrap_err()
            .to_string();
        assert!(err.contains(":4") && err.contains("UTF-8"), "{err}");
    }

    #[test]
    fn split_at_lines_keeps_every_byte_in_order() {
        let text = rows(50);
        for parts in [1, 2, 3, 8, 100] {
            let pieces = split_at_lines(text.as_bytes(), parts);
            assert_eq!(pieces.concat(), text.as_bytes());
            assert!(
                pieces[..pieces.len() - 1]
                    .iter()
                    .all(|p| p.ends_with(b"\n"))
            );
        }
        assert!(split_at_lines(b"", 4).is_empty());
    }

    #[test]
    fn results_with_world_coordinates_report_the_loss() {
        let (_, loss) = read("1,1,0,0,1,1,0.5,3,4,5\n").unwrap();
        assert_eq!(loss.count(LossKind::Scores), 1);
    }
}
