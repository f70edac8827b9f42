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
    /// A `geo` polygon with holes, which Ground Truth polygons cannot hold.
    #[error("polygon has {0} interior rings (holes); Ground Truth polygons have none")]
    HasHoles(usize),
}
