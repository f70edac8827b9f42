//! The laws of editing, on random labels and random edits:
//! - an applied edit's inverse restores the labels exactly (`==`), and the inverse's inverse
//!   gives the edited labels again;
//! - a refused edit changes nothing;
//! - an edit never makes labels that were valid against the configuration invalid;
//! - undoing a whole [`History`] gives back the first labels, redoing it the last.

mod edit_support;

use std::f64::consts::TAU;

use edit_support::{audit_config, config};
use proptest::prelude::*;
use vframe_core::edit::{Edit, History, Scope};
use vframe_core::validate::{ClassResolution, validate_labels};
use vframe_core::{
    AnnotationType, AttributeValue, AttributeValues, ClassId, Keyframe, LabelCategoryConfig,
    LabeledObject, Limits, ObjectId, SeededIds, SequenceLabels, TaskType, Track,
};
use vframe_geom::{BoundingBox, Keypoint, Point, Polygon, Polyline, Shape};

const MAX_FRAME: u32 = 20;

fn shape(kind: AnnotationType, x: f64, y: f64, size: f64, vertices: usize) -> Shape {
    let ring = |n: usize| -> Vec<Point> {
        (0..n)
            .map(|i| {
                let a = TAU * i as f64 / n as f64;
                Point::new(x + size * a.cos(), y + size * a.sin())
            })
            .collect()
    };
    match kind {
        AnnotationType::BoundingBox => BoundingBox::new(x, y, size, size / 2.0).unwrap().into(),
        AnnotationType::Keypoint => Keypoint::new(x, y).unwrap().into(),
        AnnotationType::Polyline => Polyline::new(ring(vertices.max(2))).unwrap().into(),
        AnnotationType::Polygon => Polygon::new(ring(vertices.max(3))).unwrap().into(),
    }
}

fn arb_shape(kind: AnnotationType) -> impl Strategy<Value = Shape> {
    (0.0..500.0f64, 0.0..500.0f64, 1.0..80.0f64, 2usize..6)
        .prop_map(move |(x, y, s, n)| shape(kind, x, y, s, n))
}

fn arb_values() -> impl Strategy<Value = AttributeValues> {
    (
        prop::option::of(prop::sample::select(vec!["red", "blue"])),
        prop::option::of(prop::sample::select(vec!["no", "yes"])),
    )
        .prop_map(|(color, occluded)| {
            let mut v = AttributeValues::new();
            if let Some(c) = color {
                v.insert("color".into(), c.into());
            }
            if let Some(o) = occluded {
                v.insert("occluded".into(), o.into());
            }
            v
        })
}

/// One object's raw keyframes: (position among listed frames, absent?, shape, values).
type RawObject = (u32, Vec<(usize, bool, Shape, AttributeValues)>);

fn build(
    task: TaskType,
    kind: AnnotationType,
    listed: &[u32],
    raw: Vec<RawObject>,
) -> SequenceLabels {
    let mut labels = SequenceLabels::new(task, kind);
    for &f in listed {
        labels.add_frame(f, format!("f{f:03}.jpg")).unwrap();
    }
    let mut counts = [0u32; 2];
    for (i, (class, raw_keyframes)) in raw.into_iter().enumerate() {
        let mut keyframes: Vec<Keyframe> = Vec::new();
        let mut picks: Vec<_> = raw_keyframes
            .into_iter()
            .map(|(p, absent, s, v)| (listed[p % listed.len()], absent, s, v))
            .collect();
        picks.sort_by_key(|p| p.0);
        picks.dedup_by_key(|p| p.0);
        if task == TaskType::Detection {
            picks.truncate(1);
        }
        let n = picks.len();
        for (j, (frame, absent, s, v)) in picks.into_iter().enumerate() {
            let can_be_absent =
                j > 0 && j + 1 < n && keyframes.last().is_some_and(|k| k.is_visible());
            keyframes.push(if absent && can_be_absent {
                Keyframe::absent(frame)
            } else {
                Keyframe::visible(frame, s).with_attributes(v.clone())
            });
        }
        let class = class % 2;
        let label = ["car", "bus"][class as usize];
        if class == 1 {
            for k in &mut keyframes {
                k.attributes.remove("color");
            }
        }
        counts[class as usize] += 1;
        let object = LabeledObject::new(
            Some(ObjectId::new(format!("o{i}"))),
            Some(
                format!("{label}:{}", counts[class as usize])
                    .as_str()
                    .into(),
            ),
            ClassId(class),
            Track::new(keyframes).unwrap(),
        );
        labels.add_object(object).unwrap();
    }
    labels
}

fn arb_scope() -> impl Strategy<Value = Scope> {
    prop_oneof![Just(Scope::Frame), Just(Scope::FromFrameOn)]
}

fn arb_value() -> impl Strategy<Value = Option<AttributeValue>> {
    prop::option::of(
        prop::sample::select(vec!["red", "blue", "no", "yes", "sun", "rain", "green"])
            .prop_map(AttributeValue::from),
    )
}

fn arb_edit(kind: AnnotationType) -> impl Strategy<Value = Edit> {
    // Selectors, resolved against the labels when the edit is applied (see `resolve`).
    let o = 0usize..64;
    let f = 0u32..64;
    let label = prop::sample::select(vec!["car", "bus", "truck"]).prop_map(String::from);
    let name = prop::sample::select(vec!["color", "occluded", "occluded", "weather"])
        .prop_map(String::from);
    prop_oneof![
        (label.clone(), f.clone(), arb_shape(kind), arb_values()).prop_map(
            |(label, frame, shape, attributes)| Edit::AddObject {
                label,
                frame,
                shape,
                attributes
            }
        ),
        o.clone().prop_map(|object| Edit::DeleteObject { object }),
        (
            o.clone(),
            f.clone(),
            -30.0..30.0f64,
            -30.0..30.0f64,
            arb_scope()
        )
            .prop_map(|(object, frame, dx, dy, scope)| Edit::MoveShape {
                object,
                frame,
                dx,
                dy,
                scope
            }),
        (o.clone(), f.clone(), arb_shape(kind), arb_scope()).prop_map(
            |(object, frame, shape, scope)| Edit::Reshape {
                object,
                frame,
                shape,
                scope
            }
        ),
        (o.clone(), f.clone(), arb_scope()).prop_map(|(object, frame, scope)| {
            Edit::DeleteShape {
                object,
                frame,
                scope,
            }
        }),
        (o.clone(), f.clone()).prop_map(|(object, frame)| Edit::InsertKeyframe { object, frame }),
        (o.clone(), f.clone()).prop_map(|(object, frame)| Edit::RemoveKeyframe { object, frame }),
        (o.clone(), f.clone(), name.clone(), arb_value(), arb_scope()).prop_map(
            |(object, frame, name, value, scope)| Edit::SetAttribute {
                object,
                frame,
                name,
                value,
                scope
            }
        ),
        (f.clone(), name, arb_value()).prop_map(|(frame, name, value)| Edit::SetFrameAttribute {
            frame,
            name,
            value
        }),
        (o.clone(), label).prop_map(|(object, label)| Edit::Relabel { object, label }),
        (o.clone(), f.clone()).prop_map(|(object, frame)| Edit::SplitTrack { object, frame }),
        (o.clone(), o.clone()).prop_map(|(into, from)| Edit::MergeTracks { into, from }),
        (o.clone(), f.clone(), 0usize..5).prop_map(|(object, frame, count)| {
            Edit::CopyToNextFrames {
                object,
                frame,
                count,
            }
        }),
        (o, f).prop_map(|(object, frame)| Edit::CopyToAllFrames { object, frame }),
    ]
}

#[derive(Debug)]
struct Case {
    labels: SequenceLabels,
    config: LabelCategoryConfig,
    edits: Vec<Edit>,
}

fn arb_case() -> impl Strategy<Value = Case> {
    let kind = prop::sample::select(AnnotationType::ALL.to_vec());
    let task = prop_oneof![3 => Just(TaskType::Tracking), 1 => Just(TaskType::Detection)];
    (kind, task, 0u8..4).prop_flat_map(|(kind, task, which_config)| {
        let listed = prop::collection::btree_set(0u32..=MAX_FRAME, 1..16)
            .prop_map(|s| s.into_iter().collect::<Vec<u32>>());
        let raw_object = (
            0u32..2,
            prop::collection::vec(
                (
                    0usize..10,
                    prop::bool::weighted(0.2),
                    arb_shape(kind),
                    arb_values(),
                ),
                1..6,
            ),
        );
        (
            listed,
            prop::collection::vec(raw_object, 1..6),
            prop::collection::vec(arb_edit(kind), 1..12),
        )
            .prop_map(move |(listed, raw, edits)| {
                let mut config = match which_config {
                    0 => config(),
                    1 => audit_config(),
                    2 => {
                        let mut c = audit_config();
                        c.labels[1].edits_allowed = vframe_core::EditsAllowed::Any;
                        c
                    }
                    _ => config(),
                };
                config.annotation_type = kind;
                Case {
                    labels: build(task, kind, &listed, raw),
                    config,
                    edits,
                }
            })
    })
}

/// Turns the selectors of a generated edit into an object position and a frame of `labels`:
/// most pick an existing object and a listed frame, a few (>= 60) one that does not exist.
fn resolve(edit: Edit, labels: &SequenceLabels) -> Edit {
    let n = labels.objects().len();
    let object = |sel: usize| {
        if sel >= 60 || n == 0 {
            n + sel % 2
        } else {
            sel % n
        }
    };
    let frames = labels.frames();
    let frame = |sel: u32| {
        if sel >= 60 || frames.is_empty() {
            MAX_FRAME + 1
        } else {
            frames[sel as usize % frames.len()].index()
        }
    };
    // Mostly a listed frame within the object's keyframe span.
    let near = |o: usize, sel: u32| {
        let Some(track) = labels.objects().get(o).map(|x| x.track()) else {
            return frame(sel);
        };
        let (a, b) = track.span();
        let inside: Vec<u32> = frames
            .iter()
            .map(|f| f.index())
            .filter(|f| (a..=b).contains(f))
            .collect();
        if sel < 40 && !inside.is_empty() {
            inside[sel as usize % inside.len()]
        } else {
            frame(sel)
        }
    };
    match edit {
        Edit::DeleteObject { object: o } => Edit::DeleteObject { object: object(o) },
        Edit::AddObject {
            label,
            frame: f,
            shape,
            attributes,
        } => Edit::AddObject {
            label,
            frame: frame(f),
            shape,
            attributes,
        },
        Edit::MoveShape {
            object: o,
            frame: f,
            dx,
            dy,
            scope,
        } => Edit::MoveShape {
            object: object(o),
            frame: near(object(o), f),
            dx,
            dy,
            scope,
        },
        Edit::Reshape {
            object: o,
            frame: f,
            shape,
            scope,
        } => Edit::Reshape {
            object: object(o),
            frame: near(object(o), f),
            shape,
            scope,
        },
        Edit::DeleteShape {
            object: o,
            frame: f,
            scope,
        } => Edit::DeleteShape {
            object: object(o),
            frame: near(object(o), f),
            scope,
        },
        Edit::InsertKeyframe {
            object: o,
            frame: f,
        } => {
            // Mostly a listed frame inside the span that is not a keyframe yet.
            let o = object(o);
            let free: Vec<u32> = match labels.objects().get(o) {
                Some(x) => frames
                    .iter()
                    .map(|g| g.index())
                    .filter(|&g| {
                        let (a, b) = x.track().span();
                        (a..=b).contains(&g) && x.track().keyframe_at(g).is_none()
                    })
                    .collect(),
                None => Vec::new(),
            };
            let frame = if f < 48 && !free.is_empty() {
                free[f as usize % free.len()]
            } else {
                near(o, f)
            };
            Edit::InsertKeyframe { object: o, frame }
        }
        Edit::RemoveKeyframe {
            object: o,
            frame: f,
        } => {
            // Mostly an existing keyframe of the object.
            let o = object(o);
            let keyframes = labels
                .objects()
                .get(o)
                .map(|x| x.track().keyframes())
                .unwrap_or_default();
            let f = if f < 48 && !keyframes.is_empty() {
                keyframes[f as usize % keyframes.len()].frame
            } else {
                frame(f)
            };
            Edit::RemoveKeyframe {
                object: o,
                frame: f,
            }
        }
        Edit::SetAttribute {
            object: o,
            frame: f,
            name,
            value,
            scope,
        } => Edit::SetAttribute {
            object: object(o),
            frame: near(object(o), f),
            name,
            value,
            scope,
        },
        Edit::SetFrameAttribute {
            frame: f,
            name,
            value,
        } => Edit::SetFrameAttribute {
            frame: frame(f),
            name,
            value,
        },
        Edit::Relabel { object: o, label } => Edit::Relabel {
            object: object(o),
            label,
        },
        Edit::SplitTrack {
            object: o,
            frame: f,
        } => Edit::SplitTrack {
            object: object(o),
            frame: near(object(o), f),
        },
        Edit::MergeTracks { into, from } => {
            // Mostly two different objects.
            let into = object(into);
            let from = if from < 48 && n > 1 {
                (into + 1 + from % (n - 1)) % n
            } else {
                object(from)
            };
            Edit::MergeTracks { into, from }
        }
        Edit::CopyToNextFrames {
            object: o,
            frame: f,
            count,
        } => Edit::CopyToNextFrames {
            object: object(o),
            frame: near(object(o), f),
            count,
        },
        Edit::CopyToAllFrames {
            object: o,
            frame: f,
        } => Edit::CopyToAllFrames {
            object: object(o),
            frame: near(object(o), f),
        },
        other => other,
    }
}

/// Every invariant of the labels, checked from scratch: the same frames and objects added
/// to new labels must be accepted (edits check only what they change).
fn rebuilt(labels: &SequenceLabels) -> Result<SequenceLabels, String> {
    let mut fresh = SequenceLabels::new(labels.task(), labels.annotation_type());
    fresh.set_class_map(labels.class_map().clone());
    for f in labels.frames() {
        fresh
            .add_frame(f.index(), f.file.clone())
            .map_err(|e| e.to_string())?;
        fresh.frame_mut(f.index()).unwrap().attributes = f.attributes.clone();
    }
    for o in labels.objects() {
        Track::new(o.track().keyframes().to_vec()).map_err(|e| e.to_string())?;
        fresh.add_object(o.clone()).map_err(|e| e.to_string())?;
    }
    Ok(fresh)
}

fn problems(labels: &SequenceLabels, config: &LabelCategoryConfig) -> Vec<String> {
    validate_labels(
        labels,
        config,
        ClassResolution::default(),
        &Limits::default(),
    )
    .into_iter()
    .map(|p| p.to_string())
    .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn every_edit_is_undone_exactly_by_its_inverse(case in arb_case()) {
        let Case { labels, config, edits } = case;
        prop_assert_eq!(problems(&labels, &config), Vec::<String>::new());
        let mut ids = SeededIds::new(9);
        let mut current = labels;
        for edit in edits {
            let edit = resolve(edit, &current);
            let mut edited = current.clone();
            match edit.apply(&mut edited, &config, &mut ids) {
                Ok(inverse) => {
                    let mut restored = edited.clone();
                    let again = inverse.apply(&mut restored, &config, &mut ids)
                        .map_err(|e| TestCaseError::fail(format!("inverse of {edit:?} refused: {e}")))?;
                    prop_assert_eq!(&restored, &current, "inverse of {:?}", edit);
                    let mut redone = restored;
                    again.apply(&mut redone, &config, &mut ids)
                        .map_err(|e| TestCaseError::fail(format!("redo of {edit:?} refused: {e}")))?;
                    prop_assert_eq!(&redone, &edited, "redo of {:?}", edit);
                    prop_assert_eq!(problems(&edited, &config), Vec::<String>::new(), "after {:?}", edit);
                    let fresh = rebuilt(&edited);
                    prop_assert_eq!(fresh.as_ref(), Ok(&edited), "invariants after {:?}", edit);
                    current = edited;
                }
                Err(_) => prop_assert_eq!(&edited, &current, "refused {:?} changed the labels", edit),
            }
        }
    }

    #[test]
    fn a_history_undoes_to_the_start_and_redoes_to_the_end(case in arb_case()) {
        let Case { labels, config, edits } = case;
        let mut ids = SeededIds::new(3);
        let mut history = History::new();
        let mut current = labels.clone();
        let mut states = vec![labels.clone()];
        for edit in edits {
            let edit = resolve(edit, &current);
            if history.apply(edit, &mut current, &config, &mut ids).is_ok() {
                states.push(current.clone());
            }
        }
        let last = current.clone();
        prop_assert_eq!(history.undo_stack().len(), states.len() - 1);
        for expected in states.iter().rev().skip(1) {
            prop_assert!(history.undo(&mut current, &config, &mut ids).unwrap());
            prop_assert_eq!(&current, expected);
        }
        prop_assert!(!history.undo(&mut current, &config, &mut ids).unwrap());
        prop_assert_eq!(&current, &labels);
        for expected in states.iter().skip(1) {
            prop_assert!(history.redo(&mut current, &config, &mut ids).unwrap());
            prop_assert_eq!(&current, expected);
        }
        prop_assert!(!history.can_redo());
        prop_assert_eq!(&current, &last);
    }
}

/// A random splice: the window and the keyframes to put there (frames relative to the
/// window, absent or not).
fn arb_splice() -> impl Strategy<Value = (u32, u32, Vec<(u32, bool)>)> {
    (0u32..=MAX_FRAME + 2, 0u32..6).prop_flat_map(|(from, len)| {
        let to = from.saturating_add(len).saturating_sub(1);
        (
            Just(from),
            Just(to),
            prop::collection::vec((0u32..len.max(1) + 1, prop::bool::weighted(0.3)), 0..4),
        )
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(600))]

    /// `SequenceLabels::splice_keyframes` checks only the changed stretch; it must accept
    /// exactly the splices whose result, checked whole, holds every invariant.
    #[test]
    fn a_splice_is_accepted_exactly_when_the_whole_result_is_valid(
        case in arb_case(),
        (from, to, raw) in arb_splice(),
    ) {
        let Case { labels, .. } = case;
        prop_assume!(!labels.objects().is_empty());
        let kind = labels.annotation_type();
        let mut new: Vec<Keyframe> = raw
            .into_iter()
            .map(|(offset, absent)| {
                let frame = from + offset;
                if absent {
                    Keyframe::absent(frame)
                } else {
                    Keyframe::visible(frame, shape(kind, 5.0, 5.0, 3.0, 4))
                }
            })
            .collect();
        new.sort_by_key(|k| k.frame);
        new.dedup_by_key(|k| k.frame);
        let old = labels.objects()[0].clone();
        let mut whole: Vec<Keyframe> =
            old.track().keyframes().iter().filter(|k| k.frame < from || k.frame > to).cloned().collect();
        whole.extend(new.iter().cloned());
        whole.sort_by_key(|k| k.frame);
        let naive = Track::new(whole).ok().and_then(|track| {
            let (id, name, class, _) = old.clone().into_parts();
            let mut copy = labels.clone();
            copy.replace_object(0, LabeledObject::new(id, name, class, track)).ok()?;
            Some(copy)
        });
        let mut spliced = labels.clone();
        let result = spliced.splice_keyframes(0, from, to, new.clone());
        let in_window = new.iter().all(|k| k.frame >= from && k.frame <= to);
        match (result, naive) {
            (Ok(_), Some(expected)) => prop_assert_eq!(spliced, expected),
            (Err(_), None) => prop_assert_eq!(spliced, labels),
            (Err(e), Some(_)) => prop_assert!(!in_window, "valid splice refused: {}", e),
            (Ok(_), None) => prop_assert!(false, "invalid splice accepted"),
        }
    }
}
