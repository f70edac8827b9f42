//! Small JSON documents read member by member, with the position of every value.
//!
//! Manifest lines, sequence files and label category configurations are small, and their
//! readers must keep unknown keys in order, keep number forms, and say *where* a value of the
//! wrong shape is. serde_json checks the syntax once (and locates the first syntax error);
//! values are then borrowed as [`RawValue`] slices of the input, so a value's position is
//! its offset in the input text, turned into line and column only when an error needs it.

use std::fmt;
use std::io::Write;

use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::value::RawValue;
use vframe_core::JsonPath;

use crate::{IoError, Position};

/// A JSON value kept as its compact text: an unknown key's value, carried through unchanged.
///
/// ```
/// use vframe_io::RawJson;
/// let v = RawJson::parse("{ \"a\": [1, 2.50] }")?;
/// assert_eq!(v.get(), "{\"a\":[1,2.50]}");
/// # Ok::<(), vframe_io::IoError>(())
/// ```
#[derive(Debug, Clone)]
pub struct RawJson(Box<RawValue>);

impl RawJson {
    /// One JSON value from text; whitespace outside strings is dropped, the rest (number
    /// forms, escapes) is kept as written.
    pub fn parse(text: &str) -> Result<Self, IoError> {
        let src = Source::new(text, 1);
        Ok(Self(to_owned_raw(src.root()?)))
    }

    /// A JSON string value.
    pub fn string(s: &str) -> Self {
        let text = serde_json::to_string(s).unwrap_or_else(|_| "\"\"".to_owned());
        Self(RawValue::from_string(text).unwrap_or_else(|_| empty_string()))
    }

    /// The compact JSON text.
    pub fn get(&self) -> &str {
        self.0.get()
    }

    /// The value's JSON type, as `"a string"`, `"an object"`, ...
    pub fn kind_name(&self) -> &'static str {
        Kind::of(&self.0).name()
    }

    /// The string, when the value is a JSON string.
    pub fn as_str(&self) -> Option<String> {
        serde_json::from_str::<String>(self.get()).ok()
    }

    pub(crate) fn from_borrowed(raw: &RawValue) -> Self {
        Self(to_owned_raw(raw))
    }
}

fn empty_string() -> Box<RawValue> {
    serde_json::from_str::<Box<RawValue>>("\"\"").unwrap_or_else(|_| RawValue::NULL.to_owned())
}

impl PartialEq for RawJson {
    fn eq(&self, other: &Self) -> bool {
        self.get() == other.get()
    }
}

impl std::fmt::Display for RawJson {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.get())
    }
}

/// The JSON type of a value, read from its first byte.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Object,
    Array,
    String,
    Number,
    Bool,
    Null,
}

impl Kind {
    pub(crate) fn of(raw: &RawValue) -> Kind {
        match raw.get().as_bytes().first() {
            Some(b'{') => Kind::Object,
            Some(b'[') => Kind::Array,
            Some(b'"') => Kind::String,
            Some(b't' | b'f') => Kind::Bool,
            Some(b'n') => Kind::Null,
            _ => Kind::Number,
        }
    }

    pub(crate) fn name(self) -> &'static str {
        match self {
            Kind::Object => "an object",
            Kind::Array => "an array",
            Kind::String => "a string",
            Kind::Number => "a number",
            Kind::Bool => "a boolean",
            Kind::Null => "null",
        }
    }
}

/// One input text being read: turns value offsets into positions.
#[derive(Clone, Copy)]
pub(crate) struct Source<'a> {
    text: &'a str,
    /// Line number of the text's first line (JSON Lines readers pass the record's line).
    first_line: usize,
}

impl<'a> Source<'a> {
    pub(crate) fn new(text: &'a str, first_line: usize) -> Self {
        Self { text, first_line }
    }

    /// Parses the whole text as one JSON value; a syntax error carries line and column.
    pub(crate) fn root(&self) -> Result<&'a RawValue, IoError> {
        serde_json::from_str::<&RawValue>(self.text).map_err(|e| self.syntax(&e))
    }

    /// A serde_json error located in this text.
    pub(crate) fn syntax(&self, e: &serde_json::Error) -> IoError {
        IoError::Syntax {
            position: Position::at(e.line() + self.first_line - 1, e.column().max(1)),
            message: strip_position(&e.to_string()),
        }
    }

    /// Line and column (1-based, column in bytes) of a value borrowed from this text.
    pub(crate) fn position(&self, raw: &RawValue) -> Position {
        let start = self.text.as_ptr() as usize;
        let at = raw.get().as_ptr() as usize;
        let offset = at.saturating_sub(start).min(self.text.len());
        self.position_of_offset(offset)
    }

    pub(crate) fn position_of_offset(&self, offset: usize) -> Position {
        let before = self.text.as_bytes().get(..offset).unwrap_or_default();
        let line = before.iter().filter(|b| **b == b'\n').count();
        let line_start = before
            .iter()
            .rposition(|b| *b == b'\n')
            .map_or(0, |p| p + 1);
        Position::at(self.first_line + line, offset - line_start + 1)
    }

    /// A shape error at `raw`.
    pub(crate) fn schema(&self, raw: &RawValue, path: &JsonPath, message: String) -> IoError {
        IoError::Schema {
            position: self.position(raw),
            path: path.clone(),
            message,
        }
    }

    /// `raw` must be of `kind`, else a located error naming what was found.
    pub(crate) fn expect(
        &self,
        raw: &RawValue,
        path: &JsonPath,
        kind: Kind,
    ) -> Result<(), IoError> {
        let found = Kind::of(raw);
        if found == kind {
            Ok(())
        } else {
            Err(self.schema(
                raw,
                path,
                format!("expected {}, found {}", kind.name(), found.name()),
            ))
        }
    }

    /// The members of an object in file order; a duplicate key is an error at its value.
    pub(crate) fn members(
        &self,
        raw: &'a RawValue,
        path: &JsonPath,
    ) -> Result<Vec<(String, &'a RawValue)>, IoError> {
        self.expect(raw, path, Kind::Object)?;
        let Members(members) =
            serde_json::from_str::<Members<'a>>(raw.get()).map_err(|e| self.syntax(&e))?;
        for (i, (key, value)) in members.iter().enumerate() {
            if members[..i].iter().any(|(k, _)| k == key) {
                return Err(self.schema(
                    value,
                    &path.clone().key(key.clone()),
                    format!("key {key:?} appears twice in this object"),
                ));
            }
        }
        Ok(members)
    }

    /// The items of an array.
    pub(crate) fn items(
        &self,
        raw: &'a RawValue,
        path: &JsonPath,
    ) -> Result<Vec<&'a RawValue>, IoError> {
        self.expect(raw, path, Kind::Array)?;
        let Items(items) =
            serde_json::from_str::<Items<'a>>(raw.get()).map_err(|e| self.syntax(&e))?;
        Ok(items)
    }

    /// A string value.
    pub(crate) fn string(&self, raw: &RawValue, path: &JsonPath) -> Result<String, IoError> {
        self.expect(raw, path, Kind::String)?;
        serde_json::from_str::<String>(raw.get()).map_err(|e| self.syntax(&e))
    }

    /// A boolean value.
    pub(crate) fn boolean(&self, raw: &RawValue, path: &JsonPath) -> Result<bool, IoError> {
        self.expect(raw, path, Kind::Bool)?;
        Ok(raw.get() == "true")
    }

    /// A JSON integer that fits `i64` (no fraction, no exponent).
    pub(crate) fn integer(&self, raw: &RawValue, path: &JsonPath) -> Result<i64, IoError> {
        self.expect(raw, path, Kind::Number)?;
        raw.get().parse::<i64>().map_err(|_| {
            self.schema(
                raw,
                path,
                format!("expected an integer, found {}", raw.get()),
            )
        })
    }

    /// A list of strings.
    pub(crate) fn strings(
        &self,
        raw: &'a RawValue,
        path: &JsonPath,
    ) -> Result<Vec<String>, IoError> {
        self.items(raw, path)?
            .into_iter()
            .enumerate()
            .map(|(i, item)| self.string(item, &path.clone().index(i)))
            .collect()
    }
}

/// serde_json appends " at line L column C" to its messages; positions are ours to print.
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_owned(),
        None => message.to_owned(),
    }
}

struct Members<'a>(Vec<(String, &'a RawValue)>);

impl<'de> Deserialize<'de> for Members<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Members<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut out = Vec::new();
                while let Some(key) = map.next_key::<String>()? {
                    let value = map.next_value::<&'de RawValue>()?;
                    out.push((key, value));
                }
                Ok(Members(out))
            }
        }
        d.deserialize_map(V)
    }
}

struct Items<'a>(Vec<&'a RawValue>);

impl<'de> Deserialize<'de> for Items<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Items<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON array")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                let mut out = Vec::new();
                while let Some(item) = seq.next_element::<&'de RawValue>()? {
                    out.push(item);
                }
                Ok(Items(out))
            }
        }
        d.deserialize_seq(V)
    }
}

/// An owned, compact copy of a borrowed value.
pub(crate) fn to_owned_raw(raw: &RawValue) -> Box<RawValue> {
    match crate::json::compact_text(raw.get()) {
        // Compacting valid JSON gives valid JSON; fall back to the original text regardless.
        std::borrow::Cow::Owned(text) => {
            RawValue::from_string(text).unwrap_or_else(|_| raw.to_owned())
        }
        std::borrow::Cow::Borrowed(_) => raw.to_owned(),
    }
}

/// Writes a JSON string with serde_json's escaping (`/` and non-ASCII are not escaped).
pub(crate) fn write_string<W: Write + ?Sized>(w: &mut W, s: &str) -> std::io::Result<()> {
    serde_json::to_writer(&mut *w, s).map_err(std::io::Error::from)
}

/// Writes compact JSON objects member by member: `{"a":1,"b":2}`.
pub(crate) struct ObjectWriter<'w, W: Write + ?Sized> {
    w: &'w mut W,
    first: bool,
}

impl<'w, W: Write + ?Sized> ObjectWriter<'w, W> {
    pub(crate) fn open(w: &'w mut W) -> std::io::Result<Self> {
        w.write_all(b"{")?;
        Ok(Self { w, first: true })
    }

    /// Starts a member; the caller then writes the value into [`ObjectWriter::out`].
    pub(crate) fn key(&mut self, key: &str) -> std::io::Result<&mut W> {
        if !self.first {
            self.w.write_all(b",")?;
        }
        self.first = false;
        write_string(self.w, key)?;
        self.w.write_all(b":")?;
        Ok(self.w)
    }

    pub(crate) fn string(&mut self, key: &str, value: &str) -> std::io::Result<()> {
        let w = self.key(key)?;
        write_string(w, value)
    }

    pub(crate) fn raw(&mut self, key: &str, value: &str) -> std::io::Result<()> {
        let w = self.key(key)?;
        w.write_all(value.as_bytes())
    }

    pub(crate) fn close(self) -> std::io::Result<()> {
        self.w.write_all(b"}")
    }
}

/// Writes a list `[a,b]` where `item` writes one element.
pub(crate) fn write_array<W: Write + ?Sized, T>(
    w: &mut W,
    items: &[T],
    mut item: impl FnMut(&mut W, &T) -> std::io::Result<()>,
) -> std::io::Result<()> {
    w.write_all(b"[")?;
    for (i, t) in items.iter().enumerate() {
        if i > 0 {
            w.write_all(b",")?;
        }
        item(w, t)?;
    }
    w.write_all(b"]")
}

/// The order to write an object's keys in: the order read (for keys still present), then
/// keys that are present but were not read, in the format's documented order, then unknown
/// keys added since. This keeps unchanged documents byte-exact and new ones canonical.
pub(crate) fn key_order<'k>(
    read_order: &'k [String],
    canonical: &[&'k str],
    present: impl Fn(&str) -> bool,
    unknown: &'k [(String, RawJson)],
) -> Vec<&'k str> {
    let mut out: Vec<&'k str> = Vec::new();
    for k in read_order {
        if present(k) && !out.contains(&k.as_str()) {
            out.push(k);
        }
    }
    for k in canonical {
        if present(k) && !out.contains(k) {
            out.push(k);
        }
    }
    for (k, _) in unknown {
        if !out.contains(&k.as_str()) {
            out.push(k);
        }
    }
    out
}

/// Validates that a string is one JSON number (used for numbers kept in their written form).
pub(crate) fn is_json_number(text: &str) -> bool {
    let b = text.as_bytes();
    let mut i = 0;
    if b.get(i) == Some(&b'-') {
        i += 1;
    }
    match b.get(i) {
        Some(b'0') => i += 1,
        Some(b'1'..=b'9') => {
            while matches!(b.get(i), Some(b'0'..=b'9')) {
                i += 1;
            }
        }
        _ => return false,
    }
    if b.get(i) == Some(&b'.') {
        i += 1;
        if !matches!(b.get(i), Some(b'0'..=b'9')) {
            return false;
        }
        while matches!(b.get(i), Some(b'0'..=b'9')) {
            i += 1;
        }
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        if !matches!(b.get(i), Some(b'0'..=b'9')) {
            return false;
        }
        while matches!(b.get(i), Some(b'0'..=b'9')) {
            i += 1;
        }
    }
    i == b.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compact_copy_keeps_spaces_inside_strings_and_escapes() {
        let raw: &RawValue =
            serde_json::from_str("{ \"a b\" : [1, 2.50] , \"c\":\"x \\\" y\" }").unwrap();
        assert_eq!(
            to_owned_raw(raw).get(),
            "{\"a b\":[1,2.50],\"c\":\"x \\\" y\"}"
        );
    }

    #[test]
    fn position_of_a_nested_value_counts_lines_and_bytes() {
        let text = "{\n  \"a\": {\"b\": true}\n}";
        let src = Source::new(text, 1);
        let root = src.root().unwrap();
        let members = src.members(root, &JsonPath::root()).unwrap();
        let inner = src.members(members[0].1, &JsonPath::root()).unwrap();
        assert_eq!(src.position(inner[0].1), Position::at(2, 14));
    }

    #[test]
    fn duplicate_key_is_refused_at_the_second() {
        let src = Source::new("{\"a\":1,\"a\":2}", 4);
        let root = src.root().unwrap();
        let err = src.members(root, &JsonPath::root()).unwrap_err();
        assert_eq!(err.position(), Some(&Position::at(4, 12)));
    }

    #[test]
    fn json_number_forms() {
        for ok in ["0", "-1", "47.0", "1566861644.759", "1e5", "2E-3"] {
            assert!(is_json_number(ok), "{ok}");
        }
        for bad in ["", "-", "01", "1.", ".5", "1e", "+1", "NaN", "1 "] {
            assert!(!is_json_number(bad), "{bad}");
        }
    }
}
