//! Where a sequence's frame images are: `prefix` + `frame`, as an S3 URI kept as data or
//! as a file in a local mirror folder.
//!
//! Frame names come from files a user did not necessarily write, so they are data, never
//! paths to trust: a name that could leave the folder it is resolved in (`..`, an absolute
//! path, a backslash, a drive letter, NUL, an empty name) is refused with the reason.

use std::path::{Path, PathBuf};

use crate::IoError;

/// Why `name` is not a safe relative file name, or `Ok` when it is.
///
/// Sub-folders (`cam1/frame_0001.jpg`) are allowed; every `/`-separated part must be a
/// plain name.
///
/// ```
/// use vframe_io::frames::check_frame_name;
/// assert!(check_frame_name("frame_0001.jpg").is_ok());
/// assert!(check_frame_name("cam1/frame_0001.jpg").is_ok());
/// assert!(check_frame_name("../secret.jpg").is_err());
/// assert!(check_frame_name("C:frame.jpg").is_err());
/// ```
pub fn check_frame_name(name: &str) -> Result<(), &'static str> {
    if name.is_empty() {
        return Err("the name is empty");
    }
    if name.contains('\0') {
        return Err("the name contains a NUL character");
    }
    if name.contains('\\') {
        return Err("the name contains a backslash, which is a folder separator on Windows");
    }
    if name.starts_with('/') {
        return Err("the name is an absolute path");
    }
    let mut chars = name.chars();
    if let (Some(c), Some(':')) = (chars.next(), chars.next())
        && c.is_ascii_alphabetic()
    {
        return Err("the name starts with a drive letter");
    }
    for part in name.split('/') {
        match part {
            "" => return Err("the name has an empty path component (\"//\" or a trailing \"/\")"),
            "." => return Err("the name has a \".\" component"),
            ".." => return Err("the name has a \"..\" component, which would leave the folder"),
            _ => {}
        }
    }
    Ok(())
}

/// `prefix` + `frame` as one location string; a `/` is added when the prefix lacks it
/// (the 2020 docs' example omitted it, ambiguity A15).
///
/// ```
/// use vframe_io::frames::frame_uri;
/// assert_eq!(frame_uri("s3://b/video1", "f1.jpg")?, "s3://b/video1/f1.jpg");
/// assert_eq!(frame_uri("s3://b/video1/", "f1.jpg")?, "s3://b/video1/f1.jpg");
/// # Ok::<(), vframe_io::IoError>(())
/// ```
pub fn frame_uri(prefix: &str, frame: &str) -> Result<String, IoError> {
    check_frame_name(frame).map_err(|reason| unsafe_path(prefix, frame, reason))?;
    if prefix.is_empty() || prefix.ends_with('/') {
        Ok(format!("{prefix}{frame}"))
    } else {
        Ok(format!("{prefix}/{frame}"))
    }
}

fn unsafe_path(prefix: &str, frame: &str, reason: &'static str) -> IoError {
    IoError::UnsafeFramePath {
        prefix: prefix.to_owned(),
        frame: frame.to_owned(),
        reason,
    }
}

/// A local folder holding a copy of everything below an S3 prefix
/// (e.g. `s3://bucket/videos/` -> `/data/videos/`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mirror {
    uri_prefix: String,
    folder: PathBuf,
}

impl Mirror {
    /// Everything below `uri_prefix` is found below `folder`. A missing trailing `/` on the
    /// prefix is added, so `s3://bucket/videos` never matches `s3://bucket/videos2/`.
    pub fn new(uri_prefix: impl Into<String>, folder: impl Into<PathBuf>) -> Self {
        let mut uri_prefix = uri_prefix.into();
        if !uri_prefix.ends_with('/') {
            uri_prefix.push('/');
        }
        Self {
            uri_prefix,
            folder: folder.into(),
        }
    }

    /// The S3 prefix mirrored.
    pub fn uri_prefix(&self) -> &str {
        &self.uri_prefix
    }

    /// The local folder.
    pub fn folder(&self) -> &Path {
        &self.folder
    }

    /// The local file for `uri`: `None` when the URI is not below this mirror's prefix, an
    /// error reason when the rest of the URI is not a safe relative name.
    pub fn map_uri(&self, uri: &str) -> Option<Result<PathBuf, &'static str>> {
        let rest = uri.strip_prefix(&self.uri_prefix)?;
        Some(check_frame_name(rest).map(|()| {
            let mut path = self.folder.clone();
            path.extend(rest.split('/'));
            path
        }))
    }
}

/// Where one frame image is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FrameLocation {
    /// A URI no mirror covers (normally `s3://...`), kept as data.
    Uri(String),
    /// A file in a local folder.
    Local(PathBuf),
}

/// Resolves a sequence's `prefix` + `frame` onto local mirrors, or keeps it as a URI.
///
/// ```
/// use std::path::PathBuf;
/// use vframe_io::frames::{FrameLocation, FrameResolver};
/// let r = FrameResolver::new().with_mirror("s3://bucket/videos/", "/data/videos");
/// assert_eq!(
///     r.resolve("s3://bucket/videos/clip1/", "f_0001.jpg")?,
///     FrameLocation::Local(PathBuf::from("/data/videos/clip1/f_0001.jpg"))
/// );
/// assert_eq!(
///     r.resolve("s3://other/clip/", "f_0001.jpg")?,
///     FrameLocation::Uri("s3://other/clip/f_0001.jpg".into())
/// );
/// assert!(r.resolve("s3://bucket/videos/clip1/", "../../etc/passwd").is_err());
/// # Ok::<(), vframe_io::IoError>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FrameResolver {
    mirrors: Vec<Mirror>,
}

impl FrameResolver {
    /// A resolver without mirrors: every frame of an `s3://` prefix stays a URI.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a mirror; the longest matching prefix wins.
    pub fn with_mirror(
        mut self,
        uri_prefix: impl Into<String>,
        folder: impl Into<PathBuf>,
    ) -> Self {
        self.mirrors.push(Mirror::new(uri_prefix, folder));
        self.mirrors
            .sort_by_key(|m| std::cmp::Reverse(m.uri_prefix.len()));
        self
    }

    /// Where `frame` of a sequence with `prefix` is.
    ///
    /// A prefix with a URI scheme (`s3://`) goes to the mirror covering it, or stays a URI;
    /// any other prefix is a local folder. The frame name must be a safe relative name in
    /// every case, and so must the part of the prefix below a mirror.
    pub fn resolve(&self, prefix: &str, frame: &str) -> Result<FrameLocation, IoError> {
        let uri = frame_uri(prefix, frame)?;
        for mirror in &self.mirrors {
            if let Some(mapped) = mirror.map_uri(&uri) {
                return mapped
                    .map(FrameLocation::Local)
                    .map_err(|_| {
                        unsafe_path(
                            prefix,
                            frame,
                            "the prefix's path below the mirrored S3 prefix is not a plain relative path",
                        )
                    });
            }
        }
        if prefix.contains("://") {
            Ok(FrameLocation::Uri(uri))
        } else {
            let mut path = PathBuf::from(prefix);
            path.extend(frame.split('/'));
            Ok(FrameLocation::Local(path))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_escaping_name_is_refused_with_its_reason() {
        for (name, reason_part) in [
            ("", "empty"),
            ("a\0.jpg", "NUL"),
            ("..\\x.jpg", "backslash"),
            ("/etc/passwd", "absolute"),
            ("C:x.jpg", "drive letter"),
            ("..", "\"..\""),
            ("a/../../b.jpg", "\"..\""),
            ("./a.jpg", "\".\""),
            ("a//b.jpg", "empty path component"),
            ("a/", "empty path component"),
        ] {
            let reason = check_frame_name(name).unwrap_err();
            assert!(reason.contains(reason_part), "{name:?}: {reason}");
        }
    }

    #[test]
    fn mirror_prefix_without_slash_does_not_match_a_sibling_folder() {
        let r = FrameResolver::new().with_mirror("s3://b/videos", "/data/videos");
        assert_eq!(
            r.resolve("s3://b/videos2/", "f.jpg").unwrap(),
            FrameLocation::Uri("s3://b/videos2/f.jpg".into())
        );
    }

    #[test]
    fn prefix_escaping_the_mirror_is_refused() {
        let r = FrameResolver::new().with_mirror("s3://b/videos/", "/data/videos");
        let err = r.resolve("s3://b/videos/../secret/", "f.jpg").unwrap_err();
        assert!(matches!(err, IoError::UnsafeFramePath { .. }), "{err}");
    }

    #[test]
    fn longest_mirror_wins() {
        let r = FrameResolver::new()
            .with_mirror("s3://b/", "/all")
            .with_mirror("s3://b/special/", "/fast");
        assert_eq!(
            r.resolve("s3://b/special/", "f.jpg").unwrap(),
            FrameLocation::Local(PathBuf::from("/fast/f.jpg"))
        );
    }

    #[test]
    fn local_prefix_joins_the_folder() {
        let r = FrameResolver::new();
        assert_eq!(
            r.resolve("/data/clip/", "f.jpg").unwrap(),
            FrameLocation::Local(PathBuf::from("/data/clip/f.jpg"))
        );
    }
}
