//! Adding and deleting whole objects.

use vframe_geom::Shape;

use crate::{AttributeValues, IdSource, Keyframe, LabelCategoryConfig, SequenceLabels};

use super::super::rules::{
    check_label_editable, check_values, class_for, label_named, next_instance_number,
};
use super::{EditError, Step, new_object, object_and_label};

/// A new object with one visible keyframe, appended after the others.
pub(crate) fn add_object(
    labels: &SequenceLabels,
    config: &LabelCategoryConfig,
    ids: &mut dyn IdSource,
    label: &str,
    frame: u32,
    shape: &Shape,
    attributes: &AttributeValues,
) -> Result<Vec<Step>, EditError> {
    let category = label_named(config, label)?;
    check_label_editable(
        config,
        category,
        || format!("new {label}"),
        "adding an object",
    )?;
    super::listed(labels, frame)?;
    let n = next_instance_number(labels, label);
    check_values(config, category, attributes, || {
        format!("new object {label}:{n}, frame {frame}")
    })?;
    let (class_id, class_map) = class_for(labels, config, label)?;
    let keyframe = Keyframe::visible(frame, shape.clone()).with_attributes(attributes.clone());
    let object = new_object(ids, label, n, class_id, vec![keyframe])?;
    let mut steps: Vec<Step> = class_map.map(Step::ClassMap).into_iter().collect();
    steps.push(Step::InsertObject {
        index: labels.objects().len(),
        object,
    });
    Ok(steps)
}

/// Removes the object at `index`.
pub(crate) fn delete_object(
    labels: &SequenceLabels,
    config: &LabelCategoryConfig,
    index: usize,
) -> Result<Vec<Step>, EditError> {
    let (object, label) = object_and_label(labels, config, index)?;
    check_label_editable(config, label, || object.describe(), "deleting an object")?;
    Ok(vec![Step::RemoveObject {
        index,
        id: object.id().cloned(),
    }])
}
