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

/// A lossless FFV1 clip of the lavfi `source` (which can hold odd sides and any pixel
/// format), in `pix_fmt` or the source's own.
fn lossless_clip(dir: &Path, source: &str, pix_fmt: Option<&str>) -> PathBuf {
    let video = dir.join("input.mkv");
    let mut args = vec!["-f", "lavfi", "-i", source, "-c:v", "ffv1"];
    if let Some(pix_fmt) = pix_fmt {
        args.extend(["-pix_fmt", pix_fmt]);
    }
    args.push(video.to_str().unwrap());
    ffmpeg(&args);
    video
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

/// A clip whose source frame `n` is flat grey with luma `16 + step * n`, so every output
/// frame tells where on the source timeline it came from.
fn ramp_clip(dir: &Path, rate: u32, step: u32) -> PathBuf {
    let video = dir.join("input.mp4");
    let source = format!(
        "color=c=black:size=64x36:rate={rate}:duration=1,format=yuv420p,geq=lum='16+{step}*N':cb=128:cr=128"
    );
    ffmpeg(&[
        "-f",
        "lavfi",
        "-i",
        source.as_str(),
        "-c:v",
        "libx264",
        "-preset",
        "ultrafast",
        "-qp",
        "0",
        video.to_str().unwrap(),
    ]);
    video
}

#[tokio::test]
async fn down_conversion_shows_the_nearest_source_frame() {
    let dir = tempfile::tempdir().unwrap();
    let run = run_for(dir.path(), ramp_clip(dir.path(), 30, 7), "720p", 24);
    let output_path = run.input.output_path.clone();

    let output = engine().run(run.input, run.ctx).await.unwrap();
    assert_eq!(output.frame_count, 24);
    assert_eq!(output.extra["interpolatedFrames"], 0);

    // Output i is at source position 5i/4; ties (x.5) go to the earlier frame.
    let lumas = luma_per_frame(&output_path);
    assert_eq!(lumas.len(), 24);
    for (i, luma) in lumas.iter().enumerate() {
        let (whole, quarters) = (5 * i as u32 / 4, 5 * i as u32 % 4);
        let source = whole + u32::from(quarters > 2);
        let expected = 16 + 7 * source;
        assert!(
            u32::from(*luma).abs_diff(expected) <= 3,
            "output {i}: luma {luma}, expected source {source} ({expected})"
        );
    }
}

#[tokio::test]
async fn up_conversion_synthesises_the_frames_in_between() {
    let dir = tempfile::tempdir().unwrap();
    let run = run_for(dir.path(), ramp_clip(dir.path(), 15, 14), "720p", 60);
    let output_path = run.input.output_path.clone();

    let output = engine().run(run.input, run.ctx).await.unwrap();
    assert_eq!(output.frame_count, 60);
    assert_eq!(output.extra["frameRateConversion"], "motion-compensated");
    // Outputs at phases 1/4, 1/2 and 3/4 of each of the 14 source intervals.
    assert_eq!(output.extra["interpolatedFrames"], 14 * 3);

    // Flat frames have no motion to follow: the in-between frames are exact blends, so
    // luma rises linearly with time (output i at source position i/4), then holds.
    let lumas = luma_per_frame(&output_path);
    for (i, luma) in lumas.iter().enumerate() {
        let expected = 16.0 + 14.0 * (i as f64 / 4.0).min(14.0);
        assert!(
            (f64::from(*luma) - expected).abs() <= 3.0,
            "output {i}: luma {luma}, expected {expected}"
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
    let video = lossless_clip(
        dir.path(),
        "testsrc2=size=1281x721:rate=25:duration=1",
        None,
    );

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

/// ffprobe's view of the first video stream: width, height, frame rate and counted frames.
/// Frame `index` of `video` as a player shows it, in RGB at `w`x`h`: the YUV matrix is the
/// file's tag, or, untagged, BT.601 under 720 lines and BT.709 from there (what players
/// assume; ffmpeg alone would assume BT.601 for every size).
fn shown_rgb(video: &Path, index: usize, w: usize, h: usize) -> Vec<u8> {
    let probe = Command::new("ffprobe")
        .args(["-v", "error", "-select_streams", "v:0"])
        .args(["-show_entries", "stream=height,color_space"])
        .args(["-of", "default=noprint_wrappers=1"])
        .arg(video)
        .output()
        .unwrap();
    let text = String::from_utf8(probe.stdout).unwrap();
    let field = |name: &str| {
        text.lines()
            .find_map(|line| line.strip_prefix(&format!("{name}=")))
            .unwrap_or("")
            .to_owned()
    };
    let height: u32 = field("height").parse().unwrap();
    let matrix = match field("color_space").as_str() {
        "bt709" => "bt709",
        "bt470bg" | "smpte170m" => "bt601",
        _ if height < 720 => "bt601",
        _ => "bt709",
    };
    let filter = format!(
        "select=eq(n\\,{index}),scale={w}:{h}:in_color_matrix={matrix}:in_range=tv,format=rgb24"
    );
    let output = Command::new("ffmpeg")
        .args(["-v", "error", "-i"])
        .arg(video)
        .args([
            "-vf",
            filter.as_str(),
            "-frames:v",
            "1",
            "-f",
            "rawvideo",
            "-",
        ])
        .output()
        .unwrap();
    assert_eq!(
        output.stdout.len(),
        w * h * 3,
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    output.stdout
}

/// The mean RGB of each of testsrc2's colour bars (columns 1/16 in from each bar's edges,
/// the middle third of the rows), from a picture `w` wide.
fn bar_colours(rgb: &[u8], w: usize, h: usize) -> Vec<[f64; 3]> {
    (0..7)
        .map(|bar| {
            let (x0, x1) = (bar * w / 7 + w / 112, (bar + 1) * w / 7 - w / 112);
            let mut sum = [0.0; 3];
            let mut n = 0.0;
            for y in h / 3..h * 2 / 3 {
                for x in x0..x1 {
                    for c in 0..3 {
                        sum[c] += f64::from(rgb[(y * w + x) * 3 + c]);
                    }
                    n += 1.0;
                }
            }
            sum.map(|v| v / n)
        })
        .collect()
}

/// Mean |2 p(y) - p(y-1) - p(y+1)| over the picture's luma: fields woven from different
/// moments (combing) make it large.
fn combing(video: &Path) -> f64 {
    let (w, h, _, _) = probe_video(video);
    let (w, h) = (w as usize, h as usize);
    let output = Command::new("ffmpeg")
        .args(["-v", "error", "-i"])
        .arg(video)
        .args(["-frames:v", "10", "-f", "rawvideo", "-pix_fmt", "gray", "-"])
        .output()
        .unwrap();
    let luma = &output.stdout;
    let (mut total, mut count) = (0.0, 0.0);
    for frame in luma.chunks_exact(w * h) {
        for y in 1..h - 1 {
            for x in 0..w {
                let at = |y: usize| f64::from(frame[y * w + x]);
                total += (2.0 * at(y) - at(y - 1) - at(y + 1)).abs();
                count += 1.0;
            }
        }
    }
    total / count
}

#[tokio::test]
async fn sources_come_out_as_they_are_meant_to_be_shown() {
    let dir = tempfile::tempdir().unwrap();
    let encode = |name: &str, source: &str, filter: &str, extra: &[&str]| {
        let path = dir.path().join(name);
        let mut args = vec!["-f", "lavfi", "-i", source, "-vf", filter];
        args.extend(["-c:v", "libx264", "-preset", "ultrafast", "-crf", "10"]);
        args.extend(extra);
        args.push(path.to_str().unwrap());
        ffmpeg(&args);
        path
    };
    let bars = "testsrc2=size=640x360:rate=30:duration=1";

    // HLG (a phone's HDR): tone-mapped to SDR, the bars keep their colours. Left as it was
    // stored, BT.2020 read as BT.709 washed every bar out (red came out about 150, 40, 30).
    let hlg = encode(
        "hlg.mp4",
        bars,
        "format=gbrp,setparams=range=pc:color_primaries=bt709:color_trc=iec61966-2-1:colorspace=gbr,zscale=t=linear:npl=100,format=gbrpf32le,zscale=p=bt2020:t=arib-std-b67:m=bt2020nc:r=tv:npl=100,format=yuv420p10le",
        &["-color_primaries", "bt2020", "-color_trc", "arib-std-b67", "-colorspace", "bt2020nc"],
    );
    let sdr = encode("sdr.mp4", bars, "format=yuv420p", &["-colorspace", "bt709"]);
    // Each bar's colour as shown, after a 720p upscale of `source` and in `truth`.
    let bars_after_upscale = |source: PathBuf, truth: PathBuf| async move {
        let dir = tempfile::tempdir().unwrap();
        upscale(dir.path(), source, "720p", 30).await;
        (
            bar_colours(
                &shown_rgb(&dir.path().join("output.mp4"), 5, 640, 360),
                640,
                360,
            ),
            bar_colours(&shown_rgb(&truth, 5, 640, 360), 640, 360),
        )
    };
    let (out, truth) = bars_after_upscale(hlg, sdr).await;
    for (bar, (got, want)) in out.iter().zip(&truth).enumerate() {
        // Tone mapping compresses the brightest primaries a little; the hue and most of the
        // saturation stay.
        let error = (0..3).map(|c| (got[c] - want[c]).abs()).fold(0.0, f64::max);
        assert!(error < 60.0, "bar {bar}: {got:.0?} shown, {want:.0?} meant");
        let spread = |c: &[f64; 3]| {
            c.iter().cloned().fold(0.0, f64::max) - c.iter().cloned().fold(255.0, f64::min)
        };
        assert!(
            spread(got) > 0.75 * spread(want),
            "bar {bar}: saturation {got:.0?} against {want:.0?}"
        );
    }

    // Standard definition in BT.601, upscaled to an HD file: shown with the same colours.
    let sd = encode(
        "sd.mp4",
        bars,
        "format=yuv420p",
        &["-colorspace", "smpte170m"],
    );
    let (out, truth) = bars_after_upscale(sd.clone(), sd).await;
    for (bar, (got, want)) in out.iter().zip(&truth).enumerate() {
        let error = (0..3).map(|c| (got[c] - want[c]).abs()).fold(0.0, f64::max);
        assert!(error < 8.0, "bar {bar}: {got:.0?} shown, {want:.0?} meant");
    }

    // Interlaced (two fields from moments 1/60 s apart in each frame): deinterlaced, about
    // as smooth down the picture as the same motion filmed progressive.
    let interlaced = encode(
        "interlaced.mp4",
        "testsrc2=size=640x480:rate=60:duration=2",
        "tinterlace=mode=interleave_top,setfield=tff",
        &["-flags", "+ilme+ildct", "-x264-params", "tff=1"],
    );
    let progressive = encode(
        "progressive.mp4",
        "testsrc2=size=640x480:rate=30:duration=2",
        "format=yuv420p",
        &[],
    );
    let (dir_i, dir_p) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    upscale(dir_i.path(), interlaced.clone(), "720p", 30).await;
    upscale(dir_p.path(), progressive, "720p", 30).await;
    let (combed, smooth) = (
        combing(&dir_i.path().join("output.mp4")),
        combing(&dir_p.path().join("output.mp4")),
    );
    assert!(
        combed < 1.5 * smooth,
        "combing {combed:.2} against {smooth:.2} progressive"
    );

    // Up to 60 fps, each field is a picture of its own moment: nothing to synthesise.
    let dir_f = tempfile::tempdir().unwrap();
    let fields = upscale(dir_f.path(), interlaced, "720p", 60).await;
    assert_eq!(fields.extra["deinterlaced"], "fields");
    assert_eq!(fields.extra["interpolatedFrames"], 0, "{:?}", fields.extra);
    assert_eq!(fields.frame_count, 120);
    let combed = combing(&dir_f.path().join("output.mp4"));
    assert!(
        combed < 1.5 * smooth,
        "combing {combed:.2} at field rate against {smooth:.2} progressive"
    );
}

/// The white box's width over its height in the first frame of `video` (luma over 128).
fn white_box_aspect(video: &Path) -> f64 {
    let (w, h, _, _) = probe_video(video);
    let output = Command::new("ffmpeg")
        .args(["-v", "error", "-i"])
        .arg(video)
        .args(["-frames:v", "1", "-f", "rawvideo", "-pix_fmt", "gray", "-"])
        .output()
        .unwrap();
    let (w, h) = (w as usize, h as usize);
    let luma = &output.stdout[..w * h];
    let (mut x0, mut x1, mut y0, mut y1) = (w, 0, h, 0);
    for (i, _) in luma.iter().enumerate().filter(|(_, &v)| v > 128) {
        let (x, y) = (i % w, i / w);
        (x0, x1, y0, y1) = (x0.min(x), x1.max(x), y0.min(y), y1.max(y));
    }
    (x1 + 1 - x0) as f64 / (y1 + 1 - y0) as f64
}

#[tokio::test]
async fn anamorphic_pixels_come_out_square() {
    let dir = tempfile::tempdir().unwrap();
    // 16:9 NTSC DV: 720x480 stored, pixels 32:27 wide; the box is 100x100 as shown.
    let input = dir.path().join("dv.mp4");
    ffmpeg(&[
        "-f",
        "lavfi",
        "-i",
        "color=c=black:size=720x480:rate=30000/1001:duration=1,drawbox=x=300:y=190:w=84:h=100:color=white:t=fill,setsar=32/27",
        "-c:v",
        "libx264",
        "-preset",
        "ultrafast",
        "-pix_fmt",
        "yuv420p",
        input.to_str().unwrap(),
    ]);
    let output = upscale(dir.path(), input, "720p", 30).await;
    let result = dir.path().join("output.mp4");
    let aspect = f64::from(output.width) / f64::from(output.height);
    assert!(
        (aspect - 16.0 / 9.0).abs() < 0.01,
        "{}x{}",
        output.width,
        output.height
    );
    let square = white_box_aspect(&result);
    assert!(
        (square - 1.0).abs() < 0.05,
        "the square came out {square:.3}"
    );
}

fn probe_video(path: &Path) -> (u32, u32, String, u64) {
    let output = Command::new("ffprobe")
        .args(["-v", "error", "-select_streams", "v:0", "-count_frames"])
        .args([
            "-show_entries",
            "stream=width,height,r_frame_rate,nb_read_frames",
        ])
        .args(["-of", "default=noprint_wrappers=1"])
        .arg(path)
        .output()
        .unwrap();
    assert!(output.status.success());
    let text = String::from_utf8(output.stdout).unwrap();
    let field = |name: &str| {
        text.lines()
            .find_map(|line| line.strip_prefix(&format!("{name}=")))
            .unwrap_or_else(|| panic!("no {name} in {text}"))
            .to_owned()
    };
    (
        field("width").parse().unwrap(),
        field("height").parse().unwrap(),
        field("r_frame_rate"),
        field("nb_read_frames").parse().unwrap(),
    )
}

#[tokio::test]
async fn an_odd_sized_standard_definition_source_is_converted() {
    // Standard definition goes through the BT.601 -> BT.709 matrix conversion, whose filter
    // takes even sizes only: an 853x481 clip failed to decode.
    // Square pixels, and non-square ones (as a resize that keeps the shape leaves them).
    for (pixels, sar) in [("square", "1"), ("anamorphic", "19240/14501")] {
        let dir = tempfile::tempdir().unwrap();
        let video = lossless_clip(
            dir.path(),
            &format!("testsrc2=size=320x240:rate=25:duration=1,scale=321:241,setsar={sar}"),
            Some("yuv444p10le"),
        );
        let (width, height, _, _) = probe_video(&video);
        assert_eq!(
            (width, height),
            (321, 241),
            "the {pixels} source is odd-sized"
        );

        let output = upscale(dir.path(), video, "720p", 30).await;

        assert_eq!(output.height, 720, "{pixels}");
        assert_eq!(output.width % 2, 0, "{pixels}");
        assert_eq!(output.frame_count, 30, "{pixels}");
    }
}

#[tokio::test]
async fn rates_and_sizes_matrix_checked_by_ffprobe() {
    #[rustfmt::skip]
    let cases = [
        // size      source rate     fps  expected size
        ("160x90",   "10",           24,  (1280, 720)),
        ("160x90",   "30000/1001",   60,  (1280, 720)),
        ("90x160",   "25",           30,  (720, 1280)),   // portrait
        ("120x90",   "24000/1001",   24,  (960, 720)),
        ("90x160",   "15",           60,  (720, 1280)),
        ("160x90",   "60",           30,  (1280, 720)),   // down-conversion
    ];
    for (size, rate, fps, (width, height)) in cases {
        let dir = tempfile::tempdir().unwrap();
        let input = clip(dir.path(), size, rate, 1.0, false);
        let (_, _, _, source_frames) = probe_video(&input);
        let source_rate: Vec<f64> = rate.split('/').map(|p| p.parse().unwrap()).collect();
        let duration = source_frames as f64 / (source_rate[0] / source_rate.get(1).unwrap_or(&1.0));
        let expected_frames = (duration * f64::from(fps)).round() as u64;

        let run = run_for(dir.path(), input, "720p", fps);
        let output_path = run.input.output_path.clone();
        let output = engine().run(run.input, run.ctx).await.unwrap();

        let probed = probe_video(&output_path);
        assert_eq!(
            probed,
            (width, height, format!("{fps}/1"), expected_frames),
            "{size} at {rate} fps -> 720p{fps}"
        );
        assert_eq!(output.frame_count, expected_frames);
    }
}

#[tokio::test]
async fn audio_stays_in_sync_with_the_pictures() {
    let dir = tempfile::tempdir().unwrap();
    // The picture turns white and a tone starts at exactly 1 s.
    let input = dir.path().join("input.mp4");
    ffmpeg(&[
        "-f", "lavfi", "-i", "color=c=black:size=160x90:rate=15:duration=2,format=yuv420p,geq=lum='if(gte(T,1),235,16)':cb=128:cr=128",
        "-f", "lavfi", "-i", "aevalsrc='if(gte(t,1),0.8*sin(2*PI*440*t),0)':s=48000:d=2",
        "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac", input.to_str().unwrap(),
    ]);
    let run = run_for(dir.path(), input, "720p", 60);
    let output_path = run.input.output_path.clone();
    let output = engine().run(run.input, run.ctx).await.unwrap();
    assert!(output.has_audio);
    assert_eq!(output.frame_count, 120);
    // Black to white is a cut: no grey frame may be made up in between.
    assert_eq!(output.extra["sceneCuts"], 1);

    let lumas = luma_per_frame(&output_path);
    let first_white = lumas.iter().position(|&l| l > 128).unwrap();
    assert!(lumas.iter().all(|&l| !(30..=220).contains(&l)), "{lumas:?}");
    let audio = Command::new("ffmpeg")
        .args(["-v", "error", "-i"])
        .arg(&output_path)
        .args([
            "-map", "0:a:0", "-ac", "1", "-ar", "8000", "-f", "s16le", "-",
        ])
        .output()
        .unwrap();
    let first_loud = audio
        .stdout
        .chunks(2)
        .position(|s| i16::from_le_bytes([s[0], s[1]]).unsigned_abs() > 3000)
        .unwrap();
    let (picture, sound) = (first_white as f64 / 60.0, first_loud as f64 / 8000.0);
    assert!(
        (picture - 1.0).abs() < 0.02,
        "picture changes at {picture} s"
    );
    assert!(
        (sound - picture).abs() < 0.03,
        "sound at {sound} s, picture at {picture} s"
    );
}

#[tokio::test]
async fn no_frame_is_interpolated_across_a_scene_cut() {
    let dir = tempfile::tempdir().unwrap();
    // One textured scene, dark, cut to another, bright, at 0.5 s.
    let input = dir.path().join("input.mp4");
    ffmpeg(&[
        "-f",
        "lavfi",
        "-i",
        "testsrc2=size=160x90:rate=10:duration=0.5,lutyuv=y=20+val/5",
        "-f",
        "lavfi",
        "-i",
        "testsrc2=size=160x90:rate=10:duration=0.5,hflip,lutyuv=y=180+val/5",
        "-filter_complex",
        "[0:v][1:v]concat=n=2:v=1",
        "-c:v",
        "libx264",
        "-preset",
        "ultrafast",
        "-qp",
        "0",
        input.to_str().unwrap(),
    ]);
    let run = run_for(dir.path(), input, "720p", 30);
    let output_path = run.input.output_path.clone();
    let output = engine().run(run.input, run.ctx).await.unwrap();

    assert_eq!(output.frame_count, 30);
    assert_eq!(output.extra["sceneCuts"], 1);
    // Everything else is interpolated: 9 intervals in each scene, 2 new frames in each.
    assert_eq!(output.extra["interpolatedFrames"], 2 * 4 * 2);
    let lumas = luma_per_frame(&output_path);
    assert!(
        lumas.iter().all(|&l| !(90..=150).contains(&l)),
        "a frame mixes both scenes: {lumas:?}"
    );
}

/// MD5 of an output's decoded pictures.
fn picture_md5(path: &Path) -> String {
    let output = Command::new("ffmpeg")
        .args(["-v", "error", "-i"])
        .arg(path)
        .args(["-map", "0:v:0", "-f", "md5", "-"])
        .output()
        .unwrap();
    assert!(output.status.success());
    String::from_utf8(output.stdout).unwrap().trim().to_owned()
}

async fn upscale_with(
    dir: &Path,
    input: &Path,
    name: &str,
    model: &str,
    subject: &str,
) -> (EngineOutput, String) {
    let mut run = run_for(dir, input.to_owned(), "720p", 30);
    run.input.params["enhance_model"] = model.into();
    run.input.params["subject_detection"] = subject.into();
    run.input.output_path = dir.join(format!("{name}.mp4"));
    let path = run.input.output_path.clone();
    let output = engine().run(run.input, run.ctx).await.unwrap();
    (output, picture_md5(&path))
}

/// A noisy `testsrc2` at 15 fps: motion to interpolate, noise and edges to enhance.
fn textured_clip(dir: &Path) -> PathBuf {
    let input = dir.join("input.mp4");
    ffmpeg(&[
        "-f",
        "lavfi",
        "-i",
        "testsrc2=size=160x90:rate=15:duration=0.6,noise=alls=10:allf=t",
        "-c:v",
        "libx264",
        "-preset",
        "ultrafast",
        "-crf",
        "30",
        input.to_str().unwrap(),
    ]);
    input
}

#[tokio::test]
async fn every_enhance_model_gives_a_valid_and_different_result() {
    let dir = tempfile::tempdir().unwrap();
    let input = textured_clip(dir.path());
    let mut seen: Vec<(&str, String)> = Vec::new();
    for model in [
        "auto",
        "theia-fine-tune-fidelity",
        "theia-fine-tune-detail",
        "iris",
        "rhea",
        "apollo",
    ] {
        let (output, md5) = upscale_with(dir.path(), &input, model, model, "all").await;
        assert_eq!(
            (output.width, output.height, output.frame_count),
            (1280, 720, 18),
            "{model}"
        );
        assert_eq!(output.extra["enhanceModel"], model);
        if model == "auto" {
            let choice = &output.extra["autoChoice"];
            assert!(choice["noiseSigma"].as_f64().unwrap() > 0.0, "{choice}");
            assert_eq!(choice["chosen"], output.extra["appliedProfile"]);
        }
        if let Some((other, _)) = seen.iter().find(|(_, other)| *other == md5) {
            panic!("{model} gave the same pictures as {other}");
        }
        seen.push((model, md5));
    }
}

#[tokio::test]
async fn subject_detection_limits_where_enhancement_applies() {
    let dir = tempfile::tempdir().unwrap();
    let input = textured_clip(dir.path());
    let detail = "theia-fine-tune-detail";
    let (_, all) = upscale_with(dir.path(), &input, "all", detail, "all").await;
    let (_, foreground) = upscale_with(dir.path(), &input, "fg", detail, "foreground").await;
    let (_, background) = upscale_with(dir.path(), &input, "bg", detail, "background").await;
    let (_, none) = upscale_with(dir.path(), &input, "none", detail, "none").await;
    let (_, plain) = upscale_with(
        dir.path(),
        &input,
        "plain",
        "theia-fine-tune-fidelity",
        "all",
    )
    .await;

    assert_eq!(none, plain, "'none' enhances nothing: the plain resample");
    let results = [&all, &foreground, &background, &none];
    for (i, a) in results.iter().enumerate() {
        for b in &results[i + 1..] {
            assert_ne!(a, b);
        }
    }
}
