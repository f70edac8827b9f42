//! The output folder, laid out like Ground Truth's automated data setup (`gt-spec.md` §5):
//!
//! ```text
//! OUT/
//!   dataset.manifest                      one line per sequence: {"source-ref": ".../clip.mp4-sequence.json"}
//!   clip.mp4/                             a folder named after the video, extension included
//!     frame_0000.jpeg ...                 zero-padded, so byte order = frame order (A1)
//!     clip.mp4-sequence.json              the sequence file
//!     clip.mp4-frames.json                the sidecar (video frame index and pts per image)
//!   long.mp4/part_0001/ ...               a video over the frames-per-sequence limit:
//!   long.mp4/part_0002/ ...               one sub-folder per sequence, same files inside
//! ```
//!
//! Ground Truth names its sequence files `<video>-sequence-<unix time>.json` and its manifest
//! `dataset-<date>T<time>.manifest`; vframe leaves the time out so that running twice gives the
//! same names and the same bytes.
//!
//! Every file appears atomically (written under a temporary name, then renamed). A sequence
//! file is written only after all its frames: its presence claims them. Before a sequence is
//! written again, its old sequence file is removed first, so an interrupted rerun never leaves
//! one claiming frames of another run.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

use crate::ExtractError;

/// The name of the manifest written in the output folder.
pub const MANIFEST_NAME: &str = "dataset.manifest";

/// Where one sequence goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SequenceLayout {
    /// The folder of its frames, sequence file and sidecar.
    pub(crate) folder: PathBuf,
    /// That folder relative to the output folder, `/`-separated, ending with `/`.
    pub(crate) relative: String,
    /// `clip.mp4` or `clip.mp4-part_0002`.
    pub(crate) stem: String,
}

impl SequenceLayout {
    pub(crate) fn new(out_dir: &Path, name: &str, part: Option<usize>) -> Self {
        match part {
            None => Self {
                folder: out_dir.join(name),
                relative: format!("{name}/"),
                stem: name.to_owned(),
            },
            Some(p) => {
                let part = format!("part_{p:04}");
                Self {
                    folder: out_dir.join(name).join(&part),
                    relative: format!("{name}/{part}/"),
                    stem: format!("{name}-{part}"),
                }
            }
        }
    }

    pub(crate) fn sequence_file_name(&self) -> String {
        format!("{}-sequence.json", self.stem)
    }

    pub(crate) fn sidecar_name(&self) -> String {
        format!("{}-frames.json", self.stem)
    }

    /// Creates the folder and removes the sequence file and sidecar of an earlier run.
    pub(crate) fn begin(&self) -> Result<(), ExtractError> {
        fs::create_dir_all(&self.folder).map_err(ExtractError::file(&self.folder))?;
        for name in [self.sequence_file_name(), self.sidecar_name()] {
            let path = self.folder.join(name);
            match fs::remove_file(&path) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(ExtractError::File { path, source: e }),
            }
        }
        Ok(())
    }

    /// Removes frame images of an earlier run that this run did not write (our own naming
    /// pattern only: `frame_<digits>.jpeg|png`), so the folder holds exactly the sequence.
    pub(crate) fn remove_stale_frames(
        &self,
        written: &HashSet<String>,
    ) -> Result<(), ExtractError> {
        let entries = fs::read_dir(&self.folder).map_err(ExtractError::file(&self.folder))?;
        for entry in entries {
            let entry = entry.map_err(ExtractError::file(&self.folder))?;
            let name = entry.file_name().to_string_lossy().into_owned();
            if is_frame_name(&name) && !written.contains(&name) {
                let path = entry.path();
                fs::remove_file(&path).map_err(ExtractError::file(path))?;
            }
        }
        Ok(())
    }
}

fn is_frame_name(name: &str) -> bool {
    let Some(rest) = name.strip_prefix("frame_") else {
        return false;
    };
    let Some((digits, ext)) = rest.split_once('.') else {
        return false;
    };
    !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit())
        && matches!(ext, "jpeg" | "png")
}

/// `frame_0007.jpeg`: zero-padded to at least 4 digits and to the width of the largest
/// number in the sequence, so UTF-8 byte order equals frame order.
pub(crate) fn frame_name(position: usize, count: usize, extension: &str) -> String {
    let width = count.saturating_sub(1).to_string().len().max(4);
    format!("frame_{position:0width$}.{extension}")
}

/// Writes `bytes` to `path` under a temporary name first, so a reader never sees half a
/// frame. Frames are not synced one by one (that would dominate the run); the sequence file
/// that claims them is.
pub(crate) fn write_frame(path: &Path, bytes: &[u8]) -> Result<(), ExtractError> {
    let name = path
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let tmp = path.with_file_name(format!(".{name}.tmp"));
    if let Err(source) = fs::write(&tmp, bytes) {
        let _ = fs::remove_file(&tmp);
        return Err(ExtractError::File { path: tmp, source });
    }
    fs::rename(&tmp, path).map_err(|source| {
        let _ = fs::remove_file(&tmp);
        ExtractError::File {
            path: path.to_path_buf(),
            source,
        }
    })
}

/// The `prefix` root: `--prefix` with a trailing `/`, or the output folder's absolute path.
pub(crate) fn prefix_root(prefix: Option<&str>, out_dir: &Path) -> String {
    let mut root = match prefix {
        Some(p) => p.to_owned(),
        None => out_dir.to_string_lossy().replace('\\', "/"),
    };
    if !root.ends_with('/') {
        root.push('/');
    }
    root
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn single_frame_sequence_still_pads_to_four_digits() {
        assert_eq!(frame_name(0, 1, "jpeg"), "frame_0000.jpeg");
    }

    #[test]
    fn frame_names_sort_bytewise_in_frame_order() {
        let names: Vec<_> = (0..12000).map(|i| frame_name(i, 12000, "png")).collect();
        let mut sorted = names.clone();
        sorted.sort();
        assert_eq!(names, sorted);
        assert_eq!(names[11999], "frame_11999.png");
    }

    #[test]
    fn split_sequences_live_in_part_folders() {
        let l = SequenceLayout::new(Path::new("/out"), "long.mp4", Some(2));
        assert_eq!(l.relative, "long.mp4/part_0002/");
        assert_eq!(l.sequence_file_name(), "long.mp4-part_0002-sequence.json");
        let l = SequenceLayout::new(Path::new("/out"), "clip.mp4", None);
        assert_eq!(l.relative, "clip.mp4/");
        assert_eq!(l.sidecar_name(), "clip.mp4-frames.json");
    }

    #[test]
    fn only_our_frame_pattern_counts_as_a_frame() {
        assert!(is_frame_name("frame_0001.jpeg"));
        assert!(!is_frame_name("frame_.jpeg"));
        assert!(!is_frame_name("frame_0001.jpg"));
        assert!(!is_frame_name("my_photo.png"));
    }

    #[test]
    fn prefix_gets_its_trailing_slash() {
        assert_eq!(prefix_root(Some("s3://b/p"), Path::new("/x")), "s3://b/p/");
        assert_eq!(prefix_root(None, Path::new("/x/out")), "/x/out/");
    }
}
