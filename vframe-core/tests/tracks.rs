//! Tracks: shape on any frame, spans and gaps, the frame index, and keyframe compression,
//! as laws over random tracks.

use proptest::prelude::*;
use vframe_core::labels::{ROUNDING_GRACE, shape_distance};
use vframe_core::{
    CompressOptions, CompressionStrategy, FrameIndex, Keyframe, ShapeAt, Track, compress_track,
    densify_track,
};
use vframe_geom::algorithm::{InterpolationOptions, InterpolationPair};
use vframe_geom::{BoundingBox, Keypoint, Point, Polygon, Shape};

fn bbox(x: f64, y: f64, w: f64, h: f64) -> Shape {
    BoundingBox::new(x, y, w, h).unwrap().into()
}

// ---- shape_at: degenerate cases first ----

#[test]
fn single_keyframe_track_shows_only_on_its_frame() {
    let t = Track::new(vec![Keyframe::visible(5, bbox(0.0, 0.0, 1.0, 1.0))]).unwrap();
    assert!(matches!(t.shape_at(5), ShapeAt::Keyframe(_)));
    assert_eq!(t.shape_at(4), ShapeAt::Absent);
    assert_eq!(t.shape_at(6), ShapeAt::Absent);
}

#[test]
fn nothing_is_shown_after_the_last_keyframe_or_before_the_first() {
    let t = Track::new(vec![
        Keyframe::visible(3, bbox(0.0, 0.0, 1.0, 1.0)),
        Keyframe::visible(6, bbox(3.0, 0.0, 1.0, 1.0)),
    ])
    .unwrap();
    assert!(!t.shape_at(0).is_visible());
    assert!(!t.shape_at(2).is_visible());
    assert!(!t.shape_at(7).is_visible());
    assert!(!t.shape_at(u32::MAX).is_visible());
}

#[test]
fn shape_holds_until_an_absence_then_disappears() {
    let t = Track::new(vec![
        Keyframe::visible(0, bbox(0.0, 0.0, 1.0, 1.0)),
        Keyframe::absent(4),
        Keyframe::visible(8, bbox(9.0, 0.0, 1.0, 1.0)),
    ])
    .unwrap();
    assert_eq!(t.shape_at(3).shape(), Some(&bbox(0.0, 0.0, 1.0, 1.0)));
    assert!(matches!(t.shape_at(3), ShapeAt::Held(_)));
    assert_eq!(t.shape_at(4), ShapeAt::Absent);
    assert_eq!(t.shape_at(7), ShapeAt::Absent);
    assert!(t.shape_at(8).is_keyframe());
}

#[test]
fn attributes_hold_their_left_keyframes_value() {
    let mut a = Keyframe::visible(0, bbox(0.0, 0.0, 1.0, 1.0));
    a.attributes.insert("pose".into(), "standing".into());
    let mut b = Keyframe::visible(10, bbox(10.0, 0.0, 1.0, 1.0));
    b.attributes.insert("pose".into(), "sitting".into());
    let t = Track::new(vec![a, b]).unwrap();
    let pose = |f| {
        t.shape_at(f)
            .attributes()
            .and_then(|a| a.get("pose"))
            .cloned()
    };
    assert_eq!(pose(9), Some("standing".into()));
    assert_eq!(pose(10), Some("sitting".into()));
}

#[test]
fn keyframes_of_different_kinds_hold_the_left_shape() {
    let t = Track::new(vec![
        Keyframe::visible(0, bbox(0.0, 0.0, 1.0, 1.0)),
        Keyframe::visible(4, Keypoint::new(1.0, 1.0).unwrap().into()),
    ])
    .unwrap();
    assert!(matches!(t.shape_at(2), ShapeAt::Held(_)));
}

#[test]
fn spans_and_gaps_of_a_track_that_leaves_twice() {
    let p = || -> Shape { Keypoint::new(0.0, 0.0).unwrap().into() };
    let t = Track::new(vec![
        Keyframe::visible(0, p()),
        Keyframe::absent(1),
        Keyframe::visible(3, p()),
        Keyframe::visible(5, p()),
        Keyframe::absent(6),
        Keyframe::visible(9, p()),
    ])
    .unwrap();
    let spans: Vec<(u32, u32)> = t.spans().iter().map(|s| (s.first, s.last)).collect();
    let gaps: Vec<(u32, u32)> = t.gaps().iter().map(|s| (s.first, s.last)).collect();
    assert_eq!(spans, [(0, 0), (3, 5), (9, 9)]);
    assert_eq!(gaps, [(1, 2), (6, 8)]);
}

#[test]
fn empty_frame_index_answers_nothing() {
    let index = FrameIndex::from_tracks(&[]);
    assert_eq!(index.objects_on(0).count(), 0);
    assert_eq!(index.objects_on(u32::MAX).count(), 0);
}

// ---- random tracks ----

/// A random track of boxes: visible keyframes on increasing frames, absences between.
fn track() -> impl Strategy<Value = Track> {
    prop::collection::vec(
        (
            1u32..6,
            any::<bool>(),
            -50.0..50.0f64,
            -50.0..50.0f64,
            0.0..20.0f64,
        ),
        1..40,
    )
    .prop_map(|steps| {
        let mut frame = 0;
        let mut keyframes: Vec<Keyframe> = Vec::new();
        for (i, (gap, absent, x, y, w)) in steps.iter().enumerate() {
            frame += gap;
            let last = i + 1 == steps.len();
            let previous_visible = keyframes.last().is_some_and(Keyframe::is_visible);
            if *absent && previous_visible && !last {
                keyframes.push(Keyframe::absent(frame));
            } else {
                keyframes.push(Keyframe::visible(frame, bbox(*x, *y, *w, w / 2.0)));
            }
        }
        Track::new(keyframes).unwrap()
    })
}

/// A dense track: a box on every frame of a few visible runs, with integer jitter so that
/// compression has real choices, plus attribute changes.
fn dense_track() -> impl Strategy<Value = Track> {
    (
        prop::collection::vec((-3i32..=3, -3i32..=3, -1i32..=1), 2..60),
        prop::collection::vec(0usize..60, 0..3),
        prop::collection::vec(0usize..60, 0..2),
    )
        .prop_map(|(moves, absences, attribute_changes)| {
            let (mut x, mut y, mut w) = (100.0, 100.0, 20.0);
            let mut keyframes: Vec<Keyframe> = Vec::new();
            let mut pose = 0;
            for (f, (dx, dy, dw)) in moves.iter().enumerate() {
                x += f64::from(*dx);
                y += f64::from(*dy);
                w = (w + f64::from(*dw)).max(1.0);
                let last = f + 1 == moves.len();
                let can_be_absent = keyframes.last().is_some_and(Keyframe::is_visible) && !last;
                if absences.contains(&f) && can_be_absent {
                    keyframes.push(Keyframe::absent(f as u32));
                    continue;
                }
                if attribute_changes.contains(&f) {
                    pose += 1;
                }
                let mut k = Keyframe::visible(f as u32, bbox(x, y, w, w));
                k.attributes
                    .insert("pose".into(), format!("p{pose}").as_str().into());
                keyframes.push(k);
            }
            Track::new(keyframes).unwrap()
        })
}

fn tolerance() -> impl Strategy<Value = f64> {
    prop_oneof![Just(0.0), Just(0.5), Just(1.0), Just(2.0), 0.0..4.0f64]
}

/// The fewest visible keyframes by brute force over every subset's shortest path, O(n^3):
/// the reference the fast search must match.
fn brute_force_count(track: &Track, px: f64) -> usize {
    let ks = track.keyframes();
    let mut total = ks.iter().filter(|k| !k.is_visible()).count();
    let mut start = 0;
    while start < ks.len() {
        let mut end = start;
        while end + 1 < ks.len() && ks[end + 1].is_visible() {
            end += 1;
        }
        let run = &ks[start..=end];
        let absence = end + 1 < ks.len();
        // Frames i..j show i's attribute values, so they must all have them; j has its own.
        let valid = |i: usize, j: usize| {
            if j == i + 1 {
                return true;
            }
            let pair = InterpolationPair::new(
                run[i].shape().unwrap(),
                run[j].shape().unwrap(),
                InterpolationOptions::default(),
            )
            .unwrap();
            (i + 1..j).all(|k| {
                let t =
                    f64::from(run[k].frame - run[i].frame) / f64::from(run[j].frame - run[i].frame);
                run[k].attributes == run[i].attributes
                    && shape_distance(&pair.at(t), run[k].shape().unwrap()).unwrap()
                        <= px + ROUNDING_GRACE
            })
        };
        let holds = |i: usize| {
            (i + 1..run.len()).all(|k| {
                run[k].attributes == run[i].attributes
                    && shape_distance(run[i].shape().unwrap(), run[k].shape().unwrap()).unwrap()
                        <= px + ROUNDING_GRACE
            })
        };
        let n = run.len();
        let mut best = vec![usize::MAX; n];
        best[0] = 1;
        for j in 1..n {
            for i in 0..j {
                if best[i] != usize::MAX && valid(i, j) {
                    best[j] = best[j].min(best[i] + 1);
                }
            }
        }
        let mut answer = best[n - 1];
        if absence {
            for (i, b) in best.iter().enumerate() {
                if *b != usize::MAX && holds(i) {
                    answer = answer.min(*b);
                }
            }
        }
        total += answer;
        start = end + 2;
    }
    total
}

fn all_frames(track: &Track) -> Vec<u32> {
    let (a, b) = track.span();
    (a..=b).collect()
}

proptest! {
    #[test]
    fn shape_at_equals_every_visible_keyframe(t in track()) {
        for k in t.keyframes() {
            match t.shape_at(k.frame) {
                ShapeAt::Keyframe(found) => prop_assert_eq!(found, k),
                ShapeAt::Absent => prop_assert!(!k.is_visible()),
                other => prop_assert!(false, "frame {}: {:?}", k.frame, other),
            }
        }
    }

    #[test]
    fn visible_exactly_on_the_spans(t in track()) {
        let spans = t.spans();
        let (a, b) = t.span();
        for f in a.saturating_sub(2)..=b + 2 {
            prop_assert_eq!(t.shape_at(f).is_visible(), spans.iter().any(|s| s.contains(f)), "frame {}", f);
        }
    }

    #[test]
    fn interpolator_agrees_with_shape_at(t in track()) {
        let mut walker = t.interpolator(InterpolationOptions::default());
        let (a, b) = t.span();
        for f in a..=b {
            prop_assert_eq!(walker.shape_at(f), t.shape_at(f));
        }
    }

    #[test]
    fn frame_index_finds_exactly_the_visible_tracks(tracks in prop::collection::vec(track(), 0..12), frame in 0u32..250) {
        let index = FrameIndex::from_tracks(&tracks);
        let found: Vec<usize> = index.objects_on(frame).collect();
        let scanned: Vec<usize> = (0..tracks.len()).filter(|&i| tracks[i].shape_at(frame).is_visible()).collect();
        prop_assert_eq!(found, scanned);
    }

    #[test]
    fn densify_of_compress_is_within_tolerance_and_adds_or_loses_nothing(t in dense_track(), px in tolerance()) {
        let sparse = compress_track(&t, &CompressOptions::pixels(px)).unwrap();
        let dense = densify_track(&sparse, &all_frames(&t), InterpolationOptions::default()).unwrap();
        prop_assert_eq!(dense.keyframes().len(), t.keyframes().len());
        for (k, d) in t.keyframes().iter().zip(dense.keyframes()) {
            prop_assert_eq!(k.frame, d.frame);
            prop_assert_eq!(&k.attributes, &d.attributes);
            match (k.shape(), d.shape()) {
                (Some(a), Some(b)) => {
                    let e = shape_distance(a, b).unwrap();
                    prop_assert!(e <= px + ROUNDING_GRACE, "frame {}: {} > {}", k.frame, e, px);
                }
                (None, None) => {}
                _ => prop_assert!(false, "frame {}: visibility changed", k.frame),
            }
        }
    }

    #[test]
    fn compression_never_keeps_more_than_greedy(t in dense_track(), px in tolerance()) {
        let o = compress_track(&t, &CompressOptions::pixels(px)).unwrap();
        let g = compress_track(&t, &CompressOptions::pixels(px).with_strategy(CompressionStrategy::Greedy)).unwrap();
        prop_assert!(o.keyframes().len() <= g.keyframes().len());
    }

    #[test]
    fn compression_is_optimal_against_brute_force(t in dense_track(), px in tolerance()) {
        let o = compress_track(&t, &CompressOptions::pixels(px)).unwrap();
        prop_assert_eq!(o.keyframes().len(), brute_force_count(&t, px));
    }

    #[test]
    fn compressed_keyframes_are_original_keyframes(t in dense_track(), px in tolerance()) {
        let o = compress_track(&t, &CompressOptions::pixels(px)).unwrap();
        for k in o.keyframes() {
            prop_assert_eq!(Some(k), t.keyframe_at(k.frame));
        }
    }

    #[test]
    fn polygon_tracks_compress_within_tolerance(
        jitter in prop::collection::vec((-2i32..=2, -2i32..=2), 3..25), px in tolerance()
    ) {
        let keyframes: Vec<Keyframe> = jitter.iter().enumerate().map(|(f, (dx, dy))| {
            let (x, y) = (f as f64 * 3.0 + f64::from(*dx), f64::from(*dy));
            let poly = Polygon::new(vec![Point::new(x, y), Point::new(x + 10.0, y), Point::new(x + 10.0, y + 8.0), Point::new(x, y + 8.0)]).unwrap();
            Keyframe::visible(f as u32, poly.into())
        }).collect();
        let t = Track::new(keyframes).unwrap();
        let sparse = compress_track(&t, &CompressOptions::pixels(px)).unwrap();
        for k in t.keyframes() {
            let back = sparse.shape_at(k.frame).into_shape().unwrap();
            prop_assert!(shape_distance(k.shape().unwrap(), &back).unwrap() <= px + ROUNDING_GRACE);
        }
    }
}

proptest! {
    #[test]
    fn frame_index_shapes_equal_shape_at(tracks in prop::collection::vec(track(), 1..8), frame in 0u32..250) {
        let index = FrameIndex::from_tracks(&tracks);
        for (i, shape) in index.visible_tracks_on(&tracks, frame) {
            prop_assert_eq!(shape, tracks[i].shape_at(frame));
        }
    }
}
