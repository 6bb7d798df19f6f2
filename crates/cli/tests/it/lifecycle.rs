use std::time::{Duration, Instant};

use reqwest::StatusCode;
use serde_json::json;

use crate::support::*;

const JOB_TIMEOUT: Duration = Duration::from_secs(120);

#[tokio::test]
async fn upscale_end_to_end_output_has_requested_size_fps_and_audio() {
    let app = TestApp::start().await;
    let k = app.key("acme", "a@acme.test", "OWNER", 1000).await;
    let src = clip(app.dir.path(), "src.mp4", "320x180", "25", 2.0, true);
    let url = app.upload_url(&k.key, &src).await;
    let (status, accepted) = app.submit_upscale(&k.key, &url, "720p", 30).await;
    assert_eq!(status, StatusCode::ACCEPTED, "{accepted}");
    assert_eq!(accepted["status"], "QUEUED");
    let id = accepted["jobId"].as_str().unwrap();
    let job = app.wait_terminal(&k.key, id, JOB_TIMEOUT).await;
    assert_eq!(job["status"], "COMPLETED", "{job}");
    assert_eq!(job["progress"], 100);
    let price = 2 * app.state.config.pricing.upscale["720p_30"] as i64;
    assert_eq!(job["creditCost"], price);
    assert_eq!(app.assert_ledger_balanced(k.team_id).await, 1000 - price);
    let result = &job["result"];
    assert_eq!(
        (result["width"].as_u64(), result["height"].as_u64()),
        (Some(1280), Some(720)),
        "{result}"
    );

    let out = app.dir.path().join("out.mp4");
    let (status, headers) = download(&app.http, result["videoUrl"].as_str().unwrap(), &out).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers["content-type"], "video/mp4");
    let p = ffprobe(&out);
    assert_eq!((p.width, p.height), (1280, 720));
    assert_eq!(p.fps, "30/1");
    assert_eq!(p.frames, 60);
    assert!(p.has_audio, "audio must be kept");
}

#[tokio::test]
async fn url_inputs_are_fetched_when_allowed_and_refused_on_private_addresses_by_default() {
    let dir = tempfile::tempdir().unwrap();
    let src = clip(dir.path(), "src.mp4", "160x90", "25", 1.0, false);
    let bytes = std::fs::read(&src).unwrap();
    let server = axum::Router::new().route(
        "/clip.mp4",
        axum::routing::get(move || async move { bytes.clone() }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let origin = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, server).await.unwrap() });

    let strict = TestApp::with(|c| c.allow_private_networks = false).await;
    let k = strict.key("acme", "a@acme.test", "OWNER", 1000).await;
    let (status, body) = strict
        .submit_upscale(&k.key, &format!("{origin}/clip.mp4"), "720p", 24)
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert!(
        body["details"]["topazVideoParams.video"][0]
            .as_str()
            .unwrap()
            .contains("127.0.0.1"),
        "{body}"
    );
    let (status, body) = strict
        .submit_upscale(
            &k.key,
            "http://169.254.169.254/latest/meta-data",
            "720p",
            24,
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert_eq!(strict.assert_ledger_balanced(k.team_id).await, 1000);

    let open = TestApp::start().await;
    let k = open.key("acme", "a@acme.test", "OWNER", 1000).await;
    let (status, body) = open
        .submit_upscale(&k.key, &format!("{origin}/clip.mp4"), "720p", 24)
        .await;
    assert_eq!(status, StatusCode::ACCEPTED, "{body}");
    let job = open
        .wait_terminal(&k.key, body["jobId"].as_str().unwrap(), JOB_TIMEOUT)
        .await;
    assert_eq!(job["status"], "COMPLETED", "{job}");
    assert_eq!(job["result"]["frameCount"], 24);
    let (status, body) = open
        .submit_upscale(&k.key, &format!("{origin}/missing.mp4"), "720p", 24)
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    // The fetched input is deleted once the job is over.
    open.maintenance.sweep(recut_store::now_ms()).await.unwrap();
    let inputs = std::fs::read_dir(open.dir.path().join("data/files/inputs"))
        .unwrap()
        .count();
    assert_eq!(inputs, 0);
}

#[tokio::test]
async fn corrupt_input_ends_failed_with_a_readable_error_and_one_refund() {
    let app = TestApp::start().await;
    let k = app.key("acme", "a@acme.test", "OWNER", 1000).await;
    // Index at the front, pictures garbled: it probes fine and fails while decoding.
    let good = app.dir.path().join("good.mp4");
    std::process::Command::new("ffmpeg")
        .args([
            "-v",
            "error",
            "-y",
            "-f",
            "lavfi",
            "-i",
            "testsrc2=size=320x180:rate=25",
            "-t",
            "2",
        ])
        .args([
            "-c:v",
            "libx264",
            "-preset",
            "ultrafast",
            "-pix_fmt",
            "yuv420p",
            "-movflags",
            "+faststart",
        ])
        .arg(&good)
        .status()
        .unwrap();
    let mut bytes = std::fs::read(&good).unwrap();
    let n = bytes.len();
    let mut x: u32 = 12345;
    for b in &mut bytes[n / 3..n - 64] {
        x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
        *b = (x >> 16) as u8;
    }
    let bad = app.dir.path().join("bad.mp4");
    std::fs::write(&bad, &bytes).unwrap();
    let url = app.upload_url(&k.key, &bad).await;
    let (status, body) = app.submit_upscale(&k.key, &url, "720p", 30).await;
    assert_eq!(status, StatusCode::ACCEPTED, "{body}");
    let job = app
        .wait_terminal(&k.key, body["jobId"].as_str().unwrap(), JOB_TIMEOUT)
        .await;
    assert_eq!(job["status"], "FAILED", "{job}");
    assert!(job["error"].as_str().unwrap().len() > 10, "{job}");
    assert_eq!(job["creditCost"], 0);
    assert!(job["result"].is_null());
    assert_eq!(app.assert_ledger_balanced(k.team_id).await, 1000);
}

#[tokio::test]
async fn edit_prompts_are_compiled_at_submission_and_the_plan_is_returned() {
    let app = TestApp::start().await;
    let k = app.key("acme", "a@acme.test", "OWNER", 1000).await;
    let src = clip(app.dir.path(), "src.mp4", "320x240", "25", 2.0, true);
    let url = app.upload_url(&k.key, &src).await;

    // Something the engine cannot do is refused, naming the phrase, and charges nothing.
    let body = json!({"model": "wan-2.7-videoedit", "prompt": "make it warm and add a dragon in the sky", "wan27VideoeditParams": {"video": url}});
    let (status, refused) = app.post(&k.key, "/v2/videos/edit", &body, None).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{refused}");
    assert_eq!(refused["error"], "Validation error");
    assert!(
        refused["details"]["prompt"][0]
            .as_str()
            .unwrap()
            .contains("dragon"),
        "{refused}"
    );
    assert!(
        refused["unsupportedPhrase"]
            .as_str()
            .unwrap()
            .contains("dragon"),
        "{refused}"
    );
    assert!(refused["supported"].as_array().unwrap().len() > 3);
    // A reference-image edit without the image is refused too.
    let body = json!({"model": "wan-2.7-videoedit", "prompt": "replace the background with the reference image", "wan27VideoeditParams": {"video": url}});
    let (status, refused) = app.post(&k.key, "/v2/videos/edit", &body, None).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{refused}");
    assert!(
        refused["details"]["wan27VideoeditParams.reference_image"].is_array(),
        "{refused}"
    );
    // A frame shape in the prompt that the request's aspect_ratio contradicts.
    let body = json!({"model": "wan-2.7-videoedit", "prompt": "warm, crop to 9:16", "wan27VideoeditParams": {"video": url, "aspect_ratio": "16:9"}});
    let (status, refused) = app.post(&k.key, "/v2/videos/edit", &body, None).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{refused}");
    assert!(
        refused["details"]["wan27VideoeditParams.aspect_ratio"][0]
            .as_str()
            .unwrap()
            .contains("9:16"),
        "{refused}"
    );
    // So does a length in the prompt that the request's duration contradicts.
    let body = json!({"model": "wan-2.7-videoedit", "prompt": "sepia, trim it to 2 seconds", "wan27VideoeditParams": {"video": url, "duration": 3}});
    let (status, refused) = app.post(&k.key, "/v2/videos/edit", &body, None).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{refused}");
    assert!(
        refused["details"]["wan27VideoeditParams.duration"][0]
            .as_str()
            .unwrap()
            .contains("first 2 seconds"),
        "{refused}"
    );
    // A clip outside the model's limits (under 2 s) is refused at submission.
    let short = clip(app.dir.path(), "short.mp4", "320x240", "25", 1.0, false);
    let short_url = app.upload_url(&k.key, &short).await;
    let body = json!({"model": "wan-2.7-videoedit", "prompt": "black and white", "wan27VideoeditParams": {"video": short_url}});
    let (status, refused) = app.post(&k.key, "/v2/videos/edit", &body, None).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{refused}");
    assert!(
        refused["details"]["wan27VideoeditParams.video"][0]
            .as_str()
            .unwrap()
            .contains("2-10 s"),
        "{refused}"
    );
    assert_eq!(app.assert_ledger_balanced(k.team_id).await, 1000);

    // A supported edit runs, and `result.plan` shows how the prompt was understood.
    let body = json!({"model": "wan-2.7-videoedit", "prompt": "black and white with heavy grain", "wan27VideoeditParams": {"video": url, "seed": 7}});
    let (status, accepted) = app.post(&k.key, "/v2/videos/edit", &body, None).await;
    assert_eq!(status, StatusCode::ACCEPTED, "{accepted}");
    let job = app
        .wait_terminal(&k.key, accepted["jobId"].as_str().unwrap(), JOB_TIMEOUT)
        .await;
    assert_eq!(job["status"], "COMPLETED", "{job}");
    let plan = job["result"]["plan"].to_string();
    assert!(
        plan.contains("grain")
            && (plan.to_lowercase().contains("mono") || plan.to_lowercase().contains("black")),
        "{plan}"
    );
    let out = app.dir.path().join("edit.mp4");
    download(&app.http, job["result"]["videoUrl"].as_str().unwrap(), &out).await;
    let p = ffprobe(&out);
    assert_eq!(p.height, 1080, "1080p by default");
    assert!(p.has_audio);
    let price = 2 * app.state.config.pricing.edit["1080p"] as i64;
    assert_eq!(app.assert_ledger_balanced(k.team_id).await, 1000 - price);

    // A length asked in the prompt trims the clip as `duration` would, and only what is
    // made is charged: 2 of the clip's 4 seconds.
    let long = clip(app.dir.path(), "long.mp4", "320x240", "25", 4.0, false);
    let long_url = app.upload_url(&k.key, &long).await;
    let body = json!({"model": "wan-2.7-videoedit", "prompt": "sepia, and only keep the first 2 seconds", "wan27VideoeditParams": {"video": long_url, "resolution": "720p"}});
    let (status, accepted) = app.post(&k.key, "/v2/videos/edit", &body, None).await;
    assert_eq!(status, StatusCode::ACCEPTED, "{accepted}");
    let job = app
        .wait_terminal(&k.key, accepted["jobId"].as_str().unwrap(), JOB_TIMEOUT)
        .await;
    assert_eq!(job["status"], "COMPLETED", "{job}");
    assert_eq!(job["result"]["plan"]["duration_seconds"], 2.0, "{job}");
    let out = app.dir.path().join("trimmed.mp4");
    download(&app.http, job["result"]["videoUrl"].as_str().unwrap(), &out).await;
    assert_eq!(ffprobe(&out).frames, 50, "2 s at 25 fps");
    let trimmed = 2 * app.state.config.pricing.edit["720p"] as i64;
    assert_eq!(
        app.assert_ledger_balanced(k.team_id).await,
        1000 - price - trimmed
    );
}

#[tokio::test]
async fn cancel_refunds_once_stops_processes_and_409s_afterwards() {
    let app = TestApp::with(|c| c.workers.concurrency = 0).await;
    let k = app.key("acme", "a@acme.test", "OWNER", 1000).await;
    let src = clip(app.dir.path(), "src.mp4", "160x90", "25", 2.0, false);
    let url = app.upload_url(&k.key, &src).await;
    let (_, body) = app.submit_upscale(&k.key, &url, "720p", 30).await;
    let id = body["jobId"].as_str().unwrap();
    let (status, job) = app
        .post(&k.key, &format!("/v2/jobs/{id}/cancel"), &json!({}), None)
        .await;
    assert_eq!(status, StatusCode::OK, "{job}");
    assert_eq!(job["status"], "CANCELLED");
    assert_eq!(job["creditCost"], 0);
    let (status, again) = app
        .post(&k.key, &format!("/v2/jobs/{id}/cancel"), &json!({}), None)
        .await;
    assert_eq!(status, StatusCode::CONFLICT, "{again}");
    assert_eq!(again["status"], "CANCELLED");
    assert_eq!(app.assert_ledger_balanced(k.team_id).await, 1000);

    // A running job: its processes stop within a second.
    let running = TestApp::start().await;
    let k = running.key("acme", "a@acme.test", "OWNER", 100_000).await;
    let src = clip(running.dir.path(), "long.mp4", "640x360", "30", 8.0, true);
    let url = running.upload_url(&k.key, &src).await;
    let (_, body) = running.submit_upscale(&k.key, &url, "4k", 60).await;
    let id = body["jobId"].as_str().unwrap().to_owned();
    let start = Instant::now();
    while running.state.control.running_count() == 0 {
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "job never started"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    tokio::time::sleep(Duration::from_millis(500)).await;
    let (status, job) = running
        .post(&k.key, &format!("/v2/jobs/{id}/cancel"), &json!({}), None)
        .await;
    assert_eq!(status, StatusCode::OK, "{job}");
    let cancelled_at = Instant::now();
    while running.state.control.running_count() > 0 {
        assert!(
            cancelled_at.elapsed() < Duration::from_secs(1),
            "processes still running a second after cancel"
        );
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    let job = running.wait_terminal(&k.key, &id, JOB_TIMEOUT).await;
    assert_eq!(job["status"], "CANCELLED");
    assert!(job["result"].is_null());
    assert_eq!(running.assert_ledger_balanced(k.team_id).await, 100_000);
}

#[tokio::test]
async fn abandoned_leases_are_retried_then_failed_and_refunded_once() {
    let app = TestApp::with(|c| {
        c.workers.concurrency = 0;
        c.workers.max_attempts = 2;
    })
    .await;
    let k = app.key("acme", "a@acme.test", "OWNER", 1000).await;
    let src = clip(app.dir.path(), "src.mp4", "160x90", "25", 2.0, false);
    let url = app.upload_url(&k.key, &src).await;
    let (_, body) = app.submit_upscale(&k.key, &url, "720p", 30).await;
    let id = body["jobId"].as_str().unwrap();
    let store = &app.state.store;

    // A worker claims the job and dies (no heartbeat).
    let claimed = store
        .claim("ghost-1", Duration::from_millis(1))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(claimed.attempt, 1);
    let later = recut_store::now_ms() + 1000;
    let report = app.maintenance.sweep(later).await.unwrap();
    assert_eq!(report.requeued, 1);
    let (_, job) = app.get(&k.key, &format!("/v2/jobs/{id}")).await;
    assert_eq!(job["status"], "QUEUED");

    // The dead worker cannot write over the rescued job.
    let stale = recut_store::LeaseToken {
        job_id: claimed.id,
        attempt: 1,
        worker: "ghost-1".into(),
    };
    assert!(!store
        .complete(&stale, json!({"videoUrl": "x"}), "results/x.mp4")
        .await
        .unwrap());
    assert!(!store.fail(&stale, "stale").await.unwrap());

    // Second attempt dies too: attempts are used up, so the job fails and is refunded.
    let claimed = store
        .claim("ghost-2", Duration::from_millis(1))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(claimed.attempt, 2);
    let report = app
        .maintenance
        .sweep(recut_store::now_ms() + 1000)
        .await
        .unwrap();
    assert_eq!(report.failed, 1);
    let (_, job) = app.get(&k.key, &format!("/v2/jobs/{id}")).await;
    assert_eq!(job["status"], "FAILED");
    assert!(
        job["error"]
            .as_str()
            .unwrap()
            .contains("stopped responding"),
        "{job}"
    );
    assert_eq!(job["creditCost"], 0);
    let report = app
        .maintenance
        .sweep(recut_store::now_ms() + 2000)
        .await
        .unwrap();
    assert_eq!(report.failed, 0);
    assert_eq!(app.assert_ledger_balanced(k.team_id).await, 1000);
}

#[tokio::test]
async fn retention_sweep_expires_results_and_uploads() {
    let app = TestApp::start().await;
    let k = app.key("acme", "a@acme.test", "OWNER", 1000).await;
    let src = clip(app.dir.path(), "src.mp4", "160x90", "25", 1.0, false);
    let upload_url = app.upload_url(&k.key, &src).await;
    let (_, body) = app.submit_upscale(&k.key, &upload_url, "720p", 24).await;
    let id = body["jobId"].as_str().unwrap();
    let job = app.wait_terminal(&k.key, id, JOB_TIMEOUT).await;
    assert_eq!(job["status"], "COMPLETED", "{job}");
    let video_url = job["result"]["videoUrl"].as_str().unwrap().to_owned();
    assert_eq!(
        app.http.get(&video_url).send().await.unwrap().status(),
        StatusCode::OK
    );

    // A day later: the upload's TTL has passed, the result is kept.
    let report = app
        .maintenance
        .sweep(recut_store::now_ms() + 86_400_000)
        .await
        .unwrap();
    assert_eq!((report.uploads_purged, report.results_expired), (1, 0));
    assert_eq!(
        app.http.get(&upload_url).send().await.unwrap().status(),
        StatusCode::NOT_FOUND
    );
    let (status, body) = app.submit_upscale(&k.key, &upload_url, "720p", 24).await;
    assert_eq!(
        status,
        StatusCode::BAD_REQUEST,
        "an expired upload cannot be used: {body}"
    );

    // 91 days later the result is purged.
    let report = app
        .maintenance
        .sweep(recut_store::now_ms() + 91 * 86_400_000)
        .await
        .unwrap();
    assert_eq!(report.results_expired, 1);
    let (_, job) = app.get(&k.key, &format!("/v2/jobs/{id}")).await;
    assert_eq!(job["expired"], true);
    assert_eq!(job["status"], "COMPLETED");
    assert_eq!(
        app.http.get(&video_url).send().await.unwrap().status(),
        StatusCode::NOT_FOUND
    );
}
