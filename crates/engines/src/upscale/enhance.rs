//! The pixel filters behind the enhancement profiles, all at the source's resolution (before
//! the encoder resizes): deblocking, edge-preserving denoising and halo-free sharpening,
//! plus the two measurements `auto` chooses by.
//!
//! Sharpening is an unsharp mask whose result is clamped to the range of each pixel's 3x3
//! neighbourhood in the input: edges get steeper, but nothing can overshoot into the bright
//! or dark fringe that makes a halo. Differences below a noise threshold are left alone
//! ("coring"), so flat areas and grain are not amplified.

use rayon::prelude::*;
use recut_media::Frame;

use super::mask::SubjectMask;

/// Strengths of each stage; zero turns a stage off.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Enhancement {
    /// Largest step across an 8x8 block edge that is treated as a coding artefact (luma levels).
    pub deblock: f32,
    /// Range sigma of the edge-preserving denoiser (luma levels).
    pub denoise: f32,
    /// Unsharp-mask gain.
    pub sharpen: f32,
    /// Detail below this amplitude (luma levels) is not sharpened.
    pub sharpen_threshold: f32,
}

impl Enhancement {
    pub const NONE: Enhancement = Enhancement {
        deblock: 0.0,
        denoise: 0.0,
        sharpen: 0.0,
        sharpen_threshold: 0.0,
    };

    pub fn is_none(&self) -> bool {
        self.deblock <= 0.0 && self.denoise <= 0.0 && self.sharpen <= 0.0
    }

    /// Runs the stages in order (deblock, denoise, sharpen) on `frame`. With a mask, each
    /// pixel ends up `mask` of the way from the original to the enhanced value.
    pub fn apply(&self, frame: &mut Frame, mask: Option<&SubjectMask>) {
        if self.is_none() {
            return;
        }
        let format = frame.format();
        let (w, h) = (format.width as usize, format.height as usize);
        let (cw, ch) = (
            format.chroma_width() as usize,
            format.chroma_height() as usize,
        );
        let original = mask.map(|_| frame.clone());
        let (y, u, v) = frame.planes_mut();
        if self.deblock > 0.0 {
            deblock(y, w, h, self.deblock);
            deblock(u, cw, ch, self.deblock);
            deblock(v, cw, ch, self.deblock);
        }
        if self.denoise > 0.0 {
            denoise(y, w, h, self.denoise);
            denoise(u, cw, ch, self.denoise);
            denoise(v, cw, ch, self.denoise);
        }
        if self.sharpen > 0.0 {
            sharpen(y, w, h, self.sharpen, self.sharpen_threshold);
        }
        if let (Some(mask), Some(original)) = (mask, original) {
            mask.blend(original.y(), y, w, h, 1.0);
            mask.blend(original.u(), u, cw, ch, 0.5);
            mask.blend(original.v(), v, cw, ch, 0.5);
        }
    }
}

/// Smooths small steps across the edges of the 8x8 grid a block codec leaves, first across
/// vertical edges, then horizontal ones. A step larger than `threshold`, or one with texture
/// on either side, is a real edge and kept.
fn deblock(plane: &mut [u8], w: usize, h: usize, threshold: f32) {
    let filter = |p1: &mut u8, p0: &mut u8, q0: &mut u8, q1: &mut u8| {
        let (a1, a0, b0, b1) = (
            f32::from(*p1),
            f32::from(*p0),
            f32::from(*q0),
            f32::from(*q1),
        );
        let step = b0 - a0;
        if step.abs() >= threshold
            || (a1 - a0).abs() >= threshold / 2.0
            || (b1 - b0).abs() >= threshold / 2.0
        {
            return;
        }
        // The new values lie between the old ones (0-255), so adding a half and truncating
        // rounds them as `round` would, without a libm call per pixel.
        let delta = step / 4.0;
        *p0 = (a0 + delta + 0.5) as u8;
        *q0 = (b0 - delta + 0.5) as u8;
        *p1 = (a1 + delta / 2.0 + 0.5) as u8;
        *q1 = (b1 - delta / 2.0 + 0.5) as u8;
    };
    if w >= 4 {
        plane.par_chunks_mut(w).for_each(|row| {
            for edge in (8..w.saturating_sub(1)).step_by(8) {
                let (left, right) = row.split_at_mut(edge);
                let (l1, l0) = left[edge - 2..].split_at_mut(1);
                let (r0, r1) = right.split_at_mut(1);
                filter(&mut l1[0], &mut l0[0], &mut r0[0], &mut r1[0]);
            }
        });
    }
    // Each horizontal edge (rows 8k - 2 to 8k + 1) lies inside one band of eight rows
    // starting at row 8k - 2, so the bands run in parallel.
    if h > 8 {
        plane[6 * w..].par_chunks_mut(8 * w).for_each(|band| {
            if band.len() < 4 * w {
                return;
            }
            let (above, below) = band.split_at_mut(2 * w);
            let (a1, a0) = above.split_at_mut(w);
            let (b0, b1) = below[..2 * w].split_at_mut(w);
            for (((p1, p0), q0), q1) in a1.iter_mut().zip(a0).zip(b0).zip(b1) {
                filter(p1, p0, q0, q1);
            }
        });
    }
}

/// 5x5 edge-preserving average: neighbours count less the more they differ from the centre
/// (a rational falloff with scale `sigma`), so noise is averaged away and edges are not.
///
/// The costliest filter of the profiles that denoise (25 weighted taps per pixel of every
/// plane), so the interior of each row runs tap by tap over the whole row in floats, which
/// vectorises; on x86-64 the same code is compiled again for AVX-512 and for AVX2. All do
/// the same float operations in the same order per pixel as the edge columns' scalar code.
fn denoise(plane: &mut [u8], w: usize, h: usize, sigma: f32) {
    let source: Vec<f32> = plane.iter().map(|&v| f32::from(v)).collect();
    let inv = 1.0 / (sigma * sigma);
    #[cfg(target_arch = "x86_64")]
    let avx512 = std::arch::is_x86_feature_detected!("avx512f");
    #[cfg(target_arch = "x86_64")]
    let avx2 = std::arch::is_x86_feature_detected!("avx2");
    plane.par_chunks_mut(w).enumerate().for_each_init(
        || (vec![0f32; w], vec![0f32; w]),
        |(sums, weights), (y, row)| {
            let rows: [&[f32]; 5] = std::array::from_fn(|j| {
                let yy = (y as isize + j as isize - 2).clamp(0, h as isize - 1) as usize;
                &source[yy * w..(yy + 1) * w]
            });
            #[cfg(target_arch = "x86_64")]
            if avx512 {
                // SAFETY: AVX-512 F was detected at run time.
                unsafe { denoise_row_avx512(&rows, inv, sums, weights, row) };
                return;
            }
            #[cfg(target_arch = "x86_64")]
            if avx2 {
                // SAFETY: AVX2 was detected at run time.
                unsafe { denoise_row_avx2(&rows, inv, sums, weights, row) };
                return;
            }
            denoise_row(&rows, inv, sums, weights, row);
        },
    );
}

/// Spatial weight of tap (`i`, `j`) of the 5x5 window: the outer ring counts half.
#[inline(always)]
fn spatial_weight(i: usize, j: usize) -> f32 {
    if i == 0 || i == 4 || j == 0 || j == 4 {
        0.5
    } else {
        1.0
    }
}

#[inline(always)]
fn range_weight(difference: f32, inv: f32) -> f32 {
    1.0 / (1.0 + difference * difference * inv)
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx512f,avx2")]
unsafe fn denoise_row_avx512(
    rows: &[&[f32]; 5],
    inv: f32,
    sums: &mut [f32],
    weights: &mut [f32],
    out: &mut [u8],
) {
    denoise_row(rows, inv, sums, weights, out);
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
unsafe fn denoise_row_avx2(
    rows: &[&[f32]; 5],
    inv: f32,
    sums: &mut [f32],
    weights: &mut [f32],
    out: &mut [u8],
) {
    denoise_row(rows, inv, sums, weights, out);
}

/// One row of [`denoise`]: `rows` are the five source rows around it (edge-extended).
#[inline(always)]
fn denoise_row(
    rows: &[&[f32]; 5],
    inv: f32,
    sums: &mut [f32],
    weights: &mut [f32],
    out: &mut [u8],
) {
    let w = out.len();
    let center = rows[2];
    // Interior columns 2..w-2, whose five taps all lie inside the row.
    let n = w.saturating_sub(4);
    if n > 0 {
        let (sums, weights) = (&mut sums[..n], &mut weights[..n]);
        sums.fill(0.0);
        weights.fill(0.0);
        let centers = &center[2..2 + n];
        for (j, taps) in rows.iter().enumerate() {
            for i in 0..5 {
                let spatial = spatial_weight(i, j);
                let samples = &taps[i..i + n];
                for (((sum, weight_sum), &sample), &c) in sums
                    .iter_mut()
                    .zip(weights.iter_mut())
                    .zip(samples)
                    .zip(centers)
                {
                    let weight = spatial * range_weight((sample - c).abs(), inv);
                    *sum += weight * sample;
                    *weight_sum += weight;
                }
            }
        }
        for ((value, &sum), &weight_sum) in out[2..2 + n]
            .iter_mut()
            .zip(sums.iter())
            .zip(weights.iter())
        {
            *value = (sum / weight_sum + 0.5) as u8;
        }
    }
    let edges = [0, 1, w.saturating_sub(2), w.saturating_sub(1)];
    for x in (0..w).filter(|x| n == 0 || edges.contains(x)) {
        let c = center[x];
        let (mut sum, mut weight_sum) = (0.0f32, 0.0f32);
        for (j, taps) in rows.iter().enumerate() {
            for i in 0..5 {
                let sample = taps[(x as isize + i as isize - 2).clamp(0, w as isize - 1) as usize];
                let weight = spatial_weight(i, j) * range_weight((sample - c).abs(), inv);
                sum += weight * sample;
                weight_sum += weight;
            }
        }
        out[x] = (sum / weight_sum + 0.5) as u8;
    }
}

/// Cored unsharp mask, clamped to the local 3x3 range of the input.
fn sharpen(plane: &mut [u8], w: usize, h: usize, gain: f32, threshold: f32) {
    let source = plane.to_vec();
    plane.par_chunks_mut(w).enumerate().for_each(|(y, row)| {
        let rows = [
            &source[y.saturating_sub(1) * w..][..w],
            &source[y * w..][..w],
            &source[(y + 1).min(h - 1) * w..][..w],
        ];
        #[cfg(target_arch = "x86_64")]
        if is_x86_feature_detected!("avx512f") && is_x86_feature_detected!("avx512bw") {
            // SAFETY: the CPU has the features the function is compiled for.
            unsafe { sharpen_row_avx512(rows, row, gain, threshold) };
            return;
        }
        #[cfg(target_arch = "x86_64")]
        if is_x86_feature_detected!("avx2") {
            // SAFETY: as above.
            unsafe { sharpen_row_avx2(rows, row, gain, threshold) };
            return;
        }
        sharpen_row(rows, row, gain, threshold);
    });
}

/// [`sharpen_row`] sixteen pixels wide (the same operations, so the same bytes).
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx512f,avx512bw,avx2")]
unsafe fn sharpen_row_avx512(rows: [&[u8]; 3], out: &mut [u8], gain: f32, threshold: f32) {
    sharpen_row(rows, out, gain, threshold);
}

/// [`sharpen_row`] eight pixels wide.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
unsafe fn sharpen_row_avx2(rows: [&[u8]; 3], out: &mut [u8], gain: f32, threshold: f32) {
    sharpen_row(rows, out, gain, threshold);
}

/// One output row from the rows above, at and below it (the edge rows repeated). The
/// columns inside the row run as straight slices one apart, which vectorise; the first and
/// last column repeat their edge pixel.
#[inline(always)]
fn sharpen_row(rows: [&[u8]; 3], out: &mut [u8], gain: f32, threshold: f32) {
    let w = out.len();
    let pixel = |taps: [u8; 9]| -> u8 {
        let lo = taps.iter().copied().fold(u8::MAX, u8::min);
        let hi = taps.iter().copied().fold(u8::MIN, u8::max);
        // The 1-2-1 binomial blur, in integers.
        let corners =
            u32::from(taps[0]) + u32::from(taps[2]) + u32::from(taps[6]) + u32::from(taps[8]);
        let edges =
            u32::from(taps[1]) + u32::from(taps[3]) + u32::from(taps[5]) + u32::from(taps[7]);
        let blur = (corners + 2 * edges + 4 * u32::from(taps[4])) as f32 / 16.0;
        let center = f32::from(taps[4]);
        let detail = center - blur;
        // (`copysign` and `max`/`min` rather than `signum` and `clamp`: the same values
        // here, without the branches that kept the loop from vectorising.)
        let cored = (detail.abs() - threshold).max(0.0).copysign(detail);
        let sharpened = center + gain * cored;
        (sharpened + 0.5)
            .max(f32::from(lo))
            .min(f32::from(hi) + 0.5) as u8
    };
    let [above, middle, below] = rows;
    let at = |x: usize| {
        let (l, r) = (x.saturating_sub(1), (x + 1).min(w - 1));
        [
            above[l], above[x], above[r], middle[l], middle[x], middle[r], below[l], below[x],
            below[r],
        ]
    };
    if w < 3 {
        for (x, value) in out.iter_mut().enumerate() {
            *value = pixel(at(x));
        }
        return;
    }
    out[0] = pixel(at(0));
    out[w - 1] = pixel(at(w - 1));
    let inner = w - 2;
    let (a0, a1, a2) = (&above[..inner], &above[1..][..inner], &above[2..][..inner]);
    let (m0, m1, m2) = (
        &middle[..inner],
        &middle[1..][..inner],
        &middle[2..][..inner],
    );
    let (b0, b1, b2) = (&below[..inner], &below[1..][..inner], &below[2..][..inner]);
    for (i, value) in out[1..][..inner].iter_mut().enumerate() {
        *value = pixel([
            a0[i], a1[i], a2[i], m0[i], m1[i], m2[i], b0[i], b1[i], b2[i],
        ]);
    }
}

/// Noise standard deviation of luma in levels, by Immerkær's method ("Fast noise variance
/// estimation", 1996): the mean absolute response to a Laplacian-difference kernel that
/// cancels smooth image structure, over pixels away from strong edges.
pub fn estimate_noise(frame: &Frame) -> f32 {
    let format = frame.format();
    let (w, h) = (format.width as usize, format.height as usize);
    if w < 3 || h < 3 {
        return 0.0;
    }
    let y = frame.y();
    let (sum, count) = (1..h - 1)
        .into_par_iter()
        .map(|row| {
            let (mut sum, mut count) = (0.0f64, 0u64);
            for x in 1..w - 1 {
                let p = |dx: isize, dy: isize| {
                    f64::from(y[(row as isize + dy) as usize * w + (x as isize + dx) as usize])
                };
                let gradient = (p(1, 0) - p(-1, 0)).abs() + (p(0, 1) - p(0, -1)).abs();
                if gradient > 40.0 {
                    continue;
                }
                let response = p(-1, -1) - 2.0 * p(0, -1) + p(1, -1) - 2.0 * p(-1, 0)
                    + 4.0 * p(0, 0)
                    - 2.0 * p(1, 0)
                    + p(-1, 1)
                    - 2.0 * p(0, 1)
                    + p(1, 1);
                sum += response.abs();
                count += 1;
            }
            (sum, count)
        })
        .reduce(|| (0.0, 0), |a, b| (a.0 + b.0, a.1 + b.1));
    if count == 0 {
        return 0.0;
    }
    ((std::f64::consts::PI / 2.0).sqrt() / 6.0 * sum / count as f64) as f32
}

/// How much stronger luma steps are across the 8-pixel grid than inside blocks: about 1 for
/// clean footage, well above for heavily compressed footage.
pub fn estimate_blockiness(frame: &Frame) -> f32 {
    let format = frame.format();
    let (w, h) = (format.width as usize, format.height as usize);
    if w < 16 || h < 16 {
        return 1.0;
    }
    let y = frame.y();
    let (mut edge, mut edges, mut inner, mut inners) = (0.0f64, 0u64, 0.0f64, 0u64);
    for row in 0..h {
        for x in 1..w {
            let step = (f64::from(y[row * w + x]) - f64::from(y[row * w + x - 1])).abs();
            if x % 8 == 0 {
                edge += step;
                edges += 1;
            } else {
                inner += step;
                inners += 1;
            }
        }
    }
    let inner = inner / inners.max(1) as f64;
    let edge = edge / edges.max(1) as f64;
    if inner < 1e-3 {
        return 1.0;
    }
    (edge / inner) as f32
}

#[cfg(test)]
mod tests {
    use super::*;
    use recut_media::FrameFormat;

    fn frame_from(luma: impl Fn(usize, usize) -> f32, w: usize, h: usize) -> Frame {
        let mut frame = Frame::new(FrameFormat::new(w as u32, h as u32));
        let (y, _, _) = frame.planes_mut();
        for row in 0..h {
            for x in 0..w {
                y[row * w + x] = luma(x, row).round().clamp(0.0, 255.0) as u8;
            }
        }
        frame
    }

    fn noise(x: usize, y: usize) -> f32 {
        let mut h = (x as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15)
            ^ (y as u64).wrapping_mul(0xC2B2_AE3D_27D4_EB4F);
        h ^= h >> 31;
        h = h.wrapping_mul(0xBF58_476D_1CE4_E5B9);
        h ^= h >> 29;
        // Uniform in [-1, 1): standard deviation 1/sqrt(3).
        (h % 2000) as f32 / 1000.0 - 1.0
    }

    #[test]
    fn noise_estimate_tracks_added_noise() {
        let clean = frame_from(|x, y| 100.0 + 0.3 * x as f32 + 0.2 * y as f32, 128, 96);
        let noisy = frame_from(
            |x, y| 100.0 + 0.3 * x as f32 + 0.2 * y as f32 + 10.0 * noise(x, y),
            128,
            96,
        );
        let (clean, noisy) = (estimate_noise(&clean), estimate_noise(&noisy));
        assert!(clean < 1.0, "clean {clean}");
        // 10 x U(-1, 1) has sigma 5.8.
        assert!((4.0..8.0).contains(&noisy), "noisy {noisy}");
    }

    #[test]
    fn blockiness_sees_an_8x8_grid() {
        let smooth = frame_from(|x, y| 60.0 + x as f32 + 0.5 * y as f32, 128, 64);
        let blocky = frame_from(
            |x, y| 60.0 + (x / 8 * 8) as f32 + 0.5 * y as f32 + 0.3 * (x % 8) as f32,
            128,
            64,
        );
        assert!(estimate_blockiness(&smooth) < 1.2);
        assert!(estimate_blockiness(&blocky) > 3.0);
    }

    /// The first formulation, pixel by pixel.
    fn sharpen_reference(plane: &[u8], w: usize, h: usize, gain: f32, threshold: f32) -> Vec<u8> {
        let mut out = plane.to_vec();
        for y in 0..h {
            for x in 0..w {
                let (l, r) = (x.saturating_sub(1), (x + 1).min(w - 1));
                let (u, d) = (y.saturating_sub(1), (y + 1).min(h - 1));
                let taps = [
                    plane[u * w + l],
                    plane[u * w + x],
                    plane[u * w + r],
                    plane[y * w + l],
                    plane[y * w + x],
                    plane[y * w + r],
                    plane[d * w + l],
                    plane[d * w + x],
                    plane[d * w + r],
                ];
                let lo = *taps.iter().min().unwrap();
                let hi = *taps.iter().max().unwrap();
                let corners = u32::from(taps[0])
                    + u32::from(taps[2])
                    + u32::from(taps[6])
                    + u32::from(taps[8]);
                let edges = u32::from(taps[1])
                    + u32::from(taps[3])
                    + u32::from(taps[5])
                    + u32::from(taps[7]);
                let blur = (corners + 2 * edges + 4 * u32::from(taps[4])) as f32 / 16.0;
                let center = f32::from(taps[4]);
                let detail = center - blur;
                let cored = detail.signum() * (detail.abs() - threshold).max(0.0);
                out[y * w + x] =
                    (center + gain * cored + 0.5).clamp(f32::from(lo), f32::from(hi) + 0.5) as u8;
            }
        }
        out
    }

    #[test]
    fn sharpening_matches_the_per_pixel_formula() {
        for (w, h) in [(97, 31), (2, 5), (1, 3), (64, 2)] {
            let plane: Vec<u8> = (0..w * h)
                .map(|k| ((k as u32).wrapping_mul(2_654_435_761) >> 24) as u8)
                .collect();
            for (gain, threshold) in [(1.2, 1.0), (0.6, 3.5), (1.4, 0.5)] {
                let mut fast = plane.clone();
                sharpen(&mut fast, w, h, gain, threshold);
                assert_eq!(
                    fast,
                    sharpen_reference(&plane, w, h, gain, threshold),
                    "{w}x{h}"
                );
            }
        }
    }

    #[test]
    fn sharpening_steepens_edges_without_overshoot() {
        // A soft vertical edge from 60 to 180, an S-curve a few pixels wide.
        let soft = |x: usize, _y: usize| 120.0 + 60.0 * ((x as f32 - 31.5) / 2.5).tanh();
        let mut frame = frame_from(soft, 64, 16);
        let before = frame.y().to_vec();
        Enhancement {
            sharpen: 1.5,
            sharpen_threshold: 1.0,
            ..Enhancement::NONE
        }
        .apply(&mut frame, None);
        let after = frame.y();
        assert!(
            after.iter().all(|&v| (60..=180).contains(&v)),
            "overshoot: {:?}",
            &after[..64]
        );
        let energy = |y: &[u8]| -> i64 {
            y.windows(2)
                .map(|p| (i64::from(p[1]) - i64::from(p[0])).pow(2))
                .sum()
        };
        assert!(energy(after) > energy(&before));
    }

    /// The filter as first written (a table of range weights, one pixel at a time): the
    /// vectorised rows must give the same bytes.
    fn denoise_reference(plane: &[u8], w: usize, h: usize, sigma: f32) -> Vec<u8> {
        let inv = 1.0 / (sigma * sigma);
        let range: Vec<f32> = (0..256)
            .map(|d| 1.0 / (1.0 + (d * d) as f32 * inv))
            .collect();
        let mut out = vec![0u8; w * h];
        for y in 0..h {
            for x in 0..w {
                let center = plane[y * w + x];
                let (mut sum, mut weights) = (0.0f32, 0.0f32);
                for j in 0..5 {
                    let yy = (y as isize + j as isize - 2).clamp(0, h as isize - 1) as usize;
                    for i in 0..5 {
                        let xx = (x as isize + i as isize - 2).clamp(0, w as isize - 1) as usize;
                        let sample = plane[yy * w + xx];
                        let spatial = if i == 0 || i == 4 || j == 0 || j == 4 {
                            0.5
                        } else {
                            1.0
                        };
                        let weight = spatial * range[usize::from(sample.abs_diff(center))];
                        sum += weight * f32::from(sample);
                        weights += weight;
                    }
                }
                out[y * w + x] = (sum / weights + 0.5) as u8;
            }
        }
        out
    }

    /// Deblocking as first written (libm rounding, edges one after another).
    fn deblock_reference(plane: &mut [u8], w: usize, h: usize, threshold: f32) {
        let filter = |p: [usize; 4], plane: &mut [u8]| {
            let [a1, a0, b0, b1] = p.map(|k| f32::from(plane[k]));
            let step = b0 - a0;
            if step.abs() >= threshold
                || (a1 - a0).abs() >= threshold / 2.0
                || (b1 - b0).abs() >= threshold / 2.0
            {
                return;
            }
            let delta = step / 4.0;
            plane[p[1]] = (a0 + delta).round() as u8;
            plane[p[2]] = (b0 - delta).round() as u8;
            plane[p[0]] = (a1 + delta / 2.0).round() as u8;
            plane[p[3]] = (b1 - delta / 2.0).round() as u8;
        };
        for y in 0..h {
            for e in (8..w.saturating_sub(1)).step_by(8) {
                let k = y * w + e;
                filter([k - 2, k - 1, k, k + 1], plane);
            }
        }
        for e in (8..h.saturating_sub(1)).step_by(8) {
            for x in 0..w {
                let k = e * w + x;
                filter([k - 2 * w, k - w, k, k + w], plane);
            }
        }
    }

    #[test]
    fn deblocking_matches_the_first_formulation() {
        for (w, h) in [(40, 33), (17, 9), (64, 10), (8, 8)] {
            let plane: Vec<u8> = (0..w * h)
                .map(|k| {
                    (90.0 + 5.0 * ((k % w) / 8 + (k / w) / 8) as f32 + 3.0 * noise(k % w, k / w))
                        as u8
                })
                .collect();
            let (mut fast, mut reference) = (plane.clone(), plane);
            deblock(&mut fast, w, h, 12.0);
            deblock_reference(&mut reference, w, h, 12.0);
            assert_eq!(fast, reference, "{w}x{h}");
        }
    }

    #[test]
    fn denoising_matches_the_per_pixel_formula() {
        for (w, h) in [(37, 11), (4, 6), (1, 3), (64, 9)] {
            let plane: Vec<u8> = (0..w * h)
                .map(|k| (100.0 + 40.0 * noise(k % w, k / w)) as u8)
                .collect();
            for sigma in [4.0, 12.0] {
                let mut filtered = plane.clone();
                denoise(&mut filtered, w, h, sigma);
                assert_eq!(filtered, denoise_reference(&plane, w, h, sigma), "{w}x{h}");
            }
        }
    }

    #[test]
    fn denoising_reduces_noise_and_keeps_an_edge() {
        let scene = |x: usize, y: usize| if x < 32 { 70.0 } else { 170.0 } + 6.0 * noise(x, y);
        let mut frame = frame_from(scene, 64, 64);
        let before = estimate_noise(&frame);
        Enhancement {
            denoise: 12.0,
            ..Enhancement::NONE
        }
        .apply(&mut frame, None);
        assert!(estimate_noise(&frame) < before * 0.6);
        let y = frame.y();
        let row = &y[32 * 64..33 * 64];
        assert!(row[30] < 90 && row[33] > 150, "edge smeared: {row:?}");
    }
}
