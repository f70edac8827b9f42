//! Splitting a track in two objects and merging two tracks into one.

mod edit_support;

use edit_support::*;
use vframe_core::edit::{Edit, EditError};
use vframe_core::{Keyframe, SequenceLabels, TaskType};

fn labels() -> SequenceLabels {
    let mut labels = sequence(TaskType::Tracking, 21);
    labels
        .add_object(object(
            "a",
            "car:1",
            0,
            vec![kf(0, 0.0, &[("color", "red")]), kf(10, 100.0, &[])],
        ))
        .unwrap();
    labels
        .add_object(object(
            "b",
            "car:2",
            0,
            vec![kf(14, 0.0, &[]), kf(20, 6.0, &[])],
        ))
        .unwrap();
    labels
        .add_object(object("c", "bus:1", 1, vec![kf(15, 0.0, &[])]))
        .unwrap();
    labels
}

#[test]
fn splitting_between_keyframes_keeps_every_frame_and_names_the_new_part() {
    let before = labels();
    let after = applies(
        &before,
        &config(),
        Edit::SplitTrack {
            object: 0,
            frame: 4,
        },
    );
    assert_eq!(frames_of(&after, 0), [0, 3]);
    assert_eq!(frames_of(&after, 3), [4, 10]);
    let second = &after.objects()[3];
    assert_eq!(second.name().unwrap().as_str(), "car:3");
    assert_eq!(second.class_id(), before.objects()[0].class_id());
    assert_ne!(second.id(), before.objects()[0].id());
    let k = &second.track().keyframes()[0];
    assert_eq!(k.shape(), Some(&bx(40.0)));
    assert_eq!(k.attributes, attrs(&[("color", "red")]));
}

#[test]
fn splitting_at_a_keyframe_starts_the_new_part_there() {
    let mut labels = sequence(TaskType::Tracking, 3);
    labels
        .add_object(object(
            "a",
            "car:1",
            0,
            vec![kf(0, 0.0, &[]), kf(1, 1.0, &[]), kf(2, 2.0, &[])],
        ))
        .unwrap();
    let after = applies(
        &labels,
        &config(),
        Edit::SplitTrack {
            object: 0,
            frame: 1,
        },
    );
    assert_eq!(frames_of(&after, 0), [0]);
    assert_eq!(frames_of(&after, 1), [1, 2]);
}

#[test]
fn splitting_across_an_absence_drops_it_from_both_parts() {
    let mut labels = sequence(TaskType::Tracking, 11);
    labels
        .add_object(object(
            "a",
            "car:1",
            0,
            vec![kf(0, 0.0, &[]), Keyframe::absent(3), kf(8, 1.0, &[])],
        ))
        .unwrap();
    let after = applies(
        &labels,
        &config(),
        Edit::SplitTrack {
            object: 0,
            frame: 5,
        },
    );
    assert_eq!(visibility_of(&after, 0), [(0, true), (2, true)]);
    assert_eq!(visibility_of(&after, 1), [(8, true)]);
}

#[test]
fn splitting_where_a_part_would_be_empty_is_refused() {
    let labels = labels();
    for frame in [0, 11] {
        let err = refused(&labels, &config(), Edit::SplitTrack { object: 0, frame });
        assert!(matches!(err, EditError::SplitOutsideTrack { .. }), "{err}");
    }
    let err = refused(
        &labels,
        &config(),
        Edit::SplitTrack {
            object: 0,
            frame: 0,
        },
    );
    assert_eq!(
        err.to_string(),
        "object car:1 (id a): cannot split at frame 0: both parts need a shape, and the object is shown only from frame 0 to frame 10"
    );
}

#[test]
fn merging_puts_an_absence_in_the_gap_and_keeps_the_first_identity() {
    let before = labels();
    let after = applies(&before, &config(), Edit::MergeTracks { into: 1, from: 0 });
    assert_eq!(after.objects().len(), 2);
    let merged = &after.objects()[0];
    assert_eq!(merged.name().unwrap().as_str(), "car:2");
    assert_eq!(
        visibility_of(&after, 0),
        [(0, true), (10, true), (11, false), (14, true), (20, true)]
    );
}

#[test]
fn merging_adjacent_tracks_needs_no_absence() {
    let mut labels = sequence(TaskType::Tracking, 4);
    labels
        .add_object(object(
            "a",
            "car:1",
            0,
            vec![kf(0, 0.0, &[]), kf(1, 1.0, &[])],
        ))
        .unwrap();
    labels
        .add_object(object(
            "b",
            "car:2",
            0,
            vec![kf(2, 2.0, &[]), kf(3, 3.0, &[])],
        ))
        .unwrap();
    let after = applies(&labels, &config(), Edit::MergeTracks { into: 0, from: 1 });
    assert_eq!(frames_of(&after, 0), [0, 1, 2, 3]);
}

#[test]
fn splitting_then_merging_restores_every_frame() {
    let before = labels();
    let split = applies(
        &before,
        &config(),
        Edit::SplitTrack {
            object: 0,
            frame: 6,
        },
    );
    let merged = applies(&split, &config(), Edit::MergeTracks { into: 0, from: 3 });
    assert_eq!(merged.objects().len(), 3);
    assert_eq!(frames_of(&merged, 0), [0, 5, 6, 10]);
    assert_close(&lefts(&merged), &lefts(&before));
}

#[test]
fn merging_overlapping_or_different_or_same_objects_is_refused() {
    let mut labels = labels();
    labels
        .add_object(object(
            "d",
            "car:9",
            0,
            vec![kf(9, 0.0, &[]), kf(12, 1.0, &[])],
        ))
        .unwrap();
    let err = refused(&labels, &config(), Edit::MergeTracks { into: 0, from: 3 });
    assert_eq!(
        err.to_string(),
        "cannot merge object car:9 (id d) (frames 9..=12) into object car:1 (id a) (frames 0..=10): their frames overlap, and an object is on a frame at most once"
    );
    let err = refused(&labels, &config(), Edit::MergeTracks { into: 0, from: 2 });
    assert!(matches!(err, EditError::MergeCategories { .. }), "{err}");
    let err = refused(&labels, &config(), Edit::MergeTracks { into: 1, from: 1 });
    assert_eq!(err, EditError::MergeWithItself { object: 1 });
}

#[test]
fn split_and_merge_need_a_tracking_job_and_editable_labels() {
    let mut detection = sequence(TaskType::Detection, 2);
    detection
        .add_object(object("a", "car:1", 0, vec![kf(0, 0.0, &[])]))
        .unwrap();
    let err = refused(
        &detection,
        &config(),
        Edit::SplitTrack {
            object: 0,
            frame: 0,
        },
    );
    assert!(matches!(err, EditError::NeedsTracking { .. }), "{err}");
    let err = refused(
        &detection,
        &config(),
        Edit::MergeTracks { into: 0, from: 0 },
    );
    assert!(matches!(err, EditError::NeedsTracking { .. }), "{err}");
    let mut buses = sequence(TaskType::Tracking, 4);
    buses
        .add_object(object(
            "a",
            "bus:1",
            1,
            vec![kf(0, 0.0, &[]), kf(3, 1.0, &[])],
        ))
        .unwrap();
    let err = refused(
        &buses,
        &audit_config(),
        Edit::SplitTrack {
            object: 0,
            frame: 2,
        },
    );
    assert!(matches!(err, EditError::LabelLocked { .. }), "{err}");
}
