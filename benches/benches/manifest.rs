//! Output manifests at scale: a generated 100,000-line output manifest (~55 MB), streamed.
//!
//! Ground Truth caps a job at 10 sequences, but pipelines chain and concatenate manifests,
//! and a streaming reader must not grow with the file. This bench
//! 1. writes the manifest line by line to a temporary file,
//! 2. prints peak RSS (`VmHWM` of `/proc/self/status`) before and after streaming all
//!    100,000 lines through `ManifestReader` -> `ManifestWriter` (to `io::sink`), and after
//!    streaming only the first 10,000 (memory must not depend on the count), and
//! 3. measures read and read+write throughput with criterion.
//!
//! Run: `cargo bench -p vframe-benches --bench manifest`

use std::fs::File;
use std::hint::black_box;
use std::io::{BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use vframe_core::{ClassId, CreationDate, LabelMetadata, TaskType};
use vframe_io::manifest::{LabelMetadataDoc, ManifestLine, ManifestReader, ManifestWriter};

const LINES: usize = 100_000;

fn manifest_path() -> PathBuf {
    std::env::temp_dir()
        .join("vframe-bench")
        .join("output-100k.manifest")
}

/// Writes the manifest one line at a time (so generating it does not raise the peak).
fn generate(path: &Path) -> u64 {
    if let Ok(meta) = std::fs::metadata(path) {
        return meta.len();
    }
    std::fs::create_dir_all(path.parent().expect("temp folder")).expect("create bench folder");
    let date = CreationDate::utc(2021, 9, 29, 5, 50, 35, 566_000).expect("valid date");
    let mut out = ManifestWriter::new(BufWriter::new(File::create(path).expect("create manifest")));
    for n in 0..LINES {
        let mut line = ManifestLine::new(format!(
            "s3://bucket/videos/clip{n:06}.mp4/clip{n:06}.mp4-sequence-1598758660.json"
        ));
        let meta = LabelMetadata::new(TaskType::Tracking, "NFL-5788-000634-endzone-vot", date)
            .with_class(ClassId(0), "HEL")
            .with_class(ClassId(1), "player");
        line.set_label_attribute(
            "NFL-5788-000634-endzone-vot-ref",
            &format!("s3://bucket/out/NFL-5788-000634-endzone-vot/annotations/consolidated-annotation/output/{n}/SeqLabel.json"),
            LabelMetadataDoc::from_metadata(&meta),
        );
        out.write_line(&line).expect("write line");
    }
    out.into_inner().expect("flush").flush().expect("flush");
    std::fs::metadata(path).expect("manifest written").len()
}

/// Peak resident set size so far, in kB (`VmHWM`); `None` off Linux.
fn peak_rss_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.split_whitespace().next())
        .and_then(|v| v.parse().ok())
}

/// Reads every record and writes it again; returns how many lines went through.
fn stream(path: &Path, limit: usize) -> usize {
    let reader = ManifestReader::new(BufReader::new(File::open(path).expect("open manifest")));
    let mut writer = ManifestWriter::new(std::io::sink());
    for record in reader.take(limit) {
        let record = record.expect("generated manifest reads");
        black_box(record.line.label_attributes());
        writer.write_line(&record.line).expect("write to sink");
    }
    writer.lines_written()
}

fn memory_report(path: &Path, bytes: u64) {
    let mb =
        |kb: Option<u64>| kb.map_or("n/a".to_owned(), |k| format!("{:.1} MB", k as f64 / 1024.0));
    let before = peak_rss_kb();
    let n = stream(path, 10_000);
    let after_10k = peak_rss_kb();
    let n2 = stream(path, usize::MAX);
    let after_100k = peak_rss_kb();
    println!(
        "manifest: file {:.1} MB, {n2} lines; peak RSS before streaming {}, after {n} lines {}, after all {n2} lines {}",
        bytes as f64 / 1e6,
        mb(before),
        mb(after_10k),
        mb(after_100k)
    );
    // For contrast: what holding every record at once costs.
    let all: Vec<_> = ManifestReader::new(BufReader::new(File::open(path).expect("open manifest")))
        .collect::<Result<_, _>>()
        .expect("generated manifest reads");
    println!(
        "manifest: for contrast, collecting all {} records into a Vec raises peak RSS to {}",
        all.len(),
        mb(peak_rss_kb())
    );
}

fn bench(c: &mut Criterion) {
    let path = manifest_path();
    let bytes = generate(&path);
    memory_report(&path, bytes);
    let mut group = c.benchmark_group("manifest_100k_lines");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(bytes));
    group.bench_function("read", |b| {
        b.iter(|| {
            let reader = ManifestReader::new(BufReader::new(File::open(&path).expect("open")));
            black_box(reader.fold(0usize, |n, r| {
                black_box(r.expect("reads"));
                n + 1
            }))
        })
    });
    group.bench_function("read_write", |b| {
        b.iter(|| black_box(stream(&path, usize::MAX)))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
