//! Test videos made with the ffmpeg command line, and FFmpeg's own decode of them as the
//! reference every extracted frame is compared with.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

use vframe_extract::{Control, ExtractOptions, Extraction, extract};

/// Runs a command and returns its stdout; a failure panics with its stderr.
pub fn run(cmd: &mut Command) -> Vec<u8> {
    let out = cmd
        .output()
        .unwrap_or_else(|e| panic!("cannot run {cmd:?} (is ffmpeg installed?): {e}"));
    assert!(
        out.status.success(),
        "{cmd:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

/// Makes `name` in `dir` with `ffmpeg -f lavfi -i testsrc2=...` plus `extra` arguments.
pub fn make_video(dir: &Path, name: &str, size: &str, frames: u32, extra: &[&str]) -> PathBuf {
    let path = dir.join(name);
    let mut cmd = Command::new("ffmpeg");
    cmd.args(["-v", "error", "-y", "-f", "lavfi", "-i"])
        .arg(format!("testsrc2=size={size}:rate=30"))
        .args([
            "-frames:v",
            &frames.to_string(),
            "-c:v",
            "libx264",
            "-pix_fmt",
            "yuv420p",
        ])
        .args(extra)
        .arg(&path);
    run(&mut cmd);
    path
}

/// Runs ffmpeg with arbitrary arguments, the output last.
pub fn ffmpeg(args: &[&str], out: &Path) -> PathBuf {
    let mut cmd = Command::new("ffmpeg");
    cmd.args(["-v", "error", "-y"]).args(args).arg(out);
    run(&mut cmd);
    out.to_path_buf()
}

/// FFmpeg's decode of every frame, as RGB24 (autorotated), in presentation order.
pub fn reference_frames(video: &Path) -> (u32, u32, Vec<Vec<u8>>) {
    let (w, h) = probe_display_size(video);
    let raw = run(Command::new("ffmpeg")
        .args(["-v", "error", "-i"])
        .arg(video)
        .args([
            "-map",
            "0:v:0",
            "-fps_mode",
            "passthrough",
            "-f",
            "rawvideo",
            "-pix_fmt",
            "rgb24",
            "-",
        ]));
    let frame = (w * h * 3) as usize;
    assert_eq!(
        raw.len() % frame,
        0,
        "ffmpeg output is not whole {w}x{h} frames"
    );
    (w, h, raw.chunks(frame).map(<[u8]>::to_vec).collect())
}

/// Width and height FFmpeg shows (after rotation), read from a one-frame PPM.
pub fn probe_display_size(video: &Path) -> (u32, u32) {
    let ppm = run(Command::new("ffmpeg")
        .args(["-v", "error", "-i"])
        .arg(video)
        .args(["-frames:v", "1", "-f", "image2pipe", "-c:v", "ppm", "-"]));
    let header = String::from_utf8_lossy(&ppm[..ppm.len().min(64)]).into_owned();
    let nums: Vec<u32> = header
        .split_whitespace()
        .skip(1)
        .take(2)
        .map(|s| s.parse().unwrap())
        .collect();
    (nums[0], nums[1])
}

/// ffprobe's count of decoded frames.
pub fn probe_frame_count(video: &Path) -> u64 {
    let text = String::from_utf8(run(Command::new("ffprobe")
        .args([
            "-v",
            "error",
            "-select_streams",
            "v:0",
            "-count_frames",
            "-show_entries",
            "stream=nb_read_frames",
            "-of",
            "csv=p=0",
        ])
        .arg(video)))
    .unwrap();
    text.trim().trim_end_matches(',').parse().unwrap()
}

/// ffprobe's presentation timestamps (ticks of the stream time base), in output order.
pub fn probe_pts(video: &Path) -> Vec<i64> {
    let text = String::from_utf8(run(Command::new("ffprobe")
        .args([
            "-v",
            "error",
            "-select_streams",
            "v:0",
            "-show_entries",
            "frame=best_effort_timestamp",
            "-of",
            "csv=p=0",
        ])
        .arg(video)))
    .unwrap();
    text.lines()
        .filter_map(|l| l.trim().trim_end_matches(',').parse().ok())
        .collect()
}

/// PSNR in dB of two equally sized 8-bit buffers (infinite when identical).
pub fn psnr(a: &[u8], b: &[u8]) -> f64 {
    assert_eq!(a.len(), b.len(), "pictures differ in size");
    let mse = a
        .iter()
        .zip(b)
        .map(|(&x, &y)| {
            let d = f64::from(x) - f64::from(y);
            d * d
        })
        .sum::<f64>()
        / a.len() as f64;
    if mse == 0.0 {
        f64::INFINITY
    } else {
        10.0 * (255.0 * 255.0 / mse).log10()
    }
}

/// Decodes an extracted frame image to RGB24 with the `image` crate.
pub fn load_rgb(path: &Path) -> (u32, u32, Vec<u8>) {
    let img = image::open(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .into_rgb8();
    (img.width(), img.height(), img.into_raw())
}

/// Extracts with `options` into `out`, never cancelling.
pub fn extract_to(inputs: &[PathBuf], out: &Path, options: &ExtractOptions) -> Extraction {
    extract(inputs, out, options, &mut |_| Control::Continue).unwrap()
}

/// Decodes an image to RGB24 with FFmpeg, so chroma is upsampled the way the reference is.
pub fn load_rgb_ffmpeg(path: &Path) -> (u32, u32, Vec<u8>) {
    let (w, h) = probe_display_size(path);
    let raw = run(Command::new("ffmpeg")
        .args(["-v", "error", "-i"])
        .arg(path)
        .args(["-f", "rawvideo", "-pix_fmt", "rgb24", "-"]));
    (w, h, raw)
}
