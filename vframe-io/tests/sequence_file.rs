//! Sequence files: document round trips, conversion to the model, every problem located.

mod corpus_support;
use corpus_support as common;

use proptest::prelude::*;
use vframe_core::{Limits, Location, Sequence, SequenceFrame};
use vframe_io::IoError;
use vframe_io::sequence_file::{FrameNo, SequenceFileDoc, read_sequence_file, write_sequence_file};

fn doc(frames: &[(&str, &str)], number: i64, prefix: &str) -> SequenceFileDoc {
    let list: Vec<String> = frames
        .iter()
        .map(|(no, f)| format!("{{\"frame-no\":{no},\"frame\":\"{f}\"}}"))
        .collect();
    SequenceFileDoc::from_json(&format!(
        "{{\"seq-no\":1,\"prefix\":\"{prefix}\",\"number-of-frames\":{number},\"frames\":[{}]}}",
        list.join(",")
    ))
    .unwrap()
}

fn codes(d: &SequenceFileDoc, limits: &Limits) -> Vec<&'static str> {
    d.to_sequence(limits)
        .unwrap()
        .1
        .iter()
        .map(|p| p.code)
        .collect()
}

#[test]
fn empty_sequence_is_reported() {
    assert_eq!(
        codes(&doc(&[], 0, "s3://b/v/"), &Limits::default()),
        ["sequence.empty"]
    );
}

#[test]
fn missing_key_is_refused_at_the_object() {
    let err =
        SequenceFileDoc::from_json("{\"seq-no\":1,\"prefix\":\"p/\",\"frames\":[]}").unwrap_err();
    assert_eq!(
        err.to_string(),
        "<input>:1:1: number-of-frames: missing; a sequence file needs \"number-of-frames\""
    );
}

#[test]
fn wrong_type_is_refused_at_the_value() {
    let err = SequenceFileDoc::from_json("{\"seq-no\":1,\n \"prefix\":5}").unwrap_err();
    assert_eq!(
        err.to_string(),
        "<input>:2:11: prefix: expected a string, found a number"
    );
}

#[test]
fn number_of_frames_differing_from_frames_is_reported() {
    let d = doc(&[("1", "a.jpg")], 2, "s3://b/v/");
    let (_, problems) = d.to_sequence(&Limits::default()).unwrap();
    assert_eq!(problems[0].code, "sequence.number_of_frames");
    assert_eq!(problems[0].location, Location::Sequence);
    assert_eq!(
        problems[0].message,
        "number-of-frames is 2 but frames lists 1 entries; they must be equal"
    );
}

#[test]
fn prefix_without_slash_is_reported() {
    assert_eq!(
        codes(&doc(&[("1", "a.jpg")], 1, "s3://b/v"), &Limits::default()),
        ["sequence.prefix_slash"]
    );
}

#[test]
fn frame_no_order_differing_from_name_order_is_reported_at_the_frame() {
    let d = doc(
        &[("2", "frame2.jpg"), ("10", "frame10.jpg")],
        2,
        "s3://b/v/",
    );
    let (seq, problems) = d.to_sequence(&Limits::default()).unwrap();
    // Workers see frame10.jpg first (UTF-8 byte order, ambiguity A1).
    assert_eq!(seq.frames()[0].file, "frame10.jpg");
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].code, "sequence.order");
    assert!(matches!(
        problems[0].location,
        Location::Frame { frame: 1, .. }
    ));
}

#[test]
fn more_than_2000_frames_are_reported_2000_accepted() {
    let frames: Vec<(String, String)> = (0..2001)
        .map(|i| (i.to_string(), format!("f{i:05}.jpg")))
        .collect();
    let refs: Vec<(&str, &str)> = frames
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    assert_eq!(
        codes(&doc(&refs, 2001, "s3://b/v/"), &Limits::default()),
        ["sequence.frame_count"]
    );
    assert!(codes(&doc(&refs[..2000], 2000, "s3://b/v/"), &Limits::default()).is_empty());
}

#[test]
fn unsafe_frame_name_is_reported() {
    let d = doc(&[("1", "../a.jpg")], 1, "s3://b/v/");
    let (_, problems) = d.to_sequence(&Limits::default()).unwrap();
    assert_eq!(problems[0].code, "sequence.frame_name");
    assert!(
        problems[0]
            .message
            .starts_with("frames[0].frame \"../a.jpg\""),
        "{}",
        problems[0]
    );
}

#[test]
fn duplicate_file_names_are_refused() {
    let d = doc(&[("1", "a.jpg"), ("2", "a.jpg")], 2, "s3://b/v/");
    assert!(matches!(
        d.to_sequence(&Limits::default()),
        Err(IoError::Model { .. })
    ));
}

#[test]
fn non_numeric_frame_no_string_is_refused_with_its_path() {
    let d = doc(&[("\"one\"", "a.jpg")], 1, "s3://b/v/");
    let err = d.to_sequence(&Limits::default()).unwrap_err();
    assert!(err.to_string().contains("frames[0].frame-no"), "{err}");
}

#[test]
fn observed_2020_variant_round_trips_and_converts() {
    // As the iprivit notebook wrote it: an extra "version", 1-based string frame-no,
    // fractional timestamps.
    let text = r#"{"version":"2020-07-01","seq-no":5,"prefix":"s3://b/frames/","number-of-frames":2,"frames":[{"frame-no":"1","unix-timestamp":1595365223.4,"frame":"split_frames_00001.jpg"},{"frame-no":"2","unix-timestamp":1595365223.5,"frame":"split_frames_00002.jpg"}]}"#;
    let d = SequenceFileDoc::from_json(text).unwrap();
    assert_eq!(d.to_json_string(), text);
    assert_eq!(d.frames[0].frame_no, FrameNo::Text("1".into()));
    let (seq, problems) = d.to_sequence(&Limits::default()).unwrap();
    assert!(problems.is_empty());
    assert_eq!(seq.frames()[1].unix_timestamp, Some(1595365223.5));
    assert_eq!(seq.frames()[1].frame_no, 2);
}

#[test]
fn docs_example_converts_without_problems() {
    let d = SequenceFileDoc::from_slice(&common::read("docs/seq-file.json")).unwrap();
    let (seq, problems) = d.to_sequence(&Limits::default()).unwrap();
    assert!(problems.is_empty(), "{problems:?}");
    let files: Vec<_> = seq
        .frames()
        .iter()
        .map(|f| (f.index, f.frame_no, f.file.as_str()))
        .collect();
    assert_eq!(
        files,
        [
            (0, 1, "frame0001.jpg"),
            (1, 2, "frame0002.jpg"),
            (2, 3, "frame0003.jpg")
        ]
    );
}

#[test]
fn file_helpers_write_atomically_and_name_the_file_in_errors() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("seq.json");
    let d = doc(&[("1", "a.jpg")], 1, "s3://b/v/");
    write_sequence_file(&path, &d).unwrap();
    assert_eq!(read_sequence_file(&path).unwrap(), d);
    std::fs::write(&path, "{\"seq-no\":}").unwrap();
    let err = read_sequence_file(&path).unwrap_err();
    assert!(
        err.to_string()
            .starts_with(&format!("{}:1:11:", path.display())),
        "{err}"
    );
}

fn frame_entry() -> impl Strategy<Value = String> {
    (
        prop_oneof![
            any::<i32>().prop_map(|n| n.to_string()),
            (0u32..5000).prop_map(|n| format!("\"{n}\""))
        ],
        prop::option::of(prop_oneof![
            (0i64..2_000_000_000).prop_map(|n| n.to_string()),
            (0i64..2_000_000_000, 0u32..1000).prop_map(|(a, b)| format!("{a}.{b}")),
        ]),
        "[a-z0-9_]{1,10}\\.jpe?g",
        prop::option::of("[a-z]{1,5}"),
    )
        .prop_map(|(no, ts, f, extra)| {
            let mut m = vec![format!("\"frame-no\" : {no}")];
            if let Some(ts) = ts {
                m.push(format!("\"unix-timestamp\": {ts}"));
            }
            m.push(format!("\"frame\": \"{f}\""));
            if let Some(e) = extra {
                m.insert(0, format!("\"x-{e}\": [\"{e}\", 1.50]"));
            }
            format!("{{ {} }}", m.join(", "))
        })
}

fn seq_text() -> impl Strategy<Value = String> {
    (any::<i64>(), "[a-z0-9:/._-]{0,20}", 0i64..10, prop::collection::vec(frame_entry(), 0..6), any::<bool>())
        .prop_map(|(no, prefix, n, frames, version)| {
            let v = if version { "\"version\": \"2020-07-01\",\n" } else { "" };
            format!(
                "{{\n {v} \"prefix\": \"{prefix}\", \"seq-no\": {no},\n \"number-of-frames\": {n},\n \"frames\": [\n{}\n]}}",
                frames.join(",\n")
            )
        })
}

fn sequence() -> impl Strategy<Value = Sequence> {
    prop::collection::btree_map(
        "[a-z0-9_]{1,10}\\.png",
        (any::<i64>(), prop::option::of(-1.0e10f64..1.0e10)),
        0..8,
    )
    .prop_map(|frames| {
        let frames = frames
            .into_iter()
            .map(|(file, (frame_no, ts))| SequenceFrame {
                index: 0,
                frame_no,
                file,
                unix_timestamp: ts,
                pts: None,
                size: None,
            })
            .collect();
        Sequence::from_frames(3, "s3://b/v/", frames).unwrap()
    })
}

proptest! {
    #[test]
    fn document_round_trip_is_the_identity(text in seq_text()) {
        let d = SequenceFileDoc::from_json(&text).unwrap();
        let written = d.to_json_string();
        let again = SequenceFileDoc::from_json(&written).unwrap();
        prop_assert_eq!(&again, &d);
        prop_assert_eq!(again.to_json_string(), written);
    }

    #[test]
    fn model_to_document_to_model_is_the_identity(seq in sequence()) {
        let d = SequenceFileDoc::from_sequence(&seq);
        let text = d.to_json_string();
        let (back, _) = SequenceFileDoc::from_json(&text).unwrap().to_sequence(&Limits::unlimited()).unwrap();
        prop_assert_eq!(back, seq);
    }

    #[test]
    fn reader_never_panics(text in "[{}\\[\\]\",:0-9a-z -]{0,80}") {
        if let Ok(d) = SequenceFileDoc::from_json(&text) {
            let _ = d.to_sequence(&Limits::default());
        }
    }
}
