//! Building the model from what a reader saw, row by row or element by element.
//!
//! Every reader feeds observations (a track key or none, a class, a frame, a shape or an
//! absence, attribute values) into one [`Assembler`]; it applies the model's rules once for
//! all formats: one annotation type per sequence (other kinds reported as lost), one class per
//! object, tracks ordered by first appearance, `label:n` instance names, and the placement of
//! absences.

use std::collections::{BTreeMap, HashMap};

use rayon::prelude::*;

use vframe_core::{
    AnnotationType, AttributeValues, ClassId, ClassMap, InstanceName, Keyframe, KeyframeState,
    LabeledObject, ObjectId, SequenceLabels, TaskType, Track,
};
use vframe_geom::{Shape, ShapeKind};

use super::{LossKind, LossReport};
use crate::{IoError, Position};

/// How a format expresses that an object is not on a frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Gaps {
    /// Per-frame formats (MOT, COCO, YOLO): a track missing on a listed frame between two of
    /// its rows is absent from that frame on (Ground Truth's reading rule).
    MeanAbsence,
    /// CVAT: absences are explicit (`outside`), frames between shapes are interpolated.
    Explicit,
}

/// One row or shape element.
#[derive(Debug, Clone)]
pub(crate) struct Observation {
    /// 0-based frame index.
    pub frame: u32,
    /// The shape, or `None` for an explicit absence.
    pub shape: Option<Shape>,
    /// Attribute values.
    pub attributes: AttributeValues,
}

/// A finished track with its first frame, key and class, for ordering and naming.
type BuiltTrack = (u32, i64, ClassId, Track);

/// A shape without identity across frames, as a reader handed it over to be built later.
type SeenDetection = (ClassId, u32, Shape, AttributeValues);

fn seen_observation((class, frame, shape, attributes): SeenDetection) -> (ClassId, Observation) {
    let observation = Observation {
        frame,
        shape: Some(shape),
        attributes,
    };
    (class, observation)
}

fn built_observation(object: LabeledObject) -> (ClassId, Observation) {
    let (_, _, class, track) = object.into_parts();
    let keyframe = track.into_keyframes().into_iter().next();
    let observation = match keyframe {
        Some(k) => Observation {
            frame: k.frame,
            shape: k.shape().cloned(),
            attributes: k.attributes,
        },
        None => Observation {
            frame: 0,
            shape: None,
            attributes: AttributeValues::new(),
        },
    };
    (class, observation)
}

/// The items, each equal to the one before dropped.
fn without_repeats<T: Copy + PartialEq>(items: impl Iterator<Item = T>) -> impl Iterator<Item = T> {
    let mut last = None;
    items.filter(move |&item| last.replace(item) != Some(item))
}

fn built_shape(object: &LabeledObject) -> Option<&Shape> {
    object.track().keyframes().first()?.shape()
}

#[derive(Debug)]
struct PendingTrack {
    key: i64,
    class: ClassId,
    observations: Vec<Observation>,
}

/// Collects observations and builds [`SequenceLabels`].
#[derive(Debug)]
pub(crate) struct Assembler {
    format: &'static str,
    gaps: Gaps,
    want: Option<AnnotationType>,
    frames: BTreeMap<u32, String>,
    frame_attributes: BTreeMap<u32, AttributeValues>,
    tracks: Vec<PendingTrack>,
    // foldhash: one lookup per row of files with millions of rows, and randomly seeded.
    by_key: HashMap<i64, usize, foldhash::fast::RandomState>,
    // Rows usually come grouped by track: the last track looked up is tried first.
    last: Option<(i64, usize)>,
    /// Shapes without identity across frames, in the order readers gave them: those built
    /// on the readers' threads, then those still to build (always after the built ones).
    built: Vec<LabeledObject>,
    seen: Vec<SeenDetection>,
    kinds: [u64; 4],
}

fn kind_slot(kind: ShapeKind) -> usize {
    match kind {
        ShapeKind::BoundingBox => 0,
        ShapeKind::Polyline => 1,
        ShapeKind::Polygon => 2,
        ShapeKind::Keypoint => 3,
    }
}

impl Assembler {
    pub fn new(format: &'static str, gaps: Gaps, want: Option<AnnotationType>) -> Self {
        Self {
            format,
            gaps,
            want,
            frames: BTreeMap::new(),
            frame_attributes: BTreeMap::new(),
            tracks: Vec::new(),
            by_key: HashMap::default(),
            last: None,
            built: Vec::new(),
            seen: Vec::new(),
            kinds: [0; 4],
        }
    }

    /// Lists a frame (idempotent: the first name given wins).
    pub fn add_frame(&mut self, index: u32, name: impl FnOnce() -> String) {
        self.frames.entry(index).or_insert_with(name);
    }

    /// Sets a frame's attribute values.
    pub fn set_frame_attributes(&mut self, index: u32, values: AttributeValues) {
        if !values.is_empty() {
            self.frame_attributes.insert(index, values);
        }
    }

    /// Adds an observation of a tracked object. A class different from the track's first one
    /// is reported as lost (the model keeps one class per object).
    pub fn observe_track(
        &mut self,
        key: i64,
        class: ClassId,
        observation: Observation,
        loss: &mut LossReport,
    ) {
        self.count_kind(&observation);
        let at = self.track_slot(key, class);
        let track = &mut self.tracks[at];
        if track.class != class {
            loss.record(LossKind::Classes, || {
                format!(
                    "frame {}, track {key}: class {class} inside a track of class {}",
                    observation.frame, track.class
                )
            });
        }
        track.observations.push(observation);
    }

    /// Adds consecutive observations of one tracked object at once (what a parallel reader
    /// collected from one stretch of rows), with the same rules as [`Self::observe_track`].
    pub fn observe_track_run(
        &mut self,
        key: i64,
        class: ClassId,
        mut observations: Vec<Observation>,
        loss: &mut LossReport,
    ) {
        let Some(first) = observations.first() else {
            return;
        };
        let first_frame = first.frame;
        for o in &observations {
            self.count_kind(o);
        }
        let at = self.track_slot(key, class);
        let track = &mut self.tracks[at];
        if track.class != class {
            loss.record_many(LossKind::Classes, observations.len() as u64, || {
                format!(
                    "frame {first_frame}, track {key}: class {class} inside a track of class {}",
                    track.class
                )
            });
        }
        if track.observations.is_empty() {
            track.observations = observations;
        } else {
            track.observations.append(&mut observations);
        }
    }

    /// The index of the track with this key, added (with this class) when new.
    fn track_slot(&mut self, key: i64, class: ClassId) -> usize {
        match self.last {
            Some((k, at)) if k == key => at,
            _ => {
                let at = *self.by_key.entry(key).or_insert_with(|| {
                    self.tracks.push(PendingTrack {
                        key,
                        class,
                        observations: Vec::new(),
                    });
                    self.tracks.len() - 1
                });
                self.last = Some((key, at));
                at
            }
        }
    }

    /// Adds a shape without identity across frames.
    pub fn observe_detection(&mut self, class: ClassId, observation: Observation) {
        self.count_kind(&observation);
        if let Some(shape) = observation.shape {
            self.seen
                .push((class, observation.frame, shape, observation.attributes));
        }
    }

    /// The object a detection becomes: one visible keyframe, no id or name. A reader that
    /// parses on several threads builds them there and hands them to
    /// [`Self::observe_detection_objects`].
    pub fn detection_object(
        class: ClassId,
        frame: u32,
        shape: Shape,
        attributes: AttributeValues,
    ) -> LabeledObject {
        let track = Track::single_with_attributes(frame, shape, attributes);
        LabeledObject::new(None, None, class, track)
    }

    /// Adds detections built by [`Self::detection_object`], in order.
    pub fn observe_detection_objects(&mut self, mut objects: Vec<LabeledObject>) {
        let kinds = &mut self.kinds;
        objects.retain(|object| {
            built_shape(object)
                .inspect(|shape| kinds[kind_slot(shape.kind())] += 1)
                .is_some()
        });
        // Built ones come first: any seen before these are built now, to keep the order.
        self.build_seen();
        if self.built.capacity() == 0 {
            self.built = objects;
        } else {
            self.built.append(&mut objects);
        }
    }

    /// Room for `additional` more detections, when a reader can tell how many are coming.
    /// Growing a list of hundreds of thousands by doubling copies it several times over once
    /// the allocator serves such sizes from its heap (as it does in a process that has
    /// freed large blocks before). An estimate too large to allocate is ignored.
    pub fn reserve_detection_objects(&mut self, additional: usize) {
        let _ = self.built.try_reserve(additional);
    }

    /// Builds the detections seen so far, on all cores, after the built ones.
    fn build_seen(&mut self) {
        // Called per reader batch: nothing to hand the pool most of the time.
        if self.seen.is_empty() {
            return;
        }
        let seen = std::mem::take(&mut self.seen);
        self.built
            .par_extend(seen.into_par_iter().map(|(class, frame, shape, values)| {
                Self::detection_object(class, frame, shape, values)
            }));
    }

    /// The frames (repeats in a row dropped) and the classes of the built detections, in
    /// one pass on all cores: hundreds of thousands of them, walked twice one by one before.
    fn built_frames_and_classes(&self) -> (Vec<u32>, Vec<ClassId>) {
        let pieces: Vec<(Vec<u32>, Vec<ClassId>)> = self
            .built
            .par_chunks(8192)
            .map(|chunk| {
                let frames = without_repeats(chunk.iter().map(|o| o.track().span().0));
                let mut classes: Vec<ClassId> =
                    without_repeats(chunk.iter().map(LabeledObject::class_id)).collect();
                classes.sort_unstable();
                classes.dedup();
                (frames.collect(), classes)
            })
            .collect();
        let (mut frames, mut classes) = (Vec::new(), Vec::new());
        for (f, c) in pieces {
            frames.extend(f);
            classes.extend(c);
        }
        (frames, classes)
    }

    fn count_kind(&mut self, o: &Observation) {
        if let Some(s) = &o.shape {
            self.kinds[kind_slot(s.kind())] += 1;
        }
    }

    fn annotation_type(&self) -> AnnotationType {
        if let Some(t) = self.want {
            return t;
        }
        let mut best = ShapeKind::BoundingBox;
        for kind in ShapeKind::ALL {
            if self.kinds[kind_slot(kind)] > self.kinds[kind_slot(best)] {
                best = kind;
            }
        }
        AnnotationType::from_shape_kind(best)
    }

    fn error(&self, message: String) -> IoError {
        IoError::Interchange {
            position: Position::default(),
            format: self.format,
            message,
        }
    }

    /// Builds the labels. `label_names[i]` names class `i`; `default_name` names frames the
    /// input used but did not list.
    pub fn finish(
        mut self,
        label_names: &[String],
        default_name: impl Fn(u32) -> String,
        loss: &mut LossReport,
    ) -> Result<SequenceLabels, IoError> {
        let annotation_type = self.annotation_type();
        let expected = annotation_type.shape_kind();
        let task = if self.tracks.is_empty() {
            TaskType::Detection
        } else {
            TaskType::Tracking
        };

        let keep = |frame: u32, shape: Option<&Shape>, loss: &mut LossReport| match shape {
            Some(s) if s.kind() != expected => {
                loss.record(LossKind::Shapes(s.kind().describe()), || {
                    format!(
                        "frame {frame}: the sequence holds {} shapes only",
                        expected.describe()
                    )
                });
                false
            }
            _ => true,
        };

        for t in &mut self.tracks {
            t.observations
                .retain(|o| keep(o.frame, o.shape.as_ref(), loss));
        }
        // Only when some shape is of another kind: a pass over every detection otherwise.
        if self.kinds.iter().sum::<u64>() != self.kinds[kind_slot(expected)] {
            self.built
                .retain(|o| keep(o.track().span().0, built_shape(o), loss));
            self.seen
                .retain(|(_, frame, shape, _)| keep(*frame, Some(shape), loss));
        }

        // In a tracking sequence, shapes without a track become one-frame tracks with fresh
        // keys, so nothing is dropped and no key is reused.
        if task == TaskType::Tracking {
            let first = self.tracks.iter().map(|t| t.key).max().unwrap_or(0) + 1;
            for (key, (class, o)) in (first..).zip(
                (self.built.drain(..).map(built_observation))
                    .chain(self.seen.drain(..).map(seen_observation)),
            ) {
                self.tracks.push(PendingTrack {
                    key,
                    class,
                    observations: vec![o],
                });
            }
        }

        // One sort instead of a map lookup per observation.
        // Rows come grouped by frame or by track: repeats in a row are dropped while
        // collecting, so the sort sees a short list.
        let (built_frames, built_classes) = self.built_frames_and_classes();
        let mut used: Vec<u32> = without_repeats(
            self.tracks
                .iter()
                .flat_map(|t| t.observations.iter().map(|o| o.frame))
                .chain(built_frames)
                .chain(self.seen.iter().map(|(_, frame, _, _)| *frame)),
        )
        .collect();
        used.par_sort_unstable();
        used.dedup();
        for frame in used {
            self.frames
                .entry(frame)
                .or_insert_with(|| default_name(frame));
        }

        let mut labels = SequenceLabels::new(task, annotation_type);
        labels.reserve_objects(self.tracks.len());
        for (index, name) in &self.frames {
            let frame = labels
                .add_frame(*index, name.clone())
                .map_err(|e| self.error(e.to_string()))?;
            if let Some(values) = self.frame_attributes.remove(index) {
                frame.attributes = values;
            }
        }
        let listed: Vec<u32> = self.frames.keys().copied().collect();

        let name_of = |class: ClassId| -> String {
            label_names
                .get(class.0 as usize)
                .cloned()
                .unwrap_or_else(|| format!("class-{class}"))
        };
        let mut class_map = ClassMap::new();

        let pending = std::mem::take(&mut self.tracks);
        let this = &self;
        // Collected in track order, so the error reported is the first track's, as in a
        // sequential build.
        let results: Vec<Result<Option<BuiltTrack>, IoError>> = pending
            .into_par_iter()
            .map(|t| {
                let (key, class) = (t.key, t.class);
                Ok(this
                    .build_track(t, &listed)?
                    .map(|track| (track.span().0, key, class, track)))
            })
            .collect();
        let mut built = Vec::with_capacity(results.len());
        for result in results {
            built.extend(result?);
        }
        built.sort_by_key(|(first, key, _, _)| (*first, *key));
        let mut per_label: HashMap<ClassId, u32> = HashMap::new();
        for (_, key, class, track) in built {
            let n = per_label.entry(class).or_insert(0);
            *n += 1;
            let label = name_of(class);
            class_map.entry(class).or_insert_with(|| label.clone());
            let object = LabeledObject::new(
                Some(ObjectId::new(key.to_string())),
                Some(InstanceName::numbered(&label, *n)),
                class,
                track,
            );
            labels
                .add_object(object)
                .map_err(|e| self.error(e.to_string()))?;
        }
        let mut classes: Vec<ClassId> = without_repeats(
            built_classes
                .into_iter()
                .chain(self.seen.iter().map(|(class, _, _, _)| *class)),
        )
        .collect();
        classes.sort_unstable();
        classes.dedup();
        for class in classes {
            class_map.entry(class).or_insert_with(|| name_of(class));
        }
        // Hundreds of thousands of one-keyframe objects: those not built by the readers are
        // built on all cores, and the sequence takes the list whole (no copy).
        self.build_seen();
        let mut detections = std::mem::take(&mut self.built);
        // A reader's estimate may have been generous: the sequence keeps what it needs.
        if detections.capacity() - detections.len() > detections.len() / 16 {
            detections.shrink_to_fit();
        }
        labels
            .add_objects(detections)
            .map_err(|e| self.error(e.to_string()))?;
        labels.set_class_map(class_map);
        Ok(labels)
    }

    fn build_track(&self, t: PendingTrack, listed: &[u32]) -> Result<Option<Track>, IoError> {
        let key = t.key;
        let mut obs = t.observations;
        obs.sort_by_key(|o| o.frame);
        for pair in obs.windows(2) {
            if pair[0].frame == pair[1].frame {
                return Err(self.error(format!(
                    "track {key} has two shapes on frame {} (0-based); an object is on a frame once",
                    pair[0].frame
                )));
            }
        }
        let next_frames: Vec<Option<u32>> = obs
            .iter()
            .skip(1)
            .map(|o| Some(o.frame))
            .chain(std::iter::once(None))
            .collect();
        let mut keyframes: Vec<Keyframe> = Vec::with_capacity(obs.len() + 1);
        // Values rarely change between keyframes: equal ones share the last map.
        let mut last_values = AttributeValues::new();
        for (o, next) in obs.into_iter().zip(next_frames) {
            let frame = o.frame;
            match o.shape {
                Some(shape) => {
                    let attributes = if o.attributes.is_identical_to(&last_values) {
                        last_values.clone()
                    } else {
                        last_values = o.attributes.clone();
                        o.attributes
                    };
                    keyframes.push(Keyframe {
                        frame,
                        state: KeyframeState::Visible(shape),
                        attributes,
                    });
                    if self.gaps == Gaps::MeanAbsence
                        && let Some(next) = next
                    {
                        // The first listed frame after this one, if it comes before the next
                        // row, is where the object stops being shown.
                        let after = listed.partition_point(|&f| f <= frame);
                        if let Some(&gap) = listed.get(after)
                            && gap < next
                        {
                            keyframes.push(Keyframe::absent(gap));
                        }
                    }
                }
                None => {
                    if keyframes.last().is_some_and(Keyframe::is_visible) {
                        keyframes.push(Keyframe::absent(frame));
                    }
                }
            }
        }
        while keyframes.last().is_some_and(|k| !k.is_visible()) {
            keyframes.pop();
        }
        if keyframes.is_empty() {
            return Ok(None);
        }
        Track::new(keyframes)
            .map(Some)
            .map_err(|e| self.error(format!("track {key}: {e}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use vframe_geom::{BoundingBox, Keypoint};

    fn bbox(x: f64) -> Option<Shape> {
        Some(BoundingBox::new(x, 0.0, 1.0, 1.0).unwrap().into())
    }

    fn obs(frame: u32, shape: Option<Shape>) -> Observation {
        Observation {
            frame,
            shape,
            attributes: AttributeValues::new(),
        }
    }

    fn names() -> Vec<String> {
        vec!["car".into(), "bus".into()]
    }

    #[test]
    fn repeats_in_a_row_are_dropped_and_others_kept() {
        let kept: Vec<u32> = without_repeats([1, 1, 2, 1, 1, 3, 3].into_iter()).collect();
        assert_eq!(kept, [1, 2, 1, 3]);
        assert_eq!(without_repeats(std::iter::empty::<u32>()).count(), 0);
    }

    #[test]
    fn nothing_observed_gives_empty_detection_labels() {
        let a = Assembler::new("t", Gaps::MeanAbsence, None);
        let mut loss = LossReport::new("t");
        let l = a.finish(&names(), |i| i.to_string(), &mut loss).unwrap();
        assert_eq!(l.task(), TaskType::Detection);
        assert!(l.objects().is_empty());
    }

    #[test]
    fn an_estimate_too_large_to_reserve_is_ignored() {
        let mut a = Assembler::new("t", Gaps::MeanAbsence, None);
        a.reserve_detection_objects(usize::MAX / 2);
        let one = |x| {
            Assembler::detection_object(ClassId(0), 0, bbox(x).unwrap(), AttributeValues::new())
        };
        a.observe_detection_objects(vec![one(1.0), one(2.0)]);
        a.reserve_detection_objects(1_000);
        a.observe_detection_objects(vec![one(3.0)]);
        a.add_frame(0, || "0".into());
        let mut loss = LossReport::new("t");
        let l = a.finish(&names(), |i| i.to_string(), &mut loss).unwrap();
        let lefts: Vec<f64> = l
            .objects()
            .iter()
            .map(|o| match &o.track().keyframes()[0].shape() {
                Some(Shape::BoundingBox(b)) => b.left,
                other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(lefts, [1.0, 2.0, 3.0]);
    }

    #[test]
    fn gap_on_a_listed_frame_becomes_an_absence_at_its_first_frame() {
        let mut a = Assembler::new("t", Gaps::MeanAbsence, None);
        for i in 0..6 {
            a.add_frame(i, || format!("{i}"));
        }
        let mut loss = LossReport::new("t");
        for f in [0, 1, 4] {
            a.observe_track(3, ClassId(0), obs(f, bbox(1.0)), &mut loss);
        }
        let l = a.finish(&names(), |i| i.to_string(), &mut loss).unwrap();
        let frames: Vec<(u32, bool)> = l.objects()[0]
            .track()
            .keyframes()
            .iter()
            .map(|k| (k.frame, k.is_visible()))
            .collect();
        assert_eq!(frames, [(0, true), (1, true), (2, false), (4, true)]);
        assert_eq!(l.objects()[0].name().unwrap().as_str(), "car:1");
        assert_eq!(l.objects()[0].id().unwrap().as_str(), "3");
    }

    #[test]
    fn explicit_absences_are_trimmed_at_the_ends_and_collapsed() {
        let mut a = Assembler::new("t", Gaps::Explicit, None);
        let mut loss = LossReport::new("t");
        for (f, s) in [
            (0, None),
            (1, bbox(0.0)),
            (2, None),
            (3, None),
            (5, bbox(1.0)),
            (6, None),
        ] {
            a.observe_track(0, ClassId(1), obs(f, s), &mut loss);
        }
        let l = a.finish(&names(), |i| i.to_string(), &mut loss).unwrap();
        let frames: Vec<(u32, bool)> = l.objects()[0]
            .track()
            .keyframes()
            .iter()
            .map(|k| (k.frame, k.is_visible()))
            .collect();
        assert_eq!(frames, [(1, true), (2, false), (5, true)]);
        assert_eq!(l.objects()[0].name().unwrap().as_str(), "bus:1");
    }

    #[test]
    fn equal_values_of_consecutive_keyframes_share_one_map() {
        let mut a = Assembler::new("t", Gaps::MeanAbsence, None);
        let mut loss = LossReport::new("t");
        let values = |v: &str| -> AttributeValues {
            [("occluded".to_owned(), vframe_core::AttributeValue::from(v))].into()
        };
        for (f, v) in [(0, "no"), (1, "no"), (2, "yes"), (3, "yes"), (4, "no")] {
            let mut o = obs(f, bbox(1.0));
            o.attributes = values(v);
            a.observe_track(3, ClassId(0), o, &mut loss);
        }
        let l = a.finish(&names(), |i| i.to_string(), &mut loss).unwrap();
        let k = l.objects()[0].track().keyframes();
        let texts: Vec<_> = k
            .iter()
            .map(|k| k.attributes["occluded"].to_string())
            .collect();
        assert_eq!(texts, ["no", "no", "yes", "yes", "no"]);
        assert!(k[1].attributes.shares_storage_with(&k[0].attributes));
        assert!(k[3].attributes.shares_storage_with(&k[2].attributes));
        assert!(!k[2].attributes.shares_storage_with(&k[1].attributes));
        assert!(!k[4].attributes.shares_storage_with(&k[0].attributes));
    }

    #[test]
    fn two_shapes_of_one_track_on_a_frame_is_an_error() {
        let mut a = Assembler::new("t", Gaps::MeanAbsence, None);
        let mut loss = LossReport::new("t");
        a.observe_track(9, ClassId(0), obs(2, bbox(1.0)), &mut loss);
        a.observe_track(9, ClassId(0), obs(2, bbox(2.0)), &mut loss);
        let err = a
            .finish(&names(), |i| i.to_string(), &mut loss)
            .unwrap_err();
        assert!(
            err.to_string()
                .contains("track 9 has two shapes on frame 2"),
            "{err}"
        );
    }

    #[test]
    fn minority_shape_kinds_are_reported_not_dropped_silently() {
        let mut a = Assembler::new("t", Gaps::MeanAbsence, None);
        let mut loss = LossReport::new("t");
        a.observe_detection(ClassId(0), obs(0, bbox(1.0)));
        a.observe_detection(ClassId(0), obs(0, bbox(2.0)));
        let p: Shape = Keypoint::new(1.0, 1.0).unwrap().into();
        a.observe_detection(ClassId(0), obs(0, Some(p)));
        let l = a.finish(&names(), |i| i.to_string(), &mut loss).unwrap();
        assert_eq!(l.annotation_type(), AnnotationType::BoundingBox);
        assert_eq!(l.objects().len(), 2);
        assert_eq!(loss.count(LossKind::Shapes("keypoint")), 1);
    }

    #[test]
    fn tracks_are_ordered_by_first_frame_then_key_and_named_per_label() {
        let mut a = Assembler::new("t", Gaps::MeanAbsence, None);
        let mut loss = LossReport::new("t");
        a.observe_track(5, ClassId(0), obs(1, bbox(1.0)), &mut loss);
        a.observe_track(2, ClassId(0), obs(1, bbox(1.0)), &mut loss);
        a.observe_track(1, ClassId(0), obs(3, bbox(1.0)), &mut loss);
        let l = a.finish(&names(), |i| i.to_string(), &mut loss).unwrap();
        let got: Vec<(&str, &str)> = l
            .objects()
            .iter()
            .map(|o| (o.id().unwrap().as_str(), o.name().unwrap().as_str()))
            .collect();
        assert_eq!(got, [("2", "car:1"), ("5", "car:2"), ("1", "car:3")]);
    }

    #[test]
    fn class_change_inside_a_track_is_reported() {
        let mut a = Assembler::new("t", Gaps::MeanAbsence, None);
        let mut loss = LossReport::new("t");
        a.observe_track(1, ClassId(0), obs(0, bbox(1.0)), &mut loss);
        a.observe_track(1, ClassId(1), obs(1, bbox(1.0)), &mut loss);
        a.finish(&names(), |i| i.to_string(), &mut loss).unwrap();
        assert_eq!(loss.count(LossKind::Classes), 1);
    }
}
