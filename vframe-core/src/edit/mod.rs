//! Editing for labeling UIs: operations that return their inverse, and an undo/redo
//! [`History`] built on them.
//!
//! An [`Edit`] is a value describing one change a worker makes: add or delete an object,
//! move, reshape or delete its shape on a frame or from a frame on, insert or remove a
//! keyframe, set an attribute, relabel, split or merge tracks, or Ground Truth's "copy to
//! next" and "copy to all". [`Edit::apply`] checks it against the model's invariants and the
//! job's [`LabelCategoryConfig`] (labels, attribute values, an audit job's `editsAllowed`),
//! changes the labels, and returns the edit that undoes it. A refused edit returns an
//! [`EditError`] that names the object, frame and field, and changes nothing.
//!
//! Conventions shared by every edit:
//! - objects are named by their position in [`SequenceLabels::objects`] (find a tracked
//!   object's position with [`SequenceLabels::object_index`]); frames by their 0-based index;
//! - an edit on a frame acts on the object's keyframe there; when the frame lies between two
//!   keyframes, what the object shows there (the interpolated shape, the attribute values held
//!   from the keyframe before) is first frozen as a keyframe. Frames between the neighbouring
//!   keyframes then follow the interpolation. On a track read from Ground Truth every frame is
//!   a keyframe, so that is the edited frame only;
//! - new objects get an id from the caller's [`IdSource`] and the instance name `label:n` of
//!   [`next_instance_name`], and are appended after the other objects.
//!
//! See `docs/editing.md` for every edit, its inverse and its refusal rules.
//!
//! ```
//! use vframe_core::edit::{Edit, History, Scope};
//! use vframe_core::{AnnotationType, LabelCategory, LabelCategoryConfig, SeededIds, SequenceLabels, TaskType};
//! use vframe_geom::BoundingBox;
//!
//! let config = LabelCategoryConfig::new(vec![LabelCategory::new("car")]);
//! let mut labels = SequenceLabels::new(TaskType::Tracking, AnnotationType::BoundingBox);
//! for i in 0..10 {
//!     labels.add_frame(i, format!("frame_{i:04}.jpeg"))?;
//! }
//! let mut ids = SeededIds::new(1);
//! let mut history = History::new();
//!
//! // Draw a car on frame 0 and copy it to the next 4 frames, as Ground Truth's helper does.
//! let shape = BoundingBox::new(10.0, 10.0, 40.0, 20.0)?.into();
//! history.apply(Edit::AddObject { label: "car".into(), frame: 0, shape, attributes: Default::default() }, &mut labels, &config, &mut ids)?;
//! assert_eq!(labels.objects()[0].name().map(|n| n.as_str()), Some("car:1"));
//! history.apply(Edit::CopyToNextFrames { object: 0, frame: 0, count: 4 }, &mut labels, &config, &mut ids)?;
//! assert_eq!(labels.objects()[0].track().keyframes().len(), 5);
//!
//! // Move it 5 px right from frame 2 on; undo restores the labels exactly, redo re-applies.
//! let before = labels.clone();
//! history.apply(Edit::MoveShape { object: 0, frame: 2, dx: 5.0, dy: 0.0, scope: Scope::FromFrameOn }, &mut labels, &config, &mut ids)?;
//! assert!(history.undo(&mut labels, &config, &mut ids)?);
//! assert_eq!(labels, before);
//! assert!(history.redo(&mut labels, &config, &mut ids)?);
//! assert_ne!(labels, before);
//!
//! // A refused edit says why and changes nothing.
//! let after = labels.clone();
//! let err = history.apply(Edit::Relabel { object: 0, label: "truck".into() }, &mut labels, &config, &mut ids).unwrap_err();
//! assert!(err.to_string().contains("\"truck\" is not a label"));
//! assert_eq!(labels, after);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod error;
mod history;
mod ops;
mod restore;
mod rules;
mod timeline;

pub use error::EditError;
pub use history::History;
pub use restore::Restore;
pub use rules::next_instance_name;

use vframe_geom::Shape;

use crate::{AttributeValue, AttributeValues, IdSource, LabelCategoryConfig, SequenceLabels};

/// Which frames an edit on a frame reaches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scope {
    /// The keyframe on this frame (frozen first when there is none).
    Frame,
    /// The keyframe on this frame and every keyframe after it.
    FromFrameOn,
}

/// One change to the labels of a sequence. [`Edit::apply`] carries it out and returns its
/// inverse.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Edit {
    /// Draws a new object: one visible keyframe on `frame`, a fresh id, and the instance name
    /// `label:n` ([`next_instance_name`]). Appended after the other objects.
    AddObject {
        /// The configuration's label.
        label: String,
        /// Where it is drawn.
        frame: u32,
        /// Its shape, of the job's annotation type.
        shape: Shape,
        /// Its label category attribute values.
        attributes: AttributeValues,
    },
    /// Deletes an object and its whole track.
    DeleteObject {
        /// Position of the object.
        object: usize,
    },
    /// Moves the shape by `(dx, dy)` pixels on one frame or from a frame on.
    MoveShape {
        /// Position of the object.
        object: usize,
        /// The frame the worker moved it on.
        frame: u32,
        /// Pixels to the right.
        dx: f64,
        /// Pixels down.
        dy: f64,
        /// This keyframe only, or every keyframe from here on.
        scope: Scope,
    },
    /// Replaces the shape on one frame, or on every keyframe from a frame on.
    Reshape {
        /// Position of the object.
        object: usize,
        /// The frame.
        frame: u32,
        /// The new shape, of the job's annotation type.
        shape: Shape,
        /// This keyframe only, or every keyframe from here on.
        scope: Scope,
    },
    /// Deletes the shape on one frame (the object is absent there and keeps every other
    /// frame), or on every frame from a frame on (the track ends before it). An object left
    /// with no shape is deleted.
    DeleteShape {
        /// Position of the object.
        object: usize,
        /// The frame.
        frame: u32,
        /// This frame only, or every frame from here on.
        scope: Scope,
    },
    /// Freezes what the object shows on a frame (its interpolated shape and held attribute
    /// values) as a keyframe.
    InsertKeyframe {
        /// Position of the object.
        object: usize,
        /// A frame where the object is shown and has no keyframe.
        frame: u32,
    },
    /// Removes a keyframe (visible or absent); the frames around it follow the neighbouring
    /// keyframes.
    RemoveKeyframe {
        /// Position of the object.
        object: usize,
        /// The keyframe's frame.
        frame: u32,
    },
    /// Sets (`Some`) or clears (`None`) a label category attribute value on one keyframe
    /// (the value holds until the next keyframe) or on every visible keyframe from a frame on.
    SetAttribute {
        /// Position of the object.
        object: usize,
        /// A frame where the object is shown.
        frame: u32,
        /// The attribute (global or of the object's label).
        name: String,
        /// The new value.
        value: Option<AttributeValue>,
        /// This keyframe only, or every keyframe from here on.
        scope: Scope,
    },
    /// Sets (`Some`) or clears (`None`) a frame attribute value.
    SetFrameAttribute {
        /// The frame.
        frame: u32,
        /// The frame attribute.
        name: String,
        /// The new value.
        value: Option<AttributeValue>,
    },
    /// Gives an object another label for its whole life. Attribute values the new label does
    /// not have are dropped (the inverse restores them); a `old:n` instance name becomes
    /// `new:m` with a fresh m, a name the worker chose is kept.
    Relabel {
        /// Position of the object.
        object: usize,
        /// The configuration's label.
        label: String,
    },
    /// Splits a track at a frame: the object keeps the frames before it; a new object (fresh
    /// id, next instance name of the label) takes the frames from it on. Tracking jobs only.
    SplitTrack {
        /// Position of the object.
        object: usize,
        /// The first frame of the new object.
        frame: u32,
    },
    /// Merges the track of `from` into `into`, which keeps its id and name; `from` is
    /// removed. Refused when their frames overlap or their categories differ. Tracking jobs
    /// only.
    MergeTracks {
        /// Position of the object that stays.
        into: usize,
        /// Position of the object absorbed.
        from: usize,
    },
    /// Ground Truth's "copy to next": what the object shows on `frame` becomes an ordinary
    /// annotation on each of the next `count` listed frames (fewer at the end of the
    /// sequence). No other frame changes. In a detection job each copy is a new object.
    CopyToNextFrames {
        /// Position of the object.
        object: usize,
        /// The frame copied from.
        frame: u32,
        /// How many following frames.
        count: usize,
    },
    /// Ground Truth's "copy to all": what the object shows on `frame` becomes an ordinary
    /// annotation on every other listed frame.
    CopyToAllFrames {
        /// Position of the object.
        object: usize,
        /// The frame copied from.
        frame: u32,
    },
    /// The inverse of an applied edit; see [`Restore`].
    Restore(Restore),
}

impl Edit {
    /// Applies the edit to `labels` under the rules of `config`, drawing new object ids from
    /// `ids`; returns the edit that undoes it. A refused edit changes nothing.
    ///
    /// ```
    /// use vframe_core::edit::{Edit, Scope};
    /// use vframe_core::{AnnotationType, LabelCategory, LabelCategoryConfig, SeededIds, SequenceLabels, TaskType};
    /// use vframe_geom::Keypoint;
    ///
    /// let config = LabelCategoryConfig::new(vec![LabelCategory::new("nose")]);
    /// let mut labels = SequenceLabels::new(TaskType::Tracking, AnnotationType::Keypoint);
    /// labels.add_frame(0, "a.jpg")?;
    /// let mut ids = SeededIds::default();
    /// let add = Edit::AddObject { label: "nose".into(), frame: 0, shape: Keypoint::new(3.0, 4.0)?.into(), attributes: Default::default() };
    /// let undo = add.apply(&mut labels, &config, &mut ids)?;
    /// assert_eq!(labels.objects().len(), 1);
    /// let redo = undo.apply(&mut labels, &config, &mut ids)?;
    /// assert!(labels.objects().is_empty());
    /// redo.apply(&mut labels, &config, &mut ids)?;
    /// assert_eq!(labels.objects()[0].name().unwrap().as_str(), "nose:1");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn apply(
        &self,
        labels: &mut SequenceLabels,
        config: &LabelCategoryConfig,
        ids: &mut dyn IdSource,
    ) -> Result<Edit, EditError> {
        let steps = match self {
            Edit::Restore(restore) => {
                return restore::execute_restore(labels, restore).map(Edit::Restore);
            }
            Edit::AddObject {
                label,
                frame,
                shape,
                attributes,
            } => ops::add_object(labels, config, ids, label, *frame, shape, attributes)?,
            Edit::DeleteObject { object } => ops::delete_object(labels, config, *object)?,
            Edit::MoveShape {
                object,
                frame,
                dx,
                dy,
                scope,
            } => ops::move_shape(labels, config, *object, *frame, (*dx, *dy), *scope)?,
            Edit::Reshape {
                object,
                frame,
                shape,
                scope,
            } => ops::reshape(labels, config, *object, *frame, shape, *scope)?,
            Edit::DeleteShape {
                object,
                frame,
                scope,
            } => ops::delete_shape(labels, config, *object, *frame, *scope)?,
            Edit::InsertKeyframe { object, frame } => {
                ops::insert_keyframe(labels, config, *object, *frame)?
            }
            Edit::RemoveKeyframe { object, frame } => {
                ops::remove_keyframe(labels, config, *object, *frame)?
            }
            Edit::SetAttribute {
                object,
                frame,
                name,
                value,
                scope,
            } => ops::set_attribute(
                labels,
                config,
                *object,
                *frame,
                name,
                value.as_ref(),
                *scope,
            )?,
            Edit::SetFrameAttribute { frame, name, value } => {
                ops::set_frame_attribute(labels, config, *frame, name, value.as_ref())?
            }
            Edit::Relabel { object, label } => ops::relabel(labels, config, *object, label)?,
            Edit::SplitTrack { object, frame } => ops::split(labels, config, ids, *object, *frame)?,
            Edit::MergeTracks { into, from } => ops::merge(labels, config, *into, *from)?,
            Edit::CopyToNextFrames {
                object,
                frame,
                count,
            } => ops::copy_to_next(labels, config, ids, *object, *frame, *count)?,
            Edit::CopyToAllFrames { object, frame } => {
                ops::copy_to_all(labels, config, ids, *object, *frame)?
            }
        };
        restore::execute(labels, steps).map(Edit::Restore)
    }

    /// Whether applying this edit changes nothing (an empty [`Restore`], e.g. the inverse of
    /// an edit that set a value to what it already was).
    pub fn is_noop(&self) -> bool {
        matches!(self, Edit::Restore(r) if r.is_empty())
    }
}
