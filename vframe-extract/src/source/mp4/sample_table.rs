//! The sample table (`stbl`) expanded once into one record per sample, in decode order.
//!
//! One linear pass over `stts`, `ctts`, `stsc`, `stsz`, `stco`/`co64` and `stss`; the `mp4`
//! crate rescans the tables per sample, which is quadratic on hour-long videos
//! (`shared/decoders.md`).

use super::boxes::{Reader, child, require};

/// One coded picture as stored in the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Sample {
    /// Byte offset in the file.
    pub(crate) offset: u64,
    /// Size in bytes.
    pub(crate) size: u32,
    /// Presentation timestamp in the track's time base, edit list applied.
    pub(crate) pts: i64,
    /// A random-access point (`stss`; every sample when the box is absent).
    pub(crate) sync: bool,
}

/// Expands `stbl` into samples. `pts_shift` is added to every `dts + ctts` (edit list).
pub(crate) fn expand(stbl: &[u8], pts_shift: i64) -> Result<Vec<Sample>, String> {
    let sizes = read_sizes(stbl)?;
    let n = sizes.len();
    let offsets = read_offsets(stbl, n)?;
    let dts = read_decode_times(stbl, n)?;
    let ctts = read_composition_offsets(stbl, n)?;
    let sync = read_sync(stbl, n)?;
    Ok((0..n)
        .map(|i| Sample {
            offset: offsets[i],
            size: sizes[i],
            pts: dts[i]
                .saturating_add(ctts.as_ref().map_or(0, |c| c[i]))
                .saturating_add(pts_shift),
            sync: sync.as_ref().is_none_or(|s| s[i]),
        })
        .collect())
}

fn read_sizes(stbl: &[u8]) -> Result<Vec<u32>, String> {
    if let Some(stsz) = child(stbl, b"stsz")? {
        let mut r = Reader::new(stsz);
        r.full_box()?;
        let constant = r.u32()?;
        if constant != 0 {
            let n = r.u32()? as usize;
            // A constant size with a huge count allocates without the file holding anything.
            if n > 50_000_000 {
                return Err(format!("stsz claims {n} samples"));
            }
            return Ok(vec![constant; n]);
        }
        let n = r.count(4)?;
        return (0..n).map(|_| r.u32()).collect();
    }
    let stz2 = require(stbl, b"stz2").map_err(|_| "missing 'stsz' box".to_owned())?;
    let mut r = Reader::new(stz2);
    r.full_box()?;
    r.skip(3)?;
    let field = r.u8()?;
    let n = r.u32()? as usize;
    let bytes = match field {
        4 => n.div_ceil(2),
        8 => n,
        16 => n.saturating_mul(2),
        other => return Err(format!("stz2 field size {other} (expected 4, 8 or 16)")),
    };
    let table = r.bytes(bytes)?;
    Ok((0..n)
        .map(|i| match field {
            4 => u32::from(if i % 2 == 0 {
                table[i / 2] >> 4
            } else {
                table[i / 2] & 15
            }),
            8 => u32::from(table[i]),
            _ => u32::from(u16::from_be_bytes([table[2 * i], table[2 * i + 1]])),
        })
        .collect())
}

fn read_offsets(stbl: &[u8], n: usize) -> Result<Vec<u64>, String> {
    let chunks: Vec<u64> = if let Some(stco) = child(stbl, b"stco")? {
        let mut r = Reader::new(stco);
        r.full_box()?;
        let c = r.count(4)?;
        (0..c)
            .map(|_| r.u32().map(u64::from))
            .collect::<Result<_, _>>()?
    } else {
        let co64 = require(stbl, b"co64").map_err(|_| "missing 'stco' box".to_owned())?;
        let mut r = Reader::new(co64);
        r.full_box()?;
        let c = r.count(8)?;
        (0..c).map(|_| r.u64()).collect::<Result<_, _>>()?
    };
    let mut r = Reader::new(require(stbl, b"stsc")?);
    r.full_box()?;
    let e = r.count(12)?;
    let mut runs = Vec::with_capacity(e);
    for _ in 0..e {
        let first_chunk = r.u32()?;
        let per_chunk = r.u32()?;
        r.skip(4)?;
        if first_chunk == 0 {
            return Err("stsc entry with first chunk 0 (chunks count from 1)".to_owned());
        }
        runs.push((first_chunk as usize - 1, per_chunk as usize));
    }
    let mut placements = Vec::with_capacity(n);
    for (k, &(first, per_chunk)) in runs.iter().enumerate() {
        let end = runs.get(k + 1).map_or(chunks.len(), |next| next.0);
        if end < first {
            return Err("stsc entries are not in increasing chunk order".to_owned());
        }
        let run = chunks.get(first..end.min(chunks.len())).unwrap_or_default();
        for &chunk_offset in run {
            for s in 0..per_chunk {
                if placements.len() == n {
                    break;
                }
                placements.push((chunk_offset, s));
            }
        }
    }
    if placements.len() != n {
        return Err(format!(
            "stsc/stco describe {} samples, stsz {n}",
            placements.len()
        ));
    }
    // Offsets within a chunk are the chunk's offset plus the sizes of the samples before.
    let sizes = read_sizes(stbl)?;
    let mut out = Vec::with_capacity(n);
    let mut running = 0u64;
    for (i, &(chunk_offset, within)) in placements.iter().enumerate() {
        if within == 0 {
            running = chunk_offset;
        }
        out.push(running);
        running = running.saturating_add(u64::from(sizes[i]));
    }
    Ok(out)
}

fn read_decode_times(stbl: &[u8], n: usize) -> Result<Vec<i64>, String> {
    let mut r = Reader::new(require(stbl, b"stts")?);
    r.full_box()?;
    let e = r.count(8)?;
    let mut out = Vec::with_capacity(n);
    let mut t = 0i64;
    for _ in 0..e {
        let count = r.u32()? as usize;
        let delta = i64::from(r.u32()?);
        for _ in 0..count {
            if out.len() == n {
                break;
            }
            out.push(t);
            t = t.saturating_add(delta);
        }
    }
    if out.len() != n {
        return Err(format!("stts covers {} samples, stsz {n}", out.len()));
    }
    Ok(out)
}

fn read_composition_offsets(stbl: &[u8], n: usize) -> Result<Option<Vec<i64>>, String> {
    let Some(ctts) = child(stbl, b"ctts")? else {
        return Ok(None);
    };
    let mut r = Reader::new(ctts);
    r.full_box()?;
    let e = r.count(8)?;
    let mut out = Vec::with_capacity(n);
    for _ in 0..e {
        let count = r.u32()? as usize;
        // Signed in version 1, and FFmpeg reads version 0 as signed too.
        let offset = i64::from(r.u32()? as i32);
        for _ in 0..count {
            if out.len() == n {
                break;
            }
            out.push(offset);
        }
    }
    if out.len() != n {
        return Err(format!("ctts covers {} samples, stsz {n}", out.len()));
    }
    Ok(Some(out))
}

fn read_sync(stbl: &[u8], n: usize) -> Result<Option<Vec<bool>>, String> {
    let Some(stss) = child(stbl, b"stss")? else {
        return Ok(None);
    };
    let mut r = Reader::new(stss);
    r.full_box()?;
    let e = r.count(4)?;
    let mut out = vec![false; n];
    for _ in 0..e {
        let s = r.u32()? as usize;
        if s == 0 || s > n {
            return Err(format!("stss names sample {s} of {n}"));
        }
        out[s - 1] = true;
    }
    Ok(Some(out))
}
