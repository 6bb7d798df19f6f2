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

#[derive(Debug, Clone)]
pub struct BlobStore {
    root: PathBuf,
}

impl BlobStore {
    /// A store of plain files under `root`.
    pub fn local(root: impl Into<PathBuf>) -> BlobResult<Self> {
        let root = root.into();
        for dir in ["uploads", "inputs", "results", "tmp"] {
            let p = root.join(dir);
            std::fs::create_dir_all(&p).map_err(|source| BlobError::Io { path: p, source })?;
        }
        Ok(BlobStore { root })
    }

    /// A private scratch path on the store's filesystem, so `put_file` can rename instead
    /// of copying. The caller removes it if it does not hand it to `put_file`.
    pub fn staging_path(&self, ext: &str) -> PathBuf {
        let mut bytes = [0u8; 12];
        rand::rngs::OsRng.fill_bytes(&mut bytes);
        self.root
            .join("tmp")
            .join(format!("{}.{ext}", hex::encode(bytes)))
    }

    fn path_of(&self, key: &str) -> BlobResult<PathBuf> {
        if !is_valid_key(key) {
            return Err(BlobError::InvalidKey(key.to_owned()));
        }
        Ok(self.root.join(key))
    }

    /// Moves (or copies, across filesystems) `src` into the store under `key`, atomically:
    /// readers see either nothing or the whole file.
    pub async fn put_file(&self, key: &str, src: &Path) -> BlobResult<u64> {
        let dest = self.path_of(key)?;
        let io = |path: &Path| {
            let path = path.to_owned();
            move |source| BlobError::Io { path, source }
        };
        if tokio::fs::rename(src, &dest).await.is_err() {
            let tmp = self.staging_path("part");
            tokio::fs::copy(src, &tmp).await.map_err(io(src))?;
            tokio::fs::rename(&tmp, &dest).await.map_err(io(&dest))?;
        }
        let meta = tokio::fs::metadata(&dest).await.map_err(io(&dest))?;
        Ok(meta.len())
    }

    /// A local file with the blob's bytes, for ffmpeg and for serving.
    pub async fn local_path(&self, key: &str) -> BlobResult<PathBuf> {
        let path = self.path_of(key)?;
        match tokio::fs::metadata(&path).await {
            Ok(_) => Ok(path),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                Err(BlobError::NotFound(key.to_owned()))
            }
            Err(source) => Err(BlobError::Io { path, source }),
        }
    }

    /// Removes a blob; a blob already gone is not an error (sweeps may race).
    pub async fn delete(&self, key: &str) -> BlobResult<()> {
        let path = self.path_of(key)?;
        match tokio::fs::remove_file(&path).await {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(source) => Err(BlobError::Io { path, source }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let path = store.local_path(&key).await.unwrap();
        assert_eq!(tokio::fs::read(&path).await.unwrap(), b"hello");
        store.delete(&key).await.unwrap();
        store.delete(&key).await.unwrap();
        assert!(matches!(
            store.local_path(&key).await,
            Err(BlobError::NotFound(_))
        ));
    }
}
