//! Clipping shapes to the frame rectangle.

use super::area::ring_signed_area;
use crate::{BoundingBox, Keypoint, Point, Polygon, Polyline, Shape};

/// The part of a shape inside a frame rectangle (usually `0, 0, image width, image height`).
///
/// Trackers and interpolation happily produce shapes that leave the image; Ground Truth's
/// UI shows only the visible part, and exports are expected to stay inside the frame. The
/// output type says what can be left:
///
/// | shape | output | nothing left |
/// |---|---|---|
/// | [`BoundingBox`] | `Option<BoundingBox>` | `None` when the overlap has no area |
/// | [`Polygon`] | `Option<Polygon>` | `None` when fewer than 3 distinct vertices or no area remain |
/// | [`Polyline`] | `Vec<Polyline>` | empty; a polyline that leaves and re-enters the frame comes back in pieces |
/// | [`Keypoint`] | `Option<Keypoint>` | `None` when outside the frame (its border counts as inside) |
/// | [`Shape`] | `Vec<Shape>` | empty |
///
/// A frame with a non-finite field or a negative size holds nothing. A zero-area box or
/// polygon has no area to keep, so it clips to `None` even inside the frame.
///
/// Polygons use Sutherland–Hodgman against the four frame edges: `O(n)` per edge, no
/// allocation beyond the output, and exact in area for any simple polygon, concave ones
/// included. Its cost: a concave polygon that the frame cuts into several parts comes back
/// as one polygon whose parts are joined by zero-width bridges along the frame border (the
/// area is right, the ring touches itself). A UI that must show the parts separately can use
/// `geo`'s `BooleanOps::intersection`, which returns a multi-polygon, at about 20 times the
/// cost.
///
/// ```
/// use vframe_geom::algorithm::ClipToFrame;
/// use vframe_geom::{BoundingBox, Point, Polygon};
///
/// let frame = BoundingBox::new(0.0, 0.0, 100.0, 50.0)?;
/// let b = BoundingBox::new(90.0, -10.0, 20.0, 20.0)?;
/// assert_eq!(b.clip_to_frame(&frame), Some(BoundingBox::new(90.0, 0.0, 10.0, 10.0)?));
///
/// let far_away = Polygon::new(vec![Point::new(200.0, 0.0), Point::new(210.0, 0.0), Point::new(200.0, 9.0)])?;
/// assert_eq!(far_away.clip_to_frame(&frame), None);
/// # Ok::<(), vframe_geom::GeomError>(())
/// ```
pub trait ClipToFrame {
    /// What clipping gives back: `Option` for shapes that stay in one piece, `Vec` for
    /// shapes that can fall apart.
    type Output;

    /// The part of `self` inside `frame`.
    fn clip_to_frame(&self, frame: &BoundingBox) -> Self::Output;
}

/// Frame edges as `(x0, y0, x1, y1)`, or `None` if the frame holds nothing.
fn frame_edges(frame: &BoundingBox) -> Option<(f64, f64, f64, f64)> {
    let (x0, y0, x1, y1) = (frame.left, frame.top, frame.right(), frame.bottom());
    let finite = x0.is_finite() && y0.is_finite() && x1.is_finite() && y1.is_finite();
    // `>=` is false for NaN, so NaN sizes are refused here too.
    (finite && frame.width >= 0.0 && frame.height >= 0.0).then_some((x0, y0, x1, y1))
}

impl ClipToFrame for BoundingBox {
    type Output = Option<BoundingBox>;

    fn clip_to_frame(&self, frame: &BoundingBox) -> Option<BoundingBox> {
        let (fx0, fy0, fx1, fy1) = frame_edges(frame)?;
        let (right, bottom) = (self.right(), self.bottom());
        // `f64::max`/`min` ignore NaN, so a NaN field must be refused before them.
        if [self.left, self.top, right, bottom]
            .iter()
            .any(|v| v.is_nan())
        {
            return None;
        }
        let x0 = self.left.max(fx0);
        let y0 = self.top.max(fy0);
        let x1 = right.min(fx1);
        let y1 = bottom.min(fy1);
        if !(x1 > x0 && y1 > y0) {
            return None;
        }
        Some(BoundingBox {
            left: x0,
            top: y0,
            width: x1 - x0,
            height: y1 - y0,
        })
    }
}

impl ClipToFrame for Keypoint {
    type Output = Option<Keypoint>;

    fn clip_to_frame(&self, frame: &BoundingBox) -> Option<Keypoint> {
        let (x0, y0, x1, y1) = frame_edges(frame)?;
        (self.x >= x0 && self.x <= x1 && self.y >= y0 && self.y <= y1).then_some(*self)
    }
}

impl ClipToFrame for Polygon {
    type Output = Option<Polygon>;

    fn clip_to_frame(&self, frame: &BoundingBox) -> Option<Polygon> {
        let edges = frame_edges(frame)?;
        let ring = clip_ring(self.vertices(), edges);
        if ring.len() < Polygon::MIN_VERTICES || ring_signed_area(&ring) == 0.0 {
            return None;
        }
        Polygon::new(ring).ok()
    }
}

/// Sutherland–Hodgman against the four edges of `(x0, y0, x1, y1)`, dropping consecutive
/// repeated vertices (including a closing repeat) from the result.
pub(crate) fn clip_ring(ring: &[Point], (x0, y0, x1, y1): (f64, f64, f64, f64)) -> Vec<Point> {
    // Fast path: a ring already inside is returned as is (the common case for labels).
    if ring
        .iter()
        .all(|p| p.x >= x0 && p.x <= x1 && p.y >= y0 && p.y <= y1)
    {
        return dedup_ring(ring.to_vec());
    }
    // Each pass keeps the side where `inside(p)` holds; `cut` finds the crossing point
    // exactly on the clip line (the coordinate on that axis is set, not computed, so the
    // result never leaks outside the frame by a rounding error).
    let mut current = ring.to_vec();
    let mut next = Vec::with_capacity(ring.len() + 4);
    for side in 0..4 {
        next.clear();
        let inside = |p: Point| match side {
            0 => p.x >= x0,
            1 => p.x <= x1,
            2 => p.y >= y0,
            _ => p.y <= y1,
        };
        // x is clipped first, so when cutting y edges the other coordinate may also be
        // clamped to the frame's x range; when cutting x edges, y is still unclipped.
        let all = (f64::NEG_INFINITY, f64::INFINITY);
        let cut = |a: Point, b: Point| match side {
            0 => Point::new(x0, lerp_at(a.x, a.y, b.x, b.y, x0, all)),
            1 => Point::new(x1, lerp_at(a.x, a.y, b.x, b.y, x1, all)),
            2 => Point::new(lerp_at(a.y, a.x, b.y, b.x, y0, (x0, x1)), y0),
            _ => Point::new(lerp_at(a.y, a.x, b.y, b.x, y1, (x0, x1)), y1),
        };
        let Some(&last) = current.last() else {
            return Vec::new();
        };
        let mut prev = last;
        for &p in &current {
            match (inside(prev), inside(p)) {
                (true, true) => next.push(p),
                (true, false) => next.push(cut(prev, p)),
                (false, true) => {
                    next.push(cut(prev, p));
                    next.push(p);
                }
                (false, false) => {}
            }
            prev = p;
        }
        std::mem::swap(&mut current, &mut next);
    }
    dedup_ring(current)
}

/// The other coordinate where segment `(a_u, a_v)`–`(b_u, b_v)` crosses `u = at`, kept
/// within the segment's own span and `range`, so that rounding cannot leave either.
fn lerp_at(a_u: f64, a_v: f64, b_u: f64, b_v: f64, at: f64, range: (f64, f64)) -> f64 {
    let t = (at - a_u) / (b_u - a_u);
    let v = a_v + t * (b_v - a_v);
    let lo = a_v.min(b_v).max(range.0);
    let hi = a_v.max(b_v).min(range.1).max(lo);
    // The caller only cuts segments whose ends lie on both sides, so `b_u != a_u`; an
    // enormous span can still overflow (inf - inf = NaN), which becomes `lo`.
    if v.is_nan() { lo } else { v.clamp(lo, hi) }
}

fn dedup_ring(mut ring: Vec<Point>) -> Vec<Point> {
    ring.dedup();
    while ring.len() > 1 && ring.first() == ring.last() {
        ring.pop();
    }
    ring
}

impl ClipToFrame for Polyline {
    type Output = Vec<Polyline>;

    fn clip_to_frame(&self, frame: &BoundingBox) -> Vec<Polyline> {
        let Some(edges) = frame_edges(frame) else {
            return Vec::new();
        };
        let mut pieces: Vec<Vec<Point>> = Vec::new();
        let mut open = false;
        for w in self.vertices().windows(2) {
            let [a, b] = [w[0], w[1]];
            match clip_segment(a, b, edges) {
                Some((p, q, starts_at_a)) => {
                    match pieces.last_mut() {
                        Some(piece) if open && starts_at_a => piece.push(q),
                        _ => pieces.push(vec![p, q]),
                    }
                    // The piece stays open only if the segment reached `b` unclipped.
                    open = q == b;
                }
                None => open = false,
            }
        }
        pieces
            .into_iter()
            .filter_map(|piece| Polyline::new(piece).ok())
            .collect()
    }
}

/// Liang–Barsky: the visible part of `a`–`b`, and whether it starts at `a` itself.
/// A segment that only grazes a corner (a single point) is not visible.
fn clip_segment(
    a: Point,
    b: Point,
    (x0, y0, x1, y1): (f64, f64, f64, f64),
) -> Option<(Point, Point, bool)> {
    let (dx, dy) = (b.x - a.x, b.y - a.y);
    let (mut t0, mut t1) = (0.0_f64, 1.0_f64);
    for (p, q) in [
        (-dx, a.x - x0),
        (dx, x1 - a.x),
        (-dy, a.y - y0),
        (dy, y1 - a.y),
    ] {
        if p == 0.0 {
            if q < 0.0 {
                return None;
            }
        } else {
            let r = q / p;
            if p < 0.0 {
                t0 = t0.max(r);
            } else {
                t1 = t1.min(r);
            }
        }
    }
    let zero_length = dx == 0.0 && dy == 0.0;
    if !(t0 < t1 || (zero_length && t0 <= t1)) {
        return None;
    }
    let at = |t: f64| Point::new((a.x + t * dx).clamp(x0, x1), (a.y + t * dy).clamp(y0, y1));
    let p = if t0 == 0.0 { a } else { at(t0) };
    let q = if t1 == 1.0 { b } else { at(t1) };
    Some((p, q, t0 == 0.0))
}

impl ClipToFrame for Shape {
    type Output = Vec<Shape>;

    fn clip_to_frame(&self, frame: &BoundingBox) -> Vec<Shape> {
        match self {
            Shape::BoundingBox(b) => b
                .clip_to_frame(frame)
                .map(Shape::from)
                .into_iter()
                .collect(),
            Shape::Polygon { vertices } => vertices
                .clip_to_frame(frame)
                .map(Shape::from)
                .into_iter()
                .collect(),
            Shape::Polyline { vertices } => vertices
                .clip_to_frame(frame)
                .into_iter()
                .map(Shape::from)
                .collect(),
            Shape::Keypoint(k) => k
                .clip_to_frame(frame)
                .map(Shape::from)
                .into_iter()
                .collect(),
        }
    }
}

/// Whether a ring is convex (and simple): all turns one way, ignoring collinear vertices and
/// repeats, and the edge directions sweep round only once (a pentagram turns one way too,
/// but its x and y directions change sign more than twice).
pub(crate) fn is_convex(ring: &[Point]) -> bool {
    let n = ring.len();
    let edges: Vec<(f64, f64)> = (0..n)
        .map(|i| {
            (
                ring[(i + 1) % n].x - ring[i].x,
                ring[(i + 1) % n].y - ring[i].y,
            )
        })
        .filter(|&(dx, dy)| dx != 0.0 || dy != 0.0)
        .collect();
    let m = edges.len();
    if m < 3 {
        return false;
    }
    let mut turn = 0.0_f64;
    for i in 0..m {
        let (p, q) = (edges[i], edges[(i + 1) % m]);
        let cross = p.0 * q.1 - p.1 * q.0;
        if !cross.is_finite() {
            return false;
        }
        if cross != 0.0 {
            if turn == 0.0 {
                turn = cross.signum();
            } else if cross.signum() != turn {
                return false;
            }
        }
    }
    let flips = |component: fn(&(f64, f64)) -> f64| {
        let signs: Vec<f64> = edges
            .iter()
            .map(component)
            .filter(|v| *v != 0.0)
            .map(f64::signum)
            .collect();
        (0..signs.len())
            .filter(|&i| signs[i] != signs[(i + 1) % signs.len()])
            .count()
    };
    turn != 0.0 && flips(|e| e.0) <= 2 && flips(|e| e.1) <= 2
}

/// Sutherland–Hodgman of `subject` against the convex ring `clip`, as for the frame but
/// with arbitrary edge directions. The area of the result is exact up to rounding for any
/// simple subject.
pub(crate) fn clip_ring_convex(subject: &[Point], clip: &[Point]) -> Vec<Point> {
    let orientation = ring_signed_area(clip).signum();
    let mut current = subject.to_vec();
    let mut next = Vec::with_capacity(subject.len() + clip.len());
    let n = clip.len();
    for i in 0..n {
        let (a, b) = (clip[i], clip[(i + 1) % n]);
        let (ex, ey) = (b.x - a.x, b.y - a.y);
        if ex == 0.0 && ey == 0.0 {
            continue;
        }
        let side = |p: Point| orientation * (ex * (p.y - a.y) - ey * (p.x - a.x));
        next.clear();
        let Some(&last) = current.last() else {
            return Vec::new();
        };
        let (mut prev, mut prev_side) = (last, side(last));
        for &p in &current {
            let s = side(p);
            let (prev_in, in_) = (prev_side >= 0.0, s >= 0.0);
            if in_ != prev_in {
                // `prev_side - s` is non-zero because the two sides differ in sign.
                let t = prev_side / (prev_side - s);
                next.push(Point::new(
                    prev.x + t * (p.x - prev.x),
                    prev.y + t * (p.y - prev.y),
                ));
            }
            if in_ {
                next.push(p);
            }
            (prev, prev_side) = (p, s);
        }
        std::mem::swap(&mut current, &mut next);
    }
    dedup_ring(current)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ring(pts: &[(f64, f64)]) -> Vec<Point> {
        pts.iter().map(|&p| p.into()).collect()
    }

    #[test]
    fn collinear_ring_is_not_convex() {
        assert!(!is_convex(&ring(&[(0.0, 0.0), (1.0, 1.0), (2.0, 2.0)])));
    }

    #[test]
    fn ring_of_one_repeated_point_is_not_convex() {
        assert!(!is_convex(&ring(&[(1.0, 1.0), (1.0, 1.0), (1.0, 1.0)])));
    }

    #[test]
    fn spike_is_not_convex() {
        assert!(!is_convex(&ring(&[
            (0.0, 0.0),
            (4.0, 0.0),
            (8.0, 0.0),
            (6.0, 0.0),
            (4.0, 4.0)
        ])));
    }

    #[test]
    fn pentagram_turning_one_way_is_not_convex() {
        let star: Vec<Point> = (0..5)
            .map(|i| {
                let a = f64::from(i * 2) * std::f64::consts::TAU / 5.0;
                Point::new(a.cos(), a.sin())
            })
            .collect();
        assert!(!is_convex(&star));
    }

    #[test]
    fn concave_l_shape_is_not_convex() {
        let l = ring(&[
            (0.0, 0.0),
            (3.0, 0.0),
            (3.0, 1.0),
            (1.0, 1.0),
            (1.0, 3.0),
            (0.0, 3.0),
        ]);
        assert!(!is_convex(&l));
    }

    #[test]
    fn square_in_either_winding_with_repeats_and_collinear_points_is_convex() {
        let sq = ring(&[
            (0.0, 0.0),
            (1.0, 0.0),
            (1.0, 0.0),
            (2.0, 0.0),
            (2.0, 2.0),
            (0.0, 2.0),
        ]);
        assert!(is_convex(&sq));
        let rev: Vec<Point> = sq.iter().rev().copied().collect();
        assert!(is_convex(&rev));
    }

    #[test]
    fn clipping_against_a_convex_ring_keeps_the_overlap() {
        let subject = ring(&[(0.0, 0.0), (4.0, 0.0), (4.0, 4.0), (0.0, 4.0)]);
        let diamond = ring(&[(2.0, -1.0), (5.0, 2.0), (2.0, 5.0), (-1.0, 2.0)]);
        let out = clip_ring_convex(&subject, &diamond);
        assert_eq!(ring_signed_area(&out).abs(), 14.0);
    }
}
