use std::sync::Arc;

use axum::extract::{DefaultBodyLimit, FromRequest, Request};
use axum::http::{header, StatusCode};
use axum::response::IntoResponse;
use axum::routing::{get, post};
use axum::Router;
use serde_json::Value;

use crate::{ApiError, AppState};

mod account;
mod files;
mod jobs;
mod ops;
mod uploads;
mod videos;

pub use videos::edit_limits;

pub fn router(state: Arc<AppState>) -> Router {
    let upload_limit = state
        .config
        .limits
        .upload_video_max_bytes
        .max(state.config.limits.upload_image_max_bytes)
        .max(state.config.limits.upload_audio_max_bytes) as usize
        + 64 * 1024;
    Router::new()
        .route("/v2/videos/upscale", post(videos::upscale))
        .route("/v2/videos/edit", post(videos::edit))
        .route("/v2/jobs", get(jobs::list))
        .route("/v2/jobs/{id}", get(jobs::get_one))
        .route("/v2/jobs/{id}/cancel", post(jobs::cancel))
        .route("/v2/jobs/{id}/webhooks", get(jobs::webhooks))
        .route("/v2/jobs/{id}/webhooks/retry", post(jobs::retry_webhooks))
        .route(
            "/v2/uploads",
            post(uploads::create).layer(DefaultBodyLimit::max(upload_limit)),
        )
        .route("/v2/me", get(account::me))
        .route("/v2/models", get(account::models))
        .route("/v2/openapi.json", get(account::openapi))
        .route("/files/{*key}", get(files::serve))
        .route("/healthz", get(ops::healthz))
        .route("/readyz", get(ops::readyz))
        .route("/metrics", get(ops::metrics))
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .with_state(state)
}

pub fn ops_router(state: Arc<AppState>) -> Router {
    Router::new()
        .route("/healthz", get(ops::healthz))
        .route("/readyz", get(ops::readyz))
        .route("/metrics", get(ops::metrics))
        .fallback(not_found)
        .with_state(state)
}

async fn not_found() -> ApiError {
    ApiError::NotFound(
        "No such route; see GET /v2/openapi.json for the routes this server offers".into(),
    )
}

async fn method_not_allowed() -> impl IntoResponse {
    (
        StatusCode::METHOD_NOT_ALLOWED,
        axum::Json(serde_json::json!({"error": "Method not allowed on this route"})),
    )
}

/// A JSON request body: the right content type, within the size limit, well-formed.
/// Each failure is its own 4xx that says what to fix.
pub struct JsonBody(pub Value);

impl FromRequest<Arc<AppState>> for JsonBody {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &Arc<AppState>) -> Result<Self, Self::Rejection> {
        let content_type = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        let essence = content_type
            .split(';')
            .next()
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase();
        if essence != "application/json" && !essence.ends_with("+json") {
            return Err(ApiError::UnsupportedMediaType(format!(
                "Content-Type must be application/json (got {})",
                if content_type.is_empty() {
                    "none"
                } else {
                    content_type
                }
            )));
        }
        let limit = state.config.limits.max_json_body_bytes as usize;
        let too_large = || {
            ApiError::PayloadTooLarge(format!(
                "Request body is larger than the {limit}-byte limit"
            ))
        };
        let declared = req
            .headers()
            .get(header::CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse::<usize>().ok());
        if declared.is_some_and(|n| n > limit) {
            return Err(too_large());
        }
        let bytes = axum::body::to_bytes(req.into_body(), limit)
            .await
            .map_err(|e| {
                if std::error::Error::source(&e)
                    .is_some_and(|s| s.is::<http_body_util::LengthLimitError>())
                {
                    too_large()
                } else {
                    ApiError::BadRequest(format!("Could not read the request body: {e}"))
                }
            })?;
        if bytes.is_empty() {
            return Err(ApiError::BadRequest(
                "Request body is empty; send a JSON object".into(),
            ));
        }
        let value: Value = serde_json::from_slice(&bytes)
            .map_err(|e| ApiError::BadRequest(format!("Malformed JSON in request body: {e}")))?;
        Ok(JsonBody(value))
    }
}
