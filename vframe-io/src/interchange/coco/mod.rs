//! COCO JSON with the video fields of TAO: one image per frame, categories, and annotations
//! with `bbox`, polygon `segmentation` or `keypoints`, plus `videos`, `video_id`,
//! `frame_index` and `track_id`.
//!
//! Mapping: frame index `i` is image id `i + 1` with `frame_index` `i` and the frame's file
//! name; class id `k` is category id `k + 1`; a tracked object's track number is written as
//! `track_id` both at the top level (TAO) and in the annotation's `attributes` object (CVAT
//! and Datumaro read it there), next to `keyframe` and the label category attribute values.
//! Boxes are `bbox`; polygons are one-polygon `segmentation` (with their bounds as `bbox`);
//! a keypoint is a one-point `keypoints` `[x, y, 2]` of a category whose keypoint list is
//! `["point"]`. Frame attribute values go to the image's `attributes` object (a vframe
//! extension other tools ignore). COCO has no polylines and no absences: a track missing on a
//! frame between two of its annotations is absent from that frame on, as in Ground Truth.
//!
//! Reading without `frame_index` orders images by file name in UTF-8 byte order, the order
//! Ground Truth shows frames in. Large files are parsed on all cores (`parse`, `quick`); the
//! writer formats chunks of objects on all cores and writes them in object order.

mod document;
mod json_text;
mod parse;
mod quick;
mod read;
mod write;

pub use read::{CocoReadOptions, read_coco, read_coco_file};
pub use write::{write_coco, write_coco_file};

pub(crate) const FORMAT: &str = "COCO";

/// The name of the single keypoint of a Ground Truth keypoint category.
pub const KEYPOINT_NAME: &str = "point";
