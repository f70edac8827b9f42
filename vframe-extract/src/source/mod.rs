//! Where frames come from: a video through a decoder backend, or a folder of images.
//!
//! Every source knows, before decoding, how many frames it has and (for video) each frame's
//! presentation timestamp, so a sampler can decide on presentation time and the source can
//! skip decoding what nobody wants.

#[cfg(feature = "ffmpeg")]
mod ffmpeg;
mod h264;
mod image_folder;
mod mp4;
mod mp4_h264;
mod wanted;

use std::path::{Path, PathBuf};

use vframe_core::{Rational, Timestamp};

use crate::ExtractError;
use crate::picture::Picture;

#[cfg(feature = "ffmpeg")]
pub use ffmpeg::FfmpegSource;
pub use image_folder::ImageFolderSource;
pub use mp4_h264::Mp4H264Source;

/// Which decoder reads video files.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum Backend {
    /// FFmpeg when built with the `ffmpeg` feature, the built-in decoder otherwise.
    #[default]
    Auto,
    /// MP4 + H.264 in pure Rust; no system library.
    Builtin,
    /// FFmpeg through `ffmpeg-next` (feature `ffmpeg`): every container and codec it knows.
    #[cfg(feature = "ffmpeg")]
    Ffmpeg,
}

/// What a source knows before decoding.
#[derive(Debug, Clone, PartialEq)]
pub struct SourceInfo {
    /// The input file or folder.
    pub path: PathBuf,
    /// Seconds per tick of `pts`; `None` for image folders, which have no time.
    pub time_base: Option<Rational>,
    /// Presentation timestamp (ticks) of every frame, in presentation order; empty when
    /// `time_base` is `None`.
    pub pts: Vec<i64>,
    /// Number of frames.
    pub frame_count: u64,
    /// Clockwise rotation applied to every frame for display (0, 90, 180, 270).
    pub rotation: u16,
    /// Which decoder reads it (`"builtin-h264"`, `"ffmpeg"`, `"images"`).
    pub backend: &'static str,
}

impl SourceInfo {
    /// Frame `index`'s timestamp, when the source has time.
    pub fn timestamp(&self, index: u64) -> Option<Timestamp> {
        let time_base = self.time_base?;
        let ticks = *self.pts.get(usize::try_from(index).ok()?)?;
        Some(Timestamp { ticks, time_base })
    }
}

/// One decoded frame, leaving its source in presentation order.
#[derive(Debug, Clone, PartialEq)]
pub struct DecodedFrame {
    /// 0-based position in presentation order among all frames of the input (what
    /// `ffmpeg -vf select='eq(n,INDEX)'` calls `n`).
    pub index: u64,
    /// 0-based position of its coded sample in decode (file) order, for video.
    pub sample: Option<u64>,
    /// The picture, before rotation.
    pub picture: Picture,
}

/// A source of frames: opened, told which frames are wanted, then read in order.
pub trait FrameSource {
    /// What is known before decoding.
    fn info(&self) -> &SourceInfo;

    /// Restricts decoding to these presentation indices (sorted, unique). Called once, before
    /// the first [`FrameSource::next_frame`]; without it every frame is delivered.
    fn set_wanted(&mut self, wanted: &[u64]);

    /// The next wanted frame, or `None` at the end.
    fn next_frame(&mut self) -> Result<Option<DecodedFrame>, ExtractError>;
}

/// Opens a video file with `backend`, or a folder of images.
///
/// ```no_run
/// use vframe_extract::source::{Backend, open_source};
/// let source = open_source("clip.mp4".as_ref(), Backend::Auto)?;
/// println!("{} frames", source.info().frame_count);
/// # Ok::<(), vframe_extract::ExtractError>(())
/// ```
pub fn open_source(path: &Path, backend: Backend) -> Result<Box<dyn FrameSource>, ExtractError> {
    if path.is_dir() {
        return Ok(Box::new(ImageFolderSource::open(path)?));
    }
    match backend {
        #[cfg(feature = "ffmpeg")]
        Backend::Auto | Backend::Ffmpeg => Ok(Box::new(FfmpegSource::open(path)?)),
        #[cfg(not(feature = "ffmpeg"))]
        Backend::Auto => Ok(Box::new(Mp4H264Source::open(path)?)),
        Backend::Builtin => Ok(Box::new(Mp4H264Source::open(path)?)),
    }
}
