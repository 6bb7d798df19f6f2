//! Serving uploads and results by their unguessable URLs, with Range support.

use std::sync::Arc;

use axum::extract::{Path, Request, State};
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};
use tower::ServiceExt;
use tower_http::services::ServeFile;

use crate::{ApiError, AppState};

pub async fn serve(
    State(state): State<Arc<AppState>>,
    Path(key): Path<String>,
    req: Request,
) -> Response {
    // Inputs fetched for a job are private to it; only uploads and results have URLs.
    if !(key.starts_with("uploads/") || key.starts_with("results/"))
        || !recut_blobs::is_valid_key(&key)
    {
        return ApiError::NotFound("File not found".into()).into_response();
    }
    let path = match state.blobs.local_path(&key).await {
        Ok(p) => p,
        Err(recut_blobs::BlobError::NotFound(_)) => {
            return ApiError::NotFound("File not found or expired".into()).into_response()
        }
        Err(e) => return ApiError::internal("opening file", e).into_response(),
    };
    let content_type = HeaderValue::from_static(recut_blobs::content_type_for(&key));
    match ServeFile::new(path).oneshot(req).await {
        Ok(resp) => {
            let mut resp = resp.map(axum::body::Body::new);
            if resp.status().is_success() {
                resp.headers_mut()
                    .insert(header::CONTENT_TYPE, content_type);
                resp.headers_mut().insert(
                    header::CACHE_CONTROL,
                    HeaderValue::from_static("private, max-age=86400"),
                );
            }
            resp
        }
        Err(e) => ApiError::internal("serving file", e).into_response(),
    }
}
