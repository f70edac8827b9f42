//! The written folder is what Ground Truth's automated setup makes: a folder per video with
//! zero-padded frames and a valid sequence file, one manifest, long videos split; broken
//! inputs leave no sequence file; reruns are idempotent.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use common::*;
use vframe_core::Limits;
use vframe_extract::sidecar::read_sidecar;
use vframe_extract::{
    Backend, Control, ExtractError, ExtractOptions, ImageFormat, Sampling, extract,
};
use vframe_io::manifest::read_manifest_file;
use vframe_io::sequence_file::read_sequence_file;

fn options() -> ExtractOptions {
    ExtractOptions {
        backend: Backend::Builtin,
        threads: 2,
        ..ExtractOptions::default()
    }
}

/// Every file under `dir` with its bytes, by relative path.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.insert(
                    p.strip_prefix(dir).unwrap().to_path_buf(),
                    std::fs::read(&p).unwrap(),
                );
            }
        }
    }
    out
}

/// Reads every sequence file the manifest lists (mapping the prefix root to `out`) and checks
/// it has no problem Ground Truth would report and that every frame it names exists.
fn assert_valid_dataset(out: &Path, root: &str) -> usize {
    let records = read_manifest_file(&out.join("dataset.manifest")).unwrap();
    for r in &records {
        assert!(r.problems.is_empty(), "{:?}", r.problems);
        let rel = r
            .line
            .source_ref()
            .strip_prefix(root)
            .expect("source-ref under the prefix");
        let doc = read_sequence_file(&out.join(rel)).unwrap();
        let (seq, problems) = doc.to_sequence(&Limits::default()).unwrap();
        assert!(problems.is_empty(), "{problems:?}");
        let folder = doc.prefix.strip_prefix(root).unwrap();
        for f in seq.frames() {
            assert_eq!(
                f.frame_no,
                i64::from(f.index),
                "frame-no is the 0-based position"
            );
            assert!(
                out.join(folder).join(&f.file).is_file(),
                "{} missing",
                f.file
            );
        }
    }
    records.len()
}

#[test]
fn one_video_gives_a_folder_named_after_it_and_a_manifest_line() {
    let dir = tempfile::tempdir().unwrap();
    let video = make_video(dir.path(), "clip.mp4", "160x120", 12, &[]);
    let out = tempfile::tempdir().unwrap();
    let opts = ExtractOptions {
        prefix: Some("s3://bucket/jobs/run1".to_owned()),
        ..options()
    };
    let run = extract_to(&[video], out.path(), &opts);
    let seq = &run.sequences[0];
    assert_eq!(
        seq.source_ref,
        "s3://bucket/jobs/run1/clip.mp4/clip.mp4-sequence.json"
    );
    assert_eq!(seq.frames, 12);
    assert!(out.path().join("clip.mp4/frame_0000.jpeg").is_file());
    assert!(out.path().join("clip.mp4/frame_0011.jpeg").is_file());
    let doc = read_sequence_file(&seq.sequence_file).unwrap();
    assert_eq!(doc.prefix, "s3://bucket/jobs/run1/clip.mp4/");
    assert_eq!(doc.seq_no, 1);
    assert_eq!(
        assert_valid_dataset(out.path(), "s3://bucket/jobs/run1/"),
        1
    );
}

#[test]
fn video_over_the_limit_is_split_into_sequences_in_part_folders() {
    let dir = tempfile::tempdir().unwrap();
    let video = make_video(dir.path(), "long.mp4", "160x120", 30, &[]);
    let out = tempfile::tempdir().unwrap();
    let opts = ExtractOptions {
        max_frames_per_sequence: 12,
        format: ImageFormat::Png,
        ..options()
    };
    let run = extract_to(&[video], out.path(), &opts);
    let counts: Vec<usize> = run.sequences.iter().map(|s| s.frames).collect();
    assert_eq!(counts, vec![12, 12, 6]);
    let root = format!("{}/", std::fs::canonicalize(out.path()).unwrap().display());
    assert_eq!(assert_valid_dataset(out.path(), &root), 3);
    let third = read_sidecar(&run.sequences[2].sidecar).unwrap();
    assert_eq!(third.frames[0].frame, "frame_0000.png");
    assert_eq!(third.frames[0].video_frame, 24);
    assert!(
        out.path()
            .join("long.mp4/part_0003/long.mp4-part_0003-sequence.json")
            .is_file()
    );
}

#[test]
fn running_twice_gives_the_same_bytes_and_fewer_frames_remove_the_stale_ones() {
    let dir = tempfile::tempdir().unwrap();
    let video = make_video(dir.path(), "clip.mp4", "160x120", 10, &[]);
    let out = tempfile::tempdir().unwrap();
    extract_to(std::slice::from_ref(&video), out.path(), &options());
    let first = snapshot(out.path());
    extract_to(std::slice::from_ref(&video), out.path(), &options());
    assert_eq!(first, snapshot(out.path()));
    let every = ExtractOptions {
        sampling: Sampling::Every(5),
        ..options()
    };
    extract_to(&[video], out.path(), &every);
    let names: Vec<_> = snapshot(out.path()).into_keys().collect();
    let frames: Vec<_> = names
        .iter()
        .filter(|p| p.to_string_lossy().contains("frame_"))
        .collect();
    assert_eq!(frames.len(), 2, "{names:?}");
}

#[test]
fn name_with_spaces_and_non_ascii_letters_names_its_folder_and_source_ref() {
    let dir = tempfile::tempdir().unwrap();
    let video = make_video(dir.path(), "Straße bei Nacht é.mp4", "160x120", 4, &[]);
    let out = tempfile::tempdir().unwrap();
    let opts = ExtractOptions {
        prefix: Some("s3://b/p/".to_owned()),
        ..options()
    };
    let run = extract_to(&[video], out.path(), &opts);
    assert_eq!(
        run.sequences[0].source_ref,
        "s3://b/p/Straße bei Nacht é.mp4/Straße bei Nacht é.mp4-sequence.json"
    );
    assert!(
        out.path()
            .join("Straße bei Nacht é.mp4/frame_0003.jpeg")
            .is_file()
    );
    assert_valid_dataset(out.path(), "s3://b/p/");
}

#[test]
fn not_a_video_is_a_failure_naming_it_and_the_other_inputs_still_extract() {
    let dir = tempfile::tempdir().unwrap();
    let text = dir.path().join("notes.mp4");
    std::fs::write(&text, "these are notes, not a video\n").unwrap();
    let video = make_video(dir.path(), "clip.mp4", "160x120", 3, &[]);
    let out = tempfile::tempdir().unwrap();
    let run = extract_to(&[text, video], out.path(), &options());
    assert_eq!(run.sequences.len(), 1);
    assert_eq!(run.failures.len(), 1);
    let msg = run.failures[0].to_string();
    assert!(
        matches!(run.failures[0], ExtractError::NotAVideo { .. }),
        "{msg}"
    );
    assert!(msg.contains("notes.mp4"), "{msg}");
    assert!(!out.path().join("notes.mp4").exists());
    let root = format!("{}/", std::fs::canonicalize(out.path()).unwrap().display());
    assert_eq!(assert_valid_dataset(out.path(), &root), 1);
}

#[test]
fn truncated_video_names_the_last_good_frame_and_leaves_no_sequence_file() {
    let dir = tempfile::tempdir().unwrap();
    // faststart puts the index first, so cutting the file keeps the index and loses frames.
    let video = make_video(
        dir.path(),
        "cut.mp4",
        "160x120",
        30,
        &["-movflags", "+faststart"],
    );
    let bytes = std::fs::read(&video).unwrap();
    std::fs::write(&video, &bytes[..bytes.len() * 2 / 3]).unwrap();
    let out = tempfile::tempdir().unwrap();
    let run = extract_to(&[video], out.path(), &options());
    assert!(run.sequences.is_empty());
    let err = &run.failures[0];
    let ExtractError::Corrupt {
        last_good_frame, ..
    } = err
    else {
        panic!("{err}")
    };
    assert!(last_good_frame.is_some_and(|n| n < 29), "{err}");
    let msg = err.to_string();
    assert!(
        msg.contains("cut.mp4") && msg.contains("truncated") && msg.contains("last good frame"),
        "{msg}"
    );
    assert!(!out.path().join("cut.mp4/cut.mp4-sequence.json").exists());
    assert!(!out.path().join("dataset.manifest").exists());
}

#[test]
fn video_cut_before_its_index_is_reported_as_truncated() {
    let dir = tempfile::tempdir().unwrap();
    let video = make_video(dir.path(), "cut.mp4", "160x120", 30, &[]);
    let bytes = std::fs::read(&video).unwrap();
    std::fs::write(&video, &bytes[..bytes.len() / 2]).unwrap();
    let out = tempfile::tempdir().unwrap();
    let run = extract_to(&[video], out.path(), &options());
    let msg = run.failures[0].to_string();
    assert!(
        msg.contains("truncated") && msg.contains("last good frame: none"),
        "{msg}"
    );
}

#[test]
fn rerun_over_a_truncated_copy_removes_the_old_sequence_file() {
    let dir = tempfile::tempdir().unwrap();
    let video = make_video(
        dir.path(),
        "clip.mp4",
        "160x120",
        30,
        &["-movflags", "+faststart"],
    );
    let out = tempfile::tempdir().unwrap();
    extract_to(std::slice::from_ref(&video), out.path(), &options());
    assert!(out.path().join("clip.mp4/clip.mp4-sequence.json").is_file());
    let bytes = std::fs::read(&video).unwrap();
    std::fs::write(&video, &bytes[..bytes.len() / 2]).unwrap();
    let run = extract_to(&[video], out.path(), &options());
    assert_eq!(run.failures.len(), 1);
    assert!(!out.path().join("clip.mp4/clip.mp4-sequence.json").exists());
}

#[test]
fn unsupported_stream_is_refused_up_front_pointing_at_the_ffmpeg_feature() {
    let dir = tempfile::tempdir().unwrap();
    // An odd size needs 4:4:4 chroma in H.264, which the built-in decoder does not decode.
    let video = make_video(
        dir.path(),
        "odd.mp4",
        "641x359",
        3,
        &["-pix_fmt", "yuv444p"],
    );
    let out = tempfile::tempdir().unwrap();
    let run = extract_to(&[video], out.path(), &options());
    let msg = run.failures[0].to_string();
    assert!(
        matches!(run.failures[0], ExtractError::Unsupported { .. }),
        "{msg}"
    );
    assert!(
        msg.contains("4:4:4") && msg.contains("`ffmpeg` feature"),
        "{msg}"
    );
    assert!(!out.path().join("odd.mp4").exists());
}

#[test]
fn cancelling_stops_without_a_sequence_file_or_manifest() {
    let dir = tempfile::tempdir().unwrap();
    let video = make_video(dir.path(), "clip.mp4", "160x120", 20, &[]);
    let out = tempfile::tempdir().unwrap();
    let mut seen = 0;
    let result = extract(&[video], out.path(), &options(), &mut |p| {
        seen = p.frames_done;
        if p.frames_done >= 3 {
            Control::Cancel
        } else {
            Control::Continue
        }
    });
    assert!(matches!(result, Err(ExtractError::Cancelled)));
    assert_eq!(seen, 3);
    assert!(!out.path().join("clip.mp4/clip.mp4-sequence.json").exists());
    assert!(!out.path().join("dataset.manifest").exists());
}

#[test]
fn image_folder_becomes_a_sequence_in_file_name_order() {
    let dir = tempfile::tempdir().unwrap();
    let frames = dir.path().join("cam 1");
    std::fs::create_dir(&frames).unwrap();
    ffmpeg(
        &[
            "-f",
            "lavfi",
            "-i",
            "testsrc2=size=640x360:rate=30",
            "-frames:v",
            "5",
            "-vf",
            "scale=641:359,format=rgb24",
        ],
        &frames.join("img_%03d.png"),
    );
    std::fs::write(frames.join("readme.txt"), "not an image").unwrap();
    let out = tempfile::tempdir().unwrap();
    let opts = ExtractOptions {
        format: ImageFormat::Png,
        sampling: Sampling::Every(2),
        ..options()
    };
    let run = extract_to(std::slice::from_ref(&frames), out.path(), &opts);
    assert_eq!(run.sequences[0].frames, 3);
    assert_eq!(run.sequences[0].frame_size, (641, 359));
    let sidecar = read_sidecar(&run.sequences[0].sidecar).unwrap();
    let sources: Vec<u64> = sidecar.frames.iter().map(|f| f.video_frame).collect();
    assert_eq!(sources, vec![0, 2, 4]);
    let (_, _, ours) = load_rgb(&out.path().join("cam 1/frame_0002.png"));
    let (_, _, theirs) = load_rgb(&frames.join("img_005.png"));
    assert_eq!(ours, theirs, "PNG to PNG is lossless");
}

#[test]
fn two_inputs_with_the_same_name_are_refused_before_anything_is_written() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    let v1 = make_video(a.path(), "clip.mp4", "160x120", 2, &[]);
    let v2 = make_video(b.path(), "clip.mp4", "160x120", 2, &[]);
    let out = tempfile::tempdir().unwrap();
    let err = extract(&[v1, v2], out.path(), &options(), &mut |_| {
        Control::Continue
    })
    .unwrap_err();
    assert!(err.to_string().contains("same name"), "{err}");
    assert!(std::fs::read_dir(out.path()).unwrap().next().is_none());
}
