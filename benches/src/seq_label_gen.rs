//! A realistic, large `SeqLabel.json` for the parse/convert/write benches.
//!
//! The text is written directly (not through vframe-io), in Ground Truth's exact style:
//! compact, `frame-no` as strings, box keys in Ground Truth's order, version-1 style UUIDs,
//! `label:n` instance names, string attribute values. Objects move smoothly and leave and
//! re-enter the picture now and then, so tracks have gaps like real ones.

use crate::rng::Rng;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

const LABELS: [&str; 4] = ["car", "bus", "person", "bicycle"];
const OCCLUDED: [&str; 3] = ["no", "partially", "yes"];
const SIZE: [&str; 3] = ["small", "medium", "large"];

/// The bytes of a tracking `SeqLabel.json` with `frames` frames and `objects` tracked boxes
/// (most objects on most frames). 2,000 x 250 gives about 100 MB.
pub fn tracking_seq_label(frames: usize, objects: usize, seed: u64) -> Vec<u8> {
    let mut rng = Rng(seed);
    let mut per_label = [0u32; LABELS.len()];
    // (object-id, object-name, class, [left, top, width, height], [dx, dy] per frame)
    type Object = (String, String, usize, [i64; 4], [i64; 2]);
    let objects: Vec<Object> = (0..objects)
        .map(|_| {
            let class = rng.below(LABELS.len() as u64) as usize;
            per_label[class] += 1;
            let id = format!(
                "{:08x}-{:04x}-11ea-{:04x}-{:012x}",
                rng.next() as u32,
                rng.next() as u16,
                (rng.next() as u16 & 0x3fff) | 0x8000,
                rng.next() & 0xffff_ffff_ffff
            );
            let name = format!("{}:{}", LABELS[class], per_label[class]);
            let bbox = [
                rng.below(1800) as i64,
                rng.below(1000) as i64,
                20 + rng.below(200) as i64,
                20 + rng.below(150) as i64,
            ];
            let velocity = [rng.below(7) as i64 - 3, rng.below(5) as i64 - 2];
            (id, name, class, bbox, velocity)
        })
        .collect();
    let mut out = String::with_capacity(frames * objects.len() * 220 + 64);
    out.push_str("{\"tracking-annotations\":[");
    for f in 0..frames {
        if f > 0 {
            out.push(',');
        }
        out.push_str("{\"annotations\":[");
        let mut first = true;
        for (o, (id, name, class, bbox, velocity)) in objects.iter().enumerate() {
            // About one object in 25 is off screen on a given frame, in runs.
            if (f / 40 + o) % 25 == 7 {
                continue;
            }
            if !first {
                out.push(',');
            }
            first = false;
            let t = f as i64;
            let left = (bbox[0] + velocity[0] * t).rem_euclid(1900);
            let top = (bbox[1] + velocity[1] * t).rem_euclid(1000);
            let _ = write!(
                out,
                "{{\"height\":{},\"width\":{},\"top\":{top},\"left\":{left},\"class-id\":\"{class}\",\"label-category-attributes\":{{\"occluded\":\"{}\",\"size\":\"{}\"}},\"object-id\":\"{id}\",\"object-name\":\"{name}\"}}",
                bbox[3],
                bbox[2],
                OCCLUDED[(f / 100 + o) % OCCLUDED.len()],
                SIZE[o % SIZE.len()],
            );
        }
        let _ = write!(
            out,
            "],\"frame-no\":\"{f}\",\"frame\":\"frame_{f:05}.jpg\"}}"
        );
    }
    out.push_str("]}");
    out.into_bytes()
}

/// Writes the 2,000 x 250 file into `dir` (once; later calls reuse it) and returns its path.
/// Put it under a temporary or `target` folder: it is about 100 MB and never committed.
pub fn large_tracking_file(dir: &Path) -> std::io::Result<PathBuf> {
    let path = dir.join("SeqLabel-2000x250.json");
    let bytes = tracking_seq_label(2000, 250, 0x5EED);
    let fresh = std::fs::metadata(&path).is_ok_and(|m| m.len() == bytes.len() as u64);
    if !fresh {
        std::fs::create_dir_all(dir)?;
        std::fs::write(&path, &bytes)?;
    }
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_file_is_a_valid_tracking_seq_label() {
        let bytes = tracking_seq_label(90, 40, 1);
        let doc = vframe_io::seq_label::SeqLabelDoc::from_slice(&bytes).unwrap();
        assert_eq!(doc.to_vec(), bytes);
        let labels = doc.to_labels().unwrap();
        assert_eq!(labels.frames().len(), 90);
        assert_eq!(labels.objects().len(), 40);
        // objects leave the picture for a while: some tracks have absences
        assert!(
            labels
                .objects()
                .iter()
                .any(|o| o.track().keyframes().iter().any(|k| !k.is_visible()))
        );
    }
}
