//! `SeqLabel.json` at scale: a generated 2,000-frame x 250-box tracking file (~100 MB).
//!
//! Measures the typed parse into the document, the bar it must beat (the same bytes into
//! `serde_json::Value`), document -> model with validation, and model -> document -> bytes.
//! Python's `json.loads` runs on the same file in the same run (peer script
//! `benches/peers/python_json_load.py`) and the ratio is printed.
//!
//! Run: `cargo bench -p vframe-benches --bench seq_label`

use std::hint::black_box;
use std::path::PathBuf;
use std::process::Command;
use std::time::{Duration, Instant};

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use vframe_benches::seq_label_gen::large_tracking_file;
use vframe_io::seq_label::SeqLabelDoc;

fn data_dir() -> PathBuf {
    std::env::temp_dir().join("vframe-bench")
}

/// Best time of `n` runs of `f`; the result is dropped after the clock stops, as the peer
/// frees its objects after its clock stops.
fn best_of<T>(n: usize, mut f: impl FnMut() -> T) -> Duration {
    (0..n)
        .map(|_| {
            let start = Instant::now();
            let value = black_box(f());
            let elapsed = start.elapsed();
            drop(value);
            elapsed
        })
        .min()
        .unwrap_or_default()
}

/// Runs the Python peer and prints its time next to ours.
fn compare_with_python(path: &std::path::Path, bytes: &[u8]) {
    let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("peers/python_json_load.py");
    let ours = best_of(3, || {
        SeqLabelDoc::from_slice(bytes).expect("generated file parses")
    });
    let output = Command::new("python3")
        .arg(&script)
        .arg(path)
        .args(["--repeat", "3"])
        .output();
    let mb = bytes.len() as f64 / 1e6;
    println!(
        "seq_label: typed parse best of 3: {:.3} s ({:.0} MB/s)",
        ours.as_secs_f64(),
        mb / ours.as_secs_f64()
    );
    match output {
        Ok(out) if out.status.success() => {
            let line = String::from_utf8_lossy(&out.stdout);
            let seconds = line
                .split_whitespace()
                .find_map(|w| w.strip_prefix("seconds="))
                .and_then(|s| s.parse::<f64>().ok());
            match seconds {
                Some(py) => println!(
                    "seq_label: python json.loads best of 3: {py:.3} s ({:.0} MB/s); vframe is {:.1}x faster (target >= 5x)",
                    mb / py,
                    py / ours.as_secs_f64()
                ),
                None => println!("seq_label: could not read the peer's output: {line}"),
            }
        }
        Ok(out) => println!(
            "seq_label: python peer failed: {}",
            String::from_utf8_lossy(&out.stderr)
        ),
        Err(e) => println!("seq_label: python3 not runnable ({e}); no peer ratio"),
    }
}

fn seq_label(c: &mut Criterion) {
    let path = large_tracking_file(&data_dir()).expect("bench data written");
    let bytes = std::fs::read(&path).expect("bench data read");
    compare_with_python(&path, &bytes);

    let doc = SeqLabelDoc::from_slice(&bytes).expect("generated file parses");
    let labels = doc.to_labels().expect("generated file is valid");

    let mut group = c.benchmark_group("seq_label_2000x250");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(20));
    group.throughput(Throughput::Bytes(bytes.len() as u64));
    // Both parses drop their result outside the timed part (freeing 500,000 objects is
    // not parsing, and the Python peer does not time it either).
    group.bench_function("parse_typed_document", |b| {
        b.iter_with_large_drop(|| SeqLabelDoc::from_slice(black_box(&bytes)).unwrap());
    });
    group.bench_function("parse_serde_json_value", |b| {
        b.iter_with_large_drop(|| {
            serde_json::from_slice::<serde_json::Value>(black_box(&bytes)).unwrap()
        });
    });
    group.bench_function("document_to_model", |b| {
        b.iter_with_large_drop(|| black_box(&doc).to_labels().unwrap());
    });
    group.bench_function("write_document", |b| {
        b.iter(|| black_box(&doc).to_vec());
    });
    group.bench_function("model_to_document_to_bytes", |b| {
        b.iter(|| {
            SeqLabelDoc::from_labels(black_box(&labels))
                .unwrap()
                .to_vec()
        });
    });
    group.finish();
}

criterion_group!(benches, seq_label);
criterion_main!(benches);
