//! One module per verb. Each has an `Args` struct (clap derive; its doc comment is the verb's
//! help) and `run(args) -> Result<Outcome, CliError>`.

mod class_map;
pub mod convert;
pub mod convert_interchange;
pub mod densify;
pub mod extract;
pub mod render;
pub mod sparsify;
pub mod stats;
pub mod validate;

use std::process::ExitCode;

/// How a verb that did its job ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Done, nothing wrong: exit status 0.
    Success,
    /// Done, and the checked files have problems (already printed): exit status 1.
    ProblemsFound,
    /// Done as far as possible, but some input could not be read (already reported on
    /// standard error): exit status 2.
    Failed,
}

impl Outcome {
    /// The process exit status for this outcome.
    pub fn exit_code(self) -> ExitCode {
        match self {
            Outcome::Success => ExitCode::SUCCESS,
            Outcome::ProblemsFound => ExitCode::from(1),
            Outcome::Failed => ExitCode::from(2),
        }
    }
}
