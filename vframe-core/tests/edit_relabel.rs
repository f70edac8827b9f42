//! Relabeling: one category for an object's whole life, attributes that do not exist for
//! the new label dropped and restored by the inverse.

mod edit_support;

use edit_support::*;
use vframe_core::edit::{Edit, EditError};
use vframe_core::{ClassId, ClassMap, SequenceLabels, TaskType};

fn labels() -> SequenceLabels {
    let mut labels = sequence(TaskType::Tracking, 3);
    labels
        .add_object(object(
            "a",
            "car:1",
            0,
            vec![
                kf(0, 0.0, &[("color", "red"), ("occluded", "no")]),
                kf(2, 2.0, &[("color", "blue")]),
            ],
        ))
        .unwrap();
    labels
        .add_object(object("b", "bus:3", 1, vec![kf(0, 0.0, &[])]))
        .unwrap();
    labels
}

fn relabel(object: usize, label: &str) -> Edit {
    Edit::Relabel {
        object,
        label: label.into(),
    }
}

#[test]
fn relabeling_drops_attributes_the_new_label_lacks_and_renames_numbered_names() {
    let before = labels();
    let after = applies(&before, &config(), relabel(0, "bus"));
    let o = &after.objects()[0];
    assert_eq!(o.class_id(), ClassId(1));
    assert_eq!(o.name().unwrap().as_str(), "bus:4");
    assert_eq!(o.id(), before.objects()[0].id());
    let values: Vec<_> = o
        .track()
        .keyframes()
        .iter()
        .map(|k| k.attributes.clone())
        .collect();
    assert_eq!(values, [attrs(&[("occluded", "no")]), attrs(&[])]);
}

#[test]
fn relabeling_keeps_a_name_the_worker_chose() {
    let mut labels = sequence(TaskType::Tracking, 1);
    labels
        .add_object(object("a", "my car", 0, vec![kf(0, 0.0, &[])]))
        .unwrap();
    let after = applies(&labels, &config(), relabel(0, "bus"));
    assert_eq!(after.objects()[0].name().unwrap().as_str(), "my car");
}

#[test]
fn relabeling_to_the_same_label_changes_nothing() {
    let mut labels = labels();
    let inverse = relabel(1, "bus")
        .apply(&mut labels, &config(), &mut fresh_ids())
        .unwrap();
    assert!(inverse.is_noop());
}

#[test]
fn relabeling_through_a_class_map_adds_the_new_label_to_it() {
    let mut labels = labels();
    labels.set_class_map(ClassMap::from([
        (ClassId(0), "car".to_owned()),
        (ClassId(1), "truck".to_owned()),
    ]));
    let mut config = config();
    config.labels.push(vframe_core::LabelCategory::new("truck"));
    // Object b (class 1) is a truck through the map.
    let after = applies(&labels, &config, relabel(1, "bus"));
    assert_eq!(after.objects()[1].class_id(), ClassId(2));
    assert_eq!(
        after.class_map().get(&ClassId(2)).map(String::as_str),
        Some("bus")
    );
    assert_eq!(after.objects()[1].name().unwrap().as_str(), "bus:3");
}

#[test]
fn relabeling_to_an_unknown_label_or_from_an_unknown_class_is_refused() {
    let labels = labels();
    let err = refused(&labels, &config(), relabel(0, "truck"));
    assert!(matches!(err, EditError::UnknownLabel { .. }), "{err}");
    let mut stray = labels.clone();
    stray
        .add_object(object("c", "x:1", 7, vec![kf(1, 0.0, &[])]))
        .unwrap();
    let err = refused(&stray, &config(), relabel(2, "car"));
    assert_eq!(
        err.to_string(),
        "object x:1 (id c): class-id 7 names no label of this job's configuration (through the class-map when it has entries, else by position in labels)"
    );
}

#[test]
fn relabeling_from_or_to_a_locked_label_is_refused() {
    let labels = labels();
    let err = refused(&labels, &audit_config(), relabel(0, "bus"));
    assert!(err.to_string().contains("label \"bus\""), "{err}");
    assert!(err.to_string().contains("giving it this label"), "{err}");
    let err = refused(&labels, &audit_config(), relabel(1, "car"));
    assert!(err.to_string().contains("changing its label"), "{err}");
}

#[test]
fn relabeling_that_would_drop_a_locked_attribute_is_refused() {
    let mut config = audit_config();
    config.labels[1].edits_allowed = vframe_core::EditsAllowed::Any;
    config.labels[0].category_attributes[0].edits_allowed = vframe_core::EditsAllowed::None;
    let err = refused(&labels(), &config, relabel(0, "bus"));
    assert!(
        matches!(err, EditError::AttributeLocked { ref name, .. } if name == "color"),
        "{err}"
    );
}
