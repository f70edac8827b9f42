//! Affine and projective transforms of every shape.

use nalgebra::{Matrix3, Vector3};

use super::bounds::points_bounds;
use crate::{BoundingBox, GeomError, Keypoint, Point, Polygon, Polyline, Shape};

/// Maps a shape through a 3×3 homogeneous matrix acting on column vectors `(x, y, 1)`:
/// affine maps (translation, scaling, rotation, shear; last row `0 0 1`) and projective
/// ones (homographies, e.g. camera motion compensation between frames).
///
/// **Composition law**: `s.transform(&t1)?.transform(&t2)?` equals `s.transform(&(t2 * t1))?`
/// within rounding, for polylines, polygons and keypoints, and for boxes under maps that
/// keep axes axis-aligned (translation and scaling, possibly mirrored).
///
/// **Boxes**: a box stays a [`BoundingBox`], so under a rotation, shear or projective map it
/// becomes the bounds of its four transformed corners. That box is larger than the true
/// image, and the composition law does not hold for such maps (the bounds of the bounds
/// grow at each step); convert the box to a [`Polygon`] first when the exact image matters.
/// We chose this over returning a polygon because Ground Truth's box tool cannot store
/// anything else, and a tracker that warps a box expects a box back.
///
/// **Errors**: vertices are divided by their homogeneous `w`. When a vertex lands at
/// infinity (`w = 0`) or on the other side of the horizon line than vertex 0 (its `w` has the
/// other sign), the image is not a bounded shape and [`GeomError::BeyondHorizon`] says which
/// vertex; a NaN or infinite matrix, or coordinates that overflow, give
/// [`GeomError::NotFinite`]. Since `w` is affine in `(x, y)`, all vertices on one side means
/// the whole polygon (its convex hull) is, so checking vertices is enough.
///
/// `nalgebra::Matrix3` is re-exported as [`crate::algorithm::Matrix3`].
///
/// ```
/// use vframe_geom::algorithm::{Matrix3, Transform};
/// use vframe_geom::{BoundingBox, Point, Polygon};
///
/// let shift = Matrix3::new(1.0, 0.0, 5.0, 0.0, 1.0, -2.0, 0.0, 0.0, 1.0);
/// let double = Matrix3::new(2.0, 0.0, 0.0, 0.0, 2.0, 0.0, 0.0, 0.0, 1.0);
/// let b = BoundingBox::new(1.0, 1.0, 2.0, 2.0)?;
/// assert_eq!(b.transform(&shift)?, BoundingBox::new(6.0, -1.0, 2.0, 2.0)?);
/// // First shift, then double: the matrix product is taken right to left.
/// assert_eq!(b.transform(&(double * shift))?, BoundingBox::new(12.0, -2.0, 4.0, 4.0)?);
///
/// // A quarter turn about the origin turns the 2x2 box into its bounds, still 2x2 here.
/// let turn = Matrix3::new(0.0, -1.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0, 1.0);
/// let r = b.transform(&turn)?;
/// assert!((r.left + 3.0).abs() < 1e-12 && (r.width - 2.0).abs() < 1e-12);
///
/// // A projective map that sends x = 2 to infinity cannot map a polygon across it.
/// let horizon = Matrix3::new(1.0, 0.0, 0.0, 0.0, 1.0, 0.0, -0.5, 0.0, 1.0);
/// let tri = Polygon::new(vec![Point::new(0.0, 0.0), Point::new(4.0, 0.0), Point::new(0.0, 1.0)])?;
/// assert!(tri.transform(&horizon).is_err());
/// # Ok::<(), vframe_geom::GeomError>(())
/// ```
pub trait Transform: Sized {
    /// The shape mapped through `m`.
    fn transform(&self, m: &Matrix3<f64>) -> Result<Self, GeomError>;
}

/// Maps points, checking every `w` against the sign of the first one.
fn map_points(
    shape: &'static str,
    points: &[Point],
    m: &Matrix3<f64>,
) -> Result<Vec<Point>, GeomError> {
    let mut sign = 0.0;
    points
        .iter()
        .enumerate()
        .map(|(vertex, p)| {
            let v = m * Vector3::new(p.x, p.y, 1.0);
            let w = v.z;
            if sign == 0.0 {
                sign = w.signum();
            }
            // `w * sign > 0` is false for 0, NaN and the other sign.
            if (w * sign).partial_cmp(&0.0) != Some(std::cmp::Ordering::Greater) {
                return Err(GeomError::BeyondHorizon { shape, vertex, w });
            }
            Ok(Point::new(v.x / w, v.y / w))
        })
        .collect()
}

impl Transform for Polygon {
    fn transform(&self, m: &Matrix3<f64>) -> Result<Polygon, GeomError> {
        let mapped = map_points("polygon", self.vertices(), m)?;
        // Not `Polygon::new`: a map that makes the last vertex land on the first must not
        // drop it, or vertex indices would shift under the user's feet.
        Polygon::new(mapped).and_then(|p| {
            if p.vertices().len() == self.vertices().len() {
                Ok(p)
            } else {
                Err(GeomError::TooFewVertices {
                    shape: "polygon",
                    found: p.vertices().len(),
                    min: self.vertices().len(),
                })
            }
        })
    }
}

impl Transform for Polyline {
    fn transform(&self, m: &Matrix3<f64>) -> Result<Polyline, GeomError> {
        Polyline::new(map_points("polyline", self.vertices(), m)?)
    }
}

impl Transform for Keypoint {
    fn transform(&self, m: &Matrix3<f64>) -> Result<Keypoint, GeomError> {
        let mapped = map_points("keypoint", &[self.point()], m)?;
        let p = mapped.first().copied().unwrap_or_default();
        Keypoint::new(p.x, p.y)
    }
}

impl Transform for BoundingBox {
    fn transform(&self, m: &Matrix3<f64>) -> Result<BoundingBox, GeomError> {
        self.check()?;
        let (l, t, r, b) = (self.left, self.top, self.right(), self.bottom());
        let corners = [
            Point::new(l, t),
            Point::new(r, t),
            Point::new(r, b),
            Point::new(l, b),
        ];
        let mapped = map_points("bounding box", &corners, m)?;
        // Bounds skip NaN, so refuse it here to report it rather than hide it.
        if let Some((i, p)) = mapped.iter().enumerate().find(|(_, p)| !p.is_finite()) {
            let (axis, value) = if p.x.is_finite() {
                ("y", p.y)
            } else {
                ("x", p.x)
            };
            return Err(GeomError::NotFinite {
                shape: "bounding box",
                field: format!("corners[{i}].{axis}"),
                value,
            });
        }
        let bounds = points_bounds(mapped).unwrap_or_default();
        BoundingBox::new(bounds.left, bounds.top, bounds.width, bounds.height)
    }
}

impl Transform for Shape {
    fn transform(&self, m: &Matrix3<f64>) -> Result<Shape, GeomError> {
        Ok(match self {
            Shape::BoundingBox(b) => b.transform(m)?.into(),
            Shape::Polygon { vertices } => vertices.transform(m)?.into(),
            Shape::Polyline { vertices } => vertices.transform(m)?.into(),
            Shape::Keypoint(k) => k.transform(m)?.into(),
        })
    }
}
