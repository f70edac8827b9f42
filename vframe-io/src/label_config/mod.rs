//! Label category configuration files (`LabelCategoryConfigS3Uri`).
//!
//! [`LabelConfigDoc`] mirrors the file (camelCase keys, unknown keys kept in order);
//! [`LabelConfigDoc::to_config`] gives the [`vframe_core::LabelCategoryConfig`] with every
//! problem at its JSON path, [`LabelConfigDoc::check`] adds Ground Truth's quotas, and
//! [`LabelConfigDoc::from_config`] writes a model back in the docs' key order.

mod conversion;
mod document;

use std::path::Path;

pub use document::{AttributeDoc, InstructionsDoc, LabelConfigDoc, LabelDoc};

use crate::{IoError, write_atomically};

/// Reads a label category configuration file; errors name the file.
pub fn read_label_config_file(path: &Path) -> Result<LabelConfigDoc, IoError> {
    let bytes = std::fs::read(path).map_err(|source| IoError::File {
        path: path.to_path_buf(),
        source,
    })?;
    LabelConfigDoc::from_slice(&bytes).map_err(|e| e.in_file(path))
}

/// Writes a label category configuration file atomically (compact, no final line break).
pub fn write_label_config_file(path: &Path, doc: &LabelConfigDoc) -> Result<(), IoError> {
    write_atomically(path, |w| Ok(doc.write_to(w)?))
}
