//! Frames already extracted: the `.jpg`, `.jpeg` and `.png` files of one folder, in UTF-8
//! byte order of their names (the order Ground Truth shows them in).

use std::path::{Path, PathBuf};

use super::{DecodedFrame, FrameSource, SourceInfo};
use crate::ExtractError;
use crate::picture::{Picture, Rgb8};

/// A folder of frame images.
pub struct ImageFolderSource {
    info: SourceInfo,
    files: Vec<PathBuf>,
    wanted: Vec<u64>,
    next: usize,
}

impl ImageFolderSource {
    /// Lists the images in `folder` (not its subfolders; hidden files skipped).
    pub fn open(folder: &Path) -> Result<Self, ExtractError> {
        let mut files = Vec::new();
        for entry in std::fs::read_dir(folder).map_err(ExtractError::file(folder))? {
            let path = entry.map_err(ExtractError::file(folder))?.path();
            let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
                continue;
            };
            let ext = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
            if !name.starts_with('.')
                && path.is_file()
                && matches!(ext.as_deref(), Some("jpg" | "jpeg" | "png"))
            {
                files.push(path);
            }
        }
        if files.is_empty() {
            return Err(ExtractError::NotAVideo {
                path: folder.to_path_buf(),
                reason: "the folder holds no .jpg, .jpeg or .png file".to_owned(),
            });
        }
        files.sort_by(|a, b| {
            a.as_os_str()
                .as_encoded_bytes()
                .cmp(b.as_os_str().as_encoded_bytes())
        });
        let frame_count = files.len() as u64;
        Ok(Self {
            info: SourceInfo {
                path: folder.to_path_buf(),
                time_base: None,
                pts: Vec::new(),
                frame_count,
                rotation: 0,
                backend: "images",
            },
            wanted: (0..frame_count).collect(),
            files,
            next: 0,
        })
    }
}

impl FrameSource for ImageFolderSource {
    fn info(&self) -> &SourceInfo {
        &self.info
    }

    fn set_wanted(&mut self, wanted: &[u64]) {
        self.wanted = wanted.to_vec();
        self.next = 0;
    }

    fn next_frame(&mut self) -> Result<Option<DecodedFrame>, ExtractError> {
        let Some(&index) = self.wanted.get(self.next) else {
            return Ok(None);
        };
        self.next += 1;
        let Some(path) = self.files.get(index as usize) else {
            return Ok(None);
        };
        let image = image::open(path).map_err(|e| ExtractError::Corrupt {
            path: path.clone(),
            last_good_frame: index.checked_sub(1),
            reason: format!("not a readable image: {e}"),
        })?;
        let rgb = image.into_rgb8();
        Ok(Some(DecodedFrame {
            index,
            sample: None,
            picture: Picture::Rgb8(Rgb8 {
                width: rgb.width(),
                height: rgb.height(),
                data: rgb.into_raw(),
            }),
        }))
    }
}
