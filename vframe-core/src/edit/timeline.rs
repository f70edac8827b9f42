//! Where an object is on a frame, and the keyframes that keep a part of a track unchanged
//! when the rest is cut away.
//!
//! Cutting a track at frame `f` must not change what the kept part shows: frames between its
//! last keyframe and `f` were interpolated towards a keyframe that is cut away. The cut
//! therefore "freezes" the shape of the nearest listed frame as a keyframe (the shape the
//! track has there, from [`Track::shape_at`], with the attribute values held there).

use std::borrow::Cow;

use crate::labels::ShapeAt;
use crate::{Keyframe, KeyframeState, SequenceLabels, Track};

/// An object's state on one frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum At {
    /// Before its first keyframe or after its last: not shown.
    Outside,
    /// In an absence (from an absent keyframe until the next keyframe).
    Absent,
    /// Shown, with a keyframe's shape or an interpolated one.
    Visible,
}

/// The state of `track` on `frame`.
pub(crate) fn at(track: &Track, frame: u32) -> At {
    let keyframes = track.keyframes();
    let i = keyframes.partition_point(|k| k.frame <= frame);
    let Some(left) = i.checked_sub(1).and_then(|l| keyframes.get(l)) else {
        return At::Outside;
    };
    if i == keyframes.len() && left.frame != frame {
        return At::Outside;
    }
    if left.is_visible() {
        At::Visible
    } else {
        At::Absent
    }
}

/// Why an object is not shown on `frame`, for messages; `None` when it is.
pub(crate) fn not_shown_because(track: &Track, frame: u32) -> Option<&'static str> {
    match at(track, frame) {
        At::Visible => None,
        At::Absent => Some("it is absent there"),
        At::Outside if frame < track.span().0 => Some("its track starts later"),
        At::Outside => Some("its track ends earlier"),
    }
}

/// The keyframe that shows on `frame` exactly what the track shows there: the keyframe
/// itself when there is one, else the shape of [`Track::shape_at`] with the attribute values
/// held from the keyframe before. `None` when the object is not shown on `frame`.
pub(crate) fn frozen(track: &Track, frame: u32) -> Option<Keyframe> {
    let shown = track.shape_at(frame);
    if let ShapeAt::Keyframe(k) = shown {
        return Some(k.clone());
    }
    let attributes = shown.attributes()?.clone();
    let shape = shown.into_shape()?;
    Some(Keyframe {
        frame,
        state: KeyframeState::Visible(shape),
        attributes,
    })
}

/// The listed frame just before `frame`.
pub(crate) fn prev_listed(labels: &SequenceLabels, frame: u32) -> Option<u32> {
    let frames = labels.frames();
    let i = frames.partition_point(|f| f.index() < frame);
    i.checked_sub(1)
        .and_then(|i| frames.get(i))
        .map(|f| f.index())
}

/// The listed frame just after `frame`.
pub(crate) fn next_listed(labels: &SequenceLabels, frame: u32) -> Option<u32> {
    let frames = labels.frames();
    let i = frames.partition_point(|f| f.index() <= frame);
    frames.get(i).map(|f| f.index())
}

/// Up to `count` listed frames after `frame`, in order.
pub(crate) fn next_listed_n(labels: &SequenceLabels, frame: u32, count: usize) -> Vec<u32> {
    let frames = labels.frames();
    let i = frames.partition_point(|f| f.index() <= frame);
    frames
        .iter()
        .skip(i)
        .take(count)
        .map(|f| f.index())
        .collect()
}

/// The part of `track` on frames before `frame`, showing on every listed frame before
/// `frame` what the track shows there. Empty when the track shows nothing before `frame`.
/// Unchanged keyframes are borrowed, so cutting a long track allocates only the new ones.
pub(crate) fn head<'t>(
    labels: &SequenceLabels,
    track: &'t Track,
    frame: u32,
) -> Vec<Cow<'t, Keyframe>> {
    let keyframes = track.keyframes();
    let kept = &keyframes[..keyframes.partition_point(|k| k.frame < frame)];
    let mut out: Vec<Cow<'t, Keyframe>> = Vec::with_capacity(kept.len() + 1);
    out.extend(kept.iter().map(Cow::Borrowed));
    if let Some(p) = prev_listed(labels, frame)
        && track.keyframe_at(p).is_none()
        && let Some(pin) = frozen(track, p)
    {
        out.push(Cow::Owned(pin));
    }
    // A trailing absence ends the part; the shape held up to it must then end on a keyframe.
    if let Some(absence) = out.pop_if(|k| !k.is_visible())
        && let Some(p) = prev_listed(labels, absence.frame)
        && out.last().is_some_and(|k| k.frame < p)
        && let Some(pin) = frozen(track, p)
    {
        out.push(Cow::Owned(pin));
    }
    out
}

/// The part of `track` on frames from `frame` on (`frame` must be listed), showing on every
/// listed frame from `frame` on what the track shows there. Empty when the track shows
/// nothing from `frame` on.
pub(crate) fn tail(track: &Track, frame: u32) -> Vec<Cow<'_, Keyframe>> {
    let keyframes = track.keyframes();
    let from = keyframes.partition_point(|k| k.frame < frame);
    let mut out = Vec::with_capacity(keyframes.len() - from + 1);
    if track.keyframe_at(frame).is_none()
        && let Some(pin) = frozen(track, frame)
    {
        out.push(Cow::Owned(pin));
    }
    out.extend(keyframes[from..].iter().map(Cow::Borrowed));
    if out.first().is_some_and(|k| !k.is_visible()) {
        out.remove(0);
    }
    out
}
