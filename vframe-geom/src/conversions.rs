//! Conversions between vframe shapes and `geo` types, so users get the whole georust toolbox.
//!
//! Into `geo` never fails. Out of `geo` checks what vframe needs (vertex counts, finite
//! numbers, no holes) and says what was wrong.
//!
//! ```
//! use vframe_geom::{BoundingBox, Polygon, Point};
//!
//! let b = BoundingBox::new(1.0, 2.0, 3.0, 4.0)?;
//! let rect: geo::Rect<f64> = b.into();
//! assert_eq!(rect.max(), geo::coord! { x: 4.0, y: 6.0 });
//!
//! let poly = Polygon::new(vec![Point::new(0.0, 0.0), Point::new(1.0, 0.0), Point::new(0.0, 1.0)])?;
//! let g: geo::Polygon<f64> = poly.clone().into();
//! assert_eq!(Polygon::try_from(g)?, poly);
//! # Ok::<(), vframe_geom::GeomError>(())
//! ```

use crate::{BoundingBox, GeomError, Keypoint, Point, Polygon, Polyline};

impl From<Point> for geo::Coord<f64> {
    fn from(p: Point) -> Self {
        geo::coord! { x: p.x, y: p.y }
    }
}

impl From<geo::Coord<f64>> for Point {
    fn from(c: geo::Coord<f64>) -> Self {
        Point::new(c.x, c.y)
    }
}

impl From<Point> for geo::Point<f64> {
    fn from(p: Point) -> Self {
        geo::Point::new(p.x, p.y)
    }
}

impl From<geo::Point<f64>> for Point {
    fn from(p: geo::Point<f64>) -> Self {
        Point::new(p.x(), p.y())
    }
}

impl From<Keypoint> for geo::Point<f64> {
    fn from(k: Keypoint) -> Self {
        geo::Point::new(k.x, k.y)
    }
}

impl TryFrom<geo::Point<f64>> for Keypoint {
    type Error = GeomError;
    fn try_from(p: geo::Point<f64>) -> Result<Self, GeomError> {
        Keypoint::new(p.x(), p.y())
    }
}

impl From<BoundingBox> for geo::Rect<f64> {
    fn from(b: BoundingBox) -> Self {
        geo::Rect::new(
            geo::coord! { x: b.left, y: b.top },
            geo::coord! { x: b.right(), y: b.bottom() },
        )
    }
}

impl TryFrom<geo::Rect<f64>> for BoundingBox {
    type Error = GeomError;
    fn try_from(r: geo::Rect<f64>) -> Result<Self, GeomError> {
        BoundingBox::new(r.min().x, r.min().y, r.width(), r.height())
    }
}

impl From<BoundingBox> for geo::Polygon<f64> {
    fn from(b: BoundingBox) -> Self {
        geo::Rect::from(b).to_polygon()
    }
}

impl From<Polyline> for geo::LineString<f64> {
    fn from(p: Polyline) -> Self {
        geo::LineString::new(p.into_vertices().into_iter().map(Into::into).collect())
    }
}

impl TryFrom<geo::LineString<f64>> for Polyline {
    type Error = GeomError;
    fn try_from(l: geo::LineString<f64>) -> Result<Self, GeomError> {
        Polyline::new(l.0.into_iter().map(Point::from).collect())
    }
}

impl From<Polygon> for geo::Polygon<f64> {
    fn from(p: Polygon) -> Self {
        // geo closes the exterior ring itself.
        let ring = geo::LineString::new(p.into_vertices().into_iter().map(Into::into).collect());
        geo::Polygon::new(ring, Vec::new())
    }
}

impl TryFrom<geo::Polygon<f64>> for Polygon {
    type Error = GeomError;
    fn try_from(p: geo::Polygon<f64>) -> Result<Self, GeomError> {
        if !p.interiors().is_empty() {
            return Err(GeomError::HasHoles(p.interiors().len()));
        }
        let (exterior, _) = p.into_inner();
        Polygon::new(exterior.0.into_iter().map(Point::from).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn polygon_with_hole_is_refused() {
        let outer = geo::LineString::from(vec![(0.0, 0.0), (10.0, 0.0), (10.0, 10.0), (0.0, 0.0)]);
        let hole = geo::LineString::from(vec![(1.0, 1.0), (2.0, 1.0), (2.0, 2.0), (1.0, 1.0)]);
        let p = geo::Polygon::new(outer, vec![hole]);
        assert_eq!(Polygon::try_from(p), Err(GeomError::HasHoles(1)));
    }

    #[test]
    fn inverted_rect_becomes_a_box_with_positive_size() {
        let r = geo::Rect::new(
            geo::coord! { x: 5.0, y: 5.0 },
            geo::coord! { x: 1.0, y: 2.0 },
        );
        let b = BoundingBox::try_from(r).unwrap();
        assert_eq!((b.left, b.top, b.width, b.height), (1.0, 2.0, 4.0, 3.0));
    }

    #[test]
    fn nan_line_string_is_refused_with_the_vertex() {
        let l = geo::LineString::from(vec![(0.0, 0.0), (f64::NAN, 1.0)]);
        let err = Polyline::try_from(l).unwrap_err();
        assert!(err.to_string().contains("vertices[1].x"), "{err}");
    }
}
