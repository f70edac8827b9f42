//! Setting label category attribute values and frame attribute values.

use crate::{AttributeValue, CoreError, LabelCategoryConfig, SequenceLabels};

use super::super::Scope;
use super::super::rules::{check_value, find_spec, is_locked};
use super::{EditError, Step, from_here, object_and_label, replace_window, shown};

/// Sets (`Some`) or removes (`None`) a label category attribute value on the keyframe on
/// `frame` (frozen there first when there is none) and, for [`Scope::FromFrameOn`], on every
/// visible keyframe after it.
pub(crate) fn set_attribute(
    labels: &SequenceLabels,
    config: &LabelCategoryConfig,
    index: usize,
    frame: u32,
    name: &str,
    value: Option<&AttributeValue>,
    scope: Scope,
) -> Result<Vec<Step>, EditError> {
    let (object, label) = object_and_label(labels, config, index)?;
    let place = || format!("{}, frame {frame}", object.describe());
    let spec = find_spec(config.attributes_of(label), name, place)?;
    if let Some(value) = value {
        check_value(spec, value, place)?;
    }
    // A locked attribute is refused by `replace_window` only where its value would change,
    // so setting the value it already has stays a harmless no-op.
    super::listed(labels, frame)?;
    let here = shown(object, frame)?;
    let (window, mut keyframes) = from_here(object.track().keyframes(), frame, here, scope);
    for k in keyframes.iter_mut().filter(|k| k.is_visible()) {
        match value {
            Some(v) => k.attributes.insert(name.to_owned(), v.clone()),
            None => k.attributes.remove(name),
        };
    }
    Ok(
        replace_window(config, index, object, label, window, keyframes)?
            .into_iter()
            .collect(),
    )
}

/// Sets (`Some`) or removes (`None`) a frame attribute value.
pub(crate) fn set_frame_attribute(
    labels: &SequenceLabels,
    config: &LabelCategoryConfig,
    frame: u32,
    name: &str,
    value: Option<&AttributeValue>,
) -> Result<Vec<Step>, EditError> {
    let place = || format!("frame {frame}, frame attribute");
    let spec = find_spec(config.frame_attributes.iter(), name, place)?;
    if let Some(value) = value {
        check_value(spec, value, place)?;
    }
    let current = labels
        .frame(frame)
        .ok_or(CoreError::NoSuchFrame { frame })?;
    if current.attributes.get(name) == value {
        return Ok(Vec::new());
    }
    if is_locked(config, spec) {
        return Err(EditError::AttributeLocked {
            place: place(),
            name: name.to_owned(),
        });
    }
    Ok(vec![Step::FrameAttribute {
        frame,
        name: name.to_owned(),
        value: value.cloned(),
    }])
}
