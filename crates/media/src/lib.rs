//! The media layer: everything Recut does with ffmpeg and ffprobe.
//!
//! - `process.rs` is the one wrapper every external process goes through (timeout, kill on
//!   drop and on cancellation, stderr tail in errors, bounded concurrency).
//! - [`Media::probe`] runs ffprobe into a typed [`MediaInfo`].
//! - [`sniff`] recognises uploads by their first bytes, before any process runs.
//! - [`Decoder`] and [`Encoder`] move raw [`Frame`]s between ffmpeg and Rust, so engines work
//!   on pixels in bounded memory however long the clip is.
//!
//! ffmpeg only ever opens local files here: every input goes through a `file:` URL with the
//! protocol whitelist pinned to `file` (or `file,pipe` for stdin).

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use tokio::sync::Semaphore;
use tokio_util::sync::CancellationToken;

mod decode;
mod encode;
mod error;
mod frame;
mod mp4;
mod probe;
mod process;
pub mod sniff;

pub use decode::{Decoder, DecoderOptions, Skim};
pub use encode::{AudioSource, Encoder, EncoderOptions, VerifiedOutput};
pub use error::{MediaError, ProcessFailure};
pub use frame::{Frame, FrameFormat, FramePool, Rational, PIX_FMT};
pub use probe::{AudioStreamInfo, MediaInfo, VideoStreamInfo};

use process::{Permit, ProcessBuilder, Tool};

#[derive(Debug, Clone)]
pub struct MediaConfig {
    pub ffmpeg: PathBuf,
    pub ffprobe: PathBuf,
    /// ffmpeg and ffprobe processes allowed at once across the whole server.
    pub max_concurrent_processes: usize,
    pub probe_timeout: Duration,
    /// Deadline for one decode or encode process, from start to exit.
    pub process_timeout: Duration,
}

impl Default for MediaConfig {
    fn default() -> Self {
        Self {
            ffmpeg: PathBuf::from("ffmpeg"),
            ffprobe: PathBuf::from("ffprobe"),
            max_concurrent_processes: 4,
            probe_timeout: Duration::from_secs(30),
            process_timeout: Duration::from_secs(6 * 60 * 60),
        }
    }
}

/// Handle to the media layer; cheap to clone, shared by the API and the workers.
#[derive(Clone)]
pub struct Media {
    inner: Arc<Inner>,
}

struct Inner {
    config: MediaConfig,
    processes: Arc<Semaphore>,
    /// `ffmpeg -filters`, asked once.
    filters: tokio::sync::OnceCell<Vec<String>>,
}

impl std::fmt::Debug for Media {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Media")
            .field("config", &self.inner.config)
            .field(
                "free_process_slots",
                &self.inner.processes.available_permits(),
            )
            .finish()
    }
}

impl Media {
    pub fn new(config: MediaConfig) -> Self {
        let slots = config.max_concurrent_processes.max(1);
        Self {
            inner: Arc::new(Inner {
                config,
                processes: Arc::new(Semaphore::new(slots)),
                filters: tokio::sync::OnceCell::new(),
            }),
        }
    }

    pub fn config(&self) -> &MediaConfig {
        &self.inner.config
    }

    /// Reserves `processes` slots at once for a pipeline whose processes run together (a
    /// decoder feeding an encoder). Taking them one by one could deadlock: two pipelines each
    /// holding a decoder slot, both waiting for an encoder slot. The request is capped at the
    /// configured maximum. Processes spawned from the group are killed when `cancel` fires.
    ///
    /// Do not probe (or call other `Media` methods that start processes) while holding a
    /// group that took every slot: that would wait on yourself.
    pub async fn process_group(
        &self,
        processes: usize,
        cancel: &CancellationToken,
    ) -> Result<ProcessGroup, MediaError> {
        let wanted = processes.clamp(1, self.config().max_concurrent_processes.max(1));
        let wanted = u32::try_from(wanted).unwrap_or(u32::MAX);
        let permit = tokio::select! {
            permit = self.inner.processes.clone().acquire_many_owned(wanted) => {
                permit.expect("the media semaphore is never closed")
            }
            () = cancel.cancelled() => return Err(MediaError::Cancelled),
        };
        Ok(ProcessGroup {
            media: self.clone(),
            permit: Arc::new(permit),
            cancel: cancel.clone(),
        })
    }

    fn ffprobe(&self) -> ProcessBuilder {
        ProcessBuilder::new(
            Tool::Ffprobe,
            &self.config().ffprobe,
            self.config().probe_timeout,
        )
    }
}

/// Process slots reserved together, and the token that kills every process started from
/// them. Slots return to the pool once the group and all its processes are gone.
pub struct ProcessGroup {
    media: Media,
    permit: Permit,
    cancel: CancellationToken,
}

impl ProcessGroup {
    pub fn media(&self) -> &Media {
        &self.media
    }

    fn permit(&self) -> Permit {
        self.permit.clone()
    }

    fn spawn(&self, builder: ProcessBuilder) -> Result<process::Process, MediaError> {
        builder.spawn(self.permit(), &self.cancel)
    }
}
