//! Interchange formats: CVAT for video 1.1 XML, MOTChallenge, COCO (with TAO's video fields)
//! and YOLO, each read into and written from the labeling model, with a loss report.
//!
//! The model ([`vframe_core::SequenceLabels`] plus its [`LabelCategoryConfig`]) is the pivot:
//! every reader produces a [`LabeledSequence`], every writer consumes one, so converting
//! between two formats is a read followed by a write, and Ground Truth's `SeqLabel.json` is one
//! more format on the same pivot. Nothing is dropped silently: each reader and writer returns a
//! [`LossReport`] naming what the other side cannot hold (track ids, keyframe flags,
//! occluded flags, attributes, frame attributes, shapes of other kinds, precision), and
//! [`LossReport::check_strict`] turns any loss into an error.
//!
//! Frame numbers are explicit ([`FrameNumbering`]): Ground Truth's 0-based `frame-no`, MOT's
//! 1-based frame, CVAT's absolute `start_frame + index * frame_step`, numbers in YOLO file
//! names. Readers never guess a shift silently; a number that does not fit the numbering is an
//! error naming the line.
//!
//! | format | module | tracks | keyframes | attributes | shapes |
//! |---|---|---|---|---|---|
//! | CVAT for video 1.1 | [`cvat_video`] | yes | yes (dense or sparse) | yes | box, polygon, polyline, points |
//! | MOTChallenge gt / results | [`mot`] | yes | no (dense) | visibility, confidence only | box |
//! | COCO + TAO video fields | [`coco`] | `track_id` | in `attributes.keyframe` | in `attributes` | box, polygon, keypoint |
//! | YOLO (+ trailing track id) | [`yolo`] | optional | no (dense) | no | box, polygon, keypoint |
//!
//! ```
//! use vframe_core::{AnnotationType, ClassId, Keyframe, LabeledObject, ObjectId, SequenceLabels, TaskType, Track};
//! use vframe_geom::BoundingBox;
//! use vframe_io::interchange::{mot, LabeledSequence};
//!
//! let mut labels = SequenceLabels::new(TaskType::Tracking, AnnotationType::BoundingBox);
//! labels.add_frame(0, "frame_0000.jpeg")?;
//! labels.add_frame(1, "frame_0001.jpeg")?;
//! let b = |x| BoundingBox::new(x, 5.0, 10.0, 20.0).map(Into::into);
//! let track = Track::new(vec![Keyframe::visible(0, b(1.0)?), Keyframe::visible(1, b(2.0)?)])?;
//! labels.add_object(LabeledObject::new(Some(ObjectId::new("7")), Some("car:1".into()), ClassId(0), track))?;
//! let mut class_map = vframe_core::ClassMap::new();
//! class_map.insert(ClassId(0), "car".into());
//! labels.set_class_map(class_map);
//! let sequence = LabeledSequence::with_derived_config(labels);
//!
//! let mut out = Vec::new();
//! let loss = mot::write_mot(&sequence, mot::MotFlavor::GroundTruth, &mut out)?;
//! assert!(loss.is_lossless());
//! assert_eq!(String::from_utf8(out)?, "1,7,1,5,10,20,1,1,1\n2,7,2,5,10,20,1,1,1\n");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod assemble;
pub mod coco;
pub mod cvat_video;
mod frame_numbering;
mod ground_truth;
mod loss;
pub mod mot;
mod number;
mod parallel;
mod sample;
pub mod yolo;

use std::collections::BTreeMap;
use std::fmt;

use vframe_core::{
    AttributeSpec, AttributeValue, AttributeValues, ClassId, ClassMap, FrameSize, LabelCategory,
    LabelCategoryConfig, SequenceLabels,
};

pub use frame_numbering::{FrameNumbering, number_in_file_name};
pub use ground_truth::to_ground_truth_labels;
pub use loss::{LossEntry, LossKind, LossReport};

/// The formats vframe converts between.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Format {
    /// Ground Truth's `SeqLabel.json`.
    GroundTruth,
    /// CVAT for video 1.1 XML.
    CvatVideo,
    /// MOTChallenge `gt.txt` / results text.
    Mot,
    /// COCO JSON with TAO's video fields.
    Coco,
    /// YOLO text labels, one file per frame.
    Yolo,
}

impl Format {
    /// The name used in messages and loss reports.
    pub fn name(self) -> &'static str {
        match self {
            Format::GroundTruth => "Ground Truth SeqLabel.json",
            Format::CvatVideo => "CVAT for video 1.1",
            Format::Mot => "MOTChallenge",
            Format::Coco => "COCO",
            Format::Yolo => "YOLO",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The pivot of every conversion: the labels of one sequence with the categories they use,
/// and what the formats need besides (frame size, a sequence name).
///
/// Class ids are positions in `config.labels` (Ground Truth's reading of `class-id`,
/// ambiguity A13); readers fill both the configuration and the labels' class map.
#[derive(Debug, Clone, PartialEq)]
pub struct LabeledSequence {
    /// The labels.
    pub labels: SequenceLabels,
    /// Labels (categories) and attribute specifications.
    pub config: LabelCategoryConfig,
    /// The size of every frame, when known (YOLO and COCO need it to write).
    pub frame_size: Option<FrameSize>,
    /// A name for the sequence (CVAT task name, MOT `name`, COCO video name).
    pub name: Option<String>,
}

impl LabeledSequence {
    /// Labels with a configuration that says what their class ids mean.
    pub fn new(labels: SequenceLabels, config: LabelCategoryConfig) -> Self {
        Self {
            labels,
            config,
            frame_size: None,
            name: None,
        }
    }

    /// Labels with a configuration derived from their class map ([`derive_config`]).
    pub fn with_derived_config(labels: SequenceLabels) -> Self {
        let config = derive_config(&labels);
        Self::new(labels, config)
    }

    /// The same sequence with a known frame size.
    pub fn with_frame_size(mut self, size: FrameSize) -> Self {
        self.frame_size = Some(size);
        self
    }

    /// The label name of a class id: the configuration's label at that position, else the
    /// class map's name, else `class-N`.
    pub fn label_name(&self, class: ClassId) -> String {
        usize::try_from(class.0)
            .ok()
            .and_then(|i| self.config.labels.get(i))
            .map(|l| l.label.clone())
            .or_else(|| self.labels.class_map().get(&class).cloned())
            .unwrap_or_else(|| format!("class-{class}"))
    }

    /// Number of labels the formats list: the configuration's, or more when a class id
    /// reaches past it.
    pub fn label_count(&self) -> usize {
        let used = self
            .labels
            .objects()
            .iter()
            .map(|o| o.class_id().0 as usize + 1)
            .max()
            .unwrap_or(0);
        used.max(self.config.labels.len())
    }
}

impl LabeledSequence {
    /// The same labels under another configuration: each object's class id becomes the
    /// position of its label name in `config` (so a CVAT or COCO category order need not
    /// match the job's). A label the configuration does not have is an error naming it.
    ///
    /// ```
    /// use vframe_core::{AnnotationType, ClassId, ClassMap, LabelCategory, LabelCategoryConfig, LabeledObject, ObjectId, SequenceLabels, TaskType, Track};
    /// use vframe_geom::Keypoint;
    /// use vframe_io::interchange::LabeledSequence;
    /// let mut labels = SequenceLabels::new(TaskType::Tracking, AnnotationType::Keypoint);
    /// labels.add_frame(0, "a.jpg")?;
    /// labels.add_object(LabeledObject::new(Some(ObjectId::new("1")), None, ClassId(0), Track::single(0, Keypoint::new(1.0, 1.0)?.into())))?;
    /// let mut map = ClassMap::new();
    /// map.insert(ClassId(0), "bus".into());
    /// labels.set_class_map(map);
    /// let mut config = LabelCategoryConfig::new(vec![LabelCategory::new("car"), LabelCategory::new("bus")]);
    /// config.annotation_type = AnnotationType::Keypoint;
    /// let s = LabeledSequence::with_derived_config(labels).adopt_config(config)?;
    /// assert_eq!(s.labels.objects()[0].class_id(), ClassId(1));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn adopt_config(self, config: LabelCategoryConfig) -> Result<Self, crate::IoError> {
        let error = |message: String| crate::IoError::Interchange {
            position: crate::Position::default(),
            format: "label category configuration",
            message,
        };
        let mut map = ClassMap::new();
        let mut remap: BTreeMap<ClassId, ClassId> = BTreeMap::new();
        for object in self.labels.objects() {
            let class = object.class_id();
            if remap.contains_key(&class) {
                continue;
            }
            let name = self.label_name(class);
            let index = config.label_index(&name).ok_or_else(|| {
                error(format!(
                    "label {name:?} (used by {}) is not a label of the configuration",
                    object.describe()
                ))
            })?;
            let to = ClassId(index as u32);
            remap.insert(class, to);
            map.insert(to, name);
        }
        let mut labels = SequenceLabels::new(self.labels.task(), self.labels.annotation_type());
        for f in self.labels.frames() {
            labels
                .add_frame(f.index(), f.file.clone())
                .map_err(|e| error(e.to_string()))?
                .attributes = f.attributes.clone();
        }
        for object in self.labels.objects() {
            let (id, name, class, track) = object.clone().into_parts();
            let class = remap.get(&class).copied().unwrap_or(class);
            labels
                .add_object(vframe_core::LabeledObject::new(id, name, class, track))
                .map_err(|e| error(e.to_string()))?;
        }
        labels.set_class_map(map);
        Ok(Self {
            labels,
            config,
            frame_size: self.frame_size,
            name: self.name,
        })
    }

    /// Names frames after a sequence's frame files (by 0-based index), lists every frame of
    /// the sequence, and takes the frame size from it when it knows one.
    pub fn apply_sequence(
        &mut self,
        sequence: &vframe_core::Sequence,
    ) -> Result<(), crate::IoError> {
        for frame in sequence.frames() {
            match self.labels.frame_mut(frame.index) {
                Some(f) => f.file = frame.file.clone(),
                None => {
                    self.labels
                        .add_frame(frame.index, frame.file.clone())
                        .map_err(|e| crate::IoError::Interchange {
                            position: crate::Position::default(),
                            format: "sequence file",
                            message: e.to_string(),
                        })?;
                }
            }
            if self.frame_size.is_none() {
                self.frame_size = frame.size;
            }
        }
        Ok(())
    }
}

/// A label category configuration whose labels are the class map's names at their class
/// ids (`class-N` where the map has a gap), with the labels' annotation type, and the
/// attributes their values use ([`derive_attribute_specs`]) as global and frame attributes.
///
/// ```
/// use vframe_core::{AnnotationType, ClassId, ClassMap, SequenceLabels, TaskType};
/// let mut labels = SequenceLabels::new(TaskType::Tracking, AnnotationType::Polygon);
/// let mut map = ClassMap::new();
/// map.insert(ClassId(2), "bus".into());
/// labels.set_class_map(map);
/// let config = vframe_io::interchange::derive_config(&labels);
/// let names: Vec<_> = config.labels.iter().map(|l| l.label.as_str()).collect();
/// assert_eq!(names, ["class-0", "class-1", "bus"]);
/// assert_eq!(config.annotation_type, AnnotationType::Polygon);
/// ```
pub fn derive_config(labels: &SequenceLabels) -> LabelCategoryConfig {
    let map: &ClassMap = labels.class_map();
    let used = labels
        .objects()
        .iter()
        .map(|o| o.class_id().0)
        .chain(map.keys().map(|c| c.0))
        .max();
    let count = used.map_or(0, |m| m as usize + 1);
    let categories = (0..count)
        .map(|i| {
            let class = ClassId(i as u32);
            LabelCategory::new(
                map.get(&class)
                    .cloned()
                    .unwrap_or_else(|| format!("class-{i}")),
            )
        })
        .collect();
    let mut config = LabelCategoryConfig::new(categories);
    config.annotation_type = labels.annotation_type();
    let (global, frame) = derive_attribute_specs(labels);
    config.category_global_attributes = global;
    config.frame_attributes = frame;
    config
}

/// Attribute specifications that fit the values labels carry: label category attributes
/// (first) and frame attributes (second), each a number attribute bounded by the values seen
/// when every value is a number, free text otherwise; names in alphabetical order.
pub fn derive_attribute_specs(labels: &SequenceLabels) -> (Vec<AttributeSpec>, Vec<AttributeSpec>) {
    use rayon::prelude::*;
    let keyframes = labels
        .objects()
        .par_iter()
        .map(|o| {
            let mut seen = SeenValues::default();
            for k in o.track().keyframes() {
                seen.add(&k.attributes);
            }
            seen
        })
        .reduce(SeenValues::default, SeenValues::merge);
    let mut frames = SeenValues::default();
    for f in labels.frames() {
        frames.add(&f.attributes);
    }
    (keyframes.into_specs(), frames.into_specs())
}

/// Per attribute name: the range of its values while all are numbers, `None` once one is
/// text. A short list searched linearly (labels carry a handful of attribute names and this
/// runs once per keyframe), indexed by a map once it grows past a few dozen names.
#[derive(Default)]
struct SeenValues<'a> {
    names: Vec<(&'a str, Option<(f64, f64)>)>,
    index: std::collections::HashMap<&'a str, usize>,
}

impl<'a> SeenValues<'a> {
    fn add(&mut self, values: &'a AttributeValues) {
        for (name, value) in values {
            let range = match value {
                AttributeValue::Number(n) => Some((*n, *n)),
                AttributeValue::Text(_) => None,
            };
            self.note(name, range);
        }
    }

    fn note(&mut self, name: &'a str, range: Option<(f64, f64)>) {
        const LINEAR: usize = 32;
        let at = if self.names.len() <= LINEAR {
            self.names.iter().position(|(n, _)| *n == name)
        } else {
            if self.index.is_empty() {
                self.index = self
                    .names
                    .iter()
                    .enumerate()
                    .map(|(i, (n, _))| (*n, i))
                    .collect();
            }
            self.index.get(name).copied()
        };
        match at.and_then(|i| self.names.get_mut(i)) {
            Some((_, r)) => {
                *r = match (*r, range) {
                    (Some((a, b)), Some((c, d))) => Some((a.min(c), b.max(d))),
                    _ => None,
                }
            }
            None => {
                if !self.index.is_empty() {
                    self.index.insert(name, self.names.len());
                }
                self.names.push((name, range));
            }
        }
    }

    // Order-free (min, max, "any text"), so partial results merge in any order.
    fn merge(mut self, other: Self) -> Self {
        for (name, range) in other.names {
            self.note(name, range);
        }
        self
    }

    fn into_specs(mut self) -> Vec<AttributeSpec> {
        self.names.sort_by(|a, b| a.0.cmp(b.0));
        self.names
            .into_iter()
            .map(|(name, range)| match range {
                Some((min, max)) => AttributeSpec::number(name, min, max),
                None => AttributeSpec::free_text(name),
            })
            .collect()
    }
}

/// A value from the input quoted for an error message, cut to its first 40 characters so a
/// hostile multi-megabyte field does not become a multi-megabyte message.
pub(crate) fn quoted(value: &str) -> String {
    const SHOWN: usize = 40;
    match value.char_indices().nth(SHOWN) {
        Some((cut, _)) => format!("{:?}... ({} bytes)", &value[..cut], value.len()),
        None => format!("{value:?}"),
    }
}

/// A position on a 1-based line of the input.
pub(crate) fn position(line: usize) -> crate::Position {
    crate::Position {
        file: None,
        line: Some(line),
        column: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use vframe_core::{
        AnnotationType, AttributeKind, Keyframe, LabeledObject, ObjectId, TaskType, Track,
    };
    use vframe_geom::BoundingBox;

    fn labels(values: &[Vec<(String, AttributeValue)>]) -> SequenceLabels {
        let mut l = SequenceLabels::new(TaskType::Tracking, AnnotationType::BoundingBox);
        l.add_frame(0, "a.jpg").unwrap();
        for (i, v) in values.iter().enumerate() {
            let b = BoundingBox::new(1.0, 1.0, 1.0, 1.0).unwrap().into();
            let k = Keyframe::visible(0, b).with_attributes(v.iter().cloned().collect());
            let o = LabeledObject::new(
                Some(ObjectId::new(i.to_string())),
                None,
                ClassId(0),
                Track::new(vec![k]).unwrap(),
            );
            l.add_object(o).unwrap();
        }
        l
    }

    #[test]
    fn quoted_values_are_cut_after_forty_characters() {
        assert_eq!(quoted("1.5"), "\"1.5\"");
        let long = "9".repeat(6_000_000);
        let q = quoted(&long);
        assert!(q.len() < 80 && q.ends_with("... (6000000 bytes)"), "{q}");
        assert_eq!(
            quoted(&"é".repeat(41)),
            format!("{:?}... (82 bytes)", "é".repeat(40))
        );
    }

    #[test]
    fn derived_specs_bound_numbers_and_turn_to_text_on_any_text() {
        let n = |name: &str, v: f64| (name.to_owned(), AttributeValue::Number(v));
        let t = |name: &str, v: &str| (name.to_owned(), AttributeValue::from(v));
        let l = labels(&[
            vec![n("speed", 3.0), n("mixed", 1.0)],
            vec![n("speed", -2.0), t("mixed", "x"), t("color", "red")],
            vec![n("speed", 9.5)],
        ]);
        let (global, frame) = derive_attribute_specs(&l);
        assert!(frame.is_empty());
        let names: Vec<&str> = global.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["color", "mixed", "speed"]);
        assert!(matches!(global[1].kind, AttributeKind::FreeText));
        assert_eq!(global[2], AttributeSpec::number("speed", -2.0, 9.5));
    }

    #[test]
    fn derived_specs_with_many_names_match_a_plain_map() {
        let values: Vec<Vec<(String, AttributeValue)>> = (0..300)
            .map(|i| {
                (0..50)
                    .map(|j| {
                        let name = format!("a{:03}", (i * 7 + j) % 90);
                        let value = if (i + j) % 97 == 0 {
                            AttributeValue::from("t")
                        } else {
                            AttributeValue::Number(f64::from(i * j % 13))
                        };
                        (name, value)
                    })
                    .collect()
            })
            .collect();
        let mut expected: BTreeMap<String, Option<(f64, f64)>> = BTreeMap::new();
        for (name, value) in values.iter().flatten() {
            let range = value
                .as_number()
                .filter(|_| value.as_text().is_none())
                .map(|n| (n, n));
            let e = expected.entry(name.clone()).or_insert(range);
            *e = match (*e, range) {
                (Some((a, b)), Some((c, d))) => Some((a.min(c), b.max(d))),
                _ => None,
            };
        }
        let (global, _) = derive_attribute_specs(&labels(&values));
        let expected: Vec<AttributeSpec> = expected
            .into_iter()
            .map(|(name, r)| match r {
                Some((min, max)) => AttributeSpec::number(&name, min, max),
                None => AttributeSpec::free_text(&name),
            })
            .collect();
        assert_eq!(global, expected);
    }
}
