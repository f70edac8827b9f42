//! CVAT for video 1.1 XML: tracks of boxes, polygons, polylines and points with `keyframe`,
//! `outside`, `occluded` and `z_order`, label attributes (mutable or not) in `<meta>`.
//!
//! Mapping to the model:
//! - a `<track>` is an object: `id` is its object id, `label` its category; its shapes are
//!   keyframes; `outside="1"` is an absence; the closing `outside` shape CVAT writes after a
//!   track's last frame marks where it stops (the model never extrapolates, so the writer
//!   always adds it when frames remain, preventing CVAT's "track runs to the end" surprise).
//! - `frame` is absolute: `start_frame + index * step` with the step from `frame_filter`
//!   (`step=N`), see [`FrameNumbering::cvat`]. A frame off that grid is an error.
//! - `<attribute name>` children are label category attribute values; `<meta>`'s label
//!   attributes become the configuration's attribute specifications (`select`/`radio` ->
//!   choice, `number` -> number with `min\nmax\nstep`, `text`/`checkbox` -> free text).
//! - `box` -> bounding box (`xtl ytl xbr ybr`), `polygon`, `polyline`, `points` (a one-point
//!   `points` is a Ground Truth keypoint). `occluded`, `z_order`, `rotation`, `group_id`,
//!   ellipses, cuboids, masks, skeletons and tags have no place in Ground Truth and are
//!   reported when read.
//! - "CVAT for images 1.1" files (`<image>` elements) read too: their shapes are detections.
//!
//! Writing is dense by default (every listed frame of every track; interpolated frames carry
//! `keyframe="0"`), which is what Datumaro and most readers expect; sparse output writes
//! keyframes only. Numbers are written in full (shortest exact form), not CVAT's 2 decimals.
//! Writing streams: tracks are formatted on all cores a wave at a time and written in order,
//! so memory is bounded by one wave. Reading holds the document's bytes in memory beside the
//! model it builds, and parses runs of `<track>` elements on all cores; the result, errors
//! and their line numbers are those of a sequential parse.
//!
//! [`FrameNumbering::cvat`]: super::FrameNumbering::cvat

mod lex;
mod meta;
mod read;
mod split;
mod write;

pub use meta::CvatTask;
pub use read::{CvatReadOptions, read_cvat_video, read_cvat_video_file};
pub use write::{CvatWriteOptions, write_cvat_video, write_cvat_video_file};

pub(crate) const FORMAT: &str = "CVAT for video 1.1";
