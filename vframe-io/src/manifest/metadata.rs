//! `<LabelAttributeName>-metadata`: the document (as written) and its meaning.

use std::io::Write;

use serde_json::value::RawValue;
use vframe_core::{
    AdjustmentStatus, ClassId, ClassMap, CreationDate, JsonPath, LabelMetadata, Problem, TaskType,
};

use crate::IoError;
use crate::members::{Kind, ObjectWriter, RawJson, Source, key_order};

/// Ground Truth's own key order for the metadata (gt-spec §9.3), then `adjustment-status`.
const CANONICAL: [&str; 6] = [
    "class-map",
    "job-name",
    "human-annotated",
    "creation-date",
    "type",
    "adjustment-status",
];

/// The metadata object of one label attribute, exactly as written.
///
/// Known keys are typed but keep their text (`creation-date` stays in the form it was
/// written in, `class-map` keeps its order); unknown keys are kept in order as raw JSON.
/// Writing an unchanged document gives back the bytes Ground Truth wrote.
///
/// ```
/// use vframe_io::manifest::LabelMetadataDoc;
/// let text = r#"{"class-map":{"0":"HEL"},"job-name":"labeling-job/nfl","human-annotated":"yes","creation-date":"2020-08-31T21:38:05.077000","type":"groundtruth/video-object-tracking"}"#;
/// let doc = LabelMetadataDoc::from_json(text)?;
/// assert_eq!(doc.to_json_string(), text);
/// let meaning = doc.to_metadata().expect("complete metadata");
/// assert_eq!(meaning.job(), Some("nfl"));
/// # Ok::<(), vframe_io::IoError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Default)]
pub struct LabelMetadataDoc {
    /// `class-map`: class id (as written) -> label name, in file order.
    pub class_map: Option<Vec<(String, String)>>,
    /// `job-name`, e.g. `labeling-job/my-job`.
    pub job_name: Option<String>,
    /// `human-annotated`, `"yes"` for video jobs.
    pub human_annotated: Option<String>,
    /// `creation-date` as written (see [`CreationDate`] for its two forms).
    pub creation_date: Option<String>,
    /// `type`, e.g. `groundtruth/video-object-tracking`.
    pub task_type: Option<String>,
    /// `adjustment-status` (audit jobs only, and not always there).
    pub adjustment_status: Option<String>,
    /// Keys this library does not know, in file order.
    pub unknown: Vec<(String, RawJson)>,
    read_order: Vec<String>,
}

impl LabelMetadataDoc {
    /// Reads a metadata object from JSON text.
    pub fn from_json(text: &str) -> Result<Self, IoError> {
        let src = Source::new(text, 1);
        Self::read(&src, src.root()?, &JsonPath::root())
    }

    pub(crate) fn read(src: &Source<'_>, raw: &RawValue, path: &JsonPath) -> Result<Self, IoError> {
        let mut doc = Self::default();
        for (key, value) in src.members(raw, path)? {
            let at = path.clone().key(key.clone());
            match key.as_str() {
                "class-map" => {
                    let mut map = Vec::new();
                    for (id, label) in src.members(value, &at)? {
                        let label = src.string(label, &at.clone().key(id.clone()))?;
                        map.push((id, label));
                    }
                    doc.class_map = Some(map);
                }
                "job-name" => doc.job_name = Some(src.string(value, &at)?),
                "human-annotated" => doc.human_annotated = Some(src.string(value, &at)?),
                "creation-date" => doc.creation_date = Some(src.string(value, &at)?),
                "type" => doc.task_type = Some(src.string(value, &at)?),
                "adjustment-status" => doc.adjustment_status = Some(src.string(value, &at)?),
                _ => doc
                    .unknown
                    .push((key.clone(), RawJson::from_borrowed(value))),
            }
            doc.read_order.push(key);
        }
        Ok(doc)
    }

    /// Whether a value of this JSON type could be label metadata (an object).
    pub(crate) fn could_be(raw: &RawValue) -> bool {
        Kind::of(raw) == Kind::Object
    }

    /// The document for a meaning, in Ground Truth's key order. `adjustment-status` is
    /// written only when the meaning has one (audit jobs; ambiguity A12).
    pub fn from_metadata(meta: &LabelMetadata) -> Self {
        Self {
            class_map: Some(
                meta.class_map
                    .iter()
                    .map(|(id, label)| (id.to_string(), label.clone()))
                    .collect(),
            ),
            job_name: meta.job_name.clone(),
            human_annotated: Some(if meta.human_annotated { "yes" } else { "no" }.to_owned()),
            creation_date: Some(meta.creation_date.to_string()),
            task_type: Some(meta.task.metadata_type().to_owned()),
            adjustment_status: meta.adjustment_status.map(|s| s.as_str().to_owned()),
            unknown: Vec::new(),
            read_order: Vec::new(),
        }
    }

    /// The meaning, or every problem that prevents it, each at the key at fault (relative
    /// to this object).
    pub fn to_metadata(&self) -> Result<LabelMetadata, Vec<Problem>> {
        let mut problems = Vec::new();
        let at = |k: &str| JsonPath::root().key(k);
        let mut class_map = ClassMap::new();
        match &self.class_map {
            None => problems.push(Problem::config(
                at("class-map"),
                "metadata.missing",
                "no class-map; expected an object from class id to label name",
            )),
            Some(map) => {
                for (id, label) in map {
                    match id.parse::<u32>() {
                        Ok(n) if n.to_string() == *id => {
                            class_map.insert(ClassId(n), label.clone());
                        }
                        _ => problems.push(Problem::config(
                            at("class-map").key(id.clone()),
                            "metadata.class_id",
                            format!("class id {id:?} is not a decimal number like \"0\""),
                        )),
                    }
                }
            }
        }
        let human_annotated = match self.human_annotated.as_deref() {
            Some("yes") => true,
            Some("no") => false,
            Some(other) => {
                problems.push(Problem::config(
                    at("human-annotated"),
                    "metadata.human_annotated",
                    format!("{other:?}; expected \"yes\" or \"no\""),
                ));
                true
            }
            None => {
                problems.push(Problem::config(
                    at("human-annotated"),
                    "metadata.missing",
                    "no human-annotated; expected \"yes\"",
                ));
                true
            }
        };
        let creation_date = match self.creation_date.as_deref() {
            Some(s) => match s.parse::<CreationDate>() {
                Ok(d) => Some(d),
                Err(e) => {
                    problems.push(Problem::config(
                        at("creation-date"),
                        "metadata.creation_date",
                        e,
                    ));
                    None
                }
            },
            None => {
                problems.push(Problem::config(
                    at("creation-date"),
                    "metadata.missing",
                    "no creation-date",
                ));
                None
            }
        };
        let task = match self.task_type.as_deref() {
            Some(t) => match TaskType::from_metadata_type(t) {
                Some(task) => Some(task),
                None => {
                    problems.push(Problem::config(
                        at("type"),
                        "metadata.type",
                        format!(
                            "{t:?} is not a video frame job type; expected \"groundtruth/video-object-detection\" or \"groundtruth/video-object-tracking\""
                        ),
                    ));
                    None
                }
            },
            None => {
                problems.push(Problem::config(at("type"), "metadata.missing", "no type"));
                None
            }
        };
        let adjustment_status = match self.adjustment_status.as_deref() {
            None => None,
            Some(s) => match AdjustmentStatus::from_name(s) {
                Some(st) => Some(st),
                None => {
                    problems.push(Problem::config(
                        at("adjustment-status"),
                        "metadata.adjustment_status",
                        format!("{s:?}; expected \"adjusted\" or \"unadjusted\""),
                    ));
                    None
                }
            },
        };
        match (creation_date, task) {
            (Some(creation_date), Some(task)) if problems.is_empty() => Ok(LabelMetadata {
                class_map,
                job_name: self.job_name.clone(),
                human_annotated,
                creation_date,
                task,
                adjustment_status,
            }),
            _ => Err(problems),
        }
    }

    fn has(&self, key: &str) -> bool {
        match key {
            "class-map" => self.class_map.is_some(),
            "job-name" => self.job_name.is_some(),
            "human-annotated" => self.human_annotated.is_some(),
            "creation-date" => self.creation_date.is_some(),
            "type" => self.task_type.is_some(),
            "adjustment-status" => self.adjustment_status.is_some(),
            other => self.unknown.iter().any(|(k, _)| k == other),
        }
    }

    /// Writes the compact object: keys in the order read, new keys in Ground Truth's order.
    pub fn write_to<W: Write + ?Sized>(&self, w: &mut W) -> std::io::Result<()> {
        let mut obj = ObjectWriter::open(w)?;
        for key in key_order(&self.read_order, &CANONICAL, |k| self.has(k), &self.unknown) {
            let text = |v: &Option<String>| v.clone().unwrap_or_default();
            match key {
                "class-map" => {
                    let out = obj.key(key)?;
                    let mut map = ObjectWriter::open(out)?;
                    for (id, label) in self.class_map.iter().flatten() {
                        map.string(id, label)?;
                    }
                    map.close()?;
                }
                "job-name" => obj.string(key, &text(&self.job_name))?,
                "human-annotated" => obj.string(key, &text(&self.human_annotated))?,
                "creation-date" => obj.string(key, &text(&self.creation_date))?,
                "type" => obj.string(key, &text(&self.task_type))?,
                "adjustment-status" => obj.string(key, &text(&self.adjustment_status))?,
                other => {
                    if let Some((_, v)) = self.unknown.iter().find(|(k, _)| k == other) {
                        obj.raw(key, v.get())?;
                    }
                }
            }
        }
        obj.close()
    }

    /// The compact JSON text.
    pub fn to_json_string(&self) -> String {
        let mut out = Vec::new();
        // Writing to a Vec cannot fail.
        let _ = self.write_to(&mut out);
        String::from_utf8(out).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn metadata_without_job_name_keeps_its_order_and_old_date_form() {
        let text = r#"{"class-map":{"0":"Helmet"},"human-annotated":"yes","creation-date":"2020-05-25T12:53:54+0000","type":"groundtruth/video-object-tracking"}"#;
        let doc = LabelMetadataDoc::from_json(text).unwrap();
        assert_eq!(doc.to_json_string(), text);
        let meta = doc.to_metadata().unwrap();
        assert_eq!(meta.job_name, None);
        assert_eq!(meta.creation_date.to_string(), "2020-05-25T12:53:54+0000");
    }

    #[test]
    fn new_metadata_is_written_in_ground_truth_key_order() {
        let date = CreationDate::utc(2021, 9, 29, 5, 50, 35, 566_000).unwrap();
        let meta =
            LabelMetadata::new(TaskType::Detection, "Cars", date).with_class(ClassId(1), "bus");
        assert_eq!(
            LabelMetadataDoc::from_metadata(&meta).to_json_string(),
            r#"{"class-map":{"1":"bus"},"job-name":"labeling-job/cars","human-annotated":"yes","creation-date":"2021-09-29T05:50:35.566000","type":"groundtruth/video-object-detection"}"#
        );
    }

    #[test]
    fn adjustment_status_is_written_only_when_set() {
        let date = CreationDate::utc(2021, 9, 29, 5, 50, 35, 0).unwrap();
        let mut meta = LabelMetadata::new(TaskType::Tracking, "a", date);
        assert!(
            !LabelMetadataDoc::from_metadata(&meta)
                .to_json_string()
                .contains("adjustment")
        );
        meta.adjustment_status = Some(AdjustmentStatus::Unadjusted);
        assert!(
            LabelMetadataDoc::from_metadata(&meta)
                .to_json_string()
                .ends_with(r#""adjustment-status":"unadjusted"}"#)
        );
    }

    #[test]
    fn every_problem_of_incomplete_metadata_is_reported() {
        let doc = LabelMetadataDoc::from_json(
            r#"{"class-map":{"x":"car"},"human-annotated":"maybe","type":"groundtruth/object-detection","adjustment-status":"changed"}"#,
        )
        .unwrap();
        let problems = doc.to_metadata().unwrap_err();
        let found: Vec<_> = problems.iter().map(|p| p.to_string()).collect();
        assert_eq!(
            found,
            [
                "class-map.x: class id \"x\" is not a decimal number like \"0\"",
                "human-annotated: \"maybe\"; expected \"yes\" or \"no\"",
                "creation-date: no creation-date",
                "type: \"groundtruth/object-detection\" is not a video frame job type; expected \"groundtruth/video-object-detection\" or \"groundtruth/video-object-tracking\"",
                "adjustment-status: \"changed\"; expected \"adjusted\" or \"unadjusted\"",
            ]
        );
    }

    #[test]
    fn class_map_value_of_wrong_type_is_located() {
        let err = LabelMetadataDoc::from_json("{\"class-map\":{\"0\":7}}").unwrap_err();
        assert_eq!(
            err.to_string(),
            "<input>:1:19: class-map.0: expected a string, found a number"
        );
    }
}
