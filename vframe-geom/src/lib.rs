//! Shapes of Ground Truth video frame labels, and the maths on them.
//!
//! `vframe-geom` is the bottom of the vframe crate family. It holds the four shapes a Ground
//! Truth video frame job can draw ([`BoundingBox`], [`Polyline`], [`Polygon`], [`Keypoint`]) as
//! plain data, in pixel coordinates (`f64`, origin at the top-left corner, x to the right, y
//! down), plus the [`Shape`] enum that holds any one of them.
//!
//! Like georust's `geo-types`/`geo` split, the types carry almost no logic; algorithms live
//! in [`algorithm`], one extension trait per file. Every shape converts to and from the
//! matching `geo` type ([`conversions`]), so the whole georust toolbox is one `into()` away.
//!
//! The crate does no I/O and prints nothing: a labeling UI (native or WebAssembly) embeds it.
//!
//! ```
//! use vframe_geom::{BoundingBox, Polygon, Point, Shape, ShapeKind};
//!
//! let bbox = BoundingBox::new(10.0, 20.0, 30.0, 40.0)?;
//! assert_eq!(bbox.right(), 40.0);
//!
//! // A repeated closing vertex is recognised and dropped: polygons are stored open.
//! let triangle = Polygon::new(vec![
//!     Point::new(0.0, 0.0),
//!     Point::new(4.0, 0.0),
//!     Point::new(0.0, 3.0),
//!     Point::new(0.0, 0.0),
//! ])?;
//! assert_eq!(triangle.vertices().len(), 3);
//!
//! let shape = Shape::from(triangle);
//! assert_eq!(shape.kind(), ShapeKind::Polygon);
//! # Ok::<(), vframe_geom::GeomError>(())
//! ```
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod algorithm;
pub mod conversions;
mod error;
mod shapes;

pub use error::GeomError;
pub use shapes::{BoundingBox, Keypoint, Point, Polygon, Polyline, Shape, ShapeKind};
