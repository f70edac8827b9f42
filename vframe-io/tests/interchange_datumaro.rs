//! vframe's interchange formats against a real peer: Datumaro (Python) imports what vframe
//! writes with the same annotation counts, track ids and coordinates, and vframe imports what
//! Datumaro writes.
//!
//! Datumaro runs through `tests/peers/datumaro_peer.py`. When it is not importable the tests
//! fail in CI (`CI=true`) and are skipped with a printed reason elsewhere.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use serde_json::{Value, json};
use vframe_core::{
    AnnotationType, ClassId, ClassMap, FrameSize, Keyframe, LabeledObject, ObjectId,
    SequenceLabels, TaskType, Track,
};
use vframe_geom::{BoundingBox, Shape};
use vframe_io::interchange::{
    LabeledSequence, coco, cvat_video, mot,
    yolo::{self, YoloFrames, YoloReadOptions, YoloWriteOptions},
};

const SIZE: FrameSize = FrameSize {
    width: 64,
    height: 48,
};

fn script() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/peers/datumaro_peer.py")
}

/// Runs the peer; `None` when Datumaro (or Python) is missing outside CI.
fn peer(args: &[&str], stdin: Option<&str>) -> Option<String> {
    let missing = |why: String| -> Option<String> {
        let in_ci = std::env::var("CI").is_ok_and(|v| v == "true" || v == "1");
        assert!(
            !in_ci,
            "Datumaro is required in CI but is not usable: {why}"
        );
        eprintln!(
            "SKIPPED: Datumaro is not usable here ({why}); install it with `pip install datumaro==1.13.12`"
        );
        None
    };
    let spawned = Command::new("python3")
        .arg(script())
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn();
    let mut child = match spawned {
        Ok(child) => child,
        Err(e) => return missing(format!("python3 cannot be run: {e}")),
    };
    if let Some(text) = stdin {
        child
            .stdin
            .take()
            .unwrap()
            .write_all(text.as_bytes())
            .unwrap();
    } else {
        drop(child.stdin.take());
    }
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    if out.status.code() == Some(3) {
        return missing(stderr.trim().to_owned());
    }
    assert!(out.status.success(), "peer {args:?} failed: {stderr}");
    Some(String::from_utf8(out.stdout).unwrap())
}

fn bbox(frame: u32, shift: f64) -> Shape {
    BoundingBox::new(8.0 + 4.0 * f64::from(frame) + shift, 6.0, 16.0, 12.0)
        .unwrap()
        .into()
}

/// Six frames; car 1 visible on 0..=2, absent on 3, visible on 4..=5; bus 2 on 1..=4; car 7
/// on frame 5 only. Every number is exact in binary after YOLO's normalisation.
fn sequence() -> LabeledSequence {
    let mut labels = SequenceLabels::new(TaskType::Tracking, AnnotationType::BoundingBox);
    for i in 0..6 {
        labels.add_frame(i, format!("frame_{i:06}.jpg")).unwrap();
    }
    let mut k1: Vec<Keyframe> = (0..3).map(|f| Keyframe::visible(f, bbox(f, 0.0))).collect();
    k1.push(Keyframe::absent(3));
    k1.extend((4..6).map(|f| Keyframe::visible(f, bbox(f, 0.0))));
    let objects = [
        ("1", "car:1", 0, k1),
        (
            "2",
            "bus:1",
            1,
            (1..5)
                .map(|f| Keyframe::visible(f, bbox(f, 16.0)))
                .collect(),
        ),
        ("7", "car:2", 0, vec![Keyframe::visible(5, bbox(5, 8.0))]),
    ];
    for (id, name, class, keyframes) in objects {
        labels
            .add_object(LabeledObject::new(
                Some(ObjectId::new(id)),
                Some(name.into()),
                ClassId(class),
                Track::new(keyframes).unwrap(),
            ))
            .unwrap();
    }
    let mut map = ClassMap::new();
    map.insert(ClassId(0), "car".into());
    map.insert(ClassId(1), "bus".into());
    labels.set_class_map(map);
    LabeledSequence::with_derived_config(labels).with_frame_size(SIZE)
}

/// The visible annotations of a sequence in the peer's normalised form.
fn normalise(s: &LabeledSequence, with_tracks: bool) -> Vec<Value> {
    let mut out = Vec::new();
    for o in s.labels.objects() {
        for k in o.track().keyframes() {
            let (kind, points) = match k.shape() {
                Some(Shape::BoundingBox(b)) => ("bbox", vec![b.left, b.top, b.width, b.height]),
                Some(Shape::Polygon { vertices }) => (
                    "polygon",
                    vertices
                        .vertices()
                        .iter()
                        .flat_map(|p| [p.x, p.y])
                        .collect(),
                ),
                _ => continue,
            };
            let track = if with_tracks {
                o.id().and_then(|i| i.as_str().parse::<i64>().ok())
            } else {
                None
            };
            out.push(json!({
                "frame": k.frame,
                "track": track,
                "label": s.label_name(o.class_id()),
                "type": kind,
                "points": points,
            }));
        }
    }
    sort(&mut out);
    out
}

fn sort(v: &mut [Value]) {
    v.sort_by(|a, b| {
        let key = |x: &Value| {
            (
                x["frame"].as_i64(),
                x["track"].as_i64().unwrap_or(-1),
                x["points"].to_string(),
            )
        };
        key(a).cmp(&key(b))
    });
}

/// The peer's annotations, keeping only the fields compared, without CVAT's outside shapes.
fn peer_annotations(text: &str, with_tracks: bool) -> Vec<Value> {
    let v: Value = serde_json::from_str(text).unwrap();
    let mut out: Vec<Value> = v["annotations"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| !a["outside"].as_bool().unwrap_or(false))
        .map(|a| {
            json!({
                "frame": a["frame"],
                "track": if with_tracks { a["track"].clone() } else { Value::Null },
                "label": a["label"],
                "type": a["type"],
                "points": a["points"],
            })
        })
        .collect();
    sort(&mut out);
    out
}

fn assert_same(ours: &[Value], theirs: &[Value]) {
    assert_eq!(
        ours.len(),
        theirs.len(),
        "annotation counts differ:\nours {ours:#?}\ntheirs {theirs:#?}"
    );
    for (a, b) in ours.iter().zip(theirs) {
        assert_eq!(a["frame"], b["frame"], "{a} vs {b}");
        assert_eq!(a["track"], b["track"], "{a} vs {b}");
        assert_eq!(a["label"], b["label"], "{a} vs {b}");
        let (pa, pb) = (
            a["points"].as_array().unwrap(),
            b["points"].as_array().unwrap(),
        );
        assert_eq!(pa.len(), pb.len(), "{a} vs {b}");
        for (x, y) in pa.iter().zip(pb) {
            assert!(
                (x.as_f64().unwrap() - y.as_f64().unwrap()).abs() < 1e-6,
                "{a} vs {b}"
            );
        }
    }
}

/// Track ids up to renaming: each id replaced by its rank of first appearance.
fn canonical_tracks(v: &mut [Value]) {
    let mut seen: Vec<i64> = Vec::new();
    for a in v.iter_mut() {
        if let Some(t) = a["track"].as_i64() {
            let rank = seen.iter().position(|s| *s == t).unwrap_or_else(|| {
                seen.push(t);
                seen.len() - 1
            });
            a["track"] = json!(rank);
        }
    }
}

fn spec(s: &LabeledSequence) -> String {
    json!({
        "labels": ["car", "bus"],
        "frames": s.labels.frames().len(),
        "annotations": normalise(s, true),
    })
    .to_string()
}

#[test]
fn datumaro_imports_our_mot_with_same_ids_and_boxes() {
    let dir = tempfile::tempdir().unwrap();
    let s = sequence();
    let loss = mot::write_mot_dir(&s, mot::MotFlavor::GroundTruth, dir.path(), 30).unwrap();
    assert!(loss.is_lossless(), "{loss}");
    let Some(out) = peer(&["import", "mot", dir.path().to_str().unwrap()], None) else {
        return;
    };
    assert_same(&normalise(&s, true), &peer_annotations(&out, true));
}

#[test]
fn datumaro_imports_our_cvat_video_with_same_ids_and_boxes() {
    let dir = tempfile::tempdir().unwrap();
    let s = sequence();
    let path = dir.path().join("annotations.xml");
    let loss = cvat_video::write_cvat_video_file(&s, &Default::default(), &path).unwrap();
    assert!(loss.is_lossless(), "{loss}");
    let Some(out) = peer(&["import", "cvat", dir.path().to_str().unwrap()], None) else {
        return;
    };
    assert_same(&normalise(&s, true), &peer_annotations(&out, true));
}

#[test]
fn datumaro_imports_our_coco_with_same_track_ids_and_boxes() {
    let dir = tempfile::tempdir().unwrap();
    let s = sequence();
    std::fs::create_dir_all(dir.path().join("annotations")).unwrap();
    // Datumaro's COCO layout wants an images folder even when no image is shipped.
    std::fs::create_dir_all(dir.path().join("images/default")).unwrap();
    let path = dir.path().join("annotations/instances_default.json");
    let loss = coco::write_coco_file(&s, &path).unwrap();
    assert!(loss.is_lossless(), "{loss}");
    let Some(out) = peer(&["import", "coco", dir.path().to_str().unwrap()], None) else {
        return;
    };
    assert_same(&normalise(&s, true), &peer_annotations(&out, true));
}

#[test]
fn datumaro_imports_our_yolo_with_same_boxes() {
    let dir = tempfile::tempdir().unwrap();
    let s = sequence();
    // Datumaro reads 5-field lines only: write without the trailing track id, and say so.
    let options = YoloWriteOptions {
        track_ids: false,
        subset: "train".into(),
    };
    let loss = yolo::write_yolo_dir(&s, dir.path(), &options).unwrap();
    assert_eq!(
        loss.count(vframe_io::interchange::LossKind::TrackIdentity),
        3
    );
    let Some(out) = peer(
        &[
            "import",
            "yolo",
            dir.path().to_str().unwrap(),
            "--size",
            "64x48",
        ],
        None,
    ) else {
        return;
    };
    assert_same(&normalise(&s, false), &peer_annotations(&out, false));
}

fn export(format: &str, s: &LabeledSequence) -> Option<tempfile::TempDir> {
    let dir = tempfile::tempdir().unwrap();
    peer(
        &[
            "export",
            format,
            dir.path().to_str().unwrap(),
            "--size",
            "64x48",
        ],
        Some(&spec(s)),
    )?;
    Some(dir)
}

#[test]
fn we_import_datumaro_mot_with_same_tracks_and_boxes() {
    let s = sequence();
    let Some(dir) = export("mot", &s) else { return };
    let (read, _) = mot::read_mot_dir(dir.path()).unwrap();
    let (mut ours, mut theirs) = (normalise(&read, true), normalise(&s, true));
    // Datumaro renumbers MOT track ids by first appearance.
    canonical_tracks(&mut ours);
    canonical_tracks(&mut theirs);
    assert_same(&ours, &theirs);
    assert_eq!(read.labels.objects().len(), 3);
}

#[test]
fn we_import_datumaro_cvat_tracks_with_same_ids_and_boxes() {
    let s = sequence();
    let Some(dir) = export("cvat", &s) else {
        return;
    };
    let xml = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|x| x == "xml"))
        .expect("Datumaro wrote an XML file");
    let (read, loss) = cvat_video::read_cvat_video_file(&xml, &Default::default()).unwrap();
    assert!(loss.is_lossless(), "{loss}");
    // Datumaro writes no outside shapes for gaps: car 1 becomes one track spanning frames 0..=5
    // whose shapes are the visible ones.
    assert_same(&normalise(&read, true), &normalise(&s, true));
}

#[test]
fn we_import_datumaro_coco_with_same_track_ids_and_boxes() {
    let s = sequence();
    let Some(dir) = export("coco", &s) else {
        return;
    };
    let path = dir.path().join("annotations/instances_default.json");
    let (read, _) = coco::read_coco_file(&path, &Default::default()).unwrap();
    assert_same(&normalise(&read, true), &normalise(&s, true));
}

#[test]
fn we_import_datumaro_yolo_with_same_boxes() {
    let s = sequence();
    let Some(dir) = export("yolo", &s) else {
        return;
    };
    let mut options = YoloReadOptions::new(SIZE);
    options.frames = YoloFrames::ByNumber { first: 0 };
    let (read, _) = yolo::read_yolo_dir(dir.path(), &options).unwrap();
    assert_same(&normalise(&read, false), &normalise(&s, false));
    assert_eq!(read.labels.task(), TaskType::Detection);
}

/// Three frames of one polygon track and one polygon detection-like track.
fn polygon_sequence() -> LabeledSequence {
    let mut labels = SequenceLabels::new(TaskType::Tracking, AnnotationType::Polygon);
    for i in 0..3 {
        labels.add_frame(i, format!("frame_{i:06}.jpg")).unwrap();
    }
    let poly = |f: u32, dx: f64| -> Shape {
        let x = 4.0 + f64::from(f) * 2.0 + dx;
        Shape::Polygon {
            vertices: vframe_geom::Polygon::new(vec![
                vframe_geom::Point::new(x, 4.0),
                vframe_geom::Point::new(x + 10.0, 4.0),
                vframe_geom::Point::new(x + 5.0, 12.5),
            ])
            .unwrap(),
        }
    };
    let t1 = Track::new((0..3).map(|f| Keyframe::visible(f, poly(f, 0.0))).collect()).unwrap();
    let t2 = Track::single(1, poly(1, 20.0));
    for (id, name, track) in [("1", "car:1", t1), ("2", "car:2", t2)] {
        labels
            .add_object(LabeledObject::new(
                Some(ObjectId::new(id)),
                Some(name.into()),
                ClassId(0),
                track,
            ))
            .unwrap();
    }
    let mut map = ClassMap::new();
    map.insert(ClassId(0), "car".into());
    labels.set_class_map(map);
    LabeledSequence::with_derived_config(labels).with_frame_size(SIZE)
}

#[test]
fn datumaro_imports_our_polygons_from_cvat_and_coco_with_same_vertices() {
    let s = polygon_sequence();
    let dir = tempfile::tempdir().unwrap();
    cvat_video::write_cvat_video_file(&s, &Default::default(), &dir.path().join("a.xml")).unwrap();
    let Some(out) = peer(&["import", "cvat", dir.path().to_str().unwrap()], None) else {
        return;
    };
    assert_same(&normalise(&s, true), &peer_annotations(&out, true));

    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("annotations")).unwrap();
    std::fs::create_dir_all(dir.path().join("images/default")).unwrap();
    coco::write_coco_file(&s, &dir.path().join("annotations/instances_default.json")).unwrap();
    let out = peer(&["import", "coco", dir.path().to_str().unwrap()], None).unwrap();
    // Datumaro adds each COCO annotation's bbox as a box of its own; compare the polygons.
    let theirs: Vec<Value> = peer_annotations(&out, true)
        .into_iter()
        .filter(|a| a["type"] == "polygon")
        .collect();
    assert_same(&normalise(&s, true), &theirs);
}
