//! The committed `samples/` are exactly what `examples/make_samples.rs` writes, and they
//! validate as the README says.

#[path = "../examples/make_samples.rs"]
#[allow(dead_code)]
mod make_samples;

use std::path::{Path, PathBuf};
use std::process::Command;

fn samples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../samples")
}

fn files_below(root: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                out.push(path.strip_prefix(root).unwrap().to_path_buf());
            }
        }
    }
    out.sort();
    out
}

#[test]
fn committed_samples_are_what_the_generator_writes() {
    let dir = tempfile::tempdir().unwrap();
    make_samples::write_samples(dir.path()).unwrap();
    let made = files_below(dir.path());
    // Other samples (e.g. `video/`, made by other tools) live beside the generator's own.
    let generated = ["label-config.json", "input", "job-output", "broken"];
    let committed: Vec<PathBuf> = files_below(&samples())
        .into_iter()
        .filter(|p| {
            p.components()
                .next()
                .is_some_and(|c| generated.iter().any(|g| c.as_os_str() == *g))
        })
        .collect();
    assert_eq!(
        made, committed,
        "regenerate with `cargo run -p vframe-cli --example make_samples`"
    );
    for file in made {
        assert!(
            std::fs::read(dir.path().join(&file)).unwrap()
                == std::fs::read(samples().join(&file)).unwrap(),
            "samples/{} differs from what make_samples writes; regenerate it",
            file.display()
        );
    }
}

fn vframe(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_vframe"))
        .args(args)
        .current_dir(samples())
        .output()
        .unwrap()
}

#[test]
fn sample_job_is_valid_against_its_configuration() {
    let out = vframe(&[
        "validate",
        "--config",
        "label-config.json",
        "--class-map",
        "job-output/manifests/output/output.manifest",
        "label-config.json",
        "input",
        "job-output",
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert!(out.stdout.is_empty());
}

#[test]
fn broken_sample_shows_every_kind_of_label_problem() {
    let out = vframe(&[
        "validate",
        "--config",
        "label-config.json",
        "--format",
        "json",
        "broken",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let problems: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    let mut codes: Vec<&str> = problems
        .iter()
        .map(|p| p["code"].as_str().unwrap())
        .collect();
    codes.sort_unstable();
    codes.dedup();
    assert_eq!(
        codes,
        [
            "attribute.required",
            "attribute.unknown",
            "attribute.value",
            "class_id.unknown"
        ]
    );
}

#[test]
fn sample_job_summary_counts_its_objects_and_the_gap() {
    let out = vframe(&["stats", "--format", "json", "job-output"]);
    assert_eq!(out.status.code(), Some(0));
    let summaries: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    let labels = summaries
        .iter()
        .find(|s| s["file"].as_str().unwrap().ends_with("SeqLabel.json"))
        .unwrap();
    let s = &labels["summary"];
    assert_eq!(
        (s["frames"].as_u64(), s["objects"].as_u64()),
        (Some(12), Some(4))
    );
    // 12 + 7 + 9 + 6 annotated frames; the pedestrian is hidden on frames 5 to 7.
    assert_eq!(s["annotations"].as_u64(), Some(34));
    assert_eq!(s["tracks"]["gaps"].as_u64(), Some(1));
    assert_eq!(s["tracks"]["gap_frames"].as_u64(), Some(3));
    // Names come from the output manifest found beside the labels.
    assert_eq!(s["categories"][1]["label"].as_str(), Some("pedestrian"));
}
