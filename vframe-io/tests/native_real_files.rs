//! Keyframe compression and the native file on the real Ground Truth files: golden keyframe
//! counts, never more than a greedy pass, and densify(sparsify(x)) reproducing x.

use std::path::PathBuf;

use vframe_core::labels::{ROUNDING_GRACE, shape_distance};
use vframe_core::{
    CompressOptions, CompressionStrategy, SequenceLabels, compress_labels, densify_labels,
};
use vframe_geom::algorithm::InterpolationOptions;

fn real(name: &str) -> SequenceLabels {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared/gt-corpus/real")
        .join(name);
    vframe_io::read_seq_label_file(&path)
        .and_then(|d| d.to_labels())
        .unwrap_or_else(|e| panic!("{e}"))
}

const DEEPALIAWS: &str = "deepaliaws-tracking-SeqLabel.json";
const IPRIVIT: &str = "iprivit-tracking-adjustment-SeqLabel.json";

/// Visible keyframes kept (annotations) after compressing at `px`.
fn kept(labels: &SequenceLabels, px: f64, strategy: CompressionStrategy) -> usize {
    let options = CompressOptions::pixels(px).with_strategy(strategy);
    compress_labels(labels, &options)
        .unwrap()
        .0
        .annotation_count()
}

#[test]
fn deepaliaws_golden_keyframe_counts() {
    let labels = real(DEEPALIAWS);
    assert_eq!(labels.annotation_count(), 4180);
    let counts: Vec<usize> = [0.0, 0.5, 1.0, 2.0]
        .iter()
        .map(|&px| kept(&labels, px, CompressionStrategy::Optimal))
        .collect();
    assert_eq!(counts, [4107, 3477, 2667, 1640]);
}

#[test]
fn deepaliaws_at_2px_keeps_no_more_than_the_issue_greedy_baseline() {
    assert!(kept(&real(DEEPALIAWS), 2.0, CompressionStrategy::Optimal) <= 1674);
}

#[test]
fn iprivit_golden_keyframe_counts() {
    let labels = real(IPRIVIT);
    assert_eq!(labels.annotation_count(), 648);
    let counts: Vec<usize> = [0.0, 0.5, 1.0, 2.0]
        .iter()
        .map(|&px| kept(&labels, px, CompressionStrategy::Optimal))
        .collect();
    assert_eq!(counts, [540, 497, 360, 228]);
}

#[test]
fn optimal_never_keeps_more_than_greedy_on_real_files() {
    for file in [DEEPALIAWS, IPRIVIT] {
        let labels = real(file);
        for px in [0.0, 0.25, 0.5, 1.0, 1.5, 2.0, 3.0, 5.0] {
            let (o, g) = (
                kept(&labels, px, CompressionStrategy::Optimal),
                kept(&labels, px, CompressionStrategy::Greedy),
            );
            assert!(o <= g, "{file} at {px} px: optimal {o} > greedy {g}");
        }
    }
}

/// Every original annotation is reproduced within `px` on its frame, and every densified
/// annotation stands on a frame where the original had one: nothing added, nothing lost.
fn assert_round_trip(original: &SequenceLabels, px: f64) {
    let (sparse, _) = compress_labels(original, &CompressOptions::pixels(px)).unwrap();
    // Through the native file and back, as `vframe sparsify` / `vframe densify` do.
    let mut bytes = Vec::new();
    vframe_io::write_native(&mut bytes, &sparse).unwrap();
    let sparse = vframe_io::read_native(&bytes[..]).unwrap();
    let dense = densify_labels(&sparse, InterpolationOptions::default()).unwrap();
    assert_eq!(dense.annotation_count(), original.annotation_count());
    for (a, b) in original.objects().iter().zip(dense.objects()) {
        assert_eq!(
            (a.id(), a.name(), a.class_id()),
            (b.id(), b.name(), b.class_id())
        );
        let visible = |o: &vframe_core::LabeledObject| -> Vec<u32> {
            o.track()
                .keyframes()
                .iter()
                .filter(|k| k.is_visible())
                .map(|k| k.frame)
                .collect()
        };
        assert_eq!(visible(a), visible(b), "{}", a.describe());
        for k in a.track().keyframes().iter().filter(|k| k.is_visible()) {
            let back = b
                .track()
                .keyframe_at(k.frame)
                .and_then(|k| k.shape())
                .unwrap();
            let d = shape_distance(k.shape().unwrap(), back).unwrap();
            assert!(
                d <= px + ROUNDING_GRACE,
                "{} frame {}: {d} px",
                a.describe(),
                k.frame
            );
        }
    }
}

#[test]
fn densify_of_sparsify_reproduces_deepaliaws_within_tolerance() {
    let labels = real(DEEPALIAWS);
    for px in [0.0, 0.5, 1.0, 2.0] {
        assert_round_trip(&labels, px);
    }
}

#[test]
fn densify_of_sparsify_reproduces_iprivit_within_tolerance() {
    let labels = real(IPRIVIT);
    for px in [0.0, 0.5, 1.0, 2.0] {
        assert_round_trip(&labels, px);
    }
}

#[test]
fn densified_real_file_writes_as_seq_label_and_reads_back_equal() {
    let labels = real(DEEPALIAWS);
    let (sparse, _) = compress_labels(&labels, &CompressOptions::pixels(2.0)).unwrap();
    let dense = densify_labels(&sparse, InterpolationOptions::default()).unwrap();
    let doc = vframe_io::SeqLabelDoc::from_labels(&dense).unwrap();
    let again = vframe_io::SeqLabelDoc::from_slice(&doc.to_vec())
        .unwrap()
        .to_labels()
        .unwrap();
    assert_eq!(again.annotation_count(), 4180);
}
