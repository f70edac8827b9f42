//! A lexer for the plain XML inside a run of `<track>` elements.
//!
//! CVAT writes tracks as start, end and empty tags with quoted attributes and whitespace
//! between them. For that subset this lexer gives the events quick-xml's reader gives (same
//! names, same raw attribute and text content, so the parser sees no difference) at a
//! fraction of the cost: the range is checked for UTF-8 once, not per event, and a tag is one
//! byte loop. Anything outside the subset (comments, CDATA, processing instructions, entity
//! or character references, unusual names, mismatched end tags) is refused, and the caller
//! leaves the range to quick-xml, which reads or rejects it as it always does.

use quick_xml::events::{BytesEnd, BytesStart, BytesText, Event};

/// Input the lexer leaves to quick-xml (the reason itself is not needed).
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Unusual;

/// Events of a piece of XML in the subset, in order.
pub(super) struct PlainLexer<'a> {
    text: &'a str,
    at: usize,
    open: Vec<&'a str>,
}

impl<'a> PlainLexer<'a> {
    /// A lexer of `bytes`, or `Unusual` when they are not UTF-8.
    pub(super) fn new(bytes: &'a [u8]) -> Result<Self, Unusual> {
        let text = std::str::from_utf8(bytes).map_err(|_| Unusual)?;
        Ok(Self {
            text,
            at: 0,
            open: Vec::new(),
        })
    }

    /// Where the next event starts, as an offset into the bytes given.
    pub(super) fn offset(&self) -> usize {
        self.at
    }

    /// The next event; `Event::Eof` at the end, where every element must be closed.
    pub(super) fn next_event(&mut self) -> Result<Event<'a>, Unusual> {
        let rest = self.text.get(self.at..).ok_or(Unusual)?;
        let bytes = rest.as_bytes();
        match bytes.first() {
            None if self.open.is_empty() => Ok(Event::Eof),
            None => Err(Unusual),
            Some(b'<') => self.tag(rest),
            Some(_) => {
                // Text between tags is mostly a few bytes of indentation: a plain loop, not
                // a `memchr` call. Entity and character references are quick-xml's events.
                let length = bytes
                    .iter()
                    .position(|&b| b == b'<' || b == b'&')
                    .unwrap_or(bytes.len());
                if bytes.get(length) == Some(&b'&') {
                    return Err(Unusual);
                }
                let content = rest.get(..length).ok_or(Unusual)?;
                self.at += length;
                Ok(Event::Text(BytesText::from_escaped(content)))
            }
        }
    }

    fn tag(&mut self, rest: &'a str) -> Result<Event<'a>, Unusual> {
        let bytes = rest.as_bytes();
        if bytes.get(1) == Some(&b'/') {
            let length = bytes.iter().position(|&b| b == b'>').ok_or(Unusual)?;
            let name = rest.get(2..length).ok_or(Unusual)?;
            if self.open.pop() != Some(name) || !plain_name(name) {
                return Err(Unusual);
            }
            self.at += length + 1;
            return Ok(Event::End(BytesEnd::new(name)));
        }
        let end = tag_end(bytes).ok_or(Unusual)?;
        let inner = rest.get(1..end).ok_or(Unusual)?;
        let (content, empty) = match inner.strip_suffix('/') {
            Some(content) => (content, true),
            None => (inner, false),
        };
        let name_len = content
            .bytes()
            .position(|b| matches!(b, b' ' | b'\t' | b'\r' | b'\n'))
            .unwrap_or(content.len());
        let name = content.get(..name_len).ok_or(Unusual)?;
        if !plain_name(name) {
            return Err(Unusual);
        }
        self.at += end + 1;
        let start = BytesStart::from_content(content, name_len);
        if empty {
            Ok(Event::Empty(start))
        } else {
            self.open.push(name);
            Ok(Event::Start(start))
        }
    }
}

/// Where the tag that starts `bytes` ends: the first `>` outside a quoted attribute value.
fn tag_end(bytes: &[u8]) -> Option<usize> {
    // Usually no value holds a `>`: then the first one ends the tag if the quotes before it
    // pair up. Found with vectorised scans; the byte-by-byte walk is for the rest.
    let first = memchr::memchr(b'>', bytes)?;
    let (double, single) = quotes(bytes.get(..first)?);
    if !single && double % 2 == 0 {
        return Some(first);
    }
    let mut quote = None;
    for (i, &b) in bytes.iter().enumerate().skip(1) {
        match (quote, b) {
            (None, b'>') => return Some(i),
            (None, b'"' | b'\'') => quote = Some(b),
            (Some(q), _) if q == b => quote = None,
            _ => {}
        }
    }
    None
}

/// How many `"` the bytes hold, and whether they hold a `'`.
fn quotes(bytes: &[u8]) -> (usize, bool) {
    // Eight bytes at a time: a byte equal to the wanted one becomes zero after the XOR, and
    // `(x & 0x7f..) + 0x7f..` sets the high bit of exactly the nonzero bytes (no carry
    // crosses bytes), so the zero bytes are counted without false positives.
    const LOW: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    let zero_bytes = |word: u64, byte: u8| {
        let x = word ^ (u64::from(byte) * 0x0101_0101_0101_0101);
        !(((x & LOW).wrapping_add(LOW)) | x) & !LOW
    };
    let mut double = 0;
    let mut single = 0;
    let words = bytes.chunks_exact(8);
    let rest = words.remainder();
    for word in words {
        let word = u64::from_le_bytes(word.try_into().unwrap_or_default());
        double += zero_bytes(word, b'"').count_ones() as usize;
        single |= zero_bytes(word, b'\'');
    }
    for &b in rest {
        double += usize::from(b == b'"');
        single |= u64::from(b == b'\'');
    }
    (double, single != 0)
}

/// An element name made of ASCII letters, digits, `_`, `-` and `.`, starting with a letter
/// or `_` (no namespace prefix, nothing quick-xml could read differently).
fn plain_name(name: &str) -> bool {
    if matches!(name, "box" | "attribute" | "track") {
        return true;
    }
    let mut bytes = name.bytes();
    bytes
        .next()
        .is_some_and(|b| b.is_ascii_alphabetic() || b == b'_')
        && bytes.all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use quick_xml::Reader;

    /// Every event of `xml` as text, from this lexer or `Unusual`.
    fn lexed(xml: &str) -> Result<Vec<(usize, String)>, Unusual> {
        let mut lexer = PlainLexer::new(xml.as_bytes())?;
        let mut events = Vec::new();
        loop {
            let at = lexer.offset();
            let event = lexer.next_event()?;
            if event == Event::Eof {
                return Ok(events);
            }
            events.push((at, format!("{event:?}")));
        }
    }

    /// The same from quick-xml's reader, or `None` on its error.
    fn read(xml: &str) -> Option<Vec<(usize, String)>> {
        let mut reader = Reader::from_str(xml);
        let mut events = Vec::new();
        loop {
            let at = reader.buffer_position() as usize;
            match reader.read_event().ok()? {
                Event::Eof => return Some(events),
                event => events.push((at, format!("{event:?}"))),
            }
        }
    }

    proptest! {
        #[test]
        fn quotes_are_counted_as_a_byte_loop_counts_them(bytes in prop::collection::vec(
            prop::sample::select(vec![b'"', b'\'', b'a', 0, 0x22 ^ 0x80, 0xff, b'!', b'#']),
            0..40,
        )) {
            let double = bytes.iter().filter(|&&b| b == b'"').count();
            let single = bytes.contains(&b'\'');
            prop_assert_eq!(quotes(&bytes), (double, single));
        }
    }

    #[test]
    fn quotes_are_counted_across_chunk_edges() {
        for length in [0, 1, 31, 32, 33, 64, 100] {
            let mut bytes = vec![b'"'; length];
            assert_eq!(quotes(&bytes), (length, false));
            if let Some(last) = bytes.last_mut() {
                *last = b'\'';
                assert_eq!(quotes(&bytes), (length - 1, true));
            }
        }
    }

    #[test]
    fn empty_input_is_the_end() {
        assert_eq!(lexed(""), Ok(vec![]));
    }

    #[test]
    fn a_track_lexes_as_quick_xml_reads_it() {
        let xml = "\n  <track id=\"0\" label=\"car\" source=\"manual\">\r\n    <box frame=\"0\" xtl='1>2'/>\n    <box frame=\"1\"><attribute name=\"a\">x y</attribute></box>\n  </track>";
        assert_eq!(lexed(xml).ok(), read(xml));
    }

    #[test]
    fn unusual_input_is_refused() {
        for xml in [
            "<a><!-- c --></a>",
            "<a><![CDATA[x]]></a>",
            "<?pi x?>",
            "<a>&amp;</a>",
            "<a>&#65;</a>",
            "<a></b>",
            "<a>",
            "</a>",
            "<a></a >",
            "<ns:a/>",
            "<a x='1",
            "<1a/>",
            "<a/ >",
        ] {
            assert_eq!(lexed(xml), Err(Unusual), "{xml}");
        }
        assert_eq!(
            PlainLexer::new(b"<a>\xff</a>").err(),
            Some(Unusual),
            "not UTF-8"
        );
    }

    /// Tracks as CVAT writes them, with the whitespace, quotes and value bytes varied.
    fn track_text() -> impl Strategy<Value = String> {
        let gap = prop::sample::select(vec!["", " ", "\n", "\r\n  ", "\t"]);
        let value = "[a-z0-9 .;,>=/\t\né]{0,6}";
        let attribute = (value, prop::bool::ANY).prop_map(|(v, single)| {
            if single {
                format!(" name='{}'", v.replace('\'', ""))
            } else {
                format!(" name=\"{}\"", v.replace('"', ""))
            }
        });
        let text = "[a-z0-9 >\n\r]{0,5}";
        let child =
            (attribute.clone(), text).prop_map(|(a, t)| format!("<attribute{a}>{t}</attribute>"));
        let shape = (
            prop::collection::vec(attribute.clone(), 0..4),
            prop::collection::vec(child, 0..3),
            gap.clone(),
            prop::bool::ANY,
        )
            .prop_map(|(attributes, children, gap, empty)| {
                let attributes = attributes.concat();
                if empty && children.is_empty() {
                    format!("<box{attributes}{gap}/>")
                } else {
                    format!("<box{attributes}{gap}>{}</box>", children.concat())
                }
            });
        (gap, prop::collection::vec((shape, text), 0..4)).prop_map(|(gap, shapes)| {
            let body: String = shapes.into_iter().map(|(s, t)| s + &t).collect();
            format!("{gap}<track id=\"1\">{body}</track>")
        })
    }

    proptest! {
        #[test]
        fn tracks_as_cvat_writes_them_lex_exactly_as_quick_xml_reads_them(xml in track_text()) {
            let events = lexed(&xml);
            prop_assert!(events.is_ok(), "{}", xml);
            prop_assert_eq!(events.ok(), read(&xml), "{}", xml);
        }

        #[test]
        fn accepted_input_lexes_exactly_as_quick_xml_reads_it(
            pieces in prop::collection::vec(
                prop::sample::select(vec![
                    "<box", "<track", "<attribute", "</box>", "</track>", "</attribute>", ">",
                    "/>", " ", "\n", "\r\n", "\t", " frame=\"1\"", " name='a'", " x=\"a>b\"",
                    " y='\"'", "text", "&amp;", "<!--c-->", "=", "\"", "'", "/", "é",
                ]),
                0..24,
            )
        ) {
            let xml = pieces.concat();
            if let Ok(events) = lexed(&xml) {
                prop_assert_eq!(Some(events), read(&xml), "{}", xml);
            }
        }
    }
}
