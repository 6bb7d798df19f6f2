//! Subject masks by background modelling, for a locked-off camera.
//!
//! Why this method: no segmentation weights can be shipped or downloaded here, and on a
//! fixed camera the background is the one thing that is the same in every frame. A first pass
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
//! moves (median coverage near zero), or nearly everything does (moving camera), or the
//! background is not stable, the engine refuses instead of compositing garbage.

use rayon::prelude::*;
use recut_media::Frame;

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
}

impl Sample {
    /// `factor` must be even.
    pub fn from_frame(frame: &Frame, factor: usize) -> Self {
        let format = frame.format();
        let (w, h) = (format.width as usize, format.height as usize);
        let (cw, ch) = (
            format.chroma_width() as usize,
            format.chroma_height() as usize,
        );
        let mut y = Vec::new();
        let (width, height) = downsample(frame.y(), w, h, factor, &mut y);
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
        }
    }

    fn distance(&self, background: &Background, i: usize) -> f32 {
        let dy = f32::from(self.y[i]) - f32::from(background.y[i]);
        let du = f32::from(self.u[i]) - f32::from(background.u[i]);
        let dv = f32::from(self.v[i]) - f32::from(background.v[i]);
        (dy * dy + 2.0 * (du * du + dv * dv)).sqrt()
    }
}

/// The per-pixel temporal median of the samples, and the clip's noise level.
#[derive(Debug, Clone)]
pub struct Background {
    pub width: usize,
    pub height: usize,
    y: Vec<u8>,
    u: Vec<u8>,
    v: Vec<u8>,
    /// Median distance of samples to the background: the noise floor.
    pub noise: f32,
    pub threshold: f32,
}

impl Background {
    /// The Y, Cb and Cr planes on the analysis grid.
    pub fn planes(&self) -> (&[u8], &[u8], &[u8]) {
        (&self.y, &self.u, &self.v)
    }

    pub fn from_samples(samples: &[Sample]) -> Self {
        let first = &samples[0];
        let (width, height) = (first.width, first.height);
        let len = width * height;
        let mut column = Vec::with_capacity(samples.len());
        let mut median = |plane: fn(&Sample) -> &Vec<u8>| -> Vec<u8> {
            (0..len)
                .map(|i| {
                    column.clear();
                    column.extend(samples.iter().map(|s| plane(s)[i]));
                    let mid = column.len() / 2;
                    *column.select_nth_unstable(mid).1
                })
                .collect()
        };
        let y = median(|s| &s.y);
        let u = median(|s| &s.u);
        let v = median(|s| &s.v);
        let mut background = Self {
            width,
            height,
            y,
            u,
            v,
            noise: 0.0,
            threshold: 0.0,
        };
        let mut distances: Vec<f32> = samples
            .iter()
            .flat_map(|s| {
                (0..len)
                    .map(|i| s.distance(&background, i))
                    .collect::<Vec<_>>()
            })
            .collect();
        let mid = distances.len() / 2;
        background.noise = *distances
            .select_nth_unstable_by(mid, |a, b| a.total_cmp(b))
            .1;
        background.threshold = (3.0 * background.noise + 7.0).max(11.0);
        background
    }
}

/// Per-frame foreground on the analysis grid, with temporal state.
pub struct MaskTracker {
    background: Background,
    score: Vec<f32>,
    blurred: Vec<f32>,
    mask: Vec<u8>,
}

impl MaskTracker {
    pub fn new(background: Background) -> Self {
        Self {
            background,
            score: Vec::new(),
            blurred: Vec::new(),
            mask: Vec::new(),
        }
    }

    pub fn background(&self) -> &Background {
        &self.background
    }

    /// The foreground (0 or 1 per analysis pixel) of the next frame in order.
    pub fn next(&mut self, sample: &Sample) -> &[u8] {
        self.segment(sample, true);
        &self.mask
    }

    /// The foreground of a frame on its own, without temporal smoothing.
    pub fn single(&mut self, sample: &Sample) -> &[u8] {
        self.segment(sample, false);
        &self.mask
    }

    fn segment(&mut self, sample: &Sample, temporal: bool) {
        let (w, h) = (self.background.width, self.background.height);
        let len = w * h;
        let t = self.background.threshold;
        let raw: Vec<f32> = (0..len)
            .map(|i| {
                let d = sample.distance(&self.background, i);
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
        self.mask = keep_large_components(&closed, w, h);
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
/// 0.1% of the picture and 8% of the largest.
fn keep_large_components(mask: &[u8], w: usize, h: usize) -> Vec<u8> {
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
    let minimum = ((w * h) / 1000).max(largest * 8 / 100).max(1);
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

/// Decides whether the samples show a subject that can be separated from a static background.
pub fn summarise(tracker: &mut MaskTracker, samples: &[Sample]) -> Result<SubjectSummary, String> {
    let background = tracker.background().clone();
    if background.noise > 14.0 {
        return Err(format!(
            "no separable subject: the background is not static (typical change between frames {:.0} levels); subject-aware edits need a locked-off camera",
            background.noise
        ));
    }
    let (w, h) = (background.width, background.height);
    let mut coverages = Vec::with_capacity(samples.len());
    let mut bounds = (w, h, 0, 0);
    for sample in samples {
        let mask = tracker.single(sample);
        let count = mask.iter().filter(|&&m| m != 0).count();
        coverages.push(count as f32 / (w * h) as f32);
        for (i, _) in mask.iter().enumerate().filter(|(_, &m)| m != 0) {
            let (x, y) = (i % w, i / w);
            bounds = (
                bounds.0.min(x),
                bounds.1.min(y),
                bounds.2.max(x + 1),
                bounds.3.max(y + 1),
            );
        }
    }
    coverages.sort_by(f32::total_cmp);
    let coverage = coverages[coverages.len() / 2];
    if coverage < 0.004 {
        return Err("no separable subject: nothing moves against the background, so the subject cannot be told apart from it (subject-aware edits need a subject that moves in front of a locked-off camera)".into());
    }
    if coverage > 0.6 {
        return Err(format!(
            "no separable subject: {:.0}% of the picture changes between frames (a moving camera or a subject filling the frame); subject-aware edits need a locked-off camera",
            coverage * 100.0
        ));
    }
    Ok(SubjectSummary { coverage, bounds })
}

/// Upsamples an analysis-grid mask to `width` x `height` output pixels whose top-left sits
/// at canvas pixel (`ox`, `oy`), `factor` canvas pixels per analysis pixel. Bilinear, so the
/// edge is feathered over about one analysis pixel. Output 0..=255.
#[allow(clippy::too_many_arguments)]
pub fn upsample_mask(
    mask: &[u8],
    mw: usize,
    mh: usize,
    factor: f32,
    ox: f32,
    oy: f32,
    out: &mut [u8],
    width: usize,
    height: usize,
) {
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
                (a + (c - a) * wy) * 255.0
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
        let mut kept = keep_large_components(&mask, w, h);
        fill_holes(&mut kept, w, h);
        assert_eq!(kept[8 * w + 8], 1);
        assert_eq!(kept[18 * w + 18], 0);
        assert_eq!(kept.iter().filter(|&&m| m != 0).count(), 100);
    }

    #[test]
    fn upsampling_feathers_between_grid_points() {
        let mask = [0u8, 1];
        let mut out = [0u8; 8];
        upsample_mask(&mask, 2, 1, 4.0, 0.0, 0.0, &mut out, 8, 1);
        assert_eq!(out[0], 0);
        assert_eq!(out[7], 255);
        assert!(out[3] > 0 && out[3] < 255);
    }
}
