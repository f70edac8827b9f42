//! Small segment predicates shared by hit-testing, simplification and validity.
//!
//! Orientation uses geo's robust (adaptive-precision) `orient2d`, so "do these segments
//! cross" has an exact answer even for nearly collinear vertices; a float cross product
//! would flip sign on rounding noise and report phantom self-intersections.

use geo::kernels::{Kernel, Orientation, RobustKernel};

use crate::Point;

pub(crate) fn orient(p: Point, q: Point, r: Point) -> Orientation {
    RobustKernel::orient2d(p.into(), q.into(), r.into())
}

/// Distance from `p` to the segment `a`–`b`; a zero-length segment is a point.
pub(crate) fn point_segment_distance(p: Point, a: Point, b: Point) -> f64 {
    let (dx, dy) = (b.x - a.x, b.y - a.y);
    let len2 = dx * dx + dy * dy;
    let t = if len2 > 0.0 {
        (((p.x - a.x) * dx + (p.y - a.y) * dy) / len2).clamp(0.0, 1.0)
    } else {
        0.0
    };
    // `clamp` keeps NaN; a NaN `t` then gives a NaN distance, which callers treat as a miss.
    let (cx, cy) = (a.x + t * dx, a.y + t * dy);
    // With coordinates near f64::MAX the projection loses the small end of the segment
    // (`a + (b - a)` is not `b`), so the exact endpoint distances bound the result.
    (p.x - cx)
        .hypot(p.y - cy)
        .min(distance(p, a))
        .min(distance(p, b))
}

pub(crate) fn distance(a: Point, b: Point) -> f64 {
    (a.x - b.x).hypot(a.y - b.y)
}

/// Whether `q`, known to be collinear with `a`–`b`, lies within the segment's box.
fn on_collinear_segment(a: Point, b: Point, q: Point) -> bool {
    q.x >= a.x.min(b.x) && q.x <= a.x.max(b.x) && q.y >= a.y.min(b.y) && q.y <= a.y.max(b.y)
}

/// Whether the closed segments `a`–`b` and `c`–`d` share at least one point.
pub(crate) fn segments_intersect(a: Point, b: Point, c: Point, d: Point) -> bool {
    let (o1, o2) = (orient(a, b, c), orient(a, b, d));
    let (o3, o4) = (orient(c, d, a), orient(c, d, b));
    if o1 != o2 && o3 != o4 {
        return true;
    }
    (o1 == Orientation::Collinear && on_collinear_segment(a, b, c))
        || (o2 == Orientation::Collinear && on_collinear_segment(a, b, d))
        || (o3 == Orientation::Collinear && on_collinear_segment(c, d, a))
        || (o4 == Orientation::Collinear && on_collinear_segment(c, d, b))
}

/// Whether point `p` is inside the ring (even-odd rule; points on the boundary may go either
/// way, callers test edges first).
pub(crate) fn ring_contains(ring: &[Point], p: Point) -> bool {
    let n = ring.len();
    let mut inside = false;
    for i in 0..n {
        let (a, b) = (ring[i], ring[(i + 1) % n]);
        if (a.y > p.y) != (b.y > p.y) {
            let x = a.x + (p.y - a.y) / (b.y - a.y) * (b.x - a.x);
            if p.x < x {
                inside = !inside;
            }
        }
    }
    inside
}

/// Pairs of edges `(i, j)`, `i < j`, of a closed ring that share a point they should not:
/// non-adjacent edges that touch or cross, and adjacent edges that fold back onto each other
/// (a spike). Edge `i` runs from `ring[i]` to `ring[i + 1]`. The ring must hold no
/// consecutive repeated vertices (zero-length edges would count as touching their
/// neighbours' neighbours).
///
/// `O(m²)` pair tests: simple and allocation-free; labeling polygons have tens to hundreds of
/// vertices, where a sweep line would not pay for its setup. Stops after the first pair when
/// `first_only`.
pub(crate) fn ring_crossings(ring: &[Point], first_only: bool) -> Vec<(usize, usize)> {
    let m = ring.len();
    let mut out = Vec::new();
    if m < 3 {
        return out;
    }
    let at = |i: usize| ring[i % m];
    for i in 0..m {
        for j in i + 1..m {
            let hit = if j == i + 1 {
                folds_back(at(i), at(i + 1), at(i + 2))
            } else if i == 0 && j == m - 1 {
                folds_back(at(m - 1), at(0), at(1))
            } else {
                segments_intersect(at(i), at(i + 1), at(j), at(j + 1))
            };
            if hit {
                out.push((i, j));
                if first_only {
                    return out;
                }
            }
        }
    }
    out
}

/// Whether the path `a`→`b`→`c` turns back on itself along one line.
fn folds_back(a: Point, b: Point, c: Point) -> bool {
    orient(a, b, c) == Orientation::Collinear
        && (a.x - b.x) * (c.x - b.x) + (a.y - b.y) * (c.y - b.y) > 0.0
}
