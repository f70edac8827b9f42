//! Merging two tracks into one object.

use std::borrow::Cow;

use crate::{Keyframe, LabelCategoryConfig, SequenceLabels};

use super::super::rules::check_label_editable;
use super::super::timeline::next_listed;
use super::{EditError, Step, object_and_label, replace_track};

/// Merges the object at `from` into the one at `into`, which keeps its id and name; `from`
/// is removed. Between the earlier track's end and the later one's start the object is
/// absent.
pub(crate) fn merge(
    labels: &SequenceLabels,
    config: &LabelCategoryConfig,
    into: usize,
    from: usize,
) -> Result<Vec<Step>, EditError> {
    super::tracking_only(labels, "merging tracks")?;
    if into == from {
        return Err(EditError::MergeWithItself { object: into });
    }
    let (kept, label) = object_and_label(labels, config, into)?;
    let (absorbed, absorbed_label) = object_and_label(labels, config, from)?;
    check_label_editable(config, label, || kept.describe(), "merging its track")?;
    check_label_editable(
        config,
        absorbed_label,
        || absorbed.describe(),
        "merging its track",
    )?;
    if kept.class_id() != absorbed.class_id() {
        return Err(EditError::MergeCategories {
            into: kept.describe(),
            into_class: kept.class_id(),
            from: absorbed.describe(),
            from_class: absorbed.class_id(),
        });
    }
    let (a0, a1) = kept.track().span();
    let (b0, b1) = absorbed.track().span();
    if a0 <= b1 && b0 <= a1 {
        return Err(EditError::MergeOverlap {
            into: kept.describe(),
            into_first: a0,
            into_last: a1,
            from: absorbed.describe(),
            from_first: b0,
            from_last: b1,
        });
    }
    let (early, late) = if a1 < b0 {
        (kept.track(), absorbed.track())
    } else {
        (absorbed.track(), kept.track())
    };
    let mut keyframes: Vec<Cow<'_, Keyframe>> =
        Vec::with_capacity(early.keyframes().len() + late.keyframes().len() + 1);
    keyframes.extend(early.keyframes().iter().map(Cow::Borrowed));
    if let Some(gap) = next_listed(labels, early.span().1)
        && gap < late.span().0
    {
        keyframes.push(Cow::Owned(Keyframe::absent(gap)));
    }
    keyframes.extend(late.keyframes().iter().map(Cow::Borrowed));
    let mut steps: Vec<Step> = replace_track(config, into, kept, label, &keyframes)?
        .into_iter()
        .collect();
    steps.push(Step::RemoveObject {
        index: from,
        id: absorbed.id().cloned(),
    });
    Ok(steps)
}
