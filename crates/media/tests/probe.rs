mod common;

use std::time::Duration;

use common::{clip, ffmpeg, media, random_bytes};
use recut_media::{Media, MediaConfig, MediaError};
use tokio_util::sync::CancellationToken;

#[tokio::test]
async fn probes_a_landscape_clip_with_audio() {
    let dir = tempfile::tempdir().unwrap();
    let path = clip(dir.path(), "in.mp4", "160x90", "25", 2.0, Some("aac"));

    let info = media().probe(&path).await.unwrap();

    assert_eq!(info.format_name, "mov,mp4,m4a,3gp,3g2,mj2");
    assert!(
        (info.duration_seconds - 2.0).abs() < 0.05,
        "{}",
        info.duration_seconds
    );
    assert_eq!(
        info.size_bytes,
        Some(std::fs::metadata(&path).unwrap().len())
    );
    let video = info.require_video().unwrap();
    assert_eq!(
        (video.codec.as_str(), video.width, video.height),
        ("h264", 160, 90)
    );
    assert_eq!((video.fps_num, video.fps_den, video.fps), (25, 1, 25.0));
    assert_eq!(video.frame_count, Some(50));
    assert_eq!(video.rotation, 0);
    let audio = info.audio.unwrap();
    assert_eq!(
        (audio.codec.as_str(), audio.sample_rate, audio.channels),
        ("aac", 48000, 1)
    );
}

#[tokio::test]
async fn rotated_clip_reports_its_display_size() {
    let dir = tempfile::tempdir().unwrap();
    let plain = clip(dir.path(), "plain.mp4", "160x90", "25", 1.0, None);
    let rotated = dir.path().join("rotated.mp4");
    ffmpeg(&[
        "-i",
        plain.to_str().unwrap(),
        "-c",
        "copy",
        "-metadata:s:v:0",
        "rotate=90",
        rotated.to_str().unwrap(),
    ]);

    let video = media().probe(&rotated).await.unwrap().video.unwrap();

    assert!(matches!(video.rotation, 90 | 270), "{}", video.rotation);
    assert_eq!((video.width, video.height), (90, 160));
}

#[tokio::test]
async fn audio_only_file_has_no_video_stream() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tone.wav");
    ffmpeg(&[
        "-f",
        "lavfi",
        "-i",
        "sine=duration=1",
        path.to_str().unwrap(),
    ]);

    let info = media().probe(&path).await.unwrap();

    assert!(info.video.is_none());
    assert_eq!(info.audio.as_ref().unwrap().codec, "pcm_s16le");
    let err = info.require_video().unwrap_err();
    assert!(err.is_client_error());
    assert_eq!(err.to_string(), "the input has no video stream");
}

#[tokio::test]
async fn random_bytes_are_a_client_error_without_the_server_path() {
    let dir = tempfile::tempdir().unwrap();
    let path = random_bytes(dir.path(), "upload.mp4");

    let err = media().probe(&path).await.unwrap_err();

    assert!(err.is_client_error(), "{err:?}");
    assert_eq!(err.error_code(), "media_unreadable");
    let message = err.to_string();
    assert!(
        message.contains("Invalid data found when processing input"),
        "{message}"
    );
    assert!(!message.contains(dir.path().to_str().unwrap()), "{message}");
}

#[tokio::test]
async fn playlists_cannot_make_ffprobe_open_urls() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("list.m3u8");
    std::fs::write(&path, "#EXTM3U\n#EXT-X-TARGETDURATION:1\n#EXTINF:1,\nhttp://127.0.0.1:9/segment.ts\n#EXT-X-ENDLIST\n").unwrap();

    let err = media().probe(&path).await.unwrap_err();

    assert!(err.is_client_error(), "{err:?}");
    assert!(err.to_string().contains("not on whitelist"), "{err}");
}

#[tokio::test]
async fn missing_binary_is_a_spawn_error_not_a_client_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = clip(dir.path(), "in.mp4", "64x64", "10", 1.0, None);
    let media = Media::new(MediaConfig {
        ffprobe: "/nonexistent/ffprobe".into(),
        ..MediaConfig::default()
    });

    let err = media.probe(&path).await.unwrap_err();

    assert!(
        matches!(
            err,
            MediaError::Spawn {
                program: "ffprobe",
                ..
            }
        ),
        "{err:?}"
    );
    assert!(!err.is_client_error());
}

#[tokio::test]
async fn process_slots_bound_concurrency() {
    let dir = tempfile::tempdir().unwrap();
    let path = clip(dir.path(), "in.mp4", "64x64", "10", 1.0, None);
    let media = Media::new(MediaConfig {
        max_concurrent_processes: 2,
        ..MediaConfig::default()
    });
    let cancel = CancellationToken::new();

    let all_slots = media.process_group(2, &cancel).await.unwrap();
    let blocked = tokio::time::timeout(Duration::from_millis(300), media.probe(&path)).await;
    assert!(
        blocked.is_err(),
        "probe must wait while every slot is taken"
    );

    drop(all_slots);
    let info = tokio::time::timeout(Duration::from_secs(10), media.probe(&path))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(info.video.unwrap().width, 64);
}

#[tokio::test]
async fn waiting_for_a_slot_can_be_cancelled() {
    let media = Media::new(MediaConfig {
        max_concurrent_processes: 1,
        ..MediaConfig::default()
    });
    let _held = media
        .process_group(1, &CancellationToken::new())
        .await
        .unwrap();
    let cancel = CancellationToken::new();
    cancel.cancel();

    let err = media.process_group(1, &cancel).await.err().unwrap();

    assert!(matches!(err, MediaError::Cancelled));
}
