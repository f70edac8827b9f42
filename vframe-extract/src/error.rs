use std::path::PathBuf;

use thiserror::Error;

/// Everything that can go wrong turning videos or image folders into a dataset.
///
/// Every variant names the input file (or output file) and, where it applies, the last frame
/// that was decoded and written correctly, so a user knows how far a broken video got.
#[derive(Debug, Error)]
#[non_exhaustive]
pub enum ExtractError {
    /// Reading an input or writing an output failed at the operating-system level.
    #[error("{}: {source}", path.display())]
    File {
        /// The file or folder.
        path: PathBuf,
        /// The operating-system error.
        source: std::io::Error,
    },
    /// The input is not a container this backend reads (e.g. not an MP4 file at all).
    #[error("{}: not a video this backend reads: {reason}", path.display())]
    NotAVideo {
        /// The input.
        path: PathBuf,
        /// What was found instead.
        reason: String,
    },
    /// The video uses a codec, profile or container feature the default (pure-Rust) backend
    /// does not decode. Detected before any frame is written.
    #[error(
        "{}: {what} is not supported by the built-in H.264 decoder; rebuild with the `ffmpeg` \
         feature (`cargo install vframe-cli --features ffmpeg`) to decode it with FFmpeg",
        path.display()
    )]
    Unsupported {
        /// The input.
        path: PathBuf,
        /// The unsupported codec or feature.
        what: String,
    },
    /// The video's container or stream is broken part-way: truncated, or a frame that does
    /// not decode.
    #[error(
        "{}: {reason} (last good frame: {})",
        path.display(),
        last_good_frame.map_or_else(|| "none".to_owned(), |n| n.to_string())
    )]
    Corrupt {
        /// The input.
        path: PathBuf,
        /// The 0-based presentation index of the last frame delivered intact, if any.
        last_good_frame: Option<u64>,
        /// What is broken.
        reason: String,
    },
    /// The sampling request does not fit the video (an index past the end, a bad rate).
    #[error("{}: {reason}", path.display())]
    Sampling {
        /// The input.
        path: PathBuf,
        /// What is wrong with the request.
        reason: String,
    },
    /// Encoding a frame image failed.
    #[error("{}: encoding failed: {reason}", path.display())]
    Encode {
        /// The frame file being written.
        path: PathBuf,
        /// The encoder's message.
        reason: String,
    },
    /// An option is out of range (quality, thread count, frames per sequence).
    #[error("invalid option: {0}")]
    Option(String),
    /// Writing a sequence file, manifest or sidecar failed (boxed: `IoError` is large and
    /// errors travel through every hot `Result`).
    #[error(transparent)]
    Io(Box<vframe_io::IoError>),
    /// The progress callback asked to stop. Files already finished stay; no sequence file is
    /// written for the unfinished sequence.
    #[error("cancelled")]
    Cancelled,
}

impl ExtractError {
    pub(crate) fn file(path: impl Into<PathBuf>) -> impl FnOnce(std::io::Error) -> Self {
        let path = path.into();
        move |source| ExtractError::File { path, source }
    }
}

impl From<vframe_io::IoError> for ExtractError {
    fn from(e: vframe_io::IoError) -> Self {
        ExtractError::Io(Box::new(e))
    }
}
