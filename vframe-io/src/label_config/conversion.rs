//! Label configuration document <-> [`LabelCategoryConfig`], every problem collected.

use vframe_core::{
    AnnotationType, AttributeKind, AttributeSpec, EditsAllowed, Instructions, JsonPath,
    LabelCategory, LabelCategoryConfig, Limits, Problem,
};

use super::{AttributeDoc, InstructionsDoc, LabelConfigDoc, LabelDoc};
use crate::sequence_file::JsonNumber;

const TOP_KEYS: [&str; 7] = [
    "documentVersion",
    "frameAttributes",
    "categoryGlobalAttributes",
    "labels",
    "annotationType",
    "instructions",
    "auditLabelAttributeName",
];
const LABEL_KEYS: [&str; 3] = ["label", "categoryAttributes", "editsAllowed"];
const ATTRIBUTE_KEYS: [&str; 8] = [
    "name",
    "type",
    "enum",
    "description",
    "minimum",
    "maximum",
    "editsAllowed",
    "isRequired",
];

impl LabelConfigDoc {
    /// The configuration this file describes, and every problem that keeps Ground Truth
    /// from reading it the same way, each at its JSON path: missing or unknown `type`,
    /// `enum` on a number, a number without `minimum`/`maximum`, an unknown
    /// `annotationType` or `editsAllowed` value, misspelled keys, and the spellings of other
    /// formats (`document-version`, a label's `attributes`).
    ///
    /// The configuration is built from everything usable, so one mistake does not hide the
    /// others; quotas are checked separately by [`LabelConfigDoc::check`].
    ///
    /// ```
    /// use vframe_io::label_config::LabelConfigDoc;
    /// let doc = LabelConfigDoc::from_json(r#"{"labels":[{"label":"car","categoryAttributes":[
    ///     {"name":"count","type":"number"}]}],"annotationTyp":"Polygon"}"#)?;
    /// let (_, problems) = doc.to_config();
    /// let found: Vec<_> = problems.iter().map(|p| p.to_string()).collect();
    /// assert_eq!(found, [
    ///     "labels[0].categoryAttributes[0]: a number attribute needs \"minimum\" and \"maximum\"",
    ///     "annotationTyp: unknown key; did you mean \"annotationType\"?",
    /// ]);
    /// # Ok::<(), vframe_io::IoError>(())
    /// ```
    pub fn to_config(&self) -> (LabelCategoryConfig, Vec<Problem>) {
        let mut p = Vec::new();
        let root = JsonPath::root();
        let list = |list: &Option<Vec<AttributeDoc>>, path: JsonPath, p: &mut Vec<Problem>| {
            list.iter()
                .flatten()
                .enumerate()
                .filter_map(|(i, a)| attribute(a, path.clone().index(i), p))
                .collect::<Vec<_>>()
        };
        let frame_attributes = list(
            &self.frame_attributes,
            root.clone().key("frameAttributes"),
            &mut p,
        );
        let global = list(
            &self.category_global_attributes,
            root.clone().key("categoryGlobalAttributes"),
            &mut p,
        );
        let mut labels = Vec::new();
        match &self.labels {
            None => p.push(Problem::config(
                root.clone().key("labels"),
                "config.labels_missing",
                "missing; a configuration needs \"labels\"",
            )),
            Some(docs) => {
                for (i, l) in docs.iter().enumerate() {
                    if let Some(label) = label(l, root.clone().key("labels").index(i), &mut p) {
                        labels.push(label);
                    }
                }
            }
        }
        let annotation_type = match &self.annotation_type {
            None => AnnotationType::BoundingBox,
            Some(s) => s.parse().unwrap_or_else(|e: String| {
                p.push(Problem::config(
                    root.clone().key("annotationType"),
                    "config.annotation_type",
                    e,
                ));
                AnnotationType::BoundingBox
            }),
        };
        let instructions = self
            .instructions
            .as_ref()
            .and_then(|i| instructions(i, root.clone().key("instructions"), &mut p));
        unknown_keys(
            &self
                .unknown
                .iter()
                .map(|(k, _)| k.as_str())
                .collect::<Vec<_>>(),
            &TOP_KEYS,
            &root,
            &mut p,
        );
        let config = LabelCategoryConfig {
            document_version: self.document_version.clone(),
            labels,
            category_global_attributes: global,
            frame_attributes,
            annotation_type,
            instructions,
            audit_label_attribute_name: self.audit_label_attribute_name.clone(),
        };
        (config, p)
    }

    /// Every problem: those of [`LabelConfigDoc::to_config`], then the quotas of
    /// [`LabelCategoryConfig::validate`].
    pub fn check(&self, limits: &Limits) -> Vec<Problem> {
        let (config, mut problems) = self.to_config();
        problems.extend(config.validate(limits));
        problems
    }

    /// The document for a configuration, keys in the docs' order; defaults
    /// (`editsAllowed: "any"`, `isRequired: false`) and empty attribute lists are left out.
    pub fn from_config(config: &LabelCategoryConfig) -> Self {
        let list = |attrs: &[AttributeSpec]| {
            (!attrs.is_empty()).then(|| attrs.iter().map(attribute_doc).collect())
        };
        Self {
            document_version: config.document_version.clone(),
            frame_attributes: list(&config.frame_attributes),
            category_global_attributes: list(&config.category_global_attributes),
            labels: Some(
                config
                    .labels
                    .iter()
                    .map(|l| LabelDoc {
                        label: Some(l.label.clone()),
                        edits_allowed: edits_doc(l.edits_allowed),
                        category_attributes: list(&l.category_attributes),
                        ..LabelDoc::default()
                    })
                    .collect(),
            ),
            annotation_type: Some(config.annotation_type.as_str().to_owned()),
            instructions: config.instructions.as_ref().map(|i| InstructionsDoc {
                short_instruction: Some(i.short.clone()),
                full_instruction: Some(i.full.clone()),
                ..InstructionsDoc::default()
            }),
            audit_label_attribute_name: config.audit_label_attribute_name.clone(),
            ..Self::default()
        }
    }
}

fn edits_doc(e: EditsAllowed) -> Option<String> {
    (e != EditsAllowed::Any).then(|| e.as_str().to_owned())
}

fn attribute_doc(a: &AttributeSpec) -> AttributeDoc {
    let (attribute_type, enum_values, minimum, maximum) = match &a.kind {
        AttributeKind::Choice { values } => ("string", Some(values.clone()), None, None),
        AttributeKind::FreeText => ("string", None, None, None),
        AttributeKind::Number { minimum, maximum } => (
            "number",
            None,
            JsonNumber::from_f64(*minimum),
            JsonNumber::from_f64(*maximum),
        ),
    };
    AttributeDoc {
        name: Some(a.name.clone()),
        description: a.description.clone(),
        attribute_type: Some(attribute_type.to_owned()),
        enum_values,
        minimum,
        maximum,
        edits_allowed: edits_doc(a.edits_allowed),
        is_required: a.is_required.then_some(true),
        ..AttributeDoc::default()
    }
}

fn edits(value: &Option<String>, path: JsonPath, p: &mut Vec<Problem>) -> EditsAllowed {
    match value.as_deref() {
        None | Some("any") => EditsAllowed::Any,
        Some("none") => EditsAllowed::None,
        Some(other) => {
            p.push(Problem::config(
                path,
                "config.edits_allowed",
                format!("{other:?}; expected \"any\" or \"none\""),
            ));
            EditsAllowed::Any
        }
    }
}

fn label(l: &LabelDoc, path: JsonPath, p: &mut Vec<Problem>) -> Option<LabelCategory> {
    let mut attrs = Vec::new();
    let mut add = |list: &Option<Vec<AttributeDoc>>, key: &str, p: &mut Vec<Problem>| {
        for (i, a) in list.iter().flatten().enumerate() {
            if let Some(spec) = attribute(a, path.clone().key(key).index(i), p) {
                attrs.push(spec);
            }
        }
    };
    add(&l.category_attributes, "categoryAttributes", p);
    if l.attributes.is_some() {
        p.push(Problem::config(
            path.clone().key("attributes"),
            "config.label_attributes_key",
            "\"attributes\" is not a documented key (seen in one 2020 configuration; whether Ground Truth honours it is unknown); use \"categoryAttributes\"",
        ));
        add(&l.attributes, "attributes", p);
    }
    let edits_allowed = edits(&l.edits_allowed, path.clone().key("editsAllowed"), p);
    unknown_keys(
        &l.unknown
            .iter()
            .map(|(k, _)| k.as_str())
            .collect::<Vec<_>>(),
        &LABEL_KEYS,
        &path,
        p,
    );
    let Some(name) = &l.label else {
        p.push(Problem::config(
            path.key("label"),
            "config.label_missing",
            "missing; every entry of labels needs \"label\"",
        ));
        return None;
    };
    Some(LabelCategory {
        label: name.clone(),
        category_attributes: attrs,
        edits_allowed,
    })
}

fn attribute(a: &AttributeDoc, path: JsonPath, p: &mut Vec<Problem>) -> Option<AttributeSpec> {
    unknown_keys(
        &a.unknown
            .iter()
            .map(|(k, _)| k.as_str())
            .collect::<Vec<_>>(),
        &ATTRIBUTE_KEYS,
        &path,
        p,
    );
    let edits_allowed = edits(&a.edits_allowed, path.clone().key("editsAllowed"), p);
    let name = match &a.name {
        Some(n) => Some(n.clone()),
        None => {
            p.push(Problem::config(
                path.clone().key("name"),
                "attribute.name_missing",
                "missing; every attribute needs \"name\"",
            ));
            None
        }
    };
    let kind = match a.attribute_type.as_deref() {
        None => {
            p.push(Problem::config(
                path.clone().key("type"),
                "attribute.type_missing",
                "missing; expected \"string\" or \"number\"",
            ));
            None
        }
        Some("string") => {
            if a.minimum.is_some() || a.maximum.is_some() {
                p.push(Problem::config(
                    path.clone(),
                    "attribute.bounds_on_string",
                    "\"minimum\"/\"maximum\" belong to number attributes, not to \"type\": \"string\"",
                ));
            }
            Some(match &a.enum_values {
                Some(values) => AttributeKind::Choice {
                    values: values.clone(),
                },
                None => AttributeKind::FreeText,
            })
        }
        Some("number") => {
            if a.enum_values.is_some() {
                p.push(Problem::config(
                    path.clone().key("enum"),
                    "attribute.enum_on_number",
                    "\"enum\" is only allowed with \"type\": \"string\"",
                ));
            }
            match (&a.minimum, &a.maximum) {
                (Some(min), Some(max)) => Some(AttributeKind::Number {
                    minimum: min.to_f64(),
                    maximum: max.to_f64(),
                }),
                _ => {
                    p.push(Problem::config(
                        path.clone(),
                        "attribute.number_bounds",
                        "a number attribute needs \"minimum\" and \"maximum\"",
                    ));
                    None
                }
            }
        }
        Some(other) => {
            p.push(Problem::config(
                path.clone().key("type"),
                "attribute.type",
                format!("unknown type {other:?}; expected \"string\" or \"number\""),
            ));
            None
        }
    };
    Some(AttributeSpec {
        name: name?,
        description: a.description.clone(),
        kind: kind?,
        edits_allowed,
        is_required: a.is_required.unwrap_or(false),
    })
}

fn instructions(i: &InstructionsDoc, path: JsonPath, p: &mut Vec<Problem>) -> Option<Instructions> {
    unknown_keys(
        &i.unknown
            .iter()
            .map(|(k, _)| k.as_str())
            .collect::<Vec<_>>(),
        &["shortInstruction", "fullInstruction"],
        &path,
        p,
    );
    let mut get = |v: &Option<String>, key: &str| {
        if v.is_none() {
            p.push(Problem::config(
                path.clone().key(key),
                "instructions.missing",
                "missing; \"instructions\" needs both \"shortInstruction\" and \"fullInstruction\"",
            ));
        }
        v.clone()
    };
    let short = get(&i.short_instruction, "shortInstruction");
    let full = get(&i.full_instruction, "fullInstruction");
    Some(Instructions {
        short: short?,
        full: full?,
    })
}

/// Reports each unknown key; a near miss of a known key is named, and the keys of Ground
/// Truth's other label file (`document-version`) are recognised as such.
fn unknown_keys(keys: &[&str], known: &[&str], path: &JsonPath, p: &mut Vec<Problem>) {
    for key in keys {
        let at = path.clone().key(*key);
        if *key == "document-version" {
            p.push(Problem::config(
                at,
                "config.non_video_version",
                "\"document-version\" is the key of the label file of other (non-video) task types; video frame jobs use \"documentVersion\"",
            ));
            continue;
        }
        let near = known
            .iter()
            .find(|k| k.eq_ignore_ascii_case(key) || edit_distance(k, key) <= 2);
        let message = match near {
            Some(k) => format!("unknown key; did you mean {k:?}?"),
            None => "unknown key; Ground Truth does not document it".to_owned(),
        };
        p.push(Problem::config(at, "config.unknown_key", message));
    }
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev.last().copied().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edit_distance_counts_single_edits() {
        assert_eq!(edit_distance("annotationType", "annotationTyp"), 1);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("label", "label"), 0);
    }
}
