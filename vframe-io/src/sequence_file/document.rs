//! The sequence file as written: key order, unknown keys, number forms.

use std::io::Write;

use serde_json::value::RawValue;
use vframe_core::JsonPath;

use crate::members::{Kind, ObjectWriter, RawJson, Source, is_json_number, key_order, write_array};
use crate::{IoError, Position};

const TOP_KEYS: [&str; 4] = ["seq-no", "prefix", "number-of-frames", "frames"];
const FRAME_KEYS: [&str; 3] = ["frame-no", "unix-timestamp", "frame"];

/// `frame-no` as written: documented as an integer since 2021, as a string before.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FrameNo {
    /// `"frame-no": 1`.
    Integer(i64),
    /// `"frame-no": "1"`.
    Text(String),
}

impl FrameNo {
    /// The number, when the text form holds a decimal integer.
    pub fn value(&self) -> Option<i64> {
        match self {
            FrameNo::Integer(n) => Some(*n),
            FrameNo::Text(s) => s.parse().ok(),
        }
    }
}

/// A JSON number kept in its written form (`1566861644`, `1566861644.759`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonNumber(String);

impl JsonNumber {
    /// The number for JSON text, `None` when the text is not one JSON number.
    pub fn parse(text: &str) -> Option<Self> {
        is_json_number(text).then(|| Self(text.to_owned()))
    }

    /// The shortest text that reads back as `value`; `None` for NaN and infinities.
    pub fn from_f64(value: f64) -> Option<Self> {
        if !value.is_finite() {
            return None;
        }
        // Rust prints the shortest round-trip form and never an exponent; whole numbers
        // print without ".0" so integral timestamps stay integers as the docs show them.
        let text = if value == value.trunc() && value.abs() < 9.0e15 {
            format!("{}", value as i64)
        } else {
            format!("{value}")
        };
        Self::parse(&text)
    }

    /// The text as written.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The value as a float.
    pub fn to_f64(&self) -> f64 {
        self.0.parse().unwrap_or(f64::NAN)
    }
}

/// One entry of `frames`.
#[derive(Debug, Clone, PartialEq)]
pub struct SequenceFrameDoc {
    /// `frame-no`.
    pub frame_no: FrameNo,
    /// `unix-timestamp`, optional; fractions have been seen in real use.
    pub unix_timestamp: Option<JsonNumber>,
    /// `frame`: the image's file name below the prefix.
    pub frame: String,
    /// Keys this library does not know, in file order.
    pub unknown: Vec<(String, RawJson)>,
    read_order: Vec<String>,
}

impl SequenceFrameDoc {
    /// An entry with these values, keys in the documented order.
    pub fn new(
        frame_no: FrameNo,
        unix_timestamp: Option<JsonNumber>,
        frame: impl Into<String>,
    ) -> Self {
        Self {
            frame_no,
            unix_timestamp,
            frame: frame.into(),
            unknown: Vec::new(),
            read_order: Vec::new(),
        }
    }
}

/// A sequence file (`seq-no`, `prefix`, `number-of-frames`, `frames`), exactly as written.
///
/// Unknown keys (e.g. `"version"`, seen in real use) are kept in order; `frame-no` keeps its
/// type; `unix-timestamp` keeps its number form; `prefix` is kept with or without its
/// trailing `/` (the conversion reports a missing one). Written compact, keys in the order
/// read, new keys in the documented order.
///
/// ```
/// use vframe_io::sequence_file::SequenceFileDoc;
/// let text = r#"{"seq-no":1,"prefix":"s3://b/v1/","number-of-frames":1,"frames":[{"frame-no":"1","unix-timestamp":1566861644.759,"frame":"f1.jpg"}],"version":"2020-07-01"}"#;
/// let doc = SequenceFileDoc::from_json(text)?;
/// assert_eq!(doc.to_json_string(), text);
/// # Ok::<(), vframe_io::IoError>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct SequenceFileDoc {
    /// `seq-no`.
    pub seq_no: i64,
    /// `prefix`: where the frame images are, `s3://bucket/path/`.
    pub prefix: String,
    /// `number-of-frames`.
    pub number_of_frames: i64,
    /// `frames`, in file order.
    pub frames: Vec<SequenceFrameDoc>,
    /// Keys this library does not know, in file order.
    pub unknown: Vec<(String, RawJson)>,
    read_order: Vec<String>,
}

impl SequenceFileDoc {
    /// A document with these values and no unknown keys.
    pub fn new(seq_no: i64, prefix: impl Into<String>, frames: Vec<SequenceFrameDoc>) -> Self {
        Self {
            seq_no,
            prefix: prefix.into(),
            number_of_frames: frames.len() as i64,
            frames,
            unknown: Vec::new(),
            read_order: Vec::new(),
        }
    }

    /// Reads a sequence file from JSON text; errors carry line, column and JSON path.
    pub fn from_json(text: &str) -> Result<Self, IoError> {
        let src = Source::new(text, 1);
        Self::read(&src, src.root()?)
    }

    /// Reads a sequence file from bytes (UTF-8).
    pub fn from_slice(bytes: &[u8]) -> Result<Self, IoError> {
        let text = std::str::from_utf8(bytes).map_err(|e| IoError::Syntax {
            position: position_of_byte(bytes, e.valid_up_to()),
            message: "not UTF-8 text".to_owned(),
        })?;
        Self::from_json(text)
    }

    fn read(src: &Source<'_>, raw: &RawValue) -> Result<Self, IoError> {
        let root = JsonPath::root();
        let mut seq_no = None;
        let mut prefix = None;
        let mut number_of_frames = None;
        let mut frames = None;
        let mut unknown = Vec::new();
        let mut read_order = Vec::new();
        for (key, value) in src.members(raw, &root)? {
            let at = root.clone().key(key.clone());
            match key.as_str() {
                "seq-no" => seq_no = Some(src.integer(value, &at)?),
                "prefix" => prefix = Some(src.string(value, &at)?),
                "number-of-frames" => number_of_frames = Some(src.integer(value, &at)?),
                "frames" => {
                    let items = src.items(value, &at)?;
                    let mut out = Vec::with_capacity(items.len());
                    for (i, item) in items.into_iter().enumerate() {
                        out.push(read_frame(src, item, &at.clone().index(i))?);
                    }
                    frames = Some(out);
                }
                _ => unknown.push((key.clone(), RawJson::from_borrowed(value))),
            }
            read_order.push(key);
        }
        let missing = |key: &str| IoError::Schema {
            position: src.position(raw),
            path: root.clone().key(key),
            message: format!("missing; a sequence file needs \"{key}\""),
        };
        Ok(Self {
            seq_no: seq_no.ok_or_else(|| missing("seq-no"))?,
            prefix: prefix.ok_or_else(|| missing("prefix"))?,
            number_of_frames: number_of_frames.ok_or_else(|| missing("number-of-frames"))?,
            frames: frames.ok_or_else(|| missing("frames"))?,
            unknown,
            read_order,
        })
    }

    fn has(&self, key: &str) -> bool {
        TOP_KEYS.contains(&key) || self.unknown.iter().any(|(k, _)| k == key)
    }

    /// Writes the compact document (no line break at the end).
    pub fn write_to<W: Write + ?Sized>(&self, w: &mut W) -> std::io::Result<()> {
        let mut obj = ObjectWriter::open(w)?;
        for key in key_order(&self.read_order, &TOP_KEYS, |k| self.has(k), &self.unknown) {
            match key {
                "seq-no" => obj.raw(key, &self.seq_no.to_string())?,
                "prefix" => obj.string(key, &self.prefix)?,
                "number-of-frames" => obj.raw(key, &self.number_of_frames.to_string())?,
                "frames" => {
                    let out = obj.key(key)?;
                    write_array(out, &self.frames, |w, f| write_frame(w, f))?;
                }
                other => {
                    if let Some((_, v)) = self.unknown.iter().find(|(k, _)| k == other) {
                        obj.raw(key, v.get())?;
                    }
                }
            }
        }
        obj.close()
    }

    /// The compact JSON text.
    pub fn to_json_string(&self) -> String {
        let mut out = Vec::new();
        let _ = self.write_to(&mut out);
        String::from_utf8(out).unwrap_or_default()
    }
}

fn read_frame(
    src: &Source<'_>,
    raw: &RawValue,
    path: &JsonPath,
) -> Result<SequenceFrameDoc, IoError> {
    let mut frame_no = None;
    let mut unix_timestamp = None;
    let mut frame = None;
    let mut unknown = Vec::new();
    let mut read_order = Vec::new();
    for (key, value) in src.members(raw, path)? {
        let at = path.clone().key(key.clone());
        match key.as_str() {
            "frame-no" => {
                frame_no = Some(match Kind::of(value) {
                    Kind::String => FrameNo::Text(src.string(value, &at)?),
                    _ => FrameNo::Integer(src.integer(value, &at)?),
                })
            }
            "unix-timestamp" => {
                src.expect(value, &at, Kind::Number)?;
                unix_timestamp = JsonNumber::parse(value.get());
            }
            "frame" => frame = Some(src.string(value, &at)?),
            _ => unknown.push((key.clone(), RawJson::from_borrowed(value))),
        }
        read_order.push(key);
    }
    let missing = |key: &str| IoError::Schema {
        position: src.position(raw),
        path: path.clone().key(key),
        message: format!("missing; every frame entry needs \"{key}\""),
    };
    Ok(SequenceFrameDoc {
        frame_no: frame_no.ok_or_else(|| missing("frame-no"))?,
        unix_timestamp,
        frame: frame.ok_or_else(|| missing("frame"))?,
        unknown,
        read_order,
    })
}

fn write_frame<W: Write + ?Sized>(w: &mut W, f: &SequenceFrameDoc) -> std::io::Result<()> {
    let has = |k: &str| match k {
        "unix-timestamp" => f.unix_timestamp.is_some(),
        "frame-no" | "frame" => true,
        other => f.unknown.iter().any(|(k, _)| k == other),
    };
    let mut obj = ObjectWriter::open(w)?;
    for key in key_order(&f.read_order, &FRAME_KEYS, has, &f.unknown) {
        match key {
            "frame-no" => match &f.frame_no {
                FrameNo::Integer(n) => obj.raw(key, &n.to_string())?,
                FrameNo::Text(s) => obj.string(key, s)?,
            },
            "unix-timestamp" => {
                if let Some(t) = &f.unix_timestamp {
                    obj.raw(key, t.as_str())?;
                }
            }
            "frame" => obj.string(key, &f.frame)?,
            other => {
                if let Some((_, v)) = f.unknown.iter().find(|(k, _)| k == other) {
                    obj.raw(key, v.get())?;
                }
            }
        }
    }
    obj.close()
}

pub(crate) fn position_of_byte(bytes: &[u8], offset: usize) -> Position {
    let before = bytes.get(..offset).unwrap_or(bytes);
    let line = before.iter().filter(|b| **b == b'\n').count() + 1;
    let start = before
        .iter()
        .rposition(|b| *b == b'\n')
        .map_or(0, |p| p + 1);
    Position::at(line, offset - start + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_frame_name_is_located_at_its_entry() {
        let err = SequenceFileDoc::from_json(
            "{\"seq-no\":1,\"prefix\":\"p/\",\"number-of-frames\":1,\n\"frames\":[{\"frame-no\":1}]}",
        )
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "<input>:2:11: frames[0].frame: missing; every frame entry needs \"frame\""
        );
    }

    #[test]
    fn fractional_frame_no_is_refused() {
        let err = SequenceFileDoc::from_json(
            "{\"seq-no\":1,\"prefix\":\"p/\",\"number-of-frames\":1,\"frames\":[{\"frame-no\":1.5,\"frame\":\"a\"}]}",
        )
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "<input>:1:70: frames[0].frame-no: expected an integer, found 1.5"
        );
    }

    #[test]
    fn whole_timestamps_are_written_as_integers_and_fractions_kept() {
        assert_eq!(
            JsonNumber::from_f64(1566861644.0).unwrap().as_str(),
            "1566861644"
        );
        assert_eq!(
            JsonNumber::from_f64(1566861644.759).unwrap().as_str(),
            "1566861644.759"
        );
        assert!(JsonNumber::from_f64(f64::NAN).is_none());
    }

    #[test]
    fn invalid_utf8_is_located() {
        let err = SequenceFileDoc::from_slice(b"{\n \"a\xff\":1}").unwrap_err();
        assert_eq!(err.position(), Some(&Position::at(2, 4)));
    }
}
