//! Webhooks against a real HTTP receiver on loopback, checked by a verifier written here
//! from NOTES.md alone (HMAC built by hand from SHA-256, not the server's hmac crate).

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode as AxStatus};
use base64::Engine as _;
use reqwest::StatusCode;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

use crate::support::*;

#[derive(Clone, Debug)]
struct Received {
    headers: HeaderMap,
    body: Bytes,
}

#[derive(Clone, Default)]
struct Receiver {
    got: Arc<Mutex<Vec<Received>>>,
    /// Status codes to answer, in order; 200 once empty.
    plan: Arc<Mutex<VecDeque<u16>>>,
    /// While set, requests are held open and never answered.
    hang: Arc<Mutex<bool>>,
}

impl Receiver {
    async fn start(plan: &[u16]) -> (Self, String) {
        let r = Receiver::default();
        r.plan.lock().unwrap().extend(plan);
        let app = axum::Router::new()
            .route("/hook", axum::routing::post(receive))
            .with_state(r.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}/hook", listener.local_addr().unwrap());
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        (r, url)
    }

    fn all(&self) -> Vec<Received> {
        self.got.lock().unwrap().clone()
    }

    async fn wait_for(&self, n: usize, timeout: Duration) -> Vec<Received> {
        let start = Instant::now();
        loop {
            let got = self.all();
            if got.len() >= n {
                return got;
            }
            assert!(
                start.elapsed() < timeout,
                "only {} of {n} webhook requests arrived",
                got.len()
            );
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }
}

async fn receive(State(r): State<Receiver>, headers: HeaderMap, body: Bytes) -> AxStatus {
    if *r.hang.lock().unwrap() {
        tokio::time::sleep(Duration::from_secs(3600)).await;
    }
    r.got.lock().unwrap().push(Received { headers, body });
    let code = r.plan.lock().unwrap().pop_front().unwrap_or(200);
    AxStatus::from_u16(code).unwrap()
}

/// HMAC-SHA256 by its definition (RFC 2104), independent of the server's implementation.
fn hmac_sha256(key: &[u8], msg: &[u8]) -> [u8; 32] {
    let mut k = [0u8; 64];
    if key.len() > 64 {
        k[..32].copy_from_slice(&Sha256::digest(key));
    } else {
        k[..key.len()].copy_from_slice(key);
    }
    let mut inner = Sha256::new();
    inner.update(k.iter().map(|b| b ^ 0x36).collect::<Vec<u8>>());
    inner.update(msg);
    let mut outer = Sha256::new();
    outer.update(k.iter().map(|b| b ^ 0x5c).collect::<Vec<u8>>());
    outer.update(inner.finalize());
    outer.finalize().into()
}

/// The verifier NOTES.md describes: HMAC-SHA256 over the exact body, keyed with the raw
/// SHA-256 of the API key, compared in constant time.
fn verify_apiframe(api_key: &str, body: &[u8], header: &str) -> bool {
    let secret = Sha256::digest(api_key.as_bytes());
    let expected = format!("sha256={}", hex::encode(hmac_sha256(&secret, body)));
    expected.len() == header.len()
        && expected
            .bytes()
            .zip(header.bytes())
            .fold(0u8, |acc, (a, b)| acc | (a ^ b))
            == 0
}

fn verify_standard(api_key: &str, r: &Received) -> bool {
    let secret = Sha256::digest(api_key.as_bytes());
    let id = r.headers["webhook-id"].to_str().unwrap();
    let ts = r.headers["webhook-timestamp"].to_str().unwrap();
    let mut msg = format!("{id}.{ts}.").into_bytes();
    msg.extend_from_slice(&r.body);
    let expected = format!(
        "v1,{}",
        base64::engine::general_purpose::STANDARD.encode(hmac_sha256(&secret, &msg))
    );
    r.headers["webhook-signature"]
        .to_str()
        .unwrap()
        .split(' ')
        .any(|s| s == expected)
}

fn event_of(r: &Received) -> Value {
    serde_json::from_slice(&r.body).unwrap()
}

fn fast_retries(c: &mut recut_config::Config) {
    c.webhooks.retry_schedule_ms = vec![50, 50, 50];
    c.webhooks.poll_interval_ms = 50;
    c.webhooks.attempt_timeout_seconds = 2;
}

async fn submit_with_hook(
    app: &TestApp,
    key: &str,
    hook: &str,
    res: &str,
    fps: u32,
    seconds: f64,
    events: Option<Value>,
) -> String {
    let src = clip(
        app.dir.path(),
        &format!("src-{}.mp4", uuid::Uuid::new_v4()),
        "320x180",
        "25",
        seconds,
        true,
    );
    let url = app.upload_url(key, &src).await;
    let mut body = json!({"model": "topaz-video-upscale", "webhookUrl": hook, "topazVideoParams": {"video": url, "target_resolution": res, "target_fps": fps}});
    if let Some(e) = events {
        body["webhookEvents"] = e;
    }
    let (status, accepted) = app.post(key, "/v2/videos/upscale", &body, None).await;
    assert_eq!(status, StatusCode::ACCEPTED, "{accepted}");
    accepted["jobId"].as_str().unwrap().to_owned()
}

async fn wait_webhook_status(app: &TestApp, key: &str, id: &str, want: &str) -> Value {
    let start = Instant::now();
    loop {
        let (_, job) = app.get(key, &format!("/v2/jobs/{id}")).await;
        if job["webhookStatus"] == want {
            return job;
        }
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "webhookStatus never became {want}: {job}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::test]
async fn every_event_is_signed_ordered_and_verifiable() {
    let (receiver, hook) = Receiver::start(&[]).await;
    let app = TestApp::with(fast_retries).await;
    let k = app.key("acme", "a@acme.test", "OWNER", 10_000).await;
    let id = submit_with_hook(&app, &k.key, &hook, "1080p", 60, 4.0, None).await;
    let job = app
        .wait_terminal(&k.key, &id, Duration::from_secs(120))
        .await;
    assert_eq!(job["status"], "COMPLETED", "{job}");
    wait_webhook_status(&app, &k.key, &id, "delivered").await;
    let got = receiver.all();
    let events: Vec<Value> = got.iter().map(event_of).collect();
    let last = events.last().unwrap();
    assert_eq!(last["event"], "completed", "{events:?}");
    assert_eq!(last["jobId"], id.as_str());
    assert_eq!(last["status"], "COMPLETED");
    assert_eq!(last["progress"], 100);
    assert_eq!(last["model"], "topaz-video-upscale");
    assert_eq!(last["result"], job["result"]);
    assert_eq!(last["creditCost"], job["creditCost"]);
    assert_eq!(last["completedAt"], job["completedAt"]);

    // Progress events: at least one, strictly increasing, all before `completed`.
    let progress: Vec<i64> = events[..events.len() - 1]
        .iter()
        .map(|e| {
            assert_eq!(
                e["event"], "progress",
                "nothing but progress before completed: {events:?}"
            );
            assert_eq!(e["status"], "PROCESSING");
            e["progress"].as_i64().unwrap()
        })
        .collect();
    assert!(
        !progress.is_empty(),
        "a multi-second job announces progress"
    );
    assert!(progress.windows(2).all(|w| w[0] < w[1]), "{progress:?}");

    let mut ids = std::collections::HashSet::new();
    for r in &got {
        let event = event_of(r);
        assert_eq!(
            r.headers["x-webhook-event"],
            event["event"].as_str().unwrap()
        );
        assert_eq!(r.headers["content-type"], "application/json");
        let sig = r.headers["x-webhook-signature"].to_str().unwrap();
        assert!(
            verify_apiframe(&k.key, &r.body, sig),
            "signature must verify"
        );
        let mut tampered = r.body.to_vec();
        tampered[2] ^= 1;
        assert!(
            !verify_apiframe(&k.key, &tampered, sig),
            "a tampered body must not verify"
        );
        assert!(!verify_apiframe("afk_someone_else", &r.body, sig));
        assert!(
            verify_standard(&k.key, r),
            "Standard Webhooks signature must verify"
        );
        let ts: i64 = r.headers["webhook-timestamp"]
            .to_str()
            .unwrap()
            .parse()
            .unwrap();
        assert!((ts - recut_store::now_ms() / 1000).abs() < 300);
        assert!(
            ids.insert(r.headers["webhook-id"].to_str().unwrap().to_owned()),
            "one id per event"
        );
    }
}

#[tokio::test]
async fn retries_until_success_and_410_stops_at_once() {
    let (receiver, hook) = Receiver::start(&[500, 500, 500]).await;
    let app = TestApp::with(fast_retries).await;
    let k = app.key("acme", "a@acme.test", "OWNER", 10_000).await;
    let id = submit_with_hook(
        &app,
        &k.key,
        &hook,
        "720p",
        24,
        1.0,
        Some(json!(["completed"])),
    )
    .await;
    let job = wait_webhook_status(&app, &k.key, &id, "delivered").await;
    assert_eq!(job["status"], "COMPLETED");
    let got = receiver.all();
    assert_eq!(got.len(), 4, "three 500s then one 200");
    let delivery_ids: std::collections::HashSet<_> = got
        .iter()
        .map(|r| r.headers["webhook-id"].clone())
        .collect();
    assert_eq!(delivery_ids.len(), 1, "webhook-id is stable across retries");
    let (status, log) = app.get(&k.key, &format!("/v2/jobs/{id}/webhooks")).await;
    assert_eq!(status, StatusCode::OK);
    let d = &log["deliveries"][0];
    assert_eq!(d["status"], "delivered");
    assert_eq!(d["attempts"], 4);
    let codes: Vec<i64> = d["attemptLog"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["statusCode"].as_i64().unwrap())
        .collect();
    assert_eq!(codes, [500, 500, 500, 200]);
    assert_eq!(
        log["deliveries"].as_array().unwrap().len(),
        1,
        "only the subscribed event"
    );

    let (gone_receiver, gone_hook) = Receiver::start(&[410]).await;
    let id = submit_with_hook(
        &app,
        &k.key,
        &gone_hook,
        "720p",
        24,
        1.0,
        Some(json!(["completed", "failed"])),
    )
    .await;
    wait_webhook_status(&app, &k.key, &id, "failed").await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(gone_receiver.all().len(), 1, "410 stops retrying at once");
}

#[tokio::test]
async fn a_receiver_down_for_the_whole_schedule_ends_failed_and_can_be_retried() {
    // Bound but not listening: connections are refused (the receiver is down), and no other
    // test can take the port before the receiver comes back on it.
    let socket = tokio::net::TcpSocket::new_v4().unwrap();
    socket.bind("127.0.0.1:0".parse().unwrap()).unwrap();
    let port = socket.local_addr().unwrap().port();
    let hook = format!("http://127.0.0.1:{port}/hook");
    let app = TestApp::with(fast_retries).await;
    let k = app.key("acme", "a@acme.test", "OWNER", 10_000).await;
    let id = submit_with_hook(
        &app,
        &k.key,
        &hook,
        "720p",
        24,
        1.0,
        Some(json!(["completed"])),
    )
    .await;
    wait_webhook_status(&app, &k.key, &id, "failed").await;
    let (_, log) = app.get(&k.key, &format!("/v2/jobs/{id}/webhooks")).await;
    assert_eq!(
        log["deliveries"][0]["attempts"], 4,
        "first try plus the three scheduled retries"
    );
    assert!(log["deliveries"][0]["lastError"].is_string());

    // The receiver comes back; the owner re-queues the delivery.
    let receiver = Receiver::default();
    let app_rx = axum::Router::new()
        .route("/hook", axum::routing::post(receive))
        .with_state(receiver.clone());
    let listener = socket.listen(128).unwrap();
    tokio::spawn(async move { axum::serve(listener, app_rx).await.unwrap() });
    let (status, body) = app
        .post(
            &k.key,
            &format!("/v2/jobs/{id}/webhooks/retry"),
            &json!({}),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::ACCEPTED, "{body}");
    wait_webhook_status(&app, &k.key, &id, "delivered").await;
    assert_eq!(event_of(&receiver.all()[0])["event"], "completed");
    let (status, _) = app
        .post(
            &k.key,
            &format!("/v2/jobs/{id}/webhooks/retry"),
            &json!({}),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::CONFLICT, "nothing left to retry");
}

#[tokio::test]
async fn failed_jobs_send_the_failed_event_and_private_webhook_urls_are_refused_unless_allowed() {
    let (receiver, hook) = Receiver::start(&[]).await;
    let app = TestApp::with(fast_retries).await;
    let k = app.key("acme", "a@acme.test", "OWNER", 10_000).await;
    // An input that probes fine but cannot be decoded: the job really fails.
    let good = clip(app.dir.path(), "good.mp4", "320x180", "25", 2.0, false);
    let mut bytes = std::fs::read(&good).unwrap();
    let n = bytes.len();
    for (i, b) in bytes[n / 3..n - 64].iter_mut().enumerate() {
        *b = (i as u32).wrapping_mul(2_654_435_761).to_be_bytes()[0];
    }
    let bad = app.dir.path().join("bad.mp4");
    std::fs::write(&bad, &bytes).unwrap();
    let url = app.upload_url(&k.key, &bad).await;
    let body = json!({"model": "topaz-video-upscale", "webhookUrl": hook, "topazVideoParams": {"video": url, "target_resolution": "720p", "target_fps": 24}});
    let (_, accepted) = app.post(&k.key, "/v2/videos/upscale", &body, None).await;
    let id = accepted["jobId"].as_str().unwrap();
    wait_webhook_status(&app, &k.key, id, "delivered").await;
    let got = receiver.wait_for(1, Duration::from_secs(10)).await;
    let last = got.last().unwrap();
    let event = event_of(last);
    assert_eq!(
        event["event"],
        "failed",
        "the outcome comes last: {:?}",
        got.iter().map(event_of).collect::<Vec<_>>()
    );
    assert_eq!(event["status"], "FAILED");
    assert_eq!(event["jobId"], id);
    assert!(
        event["error"].as_str().unwrap().contains("decode"),
        "{event}"
    );
    assert!(verify_apiframe(
        &k.key,
        &last.body,
        last.headers["x-webhook-signature"].to_str().unwrap()
    ));

    let strict = TestApp::with(|c| c.allow_private_networks = false).await;
    let k = strict.key("acme", "a@acme.test", "OWNER", 10_000).await;
    for bad in [
        hook.as_str(),
        "http://10.1.2.3/hook",
        "http://[::1]:9/x",
        "http://169.254.169.254/",
    ] {
        let body = json!({"model": "topaz-video-upscale", "webhookUrl": bad, "topazVideoParams": {"video": "https://example.com/a.mp4", "target_resolution": "720p", "target_fps": 30}});
        let (status, resp) = strict.post(&k.key, "/v2/videos/upscale", &body, None).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{bad}: {resp}");
        assert!(resp["details"]["webhookUrl"].is_array(), "{bad}: {resp}");
    }
    assert_eq!(strict.assert_ledger_balanced(k.team_id).await, 10_000);
}

#[tokio::test]
async fn a_completed_event_survives_sigkill_of_the_server() {
    use crate::cli_binary::*;
    let (receiver, hook) = Receiver::start(&[]).await;
    *receiver.hang.lock().unwrap() = true;
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    let key = create_key(&data, 1000);
    let env = [
        ("RECUT_ALLOW_PRIVATE_NETWORKS", "true"),
        ("RECUT_WEBHOOKS__ATTEMPT_TIMEOUT_SECONDS", "1"),
        ("RECUT_WEBHOOKS__RETRY_SCHEDULE_MS", "100,100,100"),
        ("RECUT_WEBHOOKS__POLL_INTERVAL_MS", "100"),
    ];
    let port = free_port();
    let mut server = start_server_with(&data, port, &env);
    let http = unpooled_client();
    let src = clip(dir.path(), "src.mp4", "160x90", "25", 1.0, false);
    let video = upload_to(&http, &server.base, &key, &src).await;
    let body = json!({"model": "topaz-video-upscale", "webhookUrl": hook, "webhookEvents": ["completed"],
        "topazVideoParams": {"video": video, "target_resolution": "720p", "target_fps": 24}});
    let id = submit_to(&http, &server.base, &key, &body).await;

    // The job completes; its webhook is stuck in flight to a receiver that never answers.
    wait_status(
        &http,
        &server.base,
        &key,
        &id,
        &["COMPLETED"],
        Duration::from_secs(60),
    )
    .await;
    server.child.kill().unwrap();
    server.child.wait().unwrap();
    assert!(receiver.all().is_empty());

    *receiver.hang.lock().unwrap() = false;
    let mut server = start_server_with(&data, port, &env);
    let got = receiver.wait_for(1, Duration::from_secs(30)).await;
    let event = event_of(&got[0]);
    assert_eq!(event["event"], "completed");
    assert_eq!(event["jobId"], id.as_str());
    assert!(verify_apiframe(
        &key,
        &got[0].body,
        got[0].headers["x-webhook-signature"].to_str().unwrap()
    ));
    let start = Instant::now();
    loop {
        let job = get_from(&http, &server.base, &key, &format!("/v2/jobs/{id}")).await;
        if job["webhookStatus"] == "delivered" {
            break;
        }
        assert!(start.elapsed() < Duration::from_secs(10), "{job}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    server.child.kill().unwrap();
    server.child.wait().unwrap();
}
