//! Ground Truth video frame job files, read and written byte-exact.
//!
//! Every file kind has two layers (see `docs/architecture.md`):
//!
//! 1. a **document** that mirrors the file exactly (key order, unknown keys, `"0"` vs `0`,
//!    frame order), so reading and writing an unchanged Ground Truth file gives back the
//!    same bytes; and
//! 2. a conversion to and from the meaning in [`vframe_core`] (validated, canonical).
//!
//! Readers take `Read`/`BufRead`, writers take `Write`; path helpers are thin wrappers that
//! add the file name to errors and write atomically (temporary file, then rename).
#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod atomic;
pub mod detect;
mod error;
pub mod frames;
pub mod interchange;
pub mod job_output;
pub mod json;
pub mod label_config;
pub mod manifest;
mod members;
pub mod native;
pub mod seq_label;
pub mod sequence_file;

pub use atomic::write_atomically;
pub use error::{IoError, Position};
pub use members::RawJson;
pub use native::{
    NATIVE_VERSION, native_from_slice, read_native, read_native_file, write_native,
    write_native_file,
};
pub use seq_label::{
    SeqLabelDoc, read_seq_label, read_seq_label_file, write_seq_label, write_seq_label_file,
};

/// The repository README's Rust quick start, compiled and run as a doc test so it stays
/// true to the API.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
pub struct ReadmeQuickStart;
