//! A Ground Truth job's output folder, written from models and read back.
//!
//! Layout (under `<S3OutputPath>/<job name>/`, here a local folder):
//! `manifests/output/output.manifest` and
//! `annotations/consolidated-annotation/output/<n>/SeqLabel.json`, `n` being the 0-based
//! line index. Users write one to pre-annotate an adjustment job (upload the folder, feed
//! the manifest as the audit job's input) or to test a pipeline without running a job.
//!
//! ```
//! use vframe_core::{AnnotationType, ClassId, CreationDate, LabelCategory, LabelCategoryConfig,
//!     LabeledObject, ObjectId, SequenceLabels, TaskType, Track};
//! use vframe_geom::BoundingBox;
//! use vframe_io::job_output::{JobOutputSpec, JobSequence, read_job_output, write_job_output};
//! use vframe_io::manifest::ManifestLine;
//!
//! let mut labels = SequenceLabels::new(TaskType::Tracking, AnnotationType::BoundingBox);
//! labels.add_frame(0, "frame_0000.jpeg")?;
//! let track = Track::single(0, BoundingBox::new(1.0, 2.0, 3.0, 4.0)?.into());
//! labels.add_object(LabeledObject::new(Some(ObjectId::new("a")), Some("bus:1".into()), ClassId(1), track))?;
//!
//! let spec = JobOutputSpec {
//!     s3_output_path: "s3://bucket/output".into(),
//!     job_name: "Buses".into(),
//!     label_attribute_name: "buses-ref".into(),
//!     config: LabelCategoryConfig::new(vec![LabelCategory::new("car"), LabelCategory::new("bus")]),
//!     creation_date: CreationDate::utc(2024, 1, 2, 3, 4, 5, 6000).unwrap(),
//! };
//! let dir = tempfile::tempdir()?;
//! let seq = JobSequence { input: ManifestLine::new("s3://bucket/in/seq.json"), labels, adjustment_status: None };
//! let lines = write_job_output(dir.path(), &spec, &[seq.clone()])?;
//! assert_eq!(lines[0].to_json_string(), concat!(
//!     r#"{"source-ref":"s3://bucket/in/seq.json","buses-ref":"s3://bucket/output/Buses/annotations/consolidated-annotation/output/0/SeqLabel.json","#,
//!     r#""buses-ref-metadata":{"class-map":{"1":"bus"},"job-name":"labeling-job/buses","human-annotated":"yes","creation-date":"2024-01-02T03:04:05.006000","type":"groundtruth/video-object-tracking"}}"#));
//!
//! let back = read_job_output(dir.path(), None)?;
//! assert_eq!(back[0].labels.objects(), seq.labels.objects());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod layout;
mod read;
mod write;

pub use layout::{
    CONSOLIDATED_OUTPUT, OUTPUT_MANIFEST, SEQ_LABEL_FILE, output_manifest_path,
    relative_to_job_folder, seq_label_path, seq_label_uri,
};
pub use read::{ReadSequence, read_job_output};
pub use write::{JobOutputSpec, JobSequence, write_job_output};
