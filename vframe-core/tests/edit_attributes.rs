//! Setting label category attributes and frame attributes, and their locks.

mod edit_support;

use edit_support::*;
use vframe_core::edit::{Edit, EditError, Scope};
use vframe_core::{AttributeSpec, AttributeValue, CoreError, SequenceLabels, TaskType};

fn labels() -> SequenceLabels {
    let mut labels = sequence(TaskType::Tracking, 11);
    labels
        .add_object(object(
            "a",
            "car:1",
            0,
            vec![
                kf(0, 0.0, &[("occluded", "no")]),
                kf(5, 50.0, &[("occluded", "no")]),
                kf(10, 100.0, &[("occluded", "yes")]),
            ],
        ))
        .unwrap();
    labels
        .add_object(object(
            "b",
            "bus:1",
            1,
            vec![kf(0, 0.0, &[]), kf(10, 1.0, &[])],
        ))
        .unwrap();
    labels
}

fn set(object: usize, frame: u32, name: &str, value: Option<&str>, scope: Scope) -> Edit {
    Edit::SetAttribute {
        object,
        frame,
        name: name.into(),
        value: value.map(AttributeValue::from),
        scope,
    }
}

fn value_at(labels: &SequenceLabels, object: usize, frame: u32, name: &str) -> Option<String> {
    let shown = labels.objects()[object].track().shape_at(frame);
    shown.attributes()?.get(name).map(|v| v.to_string())
}

#[test]
fn setting_on_a_keyframe_holds_until_the_next_keyframe() {
    let after = applies(
        &labels(),
        &config(),
        set(0, 0, "color", Some("blue"), Scope::Frame),
    );
    assert_eq!(frames_of(&after, 0), [0, 5, 10]);
    assert_eq!(value_at(&after, 0, 4, "color").as_deref(), Some("blue"));
    assert_eq!(value_at(&after, 0, 5, "color"), None);
}

#[test]
fn setting_between_keyframes_freezes_a_keyframe_there() {
    let after = applies(
        &labels(),
        &config(),
        set(0, 3, "color", Some("red"), Scope::Frame),
    );
    assert_eq!(frames_of(&after, 0), [0, 3, 5, 10]);
    assert_eq!(value_at(&after, 0, 2, "color"), None);
    assert_eq!(value_at(&after, 0, 3, "color").as_deref(), Some("red"));
    assert_eq!(value_at(&after, 0, 3, "occluded").as_deref(), Some("no"));
}

#[test]
fn setting_from_a_frame_on_reaches_every_later_keyframe() {
    let after = applies(
        &labels(),
        &config(),
        set(0, 5, "occluded", Some("yes"), Scope::FromFrameOn),
    );
    assert_eq!(value_at(&after, 0, 4, "occluded").as_deref(), Some("no"));
    assert_eq!(value_at(&after, 0, 5, "occluded").as_deref(), Some("yes"));
    assert_eq!(value_at(&after, 0, 10, "occluded").as_deref(), Some("yes"));
    let cleared = applies(
        &labels(),
        &config(),
        set(0, 0, "occluded", None, Scope::FromFrameOn),
    );
    assert!(
        cleared.objects()[0]
            .track()
            .keyframes()
            .iter()
            .all(|k| k.attributes.is_empty())
    );
}

#[test]
fn setting_a_value_it_already_has_changes_nothing() {
    let mut labels = labels();
    let inverse = set(0, 5, "occluded", Some("no"), Scope::Frame)
        .apply(&mut labels, &config(), &mut fresh_ids())
        .unwrap();
    assert!(inverse.is_noop());
}

#[test]
fn unknown_attributes_and_illegal_values_are_refused() {
    let labels = labels();
    // `color` belongs to car only.
    let err = refused(
        &labels,
        &config(),
        set(1, 0, "color", Some("red"), Scope::Frame),
    );
    assert_eq!(
        err.to_string(),
        "object bus:1 (id b), frame 0: no attribute is named \"color\"; expected one of [\"occluded\"]"
    );
    let err = refused(
        &labels,
        &config(),
        set(0, 0, "occluded", Some("maybe"), Scope::Frame),
    );
    assert!(
        matches!(err, EditError::IllegalAttributeValue { .. }),
        "{err}"
    );
    let mut numbers = config();
    numbers.labels[0]
        .category_attributes
        .push(AttributeSpec::number("speed", 0.0, 200.0));
    applies(
        &labels,
        &numbers,
        set(0, 0, "speed", Some("120"), Scope::Frame),
    );
    let err = refused(
        &labels,
        &numbers,
        set(0, 0, "speed", Some("300"), Scope::Frame),
    );
    assert!(err.to_string().contains("300 is outside 0..=200"), "{err}");
}

#[test]
fn setting_where_the_object_is_not_shown_is_refused() {
    let mut labels = sequence(TaskType::Tracking, 12);
    labels
        .add_object(object("a", "car:1", 0, vec![kf(0, 0.0, &[])]))
        .unwrap();
    let err = refused(
        &labels,
        &config(),
        set(0, 11, "color", Some("red"), Scope::Frame),
    );
    assert!(
        matches!(err, EditError::NotShown { frame: 11, .. }),
        "{err}"
    );
}

#[test]
fn locked_attributes_cannot_change_in_an_audit_job() {
    let labels = labels();
    let err = refused(
        &labels,
        &audit_config(),
        set(0, 0, "occluded", Some("yes"), Scope::Frame),
    );
    assert_eq!(
        err.to_string(),
        "object car:1 (id a), frame 0: attribute \"occluded\" has \"editsAllowed\": \"none\" in this audit job, so its value cannot change"
    );
    // An editable attribute of a locked label can change (a verification job's judgement);
    // the keyframe frozen for it keeps the locked values.
    let bus = applies(
        &labels,
        &audit_config(),
        set(0, 3, "color", Some("red"), Scope::Frame),
    );
    assert_eq!(value_at(&bus, 0, 3, "occluded").as_deref(), Some("no"));
}

#[test]
fn editable_attributes_of_a_locked_label_can_be_set_in_a_verification_job() {
    let mut verification = audit_config();
    verification.labels[0].edits_allowed = vframe_core::EditsAllowed::None;
    verification.labels[1]
        .category_attributes
        .push(AttributeSpec::choice("correct", &["yes", "no"]));
    assert_eq!(verification.job_kind(), vframe_core::JobKind::Verification);
    let labels = labels();
    let after = applies(
        &labels,
        &verification,
        set(1, 4, "correct", Some("no"), Scope::Frame),
    );
    assert_eq!(frames_of(&after, 1), [0, 4, 10]);
    let err = refused(&labels, &verification, Edit::DeleteObject { object: 1 });
    assert!(matches!(err, EditError::LabelLocked { .. }));
}

#[test]
fn removing_a_keyframe_that_changes_a_locked_value_is_refused() {
    let mut labels = sequence(TaskType::Tracking, 11);
    labels
        .add_object(object(
            "a",
            "car:1",
            0,
            vec![
                kf(0, 0.0, &[("occluded", "no")]),
                kf(5, 50.0, &[("occluded", "yes")]),
                kf(10, 100.0, &[("occluded", "yes")]),
            ],
        ))
        .unwrap();
    // Without the keyframe on 5, frames 5..=9 would hold occluded = no from frame 0.
    let err = refused(
        &labels,
        &audit_config(),
        Edit::RemoveKeyframe {
            object: 0,
            frame: 5,
        },
    );
    assert!(matches!(err, EditError::AttributeLocked { .. }), "{err}");
    assert!(err.to_string().contains("frame 5"), "{err}");
    // Without the last keyframe the object is no longer shown on frame 10: a change of
    // geometry, which the (editable) label allows.
    applies(
        &labels,
        &audit_config(),
        Edit::RemoveKeyframe {
            object: 0,
            frame: 10,
        },
    );
}

fn weather(frame: u32, value: Option<&str>) -> Edit {
    Edit::SetFrameAttribute {
        frame,
        name: "weather".into(),
        value: value.map(AttributeValue::from),
    }
}

#[test]
fn frame_attributes_are_set_cleared_and_checked() {
    let labels = labels();
    let rain = applies(&labels, &config(), weather(3, Some("rain")));
    assert_eq!(
        rain.frame(3).unwrap().attributes,
        attrs(&[("weather", "rain")])
    );
    let cleared = applies(&rain, &config(), weather(3, None));
    assert!(cleared.frame(3).unwrap().attributes.is_empty());
    let err = refused(&labels, &config(), weather(3, Some("snow")));
    assert!(
        err.to_string()
            .starts_with("frame 3, frame attribute: attribute \"weather\""),
        "{err}"
    );
    let err = refused(&labels, &config(), weather(30, Some("sun")));
    assert_eq!(err, CoreError::NoSuchFrame { frame: 30 });
    let unknown = Edit::SetFrameAttribute {
        frame: 0,
        name: "light".into(),
        value: None,
    };
    assert!(matches!(
        refused(&labels, &config(), unknown),
        EditError::UnknownAttribute { .. }
    ));
    let err = refused(&labels, &audit_config(), weather(3, Some("sun")));
    assert!(matches!(err, EditError::AttributeLocked { .. }), "{err}");
}
