use serde::{Deserialize, Serialize};

use crate::GeomError;

/// An axis-aligned box with Ground Truth's own fields: the top-left corner and the size.
///
/// Fields are public plain data; [`BoundingBox::new`] and [`BoundingBox::check`] enforce what
/// a drawable box needs (finite numbers, no negative size). A zero-size box is allowed: it is
/// degenerate but can occur in tracker output, and rejecting it would lose data.
///
/// ```
/// use vframe_geom::BoundingBox;
/// let b = BoundingBox::new(145.0, 385.0, 27.0, 25.0)?;
/// assert_eq!((b.right(), b.bottom()), (172.0, 410.0));
/// assert!(BoundingBox::new(0.0, 0.0, -1.0, 5.0).is_err());
/// # Ok::<(), vframe_geom::GeomError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct BoundingBox {
    /// x of the left edge.
    pub left: f64,
    /// y of the top edge.
    pub top: f64,
    /// Width in pixels, zero or more.
    pub width: f64,
    /// Height in pixels, zero or more.
    pub height: f64,
}

impl BoundingBox {
    /// A checked box; see [`BoundingBox::check`].
    #[inline]
    pub fn new(left: f64, top: f64, width: f64, height: f64) -> Result<Self, GeomError> {
        let b = Self {
            left,
            top,
            width,
            height,
        };
        b.check()?;
        Ok(b)
    }

    /// The box spanning two corners given in any order.
    pub fn from_corners(a: crate::Point, b: crate::Point) -> Result<Self, GeomError> {
        Self::new(
            a.x.min(b.x),
            a.y.min(b.y),
            (a.x - b.x).abs(),
            (a.y - b.y).abs(),
        )
    }

    /// Checks that every field is finite and the size is not negative.
    #[inline]
    pub fn check(&self) -> Result<(), GeomError> {
        // The common case inlined into callers (readers check every box they build); the
        // error is worded out of line.
        if self.left.is_finite()
            && self.top.is_finite()
            && self.width.is_finite()
            && self.height.is_finite()
            && self.width >= 0.0
            && self.height >= 0.0
        {
            return Ok(());
        }
        self.problem()
    }

    #[cold]
    fn problem(&self) -> Result<(), GeomError> {
        for (field, value) in [
            ("left", self.left),
            ("top", self.top),
            ("width", self.width),
            ("height", self.height),
        ] {
            if !value.is_finite() {
                return Err(GeomError::NotFinite {
                    shape: "bounding box",
                    field: field.to_owned(),
                    value,
                });
            }
        }
        for (field, value) in [("width", self.width), ("height", self.height)] {
            if value < 0.0 {
                return Err(GeomError::NegativeSize { field, value });
            }
        }
        Ok(())
    }

    /// x of the right edge (`left + width`).
    pub fn right(&self) -> f64 {
        self.left + self.width
    }

    /// y of the bottom edge (`top + height`).
    pub fn bottom(&self) -> f64 {
        self.top + self.height
    }

    /// The centre of the box.
    pub fn center(&self) -> crate::Point {
        crate::Point::new(self.left + self.width / 2.0, self.top + self.height / 2.0)
    }
}
