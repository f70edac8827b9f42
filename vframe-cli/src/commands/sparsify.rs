//! `vframe sparsify`: a Ground Truth `SeqLabel.json` -> a native file holding only the
//! keyframes that reproduce it within a tolerance.

use std::fmt::Write as _;
use std::path::PathBuf;

use vframe_core::{
    CompressOptions, CompressionStrategy, CoreError, JsonPath, Tolerance, compress_labels,
};
use vframe_io::{IoError, Position};

use crate::commands::Outcome;
use crate::error::CliError;
use crate::output;

/// Keep only the keyframes a track needs: the fewest whose interpolation reproduces every
/// annotation of IN within the tolerance (every box edge, every vertex within PX pixels
/// horizontally and vertically). Absences and attribute changes stay keyframes.
///
/// Writes vframe's native file (docs/native-format.md), whole or not at all, and prints how
/// many keyframes each object kept. `vframe densify` turns it back into a SeqLabel.json.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Largest move, in pixels, of any box edge or vertex between the original and the
    /// interpolated shape.
    #[arg(
        long,
        value_name = "PX",
        conflicts_with = "min_iou",
        required_unless_present = "min_iou"
    )]
    pub tolerance: Option<f64>,

    /// Instead of --tolerance: the smallest IoU between the original and the interpolated
    /// box (bounding box jobs only), in (0, 1].
    #[arg(long, value_name = "IOU")]
    pub min_iou: Option<f64>,

    /// The most frames between two kept keyframes.
    #[arg(long, value_name = "FRAMES")]
    pub max_gap: Option<u32>,

    /// Use one greedy pass (longest segment first) instead of the fewest keyframes.
    #[arg(long)]
    pub greedy: bool,

    /// Input SeqLabel.json.
    #[arg(value_name = "IN")]
    pub input: PathBuf,

    /// Output native file (replaced atomically when it exists).
    #[arg(short, long, value_name = "OUT")]
    pub output: PathBuf,
}

/// Runs `vframe sparsify`.
pub fn run(args: Args) -> Result<Outcome, CliError> {
    let tolerance = match (args.tolerance, args.min_iou) {
        (Some(px), _) => Tolerance::Pixels(px),
        (None, Some(iou)) => Tolerance::MinIou(iou),
        (None, None) => {
            return Err(CliError::Usage(
                "give --tolerance PX or --min-iou IOU".into(),
            ));
        }
    };
    let mut options = CompressOptions::new(tolerance);
    if args.greedy {
        options = options.with_strategy(CompressionStrategy::Greedy);
    }
    if let Some(gap) = args.max_gap {
        options = options.with_max_gap(gap);
    }
    let labels = vframe_io::read_seq_label_file(&args.input)
        .and_then(|doc| doc.to_labels())
        .map_err(|e| CliError::Input(e.in_file(&args.input)))?;
    let (sparse, report) = compress_labels(&labels, &options).map_err(|e| match e {
        CoreError::InvalidTolerance { .. } => CliError::Usage(e.to_string()),
        other => CliError::Input(model_error(&args.input, other)),
    })?;
    vframe_io::write_native_file(&args.output, &sparse).map_err(CliError::Write)?;

    let mut text = String::new();
    let (mut kept, mut total) = (0, 0);
    for object in &report {
        kept += object.kept;
        total += object.total;
        let _ = writeln!(
            text,
            "{}: kept {}/{}",
            object.object, object.kept, object.total
        );
    }
    let _ = writeln!(
        text,
        "total: kept {kept}/{total} keyframes ({} of {} annotations)",
        sparse.annotation_count(),
        labels.annotation_count()
    );
    output::print_text(&text)?;
    Ok(Outcome::Success)
}

pub(crate) fn model_error(file: &std::path::Path, source: CoreError) -> IoError {
    IoError::Model {
        position: Position::default().in_file(file),
        path: JsonPath::root(),
        source: Box::new(source),
    }
}
