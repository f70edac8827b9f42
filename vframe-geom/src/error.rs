use thiserror::Error;

/// Why a shape could not be built or converted.
///
/// Each variant says which shape and which vertex or field was wrong, so a caller can point
/// the user at it.
#[derive(Debug, Clone, PartialEq, Error)]
#[non_exhaustive]
pub enum GeomError {
    /// A coordinate or size is NaN or infinite.
    #[error("{shape} field `{field}` is {value}, expected a finite number")]
    NotFinite {
        /// The kind of shape, e.g. `bounding box`.
        shape: &'static str,
        /// The field, e.g. `width` or `vertices[3].x`.
        field: String,
        /// The offending value.
        value: f64,
    },
    /// A bounding box with a negative width or height.
    #[error("bounding box {field} is {value}, expected zero or more")]
    NegativeSize {
        /// `width` or `height`.
        field: &'static str,
        /// The offending value.
        value: f64,
    },
    /// A polyline or polygon with too few distinct vertices.
    #[error("{shape} has {found} vertices, expected at least {min}")]
    TooFewVertices {
        /// `polyline` or `polygon`.
        shape: &'static str,
        /// Vertices given (after dropping a repeated closing vertex of a polygon).
        found: usize,
        /// The least the shape needs.
        min: usize,
    },
    /// Two shapes of different kinds where one kind is needed (e.g. interpolating a box
    /// into a polygon).
    #[error("a {left} and a {right} cannot be paired; both shapes must be of one kind")]
    KindMismatch {
        /// The first shape's kind.
        left: crate::ShapeKind,
        /// The second shape's kind.
        right: crate::ShapeKind,
    },
    /// A `geo` polygon with holes, which Ground Truth polygons cannot hold.
    #[error("polygon has {0} interior rings (holes); Ground Truth polygons have none")]
    HasHoles(usize),
    /// A projective transform sends a vertex to infinity or past the horizon line, where
    /// the image of the shape is no longer a bounded shape.
    #[error(
        "transform sends {shape} vertex {vertex} to or beyond the horizon (w = {w}), expected every vertex in front of it"
    )]
    BeyondHorizon {
        /// The kind of shape, e.g. `polygon`.
        shape: &'static str,
        /// Index of the first vertex (for a box, corner: top-left, top-right, bottom-right,
        /// bottom-left) with a bad homogeneous coordinate.
        vertex: usize,
        /// Its homogeneous `w` (zero, NaN, or of the other sign than vertex 0's).
        w: f64,
    },
}
