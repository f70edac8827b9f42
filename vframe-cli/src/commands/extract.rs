//! `vframe extract`: videos or image folders into a Ground Truth-ready dataset.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use vframe_extract::sample::parse_rational;
use vframe_extract::{
    Backend, Control, DEFAULT_JPEG_QUALITY, ExtractOptions, ImageFormat, MAX_FRAMES_PER_SEQUENCE,
    Progress, Sampling, extract,
};

use crate::commands::Outcome;
use crate::error::CliError;

/// Extract frames from videos (or image folders) into a folder laid out the way Ground
/// Truth's automated data setup lays it out: per input a folder named after it with
/// zero-padded frames (frame_0000.jpeg, ...), its sequence file and a sidecar mapping each
/// frame to its video frame index and presentation timestamp; one dataset.manifest for all.
///
/// Inputs with more chosen frames than --max-frames are split into several sequences
/// (part_0001/, part_0002/, ...). Without a sampling option every frame is taken.
///
/// Exit status: 0 when every input was extracted; 1 when some input failed (the others are
/// extracted and in the manifest); 2 for usage errors and unwritable output.
#[derive(Debug, clap::Args)]
#[command(group(clap::ArgGroup::new("sampling").args(["all", "every", "fps", "frames", "times"])))]
pub struct Args {
    /// Video files (MP4/H.264 built in; every format FFmpeg reads with the `ffmpeg` feature)
    /// or folders of .jpg/.jpeg/.png frames.
    #[arg(value_name = "VIDEO_OR_FOLDER", required = true)]
    pub inputs: Vec<PathBuf>,

    /// Output folder (created if needed).
    #[arg(short, long, value_name = "DIR")]
    pub output: PathBuf,

    /// Every frame (the default).
    #[arg(long)]
    pub all: bool,

    /// Frames 0, N, 2N, ... (0-based presentation indices).
    #[arg(long, value_name = "N")]
    pub every: Option<u64>,

    /// A target rate: for each time t0 + k/F, the frame on screen then (exact on variable
    /// frame rate video). Accepts 2, 0.5, 29.97 or 30000/1001.
    #[arg(long, value_name = "F")]
    pub fps: Option<String>,

    /// Exactly these 0-based frame indices: 0,5,10-20.
    #[arg(long, value_name = "LIST")]
    pub frames: Option<String>,

    /// The frames nearest these times in seconds: 0.5,1.25,10.
    #[arg(long, value_name = "LIST")]
    pub times: Option<String>,

    /// Frames per sequence; longer inputs become several sequences (Ground Truth: 2000).
    #[arg(long, value_name = "N", default_value_t = MAX_FRAMES_PER_SEQUENCE)]
    pub max_frames: usize,

    /// Where the dataset will be uploaded, e.g. s3://bucket/path/; becomes the root of every
    /// prefix and source-ref. Default: the output folder's absolute path.
    #[arg(long, value_name = "S3URI")]
    pub prefix: Option<String>,

    /// Frame image format.
    #[arg(long, value_enum, default_value_t = FormatArg::Jpeg)]
    pub format: FormatArg,

    /// JPEG quality, 1-100.
    #[arg(long, value_name = "Q", default_value_t = DEFAULT_JPEG_QUALITY)]
    pub quality: u8,

    /// Encoder threads (default: one per core).
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub threads: usize,

    /// Video decoder.
    #[arg(long, value_enum, default_value_t = BackendArg::Auto)]
    pub backend: BackendArg,

    /// No progress bar, only the summary.
    #[arg(long, short)]
    pub quiet: bool,
}

/// Frame image formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FormatArg {
    /// JPEG (`.jpeg`), 4:2:0.
    Jpeg,
    /// PNG, lossless.
    Png,
}

/// Video decoders.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum BackendArg {
    /// FFmpeg when built with it, else built-in.
    Auto,
    /// Built-in MP4 + H.264 decoder (no system library).
    Builtin,
    /// FFmpeg (needs the `ffmpeg` feature).
    Ffmpeg,
}

/// Runs `vframe extract`.
pub fn run(args: Args) -> Result<Outcome, CliError> {
    let options = ExtractOptions {
        sampling: sampling(&args)?,
        max_frames_per_sequence: args.max_frames,
        format: match args.format {
            FormatArg::Jpeg => ImageFormat::Jpeg {
                quality: args.quality,
            },
            FormatArg::Png => ImageFormat::Png,
        },
        prefix: args.prefix.clone(),
        threads: args.threads,
        backend: backend(args.backend)?,
    };
    let show_bar = !args.quiet && std::io::stderr().is_terminal();
    let mut bar = |p: &Progress<'_>| {
        if show_bar {
            draw_bar(p);
        }
        Control::Continue
    };
    let run = extract(&args.inputs, &args.output, &options, &mut bar);
    if show_bar {
        eprint!("\r\x1b[2K");
    }
    let run = run.map_err(|e| CliError::Usage(e.to_string()))?;
    let mut out = std::io::stdout().lock();
    let mut total = 0;
    for s in &run.sequences {
        total += s.frames;
        writeln!(
            out,
            "{:>5} frames {:>4}x{:<4} {}",
            s.frames,
            s.frame_size.0,
            s.frame_size.1,
            s.sequence_file.display()
        )
        .map_err(CliError::Stdout)?;
    }
    if let Some(manifest) = &run.manifest {
        writeln!(
            out,
            "{} sequences, {total} frames; manifest: {}",
            run.sequences.len(),
            manifest.display()
        )
        .map_err(CliError::Stdout)?;
    }
    if run.sequences.len() > 10 {
        eprintln!(
            "vframe: note: Ground Truth takes at most 10 sequences per labeling job; split dataset.manifest ({} lines) into several jobs",
            run.sequences.len()
        );
    }
    for failure in &run.failures {
        eprintln!("vframe: {failure}");
    }
    Ok(if run.failures.is_empty() {
        Outcome::Success
    } else {
        Outcome::ProblemsFound
    })
}

fn sampling(args: &Args) -> Result<Sampling, CliError> {
    let usage = |m: String| CliError::Usage(m);
    if let Some(n) = args.every {
        return Ok(Sampling::Every(n));
    }
    if let Some(f) = &args.fps {
        let rate = parse_rational(f).ok_or_else(|| {
            usage(format!(
                "--fps {f:?} is not a number like 2, 29.97 or 30000/1001"
            ))
        })?;
        return Ok(Sampling::Fps(rate));
    }
    if let Some(list) = &args.frames {
        return parse_frame_list(list).map(Sampling::Indices).map_err(usage);
    }
    if let Some(list) = &args.times {
        let times = list
            .split(',')
            .map(|t| {
                parse_rational(t).ok_or_else(|| format!("--times: {t:?} is not a time in seconds"))
            })
            .collect::<Result<Vec<_>, _>>()
            .map_err(usage)?;
        return Ok(Sampling::Timestamps(times));
    }
    Ok(Sampling::All)
}

/// `0,5,10-20` -> 0, 5, 10, 11, ..., 20.
fn parse_frame_list(list: &str) -> Result<Vec<u64>, String> {
    let mut out = Vec::new();
    for part in list.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let bad = || format!("--frames: {part:?} is not an index or a range like 10-20");
        match part.split_once('-') {
            Some((a, b)) => {
                let (a, b): (u64, u64) = (
                    a.trim().parse().map_err(|_| bad())?,
                    b.trim().parse().map_err(|_| bad())?,
                );
                if b < a || b - a > 10_000_000 {
                    return Err(bad());
                }
                out.extend(a..=b);
            }
            None => out.push(part.parse().map_err(|_| bad())?),
        }
    }
    if out.is_empty() {
        return Err("--frames needs at least one index".to_owned());
    }
    Ok(out)
}

fn backend(arg: BackendArg) -> Result<Backend, CliError> {
    match arg {
        BackendArg::Auto => Ok(Backend::Auto),
        BackendArg::Builtin => Ok(Backend::Builtin),
        #[cfg(feature = "ffmpeg")]
        BackendArg::Ffmpeg => Ok(Backend::Ffmpeg),
        #[cfg(not(feature = "ffmpeg"))]
        BackendArg::Ffmpeg => Err(CliError::Usage(
            "--backend ffmpeg needs vframe built with the `ffmpeg` feature".to_owned(),
        )),
    }
}

fn draw_bar(p: &Progress<'_>) {
    const WIDTH: u64 = 30;
    let filled = (p.frames_done * WIDTH)
        .checked_div(p.frames_total)
        .unwrap_or(0)
        .min(WIDTH);
    let name = p
        .input
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    eprint!(
        "\r\x1b[2K[{}{}] {}/{} frames  {} ({}/{})",
        "#".repeat(filled as usize),
        " ".repeat((WIDTH - filled) as usize),
        p.frames_done,
        p.frames_total,
        name,
        p.input_number,
        p.input_count
    );
    let _ = std::io::stderr().flush();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_frame_list_is_refused() {
        assert!(parse_frame_list("").is_err());
        assert!(parse_frame_list(" , ").is_err());
    }

    #[test]
    fn frame_list_expands_ranges() {
        assert_eq!(
            parse_frame_list("0,5,10-12").unwrap(),
            vec![0, 5, 10, 11, 12]
        );
        assert!(parse_frame_list("12-10").is_err());
        assert!(parse_frame_list("a").is_err());
    }
}
