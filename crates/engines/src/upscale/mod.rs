//! `topaz-video-upscale`: resize a clip to 720p, 1080p or 4K and convert it to 24, 30 or
//! 60 fps, keeping its audio.
//!
//! One streaming pass in bounded memory:
//!
//! ```text
//! ffmpeg decode (source size, CFR at the source rate)
//!   --yuv420p--> SourceWindow (the two source frames around the output time)
//!   --pick-----> ffmpeg encode (input at exactly the target rate; Lanczos resize; x264;
//!                original audio muxed back in and cut to the video's length)
//! ```
//!
//! Output frame `i` sits at `i / target_fps`. For now it is the nearest source frame; the
//! window already holds both neighbours and the phase between them, which is what a
//! motion-compensated interpolator needs in its place. Resizing runs inside the encoder
//! process, so Rust only ever touches source-sized frames.
//!
//! `enhance_model` and `subject_detection` are accepted (the API validates them) but no model
//! stands behind them yet.

mod geometry;
mod timing;

use async_trait::async_trait;
use recut_media::{
    AudioSource, DecoderOptions, Encoder, EncoderOptions, FrameFormat, Media, MediaError, Rational,
    VideoStreamInfo,
};
use serde::Deserialize;

pub use geometry::{output_size, OutputSize, TargetResolution, MAX_LONG_SIDE};
use timing::{output_frame_count, RateConversion, SourceWindow};

use crate::{Engine, EngineContext, EngineError, EngineInput, EngineOutput, ProgressFn};

pub const MODEL: &str = "topaz-video-upscale";

pub struct UpscaleEngine {
    media: Media,
}

impl UpscaleEngine {
    pub fn new(media: Media) -> Self {
        Self { media }
    }
}

/// The fields of `topazVideoParams` this engine reads.
#[derive(Debug, Deserialize)]
struct UpscaleParams {
    target_resolution: TargetResolution,
    target_fps: f64,
}

impl UpscaleParams {
    fn parse(params: &serde_json::Value) -> Result<(TargetResolution, Rational), EngineError> {
        let params: UpscaleParams = serde::Deserialize::deserialize(params)
            .map_err(|err| EngineError::InvalidInput(format!("invalid topazVideoParams: {err}")))?;
        let fps = [24, 30, 60]
            .into_iter()
            .find(|fps| f64::from(*fps) == params.target_fps)
            .ok_or_else(|| EngineError::InvalidInput("target_fps must be 24, 30 or 60".into()))?;
        Ok((params.target_resolution, Rational::integer(fps)))
    }
}

#[async_trait]
impl Engine for UpscaleEngine {
    fn model(&self) -> &'static str {
        MODEL
    }

    async fn run(
        &self,
        input: EngineInput,
        ctx: EngineContext,
    ) -> Result<EngineOutput, EngineError> {
        let (resolution, fps) = UpscaleParams::parse(&input.params)?;
        let result = self.upscale(&input, resolution, fps, &ctx).await;
        if let Err(err) = &result {
            tracing::info!(job_id = %input.job_id, error = %err, "upscale failed");
            // A half-written MP4 must not be mistaken for a result.
            let _ = tokio::fs::remove_file(&input.output_path).await;
        }
        result
    }
}

impl UpscaleEngine {
    async fn upscale(
        &self,
        input: &EngineInput,
        resolution: TargetResolution,
        target_rate: Rational,
        ctx: &EngineContext,
    ) -> Result<EngineOutput, EngineError> {
        let info = self
            .media
            .probe_cancellable(&input.video_path, &ctx.cancel)
            .await
            .map_err(media_error)?;
        let video = info.require_video().map_err(media_error)?.clone();
        let size = output_size(video.width, video.height, resolution);
        let frames = output_frame_count(info.video_duration_seconds(), target_rate);
        if frames == 0 {
            return Err(EngineError::InvalidInput(format!(
                "the input video is too short to produce a frame at {target_rate} fps"
            )));
        }
        let filter = self.resize_filter(&video, size).await?;
        tracing::info!(
            job_id = %input.job_id,
            source = %format!("{}x{}@{}", video.width, video.height, video.frame_rate()),
            output = %format!("{}x{}@{target_rate}", size.width, size.height),
            frames,
            "upscaling"
        );

        let mut progress = Progress::new(ctx.progress.clone(), frames);
        let group = self
            .media
            .process_group(2, &ctx.cancel)
            .await
            .map_err(media_error)?;
        let decoder = group
            .spawn_decoder(DecoderOptions::for_stream(&input.video_path, &video))
            .map_err(media_error)?;
        let mut window = SourceWindow::new(decoder);
        let mut encoder = group
            .spawn_encoder(EncoderOptions {
                filter,
                audio: AudioSource::from_probe(&input.video_path, &info),
                frame_count: Some(frames),
                ..EncoderOptions::new(
                    &input.output_path,
                    FrameFormat::new(video.width, video.height),
                    target_rate,
                )
            })
            .map_err(media_error)?;

        let conversion = RateConversion::new(video.frame_rate(), target_rate);
        let pumped = pump(
            &mut window,
            &mut encoder,
            conversion,
            frames,
            ctx,
            &mut progress,
        )
        .await;
        // Both processes are reaped before returning, so the slots are free for the next job.
        window.close().await;
        match pumped {
            Ok(()) => encoder.finish().await.map_err(media_error)?,
            Err(err) => {
                encoder.abort().await;
                return Err(err);
            }
        }
        drop(group);

        let output = self
            .media
            .verify_output(&input.output_path, frames)
            .await
            .map_err(media_error)?;
        let output_video = output
            .video
            .as_ref()
            .ok_or_else(|| EngineError::Internal("output has no video stream".into()))?;
        progress.done();

        let mut extra = serde_json::Map::new();
        extra.insert("sourceWidth".into(), video.width.into());
        extra.insert("sourceHeight".into(), video.height.into());
        extra.insert("sourceFps".into(), video.fps.into());
        extra.insert("upscaled".into(), size.upscaled.into());
        extra.insert("frameRateConversion".into(), "nearest-frame".into());
        Ok(EngineOutput {
            width: output_video.width,
            height: output_video.height,
            fps: output_video.fps,
            duration_seconds: output.duration_seconds,
            frame_count: output_video.frame_count.unwrap_or(frames),
            has_audio: output.has_audio(),
            extra,
        })
    }

    /// Lanczos up to the target; a source that is already large enough is only cropped by
    /// the odd pixel (if any) that yuv420p H.264 cannot carry.
    async fn resize_filter(
        &self,
        video: &VideoStreamInfo,
        size: OutputSize,
    ) -> Result<Option<String>, EngineError> {
        if (size.width, size.height) == (video.width, video.height) {
            return Ok(None);
        }
        if !size.upscaled {
            return Ok(Some(format!("crop={}:{}:0:0", size.width, size.height)));
        }
        let filter = self
            .media
            .scale_filter(size.width, size.height)
            .await
            .map_err(media_error)?;
        Ok(Some(filter))
    }
}

async fn pump(
    window: &mut SourceWindow,
    encoder: &mut Encoder,
    conversion: RateConversion,
    frames: u64,
    ctx: &EngineContext,
    progress: &mut Progress,
) -> Result<(), EngineError> {
    for output_index in 0..frames {
        if ctx.cancel.is_cancelled() {
            return Err(EngineError::Cancelled);
        }
        let position = conversion.position(output_index);
        let neighbours = window.around(position.before).await.map_err(media_error)?;
        let frame = match neighbours.later {
            Some(later) if position.nearer_to_later() => later,
            _ => neighbours.earlier,
        };
        encoder.write_frame(frame).await.map_err(media_error)?;
        progress.frames_written(output_index + 1);
    }
    Ok(())
}

fn media_error(err: MediaError) -> EngineError {
    match err {
        MediaError::Cancelled => EngineError::Cancelled,
        err => EngineError::Media(err),
    }
}

/// Reports whole percentages as frames are written, only when the number changes. 100 is
/// kept for the moment the output has been verified.
struct Progress {
    report: ProgressFn,
    total: u64,
    last: Option<u8>,
}

impl Progress {
    fn new(report: ProgressFn, total: u64) -> Self {
        let mut progress = Self {
            report,
            total,
            last: None,
        };
        progress.set(0);
        progress
    }

    fn frames_written(&mut self, written: u64) {
        let percent = (written.saturating_mul(100) / self.total.max(1)).min(99);
        self.set(percent as u8);
    }

    fn done(&mut self) {
        self.set(100);
    }

    fn set(&mut self, percent: u8) {
        if self.last != Some(percent) {
            self.last = Some(percent);
            (self.report)(percent);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn params_accept_the_documented_values() {
        let params = serde_json::json!({
            "video": "https://example.com/a.mp4",
            "target_resolution": "4k",
            "target_fps": 60,
            "enhance_model": "auto",
            "subject_detection": "all"
        });
        let (resolution, fps) = UpscaleParams::parse(&params).unwrap();
        assert_eq!(resolution, TargetResolution::K4);
        assert_eq!(fps, Rational::integer(60));

        let float_fps =
            serde_json::json!({"video": "x", "target_resolution": "720p", "target_fps": 24.0});
        assert_eq!(
            UpscaleParams::parse(&float_fps).unwrap(),
            (TargetResolution::P720, Rational::integer(24))
        );
    }

    #[test]
    fn params_reject_other_values_as_invalid_input() {
        for params in [
            serde_json::json!({"target_resolution": "8k", "target_fps": 30}),
            serde_json::json!({"target_resolution": "720p", "target_fps": 25}),
            serde_json::json!({"target_resolution": "720p", "target_fps": "30"}),
            serde_json::json!({"target_fps": 30}),
        ] {
            let err = UpscaleParams::parse(&params).unwrap_err();
            assert!(
                matches!(err, EngineError::InvalidInput(_)),
                "{params}: {err:?}"
            );
        }
    }

    #[test]
    fn progress_reports_each_percentage_once_and_saves_100_for_the_end() {
        let seen = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        let sink = seen.clone();
        let mut progress = Progress::new(
            std::sync::Arc::new(move |p| sink.lock().unwrap().push(p)),
            3,
        );
        for written in 1..=3 {
            progress.frames_written(written);
        }
        progress.done();
        assert_eq!(*seen.lock().unwrap(), [0, 33, 66, 99, 100]);
    }
}
