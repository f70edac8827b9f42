//! Ground Truth's `SeqLabel.json` as one more target on the pivot.
//!
//! Ground Truth lists every shape explicitly (no keyframes, `gt-spec` §10.8), so sparse tracks
//! (read from sparse CVAT, or compressed) are densified over the listed frames first; the
//! frames that were interpolated lose their "not a keyframe" status, which is reported.

use vframe_core::{SequenceLabels, densify_labels};
use vframe_geom::algorithm::InterpolationOptions;

use super::{LabeledSequence, LossKind, LossReport};
use crate::{IoError, Position};

/// The labels as Ground Truth writes them: a keyframe on every listed frame each object is
/// shown on, with what densifying lost.
///
/// ```
/// use vframe_core::{AnnotationType, ClassId, Keyframe, LabeledObject, ObjectId, SequenceLabels, TaskType, Track};
/// use vframe_geom::Keypoint;
/// use vframe_io::interchange::{to_ground_truth_labels, LabeledSequence, LossKind};
/// let mut labels = SequenceLabels::new(TaskType::Tracking, AnnotationType::Keypoint);
/// for i in 0..3 { labels.add_frame(i, format!("{i}.jpg"))?; }
/// let p = |x| Keypoint::new(x, 0.0).map(Into::into);
/// let track = Track::new(vec![Keyframe::visible(0, p(0.0)?), Keyframe::visible(2, p(2.0)?)])?;
/// labels.add_object(LabeledObject::new(Some(ObjectId::new("1")), None, ClassId(0), track))?;
/// let (dense, loss) = to_ground_truth_labels(&LabeledSequence::with_derived_config(labels))?;
/// assert_eq!(dense.objects()[0].track().keyframes().len(), 3);
/// assert_eq!(loss.count(LossKind::KeyframeFlags), 1);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn to_ground_truth_labels(
    sequence: &LabeledSequence,
) -> Result<(SequenceLabels, LossReport), IoError> {
    let mut loss = LossReport::new("Ground Truth SeqLabel.json");
    let dense = densify_labels(&sequence.labels, InterpolationOptions::default()).map_err(|e| {
        IoError::Interchange {
            position: Position::default(),
            format: "Ground Truth SeqLabel.json",
            message: e.to_string(),
        }
    })?;
    for (before, after) in sequence.labels.objects().iter().zip(dense.objects()) {
        let added = after
            .track()
            .keyframes()
            .len()
            .saturating_sub(before.track().keyframes().len());
        loss.record_many(LossKind::KeyframeFlags, added as u64, || {
            format!(
                "{}: interpolated frames written as annotations",
                before.describe()
            )
        });
    }
    Ok((dense, loss))
}
