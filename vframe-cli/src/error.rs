//! Why a verb could not do its job at all (as opposed to finding problems in a file).

use std::path::PathBuf;
use std::process::ExitCode;

use thiserror::Error;
use vframe_io::IoError;

/// A failure that stops a verb: bad usage, or a file that cannot be read or written.
///
/// Problems *found in* the files a verb checks are not errors: they are its output, and
/// make the verb end with [`crate::commands::Outcome::ProblemsFound`].
#[derive(Debug, Error)]
#[non_exhaustive]
pub enum CliError {
    /// The arguments make no sense together (clap checks the rest).
    #[error("{0}")]
    Usage(String),
    /// A file or folder could not be read.
    #[error("{}: {source}", path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// What the operating system said.
        source: std::io::Error,
    },
    /// A file the verb needs (not one it checks) is broken, e.g. the `--config` of `validate`.
    #[error("{0}")]
    Input(IoError),
    /// Writing the result failed; the destination was left as it was.
    #[error("{0}")]
    Write(IoError),
    /// The verb's answer could not be printed (e.g. a closed pipe).
    #[error("cannot write to standard output: {0}")]
    Stdout(std::io::Error),
}

impl CliError {
    /// Every error is a usage or input failure: exit status 2.
    pub fn exit_code(&self) -> ExitCode {
        ExitCode::from(2)
    }
}
