//! Streaming JSON Lines reader: one line in memory at a time.

use std::io::{BufRead, Read};
use std::path::Path;

use vframe_core::{JsonPath, Limits};

use super::{ManifestLine, ManifestProblem, quota};
use crate::members::Source;
use crate::{IoError, Position};

/// Longest line the reader holds in memory, in bytes, unless told otherwise: far above
/// Ground Truth's 100,000-character quota, low enough that a hostile file cannot exhaust
/// memory.
pub const DEFAULT_MAX_LINE_BYTES: usize = 16 * 1024 * 1024;

/// One record of a manifest with where it was and the quotas it breaks.
#[derive(Debug, Clone, PartialEq)]
pub struct ManifestRecord {
    /// The 1-based line number in the file.
    pub line_number: usize,
    /// The record.
    pub line: ManifestLine,
    /// Quotas and rules this record breaks (empty for a line Ground Truth accepts).
    pub problems: Vec<ManifestProblem>,
}

/// Reads a manifest (JSON Lines) record by record.
///
/// Lines end with `\n` or `\r\n`; blank lines at the end are tolerated, a blank line between
/// records is an error (Ground Truth wants one object per line). Every error carries the
/// line number and, for a syntax or shape error, the column.
///
/// ```
/// use vframe_io::manifest::ManifestReader;
/// let text = "{\"source-ref\":\"s3://b/a.json\"}\r\n{\"source-ref\":\"s3://b/b.json\"}\n\n";
/// let records: Vec<_> = ManifestReader::new(text.as_bytes()).collect::<Result<_, _>>()?;
/// assert_eq!(records.len(), 2);
/// assert_eq!(records[1].line_number, 2);
/// assert_eq!(records[1].line.source_ref(), "s3://b/b.json");
///
/// let err = ManifestReader::new("{\"source-ref\":\"a\"}\n{\"source-ref\" 1}\n".as_bytes())
///     .nth(1).unwrap().unwrap_err();
/// assert_eq!(err.to_string(), "<input>:2:15: invalid JSON: expected `:`");
/// # Ok::<(), vframe_io::IoError>(())
/// ```
pub struct ManifestReader<R> {
    reader: R,
    buf: Vec<u8>,
    line_number: usize,
    records: usize,
    blank_line: Option<usize>,
    limits: Limits,
    max_line_bytes: usize,
    done: bool,
}

impl<R: BufRead> ManifestReader<R> {
    /// A reader checking Ground Truth's quotas ([`Limits::default`]).
    pub fn new(reader: R) -> Self {
        Self {
            reader,
            buf: Vec::new(),
            line_number: 0,
            records: 0,
            blank_line: None,
            limits: Limits::default(),
            max_line_bytes: DEFAULT_MAX_LINE_BYTES,
            done: false,
        }
    }

    /// Checks these limits instead of Ground Truth's.
    pub fn with_limits(mut self, limits: Limits) -> Self {
        self.limits = limits;
        self
    }

    /// Refuses lines longer than `bytes` (a memory guard, not a Ground Truth quota).
    pub fn with_max_line_bytes(mut self, bytes: usize) -> Self {
        self.max_line_bytes = bytes;
        self
    }

    fn next_record(&mut self) -> Result<Option<ManifestRecord>, IoError> {
        loop {
            self.buf.clear();
            let cap = self.max_line_bytes.saturating_add(2) as u64;
            let n = (&mut self.reader)
                .take(cap)
                .read_until(b'\n', &mut self.buf)
                .map_err(|source| IoError::Stream {
                    position: Position {
                        line: Some(self.line_number + 1),
                        ..Position::default()
                    },
                    source,
                })?;
            if n == 0 {
                return Ok(None);
            }
            self.line_number += 1;
            let line = self.line_number;
            let mut bytes = self.buf.as_slice();
            let ended = bytes.last() == Some(&b'\n');
            if ended {
                bytes = &bytes[..bytes.len() - 1];
                if bytes.last() == Some(&b'\r') {
                    bytes = &bytes[..bytes.len() - 1];
                }
            }
            if bytes.len() > self.max_line_bytes || (!ended && n as u64 == cap) {
                return Err(IoError::Schema {
                    position: Position::at(line, 1),
                    path: JsonPath::root(),
                    message: format!(
                        "line is longer than {} bytes; refusing to hold it in memory",
                        self.max_line_bytes
                    ),
                });
            }
            let text = std::str::from_utf8(bytes).map_err(|e| IoError::Syntax {
                position: Position::at(line, e.valid_up_to() + 1),
                message: "not UTF-8 text".to_owned(),
            })?;
            if text.bytes().all(|b| matches!(b, b' ' | b'\t' | b'\r')) {
                self.blank_line.get_or_insert(line);
                continue;
            }
            if let Some(blank) = self.blank_line {
                return Err(IoError::Schema {
                    position: Position::at(blank, 1),
                    path: JsonPath::root(),
                    message:
                        "blank line between records; a manifest holds one JSON object per line"
                            .to_owned(),
                });
            }
            if text.starts_with('\u{feff}') {
                return Err(IoError::Syntax {
                    position: Position::at(line, 1),
                    message: "byte order mark at the start of the line; save the manifest as UTF-8 without BOM".to_owned(),
                });
            }
            let src = Source::new(text, line);
            let raw = src.root()?;
            let members = src.members(raw, &JsonPath::root())?;
            self.records += 1;
            let problems = quota::check_record(&src, text, &members, self.records, &self.limits);
            let record = ManifestLine::from_members(&src, raw, &members)?;
            return Ok(Some(ManifestRecord {
                line_number: line,
                line: record,
                problems,
            }));
        }
    }
}

impl<R: BufRead> Iterator for ManifestReader<R> {
    type Item = Result<ManifestRecord, IoError>;

    /// The next record; after an error the reader stops.
    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        match self.next_record() {
            Ok(Some(r)) => Some(Ok(r)),
            Ok(None) => {
                self.done = true;
                None
            }
            Err(e) => {
                self.done = true;
                Some(Err(e))
            }
        }
    }
}

/// Reads a whole manifest file; errors name the file.
pub fn read_manifest_file(path: &Path) -> Result<Vec<ManifestRecord>, IoError> {
    let file = std::fs::File::open(path).map_err(|source| IoError::File {
        path: path.to_path_buf(),
        source,
    })?;
    ManifestReader::new(std::io::BufReader::new(file))
        .map(|r| r.map_err(|e| e.in_file(path)))
        .collect()
}
