//! The label category configuration file as written.

use std::io::Write;

use serde_json::value::RawValue;
use vframe_core::JsonPath;

use crate::IoError;
use crate::members::{ObjectWriter, RawJson, Source, key_order, write_array};
use crate::sequence_file::{JsonNumber, position_of_byte};

/// The docs' key order (sms-label-cat-config-attributes.md examples).
const TOP_KEYS: [&str; 7] = [
    "documentVersion",
    "frameAttributes",
    "categoryGlobalAttributes",
    "labels",
    "annotationType",
    "instructions",
    "auditLabelAttributeName",
];
const LABEL_KEYS: [&str; 4] = ["label", "editsAllowed", "categoryAttributes", "attributes"];
const ATTRIBUTE_KEYS: [&str; 8] = [
    "name",
    "description",
    "type",
    "enum",
    "minimum",
    "maximum",
    "editsAllowed",
    "isRequired",
];
const INSTRUCTION_KEYS: [&str; 2] = ["shortInstruction", "fullInstruction"];

/// An attribute object (an entry of `frameAttributes`, `categoryGlobalAttributes` or
/// `categoryAttributes`), as written. Every documented key is optional here; the
/// conversion reports the ones that are missing.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct AttributeDoc {
    /// `name`.
    pub name: Option<String>,
    /// `description`.
    pub description: Option<String>,
    /// `type`: `"string"` or `"number"`.
    pub attribute_type: Option<String>,
    /// `enum`: the choices of a string attribute.
    pub enum_values: Option<Vec<String>>,
    /// `minimum` of a number attribute, as written.
    pub minimum: Option<JsonNumber>,
    /// `maximum` of a number attribute, as written.
    pub maximum: Option<JsonNumber>,
    /// `editsAllowed`: `"any"` or `"none"`.
    pub edits_allowed: Option<String>,
    /// `isRequired`.
    pub is_required: Option<bool>,
    /// Keys this library does not know, in file order.
    pub unknown: Vec<(String, RawJson)>,
    pub(crate) read_order: Vec<String>,
}

/// A label object (an entry of `labels`), as written.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct LabelDoc {
    /// `label`: the class name.
    pub label: Option<String>,
    /// `editsAllowed`.
    pub edits_allowed: Option<String>,
    /// `categoryAttributes`.
    pub category_attributes: Option<Vec<AttributeDoc>>,
    /// `attributes`: a per-label list seen in one real 2020 configuration instead of
    /// `categoryAttributes`; read, and reported by the conversion.
    pub attributes: Option<Vec<AttributeDoc>>,
    /// Keys this library does not know, in file order.
    pub unknown: Vec<(String, RawJson)>,
    pub(crate) read_order: Vec<String>,
}

/// `instructions`, as written.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct InstructionsDoc {
    /// `shortInstruction`.
    pub short_instruction: Option<String>,
    /// `fullInstruction`.
    pub full_instruction: Option<String>,
    /// Keys this library does not know, in file order.
    pub unknown: Vec<(String, RawJson)>,
    pub(crate) read_order: Vec<String>,
}

/// A label category configuration file, exactly as written.
///
/// Keys use the file's camelCase; unknown keys (and the non-video spelling
/// `document-version`) are kept in order and reported by [`LabelConfigDoc::to_config`].
///
/// ```
/// use vframe_io::label_config::LabelConfigDoc;
/// let text = r#"{"documentVersion":"2020-03-01","labels":[{"label":"car"}],"annotationType":"Polygon"}"#;
/// let doc = LabelConfigDoc::from_json(text)?;
/// assert_eq!(doc.to_json_string(), text);
/// let (config, problems) = doc.to_config();
/// assert!(problems.is_empty());
/// assert_eq!(config.labels[0].label, "car");
/// # Ok::<(), vframe_io::IoError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Default)]
pub struct LabelConfigDoc {
    /// `documentVersion` (ambiguity A3: not in the schema table, in every example).
    pub document_version: Option<String>,
    /// `frameAttributes`.
    pub frame_attributes: Option<Vec<AttributeDoc>>,
    /// `categoryGlobalAttributes`.
    pub category_global_attributes: Option<Vec<AttributeDoc>>,
    /// `labels`.
    pub labels: Option<Vec<LabelDoc>>,
    /// `annotationType`.
    pub annotation_type: Option<String>,
    /// `instructions`.
    pub instructions: Option<InstructionsDoc>,
    /// `auditLabelAttributeName`.
    pub audit_label_attribute_name: Option<String>,
    /// Keys this library does not know, in file order.
    pub unknown: Vec<(String, RawJson)>,
    pub(crate) read_order: Vec<String>,
}

impl LabelConfigDoc {
    /// Reads a configuration from JSON text; errors carry line, column and JSON path.
    pub fn from_json(text: &str) -> Result<Self, IoError> {
        let src = Source::new(text, 1);
        read_config(&src, src.root()?)
    }

    /// Reads a configuration from bytes (UTF-8).
    pub fn from_slice(bytes: &[u8]) -> Result<Self, IoError> {
        let text = std::str::from_utf8(bytes).map_err(|e| IoError::Syntax {
            position: position_of_byte(bytes, e.valid_up_to()),
            message: "not UTF-8 text".to_owned(),
        })?;
        Self::from_json(text)
    }

    fn has(&self, key: &str) -> bool {
        match key {
            "documentVersion" => self.document_version.is_some(),
            "frameAttributes" => self.frame_attributes.is_some(),
            "categoryGlobalAttributes" => self.category_global_attributes.is_some(),
            "labels" => self.labels.is_some(),
            "annotationType" => self.annotation_type.is_some(),
            "instructions" => self.instructions.is_some(),
            "auditLabelAttributeName" => self.audit_label_attribute_name.is_some(),
            other => self.unknown.iter().any(|(k, _)| k == other),
        }
    }

    /// Writes the compact document: keys in the order read, new keys in the docs' order.
    pub fn write_to<W: Write + ?Sized>(&self, w: &mut W) -> std::io::Result<()> {
        let mut obj = ObjectWriter::open(w)?;
        for key in key_order(&self.read_order, &TOP_KEYS, |k| self.has(k), &self.unknown) {
            match key {
                "documentVersion" => opt_string(&mut obj, key, &self.document_version)?,
                "frameAttributes" => attribute_list(&mut obj, key, &self.frame_attributes)?,
                "categoryGlobalAttributes" => {
                    attribute_list(&mut obj, key, &self.category_global_attributes)?
                }
                "labels" => {
                    if let Some(labels) = &self.labels {
                        write_array(obj.key(key)?, labels, |w, l| write_label(w, l))?;
                    }
                }
                "annotationType" => opt_string(&mut obj, key, &self.annotation_type)?,
                "instructions" => {
                    if let Some(ins) = &self.instructions {
                        write_instructions(obj.key(key)?, ins)?;
                    }
                }
                "auditLabelAttributeName" => {
                    opt_string(&mut obj, key, &self.audit_label_attribute_name)?
                }
                other => unknown(&mut obj, other, &self.unknown)?,
            }
        }
        obj.close()
    }

    /// The compact JSON text.
    pub fn to_json_string(&self) -> String {
        let mut out = Vec::new();
        let _ = self.write_to(&mut out);
        String::from_utf8(out).unwrap_or_default()
    }
}

fn opt_string<W: Write + ?Sized>(
    obj: &mut ObjectWriter<'_, W>,
    key: &str,
    v: &Option<String>,
) -> std::io::Result<()> {
    match v {
        Some(s) => obj.string(key, s),
        None => Ok(()),
    }
}

fn unknown<W: Write + ?Sized>(
    obj: &mut ObjectWriter<'_, W>,
    key: &str,
    unknown: &[(String, RawJson)],
) -> std::io::Result<()> {
    match unknown.iter().find(|(k, _)| k == key) {
        Some((_, v)) => obj.raw(key, v.get()),
        None => Ok(()),
    }
}

fn attribute_list<W: Write + ?Sized>(
    obj: &mut ObjectWriter<'_, W>,
    key: &str,
    list: &Option<Vec<AttributeDoc>>,
) -> std::io::Result<()> {
    match list {
        Some(list) => write_array(obj.key(key)?, list, |w, a| write_attribute(w, a)),
        None => Ok(()),
    }
}

fn write_label<W: Write + ?Sized>(w: &mut W, l: &LabelDoc) -> std::io::Result<()> {
    let has = |k: &str| match k {
        "label" => l.label.is_some(),
        "editsAllowed" => l.edits_allowed.is_some(),
        "categoryAttributes" => l.category_attributes.is_some(),
        "attributes" => l.attributes.is_some(),
        other => l.unknown.iter().any(|(k, _)| k == other),
    };
    let mut obj = ObjectWriter::open(w)?;
    for key in key_order(&l.read_order, &LABEL_KEYS, has, &l.unknown) {
        match key {
            "label" => opt_string(&mut obj, key, &l.label)?,
            "editsAllowed" => opt_string(&mut obj, key, &l.edits_allowed)?,
            "categoryAttributes" => attribute_list(&mut obj, key, &l.category_attributes)?,
            "attributes" => attribute_list(&mut obj, key, &l.attributes)?,
            other => unknown(&mut obj, other, &l.unknown)?,
        }
    }
    obj.close()
}

fn write_attribute<W: Write + ?Sized>(w: &mut W, a: &AttributeDoc) -> std::io::Result<()> {
    let has = |k: &str| match k {
        "name" => a.name.is_some(),
        "description" => a.description.is_some(),
        "type" => a.attribute_type.is_some(),
        "enum" => a.enum_values.is_some(),
        "minimum" => a.minimum.is_some(),
        "maximum" => a.maximum.is_some(),
        "editsAllowed" => a.edits_allowed.is_some(),
        "isRequired" => a.is_required.is_some(),
        other => a.unknown.iter().any(|(k, _)| k == other),
    };
    let mut obj = ObjectWriter::open(w)?;
    for key in key_order(&a.read_order, &ATTRIBUTE_KEYS, has, &a.unknown) {
        match key {
            "name" => opt_string(&mut obj, key, &a.name)?,
            "description" => opt_string(&mut obj, key, &a.description)?,
            "type" => opt_string(&mut obj, key, &a.attribute_type)?,
            "enum" => {
                if let Some(values) = &a.enum_values {
                    write_array(obj.key(key)?, values, |w, v| {
                        crate::members::write_string(w, v)
                    })?;
                }
            }
            "minimum" => {
                if let Some(n) = &a.minimum {
                    obj.raw(key, n.as_str())?;
                }
            }
            "maximum" => {
                if let Some(n) = &a.maximum {
                    obj.raw(key, n.as_str())?;
                }
            }
            "editsAllowed" => opt_string(&mut obj, key, &a.edits_allowed)?,
            "isRequired" => {
                if let Some(b) = a.is_required {
                    obj.raw(key, if b { "true" } else { "false" })?;
                }
            }
            other => unknown(&mut obj, other, &a.unknown)?,
        }
    }
    obj.close()
}

fn write_instructions<W: Write + ?Sized>(w: &mut W, i: &InstructionsDoc) -> std::io::Result<()> {
    let has = |k: &str| match k {
        "shortInstruction" => i.short_instruction.is_some(),
        "fullInstruction" => i.full_instruction.is_some(),
        other => i.unknown.iter().any(|(k, _)| k == other),
    };
    let mut obj = ObjectWriter::open(w)?;
    for key in key_order(&i.read_order, &INSTRUCTION_KEYS, has, &i.unknown) {
        match key {
            "shortInstruction" => opt_string(&mut obj, key, &i.short_instruction)?,
            "fullInstruction" => opt_string(&mut obj, key, &i.full_instruction)?,
            other => unknown(&mut obj, other, &i.unknown)?,
        }
    }
    obj.close()
}

fn read_config(src: &Source<'_>, raw: &RawValue) -> Result<LabelConfigDoc, IoError> {
    let root = JsonPath::root();
    let mut doc = LabelConfigDoc::default();
    for (key, value) in src.members(raw, &root)? {
        let at = root.clone().key(key.clone());
        match key.as_str() {
            "documentVersion" => doc.document_version = Some(src.string(value, &at)?),
            "frameAttributes" => doc.frame_attributes = Some(read_attributes(src, value, &at)?),
            "categoryGlobalAttributes" => {
                doc.category_global_attributes = Some(read_attributes(src, value, &at)?)
            }
            "labels" => {
                let mut labels = Vec::new();
                for (i, item) in src.items(value, &at)?.into_iter().enumerate() {
                    labels.push(read_label(src, item, &at.clone().index(i))?);
                }
                doc.labels = Some(labels);
            }
            "annotationType" => doc.annotation_type = Some(src.string(value, &at)?),
            "instructions" => doc.instructions = Some(read_instructions(src, value, &at)?),
            "auditLabelAttributeName" => {
                doc.audit_label_attribute_name = Some(src.string(value, &at)?)
            }
            _ => doc
                .unknown
                .push((key.clone(), RawJson::from_borrowed(value))),
        }
        doc.read_order.push(key);
    }
    Ok(doc)
}

fn read_attributes(
    src: &Source<'_>,
    raw: &RawValue,
    path: &JsonPath,
) -> Result<Vec<AttributeDoc>, IoError> {
    let mut out = Vec::new();
    for (i, item) in src.items(raw, path)?.into_iter().enumerate() {
        out.push(read_attribute(src, item, &path.clone().index(i))?);
    }
    Ok(out)
}

fn read_label(src: &Source<'_>, raw: &RawValue, path: &JsonPath) -> Result<LabelDoc, IoError> {
    let mut doc = LabelDoc::default();
    for (key, value) in src.members(raw, path)? {
        let at = path.clone().key(key.clone());
        match key.as_str() {
            "label" => doc.label = Some(src.string(value, &at)?),
            "editsAllowed" => doc.edits_allowed = Some(src.string(value, &at)?),
            "categoryAttributes" => {
                doc.category_attributes = Some(read_attributes(src, value, &at)?)
            }
            "attributes" => doc.attributes = Some(read_attributes(src, value, &at)?),
            _ => doc
                .unknown
                .push((key.clone(), RawJson::from_borrowed(value))),
        }
        doc.read_order.push(key);
    }
    Ok(doc)
}

fn number(src: &Source<'_>, raw: &RawValue, path: &JsonPath) -> Result<JsonNumber, IoError> {
    src.expect(raw, path, crate::members::Kind::Number)?;
    JsonNumber::parse(raw.get())
        .ok_or_else(|| src.schema(raw, path, format!("expected a number, found {}", raw.get())))
}

fn read_attribute(
    src: &Source<'_>,
    raw: &RawValue,
    path: &JsonPath,
) -> Result<AttributeDoc, IoError> {
    let mut doc = AttributeDoc::default();
    for (key, value) in src.members(raw, path)? {
        let at = path.clone().key(key.clone());
        match key.as_str() {
            "name" => doc.name = Some(src.string(value, &at)?),
            "description" => doc.description = Some(src.string(value, &at)?),
            "type" => doc.attribute_type = Some(src.string(value, &at)?),
            "enum" => doc.enum_values = Some(src.strings(value, &at)?),
            "minimum" => doc.minimum = Some(number(src, value, &at)?),
            "maximum" => doc.maximum = Some(number(src, value, &at)?),
            "editsAllowed" => doc.edits_allowed = Some(src.string(value, &at)?),
            "isRequired" => doc.is_required = Some(src.boolean(value, &at)?),
            _ => doc
                .unknown
                .push((key.clone(), RawJson::from_borrowed(value))),
        }
        doc.read_order.push(key);
    }
    Ok(doc)
}

fn read_instructions(
    src: &Source<'_>,
    raw: &RawValue,
    path: &JsonPath,
) -> Result<InstructionsDoc, IoError> {
    let mut doc = InstructionsDoc::default();
    for (key, value) in src.members(raw, path)? {
        let at = path.clone().key(key.clone());
        match key.as_str() {
            "shortInstruction" => doc.short_instruction = Some(src.string(value, &at)?),
            "fullInstruction" => doc.full_instruction = Some(src.string(value, &at)?),
            _ => doc
                .unknown
                .push((key.clone(), RawJson::from_borrowed(value))),
        }
        doc.read_order.push(key);
    }
    Ok(doc)
}
