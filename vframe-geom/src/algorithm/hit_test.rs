//! Which shape, vertex or edge lies under the pointer.

use std::cmp::Ordering;

use super::area::Area;
use super::segment::{distance, point_segment_distance, ring_contains};
use crate::{BoundingBox, Keypoint, Point, Polygon, Polyline, Shape};

/// What part of a shape a point hit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum HitPart {
    /// Vertex `i`: for a box, corners in the order top-left, top-right, bottom-right,
    /// bottom-left; for a keypoint, `0`.
    Vertex(usize),
    /// Edge `i`, from vertex `i` to vertex `i + 1` (for polygons and boxes the last edge
    /// closes the ring back to vertex 0; box edges are top, right, bottom, left).
    Edge(usize),
    /// The interior of a box or polygon.
    Inside,
}

/// A hit on one shape: the part and how far the point is from it (`0` inside).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Hit {
    /// The part hit.
    pub part: HitPart,
    /// Distance in pixels from the point to that part.
    pub distance: f64,
}

/// A hit among many shapes: which one, and where.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ShapeHit {
    /// Position of the shape among those given to [`pick_hit`].
    pub index: usize,
    /// The hit on that shape.
    pub hit: Hit,
}

/// Hit-testing with a pixel tolerance, for labeling UIs: what is under the pointer, and
/// which handle (vertex) or edge the user grabbed.
///
/// A point hits, in this order of preference:
/// 1. the nearest **vertex** within `tolerance` (so a handle can be grabbed even where it
///    overlaps an edge or the interior);
/// 2. else the nearest **edge** within `tolerance`;
/// 3. else the **inside** of a box or polygon (even-odd rule, like SVG's `evenodd` and
///    geo's boolean operations, so a self-intersecting polygon's "bow tie" holes are holes).
///
/// A negative or NaN tolerance counts as `0`; a non-finite point hits nothing. Each test is
/// `O(n)` in the vertices and allocates nothing: cheap enough to run on every pointer move
/// over a frame's shapes without an index.
///
/// ```
/// use vframe_geom::algorithm::{HitPart, HitTest};
/// use vframe_geom::{BoundingBox, Point};
///
/// let b = BoundingBox::new(10.0, 10.0, 100.0, 50.0)?;
/// assert_eq!(b.hit(Point::new(12.0, 11.0), 4.0).map(|h| h.part), Some(HitPart::Vertex(0)));
/// assert_eq!(b.hit(Point::new(60.0, 58.0), 4.0).map(|h| h.part), Some(HitPart::Edge(2)));
/// assert_eq!(b.hit(Point::new(60.0, 30.0), 4.0).map(|h| h.part), Some(HitPart::Inside));
/// assert_eq!(b.hit(Point::new(0.0, 0.0), 4.0), None);
/// assert!(b.contains(Point::new(60.0, 30.0)));
/// assert_eq!(b.distance_to(Point::new(0.0, 10.0)), 10.0);
/// # Ok::<(), vframe_geom::GeomError>(())
/// ```
pub trait HitTest {
    /// What part of the shape `p` hits within `tolerance` pixels, if any.
    fn hit(&self, p: Point, tolerance: f64) -> Option<Hit>;

    /// Distance from `p` to the shape: `0` inside an area shape, else to the nearest edge or
    /// vertex. NaN for a non-finite point.
    fn distance_to(&self, p: Point) -> f64;

    /// Whether `p` is inside or on the shape (for polylines and keypoints: on it exactly).
    fn contains(&self, p: Point) -> bool {
        self.distance_to(p) == 0.0
    }
}

/// The nearest hit on a vertex, then an edge, of a chain of points.
fn hit_chain(vertices: &[Point], closed: bool, p: Point, tolerance: f64) -> Option<Hit> {
    if !p.is_finite() {
        return None;
    }
    let tolerance = tolerance.max(0.0);
    let nearest = |hits: &mut dyn Iterator<Item = (usize, f64)>| {
        hits.filter(|&(_, d)| d <= tolerance)
            .min_by(|a, b| a.1.total_cmp(&b.1))
    };
    if let Some((i, d)) = nearest(&mut vertices.iter().map(|&v| distance(v, p)).enumerate()) {
        return Some(Hit {
            part: HitPart::Vertex(i),
            distance: d,
        });
    }
    let n = vertices.len();
    let edge_count = if closed { n } else { n.saturating_sub(1) };
    let mut edges = (0..edge_count).filter_map(|i| {
        let a = *vertices.get(i)?;
        let b = *vertices.get((i + 1) % n)?;
        Some((i, point_segment_distance(p, a, b)))
    });
    nearest(&mut edges).map(|(i, d)| Hit {
        part: HitPart::Edge(i),
        distance: d,
    })
}

fn chain_distance(vertices: &[Point], closed: bool, p: Point) -> f64 {
    let n = vertices.len();
    let edge_count = if closed { n } else { n.saturating_sub(1) };
    let mut best = match vertices.first() {
        Some(&v) => distance(v, p),
        None => return f64::NAN,
    };
    for i in 0..edge_count {
        if let (Some(&a), Some(&b)) = (vertices.get(i), vertices.get((i + 1) % n)) {
            best = best.min(point_segment_distance(p, a, b));
        }
    }
    if p.is_finite() { best } else { f64::NAN }
}

fn box_corners(b: &BoundingBox) -> Option<[Point; 4]> {
    let (l, t, r, btm) = (b.left, b.top, b.right(), b.bottom());
    let ok = [l, t, r, btm].iter().all(|v| v.is_finite()) && b.width >= 0.0 && b.height >= 0.0;
    ok.then(|| {
        [
            Point::new(l, t),
            Point::new(r, t),
            Point::new(r, btm),
            Point::new(l, btm),
        ]
    })
}

impl HitTest for BoundingBox {
    fn hit(&self, p: Point, tolerance: f64) -> Option<Hit> {
        let corners = box_corners(self)?;
        hit_chain(&corners, true, p, tolerance).or_else(|| {
            (p.x >= self.left && p.x <= self.right() && p.y >= self.top && p.y <= self.bottom())
                .then_some(Hit {
                    part: HitPart::Inside,
                    distance: 0.0,
                })
        })
    }

    fn distance_to(&self, p: Point) -> f64 {
        if box_corners(self).is_none() || !p.is_finite() {
            return f64::NAN;
        }
        let dx = (self.left - p.x).max(p.x - self.right()).max(0.0);
        let dy = (self.top - p.y).max(p.y - self.bottom()).max(0.0);
        dx.hypot(dy)
    }
}

impl HitTest for Polygon {
    fn hit(&self, p: Point, tolerance: f64) -> Option<Hit> {
        hit_chain(self.vertices(), true, p, tolerance).or_else(|| {
            ring_contains(self.vertices(), p).then_some(Hit {
                part: HitPart::Inside,
                distance: 0.0,
            })
        })
    }

    fn distance_to(&self, p: Point) -> f64 {
        if p.is_finite() && ring_contains(self.vertices(), p) {
            0.0
        } else {
            chain_distance(self.vertices(), true, p)
        }
    }
}

impl HitTest for Polyline {
    fn hit(&self, p: Point, tolerance: f64) -> Option<Hit> {
        hit_chain(self.vertices(), false, p, tolerance)
    }

    fn distance_to(&self, p: Point) -> f64 {
        chain_distance(self.vertices(), false, p)
    }
}

impl HitTest for Keypoint {
    fn hit(&self, p: Point, tolerance: f64) -> Option<Hit> {
        hit_chain(&[self.point()], false, p, tolerance)
    }

    fn distance_to(&self, p: Point) -> f64 {
        distance(self.point(), p)
    }
}

impl HitTest for Shape {
    fn hit(&self, p: Point, tolerance: f64) -> Option<Hit> {
        match self {
            Shape::BoundingBox(b) => b.hit(p, tolerance),
            Shape::Polygon { vertices } => vertices.hit(p, tolerance),
            Shape::Polyline { vertices } => vertices.hit(p, tolerance),
            Shape::Keypoint(k) => k.hit(p, tolerance),
        }
    }

    fn distance_to(&self, p: Point) -> f64 {
        match self {
            Shape::BoundingBox(b) => b.distance_to(p),
            Shape::Polygon { vertices } => vertices.distance_to(p),
            Shape::Polyline { vertices } => vertices.distance_to(p),
            Shape::Keypoint(k) => k.distance_to(p),
        }
    }
}

/// The shape a click at `p` selects among `shapes`, and where on it.
///
/// Preference, from strongest:
/// 1. vertices over edges over insides, so a handle stays grabbable under another shape;
/// 2. the smaller distance;
/// 3. among insides, the smaller area, so a small box drawn inside a big one can still be
///    selected by clicking its interior;
/// 4. the later shape, which a UI draws on top.
///
/// Takes any iterator of shapes (a slice, or the visible shapes of a frame straight from a
/// track index), so nothing has to be collected first. `O(total vertices)`; no allocation.
///
/// ```
/// use vframe_geom::algorithm::{pick_hit, HitPart};
/// use vframe_geom::{BoundingBox, Point, Shape};
///
/// let big: Shape = BoundingBox::new(0.0, 0.0, 100.0, 100.0)?.into();
/// let small: Shape = BoundingBox::new(40.0, 40.0, 10.0, 10.0)?.into();
/// let shapes = [big, small];
/// let hit = pick_hit(&shapes, Point::new(45.0, 45.0), 3.0).unwrap();
/// assert_eq!((hit.index, hit.hit.part), (1, HitPart::Inside));
/// let hit = pick_hit(&shapes, Point::new(1.0, 99.0), 3.0).unwrap();
/// assert_eq!((hit.index, hit.hit.part), (0, HitPart::Vertex(3)));
/// # Ok::<(), vframe_geom::GeomError>(())
/// ```
pub fn pick_hit<'a, S: HitTest + Area + 'a>(
    shapes: impl IntoIterator<Item = &'a S>,
    p: Point,
    tolerance: f64,
) -> Option<ShapeHit> {
    let rank = |h: &Hit| match h.part {
        HitPart::Vertex(_) => 0,
        HitPart::Edge(_) => 1,
        HitPart::Inside => 2,
    };
    let mut best: Option<(ShapeHit, f64)> = None;
    for (index, shape) in shapes.into_iter().enumerate() {
        let Some(hit) = shape.hit(p, tolerance) else {
            continue;
        };
        let area = shape.unsigned_area();
        let better = match &best {
            None => true,
            Some((b, b_area)) => rank(&hit)
                .cmp(&rank(&b.hit))
                .then(hit.distance.total_cmp(&b.hit.distance))
                .then(if hit.part == HitPart::Inside {
                    area.total_cmp(b_area)
                } else {
                    Ordering::Equal
                })
                // Later shapes win ties.
                .is_le(),
        };
        if better {
            best = Some((ShapeHit { index, hit }, area));
        }
    }
    best.map(|(h, _)| h)
}
