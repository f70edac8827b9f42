//! Problems of a label category configuration file: shape, unknown keys, Ground Truth's
//! quotas.

use vframe_core::{JsonPath, LabelCategoryConfig, Limits, Location};
use vframe_io::IoError;
use vframe_io::label_config::LabelConfigDoc;

use crate::output::Diagnostic;

/// Every problem of the configuration `bytes`, named `file` in the output.
pub fn check(file: &str, bytes: &[u8], limits: &Limits) -> Vec<Diagnostic> {
    let doc = match LabelConfigDoc::from_slice(bytes) {
        Ok(doc) => doc,
        Err(error) => return vec![Diagnostic::from_io_error(file, bytes, error)],
    };
    doc.check(limits)
        .into_iter()
        .map(|problem| {
            let path = match &problem.location {
                Location::Config(path) => path.clone(),
                _ => JsonPath::root(),
            };
            Diagnostic::at_path(file, bytes, &path, problem.code, problem.message)
        })
        .collect()
}

/// The configuration `--config` names, for checking labels: it must read as a configuration
/// (its own quota problems do not stop label checks; `validate` reports them when the file
/// is also among the checked files).
pub fn load(bytes: &[u8]) -> Result<LabelCategoryConfig, IoError> {
    let doc = LabelConfigDoc::from_slice(bytes)?;
    Ok(doc.to_config().0)
}
