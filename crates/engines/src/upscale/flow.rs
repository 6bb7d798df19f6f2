//! Dense optical flow between two luma planes: coarse-to-fine patch inverse search with
//! densification, the scheme of DIS (Kroeger et al., "Fast Optical Flow using Dense Inverse
//! Search", ECCV 2016), followed by an edge-aware smoothing pass in place of DIS's
//! variational refinement.
//!
//! At each pyramid level, patches on a regular grid are aligned by inverse-compositional
//! Gauss-Newton (the Hessian comes from the first image only, so it is computed once per
//! patch), starting from the flow of the coarser level. Patch means are subtracted, which
//! makes the match robust to fades and flicker. Every pixel then takes the average of the
//! flows of the patches covering it, each weighted by how well that flow explains the pixel.
//!
//! Flow vectors are stored in pixels of the level they were computed at: `u` is horizontal,
//! `v` vertical, and `a(x, y)` corresponds to `b(x + u, y + v)`.

use rayon::prelude::*;

/// A single-channel image in `f32`, row-major, no padding.
#[derive(Debug, Clone)]
pub struct Plane {
    pub width: usize,
    pub height: usize,
    pub data: Vec<f32>,
}

impl Plane {
    pub fn new(width: usize, height: usize) -> Self {
        Self {
            width,
            height,
            data: vec![0.0; width * height],
        }
    }

    pub fn from_bytes(bytes: &[u8], width: usize, height: usize) -> Self {
        Self {
            width,
            height,
            data: bytes[..width * height]
                .iter()
                .map(|&b| f32::from(b))
                .collect(),
        }
    }

    /// Half the size (rounded up), each pixel the mean of a 2x2 block.
    pub fn downsample(&self) -> Plane {
        let (w, h) = (self.width.div_ceil(2), self.height.div_ceil(2));
        let mut out = Plane::new(w, h);
        out.data.par_chunks_mut(w).enumerate().for_each(|(y, row)| {
            let y0 = (2 * y).min(self.height - 1);
            let y1 = (2 * y + 1).min(self.height - 1);
            let (r0, r1) = (self.row(y0), self.row(y1));
            for (x, value) in row.iter_mut().enumerate() {
                let x0 = (2 * x).min(self.width - 1);
                let x1 = (2 * x + 1).min(self.width - 1);
                *value = 0.25 * (r0[x0] + r0[x1] + r1[x0] + r1[x1]);
            }
        });
        out
    }

    #[inline]
    pub fn row(&self, y: usize) -> &[f32] {
        &self.data[y * self.width..(y + 1) * self.width]
    }

    #[inline]
    pub fn at(&self, x: isize, y: isize) -> f32 {
        let x = x.clamp(0, self.width as isize - 1) as usize;
        let y = y.clamp(0, self.height as isize - 1) as usize;
        self.data[y * self.width + x]
    }

    /// Bilinear sample with the edges extended.
    #[inline]
    pub fn sample(&self, x: f32, y: f32) -> f32 {
        let x = x.clamp(0.0, (self.width - 1) as f32);
        let y = y.clamp(0.0, (self.height - 1) as f32);
        let (x0, y0) = (x as usize, y as usize);
        let (fx, fy) = (x - x0 as f32, y - y0 as f32);
        let x1 = (x0 + 1).min(self.width - 1);
        let y1 = (y0 + 1).min(self.height - 1);
        let r0 = y0 * self.width;
        let r1 = y1 * self.width;
        let top = self.data[r0 + x0] + fx * (self.data[r0 + x1] - self.data[r0 + x0]);
        let bottom = self.data[r1 + x0] + fx * (self.data[r1 + x1] - self.data[r1 + x0]);
        top + fy * (bottom - top)
    }
}

/// Level 0 is the full-resolution plane, each next level half the size of the one before.
/// Levels finer than `first` are not kept: the flow never looks at them.
#[derive(Debug, Clone)]
pub struct Pyramid {
    first: usize,
    levels: Vec<Plane>,
}

impl Pyramid {
    /// Builds levels down to (but not below) `min_side` pixels on the short side.
    pub fn new(base: Plane, min_side: usize) -> Self {
        Self::build(vec![base], 0, min_side)
    }

    /// The pyramid of an 8-bit luma plane from level `first` (at least 1) down, never
    /// holding the full-resolution plane in floats: level 1 is averaged from the bytes.
    pub fn from_luma(
        bytes: &[u8],
        width: usize,
        height: usize,
        first: usize,
        min_side: usize,
    ) -> Self {
        let (w, h) = (width.div_ceil(2), height.div_ceil(2));
        let mut half = Plane::new(w, h);
        half.data
            .par_chunks_mut(w)
            .enumerate()
            .for_each(|(y, row)| {
                let y0 = (2 * y).min(height - 1) * width;
                let y1 = (2 * y + 1).min(height - 1) * width;
                for (x, value) in row.iter_mut().enumerate() {
                    let x0 = (2 * x).min(width - 1);
                    let x1 = (2 * x + 1).min(width - 1);
                    let sum = u32::from(bytes[y0 + x0])
                        + u32::from(bytes[y0 + x1])
                        + u32::from(bytes[y1 + x0])
                        + u32::from(bytes[y1 + x1]);
                    *value = sum as f32 * 0.25;
                }
            });
        let mut pyramid = Self::build(vec![half], 1, min_side);
        let keep = first.max(1).min(pyramid.coarsest());
        pyramid.levels.drain(..keep - 1);
        pyramid.first = keep;
        pyramid
    }

    fn build(mut levels: Vec<Plane>, first: usize, min_side: usize) -> Self {
        loop {
            let last = levels.last().expect("the first level exists");
            if last.width.min(last.height) / 2 < min_side {
                break;
            }
            let next = last.downsample();
            levels.push(next);
        }
        Self { first, levels }
    }

    /// The finest level held.
    pub fn finest(&self) -> usize {
        self.first
    }

    /// The coarsest level held.
    pub fn coarsest(&self) -> usize {
        self.first + self.levels.len() - 1
    }

    /// Level `level`, which must be between [`Self::finest`] and [`Self::coarsest`].
    pub fn level(&self, level: usize) -> &Plane {
        &self.levels[level - self.first]
    }
}

/// A flow field at some pyramid level; `scale` source pixels per flow pixel.
#[derive(Debug, Clone)]
pub struct FlowField {
    pub width: usize,
    pub height: usize,
    pub scale: usize,
    pub u: Vec<f32>,
    pub v: Vec<f32>,
}

impl FlowField {
    pub fn zero(width: usize, height: usize, scale: usize) -> Self {
        Self {
            width,
            height,
            scale,
            u: vec![0.0; width * height],
            v: vec![0.0; width * height],
        }
    }

    /// Bilinear sample at a flow-grid position, edges extended.
    #[inline]
    pub fn sample(&self, x: f32, y: f32) -> (f32, f32) {
        let x = x.clamp(0.0, (self.width - 1) as f32);
        let y = y.clamp(0.0, (self.height - 1) as f32);
        let (x0, y0) = (x as usize, y as usize);
        let (fx, fy) = (x - x0 as f32, y - y0 as f32);
        let x1 = (x0 + 1).min(self.width - 1);
        let y1 = (y0 + 1).min(self.height - 1);
        let (i00, i01) = (y0 * self.width + x0, y0 * self.width + x1);
        let (i10, i11) = (y1 * self.width + x0, y1 * self.width + x1);
        let lerp = |c: &[f32]| {
            let top = c[i00] + fx * (c[i01] - c[i00]);
            let bottom = c[i10] + fx * (c[i11] - c[i10]);
            top + fy * (bottom - top)
        };
        (lerp(&self.u), lerp(&self.v))
    }

    /// The same motion on a grid twice as fine (`width` x `height`), vectors doubled.
    fn upsample_to(&self, width: usize, height: usize) -> FlowField {
        let mut out = FlowField::zero(width, height, self.scale / 2);
        out.u
            .par_chunks_mut(width)
            .zip(out.v.par_chunks_mut(width))
            .enumerate()
            .for_each(|(y, (u_row, v_row))| {
                let sy = (y as f32 + 0.5) * 0.5 - 0.5;
                for x in 0..width {
                    let (u, v) = self.sample((x as f32 + 0.5) * 0.5 - 0.5, sy);
                    u_row[x] = 2.0 * u;
                    v_row[x] = 2.0 * v;
                }
            });
        out
    }
}

/// How hard the flow search works. Finer levels and more iterations cost time.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FlowSettings {
    /// The finest pyramid level searched; the field is returned at this level.
    pub finest_level: usize,
    pub patch: usize,
    pub stride: usize,
    pub iterations: usize,
    /// Passes of edge-aware smoothing after densification at each level.
    pub smoothing_passes: usize,
}

impl FlowSettings {
    /// The coarsest level worth searching: DIS's rule, a level about five patches wide.
    fn coarsest_level(&self, pyramid: &Pyramid) -> usize {
        let mut level = self.finest_level;
        while level < pyramid.coarsest() {
            let next = pyramid.level(level + 1);
            if next.width < 5 * self.patch || next.height < 2 * self.patch {
                break;
            }
            level += 1;
        }
        level.min(pyramid.coarsest())
    }
}

/// Flow from `a` to `b`, at `settings.finest_level` (clamped to the levels there are).
pub fn flow(a: &Pyramid, b: &Pyramid, settings: &FlowSettings) -> FlowField {
    let finest = settings.finest_level.clamp(a.finest(), a.coarsest());
    let settings = FlowSettings {
        finest_level: finest,
        ..*settings
    };
    let coarsest = settings.coarsest_level(a);
    let top = a.level(coarsest);
    let mut field = FlowField::zero(top.width, top.height, 1 << coarsest);
    for level in (finest..=coarsest).rev() {
        let (i0, i1) = (a.level(level), b.level(level));
        if level != coarsest {
            field = field.upsample_to(i0.width, i0.height);
        }
        if i0.width < settings.patch || i0.height < settings.patch {
            continue;
        }
        let patches = inverse_search(i0, i1, &field, &settings);
        field = densify(i0, i1, &patches, &settings, 1 << level);
        for _ in 0..settings.smoothing_passes {
            field = smooth(i0, &field);
        }
    }
    field
}

/// Top-left corners of the patches along one axis: every `stride`, the last one flush with
/// the edge so every pixel is covered.
fn patch_positions(len: usize, patch: usize, stride: usize) -> Vec<usize> {
    let last = len - patch;
    let mut positions: Vec<usize> = (0..=last).step_by(stride).collect();
    if *positions.last().expect("len >= patch") != last {
        positions.push(last);
    }
    positions
}

struct PatchFlows {
    xs: Vec<usize>,
    ys: Vec<usize>,
    u: Vec<f32>,
    v: Vec<f32>,
}

fn inverse_search(i0: &Plane, i1: &Plane, init: &FlowField, s: &FlowSettings) -> PatchFlows {
    let xs = patch_positions(i0.width, s.patch, s.stride);
    let ys = patch_positions(i0.height, s.patch, s.stride);
    let mut u = vec![0.0f32; xs.len() * ys.len()];
    let mut v = vec![0.0f32; xs.len() * ys.len()];
    let p = s.patch;
    u.par_chunks_mut(xs.len())
        .zip(v.par_chunks_mut(xs.len()))
        .enumerate()
        .for_each(|(row, (u_row, v_row))| {
            let py = ys[row];
            let mut template = vec![0.0f32; p * p];
            let mut gx = vec![0.0f32; p * p];
            let mut gy = vec![0.0f32; p * p];
            for (col, &px) in xs.iter().enumerate() {
                let center = (
                    px as f32 + p as f32 / 2.0 - 0.5,
                    py as f32 + p as f32 / 2.0 - 0.5,
                );
                let start = init.sample(center.0, center.1);
                let found = align_patch(
                    i0,
                    i1,
                    px,
                    py,
                    p,
                    start,
                    s.iterations,
                    &mut template,
                    &mut gx,
                    &mut gy,
                );
                u_row[col] = found.0;
                v_row[col] = found.1;
            }
        });
    PatchFlows { xs, ys, u, v }
}

/// Aligns one patch of `i0` to `i1` from `start`; returns the start itself when the search
/// ends worse than it began (a textureless or occluded patch).
#[allow(clippy::too_many_arguments)]
fn align_patch(
    i0: &Plane,
    i1: &Plane,
    px: usize,
    py: usize,
    p: usize,
    start: (f32, f32),
    iterations: usize,
    template: &mut [f32],
    gx: &mut [f32],
    gy: &mut [f32],
) -> (f32, f32) {
    let n = (p * p) as f32;
    let (mut mgx, mut mgy, mut mt) = (0.0f32, 0.0f32, 0.0f32);
    for j in 0..p {
        for i in 0..p {
            let (x, y) = ((px + i) as isize, (py + j) as isize);
            let k = j * p + i;
            template[k] = i0.at(x, y);
            gx[k] = 0.5 * (i0.at(x + 1, y) - i0.at(x - 1, y));
            gy[k] = 0.5 * (i0.at(x, y + 1) - i0.at(x, y - 1));
            mgx += gx[k];
            mgy += gy[k];
            mt += template[k];
        }
    }
    let (mgx, mgy, mt) = (mgx / n, mgy / n, mt / n);
    let (mut hxx, mut hxy, mut hyy) = (0.0f32, 0.0f32, 0.0f32);
    for k in 0..p * p {
        gx[k] -= mgx;
        gy[k] -= mgy;
        template[k] -= mt;
        hxx += gx[k] * gx[k];
        hxy += gx[k] * gy[k];
        hyy += gy[k] * gy[k];
    }
    // A little Tikhonov damping keeps flat and one-dimensional patches from running off.
    let damping = 1e-2 * n;
    hxx += damping;
    hyy += damping;
    let det = hxx * hyy - hxy * hxy;
    if det <= f32::EPSILON {
        return start;
    }

    let (mut u, mut v) = start;
    let mut first_cost = None;
    let mut warped = vec![0.0f32; p * p];
    for _ in 0..iterations.max(1) {
        let mean = sample_patch(i1, px as f32 + u, py as f32 + v, p, &mut warped);
        let (mut bx, mut by, mut cost) = (0.0f32, 0.0f32, 0.0f32);
        for k in 0..p * p {
            let r = warped[k] - mean - template[k];
            bx += gx[k] * r;
            by += gy[k] * r;
            cost += r * r;
        }
        first_cost.get_or_insert(cost);
        let du = (hyy * bx - hxy * by) / det;
        let dv = (hxx * by - hxy * bx) / det;
        u -= du;
        v -= dv;
        if du * du + dv * dv < 1e-4 {
            break;
        }
    }
    let mean = sample_patch(i1, px as f32 + u, py as f32 + v, p, &mut warped);
    let final_cost: f32 = (0..p * p)
        .map(|k| {
            let r = warped[k] - mean - template[k];
            r * r
        })
        .sum();
    if final_cost > first_cost.unwrap_or(f32::INFINITY) || !u.is_finite() || !v.is_finite() {
        start
    } else {
        (u, v)
    }
}

/// Bilinear samples of a `p` x `p` patch of `plane` with its top-left at (`x`, `y`); returns
/// their mean. The whole patch shares one sub-pixel offset, so the weights are computed once.
fn sample_patch(plane: &Plane, x: f32, y: f32, p: usize, out: &mut [f32]) -> f32 {
    let (fx0, fy0) = (x.floor(), y.floor());
    let (fx, fy) = (x - fx0, y - fy0);
    let (x0, y0) = (fx0 as isize, fy0 as isize);
    let inside = x0 >= 0
        && y0 >= 0
        && x0 + (p as isize) < plane.width as isize
        && y0 + (p as isize) < plane.height as isize;
    let (w00, w01, w10, w11) = (
        (1.0 - fx) * (1.0 - fy),
        fx * (1.0 - fy),
        (1.0 - fx) * fy,
        fx * fy,
    );
    let mut sum = 0.0f32;
    for j in 0..p {
        for i in 0..p {
            let (xi, yj) = (x0 + i as isize, y0 + j as isize);
            let value = if inside {
                let base = yj as usize * plane.width + xi as usize;
                let d = &plane.data;
                w00 * d[base]
                    + w01 * d[base + 1]
                    + w10 * d[base + plane.width]
                    + w11 * d[base + plane.width + 1]
            } else {
                w00 * plane.at(xi, yj)
                    + w01 * plane.at(xi + 1, yj)
                    + w10 * plane.at(xi, yj + 1)
                    + w11 * plane.at(xi + 1, yj + 1)
            };
            out[j * p + i] = value;
            sum += value;
        }
    }
    sum / (p * p) as f32
}

/// Per-pixel flow: the patches covering a pixel vote, each weighted by the inverse of its
/// photometric error there.
fn densify(
    i0: &Plane,
    i1: &Plane,
    patches: &PatchFlows,
    s: &FlowSettings,
    scale: usize,
) -> FlowField {
    let (w, h) = (i0.width, i0.height);
    let ranges = |positions: &[usize], len: usize| -> Vec<(usize, usize)> {
        let mut ranges = Vec::with_capacity(len);
        let (mut lo, mut hi) = (0usize, 0usize);
        for x in 0..len {
            while positions[lo] + s.patch <= x {
                lo += 1;
            }
            while hi + 1 < positions.len() && positions[hi + 1] <= x {
                hi += 1;
            }
            ranges.push((lo, hi));
        }
        ranges
    };
    let x_ranges = ranges(&patches.xs, w);
    let y_ranges = ranges(&patches.ys, h);
    let nx = patches.xs.len();
    let mut out = FlowField::zero(w, h, scale);
    out.u
        .par_chunks_mut(w)
        .zip(out.v.par_chunks_mut(w))
        .enumerate()
        .for_each(|(y, (u_row, v_row))| {
            let (ylo, yhi) = y_ranges[y];
            let a_row = i0.row(y);
            for (x, &(xlo, xhi)) in x_ranges.iter().enumerate() {
                let (mut su, mut sv, mut sw) = (0.0f32, 0.0f32, 0.0f32);
                for py in ylo..=yhi {
                    for px in xlo..=xhi {
                        let k = py * nx + px;
                        let (pu, pv) = (patches.u[k], patches.v[k]);
                        let error = (i1.sample(x as f32 + pu, y as f32 + pv) - a_row[x]).abs();
                        let weight = 1.0 / error.max(1.0);
                        su += weight * pu;
                        sv += weight * pv;
                        sw += weight;
                    }
                }
                u_row[x] = su / sw;
                v_row[x] = sv / sw;
            }
        });
    out
}

/// One pass of a 3x3 cross-bilateral filter on the flow, guided by the image: smooths the
/// blockiness densification leaves without bleeding motion across object edges.
fn smooth(guide: &Plane, field: &FlowField) -> FlowField {
    let (w, h) = (field.width, field.height);
    let mut out = FlowField::zero(w, h, field.scale);
    // Rational falloff with a 10-level scale: as edge-stopping as a Gaussian, without `exp`.
    const INTENSITY: f32 = 1.0 / (10.0 * 10.0);
    out.u
        .par_chunks_mut(w)
        .zip(out.v.par_chunks_mut(w))
        .enumerate()
        .for_each(|(y, (u_row, v_row))| {
            for x in 0..w {
                let center = guide.data[y * w + x];
                let (mut su, mut sv, mut sw) = (0.0f32, 0.0f32, 0.0f32);
                for dy in -1isize..=1 {
                    let yy = (y as isize + dy).clamp(0, h as isize - 1) as usize;
                    for dx in -1isize..=1 {
                        let xx = (x as isize + dx).clamp(0, w as isize - 1) as usize;
                        let k = yy * w + xx;
                        let d = guide.data[k] - center;
                        let spatial = if dx == 0 && dy == 0 {
                            1.0
                        } else if dx == 0 || dy == 0 {
                            0.6
                        } else {
                            0.36
                        };
                        let weight = spatial / (1.0 + d * d * INTENSITY);
                        su += weight * field.u[k];
                        sv += weight * field.v[k];
                        sw += weight;
                    }
                }
                u_row[x] = su / sw;
                v_row[x] = sv / sw;
            }
        });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A smooth, textured pattern shifted by (`dx`, `dy`).
    fn pattern(width: usize, height: usize, dx: f32, dy: f32) -> Plane {
        let mut plane = Plane::new(width, height);
        for y in 0..height {
            for x in 0..width {
                let (fx, fy) = (x as f32 - dx, y as f32 - dy);
                plane.data[y * width + x] = 128.0
                    + 50.0 * (fx * 0.21).sin() * (fy * 0.17).cos()
                    + 30.0 * ((fx + fy) * 0.09).sin();
            }
        }
        plane
    }

    #[test]
    fn finds_a_global_translation() {
        let (w, h) = (160, 120);
        let a = Pyramid::new(pattern(w, h, 0.0, 0.0), 8);
        let b = Pyramid::new(pattern(w, h, 5.5, -3.25), 8);
        let settings = FlowSettings {
            finest_level: 0,
            patch: 8,
            stride: 4,
            iterations: 12,
            smoothing_passes: 1,
        };
        let field = flow(&a, &b, &settings);
        let mut errors = Vec::new();
        for y in 16..h - 16 {
            for x in 16..w - 16 {
                let k = y * w + x;
                errors.push(((field.u[k] - 5.5).powi(2) + (field.v[k] + 3.25).powi(2)).sqrt());
            }
        }
        let mean = errors.iter().sum::<f32>() / errors.len() as f32;
        assert!(mean < 0.1, "mean endpoint error {mean}");
    }
}
