//! Shared input generators for vframe's criterion benches.

pub mod rng;
pub mod seq_label_gen;
