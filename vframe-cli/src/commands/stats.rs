//! `vframe stats`: what a job file holds, in numbers.

mod labels;
mod manifest;
mod setup;
mod tables;

use std::path::{Path, PathBuf};

use serde::Serialize;
use vframe_core::ClassMap;
use vframe_io::detect::{FileKind, detect_kind};
use vframe_io::seq_label::SeqLabelDoc;

use crate::commands::Outcome;
use crate::commands::class_map::ClassMaps;
use crate::error::CliError;
use crate::inputs;
use crate::output::{self, Diagnostic, SummaryFormat};

/// Summarise Ground Truth job files: frames, objects per category, annotations, track lengths
/// and gaps, attribute value counts.
///
/// Each file's kind is detected from its content; a folder stands for the job files inside
/// it. SeqLabel.json files get the full summary, with label names taken from an output
/// manifest among the given files (or --class-map) when its line points to them; manifests,
/// sequence files and label category configurations get their own counts.
///
/// Exit status: 0; 1 when a file cannot be read as the kind it looks like (run `vframe
/// validate` on it for every problem); 2 for usage errors and files that cannot be read.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// How to print the summary.
    #[arg(long, value_enum, default_value_t = SummaryFormat::Table)]
    pub format: SummaryFormat,

    /// Output manifest whose class-maps name the class ids of the SeqLabel.json files.
    #[arg(long, value_name = "OUTPUT_MANIFEST")]
    pub class_map: Option<PathBuf>,

    /// Files or folders to summarise.
    #[arg(value_name = "FILE", required = true)]
    pub files: Vec<PathBuf>,
}

/// One file's summary, as printed.
#[derive(Debug, Serialize)]
pub struct FileSummary {
    /// The file, as named.
    pub file: String,
    /// Its kind, e.g. `SeqLabel.json (tracking)`.
    pub kind: String,
    /// The numbers.
    pub summary: Summary,
}

/// The numbers of one file, by kind.
#[derive(Debug, Serialize)]
#[serde(untagged)]
pub enum Summary {
    /// A `SeqLabel.json`.
    Labels(labels::LabelsSummary),
    /// An input or output manifest.
    Manifest(manifest::ManifestSummary),
    /// A sequence file.
    Sequence(setup::SequenceSummary),
    /// A label category configuration.
    Config(setup::ConfigSummary),
}

/// Runs `vframe stats`.
pub fn run(args: Args) -> Result<Outcome, CliError> {
    let mut failed = false;
    let mut files: Vec<(PathBuf, Vec<u8>)> = Vec::new();
    for named in &args.files {
        let read = inputs::expand(std::slice::from_ref(named)).and_then(|paths| {
            paths
                .into_iter()
                .map(|p| inputs::read(&p).map(|bytes| (p, bytes)))
                .collect::<Result<Vec<_>, _>>()
        });
        match read {
            Ok(found) => files.extend(found),
            Err(error) => {
                output::report_error(&error);
                failed = true;
            }
        }
    }

    // Class maps: from --class-map, else from the output manifests among the files.
    let mut class_maps = Vec::new();
    match &args.class_map {
        Some(path) => class_maps.push(ClassMaps::read(path, &inputs::read(path)?)?),
        None => {
            for (path, bytes) in &files {
                if matches!(detect_kind(bytes), Ok(FileKind::OutputManifest))
                    && let Ok(maps) = ClassMaps::read(path, bytes)
                {
                    class_maps.push(maps);
                }
            }
        }
    }
    let explicit = args.class_map.is_some();
    let class_map_of = |path: &Path| -> Option<ClassMap> {
        let found = class_maps.iter().find_map(|m| m.matching(path)).cloned();
        match (found, explicit) {
            (Some(map), _) => Some(map),
            (None, true) => class_maps.first().and_then(|m| m.for_file(path).ok()),
            (None, false) => None,
        }
    };

    let mut summaries = Vec::new();
    let mut broken = Vec::new();
    for (path, bytes) in &files {
        let name = path.display().to_string();
        match summarise(path, bytes, &class_map_of) {
            Ok((kind, summary)) => summaries.push(FileSummary {
                file: name,
                kind: kind.to_string(),
                summary,
            }),
            Err(error) => broken.push(Diagnostic::from_io_error(&name, bytes, error)),
        }
    }
    match args.format {
        SummaryFormat::Json => output::print_json(&summaries)?,
        SummaryFormat::Table => output::print_text(&tables::render(&summaries))?,
    }
    for d in &broken {
        output::report_problem(d);
    }
    Ok(if failed {
        Outcome::Failed
    } else if broken.is_empty() {
        Outcome::Success
    } else {
        Outcome::ProblemsFound
    })
}

fn summarise(
    path: &Path,
    bytes: &[u8],
    class_map_of: &impl Fn(&Path) -> Option<ClassMap>,
) -> Result<(FileKind, Summary), vframe_io::IoError> {
    let kind = detect_kind(bytes)?;
    let summary = match kind {
        FileKind::SeqLabel(_) => {
            let labels = SeqLabelDoc::from_slice(bytes)?.to_labels()?;
            let class_map = class_map_of(path).unwrap_or_default();
            Summary::Labels(labels::summarise(&labels, |id| class_map.get(&id).cloned()))
        }
        FileKind::InputManifest | FileKind::OutputManifest => {
            Summary::Manifest(manifest::summarise(bytes)?)
        }
        FileKind::SequenceFile => Summary::Sequence(setup::summarise_sequence(bytes)?),
        FileKind::LabelCategoryConfig => Summary::Config(setup::summarise_config(bytes)?),
        other => {
            return Err(vframe_io::IoError::Schema {
                position: vframe_io::Position::default(),
                path: vframe_core::JsonPath::root(),
                message: format!("{other} files are not summarised by this version of vframe"),
            });
        }
    };
    Ok((kind, summary))
}
