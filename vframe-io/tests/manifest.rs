//! Input and output manifests: streaming, byte-exact round trips, located errors, quotas.

mod corpus_support;
use corpus_support as common;

use proptest::prelude::*;
use vframe_core::{AdjustmentStatus, ClassId, CreationDateForm, Limits, TaskType};
use vframe_io::manifest::{
    LabelMetadataDoc, ManifestLine, ManifestReader, ManifestValue, ManifestWriter,
};
use vframe_io::{IoError, Position, RawJson};

fn read_all(text: &str) -> Result<Vec<vframe_io::manifest::ManifestRecord>, IoError> {
    ManifestReader::new(text.as_bytes()).collect()
}

fn rewrite(bytes: &[u8]) -> Vec<u8> {
    let mut w = ManifestWriter::new(Vec::new());
    for record in ManifestReader::new(bytes) {
        w.write_line(&record.unwrap().line).unwrap();
    }
    w.into_inner().unwrap()
}

// Degenerate cases first.

#[test]
fn empty_manifest_has_no_records() {
    assert!(read_all("").unwrap().is_empty());
}

#[test]
fn trailing_blank_lines_are_tolerated() {
    let records = read_all("{\"source-ref\":\"a\"}\n\n\r\n").unwrap();
    assert_eq!(records.len(), 1);
}

#[test]
fn blank_line_between_records_is_refused_at_the_blank_line() {
    let err = read_all("{\"source-ref\":\"a\"}\n\n{\"source-ref\":\"b\"}\n").unwrap_err();
    assert_eq!(err.position(), Some(&Position::at(2, 1)));
}

#[test]
fn crlf_line_endings_are_accepted_and_written_as_lf() {
    let out = rewrite(b"{\"source-ref\":\"a\"}\r\n{\"source-ref\":\"b\"}\r\n");
    assert_eq!(out, b"{\"source-ref\":\"a\"}\n{\"source-ref\":\"b\"}\n");
}

#[test]
fn last_line_without_line_break_is_read() {
    let records = read_all("{\"source-ref\":\"a\"}\n{\"source-ref\":\"b\"}").unwrap();
    assert_eq!(records[1].line.source_ref(), "b");
}

#[test]
fn syntax_error_carries_line_and_column() {
    let err = read_all("{\"source-ref\":\"a\"}\n{\"source-ref\":\"b\",}\n").unwrap_err();
    assert!(matches!(err, IoError::Syntax { .. }));
    assert_eq!(err.position(), Some(&Position::at(2, 19)));
}

#[test]
fn a_line_broken_over_two_lines_is_refused_on_its_first_line() {
    let err = read_all("{\"source-ref\":\n\"a\"}\n").unwrap_err();
    assert_eq!(err.position().and_then(|p| p.line), Some(1));
}

#[test]
fn missing_source_ref_is_refused_with_its_line() {
    let err = read_all("{\"source-ref\":\"a\"}\n{\"other\":1}\n").unwrap_err();
    assert_eq!(
        err.to_string(),
        "<input>:2:1: source-ref: missing; every video frame manifest line needs \"source-ref\" (the sequence file's S3 URI)"
    );
}

#[test]
fn non_object_line_is_refused() {
    let err = read_all("[\"source-ref\"]\n").unwrap_err();
    assert_eq!(
        err.to_string(),
        "<input>:1:1: $: expected an object, found an array"
    );
}

#[test]
fn invalid_utf8_is_refused_at_the_byte() {
    let err = ManifestReader::new(&b"{\"source-ref\":\"\xff\"}\n"[..])
        .next()
        .unwrap()
        .unwrap_err();
    assert_eq!(err.position(), Some(&Position::at(1, 16)));
}

#[test]
fn over_long_line_is_refused_before_it_is_held() {
    let line = format!("{{\"source-ref\":\"{}\"}}\n", "a".repeat(100));
    let err = ManifestReader::new(line.as_bytes())
        .with_max_line_bytes(50)
        .next()
        .unwrap()
        .unwrap_err();
    assert!(err.to_string().contains("longer than 50 bytes"), "{err}");
}

#[test]
fn metadata_of_the_wrong_shape_is_refused_at_its_line_and_value() {
    let text = "{\"source-ref\":\"a\"}\n{\"source-ref\":\"b\",\"k\":\"u\",\"k-metadata\":{\"class-map\":[]}}\n";
    let err = read_all(text).unwrap_err();
    assert_eq!(
        err.to_string(),
        "<input>:2:53: k-metadata.class-map: expected an object, found an array"
    );
}

#[test]
fn duplicate_key_is_refused_at_the_second() {
    let err = read_all("{\"source-ref\":\"a\",\"source-ref\":\"b\"}").unwrap_err();
    assert_eq!(err.position(), Some(&Position::at(1, 32)));
}

// Quotas, each located.

#[test]
fn eleventh_sequence_is_reported_on_its_line() {
    let text: String = (0..11)
        .map(|i| format!("{{\"source-ref\":\"s{i}\"}}\n"))
        .collect();
    let records = read_all(&text).unwrap();
    assert!(records[..10].iter().all(|r| r.problems.is_empty()));
    let p = &records[10].problems[0];
    assert_eq!(p.code, "manifest.sequence_count");
    assert_eq!(p.position, Position::at(11, 1));
}

#[test]
fn line_over_100000_characters_is_reported() {
    let pad = "é".repeat(60_000);
    let text = format!("{{\"source-ref\":\"s\",\"a\":\"{pad}\",\"b\":\"{pad}\"}}\n");
    let records = read_all(&text).unwrap();
    let codes: Vec<_> = records[0]
        .problems
        .iter()
        .map(|p| (p.code, p.position.clone()))
        .collect();
    // Quotas count characters; columns count bytes (é is two).
    assert_eq!(
        codes,
        [
            ("manifest.line_length", Position::at(1, 1)),
            ("manifest.value_length", Position::at(1, 23)),
            ("manifest.value_length", Position::at(1, 120_030)),
        ]
    );
}

#[test]
fn value_of_20000_characters_is_accepted() {
    let value = "a".repeat(19_998);
    let text = format!("{{\"source-ref\":\"{value}\"}}");
    assert!(read_all(&text).unwrap()[0].problems.is_empty());
    let text = format!("{{\"source-ref\":\"{value}a\"}}");
    assert_eq!(
        read_all(&text).unwrap()[0].problems[0].code,
        "manifest.value_length"
    );
}

#[test]
fn dollar_key_is_reported_at_its_value() {
    let records = read_all("{\"source-ref\":\"s\",\"$x-object-id\":\"1\"}").unwrap();
    let p = &records[0].problems[0];
    assert_eq!(p.code, "manifest.dollar_key");
    assert_eq!(
        p.to_string(),
        "<input>:1:34: $x-object-id: key \"$x-object-id\" starts with \"$\"; Ground Truth refuses such keys in input manifests (it writes them itself in streaming jobs)"
    );
}

#[test]
fn relaxed_limits_report_nothing() {
    let text: String = (0..11)
        .map(|i| format!("{{\"source-ref\":\"s{i}\"}}\n"))
        .collect();
    let records: Vec<_> = ManifestReader::new(text.as_bytes())
        .with_limits(Limits::unlimited())
        .collect::<Result<_, _>>()
        .unwrap();
    assert!(records.iter().all(|r| r.problems.is_empty()));
}

// The real files.

#[test]
fn real_deepaliaws_manifest_round_trips_byte_for_byte() {
    let bytes = common::read("real/deepaliaws-tracking-output.manifest");
    assert_eq!(
        common::sha256_hex(&bytes),
        "cb8cace443b63ca844e93e0a6a94c7958e9833bb7e2048b7e42aecfc619c1821"
    );
    let out = rewrite(&bytes);
    assert_eq!(common::sha256_hex(&out), common::sha256_hex(&bytes));
    assert_eq!(out, bytes);
}

#[test]
fn real_iprivit_manifest_round_trips_byte_for_byte() {
    let bytes = common::read("real/iprivit-tracking-adjustment-output.manifest");
    assert_eq!(
        common::sha256_hex(&bytes),
        "4368f279dc241acb210927ba6f62fe65a67384846e8af76d22f8e83fb4392535"
    );
    assert_eq!(rewrite(&bytes), bytes);
}

#[test]
fn real_deepaliaws_manifest_means_one_tracking_label_attribute() {
    let bytes = common::read("real/deepaliaws-tracking-output.manifest");
    let records: Vec<_> = ManifestReader::new(&bytes[..])
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(records.len(), 1);
    let attrs = records[0].line.label_attributes_meaning().unwrap();
    assert_eq!(attrs.len(), 1);
    assert_eq!(attrs[0].name, "NFL-5788-000634-endzone-vot-ref");
    assert!(
        attrs[0]
            .labels_uri
            .ends_with("/annotations/consolidated-annotation/output/0/SeqLabel.json")
    );
    let m = &attrs[0].metadata;
    assert_eq!(m.task, TaskType::Tracking);
    assert_eq!(m.job(), Some("nfl-5788-000634-endzone-vot"));
    assert_eq!(
        m.class_map.get(&ClassId(0)).map(String::as_str),
        Some("HEL")
    );
    assert_eq!(m.creation_date.to_string(), "2020-08-31T21:38:05.077000");
    assert_eq!(m.adjustment_status, None);
}

#[test]
fn real_iprivit_manifest_holds_two_label_attributes_in_both_date_forms() {
    let bytes = common::read("real/iprivit-tracking-adjustment-output.manifest");
    let records: Vec<_> = ManifestReader::new(&bytes[..])
        .collect::<Result<_, _>>()
        .unwrap();
    let attrs = records[0].line.label_attributes_meaning().unwrap();
    let names: Vec<_> = attrs.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(names, ["Person", "Person-ref"]);
    assert_eq!(attrs[0].metadata.job_name, None);
    assert_eq!(
        attrs[0].metadata.creation_date.form,
        CreationDateForm::UtcOffset
    );
    assert_eq!(
        attrs[1].metadata.creation_date.form,
        CreationDateForm::Microseconds
    );
    // Ambiguity A12: a real adjustment job wrote no adjustment-status.
    assert!(attrs.iter().all(|a| a.metadata.adjustment_status.is_none()));
}

// Editing a line.

#[test]
fn adding_a_label_attribute_appends_it_after_the_input_keys() {
    let mut line = ManifestLine::from_json(r#"{"source-ref":"s","note":{"a": 1}}"#).unwrap();
    let mut meta = LabelMetadataDoc::from_json(r#"{"class-map":{"0":"car"},"job-name":"labeling-job/j","human-annotated":"yes","creation-date":"2021-09-29T05:50:35.566000","type":"groundtruth/video-object-detection"}"#).unwrap();
    meta.adjustment_status = Some(AdjustmentStatus::Adjusted.as_str().to_owned());
    line.set_label_attribute(
        "j-ref",
        "s3://o/j/annotations/consolidated-annotation/output/0/SeqLabel.json",
        meta,
    );
    assert_eq!(
        line.to_json_string(),
        r#"{"source-ref":"s","note":{"a":1},"j-ref":"s3://o/j/annotations/consolidated-annotation/output/0/SeqLabel.json","j-ref-metadata":{"class-map":{"0":"car"},"job-name":"labeling-job/j","human-annotated":"yes","creation-date":"2021-09-29T05:50:35.566000","type":"groundtruth/video-object-detection","adjustment-status":"adjusted"}}"#
    );
}

#[test]
fn source_ref_cannot_be_set_to_a_non_string() {
    let mut line = ManifestLine::new("s");
    let err = line.set(
        "source-ref",
        ManifestValue::Json(RawJson::parse("1").unwrap()),
    );
    assert!(err.is_err());
    assert_eq!(line.source_ref(), "s");
}

// Properties.

fn key() -> impl Strategy<Value = String> {
    "[a-z$][a-z0-9_-]{0,8}".prop_filter("not source-ref", |k| k != "source-ref")
}

fn value() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        Just("null".to_owned()),
        any::<bool>().prop_map(|b| b.to_string()),
        any::<i64>().prop_map(|n| n.to_string()),
        (any::<i32>(), 0u32..1000).prop_map(|(a, b)| format!("{a}.{b}")),
        "[ -~é\u{1F600}]{0,12}".prop_map(|s| serde_json::to_string(&s).unwrap()),
    ];
    leaf.prop_recursive(3, 16, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(|v| format!("[{}]", v.join(", "))),
            prop::collection::vec((key(), inner), 0..4).prop_map(|v| {
                let mut seen = std::collections::HashSet::new();
                let members: Vec<_> = v
                    .into_iter()
                    .filter(|(k, _)| seen.insert(k.clone()))
                    .map(|(k, v)| format!("\"{k}\" : {v}"))
                    .collect();
                format!("{{{}}}", members.join(" ,"))
            }),
        ]
    })
}

fn line_text() -> impl Strategy<Value = String> {
    (
        "[a-z0-9:/._-]{1,30}",
        prop::collection::vec((key(), value()), 0..6),
        prop::option::of(("[A-Za-z-]{1,10}", prop::sample::select(vec!["2021-09-29T05:50:35.566000", "2020-05-15T08:01:16+0000"]))),
    )
        .prop_map(|(source, extra, label)| {
            let mut seen = std::collections::HashSet::new();
            let mut members = vec![format!("\"source-ref\": \"{source}\"")];
            for (k, v) in extra {
                if seen.insert(k.clone()) && !k.ends_with("-ref") && !k.ends_with("-metadata") {
                    members.push(format!("\"{k}\": {v}"));
                }
            }
            if let Some((name, date)) = label {
                members.push(format!("\"{name}-ref\": \"s3://x/{name}/SeqLabel.json\""));
                members.push(format!("\"{name}-ref-metadata\": {{\"class-map\": {{\"0\": \"a\"}}, \"creation-date\": \"{date}\", \"type\": \"groundtruth/video-object-tracking\", \"zz\": [1, 2.50]}}"));
            }
            format!("{{{}}}", members.join(", "))
        })
}

proptest! {
    #[test]
    fn document_round_trip_is_the_identity(texts in prop::collection::vec(line_text(), 1..5)) {
        let input: String = texts.iter().map(|t| format!("{t}\r\n")).collect();
        let records: Vec<_> = ManifestReader::new(input.as_bytes()).collect::<Result<_, _>>().unwrap();
        let written = {
            let mut w = ManifestWriter::new(Vec::new());
            for r in &records { w.write_line(&r.line).unwrap(); }
            w.into_inner().unwrap()
        };
        let again: Vec<_> = ManifestReader::new(&written[..]).collect::<Result<_, _>>().unwrap();
        let lines = |rs: &[vframe_io::manifest::ManifestRecord]| rs.iter().map(|r| r.line.clone()).collect::<Vec<_>>();
        prop_assert_eq!(lines(&records), lines(&again));
        // Compact output is what serde_json's own compact form gives for the same values
        // when numbers are plain.
        prop_assert!(written.ends_with(b"\n"));
        prop_assert!(!written.windows(2).any(|w| w == b"\r\n"));
    }

    #[test]
    fn reader_never_panics_on_arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..200)) {
        for r in ManifestReader::new(&bytes[..]) { let _ = r; }
    }
}

fn creation_date() -> impl Strategy<Value = vframe_core::CreationDate> {
    (
        1970u16..2100,
        1u8..13,
        1u8..29,
        0u8..24,
        0u8..60,
        0u8..60,
        0u32..1_000_000,
        prop::option::of(-23i16 * 60..24 * 60),
    )
        .prop_map(|(y, mo, d, h, mi, s, us, offset)| {
            let date = vframe_core::CreationDate::utc(y, mo, d, h, mi, s, us).unwrap();
            match offset {
                None => date,
                Some(m) => vframe_core::CreationDate {
                    microsecond: 0,
                    offset_minutes: Some(m),
                    form: CreationDateForm::UtcOffset,
                    ..date
                },
            }
        })
}

fn metadata() -> impl Strategy<Value = vframe_core::LabelMetadata> {
    (
        prop::collection::btree_map(0u32..40, "[ -~é]{1,12}", 0..5),
        prop::option::of("[a-zA-Z0-9/ -]{0,20}"),
        any::<bool>(),
        creation_date(),
        prop::sample::select(vec![TaskType::Detection, TaskType::Tracking]),
        prop::option::of(prop::sample::select(vec![
            AdjustmentStatus::Adjusted,
            AdjustmentStatus::Unadjusted,
        ])),
    )
        .prop_map(
            |(classes, job_name, human_annotated, creation_date, task, adjustment_status)| {
                vframe_core::LabelMetadata {
                    class_map: classes.into_iter().map(|(k, v)| (ClassId(k), v)).collect(),
                    job_name,
                    human_annotated,
                    creation_date,
                    task,
                    adjustment_status,
                }
            },
        )
}

proptest! {
    #[test]
    fn metadata_model_to_document_to_model_is_the_identity(meta in metadata()) {
        let text = LabelMetadataDoc::from_metadata(&meta).to_json_string();
        let back = LabelMetadataDoc::from_json(&text).unwrap().to_metadata().unwrap();
        prop_assert_eq!(back, meta);
    }

    #[test]
    fn output_line_model_to_document_to_model_is_the_identity(meta in metadata(), name in "[A-Za-z][A-Za-z0-9-]{0,12}-ref") {
        let mut line = ManifestLine::new("s3://b/seq.json");
        line.set_label_attribute(&name, "s3://o/j/annotations/consolidated-annotation/output/0/SeqLabel.json", LabelMetadataDoc::from_metadata(&meta));
        let text = format!("{}\n", line.to_json_string());
        let read = ManifestReader::new(text.as_bytes()).next().unwrap().unwrap();
        let attrs = read.line.label_attributes_meaning().unwrap();
        prop_assert_eq!(attrs.len(), 1);
        prop_assert_eq!(&attrs[0].name, &name);
        prop_assert_eq!(&attrs[0].metadata, &meta);
    }
}
