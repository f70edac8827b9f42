//! The pipeline: source -> sampler -> encoder pool -> sink, per input, then one manifest.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use vframe_io::manifest::{ManifestLine, write_manifest_file};
use vframe_io::sequence_file::{FrameNo, SequenceFileDoc, SequenceFrameDoc, write_sequence_file};

use crate::ExtractError;
use crate::encode::{EncodeJob, EncoderPool, ImageFormat};
use crate::progress::{Control, Progress};
use crate::sample::Sampling;
use crate::sidecar::{Sidecar, SidecarFrame, write_sidecar};
use crate::sink::{MANIFEST_NAME, SequenceLayout, frame_name, prefix_root};
use crate::source::{Backend, FrameSource, open_source};

/// Ground Truth's limit on frames per sequence.
pub const MAX_FRAMES_PER_SEQUENCE: usize = 2000;

/// How to extract.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExtractOptions {
    /// Which frames.
    pub sampling: Sampling,
    /// Frames per sequence; a video with more chosen frames becomes several sequences.
    pub max_frames_per_sequence: usize,
    /// JPEG (with quality) or PNG.
    pub format: ImageFormat,
    /// Where the output will live, e.g. `s3://bucket/path/`; it becomes the root of every
    /// `prefix` and `source-ref`. Without it, the output folder's absolute path is used.
    pub prefix: Option<String>,
    /// Encoder threads; 0 means one per available core.
    pub threads: usize,
    /// Which decoder reads video files.
    pub backend: Backend,
}

impl Default for ExtractOptions {
    fn default() -> Self {
        Self {
            sampling: Sampling::All,
            max_frames_per_sequence: MAX_FRAMES_PER_SEQUENCE,
            format: ImageFormat::default(),
            prefix: None,
            threads: 0,
            backend: Backend::Auto,
        }
    }
}

/// What a run produced.
#[derive(Debug, Default)]
pub struct Extraction {
    /// The sequences written, in input order.
    pub sequences: Vec<ExtractedSequence>,
    /// The manifest listing them (absent when no sequence was written).
    pub manifest: Option<PathBuf>,
    /// Inputs that failed; the others were extracted and are in the manifest.
    pub failures: Vec<ExtractError>,
}

/// One written sequence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExtractedSequence {
    /// The input it came from.
    pub input: PathBuf,
    /// `seq-no`, 1-based over the run.
    pub seq_no: i64,
    /// The folder holding its frames.
    pub folder: PathBuf,
    /// The sequence file.
    pub sequence_file: PathBuf,
    /// The sidecar with each frame's video index and pts.
    pub sidecar: PathBuf,
    /// The manifest's `source-ref` for it.
    pub source_ref: String,
    /// Frames written.
    pub frames: usize,
    /// Size of the frame images (after rotation).
    pub frame_size: (u32, u32),
}

/// Extracts every input (video file or image folder) into `out_dir`, laid out for Ground
/// Truth (see [`crate::sink`]), and writes one manifest for all sequences.
///
/// An input that fails (not a video, truncated, unsupported codec) is reported in
/// [`Extraction::failures`] and leaves no sequence file; the others are extracted. Returns
/// `Err` only for problems of the whole run (bad options, unwritable output, cancellation).
///
/// ```no_run
/// use vframe_extract::{Control, ExtractOptions, Sampling, extract};
/// let options = ExtractOptions { sampling: Sampling::Every(10), ..ExtractOptions::default() };
/// let run = extract(&["clip.mp4".into()], "dataset".as_ref(), &options, &mut |_| Control::Continue)?;
/// println!("{} sequences, manifest {:?}", run.sequences.len(), run.manifest);
/// # Ok::<(), vframe_extract::ExtractError>(())
/// ```
pub fn extract(
    inputs: &[PathBuf],
    out_dir: &Path,
    options: &ExtractOptions,
    progress: &mut dyn FnMut(&Progress<'_>) -> Control,
) -> Result<Extraction, ExtractError> {
    check_options(options)?;
    let names = input_names(inputs)?;
    std::fs::create_dir_all(out_dir).map_err(ExtractError::file(out_dir))?;
    let out_dir = std::fs::canonicalize(out_dir).map_err(ExtractError::file(out_dir))?;
    let root = prefix_root(options.prefix.as_deref(), &out_dir);
    let threads = match options.threads {
        0 => std::thread::available_parallelism().map_or(1, |n| n.get()),
        n => n,
    };
    let mut run = Extraction::default();
    for (i, (input, name)) in inputs.iter().zip(&names).enumerate() {
        let mut report = |done: u64, total: u64| {
            progress(&Progress {
                input,
                input_number: i + 1,
                input_count: inputs.len(),
                frames_done: done,
                frames_total: total,
            })
        };
        let first_seq_no = run.sequences.len() as i64 + 1;
        let job = InputJob {
            input,
            name,
            out_dir: &out_dir,
            root: &root,
            options,
            threads,
            first_seq_no,
        };
        match job.run(&mut report) {
            Ok(mut sequences) => run.sequences.append(&mut sequences),
            Err(ExtractError::Cancelled) => return Err(ExtractError::Cancelled),
            Err(e) => run.failures.push(e),
        }
    }
    if !run.sequences.is_empty() {
        let path = out_dir.join(MANIFEST_NAME);
        let lines: Vec<ManifestLine> = run
            .sequences
            .iter()
            .map(|s| ManifestLine::new(s.source_ref.clone()))
            .collect();
        write_manifest_file(&path, &lines)?;
        run.manifest = Some(path);
    }
    Ok(run)
}

fn check_options(options: &ExtractOptions) -> Result<(), ExtractError> {
    if options.max_frames_per_sequence == 0 {
        return Err(ExtractError::Option(
            "frames per sequence must be at least 1".to_owned(),
        ));
    }
    if let ImageFormat::Jpeg { quality } = options.format
        && !(1..=100).contains(&quality)
    {
        return Err(ExtractError::Option(format!(
            "JPEG quality {quality} is not in 1..=100"
        )));
    }
    Ok(())
}

/// The folder name of each input: its file name; two inputs with the same name would write
/// into the same folder, so that is refused.
fn input_names(inputs: &[PathBuf]) -> Result<Vec<String>, ExtractError> {
    let mut seen: HashMap<String, &Path> = HashMap::new();
    let mut out = Vec::with_capacity(inputs.len());
    for input in inputs {
        let name = input
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .ok_or_else(|| ExtractError::Option(format!("{} has no file name", input.display())))?;
        if name.starts_with('.') {
            return Err(ExtractError::Option(format!(
                "{}: a hidden name cannot name an output folder",
                input.display()
            )));
        }
        if let Some(other) = seen.insert(name.clone(), input) {
            return Err(ExtractError::Option(format!(
                "{} and {} have the same name {name:?} and would share one output folder",
                other.display(),
                input.display()
            )));
        }
        out.push(name);
    }
    Ok(out)
}

struct InputJob<'a> {
    input: &'a Path,
    name: &'a str,
    out_dir: &'a Path,
    root: &'a str,
    options: &'a ExtractOptions,
    threads: usize,
    first_seq_no: i64,
}

impl InputJob<'_> {
    fn run(
        &self,
        report: &mut dyn FnMut(u64, u64) -> Control,
    ) -> Result<Vec<ExtractedSequence>, ExtractError> {
        let mut source = open_source(self.input, self.options.backend)?;
        let chosen = self
            .options
            .sampling
            .select(source.info())
            .map_err(|reason| ExtractError::Sampling {
                path: self.input.to_path_buf(),
                reason,
            })?;
        if chosen.is_empty() {
            return Err(ExtractError::Sampling {
                path: self.input.to_path_buf(),
                reason: "no frame was chosen (the video has no frames?)".to_owned(),
            });
        }
        source.set_wanted(&chosen);
        let total = chosen.len() as u64;
        if report(0, total) == Control::Cancel {
            return Err(ExtractError::Cancelled);
        }
        let parts: Vec<&[u64]> = chosen
            .chunks(self.options.max_frames_per_sequence)
            .collect();
        let split = parts.len() > 1;
        let mut done = 0u64;
        let mut out = Vec::with_capacity(parts.len());
        std::thread::scope(|scope| {
            let pool = EncoderPool::start(scope, self.threads, self.options.format);
            for (p, part) in parts.iter().enumerate() {
                let layout = SequenceLayout::new(self.out_dir, self.name, split.then_some(p + 1));
                let seq_no = self.first_seq_no + p as i64;
                out.push(self.write_sequence(
                    &mut *source,
                    &pool,
                    &layout,
                    seq_no,
                    part,
                    &mut done,
                    total,
                    report,
                )?);
            }
            Ok(out)
        })
    }

    #[allow(clippy::too_many_arguments)]
    fn write_sequence(
        &self,
        source: &mut dyn FrameSource,
        pool: &EncoderPool,
        layout: &SequenceLayout,
        seq_no: i64,
        part: &[u64],
        done: &mut u64,
        total: u64,
        report: &mut dyn FnMut(u64, u64) -> Control,
    ) -> Result<ExtractedSequence, ExtractError> {
        layout.begin()?;
        let extension = self.options.format.extension();
        let rotation = source.info().rotation;
        let mut frames = Vec::with_capacity(part.len());
        let mut pending = 0usize;
        let mut frame_size = (0, 0);
        let mut finish_one = |result: Result<(u32, u32), ExtractError>, done: &mut u64| {
            frame_size = result?;
            *done += 1;
            if report(*done, total) == Control::Cancel {
                return Err(ExtractError::Cancelled);
            }
            Ok(())
        };
        for (position, &want) in part.iter().enumerate() {
            let frame = source.next_frame()?.ok_or_else(|| ExtractError::Corrupt {
                path: self.input.to_path_buf(),
                last_good_frame: want.checked_sub(1),
                reason: format!("frame {want} is missing: the input ended early"),
            })?;
            let file = frame_name(position, part.len(), extension);
            let info = source.info();
            frames.push(SidecarFrame {
                frame: file.clone(),
                frame_no: position as u64,
                video_frame: frame.index,
                sample: frame.sample,
                pts: info.timestamp(frame.index).map(|t| t.ticks),
            });
            pool.submit(EncodeJob {
                picture: frame.picture,
                rotation,
                path: layout.folder.join(&file),
            })?;
            pending += 1;
            while let Some(result) = pool.try_finished() {
                pending -= 1;
                finish_one(result, done)?;
            }
        }
        while pending > 0 {
            pending -= 1;
            finish_one(pool.finished(), done)?;
        }
        let info = source.info();
        let sidecar = Sidecar {
            source: self.name.to_owned(),
            backend: info.backend.to_owned(),
            time_base: info.time_base.map(|tb| format!("{}/{}", tb.num, tb.den)),
            rotation,
            frames,
        };
        let sidecar_path = layout.folder.join(layout.sidecar_name());
        write_sidecar(&sidecar_path, &sidecar)?;
        let prefix = format!("{}{}", self.root, layout.relative);
        let doc = SequenceFileDoc::new(
            seq_no,
            prefix.clone(),
            sidecar
                .frames
                .iter()
                .map(|f| {
                    SequenceFrameDoc::new(
                        FrameNo::Integer(f.frame_no as i64),
                        None,
                        f.frame.clone(),
                    )
                })
                .collect(),
        );
        let sequence_file = layout.folder.join(layout.sequence_file_name());
        write_sequence_file(&sequence_file, &doc)?;
        let written: HashSet<String> = sidecar.frames.iter().map(|f| f.frame.clone()).collect();
        layout.remove_stale_frames(&written)?;
        Ok(ExtractedSequence {
            input: self.input.to_path_buf(),
            seq_no,
            folder: layout.folder.clone(),
            sequence_file,
            sidecar: sidecar_path,
            source_ref: format!("{prefix}{}", layout.sequence_file_name()),
            frames: sidecar.frames.len(),
            frame_size,
        })
    }
}
