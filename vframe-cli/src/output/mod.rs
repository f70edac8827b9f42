//! Everything that touches the terminal: problem lines, tables, JSON, error messages.
//!
//! Verbs build plain values (a list of [`Diagnostic`]s, a [`Table`]) and hand them here, so
//! the wording of the output is decided in one place and stays the same across verbs.

mod diagnostic;
mod table;

use std::io::Write;

use clap::ValueEnum;

pub use diagnostic::Diagnostic;
pub use table::Table;

use crate::error::CliError;

/// How `validate` prints problems.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum ProblemFormat {
    /// One problem per line: `FILE:LINE:COLUMN: JSON_PATH: message`.
    #[default]
    Text,
    /// A JSON array of objects with `file`, `line`, `column`, `path`, `code` and `message`.
    Json,
}

/// How `stats` prints its summary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum SummaryFormat {
    /// Aligned tables for people.
    #[default]
    Table,
    /// One JSON document for programs.
    Json,
}

/// Prints `diagnostics` to standard output in `format`.
pub fn print_diagnostics(
    diagnostics: &[Diagnostic],
    format: ProblemFormat,
) -> Result<(), CliError> {
    let mut out = std::io::stdout().lock();
    match format {
        ProblemFormat::Text => {
            for d in diagnostics {
                writeln!(out, "{d}").map_err(CliError::Stdout)?;
            }
        }
        ProblemFormat::Json => print_json_to(&mut out, &diagnostics)?,
    }
    out.flush().map_err(CliError::Stdout)
}

/// Prints any serializable value as pretty JSON followed by a newline.
pub fn print_json<T: serde::Serialize + ?Sized>(value: &T) -> Result<(), CliError> {
    let mut out = std::io::stdout().lock();
    print_json_to(&mut out, value)?;
    out.flush().map_err(CliError::Stdout)
}

fn print_json_to<T: serde::Serialize + ?Sized>(
    out: &mut impl Write,
    value: &T,
) -> Result<(), CliError> {
    serde_json::to_writer_pretty(&mut *out, value)
        .map_err(|e| CliError::Stdout(std::io::Error::other(e)))?;
    writeln!(out).map_err(CliError::Stdout)
}

/// Prints text as is to standard output.
pub fn print_text(text: &str) -> Result<(), CliError> {
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes()).map_err(CliError::Stdout)?;
    out.flush().map_err(CliError::Stdout)
}

/// Prints one problem line on standard error (for verbs whose standard output is something
/// else, such as `stats`).
pub fn report_problem(diagnostic: &Diagnostic) {
    let _ = writeln!(std::io::stderr().lock(), "{diagnostic}");
}

/// Prints a verb's fatal error on standard error as `vframe: <message>`.
pub fn report_error(error: &CliError) {
    // Nothing sensible is left to do when standard error itself is closed.
    let _ = writeln!(std::io::stderr().lock(), "vframe: {error}");
}
