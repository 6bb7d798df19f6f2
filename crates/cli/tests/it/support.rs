//! `TestApp`: one Recut process (API, workers, maintenance) on a temp dir and a loopback
//! port, plus helpers that make each test a few lines.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;
use std::time::{Duration, Instant};

use recut_api::AppState;
use recut_config::{Config, ConfigLoader};
use reqwest::StatusCode;
use serde_json::{json, Value};
use tokio_util::sync::CancellationToken;

pub struct TestApp {
    pub base: String,
    pub dir: tempfile::TempDir,
    pub state: Arc<AppState>,
    pub maintenance: recut_jobs::Maintenance,
    pub http: reqwest::Client,
    stop: CancellationToken,
}

pub struct Key {
    pub key: String,
    pub team_id: uuid::Uuid,
    pub key_id: uuid::Uuid,
}

impl TestApp {
    pub async fn start() -> Self {
        Self::with(|_| {}).await
    }

    pub async fn with(tweak: impl FnOnce(&mut Config)) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let mut config = ConfigLoader::new().build().unwrap();
        config.listen = addr.to_string();
        config.data_dir = dir.path().join("data");
        if let Some(url) = fresh_database() {
            config.database_url = url;
        }
        config.allow_private_networks = true;
        config.rate_limit.per_second = 10_000.0;
        config.rate_limit.burst = 10_000.0;
        config.workers.poll_interval_ms = 100;
        config.workers.maintenance_interval_seconds = 3600;
        tweak(&mut config);
        let app = recut::app::build(config).await.unwrap();
        let state = app.state.clone();
        let maintenance = app.maintenance.clone();
        let stop = CancellationToken::new();
        let run_stop = stop.clone();
        tokio::spawn(async move {
            app.run(listener, run_stop).await.unwrap();
        });
        TestApp {
            base: format!("http://{addr}"),
            dir,
            state,
            maintenance,
            http: reqwest::Client::new(),
            stop,
        }
    }

    pub async fn key(&self, team: &str, email: &str, role: &str, credits: i64) -> Key {
        let out = recut::admin::run(
            self.state.store.as_ref(),
            recut::admin::AdminCommand::CreateKey {
                team: team.into(),
                email: email.into(),
                role: role.into(),
                credits,
                name: "test".into(),
            },
        )
        .await
        .unwrap();
        Key {
            key: out["apiKey"].as_str().unwrap().to_owned(),
            team_id: out["teamId"].as_str().unwrap().parse().unwrap(),
            key_id: out["keyId"].as_str().unwrap().parse().unwrap(),
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    pub async fn get(&self, key: &str, path: &str) -> (StatusCode, Value) {
        let resp = self
            .http
            .get(self.url(path))
            .header("X-API-Key", key)
            .send()
            .await
            .unwrap();
        let status = resp.status();
        (status, resp.json().await.unwrap_or(Value::Null))
    }

    pub async fn post(
        &self,
        key: &str,
        path: &str,
        body: &Value,
        idem: Option<&str>,
    ) -> (StatusCode, Value) {
        let mut req = self
            .http
            .post(self.url(path))
            .header("X-API-Key", key)
            .json(body);
        if let Some(k) = idem {
            req = req.header("Idempotency-Key", k);
        }
        let resp = req.send().await.unwrap();
        let status = resp.status();
        (status, resp.json().await.unwrap_or(Value::Null))
    }

    pub async fn upload(&self, key: &str, file: &Path) -> (StatusCode, Value) {
        let bytes = std::fs::read(file).unwrap();
        let part = reqwest::multipart::Part::bytes(bytes)
            .file_name("clip.bin")
            .mime_str("application/octet-stream")
            .unwrap();
        let form = reqwest::multipart::Form::new().part("file", part);
        let resp = self
            .http
            .post(self.url("/v2/uploads"))
            .header("X-API-Key", key)
            .multipart(form)
            .send()
            .await
            .unwrap();
        let status = resp.status();
        (status, resp.json().await.unwrap_or(Value::Null))
    }

    /// Uploads `file` and returns its URL, asserting success.
    pub async fn upload_url(&self, key: &str, file: &Path) -> String {
        let (status, body) = self.upload(key, file).await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
        body["url"].as_str().unwrap().to_owned()
    }

    pub async fn submit_upscale(
        &self,
        key: &str,
        video: &str,
        res: &str,
        fps: u32,
    ) -> (StatusCode, Value) {
        let body = json!({"model": "topaz-video-upscale", "topazVideoParams": {"video": video, "target_resolution": res, "target_fps": fps}});
        self.post(key, "/v2/videos/upscale", &body, None).await
    }

    pub async fn wait_terminal(&self, key: &str, job_id: &str, timeout: Duration) -> Value {
        let start = Instant::now();
        loop {
            let (status, job) = self.get(key, &format!("/v2/jobs/{job_id}")).await;
            assert_eq!(status, StatusCode::OK, "{job}");
            if matches!(
                job["status"].as_str(),
                Some("COMPLETED" | "FAILED" | "CANCELLED")
            ) {
                return job;
            }
            assert!(
                start.elapsed() < timeout,
                "job {job_id} not terminal after {timeout:?}: {job}"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    pub async fn balance(&self, team: uuid::Uuid) -> i64 {
        self.state.store.team(team).await.unwrap().unwrap().credits
    }

    /// balance = sum(ledger) >= 0, and no job is debited or refunded twice.
    pub async fn assert_ledger_balanced(&self, team: uuid::Uuid) -> i64 {
        let entries = self.state.store.ledger(team).await.unwrap();
        let sum: i64 = entries.iter().map(|e| e.amount).sum();
        let balance = self.balance(team).await;
        assert_eq!(
            sum, balance,
            "ledger sum {sum} != balance {balance}: {entries:?}"
        );
        assert!(balance >= 0);
        let mut seen = std::collections::HashSet::new();
        for e in &entries {
            if let Some(job) = e.job_id {
                assert!(
                    seen.insert((job, format!("{:?}", e.kind))),
                    "duplicate {:?} for job {job}",
                    e.kind
                );
            }
        }
        balance
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        self.stop.cancel();
    }
}

/// With `RECUT_TEST_DATABASE_URL=postgres://...` set, the suite runs against PostgreSQL:
/// every test gets a database of its own on that server. Without it, SQLite in a temp dir.
pub fn fresh_database() -> Option<String> {
    let admin = std::env::var("RECUT_TEST_DATABASE_URL")
        .ok()
        .filter(|u| !u.is_empty())?;
    let name = format!("recut_test_{}", uuid::Uuid::new_v4().simple());
    let admin_for_thread = admin.clone();
    let create = format!("CREATE DATABASE {name}");
    // Its own thread and runtime, so sync and async tests can both call it.
    std::thread::spawn(move || {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap()
            .block_on(async move {
                use sqlx::Connection;
                let mut conn = sqlx::PgConnection::connect(&admin_for_thread)
                    .await
                    .expect("connect to RECUT_TEST_DATABASE_URL");
                sqlx::Executor::execute(&mut conn, create.as_str())
                    .await
                    .expect("create test database");
            })
    })
    .join()
    .unwrap();
    let mut url = url::Url::parse(&admin).expect("RECUT_TEST_DATABASE_URL is a URL");
    url.set_path(&name);
    Some(url.to_string())
}

/// Generates a clip with ffmpeg's lavfi sources.
pub fn clip(dir: &Path, name: &str, size: &str, rate: &str, seconds: f64, audio: bool) -> PathBuf {
    let out = dir.join(name);
    let mut cmd = Command::new("ffmpeg");
    cmd.args([
        "-v",
        "error",
        "-y",
        "-f",
        "lavfi",
        "-i",
        &format!("testsrc2=size={size}:rate={rate}"),
    ]);
    if audio {
        cmd.args(["-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000"]);
    }
    cmd.args([
        "-t",
        &seconds.to_string(),
        "-c:v",
        "libx264",
        "-preset",
        "ultrafast",
        "-pix_fmt",
        "yuv420p",
        // Index first, as uploads from real tools usually are; tests that corrupt a clip
        // rely on damaging pictures, not the index.
        "-movflags",
        "+faststart",
    ]);
    if audio {
        cmd.args(["-c:a", "aac", "-shortest"]);
    }
    cmd.arg(&out);
    let status = cmd.status().expect("ffmpeg must be installed");
    assert!(status.success(), "ffmpeg failed to make {name}");
    out
}

pub struct Probe {
    pub width: u64,
    pub height: u64,
    pub fps: String,
    pub frames: u64,
    pub has_audio: bool,
}

pub fn ffprobe(file: &Path) -> Probe {
    let out = Command::new("ffprobe")
        .args([
            "-v",
            "error",
            "-count_frames",
            "-show_streams",
            "-print_format",
            "json",
        ])
        .arg(file)
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let streams = v["streams"].as_array().unwrap();
    let video = streams.iter().find(|s| s["codec_type"] == "video").unwrap();
    Probe {
        width: video["width"].as_u64().unwrap(),
        height: video["height"].as_u64().unwrap(),
        fps: video["r_frame_rate"].as_str().unwrap().to_owned(),
        frames: video["nb_read_frames"].as_str().unwrap().parse().unwrap(),
        has_audio: streams.iter().any(|s| s["codec_type"] == "audio"),
    }
}

pub async fn download(
    http: &reqwest::Client,
    url: &str,
    to: &Path,
) -> (StatusCode, reqwest::header::HeaderMap) {
    let resp = http.get(url).send().await.unwrap();
    let status = resp.status();
    let headers = resp.headers().clone();
    let bytes = resp.bytes().await.unwrap();
    std::fs::write(to, &bytes).unwrap();
    (status, headers)
}
