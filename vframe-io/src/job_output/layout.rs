//! Where Ground Truth puts the files of a job's output (gt-spec §8).

use std::path::{Path, PathBuf};

/// The output manifest, relative to the job's output folder.
pub const OUTPUT_MANIFEST: &str = "manifests/output/output.manifest";

/// The folder of the consolidated labels, relative to the job's output folder.
pub const CONSOLIDATED_OUTPUT: &str = "annotations/consolidated-annotation/output";

/// The labels file of every sequence.
pub const SEQ_LABEL_FILE: &str = "SeqLabel.json";

/// `<folder>/manifests/output/output.manifest`.
pub fn output_manifest_path(folder: &Path) -> PathBuf {
    folder
        .join("manifests")
        .join("output")
        .join("output.manifest")
}

/// `<folder>/annotations/consolidated-annotation/output/<n>/SeqLabel.json`, where `n` is the
/// 0-based line index of the sequence in the manifest.
pub fn seq_label_path(folder: &Path, n: usize) -> PathBuf {
    folder
        .join("annotations")
        .join("consolidated-annotation")
        .join("output")
        .join(n.to_string())
        .join(SEQ_LABEL_FILE)
}

/// `<S3OutputPath>/<job name>/annotations/consolidated-annotation/output/<n>/SeqLabel.json`.
/// The job name keeps its case here (only `job-name` in the metadata is lower-cased).
pub fn seq_label_uri(s3_output_path: &str, job_name: &str, n: usize) -> String {
    format!(
        "{}/{job_name}/{CONSOLIDATED_OUTPUT}/{n}/{SEQ_LABEL_FILE}",
        s3_output_path.trim_end_matches('/')
    )
}

/// The part of a labels URI below the job's output folder
/// (`annotations/consolidated-annotation/output/<n>/SeqLabel.json`), when it has that form.
pub fn relative_to_job_folder(uri: &str) -> Option<&str> {
    let marker = format!("/{CONSOLIDATED_OUTPUT}/");
    let at = uri.rfind(&marker)?;
    uri.get(at + 1..)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uri_keeps_job_name_case_and_joins_one_slash() {
        assert_eq!(
            seq_label_uri("s3://b/out/", "NFL-Job", 2),
            "s3://b/out/NFL-Job/annotations/consolidated-annotation/output/2/SeqLabel.json"
        );
    }

    #[test]
    fn relative_part_of_a_real_uri() {
        let uri = "s3://pdx-nfl-bucket/nfl_videos/5788_000634_endzone/NFL-5788-000634-endzone-vot/annotations/consolidated-annotation/output/0/SeqLabel.json";
        assert_eq!(
            relative_to_job_folder(uri),
            Some("annotations/consolidated-annotation/output/0/SeqLabel.json")
        );
        assert_eq!(relative_to_job_folder("s3://b/labels.json"), None);
    }
}
