//! Shared input generators for vframe's criterion benches.
