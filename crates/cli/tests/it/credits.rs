use reqwest::StatusCode;
use serde_json::json;

use crate::support::*;

#[tokio::test]
async fn insufficient_credits_is_402_and_stores_nothing() {
    let app = TestApp::with(|c| c.workers.concurrency = 0).await;
    let k = app.key("poor", "p@poor.test", "OWNER", 3).await;
    let clip = clip(app.dir.path(), "c.mp4", "160x90", "25", 2.0, false);
    let url = app.upload_url(&k.key, &clip).await;
    // 2 s at 4k_60 costs 2 x rate.
    let (status, body) = app.submit_upscale(&k.key, &url, "4k", 60).await;
    assert_eq!(status, StatusCode::PAYMENT_REQUIRED, "{body}");
    let rate = app.state.config.pricing.upscale["4k_60"] as i64;
    assert_eq!(
        body,
        json!({"error": "Insufficient credits", "creditsRequired": 2 * rate, "creditsAvailable": 3})
    );
    let (_, list) = app.get(&k.key, "/v2/jobs").await;
    assert_eq!(list["jobs"].as_array().unwrap().len(), 0);
    assert_eq!(app.assert_ledger_balanced(k.team_id).await, 3);
}

#[tokio::test]
async fn idempotent_replay_mismatch_and_a_twenty_way_race() {
    let app = TestApp::with(|c| c.workers.concurrency = 0).await;
    let k = app.key("acme", "a@acme.test", "OWNER", 10_000).await;
    let other_team = app.key("other", "o@other.test", "OWNER", 10_000).await;
    let clip = clip(app.dir.path(), "c.mp4", "160x90", "25", 2.0, false);
    let url = app.upload_url(&k.key, &clip).await;
    let body = json!({"model": "topaz-video-upscale", "topazVideoParams": {"video": url, "target_resolution": "1080p", "target_fps": 30}});
    let price = 2 * app.state.config.pricing.upscale["1080p_30"] as i64;

    let (s1, first) = app
        .post(&k.key, "/v2/videos/upscale", &body, Some("key-1"))
        .await;
    assert_eq!(s1, StatusCode::ACCEPTED, "{first}");
    // Same key and same body (fields in another order): the original job, no new charge.
    let reordered = json!({"topazVideoParams": {"target_fps": 30, "target_resolution": "1080p", "video": url}, "model": "topaz-video-upscale"});
    let (s2, second) = app
        .post(&k.key, "/v2/videos/upscale", &reordered, Some("key-1"))
        .await;
    assert_eq!(s2, StatusCode::ACCEPTED);
    assert_eq!(first["jobId"], second["jobId"]);
    assert_eq!(app.balance(k.team_id).await, 10_000 - price);

    // Same key, different body.
    let mut changed = body.clone();
    changed["topazVideoParams"]["target_fps"] = json!(60);
    let (s3, mismatch) = app
        .post(&k.key, "/v2/videos/upscale", &changed, Some("key-1"))
        .await;
    assert_eq!(s3, StatusCode::UNPROCESSABLE_ENTITY, "{mismatch}");
    assert_eq!(app.balance(k.team_id).await, 10_000 - price);

    // A key never crosses teams: the other team's "key-1" is its own.
    let other_url = app.upload_url(&other_team.key, &clip).await;
    let other_body = json!({"model": "topaz-video-upscale", "topazVideoParams": {"video": other_url, "target_resolution": "1080p", "target_fps": 30}});
    let (s4, other) = app
        .post(
            &other_team.key,
            "/v2/videos/upscale",
            &other_body,
            Some("key-1"),
        )
        .await;
    assert_eq!(s4, StatusCode::ACCEPTED);
    assert_ne!(other["jobId"], first["jobId"]);

    // Twenty concurrent identical submissions: one job, one debit.
    let before = app.balance(k.team_id).await;
    let race = futures::future::join_all(
        (0..20).map(|_| app.post(&k.key, "/v2/videos/upscale", &changed, Some("race-key"))),
    )
    .await;
    let ids: std::collections::HashSet<String> = race
        .iter()
        .map(|(s, b)| {
            assert_eq!(*s, StatusCode::ACCEPTED, "{b}");
            b["jobId"].as_str().unwrap().to_owned()
        })
        .collect();
    assert_eq!(ids.len(), 1, "{ids:?}");
    let price60 = 2 * app.state.config.pricing.upscale["1080p_60"] as i64;
    assert_eq!(app.balance(k.team_id).await, before - price60);
    let (_, list) = app.get(&k.key, "/v2/jobs?limit=100").await;
    assert_eq!(list["jobs"].as_array().unwrap().len(), 2);
    app.assert_ledger_balanced(k.team_id).await;
    app.assert_ledger_balanced(other_team.team_id).await;
}

#[tokio::test]
async fn a_full_queue_answers_503_with_retry_after_and_charges_nothing() {
    let app = TestApp::with(|c| {
        c.workers.concurrency = 0;
        c.limits.max_queue_depth = 1;
    })
    .await;
    let k = app.key("acme", "a@acme.test", "OWNER", 1000).await;
    let clip = clip(app.dir.path(), "c.mp4", "160x90", "25", 1.0, false);
    let url = app.upload_url(&k.key, &clip).await;
    let (status, _) = app.submit_upscale(&k.key, &url, "720p", 24).await;
    assert_eq!(status, StatusCode::ACCEPTED);
    let balance = app.balance(k.team_id).await;
    // The depth is cached for a quarter second.
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let resp = app
        .http
        .post(app.url("/v2/videos/upscale"))
        .header("X-API-Key", &k.key)
        .json(&json!({"model": "topaz-video-upscale", "topazVideoParams": {"video": url, "target_resolution": "720p", "target_fps": 24}}))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert!(
        resp.headers()["retry-after"]
            .to_str()
            .unwrap()
            .parse::<u64>()
            .unwrap()
            >= 1
    );
    assert_eq!(app.balance(k.team_id).await, balance);
    let metrics = app
        .http
        .get(app.url("/metrics"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        metrics.contains("recut_credits{kind=\"granted\"} 1000"),
        "{metrics}"
    );
    assert!(metrics.contains("recut_queue_depth 1"), "{metrics}");
    app.assert_ledger_balanced(k.team_id).await;
}
