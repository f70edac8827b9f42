//! `SeqLabel.json`: the consolidated labels of one sequence, byte-exact.
//!
//! Two layers, as for every file kind:
//!
//! - [`SeqLabelDoc`] mirrors the file: frame entries in file order, `frame-no` as string or
//!   integer, each object's key order ([`KeyOrder`]), unknown keys and attribute values as
//!   raw JSON text, integer vs float number forms. Reading and writing an unchanged Ground
//!   Truth file gives back its bytes.
//! - [`SeqLabelDoc::to_labels`] / [`SeqLabelDoc::from_labels`] convert to and from
//!   [`vframe_core::SequenceLabels`]; [`SourceMap`] leads model locations back to JSON
//!   paths, and [`json::locate`](crate::json::locate) paths to lines and columns.
//!
//! The format, and every ambiguity decided here, is described in `docs/format/seq-label.md`.
//!
//! ```
//! use vframe_io::seq_label::{read_seq_label, write_seq_label};
//! let text = br#"{"tracking-annotations":[{"annotations":[{"height":25,"width":27,"top":385,"left":145,"class-id":"0","label-category-attributes":{},"object-id":"589dbc60","object-name":"HEL:1"}],"frame-no":"0","frame":"frame_0238.jpeg"}]}"#;
//! let doc = read_seq_label(&text[..])?;
//! let labels = doc.to_labels()?;
//! assert_eq!(labels.objects().len(), 1);
//!
//! let mut out = Vec::new();
//! write_seq_label(&mut out, &doc)?;
//! assert_eq!(out, text);
//! # Ok::<(), vframe_io::IoError>(())
//! ```

mod document;
mod from_model;
mod key_order;
mod read;
mod source_map;
mod to_model;
mod write;

use std::io::{Read, Write};
use std::path::Path;

pub use document::{
    Annotation, FrameEntry, FrameNo, Geometry, ListKey, SeqLabelDoc, TaskKey, Vertex,
};
pub use from_model::{FrameNoStyle, FromLabelsOptions};
pub use key_order::KeyOrder;
pub use source_map::SourceMap;

use crate::{IoError, Position};

/// Reads a `SeqLabel.json` document from a reader (all of it: the file is one JSON value).
///
/// ```
/// let doc = vframe_io::read_seq_label(&br#"{"detection-annotations":[]}"#[..])?;
/// assert!(doc.frames.is_empty());
/// # Ok::<(), vframe_io::IoError>(())
/// ```
pub fn read_seq_label<R: Read>(mut reader: R) -> Result<SeqLabelDoc, IoError> {
    let mut bytes = Vec::new();
    reader
        .read_to_end(&mut bytes)
        .map_err(|source| IoError::Stream {
            position: Position::default(),
            source,
        })?;
    SeqLabelDoc::from_slice(&bytes)
}

/// Writes a document in Ground Truth's style: compact, the document's own key order and
/// number forms, no trailing newline.
///
/// ```
/// let doc = vframe_io::read_seq_label(&b"{ \"detection-annotations\" : [ ] }\n"[..])?;
/// let mut out = Vec::new();
/// vframe_io::write_seq_label(&mut out, &doc)?;
/// assert_eq!(out, br#"{"detection-annotations":[]}"#);
/// # Ok::<(), vframe_io::IoError>(())
/// ```
pub fn write_seq_label<W: Write>(writer: W, doc: &SeqLabelDoc) -> Result<(), IoError> {
    doc.write_to(writer)
}

/// Reads a `SeqLabel.json` file; errors name the file.
///
/// ```
/// let dir = tempfile::tempdir()?;
/// let path = dir.path().join("SeqLabel.json");
/// std::fs::write(&path, r#"{"tracking-annotations":[}"#)?;
/// let err = vframe_io::read_seq_label_file(&path).unwrap_err();
/// assert!(err.to_string().contains("SeqLabel.json:1:26"), "{err}");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn read_seq_label_file(path: impl AsRef<Path>) -> Result<SeqLabelDoc, IoError> {
    let path = path.as_ref();
    let bytes = std::fs::read(path).map_err(|source| IoError::File {
        path: path.to_path_buf(),
        source,
    })?;
    SeqLabelDoc::from_slice(&bytes).map_err(|e| e.in_file(path))
}

/// Writes a `SeqLabel.json` file atomically (a temporary file renamed over the target), so
/// an existing file is never left half-written.
///
/// ```
/// let dir = tempfile::tempdir()?;
/// let path = dir.path().join("SeqLabel.json");
/// let doc = vframe_io::read_seq_label(&br#"{"detection-annotations":[]}"#[..])?;
/// vframe_io::write_seq_label_file(&path, &doc)?;
/// assert_eq!(std::fs::read(&path)?, br#"{"detection-annotations":[]}"#);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn write_seq_label_file(path: impl AsRef<Path>, doc: &SeqLabelDoc) -> Result<(), IoError> {
    let path = path.as_ref();
    crate::write_atomically(path, |w| doc.write_to(w)).map_err(|e| e.in_file(path))
}
