//! `vframe render`: pictures of a sequence's labels.

use std::io::Write;
use std::path::PathBuf;

use vframe_extract::render::render_sequence;
use vframe_io::read_seq_label_file;

use crate::commands::Outcome;
use crate::error::CliError;

/// Draw the labels of a SeqLabel.json onto its frames: boxes, polygons, polylines and
/// keypoints in one stable colour per category, with instance names; plus a contact sheet
/// (contact_sheet.png) and a track timeline (timeline.png).
///
/// Frames are read from --frames under the names the SeqLabel.json gives them and written
/// to the output folder under the same names.
///
/// Exit status: 0 when done; 2 when the labels or a frame cannot be read.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The SeqLabel.json of one sequence.
    #[arg(value_name = "SEQLABEL")]
    pub seq_label: PathBuf,

    /// Folder holding the sequence's frame images.
    #[arg(long, value_name = "DIR")]
    pub frames: PathBuf,

    /// Output folder (created if needed).
    #[arg(short, long, value_name = "DIR")]
    pub output: PathBuf,
}

/// Runs `vframe render`.
pub fn run(args: Args) -> Result<Outcome, CliError> {
    let doc = read_seq_label_file(&args.seq_label).map_err(CliError::Input)?;
    let labels = doc
        .to_labels()
        .map_err(|e| CliError::Input(e.in_file(&args.seq_label)))?;
    let summary = render_sequence(&labels, &args.frames, &args.output)
        .map_err(|e| CliError::Usage(e.to_string()))?;
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "{} frames, {} shapes drawn into {}",
        summary.frames,
        summary.shapes,
        args.output.display()
    )
    .map_err(CliError::Stdout)?;
    for path in summary.contact_sheet.iter().chain(&summary.timeline) {
        writeln!(out, "{}", path.display()).map_err(CliError::Stdout)?;
    }
    Ok(Outcome::Success)
}
