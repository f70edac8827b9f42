//! The shape of a tracked object on any frame: a keyframe, an interpolated shape, a shape
//! held until an absence, or nothing.
//!
//! Rules (the model's semantics, see `docs/interpolation.md`): between two visible keyframes
//! the shape is interpolated; between a visible keyframe and a following absent keyframe it
//! holds; from an absent keyframe to the next keyframe, and before the first or after the
//! last keyframe, the object is not shown. Attribute values always come from the keyframe on
//! the left. Finding the keyframe pair is a binary search (O(log k)); computing the shape is
//! O(vertices) once the pair's [`InterpolationPair`] exists.

use vframe_geom::Shape;
use vframe_geom::algorithm::{InterpolationOptions, InterpolationPair};

use super::{Keyframe, Track};
use crate::AttributeValues;

/// What a track shows on one frame.
#[derive(Debug, Clone, PartialEq)]
pub enum ShapeAt<'a> {
    /// A visible keyframe lies on this frame.
    Keyframe(&'a Keyframe),
    /// Between two visible keyframes.
    Interpolated {
        /// The in-between shape.
        shape: Shape,
        /// The left keyframe, whose attribute values hold.
        left: &'a Keyframe,
        /// The frame of the right keyframe.
        right_frame: u32,
    },
    /// After a visible keyframe whose next keyframe is an absence (or, for keyframes whose
    /// shapes differ in kind, any next keyframe): the left shape unchanged.
    Held(&'a Keyframe),
    /// Not shown: before the first keyframe, after the last, or in an absence.
    Absent,
}

impl ShapeAt<'_> {
    /// The shape shown, if any.
    pub fn shape(&self) -> Option<&Shape> {
        match self {
            ShapeAt::Keyframe(k) | ShapeAt::Held(k) => k.shape(),
            ShapeAt::Interpolated { shape, .. } => Some(shape),
            ShapeAt::Absent => None,
        }
    }

    /// The attribute values in force, if the object is shown.
    pub fn attributes(&self) -> Option<&AttributeValues> {
        match self {
            ShapeAt::Keyframe(k) | ShapeAt::Held(k) | ShapeAt::Interpolated { left: k, .. } => {
                Some(&k.attributes)
            }
            ShapeAt::Absent => None,
        }
    }

    /// Whether the object is shown.
    pub fn is_visible(&self) -> bool {
        !matches!(self, ShapeAt::Absent)
    }

    /// Whether a keyframe lies on this frame.
    pub fn is_keyframe(&self) -> bool {
        matches!(self, ShapeAt::Keyframe(_))
    }

    /// The shape shown, owned.
    pub fn into_shape(self) -> Option<Shape> {
        match self {
            ShapeAt::Interpolated { shape, .. } => Some(shape),
            other => other.shape().cloned(),
        }
    }
}

/// Where a frame falls in a track.
enum Place {
    OnKeyframe(usize),
    Between(usize),
    Outside,
}

impl Track {
    /// The shape on `frame`, with default interpolation options.
    ///
    /// ```
    /// use vframe_core::{Keyframe, Track, ShapeAt};
    /// use vframe_geom::{BoundingBox, Shape};
    ///
    /// let b = |x: f64| -> Shape { BoundingBox::new(x, 0.0, 10.0, 10.0).unwrap().into() };
    /// let track = Track::new(vec![
    ///     Keyframe::visible(0, b(0.0)),
    ///     Keyframe::visible(10, b(100.0)),
    ///     Keyframe::absent(15),
    ///     Keyframe::visible(20, b(0.0)),
    /// ])?;
    /// assert_eq!(track.shape_at(5).shape(), Some(&b(50.0)));   // interpolated
    /// assert!(matches!(track.shape_at(12), ShapeAt::Held(_))); // held until the absence
    /// assert!(!track.shape_at(17).is_visible());               // absent
    /// assert!(!track.shape_at(21).is_visible());               // after the last keyframe
    /// # Ok::<(), vframe_core::CoreError>(())
    /// ```
    pub fn shape_at(&self, frame: u32) -> ShapeAt<'_> {
        self.shape_at_with(frame, InterpolationOptions::default())
    }

    /// The shape on `frame` with these interpolation options. For many frames of one track,
    /// a [`TrackInterpolator`] reuses each keyframe pair's correspondence.
    pub fn shape_at_with(&self, frame: u32, options: InterpolationOptions) -> ShapeAt<'_> {
        match self.place(frame) {
            Place::OnKeyframe(i) => self.on_keyframe(i),
            Place::Outside => ShapeAt::Absent,
            Place::Between(i) => self.between(i, frame, |l, r, t| {
                InterpolationPair::new(l, r, options).ok().map(|p| p.at(t))
            }),
        }
    }

    /// An evaluator that keeps the last keyframe pair's correspondence, for walking frames.
    pub fn interpolator(&self, options: InterpolationOptions) -> TrackInterpolator<'_> {
        TrackInterpolator {
            track: self,
            options,
            cached: None,
        }
    }

    fn place(&self, frame: u32) -> Place {
        self.place_after(
            frame,
            self.keyframes().partition_point(|k| k.frame <= frame),
        )
    }

    /// [`Track::place`] when the caller knows `after`, the number of keyframes on or before
    /// `frame` (the frame index does); checked, and searched for when wrong.
    fn place_after(&self, frame: u32, after: usize) -> Place {
        let keyframes = self.keyframes();
        let right = after
            .checked_sub(1)
            .and_then(|l| keyframes.get(l))
            .is_some_and(|k| k.frame <= frame)
            && keyframes.get(after).is_none_or(|k| k.frame > frame);
        let after = if right {
            after
        } else {
            keyframes.partition_point(|k| k.frame <= frame)
        };
        let Some(left) = after.checked_sub(1) else {
            return Place::Outside;
        };
        if keyframes[left].frame == frame {
            Place::OnKeyframe(left)
        } else if after < keyframes.len() {
            Place::Between(left)
        } else {
            Place::Outside
        }
    }

    /// [`Track::shape_at`] given `after`, the number of keyframes on or before `frame`; the
    /// same answer even when `after` is wrong (then it is searched for).
    pub(crate) fn shape_at_located(&self, frame: u32, after: usize) -> ShapeAt<'_> {
        let options = InterpolationOptions::default();
        match self.place_after(frame, after) {
            Place::OnKeyframe(i) => self.on_keyframe(i),
            Place::Outside => ShapeAt::Absent,
            Place::Between(i) => self.between(i, frame, |l, r, t| {
                InterpolationPair::new(l, r, options).ok().map(|p| p.at(t))
            }),
        }
    }

    fn on_keyframe(&self, i: usize) -> ShapeAt<'_> {
        let k = &self.keyframes()[i];
        if k.is_visible() {
            ShapeAt::Keyframe(k)
        } else {
            ShapeAt::Absent
        }
    }

    /// `frame` lies strictly between keyframes `i` and `i + 1`.
    fn between<'a>(
        &'a self,
        i: usize,
        frame: u32,
        blend: impl FnOnce(&Shape, &Shape, f64) -> Option<Shape>,
    ) -> ShapeAt<'a> {
        let keyframes = self.keyframes();
        let (left, right) = (&keyframes[i], &keyframes[i + 1]);
        let (Some(a), Some(b)) = (left.shape(), right.shape()) else {
            return if left.is_visible() {
                ShapeAt::Held(left)
            } else {
                ShapeAt::Absent
            };
        };
        let t = f64::from(frame - left.frame) / f64::from(right.frame - left.frame);
        match blend(a, b, t) {
            Some(shape) => ShapeAt::Interpolated {
                shape,
                left,
                right_frame: right.frame,
            },
            None => ShapeAt::Held(left),
        }
    }
}

/// Shapes of one track on many frames, each keyframe pair's correspondence built once.
///
/// ```
/// use vframe_core::{Keyframe, Track};
/// use vframe_geom::algorithm::InterpolationOptions;
/// use vframe_geom::{Point, Polygon};
///
/// let tri = Polygon::new(vec![Point::new(0.0, 0.0), Point::new(9.0, 0.0), Point::new(0.0, 9.0)])?;
/// let quad = Polygon::new(vec![Point::new(0.0, 0.0), Point::new(9.0, 0.0), Point::new(9.0, 9.0), Point::new(0.0, 9.0)])?;
/// let track = Track::new(vec![Keyframe::visible(0, tri.into()), Keyframe::visible(100, quad.into())])?;
/// let mut shapes = track.interpolator(InterpolationOptions::default());
/// let visible = (0..=100).filter(|&f| shapes.shape_at(f).is_visible()).count();
/// assert_eq!(visible, 101);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct TrackInterpolator<'a> {
    track: &'a Track,
    options: InterpolationOptions,
    cached: Option<(usize, Option<InterpolationPair>)>,
}

impl<'a> TrackInterpolator<'a> {
    /// The shape on `frame`: the same answer as [`Track::shape_at_with`].
    pub fn shape_at(&mut self, frame: u32) -> ShapeAt<'a> {
        let track = self.track;
        match track.place(frame) {
            Place::OnKeyframe(i) => track.on_keyframe(i),
            Place::Outside => ShapeAt::Absent,
            Place::Between(i) => {
                let options = self.options;
                let cached = &mut self.cached;
                track.between(i, frame, |l, r, t| {
                    if cached.as_ref().is_none_or(|(at, _)| *at != i) {
                        *cached = Some((i, InterpolationPair::new(l, r, options).ok()));
                    }
                    cached
                        .as_ref()
                        .and_then(|(_, p)| p.as_ref())
                        .map(|p| p.at(t))
                })
            }
        }
    }
}
