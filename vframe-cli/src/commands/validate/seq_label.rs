//! Problems of a `SeqLabel.json`: its shape, the labeling model's rules and, with a
//! configuration, the labels against it.

use vframe_core::validate::{ClassResolution, validate_labels};
use vframe_core::{ClassMap, JsonPath, LabelCategoryConfig, Limits, Location, Problem};
use vframe_io::seq_label::SeqLabelDoc;

use crate::output::Diagnostic;

/// What labels are checked against besides the format: a configuration and, when known,
/// the class map of the file's output manifest line.
pub struct LabelChecks<'a> {
    /// The label category configuration.
    pub config: &'a LabelCategoryConfig,
    /// Class id -> label name; `None` means class-id N is the configuration's N-th label.
    pub class_map: Option<ClassMap>,
}

/// Every problem of the `SeqLabel.json` `bytes`, named `file` in the output.
pub fn check(
    file: &str,
    bytes: &[u8],
    checks: Option<LabelChecks<'_>>,
    limits: &Limits,
) -> Vec<Diagnostic> {
    let doc = match SeqLabelDoc::from_slice(bytes) {
        Ok(doc) => doc,
        Err(error) => return vec![Diagnostic::from_io_error(file, bytes, error)],
    };
    let (mut labels, map) = match doc.to_labels_with_source_map() {
        Ok(found) => found,
        Err(error) => return vec![Diagnostic::from_io_error(file, bytes, error)],
    };
    let problems: Vec<Problem> = match checks {
        Some(checks) => {
            if let Some(class_map) = checks.class_map {
                labels.set_class_map(class_map);
            }
            validate_labels(
                &labels,
                checks.config,
                ClassResolution::ClassMapOrPosition,
                limits,
            )
        }
        // Without a configuration only the quota that needs none is checked.
        None if labels.frames().len() > limits.max_frames_per_sequence => vec![Problem::sequence(
            "sequence.frame_count",
            format!(
                "{} frames, at most {} are allowed in one sequence",
                labels.frames().len(),
                limits.max_frames_per_sequence
            ),
        )],
        None => Vec::new(),
    };
    problems
        .into_iter()
        .map(|problem| {
            let path = match &problem.location {
                Location::Config(_) => JsonPath::root(),
                location => map.path_of(location).unwrap_or_default(),
            };
            Diagnostic::at_path(file, bytes, &path, problem.code, problem.message)
        })
        .collect()
}
