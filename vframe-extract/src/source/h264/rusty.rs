//! The built-in decoder: `rusty_h264-decoder`, pure Rust.
//!
//! Chosen over `rust_h264` by measurement on this project's machine (1080p High profile with
//! B-frames, one thread: 136-142 fps against 94-96 fps; `rust_h264`'s 2-thread decoder 104-110
//! fps). Both were bit-exact against FFmpeg on every 8-bit 4:2:0 stream in
//! `shared/decoders.md`; what this one does not decode (MBAFF, 4:2:2, 10-bit) is refused up
//! front by the SPS check. Its default features install a global allocator, so the workspace
//! turns them off.

use rusty_h264_decoder::{DecodeError, Decoder};

use super::{DecoderFailure, H264Decoder};
use crate::picture::Yuv420;

/// `rusty_h264_decoder::Decoder` behind [`H264Decoder`].
#[derive(Default)]
pub(crate) struct RustyDecoder {
    inner: Decoder,
}

impl H264Decoder for RustyDecoder {
    fn decode(&mut self, access_unit: &[u8]) -> Result<Option<Yuv420>, DecoderFailure> {
        match self.inner.decode(access_unit) {
            Ok(Some(f)) => Ok(Some(Yuv420 {
                width: f.width as u32,
                height: f.height as u32,
                y: f.y,
                u: f.u,
                v: f.v,
            })),
            Ok(None) => Ok(None),
            Err(DecodeError::Unsupported(what)) => {
                Err(DecoderFailure::Unsupported(what.to_owned()))
            }
            Err(e) => Err(DecoderFailure::Corrupt(e.to_string())),
        }
    }
}
