//! Reading COCO (and TAO-style video COCO) into the model.

use std::collections::HashMap;
use std::io::Read;
use std::path::Path;

use rayon::prelude::*;
use vframe_core::{
    AnnotationType, AttributeValues, ClassId, FrameSize, LabelCategory, LabelCategoryConfig,
};
use vframe_geom::{BoundingBox, Keypoint, Point, Polygon, Shape};

use super::FORMAT;
use super::document::{Annotation, CocoDocument, Image, Scalar, Segmentation};
use super::parse::parse_document;
use crate::interchange::assemble::{Assembler, Gaps, Observation};
use crate::interchange::{LabeledSequence, LossKind, LossReport, derive_attribute_specs};
use crate::{IoError, Position};

/// Choices a COCO file leaves open.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CocoReadOptions {
    /// The video to read when the file holds several (`videos[].id`).
    pub video_id: Option<u64>,
    /// The shape kind to read; by default the kind most annotations have. With boxes, every
    /// annotation's `bbox` is read, even when it also has a segmentation.
    pub annotation_type: Option<AnnotationType>,
}

/// Reads one video of a COCO document into the model.
///
/// ```
/// use vframe_io::interchange::coco::{read_coco, CocoReadOptions};
/// let json = r#"{"images":[{"id":7,"file_name":"b.jpg","width":9,"height":9},{"id":3,"file_name":"a.jpg","width":9,"height":9}],
///   "categories":[{"id":1,"name":"car"}],
///   "annotations":[{"id":1,"image_id":7,"category_id":1,"bbox":[1,2,3,4],"attributes":{"track_id":5}}]}"#;
/// let (s, _) = read_coco(json.as_bytes(), &CocoReadOptions::default())?;
/// // Without frame_index, images are frames in file-name order: b.jpg is frame-no 1.
/// assert_eq!(s.labels.objects()[0].track().keyframes()[0].frame, 1);
/// assert_eq!(s.labels.objects()[0].id().unwrap().as_str(), "5");
/// # Ok::<(), vframe_io::IoError>(())
/// ```
pub fn read_coco(
    input: impl Read,
    options: &CocoReadOptions,
) -> Result<(LabeledSequence, LossReport), IoError> {
    // A COCO file is one JSON document: parsing from memory is several times faster than
    // from a reader, and the document is held whole either way.
    let mut bytes = Vec::new();
    let mut input = input;
    input.read_to_end(&mut bytes)?;
    let document = parse_document(&bytes).map_err(|e| IoError::Syntax {
        position: Position::at(e.line(), e.column()),
        message: e.to_string(),
    })?;
    drop(bytes);
    from_document(document, options)
}

/// Reads a COCO file.
pub fn read_coco_file(
    path: &Path,
    options: &CocoReadOptions,
) -> Result<(LabeledSequence, LossReport), IoError> {
    let file = std::fs::File::open(path).map_err(|source| IoError::File {
        path: path.to_path_buf(),
        source,
    })?;
    read_coco(file, options).map_err(|e| e.in_file(path))
}

/// What reading converts into, for loss reports.
const TARGET: &str = "Ground Truth model";

fn error(message: String) -> IoError {
    IoError::Interchange {
        position: Position::default(),
        format: FORMAT,
        message,
    }
}

fn from_document(
    mut document: CocoDocument,
    options: &CocoReadOptions,
) -> Result<(LabeledSequence, LossReport), IoError> {
    let mut loss = LossReport::new(TARGET);
    let video = match options.video_id {
        Some(id) => Some(id),
        None if document.videos.len() > 1 => {
            let ids: Vec<String> = document.videos.iter().map(|v| v.id.to_string()).collect();
            return Err(error(format!(
                "the file holds {} videos (ids {}); choose one",
                ids.len(),
                ids.join(", ")
            )));
        }
        None => document.videos.first().map(|v| v.id),
    };
    let mut images: Vec<_> = document
        .images
        .iter()
        .filter(|i| video.is_none() || i.video_id.is_none() || i.video_id == video)
        .collect();
    // Frame order: TAO's frame_index when every image has one, else file names in UTF-8
    // byte order (Ground Truth's order).
    let indexed = !images.is_empty() && images.iter().all(|i| i.frame_index.is_some());
    let mut frame_of: HashMap<u64, u32> = HashMap::with_capacity(images.len());
    let mut assembler = Assembler::new(FORMAT, Gaps::MeanAbsence, options.annotation_type);
    if indexed {
        for image in &images {
            let index = image
                .frame_index
                .and_then(|f| u32::try_from(f).ok())
                .ok_or_else(|| {
                    error(format!(
                        "image {}: frame_index {:?} is not a 0-based index",
                        image.id, image.frame_index
                    ))
                })?;
            frame_of.insert(image.id, index);
        }
    } else {
        images.sort_by(|a, b| a.file_name.as_bytes().cmp(b.file_name.as_bytes()));
        for (i, image) in images.iter().enumerate() {
            frame_of.insert(image.id, i as u32);
        }
    }
    let mut size = None;
    for image in &images {
        let index = frame_of[&image.id];
        assembler.add_frame(index, || image.file_name.clone());
        assembler.set_frame_attributes(index, values_of(&image.attributes));
        if let (Some(width), Some(height)) = (image.width, image.height) {
            size.get_or_insert(FrameSize { width, height });
        }
    }
    if let Some(v) = video.and_then(|id| document.videos.iter().find(|v| v.id == id))
        && let (Some(width), Some(height)) = (v.width, v.height)
    {
        size = Some(FrameSize { width, height });
    }

    let mut class_of: HashMap<u64, ClassId> = HashMap::new();
    let mut label_names = Vec::with_capacity(document.categories.len());
    for (i, c) in document.categories.iter().enumerate() {
        class_of.insert(c.id, ClassId(i as u32));
        label_names.push(c.name.clone());
    }
    // Annotations are turned into observations run by run on all cores (the first error in
    // annotation order wins, as in one pass); the assembler then takes them in order.
    let runs = std::mem::take(&mut document.annotations).0;
    let mut offsets = Vec::with_capacity(runs.len());
    let mut total = 0;
    for run in &runs {
        offsets.push(total);
        total += run.len();
    }
    let context = Context {
        frame_of: &frame_of,
        class_of: &class_of,
        video,
        images: &document.images,
        want: options.annotation_type,
    };
    let converted: Vec<Result<Converted, IoError>> = runs
        .into_par_iter()
        .zip(offsets)
        .map(|(run, offset)| context.convert(run, offset))
        .collect();
    for run in converted {
        let run = run?;
        loss.merge(run.loss);
        for (track, class, observation) in run.observations {
            match track {
                Some(t) => assembler.observe_track(t, class, observation, &mut loss),
                None => assembler.observe_detection(class, observation),
            }
        }
    }
    let labels = assembler.finish(&label_names, |i| format!("frame_{i:06}.jpg"), &mut loss)?;
    let mut config =
        LabelCategoryConfig::new(label_names.into_iter().map(LabelCategory::new).collect());
    config.annotation_type = labels.annotation_type();
    let (global, frame) = derive_attribute_specs(&labels);
    config.category_global_attributes = global;
    config.frame_attributes = frame;
    let mut sequence = LabeledSequence::new(labels, config);
    sequence.frame_size = size;
    sequence.name = video
        .and_then(|id| document.videos.iter().find(|v| v.id == id))
        .and_then(|v| v.name.clone());
    Ok((sequence, loss))
}

/// What converting an annotation needs from the rest of the document.
struct Context<'a> {
    frame_of: &'a HashMap<u64, u32>,
    class_of: &'a HashMap<u64, ClassId>,
    video: Option<u64>,
    images: &'a [Image],
    want: Option<AnnotationType>,
}

/// A run of annotations as observations (track key, class, observation), with its losses.
struct Converted {
    observations: Vec<(Option<i64>, ClassId, Observation)>,
    loss: LossReport,
}

impl Context<'_> {
    /// Converts a run of annotations, the first of which is `annotations[offset]`.
    fn convert(&self, run: Vec<Annotation>, offset: usize) -> Result<Converted, IoError> {
        let mut converted = Converted {
            observations: Vec::with_capacity(run.len()),
            loss: LossReport::new(TARGET),
        };
        for (n, a) in (offset..).zip(run) {
            if let Some(o) = self.observe(n, a, &mut converted.loss)? {
                converted.observations.push(o);
            }
        }
        Ok(converted)
    }

    fn observe(
        &self,
        n: usize,
        a: Annotation,
        loss: &mut LossReport,
    ) -> Result<Option<(Option<i64>, ClassId, Observation)>, IoError> {
        let Some(&frame) = self.frame_of.get(&a.image_id) else {
            if self.video.is_some() && self.images.iter().any(|i| i.id == a.image_id) {
                return Ok(None); // an image of another video
            }
            return Err(error(format!(
                "annotations[{n}]: image_id {} is not an image of the file",
                a.image_id
            )));
        };
        let class = *self.class_of.get(&a.category_id).ok_or_else(|| {
            error(format!(
                "annotations[{n}]: category_id {} is not a category of the file",
                a.category_id
            ))
        })?;
        let where_ = || format!("annotations[{n}] (frame {frame})");
        let shape = shape_of(&a, self.want, loss, &where_)
            .map_err(|e| error(format!("annotations[{n}]: {e}")))?;
        let Some(shape) = shape else { return Ok(None) };
        let special = &a.attributes;
        let track = a.track_id.or(special.track_id.flatten());
        if special.keyframe == Some(false) {
            loss.record(LossKind::KeyframeFlags, where_);
        }
        if special.occluded == Some(true) {
            loss.record(LossKind::Occluded, where_);
        }
        if special.rotated == Some(true) {
            loss.record(LossKind::Rotation, where_);
        }
        if a.score.is_some() {
            loss.record(LossKind::Scores, where_);
        }
        let observation = Observation {
            frame,
            shape: Some(shape),
            attributes: a.attributes.values,
        };
        Ok(Some((track, class, observation)))
    }
}

fn shape_of(
    a: &Annotation,
    want: Option<AnnotationType>,
    loss: &mut LossReport,
    where_: &dyn Fn() -> String,
) -> Result<Option<Shape>, String> {
    let bbox = || -> Result<Option<Shape>, String> {
        match a.bbox.map(|b| (b.four(), b.len)) {
            Some((Some([x, y, w, h]), _)) => BoundingBox::new(x, y, w, h)
                .map(|b| Some(b.into()))
                .map_err(|e| format!("bbox: {e}")),
            Some((None, len)) => Err(format!("bbox has {len} numbers, expected 4")),
            None => Ok(None),
        }
    };
    if want == Some(AnnotationType::BoundingBox) {
        return bbox();
    }
    if let Some(k) = a.keypoints.as_deref().filter(|k| !k.is_empty()) {
        if k.len() % 3 != 0 {
            return Err(format!(
                "keypoints has {} numbers, expected x, y, v triples",
                k.len()
            ));
        }
        let mut labelled = k.chunks_exact(3).filter(|t| t[2] > 0.0);
        let first = labelled.next();
        let extra = labelled.count();
        if extra > 0 {
            loss.record_many(LossKind::ExtraKeypoints, extra as u64, where_);
        }
        if let Some(t) = first {
            return Keypoint::new(t[0], t[1])
                .map(|p| Some(p.into()))
                .map_err(|e| format!("keypoints: {e}"));
        }
    }
    match &a.segmentation {
        Some(Segmentation::Polygons(polys)) if !polys.is_empty() => {
            if polys.len() > 1 {
                loss.record_many(
                    LossKind::Shapes("polygon part"),
                    polys.len() as u64 - 1,
                    where_,
                );
            }
            let flat = &polys[0];
            if flat.len() % 2 != 0 {
                return Err(format!(
                    "segmentation has an odd count of numbers ({})",
                    flat.len()
                ));
            }
            let points: Vec<Point> = flat
                .chunks_exact(2)
                .map(|p| Point::new(p[0], p[1]))
                .collect();
            Polygon::new(points)
                .map(|p| Some(Shape::Polygon { vertices: p }))
                .map_err(|e| format!("segmentation: {e}"))
        }
        Some(Segmentation::Rle) => {
            loss.record(LossKind::Shapes("mask (RLE)"), where_);
            Ok(None)
        }
        _ => bbox(),
    }
}

fn values_of(map: &std::collections::BTreeMap<String, Scalar>) -> AttributeValues {
    map.iter()
        .filter_map(|(k, v)| Some((k.clone(), v.clone().into_value()?)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use vframe_core::AttributeValue;

    fn read(json: &str) -> Result<(LabeledSequence, LossReport), IoError> {
        read_coco(json.as_bytes(), &CocoReadOptions::default())
    }

    #[test]
    fn empty_document_reads_as_no_labels() {
        let (s, loss) = read("{}").unwrap();
        assert!(s.labels.objects().is_empty());
        assert!(loss.is_lossless());
    }

    #[test]
    fn unknown_image_id_is_an_error() {
        let err = read(r#"{"categories":[{"id":1,"name":"a"}],"annotations":[{"image_id":4,"category_id":1,"bbox":[0,0,1,1]}]}"#)
            .unwrap_err();
        assert!(err.to_string().contains("image_id 4"), "{err}");
    }

    #[test]
    fn several_videos_need_a_choice() {
        let err = read(r#"{"videos":[{"id":1},{"id":2}]}"#).unwrap_err();
        assert!(err.to_string().contains("2 videos"), "{err}");
    }

    #[test]
    fn frame_index_wins_over_file_name_order() {
        let (s, _) = read(
            r#"{"images":[{"id":1,"file_name":"z.jpg","frame_index":0},{"id":2,"file_name":"a.jpg","frame_index":1}],
               "categories":[{"id":1,"name":"a"}],
               "annotations":[{"image_id":1,"category_id":1,"bbox":[0,0,1,1],"track_id":1}]}"#,
        )
        .unwrap();
        assert_eq!(s.labels.frames()[0].file, "z.jpg");
        assert_eq!(s.labels.objects()[0].track().span(), (0, 0));
    }

    #[test]
    fn rle_masks_and_extra_keypoints_are_reported() {
        let (_, loss) = read(
            r#"{"images":[{"id":1,"file_name":"a.jpg"}],"categories":[{"id":1,"name":"a"}],
               "annotations":[{"image_id":1,"category_id":1,"segmentation":{"counts":"x","size":[1,1]},"bbox":[0,0,1,1]},
                              {"image_id":1,"category_id":1,"keypoints":[1,1,2,3,3,2,0,0,0],"bbox":[0,0,1,1]}]}"#,
        )
        .unwrap();
        assert_eq!(loss.count(LossKind::Shapes("mask (RLE)")), 1);
        assert_eq!(loss.count(LossKind::ExtraKeypoints), 1);
    }

    #[test]
    fn attribute_values_keep_scalars_and_skip_nulls_arrays_and_objects() {
        let (s, loss) = read(
            r#"{"images":[{"id":1,"file_name":"a.jpg","attributes":{"time":"day","n":null}}],
               "categories":[{"id":1,"name":"a"}],
               "annotations":[{"image_id":1,"category_id":1,"bbox":[0,0,1,1],
                 "attributes":{"track_id":7,"keyframe":false,"occluded":true,"rotation":0.0,
                   "color":"red","size":2.5,"count":-3,"big":18446744073709551615,"flag":true,
                   "none":null,"list":[1,[2]],"map":{"a":{"b":1}}}}]}"#,
        )
        .unwrap();
        let object = &s.labels.objects()[0];
        assert_eq!(object.track().span(), (0, 0));
        let text = |v: &str| AttributeValue::Text(v.into());
        let expected: AttributeValues = [
            ("big".to_owned(), AttributeValue::Number(u64::MAX as f64)),
            ("color".to_owned(), text("red")),
            ("count".to_owned(), AttributeValue::Number(-3.0)),
            ("flag".to_owned(), text("true")),
            ("size".to_owned(), AttributeValue::Number(2.5)),
        ]
        .into_iter()
        .collect();
        assert_eq!(object.track().keyframes()[0].attributes, expected);
        assert_eq!(s.labels.frames()[0].attributes.len(), 1);
        assert_eq!(loss.count(LossKind::KeyframeFlags), 1);
        assert_eq!(loss.count(LossKind::Occluded), 1);
        assert_eq!(loss.count(LossKind::Rotation), 0);
    }
}
