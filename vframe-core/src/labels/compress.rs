//! Keyframe compression: the fewest keyframes whose interpolation reproduces a dense track
//! within a tolerance (the inverse of interpolation).
//!
//! A dense track (every annotation a keyframe, as read from Ground Truth or MOT) is cut at
//! its absences and at every keyframe whose attribute values differ from the one before (an
//! attribute change must stay a keyframe, because attributes hold from the left). Each piece
//! is a shortest-path problem: keyframes are nodes, and keyframe `i` links to `j` when
//! interpolating from `i` to `j` reproduces every keyframe in between within the tolerance.
//! The last piece before an absence may also end by *holding* a keyframe's shape until the
//! absence, when every later keyframe of the piece is within the tolerance of it.
//!
//! [`CompressionStrategy::Optimal`] solves it exactly by breadth-first search (fewest keyframes). What
//! makes that fast is the cone test of Imai and Iri: walking `j` forward from `i`, each
//! intermediate keyframe narrows the interval of slopes (per coordinate) a segment from `i`
//! may have; a segment to `j` is rejected in O(1) when its slope leaves the outer interval
//! (a necessary condition), accepted in O(1) when it stays inside an inner one (a sufficient
//! condition: per-coordinate error within `tolerance / sqrt 2` keeps every corner within
//! `tolerance`), and checked exactly in between. When the outer interval is empty no later
//! `j` can work, so the walk stops. Each keyframe is walked from at most once, so the cost is
//! O(n · r) for n keyframes and walks of length r (how far a segment can stretch).
//!
//! [`CompressionStrategy::Greedy`] takes the longest valid segment from each kept keyframe: simpler,
//! never fewer keyframes than optimal, often a few percent more.

use vframe_geom::algorithm::{
    Interpolate, InterpolationOptions, InterpolationPair, Iou, VertexCount,
};
use vframe_geom::{BoundingBox, Point, Shape};

use super::{Keyframe, LabeledObject, SequenceLabels, Track};
use crate::CoreError;

/// How far an interpolated shape may be from the original.
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub enum Tolerance {
    /// Largest horizontal or vertical move, in pixels, between a vertex of the original and
    /// the same vertex of the interpolated shape: for a box, every edge stays within this
    /// many pixels of the original edge. For shapes whose vertex counts differ, each
    /// vertex's (Euclidean) distance to the other outline, both ways. `0` keeps only the
    /// keyframes that linear motion does not reproduce exactly.
    Pixels(f64),
    /// Smallest intersection over union of the original and the interpolated box, in
    /// `(0, 1]`. Bounding boxes only.
    MinIou(f64),
}

/// How to choose keyframes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum CompressionStrategy {
    /// The fewest keyframes (exact shortest path).
    #[default]
    Optimal,
    /// The longest valid segment from each kept keyframe, one pass.
    Greedy,
}

/// Options of [`compress_track`].
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub struct CompressOptions {
    /// How close the interpolation must stay to the original.
    pub tolerance: Tolerance,
    /// Optimal or greedy.
    pub strategy: CompressionStrategy,
    /// The most frames between two kept keyframes (or from a kept keyframe to an absence it
    /// holds until), e.g. to keep a keyframe every second for a UI; `None` for no limit.
    pub max_gap: Option<u32>,
    /// The interpolation the compressed track will be read with.
    pub interpolation: InterpolationOptions,
}

impl CompressOptions {
    /// Optimal compression within `pixels`, no gap limit, default interpolation.
    pub fn pixels(pixels: f64) -> Self {
        Self::new(Tolerance::Pixels(pixels))
    }

    /// Optimal compression with this tolerance.
    pub fn new(tolerance: Tolerance) -> Self {
        Self {
            tolerance,
            strategy: CompressionStrategy::Optimal,
            max_gap: None,
            interpolation: InterpolationOptions::default(),
        }
    }

    /// The same options with another strategy.
    pub fn with_strategy(mut self, strategy: CompressionStrategy) -> Self {
        self.strategy = strategy;
        self
    }

    /// The same options with a gap limit.
    pub fn with_max_gap(mut self, max_gap: u32) -> Self {
        self.max_gap = Some(max_gap);
        self
    }

    fn check(&self) -> Result<(), CoreError> {
        let ok = match self.tolerance {
            Tolerance::Pixels(p) => p.is_finite() && p >= 0.0,
            Tolerance::MinIou(t) => t > 0.0 && t <= 1.0,
        };
        if ok {
            Ok(())
        } else {
            Err(CoreError::InvalidTolerance {
                message: format!(
                    "{:?}: pixels must be a finite number >= 0, IoU a number in (0, 1]",
                    self.tolerance
                ),
            })
        }
    }
}

/// The fewest keyframes of `track` whose interpolation reproduces every keyframe of it
/// within the tolerance. Absent keyframes and keyframes whose attribute values change are
/// kept; the first keyframe after each absence and the track's last keyframe are kept.
///
/// ```
/// use vframe_core::{compress_track, CompressOptions, Keyframe, Track};
/// use vframe_geom::BoundingBox;
///
/// // A box moving right at 3 px per frame, with 1 px of jitter on frame 5.
/// let kf = |f: u32, dx: f64| Keyframe::visible(f, BoundingBox::new(3.0 * f as f64 + dx, 0.0, 10.0, 10.0).unwrap().into());
/// let dense = Track::new((0..=10).map(|f| kf(f, if f == 5 { 1.0 } else { 0.0 })).collect())?;
/// let sparse = compress_track(&dense, &CompressOptions::pixels(2.0))?;
/// assert_eq!(sparse.keyframes().len(), 2);
/// let exact = compress_track(&dense, &CompressOptions::pixels(0.0))?;
/// assert_eq!(exact.keyframes().iter().map(|k| k.frame).collect::<Vec<_>>(), [0, 4, 5, 6, 10]);
/// # Ok::<(), vframe_core::CoreError>(())
/// ```
pub fn compress_track(track: &Track, options: &CompressOptions) -> Result<Track, CoreError> {
    options.check()?;
    let keyframes = track.keyframes();
    if let Tolerance::MinIou(_) = options.tolerance
        && let Some(k) = keyframes.iter().find(|k| {
            k.shape()
                .is_some_and(|s| !matches!(s, Shape::BoundingBox(_)))
        })
    {
        return Err(CoreError::InvalidTolerance {
            message: format!(
                "an IoU tolerance needs bounding boxes, but frame {} has a {}",
                k.frame,
                k.shape().map(|s| s.kind().describe()).unwrap_or("shape")
            ),
        });
    }
    let mut kept: Vec<Keyframe> = Vec::new();
    let mut start = 0;
    while start < keyframes.len() {
        let mut end = start;
        while end + 1 < keyframes.len() && keyframes[end + 1].is_visible() {
            end += 1;
        }
        let absence = keyframes.get(end + 1);
        compress_run(&keyframes[start..=end], absence, options, &mut kept);
        if let Some(a) = absence {
            kept.push(a.clone());
        }
        start = end + 2;
    }
    Track::new(kept)
}

/// Per-object counts from [`compress_labels`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompressedObject {
    /// How messages name the object (`object HEL:1 (id …)`).
    pub object: String,
    /// Keyframes after compression (absences included).
    pub kept: usize,
    /// Keyframes before.
    pub total: usize,
}

/// Every object of `labels` compressed; frames, class map and identities unchanged.
pub fn compress_labels(
    labels: &SequenceLabels,
    options: &CompressOptions,
) -> Result<(SequenceLabels, Vec<CompressedObject>), CoreError> {
    let mut out = SequenceLabels::new(labels.task(), labels.annotation_type());
    out.set_class_map(labels.class_map().clone());
    for f in labels.frames() {
        let frame = out.add_frame(f.index(), f.file.clone())?;
        frame.attributes = f.attributes.clone();
    }
    let mut report = Vec::with_capacity(labels.objects().len());
    for object in labels.objects() {
        let track = compress_track(object.track(), options)?;
        report.push(CompressedObject {
            object: object.describe(),
            kept: track.keyframes().len(),
            total: object.track().keyframes().len(),
        });
        out.add_object(LabeledObject::new(
            object.id().cloned(),
            object.name().cloned(),
            object.class_id(),
            track,
        ))?;
    }
    Ok((out, report))
}

/// Keeps the keyframes of one run of visible keyframes (followed by `absence`, if any).
fn compress_run(
    run: &[Keyframe],
    absence: Option<&Keyframe>,
    options: &CompressOptions,
    kept: &mut Vec<Keyframe>,
) {
    let model = Model::new(run, absence, options);
    // Pieces end at each keyframe whose attribute values differ from the previous one's:
    // that keyframe must stay, and starts the next piece.
    let mut piece_start = 0;
    for end in 1..=run.len() {
        let last_piece = end == run.len();
        if !last_piece && run[end].attributes == run[end - 1].attributes {
            continue;
        }
        let (e, can_hold) = if last_piece {
            (end - 1, absence.is_some())
        } else {
            (end, false)
        };
        let mut chosen = match options.strategy {
            CompressionStrategy::Optimal => model.optimal(piece_start, e, can_hold),
            CompressionStrategy::Greedy => model.greedy(piece_start, e, can_hold),
        };
        if !last_piece {
            // `end` opens the next piece, which keeps it.
            chosen.pop();
        }
        kept.extend(chosen.into_iter().map(|i| run[i].clone()));
        piece_start = end;
    }
}

/// Pixel errors are compared with this grace (in pixels), so that floating-point rounding of
/// an exact tie never decides: integer coordinates often give errors of exactly the
/// tolerance, and `a * (1 - t) + b * t` may land one rounding step above it.
pub const ROUNDING_GRACE: f64 = 1e-9;

/// How far the cone arithmetic may drift from the interpolation's own arithmetic.
const MARGIN: f64 = 1e-10;

/// Cone coordinates per keyframe: a box's four edges, a keypoint, or a mean vertex.
type Coords = [f64; 4];

/// The numbers compression reasons with, for one run.
struct Model<'a> {
    run: &'a [Keyframe],
    frames: Vec<f64>,
    absence_frame: Option<u32>,
    coords: Vec<Coords>,
    /// How many of the four coordinates are used (0: no cone, every segment checked).
    dims: usize,
    /// Half-width of the outer cone: one for all keyframes, or one per keyframe (IoU).
    outer: f64,
    outer_per_frame: Option<Vec<Coords>>,
    /// Whether a slope well inside the cone is surely valid (pixel tolerances on boxes and
    /// keypoints, whose measure is per coordinate); otherwise the cone only rejects.
    sure_inside: bool,
    boxes: Option<Vec<BoundingBox>>,
    /// `1 / d` for whole frame distances `d`: the walk multiplies instead of dividing.
    inverse: Vec<f64>,
    options: CompressOptions,
}

fn edges(b: &BoundingBox) -> Coords {
    [b.left, b.top, b.left + b.width, b.top + b.height]
}

impl<'a> Model<'a> {
    fn new(run: &'a [Keyframe], absence: Option<&Keyframe>, options: &CompressOptions) -> Self {
        let frames: Vec<f64> = run.iter().map(|k| f64::from(k.frame)).collect();
        let boxes: Option<Vec<BoundingBox>> = run
            .iter()
            .map(|k| k.shape().and_then(Shape::as_bounding_box).copied())
            .collect();
        let keypoints: Option<Vec<Point>> = run
            .iter()
            .map(|k| k.shape().and_then(Shape::as_keypoint).map(|p| p.point()))
            .collect();
        let range = match (frames.first(), frames.last()) {
            (Some(a), Some(b)) => (b - a) as usize,
            _ => 0,
        };
        let mut model = Self {
            run,
            frames,
            absence_frame: absence.map(|a| a.frame),
            coords: Vec::new(),
            dims: 0,
            outer: f64::INFINITY,
            outer_per_frame: None,
            sure_inside: false,
            boxes: None,
            inverse: (0..=range.min(1 << 16)).map(|d| 1.0 / d as f64).collect(),
            options: *options,
        };
        match (options.tolerance, boxes, keypoints) {
            (Tolerance::Pixels(eps), Some(boxes), _) => {
                model.dims = 4;
                model.coords = boxes.iter().map(edges).collect();
                model.outer = eps + ROUNDING_GRACE + MARGIN;
                model.sure_inside = true;
                model.boxes = Some(boxes);
            }
            (Tolerance::MinIou(tau), Some(boxes), _) => {
                // IoU >= tau keeps every edge within (side / tau) of the original's edge
                // (docs/interpolation.md derives it): a loose but safe outer cone.
                model.dims = 4;
                model.coords = boxes.iter().map(edges).collect();
                model.outer_per_frame = Some(
                    boxes
                        .iter()
                        .map(|b| {
                            let (x, y) = (b.width / tau, b.height / tau);
                            let (x, y) = (x * (1.0 + 1e-9) + MARGIN, y * (1.0 + 1e-9) + MARGIN);
                            [x, y, x, y]
                        })
                        .collect(),
                );
                model.boxes = Some(boxes);
            }
            (Tolerance::Pixels(eps), None, Some(points)) => {
                model.dims = 2;
                model.coords = points.iter().map(|p| [p.x, p.y, 0.0, 0.0]).collect();
                model.outer = eps + ROUNDING_GRACE + MARGIN;
                model.sure_inside = true;
            }
            (Tolerance::Pixels(eps), None, None) => {
                // Polylines and polygons: with one vertex count throughout (and an
                // interpolation that keeps it), the interpolated mean vertex is the blend of
                // the means, and no vertex moves less than the mean does. A necessary
                // condition only: every segment is still checked.
                let counts_agree = run
                    .windows(2)
                    .all(|w| vertex_count(&w[0]) == vertex_count(&w[1]));
                let keeps_count = matches!(
                    options.interpolation.vertex_count,
                    VertexCount::Union | VertexCount::Max
                );
                if counts_agree && keeps_count {
                    model.dims = 2;
                    model.coords = run
                        .iter()
                        .map(|k| {
                            let (x, y) = mean_vertex(k);
                            [x, y, 0.0, 0.0]
                        })
                        .collect();
                    model.outer = eps + ROUNDING_GRACE + MARGIN;
                }
            }
            _ => {}
        }
        model
    }

    fn gap_ok(&self, i: usize, frame: f64) -> bool {
        self.options
            .max_gap
            .is_none_or(|g| frame - self.frames[i] <= f64::from(g))
    }

    #[inline]
    fn inverse(&self, df: f64) -> f64 {
        // Frames come from `u32`s, so `df` is an exact whole number and indexes the table.
        match self.inverse.get(df as usize) {
            Some(&inv) => inv,
            None => 1.0 / df,
        }
    }

    /// Whether interpolating `i..j` keeps every keyframe strictly between within tolerance,
    /// computed with the interpolation itself.
    fn segment_ok(&self, i: usize, j: usize) -> bool {
        if j <= i + 1 {
            return true;
        }
        let (fi, fj) = (self.frames[i], self.frames[j]);
        let t = |k: usize| (self.frames[k] - fi) / (fj - fi);
        if let Some(boxes) = &self.boxes {
            let (a, b) = (boxes[i], boxes[j]);
            return (i + 1..j).all(|k| self.within_box(&a.interpolate(&b, t(k)), &boxes[k]));
        }
        let (Some(a), Some(b)) = (self.run[i].shape(), self.run[j].shape()) else {
            return false;
        };
        let Ok(pair) = InterpolationPair::new(a, b, self.options.interpolation) else {
            return false;
        };
        (i + 1..j).all(|k| {
            self.run[k]
                .shape()
                .is_some_and(|orig| self.within(&pair.at(t(k)), orig))
        })
    }

    /// Whether holding keyframe `i`'s shape keeps keyframe `k` within tolerance.
    fn hold_ok(&self, i: usize, k: usize) -> bool {
        if let Some(boxes) = &self.boxes {
            return self.within_box(&boxes[i], &boxes[k]);
        }
        match (self.run[i].shape(), self.run[k].shape()) {
            (Some(a), Some(b)) => self.within(a, b),
            _ => false,
        }
    }

    fn within_box(&self, a: &BoundingBox, b: &BoundingBox) -> bool {
        match self.options.tolerance {
            Tolerance::Pixels(eps) => box_distance(a, b) <= eps + ROUNDING_GRACE,
            Tolerance::MinIou(tau) => a == b || a.iou(b) >= tau,
        }
    }

    fn within(&self, a: &Shape, b: &Shape) -> bool {
        match (self.options.tolerance, a, b) {
            (Tolerance::Pixels(eps), _, _) => {
                shape_distance(a, b).is_some_and(|d| d <= eps + ROUNDING_GRACE)
            }
            (Tolerance::MinIou(_), Shape::BoundingBox(x), Shape::BoundingBox(y)) => {
                self.within_box(x, y)
            }
            _ => false,
        }
    }

    /// The fewest keyframes from `s` to `e` (indices into the run), both kept unless
    /// `can_hold` lets the piece end by holding a kept keyframe until the absence.
    fn optimal(&self, s: usize, e: usize, can_hold: bool) -> Vec<usize> {
        const NONE: usize = usize::MAX;
        let n = e - s + 1;
        let mut parent = vec![NONE; n];
        parent[0] = s;
        let mut layer = vec![s];
        let mut next = Vec::new();
        let mut frontier = s;
        loop {
            if layer.contains(&e) {
                return self.path(&parent, s, e);
            }
            // Latest first: among equally short paths, each keyframe's parent is the latest
            // one that reaches it, so ties resolve like the greedy pass, deterministically.
            layer.sort_unstable_by(|a, b| b.cmp(a));
            let mut holder = None;
            for &i in &layer {
                // A walk that cannot get past the farthest keyframe reached so far, where
                // every keyframe is already reached, would find nothing: skip it.
                if i < frontier
                    && self.cannot_pass(i, frontier)
                    && parent[i + 1 - s..=frontier - s].iter().all(|&p| p != NONE)
                {
                    continue;
                }
                let holds = self.walk(i, e, can_hold, |j, valid| {
                    let slot = &mut parent[j - s];
                    if *slot == NONE && valid() {
                        *slot = i;
                        next.push(j);
                        frontier = frontier.max(j);
                    }
                    true
                });
                if holds && holder.is_none() {
                    holder = Some(i);
                }
            }
            if let Some(h) = holder {
                return self.path(&parent, s, h);
            }
            if next.is_empty() {
                // Unreachable: neighbouring keyframes always link. Keep everything.
                return (s..=e).collect();
            }
            std::mem::swap(&mut layer, &mut next);
            next.clear();
        }
    }

    /// Whether the cone from `i` is surely empty by keyframe `b`, judged from the keyframes
    /// `i+1, i+2, i+4, …` and `b` only: a subset of the walk's constraints, so an empty result
    /// means the full walk from `i` would stop by `b` too. O(log(b - i)).
    fn cannot_pass(&self, i: usize, b: usize) -> bool {
        let d = self.dims;
        if d == 0 || self.outer_per_frame.is_some() {
            return false;
        }
        let (fi, pi) = (self.frames[i], self.coords[i]);
        let mut cone = Cone::new();
        let mut step = 1;
        loop {
            let k = (i + step).min(b);
            let inv = self.inverse(self.frames[k] - fi);
            if !cone.narrow(&pi, &self.coords[k], inv, &[self.outer; 4], d) {
                return true;
            }
            if k == b {
                return false;
            }
            step *= 2;
        }
    }

    fn path(&self, parent: &[usize], s: usize, mut at: usize) -> Vec<usize> {
        let mut out = vec![at];
        while at != s {
            at = parent[at - s];
            out.push(at);
        }
        out.reverse();
        out
    }

    /// One pass: from each kept keyframe, the farthest `j` before the first failing one.
    fn greedy(&self, s: usize, e: usize, can_hold: bool) -> Vec<usize> {
        let mut out = vec![s];
        let mut i = s;
        while i < e {
            if can_hold && self.holds_to_end(i, e) {
                break;
            }
            let mut farthest = i + 1;
            self.walk(i, e, false, |j, valid| {
                let ok = valid();
                if ok {
                    farthest = j;
                }
                ok
            });
            out.push(farthest);
            i = farthest;
        }
        out
    }

    fn holds_to_end(&self, i: usize, e: usize) -> bool {
        let gap_ok = self
            .absence_frame
            .is_some_and(|a| self.gap_ok(i, f64::from(a)));
        gap_ok && (i + 1..=e).all(|k| self.hold_ok(i, k))
    }

    /// Walks `j = i+1 ..= e` while a segment from `i` can still be valid, calling
    /// `visit(j, valid)` where `valid()` says (in O(1) when the cones decide) whether `i..j`
    /// is a valid segment; `visit` returns whether to go on. Returns whether `i` can hold
    /// its shape until the absence (only looked at when `want_hold`).
    fn walk(
        &self,
        i: usize,
        e: usize,
        want_hold: bool,
        mut visit: impl FnMut(usize, &dyn Fn() -> bool) -> bool,
    ) -> bool {
        let d = self.dims;
        let sure = self.sure_inside;
        let mut cone = Cone::new();
        let mut holding = want_hold
            && self
                .absence_frame
                .is_some_and(|a| self.gap_ok(i, f64::from(a)));
        let fi = self.frames[i];
        let pi = self.coords.get(i).copied().unwrap_or_default();
        let limit = self
            .options
            .max_gap
            .map_or(f64::INFINITY, |g| fi + f64::from(g));
        let frames = self.frames.get(i + 1..=e).unwrap_or(&[]);
        for (offset, &fj) in frames.iter().enumerate() {
            let j = i + 1 + offset;
            // Neighbouring keyframes always link, whatever the gap: nothing lies between.
            if offset > 0 && fj > limit {
                return false;
            }
            let inv = self.inverse(fj - fi);
            let pj = self.coords.get(j).copied().unwrap_or_default();
            let go_on = {
                let cone = &cone;
                let valid = || match cone.judge(&pi, &pj, inv, d, sure) {
                    Verdict::Rejected => false,
                    Verdict::Accepted => true,
                    Verdict::Unknown => self.segment_ok(i, j),
                };
                visit(j, &valid)
            };
            if holding && !self.hold_ok(i, j) {
                holding = false;
            }
            let alive = match &self.outer_per_frame {
                None => cone.narrow(&pi, &pj, inv, &[self.outer; 4], d),
                Some(per_frame) => cone.narrow(&pi, &pj, inv, &per_frame[j], d),
            };
            if !holding && (!alive || !go_on) {
                return false;
            }
        }
        holding
    }
}

enum Verdict {
    Rejected,
    Accepted,
    Unknown,
}

/// The interval of slopes, per coordinate, a segment from the walk's start may still have.
///
/// It is the *outer* cone (a necessary condition, widened by [`MARGIN`]). The sufficient
/// condition needs no intervals of its own: frames are whole numbers, so every `1 / d` is at
/// most 1, and the cone built with half-widths `2 · MARGIN` smaller lies within this one
/// shrunk by `2 · MARGIN` at each end.
struct Cone {
    lo: Coords,
    hi: Coords,
}

impl Cone {
    fn new() -> Self {
        Self {
            lo: [f64::NEG_INFINITY; 4],
            hi: [f64::INFINITY; 4],
        }
    }

    #[inline]
    fn judge(&self, pi: &Coords, pj: &Coords, inv: f64, dims: usize, sure: bool) -> Verdict {
        if dims == 0 {
            return Verdict::Unknown;
        }
        let mut inside = sure;
        for c in 0..dims.min(4) {
            let s = (pj[c] - pi[c]) * inv;
            let (lo, hi) = (self.lo[c], self.hi[c]);
            if !(s >= lo && s <= hi) {
                return Verdict::Rejected;
            }
            inside &= s >= lo + 2.0 * MARGIN && s <= hi - 2.0 * MARGIN;
        }
        if inside {
            Verdict::Accepted
        } else {
            Verdict::Unknown
        }
    }

    /// Adds keyframe `j` as a constraint; false when the cone is empty.
    #[inline]
    fn narrow(&mut self, pi: &Coords, pj: &Coords, inv: f64, outer: &Coords, dims: usize) -> bool {
        let mut alive = true;
        // Plain comparisons instead of `f64::max`/`min`: every input is finite here, and they
        // skip the NaN handling in the hottest loop of the optimal search. (A NaN bound would
        // be ignored either way: `NaN > lo` is false, as `lo.max(NaN)` is `lo`.) The constant
        // bound of the box case lets the loop unroll.
        #[inline(always)]
        fn tighten(cone: &mut Cone, c: usize, base: f64, outer: f64, inv: f64) -> bool {
            let lo = (base - outer) * inv;
            let hi = (base + outer) * inv;
            // Selects, not conditional stores: they compile to `maxsd`/`minsd`, branch-free.
            let (old_lo, old_hi) = (cone.lo[c], cone.hi[c]);
            let lo = if lo > old_lo { lo } else { old_lo };
            let hi = if hi < old_hi { hi } else { old_hi };
            cone.lo[c] = lo;
            cone.hi[c] = hi;
            lo <= hi
        }
        if dims == 4 {
            for c in 0..4 {
                alive &= tighten(self, c, pj[c] - pi[c], outer[c], inv);
            }
        } else {
            for c in 0..dims.min(4) {
                alive &= tighten(self, c, pj[c] - pi[c], outer[c], inv);
            }
        }
        alive
    }
}

fn vertex_count(k: &Keyframe) -> Option<usize> {
    match k.shape()? {
        Shape::Polyline { vertices } => Some(vertices.vertices().len()),
        Shape::Polygon { vertices } => Some(vertices.vertices().len()),
        _ => None,
    }
}

fn mean_vertex(k: &Keyframe) -> (f64, f64) {
    let v: &[Point] = match k.shape() {
        Some(Shape::Polyline { vertices }) => vertices.vertices(),
        Some(Shape::Polygon { vertices }) => vertices.vertices(),
        _ => &[],
    };
    let n = v.len().max(1) as f64;
    let (x, y) = v.iter().fold((0.0, 0.0), |(x, y), p| (x + p.x, y + p.y));
    (x / n, y / n)
}

/// How far apart two boxes are in [`Tolerance::Pixels`]' measure: the largest move of any
/// edge, which is the largest horizontal or vertical move of any corner.
pub fn box_distance(a: &BoundingBox, b: &BoundingBox) -> f64 {
    let dl = a.left - b.left;
    let dt = a.top - b.top;
    let dr = (a.left + a.width) - (b.left + b.width);
    let db = (a.top + a.height) - (b.top + b.height);
    dl.abs().max(dt.abs()).max(dr.abs()).max(db.abs())
}

fn chebyshev(p: &Point, q: &Point) -> f64 {
    (p.x - q.x).abs().max((p.y - q.y).abs())
}

/// The error measure of [`Tolerance::Pixels`] between two shapes of one kind; `None` for
/// shapes of different kinds.
pub fn shape_distance(a: &Shape, b: &Shape) -> Option<f64> {
    match (a, b) {
        (Shape::BoundingBox(x), Shape::BoundingBox(y)) => Some(box_distance(x, y)),
        (Shape::Keypoint(x), Shape::Keypoint(y)) => Some(chebyshev(&x.point(), &y.point())),
        (Shape::Polyline { vertices: x }, Shape::Polyline { vertices: y }) => {
            Some(vertex_distance(x.vertices(), y.vertices(), false))
        }
        (Shape::Polygon { vertices: x }, Shape::Polygon { vertices: y }) => {
            Some(vertex_distance(x.vertices(), y.vertices(), true))
        }
        _ => None,
    }
}

/// Same counts: the largest horizontal or vertical move between vertices of equal index.
/// Different counts: the largest (Euclidean, so stricter) distance from a vertex of either
/// shape to the other's outline.
fn vertex_distance(a: &[Point], b: &[Point], closed: bool) -> f64 {
    if a.len() == b.len() {
        return a
            .iter()
            .zip(b)
            .map(|(p, q)| chebyshev(p, q))
            .fold(0.0, f64::max);
    }
    to_outline(a, b, closed).max(to_outline(b, a, closed))
}

fn to_outline(points: &[Point], outline: &[Point], closed: bool) -> f64 {
    let n = outline.len();
    let edges = if closed { n } else { n.saturating_sub(1) };
    points
        .iter()
        .map(|p| {
            (0..edges)
                .map(|i| segment_distance(*p, outline[i], outline[(i + 1) % n]))
                .fold(f64::INFINITY, f64::min)
        })
        .fold(0.0, f64::max)
}

fn segment_distance(p: Point, a: Point, b: Point) -> f64 {
    let (dx, dy) = (b.x - a.x, b.y - a.y);
    let len2 = dx * dx + dy * dy;
    let t = if len2 > 0.0 {
        (((p.x - a.x) * dx + (p.y - a.y) * dy) / len2).clamp(0.0, 1.0)
    } else {
        0.0
    };
    (p.x - (a.x + t * dx)).hypot(p.y - (a.y + t * dy))
}

#[cfg(test)]
mod tests {
    use super::*;
    use vframe_geom::Keypoint;

    fn kp(frame: u32, x: f64) -> Keyframe {
        Keyframe::visible(frame, Keypoint::new(x, 0.0).unwrap().into())
    }

    fn frames(t: &Track) -> Vec<u32> {
        t.keyframes().iter().map(|k| k.frame).collect()
    }

    #[test]
    fn single_keyframe_track_stays() {
        let t = Track::new(vec![kp(3, 1.0)]).unwrap();
        assert_eq!(
            frames(&compress_track(&t, &CompressOptions::pixels(5.0)).unwrap()),
            [3]
        );
    }

    #[test]
    fn negative_or_nan_tolerance_is_refused() {
        let t = Track::new(vec![kp(0, 1.0)]).unwrap();
        for tol in [
            Tolerance::Pixels(-1.0),
            Tolerance::Pixels(f64::NAN),
            Tolerance::MinIou(0.0),
        ] {
            assert!(compress_track(&t, &CompressOptions::new(tol)).is_err());
        }
    }

    #[test]
    fn iou_tolerance_on_keypoints_is_refused() {
        let t = Track::new(vec![kp(0, 1.0)]).unwrap();
        let err = compress_track(&t, &CompressOptions::new(Tolerance::MinIou(0.5))).unwrap_err();
        assert!(err.to_string().contains("frame 0 has a keypoint"), "{err}");
    }

    #[test]
    fn attribute_change_forces_a_keyframe() {
        let mut ks: Vec<Keyframe> = (0..10).map(|f| kp(f, f64::from(f))).collect();
        for k in &mut ks[6..] {
            k.attributes.insert("pose".into(), "sitting".into());
        }
        let t = Track::new(ks).unwrap();
        assert_eq!(
            frames(&compress_track(&t, &CompressOptions::pixels(0.0)).unwrap()),
            [0, 6, 9]
        );
    }

    #[test]
    fn still_object_before_an_absence_holds_instead_of_keeping_its_last_keyframe() {
        let t = Track::new(vec![
            kp(0, 0.0),
            kp(1, 0.5),
            kp(2, 0.0),
            Keyframe::absent(3),
            kp(7, 4.0),
        ])
        .unwrap();
        let c = compress_track(&t, &CompressOptions::pixels(1.0)).unwrap();
        assert_eq!(frames(&c), [0, 3, 7]);
        let g = compress_track(
            &t,
            &CompressOptions::pixels(1.0).with_strategy(CompressionStrategy::Greedy),
        )
        .unwrap();
        assert_eq!(frames(&g), [0, 3, 7]);
    }

    #[test]
    fn max_gap_limits_the_distance_between_kept_keyframes() {
        let t = Track::new((0..=20).map(|f| kp(f, f64::from(f))).collect()).unwrap();
        let c = compress_track(&t, &CompressOptions::pixels(0.0).with_max_gap(8)).unwrap();
        assert_eq!(frames(&c), [0, 8, 16, 20]);
    }

    #[test]
    fn box_distance_is_the_largest_edge_move() {
        let a = BoundingBox::new(0.0, 0.0, 10.0, 10.0).unwrap();
        // Left moved 3 with the right edge fixed, bottom moved 4: the largest edge move is 4.
        let b = BoundingBox::new(3.0, 0.0, 7.0, 14.0).unwrap();
        assert_eq!(box_distance(&a, &b), 4.0);
    }

    #[test]
    fn optimal_finds_segments_that_fail_part_way_then_hold_again() {
        // 0..2 fails (frame 1 is 1.5 px off), yet 0..3 passes (each frame exactly 1 px off):
        // validity is not monotonic, so stopping at the first failure keeps too much.
        let xs = [-2.0, -2.0, 1.0, 1.0];
        let t = Track::new(
            xs.iter()
                .enumerate()
                .map(|(f, &x)| kp(f as u32, x))
                .collect(),
        )
        .unwrap();
        let o = compress_track(&t, &CompressOptions::pixels(1.0)).unwrap();
        let g = compress_track(
            &t,
            &CompressOptions::pixels(1.0).with_strategy(CompressionStrategy::Greedy),
        )
        .unwrap();
        assert_eq!(frames(&o), [0, 3]);
        assert_eq!(frames(&g), [0, 1, 2, 3]);
    }
}
