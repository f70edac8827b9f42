//! Walking a track frame by frame for writers, and the identity rules writers share.
//!
//! Per-frame formats (MOT, COCO, YOLO) and CVAT's dense output need the shape of every object
//! on every listed frame of its span, keyframe or not. [`walk_track`] produces them in frame
//! order with one [`InterpolationPair`] per keyframe pair (not per frame), so memory stays
//! bounded by one track and polygon correspondences are computed once per pair.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use vframe_core::{AttributeValues, ClassId, InstanceName, SequenceLabels, TaskType, Track};
use vframe_geom::Shape;
use vframe_geom::algorithm::{InterpolationOptions, InterpolationPair};

use super::{LabeledSequence, LossKind, LossReport};

/// One frame of a track.
#[derive(Debug)]
pub(crate) enum Step<'a> {
    /// The object is shown.
    Visible {
        frame: u32,
        shape: Cow<'a, Shape>,
        /// Whether a keyframe is on this frame (else the shape is interpolated or held).
        keyframe: bool,
        attributes: &'a AttributeValues,
    },
    /// An absence keyframe: the object leaves the frame here.
    Absent { frame: u32 },
}

/// Calls `each` for every keyframe and every listed frame between keyframes where the object
/// is shown. Between two visible keyframes the shape is interpolated; between a visible
/// keyframe and an absence it holds; after an absence nothing is shown until the next
/// keyframe.
pub(crate) fn walk_track<'a, E>(
    track: &'a Track,
    listed: &[u32],
    mut each: impl FnMut(Step<'a>) -> Result<(), E>,
) -> Result<(), E> {
    let keyframes = track.keyframes();
    for (i, k) in keyframes.iter().enumerate() {
        let Some(shape) = k.shape() else {
            each(Step::Absent { frame: k.frame })?;
            continue;
        };
        each(Step::Visible {
            frame: k.frame,
            shape: Cow::Borrowed(shape),
            keyframe: true,
            attributes: &k.attributes,
        })?;
        let Some(next) = keyframes.get(i + 1) else {
            break;
        };
        let from = listed.partition_point(|&f| f <= k.frame);
        let to = listed.partition_point(|&f| f < next.frame);
        let Some(between) = listed.get(from..to).filter(|b| !b.is_empty()) else {
            continue;
        };
        let pair = next
            .shape()
            .and_then(|n| InterpolationPair::new(shape, n, InterpolationOptions::default()).ok());
        let span = f64::from(next.frame - k.frame);
        for &frame in between {
            let shape = match &pair {
                Some(p) => Cow::Owned(p.at(f64::from(frame - k.frame) / span)),
                None => Cow::Borrowed(shape),
            };
            each(Step::Visible {
                frame,
                shape,
                keyframe: false,
                attributes: &k.attributes,
            })?;
        }
    }
    Ok(())
}

/// A frame where the object is shown: what per-frame writers (MOT, YOLO) write.
#[derive(Debug)]
pub(crate) struct Shown<'a> {
    pub frame: u32,
    pub shape: Cow<'a, Shape>,
    /// Whether a keyframe is on this frame (else the shape is interpolated or held).
    pub keyframe: bool,
    pub attributes: &'a AttributeValues,
}

/// [`walk_track`] for writers that only write where the object is shown.
pub(crate) fn walk_visible<'a, E>(
    track: &'a Track,
    listed: &[u32],
    mut each: impl FnMut(Shown<'a>) -> Result<(), E>,
) -> Result<(), E> {
    walk_track(track, listed, |step| match step {
        Step::Visible {
            frame,
            shape,
            keyframe,
            attributes,
        } => each(Shown {
            frame,
            shape,
            keyframe,
            attributes,
        }),
        Step::Absent { .. } => Ok(()),
    })
}

/// The listed frame indices of the labels, ascending.
pub(crate) fn listed_frames(labels: &SequenceLabels) -> Vec<u32> {
    labels.frames().iter().map(|f| f.index()).collect()
}

/// Numeric track ids for the objects of a tracking sequence, `None` for detection objects.
///
/// An object id that is a decimal number at least `minimum` keeps that number (so MOT ->
/// Ground Truth -> MOT keeps ids); every other object gets the next number above all kept
/// ones, reported as [`LossKind::ObjectIds`].
pub(crate) fn track_numbers(
    labels: &SequenceLabels,
    minimum: u64,
    loss: &mut LossReport,
) -> Vec<Option<u64>> {
    if labels.task() == TaskType::Detection {
        return vec![None; labels.objects().len()];
    }
    let mut used = HashSet::new();
    let mut numbers: Vec<Option<u64>> = labels
        .objects()
        .iter()
        .map(|o| {
            o.id()
                .and_then(|id| id.as_str().parse::<u64>().ok())
                .filter(|&n| n >= minimum && n <= i64::MAX as u64)
                .filter(|n| used.insert(*n))
        })
        .collect();
    let mut next = used.iter().max().map_or(minimum, |m| m + 1);
    for (number, object) in numbers.iter_mut().zip(labels.objects()) {
        if number.is_none() {
            *number = Some(next);
            next += 1;
            loss.record(LossKind::ObjectIds, || {
                format!("{} written as track {}", object.describe(), next - 1)
            });
        }
    }
    numbers
}

/// Reports instance names that reading the written file back will not reproduce: readers name
/// objects `label:n`, counting per label in order of first frame, then track number.
pub(crate) fn check_instance_names(
    sequence: &LabeledSequence,
    numbers: &[Option<u64>],
    loss: &mut LossReport,
) {
    let labels = &sequence.labels;
    if labels.task() == TaskType::Detection {
        return;
    }
    let mut order: Vec<(u32, u64, usize)> = labels
        .objects()
        .iter()
        .zip(numbers)
        .enumerate()
        .filter_map(|(i, (o, n))| Some((o.track().span().0, (*n)?, i)))
        .collect();
    order.sort_unstable();
    let mut per_label: HashMap<ClassId, u32> = HashMap::new();
    for (_, _, i) in order {
        let object = &labels.objects()[i];
        let n = per_label.entry(object.class_id()).or_insert(0);
        *n += 1;
        let expected = InstanceName::numbered(&sequence.label_name(object.class_id()), *n);
        if object.name() != Some(&expected) {
            loss.record(LossKind::InstanceNames, || {
                format!("{} will read back as {expected}", object.describe())
            });
        }
    }
}

/// Reports every frame with frame attribute values (for targets without frame attributes).
pub(crate) fn report_frame_attributes(labels: &SequenceLabels, loss: &mut LossReport) {
    for f in labels.frames() {
        if !f.attributes.is_empty() {
            loss.record_many(LossKind::FrameAttributes, f.attributes.len() as u64, || {
                format!("frame {}", f.index())
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use vframe_core::{AnnotationType, Keyframe, LabeledObject, ObjectId};
    use vframe_geom::BoundingBox;

    fn b(x: f64) -> Shape {
        BoundingBox::new(x, 0.0, 2.0, 2.0).unwrap().into()
    }

    fn walk(track: &Track, listed: &[u32]) -> Vec<(u32, Option<f64>, bool)> {
        let mut out = Vec::new();
        walk_track::<()>(track, listed, |s| {
            out.push(match s {
                Step::Visible {
                    frame,
                    shape,
                    keyframe,
                    ..
                } => (frame, shape.as_bounding_box().map(|b| b.left), keyframe),
                Step::Absent { frame } => (frame, None, true),
            });
            Ok(())
        })
        .unwrap();
        out
    }

    #[test]
    fn single_keyframe_track_walks_one_frame() {
        let t = Track::single(3, b(1.0));
        assert_eq!(walk(&t, &[0, 1, 2, 3, 4]), [(3, Some(1.0), true)]);
    }

    #[test]
    fn frames_between_visible_keyframes_are_interpolated_on_listed_frames_only() {
        let t = Track::new(vec![
            Keyframe::visible(0, b(0.0)),
            Keyframe::visible(4, b(8.0)),
        ])
        .unwrap();
        assert_eq!(
            walk(&t, &[0, 1, 3, 4]),
            [
                (0, Some(0.0), true),
                (1, Some(2.0), false),
                (3, Some(6.0), false),
                (4, Some(8.0), true)
            ]
        );
    }

    #[test]
    fn shape_holds_until_an_absence_and_nothing_is_shown_after_it() {
        let t = Track::new(vec![
            Keyframe::visible(0, b(1.0)),
            Keyframe::absent(2),
            Keyframe::visible(4, b(5.0)),
        ])
        .unwrap();
        assert_eq!(
            walk(&t, &[0, 1, 2, 3, 4]),
            [
                (0, Some(1.0), true),
                (1, Some(1.0), false),
                (2, None, true),
                (4, Some(5.0), true)
            ]
        );
    }

    #[test]
    fn numeric_ids_are_kept_and_others_renumbered_with_a_loss() {
        let mut l = SequenceLabels::new(TaskType::Tracking, AnnotationType::BoundingBox);
        l.add_frame(0, "a").unwrap();
        for id in ["7", "uuid-x", "0"] {
            l.add_object(LabeledObject::new(
                Some(ObjectId::new(id)),
                None,
                ClassId(0),
                Track::single(0, b(0.0)),
            ))
            .unwrap();
        }
        let mut loss = LossReport::new("t");
        let n = track_numbers(&l, 1, &mut loss);
        assert_eq!(n, [Some(7), Some(8), Some(9)]);
        assert_eq!(loss.count(LossKind::ObjectIds), 2);
    }
}
