//! Problems of an input or output manifest: syntax and shape per line, Ground Truth's quotas,
//! and the label metadata of output lines.

use vframe_core::{JsonPath, LabelCategoryConfig, Location};
use vframe_io::IoError;
use vframe_io::manifest::ManifestReader;

use crate::output::Diagnostic;

/// Every problem of the manifest `bytes`, named `file` in the output; with a configuration,
/// also every class-map entry naming a label the configuration does not have.
///
/// The streaming reader stops at a line it cannot read; checking goes on from the next line
/// so one bad line does not hide the others.
pub fn check(file: &str, bytes: &[u8], config: Option<&LabelCategoryConfig>) -> Vec<Diagnostic> {
    if let Some(d) = pretty_printed(file, bytes) {
        return vec![d];
    }
    let mut diagnostics = Vec::new();
    let mut start = 0usize;
    let mut lines_before = 0usize;
    while start < bytes.len() {
        let rest = &bytes[start..];
        let mut failed_at = None;
        for record in ManifestReader::new(rest) {
            match record {
                Ok(record) => {
                    let line = lines_before + record.line_number;
                    for problem in record.problems {
                        diagnostics.push(Diagnostic {
                            file: file.to_owned(),
                            line: Some(line),
                            column: problem.position.column,
                            path: (!problem.path.is_root()).then(|| problem.path.to_string()),
                            code: problem.code.to_owned(),
                            message: problem.message,
                        });
                    }
                    if let Some(config) = config {
                        let text = line_text(bytes, line);
                        diagnostics.extend(unknown_labels(file, text, line, &record.line, config));
                    }
                    if let Err(problems) = record.line.label_attributes_meaning() {
                        let text = line_text(bytes, line);
                        for problem in problems {
                            let path = match &problem.location {
                                Location::Config(path) => path.clone(),
                                _ => JsonPath::root(),
                            };
                            let mut d = Diagnostic::at_path(
                                file,
                                text,
                                &path,
                                problem.code,
                                problem.message,
                            );
                            d.line = Some(line);
                            d.column = d.column.or(Some(1));
                            diagnostics.push(d);
                        }
                    }
                }
                Err(error) => {
                    let line = error.position().and_then(|p| p.line);
                    let mut d = Diagnostic::from_io_error(file, &[], shift(error, lines_before));
                    if d.line.is_none() {
                        d.line = line.map(|l| l + lines_before);
                    }
                    diagnostics.push(d);
                    failed_at = line;
                    break;
                }
            }
        }
        match failed_at {
            // Go on after the line that failed.
            Some(line) => {
                let skip = line.max(1);
                match nth_line_end(rest, skip) {
                    Some(end) => {
                        start += end;
                        lines_before += skip;
                    }
                    None => break,
                }
            }
            None => break,
        }
    }
    diagnostics
}

/// Class-map entries of `record`'s label attributes whose label `config` does not have.
fn unknown_labels(
    file: &str,
    text: &[u8],
    line: usize,
    record: &vframe_io::manifest::ManifestLine,
    config: &LabelCategoryConfig,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for attribute in record.label_attributes() {
        for (id, label) in attribute.metadata.class_map.iter().flatten() {
            if config.label(label).is_some() {
                continue;
            }
            let path = JsonPath::root()
                .key(format!(
                    "{}{}",
                    attribute.name,
                    vframe_io::manifest::METADATA_SUFFIX
                ))
                .key("class-map")
                .key(id.clone());
            let mut d = Diagnostic::at_path(
                file,
                text,
                &path,
                "class_map.unknown_label",
                format!(
                    "class-map maps {id} to {label:?}, which is not a label of the configuration"
                ),
            );
            d.line = Some(line);
            out.push(d);
        }
    }
    out
}

/// One problem for a record written over several lines (as the docs print them): reading it
/// line by line would only report each line's fragment.
fn pretty_printed(file: &str, bytes: &[u8]) -> Option<Diagnostic> {
    let lines = bytes
        .split(|b| *b == b'\n')
        .filter(|l| l.iter().any(|b| !b.is_ascii_whitespace()))
        .count();
    if lines < 2 || serde_json::from_slice::<serde::de::IgnoredAny>(bytes).is_err() {
        return None;
    }
    Some(Diagnostic {
        file: file.to_owned(),
        line: Some(1),
        column: Some(1),
        path: None,
        code: "manifest.multiline_record".to_owned(),
        message: format!(
            "one JSON object written over {lines} lines; a manifest holds one compact JSON object per line"
        ),
    })
}

/// The error with its line moved down by `lines` (the lines before the part re-read).
fn shift(mut error: IoError, lines: usize) -> IoError {
    if let IoError::Syntax { position, .. }
    | IoError::Schema { position, .. }
    | IoError::Model { position, .. } = &mut error
    {
        position.line = position.line.map(|l| l + lines);
    }
    error
}

/// The offset just past the `n`-th line break of `bytes` (1-based `n`).
fn nth_line_end(bytes: &[u8], n: usize) -> Option<usize> {
    bytes
        .iter()
        .enumerate()
        .filter(|(_, b)| **b == b'\n')
        .nth(n - 1)
        .map(|(i, _)| i + 1)
}

/// The text of 1-based line `line`.
fn line_text(bytes: &[u8], line: usize) -> &[u8] {
    bytes.split(|b| *b == b'\n').nth(line - 1).unwrap_or(&[])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_manifest_has_no_problems() {
        assert!(check("m", b"", None).is_empty());
    }

    #[test]
    fn every_broken_line_is_reported_not_only_the_first() {
        let text = b"{\"source-ref\":\"s3://b/a.json\"}\n{\"source-ref\" 1}\n{\"source-ref\":\"s3://b/c.json\"}\n{oops}\n";
        let lines: Vec<_> = check("m", text, None)
            .iter()
            .map(|d| d.to_string())
            .collect();
        assert_eq!(lines.len(), 2, "{lines:?}");
        assert!(lines[0].starts_with("m:2:15: invalid JSON"), "{lines:?}");
        assert!(lines[1].starts_with("m:4:"), "{lines:?}");
    }

    #[test]
    fn a_record_over_several_lines_is_one_problem() {
        let d = check("m", b"{\n  \"source-ref\": \"s3://b/a.json\"\n}\n", None);
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].code, "manifest.multiline_record");
        assert_eq!(
            d[0].to_string(),
            "m:1:1: one JSON object written over 3 lines; a manifest holds one compact JSON object per line"
        );
    }

    #[test]
    fn bad_label_metadata_is_located_on_its_line() {
        let text = b"{\"source-ref\":\"s3://b/a.json\"}\n{\"source-ref\":\"s3://b/a.json\",\"x-ref\":\"s3://o/SeqLabel.json\",\"x-ref-metadata\":{\"job-name\":\"labeling-job/x\",\"human-annotated\":\"yes\",\"creation-date\":\"2021-09-29T05:50:35.566000\",\"type\":\"groundtruth/video-object-tracking\"}}\n";
        let d = check("m", text, None);
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].line, Some(2));
        assert_eq!(d[0].path.as_deref(), Some("x-ref-metadata.class-map"));
    }

    #[test]
    fn class_map_labels_missing_from_the_configuration_are_reported() {
        let text = b"{\"source-ref\":\"s3://b/a.json\",\"x-ref\":\"s3://o/SeqLabel.json\",\"x-ref-metadata\":{\"class-map\":{\"0\":\"car\",\"1\":\"truck\"},\"job-name\":\"labeling-job/x\",\"human-annotated\":\"yes\",\"creation-date\":\"2021-09-29T05:50:35.566000\",\"type\":\"groundtruth/video-object-tracking\"}}\n";
        let config = LabelCategoryConfig::new(vec![vframe_core::LabelCategory::new("car")]);
        assert!(check("m", text, None).is_empty());
        let d = check("m", text, Some(&config));
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(
            d[0].to_string(),
            "m:1:107: x-ref-metadata.class-map.1: class-map maps 1 to \"truck\", which is not a label of the configuration"
        );
    }
}
