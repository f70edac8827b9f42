//! The labeling model of Ground Truth video frame jobs.
//!
//! `vframe-core` is what a labeling UI or a pipeline reasons with: the meaning of a job, free
//! of any file formatting. It sits between [`vframe_geom`] (the shapes) and `vframe-io` (the
//! files), and does no file, network or clock I/O, so it embeds anywhere, WebAssembly included.
//!
//! - [`config`]: the label category configuration (labels, attributes, instructions, audit
//!   rules) and its validation against Ground Truth's quotas ([`Limits`]).
//! - [`job`]: task type x job kind x annotation type.
//! - [`sequence`]: the frames of one video, in the order workers see them.
//! - [`labels`]: the labels of one sequence: frame attributes and objects, each object a
//!   [`Track`] of [`Keyframe`]s. Invariants are enforced when values are built.
//! - [`validate`]: labels checked against a configuration, every problem with its frame,
//!   object and field.
//! - [`edit`]: edits for labeling UIs, each returning its inverse, and an undo/redo
//!   [`History`].
//!
//! ```
//! use vframe_core::{AnnotationType, ClassId, Keyframe, LabeledObject, ObjectId, SequenceLabels, TaskType, Track};
//! use vframe_geom::BoundingBox;
//!
//! let mut labels = SequenceLabels::new(TaskType::Tracking, AnnotationType::BoundingBox);
//! labels.add_frame(0, "frame_0000.jpeg")?;
//! labels.add_frame(1, "frame_0001.jpeg")?;
//! let track = Track::new(vec![
//!     Keyframe::visible(0, BoundingBox::new(10.0, 10.0, 20.0, 20.0)?.into()),
//!     Keyframe::visible(1, BoundingBox::new(12.0, 10.0, 20.0, 20.0)?.into()),
//! ])?;
//! let car = LabeledObject::new(Some(ObjectId::new("car-1")), Some("car:1".into()), ClassId(0), track);
//! labels.add_object(car)?;
//! assert_eq!(labels.objects().len(), 1);
//!
//! // A second object with the same id is refused: one object id, one track.
//! let again = LabeledObject::new(
//!     Some(ObjectId::new("car-1")),
//!     None,
//!     ClassId(0),
//!     Track::new(vec![Keyframe::visible(0, BoundingBox::new(0.0, 0.0, 1.0, 1.0)?.into())])?,
//! );
//! assert!(labels.add_object(again).is_err());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod attributes;
pub mod config;
pub mod edit;
mod error;
pub mod ids;
pub mod job;
pub mod labels;
mod limits;
pub mod output;
mod path;
mod problem;
pub mod sequence;
pub mod validate;

pub use attributes::{AttributeValue, AttributeValues};
pub use config::{
    AttributeKind, AttributeSpec, EditsAllowed, Instructions, LabelCategory, LabelCategoryConfig,
};
pub use edit::{Edit, EditError, History};
pub use error::CoreError;
pub use ids::{ClassId, ClassMap, IdSource, InstanceName, ObjectId, SeededIds};
pub use job::{AnnotationType, JobKind, TaskType};
pub use labels::{
    CompressOptions, CompressedObject, CompressionStrategy, FrameIndex, FrameSpan, ShapeAt,
    Tolerance, TrackInterpolator, compress_labels, compress_track, densify_labels, densify_track,
};
pub use labels::{Keyframe, KeyframeState, LabeledFrame, LabeledObject, SequenceLabels, Track};
pub use limits::Limits;
pub use output::{AdjustmentStatus, CreationDate, CreationDateForm, LabelMetadata};
pub use path::{JsonPath, PathSegment};
pub use problem::{Location, Problem};
pub use sequence::{FrameSize, Rational, Sequence, SequenceFrame, Timestamp};
pub use vframe_geom;
