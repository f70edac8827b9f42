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
//! [`Strategy::Optimal`] solves it exactly by breadth-first search (fewest keyframes). What
//! makes that fast is the cone test of Imai and Iri: walking `j` forward from `i`, each
//! intermediate keyframe narrows the interval of slopes (per coordinate) a segment from `i`
//! may have; a segment to `j` is rejected in O(1) when its slope leaves the outer interval
//! (a necessary condition), accepted in O(1) when it stays inside an inner one (a sufficient
//! condition: per-coordinate error within `tolerance / sqrt 2` keeps every corner within
//! `tolerance`), and checked exactly in between. When the outer interval is empty no later
//! `j` can work, so the walk stops. Each keyframe is walked from at most once, so the cost is
//! O(n · r) for n keyframes and walks of length r (how far a segment can stretch).
//!
//! [`Strategy::Greedy`] takes the longest valid segment from each kept keyframe: simpler,
//! never fewer keyframes than optimal, often a few percent more.

use vframe_geom::algorithm::{Interpolate, InterpolationOptions, InterpolationPair, Iou};
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
pub enum Strategy {
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
    pub strategy: Strategy,
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
            strategy: Strategy::Optimal,
            max_gap: None,
            interpolation: InterpolationOptions::default(),
        }
    }

    /// The same options with another strategy.
    pub fn with_strategy(mut self, strategy: Strategy) -> Self {
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
        && let Some(k) = keyframes
            .iter()
            .find(|k| k.shape().is_some_and(|s| !matches!(s, Shape::BoundingBox(_))))
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
    let mut piece_start = 0;
    for end in 1..=run.len() {
        let forced = run.get(end).is_none_or(|k| k.attributes != run[end - 1].attributes);
        if !forced {
            continue;
        }
        let last = end - 1;
        let can_hold = absence.is_some() && end == run.len();
        let chosen = match options.strategy {
            Strategy::Optimal => model.optimal(piece_start, last, can_hold),
            Strategy::Greedy => model.greedy(piece_start, last, can_hold),
        };
        kept.extend(chosen.into_iter().map(|i| run[i].clone()));
        piece_start = end;
    }
}

/// The numbers compression reasons with, for one run.
struct Model<'a> {
    run: &'a [Keyframe],
    frames: Vec<f64>,
    absence_frame: Option<u32>,
    /// Cone coordinates, `dims` per keyframe (box edges, keypoint, or a polygon's mean vertex).
    coords: Vec<f64>,
    dims: usize,
    /// Half-width of the outer cone per coordinate, per keyframe (`dims` each).
    outer: Vec<f64>,
    /// Half-width of the inner cone, when it exists.
    inner: Option<f64>,
    boxes: Option<Vec<BoundingBox>>,
    tolerance: Tolerance,
    options: CompressOptions,
}

/// Slack so that rounding never makes the outer cone reject a valid segment.
fn slack(tolerance: f64) -> f64 {
    tolerance * 1e-9 + 1e-9
}

impl<'a> Model<'a> {
    fn new(run: &'a [Keyframe], absence: Option<&Keyframe>, options: &CompressOptions) -> Self {
        let frames = run.iter().map(|k| f64::from(k.frame)).collect();
        let boxes: Option<Vec<BoundingBox>> = run
            .iter()
            .map(|k| k.shape().and_then(Shape::as_bounding_box).copied())
            .collect();
        let keypoints: Option<Vec<Point>> = run
            .iter()
            .map(|k| k.shape().and_then(Shape::as_keypoint).map(|p| p.point()))
            .collect();
        let mut model = Self {
            run,
            frames,
            absence_frame: absence.map(|a| a.frame),
            coords: Vec::new(),
            dims: 0,
            outer: Vec::new(),
            inner: None,
            boxes: None,
            tolerance: options.tolerance,
            options: *options,
        };
        match (options.tolerance, boxes, keypoints) {
            (Tolerance::Pixels(eps), Some(boxes), _) => {
                model.dims = 4;
                for b in &boxes {
                    model
                        .coords
                        .extend([b.left, b.top, b.left + b.width, b.top + b.height]);
                }
                model.outer = vec![eps + slack(eps); 4 * boxes.len()];
                model.inner = inner_radius(eps);
                model.boxes = Some(boxes);
            }
            (Tolerance::MinIou(tau), Some(boxes), _) => {
                // IoU >= tau forces every edge within (side / tau) of the original's edge
                // (docs/interpolation.md derives it); a loose but safe outer cone.
                model.dims = 4;
                for b in &boxes {
                    model
                        .coords
                        .extend([b.left, b.top, b.left + b.width, b.top + b.height]);
                    let (rx, ry) = (b.width / tau, b.height / tau);
                    model.outer.extend([
                        rx + slack(rx),
                        ry + slack(ry),
                        rx + slack(rx),
                        ry + slack(ry),
                    ]);
                }
                model.boxes = Some(boxes);
            }
            (Tolerance::Pixels(eps), None, Some(points)) => {
                model.dims = 2;
                for p in &points {
                    model.coords.extend([p.x, p.y]);
                }
                model.outer = vec![eps + slack(eps); 2 * points.len()];
                model.inner = inner_radius(eps);
            }
            (Tolerance::Pixels(eps), None, None) => {
                // Polylines and polygons: with one vertex count throughout (and an
                // interpolation that keeps it), the interpolated mean vertex is the blend of
                // the means, and no vertex error can be smaller than the mean's error.
                let counts_agree = run
                    .windows(2)
                    .all(|w| vertex_count(&w[0]) == vertex_count(&w[1]));
                let keeps_count = matches!(
                    options.interpolation.vertex_count,
                    vframe_geom::algorithm::VertexCount::Union
                        | vframe_geom::algorithm::VertexCount::Max
                );
                if counts_agree && keeps_count {
                    model.dims = 2;
                    for k in run {
                        let (x, y) = mean_vertex(k);
                        model.coords.extend([x, y]);
                    }
                    model.outer = vec![eps + slack(eps); 2 * run.len()];
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

    /// Whether keyframe `j`'s shape is reproduced at `t` of the segment `i..j`... exactly:
    /// whether interpolating `i..j` keeps every keyframe strictly between within tolerance.
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
        match self.tolerance {
            Tolerance::Pixels(eps) => box_distance(a, b) <= eps,
            Tolerance::MinIou(tau) => a.iou(b) >= tau || a == b,
        }
    }

    fn within(&self, a: &Shape, b: &Shape) -> bool {
        let Tolerance::Pixels(eps) = self.tolerance else {
            return match (a, b) {
                (Shape::BoundingBox(x), Shape::BoundingBox(y)) => self.within_box(x, y),
                _ => false,
            };
        };
        shape_distance(a, b).is_some_and(|d| d <= eps)
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
        let mut cone = Cone::new(self.dims);
        loop {
            let mut holder = None;
            if layer.contains(&e) {
                return self.path(&parent, s, e);
            }
            // Latest first: among equally short paths, each keyframe's parent is the latest
            // one that reaches it, so ties resolve like the greedy pass, deterministically.
            layer.sort_unstable_by(|a, b| b.cmp(a));
            for &i in &layer {
                let reach = self.walk(i, e, can_hold, &mut cone, |j, valid| {
                    let slot = &mut parent[j - s];
                    if *slot == NONE && valid() {
                        *slot = i;
                        next.push(j);
                    }
                });
                if reach.holds {
                    holder = Some(holder.map_or(i, |h: usize| h.max(i)));
                }
            }
            if let Some(h) = holder {
                return self.path(&parent, s, h);
            }
            if next.is_empty() {
                // Unreachable: consecutive keyframes always link. Keep everything.
                return (s..=e).collect();
            }
            std::mem::swap(&mut layer, &mut next);
            next.clear();
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
        let mut cone = Cone::new(self.dims);
        while i < e {
            if can_hold && self.holds_to_end(i, e) {
                break;
            }
            let mut farthest = i + 1;
            let mut failed = false;
            self.walk(i, e, false, &mut cone, |j, valid| {
                if !failed {
                    if valid() {
                        farthest = j;
                    } else {
                        failed = true;
                    }
                }
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
    /// `visit(j, valid)` where `valid()` says (cheaply when the cones decide) whether
    /// `i..j` is a valid segment. Reports whether `i` can hold to the absence.
    fn walk(
        &self,
        i: usize,
        e: usize,
        want_hold: bool,
        cone: &mut Cone,
        mut visit: impl FnMut(usize, &mut dyn FnMut() -> bool),
    ) -> Reach {
        let d = self.dims;
        cone.reset();
        let mut holding = want_hold
            && self
                .absence_frame
                .is_some_and(|a| self.gap_ok(i, f64::from(a)));
        let fi = self.frames[i];
        let pi = &self.coords[i * d..(i + 1) * d];
        for j in i + 1..=e {
            let fj = self.frames[j];
            // Neighbouring keyframes always link, whatever the gap: nothing lies between.
            if j > i + 1 && !self.gap_ok(i, fj) {
                return Reach { holds: false };
            }
            let df = fj - fi;
            let pj = &self.coords[j * d..(j + 1) * d];
            let verdict = cone.judge(pi, pj, df);
            let mut valid = || match verdict {
                Verdict::Rejected => false,
                Verdict::Accepted => true,
                Verdict::Unknown => self.segment_ok(i, j),
            };
            visit(j, &mut valid);
            if holding && !self.hold_ok(i, j) {
                holding = false;
            }
            let outer = &self.outer[j * d..(j + 1) * d];
            if !cone.narrow(pi, pj, df, outer, self.inner) && !holding {
                return Reach { holds: false };
            }
        }
        Reach { holds: holding }
    }
}

struct Reach {
    holds: bool,
}

enum Verdict {
    Rejected,
    Accepted,
    Unknown,
}

/// Slope intervals per coordinate: outer (necessary) and inner (sufficient).
struct Cone {
    outer: Vec<(f64, f64)>,
    inner: Vec<(f64, f64)>,
    inner_alive: bool,
}

impl Cone {
    fn new(dims: usize) -> Self {
        Self {
            outer: vec![(f64::NEG_INFINITY, f64::INFINITY); dims],
            inner: vec![(f64::NEG_INFINITY, f64::INFINITY); dims],
            inner_alive: true,
        }
    }

    fn reset(&mut self) {
        self.outer.fill((f64::NEG_INFINITY, f64::INFINITY));
        self.inner.fill((f64::NEG_INFINITY, f64::INFINITY));
        self.inner_alive = true;
    }

    fn judge(&self, pi: &[f64], pj: &[f64], df: f64) -> Verdict {
        let mut inside_inner = self.inner_alive;
        for c in 0..pi.len() {
            let s = (pj[c] - pi[c]) / df;
            let (lo, hi) = self.outer[c];
            if !(s >= lo && s <= hi) {
                return Verdict::Rejected;
            }
            let (lo, hi) = self.inner[c];
            inside_inner &= s >= lo && s <= hi;
        }
        if inside_inner && !pi.is_empty() {
            Verdict::Accepted
        } else {
            Verdict::Unknown
        }
    }

    /// Adds keyframe `j` as a constraint; false when the outer cone is empty.
    fn narrow(&mut self, pi: &[f64], pj: &[f64], df: f64, outer: &[f64], inner: Option<f64>) -> bool {
        let mut alive = true;
        for c in 0..pi.len() {
            let base = pj[c] - pi[c];
            let (lo, hi) = &mut self.outer[c];
            *lo = lo.max((base - outer[c]) / df);
            *hi = hi.min((base + outer[c]) / df);
            alive &= *lo <= *hi;
            match inner {
                Some(r) => {
                    let (lo, hi) = &mut self.inner[c];
                    *lo = lo.max((base - r) / df);
                    *hi = hi.min((base + r) / df);
                }
                None => self.inner_alive = false,
            }
        }
        alive
    }
}

/// Per-coordinate error that surely passes, less a margin for rounding: the measure is per
/// coordinate, so the inner cone is the outer one shrunk by the margins of both.
fn inner_radius(eps: f64) -> Option<f64> {
    let r = eps - slack(eps);
    (r > 0.0).then_some(r)
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
        return a.iter().zip(b).map(|(p, q)| chebyshev(p, q)).fold(0.0, f64::max);
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
        assert_eq!(frames(&compress_track(&t, &CompressOptions::pixels(5.0)).unwrap()), [3]);
    }

    #[test]
    fn negative_or_nan_tolerance_is_refused() {
        let t = Track::new(vec![kp(0, 1.0)]).unwrap();
        for tol in [Tolerance::Pixels(-1.0), Tolerance::Pixels(f64::NAN), Tolerance::MinIou(0.0)] {
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
        assert_eq!(frames(&compress_track(&t, &CompressOptions::pixels(0.0)).unwrap()), [0, 5, 6, 9]);
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
        let g = compress_track(&t, &CompressOptions::pixels(1.0).with_strategy(Strategy::Greedy)).unwrap();
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
        let t = Track::new(xs.iter().enumerate().map(|(f, &x)| kp(f as u32, x)).collect()).unwrap();
        let o = compress_track(&t, &CompressOptions::pixels(1.0)).unwrap();
        let g = compress_track(&t, &CompressOptions::pixels(1.0).with_strategy(Strategy::Greedy)).unwrap();
        assert_eq!(frames(&o), [0, 3]);
        assert_eq!(frames(&g), [0, 1, 2, 3]);
    }
}
