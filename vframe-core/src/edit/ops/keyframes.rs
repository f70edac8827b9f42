//! Inserting (freezing) and removing keyframes.

use crate::{LabelCategoryConfig, SequenceLabels};

use super::super::rules::check_label_editable;
use super::{EditError, Step, object_and_label, replace_track, shown};

/// Freezes what the object shows on `frame` as a keyframe.
pub(crate) fn insert_keyframe(
    labels: &SequenceLabels,
    config: &LabelCategoryConfig,
    index: usize,
    frame: u32,
) -> Result<Vec<Step>, EditError> {
    let (object, label) = object_and_label(labels, config, index)?;
    check_label_editable(config, label, || object.describe(), "inserting a keyframe")?;
    super::listed(labels, frame)?;
    if object.track().keyframe_at(frame).is_some() {
        return Err(EditError::KeyframeExists {
            object: object.describe(),
            frame,
        });
    }
    let keyframe = shown(object, frame)?;
    let keyframes = super::put(object.track().keyframes(), keyframe);
    Ok(replace_track(config, index, object, label, &keyframes)?
        .into_iter()
        .collect())
}

/// Removes the keyframe on `frame`; the frames around it follow the neighbouring keyframes.
pub(crate) fn remove_keyframe(
    labels: &SequenceLabels,
    config: &LabelCategoryConfig,
    index: usize,
    frame: u32,
) -> Result<Vec<Step>, EditError> {
    let (object, label) = object_and_label(labels, config, index)?;
    check_label_editable(config, label, || object.describe(), "removing a keyframe")?;
    let keyframes = object.track().keyframes();
    let Ok(at) = keyframes.binary_search_by_key(&frame, |k| k.frame) else {
        return Err(EditError::NoKeyframe {
            object: object.describe(),
            frame,
        });
    };
    let mut rest = keyframes.to_vec();
    rest.remove(at);
    Ok(replace_track(config, index, object, label, &rest)?
        .into_iter()
        .collect())
}
