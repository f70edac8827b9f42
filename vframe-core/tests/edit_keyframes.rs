//! Inserting (freezing) and removing keyframes.

mod edit_support;

use edit_support::*;
use vframe_core::edit::{Edit, EditError};
use vframe_core::{CoreError, Keyframe, SequenceLabels, TaskType};

fn labels() -> SequenceLabels {
    let mut labels = sequence(TaskType::Tracking, 21);
    labels
        .add_object(object(
            "a",
            "car:1",
            0,
            vec![
                kf(0, 0.0, &[("color", "red")]),
                kf(10, 100.0, &[]),
                Keyframe::absent(15),
                kf(20, 0.0, &[]),
            ],
        ))
        .unwrap();
    labels
}

#[test]
fn inserting_freezes_the_interpolated_shape_and_held_values() {
    let before = labels();
    let after = applies(
        &before,
        &config(),
        Edit::InsertKeyframe {
            object: 0,
            frame: 4,
        },
    );
    assert_eq!(frames_of(&after, 0), [0, 4, 10, 15, 20]);
    let k = after.objects()[0].track().keyframe_at(4).unwrap();
    assert_eq!(k.shape(), Some(&bx(40.0)));
    assert_eq!(k.attributes, attrs(&[("color", "red")]));
    assert_close(&lefts(&after), &lefts(&before));
}

#[test]
fn inserting_in_a_held_stretch_freezes_the_held_shape() {
    let after = applies(
        &labels(),
        &config(),
        Edit::InsertKeyframe {
            object: 0,
            frame: 12,
        },
    );
    let k = after.objects()[0].track().keyframe_at(12).unwrap();
    assert_eq!(k.shape(), Some(&bx(100.0)));
}

#[test]
fn inserting_where_there_is_a_keyframe_or_no_shape_is_refused() {
    let labels = labels();
    let err = refused(
        &labels,
        &config(),
        Edit::InsertKeyframe {
            object: 0,
            frame: 10,
        },
    );
    assert_eq!(
        err,
        EditError::KeyframeExists {
            object: "object car:1 (id a)".into(),
            frame: 10
        }
    );
    let err = refused(
        &labels,
        &config(),
        Edit::InsertKeyframe {
            object: 0,
            frame: 17,
        },
    );
    assert!(err.to_string().contains("absent"), "{err}");
    let err = refused(
        &labels,
        &config(),
        Edit::InsertKeyframe {
            object: 0,
            frame: 15,
        },
    );
    assert!(matches!(err, EditError::KeyframeExists { .. }), "{err}");
    let err = refused(
        &labels,
        &config(),
        Edit::InsertKeyframe {
            object: 3,
            frame: 1,
        },
    );
    assert!(matches!(err, CoreError::NoSuchObject { index: 3, .. }));
}

#[test]
fn removing_a_keyframe_lets_its_neighbours_interpolate() {
    let after = applies(
        &labels(),
        &config(),
        Edit::RemoveKeyframe {
            object: 0,
            frame: 10,
        },
    );
    assert_eq!(frames_of(&after, 0), [0, 15, 20]);
    let removed_absence = applies(
        &labels(),
        &config(),
        Edit::RemoveKeyframe {
            object: 0,
            frame: 15,
        },
    );
    assert_eq!(frames_of(&removed_absence, 0), [0, 10, 20]);
}

#[test]
fn removing_a_keyframe_that_would_break_the_track_is_refused() {
    let mut labels = sequence(TaskType::Tracking, 11);
    labels
        .add_object(object(
            "a",
            "car:1",
            0,
            vec![kf(0, 0.0, &[]), Keyframe::absent(5), kf(10, 1.0, &[])],
        ))
        .unwrap();
    let err = refused(
        &labels,
        &config(),
        Edit::RemoveKeyframe {
            object: 0,
            frame: 0,
        },
    );
    assert!(
        matches!(
            err,
            CoreError::MisplacedAbsence {
                frame: 5,
                why: "starts the track",
                ..
            }
        ),
        "{err}"
    );
    assert!(err.to_string().starts_with("object car:1 (id a)"), "{err}");
    let err = refused(
        &labels,
        &config(),
        Edit::RemoveKeyframe {
            object: 0,
            frame: 3,
        },
    );
    assert_eq!(
        err,
        EditError::NoKeyframe {
            object: "object car:1 (id a)".into(),
            frame: 3
        }
    );
    let mut single = sequence(TaskType::Tracking, 1);
    single
        .add_object(object("a", "car:1", 0, vec![kf(0, 0.0, &[])]))
        .unwrap();
    let err = refused(
        &single,
        &config(),
        Edit::RemoveKeyframe {
            object: 0,
            frame: 0,
        },
    );
    assert!(matches!(err, CoreError::EmptyTrack { .. }), "{err}");
}

#[test]
fn keyframe_edits_of_a_locked_label_are_refused() {
    let mut labels = sequence(TaskType::Tracking, 5);
    labels
        .add_object(object(
            "b",
            "bus:1",
            1,
            vec![kf(0, 0.0, &[]), kf(4, 4.0, &[])],
        ))
        .unwrap();
    let err = refused(
        &labels,
        &audit_config(),
        Edit::InsertKeyframe {
            object: 0,
            frame: 2,
        },
    );
    assert!(err.to_string().contains("inserting a keyframe"), "{err}");
    let err = refused(
        &labels,
        &audit_config(),
        Edit::RemoveKeyframe {
            object: 0,
            frame: 4,
        },
    );
    assert!(err.to_string().contains("removing a keyframe"), "{err}");
}
