use serde::{Deserialize, Serialize};

use super::check_vertices;
use crate::{GeomError, Point};

/// An open chain of at least two vertices in drawing order (Ground Truth's polyline tool).
///
/// Repeated vertices are kept: they are what the annotator drew, and algorithms cope with
/// zero-length segments.
///
/// ```
/// use vframe_geom::{Point, Polyline};
/// let line = Polyline::new(vec![Point::new(0.0, 0.0), Point::new(3.0, 4.0)])?;
/// assert_eq!(line.vertices().len(), 2);
/// assert!(Polyline::new(vec![Point::new(0.0, 0.0)]).is_err());
/// # Ok::<(), vframe_geom::GeomError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "Vec<Point>", into = "Vec<Point>")]
pub struct Polyline {
    vertices: Vec<Point>,
}

impl Polyline {
    /// The fewest vertices a polyline has.
    pub const MIN_VERTICES: usize = 2;

    /// A checked polyline: at least two vertices, all finite.
    pub fn new(vertices: Vec<Point>) -> Result<Self, GeomError> {
        if vertices.len() < Self::MIN_VERTICES {
            return Err(GeomError::TooFewVertices {
                shape: "polyline",
                found: vertices.len(),
                min: Self::MIN_VERTICES,
            });
        }
        check_vertices("polyline", &vertices)?;
        Ok(Self { vertices })
    }

    /// A shape from vertices blended from two valid ones (interpolation): finite and
    /// numerous enough by construction, so the checks are skipped.
    pub(crate) fn from_blended(vertices: Vec<Point>) -> Self {
        Self { vertices }
    }

    /// The vertices in drawing order.
    pub fn vertices(&self) -> &[Point] {
        &self.vertices
    }

    /// Gives the vertices back.
    pub fn into_vertices(self) -> Vec<Point> {
        self.vertices
    }
}

impl TryFrom<Vec<Point>> for Polyline {
    type Error = GeomError;
    fn try_from(vertices: Vec<Point>) -> Result<Self, GeomError> {
        Self::new(vertices)
    }
}

impl From<Polyline> for Vec<Point> {
    fn from(p: Polyline) -> Self {
        p.vertices
    }
}
