//! Serving uploads and results by their unguessable URLs, with Range support: straight
//! from disk for the local store; from a bucket either proxied (Range passed through) or
//! by redirect to a presigned URL, as configured.

use std::sync::Arc;

use axum::body::Body;
use axum::extract::{Path, Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use recut_blobs::BlobError;
use tower::ServiceExt;
use tower_http::services::ServeFile;

use crate::{ApiError, AppState};

fn not_found() -> Response {
    ApiError::NotFound("File not found or expired".into()).into_response()
}

pub async fn serve(
    State(state): State<Arc<AppState>>,
    Path(key): Path<String>,
    req: Request,
) -> Response {
    // Inputs fetched for a job are private to it; only uploads and results have URLs.
    if !(key.starts_with("uploads/") || key.starts_with("results/"))
        || !recut_blobs::is_valid_key(&key)
    {
        return not_found();
    }
    let content_type = HeaderValue::from_static(recut_blobs::content_type_for(&key));
    if state.blobs.is_local() {
        let copy = match state.blobs.local_copy(&key).await {
            Ok(c) => c,
            Err(BlobError::NotFound(_)) => return not_found(),
            Err(e) => return ApiError::internal("opening file", e).into_response(),
        };
        return match ServeFile::new(copy.path()).oneshot(req).await {
            Ok(resp) => {
                let mut resp = resp.map(Body::new);
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
        };
    }
    if state.config.storage.serve == "presigned" {
        let ttl = std::time::Duration::from_secs(state.config.storage.presign_seconds);
        return match state.blobs.presigned_url(&key, ttl).await {
            Ok(Some(url)) => match HeaderValue::from_str(&url) {
                Ok(location) => (
                    StatusCode::TEMPORARY_REDIRECT,
                    [(header::LOCATION, location)],
                )
                    .into_response(),
                Err(e) => ApiError::internal("presigned URL", e).into_response(),
            },
            Ok(None) | Err(BlobError::NotFound(_)) => not_found(),
            Err(e) => ApiError::internal("presigning", e).into_response(),
        };
    }
    proxy(&state, &key, req, content_type).await
}

async fn proxy(state: &AppState, key: &str, req: Request, content_type: HeaderValue) -> Response {
    let range_header = req
        .headers()
        .get(header::RANGE)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    // The object's length decides what a range means, so read the whole-object metadata
    // first; `read` with a range then asks the bucket for just those bytes.
    let whole = match state.blobs.read(key, None).await {
        Ok(r) => r,
        Err(BlobError::NotFound(_)) => return not_found(),
        Err(e) => return ApiError::internal("reading file", e).into_response(),
    };
    let range = match recut_blobs::parse_range(range_header.as_deref(), whole.total_len) {
        Ok(r) => r,
        Err(recut_blobs::RangeNotSatisfiable) => {
            return (
                StatusCode::RANGE_NOT_SATISFIABLE,
                [(
                    header::CONTENT_RANGE,
                    format!("bytes */{}", whole.total_len),
                )],
            )
                .into_response()
        }
    };
    let read = match range {
        None => whole,
        Some(r) => {
            drop(whole);
            match state.blobs.read(key, Some(r)).await {
                Ok(r) => r,
                Err(BlobError::NotFound(_)) => return not_found(),
                Err(e) => return ApiError::internal("reading file", e).into_response(),
            }
        }
    };
    let mut builder = Response::builder()
        .header(header::CONTENT_TYPE, content_type)
        .header(header::ACCEPT_RANGES, "bytes")
        .header(header::CACHE_CONTROL, "private, max-age=86400");
    match read.range {
        Some((start, end)) => {
            builder = builder
                .status(StatusCode::PARTIAL_CONTENT)
                .header(
                    header::CONTENT_RANGE,
                    format!("bytes {start}-{end}/{}", read.total_len),
                )
                .header(header::CONTENT_LENGTH, end + 1 - start);
        }
        None => {
            builder = builder
                .status(StatusCode::OK)
                .header(header::CONTENT_LENGTH, read.total_len);
        }
    }
    builder
        .body(Body::from_stream(read.body))
        .unwrap_or_else(|e| ApiError::internal("building response", e).into_response())
}
