//! Shared input generators for vframe's criterion benches.

pub mod seq_label_gen;
