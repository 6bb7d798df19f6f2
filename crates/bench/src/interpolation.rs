//! The interpolation protocol, fixed so every run is comparable:
//!
//! 1. the first 121 frames of a clip, retimed to exactly 24 fps, are the reference (kept in
//!    memory as raw frames, so lossless);
//! 2. frames 0, 2, 4, ... become a 12 fps clip, written losslessly as YUV4MPEG2 (raw
//!    frames: decoding it costs both sides next to nothing, so the times compare the
//!    interpolators rather than an H.264 decoder);
//! 3. each method converts that clip back to 24 fps;
//! 4. both streams are aligned from their first frame and compared up to the shorter one,
//!    scoring only the odd (interpolated) frames: mean PSNR-Y and SSIM-Y.
//!
//! Time is wall time from the 12 fps file to 24 fps frames in memory, decoding included,
//! for Recut and for ffmpeg alike: the fastest of [`ROUNDS`] interleaved runs.

use std::path::Path;
use std::time::{Duration, Instant};

use recut_engines::upscale::{output_frame_count, Converter, EnhanceModel, SubjectDetection};
use recut_media::{Frame, FrameFormat, Media, Rational};

use crate::clips::{decode, stream, write_y4m};
use crate::metrics::{psnr_y, ssim_y};

pub const REFERENCE_FRAMES: usize = 121;
/// Method names the report compares.
pub const RECUT: &str = "Recut (default motion)";
pub const MCI: &str = "ffmpeg minterpolate mci";
const REFERENCE_RATE: Rational = Rational::integer(24);
const HALF_RATE: Rational = Rational::integer(12);

#[derive(Debug, Clone)]
pub struct Score {
    pub method: String,
    pub psnr_y: f64,
    pub ssim_y: f64,
    pub scored_frames: usize,
    pub output_frames: usize,
    pub seconds: f64,
}

impl Score {
    pub fn output_fps(&self) -> f64 {
        self.output_frames as f64 / self.seconds
    }
}

/// The retimed reference of a clip on disk: its first 121 frames at exactly 24 fps.
pub async fn reference_from_clip(media: &Media, clip: &Path) -> anyhow::Result<Vec<Frame>> {
    let info = media.probe(clip).await?;
    let video = info.require_video()?;
    let format = recut_media::FrameFormat::new(video.width, video.height);
    // The picture as the engine's decoder sees it (an odd side cropped, anamorphic pixels
    // made square), retimed.
    let shown = recut_media::DecoderOptions::for_stream(clip, video);
    let filter = [
        shown.source,
        shown.filter,
        Some("setpts=N/24/TB".to_owned()),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(",");
    let (frames, _) = decode(
        media,
        clip,
        Some(filter),
        REFERENCE_RATE,
        format,
        REFERENCE_FRAMES,
    )
    .await?;
    anyhow::ensure!(
        frames.len() == REFERENCE_FRAMES,
        "{} has only {} frames; the protocol needs {REFERENCE_FRAMES}",
        clip.display(),
        frames.len()
    );
    Ok(frames)
}

/// Runs every method on one reference. `scratch` holds the 12 fps clip.
pub async fn run(media: &Media, reference: &[Frame], scratch: &Path) -> anyhow::Result<Vec<Score>> {
    let format = reference[0].format();
    let half: Vec<Frame> = reference.iter().step_by(2).cloned().collect();
    let half_path = scratch.join("half-12fps.y4m");
    write_y4m(&half_path, &half, HALF_RATE)?;
    let (decoded, _) = decode(media, &half_path, None, HALF_RATE, format, usize::MAX).await?;
    anyhow::ensure!(
        decoded == half,
        "the 12 fps clip did not round-trip losslessly"
    );

    let methods = [
        (RECUT, Method::Recut(EnhanceModel::Fidelity)),
        (
            "Recut apollo (careful motion)",
            Method::Recut(EnhanceModel::Apollo),
        ),
        (
            "ffmpeg frame repeat",
            Method::Ffmpeg("minterpolate=fps=24:mi_mode=dup"),
        ),
        (
            "ffmpeg minterpolate blend",
            Method::Ffmpeg("minterpolate=fps=24:mi_mode=blend"),
        ),
        (
            MCI,
            Method::Ffmpeg("minterpolate=fps=24:mi_mode=mci:mc_mode=aobmc:me_mode=bidir:vsbmc=1"),
        ),
    ];
    // Every method runs ROUNDS times, the rounds interleaved so that both sides meet the
    // same slow spells of a shared machine; each keeps its fastest time. The outputs of the
    // first round are scored (the later rounds compute the same frames).
    let mut outputs: Vec<Option<Vec<Frame>>> = methods.iter().map(|_| None).collect();
    let mut fastest = vec![Duration::MAX; methods.len()];
    for _ in 0..ROUNDS {
        for (index, (_, method)) in methods.iter().enumerate() {
            let (frames, took) = method.run(media, &half_path, format, half.len()).await?;
            fastest[index] = fastest[index].min(took);
            outputs[index].get_or_insert(frames);
        }
    }
    Ok(methods
        .iter()
        .zip(outputs)
        .zip(fastest)
        .map(|(((name, _), frames), took)| {
            score(name, reference, &frames.unwrap_or_default(), took)
        })
        .collect())
}

/// Timed runs per method; the fastest counts.
pub const ROUNDS: usize = 3;

enum Method {
    Recut(EnhanceModel),
    /// An ffmpeg filter chain that makes 24 fps of the 12 fps clip.
    Ffmpeg(&'static str),
}

impl Method {
    /// Converts the 12 fps file at `path`; the time runs from opening it to having every
    /// 24 fps frame in memory.
    async fn run(
        &self,
        media: &Media,
        path: &Path,
        format: FrameFormat,
        source_frames: usize,
    ) -> anyhow::Result<(Vec<Frame>, Duration)> {
        Ok(match self {
            Method::Recut(model) => {
                let started = Instant::now();
                let frames = recut_convert(media, path, format, source_frames, *model).await?;
                (frames, started.elapsed())
            }
            Method::Ffmpeg(filter) => {
                decode(
                    media,
                    path,
                    Some((*filter).to_owned()),
                    REFERENCE_RATE,
                    format,
                    usize::MAX,
                )
                .await?
            }
        })
    }
}

/// 12 to 24 fps with the engine's own converter, enhancement off, fed by the decoder as
/// its frames arrive, as the engine runs it (so decoding overlaps the interpolation, as it
/// does inside ffmpeg for the baselines).
async fn recut_convert(
    media: &Media,
    path: &Path,
    format: FrameFormat,
    source_frames: usize,
    model: EnhanceModel,
) -> anyhow::Result<Vec<Frame>> {
    let duration = source_frames as f64 / HALF_RATE.as_f64();
    let count = output_frame_count(duration, REFERENCE_RATE);
    let (source_tx, mut source_rx) = tokio::sync::mpsc::channel::<Frame>(8);
    let convert = tokio::task::spawn_blocking(move || {
        let mut converter =
            Converter::new(HALF_RATE, REFERENCE_RATE, model, SubjectDetection::None);
        let mut pull = || Ok::<_, std::convert::Infallible>(source_rx.blocking_recv());
        (0..count)
            .map_while(|index| match converter.frame(index, &mut pull) {
                Ok(frame) => frame,
                Err(never) => match never {},
            })
            .collect::<Vec<Frame>>()
    });
    stream(media, path, None, HALF_RATE, format, usize::MAX, source_tx).await?;
    Ok(convert.await?)
}

fn score(method: &str, reference: &[Frame], output: &[Frame], took: Duration) -> Score {
    let format = reference[0].format();
    let (w, h) = (format.width as usize, format.height as usize);
    let compared = reference.len().min(output.len());
    let (mut psnr, mut ssim, mut scored) = (0.0, 0.0, 0usize);
    for index in (1..compared).step_by(2) {
        psnr += psnr_y(reference[index].y(), output[index].y());
        ssim += ssim_y(reference[index].y(), output[index].y(), w, h);
        scored += 1;
    }
    Score {
        method: method.to_owned(),
        psnr_y: psnr / scored.max(1) as f64,
        ssim_y: ssim / scored.max(1) as f64,
        scored_frames: scored,
        output_frames: output.len(),
        seconds: took.as_secs_f64(),
    }
}
