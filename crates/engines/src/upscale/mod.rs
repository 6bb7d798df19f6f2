//! `topaz-video-upscale`: resize a clip to 720p, 1080p or 4K, convert it to 24, 30 or 60 fps
//! with motion-compensated interpolation, and enhance it with the chosen profile, keeping
//! its audio.
//!
//! One streaming pass in bounded memory, three stages running at once:
//!
//! ```text
//! ffmpeg decode (source size, CFR at the source rate)
//!   --yuv420p--> Converter on a blocking thread (SourceWindow of two frames; motion analysis,
//!                interpolation and enhancement at source size, on all cores via rayon)
//!   --yuv420p--> ffmpeg encode (input at exactly the target rate; zscale Lanczos resize; x264;
//!                original audio muxed back in and cut to the video's length)
//! ```
//!
//! Bounded channels of [`IN_FLIGHT`] frames join the stages, so memory does not grow with the
//! clip. Rust only ever touches source-sized frames: interpolating before resizing is far
//! cheaper than after, and zimg resizes faster and better than anything we would write.
//! docs/upscale-engine.md describes the algorithms and profiles.

mod convert;
mod enhance;
pub mod flow;
mod geometry;
pub mod interpolate;
mod mask;
mod profiles;
mod timing;
pub mod variational;
mod warp;

use async_trait::async_trait;
use recut_media::{
    AudioSource, Decoder, Encoder, EncoderOptions, Frame, FrameFormat, Media, MediaError, Rational,
    VideoStreamInfo,
};
use serde::Deserialize;
use tokio::sync::mpsc;

pub use convert::{ConversionStats, Converter};
pub use enhance::{estimate_blockiness, estimate_noise, Enhancement};
pub use geometry::{output_size, OutputSize, TargetResolution, MAX_LONG_SIDE};
pub use profiles::{AutoChoice, EnhanceModel, Profile, SubjectDetection};
pub use timing::{output_frame_count, RateConversion};

use crate::progress::Progress;
use crate::{Engine, EngineContext, EngineError, EngineInput, EngineOutput};

pub const MODEL: &str = "topaz-video-upscale";

/// Frames queued between two stages of the pipeline.
const IN_FLIGHT: usize = 2;

/// x264 settings for every output, chosen by measurement (docs/benchmarks.md): `veryfast`
/// is the fastest preset whose quality per bit is close to `medium`'s, at about twice
/// `medium`'s speed; CRF 18 is visually transparent for upscaled material.
pub const X264_PRESET: &str = "veryfast";
pub const X264_CRF: u8 = 18;

/// Extra x264 options by output size, which is what x264's memory grows with. Above 1080p
/// the lookahead is halved (veryfast's 10 frames to 5) and frame threads are capped at 4
/// (x264's default is 1.5 per core): each 4K frame x264 keeps costs tens of MiB, and this
/// took the 4K encoder from about 900 to 770 MiB on this machine at the same speed
/// (docs/benchmarks.md). Smaller outputs keep x264's defaults.
pub fn x264_params(width: u32, height: u32) -> Option<String> {
    if u64::from(width) * u64::from(height) <= 1920 * 1080 {
        return None;
    }
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    let threads = (cores * 3).div_ceil(2).clamp(1, 4);
    Some(format!("rc-lookahead=5:threads={threads}"))
}

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
    #[serde(default)]
    enhance_model: EnhanceModel,
    #[serde(default)]
    subject_detection: SubjectDetection,
}

/// Parsed and checked parameters.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Request {
    resolution: TargetResolution,
    fps: Rational,
    model: EnhanceModel,
    subject: SubjectDetection,
}

impl UpscaleParams {
    fn parse(params: &serde_json::Value) -> Result<Request, EngineError> {
        let params: UpscaleParams = serde::Deserialize::deserialize(params)
            .map_err(|err| EngineError::InvalidInput(format!("invalid topazVideoParams: {err}")))?;
        let fps = [24, 30, 60]
            .into_iter()
            .find(|fps| f64::from(*fps) == params.target_fps)
            .ok_or_else(|| EngineError::InvalidInput("target_fps must be 24, 30 or 60".into()))?;
        Ok(Request {
            resolution: params.target_resolution,
            fps: Rational::integer(fps),
            model: params.enhance_model,
            subject: params.subject_detection,
        })
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
        let request = UpscaleParams::parse(&input.params)?;
        let result = self.upscale(&input, request, &ctx).await;
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
        request: Request,
        ctx: &EngineContext,
    ) -> Result<EngineOutput, EngineError> {
        let (resolution, target_rate) = (request.resolution, request.fps);
        let info = self
            .media
            .probe_cancellable(&input.video_path, &ctx.cancel)
            .await
            .map_err(EngineError::from_media)?;
        let video = info
            .require_video()
            .map_err(EngineError::from_media)?
            .clone();
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

        let mut progress = Progress::new(ctx.progress.clone(), 0);
        // Up-converting interlaced footage: every field is a picture of its own moment, so
        // the fields are the source (59.94 a second from 29.97i), not frames to synthesise.
        let field_rate = video.is_interlaced() && target_rate.as_f64() > video.fps * 1.01;
        let decode = self
            .media
            .decoder_for(&input.video_path, &video, field_rate)
            .await
            .map_err(EngineError::from_media)?;
        let source_rate = decode.rate;
        let group = self
            .media
            .process_group(2, &ctx.cancel)
            .await
            .map_err(EngineError::from_media)?;
        let decoder = group
            .spawn_decoder(decode)
            .map_err(EngineError::from_media)?;
        let mut encoder = group
            .spawn_encoder(EncoderOptions {
                filter,
                audio: AudioSource::from_probe(&input.video_path, &info),
                frame_count: Some(frames),
                preset: X264_PRESET.to_owned(),
                crf: X264_CRF,
                x264_params: x264_params(size.width, size.height),
                ..EncoderOptions::new(
                    &input.output_path,
                    FrameFormat::new(video.width, video.height),
                    target_rate,
                )
            })
            .map_err(EngineError::from_media)?;

        let converter = Converter::new(source_rate, target_rate, request.model, request.subject);
        let pumped = pump(decoder, &mut encoder, converter, frames, ctx, &mut progress).await;
        let converter = match pumped {
            Ok(converter) => {
                encoder.finish().await.map_err(EngineError::from_media)?;
                converter
            }
            Err(err) => {
                encoder.abort().await;
                return Err(err);
            }
        };
        drop(group);

        let mut extra = serde_json::Map::new();
        extra.insert("sourceWidth".into(), video.width.into());
        extra.insert("sourceHeight".into(), video.height.into());
        extra.insert("sourceFps".into(), video.fps.into());
        extra.insert("upscaled".into(), size.upscaled.into());
        if video.is_interlaced() {
            extra.insert(
                "deinterlaced".into(),
                if field_rate { "fields" } else { "frames" }.into(),
            );
        }
        let stats = converter.stats();
        extra.insert(
            "frameRateConversion".into(),
            if stats.interpolated_frames > 0 {
                "motion-compensated"
            } else {
                "frame-pick"
            }
            .into(),
        );
        extra.insert(
            "interpolatedFrames".into(),
            stats.interpolated_frames.into(),
        );
        extra.insert("sceneCuts".into(), stats.scene_cuts.into());
        extra.insert("enhanceModel".into(), request.model.name().into());
        if let Some(profile) = converter.profile() {
            extra.insert("appliedProfile".into(), profile.model.name().into());
        }
        if let Some(choice) = converter.auto_choice() {
            extra.insert(
                "autoChoice".into(),
                serde_json::to_value(choice).unwrap_or_default(),
            );
        }
        let output = EngineOutput::measure(&self.media, &input.output_path, frames, extra).await?;
        progress.done();
        Ok(output)
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
            .map_err(EngineError::from_media)?;
        Ok(Some(filter))
    }
}

/// Runs the three stages until `frames` frames are encoded: this task reads the decoder and
/// writes the encoder while the converter works on a blocking thread between them. Returns
/// the converter (for its statistics) once every frame is written; the decoder is reaped
/// either way.
async fn pump(
    mut decoder: Decoder,
    encoder: &mut Encoder,
    mut converter: Converter,
    frames: u64,
    ctx: &EngineContext,
    progress: &mut Progress,
) -> Result<Converter, EngineError> {
    let pool = converter.pool();
    let (source_tx, mut source_rx) = mpsc::channel::<Frame>(IN_FLIGHT);
    let (output_tx, mut output_rx) = mpsc::channel::<Frame>(IN_FLIGHT);
    let cancel = ctx.cancel.clone();
    let compute = tokio::task::spawn_blocking(move || {
        let mut pull = || Ok::<_, EngineError>(source_rx.blocking_recv());
        for index in 0..frames {
            if cancel.is_cancelled() {
                return Err(EngineError::Cancelled);
            }
            let frame = converter.frame(index, &mut pull)?.ok_or_else(|| {
                EngineError::Media(MediaError::Undecodable {
                    detail: "no video frames could be decoded".into(),
                })
            })?;
            if output_tx.blocking_send(frame).is_err() {
                // The writer stopped, and says why.
                return Err(EngineError::Cancelled);
            }
        }
        Ok(converter)
    });

    let format = decoder.format();
    let feed = async {
        // Owned here so the converter sees the end of the source as soon as the decoder ends.
        let source_tx = source_tx;
        loop {
            let mut frame = pool.take(format);
            if !decoder
                .next_frame(&mut frame)
                .await
                .map_err(EngineError::from_media)?
            {
                return Ok::<_, EngineError>(());
            }
            if source_tx.send(frame).await.is_err() {
                // The converter has every frame it needs.
                return Ok(());
            }
        }
    };
    let drain = async {
        for written in 1..=frames {
            let Some(frame) = output_rx.recv().await else {
                return Ok(());
            };
            encoder
                .write_frame(&frame)
                .await
                .map_err(EngineError::from_media)?;
            pool.give(frame);
            progress.main_pass(written, frames);
        }
        Ok::<_, EngineError>(())
    };
    let streamed = tokio::try_join!(feed, drain);
    drop(output_rx);
    decoder.close().await;
    let computed = compute
        .await
        .map_err(|err| EngineError::Internal(format!("frame conversion panicked: {err}")))?;
    streamed?;
    if ctx.cancel.is_cancelled() {
        return Err(EngineError::Cancelled);
    }
    computed
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
        let request = UpscaleParams::parse(&params).unwrap();
        assert_eq!(request.resolution, TargetResolution::K4);
        assert_eq!(request.fps, Rational::integer(60));
        assert_eq!(request.model, EnhanceModel::Auto);
        assert_eq!(request.subject, SubjectDetection::All);

        let float_fps =
            serde_json::json!({"video": "x", "target_resolution": "720p", "target_fps": 24.0});
        let request = UpscaleParams::parse(&float_fps).unwrap();
        assert_eq!(
            (request.resolution, request.fps),
            (TargetResolution::P720, Rational::integer(24))
        );

        for model in EnhanceModel::ALL {
            let params = serde_json::json!({"target_resolution": "720p", "target_fps": 30,
                "enhance_model": model.name(), "subject_detection": "foreground"});
            let request = UpscaleParams::parse(&params).unwrap();
            assert_eq!(request.model, model);
            assert_eq!(request.subject, SubjectDetection::Foreground);
        }
    }

    #[test]
    fn params_reject_other_values_as_invalid_input() {
        for params in [
            serde_json::json!({"target_resolution": "8k", "target_fps": 30}),
            serde_json::json!({"target_resolution": "720p", "target_fps": 25}),
            serde_json::json!({"target_resolution": "720p", "target_fps": "30"}),
            serde_json::json!({"target_fps": 30}),
            serde_json::json!({"target_resolution": "720p", "target_fps": 30, "enhance_model": "proteus"}),
            serde_json::json!({"target_resolution": "720p", "target_fps": 30, "subject_detection": "face"}),
        ] {
            let err = UpscaleParams::parse(&params).unwrap_err();
            assert!(
                matches!(err, EngineError::InvalidInput(_)),
                "{params}: {err:?}"
            );
        }
    }
}
