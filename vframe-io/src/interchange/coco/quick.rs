//! One annotation object parsed by hand, for the plain form nearly every file uses.
//!
//! `serde_json` spends most of a COCO read matching keys and dispatching values through
//! visitors. This parser takes the common case directly: keys without escapes, integers,
//! strings without escapes, number lists, and scalar `attributes`. On anything else (an
//! escape, a nested value it does not expect, a duplicate key, a number it does not spell
//! the common way, a syntax error) it gives up and the caller parses the element with
//! `serde_json`, so values and errors are always those of `serde_json`.
//!
//! Numbers: integers become what `serde_json` makes of them (`u64`, or `i64` when negative);
//! every other number is handed to `serde_json` on its own, so floats round exactly as a
//! whole-document parse rounds them.

use serde::Deserialize;
use serde_json::Number;

use super::document::{Annotation, Attributes, Numbers, Scalar, Segmentation};

/// Parses the annotation object starting at `at` (its `{`); `None` when the element is not
/// in the plain form. Returns the annotation and the offset just past its `}`.
pub(super) fn annotation(text: &str, at: usize) -> Option<(Annotation, usize)> {
    let mut p = Parser {
        text,
        bytes: text.as_bytes(),
        at,
    };
    let a = p.annotation()?;
    Some((a, p.at))
}

struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    at: usize,
}

/// An integer as `serde_json` reads it before a type asks for it.
enum Integer {
    Unsigned(u64),
    Negative(i64),
}

impl<'a> Parser<'a> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn skip_space(&mut self) {
        while let Some(b' ' | b'\n' | b'\t' | b'\r') = self.peek() {
            self.at += 1;
        }
    }

    fn eat(&mut self, b: u8) -> Option<()> {
        (self.peek() == Some(b)).then(|| self.at += 1)
    }

    fn literal(&mut self, word: &[u8]) -> Option<()> {
        let end = self.at + word.len();
        (self.bytes.get(self.at..end) == Some(word)).then(|| self.at = end)
    }

    /// A string without escapes or control characters (the opening quote at `at`).
    fn plain_str(&mut self) -> Option<&'a str> {
        self.eat(b'"')?;
        let start = self.at;
        let len = self
            .bytes
            .get(start..)?
            .iter()
            .position(|&b| b == b'"' || b == b'\\' || b < 0x20)?;
        self.at = start + len;
        self.eat(b'"')?;
        self.text.get(start..start + len)
    }

    /// The text of a JSON number (strict grammar), not interpreted.
    fn number_text(&mut self) -> Option<&'a str> {
        let start = self.at;
        let digits = |p: &mut Self| {
            let from = p.at;
            while let Some(b'0'..=b'9') = p.peek() {
                p.at += 1;
            }
            p.at > from
        };
        let _ = self.eat(b'-');
        match self.peek()? {
            b'0' => self.at += 1,
            b'1'..=b'9' => {
                digits(self);
            }
            _ => return None,
        }
        if self.eat(b'.').is_some() && !digits(self) {
            return None;
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.at += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.at += 1;
            }
            if !digits(self) {
                return None;
            }
        }
        self.text.get(start..self.at)
    }

    /// A number token as the integer `serde_json` would make of it, or its text when
    /// `serde_json` would make a float of it.
    fn number(&mut self) -> Option<Result<Integer, &'a str>> {
        let text = self.number_text()?;
        let (negative, digits) = match text.strip_prefix('-') {
            Some(d) => (true, d),
            None => (false, text),
        };
        if !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Some(Err(text));
        }
        let Ok(magnitude) = digits.parse::<u64>() else {
            return Some(Err(text)); // beyond u64: a float
        };
        Some(match (negative, magnitude) {
            (false, m) => Ok(Integer::Unsigned(m)),
            // `-0` and values below i64::MIN are floats to serde_json.
            (true, 0) => Err(text),
            (true, m) => match 0i64.checked_sub_unsigned(m) {
                Some(v) => Ok(Integer::Negative(v)),
                None => Err(text),
            },
        })
    }

    fn u64(&mut self) -> Option<u64> {
        match self.number()? {
            Ok(Integer::Unsigned(v)) => Some(v),
            _ => None,
        }
    }

    fn i64(&mut self) -> Option<i64> {
        match self.number()? {
            Ok(Integer::Unsigned(v)) => i64::try_from(v).ok(),
            Ok(Integer::Negative(v)) => Some(v),
            Err(_) => None,
        }
    }

    fn f64(&mut self) -> Option<f64> {
        match self.number()? {
            Ok(Integer::Unsigned(v)) => Some(v as f64),
            Ok(Integer::Negative(v)) => Some(v as f64),
            Err(text) => serde_json::from_str(text).ok(),
        }
    }

    /// `null` (`Some(None)`) or the value `read` reads.
    fn nullable<T>(&mut self, read: impl FnOnce(&mut Self) -> Option<T>) -> Option<Option<T>> {
        if self.peek() == Some(b'n') {
            self.literal(b"null")?;
            Some(None)
        } else {
            read(self).map(Some)
        }
    }

    /// `[` numbers `]`, each passed to `each`.
    fn numbers(&mut self, mut each: impl FnMut(f64)) -> Option<()> {
        self.eat(b'[')?;
        self.skip_space();
        if self.eat(b']').is_some() {
            return Some(());
        }
        loop {
            self.skip_space();
            each(self.f64()?);
            self.skip_space();
            match self.peek()? {
                b',' => self.at += 1,
                b']' => {
                    self.at += 1;
                    return Some(());
                }
                _ => return None,
            }
        }
    }

    fn number_vec(&mut self) -> Option<Vec<f64>> {
        let mut v = Vec::new();
        self.numbers(|x| v.push(x))?;
        Some(v)
    }

    fn bbox(&mut self) -> Option<Numbers> {
        let mut numbers = Numbers::default();
        self.numbers(|x| numbers.push(x))?;
        Some(numbers)
    }

    /// A list of polygons (an RLE object is left to `serde_json`).
    fn segmentation(&mut self) -> Option<Segmentation> {
        self.eat(b'[')?;
        let mut polygons = Vec::new();
        self.skip_space();
        if self.eat(b']').is_some() {
            return Some(Segmentation::Polygons(polygons));
        }
        loop {
            self.skip_space();
            polygons.push(self.number_vec()?);
            self.skip_space();
            match self.peek()? {
                b',' => self.at += 1,
                b']' => {
                    self.at += 1;
                    return Some(Segmentation::Polygons(polygons));
                }
                _ => return None,
            }
        }
    }

    fn scalar(&mut self) -> Option<Scalar> {
        Some(match self.peek()? {
            b'"' => Scalar::Text(self.plain_str()?.to_owned()),
            b't' => {
                self.literal(b"true")?;
                Scalar::Bool(true)
            }
            b'f' => {
                self.literal(b"false")?;
                Scalar::Bool(false)
            }
            b'n' => {
                self.literal(b"null")?;
                Scalar::Other
            }
            _ => match self.number()? {
                Ok(Integer::Unsigned(v)) => Scalar::Number(Number::from(v)),
                Ok(Integer::Negative(v)) => Scalar::Number(Number::from(v)),
                Err(text) => {
                    Scalar::deserialize(&mut serde_json::Deserializer::from_str(text)).ok()?
                }
            },
        })
    }

    fn attributes(&mut self) -> Option<Attributes> {
        let mut attributes = Attributes::default();
        self.object(|p, name| {
            let value = p.scalar()?;
            attributes.set(name.to_owned(), value);
            Some(())
        })?;
        Some(attributes)
    }

    /// A value of a key the reader ignores: a scalar (nested values are left to
    /// `serde_json`).
    fn skip_scalar(&mut self) -> Option<()> {
        match self.peek()? {
            b'"' => self.plain_str().map(drop),
            b't' => self.literal(b"true"),
            b'f' => self.literal(b"false"),
            b'n' => self.literal(b"null"),
            _ => self.number_text().map(drop),
        }
    }

    /// `{` entries `}`, calling `entry` with the parser at each value.
    fn object(&mut self, mut entry: impl FnMut(&mut Self, &'a str) -> Option<()>) -> Option<()> {
        self.eat(b'{')?;
        self.skip_space();
        if self.eat(b'}').is_some() {
            return Some(());
        }
        loop {
            self.skip_space();
            let key = self.plain_str()?;
            self.skip_space();
            self.eat(b':')?;
            self.skip_space();
            entry(self, key)?;
            self.skip_space();
            match self.peek()? {
                b',' => self.at += 1,
                b'}' => {
                    self.at += 1;
                    return Some(());
                }
                _ => return None,
            }
        }
    }

    fn annotation(&mut self) -> Option<Annotation> {
        let mut image_id = None;
        let mut category_id = None;
        let mut bbox = None;
        let mut segmentation = None;
        let mut keypoints = None;
        let mut track_id = None;
        let mut score = None;
        let mut attributes = None;
        // A key given twice is an error to serde's derive: left to it.
        fn once<T>(slot: &mut Option<T>, value: Option<T>) -> Option<()> {
            if slot.is_some() {
                return None;
            }
            *slot = Some(value?);
            Some(())
        }
        self.object(|p, key| match key {
            "image_id" => once(&mut image_id, p.u64()),
            "category_id" => once(&mut category_id, p.u64()),
            "bbox" => once(&mut bbox, p.nullable(Self::bbox)),
            "segmentation" => once(&mut segmentation, p.nullable(Self::segmentation)),
            "keypoints" => once(&mut keypoints, p.nullable(Self::number_vec)),
            "track_id" => once(&mut track_id, p.nullable(Self::i64)),
            "score" => once(&mut score, p.nullable(Self::f64)),
            "attributes" => once(&mut attributes, p.attributes()),
            _ => p.skip_scalar(),
        })?;
        Some(Annotation {
            image_id: image_id?,
            category_id: category_id?,
            bbox: bbox.flatten(),
            segmentation: segmentation.flatten(),
            keypoints: keypoints.flatten(),
            track_id: track_id.flatten(),
            score: score.flatten(),
            attributes: attributes.unwrap_or_default(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// What `serde_json` makes of the element, with its end, when it accepts it.
    fn by_serde(text: &str) -> Option<Annotation> {
        serde_json::from_str(text).ok()
    }

    #[test]
    fn written_annotation_is_taken_in_the_plain_form() {
        let text = r#"{"id":3,"image_id":2,"video_id":1,"category_id":4,"track_id":7,"bbox":[1,2.5,3,4],"area":10.5,"iscrowd":0,"segmentation":[],"attributes":{"track_id":7,"keyframe":false,"occluded":"no","size":"small"}}"#;
        let (a, end) = annotation(text, 0).unwrap();
        assert_eq!(end, text.len());
        assert_eq!(Some(a), by_serde(text));
    }

    #[test]
    fn escapes_nested_values_and_duplicates_are_left_to_serde_json() {
        for text in [
            r#"{"image_id":1,"category_id":1,"attributes":{"a\"b":"x"}}"#,
            r#"{"image_id":1,"category_id":1,"attributes":{"a":"x\n"}}"#,
            r#"{"image_id":1,"category_id":1,"extra":{"a":1}}"#,
            r#"{"image_id":1,"category_id":1,"segmentation":{"counts":"x","size":[1,1]}}"#,
            r#"{"image_id":1,"image_id":2,"category_id":1}"#,
            r#"{"image_id":1}"#,
            r#"{"image_id":01,"category_id":1}"#,
            r#"{"image_id":1,"category_id":1,"track_id":-0}"#,
        ] {
            assert!(annotation(text, 0).is_none(), "{text}");
        }
    }

    fn token() -> impl Strategy<Value = String> {
        prop_oneof![
            Just("0".to_owned()),
            Just("-0".to_owned()),
            Just("01".to_owned()),
            Just("-".to_owned()),
            Just("1.".to_owned()),
            Just("1.25".to_owned()),
            Just("-3.5e2".to_owned()),
            Just("2E-3".to_owned()),
            Just("1e400".to_owned()),
            Just("9223372036854775807".to_owned()),
            Just("9223372036854775808".to_owned()),
            Just("-9223372036854775808".to_owned()),
            Just("-9223372036854775809".to_owned()),
            Just("18446744073709551615".to_owned()),
            Just("18446744073709551616".to_owned()),
            any::<i64>().prop_map(|v| v.to_string()),
            any::<u32>().prop_map(|v| v.to_string()),
            any::<f64>().prop_map(|v| format!("{v:?}")),
            Just("null".to_owned()),
            Just("true".to_owned()),
            Just("false".to_owned()),
            Just("tru".to_owned()),
            Just(r#""text""#.to_owned()),
            Just(r#""""#.to_owned()),
            Just(r#""a\"b""#.to_owned()),
            Just(r#""caf\u00e9""#.to_owned()),
            Just("\"é\"".to_owned()),
            Just("[]".to_owned()),
            Just("[[]]".to_owned()),
            Just("{}".to_owned()),
        ]
    }

    fn list() -> impl Strategy<Value = String> {
        prop::collection::vec(token(), 0..6).prop_map(|v| format!("[{}]", v.join(" , ")))
    }

    fn value() -> impl Strategy<Value = String> {
        prop_oneof![
            4 => token(),
            3 => list(),
            2 => prop::collection::vec(list(), 0..3).prop_map(|v| format!("[{}]", v.join(","))),
            2 => prop::collection::vec(
                (prop::sample::select(vec!["track_id", "keyframe", "occluded", "rotation", "size", "a"]), token()),
                0..6,
            )
            .prop_map(|v| {
                let entries: Vec<String> = v.iter().map(|(k, t)| format!("\"{k}\":{t}")).collect();
                format!("{{{}}}", entries.join(","))
            }),
        ]
    }

    fn element() -> impl Strategy<Value = String> {
        let key = prop::sample::select(vec![
            "image_id",
            "category_id",
            "bbox",
            "segmentation",
            "keypoints",
            "track_id",
            "score",
            "attributes",
            "id",
            "area",
        ]);
        (
            any::<u16>(),
            any::<u16>(),
            prop::collection::vec((key, value()), 0..8),
            prop::sample::select(vec!["", " ", "\n  "]),
        )
            .prop_map(|(image, category, entries, space)| {
                let mut parts = vec![
                    format!("\"image_id\":{image}"),
                    format!("\"category_id\":{category}"),
                ];
                parts.extend(
                    entries
                        .iter()
                        .map(|(k, v)| format!("\"{k}\"{space}:{space}{v}")),
                );
                format!("{{{space}{}{space}}}", parts.join(&format!(",{space}")))
            })
    }

    #[test]
    fn generated_elements_are_often_in_the_plain_form_and_then_equal_to_serde_json() {
        use proptest::strategy::ValueTree;
        let mut runner = proptest::test_runner::TestRunner::deterministic();
        let (mut plain, mut accepted) = (0, 0);
        for _ in 0..5_000 {
            let text = element().new_tree(&mut runner).unwrap().current();
            let serde = by_serde(&text);
            accepted += usize::from(serde.is_some());
            if let Some((quick, end)) = annotation(&text, 0) {
                plain += 1;
                assert_eq!(end, text.len());
                assert_eq!(Some(quick), serde, "{text}");
            }
        }
        // The strategy must exercise the fast path, not only the refusals.
        assert!(plain > 500, "{plain} of 5000 in the plain form");
        assert!(
            accepted > plain,
            "{accepted} accepted by serde_json, {plain} plain"
        );
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        #[test]
        fn plain_form_parses_exactly_as_serde_json(text in element()) {
            if let Some((quick, end)) = annotation(&text, 0) {
                prop_assert_eq!(end, text.len());
                prop_assert_eq!(Some(quick), by_serde(&text), "{}", text);
            }
        }

        #[test]
        fn any_text_is_never_taken_where_serde_json_refuses_it(text in "\\{[\"a-z_:,0-9.\\[\\]{} eE+-]{0,60}") {
            if let Some((quick, end)) = annotation(&text, 0) {
                let serde = serde_json::Deserializer::from_str(&text)
                    .into_iter::<Annotation>()
                    .next()
                    .and_then(Result::ok);
                prop_assert_eq!(Some(quick), serde, "{}", text);
                prop_assert!(end <= text.len());
            }
        }
    }
}
