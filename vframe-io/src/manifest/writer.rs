//! JSON Lines writer in Ground Truth's style: one compact object per line, `\n` after each.

use std::io::Write;
use std::path::Path;

use super::ManifestLine;
use crate::{IoError, write_atomically};

/// Writes manifest lines to any writer.
///
/// ```
/// use vframe_io::manifest::{ManifestLine, ManifestWriter};
/// let mut w = ManifestWriter::new(Vec::new());
/// w.write_line(&ManifestLine::new("s3://b/seq1.json"))?;
/// assert_eq!(w.into_inner()?, b"{\"source-ref\":\"s3://b/seq1.json\"}\n");
/// # Ok::<(), vframe_io::IoError>(())
/// ```
pub struct ManifestWriter<W: Write> {
    out: W,
    lines: usize,
}

impl<W: Write> ManifestWriter<W> {
    /// A writer over `out`.
    pub fn new(out: W) -> Self {
        Self { out, lines: 0 }
    }

    /// Writes one line and its `\n`.
    pub fn write_line(&mut self, line: &ManifestLine) -> Result<(), IoError> {
        line.write_to(&mut self.out)?;
        self.out.write_all(b"\n")?;
        self.lines += 1;
        Ok(())
    }

    /// How many lines were written.
    pub fn lines_written(&self) -> usize {
        self.lines
    }

    /// Flushes and returns the writer.
    pub fn into_inner(mut self) -> Result<W, IoError> {
        self.out.flush()?;
        Ok(self.out)
    }
}

/// Writes a manifest file atomically: it appears whole or not at all.
pub fn write_manifest_file<'a>(
    path: &Path,
    lines: impl IntoIterator<Item = &'a ManifestLine>,
) -> Result<(), IoError> {
    write_atomically(path, |w| {
        let mut writer = ManifestWriter::new(w);
        for line in lines {
            writer.write_line(line)?;
        }
        writer.into_inner()?;
        Ok(())
    })
}
