use serde::{Deserialize, Serialize};

use super::check_vertices;
use crate::{GeomError, Point};

/// A closed ring of at least three vertices, stored open: the edge from the last vertex back
/// to the first is implied (Ground Truth's polygon tool).
///
/// Input that repeats the first vertex at the end (as GeoJSON and `geo` do) is recognised and
/// the repetition dropped, so both conventions read the same. Whether Ground Truth's own
/// output repeats it is unknown (gt-spec ambiguity A8); `docs/` records our choice.
///
/// ```
/// use vframe_geom::{Point, Polygon};
/// let square = Polygon::new(vec![
///     Point::new(0.0, 0.0),
///     Point::new(2.0, 0.0),
///     Point::new(2.0, 2.0),
///     Point::new(0.0, 2.0),
/// ])?;
/// assert_eq!(square.vertices().len(), 4);
/// # Ok::<(), vframe_geom::GeomError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "Vec<Point>", into = "Vec<Point>")]
pub struct Polygon {
    vertices: Vec<Point>,
}

impl Polygon {
    /// The fewest vertices a polygon has (after dropping a repeated closing vertex).
    pub const MIN_VERTICES: usize = 3;

    /// A checked polygon: at least three vertices once a repeated closing vertex is dropped,
    /// all finite. Self-intersection is not checked here (see [`crate::algorithm`]).
    pub fn new(mut vertices: Vec<Point>) -> Result<Self, GeomError> {
        // Drop every repetition of the first vertex at the end, but never below a triangle:
        // then a stored polygon read back from its own open output is the same polygon.
        while vertices.len() > Self::MIN_VERTICES && vertices.first() == vertices.last() {
            vertices.pop();
        }
        if vertices.len() < Self::MIN_VERTICES {
            return Err(GeomError::TooFewVertices {
                shape: "polygon",
                found: vertices.len(),
                min: Self::MIN_VERTICES,
            });
        }
        check_vertices("polygon", &vertices)?;
        Ok(Self { vertices })
    }

    /// A shape from vertices blended from two valid ones (interpolation): finite and
    /// numerous enough by construction, so the checks are skipped.
    pub(crate) fn from_blended(vertices: Vec<Point>) -> Self {
        Self { vertices }
    }

    /// The vertices, open (the closing edge is implied).
    pub fn vertices(&self) -> &[Point] {
        &self.vertices
    }

    /// Gives the vertices back, open.
    pub fn into_vertices(self) -> Vec<Point> {
        self.vertices
    }

    /// The edges as `(from, to)` pairs, including the closing edge.
    pub fn edges(&self) -> impl Iterator<Item = (Point, Point)> + '_ {
        let n = self.vertices.len();
        (0..n).map(move |i| (self.vertices[i], self.vertices[(i + 1) % n]))
    }
}

impl TryFrom<Vec<Point>> for Polygon {
    type Error = GeomError;
    fn try_from(vertices: Vec<Point>) -> Result<Self, GeomError> {
        Self::new(vertices)
    }
}

impl From<Polygon> for Vec<Point> {
    fn from(p: Polygon) -> Self {
        p.vertices
    }
}
