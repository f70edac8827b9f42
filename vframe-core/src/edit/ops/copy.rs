//! Ground Truth's "copy to next" and "copy to all" helpers: the shape on a frame becomes an
//! ordinary annotation (a keyframe) on other frames.

use crate::{IdSource, Keyframe, LabelCategoryConfig, LabeledObject, SequenceLabels, TaskType};

use super::super::rules::{check_label_editable, next_instance_number};
use super::super::timeline::{At, at, frozen, next_listed, next_listed_n};
use super::{EditError, Step, new_object, object_and_label, replace_window, shown};

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
    // The targets and the source frame are rewritten, in frame order; the listed frame after
    // them is frozen (or keeps its absence) so that it and the frames after it stay as they
    // were.
    let mut written: Vec<Keyframe> = targets.iter().map(|&f| copy_on(f)).collect();
    written.push(source.clone());
    written.sort_by_key(|k| k.frame);
    let start = first.min(frame);
    let mut end = last.max(frame);
    if let Some(n) = next_listed(labels, end)
        && track.keyframe_at(n).is_none()
    {
        let pin = match at(track, n) {
            At::Visible => frozen(track, n),
            At::Absent => Some(Keyframe::absent(n)),
            At::Outside => None,
        };
        if let Some(pin) = pin {
            written.push(pin);
            end = n;
        }
    }
    Ok(
        replace_window(config, index, object, label, (start, end), written)?
            .into_iter()
            .collect(),
    )
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
