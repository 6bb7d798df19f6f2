//! Building blocks shared by the operations: deterministic noise, box blur, resampling and
//! an edge-aware smoother.

use rayon::prelude::*;

/// SplitMix64's finaliser: a good 64-bit mix, used to derive independent streams.
pub fn hash64(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 31)
}

/// A small, fast, seedable generator (xorshift64*). Streams are keyed by hashing the seed
/// with what they are for, so results never depend on the order things were drawn in.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(keys: &[u64]) -> Self {
        let mut state = 0x2545_F491_4F6C_DD1D;
        for key in keys {
            state = hash64(state ^ key);
        }
        Self(state | 1)
    }

    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// Uniform in [0, 1).
    pub fn next_f32(&mut self) -> f32 {
        (self.next_u64() >> 40) as f32 / (1u64 << 24) as f32
    }

    /// Uniform in [-1, 1).
    pub fn signed(&mut self) -> f32 {
        self.next_f32() * 2.0 - 1.0
    }
}

/// Smooth random value in about [-1, 1] at time `t` (in frames), changing over `period`
/// frames: cubic interpolation between random knots, so motion has no jumps.
pub fn smooth_noise(keys: &[u64], t: f32, period: f32) -> f32 {
    let x = t / period;
    let knot = x.floor();
    let frac = x - knot;
    let value = |k: f32| {
        let mut all = keys.to_vec();
        all.push(k as i64 as u64);
        Rng::new(&all).signed()
    };
    let (a, b) = (value(knot), value(knot + 1.0));
    let s = frac * frac * (3.0 - 2.0 * frac);
    a + (b - a) * s
}

/// Box blur of radius `r` (window 2r+1) in both directions, edges clamped. `src` and `dst`
/// may not alias; `scratch` is reused between calls.
pub fn box_blur(
    src: &[u8],
    dst: &mut [u8],
    width: usize,
    height: usize,
    r: usize,
    scratch: &mut Vec<u16>,
) {
    if r == 0 || width == 0 || height == 0 {
        dst.copy_from_slice(src);
        return;
    }
    // With windows of at most 255, a row's window sum fits u16 and the sum of a window of
    // them fits f32 exactly: one rounding at the end, no division per pixel.
    let r = r.min(127);
    let window = 2 * r + 1;
    scratch.resize(width * height, 0);
    // Horizontal window sums, each row padded with its edge values (no clamping per pixel).
    scratch
        .par_chunks_mut(width)
        .zip(src.par_chunks(width))
        .for_each_init(Vec::new, |padded: &mut Vec<u8>, (sums, row)| {
            padded.clear();
            padded.extend(std::iter::repeat_n(row[0], r));
            padded.extend_from_slice(row);
            padded.extend(std::iter::repeat_n(row[width - 1], r + 1));
            let mut sum: u32 = padded[..window].iter().map(|&v| u32::from(v)).sum();
            for (x, slot) in sums.iter_mut().enumerate() {
                *slot = sum as u16;
                sum = sum + u32::from(padded[x + window]) - u32::from(padded[x]);
            }
        });
    // Vertical: a running sum of rows down each block of rows; blocks run in parallel, each
    // starting its sum afresh (a window's worth of extra rows per block).
    let scratch = &scratch[..];
    let row_of = |y: isize| y.clamp(0, height as isize - 1) as usize * width;
    let scale = 1.0 / (window * window) as f32;
    let rows_per_block = height.div_ceil(rayon::current_num_threads().max(1));
    dst.par_chunks_mut(rows_per_block * width)
        .enumerate()
        .for_each(|(block, out)| {
            let first = (block * rows_per_block) as isize;
            let mut acc = vec![0u32; width];
            for dy in -(r as isize)..=r as isize {
                let start = row_of(first + dy);
                for (a, &s) in acc.iter_mut().zip(&scratch[start..start + width]) {
                    *a += u32::from(s);
                }
            }
            for (offset, out) in out.chunks_mut(width).enumerate() {
                let y = first + offset as isize;
                for (o, &a) in out.iter_mut().zip(&acc) {
                    *o = (a as f32 * scale + 0.5) as u8;
                }
                let add = &scratch[row_of(y + r as isize + 1)..][..width];
                let sub = &scratch[row_of(y - r as isize)..][..width];
                for ((a, &plus), &minus) in acc.iter_mut().zip(add).zip(sub) {
                    *a = *a + u32::from(plus) - u32::from(minus);
                }
            }
        });
}

/// Box blurs `plane` in place, one pass per radius in `radii` (three passes of one radius
/// come close to a Gaussian); `copy` and `scratch` are reused between calls.
pub fn box_blur_passes(
    plane: &mut [u8],
    width: usize,
    height: usize,
    radii: &[usize],
    copy: &mut Vec<u8>,
    scratch: &mut Vec<u16>,
) {
    for &r in radii {
        copy.clear();
        copy.extend_from_slice(plane);
        box_blur(copy, plane, width, height, r, scratch);
    }
}

/// Averages `factor`x`factor` blocks (a box downsample); the output is `width / factor` by
/// `height / factor`, leftover edge pixels are ignored.
pub fn downsample(
    src: &[u8],
    width: usize,
    height: usize,
    factor: usize,
    dst: &mut Vec<u8>,
) -> (usize, usize) {
    let (ow, oh) = (width / factor, height / factor);
    dst.resize(ow * oh, 0);
    // The two factors every frame goes through (chroma at 1, luma at 2) get loops the
    // compiler can vectorise; the general one adds up slices.
    if factor == 1 {
        for (out, row) in dst.chunks_mut(ow).zip(src.chunks(width)) {
            out.copy_from_slice(&row[..ow]);
        }
        return (ow, oh);
    }
    if factor == 2 {
        for (oy, out) in dst.chunks_mut(ow).enumerate() {
            let top = &src[2 * oy * width..][..2 * ow];
            let bottom = &src[(2 * oy + 1) * width..][..2 * ow];
            for ((o, t), b) in out
                .iter_mut()
                .zip(top.chunks_exact(2))
                .zip(bottom.chunks_exact(2))
            {
                let sum = u16::from(t[0]) + u16::from(t[1]) + u16::from(b[0]) + u16::from(b[1]);
                *o = ((sum + 2) >> 2) as u8;
            }
        }
        return (ow, oh);
    }
    let area = (factor * factor) as u32;
    let mut sums = vec![0u32; ow];
    for oy in 0..oh {
        sums.fill(0);
        for row in src[oy * factor * width..].chunks(width).take(factor) {
            for (ox, sum) in sums.iter_mut().enumerate() {
                *sum += row[ox * factor..ox * factor + factor]
                    .iter()
                    .map(|&v| u32::from(v))
                    .sum::<u32>();
            }
        }
        for (d, s) in dst[oy * ow..(oy + 1) * ow].iter_mut().zip(&sums) {
            *d = ((s + area / 2) / area) as u8;
        }
    }
    (ow, oh)
}

/// Bilinear upsample of a small plane of f32 values (pixel centres aligned) into `dst` of
/// `width` x `height`, as u8 after `map`.
pub fn upsample_bilinear(
    src: &[f32],
    sw: usize,
    sh: usize,
    dst: &mut [u8],
    width: usize,
    height: usize,
    map: impl Fn(f32) -> u8 + Sync,
) {
    let fx = sw as f32 / width as f32;
    let fy = sh as f32 / height as f32;
    let xs: Vec<(usize, usize, f32)> = (0..width)
        .map(|x| {
            let p = ((x as f32 + 0.5) * fx - 0.5).clamp(0.0, (sw - 1) as f32);
            let x0 = p.floor() as usize;
            (x0, (x0 + 1).min(sw - 1), p - x0 as f32)
        })
        .collect();
    dst[..width * height]
        .par_chunks_mut(width)
        .enumerate()
        .for_each(|(y, out)| {
            let p = ((y as f32 + 0.5) * fy - 0.5).clamp(0.0, (sh - 1) as f32);
            let y0 = p as usize;
            let y1 = (y0 + 1).min(sh - 1);
            let wy = p - y0 as f32;
            let r0 = &src[y0 * sw..(y0 + 1) * sw];
            let r1 = &src[y1 * sw..(y1 + 1) * sw];
            for (o, &(x0, x1, wx)) in out.iter_mut().zip(&xs) {
                let top = r0[x0] + (r0[x1] - r0[x0]) * wx;
                let bottom = r1[x0] + (r1[x1] - r1[x0]) * wx;
                *o = map(top + (bottom - top) * wy);
            }
        });
}

/// Edge-aware smoothing by the recursive domain transform (Gastal and Oliveira, 2011) on a
/// set of f32 channels sharing one size. Edges are measured once on the input, so every
/// iteration smooths within regions and stops at the same boundaries: the result is a
/// bilateral-like flattening at O(1) cost per pixel. `sigma_s` is in pixels, `sigma_r` in
/// channel units (summed absolute difference across channels).
pub fn domain_transform(
    channels: &mut [Vec<f32>],
    width: usize,
    height: usize,
    sigma_s: f32,
    sigma_r: f32,
    iterations: u32,
) {
    let ratio = sigma_s / sigma_r;
    // dH/dx and dV/dy of the transformed domain, from the input: 1 + ratio * (the summed
    // absolute differences across channels). Rows are independent here, and the channels
    // below: both run on every core, with the same arithmetic per value as in one thread.
    let mut dx = vec![0.0f32; width * height];
    let mut dy = vec![0.0f32; width * height];
    let channels_ref: &[Vec<f32>] = channels;
    dx.par_chunks_mut(width)
        .zip(dy.par_chunks_mut(width))
        .enumerate()
        .for_each(|(y, (dx_row, dy_row))| {
            let base = y * width;
            for channel in channels_ref {
                let row = &channel[base..base + width];
                for ((d, &here), &left) in dx_row[1..].iter_mut().zip(&row[1..]).zip(row) {
                    *d += (here - left).abs();
                }
                if y > 0 {
                    let above = &channel[base - width..base];
                    for ((d, &here), &up) in dy_row.iter_mut().zip(row).zip(above) {
                        *d += (here - up).abs();
                    }
                }
            }
            for d in dx_row[1..].iter_mut() {
                *d = 1.0 + ratio * *d;
            }
            if y > 0 {
                for d in dy_row.iter_mut() {
                    *d = 1.0 + ratio * *d;
                }
            } else {
                dy_row.fill(1.0);
            }
            dx_row[0] = 1.0;
        });
    let n = iterations as i32;
    let mut wx = vec![0.0f32; width * height];
    let mut wy = vec![0.0f32; width * height];
    for iteration in 0..n {
        let sigma_h =
            sigma_s * 3f32.sqrt() * 2f32.powi(n - iteration - 1) / (4f32.powi(n) - 1.0).sqrt();
        let a = (-(2f32.sqrt()) / sigma_h).exp();
        let ln_a = a.ln();
        wx.par_chunks_mut(width)
            .zip(dx.par_chunks(width))
            .chain(wy.par_chunks_mut(width).zip(dy.par_chunks(width)))
            .for_each(|(w_row, d_row)| {
                for (w, d) in w_row.iter_mut().zip(d_row) {
                    *w = exp_negative(ln_a * d);
                }
            });
        recursive_pass(channels, &wx, &wy, width, height);
    }
}

/// `e^x` for `x <= 0`, to a few parts in a million: 2^(nearest integer) from the exponent bits
/// times a polynomial (Taylor, degree 6) for 2^(the rest, within +-1/2). A million of these
/// per frame were the cartoon filter's largest cost through libm's `expf`; this form has no
/// call and vectorises. Below -87 it returns 0 (where `expf` gives a denormal or 0).
#[inline]
fn exp_negative(x: f32) -> f32 {
    let t = (x * std::f32::consts::LOG2_E).max(-126.0);
    // Truncation of `t - 1/2` rounds a non-positive `t` to the nearest integer.
    let whole = (t - 0.5) as i32;
    let f = t - whole as f32;
    let p = 1.0
        + f * (std::f32::consts::LN_2
            + f * (0.240_226_5
                + f * (0.055_504_11
                    + f * (0.009_618_129 + f * (0.001_333_355_8 + f * 0.000_154_035_3)))));
    let scale = f32::from_bits(((whole + 127) as u32) << 23);
    if x < -87.0 {
        0.0
    } else {
        p * scale
    }
}

/// One iteration of the domain transform's recursive filter on every channel: left to right
/// and back along every row, then down and up every column. Rows are independent in the
/// first half and columns in the second, so each half is split across the cores by blocks
/// of rows and strips of columns of all channels together (three channels alone would leave
/// one of two cores idle half the time); the arithmetic per value is the same.
fn recursive_pass(channels: &mut [Vec<f32>], wx: &[f32], wy: &[f32], width: usize, height: usize) {
    // Along a row every value waits for the one before it. Eight rows at a time, stored
    // interleaved (column by column, the eight rows' values side by side), make the eight
    // chains one vector operation per column: the same arithmetic per value, so the same
    // values, at a fraction of the time of eight scalar chains.
    const ROWS: usize = 8;
    let blocks: Vec<(&mut [f32], &[f32])> = channels
        .iter_mut()
        .flat_map(|channel| {
            channel[..width * height]
                .chunks_mut(width * ROWS)
                .zip(wx.chunks(width * ROWS))
        })
        .collect();
    blocks.into_par_iter().for_each(|(block, weights)| {
        if block.len() == width * ROWS {
            let mut values = vec![0f32; width * ROWS];
            let mut w = vec![0f32; width * ROWS];
            for (k, (row, weight_row)) in block
                .chunks_exact(width)
                .zip(weights.chunks_exact(width))
                .enumerate()
            {
                for (x, (&v, &wv)) in row.iter().zip(weight_row).enumerate() {
                    values[x * ROWS + k] = v;
                    w[x * ROWS + k] = wv;
                }
            }
            for x in 1..width {
                let (before, rest) = values.split_at_mut(x * ROWS);
                let prev = &before[(x - 1) * ROWS..];
                let here = &mut rest[..ROWS];
                let wx = &w[x * ROWS..][..ROWS];
                for k in 0..ROWS {
                    here[k] += wx[k] * (prev[k] - here[k]);
                }
            }
            for x in (0..width - 1).rev() {
                let (before, rest) = values.split_at_mut((x + 1) * ROWS);
                let here = &mut before[x * ROWS..];
                let next = &rest[..ROWS];
                let wx = &w[(x + 1) * ROWS..][..ROWS];
                for k in 0..ROWS {
                    here[k] += wx[k] * (next[k] - here[k]);
                }
            }
            for (k, row) in block.chunks_exact_mut(width).enumerate() {
                for (x, v) in row.iter_mut().enumerate() {
                    *v = values[x * ROWS + k];
                }
            }
        } else {
            for (row, w) in block
                .chunks_exact_mut(width)
                .zip(weights.chunks_exact(width))
            {
                for x in 1..width {
                    row[x] += w[x] * (row[x - 1] - row[x]);
                }
                for x in (0..width - 1).rev() {
                    row[x] += w[x + 1] * (row[x + 1] - row[x]);
                }
            }
        }
    });
    // Vertical: each strip's rows in turn, so the inner loop runs along memory.
    let mut strips: Vec<Vec<&mut [f32]>> = Vec::new();
    for channel in channels.iter_mut() {
        let first = strips.len();
        for _ in 0..width.div_ceil(STRIP) {
            strips.push(Vec::with_capacity(height));
        }
        for row in channel[..width * height].chunks_exact_mut(width) {
            for (k, part) in row.chunks_mut(STRIP).enumerate() {
                strips[first + k].push(part);
            }
        }
    }
    let per_channel = width.div_ceil(STRIP);
    strips
        .into_par_iter()
        .enumerate()
        .for_each(|(k, mut rows)| {
            let x0 = (k % per_channel) * STRIP;
            let weights = |y: usize| &wy[y * width + x0..][..(width - x0).min(STRIP)];
            for y in 1..height {
                let (above, below) = rows.split_at_mut(y);
                let (prev, row, w) = (&above[y - 1], &mut below[0], weights(y));
                for x in 0..row.len() {
                    row[x] += w[x] * (prev[x] - row[x]);
                }
            }
            for y in (0..height - 1).rev() {
                let (above, below) = rows.split_at_mut(y + 1);
                let (row, next, w) = (&mut above[y], &below[0], weights(y + 1));
                for x in 0..row.len() {
                    row[x] += w[x] * (next[x] - row[x]);
                }
            }
        });
}

/// Columns per task of the recursive filter's vertical half: enough to run along memory,
/// few enough for a dozen tasks per channel at 720p's half resolution.
const STRIP: usize = 64;

/// Motion-adaptive temporal smoothing: where a pixel barely changed since the last frame it
/// is blended with the running state (noise and shimmer go), where it changed by more than
/// `threshold` it is taken as is (motion stays sharp, no ghosts).
pub fn temporal_smooth(state: &mut Vec<f32>, current: &mut [f32], threshold: f32, keep: f32) {
    if state.len() != current.len() {
        state.clear();
        state.extend_from_slice(current);
        return;
    }
    state
        .par_chunks_mut(PARALLEL_CHUNK)
        .zip(current.par_chunks_mut(PARALLEL_CHUNK))
        .for_each(|(state, current)| {
            for (s, c) in state.iter_mut().zip(current.iter_mut()) {
                let d = *c - *s;
                let motion = (d.abs() / threshold).min(1.0);
                let w = keep * (1.0 - motion * motion);
                *c -= d * w;
                *s = *c;
            }
        });
}

/// Values per task in element-wise loops over a plane: a few tens of microseconds of work,
/// so rayon's hand-off stays small beside it. Every value is computed as it would be in one
/// thread. (Style edits run between ffmpeg's decoder and x264; whatever part of a frame
/// runs on one core leaves the other idle while x264 waits for that frame.)
pub const PARALLEL_CHUNK: usize = 16 * 1024;

/// A half-resolution, full-colour view of a yuv420p frame: luma averaged over 2x2 blocks so
/// all three channels share the chroma grid. Style operations work here (4x fewer pixels)
/// and bring luma back to full size.
pub struct HalfRes {
    pub width: usize,
    pub height: usize,
    pub y: Vec<f32>,
    pub u: Vec<f32>,
    pub v: Vec<f32>,
}

impl HalfRes {
    pub fn from_frame(frame: &recut_media::Frame) -> Self {
        let format = frame.format();
        let (w, h) = (format.width as usize, format.height as usize);
        let (cw, ch) = (
            format.chroma_width() as usize,
            format.chroma_height() as usize,
        );
        let luma = frame.y();
        let mut y = vec![0.0f32; cw * ch];
        y.par_chunks_mut(cw).enumerate().for_each(|(cy, row)| {
            let y0 = (2 * cy).min(h - 1);
            let y1 = (2 * cy + 1).min(h - 1);
            for (cx, value) in row.iter_mut().enumerate() {
                let x0 = (2 * cx).min(w - 1);
                let x1 = (2 * cx + 1).min(w - 1);
                let sum = u32::from(luma[y0 * w + x0])
                    + u32::from(luma[y0 * w + x1])
                    + u32::from(luma[y1 * w + x0])
                    + u32::from(luma[y1 * w + x1]);
                *value = sum as f32 * 0.25;
            }
        });
        let floats = |plane: &[u8]| -> Vec<f32> {
            plane
                .par_chunks(PARALLEL_CHUNK)
                .flat_map_iter(|chunk| chunk.iter().map(|&v| f32::from(v)))
                .collect()
        };
        Self {
            width: cw,
            height: ch,
            y,
            u: floats(frame.u()),
            v: floats(frame.v()),
        }
    }
}

/// Rounds to the nearest byte within `low..=high` (both within 0-255). Clamping first lets
/// `+ 0.5` and truncation do the rounding: the same bytes as `round()`, without its libm
/// call in per-pixel loops.
#[inline]
pub fn round_to_byte(v: f32, low: f32, high: f32) -> u8 {
    (v.clamp(low, high) + 0.5) as u8
}

pub fn clamp_u8(v: f32) -> u8 {
    round_to_byte(v, 0.0, 255.0)
}

/// The nearest video-range luma value (16-235).
pub fn to_video_luma(v: f32) -> u8 {
    round_to_byte(v, 16.0, 235.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn box_blur_is_the_mean_of_each_clamped_window() {
        let mut rng = Rng::new(&[7]);
        for (w, h, r) in [
            (1, 1, 1),
            (5, 3, 2),
            (31, 17, 4),
            (64, 40, 19),
            (7, 300, 30),
        ] {
            let src: Vec<u8> = (0..w * h).map(|_| (rng.next_u64() % 256) as u8).collect();
            let mut dst = vec![0; w * h];
            box_blur(&src, &mut dst, w, h, r, &mut Vec::new());
            let clamp = |v: isize, n: usize| v.clamp(0, n as isize - 1) as usize;
            for y in 0..h {
                for x in 0..w {
                    let ri = r as isize;
                    let mut sum = 0u32;
                    for dy in -ri..=ri {
                        for dx in -ri..=ri {
                            let (sx, sy) = (clamp(x as isize + dx, w), clamp(y as isize + dy, h));
                            sum += u32::from(src[sy * w + sx]);
                        }
                    }
                    let mean = f64::from(sum) / ((2 * r + 1) * (2 * r + 1)) as f64;
                    let got = f64::from(dst[y * w + x]);
                    assert!(
                        (got - mean).abs() <= 0.5 + 1e-3,
                        "{w}x{h} r{r} at {x},{y}: {got} {mean}"
                    );
                }
            }
        }
    }

    #[test]
    fn box_blur_keeps_flat_planes_and_spreads_a_dot() {
        let (w, h) = (9, 7);
        let mut src = vec![100u8; w * h];
        let mut dst = vec![0u8; w * h];
        let mut scratch = Vec::new();
        box_blur(&src, &mut dst, w, h, 2, &mut scratch);
        assert!(dst.iter().all(|&v| v == 100));
        src.fill(0);
        src[3 * w + 4] = 250;
        box_blur(&src, &mut dst, w, h, 1, &mut scratch);
        assert_eq!(dst[3 * w + 4], 28);
        assert_eq!(dst[2 * w + 3], 28);
        assert_eq!(dst[w + 4], 0);
    }

    #[test]
    fn rng_streams_are_reproducible_and_distinct() {
        let a: Vec<u64> = (0..4)
            .map({
                let mut r = Rng::new(&[1, 2]);
                move |_| r.next_u64()
            })
            .collect();
        let b: Vec<u64> = (0..4)
            .map({
                let mut r = Rng::new(&[1, 2]);
                move |_| r.next_u64()
            })
            .collect();
        let c: Vec<u64> = (0..4)
            .map({
                let mut r = Rng::new(&[1, 3]);
                move |_| r.next_u64()
            })
            .collect();
        assert_eq!(a, b);
        assert_ne!(a, c);
    }

    #[test]
    fn the_fast_exponential_matches_the_library_one() {
        for i in 0..=20_000 {
            let x = -(i as f32) * 0.004;
            let (fast, exact) = (exp_negative(x), x.exp());
            assert!(
                (fast - exact).abs() <= 5e-6 * exact + 1e-30,
                "{x}: {fast} against {exact}"
            );
        }
        assert_eq!(exp_negative(-200.0), 0.0);
    }

    #[test]
    fn domain_transform_smooths_within_regions_not_across() {
        let (w, h) = (40, 10);
        let mut rng = Rng::new(&[7]);
        let mut plane: Vec<f32> = (0..w * h)
            .map(|i| if i % w < 20 { 50.0 } else { 200.0 } + rng.signed() * 10.0)
            .collect();
        let mut channels = vec![std::mem::take(&mut plane)];
        domain_transform(&mut channels, w, h, 10.0, 60.0, 3);
        let plane = &channels[0];
        let left: Vec<f32> = (0..h).map(|y| plane[y * w + 5]).collect();
        assert!(left.iter().all(|v| (v - 50.0).abs() < 5.0), "{left:?}");
        assert!(plane[5 * w + 18] < 70.0 && plane[5 * w + 21] > 180.0);
    }
}
