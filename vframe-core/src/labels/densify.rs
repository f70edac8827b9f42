//! Densifying: a keyframe on every listed frame an object is shown on, as Ground Truth's own
//! files list every shape. The inverse of [`super::compress_track`].

use vframe_geom::algorithm::InterpolationOptions;

use super::{Keyframe, KeyframeState, LabeledObject, SequenceLabels, Track};
use crate::CoreError;

/// `track` with a keyframe on each of `frames` (ascending) inside its life: the shape shown
/// there (keyframe, interpolated or held, with the attribute values in force), and one
/// absent keyframe on the first listed frame of each stretch where it is not shown.
/// Keyframes on frames not in `frames` are kept too.
///
/// ```
/// use vframe_core::{densify_track, Keyframe, Track};
/// use vframe_geom::algorithm::InterpolationOptions;
/// use vframe_geom::Keypoint;
///
/// let p = |x| Keypoint::new(x, 0.0).unwrap().into();
/// let sparse = Track::new(vec![Keyframe::visible(0, p(0.0)), Keyframe::absent(3), Keyframe::visible(5, p(5.0)), Keyframe::visible(7, p(7.0))])?;
/// let dense = densify_track(&sparse, &(0..10).collect::<Vec<_>>(), InterpolationOptions::default())?;
/// let frames: Vec<(u32, bool)> = dense.keyframes().iter().map(|k| (k.frame, k.is_visible())).collect();
/// assert_eq!(frames, [(0, true), (1, true), (2, true), (3, false), (5, true), (6, true), (7, true)]);
/// # Ok::<(), vframe_core::CoreError>(())
/// ```
pub fn densify_track(
    track: &Track,
    frames: &[u32],
    options: InterpolationOptions,
) -> Result<Track, CoreError> {
    let (first, last) = track.span();
    let from = frames.partition_point(|&f| f < first);
    let to = frames.partition_point(|&f| f <= last);
    let listed = frames.get(from..to).unwrap_or(&[]);
    let mut interpolator = track.interpolator(options);
    let mut out: Vec<Keyframe> = Vec::with_capacity(listed.len() + track.keyframes().len());
    let mut keys = track.keyframes().iter().map(|k| k.frame).peekable();
    let mut listed = listed.iter().copied().peekable();
    let mut previous = None;
    loop {
        // Merge the listed frames with the keyframe frames, ascending and without repeats.
        let frame = match (listed.peek().copied(), keys.peek().copied()) {
            (Some(a), Some(b)) if a == b => {
                listed.next();
                keys.next();
                a
            }
            (Some(a), Some(b)) if a < b => {
                listed.next();
                a
            }
            (_, Some(b)) => {
                keys.next();
                b
            }
            (Some(a), None) => {
                listed.next();
                a
            }
            (None, None) => break,
        };
        if previous.is_some_and(|p| p >= frame) {
            continue;
        }
        previous = Some(frame);
        let at = interpolator.shape_at(frame);
        let attributes = at.attributes().cloned();
        match (at.into_shape(), attributes) {
            (Some(shape), Some(attributes)) => out.push(Keyframe {
                frame,
                state: KeyframeState::Visible(shape),
                attributes,
            }),
            _ => {
                if out.last().is_some_and(Keyframe::is_visible) {
                    out.push(Keyframe::absent(frame));
                }
            }
        }
    }
    Track::new(out)
}

/// Every object of `labels` densified over the listed frames; frames, class map and
/// identities unchanged.
pub fn densify_labels(
    labels: &SequenceLabels,
    options: InterpolationOptions,
) -> Result<SequenceLabels, CoreError> {
    let frames: Vec<u32> = labels.frames().iter().map(|f| f.index()).collect();
    let mut out = SequenceLabels::new(labels.task(), labels.annotation_type());
    out.set_class_map(labels.class_map().clone());
    for f in labels.frames() {
        let frame = out.add_frame(f.index(), f.file.clone())?;
        frame.attributes = f.attributes.clone();
    }
    for object in labels.objects() {
        let track = densify_track(object.track(), &frames, options)?;
        out.add_object(LabeledObject::new(
            object.id().cloned(),
            object.name().cloned(),
            object.class_id(),
            track,
        ))?;
    }
    Ok(out)
}
