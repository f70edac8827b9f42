//! Attribute values as workers enter them, per frame or per annotation.

use std::collections::BTreeMap;
use std::fmt;

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

/// Attribute values by attribute name. Ordered by name, so output is deterministic; the
/// order a file listed them in is a formatting detail kept by `vframe-io`'s documents.
pub type AttributeValues = BTreeMap<String, AttributeValue>;
