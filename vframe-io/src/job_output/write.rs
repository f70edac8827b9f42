//! Writing a complete job output folder from models.

use std::collections::BTreeSet;
use std::path::Path;

use vframe_core::{
    AdjustmentStatus, ClassMap, CreationDate, JobKind, JsonPath, LabelCategoryConfig,
    LabelMetadata, SequenceLabels,
};

use super::layout::{output_manifest_path, seq_label_path, seq_label_uri};
use crate::manifest::{LabelMetadataDoc, ManifestLine, write_manifest_file};
use crate::seq_label::{SeqLabelDoc, write_seq_label_file};
use crate::{IoError, Position};

/// What names and dates a job's output: the parts of `CreateLabelingJob` that show in the
/// files, and the creation date (passed in: libraries read no clock).
#[derive(Debug, Clone, PartialEq)]
pub struct JobOutputSpec {
    /// `S3OutputPath` of the job, e.g. `s3://bucket/output`.
    pub s3_output_path: String,
    /// The job's name, e.g. `Cars-2024` (written lower-cased in `job-name`, ambiguity A14).
    pub job_name: String,
    /// `LabelAttributeName`, e.g. `cars-ref` (must end with `-ref` for video jobs, A5).
    pub label_attribute_name: String,
    /// The job's configuration: class id N is its N-th label (ambiguity A13).
    pub config: LabelCategoryConfig,
    /// `creation-date` of every line.
    pub creation_date: CreationDate,
}

/// One sequence of a job: its input manifest line and its labels.
#[derive(Debug, Clone, PartialEq)]
pub struct JobSequence {
    /// The input line (with any earlier label attributes, for an audit job).
    pub input: ManifestLine,
    /// The labels.
    pub labels: SequenceLabels,
    /// `adjustment-status`; only audit jobs (adjustment, verification) may set it (A12).
    pub adjustment_status: Option<AdjustmentStatus>,
}

impl JobOutputSpec {
    /// The metadata of one sequence's labels: the classes it uses, named by the
    /// configuration.
    pub fn metadata_for(
        &self,
        labels: &SequenceLabels,
        adjustment_status: Option<AdjustmentStatus>,
    ) -> Result<LabelMetadata, IoError> {
        let used: BTreeSet<_> = labels.objects().iter().map(|o| o.class_id()).collect();
        let mut class_map = ClassMap::new();
        for id in used {
            let label = self.config.labels.get(id.0 as usize).ok_or_else(|| IoError::Schema {
                position: Position::default(),
                path: JsonPath::root().key("class-map").key(id.to_string()),
                message: format!(
                    "class id {id} has no label: the configuration has {} labels and class id N names the N-th",
                    self.config.labels.len()
                ),
            })?;
            class_map.insert(id, label.label.clone());
        }
        let mut meta = LabelMetadata::new(labels.task(), &self.job_name, self.creation_date);
        meta.class_map = class_map;
        meta.adjustment_status = adjustment_status;
        Ok(meta)
    }
}

/// Writes `<folder>/manifests/output/output.manifest` and one
/// `annotations/consolidated-annotation/output/<n>/SeqLabel.json` per sequence, as Ground
/// Truth would for this job; `folder` stands for `<S3OutputPath>/<job name>/`. Every file is
/// written atomically, the manifest last, so a reader never sees a manifest pointing at
/// labels that are not there. Returns the output lines.
///
/// Refused before anything is written: labels drawn with another tool than the
/// configuration's, a class id the configuration does not have, an `adjustment-status` on
/// a labeling job, or a label attribute name ending in `-metadata`.
pub fn write_job_output(
    folder: &Path,
    spec: &JobOutputSpec,
    sequences: &[JobSequence],
) -> Result<Vec<ManifestLine>, IoError> {
    let schema = |path: JsonPath, message: String| IoError::Schema {
        position: Position::default(),
        path,
        message,
    };
    let name = &spec.label_attribute_name;
    if name.is_empty() || name.ends_with("-metadata") || name == "source-ref" || name == "source" {
        return Err(schema(
            JsonPath::root().key(name.clone()),
            "not a usable label attribute name (empty, reserved, or ending in \"-metadata\")"
                .to_owned(),
        ));
    }
    let audit = spec.config.job_kind() != JobKind::Labeling;
    let mut lines = Vec::with_capacity(sequences.len());
    let mut docs = Vec::with_capacity(sequences.len());
    for (n, seq) in sequences.iter().enumerate() {
        let at = JsonPath::root().index(n);
        if seq.labels.annotation_type() != spec.config.annotation_type {
            return Err(schema(
                at,
                format!(
                    "sequence {n} has {} labels but the configuration's annotationType is {}",
                    seq.labels.annotation_type(),
                    spec.config.annotation_type
                ),
            ));
        }
        if seq.adjustment_status.is_some() && !audit {
            return Err(schema(
                at,
                format!(
                    "sequence {n} has an adjustment-status, which only audit jobs (with auditLabelAttributeName) write"
                ),
            ));
        }
        let meta = spec.metadata_for(&seq.labels, seq.adjustment_status)?;
        let doc = SeqLabelDoc::from_labels(&seq.labels)?;
        let mut line = seq.input.clone();
        line.set_label_attribute(
            name,
            &seq_label_uri(&spec.s3_output_path, &spec.job_name, n),
            LabelMetadataDoc::from_metadata(&meta),
        );
        lines.push(line);
        docs.push(doc);
    }
    for (n, doc) in docs.iter().enumerate() {
        let path = seq_label_path(folder, n);
        create_parent(&path)?;
        write_seq_label_file(&path, doc)?;
    }
    let manifest = output_manifest_path(folder);
    create_parent(&manifest)?;
    write_manifest_file(&manifest, &lines).map_err(|e| e.in_file(&manifest))?;
    Ok(lines)
}

fn create_parent(path: &Path) -> Result<(), IoError> {
    match path.parent() {
        Some(dir) => std::fs::create_dir_all(dir).map_err(|source| IoError::File {
            path: dir.to_path_buf(),
            source,
        }),
        None => Ok(()),
    }
}
