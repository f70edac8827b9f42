//! `<meta><task>`: frames of the task and the labels with their attribute specifications.

use std::io::Write;

use quick_xml::escape::partial_escape;
use vframe_core::{
    AnnotationType, AttributeKind, AttributeSpec, ClassId, FrameSize, LabelCategory,
    LabelCategoryConfig,
};

use crate::IoError;
use crate::interchange::{FrameNumbering, LabeledSequence};

/// One attribute of a CVAT label.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct CvatAttribute {
    pub name: String,
    pub mutable: Option<String>,
    pub input_type: String,
    pub default_value: String,
    pub values: String,
}

/// One CVAT label.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct CvatLabel {
    pub name: String,
    pub attributes: Vec<CvatAttribute>,
}

/// What `<meta><task>` says about frames and labels.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CvatTask {
    /// `name`.
    pub name: Option<String>,
    /// `size`: number of frames of the task.
    pub size: Option<u32>,
    /// `start_frame`: the absolute number of the task's first frame.
    pub start_frame: u64,
    /// The `step=N` of `frame_filter`, 1 when absent.
    pub step: u64,
    /// `original_size`.
    pub original_size: Option<FrameSize>,
    pub(crate) labels: Vec<CvatLabel>,
}

impl CvatTask {
    /// The frame numbering of the task.
    pub fn numbering(&self) -> Result<FrameNumbering, String> {
        FrameNumbering::cvat(self.start_frame, self.step.max(1))
    }

    /// Label names in file order.
    pub fn label_names(&self) -> Vec<String> {
        self.labels.iter().map(|l| l.name.clone()).collect()
    }

    /// A configuration with the task's labels and their attributes.
    pub(crate) fn to_config(&self, annotation_type: AnnotationType) -> LabelCategoryConfig {
        let labels = self
            .labels
            .iter()
            .map(|l| {
                let mut category = LabelCategory::new(l.name.clone());
                category.category_attributes = l.attributes.iter().map(to_spec).collect();
                category
            })
            .collect();
        let mut config = LabelCategoryConfig::new(labels);
        config.annotation_type = annotation_type;
        config
    }
}

fn to_spec(a: &CvatAttribute) -> AttributeSpec {
    let values: Vec<&str> = a
        .values
        .lines()
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .collect();
    match a.input_type.as_str() {
        "select" | "radio" => AttributeSpec::choice(a.name.clone(), &values),
        "checkbox" => AttributeSpec::choice(a.name.clone(), &["false", "true"]),
        "number" => {
            let nums: Vec<f64> = values.iter().filter_map(|v| v.parse().ok()).collect();
            match nums[..] {
                [min, max, ..] => AttributeSpec::number(a.name.clone(), min, max),
                _ => AttributeSpec::number(a.name.clone(), f64::MIN, f64::MAX),
            }
        }
        _ => AttributeSpec::free_text(a.name.clone()),
    }
}

fn text_element(out: &mut impl Write, indent: &str, name: &str, text: &str) -> std::io::Result<()> {
    writeln!(out, "{indent}<{name}>{}</{name}>", partial_escape(text))
}

fn write_attribute_spec(out: &mut impl Write, spec: &AttributeSpec) -> std::io::Result<()> {
    let (input_type, default, values) = match &spec.kind {
        AttributeKind::Choice { values } => (
            "select",
            values.first().cloned().unwrap_or_default(),
            values.join("\n"),
        ),
        AttributeKind::FreeText => ("text", String::new(), String::new()),
        AttributeKind::Number { minimum, maximum } => (
            "number",
            minimum.to_string(),
            format!("{minimum}\n{maximum}\n1"),
        ),
    };
    writeln!(out, "          <attribute>")?;
    text_element(out, "            ", "name", &spec.name)?;
    text_element(out, "            ", "mutable", "True")?;
    text_element(out, "            ", "input_type", input_type)?;
    text_element(out, "            ", "default_value", &default)?;
    text_element(out, "            ", "values", &values)?;
    writeln!(out, "          </attribute>")
}

/// Writes `<version>` and `<meta>` for a task of `size` frames.
pub(crate) fn write_meta(
    out: &mut impl Write,
    sequence: &LabeledSequence,
    numbering: FrameNumbering,
    size: u32,
) -> Result<(), IoError> {
    let name = sequence.name.as_deref().unwrap_or("sequence");
    writeln!(
        out,
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<annotations>"
    )?;
    writeln!(out, "  <version>1.1</version>\n  <meta>\n    <task>")?;
    text_element(out, "      ", "name", name)?;
    writeln!(out, "      <size>{size}</size>")?;
    writeln!(
        out,
        "      <mode>interpolation</mode>\n      <overlap>0</overlap>"
    )?;
    writeln!(
        out,
        "      <start_frame>{}</start_frame>",
        numbering.start()
    )?;
    let stop = numbering.number_of(size.saturating_sub(1));
    writeln!(out, "      <stop_frame>{stop}</stop_frame>")?;
    if numbering.step() > 1 {
        writeln!(
            out,
            "      <frame_filter>step={}</frame_filter>",
            numbering.step()
        )?;
    } else {
        writeln!(out, "      <frame_filter></frame_filter>")?;
    }
    writeln!(out, "      <labels>")?;
    for i in 0..sequence.label_count() {
        let label_name = sequence.label_name(ClassId(i as u32));
        writeln!(out, "        <label>")?;
        text_element(out, "          ", "name", &label_name)?;
        text_element(out, "          ", "type", "any")?;
        writeln!(out, "          <attributes>")?;
        let own = sequence.config.labels.get(i);
        let specs = sequence
            .config
            .category_global_attributes
            .iter()
            .chain(own.into_iter().flat_map(|l| l.category_attributes.iter()));
        for spec in specs {
            write_attribute_spec(out, spec)?;
        }
        writeln!(out, "          </attributes>\n        </label>")?;
    }
    writeln!(out, "      </labels>")?;
    if let Some(s) = sequence.frame_size {
        writeln!(
            out,
            "      <original_size>\n        <width>{}</width>\n        <height>{}</height>\n      </original_size>",
            s.width, s.height
        )?;
    }
    writeln!(out, "    </task>\n  </meta>")?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn number_attribute_without_bounds_is_unbounded() {
        let a = CvatAttribute {
            name: "n".into(),
            input_type: "number".into(),
            ..Default::default()
        };
        assert!(
            matches!(to_spec(&a).kind, AttributeKind::Number { minimum, .. } if minimum == f64::MIN)
        );
    }

    #[test]
    fn select_values_are_newline_separated() {
        let a = CvatAttribute {
            name: "size".into(),
            input_type: "select".into(),
            values: "small\nlarge\n".into(),
            ..Default::default()
        };
        assert_eq!(
            to_spec(&a).kind,
            AttributeKind::Choice {
                values: vec!["small".into(), "large".into()]
            }
        );
    }
}
