//! `extract --all` and `--every 10` on a 1080p H.264 video against the ffmpeg command line
//! making the same JPEG frames at equivalent quality (`-q:v 2` ~ quality 95), same input,
//! same run; prints throughput and the ratio for each backend.
//!
//! `cargo bench -p vframe-benches --bench extract` (built-in decoder only), or with
//! `--features ffmpeg` for the FFmpeg backend too. Needs the ffmpeg command line.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use criterion::Criterion;
use vframe_extract::{Backend, Control, ExtractOptions, ImageFormat, Sampling, extract};

const FRAMES: u32 = 150;
const ROUNDS: usize = 3;

fn make_input(dir: &Path) -> PathBuf {
    let video = dir.join("t1080.mp4");
    if !video.exists() {
        let status = Command::new("ffmpeg")
            .args([
                "-v",
                "error",
                "-y",
                "-f",
                "lavfi",
                "-i",
                "testsrc2=size=1920x1080:rate=30",
            ])
            .args([
                "-frames:v",
                &FRAMES.to_string(),
                "-c:v",
                "libx264",
                "-pix_fmt",
                "yuv420p",
            ])
            .arg(&video)
            .status()
            .expect("the ffmpeg command line is needed to make the input");
        assert!(status.success());
    }
    video
}

fn ours(video: &Path, out: &Path, sampling: &Sampling, backend: Backend) -> Duration {
    let _ = std::fs::remove_dir_all(out);
    let options = ExtractOptions {
        sampling: sampling.clone(),
        format: ImageFormat::Jpeg { quality: 95 },
        backend,
        ..ExtractOptions::default()
    };
    let start = Instant::now();
    let run = extract(&[video.to_path_buf()], out, &options, &mut |_| {
        Control::Continue
    })
    .unwrap();
    let took = start.elapsed();
    assert!(run.failures.is_empty(), "{:?}", run.failures);
    took
}

fn peer(video: &Path, out: &Path, mode: &str) -> Duration {
    let _ = std::fs::remove_dir_all(out);
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("peers/ffmpeg_extract.sh");
    let start = Instant::now();
    let status = Command::new("bash")
        .arg(script)
        .arg(video)
        .arg(out)
        .arg(mode)
        .status()
        .unwrap();
    let took = start.elapsed();
    assert!(status.success());
    took
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn backends() -> Vec<(&'static str, Backend)> {
    vec![
        ("builtin", Backend::Builtin),
        #[cfg(feature = "ffmpeg")]
        ("ffmpeg", Backend::Ffmpeg),
    ]
}

fn main() {
    let dir = std::env::temp_dir().join("vframe-bench-extract");
    std::fs::create_dir_all(&dir).unwrap();
    let video = make_input(&dir);
    let out = dir.join("out");
    let modes = [("all", Sampling::All), ("every10", Sampling::Every(10))];

    // Interleaved rounds so every contender sees the same machine load.
    println!(
        "extract: 1920x1080 H.264, {FRAMES} frames, JPEG q95 vs ffmpeg -q:v 2, median of {ROUNDS} rounds"
    );
    for (mode, sampling) in &modes {
        let mut peer_times = Vec::new();
        let mut our_times: Vec<Vec<Duration>> = vec![Vec::new(); backends().len()];
        for _ in 0..ROUNDS {
            peer_times.push(peer(&video, &out, mode));
            for (i, (_, backend)) in backends().into_iter().enumerate() {
                our_times[i].push(ours(&video, &out, sampling, backend));
            }
        }
        let peer_t = median(peer_times);
        let fps = |d: Duration| f64::from(FRAMES) / d.as_secs_f64();
        println!(
            "  {mode:8} ffmpeg CLI          {:7.1} input frames/s",
            fps(peer_t)
        );
        for (i, (name, _)) in backends().into_iter().enumerate() {
            let t = median(std::mem::take(&mut our_times[i]));
            println!(
                "  {mode:8} vframe ({name:7})    {:7.1} input frames/s   ratio {:.2}x",
                fps(t),
                peer_t.as_secs_f64() / t.as_secs_f64()
            );
        }
    }

    let mut c = Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(20))
        .configure_from_args();
    let mut group = c.benchmark_group("extract_1080p");
    for (mode, sampling) in &modes {
        for (name, backend) in backends() {
            group.bench_function(format!("{mode}/vframe-{name}"), |b| {
                b.iter(|| ours(&video, &out, sampling, backend))
            });
        }
        group.bench_function(format!("{mode}/ffmpeg-cli"), |b| {
            b.iter(|| peer(&video, &out, mode))
        });
    }
    group.finish();
    c.final_summary();
}
