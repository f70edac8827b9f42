//! Encoding in parallel: a bounded channel of decoded frames feeds N encoder threads, each
//! with its own RGB and output buffers reused from frame to frame; the decoder never waits
//! for more than the channel's few frames, so memory does not grow with video length.

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, SyncSender, channel, sync_channel};
use std::sync::{Arc, Mutex};
use std::thread::Scope;

use super::{EncodeBuffers, ImageFormat};
use crate::ExtractError;
use crate::picture::Picture;
use crate::sink::write_frame;

/// One frame to encode and write.
pub(crate) struct EncodeJob {
    pub(crate) picture: Picture,
    pub(crate) rotation: u16,
    pub(crate) path: PathBuf,
}

/// A running pool; dropping it lets the workers finish and stop.
pub(crate) struct EncoderPool {
    jobs: SyncSender<EncodeJob>,
    done: Receiver<Result<(u32, u32), ExtractError>>,
}

impl EncoderPool {
    /// Starts `threads` workers (at least one) inside `scope`.
    pub(crate) fn start<'scope>(
        scope: &'scope Scope<'scope, '_>,
        threads: usize,
        format: ImageFormat,
    ) -> Self {
        let threads = threads.max(1);
        let (jobs, job_rx) = sync_channel::<EncodeJob>(threads * 2);
        // Unbounded: at most one result per queued job, and the caller drains them.
        let (done_tx, done) = channel();
        let job_rx = Arc::new(Mutex::new(job_rx));
        for _ in 0..threads {
            let job_rx = Arc::clone(&job_rx);
            let done_tx = done_tx.clone();
            scope.spawn(move || {
                let (mut buffers, mut bytes) = (EncodeBuffers::default(), Vec::new());
                loop {
                    let job = match job_rx.lock() {
                        Ok(rx) => rx.recv(),
                        Err(_) => return,
                    };
                    let Ok(job) = job else { return };
                    let result = format
                        .encode_frame(&job.picture, job.rotation, &mut buffers, &mut bytes)
                        .map_err(|reason| ExtractError::Encode {
                            path: job.path.clone(),
                            reason,
                        })
                        .and_then(|size| write_frame(&job.path, &bytes).map(|()| size));
                    if done_tx.send(result).is_err() {
                        return;
                    }
                }
            });
        }
        Self { jobs, done }
    }

    /// Queues a frame, waiting while the channel is full.
    pub(crate) fn submit(&self, job: EncodeJob) -> Result<(), ExtractError> {
        self.jobs
            .send(job)
            .map_err(|_| ExtractError::Option("the encoder threads stopped".to_owned()))
    }

    /// A finished frame's outcome, if one is ready.
    pub(crate) fn try_finished(&self) -> Option<Result<(u32, u32), ExtractError>> {
        self.done.try_recv().ok()
    }

    /// Waits for the next finished frame.
    pub(crate) fn finished(&self) -> Result<(u32, u32), ExtractError> {
        self.done
            .recv()
            .map_err(|_| ExtractError::Option("the encoder threads stopped".to_owned()))?
    }
}
