//! `--class-map OUTPUT_MANIFEST`: which class map applies to which `SeqLabel.json`.

use std::path::Path;

use vframe_core::ClassMap;
use vframe_io::job_output::relative_to_job_folder;
use vframe_io::manifest::ManifestReader;

use crate::error::CliError;

/// The class maps of an output manifest: per line, where its labels are and their map.
pub struct ClassMaps {
    manifest: String,
    lines: Vec<(String, ClassMap)>,
}

impl ClassMaps {
    /// Reads the class map of every line's last label attribute (the one the job appended).
    pub fn read(path: &Path, bytes: &[u8]) -> Result<Self, CliError> {
        let manifest = path.display().to_string();
        let mut lines = Vec::new();
        for record in ManifestReader::new(bytes) {
            let record = record.map_err(|e| CliError::Input(e.in_file(path)))?;
            let attributes = record.line.label_attributes_meaning().map_err(|problems| {
                let first = problems
                    .first()
                    .map(ToString::to_string)
                    .unwrap_or_default();
                CliError::Usage(format!(
                    "{manifest}:{}: no usable label metadata for --class-map: {first}",
                    record.line_number
                ))
            })?;
            if let Some(attribute) = attributes.into_iter().last() {
                lines.push((attribute.labels_uri, attribute.metadata.class_map));
            }
        }
        if lines.is_empty() {
            return Err(CliError::Usage(format!(
                "{manifest}: no line has label metadata, so it gives no class-map"
            )));
        }
        Ok(Self { manifest, lines })
    }

    /// The class map of the line whose labels URI ends like `seq_label`: the part below the
    /// job folder, `annotations/consolidated-annotation/output/<n>/SeqLabel.json`.
    pub fn matching(&self, seq_label: &Path) -> Option<&ClassMap> {
        let local = seq_label.to_string_lossy().replace('\\', "/");
        self.lines
            .iter()
            .find(|(uri, _)| {
                relative_to_job_folder(uri)
                    .is_some_and(|tail| local == tail || local.ends_with(&format!("/{tail}")))
            })
            .map(|(_, map)| map)
    }

    /// The class map of the line that [matches](Self::matching) `seq_label`, else of the
    /// manifest's only line.
    pub fn for_file(&self, seq_label: &Path) -> Result<ClassMap, CliError> {
        match (self.matching(seq_label), self.lines.as_slice()) {
            (Some(map), _) | (None, [(_, map)]) => Ok(map.clone()),
            (None, _) => Err(CliError::Usage(format!(
                "{}: no line of {} points to it (by .../output/<n>/SeqLabel.json), so its class-map is unknown",
                seq_label.display(),
                self.manifest
            ))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(n: usize, label: &str) -> String {
        format!(
            "{{\"source-ref\":\"s3://b/{n}.json\",\"x-ref\":\"s3://o/job/annotations/consolidated-annotation/output/{n}/SeqLabel.json\",\"x-ref-metadata\":{{\"class-map\":{{\"0\":\"{label}\"}},\"job-name\":\"labeling-job/job\",\"human-annotated\":\"yes\",\"creation-date\":\"2021-09-29T05:50:35.566000\",\"type\":\"groundtruth/video-object-tracking\"}}}}\n"
        )
    }

    #[test]
    fn a_manifest_without_label_metadata_gives_no_class_map() {
        let err = ClassMaps::read(
            Path::new("in.manifest"),
            b"{\"source-ref\":\"s3://b/a.json\"}\n",
        );
        assert!(err.is_err());
    }

    #[test]
    fn the_line_pointing_at_the_file_gives_its_class_map() {
        let text = format!("{}{}", line(0, "car"), line(1, "bus"));
        let maps = ClassMaps::read(Path::new("o.manifest"), text.as_bytes()).unwrap();
        let map = maps
            .for_file(Path::new(
                "job/annotations/consolidated-annotation/output/1/SeqLabel.json",
            ))
            .unwrap();
        assert_eq!(map.values().collect::<Vec<_>>(), ["bus"]);
        assert!(maps.for_file(Path::new("elsewhere/SeqLabel.json")).is_err());
    }

    #[test]
    fn a_single_line_manifest_applies_to_any_file() {
        let maps = ClassMaps::read(Path::new("o.manifest"), line(0, "car").as_bytes()).unwrap();
        let map = maps.for_file(Path::new("SeqLabel.json")).unwrap();
        assert_eq!(map.values().collect::<Vec<_>>(), ["car"]);
    }
}
