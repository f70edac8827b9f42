//! Splitting a track in two objects.

use std::borrow::Cow;

use crate::{IdSource, LabelCategoryConfig, SequenceLabels};

use super::super::rules::{check_label_editable, next_instance_number};
use super::super::timeline::{head, tail};
use super::{EditError, Step, new_object, object_and_label, replace_track};

/// Splits the object at `index` at `frame`: it keeps its frames before `frame`; a new object
/// (fresh id, next instance name of its label, same class) takes the frames from `frame` on
/// and is appended after the others.
pub(crate) fn split(
    labels: &SequenceLabels,
    config: &LabelCategoryConfig,
    ids: &mut dyn IdSource,
    index: usize,
    frame: u32,
) -> Result<Vec<Step>, EditError> {
    super::tracking_only(labels, "splitting a track")?;
    let (object, label) = object_and_label(labels, config, index)?;
    check_label_editable(config, label, || object.describe(), "splitting its track")?;
    super::listed(labels, frame)?;
    let track = object.track();
    let before = head(labels, track, frame);
    let after = tail(track, frame);
    if before.is_empty() || after.is_empty() {
        let (first, last) = track.span();
        return Err(EditError::SplitOutsideTrack {
            object: object.describe(),
            frame,
            first,
            last,
        });
    }
    let n = next_instance_number(labels, &label.label);
    let after = after.into_iter().map(Cow::into_owned).collect();
    let second = new_object(ids, &label.label, n, object.class_id(), after)?;
    let mut steps: Vec<Step> = replace_track(config, index, object, label, &before)?
        .into_iter()
        .collect();
    steps.push(Step::InsertObject {
        index: labels.objects().len(),
        object: second,
    });
    Ok(steps)
}
