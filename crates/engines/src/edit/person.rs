//! Person masks from MediaPipe's selfie segmentation model, for the shots the background
//! model cannot separate.
//!
//! Why both: the background model (`mask.rs`) separates any subject that moves against a
//! still or panning background, at IoU 0.93-0.95 on the synthetic walker, but a subject that
//! barely moves (an interview, a dialogue shot) is part of its own median background, and a
//! camera that zooms or turns has no stable background at all. The selfie model finds people
//! in each frame on its own, whatever the camera does, and nothing else: so it takes over a
//! shot only when the background model has refused it and the model finds a person in
//! nearly every sample. The model comes from the `mediapipe` wheel on PyPI
//! (`scripts/fetch-models.sh`) and runs on Recut's own TFLite interpreter (`recut-tflite`),
//! about 6 ms a frame for the landscape variant (256x144) here.

use std::path::Path;
use std::sync::Arc;

use recut_tflite::Model;

use super::colours::yuv_to_rgb;
use super::faces::{FaceDetector, FACE_MODEL};
use super::mask::{grow_bounds, keep_large_components, Sample, SubjectSummary};

const LANDSCAPE: &str = "selfie_segmentation_landscape.tflite";
const SQUARE: &str = "selfie_segmentation.tflite";

/// The two variants' files, read once; each job builds its own interpreter from them. The
/// face detector's file too, when it is there (`faces.rs`).
#[derive(Clone)]
pub struct PersonModels {
    landscape: Arc<Vec<u8>>,
    square: Arc<Vec<u8>>,
    pub faces: Option<Arc<Vec<u8>>>,
}

impl std::fmt::Debug for PersonModels {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PersonModels").finish_non_exhaustive()
    }
}

impl PersonModels {
    /// Both variants from `dir`: `Ok(None)` when neither is there (the engine then has the
    /// background model only), an error when one is missing or does not load.
    pub fn load(dir: &Path) -> Result<Option<Self>, String> {
        let read = |name: &str| std::fs::read(dir.join(name));
        let (landscape, square) = match (read(LANDSCAPE), read(SQUARE)) {
            (Err(a), Err(b))
                if a.kind() == std::io::ErrorKind::NotFound
                    && b.kind() == std::io::ErrorKind::NotFound =>
            {
                return Ok(None)
            }
            (Ok(landscape), Ok(square)) => (landscape, square),
            (Err(err), _) | (_, Err(err)) => {
                return Err(format!("segmentation models in {}: {err}", dir.display()))
            }
        };
        for (name, bytes) in [(LANDSCAPE, &landscape), (SQUARE, &square)] {
            Model::from_bytes(bytes).map_err(|err| format!("{name}: {err}"))?;
        }
        let faces = match read(FACE_MODEL) {
            Ok(bytes) => {
                let bytes = Arc::new(bytes);
                FaceDetector::new(&bytes)?;
                Some(bytes)
            }
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => None,
            Err(err) => return Err(format!("{FACE_MODEL} in {}: {err}", dir.display())),
        };
        Ok(Some(Self {
            landscape: Arc::new(landscape),
            square: Arc::new(square),
            faces,
        }))
    }
}

/// One job's interpreter and its buffers, for frames of one analysis-grid size.
pub struct PersonSegmenter {
    model: Model,
    /// The model's input height and width.
    size: (usize, usize),
    input: Vec<f32>,
    /// Person probability per analysis pixel of the last frame.
    probabilities: Vec<f32>,
    /// The bilinear weights between the analysis grid and the model's input, made for the
    /// first frame (every frame of a job has the same size).
    axes: Option<Axes>,
}

struct Axes {
    /// The analysis grid's width and height.
    size: (usize, usize),
    /// Rows and columns into the model's input, and back.
    into: [Vec<Tap>; 2],
    back: [Vec<Tap>; 2],
}

/// Two neighbouring positions along an axis and the second one's weight.
type Tap = (usize, usize, f32);

impl PersonSegmenter {
    /// The landscape variant for frames clearly wider than tall (it was trained at 16:9),
    /// the square one otherwise; the frame is stretched to the model's input, as MediaPipe
    /// does.
    pub fn new(models: &PersonModels, width: usize, height: usize) -> Self {
        let bytes = if width * 5 >= height * 6 {
            &models.landscape
        } else {
            &models.square
        };
        let model = Model::from_bytes(bytes).expect("checked when the models were loaded");
        let (h, w, _) = model.input_size();
        Self {
            model,
            size: (h, w),
            input: vec![0.0; h * w * 3],
            probabilities: Vec::new(),
            axes: None,
        }
    }

    /// The person probability (0-1) of each analysis pixel of `sample`.
    pub fn probabilities(&mut self, sample: &Sample) -> &[f32] {
        let (mh, mw) = self.size;
        let (w, h) = (sample.width, sample.height);
        if self.axes.as_ref().is_none_or(|axes| axes.size != (w, h)) {
            self.axes = Some(Axes {
                size: (w, h),
                into: [bilinear_axis(h, mh), bilinear_axis(w, mw)],
                back: [bilinear_axis(mh, h), bilinear_axis(mw, w)],
            });
        }
        let Axes {
            into: [rows, columns],
            back: [back_rows, back_columns],
            ..
        } = self.axes.as_ref().expect("just made");
        // The frame, bilinearly resampled to the model's input, as RGB in 0-1.
        for (my, &row) in rows.iter().enumerate() {
            for (mx, &column) in columns.iter().enumerate() {
                let at = |plane: &[u8]| bilinear(|y, x| f32::from(plane[y * w + x]), row, column);
                let rgb = yuv_to_rgb([at(&sample.y), at(&sample.u), at(&sample.v)]);
                self.input[(my * mw + mx) * 3..][..3].copy_from_slice(&rgb);
            }
        }
        let out = self
            .model
            .run(&self.input)
            .expect("the input has the model's size");
        // Back to the analysis grid.
        self.probabilities.resize(w * h, 0.0);
        for (y, &row) in back_rows.iter().enumerate() {
            for (x, &column) in back_columns.iter().enumerate() {
                self.probabilities[y * w + x] = bilinear(|y, x| out[y * mw + x], row, column);
            }
        }
        &self.probabilities
    }
}

/// For each of `to` positions along an axis, the two source positions among `from` around
/// it and the second one's weight (pixel centres aligned, edges clamped).
fn bilinear_axis(from: usize, to: usize) -> Vec<Tap> {
    (0..to)
        .map(|i| {
            let at =
                ((i as f32 + 0.5) * from as f32 / to as f32 - 0.5).clamp(0.0, (from - 1) as f32);
            let lower = at as usize;
            (lower, (lower + 1).min(from - 1), at.fract())
        })
        .collect()
}

/// `value` at (row, column) between the four samples around it.
fn bilinear(value: impl Fn(usize, usize) -> f32, (y0, y1, fy): Tap, (x0, x1, fx): Tap) -> f32 {
    let top = value(y0, x0) + (value(y0, x1) - value(y0, x0)) * fx;
    let bottom = value(y1, x0) + (value(y1, x1) - value(y1, x0)) * fx;
    top + (bottom - top) * fy
}

/// Per-frame person masks with temporal smoothing, on the analysis grid.
pub struct PersonMatte {
    segmenter: PersonSegmenter,
    score: Vec<f32>,
    mask: Vec<u8>,
    soft: Vec<u8>,
}

/// How steeply the soft matte rises with the person score around the mask's threshold (0.5):
/// from 0 to 1 over scores 0.5 +- 1 / (2 * this).
const SOFT_SLOPE: f32 = 3.0;

impl PersonMatte {
    pub fn new(segmenter: PersonSegmenter) -> Self {
        Self {
            segmenter,
            score: Vec::new(),
            mask: Vec::new(),
            soft: Vec::new(),
        }
    }

    /// The last [`PersonMatte::next`] frame's mask (0 or 1 per analysis pixel).
    pub fn mask(&self) -> &[u8] {
        &self.mask
    }

    /// The last [`PersonMatte::next`] frame's mask as opacity (0-255): 255 inside, 0
    /// outside, and along the edge
    /// the person score itself. The mask's edge runs in whole analysis pixels and, upsampled,
    /// showed as steps a few output pixels high along hair and shoulders; the score is a
    /// smooth field, and its threshold crossing falls between the grid's pixels. Edge pixels
    /// stay on their side of 50 %, so the opacity's half-way line is the mask's edge, only
    /// smoother; what the mask dropped (specks) stays dropped, and what it filled stays
    /// filled.
    pub fn soft(&self) -> &[u8] {
        &self.soft
    }

    fn soften(&mut self, w: usize) {
        let h = self.mask.len().checked_div(w).unwrap_or(0);
        self.soft.clear();
        self.soft.resize(self.mask.len(), 0);
        for y in 0..h {
            for x in 0..w {
                let i = y * w + x;
                let inside = self.mask[i] != 0;
                let mut edge = false;
                for (dx, dy) in [(-1isize, 0isize), (1, 0), (0, -1), (0, 1)] {
                    let (nx, ny) = (x as isize + dx, y as isize + dy);
                    if nx >= 0 && ny >= 0 && (nx as usize) < w && (ny as usize) < h {
                        edge |= (self.mask[ny as usize * w + nx as usize] != 0) != inside;
                    }
                }
                let ramp = ((self.score[i] - 0.5) * SOFT_SLOPE + 0.5).clamp(0.0, 1.0);
                let opacity = match (inside, edge) {
                    (true, false) => 1.0,
                    (false, false) => 0.0,
                    (true, true) => ramp.max(0.5),
                    (false, true) => ramp.min(0.5),
                };
                self.soft[i] = (opacity * 255.0 + 0.5) as u8;
            }
        }
    }

    /// Forgets the last frame: the next one starts a new shot.
    pub fn reset(&mut self) {
        self.score.clear();
    }

    /// Segments the next frame in order: its mask and soft matte ([`PersonMatte::mask`],
    /// [`PersonMatte::soft`]). The score is blended with the last frame's before the
    /// decision, as the background model's is, so the edge does not chatter between frames.
    pub fn next(&mut self, sample: &Sample) {
        self.segment(sample, true);
        self.soften(sample.width);
    }

    /// The person mask of a frame on its own.
    pub fn single(&mut self, sample: &Sample) -> &[u8] {
        self.segment(sample, false)
    }

    fn segment(&mut self, sample: &Sample, temporal: bool) -> &[u8] {
        let probabilities = self.segmenter.probabilities(sample);
        if temporal && self.score.len() == probabilities.len() {
            for (s, &p) in self.score.iter_mut().zip(probabilities) {
                *s = 0.6 * p + 0.4 * *s;
            }
        } else {
            self.score.clear();
            self.score.extend_from_slice(probabilities);
        }
        self.mask.clear();
        self.mask
            .extend(self.score.iter().map(|&s| u8::from(s > 0.5)));
        self.mask = keep_large_components(&self.mask, sample.width, sample.height, 0);
        &self.mask
    }
}

/// A person must show in at least this share of a shot's samples, and cover at least
/// `MIN_COVERAGE` of the picture in the median one: a model that finds someone in a few
/// frames only is guessing.
const MIN_PRESENCE: f32 = 0.8;
const MIN_COVERAGE: f32 = 0.01;
/// A "person" over nearly the whole picture is a close-up the matte cannot cut anything
/// from, or a misfire.
const MAX_COVERAGE: f32 = 0.9;

/// At most this many of a shot's samples are looked at: the person check needs a spread,
/// not every one, and the model costs several ms a sample.
pub const CHECKED_SAMPLES: usize = 16;

/// Whether the samples show a person the model can follow, and where; with each sample's
/// mask.
pub fn summarise_people(
    matte: &mut PersonMatte,
    samples: &[&Sample],
) -> Result<(SubjectSummary, Vec<Vec<u8>>), String> {
    let Some(first) = samples.first() else {
        return Err("no frames".into());
    };
    let (w, h) = (first.width, first.height);
    let mut coverages = Vec::with_capacity(samples.len());
    let mut bounds = (w, h, 0, 0);
    let mut masks = Vec::with_capacity(samples.len());
    for sample in samples {
        let mask = matte.single(sample);
        masks.push(mask.to_vec());
        let count = mask.iter().filter(|&&m| m != 0).count();
        coverages.push(count as f32 / (w * h) as f32);
        grow_bounds(&mut bounds, mask, w);
    }
    let present = coverages
        .iter()
        .filter(|&&c| c >= MIN_COVERAGE / 2.0)
        .count() as f32
        / coverages.len() as f32;
    coverages.sort_by(f32::total_cmp);
    let coverage = coverages[coverages.len() / 2];
    if present < MIN_PRESENCE || coverage < MIN_COVERAGE {
        return Err(format!(
            "no person was found by the segmentation model either (in {:.0}% of the frames looked at)",
            present * 100.0
        ));
    }
    if coverage > MAX_COVERAGE {
        return Err(format!(
            "the person found fills {:.0}% of the picture, leaving no background to edit",
            coverage * 100.0
        ));
    }
    Ok((SubjectSummary { coverage, bounds }, masks))
}
