//! serde_json errors turned into located [`IoError`]s.

use serde::de::IgnoredAny;
use serde_json::error::Category;
use vframe_core::JsonPath;

use super::locate;
use crate::{IoError, Position};

/// Turns a serde_json error met while reading `bytes` into an [`IoError`].
///
/// Syntax and end-of-input errors become [`IoError::Syntax`] at serde_json's line and
/// column. Shape errors become [`IoError::Schema`] at `path` (the value at fault, as the
/// reader tracked it), positioned where that value starts; but when the input also holds a
/// syntax error further on, that one is reported instead, because invalid JSON is the
/// first thing a user must fix.
pub fn map_json_error(error: serde_json::Error, bytes: &[u8], path: JsonPath) -> IoError {
    match error.classify() {
        Category::Syntax | Category::Eof => syntax(&error),
        Category::Io => IoError::Stream {
            position: Position::at(error.line(), error.column()),
            source: error.into(),
        },
        Category::Data => {
            if let Err(e) = serde_json::from_slice::<IgnoredAny>(bytes)
                && matches!(e.classify(), Category::Syntax | Category::Eof)
            {
                return syntax(&e);
            }
            let position = match locate(bytes, &path) {
                Some((line, column)) => Position::at(line, column),
                None => Position::at(error.line(), error.column()),
            };
            IoError::Schema {
                position,
                path,
                message: bare_message(&error),
            }
        }
    }
}

fn syntax(error: &serde_json::Error) -> IoError {
    IoError::Syntax {
        position: Position::at(error.line(), error.column()),
        message: bare_message(error),
    }
}

/// serde_json's message without its ` at line L column C` suffix (the position is kept
/// separately).
fn bare_message(error: &serde_json::Error) -> String {
    let text = error.to_string();
    let suffix = format!(" at line {} column {}", error.line(), error.column());
    match text.strip_suffix(&suffix) {
        Some(bare) => bare.to_owned(),
        None => text,
    }
}
