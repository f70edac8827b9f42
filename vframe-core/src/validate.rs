//! Labels checked against a label category configuration.
//!
//! The model's invariants hold by construction; what depends on the configuration (which
//! categories and attribute values exist, which tool, which quotas) is checked here, and
//! every problem is reported with its frame, object and field.

use crate::{
    AttributeKind, AttributeSpec, AttributeValue, AttributeValues, ClassId, JsonPath,
    LabelCategory, LabelCategoryConfig, Limits, Problem, SequenceLabels,
};

/// How `class-id` values name labels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ClassResolution {
    /// Through the labels' class map when it has entries, else by position in the
    /// configuration's `labels` (class-id N = the N-th label, 0-based: our reading of A13).
    #[default]
    ClassMapOrPosition,
    /// Always by position in the configuration's `labels`.
    Position,
}

/// Every problem of `labels` against `config`: annotation type, categories, attribute names,
/// values and required attributes, and the frame quota.
///
/// ```
/// use vframe_core::{AnnotationType, AttributeSpec, ClassId, Keyframe, LabelCategory, LabelCategoryConfig,
///     LabeledObject, Limits, Location, ObjectId, SequenceLabels, TaskType, Track};
/// use vframe_core::validate::{validate_labels, ClassResolution};
/// use vframe_geom::BoundingBox;
///
/// let mut config = LabelCategoryConfig::new(vec![LabelCategory::new("car")]);
/// config.category_global_attributes.push(AttributeSpec::choice("occluded", &["no", "yes"]));
///
/// let mut labels = SequenceLabels::new(TaskType::Tracking, AnnotationType::BoundingBox);
/// labels.add_frame(0, "f0.jpg")?;
/// let mut kf = Keyframe::visible(0, BoundingBox::new(0.0, 0.0, 5.0, 5.0)?.into());
/// kf.attributes.insert("occluded".into(), "maybe".into());
/// labels.add_object(LabeledObject::new(Some(ObjectId::new("a")), None, ClassId(0), Track::new(vec![kf])?))?;
///
/// let problems = validate_labels(&labels, &config, ClassResolution::default(), &Limits::default());
/// assert_eq!(problems.len(), 1);
/// assert_eq!(problems[0].code, "attribute.value");
/// assert!(matches!(problems[0].location, Location::Annotation { frame: 0, object: 0, .. }));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn validate_labels(
    labels: &SequenceLabels,
    config: &LabelCategoryConfig,
    resolution: ClassResolution,
    limits: &Limits,
) -> Vec<Problem> {
    let mut problems = Vec::new();
    if labels.annotation_type() != config.annotation_type {
        problems.push(Problem::sequence(
            "annotation_type.mismatch",
            format!(
                "labels are {} shapes but the configuration's annotationType is {}",
                labels.annotation_type(),
                config.annotation_type
            ),
        ));
    }
    if labels.frames().len() > limits.max_frames_per_sequence {
        problems.push(Problem::sequence(
            "sequence.frame_count",
            format!(
                "{} frames, at most {} are allowed in one sequence",
                labels.frames().len(),
                limits.max_frames_per_sequence
            ),
        ));
    }
    let use_map =
        resolution == ClassResolution::ClassMapOrPosition && !labels.class_map().is_empty();
    if use_map {
        for (id, name) in labels.class_map() {
            if config.label(name).is_none() {
                problems.push(Problem::sequence(
                    "class_map.unknown_label",
                    format!(
                        "class-map maps {id} to {name:?}, which is not a label of the configuration"
                    ),
                ));
            }
        }
    }

    for frame in labels.frames() {
        let path = JsonPath::root().key("frame-attributes");
        check_values(
            &frame.attributes,
            config.frame_attributes.iter(),
            limits.max_frame_free_text_chars,
            "frame attribute",
            |field, code, message| {
                problems.push(Problem::frame(
                    frame.index(),
                    Some(path.clone().join(&field)),
                    code,
                    message,
                ))
            },
        );
    }

    for (index, object) in labels.objects().iter().enumerate() {
        let category = resolve(labels, config, object.class_id(), use_map);
        for keyframe in object.track().keyframes() {
            if !keyframe.is_visible() {
                continue;
            }
            let frame = keyframe.frame;
            let label = match &category {
                Ok(label) => *label,
                Err(message) => {
                    problems.push(Problem::annotation(
                        frame,
                        index,
                        Some(JsonPath::root().key("class-id")),
                        "class_id.unknown",
                        message.clone(),
                    ));
                    continue;
                }
            };
            let path = JsonPath::root().key("label-category-attributes");
            check_values(
                &keyframe.attributes,
                config.attributes_of(label),
                limits.max_label_free_text_chars,
                "label category attribute",
                |field, code, message| {
                    problems.push(Problem::annotation(
                        frame,
                        index,
                        Some(path.clone().join(&field)),
                        code,
                        format!("{}: {message}", object.describe()),
                    ))
                },
            );
        }
    }
    problems
}

fn resolve<'c>(
    labels: &SequenceLabels,
    config: &'c LabelCategoryConfig,
    class_id: ClassId,
    use_map: bool,
) -> Result<&'c LabelCategory, String> {
    if use_map {
        let name = labels
            .class_map()
            .get(&class_id)
            .ok_or_else(|| format!("class-id {class_id} is not in the class-map"))?;
        config.label(name).ok_or_else(|| {
            format!("class-id {class_id} is {name:?}, which is not a label of the configuration")
        })
    } else {
        config.labels.get(class_id.0 as usize).ok_or_else(|| {
            format!(
                "class-id {class_id} names no label: the configuration has {} labels (class-id N is the N-th label, from 0)",
                config.labels.len()
            )
        })
    }
}

fn check_values<'a>(
    values: &AttributeValues,
    specs: impl Iterator<Item = &'a AttributeSpec> + Clone,
    max_free_text: usize,
    what: &str,
    mut report: impl FnMut(JsonPath, &'static str, String),
) {
    for (name, value) in values {
        let field = JsonPath::root().key(name.clone());
        let Some(spec) = specs.clone().find(|s| &s.name == name) else {
            let known: Vec<&str> = specs.clone().map(|s| s.name.as_str()).collect();
            report(
                field,
                "attribute.unknown",
                format!("no {what} is named {name:?}; expected one of {known:?}"),
            );
            continue;
        };
        if let Some(message) = illegal_value(&spec.kind, value, max_free_text) {
            report(field, "attribute.value", message);
        }
    }
    for spec in specs {
        if spec.is_required && !values.contains_key(&spec.name) {
            report(
                JsonPath::root().key(spec.name.clone()),
                "attribute.required",
                format!("{what} {:?} is required but has no value", spec.name),
            );
        }
    }
}

fn illegal_value(
    kind: &AttributeKind,
    value: &AttributeValue,
    max_free_text: usize,
) -> Option<String> {
    match kind {
        AttributeKind::Choice { values } => match value.as_text() {
            Some(v) if values.iter().any(|allowed| allowed == v) => None,
            _ => Some(format!("value \"{value}\" is not one of {values:?}")),
        },
        AttributeKind::FreeText => {
            let n = value.to_string().chars().count();
            (n > max_free_text).then(|| {
                format!("free text has {n} characters, at most {max_free_text} are allowed")
            })
        }
        AttributeKind::Number { minimum, maximum } => match value.as_number() {
            Some(n) if n >= *minimum && n <= *maximum => None,
            Some(n) => Some(format!("{n} is outside {minimum}..={maximum}")),
            None => Some(format!("value \"{value}\" is not a number")),
        },
    }
}
