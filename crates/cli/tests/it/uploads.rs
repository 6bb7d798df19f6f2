use reqwest::StatusCode;

use crate::support::*;

#[tokio::test]
async fn uploads_are_typed_by_their_bytes_and_limited_by_kind() {
    let app = TestApp::with(|c| {
        c.limits.upload_image_max_bytes = 2_000;
        c.limits.upload_video_max_bytes = 2_000_000;
    })
    .await;
    let k = app.key("acme", "a@acme.test", "OWNER", 0).await;
    let dir = app.dir.path();

    // An MP4 is a video whatever the declared type says (the helper declares octet-stream).
    let video = clip(dir, "v.mp4", "160x90", "25", 1.0, true);
    let (status, body) = app.upload(&k.key, &video).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    assert_eq!(body["kind"], "video");
    assert_eq!(body["contentType"], "video/mp4");
    assert_eq!(
        body["byteSize"].as_u64().unwrap(),
        std::fs::metadata(&video).unwrap().len()
    );
    assert!(body["expiresAt"].is_string() && body["id"].is_string());

    // The URL serves the bytes, with Range support and the sniffed type.
    let url = body["url"].as_str().unwrap();
    let resp = app
        .http
        .get(url)
        .header("Range", "bytes=0-99")
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::PARTIAL_CONTENT);
    assert_eq!(resp.headers()["content-type"], "video/mp4");
    assert_eq!(resp.bytes().await.unwrap().len(), 100);
    let guessed = url.replace(&url[url.len() - 12..url.len() - 4], "00000000");
    assert_eq!(
        app.http.get(&guessed).send().await.unwrap().status(),
        StatusCode::NOT_FOUND
    );

    // A small PNG is an image; a big one is over the image limit.
    let png = dir.join("p.png");
    std::process::Command::new("ffmpeg")
        .args([
            "-v",
            "error",
            "-y",
            "-f",
            "lavfi",
            "-i",
            "color=red:size=8x8",
            "-frames:v",
            "1",
        ])
        .arg(&png)
        .status()
        .unwrap();
    let (status, body) = app.upload(&k.key, &png).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    assert_eq!(body["kind"], "image");
    assert_eq!(body["contentType"], "image/png");
    let big_png = dir.join("big.png");
    std::process::Command::new("ffmpeg")
        .args([
            "-v",
            "error",
            "-y",
            "-f",
            "lavfi",
            "-i",
            "testsrc2=size=320x240",
            "-frames:v",
            "1",
        ])
        .arg(&big_png)
        .status()
        .unwrap();
    let (status, body) = app.upload(&k.key, &big_png).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert!(
        body["details"]["file"][0]
            .as_str()
            .unwrap()
            .contains("limit"),
        "{body}"
    );

    // Text pretending to be a video, and an empty file, are refused.
    let text = dir.join("fake.mp4");
    std::fs::write(&text, b"this is not a video at all, just some text bytes").unwrap();
    let (status, body) = app.upload(&k.key, &text).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert!(
        body["details"]["file"][0]
            .as_str()
            .unwrap()
            .contains("Unsupported"),
        "{body}"
    );
    let empty = dir.join("empty.mp4");
    std::fs::write(&empty, b"").unwrap();
    assert_eq!(app.upload(&k.key, &empty).await.0, StatusCode::BAD_REQUEST);

    // A file with an MP4 header but no readable content fails the probe at upload.
    let mut broken = std::fs::read(&video).unwrap();
    broken.truncate(64);
    let broken_path = dir.join("broken.mp4");
    std::fs::write(&broken_path, &broken).unwrap();
    let (status, body) = app.upload(&k.key, &broken_path).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");

    // Over the overall limit: refused while streaming.
    let huge = dir.join("huge.mp4");
    let mut bytes = std::fs::read(&video).unwrap();
    bytes.resize(2_100_000, 0);
    std::fs::write(&huge, &bytes).unwrap();
    let (status, body) = app.upload(&k.key, &huge).await;
    assert!(
        status == StatusCode::BAD_REQUEST || status == StatusCode::PAYLOAD_TOO_LARGE,
        "{status} {body}"
    );

    // No `file` field, and not multipart at all.
    let form = reqwest::multipart::Form::new().text("other", "x");
    let resp = app
        .http
        .post(app.url("/v2/uploads"))
        .header("X-API-Key", &k.key)
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::BAD_REQUEST);
    let resp = app
        .http
        .post(app.url("/v2/uploads"))
        .header("X-API-Key", &k.key)
        .body("x")
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
}
