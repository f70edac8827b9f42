//! Ground Truth's "copy to next" and "copy to all" helpers: the shape on a frame becomes an
//! ordinary annotation (a keyframe) on other frames.

use crate::{IdSource, Keyframe, LabelCategoryConfig, LabeledObject, SequenceLabels, TaskType};

use super::super::rules::{check_label_editable, next_instance_number};
use super::super::timeline::{At, at, frozen, next_listed, next_listed_n};
use super::{EditError, Step, new_object, object_and_label, replace_track, shown};

/// Copies what the object at `index` shows on `frame` to the next `count` listed frames.
pub(crate) fn copy_to_next(
    labels: &SequenceLabels,
    config: &LabelCategoryConfig,
    ids: &mut dyn IdSource,
    index: usize,
    frame: u32,
    count: usize,
) -> Result<Vec<Step>, EditError> {
    let targets = next_listed_n(labels, frame, count);
    copy(labels, config, ids, index, frame, &targets)
}

/// Copies what the object at `index` shows on `frame` to every other listed frame.
pub(crate) fn copy_to_all(
    labels: &SequenceLabels,
    config: &LabelCategoryConfig,
    ids: &mut dyn IdSource,
    index: usize,
    frame: u32,
) -> Result<Vec<Step>, EditError> {
    let targets: Vec<u32> = labels
        .frames()
        .iter()
        .map(|f| f.index())
        .filter(|&f| f != frame)
        .collect();
    copy(labels, config, ids, index, frame, &targets)
}

/// Copies to `targets`, listed frames other than `frame` in increasing order that are
/// consecutive among the listed frames apart from `frame` itself.
///
/// Tracking: each target gets a keyframe with the source's shape and attribute values. The
/// source frame and the first listed frame after the last target are frozen first, so that
/// no frame other than the targets changes (an absence that went on past the targets goes on).
/// Detection: each target gets a new object (fresh id and instance name).
fn copy(
    labels: &SequenceLabels,
    config: &LabelCategoryConfig,
    ids: &mut dyn IdSource,
    index: usize,
    frame: u32,
    targets: &[u32],
) -> Result<Vec<Step>, EditError> {
    let (object, label) = object_and_label(labels, config, index)?;
    check_label_editable(config, label, || object.describe(), "copying its shape")?;
    super::listed(labels, frame)?;
    let source = shown(object, frame)?;
    let (Some(&first), Some(&last)) = (targets.first(), targets.last()) else {
        return Ok(Vec::new());
    };
    let copy_on = |f: u32| Keyframe {
        frame: f,
        ..source.clone()
    };
    if labels.task() == TaskType::Detection {
        return copy_as_detections(labels, ids, object, &label.label, targets, copy_on);
    }
    let track = object.track();
    let old = track.keyframes();
    let mut keyframes = Vec::with_capacity(old.len() + targets.len() + 2);
    // Keyframes before the first target other than the source frame stay; targets and the
    // source frame are written in frame order.
    let before_first = old.partition_point(|k| k.frame < first.min(frame));
    keyframes.extend_from_slice(&old[..before_first]);
    let mut written: Vec<Keyframe> = targets.iter().map(|&f| copy_on(f)).collect();
    written.push(source.clone());
    written.sort_by_key(|k| k.frame);
    let span_end = last.max(frame);
    keyframes.extend(written);
    if let Some(n) = next_listed(labels, span_end)
        && track.keyframe_at(n).is_none()
    {
        match at(track, n) {
            At::Visible => keyframes.extend(frozen(track, n)),
            At::Absent => keyframes.push(Keyframe::absent(n)),
            At::Outside => {}
        }
    }
    keyframes.extend_from_slice(&old[old.partition_point(|k| k.frame <= span_end)..]);
    Ok(replace_track(config, index, object, label, &keyframes)?
        .into_iter()
        .collect())
}

fn copy_as_detections(
    labels: &SequenceLabels,
    ids: &mut dyn IdSource,
    object: &LabeledObject,
    label: &str,
    targets: &[u32],
    copy_on: impl Fn(u32) -> Keyframe,
) -> Result<Vec<Step>, EditError> {
    let first = next_instance_number(labels, label);
    let mut steps = Vec::with_capacity(targets.len());
    for ((index, n), &f) in (labels.objects().len()..).zip(first..).zip(targets) {
        let copy = new_object(ids, label, n, object.class_id(), vec![copy_on(f)])?;
        steps.push(Step::InsertObject {
            index,
            object: copy,
        });
    }
    Ok(steps)
}
