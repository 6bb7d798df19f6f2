//! Blob storage for uploads, fetched inputs and results, behind one type.
//!
//! Keys are `<area>/<32 random hex>.<ext>`: the random part makes every file URL
//! unguessable, and the fixed shape lets the file route refuse anything else (no path
//! traversal, no listing). The area says who owns the blob's lifetime.

use std::path::{Path, PathBuf};

use rand::RngCore;

#[derive(Debug, thiserror::Error)]
pub enum BlobError {
    #[error("blob not found: {0}")]
    NotFound(String),
    #[error("invalid blob key: {0}")]
    InvalidKey(String),
    #[error("blob storage I/O error on {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

pub type BlobResult<T> = Result<T, BlobError>;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Area {
    /// Files users uploaded; purged after the upload TTL.
    Uploads,
    /// Inputs fetched from user URLs for one job; deleted when the job ends.
    Inputs,
    /// Job outputs; purged after the result retention period.
    Results,
}

impl Area {
    fn prefix(self) -> &'static str {
        match self {
            Area::Uploads => "uploads",
            Area::Inputs => "inputs",
            Area::Results => "results",
        }
    }
}

/// A fresh unguessable key (128 random bits) in `area` with extension `ext`.
pub fn new_key(area: Area, ext: &str) -> String {
    let mut bytes = [0u8; 16];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    format!("{}/{}.{}", area.prefix(), hex::encode(bytes), ext)
}

/// Whether `key` has exactly the shape `new_key` produces.
pub fn is_valid_key(key: &str) -> bool {
    let Some((area, rest)) = key.split_once('/') else {
        return false;
    };
    if !matches!(area, "uploads" | "inputs" | "results") {
        return false;
    }
    let Some((token, ext)) = rest.split_once('.') else {
        return false;
    };
    token.len() == 32
        && token
            .bytes()
            .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
        && !ext.is_empty()
        && ext.len() <= 5
        && ext.bytes().all(|b| b.is_ascii_alphanumeric())
}

/// Content type by extension, for serving.
pub fn content_type_for(key: &str) -> &'static str {
    match key.rsplit('.').next().unwrap_or("") {
        "mp4" => "video/mp4",
        "mov" => "video/quicktime",
        "webm" => "video/webm",
        "mkv" => "video/x-matroska",
        "avi" => "video/x-msvideo",
        "png" => "image/png",
        "jpg" => "image/jpeg",
        "webp" => "image/webp",
        "gif" => "image/gif",
        "mp3" => "audio/mpeg",
        "wav" => "audio/wav",
        "ogg" => "audio/ogg",
        "m4a" => "audio/mp4",
        _ => "application/octet-stream",
    }
}

/// Where an S3-compatible bucket is and how to sign for it.
#[derive(Debug, Clone)]
pub struct S3Settings {
    pub bucket: String,
    /// Empty for AWS itself; `http://host:port` for MinIO, s3rver, Garage and the like.
    pub endpoint: String,
    pub region: String,
    pub access_key_id: String,
    pub secret_access_key: String,
    /// Key prefix inside the bucket, so several deployments can share one.
    pub prefix: String,
}

/// One blob store over local files or an S3-compatible bucket. Jobs and the API see only
/// this type; staging files always live on local disk (ffmpeg reads and writes files).
#[derive(Debug, Clone)]
pub struct BlobStore {
    staging: PathBuf,
    backend: Backend,
}

#[derive(Debug, Clone)]
enum Backend {
    Local(PathBuf),
    S3 {
        store: std::sync::Arc<object_store::aws::AmazonS3>,
        prefix: String,
    },
}

/// A blob's bytes as a local file. A copy downloaded from a bucket is removed when this
/// is dropped; a local blob is the store's own file and is left alone.
#[derive(Debug)]
pub struct LocalCopy {
    path: PathBuf,
    temporary: bool,
}

impl LocalCopy {
    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for LocalCopy {
    fn drop(&mut self) {
        if self.temporary {
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

/// Bytes of a blob for serving: the whole object or one range of it.
pub struct BlobRead {
    pub total_len: u64,
    /// Inclusive byte range served, when a range was asked for.
    pub range: Option<(u64, u64)>,
    pub body: futures::stream::BoxStream<'static, Result<bytes::Bytes, BlobError>>,
}

const UPLOAD_CHUNK: usize = 8 * 1024 * 1024;

fn object_err(key: &str, e: object_store::Error) -> BlobError {
    match e {
        object_store::Error::NotFound { .. } => BlobError::NotFound(key.to_owned()),
        other => BlobError::Io {
            path: PathBuf::from(key),
            source: std::io::Error::other(other.to_string()),
        },
    }
}

fn mkdirs(root: &Path, dirs: &[&str]) -> BlobResult<()> {
    for dir in dirs {
        let p = root.join(dir);
        std::fs::create_dir_all(&p).map_err(|source| BlobError::Io { path: p, source })?;
    }
    Ok(())
}

impl BlobStore {
    /// A store of plain files under `root`.
    pub fn local(root: impl Into<PathBuf>) -> BlobResult<Self> {
        let root = root.into();
        mkdirs(&root, &["uploads", "inputs", "results", "tmp"])?;
        Ok(BlobStore {
            staging: root.join("tmp"),
            backend: Backend::Local(root),
        })
    }

    /// A store in an S3-compatible bucket; `staging_dir` is local scratch space.
    pub fn s3(settings: &S3Settings, staging_dir: impl Into<PathBuf>) -> BlobResult<Self> {
        let staging = staging_dir.into();
        std::fs::create_dir_all(&staging).map_err(|source| BlobError::Io {
            path: staging.clone(),
            source,
        })?;
        let mut builder = object_store::aws::AmazonS3Builder::new()
            .with_bucket_name(&settings.bucket)
            .with_region(&settings.region)
            .with_access_key_id(&settings.access_key_id)
            .with_secret_access_key(&settings.secret_access_key);
        if !settings.endpoint.is_empty() {
            builder = builder
                .with_endpoint(&settings.endpoint)
                .with_allow_http(settings.endpoint.starts_with("http://"))
                .with_virtual_hosted_style_request(false);
        }
        let store = builder.build().map_err(|e| BlobError::Io {
            path: PathBuf::from(&settings.bucket),
            source: std::io::Error::other(format!("invalid S3 settings: {e}")),
        })?;
        let prefix = settings.prefix.trim_matches('/').to_owned();
        Ok(BlobStore {
            staging,
            backend: Backend::S3 {
                store: std::sync::Arc::new(store),
                prefix,
            },
        })
    }

    pub fn is_local(&self) -> bool {
        matches!(self.backend, Backend::Local(_))
    }

    /// A private scratch path on local disk, for files about to be stored. The caller
    /// removes it if it does not hand it to `put_file`.
    pub fn staging_path(&self, ext: &str) -> PathBuf {
        let mut bytes = [0u8; 12];
        rand::rngs::OsRng.fill_bytes(&mut bytes);
        self.staging.join(format!("{}.{ext}", hex::encode(bytes)))
    }

    fn path_of(root: &Path, key: &str) -> BlobResult<PathBuf> {
        if !is_valid_key(key) {
            return Err(BlobError::InvalidKey(key.to_owned()));
        }
        Ok(root.join(key))
    }

    fn object_path(prefix: &str, key: &str) -> BlobResult<object_store::path::Path> {
        if !is_valid_key(key) {
            return Err(BlobError::InvalidKey(key.to_owned()));
        }
        Ok(if prefix.is_empty() {
            object_store::path::Path::from(key)
        } else {
            object_store::path::Path::from(format!("{prefix}/{key}"))
        })
    }

    /// Stores `src` under `key` and consumes it. Local: an atomic rename (or copy across
    /// filesystems), so readers see nothing or the whole file. S3: a multipart upload read
    /// from the file in chunks, never the whole file in memory.
    pub async fn put_file(&self, key: &str, src: &Path) -> BlobResult<u64> {
        let io = |path: &Path| {
            let path = path.to_owned();
            move |source| BlobError::Io { path, source }
        };
        match &self.backend {
            Backend::Local(root) => {
                let dest = Self::path_of(root, key)?;
                if tokio::fs::rename(src, &dest).await.is_err() {
                    let tmp = self.staging_path("part");
                    tokio::fs::copy(src, &tmp).await.map_err(io(src))?;
                    tokio::fs::rename(&tmp, &dest).await.map_err(io(&dest))?;
                    let _ = tokio::fs::remove_file(src).await;
                }
                Ok(tokio::fs::metadata(&dest).await.map_err(io(&dest))?.len())
            }
            Backend::S3 { store, prefix } => {
                use object_store::ObjectStore;
                use tokio::io::AsyncReadExt;
                let path = Self::object_path(prefix, key)?;
                let mut file = tokio::fs::File::open(src).await.map_err(io(src))?;
                let upload = store
                    .put_multipart(&path)
                    .await
                    .map_err(|e| object_err(key, e))?;
                let mut writer =
                    object_store::WriteMultipart::new_with_chunk_size(upload, UPLOAD_CHUNK);
                let mut buf = vec![0u8; UPLOAD_CHUNK];
                let mut total = 0u64;
                loop {
                    let n = file.read(&mut buf).await.map_err(io(src))?;
                    if n == 0 {
                        break;
                    }
                    total += n as u64;
                    writer
                        .wait_for_capacity(2)
                        .await
                        .map_err(|e| object_err(key, e))?;
                    writer.write(&buf[..n]);
                }
                writer.finish().await.map_err(|e| object_err(key, e))?;
                let _ = tokio::fs::remove_file(src).await;
                Ok(total)
            }
        }
    }

    /// The blob as a local file, for ffmpeg.
    pub async fn local_copy(&self, key: &str) -> BlobResult<LocalCopy> {
        match &self.backend {
            Backend::Local(root) => {
                let path = Self::path_of(root, key)?;
                match tokio::fs::metadata(&path).await {
                    Ok(_) => Ok(LocalCopy {
                        path,
                        temporary: false,
                    }),
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                        Err(BlobError::NotFound(key.to_owned()))
                    }
                    Err(source) => Err(BlobError::Io { path, source }),
                }
            }
            Backend::S3 { .. } => {
                use futures::StreamExt;
                use tokio::io::AsyncWriteExt;
                let ext = key.rsplit('.').next().unwrap_or("bin");
                let copy = LocalCopy {
                    path: self.staging_path(ext),
                    temporary: true,
                };
                let mut read = self.read(key, None).await?;
                let mut file = tokio::fs::File::create(&copy.path)
                    .await
                    .map_err(|source| BlobError::Io {
                        path: copy.path.clone(),
                        source,
                    })?;
                while let Some(chunk) = read.body.next().await {
                    file.write_all(&chunk?)
                        .await
                        .map_err(|source| BlobError::Io {
                            path: copy.path.clone(),
                            source,
                        })?;
                }
                file.flush().await.map_err(|source| BlobError::Io {
                    path: copy.path.clone(),
                    source,
                })?;
                Ok(copy)
            }
        }
    }

    /// Streams a blob, or the inclusive byte range `range` of it (clamped to its length).
    pub async fn read(&self, key: &str, range: Option<(u64, Option<u64>)>) -> BlobResult<BlobRead> {
        use futures::{StreamExt, TryStreamExt};
        match &self.backend {
            Backend::Local(root) => {
                use tokio::io::{AsyncReadExt, AsyncSeekExt};
                let path = Self::path_of(root, key)?;
                let mut file = match tokio::fs::File::open(&path).await {
                    Ok(f) => f,
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                        return Err(BlobError::NotFound(key.to_owned()))
                    }
                    Err(source) => return Err(BlobError::Io { path, source }),
                };
                let total_len = file
                    .metadata()
                    .await
                    .map_err(|source| BlobError::Io {
                        path: path.clone(),
                        source,
                    })?
                    .len();
                let (start, end) = clamp(range, total_len);
                file.seek(std::io::SeekFrom::Start(start))
                    .await
                    .map_err(|source| BlobError::Io {
                        path: path.clone(),
                        source,
                    })?;
                let limited = file.take(end + 1 - start);
                let body = tokio_util_like_stream(limited, path).boxed();
                Ok(BlobRead {
                    total_len,
                    range: range.map(|_| (start, end)),
                    body,
                })
            }
            Backend::S3 { store, prefix } => {
                use object_store::ObjectStore;
                let path = Self::object_path(prefix, key)?;
                let head = store.head(&path).await.map_err(|e| object_err(key, e))?;
                let total_len = head.size;
                let (start, end) = clamp(range, total_len);
                let options = object_store::GetOptions {
                    range: (total_len > 0)
                        .then_some(object_store::GetRange::Bounded(start..end + 1)),
                    ..Default::default()
                };
                let got = store
                    .get_opts(&path, options)
                    .await
                    .map_err(|e| object_err(key, e))?;
                let owned_key = key.to_owned();
                let body = got
                    .into_stream()
                    .map_err(move |e| object_err(&owned_key, e))
                    .boxed();
                Ok(BlobRead {
                    total_len,
                    range: range.map(|_| (start, end)),
                    body,
                })
            }
        }
    }

    /// A time-limited URL that serves the blob straight from the bucket; `None` for local
    /// files, which the API serves itself.
    pub async fn presigned_url(
        &self,
        key: &str,
        ttl: std::time::Duration,
    ) -> BlobResult<Option<String>> {
        match &self.backend {
            Backend::Local(_) => Ok(None),
            Backend::S3 { store, prefix } => {
                use object_store::signer::Signer;
                use object_store::ObjectStore;
                let path = Self::object_path(prefix, key)?;
                store.head(&path).await.map_err(|e| object_err(key, e))?;
                let url = store
                    .signed_url(http::Method::GET, &path, ttl)
                    .await
                    .map_err(|e| object_err(key, e))?;
                Ok(Some(url.to_string()))
            }
        }
    }

    /// Removes a blob; a blob already gone is not an error (sweeps may race).
    pub async fn delete(&self, key: &str) -> BlobResult<()> {
        match &self.backend {
            Backend::Local(root) => {
                let path = Self::path_of(root, key)?;
                match tokio::fs::remove_file(&path).await {
                    Ok(()) => Ok(()),
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
                    Err(source) => Err(BlobError::Io { path, source }),
                }
            }
            Backend::S3 { store, prefix } => {
                use object_store::ObjectStore;
                let path = Self::object_path(prefix, key)?;
                match store.delete(&path).await {
                    Ok(()) | Err(object_store::Error::NotFound { .. }) => Ok(()),
                    Err(e) => Err(object_err(key, e)),
                }
            }
        }
    }
}

/// `range` as inclusive (start, end) within an object of `len` bytes; the whole object
/// when no range is asked for. Callers check satisfiability first (see `parse_range`).
fn clamp(range: Option<(u64, Option<u64>)>, len: u64) -> (u64, u64) {
    let last = len.saturating_sub(1);
    match range {
        None => (0, last),
        Some((start, end)) => (start.min(last), end.unwrap_or(last).min(last)),
    }
}

/// Parses a single-range `Range: bytes=...` header against an object of `len` bytes.
/// `Ok(None)`: serve the whole object (no header, or a form we do not serve as ranges,
/// like multiple ranges). `Err`: unsatisfiable (416).
pub fn parse_range(
    header: Option<&str>,
    len: u64,
) -> Result<Option<(u64, Option<u64>)>, RangeNotSatisfiable> {
    let Some(spec) = header.and_then(|h| h.trim().strip_prefix("bytes=")) else {
        return Ok(None);
    };
    if spec.contains(',') {
        return Ok(None);
    }
    let (a, b) = spec.split_once('-').ok_or(RangeNotSatisfiable)?;
    let (a, b) = (a.trim(), b.trim());
    if a.is_empty() {
        let n: u64 = b.parse().map_err(|_| RangeNotSatisfiable)?;
        if n == 0 || len == 0 {
            return Err(RangeNotSatisfiable);
        }
        return Ok(Some((len.saturating_sub(n), None)));
    }
    let start: u64 = a.parse().map_err(|_| RangeNotSatisfiable)?;
    let end: Option<u64> = if b.is_empty() {
        None
    } else {
        Some(b.parse().map_err(|_| RangeNotSatisfiable)?)
    };
    if start >= len || end.is_some_and(|e| e < start) {
        return Err(RangeNotSatisfiable);
    }
    Ok(Some((start, end)))
}

/// A `Range` header that asks for bytes the object does not have (answered with 416).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RangeNotSatisfiable;

fn tokio_util_like_stream(
    reader: impl tokio::io::AsyncRead + Send + Unpin + 'static,
    path: PathBuf,
) -> impl futures::Stream<Item = Result<bytes::Bytes, BlobError>> + Send {
    futures::stream::unfold((reader, path), |(mut reader, path)| async move {
        use tokio::io::AsyncReadExt;
        let mut buf = vec![0u8; 64 * 1024];
        match reader.read(&mut buf).await {
            Ok(0) => None,
            Ok(n) => {
                buf.truncate(n);
                Some((Ok(bytes::Bytes::from(buf)), (reader, path)))
            }
            Err(source) => Some((
                Err(BlobError::Io {
                    path: path.clone(),
                    source,
                }),
                (reader, path),
            )),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_parse_like_rfc_9110() {
        assert_eq!(parse_range(None, 100), Ok(None));
        assert_eq!(parse_range(Some("bytes=0-9"), 100), Ok(Some((0, Some(9)))));
        assert_eq!(parse_range(Some("bytes=90-"), 100), Ok(Some((90, None))));
        assert_eq!(parse_range(Some("bytes=-10"), 100), Ok(Some((90, None))));
        assert_eq!(parse_range(Some("bytes=0-1,5-6"), 100), Ok(None));
        assert_eq!(
            parse_range(Some("bytes=100-"), 100),
            Err(RangeNotSatisfiable)
        );
        assert_eq!(
            parse_range(Some("bytes=5-1"), 100),
            Err(RangeNotSatisfiable)
        );
        assert_eq!(
            parse_range(Some("bytes=x-1"), 100),
            Err(RangeNotSatisfiable)
        );
        assert_eq!(clamp(Some((90, Some(500))), 100), (90, 99));
    }

    #[test]
    fn keys_are_random_and_strictly_shaped() {
        let a = new_key(Area::Results, "mp4");
        let b = new_key(Area::Results, "mp4");
        assert_ne!(a, b);
        assert!(is_valid_key(&a), "{a}");
        for bad in [
            "results/../etc/passwd",
            "results/abc.mp4",
            "other/0123456789abcdef0123456789abcdef.mp4",
            "results/0123456789abcdef0123456789abcdef",
            "results/0123456789ABCDEF0123456789abcdef.mp4",
            "results/0123456789abcdef0123456789abcdef.mp4/x",
        ] {
            assert!(!is_valid_key(bad), "{bad}");
        }
    }

    #[tokio::test]
    async fn put_read_delete_round_trip() {
        let dir = tempfile::tempdir().unwrap();
        let store = BlobStore::local(dir.path()).unwrap();
        let src = store.staging_path("mp4");
        tokio::fs::write(&src, b"hello").await.unwrap();
        let key = new_key(Area::Uploads, "mp4");
        assert_eq!(store.put_file(&key, &src).await.unwrap(), 5);
        let copy = store.local_copy(&key).await.unwrap();
        assert_eq!(tokio::fs::read(copy.path()).await.unwrap(), b"hello");
        let mut part = store.read(&key, Some((1, Some(3)))).await.unwrap();
        let mut got = Vec::new();
        while let Some(chunk) = futures::StreamExt::next(&mut part.body).await {
            got.extend_from_slice(&chunk.unwrap());
        }
        assert_eq!((got.as_slice(), part.total_len), (&b"ell"[..], 5));
        store.delete(&key).await.unwrap();
        store.delete(&key).await.unwrap();
        assert!(matches!(
            store.local_copy(&key).await,
            Err(BlobError::NotFound(_))
        ));
    }
}
