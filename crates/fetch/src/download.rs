use std::path::{Path, PathBuf};

use reqwest::header::{CONTENT_TYPE, LOCATION};
use tokio::fs::File;
use tokio::io::{AsyncWriteExt, BufWriter};
use url::Url;

use crate::client::GuardedClient;
use crate::error::FetchError;
use crate::user_url::check_target;

/// Network chunks are small; batching them keeps a large download from costing one
/// blocking-pool hop per chunk.
const WRITE_BUFFER: usize = 256 << 10;

/// A body saved by [`GuardedClient::download_to`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Downloaded {
    pub bytes: u64,
    pub content_type: Option<String>,
    /// Where the body came from after redirects.
    pub final_url: Url,
}

impl GuardedClient {
    /// Streams the body at `url` into `dest`, refusing non-2xx answers and bodies over
    /// the policy's `max_bytes`, all within the policy's `timeout`. A failed download
    /// leaves no partial file of its own at `dest`.
    pub async fn download_to(&self, url: &Url, dest: &Path) -> Result<Downloaded, FetchError> {
        check_target(url, self.policy.allow_private_networks)?;
        let limit = self.policy.timeout;
        tokio::time::timeout(limit, self.stream_to_file(url, dest))
            .await
            .unwrap_or(Err(FetchError::Timeout { after: limit }))
    }

    async fn stream_to_file(&self, url: &Url, dest: &Path) -> Result<Downloaded, FetchError> {
        let mut response = self
            .following
            .get(url.clone())
            .send()
            .await
            .map_err(FetchError::from_reqwest)?;
        let status = response.status();
        if status.is_redirection() {
            // Followable redirects were followed; one that arrives here leads nowhere we
            // can go (a file: or garbled Location, or none).
            let reason = match response.headers().get(LOCATION).map(|l| l.to_str()) {
                Some(Ok(location)) => format!(
                    "the server redirected to {location:?}, which cannot be followed; \
                     only http and https URLs can"
                ),
                _ => format!(
                    "the server answered HTTP {} without a usable Location",
                    status.as_u16()
                ),
            };
            return Err(FetchError::InvalidUrl(reason));
        }
        if !status.is_success() {
            return Err(FetchError::HttpStatus {
                status: status.as_u16(),
            });
        }
        let max_bytes = self.policy.max_bytes;
        if response.content_length().is_some_and(|len| len > max_bytes) {
            return Err(FetchError::TooLarge { limit: max_bytes });
        }
        let content_type = response
            .headers()
            .get(CONTENT_TYPE)
            .and_then(|value| value.to_str().ok())
            .map(str::to_owned);
        let final_url = response.url().clone();

        let mut partial = PartialFile::create(dest).await?;
        let mut bytes = 0u64;
        // Content-Length may be absent or a lie, so the limit is enforced on what arrives.
        while let Some(chunk) = response.chunk().await.map_err(FetchError::from_reqwest)? {
            bytes += chunk.len() as u64;
            if bytes > max_bytes {
                return Err(FetchError::TooLarge { limit: max_bytes });
            }
            partial.write(&chunk).await?;
        }
        partial.finish().await?;
        Ok(Downloaded {
            bytes,
            content_type,
            final_url,
        })
    }
}

/// A file being downloaded, removed unless finished. Removal happens on drop so that it
/// also covers cancellation: the timeout, or a caller dropping the future.
struct PartialFile {
    path: PathBuf,
    writer: BufWriter<File>,
    finished: bool,
}

impl PartialFile {
    async fn create(path: &Path) -> Result<Self, FetchError> {
        let file = File::create(path).await.map_err(|source| FetchError::Io {
            path: path.to_owned(),
            source,
        })?;
        Ok(PartialFile {
            path: path.to_owned(),
            writer: BufWriter::with_capacity(WRITE_BUFFER, file),
            finished: false,
        })
    }

    async fn write(&mut self, bytes: &[u8]) -> Result<(), FetchError> {
        self.writer
            .write_all(bytes)
            .await
            .map_err(|e| self.io_error(e))
    }

    async fn finish(mut self) -> Result<(), FetchError> {
        self.writer.flush().await.map_err(|e| self.io_error(e))?;
        self.finished = true;
        Ok(())
    }

    fn io_error(&self, source: std::io::Error) -> FetchError {
        FetchError::Io {
            path: self.path.clone(),
            source,
        }
    }
}

impl Drop for PartialFile {
    fn drop(&mut self) {
        if self.finished {
            return;
        }
        if let Err(e) = std::fs::remove_file(&self.path) {
            tracing::warn!(path = %self.path.display(), error = %e, "could not remove partial download");
        }
    }
}
