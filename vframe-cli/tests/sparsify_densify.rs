//! `vframe sparsify` and `vframe densify` on a real Ground Truth file.

use std::path::PathBuf;
use std::process::Command;

fn vframe() -> Command {
    Command::new(env!("CARGO_BIN_EXE_vframe"))
}

fn real(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared/gt-corpus/real")
        .join(name)
}

#[test]
fn sparsify_then_densify_reproduces_every_annotation_within_tolerance() {
    let dir = tempfile::tempdir().unwrap();
    let input = real("deepaliaws-tracking-SeqLabel.json");
    let sparse = dir.path().join("sparse.json");
    let dense = dir.path().join("dense.SeqLabel.json");

    let out = vframe()
        .args(["sparsify", "--tolerance", "2"])
        .arg(&input)
        .arg("-o")
        .arg(&sparse)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("object HEL:1 (id "), "{text}");
    assert!(text.contains("1640 of 4180 annotations"), "{text}");

    let out = vframe()
        .arg("densify")
        .arg(&sparse)
        .arg("-o")
        .arg(&dense)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let read = |p: &PathBuf| {
        vframe_io::read_seq_label_file(p)
            .unwrap()
            .to_labels()
            .unwrap()
    };
    let (original, back) = (read(&input), read(&dense));
    assert_eq!(back.annotation_count(), original.annotation_count());
    for (a, b) in original.objects().iter().zip(back.objects()) {
        assert_eq!(a.id(), b.id());
        assert_eq!(a.track().keyframes().len(), b.track().keyframes().len());
        for (k, j) in a.track().keyframes().iter().zip(b.track().keyframes()) {
            assert_eq!(k.frame, j.frame);
            match (k.shape(), j.shape()) {
                (Some(x), Some(y)) => {
                    let d = vframe_core::labels::shape_distance(x, y).unwrap();
                    assert!(
                        d <= 2.0 + vframe_core::labels::ROUNDING_GRACE,
                        "{} frame {}: {d}",
                        a.describe(),
                        k.frame
                    );
                }
                (None, None) => {}
                _ => panic!("{} frame {}: visibility changed", a.describe(), k.frame),
            }
        }
    }
}

#[test]
fn sparsify_refuses_a_negative_tolerance_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out_path = dir.path().join("out.json");
    let out = vframe()
        .args(["sparsify", "--tolerance=-1"])
        .arg(real("iprivit-tracking-adjustment-SeqLabel.json"))
        .arg("-o")
        .arg(&out_path)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("tolerance"));
    assert!(!out_path.exists());
}

#[test]
fn densify_reports_a_broken_native_file_with_its_path() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("bad.json");
    std::fs::write(
        &input,
        r#"{"vframe": 1, "task": "tracking", "annotationType": "BoundingBox",
  "frames": [{"frame": 0, "file": "a.jpg"}],
  "objects": [{"id": "x", "classId": 0, "keyframes": [{"frame": 0, "shape": {"left": 1, "top": 1, "width": -4, "height": 2}}]}]}"#,
    )
    .unwrap();
    let out = vframe()
        .arg("densify")
        .arg(&input)
        .arg("-o")
        .arg(dir.path().join("o.json"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("bad.json:3:"), "{err}");
    assert!(err.contains("objects[0].keyframes[0].shape"), "{err}");
}
