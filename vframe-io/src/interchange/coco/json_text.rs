//! JSON text of strings and numbers exactly as `serde_json` writes them, without going
//! through a `Serializer` per value.
//!
//! The COCO writer spells four strings per annotation (two attribute names, two values);
//! `serde_json` escapes byte by byte through `io::Write`, which was a quarter of the writer's
//! time. Names and values almost never need escaping, so one scan decides and the bytes are
//! copied whole.

use vframe_core::AttributeValue;

/// Whether `serde_json` writes byte `b` of a string as an escape sequence.
fn needs_escape(b: u8) -> bool {
    b < 0x20 || b == b'"' || b == b'\\'
}

/// Appends `s` as a JSON string, byte for byte what `serde_json::to_writer(out, s)` writes.
pub(super) fn write_str(out: &mut Vec<u8>, s: &str) {
    let bytes = s.as_bytes();
    out.reserve(bytes.len() + 2);
    out.push(b'"');
    if !bytes.iter().any(|&b| needs_escape(b)) {
        out.extend_from_slice(bytes);
    } else {
        write_escaped(out, bytes);
    }
    out.push(b'"');
}

/// `serde_json`'s escapes: the short forms it knows, `\u00xx` (lowercase hex) for other
/// control characters; everything else, including non-ASCII and DEL, is copied.
fn write_escaped(out: &mut Vec<u8>, bytes: &[u8]) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut run = 0;
    for (i, &b) in bytes.iter().enumerate() {
        if !needs_escape(b) {
            continue;
        }
        out.extend_from_slice(bytes.get(run..i).unwrap_or_default());
        run = i + 1;
        match b {
            b'"' => out.extend_from_slice(b"\\\""),
            b'\\' => out.extend_from_slice(b"\\\\"),
            0x08 => out.extend_from_slice(b"\\b"),
            0x0c => out.extend_from_slice(b"\\f"),
            b'\n' => out.extend_from_slice(b"\\n"),
            b'\r' => out.extend_from_slice(b"\\r"),
            b'\t' => out.extend_from_slice(b"\\t"),
            _ => out.extend_from_slice(&[
                b'\\',
                b'u',
                b'0',
                b'0',
                HEX[usize::from(b >> 4)],
                HEX[usize::from(b & 0xf)],
            ]),
        }
    }
    out.extend_from_slice(bytes.get(run..).unwrap_or_default());
}

/// Appends an attribute value as `serde_json` writes it: text as a string, a number in
/// `serde_json`'s float form (`2.0`, `null` when not finite).
pub(super) fn write_value(out: &mut Vec<u8>, value: &AttributeValue) -> serde_json::Result<()> {
    match value {
        AttributeValue::Text(s) => {
            write_str(out, s);
            Ok(())
        }
        AttributeValue::Number(_) => serde_json::to_writer(out, value),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ours(s: &str) -> String {
        let mut out = Vec::new();
        write_str(&mut out, s);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn empty_string_is_two_quotes() {
        assert_eq!(ours(""), "\"\"");
    }

    #[test]
    fn every_ascii_byte_is_escaped_as_serde_json_does() {
        for b in 0u8..0x80 {
            let s = char::from(b).to_string();
            assert_eq!(ours(&s), serde_json::to_string(&s).unwrap(), "byte {b:#x}");
            let around = format!("a{s}b{s}");
            assert_eq!(ours(&around), serde_json::to_string(&around).unwrap());
        }
    }

    #[test]
    fn non_ascii_text_is_copied() {
        assert_eq!(ours("größe \u{7f} 車"), "\"größe \u{7f} 車\"");
    }

    #[test]
    fn attribute_values_are_written_as_serde_json_writes_them() {
        for v in [
            AttributeValue::Text("a\"b".into()),
            AttributeValue::Number(2.0),
            AttributeValue::Number(-0.5),
            AttributeValue::Number(f64::NAN),
            AttributeValue::Number(1e300),
        ] {
            let mut out = Vec::new();
            write_value(&mut out, &v).unwrap();
            assert_eq!(
                String::from_utf8(out).unwrap(),
                serde_json::to_string(&v).unwrap()
            );
        }
    }

    proptest::proptest! {
        #[test]
        fn any_string_is_written_as_serde_json_writes_it(s in proptest::prelude::any::<String>()) {
            proptest::prop_assert_eq!(ours(&s), serde_json::to_string(&s).unwrap());
        }

        #[test]
        fn strings_dense_in_escapes_are_written_as_serde_json_writes_them(
            s in "[\\x00-\\x20\"\\\\a\\x7f\u{e9}\u{8eca}]{0,40}"
        ) {
            proptest::prop_assert_eq!(ours(&s), serde_json::to_string(&s).unwrap());
        }
    }
}
