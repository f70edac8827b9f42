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
mod error;

pub use atomic::write_atomically;
pub use error::{IoError, Position};
