//! Shapes between two keyframes: boxes and keypoints linearly, polylines and polygons
//! through a [`Correspondence`] computed once per keyframe pair.
//!
//! Every blend is written `a * (1 - t) + b * t`, which is exact at both ends: `t = 0` gives
//! the left keyframe's numbers bit for bit and `t = 1` the right one's. `t` outside `[0, 1]`
//! (or NaN) is clamped: interpolation never extrapolates.

use super::correspondence::{Correspondence, InterpolationOptions};
use crate::{BoundingBox, GeomError, Keypoint, Point, Polygon, Polyline, Shape};

/// Linear interpolation between two shapes of one kind.
///
/// For polylines and polygons this builds a [`Correspondence`] on every call; to evaluate
/// many frames of one keyframe pair, build an [`InterpolationPair`] once instead.
///
/// ```
/// use vframe_geom::algorithm::Interpolate;
/// use vframe_geom::BoundingBox;
///
/// let a = BoundingBox::new(0.0, 0.0, 10.0, 10.0)?;
/// let b = BoundingBox::new(10.0, 20.0, 20.0, 10.0)?;
/// assert_eq!(a.interpolate(&b, 0.5), BoundingBox::new(5.0, 10.0, 15.0, 10.0)?);
/// assert_eq!(a.interpolate(&b, 0.0), a);
/// assert_eq!(a.interpolate(&b, 1.0), b);
/// # Ok::<(), vframe_geom::GeomError>(())
/// ```
pub trait Interpolate: Sized {
    /// The shape at fraction `t` of the way from `self` (0) to `other` (1).
    fn interpolate(&self, other: &Self, t: f64) -> Self;
}

/// `t` clamped to `[0, 1]`, NaN read as 0.
pub fn clamp_fraction(t: f64) -> f64 {
    if t >= 1.0 {
        1.0
    } else if t > 0.0 {
        t
    } else {
        0.0
    }
}

#[inline]
fn lerp(a: f64, b: f64, t: f64) -> f64 {
    a * (1.0 - t) + b * t
}

impl Interpolate for Point {
    fn interpolate(&self, other: &Self, t: f64) -> Self {
        let t = clamp_fraction(t);
        Point::new(lerp(self.x, other.x, t), lerp(self.y, other.y, t))
    }
}

impl Interpolate for Keypoint {
    fn interpolate(&self, other: &Self, t: f64) -> Self {
        let t = clamp_fraction(t);
        Keypoint {
            x: lerp(self.x, other.x, t),
            y: lerp(self.y, other.y, t),
        }
    }
}

impl Interpolate for BoundingBox {
    /// Each of left, top, width and height blends linearly (as CVAT and Label Studio do), so
    /// the right and bottom edges move linearly too and the size never turns negative.
    #[inline]
    fn interpolate(&self, other: &Self, t: f64) -> Self {
        let t = clamp_fraction(t);
        BoundingBox {
            left: lerp(self.left, other.left, t),
            top: lerp(self.top, other.top, t),
            width: lerp(self.width, other.width, t),
            height: lerp(self.height, other.height, t),
        }
    }
}

impl Interpolate for Polyline {
    fn interpolate(&self, other: &Self, t: f64) -> Self {
        let c = Correspondence::polyline(self, other, InterpolationOptions::default());
        blend_polyline(self, other, &c, t)
    }
}

impl Interpolate for Polygon {
    fn interpolate(&self, other: &Self, t: f64) -> Self {
        let c = Correspondence::polygon(self, other, InterpolationOptions::default());
        blend_polygon(self, other, &c, t)
    }
}

fn blend_polyline(a: &Polyline, b: &Polyline, c: &Correspondence, t: f64) -> Polyline {
    let t = clamp_fraction(t);
    if t == 0.0 {
        a.clone()
    } else if t == 1.0 {
        b.clone()
    } else {
        Polyline::from_blended(c.at(t))
    }
}

fn blend_polygon(a: &Polygon, b: &Polygon, c: &Correspondence, t: f64) -> Polygon {
    let t = clamp_fraction(t);
    if t == 0.0 {
        a.clone()
    } else if t == 1.0 {
        b.clone()
    } else {
        Polygon::from_blended(c.at(t))
    }
}

/// Two keyframe shapes of one kind, with what interpolating between them needs precomputed.
///
/// Building the pair costs O(n·m) for polygons (start-vertex and winding alignment) and
/// O(n + m) otherwise; [`InterpolationPair::at`] then costs O(vertices) per frame.
///
/// ```
/// use vframe_geom::algorithm::{InterpolationOptions, InterpolationPair};
/// use vframe_geom::{Point, Polygon, Shape};
///
/// let triangle: Shape = Polygon::new(vec![Point::new(0.0, 0.0), Point::new(4.0, 0.0), Point::new(0.0, 4.0)])?.into();
/// let square: Shape = Polygon::new(vec![
///     Point::new(0.0, 0.0), Point::new(4.0, 0.0), Point::new(4.0, 4.0), Point::new(0.0, 4.0),
/// ])?.into();
/// let pair = InterpolationPair::new(&triangle, &square, InterpolationOptions::default())?;
/// assert_eq!(pair.at(0.0), triangle); // exact at both ends
/// assert_eq!(pair.at(1.0), square);
/// let middle = pair.at(0.5);
/// assert!(middle.as_polygon().is_some_and(|p| p.vertices().len() >= 4));
/// # Ok::<(), vframe_geom::GeomError>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct InterpolationPair {
    inner: Inner,
}

#[derive(Debug, Clone, PartialEq)]
enum Inner {
    BoundingBox(BoundingBox, BoundingBox),
    Keypoint(Keypoint, Keypoint),
    Polyline(Polyline, Polyline, Correspondence),
    Polygon(Polygon, Polygon, Correspondence),
}

impl InterpolationPair {
    /// The pair of two shapes; refused when their kinds differ.
    pub fn new(
        left: &Shape,
        right: &Shape,
        options: InterpolationOptions,
    ) -> Result<Self, GeomError> {
        let inner = match (left, right) {
            (Shape::BoundingBox(a), Shape::BoundingBox(b)) => Inner::BoundingBox(*a, *b),
            (Shape::Keypoint(a), Shape::Keypoint(b)) => Inner::Keypoint(*a, *b),
            (Shape::Polyline { vertices: a }, Shape::Polyline { vertices: b }) => {
                return Ok(Self::polyline(a, b, options));
            }
            (Shape::Polygon { vertices: a }, Shape::Polygon { vertices: b }) => {
                return Ok(Self::polygon(a, b, options));
            }
            _ => {
                return Err(GeomError::KindMismatch {
                    left: left.kind(),
                    right: right.kind(),
                });
            }
        };
        Ok(Self { inner })
    }

    /// The pair of two polylines.
    pub fn polyline(left: &Polyline, right: &Polyline, options: InterpolationOptions) -> Self {
        let c = Correspondence::polyline(left, right, options);
        Self {
            inner: Inner::Polyline(left.clone(), right.clone(), c),
        }
    }

    /// The pair of two polygons.
    pub fn polygon(left: &Polygon, right: &Polygon, options: InterpolationOptions) -> Self {
        let c = Correspondence::polygon(left, right, options);
        Self {
            inner: Inner::Polygon(left.clone(), right.clone(), c),
        }
    }

    /// The vertex correspondence, for polylines and polygons.
    pub fn correspondence(&self) -> Option<&Correspondence> {
        match &self.inner {
            Inner::Polyline(_, _, c) | Inner::Polygon(_, _, c) => Some(c),
            _ => None,
        }
    }

    /// The shape at fraction `t` (clamped to `[0, 1]`): the left keyframe's shape exactly at
    /// 0, the right one's exactly at 1.
    pub fn at(&self, t: f64) -> Shape {
        match &self.inner {
            Inner::BoundingBox(a, b) => Shape::BoundingBox(a.interpolate(b, t)),
            Inner::Keypoint(a, b) => Shape::Keypoint(a.interpolate(b, t)),
            Inner::Polyline(a, b, c) => blend_polyline(a, b, c, t).into(),
            Inner::Polygon(a, b, c) => blend_polygon(a, b, c, t).into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::algorithm::VertexCount;

    fn p(x: f64, y: f64) -> Point {
        Point::new(x, y)
    }

    fn polygon(points: &[(f64, f64)]) -> Polygon {
        Polygon::new(points.iter().map(|&(x, y)| p(x, y)).collect()).unwrap()
    }

    fn polyline(points: &[(f64, f64)]) -> Polyline {
        Polyline::new(points.iter().map(|&(x, y)| p(x, y)).collect()).unwrap()
    }

    #[test]
    fn zero_length_polygons_interpolate_without_nan() {
        // Repeated closing vertices are dropped down to a triangle, so both are 3 equal points.
        let a = polygon(&[(1.0, 1.0); 4]);
        let b = polygon(&[(5.0, 5.0); 5]);
        assert_eq!((a.vertices().len(), b.vertices().len()), (3, 3));
        let mid = a.interpolate(&b, 0.5);
        assert!(mid.vertices().iter().all(|v| *v == p(3.0, 3.0)));
    }

    #[test]
    fn zero_length_polyline_to_real_one_spreads_along_it() {
        let a = polyline(&[(0.0, 0.0), (0.0, 0.0)]);
        let b = polyline(&[(0.0, 0.0), (2.0, 0.0), (4.0, 0.0)]);
        let mid = a.interpolate(&b, 1.0 - 1e-9);
        assert!(mid.vertices().iter().all(Point::is_finite));
        assert_eq!(mid.vertices().len(), 3);
    }

    #[test]
    fn nan_and_out_of_range_fractions_are_clamped() {
        let a = BoundingBox::new(0.0, 0.0, 1.0, 1.0).unwrap();
        let b = BoundingBox::new(10.0, 0.0, 1.0, 1.0).unwrap();
        assert_eq!(a.interpolate(&b, f64::NAN), a);
        assert_eq!(a.interpolate(&b, -3.0), a);
        assert_eq!(a.interpolate(&b, 7.0), b);
    }

    #[test]
    fn kinds_that_differ_are_refused() {
        let a: Shape = Keypoint::new(0.0, 0.0).unwrap().into();
        let b: Shape = BoundingBox::new(0.0, 0.0, 1.0, 1.0).unwrap().into();
        assert!(matches!(
            InterpolationPair::new(&a, &b, InterpolationOptions::default()),
            Err(GeomError::KindMismatch { .. })
        ));
    }

    #[test]
    fn equal_count_polygon_with_shifted_start_does_not_spin() {
        let a = polygon(&[(0.0, 0.0), (10.0, 0.0), (10.0, 10.0), (0.0, 10.0)]);
        let b = polygon(&[(12.0, 0.0), (12.0, 10.0), (2.0, 10.0), (2.0, 0.0)]);
        let mid = a.interpolate(&b, 0.5);
        assert_eq!(
            mid.vertices(),
            [p(1.0, 0.0), p(11.0, 0.0), p(11.0, 10.0), p(1.0, 10.0)]
        );
    }

    #[test]
    fn reversed_winding_with_more_vertices_is_aligned() {
        let a = polygon(&[(0.0, 0.0), (10.0, 0.0), (10.0, 10.0), (0.0, 10.0)]);
        // Same square, counter-clockwise, with an extra vertex mid-edge.
        let b = polygon(&[
            (0.0, 0.0),
            (0.0, 10.0),
            (10.0, 10.0),
            (10.0, 5.0),
            (10.0, 0.0),
        ]);
        let pair = InterpolationPair::polygon(&a, &b, InterpolationOptions::default());
        let c = pair.correspondence().unwrap();
        for (l, r) in c.pairs() {
            assert!(
                (l.x - r.x).abs() < 1e-9 && (l.y - r.y).abs() < 1e-9,
                "{l:?} -> {r:?}"
            );
        }
    }

    #[test]
    fn polyline_union_keeps_every_corner_of_both() {
        let a = polyline(&[(0.0, 0.0), (10.0, 0.0)]);
        let b = polyline(&[(0.0, 0.0), (5.0, 5.0), (10.0, 0.0)]);
        let c = Correspondence::polyline(&a, &b, InterpolationOptions::default());
        assert_eq!(
            c.pairs(),
            [
                (p(0.0, 0.0), p(0.0, 0.0)),
                (p(5.0, 0.0), p(5.0, 5.0)),
                (p(10.0, 0.0), p(10.0, 0.0))
            ]
        );
    }

    #[test]
    fn stable_counts_hold_on_every_in_between_frame() {
        let a = polygon(&[(0.0, 0.0), (10.0, 0.0), (0.0, 10.0)]);
        let b = polygon(&[
            (0.0, 0.0),
            (6.0, 0.0),
            (10.0, 4.0),
            (10.0, 10.0),
            (0.0, 10.0),
        ]);
        for (count, expected) in [(VertexCount::Max, 5), (VertexCount::Fixed(12), 12)] {
            let pair = InterpolationPair::polygon(
                &a,
                &b,
                InterpolationOptions::default().with_vertex_count(count),
            );
            for t in [0.1, 0.5, 0.9] {
                assert_eq!(pair.at(t).as_polygon().unwrap().vertices().len(), expected);
            }
        }
    }

    #[test]
    fn fixed_count_below_minimum_is_raised() {
        let a = polyline(&[(0.0, 0.0), (10.0, 0.0)]);
        let b = polyline(&[(0.0, 5.0), (10.0, 5.0)]);
        let pair = InterpolationPair::polyline(
            &a,
            &b,
            InterpolationOptions::default().with_vertex_count(VertexCount::Fixed(0)),
        );
        assert_eq!(
            pair.at(0.5).as_polyline().unwrap().vertices(),
            [p(0.0, 2.5), p(10.0, 2.5)]
        );
    }
}
