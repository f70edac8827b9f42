//! File-kind detection from content: every kind our writers produce, and the refusals.

mod corpus_support;
use corpus_support as common;

use vframe_core::{LabelCategory, LabelCategoryConfig, Sequence, TaskType};
use vframe_io::IoError;
use vframe_io::detect::{FileKind, detect_kind};
use vframe_io::label_config::LabelConfigDoc;
use vframe_io::manifest::ManifestLine;
use vframe_io::sequence_file::SequenceFileDoc;

#[test]
fn empty_and_blank_files_are_syntax_errors() {
    assert!(matches!(detect_kind(b""), Err(IoError::Syntax { .. })));
    assert!(matches!(
        detect_kind(b"  \r\n"),
        Err(IoError::Syntax { .. })
    ));
}

#[test]
fn what_our_writers_produce_is_detected_as_itself() {
    let config =
        LabelConfigDoc::from_config(&LabelCategoryConfig::new(vec![LabelCategory::new("a")]));
    assert_eq!(
        detect_kind(config.to_json_string().as_bytes()).unwrap(),
        FileKind::LabelCategoryConfig
    );
    let seq = Sequence::new(1, "s3://b/v/", vec![(1, "a.jpg".into())]).unwrap();
    let doc = SequenceFileDoc::from_sequence(&seq);
    assert_eq!(
        detect_kind(doc.to_json_string().as_bytes()).unwrap(),
        FileKind::SequenceFile
    );
    let line = ManifestLine::new("s3://b/seq.json");
    assert_eq!(
        detect_kind(format!("{}\n", line.to_json_string()).as_bytes()).unwrap(),
        FileKind::InputManifest
    );
}

#[test]
fn label_config_with_only_labels_is_a_label_config() {
    assert_eq!(
        detect_kind(br#"{"labels":[{"label":"a"}]}"#).unwrap(),
        FileKind::LabelCategoryConfig
    );
}

#[test]
fn real_files_are_detected() {
    for (file, kind) in [
        (
            "real/deepaliaws-tracking-output.manifest",
            FileKind::OutputManifest,
        ),
        (
            "real/iprivit-tracking-adjustment-output.manifest",
            FileKind::OutputManifest,
        ),
        (
            "real/deepaliaws-tracking-SeqLabel.json",
            FileKind::SeqLabel(TaskType::Tracking),
        ),
        (
            "real/iprivit-tracking-adjustment-SeqLabel.json",
            FileKind::SeqLabel(TaskType::Tracking),
        ),
    ] {
        assert_eq!(detect_kind(&common::read(file)).unwrap(), kind, "{file}");
    }
}

#[test]
fn multi_record_manifest_with_a_broken_second_line_is_still_a_manifest() {
    // Detection reads the first record; the reader then reports the second line.
    let text = b"{\"source-ref\":\"a\"}\n{\"source-ref\":\n";
    assert_eq!(detect_kind(text).unwrap(), FileKind::InputManifest);
}

#[test]
fn json_lines_of_unknown_records_name_the_first_record_keys() {
    let err = detect_kind(b"{\"a\":1}\n{\"b\":2}\n").unwrap_err();
    assert!(
        err.to_string()
            .starts_with("<input>:1:1: $: an object with keys [\"a\"]"),
        "{err}"
    );
}

#[test]
fn one_line_document_followed_by_garbage_gives_the_syntax_error() {
    let err = detect_kind(b"{\"labels\":[]}\nxyz\n").unwrap_err();
    assert!(matches!(err, IoError::Syntax { .. }), "{err}");
    assert_eq!(err.position(), Some(&vframe_io::Position::at(2, 1)));
}

#[test]
fn unknown_object_names_its_keys() {
    let err = detect_kind(br#"{"hello":1,"world":2}"#).unwrap_err();
    assert_eq!(
        err.to_string(),
        "<input>:1:1: $: an object with keys [\"hello\", \"world\"]; not a Ground Truth video frame file (expected a manifest, a sequence file, a label category configuration or a SeqLabel.json)"
    );
}

#[test]
fn not_utf8_is_refused() {
    assert!(matches!(
        detect_kind(b"{\"a\":\"\xc3\x28\"}"),
        Err(IoError::Syntax { .. })
    ));
}
