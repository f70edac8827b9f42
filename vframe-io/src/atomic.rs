//! Writing a file so that it appears whole or not at all.
//!
//! The bytes go to a temporary file in the destination's own folder (so the final rename
//! never crosses file systems), are flushed and synced, and only then renamed over the
//! destination. While a large output is still being produced, a helper thread pushes what is
//! written so far to disk every 20 ms, so the final sync does not wait for all of it. A crash, a full disk or an error in the producer leaves the user's existing
//! file untouched and no temporary file behind.

use std::fs::{self, File};
use std::io::BufWriter;
use std::path::{Path, PathBuf};

use crate::IoError;

/// Writes `path` atomically with what `produce` writes into the given buffered writer.
///
/// ```
/// let dir = tempfile::tempdir()?;
/// let path = dir.path().join("out.json");
/// vframe_io::write_atomically(&path, |w| { w.write_all(b"{}")?; Ok(()) })?;
/// assert_eq!(std::fs::read(&path)?, b"{}");
/// # use std::io::Write;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn write_atomically<F>(path: &Path, produce: F) -> Result<(), IoError>
where
    F: FnOnce(&mut BufWriter<File>) -> Result<(), IoError>,
{
    let file_err = |p: &Path| {
        let p = p.to_path_buf();
        move |source| IoError::File { path: p, source }
    };
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "output".to_owned());
    let (tmp_path, file) = create_temporary(&dir, &name).map_err(file_err(&dir))?;
    let guard = RemoveOnDrop(Some(tmp_path.clone()));
    let flusher = file.try_clone().ok();
    let (done, finished) = std::sync::mpsc::channel::<()>();
    let file = std::thread::scope(|scope| {
        // Large outputs: start writing to disk while the producer still formats, so the
        // final sync waits for the last stretch only (a 100 MB file's sync otherwise costs
        // as much as formatting it). Errors here surface in the final sync.
        if let Some(flusher) = flusher {
            scope.spawn(move || {
                while let Err(std::sync::mpsc::RecvTimeoutError::Timeout) =
                    finished.recv_timeout(FLUSH_EVERY)
                {
                    let _ = flusher.sync_data();
                }
            });
        }
        let mut writer = BufWriter::new(file);
        let produced = produce(&mut writer);
        let file = writer.into_inner();
        drop(done);
        produced?;
        file.map_err(|e| IoError::File {
            path: tmp_path.clone(),
            source: e.into_error(),
        })
    })?;
    file.sync_all().map_err(file_err(&tmp_path))?;
    drop(file);
    fs::rename(&tmp_path, path).map_err(file_err(path))?;
    guard.disarm();
    Ok(())
}

/// How often written data is pushed to disk while a producer runs; outputs written faster
/// than this are only synced once, at the end.
const FLUSH_EVERY: std::time::Duration = std::time::Duration::from_millis(20);

fn create_temporary(dir: &Path, name: &str) -> std::io::Result<(PathBuf, File)> {
    let pid = std::process::id();
    let mut attempt = 0u32;
    loop {
        let candidate = dir.join(format!(".{name}.{pid}.{attempt}.tmp"));
        match fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&candidate)
        {
            Ok(f) => return Ok((candidate, f)),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && attempt < 1000 => {
                attempt += 1;
            }
            Err(e) => return Err(e),
        }
    }
}

struct RemoveOnDrop(Option<PathBuf>);

impl RemoveOnDrop {
    fn disarm(mut self) {
        self.0 = None;
    }
}

impl Drop for RemoveOnDrop {
    fn drop(&mut self) {
        if let Some(p) = self.0.take() {
            let _ = fs::remove_file(p);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    /// What a producer that gives up returns.
    fn producer_failure() -> IoError {
        IoError::UnsafeFramePath {
            prefix: String::new(),
            frame: String::new(),
            reason: "test failure",
        }
    }

    #[test]
    fn failing_producer_keeps_the_old_file_and_leaves_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("labels.json");
        fs::write(&path, b"old").unwrap();
        let result = write_atomically(&path, |w| {
            w.write_all(b"half of the new")?;
            Err(producer_failure())
        });
        assert!(result.is_err());
        assert_eq!(fs::read(&path).unwrap(), b"old");
        let names: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 1);
    }

    #[test]
    fn slow_producer_is_flushed_while_writing_and_the_file_is_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.xml");
        fs::write(&path, b"old").unwrap();
        let chunk = vec![b'x'; 1 << 20];
        write_atomically(&path, |w| {
            for i in 0..6u8 {
                w.write_all(&chunk)?;
                w.write_all(&[i])?;
                // Longer than FLUSH_EVERY: the background flush runs between writes.
                std::thread::sleep(FLUSH_EVERY + std::time::Duration::from_millis(5));
            }
            Ok(())
        })
        .unwrap();
        let bytes = fs::read(&path).unwrap();
        assert_eq!(bytes.len(), 6 * ((1 << 20) + 1));
        assert_eq!(bytes[1 << 20], 0);
        assert_eq!(bytes[bytes.len() - 1], 5);
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn failing_slow_producer_still_keeps_the_old_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.xml");
        fs::write(&path, b"old").unwrap();
        let result = write_atomically(&path, |w| {
            w.write_all(&[b'y'; 1 << 16])?;
            std::thread::sleep(FLUSH_EVERY * 2);
            Err(producer_failure())
        });
        assert!(result.is_err());
        assert_eq!(fs::read(&path).unwrap(), b"old");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn missing_folder_is_an_error_naming_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("no/such/folder/x.json");
        let err = write_atomically(&path, |_| Ok(())).unwrap_err();
        assert!(err.to_string().contains("no/such/folder"), "{err}");
    }
}
