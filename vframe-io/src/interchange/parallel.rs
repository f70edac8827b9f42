//! Spreading per-object work over all cores while keeping output in object order.
//!
//! Writers turn each object into bytes independently, so objects are cut into consecutive
//! chunks that rayon's pool works on in waves; each wave's results are handed on in chunk
//! order before the next wave starts. Output is byte-identical to a sequential walk, and
//! memory is bounded by one wave, not by the file. The pool is rayon's global one, so a
//! program that wants fewer threads installs its own pool around the call.

use std::ops::Range;

use rayon::prelude::*;

use super::LossReport;
use crate::IoError;

/// Objects per chunk at most: big enough that scheduling is noise, small enough that one
/// wave stays a small part of a large job.
const MAX_CHUNK: usize = 64;

/// Consecutive ranges covering `0..count`, sized for the current pool.
pub(crate) fn chunks(count: usize) -> Vec<Range<usize>> {
    let threads = rayon::current_num_threads().max(1);
    let size = (count / (threads * 8)).clamp(1, MAX_CHUNK);
    (0..count)
        .step_by(size)
        .map(|start| start..(start + size).min(count))
        .collect()
}

/// Runs `work` on chunks of `0..count` in parallel and passes every result to `sink` in
/// chunk order. Stops at the first error, in order: a chunk's error is returned only after
/// every earlier chunk reached `sink`.
pub(crate) fn for_each_chunk_in_order<T: Send>(
    count: usize,
    work: impl Fn(Range<usize>) -> Result<T, IoError> + Sync,
    mut sink: impl FnMut(T) -> Result<(), IoError>,
) -> Result<(), IoError> {
    let ranges = chunks(count);
    let wave = rayon::current_num_threads().max(1) * 4;
    for group in ranges.chunks(wave) {
        let results: Vec<Result<T, IoError>> = group.par_iter().map(|r| work(r.clone())).collect();
        for result in results {
            sink(result?)?;
        }
    }
    Ok(())
}

/// What a writer makes of one chunk of objects: their bytes and what they lost.
pub(crate) struct Written {
    pub bytes: Vec<u8>,
    pub loss: LossReport,
}

/// Formats objects chunk by chunk on all cores, writing the bytes to `out` in object order
/// and merging each chunk's losses into `loss` in the same order (so a loss's first place is
/// the one a sequential walk would name).
pub(crate) fn write_objects_in_order(
    count: usize,
    target: &'static str,
    format: impl Fn(Range<usize>, &mut Vec<u8>, &mut LossReport) -> Result<(), IoError> + Sync,
    out: &mut impl std::io::Write,
    loss: &mut LossReport,
) -> Result<(), IoError> {
    for_each_chunk_in_order(
        count,
        |range| {
            let mut written = Written {
                bytes: Vec::new(),
                loss: LossReport::new(target),
            };
            format(range, &mut written.bytes, &mut written.loss)?;
            Ok(written)
        },
        |written| {
            out.write_all(&written.bytes)?;
            loss.merge(written.loss);
            Ok(())
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunks_of_nothing_are_empty() {
        assert!(chunks(0).is_empty());
    }

    #[test]
    fn chunks_cover_every_index_once_in_order() {
        for count in [1, 2, 7, 63, 64, 65, 1000, 10_000] {
            let ranges = chunks(count);
            let flat: Vec<usize> = ranges.iter().flat_map(|r| r.clone()).collect();
            assert_eq!(flat, (0..count).collect::<Vec<_>>(), "count {count}");
            assert!(ranges.iter().all(|r| r.len() <= MAX_CHUNK));
        }
    }

    #[test]
    fn output_is_in_object_order_whatever_the_scheduling() {
        let mut out = Vec::new();
        let mut loss = LossReport::new("t");
        write_objects_in_order(
            5_000,
            "t",
            |range, bytes, loss| {
                for i in range {
                    bytes.extend_from_slice(format!("{i}\n").as_bytes());
                    if i % 1000 == 999 {
                        loss.record(super::super::LossKind::Occluded, || format!("object {i}"));
                    }
                }
                Ok(())
            },
            &mut out,
            &mut loss,
        )
        .unwrap();
        let expected: String = (0..5_000).map(|i| format!("{i}\n")).collect();
        assert_eq!(String::from_utf8(out).unwrap(), expected);
        assert_eq!(loss.count(super::super::LossKind::Occluded), 5);
        assert!(loss.to_string().contains("first: object 999"));
    }

    #[test]
    fn first_error_in_order_wins_and_later_chunks_are_not_written() {
        let mut out = Vec::new();
        let mut loss = LossReport::new("t");
        let err = write_objects_in_order(
            1_000,
            "t",
            |range, bytes, _| {
                for i in range {
                    if i == 300 || i == 900 {
                        return Err(IoError::Interchange {
                            position: crate::Position::default(),
                            format: "t",
                            message: format!("object {i}"),
                        });
                    }
                    bytes.push(b'.');
                }
                Ok(())
            },
            &mut out,
            &mut loss,
        )
        .unwrap_err();
        assert!(err.to_string().contains("object 300"), "{err}");
        assert!(out.len() <= 300);
    }
}
