//! `vframe convert`: rewrite a job file in another (or the same) format.

use std::path::{Path, PathBuf};

use clap::ValueEnum;
use vframe_io::IoError;
use vframe_io::detect::{FileKind, detect_kind};
use vframe_io::label_config::{LabelConfigDoc, write_label_config_file};
use vframe_io::manifest::{ManifestReader, write_manifest_file};
use vframe_io::seq_label::{SeqLabelDoc, write_seq_label_file};
use vframe_io::sequence_file::{SequenceFileDoc, write_sequence_file};

use crate::commands::Outcome;
use crate::error::CliError;
use crate::inputs;
use crate::output::{self, Diagnostic};

/// File formats `convert` reads and writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
#[non_exhaustive]
pub enum Format {
    /// Amazon SageMaker Ground Truth's own files (SeqLabel.json, manifests, sequence files,
    /// label category configurations), detected from their content. With another format on
    /// the other side: a SeqLabel.json (or a job output folder holding one sequence) in, a
    /// job output folder (SeqLabel.json and output manifest line) out.
    Gt,
    /// CVAT for video 1.1 XML (CVAT for images 1.1 reads too).
    Cvat,
    /// MOTChallenge: a sequence folder (gt/gt.txt, gt/labels.txt, seqinfo.ini) or a rows file.
    Mot,
    /// COCO JSON with TAO's video fields.
    Coco,
    /// YOLO label folder (Ultralytics data.yaml + labels/, or Darknet obj.names + obj_*_data/).
    Yolo,
}

/// Rewrite a file in Ground Truth's own style, or convert between Ground Truth and another
/// tool's format.
///
/// --from gt --to gt reads any Ground Truth job file and writes it back the way Ground Truth
/// writes it: a file that came from Ground Truth comes out byte for byte the same. The output
/// appears whole or not at all (written to a temporary file, then renamed).
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Format of the input file.
    #[arg(long, value_enum)]
    pub from: Format,

    /// Format to write.
    #[arg(long, value_enum)]
    pub to: Format,

    /// Input file.
    #[arg(value_name = "IN")]
    pub input: PathBuf,

    /// Output file (replaced atomically when it exists).
    #[arg(short, long, value_name = "OUT")]
    pub output: PathBuf,

    /// Options of conversions with CVAT, MOT, COCO or YOLO.
    #[command(flatten)]
    pub interchange: super::convert_interchange::InterchangeArgs,
}

/// Runs `vframe convert`.
pub fn run(args: Args) -> Result<Outcome, CliError> {
    if (args.from, args.to) != (Format::Gt, Format::Gt) {
        return super::convert_interchange::run(&args);
    }
    let bytes = inputs::read(&args.input)?;
    let result = rewrite_ground_truth(&bytes, &args.output);
    match result {
        Ok(()) => Ok(Outcome::Success),
        // A problem in the input: say where, leave the output alone.
        Err(Failure::Input(error)) => {
            let name = args.input.display().to_string();
            output::report_problem(&Diagnostic::from_io_error(&name, &bytes, error));
            Ok(Outcome::ProblemsFound)
        }
        Err(Failure::Output(error)) => Err(CliError::Write(error.in_file(&args.output))),
    }
}

/// Which side of a conversion failed.
enum Failure {
    Input(IoError),
    Output(IoError),
}

/// Reads a Ground Truth file of any kind and writes it back in Ground Truth's style: the
/// document layer keeps key order, number forms and unknown keys, so an unchanged file
/// comes out with the same bytes.
fn rewrite_ground_truth(bytes: &[u8], out: &Path) -> Result<(), Failure> {
    match detect_kind(bytes).map_err(Failure::Input)? {
        FileKind::SeqLabel(_) => {
            let doc = SeqLabelDoc::from_slice(bytes).map_err(Failure::Input)?;
            write_seq_label_file(out, &doc).map_err(Failure::Output)
        }
        FileKind::InputManifest | FileKind::OutputManifest => {
            let lines = ManifestReader::new(bytes)
                .map(|record| record.map(|r| r.line))
                .collect::<Result<Vec<_>, _>>()
                .map_err(Failure::Input)?;
            write_manifest_file(out, &lines).map_err(Failure::Output)
        }
        FileKind::SequenceFile => {
            let doc = SequenceFileDoc::from_slice(bytes).map_err(Failure::Input)?;
            write_sequence_file(out, &doc).map_err(Failure::Output)
        }
        FileKind::LabelCategoryConfig => {
            let doc = LabelConfigDoc::from_slice(bytes).map_err(Failure::Input)?;
            write_label_config_file(out, &doc).map_err(Failure::Output)
        }
        other => Err(Failure::Input(IoError::Schema {
            position: vframe_io::Position::default(),
            path: vframe_core::JsonPath::root(),
            message: format!("{other} files cannot be converted by this version of vframe"),
        })),
    }
}
