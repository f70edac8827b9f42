//! `vframe convert` between Ground Truth and the interchange formats (CVAT for video XML,
//! MOTChallenge, COCO, YOLO), printing what the target cannot hold.

use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use vframe_core::{CompressOptions, CreationDate, FrameSize, Limits};
use vframe_io::interchange::coco::{self, CocoReadOptions};
use vframe_io::interchange::cvat_video::{self, CvatReadOptions, CvatWriteOptions};
use vframe_io::interchange::mot::{self, MotFlavor};
use vframe_io::interchange::yolo::{self, YoloFrames, YoloReadOptions, YoloWriteOptions};
use vframe_io::interchange::{LabeledSequence, LossReport, to_ground_truth_labels};
use vframe_io::job_output::{JobOutputSpec, JobSequence, read_job_output, write_job_output};
use vframe_io::label_config::LabelConfigDoc;
use vframe_io::manifest::ManifestLine;
use vframe_io::seq_label::SeqLabelDoc;
use vframe_io::sequence_file::SequenceFileDoc;
use vframe_io::{IoError, Position};

use super::Outcome;
use super::convert::{Args, Format};
use crate::error::CliError;
use crate::inputs;
use crate::output;

/// Options of conversions that involve an interchange format.
#[derive(Debug, Clone, clap::Args)]
pub struct InterchangeArgs {
    /// Label category configuration: names the classes of a SeqLabel.json, and, going to
    /// Ground Truth, maps the source's labels onto the job's labels by name. Without it,
    /// the configuration is derived from the source's categories.
    #[arg(long, value_name = "CONFIG")]
    pub config: Option<PathBuf>,

    /// Sequence file: names frames by index, lists every frame, and gives YOLO label files
    /// their frames by name.
    #[arg(long, value_name = "SEQFILE")]
    pub sequence: Option<PathBuf>,

    /// Refuse the conversion (and write nothing) if anything would be lost.
    #[arg(long)]
    pub strict: bool,

    /// Frame size, WIDTHxHEIGHT: YOLO needs it both ways, COCO to write.
    #[arg(long, value_name = "WxH", value_parser = parse_size)]
    pub size: Option<FrameSize>,

    /// CVAT output: keyframes only instead of every frame.
    #[arg(long)]
    pub sparse: bool,

    /// CVAT sparse output: first keep only the keyframes needed to reproduce each track
    /// within this many pixels.
    #[arg(long, value_name = "PIXELS", requires = "sparse")]
    pub tolerance: Option<f64>,

    /// CVAT input: read only keyframe="1" shapes (CVAT interpolates the rest).
    #[arg(long)]
    pub keyframes_only: bool,

    /// CVAT output: absolute number of frame-no 0 (`start_frame`).
    #[arg(long, default_value_t = 0)]
    pub start_frame: u64,

    /// CVAT output: frame step (`frame_filter` `step=N`).
    #[arg(long, default_value_t = 1)]
    pub frame_step: u64,

    /// MOT output: tracker results (10 columns) instead of ground truth (9 columns).
    #[arg(long)]
    pub mot_results: bool,

    /// YOLO output: no trailing track id on the lines.
    #[arg(long)]
    pub no_track_ids: bool,

    /// YOLO input without --sequence: the number in the first frame's file name (0 or 1).
    #[arg(long, default_value_t = 0)]
    pub first_number: u64,

    /// Ground Truth output: the job name of the manifest line's metadata.
    #[arg(long, default_value = "vframe-convert")]
    pub job_name: String,

    /// Ground Truth output: the label attribute name (`<name>` and `<name>-metadata`).
    #[arg(long, default_value = "vframe-ref")]
    pub label_attribute_name: String,

    /// Ground Truth output: the job's S3 output path the manifest line's label URI is under.
    #[arg(long, default_value = "s3://vframe-output")]
    pub s3_output_path: String,
}

fn parse_size(s: &str) -> Result<FrameSize, String> {
    let (w, h) = s
        .split_once(['x', 'X'])
        .ok_or_else(|| format!("{s:?}: expected WIDTHxHEIGHT, e.g. 1920x1080"))?;
    let width: u32 = w
        .trim()
        .parse()
        .map_err(|_| format!("{s:?}: width is not a whole number"))?;
    let height: u32 = h
        .trim()
        .parse()
        .map_err(|_| format!("{s:?}: height is not a whole number"))?;
    if width == 0 || height == 0 {
        return Err(format!("{s:?}: width and height must be at least 1"));
    }
    Ok(FrameSize { width, height })
}

fn format_name(f: Format) -> &'static str {
    match f {
        Format::Gt => "Ground Truth",
        Format::Cvat => "CVAT for video 1.1",
        Format::Mot => "MOTChallenge",
        Format::Coco => "COCO",
        Format::Yolo => "YOLO",
    }
}

/// Runs a conversion with an interchange format on either side.
pub fn run(args: &Args) -> Result<Outcome, CliError> {
    let x = &args.interchange;
    let input_error = |e: IoError| CliError::Input(e.in_file(&args.input));
    let sequence = match &x.sequence {
        Some(path) => {
            let bytes = inputs::read(path)?;
            let doc = SequenceFileDoc::from_slice(&bytes)
                .map_err(|e| CliError::Input(e.in_file(path)))?;
            let (seq, _) = doc
                .to_sequence(&Limits::default())
                .map_err(|e| CliError::Input(e.in_file(path)))?;
            Some(seq)
        }
        None => None,
    };
    let config = match &x.config {
        Some(path) => {
            let bytes = inputs::read(path)?;
            let doc =
                LabelConfigDoc::from_slice(&bytes).map_err(|e| CliError::Input(e.in_file(path)))?;
            Some(doc.to_config().0)
        }
        None => None,
    };

    let (mut pivot, read_loss) =
        read_source(args, sequence.as_ref(), config.as_ref()).map_err(input_error)?;
    if let Some(seq) = &sequence {
        pivot.apply_sequence(seq).map_err(input_error)?;
    }
    if let Some(size) = x.size {
        pivot.frame_size = Some(size);
    }
    if let Some(config) = config
        && args.from != Format::Gt
    {
        pivot = pivot.adopt_config(config).map_err(input_error)?;
    }

    let write_loss = dry_run(args, &pivot).map_err(|e| CliError::Write(e.in_file(&args.output)))?;
    let report = format!(
        "read {} ({}): {}\nwrite {} ({}): {}\n",
        format_name(args.from),
        args.input.display(),
        describe(&read_loss),
        format_name(args.to),
        args.output.display(),
        describe(&write_loss),
    );
    output::print_text(&report)?;
    if x.strict && !(read_loss.is_lossless() && write_loss.is_lossless()) {
        output::print_text("--strict: nothing written\n")?;
        return Ok(Outcome::ProblemsFound);
    }
    write_target(args, &pivot).map_err(|e| CliError::Write(e.in_file(&args.output)))?;
    Ok(Outcome::Success)
}

fn describe(loss: &LossReport) -> String {
    if loss.is_lossless() {
        "nothing lost".into()
    } else {
        format!("lost\n{loss}")
    }
}

fn read_source(
    args: &Args,
    sequence: Option<&vframe_core::Sequence>,
    config: Option<&vframe_core::LabelCategoryConfig>,
) -> Result<(LabeledSequence, LossReport), IoError> {
    let x = &args.interchange;
    let input = &args.input;
    match args.from {
        Format::Gt => {
            let labels = if input.is_dir() {
                let mut sequences = read_job_output(input, None)?;
                if sequences.len() != 1 {
                    return Err(IoError::Interchange {
                        position: Position::default(),
                        format: "Ground Truth job output",
                        message: format!(
                            "the job output holds {} sequences; convert one SeqLabel.json at a time",
                            sequences.len()
                        ),
                    });
                }
                sequences.remove(0).labels
            } else {
                let bytes = std::fs::read(input).map_err(|source| IoError::File {
                    path: input.clone(),
                    source,
                })?;
                SeqLabelDoc::from_slice(&bytes)?.to_labels()?
            };
            let pivot = match config {
                Some(c) => LabeledSequence::new(labels, c.clone()),
                None => LabeledSequence::with_derived_config(labels),
            };
            Ok((pivot, LossReport::new("Ground Truth model")))
        }
        Format::Cvat => cvat_video::read_cvat_video_file(
            input,
            &CvatReadOptions {
                keyframes_only: x.keyframes_only,
                annotation_type: config.map(|c| c.annotation_type),
            },
        ),
        Format::Mot => mot::read_mot_dir(input),
        Format::Coco => coco::read_coco_file(
            input,
            &CocoReadOptions {
                video_id: None,
                annotation_type: config.map(|c| c.annotation_type),
            },
        ),
        Format::Yolo => {
            let size = x
                .size
                .or_else(|| sequence.and_then(|s| s.frames().iter().find_map(|f| f.size)));
            let Some(size) = size else {
                return Err(IoError::Interchange {
                    position: Position::default(),
                    format: "YOLO",
                    message: "YOLO coordinates are fractions of the frame size: give --size WxH"
                        .into(),
                });
            };
            let mut options = YoloReadOptions::new(size);
            options.frames = match sequence {
                Some(s) => YoloFrames::Names(s.frames().iter().map(|f| f.file.clone()).collect()),
                None => YoloFrames::ByNumber {
                    first: x.first_number,
                },
            };
            yolo::read_yolo_dir(input, &options)
        }
    }
}

fn cvat_options(x: &InterchangeArgs) -> CvatWriteOptions {
    CvatWriteOptions {
        sparse: x.sparse,
        compress: x.tolerance.map(CompressOptions::pixels),
        start_frame: x.start_frame,
        step: x.frame_step,
    }
}

fn yolo_options(x: &InterchangeArgs) -> YoloWriteOptions {
    YoloWriteOptions {
        track_ids: !x.no_track_ids,
        ..YoloWriteOptions::default()
    }
}

fn flavor(x: &InterchangeArgs) -> MotFlavor {
    if x.mot_results {
        MotFlavor::Results
    } else {
        MotFlavor::GroundTruth
    }
}

/// What writing would lose, found by writing into nothing.
fn dry_run(args: &Args, pivot: &LabeledSequence) -> Result<LossReport, IoError> {
    let x = &args.interchange;
    let mut sink = std::io::sink();
    match args.to {
        Format::Gt => {
            let (labels, loss) = to_ground_truth_labels(pivot)?;
            SeqLabelDoc::from_labels(&labels)?;
            Ok(loss)
        }
        Format::Cvat => cvat_video::write_cvat_video(pivot, &cvat_options(x), &mut sink),
        Format::Mot => mot::write_mot(pivot, flavor(x), &mut sink),
        Format::Coco => coco::write_coco(pivot, &mut sink),
        Format::Yolo => yolo::write_yolo_frames(pivot, &yolo_options(x), |_, _| Ok(())),
    }
}

fn write_target(args: &Args, pivot: &LabeledSequence) -> Result<(), IoError> {
    let x = &args.interchange;
    let out = &args.output;
    match args.to {
        Format::Gt => write_ground_truth(x, pivot, out),
        Format::Cvat => cvat_video::write_cvat_video_file(pivot, &cvat_options(x), out).map(drop),
        Format::Mot => mot::write_mot_dir(pivot, flavor(x), out, 30).map(drop),
        Format::Coco => coco::write_coco_file(pivot, out).map(drop),
        Format::Yolo => yolo::write_yolo_dir(pivot, out, &yolo_options(x)).map(drop),
    }
}

/// A job output folder: the SeqLabel.json and the output manifest line pointing at it.
fn write_ground_truth(
    x: &InterchangeArgs,
    pivot: &LabeledSequence,
    out: &Path,
) -> Result<(), IoError> {
    let source_ref = x
        .sequence
        .as_ref()
        .map_or_else(|| "sequence.json".to_owned(), |p| p.display().to_string());
    let spec = JobOutputSpec {
        s3_output_path: x.s3_output_path.clone(),
        job_name: x.job_name.clone(),
        label_attribute_name: x.label_attribute_name.clone(),
        config: pivot.config.clone(),
        creation_date: now(),
    };
    let (labels, _) = to_ground_truth_labels(pivot)?;
    let sequence = JobSequence {
        input: ManifestLine::new(source_ref),
        labels,
        adjustment_status: None,
    };
    write_job_output(out, &spec, &[sequence]).map(drop)
}

/// The current UTC time as Ground Truth writes `creation-date`.
fn now() -> CreationDate {
    let since = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default();
    let secs = since.as_secs();
    let (days, rem) = ((secs / 86_400) as i64, secs % 86_400);
    // Days since 1970-01-01 to a civil date (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let year = (yoe + era * 400 + i64::from(month <= 2)) as u16;
    CreationDate::utc(
        year,
        month,
        day,
        (rem / 3_600) as u8,
        (rem % 3_600 / 60) as u8,
        (rem % 60) as u8,
        since.subsec_micros(),
    )
    .or_else(|| CreationDate::utc(1970, 1, 1, 0, 0, 0, 0))
    .expect("1970-01-01 is a valid date")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn size_needs_both_sides_above_zero() {
        assert!(parse_size("0x5").is_err());
        assert!(parse_size("12").is_err());
        assert_eq!(
            parse_size("1920x1080"),
            Ok(FrameSize {
                width: 1920,
                height: 1080
            })
        );
    }

    #[test]
    fn now_is_a_valid_creation_date() {
        let d = now();
        assert!(d.year >= 2024 && (1..=12).contains(&d.month));
    }
}
