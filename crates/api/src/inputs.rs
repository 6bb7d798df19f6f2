//! Resolving the media URLs of a submission into blobs the worker can read.
//!
//! An upload URL of this server is looked up in the database and read from the blob store,
//! never fetched over HTTP; its probe was taken at upload time. Any other URL is fetched by
//! the guarded client into the blob store and probed now, so the price is known before the
//! job is stored.

use recut_blobs::Area;
use recut_media::sniff::{self, MediaKind};
use recut_media::MediaInfo;
use recut_store::Principal;

use crate::{ApiError, AppState};

pub struct ResolvedInput {
    pub blob_key: String,
    pub probe: Option<MediaInfo>,
    /// Fetched for this submission alone: deleted when the job ends.
    pub scratch: bool,
}

/// The blob key if `url` is one of this server's upload URLs.
fn own_upload_key(state: &AppState, url: &url::Url) -> Option<String> {
    let base = url::Url::parse(&state.public_base_url).ok()?;
    if url.origin() != base.origin() {
        return None;
    }
    let base_path = base.path().trim_end_matches('/');
    let key = url
        .path()
        .strip_prefix(base_path)?
        .strip_prefix("/files/")?;
    key.starts_with("uploads/").then(|| key.to_owned())
}

pub async fn resolve(
    state: &AppState,
    caller: &Principal,
    raw: &str,
    path: &str,
    want: MediaKind,
) -> Result<ResolvedInput, ApiError> {
    let url = recut_fetch::parse_user_url(raw).map_err(|e| ApiError::at(path, e.to_string()))?;
    if let Some(key) = own_upload_key(state, &url) {
        let upload = state.store.upload_by_blob(&key).await?;
        let upload = match upload {
            Some(u)
                if u.team_id == caller.team_id
                    && !u.deleted
                    && u.expires_at > recut_store::now_ms() =>
            {
                u
            }
            _ => {
                return Err(ApiError::at(
                    path,
                    "Upload not found or expired; upload the file again with POST /v2/uploads",
                ))
            }
        };
        let kind = match upload.kind.as_str() {
            "video" => MediaKind::Video,
            "image" => MediaKind::Image,
            _ => MediaKind::Audio,
        };
        if kind != want {
            return Err(ApiError::at(
                path,
                format!(
                    "Expected {} but this upload is {} ({})",
                    kind_name(want),
                    kind_name(kind),
                    upload.content_type
                ),
            ));
        }
        let probe = upload.probe.and_then(|p| serde_json::from_value(p).ok());
        return Ok(ResolvedInput {
            blob_key: upload.blob_key,
            probe,
            scratch: false,
        });
    }

    let staging = state.blobs.staging_path("part");
    let fetched = state.fetch.download_to(&url, &staging).await;
    let result = async {
        let downloaded = fetched.map_err(|e| {
            if e.is_client_error() {
                ApiError::at(path, format!("Could not fetch the URL: {e}"))
            } else {
                ApiError::at(
                    path,
                    format!("Could not fetch the URL (try again or upload the file): {e}"),
                )
            }
        })?;
        let head = read_file_head(&staging)
            .await
            .map_err(|e| ApiError::internal("reading fetched input", e))?;
        let sniffed = sniff::sniff(&head)
            .filter(|s| s.kind == want)
            .ok_or_else(|| {
                ApiError::at(
                    path,
                    format!(
                        "The URL did not return {} file (got {} bytes, declared type {})",
                        article_kind(want),
                        downloaded.bytes,
                        downloaded.content_type.as_deref().unwrap_or("none")
                    ),
                )
            })?;
        let probe = if want == MediaKind::Video {
            Some(probe_video(state, &staging, path).await?)
        } else {
            None
        };
        let key = recut_blobs::new_key(Area::Inputs, sniffed.extension);
        state
            .blobs
            .put_file(&key, &staging)
            .await
            .map_err(|e| ApiError::internal("storing fetched input", e))?;
        Ok(ResolvedInput {
            blob_key: key,
            probe,
            scratch: true,
        })
    }
    .await;
    if result.is_err() {
        let _ = tokio::fs::remove_file(&staging).await;
    }
    result
}

/// Probes a video and checks it is one the engines can run.
pub async fn probe_video(
    state: &AppState,
    file: &std::path::Path,
    path: &str,
) -> Result<MediaInfo, ApiError> {
    let info = state.media.probe(file).await.map_err(|e| {
        if e.is_client_error() {
            ApiError::at(path, format!("The file is not a readable video: {e}"))
        } else {
            ApiError::Unavailable {
                message: format!("Could not inspect the video right now: {e}"),
                retry_after_secs: 5,
            }
        }
    })?;
    info.require_video()
        .map_err(|e| ApiError::at(path, format!("The file is not a usable video: {e}")))?;
    Ok(info)
}

pub async fn read_file_head(path: &std::path::Path) -> std::io::Result<Vec<u8>> {
    use tokio::io::AsyncReadExt;
    let mut f = tokio::fs::File::open(path).await?;
    let mut buf = vec![0u8; sniff::SNIFF_LEN];
    let mut n = 0;
    while n < buf.len() {
        let r = f.read(&mut buf[n..]).await?;
        if r == 0 {
            break;
        }
        n += r;
    }
    buf.truncate(n);
    Ok(buf)
}

fn kind_name(k: MediaKind) -> &'static str {
    match k {
        MediaKind::Video => "video",
        MediaKind::Image => "image",
        MediaKind::Audio => "audio",
    }
}

fn article_kind(k: MediaKind) -> &'static str {
    match k {
        MediaKind::Video => "a video (MP4, MOV, WebM, MKV or AVI)",
        MediaKind::Image => "an image (PNG, JPEG, WebP or GIF)",
        MediaKind::Audio => "an audio",
    }
}
