//! What the configuration allows: which label an object has, which attributes exist and
//! which values they take, what an audit job's `editsAllowed` locks, and how new objects
//! get their class id and instance name.

use std::borrow::Borrow;

use crate::{
    AttributeKind, AttributeSpec, AttributeValue, AttributeValues, ClassId, ClassMap, EditsAllowed,
    InstanceName, Keyframe, LabelCategory, LabelCategoryConfig, LabeledObject, SequenceLabels,
};

use super::EditError;

/// The configuration's label for an object: through the class map when it has entries,
/// else the class id is the position in `labels` (the default of
/// [`crate::validate::ClassResolution`]).
pub(crate) fn label_of<'c>(
    labels: &SequenceLabels,
    config: &'c LabelCategoryConfig,
    object: &LabeledObject,
) -> Result<&'c LabelCategory, EditError> {
    let class_id = object.class_id();
    let found = if labels.class_map().is_empty() {
        config.labels.get(class_id.0 as usize)
    } else {
        labels
            .class_map()
            .get(&class_id)
            .and_then(|name| config.label(name))
    };
    found.ok_or_else(|| EditError::UnknownClass {
        object: object.describe(),
        class_id,
    })
}

/// The configuration's label named `label`.
pub(crate) fn label_named<'c>(
    config: &'c LabelCategoryConfig,
    label: &str,
) -> Result<&'c LabelCategory, EditError> {
    config.label(label).ok_or_else(|| EditError::UnknownLabel {
        label: label.to_owned(),
        known: config.labels.iter().map(|l| l.label.clone()).collect(),
    })
}

/// The class id for `label`, and the new class map when the label needs an entry there.
///
/// An empty class map means class ids are positions in `labels`. A non-empty one lists only
/// the classes the sequence uses (ambiguity A13), so a label new to the sequence gets an entry:
/// its position in `labels` when that id is free, else the smallest free id.
pub(crate) fn class_for(
    labels: &SequenceLabels,
    config: &LabelCategoryConfig,
    label: &str,
) -> Result<(ClassId, Option<ClassMap>), EditError> {
    label_named(config, label)?;
    let position = config.label_index(label).unwrap_or_default();
    let position = ClassId(u32::try_from(position).unwrap_or(u32::MAX));
    let map = labels.class_map();
    if map.is_empty() {
        return Ok((position, None));
    }
    if let Some((&id, _)) = map.iter().find(|(_, name)| name.as_str() == label) {
        return Ok((id, None));
    }
    let id = if map.contains_key(&position) {
        (0..=u32::MAX)
            .map(ClassId)
            .find(|id| !map.contains_key(id))
            .unwrap_or(position)
    } else {
        position
    };
    let mut extended = map.clone();
    extended.insert(id, label.to_owned());
    Ok((id, Some(extended)))
}

/// The next instance name for `label`: `label:n` with n one more than the highest n any
/// object of the sequence uses for that label (1 when none does). Gaps are never filled, as
/// in Ground Truth, where deleting `car:2` does not make the next car `car:2`.
///
/// ```
/// use vframe_core::edit::next_instance_name;
/// use vframe_core::{AnnotationType, ClassId, LabeledObject, ObjectId, SequenceLabels, TaskType, Track};
/// use vframe_geom::Keypoint;
///
/// let mut labels = SequenceLabels::new(TaskType::Tracking, AnnotationType::Keypoint);
/// labels.add_frame(0, "f0.jpg")?;
/// assert_eq!(next_instance_name(&labels, "car").as_str(), "car:1");
/// let point = Keypoint::new(1.0, 2.0)?.into();
/// labels.add_object(LabeledObject::new(Some(ObjectId::new("a")), Some("car:4".into()), ClassId(0), Track::single(0, point)))?;
/// assert_eq!(next_instance_name(&labels, "car").as_str(), "car:5");
/// assert_eq!(next_instance_name(&labels, "bus").as_str(), "bus:1");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn next_instance_name(labels: &SequenceLabels, label: &str) -> InstanceName {
    InstanceName::numbered(label, next_instance_number(labels, label))
}

/// The n of [`next_instance_name`].
pub(crate) fn next_instance_number(labels: &SequenceLabels, label: &str) -> u32 {
    labels
        .objects()
        .iter()
        .filter_map(|o| o.name()?.parts())
        .filter(|(l, _)| *l == label)
        .map(|(_, n)| n)
        .max()
        .unwrap_or(0)
        .saturating_add(1)
}

/// Whether `editsAllowed` is in force: only audit jobs (adjustment, verification) use it;
/// a labeling job's workers draw everything (gt-spec §6.2, §11).
fn is_audit(config: &LabelCategoryConfig) -> bool {
    config.audit_label_attribute_name.is_some()
}

/// Refuses a change of geometry, label or existence of `object` (of label `label`) when the
/// label is locked.
pub(crate) fn check_label_editable(
    config: &LabelCategoryConfig,
    label: &LabelCategory,
    object: impl FnOnce() -> String,
    action: &'static str,
) -> Result<(), EditError> {
    if is_audit(config) && label.edits_allowed == EditsAllowed::None {
        return Err(EditError::LabelLocked {
            object: object(),
            label: label.label.clone(),
            action,
        });
    }
    Ok(())
}

/// Whether the attribute's values are locked.
pub(crate) fn is_locked(config: &LabelCategoryConfig, spec: &AttributeSpec) -> bool {
    is_audit(config) && spec.edits_allowed == EditsAllowed::None
}

/// The spec of the attribute `name` among `specs`, or the error that lists the known ones.
pub(crate) fn find_spec<'a>(
    specs: impl Iterator<Item = &'a AttributeSpec> + Clone,
    name: &str,
    place: impl FnOnce() -> String,
) -> Result<&'a AttributeSpec, EditError> {
    if let Some(spec) = specs.clone().find(|s| s.name == name) {
        return Ok(spec);
    }
    Err(EditError::UnknownAttribute {
        place: place(),
        name: name.to_owned(),
        known: specs.map(|s| s.name.clone()).collect(),
    })
}

/// Refuses a value the attribute does not accept. Free-text length is a quota checked by
/// [`crate::validate::validate_labels`] (with the caller's [`crate::Limits`]), not here.
pub(crate) fn check_value(
    spec: &AttributeSpec,
    value: &AttributeValue,
    place: impl FnOnce() -> String,
) -> Result<(), EditError> {
    let reason = match &spec.kind {
        AttributeKind::Choice { values } => match value.as_text() {
            Some(v) if values.iter().any(|allowed| allowed == v) => None,
            _ => Some(format!("value {value} is not one of {values:?}")),
        },
        AttributeKind::FreeText => None,
        AttributeKind::Number { minimum, maximum } => match value.as_number() {
            Some(n) if n >= *minimum && n <= *maximum => None,
            Some(n) => Some(format!("{n} is outside {minimum}..={maximum}")),
            None => Some(format!("value {value:?} is not a number")),
        },
    };
    match reason {
        None => Ok(()),
        Some(reason) => Err(EditError::IllegalAttributeValue {
            place: place(),
            name: spec.name.clone(),
            reason,
        }),
    }
}

/// Checks every value of a new annotation against the label's attributes.
pub(crate) fn check_values(
    config: &LabelCategoryConfig,
    label: &LabelCategory,
    values: &AttributeValues,
    place: impl Fn() -> String,
) -> Result<(), EditError> {
    for (name, value) in values {
        let spec = find_spec(config.attributes_of(label), name, &place)?;
        check_value(spec, value, &place)?;
    }
    Ok(())
}

/// Refuses a new track for an object of `label` that changes a locked attribute's value on a
/// frame where the object is shown both before and after. Frames where it appears or
/// disappears are a change of geometry, which the label's own lock governs.
pub(crate) fn check_locked_attributes<A: Borrow<Keyframe>, B: Borrow<Keyframe>>(
    config: &LabelCategoryConfig,
    label: &LabelCategory,
    object: &LabeledObject,
    old: &[A],
    new: &[B],
) -> Result<(), EditError> {
    let locked: Vec<&str> = config
        .attributes_of(label)
        .filter(|s| is_locked(config, s))
        .map(|s| s.name.as_str())
        .collect();
    if locked.is_empty() {
        return Ok(());
    }
    let a = visible_runs(old);
    let b = visible_runs(new);
    let (mut i, mut j) = (0, 0);
    while let (Some(x), Some(y)) = (a.get(i), b.get(j)) {
        let start = x.start.max(y.start);
        let end = x.end.min(y.end);
        if start <= end {
            for name in &locked {
                if x.values.get(*name) != y.values.get(*name) {
                    return Err(EditError::AttributeLocked {
                        place: format!("{}, frame {start}", object.describe()),
                        name: (*name).to_owned(),
                    });
                }
            }
        }
        if x.end <= y.end {
            i += 1;
        } else {
            j += 1;
        }
    }
    Ok(())
}

/// A run of frames `start..=end` on which the object is shown with these attribute values.
struct Run<'a> {
    start: u32,
    end: u32,
    values: &'a AttributeValues,
}

fn visible_runs<K: Borrow<Keyframe>>(keyframes: &[K]) -> Vec<Run<'_>> {
    let mut runs = Vec::new();
    for (i, k) in keyframes.iter().enumerate() {
        let k = k.borrow();
        if !k.is_visible() {
            continue;
        }
        let end = keyframes
            .get(i + 1)
            .map_or(k.frame, |next| next.borrow().frame.saturating_sub(1));
        runs.push(Run {
            start: k.frame,
            end,
            values: &k.attributes,
        });
    }
    runs
}
