//! MP4 (ISO base media) demuxing: the first video track's samples, their presentation
//! timestamps and its display rotation, read without any system library.
//!
//! Only what frame extraction needs: the `moov` index of a non-fragmented file. Fragmented
//! files are reported as unsupported (the `ffmpeg` backend reads them).

mod boxes;
mod sample_table;

use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};

use vframe_core::Rational;

use crate::ExtractError;
use boxes::{Reader, child, children, fourcc_text, require};
pub(crate) use sample_table::Sample;

/// The first video track of an MP4 file, with its samples in decode order.
pub(crate) struct Mp4Video {
    path: PathBuf,
    file: File,
    file_len: u64,
    /// Sample entry type: `avc1`, `avc3`, `hvc1`, ...
    pub(crate) codec: [u8; 4],
    /// The `avcC` record, for H.264.
    pub(crate) avc_config: Option<Vec<u8>>,
    /// Seconds per tick of every sample's pts.
    pub(crate) time_base: Rational,
    /// Clockwise rotation to apply for display: 0, 90, 180 or 270.
    pub(crate) rotation: u16,
    /// Samples in decode order.
    pub(crate) samples: Vec<Sample>,
}

/// The largest `moov` box read into memory.
const MAX_MOOV_BYTES: u64 = 1 << 30;

const TOP_LEVEL: [&[u8; 4]; 11] = [
    b"ftyp", b"moov", b"mdat", b"free", b"skip", b"wide", b"pnot", b"uuid", b"moof", b"styp",
    b"sidx",
];

impl Mp4Video {
    /// Opens `path` and reads its index.
    pub(crate) fn open(path: &Path) -> Result<Self, ExtractError> {
        let mut file = File::open(path).map_err(ExtractError::file(path))?;
        let file_len = file.metadata().map_err(ExtractError::file(path))?.len();
        let not_video = |reason: String| ExtractError::NotAVideo {
            path: path.to_path_buf(),
            reason,
        };
        let corrupt = |reason: String| ExtractError::Corrupt {
            path: path.to_path_buf(),
            last_good_frame: None,
            reason,
        };
        let mut pos = 0u64;
        let mut moov = None;
        let mut first = true;
        while pos + 8 <= file_len {
            file.seek(SeekFrom::Start(pos))
                .map_err(ExtractError::file(path))?;
            let mut head = [0u8; 16];
            let got = read_up_to(&mut file, &mut head).map_err(ExtractError::file(path))?;
            let mut r = Reader::new(&head[..got]);
            let size32 = r.u32().map_err(&corrupt)?;
            let kind = r.fourcc().map_err(&corrupt)?;
            if first && !TOP_LEVEL.contains(&&kind) {
                return Err(not_video(format!(
                    "it does not start with an MP4 box (found '{}')",
                    fourcc_text(&kind)
                )));
            }
            first = false;
            let (header, size) = match size32 {
                0 => (8, file_len - pos),
                1 => (16, r.u64().map_err(&corrupt)?),
                n => (8, u64::from(n)),
            };
            if size < header {
                return Err(corrupt(format!(
                    "box '{}' at byte {pos} has size {size}",
                    fourcc_text(&kind)
                )));
            }
            if &kind == b"moof" {
                return Err(ExtractError::Unsupported {
                    path: path.to_path_buf(),
                    what: "fragmented MP4 (moof boxes)".to_owned(),
                });
            }
            if &kind == b"moov" {
                if pos + size > file_len {
                    return Err(corrupt(format!(
                        "the 'moov' index is cut off at byte {file_len} (it needs {} bytes): the file is truncated",
                        pos + size
                    )));
                }
                // A hostile size would make us allocate it; real indexes are a few MB even
                // for hours of video.
                if size > MAX_MOOV_BYTES {
                    return Err(corrupt(format!(
                        "the 'moov' index claims {size} bytes (at most {MAX_MOOV_BYTES} are read)"
                    )));
                }
                let mut data = vec![0u8; (size - header) as usize];
                file.seek(SeekFrom::Start(pos + header))
                    .map_err(ExtractError::file(path))?;
                file.read_exact(&mut data)
                    .map_err(ExtractError::file(path))?;
                moov = Some(data);
            }
            pos = pos.saturating_add(size);
        }
        let Some(moov) = moov else {
            return Err(if first {
                not_video("it is empty or shorter than one box header".to_owned())
            } else {
                corrupt(
                    "no 'moov' index box: the file is truncated or still being written".to_owned(),
                )
            });
        };
        let video = parse_moov(&moov).map_err(|e| corrupt(format!("bad 'moov' index: {e}")))?;
        let Some(video) = video else {
            return Err(not_video("it has no video track".to_owned()));
        };
        Ok(Self {
            path: path.to_path_buf(),
            file,
            file_len,
            codec: video.codec,
            avc_config: video.avc_config,
            time_base: video.time_base,
            rotation: video.rotation,
            samples: video.samples,
        })
    }

    /// The bytes of sample `index` into `buf`. `last_good_frame` goes into the error when the
    /// sample lies past the end of a truncated file.
    pub(crate) fn read_sample(
        &mut self,
        index: usize,
        buf: &mut Vec<u8>,
        last_good_frame: Option<u64>,
    ) -> Result<(), ExtractError> {
        let Some(s) = self.samples.get(index).copied() else {
            return Err(ExtractError::Corrupt {
                path: self.path.clone(),
                last_good_frame,
                reason: format!("no sample {index}"),
            });
        };
        let end = s.offset.saturating_add(u64::from(s.size));
        if end > self.file_len {
            return Err(ExtractError::Corrupt {
                path: self.path.clone(),
                last_good_frame,
                reason: format!(
                    "sample {index} needs bytes {}..{end} but the file ends at byte {}: the file is truncated",
                    s.offset, self.file_len
                ),
            });
        }
        buf.resize(s.size as usize, 0);
        self.file
            .seek(SeekFrom::Start(s.offset))
            .and_then(|_| self.file.read_exact(buf))
            .map_err(ExtractError::file(&self.path))
    }
}

fn read_up_to(file: &mut File, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut got = 0;
    while got < buf.len() {
        match file.read(&mut buf[got..])? {
            0 => break,
            n => got += n,
        }
    }
    Ok(got)
}

struct VideoTrack {
    codec: [u8; 4],
    avc_config: Option<Vec<u8>>,
    time_base: Rational,
    rotation: u16,
    samples: Vec<Sample>,
}

fn parse_moov(moov: &[u8]) -> Result<Option<VideoTrack>, String> {
    let mut mvhd = Reader::new(require(moov, b"mvhd")?);
    let version = mvhd.full_box()?;
    mvhd.skip(if version == 1 { 16 } else { 8 })?;
    let movie_timescale = i64::from(mvhd.u32()?);
    for trak in children(moov)?.into_iter().filter(|b| b.is(b"trak")) {
        let mdia = require(trak.payload, b"mdia")?;
        let mut hdlr = Reader::new(require(mdia, b"hdlr")?);
        hdlr.full_box()?;
        hdlr.skip(4)?;
        if &hdlr.fourcc()? != b"vide" {
            continue;
        }
        let mut mdhd = Reader::new(require(mdia, b"mdhd")?);
        let version = mdhd.full_box()?;
        mdhd.skip(if version == 1 { 16 } else { 8 })?;
        let timescale = i64::from(mdhd.u32()?);
        let time_base = Rational::new(1, timescale).ok_or("mdhd timescale 0")?;
        let stbl = require(require(mdia, b"minf")?, b"stbl")?;
        let (codec, avc_config) = read_sample_entry(stbl)?;
        let shift = edit_list_shift(trak.payload, movie_timescale, timescale)?;
        let samples = sample_table::expand(stbl, shift)?;
        return Ok(Some(VideoTrack {
            codec,
            avc_config,
            time_base,
            rotation: read_rotation(require(trak.payload, b"tkhd")?)?,
            samples,
        }));
    }
    Ok(None)
}

fn read_sample_entry(stbl: &[u8]) -> Result<([u8; 4], Option<Vec<u8>>), String> {
    let mut stsd = Reader::new(require(stbl, b"stsd")?);
    stsd.full_box()?;
    stsd.u32()?;
    let entries = children(stsd.rest())?;
    let entry = entries.first().ok_or("stsd has no sample entry")?;
    let mut r = Reader::new(entry.payload);
    // SampleEntry (8 bytes) + VisualSampleEntry fields (70 bytes) before the child boxes.
    r.skip(8 + 70)?;
    let avc_config = if entry.is(b"avc1") || entry.is(b"avc3") {
        child(r.rest(), b"avcC")?.map(<[u8]>::to_vec)
    } else {
        None
    };
    Ok((entry.kind, avc_config))
}

/// What to add to `dts + ctts` so the pts match FFmpeg's: minus the first edit's media time,
/// plus any leading empty edit (converted from the movie to the media time scale).
fn edit_list_shift(trak: &[u8], movie_timescale: i64, timescale: i64) -> Result<i64, String> {
    let Some(edts) = child(trak, b"edts")? else {
        return Ok(0);
    };
    let Some(elst) = child(edts, b"elst")? else {
        return Ok(0);
    };
    let mut r = Reader::new(elst);
    let version = r.full_box()?;
    let n = r.count(if version == 1 { 20 } else { 12 })?;
    let mut shift = 0i64;
    for _ in 0..n {
        let (duration, media_time) = if version == 1 {
            (r.u64()? as i64, r.u64()? as i64)
        } else {
            (i64::from(r.u32()?), i64::from(r.u32()? as i32))
        };
        r.skip(4)?;
        if media_time == -1 {
            if movie_timescale > 0 {
                shift = shift.saturating_add(duration.saturating_mul(timescale) / movie_timescale);
            }
            continue;
        }
        return Ok(shift.saturating_sub(media_time));
    }
    Ok(shift)
}

/// The clockwise display rotation from the track header's matrix (what FFmpeg's autorotate
/// applies); anything that is not a multiple of 90 degrees counts as 0.
fn read_rotation(tkhd: &[u8]) -> Result<u16, String> {
    let mut r = Reader::new(tkhd);
    let version = r.full_box()?;
    r.skip(if version == 1 { 32 } else { 20 })?;
    r.skip(16)?;
    let a = r.u32()? as i32;
    let b = r.u32()? as i32;
    r.skip(4)?;
    let c = r.u32()? as i32;
    let d = r.u32()? as i32;
    let one = 1 << 16;
    Ok(match (a, b, c, d) {
        (0, b, c, 0) if b == one && c == -one => 90,
        (a, 0, 0, d) if a == -one && d == -one => 180,
        (0, b, c, 0) if b == -one && c == one => 270,
        _ => 0,
    })
}
