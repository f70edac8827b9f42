//! Changing an object's category.

use std::borrow::Cow;

use crate::{Keyframe, LabelCategoryConfig, SequenceLabels};

use super::super::rules::{check_label_editable, class_for, label_named, next_instance_name};
use super::{EditError, Step, object_and_label, replace_track};

/// Gives the object at `index` the label `label` for its whole life.
///
/// Attribute values the new label does not have are dropped (the inverse restores them).
/// An instance name of the form `old:n` becomes `new:m` with a fresh m; a name a worker
/// chose is kept.
pub(crate) fn relabel(
    labels: &SequenceLabels,
    config: &LabelCategoryConfig,
    index: usize,
    label: &str,
) -> Result<Vec<Step>, EditError> {
    let (object, old) = object_and_label(labels, config, index)?;
    let new = label_named(config, label)?;
    if old.label == new.label {
        return Ok(Vec::new());
    }
    check_label_editable(config, old, || object.describe(), "changing its label")?;
    check_label_editable(config, new, || object.describe(), "giving it this label")?;
    let (class_id, class_map) = class_for(labels, config, label)?;
    let kept: Vec<&str> = config.attributes_of(new).map(|s| s.name.as_str()).collect();
    let keyframes: Vec<Cow<'_, Keyframe>> = object
        .track()
        .keyframes()
        .iter()
        .map(|k| {
            if k.attributes
                .keys()
                .all(|name| kept.contains(&name.as_str()))
            {
                Cow::Borrowed(k)
            } else {
                let mut k = k.clone();
                k.attributes.retain(|name, _| kept.contains(&name.as_str()));
                Cow::Owned(k)
            }
        })
        .collect();
    // Locked attributes of the old label that the new one lacks would be dropped.
    let splice = replace_track(config, index, object, old, &keyframes)?;
    let name = match object.name().and_then(|n| n.parts()) {
        Some((l, _)) if l == old.label => Some(next_instance_name(labels, label)),
        _ => object.name().cloned(),
    };
    let mut steps: Vec<Step> = class_map.map(Step::ClassMap).into_iter().collect();
    steps.push(Step::Header {
        object: index,
        id: object.id().cloned(),
        name,
        class_id,
    });
    steps.extend(splice);
    Ok(steps)
}
