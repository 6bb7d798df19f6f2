//! Edge refinement of the subject matte: a guided filter (He, Sun and Tang, 2010) with the
//! frame's own luma as the guide.
//!
//! Why: the matte comes from a mask on the analysis grid (a quarter of the output's size or
//! less), so its edge runs in steps of several output pixels, wherever the true outline is:
//! a hard, jagged cut through hair and shoulders, with a rim of the old background left on
//! one side and the subject cut into on the other. The guided filter makes the matte, within
//! a few pixels of its edge, a local linear function of the picture's brightness: the edge
//! moves onto the picture's own edge where there is one, and stays a soft ramp where there is
//! none (a dark sleeve against a dark wall). It works at chroma resolution (half the luma's
//! size each way), where its six box means cost about a millisecond a 720p frame on two
//! threads; the luma matte is the refined one, upsampled.

use rayon::prelude::*;
use recut_media::Frame;

use super::composite::Matte;

/// The window's radius at chroma resolution for 720-line output: 4 chroma pixels reach 8 luma
/// pixels either side, over the analysis grid's steps (4 luma pixels at 720 lines) and not
/// much further.
const RADIUS_AT_720: f32 = 4.0;

/// Regularisation, in squared 0-1 luma: below a local standard deviation of about 0.03 (7
/// levels, a little above compression noise) a window counts as flat and the matte there is
/// only smoothed.
const EPSILON: f32 = 0.0009;

/// Buffers reused from frame to frame.
#[derive(Default)]
pub struct MatteRefiner {
    guide: Vec<f32>,
    matte: Vec<f32>,
    mean_i: Vec<f32>,
    mean_p: Vec<f32>,
    products: Vec<f32>,
    mean_ii: Vec<f32>,
    mean_ip: Vec<f32>,
    scratch: Vec<f32>,
}

impl MatteRefiner {
    /// Refines `matte` (both planes) against `frame`, the picture it cuts, before any edit.
    /// Only the box around the matte's edge (its partly opaque pixels, plus the filter's
    /// reach) is worked on: elsewhere every window is all subject or all background, and
    /// the filter gives back what it was given.
    pub fn refine(&mut self, matte: &mut Matte, frame: &Frame) {
        let format = frame.format();
        let (w, h) = (format.width as usize, format.height as usize);
        let (cw, ch) = (
            format.chroma_width() as usize,
            format.chroma_height() as usize,
        );
        let r = ((RADIUS_AT_720 * ch.min(cw) as f32 / 360.0).round() as usize).max(2);
        // The edge's box, in chroma samples: partly opaque samples, and samples unlike the
        // one before them in the row or the column.
        let mut bounds: Option<(usize, usize, usize, usize)> = None;
        for (y, row) in matte.chroma.chunks(cw).enumerate() {
            let above = &matte.chroma[y.saturating_sub(1) * cw..][..cw];
            let edge = |x: usize| {
                let a = row[x];
                (a != 0 && a != 255) || a != above[x] || (x > 0 && a != row[x - 1])
            };
            let Some(first) = (0..cw).find(|&x| edge(x)) else {
                continue;
            };
            let last = (0..cw).rev().find(|&x| edge(x)).unwrap_or(first);
            bounds = Some(match bounds {
                None => (first, y, last, y),
                Some((x0, y0, x1, _)) => (x0.min(first), y0, x1.max(last), y),
            });
        }
        let Some((x0, y0, x1, y1)) = bounds else {
            return;
        };
        let reach = 2 * r + 1;
        let (x0, y0) = (x0.saturating_sub(reach), y0.saturating_sub(reach));
        let (x1, y1) = ((x1 + reach + 1).min(cw), (y1 + reach + 1).min(ch));
        let (bw, bh) = (x1 - x0, y1 - y0);
        let n = bw * bh;
        let luma = frame.y();
        // The guide: luma averaged over each chroma sample's 2x2 pixels.
        self.guide.resize(n, 0.0);
        self.guide
            .par_chunks_mut(bw)
            .enumerate()
            .for_each(|(by, row)| {
                let cy = y0 + by;
                let (ya, yb) = ((2 * cy).min(h - 1), (2 * cy + 1).min(h - 1));
                for (bx, g) in row.iter_mut().enumerate() {
                    let cx = x0 + bx;
                    let (xa, xb) = ((2 * cx).min(w - 1), (2 * cx + 1).min(w - 1));
                    let sum = u32::from(luma[ya * w + xa])
                        + u32::from(luma[ya * w + xb])
                        + u32::from(luma[yb * w + xa])
                        + u32::from(luma[yb * w + xb]);
                    *g = sum as f32 / (4.0 * 255.0);
                }
            });
        self.matte.clear();
        for row in matte.chroma.chunks(cw).skip(y0).take(bh) {
            self.matte
                .extend(row[x0..x1].iter().map(|&a| f32::from(a) / 255.0));
        }

        box_mean(&self.guide, &mut self.mean_i, bw, bh, r, &mut self.scratch);
        box_mean(&self.matte, &mut self.mean_p, bw, bh, r, &mut self.scratch);
        self.products.clear();
        self.products.extend(self.guide.iter().map(|&g| g * g));
        box_mean(
            &self.products,
            &mut self.mean_ii,
            bw,
            bh,
            r,
            &mut self.scratch,
        );
        self.products.clear();
        self.products
            .extend(self.guide.iter().zip(&self.matte).map(|(&g, &p)| g * p));
        box_mean(
            &self.products,
            &mut self.mean_ip,
            bw,
            bh,
            r,
            &mut self.scratch,
        );
        // Per window: the matte as a * guide + b, least squares with a ridge on a. `a` goes
        // into `mean_ii` and `b` into `mean_ip`, whose values are no longer needed; how much
        // the window's picture has an edge to follow, into `products`.
        self.mean_ii
            .par_iter_mut()
            .zip(self.mean_ip.par_iter_mut())
            .zip(self.products.par_iter_mut())
            .zip(self.mean_i.par_iter().zip(self.mean_p.par_iter()))
            .for_each(|(((ii, ip), trust), (&mi, &mp))| {
                let variance = (*ii - mi * mi).max(0.0);
                let covariance = *ip - mi * mp;
                let a = covariance / (variance + EPSILON);
                *ii = a;
                *ip = mp - a * mi;
                *trust = variance / (variance + EPSILON);
            });
        // Each pixel takes the mean of the linear models of the windows that contain it.
        box_mean(
            &self.mean_ii,
            &mut self.mean_i,
            bw,
            bh,
            r,
            &mut self.scratch,
        );
        box_mean(
            &self.mean_ip,
            &mut self.mean_p,
            bw,
            bh,
            r,
            &mut self.scratch,
        );
        // Where the picture has no edge near the matte's (a dark sleeve against a dark wall),
        // the filter would only blur the matte, mixing the old background into the new one
        // in a halo: there the matte stays as it was.
        self.matte
            .par_iter_mut()
            .zip(self.guide.par_iter().zip(self.products.par_iter()))
            .zip(self.mean_i.par_iter().zip(self.mean_p.par_iter()))
            .for_each(|((q, (&g, &trust)), (&a, &b))| {
                let refined = (a * g + b).clamp(0.0, 1.0);
                *q += (refined - *q) * trust;
            });
        for (row, refined) in matte
            .chroma
            .chunks_mut(cw)
            .skip(y0)
            .take(bh)
            .zip(self.matte.chunks(bw))
        {
            for (out, &q) in row[x0..x1].iter_mut().zip(refined) {
                *out = (q * 255.0 + 0.5) as u8;
            }
        }
        // The luma matte over the same box: the refined samples, bilinear, pixel centres
        // aligned (luma pixel x sits at chroma x / 2 - 1/4).
        let refined = &self.matte;
        let (lx0, lx1) = (2 * x0, (2 * x1).min(w));
        let taps: Vec<(usize, usize, f32)> = (lx0..lx1)
            .map(|x| {
                let c = ((x as f32 + 0.5) / 2.0 - 0.5 - x0 as f32).clamp(0.0, (bw - 1) as f32);
                let i = c as usize;
                (i, (i + 1).min(bw - 1), c - i as f32)
            })
            .collect();
        matte
            .luma
            .par_chunks_mut(w)
            .enumerate()
            .skip(2 * y0)
            .take((2 * y1).min(h) - 2 * y0)
            .for_each(|(y, row)| {
                let c = ((y as f32 + 0.5) / 2.0 - 0.5 - y0 as f32).clamp(0.0, (bh - 1) as f32);
                let (i0, fy) = (c as usize, c - (c as usize) as f32);
                let i1 = (i0 + 1).min(bh - 1);
                let (top, bottom) = (&refined[i0 * bw..][..bw], &refined[i1 * bw..][..bw]);
                for (out, &(a, b, fx)) in row[lx0..lx1].iter_mut().zip(&taps) {
                    let upper = top[a] + (top[b] - top[a]) * fx;
                    let lower = bottom[a] + (bottom[b] - bottom[a]) * fx;
                    *out = ((upper + (lower - upper) * fy) * 255.0 + 0.5) as u8;
                }
            });
    }
}

/// The mean over the (2r+1)^2 window around each sample, edges clamped.
fn box_mean(
    src: &[f32],
    dst: &mut Vec<f32>,
    width: usize,
    height: usize,
    r: usize,
    scratch: &mut Vec<f32>,
) {
    let window = 2 * r + 1;
    let scale = 1.0 / window as f32;
    scratch.resize(width * height, 0.0);
    dst.resize(width * height, 0.0);
    // Horizontal running sums, each row padded with its edge values.
    scratch
        .par_chunks_mut(width)
        .zip(src.par_chunks(width))
        .for_each_init(Vec::new, |padded: &mut Vec<f32>, (sums, row)| {
            padded.clear();
            padded.extend(std::iter::repeat_n(row[0], r));
            padded.extend_from_slice(row);
            padded.extend(std::iter::repeat_n(row[width - 1], r + 1));
            // A running f32 sum drifts by about 1e-7 of the window's sum a step: over a
            // row or a block of rows, far below the 1/255 a matte level is.
            let mut sum: f32 = padded[..window].iter().sum();
            for (x, slot) in sums.iter_mut().enumerate() {
                *slot = sum * scale;
                sum += padded[x + window] - padded[x];
            }
        });
    // Vertical: running sums down blocks of rows, the blocks in parallel.
    let scratch = &scratch[..];
    let row_of = |y: isize| y.clamp(0, height as isize - 1) as usize * width;
    let rows_per_block = height.div_ceil(rayon::current_num_threads().max(1));
    dst.par_chunks_mut(rows_per_block * width)
        .enumerate()
        .for_each(|(block, out)| {
            let first = (block * rows_per_block) as isize;
            let mut acc = vec![0f32; width];
            for dy in -(r as isize)..=r as isize {
                let start = row_of(first + dy);
                for (a, &s) in acc.iter_mut().zip(&scratch[start..start + width]) {
                    *a += s;
                }
            }
            for (offset, out) in out.chunks_mut(width).enumerate() {
                let y = first + offset as isize;
                for (o, &a) in out.iter_mut().zip(&acc) {
                    *o = a * scale;
                }
                let add = &scratch[row_of(y + r as isize + 1)..][..width];
                let sub = &scratch[row_of(y - r as isize)..][..width];
                for ((a, &plus), &minus) in acc.iter_mut().zip(add).zip(sub) {
                    *a += plus - minus;
                }
            }
        });
}

#[cfg(test)]
mod tests {
    use super::*;
    use recut_media::FrameFormat;

    #[test]
    #[ignore = "a timing, run by hand"]
    fn refine_cost_at_720p() {
        let (w, h) = (1280usize, 720usize);
        let mut frame = Frame::new(FrameFormat::new(w as u32, h as u32));
        frame
            .planes_mut()
            .0
            .iter_mut()
            .enumerate()
            .for_each(|(i, v)| *v = (i % 251) as u8);
        // A person-sized blob: its edge box about half the frame.
        let blob = |x: usize, y: usize, scale: usize| {
            let (dx, dy) = (
                x as f32 - 320.0 / scale as f32,
                y as f32 - 400.0 / scale as f32,
            );
            (dx * dx + dy * dy).sqrt() < 300.0 / scale as f32
        };
        let mut matte = Matte {
            luma: (0..w * h)
                .map(|i| if blob(i % w, i / w, 1) { 255 } else { 0 })
                .collect(),
            chroma: (0..w * h / 4)
                .map(|i| {
                    if blob(i % (w / 2), i / (w / 2), 2) {
                        255
                    } else {
                        0
                    }
                })
                .collect(),
        };
        let mut refiner = MatteRefiner::default();
        let start = std::time::Instant::now();
        for _ in 0..50 {
            refiner.refine(&mut matte, &frame);
        }
        eprintln!(
            "{:.2} ms a frame",
            start.elapsed().as_secs_f64() * 1000.0 / 50.0
        );
    }

    #[test]
    fn box_mean_matches_its_definition() {
        let (w, h, r) = (23, 17, 3);
        let src: Vec<f32> = (0..w * h).map(|i| ((i * 37) % 11) as f32 / 10.0).collect();
        let mut dst = Vec::new();
        box_mean(&src, &mut dst, w, h, r, &mut Vec::new());
        for y in 0..h {
            for x in 0..w {
                let mut sum = 0.0;
                for dy in -(r as isize)..=r as isize {
                    for dx in -(r as isize)..=r as isize {
                        let yy = (y as isize + dy).clamp(0, h as isize - 1) as usize;
                        let xx = (x as isize + dx).clamp(0, w as isize - 1) as usize;
                        sum += src[yy * w + xx];
                    }
                }
                let expected = sum / ((2 * r + 1) * (2 * r + 1)) as f32;
                assert!((dst[y * w + x] - expected).abs() < 1e-4, "({x}, {y})");
            }
        }
    }

    /// A bright disc on a dark ground, and a matte cut from a coarse grid as the analysis
    /// mask is: the refined matte's edge lies on the disc's, where the coarse one was off
    /// by up to a grid step.
    #[test]
    fn the_refined_edge_moves_onto_the_picture_s_edge() {
        let (w, h) = (640usize, 480usize);
        let (cx, cy, radius) = (300.0f32, 236.0f32, 122.0f32);
        let inside = |x: usize, y: usize| {
            ((x as f32 + 0.5 - cx).powi(2) + (y as f32 + 0.5 - cy).powi(2)).sqrt() < radius
        };
        let mut frame = Frame::new(FrameFormat::new(w as u32, h as u32));
        {
            let (py, pu, pv) = frame.planes_mut();
            for y in 0..h {
                for x in 0..w {
                    // Texture on both sides, as a real picture has.
                    let texture = ((x * 7 + y * 13) % 9) as u8;
                    py[y * w + x] = if inside(x, y) { 180 } else { 50 } + texture;
                }
            }
            pu.fill(128);
            pv.fill(128);
        }
        // The coarse matte: the disc on a 6-pixel grid (the person model's cells at this
        // size), blown up with hard steps.
        let step = 6;
        let coarse =
            |x: usize, y: usize| inside(x / step * step + step / 2, y / step * step + step / 2);
        let (cw, ch) = (w / 2, h / 2);
        let mut matte = Matte {
            luma: (0..w * h)
                .map(|i| if coarse(i % w, i / w) { 255 } else { 0 })
                .collect(),
            chroma: (0..cw * ch)
                .map(|i| {
                    if coarse(2 * (i % cw), 2 * (i / cw)) {
                        255
                    } else {
                        0
                    }
                })
                .collect(),
        };
        let wrong = |matte: &Matte| {
            (0..w * h)
                .filter(|&i| (matte.luma[i] >= 128) != inside(i % w, i / w))
                .count()
        };
        let before = wrong(&matte);
        MatteRefiner::default().refine(&mut matte, &frame);
        let after = wrong(&matte);
        assert!(
            after * 3 < before,
            "pixels on the wrong side of the edge: {before} before, {after} after"
        );
        // Far from the edge the matte is untouched.
        assert_eq!(matte.luma[(cy as usize) * w + cx as usize], 255);
        assert_eq!(matte.luma[5 * w + 5], 0);
    }
}
