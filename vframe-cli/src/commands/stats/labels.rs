//! The numbers `vframe stats` reports for the labels of one sequence.
//!
//! Words used in the output, for a file read from Ground Truth (where every annotation is a
//! visible keyframe): an object's *track length* is the number of frames it is annotated on;
//! its *span* runs from its first to its last annotated frame; a *gap* is a run of listed
//! frames inside the span where it is not annotated (an absent keyframe starts each one).

use std::collections::BTreeMap;

use serde::Serialize;
use vframe_core::{AttributeValues, ClassId, SequenceLabels, TaskType};

/// The summary of one sequence's labels.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LabelsSummary {
    /// `detection` or `tracking`.
    pub task: &'static str,
    /// `BoundingBox`, `Polyline`, `Polygon` or `Keypoint`.
    pub annotation_type: &'static str,
    /// Frames the file lists.
    pub frames: usize,
    /// Objects (tracking) or annotations (detection, where each is its own object).
    pub objects: usize,
    /// Annotations (visible keyframes) over all objects.
    pub annotations: usize,
    /// Per category, in class-id order.
    pub categories: Vec<CategoryCount>,
    /// Track lengths and gaps; only for tracking labels.
    pub tracks: Option<TrackSummary>,
    /// Label category attribute values over all annotations.
    pub label_attributes: Vec<AttributeCount>,
    /// Frame attribute values over all frames.
    pub frame_attributes: Vec<AttributeCount>,
}

/// Objects and annotations of one category.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CategoryCount {
    /// The `class-id`.
    pub class_id: u32,
    /// The label name, when a class map or configuration names it.
    pub label: Option<String>,
    /// Objects of this category.
    pub objects: usize,
    /// Annotations of this category.
    pub annotations: usize,
}

/// Track lengths (annotated frames per object) and gaps over all tracks.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TrackSummary {
    /// Fewest annotated frames of one object.
    pub shortest: usize,
    /// Most annotated frames of one object.
    pub longest: usize,
    /// Mean annotated frames per object.
    pub mean: f64,
    /// Median annotated frames per object (the lower middle for an even count).
    pub median: usize,
    /// Objects with at least one gap.
    pub objects_with_gaps: usize,
    /// Gaps over all objects.
    pub gaps: usize,
    /// Listed frames inside gaps, over all objects.
    pub gap_frames: usize,
    /// One row per object, in the order objects first appear.
    pub per_object: Vec<TrackRow>,
}

/// The track of one object.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TrackRow {
    /// The instance name (`car:1`), else the object id.
    pub object: String,
    /// The `class-id`.
    pub class_id: u32,
    /// First annotated frame.
    pub first_frame: u32,
    /// Last annotated frame.
    pub last_frame: u32,
    /// Frames the object is annotated on.
    pub annotated_frames: usize,
    /// Runs of listed frames inside the span without an annotation.
    pub gaps: usize,
    /// Listed frames inside the span without an annotation.
    pub gap_frames: usize,
}

/// How often each value of one attribute occurs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AttributeCount {
    /// The attribute name.
    pub name: String,
    /// Value -> count, in value order.
    pub values: BTreeMap<String, usize>,
}

/// Summarises `labels`; `label_of` names a class id when the caller knows the class map.
pub fn summarise(
    labels: &SequenceLabels,
    label_of: impl Fn(ClassId) -> Option<String>,
) -> LabelsSummary {
    let mut categories: BTreeMap<ClassId, CategoryCount> = BTreeMap::new();
    let mut label_attributes = AttributeTally::default();
    for object in labels.objects() {
        let class_id = object.class_id();
        let entry = categories.entry(class_id).or_insert_with(|| CategoryCount {
            class_id: class_id.0,
            label: label_of(class_id),
            objects: 0,
            annotations: 0,
        });
        entry.objects += 1;
        entry.annotations += object.track().visible_count();
        for keyframe in object.track().keyframes().iter().filter(|k| k.is_visible()) {
            label_attributes.add(&keyframe.attributes);
        }
    }
    let mut frame_attributes = AttributeTally::default();
    for frame in labels.frames() {
        frame_attributes.add(&frame.attributes);
    }
    LabelsSummary {
        task: match labels.task() {
            TaskType::Detection => "detection",
            TaskType::Tracking => "tracking",
        },
        annotation_type: labels.annotation_type().as_str(),
        frames: labels.frames().len(),
        objects: labels.objects().len(),
        annotations: labels.annotation_count(),
        categories: categories.into_values().collect(),
        tracks: (labels.task() == TaskType::Tracking).then(|| summarise_tracks(labels)),
        label_attributes: label_attributes.into_counts(),
        frame_attributes: frame_attributes.into_counts(),
    }
}

fn summarise_tracks(labels: &SequenceLabels) -> TrackSummary {
    let frames = labels.frames();
    let listed_between = |first: u32, last: u32| {
        frames.partition_point(|f| f.index() <= last)
            - frames.partition_point(|f| f.index() < first)
    };
    let per_object: Vec<TrackRow> = labels
        .objects()
        .iter()
        .map(|object| {
            let track = object.track();
            let (first_frame, last_frame) = track.span();
            let annotated_frames = track.visible_count();
            TrackRow {
                object: match (object.name(), object.id()) {
                    (Some(name), _) => name.to_string(),
                    (None, Some(id)) => id.to_string(),
                    (None, None) => String::new(),
                },
                class_id: object.class_id().0,
                first_frame,
                last_frame,
                annotated_frames,
                gaps: track.keyframes().len() - annotated_frames,
                gap_frames: listed_between(first_frame, last_frame)
                    .saturating_sub(annotated_frames),
            }
        })
        .collect();
    let mut lengths: Vec<usize> = per_object.iter().map(|r| r.annotated_frames).collect();
    lengths.sort_unstable();
    let total: usize = lengths.iter().sum();
    TrackSummary {
        shortest: lengths.first().copied().unwrap_or(0),
        longest: lengths.last().copied().unwrap_or(0),
        mean: if lengths.is_empty() {
            0.0
        } else {
            total as f64 / lengths.len() as f64
        },
        median: lengths
            .get(lengths.len().saturating_sub(1) / 2)
            .copied()
            .unwrap_or(0),
        objects_with_gaps: per_object.iter().filter(|r| r.gaps > 0).count(),
        gaps: per_object.iter().map(|r| r.gaps).sum(),
        gap_frames: per_object.iter().map(|r| r.gap_frames).sum(),
        per_object,
    }
}

#[derive(Default)]
struct AttributeTally(BTreeMap<String, BTreeMap<String, usize>>);

impl AttributeTally {
    fn add(&mut self, values: &AttributeValues) {
        for (name, value) in values {
            *self
                .0
                .entry(name.clone())
                .or_default()
                .entry(value.to_string())
                .or_default() += 1;
        }
    }

    fn into_counts(self) -> Vec<AttributeCount> {
        self.0
            .into_iter()
            .map(|(name, values)| AttributeCount { name, values })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use vframe_core::{AnnotationType, InstanceName, Keyframe, LabeledObject, ObjectId, Track};
    use vframe_geom::{BoundingBox, Shape};

    fn bbox() -> Shape {
        BoundingBox::new(1.0, 1.0, 2.0, 2.0).unwrap().into()
    }

    fn labels(frames: u32) -> SequenceLabels {
        let mut l = SequenceLabels::new(TaskType::Tracking, AnnotationType::BoundingBox);
        for i in 0..frames {
            l.add_frame(i, format!("f{i:04}.jpg")).unwrap();
        }
        l
    }

    #[test]
    fn empty_labels_have_zero_tracks_and_no_categories() {
        let s = summarise(&labels(3), |_| None);
        assert_eq!((s.frames, s.objects, s.annotations), (3, 0, 0));
        assert!(s.categories.is_empty());
        let t = s.tracks.unwrap();
        assert_eq!((t.shortest, t.longest, t.median, t.gaps), (0, 0, 0, 0));
        assert_eq!(t.mean, 0.0);
    }

    #[test]
    fn an_absence_inside_the_span_is_one_gap_of_the_missing_listed_frames() {
        let mut l = labels(6);
        let mut kf = Keyframe::visible(0, bbox());
        kf.attributes.insert("occluded".into(), "no".into());
        let track = Track::new(vec![
            kf,
            Keyframe::visible(1, bbox()),
            Keyframe::absent(2),
            Keyframe::visible(5, bbox()),
        ])
        .unwrap();
        l.add_object(LabeledObject::new(
            Some(ObjectId::new("a")),
            Some(InstanceName::from("car:1")),
            ClassId(1),
            track,
        ))
        .unwrap();
        let s = summarise(&l, |c| (c == ClassId(1)).then(|| "car".to_owned()));
        assert_eq!(s.annotations, 3);
        assert_eq!(
            s.categories,
            [CategoryCount {
                class_id: 1,
                label: Some("car".into()),
                objects: 1,
                annotations: 3
            }]
        );
        let t = s.tracks.unwrap();
        assert_eq!((t.gaps, t.gap_frames, t.objects_with_gaps), (1, 3, 1));
        assert_eq!(t.per_object[0].object, "car:1");
        assert_eq!(
            (t.per_object[0].first_frame, t.per_object[0].last_frame),
            (0, 5)
        );
        assert_eq!(s.label_attributes[0].name, "occluded");
        assert_eq!(s.label_attributes[0].values["no"], 1);
    }

    #[test]
    fn median_of_an_even_count_is_the_lower_middle() {
        let mut l = labels(4);
        for (id, n) in [("a", 1u32), ("b", 2), ("c", 3), ("d", 4)] {
            let kfs = (0..n).map(|f| Keyframe::visible(f, bbox())).collect();
            l.add_object(LabeledObject::new(
                Some(ObjectId::new(id)),
                None,
                ClassId(0),
                Track::new(kfs).unwrap(),
            ))
            .unwrap();
        }
        let t = summarise(&l, |_| None).tracks.unwrap();
        assert_eq!((t.shortest, t.median, t.longest), (1, 2, 4));
        assert_eq!(t.mean, 2.5);
    }
}
