//! Which objects are shown on a frame, without scanning every track.
//!
//! The index cuts the timeline into buckets of equal width and files each visible span of
//! each track under every bucket it touches, together with the few keyframes of the track
//! that fall in that bucket. The width is about eight mean keyframe gaps (widened when spans
//! are few and the timeline long), so a query reads one bucket, O(objects shown there), and
//! for each shown object binary-searches about eight keyframes instead of its whole track.
//! The index holds about one entry per eight keyframes plus one per span, and building it
//! is O(entries · log k).

use super::{FrameSpan, LabeledObject, ShapeAt, Track};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
struct Entry {
    object: u32,
    first: u32,
    last: u32,
    /// Keyframes `lo..hi` of the track hold the last keyframe on or before any frame of
    /// this span inside this bucket, so a query searches only them ...
    lo: u32,
    hi: u32,
    /// ... through a copy of their frame numbers at `frames[at..at + hi - lo]`, packed so
    /// the search reads one cache line instead of the keyframes themselves.
    at: u32,
}

/// An index from frame to the objects shown on it.
///
/// It describes the objects it was built from; rebuild it after editing them (building is
/// linear and cheap next to reading a file).
///
/// ```
/// use vframe_core::{FrameIndex, Keyframe, LabeledObject, ObjectId, ClassId, Track};
/// use vframe_geom::Keypoint;
///
/// let p = || Keypoint::new(0.0, 0.0).unwrap().into();
/// let object = |id: &str, a: u32, b: u32| LabeledObject::new(
///     Some(ObjectId::new(id)), None, ClassId(0),
///     Track::new(vec![Keyframe::visible(a, p()), Keyframe::visible(b, p())]).unwrap(),
/// );
/// let objects = vec![object("a", 0, 10), object("b", 5, 20), object("c", 30, 40)];
/// let index = FrameIndex::new(&objects);
/// assert_eq!(index.objects_on(7).collect::<Vec<_>>(), [0, 1]);
/// assert_eq!(index.visible_on(&objects, 35).count(), 1);
/// assert_eq!(index.objects_on(25).count(), 0);
/// ```
#[derive(Debug, Clone, Default)]
pub struct FrameIndex {
    origin: u32,
    width: u32,
    /// `entries[offsets[b]..offsets[b + 1]]` are the spans touching bucket `b`.
    offsets: Vec<usize>,
    entries: Vec<Entry>,
    frames: Vec<u32>,
}

impl FrameIndex {
    /// The index of these objects' visible spans (positions as in the slice).
    pub fn new(objects: &[LabeledObject]) -> Self {
        Self::from_tracks(objects.iter().map(LabeledObject::track))
    }

    /// The index of these tracks' visible spans, numbered in iteration order.
    pub fn from_tracks<'a>(tracks: impl IntoIterator<Item = &'a Track>) -> Self {
        let tracks: Vec<&Track> = tracks.into_iter().collect();
        // (object, span, first keyframe of the span)
        let spans: Vec<(u32, FrameSpan, usize)> = tracks
            .iter()
            .enumerate()
            .flat_map(|(object, track)| {
                let object = u32::try_from(object).unwrap_or(u32::MAX);
                track.span_keyframes().map(move |(s, k)| (object, s, k))
            })
            .collect();
        let (Some(origin), Some(end)) = (
            spans.iter().map(|(_, s, _)| s.first).min(),
            spans.iter().map(|(_, s, _)| s.last).max(),
        ) else {
            return Self::default();
        };
        let frames: u64 = spans.iter().map(|(_, s, _)| s.len()).sum();
        let keyframes: u64 = tracks.iter().map(|t| t.keyframes().len() as u64).sum();
        let count = spans.len() as u64;
        let range = u64::from(end - origin) + 1;
        // About eight keyframes of a track per bucket, so each query's binary search is
        // short and touches little memory; never more than four buckets per span.
        let width = (8 * frames)
            .div_ceil(keyframes.max(1))
            .max(range.div_ceil(4 * count))
            .max(1);
        let width = u32::try_from(width).unwrap_or(u32::MAX);
        let buckets = ((end - origin) / width) as usize + 1;
        let bucket_of = |frame: u32| ((frame - origin) / width) as usize;
        let mut offsets = vec![0usize; buckets + 1];
        for (_, s, _) in &spans {
            for bucket in bucket_of(s.first)..=bucket_of(s.last) {
                offsets[bucket + 1] += 1;
            }
        }
        for b in 0..buckets {
            offsets[b + 1] += offsets[b];
        }
        let mut fill = offsets.clone();
        let mut entries = vec![Entry::default(); offsets[buckets]];
        let mut frames = Vec::new();
        for &(object, s, start) in &spans {
            let keys = tracks[object as usize].keyframes();
            for bucket in bucket_of(s.first)..=bucket_of(s.last) {
                let b0 = origin.saturating_add((bucket as u32).saturating_mul(width));
                let b1 = b0.saturating_add(width - 1);
                let (from, to) = (b0.max(s.first), b1.min(s.last));
                let lo = keys
                    .partition_point(|k| k.frame <= from)
                    .saturating_sub(1)
                    .max(start);
                let hi = keys.partition_point(|k| k.frame <= to).max(lo + 1);
                let at = u32::try_from(frames.len()).unwrap_or(u32::MAX);
                frames.extend(keys.get(lo..hi).unwrap_or(&[]).iter().map(|k| k.frame));
                entries[fill[bucket]] = Entry {
                    object,
                    first: s.first,
                    last: s.last,
                    lo: u32::try_from(lo).unwrap_or(u32::MAX),
                    hi: u32::try_from(hi).unwrap_or(u32::MAX),
                    at,
                };
                fill[bucket] += 1;
            }
        }
        Self {
            origin,
            width,
            offsets,
            entries,
            frames,
        }
    }

    fn bucket(&self, frame: u32) -> &[Entry] {
        let bucket = frame
            .checked_sub(self.origin)
            .map(|d| (d / self.width.max(1)) as usize);
        bucket
            .and_then(|b| Some(*self.offsets.get(b)?..*self.offsets.get(b + 1)?))
            .and_then(|r| self.entries.get(r))
            .unwrap_or(&[])
    }

    /// Positions of the objects shown on `frame`, ascending.
    pub fn objects_on(&self, frame: u32) -> impl Iterator<Item = usize> + '_ {
        self.bucket(frame)
            .iter()
            .filter(move |e| e.first <= frame && frame <= e.last)
            .map(|e| e.object as usize)
    }

    /// The objects shown on `frame` with their shapes. `objects` must be the slice the index
    /// was built from.
    pub fn visible_on<'a>(
        &'a self,
        objects: &'a [LabeledObject],
        frame: u32,
    ) -> impl Iterator<Item = (usize, ShapeAt<'a>)> + 'a {
        self.shapes_on(frame, move |i| objects.get(i).map(LabeledObject::track))
    }

    /// The same as [`FrameIndex::visible_on`] for tracks given directly.
    pub fn visible_tracks_on<'a>(
        &'a self,
        tracks: &'a [Track],
        frame: u32,
    ) -> impl Iterator<Item = (usize, ShapeAt<'a>)> + 'a {
        self.shapes_on(frame, move |i| tracks.get(i))
    }

    fn shapes_on<'a>(
        &'a self,
        frame: u32,
        track: impl Fn(usize) -> Option<&'a Track> + 'a,
    ) -> impl Iterator<Item = (usize, ShapeAt<'a>)> + 'a {
        self.bucket(frame)
            .iter()
            .filter(move |e| e.first <= frame && frame <= e.last)
            .filter_map(move |e| {
                let i = e.object as usize;
                let (lo, hi, at) = (e.lo as usize, e.hi as usize, e.at as usize);
                let packed = self.frames.get(at..at + (hi - lo)).unwrap_or(&[]);
                let after = lo + packed.partition_point(|&f| f <= frame);
                let shape = track(i)?.shape_at_located(frame, after);
                shape.is_visible().then_some((i, shape))
            })
    }

    /// How many (span, bucket) entries the index holds: its memory is 24 bytes each, plus
    /// 4 bytes per keyframe.
    pub fn entry_count(&self) -> usize {
        self.entries.len()
    }
}
