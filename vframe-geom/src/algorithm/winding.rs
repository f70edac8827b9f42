//! Orientation of polygons, and fixing it.

use super::area::ring_signed_area;
use crate::{Polygon, Shape};

/// Which way a polygon's vertices turn, in `geo`'s (y-up) terms.
///
/// Pixel coordinates have y down, so [`Winding::CounterClockwise`] **looks clockwise on
/// screen**. We keep geo's names and signs so that the same numbers get the same answer in
/// both libraries; [`crate::algorithm::Area::signed_area`] is positive for
/// `CounterClockwise`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Winding {
    /// Positive signed area.
    CounterClockwise,
    /// Negative signed area.
    Clockwise,
    /// Zero signed area (collinear vertices, or a figure eight whose lobes cancel).
    None,
}

/// Reads and fixes a polygon's orientation.
///
/// Ground Truth accepts either orientation; some consumers (GeoJSON's right-hand rule,
/// shapely's `orient`, polygon interpolation that pairs vertices) want one. Reorienting
/// reverses the order of the vertices **but keeps vertex 0 first**, so a UI's selected
/// vertex 0 and an interpolation's start vertex stay put; vertex `i` moves to `n - i`.
///
/// ```
/// use vframe_geom::algorithm::{Orient, Winding};
/// use vframe_geom::{Point, Polygon};
///
/// let p = Polygon::new(vec![Point::new(0.0, 0.0), Point::new(0.0, 3.0), Point::new(4.0, 0.0)])?;
/// assert_eq!(p.winding(), Winding::Clockwise);
/// let q = p.make_ccw();
/// assert_eq!(q.winding(), Winding::CounterClockwise);
/// assert_eq!(q.vertices(), &[Point::new(0.0, 0.0), Point::new(4.0, 0.0), Point::new(0.0, 3.0)]);
/// # Ok::<(), vframe_geom::GeomError>(())
/// ```
pub trait Orient: Sized {
    /// The current orientation.
    fn winding(&self) -> Winding;

    /// The same polygon, vertex 0 first, turning the other way.
    fn reversed(&self) -> Self;

    /// Counter-clockwise in geo's terms (positive area); unchanged if already so, or if the
    /// winding is [`Winding::None`].
    fn make_ccw(&self) -> Self;

    /// Clockwise in geo's terms (negative area); unchanged if already so, or if the winding
    /// is [`Winding::None`].
    fn make_cw(&self) -> Self;
}

impl Orient for Polygon {
    fn winding(&self) -> Winding {
        let a = ring_signed_area(self.vertices());
        if a > 0.0 {
            Winding::CounterClockwise
        } else if a < 0.0 {
            Winding::Clockwise
        } else {
            Winding::None
        }
    }

    fn reversed(&self) -> Polygon {
        let v = self.vertices();
        let mut out = Vec::with_capacity(v.len());
        out.extend(v.first().copied());
        out.extend(v.iter().skip(1).rev().copied());
        Polygon::new(out).unwrap_or_else(|_| self.clone())
    }

    fn make_ccw(&self) -> Polygon {
        match self.winding() {
            Winding::Clockwise => self.reversed(),
            _ => self.clone(),
        }
    }

    fn make_cw(&self) -> Polygon {
        match self.winding() {
            Winding::CounterClockwise => self.reversed(),
            _ => self.clone(),
        }
    }
}

/// Boxes, polylines and keypoints have no winding ([`Winding::None`]) and are returned
/// unchanged; polygons as above.
impl Orient for Shape {
    fn winding(&self) -> Winding {
        match self {
            Shape::Polygon { vertices } => vertices.winding(),
            _ => Winding::None,
        }
    }

    fn reversed(&self) -> Shape {
        match self {
            Shape::Polygon { vertices } => vertices.reversed().into(),
            _ => self.clone(),
        }
    }

    fn make_ccw(&self) -> Shape {
        match self {
            Shape::Polygon { vertices } => vertices.make_ccw().into(),
            _ => self.clone(),
        }
    }

    fn make_cw(&self) -> Shape {
        match self {
            Shape::Polygon { vertices } => vertices.make_cw().into(),
            _ => self.clone(),
        }
    }
}
