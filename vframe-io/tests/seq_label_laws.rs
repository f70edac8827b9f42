//! Laws of the SeqLabel.json layers, checked on generated input: model -> document -> model
//! is the identity (all four shapes, both task types), document bytes round-trip, and no
//! input makes anything panic.

use proptest::prelude::*;
use vframe_core::{
    AnnotationType, AttributeValue, AttributeValues, ClassId, InstanceName, JsonPath, Keyframe,
    LabeledObject, ObjectId, SequenceLabels, TaskType, Track,
};
use vframe_geom::{BoundingBox, Keypoint, Point, Polygon, Polyline, Shape};
use vframe_io::json::locate;
use vframe_io::seq_label::{FrameNoStyle, FromLabelsOptions, SeqLabelDoc};

fn coordinate() -> impl Strategy<Value = f64> {
    prop_oneof![
        (0i32..2000).prop_map(f64::from),
        (-1.0e6..1.0e6f64),
        (0.0..1.0f64),
    ]
}

fn size() -> impl Strategy<Value = f64> {
    prop_oneof![(0i32..500).prop_map(f64::from), (0.0..500.0f64)]
}

fn shape(kind: AnnotationType) -> BoxedStrategy<Shape> {
    let point = || (coordinate(), coordinate()).prop_map(|(x, y)| Point::new(x, y));
    match kind {
        AnnotationType::BoundingBox => (coordinate(), coordinate(), size(), size())
            .prop_filter_map("valid box", |(l, t, w, h)| {
                BoundingBox::new(l, t, w, h).ok().map(Shape::from)
            })
            .boxed(),
        AnnotationType::Keypoint => (coordinate(), coordinate())
            .prop_filter_map("valid keypoint", |(x, y)| {
                Keypoint::new(x, y).ok().map(Shape::from)
            })
            .boxed(),
        AnnotationType::Polyline => prop::collection::vec(point(), 2..6)
            .prop_filter_map("valid polyline", |v| Polyline::new(v).ok().map(Shape::from))
            .boxed(),
        AnnotationType::Polygon => prop::collection::vec(point(), 3..7)
            .prop_filter_map("valid open polygon", |v| {
                let p = Polygon::new(v).ok()?;
                // A stored polygon ending on its first vertex would lose it again on reading.
                (p.vertices().first() != p.vertices().last()).then(|| Shape::from(p))
            })
            .boxed(),
    }
}

fn attribute_values() -> impl Strategy<Value = AttributeValues> {
    let value = prop_oneof![
        "[a-z é😀\"\\\\/\n]{0,8}".prop_map(AttributeValue::Text),
        (-1000i32..1000).prop_map(|n| AttributeValue::Number(f64::from(n))),
        (-1.0e9..1.0e9f64).prop_map(AttributeValue::Number),
    ];
    prop::collection::btree_map("[a-z]{1,6}", value, 0..3).prop_map(AttributeValues::from)
}

#[derive(Debug, Clone)]
struct Drawn {
    positions: Vec<usize>,
    class: u32,
    named: bool,
    shapes: Vec<Shape>,
    attributes: Vec<AttributeValues>,
}

fn labels() -> impl Strategy<Value = SequenceLabels> {
    let task = prop_oneof![Just(TaskType::Detection), Just(TaskType::Tracking)];
    let kind = prop::sample::select(AnnotationType::ALL.to_vec());
    (
        task,
        kind,
        prop::collection::btree_set(0u32..80, 1..10),
        attribute_values(),
    )
        .prop_flat_map(|(task, kind, frames, frame_attributes)| {
            let frames: Vec<u32> = frames.into_iter().collect();
            let n = frames.len();
            let object = (
                prop::collection::btree_set(0..n, 1..=n),
                0u32..4,
                any::<bool>(),
                prop::collection::vec(shape(kind), n),
                prop::collection::vec(attribute_values(), n),
            )
                .prop_map(|(positions, class, named, shapes, attributes)| Drawn {
                    positions: positions.into_iter().collect(),
                    class,
                    named,
                    shapes,
                    attributes,
                });
            (
                Just(task),
                Just(kind),
                Just(frames),
                Just(frame_attributes),
                prop::collection::vec(object, 0..5),
            )
        })
        .prop_map(|(task, kind, frames, frame_attributes, drawn)| {
            build(task, kind, &frames, frame_attributes, drawn)
        })
}

/// Labels in the form a reader produces: objects sorted by first frame, every annotation a
/// visible keyframe, an absent keyframe on the first listed frame of each gap.
fn build(
    task: TaskType,
    kind: AnnotationType,
    frames: &[u32],
    frame_attributes: AttributeValues,
    drawn: Vec<Drawn>,
) -> SequenceLabels {
    let mut labels = SequenceLabels::new(task, kind);
    for (i, &f) in frames.iter().enumerate() {
        let frame = labels.add_frame(f, format!("frame_{f:04}.jpg")).unwrap();
        if i % 2 == 0 {
            frame.attributes = frame_attributes.clone();
        }
    }
    let mut objects = Vec::new();
    for (k, d) in drawn.into_iter().enumerate() {
        let keyframe = |p: usize| {
            Keyframe::visible(frames[p], d.shapes[p].clone())
                .with_attributes(d.attributes[p].clone())
        };
        let name = d.named.then(|| InstanceName::numbered("car", k as u32 + 1));
        match task {
            TaskType::Tracking => {
                let mut keyframes = Vec::new();
                for (i, &p) in d.positions.iter().enumerate() {
                    if i > 0 && p > d.positions[i - 1] + 1 {
                        keyframes.push(Keyframe::absent(frames[d.positions[i - 1] + 1]));
                    }
                    keyframes.push(keyframe(p));
                }
                let id = Some(ObjectId::new(format!("id-{k}")));
                objects.push(LabeledObject::new(
                    id,
                    name,
                    ClassId(d.class),
                    Track::new(keyframes).unwrap(),
                ));
            }
            TaskType::Detection => {
                for &p in &d.positions {
                    let track = Track::new(vec![keyframe(p)]).unwrap();
                    objects.push(LabeledObject::new(
                        None,
                        name.clone(),
                        ClassId(d.class),
                        track,
                    ));
                }
            }
        }
    }
    objects.sort_by_key(|o| o.track().span().0);
    for o in objects {
        labels.add_object(o).unwrap();
    }
    labels
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn model_to_document_to_model_is_the_identity(labels in labels()) {
        let doc = SeqLabelDoc::from_labels(&labels).unwrap();
        prop_assert_eq!(&doc.to_labels().unwrap(), &labels);
        // and through the bytes
        let bytes = doc.to_vec();
        let read = SeqLabelDoc::from_slice(&bytes).unwrap();
        prop_assert_eq!(&read.to_labels().unwrap(), &labels);
        prop_assert_eq!(read.to_vec(), bytes);
    }

    #[test]
    fn integer_frame_numbers_and_literal_utf8_also_round_trip(labels in labels()) {
        let options = FromLabelsOptions {
            frame_no: FrameNoStyle::Integer,
            always_frame_attributes: true,
            non_ascii: vframe_io::json::NonAscii::Literal,
        };
        let bytes = SeqLabelDoc::from_labels_with(&labels, &options).unwrap().to_vec();
        let read = SeqLabelDoc::from_slice(&bytes).unwrap();
        prop_assert_eq!(&read.to_labels().unwrap(), &labels);
        prop_assert_eq!(read.to_vec(), bytes);
    }

    #[test]
    fn source_map_paths_point_at_existing_values(labels in labels()) {
        let bytes = SeqLabelDoc::from_labels(&labels).unwrap().to_vec();
        let (read, map) = SeqLabelDoc::from_slice(&bytes).unwrap().to_labels_with_source_map().unwrap();
        for (o, object) in read.objects().iter().enumerate() {
            for k in object.track().keyframes() {
                let path = map.annotation_path(k.frame, o).unwrap();
                prop_assert!(locate(&bytes, &path).is_some(), "{path}");
            }
        }
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..300)) {
        if let Ok(doc) = SeqLabelDoc::from_slice(&bytes) {
            let _ = doc.to_labels();
            let again = SeqLabelDoc::from_slice(&doc.to_vec()).unwrap();
            prop_assert_eq!(again.to_vec(), doc.to_vec());
        }
        let _ = locate(&bytes, &JsonPath::root().key("tracking-annotations").index(0).key("frame"));
    }

    #[test]
    fn json_shaped_strings_never_panic_and_round_trip_when_accepted(
        text in r#"\{"(tracking|detection)-annotations":\[(\{"(annotations|polygons|keypoints|frame-no|frame|frame-attributes|x)":(\[(\{"(x|y|height|width|top|left|class-id|object-id|vertices|u)":("[0-9a]{0,2}"|-?[0-9]{1,3}(\.[0-9]{1,2})?|\[\{"x":1,"y":2\}\]|\{\}|null),? ?\},?){0,3}\]|"[0-9]{1,2}"|[0-9]{1,2}|\{\}),?\},?){0,4}\]\}"#
    ) {
        if let Ok(doc) = SeqLabelDoc::from_slice(text.as_bytes()) {
            let _ = doc.to_labels();
            let bytes = doc.to_vec();
            let again = SeqLabelDoc::from_slice(&bytes).unwrap();
            prop_assert_eq!(again.to_vec(), bytes);
        }
    }
}
