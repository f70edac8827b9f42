//! Which objects are shown on a frame, without scanning every track.
//!
//! The index cuts the timeline into buckets of equal width and files each visible span of
//! each track under every bucket it touches. The width is the mean span length (widened
//! when spans are few and the timeline long, so there are at most four buckets per span),
//! so a span sits in about two buckets and a query reads one bucket: O(spans in that
//! bucket), which is about twice the number of objects shown, plus O(log k) per shown object
//! to find its keyframe pair. Building it is O(total spans).

use super::{FrameSpan, LabeledObject, ShapeAt, Track};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Entry {
    object: u32,
    first: u32,
    last: u32,
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
}

impl FrameIndex {
    /// The index of these objects' visible spans (positions as in the slice).
    pub fn new(objects: &[LabeledObject]) -> Self {
        Self::from_tracks(objects.iter().map(LabeledObject::track))
    }

    /// The index of these tracks' visible spans, numbered in iteration order.
    pub fn from_tracks<'a>(tracks: impl IntoIterator<Item = &'a Track>) -> Self {
        let spans: Vec<Entry> = tracks
            .into_iter()
            .enumerate()
            .flat_map(|(object, track)| {
                let object = u32::try_from(object).unwrap_or(u32::MAX);
                track.spans().into_iter().map(move |s| Entry {
                    object,
                    first: s.first,
                    last: s.last,
                })
            })
            .collect();
        let (Some(origin), Some(end)) = (
            spans.iter().map(|e| e.first).min(),
            spans.iter().map(|e| e.last).max(),
        ) else {
            return Self::default();
        };
        let total: u64 = spans
            .iter()
            .map(|e| FrameSpan::new(e.first, e.last).len())
            .sum();
        let count = spans.len() as u64;
        let range = u64::from(end - origin) + 1;
        let mean = total.div_ceil(count);
        let width = mean.max(range.div_ceil(4 * count)).max(1);
        let width = u32::try_from(width).unwrap_or(u32::MAX);
        let buckets = ((end - origin) / width) as usize + 1;
        let bucket_range = |e: &Entry| {
            (
                ((e.first - origin) / width) as usize,
                ((e.last - origin) / width) as usize,
            )
        };
        let mut offsets = vec![0usize; buckets + 1];
        for e in &spans {
            let (a, b) = bucket_range(e);
            for bucket in a..=b {
                offsets[bucket + 1] += 1;
            }
        }
        for b in 0..buckets {
            offsets[b + 1] += offsets[b];
        }
        let mut fill = offsets.clone();
        let mut entries = vec![
            Entry {
                object: 0,
                first: 0,
                last: 0
            };
            offsets[buckets]
        ];
        for e in &spans {
            let (a, b) = bucket_range(e);
            for bucket in a..=b {
                entries[fill[bucket]] = *e;
                fill[bucket] += 1;
            }
        }
        Self {
            origin,
            width,
            offsets,
            entries,
        }
    }

    /// Positions of the objects shown on `frame`, ascending.
    pub fn objects_on(&self, frame: u32) -> impl Iterator<Item = usize> + '_ {
        let bucket = frame
            .checked_sub(self.origin)
            .map(|d| (d / self.width.max(1)) as usize);
        let slice = bucket
            .and_then(|b| Some(self.offsets.get(b)?..self.offsets.get(b + 1)?))
            .map(|r| &self.entries[*r.start..*r.end])
            .unwrap_or(&[]);
        slice
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
        self.objects_on(frame).filter_map(move |i| {
            let shape = objects.get(i)?.track().shape_at(frame);
            shape.is_visible().then_some((i, shape))
        })
    }

    /// The same as [`FrameIndex::visible_on`] for tracks given directly.
    pub fn visible_tracks_on<'a>(
        &'a self,
        tracks: &'a [Track],
        frame: u32,
    ) -> impl Iterator<Item = (usize, ShapeAt<'a>)> + 'a {
        self.objects_on(frame).filter_map(move |i| {
            let shape = tracks.get(i)?.shape_at(frame);
            shape.is_visible().then_some((i, shape))
        })
    }

    /// How many (span, bucket) entries the index holds: its memory is about 12 bytes each.
    pub fn entry_count(&self) -> usize {
        self.entries.len()
    }
}
