//! The numbers `vframe stats` reports for the files a job is set up with: sequence files and
//! label category configurations.

use serde::Serialize;
use vframe_core::{AttributeKind, AttributeSpec, JobKind, Limits};
use vframe_io::IoError;
use vframe_io::label_config::LabelConfigDoc;
use vframe_io::sequence_file::SequenceFileDoc;

/// The summary of a sequence file.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SequenceSummary {
    /// `seq-no`.
    pub seq_no: i64,
    /// `prefix`.
    pub prefix: String,
    /// Frames listed.
    pub frames: usize,
    /// The first frame workers see (file-name order).
    pub first_frame: Option<String>,
    /// The last frame workers see.
    pub last_frame: Option<String>,
    /// Frames with a `unix-timestamp`.
    pub frames_with_timestamp: usize,
}

/// Summarises a sequence file.
pub fn summarise_sequence(bytes: &[u8]) -> Result<SequenceSummary, IoError> {
    let doc = SequenceFileDoc::from_slice(bytes)?;
    let (sequence, _) = doc.to_sequence(&Limits::unlimited())?;
    Ok(SequenceSummary {
        seq_no: doc.seq_no,
        prefix: doc.prefix.clone(),
        frames: sequence.len(),
        first_frame: sequence.frames().first().map(|f| f.file.clone()),
        last_frame: sequence.frames().last().map(|f| f.file.clone()),
        frames_with_timestamp: doc
            .frames
            .iter()
            .filter(|f| f.unix_timestamp.is_some())
            .count(),
    })
}

/// The summary of a label category configuration.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ConfigSummary {
    /// `labeling`, `adjustment` or `verification`.
    pub job_kind: &'static str,
    /// `annotationType`.
    pub annotation_type: &'static str,
    /// The labels, with their own attributes.
    pub labels: Vec<LabelRow>,
    /// Attributes of every label.
    pub global_attributes: Vec<AttributeRow>,
    /// Attributes of every frame.
    pub frame_attributes: Vec<AttributeRow>,
}

/// One label of a configuration.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LabelRow {
    /// The class id Ground Truth gives it (its position, from 0).
    pub class_id: usize,
    /// The label name.
    pub label: String,
    /// Its own attributes (besides the global ones).
    pub attributes: Vec<AttributeRow>,
}

/// One attribute of a configuration.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AttributeRow {
    /// The name.
    pub name: String,
    /// `choice`, `free text` or `number`.
    pub kind: &'static str,
    /// The choices, or `minimum..=maximum` for a number.
    pub values: String,
    /// Whether workers must fill it in.
    pub required: bool,
}

fn attribute_row(spec: &AttributeSpec) -> AttributeRow {
    let (kind, values) = match &spec.kind {
        AttributeKind::Choice { values } => ("choice", values.join(", ")),
        AttributeKind::FreeText => ("free text", String::new()),
        AttributeKind::Number { minimum, maximum } => ("number", format!("{minimum}..={maximum}")),
    };
    AttributeRow {
        name: spec.name.clone(),
        kind,
        values,
        required: spec.is_required,
    }
}

/// Summarises a label category configuration (read leniently: `validate` reports its
/// problems).
pub fn summarise_config(bytes: &[u8]) -> Result<ConfigSummary, IoError> {
    let (config, _) = LabelConfigDoc::from_slice(bytes)?.to_config();
    Ok(ConfigSummary {
        job_kind: match config.job_kind() {
            JobKind::Labeling => "labeling",
            JobKind::Adjustment => "adjustment",
            JobKind::Verification => "verification",
        },
        annotation_type: config.annotation_type.as_str(),
        labels: config
            .labels
            .iter()
            .enumerate()
            .map(|(class_id, l)| LabelRow {
                class_id,
                label: l.label.clone(),
                attributes: l.category_attributes.iter().map(attribute_row).collect(),
            })
            .collect(),
        global_attributes: config
            .category_global_attributes
            .iter()
            .map(attribute_row)
            .collect(),
        frame_attributes: config.frame_attributes.iter().map(attribute_row).collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_sequence_has_no_first_or_last_frame() {
        let s =
            summarise_sequence(br#"{"seq-no":1,"prefix":"p/","number-of-frames":0,"frames":[]}"#)
                .unwrap();
        assert_eq!((s.frames, s.first_frame, s.last_frame), (0, None, None));
    }

    #[test]
    fn first_and_last_frame_follow_file_name_order() {
        let s = summarise_sequence(br#"{"seq-no":1,"prefix":"p/","number-of-frames":2,"frames":[{"frame-no":1,"frame":"b.jpg","unix-timestamp":3},{"frame-no":2,"frame":"a.jpg"}]}"#).unwrap();
        assert_eq!(s.first_frame.as_deref(), Some("a.jpg"));
        assert_eq!(s.last_frame.as_deref(), Some("b.jpg"));
        assert_eq!(s.frames_with_timestamp, 1);
    }

    #[test]
    fn config_rows_give_class_ids_by_position_and_attribute_kinds() {
        let s = summarise_config(br#"{"labels":[{"label":"car"},{"label":"bus","categoryAttributes":[{"name":"n","type":"number","minimum":0,"maximum":9}]}],"frameAttributes":[{"name":"w","type":"string","enum":["sun","rain"],"description":"weather"}]}"#).unwrap();
        assert_eq!(s.job_kind, "labeling");
        assert_eq!(s.annotation_type, "BoundingBox");
        assert_eq!(
            (s.labels[1].class_id, s.labels[1].label.as_str()),
            (1, "bus")
        );
        assert_eq!(s.labels[1].attributes[0].kind, "number");
        assert_eq!(s.labels[1].attributes[0].values, "0..=9");
        assert_eq!(s.frame_attributes[0].values, "sun, rain");
    }
}
