//! Parsing a COCO document with its `annotations` array split over all cores.
//!
//! Almost all of a COCO file is the `annotations` array, and its elements are independent.
//! The array is cut at guessed element boundaries (a `{` after `}` and `,`) and every piece
//! is parsed on its own thread, element by element. A guess can be wrong (the bytes may lie
//! inside a string), so a piece counts only once the piece before it, parsed from a start
//! already known to be right, ended exactly where the piece begins; otherwise parsing goes
//! on from where that piece did end. Everything outside the array is parsed in order, value
//! by value, with the same `serde` types.
//!
//! Whatever this parser does not accept (invalid UTF-8, syntax or type errors, duplicate
//! keys, trailing text) sends the whole document through `serde_json::from_slice` instead,
//! so errors, with their line and column, are exactly those of a plain parse, and the fast
//! path only ever returns what the plain parse would.

use rayon::prelude::*;
use serde::Deserialize;
use serde::de::IgnoredAny;

use super::document::{Annotation, Annotations, CocoDocument};
use super::quick;

/// Pieces below this size are not worth a thread.
const MIN_PIECE: usize = 1 << 18;

/// Parses a COCO document, on all cores when it is large.
pub(super) fn parse_document(bytes: &[u8]) -> serde_json::Result<CocoDocument> {
    parse_document_in(bytes, MIN_PIECE)
}

fn parse_document_in(bytes: &[u8], min_piece: usize) -> serde_json::Result<CocoDocument> {
    match parse_in_pieces(bytes, min_piece) {
        Some(document) => Ok(document),
        None => serde_json::from_slice(bytes),
    }
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\n' | b'\t' | b'\r')
}

fn skip_space(bytes: &[u8], mut at: usize) -> usize {
    while bytes.get(at).copied().is_some_and(is_space) {
        at += 1;
    }
    at
}

/// Parses the JSON value starting at `at` (after optional white space) as a `T`, returning
/// it and the offset just past it.
fn value<'de, T: Deserialize<'de>>(text: &'de str, at: usize) -> Option<(T, usize)> {
    let rest = text.get(at..)?;
    let mut values = serde_json::Deserializer::from_str(rest).into_iter::<T>();
    let value = values.next()?.ok()?;
    Some((value, at + values.byte_offset()))
}

/// The top-level object, key by key; `None` for anything a plain parse might not accept.
fn parse_in_pieces(bytes: &[u8], min_piece: usize) -> Option<CocoDocument> {
    // Validated once here, strings need no UTF-8 check each.
    let text = std::str::from_utf8(bytes).ok()?;
    let mut document = CocoDocument::default();
    let mut seen = [false; 4];
    let mut at = skip_space(bytes, 0);
    if bytes.get(at) != Some(&b'{') {
        return None;
    }
    at = skip_space(bytes, at + 1);
    if bytes.get(at) == Some(&b'}') {
        at += 1;
    } else {
        loop {
            if bytes.get(at) != Some(&b'"') {
                return None;
            }
            let (key, after_key) = value::<String>(text, at)?;
            at = skip_space(bytes, after_key);
            if bytes.get(at) != Some(&b':') {
                return None;
            }
            at += 1;
            let slot = match key.as_str() {
                "videos" => 0,
                "images" => 1,
                "annotations" => 2,
                "categories" => 3,
                _ => 4,
            };
            if let Some(seen) = seen.get_mut(slot) {
                // serde's derive refuses a key given twice.
                if *seen {
                    return None;
                }
                *seen = true;
            }
            at = match slot {
                0 => store(&mut document.videos, value(text, at)?),
                1 => store(&mut document.images, value(text, at)?),
                2 => store(&mut document.annotations, annotations(text, at, min_piece)?),
                3 => store(&mut document.categories, value(text, at)?),
                _ => value::<IgnoredAny>(text, at)?.1,
            };
            at = skip_space(bytes, at);
            match bytes.get(at) {
                Some(b',') => at = skip_space(bytes, at + 1),
                Some(b'}') => {
                    at += 1;
                    break;
                }
                _ => return None,
            }
        }
    }
    (skip_space(bytes, at) == bytes.len()).then_some(document)
}

fn store<T>(slot: &mut T, (value, end): (T, usize)) -> usize {
    *slot = value;
    end
}

/// How a run of elements ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum End {
    /// At the start of an element at or past the run's stop.
    Next(usize),
    /// After the array's `]`.
    Array(usize),
    /// At something a plain parse might refuse.
    Failed,
}

/// Elements parsed one after another from a start.
#[derive(Debug)]
struct Run {
    annotations: Vec<Annotation>,
    end: End,
}

/// Parses elements from the element starting at `at` until the array ends or an element
/// starts at or past `stop`.
fn run(text: &str, mut at: usize, stop: Option<usize>) -> Run {
    let bytes = text.as_bytes();
    let mut annotations: Vec<Annotation> = Vec::new();
    let end = loop {
        let parsed = quick::annotation(text, at).or_else(|| value::<Annotation>(text, at));
        let Some((mut annotation, after)) = parsed else {
            break End::Failed;
        };
        // A track's annotations come one after another with the same values as a rule:
        // they share one map from here on, so hundreds of thousands of equal maps are never
        // all alive at once (the model shares them in the end anyway).
        if let Some(previous) = annotations.last()
            && let values = &previous.attributes.values
            && annotation.attributes.values.is_identical_to(values)
        {
            annotation.attributes.values = values.clone();
        }
        if annotations.is_empty() {
            // Room for the piece at the first element's size (an estimate; the last piece
            // runs to the array's end, somewhere before the end of the text).
            let room = stop.unwrap_or(bytes.len()).saturating_sub(at) / (after - at).max(1);
            annotations.reserve(room + 1);
        }
        annotations.push(annotation);
        at = skip_space(bytes, after);
        match bytes.get(at) {
            Some(b',') => {
                at = skip_space(bytes, at + 1);
                if stop.is_some_and(|s| at >= s) {
                    break End::Next(at);
                }
            }
            Some(b']') => break End::Array(at + 1),
            _ => break End::Failed,
        }
    };
    Run { annotations, end }
}

/// The first `{` in `from..until` that follows a `,` that follows a `}` (white space
/// between allowed): probably the start of an array element.
fn guess_element_start(bytes: &[u8], from: usize, until: usize) -> Option<usize> {
    let window = bytes.get(from..until.min(bytes.len()))?;
    window.iter().enumerate().find_map(|(i, &b)| {
        let found = from + i;
        let mut before = bytes.get(..found)?.iter().rev().filter(|&&b| !is_space(b));
        (b == b'{' && before.next() == Some(&b',') && before.next() == Some(&b'}')).then_some(found)
    })
}

/// The `annotations` array starting at `at` (its `[`), and the offset past its `]`.
fn annotations(text: &str, at: usize, min_piece: usize) -> Option<(Annotations, usize)> {
    let bytes = text.as_bytes();
    if bytes.get(at) != Some(&b'[') {
        return None;
    }
    let first = skip_space(bytes, at + 1);
    if bytes.get(first) == Some(&b']') {
        return Some((Annotations::default(), first + 1));
    }
    // Where pieces start: `first`, then guesses spread over the rest of the text (the array
    // usually is most of it).
    let threads = rayon::current_num_threads().max(1);
    let pieces = ((bytes.len() - first) / min_piece.max(1)).clamp(1, threads * 4);
    let mut starts = vec![first];
    let piece = (bytes.len() - first) / pieces;
    for k in 1..pieces {
        let from = first + piece * k;
        // Searched within one piece's length, so text without guesses costs one pass.
        if let Some(start) = guess_element_start(bytes, from, from + piece)
            && starts.last().is_some_and(|&last| start > last)
        {
            starts.push(start);
        }
    }
    let mut runs: Vec<Option<Run>> = starts
        .par_iter()
        .enumerate()
        .map(|(i, &start)| Some(run(text, start, starts.get(i + 1).copied())))
        .collect();

    // Chain the runs from the first, which starts where it should.
    let mut parsed = Vec::new();
    let mut current = runs.first_mut()?.take()?;
    loop {
        let end = current.end;
        parsed.push(current.annotations);
        let next = match end {
            End::Array(after) => break Some((Annotations(parsed), after)),
            End::Failed => break None,
            End::Next(next) => next,
        };
        // The first piece starting at or after `next`: taken as parsed if it starts right
        // there, else the elements up to it are parsed now.
        let i = starts.partition_point(|&s| s < next);
        current = match starts.get(i) {
            Some(&start) if start == next => runs.get_mut(i)?.take()?,
            other => run(text, next, other.copied()),
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::collections::BTreeMap;

    use crate::interchange::coco::document::{Category, Image, Scalar, Segmentation, Video};

    /// A document like the writer's, with pieces of text that look like element boundaries
    /// inside strings, and white space between tokens.
    fn document(texts: &[String], space: &str) -> String {
        let annotations: Vec<String> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| {
                format!(
                    "{{\"id\":{i},{space}\"image_id\":{},\"category_id\":1,\"bbox\":[{i},2,3.5,4],\"segmentation\":[],\"attributes\":{{\"track_id\":{},\"keyframe\":true,\"note\":{}}}}}",
                    i % 3 + 1,
                    i % 5,
                    serde_json::to_string(t).unwrap()
                )
            })
            .collect();
        format!(
            "{{\"info\":{{\"description\":\"x\"}},\"videos\":[{{\"id\":1}}],\"images\":[{{\"id\":1,\"file_name\":\"a.jpg\"}},{{\"id\":2,\"file_name\":\"b.jpg\"}},{{\"id\":3,\"file_name\":\"c.jpg\"}}],{space}\"annotations\":{space}[{space}{}{space}],\"categories\":[{{\"id\":1,\"name\":\"car\"}}],\"tracks\":[{{\"id\":1}},{{\"id\":2}}]}}",
            annotations.join(&format!(",{space}"))
        )
    }

    fn note() -> impl Strategy<Value = String> {
        prop_oneof![
            Just("plain".to_owned()),
            Just("},{".to_owned()),
            Just("}, {\"image_id\":9".to_owned()),
            Just("]".to_owned()),
            Just("a\"b\\".to_owned()),
            "[a-z{},\\[\\]\" ]{0,12}",
        ]
    }

    fn same(bytes: &[u8], min_piece: usize) -> Result<(), TestCaseError> {
        let plain: serde_json::Result<CocoDocument> = serde_json::from_slice(bytes);
        let pieces = parse_document_in(bytes, min_piece);
        match (plain, pieces) {
            (Ok(a), Ok(b)) => prop_assert_eq!(a, b),
            (Err(a), Err(b)) => {
                prop_assert_eq!(a.to_string(), b.to_string());
                prop_assert_eq!((a.line(), a.column()), (b.line(), b.column()));
            }
            (a, b) => prop_assert!(
                false,
                "plain {:?}, in pieces {:?}",
                a.map(drop),
                b.map(drop)
            ),
        }
        Ok(())
    }

    #[test]
    fn pieces_are_used_for_a_document_of_several_pieces() {
        let notes: Vec<String> = (0..200).map(|i| format!("n{i}")).collect();
        let text = document(&notes, "");
        let parsed = parse_in_pieces(text.as_bytes(), 256).expect("in pieces");
        assert!(parsed.annotations.0.len() > 1);
        assert_eq!(parsed, serde_json::from_str(&text).unwrap());
    }

    #[test]
    fn equal_values_one_after_another_share_one_map() {
        let element = |values: &str| {
            format!(
                "{{\"id\":1,\"image_id\":1,\"category_id\":1,\"bbox\":[1,2,3,4],\"attributes\":{{{values}}}}}"
            )
        };
        let text = format!(
            "[{}]",
            [
                "\"a\":\"x\",\"n\":0",
                "\"a\":\"x\",\"n\":0",
                "\"a\":\"x\",\"n\":-0.0",
                "\"a\":\"x\",\"n\":0",
                "\"track_id\":4,\"a\":\"x\",\"n\":0",
            ]
            .map(element)
            .join(",")
        );
        let run = run(&text, 1, None);
        assert!(matches!(run.end, End::Array(_)), "{:?}", run.end);
        let values: Vec<_> = run
            .annotations
            .iter()
            .map(|a| &a.attributes.values)
            .collect();
        assert_eq!(values.len(), 5);
        assert!(values[1].shares_storage_with(values[0]));
        // -0 is kept as written: equal to 0, but not the same value.
        assert!(!values[2].shares_storage_with(values[1]));
        assert!(!values[3].shares_storage_with(values[2]));
        // A special name is not among the values: the rest are the same.
        assert!(values[4].shares_storage_with(values[3]));
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]
        #[test]
        fn documents_in_pieces_read_as_in_one_go(
            notes in prop::collection::vec(note(), 0..60),
            space in prop::sample::select(vec!["", " ", "\n  "]),
            min_piece in 16usize..400,
        ) {
            same(document(&notes, space).as_bytes(), min_piece)?;
        }

        #[test]
        fn damaged_documents_fail_or_read_as_in_one_go(
            notes in prop::collection::vec(note(), 1..30),
            at in any::<prop::sample::Index>(),
            edit in 0u8..3,
            byte in prop::sample::select(b"{}[],:\"0a-. \\\xff".to_vec()),
            min_piece in 16usize..200,
        ) {
            let mut bytes = document(&notes, " ").into_bytes();
            let i = at.index(bytes.len());
            match edit {
                0 => { bytes.remove(i); }
                1 => bytes.insert(i, byte),
                _ => bytes[i] = byte,
            }
            same(&bytes, min_piece)?;
        }
    }

    /// The document types before annotations were read into compact forms.
    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct OldDocument {
        #[serde(default)]
        videos: Vec<Video>,
        #[serde(default)]
        images: Vec<Image>,
        #[serde(default)]
        annotations: Vec<OldAnnotation>,
        #[serde(default)]
        categories: Vec<Category>,
    }

    #[derive(Debug, Deserialize)]
    struct OldAnnotation {
        image_id: u64,
        category_id: u64,
        #[serde(default)]
        bbox: Option<Vec<f64>>,
        #[serde(default)]
        segmentation: Option<Segmentation>,
        #[serde(default)]
        keypoints: Option<Vec<f64>>,
        #[serde(default)]
        track_id: Option<i64>,
        #[serde(default)]
        score: Option<f64>,
        #[serde(default)]
        attributes: BTreeMap<String, Scalar>,
    }

    /// The old reader's reading of an attributes map, in the compact form.
    fn old_attributes(
        map: BTreeMap<String, Scalar>,
    ) -> crate::interchange::coco::document::Attributes {
        let mut a = crate::interchange::coco::document::Attributes::default();
        for (key, value) in map {
            match (key.as_str(), &value) {
                ("track_id", Scalar::Number(t)) => a.track_id = Some(t.as_i64()),
                ("keyframe", Scalar::Bool(k)) => a.keyframe = Some(*k),
                ("occluded", Scalar::Bool(o)) => a.occluded = Some(*o),
                ("rotation", Scalar::Number(r)) => a.rotated = Some(r.as_f64() != Some(0.0)),
                _ => {
                    if let Some(v) = value.into_value() {
                        a.values.insert(key, v);
                    }
                }
            }
        }
        a
    }

    fn attribute_object() -> impl Strategy<Value = String> {
        let name =
            prop::sample::select(vec!["track_id", "keyframe", "occluded", "rotation", "size"]);
        let value = prop::sample::select(vec![
            "1", "0", "-2", "2.5", "true", "false", "null", "\"x\"", "[1]", "{}", "1e999",
        ]);
        prop::collection::vec((name, value), 0..8).prop_map(|v| {
            let entries: Vec<String> = v.iter().map(|(k, t)| format!("\"{k}\":{t}")).collect();
            format!("{{{}}}", entries.join(","))
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(500))]
        #[test]
        fn compact_annotations_read_and_fail_as_the_old_types_did(
            attributes in attribute_object(),
            bbox in prop::sample::select(vec!["[1,2,3,4]", "[1,2,3]", "[1,2,3,4,5]", "null", "[]", "\"x\"", "{}", "[1,\"a\"]"]),
            keypoints in prop::sample::select(vec!["", ",\"keypoints\":[1,2,2]", ",\"keypoints\":1"]),
        ) {
            let text = format!(
                "{{\"annotations\":[{{\"image_id\":1,\"category_id\":1,\"bbox\":{bbox},\"attributes\":{attributes}{keypoints}}}]}}"
            );
            let old: serde_json::Result<OldDocument> = serde_json::from_str(&text);
            let new = parse_document_in(text.as_bytes(), 16);
            match (old, new) {
                (Ok(old), Ok(new)) => {
                    let (old, new) = (&old.annotations[0], &new.annotations.0[0][0]);
                    prop_assert_eq!(
                        (old.image_id, old.category_id),
                        (new.image_id, new.category_id)
                    );
                    let old_box = old
                        .bbox
                        .as_ref()
                        .map(|b| (b.len(), (b.len() == 4).then(|| b.clone())));
                    let new_box = new.bbox.map(|b| (b.len, b.four().map(|f| f.to_vec())));
                    prop_assert_eq!(old_box, new_box);
                    prop_assert_eq!(&old.keypoints, &new.keypoints);
                    prop_assert_eq!(old.track_id, new.track_id);
                    prop_assert_eq!(old.score, new.score);
                    prop_assert_eq!(&old.segmentation, &new.segmentation);
                    prop_assert_eq!(&old_attributes(old.attributes.clone()), &new.attributes);
                }
                (Err(old), Err(new)) => {
                    prop_assert_eq!(old.to_string(), new.to_string());
                }
                (old, new) => prop_assert!(false, "old {:?}, new {:?}", old.map(drop), new.map(drop)),
            }
        }
    }

    #[test]
    fn element_start_guess_needs_a_closing_brace_and_a_comma_before() {
        let text = br#"[{"a":{"b":1}} , {"c":2},{"d":"},{"}]"#;
        let end = text.len();
        assert_eq!(guess_element_start(text, 0, end), Some(17));
        assert_eq!(guess_element_start(text, 18, end), Some(25));
        assert_eq!(guess_element_start(text, 18, 25), None);
        // Inside a string: a guess, which the chaining of runs checks.
        assert_eq!(guess_element_start(text, 26, end), Some(33));
        assert_eq!(guess_element_start(text, 34, end), None);
    }
}
