//! `vframe densify`: a native file -> a Ground Truth `SeqLabel.json` with a shape on every
//! listed frame between keyframes.

use std::path::PathBuf;

use vframe_core::densify_labels;
use vframe_geom::algorithm::InterpolationOptions;
use vframe_io::SeqLabelDoc;

use crate::commands::Outcome;
use crate::commands::sparsify::model_error;
use crate::error::CliError;
use crate::output;

/// Fill every listed frame between an object's keyframes by interpolation (absences stay
/// absent, nothing is shown after an object's last keyframe) and write Ground Truth's
/// SeqLabel.json, whole or not at all.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Input native file (as written by `vframe sparsify` or a labeling UI).
    #[arg(value_name = "IN")]
    pub input: PathBuf,

    /// Output SeqLabel.json (replaced atomically when it exists).
    #[arg(short, long, value_name = "OUT")]
    pub output: PathBuf,
}

/// Runs `vframe densify`.
pub fn run(args: Args) -> Result<Outcome, CliError> {
    let sparse = vframe_io::read_native_file(&args.input).map_err(CliError::Input)?;
    let dense = densify_labels(&sparse, InterpolationOptions::default())
        .map_err(|e| CliError::Input(model_error(&args.input, e)))?;
    let doc =
        SeqLabelDoc::from_labels(&dense).map_err(|e| CliError::Input(e.in_file(&args.input)))?;
    vframe_io::write_seq_label_file(&args.output, &doc).map_err(CliError::Write)?;
    output::print_text(&format!(
        "{} keyframes -> {} annotations on {} frames\n",
        sparse
            .objects()
            .iter()
            .map(|o| o.track().keyframes().len())
            .sum::<usize>(),
        dense.annotation_count(),
        dense.frames().len()
    ))?;
    Ok(Outcome::Success)
}
