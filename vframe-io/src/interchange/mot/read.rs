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
    mut input: impl BufRead,
    options: &MotReadOptions,
) -> Result<(LabeledSequence, LossReport), IoError> {
    let mut loss = LossReport::new("Ground Truth model");
    let numbering = FrameNumbering::mot();
    let ext = options
        .seqinfo
        .as_ref()
        .map_or_else(|| ".jpg".to_owned(), |s| s.im_ext.clone());
    let name_of = |i: u32| format!("{:06}{ext}", numbering.number_of(i));
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
    let mut line = String::new();
    let mut number = 0usize;
    let mut max_frame: Option<u32> = None;
    loop {
        line.clear();
        number += 1;
        let read = input
            .read_line(&mut line)
            .map_err(|source| IoError::Stream {
                position: position(number),
                source,
            })?;
        if read == 0 {
            break;
        }
        let text = line.trim();
        if text.is_empty() {
            continue;
        }
        let row = parse_row(text).map_err(|message| IoError::Interchange {
            position: position(number),
            format: FORMAT,
            message,
        })?;
        let frame = numbering
            .index_of(row.frame)
            .map_err(|message| IoError::Interchange {
                position: position(number),
                format: FORMAT,
                message,
            })?;
        max_frame = Some(max_frame.map_or(frame, |m| m.max(frame)));
        let shape = BoundingBox::new(row.left, row.top, row.width, row.height).map_err(|e| {
            IoError::Interchange {
                position: position(number),
                format: FORMAT,
                message: format!("box: {e}"),
            }
        })?;
        let class = match row.class {
            Some(c) if c >= 1 => ClassId(u32::try_from(c - 1).unwrap_or(u32::MAX)),
            _ => ClassId(0),
        };
        while label_names.len() <= class.0 as usize {
            label_names.push(format!("class-{}", label_names.len()));
        }
        let mut attributes = AttributeValues::new();
        if let Some(c) = row.confidence.filter(|c| *c != 1.0) {
            seen_confidence = true;
            attributes.insert(CONFIDENCE_ATTRIBUTE.into(), AttributeValue::Number(c));
        }
        if let Some(v) = row.visibility.filter(|v| *v != 1.0) {
            seen_visibility = true;
            attributes.insert(VISIBILITY_ATTRIBUTE.into(), AttributeValue::Number(v));
        }
        if row.world {
            loss.record(LossKind::Scores, || {
                format!("line {number}: world coordinates x, y, z")
            });
        }
        let observation = Observation {
            frame,
            shape: Some(shape.into()),
            attributes,
        };
        if row.id >= 1 {
            assembler.observe_track(row.id, class, observation, &mut loss);
        } else {
            assembler.observe_detection(class, observation);
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
    read_mot(std::io::BufReader::with_capacity(1 << 16, file), &options)
        .map_err(|e| e.in_file(&rows))
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
    for f in text.split(',') {
        if let Some(slot) = columns.get_mut(count) {
            *slot = f.trim_ascii();
        }
        count += 1;
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
                f.parse::<f64>()
                    .ok()
                    .filter(|x| x.fract() == 0.0 && x.abs() < 9.0e15)
                    .map(|x| x as i64)
                    .ok_or(())
            })
            .map_err(|_| {
                format!(
                    "column {} ({what}) is {f:?}, expected a whole number",
                    i + 1
                )
            })
    };
    let num = |i: usize, what: &str| -> Result<f64, String> {
        let f = fields.get(i).copied().unwrap_or("");
        f.parse::<f64>()
            .ok()
            .filter(|x| x.is_finite())
            .ok_or_else(|| format!("column {} ({what}) is {f:?}, expected a number", i + 1))
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
            && (7..10).any(|i| {
                fields
                    .get(i)
                    .is_some_and(|f| f.parse::<f64>().ok() != Some(-1.0))
            }),
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

    #[test]
    fn results_with_world_coordinates_report_the_loss() {
        let (_, loss) = read("1,1,0,0,1,1,0.5,3,4,5\n").unwrap();
        assert_eq!(loss.count(LossKind::Scores), 1);
    }
}
