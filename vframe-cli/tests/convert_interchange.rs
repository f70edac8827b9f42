//! `vframe convert` with CVAT, MOT, COCO and YOLO: loss reports, --strict, round trips
//! through a real Ground Truth file.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn real(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared/gt-corpus/real")
        .join(name)
}

fn vframe(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_vframe"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("the vframe binary runs")
}

fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

const SEQ_LABEL: &str = "deepaliaws-tracking-SeqLabel.json";

fn copy_real(dir: &Path) {
    std::fs::copy(real(SEQ_LABEL), dir.join(SEQ_LABEL)).unwrap();
}

#[test]
fn strict_conversion_with_a_loss_writes_nothing_and_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    copy_real(dir.path());
    // UUID object ids cannot be MOT ids: a loss.
    let out = vframe(
        dir.path(),
        &[
            "convert", "--from", "gt", "--to", "mot", SEQ_LABEL, "-o", "mot", "--strict",
        ],
    );
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(
        text(&out).contains("object ids renumbered"),
        "{}",
        text(&out)
    );
    assert!(!dir.path().join("mot").exists());
}

#[test]
fn yolo_without_a_frame_size_is_refused_with_the_flag_named() {
    let dir = tempfile::tempdir().unwrap();
    copy_real(dir.path());
    let out = vframe(
        dir.path(),
        &[
            "convert", "--from", "gt", "--to", "yolo", SEQ_LABEL, "-o", "y",
        ],
    );
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    assert!(text(&out).contains("--size"), "{}", text(&out));
}

#[test]
fn ground_truth_through_mot_and_cvat_comes_back_with_the_same_boxes() {
    let dir = tempfile::tempdir().unwrap();
    copy_real(dir.path());
    let steps: [&[&str]; 3] = [
        &[
            "convert", "--from", "gt", "--to", "mot", SEQ_LABEL, "-o", "mot", "--size", "1280x720",
        ],
        &[
            "convert", "--from", "mot", "--to", "cvat", "mot", "-o", "a.xml",
        ],
        &[
            "convert", "--from", "cvat", "--to", "gt", "a.xml", "-o", "job",
        ],
    ];
    for args in steps {
        let out = vframe(dir.path(), args);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", text(&out));
        assert!(
            text(&out).contains("read ") && text(&out).contains("write "),
            "{}",
            text(&out)
        );
    }
    let back = dir
        .path()
        .join("job/annotations/consolidated-annotation/output/0/SeqLabel.json");
    let read = |p: &Path| {
        let doc =
            vframe_io::seq_label::SeqLabelDoc::from_slice(&std::fs::read(p).unwrap()).unwrap();
        doc.to_labels().unwrap()
    };
    let (a, b) = (read(&real(SEQ_LABEL)), read(&back));
    assert_eq!(a.objects().len(), b.objects().len());
    let boxes = |l: &vframe_core::SequenceLabels| {
        let mut v: Vec<String> = l
            .objects()
            .iter()
            .flat_map(|o| {
                o.track()
                    .keyframes()
                    .iter()
                    .map(|k| format!("{}:{:?}", k.frame, k.state))
            })
            .collect();
        v.sort();
        v
    };
    assert_eq!(boxes(&a), boxes(&b));
    assert!(
        dir.path()
            .join("job/manifests/output/output.manifest")
            .is_file()
    );
}
