//! The labels of one sequence: listed frames with their attributes, and objects with tracks.

mod compress;
mod densify;
mod frame_index;
mod interpolation;
mod object;
mod spans;
mod track;

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

pub use compress::{
    CompressOptions, CompressedObject, CompressionStrategy, ROUNDING_GRACE, Tolerance,
    box_distance, compress_labels, compress_track, shape_distance,
};
pub use densify::{densify_labels, densify_track};
pub use frame_index::FrameIndex;
pub use interpolation::{ShapeAt, TrackInterpolator};
pub use object::LabeledObject;
pub use spans::FrameSpan;
pub(crate) use track::check_keyframes;
pub use track::{Keyframe, KeyframeState, Track};

use crate::{AnnotationType, AttributeValues, ClassMap, CoreError, ObjectId, TaskType};
use vframe_geom::ShapeKind;

/// A frame the labels list: its index, file name and frame attribute values.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LabeledFrame {
    index: u32,
    /// The frame's file name, as in the sequence file.
    pub file: String,
    /// Frame attribute values.
    pub attributes: AttributeValues,
}

impl LabeledFrame {
    /// Frame index, 0-based (`frame-no`).
    pub fn index(&self) -> u32 {
        self.index
    }
}

/// The labels of one sequence, in meaning: what a `SeqLabel.json` says, validated.
///
/// Invariants, enforced by every method that changes the value (a refused change changes
/// nothing): frames listed once each, in index order; every keyframe on a listed frame;
/// every shape of the job's annotation type and valid; tracked objects with unique ids;
/// detection objects with one keyframe each. See [`Track`] for the invariants of a track.
///
/// Objects keep the order in which they were added; reading a file adds them in order of
/// first appearance.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SequenceLabels {
    task: TaskType,
    annotation_type: AnnotationType,
    class_map: ClassMap,
    frames: Vec<LabeledFrame>,
    objects: Vec<LabeledObject>,
    #[serde(skip)]
    by_id: HashMap<ObjectId, usize>,
}

impl SequenceLabels {
    /// No frames and no objects yet.
    pub fn new(task: TaskType, annotation_type: AnnotationType) -> Self {
        Self {
            task,
            annotation_type,
            class_map: ClassMap::new(),
            frames: Vec::new(),
            objects: Vec::new(),
            by_id: HashMap::new(),
        }
    }

    /// Detection or tracking.
    pub fn task(&self) -> TaskType {
        self.task
    }

    /// The tool every shape was drawn with.
    pub fn annotation_type(&self) -> AnnotationType {
        self.annotation_type
    }

    /// The class map (class id -> label name), empty when unknown.
    pub fn class_map(&self) -> &ClassMap {
        &self.class_map
    }

    /// Replaces the class map.
    pub fn set_class_map(&mut self, class_map: ClassMap) {
        self.class_map = class_map;
    }

    /// Lists a frame. Refused when the index is already listed.
    pub fn add_frame(
        &mut self,
        index: u32,
        file: impl Into<String>,
    ) -> Result<&mut LabeledFrame, CoreError> {
        let at = match self.frames.binary_search_by_key(&index, |f| f.index) {
            Ok(_) => return Err(CoreError::DuplicateFrame { frame: index }),
            Err(at) => at,
        };
        self.frames.insert(
            at,
            LabeledFrame {
                index,
                file: file.into(),
                attributes: AttributeValues::new(),
            },
        );
        Ok(&mut self.frames[at])
    }

    /// The listed frames, in index order.
    pub fn frames(&self) -> &[LabeledFrame] {
        &self.frames
    }

    /// The listed frame with this index.
    pub fn frame(&self, index: u32) -> Option<&LabeledFrame> {
        self.frames
            .binary_search_by_key(&index, |f| f.index)
            .ok()
            .map(|i| &self.frames[i])
    }

    /// The listed frame with this index, to change its file name or attributes.
    pub fn frame_mut(&mut self, index: u32) -> Option<&mut LabeledFrame> {
        self.frames
            .binary_search_by_key(&index, |f| f.index)
            .ok()
            .map(|i| &mut self.frames[i])
    }

    /// Makes room for `more` objects, so adding many in a row does not copy the list as it
    /// grows.
    pub fn reserve_objects(&mut self, more: usize) {
        self.objects.reserve(more);
    }

    /// Adds an object after checking it against every invariant; returns its position.
    pub fn add_object(&mut self, object: LabeledObject) -> Result<usize, CoreError> {
        self.check_object(&object, None)?;
        let at = self.objects.len();
        if let Some(id) = object.id()
            && self.task == TaskType::Tracking
        {
            self.by_id.insert(id.clone(), at);
        }
        self.objects.push(object);
        Ok(at)
    }

    /// Adds objects in order, each checked as [`Self::add_object`] checks it (ids unique
    /// among them too); on the first refusal nothing is added.
    ///
    /// A sequence without objects takes the list whole, with no copy: the way to hand over
    /// hundreds of thousands of detections.
    ///
    /// ```
    /// use vframe_core::{AnnotationType, ClassId, LabeledObject, SequenceLabels, TaskType, Track};
    /// use vframe_geom::BoundingBox;
    ///
    /// let mut labels = SequenceLabels::new(TaskType::Detection, AnnotationType::BoundingBox);
    /// labels.add_frame(0, "f0.jpg")?;
    /// let b = BoundingBox::new(1.0, 2.0, 3.0, 4.0)?;
    /// let box_on = |frame| LabeledObject::new(None, None, ClassId(0), Track::single(frame, b.into()));
    /// assert!(labels.add_objects(vec![box_on(0), box_on(1)]).is_err()); // frame 1 is not listed
    /// assert!(labels.objects().is_empty());
    /// labels.add_objects(vec![box_on(0), box_on(0)])?;
    /// assert_eq!(labels.objects().len(), 2);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn add_objects(&mut self, mut objects: Vec<LabeledObject>) -> Result<(), CoreError> {
        let start = self.objects.len();
        let tracking = self.task == TaskType::Tracking;
        for (i, object) in objects.iter().enumerate() {
            if let Err(e) = self.check_object(object, None) {
                if tracking {
                    for earlier in objects.get(..i).unwrap_or_default() {
                        if let Some(id) = earlier.id() {
                            self.by_id.remove(id);
                        }
                    }
                }
                return Err(e);
            }
            if tracking && let Some(id) = object.id() {
                self.by_id.insert(id.clone(), start + i);
            }
        }
        if self.objects.is_empty() {
            self.objects = objects;
        } else {
            self.objects.append(&mut objects);
        }
        Ok(())
    }

    /// Replaces the object at `index` after checking the new one; returns the old one.
    pub fn replace_object(
        &mut self,
        index: usize,
        object: LabeledObject,
    ) -> Result<LabeledObject, CoreError> {
        if index >= self.objects.len() {
            return Err(CoreError::NoSuchObject {
                index,
                count: self.objects.len(),
            });
        }
        self.check_object(&object, Some(index))?;
        let old = std::mem::replace(&mut self.objects[index], object);
        if self.task == TaskType::Tracking {
            if let Some(id) = old.id() {
                self.by_id.remove(id);
            }
            if let Some(id) = self.objects[index].id() {
                self.by_id.insert(id.clone(), index);
            }
        }
        Ok(old)
    }

    /// Removes the object at `index`; later objects move up by one.
    pub fn remove_object(&mut self, index: usize) -> Result<LabeledObject, CoreError> {
        if index >= self.objects.len() {
            return Err(CoreError::NoSuchObject {
                index,
                count: self.objects.len(),
            });
        }
        let old = self.objects.remove(index);
        self.rebuild_id_index();
        Ok(old)
    }

    /// Inserts an object at `index` (later objects move down by one) after checking it.
    pub fn insert_object(&mut self, index: usize, object: LabeledObject) -> Result<(), CoreError> {
        if index > self.objects.len() {
            return Err(CoreError::NoSuchObject {
                index,
                count: self.objects.len(),
            });
        }
        self.check_object(&object, None)?;
        self.objects.insert(index, object);
        self.rebuild_id_index();
        Ok(())
    }

    /// Replaces the keyframes of the object at `index` on frames `from..=to` with
    /// `keyframes` (in increasing frame order, all on frames in that range) and returns the
    /// ones replaced. The new keyframes and the track around them are checked against every
    /// invariant; a refused splice changes nothing. Only the changed stretch is checked and
    /// moved, so editing one frame of a 100,000-keyframe track stays cheap (O(log k) plus
    /// moving the later keyframes when their number changes), where
    /// [`SequenceLabels::replace_object`] re-checks the whole object.
    ///
    /// ```
    /// use vframe_core::{AnnotationType, ClassId, Keyframe, LabeledObject, ObjectId, SequenceLabels, TaskType, Track};
    /// use vframe_geom::Keypoint;
    ///
    /// let p = |x| Keypoint::new(x, 0.0).unwrap().into();
    /// let mut labels = SequenceLabels::new(TaskType::Tracking, AnnotationType::Keypoint);
    /// for f in 0..4 {
    ///     labels.add_frame(f, format!("{f}.jpg"))?;
    /// }
    /// let track = Track::new(vec![Keyframe::visible(0, p(0.0)), Keyframe::visible(3, p(3.0))])?;
    /// labels.add_object(LabeledObject::new(Some(ObjectId::new("a")), None, ClassId(0), track))?;
    ///
    /// let replaced = labels.splice_keyframes(0, 1, 2, vec![Keyframe::absent(2)])?;
    /// assert!(replaced.is_empty());
    /// // An absence cannot end the track: refused, nothing changed.
    /// assert!(labels.splice_keyframes(0, 3, 3, vec![]).is_err());
    /// assert_eq!(labels.objects()[0].track().keyframes().len(), 3);
    /// # Ok::<(), vframe_core::CoreError>(())
    /// ```
    pub fn splice_keyframes(
        &mut self,
        index: usize,
        from: u32,
        to: u32,
        keyframes: Vec<Keyframe>,
    ) -> Result<Vec<Keyframe>, CoreError> {
        let count = self.objects.len();
        let Some(object) = self.objects.get(index) else {
            return Err(CoreError::NoSuchObject { index, count });
        };
        let describe = object.describe();
        if self.task == TaskType::Detection {
            let old = object.track().keyframes();
            let a = old.partition_point(|k| k.frame < from);
            let b = old.partition_point(|k| k.frame <= to).max(a);
            let found = old.len() - (b - a) + keyframes.len();
            if found > 1 {
                return Err(CoreError::DetectionObjectSpansFrames {
                    object: describe,
                    found,
                });
            }
        }
        self.check_contents(&keyframes, || describe.clone())?;
        self.objects[index]
            .track_mut()
            .splice(from, to, keyframes, &describe)
    }

    /// The objects, in the order they were added.
    pub fn objects(&self) -> &[LabeledObject] {
        &self.objects
    }

    /// The position of the tracked object with this id.
    pub fn object_index(&self, id: &ObjectId) -> Option<usize> {
        self.by_id.get(id).copied()
    }

    /// Number of visible keyframes over all objects (annotations, for a file read from
    /// Ground Truth).
    pub fn annotation_count(&self) -> usize {
        self.objects.iter().map(|o| o.track().visible_count()).sum()
    }

    fn rebuild_id_index(&mut self) {
        self.by_id.clear();
        if self.task == TaskType::Tracking {
            for (i, o) in self.objects.iter().enumerate() {
                if let Some(id) = o.id() {
                    self.by_id.insert(id.clone(), i);
                }
            }
        }
    }

    fn check_object(
        &self,
        object: &LabeledObject,
        replacing: Option<usize>,
    ) -> Result<(), CoreError> {
        let describe = || object.describe();
        // The description is built only for a message: this runs once per object of files
        // with hundreds of thousands of detections.
        let keyframes = object.track().keyframes();
        check_keyframes(keyframes, "").or_else(|_| check_keyframes(keyframes, &describe()))?;
        match self.task {
            TaskType::Tracking => {
                let Some(id) = object.id() else {
                    return Err(CoreError::MissingObjectId { object: describe() });
                };
                if let Some(&other) = self.by_id.get(id)
                    && Some(other) != replacing
                {
                    return Err(CoreError::DuplicateObjectId { id: id.to_string() });
                }
            }
            TaskType::Detection => {
                let n = object.track().keyframes().len();
                if n != 1 {
                    return Err(CoreError::DetectionObjectSpansFrames {
                        object: describe(),
                        found: n,
                    });
                }
            }
        }
        self.check_contents(object.track().keyframes(), describe)
    }

    /// Every keyframe on a listed frame, with a valid shape of the job's annotation type.
    fn check_contents(
        &self,
        keyframes: &[Keyframe],
        describe: impl Fn() -> String,
    ) -> Result<(), CoreError> {
        let expected = self.annotation_type.shape_kind();
        // Keyframes and frames are both sorted: each lookup gallops on from the previous one,
        // so a dense track costs one pass over the frames, not a search per keyframe.
        let mut from = 0;
        let mut last = None;
        for k in keyframes {
            // Edits hand keyframes in before their order is checked: start over if unsorted.
            if last.is_some_and(|l| k.frame <= l) {
                from = 0;
            }
            last = Some(k.frame);
            // Frame indices are distinct and sorted, so frame `n` is at position `n` or
            // later, and exactly there when the frames are 0, 1, 2...: no search at all.
            if self
                .frames
                .get(k.frame as usize)
                .is_some_and(|f| f.index == k.frame)
            {
                from = k.frame as usize;
                self.check_shape(k, expected, &describe)?;
                continue;
            }
            let rest = self.frames.get(from..).unwrap_or_default();
            let mut step = 1;
            while step < rest.len() && rest[step - 1].index < k.frame {
                step *= 2;
            }
            let window = &rest[..step.min(rest.len())];
            let at = window.partition_point(|f| f.index < k.frame);
            from += at;
            if window.get(at).is_none_or(|f| f.index != k.frame) {
                return Err(CoreError::UnknownFrame {
                    object: describe(),
                    frame: k.frame,
                });
            }
            self.check_shape(k, expected, &describe)?;
        }
        Ok(())
    }

    /// A visible keyframe's shape: of the sequence's kind and valid.
    #[inline]
    fn check_shape(
        &self,
        k: &Keyframe,
        expected: ShapeKind,
        describe: &impl Fn() -> String,
    ) -> Result<(), CoreError> {
        let Some(shape) = k.shape() else {
            return Ok(());
        };
        if shape.kind() != expected {
            return Err(CoreError::ShapeKindMismatch {
                object: describe(),
                frame: k.frame,
                expected,
                found: shape.kind(),
            });
        }
        shape.check().map_err(|source| CoreError::InvalidShape {
            object: describe(),
            frame: k.frame,
            source,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{ClassId, InstanceName};
    use vframe_geom::{BoundingBox, Keypoint, Shape};

    fn bbox() -> Shape {
        BoundingBox::new(1.0, 2.0, 3.0, 4.0).unwrap().into()
    }

    fn labels(task: TaskType) -> SequenceLabels {
        let mut l = SequenceLabels::new(task, AnnotationType::BoundingBox);
        for i in 0..5 {
            l.add_frame(i, format!("f{i}.jpg")).unwrap();
        }
        l
    }

    fn tracked(id: &str, frames: &[u32]) -> LabeledObject {
        let kfs = frames
            .iter()
            .map(|&f| Keyframe::visible(f, bbox()))
            .collect();
        LabeledObject::new(
            Some(ObjectId::new(id)),
            Some(InstanceName::from("car:1")),
            ClassId(0),
            Track::new(kfs).unwrap(),
        )
    }

    #[test]
    fn frames_stay_sorted_and_unique() {
        let mut l = SequenceLabels::new(TaskType::Tracking, AnnotationType::BoundingBox);
        l.add_frame(3, "c").unwrap();
        l.add_frame(1, "a").unwrap();
        assert!(matches!(
            l.add_frame(3, "again"),
            Err(CoreError::DuplicateFrame { frame: 3 })
        ));
        let order: Vec<u32> = l.frames().iter().map(|f| f.index()).collect();
        assert_eq!(order, [1, 3]);
    }

    #[test]
    fn every_keyframe_frame_is_looked_up_whatever_the_gaps() {
        let mut l = SequenceLabels::new(TaskType::Tracking, AnnotationType::BoundingBox);
        let listed = [0, 1, 2, 3, 10, 11, 40, 41, 42, 100, 1000];
        for f in listed {
            l.add_frame(f, format!("f{f}.jpg")).unwrap();
        }
        let object = |frames: &[u32]| {
            let kfs = frames
                .iter()
                .map(|&f| Keyframe::visible(f, bbox()))
                .collect();
            LabeledObject::new(
                Some(ObjectId::new(format!("{frames:?}"))),
                None,
                ClassId(0),
                Track::new(kfs).unwrap(),
            )
        };
        assert!(l.add_object(object(&listed)).is_ok());
        assert!(l.add_object(object(&[0, 42, 1000])).is_ok());
        assert!(l.add_object(object(&[3, 10])).is_ok());
        for bad in [[0, 4, 10], [1, 41, 99], [2, 100, 1001]] {
            let err = l.add_object(object(&bad)).unwrap_err();
            assert!(
                matches!(err, CoreError::UnknownFrame { frame, .. } if frame == bad[1] || frame == bad[2]),
                "{bad:?}: {err}"
            );
        }
    }

    #[test]
    fn objects_added_together_are_checked_against_each_other_and_refused_whole() {
        let mut l = labels(TaskType::Tracking);
        l.add_object(tracked("a", &[0])).unwrap();
        let err = l
            .add_objects(vec![
                tracked("b", &[0]),
                tracked("c", &[0]),
                tracked("b", &[0]),
            ])
            .unwrap_err();
        assert!(
            matches!(err, CoreError::DuplicateObjectId { ref id } if id == "b"),
            "{err}"
        );
        assert_eq!(l.objects().len(), 1);
        // The refused batch left no id behind: the same ids are welcome now.
        l.add_objects(vec![tracked("b", &[0]), tracked("c", &[0])])
            .unwrap();
        assert_eq!(l.objects().len(), 3);
        assert!(l.add_objects(vec![tracked("a", &[0])]).is_err());
        assert!(l.add_object(tracked("c", &[0])).is_err());
    }

    #[test]
    fn keyframe_on_unlisted_frame_is_refused() {
        let mut l = labels(TaskType::Tracking);
        let err = l.add_object(tracked("a", &[0, 9])).unwrap_err();
        assert!(matches!(err, CoreError::UnknownFrame { frame: 9, .. }));
        assert!(err.to_string().contains("car:1"));
        assert!(l.objects().is_empty());
    }

    #[test]
    fn wrong_shape_kind_is_refused() {
        let mut l = labels(TaskType::Tracking);
        let point: Shape = Keypoint::new(1.0, 1.0).unwrap().into();
        let o = LabeledObject::new(
            Some(ObjectId::new("a")),
            None,
            ClassId(0),
            Track::single(0, point),
        );
        assert!(matches!(
            l.add_object(o),
            Err(CoreError::ShapeKindMismatch { .. })
        ));
    }

    #[test]
    fn duplicate_id_and_missing_id_are_refused_in_tracking() {
        let mut l = labels(TaskType::Tracking);
        l.add_object(tracked("a", &[0, 1])).unwrap();
        assert!(matches!(
            l.add_object(tracked("a", &[2])),
            Err(CoreError::DuplicateObjectId { .. })
        ));
        let anonymous = LabeledObject::new(None, None, ClassId(0), Track::single(0, bbox()));
        assert!(matches!(
            l.add_object(anonymous),
            Err(CoreError::MissingObjectId { .. })
        ));
    }

    #[test]
    fn detection_objects_hold_one_keyframe() {
        let mut l = labels(TaskType::Detection);
        let one = LabeledObject::new(None, None, ClassId(0), Track::single(0, bbox()));
        l.add_object(one.clone()).unwrap();
        l.add_object(one).unwrap();
        let two = LabeledObject::new(
            None,
            None,
            ClassId(0),
            Track::new(vec![
                Keyframe::visible(0, bbox()),
                Keyframe::visible(1, bbox()),
            ])
            .unwrap(),
        );
        assert!(matches!(
            l.add_object(two),
            Err(CoreError::DetectionObjectSpansFrames { found: 2, .. })
        ));
    }

    #[test]
    fn invalid_box_is_refused_with_frame() {
        let mut l = labels(TaskType::Tracking);
        let bad: Shape = Shape::BoundingBox(BoundingBox {
            left: 0.0,
            top: 0.0,
            width: -3.0,
            height: 1.0,
        });
        let o = LabeledObject::new(
            Some(ObjectId::new("a")),
            None,
            ClassId(0),
            Track::single(2, bad),
        );
        let err = l.add_object(o).unwrap_err();
        assert!(err.to_string().contains("frame 2"), "{err}");
    }

    #[test]
    fn replace_and_remove_keep_the_id_index() {
        let mut l = labels(TaskType::Tracking);
        l.add_object(tracked("a", &[0])).unwrap();
        l.add_object(tracked("b", &[1])).unwrap();
        l.replace_object(0, tracked("c", &[0, 1])).unwrap();
        assert_eq!(l.object_index(&ObjectId::new("a")), None);
        assert_eq!(l.object_index(&ObjectId::new("c")), Some(0));
        l.remove_object(0).unwrap();
        assert_eq!(l.object_index(&ObjectId::new("b")), Some(0));
        assert!(l.replace_object(5, tracked("d", &[0])).is_err());
    }
}
