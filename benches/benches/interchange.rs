//! Interchange conversion throughput: a generated tracking job (2,000 frames x 250 boxes)
//! read from and written to MOT, CVAT for video XML, COCO and YOLO, side by side with
//! Datumaro converting the same files in the same run (`benches/peers/datumaro_convert.py`).
//!
//! For each format the bench prints one line: vframe's read + write time and annotations
//! per second, Datumaro's import + export time, the ratio, and both peak resident set sizes
//! (vframe's measured in a child process doing only that conversion).
//!
//! Run: `cargo bench -p vframe-benches --bench interchange`. While working on one format,
//! `VFRAME_INTERCHANGE_FORMATS=cvat,coco` limits the run to those formats and
//! `VFRAME_INTERCHANGE_PEER=0` skips Datumaro; `VFRAME_BENCH_DIR` sets where the files go.
//!
//! YOLO's figure is mostly creating and reading 2,000 files, so it depends on the file
//! system: on an ext4 without a journal, creating files is slowed for minutes after many
//! were deleted, and the bench then prints a warning under the YOLO line. The figures in
//! `docs/performance.md` were made on a journaled ext4 (`VFRAME_BENCH_DIR`).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use criterion::{BatchSize, Criterion, Throughput};
use vframe_core::FrameSize;
use vframe_io::interchange::cvat_video::{self, CvatReadOptions, CvatWriteOptions};
use vframe_io::interchange::yolo::{self, YoloReadOptions, YoloWriteOptions};
use vframe_io::interchange::{LabeledSequence, coco, mot};
use vframe_io::seq_label::SeqLabelDoc;

const FRAMES: usize = 2_000;
const OBJECTS: usize = 250;
const SIZE: FrameSize = FrameSize {
    width: 1920,
    height: 1080,
};
const FORMATS: [&str; 4] = ["mot", "cvat", "coco", "yolo"];
const PEAK_VAR: &str = "VFRAME_INTERCHANGE_PEAK";

fn generate() -> LabeledSequence {
    let bytes = vframe_benches::seq_label_gen::tracking_seq_label(FRAMES, OBJECTS, 7);
    let labels = SeqLabelDoc::from_slice(&bytes)
        .and_then(|d| d.to_labels())
        .expect("the generated SeqLabel.json is valid");
    LabeledSequence::with_derived_config(labels).with_frame_size(SIZE)
}

/// Where criterion's write loop writes: tmpfs (`/dev/shm`) when there is one, else the
/// bench folder's `loop`. The loop writes a hundred outputs (gigabytes for CVAT and COCO):
/// on the file system under test they would leave the kernel gigabytes to write back while
/// the later formats are compared with Datumaro.
fn write_loop_folder(dir: &Path) -> PathBuf {
    let shm = Path::new("/dev/shm");
    if shm.is_dir() {
        shm.join(format!("vframe-interchange-writes-{}", std::process::id()))
    } else {
        dir.join("loop")
    }
}

/// The file or folder vframe writes for a format.
fn target(dir: &Path, format: &str) -> PathBuf {
    match format {
        "cvat" => dir.join("cvat").join("annotations.xml"),
        "coco" => dir
            .join("coco")
            .join("annotations")
            .join("instances_default.json"),
        other => dir.join(other),
    }
}

fn write(format: &str, s: &LabeledSequence, path: &Path) {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).expect("bench folder");
    }
    match format {
        "mot" => mot::write_mot_dir(s, mot::MotFlavor::GroundTruth, path, 30).map(drop),
        "cvat" => {
            cvat_video::write_cvat_video_file(s, &CvatWriteOptions::default(), path).map(drop)
        }
        "coco" => coco::write_coco_file(s, path).map(drop),
        // Without track ids: Datumaro reads 5-field lines only, and both sides get one input.
        _ => {
            let options = YoloWriteOptions {
                track_ids: false,
                ..YoloWriteOptions::default()
            };
            yolo::write_yolo_dir(s, path, &options).map(drop)
        }
    }
    .expect("write");
}

fn read(format: &str, path: &Path) -> LabeledSequence {
    match format {
        "mot" => mot::read_mot_dir(path),
        "cvat" => cvat_video::read_cvat_video_file(path, &CvatReadOptions::default()),
        "coco" => coco::read_coco_file(path, &Default::default()),
        _ => yolo::read_yolo_dir(path, &YoloReadOptions::new(SIZE)),
    }
    .expect("read")
    .0
}

fn peak_rss_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Child process: one read + write of one format, then its peak memory.
fn peak_child(spec: &str) {
    let mut parts = spec.splitn(3, '|');
    let (Some(format), Some(input), Some(output)) = (parts.next(), parts.next(), parts.next())
    else {
        return;
    };
    let before = peak_rss_kb().unwrap_or(0);
    let s = read(format, Path::new(input));
    write(format, &s, Path::new(output));
    println!("{} {}", before, peak_rss_kb().unwrap_or(0));
}

fn our_peak(format: &str, input: &Path, output: &Path) -> Option<(u64, u64)> {
    let exe = std::env::current_exe().ok()?;
    let spec = format!("{format}|{}|{}", input.display(), output.display());
    let out = Command::new(exe).env(PEAK_VAR, spec).output().ok()?;
    let text = String::from_utf8(out.stdout).ok()?;
    let mut nums = text.split_whitespace().filter_map(|n| n.parse().ok());
    Some((nums.next()?, nums.next()?))
}

struct Peer {
    seconds: f64,
    annotations: u64,
    peak_kb: u64,
}

fn peer(format: &str, input: &Path, out: &Path) -> Result<Peer, String> {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("peers/datumaro_convert.py");
    let input = if format == "cvat" || format == "coco" {
        input
            .parent()
            .and_then(|p| {
                if format == "coco" {
                    p.parent()
                } else {
                    Some(p)
                }
            })
            .unwrap_or(input)
    } else {
        input
    };
    let size = format!("{}x{}", SIZE.width, SIZE.height);
    let o = Command::new("python3")
        .arg(script)
        .args([
            format,
            &input.display().to_string(),
            &out.display().to_string(),
            "--size",
            &size,
        ])
        .output()
        .map_err(|e| e.to_string())?;
    if !o.status.success() {
        return Err(String::from_utf8_lossy(&o.stderr)
            .lines()
            .last()
            .unwrap_or("")
            .to_owned());
    }
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).map_err(|e| e.to_string())?;
    Ok(Peer {
        seconds: v["import_seconds"].as_f64().unwrap_or(0.0)
            + v["export_seconds"].as_f64().unwrap_or(0.0),
        annotations: v["annotations"].as_u64().unwrap_or(0),
        peak_kb: v["peak_rss_kb"].as_u64().unwrap_or(0),
    })
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

/// Files the creation probe makes: enough to see the slowdown, few enough not to add to it.
const PROBE_FILES: u32 = 400;
/// Creating an empty file takes 10-20 µs on a journaled ext4 or tmpfs here; ext4 without
/// a journal takes 20-50x that for minutes after many files in its block group were deleted.
const SLOW_CREATE_MICROS: f64 = 60.0;

/// Microseconds to create one empty file in a new folder under `dir`. The files are kept
/// (deleting them would slow the next creations, which is what the probe looks for).
fn creation_probe(dir: &Path, name: &str) -> Option<f64> {
    let folder = dir.join(format!("probe-{name}"));
    std::fs::create_dir_all(&folder).ok()?;
    let t = Instant::now();
    for i in 0..PROBE_FILES {
        std::fs::File::create(folder.join(i.to_string())).ok()?;
    }
    Some(t.elapsed().as_secs_f64() * 1e6 / f64::from(PROBE_FILES))
}

fn main() {
    if let Ok(spec) = std::env::var(PEAK_VAR) {
        peak_child(&spec);
        return;
    }
    let mut c = Criterion::default()
        .configure_from_args()
        .sample_size(10)
        .measurement_time(Duration::from_secs(20));
    let sequence = generate();
    let annotations = sequence.labels.annotation_count() as u64;
    // Criterion's --profile-time and --test modes measure vframe alone.
    let with_peer = !std::env::args().any(|a| a == "--profile-time" || a == "--test")
        && std::env::var("VFRAME_INTERCHANGE_PEER").map_or(true, |v| v != "0");
    let only = std::env::var("VFRAME_INTERCHANGE_FORMATS").ok();
    // VFRAME_BENCH_DIR puts the files elsewhere (e.g. on tmpfs): on an ext4 without a journal,
    // as on the project's VM, creating files is slowed for minutes after any mass deletion
    // (ext4 skips inodes freed in the last 60-360 s), which would measure the machine's
    // history rather than the converters.
    let base = std::env::var_os("VFRAME_BENCH_DIR").map_or_else(std::env::temp_dir, PathBuf::from);
    let dir = base.join(format!("vframe-interchange-bench-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("bench folder");
    println!("interchange: {FRAMES} frames x {OBJECTS} objects, {annotations} boxes");

    let mut lines = Vec::new();
    for format in FORMATS {
        if only
            .as_deref()
            .is_some_and(|o| !o.split(',').any(|f| f.trim() == format))
        {
            continue;
        }
        let input = target(&dir, format);
        write(format, &sequence, &input);
        let output = target(&dir.join("out"), format);

        let mut group = c.benchmark_group(format!("interchange/{format}"));
        group.throughput(Throughput::Elements(annotations));
        group.bench_function("read", |b| b.iter(|| read(format, &input)));
        // Every run writes a new output, as a conversion does and as Datumaro's export below
        // does (its script deletes the old export before its timer starts). Replacing an
        // existing file costs the file system's freeing of the old one on top (see
        // docs/performance.md). The previous run's output is deleted outside the timing; a
        // YOLO folder of 2,000 files is kept instead, because on this VM's ext4 creating
        // files right after deleting many is slowed for minutes.
        let runs = std::cell::Cell::new(0u32);
        let next_run = || {
            runs.set(runs.get() + 1);
            runs.get()
        };
        let fresh = |output: &Path| -> PathBuf {
            let run = next_run();
            if format == "yolo" {
                return output.with_file_name(format!("yolo-{run}"));
            }
            let previous = dir.join("out").join(format!("{format}-{}", run - 1));
            let _ = std::fs::remove_dir_all(previous);
            target(&dir.join("out").join(format!("{format}-{run}")), format)
        };
        // Criterion's write loop runs a hundred times: on tmpfs when there is one, each
        // output deleted before the next run (outside the timing). Deleting that many files
        // (or gigabytes of them) on this VM's ext4 slows file creation there for minutes,
        // which the runs compared with Datumaro below (on the bench folder) would measure.
        let loop_writes = write_loop_folder(&dir);
        let fresh_in_loop = |_: &Path| -> PathBuf {
            let run = next_run();
            let _ = std::fs::remove_dir_all(loop_writes.join(format!("{format}-{}", run - 1)));
            let folder = loop_writes.join(format!("{format}-{run}"));
            if format == "yolo" {
                folder
            } else {
                target(&folder, format)
            }
        };
        group.bench_function("write", |b| {
            b.iter_batched(
                || fresh_in_loop(&output),
                |out| write(format, &sequence, &out),
                BatchSize::PerIteration,
            )
        });
        group.finish();
        let _ = std::fs::remove_dir_all(&loop_writes);
        if !with_peer {
            continue;
        }

        // Earlier formats leave hundreds of megabytes for the kernel to write back (Datumaro
        // does not sync its exports): flushed first, so neither tool here competes with it.
        let _ = Command::new("sync").status();
        // Only YOLO creates a file per frame; the other formats write one or two files.
        let create_micros = (format == "yolo")
            .then(|| creation_probe(&dir, format))
            .flatten();
        let runs: Vec<Duration> = (0..3)
            .map(|_| {
                let out = fresh(&output);
                let t = Instant::now();
                let s = read(format, &input);
                write(format, &s, &out);
                t.elapsed()
            })
            .collect();
        let spread = format!(
            "runs {:.3}-{:.3} s",
            runs.iter().min().map_or(0.0, Duration::as_secs_f64),
            runs.iter().max().map_or(0.0, Duration::as_secs_f64)
        );
        let ours = median(runs).as_secs_f64();
        let peak = our_peak(format, &input, &fresh(&output));
        let peer = peer(format, &input, &dir.join("datumaro").join(format));
        let ours_mb = peak.map_or("?".to_owned(), |(_, p)| format!("{:.0}", p as f64 / 1024.0));
        let line = match peer {
            Ok(p) => format!(
                "{format:>5}: vframe read+write {ours:.3} s ({spread}, {:.2} M boxes/s), peak {ours_mb} MB | Datumaro import+export {:.2} s ({} annotations), peak {:.0} MB | ratio {:.0}x",
                annotations as f64 / ours / 1e6,
                p.seconds,
                p.annotations,
                p.peak_kb as f64 / 1024.0,
                p.seconds / ours
            ),
            Err(e) => format!(
                "{format:>5}: vframe read+write {ours:.3} s ({spread}, {:.2} M boxes/s), peak {ours_mb} MB | Datumaro unavailable or failed: {e}",
                annotations as f64 / ours / 1e6
            ),
        };
        println!("{line}");
        lines.push(line);
        if let Some(micros) = create_micros.filter(|&m| m > SLOW_CREATE_MICROS) {
            let warning = format!(
                "{format:>5}: file creation in {} took {micros:.0} µs per file (normal: 10-20): \
                 ext4 without a journal skips inodes freed in the last 1-6 minutes, so the \
                 times above include that file system's recent history; rerun later, or set \
                 VFRAME_BENCH_DIR to a journaled ext4 or tmpfs",
                dir.display()
            );
            println!("{warning}");
            lines.push(warning);
        }
    }
    println!("\ninterchange summary ({annotations} boxes):");
    for l in &lines {
        println!("{l}");
    }
    c.final_summary();
    let _ = std::fs::remove_dir_all(&dir);
}
