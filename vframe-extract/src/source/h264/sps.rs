//! Just enough of the H.264 sequence parameter set to refuse, before decoding anything, the
//! streams the built-in decoder cannot decode (instead of failing half-way or returning no
//! frames, as `shared/decoders.md` saw crate decoders do).

/// What the built-in decoder needs to know about a stream.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct SpsCapabilities {
    pub(crate) profile_idc: u8,
    pub(crate) chroma_format_idc: u32,
    pub(crate) bit_depth_luma: u32,
    pub(crate) bit_depth_chroma: u32,
    pub(crate) lossless: bool,
    pub(crate) mbaff: bool,
}

impl SpsCapabilities {
    /// Why the built-in decoder cannot decode this stream, if it cannot.
    pub(crate) fn unsupported(&self) -> Option<String> {
        let what = if self.chroma_format_idc != 1 {
            format!(
                "H.264 with {} chroma",
                match self.chroma_format_idc {
                    0 => "monochrome (4:0:0)",
                    2 => "4:2:2",
                    _ => "4:4:4",
                }
            )
        } else if self.bit_depth_luma != 8 || self.bit_depth_chroma != 8 {
            format!("{}-bit H.264", self.bit_depth_luma)
        } else if self.lossless {
            "lossless H.264 (transform bypass)".to_owned()
        } else if self.mbaff {
            "interlaced H.264 (MBAFF)".to_owned()
        } else {
            return None;
        };
        Some(format!("{what} (profile_idc {})", self.profile_idc))
    }
}

/// Parses an SPS NAL unit (with its one-byte header).
pub(crate) fn parse_sps(nal: &[u8]) -> Result<SpsCapabilities, String> {
    let rbsp = unescape(nal.get(1..).unwrap_or_default());
    let mut r = Bits::new(&rbsp);
    let profile_idc = r.bits(8)? as u8;
    r.bits(16)?; // constraint flags, level
    r.ue()?; // seq_parameter_set_id
    let mut caps = SpsCapabilities {
        profile_idc,
        chroma_format_idc: 1,
        bit_depth_luma: 8,
        bit_depth_chroma: 8,
        lossless: false,
        mbaff: false,
    };
    if matches!(
        profile_idc,
        100 | 110 | 122 | 244 | 44 | 83 | 86 | 118 | 128 | 138 | 139 | 134 | 135
    ) {
        caps.chroma_format_idc = r.ue()?;
        if caps.chroma_format_idc == 3 {
            r.bits(1)?;
        }
        caps.bit_depth_luma = r.ue()? + 8;
        caps.bit_depth_chroma = r.ue()? + 8;
        caps.lossless = r.bits(1)? == 1;
        if r.bits(1)? == 1 {
            let lists = if caps.chroma_format_idc == 3 { 12 } else { 8 };
            for i in 0..lists {
                if r.bits(1)? == 1 {
                    skip_scaling_list(&mut r, if i < 6 { 16 } else { 64 })?;
                }
            }
        }
    }
    r.ue()?; // log2_max_frame_num_minus4
    match r.ue()? {
        0 => {
            r.ue()?;
        }
        1 => {
            r.bits(1)?;
            r.se()?;
            r.se()?;
            let n = r.ue()?;
            if n > 255 {
                return Err(format!("num_ref_frames_in_pic_order_cnt_cycle {n}"));
            }
            for _ in 0..n {
                r.se()?;
            }
        }
        _ => {}
    }
    r.ue()?; // max_num_ref_frames
    r.bits(1)?;
    r.ue()?;
    r.ue()?;
    let frame_mbs_only = r.bits(1)? == 1;
    if !frame_mbs_only {
        caps.mbaff = r.bits(1)? == 1;
    }
    Ok(caps)
}

fn skip_scaling_list(r: &mut Bits<'_>, size: usize) -> Result<(), String> {
    let (mut last, mut next) = (8i64, 8i64);
    for _ in 0..size {
        if next != 0 {
            next = (last + r.se()? + 256) % 256;
        }
        if next != 0 {
            last = next;
        }
    }
    Ok(())
}

/// Removes emulation-prevention bytes (`00 00 03` -> `00 00`).
fn unescape(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(data.len());
    let mut zeros = 0;
    for &b in data {
        if zeros >= 2 && b == 3 {
            zeros = 0;
            continue;
        }
        zeros = if b == 0 { zeros + 1 } else { 0 };
        out.push(b);
    }
    out
}

struct Bits<'a> {
    data: &'a [u8],
    pos: usize,
}

impl<'a> Bits<'a> {
    fn new(data: &'a [u8]) -> Self {
        Self { data, pos: 0 }
    }

    fn bit(&mut self) -> Result<u32, String> {
        let byte = self.data.get(self.pos / 8).ok_or("SPS ends early")?;
        let b = (byte >> (7 - self.pos % 8)) & 1;
        self.pos += 1;
        Ok(u32::from(b))
    }

    fn bits(&mut self, n: u32) -> Result<u32, String> {
        let mut v = 0;
        for _ in 0..n {
            v = (v << 1) | self.bit()?;
        }
        Ok(v)
    }

    fn ue(&mut self) -> Result<u32, String> {
        let mut zeros = 0;
        while self.bit()? == 0 {
            zeros += 1;
            if zeros > 31 {
                return Err("exp-Golomb code longer than 32 bits".to_owned());
            }
        }
        let rest = self.bits(zeros)?;
        Ok(((1u64 << zeros) - 1 + u64::from(rest)) as u32)
    }

    fn se(&mut self) -> Result<i64, String> {
        let k = i64::from(self.ue()?);
        Ok(if k % 2 == 1 { (k + 1) / 2 } else { -(k / 2) })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_sps_is_an_error() {
        assert!(parse_sps(&[0x67]).is_err());
    }

    #[test]
    fn emulation_prevention_bytes_are_removed() {
        assert_eq!(unescape(&[0, 0, 3, 1, 0, 0, 3]), vec![0, 0, 1, 0, 0]);
    }

    #[test]
    fn baseline_sps_is_supported() {
        // x264 Constrained Baseline 64x64 (`ffmpeg ... -profile:v baseline -f h264`).
        let sps = [
            0x67, 0x42, 0xc0, 0x0a, 0xd9, 0x04, 0x26, 0xc0, 0x44, 0x00, 0x00, 0x03, 0x00, 0x04,
            0x00, 0x00, 0x03, 0x00, 0xf0, 0x3c, 0x48, 0x99, 0x20,
        ];
        let caps = parse_sps(&sps).unwrap();
        assert_eq!(caps.profile_idc, 66);
        assert_eq!(caps.unsupported(), None);
    }

    #[test]
    fn high_444_is_unsupported() {
        let caps = SpsCapabilities {
            profile_idc: 244,
            chroma_format_idc: 3,
            bit_depth_luma: 8,
            bit_depth_chroma: 8,
            lossless: false,
            mbaff: false,
        };
        assert!(caps.unsupported().unwrap().contains("4:4:4"));
    }
}
