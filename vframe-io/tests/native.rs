//! The native file: round trips, versioning, and errors that say where.

use proptest::prelude::*;
use vframe_core::{
    AnnotationType, AttributeValue, ClassId, ClassMap, InstanceName, Keyframe, LabeledObject,
    ObjectId, SequenceLabels, TaskType, Track,
};
use vframe_geom::{BoundingBox, Keypoint, Point, Polygon, Polyline, Shape};

fn read_err(text: &str) -> String {
    vframe_io::native_from_slice(text.as_bytes())
        .unwrap_err()
        .to_string()
}

const HEAD: &str = r#""task": "tracking", "annotationType": "BoundingBox", "frames": [{"frame": 0, "file": "a.jpg"}, {"frame": 1, "file": "b.jpg"}]"#;

#[test]
fn empty_sequence_round_trips() {
    let labels = SequenceLabels::new(TaskType::Detection, AnnotationType::Polygon);
    let mut bytes = Vec::new();
    vframe_io::write_native(&mut bytes, &labels).unwrap();
    assert!(bytes.ends_with(b"}\n"));
    assert_eq!(vframe_io::read_native(&bytes[..]).unwrap(), labels);
}

#[test]
fn unknown_version_is_refused_with_its_path() {
    let err = read_err(&format!(r#"{{"vframe": 2, {HEAD}, "objects": []}}"#));
    assert!(
        err.contains("vframe: format version 2 is not supported"),
        "{err}"
    );
    assert!(err.starts_with("<input>:1:"), "{err}");
}

#[test]
fn unknown_key_is_refused_with_line_and_column() {
    let err = read_err(&format!("{{\"vframe\": 1, {HEAD},\n \"objectz\": []}}"));
    assert!(err.contains("unknown field `objectz`"), "{err}");
    assert!(err.contains(":2:"), "{err}");
}

#[test]
fn keyframe_with_both_shape_and_absence_is_refused() {
    let err = read_err(&format!(
        r#"{{"vframe": 1, {HEAD}, "objects": [{{"id": "a", "classId": 0, "keyframes": [{{"frame": 0, "absent": true, "shape": {{"left": 0, "top": 0, "width": 1, "height": 1}}}}]}}]}}"#
    ));
    assert!(
        err.contains("objects[0].keyframes[0]: a keyframe has either"),
        "{err}"
    );
}

#[test]
fn shape_fields_must_match_the_annotation_type() {
    let err = read_err(&format!(
        r#"{{"vframe": 1, {HEAD}, "objects": [{{"id": "a", "classId": 0, "keyframes": [{{"frame": 0, "shape": {{"x": 0, "y": 0}}}}]}}]}}"#
    ));
    assert!(err.contains("objects[0].keyframes[0].shape.x"), "{err}");
}

#[test]
fn track_invariants_are_checked_with_the_keyframe_path() {
    let err = read_err(&format!(
        r#"{{"vframe": 1, {HEAD}, "objects": [{{"id": "a", "classId": 0, "keyframes": [
            {{"frame": 1, "shape": {{"left": 0, "top": 0, "width": 1, "height": 1}}}},
            {{"frame": 0, "shape": {{"left": 0, "top": 0, "width": 1, "height": 1}}}}]}}]}}"#
    ));
    assert!(err.contains("objects[0].keyframes[1]"), "{err}");
    assert!(err.contains("strictly increasing"), "{err}");
}

#[test]
fn duplicate_object_ids_are_refused() {
    let object = r#"{"id": "a", "classId": 0, "keyframes": [{"frame": 0, "shape": {"left": 0, "top": 0, "width": 1, "height": 1}}]}"#;
    let err = read_err(&format!(
        r#"{{"vframe": 1, {HEAD}, "objects": [{object}, {object}]}}"#
    ));
    assert!(
        err.contains("objects[1]: object id a is used by two objects"),
        "{err}"
    );
}

#[test]
fn writing_a_path_replaces_the_file_whole() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("labels.json");
    std::fs::write(&path, "old").unwrap();
    let labels = SequenceLabels::new(TaskType::Tracking, AnnotationType::Keypoint);
    vframe_io::write_native_file(&path, &labels).unwrap();
    assert_eq!(vframe_io::read_native_file(&path).unwrap(), labels);
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}

#[test]
fn reading_a_missing_file_names_it() {
    let err = vframe_io::read_native_file("/nonexistent/labels.json").unwrap_err();
    assert!(
        err.to_string().contains("/nonexistent/labels.json"),
        "{err}"
    );
}

fn shape(kind: AnnotationType, seed: (i16, i16, u8)) -> Shape {
    let (x, y) = (f64::from(seed.0) / 4.0, f64::from(seed.1) / 4.0);
    let n = 3 + usize::from(seed.2 % 5);
    let ring: Vec<Point> = (0..n)
        .map(|i| Point::new(x + (i as f64 * 7.0).cos() * 10.0, y + i as f64))
        .collect();
    match kind {
        AnnotationType::BoundingBox => BoundingBox::new(x, y, f64::from(seed.2), 3.5)
            .unwrap()
            .into(),
        AnnotationType::Keypoint => Keypoint::new(x, y).unwrap().into(),
        AnnotationType::Polyline => Polyline::new(ring).unwrap().into(),
        AnnotationType::Polygon => Polygon::new(ring).unwrap().into(),
    }
}

fn labels() -> impl Strategy<Value = SequenceLabels> {
    let kind = prop::sample::select(AnnotationType::ALL.to_vec());
    let objects = prop::collection::vec(
        prop::collection::vec((any::<(i16, i16, u8)>(), 0u8..4, any::<bool>()), 1..8),
        0..5,
    );
    (kind, objects).prop_map(|(kind, objects)| {
        let mut labels = SequenceLabels::new(TaskType::Tracking, kind);
        for f in 0..100 {
            let frame = labels.add_frame(f, format!("frame_{f:04}.jpeg")).unwrap();
            if f % 7 == 0 {
                frame
                    .attributes
                    .insert("light".into(), AttributeValue::Number(f64::from(f)));
            }
        }
        let mut classes = ClassMap::new();
        classes.insert(ClassId(3), "car".into());
        labels.set_class_map(classes);
        for (o, steps) in objects.iter().enumerate() {
            let mut keyframes: Vec<Keyframe> = Vec::new();
            let mut frame = 0;
            for (i, (seed, pose, absent)) in steps.iter().enumerate() {
                frame += 1 + u32::from(seed.2 % 4);
                let last = i + 1 == steps.len();
                if *absent && !last && keyframes.last().is_some_and(Keyframe::is_visible) {
                    keyframes.push(Keyframe::absent(frame));
                } else {
                    let mut k = Keyframe::visible(frame, shape(kind, *seed));
                    k.attributes
                        .insert("pose".into(), format!("p{pose}").into());
                    keyframes.push(k);
                }
            }
            labels
                .add_object(LabeledObject::new(
                    Some(ObjectId::new(format!("id-{o}"))),
                    Some(InstanceName::numbered("car", o as u32 + 1)),
                    ClassId(3),
                    Track::new(keyframes).unwrap(),
                ))
                .unwrap();
        }
        labels
    })
}

proptest! {
    #[test]
    fn native_file_round_trips_every_labels_value(l in labels()) {
        let mut bytes = Vec::new();
        vframe_io::write_native(&mut bytes, &l).unwrap();
        prop_assert_eq!(vframe_io::read_native(&bytes[..]).unwrap(), l.clone());
        // Deterministic: writing again gives the same bytes.
        let mut again = Vec::new();
        vframe_io::write_native(&mut again, &l).unwrap();
        prop_assert_eq!(bytes, again);
    }
}
