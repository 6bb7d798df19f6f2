//! The one place errors become HTTP responses. Handlers return `ApiError`; client mistakes
//! carry a message that says what to fix, internal faults are logged with their context and
//! answered with a generic message that leaks nothing.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::json;

use crate::validate::Details;

#[derive(Debug)]
pub enum ApiError {
    Validation(Details),
    /// An edit prompt the engine cannot perform: which phrase, and what it can do instead.
    Prompt {
        path: &'static str,
        message: String,
        phrase: Option<String>,
        supported: &'static [&'static str],
    },
    BadRequest(String),
    Unauthorized(String),
    Forbidden(String),
    NotFound(String),
    InsufficientCredits {
        required: i64,
        available: i64,
    },
    Conflict {
        message: String,
        status: &'static str,
    },
    PayloadTooLarge(String),
    UnsupportedMediaType(String),
    IdempotencyMismatch,
    RateLimited {
        retry_after_secs: u64,
    },
    Unavailable {
        message: String,
        retry_after_secs: u64,
    },
    Internal(String),
}

impl ApiError {
    /// A validation failure at one JSON path.
    pub fn at(path: &str, message: impl Into<String>) -> Self {
        let mut d = Details::new();
        d.insert(path.to_owned(), vec![message.into()]);
        ApiError::Validation(d)
    }

    pub fn internal(context: &str, e: impl std::fmt::Display) -> Self {
        ApiError::Internal(format!("{context}: {e}"))
    }
}

impl From<recut_store::StoreError> for ApiError {
    fn from(e: recut_store::StoreError) -> Self {
        match e {
            recut_store::StoreError::Unavailable(m) => ApiError::Unavailable {
                message: format!("The database is temporarily unavailable ({m}); retry shortly"),
                retry_after_secs: 2,
            },
            other => ApiError::internal("store", other),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (status, body, retry_after) = match self {
            ApiError::Validation(details) => (
                StatusCode::BAD_REQUEST,
                json!({"error": "Validation error", "details": details}),
                None,
            ),
            ApiError::Prompt {
                path,
                message,
                phrase,
                supported,
            } => (
                StatusCode::BAD_REQUEST,
                json!({
                    "error": "Validation error",
                    "details": {path: [message]},
                    "unsupportedPhrase": phrase,
                    "supported": supported,
                }),
                None,
            ),
            ApiError::BadRequest(m) => (StatusCode::BAD_REQUEST, json!({"error": m}), None),
            ApiError::Unauthorized(m) => (StatusCode::UNAUTHORIZED, json!({"error": m}), None),
            ApiError::Forbidden(m) => (StatusCode::FORBIDDEN, json!({"error": m}), None),
            ApiError::NotFound(m) => (StatusCode::NOT_FOUND, json!({"error": m}), None),
            ApiError::InsufficientCredits {
                required,
                available,
            } => (
                StatusCode::PAYMENT_REQUIRED,
                json!({"error": "Insufficient credits", "creditsRequired": required, "creditsAvailable": available}),
                None,
            ),
            ApiError::Conflict { message, status } => (
                StatusCode::CONFLICT,
                json!({"error": message, "status": status}),
                None,
            ),
            ApiError::PayloadTooLarge(m) => {
                (StatusCode::PAYLOAD_TOO_LARGE, json!({"error": m}), None)
            }
            ApiError::UnsupportedMediaType(m) => (
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                json!({"error": m}),
                None,
            ),
            ApiError::IdempotencyMismatch => (
                StatusCode::UNPROCESSABLE_ENTITY,
                json!({"error": "This Idempotency-Key was already used with a different request body; use a new key for a different request"}),
                None,
            ),
            ApiError::RateLimited { retry_after_secs } => (
                StatusCode::TOO_MANY_REQUESTS,
                json!({"error": format!("Rate limit exceeded; retry after {retry_after_secs} s")}),
                Some(retry_after_secs),
            ),
            ApiError::Unavailable {
                message,
                retry_after_secs,
            } => {
                tracing::warn!(%message, "answering 503");
                (
                    StatusCode::SERVICE_UNAVAILABLE,
                    json!({"error": message}),
                    Some(retry_after_secs),
                )
            }
            ApiError::Internal(m) => {
                tracing::error!(error = %m, "internal error");
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    json!({"error": "Internal server error"}),
                    None,
                )
            }
        };
        let mut resp = (status, axum::Json(body)).into_response();
        if let Some(secs) = retry_after {
            resp.headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(secs.max(1)));
        }
        resp
    }
}

pub type ApiResult<T> = Result<T, ApiError>;
