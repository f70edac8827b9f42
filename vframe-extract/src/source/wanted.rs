//! The frames a caller asked for, and decoded frames waiting for their turn.
//!
//! Decoders hand pictures out in decode order, callers take them in presentation order, and
//! only some are wanted: both video backends keep the same reorder buffer, so it lives here.

use std::collections::BTreeMap;

use super::DecodedFrame;

/// Wanted presentation indices (ascending), which of them is next, and the decoded ones that
/// arrived early.
#[derive(Debug)]
pub(crate) struct WantedFrames {
    wanted: Vec<u64>,
    mask: Vec<bool>,
    next: usize,
    ready: BTreeMap<u64, DecodedFrame>,
    last_good: Option<u64>,
}

impl WantedFrames {
    /// Every one of `count` frames.
    pub fn all(count: u64) -> Self {
        let wanted: Vec<u64> = (0..count).collect();
        Self {
            mask: vec![true; wanted.len()],
            wanted,
            next: 0,
            ready: BTreeMap::new(),
            last_good: None,
        }
    }

    /// Only these sorted, unique indices of `count` frames, from the first.
    pub fn set(&mut self, wanted: &[u64], count: u64) {
        self.wanted = wanted.to_vec();
        self.mask = vec![false; usize::try_from(count).unwrap_or(0)];
        for &i in wanted {
            if let Some(m) = usize::try_from(i).ok().and_then(|i| self.mask.get_mut(i)) {
                *m = true;
            }
        }
        self.next = 0;
    }

    /// Whether the frame at this presentation index is wanted at all.
    pub fn is_wanted(&self, index: u64) -> bool {
        usize::try_from(index)
            .ok()
            .and_then(|i| self.mask.get(i))
            .copied()
            .unwrap_or(false)
    }

    /// Whether a decoded frame at this index should be kept: wanted and not already waiting
    /// (FFmpeg may hand a frame out twice; the built-in decoder never does).
    #[cfg(any(feature = "ffmpeg", test))]
    pub fn needs(&self, index: u64) -> bool {
        self.is_wanted(index) && !self.ready.contains_key(&index)
    }

    /// Keeps a decoded frame until its turn.
    pub fn keep(&mut self, frame: DecodedFrame) {
        self.ready.insert(frame.index, frame);
    }

    /// The index the caller gets next, or `None` when every wanted frame was handed out.
    pub fn next_index(&self) -> Option<u64> {
        self.wanted.get(self.next).copied()
    }

    /// The next wanted frame if it has been decoded. Frames before it that never came are
    /// lost for good, so waiting ones below it are dropped.
    pub fn take_next(&mut self) -> Option<DecodedFrame> {
        let want = self.next_index()?;
        let frame = self.ready.remove(&want)?;
        self.next += 1;
        self.last_good = Some(want);
        self.ready.retain(|&k, _| k > want);
        Some(frame)
    }

    /// The last frame handed out, for error messages.
    pub fn last_good(&self) -> Option<u64> {
        self.last_good
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::picture::{Picture, Rgb8};

    fn frame(index: u64) -> DecodedFrame {
        DecodedFrame {
            index,
            sample: None,
            picture: Picture::Rgb8(Rgb8 {
                width: 1,
                height: 1,
                data: vec![0; 3],
            }),
        }
    }

    #[test]
    fn frames_leave_in_wanted_order_whatever_order_they_arrive_in() {
        let mut w = WantedFrames::all(10);
        w.set(&[2, 5, 7], 10);
        assert!(!w.is_wanted(3) && w.is_wanted(5) && !w.is_wanted(99));
        w.keep(frame(7));
        w.keep(frame(5));
        assert!(w.take_next().is_none(), "frame 2 has not arrived");
        w.keep(frame(2));
        assert!(!w.needs(2) && !w.needs(5) && !w.needs(3));
        let order: Vec<u64> = std::iter::from_fn(|| w.take_next())
            .map(|f| f.index)
            .collect();
        assert_eq!(order, [2, 5, 7]);
        assert_eq!((w.next_index(), w.last_good()), (None, Some(7)));
    }

    #[test]
    fn waiting_frames_below_the_one_handed_out_are_dropped() {
        let mut w = WantedFrames::all(5);
        w.keep(frame(1));
        w.keep(frame(0));
        assert_eq!(w.take_next().map(|f| f.index), Some(0));
        assert_eq!(w.take_next().map(|f| f.index), Some(1));
        assert!(w.needs(2));
    }
}
