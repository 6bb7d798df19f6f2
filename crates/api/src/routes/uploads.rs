//! `POST /v2/uploads`: one multipart file, typed by its bytes, probed once.

use std::sync::Arc;

use axum::extract::multipart::MultipartRejection;
use axum::extract::{Multipart, State};
use axum::http::StatusCode;
use axum::Json;
use recut_blobs::Area;
use recut_media::sniff::{self, MediaKind};
use recut_store::{format_ms, NewUpload};
use serde_json::{json, Value};
use tokio::io::AsyncWriteExt;
use uuid::Uuid;

use crate::auth::Caller;
use crate::inputs;
use crate::{ApiError, ApiResult, AppState};

fn mb(bytes: u64) -> String {
    format!("{} MB", bytes / 1_000_000)
}

pub async fn create(
    State(state): State<Arc<AppState>>,
    Caller(caller): Caller,
    multipart: Result<Multipart, MultipartRejection>,
) -> ApiResult<(StatusCode, Json<Value>)> {
    let mut multipart = multipart.map_err(|e| {
        if e.status() == StatusCode::UNSUPPORTED_MEDIA_TYPE || e.body_text().contains("boundary") {
            ApiError::UnsupportedMediaType(
                "Content-Type must be multipart/form-data with a `file` field".into(),
            )
        } else {
            ApiError::BadRequest(format!("Invalid multipart body: {}", e.body_text()))
        }
    })?;
    let limits = &state.config.limits;
    let overall_max = limits
        .upload_video_max_bytes
        .max(limits.upload_image_max_bytes)
        .max(limits.upload_audio_max_bytes);
    let staging = state.blobs.staging_path("part");
    let result = async {
        let mut written: Option<u64> = None;
        while let Some(mut field) = multipart.next_field().await.map_err(multipart_error)? {
            if field.name() != Some("file") {
                continue;
            }
            if written.is_some() {
                return Err(ApiError::at("file", "Send exactly one `file` field"));
            }
            let mut out = tokio::fs::File::create(&staging).await.map_err(|e| ApiError::internal("creating upload file", e))?;
            let mut n: u64 = 0;
            while let Some(chunk) = field.chunk().await.map_err(multipart_error)? {
                n += chunk.len() as u64;
                if n > overall_max {
                    return Err(ApiError::at("file", format!("File is larger than the {} limit", mb(overall_max))));
                }
                out.write_all(&chunk).await.map_err(|e| ApiError::internal("writing upload", e))?;
            }
            out.flush().await.map_err(|e| ApiError::internal("writing upload", e))?;
            written = Some(n);
        }
        let size = written.ok_or_else(|| ApiError::at("file", "Required: send the file in a multipart field named `file`"))?;
        if size == 0 {
            return Err(ApiError::at("file", "The file is empty"));
        }
        let head = inputs::read_file_head(&staging).await.map_err(|e| ApiError::internal("reading upload", e))?;
        let sniffed = sniff::sniff(&head).ok_or_else(|| {
            ApiError::at("file", "Unsupported file type; accepted: PNG, JPEG, WebP, GIF, MP4, WebM, MOV, MKV, AVI, MP3, WAV, OGG, M4A")
        })?;
        let (kind, limit) = match sniffed.kind {
            MediaKind::Video => ("video", limits.upload_video_max_bytes),
            MediaKind::Image => ("image", limits.upload_image_max_bytes),
            MediaKind::Audio => ("audio", limits.upload_audio_max_bytes),
        };
        if size > limit {
            return Err(ApiError::at("file", format!("This {kind} is {} bytes; the {kind} limit is {}", size, mb(limit))));
        }
        let probe = if sniffed.kind == MediaKind::Video {
            Some(inputs::probe_video(&state, &staging, "file").await?)
        } else {
            None
        };
        let key = recut_blobs::new_key(Area::Uploads, sniffed.extension);
        state.blobs.put_file(&key, &staging).await.map_err(|e| ApiError::internal("storing upload", e))?;
        let id = Uuid::new_v4();
        let expires_at = recut_store::now_ms() + state.config.retention.upload_ttl_seconds as i64 * 1000;
        let record = NewUpload {
            id,
            team_id: caller.team_id,
            user_id: caller.user_id,
            kind: kind.to_owned(),
            content_type: sniffed.content_type.to_owned(),
            byte_size: size as i64,
            blob_key: key.clone(),
            probe: probe.map(|p| serde_json::to_value(p).unwrap_or_default()),
            expires_at,
        };
        if let Err(e) = state.store.insert_upload(record).await {
            let _ = state.blobs.delete(&key).await;
            return Err(e.into());
        }
        Ok(json!({
            "id": id,
            "url": format!("{}/files/{}", state.public_base_url, key),
            "kind": kind,
            "contentType": sniffed.content_type,
            "byteSize": size,
            "expiresAt": format_ms(expires_at),
        }))
    }
    .await;
    let _ = tokio::fs::remove_file(&staging).await;
    Ok((StatusCode::CREATED, Json(result?)))
}

fn multipart_error(e: axum::extract::multipart::MultipartError) -> ApiError {
    if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
        ApiError::PayloadTooLarge("Upload is larger than the largest allowed file".into())
    } else {
        ApiError::BadRequest(format!("Invalid multipart body: {}", e.body_text()))
    }
}
