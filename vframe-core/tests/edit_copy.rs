//! Ground Truth's "copy to next" and "copy to all" helpers.

mod edit_support;

use edit_support::*;
use vframe_core::edit::{Edit, EditError};
use vframe_core::{Keyframe, SequenceLabels, TaskType};

fn labels() -> SequenceLabels {
    let mut labels = sequence(TaskType::Tracking, 12);
    labels
        .add_object(object(
            "a",
            "car:1",
            0,
            vec![
                kf(0, 0.0, &[("color", "red")]),
                kf(4, 40.0, &[]),
                Keyframe::absent(6),
                kf(10, 100.0, &[]),
            ],
        ))
        .unwrap();
    labels
}

#[test]
fn copying_to_the_next_frames_changes_only_those_frames() {
    let before = labels();
    let after = applies(
        &before,
        &config(),
        Edit::CopyToNextFrames {
            object: 0,
            frame: 2,
            count: 5,
        },
    );
    assert_eq!(
        visibility_of(&after, 0),
        [
            (0, true),
            (2, true),
            (3, true),
            (4, true),
            (5, true),
            (6, true),
            (7, true),
            (8, false),
            (10, true)
        ]
    );
    let mut expected = lefts(&before);
    for e in &mut expected[3..=7] {
        *e = Some(20.0);
    }
    assert_close(&lefts(&after), &expected);
    let copied = after.objects()[0].track().keyframe_at(7).unwrap();
    assert_eq!(copied.attributes, attrs(&[("color", "red")]));
}

#[test]
fn copying_past_the_track_end_extends_it_and_stops_at_the_last_frame() {
    let before = labels();
    let after = applies(
        &before,
        &config(),
        Edit::CopyToNextFrames {
            object: 0,
            frame: 10,
            count: 5,
        },
    );
    assert_eq!(frames_of(&after, 0), [0, 4, 6, 10, 11]);
    assert_eq!(left_of(&after, 11), Some(100.0));
}

#[test]
fn copying_to_all_frames_makes_every_frame_a_keyframe_with_the_shape() {
    let after = applies(
        &labels(),
        &config(),
        Edit::CopyToAllFrames {
            object: 0,
            frame: 4,
        },
    );
    assert_eq!(frames_of(&after, 0), (0..12).collect::<Vec<_>>());
    assert!(lefts(&after).iter().all(|l| *l == Some(40.0)));
}

#[test]
fn copying_a_shape_that_is_not_shown_is_refused() {
    let labels = labels();
    let err = refused(
        &labels,
        &config(),
        Edit::CopyToNextFrames {
            object: 0,
            frame: 7,
            count: 1,
        },
    );
    assert!(matches!(err, EditError::NotShown { frame: 7, .. }), "{err}");
    let err = refused(
        &labels,
        &config(),
        Edit::CopyToAllFrames {
            object: 0,
            frame: 11,
        },
    );
    assert!(
        matches!(err, EditError::NotShown { frame: 11, .. }),
        "{err}"
    );
}

#[test]
fn copying_to_no_frames_changes_nothing() {
    let mut labels = labels();
    let inverse = Edit::CopyToNextFrames {
        object: 0,
        frame: 11 - 1,
        count: 0,
    }
    .apply(&mut labels, &config(), &mut fresh_ids())
    .unwrap();
    assert!(inverse.is_noop());
}

#[test]
fn copying_in_a_detection_job_adds_one_object_per_frame() {
    let mut labels = sequence(TaskType::Detection, 4);
    labels
        .add_object(object(
            "a",
            "car:1",
            0,
            vec![kf(1, 5.0, &[("color", "blue")])],
        ))
        .unwrap();
    let after = applies(
        &labels,
        &config(),
        Edit::CopyToNextFrames {
            object: 0,
            frame: 1,
            count: 9,
        },
    );
    assert_eq!(after.objects().len(), 3);
    let names: Vec<_> = after
        .objects()
        .iter()
        .map(|o| o.name().unwrap().as_str().to_owned())
        .collect();
    assert_eq!(names, ["car:1", "car:2", "car:3"]);
    assert_eq!(frames_of(&after, 2), [3]);
    let all = applies(
        &labels,
        &config(),
        Edit::CopyToAllFrames {
            object: 0,
            frame: 1,
        },
    );
    assert_eq!(all.objects().len(), 4);
}

#[test]
fn copying_a_locked_label_is_refused() {
    let mut labels = sequence(TaskType::Tracking, 3);
    labels
        .add_object(object("b", "bus:1", 1, vec![kf(0, 0.0, &[])]))
        .unwrap();
    let err = refused(
        &labels,
        &audit_config(),
        Edit::CopyToAllFrames {
            object: 0,
            frame: 0,
        },
    );
    assert!(err.to_string().contains("copying its shape"), "{err}");
}
