//! The axis-aligned bounding box of every shape.

use crate::{BoundingBox, Keypoint, Point, Polygon, Polyline, Shape};

/// The smallest [`BoundingBox`] holding the whole shape.
///
/// This is what a labeling UI draws as the selection frame, and what a box-only export
/// (COCO `bbox`, MOT) writes for a polygon. A keypoint's bounds have zero size.
///
/// A box's bounds are the box itself, normalised: a negative or NaN size becomes zero, so
/// the result always has `width >= 0` and `height >= 0`. For checked shapes the result is
/// finite unless the span itself overflows `f64` (vertices near ±1.8e308).
///
/// ```
/// use vframe_geom::algorithm::Bounds;
/// use vframe_geom::{BoundingBox, Point, Polyline};
///
/// let line = Polyline::new(vec![Point::new(5.0, 1.0), Point::new(2.0, 7.0), Point::new(9.0, 4.0)])?;
/// assert_eq!(line.bounds(), BoundingBox::new(2.0, 1.0, 7.0, 6.0)?);
/// # Ok::<(), vframe_geom::GeomError>(())
/// ```
pub trait Bounds {
    /// The smallest axis-aligned box holding the shape.
    fn bounds(&self) -> BoundingBox;
}

impl Bounds for BoundingBox {
    fn bounds(&self) -> BoundingBox {
        BoundingBox {
            left: self.left,
            top: self.top,
            width: self.width.max(0.0),
            height: self.height.max(0.0),
        }
    }
}

impl Bounds for Polygon {
    fn bounds(&self) -> BoundingBox {
        points_bounds(self.vertices().iter().copied()).unwrap_or_default()
    }
}

impl Bounds for Polyline {
    fn bounds(&self) -> BoundingBox {
        points_bounds(self.vertices().iter().copied()).unwrap_or_default()
    }
}

impl Bounds for Keypoint {
    fn bounds(&self) -> BoundingBox {
        BoundingBox {
            left: self.x,
            top: self.y,
            width: 0.0,
            height: 0.0,
        }
    }
}

impl Bounds for Shape {
    fn bounds(&self) -> BoundingBox {
        match self {
            Shape::BoundingBox(b) => b.bounds(),
            Shape::Polygon { vertices } => vertices.bounds(),
            Shape::Polyline { vertices } => vertices.bounds(),
            Shape::Keypoint(k) => k.bounds(),
        }
    }
}

/// Bounds of any points; `None` when there are none. NaN coordinates are skipped (`f64::min`
/// ignores NaN), so one bad vertex does not poison the box.
///
/// ```
/// use vframe_geom::algorithm::points_bounds;
/// use vframe_geom::{BoundingBox, Point};
///
/// let b = points_bounds([Point::new(3.0, 1.0), Point::new(-1.0, 4.0)]);
/// assert_eq!(b, Some(BoundingBox::new(-1.0, 1.0, 4.0, 3.0)?));
/// # Ok::<(), vframe_geom::GeomError>(())
/// ```
pub fn points_bounds(points: impl IntoIterator<Item = Point>) -> Option<BoundingBox> {
    let mut it = points.into_iter();
    let first = it.next()?;
    let (mut x0, mut y0, mut x1, mut y1) = (first.x, first.y, first.x, first.y);
    for p in it {
        x0 = x0.min(p.x);
        y0 = y0.min(p.y);
        x1 = x1.max(p.x);
        y1 = y1.max(p.y);
    }
    Some(BoundingBox {
        left: x0,
        top: y0,
        width: (x1 - x0).max(0.0),
        height: (y1 - y0).max(0.0),
    })
}
