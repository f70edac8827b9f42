//! Object members kept as raw JSON text.

use std::borrow::Cow;
use std::sync::Arc;

use serde_json::value::RawValue;

/// One member of a JSON object whose value is kept as raw JSON text, exactly as read
/// (minus insignificant whitespace, see [`compact_raw`]).
///
/// Documents keep unknown keys and attribute values this way: no `serde_json::Value` is
/// built, and the value is written back as it came. Key and value are shared (`Arc`):
/// attribute names and values repeat on every annotation, and a reader stores each
/// distinct one once.
///
/// ```
/// use vframe_io::json::Member;
/// let m = Member::new("occluded", r#""no""#)?;
/// assert_eq!(m.value.get(), r#""no""#);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct Member {
    /// The key, unescaped.
    pub key: Arc<str>,
    /// The value as raw JSON text.
    pub value: Arc<RawValue>,
}

impl Member {
    /// A member from a key and JSON text (checked to be one JSON value).
    pub fn new(key: &str, json: impl Into<String>) -> Result<Self, serde_json::Error> {
        Ok(Self {
            key: key.into(),
            value: RawValue::from_string(json.into())?.into(),
        })
    }
}

impl PartialEq for Member {
    fn eq(&self, other: &Self) -> bool {
        self.key == other.key && self.value.get() == other.value.get()
    }
}

/// The value without whitespace outside strings (Ground Truth's compact style); unchanged,
/// without copying, when it has none.
pub fn compact_raw(value: Box<RawValue>) -> Box<RawValue> {
    match compact_text(value.get()) {
        Cow::Borrowed(_) => value,
        Cow::Owned(text) => RawValue::from_string(text).unwrap_or(value),
    }
}

/// JSON text without whitespace outside strings; borrowed when it has none.
pub fn compact_text(text: &str) -> Cow<'_, str> {
    if !text
        .bytes()
        .any(|b| matches!(b, b' ' | b'\n' | b'\r' | b'\t'))
    {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut in_string = false;
    let mut escaped = false;
    for c in text.chars() {
        if in_string {
            out.push(c);
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
        } else if c == '"' {
            in_string = true;
            out.push(c);
        } else if !matches!(c, ' ' | '\n' | '\r' | '\t') {
            out.push(c);
        }
    }
    if out.len() == text.len() {
        return Cow::Borrowed(text);
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whitespace_inside_strings_is_kept() {
        let raw = RawValue::from_string("{ \"a b\" : [1, \" x \\\" y \"] }".into()).unwrap();
        assert_eq!(compact_raw(raw).get(), "{\"a b\":[1,\" x \\\" y \"]}");
    }

    #[test]
    fn compact_value_is_unchanged() {
        let raw = RawValue::from_string("\"a b\"".into()).unwrap();
        assert_eq!(compact_raw(raw).get(), "\"a b\"");
    }
}
