//! One labeled object: identity, category and track.

use serde::{Deserialize, Serialize};

use crate::{ClassId, InstanceName, ObjectId, Track};

/// An object of a sequence: a tracked object with its id and instance name, or one detection.
///
/// Detection labels have no identity across frames: each is an object whose track holds one
/// keyframe, with id and name only when the file carried them (ambiguity A10).
#[derive(Debug, Clone, PartialEq)]
pub struct LabeledObject {
    // Detections have neither id nor name, and a job holds hundreds of thousands of them:
    // out of line, the two cost them one pointer instead of two strings' worth of `None`.
    identity: Option<Box<Identity>>,
    class_id: ClassId,
    track: Track,
}

#[derive(Debug, Clone, PartialEq)]
struct Identity {
    id: Option<ObjectId>,
    name: Option<InstanceName>,
}

/// The serialised form: the four fields, as before identity moved out of line.
#[derive(Serialize)]
struct ObjectFieldsRef<'a> {
    id: Option<&'a ObjectId>,
    name: Option<&'a InstanceName>,
    class_id: ClassId,
    track: &'a Track,
}

#[derive(Deserialize)]
struct ObjectFields {
    id: Option<ObjectId>,
    name: Option<InstanceName>,
    class_id: ClassId,
    track: Track,
}

impl Serialize for LabeledObject {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        ObjectFieldsRef {
            id: self.id(),
            name: self.name(),
            class_id: self.class_id,
            track: &self.track,
        }
        .serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for LabeledObject {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let f = ObjectFields::deserialize(deserializer)?;
        Ok(Self::new(f.id, f.name, f.class_id, f.track))
    }
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
        let identity = (id.is_some() || name.is_some()).then(|| Box::new(Identity { id, name }));
        Self {
            identity,
            class_id,
            track,
        }
    }

    /// `object-id`.
    pub fn id(&self) -> Option<&ObjectId> {
        self.identity.as_ref()?.id.as_ref()
    }

    /// `object-name`, e.g. `car:1`.
    pub fn name(&self) -> Option<&InstanceName> {
        self.identity.as_ref()?.name.as_ref()
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
        let (id, name) = self.identity.map_or((None, None), |i| (i.id, i.name));
        (id, name, self.class_id, self.track)
    }

    /// How messages name this object: `object car:1 (id 480dc450-…)`.
    pub fn describe(&self) -> String {
        match (self.name(), self.id()) {
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

#[cfg(test)]
mod tests {
    use super::*;
    use vframe_geom::BoundingBox;

    fn object(id: Option<&str>, name: Option<&str>) -> LabeledObject {
        let b = BoundingBox::new(1.0, 2.0, 3.0, 4.0).unwrap();
        LabeledObject::new(
            id.map(ObjectId::new),
            name.map(InstanceName::from),
            ClassId(2),
            Track::single(5, b.into()),
        )
    }

    #[test]
    fn serialised_form_names_id_name_class_and_track_and_reads_back() {
        for (id, name) in [
            (Some("a"), Some("car:1")),
            (None, None),
            (None, Some("car:2")),
        ] {
            let o = object(id, name);
            let json = serde_json::to_value(&o).unwrap();
            let keys: Vec<&String> = json.as_object().unwrap().keys().collect();
            assert_eq!(keys, ["class_id", "id", "name", "track"]);
            assert_eq!(json["id"], serde_json::json!(id));
            assert_eq!(json["name"], serde_json::json!(name));
            let back: LabeledObject = serde_json::from_value(json).unwrap();
            assert_eq!(back, o);
            assert_eq!(
                (
                    back.id().map(ObjectId::as_str),
                    back.name().map(|n| n.as_str())
                ),
                (id, name)
            );
        }
    }

    #[test]
    fn a_detection_is_a_pointer_a_class_and_its_keyframe_inline() {
        let keyframe = std::mem::size_of::<crate::Keyframe>();
        assert_eq!(std::mem::size_of::<Track>(), keyframe + 8);
        assert!(std::mem::size_of::<LabeledObject>() <= keyframe + 8 + 16);
    }
}
