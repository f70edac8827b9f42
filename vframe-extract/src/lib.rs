//! Frames from video into a Ground Truth-ready dataset (work in progress: see issue 4).
#![forbid(unsafe_code)]
#![deny(missing_docs)]
