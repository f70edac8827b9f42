//! Why an edit was refused.

/// Why an [`Edit`](super::Edit) was refused: the crate's one error type, [`crate::CoreError`].
/// Nothing was changed when one is returned.
///
/// Refusals that come from the model's invariants (order of keyframes, shape kind, unknown
/// frame or object) and those that come from the job's rules (`editsAllowed`, unknown labels
/// or attributes, overlapping merges) are variants of the same enum, so a UI matches on one
/// type. Messages name the object (instance name and id), the frame (0-based, as `frame-no`)
/// and the field, and say what the edit would have needed.
pub type EditError = crate::CoreError;
