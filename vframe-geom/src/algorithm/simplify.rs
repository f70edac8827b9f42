//! Ramer–Douglas–Peucker simplification of polylines and polygons.

use super::segment::{distance, point_segment_distance, ring_crossings};
use crate::{Point, Polygon, Polyline, Shape};

/// Fewer vertices, same shape within `epsilon` pixels (Ramer–Douglas–Peucker).
///
/// Every removed vertex lies within `epsilon` of the simplified chain; kept vertices are
/// original vertices, never moved. Repeated vertices and exactly collinear ones are removed
/// even at `epsilon = 0`. A negative or NaN `epsilon` counts as `0`. The vertex count never
/// grows.
///
/// - **Polylines** keep both endpoints and at least two vertices.
/// - **Polygons** keep at least three vertices, and stay simple: RDP alone can make a
///   simplified edge cross another one (a thin neck collapses). When that happens on a
///   polygon that was simple, the offending edges are split again at their farthest removed
///   vertex until no edges cross. The ring is split at vertex 0 and the vertex farthest
///   from it, so vertex 0 always stays. The crossing check costs `O(m²)` segment tests in
///   the kept vertices `m` (on top of RDP's `O(n log n)` typical, `O(n²)` worst case), and is
///   repeated once per repair round; rounds are rare and each adds back at least one vertex.
/// - Boxes and keypoints are returned unchanged (a [`Shape`] of those kinds).
///
/// RDP was chosen over Visvalingam–Whyatt because its tolerance is a distance in pixels,
/// the unit a labeling UI and `vframe sparsify --tolerance` speak; VW's is an area.
///
/// ```
/// use vframe_geom::algorithm::Simplify;
/// use vframe_geom::{Point, Polyline};
///
/// let wobbly = Polyline::new(vec![
///     Point::new(0.0, 0.0),
///     Point::new(5.0, 0.4),
///     Point::new(10.0, -0.3),
///     Point::new(20.0, 0.0),
/// ])?;
/// let straight = wobbly.simplify(1.0);
/// assert_eq!(straight.vertices(), &[Point::new(0.0, 0.0), Point::new(20.0, 0.0)]);
/// # Ok::<(), vframe_geom::GeomError>(())
/// ```
pub trait Simplify {
    /// The simplified shape.
    fn simplify(&self, epsilon: f64) -> Self;
}

/// Marks in `kept` the vertices RDP keeps strictly between `first` and `last` of `points`.
/// An explicit stack instead of recursion: a 100,000-vertex zigzag must not overflow.
fn rdp_mark(points: &[Point], first: usize, last: usize, epsilon: f64, kept: &mut [bool]) {
    let mut stack = vec![(first, last)];
    while let Some((a, b)) = stack.pop() {
        if let Some((i, d)) = farthest_between(points, a, b)
            && d > epsilon
        {
            kept[i] = true;
            stack.push((a, i));
            stack.push((i, b));
        }
    }
}

/// The vertex strictly between `a` and `b` farthest from segment `a`–`b`, and its distance.
fn farthest_between(points: &[Point], a: usize, b: usize) -> Option<(usize, f64)> {
    let (pa, pb) = (*points.get(a)?, *points.get(b)?);
    let mut best: Option<(usize, f64)> = None;
    for (i, &p) in points.iter().enumerate().take(b).skip(a + 1) {
        let d = point_segment_distance(p, pa, pb);
        // NaN distances (overflow) lose to any number, so they never drive the choice.
        if best.is_none_or(|(_, bd)| d > bd) {
            best = Some((i, d));
        }
    }
    best
}

impl Simplify for Polyline {
    fn simplify(&self, epsilon: f64) -> Polyline {
        let v = self.vertices();
        let n = v.len();
        if n <= 2 {
            return self.clone();
        }
        let mut kept = vec![false; n];
        kept[0] = true;
        kept[n - 1] = true;
        rdp_mark(v, 0, n - 1, epsilon.max(0.0), &mut kept);
        let out: Vec<Point> = v
            .iter()
            .zip(&kept)
            .filter(|(_, k)| **k)
            .map(|(p, _)| *p)
            .collect();
        Polyline::new(out).unwrap_or_else(|_| self.clone())
    }
}

impl Simplify for Polygon {
    fn simplify(&self, epsilon: f64) -> Polygon {
        let v = self.vertices();
        let n = v.len();
        if n <= Polygon::MIN_VERTICES {
            return self.clone();
        }
        // The ring, closed, so that both halves are plain chains: index n is vertex 0 again.
        let mut ring = v.to_vec();
        ring.push(v[0]);
        let far = (1..n)
            .max_by(|&i, &j| distance(v[0], v[i]).total_cmp(&distance(v[0], v[j])))
            .unwrap_or(1);
        let mut kept = vec![false; n + 1];
        kept[0] = true;
        kept[far] = true;
        kept[n] = true;
        let epsilon = epsilon.max(0.0);
        rdp_mark(&ring, 0, far, epsilon, &mut kept);
        rdp_mark(&ring, far, n, epsilon, &mut kept);
        if kept.iter().take(n).filter(|k| **k).count() < Polygon::MIN_VERTICES {
            // Everything collapsed onto the segment 0–far: keep the vertex farthest from it
            // so the polygon keeps three vertices (and its area, if it has any).
            let third = farthest_between(&ring, 0, far)
                .into_iter()
                .chain(farthest_between(&ring, far, n))
                .max_by(|a, b| a.1.total_cmp(&b.1))
                .map(|(i, _)| i);
            if let Some(i) = third {
                kept[i] = true;
            }
        }
        let mut input_simple: Option<bool> = None;
        loop {
            let idx: Vec<usize> = (0..n).filter(|&i| kept[i]).collect();
            let pts: Vec<Point> = idx.iter().map(|&i| v[i]).collect();
            let Some(&(e1, e2)) = ring_crossings(&pts, true).first() else {
                return Polygon::new(pts).unwrap_or_else(|_| self.clone());
            };
            // Only repair what simplification broke: a polygon that already crossed itself
            // would be refined back to every vertex for nothing.
            let simple = *input_simple.get_or_insert_with(|| {
                let mut dedup = v.to_vec();
                dedup.dedup();
                while dedup.len() > 1 && dedup.first() == dedup.last() {
                    dedup.pop();
                }
                ring_crossings(&dedup, true).is_empty()
            });
            if !simple {
                return Polygon::new(pts).unwrap_or_else(|_| self.clone());
            }
            let mut refined = false;
            for e in [e1, e2] {
                let a = idx[e];
                let b = idx.get(e + 1).copied().unwrap_or(n);
                if let Some((i, _)) = farthest_between(&ring, a, b) {
                    kept[i] = true;
                    refined = true;
                }
            }
            if !refined {
                return Polygon::new(pts).unwrap_or_else(|_| self.clone());
            }
        }
    }
}

impl Simplify for Shape {
    fn simplify(&self, epsilon: f64) -> Shape {
        match self {
            Shape::Polyline { vertices } => vertices.simplify(epsilon).into(),
            Shape::Polygon { vertices } => vertices.simplify(epsilon).into(),
            Shape::BoundingBox(_) | Shape::Keypoint(_) => self.clone(),
        }
    }
}
