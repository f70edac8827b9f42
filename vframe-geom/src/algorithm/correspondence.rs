//! Which vertex of one keyframe moves to which place on the next: computed once per keyframe
//! pair, then every in-between frame is a plain per-vertex blend.
//!
//! CVAT recomputes its arc-length matching on every in-between frame although it does not
//! depend on time; here the matching is a value ([`Correspondence`]) built once, and each
//! frame costs O(vertices).
//!
//! How the matching is chosen (see `docs/interpolation.md` for pictures):
//!
//! 1. **Equal vertex counts**: vertex `i` moves to vertex `i`. For polygons the start vertex
//!    and the winding of the right shape are chosen first: of the `2n` cyclic shifts and
//!    orientations, the one with the least total squared displacement wins, so a polygon
//!    redrawn from another corner or in the other direction does not spin or turn inside out.
//! 2. **Different vertex counts**: both shapes are parametrised by normalised arc length
//!    (a polygon's closing edge included). For polygons the right shape's start vertex and
//!    winding are aligned the same way, scored on both outlines sampled at uniform arc
//!    length. Each vertex of either shape is then paired with the point at the same arc-length
//!    position on the other shape ([`VertexCount::Union`]), so every corner of both keyframes
//!    is present and the in-between outline tends to the left shape as `t -> 0` and to the
//!    right one as `t -> 1`.
//! 3. A shape of zero length (all vertices on one spot) is parametrised by vertex index
//!    instead, so no length is ever divided by zero; repeated vertices give zero-length edges,
//!    which are stepped over.

use crate::{Point, Polygon, Polyline};

/// How many vertices an in-between polyline or polygon has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum VertexCount {
    /// Every vertex of both keyframes: equal counts give that count; different counts give
    /// between `max(n, m)` and `n + m` vertices, keeping every corner of both shapes.
    #[default]
    Union,
    /// `max(n, m)` on every in-between frame: the denser shape's vertices, with the sparser
    /// shape's vertices taking the nearest places (a stable count for tools that need one).
    Max,
    /// Exactly this many vertices (at least 2 for a polyline, 3 for a polygon), spread
    /// uniformly in arc length: CVAT's pre-2020 behaviour, for a constant count across tracks.
    Fixed(usize),
}

/// Options of polyline and polygon interpolation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct InterpolationOptions {
    /// The vertex count of in-between shapes.
    pub vertex_count: VertexCount,
    /// Whether a polygon's start vertex and winding are aligned automatically (default yes).
    /// Polylines are never reversed: their drawing order can carry meaning (a lane's side).
    pub align_polygons: bool,
}

impl Default for InterpolationOptions {
    fn default() -> Self {
        Self {
            vertex_count: VertexCount::Union,
            align_polygons: true,
        }
    }
}

impl InterpolationOptions {
    /// The default options with another vertex count.
    pub fn with_vertex_count(mut self, vertex_count: VertexCount) -> Self {
        self.vertex_count = vertex_count;
        self
    }

    /// The default options with polygon alignment on or off.
    pub fn with_polygon_alignment(mut self, align: bool) -> Self {
        self.align_polygons = align;
        self
    }
}

/// Pairs of (left place, right place), one per in-between vertex, in output order.
///
/// Evaluating at `t` blends each pair as `left * (1 - t) + right * t`, which gives the left
/// place exactly at `t = 0` and the right place exactly at `t = 1`.
///
/// ```
/// use vframe_geom::algorithm::{Correspondence, InterpolationOptions};
/// use vframe_geom::{Point, Polygon};
///
/// let square = Polygon::new(vec![
///     Point::new(0.0, 0.0), Point::new(4.0, 0.0), Point::new(4.0, 4.0), Point::new(0.0, 4.0),
/// ])?;
/// // The same square drawn from another corner, in the other direction.
/// let redrawn = Polygon::new(vec![
///     Point::new(4.0, 4.0), Point::new(4.0, 0.0), Point::new(0.0, 0.0), Point::new(0.0, 4.0),
/// ])?;
/// let c = Correspondence::polygon(&square, &redrawn, InterpolationOptions::default());
/// // Aligned: nothing moves half-way.
/// assert_eq!(c.at(0.5), square.vertices());
/// # Ok::<(), vframe_geom::GeomError>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Correspondence {
    pairs: Vec<(Point, Point)>,
}

impl Correspondence {
    /// The correspondence between two polylines (drawing order kept).
    pub fn polyline(left: &Polyline, right: &Polyline, options: InterpolationOptions) -> Self {
        Self::build(left.vertices(), right.vertices(), false, options)
    }

    /// The correspondence between two polygons, start vertex and winding aligned unless
    /// `options.align_polygons` is off.
    pub fn polygon(left: &Polygon, right: &Polygon, options: InterpolationOptions) -> Self {
        Self::build(left.vertices(), right.vertices(), true, options)
    }

    /// The (left, right) pairs.
    pub fn pairs(&self) -> &[(Point, Point)] {
        &self.pairs
    }

    /// The number of vertices of every in-between shape.
    pub fn len(&self) -> usize {
        self.pairs.len()
    }

    /// Whether there are no pairs (never, for pairs built from valid shapes).
    pub fn is_empty(&self) -> bool {
        self.pairs.is_empty()
    }

    /// The in-between vertices at `t` (0 = left, 1 = right), O(vertices).
    pub fn at(&self, t: f64) -> Vec<Point> {
        let mut out = Vec::with_capacity(self.pairs.len());
        self.at_into(t, &mut out);
        out
    }

    /// Like [`Correspondence::at`], reusing `out`'s allocation.
    pub fn at_into(&self, t: f64, out: &mut Vec<Point>) {
        let s = 1.0 - t;
        out.clear();
        out.extend(
            self.pairs
                .iter()
                .map(|(a, b)| Point::new(a.x * s + b.x * t, a.y * s + b.y * t)),
        );
    }

    fn build(left: &[Point], right: &[Point], closed: bool, options: InterpolationOptions) -> Self {
        let min = if closed { 3 } else { 2 };
        if let VertexCount::Fixed(n) = options.vertex_count {
            let right = if closed && options.align_polygons {
                align_by_arc_length(left, right)
            } else {
                right.to_vec()
            };
            return Self::uniform(left, &right, closed, n.max(min));
        }
        if left.len() == right.len() {
            let right = if closed && options.align_polygons {
                align_equal_counts(left, right)
            } else {
                right.to_vec()
            };
            return Self {
                pairs: left.iter().copied().zip(right).collect(),
            };
        }
        let right = if closed && options.align_polygons {
            align_by_arc_length(left, right)
        } else {
            right.to_vec()
        };
        match options.vertex_count {
            VertexCount::Max => Self::max_count(left, &right, closed),
            _ => Self::union(left, &right, closed),
        }
    }

    /// Every vertex of both shapes, each paired with the same arc-length place on the other.
    fn union(left: &[Point], right: &[Point], closed: bool) -> Self {
        let (lp, rp) = (params(left, closed), params(right, closed));
        let (mut li, mut ri) = (0, 0);
        let mut pairs = Vec::with_capacity(left.len() + right.len());
        let (mut lw, mut rw) = (
            Walker::new(left, &lp, closed),
            Walker::new(right, &rp, closed),
        );
        while li < left.len() || ri < right.len() {
            let u = lp.get(li).copied().unwrap_or(f64::INFINITY);
            let v = rp.get(ri).copied().unwrap_or(f64::INFINITY);
            if (u - v).abs() <= SAME_PLACE {
                pairs.push((left[li], right[ri]));
                li += 1;
                ri += 1;
            } else if u < v {
                pairs.push((left[li], rw.at(u)));
                li += 1;
            } else {
                pairs.push((lw.at(v), right[ri]));
                ri += 1;
            }
        }
        Self { pairs }
    }

    /// `max(n, m)` places: the denser shape's vertices, the sparser shape's vertices moved
    /// into the nearest free places in order.
    fn max_count(left: &[Point], right: &[Point], closed: bool) -> Self {
        let (lp, rp) = (params(left, closed), params(right, closed));
        let swap = left.len() < right.len();
        let (dense, dp, sparse, sp) = if swap {
            (right, &rp, left, &lp)
        } else {
            (left, &lp, right, &rp)
        };
        let k = dense.len();
        let mut slot_of = vec![None; k];
        let mut next_free = 0;
        for (i, &p) in sp.iter().enumerate() {
            let last_allowed = k - (sparse.len() - i);
            let nearest = nearest_index(dp, p).clamp(next_free, last_allowed);
            slot_of[nearest] = Some(i);
            next_free = nearest + 1;
        }
        let mut dw = Walker::new(dense, dp, closed);
        let mut sw = Walker::new(sparse, sp, closed);
        let pairs = (0..k)
            .map(|d| {
                let (dense_point, sparse_point) = match slot_of[d] {
                    Some(i) => (dw.at(sp[i]), sparse[i]),
                    None => (dense[d], sw.at(dp[d])),
                };
                if swap {
                    (sparse_point, dense_point)
                } else {
                    (dense_point, sparse_point)
                }
            })
            .collect();
        Self { pairs }
    }

    /// `n` places uniform in arc length on both shapes.
    fn uniform(left: &[Point], right: &[Point], closed: bool, n: usize) -> Self {
        let (lp, rp) = (params(left, closed), params(right, closed));
        let (mut lw, mut rw) = (
            Walker::new(left, &lp, closed),
            Walker::new(right, &rp, closed),
        );
        let pairs = (0..n)
            .map(|k| {
                let s = uniform_param(k, n, closed);
                (lw.at(s), rw.at(s))
            })
            .collect();
        Self { pairs }
    }
}

/// Arc-length places closer than this are the same place (both shapes have a vertex there).
const SAME_PLACE: f64 = 1e-12;

fn uniform_param(k: usize, n: usize, closed: bool) -> f64 {
    if closed {
        k as f64 / n as f64
    } else if k + 1 == n {
        1.0
    } else {
        k as f64 / (n - 1) as f64
    }
}

/// Normalised arc-length place of each vertex: in `[0, 1]` for a polyline (last = 1), in
/// `[0, 1)` for a polygon (the closing edge counts). A zero-length shape uses vertex index.
pub(crate) fn params(vertices: &[Point], closed: bool) -> Vec<f64> {
    let n = vertices.len();
    let mut cumulative = Vec::with_capacity(n);
    let mut total = 0.0;
    for (i, p) in vertices.iter().enumerate() {
        if i > 0 {
            total += dist(vertices[i - 1], *p);
        }
        cumulative.push(total);
    }
    if closed && let (Some(first), Some(last)) = (vertices.first(), vertices.last()) {
        total += dist(*last, *first);
    }
    if total > 0.0 && total.is_finite() {
        let mut out: Vec<f64> = cumulative.iter().map(|c| c / total).collect();
        if !closed && let Some(last) = out.last_mut() {
            *last = 1.0;
        }
        out
    } else {
        let steps = if closed { n } else { n.saturating_sub(1) }.max(1) as f64;
        (0..n).map(|i| i as f64 / steps).collect()
    }
}

fn dist(a: Point, b: Point) -> f64 {
    (a.x - b.x).hypot(a.y - b.y)
}

/// The index of the value in sorted `params` nearest to `p` (first of equals).
fn nearest_index(params: &[f64], p: f64) -> usize {
    let at = params.partition_point(|&q| q < p);
    match (at.checked_sub(1), params.get(at)) {
        (Some(before), Some(&after)) if p - params[before] <= after - p => before,
        (Some(before), None) => before,
        _ => at,
    }
}

/// Walks a shape by increasing arc-length place, each step amortised O(1).
struct Walker<'a> {
    vertices: &'a [Point],
    params: &'a [f64],
    closed: bool,
    segment: usize,
}

impl<'a> Walker<'a> {
    fn new(vertices: &'a [Point], params: &'a [f64], closed: bool) -> Self {
        Self {
            vertices,
            params,
            closed,
            segment: 0,
        }
    }

    /// The point at place `s`; places must not decrease between calls, except that a call
    /// with a smaller place restarts the walk.
    fn at(&mut self, s: f64) -> Point {
        let n = self.vertices.len();
        if n == 0 {
            return Point::default();
        }
        if self.params.get(self.segment).is_some_and(|&p| p > s) {
            self.segment = 0;
        }
        let segments = if self.closed { n } else { n - 1 };
        while self.segment + 1 < segments && self.end_param(self.segment) <= s {
            self.segment += 1;
        }
        let i = self.segment;
        let a = self.vertices[i];
        let b = self.vertices[(i + 1) % n];
        let (p0, p1) = (self.params[i], self.end_param(i));
        let span = p1 - p0;
        if span <= 0.0 {
            return if s >= p1 { b } else { a };
        }
        let f = ((s - p0) / span).clamp(0.0, 1.0);
        if f >= 1.0 {
            return b;
        }
        Point::new(a.x + (b.x - a.x) * f, a.y + (b.y - a.y) * f)
    }

    fn end_param(&self, segment: usize) -> f64 {
        self.params.get(segment + 1).copied().unwrap_or(1.0)
    }
}

/// `right` as an equal-count polygon rotated (and maybe reversed) to sit best on `left`.
fn align_equal_counts(left: &[Point], right: &[Point]) -> Vec<Point> {
    let n = left.len();
    let (lc, rc) = (centroid(left), centroid(right));
    let l: Vec<Point> = left.iter().map(|p| sub(*p, lc)).collect();
    let r: Vec<Point> = right.iter().map(|p| sub(*p, rc)).collect();
    let mut best = (f64::INFINITY, 0, false);
    for reversed in [false, true] {
        for shift in 0..n {
            let cost = cyclic_cost(&l, &r, shift, reversed);
            // Strictly less: ties keep the identity, then the smaller shift.
            if cost < best.0 {
                best = (cost, shift, reversed);
            }
        }
    }
    let (_, shift, reversed) = best;
    (0..n)
        .map(|i| right[index(i, shift, n, reversed)])
        .collect()
}

/// Total squared distance between `a[i]` and `b[index(i, shift, ..)]`, stepping the index
/// instead of taking a remainder per vertex (the division dominated the alignment's cost).
fn cyclic_cost(a: &[Point], b: &[Point], shift: usize, reversed: bool) -> f64 {
    let n = b.len();
    let mut j = shift % n.max(1);
    let mut cost = 0.0;
    for p in a {
        let q = b[j];
        cost += (p.x - q.x).powi(2) + (p.y - q.y).powi(2);
        j = if reversed {
            if j == 0 { n - 1 } else { j - 1 }
        } else if j + 1 == n {
            0
        } else {
            j + 1
        };
    }
    cost
}

fn index(i: usize, shift: usize, n: usize, reversed: bool) -> usize {
    if reversed {
        (shift + n - i % n) % n
    } else {
        (i + shift) % n
    }
}

/// `right` (any count) rotated to start at its best-matching vertex, maybe reversed, scored
/// on both outlines sampled at `k` uniform arc-length places: starting at right vertex `j`
/// shifts the right samples by `j`'s place, reversing walks them backwards, so each of the
/// `2m` candidates costs O(k) and nothing is resampled. O(m·k), k = max(32, 2·max(n, m)).
fn align_by_arc_length(left: &[Point], right: &[Point]) -> Vec<Point> {
    let k = (2 * left.len().max(right.len())).max(32);
    let centred_samples = |v: &[Point]| {
        let p = params(v, true);
        let mut w = Walker::new(v, &p, true);
        let samples: Vec<Point> = (0..k).map(|i| w.at(uniform_param(i, k, true))).collect();
        let c = centroid(&samples);
        samples
            .into_iter()
            .map(|q| sub(q, c))
            .collect::<Vec<Point>>()
    };
    let (ls, rs) = (centred_samples(left), centred_samples(right));
    let rp = params(right, true);
    let m = right.len();
    let mut best = (f64::INFINITY, 0, false);
    for reversed in [false, true] {
        for (start, place) in rp.iter().enumerate() {
            let shift = (place * k as f64).round() as usize % k;
            let cost = cyclic_cost(&ls, &rs, shift, reversed);
            if cost < best.0 {
                best = (cost, start, reversed);
            }
        }
    }
    let (_, start, reversed) = best;
    (0..m)
        .map(|i| right[index(i, start, m, reversed)])
        .collect()
}

fn centroid(points: &[Point]) -> Point {
    let n = points.len().max(1) as f64;
    let (x, y) = points
        .iter()
        .fold((0.0, 0.0), |(x, y), p| (x + p.x, y + p.y));
    Point::new(x / n, y / n)
}

fn sub(a: Point, b: Point) -> Point {
    Point::new(a.x - b.x, a.y - b.y)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(x: f64, y: f64) -> Point {
        Point::new(x, y)
    }

    #[test]
    fn zero_length_polyline_is_parametrised_by_index() {
        let v = [p(1.0, 1.0); 3];
        assert_eq!(params(&v, false), [0.0, 0.5, 1.0]);
        assert_eq!(params(&v, true), [0.0, 1.0 / 3.0, 2.0 / 3.0]);
    }

    #[test]
    fn repeated_vertices_share_a_place() {
        let v = [p(0.0, 0.0), p(0.0, 0.0), p(2.0, 0.0)];
        assert_eq!(params(&v, false), [0.0, 0.0, 1.0]);
        let lp = params(&v, false);
        let mut w = Walker::new(&v, &lp, false);
        assert_eq!(w.at(0.5), p(1.0, 0.0));
        assert_eq!(w.at(1.0), p(2.0, 0.0));
    }

    #[test]
    fn walker_restarts_on_smaller_place() {
        let v = [p(0.0, 0.0), p(1.0, 0.0), p(2.0, 0.0)];
        let lp = params(&v, false);
        let mut w = Walker::new(&v, &lp, false);
        assert_eq!(w.at(0.75), p(1.5, 0.0));
        assert_eq!(w.at(0.25), p(0.5, 0.0));
    }

    #[test]
    fn reversed_index_walks_backwards_from_shift() {
        let order: Vec<usize> = (0..4).map(|i| index(i, 2, 4, true)).collect();
        assert_eq!(order, [2, 1, 0, 3]);
    }

    #[test]
    fn nearest_index_prefers_first_of_ties() {
        assert_eq!(nearest_index(&[0.0, 0.5, 1.0], 0.25), 0);
        assert_eq!(nearest_index(&[0.0, 0.5, 1.0], 0.3), 1);
        assert_eq!(nearest_index(&[0.0, 0.5], 0.9), 1);
    }
}
