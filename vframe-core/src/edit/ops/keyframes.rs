//! Inserting (freezing) and removing keyframes.

use crate::{LabelCategoryConfig, SequenceLabels};

use super::super::rules::check_label_editable;
use super::{EditError, Step, object_and_label, replace_window, shown};

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
    Ok(
        replace_window(config, index, object, label, (frame, frame), vec![keyframe])?
            .into_iter()
            .collect(),
    )
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
    if object.track().keyframe_at(frame).is_none() {
        return Err(EditError::NoKeyframe {
            object: object.describe(),
            frame,
        });
    }
    Ok(
        replace_window(config, index, object, label, (frame, frame), Vec::new())?
            .into_iter()
            .collect(),
    )
}
