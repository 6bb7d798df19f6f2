//! The real `recut` binary: admin commands, config layering, and process death.

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use crate::support::*;

/// The binary on `data`; under a PostgreSQL test run, on a database of its own per data dir.
pub(crate) fn recut(data: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_recut"));
    cmd.arg("--data-dir").arg(data);
    if std::env::var("RECUT_TEST_DATABASE_URL").is_ok_and(|u| !u.is_empty()) {
        let marker = data.join(".test-database-url");
        let url = match std::fs::read_to_string(&marker) {
            Ok(url) => url,
            Err(_) => {
                let url = fresh_database().unwrap();
                std::fs::create_dir_all(data).unwrap();
                std::fs::write(&marker, &url).unwrap();
                url
            }
        };
        cmd.arg("--database-url").arg(url);
    }
    for (k, _) in std::env::vars() {
        if k.starts_with("RECUT_") {
            cmd.env_remove(k);
        }
    }
    cmd
}

pub(crate) fn json_line(out: std::process::Output) -> Value {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(text.lines().count(), 1, "exactly one line: {text}");
    serde_json::from_str(&text).unwrap()
}

/// `recut admin create-key` for team "acme" on `data`; returns the API key.
pub(crate) fn create_key(data: &Path, credits: u64) -> String {
    let created = json_line(
        recut(data)
            .args([
                "admin",
                "create-key",
                "--team",
                "acme",
                "--email",
                "a@acme.test",
                "--credits",
            ])
            .arg(credits.to_string())
            .output()
            .unwrap(),
    );
    created["apiKey"].as_str().unwrap().to_owned()
}

/// An HTTP client that keeps no idle connections: the servers these tests talk to get
/// killed and restarted on the same port.
pub(crate) fn unpooled_client() -> reqwest::Client {
    reqwest::Client::builder()
        .pool_max_idle_per_host(0)
        .build()
        .unwrap()
}

/// Uploads `file` to the server at `base`; returns the upload's URL.
pub(crate) async fn upload_to(
    http: &reqwest::Client,
    base: &str,
    key: &str,
    file: &Path,
) -> String {
    let form = reqwest::multipart::Form::new().part(
        "file",
        reqwest::multipart::Part::bytes(std::fs::read(file).unwrap()).file_name("a.mp4"),
    );
    let up: Value = http
        .post(format!("{base}/v2/uploads"))
        .header("X-API-Key", key)
        .multipart(form)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    up["url"].as_str().unwrap().to_owned()
}

/// GETs `path` from the server at `base` with the API key; returns the JSON body.
pub(crate) async fn get_from(http: &reqwest::Client, base: &str, key: &str, path: &str) -> Value {
    http.get(format!("{base}{path}"))
        .header("X-API-Key", key)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap()
}

/// Submits an upscale `body` to the server at `base`; returns the job id.
pub(crate) async fn submit_to(
    http: &reqwest::Client,
    base: &str,
    key: &str,
    body: &Value,
) -> String {
    let accepted: Value = http
        .post(format!("{base}/v2/videos/upscale"))
        .header("X-API-Key", key)
        .json(body)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    accepted["jobId"].as_str().unwrap().to_owned()
}

#[test]
fn admin_commands_print_one_json_line_and_keys_are_shown_once() {
    let dir = tempfile::tempdir().unwrap();
    let created = json_line(
        recut(dir.path())
            .args([
                "admin",
                "create-key",
                "--team",
                "acme",
                "--email",
                "a@acme.test",
                "--role",
                "ADMIN",
                "--credits",
                "50",
            ])
            .output()
            .unwrap(),
    );
    let key = created["apiKey"].as_str().unwrap();
    assert!(key.starts_with("afk_"));
    for field in ["keyId", "teamId", "userId"] {
        uuid::Uuid::parse_str(created[field].as_str().unwrap()).unwrap();
    }
    let granted = json_line(
        recut(dir.path())
            .args(["admin", "grant-credits", "--team", "acme", "--amount", "25"])
            .output()
            .unwrap(),
    );
    assert_eq!(granted["credits"], 75);
    let listed = json_line(
        recut(dir.path())
            .args(["admin", "list-keys"])
            .output()
            .unwrap(),
    );
    assert_eq!(listed["keys"][0]["role"], "ADMIN");
    assert!(
        !listed.to_string().contains(key),
        "the key itself is never shown again"
    );
    // SQLite runs: the database file never contains the key, only its hash.
    if let Ok(db) = std::fs::read(dir.path().join("recut.db")) {
        assert!(
            !db.windows(key.len()).any(|w| w == key.as_bytes()),
            "only the hash is stored"
        );
    }
    let key_id = created["keyId"].as_str().unwrap();
    let revoked = json_line(
        recut(dir.path())
            .args(["admin", "revoke-key", "--key-id", key_id])
            .output()
            .unwrap(),
    );
    assert_eq!(revoked["revoked"], true);
    let again = recut(dir.path())
        .args(["admin", "revoke-key", "--key-id", key_id])
        .output()
        .unwrap();
    assert!(!again.status.success());
    let bad = recut(dir.path())
        .args([
            "admin",
            "grant-credits",
            "--team",
            "nobody",
            "--amount",
            "1",
        ])
        .output()
        .unwrap();
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("nobody"));
}

#[test]
fn config_layers_defaults_file_environment_and_flags() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("recut.toml");
    std::fs::write(
        &file,
        "listen = \"127.0.0.1:4000\"\n[workers]\nconcurrency = 2\nmax_attempts = 7\n",
    )
    .unwrap();
    let out = recut(dir.path())
        .args([
            "--config",
            file.to_str().unwrap(),
            "--listen",
            "127.0.0.1:5000",
            "config",
        ])
        .env("RECUT_WORKERS__CONCURRENCY", "3")
        .env("RECUT_ALLOW_PRIVATE_NETWORKS", "true")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let cfg: toml::Table = String::from_utf8(out.stdout).unwrap().parse().unwrap();
    assert_eq!(
        cfg["listen"].as_str(),
        Some("127.0.0.1:5000"),
        "flag beats file"
    );
    assert_eq!(
        cfg["workers"]["concurrency"].as_integer(),
        Some(3),
        "env beats file"
    );
    assert_eq!(
        cfg["workers"]["max_attempts"].as_integer(),
        Some(7),
        "file beats default"
    );
    assert_eq!(cfg["allow_private_networks"].as_bool(), Some(true));
    let bad = recut(dir.path())
        .args(["config"])
        .env("RECUT_WORKERS__CONCURRENCY", "lots")
        .output()
        .unwrap();
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("RECUT_WORKERS__CONCURRENCY"));
}

pub(crate) struct Server {
    pub child: Child,
    pub base: String,
}

pub(crate) fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

pub(crate) fn start_server(data: &Path, port: u16) -> Server {
    start_server_with(data, port, &[])
}

pub(crate) fn start_server_with(data: &Path, port: u16, env: &[(&str, &str)]) -> Server {
    let log = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(data.join("serve.log"))
        .unwrap();
    let child = recut(data)
        .envs(env.iter().copied())
        .args(["--listen", &format!("127.0.0.1:{port}"), "serve"])
        .env("RECUT_WORKERS__LEASE_SECONDS", "2")
        .env("RECUT_WORKERS__HEARTBEAT_SECONDS", "1")
        .env("RECUT_WORKERS__MAINTENANCE_INTERVAL_SECONDS", "1")
        .env("RECUT_WORKERS__SHUTDOWN_GRACE_SECONDS", "1")
        .env("RECUT_WORKERS__POLL_INTERVAL_MS", "200")
        .stdout(Stdio::null())
        .stderr(log)
        .spawn()
        .unwrap();
    let base = format!("http://127.0.0.1:{port}");
    let start = Instant::now();
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "server did not start"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    Server { child, base }
}

async fn job(http: &reqwest::Client, base: &str, key: &str, id: &str) -> Value {
    get_from(http, base, key, &format!("/v2/jobs/{id}")).await
}

pub(crate) async fn wait_status(
    http: &reqwest::Client,
    base: &str,
    key: &str,
    id: &str,
    want: &[&str],
    timeout: Duration,
) -> Value {
    let start = Instant::now();
    loop {
        let j = job(http, base, key, id).await;
        if want.contains(&j["status"].as_str().unwrap_or("")) {
            return j;
        }
        assert!(start.elapsed() < timeout, "job never reached {want:?}: {j}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::test]
async fn a_killed_worker_is_rescued_and_sigterm_releases_running_jobs() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    let key = create_key(&data, 100_000);
    let src = clip(dir.path(), "src.mp4", "640x360", "30", 6.0, true);
    let http = unpooled_client();
    let port = free_port();
    let mut server = start_server(&data, port);

    let video = upload_to(&http, &server.base, &key, &src).await;
    let body = json!({"model": "topaz-video-upscale", "topazVideoParams": {"video": video, "target_resolution": "1080p", "target_fps": 60}});
    let id = submit_to(&http, &server.base, &key, &body).await;

    // SIGKILL mid-job: nothing gets to clean up.
    wait_status(
        &http,
        &server.base,
        &key,
        &id,
        &["PROCESSING"],
        Duration::from_secs(30),
    )
    .await;
    tokio::time::sleep(Duration::from_millis(700)).await;
    server.child.kill().unwrap();
    server.child.wait().unwrap();

    // A new process rescues the job once its lease expires, and runs attempt 2.
    let mut server = start_server(&data, port);
    let start = Instant::now();
    loop {
        let j = job(&http, &server.base, &key, &id).await;
        let attempt_two =
            j["status"] == "PROCESSING" && start.elapsed() > Duration::from_millis(2500);
        if attempt_two {
            break;
        }
        assert!(j["status"] != "FAILED" && j["status"] != "COMPLETED", "{j}");
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "job was not rescued: {j}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }

    // SIGTERM while it runs: the process stops claiming, gives the job 1 s, then releases it
    // and exits cleanly.
    tokio::time::sleep(Duration::from_millis(300)).await;
    let pid = server.child.id().to_string();
    assert!(Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .unwrap()
        .success());
    let start = Instant::now();
    let status = loop {
        if let Some(status) = server.child.try_wait().unwrap() {
            break status;
        }
        assert!(
            start.elapsed() < Duration::from_secs(15),
            "server did not exit after SIGTERM"
        );
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(status.success(), "exit status {status:?}");

    // Restarted: the released job completes and is charged exactly once.
    let mut server = start_server(&data, port);
    let done = wait_status(
        &http,
        &server.base,
        &key,
        &id,
        &["COMPLETED", "FAILED"],
        Duration::from_secs(240),
    )
    .await;
    assert_eq!(done["status"], "COMPLETED", "{done}");
    assert_eq!(done["result"]["frameCount"], 360);
    let me = get_from(&http, &server.base, &key, "/v2/me").await;
    let price = 6 * 5; // 6 s at the default 1080p_60 rate
    assert_eq!(me["team"]["credits"], 100_000 - price);
    server.child.kill().unwrap();
    server.child.wait().unwrap();
}
