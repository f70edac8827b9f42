//! Ground Truth video frame job files (in progress).
#![forbid(unsafe_code)]
#![deny(missing_docs)]
