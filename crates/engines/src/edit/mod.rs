//! The `wan-2.7-videoedit` engine: prompt compiler, edit operations and subject masks.
//!
//! Not a generative model: an instruction-driven editor that does what it can measurably do
//! and refuses the rest at submission ([`compile`]). One run is up to two streaming passes:
//!
//! ```text
//! first pass (only for subject-aware edits, a subject-following crop or a white balance):
//!   ffmpeg decode (canvas size) --> sample up to 40 frames --> median background,
//!   subject check ("no separable subject" fails the job), crop position, colour keys,
//!   colour cast
//! main pass:
//!   ffmpeg decode (canvas size) --yuv420p--> crop --> subject matte --> subject edits
//!   --> denoise --> style --> colour (one fused table) --> texture --> ffmpeg encode
//!   (x264, original audio unless muted, cut to the frames written)
//! ```
//!
//! Memory is bounded by a few frames plus the samples at analysis size, whatever the clip's
//! length. Randomness comes from the seed (or, without one, from the job id, so a retried job
//! renders the same frames).

mod align;
mod colours;
mod composite;
mod faces;
mod framing;
mod geometry;
mod length;
mod mask;
mod notes;
pub mod ops;
mod parameters;
mod person;
mod plan;
mod prompt;
mod render;
mod shots;

use std::collections::BTreeSet;
use std::path::Path;

use async_trait::async_trait;
use recut_media::{
    AudioSource, Decoder, DecoderOptions, Encoder, EncoderOptions, Frame, FrameFormat, Media,
    MediaError, MediaInfo, ProcessGroup, Rational, Skim, VideoStreamInfo,
};
use serde::Deserialize;

pub use geometry::Geometry;
pub use plan::{
    mutes_audio, Backdrop, EditPlan, Look, Monochrome, NamedColour, Operation, Painting,
    PlannedOperation, RecolourSource, RecolourTarget, Stage, ToneRegion,
};
pub use prompt::{compile, PromptError};

use composite::{
    colour_frame, dominant_colour, find_key, gradient_frame, key_found, BackgroundBlur, Recolour,
    RegionGrade, TargetColour,
};
use faces::{restrict_masks, FaceDetector, Region};
use framing::CropPath;
use mask::{Background, Sample, SubjectSummary, MAX_SAMPLES};
use ops::colour::{ColourCast, ColourTransform, ToneKey};
use ops::filters::hash64;
pub use person::PersonModels;
use render::{Renderer, Subject, SubjectEdit};
use shots::{model_shots, Matting, Shot, ShotSampler};

use crate::progress::Progress;
use crate::{Engine, EngineContext, EngineError, EngineInput, EngineOutput};

pub const MODEL: &str = "wan-2.7-videoedit";

/// Input limits, checked against the probe before any work. The defaults are the hosted
/// model's (2-10 s, sides 240-4096 px, aspect up to 8:1, 100 MB); operators may widen them.
#[derive(Debug, Clone, PartialEq)]
pub struct EditLimits {
    pub min_duration_seconds: f64,
    pub max_duration_seconds: f64,
    pub min_side: u32,
    pub max_side: u32,
    /// Longest side over shortest side.
    pub max_aspect: f64,
    pub max_bytes: u64,
}

impl Default for EditLimits {
    fn default() -> Self {
        Self {
            min_duration_seconds: 2.0,
            max_duration_seconds: 10.0,
            min_side: 240,
            max_side: 4096,
            max_aspect: 8.0,
            max_bytes: 100 * 1024 * 1024,
        }
    }
}

/// Containers round durations; a clip stated as 10.02 s is a 10 s clip.
const DURATION_TOLERANCE: f64 = 0.05;

impl EditLimits {
    pub fn check(
        &self,
        info: &MediaInfo,
        video: &VideoStreamInfo,
        bytes: u64,
    ) -> Result<(), String> {
        let duration = info.video_duration_seconds();
        if duration + DURATION_TOLERANCE < self.min_duration_seconds
            || duration - DURATION_TOLERANCE > self.max_duration_seconds
        {
            return Err(format!(
                "the video is {duration:.2} s long; it must be {}-{} s",
                self.min_duration_seconds, self.max_duration_seconds
            ));
        }
        for (side, value) in [("width", video.width), ("height", video.height)] {
            if value < self.min_side || value > self.max_side {
                return Err(format!(
                    "the video {side} is {value} px; sides must be {}-{} px",
                    self.min_side, self.max_side
                ));
            }
        }
        let (long, short) = (video.width.max(video.height), video.width.min(video.height));
        if f64::from(long) > self.max_aspect * f64::from(short) {
            return Err(format!(
                "the video is {}x{}; the aspect ratio must be within 1:{max}..{max}:1",
                video.width,
                video.height,
                max = self.max_aspect
            ));
        }
        if bytes > self.max_bytes {
            return Err(format!(
                "the video is {bytes} bytes; at most {} bytes are accepted",
                self.max_bytes
            ));
        }
        Ok(())
    }
}

pub struct EditEngine {
    media: Media,
    limits: EditLimits,
    /// The person segmentation models, when installed (`scripts/fetch-models.sh`).
    people: Option<PersonModels>,
}

impl EditEngine {
    pub fn new(media: Media) -> Self {
        Self::with_limits(media, EditLimits::default())
    }

    pub fn with_limits(media: Media, limits: EditLimits) -> Self {
        Self {
            media,
            limits,
            people: None,
        }
    }

    /// Lets shots the background model cannot separate fall back to person segmentation.
    pub fn with_person_models(mut self, people: Option<PersonModels>) -> Self {
        self.people = people;
        self
    }
}

/// The fields of `wan27VideoeditParams` this engine reads (the API validated them).
#[derive(Debug, Default, Deserialize)]
struct EditParams {
    negative_prompt: Option<String>,
    resolution: Option<String>,
    aspect_ratio: Option<String>,
    duration: Option<f64>,
    audio_setting: Option<String>,
    seed: Option<serde_json::Number>,
}

/// Without `resolution`, the hosted model's default.
const DEFAULT_RESOLUTION: &str = "1080p";

struct Settings {
    short_side: u32,
    aspect: Option<(u32, u32)>,
    duration: Option<f64>,
    keep_audio_by_request: bool,
    seed: u64,
}

impl EditParams {
    fn settings(&self, job_id: &str) -> Result<Settings, EngineError> {
        let invalid =
            |what: &str| EngineError::InvalidInput(format!("invalid wan27VideoeditParams.{what}"));
        let short_side =
            geometry::short_side(self.resolution.as_deref().unwrap_or(DEFAULT_RESOLUTION))
                .ok_or_else(|| invalid("resolution"))?;
        let aspect = geometry::aspect(self.aspect_ratio.as_deref().unwrap_or("auto"))
            .ok_or_else(|| invalid("aspect_ratio"))?;
        let keep_audio_by_request = match self.audio_setting.as_deref().unwrap_or("auto") {
            "auto" => false,
            "origin" => true,
            _ => return Err(invalid("audio_setting")),
        };
        // Any integer is a valid seed; without one, the job id makes retries reproducible.
        let seed = match &self.seed {
            Some(number) => number
                .as_i64()
                .map(|n| n as u64)
                .or_else(|| number.as_u64())
                .ok_or_else(|| invalid("seed"))?,
            None => job_id.bytes().fold(0u64, |h, b| hash64(h ^ u64::from(b))),
        };
        if self.duration.is_some_and(|d| !d.is_finite() || d <= 0.0) {
            return Err(invalid("duration"));
        }
        Ok(Settings {
            short_side,
            aspect,
            duration: self.duration,
            keep_audio_by_request,
            seed,
        })
    }
}

#[async_trait]
impl Engine for EditEngine {
    fn model(&self) -> &'static str {
        MODEL
    }

    async fn run(
        &self,
        input: EngineInput,
        ctx: EngineContext,
    ) -> Result<EngineOutput, EngineError> {
        let result = self.edit(&input, &ctx).await;
        if let Err(err) = &result {
            tracing::info!(job_id = %input.job_id, error = %err, "edit failed");
            // A half-written MP4 must not be mistaken for a result.
            let _ = tokio::fs::remove_file(&input.output_path).await;
        }
        result
    }
}

/// Whether the first pass looks for the subject.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Locate {
    /// Only samples (a white balance alone).
    No,
    /// For a crop that follows the subject; without one it stays centred.
    IfSeparable,
    /// For subject-aware edits: a clip with no separable subject fails the job.
    Required,
}

/// What the first pass found.
struct Analysis {
    /// The clip's shots and their background models (empty unless the subject was looked
    /// for).
    shots: Vec<Shot>,
    summary: Option<SubjectSummary>,
    /// Samples taken without looking for the subject (a white balance alone; no masks).
    /// When the subject was looked for, each shot holds its own.
    samples: Vec<(Sample, Vec<u8>)>,
}

impl Analysis {
    /// Colours only, without looking for the subject (no samples at all when nothing needs
    /// a first pass).
    fn colours(samples: Vec<Sample>) -> Analysis {
        Analysis {
            shots: Vec::new(),
            summary: None,
            samples: samples
                .into_iter()
                .map(|sample| (sample, Vec::new()))
                .collect(),
        }
    }

    /// Every sample, with its foreground mask where the subject was looked for.
    fn samples(&self) -> impl Iterator<Item = &(Sample, Vec<u8>)> + Clone {
        self.samples
            .iter()
            .chain(self.shots.iter().flat_map(|shot| &shot.samples))
    }

    /// The clip's mid-tone from the samples (mid-grey without any).
    fn tone_key(&self) -> ToneKey {
        ToneKey::measure(self.samples().map(|(sample, _)| &sample.y[..]))
    }
}

/// Samples with their masks, as the key finder takes them.
fn pairs<'a>(
    samples: &'a [(&'a Sample, Vec<u8>)],
) -> impl Iterator<Item = (&'a Sample, &'a [u8])> + 'a {
    samples
        .iter()
        .map(|(sample, mask)| (*sample, mask.as_slice()))
}

/// Key frames enough for a colour cast: each is a whole picture of the clip (tens of
/// thousands of samples). On the benchmark clip (10 s of Megamind, 4 key frames at its scene
/// cuts) they measured the same cast as 40 frames spread over it, within 0.25 code values.
const MIN_KEY_FRAME_SAMPLES: usize = 4;

/// Long side, in pixels, of the frames a skimming first pass reads (halved again into its
/// samples): plenty of near-grey votes for a colour cast, little to pipe.
const SKIM_LONG_SIDE: u32 = 640;

/// The size a skimming decode scales the canvas to: at most [`SKIM_LONG_SIDE`] on the long
/// side, aspect kept, even sides (the samples halve it).
fn skim_format(canvas: FrameFormat) -> FrameFormat {
    let long = canvas.width.max(canvas.height);
    let even = |side: u32| -> u32 {
        let scaled = if long > SKIM_LONG_SIDE {
            (u64::from(side) * u64::from(SKIM_LONG_SIDE) / u64::from(long)) as u32
        } else {
            side
        };
        (scaled & !1).max(2)
    };
    FrameFormat::new(even(canvas.width), even(canvas.height))
}

/// Keeps an even spread of at most [`MAX_SAMPLES`] items from a stream whose length is not
/// known in advance, holding at most twice that many at any time: every item is kept until
/// the store is full, then every other one is dropped and only every second later item is
/// taken, and so on.
#[derive(Debug)]
struct Thinning<T> {
    kept: Vec<T>,
    stride: u64,
    seen: u64,
}

impl<T> Default for Thinning<T> {
    fn default() -> Self {
        Self {
            kept: Vec::new(),
            stride: 1,
            seen: 0,
        }
    }
}

impl<T> Thinning<T> {
    /// Whether the next item of the stream is to be kept; counts it either way.
    fn keeps_next(&mut self) -> bool {
        let keep = self.seen.is_multiple_of(self.stride);
        self.seen += 1;
        keep
    }

    fn push(&mut self, item: T) {
        self.kept.push(item);
        if self.kept.len() == 2 * MAX_SAMPLES {
            let mut index = 0;
            self.kept.retain(|_| {
                index += 1;
                index % 2 == 1
            });
            self.stride *= 2;
        }
    }

    /// At most [`MAX_SAMPLES`] of the kept items, evenly spaced.
    fn finish(self) -> Vec<T> {
        even_spread(self.kept, MAX_SAMPLES)
    }
}

/// At most `max` of `items`, spread evenly over them (the first always kept).
fn even_spread<T>(items: Vec<T>, max: usize) -> Vec<T> {
    let total = items.len();
    if total <= max {
        return items;
    }
    let wanted: BTreeSet<usize> = (0..max).map(|i| i * total / max).collect();
    items
        .into_iter()
        .enumerate()
        .filter(|(index, _)| wanted.contains(index))
        .map(|(_, item)| item)
        .collect()
}

impl EditEngine {
    async fn edit(
        &self,
        input: &EngineInput,
        ctx: &EngineContext,
    ) -> Result<EngineOutput, EngineError> {
        let params: EditParams = serde::Deserialize::deserialize(&input.params).map_err(|err| {
            EngineError::InvalidInput(format!("invalid wan27VideoeditParams: {err}"))
        })?;
        let settings = params.settings(&input.job_id)?;
        let prompt = input
            .prompt
            .as_deref()
            .ok_or_else(|| EngineError::InvalidInput("an edit needs a prompt".into()))?;
        let plan = compile(
            prompt,
            params.negative_prompt.as_deref(),
            input.reference_image_path.is_some(),
        )
        .map_err(|err| EngineError::InvalidInput(err.to_string()))?;
        if let Some(conflict) = plan
            .aspect_conflict(params.aspect_ratio.as_deref())
            .or_else(|| plan.duration_conflict(settings.duration))
        {
            return Err(EngineError::InvalidInput(conflict));
        }
        // "Crop to 9:16" in the prompt, where the request left the shape to it.
        let aspect = settings.aspect.or_else(|| {
            plan.aspect_ratio
                .as_deref()
                .and_then(geometry::prompt_aspect)
        });

        let info = self
            .media
            .probe_cancellable(&input.video_path, &ctx.cancel)
            .await
            .map_err(EngineError::from_media)?;
        let video = info
            .require_video()
            .map_err(EngineError::from_media)?
            .clone();
        let bytes = tokio::fs::metadata(&input.video_path)
            .await
            .map_err(|err| EngineError::Internal(format!("cannot read the input: {err}")))?
            .len();
        self.limits
            .check(&info, &video, bytes)
            .map_err(EngineError::InvalidInput)?;

        let rate = video.frame_rate();
        let mut seconds = info.video_duration_seconds();
        // ("Trim it to 8 seconds" in the prompt, where the request left the length to it.)
        if let Some(limit) = plan.duration(settings.duration) {
            seconds = seconds.min(limit);
        }
        let frames = (seconds * rate.as_f64()).round() as u64;
        if frames == 0 {
            return Err(EngineError::InvalidInput(
                "the video is too short to produce a frame".into(),
            ));
        }
        let mut geometry = Geometry::new(video.width, video.height, settings.short_side, aspect);
        let decode = DecoderOptions {
            filter: Some(
                self.media
                    .scale_filter(geometry.canvas_width, geometry.canvas_height)
                    .await
                    .map_err(EngineError::from_media)?,
            ),
            format: FrameFormat::new(geometry.canvas_width, geometry.canvas_height),
            ..self
                .media
                .decoder_for(&input.video_path, &video, false)
                .await
                .map_err(EngineError::from_media)?
        };

        let needs_mask = plan.needs_subject_mask();
        let locate = if needs_mask {
            Locate::Required
        } else if geometry.crops() {
            Locate::IfSeparable
        } else {
            Locate::No
        };
        // A change of contrast pivots on the clip's mid-tone, which the skim measures too.
        let pivots = ToneKey::matters_for(
            plan.operations()
                .filter(|operation| operation.stage() == Stage::Colour),
        );
        let first_pass = locate != Locate::No || plan.needs_white_balance() || pivots;
        let mut progress = Progress::new(ctx.progress.clone(), if first_pass { 15 } else { 0 });
        let keep_audio = settings.keep_audio_by_request || !mutes_audio(&plan);
        let main_pass = MainPass {
            input,
            info: &info,
            decode: &decode,
            output: geometry.output_format(),
            rate,
            frames,
            keep_audio,
        };
        let mut started = None;
        let analysis = if locate != Locate::No {
            let factor = geometry.analysis_factor as usize;
            self.analyse(&decode, factor, frames, locate, ctx, &mut progress)
                .await?
        } else if first_pass {
            // A white balance or a pivot alone skims the key frames' colours, and nothing it finds
            // changes the main pass's processes: they start first and get ready while the
            // skim runs (starting ffmpeg is most of a skim's time).
            let (group, pipeline) = self.start(&main_pass, 3, ctx).await?;
            let samples = match self.skim(&group, &decode, frames, ctx, &mut progress).await {
                Ok(samples) => samples,
                Err(err) => {
                    pipeline.abort().await;
                    return Err(err);
                }
            };
            started = Some((group, pipeline));
            Analysis::colours(samples)
        } else {
            Analysis::colours(Vec::new())
        };
        if let Some(summary) = &analysis.summary {
            if geometry.crops() {
                geometry.centre_on(summary.bounds);
            }
        }
        // Where a change of contrast pivots, for the whole picture and for a region's grade.
        let tone_key = analysis.tone_key();
        let subject = if needs_mask {
            Some(
                self.subject_edits(&plan, &analysis, &tone_key, &geometry, input, ctx)
                    .await?,
            )
        } else {
            None
        };
        let recolour_keys = subject
            .as_ref()
            .map(Subject::recolour_keys)
            .unwrap_or_default();
        let cast = if plan.needs_white_balance() {
            ColourCast::measure(
                analysis
                    .samples()
                    .map(|(sample, _)| (&sample.y[..], &sample.u[..], &sample.v[..])),
            )
        } else {
            None
        };
        // A crop that cannot hold the whole subject keeps its face (`framing.rs`).
        let faces = if geometry.crops() {
            self.face_detector().map(|mut detector| {
                analysis
                    .shots
                    .iter()
                    .map(|shot| {
                        shot.samples
                            .iter()
                            .map(|(sample, mask)| {
                                detector
                                    .detect(sample, mask)
                                    .into_iter()
                                    .max_by(|a, b| (a.w * a.h).total_cmp(&(b.w * b.h)))
                            })
                            .collect::<Vec<_>>()
                    })
                    .collect::<Vec<_>>()
            })
        } else {
            None
        };
        let path = CropPath::plan(
            &geometry,
            &analysis.shots,
            faces.as_deref(),
            frames,
            rate.as_f64(),
        );
        let crop = geometry
            .crops()
            .then(|| crop_report(&geometry, path.as_ref()));
        let mut renderer = Renderer::new(
            &plan,
            geometry,
            settings.seed,
            subject,
            cast.as_ref(),
            tone_key,
        );
        if let Some(path) = path {
            renderer = renderer.following(path);
        }
        tracing::info!(
            job_id = %input.job_id,
            operations = plan.operations.len(),
            output = %format!("{}x{}@{rate}", geometry.width, geometry.height),
            frames,
            "editing"
        );

        debug_assert_eq!(renderer.output_format(), main_pass.output);
        let (group, pipeline) = match started {
            Some(started) => started,
            None => self.start(&main_pass, 2, ctx).await?,
        };
        let written = pump(pipeline, renderer, frames, ctx, &mut progress).await?;
        drop(group);

        let mut extra = serde_json::Map::new();
        extra.insert(
            "plan".into(),
            serde_json::to_value(&plan).map_err(|err| EngineError::Internal(err.to_string()))?,
        );
        extra.insert("seed".into(), settings.seed.into());
        extra.insert("sourceWidth".into(), video.width.into());
        extra.insert("sourceHeight".into(), video.height.into());
        if let Some(crop) = crop {
            extra.insert("crop".into(), crop);
        }
        if let Some(summary) = &analysis.summary {
            extra.insert("subjectCoverage".into(), f64::from(summary.coverage).into());
        }
        if plan.needs_subject_mask() {
            // Where the background model restarted (cuts), whether it followed a moving
            // camera and over how much ground (the canvas's area over the frame's), and which
            // brief shots were left without the subject edit, so a weak mask can be told apart.
            let fps = rate.as_f64().max(1.0);
            let shots: Vec<serde_json::Value> = analysis
                .shots
                .iter()
                .enumerate()
                .map(|(index, shot)| {
                    let matting = match shot.matting {
                        Matting::Background(_) => "background",
                        Matting::Person => "person",
                        Matting::None => "none",
                    };
                    let mut entry = serde_json::json!({
                        "start": shot.start as f64 / fps,
                        "end": (shot.start + shot.frames) as f64 / fps,
                        "subjectEdited": !matches!(shot.matting, Matting::None),
                        "matting": matting,
                    });
                    // Which colour each recolour keyed on in this shot (none: the shot was
                    // left as it is), so a garment other than the one meant can be seen.
                    if !recolour_keys.is_empty() {
                        entry["recolourKeys"] = recolour_keys
                            .iter()
                            .map(|per_shot| {
                                per_shot
                                    .get(index)
                                    .copied()
                                    .flatten()
                                    .map_or(serde_json::Value::Null, |rgb| rgb.to_vec().into())
                            })
                            .collect::<Vec<_>>()
                            .into();
                    }
                    if let Some(background) = shot.background() {
                        entry["cameraMoved"] = background.moving.into();
                        if background.moving {
                            entry["cameraTravel"] = f64::from(background.canvas_to_frame()).into();
                        }
                    }
                    entry
                })
                .collect();
            let backgrounds = || analysis.shots.iter().filter_map(Shot::background);
            extra.insert(
                "cameraMoved".into(),
                backgrounds().any(|background| background.moving).into(),
            );
            if let Some(travel) = backgrounds()
                .filter(|background| background.moving)
                .map(Background::canvas_to_frame)
                .max_by(f32::total_cmp)
            {
                extra.insert("cameraTravel".into(), f64::from(travel).into());
            }
            extra.insert("shots".into(), shots.into());
        }
        if plan.needs_white_balance() {
            // What was removed, so a user can see why a clip changed little or not at all.
            let measured = match &cast {
                Some(cast) => {
                    let (cb, cr) = cast.mean();
                    serde_json::json!({"castCb": cb, "castCr": cr})
                }
                None => serde_json::json!({
                    "castCb": 0.0,
                    "castCr": 0.0,
                    "note": "no reliable grey in the clip to measure a colour cast from; colours left as they were"
                }),
            };
            extra.insert("whiteBalance".into(), measured);
        }
        extra.insert("audioKept".into(), (keep_audio && info.has_audio()).into());
        let output = EngineOutput::measure(&self.media, &input.output_path, written, extra).await?;
        progress.done();
        Ok(output)
    }

    /// The first pass where the subject is looked for: samples every frame, builds the
    /// background model and checks the subject.
    async fn analyse(
        &self,
        decode: &DecoderOptions,
        factor: usize,
        frames: u64,
        locate: Locate,
        ctx: &EngineContext,
        progress: &mut Progress,
    ) -> Result<Analysis, EngineError> {
        // Every frame is reduced to the analysis grid: the cuts are found between neighbours.
        let mut sampler = ShotSampler::default();
        self.for_each_frame(decode.clone(), frames, ctx, |index, frame| {
            sampler.push(frame, factor);
            progress.first_pass(index + 1, frames);
        })
        .await?;
        let shots = sampler.finish();
        if shots.is_empty() {
            return Err(EngineError::InvalidInput(
                "no video frames could be decoded".into(),
            ));
        }
        let fps = decode.rate.as_f64();
        let people = self.people.clone();
        let models = blocking(move || model_shots(shots, fps, people.as_ref())).await?;
        let summary = match models.summary {
            Ok(summary) => Some(summary),
            Err(reason) if locate == Locate::Required => {
                return Err(EngineError::InvalidInput(reason))
            }
            Err(_) => None,
        };
        Ok(Analysis {
            shots: models.shots,
            summary,
            samples: Vec::new(),
        })
    }

    /// Samples a clip's colours cheaply, for statistics that need no frame timing and no
    /// full-size pixels (the colour cast). Key frames alone, where the clip has at least
    /// [`MIN_KEY_FRAME_SAMPLES`] of them (most camera footage has one every second or two);
    /// otherwise the reference frames, B-frames skipped. Either way ffmpeg scales them down
    /// and decodes without deblocking, and at most [`MAX_SAMPLES`] are kept, spread evenly
    /// over the clip. A full-size first pass cost a white balance a third of the ffmpeg floor;
    /// key frames cost a twentieth.
    async fn skim(
        &self,
        group: &ProcessGroup,
        decode: &DecoderOptions,
        frames: u64,
        ctx: &EngineContext,
        progress: &mut Progress,
    ) -> Result<Vec<Sample>, EngineError> {
        let key_frames = self
            .skim_with(group, decode, Skim::KeyFrames, frames, ctx, progress)
            .await?;
        if key_frames.len() >= MIN_KEY_FRAME_SAMPLES {
            return Ok(key_frames);
        }
        let samples = self
            .skim_with(group, decode, Skim::ReferenceFrames, frames, ctx, progress)
            .await?;
        if samples.is_empty() {
            return Err(EngineError::InvalidInput(
                "no video frames could be decoded".into(),
            ));
        }
        Ok(samples)
    }

    async fn skim_with(
        &self,
        group: &ProcessGroup,
        decode: &DecoderOptions,
        skim: Skim,
        frames: u64,
        ctx: &EngineContext,
        progress: &mut Progress,
    ) -> Result<Vec<Sample>, EngineError> {
        let format = skim_format(decode.format);
        let options = DecoderOptions {
            filter: Some(format!(
                "scale={}:{}:flags=area,setsar=1",
                format.width, format.height
            )),
            format,
            skim,
            ..decode.clone()
        };
        let mut thinning = Thinning::default();
        read_frames(group, options, u64::MAX, ctx, |index, frame| {
            if thinning.keeps_next() {
                thinning.push(Sample::from_frame(frame, 2));
            }
            // Skipped frames never arrive: count what came against the whole clip and
            // let the main pass take over the bar from wherever this stops.
            progress.first_pass(index + 1, frames);
        })
        .await?;
        Ok(thinning.finish())
    }

    /// Starts the main pass's processes in a group of `slots` (more when another process
    /// will run beside them from the same group).
    async fn start(
        &self,
        main_pass: &MainPass<'_>,
        slots: usize,
        ctx: &EngineContext,
    ) -> Result<(ProcessGroup, Pipeline), EngineError> {
        let group = self
            .media
            .process_group(slots, &ctx.cancel)
            .await
            .map_err(EngineError::from_media)?;
        let pipeline = main_pass.start(&group)?;
        Ok((group, pipeline))
    }

    /// [`read_frames`] with a process slot of its own.
    async fn for_each_frame(
        &self,
        options: DecoderOptions,
        limit: u64,
        ctx: &EngineContext,
        each: impl FnMut(u64, &Frame),
    ) -> Result<(), EngineError> {
        let group = self
            .media
            .process_group(1, &ctx.cancel)
            .await
            .map_err(EngineError::from_media)?;
        read_frames(&group, options, limit, ctx, each).await
    }

    /// Builds the subject-aware edits of the plan from what the first pass measured.
    async fn subject_edits(
        &self,
        plan: &EditPlan,
        analysis: &Analysis,
        tone_key: &ToneKey,
        geometry: &Geometry,
        input: &EngineInput,
        ctx: &EngineContext,
    ) -> Result<Subject, EngineError> {
        let output = FrameFormat::new(geometry.width, geometry.height);
        let mut edits = Vec::new();
        // Made for the first recolour that keeps to or off the heads, not for every job.
        let mut faces: Option<FaceDetector> = None;
        for operation in plan.operations() {
            match operation {
                Operation::ReplaceBackground { backdrop } => {
                    let mut frame = Frame::new(output);
                    let edit = match backdrop {
                        Backdrop::Colour { colour } => {
                            colour_frame(&mut frame, colour.rgb);
                            SubjectEdit::Backdrop(frame)
                        }
                        Backdrop::Gradient { top, bottom } => {
                            gradient_frame(&mut frame, top.rgb, bottom.rgb);
                            SubjectEdit::Backdrop(frame)
                        }
                        Backdrop::ReferenceImage { blur, .. } => {
                            let path = reference_path(input)?;
                            let mut image = self.load_image(path, output, ctx).await?;
                            if let Some(strength) = blur {
                                composite::defocus_frame(
                                    &mut image,
                                    blur_radius(*strength, geometry),
                                );
                            }
                            SubjectEdit::Backdrop(image)
                        }
                        Backdrop::Blur { strength } => {
                            // Each shot's clean plate is put in when the main pass enters it.
                            let radius = blur_radius(*strength, geometry);
                            SubjectEdit::BlurredBackdrop(
                                Box::new(BackgroundBlur::new(radius, Frame::new(output))),
                                None,
                            )
                        }
                        Backdrop::BlackAndWhite => SubjectEdit::GreyBackground,
                        Backdrop::Graded { operations } => {
                            match ColourTransform::measured(operations, None, tone_key) {
                                Some(transform) => SubjectEdit::Graded(Box::new(
                                    RegionGrade::background(transform),
                                )),
                                None => continue,
                            }
                        }
                    };
                    edits.push(edit);
                }
                Operation::GradeSubject { operations } => {
                    if let Some(transform) = ColourTransform::measured(operations, None, tone_key) {
                        edits.push(SubjectEdit::Graded(Box::new(RegionGrade::subject(
                            transform,
                        ))));
                    }
                }
                Operation::Recolour {
                    item,
                    source,
                    target: target_kind,
                } => {
                    let paint = match target_kind {
                        RecolourTarget::Adjusted {
                            saturation,
                            brightness,
                        } => Paint::Adjusted(*saturation, *brightness),
                        RecolourTarget::Colour { colour } => {
                            Paint::Colour(TargetColour { rgb: colour.rgb })
                        }
                        RecolourTarget::ReferenceImage => {
                            let path = reference_path(input)?;
                            let small =
                                self.load_image(path, FrameFormat::new(64, 64), ctx).await?;
                            let sample = Sample::from_frame(&small, 2);
                            let rgb = dominant_colour(&sample).ok_or_else(|| {
                                EngineError::InvalidInput(
                                    "the reference image has no distinct colour to recolour with"
                                        .into(),
                                )
                            })?;
                            Paint::Colour(TargetColour { rgb })
                        }
                    };
                    // Clothes are looked for off the heads, hats on them (`faces.rs`).
                    let region = Region::of_item(item);
                    let recolour = |key| match paint {
                        Paint::Colour(target) => Recolour::new(key, target, region),
                        Paint::Adjusted(saturation, brightness) => {
                            Recolour::adjusted(key, saturation, brightness, region)
                        }
                    };
                    if region != Region::Anywhere && faces.is_none() {
                        faces = self.face_detector();
                    }
                    let restricted: Vec<Vec<(&Sample, Vec<u8>)>> = analysis
                        .shots
                        .iter()
                        .map(|shot| restrict_masks(&shot.samples, region, faces.as_mut()))
                        .collect();
                    // A named colour is one key for the whole clip, left out of shots where
                    // it is only specks. The dominant colour is each shot's own: a clip
                    // cutting between two people in differently coloured clothes has no one
                    // dominant colour (Megamind's dialogue: taken over the clip, his blue
                    // sweater, and her purple dress was never changed).
                    let per_shot: Vec<Option<Recolour>> = match source {
                        RecolourSource::Colour { colour } => {
                            let all = restricted.iter().flat_map(|shot| pairs(shot));
                            let key = find_key(all, Some(colour), item)
                                .map_err(EngineError::InvalidInput)?;
                            let recolour = recolour(key);
                            restricted
                                .iter()
                                .map(|shot| {
                                    key_found(recolour.key(), pairs(shot)).then(|| recolour.clone())
                                })
                                .collect()
                        }
                        RecolourSource::Dominant => {
                            let keys: Vec<Result<_, String>> = restricted
                                .iter()
                                .map(|shot| find_key(pairs(shot), None, item))
                                .collect();
                            if !keys.iter().any(Result::is_ok) {
                                let reason = keys.into_iter().find_map(Result::err);
                                return Err(EngineError::InvalidInput(reason.unwrap_or_else(
                                    || format!("no {item} found: the subject was not seen"),
                                )));
                            }
                            keys.into_iter()
                                .map(|key| key.ok().map(&recolour))
                                .collect()
                        }
                    };
                    edits.push(SubjectEdit::Recolour(per_shot));
                }
                _ => {}
            }
        }
        Ok(Subject::new(
            &analysis.shots,
            edits,
            self.people.as_ref(),
            faces,
            geometry,
        ))
    }

    /// Checked when the models were loaded; without the file heads are not looked for.
    fn face_detector(&self) -> Option<FaceDetector> {
        let bytes = self.people.as_ref()?.faces.as_ref()?;
        FaceDetector::new(bytes).ok()
    }

    /// Decodes a still image scaled to cover `format` and centre-cropped to it.
    async fn load_image(
        &self,
        path: &Path,
        format: FrameFormat,
        ctx: &EngineContext,
    ) -> Result<Frame, EngineError> {
        let (w, h) = (format.width, format.height);
        let options = DecoderOptions {
            input: path.to_owned(),
            stream_index: None,
            rate: Rational::integer(25),
            format,
            filter: Some(format!(
                "scale={w}:{h}:force_original_aspect_ratio=increase:flags=lanczos:out_color_matrix=bt709:out_range=tv,crop={w}:{h},setsar=1"
            )),
            source: None,
            skim: Skim::Off,
        };
        let group = self
            .media
            .process_group(1, &ctx.cancel)
            .await
            .map_err(EngineError::from_media)?;
        let mut decoder: Decoder = group
            .spawn_decoder(options)
            .map_err(EngineError::from_media)?;
        let mut frame = Frame::new(format);
        let read = decoder.next_frame(&mut frame).await;
        decoder.close().await;
        match read {
            Ok(true) => Ok(frame),
            Ok(false) => Err(EngineError::InvalidInput(
                "the reference image holds no picture".into(),
            )),
            Err(MediaError::Cancelled) => Err(EngineError::Cancelled),
            Err(err) if err.is_client_error() => Err(EngineError::InvalidInput(format!(
                "the reference image cannot be decoded: {err}"
            ))),
            Err(err) => Err(EngineError::from_media(err)),
        }
    }
}

/// Decodes up to `limit` frames, handing each to `each` with its index. Cancellation is
/// checked before every frame, and the decoder is closed whatever happens.
async fn read_frames(
    group: &ProcessGroup,
    options: DecoderOptions,
    limit: u64,
    ctx: &EngineContext,
    mut each: impl FnMut(u64, &Frame),
) -> Result<(), EngineError> {
    let format = options.format;
    let mut decoder = group
        .spawn_decoder(options)
        .map_err(EngineError::from_media)?;
    let mut frame = Frame::new(format);
    let read = async {
        for index in 0..limit {
            if ctx.cancel.is_cancelled() {
                return Err(EngineError::Cancelled);
            }
            if !decoder
                .next_frame(&mut frame)
                .await
                .map_err(EngineError::from_media)?
            {
                break;
            }
            each(index, &frame);
        }
        Ok(())
    }
    .await;
    decoder.close().await;
    read
}

/// What the main pass's decoder and encoder are started with.
struct MainPass<'a> {
    input: &'a EngineInput,
    info: &'a MediaInfo,
    decode: &'a DecoderOptions,
    output: FrameFormat,
    rate: Rational,
    frames: u64,
    keep_audio: bool,
}

/// The main pass's two processes, started.
struct Pipeline {
    decoder: Decoder,
    encoder: Encoder,
}

impl MainPass<'_> {
    fn start(&self, group: &ProcessGroup) -> Result<Pipeline, EngineError> {
        let decoder = group
            .spawn_decoder(self.decode.clone())
            .map_err(EngineError::from_media)?;
        let audio = if self.keep_audio {
            AudioSource::from_probe(&self.input.video_path, self.info)
        } else {
            None
        };
        let encoder = group
            .spawn_encoder(EncoderOptions {
                audio,
                frame_count: Some(self.frames),
                ..EncoderOptions::new(&self.input.output_path, self.output, self.rate)
            })
            .map_err(EngineError::from_media)?;
        Ok(Pipeline { decoder, encoder })
    }
}

impl Pipeline {
    async fn abort(self) {
        self.decoder.close().await;
        self.encoder.abort().await;
    }
}

/// The main pass: every frame from the decoder through `renderer` to the encoder.
async fn pump(
    pipeline: Pipeline,
    renderer: Renderer,
    frames: u64,
    ctx: &EngineContext,
    progress: &mut Progress,
) -> Result<u64, EngineError> {
    let Pipeline {
        mut decoder,
        mut encoder,
    } = pipeline;
    let format = decoder.format();
    let mut state = Some((renderer, Frame::new(format), Frame::new(format)));
    let pumped = async {
        let mut decoded = 0u64;
        for index in 0..frames {
            if ctx.cancel.is_cancelled() {
                return Err(EngineError::Cancelled);
            }
            let (mut renderer, mut canvas, mut out) =
                state.take().expect("state is returned every frame");
            // A stream that ends a frame early repeats its last picture, so the output keeps
            // the promised length and the audio stays in sync.
            if decoded == index
                && decoder
                    .next_frame(&mut canvas)
                    .await
                    .map_err(EngineError::from_media)?
            {
                decoded += 1;
            }
            if decoded == 0 {
                return Err(EngineError::InvalidInput(
                    "no video frames could be decoded".into(),
                ));
            }
            let (renderer, canvas, out) = blocking(move || {
                renderer.render(&canvas, &mut out, index);
                (renderer, canvas, out)
            })
            .await?;
            encoder
                .write_frame(&out)
                .await
                .map_err(EngineError::from_media)?;
            state = Some((renderer, canvas, out));
            progress.main_pass(index + 1, frames);
        }
        Ok(())
    }
    .await;
    decoder.close().await;
    match pumped {
        Ok(()) => encoder.finish().await.map_err(EngineError::from_media)?,
        Err(err) => {
            encoder.abort().await;
            return Err(err);
        }
    }
    Ok(frames)
}

/// `result.crop`: the window's size and where it sits; for a window that follows the
/// subject, where it starts and the range it moves over.
fn crop_report(geometry: &Geometry, path: Option<&CropPath>) -> serde_json::Value {
    let mut report = serde_json::json!({"x": geometry.crop_x, "y": geometry.crop_y, "width": geometry.width, "height": geometry.height, "fromWidth": geometry.canvas_width, "fromHeight": geometry.canvas_height, "follows": false});
    if let Some(path) = path.filter(|path| path.moves()) {
        let (x, y) = path.at(0);
        let ((x0, x1), (y0, y1)) = path.range();
        report["x"] = x.into();
        report["y"] = y.into();
        report["follows"] = true.into();
        report["xRange"] = serde_json::json!([x0, x1]);
        report["yRange"] = serde_json::json!([y0, y1]);
    }
    report
}

/// What a recolour paints a garment with: a new colour, or its own adjusted.
#[derive(Clone, Copy)]
enum Paint {
    Colour(TargetColour),
    /// Saturation and brightness, as in [`RecolourTarget::Adjusted`].
    Adjusted(f32, f32),
}

/// A defocus's radius for a strength (0..1) at the output's size: the same blur a 720p and
/// a 1080p output of one clip.
fn blur_radius(strength: f32, geometry: &Geometry) -> usize {
    let scale = geometry.width.min(geometry.height) as f32 / 720.0;
    (((5.0 + 14.0 * strength) * scale).round() as usize).max(2)
}

fn reference_path(input: &EngineInput) -> Result<&Path, EngineError> {
    input
        .reference_image_path
        .as_deref()
        .ok_or_else(|| EngineError::InvalidInput("this edit needs a reference_image".into()))
}

/// The median background, upsampled to the output window: what the scene looks like
/// without the subject.
pub(crate) fn clean_plate(background: &Background, geometry: &Geometry) -> Frame {
    background_frame(
        background,
        geometry.analysis_factor as f32,
        FrameFormat::new(geometry.width, geometry.height),
        (geometry.crop_x as f32, geometry.crop_y as f32),
    )
}

/// The background model upsampled to a frame of `format`, whose top-left sits at `origin`
/// in output pixels of the model's canvas, `factor` output pixels per analysis pixel.
fn background_frame(
    background: &Background,
    factor: f32,
    format: FrameFormat,
    origin: (f32, f32),
) -> Frame {
    let planes = background.planes();
    let mut frame = Frame::new(format);
    let (py, pu, pv) = frame.planes_mut();
    let (bw, bh) = (background.width, background.height);
    let (x, y) = origin;
    upsample_plane(
        planes.0,
        bw,
        bh,
        factor,
        x,
        y,
        py,
        format.width as usize,
        format.height as usize,
    );
    let (cw, ch) = (
        format.chroma_width() as usize,
        format.chroma_height() as usize,
    );
    upsample_plane(planes.1, bw, bh, factor / 2.0, x / 2.0, y / 2.0, pu, cw, ch);
    upsample_plane(planes.2, bw, bh, factor / 2.0, x / 2.0, y / 2.0, pv, cw, ch);
    frame
}

/// A moving camera's clean plate: the whole canvas's background at output scale, built once,
/// from which each frame's plate is cut where the frame sits (to the nearest even output
/// pixel: under the blur the rest does not show).
pub(crate) struct CanvasPlate {
    full: Frame,
    factor: f32,
}

impl CanvasPlate {
    pub(crate) fn new(background: &Background, geometry: &Geometry) -> Self {
        let factor = geometry.analysis_factor as f32;
        let size = |cells: usize| ((cells as f32 * factor) as u32) & !1;
        let format = FrameFormat::new(size(background.width), size(background.height));
        Self {
            full: background_frame(background, factor, format, (0.0, 0.0)),
            factor,
        }
    }

    /// Copies the plate behind a frame at canvas `offset` into `out` (the output's size).
    pub(crate) fn cut(&self, geometry: &Geometry, offset: (f32, f32), out: &mut Frame) {
        let full = self.full.format();
        let window = out.format();
        if full.width < window.width || full.height < window.height {
            // Rounding left the canvas a pixel short: keep the plate there is.
            return;
        }
        let start = |crop: u32, offset: f32, room: u32| -> usize {
            let at = (crop as f32 + offset * self.factor).round() as i64;
            (at.clamp(0, i64::from(room)) as usize) & !1
        };
        let x0 = start(
            geometry.crop_x,
            offset.0,
            full.width.saturating_sub(window.width),
        );
        let y0 = start(
            geometry.crop_y,
            offset.1,
            full.height.saturating_sub(window.height),
        );
        render::copy_window(&self.full, out, x0, y0);
    }
}

#[allow(clippy::too_many_arguments)]
fn upsample_plane(
    src: &[u8],
    sw: usize,
    sh: usize,
    factor: f32,
    ox: f32,
    oy: f32,
    dst: &mut [u8],
    width: usize,
    height: usize,
) {
    let values: Vec<f32> = src.iter().map(|&v| f32::from(v)).collect();
    for y in 0..height {
        let cy = ((y as f32 + oy + 0.5) / factor - 0.5).clamp(0.0, (sh - 1) as f32);
        let (y0, wy) = (cy.floor() as usize, cy.fract());
        let y1 = (y0 + 1).min(sh - 1);
        for x in 0..width {
            let cx = ((x as f32 + ox + 0.5) / factor - 0.5).clamp(0.0, (sw - 1) as f32);
            let (x0, wx) = (cx.floor() as usize, cx.fract());
            let x1 = (x0 + 1).min(sw - 1);
            let top = values[y0 * sw + x0] + (values[y0 * sw + x1] - values[y0 * sw + x0]) * wx;
            let bottom = values[y1 * sw + x0] + (values[y1 * sw + x1] - values[y1 * sw + x0]) * wx;
            dst[y * width + x] = (top + (bottom - top) * wy).round().clamp(0.0, 255.0) as u8;
        }
    }
}

/// Runs CPU-heavy work off the async runtime's threads.
async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, EngineError> {
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|err| EngineError::Internal(format!("frame processing failed: {err}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thinning_keeps_an_even_spread_of_a_stream_of_any_length() {
        for length in [1u64, 39, 40, 79, 80, 81, 240, 1000, 100_003] {
            let mut thinning = Thinning::default();
            let mut most_held = 0;
            for item in 0..length {
                if thinning.keeps_next() {
                    thinning.push(item);
                }
                most_held = most_held.max(thinning.kept.len());
            }
            assert!(most_held < 2 * MAX_SAMPLES, "held {most_held} of {length}");
            let kept = thinning.finish();
            assert_eq!(kept.len(), (length as usize).min(MAX_SAMPLES), "{length}");
            assert_eq!(kept[0], 0);
            // No gap between kept items is much wider than an even spread's.
            let widest = kept
                .windows(2)
                .map(|pair| pair[1] - pair[0])
                .chain([length - kept[kept.len() - 1]])
                .max()
                .unwrap();
            let even = length.div_ceil(kept.len() as u64);
            assert!(
                widest <= 2 * even + 1,
                "{length}: gap {widest}, even {even}"
            );
        }
    }

    #[test]
    fn a_skim_is_small_even_and_keeps_the_aspect() {
        let cases = [
            ((1920, 1080), (640, 360)),
            ((1080, 1920), (360, 640)),
            ((960, 720), (640, 480)),
            ((640, 360), (640, 360)),
            ((4096, 300), (640, 46)),
        ];
        for ((w, h), (sw, sh)) in cases {
            let skim = skim_format(FrameFormat::new(w, h));
            assert_eq!((skim.width, skim.height), (sw, sh), "{w}x{h}");
        }
    }
}
