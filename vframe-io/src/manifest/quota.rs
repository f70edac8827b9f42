//! Ground Truth's manifest quotas, reported as problems rather than refused.
//!
//! A manifest over a quota is still a readable file (a user may split it, or never send it
//! to Ground Truth), so the reader hands back the record together with its problems.

use std::fmt;

use serde_json::value::RawValue;
use vframe_core::{JsonPath, Limits};

use crate::Position;
use crate::members::Source;

/// A manifest quota or rule broken on one line, with its line and column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ManifestProblem {
    /// Line (the record's) and column (of the value at fault).
    pub position: Position,
    /// The key at fault; `$` for the line as a whole.
    pub path: JsonPath,
    /// A stable identifier of the rule, e.g. `manifest.line_length`.
    pub code: &'static str,
    /// What was found and what was expected.
    pub message: String,
}

impl fmt::Display for ManifestProblem {
    /// `FILE:LINE:COLUMN: JSON_PATH: message`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}: {}", self.position, self.path, self.message)
    }
}

/// Checks one record's text against the limits; `record` is its 1-based position among the
/// records of the manifest (the 11th sequence breaks the 10-sequence quota).
pub(crate) fn check_record(
    src: &Source<'_>,
    line_text: &str,
    members: &[(String, &RawValue)],
    record: usize,
    limits: &Limits,
) -> Vec<ManifestProblem> {
    let mut out = Vec::new();
    let line_start = src.position_of_offset(0);
    let chars = line_text.chars().count();
    if chars > limits.max_manifest_line_chars {
        out.push(ManifestProblem {
            position: line_start.clone(),
            path: JsonPath::root(),
            code: "manifest.line_length",
            message: format!(
                "line has {chars} characters, at most {} are allowed",
                limits.max_manifest_line_chars
            ),
        });
    }
    if record > limits.max_sequences_per_manifest {
        out.push(ManifestProblem {
            position: line_start,
            path: JsonPath::root(),
            code: "manifest.sequence_count",
            message: format!(
                "sequence {record}: a video frame job takes at most {} sequences per input manifest; split the manifest",
                limits.max_sequences_per_manifest
            ),
        });
    }
    for (key, value) in members {
        let path = JsonPath::root().key(key.clone());
        if key.starts_with('$') {
            out.push(ManifestProblem {
                position: src.position(value),
                path: path.clone(),
                code: "manifest.dollar_key",
                message: format!(
                    "key {key:?} starts with \"$\"; Ground Truth refuses such keys in input manifests (it writes them itself in streaming jobs)"
                ),
            });
        }
        let n = value.get().chars().count();
        if n > limits.max_manifest_value_chars {
            out.push(ManifestProblem {
                position: src.position(value),
                path,
                code: "manifest.value_length",
                message: format!(
                    "value has {n} characters, at most {} are allowed for one attribute",
                    limits.max_manifest_value_chars
                ),
            });
        }
    }
    out
}
