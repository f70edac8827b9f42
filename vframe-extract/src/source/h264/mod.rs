//! H.264 in MP4: the `avcC` record, length-prefixed NAL units to Annex B, and the decoder
//! trait the built-in backend decodes through.

mod rusty;
mod sps;

pub(crate) use rusty::RustyDecoder;
pub(crate) use sps::parse_sps;

use crate::picture::Yuv420;

/// An H.264 decoder fed one access unit at a time.
///
/// The trait keeps the pure-Rust decoder crate swappable: demuxing, timestamps, reordering
/// and colour conversion stay ours, so a decoder only turns bytes into pictures.
pub(crate) trait H264Decoder: Send {
    /// Decodes one Annex B access unit (or parameter sets alone) and returns the picture it
    /// completes, in decode order, cropped to the display size.
    fn decode(&mut self, access_unit: &[u8]) -> Result<Option<Yuv420>, DecoderFailure>;
}

/// Why a decoder gave up on an access unit.
#[derive(Debug)]
pub(crate) enum DecoderFailure {
    /// A coding tool it does not implement.
    Unsupported(String),
    /// Broken data.
    Corrupt(String),
}

/// The `avcC` decoder configuration record.
pub(crate) struct AvcConfig {
    /// Bytes of each NAL length prefix (1, 2 or 4).
    pub(crate) length_size: usize,
    /// SPS NAL units.
    pub(crate) sps: Vec<Vec<u8>>,
    /// PPS NAL units.
    pub(crate) pps: Vec<Vec<u8>>,
}

impl AvcConfig {
    pub(crate) fn parse(data: &[u8]) -> Result<Self, String> {
        let byte = |i: usize| data.get(i).copied().ok_or("avcC record ends early");
        if byte(0)? != 1 {
            return Err(format!("avcC version {} (expected 1)", byte(0)?));
        }
        let length_size = usize::from(byte(4)? & 3) + 1;
        if length_size == 3 {
            return Err("avcC NAL length size 3".to_owned());
        }
        let mut pos = 5;
        let read_sets = |count: usize, pos: &mut usize| -> Result<Vec<Vec<u8>>, String> {
            let mut out = Vec::with_capacity(count);
            for _ in 0..count {
                let len = usize::from(u16::from_be_bytes([byte(*pos)?, byte(*pos + 1)?]));
                let nal = data
                    .get(*pos + 2..*pos + 2 + len)
                    .ok_or("avcC parameter set runs past its end")?;
                out.push(nal.to_vec());
                *pos += 2 + len;
            }
            Ok(out)
        };
        let sps_count = usize::from(byte(pos)? & 0x1f);
        pos += 1;
        let sps = read_sets(sps_count, &mut pos)?;
        let pps_count = usize::from(byte(pos)?);
        pos += 1;
        let pps = read_sets(pps_count, &mut pos)?;
        Ok(Self {
            length_size,
            sps,
            pps,
        })
    }

    /// The parameter sets as one Annex B unit.
    pub(crate) fn annex_b(&self) -> Vec<u8> {
        let mut out = Vec::new();
        for nal in self.sps.iter().chain(&self.pps) {
            out.extend_from_slice(&[0, 0, 0, 1]);
            out.extend_from_slice(nal);
        }
        out
    }
}

/// The NAL units of a length-prefixed sample.
pub(crate) fn nal_units(sample: &[u8], length_size: usize) -> Result<Vec<&[u8]>, String> {
    let mut out = Vec::new();
    let mut rest = sample;
    while !rest.is_empty() {
        let len_bytes = rest.get(..length_size).ok_or("NAL length prefix cut off")?;
        let len = len_bytes
            .iter()
            .fold(0usize, |acc, &b| (acc << 8) | usize::from(b));
        let nal = rest
            .get(length_size..length_size + len)
            .ok_or_else(|| format!("NAL unit of {len} bytes runs past the sample's end"))?;
        if !nal.is_empty() {
            out.push(nal);
        }
        rest = rest.get(length_size + len..).unwrap_or_default();
    }
    Ok(out)
}

/// `nal_unit_type` of a NAL unit.
pub(crate) fn nal_type(nal: &[u8]) -> u8 {
    nal.first().map_or(0, |b| b & 0x1f)
}

/// True for coded slices (types 1 and 5).
pub(crate) fn is_slice(nal: &[u8]) -> bool {
    matches!(nal_type(nal), 1 | 5)
}

/// True when no later picture can reference this one (`nal_ref_idc` 0 on its slices), so a
/// sampler that does not want it may skip decoding it.
pub(crate) fn is_disposable(nals: &[&[u8]]) -> bool {
    nals.iter()
        .find(|n| is_slice(n))
        .is_some_and(|n| n.first().is_some_and(|b| b & 0x60 == 0))
}

/// Writes NAL units as one Annex B access unit into `out`.
pub(crate) fn to_annex_b(nals: &[&[u8]], out: &mut Vec<u8>) {
    out.clear();
    for nal in nals {
        out.extend_from_slice(&[0, 0, 0, 1]);
        out.extend_from_slice(nal);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_sample_has_no_nal_units() {
        assert!(nal_units(&[], 4).unwrap().is_empty());
    }

    #[test]
    fn nal_length_past_the_sample_is_an_error() {
        assert!(nal_units(&[0, 0, 0, 9, 0x65], 4).is_err());
    }

    #[test]
    fn length_prefixes_become_start_codes() {
        let sample = [0, 0, 0, 2, 0x65, 0xaa, 0, 0, 0, 1, 0x06];
        let nals = nal_units(&sample, 4).unwrap();
        let mut out = Vec::new();
        to_annex_b(&nals, &mut out);
        assert_eq!(out, vec![0, 0, 0, 1, 0x65, 0xaa, 0, 0, 0, 1, 0x06]);
    }

    #[test]
    fn non_reference_slice_is_disposable_and_idr_is_not() {
        assert!(is_disposable(&[&[0x06, 0], &[0x01, 0]]));
        assert!(!is_disposable(&[&[0x65, 0]]));
    }

    #[test]
    fn truncated_avc_config_is_an_error() {
        assert!(AvcConfig::parse(&[1, 100, 0, 30]).is_err());
    }
}
