//! The meaning of an output manifest line's `<LabelAttributeName>-metadata`: which job made
//! the labels, when, of which task type, and which class ids the labels use.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::{ClassMap, TaskType};

/// How a `creation-date` was written. Ground Truth has used two forms (gt-spec §9.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum CreationDateForm {
    /// `2021-09-29T05:50:35.566000`: six fraction digits, no time zone (UTC is meant).
    /// Current docs and every observed labeling-job output.
    Microseconds,
    /// `2020-05-15T08:01:16+0000`: whole seconds and a `+HHMM` offset. Docs before
    /// 2021-10-31, and a user-written pre-annotation that Ground Truth accepted.
    UtcOffset,
}

/// A `creation-date`, parsed. It prints back in the form it was read in.
///
/// ```
/// use vframe_core::{CreationDate, CreationDateForm};
/// let new: CreationDate = "2021-09-29T05:50:35.566000".parse()?;
/// assert_eq!(new.form, CreationDateForm::Microseconds);
/// assert_eq!(new.microsecond, 566_000);
/// let old: CreationDate = "2020-05-15T08:01:16+0000".parse()?;
/// assert_eq!(old.offset_minutes, Some(0));
/// assert_eq!(old.to_string(), "2020-05-15T08:01:16+0000");
/// # Ok::<(), String>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct CreationDate {
    /// Year, four digits.
    pub year: u16,
    /// Month, 1 to 12.
    pub month: u8,
    /// Day of the month, 1 to 31 (checked against the month and leap years).
    pub day: u8,
    /// Hour, 0 to 23.
    pub hour: u8,
    /// Minute, 0 to 59.
    pub minute: u8,
    /// Second, 0 to 60 (a leap second is allowed).
    pub second: u8,
    /// Microseconds, 0 to 999,999 (always 0 in the offset form).
    pub microsecond: u32,
    /// Offset from UTC in minutes for the offset form; `None` for the microsecond form.
    pub offset_minutes: Option<i16>,
    /// The form it is written in.
    pub form: CreationDateForm,
}

impl CreationDate {
    /// A date in Ground Truth's current form (`YYYY-MM-DDTHH:MM:SS.ffffff`, UTC).
    /// Returns `None` when a field is out of range.
    #[allow(clippy::too_many_arguments)]
    pub fn utc(
        year: u16,
        month: u8,
        day: u8,
        hour: u8,
        minute: u8,
        second: u8,
        microsecond: u32,
    ) -> Option<Self> {
        let d = Self {
            year,
            month,
            day,
            hour,
            minute,
            second,
            microsecond,
            offset_minutes: None,
            form: CreationDateForm::Microseconds,
        };
        d.in_range().then_some(d)
    }

    fn in_range(&self) -> bool {
        let leap = (self.year.is_multiple_of(4) && !self.year.is_multiple_of(100))
            || self.year.is_multiple_of(400);
        let days = match self.month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return false,
        };
        self.year <= 9999
            && (1..=days).contains(&self.day)
            && self.hour < 24
            && self.minute < 60
            && self.second <= 60
            && self.microsecond < 1_000_000
            && self.offset_minutes.is_none_or(|m| m.abs() < 24 * 60)
    }
}

fn digits(s: &str, at: usize, n: usize) -> Option<u32> {
    let part = s.get(at..at + n)?;
    if part.bytes().all(|b| b.is_ascii_digit()) {
        part.parse().ok()
    } else {
        None
    }
}

impl FromStr for CreationDate {
    type Err = String;

    /// Accepts exactly the two forms Ground Truth has written.
    fn from_str(s: &str) -> Result<Self, String> {
        let err = || {
            format!(
                "creation-date {s:?} is in neither Ground Truth form (\"2021-09-29T05:50:35.566000\" or \"2020-05-15T08:01:16+0000\")"
            )
        };
        let b = s.as_bytes();
        let sep_ok = b.len() >= 19
            && b[4] == b'-'
            && b[7] == b'-'
            && b[10] == b'T'
            && b[13] == b':'
            && b[16] == b':';
        if !sep_ok {
            return Err(err());
        }
        let num = |at, n| digits(s, at, n).ok_or_else(err);
        let (microsecond, offset_minutes, form) = match (b.len(), b.get(19)) {
            (26, Some(b'.')) => (num(20, 6)?, None, CreationDateForm::Microseconds),
            (24, Some(sign @ (b'+' | b'-'))) => {
                let minutes = (num(20, 2)? * 60 + num(22, 2)?) as i16;
                let minutes = if *sign == b'-' { -minutes } else { minutes };
                (0, Some(minutes), CreationDateForm::UtcOffset)
            }
            _ => return Err(err()),
        };
        let d = Self {
            year: num(0, 4)? as u16,
            month: num(5, 2)? as u8,
            day: num(8, 2)? as u8,
            hour: num(11, 2)? as u8,
            minute: num(14, 2)? as u8,
            second: num(17, 2)? as u8,
            microsecond,
            offset_minutes,
            form,
        };
        if d.in_range() {
            Ok(d)
        } else {
            Err(format!("creation-date {s:?} has a field out of range"))
        }
    }
}

impl fmt::Display for CreationDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}",
            self.year, self.month, self.day, self.hour, self.minute, self.second
        )?;
        match self.form {
            CreationDateForm::Microseconds => write!(f, ".{:06}", self.microsecond),
            CreationDateForm::UtcOffset => {
                let m = self.offset_minutes.unwrap_or(0);
                let sign = if m < 0 { '-' } else { '+' };
                let m = m.unsigned_abs();
                write!(f, "{sign}{:02}{:02}", m / 60, m % 60)
            }
        }
    }
}

/// `adjustment-status` of an audit job's output (ambiguity A12).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum AdjustmentStatus {
    /// `"adjusted"`: at least one annotation was modified.
    Adjusted,
    /// `"unadjusted"`: nothing was modified.
    Unadjusted,
}

impl AdjustmentStatus {
    /// The spelling in the file.
    pub fn as_str(self) -> &'static str {
        match self {
            AdjustmentStatus::Adjusted => "adjusted",
            AdjustmentStatus::Unadjusted => "unadjusted",
        }
    }

    /// The status for a spelling, `None` for anything else.
    pub fn from_name(s: &str) -> Option<Self> {
        match s {
            "adjusted" => Some(AdjustmentStatus::Adjusted),
            "unadjusted" => Some(AdjustmentStatus::Unadjusted),
            _ => None,
        }
    }
}

/// The prefix Ground Truth puts before a job's name in `job-name`.
pub const JOB_NAME_PREFIX: &str = "labeling-job/";

/// What the metadata of one label attribute says.
///
/// ```
/// use vframe_core::{ClassId, CreationDate, LabelMetadata, TaskType};
/// let date = CreationDate::utc(2021, 9, 29, 5, 50, 35, 566_000).unwrap();
/// let meta = LabelMetadata::new(TaskType::Tracking, "My-Job", date)
///     .with_class(ClassId(0), "car");
/// assert_eq!(meta.job_name.as_deref(), Some("labeling-job/my-job"));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LabelMetadata {
    /// Class id -> label name, for the classes used in this sequence (ambiguity A13).
    pub class_map: ClassMap,
    /// `labeling-job/<job name>` as written; a user-written pre-annotation may have none.
    pub job_name: Option<String>,
    /// `human-annotated: "yes"`.
    pub human_annotated: bool,
    /// When the labels were made.
    pub creation_date: CreationDate,
    /// Detection or tracking (`type`).
    pub task: TaskType,
    /// Only in audit jobs' output, and not always there (ambiguity A12).
    pub adjustment_status: Option<AdjustmentStatus>,
}

impl LabelMetadata {
    /// Metadata of a human labeling job named `job_name`; the name is lower-cased and
    /// prefixed with `labeling-job/` as Ground Truth writes it (ambiguity A14).
    pub fn new(task: TaskType, job_name: &str, creation_date: CreationDate) -> Self {
        Self {
            class_map: ClassMap::new(),
            job_name: Some(format!("{JOB_NAME_PREFIX}{}", job_name.to_lowercase())),
            human_annotated: true,
            creation_date,
            task,
            adjustment_status: None,
        }
    }

    /// The same metadata with one more class in the class map.
    pub fn with_class(mut self, id: crate::ClassId, label: impl Into<String>) -> Self {
        self.class_map.insert(id, label.into());
        self
    }

    /// The job's name without the `labeling-job/` prefix, when there is one.
    pub fn job(&self) -> Option<&str> {
        let name = self.job_name.as_deref()?;
        Some(name.strip_prefix(JOB_NAME_PREFIX).unwrap_or(name))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_forms_print_back_as_read() {
        for s in [
            "2021-09-29T05:50:35.566000",
            "2020-05-15T08:01:16+0000",
            "2020-05-15T08:01:16-0530",
        ] {
            assert_eq!(s.parse::<CreationDate>().unwrap().to_string(), s);
        }
    }

    #[test]
    fn other_forms_and_out_of_range_fields_are_refused() {
        for s in [
            "",
            "2021-09-29",
            "2021-09-29T05:50:35",
            "2021-09-29T05:50:35.566",
            "2021-09-29T05:50:35.566000Z",
            "2021-09-29 05:50:35.566000",
            "2021-02-29T05:50:35.566000",
            "2021-13-01T05:50:35.566000",
            "2021-09-29T24:00:00+0000",
            "2021-09-29T05:50:35+2400",
            "２021-09-29T05:50:35.566000",
        ] {
            assert!(s.parse::<CreationDate>().is_err(), "{s}");
        }
    }

    #[test]
    fn leap_day_is_accepted_in_leap_years() {
        assert!("2020-02-29T00:00:00.000000".parse::<CreationDate>().is_ok());
        assert!(
            "1900-02-29T00:00:00.000000"
                .parse::<CreationDate>()
                .is_err()
        );
    }
}
