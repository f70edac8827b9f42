//! The specification the chunked writer must match byte for byte: every object walked in
//! order with `sample::walk_visible`, each line formatted with `number::write_float` and
//! appended to its frame's file, each loss recorded as it happens.

use proptest::prelude::*;

use vframe_core::{
    AnnotationType, AttributeValue, AttributeValues, ClassId, FrameSize, InstanceName, Keyframe,
    LabeledObject, ObjectId, SequenceLabels, TaskType, Track,
};
use vframe_geom::{BoundingBox, Keypoint, Point, Polygon, Polyline, Shape};

use super::*;
use crate::interchange::number::{write_float, write_integer};
use crate::interchange::sample::{Shown, walk_visible};

fn reference_files(
    sequence: &LabeledSequence,
    options: &YoloWriteOptions,
) -> Result<(Vec<Vec<u8>>, LossReport), IoError> {
    let (
        Prepared {
            numbers,
            listed,
            width: w,
            height: h,
        },
        mut loss,
    ) = prepare(sequence, options)?;
    let labels = &sequence.labels;
    let tracked = labels.task() == TaskType::Tracking;
    let mut files: Vec<Vec<u8>> = vec![Vec::new(); listed.len()];
    for (i, object) in labels.objects().iter().enumerate() {
        let number = numbers.as_ref().and_then(|n| n[i]);
        walk_visible(
            object.track(),
            &listed,
            |Shown {
                 frame,
                 shape,
                 keyframe,
                 attributes,
             }|
             -> Result<(), IoError> {
                let where_ = || format!("frame {frame}, {}", object.describe());
                if let Shape::Polyline { .. } = shape.as_ref() {
                    loss.record(LossKind::Shapes("polyline"), where_);
                    return Ok(());
                }
                if tracked && !keyframe {
                    loss.record(LossKind::KeyframeFlags, where_);
                }
                if !attributes.is_empty() {
                    loss.record_many(LossKind::Attributes, attributes.len() as u64, where_);
                }
                let Ok(slot) = listed.binary_search(&frame) else {
                    return Ok(());
                };
                let line = &mut files[slot];
                write_integer(line, object.class_id().0);
                let exact = match shape.as_ref() {
                    Shape::BoundingBox(b) => {
                        write_box(line, b.left, b.top, b.width, b.height, w, h)?
                    }
                    Shape::Polygon { vertices } => {
                        let mut exact = true;
                        for p in vertices.vertices() {
                            let (x, y) = (p.x / w, p.y / h);
                            write_pair(line, x, y)?;
                            exact &= x * w == p.x && y * h == p.y;
                        }
                        exact
                    }
                    Shape::Keypoint(k) => {
                        let exact = write_box(line, k.x, k.y, 0.0, 0.0, w, h)?;
                        let (x, y) = (k.x / w, k.y / h);
                        write_pair(line, x, y)?;
                        line.extend_from_slice(b" 2");
                        exact && x * w == k.x && y * h == k.y
                    }
                    Shape::Polyline { .. } => true,
                };
                if !exact {
                    loss.record(LossKind::Precision, where_);
                }
                if let Some(t) = number {
                    line.push(b' ');
                    write_integer(line, t);
                }
                line.push(b'\n');
                Ok(())
            },
        )?;
    }
    Ok((files, loss))
}

fn write_box(
    line: &mut Vec<u8>,
    left: f64,
    top: f64,
    width: f64,
    height: f64,
    w: f64,
    h: f64,
) -> Result<bool, IoError> {
    let cx = (left + width / 2.0) / w;
    let cy = (top + height / 2.0) / h;
    let (nw, nh) = (width / w, height / h);
    write_pair(line, cx, cy)?;
    write_pair(line, nw, nh)?;
    let (rw, rh) = (nw * w, nh * h);
    Ok(rw == width && rh == height && cx * w - rw / 2.0 == left && cy * h - rh / 2.0 == top)
}

fn write_pair(line: &mut Vec<u8>, x: f64, y: f64) -> std::io::Result<()> {
    line.push(b' ');
    write_float(line, x)?;
    line.push(b' ');
    write_float(line, y)
}

/// What the chunked writer makes of `sequence`, `frames_per_chunk` frames at a time.
fn chunked_files(
    sequence: &LabeledSequence,
    options: &YoloWriteOptions,
    frames_per_chunk: usize,
) -> (Vec<Vec<u8>>, LossReport) {
    let mut files = Vec::new();
    let loss = write_chunks(sequence, options, frames_per_chunk, |chunks| {
        files.extend(chunks.iter().flat_map(|c| c.files().map(<[u8]>::to_vec)));
        Ok(())
    })
    .unwrap();
    (files, loss)
}

/// A coordinate: mostly whole pixels (as Ground Truth writes), sometimes a fraction that
/// does not survive normalisation.
fn coordinate() -> impl Strategy<Value = f64> {
    prop_oneof![
        4 => (0u32..700).prop_map(f64::from),
        1 => (0u32..70_000).prop_map(|n| f64::from(n) / 97.0),
    ]
}

fn shape(kind: AnnotationType) -> BoxedStrategy<Shape> {
    match kind {
        AnnotationType::Polygon => proptest::collection::vec((coordinate(), coordinate()), 3..7)
            .prop_filter_map("a valid polygon", |p| {
                let points: Vec<Point> = p.into_iter().map(Point::from).collect();
                Polygon::new(points).ok().map(Shape::from)
            })
            .boxed(),
        AnnotationType::Polyline => proptest::collection::vec((coordinate(), coordinate()), 2..5)
            .prop_filter_map("a valid polyline", |p| {
                let points: Vec<Point> = p.into_iter().map(Point::from).collect();
                Polyline::new(points).ok().map(Shape::from)
            })
            .boxed(),
        AnnotationType::Keypoint => (coordinate(), coordinate())
            .prop_filter_map("a valid keypoint", |(x, y)| {
                Keypoint::new(x, y).ok().map(Shape::from)
            })
            .boxed(),
        _ => (coordinate(), coordinate(), coordinate(), coordinate())
            .prop_filter_map("a valid box", |(l, t, w, h)| {
                BoundingBox::new(l, t, w + 1.0, h + 1.0)
                    .ok()
                    .map(Shape::from)
            })
            .boxed(),
    }
}

fn attributes() -> impl Strategy<Value = AttributeValues> {
    (0usize..3).prop_map(|n| {
        let map: std::collections::BTreeMap<String, AttributeValue> = (0..n)
            .map(|i| (format!("a{i}"), AttributeValue::Text("x".into())))
            .collect();
        AttributeValues::from(map)
    })
}

/// One object: (class, id kind, named, keyframes as (listed slot, visible?, shape, attrs)).
type ObjectPlan = (u32, u8, bool, Vec<(usize, bool, Shape, AttributeValues)>);

fn sequence() -> impl Strategy<Value = (LabeledSequence, bool)> {
    let kinds = prop_oneof![
        Just(AnnotationType::BoundingBox),
        Just(AnnotationType::Polygon),
        Just(AnnotationType::Polyline),
        Just(AnnotationType::Keypoint),
    ];
    (
        kinds,
        any::<bool>(),
        proptest::collection::vec(0u32..3, 1..30),
        prop_oneof![Just((1920, 1080)), Just((7, 3)), Just((640, 480))],
        any::<bool>(),
    )
        .prop_flat_map(|(kind, tracking, gaps, size, track_ids)| {
            let frames = gaps.len();
            let keyframe = (0..frames, any::<bool>(), shape(kind), attributes());
            let object: BoxedStrategy<ObjectPlan> = (
                0u32..3,
                0u8..3,
                any::<bool>(),
                proptest::collection::vec(keyframe, 1..8),
            )
                .boxed();
            (
                Just((kind, tracking, gaps, size, track_ids)),
                proptest::collection::vec(object, 0..8),
                proptest::collection::vec(any::<bool>(), frames),
            )
        })
        .prop_map(
            |((kind, tracking, gaps, size, track_ids), objects, frame_attributes)| {
                let task = if tracking {
                    TaskType::Tracking
                } else {
                    TaskType::Detection
                };
                let mut labels = SequenceLabels::new(task, kind);
                let mut index = 0;
                let mut listed = Vec::new();
                for (i, gap) in gaps.iter().enumerate() {
                    index += gap;
                    let frame = labels.add_frame(index, format!("f{index:03}.jpg")).unwrap();
                    if frame_attributes[i] {
                        frame.attributes = AttributeValues::from([(
                            "weather".to_owned(),
                            AttributeValue::Number(1.0),
                        )]);
                    }
                    listed.push(index);
                    index += 1;
                }
                for (n, (class, id_kind, named, mut keyframes)) in objects.into_iter().enumerate() {
                    keyframes.sort_by_key(|k| k.0);
                    keyframes.dedup_by_key(|k| k.0);
                    if !tracking {
                        keyframes.truncate(1);
                    }
                    let last = keyframes.len() - 1;
                    let mut previous_visible = false;
                    let track: Vec<Keyframe> = keyframes
                        .into_iter()
                        .enumerate()
                        .map(|(i, (slot, visible, shape, attributes))| {
                            // Absences only between visible keyframes, never two in a row.
                            let visible = visible || i == 0 || i == last || !previous_visible;
                            previous_visible = visible;
                            let mut k = if visible {
                                Keyframe::visible(listed[slot], shape)
                            } else {
                                Keyframe::absent(listed[slot])
                            };
                            k.attributes = attributes;
                            k
                        })
                        .collect();
                    let id = match id_kind {
                        0 => format!("{}", 10 + n),
                        1 => format!("uuid-{n}"),
                        // Another object's number, spelt differently: kept once only.
                        _ => format!("0{}", 10 + (n + 1) % 8),
                    };
                    let name = named.then(|| InstanceName::numbered("thing", n as u32 + 1));
                    let object = LabeledObject::new(
                        Some(ObjectId::new(id)),
                        name,
                        ClassId(class),
                        Track::new(track).unwrap(),
                    );
                    labels.add_object(object).unwrap();
                }
                let s = LabeledSequence::with_derived_config(labels).with_frame_size(FrameSize {
                    width: size.0,
                    height: size.1,
                });
                (s, track_ids)
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn chunked_files_and_losses_equal_the_sequential_walk(
        (s, track_ids) in sequence(),
        frames_per_chunk in 1usize..9,
    ) {
        let options = YoloWriteOptions { track_ids, ..YoloWriteOptions::default() };
        let (want, want_loss) = reference_files(&s, &options).unwrap();
        let (got, got_loss) = chunked_files(&s, &options, frames_per_chunk);
        prop_assert_eq!(&got, &want);
        prop_assert_eq!(got_loss, want_loss);
    }

    #[test]
    fn folder_files_equal_the_sequential_walk(
        (s, track_ids) in sequence(),
        frames_per_chunk in 1usize..9,
    ) {
        let options = YoloWriteOptions { track_ids, ..YoloWriteOptions::default() };
        let (want, want_loss) = reference_files(&s, &options).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let loss = write_dir_in_chunks(&s, dir.path(), &options, frames_per_chunk).unwrap();
        prop_assert_eq!(loss, want_loss);
        for (frame, bytes) in s.labels.frames().iter().zip(&want) {
            let path = dir.path().join("labels/train").join(format!("{}.txt", stem(&frame.file)));
            prop_assert_eq!(&std::fs::read(&path).unwrap(), bytes);
        }
    }
}

#[test]
fn objects_out_of_frame_order_are_written_in_object_order_per_frame() {
    let mut labels = SequenceLabels::new(TaskType::Detection, AnnotationType::BoundingBox);
    for f in 0..6 {
        labels.add_frame(f, format!("{f}.jpg")).unwrap();
    }
    for (i, f) in [5u32, 0, 3, 0, 5, 1].into_iter().enumerate() {
        let b = BoundingBox::new(f64::from(i as u32), 0.0, 10.0, 10.0).unwrap();
        labels
            .add_object(LabeledObject::new(
                None,
                None,
                ClassId(i as u32),
                Track::single(f, b.into()),
            ))
            .unwrap();
    }
    let s = LabeledSequence::with_derived_config(labels).with_frame_size(FrameSize {
        width: 100,
        height: 100,
    });
    let options = YoloWriteOptions::default();
    let (want, want_loss) = reference_files(&s, &options).unwrap();
    for per_chunk in 1..7 {
        assert_eq!(
            chunked_files(&s, &options, per_chunk),
            (want.clone(), want_loss.clone())
        );
    }
    assert!(String::from_utf8_lossy(&want[0]).starts_with("1 "));
    assert!(String::from_utf8_lossy(&want[0]).contains("\n3 "));
}
