//! The sidecar beside each sequence file: for every frame image, which video frame it is and
//! when it is shown, exactly, so labels map back to video time without a frame rate.
//!
//! `<name>-frames.json`, one compact JSON object:
//!
//! ```json
//! {"source":"clip.mp4","backend":"builtin-h264","time-base":"1/15360","rotation":0,
//!  "frames":[{"frame":"frame_0000.jpeg","frame-no":0,"video-frame":0,"sample":0,"pts":0}]}
//! ```
//!
//! `video-frame` is the 0-based presentation index in the whole video (FFmpeg's `n`),
//! `sample` the 0-based index of the coded sample in decode order, and `pts` ticks of
//! `time-base` seconds; the time in seconds is `pts * time-base` exactly. Image-folder
//! inputs have no `time-base`, `sample` or `pts`.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::ExtractError;

/// The frames of one sequence, mapped back to the source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct Sidecar {
    /// The input's file or folder name.
    pub source: String,
    /// The decoder that read it.
    pub backend: String,
    /// Seconds per pts tick, `"num/den"`; absent for image folders.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_base: Option<String>,
    /// Clockwise rotation applied for display.
    pub rotation: u16,
    /// One entry per frame image, in sequence order.
    pub frames: Vec<SidecarFrame>,
}

/// One frame image and where it came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct SidecarFrame {
    /// The image's file name (as in the sequence file).
    pub frame: String,
    /// Its `frame-no` in the sequence file (0-based position in the sequence).
    pub frame_no: u64,
    /// 0-based presentation index in the source.
    pub video_frame: u64,
    /// 0-based decode-order sample index, for video.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sample: Option<u64>,
    /// Presentation timestamp in `time-base` ticks, for video.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pts: Option<i64>,
}

/// Reads a sidecar file.
pub fn read_sidecar(path: &Path) -> Result<Sidecar, ExtractError> {
    let bytes = std::fs::read(path).map_err(ExtractError::file(path))?;
    serde_json::from_slice(&bytes).map_err(|e| {
        ExtractError::from(vframe_io::IoError::Syntax {
            position: vframe_io::Position::at(e.line(), e.column()).in_file(path),
            message: e.to_string(),
        })
    })
}

pub(crate) fn write_sidecar(path: &Path, sidecar: &Sidecar) -> Result<(), ExtractError> {
    let bytes = serde_json::to_vec(sidecar).map_err(|e| ExtractError::Encode {
        path: path.to_path_buf(),
        reason: e.to_string(),
    })?;
    vframe_io::write_atomically(path, |w| Ok(std::io::Write::write_all(w, &bytes)?))?;
    Ok(())
}
