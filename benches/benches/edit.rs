//! Edits on long tracks: the cost a labeling UI pays per drag, and per undo.
//!
//! Input: one tracked car with a keyframe on each of N frames (N = 2,000, Ground Truth's
//! sequence limit, and N = 100,000, an hour of tracker output at ~28 fps), every keyframe
//! with one attribute value. Measured:
//! - `move_keyframe`: `Edit::MoveShape` on one keyframe in the middle, then its inverse
//!   (one drag step plus its undo);
//! - `move_from_frame_on`: `Edit::MoveShape` with `Scope::FromFrameOn` from the middle, then
//!   its inverse (half the keyframes change);
//! - `split_and_merge`: `Edit::SplitTrack` in the middle, then `Edit::MergeTracks` back.
//!
//! Run: `cargo bench -p vframe-benches --bench edit`

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use vframe_core::edit::{Edit, Scope};
use vframe_core::{
    AnnotationType, AttributeValues, ClassId, Keyframe, LabelCategory, LabelCategoryConfig,
    LabeledObject, ObjectId, SeededIds, SequenceLabels, TaskType, Track,
};
use vframe_geom::BoundingBox;

fn labels(frames: u32) -> SequenceLabels {
    let mut labels = SequenceLabels::new(TaskType::Tracking, AnnotationType::BoundingBox);
    let mut keyframes = Vec::with_capacity(frames as usize);
    let values: AttributeValues = [("occluded".to_owned(), "no".into())].into();
    for f in 0..frames {
        labels
            .add_frame(f, format!("frame_{f:06}.jpeg"))
            .expect("frames are new");
        let x = f64::from(f % 500);
        let shape = BoundingBox::new(x, 10.0, 40.0, 20.0)
            .expect("valid box")
            .into();
        keyframes.push(Keyframe::visible(f, shape).with_attributes(values.clone()));
    }
    let track = Track::new(keyframes).expect("increasing frames");
    let car = LabeledObject::new(
        Some(ObjectId::new("car")),
        Some("car:1".into()),
        ClassId(0),
        track,
    );
    labels.add_object(car).expect("one object");
    labels
}

fn edits(c: &mut Criterion) {
    let config = LabelCategoryConfig::new(vec![LabelCategory::new("car")]);
    let mut group = c.benchmark_group("edit");
    for frames in [2_000u32, 100_000] {
        let mut labels = labels(frames);
        let mut ids = SeededIds::new(1);
        let middle = frames / 2;
        for (name, edit) in [
            (
                "move_keyframe",
                Edit::MoveShape {
                    object: 0,
                    frame: middle,
                    dx: 1.0,
                    dy: 0.0,
                    scope: Scope::Frame,
                },
            ),
            (
                "move_from_frame_on",
                Edit::MoveShape {
                    object: 0,
                    frame: middle,
                    dx: 1.0,
                    dy: 0.0,
                    scope: Scope::FromFrameOn,
                },
            ),
        ] {
            group.bench_function(BenchmarkId::new(name, frames), |b| {
                b.iter(|| {
                    let undo = edit.apply(&mut labels, &config, &mut ids).expect("allowed");
                    black_box(undo.apply(&mut labels, &config, &mut ids).expect("undo"));
                });
            });
        }
        group.bench_function(BenchmarkId::new("split_and_merge", frames), |b| {
            b.iter(|| {
                Edit::SplitTrack {
                    object: 0,
                    frame: middle,
                }
                .apply(&mut labels, &config, &mut ids)
                .expect("split");
                black_box(
                    Edit::MergeTracks { into: 0, from: 1 }
                        .apply(&mut labels, &config, &mut ids)
                        .expect("merge"),
                );
            });
        });
    }
    group.finish();
}

criterion_group!(benches, edits);
criterion_main!(benches);
