//! The FFmpeg backend (feature `ffmpeg`): every container and codec FFmpeg decodes.
//!
//! A first pass reads packet timestamps only (no decoding) so samplers see every frame's
//! presentation time up front, as with the built-in backend. Decoding uses frame threads
//! (libavcodec's default is one thread, which would make us slower than the `ffmpeg`
//! command line). Frames are matched to presentation indices by their timestamp, so a frame
//! the decoder drops cannot shift the ones after it. Plain `yuv420p` frames are handed to
//! the encoder threads as they are; other pixel formats go through swscale to RGB here.

use std::path::Path;

use ff::format::Pixel;
use ff::software::scaling;
use ffmpeg_next as ff;
use vframe_core::Rational;

use super::wanted::WantedFrames;
use super::{DecodedFrame, FrameSource, SourceInfo};
use crate::ExtractError;
use crate::picture::{Picture, Rgb8, Yuv420};

/// A video decoded by FFmpeg.
pub struct FfmpegSource {
    info: SourceInfo,
    input: ff::format::context::Input,
    stream_index: usize,
    decoder: ff::decoder::Video,
    scaler: Option<(Pixel, u32, u32, scaling::Context)>,
    frames: WantedFrames,
    decoded: u64,
    flushed: bool,
}

impl FfmpegSource {
    /// Opens `path` with FFmpeg and reads its packet timestamps.
    pub fn open(path: &Path) -> Result<Self, ExtractError> {
        let not_video = |reason: String| ExtractError::NotAVideo {
            path: path.to_path_buf(),
            reason,
        };
        ff::init().map_err(|e| not_video(format!("FFmpeg failed to start: {e}")))?;
        // A library prints nothing: FFmpeg's own warnings would go straight to stderr. What
        // went wrong reaches the caller through the error values instead. (Process-wide.)
        ff::util::log::set_level(ff::util::log::Level::Quiet);
        let (pts, time_base, stream_index, rotation) = {
            let mut input = ff::format::input(path).map_err(|e| not_video(e.to_string()))?;
            let stream = input
                .streams()
                .best(ff::media::Type::Video)
                .ok_or_else(|| not_video("it has no video stream".to_owned()))?;
            let index = stream.index();
            let tb = stream.time_base();
            let rotation = display_rotation(&stream);
            let mut pts = Vec::new();
            for (s, packet) in input.packets() {
                if s.index() == index {
                    pts.push(packet.pts().or(packet.dts()).unwrap_or(pts.len() as i64));
                }
            }
            pts.sort_unstable();
            (pts, tb, index, rotation)
        };
        let input = ff::format::input(path).map_err(|e| not_video(e.to_string()))?;
        let stream = input
            .stream(stream_index)
            .ok_or_else(|| not_video("the video stream vanished on reopening".to_owned()))?;
        let mut context = ff::codec::context::Context::from_parameters(stream.parameters())
            .map_err(|e| not_video(e.to_string()))?;
        context.set_threading(ff::threading::Config {
            kind: ff::threading::Type::Frame,
            count: 0,
            ..Default::default()
        });
        let decoder = context
            .decoder()
            .video()
            .map_err(|e| ExtractError::Unsupported {
                path: path.to_path_buf(),
                what: format!("its video codec ({e})"),
            })?;
        let time_base = Rational::new(
            i64::from(time_base.numerator()),
            i64::from(time_base.denominator()),
        )
        .ok_or_else(|| not_video("the stream time base has denominator 0".to_owned()))?;
        let frame_count = pts.len() as u64;
        Ok(Self {
            info: SourceInfo {
                path: path.to_path_buf(),
                time_base: Some(time_base),
                pts,
                frame_count,
                rotation,
                backend: "ffmpeg",
            },
            input,
            stream_index,
            decoder,
            scaler: None,
            frames: WantedFrames::all(frame_count),
            decoded: 0,
            flushed: false,
        })
    }

    fn corrupt(&self, reason: String) -> ExtractError {
        ExtractError::Corrupt {
            path: self.info.path.clone(),
            last_good_frame: self.frames.last_good(),
            reason,
        }
    }

    /// Keeps every wanted frame the decoder has ready.
    fn drain(&mut self) -> Result<(), ExtractError> {
        let mut frame = ff::frame::Video::empty();
        while self.decoder.receive_frame(&mut frame).is_ok() {
            // The frame's presentation index: the rank of its timestamp, or its output
            // position when it has none.
            let index = match frame.timestamp().or(frame.pts()) {
                Some(t) => self.info.pts.partition_point(|&p| p < t) as u64,
                None => self.decoded,
            };
            self.decoded += 1;
            if self.frames.needs(index) {
                let picture = self.picture(&frame)?;
                self.frames.keep(DecodedFrame {
                    index,
                    sample: None,
                    picture,
                });
            }
        }
        Ok(())
    }

    fn picture(&mut self, frame: &ff::frame::Video) -> Result<Picture, ExtractError> {
        let (w, h) = (frame.width(), frame.height());
        if frame.format() == Pixel::YUV420P && frame.color_range() != ff::color::Range::JPEG {
            let plane = |i: usize, pw: u32, ph: u32| {
                let stride = frame.stride(i);
                let data = frame.data(i);
                let mut out = Vec::with_capacity((pw * ph) as usize);
                for row in 0..ph as usize {
                    out.extend_from_slice(
                        data.get(row * stride..row * stride + pw as usize)
                            .unwrap_or_default(),
                    );
                }
                out
            };
            return Ok(Picture::Yuv420(Yuv420 {
                width: w,
                height: h,
                y: plane(0, w, h),
                u: plane(1, w.div_ceil(2), h.div_ceil(2)),
                v: plane(2, w.div_ceil(2), h.div_ceil(2)),
            }));
        }
        let fresh = !matches!(&self.scaler, Some((f, sw, sh, _)) if *f == frame.format() && *sw == w && *sh == h);
        if fresh {
            let ctx = scaling::Context::get(
                frame.format(),
                w,
                h,
                Pixel::RGB24,
                w,
                h,
                scaling::Flags::BILINEAR,
            )
            .map_err(|e| {
                self.corrupt(format!(
                    "no conversion from {:?} to RGB: {e}",
                    frame.format()
                ))
            })?;
            self.scaler = Some((frame.format(), w, h, ctx));
        }
        let mut rgb = ff::frame::Video::empty();
        if let Some((_, _, _, ctx)) = &mut self.scaler {
            ctx.run(frame, &mut rgb)
                .map_err(|e| ExtractError::Corrupt {
                    path: self.info.path.clone(),
                    last_good_frame: self.frames.last_good(),
                    reason: format!("converting to RGB failed: {e}"),
                })?;
        }
        let stride = rgb.stride(0);
        let data = rgb.data(0);
        let mut out = Vec::with_capacity((w * h * 3) as usize);
        for row in 0..h as usize {
            out.extend_from_slice(
                data.get(row * stride..row * stride + w as usize * 3)
                    .unwrap_or_default(),
            );
        }
        Ok(Picture::Rgb8(Rgb8 {
            width: w,
            height: h,
            data: out,
        }))
    }
}

impl FrameSource for FfmpegSource {
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
            if self.flushed {
                return Err(self.corrupt(format!("frame {want} never came out of the decoder")));
            }
            match self
                .input
                .packets()
                .find(|(s, _)| s.index() == self.stream_index)
            {
                Some((_, packet)) => {
                    self.decoder
                        .send_packet(&packet)
                        .map_err(|e| self.corrupt(format!("packet does not decode: {e}")))?;
                }
                None => {
                    self.flushed = true;
                    let _ = self.decoder.send_eof();
                }
            }
            self.drain()?;
        }
    }
}

/// The clockwise rotation FFmpeg's autorotate applies, from the stream's display matrix.
fn display_rotation(stream: &ff::format::stream::Stream<'_>) -> u16 {
    for side in stream.side_data() {
        if side.kind() != ff::codec::packet::side_data::Type::DisplayMatrix {
            continue;
        }
        let d = side.data();
        let word = |i: usize| {
            d.get(i * 4..i * 4 + 4).map_or(0.0, |b| {
                f64::from(i32::from_ne_bytes([b[0], b[1], b[2], b[3]])) / 65536.0
            })
        };
        let (a, b, c, e) = (word(0), word(1), word(3), word(4));
        let (sx, sy) = (a.hypot(c), b.hypot(e));
        if sx == 0.0 || sy == 0.0 {
            return 0;
        }
        let degrees = (b / sy).atan2(a / sx).to_degrees().round() as i64;
        return match degrees.rem_euclid(360) {
            90 => 90,
            180 => 180,
            270 => 270,
            _ => 0,
        };
    }
    0
}
