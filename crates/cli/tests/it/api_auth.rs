use reqwest::StatusCode;
use serde_json::json;

use crate::support::*;

#[tokio::test]
async fn missing_unknown_and_revoked_keys_are_refused() {
    let app = TestApp::with(|c| c.rate_limit.auth_cache_ms = 0).await;
    let k = app.key("acme", "a@acme.test", "OWNER", 0).await;

    let resp = app.http.get(app.url("/v2/me")).send().await.unwrap();
    assert_eq!(resp.status(), StatusCode::UNAUTHORIZED);
    let body: serde_json::Value = resp.json().await.unwrap();
    assert!(
        body["error"].as_str().unwrap().contains("X-API-Key"),
        "{body}"
    );

    let (status, _) = app.get("afk_not_a_real_key", "/v2/me").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);

    let resp = app
        .http
        .get(app.url("/v2/me"))
        .bearer_auth(&k.key)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::OK, "Bearer auth must work too");

    let (status, me) = app.get(&k.key, "/v2/me").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(me["user"]["email"], "a@acme.test");
    assert_eq!(me["team"]["name"], "acme");
    assert!(k.key.starts_with(me["apiKey"]["prefix"].as_str().unwrap()));

    app.state.store.revoke_key(k.key_id).await.unwrap();
    let (status, body) = app.get(&k.key, "/v2/me").await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    // Submissions with a revoked key are refused before anything else.
    let (status, _) = app
        .submit_upscale(&k.key, "https://example.com/a.mp4", "720p", 30)
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn models_is_public_and_validates_modality() {
    let app = TestApp::start().await;
    let resp = app.http.get(app.url("/v2/models")).send().await.unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    let body: serde_json::Value = resp.json().await.unwrap();
    let ids: Vec<&str> = body["models"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["topaz-video-upscale", "wan-2.7-videoedit"]);
    let upscale = &body["models"][0];
    assert_eq!(upscale["pricingMode"], "per-second");
    assert_eq!(
        upscale["creditsPerSecond"]["4k_60"],
        app.state.config.pricing.upscale["4k_60"]
    );

    let resp = app
        .http
        .get(app.url("/v2/models?modality=music"))
        .send()
        .await
        .unwrap();
    assert_eq!(
        resp.json::<serde_json::Value>().await.unwrap(),
        json!({"models": []})
    );
    let resp = app
        .http
        .get(app.url("/v2/models?modality=smell"))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::BAD_REQUEST);
    let body: serde_json::Value = resp.json().await.unwrap();
    assert!(body["details"]["modality"].is_array(), "{body}");
}

#[tokio::test]
async fn teams_and_members_never_see_each_others_jobs() {
    let app = TestApp::with(|c| c.workers.concurrency = 0).await;
    let a_owner = app.key("a", "owner@a.test", "OWNER", 1000).await;
    let a_member = app.key("a", "member@a.test", "MEMBER", 0).await;
    let b_owner = app.key("b", "owner@b.test", "OWNER", 1000).await;
    let clip = clip(app.dir.path(), "c.mp4", "160x90", "25", 1.0, false);
    let url = app.upload_url(&a_member.key, &clip).await;
    let (status, accepted) = app.submit_upscale(&a_member.key, &url, "720p", 24).await;
    assert_eq!(status, StatusCode::ACCEPTED, "{accepted}");
    let path = format!("/v2/jobs/{}", accepted["jobId"].as_str().unwrap());

    assert_eq!(app.get(&a_member.key, &path).await.0, StatusCode::OK);
    assert_eq!(
        app.get(&a_owner.key, &path).await.0,
        StatusCode::OK,
        "owners see their team's jobs"
    );
    let (status, body) = app.get(&b_owner.key, &path).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "{body}");
    let (status, _) = app
        .post(&b_owner.key, &format!("{path}/cancel"), &json!({}), None)
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    // Another team cannot use this team's upload as an input.
    let (status, body) = app.submit_upscale(&b_owner.key, &url, "720p", 24).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        body["details"]["topazVideoParams.video"].is_array(),
        "{body}"
    );
    let (_, list) = app.get(&b_owner.key, "/v2/jobs?scope=team").await;
    assert_eq!(list["jobs"].as_array().unwrap().len(), 0);

    let (status, _) = app.get(&a_owner.key, "/v2/jobs/not-a-uuid").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let (status, _) = app
        .get(&a_owner.key, &format!("/v2/jobs/{}", uuid::Uuid::new_v4()))
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn rate_limit_answers_429_with_integer_retry_after() {
    let app = TestApp::with(|c| {
        c.rate_limit.per_second = 0.5;
        c.rate_limit.burst = 3.0;
    })
    .await;
    let k = app.key("acme", "a@acme.test", "OWNER", 0).await;
    for _ in 0..3 {
        assert_eq!(app.get(&k.key, "/v2/me").await.0, StatusCode::OK);
    }
    let resp = app
        .http
        .get(app.url("/v2/me"))
        .header("X-API-Key", &k.key)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::TOO_MANY_REQUESTS);
    let retry: u64 = resp.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=2).contains(&retry), "{retry}");
    // Other keys have their own bucket.
    let other = app.key("acme", "b@acme.test", "MEMBER", 0).await;
    assert_eq!(app.get(&other.key, "/v2/me").await.0, StatusCode::OK);
}

#[tokio::test]
async fn openapi_document_declares_recut_additions() {
    let app = TestApp::start().await;
    let doc: serde_json::Value = app
        .http
        .get(app.url("/v2/openapi.json"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(doc["paths"]["/v2/jobs/{id}/cancel"]["post"]["responses"]["409"].is_object());
    assert!(doc["paths"]["/v2/videos/upscale"]["post"]["responses"]["422"].is_object());
    for path in [
        "/v2/videos/edit",
        "/v2/videos/upscale",
        "/v2/jobs",
        "/v2/jobs/{id}",
        "/v2/uploads",
        "/v2/me",
        "/v2/models",
    ] {
        assert!(doc["paths"][path].is_object(), "{path} missing");
    }
    let resp = app.http.get(app.url("/nope")).send().await.unwrap();
    assert_eq!(resp.status(), StatusCode::NOT_FOUND);
    let health = app.http.get(app.url("/readyz")).send().await.unwrap();
    assert_eq!(health.status(), StatusCode::OK);
    let metrics = app
        .http
        .get(app.url("/metrics"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(metrics.contains("recut_http_requests_total"), "{metrics}");
    assert!(metrics.contains("recut_queue_depth"), "{metrics}");
}

#[tokio::test]
async fn a_revoked_key_stops_working_once_the_auth_cache_expires() {
    let app = TestApp::with(|c| c.rate_limit.auth_cache_ms = 300).await;
    let k = app.key("acme", "a@acme.test", "OWNER", 0).await;
    assert_eq!(app.get(&k.key, "/v2/me").await.0, StatusCode::OK);
    // Revoked by another process (the admin CLI), so this one only learns it from the database.
    app.state.store.revoke_key(k.key_id).await.unwrap();
    tokio::time::sleep(std::time::Duration::from_millis(350)).await;
    assert_eq!(app.get(&k.key, "/v2/me").await.0, StatusCode::FORBIDDEN);
}
