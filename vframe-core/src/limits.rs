use serde::{Deserialize, Serialize};

/// Ground Truth's quotas for video frame jobs (gt-spec §6.4, §16).
///
/// [`Limits::default`] is exactly what Ground Truth enforces; every field is public so a user
/// can relax one on purpose (for example a longer label name, which one AWS page allows,
/// see ambiguity A4). Character counts are Unicode scalar values, as a person counts them.
///
/// ```
/// use vframe_core::Limits;
/// let gt = Limits::default();
/// assert_eq!(gt.max_labels, 30);
/// let relaxed = Limits { max_label_name_chars: 256, ..Limits::default() };
/// assert_eq!(relaxed.max_label_name_chars, 256);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Limits {
    /// Fewest labels in a configuration (1).
    pub min_labels: usize,
    /// Most labels in a configuration (30).
    pub max_labels: usize,
    /// Longest label name (16; one AWS page says 256, ambiguity A4).
    pub max_label_name_chars: usize,
    /// Most label category attributes on one label, its own plus the global ones (10).
    pub max_label_attributes: usize,
    /// Most free-text label category attributes on one label (5).
    pub max_label_free_text_attributes: usize,
    /// Most frame attributes (10).
    pub max_frame_attributes: usize,
    /// Most free-text frame attributes (5).
    pub max_frame_free_text_attributes: usize,
    /// Longest attribute name (16).
    pub max_attribute_name_chars: usize,
    /// Longest attribute description (128).
    pub max_attribute_description_chars: usize,
    /// Most values of a choice attribute (10).
    pub max_enum_values: usize,
    /// Longest value of a choice attribute (16).
    pub max_enum_value_chars: usize,
    /// Longest answer to a free-text frame attribute (1,000).
    pub max_frame_free_text_chars: usize,
    /// Longest answer to a free-text label category attribute (80).
    pub max_label_free_text_chars: usize,
    /// Short instructions must be shorter than this (255; "under", ambiguity A19).
    pub short_instruction_chars_under: usize,
    /// Full instructions must be shorter than this (2,048).
    pub full_instruction_chars_under: usize,
    /// Most frames in one sequence (2,000).
    pub max_frames_per_sequence: usize,
    /// Most sequences in one input manifest (10).
    pub max_sequences_per_manifest: usize,
    /// Longest manifest line, in characters (100,000).
    pub max_manifest_line_chars: usize,
    /// Longest single value on a manifest line, in characters (20,000).
    pub max_manifest_value_chars: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            min_labels: 1,
            max_labels: 30,
            max_label_name_chars: 16,
            max_label_attributes: 10,
            max_label_free_text_attributes: 5,
            max_frame_attributes: 10,
            max_frame_free_text_attributes: 5,
            max_attribute_name_chars: 16,
            max_attribute_description_chars: 128,
            max_enum_values: 10,
            max_enum_value_chars: 16,
            max_frame_free_text_chars: 1_000,
            max_label_free_text_chars: 80,
            short_instruction_chars_under: 255,
            full_instruction_chars_under: 2_048,
            max_frames_per_sequence: 2_000,
            max_sequences_per_manifest: 10,
            max_manifest_line_chars: 100_000,
            max_manifest_value_chars: 20_000,
        }
    }
}

impl Limits {
    /// Ground Truth's own quotas (the same as [`Limits::default`]).
    pub fn ground_truth() -> Self {
        Self::default()
    }

    /// No quota at all: only structural rules are checked. Useful for data that will never
    /// go to Ground Truth, such as tracker output of a long video.
    pub fn unlimited() -> Self {
        Self {
            min_labels: 0,
            max_labels: usize::MAX,
            max_label_name_chars: usize::MAX,
            max_label_attributes: usize::MAX,
            max_label_free_text_attributes: usize::MAX,
            max_frame_attributes: usize::MAX,
            max_frame_free_text_attributes: usize::MAX,
            max_attribute_name_chars: usize::MAX,
            max_attribute_description_chars: usize::MAX,
            max_enum_values: usize::MAX,
            max_enum_value_chars: usize::MAX,
            max_frame_free_text_chars: usize::MAX,
            max_label_free_text_chars: usize::MAX,
            short_instruction_chars_under: usize::MAX,
            full_instruction_chars_under: usize::MAX,
            max_frames_per_sequence: usize::MAX,
            max_sequences_per_manifest: usize::MAX,
            max_manifest_line_chars: usize::MAX,
            max_manifest_value_chars: usize::MAX,
        }
    }
}
