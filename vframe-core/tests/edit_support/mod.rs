//! Fixtures shared by the edit tests: small sequences, configurations, and the two checks
//! every edit test makes (an applied edit's inverse restores the labels exactly; a refused
//! edit changes nothing).
#![allow(dead_code)]

use std::sync::atomic::{AtomicU64, Ordering};

use vframe_core::edit::Edit;
use vframe_core::{
    AnnotationType, AttributeSpec, AttributeValues, ClassId, EditError, EditsAllowed, Keyframe,
    LabelCategory, LabelCategoryConfig, LabeledObject, ObjectId, SeededIds, SequenceLabels,
    TaskType, Track,
};
use vframe_geom::{BoundingBox, Shape};

/// A box at `x`.
pub fn bx(x: f64) -> Shape {
    BoundingBox::new(x, 10.0, 20.0, 10.0).unwrap().into()
}

/// `car` (own attribute `color`, choice) and `bus`; global `occluded` (choice).
pub fn config() -> LabelCategoryConfig {
    let mut car = LabelCategory::new("car");
    car.category_attributes
        .push(AttributeSpec::choice("color", &["red", "blue"]));
    let mut config = LabelCategoryConfig::new(vec![car, LabelCategory::new("bus")]);
    config
        .category_global_attributes
        .push(AttributeSpec::choice("occluded", &["no", "yes"]));
    config
        .frame_attributes
        .push(AttributeSpec::choice("weather", &["sun", "rain"]));
    config
}

/// An adjustment job: `bus` locked, attribute `occluded` locked, frame attribute
/// `weather` locked; `car` and `color` editable.
pub fn audit_config() -> LabelCategoryConfig {
    let mut c = config();
    c.audit_label_attribute_name = Some("cars-ref".into());
    c.labels[1].edits_allowed = EditsAllowed::None;
    c.category_global_attributes[0].edits_allowed = EditsAllowed::None;
    c.frame_attributes[0].edits_allowed = EditsAllowed::None;
    c
}

/// `frames` listed frames 0.. of a tracking (or detection) job with bounding boxes.
pub fn sequence(task: TaskType, frames: u32) -> SequenceLabels {
    let mut l = SequenceLabels::new(task, AnnotationType::BoundingBox);
    for i in 0..frames {
        l.add_frame(i, format!("frame_{i:04}.jpeg")).unwrap();
    }
    l
}

/// Attribute values from pairs.
pub fn attrs(pairs: &[(&str, &str)]) -> AttributeValues {
    pairs
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).into()))
        .collect()
}

/// A visible keyframe with a box at `x` and these attributes.
pub fn kf(frame: u32, x: f64, values: &[(&str, &str)]) -> Keyframe {
    Keyframe::visible(frame, bx(x)).with_attributes(attrs(values))
}

/// A tracked object of class `class` with these keyframes.
pub fn object(id: &str, name: &str, class: u32, keyframes: Vec<Keyframe>) -> LabeledObject {
    LabeledObject::new(
        Some(ObjectId::new(id)),
        Some(name.into()),
        ClassId(class),
        Track::new(keyframes).unwrap(),
    )
}

/// An id source no other call of this test binary shares, so ids never collide.
pub fn fresh_ids() -> SeededIds {
    static SEED: AtomicU64 = AtomicU64::new(1);
    SeededIds::new(SEED.fetch_add(1, Ordering::Relaxed))
}

/// Applies `edit`, checks that its inverse restores the labels exactly and that the
/// inverse's inverse gives the edited labels again; returns the edited labels.
pub fn applies(
    labels: &SequenceLabels,
    config: &LabelCategoryConfig,
    edit: Edit,
) -> SequenceLabels {
    let mut ids = fresh_ids();
    let mut edited = labels.clone();
    let inverse = edit
        .apply(&mut edited, config, &mut ids)
        .unwrap_or_else(|e| panic!("{edit:?} refused: {e}"));
    let mut restored = edited.clone();
    let again = inverse.apply(&mut restored, config, &mut ids).unwrap();
    assert_eq!(&restored, labels, "the inverse of {edit:?} did not restore");
    let mut redone = restored;
    again.apply(&mut redone, config, &mut ids).unwrap();
    assert_eq!(redone, edited, "redo of {edit:?} differs");
    edited
}

/// Applies `edit`, expects a refusal, and checks that nothing changed.
pub fn refused(labels: &SequenceLabels, config: &LabelCategoryConfig, edit: Edit) -> EditError {
    let mut ids = SeededIds::new(42);
    let mut after = labels.clone();
    let err = edit
        .apply(&mut after, config, &mut ids)
        .expect_err("the edit should be refused");
    assert_eq!(&after, labels, "a refused edit changed the labels");
    err
}

/// The keyframe frames of object `i`.
pub fn frames_of(labels: &SequenceLabels, i: usize) -> Vec<u32> {
    labels.objects()[i]
        .track()
        .keyframes()
        .iter()
        .map(|k| k.frame)
        .collect()
}

/// The visible-keyframe flags of object `i`.
pub fn visibility_of(labels: &SequenceLabels, i: usize) -> Vec<(u32, bool)> {
    labels.objects()[i]
        .track()
        .keyframes()
        .iter()
        .map(|k| (k.frame, k.is_visible()))
        .collect()
}

/// The left edge of object 0's box on `frame` (`None`: not shown).
pub fn left_of(labels: &SequenceLabels, frame: u32) -> Option<f64> {
    let shape = labels.objects()[0].track().shape_at(frame).into_shape()?;
    Some(shape.as_bounding_box()?.left)
}

/// What object 0 shows on every listed frame, as box lefts (`None`: not shown).
pub fn lefts(labels: &SequenceLabels) -> Vec<Option<f64>> {
    labels
        .frames()
        .iter()
        .map(|f| left_of(labels, f.index()))
        .collect()
}

/// Equal up to floating-point rounding (a frozen keyframe reproduces an interpolated shape
/// up to the last bit, not always exactly).
pub fn assert_close(a: &[Option<f64>], b: &[Option<f64>]) {
    assert_eq!(a.len(), b.len());
    for (i, (x, y)) in a.iter().zip(b).enumerate() {
        match (x, y) {
            (Some(x), Some(y)) => assert!((x - y).abs() < 1e-9, "frame {i}: {x} vs {y}"),
            _ => assert_eq!(x, y, "frame {i}"),
        }
    }
}
