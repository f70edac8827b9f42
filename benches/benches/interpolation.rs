//! Interpolation throughput: boxes (target >= 100 M shapes/s on one core) and 100-vertex
//! polygon pairs with different vertex counts (target >= 2 M shapes/s), evaluated through a
//! correspondence built once per keyframe pair; plus what building that pair costs.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use vframe_geom::algorithm::{Interpolate, InterpolationOptions, InterpolationPair};
use vframe_geom::{BoundingBox, Point, Polygon, Shape};

fn ring(n: usize, radius: f64, phase: f64, wobble: f64) -> Polygon {
    let v = (0..n)
        .map(|i| {
            let a = i as f64 / n as f64 * std::f64::consts::TAU + phase;
            let r = radius * (1.0 + wobble * (5.0 * a).sin());
            Point::new(500.0 + r * a.cos(), 400.0 + r * a.sin())
        })
        .collect();
    Polygon::new(v).unwrap_or_else(|e| panic!("{e}"))
}

fn boxes(c: &mut Criterion) {
    const N: usize = 10_000;
    let a = BoundingBox::new(145.0, 385.0, 27.0, 25.0).unwrap();
    let b = BoundingBox::new(245.0, 300.0, 31.0, 20.0).unwrap();
    let ts: Vec<f64> = (0..N).map(|i| i as f64 / N as f64).collect();
    let mut out = vec![BoundingBox::default(); N];
    let mut g = c.benchmark_group("interpolation");
    g.throughput(Throughput::Elements(N as u64));
    g.bench_function("box", |bench| {
        bench.iter(|| {
            let (a, b) = (black_box(a), black_box(b));
            for (o, &t) in out.iter_mut().zip(&ts) {
                *o = a.interpolate(&b, t);
            }
            black_box(&out);
        })
    });
    g.finish();
}

fn polygons(c: &mut Criterion) {
    const N: usize = 1_000;
    let a: Shape = ring(100, 120.0, 0.0, 0.1).into();
    let b: Shape = ring(97, 140.0, 1.3, 0.05).into();
    let pair = InterpolationPair::new(&a, &b, InterpolationOptions::default()).unwrap();
    let ts: Vec<f64> = (1..=N).map(|i| i as f64 / (N + 1) as f64).collect();
    let mut g = c.benchmark_group("interpolation");
    g.throughput(Throughput::Elements(N as u64));
    g.bench_function("polygon_100_vs_97_per_frame", |bench| {
        bench.iter(|| {
            for &t in &ts {
                black_box(pair.at(black_box(t)));
            }
        })
    });
    g.throughput(Throughput::Elements(1));
    g.bench_function("polygon_100_vs_97_pair_build", |bench| {
        bench.iter(|| {
            black_box(
                InterpolationPair::new(
                    black_box(&a),
                    black_box(&b),
                    InterpolationOptions::default(),
                )
                .unwrap(),
            )
        })
    });
    g.finish();
}

criterion_group!(benches, boxes, polygons);
criterion_main!(benches);
