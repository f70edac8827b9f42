//! Everything wrong with a shape, listed.

use std::fmt;

use geo::kernels::Orientation;

use super::segment::{orient, ring_crossings};
use crate::{BoundingBox, Keypoint, Point, Polygon, Polyline, Shape};

/// One problem with a shape. Indices refer to the shape's own vertices and edges (edge `i`
/// runs from vertex `i` to vertex `i + 1`, the last one of a polygon back to vertex 0).
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum ValidityIssue {
    /// A field is NaN or infinite (only boxes and keypoints, whose fields are public, can be).
    NotFinite {
        /// The field, e.g. `width`.
        field: &'static str,
        /// Its value.
        value: f64,
    },
    /// A box with a negative width or height.
    NegativeSize {
        /// `width` or `height`.
        field: &'static str,
        /// Its value.
        value: f64,
    },
    /// A box or polygon covering no area: a zero width or height, or all polygon vertices
    /// on one line.
    ZeroArea,
    /// A polyline whose vertices are all the same point.
    ZeroLength,
    /// Vertex `index` repeats the vertex before it (for a polygon, vertex 0 repeats the last).
    RepeatedVertex {
        /// The repeating vertex.
        index: usize,
    },
    /// A polygon with fewer than three distinct vertices once repeats are dropped.
    TooFewDistinctVertices {
        /// Distinct vertices found.
        found: usize,
    },
    /// Two edges of a polygon touch, cross or overlap (the polygon is not simple). Adjacent
    /// edges are reported only when they fold back onto each other (a spike).
    SelfIntersection {
        /// The lower edge index.
        first_edge: usize,
        /// The higher edge index.
        second_edge: usize,
    },
}

impl fmt::Display for ValidityIssue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NotFinite { field, value } => {
                write!(f, "`{field}` is {value}, expected a finite number")
            }
            Self::NegativeSize { field, value } => {
                write!(f, "`{field}` is {value}, expected zero or more")
            }
            Self::ZeroArea => f.write_str("covers no area, expected a positive area"),
            Self::ZeroLength => {
                f.write_str("all vertices are the same point, expected some length")
            }
            Self::RepeatedVertex { index } => write!(f, "vertex {index} repeats the one before it"),
            Self::TooFewDistinctVertices { found } => {
                write!(f, "{found} distinct vertices, expected at least 3")
            }
            Self::SelfIntersection {
                first_edge,
                second_edge,
            } => {
                write!(
                    f,
                    "edges {first_edge} and {second_edge} intersect, expected a simple polygon"
                )
            }
        }
    }
}

/// Every problem with a shape, not only the first, so a UI can mark all of them at once.
///
/// Checked: finite numbers and non-negative sizes (boxes, keypoints); zero area (boxes,
/// polygons) and zero length (polylines); repeated consecutive vertices; fewer than three
/// distinct polygon vertices; and self-intersection of polygons (every pair of edges that
/// touch, cross or overlap, found with exact orientation predicates). A polyline crossing
/// itself is not an issue: a lane marking or a limb may legitimately do so. A polygon whose
/// vertices are all collinear reports [`ValidityIssue::ZeroArea`] and not the (meaningless)
/// overlaps of its edges.
///
/// Winding is not an issue here: Ground Truth accepts both orientations. See
/// [`crate::algorithm::Orient`] to read or fix it.
///
/// Cost: `O(n²)` in the polygon's vertices for the self-intersection pairs, which is 5,000
/// segment tests for a 100-vertex polygon, plus one copy of the vertices without repeats.
///
/// ```
/// use vframe_geom::algorithm::{Validity, ValidityIssue};
/// use vframe_geom::{Point, Polygon};
///
/// // A bow tie: edges 0 and 2 cross.
/// let bow_tie = Polygon::new(vec![
///     Point::new(0.0, 0.0),
///     Point::new(10.0, 10.0),
///     Point::new(10.0, 0.0),
///     Point::new(0.0, 10.0),
/// ])?;
/// assert_eq!(
///     bow_tie.issues(),
///     vec![ValidityIssue::SelfIntersection { first_edge: 0, second_edge: 2 }]
/// );
/// assert!(!bow_tie.is_valid());
/// # Ok::<(), vframe_geom::GeomError>(())
/// ```
pub trait Validity {
    /// Every issue found, in a fixed order; empty when the shape is valid.
    fn issues(&self) -> Vec<ValidityIssue>;

    /// Whether there is no issue.
    fn is_valid(&self) -> bool {
        self.issues().is_empty()
    }
}

impl Validity for BoundingBox {
    fn issues(&self) -> Vec<ValidityIssue> {
        let mut out = Vec::new();
        for (field, value) in [
            ("left", self.left),
            ("top", self.top),
            ("width", self.width),
            ("height", self.height),
        ] {
            if !value.is_finite() {
                out.push(ValidityIssue::NotFinite { field, value });
            }
        }
        for (field, value) in [("width", self.width), ("height", self.height)] {
            if value < 0.0 {
                out.push(ValidityIssue::NegativeSize { field, value });
            }
        }
        if self.width == 0.0 || self.height == 0.0 {
            out.push(ValidityIssue::ZeroArea);
        }
        out
    }
}

impl Validity for Keypoint {
    fn issues(&self) -> Vec<ValidityIssue> {
        [("x", self.x), ("y", self.y)]
            .into_iter()
            .filter(|(_, v)| !v.is_finite())
            .map(|(field, value)| ValidityIssue::NotFinite { field, value })
            .collect()
    }
}

impl Validity for Polyline {
    fn issues(&self) -> Vec<ValidityIssue> {
        let v = self.vertices();
        let mut out: Vec<ValidityIssue> = (1..v.len())
            .filter(|&i| v[i] == v[i - 1])
            .map(|index| ValidityIssue::RepeatedVertex { index })
            .collect();
        if v.windows(2).all(|w| w[0] == w[1]) {
            out.push(ValidityIssue::ZeroLength);
        }
        out
    }
}

impl Validity for Polygon {
    fn issues(&self) -> Vec<ValidityIssue> {
        let v = self.vertices();
        let n = v.len();
        let prev = |i: usize| v[(i + n - 1) % n];
        let mut out: Vec<ValidityIssue> = (0..n)
            .filter(|&i| v[i] == prev(i))
            .map(|index| ValidityIssue::RepeatedVertex { index })
            .collect();
        // The first vertex of each run of repeats; the real edge out of a run ends at the
        // next run's start, so it is the original edge `next_start - 1`.
        let starts: Vec<usize> = (0..n).filter(|&i| v[i] != prev(i)).collect();
        if starts.len() < Polygon::MIN_VERTICES {
            out.push(ValidityIssue::TooFewDistinctVertices {
                found: starts.len().max(1),
            });
            return out;
        }
        let ring: Vec<Point> = starts.iter().map(|&i| v[i]).collect();
        let (a, b) = (ring[0], ring[1]);
        if ring
            .iter()
            .all(|&p| orient(a, b, p) == Orientation::Collinear)
        {
            out.push(ValidityIssue::ZeroArea);
            return out;
        }
        let m = starts.len();
        let edge_of = |k: usize| (starts[(k + 1) % m] + n - 1) % n;
        for (i, j) in ring_crossings(&ring, false) {
            let (e1, e2) = (edge_of(i), edge_of(j));
            out.push(ValidityIssue::SelfIntersection {
                first_edge: e1.min(e2),
                second_edge: e1.max(e2),
            });
        }
        out
    }
}

impl Validity for Shape {
    fn issues(&self) -> Vec<ValidityIssue> {
        match self {
            Shape::BoundingBox(b) => b.issues(),
            Shape::Polygon { vertices } => vertices.issues(),
            Shape::Polyline { vertices } => vertices.issues(),
            Shape::Keypoint(k) => k.issues(),
        }
    }
}
