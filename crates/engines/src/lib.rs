//! Video engines: one `Engine` per model id, each turning an input clip into an output clip.
//!
//! The job runner (recut-jobs) owns leases, retries and refunds; an engine only turns files
//! into files, reports progress and stops promptly when its cancellation token fires.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use async_trait::async_trait;
use tokio_util::sync::CancellationToken;

pub use allocator::keep_freed_buffers;

mod allocator;
pub mod edit;
mod progress;
pub mod upscale;

/// Everything an engine needs for one run. Paths are local files: inputs were already
/// fetched into the job's scratch directory (or read from the blob store) by the caller.
#[derive(Debug, Clone)]
pub struct EngineInput {
    pub job_id: String,
    pub video_path: PathBuf,
    pub reference_image_path: Option<PathBuf>,
    /// Edit prompt (edit model only).
    pub prompt: Option<String>,
    /// The model's params object as submitted and validated (`topazVideoParams` or
    /// `wan27VideoeditParams`), so engines read their own fields.
    pub params: serde_json::Value,
    /// Scratch directory owned by this run; the caller removes it afterwards.
    pub work_dir: PathBuf,
    /// Where the finished MP4 must be written.
    pub output_path: PathBuf,
}

/// What the engine produced, as measured on the output file.
#[derive(Debug, Clone, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct EngineOutput {
    pub width: u32,
    pub height: u32,
    pub fps: f64,
    pub duration_seconds: f64,
    pub frame_count: u64,
    pub has_audio: bool,
    /// Engine-specific facts for `result` (e.g. the profile `auto` chose, the edit plan).
    pub extra: serde_json::Map<String, serde_json::Value>,
}

impl EngineOutput {
    /// Checks the finished file (it exists and holds `expected_frames`) and describes it as
    /// measured, not as intended.
    pub async fn measure(
        media: &recut_media::Media,
        path: &std::path::Path,
        expected_frames: u64,
        extra: serde_json::Map<String, serde_json::Value>,
    ) -> Result<Self, EngineError> {
        let output = media
            .verify_output(path, expected_frames)
            .await
            .map_err(EngineError::from_media)?;
        Ok(EngineOutput {
            width: output.width,
            height: output.height,
            fps: output.fps,
            duration_seconds: output.duration_seconds,
            frame_count: output.frame_count,
            has_audio: output.has_audio,
            extra,
        })
    }
}

/// Progress callback: called with 0..=100 as frames are processed. Cheap to call often;
/// the job runner throttles database writes.
pub type ProgressFn = Arc<dyn Fn(u8) + Send + Sync>;

pub struct EngineContext {
    pub progress: ProgressFn,
    pub cancel: CancellationToken,
}

#[derive(Debug, thiserror::Error)]
pub enum EngineError {
    /// The input cannot be processed by this engine (corrupt, unsupported, no video stream,
    /// out of limits). Fatal: retrying would fail the same way.
    #[error("{0}")]
    InvalidInput(String),
    #[error(transparent)]
    Media(#[from] recut_media::MediaError),
    #[error("cancelled")]
    Cancelled,
    /// A fault on our side (disk full, I/O error). Retryable.
    #[error("internal engine error: {0}")]
    Internal(String),
}

impl EngineError {
    /// A media failure as an engine error; a cancelled process means the job was cancelled.
    pub fn from_media(err: recut_media::MediaError) -> Self {
        match err {
            recut_media::MediaError::Cancelled => EngineError::Cancelled,
            err => EngineError::Media(err),
        }
    }

    /// Whether another attempt might succeed. Input problems are fatal; process crashes,
    /// timeouts and I/O faults are retried up to the job's attempt limit.
    pub fn is_retryable(&self) -> bool {
        match self {
            EngineError::InvalidInput(_) | EngineError::Cancelled => false,
            EngineError::Media(e) => !e.is_client_error(),
            EngineError::Internal(_) => true,
        }
    }
}

#[async_trait]
pub trait Engine: Send + Sync {
    /// The model id this engine serves, e.g. `topaz-video-upscale`.
    fn model(&self) -> &'static str;
    async fn run(
        &self,
        input: EngineInput,
        ctx: EngineContext,
    ) -> Result<EngineOutput, EngineError>;
}

/// The engines this build runs, by model id. A model with no engine is rejected by the job
/// runner with a clear error and a refund.
#[derive(Clone, Default)]
pub struct EngineRegistry {
    engines: HashMap<&'static str, Arc<dyn Engine>>,
}

impl EngineRegistry {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn with(mut self, engine: Arc<dyn Engine>) -> Self {
        self.engines.insert(engine.model(), engine);
        self
    }

    pub fn get(&self, model: &str) -> Option<Arc<dyn Engine>> {
        self.engines.get(model).cloned()
    }
}
