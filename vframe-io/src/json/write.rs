//! A compact JSON writer in Ground Truth's (Python's) style.

use std::io::Write;

use serde_json::Number;

use super::{Member, write_number};

/// How non-ASCII characters in strings are written.
///
/// Ground Truth's files are written by Python's `json`, whose default (`ensure_ascii`)
/// escapes every non-ASCII character as `\uXXXX`; no real file seen so far held any, so a
/// document remembers what its input did (any literal non-ASCII byte means `Literal`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum NonAscii {
    /// `\u00e9`, surrogate pairs above U+FFFF (Python's default).
    #[default]
    Escape,
    /// UTF-8 as is.
    Literal,
}

const FLUSH_AT: usize = 1 << 16;

/// A buffered writer of compact JSON: no spaces after `,` or `:`, strings escaped like
/// Python's `json.dumps`, numbers like [`write_number`].
///
/// ```
/// use vframe_io::json::{JsonOut, NonAscii};
/// let mut bytes = Vec::new();
/// let mut out = JsonOut::new(&mut bytes, NonAscii::Escape);
/// out.byte(b'{');
/// out.key("name");
/// out.string("café");
/// out.byte(b'}');
/// out.finish()?;
/// assert_eq!(bytes, br#"{"name":"caf\u00e9"}"#);
/// # Ok::<(), std::io::Error>(())
/// ```
pub struct JsonOut<W: Write> {
    buf: Vec<u8>,
    writer: W,
    non_ascii: NonAscii,
}

impl<W: Write> JsonOut<W> {
    /// A writer into `writer`.
    pub fn new(writer: W, non_ascii: NonAscii) -> Self {
        Self {
            buf: Vec::with_capacity(FLUSH_AT + 4096),
            writer,
            non_ascii,
        }
    }

    /// One byte, e.g. `{` or `,`.
    pub fn byte(&mut self, b: u8) {
        self.buf.push(b);
    }

    /// Bytes copied as they are (raw JSON text).
    pub fn raw(&mut self, bytes: &[u8]) {
        self.buf.extend_from_slice(bytes);
    }

    /// A string, quoted and escaped.
    pub fn string(&mut self, s: &str) {
        escape_into(&mut self.buf, s, self.non_ascii);
    }

    /// `"key":`.
    pub fn key(&mut self, key: &str) {
        self.string(key);
        self.buf.push(b':');
    }

    /// A number.
    pub fn number(&mut self, n: &Number) {
        write_number(&mut self.buf, n);
    }

    /// `"key":value` of a raw member.
    pub fn member(&mut self, m: &Member) {
        self.key(&m.key);
        self.raw(m.value.get().as_bytes());
    }

    /// `{"k":v,...}` of raw members.
    pub fn members(&mut self, members: &[Member]) {
        self.byte(b'{');
        for (i, m) in members.iter().enumerate() {
            if i > 0 {
                self.byte(b',');
            }
            self.member(m);
        }
        self.byte(b'}');
    }

    /// Hands buffered bytes to the writer once enough have piled up.
    pub fn flush_if_full(&mut self) -> std::io::Result<()> {
        if self.buf.len() >= FLUSH_AT {
            self.writer.write_all(&self.buf)?;
            self.buf.clear();
        }
        Ok(())
    }

    /// Writes what is buffered and flushes the writer.
    pub fn finish(mut self) -> std::io::Result<()> {
        self.writer.write_all(&self.buf)?;
        self.writer.flush()
    }
}

/// Appends `s` as a JSON string the way Python's `json.dumps` escapes it.
pub(crate) fn escape_into(out: &mut Vec<u8>, s: &str, non_ascii: NonAscii) {
    out.push(b'"');
    let plain = |b: u8| (0x20..0x7f).contains(&b) && b != b'"' && b != b'\\';
    if s.bytes().all(plain) {
        out.extend_from_slice(s.as_bytes());
    } else {
        for c in s.chars() {
            match c {
                '"' => out.extend_from_slice(b"\\\""),
                '\\' => out.extend_from_slice(b"\\\\"),
                '\n' => out.extend_from_slice(b"\\n"),
                '\r' => out.extend_from_slice(b"\\r"),
                '\t' => out.extend_from_slice(b"\\t"),
                '\u{8}' => out.extend_from_slice(b"\\b"),
                '\u{c}' => out.extend_from_slice(b"\\f"),
                c if (c as u32) < 0x20 => push_u_escape(out, c as u16),
                '\u{7f}' if non_ascii == NonAscii::Escape => push_u_escape(out, 0x7f),
                c if c.is_ascii() => out.push(c as u8),
                c if non_ascii == NonAscii::Literal => {
                    let mut tmp = [0u8; 4];
                    out.extend_from_slice(c.encode_utf8(&mut tmp).as_bytes());
                }
                c => {
                    let mut units = [0u16; 2];
                    for unit in c.encode_utf16(&mut units) {
                        push_u_escape(out, *unit);
                    }
                }
            }
        }
    }
    out.push(b'"');
}

fn push_u_escape(out: &mut Vec<u8>, unit: u16) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.extend_from_slice(b"\\u");
    for shift in [12, 8, 4, 0] {
        out.push(HEX[usize::from((unit >> shift) & 0xf)]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn esc(s: &str, n: NonAscii) -> String {
        let mut v = Vec::new();
        escape_into(&mut v, s, n);
        String::from_utf8(v).unwrap()
    }

    #[test]
    fn empty_string_is_two_quotes() {
        assert_eq!(esc("", NonAscii::Escape), "\"\"");
    }

    #[test]
    fn escapes_match_python_json_dumps() {
        // json.dumps("a\"\\/\n\x01\x7fé😀")
        assert_eq!(
            esc("a\"\\/\n\u{1}\u{7f}é😀", NonAscii::Escape),
            r#""a\"\\/\n\u0001\u007f\u00e9\ud83d\ude00""#
        );
        // json.dumps(..., ensure_ascii=False) keeps non-ASCII (and DEL) literal
        assert_eq!(esc("é\u{7f}", NonAscii::Literal), "\"é\u{7f}\"");
    }
}
