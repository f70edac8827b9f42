//! Sequence file document <-> [`Sequence`].

use vframe_core::{CoreError, JsonPath, Limits, Problem, Sequence, SequenceFrame};

use super::{FrameNo, JsonNumber, SequenceFileDoc, SequenceFrameDoc};
use crate::IoError;
use crate::frames::check_frame_name;

impl SequenceFileDoc {
    /// The sequence this file describes, and every problem Ground Truth would have with it:
    /// `number-of-frames` differing from the length of `frames`, a `prefix` without its
    /// trailing `/`, more than 2,000 frames, a `frame-no` order that differs from the
    /// file-name order workers see (ambiguity A1), and frame names that are not plain file
    /// names.
    ///
    /// Fails only when no sequence can be built: a `frame-no` string that is not a number,
    /// or two frames with the same file name.
    ///
    /// ```
    /// use vframe_core::Limits;
    /// use vframe_io::sequence_file::SequenceFileDoc;
    /// let doc = SequenceFileDoc::from_json(r#"{"seq-no":1,"prefix":"s3://b/v","number-of-frames":3,
    ///   "frames":[{"frame-no":1,"frame":"f1.jpg"},{"frame-no":2,"frame":"f2.jpg"}]}"#)?;
    /// let (seq, problems) = doc.to_sequence(&Limits::default())?;
    /// assert_eq!(seq.len(), 2);
    /// let codes: Vec<_> = problems.iter().map(|p| p.code).collect();
    /// assert_eq!(codes, ["sequence.number_of_frames", "sequence.prefix_slash"]);
    /// # Ok::<(), vframe_io::IoError>(())
    /// ```
    pub fn to_sequence(&self, limits: &Limits) -> Result<(Sequence, Vec<Problem>), IoError> {
        let mut problems = Vec::new();
        if self.number_of_frames != self.frames.len() as i64 {
            problems.push(Problem::sequence(
                "sequence.number_of_frames",
                format!(
                    "number-of-frames is {} but frames lists {} entries; they must be equal",
                    self.number_of_frames,
                    self.frames.len()
                ),
            ));
        }
        let mut frames = Vec::with_capacity(self.frames.len());
        for (i, f) in self.frames.iter().enumerate() {
            let path = JsonPath::root().key("frames").index(i);
            let frame_no = f.frame_no.value().ok_or_else(|| IoError::Schema {
                position: Default::default(),
                path: path.clone().key("frame-no"),
                message: format!("{:?} is not an integer", f.frame_no),
            })?;
            if let Err(reason) = check_frame_name(&f.frame) {
                problems.push(Problem::sequence(
                    "sequence.frame_name",
                    format!("{path}.frame {:?}: {reason}", f.frame),
                ));
            }
            frames.push(SequenceFrame {
                index: 0,
                frame_no,
                file: f.frame.clone(),
                unix_timestamp: f.unix_timestamp.as_ref().map(JsonNumber::to_f64),
                pts: None,
                size: None,
            });
        }
        let seq =
            Sequence::from_frames(self.seq_no, self.prefix.clone(), frames).map_err(|source| {
                let path = match &source {
                    CoreError::DuplicateFrame { .. } => JsonPath::root().key("frames"),
                    _ => JsonPath::root(),
                };
                IoError::Model {
                    position: Default::default(),
                    path,
                    source: Box::new(source),
                }
            })?;
        // Sequence::validate numbers problems by display index; the prefix and count rules
        // come first so problems read in the order of the file's keys.
        let mut model = seq.validate(limits);
        problems.append(&mut model);
        problems.sort_by_key(|p| match p.code {
            "sequence.number_of_frames" => 0,
            "sequence.frame_count" => 1,
            "sequence.empty" => 1,
            "sequence.prefix_slash" => 2,
            _ => 3,
        });
        Ok((seq, problems))
    }

    /// The document for a sequence: frames in display order, integer `frame-no`s (the
    /// current documented type), timestamps as the shortest number that reads back the same.
    pub fn from_sequence(seq: &Sequence) -> Self {
        let frames = seq
            .frames()
            .iter()
            .map(|f| {
                SequenceFrameDoc::new(
                    FrameNo::Integer(f.frame_no),
                    f.unix_timestamp.and_then(JsonNumber::from_f64),
                    f.file.clone(),
                )
            })
            .collect();
        SequenceFileDoc::new(seq.seq_no, seq.prefix.clone(), frames)
    }
}
