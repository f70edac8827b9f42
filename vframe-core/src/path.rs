use std::fmt;

use serde::{Deserialize, Serialize};

/// One step into a JSON document: a key or an array index.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum PathSegment {
    /// An object key.
    Key(String),
    /// An array index, 0-based.
    Index(usize),
}

/// A place inside a JSON document, printed as `tracking-annotations[3].polygons[1].vertices`.
///
/// Problems carry one so a user can find the value in the file that caused them.
///
/// ```
/// use vframe_core::JsonPath;
/// let p = JsonPath::root().key("labels").index(2).key("label");
/// assert_eq!(p.to_string(), "labels[2].label");
/// assert_eq!(JsonPath::root().to_string(), "$");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub struct JsonPath(Vec<PathSegment>);

impl JsonPath {
    /// The whole document.
    pub fn root() -> Self {
        Self(Vec::new())
    }

    /// This path, one key deeper.
    pub fn key(mut self, key: impl Into<String>) -> Self {
        self.0.push(PathSegment::Key(key.into()));
        self
    }

    /// This path, one array index deeper.
    pub fn index(mut self, index: usize) -> Self {
        self.0.push(PathSegment::Index(index));
        self
    }

    /// This path followed by `other`.
    pub fn join(mut self, other: &JsonPath) -> Self {
        self.0.extend(other.0.iter().cloned());
        self
    }

    /// The steps from the root.
    pub fn segments(&self) -> &[PathSegment] {
        &self.0
    }

    /// Whether this is the whole document.
    pub fn is_root(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Display for JsonPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.is_empty() {
            return f.write_str("$");
        }
        for (i, seg) in self.0.iter().enumerate() {
            match seg {
                PathSegment::Key(k) if i == 0 => f.write_str(k)?,
                PathSegment::Key(k) => write!(f, ".{k}")?,
                PathSegment::Index(n) => write!(f, "[{n}]")?,
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn index_at_root_prints_without_a_dot() {
        assert_eq!(JsonPath::root().index(4).key("x").to_string(), "[4].x");
    }

    #[test]
    fn join_appends_segments() {
        let a = JsonPath::root().key("frames");
        let b = JsonPath::root().index(1).key("frame");
        assert_eq!(a.join(&b).to_string(), "frames[1].frame");
    }
}
