use serde::{Deserialize, Serialize};

/// A position in pixel coordinates: x to the right, y down, origin at the top-left corner.
///
/// ```
/// use vframe_geom::Point;
/// let p = Point::new(3.0, 4.0);
/// assert_eq!((p.x, p.y), (3.0, 4.0));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct Point {
    /// Horizontal pixel position.
    pub x: f64,
    /// Vertical pixel position (grows downwards).
    pub y: f64,
}

impl Point {
    /// A point at `(x, y)`.
    pub const fn new(x: f64, y: f64) -> Self {
        Self { x, y }
    }

    /// Whether both coordinates are finite.
    pub fn is_finite(&self) -> bool {
        self.x.is_finite() && self.y.is_finite()
    }
}

impl From<(f64, f64)> for Point {
    fn from((x, y): (f64, f64)) -> Self {
        Self { x, y }
    }
}
