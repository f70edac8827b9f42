//! Visible shapes on one frame over 10,000 tracks in a 100,000-frame video (target <= 50 µs),
//! through the frame index, next to a scan of every track.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use vframe_benches::rng::Rng;
use vframe_core::{FrameIndex, Keyframe, Track};
use vframe_geom::BoundingBox;

/// 10,000 tracks, each living 200..5,000 frames somewhere in 100,000 frames, a keyframe every
/// 1..50 frames, and an absence in one track out of four.
pub fn tracks() -> Vec<Track> {
    let mut rng = Rng(7);
    (0..10_000)
        .map(|_| {
            let len = 200 + rng.below(4_800) as u32;
            let start = rng.below(u64::from(100_000 - len)) as u32;
            let mut keyframes = Vec::new();
            let mut f = start;
            let gap_at = if rng.below(4) == 0 {
                Some(start + len / 2)
            } else {
                None
            };
            let mut gapped = false;
            while f < start + len {
                if let Some(g) = gap_at
                    && !gapped
                    && f >= g
                {
                    keyframes.push(Keyframe::absent(f));
                    f += 20;
                    gapped = true;
                }
                let (x, y) = (rng.below(1200) as f64, rng.below(700) as f64);
                keyframes.push(Keyframe::visible(
                    f,
                    BoundingBox::new(x, y, 30.0, 40.0).unwrap().into(),
                ));
                f += 1 + rng.below(50) as u32;
            }
            Track::new(keyframes).unwrap_or_else(|e| panic!("{e}"))
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let tracks = tracks();
    let index = FrameIndex::from_tracks(&tracks);
    let frames: Vec<u32> = (0..64).map(|i| 777 + i * 1_543).collect();
    let mut g = c.benchmark_group("tracks");
    g.bench_function("visible_on_frame_index_10k_tracks", |b| {
        let mut i = 0;
        b.iter(|| {
            let f = frames[i % frames.len()];
            i += 1;
            let n = index
                .visible_tracks_on(&tracks, black_box(f))
                .fold(0usize, |n, (_, s)| {
                    black_box(s);
                    n + 1
                });
            black_box(n)
        })
    });
    g.bench_function("visible_on_frame_scan_10k_tracks", |b| {
        let mut i = 0;
        b.iter(|| {
            let f = frames[i % frames.len()];
            i += 1;
            let n = tracks
                .iter()
                .map(|t| t.shape_at(black_box(f)))
                .filter(|s| s.is_visible())
                .count();
            black_box(n)
        })
    });
    g.bench_function("frame_index_build_10k_tracks", |b| {
        b.iter(|| black_box(FrameIndex::from_tracks(black_box(&tracks))))
    });
    g.finish();
    let shown: usize = frames.iter().map(|&f| index.objects_on(f).count()).sum();
    eprintln!(
        "tracks: {} keyframes, {} index entries, {:.0} objects shown per queried frame",
        tracks.iter().map(|t| t.keyframes().len()).sum::<usize>(),
        index.entry_count(),
        shown as f64 / frames.len() as f64
    );
}

criterion_group!(benches, bench);
criterion_main!(benches);
