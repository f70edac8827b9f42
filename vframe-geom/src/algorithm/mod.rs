//! Algorithms on shapes, one extension trait per file (the `geo` style).
//!
//! Every algorithm accepts degenerate input (zero area, repeated or collinear vertices)
//! without panicking.
//!
//! Measuring and comparing: [`Area`], [`Bounds`], [`Iou`]. Editing in a UI: [`HitTest`] and
//! [`pick_hit`] (which shape, vertex or edge is under the pointer), [`ClipToFrame`],
//! [`Simplify`], [`Transform`]. Checking: [`Validity`] (every issue at once) and [`Orient`]
//! (winding, and fixing it).

mod area;
mod bounds;
mod clip;
mod correspondence;
mod hit_test;
mod interpolate;
mod iou;
mod segment;
mod simplify;
mod transform;
mod validity;
mod winding;

pub use area::Area;
pub use bounds::{Bounds, points_bounds};
pub use clip::ClipToFrame;
pub use correspondence::{Correspondence, InterpolationOptions, VertexCount};
pub use hit_test::{Hit, HitPart, HitTest, ShapeHit, pick_hit};
pub use interpolate::{Interpolate, InterpolationPair, clamp_fraction};
pub use iou::Iou;
pub use nalgebra::Matrix3;
pub use simplify::Simplify;
pub use transform::Transform;
pub use validity::{Validity, ValidityIssue};
pub use winding::{Orient, Winding};
