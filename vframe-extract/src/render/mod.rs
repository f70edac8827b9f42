//! Pictures of labels: a sequence's labels drawn onto its frames, a contact sheet and a
//! track timeline, so a person can look at labels instead of reading JSON.
//!
//! Every shape kind is drawn (boxes and polygons outlined, polylines as paths, keypoints as
//! dots) in its category's colour ([`category_colour`]), with the object's instance name
//! (`car:1`) above it. Between keyframes the interpolated shape is drawn, exactly what a
//! worker sees in Ground Truth's tool.

mod colour;
mod draw;
mod font;
mod sheet;

use std::path::{Path, PathBuf};

use vframe_core::{LabeledObject, SequenceLabels};
use vframe_geom::Shape;

pub use colour::category_colour;
use colour::text_colour;
use draw::Canvas;
pub use sheet::{contact_sheet, timeline};

use crate::ExtractError;
use crate::encode::ImageFormat;
use crate::picture::Rgb8;
use crate::sink::write_frame;

/// What [`render_sequence`] wrote.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RenderSummary {
    /// Frames drawn.
    pub frames: usize,
    /// Shapes drawn over all frames.
    pub shapes: usize,
    /// The contact sheet (`contact_sheet.png`).
    pub contact_sheet: Option<PathBuf>,
    /// The track timeline (`timeline.png`).
    pub timeline: Option<PathBuf>,
}

/// The text shown beside an object: its instance name, else its category's name, else its
/// class id.
pub fn object_caption(labels: &SequenceLabels, object: &LabeledObject) -> String {
    if let Some(name) = object.name() {
        return name.as_str().to_owned();
    }
    labels
        .class_map()
        .get(&object.class_id())
        .cloned()
        .unwrap_or_else(|| format!("class {}", object.class_id().0))
}

/// Draws every object visible on sequence frame `frame` onto `picture`; returns how many
/// shapes were drawn.
///
/// ```
/// use vframe_core::{AnnotationType, ClassId, LabeledObject, SequenceLabels, TaskType, Track};
/// use vframe_extract::{picture::Rgb8, render::draw_labels};
/// use vframe_geom::BoundingBox;
/// let mut labels = SequenceLabels::new(TaskType::Detection, AnnotationType::BoundingBox);
/// labels.add_frame(0, "frame_0000.jpeg")?;
/// let track = Track::single(0, BoundingBox::new(2.0, 2.0, 10.0, 6.0)?.into());
/// labels.add_object(LabeledObject::new(None, None, ClassId(0), track))?;
/// let mut picture = Rgb8 { width: 32, height: 32, data: vec![0; 32 * 32 * 3] };
/// assert_eq!(draw_labels(&mut picture, &labels, 0), 1);
/// assert!(picture.data.iter().any(|&b| b != 0));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn draw_labels(picture: &mut Rgb8, labels: &SequenceLabels, frame: u32) -> usize {
    let scale = (i64::from(picture.width.max(picture.height)) / 640).clamp(1, 4);
    let thickness = scale + 1;
    let mut canvas = Canvas { picture };
    let mut drawn = 0;
    for object in labels.objects() {
        let Some(shape) = object.track().shape_at(frame).into_shape() else {
            continue;
        };
        let colour = category_colour(object.class_id().0);
        let anchor = match &shape {
            Shape::BoundingBox(b) => {
                let (l, t, r, btm) = (b.left, b.top, b.left + b.width, b.top + b.height);
                canvas.path(
                    &[(l, t), (r, t), (r, btm), (l, btm)],
                    true,
                    thickness,
                    colour,
                );
                (l, t)
            }
            Shape::Polygon { vertices } => {
                let pts: Vec<(f64, f64)> = vertices.vertices().iter().map(|p| (p.x, p.y)).collect();
                canvas.path(&pts, true, thickness, colour);
                top_left(&pts)
            }
            Shape::Polyline { vertices } => {
                let pts: Vec<(f64, f64)> = vertices.vertices().iter().map(|p| (p.x, p.y)).collect();
                canvas.path(&pts, false, thickness, colour);
                for &p in &pts {
                    canvas.dot(p, thickness, colour);
                }
                top_left(&pts)
            }
            Shape::Keypoint(k) => {
                canvas.dot((k.x, k.y), 3 * scale, [0, 0, 0]);
                canvas.dot((k.x, k.y), 2 * scale, colour);
                (k.x + 3.0 * scale as f64, k.y)
            }
        };
        let caption = object_caption(labels, object);
        let text_h = (9 * scale) as f64;
        let (x, y) = (anchor.0, (anchor.1 - text_h - 1.0).max(0.0));
        if x.is_finite() && y.is_finite() {
            canvas.label(
                x.round() as i64,
                y.round() as i64,
                &caption,
                scale,
                colour,
                text_colour(colour),
            );
        }
        drawn += 1;
    }
    drawn
}

fn top_left(points: &[(f64, f64)]) -> (f64, f64) {
    let x = points.iter().map(|p| p.0).fold(f64::INFINITY, f64::min);
    let y = points.iter().map(|p| p.1).fold(f64::INFINITY, f64::min);
    (x, y)
}

/// Draws the labels of every frame listed in `labels` onto the images in `frames_dir` and
/// writes them, under the same names, to `out_dir`, plus `contact_sheet.png` and
/// `timeline.png`. Frame names that would leave `frames_dir` (`..`, absolute paths) are
/// refused.
pub fn render_sequence(
    labels: &SequenceLabels,
    frames_dir: &Path,
    out_dir: &Path,
) -> Result<RenderSummary, ExtractError> {
    std::fs::create_dir_all(out_dir).map_err(ExtractError::file(out_dir))?;
    let mut summary = RenderSummary::default();
    let mut sheet = sheet::SheetBuilder::new(labels.frames().len());
    let mut bytes = Vec::new();
    for frame in labels.frames() {
        vframe_io::frames::check_frame_name(&frame.file).map_err(|reason| {
            ExtractError::from(vframe_io::IoError::UnsafeFramePath {
                prefix: frames_dir.display().to_string(),
                frame: frame.file.clone(),
                reason,
            })
        })?;
        let source = frames_dir.join(&frame.file);
        let image = image::open(&source)
            .map_err(|e| ExtractError::Corrupt {
                path: source.clone(),
                last_good_frame: None,
                reason: format!("frame {} is not a readable image: {e}", frame.index()),
            })?
            .into_rgb8();
        let mut picture = Rgb8 {
            width: image.width(),
            height: image.height(),
            data: image.into_raw(),
        };
        summary.shapes += draw_labels(&mut picture, labels, frame.index());
        let format = if frame.file.to_ascii_lowercase().ends_with(".png") {
            ImageFormat::Png
        } else {
            ImageFormat::Jpeg { quality: 92 }
        };
        let target = out_dir.join(&frame.file);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent).map_err(ExtractError::file(parent))?;
        }
        format
            .encode(&picture, &mut bytes)
            .map_err(|reason| ExtractError::Encode {
                path: target.clone(),
                reason,
            })?;
        write_frame(&target, &bytes)?;
        sheet.offer(frame.index(), &picture);
        summary.frames += 1;
    }
    if summary.frames > 0 {
        let path = out_dir.join("contact_sheet.png");
        write_png(&path, &sheet.finish())?;
        summary.contact_sheet = Some(path);
    }
    if !labels.objects().is_empty() {
        let path = out_dir.join("timeline.png");
        write_png(&path, &timeline(labels))?;
        summary.timeline = Some(path);
    }
    Ok(summary)
}

fn write_png(path: &Path, picture: &Rgb8) -> Result<(), ExtractError> {
    let mut bytes = Vec::new();
    ImageFormat::Png
        .encode(picture, &mut bytes)
        .map_err(|reason| ExtractError::Encode {
            path: path.to_path_buf(),
            reason,
        })?;
    write_frame(path, &bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use vframe_core::{AnnotationType, ClassId, InstanceName, Keyframe, ObjectId, TaskType, Track};
    use vframe_geom::{BoundingBox, Keypoint, Point, Polygon, Polyline};

    fn blank() -> Rgb8 {
        Rgb8 {
            width: 64,
            height: 48,
            data: vec![0; 64 * 48 * 3],
        }
    }

    fn labels_with(kind: AnnotationType, shape: Shape) -> SequenceLabels {
        let mut labels = SequenceLabels::new(TaskType::Tracking, kind);
        labels.add_frame(0, "frame_0000.png").unwrap();
        labels.add_frame(1, "frame_0001.png").unwrap();
        let track = Track::new(vec![Keyframe::visible(0, shape)]).unwrap();
        labels
            .add_object(LabeledObject::new(
                Some(ObjectId::new("a")),
                Some(InstanceName::numbered("car", 1)),
                ClassId(2),
                track,
            ))
            .unwrap();
        labels
    }

    fn coloured_pixels(p: &Rgb8, colour: [u8; 3]) -> usize {
        p.data.chunks(3).filter(|px| *px == colour).count()
    }

    #[test]
    fn a_frame_without_objects_is_left_untouched() {
        let labels = labels_with(
            AnnotationType::BoundingBox,
            BoundingBox::new(5.0, 20.0, 20.0, 10.0).unwrap().into(),
        );
        let mut p = blank();
        assert_eq!(draw_labels(&mut p, &labels, 1), 0);
        assert!(p.data.iter().all(|&b| b == 0));
    }

    #[test]
    fn every_shape_kind_is_drawn_in_its_category_colour() {
        let pts = |v: &[(f64, f64)]| v.iter().map(|&(x, y)| Point { x, y }).collect::<Vec<_>>();
        let shapes: Vec<(AnnotationType, Shape)> = vec![
            (
                AnnotationType::BoundingBox,
                BoundingBox::new(5.0, 20.0, 20.0, 10.0).unwrap().into(),
            ),
            (
                AnnotationType::Polygon,
                Shape::Polygon {
                    vertices: Polygon::new(pts(&[(5.0, 20.0), (40.0, 25.0), (10.0, 40.0)]))
                        .unwrap(),
                },
            ),
            (
                AnnotationType::Polyline,
                Shape::Polyline {
                    vertices: Polyline::new(pts(&[(5.0, 20.0), (40.0, 40.0)])).unwrap(),
                },
            ),
            (
                AnnotationType::Keypoint,
                Shape::Keypoint(Keypoint { x: 30.0, y: 30.0 }),
            ),
        ];
        for (kind, shape) in shapes {
            let labels = labels_with(kind, shape);
            let mut p = blank();
            assert_eq!(draw_labels(&mut p, &labels, 0), 1);
            assert!(coloured_pixels(&p, category_colour(2)) > 10, "{kind:?}");
        }
    }

    #[test]
    fn shapes_outside_the_frame_do_not_panic() {
        let labels = labels_with(
            AnnotationType::BoundingBox,
            BoundingBox::new(-500.0, -500.0, 10.0, 10.0).unwrap().into(),
        );
        let mut p = blank();
        draw_labels(&mut p, &labels, 0);
    }
}
