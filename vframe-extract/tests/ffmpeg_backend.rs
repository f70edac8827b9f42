//! The `ffmpeg` feature's backend: the same frames as the `ffmpeg` command line, for what the
//! built-in decoder refuses too.
#![cfg(feature = "ffmpeg")]

mod common;

use std::path::Path;

use common::*;
use vframe_extract::sidecar::read_sidecar;
use vframe_extract::{Backend, ExtractError, ExtractOptions, ImageFormat, Sampling};

fn options(sampling: Sampling) -> ExtractOptions {
    ExtractOptions {
        sampling,
        format: ImageFormat::Png,
        backend: Backend::Ffmpeg,
        threads: 2,
        ..ExtractOptions::default()
    }
}

fn assert_matches_ffmpeg(video: &Path, sampling: Sampling) -> Vec<u64> {
    let out = tempfile::tempdir().unwrap();
    let run = extract_to(&[video.to_path_buf()], out.path(), &options(sampling));
    assert!(run.failures.is_empty(), "{:?}", run.failures);
    let (w, h, reference) = reference_frames(video);
    let sidecar = read_sidecar(&run.sequences[0].sidecar).unwrap();
    assert_eq!(sidecar.backend, "ffmpeg");
    for f in &sidecar.frames {
        let (fw, fh, rgb) = load_rgb(&run.sequences[0].folder.join(&f.frame));
        assert_eq!((fw, fh), (w, h));
        let db = psnr(&rgb, &reference[f.video_frame as usize]);
        assert!(
            db >= 40.0,
            "frame {} is {db:.1} dB from FFmpeg's",
            f.video_frame
        );
    }
    sidecar.frames.iter().map(|f| f.video_frame).collect()
}

#[test]
fn odd_size_4_4_4_video_that_the_builtin_decoder_refuses_matches_ffmpeg() {
    let dir = tempfile::tempdir().unwrap();
    let video = make_video(
        dir.path(),
        "odd.mp4",
        "641x359",
        12,
        &["-pix_fmt", "yuv444p"],
    );
    let all = assert_matches_ffmpeg(&video, Sampling::All);
    assert_eq!(all.len() as u64, probe_frame_count(&video));
}

#[test]
fn b_frame_video_gives_every_frame_with_ffprobe_timestamps() {
    let dir = tempfile::tempdir().unwrap();
    let video = make_video(dir.path(), "b.mp4", "320x240", 30, &["-bf", "3"]);
    assert_eq!(
        assert_matches_ffmpeg(&video, Sampling::Every(4)),
        vec![0, 4, 8, 12, 16, 20, 24, 28]
    );
    let out = tempfile::tempdir().unwrap();
    let run = extract_to(
        std::slice::from_ref(&video),
        out.path(),
        &options(Sampling::All),
    );
    let sidecar = read_sidecar(&run.sequences[0].sidecar).unwrap();
    let pts: Vec<i64> = sidecar.frames.iter().map(|f| f.pts.unwrap()).collect();
    assert_eq!(pts, probe_pts(&video));
}

#[test]
fn rotation_metadata_is_applied() {
    let dir = tempfile::tempdir().unwrap();
    let plain = make_video(dir.path(), "plain.mp4", "320x240", 6, &[]);
    let rotated = ffmpeg(
        &[
            "-i",
            plain.to_str().unwrap(),
            "-c",
            "copy",
            "-metadata:s:v:0",
            "rotate=270",
        ],
        &dir.path().join("rotated.mp4"),
    );
    assert_matches_ffmpeg(&rotated, Sampling::All);
}

#[test]
fn webm_vp9_is_read_too() {
    let dir = tempfile::tempdir().unwrap();
    let video = ffmpeg(
        &[
            "-f",
            "lavfi",
            "-i",
            "testsrc2=size=320x240:rate=30",
            "-frames:v",
            "8",
            "-c:v",
            "libvpx-vp9",
            "-deadline",
            "realtime",
        ],
        &dir.path().join("clip.webm"),
    );
    assert_eq!(assert_matches_ffmpeg(&video, Sampling::All).len(), 8);
}

#[test]
fn truncated_video_is_a_failure_with_no_sequence_file() {
    let dir = tempfile::tempdir().unwrap();
    let video = make_video(
        dir.path(),
        "cut.mp4",
        "320x240",
        30,
        &["-movflags", "+faststart"],
    );
    let bytes = std::fs::read(&video).unwrap();
    std::fs::write(&video, &bytes[..bytes.len() / 2]).unwrap();
    let out = tempfile::tempdir().unwrap();
    let run = extract_to(&[video], out.path(), &options(Sampling::All));
    assert!(
        matches!(run.failures[0], ExtractError::Corrupt { .. }),
        "{}",
        run.failures[0]
    );
    assert!(!out.path().join("cut.mp4/cut.mp4-sequence.json").exists());
}

#[test]
fn text_file_is_not_a_video() {
    let dir = tempfile::tempdir().unwrap();
    let text = dir.path().join("notes.mp4");
    std::fs::write(&text, "plain text").unwrap();
    let out = tempfile::tempdir().unwrap();
    let run = extract_to(&[text], out.path(), &options(Sampling::All));
    assert!(
        matches!(run.failures[0], ExtractError::NotAVideo { .. }),
        "{}",
        run.failures[0]
    );
}
