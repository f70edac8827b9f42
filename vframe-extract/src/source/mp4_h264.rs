//! The built-in video backend: MP4 demux + pure-Rust H.264, no system library.
//!
//! The decoder returns pictures in decode order; each is tagged with the sample it came from,
//! so its pts comes from the container and its presentation index from the rank of that pts
//! (never from the decoder's picture order count or a frame rate). Frames wait in a small
//! reorder buffer until every earlier wanted frame has left.

use std::path::Path;

use super::h264::{
    AvcConfig, DecoderFailure, H264Decoder, RustyDecoder, is_disposable, is_slice, nal_type,
    nal_units, parse_sps, to_annex_b,
};
use super::mp4::Mp4Video;
use super::wanted::WantedFrames;
use super::{DecodedFrame, FrameSource, SourceInfo};
use crate::ExtractError;
use crate::picture::Picture;

/// An H.264 MP4 file decoded by the built-in pure-Rust decoder.
pub struct Mp4H264Source {
    info: SourceInfo,
    video: Mp4Video,
    decoder: Box<dyn H264Decoder>,
    length_size: usize,
    parameter_sets: Option<Vec<u8>>,
    /// Presentation index of each sample (decode order).
    rank: Vec<u64>,
    frames: WantedFrames,
    next_sample: usize,
    sample_buf: Vec<u8>,
    annex_b: Vec<u8>,
}

impl Mp4H264Source {
    /// Opens `path` and checks, before decoding anything, that the built-in decoder can
    /// decode its stream; if not, the error says to use the `ffmpeg` feature.
    pub fn open(path: &Path) -> Result<Self, ExtractError> {
        let mut video = Mp4Video::open(path)?;
        let unsupported = |what: String| ExtractError::Unsupported {
            path: path.to_path_buf(),
            what,
        };
        let corrupt = |reason: String| ExtractError::Corrupt {
            path: path.to_path_buf(),
            last_good_frame: None,
            reason,
        };
        if &video.codec != b"avc1" && &video.codec != b"avc3" {
            return Err(unsupported(format!(
                "video codec '{}'",
                String::from_utf8_lossy(&video.codec)
            )));
        }
        let config = match &video.avc_config {
            Some(c) => Some(AvcConfig::parse(c).map_err(&corrupt)?),
            None => None,
        };
        let length_size = config.as_ref().map_or(4, |c| c.length_size);
        let mut sps: Vec<Vec<u8>> = config.as_ref().map(|c| c.sps.clone()).unwrap_or_default();
        if sps.is_empty() && !video.samples.is_empty() {
            // avc3: parameter sets travel inside the samples.
            let mut buf = Vec::new();
            video.read_sample(0, &mut buf, None)?;
            let nals = nal_units(&buf, length_size).map_err(&corrupt)?;
            sps = nals
                .into_iter()
                .filter(|n| nal_type(n) == 7)
                .map(<[u8]>::to_vec)
                .collect();
        }
        if sps.is_empty() && !video.samples.is_empty() {
            return Err(corrupt("no H.264 sequence parameter set".to_owned()));
        }
        for s in &sps {
            let caps =
                parse_sps(s).map_err(|e| corrupt(format!("bad sequence parameter set: {e}")))?;
            if let Some(what) = caps.unsupported() {
                return Err(unsupported(what));
            }
        }
        let mut order: Vec<usize> = (0..video.samples.len()).collect();
        order.sort_by_key(|&i| (video.samples[i].pts, i));
        let mut rank = vec![0u64; order.len()];
        for (r, &s) in order.iter().enumerate() {
            rank[s] = r as u64;
        }
        let pts = order
            .iter()
            .map(|&s| video.samples[s].pts)
            .collect::<Vec<_>>();
        let frame_count = pts.len() as u64;
        let info = SourceInfo {
            path: path.to_path_buf(),
            time_base: Some(video.time_base),
            pts,
            frame_count,
            rotation: video.rotation,
            backend: "builtin-h264",
        };
        Ok(Self {
            frames: WantedFrames::all(frame_count),
            info,
            video,
            decoder: Box::new(RustyDecoder::default()),
            length_size,
            parameter_sets: config.map(|c| c.annex_b()),
            rank,
            next_sample: 0,
            sample_buf: Vec::new(),
            annex_b: Vec::new(),
        })
    }

    fn corrupt(&self, reason: String) -> ExtractError {
        ExtractError::Corrupt {
            path: self.info.path.clone(),
            last_good_frame: self.frames.last_good(),
            reason,
        }
    }

    /// Decodes the next sample in file order; its picture is kept if wanted.
    fn decode_next_sample(&mut self) -> Result<(), ExtractError> {
        let s = self.next_sample;
        self.next_sample += 1;
        if let Some(ps) = self.parameter_sets.take() {
            self.decode(&ps, s).map(|_| ())?;
        }
        let rank = self.rank.get(s).copied().unwrap_or(0);
        let wanted = self.frames.is_wanted(rank);
        self.video
            .read_sample(s, &mut self.sample_buf, self.frames.last_good())?;
        let nals = nal_units(&self.sample_buf, self.length_size)
            .map_err(|e| self.corrupt(format!("sample {s}: {e}")))?;
        if !wanted && is_disposable(&nals) {
            return Ok(());
        }
        let has_picture = nals.iter().any(|n| is_slice(n));
        let mut annex_b = std::mem::take(&mut self.annex_b);
        to_annex_b(&nals, &mut annex_b);
        let decoded = self.decode(&annex_b, s);
        self.annex_b = annex_b;
        match decoded? {
            Some(picture) if wanted => {
                self.frames.keep(DecodedFrame {
                    index: rank,
                    sample: Some(s as u64),
                    picture: Picture::Yuv420(picture),
                });
            }
            Some(_) => {}
            None if has_picture => {
                return Err(
                    self.corrupt(format!("sample {s} (frame {rank}) decoded to no picture"))
                );
            }
            None => {
                return Err(self.corrupt(format!("sample {s} (frame {rank}) holds no coded slice")));
            }
        }
        Ok(())
    }

    fn decode(
        &mut self,
        data: &[u8],
        sample: usize,
    ) -> Result<Option<crate::picture::Yuv420>, ExtractError> {
        match self.decoder.decode(data) {
            Ok(p) => Ok(p),
            Err(DecoderFailure::Unsupported(what)) => Err(ExtractError::Unsupported {
                path: self.info.path.clone(),
                what: format!("{what} (sample {sample})"),
            }),
            Err(DecoderFailure::Corrupt(why)) => {
                Err(self.corrupt(format!("sample {sample} does not decode: {why}")))
            }
        }
    }
}

impl FrameSource for Mp4H264Source {
    fn info(&self) -> &SourceInfo {
        &self.info
    }

    fn set_wanted(&mut self, wanted: &[u64]) {
        self.frames.set(wanted, self.info.frame_count);
    }

    fn next_frame(&mut self) -> Result<Option<DecodedFrame>, ExtractError> {
        let Some(want) = self.frames.next_index() else {
            return Ok(None);
        };
        loop {
            if let Some(frame) = self.frames.take_next() {
                return Ok(Some(frame));
            }
            if self.next_sample >= self.video.samples.len() {
                return Err(self.corrupt(format!("frame {want} never came out of the decoder")));
            }
            self.decode_next_sample()?;
        }
    }
}
