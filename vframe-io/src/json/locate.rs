//! Finding where a JSON path's value starts in raw bytes.
//!
//! The scanner is deliberately tiny and forgiving: it walks only the objects and arrays on
//! the path, skips every other value without building it, never recurses (so hostile nesting
//! cannot overflow the stack) and returns `None` rather than panicking on anything it does
//! not understand.

use vframe_core::{JsonPath, PathSegment};

use crate::{IoError, Position};

/// The 1-based line and column (in bytes) where the value at `path` starts, or `None` when
/// the bytes have no such value (or are not JSON enough to tell).
///
/// Keys are matched after unescaping; with a duplicate key the first occurrence wins.
///
/// ```
/// use vframe_core::JsonPath;
/// let text = b"{\n  \"tracking-annotations\": [\n    {\"frame\": \"a.jpg\"}\n  ]\n}";
/// let path = JsonPath::root().key("tracking-annotations").index(0).key("frame");
/// assert_eq!(vframe_io::json::locate(text, &path), Some((3, 15)));
/// assert_eq!(vframe_io::json::locate(text, &JsonPath::root().key("nope")), None);
/// ```
pub fn locate(bytes: &[u8], path: &JsonPath) -> Option<(usize, usize)> {
    locate_offset(bytes, path).map(|offset| line_column(bytes, offset))
}

/// The byte offset where the value at `path` starts; see [`locate`].
pub fn locate_offset(bytes: &[u8], path: &JsonPath) -> Option<usize> {
    let mut pos = skip_ws(bytes, 0);
    for segment in path.segments() {
        pos = match segment {
            PathSegment::Key(key) => member_value(bytes, pos, key)?,
            PathSegment::Index(index) => element(bytes, pos, *index)?,
        };
    }
    (pos < bytes.len()).then_some(pos)
}

/// The 1-based line and 1-based byte column of `offset` (clamped to the input's length).
///
/// ```
/// assert_eq!(vframe_io::json::line_column(b"ab\ncd", 4), (2, 2));
/// ```
pub fn line_column(bytes: &[u8], offset: usize) -> (usize, usize) {
    let before = bytes.get(..offset).unwrap_or(bytes);
    let line = 1 + before.iter().filter(|&&b| b == b'\n').count();
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    (line, before.len() - line_start + 1)
}

/// The same error with its line and column filled in from `bytes`, when it is a schema or
/// model error that names a JSON path but no line yet.
///
/// When the path itself is not in the bytes (a missing key, say), the nearest enclosing
/// value that is gets the position.
pub fn locate_error(mut error: IoError, bytes: &[u8]) -> IoError {
    if let IoError::Schema { position, path, .. } | IoError::Model { position, path, .. } =
        &mut error
        && position.line.is_none()
    {
        let mut segments = path.segments().to_vec();
        loop {
            let prefix = segments
                .iter()
                .cloned()
                .fold(JsonPath::root(), |p, s| match s {
                    PathSegment::Key(k) => p.key(k),
                    PathSegment::Index(i) => p.index(i),
                });
            if let Some((line, column)) = locate(bytes, &prefix) {
                *position = Position {
                    file: position.file.take(),
                    line: Some(line),
                    column: Some(column),
                };
                break;
            }
            if segments.pop().is_none() {
                break;
            }
        }
    }
    error
}

fn skip_ws(bytes: &[u8], mut pos: usize) -> usize {
    while let Some(b' ' | b'\n' | b'\r' | b'\t') = bytes.get(pos) {
        pos += 1;
    }
    pos
}

/// Offset just after the string starting at `pos` (which holds the opening quote).
fn skip_string(bytes: &[u8], pos: usize) -> Option<usize> {
    let mut i = pos + 1;
    loop {
        match bytes.get(i)? {
            b'\\' => i += 2,
            b'"' => return Some(i + 1),
            _ => i += 1,
        }
    }
}

/// Offset just after the value starting at `pos`.
fn skip_value(bytes: &[u8], pos: usize) -> Option<usize> {
    match bytes.get(pos)? {
        b'"' => skip_string(bytes, pos),
        b'{' | b'[' => {
            let mut depth = 0usize;
            let mut i = pos;
            loop {
                match bytes.get(i)? {
                    b'"' => {
                        i = skip_string(bytes, i)?;
                        continue;
                    }
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' => {
                        depth = depth.checked_sub(1)?;
                        if depth == 0 {
                            return Some(i + 1);
                        }
                    }
                    _ => {}
                }
                i += 1;
            }
        }
        _ => {
            let mut i = pos;
            while let Some(b) = bytes.get(i) {
                if matches!(b, b',' | b'}' | b']' | b' ' | b'\n' | b'\r' | b'\t') {
                    break;
                }
                i += 1;
            }
            (i > pos).then_some(i)
        }
    }
}

fn key_matches(raw: &[u8], key: &str) -> bool {
    // raw includes both quotes
    let inner = raw.get(1..raw.len().saturating_sub(1)).unwrap_or_default();
    if !inner.contains(&b'\\') {
        return inner == key.as_bytes();
    }
    serde_json::from_slice::<String>(raw).is_ok_and(|k| k == key)
}

/// Offset of the value of member `key` of the object starting at `pos`.
fn member_value(bytes: &[u8], pos: usize, key: &str) -> Option<usize> {
    if bytes.get(pos) != Some(&b'{') {
        return None;
    }
    let mut pos = skip_ws(bytes, pos + 1);
    loop {
        if bytes.get(pos)? != &b'"' {
            return None;
        }
        let end = skip_string(bytes, pos)?;
        let matches = key_matches(bytes.get(pos..end)?, key);
        pos = skip_ws(bytes, end);
        if bytes.get(pos)? != &b':' {
            return None;
        }
        pos = skip_ws(bytes, pos + 1);
        if matches {
            return Some(pos);
        }
        pos = skip_ws(bytes, skip_value(bytes, pos)?);
        match bytes.get(pos)? {
            b',' => pos = skip_ws(bytes, pos + 1),
            _ => return None,
        }
    }
}

/// Offset of element `index` of the array starting at `pos`.
fn element(bytes: &[u8], pos: usize, index: usize) -> Option<usize> {
    if bytes.get(pos) != Some(&b'[') {
        return None;
    }
    let mut pos = skip_ws(bytes, pos + 1);
    if bytes.get(pos)? == &b']' {
        return None;
    }
    for _ in 0..index {
        pos = skip_ws(bytes, skip_value(bytes, pos)?);
        match bytes.get(pos)? {
            b',' => pos = skip_ws(bytes, pos + 1),
            _ => return None,
        }
    }
    Some(pos)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_input_has_no_location() {
        assert_eq!(locate(b"", &JsonPath::root()), None);
        assert_eq!(locate(b"", &JsonPath::root().key("a")), None);
    }

    #[test]
    fn root_is_the_first_non_blank_byte() {
        assert_eq!(locate(b"\n  {}", &JsonPath::root()), Some((2, 3)));
    }

    #[test]
    fn index_past_the_end_is_not_found() {
        assert_eq!(locate(b"[1,2]", &JsonPath::root().index(2)), None);
        assert_eq!(locate(b"[1,2]", &JsonPath::root().index(1)), Some((1, 4)));
        assert_eq!(locate(b"[]", &JsonPath::root().index(0)), None);
    }

    #[test]
    fn skipped_values_may_hold_brackets_and_quotes_in_strings() {
        let text = br#"{"a":{"x":"}]\"{"},"b":[["]"],2],"c":3}"#;
        assert_eq!(locate(text, &JsonPath::root().key("c")), Some((1, 38)));
        assert_eq!(
            locate(text, &JsonPath::root().key("b").index(1)),
            Some((1, 31))
        );
    }

    #[test]
    fn escaped_keys_are_matched_unescaped() {
        let text = br#"{"fr\u0061me":1}"#;
        assert_eq!(locate(text, &JsonPath::root().key("frame")), Some((1, 15)));
    }

    #[test]
    fn truncated_input_is_not_found_and_does_not_panic() {
        for text in [&b"{\"a"[..], b"{\"a\":", b"[1,", b"{\"a\":[", b"{\"a\\"] {
            let _ = locate(text, &JsonPath::root().key("a").index(0));
        }
        assert_eq!(locate(b"{\"a\":", &JsonPath::root().key("a")), None);
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let mut text = vec![b'['; 100_000];
        text.extend(vec![b']'; 100_000]);
        let doc = [b"{\"a\":".as_slice(), &text, b",\"b\":1}"].concat();
        assert_eq!(locate(&doc, &JsonPath::root().key("b")), Some((1, 200_011)));
    }
}
