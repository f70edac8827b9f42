//! Every way a SeqLabel.json can be wrong gives a located error (and nothing panics), and
//! everything a file holds is written back as it was.

use vframe_core::{CoreError, Location};
use vframe_io::IoError;
use vframe_io::json::{locate, locate_error};
use vframe_io::seq_label::{FrameNo, Geometry, ListKey, SeqLabelDoc};

fn schema(text: &str) -> (String, usize, usize, String) {
    match SeqLabelDoc::from_slice(text.as_bytes()) {
        Err(IoError::Schema {
            position,
            path,
            message,
        }) => (
            path.to_string(),
            position.line.unwrap(),
            position.column.unwrap(),
            message,
        ),
        other => panic!("expected a schema error, got {other:?}"),
    }
}

fn model_error(text: &str) -> (String, usize, usize, CoreError) {
    let doc = SeqLabelDoc::from_slice(text.as_bytes()).unwrap();
    let err = locate_error(doc.to_labels().unwrap_err(), text.as_bytes());
    match err {
        IoError::Model {
            position,
            path,
            source,
        } => (
            path.to_string(),
            position.line.unwrap(),
            position.column.unwrap(),
            *source,
        ),
        other => panic!("expected a model error, got {other:?}"),
    }
}

const BOX: &str = r#""height":1,"width":1,"top":0,"left":0"#;

#[test]
fn empty_input_is_a_syntax_error_at_line_1() {
    let err = SeqLabelDoc::from_slice(b"").unwrap_err();
    assert!(matches!(err, IoError::Syntax { position, .. } if position.line == Some(1)));
}

#[test]
fn truncated_file_is_a_syntax_error_at_its_end() {
    let err =
        SeqLabelDoc::from_slice(b"{\"tracking-annotations\":[\n{\"annotations\":[").unwrap_err();
    let IoError::Syntax { position, message } = err else {
        panic!()
    };
    assert_eq!((position.line, position.column), (Some(2), Some(16)));
    assert!(message.contains("EOF"), "{message}");
}

#[test]
fn syntax_error_after_a_schema_error_wins() {
    // The missing `frame` comes first, but invalid JSON is what the user must fix first.
    let err = SeqLabelDoc::from_slice(
        br#"{"tracking-annotations":[{"annotations":[],"frame-no":"0"},{"frame":,}]}"#,
    )
    .unwrap_err();
    let IoError::Syntax { position, .. } = err else {
        panic!("{err:?}")
    };
    assert_eq!((position.line, position.column), (Some(1), Some(69)));
}

#[test]
fn top_level_array_is_a_schema_error_at_the_root() {
    let (path, line, column, message) = schema("  []");
    assert_eq!((path.as_str(), line, column), ("$", 1, 3));
    assert!(message.contains("tracking-annotations"), "{message}");
}

#[test]
fn missing_annotations_key_is_a_schema_error() {
    let (path, _, _, message) = schema(r#"{"labels":[]}"#);
    assert_eq!(path, "$");
    assert!(message.contains("neither"), "{message}");
}

#[test]
fn both_task_keys_are_a_schema_error_at_the_second() {
    let (path, line, column, _) =
        schema(r#"{"tracking-annotations":[],"detection-annotations":[]}"#);
    assert_eq!(
        (path.as_str(), line, column),
        ("detection-annotations", 1, 52)
    );
}

#[test]
fn wrong_type_deep_inside_names_the_full_path_and_its_line() {
    let text = concat!(
        "{\"tracking-annotations\":[\n",
        "{\"polygons\":[],\"frame-no\":\"0\",\"frame\":\"a\"},\n",
        "{\"polygons\":[{\"vertices\":[{\"x\":1,\"y\":1}],\"class-id\":\"0\"},",
        "{\"vertices\":[{\"x\":1,\"y\":\"2\"}],\"class-id\":\"0\"}],\"frame-no\":\"1\",\"frame\":\"b\"}]}"
    );
    let (path, line, column, message) = schema(text);
    assert_eq!(path, "tracking-annotations[1].polygons[1].vertices[0].y");
    assert_eq!((line, column), (3, 82));
    assert!(message.contains("invalid type"), "{message}");
}

#[test]
fn missing_geometry_key_names_the_annotation() {
    let (path, _, _, message) = schema(
        r#"{"tracking-annotations":[{"annotations":[{"height":1,"width":1,"top":0,"class-id":"0"}],"frame-no":"0","frame":"a"}]}"#,
    );
    assert_eq!(path, "tracking-annotations[0].annotations[0]");
    assert!(message.contains("`left`"), "{message}");
}

#[test]
fn duplicate_key_is_a_schema_error_not_a_merge() {
    let (path, _, _, message) = schema(&format!(
        r#"{{"tracking-annotations":[{{"annotations":[{{{BOX},"class-id":"0","class-id":"1"}}],"frame-no":"0","frame":"a"}}]}}"#
    ));
    assert_eq!(path, "tracking-annotations[0].annotations[0].class-id");
    assert!(message.contains("twice"), "{message}");
    let (path, _, _, _) = schema(
        r#"{"tracking-annotations":[{"annotations":[],"frame-no":"0","frame":"a","frame-attributes":{"w":"x","w":"y"}}]}"#,
    );
    assert_eq!(path, "tracking-annotations[0].frame-attributes.w");
    let (path, _, _, _) = schema(r#"{"u":1,"tracking-annotations":[],"u":2}"#);
    assert_eq!(path, "u");
}

#[test]
fn two_list_keys_in_one_frame_are_a_schema_error() {
    let (path, _, _, message) = schema(
        r#"{"tracking-annotations":[{"annotations":[],"polygons":[],"frame-no":"0","frame":"a"}]}"#,
    );
    assert_eq!(path, "tracking-annotations[0].polygons");
    assert!(message.contains("both"), "{message}");
}

#[test]
fn mixing_list_keys_across_frames_is_a_schema_error_at_conversion() {
    let text = r#"{"tracking-annotations":[{"annotations":[],"frame-no":"0","frame":"a"},{"keypoints":[],"frame-no":"1","frame":"b"}]}"#;
    let doc = SeqLabelDoc::from_slice(text.as_bytes()).unwrap();
    let err = locate_error(doc.to_labels().unwrap_err(), text.as_bytes());
    let IoError::Schema { path, position, .. } = err else {
        panic!("{err:?}")
    };
    assert_eq!(path.to_string(), "tracking-annotations[1].keypoints");
    assert_eq!(position.column, Some(85));
}

#[test]
fn class_id_must_be_a_decimal_string() {
    let text = format!(
        r#"{{"detection-annotations":[{{"annotations":[{{{BOX},"class-id":"car"}}],"frame-no":0,"frame":"a"}}]}}"#
    );
    let doc = SeqLabelDoc::from_slice(text.as_bytes()).unwrap();
    let err = doc.to_labels().unwrap_err();
    assert!(
        matches!(&err, IoError::Schema { path, .. } if path.to_string() == "detection-annotations[0].annotations[0].class-id"),
        "{err:?}"
    );
}

#[test]
fn frame_no_must_be_a_non_negative_integer() {
    for bad in [r#""-1""#, r#""x""#, "1.5", "-1", r#""""#] {
        let text = format!(
            r#"{{"detection-annotations":[{{"annotations":[],"frame-no":{bad},"frame":"a"}}]}}"#
        );
        let doc = SeqLabelDoc::from_slice(text.as_bytes()).unwrap();
        let err = doc.to_labels().unwrap_err();
        assert!(
            matches!(&err, IoError::Schema { path, .. } if path.to_string() == "detection-annotations[0].frame-no"),
            "{bad}: {err:?}"
        );
    }
}

#[test]
fn frame_listed_twice_is_a_model_error() {
    let (path, _, column, source) = model_error(
        r#"{"tracking-annotations":[{"annotations":[],"frame-no":"3","frame":"a"},{"annotations":[],"frame-no":3,"frame":"b"}]}"#,
    );
    assert_eq!(path, "tracking-annotations[1].frame-no");
    assert_eq!(column, 101);
    assert!(matches!(source, CoreError::DuplicateFrame { frame: 3 }));
}

#[test]
fn object_with_two_class_ids_is_a_model_error_naming_both_frames() {
    let text = format!(
        r#"{{"tracking-annotations":[{{"annotations":[{{{BOX},"class-id":"1","object-id":"a","object-name":"bus:1"}}],"frame-no":"7","frame":"a"}},{{"annotations":[{{{BOX},"class-id":"0","object-id":"a","object-name":"bus:1"}}],"frame-no":"2","frame":"b"}}]}}"#
    );
    let (path, _, _, source) = model_error(&text);
    // frame 2 comes first in frame order, so frame 7 is the one that disagrees
    assert_eq!(path, "tracking-annotations[0].annotations[0].class-id");
    let message = source.to_string();
    assert!(
        message.contains("on frame 2") && message.contains("on frame 7"),
        "{message}"
    );
    assert!(message.contains("bus:1"), "{message}");
}

#[test]
fn object_on_a_frame_twice_is_a_model_error() {
    let text = format!(
        r#"{{"tracking-annotations":[{{"annotations":[{{{BOX},"class-id":"0","object-id":"a"}},{{{BOX},"class-id":"0","object-id":"a"}}],"frame-no":"0","frame":"a"}}]}}"#
    );
    let (path, _, _, source) = model_error(&text);
    assert_eq!(path, "tracking-annotations[0].annotations[1]");
    assert!(matches!(
        source,
        CoreError::KeyframesNotIncreasing {
            previous: 0,
            next: 0,
            ..
        }
    ));
}

#[test]
fn tracking_annotation_without_object_id_is_a_model_error() {
    let text = format!(
        r#"{{"tracking-annotations":[{{"annotations":[{{{BOX},"class-id":"0"}}],"frame-no":"0","frame":"a"}}]}}"#
    );
    let (path, line, column, source) = model_error(&text);
    assert_eq!(
        (path.as_str(), line, column),
        ("tracking-annotations[0].annotations[0]", 1, 42)
    );
    assert!(matches!(source, CoreError::MissingObjectId { .. }));
}

#[test]
fn invalid_shapes_are_model_errors_at_the_annotation() {
    let text = r#"{"tracking-annotations":[{"polygons":[{"vertices":[{"x":0,"y":0},{"x":1,"y":1}],"class-id":"0","object-id":"a"}],"frame-no":"4","frame":"a"}]}"#;
    let (path, _, _, source) = model_error(text);
    assert_eq!(path, "tracking-annotations[0].polygons[0]");
    assert!(
        matches!(source, CoreError::InvalidShape { frame: 4, .. }),
        "{source}"
    );
    let text = r#"{"detection-annotations":[{"annotations":[{"height":-1,"width":1,"top":0,"left":0,"class-id":"0"}],"frame-no":"0","frame":"a"}]}"#;
    let (_, _, _, source) = model_error(text);
    assert!(source.to_string().contains("height"), "{source}");
}

#[test]
fn attribute_values_must_be_strings_or_numbers() {
    let text = r#"{"tracking-annotations":[{"annotations":[],"frame-no":"0","frame":"a","frame-attributes":{"ok":"x","bad":true}}]}"#;
    let doc = SeqLabelDoc::from_slice(text.as_bytes()).unwrap();
    let err = doc.to_labels().unwrap_err();
    assert!(
        matches!(&err, IoError::Schema { path, .. } if path.to_string() == "tracking-annotations[0].frame-attributes.bad"),
        "{err:?}"
    );
}

#[test]
fn gap_in_a_track_becomes_an_absent_keyframe_at_the_first_missing_listed_frame() {
    let ann = |top: u32| {
        format!(r#"{{"height":1,"width":1,"top":{top},"left":0,"class-id":"0","object-id":"a"}}"#)
    };
    let frame = |no: u32, anns: &str| {
        format!(r#"{{"annotations":[{anns}],"frame-no":"{no}","frame":"{no}.jpg"}}"#)
    };
    // Listed frames 0, 2, 5, 9 (in file order 9, 0, 5, 2); the object is on 0 and 9.
    let text = format!(
        r#"{{"tracking-annotations":[{},{},{},{}]}}"#,
        frame(9, &ann(9)),
        frame(0, &ann(0)),
        frame(5, ""),
        frame(2, "")
    );
    let (labels, map) = SeqLabelDoc::from_slice(text.as_bytes())
        .unwrap()
        .to_labels_with_source_map()
        .unwrap();
    let frames: Vec<(u32, bool)> = labels.objects()[0]
        .track()
        .keyframes()
        .iter()
        .map(|k| (k.frame, k.is_visible()))
        .collect();
    assert_eq!(frames, [(0, true), (2, false), (9, true)]);
    // The absent keyframe maps to its frame entry; visible ones to their annotations.
    let at = |frame| Location::Annotation {
        frame,
        object: 0,
        field: Some(vframe_core::JsonPath::root().key("top")),
    };
    assert_eq!(
        map.path_of(&at(2)).unwrap().to_string(),
        "tracking-annotations[3]"
    );
    assert_eq!(
        map.path_of(&at(9)).unwrap().to_string(),
        "tracking-annotations[0].annotations[0].top"
    );
    let frame_at = Location::Frame {
        frame: 5,
        field: None,
    };
    assert_eq!(
        map.path_of(&frame_at).unwrap().to_string(),
        "tracking-annotations[2]"
    );
    assert!(locate(text.as_bytes(), &map.path_of(&at(9)).unwrap()).is_some());
}

#[test]
fn everything_a_file_holds_is_written_back_as_it_was() {
    // Unknown keys at every level, odd key orders, integer frame-no, float forms, nested
    // raw values, escapes.
    let text = r#"{"meta":{"a":[1,2.50,{"b":null}]},"detection-annotations":[{"frame-no":0,"x-extra":true,"keypoints":[{"y":2.0,"class-id":"0","x":1,"conf":0.25,"label-category-attributes":{"n":3,"s":"tab\tq\"\u00e9"}}],"frame":"f\"0.jpg","frame-attributes":{}},{"polylines":[{"vertices":[{"y":1,"x":0,"z":9},{"x":1.5,"y":-0.0}],"class-id":"1","object-name":"car:1"}],"frame":"b","frame-no":"1"}],"tail":"end"}"#;
    let doc = SeqLabelDoc::from_slice(text.as_bytes()).unwrap();
    assert_eq!(String::from_utf8(doc.to_vec()).unwrap(), text);
    assert!(matches!(doc.frames[0].frame_no, FrameNo::Number(_)));
    assert_eq!(doc.frames[0].list, ListKey::Keypoints);
    assert_eq!(doc.frames[0].frame, "f\"0.jpg");
    assert!(
        matches!(doc.frames[1].annotations[0].geometry, Geometry::Vertices(ref v) if v.len() == 2)
    );
    assert_eq!(doc.unknown.len(), 2);
}

#[test]
fn pretty_printed_input_comes_out_compact_in_its_key_order() {
    let text = "{\n  \"tracking-annotations\" : [\n    {\n      \"frame\" : \"a\",\n      \"frame-no\" : \"0\",\n      \"annotations\" : [ ],\n      \"frame-attributes\" : { \"w\" : [ 1 , \"a b\" ] }\n    }\n  ]\n}\n";
    let doc = SeqLabelDoc::from_slice(text.as_bytes()).unwrap();
    assert_eq!(
        String::from_utf8(doc.to_vec()).unwrap(),
        r#"{"tracking-annotations":[{"frame":"a","frame-no":"0","annotations":[],"frame-attributes":{"w":[1,"a b"]}}]}"#
    );
}

#[test]
fn literal_non_ascii_input_is_written_literal_and_escaped_input_escaped() {
    let literal =
        r#"{"tracking-annotations":[{"annotations":[],"frame-no":"0","frame":"café.jpg"}]}"#;
    let doc = SeqLabelDoc::from_slice(literal.as_bytes()).unwrap();
    assert_eq!(doc.to_vec(), literal.as_bytes());
    let escaped =
        r#"{"tracking-annotations":[{"annotations":[],"frame-no":"0","frame":"caf\u00e9.jpg"}]}"#;
    let doc = SeqLabelDoc::from_slice(escaped.as_bytes()).unwrap();
    assert_eq!(doc.frames[0].frame, "café.jpg");
    assert_eq!(doc.to_vec(), escaped.as_bytes());
}

#[test]
fn writing_a_file_replaces_it_atomically_and_names_it_in_errors() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("SeqLabel.json");
    std::fs::write(&path, b"{\"tracking-annotations\":[]}").unwrap();
    let doc = vframe_io::read_seq_label_file(&path).unwrap();
    vframe_io::write_seq_label_file(&path, &doc).unwrap();
    assert_eq!(
        std::fs::read(&path).unwrap(),
        b"{\"tracking-annotations\":[]}"
    );
    std::fs::write(&path, b"{\"tracking-annotations\":[1]}").unwrap();
    let err = vframe_io::read_seq_label_file(&path).unwrap_err();
    assert!(
        err.to_string().starts_with(&format!(
            "{}:1:26: tracking-annotations[0]: ",
            path.display()
        )),
        "{err}"
    );
    let missing = vframe_io::read_seq_label_file(dir.path().join("none.json")).unwrap_err();
    assert!(matches!(missing, IoError::File { .. }));
}

#[test]
fn sparse_track_is_refused_by_the_writer_naming_the_held_frame() {
    use vframe_core::{
        AnnotationType, ClassId, Keyframe, LabeledObject, ObjectId, SequenceLabels, TaskType, Track,
    };
    use vframe_geom::Keypoint;
    let mut labels = SequenceLabels::new(TaskType::Tracking, AnnotationType::Keypoint);
    for i in 0..4 {
        labels.add_frame(i, format!("{i}.jpg")).unwrap();
    }
    let p = |x| Keypoint::new(x, 0.0).unwrap().into();
    let track = Track::new(vec![
        Keyframe::visible(0, p(0.0)),
        Keyframe::visible(3, p(3.0)),
    ])
    .unwrap();
    labels
        .add_object(LabeledObject::new(
            Some(ObjectId::new("a")),
            None,
            ClassId(0),
            track,
        ))
        .unwrap();
    let err = SeqLabelDoc::from_labels(&labels).unwrap_err();
    let IoError::Model { path, source, .. } = err else {
        panic!("{err:?}")
    };
    assert_eq!(path.to_string(), "tracking-annotations[1]");
    assert!(matches!(
        *source,
        CoreError::ShapeHeldOverFrame {
            from: 0,
            frame: 1,
            ..
        }
    ));

    // An absence right after the visible keyframe says the same as the file would.
    let track = Track::new(vec![
        Keyframe::visible(0, p(0.0)),
        Keyframe::absent(1),
        Keyframe::visible(3, p(3.0)),
    ])
    .unwrap();
    labels
        .replace_object(
            0,
            LabeledObject::new(Some(ObjectId::new("a")), None, ClassId(0), track),
        )
        .unwrap();
    let doc = SeqLabelDoc::from_labels(&labels).unwrap();
    assert_eq!(doc.to_labels().unwrap(), labels);
}

#[test]
fn non_finite_attribute_number_is_refused_by_the_writer() {
    use vframe_core::{AnnotationType, AttributeValue, SequenceLabels, TaskType};
    let mut labels = SequenceLabels::new(TaskType::Detection, AnnotationType::BoundingBox);
    let frame = labels.add_frame(0, "a.jpg").unwrap();
    frame
        .attributes
        .insert("speed".into(), AttributeValue::Number(f64::NAN));
    let err = SeqLabelDoc::from_labels(&labels).unwrap_err();
    assert!(
        matches!(&err, IoError::Schema { path, .. } if path.to_string() == "detection-annotations[0].frame-attributes.speed"),
        "{err:?}"
    );
}

#[test]
fn invalid_utf8_is_a_syntax_error_where_it_is() {
    let err = SeqLabelDoc::from_slice(b"{\"tracking-annotations\":[\n{\"frame\":\"a\xff\"}]}")
        .unwrap_err();
    let IoError::Syntax { position, message } = err else {
        panic!("{err:?}")
    };
    assert_eq!(position.line, Some(2));
    assert_eq!(position.column, Some(12));
    assert!(message.contains("invalid unicode"), "{message}");
}
