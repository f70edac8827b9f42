//! Telling Ground Truth file kinds apart by their content, not their name.
//!
//! File names say little (`output (3).manifest`, `data.json`, `seq1.json`), so
//! `vframe validate FILE...` looks inside: the top-level keys of a JSON document, or of the
//! first record of a JSON Lines file, are distinctive for every kind.

use std::fmt;

use vframe_core::{JsonPath, TaskType};

use crate::members::{Kind, Source};
use crate::sequence_file::position_of_byte;
use crate::{IoError, Position};

/// The kind of a Ground Truth video frame job file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum FileKind {
    /// JSON Lines whose first record has `source-ref` and no label attribute.
    InputManifest,
    /// JSON Lines whose first record has a label attribute (`K` + an object `K-metadata`).
    OutputManifest,
    /// One object with `frames` and `prefix` (and `seq-no`, `number-of-frames`).
    SequenceFile,
    /// One object with `labels` and the video label file's keys.
    LabelCategoryConfig,
    /// One object with `tracking-annotations` or `detection-annotations`.
    SeqLabel(TaskType),
}

impl fmt::Display for FileKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            FileKind::InputManifest => "input manifest",
            FileKind::OutputManifest => "output manifest",
            FileKind::SequenceFile => "sequence file",
            FileKind::LabelCategoryConfig => "label category configuration",
            FileKind::SeqLabel(TaskType::Detection) => "SeqLabel.json (detection)",
            FileKind::SeqLabel(TaskType::Tracking) => "SeqLabel.json (tracking)",
        })
    }
}

const CONFIG_KEYS: [&str; 6] = [
    "documentVersion",
    "frameAttributes",
    "categoryGlobalAttributes",
    "annotationType",
    "instructions",
    "auditLabelAttributeName",
];

/// The kind of file these bytes are.
///
/// A document that is one JSON object is classified by its keys; a manifest record that is
/// pretty-printed over several lines (as in the docs' examples) is still a manifest, though
/// Ground Truth and [`crate::manifest::ManifestReader`] want it on one line. Text that is
/// neither one JSON value nor JSON Lines gives the syntax error of the first line that
/// fails; valid JSON of another kind gives an error saying which kinds were expected.
///
/// ```
/// use vframe_io::detect::{FileKind, detect_kind};
/// assert_eq!(detect_kind(br#"{"source-ref":"s3://b/s.json"}"#)?, FileKind::InputManifest);
/// assert_eq!(detect_kind(br#"{"seq-no":1,"prefix":"p/","number-of-frames":0,"frames":[]}"#)?, FileKind::SequenceFile);
/// assert!(detect_kind(br#"{"hello":"world"}"#).is_err());
/// # Ok::<(), vframe_io::IoError>(())
/// ```
pub fn detect_kind(bytes: &[u8]) -> Result<FileKind, IoError> {
    let text = std::str::from_utf8(bytes).map_err(|e| IoError::Syntax {
        position: position_of_byte(bytes, e.valid_up_to()),
        message: "not UTF-8 text".to_owned(),
    })?;
    let whole = Source::new(text, 1);
    match whole.root() {
        Ok(root) => classify(&whole, root),
        Err(whole_error) => {
            // Not one JSON value: maybe JSON Lines. Classify by the first non-blank line;
            // if that line is not JSON either, the whole-document error is the clearer one.
            let Some((index, line)) = text
                .split('\n')
                .enumerate()
                .find(|(_, l)| !l.trim().is_empty())
            else {
                return Err(whole_error);
            };
            let line = line.strip_suffix('\r').unwrap_or(line);
            let src = Source::new(line, index + 1);
            let Ok(root) = src.root() else {
                return Err(whole_error);
            };
            match classify(&src, root)? {
                kind @ (FileKind::InputManifest | FileKind::OutputManifest) => Ok(kind),
                _ => Err(whole_error),
            }
        }
    }
}

fn classify(src: &Source<'_>, root: &serde_json::value::RawValue) -> Result<FileKind, IoError> {
    let unknown = |position: Position, found: String| IoError::Schema {
        position,
        path: JsonPath::root(),
        message: format!(
            "{found}; not a Ground Truth video frame file (expected a manifest, a sequence file, a label category configuration or a SeqLabel.json)"
        ),
    };
    if Kind::of(root) != Kind::Object {
        return Err(unknown(
            src.position(root),
            format!("the document is {}", Kind::of(root).name()),
        ));
    }
    let members = src.members(root, &JsonPath::root())?;
    let has = |k: &str| members.iter().any(|(key, _)| key == k);
    if has("source-ref") {
        let labelled = members.iter().any(|(k, v)| {
            Kind::of(v) == Kind::Object && k.strip_suffix("-metadata").is_some_and(&has)
        });
        return Ok(if labelled {
            FileKind::OutputManifest
        } else {
            FileKind::InputManifest
        });
    }
    if has("tracking-annotations") {
        return Ok(FileKind::SeqLabel(TaskType::Tracking));
    }
    if has("detection-annotations") {
        return Ok(FileKind::SeqLabel(TaskType::Detection));
    }
    if has("frames") && has("prefix") {
        return Ok(FileKind::SequenceFile);
    }
    if has("labels") && (members.len() == 1 || CONFIG_KEYS.iter().any(|k| has(k))) {
        return Ok(FileKind::LabelCategoryConfig);
    }
    if has("labels") && has("document-version") {
        return Err(unknown(
            src.position(root),
            "a label file of the other built-in task types (\"document-version\"); video frame jobs use the label category configuration with \"documentVersion\"".to_owned(),
        ));
    }
    let keys: Vec<&str> = members.iter().take(5).map(|(k, _)| k.as_str()).collect();
    Err(unknown(
        src.position(root),
        format!("an object with keys {keys:?}"),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_input_is_a_syntax_error() {
        assert!(matches!(detect_kind(b""), Err(IoError::Syntax { .. })));
        assert!(matches!(detect_kind(b"\n\n"), Err(IoError::Syntax { .. })));
    }

    #[test]
    fn json_lines_are_classified_by_their_first_record() {
        let text = b"{\"source-ref\":\"a\",\"x-ref\":\"u\",\"x-ref-metadata\":{}}\r\n{\"source-ref\":\"b\"}\r\n";
        assert_eq!(detect_kind(text).unwrap(), FileKind::OutputManifest);
    }

    #[test]
    fn an_array_is_not_a_ground_truth_file() {
        let err = detect_kind(b"[1]").unwrap_err();
        assert!(
            err.to_string().contains("the document is an array"),
            "{err}"
        );
    }

    #[test]
    fn non_video_label_file_is_named() {
        let err = detect_kind(br#"{"document-version":"2018-11-28","labels":[{"label":"a"}]}"#)
            .unwrap_err();
        assert!(
            err.to_string().contains("other built-in task types"),
            "{err}"
        );
    }

    #[test]
    fn detection_and_tracking_seq_labels_differ() {
        assert_eq!(
            detect_kind(br#"{"detection-annotations":[]}"#).unwrap(),
            FileKind::SeqLabel(TaskType::Detection)
        );
        assert_eq!(
            detect_kind(br#"{"tracking-annotations":[]}"#).unwrap(),
            FileKind::SeqLabel(TaskType::Tracking)
        );
    }
}
