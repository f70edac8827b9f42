//! Undo and redo through a `History`.

mod edit_support;

use edit_support::*;
use vframe_core::edit::{Edit, EditError, History, Scope};
use vframe_core::{AttributeValue, SequenceLabels, TaskType};

fn labels() -> SequenceLabels {
    let mut labels = sequence(TaskType::Tracking, 6);
    labels
        .add_object(object(
            "a",
            "car:1",
            0,
            vec![kf(0, 0.0, &[]), kf(5, 50.0, &[])],
        ))
        .unwrap();
    labels
}

fn nudge(frame: u32) -> Edit {
    Edit::MoveShape {
        object: 0,
        frame,
        dx: 0.1,
        dy: 0.2,
        scope: Scope::Frame,
    }
}

#[test]
fn an_empty_history_has_nothing_to_undo_or_redo() {
    let mut labels = labels();
    let mut history = History::new();
    let mut ids = fresh_ids();
    assert!(!history.undo(&mut labels, &config(), &mut ids).unwrap());
    assert!(!history.redo(&mut labels, &config(), &mut ids).unwrap());
    assert_eq!(labels, self::labels());
}

#[test]
fn undo_restores_floating_point_values_exactly() {
    let start = labels();
    let mut labels = start.clone();
    let mut history = History::new();
    let mut ids = fresh_ids();
    for _ in 0..10 {
        history
            .apply(nudge(3), &mut labels, &config(), &mut ids)
            .unwrap();
    }
    while history.undo(&mut labels, &config(), &mut ids).unwrap() {}
    // Moving back by -0.1 ten times would not give 0.0 exactly; restoring does.
    assert_eq!(labels, start);
    assert_eq!(history.redo_stack().len(), 10);
}

#[test]
fn a_new_edit_clears_the_redo_stack() {
    let mut labels = labels();
    let mut history = History::new();
    let mut ids = fresh_ids();
    history
        .apply(nudge(1), &mut labels, &config(), &mut ids)
        .unwrap();
    history.undo(&mut labels, &config(), &mut ids).unwrap();
    assert!(history.can_redo());
    history
        .apply(nudge(2), &mut labels, &config(), &mut ids)
        .unwrap();
    assert!(!history.can_redo());
    assert_eq!(history.undo_stack().len(), 1);
}

#[test]
fn a_refused_edit_leaves_the_history_alone() {
    let mut labels = labels();
    let mut history = History::new();
    let mut ids = fresh_ids();
    history
        .apply(nudge(1), &mut labels, &config(), &mut ids)
        .unwrap();
    history.undo(&mut labels, &config(), &mut ids).unwrap();
    let err = history.apply(nudge(9), &mut labels, &config(), &mut ids);
    assert!(err.is_err());
    assert!(history.can_redo());
    assert!(!history.can_undo());
}

#[test]
fn an_undo_step_applied_to_other_labels_is_refused_as_out_of_date() {
    let mut labels = labels();
    labels
        .add_object(object(
            "b",
            "car:2",
            0,
            vec![kf(0, 0.0, &[]), kf(5, 50.0, &[])],
        ))
        .unwrap();
    let mut history = History::new();
    let mut ids = fresh_ids();
    history
        .apply(nudge(3), &mut labels, &config(), &mut ids)
        .unwrap();
    // Changed behind the history's back: object a is gone, b moved to position 0.
    labels.remove_object(0).unwrap();
    let before = labels.clone();
    let err = history.undo(&mut labels, &config(), &mut ids).unwrap_err();
    assert!(
        matches!(err, EditError::OutOfDate { index: 0, .. }),
        "{err}"
    );
    assert!(
        err.to_string().contains("object car:2 (id b) is there"),
        "{err}"
    );
    assert_eq!(labels, before);
    assert!(history.can_undo());
}

#[test]
fn setting_a_locked_value_to_what_it_is_changes_nothing_and_is_allowed() {
    let mut labels = sequence(TaskType::Tracking, 2);
    labels
        .add_object(object(
            "a",
            "car:1",
            0,
            vec![kf(0, 0.0, &[("occluded", "no")])],
        ))
        .unwrap();
    let same = Edit::SetAttribute {
        object: 0,
        frame: 0,
        name: "occluded".into(),
        value: Some(AttributeValue::from("no")),
        scope: Scope::Frame,
    };
    let inverse = same
        .apply(&mut labels, &audit_config(), &mut fresh_ids())
        .unwrap();
    assert!(inverse.is_noop());
}

#[test]
fn a_failed_step_rolls_back_the_steps_before_it() {
    // Merging a into b replaces b's track, then removes a; a refused removal would have to
    // undo the replacement. Provoke it through a stale inverse holding two steps.
    let mut labels = sequence(TaskType::Tracking, 10);
    labels
        .add_object(object("a", "car:1", 0, vec![kf(0, 0.0, &[])]))
        .unwrap();
    labels
        .add_object(object("b", "car:2", 0, vec![kf(5, 5.0, &[])]))
        .unwrap();
    let mut ids = fresh_ids();
    let mut merged = labels.clone();
    let inverse = Edit::MergeTracks { into: 1, from: 0 }
        .apply(&mut merged, &config(), &mut ids)
        .unwrap();
    // The inverse re-inserts a at 0, then splices b (now at 1). Give it labels where the
    // insertion works but position 1 then holds another object.
    let mut other = merged.clone();
    other.remove_object(0).unwrap();
    other
        .add_object(object("c", "car:3", 0, vec![kf(1, 0.0, &[])]))
        .unwrap();
    let before = other.clone();
    let err = inverse.apply(&mut other, &config(), &mut ids).unwrap_err();
    assert!(matches!(err, EditError::OutOfDate { .. }), "{err}");
    assert_eq!(other, before);
}
