//! Walking a track over one chunk's frame window, as `sample::walk_visible` walks it whole.

use vframe_core::{AttributeValues, Track};
use vframe_geom::Shape;
use vframe_geom::algorithm::{InterpolationOptions, InterpolationPair};

use super::plan::Chunk;

/// One frame of a track where the object is shown (as `sample::Shown`), with its slot among
/// the listed frames (`None` for a keyframe on an unlisted frame).
pub(super) struct Step<'s> {
    pub frame: u32,
    pub slot: Option<usize>,
    pub shape: &'s Shape,
    pub keyframe: bool,
    pub attributes: &'s AttributeValues,
}

/// `sample::walk_visible` restricted to the steps inside `chunk`'s window: the same steps in
/// the same order, and the same interpolated shapes (a pair of keyframes around a window
/// edge is interpolated in both chunks, identically). Listed frames are found by walking a
/// cursor along the chunk's slots rather than by a search per keyframe.
pub(super) fn walk_window<E>(
    track: &Track,
    listed: &[u32],
    chunk: &Chunk,
    mut each: impl FnMut(Step<'_>) -> Result<(), E>,
) -> Result<(), E> {
    let keyframes = track.keyframes();
    let first_inside = keyframes.partition_point(|k| u64::from(k.frame) < chunk.low);
    // The keyframe before the window may be interpolated into it.
    let start = first_inside.saturating_sub(1);
    let end = chunk.slots.end.min(listed.len());
    let mut cursor = chunk.slots.start;
    for (i, k) in keyframes.iter().enumerate().skip(start) {
        if u64::from(k.frame) >= chunk.high {
            break;
        }
        let Some(shape) = k.shape() else {
            continue;
        };
        if u64::from(k.frame) >= chunk.low {
            // Dense tracks step one frame at a time; an object with one keyframe may be
            // anywhere in the window: search the rest.
            if cursor < end && listed[cursor] < k.frame {
                cursor += 1;
                if let Some(rest) = listed.get(cursor..end) {
                    cursor += rest.partition_point(|&f| f < k.frame);
                }
            }
            let slot = (cursor < end && listed[cursor] == k.frame).then_some(cursor);
            each(Step {
                frame: k.frame,
                slot,
                shape,
                keyframe: true,
                attributes: &k.attributes,
            })?;
        }
        let Some(next) = keyframes.get(i + 1) else {
            break;
        };
        while cursor < end && listed[cursor] <= k.frame {
            cursor += 1;
        }
        let from = cursor;
        while cursor < end && listed[cursor] < next.frame {
            cursor += 1;
        }
        if from == cursor {
            continue;
        }
        let pair = next
            .shape()
            .and_then(|n| InterpolationPair::new(shape, n, InterpolationOptions::default()).ok());
        let span = f64::from(next.frame - k.frame);
        for (slot, &frame) in listed.iter().enumerate().take(cursor).skip(from) {
            let interpolated;
            let shape = match &pair {
                Some(p) => {
                    interpolated = p.at(f64::from(frame - k.frame) / span);
                    &interpolated
                }
                None => shape,
            };
            each(Step {
                frame,
                slot: Some(slot),
                shape,
                keyframe: false,
                attributes: &k.attributes,
            })?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::interchange::sample::{Shown, walk_visible};
    use vframe_core::Keyframe;
    use vframe_geom::BoundingBox;

    fn b(x: f64) -> Shape {
        BoundingBox::new(x, 0.0, 2.0, 2.0).unwrap().into()
    }

    fn chunk(listed: &[u32], slots: std::ops::Range<usize>) -> Chunk {
        let low = if slots.start == 0 {
            0
        } else {
            u64::from(listed[slots.start])
        };
        let high = listed.get(slots.end).map_or(u64::MAX, |&f| u64::from(f));
        Chunk {
            slots,
            low,
            high,
            carried: Vec::new(),
            started: 0..0,
        }
    }

    #[test]
    fn windows_together_walk_what_the_whole_walk_does_across_every_edge() {
        // Interpolation, a hold before an absence, a gap, keyframes on window edges and
        // one on an unlisted frame (19).
        let track = Track::new(vec![
            Keyframe::visible(1, b(0.0)),
            Keyframe::visible(6, b(10.0)),
            Keyframe::absent(9),
            Keyframe::visible(12, b(4.0)),
            Keyframe::visible(13, b(5.0)),
            Keyframe::visible(19, b(17.0)),
        ])
        .unwrap();
        let listed: Vec<u32> = (0..21).filter(|f| f % 4 != 3).collect();
        let mut whole = Vec::new();
        walk_visible::<()>(&track, &listed, |s: Shown<'_>| {
            whole.push((
                s.frame,
                s.shape.as_bounding_box().map(|b| b.left),
                s.keyframe,
            ));
            Ok(())
        })
        .unwrap();
        for size in 1..=listed.len() {
            let mut pieces = Vec::new();
            for start in (0..listed.len()).step_by(size) {
                let c = chunk(&listed, start..(start + size).min(listed.len()));
                walk_window::<()>(&track, &listed, &c, |s| {
                    match s.slot {
                        Some(i) => assert!(listed[i] == s.frame && c.slots.contains(&i)),
                        // A keyframe on an unlisted frame: still a step, in its window.
                        None => assert!(
                            !listed.contains(&s.frame)
                                && (c.low..c.high).contains(&u64::from(s.frame))
                        ),
                    }
                    pieces.push((
                        s.frame,
                        s.shape.as_bounding_box().map(|b| b.left),
                        s.keyframe,
                    ));
                    Ok(())
                })
                .unwrap();
            }
            assert_eq!(pieces, whole, "windows of {size} frames");
        }
        assert!(whole.iter().any(|s| !s.2), "some frames are interpolated");
    }
}
