//! From model locations back to JSON paths in the document they were read from.

use vframe_core::{JsonPath, Location};

use super::{ListKey, TaskKey};

/// Where each frame and each annotation of a [`SequenceLabels`](vframe_core::SequenceLabels)
/// came from in the `SeqLabel.json` it was read from.
///
/// Validation in `vframe-core` reports [`Location`]s (frame index, object position, field);
/// this map turns them into JSON paths such as `tracking-annotations[3].annotations[1].class-id`,
/// which [`json::locate`](crate::json::locate) turns into a line and column.
///
/// ```
/// use vframe_core::Location;
/// use vframe_io::seq_label::SeqLabelDoc;
/// let text = br#"{"tracking-annotations":[{"annotations":[{"height":1,"width":1,"top":0,"left":0,"class-id":"0","object-id":"a"}],"frame-no":"0","frame":"a.jpg"}]}"#;
/// let (labels, map) = SeqLabelDoc::from_slice(text)?.to_labels_with_source_map()?;
/// let at = Location::Annotation { frame: 0, object: 0, field: None };
/// let path = map.path_of(&at).unwrap();
/// assert_eq!(path.to_string(), "tracking-annotations[0].annotations[0]");
/// assert_eq!(vframe_io::json::locate(text, &path), Some((1, 42)));
/// # Ok::<(), vframe_io::IoError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SourceMap {
    task: TaskKey,
    /// (frame index, entry position in the file, list key), sorted by frame index.
    frames: Vec<(u32, usize, ListKey)>,
    /// Per object: (frame index, position in that entry's list), sorted by frame index.
    objects: Vec<Vec<(u32, usize)>>,
}

impl SourceMap {
    pub(crate) fn new(task: TaskKey) -> Self {
        Self {
            task,
            frames: Vec::new(),
            objects: Vec::new(),
        }
    }

    pub(crate) fn push_frame(&mut self, frame: u32, entry: usize, list: ListKey) {
        self.frames.push((frame, entry, list));
    }

    pub(crate) fn sort_frames(&mut self) {
        self.frames.sort_unstable_by_key(|f| f.0);
    }

    pub(crate) fn push_object(&mut self, annotations: Vec<(u32, usize)>) {
        self.objects.push(annotations);
    }

    /// The path of the frame entry listing frame `frame`.
    pub fn frame_path(&self, frame: u32) -> Option<JsonPath> {
        let (_, entry, _) = self.frame_entry(frame)?;
        Some(JsonPath::root().key(self.task.as_str()).index(entry))
    }

    /// The path of object `object`'s annotation on frame `frame`; for a frame where the
    /// object has an absent keyframe (no annotation in the file), the frame entry's path.
    pub fn annotation_path(&self, frame: u32, object: usize) -> Option<JsonPath> {
        let (_, entry, list) = self.frame_entry(frame)?;
        let base = JsonPath::root().key(self.task.as_str()).index(entry);
        let annotations = self.objects.get(object)?;
        match annotations.binary_search_by_key(&frame, |a| a.0) {
            Ok(i) => Some(base.key(list.as_str()).index(annotations.get(i)?.1)),
            Err(_) => Some(base),
        }
    }

    /// The JSON path of a model location: frame entry or annotation, joined with the
    /// location's field. `None` for locations that are not in this file (configuration,
    /// or a frame or object it does not have); the whole sequence maps to the annotations
    /// key.
    pub fn path_of(&self, location: &Location) -> Option<JsonPath> {
        match location {
            Location::Sequence => Some(JsonPath::root().key(self.task.as_str())),
            Location::Frame { frame, field } => {
                let base = self.frame_path(*frame)?;
                Some(match field {
                    Some(f) => base.join(f),
                    None => base,
                })
            }
            Location::Annotation {
                frame,
                object,
                field,
            } => {
                let base = self.annotation_path(*frame, *object)?;
                let is_annotation = matches!(
                    base.segments().last(),
                    Some(vframe_core::PathSegment::Index(_))
                ) && base.segments().len() > 2;
                Some(match field {
                    Some(f) if is_annotation => base.join(f),
                    _ => base,
                })
            }
            _ => None,
        }
    }

    fn frame_entry(&self, frame: u32) -> Option<(u32, usize, ListKey)> {
        let i = self.frames.binary_search_by_key(&frame, |f| f.0).ok()?;
        self.frames.get(i).copied()
    }
}
