//! Reading a job output folder back into models.

use std::path::{Path, PathBuf};

use vframe_core::{JsonPath, SequenceLabels};

use super::layout::{output_manifest_path, relative_to_job_folder};
use crate::frames::check_frame_name;
use crate::manifest::{LabelAttribute, ManifestLine, read_manifest_file};
use crate::seq_label::read_seq_label_file;
use crate::{IoError, Position};

/// One sequence read back from a job output folder.
#[derive(Debug, Clone, PartialEq)]
pub struct ReadSequence {
    /// The line's number in `output.manifest` (1-based).
    pub line_number: usize,
    /// The whole output line.
    pub line: ManifestLine,
    /// The label attribute read, with its metadata.
    pub label_attribute: LabelAttribute,
    /// Where its `SeqLabel.json` was found.
    pub seq_label_path: PathBuf,
    /// The labels, with the class map of the metadata.
    pub labels: SequenceLabels,
}

/// Reads `<folder>/manifests/output/output.manifest` and, for every line, the labels of
/// the label attribute `name` (or, when `None`, of the line's last label attribute: the one
/// the job appended). The `SeqLabel.json` URI is mapped onto `folder` by its part below the
/// job folder (`annotations/consolidated-annotation/output/<n>/SeqLabel.json`).
pub fn read_job_output(folder: &Path, name: Option<&str>) -> Result<Vec<ReadSequence>, IoError> {
    let manifest = output_manifest_path(folder);
    let mut out = Vec::new();
    for record in read_manifest_file(&manifest)? {
        let at = |path: JsonPath, message: String| IoError::Schema {
            position: Position {
                line: Some(record.line_number),
                ..Position::default()
            }
            .in_file(&manifest),
            path,
            message,
        };
        let attrs = record.line.label_attributes_meaning().map_err(|problems| {
            let first = problems.first().map(|p| p.to_string()).unwrap_or_default();
            at(
                JsonPath::root(),
                format!("label attribute metadata: {first}"),
            )
        })?;
        let attr = match name {
            Some(n) => attrs.into_iter().find(|a| a.name == n),
            None => attrs.into_iter().last(),
        }
        .ok_or_else(|| {
            at(
                JsonPath::root(),
                match name {
                    Some(n) => format!("no label attribute {n:?} on this line"),
                    None => "no label attribute on this line".to_owned(),
                },
            )
        })?;
        let relative = relative_to_job_folder(&attr.labels_uri)
            .filter(|r| check_frame_name(r).is_ok())
            .ok_or_else(|| {
                at(
                    JsonPath::root().key(attr.name.clone()),
                    format!(
                        "{:?} is not inside a job output folder (…/annotations/consolidated-annotation/output/<n>/SeqLabel.json)",
                        attr.labels_uri
                    ),
                )
            })?;
        let mut path = folder.to_path_buf();
        path.extend(relative.split('/'));
        let mut labels = read_seq_label_file(&path)?
            .to_labels()
            .map_err(|e| e.in_file(&path))?;
        labels.set_class_map(attr.metadata.class_map.clone());
        out.push(ReadSequence {
            line_number: record.line_number,
            line: record.line,
            label_attribute: attr,
            seq_label_path: path,
            labels,
        });
    }
    Ok(out)
}
