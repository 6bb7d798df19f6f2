//! Subject masks by background modelling, for a camera that is still or moves by translation.
//!
//! Why this method: no segmentation weights can be shipped or downloaded here, and on a
//! fixed camera the background is the one thing that is the same in every frame. A camera
//! that shakes or pans is followed by its translation (`align.rs`): the samples are placed
//! on a canvas and the median is taken there, so the same holds on the canvas. A first pass
//! samples up to [`MAX_SAMPLES`] frames spread over the clip (at a reduced analysis size) and
//! takes the per-pixel temporal median: wherever the subject moves, the median is the
//! uncovered background. Each frame is then compared with it:
//!
//! 1. distance `sqrt(dY^2 + 2 dCb^2 + 2 dCr^2)` against a threshold set from the clip's own
//!    noise (the median distance over all samples, where most pixels are background);
//! 2. a soft score, blurred 3x3 and blended with the previous frame's score (temporal
//!    smoothing before the decision, so edges do not chatter and nothing ghosts);
//! 3. threshold, morphological open (specks) and close (cracks), drop small components,
//!    fill holes (a shirt the colour of the wall behind it is still the subject);
//! 4. bilinear upsampling to the output size gives a feathered edge a few pixels wide.
//!
//! The same first pass decides whether the clip has a separable subject at all: if nothing
//! moves (median coverage near zero), or nearly everything does (a zoom or a turn), or the
//! background is not stable, or the camera travels too far, the engine refuses instead of
//! compositing garbage.

use rayon::prelude::*;
use recut_media::Frame;

use super::align::{camera_shift, typical_difference, Pyramid};
use super::ops::filters::downsample;

/// Frames sampled to build the background.
pub const MAX_SAMPLES: usize = 40;

/// A frame reduced to the analysis grid: luma box-averaged by `factor`, chroma by
/// `factor / 2`, so all three planes share one grid.
#[derive(Debug, Clone)]
pub struct Sample {
    pub width: usize,
    pub height: usize,
    pub y: Vec<u8>,
    pub u: Vec<u8>,
    pub v: Vec<u8>,
    /// Where this frame's top-left sits on the background's canvas, once known (the first
    /// pass's samples; a still camera's are all at the origin).
    pub offset: Option<(f32, f32)>,
    /// The frame's index in the clip, for the first pass's samples (0 elsewhere).
    pub index: u64,
}

impl Sample {
    /// `factor` must be even.
    pub fn from_frame(frame: &Frame, factor: usize) -> Self {
        let mut y = Vec::new();
        let size = Self::luma(frame, factor, &mut y);
        Self::with_luma(frame, factor, y, size)
    }

    /// The frame's luma on the analysis grid, into `y`; its width and height.
    pub fn luma(frame: &Frame, factor: usize, y: &mut Vec<u8>) -> (usize, usize) {
        let format = frame.format();
        downsample(
            frame.y(),
            format.width as usize,
            format.height as usize,
            factor,
            y,
        )
    }

    /// The sample of `frame` whose luma [`Sample::luma`] already reduced.
    pub fn with_luma(
        frame: &Frame,
        factor: usize,
        y: Vec<u8>,
        (width, height): (usize, usize),
    ) -> Self {
        let format = frame.format();
        let (cw, ch) = (
            format.chroma_width() as usize,
            format.chroma_height() as usize,
        );
        let mut u = Vec::new();
        let mut v = Vec::new();
        let (uw, uh) = downsample(frame.u(), cw, ch, factor / 2, &mut u);
        downsample(frame.v(), cw, ch, factor / 2, &mut v);
        // Chroma may have one column or row more (odd sizes); crop it to the luma grid.
        let crop = |plane: Vec<u8>| -> Vec<u8> {
            if (uw, uh) == (width, height) {
                return plane;
            }
            (0..height)
                .flat_map(|row| plane[row * uw..row * uw + width].to_vec())
                .collect()
        };
        Self {
            width,
            height,
            y,
            u: crop(u),
            v: crop(v),
            offset: None,
            index: 0,
        }
    }

    /// Distance of this sample's pixel `i` from a still camera's background behind it (a
    /// moving camera's is [`Behind::distance`]).
    fn distance(&self, background: &Background, i: usize) -> f32 {
        let dy = f32::from(self.y[i]) - f32::from(background.y[i]);
        let du = f32::from(self.u[i]) - f32::from(background.u[i]);
        let dv = f32::from(self.v[i]) - f32::from(background.v[i]);
        (dy * dy + 2.0 * (du * du + dv * dv)).sqrt()
    }
}

/// The camera may travel over at most this multiple of the frame's area: further, too few
/// samples see each part of the canvas for a median.
const MAX_CANVAS: f32 = 2.5;

/// The background behind one frame of a moving camera, on the frame's grid.
struct Behind {
    y: Vec<f32>,
    u: Vec<f32>,
    v: Vec<f32>,
    known: Vec<bool>,
}

impl Behind {
    fn distance(&self, sample: &Sample, i: usize) -> Option<f32> {
        if !self.known[i] {
            return None;
        }
        let dy = f32::from(sample.y[i]) - self.y[i];
        let du = f32::from(sample.u[i]) - self.u[i];
        let dv = f32::from(sample.v[i]) - self.v[i];
        Some((dy * dy + 2.0 * (du * du + dv * dv)).sqrt())
    }
}

/// Canvas pixels seen in fewer samples than this have no trusted background.
const MIN_COVER: u8 = 3;

/// The per-pixel temporal median of the samples, and the clip's noise level.
#[derive(Debug, Clone)]
pub struct Background {
    /// The canvas: the frame's size on the analysis grid for a still camera, the union of
    /// every sample's view for one that moves.
    pub width: usize,
    pub height: usize,
    y: Vec<u8>,
    u: Vec<u8>,
    v: Vec<u8>,
    /// How many samples saw each canvas pixel (capped at 255); empty for a still camera.
    cover: Vec<u8>,
    /// The camera moved between samples: frames are placed on the canvas by their offset.
    pub moving: bool,
    /// The frame's size on the analysis grid.
    pub frame: (usize, usize),
    /// Median distance of samples to the background: the noise floor.
    pub noise: f32,
    pub threshold: f32,
    /// Components smaller than this (analysis pixels) are not the subject: a tenth of the
    /// subject's size while in view, once [`summarise`] has measured it.
    least_subject: usize,
}

impl Background {
    /// The Y, Cb and Cr planes on the analysis grid.
    pub fn planes(&self) -> (&[u8], &[u8], &[u8]) {
        (&self.y, &self.u, &self.v)
    }

    /// The background behind a frame of `w` x `h` analysis pixels whose top-left sits at
    /// `offset` on the canvas, on the frame's grid. One translation for the whole frame
    /// means one set of bilinear weights for every pixel.
    fn behind(&self, w: usize, h: usize, offset: (f32, f32)) -> Behind {
        let (ix, iy) = (offset.0.floor(), offset.1.floor());
        let (fx, fy) = (offset.0 - ix, offset.1 - iy);
        let (ix, iy) = (ix as i64, iy as i64);
        let weights = [
            (1.0 - fx) * (1.0 - fy),
            fx * (1.0 - fy),
            (1.0 - fx) * fy,
            fx * fy,
        ];
        let (cw, ch) = (self.width as i64, self.height as i64);
        let mut behind = Behind {
            y: vec![0.0; w * h],
            u: vec![0.0; w * h],
            v: vec![0.0; w * h],
            known: vec![false; w * h],
        };
        for y in 0..h {
            let cy = y as i64 + iy;
            if cy < 0 || cy + 1 >= ch {
                continue;
            }
            for x in 0..w {
                let cx = x as i64 + ix;
                if cx < 0 || cx + 1 >= cw {
                    continue;
                }
                let k = (cy * cw + cx) as usize;
                let corners = [k, k + 1, k + self.width, k + self.width + 1];
                if corners.iter().any(|&c| self.cover[c] < MIN_COVER) {
                    continue;
                }
                let blend = |plane: &[u8]| {
                    corners
                        .iter()
                        .zip(weights)
                        .map(|(&c, weight)| f32::from(plane[c]) * weight)
                        .sum::<f32>()
                };
                let i = y * w + x;
                behind.y[i] = blend(&self.y);
                behind.u[i] = blend(&self.u);
                behind.v[i] = blend(&self.v);
                behind.known[i] = true;
            }
        }
        behind
    }

    /// Each pixel's distance from the background behind it, for `sample` placed at `offset`
    /// on the canvas; `None` where the background there is not known.
    fn distances<'a>(
        &'a self,
        sample: &'a Sample,
        offset: (f32, f32),
    ) -> impl Iterator<Item = Option<f32>> + 'a {
        let behind = self
            .moving
            .then(|| self.behind(sample.width, sample.height, offset));
        (0..sample.width * sample.height).map(move |i| match &behind {
            Some(behind) => behind.distance(sample, i),
            None => Some(sample.distance(self, i)),
        })
    }

    /// Where `sample`'s top-left sits on the canvas: searched around `guess` within
    /// `radius` analysis pixels (the whole canvas when `None`).
    fn locate(&self, canvas: &Pyramid, sample: &Pyramid, guess: Option<(f32, f32)>) -> (f32, f32) {
        // From one frame to the next the camera moves little: a few pixels of search around
        // where the last frame sat, and blocks refined by a pixel, keep this to a few ms.
        let (guess, radius, reach) = match guess {
            Some(guess) => (guess, 4.0, 1),
            None => {
                let (fw, fh) = self.frame;
                let centre = (
                    (self.width - fw) as f32 / 2.0,
                    (self.height - fh) as f32 / 2.0,
                );
                (centre, centre.0.max(centre.1) + 4.0, 2)
            }
        };
        camera_shift(sample, canvas, guess, radius, reach).unwrap_or(guess)
    }

    /// The per-pixel median of the samples. When the camera moved between them (by a pixel
    /// or more of the analysis grid over the clip), each sample is first placed on a canvas
    /// by the camera's translation, and the median is taken over the samples that saw each
    /// canvas pixel; the samples' offsets are recorded on them.
    pub fn from_samples(samples: &mut [Sample]) -> Self {
        let first = &samples[0];
        let (fw, fh) = (first.width, first.height);
        let pyramids: Vec<Pyramid> = samples
            .iter()
            .map(|sample| Pyramid::new(&sample.y, fw, fh))
            .collect();
        // Samples are at most a quarter of a second or so apart: further than an eighth of
        // the frame between them is a cut or a whip pan, not a camera to follow.
        let radius = (fw.max(fh) / 8) as f32;
        let mut offsets = vec![(0.0f32, 0.0f32); samples.len()];
        for i in 1..samples.len() {
            // sample i-1 at p shows what sample i shows at p + shift.
            let shift = camera_shift(&pyramids[i - 1], &pyramids[i], (0.0, 0.0), radius, 3)
                .unwrap_or((0.0, 0.0));
            // The camera counts as moved only where the shift explains the typical pixel
            // clearly better than standing still: on a plain background a subject's sharp
            // edges can pull the estimate along with it while the background says nothing.
            let typical = |shift| typical_difference(&pyramids[i - 1], &pyramids[i], shift);
            let moved = match (typical((0.0, 0.0)), typical(shift)) {
                (Some(still), Some(shifted)) => still >= shifted + 1.0,
                _ => false,
            };
            let shift = if moved { shift } else { (0.0, 0.0) };
            offsets[i] = (offsets[i - 1].0 - shift.0, offsets[i - 1].1 - shift.1);
        }
        let range = |axis: fn(&(f32, f32)) -> f32| {
            let lo = offsets.iter().map(axis).fold(f32::MAX, f32::min);
            let hi = offsets.iter().map(axis).fold(f32::MIN, f32::max);
            (lo, hi)
        };
        let ((x_lo, x_hi), (y_lo, y_hi)) = (range(|o| o.0), range(|o| o.1));
        if x_hi - x_lo < 1.0 && y_hi - y_lo < 1.0 {
            for sample in samples.iter_mut() {
                sample.offset = Some((0.0, 0.0));
            }
            return Self::still(samples);
        }
        for (sample, offset) in samples.iter_mut().zip(&offsets) {
            sample.offset = Some((offset.0 - x_lo, offset.1 - y_lo));
        }
        let width = fw + (x_hi - x_lo).ceil() as usize + 1;
        let height = fh + (y_hi - y_lo).ceil() as usize + 1;
        Self::moving(samples, width, height)
    }

    fn moving(samples: &[Sample], width: usize, height: usize) -> Self {
        let (fw, fh) = (samples[0].width, samples[0].height);
        let len = width * height;
        let mut y = vec![0u8; len];
        let mut u = vec![0u8; len];
        let mut v = vec![0u8; len];
        let mut cover = vec![0u8; len];
        // Per canvas row: its Y, Cb and Cr medians and how many samples saw each pixel.
        type Row = (Vec<u8>, Vec<u8>, Vec<u8>, Vec<u8>);
        let rows: Vec<(usize, Row)> = (0..height)
            .into_par_iter()
            .map(|cy| {
                let mut columns: [Vec<f32>; 3] = Default::default();
                let mut scratch = Vec::new();
                let mut row = (
                    vec![0u8; width],
                    vec![0u8; width],
                    vec![0u8; width],
                    vec![0u8; width],
                );
                for cx in 0..width {
                    for column in &mut columns {
                        column.clear();
                    }
                    for sample in samples {
                        let (ox, oy) = sample.offset.unwrap_or((0.0, 0.0));
                        let (x, y) = (cx as f32 - ox, cy as f32 - oy);
                        if x < 0.0 || y < 0.0 || x > (fw - 1) as f32 || y > (fh - 1) as f32 {
                            continue;
                        }
                        let (x0, y0) = (x as usize, y as usize);
                        let (x1, y1) = ((x0 + 1).min(fw - 1), (y0 + 1).min(fh - 1));
                        let (fx, fy) = (x - x0 as f32, y - y0 as f32);
                        for (column, plane) in
                            columns.iter_mut().zip([&sample.y, &sample.u, &sample.v])
                        {
                            let at = |k: usize| f32::from(plane[k]);
                            let top = at(y0 * fw + x0) + (at(y0 * fw + x1) - at(y0 * fw + x0)) * fx;
                            let bottom =
                                at(y1 * fw + x0) + (at(y1 * fw + x1) - at(y1 * fw + x0)) * fx;
                            column.push(top + (bottom - top) * fy);
                        }
                    }
                    let n = columns[0].len();
                    row.3[cx] = n.min(255) as u8;
                    if n == 0 {
                        continue;
                    }
                    [row.0[cx], row.1[cx], row.2[cx]] = settle(&columns, &mut scratch);
                }
                (cy, row)
            })
            .collect();
        for (cy, (ry, ru, rv, rc)) in rows {
            let range = cy * width..(cy + 1) * width;
            y[range.clone()].copy_from_slice(&ry);
            u[range.clone()].copy_from_slice(&ru);
            v[range.clone()].copy_from_slice(&rv);
            cover[range].copy_from_slice(&rc);
        }
        let mut background = Self {
            width,
            height,
            y,
            u,
            v,
            cover,
            moving: true,
            frame: (fw, fh),
            noise: 0.0,
            threshold: 0.0,
            least_subject: 0,
        };
        background.measure_noise(samples);
        background
    }

    fn still(samples: &[Sample]) -> Self {
        let first = &samples[0];
        let (width, height) = (first.width, first.height);
        let len = width * height;
        let mut y = vec![0u8; len];
        let mut u = vec![0u8; len];
        let mut v = vec![0u8; len];
        y.par_chunks_mut(width)
            .zip(u.par_chunks_mut(width))
            .zip(v.par_chunks_mut(width))
            .enumerate()
            .for_each_init(
                || (<[Vec<f32>; 3]>::default(), Vec::new()),
                |(columns, scratch), (row, ((ry, ru), rv))| {
                    for x in 0..width {
                        let i = row * width + x;
                        for column in columns.iter_mut() {
                            column.clear();
                        }
                        for s in samples {
                            columns[0].push(f32::from(s.y[i]));
                            columns[1].push(f32::from(s.u[i]));
                            columns[2].push(f32::from(s.v[i]));
                        }
                        [ry[x], ru[x], rv[x]] = settle(columns, scratch);
                    }
                },
            );
        let mut background = Self {
            width,
            height,
            y,
            u,
            v,
            cover: Vec::new(),
            moving: false,
            frame: (width, height),
            noise: 0.0,
            threshold: 0.0,
            least_subject: 0,
        };
        background.measure_noise(samples);
        background
    }

    /// The median distance of the samples from the background (the noise floor), and the
    /// threshold set from it.
    fn measure_noise(&mut self, samples: &[Sample]) {
        let mut distances: Vec<f32> = samples
            .iter()
            .flat_map(|s| {
                self.distances(s, s.offset.unwrap_or((0.0, 0.0)))
                    .flatten()
                    .collect::<Vec<_>>()
            })
            .collect();
        if distances.is_empty() {
            self.noise = f32::MAX;
            return;
        }
        let mid = distances.len() / 2;
        self.noise = *distances
            .select_nth_unstable_by(mid, |a, b| a.total_cmp(b))
            .1;
        self.threshold = (3.0 * self.noise + 7.0).max(11.0);
    }

    /// How far the camera travelled: the canvas's area over the frame's.
    pub fn canvas_to_frame(&self) -> f32 {
        (self.width * self.height) as f32 / (self.frame.0 * self.frame.1) as f32
    }
}

/// Two samples of a pixel agree when they are within this distance (the segmentation's,
/// `sqrt(dY^2 + 2 dCb^2 + 2 dCr^2)`) of each other: about three times the noise of footage
/// on the analysis grid, and under the smallest threshold a subject must clear (11).
const AGREE: f32 = 10.0;

/// The background's Y, Cb and Cr at one pixel from the values the samples saw there
/// (`columns`: Y, Cb, Cr, one entry per sample).
///
/// The median, where at least half the samples agree with it: the background was in view
/// most of the time. Otherwise the subject covered the pixel for most of the clip (one that
/// stays near one place, or walks towards the camera), and the median is the subject or a
/// blend. The background is then the longest run of consecutive samples that agree with one
/// another: the background holds still while it is in view, but a subject that moves, turns
/// or grows shows a different part of itself at each sample. (The largest group of agreeing
/// samples, in any order, picks a flat-coloured subject.)
fn settle(columns: &[Vec<f32>; 3], scratch: &mut Vec<f32>) -> [u8; 3] {
    let n = columns[0].len();
    let value = |i: usize| [columns[0][i], columns[1][i], columns[2][i]];
    let agree = |a: [f32; 3], b: [f32; 3]| {
        let (dy, du, dv) = (a[0] - b[0], a[1] - b[1], a[2] - b[2]);
        dy * dy + 2.0 * (du * du + dv * dv) < AGREE * AGREE
    };
    let median_of = |scratch: &mut Vec<f32>, members: &dyn Fn(usize) -> bool| {
        let mut out = [0.0f32; 3];
        for (o, column) in out.iter_mut().zip(columns) {
            scratch.clear();
            scratch.extend((0..n).filter(|&i| members(i)).map(|i| column[i]));
            let mid = scratch.len() / 2;
            *o = *scratch.select_nth_unstable_by(mid, f32::total_cmp).1;
        }
        out
    };
    let median = median_of(scratch, &|_| true);
    let round = |v: [f32; 3]| v.map(|c| c.round().clamp(0.0, 255.0) as u8);
    if 2 * (0..n).filter(|&i| agree(value(i), median)).count() >= n {
        return round(median);
    }
    // The longest run of consecutive samples that agree with the run's first.
    let (mut best, mut longest) = (0..0, 0);
    let mut start = 0;
    while start < n {
        let first = value(start);
        let mut end = start + 1;
        while end < n && agree(first, value(end)) {
            end += 1;
        }
        if end - start > longest {
            (best, longest) = (start..end, end - start);
        }
        start += 1;
    }
    // A run of one or two is noise, not a background seen for a while.
    if longest < 3 {
        return round(median);
    }
    round(median_of(scratch, &|j| best.contains(&j)))
}

/// Per-frame foreground on the analysis grid, with temporal state.
pub struct MaskTracker {
    background: Background,
    score: Vec<f32>,
    blurred: Vec<f32>,
    mask: Vec<u8>,
    /// The last frame's place on the canvas (a moving camera's), the guess for the next.
    offset: Option<(f32, f32)>,
    /// The canvas's luma pyramid, to place frames on it (a moving camera's).
    canvas: Option<Pyramid>,
}

impl MaskTracker {
    pub fn new(background: Background) -> Self {
        Self {
            score: Vec::new(),
            blurred: Vec::new(),
            mask: Vec::new(),
            offset: None,
            canvas: background
                .moving
                .then(|| Pyramid::new(&background.y, background.width, background.height)),
            background,
        }
    }

    /// Where the last frame segmented sits on the background's canvas.
    pub fn offset(&self) -> (f32, f32) {
        self.offset.unwrap_or((0.0, 0.0))
    }

    pub fn background(&self) -> &Background {
        &self.background
    }

    /// The model, with what [`summarise`] learnt of the subject.
    pub fn into_background(self) -> Background {
        self.background
    }

    /// The last mask made.
    pub fn mask(&self) -> &[u8] {
        &self.mask
    }

    /// The foreground (0 or 1 per analysis pixel) of the next frame in order.
    pub fn next(&mut self, sample: &Sample) -> &[u8] {
        let offset = self.place(sample, self.offset);
        self.offset = Some(offset);
        self.segment(sample, offset, true);
        &self.mask
    }

    /// The foreground of a frame on its own, without temporal smoothing.
    pub fn single(&mut self, sample: &Sample) -> &[u8] {
        let offset = self.place(sample, None);
        self.segment(sample, offset, false);
        &self.mask
    }

    /// Where `sample` sits on the canvas: known for the first pass's samples, searched for
    /// other frames (near `guess`, the previous frame's place, when there is one).
    fn place(&self, sample: &Sample, guess: Option<(f32, f32)>) -> (f32, f32) {
        let Some(canvas) = &self.canvas else {
            return (0.0, 0.0);
        };
        sample.offset.unwrap_or_else(|| {
            let pyramid = Pyramid::new(&sample.y, sample.width, sample.height);
            self.background.locate(canvas, &pyramid, guess)
        })
    }

    fn segment(&mut self, sample: &Sample, offset: (f32, f32), temporal: bool) {
        let (w, h) = (sample.width, sample.height);
        let len = w * h;
        let t = self.background.threshold;
        let raw: Vec<f32> = self
            .background
            .distances(sample, offset)
            .map(|d| {
                // Where the background is not known, nothing counts as subject.
                let d = d.unwrap_or(0.0);
                ((d - 0.6 * t) / (0.8 * t)).clamp(0.0, 1.0)
            })
            .collect();
        box3(&raw, w, h, &mut self.blurred);
        if temporal && self.score.len() == len {
            for (s, b) in self.score.iter_mut().zip(&self.blurred) {
                *s = 0.65 * b + 0.35 * *s;
            }
        } else {
            self.score.clone_from(&self.blurred);
        }
        self.mask.clear();
        self.mask
            .extend(self.score.iter().map(|&s| u8::from(s > 0.5)));
        let opened = dilate(&erode(&self.mask, w, h, 1), w, h, 1);
        let closed = erode(&dilate(&opened, w, h, 2), w, h, 2);
        self.mask = keep_large_components(&closed, w, h, self.background.least_subject);
        fill_holes(&mut self.mask, w, h);
    }
}

/// Mean over each pixel's 3x3 neighbourhood, the part of it inside the picture.
fn box3(src: &[f32], w: usize, h: usize, out: &mut Vec<f32>) {
    // Row sums and how many pixels each covers, then the same down the columns.
    let mut rows = vec![0.0f32; w * h];
    for (sums, row) in rows.chunks_mut(w).zip(src.chunks(w)) {
        sums.copy_from_slice(row);
        if w > 1 {
            for (s, &right) in sums[..w - 1].iter_mut().zip(&row[1..]) {
                *s += right;
            }
            for (s, &left) in sums[1..].iter_mut().zip(&row[..w - 1]) {
                *s += left;
            }
        }
    }
    out.clear();
    out.extend_from_slice(&rows);
    for y in 0..h {
        let out_row = &mut out[y * w..(y + 1) * w];
        if y > 0 {
            for (o, &above) in out_row.iter_mut().zip(&rows[(y - 1) * w..y * w]) {
                *o += above;
            }
        }
        if y + 1 < h {
            for (o, &below) in out_row.iter_mut().zip(&rows[(y + 1) * w..(y + 2) * w]) {
                *o += below;
            }
        }
        let ny = (1 + usize::from(y > 0) + usize::from(y + 1 < h)) as f32;
        for (x, o) in out_row.iter_mut().enumerate() {
            let nx = (1 + usize::from(x > 0) + usize::from(x + 1 < w)) as f32;
            *o /= nx * ny;
        }
    }
}

/// Erosion (`grow` false) or dilation by a (2r+1)-square: rows, then columns, each as the
/// minimum or maximum of shifted copies of whole rows, which vectorises.
fn morph(src: &[u8], w: usize, h: usize, r: usize, grow: bool) -> Vec<u8> {
    let pick = |into: &mut [u8], from: &[u8]| {
        if grow {
            for (a, &b) in into.iter_mut().zip(from) {
                *a = (*a).max(b);
            }
        } else {
            for (a, &b) in into.iter_mut().zip(from) {
                *a = (*a).min(b);
            }
        }
    };
    let mut rows = src.to_vec();
    for (out, row) in rows.chunks_mut(w).zip(src.chunks(w)) {
        for d in 1..=r.min(w - 1) {
            pick(&mut out[..w - d], &row[d..]);
            pick(&mut out[d..], &row[..w - d]);
        }
    }
    let mut out = rows.clone();
    for y in 0..h {
        let row = &mut out[y * w..(y + 1) * w];
        for d in 1..=r {
            if y + d < h {
                pick(row, &rows[(y + d) * w..(y + d + 1) * w]);
            }
            if y >= d {
                pick(row, &rows[(y - d) * w..(y - d + 1) * w]);
            }
        }
    }
    out
}

fn erode(src: &[u8], w: usize, h: usize, r: usize) -> Vec<u8> {
    morph(src, w, h, r, false)
}

fn dilate(src: &[u8], w: usize, h: usize, r: usize) -> Vec<u8> {
    morph(src, w, h, r, true)
}

/// Labels 4-connected foreground components and keeps those of a meaningful size: at least
/// 0.1% of the picture, 8% of the largest and `least` pixels.
pub(super) fn keep_large_components(mask: &[u8], w: usize, h: usize, least: usize) -> Vec<u8> {
    let mut label = vec![0u32; w * h];
    let mut sizes = vec![0usize];
    let mut stack = Vec::new();
    for start in 0..w * h {
        if mask[start] == 0 || label[start] != 0 {
            continue;
        }
        let id = sizes.len() as u32;
        let mut size = 0;
        label[start] = id;
        // Coordinates ride on the stack: a division per visited pixel cost more than the fill.
        stack.push((start % w, start / w));
        while let Some((x, y)) = stack.pop() {
            size += 1;
            let i = y * w + x;
            let mut visit = |j: usize, x: usize, y: usize| {
                if mask[j] != 0 && label[j] == 0 {
                    label[j] = id;
                    stack.push((x, y));
                }
            };
            if x > 0 {
                visit(i - 1, x - 1, y);
            }
            if x + 1 < w {
                visit(i + 1, x + 1, y);
            }
            if y > 0 {
                visit(i - w, x, y - 1);
            }
            if y + 1 < h {
                visit(i + w, x, y + 1);
            }
        }
        sizes.push(size);
    }
    let largest = sizes.iter().copied().max().unwrap_or(0);
    let minimum = ((w * h) / 1000).max(largest * 8 / 100).max(least).max(1);
    label
        .iter()
        .map(|&id| u8::from(id != 0 && sizes[id as usize] >= minimum))
        .collect()
}

/// Background pixels not connected to the border are holes in the subject.
fn fill_holes(mask: &mut [u8], w: usize, h: usize) {
    let mut outside = vec![false; w * h];
    let mut stack: Vec<(usize, usize)> = Vec::new();
    for x in 0..w {
        stack.push((x, 0));
        stack.push((x, h - 1));
    }
    for y in 0..h {
        stack.push((0, y));
        stack.push((w - 1, y));
    }
    while let Some((x, y)) = stack.pop() {
        let i = y * w + x;
        if mask[i] != 0 || outside[i] {
            continue;
        }
        outside[i] = true;
        if x > 0 {
            stack.push((x - 1, y));
        }
        if x + 1 < w {
            stack.push((x + 1, y));
        }
        if y > 0 {
            stack.push((x, y - 1));
        }
        if y + 1 < h {
            stack.push((x, y + 1));
        }
    }
    for (m, out) in mask.iter_mut().zip(&outside) {
        if !out {
            *m = 1;
        }
    }
}

/// What the first pass learned about the subject.
#[derive(Debug, Clone)]
pub struct SubjectSummary {
    /// Median share of the picture covered by the subject.
    pub coverage: f32,
    /// Union of the subject's bounding boxes over the samples, on the analysis grid:
    /// (x0, y0, x1, y1), exclusive ends.
    pub bounds: (usize, usize, usize, usize),
}

/// Decides whether the samples show a subject that can be separated from a static background;
/// with each sample's mask.
pub fn summarise(
    tracker: &mut MaskTracker,
    samples: &[Sample],
) -> Result<(SubjectSummary, Vec<Vec<u8>>), String> {
    let background = tracker.background().clone();
    if background.canvas_to_frame() > MAX_CANVAS {
        return Err(format!(
            "no separable subject: the camera travels too far ({:.1} times the frame's area) for a background model; subject-aware edits need a camera that stays still, shakes or pans over less ground",
            background.canvas_to_frame()
        ));
    }
    if background.noise > 14.0 {
        return Err(format!(
            "no separable subject: the background is not static (typical change between frames {:.0} levels); subject-aware edits need a camera that stays still or only shakes or pans (no zoom, turn or walk)",
            background.noise
        ));
    }
    let (w, h) = background.frame;
    let mut coverages = Vec::with_capacity(samples.len());
    let mut outlines = Vec::with_capacity(samples.len());
    let mut bounds = (w, h, 0, 0);
    let mut masks = Vec::with_capacity(samples.len());
    for sample in samples {
        let mask = tracker.single(sample);
        let count = mask.iter().filter(|&&m| m != 0).count();
        coverages.push(count as f32 / (w * h) as f32);
        if count > 0 {
            outlines.push(outline(mask, w, h, count));
        }
        grow_bounds(&mut bounds, mask, w);
        masks.push(mask.to_vec());
    }
    let jitter = coverage_jitter(&coverages);
    tracing::debug!(?coverages, jitter, "background model's sample masks");
    coverages.sort_by(f32::total_cmp);
    let coverage = coverages[coverages.len() / 2];
    if coverage < 0.004 {
        return Err("no separable subject: nothing moves against the background, so the subject cannot be told apart from it (subject-aware edits need a subject that moves in front of a camera that stays still, shakes or pans, or a person)".into());
    }
    if coverage > 0.6 {
        return Err(format!(
            "no separable subject: {:.0}% of the picture changes between frames (a camera that zooms or turns, or a subject filling the frame); subject-aware edits need a camera that stays still or only shakes or pans",
            coverage * 100.0
        ));
    }
    if coverage < SMALL_SUBJECT && jitter > MAX_JITTER {
        return Err(format!(
            "no separable subject: what moves is small ({:.1}% of the picture) and changes size erratically from one moment to the next (by {:.0}% against its neighbours' trend), as leaves, water or flicker do, not as one subject does; subject-aware edits need one subject that moves in front of a camera that stays still, shakes or pans, or a person",
            coverage * 100.0,
            (jitter.exp() - 1.0) * 100.0
        ));
    }
    outlines.sort_by(f32::total_cmp);
    if let Some(&ragged) = outlines.get(outlines.len() / 2) {
        if ragged > MAX_OUTLINE {
            return Err(format!(
                "no separable subject: the subject barely moves against its background, so only its moving edges stand out (its outline is {ragged:.1} times as long as a compact shape's); subject-aware edits need a subject that moves across the frame"
            ));
        }
    }
    // Where the subject is absent (before it enters, after it leaves), what else moves
    // (leaves, ripples, a flicker) is specks far smaller than the subject: never it.
    // The upper quartile is the subject's size while it is in view, however long it is not.
    let present = coverages[coverages.len() * 3 / 4];
    tracker.background.least_subject = (present * (w * h) as f32 / 10.0) as usize;
    Ok((SubjectSummary { coverage, bounds }, masks))
}

/// Below this median coverage a subject must also keep a coherent size ([`MAX_JITTER`]).
/// Measured on tree.avi (a tree in the wind, nobody in it): the moving leaves make masks of
/// 0.1-2.7% of the picture. A hand that enters the same shot covers 8-19%.
const SMALL_SUBJECT: f32 = 0.03;

/// The most a small subject's coverage may stray from the trend of the samples either side,
/// as the median of |ln c(i) - (ln c(i-1) + ln c(i+1)) / 2| over the shot's samples.
/// Measured: a subject crossing the frame, slowly or at 60 px a frame, 0.009; one that
/// grows threefold as it approaches the camera, 0.007-0.01; tree.avi's leaves 0.16 (10 s
/// from 12 s; other cuts of it, 0.14-0.31, fail other checks first); a hand entering among
/// them, 0.095-0.105 (the cuts from 18 and 19 s); synthetic foliage 0.47. A walking
/// person's stride changes its area by about 10%, which gives about 0.05.
const MAX_JITTER: f32 = 0.13;

/// How erratically the mask's size changes between consecutive samples (see [`MAX_JITTER`]).
/// The second difference, not the first, so that a subject growing or shrinking steadily
/// (walking towards the camera) counts as steady; logarithms, so that a small subject's
/// changes weigh as much as a large one's.
fn coverage_jitter(coverages: &[f32]) -> f32 {
    // A sample where nothing moved counts as a hundredth of a percent, not as minus infinity.
    let logs: Vec<f32> = coverages.iter().map(|c| c.max(1e-4).ln()).collect();
    let mut strays: Vec<f32> = logs
        .windows(3)
        .map(|w| (w[1] - (w[0] + w[2]) / 2.0).abs())
        .collect();
    if strays.is_empty() {
        return 0.0;
    }
    strays.sort_by(f32::total_cmp);
    strays[strays.len() / 2]
}

/// A mask's outline is at most this many times the perimeter of a disc of its area, in the
/// median sample. Measured: a subject that moves across the frame comes out whole, at 1.1 to
/// 1.3 (the synthetic walker, a plant cut moving over a photograph); a person with arms and
/// legs spread out would be about 3. Megamind's dialogue shots, where heads turn and lips
/// move but nobody crosses the frame, come out as scattered slivers along the moving edges,
/// at 4 to 5: the median background holds the rest of the subject.
const MAX_OUTLINE: f32 = 3.0;

/// Mask pixels on the mask's edge over the perimeter of a disc of the mask's area.
fn outline(mask: &[u8], w: usize, h: usize, count: usize) -> f32 {
    let mut edge = 0usize;
    for y in 0..h {
        for x in 0..w {
            let i = y * w + x;
            // The frame's border is not part of the outline: a subject cut by it is not
            // ragged there.
            if mask[i] != 0
                && ((x > 0 && mask[i - 1] == 0)
                    || (x + 1 < w && mask[i + 1] == 0)
                    || (y > 0 && mask[i - w] == 0)
                    || (y + 1 < h && mask[i + w] == 0))
            {
                edge += 1;
            }
        }
    }
    edge as f32 / (2.0 * (std::f32::consts::PI * count as f32).sqrt())
}

/// Widens `bounds` (x0, y0, x1, y1; exclusive ends) to take in `mask`'s pixels.
pub(super) fn grow_bounds(bounds: &mut (usize, usize, usize, usize), mask: &[u8], w: usize) {
    for (i, _) in mask.iter().enumerate().filter(|(_, &m)| m != 0) {
        let (x, y) = (i % w, i / w);
        *bounds = (
            bounds.0.min(x),
            bounds.1.min(y),
            bounds.2.max(x + 1),
            bounds.3.max(y + 1),
        );
    }
}

/// Upsamples an analysis-grid mask whose value `full` means "all subject" (1 for a mask, 255
/// for weights) to `width` x `height` output pixels whose top-left sits at canvas pixel
/// (`ox`, `oy`), `factor` canvas pixels per analysis pixel. Bilinear, so the edge is
/// feathered over about one analysis pixel. Output 0..=255.
pub fn upsample_mask(
    mask: &[u8],
    full: u8,
    (mw, mh): (usize, usize),
    factor: f32,
    (ox, oy): (f32, f32),
    out: &mut [u8],
    (width, height): (usize, usize),
) {
    let scale = 255.0 / f32::from(full);
    let coord = |p: f32, limit: usize| {
        let c = ((p + 0.5) / factor - 0.5).clamp(0.0, (limit - 1) as f32);
        let i0 = c.floor() as usize;
        (i0, (i0 + 1).min(limit - 1), c - i0 as f32)
    };
    let xs: Vec<(usize, usize, f32)> = (0..width).map(|x| coord(x as f32 + ox, mw)).collect();
    // Blend the two mask rows first (a short row, vectorised), then sample it along x.
    out[..width * height]
        .par_chunks_mut(width)
        .enumerate()
        .for_each_init(Vec::new, |blended: &mut Vec<f32>, (y, row)| {
            let (y0, y1, wy) = coord(y as f32 + oy, mh);
            let (top, bottom) = (&mask[y0 * mw..(y0 + 1) * mw], &mask[y1 * mw..(y1 + 1) * mw]);
            blended.clear();
            blended.extend(top.iter().zip(bottom).map(|(&a, &c)| {
                let (a, c) = (f32::from(a), f32::from(c));
                (a + (c - a) * wy) * scale
            }));
            for (o, &(x0, x1, wx)) in row.iter_mut().zip(&xs) {
                let (left, right) = (blended[x0], blended[x1]);
                // Never negative: truncating after adding a half rounds, without libm's round.
                *o = (left + (right - left) * wx + 0.5) as u8;
            }
        });
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Pseudo-random bytes, a few distinct values so that ties and runs occur.
    fn noise(len: usize, seed: u64) -> Vec<u8> {
        let mut rng = crate::edit::ops::filters::Rng::new(&[seed]);
        (0..len).map(|_| (rng.next_u64() % 4) as u8 * 60).collect()
    }

    #[test]
    fn morphology_and_box3_match_their_definitions() {
        for (w, h) in [(1, 1), (1, 7), (9, 1), (2, 3), (17, 11), (40, 23)] {
            let src = noise(w * h, (w * 100 + h) as u64);
            let at = |x: isize, y: isize| -> Option<u8> {
                ((0..w as isize).contains(&x) && (0..h as isize).contains(&y))
                    .then(|| src[y as usize * w + x as usize])
            };
            for r in [1usize, 2, 3] {
                for grow in [false, true] {
                    let fast = morph(&src, w, h, r, grow);
                    for y in 0..h as isize {
                        for x in 0..w as isize {
                            let r = r as isize;
                            let around = (-r..=r)
                                .flat_map(|dy| (-r..=r).map(move |dx| (dx, dy)))
                                .filter_map(|(dx, dy)| at(x + dx, y + dy));
                            let expected = if grow { around.max() } else { around.min() };
                            assert_eq!(Some(fast[y as usize * w + x as usize]), expected);
                        }
                    }
                }
            }
            let values: Vec<f32> = src.iter().map(|&v| f32::from(v) / 7.0).collect();
            let mut fast = Vec::new();
            box3(&values, w, h, &mut fast);
            for y in 0..h as isize {
                for x in 0..w as isize {
                    let around: Vec<f32> = (-1..=1)
                        .flat_map(|dy| (-1..=1).map(move |dx| (dx, dy)))
                        .filter_map(|(dx, dy)| at(x + dx, y + dy))
                        .map(|v| f32::from(v) / 7.0)
                        .collect();
                    let expected = around.iter().sum::<f32>() / around.len() as f32;
                    let got = fast[y as usize * w + x as usize];
                    assert!(
                        (got - expected).abs() < 1e-4,
                        "{w}x{h} at {x},{y}: {got} {expected}"
                    );
                }
            }
        }
    }

    #[test]
    fn small_components_go_and_holes_fill() {
        let (w, h) = (20, 20);
        let mut mask = vec![0u8; w * h];
        for y in 4..14 {
            for x in 4..14 {
                mask[y * w + x] = 1;
            }
        }
        mask[8 * w + 8] = 0; // a hole
        mask[18 * w + 18] = 1; // a speck
        let mut kept = keep_large_components(&mask, w, h, 0);
        fill_holes(&mut kept, w, h);
        assert_eq!(kept[8 * w + 8], 1);
        assert_eq!(kept[18 * w + 18], 0);
        assert_eq!(kept.iter().filter(|&&m| m != 0).count(), 100);
    }

    #[test]
    fn a_whole_subject_has_a_short_outline_and_slivers_a_long_one() {
        let (w, h) = (120, 90);
        let mut disc = vec![0u8; w * h];
        for (i, m) in disc.iter_mut().enumerate() {
            let (x, y) = ((i % w) as f32 - 60.0, (i / w) as f32 - 45.0);
            *m = u8::from(x * x + y * y < 30.0 * 30.0);
        }
        let count = disc.iter().filter(|&&m| m != 0).count();
        let whole = outline(&disc, w, h, count);
        assert!((0.8..1.3).contains(&whole), "disc: {whole}");
        // The same area as slivers two pixels wide, as the moving edges of a still subject.
        let mut slivers = vec![0u8; w * h];
        let mut left = count;
        'fill: for x in (2..w - 2).step_by(6) {
            for y in 2..h - 2 {
                for dx in 0..2 {
                    slivers[y * w + x + dx] = 1;
                    left -= 1;
                    if left == 0 {
                        break 'fill;
                    }
                }
            }
        }
        let ragged = outline(&slivers, w, h, count);
        assert!(ragged > MAX_OUTLINE, "slivers: {ragged}");
        // A subject cut by the frame's edge is not ragged there.
        let mut half = vec![0u8; w * h];
        for y in 0..h {
            for x in 0..w / 3 {
                half[y * w + x] = 1;
            }
        }
        let cut = outline(&half, w, h, w / 3 * h);
        assert!(cut < 0.6, "cut by the frame: {cut}");
    }

    #[test]
    fn coverage_jitter_tells_one_subject_from_flickering_leaves() {
        // Percent coverage of the shot's samples, as measured (see MAX_JITTER).
        let steady: Vec<f32> = (0..40).map(|i| [8.05, 7.91][i % 2] / 100.0).collect();
        let approaching: Vec<f32> = (0..40).map(|i| 0.05 * 1.03f32.powi(i)).collect();
        let leaves = [
            0.72, 0.72, 0.49, 0.49, 0.98, 0.98, 0.78, 0.77, 0.28, 0.28, 0.30, 0.30, 0.14, 0.14,
            0.87, 0.87, 0.50, 0.21, 0.21, 0.18, 0.18, 0.29, 0.29, 0.53, 0.53, 0.31, 0.19, 0.19,
            0.29, 0.29, 0.55, 0.66, 0.66, 1.51, 1.78, 1.72, 2.09, 2.21, 2.67, 2.67,
        ]
        .map(|c: f32| c / 100.0);
        assert!(coverage_jitter(&steady) < 0.03);
        assert!(coverage_jitter(&approaching) < 0.01);
        assert!(coverage_jitter(&leaves) > MAX_JITTER);
        // A subject missing from a few samples (it left and came back) is not erratic.
        let mut away = steady.clone();
        away[10] = 0.0;
        away[25] = 0.0;
        assert!(coverage_jitter(&away) < 0.03);
        assert_eq!(coverage_jitter(&[0.1, 0.2]), 0.0);
    }

    #[test]
    fn upsampling_feathers_between_grid_points() {
        let mask = [0u8, 1];
        let mut out = [0u8; 8];
        upsample_mask(&mask, 1, (2, 1), 4.0, (0.0, 0.0), &mut out, (8, 1));
        assert_eq!(out[0], 0);
        assert_eq!(out[7], 255);
        assert!(out[3] > 0 && out[3] < 255);
    }
}
