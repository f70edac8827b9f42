//! `vframe convert`: rewrite a job file in another (or the same) format.

use std::path::PathBuf;

use clap::ValueEnum;

use crate::commands::Outcome;
use crate::error::CliError;

/// File formats `convert` reads and writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
#[non_exhaustive]
pub enum Format {
    /// Amazon SageMaker Ground Truth's own files (SeqLabel.json, manifests, sequence files,
    /// label category configurations), detected from their content.
    Gt,
}

/// Rewrite a file, in Ground Truth's own style or (later) in another tool's format.
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
}

/// Runs `vframe convert`.
pub fn run(args: Args) -> Result<Outcome, CliError> {
    let _ = args;
    Err(CliError::Usage("not wired yet".into()))
}
