//! Where a track is shown (spans) and where it is absent inside its life (gaps).

use serde::{Deserialize, Serialize};

use super::Track;

/// An inclusive range of frames, `first..=last`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct FrameSpan {
    /// The first frame in the span.
    pub first: u32,
    /// The last frame in the span (inclusive).
    pub last: u32,
}

impl FrameSpan {
    /// The span `first..=last`.
    pub fn new(first: u32, last: u32) -> Self {
        Self { first, last }
    }

    /// Whether `frame` lies in the span.
    pub fn contains(&self, frame: u32) -> bool {
        self.first <= frame && frame <= self.last
    }

    /// How many frame indices the span covers.
    pub fn len(&self) -> u64 {
        u64::from(self.last - self.first) + 1
    }

    /// Always false: a span covers at least one frame.
    pub fn is_empty(&self) -> bool {
        false
    }
}

impl Track {
    /// The frame ranges where the object is shown, in order: each runs from a visible
    /// keyframe to the frame before the next absence, or to the last keyframe.
    ///
    /// ```
    /// use vframe_core::{FrameSpan, Keyframe, Track};
    /// use vframe_geom::Keypoint;
    ///
    /// let p = || Keypoint::new(0.0, 0.0).unwrap().into();
    /// let track = Track::new(vec![
    ///     Keyframe::visible(2, p()), Keyframe::absent(5), Keyframe::visible(9, p()), Keyframe::visible(12, p()),
    /// ])?;
    /// assert_eq!(track.spans(), [FrameSpan::new(2, 4), FrameSpan::new(9, 12)]);
    /// assert_eq!(track.gaps(), [FrameSpan::new(5, 8)]);
    /// # Ok::<(), vframe_core::CoreError>(())
    /// ```
    pub fn spans(&self) -> Vec<FrameSpan> {
        self.span_keyframes().map(|(span, _)| span).collect()
    }

    /// The frame ranges between an absence and the next visible keyframe.
    pub fn gaps(&self) -> Vec<FrameSpan> {
        let k = self.keyframes();
        k.windows(2)
            .filter(|w| !w[0].is_visible())
            .map(|w| FrameSpan::new(w[0].frame, w[1].frame - 1))
            .collect()
    }

    /// Each visible span with the index of the keyframe that starts it.
    pub(crate) fn span_keyframes(&self) -> impl Iterator<Item = (FrameSpan, usize)> + '_ {
        let k = self.keyframes();
        let mut i = 0;
        std::iter::from_fn(move || {
            let start = i;
            let first = k.get(start)?.frame;
            // Track invariants: a span starts at a visible keyframe and absences are single.
            let mut j = start;
            while j + 1 < k.len() && k[j + 1].is_visible() {
                j += 1;
            }
            match k.get(j + 1) {
                Some(absence) => {
                    i = j + 2;
                    Some((FrameSpan::new(first, absence.frame - 1), start))
                }
                None => {
                    i = k.len();
                    Some((FrameSpan::new(first, k[j].frame), start))
                }
            }
        })
    }
}
