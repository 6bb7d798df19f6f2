use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::support::*;

/// Each invalid body and the JSON paths its 400 must name.
fn cases() -> Vec<(&'static str, &'static str, Value, Vec<&'static str>)> {
    let up = "/v2/videos/upscale";
    let ed = "/v2/videos/edit";
    let v = "https://example.com/clip.mp4";
    vec![
        (
            "missing params",
            up,
            json!({"model": "topaz-video-upscale"}),
            vec!["topazVideoParams"],
        ),
        (
            "wrong model",
            up,
            json!({"model": "veo", "topazVideoParams": {"video": v, "target_resolution": "720p", "target_fps": 30}}),
            vec!["model"],
        ),
        (
            "bad fps",
            up,
            json!({"model": "topaz-video-upscale", "topazVideoParams": {"video": v, "target_resolution": "720p", "target_fps": 25}}),
            vec!["topazVideoParams.target_fps"],
        ),
        (
            "bad resolution and missing video",
            up,
            json!({"model": "topaz-video-upscale", "topazVideoParams": {"target_resolution": "8k", "target_fps": 30}}),
            vec![
                "topazVideoParams.target_resolution",
                "topazVideoParams.video",
            ],
        ),
        (
            "unknown field",
            up,
            json!({"model": "topaz-video-upscale", "prompt": "x", "topazVideoParams": {"video": v, "target_resolution": "720p", "target_fps": 30, "denoise": true}}),
            vec!["prompt", "topazVideoParams.denoise"],
        ),
        (
            "enhance model enum",
            up,
            json!({"model": "topaz-video-upscale", "topazVideoParams": {"video": v, "target_resolution": "720p", "target_fps": 30, "enhance_model": "zeus", "subject_detection": "some"}}),
            vec![
                "topazVideoParams.enhance_model",
                "topazVideoParams.subject_detection",
            ],
        ),
        (
            "non-http video",
            up,
            json!({"model": "topaz-video-upscale", "topazVideoParams": {"video": "file:///etc/passwd", "target_resolution": "720p", "target_fps": 30}}),
            vec!["topazVideoParams.video"],
        ),
        (
            "not a url",
            up,
            json!({"model": "topaz-video-upscale", "topazVideoParams": {"video": "clip.mp4", "target_resolution": "720p", "target_fps": 30}}),
            vec!["topazVideoParams.video"],
        ),
        (
            "webhook events",
            up,
            json!({"model": "topaz-video-upscale", "webhookEvents": [], "webhookUrl": "ftp://x", "topazVideoParams": {"video": v, "target_resolution": "720p", "target_fps": 30}}),
            vec!["webhookEvents", "webhookUrl"],
        ),
        (
            "edit missing prompt",
            ed,
            json!({"model": "wan-2.7-videoedit", "wan27VideoeditParams": {"video": v}}),
            vec!["prompt"],
        ),
        (
            "edit empty prompt",
            ed,
            json!({"model": "wan-2.7-videoedit", "prompt": "", "wan27VideoeditParams": {"video": v}}),
            vec!["prompt"],
        ),
        (
            "edit long prompt",
            ed,
            json!({"model": "wan-2.7-videoedit", "prompt": "x".repeat(5001), "wan27VideoeditParams": {"video": v}}),
            vec!["prompt"],
        ),
        (
            "edit ranges",
            ed,
            json!({"model": "wan-2.7-videoedit", "prompt": "warm", "wan27VideoeditParams": {"video": v, "duration": 1, "seed": "7", "aspect_ratio": "2:1", "audio_setting": "mute", "negative_prompt": "n".repeat(2501)}}),
            vec![
                "wan27VideoeditParams.duration",
                "wan27VideoeditParams.seed",
                "wan27VideoeditParams.aspect_ratio",
                "wan27VideoeditParams.audio_setting",
                "wan27VideoeditParams.negative_prompt",
            ],
        ),
        (
            "edit duration too long and fractional",
            ed,
            json!({"model": "wan-2.7-videoedit", "prompt": "warm", "wan27VideoeditParams": {"video": v, "duration": 10.5}}),
            vec!["wan27VideoeditParams.duration"],
        ),
        (
            "body not an object",
            up,
            json!(["topaz-video-upscale"]),
            vec![""],
        ),
    ]
}

#[tokio::test]
async fn invalid_bodies_list_every_failure_under_its_path_and_store_nothing() {
    let app = TestApp::start().await;
    let k = app.key("acme", "a@acme.test", "OWNER", 1000).await;
    for (name, route, body, paths) in cases() {
        let (status, resp) = app.post(&k.key, route, &body, None).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{name}: {resp}");
        assert_eq!(resp["error"], "Validation error", "{name}: {resp}");
        let details = resp["details"].as_object().unwrap();
        for p in &paths {
            let msgs = details
                .get(*p)
                .unwrap_or_else(|| panic!("{name}: no details for {p:?} in {resp}"));
            assert!(!msgs.as_array().unwrap().is_empty());
        }
        assert_eq!(
            details.len(),
            paths.len(),
            "{name}: unexpected extra paths in {resp}"
        );
    }
    let (_, list) = app.get(&k.key, "/v2/jobs").await;
    assert_eq!(list["jobs"].as_array().unwrap().len(), 0);
    assert_eq!(app.assert_ledger_balanced(k.team_id).await, 1000);
}

#[tokio::test]
async fn malformed_json_wrong_content_type_and_oversized_bodies_get_clear_4xx() {
    let app = TestApp::with(|c| c.limits.max_json_body_bytes = 4096).await;
    let k = app.key("acme", "a@acme.test", "OWNER", 1000).await;
    let post = |body: String, ct: &'static str| {
        app.http
            .post(app.url("/v2/videos/upscale"))
            .header("X-API-Key", &k.key)
            .header("Content-Type", ct)
            .body(body)
            .send()
    };
    let resp = post("{\"model\": ".into(), "application/json")
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::BAD_REQUEST);
    let body: Value = resp.json().await.unwrap();
    assert!(
        body["error"].as_str().unwrap().contains("Malformed JSON"),
        "{body}"
    );

    let resp = post("model=x".into(), "application/x-www-form-urlencoded")
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
    let body: Value = resp.json().await.unwrap();
    assert!(
        body["error"].as_str().unwrap().contains("application/json"),
        "{body}"
    );

    let big = json!({"model": "topaz-video-upscale", "pad": "x".repeat(10_000)}).to_string();
    let resp = post(big, "application/json; charset=utf-8").await.unwrap();
    assert_eq!(resp.status(), StatusCode::PAYLOAD_TOO_LARGE);
    let body: Value = resp.json().await.unwrap();
    assert!(body["error"].as_str().unwrap().contains("4096"), "{body}");

    let (status, body) = app
        .post(
            &k.key,
            "/v2/videos/upscale",
            &json!({"model": "topaz-video-upscale"}),
            Some(&"k".repeat(256)),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert!(
        body["details"]["Idempotency-Key"].is_array()
            || body["details"]["topazVideoParams"].is_array(),
        "{body}"
    );

    assert_eq!(app.assert_ledger_balanced(k.team_id).await, 1000);
    // The service is still up.
    assert_eq!(app.get(&k.key, "/v2/me").await.0, StatusCode::OK);
}
