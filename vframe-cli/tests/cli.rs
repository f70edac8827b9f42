//! The `vframe` binary as users run it: exit codes, problem lines, JSON, conversion, stats.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn real(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared/gt-corpus/real")
        .join(name)
}

const REAL_FILES: [&str; 4] = [
    "deepaliaws-tracking-SeqLabel.json",
    "deepaliaws-tracking-output.manifest",
    "iprivit-tracking-adjustment-SeqLabel.json",
    "iprivit-tracking-adjustment-output.manifest",
];

/// Runs `vframe` in `dir` (so file names print as given).
fn vframe_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_vframe"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("the vframe binary runs")
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("UTF-8 output")
}

/// A temporary folder holding `files` (name, content).
fn folder(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, content) in files {
        std::fs::write(dir.path().join(name), content).unwrap();
    }
    dir
}

const CONFIG: &str = r#"{"documentVersion":"2020-03-01","labels":[{"label":"car"},{"label":"bus"}],"categoryGlobalAttributes":[{"name":"occluded","type":"string","enum":["no","yes"]}],"annotationType":"BoundingBox"}"#;

fn annotation(class_id: &str, attributes: &str, id: &str) -> String {
    format!(
        r#"{{"height":2,"width":2,"top":0,"left":0,"class-id":"{class_id}","label-category-attributes":{attributes},"object-id":"{id}","object-name":"car:1"}}"#
    )
}

// ---- usage and exit codes ------------------------------------------------------------

#[test]
fn no_verb_is_a_usage_error_with_exit_2() {
    let out = vframe_in(Path::new("."), &[]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn validate_without_files_is_a_usage_error_with_exit_2() {
    let out = vframe_in(Path::new("."), &["validate"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("<FILE>"));
}

#[test]
fn class_map_without_config_is_a_usage_error() {
    let dir = folder(&[("a.json", "{}")]);
    let out = vframe_in(
        dir.path(),
        &["validate", "--class-map", "m.manifest", "a.json"],
    );
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn unreadable_file_exits_2_naming_it_and_the_others_are_still_checked() {
    let dir = folder(&[("bad.json", "{")]);
    let out = vframe_in(dir.path(), &["validate", "missing.json", "bad.json"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).starts_with("vframe: missing.json: "));
    assert!(
        stdout(&out).starts_with("bad.json:1:1: invalid JSON: "),
        "{}",
        stdout(&out)
    );
}

#[test]
fn every_verb_has_help_naming_its_flags() {
    let dir = Path::new(".");
    let top = stdout(&vframe_in(dir, &["--help"]));
    for verb in ["validate", "stats", "convert"] {
        assert!(top.contains(verb), "{top}");
    }
    for (verb, flags) in [
        (
            "validate",
            &["--config", "--class-map", "--format", "FILE:LINE:COLUMN"][..],
        ),
        ("stats", &["--format", "--class-map", "track"][..]),
        (
            "convert",
            &["--from", "--to", "--output", "byte for byte"][..],
        ),
    ] {
        let out = vframe_in(dir, &[verb, "--help"]);
        assert_eq!(out.status.code(), Some(0));
        let help = stdout(&out);
        for flag in flags {
            assert!(
                help.contains(flag),
                "`vframe {verb} --help` lacks {flag}:\n{help}"
            );
        }
    }
}

// ---- validate ------------------------------------------------------------------------

#[test]
fn real_ground_truth_files_are_valid_with_exit_0_and_no_output() {
    let dir = real("");
    let mut args = vec!["validate"];
    args.extend(REAL_FILES);
    let out = vframe_in(&dir, &args);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert_eq!(stdout(&out), "");
}

#[test]
fn real_labels_are_valid_against_a_configuration_naming_their_class() {
    let dir = folder(&[("config.json", r#"{"labels":[{"label":"HEL"}]}"#)]);
    let labels = real("deepaliaws-tracking-SeqLabel.json");
    let manifest = real("deepaliaws-tracking-output.manifest");
    let out = vframe_in(
        dir.path(),
        &[
            "validate",
            "--config",
            "config.json",
            "--class-map",
            manifest.to_str().unwrap(),
            labels.to_str().unwrap(),
            manifest.to_str().unwrap(),
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));

    // A configuration without the class the manifest's class-map names.
    std::fs::write(
        dir.path().join("other.json"),
        r#"{"labels":[{"label":"ball"}]}"#,
    )
    .unwrap();
    let out = vframe_in(
        dir.path(),
        &[
            "validate",
            "--config",
            "other.json",
            manifest.to_str().unwrap(),
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout(&out).ends_with(
            ":1:378: NFL-5788-000634-endzone-vot-ref-metadata.class-map.0: class-map maps 0 to \"HEL\", which is not a label of the configuration\n"
        ),
        "{}",
        stdout(&out)
    );
}

#[test]
fn syntax_error_is_reported_at_its_line_and_column() {
    let dir = folder(&[(
        "SeqLabel.json",
        "{\"tracking-annotations\":[\n  {\"annotations\":[] \"frame-no\":\"0\",\"frame\":\"a.jpg\"}\n]}",
    )]);
    let out = vframe_in(dir.path(), &["validate", "SeqLabel.json"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stdout(&out),
        "SeqLabel.json:2:21: invalid JSON: expected `,` or `}`\n"
    );
}

#[test]
fn wrong_type_is_reported_with_its_path() {
    let dir = folder(&[(
        "SeqLabel.json",
        r#"{"tracking-annotations":[{"annotations":[],"frame-no":true,"frame":"a.jpg"}]}"#,
    )]);
    let out = vframe_in(dir.path(), &["validate", "SeqLabel.json"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stdout(&out),
        "SeqLabel.json:1:55: tracking-annotations[0].frame-no: invalid type: boolean `true`, expected a frame number (string or integer)\n"
    );
}

#[test]
fn unknown_attribute_value_and_class_id_out_of_range_are_both_reported() {
    let labels = format!(
        "{{\"tracking-annotations\":[\n{{\"annotations\":[{}],\"frame-no\":\"0\",\"frame\":\"f0.jpg\"}},\n{{\"annotations\":[{}],\"frame-no\":\"1\",\"frame\":\"f1.jpg\"}}]}}",
        annotation("0", r#"{"occluded":"maybe"}"#, "a"),
        annotation("5", "{}", "b"),
    );
    let dir = folder(&[("config.json", CONFIG), ("SeqLabel.json", &labels)]);
    let out = vframe_in(
        dir.path(),
        &["validate", "--config", "config.json", "SeqLabel.json"],
    );
    assert_eq!(out.status.code(), Some(1));
    let lines: Vec<&str> = std::str::from_utf8(&out.stdout).unwrap().lines().collect();
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert_eq!(
        lines[0],
        r#"SeqLabel.json:2:111: tracking-annotations[0].annotations[0].label-category-attributes.occluded: object car:1 (id a): value "maybe" is not one of ["no", "yes"]"#
    );
    assert_eq!(
        lines[1],
        "SeqLabel.json:3:67: tracking-annotations[1].annotations[0].class-id: class-id 5 names no label: the configuration has 2 labels (class-id N is the N-th label, from 0)"
    );
}

#[test]
fn class_map_of_the_output_manifest_decides_what_a_class_id_names() {
    // With the manifest's class-map, class-id 0 is "bus": the car's attribute is still fine
    // (global), but a class-map label the configuration lacks is reported.
    let labels = format!(
        r#"{{"tracking-annotations":[{{"annotations":[{}],"frame-no":"0","frame":"f0.jpg"}}]}}"#,
        annotation("0", "{}", "a")
    );
    let manifest = r#"{"source-ref":"s3://b/s.json","x-ref":"s3://b/out/job/annotations/consolidated-annotation/output/0/SeqLabel.json","x-ref-metadata":{"class-map":{"0":"truck"},"job-name":"labeling-job/job","human-annotated":"yes","creation-date":"2021-09-29T05:50:35.566000","type":"groundtruth/video-object-tracking"}}
"#;
    let dir = folder(&[
        ("config.json", CONFIG),
        ("SeqLabel.json", &labels),
        ("output.manifest", manifest),
    ]);
    let without = vframe_in(
        dir.path(),
        &["validate", "--config", "config.json", "SeqLabel.json"],
    );
    assert_eq!(without.status.code(), Some(0), "{}", stdout(&without));
    let with = vframe_in(
        dir.path(),
        &[
            "validate",
            "--config",
            "config.json",
            "--class-map",
            "output.manifest",
            "SeqLabel.json",
        ],
    );
    assert_eq!(with.status.code(), Some(1));
    assert!(stdout(&with).contains("\"truck\""), "{}", stdout(&with));
}

#[test]
fn json_format_is_an_array_of_located_problems() {
    let dir = folder(&[("bad.json", "{\"tracking-annotations\":[}")]);
    let out = vframe_in(dir.path(), &["validate", "--format", "json", "bad.json"]);
    assert_eq!(out.status.code(), Some(1));
    let problems: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        problems,
        serde_json::json!([{"file": "bad.json", "line": 1, "column": 26, "path": null,
            "code": "syntax", "message": "invalid JSON: expected value"}])
    );
}

#[test]
fn json_format_of_valid_files_is_an_empty_array() {
    let out = vframe_in(&real(""), &["validate", "--format", "json", REAL_FILES[0]]);
    assert_eq!(out.status.code(), Some(0));
    let problems: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(problems, serde_json::json!([]));
}

#[test]
fn a_file_of_no_ground_truth_kind_is_a_problem() {
    let dir = folder(&[("cors.json", "[1]")]);
    let out = vframe_in(dir.path(), &["validate", "cors.json"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout(&out).starts_with("cors.json:1:1: the document is an array;"),
        "{}",
        stdout(&out)
    );
}

// ---- convert -------------------------------------------------------------------------

#[test]
fn converting_real_files_gt_to_gt_gives_identical_bytes() {
    let dir = tempfile::tempdir().unwrap();
    for name in REAL_FILES {
        let out_path = dir.path().join(name);
        let out = vframe_in(
            dir.path(),
            &[
                "convert",
                "--from",
                "gt",
                "--to",
                "gt",
                real(name).to_str().unwrap(),
                "-o",
                out_path.to_str().unwrap(),
            ],
        );
        assert_eq!(
            out.status.code(),
            Some(0),
            "{name}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            std::fs::read(&out_path).unwrap() == std::fs::read(real(name)).unwrap(),
            "{name} changed"
        );
    }
}

#[test]
fn converting_rewrites_in_ground_truth_style() {
    let dir = folder(&[("in.json", "{ \"detection-annotations\" : [ ] }\n")]);
    let out = vframe_in(
        dir.path(),
        &[
            "convert", "--from", "gt", "--to", "gt", "in.json", "-o", "out.json",
        ],
    );
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("out.json")).unwrap(),
        r#"{"detection-annotations":[]}"#
    );
}

#[test]
fn converting_a_broken_file_reports_it_and_leaves_the_output_untouched() {
    let dir = folder(&[
        ("in.json", "{\"tracking-annotations\":[}"),
        ("out.json", "precious"),
    ]);
    let out = vframe_in(
        dir.path(),
        &[
            "convert", "--from", "gt", "--to", "gt", "in.json", "-o", "out.json",
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "in.json:1:26: invalid JSON: expected value\n"
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("out.json")).unwrap(),
        "precious"
    );
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(
        names.len(),
        2,
        "no temporary file is left behind: {names:?}"
    );
}

#[test]
fn converting_to_an_unknown_format_is_a_usage_error() {
    let out = vframe_in(
        Path::new("."),
        &["convert", "--from", "gt", "--to", "nope", "a", "-o", "b"],
    );
    assert_eq!(out.status.code(), Some(2));
}

// ---- stats ---------------------------------------------------------------------------

fn stats_json(name: &str) -> serde_json::Value {
    let out = vframe_in(&real(""), &["stats", "--format", "json", name]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let all: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    all[0]["summary"].clone()
}

#[test]
fn stats_of_the_deepaliaws_labels() {
    let s = stats_json(REAL_FILES[0]);
    assert_eq!(s["task"], "tracking");
    assert_eq!(
        (s["frames"].as_u64(), s["objects"].as_u64()),
        (Some(307), Some(20))
    );
    assert_eq!(s["annotations"].as_u64(), Some(4180));
    assert_eq!(s["tracks"]["shortest"].as_u64(), Some(14));
    assert_eq!(s["tracks"]["longest"].as_u64(), Some(307));
    assert_eq!(s["categories"][0]["objects"].as_u64(), Some(20));
}

#[test]
fn stats_of_the_iprivit_labels() {
    let s = stats_json(REAL_FILES[2]);
    assert_eq!(
        (s["frames"].as_u64(), s["objects"].as_u64()),
        (Some(54), Some(12))
    );
    assert_eq!(s["annotations"].as_u64(), Some(648));
    assert_eq!(s["tracks"]["gaps"].as_u64(), Some(0));
}

#[test]
fn stats_table_names_classes_from_class_map_and_counts_tracks() {
    let out = vframe_in(
        &real(""),
        &["stats", "--class-map", REAL_FILES[1], REAL_FILES[0]],
    );
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    assert!(
        text.starts_with("deepaliaws-tracking-SeqLabel.json: SeqLabel.json (tracking)\n"),
        "{text}"
    );
    let has_row = |cells: &[&str]| {
        text.lines()
            .any(|l| l.split_whitespace().eq(cells.iter().copied()))
    };
    assert!(has_row(&["frames", "307"]), "{text}");
    assert!(has_row(&["objects", "20"]), "{text}");
    assert!(has_row(&["annotations", "4180"]), "{text}");
    assert!(has_row(&["0", "HEL", "20", "4180"]), "{text}");
    assert!(text.contains("HEL:20"), "{text}");
}

#[test]
fn stats_of_a_manifest_lists_its_label_attributes() {
    let s = stats_json(REAL_FILES[3]);
    assert_eq!(s["lines"].as_u64(), Some(1));
    let names: Vec<&str> = s["label_attributes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Person", "Person-ref"]);
}
