//! Moving, reshaping and deleting the shape of an object on a frame or from a frame on.

use std::borrow::Cow;

use vframe_geom::algorithm::{Matrix3, Transform};
use vframe_geom::{BoundingBox, GeomError, Shape};

use crate::{CoreError, Keyframe, KeyframeState, LabelCategoryConfig, SequenceLabels, TaskType};

use super::super::Scope;
use super::super::rules::check_label_editable;
use super::super::timeline::{head, next_listed, tail};
use super::{EditError, Step, from_here, object_and_label, replace_track, replace_window, shown};

/// Moves the shape by `(dx, dy)` pixels.
pub(crate) fn move_shape(
    labels: &SequenceLabels,
    config: &LabelCategoryConfig,
    index: usize,
    frame: u32,
    (dx, dy): (f64, f64),
    scope: Scope,
) -> Result<Vec<Step>, EditError> {
    change_shapes(labels, config, index, frame, scope, "moving a shape", |s| {
        translate(s, dx, dy)
    })
}

/// Replaces the shape.
pub(crate) fn reshape(
    labels: &SequenceLabels,
    config: &LabelCategoryConfig,
    index: usize,
    frame: u32,
    shape: &Shape,
    scope: Scope,
) -> Result<Vec<Step>, EditError> {
    change_shapes(
        labels,
        config,
        index,
        frame,
        scope,
        "reshaping a shape",
        |_| Ok(shape.clone()),
    )
}

/// Applies `change` to the keyframe on `frame` (frozen there first when there is none) and,
/// for [`Scope::FromFrameOn`], to every visible keyframe after it.
fn change_shapes(
    labels: &SequenceLabels,
    config: &LabelCategoryConfig,
    index: usize,
    frame: u32,
    scope: Scope,
    action: &'static str,
    change: impl Fn(&Shape) -> Result<Shape, GeomError>,
) -> Result<Vec<Step>, EditError> {
    let (object, label) = object_and_label(labels, config, index)?;
    check_label_editable(config, label, || object.describe(), action)?;
    super::listed(labels, frame)?;
    let here = shown(object, frame)?;
    let (window, mut keyframes) = from_here(object.track().keyframes(), frame, here, scope);
    for k in &mut keyframes {
        if let KeyframeState::Visible(shape) = &mut k.state {
            *shape = change(shape).map_err(|source| CoreError::InvalidShape {
                object: object.describe(),
                frame: k.frame,
                source,
            })?;
        }
    }
    Ok(
        replace_window(config, index, object, label, window, keyframes)?
            .into_iter()
            .collect(),
    )
}

/// Deletes the shape on `frame` ([`Scope::Frame`]: the object becomes absent there, every
/// other frame keeps its shape) or on every frame from `frame` on (the track is cut). An
/// object left with no shape is deleted.
pub(crate) fn delete_shape(
    labels: &SequenceLabels,
    config: &LabelCategoryConfig,
    index: usize,
    frame: u32,
    scope: Scope,
) -> Result<Vec<Step>, EditError> {
    let (object, label) = object_and_label(labels, config, index)?;
    check_label_editable(config, label, || object.describe(), "deleting a shape")?;
    super::listed(labels, frame)?;
    let track = object.track();
    let keyframes: Vec<Cow<'_, Keyframe>> = match scope {
        Scope::Frame => {
            shown(object, frame)?;
            let before = head(labels, track, frame);
            let after = match next_listed(labels, frame) {
                Some(n) => tail(track, n),
                None => Vec::new(),
            };
            if before.is_empty() || after.is_empty() {
                [before, after].concat()
            } else {
                let mut all = before;
                all.push(Cow::Owned(Keyframe::absent(frame)));
                all.extend(after);
                all
            }
        }
        Scope::FromFrameOn => {
            if frame > track.span().1 {
                return Err(EditError::NotShown {
                    object: object.describe(),
                    frame,
                    why: "its track ends earlier",
                });
            }
            head(labels, track, frame)
        }
    };
    if keyframes.is_empty() || labels.task() == TaskType::Detection {
        return Ok(vec![Step::RemoveObject {
            index,
            id: object.id().cloned(),
        }]);
    }
    Ok(replace_track(config, index, object, label, &keyframes)?
        .into_iter()
        .collect())
}

/// `shape` moved by `(dx, dy)`, checked like a new shape.
///
/// Vertices go through `vframe-geom`'s [`Transform`], which refuses a move that would merge
/// a polygon's last vertex into its first. A box is moved by its corner only: transforming
/// its corners and taking their bounds would recompute width and height with rounding, and a
/// move must not resize.
pub(crate) fn translate(shape: &Shape, dx: f64, dy: f64) -> Result<Shape, GeomError> {
    let m = Matrix3::new(1.0, 0.0, dx, 0.0, 1.0, dy, 0.0, 0.0, 1.0);
    Ok(match shape {
        Shape::BoundingBox(b) => {
            BoundingBox::new(b.left + dx, b.top + dy, b.width, b.height)?.into()
        }
        Shape::Polyline { vertices } => vertices.transform(&m)?.into(),
        Shape::Polygon { vertices } => vertices.transform(&m)?.into(),
        Shape::Keypoint(k) => k.transform(&m)?.into(),
    })
}
