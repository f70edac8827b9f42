//! One labeled object: identity, category and track.

use serde::{Deserialize, Serialize};

use crate::{ClassId, InstanceName, ObjectId, Track};

/// An object of a sequence: a tracked object with its id and instance name, or one detection.
///
/// Detection labels have no identity across frames: each is an object whose track holds one
/// keyframe, with id and name only when the file carried them (ambiguity A10).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LabeledObject {
    id: Option<ObjectId>,
    name: Option<InstanceName>,
    class_id: ClassId,
    track: Track,
}

impl LabeledObject {
    /// An object. Whether it fits a sequence is checked by
    /// [`crate::SequenceLabels::add_object`].
    pub fn new(
        id: Option<ObjectId>,
        name: Option<InstanceName>,
        class_id: ClassId,
        track: Track,
    ) -> Self {
        Self {
            id,
            name,
            class_id,
            track,
        }
    }

    /// `object-id`.
    pub fn id(&self) -> Option<&ObjectId> {
        self.id.as_ref()
    }

    /// `object-name`, e.g. `car:1`.
    pub fn name(&self) -> Option<&InstanceName> {
        self.name.as_ref()
    }

    /// The category, one for the object's whole life.
    pub fn class_id(&self) -> ClassId {
        self.class_id
    }

    /// The keyframes.
    pub fn track(&self) -> &Track {
        &self.track
    }

    /// The keyframes, to change in place; only [`crate::SequenceLabels`] may, because it
    /// checks the change against the sequence first.
    pub(crate) fn track_mut(&mut self) -> &mut Track {
        &mut self.track
    }

    /// Gives the parts back: id, name, class and track.
    pub fn into_parts(self) -> (Option<ObjectId>, Option<InstanceName>, ClassId, Track) {
        (self.id, self.name, self.class_id, self.track)
    }

    /// How messages name this object: `object car:1 (id 480dc450-…)`.
    pub fn describe(&self) -> String {
        match (&self.name, &self.id) {
            (Some(n), Some(id)) => format!("object {n} (id {id})"),
            (Some(n), None) => format!("object {n}"),
            (None, Some(id)) => format!("object id {id}"),
            (None, None) => format!(
                "class {} annotation on frame {}",
                self.class_id,
                self.track.span().0
            ),
        }
    }
}
