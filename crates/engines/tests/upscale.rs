//! The upscale engine end to end, on clips generated with ffmpeg's lavfi sources.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use recut_engines::upscale::UpscaleEngine;
use recut_engines::{Engine, EngineContext, EngineError, EngineInput, EngineOutput};
use recut_media::{Media, MediaConfig};
use tokio_util::sync::CancellationToken;

fn ffmpeg(args: &[&str]) {
    let output = Command::new("ffmpeg")
        .args(["-hide_banner", "-v", "error", "-y"])
        .args(args)
        .output()
        .expect("ffmpeg is installed");
    assert!(
        output.status.success(),
        "ffmpeg {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// A `testsrc2` clip in H.264, with an AAC sine track if `audio`.
fn clip(dir: &Path, size: &str, rate: &str, seconds: f64, audio: bool) -> PathBuf {
    let path = dir.join("input.mp4");
    let video = format!("testsrc2=size={size}:rate={rate}:duration={seconds}");
    let sine = format!("sine=frequency=440:duration={seconds}");
    let mut args = vec!["-f", "lavfi", "-i", video.as_str()];
    if audio {
        args.extend(["-f", "lavfi", "-i", sine.as_str(), "-c:a", "aac"]);
    }
    args.extend([
        "-c:v",
        "libx264",
        "-preset",
        "ultrafast",
        "-pix_fmt",
        "yuv420p",
    ]);
    args.push(path.to_str().unwrap());
    ffmpeg(&args);
    path
}

struct Run {
    input: EngineInput,
    ctx: EngineContext,
    progress: Arc<Mutex<Vec<u8>>>,
    cancel: CancellationToken,
}

fn run_for(dir: &Path, video: PathBuf, resolution: &str, fps: u32) -> Run {
    let progress = Arc::new(Mutex::new(Vec::new()));
    let sink = progress.clone();
    let cancel = CancellationToken::new();
    Run {
        input: EngineInput {
            job_id: "test-job".into(),
            video_path: video,
            reference_image_path: None,
            prompt: None,
            params: serde_json::json!({
                "video": "https://example.com/input.mp4",
                "target_resolution": resolution,
                "target_fps": fps,
            }),
            work_dir: dir.to_owned(),
            output_path: dir.join("output.mp4"),
        },
        ctx: EngineContext {
            progress: Arc::new(move |p| sink.lock().unwrap().push(p)),
            cancel: cancel.clone(),
        },
        progress,
        cancel,
    }
}

fn engine() -> UpscaleEngine {
    UpscaleEngine::new(Media::new(MediaConfig::default()))
}

async fn upscale(dir: &Path, video: PathBuf, resolution: &str, fps: u32) -> EngineOutput {
    let run = run_for(dir, video, resolution, fps);
    engine().run(run.input, run.ctx).await.unwrap()
}

#[tokio::test]
async fn landscape_25fps_to_720p_30fps_keeps_audio_and_reports_progress() {
    let dir = tempfile::tempdir().unwrap();
    let run = run_for(
        dir.path(),
        clip(dir.path(), "160x90", "25", 2.0, true),
        "720p",
        30,
    );
    let output_path = run.input.output_path.clone();

    let output = engine().run(run.input, run.ctx).await.unwrap();

    assert_eq!((output.width, output.height), (1280, 720));
    assert_eq!(output.fps, 30.0);
    assert_eq!(output.frame_count, 60, "round(2 s x 30 fps)");
    assert!(output.has_audio);
    assert!(
        (output.duration_seconds - 2.0).abs() < 0.05,
        "{}",
        output.duration_seconds
    );
    assert_eq!(output.extra["upscaled"], true);
    assert!(std::fs::metadata(&output_path).unwrap().len() > 0);

    let progress = run.progress.lock().unwrap().clone();
    assert_eq!(progress.first(), Some(&0));
    assert_eq!(progress.last(), Some(&100));
    assert!(
        progress.windows(2).all(|pair| pair[0] < pair[1]),
        "{progress:?}"
    );
}

/// Mean luma of every frame of a video, decoded by ffmpeg at 8x8.
fn luma_per_frame(video: &Path) -> Vec<u8> {
    let output = Command::new("ffmpeg")
        .args(["-v", "error", "-i"])
        .arg(video)
        .args([
            "-vf",
            "scale=8:8",
            "-pix_fmt",
            "yuv420p",
            "-f",
            "rawvideo",
            "-",
        ])
        .output()
        .unwrap();
    assert!(output.status.success());
    // 64 bytes of Y, then 16 + 16 of chroma.
    output
        .stdout
        .chunks(96)
        .map(|frame| (frame[..64].iter().map(|&y| u32::from(y)).sum::<u32>() / 64) as u8)
        .collect()
}

#[tokio::test]
async fn each_output_frame_shows_the_nearest_source_frame() {
    let dir = tempfile::tempdir().unwrap();
    // Source frame n is flat grey with luma 16 + 14n, so every output frame tells which
    // source frame it came from.
    let video = dir.path().join("input.mp4");
    ffmpeg(&[
        "-f", "lavfi", "-i", "color=c=black:size=64x36:rate=15:duration=1,format=yuv420p,geq=lum='16+14*N':cb=128:cr=128",
        "-c:v", "libx264", "-preset", "ultrafast", "-qp", "0", video.to_str().unwrap(),
    ]);
    let run = run_for(dir.path(), video, "720p", 60);
    let output_path = run.input.output_path.clone();

    let output = engine().run(run.input, run.ctx).await.unwrap();
    assert_eq!(output.frame_count, 60);

    // Output i is at i/60 s = source position i/4; ties (i/4 = n + 1/2) go to the earlier frame.
    let sources: Vec<u32> = (0..60)
        .map(|i| (i + 1) / 4)
        .map(|n: u32| n.min(14))
        .collect();
    let lumas = luma_per_frame(&output_path);
    assert_eq!(lumas.len(), 60);
    for (i, (luma, source)) in lumas.iter().zip(&sources).enumerate() {
        let expected = 16 + 14 * source;
        assert!(
            u32::from(*luma).abs_diff(expected) <= 3,
            "output {i}: luma {luma}, expected source {source} ({expected})"
        );
    }
}

#[tokio::test]
async fn portrait_source_gets_portrait_geometry() {
    let dir = tempfile::tempdir().unwrap();
    let output = upscale(
        dir.path(),
        clip(dir.path(), "90x160", "30", 1.0, false),
        "720p",
        30,
    )
    .await;

    assert_eq!((output.width, output.height), (720, 1280));
    assert_eq!(output.frame_count, 30);
    assert!(!output.has_audio);
}

#[tokio::test]
async fn ntsc_29_97_to_24fps() {
    let dir = tempfile::tempdir().unwrap();
    // 60 frames at 30000/1001 fps last 2.002 s: round(2.002 x 24) = 48.
    let output = upscale(
        dir.path(),
        clip(dir.path(), "160x90", "30000/1001", 2.0, true),
        "720p",
        24,
    )
    .await;

    assert_eq!(output.fps, 24.0);
    assert_eq!(output.frame_count, 48);
    assert!(output.has_audio);
}

#[tokio::test]
async fn fifteen_to_sixty_fps() {
    let dir = tempfile::tempdir().unwrap();
    let output = upscale(
        dir.path(),
        clip(dir.path(), "160x90", "15", 2.0, false),
        "720p",
        60,
    )
    .await;

    assert_eq!((output.width, output.height), (1280, 720));
    assert_eq!(output.fps, 60.0);
    assert_eq!(output.frame_count, 120);
}

#[tokio::test]
async fn source_larger_than_the_target_is_not_upscaled() {
    let dir = tempfile::tempdir().unwrap();
    // Odd sides (lossless FFV1, since H.264 4:2:0 cannot hold them) are cropped to even.
    let video = dir.path().join("input.mkv");
    ffmpeg(&[
        "-f",
        "lavfi",
        "-i",
        "testsrc2=size=1281x721:rate=25:duration=1",
        "-c:v",
        "ffv1",
        video.to_str().unwrap(),
    ]);

    let output = upscale(dir.path(), video, "720p", 30).await;

    assert_eq!((output.width, output.height), (1280, 720));
    assert_eq!(output.frame_count, 30);
    assert_eq!(output.extra["upscaled"], false);
}

#[tokio::test]
async fn corrupt_input_is_a_client_error() {
    let dir = tempfile::tempdir().unwrap();
    let video = dir.path().join("input.mp4");
    let mut state = 0x9E37_79B9_7F4A_7C15u64;
    let noise: Vec<u8> = (0..4096)
        .map(|_| {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (state >> 56) as u8
        })
        .collect();
    std::fs::write(&video, noise).unwrap();
    let run = run_for(dir.path(), video, "1080p", 30);
    let output_path = run.input.output_path.clone();

    let err = engine().run(run.input, run.ctx).await.unwrap_err();

    match &err {
        EngineError::Media(media) => assert!(media.is_client_error(), "{media:?}"),
        other => panic!("expected a media client error, got {other:?}"),
    }
    assert!(!err.is_retryable());
    assert!(
        err.to_string().starts_with("the input could not be read"),
        "{err}"
    );
    assert!(
        !err.to_string().contains(dir.path().to_str().unwrap()),
        "{err}"
    );
    assert!(!output_path.exists());
}

#[tokio::test]
async fn audio_only_input_is_rejected_for_having_no_video() {
    let dir = tempfile::tempdir().unwrap();
    let audio = dir.path().join("input.m4a");
    ffmpeg(&[
        "-f",
        "lavfi",
        "-i",
        "sine=duration=1",
        "-c:a",
        "aac",
        audio.to_str().unwrap(),
    ]);
    let run = run_for(dir.path(), audio, "720p", 30);

    let err = engine().run(run.input, run.ctx).await.unwrap_err();

    assert!(!err.is_retryable());
    assert_eq!(err.to_string(), "the input has no video stream");
}

#[tokio::test]
async fn cancellation_stops_the_run_within_a_second() {
    let dir = tempfile::tempdir().unwrap();
    let media = Media::new(MediaConfig {
        max_concurrent_processes: 2,
        ..MediaConfig::default()
    });
    // 4K at 60 fps takes many seconds on a small machine: plenty of time to cancel mid-run.
    let run = run_for(
        dir.path(),
        clip(dir.path(), "160x90", "25", 2.0, true),
        "4k",
        60,
    );
    let output_path = run.input.output_path.clone();
    let engine = UpscaleEngine::new(media.clone());
    let task = tokio::spawn(async move { engine.run(run.input, run.ctx).await });

    let deadline = Instant::now() + Duration::from_secs(60);
    while run.progress.lock().unwrap().last().copied().unwrap_or(0) < 1 {
        assert!(Instant::now() < deadline, "no progress within 60 s");
        assert!(
            !task.is_finished(),
            "finished before it could be cancelled: {:?}",
            task.await
        );
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    let cancelled_at = Instant::now();
    run.cancel.cancel();
    let result = task.await.unwrap();
    let took = cancelled_at.elapsed();

    assert!(matches!(result, Err(EngineError::Cancelled)), "{result:?}");
    assert!(took < Duration::from_secs(1), "took {took:?}");
    assert!(!output_path.exists(), "partial output left behind");
    // Both ffmpeg processes were reaped: their slots are free again.
    let slots = tokio::time::timeout(
        Duration::from_millis(500),
        media.process_group(2, &CancellationToken::new()),
    )
    .await;
    assert!(slots.is_ok(), "process slots still held after cancellation");
}
