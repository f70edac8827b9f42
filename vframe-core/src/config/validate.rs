//! Every rule Ground Truth applies to a label category configuration, checked at once.

use std::collections::HashSet;

use super::{AttributeKind, AttributeSpec, LabelCategoryConfig};
use crate::{JsonPath, Limits, Problem};

fn chars(s: &str) -> usize {
    s.chars().count()
}

impl LabelCategoryConfig {
    /// Every quota and structural rule this configuration breaks, each with the JSON path of
    /// the value at fault. Empty when Ground Truth would accept it.
    ///
    /// Attribute names must be unique among the attributes one annotation can carry (the
    /// global ones plus its label's own) and among the frame attributes; a label attribute
    /// and a frame attribute may share a name (our reading of ambiguity A24, see
    /// `docs/ground-truth-format.md`).
    pub fn validate(&self, limits: &Limits) -> Vec<Problem> {
        let mut problems = Vec::new();
        let root = JsonPath::root();

        if self.labels.len() < limits.min_labels || self.labels.len() > limits.max_labels {
            problems.push(Problem::config(
                root.clone().key("labels"),
                "labels.count",
                format!(
                    "{} labels, expected {} to {}",
                    self.labels.len(),
                    limits.min_labels,
                    limits.max_labels
                ),
            ));
        }

        let global_path = root.clone().key("categoryGlobalAttributes");
        check_attribute_list(
            &self.category_global_attributes,
            &global_path,
            AttributeScope::Label,
            limits,
            &mut problems,
        );

        let mut seen_labels = HashSet::new();
        for (i, label) in self.labels.iter().enumerate() {
            let path = root.clone().key("labels").index(i);
            let n = chars(&label.label);
            if n == 0 || n > limits.max_label_name_chars {
                problems.push(Problem::config(
                    path.clone().key("label"),
                    "label.name_length",
                    format!(
                        "label name has {n} characters, {}",
                        expect_range(1, limits.max_label_name_chars)
                    ),
                ));
            }
            if !seen_labels.insert(label.label.as_str()) {
                problems.push(Problem::config(
                    path.clone().key("label"),
                    "label.duplicate",
                    format!(
                        "label {:?} is listed twice; label names must be unique",
                        label.label
                    ),
                ));
            }

            let own_path = path.clone().key("categoryAttributes");
            check_attribute_list(
                &label.category_attributes,
                &own_path,
                AttributeScope::Label,
                limits,
                &mut problems,
            );
            for (j, attr) in label.category_attributes.iter().enumerate() {
                if self
                    .category_global_attributes
                    .iter()
                    .any(|g| g.name == attr.name)
                {
                    problems.push(Problem::config(
                        own_path.clone().index(j).key("name"),
                        "attribute.duplicate",
                        format!(
                            "attribute {:?} has the name of a global attribute; a label's attributes and the global ones must have different names",
                            attr.name
                        ),
                    ));
                }
            }
            let all: Vec<&AttributeSpec> = self.attributes_of(label).collect();
            if all.len() > limits.max_label_attributes {
                problems.push(Problem::config(
                    own_path.clone(),
                    "label.attribute_count",
                    format!(
                        "label {:?} has {} label category attributes counting the {} global ones, at most {} are allowed",
                        label.label,
                        all.len(),
                        self.category_global_attributes.len(),
                        limits.max_label_attributes
                    ),
                ));
            }
            let free = all.iter().filter(|a| a.kind.is_free_text()).count();
            if free > limits.max_label_free_text_attributes {
                problems.push(Problem::config(
                    own_path,
                    "label.free_text_count",
                    format!(
                        "label {:?} has {free} free-text attributes counting the global ones, at most {} are allowed",
                        label.label, limits.max_label_free_text_attributes
                    ),
                ));
            }
        }

        let frame_path = root.clone().key("frameAttributes");
        check_attribute_list(
            &self.frame_attributes,
            &frame_path,
            AttributeScope::Frame,
            limits,
            &mut problems,
        );
        if self.frame_attributes.len() > limits.max_frame_attributes {
            problems.push(Problem::config(
                frame_path.clone(),
                "frame.attribute_count",
                format!(
                    "{} frame attributes, at most {} are allowed",
                    self.frame_attributes.len(),
                    limits.max_frame_attributes
                ),
            ));
        }
        let free = self
            .frame_attributes
            .iter()
            .filter(|a| a.kind.is_free_text())
            .count();
        if free > limits.max_frame_free_text_attributes {
            problems.push(Problem::config(
                frame_path,
                "frame.free_text_count",
                format!(
                    "{free} free-text frame attributes, at most {} are allowed",
                    limits.max_frame_free_text_attributes
                ),
            ));
        }

        if let Some(ins) = &self.instructions {
            let path = root.clone().key("instructions");
            for (key, text, under) in [
                (
                    "shortInstruction",
                    &ins.short,
                    limits.short_instruction_chars_under,
                ),
                (
                    "fullInstruction",
                    &ins.full,
                    limits.full_instruction_chars_under,
                ),
            ] {
                let n = chars(text);
                if n >= under {
                    problems.push(Problem::config(
                        path.clone().key(key),
                        "instructions.length",
                        format!("{n} characters, expected fewer than {under}"),
                    ));
                }
            }
        }

        if let Some(name) = &self.audit_label_attribute_name {
            let path = root.key("auditLabelAttributeName");
            if name.is_empty() {
                problems.push(Problem::config(
                    path,
                    "audit.empty",
                    "empty; expected the label attribute name of the audited job",
                ));
            } else if name.ends_with("-metadata") || name == "source" || name == "source-ref" {
                problems.push(Problem::config(
                    path,
                    "audit.reserved",
                    format!(
                        "{name:?} cannot be a label attribute name (reserved, or ends with \"-metadata\")"
                    ),
                ));
            }
        }
        problems
    }
}

#[derive(Clone, Copy, PartialEq)]
enum AttributeScope {
    Label,
    Frame,
}

fn expect_range(min: usize, max: usize) -> String {
    if max == usize::MAX {
        format!("at least {min} expected")
    } else if min == 0 {
        format!("at most {max} are allowed")
    } else {
        format!("{min} to {max} expected")
    }
}

fn check_attribute_list(
    attrs: &[AttributeSpec],
    path: &JsonPath,
    scope: AttributeScope,
    limits: &Limits,
    problems: &mut Vec<Problem>,
) {
    let mut seen = HashSet::new();
    for (j, attr) in attrs.iter().enumerate() {
        let at = path.clone().index(j);
        let n = chars(&attr.name);
        if n == 0 || n > limits.max_attribute_name_chars {
            problems.push(Problem::config(
                at.clone().key("name"),
                "attribute.name_length",
                format!(
                    "attribute name has {n} characters, {}",
                    expect_range(1, limits.max_attribute_name_chars)
                ),
            ));
        }
        if !seen.insert(attr.name.as_str()) {
            problems.push(Problem::config(
                at.clone().key("name"),
                "attribute.duplicate",
                format!("attribute {:?} is listed twice in this list", attr.name),
            ));
        }
        match &attr.description {
            Some(d) if chars(d) > limits.max_attribute_description_chars => {
                problems.push(Problem::config(
                    at.clone().key("description"),
                    "attribute.description_length",
                    format!(
                        "description has {} characters, at most {} are allowed",
                        chars(d),
                        limits.max_attribute_description_chars
                    ),
                ))
            }
            None if scope == AttributeScope::Frame => problems.push(Problem::config(
                at.clone().key("description"),
                "attribute.description_missing",
                "frame attributes need a description",
            )),
            _ => {}
        }
        match &attr.kind {
            AttributeKind::Choice { values } => {
                if values.is_empty() || values.len() > limits.max_enum_values {
                    problems.push(Problem::config(
                        at.clone().key("enum"),
                        "attribute.enum_count",
                        format!(
                            "{} values, {}",
                            values.len(),
                            expect_range(1, limits.max_enum_values)
                        ),
                    ));
                }
                let mut seen_values = HashSet::new();
                for (k, v) in values.iter().enumerate() {
                    let n = chars(v);
                    if n == 0 || n > limits.max_enum_value_chars {
                        problems.push(Problem::config(
                            at.clone().key("enum").index(k),
                            "attribute.enum_value_length",
                            format!(
                                "value has {n} characters, {}",
                                expect_range(1, limits.max_enum_value_chars)
                            ),
                        ));
                    }
                    if !seen_values.insert(v.as_str()) {
                        problems.push(Problem::config(
                            at.clone().key("enum").index(k),
                            "attribute.enum_duplicate",
                            format!("value {v:?} is listed twice"),
                        ));
                    }
                }
            }
            AttributeKind::Number { minimum, maximum } => {
                if !minimum.is_finite() || !maximum.is_finite() || minimum > maximum {
                    problems.push(Problem::config(
                        at.clone(),
                        "attribute.bounds",
                        format!(
                            "minimum {minimum} and maximum {maximum}: expected finite bounds with minimum <= maximum"
                        ),
                    ));
                }
            }
            AttributeKind::FreeText => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{AttributeSpec, Instructions, LabelCategory};

    fn codes(c: &LabelCategoryConfig) -> Vec<(String, &'static str)> {
        c.validate(&Limits::default())
            .into_iter()
            .map(|p| {
                let crate::Location::Config(path) = p.location else {
                    panic!("config problems are located by path")
                };
                (path.to_string(), p.code)
            })
            .collect()
    }

    #[test]
    fn no_labels_is_refused_at_labels() {
        let c = LabelCategoryConfig::new(vec![]);
        assert_eq!(codes(&c), vec![("labels".into(), "labels.count")]);
    }

    #[test]
    fn thirty_one_labels_are_refused_thirty_accepted() {
        let labels: Vec<_> = (0..31)
            .map(|i| LabelCategory::new(format!("l{i}")))
            .collect();
        let mut c = LabelCategoryConfig::new(labels);
        assert_eq!(codes(&c), vec![("labels".into(), "labels.count")]);
        c.labels.pop();
        assert!(codes(&c).is_empty());
    }

    #[test]
    fn seventeen_character_label_is_refused_unless_relaxed() {
        let c = LabelCategoryConfig::new(vec![LabelCategory::new("a".repeat(17))]);
        assert_eq!(
            codes(&c),
            vec![("labels[0].label".into(), "label.name_length")]
        );
        let relaxed = Limits {
            max_label_name_chars: 256,
            ..Limits::default()
        };
        assert!(c.validate(&relaxed).is_empty());
    }

    #[test]
    fn label_name_counts_characters_not_bytes() {
        let c = LabelCategoryConfig::new(vec![LabelCategory::new("é".repeat(16))]);
        assert!(codes(&c).is_empty());
    }

    #[test]
    fn duplicate_label_is_reported_on_the_second() {
        let c =
            LabelCategoryConfig::new(vec![LabelCategory::new("car"), LabelCategory::new("car")]);
        assert_eq!(
            codes(&c),
            vec![("labels[1].label".into(), "label.duplicate")]
        );
    }

    #[test]
    fn eleven_attributes_counting_globals_are_refused() {
        let mut c = LabelCategoryConfig::new(vec![LabelCategory::new("car")]);
        for i in 0..6 {
            c.category_global_attributes
                .push(AttributeSpec::choice(format!("g{i}"), &["a"]));
        }
        for i in 0..5 {
            c.labels[0]
                .category_attributes
                .push(AttributeSpec::choice(format!("o{i}"), &["a"]));
        }
        assert_eq!(
            codes(&c),
            vec![(
                "labels[0].categoryAttributes".into(),
                "label.attribute_count"
            )]
        );
    }

    #[test]
    fn six_free_text_attributes_are_refused() {
        let mut c = LabelCategoryConfig::new(vec![LabelCategory::new("car")]);
        for i in 0..6 {
            c.labels[0]
                .category_attributes
                .push(AttributeSpec::free_text(format!("t{i}")));
        }
        assert_eq!(
            codes(&c),
            vec![(
                "labels[0].categoryAttributes".into(),
                "label.free_text_count"
            )]
        );
    }

    #[test]
    fn frame_attribute_limits_and_description_requirement() {
        let mut c = LabelCategoryConfig::new(vec![LabelCategory::new("car")]);
        for i in 0..11 {
            let mut a = AttributeSpec::number(format!("n{i}"), 0.0, 1.0);
            a.description = Some("d".into());
            c.frame_attributes.push(a);
        }
        c.frame_attributes[3].description = None;
        assert_eq!(
            codes(&c),
            vec![
                (
                    "frameAttributes[3].description".into(),
                    "attribute.description_missing"
                ),
                ("frameAttributes".into(), "frame.attribute_count"),
            ]
        );
    }

    #[test]
    fn enum_quotas_and_number_bounds() {
        let mut c = LabelCategoryConfig::new(vec![LabelCategory::new("car")]);
        let many: Vec<String> = (0..11).map(|i| format!("v{i}")).collect();
        let many: Vec<&str> = many.iter().map(String::as_str).collect();
        c.category_global_attributes
            .push(AttributeSpec::choice("many", &many));
        c.category_global_attributes
            .push(AttributeSpec::choice("long", &["seventeen-chars!!"]));
        c.category_global_attributes
            .push(AttributeSpec::number("n", 5.0, 1.0));
        c.category_global_attributes
            .push(AttributeSpec::choice("none", &[]));
        assert_eq!(
            codes(&c),
            vec![
                (
                    "categoryGlobalAttributes[0].enum".into(),
                    "attribute.enum_count"
                ),
                (
                    "categoryGlobalAttributes[1].enum[0]".into(),
                    "attribute.enum_value_length"
                ),
                ("categoryGlobalAttributes[2]".into(), "attribute.bounds"),
                (
                    "categoryGlobalAttributes[3].enum".into(),
                    "attribute.enum_count"
                ),
            ]
        );
    }

    #[test]
    fn label_attribute_may_not_shadow_a_global_one() {
        let mut c = LabelCategoryConfig::new(vec![LabelCategory::new("car")]);
        c.category_global_attributes
            .push(AttributeSpec::free_text("occluded"));
        c.labels[0]
            .category_attributes
            .push(AttributeSpec::free_text("occluded"));
        assert_eq!(
            codes(&c),
            vec![(
                "labels[0].categoryAttributes[0].name".into(),
                "attribute.duplicate"
            )]
        );
    }

    #[test]
    fn instructions_must_be_under_their_limits() {
        let mut c = LabelCategoryConfig::new(vec![LabelCategory::new("car")]);
        c.instructions = Some(Instructions {
            short: "s".repeat(255),
            full: "f".repeat(2047),
        });
        assert_eq!(
            codes(&c),
            vec![(
                "instructions.shortInstruction".into(),
                "instructions.length"
            )]
        );
    }

    #[test]
    fn audit_name_may_not_end_in_metadata() {
        let mut c = LabelCategoryConfig::new(vec![LabelCategory::new("car")]);
        c.audit_label_attribute_name = Some("x-metadata".into());
        assert_eq!(
            codes(&c),
            vec![("auditLabelAttributeName".into(), "audit.reserved")]
        );
    }

    #[test]
    fn job_kind_follows_audit_name_and_edits_allowed() {
        use crate::{EditsAllowed, JobKind};
        let mut c = LabelCategoryConfig::new(vec![LabelCategory::new("car")]);
        assert_eq!(c.job_kind(), JobKind::Labeling);
        c.audit_label_attribute_name = Some("prev-ref".into());
        assert_eq!(c.job_kind(), JobKind::Adjustment);
        c.labels[0].edits_allowed = EditsAllowed::None;
        assert_eq!(c.job_kind(), JobKind::Verification);
    }
}
