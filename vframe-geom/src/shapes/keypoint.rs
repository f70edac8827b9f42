use serde::{Deserialize, Serialize};

use crate::{GeomError, Point};

/// A single labelled point, Ground Truth's keypoint tool (`"x"` and `"y"` on the annotation).
///
/// ```
/// use vframe_geom::Keypoint;
/// let k = Keypoint::new(12.0, 7.5)?;
/// assert_eq!(k.point().y, 7.5);
/// # Ok::<(), vframe_geom::GeomError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct Keypoint {
    /// Horizontal pixel position.
    pub x: f64,
    /// Vertical pixel position.
    pub y: f64,
}

impl Keypoint {
    /// A checked keypoint: both coordinates finite.
    pub fn new(x: f64, y: f64) -> Result<Self, GeomError> {
        let k = Self { x, y };
        k.check()?;
        Ok(k)
    }

    /// Checks that both coordinates are finite.
    pub fn check(&self) -> Result<(), GeomError> {
        for (field, value) in [("x", self.x), ("y", self.y)] {
            if !value.is_finite() {
                return Err(GeomError::NotFinite {
                    shape: "keypoint",
                    field: field.to_owned(),
                    value,
                });
            }
        }
        Ok(())
    }

    /// The keypoint as a [`Point`].
    pub fn point(&self) -> Point {
        Point::new(self.x, self.y)
    }
}

impl From<Point> for Keypoint {
    fn from(p: Point) -> Self {
        Self { x: p.x, y: p.y }
    }
}
