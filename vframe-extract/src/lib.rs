//! Frames from video into a Ground Truth-ready dataset: frame images, sequence files, a
//! manifest, and a sidecar that maps every image back to its video frame and time.
//!
//! The pipeline is four small parts, one module each:
//!
//! - [`source`]: a video through a decoder backend, or a folder of images. The default
//!   backend needs no system library: MP4 demuxing and a pure-Rust H.264 decoder
//!   (`rusty_h264-decoder`), with pts from the container and frames in presentation order.
//!   Streams it cannot decode are refused before any frame is written, with an error that
//!   says to enable the `ffmpeg` feature, which decodes every container and codec FFmpeg
//!   knows.
//! - [`sample`]: which frames — all, every n-th, a target rate chosen on presentation time
//!   (right on variable-frame-rate video), or explicit indices or times.
//! - [`encode`]: JPEG (with quality) or PNG, in parallel on every core.
//! - [`sink`]: the folder layout of Ground Truth's automated data setup, written atomically
//!   and idempotently; videos longer than the limit are split into several sequences.
//!
//! [`render`] draws a sequence's labels onto its frames, for people who would rather look
//! at labels than read JSON.
//!
//! ```no_run
//! use vframe_extract::{Control, ExtractOptions, Sampling, extract};
//! let options = ExtractOptions { sampling: Sampling::Every(5), ..ExtractOptions::default() };
//! let run = extract(&["clip.mp4".into()], "out".as_ref(), &options, &mut |p| {
//!     eprintln!("{}/{} frames", p.frames_done, p.frames_total);
//!     Control::Continue
//! })?;
//! for seq in &run.sequences {
//!     println!("{} -> {}", seq.input.display(), seq.source_ref);
//! }
//! # Ok::<(), vframe_extract::ExtractError>(())
//! ```
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod encode;
mod error;
mod extract;
pub mod picture;
mod progress;
pub mod render;
pub mod sample;
pub mod sidecar;
pub mod sink;
pub mod source;

pub use encode::{DEFAULT_JPEG_QUALITY, ImageFormat};
pub use error::ExtractError;
pub use extract::{
    ExtractOptions, ExtractedSequence, Extraction, MAX_FRAMES_PER_SEQUENCE, extract,
};
pub use progress::{Control, Progress};
pub use sample::Sampling;
pub use source::Backend;
