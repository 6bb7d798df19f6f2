//! Assembles one Recut process from its configuration: store, blobs, media, fetcher,
//! engines, API router, workers and maintenance.

use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use recut_api::AppState;
use recut_blobs::{BlobStore, S3Settings};
use recut_config::Config;
use recut_engines::{
    edit::{EditEngine, PersonModels},
    upscale::UpscaleEngine,
    EngineRegistry,
};
use recut_fetch::{FetchPolicy, GuardedClient};
use recut_jobs::{JobControl, Maintenance, WorkerPool, WorkerSettings};
use recut_media::{Media, MediaConfig};
use recut_webhooks::{Dispatcher, DispatcherSettings};
use tokio_util::sync::CancellationToken;

pub struct App {
    pub state: Arc<AppState>,
    pub workers: WorkerPool,
    pub maintenance: Maintenance,
    pub dispatcher: Dispatcher,
}

pub fn media_from(config: &Config) -> Media {
    Media::new(MediaConfig {
        ffmpeg: config.media.ffmpeg.clone(),
        ffprobe: config.media.ffprobe.clone(),
        max_concurrent_processes: config.media.max_processes,
        probe_timeout: Duration::from_secs(config.media.probe_timeout_seconds),
        process_timeout: Duration::from_secs(config.workers.job_timeout_seconds),
    })
}

/// The person segmentation models, if installed. Missing models only narrow what the edit
/// engine can separate (logged); models that are there but do not load stop the start.
fn person_models(config: &Config) -> anyhow::Result<Option<PersonModels>> {
    let models = PersonModels::load(&config.models_dir).map_err(anyhow::Error::msg)?;
    match &models {
        Some(_) => tracing::info!(dir = %config.models_dir.display(), "person segmentation on"),
        None => tracing::warn!(
            dir = %config.models_dir.display(),
            "person segmentation off: no models there (scripts/fetch-models.sh fetches them)"
        ),
    }
    Ok(models)
}

pub async fn build(config: Config) -> anyhow::Result<App> {
    std::fs::create_dir_all(&config.data_dir)
        .with_context(|| format!("creating data dir {}", config.data_dir.display()))?;
    let store = recut_store::connect(&config.database_url_or_default())
        .await
        .context("opening the database")?;
    let blobs = match config.storage.backend.as_str() {
        "s3" => {
            let st = &config.storage;
            BlobStore::s3(
                &S3Settings {
                    bucket: st.bucket.clone(),
                    endpoint: st.endpoint.clone(),
                    region: st.region.clone(),
                    access_key_id: st.access_key_id.clone(),
                    secret_access_key: st.secret_access_key.clone(),
                    prefix: st.prefix.clone(),
                },
                config.data_dir.join("staging"),
            )
            .context("configuring the S3 bucket")?
        }
        _ => BlobStore::local(config.data_dir.join("files")).context("opening the file store")?,
    };
    let media = media_from(&config);
    match media.warm_up().await {
        Ok(scaler) => tracing::info!(scaler, "ffmpeg ready"),
        // The API still answers; every job will fail with ffmpeg's own error until it is fixed.
        Err(err) => tracing::warn!(error = %err, "ffmpeg did not answer"),
    }
    let fetch = GuardedClient::new(FetchPolicy {
        allow_private_networks: config.allow_private_networks,
        max_bytes: config.limits.fetch_max_bytes,
        timeout: Duration::from_secs(config.limits.fetch_timeout_seconds),
        ..FetchPolicy::default()
    })
    .context("building the HTTP client")?;
    let control = JobControl::new();
    let engines = EngineRegistry::new()
        .with(Arc::new(UpscaleEngine::new(media.clone())))
        .with(Arc::new(
            EditEngine::with_limits(media.clone(), recut_api::edit_limits(&config))
                .with_person_models(person_models(&config)?),
        ));
    let workers = WorkerPool::new(
        store.clone(),
        blobs.clone(),
        engines,
        control.clone(),
        WorkerSettings::from_config(&config),
    );
    if let Some(n) = store.notifications() {
        bridge_notifications(n, control.clone());
    }
    let maintenance = Maintenance::new(store.clone(), blobs.clone(), &config);
    let dispatcher = Dispatcher::new(
        store.clone(),
        fetch.clone(),
        DispatcherSettings::from_config(&config),
        control.outbox.clone(),
    );
    let state = AppState::new(config, store, blobs, media, fetch, control);
    Ok(App {
        state,
        workers,
        maintenance,
        dispatcher,
    })
}

/// Relays another process's changes into this process's wake-ups and cancellations.
fn bridge_notifications(n: recut_store::StoreNotifications, control: Arc<JobControl>) {
    let jobs_control = control.clone();
    tokio::spawn(async move {
        loop {
            n.jobs.notified().await;
            jobs_control.job_submitted();
        }
    });
    let outbox_control = control.clone();
    tokio::spawn(async move {
        loop {
            n.outbox.notified().await;
            outbox_control.outbox_written();
        }
    });
    let mut cancels = n.cancels.subscribe();
    tokio::spawn(async move {
        loop {
            match cancels.recv().await {
                Ok(id) => {
                    control.cancel_running(id);
                }
                Err(tokio::sync::broadcast::error::RecvError::Lagged(_)) => continue,
                Err(tokio::sync::broadcast::error::RecvError::Closed) => return,
            }
        }
    });
}

impl App {
    /// Serves on `listener` and runs workers and maintenance until `stop` fires; then stops
    /// accepting, lets running jobs finish within the grace period, and returns.
    pub async fn run(
        self,
        listener: tokio::net::TcpListener,
        stop: CancellationToken,
    ) -> anyhow::Result<()> {
        let config = &self.state.config;
        let router = if config.runs_api() {
            recut_api::router(self.state.clone())
        } else {
            recut_api::ops_router(self.state.clone())
        };
        let mut background = Vec::new();
        if config.runs_workers() {
            background.push(tokio::spawn(self.workers.run(stop.clone())));
            background.push(tokio::spawn(self.maintenance.run(stop.clone())));
            background.push(tokio::spawn(self.dispatcher.run(stop.clone())));
        }
        let shutdown = stop.clone();
        axum::serve(listener, router)
            .with_graceful_shutdown(async move { shutdown.cancelled().await })
            .await
            .context("HTTP server failed")?;
        for task in background {
            let _ = task.await;
        }
        Ok(())
    }
}
