//! The HTTP API: the Apiframe v2 video routes exactly as published, plus Recut's additions
//! (job cancellation, file serving, OpenAPI document, health and metrics).

mod auth;
mod error;
mod inputs;
pub mod openapi;
mod pricing;
mod routes;
pub mod validate;

use std::sync::Arc;
use std::time::Instant;

use axum::extract::{MatchedPath, Request};
use axum::middleware::Next;
use axum::response::Response;
use axum::Router;
use recut_blobs::BlobStore;
use recut_config::Config;
use recut_fetch::GuardedClient;
use recut_jobs::JobControl;
use recut_media::Media;
use recut_store::Store;

pub use auth::{AuthCache, RateLimiter};
pub use error::{ApiError, ApiResult};
pub use routes::edit_limits;

/// Everything a handler may touch, built once at start-up.
pub struct AppState {
    pub config: Config,
    pub store: Arc<dyn Store>,
    pub blobs: BlobStore,
    pub media: Media,
    pub fetch: GuardedClient,
    pub control: Arc<JobControl>,
    pub limiter: RateLimiter,
    pub auth_cache: AuthCache,
    /// The published contract, used to validate request bodies.
    pub contract: serde_json::Value,
    /// Recut's own document: the contract plus its additions.
    pub openapi: serde_json::Value,
    pub public_base_url: String,
    pub started: Instant,
    /// Last measured queue depth, so submissions do not count the queue every time.
    pub queue_depth_cache: std::sync::Mutex<Option<(Instant, i64)>>,
    pub queue_depth_refreshing: std::sync::atomic::AtomicBool,
}

impl AppState {
    pub fn new(
        config: Config,
        store: Arc<dyn Store>,
        blobs: BlobStore,
        media: Media,
        fetch: GuardedClient,
        control: Arc<JobControl>,
    ) -> Arc<Self> {
        let contract = openapi::contract();
        let openapi = openapi::recut_document(&contract);
        let limiter = RateLimiter::new(config.rate_limit.per_second, config.rate_limit.burst);
        let auth_cache = AuthCache::new(config.rate_limit.auth_cache_ms);
        let public_base_url = config.public_base_url();
        Arc::new(AppState {
            config,
            store,
            blobs,
            media,
            fetch,
            control,
            limiter,
            auth_cache,
            contract,
            openapi,
            public_base_url,
            started: Instant::now(),
            queue_depth_cache: std::sync::Mutex::new(None),
            queue_depth_refreshing: std::sync::atomic::AtomicBool::new(false),
        })
    }
}

pub fn router(state: Arc<AppState>) -> Router {
    routes::router(state).layer(axum::middleware::from_fn(record_metrics))
}

/// Health, readiness and metrics only: what a worker process exposes.
pub fn ops_router(state: Arc<AppState>) -> Router {
    routes::ops_router(state).layer(axum::middleware::from_fn(record_metrics))
}

async fn record_metrics(req: Request, next: Next) -> Response {
    let route = req
        .extensions()
        .get::<MatchedPath>()
        .map(|p| p.as_str().to_owned())
        .unwrap_or_else(|| "unmatched".into());
    let method = req.method().as_str().to_owned();
    let start = Instant::now();
    let resp = next.run(req).await;
    let status = resp.status().as_u16().to_string();
    recut_metrics::inc(
        "recut_http_requests_total",
        &[("method", &method), ("route", &route), ("status", &status)],
        1.0,
    );
    recut_metrics::observe(
        "recut_http_request_duration_seconds",
        &[("route", &route)],
        recut_metrics::SECONDS_BUCKETS,
        start.elapsed().as_secs_f64(),
    );
    resp
}
