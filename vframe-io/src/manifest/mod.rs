//! Input and output manifests (JSON Lines): one line per sequence.
//!
//! An input line names a sequence file in `source-ref`; an output line is the same line with
//! label attributes appended: `<LabelAttributeName>` (the `SeqLabel.json` URI) and
//! `<LabelAttributeName>-metadata` (class map, job name, date, task type). One
//! [`ManifestLine`] type holds both, keeping every key in order, so reading and writing an
//! unchanged Ground Truth manifest gives back the same bytes.
//!
//! [`ManifestReader`] streams: it holds one line at a time, whatever the file's size, and
//! reports Ground Truth's quotas per record as [`ManifestProblem`]s.
//!
//! ```
//! use vframe_io::manifest::{ManifestReader, ManifestWriter};
//! let text = r#"{"source-ref":"s3://b/s.json","cars-ref":"s3://b/out/0/SeqLabel.json","cars-ref-metadata":{"class-map":{"0":"car"},"job-name":"labeling-job/cars","human-annotated":"yes","creation-date":"2021-09-29T05:50:35.566000","type":"groundtruth/video-object-tracking"}}
//! "#;
//! let mut writer = ManifestWriter::new(Vec::new());
//! for record in ManifestReader::new(text.as_bytes()) {
//!     let record = record?;
//!     let attrs = record.line.label_attributes();
//!     assert_eq!(attrs[0].name, "cars-ref");
//!     writer.write_line(&record.line)?;
//! }
//! assert_eq!(writer.into_inner()?, text.as_bytes());
//! # Ok::<(), vframe_io::IoError>(())
//! ```

mod line;
mod metadata;
mod quota;
mod reader;
mod writer;

pub use line::{
    LabelAttribute, LabelAttributeDoc, METADATA_SUFFIX, ManifestLine, ManifestValue, SOURCE_REF,
};
pub use metadata::LabelMetadataDoc;
pub use quota::ManifestProblem;
pub use reader::{DEFAULT_MAX_LINE_BYTES, ManifestReader, ManifestRecord, read_manifest_file};
pub use writer::{ManifestWriter, write_manifest_file};
