//! Adding and deleting objects, and the instance-name rule.

mod edit_support;

use edit_support::*;
use vframe_core::edit::{Edit, EditError, next_instance_name};
use vframe_core::{ClassId, ClassMap, CoreError, TaskType};
use vframe_geom::Keypoint;

fn add(label: &str, frame: u32, x: f64) -> Edit {
    Edit::AddObject {
        label: label.into(),
        frame,
        shape: bx(x),
        attributes: Default::default(),
    }
}

#[test]
fn first_object_of_a_label_is_named_1() {
    let labels = sequence(TaskType::Tracking, 3);
    let after = applies(&labels, &config(), add("car", 1, 5.0));
    let o = &after.objects()[0];
    assert_eq!(o.name().unwrap().as_str(), "car:1");
    assert_eq!(o.class_id(), ClassId(0));
    assert_eq!(frames_of(&after, 0), [1]);
    assert!(o.id().is_some());
}

#[test]
fn instance_number_is_one_more_than_the_highest_used_for_that_label() {
    let mut labels = sequence(TaskType::Tracking, 3);
    labels
        .add_object(object("a", "car:1", 0, vec![kf(0, 0.0, &[])]))
        .unwrap();
    labels
        .add_object(object("b", "car:7", 0, vec![kf(0, 0.0, &[])]))
        .unwrap();
    labels
        .add_object(object("c", "bus:9", 1, vec![kf(0, 0.0, &[])]))
        .unwrap();
    labels
        .add_object(object("d", "renamed", 0, vec![kf(0, 0.0, &[])]))
        .unwrap();
    let after = applies(&labels, &config(), add("car", 0, 1.0));
    assert_eq!(after.objects()[4].name().unwrap().as_str(), "car:8");
    assert_eq!(next_instance_name(&after, "bus").as_str(), "bus:10");
}

#[test]
fn deleting_the_highest_name_frees_its_number_but_gaps_stay() {
    let mut labels = sequence(TaskType::Tracking, 1);
    for (id, name) in [("a", "car:1"), ("b", "car:2"), ("c", "car:3")] {
        labels
            .add_object(object(id, name, 0, vec![kf(0, 0.0, &[])]))
            .unwrap();
    }
    let without_2 = applies(&labels, &config(), Edit::DeleteObject { object: 1 });
    assert_eq!(next_instance_name(&without_2, "car").as_str(), "car:4");
    let without_3 = applies(&labels, &config(), Edit::DeleteObject { object: 2 });
    assert_eq!(next_instance_name(&without_3, "car").as_str(), "car:3");
}

#[test]
fn new_label_gets_a_class_map_entry_when_the_map_is_in_use() {
    let mut labels = sequence(TaskType::Tracking, 1);
    labels.set_class_map(ClassMap::from([(ClassId(0), "bus".to_owned())]));
    let after = applies(&labels, &config(), add("car", 0, 0.0));
    // "car" is labels[0], but id 0 is taken by "bus" in this sequence's map.
    assert_eq!(after.objects()[0].class_id(), ClassId(1));
    assert_eq!(
        after.class_map().get(&ClassId(1)).map(String::as_str),
        Some("car")
    );
    let again = applies(&after, &config(), add("bus", 0, 0.0));
    assert_eq!(again.objects()[1].class_id(), ClassId(0));
    assert_eq!(again.class_map().len(), 2);
}

#[test]
fn adding_with_attribute_values_checks_them() {
    let labels = sequence(TaskType::Tracking, 1);
    let ok = Edit::AddObject {
        label: "car".into(),
        frame: 0,
        shape: bx(0.0),
        attributes: attrs(&[("color", "red"), ("occluded", "no")]),
    };
    applies(&labels, &config(), ok);
    let bad_value = Edit::AddObject {
        label: "car".into(),
        frame: 0,
        shape: bx(0.0),
        attributes: attrs(&[("color", "green")]),
    };
    let err = refused(&labels, &config(), bad_value);
    assert!(
        matches!(err, EditError::IllegalAttributeValue { .. }),
        "{err}"
    );
    assert!(err.to_string().contains("car:1, frame 0"), "{err}");
    let wrong_label = Edit::AddObject {
        label: "bus".into(),
        frame: 0,
        shape: bx(0.0),
        attributes: attrs(&[("color", "red")]),
    };
    let err = refused(&labels, &config(), wrong_label);
    assert!(matches!(err, EditError::UnknownAttribute { .. }), "{err}");
}

#[test]
fn adding_an_unknown_label_is_refused() {
    let labels = sequence(TaskType::Tracking, 1);
    let err = refused(&labels, &config(), add("truck", 0, 0.0));
    assert!(matches!(err, EditError::UnknownLabel { .. }));
    assert!(err.to_string().contains("[\"car\", \"bus\"]"), "{err}");
}

#[test]
fn adding_on_an_unlisted_frame_is_refused() {
    let labels = sequence(TaskType::Tracking, 2);
    let err = refused(&labels, &config(), add("car", 2, 0.0));
    assert_eq!(err, CoreError::NoSuchFrame { frame: 2 });
}

#[test]
fn adding_a_shape_of_another_tool_is_refused() {
    let labels = sequence(TaskType::Tracking, 1);
    let point = Edit::AddObject {
        label: "car".into(),
        frame: 0,
        shape: Keypoint::new(1.0, 1.0).unwrap().into(),
        attributes: Default::default(),
    };
    let err = refused(&labels, &config(), point);
    assert!(matches!(err, CoreError::ShapeKindMismatch { .. }), "{err}");
}

#[test]
fn adding_or_deleting_a_locked_label_in_an_audit_job_is_refused() {
    let mut labels = sequence(TaskType::Tracking, 1);
    labels
        .add_object(object("b", "bus:1", 1, vec![kf(0, 0.0, &[])]))
        .unwrap();
    let err = refused(&labels, &audit_config(), add("bus", 0, 0.0));
    assert!(matches!(err, EditError::LabelLocked { .. }));
    assert!(
        err.to_string().contains("\"editsAllowed\": \"none\""),
        "{err}"
    );
    let err = refused(&labels, &audit_config(), Edit::DeleteObject { object: 0 });
    assert!(err.to_string().contains("object bus:1 (id b)"), "{err}");
    // The same label is editable in a labeling job: editsAllowed only binds audit jobs.
    let mut labeling = audit_config();
    labeling.audit_label_attribute_name = None;
    applies(&labels, &labeling, Edit::DeleteObject { object: 0 });
    applies(&labels, &audit_config(), add("car", 0, 0.0));
}

#[test]
fn deleting_an_object_and_undoing_puts_it_back_in_place() {
    let mut labels = sequence(TaskType::Tracking, 2);
    for (id, name) in [("a", "car:1"), ("b", "car:2"), ("c", "car:3")] {
        labels
            .add_object(object(id, name, 0, vec![kf(0, 0.0, &[]), kf(1, 1.0, &[])]))
            .unwrap();
    }
    let after = applies(&labels, &config(), Edit::DeleteObject { object: 1 });
    assert_eq!(after.objects().len(), 2);
    assert_eq!(
        after.object_index(&vframe_core::ObjectId::new("c")),
        Some(1)
    );
}

#[test]
fn deleting_a_missing_object_is_refused() {
    let labels = sequence(TaskType::Tracking, 1);
    let err = refused(&labels, &config(), Edit::DeleteObject { object: 0 });
    assert_eq!(err, CoreError::NoSuchObject { index: 0, count: 0 });
}

#[test]
fn objects_of_detection_jobs_get_ids_and_names_too() {
    let labels = sequence(TaskType::Detection, 2);
    let after = applies(&labels, &config(), add("bus", 1, 0.0));
    assert_eq!(after.objects()[0].name().unwrap().as_str(), "bus:1");
}
