//! Keyframe compression of 5 M dense boxes (target <= 1 s): 5,000 tracks of 1,000 frames of
//! smoothly moving boxes rounded to whole pixels, as annotation and tracker output look.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use vframe_benches::rng::Rng;
use vframe_core::{CompressOptions, CompressionStrategy, Keyframe, Track, compress_track};
use vframe_geom::BoundingBox;

fn dense_tracks(tracks: usize, frames: u32) -> Vec<Track> {
    let mut rng = Rng(11);
    (0..tracks)
        .map(|_| {
            let (mut x, mut y) = (rng.unit() * 1200.0, rng.unit() * 700.0);
            let (mut vx, mut vy) = (rng.unit() * 4.0 - 2.0, rng.unit() * 4.0 - 2.0);
            let (mut w, mut h) = (20.0 + rng.unit() * 40.0, 20.0 + rng.unit() * 40.0);
            let keyframes = (0..frames)
                .map(|f| {
                    // Velocity drifts slowly: piecewise-smooth motion, like players on a field.
                    vx = (vx + (rng.unit() - 0.5) * 0.3).clamp(-6.0, 6.0);
                    vy = (vy + (rng.unit() - 0.5) * 0.3).clamp(-6.0, 6.0);
                    x += vx;
                    y += vy;
                    w = (w + (rng.unit() - 0.5) * 0.4).max(4.0);
                    h = (h + (rng.unit() - 0.5) * 0.4).max(4.0);
                    let b = BoundingBox::new(x.round(), y.round(), w.round(), h.round()).unwrap();
                    Keyframe::visible(f, b.into())
                })
                .collect();
            Track::new(keyframes).unwrap_or_else(|e| panic!("{e}"))
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let tracks = dense_tracks(5_000, 1_000);
    let boxes: usize = tracks.iter().map(|t| t.keyframes().len()).sum();
    let mut g = c.benchmark_group("compression");
    g.sample_size(10);
    g.throughput(Throughput::Elements(boxes as u64));
    for (name, options) in [
        ("optimal_2px_5M_boxes", CompressOptions::pixels(2.0)),
        (
            "greedy_2px_5M_boxes",
            CompressOptions::pixels(2.0).with_strategy(CompressionStrategy::Greedy),
        ),
        ("optimal_0.5px_5M_boxes", CompressOptions::pixels(0.5)),
    ] {
        g.bench_function(name, |b| {
            b.iter(|| {
                let kept: usize = tracks
                    .iter()
                    .map(|t| {
                        compress_track(black_box(t), &options)
                            .unwrap()
                            .keyframes()
                            .len()
                    })
                    .sum();
                black_box(kept)
            })
        });
        // The machine is shared, so wall time overstates the cost; this thread's CPU time for
        // one more pass (Linux `/proc`, 10 ms resolution) is printed beside it.
        let cpu_before = thread_cpu_seconds();
        let kept: usize = tracks
            .iter()
            .map(|t| compress_track(t, &options).unwrap().keyframes().len())
            .sum();
        let cpu = thread_cpu_seconds().zip(cpu_before).map(|(a, b)| a - b);
        eprintln!(
            "compression {name}: kept {kept} of {boxes} keyframes; one pass took {} of CPU time",
            cpu.map_or("(unknown)".to_owned(), |s| format!("{s:.2} s"))
        );
    }
    g.finish();
}

/// User + system CPU time of this thread, from `/proc/thread-self/stat` (Linux only).
fn thread_cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/thread-self/stat").ok()?;
    // Fields after the parenthesised command name; utime and stime are fields 14 and 15.
    let rest = stat.rsplit_once(')')?.1;
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let utime: f64 = fields.get(11)?.parse().ok()?;
    let stime: f64 = fields.get(12)?.parse().ok()?;
    // USER_HZ is 100 on every Linux platform Rust supports.
    Some((utime + stime) / 100.0)
}

criterion_group!(benches, bench);
criterion_main!(benches);
