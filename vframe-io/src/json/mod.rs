//! Low-level JSON helpers shared by every Ground Truth file kind.
//!
//! Ground Truth writes JSON with Python's `json.dumps(obj, separators=(",", ":"))`, so being
//! byte-exact means writing the way Python does, and pointing users at their mistakes means
//! knowing where a JSON path starts in the raw bytes. What is here:
//!
//! - [`locate`] / [`locate_offset`] / [`line_column`]: a small scanner that finds where the
//!   value at a [`JsonPath`](vframe_core::JsonPath) starts in raw bytes, so any problem
//!   (schema or model validation, found long after parsing) prints as
//!   `FILE:LINE:COLUMN: PATH: message`. [`locate_error`] fills the position of an
//!   [`IoError`](crate::IoError) that has a path but no line yet.
//! - [`JsonOut`]: a buffered compact writer in Ground Truth's style: `,` and `:` without
//!   spaces, strings escaped like Python (`ensure_ascii` on or off, [`NonAscii`]), numbers as
//!   Python prints them ([`write_number`], [`python_float`]), raw members copied verbatim.
//! - [`Member`]: an object member kept as raw JSON text (a shared `RawValue`), how
//!   documents keep unknown keys and attribute values without going through
//!   `serde_json::Value`; [`compact_raw`] / [`compact_text`] strip insignificant whitespace
//!   from such a value.
//! - [`map_json_error`]: serde_json errors to [`IoError::Syntax`](crate::IoError::Syntax) /
//!   [`IoError::Schema`](crate::IoError::Schema), reporting the first syntax error of the
//!   whole input even when a schema error was met earlier.

mod error;
mod locate;
mod member;
mod number;
pub(crate) mod write;

pub use error::map_json_error;
pub use locate::{line_column, locate, locate_error, locate_offset};
pub use member::{Member, compact_raw, compact_text};
pub use number::{number_from_f64, python_float, write_number};
pub use write::{JsonOut, NonAscii};
