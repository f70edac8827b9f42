use std::fmt;

use serde::{Deserialize, Serialize};

use crate::{BoundingBox, GeomError, Keypoint, Polygon, Polyline};

/// Which of the four tools drew a shape.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum ShapeKind {
    /// An axis-aligned [`BoundingBox`].
    BoundingBox,
    /// An open [`Polyline`].
    Polyline,
    /// A closed [`Polygon`].
    Polygon,
    /// A single [`Keypoint`].
    Keypoint,
}

impl ShapeKind {
    /// All four kinds, in Ground Truth's documentation order.
    pub const ALL: [ShapeKind; 4] = [
        ShapeKind::BoundingBox,
        ShapeKind::Polyline,
        ShapeKind::Polygon,
        ShapeKind::Keypoint,
    ];

    /// A lower-case English name for messages, e.g. `bounding box`.
    pub fn describe(self) -> &'static str {
        match self {
            ShapeKind::BoundingBox => "bounding box",
            ShapeKind::Polyline => "polyline",
            ShapeKind::Polygon => "polygon",
            ShapeKind::Keypoint => "keypoint",
        }
    }
}

impl fmt::Display for ShapeKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.describe())
    }
}

/// Any one of the four shapes.
///
/// ```
/// use vframe_geom::{BoundingBox, Shape, ShapeKind};
/// let s: Shape = BoundingBox::new(0.0, 0.0, 1.0, 1.0)?.into();
/// assert_eq!(s.kind(), ShapeKind::BoundingBox);
/// assert!(s.as_bounding_box().is_some());
/// # Ok::<(), vframe_geom::GeomError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Shape {
    /// A bounding box.
    BoundingBox(BoundingBox),
    /// A polyline.
    Polyline {
        /// The vertices in drawing order.
        vertices: Polyline,
    },
    /// A polygon.
    Polygon {
        /// The vertices, open.
        vertices: Polygon,
    },
    /// A keypoint.
    Keypoint(Keypoint),
}

impl Shape {
    /// Which tool drew this shape.
    #[inline]
    pub fn kind(&self) -> ShapeKind {
        match self {
            Shape::BoundingBox(_) => ShapeKind::BoundingBox,
            Shape::Polyline { .. } => ShapeKind::Polyline,
            Shape::Polygon { .. } => ShapeKind::Polygon,
            Shape::Keypoint(_) => ShapeKind::Keypoint,
        }
    }

    /// Checks the shape's own validity (finite numbers, sizes, vertex counts).
    #[inline]
    pub fn check(&self) -> Result<(), GeomError> {
        match self {
            Shape::BoundingBox(b) => b.check(),
            Shape::Keypoint(k) => k.check(),
            // Polylines and polygons can only be built checked.
            Shape::Polyline { .. } | Shape::Polygon { .. } => Ok(()),
        }
    }

    /// The box, if this is one.
    pub fn as_bounding_box(&self) -> Option<&BoundingBox> {
        match self {
            Shape::BoundingBox(b) => Some(b),
            _ => None,
        }
    }

    /// The polyline, if this is one.
    pub fn as_polyline(&self) -> Option<&Polyline> {
        match self {
            Shape::Polyline { vertices } => Some(vertices),
            _ => None,
        }
    }

    /// The polygon, if this is one.
    pub fn as_polygon(&self) -> Option<&Polygon> {
        match self {
            Shape::Polygon { vertices } => Some(vertices),
            _ => None,
        }
    }

    /// The keypoint, if this is one.
    pub fn as_keypoint(&self) -> Option<&Keypoint> {
        match self {
            Shape::Keypoint(k) => Some(k),
            _ => None,
        }
    }
}

impl From<BoundingBox> for Shape {
    fn from(b: BoundingBox) -> Self {
        Shape::BoundingBox(b)
    }
}

impl From<Polyline> for Shape {
    fn from(vertices: Polyline) -> Self {
        Shape::Polyline { vertices }
    }
}

impl From<Polygon> for Shape {
    fn from(vertices: Polygon) -> Self {
        Shape::Polygon { vertices }
    }
}

impl From<Keypoint> for Shape {
    fn from(k: Keypoint) -> Self {
        Shape::Keypoint(k)
    }
}
