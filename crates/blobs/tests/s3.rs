//! The S3 backend against a real S3-compatible server (s3rver, from npm, storing on disk),
//! started here on loopback. Set RECUT_TEST_S3RVER to its executable (CI does); without it
//! these tests say so and do nothing.

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use futures::StreamExt;
use recut_blobs::{new_key, Area, BlobError, BlobStore, S3Settings};

struct S3rver {
    child: Child,
    pub endpoint: String,
    _dir: tempfile::TempDir,
}

impl Drop for S3rver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start_s3rver(bucket: &str) -> Option<S3rver> {
    let Ok(bin) = std::env::var("RECUT_TEST_S3RVER") else {
        eprintln!("RECUT_TEST_S3RVER is not set: skipping the S3 backend test");
        return None;
    };
    let dir = tempfile::tempdir().unwrap();
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let child = Command::new(bin)
        .args([
            "-d",
            dir.path().to_str().unwrap(),
            "-a",
            "127.0.0.1",
            "-p",
            &port.to_string(),
            "--configure-bucket",
            bucket,
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start s3rver");
    let start = Instant::now();
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "s3rver did not start"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    // The bucket is configured just after the port opens.
    std::thread::sleep(Duration::from_millis(300));
    Some(S3rver {
        child,
        endpoint: format!("http://127.0.0.1:{port}"),
        _dir: dir,
    })
}

fn store(server: &S3rver, staging: &std::path::Path) -> BlobStore {
    BlobStore::s3(
        &S3Settings {
            bucket: "recut-test".into(),
            endpoint: server.endpoint.clone(),
            region: "us-east-1".into(),
            access_key_id: "S3RVER".into(),
            secret_access_key: "S3RVER".into(),
            prefix: "deployment-a".into(),
        },
        staging,
    )
    .unwrap()
}

#[tokio::test]
async fn put_read_range_presign_and_delete_on_a_real_s3_server() {
    let Some(server) = start_s3rver("recut-test") else {
        return;
    };
    let staging = tempfile::tempdir().unwrap();
    let blobs = store(&server, staging.path());
    assert!(!blobs.is_local());

    // 20 MiB: more than two multipart chunks, never held in memory at once by the store.
    let src = blobs.staging_path("mp4");
    let data: Vec<u8> = (0..20 * 1024 * 1024u32).map(|i| (i % 251) as u8).collect();
    std::fs::write(&src, &data).unwrap();
    let key = new_key(Area::Results, "mp4");
    assert_eq!(blobs.put_file(&key, &src).await.unwrap(), data.len() as u64);
    assert!(!src.exists(), "the staging file is consumed");

    let mut read = blobs.read(&key, Some((1000, Some(1999)))).await.unwrap();
    assert_eq!(read.total_len, data.len() as u64);
    assert_eq!(read.range, Some((1000, 1999)));
    let mut got = Vec::new();
    while let Some(chunk) = read.body.next().await {
        got.extend_from_slice(&chunk.unwrap());
    }
    assert_eq!(got, &data[1000..2000]);

    let copy = blobs.local_copy(&key).await.unwrap();
    assert_eq!(std::fs::read(copy.path()).unwrap(), data);
    let copy_path = copy.path().to_owned();
    drop(copy);
    assert!(
        !copy_path.exists(),
        "a downloaded copy is removed when dropped"
    );

    let url = blobs
        .presigned_url(&key, Duration::from_secs(60))
        .await
        .unwrap()
        .unwrap();
    assert!(url.contains("X-Amz-Signature"), "{url}");
    let body = reqwest::get(&url).await.unwrap().bytes().await.unwrap();
    assert_eq!(body.len(), data.len());

    blobs.delete(&key).await.unwrap();
    blobs.delete(&key).await.unwrap();
    assert!(matches!(
        blobs.read(&key, None).await,
        Err(BlobError::NotFound(_))
    ));
    assert!(matches!(
        blobs.local_copy(&key).await,
        Err(BlobError::NotFound(_))
    ));
}
