//! Every frame the built-in backend extracts equals FFmpeg's own decode of the same frame:
//! same count as ffprobe, same pts, PSNR >= 40 dB as PNG and >= 30 dB as JPEG.

mod common;

use std::path::Path;

use common::*;
use vframe_extract::sidecar::read_sidecar;
use vframe_extract::{Backend, ExtractOptions, ImageFormat, Sampling};

fn png_options(sampling: Sampling) -> ExtractOptions {
    ExtractOptions {
        sampling,
        format: ImageFormat::Png,
        backend: Backend::Builtin,
        threads: 2,
        ..ExtractOptions::default()
    }
}

/// Extracts `video` and checks each written frame against FFmpeg's decode of the same
/// presentation index; returns the sidecar's video-frame indices.
fn assert_frames_match_ffmpeg(video: &Path, options: &ExtractOptions, min_psnr: f64) -> Vec<u64> {
    let out = tempfile::tempdir().unwrap();
    let run = extract_to(&[video.to_path_buf()], out.path(), options);
    assert!(run.failures.is_empty(), "{:?}", run.failures);
    let (w, h, reference) = reference_frames(video);
    let mut indices = Vec::new();
    let mut worst = f64::INFINITY;
    for seq in &run.sequences {
        let sidecar = read_sidecar(&seq.sidecar).unwrap();
        for f in &sidecar.frames {
            let path = seq.folder.join(&f.frame);
            // JPEG frames are decoded by FFmpeg too: the reference replicates each chroma
            // sample over its 2x2 block while the `image` crate's decoder interpolates, and
            // on testsrc2's saturated edges that viewer difference alone costs ~3 dB.
            let (fw, fh, rgb) = if f.frame.ends_with(".jpeg") {
                load_rgb_ffmpeg(&path)
            } else {
                load_rgb(&path)
            };
            assert_eq!((fw, fh), (w, h), "{} size", f.frame);
            let db = psnr(&rgb, &reference[f.video_frame as usize]);
            assert!(
                db >= min_psnr,
                "{}: frame {} is {db:.1} dB from FFmpeg's",
                video.display(),
                f.video_frame
            );
            worst = worst.min(db);
            indices.push(f.video_frame);
        }
    }
    println!(
        "{}: {} frames, worst PSNR {worst:.1} dB",
        video.display(),
        indices.len()
    );
    indices
}

#[test]
fn every_frame_of_a_b_frame_video_matches_ffmpeg_as_png() {
    let dir = tempfile::tempdir().unwrap();
    // x264's default High profile: 3 B-frames with b-pyramid, so decode order != display order.
    let video = make_video(dir.path(), "cfr.mp4", "320x240", 45, &["-bf", "3"]);
    let indices = assert_frames_match_ffmpeg(&video, &png_options(Sampling::All), 40.0);
    assert_eq!(indices.len() as u64, probe_frame_count(&video));
    assert_eq!(indices, (0..45).collect::<Vec<_>>());
}

#[test]
fn jpeg_at_the_default_quality_is_within_30_db_of_ffmpeg() {
    let dir = tempfile::tempdir().unwrap();
    let video = make_video(dir.path(), "cfr.mp4", "320x240", 20, &[]);
    let options = ExtractOptions {
        backend: Backend::Builtin,
        ..ExtractOptions::default()
    };
    assert_frames_match_ffmpeg(&video, &options, 30.0);
}

#[test]
fn sidecar_pts_equal_ffprobe_timestamps_on_variable_frame_rate_video() {
    let dir = tempfile::tempdir().unwrap();
    let video = ffmpeg(
        &[
            "-f",
            "lavfi",
            "-i",
            "testsrc2=size=320x240:rate=30",
            "-frames:v",
            "40",
            "-vf",
            "setpts='N/30/TB + if(gte(N,20), (N-20)*4/30/TB, 0)'",
            "-fps_mode",
            "passthrough",
            "-enc_time_base",
            "1/1200",
            "-c:v",
            "libx264",
            "-pix_fmt",
            "yuv420p",
        ],
        &dir.path().join("vfr.mp4"),
    );
    let out = tempfile::tempdir().unwrap();
    let run = extract_to(
        std::slice::from_ref(&video),
        out.path(),
        &png_options(Sampling::All),
    );
    let sidecar = read_sidecar(&run.sequences[0].sidecar).unwrap();
    let ours: Vec<i64> = sidecar.frames.iter().map(|f| f.pts.unwrap()).collect();
    let theirs = probe_pts(&video);
    assert_eq!(ours, theirs);
    assert_eq!(ours.len() as u64, probe_frame_count(&video));
    assert_frames_match_ffmpeg(&video, &png_options(Sampling::All), 40.0);
    // Frames 0..20 are 1/30 s apart, then 5/30 s: at 2 fps (targets every 0.5 s) the frame
    // on screen at 0, 0.5 s is frame 0, 15; at 1.0 s frame 20 (shown from 20/30 s to 25/30 s
    // ... then 21 from 25/30 s), so 1.0 s is frame 21, 1.5 s frame 24, 2.0 s frame 27 ...
    let tb = sidecar.time_base.clone().unwrap();
    let den: f64 = tb.split('/').nth(1).unwrap().parse().unwrap();
    let seconds: Vec<f64> = theirs.iter().map(|&p| p as f64 / den).collect();
    let expected: Vec<u64> = {
        let mut v = Vec::new();
        let mut k = 0.0;
        while k * 0.5 <= *seconds.last().unwrap() + 1e-9 {
            let t = k * 0.5;
            let on_screen = seconds.iter().rposition(|&s| s <= t + 1e-9).unwrap() as u64;
            if v.last() != Some(&on_screen) {
                v.push(on_screen);
            }
            k += 1.0;
        }
        v
    };
    let sampled = assert_frames_match_ffmpeg(
        &video,
        &png_options(Sampling::Fps(vframe_core::Rational::new(2, 1).unwrap())),
        40.0,
    );
    assert_eq!(sampled, expected);
}

#[test]
fn every_nth_frame_takes_indices_0_n_2n_and_matches_ffmpeg() {
    let dir = tempfile::tempdir().unwrap();
    let video = make_video(dir.path(), "cfr.mp4", "320x240", 30, &[]);
    let indices = assert_frames_match_ffmpeg(&video, &png_options(Sampling::Every(7)), 40.0);
    assert_eq!(indices, vec![0, 7, 14, 21, 28]);
}

#[test]
fn explicit_frames_are_exactly_the_ones_asked_for() {
    let dir = tempfile::tempdir().unwrap();
    let video = make_video(dir.path(), "cfr.mp4", "320x240", 30, &["-bf", "3"]);
    let indices = assert_frames_match_ffmpeg(
        &video,
        &png_options(Sampling::Indices(vec![29, 3, 4, 17])),
        40.0,
    );
    assert_eq!(indices, vec![3, 4, 17, 29]);
}

#[test]
fn cropped_size_not_a_multiple_of_16_matches_ffmpeg() {
    let dir = tempfile::tempdir().unwrap();
    let video = make_video(dir.path(), "crop.mp4", "642x362", 12, &[]);
    assert_frames_match_ffmpeg(&video, &png_options(Sampling::All), 40.0);
}

#[test]
fn rotation_metadata_is_applied_like_ffmpeg_does() {
    let dir = tempfile::tempdir().unwrap();
    let plain = make_video(dir.path(), "plain.mp4", "320x240", 10, &[]);
    let rotated = ffmpeg(
        &[
            "-i",
            plain.to_str().unwrap(),
            "-c",
            "copy",
            "-metadata:s:v:0",
            "rotate=90",
        ],
        &dir.path().join("rotated.mp4"),
    );
    assert_eq!(probe_display_size(&rotated), (240, 320));
    assert_frames_match_ffmpeg(&rotated, &png_options(Sampling::All), 40.0);
}

#[test]
fn baseline_profile_without_b_frames_matches_ffmpeg() {
    let dir = tempfile::tempdir().unwrap();
    let video = make_video(
        dir.path(),
        "base.mp4",
        "320x240",
        20,
        &["-profile:v", "baseline"],
    );
    assert_frames_match_ffmpeg(&video, &png_options(Sampling::All), 40.0);
}
