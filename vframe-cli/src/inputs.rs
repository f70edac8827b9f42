//! The FILE... arguments of a verb: files as given, folders expanded to the job files inside.

use std::path::{Path, PathBuf};

use crate::error::CliError;

/// File name endings of Ground Truth job files; inside a folder, other files (frame images,
/// notes) are skipped. Files named explicitly are always taken, whatever their name.
const JOB_FILE_ENDINGS: &[&str] = &[".json", ".manifest", ".jsonl"];

/// The files named by `paths`: each file as is, each folder replaced by the job files below
/// it (recursively, in byte order of their paths, so output is stable across machines).
pub fn expand(paths: &[PathBuf]) -> Result<Vec<PathBuf>, CliError> {
    let mut files = Vec::new();
    for path in paths {
        let meta = std::fs::metadata(path).map_err(|source| CliError::Read {
            path: path.clone(),
            source,
        })?;
        if meta.is_dir() {
            let mut found = Vec::new();
            walk(path, &mut found)?;
            if found.is_empty() {
                // Checking nothing and saying "all valid" would mislead.
                return Err(CliError::Usage(format!(
                    "{}: no job files (.json, .manifest, .jsonl) in this folder",
                    path.display()
                )));
            }
            found.sort_by(|a, b| {
                a.as_os_str()
                    .as_encoded_bytes()
                    .cmp(b.as_os_str().as_encoded_bytes())
            });
            files.extend(found);
        } else {
            files.push(path.clone());
        }
    }
    Ok(files)
}

fn walk(dir: &Path, found: &mut Vec<PathBuf>) -> Result<(), CliError> {
    let read_err = |source| CliError::Read {
        path: dir.to_path_buf(),
        source,
    };
    for entry in std::fs::read_dir(dir).map_err(read_err)? {
        let entry = entry.map_err(read_err)?;
        let path = entry.path();
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with('.') {
            continue;
        }
        let kind = entry.file_type().map_err(read_err)?;
        if kind.is_dir() {
            walk(&path, found)?;
        } else if JOB_FILE_ENDINGS.iter().any(|e| name.ends_with(e)) {
            found.push(path);
        }
    }
    Ok(())
}

/// Reads a whole file, with the path in the error.
pub fn read(path: &Path) -> Result<Vec<u8>, CliError> {
    std::fs::read(path).map_err(|source| CliError::Read {
        path: path.to_path_buf(),
        source,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_path_is_a_read_error_naming_it() {
        let err = expand(&[PathBuf::from("/no/such/vframe/file.json")]).unwrap_err();
        assert!(
            err.to_string().starts_with("/no/such/vframe/file.json: "),
            "{err}"
        );
    }

    #[test]
    fn folder_expands_to_job_files_in_byte_order_skipping_others() {
        let dir = tempfile::tempdir().unwrap();
        let sub = dir.path().join("output/0");
        std::fs::create_dir_all(&sub).unwrap();
        for name in ["b.manifest", "a.json", "frame.jpeg", ".hidden.json"] {
            std::fs::write(dir.path().join(name), "{}").unwrap();
        }
        std::fs::write(sub.join("SeqLabel.json"), "{}").unwrap();
        let files = expand(&[dir.path().to_path_buf()]).unwrap();
        let names: Vec<_> = files
            .iter()
            .map(|f| {
                f.strip_prefix(dir.path())
                    .unwrap()
                    .to_string_lossy()
                    .into_owned()
            })
            .collect();
        assert_eq!(names, ["a.json", "b.manifest", "output/0/SeqLabel.json"]);
    }

    #[test]
    fn a_folder_without_job_files_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("frame_0000.jpeg"), "").unwrap();
        let err = expand(&[dir.path().to_path_buf()]).unwrap_err();
        assert!(
            err.to_string()
                .ends_with("no job files (.json, .manifest, .jsonl) in this folder"),
            "{err}"
        );
    }

    #[test]
    fn a_file_named_explicitly_is_taken_whatever_its_name() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("labels.txt");
        std::fs::write(&f, "{}").unwrap();
        assert_eq!(expand(std::slice::from_ref(&f)).unwrap(), [f]);
    }
}
