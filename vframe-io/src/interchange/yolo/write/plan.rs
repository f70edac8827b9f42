//! Cutting the listed frames into chunks and finding the objects each chunk shows.
//!
//! A chunk's label files are complete once its frames are formatted, so files can be written
//! while later chunks are still being formatted. Each object's steps (see
//! `sample::walk_track`) are given to the chunk whose frame window holds the step's frame:
//! chunk `i` covers frames from its first listed frame up to the next chunk's first, the
//! first chunk from 0 and the last to the end, so every step, listed or not, is in exactly
//! one chunk.

use std::ops::Range;

use rayon::prelude::*;

use vframe_core::LabeledObject;

/// One chunk: a range of listed frame slots and the frame window it covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Chunk {
    /// Slots into the listed frames (and so into the label files).
    pub slots: Range<usize>,
    /// First frame of the window.
    pub low: u64,
    /// End of the window (exclusive).
    pub high: u64,
    /// Objects that started before the window and may still show in it, ascending.
    pub carried: Vec<usize>,
    /// Where, in the objects ordered by first frame, those starting in the window are.
    pub started: Range<usize>,
}

/// The chunks of a write, with the objects of each.
#[derive(Debug)]
pub(super) struct Plan {
    pub chunks: Vec<Chunk>,
    /// Object indices ordered by first frame (stably); `None` when the objects already are
    /// (or are assumed to be).
    order: Option<Vec<usize>>,
    /// The first-frame order was assumed, not checked: see [`Plan::misplaced`].
    assumed: bool,
    /// Objects were assumed to have one keyframe each, not checked: see
    /// [`Plan::misplaced`].
    single_keyframes: bool,
}

/// How [`Plan::new`] learns the objects' order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Order {
    /// Look at every object first (and sort them if they are not in first-frame order).
    Check,
    /// Trust that objects come in first-frame order (and, for a detection job, have one
    /// keyframe each, as `SequenceLabels` ensures); each chunk checks its own objects
    /// before formatting them ([`Plan::misplaced`]), and a write that finds one out of
    /// place starts over with [`Order::Check`]. Saves a pass over half a million
    /// detections when a write can be redone unseen (into a staging folder).
    Assume,
}

fn first_frame(object: &LabeledObject) -> u64 {
    u64::from(object.track().span().0)
}

fn last_frame(object: &LabeledObject) -> u64 {
    u64::from(object.track().span().1)
}

impl Plan {
    /// Cuts `listed` into chunks of about `frames_per_chunk` frames.
    ///
    /// Objects usually come in order of first frame (readers order tracks so): then the
    /// objects starting in a window are a range found by binary search, and only objects
    /// with several keyframes can reach past their first window. No array over all objects
    /// is built in that case: half a million detections would cost a pass of page faults.
    ///
    /// `single_keyframes`: with [`Order::Assume`], take every object to have one keyframe
    /// (a detection job), so none reaches past the window it starts in and none needs
    /// looking at for that. [`Order::Check`] looks at every object anyway.
    pub(super) fn new(
        objects: &[LabeledObject],
        listed: &[u32],
        frames_per_chunk: usize,
        single_keyframes: bool,
        order: Order,
    ) -> Self {
        let assumed = order == Order::Assume;
        let sorted = assumed
            || objects
                .par_windows(2)
                .all(|w| first_frame(&w[0]) <= first_frame(&w[1]));
        let order = (!sorted).then(|| {
            let mut order: Vec<usize> = (0..objects.len()).collect();
            order.par_sort_by_cached_key(|&o| first_frame(&objects[o]));
            order
        });
        // Objects by first frame (stable): position -> object index.
        let by_first = |i: usize| order.as_ref().map_or(i, |o| o[i]);
        let starting_before = |frame: u64| -> usize {
            match &order {
                None => objects.partition_point(|o| first_frame(o) < frame),
                Some(o) => o.partition_point(|&i| first_frame(&objects[i]) < frame),
            }
        };
        let single_keyframes = single_keyframes && assumed;
        let spanning: Vec<usize> = if single_keyframes {
            Vec::new()
        } else {
            (0..objects.len())
                .into_par_iter()
                .map(by_first)
                .filter(|&o| objects[o].track().keyframes().len() > 1)
                .collect()
        };
        let step = frames_per_chunk.max(1);
        let count = listed.len().div_ceil(step).max(1);
        let mut chunks = Vec::with_capacity(count);
        let mut carried: Vec<usize> = Vec::new();
        let mut next_spanning = 0;
        let mut start = 0;
        for i in 0..count {
            let slots = i * step..((i + 1) * step).min(listed.len());
            let low = if i == 0 {
                0
            } else {
                listed.get(slots.start).map_or(u64::MAX, |&f| u64::from(f))
            };
            let high = if i + 1 == count {
                u64::MAX
            } else {
                listed.get(slots.end).map_or(u64::MAX, |&f| u64::from(f))
            };
            // Started before the window and still there at its start.
            carried.retain(|&o| last_frame(&objects[o]) >= low);
            let before = carried.len();
            while let Some(&o) = spanning.get(next_spanning)
                && first_frame(&objects[o]) < low
            {
                if last_frame(&objects[o]) >= low {
                    carried.push(o);
                }
                next_spanning += 1;
            }
            if order.is_some() && carried.len() > before {
                carried.sort_unstable();
            }
            let end = if high == u64::MAX {
                objects.len()
            } else {
                starting_before(high)
            };
            chunks.push(Chunk {
                slots,
                low,
                high,
                carried: carried.clone(),
                started: start..end,
            });
            start = end;
        }
        Self {
            chunks,
            order,
            assumed,
            single_keyframes,
        }
    }

    /// With [`Order::Assume`]: whether an object given to `chunk` as starting in its window
    /// does not, or has more keyframes than assumed, so the plan is wrong and the write
    /// must start over with [`Order::Check`].
    pub(super) fn misplaced(&self, objects: &[LabeledObject], chunk: &Chunk) -> bool {
        self.assumed
            && objects
                .get(chunk.started.clone())
                .unwrap_or_default()
                .iter()
                .any(|o| {
                    let f = first_frame(o);
                    f < chunk.low
                        || f >= chunk.high
                        || (self.single_keyframes && o.track().keyframes().len() > 1)
                })
    }

    /// The objects of `chunk`, ascending.
    pub(super) fn objects(&self, chunk: &Chunk) -> Vec<usize> {
        let mut objects = chunk.carried.clone();
        match &self.order {
            None => objects.extend(chunk.started.clone()),
            Some(order) => {
                objects.extend_from_slice(&order[chunk.started.clone()]);
                objects.sort_unstable();
            }
        }
        objects
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use vframe_core::{ClassId, Keyframe, Track};
    use vframe_geom::{BoundingBox, Shape};

    fn object(frames: &[u32]) -> LabeledObject {
        let b: Shape = BoundingBox::new(0.0, 0.0, 1.0, 1.0).unwrap().into();
        let track = Track::new(
            frames
                .iter()
                .map(|&f| Keyframe::visible(f, b.clone()))
                .collect(),
        )
        .unwrap();
        LabeledObject::new(None, None, ClassId(0), track)
    }

    /// Objects each chunk must see: those with a keyframe in its window or spanning into it.
    fn expected(objects: &[LabeledObject], chunk: &Chunk) -> Vec<usize> {
        (0..objects.len())
            .filter(|&o| {
                let (first, last) = objects[o].track().span();
                u64::from(first) < chunk.high && u64::from(last) >= chunk.low
            })
            .collect()
    }

    #[test]
    fn no_frames_make_one_chunk_with_every_object() {
        let objects = vec![object(&[3]), object(&[1])];
        let plan = Plan::new(&objects, &[], 4, false, Order::Check);
        assert_eq!(plan.chunks.len(), 1);
        assert_eq!(plan.objects(&plan.chunks[0]), [0, 1]);
    }

    #[test]
    fn every_chunk_gets_the_objects_overlapping_its_window_in_order() {
        let listed: Vec<u32> = (0..40).map(|f| f * 2 + 1).collect();
        for objects in [
            // First frames ascending (the usual order) ...
            vec![
                object(&[0, 90]),
                object(&[1]),
                object(&[5, 9]),
                object(&[20, 21]),
            ],
            // ... and not.
            vec![
                object(&[33]),
                object(&[2, 50]),
                object(&[0]),
                object(&[79, 100]),
                object(&[7]),
            ],
        ] {
            for per_chunk in [1, 3, 7, 100] {
                let plan = Plan::new(&objects, &listed, per_chunk, false, Order::Check);
                assert!(plan.chunks.iter().all(|c| !plan.misplaced(&objects, c)));
                let slots: Vec<usize> = plan.chunks.iter().flat_map(|c| c.slots.clone()).collect();
                assert_eq!(slots, (0..listed.len()).collect::<Vec<_>>());
                for chunk in &plan.chunks {
                    let got = plan.objects(chunk);
                    let want = expected(&objects, chunk);
                    assert_eq!(got, want, "{chunk:?}");
                }
            }
        }
    }

    #[test]
    fn an_assumed_order_that_is_wrong_shows_in_some_chunk_and_a_right_one_in_none() {
        let listed: Vec<u32> = (0..30).collect();
        let sorted = vec![
            object(&[0]),
            object(&[4]),
            object(&[4]),
            object(&[17]),
            object(&[29]),
        ];
        let mut shuffled = sorted.clone();
        shuffled.swap(1, 3);
        for per_chunk in [1, 4, 10, 30] {
            let plan = Plan::new(&sorted, &listed, per_chunk, true, Order::Assume);
            assert!(plan.chunks.iter().all(|c| !plan.misplaced(&sorted, c)));
            let plan = Plan::new(&shuffled, &listed, per_chunk, true, Order::Assume);
            let wrong = plan.chunks.iter().any(|c| plan.misplaced(&shuffled, c));
            // One window holding both swapped objects cannot tell (nor needs to).
            assert_eq!(wrong, per_chunk < 30, "{per_chunk}");
        }
    }

    #[test]
    fn an_object_with_more_keyframes_than_assumed_shows_in_its_chunk() {
        let listed: Vec<u32> = (0..30).collect();
        let objects = vec![object(&[0]), object(&[4, 20]), object(&[17])];
        for per_chunk in [1, 4, 10, 30] {
            let plan = Plan::new(&objects, &listed, per_chunk, true, Order::Assume);
            assert!(plan.chunks.iter().any(|c| plan.misplaced(&objects, c)));
            let plan = Plan::new(&objects, &listed, per_chunk, true, Order::Check);
            assert!(plan.chunks.iter().all(|c| !plan.misplaced(&objects, c)));
            let last = plan.chunks.iter().find(|c| c.high > 20).unwrap();
            assert!(plan.objects(last).contains(&1), "{per_chunk}");
        }
    }
}
