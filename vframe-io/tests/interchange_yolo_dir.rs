//! How `write_yolo_dir` places label files: a new folder appears whole, an existing folder
//! keeps its other files, and nothing is overwritten silently.

use std::path::Path;

use vframe_core::{
    AnnotationType, ClassId, FrameSize, Keyframe, LabeledObject, ObjectId, SequenceLabels,
    TaskType, Track,
};
use vframe_geom::BoundingBox;
use vframe_io::interchange::LabeledSequence;
use vframe_io::interchange::yolo::{self, YoloReadOptions, YoloWriteOptions};

fn sequence(frame_files: &[&str]) -> LabeledSequence {
    let mut labels = SequenceLabels::new(TaskType::Tracking, AnnotationType::BoundingBox);
    for (i, f) in frame_files.iter().enumerate() {
        labels.add_frame(i as u32, *f).unwrap();
    }
    let b = |x: f64| BoundingBox::new(x, 10.0, 20.0, 20.0).unwrap().into();
    let keyframes = (0..frame_files.len() as u32)
        .map(|i| Keyframe::visible(i, b(f64::from(i))))
        .collect();
    labels
        .add_object(LabeledObject::new(
            Some(ObjectId::new("4")),
            Some("car:1".into()),
            ClassId(0),
            Track::new(keyframes).unwrap(),
        ))
        .unwrap();
    LabeledSequence::with_derived_config(labels).with_frame_size(FrameSize {
        width: 100,
        height: 100,
    })
}

fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn new_folder_gets_every_file_and_no_staging_folder_remains() {
    let dir = tempfile::tempdir().unwrap();
    let s = sequence(&["000000.jpg", "000001.jpg", "000002.jpg"]);
    yolo::write_yolo_dir(&s, dir.path(), &YoloWriteOptions::default()).unwrap();
    assert_eq!(listing(&dir.path().join("labels")), ["train"]);
    assert_eq!(
        listing(&dir.path().join("labels/train")),
        ["000000.txt", "000001.txt", "000002.txt"]
    );
    let (back, _) = yolo::read_yolo_dir(
        dir.path(),
        &YoloReadOptions::new(FrameSize {
            width: 100,
            height: 100,
        }),
    )
    .unwrap();
    assert_eq!(back.labels.annotation_count(), 3);
}

#[test]
fn empty_existing_folder_is_filled_and_a_stale_staging_folder_is_replaced() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("labels/train")).unwrap();
    let stale = dir.path().join("labels/.train.vframe-tmp");
    std::fs::create_dir_all(&stale).unwrap();
    std::fs::write(stale.join("junk.txt"), "left by a crash").unwrap();
    yolo::write_yolo_dir(&s_two(), dir.path(), &YoloWriteOptions::default()).unwrap();
    assert_eq!(listing(&dir.path().join("labels")), ["train"]);
    assert_eq!(
        listing(&dir.path().join("labels/train")),
        ["000000.txt", "000001.txt"]
    );
}

fn s_two() -> LabeledSequence {
    sequence(&["000000.jpg", "000001.jpg"])
}

#[test]
fn existing_folder_keeps_other_files_and_gets_ours_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let train = dir.path().join("labels/train");
    std::fs::create_dir_all(&train).unwrap();
    std::fs::write(train.join("notes.md"), "mine").unwrap();
    std::fs::write(train.join("000001.txt"), "old labels").unwrap();
    yolo::write_yolo_dir(&s_two(), dir.path(), &YoloWriteOptions::default()).unwrap();
    assert_eq!(listing(&train), ["000000.txt", "000001.txt", "notes.md"]);
    assert_eq!(
        std::fs::read_to_string(train.join("notes.md")).unwrap(),
        "mine"
    );
    let replaced = std::fs::read_to_string(train.join("000001.txt")).unwrap();
    assert!(replaced.starts_with("0 0.11 0.2 0.2 0.2 4"), "{replaced}");
}

#[test]
fn frames_sharing_a_stem_are_an_error_and_write_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let s = sequence(&["a/000001.jpg", "b/000001.png"]);
    let err = yolo::write_yolo_dir(&s, dir.path(), &YoloWriteOptions::default())
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("000001.txt") && err.contains("a/000001.jpg"),
        "{err}"
    );
    assert!(!dir.path().join("labels/train").exists());
    assert!(!dir.path().join("data.yaml").exists());
}

#[test]
fn files_written_on_many_threads_match_the_sequential_frames_api() {
    let frames: Vec<String> = (0..300).map(|i| format!("{i:06}.jpg")).collect();
    let refs: Vec<&str> = frames.iter().map(String::as_str).collect();
    let s = sequence(&refs);
    let dir = tempfile::tempdir().unwrap();
    yolo::write_yolo_dir(&s, dir.path(), &YoloWriteOptions::default()).unwrap();
    yolo::write_yolo_frames(&s, &YoloWriteOptions::default(), |stem, bytes| {
        let on_disk = std::fs::read(dir.path().join(format!("labels/train/{stem}.txt"))).unwrap();
        assert_eq!(on_disk, bytes, "{stem}");
        Ok(())
    })
    .unwrap();
}

/// Label files whose detection counts change across the folder: the reader reserves room
/// for the rest at the first batch's rate, which must not change what it reads.
fn folder_with_counts(
    counts: impl Fn(usize) -> usize,
) -> (tempfile::TempDir, Vec<(String, Vec<u8>)>) {
    let dir = tempfile::tempdir().unwrap();
    let labels = dir.path().join("labels").join("train");
    std::fs::create_dir_all(&labels).unwrap();
    let files: Vec<(String, Vec<u8>)> = (0..400)
        .map(|i| {
            let text: String = (0..counts(i))
                .map(|k| format!("{} 0.{:02}5 0.5 0.1 0.1\n", k % 3, (i + k) % 90))
                .collect();
            (format!("{i:06}.txt"), text.into_bytes())
        })
        .collect();
    for (name, bytes) in &files {
        std::fs::write(labels.join(name), bytes).unwrap();
    }
    (dir, files)
}

#[test]
fn detections_read_from_a_folder_do_not_depend_on_the_reserved_room() {
    let options = YoloReadOptions::new(FrameSize {
        width: 640,
        height: 480,
    });
    // Few detections first (the estimate is short), then many first (it is generous).
    for counts in [
        (|i: usize| if i < 200 { 1 } else { 40 }) as fn(usize) -> usize,
        |i| if i < 200 { 40 } else { i % 2 },
    ] {
        let (dir, files) = folder_with_counts(counts);
        let (from_folder, _) = yolo::read_yolo_dir(dir.path(), &options).unwrap();
        let in_memory = files.iter().map(|(n, b)| (n.clone(), &b[..]));
        let (one_by_one, _) = yolo::read_yolo_files(in_memory, &options).unwrap();
        let expected: usize = (0..400).map(counts).sum();
        assert_eq!(from_folder.labels.objects().len(), expected);
        assert_eq!(from_folder, one_by_one);
    }
}
