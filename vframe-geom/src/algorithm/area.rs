//! Signed and unsigned area of every shape.

use crate::{BoundingBox, Keypoint, Point, Polygon, Polyline, Shape};

/// The area a shape covers, in square pixels.
///
/// The signed area follows the shoelace formula on the raw `(x, y)` numbers, the same sign
/// convention as `geo`'s `Area`: positive when the vertices turn counter-clockwise *with y
/// up*. Pixel coordinates have y down, so a positive polygon looks **clockwise on screen**.
/// We keep geo's sign rather than flipping it for the screen so that the two libraries never
/// disagree on the same numbers; [`crate::algorithm::Winding`] names orientations the same
/// way.
///
/// Boxes are computed by plain arithmetic (`width * height`), exact to one rounding, instead
/// of through a polygon. Polylines and keypoints cover nothing: their area is `0`.
///
/// A box with a negative or NaN size (possible because its fields are public) covers nothing
/// and has area `0`; an infinite size gives `inf`. Area never panics.
///
/// ```
/// use vframe_geom::algorithm::Area;
/// use vframe_geom::{BoundingBox, Point, Polygon};
///
/// let b = BoundingBox::new(10.0, 10.0, 4.0, 3.0)?;
/// assert_eq!(b.unsigned_area(), 12.0);
///
/// // Clockwise on screen (y down) is positive, as in geo.
/// let tri = Polygon::new(vec![Point::new(0.0, 0.0), Point::new(4.0, 0.0), Point::new(0.0, 3.0)])?;
/// assert_eq!(tri.signed_area(), 6.0);
/// let reversed = Polygon::new(tri.vertices().iter().rev().copied().collect())?;
/// assert_eq!(reversed.signed_area(), -6.0);
/// assert_eq!(reversed.unsigned_area(), 6.0);
/// # Ok::<(), vframe_geom::GeomError>(())
/// ```
pub trait Area {
    /// The shoelace area, positive for counter-clockwise vertices in y-up terms.
    fn signed_area(&self) -> f64;

    /// The area covered, never negative (NaN only if the signed area is NaN).
    fn unsigned_area(&self) -> f64 {
        self.signed_area().abs()
    }
}

impl Area for BoundingBox {
    fn signed_area(&self) -> f64 {
        // `f64::max` ignores NaN, so a NaN or negative size counts as no size.
        self.width.max(0.0) * self.height.max(0.0)
    }
}

impl Area for Polygon {
    fn signed_area(&self) -> f64 {
        ring_signed_area(self.vertices())
    }
}

impl Area for Polyline {
    fn signed_area(&self) -> f64 {
        0.0
    }
}

impl Area for Keypoint {
    fn signed_area(&self) -> f64 {
        0.0
    }
}

impl Area for Shape {
    fn signed_area(&self) -> f64 {
        match self {
            Shape::BoundingBox(b) => b.signed_area(),
            Shape::Polygon { vertices } => vertices.signed_area(),
            Shape::Polyline { vertices } => vertices.signed_area(),
            Shape::Keypoint(k) => k.signed_area(),
        }
    }
}

/// Shoelace area of a closed ring given open.
///
/// Coordinates are taken relative to the first vertex: a 20-pixel polygon at x = 10,000
/// otherwise loses about eight digits to cancellation. It costs one subtraction per
/// coordinate. geo does the same shift.
pub(crate) fn ring_signed_area(ring: &[Point]) -> f64 {
    let Some(origin) = ring.first() else {
        return 0.0;
    };
    let mut twice = 0.0;
    let mut prev = Point::new(0.0, 0.0);
    for p in ring.iter().skip(1).chain(std::iter::once(origin)) {
        let cur = Point::new(p.x - origin.x, p.y - origin.y);
        twice += prev.x * cur.y - cur.x * prev.y;
        prev = cur;
    }
    twice / 2.0
}
