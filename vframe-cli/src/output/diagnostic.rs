//! One problem found in one file, as `validate` prints it.

use std::fmt;

use serde::Serialize;
use vframe_core::{JsonPath, PathSegment};
use vframe_io::IoError;

/// One problem, located as precisely as the reader could: file, line and column (1-based,
/// columns in bytes) when known, and the JSON path of the value at fault.
///
/// Printed as `FILE:LINE:COLUMN: JSON_PATH: message`; the parts that are unknown are left
/// out together with their separator, so a line always starts with the file name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// The file, as the user named it.
    pub file: String,
    /// 1-based line, when known.
    pub line: Option<usize>,
    /// 1-based column in bytes, when known (only with a line).
    pub column: Option<usize>,
    /// The JSON path of the value at fault, e.g. `tracking-annotations[3].polygons[1].vertices`.
    pub path: Option<String>,
    /// A stable identifier of the rule broken, e.g. `syntax` or `attribute.value`.
    pub code: String,
    /// What was found and what was expected.
    pub message: String,
}

impl Diagnostic {
    /// A problem at `path` in `file`, located in `bytes` (the file's content) when the path
    /// is found there; the root path is left out of the printed line.
    pub fn at_path(
        file: &str,
        bytes: &[u8],
        path: &JsonPath,
        code: &str,
        message: impl Into<String>,
    ) -> Self {
        let (line, column) = match locate_nearest(bytes, path) {
            Some((line, column)) => (Some(line), Some(column)),
            None => (None, None),
        };
        Self {
            file: file.to_owned(),
            line,
            column,
            path: (!path.is_root()).then(|| path.to_string()),
            code: code.to_owned(),
            message: message.into(),
        }
    }

    /// The problem a reader reported for `file`, with its line and column filled in from
    /// `bytes` when the reader knew only the JSON path.
    pub fn from_io_error(file: &str, bytes: &[u8], error: IoError) -> Self {
        let error = vframe_io::json::locate_error(error, bytes);
        let (line, column) = error
            .position()
            .map_or((None, None), |p| (p.line, p.column));
        let (path, code, message) = match &error {
            IoError::Syntax { message, .. } => (None, "syntax", format!("invalid JSON: {message}")),
            IoError::XmlSyntax { message, .. } => {
                (None, "syntax", format!("invalid XML: {message}"))
            }
            IoError::Schema { path, message, .. } => (Some(path), "schema", message.clone()),
            IoError::Model { path, source, .. } => (Some(path), "model", source.to_string()),
            IoError::UnsafeFramePath { .. } => (None, "frame_path", error.to_string()),
            // Variants added later print whole; their position is in the text already.
            _ => {
                return Self {
                    file: file.to_owned(),
                    line: None,
                    column: None,
                    path: None,
                    code: "io".to_owned(),
                    message: error.to_string(),
                };
            }
        };
        Self {
            file: file.to_owned(),
            line,
            column: line.and(column),
            path: path.filter(|p| !p.is_root()).map(ToString::to_string),
            code: code.to_owned(),
            message,
        }
    }
}

/// Where the value at `path` starts, or else the nearest enclosing value that is in `bytes`
/// (a missing key is reported at the object that lacks it).
fn locate_nearest(bytes: &[u8], path: &JsonPath) -> Option<(usize, usize)> {
    let segments = path.segments();
    (0..=segments.len()).rev().find_map(|n| {
        let prefix = segments[..n].iter().fold(JsonPath::root(), |p, s| match s {
            PathSegment::Key(k) => p.key(k.clone()),
            PathSegment::Index(i) => p.index(*i),
        });
        vframe_io::json::locate(bytes, &prefix)
    })
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.file)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(column) = self.column {
                write!(f, ":{column}")?;
            }
        }
        if let Some(path) = &self.path {
            write!(f, ": {path}")?;
        }
        write!(f, ": {}", self.message)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn diagnostic() -> Diagnostic {
        Diagnostic {
            file: "SeqLabel.json".into(),
            line: None,
            column: None,
            path: None,
            code: "syntax".into(),
            message: "expected `,`".into(),
        }
    }

    #[test]
    fn unknown_position_and_path_leave_only_file_and_message() {
        assert_eq!(diagnostic().to_string(), "SeqLabel.json: expected `,`");
    }

    #[test]
    fn column_is_printed_only_after_a_line() {
        let d = Diagnostic {
            column: Some(7),
            ..diagnostic()
        };
        assert_eq!(d.to_string(), "SeqLabel.json: expected `,`");
    }

    #[test]
    fn full_location_prints_file_line_column_path_message() {
        let d = Diagnostic {
            line: Some(1),
            column: Some(42),
            path: Some("tracking-annotations[3].annotations[0].class-id".into()),
            ..diagnostic()
        };
        assert_eq!(
            d.to_string(),
            "SeqLabel.json:1:42: tracking-annotations[3].annotations[0].class-id: expected `,`"
        );
    }

    #[test]
    fn json_form_has_every_field_with_null_for_unknown() {
        let v = serde_json::to_value(diagnostic()).unwrap();
        assert_eq!(
            v,
            serde_json::json!({"file": "SeqLabel.json", "line": null, "column": null,
                "path": null, "code": "syntax", "message": "expected `,`"})
        );
    }
}
