mod common;

use std::time::{Duration, Instant};

use common::{clip, ffmpeg, media, truncated_mp4};
use recut_media::{
    AudioSource, DecoderOptions, EncoderOptions, Frame, FrameFormat, Media, MediaConfig,
    MediaError, Rational, Skim, VerifiedOutput,
};
use tokio_util::sync::CancellationToken;

async fn decode_all(media: &Media, options: DecoderOptions) -> Result<Vec<u8>, MediaError> {
    let group = media.process_group(1, &CancellationToken::new()).await?;
    let mut decoder = group.spawn_decoder(options)?;
    let mut frame = Frame::new(decoder.format());
    let mut luma_means = Vec::new();
    while decoder.next_frame(&mut frame).await? {
        let sum: u64 = frame.y().iter().map(|&y| u64::from(y)).sum();
        luma_means.push((sum / frame.y().len() as u64) as u8);
    }
    Ok(luma_means)
}

#[tokio::test]
async fn decoder_yields_frames_at_a_constant_rate() {
    let dir = tempfile::tempdir().unwrap();
    let path = clip(dir.path(), "in.mp4", "160x90", "25", 2.0, Some("aac"));
    let media = media();
    let video = media.probe(&path).await.unwrap().video.unwrap();

    let native = decode_all(&media, DecoderOptions::for_stream(&path, &video))
        .await
        .unwrap();
    assert_eq!(native.len(), 50);

    // ffmpeg's CFR conversion stretches the last source frame over its full duration, so a
    // rate change may add a frame or two at the end; never fewer than the duration holds.
    let slower = DecoderOptions {
        rate: Rational::integer(10),
        ..DecoderOptions::for_stream(&path, &video)
    };
    let frames = decode_all(&media, slower).await.unwrap().len();
    assert!((20..=22).contains(&frames), "{frames}");
}

#[tokio::test]
async fn a_skimming_decoder_yields_only_the_frames_it_keeps() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("gop.mp4");
    // 48 frames, a key frame every 12, B-frames between the references.
    ffmpeg(&[
        "-f",
        "lavfi",
        "-i",
        "testsrc2=size=160x96:rate=24:duration=2",
        "-c:v",
        "libx264",
        "-preset",
        "veryfast",
        "-g",
        "12",
        "-keyint_min",
        "12",
        "-sc_threshold",
        "0",
        "-bf",
        "2",
        "-pix_fmt",
        "yuv420p",
        path.to_str().unwrap(),
    ]);
    let media = media();
    let video = media.probe(&path).await.unwrap().video.unwrap();
    let count = |skim| {
        let options = DecoderOptions {
            skim,
            // A rate that would duplicate frames were it applied: a skim ignores it.
            rate: Rational::integer(60),
            ..DecoderOptions::for_stream(&path, &video)
        };
        let media = media.clone();
        async move { decode_all(&media, options).await.unwrap().len() }
    };
    assert_eq!(count(Skim::KeyFrames).await, 4);
    let references = count(Skim::ReferenceFrames).await;
    assert!(
        (5..48).contains(&references),
        "{references} reference frames"
    );
    assert_eq!(count(Skim::Off).await, 120);
}

#[tokio::test]
async fn decoder_applies_the_filter_chain_and_sees_pixels() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("white.mp4");
    ffmpeg(&[
        "-f",
        "lavfi",
        "-i",
        "color=c=white:size=64x36:rate=10:duration=1",
        "-pix_fmt",
        "yuv420p",
        path.to_str().unwrap(),
    ]);
    let media = media();
    let video = media.probe(&path).await.unwrap().video.unwrap();

    let options = DecoderOptions {
        filter: Some("scale=32:18".into()),
        format: FrameFormat::new(32, 18),
        ..DecoderOptions::for_stream(&path, &video)
    };
    let means = decode_all(&media, options).await.unwrap();

    assert_eq!(means.len(), 10);
    assert!(
        means.iter().all(|&y| y >= 230),
        "white is Y 235 in video range: {means:?}"
    );
}

#[tokio::test]
async fn decoder_outputs_rotated_clips_upright() {
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
    let media = media();
    let video = media.probe(&rotated).await.unwrap().video.unwrap();
    assert_eq!((video.width, video.height), (90, 160));

    // A wrong frame size would desynchronise the pipe and end mid-frame.
    assert_eq!(
        decode_all(&media, DecoderOptions::for_stream(&rotated, &video))
            .await
            .unwrap()
            .len(),
        25
    );
}

#[tokio::test]
async fn undecodable_input_is_blamed_on_the_input() {
    let dir = tempfile::tempdir().unwrap();
    let options = DecoderOptions {
        input: truncated_mp4(dir.path(), "truncated.mp4"),
        stream_index: None,
        rate: Rational::integer(25),
        format: FrameFormat::new(160, 90),
        filter: None,
        source: None,
        skim: Skim::Off,
    };

    let err = decode_all(&media(), options).await.unwrap_err();

    assert!(matches!(err, MediaError::Undecodable { .. }), "{err:?}");
    assert!(err.is_client_error());
    let message = err.to_string();
    assert!(
        message.starts_with("the input video could not be decoded: ffmpeg exited with status 1: "),
        "{message}"
    );
    assert!(message.contains("moov atom not found"), "{message}");
    assert!(
        !err.to_string().contains(dir.path().to_str().unwrap()),
        "{err}"
    );
}

/// Decode, hand every frame to the encoder, verify the file. The shape engines use.
async fn transcode(
    media: &Media,
    input: &std::path::Path,
    output: &std::path::Path,
    target: FrameFormat,
) -> recut_media::MediaInfo {
    let info = media.probe(input).await.unwrap();
    let video = info.require_video().unwrap().clone();
    let frames = video
        .frame_count
        .expect("fixtures are MP4 or MOV, which store frame counts");
    let filter = media
        .scale_filter(target.width, target.height)
        .await
        .unwrap();
    let group = media
        .process_group(2, &CancellationToken::new())
        .await
        .unwrap();
    let mut decoder = group
        .spawn_decoder(DecoderOptions::for_stream(input, &video))
        .unwrap();
    let mut encoder = group
        .spawn_encoder(EncoderOptions {
            filter: Some(filter),
            audio: AudioSource::from_probe(input, &info),
            frame_count: Some(frames),
            ..EncoderOptions::new(output, decoder.format(), video.frame_rate())
        })
        .unwrap();
    let mut frame = Frame::new(decoder.format());
    while decoder.next_frame(&mut frame).await.unwrap() {
        encoder.write_frame(&frame).await.unwrap();
    }
    assert_eq!(encoder.frames_written(), frames);
    encoder.finish().await.unwrap();
    drop(group);
    let verified = media.verify_output(output, frames).await.unwrap();
    let probed = media.probe(output).await.unwrap();
    assert_measured_as_ffprobe(&verified, &probed);
    probed
}

/// The output check reads our MP4s itself: it must measure what ffprobe does.
fn assert_measured_as_ffprobe(verified: &VerifiedOutput, probed: &recut_media::MediaInfo) {
    let video = probed.video.as_ref().unwrap();
    assert_eq!(
        (verified.width, verified.height, Some(verified.frame_count)),
        (video.width, video.height, video.frame_count)
    );
    assert!(
        (verified.fps - video.fps).abs() < 1e-9,
        "{verified:?} {video:?}"
    );
    assert!(
        (verified.duration_seconds - probed.duration_seconds).abs() < 1e-3,
        "{verified:?} {probed:?}"
    );
    assert_eq!(verified.has_audio, probed.has_audio());
}

#[tokio::test]
async fn encoder_scales_and_keeps_aac_audio() {
    let dir = tempfile::tempdir().unwrap();
    let input = clip(dir.path(), "in.mp4", "160x90", "25", 2.0, Some("aac"));
    let output = dir.path().join("out.mp4");
    let media = media();

    let info = transcode(&media, &input, &output, FrameFormat::new(320, 180)).await;

    let video = info.video.unwrap();
    assert_eq!(
        (video.width, video.height, video.fps_num, video.fps_den),
        (320, 180, 25, 1)
    );
    assert_eq!(video.frame_count, Some(50));
    assert_eq!(info.audio.unwrap().codec, "aac");
    assert!(
        (info.duration_seconds - 2.0).abs() < 0.05,
        "{}",
        info.duration_seconds
    );
}

#[tokio::test]
async fn encoder_converts_other_audio_to_aac() {
    let dir = tempfile::tempdir().unwrap();
    let input = clip(
        dir.path(),
        "in.mov",
        "96x54",
        "30000/1001",
        1.0,
        Some("pcm_s16le"),
    );
    let output = dir.path().join("out.mp4");

    let info = transcode(&media(), &input, &output, FrameFormat::new(96, 54)).await;

    assert_eq!(info.audio.unwrap().codec, "aac");
    let video = info.video.unwrap();
    assert_eq!((video.fps_num, video.fps_den), (30000, 1001));
}

#[tokio::test]
async fn encoder_without_source_audio_writes_a_silent_file() {
    let dir = tempfile::tempdir().unwrap();
    let input = clip(dir.path(), "in.mp4", "96x54", "24", 1.0, None);
    let output = dir.path().join("out.mp4");

    let info = transcode(&media(), &input, &output, FrameFormat::new(192, 108)).await;

    assert!(info.audio.is_none());
    assert_eq!(info.video.unwrap().frame_count, Some(24));
}

#[tokio::test]
async fn audio_is_cut_to_the_video_length() {
    let dir = tempfile::tempdir().unwrap();
    let input = clip(dir.path(), "in.mp4", "96x54", "10", 2.0, Some("aac"));
    let output = dir.path().join("out.mp4");
    let media = media();
    let info = media.probe(&input).await.unwrap();
    let group = media
        .process_group(1, &CancellationToken::new())
        .await
        .unwrap();
    let format = FrameFormat::new(96, 54);
    let mut encoder = group
        .spawn_encoder(EncoderOptions {
            audio: AudioSource::from_probe(&input, &info),
            frame_count: Some(5),
            ..EncoderOptions::new(&output, format, Rational::integer(10))
        })
        .unwrap();
    for _ in 0..5 {
        encoder.write_frame(&Frame::new(format)).await.unwrap();
    }
    encoder.finish().await.unwrap();
    drop(group);

    let out = media.verify_output(&output, 5).await.unwrap();
    assert_measured_as_ffprobe(&out, &media.probe(&output).await.unwrap());
    assert!(
        out.duration_seconds < 0.7,
        "2 s of audio cut to 0.5 s of video: {}",
        out.duration_seconds
    );
}

#[tokio::test]
async fn encoder_failure_carries_the_stderr_tail() {
    let dir = tempfile::tempdir().unwrap();
    let format = FrameFormat::new(64, 64);
    let media = media();
    let group = media
        .process_group(1, &CancellationToken::new())
        .await
        .unwrap();
    let mut encoder = group
        .spawn_encoder(EncoderOptions {
            filter: Some("no_such_filter_anywhere".into()),
            ..EncoderOptions::new(dir.path().join("out.mp4"), format, Rational::integer(25))
        })
        .unwrap();

    let frame = Frame::new(format);
    let mut result = Ok(());
    for _ in 0..50 {
        result = encoder.write_frame(&frame).await;
        if result.is_err() {
            break;
        }
    }
    let err = match result {
        Err(err) => err,
        Ok(()) => encoder.finish().await.unwrap_err(),
    };

    assert!(matches!(err, MediaError::ProcessFailed(_)), "{err:?}");
    assert!(!err.is_client_error());
    let message = err.to_string();
    assert!(
        message.starts_with("ffmpeg exited with status "),
        "{message}"
    );
    assert!(
        message.contains("No such filter: 'no_such_filter_anywhere'"),
        "{message}"
    );
}

#[tokio::test]
async fn verify_output_rejects_wrong_frame_counts_and_empty_files() {
    let dir = tempfile::tempdir().unwrap();
    let path = clip(dir.path(), "in.mp4", "64x64", "10", 1.0, None);
    let media = media();

    assert_eq!(
        media.verify_output(&path, 10).await.unwrap().frame_count,
        10
    );
    // Not one of our MP4s (the movie box after the media, a Matroska file): measured all
    // the same, the second by ffprobe.
    assert_measured_as_ffprobe(
        &media.verify_output(&path, 10).await.unwrap(),
        &media.probe(&path).await.unwrap(),
    );
    let mkv = clip(dir.path(), "in.mkv", "64x64", "10", 1.0, None);
    assert_eq!(media.verify_output(&mkv, 10).await.unwrap().frame_count, 10);
    let cut = truncated_mp4(dir.path(), "cut.mp4");
    assert!(matches!(
        media.verify_output(&cut, 25).await,
        Err(MediaError::BadOutput(_))
    ));

    let wrong = media.verify_output(&path, 11).await.unwrap_err();
    assert_eq!(
        wrong.to_string(),
        "output check failed: output has 10 frames, expected 11"
    );
    assert!(!wrong.is_client_error());

    let empty = dir.path().join("empty.mp4");
    std::fs::write(&empty, b"").unwrap();
    assert!(matches!(
        media.verify_output(&empty, 1).await,
        Err(MediaError::BadOutput(_))
    ));
    assert!(matches!(
        media
            .verify_output(&dir.path().join("missing.mp4"), 1)
            .await,
        Err(MediaError::BadOutput(_))
    ));
}

#[tokio::test]
async fn cancellation_kills_both_pipes_promptly_and_frees_the_slots() {
    let dir = tempfile::tempdir().unwrap();
    let input = clip(dir.path(), "in.mp4", "160x90", "25", 2.0, None);
    let media = Media::new(MediaConfig {
        max_concurrent_processes: 2,
        ..MediaConfig::default()
    });
    let video = media.probe(&input).await.unwrap().video.unwrap();
    let cancel = CancellationToken::new();
    let group = media.process_group(2, &cancel).await.unwrap();
    let mut decoder = group
        .spawn_decoder(DecoderOptions::for_stream(&input, &video))
        .unwrap();
    let mut encoder = group
        .spawn_encoder(EncoderOptions::new(
            dir.path().join("out.mp4"),
            decoder.format(),
            video.frame_rate(),
        ))
        .unwrap();
    drop(group);
    let mut frame = Frame::new(decoder.format());
    assert!(decoder.next_frame(&mut frame).await.unwrap());
    encoder.write_frame(&frame).await.unwrap();

    let started = Instant::now();
    cancel.cancel();
    assert!(matches!(
        decoder.next_frame(&mut frame).await,
        Err(MediaError::Cancelled)
    ));
    assert!(matches!(
        encoder.write_frame(&frame).await,
        Err(MediaError::Cancelled)
    ));
    decoder.close().await;
    encoder.abort().await;
    assert!(
        started.elapsed() < Duration::from_secs(1),
        "{:?}",
        started.elapsed()
    );

    // Slots come back only once both processes have been reaped.
    let regained = tokio::time::timeout(
        Duration::from_secs(1),
        media.process_group(2, &CancellationToken::new()),
    )
    .await;
    assert!(regained.is_ok(), "process slots were not released");
}

#[tokio::test]
async fn a_process_past_its_deadline_is_killed() {
    let dir = tempfile::tempdir().unwrap();
    let input = clip(dir.path(), "in.mp4", "160x90", "25", 2.0, None);
    let media = Media::new(MediaConfig {
        process_timeout: Duration::from_millis(300),
        ..MediaConfig::default()
    });
    let video = media.probe(&input).await.unwrap().video.unwrap();
    let group = media
        .process_group(1, &CancellationToken::new())
        .await
        .unwrap();
    let mut decoder = group
        .spawn_decoder(DecoderOptions::for_stream(&input, &video))
        .unwrap();

    // Not reading stalls ffmpeg on a full pipe until the deadline kills it.
    tokio::time::sleep(Duration::from_millis(800)).await;
    let mut frame = Frame::new(decoder.format());
    let err = loop {
        match decoder.next_frame(&mut frame).await {
            Ok(true) => continue,
            Ok(false) => panic!("decoder finished despite the deadline"),
            Err(err) => break err,
        }
    };

    assert!(
        matches!(
            err,
            MediaError::Timeout {
                program: "ffmpeg",
                ..
            }
        ),
        "{err:?}"
    );
    assert!(!err.is_client_error());
}
