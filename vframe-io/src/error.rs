use std::fmt;
use std::path::PathBuf;

use thiserror::Error;
use vframe_core::{CoreError, JsonPath};

/// Where in an input something went wrong: file, line and column (1-based) when known.
///
/// Readers of `Read` values have no file name; the path helpers fill it in.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Position {
    /// The file, when reading from a path.
    pub file: Option<PathBuf>,
    /// 1-based line (for JSON Lines: the line of the record).
    pub line: Option<usize>,
    /// 1-based column, in bytes.
    pub column: Option<usize>,
}

impl Position {
    /// A position on a line and column.
    pub fn at(line: usize, column: usize) -> Self {
        Self {
            file: None,
            line: Some(line),
            column: Some(column),
        }
    }

    /// The same position in `file`.
    pub fn in_file(mut self, file: impl Into<PathBuf>) -> Self {
        self.file = Some(file.into());
        self
    }
}

impl fmt::Display for Position {
    /// `FILE:LINE:COLUMN`, leaving out what is unknown (`<input>` for a nameless input).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.file {
            Some(p) => write!(f, "{}", p.display())?,
            None => f.write_str("<input>")?,
        }
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(column) = self.column {
                write!(f, ":{column}")?;
            }
        }
        Ok(())
    }
}

/// Everything that can go wrong reading or writing Ground Truth files.
///
/// Every variant says where (file, line, column and JSON path when known) and what was
/// expected. Messages print as `FILE:LINE:COLUMN: JSON_PATH: message`.
#[derive(Debug, Error)]
#[non_exhaustive]
pub enum IoError {
    /// Not valid JSON (or JSON Lines) text.
    #[error("{position}: invalid JSON: {message}")]
    Syntax {
        /// Where the first syntax error is.
        position: Position,
        /// What the parser expected.
        message: String,
    },
    /// Not well-formed XML (CVAT files).
    #[error("{position}: invalid XML: {message}")]
    XmlSyntax {
        /// Where the XML reader stopped.
        position: Position,
        /// What the XML reader found wrong.
        message: String,
    },
    /// Valid JSON that does not have the shape of the file kind: a missing key, a wrong type,
    /// a duplicate key.
    #[error("{position}: {path}: {message}")]
    Schema {
        /// Where (line of the record for JSON Lines).
        position: Position,
        /// The value at fault.
        path: JsonPath,
        /// What was found and what was expected.
        message: String,
    },
    /// The file's content breaks a rule of the labeling model (e.g. one object id with two
    /// class ids).
    #[error("{position}: {path}: {source}")]
    Model {
        /// Where.
        position: Position,
        /// The value at fault.
        path: JsonPath,
        /// The broken rule (boxed: it is the largest payload, and every `Result` carries it).
        source: Box<CoreError>,
    },
    /// A frame file name that would leave the frames folder.
    #[error("frame {frame:?} under prefix {prefix:?}: {reason}")]
    UnsafeFramePath {
        /// The sequence's prefix.
        prefix: String,
        /// The frame file name.
        frame: String,
        /// Why it is refused.
        reason: &'static str,
    },
    /// A file of an interchange format (CVAT XML, MOT, COCO, YOLO) that breaks that format's
    /// rules, or a conversion that cannot be made (e.g. YOLO without a frame size).
    #[error("{position}: {format}: {message}")]
    Interchange {
        /// Where (line of the row or element when known).
        position: Position,
        /// The format, e.g. `CVAT for video 1.1`.
        format: &'static str,
        /// What was found and what was expected.
        message: String,
    },
    /// A conversion in strict mode would have lost information.
    #[error("strict conversion to {target} refused, it would lose:\n{report}")]
    Lossy {
        /// The target format.
        target: &'static str,
        /// The loss report, one line per kind of loss.
        report: String,
    },
    /// Reading or writing failed at the operating-system level.
    #[error("{}: {source}", path.display())]
    File {
        /// The file or folder.
        path: PathBuf,
        /// The operating-system error.
        source: std::io::Error,
    },
    /// Reading or writing a stream failed.
    #[error("{position}: {source}")]
    Stream {
        /// Where.
        position: Position,
        /// The error.
        source: std::io::Error,
    },
}

impl IoError {
    /// The position of the error, when it has one.
    pub fn position(&self) -> Option<&Position> {
        match self {
            IoError::Syntax { position, .. }
            | IoError::XmlSyntax { position, .. }
            | IoError::Schema { position, .. }
            | IoError::Model { position, .. }
            | IoError::Interchange { position, .. }
            | IoError::Stream { position, .. } => Some(position),
            _ => None,
        }
    }

    /// The same error, naming `file` as its source (used by the path helpers). A file named
    /// already (one inside a folder that was read) is more precise and stays.
    pub fn in_file(mut self, file: impl Into<PathBuf>) -> Self {
        let file = file.into();
        match &mut self {
            IoError::Syntax { position, .. }
            | IoError::XmlSyntax { position, .. }
            | IoError::Schema { position, .. }
            | IoError::Model { position, .. }
            | IoError::Interchange { position, .. }
            | IoError::Stream { position, .. } => {
                position.file.get_or_insert(file);
            }
            _ => {}
        }
        self
    }
}

impl From<std::io::Error> for IoError {
    /// An I/O error from a writer or reader that has no position of its own.
    fn from(source: std::io::Error) -> Self {
        IoError::Stream {
            position: Position::default(),
            source,
        }
    }
}

/// A schema error at `path`, positioned later (by the reader that knows the bytes).
pub(crate) fn schema(path: JsonPath, message: impl Into<String>) -> IoError {
    IoError::Schema {
        position: Position::default(),
        path,
        message: message.into(),
    }
}

/// A broken model rule at `path`, positioned later.
pub(crate) fn model(path: JsonPath, source: CoreError) -> IoError {
    IoError::Model {
        position: Position::default(),
        path,
        source: Box::new(source),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn naming_a_file_keeps_a_file_named_already() {
        let inner = IoError::Interchange {
            position: Position::at(2, 1).in_file("y/labels/train/000001.txt"),
            format: "YOLO",
            message: "field 3 is not a number".into(),
        };
        let err = inner.in_file("y").to_string();
        assert!(
            err.starts_with("y/labels/train/000001.txt:2:1: YOLO"),
            "{err}"
        );
        let unnamed = IoError::XmlSyntax {
            position: Position::at(4, 1),
            message: "tag not closed".into(),
        };
        assert_eq!(
            unnamed.in_file("a.xml").to_string(),
            "a.xml:4:1: invalid XML: tag not closed"
        );
    }
}
