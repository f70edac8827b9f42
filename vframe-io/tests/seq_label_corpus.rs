//! Every SeqLabel file of the shared corpus: the real ones round-trip byte for byte and mean
//! what `real/README.md` says; the documentation's examples are accepted or rejected at
//! their first syntax error.

use std::collections::BTreeSet;
use std::path::PathBuf;

use vframe_core::TaskType;
use vframe_io::seq_label::SeqLabelDoc;
use vframe_io::{IoError, read_seq_label_file};

fn corpus() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/gt-corpus")
}

/// sha256 of the file, via `sha256sum` (no hashing crate needed for two files).
fn sha256(bytes: &[u8]) -> String {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let mut child = Command::new("sha256sum")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("sha256sum is installed");
    child.stdin.take().unwrap().write_all(bytes).unwrap();
    let out = child.wait_with_output().unwrap();
    String::from_utf8(out.stdout).unwrap()[..64].to_owned()
}

fn check_real(name: &str, sha: &str, frames: usize, annotations: usize, objects: usize) {
    let path = corpus().join("real").join(name);
    let original = std::fs::read(&path).unwrap();
    assert_eq!(sha256(&original), sha, "corpus file changed");
    let doc = read_seq_label_file(&path).unwrap();
    let written = doc.to_vec();
    assert!(
        written == original,
        "{name} did not round-trip byte for byte"
    );
    assert_eq!(sha256(&written), sha);

    let labels = doc.to_labels().unwrap();
    assert_eq!(labels.task(), TaskType::Tracking);
    assert_eq!(labels.frames().len(), frames);
    assert_eq!(labels.annotation_count(), annotations);
    assert_eq!(labels.objects().len(), objects);
}

#[test]
fn deepaliaws_round_trips_byte_for_byte_and_has_307_frames_4180_annotations_20_objects() {
    check_real(
        "deepaliaws-tracking-SeqLabel.json",
        "4681629a42b7868eb3be56fa7ae92dea655870ba4063087008ba0f4fab34bee7",
        307,
        4180,
        20,
    );
}

#[test]
fn iprivit_round_trips_byte_for_byte_and_has_54_frames_648_annotations_12_objects() {
    check_real(
        "iprivit-tracking-adjustment-SeqLabel.json",
        "3ce62a30ff4268290bcc804a6995f32ef3c9ead2ec1468c432a2079a80904afe",
        54,
        648,
        12,
    );
}

#[test]
fn unsorted_real_frames_become_frames_in_index_order() {
    let doc = read_seq_label_file(corpus().join("real/deepaliaws-tracking-SeqLabel.json")).unwrap();
    let labels = doc.to_labels().unwrap();
    let indices: Vec<u32> = labels.frames().iter().map(|f| f.index()).collect();
    assert_eq!(indices, (0..307).collect::<Vec<_>>());
    // names 1:1 with ids, HEL:1..HEL:20
    let names: BTreeSet<String> = labels
        .objects()
        .iter()
        .map(|o| o.name().unwrap().to_string())
        .collect();
    assert_eq!(names.len(), 20);
    assert!(names.contains("HEL:20"));
    // objects in order of first appearance: the first object is on frame 0
    assert_eq!(labels.objects()[0].track().span().0, 0);
    let firsts: Vec<u32> = labels
        .objects()
        .iter()
        .map(|o| o.track().span().0)
        .collect();
    assert!(firsts.windows(2).all(|w| w[0] <= w[1]));
}

#[test]
fn real_file_through_the_model_is_canonical_and_means_the_same() {
    let doc = read_seq_label_file(corpus().join("real/deepaliaws-tracking-SeqLabel.json")).unwrap();
    let labels = doc.to_labels().unwrap();
    let again = SeqLabelDoc::from_labels(&labels).unwrap();
    assert_eq!(again.to_labels().unwrap(), labels);
    // The iprivit file is already in frame order and object order, so the canonical
    // writer reproduces it exactly.
    let path = corpus().join("real/iprivit-tracking-adjustment-SeqLabel.json");
    let original = std::fs::read(&path).unwrap();
    let labels = SeqLabelDoc::from_slice(&original)
        .unwrap()
        .to_labels()
        .unwrap();
    assert!(SeqLabelDoc::from_labels(&labels).unwrap().to_vec() == original);
}

fn syntax_error_at(name: &str) -> (usize, usize, String) {
    match read_seq_label_file(corpus().join("docs").join(name)) {
        Err(IoError::Syntax { position, message }) => {
            assert!(position.file.is_some());
            (position.line.unwrap(), position.column.unwrap(), message)
        }
        other => panic!("{name}: expected a syntax error, got {other:?}"),
    }
}

#[test]
fn docs_detection_example_is_rejected_at_its_trailing_comma() {
    // line 24 is the `}` after `"occluded": "no",` of the second box
    let (line, column, message) = syntax_error_at("seqlabel-detection-bbox.json");
    assert_eq!((line, column), (24, 21), "{message}");
    assert!(message.contains("trailing comma"), "{message}");
}

#[test]
fn docs_tracking_example_is_rejected_at_its_placeholder_key() {
    // line 52: `"frame-attributes": {name: value, ...}`, column 34 is the `n` of `name`
    let (line, column, message) = syntax_error_at("seqlabel-tracking-bbox.json");
    assert_eq!((line, column), (52, 34), "{message}");
    assert!(message.contains("key must be a string"), "{message}");
}

#[test]
fn docs_2020_detection_example_is_rejected_at_its_trailing_comma() {
    let (line, column, message) =
        syntax_error_at("historical/seqlabel-detection-bbox-2020-08.json");
    assert_eq!((line, column), (24, 21), "{message}");
    assert!(message.contains("trailing comma"), "{message}");
}

#[test]
fn docs_2020_tracking_example_is_accepted_with_string_frame_numbers() {
    let path = corpus().join("docs/historical/seqlabel-tracking-bbox-2020-08.json");
    let doc = read_seq_label_file(&path).unwrap();
    let labels = doc.to_labels().unwrap();
    assert_eq!(labels.frames().len(), 2);
    assert_eq!(labels.objects().len(), 2);
    assert_eq!(labels.annotation_count(), 3);
    // Pretty-printed input comes out compact, and reads back the same.
    let compact = doc.to_vec();
    assert!(!compact.contains(&b'\n') && !compact.contains(&b' '));
    assert_eq!(SeqLabelDoc::from_slice(&compact).unwrap(), doc);
}

#[test]
fn every_docs_seqlabel_file_is_covered() {
    let mut seen = Vec::new();
    for dir in [corpus().join("docs"), corpus().join("docs/historical")] {
        for entry in std::fs::read_dir(dir).unwrap() {
            let name = entry.unwrap().file_name().to_string_lossy().into_owned();
            if name.starts_with("seqlabel") {
                seen.push(name);
            }
        }
    }
    seen.sort();
    assert_eq!(
        seen,
        [
            "seqlabel-detection-bbox-2020-08.json",
            "seqlabel-detection-bbox.json",
            "seqlabel-tracking-bbox-2020-08.json",
            "seqlabel-tracking-bbox.json",
        ]
    );
}
