//! The four shapes of Ground Truth's video frame tools, and the enum that holds any of them.

mod bounding_box;
mod keypoint;
mod point;
mod polygon;
mod polyline;
mod shape;

pub use bounding_box::BoundingBox;
pub use keypoint::Keypoint;
pub use point::Point;
pub use polygon::Polygon;
pub use polyline::Polyline;
pub use shape::{Shape, ShapeKind};

use crate::GeomError;

/// Checks that every vertex is finite, naming the first one that is not.
pub(crate) fn check_vertices(shape: &'static str, vertices: &[Point]) -> Result<(), GeomError> {
    for (i, p) in vertices.iter().enumerate() {
        for (axis, value) in [("x", p.x), ("y", p.y)] {
            if !value.is_finite() {
                return Err(GeomError::NotFinite {
                    shape,
                    field: format!("vertices[{i}].{axis}"),
                    value,
                });
            }
        }
    }
    Ok(())
}
