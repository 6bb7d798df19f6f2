use std::collections::HashSet;

use reqwest::StatusCode;
use serde_json::json;

use crate::support::*;

#[tokio::test]
async fn cursor_pagination_has_no_gaps_or_repeats_and_filters_work() {
    let app = TestApp::with(|c| c.workers.concurrency = 0).await;
    let owner = app.key("acme", "o@acme.test", "OWNER", 100_000).await;
    let member = app.key("acme", "m@acme.test", "MEMBER", 0).await;
    let clip = clip(app.dir.path(), "c.mp4", "160x90", "25", 1.0, false);
    let url = app.upload_url(&owner.key, &clip).await;
    let member_url = app.upload_url(&member.key, &clip).await;
    let mut all = Vec::new();
    for i in 0..23 {
        let (status, body) = app
            .submit_upscale(
                &owner.key,
                &url,
                if i % 2 == 0 { "720p" } else { "1080p" },
                24,
            )
            .await;
        assert_eq!(status, StatusCode::ACCEPTED);
        all.push(body["jobId"].as_str().unwrap().to_owned());
    }
    let (status, _) = app
        .submit_upscale(&member.key, &member_url, "720p", 24)
        .await;
    assert_eq!(status, StatusCode::ACCEPTED);

    // Walk the owner's own jobs 5 at a time.
    let mut seen = Vec::new();
    let mut keys = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let path = match &cursor {
            Some(c) => format!("/v2/jobs?limit=5&cursor={c}"),
            None => "/v2/jobs?limit=5".into(),
        };
        let (status, page) = app.get(&owner.key, &path).await;
        assert_eq!(status, StatusCode::OK, "{page}");
        let jobs = page["jobs"].as_array().unwrap();
        for j in jobs {
            seen.push(j["id"].as_str().unwrap().to_owned());
            keys.push((
                j["createdAt"].as_str().unwrap().to_owned(),
                j["id"].as_str().unwrap().to_owned(),
            ));
            assert!(j["expired"].is_boolean() && j["createdAt"].is_string());
        }
        if !page["hasMore"].as_bool().unwrap() {
            assert!(page["nextCursor"].is_null());
            break;
        }
        cursor = Some(page["nextCursor"].as_str().unwrap().to_owned());
    }
    assert_eq!(seen.len(), 23);
    assert_eq!(seen.iter().collect::<HashSet<_>>().len(), 23, "no repeats");
    assert_eq!(
        seen.iter().collect::<HashSet<_>>(),
        all.iter().collect::<HashSet<_>>(),
        "no gaps"
    );
    // Newest first; jobs committed together share a timestamp and are ordered by id.
    let mut sorted = keys.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(keys, sorted, "ordered by (createdAt desc, id desc)");

    // Team scope: owners see the member's job too; members may not ask for it.
    let (_, team) = app.get(&owner.key, "/v2/jobs?scope=team&limit=100").await;
    assert_eq!(team["jobs"].as_array().unwrap().len(), 24);
    let (status, _) = app.get(&member.key, "/v2/jobs?scope=team").await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (_, mine) = app.get(&member.key, "/v2/jobs").await;
    assert_eq!(mine["jobs"].as_array().unwrap().len(), 1);

    // Filters.
    let (_, queued) = app
        .get(
            &owner.key,
            "/v2/jobs?status=QUEUED&limit=100&include_models=true",
        )
        .await;
    assert_eq!(queued["jobs"].as_array().unwrap().len(), 23);
    assert_eq!(queued["models"], json!(["topaz-video-upscale"]));
    let (_, none) = app.get(&owner.key, "/v2/jobs?status=COMPLETED").await;
    assert_eq!(none["jobs"].as_array().unwrap().len(), 0);
    let (_, by_model) = app
        .get(&owner.key, "/v2/jobs?model=wan-2.7-videoedit")
        .await;
    assert_eq!(by_model["jobs"].as_array().unwrap().len(), 0);
    let (_, found) = app
        .get(&owner.key, &format!("/v2/jobs?search={}", all[3]))
        .await;
    assert_eq!(found["jobs"][0]["id"], all[3].as_str());
    assert_eq!(found["jobs"].as_array().unwrap().len(), 1);

    for bad in [
        "limit=0",
        "limit=101",
        "limit=x",
        "status=DONE",
        "scope=all",
        "search=nope",
        "cursor=%%%",
        "include_models=yes",
    ] {
        let (status, body) = app.get(&owner.key, &format!("/v2/jobs?{bad}")).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{bad}: {body}");
        let param = bad.split('=').next().unwrap();
        assert!(body["details"][param].is_array(), "{bad}: {body}");
    }
}
