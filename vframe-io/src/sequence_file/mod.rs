//! Sequence files: the frames of one video, one JSON object per file.
//!
//! [`SequenceFileDoc`] mirrors the file; [`SequenceFileDoc::to_sequence`] gives the
//! [`vframe_core::Sequence`] workers see (frames in file-name order, 0-based indices) with
//! every problem Ground Truth would have; [`SequenceFileDoc::from_sequence`] goes back.

mod conversion;
mod document;

use std::path::Path;

pub(crate) use document::position_of_byte;
pub use document::{FrameNo, JsonNumber, SequenceFileDoc, SequenceFrameDoc};

use crate::{IoError, write_atomically};

/// Reads a sequence file; errors name the file.
pub fn read_sequence_file(path: &Path) -> Result<SequenceFileDoc, IoError> {
    let bytes = std::fs::read(path).map_err(|source| IoError::File {
        path: path.to_path_buf(),
        source,
    })?;
    SequenceFileDoc::from_slice(&bytes).map_err(|e| e.in_file(path))
}

/// Writes a sequence file atomically, compact, without a final line break.
pub fn write_sequence_file(path: &Path, doc: &SequenceFileDoc) -> Result<(), IoError> {
    write_atomically(path, |w| Ok(doc.write_to(w)?))
}
