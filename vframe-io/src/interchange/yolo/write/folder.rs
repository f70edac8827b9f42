//! Putting label files into `labels/<subset>` so that none is ever seen half-written.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use crate::IoError;

fn file_error(path: &Path) -> impl FnOnce(std::io::Error) -> IoError {
    let path = path.to_path_buf();
    move |source| IoError::File { path, source }
}

/// Where label files go.
pub(super) enum Destination {
    /// A new (missing or empty) folder: files go into a hidden sibling, renamed into place
    /// when all are written.
    Staging { staging: PathBuf, dir: PathBuf },
    /// A folder that holds files: each file is written under a temporary name and renamed
    /// over its destination.
    Existing(PathBuf),
}

impl Destination {
    /// Chooses how to write into `dir` and prepares the staging folder if it is new.
    pub(super) fn prepare(dir: &Path) -> Result<Self, IoError> {
        if !folder_is_new(dir).map_err(file_error(dir))? {
            return Ok(Self::Existing(dir.to_path_buf()));
        }
        let (Some(parent), Some(base)) = (dir.parent(), dir.file_name()) else {
            return Err(IoError::File {
                path: dir.to_path_buf(),
                source: std::io::Error::new(
                    std::io::ErrorKind::InvalidInput,
                    "the labels folder needs a parent folder and a name",
                ),
            });
        };
        let mut staging_name = OsString::from(".");
        staging_name.push(base);
        staging_name.push(".vframe-tmp");
        let staging = parent.join(staging_name);
        // A staging folder can only be left over from an interrupted run of ours.
        if staging.exists() {
            std::fs::remove_dir_all(&staging).map_err(file_error(&staging))?;
        }
        std::fs::create_dir_all(&staging).map_err(file_error(&staging))?;
        Ok(Self::Staging {
            staging,
            dir: dir.to_path_buf(),
        })
    }

    /// Writes the label file `name`.
    pub(super) fn write(&self, name: &str, bytes: &[u8]) -> Result<(), IoError> {
        match self {
            Self::Staging { staging, .. } => {
                let path = staging.join(name);
                std::fs::write(&path, bytes).map_err(file_error(&path))
            }
            Self::Existing(dir) => replace_file(&dir.join(name), bytes),
        }
    }

    /// Makes the written files appear: renames the staging folder into place. When
    /// `written` is an error, or placing fails, the staging folder is removed and the error
    /// returned.
    pub(super) fn finish<T>(self, written: Result<T, IoError>) -> Result<T, IoError> {
        let Self::Staging { staging, dir } = self else {
            return written;
        };
        let placed = written.and_then(|value| {
            if dir.exists() {
                // Empty, as checked; if a file arrived meanwhile this fails and nothing moves.
                std::fs::remove_dir(&dir).map_err(file_error(&dir))?;
            }
            std::fs::rename(&staging, &dir).map_err(file_error(&dir))?;
            Ok(value)
        });
        if placed.is_err() {
            let _ = std::fs::remove_dir_all(&staging);
        }
        placed
    }
}

/// Whether `dir` is missing or an empty folder.
fn folder_is_new(dir: &Path) -> std::io::Result<bool> {
    match std::fs::read_dir(dir) {
        Ok(mut entries) => Ok(entries.next().is_none()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(true),
        Err(e) => Err(e),
    }
}

/// Writes `bytes` to a temporary sibling of `path`, then renames it over `path`.
fn replace_file(path: &Path, bytes: &[u8]) -> Result<(), IoError> {
    let mut temporary = path.as_os_str().to_owned();
    temporary.push(".vframe-tmp");
    let temporary = PathBuf::from(temporary);
    std::fs::write(&temporary, bytes).map_err(file_error(&temporary))?;
    std::fs::rename(&temporary, path).map_err(|source| {
        let _ = std::fs::remove_file(&temporary);
        IoError::File {
            path: path.to_path_buf(),
            source,
        }
    })
}
