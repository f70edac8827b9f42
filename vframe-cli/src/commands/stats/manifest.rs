//! The numbers `vframe stats` reports for an input or output manifest.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;
use vframe_io::IoError;
use vframe_io::manifest::ManifestReader;

/// The summary of one manifest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ManifestSummary {
    /// Records (one sequence each).
    pub lines: usize,
    /// Label attributes (jobs whose labels the lines carry), by name, in name order.
    pub label_attributes: Vec<LabelAttributeCount>,
}

/// One label attribute over the lines of a manifest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LabelAttributeCount {
    /// The label attribute name, e.g. `cars-ref`.
    pub name: String,
    /// Lines that carry it.
    pub lines: usize,
    /// `job-name` values seen.
    pub jobs: BTreeSet<String>,
    /// `type` values seen.
    pub types: BTreeSet<String>,
    /// Label names of the class maps, over all lines.
    pub labels: BTreeSet<String>,
}

/// Summarises the manifest `bytes`; the first line that cannot be read is the error.
pub fn summarise(bytes: &[u8]) -> Result<ManifestSummary, IoError> {
    let mut lines = 0;
    let mut attributes: BTreeMap<String, LabelAttributeCount> = BTreeMap::new();
    for record in ManifestReader::new(bytes) {
        let record = record?;
        lines += 1;
        for attr in record.line.label_attributes() {
            let entry =
                attributes
                    .entry(attr.name.to_owned())
                    .or_insert_with(|| LabelAttributeCount {
                        name: attr.name.to_owned(),
                        lines: 0,
                        jobs: BTreeSet::new(),
                        types: BTreeSet::new(),
                        labels: BTreeSet::new(),
                    });
            entry.lines += 1;
            entry.jobs.extend(attr.metadata.job_name.clone());
            entry.types.extend(attr.metadata.task_type.clone());
            if let Some(map) = &attr.metadata.class_map {
                entry
                    .labels
                    .extend(map.iter().map(|(_, label)| label.clone()));
            }
        }
    }
    Ok(ManifestSummary {
        lines,
        label_attributes: attributes.into_values().collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_manifest_has_no_lines() {
        assert_eq!(
            summarise(b"").unwrap(),
            ManifestSummary {
                lines: 0,
                label_attributes: vec![]
            }
        );
    }

    #[test]
    fn label_attributes_are_counted_over_lines() {
        let line = |n: u32, label: &str| {
            format!(
                "{{\"source-ref\":\"s3://b/{n}.json\",\"cars-ref\":\"s3://o/{n}/SeqLabel.json\",\"cars-ref-metadata\":{{\"class-map\":{{\"0\":\"{label}\"}},\"job-name\":\"labeling-job/cars\",\"human-annotated\":\"yes\",\"creation-date\":\"2021-09-29T05:50:35.566000\",\"type\":\"groundtruth/video-object-tracking\"}}}}\n"
            )
        };
        let text = format!(
            "{}{}{{\"source-ref\":\"s3://b/x.json\"}}\n",
            line(0, "car"),
            line(1, "bus")
        );
        let s = summarise(text.as_bytes()).unwrap();
        assert_eq!(s.lines, 3);
        assert_eq!(s.label_attributes.len(), 1);
        let a = &s.label_attributes[0];
        assert_eq!((a.name.as_str(), a.lines), ("cars-ref", 2));
        assert_eq!(a.labels.iter().collect::<Vec<_>>(), ["bus", "car"]);
        assert_eq!(a.jobs.iter().collect::<Vec<_>>(), ["labeling-job/cars"]);
    }
}
