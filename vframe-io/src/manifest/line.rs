//! One manifest line (input or output): every key in order, label attributes recognised.

use std::io::Write;

use serde_json::value::RawValue;
use vframe_core::{JsonPath, LabelMetadata, Problem};

use super::LabelMetadataDoc;
use crate::IoError;
use crate::members::{ObjectWriter, RawJson, Source};

/// The key every video frame manifest line needs: the sequence file's URI.
pub const SOURCE_REF: &str = "source-ref";

/// The suffix of a label attribute's metadata key.
pub const METADATA_SUFFIX: &str = "-metadata";

/// The value of one key of a manifest line.
#[derive(Debug, Clone, PartialEq)]
pub enum ManifestValue {
    /// Any JSON value, kept as compact text.
    Json(RawJson),
    /// The `-metadata` object of a label attribute, typed.
    LabelMetadata(LabelMetadataDoc),
}

impl ManifestValue {
    fn write_to<W: Write + ?Sized>(&self, w: &mut W) -> std::io::Result<()> {
        match self {
            ManifestValue::Json(raw) => w.write_all(raw.get().as_bytes()),
            ManifestValue::LabelMetadata(doc) => doc.write_to(w),
        }
    }
}

/// One label attribute of a line: `K` (the `SeqLabel.json` URI) and `K-metadata`.
#[derive(Debug, Clone, PartialEq)]
pub struct LabelAttributeDoc<'a> {
    /// The label attribute name `K`.
    pub name: &'a str,
    /// The value of `K`: the URI of the labels (`SeqLabel.json`).
    pub labels_uri: String,
    /// The value of `K-metadata`.
    pub metadata: &'a LabelMetadataDoc,
}

/// A label attribute in meaning: its name, where its labels are, and its metadata.
#[derive(Debug, Clone, PartialEq)]
pub struct LabelAttribute {
    /// The label attribute name (`LabelAttributeName` of the job), e.g. `cars-ref`.
    pub name: String,
    /// The URI of the `SeqLabel.json` holding the labels.
    pub labels_uri: String,
    /// What the metadata says.
    pub metadata: LabelMetadata,
}

/// One line of an input or output manifest, exactly as written.
///
/// Every key is kept in order; a key `K-metadata` holding an object next to a key `K` is a
/// label attribute's metadata and is typed ([`LabelMetadataDoc`]); every other value is kept as
/// compact raw JSON. An output line is an input line plus label attributes, so one type
/// serves both (an adjustment job's input line already holds the audited label attribute).
///
/// ```
/// use vframe_io::manifest::ManifestLine;
/// let line = ManifestLine::from_json(r#"{"source-ref": "s3://b/seq1.json", "note": [1, 2.0]}"#)?;
/// assert_eq!(line.source_ref(), "s3://b/seq1.json");
/// assert_eq!(line.to_json_string(), r#"{"source-ref":"s3://b/seq1.json","note":[1,2.0]}"#);
/// # Ok::<(), vframe_io::IoError>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct ManifestLine {
    members: Vec<(String, ManifestValue)>,
    source_ref: String,
}

impl ManifestLine {
    /// A line holding only `source-ref`.
    pub fn new(source_ref: impl Into<String>) -> Self {
        let source_ref = source_ref.into();
        Self {
            members: vec![(
                SOURCE_REF.to_owned(),
                ManifestValue::Json(RawJson::string(&source_ref)),
            )],
            source_ref,
        }
    }

    /// Reads one record from JSON text (one line, or one pretty-printed object as in the
    /// docs' examples). Errors are located in `text` from line 1.
    pub fn from_json(text: &str) -> Result<Self, IoError> {
        let src = Source::new(text, 1);
        Self::read(&src, src.root()?)
    }

    pub(crate) fn read(src: &Source<'_>, raw: &RawValue) -> Result<Self, IoError> {
        let members = src.members(raw, &JsonPath::root())?;
        Self::from_members(src, raw, &members)
    }

    /// The line from its members, already split by the caller (the reader needs them for
    /// the quota checks too, and a line is parsed once).
    pub(crate) fn from_members(
        src: &Source<'_>,
        raw: &RawValue,
        members: &[(String, &RawValue)],
    ) -> Result<Self, IoError> {
        let root = JsonPath::root();
        let keys: Vec<&str> = members.iter().map(|(k, _)| k.as_str()).collect();
        let mut source_ref = None;
        let mut out = Vec::with_capacity(members.len());
        for (key, value) in members {
            let path = root.clone().key(key.clone());
            if key == SOURCE_REF {
                source_ref = Some(src.string(value, &path)?);
            }
            let is_metadata = key
                .strip_suffix(METADATA_SUFFIX)
                .is_some_and(|k| keys.contains(&k))
                && LabelMetadataDoc::could_be(value);
            let v = if is_metadata {
                ManifestValue::LabelMetadata(LabelMetadataDoc::read(src, value, &path)?)
            } else {
                ManifestValue::Json(RawJson::from_borrowed(value))
            };
            out.push((key.clone(), v));
        }
        let source_ref = source_ref.ok_or_else(|| IoError::Schema {
            position: src.position(raw),
            path: root.key(SOURCE_REF),
            message: "missing; every video frame manifest line needs \"source-ref\" (the sequence file's S3 URI)".to_owned(),
        })?;
        Ok(Self {
            members: out,
            source_ref,
        })
    }

    /// The sequence file's URI.
    pub fn source_ref(&self) -> &str {
        &self.source_ref
    }

    /// Every key and value, in order.
    pub fn members(&self) -> &[(String, ManifestValue)] {
        &self.members
    }

    /// The value of `key`.
    pub fn get(&self, key: &str) -> Option<&ManifestValue> {
        self.members.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    /// Sets `key` to a JSON value: in place when the key exists, else at the end (Ground
    /// Truth overwrites an existing key the same way). `source-ref` must stay a string.
    pub fn set(&mut self, key: &str, value: ManifestValue) -> Result<(), IoError> {
        if key == SOURCE_REF {
            let s = match &value {
                ManifestValue::Json(raw) => raw.as_str(),
                ManifestValue::LabelMetadata(_) => None,
            };
            self.source_ref = s.ok_or_else(|| IoError::Schema {
                position: Default::default(),
                path: JsonPath::root().key(SOURCE_REF),
                message: "must be a string (the sequence file's S3 URI)".to_owned(),
            })?;
        }
        match self.members.iter_mut().find(|(k, _)| k == key) {
            Some((_, v)) => *v = value,
            None => self.members.push((key.to_owned(), value)),
        }
        Ok(())
    }

    /// Removes `key` (never `source-ref`) and returns its value.
    pub fn remove(&mut self, key: &str) -> Option<ManifestValue> {
        if key == SOURCE_REF {
            return None;
        }
        let i = self.members.iter().position(|(k, _)| k == key)?;
        Some(self.members.remove(i).1)
    }

    /// The label attributes of this line, in order: keys `K` holding a string whose
    /// `K-metadata` is typed metadata. An output line of an adjustment job has two or more.
    pub fn label_attributes(&self) -> Vec<LabelAttributeDoc<'_>> {
        let mut out = Vec::new();
        for (key, value) in &self.members {
            let ManifestValue::Json(raw) = value else {
                continue;
            };
            let meta_key = format!("{key}{METADATA_SUFFIX}");
            if let (Some(ManifestValue::LabelMetadata(metadata)), Some(labels_uri)) =
                (self.get(&meta_key), raw.as_str())
            {
                out.push(LabelAttributeDoc {
                    name: key,
                    labels_uri,
                    metadata,
                });
            }
        }
        out
    }

    /// The label attributes in meaning; problems are located by key. A pair whose `K` is
    /// not a string (image jobs write their labels inline) is a problem: video frame jobs
    /// point to a `SeqLabel.json`.
    pub fn label_attributes_meaning(&self) -> Result<Vec<LabelAttribute>, Vec<Problem>> {
        let mut out = Vec::new();
        let mut problems = Vec::new();
        for (key, value) in &self.members {
            let (Some(base), ManifestValue::LabelMetadata(metadata)) =
                (key.strip_suffix(METADATA_SUFFIX), value)
            else {
                continue;
            };
            let uri = match self.get(base) {
                Some(ManifestValue::Json(raw)) => {
                    let uri = raw.as_str();
                    if uri.is_none() {
                        problems.push(Problem::config(
                            JsonPath::root().key(base),
                            "manifest.label_uri",
                            format!(
                                "{} here; a video frame label attribute holds the URI of a SeqLabel.json (a string)",
                                raw.kind_name()
                            ),
                        ));
                    }
                    uri
                }
                _ => None,
            };
            match metadata.to_metadata() {
                Ok(metadata) => {
                    if let Some(labels_uri) = uri {
                        out.push(LabelAttribute {
                            name: base.to_owned(),
                            labels_uri,
                            metadata,
                        });
                    }
                }
                Err(ps) => {
                    let at = JsonPath::root().key(key.clone());
                    problems.extend(ps.into_iter().map(|mut p| {
                        if let vframe_core::Location::Config(path) = &p.location {
                            p.location = vframe_core::Location::Config(at.clone().join(path));
                        }
                        p
                    }));
                }
            }
        }
        if problems.is_empty() {
            Ok(out)
        } else {
            Err(problems)
        }
    }

    /// Adds (or overwrites in place) a label attribute: `K` = the labels' URI, then
    /// `K-metadata`, as Ground Truth appends them to an output line.
    pub fn set_label_attribute(
        &mut self,
        name: &str,
        labels_uri: &str,
        metadata: LabelMetadataDoc,
    ) {
        // Neither key is `source-ref` when the name is a valid label attribute name; if a
        // caller passes it anyway the string value keeps the line valid.
        let _ = self.set(name, ManifestValue::Json(RawJson::string(labels_uri)));
        let _ = self.set(
            &format!("{name}{METADATA_SUFFIX}"),
            ManifestValue::LabelMetadata(metadata),
        );
    }

    /// Writes the compact line without its line break.
    pub fn write_to<W: Write + ?Sized>(&self, w: &mut W) -> std::io::Result<()> {
        let mut obj = ObjectWriter::open(w)?;
        for (key, value) in &self.members {
            let out = obj.key(key)?;
            value.write_to(out)?;
        }
        obj.close()
    }

    /// The compact line, without its line break.
    pub fn to_json_string(&self) -> String {
        let mut out = Vec::new();
        let _ = self.write_to(&mut out);
        String::from_utf8(out).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_without_source_ref_is_refused() {
        let err = ManifestLine::from_json("{\"source\":\"text\"}").unwrap_err();
        assert!(
            err.to_string()
                .starts_with("<input>:1:1: source-ref: missing"),
            "{err}"
        );
    }

    #[test]
    fn source_ref_must_be_a_string() {
        let err = ManifestLine::from_json("{\"source-ref\":7}").unwrap_err();
        assert_eq!(
            err.to_string(),
            "<input>:1:15: source-ref: expected a string, found a number"
        );
    }

    #[test]
    fn a_metadata_key_without_partner_stays_raw() {
        let line = ManifestLine::from_json(r#"{"source-ref":"s","x-metadata":{"a":1}}"#).unwrap();
        assert!(matches!(
            line.get("x-metadata"),
            Some(ManifestValue::Json(_))
        ));
        assert!(line.label_attributes().is_empty());
    }

    #[test]
    fn setting_an_existing_label_attribute_overwrites_it_in_place() {
        let mut line = ManifestLine::from_json(
            r#"{"source-ref":"s","a-ref":"old","a-ref-metadata":{"type":"x"},"z":1}"#,
        )
        .unwrap();
        line.set_label_attribute("a-ref", "new", LabelMetadataDoc::default());
        assert_eq!(
            line.to_json_string(),
            r#"{"source-ref":"s","a-ref":"new","a-ref-metadata":{},"z":1}"#
        );
    }
}
