//! `vframe validate`: every problem of every file, one per line.

mod label_config;
mod manifest;
mod seq_label;
mod sequence_file;

use std::path::{Path, PathBuf};

use vframe_core::{LabelCategoryConfig, Limits};
use vframe_io::detect::{FileKind, detect_kind};

use crate::commands::Outcome;
use crate::error::CliError;
use crate::inputs;
use crate::output::{self, Diagnostic, ProblemFormat};

use crate::commands::class_map::ClassMaps;

/// Check Ground Truth job files and print every problem found.
///
/// Each file's kind (input or output manifest, sequence file, label category configuration,
/// SeqLabel.json) is detected from its content, not its name; a folder stands for the job
/// files inside it. The file is checked against its format and against Ground Truth's quotas;
/// with --config, labels are also checked against the configuration (categories, attribute
/// names and values, required attributes, annotation type), and the class-maps of output
/// manifests must name its labels.
///
/// Problems print one per line as FILE:LINE:COLUMN: JSON_PATH: message, every problem and not
/// only the first. Exit status: 0 when every file is valid, 1 when any problem was found, 2
/// for usage errors and files that cannot be read.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Label category configuration file to check labels against.
    #[arg(long, value_name = "CONFIG")]
    pub config: Option<PathBuf>,

    /// Output manifest whose line gives the class-map (class-id -> label name) of the labels.
    ///
    /// The line whose label attribute points to .../output/<n>/SeqLabel.json with the same <n>
    /// as the checked file is used, or the only line. Without it, class-id N means the N-th
    /// label of --config, counting from 0.
    #[arg(long, value_name = "OUTPUT_MANIFEST", requires = "config")]
    pub class_map: Option<PathBuf>,

    /// How to print problems.
    #[arg(long, value_enum, default_value_t = ProblemFormat::Text)]
    pub format: ProblemFormat,

    /// Files or folders to check.
    #[arg(value_name = "FILE", required = true)]
    pub files: Vec<PathBuf>,
}

/// Runs `vframe validate`.
pub fn run(args: Args) -> Result<Outcome, CliError> {
    let limits = Limits::default();
    let config = match &args.config {
        Some(path) => {
            let bytes = inputs::read(path)?;
            let config = label_config::load(&bytes).map_err(|e| {
                CliError::Input(vframe_io::json::locate_error(e, &bytes).in_file(path))
            })?;
            Some(config)
        }
        None => None,
    };
    let class_maps = match &args.class_map {
        Some(path) => Some(ClassMaps::read(path, &inputs::read(path)?)?),
        None => None,
    };
    let context = Context {
        config: config.as_ref(),
        class_maps: class_maps.as_ref(),
        limits: &limits,
    };

    let mut diagnostics = Vec::new();
    let mut failed = false;
    for named in &args.files {
        // A path that cannot be read is reported and skipped: the others are still checked.
        let files = match inputs::expand(std::slice::from_ref(named)) {
            Ok(files) => files,
            Err(error) => {
                output::report_error(&error);
                failed = true;
                continue;
            }
        };
        for path in files {
            match inputs::read(&path).and_then(|bytes| context.check(&path, &bytes)) {
                Ok(mut found) => {
                    // Problems come in the model's order; users read files top to bottom.
                    found.sort_by_key(|d| (d.line, d.column));
                    diagnostics.extend(found);
                }
                Err(error) => {
                    output::report_error(&error);
                    failed = true;
                }
            }
        }
    }
    output::print_diagnostics(&diagnostics, args.format)?;
    Ok(if failed {
        Outcome::Failed
    } else if diagnostics.is_empty() {
        Outcome::Success
    } else {
        Outcome::ProblemsFound
    })
}

/// What every file is checked with.
struct Context<'a> {
    config: Option<&'a LabelCategoryConfig>,
    class_maps: Option<&'a ClassMaps>,
    limits: &'a Limits,
}

impl Context<'_> {
    /// Every problem of one file, by the kind its content shows.
    fn check(&self, path: &Path, bytes: &[u8]) -> Result<Vec<Diagnostic>, CliError> {
        let name = path.display().to_string();
        let kind = match detect_kind(bytes) {
            Ok(kind) => kind,
            Err(error) => return Ok(vec![Diagnostic::from_io_error(&name, bytes, error)]),
        };
        Ok(match kind {
            FileKind::InputManifest | FileKind::OutputManifest => {
                manifest::check(&name, bytes, self.config)
            }
            FileKind::SequenceFile => sequence_file::check(&name, bytes, self.limits),
            FileKind::LabelCategoryConfig => label_config::check(&name, bytes, self.limits),
            FileKind::SeqLabel(_) => {
                let checks = match self.config {
                    Some(config) => Some(seq_label::LabelChecks {
                        config,
                        class_map: self.class_maps.map(|m| m.for_file(path)).transpose()?,
                    }),
                    None => None,
                };
                seq_label::check(&name, bytes, checks, self.limits)
            }
            other => vec![Diagnostic {
                file: name,
                line: None,
                column: None,
                path: None,
                code: "kind.unsupported".to_owned(),
                message: format!("{other} files are not checked by this version of vframe"),
            }],
        })
    }
}
