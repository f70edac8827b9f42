//! `vframe`: validate, summarise and convert Ground Truth video frame job files.
//!
//! This file only wires verbs to their modules: each verb is one variant of [`Command`] and
//! one file `commands/<verb>.rs` with an `Args` struct and a `run` function. Adding a verb is
//! three lines here: a `mod` entry in `commands/mod.rs`, a variant, and a match arm.

mod commands;
mod error;
mod inputs;
mod output;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::commands::Outcome;
use crate::error::CliError;

/// Validate, summarise and convert the files of Amazon SageMaker Ground Truth video frame
/// labeling jobs (object detection and object tracking; boxes, polylines, polygons,
/// keypoints).
///
/// Exit status: 0 when everything is fine, 1 when a checked file has problems, 2 for usage
/// errors and files that cannot be read.
#[derive(Debug, Parser)]
#[command(name = "vframe", version, propagate_version = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    Validate(commands::validate::Args),
    Stats(commands::stats::Args),
    Convert(commands::convert::Args),
    Sparsify(commands::sparsify::Args),
    Densify(commands::densify::Args),
    Extract(commands::extract::Args),
    Render(commands::render::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Validate(args) => commands::validate::run(args),
        Command::Stats(args) => commands::stats::run(args),
        Command::Convert(args) => commands::convert::run(args),
        Command::Sparsify(args) => commands::sparsify::run(args),
        Command::Densify(args) => commands::densify::run(args),
        Command::Extract(args) => commands::extract::run(args),
        Command::Render(args) => commands::render::run(args),
    };
    finish(result)
}

fn finish(result: Result<Outcome, CliError>) -> ExitCode {
    match result {
        Ok(outcome) => outcome.exit_code(),
        Err(error) => {
            output::report_error(&error);
            error.exit_code()
        }
    }
}
