//! The label category configuration of a video frame job: labels, attributes, tool,
//! instructions and audit rules.
//!
//! These are plain values a program composes or a reader fills in;
//! [`LabelCategoryConfig::validate`] reports everything Ground Truth would refuse, each with
//! its JSON path.

mod validate;

use serde::{Deserialize, Serialize};

use crate::{AnnotationType, JobKind};

/// Whether workers of an adjustment or verification job may change something.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum EditsAllowed {
    /// `"any"`: every modification allowed (the default).
    #[default]
    Any,
    /// `"none"`: no modification allowed.
    None,
}

impl EditsAllowed {
    /// The spelling in the file.
    pub fn as_str(self) -> &'static str {
        match self {
            EditsAllowed::Any => "any",
            EditsAllowed::None => "none",
        }
    }
}

/// What a worker enters for an attribute: the three kinds of Ground Truth's UI.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum AttributeKind {
    /// `"type": "string"` with `enum`: the worker picks exactly one of these values.
    Choice {
        /// The values offered, in order.
        values: Vec<String>,
    },
    /// `"type": "string"` without `enum`: free text.
    FreeText,
    /// `"type": "number"` with inclusive bounds.
    Number {
        /// Smallest value allowed.
        minimum: f64,
        /// Largest value allowed.
        maximum: f64,
    },
}

impl AttributeKind {
    /// Whether this is free text (which has its own quota).
    pub fn is_free_text(&self) -> bool {
        matches!(self, AttributeKind::FreeText)
    }
}

/// An attribute: an entry of `frameAttributes`, `categoryGlobalAttributes` or a label's
/// `categoryAttributes`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AttributeSpec {
    /// The name shown to workers and used as the key of values.
    pub name: String,
    /// Help text (required for frame attributes, optional elsewhere).
    pub description: Option<String>,
    /// What the worker enters.
    pub kind: AttributeKind,
    /// Whether audit-job workers may change the value.
    pub edits_allowed: EditsAllowed,
    /// Whether the worker must fill it in before submitting.
    pub is_required: bool,
}

impl AttributeSpec {
    /// A choice attribute with the given values.
    pub fn choice(name: impl Into<String>, values: &[&str]) -> Self {
        Self::with_kind(
            name,
            AttributeKind::Choice {
                values: values.iter().map(|v| (*v).to_owned()).collect(),
            },
        )
    }

    /// A free-text attribute.
    pub fn free_text(name: impl Into<String>) -> Self {
        Self::with_kind(name, AttributeKind::FreeText)
    }

    /// A number attribute with inclusive bounds.
    pub fn number(name: impl Into<String>, minimum: f64, maximum: f64) -> Self {
        Self::with_kind(name, AttributeKind::Number { minimum, maximum })
    }

    fn with_kind(name: impl Into<String>, kind: AttributeKind) -> Self {
        Self {
            name: name.into(),
            description: None,
            kind,
            edits_allowed: EditsAllowed::Any,
            is_required: false,
        }
    }
}

/// One label (class) of the configuration, an entry of `labels`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LabelCategory {
    /// The class name shown to workers; unique in the configuration.
    pub label: String,
    /// Attributes of this label only (the global ones apply too).
    pub category_attributes: Vec<AttributeSpec>,
    /// Whether audit-job workers may change annotations of this label.
    pub edits_allowed: EditsAllowed,
}

impl LabelCategory {
    /// A label with no attributes of its own.
    pub fn new(label: impl Into<String>) -> Self {
        Self {
            label: label.into(),
            category_attributes: Vec::new(),
            edits_allowed: EditsAllowed::Any,
        }
    }
}

/// Instructions shown to workers. Plain text or HTML.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Instructions {
    /// `shortInstruction`, under 255 characters.
    pub short: String,
    /// `fullInstruction`, under 2,048 characters.
    pub full: String,
}

/// A label category configuration: what workers may label and how.
///
/// ```
/// use vframe_core::{AnnotationType, AttributeSpec, JobKind, LabelCategory, LabelCategoryConfig, Limits};
///
/// let mut config = LabelCategoryConfig::new(vec![LabelCategory::new("car"), LabelCategory::new("bus")]);
/// config.annotation_type = AnnotationType::Polygon;
/// config.category_global_attributes.push(AttributeSpec::choice("occluded", &["no", "partially", "yes"]));
/// assert!(config.validate(&Limits::default()).is_empty());
/// assert_eq!(config.job_kind(), JobKind::Labeling);
/// assert_eq!(config.label_index("bus"), Some(1));
///
/// config.labels[0].label = "a label name far too long".into();
/// let problems = config.validate(&Limits::default());
/// assert_eq!(problems[0].to_string(), "labels[0].label: label name has 25 characters, 1 to 16 expected");
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LabelCategoryConfig {
    /// `documentVersion` (every example says `"2020-03-01"`).
    pub document_version: Option<String>,
    /// The labels, 1 to 30.
    pub labels: Vec<LabelCategory>,
    /// Attributes of every label.
    pub category_global_attributes: Vec<AttributeSpec>,
    /// Attributes of each frame.
    pub frame_attributes: Vec<AttributeSpec>,
    /// The drawing tool.
    pub annotation_type: AnnotationType,
    /// Instructions for workers.
    pub instructions: Option<Instructions>,
    /// The label attribute name of the job being audited; set only for adjustment and
    /// verification jobs.
    pub audit_label_attribute_name: Option<String>,
}

impl LabelCategoryConfig {
    /// A labeling-job configuration with these labels, bounding boxes and nothing else.
    pub fn new(labels: Vec<LabelCategory>) -> Self {
        Self {
            document_version: Some("2020-03-01".to_owned()),
            labels,
            category_global_attributes: Vec::new(),
            frame_attributes: Vec::new(),
            annotation_type: AnnotationType::BoundingBox,
            instructions: None,
            audit_label_attribute_name: None,
        }
    }

    /// Labeling, adjustment or verification: an audit job names the audited labels; it is a
    /// verification job when no label may be edited.
    pub fn job_kind(&self) -> JobKind {
        if self.audit_label_attribute_name.is_none() {
            JobKind::Labeling
        } else if !self.labels.is_empty()
            && self
                .labels
                .iter()
                .all(|l| l.edits_allowed == EditsAllowed::None)
        {
            JobKind::Verification
        } else {
            JobKind::Adjustment
        }
    }

    /// The position of a label in `labels`, by name.
    pub fn label_index(&self, label: &str) -> Option<usize> {
        self.labels.iter().position(|l| l.label == label)
    }

    /// The label with this name.
    pub fn label(&self, label: &str) -> Option<&LabelCategory> {
        self.labels.iter().find(|l| l.label == label)
    }

    /// The attributes an annotation of `label` may carry: the global ones, then the label's own.
    pub fn attributes_of<'a>(
        &'a self,
        label: &'a LabelCategory,
    ) -> impl Iterator<Item = &'a AttributeSpec> + Clone + 'a {
        self.category_global_attributes
            .iter()
            .chain(label.category_attributes.iter())
    }

    /// The frame attribute with this name.
    pub fn frame_attribute(&self, name: &str) -> Option<&AttributeSpec> {
        self.frame_attributes.iter().find(|a| a.name == name)
    }
}
