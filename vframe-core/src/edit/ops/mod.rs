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

use std::borrow::Cow;

use crate::{
    ClassId, CoreError, IdSource, InstanceName, Keyframe, LabelCategory, LabelCategoryConfig,
    LabeledObject, SequenceLabels, TaskType, Track,
};

use super::restore::{Step, splice_between};
use super::rules::{check_locked_attributes, label_of};
use super::timeline::{frozen, not_shown_because};
use super::{EditError, Scope};

/// The object at `index`.
fn object(labels: &SequenceLabels, index: usize) -> Result<&LabeledObject, EditError> {
    labels
        .objects()
        .get(index)
        .ok_or_else(|| CoreError::NoSuchObject {
            index,
            count: labels.objects().len(),
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
        None => Err(CoreError::NoSuchFrame { frame }),
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

/// The window an edit on `frame` with `scope` rewrites, and its new keyframes before the
/// change: `here` (the keyframe on `frame`, frozen when there is none) and, from a frame on,
/// every later keyframe.
fn from_here(
    keyframes: &[Keyframe],
    frame: u32,
    here: Keyframe,
    scope: Scope,
) -> ((u32, u32), Vec<Keyframe>) {
    match scope {
        Scope::Frame => ((frame, frame), vec![here]),
        Scope::FromFrameOn => {
            let later = &keyframes[keyframes.partition_point(|k| k.frame <= frame)..];
            let mut all = Vec::with_capacity(later.len() + 1);
            all.push(here);
            all.extend_from_slice(later);
            ((frame, u32::MAX), all)
        }
    }
}

/// The step that replaces the keyframes of object `index` (of `label`) on frames
/// `from..=to` with `new`, after checking the locked attributes; no step when nothing
/// changes. Only the window and its two neighbours are read, so an edit of one frame of a
/// long track costs O(log k). The track invariants are checked when the step runs.
fn replace_window(
    config: &LabelCategoryConfig,
    index: usize,
    object: &LabeledObject,
    label: &LabelCategory,
    (from, to): (u32, u32),
    new: Vec<Keyframe>,
) -> Result<Option<Step>, EditError> {
    let old = object.track().keyframes();
    let a = old.partition_point(|k| k.frame < from);
    let b = old.partition_point(|k| k.frame <= to).max(a);
    let prev = a.checked_sub(1).and_then(|i| old.get(i));
    let next = old.get(b);
    let before: Vec<&Keyframe> = prev.into_iter().chain(&old[a..b]).chain(next).collect();
    let after: Vec<&Keyframe> = prev.into_iter().chain(&new).chain(next).collect();
    check_locked_attributes(config, label, object, &before, &after)?;
    if old[a..b] == new[..] {
        return Ok(None);
    }
    Ok(Some(Step::Splice {
        object: index,
        id: object.id().cloned(),
        from,
        to,
        keyframes: new,
    }))
}

/// The step that gives object `index` (of `label`) the keyframes `new` (borrowing the
/// unchanged ones from its track), after checking the locked attributes; no step when
/// nothing changes. The track invariants are checked when the step runs.
fn replace_track(
    config: &LabelCategoryConfig,
    index: usize,
    object: &LabeledObject,
    label: &LabelCategory,
    new: &[Cow<'_, Keyframe>],
) -> Result<Option<Step>, EditError> {
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
