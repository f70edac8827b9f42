//! Intersection over union of area shapes.

use std::cmp::Ordering;

use geo::{Area as _, BooleanOps};

use super::area::{Area, ring_signed_area};
use super::bounds::Bounds;
use super::clip::{clip_ring, clip_ring_convex, is_convex};
use crate::{BoundingBox, Keypoint, Polygon, Polyline, Shape};

/// Intersection over union (Jaccard index), the overlap measure of detection metrics and of
/// box-track compression.
///
/// Always in `[0, 1]`, symmetric (`a.iou(&b) == b.iou(&a)` exactly, bit for bit), and `0`
/// when the union has no area (two zero-area shapes, or anything non-finite). Polylines and
/// keypoints cover no area, so their IoU with anything is `0`.
///
/// How each pair is computed, and why:
///
/// - **box–box**: plain arithmetic on the edges, exact to a few roundings. `geo`'s boolean
///   operations snap to a fixed-point grid and are about 1e-9 relative off (`iou(b, b)` is not
///   `1`), which matters for tolerance-based track compression, and run a sweep-line overlay
///   where four comparisons suffice.
/// - **box–polygon**: the polygon is clipped to the box with Sutherland–Hodgman, whose
///   *area* is exact for any simple polygon, concave ones included; `O(n)`, no `geo` call.
/// - **polygon–polygon**: if the bounds do not overlap the answer is `0` at once. If either
///   polygon is convex (triangles, quadrilaterals, rotated boxes: most coarse hand-drawn
///   labels), the other is clipped against it with Sutherland–Hodgman, `O(n·m)`, exact up
///   to rounding and about 18x cheaper than geo for 4–20 vertices (`docs/performance.md`).
///   Otherwise `geo::BooleanOps::intersection` (i_overlay, even-odd fill) gives the
///   intersection area, and the union is `area(a) + area(b) - intersection` rather than a
///   second boolean operation, halving the cost (about 1.9x faster than geo's own
///   intersection-plus-union). i_overlay snaps vertices to an integer grid about `span / 2^30`
///   fine (span = extent of both polygons), so the intersection area can be off by up to
///   perimeter × grid: a few thousandths of a px² at worst for 1000-pixel polygons (about
///   1e-5 observed), far below what a labeler can draw, but not exact.
///
/// A self-intersecting polygon (see [`crate::algorithm::Validity`]) has a shoelace area that
/// is not the area it covers, and the two polygon paths count its overlaps differently
/// (clipping by winding number, geo by even-odd), so its IoU is only approximate; fix such
/// polygons first.
///
/// ```
/// use vframe_geom::algorithm::Iou;
/// use vframe_geom::{BoundingBox, Point, Polygon};
///
/// let a = BoundingBox::new(0.0, 0.0, 10.0, 10.0)?;
/// let b = BoundingBox::new(5.0, 0.0, 10.0, 10.0)?;
/// assert_eq!(a.iou(&b), 50.0 / 150.0);
/// assert_eq!(a.iou(&a), 1.0);
///
/// let tri = Polygon::new(vec![Point::new(0.0, 0.0), Point::new(10.0, 0.0), Point::new(0.0, 10.0)])?;
/// assert_eq!(a.iou(&tri), 0.5);
/// assert!((tri.iou(&tri) - 1.0).abs() < 1e-6);
/// # Ok::<(), vframe_geom::GeomError>(())
/// ```
pub trait Iou<Rhs: ?Sized = Self> {
    /// The area both shapes cover, in square pixels; never negative.
    fn intersection_area(&self, other: &Rhs) -> f64;

    /// Intersection over union, in `[0, 1]`.
    fn iou(&self, other: &Rhs) -> f64;
}

/// `inter / (a + b - inter)`, forced into `[0, 1]` and `0` for a union with no area.
fn ratio(inter: f64, area_a: f64, area_b: f64) -> f64 {
    let union = area_a + area_b - inter;
    let r = inter / union;
    // `>` is false for NaN, so non-finite input falls through to 0.
    if union > 0.0 && r > 0.0 {
        r.min(1.0)
    } else {
        0.0
    }
}

impl Iou for BoundingBox {
    fn intersection_area(&self, other: &BoundingBox) -> f64 {
        // `f64::min`/`max` skip NaN, so a NaN edge would silently snap to the other box's.
        if !finite_box(self) || !finite_box(other) {
            return 0.0;
        }
        let (a, b) = (self.bounds(), other.bounds());
        let w = a.right().min(b.right()) - a.left.max(b.left);
        let h = a.bottom().min(b.bottom()) - a.top.max(b.top);
        // NaN and negative overlaps both become 0.
        if w > 0.0 && h > 0.0 { w * h } else { 0.0 }
    }

    fn iou(&self, other: &BoundingBox) -> f64 {
        // Areas from the same edge differences as the intersection, not `width * height`:
        // `(left + width) - left` is not always `width`, and mixing the two would make
        // `iou(a, a)` 0.99999999995 for a thin box far from the origin.
        let edge_area = |b: &BoundingBox| {
            let b = b.bounds();
            (b.right() - b.left) * (b.bottom() - b.top)
        };
        ratio(
            self.intersection_area(other),
            edge_area(self),
            edge_area(other),
        )
    }
}

impl Iou<Polygon> for BoundingBox {
    fn intersection_area(&self, other: &Polygon) -> f64 {
        if !finite_box(self) {
            return 0.0;
        }
        let b = self.bounds();
        let edges = (b.left, b.top, b.right(), b.bottom());
        let area = ring_signed_area(&clip_ring(other.vertices(), edges)).abs();
        if area > 0.0 { area } else { 0.0 }
    }

    fn iou(&self, other: &Polygon) -> f64 {
        ratio(
            self.intersection_area(other),
            self.unsigned_area(),
            other.unsigned_area(),
        )
    }
}

impl Iou<BoundingBox> for Polygon {
    fn intersection_area(&self, other: &BoundingBox) -> f64 {
        other.intersection_area(self)
    }

    fn iou(&self, other: &BoundingBox) -> f64 {
        other.iou(self)
    }
}

impl Iou for Polygon {
    fn intersection_area(&self, other: &Polygon) -> f64 {
        if self.bounds().intersection_area(&other.bounds()) == 0.0 {
            return 0.0;
        }
        // Results can differ in the last bits with the operand order; a fixed order makes
        // IoU exactly symmetric.
        let (a, b) = match canonical_order(self, other) {
            Ordering::Greater => (other, self),
            _ => (self, other),
        };
        let convex = if is_convex(b.vertices()) {
            Some((a, b))
        } else if is_convex(a.vertices()) {
            Some((b, a))
        } else {
            None
        };
        if let Some((subject, clip)) = convex {
            let area =
                ring_signed_area(&clip_ring_convex(subject.vertices(), clip.vertices())).abs();
            return if area > 0.0 { area } else { 0.0 };
        }
        let ga: geo::Polygon<f64> = a.clone().into();
        let gb: geo::Polygon<f64> = b.clone().into();
        let area = ga.intersection(&gb).unsigned_area();
        if area > 0.0 { area } else { 0.0 }
    }

    fn iou(&self, other: &Polygon) -> f64 {
        ratio(
            self.intersection_area(other),
            self.unsigned_area(),
            other.unsigned_area(),
        )
    }
}

fn finite_box(b: &BoundingBox) -> bool {
    [b.left, b.top, b.right(), b.bottom()]
        .iter()
        .all(|v| v.is_finite())
}

/// A total order on polygons (vertex count, then coordinates by `total_cmp`).
fn canonical_order(a: &Polygon, b: &Polygon) -> Ordering {
    let (va, vb) = (a.vertices(), b.vertices());
    va.len().cmp(&vb.len()).then_with(|| {
        va.iter()
            .zip(vb)
            .map(|(p, q)| p.x.total_cmp(&q.x).then(p.y.total_cmp(&q.y)))
            .find(|o| o.is_ne())
            .unwrap_or(Ordering::Equal)
    })
}

/// Shapes without area: IoU with anything is 0.
macro_rules! no_area_iou {
    ($($t:ty),*) => {$(
        impl Iou for $t {
            fn intersection_area(&self, _other: &$t) -> f64 {
                0.0
            }
            fn iou(&self, _other: &$t) -> f64 {
                0.0
            }
        }
    )*};
}
no_area_iou!(Polyline, Keypoint);

impl Iou for Shape {
    fn intersection_area(&self, other: &Shape) -> f64 {
        match (area_shape(self), area_shape(other)) {
            (Some(AreaShape::Box(a)), Some(AreaShape::Box(b))) => a.intersection_area(b),
            (Some(AreaShape::Box(a)), Some(AreaShape::Polygon(b))) => a.intersection_area(b),
            (Some(AreaShape::Polygon(a)), Some(AreaShape::Box(b))) => a.intersection_area(b),
            (Some(AreaShape::Polygon(a)), Some(AreaShape::Polygon(b))) => a.intersection_area(b),
            _ => 0.0,
        }
    }

    fn iou(&self, other: &Shape) -> f64 {
        ratio(
            self.intersection_area(other),
            self.unsigned_area(),
            other.unsigned_area(),
        )
    }
}

enum AreaShape<'a> {
    Box(&'a BoundingBox),
    Polygon(&'a Polygon),
}

fn area_shape(s: &Shape) -> Option<AreaShape<'_>> {
    match s {
        Shape::BoundingBox(b) => Some(AreaShape::Box(b)),
        Shape::Polygon { vertices } => Some(AreaShape::Polygon(vertices)),
        Shape::Polyline { .. } | Shape::Keypoint(_) => None,
    }
}
