//! Planning: each edit, checked against the configuration and the labels, turned into the
//! [`Step`]s that carry it out. Nothing here changes the labels.

mod attributes;
mod copy;
mod keyframes;
mod merge;
mod objects;
mod relabel;
mod shapes;
mod split;

pub(crate) use attributes::{set_attribute, set_frame_attribute};
pub(crate) use copy::{copy_to_all, copy_to_next};
pub(crate) use keyframes::{insert_keyframe, remove_keyframe};
pub(crate) use merge::merge;
pub(crate) use objects::{add_object, delete_object};
pub(crate) use relabel::relabel;
pub(crate) use shapes::{delete_shape, move_shape, reshape};
pub(crate) use split::split;

use crate::{
    ClassId, CoreError, IdSource, InstanceName, Keyframe, LabelCategory, LabelCategoryConfig,
    LabeledObject, SequenceLabels, TaskType, Track,
};

use super::EditError;
use super::restore::{Step, splice_between};
use super::rules::{check_locked_attributes, label_of};
use super::timeline::{frozen, not_shown_because};

/// The object at `index`.
fn object(labels: &SequenceLabels, index: usize) -> Result<&LabeledObject, EditError> {
    labels.objects().get(index).ok_or_else(|| {
        CoreError::NoSuchObject {
            index,
            count: labels.objects().len(),
        }
        .into()
    })
}

/// The object at `index` and its label.
fn object_and_label<'l, 'c>(
    labels: &'l SequenceLabels,
    config: &'c LabelCategoryConfig,
    index: usize,
) -> Result<(&'l LabeledObject, &'c LabelCategory), EditError> {
    let o = object(labels, index)?;
    Ok((o, label_of(labels, config, o)?))
}

/// Refuses a frame the labels do not list.
fn listed(labels: &SequenceLabels, frame: u32) -> Result<(), EditError> {
    match labels.frame(frame) {
        Some(_) => Ok(()),
        None => Err(CoreError::NoSuchFrame { frame }.into()),
    }
}

/// Refuses edits that need identity across frames in a detection job.
fn tracking_only(labels: &SequenceLabels, operation: &'static str) -> Result<(), EditError> {
    match labels.task() {
        TaskType::Tracking => Ok(()),
        TaskType::Detection => Err(EditError::NeedsTracking { operation }),
    }
}

/// The keyframe showing what `object` shows on `frame` (see [`frozen`]), or why there is none.
fn shown(object: &LabeledObject, frame: u32) -> Result<Keyframe, EditError> {
    frozen(object.track(), frame).ok_or_else(|| EditError::NotShown {
        object: object.describe(),
        frame,
        why: not_shown_because(object.track(), frame).unwrap_or("it has no shape there"),
    })
}

/// `keyframes` with `keyframe` put on its frame (replacing the one there).
fn put(keyframes: &[Keyframe], keyframe: Keyframe) -> Vec<Keyframe> {
    let mut out = keyframes.to_vec();
    match out.binary_search_by_key(&keyframe.frame, |k| k.frame) {
        Ok(i) => out[i] = keyframe,
        Err(i) => out.insert(i, keyframe),
    }
    out
}

/// The step that gives object `index` (of `label`) the keyframes `new`, after checking the
/// track invariants and the locked attributes; no step when nothing changes.
fn replace_track(
    config: &LabelCategoryConfig,
    index: usize,
    object: &LabeledObject,
    label: &LabelCategory,
    new: &[Keyframe],
) -> Result<Option<Step>, EditError> {
    crate::labels::check_keyframes(new, &object.describe())?;
    let old = object.track().keyframes();
    check_locked_attributes(config, label, object, old, new)?;
    Ok(splice_between(index, object.id(), old, new))
}

/// A new object of class `class_id` with a fresh id and the instance name `label:n`.
fn new_object(
    ids: &mut dyn IdSource,
    label: &str,
    n: u32,
    class_id: ClassId,
    keyframes: Vec<Keyframe>,
) -> Result<LabeledObject, EditError> {
    Ok(LabeledObject::new(
        Some(ids.next_object_id()),
        Some(InstanceName::numbered(label, n)),
        class_id,
        Track::new(keyframes)?,
    ))
}
