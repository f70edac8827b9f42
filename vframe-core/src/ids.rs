//! Identities: object ids, instance names (`car:1`), class ids and the class map.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

/// The stable id of a tracked object, `object-id` in `SeqLabel.json`.
///
/// Ground Truth writes time-based UUID strings; any string is kept as is, because a
/// pre-annotation may carry ids of its own.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ObjectId(String);

impl ObjectId {
    /// An id from any string.
    pub fn new(id: impl Into<String>) -> Self {
        Self(id.into())
    }

    /// The id as written.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for ObjectId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The instance name workers see, `object-name` in `SeqLabel.json`: `label:n`, counting from 1
/// per label (`car:1`, `car:2`, `bus:1`).
///
/// Workers can rename instances, so any string is kept; [`InstanceName::parts`] reads the
/// `label:n` form when it is there.
///
/// ```
/// use vframe_core::InstanceName;
/// let n = InstanceName::numbered("car", 2);
/// assert_eq!(n.as_str(), "car:2");
/// assert_eq!(n.parts(), Some(("car", 2)));
/// assert_eq!(InstanceName::from("renamed").parts(), None);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct InstanceName(String);

impl InstanceName {
    /// `label:n`.
    pub fn numbered(label: &str, n: u32) -> Self {
        Self(format!("{label}:{n}"))
    }

    /// The name as written.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The label and the number, when the name has the `label:n` form with `n` >= 1.
    /// The last `:` separates them, so labels may contain colons.
    pub fn parts(&self) -> Option<(&str, u32)> {
        let (label, n) = self.0.rsplit_once(':')?;
        let n: u32 = n.parse().ok()?;
        (n >= 1 && !label.is_empty()).then_some((label, n))
    }
}

impl From<&str> for InstanceName {
    fn from(s: &str) -> Self {
        Self(s.to_owned())
    }
}

impl From<String> for InstanceName {
    fn from(s: String) -> Self {
        Self(s)
    }
}

impl fmt::Display for InstanceName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A class id, `class-id` in `SeqLabel.json` (written there as a decimal string).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct ClassId(pub u32);

impl fmt::Display for ClassId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// The `class-map` of an output manifest line: class id -> label name.
///
/// Ground Truth lists only the classes used in that sequence (ambiguity A13); the map is
/// therefore not the label list of the configuration.
pub type ClassMap = BTreeMap<ClassId, String>;

/// Where new object ids come from.
///
/// The model does no clock or random I/O, so ids are produced by a source the caller
/// chooses: [`SeededIds`] by default, or one backed by a real UUID generator.
pub trait IdSource {
    /// A fresh id, never returned before by this source.
    fn next_object_id(&mut self) -> ObjectId;
}

/// A deterministic id source: UUID-formatted (version 4 layout) ids from a 64-bit seed.
///
/// Two sources with the same seed give the same ids, which makes tests and replays
/// reproducible. Seed it from a clock or an OS random source for ids unique across runs.
///
/// ```
/// use vframe_core::{IdSource, SeededIds};
/// let mut a = SeededIds::new(7);
/// let mut b = SeededIds::new(7);
/// let id = a.next_object_id();
/// assert_eq!(id, b.next_object_id());
/// assert_eq!(id.as_str().len(), 36);
/// assert_ne!(id, a.next_object_id());
/// ```
#[derive(Debug, Clone)]
pub struct SeededIds {
    state: u64,
}

impl SeededIds {
    /// A source seeded with `seed`.
    pub fn new(seed: u64) -> Self {
        Self { state: seed }
    }

    fn next_u64(&mut self) -> u64 {
        // splitmix64: tiny, full-period and good enough for ids (not for secrets).
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
}

impl Default for SeededIds {
    fn default() -> Self {
        Self::new(0x5EED_F00D)
    }
}

impl IdSource for SeededIds {
    fn next_object_id(&mut self) -> ObjectId {
        let hi = self.next_u64();
        let lo = self.next_u64();
        let hi = (hi & 0xFFFF_FFFF_FFFF_0FFF) | 0x0000_0000_0000_4000;
        let lo = (lo & 0x3FFF_FFFF_FFFF_FFFF) | 0x8000_0000_0000_0000;
        ObjectId(format!(
            "{:08x}-{:04x}-{:04x}-{:04x}-{:012x}",
            hi >> 32,
            (hi >> 16) & 0xFFFF,
            hi & 0xFFFF,
            lo >> 48,
            lo & 0xFFFF_FFFF_FFFF
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn instance_name_with_colon_in_label_splits_at_last_colon() {
        assert_eq!(InstanceName::from("a:b:3").parts(), Some(("a:b", 3)));
    }

    #[test]
    fn instance_name_zero_or_empty_label_has_no_parts() {
        assert_eq!(InstanceName::from("car:0").parts(), None);
        assert_eq!(InstanceName::from(":4").parts(), None);
        assert_eq!(InstanceName::from("car:x").parts(), None);
    }

    #[test]
    fn seeded_ids_look_like_uuid_v4() {
        let id = SeededIds::default().next_object_id();
        let s = id.as_str();
        assert_eq!(&s[14..15], "4");
        assert!(matches!(&s[19..20], "8" | "9" | "a" | "b"));
        assert_eq!(s.matches('-').count(), 4);
    }
}
