//! Attribute values as workers enter them, per frame or per annotation.

use std::collections::{BTreeMap, btree_map};
use std::fmt;
use std::ops::{Deref, DerefMut};
use std::sync::Arc;

use serde::{Deserialize, Serialize};

/// A value of a label category attribute or a frame attribute.
///
/// Ground Truth's examples only show strings (ambiguity A9); numbers are kept as numbers when a
/// file has them, and a number attribute given as a string (`"3"`) is read as that number
/// during validation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum AttributeValue {
    /// A string: a choice or free text, or a number written as a string.
    Text(String),
    /// A JSON number.
    Number(f64),
}

impl AttributeValue {
    /// The value as a number: a number, or text that parses as one.
    pub fn as_number(&self) -> Option<f64> {
        match self {
            AttributeValue::Number(n) => Some(*n),
            AttributeValue::Text(s) => s.trim().parse().ok().filter(|n: &f64| n.is_finite()),
        }
    }

    /// Whether both are the same text, or numbers with the same bits: unlike `==`, `-0` and
    /// `0` differ, so one can stand for the other without changing what is written.
    pub fn is_identical_to(&self, other: &Self) -> bool {
        match (self, other) {
            (AttributeValue::Text(a), AttributeValue::Text(b)) => a == b,
            (AttributeValue::Number(a), AttributeValue::Number(b)) => a.to_bits() == b.to_bits(),
            _ => false,
        }
    }

    /// The value as text, if it is a string.
    pub fn as_text(&self) -> Option<&str> {
        match self {
            AttributeValue::Text(s) => Some(s),
            AttributeValue::Number(_) => None,
        }
    }
}

impl fmt::Display for AttributeValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AttributeValue::Text(s) => f.write_str(s),
            AttributeValue::Number(n) => n.fmt(f),
        }
    }
}

impl From<&str> for AttributeValue {
    fn from(s: &str) -> Self {
        AttributeValue::Text(s.to_owned())
    }
}

impl From<String> for AttributeValue {
    fn from(s: String) -> Self {
        AttributeValue::Text(s)
    }
}

impl From<f64> for AttributeValue {
    fn from(n: f64) -> Self {
        AttributeValue::Number(n)
    }
}

/// Attribute values by attribute name: a map that keyframes share.
///
/// Ordered by name, so output is deterministic; the order a file listed them in is a
/// formatting detail kept by `vframe-io`'s documents.
///
/// Workers rarely change an attribute from one frame to the next, so a long track holds the
/// same values on thousands of keyframes. Cloning shares one map instead of copying it, and
/// changing a clone copies it first (copy-on-write): a change to one keyframe's values never
/// shows on another. The empty map allocates nothing. Reading goes through [`Deref`] to the
/// map, changing through [`DerefMut`].
///
/// ```
/// use vframe_core::{AttributeValue, AttributeValues};
///
/// let mut moving: AttributeValues = [("occluded".to_owned(), "no".into())].into();
/// let mut next = moving.clone();
/// assert!(next.shares_storage_with(&moving));
///
/// next.insert("occluded".into(), "yes".into());
/// assert_eq!(moving.get("occluded"), Some(&AttributeValue::from("no")));
/// assert_eq!(next["occluded"], AttributeValue::from("yes"));
/// assert!(!next.shares_storage_with(&moving));
///
/// moving.clear();
/// assert_eq!(moving, AttributeValues::new());
/// ```
#[derive(Clone, Default)]
pub struct AttributeValues(Option<Arc<BTreeMap<String, AttributeValue>>>);

static NO_VALUES: BTreeMap<String, AttributeValue> = BTreeMap::new();

impl AttributeValues {
    /// No values.
    pub const fn new() -> Self {
        Self(None)
    }

    /// Whether both hold one map, so cloning shared it (a reader that gives equal values
    /// of consecutive keyframes one map keeps a long track small).
    pub fn shares_storage_with(&self, other: &Self) -> bool {
        match (&self.0, &other.0) {
            (Some(a), Some(b)) => Arc::ptr_eq(a, b),
            _ => false,
        }
    }

    /// Whether both hold the same names with identical values
    /// ([`AttributeValue::is_identical_to`]): then either can share the other's map.
    pub fn is_identical_to(&self, other: &Self) -> bool {
        self.shares_storage_with(other)
            || (self.len() == other.len()
                && self
                    .iter()
                    .zip(other.iter())
                    .all(|((n, v), (m, w))| n == m && v.is_identical_to(w)))
    }

    /// The values as a plain map (copied only when shared).
    pub fn into_map(self) -> BTreeMap<String, AttributeValue> {
        self.0.map(Arc::unwrap_or_clone).unwrap_or_default()
    }
}

impl Deref for AttributeValues {
    type Target = BTreeMap<String, AttributeValue>;

    fn deref(&self) -> &Self::Target {
        self.0.as_deref().unwrap_or(&NO_VALUES)
    }
}

impl DerefMut for AttributeValues {
    /// The map to change: this one's own, copied first if another keyframe shares it.
    fn deref_mut(&mut self) -> &mut Self::Target {
        Arc::make_mut(self.0.get_or_insert_with(Default::default))
    }
}

impl PartialEq for AttributeValues {
    fn eq(&self, other: &Self) -> bool {
        self.shares_storage_with(other) || **self == **other
    }
}

impl fmt::Debug for AttributeValues {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        (**self).fmt(f)
    }
}

impl From<BTreeMap<String, AttributeValue>> for AttributeValues {
    fn from(map: BTreeMap<String, AttributeValue>) -> Self {
        Self((!map.is_empty()).then(|| Arc::new(map)))
    }
}

impl<const N: usize> From<[(String, AttributeValue); N]> for AttributeValues {
    fn from(pairs: [(String, AttributeValue); N]) -> Self {
        BTreeMap::from(pairs).into()
    }
}

impl From<AttributeValues> for BTreeMap<String, AttributeValue> {
    fn from(values: AttributeValues) -> Self {
        values.into_map()
    }
}

impl FromIterator<(String, AttributeValue)> for AttributeValues {
    fn from_iter<I: IntoIterator<Item = (String, AttributeValue)>>(pairs: I) -> Self {
        BTreeMap::from_iter(pairs).into()
    }
}

impl Extend<(String, AttributeValue)> for AttributeValues {
    fn extend<I: IntoIterator<Item = (String, AttributeValue)>>(&mut self, pairs: I) {
        let mut pairs = pairs.into_iter().peekable();
        if pairs.peek().is_some() {
            (**self).extend(pairs);
        }
    }
}

impl IntoIterator for AttributeValues {
    type Item = (String, AttributeValue);
    type IntoIter = btree_map::IntoIter<String, AttributeValue>;

    fn into_iter(self) -> Self::IntoIter {
        self.into_map().into_iter()
    }
}

impl<'a> IntoIterator for &'a AttributeValues {
    type Item = (&'a String, &'a AttributeValue);
    type IntoIter = btree_map::Iter<'a, String, AttributeValue>;

    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

impl<'a> IntoIterator for &'a mut AttributeValues {
    type Item = (&'a String, &'a mut AttributeValue);
    type IntoIter = btree_map::IterMut<'a, String, AttributeValue>;

    fn into_iter(self) -> Self::IntoIter {
        self.iter_mut()
    }
}

impl Serialize for AttributeValues {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        (**self).serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for AttributeValues {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        BTreeMap::deserialize(deserializer).map(Self::from)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(pairs: &[(&str, &str)]) -> AttributeValues {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), AttributeValue::from(*v)))
            .collect()
    }

    #[test]
    fn empty_values_allocate_nothing_and_equal_an_emptied_map() {
        let mut emptied = values(&[("a", "1")]);
        emptied.remove("a");
        assert!(AttributeValues::new().0.is_none());
        assert!(values(&[]).0.is_none());
        assert_eq!(emptied, AttributeValues::new());
        assert_eq!(AttributeValues::new(), emptied);
    }

    #[test]
    fn changing_a_shared_map_leaves_the_other_holder_unchanged() {
        let first = values(&[("a", "1"), ("b", "2")]);
        let mut second = first.clone();
        for (_, v) in &mut second {
            *v = AttributeValue::Number(0.0);
        }
        assert_eq!(first, values(&[("a", "1"), ("b", "2")]));
        assert_eq!(second.get("a"), Some(&AttributeValue::Number(0.0)));
        assert!(!first.shares_storage_with(&second));
    }

    #[test]
    fn extending_with_nothing_keeps_the_map_shared() {
        let first = values(&[("a", "1")]);
        let mut second = first.clone();
        second.extend(std::iter::empty());
        assert!(second.shares_storage_with(&first));
        second.extend([("b".to_owned(), AttributeValue::from("2"))]);
        assert_eq!(second.len(), 2);
        assert_eq!(first.len(), 1);
    }

    #[test]
    fn owned_iteration_of_a_shared_map_copies_and_keeps_the_original() {
        let first = values(&[("a", "1")]);
        let pairs: Vec<_> = first.clone().into_iter().collect();
        assert_eq!(pairs, [("a".to_owned(), AttributeValue::from("1"))]);
        assert_eq!(first.len(), 1);
    }

    #[test]
    fn identical_values_tell_negative_zero_from_zero() {
        let number = |n: f64| -> AttributeValues { [("a".to_owned(), n.into())].into() };
        assert_eq!(number(0.0), number(-0.0));
        assert!(!number(0.0).is_identical_to(&number(-0.0)));
        assert!(number(-0.0).is_identical_to(&number(-0.0)));
        assert!(!number(1.0).is_identical_to(&values(&[("a", "1")])));
        assert!(values(&[("a", "1")]).is_identical_to(&values(&[("a", "1")])));
        assert!(!values(&[("a", "1")]).is_identical_to(&values(&[("b", "1")])));
        assert!(AttributeValues::new().is_identical_to(&values(&[])));
    }

    #[test]
    fn serialises_as_a_plain_map_and_reads_back() {
        let v = values(&[("b", "2"), ("a", "1")]);
        let json = serde_json::to_string(&v).unwrap();
        assert_eq!(json, r#"{"a":"1","b":"2"}"#);
        let back: AttributeValues = serde_json::from_str(&json).unwrap();
        assert_eq!(back, v);
        let empty: AttributeValues = serde_json::from_str("{}").unwrap();
        assert!(empty.0.is_none());
    }
}
