//! Tracks: the keyframes of one object, strictly increasing in frame.

use serde::{Deserialize, Serialize};
use smallvec::{SmallVec, smallvec};
use vframe_geom::Shape;

use crate::{AttributeValues, CoreError};

/// Whether an object is drawn from a keyframe on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum KeyframeState {
    /// The object is visible with this shape.
    Visible(Shape),
    /// The object is not on screen from this frame until its next keyframe.
    Absent,
}

/// One keyframe: what an object looks like from `frame` on.
///
/// Every annotation read from a Ground Truth file becomes a keyframe; sparse tracks (made by
/// keyframe compression or drawn in a UI) have fewer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Keyframe {
    /// Frame index, 0-based.
    pub frame: u32,
    /// Shape or absence.
    pub state: KeyframeState,
    /// Label category attribute values; they hold until the next keyframe.
    pub attributes: AttributeValues,
}

impl Keyframe {
    /// A visible keyframe without attribute values.
    pub fn visible(frame: u32, shape: Shape) -> Self {
        Self {
            frame,
            state: KeyframeState::Visible(shape),
            attributes: AttributeValues::new(),
        }
    }

    /// An absence starting at `frame`.
    pub fn absent(frame: u32) -> Self {
        Self {
            frame,
            state: KeyframeState::Absent,
            attributes: AttributeValues::new(),
        }
    }

    /// The same keyframe with these attribute values.
    pub fn with_attributes(mut self, attributes: AttributeValues) -> Self {
        self.attributes = attributes;
        self
    }

    /// The shape, when visible.
    pub fn shape(&self) -> Option<&Shape> {
        match &self.state {
            KeyframeState::Visible(s) => Some(s),
            KeyframeState::Absent => None,
        }
    }

    /// Whether the object is visible from here.
    pub fn is_visible(&self) -> bool {
        matches!(self.state, KeyframeState::Visible(_))
    }
}

/// The keyframes of one object.
///
/// Invariants, checked whenever a track is built or changed: at least one keyframe; frames
/// strictly increasing (so an object is never twice on a frame); the first and last
/// keyframes visible; no absence directly after another.
///
/// ```
/// use vframe_core::{Keyframe, Track};
/// use vframe_geom::Keypoint;
///
/// let p = |x| Keypoint::new(x, 0.0).unwrap().into();
/// let track = Track::new(vec![Keyframe::visible(0, p(0.0)), Keyframe::absent(5), Keyframe::visible(9, p(3.0))])?;
/// assert_eq!(track.span(), (0, 9));
/// assert!(track.keyframe_at(5).is_some_and(|k| !k.is_visible()));
///
/// // Out of order: refused, with the frames in the message.
/// let err = Track::new(vec![Keyframe::visible(3, p(0.0)), Keyframe::visible(3, p(1.0))]).unwrap_err();
/// assert!(err.to_string().contains("frame 3 follows one on frame 3"));
/// # Ok::<(), vframe_core::CoreError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "Vec<Keyframe>", into = "Vec<Keyframe>")]
pub struct Track {
    // A detection is one keyframe, and a job holds hundreds of thousands of them: kept in
    // the track itself, not in an allocation of its own.
    keyframes: SmallVec<[Keyframe; 1]>,
}

impl Track {
    /// A track from keyframes in frame order.
    pub fn new(keyframes: Vec<Keyframe>) -> Result<Self, CoreError> {
        check_keyframes(&keyframes, "track")?;
        Ok(Self {
            keyframes: SmallVec::from_vec(keyframes),
        })
    }

    /// A track of one visible keyframe.
    pub fn single(frame: u32, shape: Shape) -> Self {
        Self::single_with_attributes(frame, shape, AttributeValues::new())
    }

    /// A track of one visible keyframe with attribute values (a detection).
    pub fn single_with_attributes(frame: u32, shape: Shape, attributes: AttributeValues) -> Self {
        Self {
            keyframes: smallvec![Keyframe::visible(frame, shape).with_attributes(attributes)],
        }
    }

    /// The keyframes, in frame order.
    pub fn keyframes(&self) -> &[Keyframe] {
        &self.keyframes
    }

    /// Gives the keyframes back.
    pub fn into_keyframes(self) -> Vec<Keyframe> {
        self.keyframes.into_vec()
    }

    /// The keyframe on exactly this frame, found in O(log k).
    pub fn keyframe_at(&self, frame: u32) -> Option<&Keyframe> {
        self.keyframes
            .binary_search_by_key(&frame, |k| k.frame)
            .ok()
            .map(|i| &self.keyframes[i])
    }

    /// First and last keyframe frames.
    pub fn span(&self) -> (u32, u32) {
        (
            self.keyframes[0].frame,
            self.keyframes[self.keyframes.len() - 1].frame,
        )
    }

    /// Appends a keyframe after the last one; refused (and nothing changed) when it would
    /// break an invariant.
    pub fn push(&mut self, keyframe: Keyframe) -> Result<(), CoreError> {
        self.keyframes.push(keyframe);
        if let Err(e) = check_keyframes(&self.keyframes, "track") {
            self.keyframes.pop();
            return Err(e);
        }
        Ok(())
    }

    /// Replaces the keyframes on frames `from..=to` with `keyframes` (strictly increasing,
    /// all on frames in that range) and returns the ones replaced; refused (and nothing
    /// changed) when the track would break an invariant. Only the replaced stretch and its
    /// two neighbours are checked, so an edit of one frame of a long track costs O(log k),
    /// plus moving the later keyframes when their number changes.
    pub(crate) fn splice(
        &mut self,
        from: u32,
        to: u32,
        keyframes: Vec<Keyframe>,
        object: &str,
    ) -> Result<Vec<Keyframe>, CoreError> {
        let a = self.keyframes.partition_point(|k| k.frame < from);
        let b = self.keyframes.partition_point(|k| k.frame <= to).max(a);
        check_splice(&self.keyframes, a..b, &keyframes, (from, to), object)?;
        let replaced = self.keyframes.drain(a..b).collect();
        self.keyframes.insert_many(a, keyframes);
        Ok(replaced)
    }

    /// Number of visible keyframes (annotations, when read from Ground Truth).
    pub fn visible_count(&self) -> usize {
        self.keyframes.iter().filter(|k| k.is_visible()).count()
    }
}

impl TryFrom<Vec<Keyframe>> for Track {
    type Error = CoreError;
    fn try_from(keyframes: Vec<Keyframe>) -> Result<Self, CoreError> {
        Self::new(keyframes)
    }
}

impl From<Track> for Vec<Keyframe> {
    fn from(t: Track) -> Self {
        t.keyframes.into_vec()
    }
}

/// The track invariants for `old` with `old[range]` replaced by `new`, which must lie on
/// frames `from..=to`: the same rules as [`check_keyframes`], checked on the new keyframes
/// and their neighbours only (the rest of `old` held them already).
fn check_splice(
    old: &[Keyframe],
    range: std::ops::Range<usize>,
    new: &[Keyframe],
    (from, to): (u32, u32),
    object: &str,
) -> Result<(), CoreError> {
    if let Some(stray) = new.iter().find(|k| k.frame < from || k.frame > to) {
        return Err(CoreError::KeyframesNotIncreasing {
            object: object.to_owned(),
            previous: if stray.frame < from { from } else { to },
            next: stray.frame,
        });
    }
    let prev = range.start.checked_sub(1).and_then(|i| old.get(i));
    let next = old.get(range.end);
    let local: Vec<&Keyframe> = prev.into_iter().chain(new).chain(next).collect();
    // Only the stretch and its two neighbours: a neighbour that exists is neither the
    // track's start nor its end.
    check_run(&local, prev.is_none(), next.is_none(), object)
}

/// The track invariants; `object` describes the owner for messages.
pub(crate) fn check_keyframes(keyframes: &[Keyframe], object: &str) -> Result<(), CoreError> {
    check_run(keyframes, true, true, object)
}

/// The invariants over a run of consecutive keyframes: not empty, strictly increasing, no
/// absence after an absence, and visible at whichever ends are the track's own ends.
fn check_run<K: std::borrow::Borrow<Keyframe>>(
    run: &[K],
    starts_track: bool,
    ends_track: bool,
    object: &str,
) -> Result<(), CoreError> {
    let (Some(first), Some(last)) = (run.first(), run.last()) else {
        return Err(CoreError::EmptyTrack {
            object: object.to_owned(),
        });
    };
    for pair in run.windows(2) {
        let (a, b) = (pair[0].borrow(), pair[1].borrow());
        if b.frame <= a.frame {
            return Err(CoreError::KeyframesNotIncreasing {
                object: object.to_owned(),
                previous: a.frame,
                next: b.frame,
            });
        }
        if !a.is_visible() && !b.is_visible() {
            return Err(CoreError::MisplacedAbsence {
                object: object.to_owned(),
                frame: b.frame,
                why: "follows another absence",
            });
        }
    }
    let (first, last) = (first.borrow(), last.borrow());
    if starts_track && !first.is_visible() {
        return Err(CoreError::MisplacedAbsence {
            object: object.to_owned(),
            frame: first.frame,
            why: "starts the track",
        });
    }
    if ends_track && !last.is_visible() {
        return Err(CoreError::MisplacedAbsence {
            object: object.to_owned(),
            frame: last.frame,
            why: "ends the track",
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use vframe_geom::Keypoint;

    fn v(frame: u32) -> Keyframe {
        Keyframe::visible(frame, Keypoint::new(0.0, 0.0).unwrap().into())
    }

    #[test]
    fn empty_track_is_refused() {
        assert!(matches!(
            Track::new(vec![]),
            Err(CoreError::EmptyTrack { .. })
        ));
    }

    #[test]
    fn absence_cannot_start_end_or_repeat() {
        for keyframes in [
            vec![Keyframe::absent(0), v(1)],
            vec![v(0), Keyframe::absent(1)],
            vec![v(0), Keyframe::absent(1), Keyframe::absent(2), v(3)],
        ] {
            assert!(matches!(
                Track::new(keyframes),
                Err(CoreError::MisplacedAbsence { .. })
            ));
        }
    }

    #[test]
    fn push_that_breaks_order_changes_nothing() {
        let mut t = Track::new(vec![v(0), v(4)]).unwrap();
        assert!(t.push(v(2)).is_err());
        assert_eq!(t.keyframes().len(), 2);
        t.push(v(5)).unwrap();
        assert_eq!(t.span(), (0, 5));
    }

    #[test]
    fn keyframe_at_finds_only_exact_frames() {
        let t = Track::new(vec![v(0), v(10)]).unwrap();
        assert!(t.keyframe_at(10).is_some());
        assert!(t.keyframe_at(5).is_none());
    }
}
