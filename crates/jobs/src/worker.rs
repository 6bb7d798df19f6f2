use std::path::PathBuf;
use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use recut_blobs::{Area, BlobStore};
use recut_engines::{EngineContext, EngineError, EngineInput, EngineRegistry};
use recut_store::{ClaimedJob, LeaseState, LeaseToken, Store};
use tokio_util::sync::CancellationToken;
use tracing::{error, info, warn};

use crate::JobControl;

#[derive(Debug, Clone)]
pub struct WorkerSettings {
    pub concurrency: usize,
    pub lease: Duration,
    pub heartbeat: Duration,
    pub poll_interval: Duration,
    pub job_timeout: Duration,
    pub shutdown_grace: Duration,
    /// Scratch space for running jobs.
    pub work_dir: PathBuf,
    /// Base for result URLs, without a trailing slash.
    pub public_base_url: String,
}

impl WorkerSettings {
    pub fn from_config(cfg: &recut_config::Config) -> Self {
        WorkerSettings {
            concurrency: cfg.workers.concurrency,
            lease: Duration::from_secs(cfg.workers.lease_seconds),
            heartbeat: Duration::from_secs(cfg.workers.heartbeat_seconds),
            poll_interval: Duration::from_millis(cfg.workers.poll_interval_ms),
            job_timeout: Duration::from_secs(cfg.workers.job_timeout_seconds),
            shutdown_grace: Duration::from_secs(cfg.workers.shutdown_grace_seconds),
            work_dir: cfg.data_dir.join("work"),
            public_base_url: cfg.public_base_url(),
        }
    }
}

#[derive(Clone)]
pub struct WorkerPool {
    store: Arc<dyn Store>,
    blobs: BlobStore,
    engines: EngineRegistry,
    control: Arc<JobControl>,
    settings: WorkerSettings,
    id: String,
}

/// How one attempt ended, before it is written down.
enum Outcome {
    Done(recut_engines::EngineOutput, PathBuf),
    Failed {
        message: String,
        retryable: bool,
    },
    /// Cancelled by the user or lost lease: someone else already wrote the final state.
    Abandoned,
    /// Shutdown grace ran out: give the job back to the queue.
    Released,
}

impl WorkerPool {
    pub fn new(
        store: Arc<dyn Store>,
        blobs: BlobStore,
        engines: EngineRegistry,
        control: Arc<JobControl>,
        settings: WorkerSettings,
    ) -> Self {
        let id = format!("{}-{}", hostname(), uuid::Uuid::new_v4().simple());
        WorkerPool {
            store,
            blobs,
            engines,
            control,
            settings,
            id,
        }
    }

    /// Runs `concurrency` worker loops until `stop` fires. After `stop`, no new job is
    /// claimed; running jobs get `shutdown_grace` to finish and are then released.
    pub async fn run(self, stop: CancellationToken) {
        let hard_stop = CancellationToken::new();
        let mut tasks = tokio::task::JoinSet::new();
        for n in 0..self.settings.concurrency {
            let pool = self.clone();
            let stop = stop.clone();
            let hard = hard_stop.clone();
            tasks.spawn(async move { pool.worker_loop(n, stop, hard).await });
        }
        if tasks.is_empty() {
            return;
        }
        stop.cancelled().await;
        let grace = tokio::time::sleep(self.settings.shutdown_grace);
        tokio::pin!(grace);
        loop {
            tokio::select! {
                joined = tasks.join_next() => if joined.is_none() { break },
                _ = &mut grace, if !hard_stop.is_cancelled() => {
                    warn!(running = self.control.running_count(), "shutdown grace elapsed; releasing running jobs");
                    hard_stop.cancel();
                }
            }
        }
    }

    async fn worker_loop(&self, n: usize, stop: CancellationToken, hard_stop: CancellationToken) {
        let worker = format!("{}#{n}", self.id);
        while !stop.is_cancelled() {
            match self.store.claim(&worker, self.settings.lease).await {
                Ok(Some(job)) => self.run_job(&worker, job, hard_stop.clone()).await,
                Ok(None) => {
                    tokio::select! {
                        _ = self.control.wake.notified() => {}
                        _ = tokio::time::sleep(self.settings.poll_interval) => {}
                        _ = stop.cancelled() => {}
                    }
                }
                Err(e) => {
                    warn!(error = %e, "claiming a job failed; backing off");
                    tokio::select! {
                        _ = tokio::time::sleep(self.settings.poll_interval * 2) => {}
                        _ = stop.cancelled() => {}
                    }
                }
            }
        }
    }

    async fn run_job(&self, worker: &str, job: ClaimedJob, hard_stop: CancellationToken) {
        let lease = LeaseToken {
            job_id: job.id,
            attempt: job.attempt,
            worker: worker.to_owned(),
        };
        let started = Instant::now();
        info!(job = %job.id, model = %job.model, attempt = job.attempt, "job started");
        let cancel = CancellationToken::new();
        self.control.register(job.id, cancel.clone());
        let progress = Arc::new(AtomicU8::new(0));
        let heartbeat = tokio::spawn(heartbeat_loop(
            self.control.clone(),
            self.store.clone(),
            lease.clone(),
            self.settings.clone(),
            progress.clone(),
            cancel.clone(),
        ));
        let work_dir = self
            .settings
            .work_dir
            .join(format!("{}-{}", job.id, job.attempt));
        let outcome = self
            .execute(&job, &work_dir, progress, cancel.clone(), hard_stop)
            .await;
        cancel.cancel();
        let _ = heartbeat.await;
        self.control.unregister(job.id);
        let _ = tokio::fs::remove_dir_all(&work_dir).await;
        self.finish(&job, &lease, outcome, started).await;
    }

    async fn execute(
        &self,
        job: &ClaimedJob,
        work_dir: &std::path::Path,
        progress: Arc<AtomicU8>,
        cancel: CancellationToken,
        hard_stop: CancellationToken,
    ) -> Outcome {
        let fatal = |message: String| Outcome::Failed {
            message,
            retryable: false,
        };
        let Some(engine) = self.engines.get(&job.model) else {
            return fatal(format!(
                "model {} has no engine in this Recut build yet; the job was refunded",
                job.model
            ));
        };
        let Some(video_blob) = &job.video_blob else {
            return fatal("the job has no input video".into());
        };
        // Local copies live until the engine is done (downloaded ones are removed on drop).
        let video = match self.blobs.local_copy(video_blob).await {
            Ok(p) => p,
            Err(recut_blobs::BlobError::NotFound(_)) => {
                return fatal("the input video is no longer available".into())
            }
            Err(e) => {
                return Outcome::Failed {
                    message: e.to_string(),
                    retryable: true,
                }
            }
        };
        let reference_image = match &job.image_blob {
            Some(key) => match self.blobs.local_copy(key).await {
                Ok(p) => Some(p),
                Err(recut_blobs::BlobError::NotFound(_)) => {
                    return fatal("the reference image is no longer available".into())
                }
                Err(e) => {
                    return Outcome::Failed {
                        message: e.to_string(),
                        retryable: true,
                    }
                }
            },
            None => None,
        };
        if let Err(e) = tokio::fs::create_dir_all(work_dir).await {
            return Outcome::Failed {
                message: format!("cannot create scratch directory: {e}"),
                retryable: true,
            };
        }
        let output_path = self.blobs.staging_path("mp4");
        let params_key = if job.model == "topaz-video-upscale" {
            "topazVideoParams"
        } else {
            "wan27VideoeditParams"
        };
        let input = EngineInput {
            job_id: job.id.to_string(),
            video_path: video.path().to_owned(),
            reference_image_path: reference_image.as_ref().map(|c| c.path().to_owned()),
            prompt: job
                .input
                .get("prompt")
                .and_then(|p| p.as_str())
                .map(str::to_owned),
            params: job.input.get(params_key).cloned().unwrap_or_default(),
            work_dir: work_dir.to_owned(),
            output_path: output_path.clone(),
        };
        let ctx = EngineContext {
            progress: Arc::new(move |p: u8| {
                progress.fetch_max(p.min(100), Ordering::Relaxed);
            }),
            cancel: cancel.clone(),
        };
        let run = engine.run(input, ctx);
        tokio::pin!(run);
        let result = tokio::select! {
            r = &mut run => r,
            _ = tokio::time::sleep(self.settings.job_timeout) => {
                cancel.cancel();
                let _ = run.await;
                let _ = tokio::fs::remove_file(&output_path).await;
                return fatal(format!("the job exceeded the {} s processing limit", self.settings.job_timeout.as_secs()));
            }
            _ = hard_stop.cancelled() => {
                cancel.cancel();
                let _ = run.await;
                let _ = tokio::fs::remove_file(&output_path).await;
                return Outcome::Released;
            }
        };
        match result {
            Ok(out) => Outcome::Done(out, output_path),
            Err(e) => {
                let _ = tokio::fs::remove_file(&output_path).await;
                match e {
                    EngineError::Cancelled => Outcome::Abandoned,
                    e => Outcome::Failed {
                        retryable: e.is_retryable(),
                        message: e.to_string(),
                    },
                }
            }
        }
    }

    async fn finish(
        &self,
        job: &ClaimedJob,
        lease: &LeaseToken,
        outcome: Outcome,
        started: Instant,
    ) {
        let elapsed = started.elapsed().as_secs_f64();
        let outcome_label;
        match outcome {
            Outcome::Done(out, path) => {
                let key = recut_blobs::new_key(Area::Results, "mp4");
                if let Err(e) = self.blobs.put_file(&key, &path).await {
                    let _ = tokio::fs::remove_file(&path).await;
                    return Box::pin(self.finish(
                        job,
                        lease,
                        Outcome::Failed {
                            message: format!("storing the result failed: {e}"),
                            retryable: true,
                        },
                        started,
                    ))
                    .await;
                }
                let mut result = serde_json::json!({
                    "videoUrl": format!("{}/files/{}", self.settings.public_base_url, key),
                    "width": out.width,
                    "height": out.height,
                    "fps": out.fps,
                    "durationSeconds": out.duration_seconds,
                    "frameCount": out.frame_count,
                    "hasAudio": out.has_audio,
                    "contentType": "video/mp4",
                });
                if let Some(map) = result.as_object_mut() {
                    map.extend(out.extra.clone());
                }
                match self.store.complete(lease, result, &key).await {
                    Ok(true) => {
                        outcome_label = "completed";
                        info!(job = %job.id, seconds = elapsed, "job completed");
                    }
                    Ok(false) => {
                        outcome_label = "abandoned";
                        info!(job = %job.id, "job finished after losing its lease; result discarded");
                        let _ = self.blobs.delete(&key).await;
                    }
                    Err(e) => {
                        // The lease will expire and the job will be retried.
                        outcome_label = "error";
                        error!(job = %job.id, error = %e, "recording completion failed");
                        let _ = self.blobs.delete(&key).await;
                    }
                }
            }
            Outcome::Failed { message, retryable } => {
                let retry = retryable && job.attempt < job.max_attempts;
                let written = if retry {
                    let backoff = 5_000 * job.attempt * job.attempt;
                    warn!(job = %job.id, attempt = job.attempt, error = %message, "attempt failed; will retry");
                    outcome_label = "retried";
                    self.store
                        .retry_later(lease, &message, recut_store::now_ms() + backoff)
                        .await
                } else {
                    warn!(job = %job.id, attempt = job.attempt, error = %message, "job failed");
                    outcome_label = "failed";
                    self.store.fail(lease, &message).await
                };
                if let Err(e) = written {
                    error!(job = %job.id, error = %e, "recording failure failed; lease rescue will handle it");
                }
            }
            Outcome::Abandoned => {
                outcome_label = "cancelled";
                info!(job = %job.id, "job stopped: cancelled or lease lost");
            }
            Outcome::Released => {
                outcome_label = "released";
                if let Err(e) = self.store.release(lease).await {
                    error!(job = %job.id, error = %e, "releasing job failed; lease rescue will handle it");
                }
                info!(job = %job.id, "job released for another worker");
            }
        }
        self.control.outbox_written();
        recut_metrics::observe(
            "recut_job_processing_seconds",
            &[("model", job.model.as_str()), ("outcome", outcome_label)],
            recut_metrics::SECONDS_BUCKETS,
            elapsed,
        );
    }
}

/// Renews the lease, stores progress and watches for cancellation until `done` fires.
async fn heartbeat_loop(
    control: Arc<JobControl>,
    store: Arc<dyn Store>,
    lease: LeaseToken,
    settings: WorkerSettings,
    progress: Arc<AtomicU8>,
    done: CancellationToken,
) {
    // Ticks every second so progress and cross-process cancel requests show up promptly;
    // the lease itself is renewed at least every `heartbeat`.
    let tick = Duration::from_secs(1).min(settings.heartbeat);
    let mut last_progress = 0u8;
    let mut last_beat = Instant::now();
    loop {
        tokio::select! {
            _ = done.cancelled() => return,
            _ = tokio::time::sleep(tick) => {}
        }
        let p = progress.load(Ordering::Relaxed);
        if p == last_progress && last_beat.elapsed() < settings.heartbeat {
            continue;
        }
        match store
            .heartbeat(&lease, settings.lease, Some(p.min(99)))
            .await
        {
            Ok(LeaseState::Held { cancel_requested }) => {
                if p != last_progress {
                    control.outbox_written();
                }
                last_progress = p;
                last_beat = Instant::now();
                if cancel_requested {
                    done.cancel();
                    return;
                }
            }
            Ok(LeaseState::Lost) => {
                warn!(job = %lease.job_id, "lease lost; stopping the job");
                done.cancel();
                return;
            }
            Err(e) => warn!(job = %lease.job_id, error = %e, "heartbeat failed"),
        }
    }
}

fn hostname() -> String {
    std::fs::read_to_string("/proc/sys/kernel/hostname")
        .map(|h| h.trim().to_owned())
        .ok()
        .filter(|h| !h.is_empty())
        .unwrap_or_else(|| "recut".into())
}
