//! Moving, reshaping and deleting shapes on a frame or from a frame on.

mod edit_support;

use edit_support::*;
use vframe_core::edit::{Edit, EditError, Scope};
use vframe_core::{CoreError, Keyframe, SequenceLabels, TaskType};
use vframe_geom::{Keypoint, Shape};

/// Frames 0..=10, one car with keyframes on 0 (x 0, occluded no) and 10 (x 100).
fn two_keyframes() -> SequenceLabels {
    let mut labels = sequence(TaskType::Tracking, 11);
    labels
        .add_object(object(
            "a",
            "car:1",
            0,
            vec![kf(0, 0.0, &[("occluded", "no")]), kf(10, 100.0, &[])],
        ))
        .unwrap();
    labels
}

fn moved(frame: u32, dx: f64, scope: Scope) -> Edit {
    Edit::MoveShape {
        object: 0,
        frame,
        dx,
        dy: 0.0,
        scope,
    }
}

#[test]
fn moving_between_keyframes_freezes_a_keyframe_with_the_held_attributes() {
    let after = applies(&two_keyframes(), &config(), moved(5, 3.0, Scope::Frame));
    assert_eq!(frames_of(&after, 0), [0, 5, 10]);
    let k = &after.objects()[0].track().keyframes()[1];
    assert_eq!(k.shape(), Some(&bx(53.0)));
    assert_eq!(k.attributes, attrs(&[("occluded", "no")]));
    assert_eq!(left_of(&after, 10), Some(100.0));
}

#[test]
fn moving_from_a_frame_on_moves_every_later_keyframe() {
    let after = applies(
        &two_keyframes(),
        &config(),
        moved(5, 3.0, Scope::FromFrameOn),
    );
    assert_eq!(frames_of(&after, 0), [0, 5, 10]);
    assert_eq!(left_of(&after, 5), Some(53.0));
    assert_eq!(left_of(&after, 10), Some(103.0));
    assert_eq!(left_of(&after, 0), Some(0.0));
}

#[test]
fn moving_a_keyframe_changes_only_that_keyframe() {
    let after = applies(&two_keyframes(), &config(), moved(10, -4.0, Scope::Frame));
    assert_eq!(frames_of(&after, 0), [0, 10]);
    assert_eq!(left_of(&after, 10), Some(96.0));
}

#[test]
fn moving_where_the_object_is_not_shown_is_refused() {
    let mut labels = sequence(TaskType::Tracking, 15);
    labels
        .add_object(object(
            "a",
            "car:1",
            0,
            vec![kf(2, 0.0, &[]), kf(10, 1.0, &[])],
        ))
        .unwrap();
    let err = refused(&labels, &config(), moved(12, 1.0, Scope::Frame));
    assert!(
        err.to_string()
            .contains("not shown on frame 12: its track ends earlier"),
        "{err}"
    );
    let err = refused(&labels, &config(), moved(1, 1.0, Scope::Frame));
    assert!(err.to_string().contains("its track starts later"), "{err}");
    let err = refused(&labels, &config(), moved(15, 1.0, Scope::Frame));
    assert_eq!(err, CoreError::NoSuchFrame { frame: 15 });
}

#[test]
fn moving_to_a_non_finite_position_is_refused_with_the_frame() {
    let err = refused(
        &two_keyframes(),
        &config(),
        moved(10, f64::NAN, Scope::Frame),
    );
    assert!(
        matches!(err, CoreError::InvalidShape { frame: 10, .. }),
        "{err}"
    );
    let err = refused(
        &two_keyframes(),
        &config(),
        moved(0, f64::INFINITY, Scope::FromFrameOn),
    );
    assert!(
        matches!(err, CoreError::InvalidShape { frame: 0, .. }),
        "{err}"
    );
}

#[test]
fn moving_a_locked_label_in_an_audit_job_is_refused() {
    let mut labels = two_keyframes();
    labels
        .add_object(object("b", "bus:1", 1, vec![kf(0, 0.0, &[])]))
        .unwrap();
    let edit = Edit::MoveShape {
        object: 1,
        frame: 0,
        dx: 1.0,
        dy: 1.0,
        scope: Scope::Frame,
    };
    let err = refused(&labels, &audit_config(), edit);
    assert!(matches!(err, EditError::LabelLocked { .. }), "{err}");
    assert!(err.to_string().contains("moving a shape"), "{err}");
    applies(&labels, &audit_config(), moved(5, 1.0, Scope::Frame));
}

#[test]
fn reshaping_from_a_frame_on_gives_every_later_keyframe_the_shape() {
    let edit = Edit::Reshape {
        object: 0,
        frame: 3,
        shape: bx(7.0),
        scope: Scope::FromFrameOn,
    };
    let after = applies(&two_keyframes(), &config(), edit);
    assert_eq!(frames_of(&after, 0), [0, 3, 10]);
    assert_eq!(left_of(&after, 3), Some(7.0));
    assert_eq!(left_of(&after, 10), Some(7.0));
}

#[test]
fn reshaping_with_another_tool_is_refused() {
    let edit = Edit::Reshape {
        object: 0,
        frame: 0,
        shape: Shape::from(Keypoint::new(1.0, 1.0).unwrap()),
        scope: Scope::Frame,
    };
    let err = refused(&two_keyframes(), &config(), edit);
    assert!(matches!(err, CoreError::ShapeKindMismatch { .. }), "{err}");
}

fn delete(frame: u32, scope: Scope) -> Edit {
    Edit::DeleteShape {
        object: 0,
        frame,
        scope,
    }
}

#[test]
fn deleting_on_one_frame_makes_only_that_frame_absent() {
    let before = two_keyframes();
    let after = applies(&before, &config(), delete(5, Scope::Frame));
    assert_eq!(
        visibility_of(&after, 0),
        [(0, true), (4, true), (5, false), (6, true), (10, true)]
    );
    let mut expected = lefts(&before);
    expected[5] = None;
    assert_close(&lefts(&after), &expected);
}

#[test]
fn deleting_the_first_or_last_keyframe_shortens_the_track() {
    let before = two_keyframes();
    let first = applies(&before, &config(), delete(0, Scope::Frame));
    assert_eq!(frames_of(&first, 0), [1, 10]);
    let last = applies(&before, &config(), delete(10, Scope::Frame));
    assert_eq!(frames_of(&last, 0), [0, 9]);
    let mut expected = lefts(&before);
    expected[10] = None;
    assert_close(&lefts(&last), &expected);
}

#[test]
fn deleting_just_before_an_absence_keeps_the_absence() {
    let mut labels = sequence(TaskType::Tracking, 11);
    labels
        .add_object(object(
            "a",
            "car:1",
            0,
            vec![kf(0, 0.0, &[]), Keyframe::absent(5), kf(10, 9.0, &[])],
        ))
        .unwrap();
    let after = applies(&labels, &config(), delete(4, Scope::Frame));
    assert_eq!(
        visibility_of(&after, 0),
        [(0, true), (3, true), (4, false), (10, true)]
    );
}

#[test]
fn deleting_the_only_shape_deletes_the_object() {
    let mut labels = sequence(TaskType::Tracking, 3);
    labels
        .add_object(object("a", "car:1", 0, vec![kf(1, 0.0, &[])]))
        .unwrap();
    let after = applies(&labels, &config(), delete(1, Scope::Frame));
    assert!(after.objects().is_empty());
}

#[test]
fn deleting_from_a_frame_on_truncates_the_track() {
    let before = two_keyframes();
    let after = applies(&before, &config(), delete(5, Scope::FromFrameOn));
    assert_eq!(frames_of(&after, 0), [0, 4]);
    let mut expected = lefts(&before);
    for e in &mut expected[5..] {
        *e = None;
    }
    assert_close(&lefts(&after), &expected);
    let gone = applies(&before, &config(), delete(0, Scope::FromFrameOn));
    assert!(gone.objects().is_empty());
}

#[test]
fn deleting_where_there_is_nothing_is_refused() {
    let mut labels = sequence(TaskType::Tracking, 12);
    labels
        .add_object(object(
            "a",
            "car:1",
            0,
            vec![kf(0, 0.0, &[]), Keyframe::absent(5), kf(10, 9.0, &[])],
        ))
        .unwrap();
    let err = refused(&labels, &config(), delete(7, Scope::Frame));
    assert!(err.to_string().contains("it is absent there"), "{err}");
    let err = refused(&labels, &config(), delete(11, Scope::FromFrameOn));
    assert!(
        matches!(err, EditError::NotShown { frame: 11, .. }),
        "{err}"
    );
    // From an absent frame on, the later shapes are deleted; the shape held up to the
    // absence stays, ending on a keyframe.
    let after = applies(&labels, &config(), delete(7, Scope::FromFrameOn));
    assert_eq!(frames_of(&after, 0), [0, 4]);
    assert_eq!(left_of(&after, 4), Some(0.0));
}

#[test]
fn deleting_a_detection_shape_deletes_its_object() {
    let mut labels = sequence(TaskType::Detection, 2);
    labels
        .add_object(object("a", "car:1", 0, vec![kf(1, 0.0, &[])]))
        .unwrap();
    let after = applies(&labels, &config(), delete(1, Scope::Frame));
    assert!(after.objects().is_empty());
    let err = refused(&labels, &config(), delete(0, Scope::Frame));
    assert!(matches!(err, EditError::NotShown { .. }), "{err}");
}

#[test]
fn moving_a_polygon_keeps_its_vertices_or_is_refused() {
    use vframe_core::{AnnotationType, ClassId, LabeledObject, ObjectId, Track};
    use vframe_geom::{Point, Polygon};
    let mut config = config();
    config.annotation_type = AnnotationType::Polygon;
    let mut labels = SequenceLabels::new(TaskType::Tracking, AnnotationType::Polygon);
    labels.add_frame(0, "a.jpg").unwrap();
    let square = |first_x: f64| -> Shape {
        Polygon::new(vec![
            Point::new(first_x, 0.0),
            Point::new(5.0, 0.0),
            Point::new(5.0, 5.0),
            Point::new(0.0, 0.0),
        ])
        .unwrap()
        .into()
    };
    let object = |shape| {
        LabeledObject::new(
            Some(ObjectId::new("p")),
            Some("car:1".into()),
            ClassId(0),
            Track::single(0, shape),
        )
    };
    let mut ok = labels.clone();
    ok.add_object(object(square(1.0))).unwrap();
    let after = applies(&ok, &config, moved(0, 2.0, Scope::Frame));
    let moved_shape = after.objects()[0].track().keyframes()[0].shape().unwrap();
    assert_eq!(
        moved_shape.as_polygon().unwrap().vertices()[0],
        Point::new(3.0, 0.0)
    );
    // Moved by 1, the first vertex (1e-20, 0) lands on the last one (0, 0) + 1: refused
    // rather than silently dropping a vertex.
    labels.add_object(object(square(1e-20))).unwrap();
    let err = refused(&labels, &config, moved(0, 1.0, Scope::Frame));
    assert!(
        matches!(err, CoreError::InvalidShape { frame: 0, .. }),
        "{err}"
    );
}
