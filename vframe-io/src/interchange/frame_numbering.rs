//! Frame numbers of each format, mapped to and from Ground Truth's 0-based frame index.
//!
//! Frame identity is where annotation tools fail silently (anchors §4D): MOT counts from 1,
//! CVAT writes absolute frame numbers (`start_frame + index * frame_step`), YOLO and image
//! folders carry numbers in file names that may start at 0 or 1, and Ground Truth's own
//! documentation pairs `frame-no` 0 with `frame_0001.jpeg`. Every format here goes through
//! one [`FrameNumbering`], so the rule is written once, named, and tested on those traps.

/// An affine frame numbering: `number = start + index * step`, `index` being Ground Truth's
/// 0-based `frame-no`.
///
/// ```
/// use vframe_io::interchange::FrameNumbering;
///
/// let mot = FrameNumbering::mot();
/// assert_eq!(mot.number_of(0), 1);
/// assert_eq!(mot.index_of(1), Ok(0));
/// assert!(mot.index_of(0).unwrap_err().contains("count from 1"));
///
/// let cvat = FrameNumbering::cvat(100, 5)?;
/// assert_eq!(cvat.number_of(2), 110);
/// assert!(cvat.index_of(103).is_err()); // not a frame of the task
/// # Ok::<(), String>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct FrameNumbering {
    start: u64,
    step: u64,
    name: &'static str,
}

impl FrameNumbering {
    /// Ground Truth's `frame-no`: the index itself.
    pub fn ground_truth() -> Self {
        Self {
            start: 0,
            step: 1,
            name: "Ground Truth frame-no",
        }
    }

    /// MOTChallenge: frames count from 1 (`frame 1` is index 0).
    pub fn mot() -> Self {
        Self {
            start: 1,
            step: 1,
            name: "MOT frame",
        }
    }

    /// CVAT for video: absolute frame numbers of the source video, from `start_frame` in
    /// steps of `frame_step` (`frame_filter` `step=N`). A zero step is refused.
    pub fn cvat(start: u64, step: u64) -> Result<Self, String> {
        if step == 0 {
            return Err("CVAT frame step must be at least 1".into());
        }
        Ok(Self {
            start,
            step,
            name: "CVAT frame",
        })
    }

    /// Numbers in file names (`000001.txt`, `frame_0001.jpeg`) counting from `first`.
    pub fn file_names(first: u64) -> Self {
        Self {
            start: first,
            step: 1,
            name: "file-name number",
        }
    }

    /// COCO image ids written by vframe: index + 1 (COCO ids are positive by convention).
    pub fn coco_image_id() -> Self {
        Self {
            start: 1,
            step: 1,
            name: "COCO image id",
        }
    }

    /// The number of the first frame.
    pub fn start(&self) -> u64 {
        self.start
    }

    /// The distance between consecutive frames' numbers.
    pub fn step(&self) -> u64 {
        self.step
    }

    /// The format's number of the frame with this 0-based index.
    pub fn number_of(&self, index: u32) -> u64 {
        // u32 * u64 + u64 cannot overflow u64 for any step below 2^32; saturate beyond.
        self.start
            .saturating_add(u64::from(index).saturating_mul(self.step))
    }

    /// The 0-based index of the frame with this number, or why the number is not a frame
    /// under this numbering.
    pub fn index_of(&self, number: i64) -> Result<u32, String> {
        let name = self.name;
        let Ok(n) = u64::try_from(number) else {
            return Err(format!(
                "{name} {number} is negative; {name}s count from {}",
                self.start
            ));
        };
        if n < self.start {
            return Err(format!(
                "{name} {number} is before the first frame: {name}s count from {} (number {} is Ground Truth frame-no 0)",
                self.start, self.start
            ));
        }
        let offset = n - self.start;
        if !offset.is_multiple_of(self.step) {
            return Err(format!(
                "{name} {number} is not a frame of this numbering: frames are {} + k * {}",
                self.start, self.step
            ));
        }
        u32::try_from(offset / self.step)
            .map_err(|_| format!("{name} {number} is beyond the largest frame index"))
    }
}

/// The number a frame file name carries: the last run of ASCII digits in the name without
/// its extension (`frame_0010.jpeg` -> 10, `cam2_000007.txt` -> 7), `None` when it has none.
///
/// Numbers, not byte order, decide which frame a file is: `frame10` follows `frame2`.
///
/// ```
/// use vframe_io::interchange::number_in_file_name;
/// assert_eq!(number_in_file_name("frame_0010.jpeg"), Some(10));
/// assert_eq!(number_in_file_name("cam2_000007.txt"), Some(7));
/// assert_eq!(number_in_file_name("frame.jpeg"), None);
/// ```
pub fn number_in_file_name(name: &str) -> Option<u64> {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let stem = match base.rsplit_once('.') {
        Some((stem, _)) if !stem.is_empty() => stem,
        _ => base,
    };
    let bytes = stem.as_bytes();
    let end = bytes.iter().rposition(u8::is_ascii_digit)? + 1;
    let start = bytes[..end]
        .iter()
        .rposition(|b| !b.is_ascii_digit())
        .map_or(0, |p| p + 1);
    stem.get(start..end)?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zero_step_cvat_numbering_is_refused() {
        assert!(FrameNumbering::cvat(0, 0).is_err());
    }

    #[test]
    fn negative_numbers_are_not_frames() {
        for n in [FrameNumbering::mot(), FrameNumbering::ground_truth()] {
            assert!(n.index_of(-1).is_err());
        }
    }

    #[test]
    fn mot_frame_zero_is_refused_not_shifted() {
        // The trap of datumaro #560 / CVAT #3940: a 0-based MOT file read as 1-based would put
        // every box one frame early; frame 0 has no meaning in MOT and is an error.
        let err = FrameNumbering::mot().index_of(0).unwrap_err();
        assert!(err.contains("count from 1"), "{err}");
    }

    #[test]
    fn mot_frame_one_is_ground_truth_index_zero() {
        let mot = FrameNumbering::mot();
        assert_eq!(mot.index_of(1), Ok(0));
        assert_eq!(mot.number_of(0), 1);
        assert_eq!(mot.number_of(1999), 2000);
    }

    #[test]
    fn cvat_frames_off_the_step_grid_are_refused() {
        let c = FrameNumbering::cvat(10, 5).unwrap();
        assert!(c.index_of(5).is_err(), "before start_frame");
        assert!(c.index_of(12).is_err(), "between steps");
        assert_eq!(c.index_of(10), Ok(0));
        assert_eq!(c.index_of(15), Ok(1));
        assert_eq!(c.number_of(3), 25);
    }

    #[test]
    fn cvat_with_default_start_and_step_is_the_index() {
        let c = FrameNumbering::cvat(0, 1).unwrap();
        for i in [0u32, 1, 77, 1999] {
            assert_eq!(c.index_of(c.number_of(i) as i64), Ok(i));
        }
    }

    #[test]
    fn file_names_counting_from_one_map_first_file_to_index_zero() {
        // Ground Truth's own example pairs frame-no 0 with frame_0001.jpeg (ambiguity A16).
        let names = FrameNumbering::file_names(1);
        let n = number_in_file_name("frame_0001.jpeg").unwrap();
        assert_eq!(names.index_of(n as i64), Ok(0));
        assert_eq!(FrameNumbering::file_names(0).index_of(n as i64), Ok(1));
    }

    #[test]
    fn file_name_numbers_order_numerically_not_by_bytes() {
        let a = number_in_file_name("frame2.jpg").unwrap();
        let b = number_in_file_name("frame10.jpg").unwrap();
        assert!("frame10.jpg" < "frame2.jpg");
        assert!(a < b);
    }

    #[test]
    fn file_name_number_ignores_extension_digits_and_folders() {
        assert_eq!(number_in_file_name("dir9/frame_7.mp4"), Some(7));
        assert_eq!(number_in_file_name("000123"), Some(123));
        assert_eq!(number_in_file_name(".hidden"), None);
        assert_eq!(number_in_file_name("x.h264"), None);
    }

    #[test]
    fn huge_numbers_beyond_u32_indices_are_refused() {
        let n = FrameNumbering::ground_truth();
        assert!(n.index_of(i64::from(u32::MAX) + 1).is_err());
        assert_eq!(n.index_of(i64::from(u32::MAX)), Ok(u32::MAX));
    }

    #[test]
    fn number_of_saturates_instead_of_overflowing() {
        let c = FrameNumbering::cvat(u64::MAX - 1, u64::MAX).unwrap();
        assert_eq!(c.number_of(5), u64::MAX);
    }
}
