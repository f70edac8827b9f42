//! The frames of one video, as a sequence file lists them and workers see them.

use serde::{Deserialize, Serialize};

use crate::{CoreError, Limits, Problem};

/// A rational number, used for time bases (`1/90000`) and frame rates (`30000/1001`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Rational {
    /// Numerator.
    pub num: i64,
    /// Denominator, never zero.
    pub den: i64,
}

impl Rational {
    /// `num / den`; `None` when `den` is zero.
    pub fn new(num: i64, den: i64) -> Option<Self> {
        (den != 0).then_some(Self { num, den })
    }

    /// The value as a float (for display; decisions use exact arithmetic).
    pub fn to_f64(self) -> f64 {
        self.num as f64 / self.den as f64
    }
}

/// A presentation timestamp: a tick count in a stream's time base.
///
/// Kept exact, because sampling by a rounded frame rate is how annotation tools silently
/// shift labels on variable-frame-rate video.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Timestamp {
    /// Ticks since the stream's start.
    pub ticks: i64,
    /// Seconds per tick.
    pub time_base: Rational,
}

impl Timestamp {
    /// Seconds, as a float.
    pub fn seconds(&self) -> f64 {
        self.ticks as f64 * self.time_base.to_f64()
    }
}

/// Width and height of a frame image, in pixels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct FrameSize {
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
}

/// One frame of a sequence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SequenceFrame {
    /// Position in the sequence as workers see it, 0-based; `frame-no` in `SeqLabel.json`.
    pub index: u32,
    /// The sequence file's own `frame-no` (often 1-based), kept as given.
    pub frame_no: i64,
    /// The image's file name, relative to the sequence's prefix.
    pub file: String,
    /// Capture time in seconds since 1970 (`unix-timestamp`; fractions have been seen).
    pub unix_timestamp: Option<f64>,
    /// Presentation timestamp in the source video, when the frame was extracted by vframe.
    pub pts: Option<Timestamp>,
    /// Image size, when known.
    pub size: Option<FrameSize>,
}

/// The frames of one video: a sequence file, in meaning.
///
/// Ground Truth shows frames in UTF-8 byte order of their file names (ambiguity A1), and
/// `SeqLabel.json`'s `frame-no` counts in that order from 0. [`Sequence::new`] therefore sorts
/// the frames by file name and numbers them; each keeps the file's own `frame-no`.
///
/// ```
/// use vframe_core::Sequence;
/// let seq = Sequence::new(1, "s3://bucket/video1/", vec![
///     (2, "frame_0002.jpg".to_string()),
///     (1, "frame_0001.jpg".to_string()),
/// ])?;
/// assert_eq!(seq.frames()[0].file, "frame_0001.jpg");
/// assert_eq!(seq.frames()[0].index, 0);
/// assert_eq!(seq.frames()[0].frame_no, 1);
/// # Ok::<(), vframe_core::CoreError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Sequence {
    /// `seq-no`.
    pub seq_no: i64,
    /// Where the frames are: `s3://bucket/path/` or a local folder, ending with `/`.
    pub prefix: String,
    frames: Vec<SequenceFrame>,
}

impl Sequence {
    /// A sequence of `(frame-no, file name)` pairs, ordered and numbered as workers see them.
    pub fn new(
        seq_no: i64,
        prefix: impl Into<String>,
        frames: Vec<(i64, String)>,
    ) -> Result<Self, CoreError> {
        Self::from_frames(
            seq_no,
            prefix,
            frames
                .into_iter()
                .map(|(frame_no, file)| SequenceFrame {
                    index: 0,
                    frame_no,
                    file,
                    unix_timestamp: None,
                    pts: None,
                    size: None,
                })
                .collect(),
        )
    }

    /// A sequence from full frame records; their `index` is recomputed from file-name order.
    /// Two frames with the same file name are refused.
    pub fn from_frames(
        seq_no: i64,
        prefix: impl Into<String>,
        mut frames: Vec<SequenceFrame>,
    ) -> Result<Self, CoreError> {
        frames.sort_by(|a, b| a.file.as_bytes().cmp(b.file.as_bytes()));
        for (i, pair) in frames.windows(2).enumerate() {
            if pair[0].file == pair[1].file {
                return Err(CoreError::DuplicateFrame {
                    frame: i as u32 + 1,
                });
            }
        }
        for (i, f) in frames.iter_mut().enumerate() {
            f.index = i as u32;
        }
        Ok(Self {
            seq_no,
            prefix: prefix.into(),
            frames,
        })
    }

    /// The frames in display order; `frames()[i].index == i`.
    pub fn frames(&self) -> &[SequenceFrame] {
        &self.frames
    }

    /// Mutable access to per-frame data other than the order (timestamps, sizes).
    pub fn frame_mut(&mut self, index: u32) -> Option<&mut SequenceFrame> {
        self.frames.get_mut(index as usize)
    }

    /// How many frames.
    pub fn len(&self) -> usize {
        self.frames.len()
    }

    /// Whether there are no frames.
    pub fn is_empty(&self) -> bool {
        self.frames.is_empty()
    }

    /// What Ground Truth would refuse or show differently than the file suggests: too many
    /// frames, a prefix without its trailing `/`, and a `frame-no` order that differs from
    /// the file-name order (ambiguity A1).
    pub fn validate(&self, limits: &Limits) -> Vec<Problem> {
        let mut problems = Vec::new();
        if self.frames.len() > limits.max_frames_per_sequence {
            problems.push(Problem::sequence(
                "sequence.frame_count",
                format!(
                    "{} frames, at most {} are allowed in one sequence",
                    self.frames.len(),
                    limits.max_frames_per_sequence
                ),
            ));
        }
        if self.frames.is_empty() {
            problems.push(Problem::sequence(
                "sequence.empty",
                "no frames; a sequence needs at least one",
            ));
        }
        if !self.prefix.ends_with('/') {
            problems.push(Problem::sequence(
                "sequence.prefix_slash",
                format!("prefix {:?} must end with \"/\"", self.prefix),
            ));
        }
        if let Some(pair) = self
            .frames
            .windows(2)
            .find(|p| p[0].frame_no >= p[1].frame_no)
        {
            problems.push(Problem::frame(
                pair[1].index,
                None,
                "sequence.order",
                format!(
                    "file {:?} (frame-no {}) sorts after {:?} (frame-no {}) by name; Ground Truth shows frames in file-name order, so frame-no order and name order should agree (zero-pad the numbers in file names)",
                    pair[1].file, pair[1].frame_no, pair[0].file, pair[0].frame_no
                ),
            ));
        }
        problems
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unpadded_names_sort_bytewise_and_are_reported() {
        let seq = Sequence::new(
            1,
            "s3://b/p/",
            vec![(2, "frame2.jpg".into()), (10, "frame10.jpg".into())],
        )
        .unwrap();
        assert_eq!(seq.frames()[0].file, "frame10.jpg");
        let problems = seq.validate(&Limits::default());
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].code, "sequence.order");
    }

    #[test]
    fn duplicate_file_names_are_refused() {
        let err = Sequence::new(1, "p/", vec![(1, "a.jpg".into()), (2, "a.jpg".into())]);
        assert!(err.is_err());
    }

    #[test]
    fn prefix_without_slash_and_too_many_frames_are_reported() {
        let frames = (0..3).map(|i| (i, format!("f{i:04}.jpg"))).collect();
        let seq = Sequence::new(1, "s3://b/p", frames).unwrap();
        let limits = Limits {
            max_frames_per_sequence: 2,
            ..Limits::default()
        };
        let codes: Vec<_> = seq.validate(&limits).iter().map(|p| p.code).collect();
        assert_eq!(codes, ["sequence.frame_count", "sequence.prefix_slash"]);
    }
}
