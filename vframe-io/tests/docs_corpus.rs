//! Every documented example of `gt-corpus/docs/` that is not a `SeqLabel.json` (those are
//! covered by `seq_label_corpus.rs`): valid ones accepted with their meaning checked,
//! invalid ones rejected at the exact line and column of their first syntax error.

mod corpus_support;
use corpus_support as common;

use vframe_core::{ClassId, CreationDateForm, Limits, TaskType};
use vframe_io::IoError;
use vframe_io::detect::{FileKind, detect_kind};
use vframe_io::label_config::LabelConfigDoc;
use vframe_io::manifest::{ManifestLine, ManifestReader};
use vframe_io::sequence_file::SequenceFileDoc;

/// Files this test covers; `every_docs_example_is_covered` fails when the corpus grows.
const COVERED: [&str; 23] = [
    "input-manifest.jsonl",
    "seq-file.json",
    "historical/seq-file-2020-08.json",
    "s3-cors-policy.json",
    "label-config-video-keypoint.json",
    "label-config-video-adjustment.json",
    "label-config-video-verification.json",
    "ref-label-config-pointcloud-od-ot.json",
    "ref-label-config-pointcloud-semseg.json",
    "ref-label-config-pointcloud-adjustment.json",
    "ref-label-config-pointcloud-verification.json",
    "ref-label-config-generic-non-video.json",
    "historical/label-config-2020-08.json",
    "output-manifest-line-detection.json",
    "output-manifest-line-tracking.json",
    "historical/output-manifest-line-detection-2020-08.json",
    "historical/output-manifest-line-tracking-2020-08.json",
    "output-metadata-common.fragment.json",
    "worker-response-metadata-cognito.fragment.json",
    "worker-response-metadata-oidc.fragment.json",
    "ref-output-manifest-line-image-bbox-adjustment.json",
    "ref-output-manifest-line-image-label-verification.json",
    "README.md",
];

#[test]
fn every_docs_example_is_covered() {
    let docs = common::corpus().join("docs");
    let mut found = Vec::new();
    for sub in ["", "historical"] {
        for entry in std::fs::read_dir(docs.join(sub)).unwrap() {
            let path = entry.unwrap().path();
            if path.is_file() {
                let name = path
                    .strip_prefix(&docs)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned();
                if !name.contains("seqlabel-") {
                    found.push(name);
                }
            }
        }
    }
    for name in &found {
        assert!(
            COVERED.contains(&name.as_str()),
            "{name} is not covered by docs_corpus.rs"
        );
    }
    assert_eq!(found.len(), COVERED.len());
}

/// The first syntax error of a file that is not JSON, as `(line, column, message)`.
fn syntax_error(file: &str) -> (usize, usize, String) {
    match detect_kind(&common::read(&format!("docs/{file}"))) {
        Err(IoError::Syntax { position, message }) => {
            (position.line.unwrap(), position.column.unwrap(), message)
        }
        other => panic!("{file}: expected a syntax error, got {other:?}"),
    }
}

// Input side.

#[test]
fn input_manifest_is_two_sequence_lines() {
    let bytes = common::read("docs/input-manifest.jsonl");
    assert_eq!(detect_kind(&bytes).unwrap(), FileKind::InputManifest);
    let records: Vec<_> = ManifestReader::new(&bytes[..])
        .collect::<Result<_, _>>()
        .unwrap();
    let refs: Vec<_> = records.iter().map(|r| r.line.source_ref()).collect();
    assert_eq!(
        refs,
        [
            "s3://DOC-EXAMPLE-BUCKET/example-folder/seq1.json",
            "s3://DOC-EXAMPLE-BUCKET/example-folder/seq2.json"
        ]
    );
    assert!(records.iter().all(|r| r.problems.is_empty()));
}

#[test]
fn sequence_file_example_is_three_frames_numbered_from_one() {
    let bytes = common::read("docs/seq-file.json");
    assert_eq!(detect_kind(&bytes).unwrap(), FileKind::SequenceFile);
    let doc = SequenceFileDoc::from_slice(&bytes).unwrap();
    let (seq, problems) = doc.to_sequence(&Limits::default()).unwrap();
    assert!(problems.is_empty());
    assert_eq!(seq.prefix, "s3://mybucket/prefix/video1/");
    assert_eq!(
        seq.frames().iter().map(|f| f.frame_no).collect::<Vec<_>>(),
        [1, 2, 3]
    );
    assert!(
        seq.frames()
            .iter()
            .all(|f| f.unix_timestamp == Some(1566861644.0))
    );
}

#[test]
fn sequence_file_of_2020_lacks_the_prefix_slash() {
    let bytes = common::read("docs/historical/seq-file-2020-08.json");
    assert_eq!(detect_kind(&bytes).unwrap(), FileKind::SequenceFile);
    let (_, problems) = SequenceFileDoc::from_slice(&bytes)
        .unwrap()
        .to_sequence(&Limits::default())
        .unwrap();
    let codes: Vec<_> = problems.iter().map(|p| p.code).collect();
    assert_eq!(codes, ["sequence.prefix_slash"]);
}

#[test]
fn cors_policy_is_json_but_not_a_ground_truth_file() {
    let err = detect_kind(&common::read("docs/s3-cors-policy.json")).unwrap_err();
    assert!(matches!(err, IoError::Schema { .. }));
    assert!(
        err.to_string().contains("the document is an array"),
        "{err}"
    );
}

// Label category configuration files: none of the docs' examples is JSON.

#[test]
fn video_label_config_examples_fail_at_their_first_trailing_comma() {
    for (file, line, column) in [
        ("label-config-video-keypoint.json", 15, 5),
        ("label-config-video-adjustment.json", 16, 5),
        ("label-config-video-verification.json", 17, 5),
    ] {
        assert_eq!(
            syntax_error(file),
            (line, column, "expected value".to_owned()),
            "{file}"
        );
        // The label config reader gives the same position.
        let err = LabelConfigDoc::from_slice(&common::read(&format!("docs/{file}"))).unwrap_err();
        assert_eq!(err.position().and_then(|p| p.line), Some(line));
    }
}

#[test]
fn point_cloud_label_configs_are_rejected_as_json() {
    // 3D point cloud jobs share the schema (without annotationType), so once repaired these
    // would be read as label category configurations; as published they are not JSON and
    // are rejected at their first trailing comma like the video examples.
    for (file, line, column) in [
        ("ref-label-config-pointcloud-od-ot.json", 16, 5),
        ("ref-label-config-pointcloud-semseg.json", 15, 5),
        ("ref-label-config-pointcloud-adjustment.json", 16, 5),
        ("ref-label-config-pointcloud-verification.json", 17, 5),
    ] {
        assert_eq!(
            syntax_error(file),
            (line, column, "expected value".to_owned()),
            "{file}"
        );
    }
}

#[test]
fn non_video_label_file_fails_at_its_missing_comma() {
    // Were the comma there, detection would name it as the other task types' label file
    // ("document-version"), see detect.rs.
    assert_eq!(
        syntax_error("ref-label-config-generic-non-video.json"),
        (3, 5, "expected `,` or `}`".to_owned())
    );
    let repaired = String::from_utf8(common::read("docs/ref-label-config-generic-non-video.json"))
        .unwrap()
        .replace("\"2018-11-28\"\n", "\"2018-11-28\",\n")
        .replace("        ...\n", "");
    let err = detect_kind(repaired.as_bytes()).unwrap_err();
    assert!(
        err.to_string().contains("other built-in task types"),
        "{err}"
    );
}

#[test]
fn first_published_label_config_fails_at_its_placeholder() {
    assert_eq!(
        syntax_error("historical/label-config-2020-08.json"),
        (31, 36, "expected value".to_owned())
    );
}

// Output side.

#[test]
fn output_manifest_line_examples_mean_what_they_say() {
    for (file, task, classes, name) in [
        (
            "output-manifest-line-detection.json",
            TaskType::Detection,
            vec!["car", "bus"],
            "CarObjectDetection-ref",
        ),
        (
            "output-manifest-line-tracking.json",
            TaskType::Tracking,
            vec!["car", "bus"],
            "CarObjectTracking-ref",
        ),
    ] {
        let bytes = common::read(&format!("docs/{file}"));
        assert_eq!(
            detect_kind(&bytes).unwrap(),
            FileKind::OutputManifest,
            "{file}"
        );
        let line = ManifestLine::from_json(std::str::from_utf8(&bytes).unwrap()).unwrap();
        // Ambiguity A17: the example's source-ref names an input manifest; it is data to us.
        assert!(line.source_ref().ends_with("input-manifest.json"));
        let attrs = line.label_attributes_meaning().unwrap();
        assert_eq!(attrs.len(), 1);
        assert_eq!(attrs[0].name, name);
        let meta = &attrs[0].metadata;
        assert_eq!(meta.task, task);
        let names: Vec<_> = meta.class_map.values().map(String::as_str).collect();
        assert_eq!(names, classes);
        assert_eq!(
            meta.class_map.keys().copied().collect::<Vec<_>>(),
            [ClassId(0), ClassId(1)]
        );
        assert_eq!(meta.creation_date.form, CreationDateForm::Microseconds);
        assert_eq!(meta.job(), Some("labeling-job-name"));
        // Pretty-printed for reading: as a JSON Lines manifest it fails on its first line,
        // where the record's object is left open.
        let err = ManifestReader::new(&bytes[..]).next().unwrap().unwrap_err();
        assert_eq!(err.position().and_then(|p| p.line), Some(1));
        // Rewritten, it is one compact line with the keys in the same order.
        assert_eq!(
            detect_kind(line.to_json_string().as_bytes()).unwrap(),
            FileKind::OutputManifest
        );
    }
}

#[test]
fn output_manifest_lines_of_2020_fail_at_the_missing_class_map_comma() {
    for file in [
        "historical/output-manifest-line-detection-2020-08.json",
        "historical/output-manifest-line-tracking-2020-08.json",
    ] {
        assert_eq!(
            syntax_error(file),
            (7, 13, "expected `,` or `}`".to_owned()),
            "{file}"
        );
        // Repaired, the old date form reads.
        let repaired = String::from_utf8(common::read(&format!("docs/{file}")))
            .unwrap()
            .replace("\"car\"\n", "\"car\",\n");
        let line = ManifestLine::from_json(&repaired).unwrap();
        let attrs = line.label_attributes_meaning().unwrap();
        assert_eq!(
            attrs[0].metadata.creation_date.form,
            CreationDateForm::UtcOffset
        );
        assert_eq!(
            attrs[0].metadata.creation_date.to_string(),
            "2020-05-15T08:01:16+0000"
        );
    }
}

#[test]
fn fragments_are_rejected_after_their_first_key() {
    for file in [
        "output-metadata-common.fragment.json",
        "worker-response-metadata-cognito.fragment.json",
        "worker-response-metadata-oidc.fragment.json",
    ] {
        // A bare `"key": value` list: the string parses, then the `:` at column 17 trails.
        assert_eq!(
            syntax_error(file),
            (1, 17, "trailing characters".to_owned()),
            "{file}"
        );
    }
}

#[test]
fn image_job_output_lines_are_detected_and_refused_as_video_labels() {
    // Image bounding-box output holds its labels inline and has a non-video `type`: a
    // manifest line with label attributes, but not one a video frame job wrote.
    let bytes = common::read("docs/ref-output-manifest-line-image-bbox-adjustment.json");
    assert_eq!(detect_kind(&bytes).unwrap(), FileKind::OutputManifest);
    let line = ManifestLine::from_json(std::str::from_utf8(&bytes).unwrap()).unwrap();
    let problems = line.label_attributes_meaning().unwrap_err();
    let codes: Vec<_> = problems.iter().map(|p| (p.to_string(), p.code)).collect();
    assert!(codes.contains(&(
        "bounding-box-attribute-name: an object here; a video frame label attribute holds the URI of a SeqLabel.json (a string)".to_owned(),
        "manifest.label_uri"
    )), "{codes:?}");
    assert!(
        codes
            .iter()
            .any(|(s, c)| *c == "metadata.type"
                && s.starts_with("adjusted-bounding-box-metadata.type")),
        "{codes:?}"
    );

    // Image label verification: a string label value, type groundtruth/label-verification,
    // no class-map.
    let bytes = common::read("docs/ref-output-manifest-line-image-label-verification.json");
    assert_eq!(detect_kind(&bytes).unwrap(), FileKind::OutputManifest);
    let line = ManifestLine::from_json(std::str::from_utf8(&bytes).unwrap()).unwrap();
    let codes: Vec<_> = line
        .label_attributes_meaning()
        .unwrap_err()
        .iter()
        .map(|p| p.code)
        .collect();
    assert_eq!(codes, ["metadata.missing", "metadata.type"]);
    // Unknown metadata keys (worker-feedback, confidence) survive a rewrite.
    assert!(
        line.to_json_string()
            .contains(r#""worker-feedback":[{"comment":"#)
    );
}

#[test]
fn readme_is_not_a_ground_truth_file() {
    assert_eq!(syntax_error("README.md").0, 1);
}
