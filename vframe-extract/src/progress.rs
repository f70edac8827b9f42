//! Progress reports and cancellation: the library prints nothing; a callback sees each step
//! and may stop the run.

use std::path::Path;

/// Where an extraction run is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress<'a> {
    /// The input being extracted.
    pub input: &'a Path,
    /// 1-based number of that input.
    pub input_number: usize,
    /// How many inputs the run has.
    pub input_count: usize,
    /// Frames of this input written so far.
    pub frames_done: u64,
    /// Frames of this input the sampler chose.
    pub frames_total: u64,
}

/// What the callback wants next.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Control {
    /// Keep going.
    #[default]
    Continue,
    /// Stop as soon as possible: frames already written stay, the unfinished sequence gets no
    /// sequence file, no manifest is written, and the run returns
    /// [`crate::ExtractError::Cancelled`].
    Cancel,
}
