//! Polygon and box IoU: vframe against `geo`'s boolean operations and shapely (GEOS).
//!
//! Input: 1,000 pairs of random star polygons with 20–100 vertices each (fixed seed), the
//! two polygons of a pair around nearby centres so that they overlap (disjoint pairs would
//! only measure the bounds check). Measured on the same pairs:
//! - `vframe`: `Polygon::iou` (bounds check, one `geo` intersection, union by arithmetic);
//! - `geo_boolean_ops`: what a `geo` user writes, `intersection` and `union` areas;
//! - shapely, in the same run through `benches/peers/shapely_iou.py`, both per-pair and
//!   with its vectorized array functions; the ratios are printed.
//!
//! The same three on 1,000 pairs of convex polygons with 4–20 vertices, where vframe clips
//! with Sutherland–Hodgman instead of calling geo.
//!
//! Also box IoU throughput (exact arithmetic) over 100,000 box pairs.
//!
//! Run: `cargo bench -p vframe-benches --bench geom_iou`

use std::hint::black_box;
use std::path::PathBuf;
use std::process::Command;
use std::time::{Duration, Instant};

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use geo::{Area as _, BooleanOps};
use vframe_benches::rng::Rng;
use vframe_geom::algorithm::Iou;
use vframe_geom::{BoundingBox, Point, Polygon};

const PAIRS: usize = 1_000;
const BOX_PAIRS: usize = 100_000;

/// A star polygon: `n` vertices at increasing angles, radius varying in `[0.4, 1] * r`.
fn star(rng: &mut Rng, cx: f64, cy: f64, r: f64) -> Polygon {
    let n = 20 + (rng.next() % 81) as usize;
    let vertices = (0..n)
        .map(|i| {
            let a = (i as f64 + rng.range(0.0, 0.9)) / n as f64 * std::f64::consts::TAU;
            let k = r * rng.range(0.4, 1.0);
            Point::new(cx + k * a.cos(), cy + k * a.sin())
        })
        .collect();
    Polygon::new(vertices).expect("a star has at least 20 finite vertices")
}

/// A convex polygon: `n` vertices on a circle at increasing angles.
fn convex(rng: &mut Rng, n: usize, cx: f64, cy: f64, r: f64) -> Polygon {
    let vertices = (0..n)
        .map(|i| {
            let a = (i as f64 + rng.range(0.0, 0.9)) / n as f64 * std::f64::consts::TAU;
            Point::new(cx + r * a.cos(), cy + r * a.sin())
        })
        .collect();
    Polygon::new(vertices).expect("at least 4 finite vertices")
}

/// Convex pairs of 4–20 vertices: the quadrilaterals and coarse outlines most labels are.
fn convex_pairs() -> Vec<(Polygon, Polygon)> {
    let mut rng = Rng(0xC0DE_F00D);
    (0..PAIRS)
        .map(|_| {
            let (cx, cy, r) = (
                rng.range(100.0, 1800.0),
                rng.range(100.0, 1000.0),
                rng.range(20.0, 200.0),
            );
            let (na, nb) = (
                4 + (rng.next() % 17) as usize,
                4 + (rng.next() % 17) as usize,
            );
            let a = convex(&mut rng, na, cx, cy, r);
            let (bx, by) = (cx + rng.range(-0.5, 0.5) * r, cy + rng.range(-0.5, 0.5) * r);
            let br = r * rng.range(0.7, 1.3);
            let b = convex(&mut rng, nb, bx, by, br);
            (a, b)
        })
        .collect()
}

fn polygon_pairs() -> Vec<(Polygon, Polygon)> {
    let mut rng = Rng(0x5EED_1234);
    (0..PAIRS)
        .map(|_| {
            let (cx, cy, r) = (
                rng.range(100.0, 1800.0),
                rng.range(100.0, 1000.0),
                rng.range(20.0, 200.0),
            );
            let a = star(&mut rng, cx, cy, r);
            let (bx, by) = (cx + rng.range(-0.5, 0.5) * r, cy + rng.range(-0.5, 0.5) * r);
            let br = r * rng.range(0.7, 1.3);
            let b = star(&mut rng, bx, by, br);
            (a, b)
        })
        .collect()
}

fn box_pairs() -> Vec<(BoundingBox, BoundingBox)> {
    let mut rng = Rng(0xB0C5);
    let bx = |rng: &mut Rng| BoundingBox {
        left: rng.range(0.0, 1900.0),
        top: rng.range(0.0, 1060.0),
        width: rng.range(1.0, 200.0),
        height: rng.range(1.0, 200.0),
    };
    (0..BOX_PAIRS)
        .map(|_| {
            let a = bx(&mut rng);
            let b = BoundingBox {
                left: a.left + rng.range(-50.0, 50.0),
                top: a.top + rng.range(-50.0, 50.0),
                ..bx(&mut rng)
            };
            (a, b)
        })
        .collect()
}

fn vframe_iou_sum(pairs: &[(Polygon, Polygon)]) -> f64 {
    pairs.iter().map(|(a, b)| a.iou(b)).sum()
}

fn geo_pairs(pairs: &[(Polygon, Polygon)]) -> Vec<(geo::Polygon<f64>, geo::Polygon<f64>)> {
    pairs
        .iter()
        .map(|(a, b)| (a.clone().into(), b.clone().into()))
        .collect()
}

fn geo_iou_sum(pairs: &[(geo::Polygon<f64>, geo::Polygon<f64>)]) -> f64 {
    pairs
        .iter()
        .map(|(a, b)| a.intersection(b).unsigned_area() / a.union(b).unsigned_area())
        .sum()
}

fn best_of(n: usize, mut f: impl FnMut()) -> Duration {
    (0..n)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .min()
        .unwrap_or_default()
}

fn field(line: &str, name: &str) -> Option<f64> {
    line.split_whitespace()
        .find_map(|w| w.strip_prefix(name)?.strip_prefix('='))
        .and_then(|v| v.parse().ok())
}

/// Writes the pairs for the peer, runs it, and prints every ratio.
fn compare_with_peers(label: &str, pairs: &[(Polygon, Polygon)]) {
    let gpairs = geo_pairs(pairs);
    let ours = best_of(5, || {
        black_box(vframe_iou_sum(black_box(pairs)));
    });
    let geo_t = best_of(5, || {
        black_box(geo_iou_sum(black_box(&gpairs)));
    });
    let (our_sum, geo_sum) = (vframe_iou_sum(pairs), geo_iou_sum(&gpairs));
    let per_pair = |d: f64| d / PAIRS as f64 * 1e6;
    println!(
        "geom_iou: {PAIRS} {label} pairs, best of 5; IoU sums: vframe {our_sum:.9}, geo {geo_sum:.9}"
    );
    println!(
        "geom_iou: vframe          {:8.2} us/pair",
        per_pair(ours.as_secs_f64())
    );
    println!(
        "geom_iou: geo BooleanOps  {:8.2} us/pair  (vframe is {:.2}x faster)",
        per_pair(geo_t.as_secs_f64()),
        geo_t.as_secs_f64() / ours.as_secs_f64()
    );

    let path = std::env::temp_dir().join(format!("vframe-geom-iou-{}.txt", std::process::id()));
    let mut text = String::new();
    for (a, b) in pairs {
        for poly in [a, b] {
            let coords: Vec<String> = poly
                .vertices()
                .iter()
                .flat_map(|p| [p.x.to_string(), p.y.to_string()])
                .collect();
            text.push_str(&coords.join(" "));
            text.push('\n');
        }
    }
    if let Err(e) = std::fs::write(&path, text) {
        println!(
            "geom_iou: shapely skipped, cannot write {}: {e}",
            path.display()
        );
        return;
    }
    let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("peers/shapely_iou.py");
    let output = Command::new("python3")
        .arg(&script)
        .arg(&path)
        .args(["--repeat", "5"])
        .output();
    let _ = std::fs::remove_file(&path);
    match output {
        Ok(out) if out.status.success() => {
            let line = String::from_utf8_lossy(&out.stdout).to_string();
            let (Some(lp), Some(vec), Some(sum)) = (
                field(&line, "loop_seconds"),
                field(&line, "vectorized_seconds"),
                field(&line, "iou_sum"),
            ) else {
                println!("geom_iou: shapely output not understood: {line}");
                return;
            };
            let version = line
                .split_whitespace()
                .find_map(|w| w.strip_prefix("version="))
                .unwrap_or("?");
            println!(
                "geom_iou: shapely {version} loop        {:8.2} us/pair  (vframe is {:.2}x faster); IoU sum {sum:.9}",
                per_pair(lp),
                lp / ours.as_secs_f64()
            );
            println!(
                "geom_iou: shapely {version} vectorized  {:8.2} us/pair  (vframe is {:.2}x faster)",
                per_pair(vec),
                vec / ours.as_secs_f64()
            );
            println!(
                "geom_iou: largest IoU-sum difference from vframe: geo {:.2e}, shapely {:.2e}",
                (geo_sum - our_sum).abs(),
                (sum - our_sum).abs()
            );
        }
        Ok(out) => println!(
            "geom_iou: shapely skipped (`pip install shapely` to compare): {}",
            String::from_utf8_lossy(&out.stderr)
                .lines()
                .last()
                .unwrap_or("")
        ),
        Err(e) => println!("geom_iou: shapely skipped, python3 not runnable: {e}"),
    }
}

fn bench(c: &mut Criterion) {
    let pairs = polygon_pairs();
    compare_with_peers("star-polygon (20-100 vertices)", &pairs);
    let gpairs = geo_pairs(&pairs);
    let convex = convex_pairs();
    compare_with_peers("convex-polygon (4-20 vertices)", &convex);
    let gconvex = geo_pairs(&convex);

    let mut group = c.benchmark_group("polygon_iou");
    group.throughput(Throughput::Elements(PAIRS as u64));
    group.sample_size(20);
    group.bench_function("vframe", |b| b.iter(|| vframe_iou_sum(black_box(&pairs))));
    group.bench_function("geo_boolean_ops", |b| {
        b.iter(|| geo_iou_sum(black_box(&gpairs)))
    });
    group.finish();

    let mut group = c.benchmark_group("convex_polygon_iou");
    group.throughput(Throughput::Elements(PAIRS as u64));
    group.sample_size(20);
    group.bench_function("vframe", |b| b.iter(|| vframe_iou_sum(black_box(&convex))));
    group.bench_function("geo_boolean_ops", |b| {
        b.iter(|| geo_iou_sum(black_box(&gconvex)))
    });
    group.finish();

    let boxes = box_pairs();
    let mut group = c.benchmark_group("box_iou");
    group.throughput(Throughput::Elements(BOX_PAIRS as u64));
    group.bench_function("vframe", |b| {
        b.iter(|| black_box(&boxes).iter().map(|(a, b)| a.iou(b)).sum::<f64>())
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
