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

use super::variational::{refine, Refinement};

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
                let r0 = &bytes[(2 * y).min(height - 1) * width..][..width];
                let r1 = &bytes[(2 * y + 1).min(height - 1) * width..][..width];
                // Whole 2x2 blocks first, in a loop free of edge checks (it vectorises); an
                // odd width's last column is its own pair.
                let pairs = width / 2;
                for ((value, p0), p1) in row[..pairs]
                    .iter_mut()
                    .zip(r0.chunks_exact(2))
                    .zip(r1.chunks_exact(2))
                {
                    let sum =
                        u32::from(p0[0]) + u32::from(p0[1]) + u32::from(p1[0]) + u32::from(p1[1]);
                    *value = sum as f32 * 0.25;
                }
                if let Some(value) = row.get_mut(pairs) {
                    let (a, b) = (r0[width - 1], r1[width - 1]);
                    *value = (2 * (u32::from(a) + u32::from(b))) as f32 * 0.25;
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

    #[inline]
    pub fn row_u(&self, y: usize) -> &[f32] {
        &self.u[y * self.width..(y + 1) * self.width]
    }

    #[inline]
    pub fn row_v(&self, y: usize) -> &[f32] {
        &self.v[y * self.width..(y + 1) * self.width]
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

    /// The same motion on a grid twice as fine (`width` x `height`), vectors doubled:
    /// bilinear, as [`FlowField::sample`] at each fine point's centre, but separable (each
    /// row of the coarse grid is interpolated once per fine row, then read per column).
    fn upsample_to(&self, width: usize, height: usize) -> FlowField {
        let mut out = FlowField::zero(width, height, self.scale / 2);
        let taps = |fine: usize, coarse: usize| -> (usize, usize, f32) {
            let at = ((fine as f32 + 0.5) * 0.5 - 0.5).clamp(0.0, (coarse - 1) as f32);
            let first = at as usize;
            (first, (first + 1).min(coarse - 1), at - first as f32)
        };
        let columns: Vec<(usize, usize, f32)> = (0..width).map(|x| taps(x, self.width)).collect();
        out.u
            .par_chunks_mut(width)
            .zip(out.v.par_chunks_mut(width))
            .enumerate()
            .for_each_init(
                || (vec![0f32; self.width], vec![0f32; self.width]),
                |(row_u, row_v), (y, (u_out, v_out))| {
                    let (y0, y1, fy) = taps(y, self.height);
                    for (row, grid) in [(&mut *row_u, &self.u), (&mut *row_v, &self.v)] {
                        let (top, bottom) = (
                            &grid[y0 * self.width..][..self.width],
                            &grid[y1 * self.width..][..self.width],
                        );
                        for ((value, &p), &q) in row.iter_mut().zip(top).zip(bottom) {
                            *value = 2.0 * (p + fy * (q - p));
                        }
                    }
                    for (x, &(x0, x1, fx)) in columns.iter().enumerate() {
                        u_out[x] = row_u[x0] + fx * (row_u[x1] - row_u[x0]);
                        v_out[x] = row_v[x0] + fx * (row_v[x1] - row_v[x0]);
                    }
                },
            );
        out
    }
}

/// How hard the flow search works. Finer levels and more iterations cost time.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FlowSettings {
    /// The finest pyramid level searched; the field is returned at this level.
    pub finest_level: usize,
    /// Pixels between neighbouring patches (of [`PATCH`] pixels square).
    pub stride: usize,
    pub iterations: usize,
    /// Passes of edge-aware smoothing after densification at each level.
    pub smoothing_passes: usize,
    /// Variational refinement of the finest level's field.
    pub refinement: Refinement,
    /// Variational refinement of each coarser level's field.
    pub coarse_refinement: Refinement,
    /// Pixels each way that every patch of the coarsest level also searches exhaustively
    /// for a better start (0: none); see [`COARSE_SEARCH_RADIUS`].
    pub coarse_search: i32,
}

impl FlowSettings {
    /// The coarsest level worth searching: DIS's rule, a level about five patches along its
    /// long side (and two across). Counted on the width until the twenty-fifth session, a
    /// portrait frame stopped one level finer than the same picture on its side, and fast
    /// motion there was lost: a 720x1280 cut of bikes.mp4 whose taxi crosses a quarter of
    /// the frame per source frame lost 6-15 dB on those frames, 28.57 -> 30.24 dB over
    /// the clip with the long side (landscape clips unchanged).
    fn coarsest_level(&self, pyramid: &Pyramid) -> usize {
        let mut level = self.finest_level;
        while level < pyramid.coarsest() {
            let next = pyramid.level(level + 1);
            let (long, short) = (next.width.max(next.height), next.width.min(next.height));
            if long < 5 * PATCH || short < 2 * PATCH {
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
        if i0.width < PATCH || i0.height < PATCH {
            continue;
        }
        let radius = if level == coarsest {
            settings.coarse_search
        } else {
            0
        };
        let patches = inverse_search(i0, i1, &field, &settings, radius);
        field = densify(i0, i1, &patches, 1 << level);
        for _ in 0..settings.smoothing_passes {
            field = smooth(i0, &field);
        }
        // Refined at every level, as DIS does: a coarse level's smoothness carries a
        // textured part's motion across a flat one (a car roof, a wall) before the finer
        // patches, which see nothing there, inherit it. Measured against refining the
        // finest level alone: +0.2 dB on live-action footage the tuning never saw, +0.15 dB
        // on animation, +0.05-0.09 dB on Megamind (docs/benchmarks.md).
        let refinement = if level == finest {
            &settings.refinement
        } else {
            &settings.coarse_refinement
        };
        refine(i0, i1, &mut field, refinement);
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

/// At the coarsest level every patch also tries the best whole-pixel match within this many
/// pixels (each way), and keeps where that leads when it matches better by
/// [`JUMP_MARGIN`]. Gradient descent from zero finds only a few pixels of motion there: fast
/// motion over flat ground (a white car crossing the frame, 75 px a frame at 852x480) was
/// lost, and the car's wheels doubled. Measured (`profile_interp` against minterpolate's
/// mci, with the time-only mixing of `synthesize`): +0.11 dB on bikes' second half at
/// 852x480, +0.22 on bikes, +0.03 on tree.avi, Megamind unchanged, -0.016 on Big Buck
/// Bunny. Without the distance cost live action gained as much but Megamind's unseen frames
/// and Big Buck Bunny lost 0.02-0.03 (flat cartoon areas match anywhere); at three times
/// the cost the animation loss went and two thirds of the live-action gain with it.
pub const COARSE_SEARCH_RADIUS: i32 = 6;
/// Mean-removed sum of squared differences (over an 8x8 patch of 0-255 values) by which
/// the searched start must beat the propagated one: about 7 levels RMS.
const JUMP_MARGIN: f32 = 3000.0;
/// What the search charges per squared pixel of offset: a long jump must match far better
/// than a short one.
const SEARCH_DISTANCE_COST: f32 = 1000.0;

/// The whole-pixel offset within `radius` whose patch of `i1` best matches `i0`'s patch at
/// (`px`, `py`), each mean removed, by the sum of squared differences plus
/// [`SEARCH_DISTANCE_COST`] per squared pixel of offset; `None` when no offset stands out.
fn exhaustive_offset(
    i0: &Plane,
    i1: &Plane,
    px: usize,
    py: usize,
    radius: i32,
) -> Option<(f32, f32)> {
    let mut template: Patch = [0.0; AREA];
    for j in 0..PATCH {
        for i in 0..PATCH {
            template[j * PATCH + i] = i0.at((px + i) as isize, (py + j) as isize);
        }
    }
    let mean = patch_sum(&template) / AREA as f32;
    for value in &mut template {
        *value -= mean;
    }
    let mut costs = Vec::with_capacity(((2 * radius + 1) * (2 * radius + 1)) as usize);
    for dy in -radius..=radius {
        for dx in -radius..=radius {
            let (x0, y0) = (px as isize + dx as isize, py as isize + dy as isize);
            if x0 < 0
                || y0 < 0
                || x0 + PATCH as isize > i1.width as isize
                || y0 + PATCH as isize > i1.height as isize
            {
                continue;
            }
            let row = |j: usize| &i1.data[(y0 as usize + j) * i1.width + x0 as usize..][..PATCH];
            // Sums kept per lane (one per patch column), as `patch_sum` does: one running
            // total would chain every addition after the one before.
            let mut lanes = [0.0f32; PATCH];
            for j in 0..PATCH {
                for (lane, &c) in lanes.iter_mut().zip(row(j)) {
                    *lane += c;
                }
            }
            let m = lanes.iter().sum::<f32>() / AREA as f32;
            let mut lanes = [0.0f32; PATCH];
            for (j, template_row) in template.chunks_exact(PATCH).enumerate() {
                for ((lane, &c), &t) in lanes.iter_mut().zip(row(j)).zip(template_row) {
                    let d = c - m - t;
                    *lane += d * d;
                }
            }
            costs.push((lanes.iter().sum::<f32>(), dx, dy));
        }
    }
    let distance_cost = |dx: i32, dy: i32| SEARCH_DISTANCE_COST * (dx * dx + dy * dy) as f32;
    let &(best, bx, by) = costs.iter().min_by(|p, q| {
        (p.0 + distance_cost(p.1, p.2)).total_cmp(&(q.0 + distance_cost(q.1, q.2)))
    })?;
    // A repeating texture (a fence, stripes) or an edge matches at several offsets: the
    // jump is taken only when the best match stands out, by itself and not by its length,
    // from every other one two pixels or more away.
    let rival = costs
        .iter()
        .filter(|(_, dx, dy)| (dx - bx).abs().max((dy - by).abs()) >= 2)
        .map(|(ssd, ..)| *ssd)
        .fold(f32::INFINITY, f32::min);
    (rival > best + JUMP_MARGIN).then_some((bx as f32, by as f32))
}

/// Mean-removed sum of squared differences between `i0`'s patch at (`px`, `py`) and `i1`'s
/// displaced by `(u, v)`.
fn patch_cost(i0: &Plane, i1: &Plane, px: usize, py: usize, (u, v): (f32, f32)) -> f32 {
    let mut template: Patch = [0.0; AREA];
    let mut warped: Patch = [0.0; AREA];
    let mt = sample_patch(i0, px as f32, py as f32, &mut template);
    let mw = sample_patch(i1, px as f32 + u, py as f32 + v, &mut warped);
    template
        .iter()
        .zip(&warped)
        .map(|(t, w)| (w - mw - t + mt) * (w - mw - t + mt))
        .sum()
}

fn inverse_search(
    i0: &Plane,
    i1: &Plane,
    init: &FlowField,
    s: &FlowSettings,
    radius: i32,
) -> PatchFlows {
    let xs = patch_positions(i0.width, PATCH, s.stride);
    let ys = patch_positions(i0.height, PATCH, s.stride);
    let mut u = vec![0.0f32; xs.len() * ys.len()];
    let mut v = vec![0.0f32; xs.len() * ys.len()];
    let middle = PATCH as f32 / 2.0 - 0.5;
    u.par_chunks_mut(xs.len())
        .zip(v.par_chunks_mut(xs.len()))
        .enumerate()
        .for_each(|(row, (u_row, v_row))| {
            let py = ys[row];
            for (col, &px) in xs.iter().enumerate() {
                let start = init.sample(px as f32 + middle, py as f32 + middle);
                let mut found = align_patch(i0, i1, px, py, start, s.iterations);
                let jump = (radius > 0)
                    .then(|| exhaustive_offset(i0, i1, px, py, radius))
                    .flatten();
                if let Some(jump) = jump {
                    let other = align_patch(i0, i1, px, py, jump, s.iterations);
                    if patch_cost(i0, i1, px, py, other) + JUMP_MARGIN
                        < patch_cost(i0, i1, px, py, found)
                    {
                        found = other;
                    }
                }
                u_row[col] = found.0;
                v_row[col] = found.1;
            }
        });
    PatchFlows { xs, ys, u, v }
}

/// Patches are 8x8 pixels, DIS's default: one row of a patch is one SIMD register of
/// floats, which the loops below are written for (fixed sizes, one accumulator per lane).
pub const PATCH: usize = 8;
const AREA: usize = PATCH * PATCH;
type Patch = [f32; AREA];

/// Sum of a patch's values, lane by lane so that it vectorises.
#[inline(always)]
fn patch_sum(values: &Patch) -> f32 {
    let mut lanes = [0.0f32; PATCH];
    for row in values.chunks_exact(PATCH) {
        for (lane, &value) in lanes.iter_mut().zip(row) {
            *lane += value;
        }
    }
    lanes.iter().sum()
}

/// Aligns one patch of `i0` to `i1` from `start`; returns the start itself when the search
/// ends worse than it began (a textureless or occluded patch).
/// A patch's search stops once a step moves it less than this squared distance (0.1 pixel
/// of its level). Stopping at 0.01 pixel instead cost 15% more search time on Megamind for
/// the same interpolation quality (within 0.002 dB).
const CONVERGED: f32 = 1e-2;

fn align_patch(
    i0: &Plane,
    i1: &Plane,
    px: usize,
    py: usize,
    start: (f32, f32),
    iterations: usize,
) -> (f32, f32) {
    let n = AREA as f32;
    let mut template: Patch = [0.0; AREA];
    let mut gx: Patch = [0.0; AREA];
    let mut gy: Patch = [0.0; AREA];
    let interior = px >= 1 && py >= 1 && px + PATCH < i0.width && py + PATCH < i0.height;
    for j in 0..PATCH {
        let k = j * PATCH;
        if interior {
            let at = |y: usize| &i0.data[y * i0.width + px - 1..][..PATCH + 2];
            let (above, here, below) = (at(py + j - 1), at(py + j), at(py + j + 1));
            for i in 0..PATCH {
                template[k + i] = here[i + 1];
                gx[k + i] = 0.5 * (here[i + 2] - here[i]);
                gy[k + i] = 0.5 * (below[i + 1] - above[i + 1]);
            }
        } else {
            for i in 0..PATCH {
                let (x, y) = ((px + i) as isize, (py + j) as isize);
                template[k + i] = i0.at(x, y);
                gx[k + i] = 0.5 * (i0.at(x + 1, y) - i0.at(x - 1, y));
                gy[k + i] = 0.5 * (i0.at(x, y + 1) - i0.at(x, y - 1));
            }
        }
    }
    let (mgx, mgy, mt) = (
        patch_sum(&gx) / n,
        patch_sum(&gy) / n,
        patch_sum(&template) / n,
    );
    let mut hessian = [[0.0f32; PATCH]; 3];
    for k in 0..AREA {
        gx[k] -= mgx;
        gy[k] -= mgy;
        template[k] -= mt;
        let lane = k % PATCH;
        hessian[0][lane] += gx[k] * gx[k];
        hessian[1][lane] += gx[k] * gy[k];
        hessian[2][lane] += gy[k] * gy[k];
    }
    let [mut hxx, hxy, mut hyy] = hessian.map(|lanes| lanes.iter().sum::<f32>());
    // A little Tikhonov damping keeps flat and one-dimensional patches from running off.
    let damping = 1e-2 * n;
    hxx += damping;
    hyy += damping;
    let det = hxx * hyy - hxy * hxy;
    if det <= f32::EPSILON {
        return start;
    }

    // Residuals against the template at (u, v): the gradient terms and the squared error.
    let mut warped: Patch = [0.0; AREA];
    let mut residual = |u: f32, v: f32| {
        let mean = sample_patch(i1, px as f32 + u, py as f32 + v, &mut warped);
        let mut sums = [[0.0f32; PATCH]; 3];
        for k in 0..AREA {
            let lane = k % PATCH;
            let r = warped[k] - mean - template[k];
            sums[0][lane] += gx[k] * r;
            sums[1][lane] += gy[k] * r;
            sums[2][lane] += r * r;
        }
        sums.map(|lanes| lanes.iter().sum::<f32>())
    };
    let (mut u, mut v) = start;
    let mut first_cost = None;
    for _ in 0..iterations.max(1) {
        let [bx, by, cost] = residual(u, v);
        first_cost.get_or_insert(cost);
        let du = (hyy * bx - hxy * by) / det;
        let dv = (hxx * by - hxy * bx) / det;
        u -= du;
        v -= dv;
        if du * du + dv * dv < CONVERGED {
            break;
        }
    }
    let [_, _, final_cost] = residual(u, v);
    if final_cost > first_cost.unwrap_or(f32::INFINITY) || !u.is_finite() || !v.is_finite() {
        start
    } else {
        (u, v)
    }
}

/// Bilinear samples of a patch of `plane` with its top-left at (`x`, `y`); returns their
/// mean. The whole patch shares one sub-pixel offset, so the weights are computed once.
fn sample_patch(plane: &Plane, x: f32, y: f32, out: &mut Patch) -> f32 {
    let (fx0, fy0) = (x.floor(), y.floor());
    let (fx, fy) = (x - fx0, y - fy0);
    let (x0, y0) = (fx0 as isize, fy0 as isize);
    let inside = x0 >= 0
        && y0 >= 0
        && x0 + (PATCH as isize) < plane.width as isize
        && y0 + (PATCH as isize) < plane.height as isize;
    let (w00, w01, w10, w11) = (
        (1.0 - fx) * (1.0 - fy),
        fx * (1.0 - fy),
        (1.0 - fx) * fy,
        fx * fy,
    );
    for (j, row) in out.chunks_exact_mut(PATCH).enumerate() {
        let yj = y0 + j as isize;
        if inside {
            let start = yj as usize * plane.width + x0 as usize;
            let top = &plane.data[start..][..PATCH + 1];
            let bottom = &plane.data[start + plane.width..][..PATCH + 1];
            for i in 0..PATCH {
                row[i] = w00 * top[i] + w01 * top[i + 1] + w10 * bottom[i] + w11 * bottom[i + 1];
            }
        } else {
            for (i, value) in row.iter_mut().enumerate() {
                let xi = x0 + i as isize;
                *value = w00 * plane.at(xi, yj)
                    + w01 * plane.at(xi + 1, yj)
                    + w10 * plane.at(xi, yj + 1)
                    + w11 * plane.at(xi + 1, yj + 1);
            }
        }
    }
    patch_sum(out) / AREA as f32
}

/// Per-pixel flow: the patches covering a pixel vote, each weighted by the inverse of its
/// photometric error there.
///
/// Row by row, each covering patch scores its whole eight-pixel span at once: the patch's
/// vector is the same for all eight, so they share one set of bilinear weights.
fn densify(i0: &Plane, i1: &Plane, patches: &PatchFlows, scale: usize) -> FlowField {
    let (w, h) = (i0.width, i0.height);
    // Per pixel row, the first and last patch rows covering it.
    let mut covering = Vec::with_capacity(h);
    let (mut lo, mut hi) = (0usize, 0usize);
    for y in 0..h {
        while patches.ys[lo] + PATCH <= y {
            lo += 1;
        }
        while hi + 1 < patches.ys.len() && patches.ys[hi + 1] <= y {
            hi += 1;
        }
        covering.push((lo, hi));
    }
    let nx = patches.xs.len();
    let mut out = FlowField::zero(w, h, scale);
    out.u
        .par_chunks_mut(w)
        .zip(out.v.par_chunks_mut(w))
        .enumerate()
        .for_each_init(
            || vec![0f32; w],
            |sw, (y, (u_row, v_row))| {
                sw.fill(0.0);
                let a_row = i0.row(y);
                let (lo, hi) = covering[y];
                let mut warped = [0f32; PATCH];
                for patch_row in lo..=hi {
                    for (col, &px) in patches.xs.iter().enumerate() {
                        let k = patch_row * nx + col;
                        let (pu, pv) = (patches.u[k], patches.v[k]);
                        sample_span(i1, px as f32 + pu, y as f32 + pv, &mut warped);
                        let span = px..px + PATCH;
                        for (((&b, &a), (su, sv)), weight_sum) in warped
                            .iter()
                            .zip(&a_row[span.clone()])
                            .zip(u_row[span.clone()].iter_mut().zip(&mut v_row[span.clone()]))
                            .zip(&mut sw[span])
                        {
                            let weight = 1.0 / (b - a).abs().max(1.0);
                            *su += weight * pu;
                            *sv += weight * pv;
                            *weight_sum += weight;
                        }
                    }
                }
                // Every pixel is covered by at least one patch (see `patch_positions`).
                for ((u, v), &weight_sum) in u_row.iter_mut().zip(v_row.iter_mut()).zip(sw.iter()) {
                    *u /= weight_sum;
                    *v /= weight_sum;
                }
            },
        );
    out
}

/// Bilinear samples of `plane` at (`x + i`, `y`) for the eight `i`, edges extended.
fn sample_span(plane: &Plane, x: f32, y: f32, out: &mut [f32; PATCH]) {
    let (fx0, fy0) = (x.floor(), y.floor());
    let (x0, y0) = (fx0 as isize, fy0 as isize);
    let inside = x0 >= 0
        && y0 >= 0
        && x0 + (PATCH as isize) < plane.width as isize
        && y0 + 1 < plane.height as isize;
    if !inside {
        for (i, value) in out.iter_mut().enumerate() {
            *value = plane.sample(x + i as f32, y);
        }
        return;
    }
    let (fx, fy) = (x - fx0, y - fy0);
    let (w00, w01, w10, w11) = (
        (1.0 - fx) * (1.0 - fy),
        fx * (1.0 - fy),
        (1.0 - fx) * fy,
        fx * fy,
    );
    let start = y0 as usize * plane.width + x0 as usize;
    let top = &plane.data[start..][..PATCH + 1];
    let bottom = &plane.data[start + plane.width..][..PATCH + 1];
    for i in 0..PATCH {
        out[i] = w00 * top[i] + w01 * top[i + 1] + w10 * bottom[i] + w11 * bottom[i + 1];
    }
}

/// One pass of a 3x3 cross-bilateral filter on the flow, guided by the image: smooths the
/// blockiness densification leaves without bleeding motion across object edges.
fn smooth(guide: &Plane, field: &FlowField) -> FlowField {
    let (w, h) = (field.width, field.height);
    let mut out = FlowField::zero(w, h, field.scale);
    // Rational falloff with a 10-level scale: as edge-stopping as a Gaussian, without `exp`.
    const INTENSITY: f32 = 1.0 / (10.0 * 10.0);
    let spatial = |dx: isize, dy: isize| match (dx, dy) {
        (0, 0) => 1.0,
        (0, _) | (_, 0) => 0.6,
        _ => 0.36,
    };
    out.u
        .par_chunks_mut(w)
        .zip(out.v.par_chunks_mut(w))
        .enumerate()
        .for_each_init(
            || vec![0f32; w],
            |sw, (y, (u_row, v_row))| {
                u_row.fill(0.0);
                v_row.fill(0.0);
                sw.fill(0.0);
                let center = guide.row(y);
                // Tap by tap over whole rows, so that the loops vectorise; the first and last
                // columns, whose taps leave the row, are done one by one below.
                for dy in -1isize..=1 {
                    let yy = (y as isize + dy).clamp(0, h as isize - 1) as usize;
                    let (g, u, v) = (guide.row(yy), field.row_u(yy), field.row_v(yy));
                    for dx in -1isize..=1 {
                        if w < 3 {
                            break;
                        }
                        let weight_of_tap = spatial(dx, dy);
                        let from = (1 + dx) as usize;
                        let taps = g[from..from + w - 2]
                            .iter()
                            .zip(&u[from..from + w - 2])
                            .zip(&v[from..from + w - 2]);
                        for (x, ((&g, &u), &v)) in taps.enumerate() {
                            let d = g - center[x + 1];
                            let weight = weight_of_tap / (1.0 + d * d * INTENSITY);
                            u_row[x + 1] += weight * u;
                            v_row[x + 1] += weight * v;
                            sw[x + 1] += weight;
                        }
                    }
                }
                for x in 1..w.saturating_sub(1) {
                    u_row[x] /= sw[x];
                    v_row[x] /= sw[x];
                }
                for x in [0, w - 1] {
                    let (mut su, mut sv, mut total) = (0.0f32, 0.0f32, 0.0f32);
                    for dy in -1isize..=1 {
                        let yy = (y as isize + dy).clamp(0, h as isize - 1) as usize;
                        for dx in -1isize..=1 {
                            let xx = (x as isize + dx).clamp(0, w as isize - 1) as usize;
                            let k = yy * w + xx;
                            let d = guide.data[k] - center[x];
                            let weight = spatial(dx, dy) / (1.0 + d * d * INTENSITY);
                            su += weight * field.u[k];
                            sv += weight * field.v[k];
                            total += weight;
                        }
                    }
                    u_row[x] = su / total;
                    v_row[x] = sv / total;
                }
            },
        );
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

    /// Full resolution, the patch search alone (no refinement).
    fn patches_only(coarse_search: i32) -> FlowSettings {
        FlowSettings {
            finest_level: 0,
            stride: 4,
            iterations: 12,
            smoothing_passes: 1,
            refinement: Refinement::OFF,
            coarse_refinement: Refinement::OFF,
            coarse_search,
        }
    }

    #[test]
    fn finds_a_global_translation() {
        let (w, h) = (160, 120);
        let a = Pyramid::new(pattern(w, h, 0.0, 0.0), 8);
        let b = Pyramid::new(pattern(w, h, 5.5, -3.25), 8);
        let field = flow(&a, &b, &patches_only(COARSE_SEARCH_RADIUS));
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

    /// A textured block crossing flat ground faster than gradient descent from zero can
    /// follow at the coarsest level: the exhaustive start finds it.
    #[test]
    fn the_coarse_search_finds_fast_motion_over_flat_ground() {
        let (w, h) = (320, 160);
        let scene = |shift: f32| {
            let mut plane = Plane::new(w, h);
            for y in 0..h {
                for x in 0..w {
                    let (fx, fy) = (x as f32 - 60.0 - shift, y as f32 - 50.0);
                    let inside = (0.0..96.0).contains(&fx) && (0.0..64.0).contains(&fy);
                    plane.data[y * w + x] = if inside {
                        128.0 + 60.0 * (fx * 0.15).sin() * (fy * 0.12).cos()
                    } else {
                        100.0
                    };
                }
            }
            plane
        };
        let (a, b) = (Pyramid::new(scene(0.0), 8), Pyramid::new(scene(22.0), 8));
        let (without, with) = (patches_only(0), patches_only(COARSE_SEARCH_RADIUS));
        // The block's middle, where every patch sees its texture.
        let error = |field: &FlowField| {
            let mut total = 0.0;
            let mut count = 0;
            for y in 66..98 {
                for x in 76..140 {
                    let k = y * w + x;
                    total += ((field.u[k] - 22.0).powi(2) + field.v[k].powi(2)).sqrt();
                    count += 1;
                }
            }
            total / count as f32
        };
        let (lost, found) = (error(&flow(&a, &b, &without)), error(&flow(&a, &b, &with)));
        assert!(
            found < 1.0,
            "endpoint error with the search {found} (without {lost})"
        );
        assert!(
            lost > 4.0 * found,
            "without the search {lost}, with {found}"
        );
    }

    /// The same fast motion is found in a frame on its side: the coarsest level is chosen by
    /// the long side, so a portrait frame's pyramid is as deep as a landscape one's (counted
    /// on the width, it stopped a level finer and lost the motion).
    #[test]
    fn fast_motion_is_found_in_portrait_frames_as_in_landscape_ones() {
        let (long, short, shift) = (320, 160, 40.0);
        // A textured block over flat ground, moving along the long side.
        let value = |along: usize, across: usize, shift: f32| {
            let (fa, fc) = (along as f32 - 60.0 - shift, across as f32 - 50.0);
            if (0.0..96.0).contains(&fa) && (0.0..64.0).contains(&fc) {
                128.0 + 60.0 * (fa * 0.15).sin() * (fc * 0.12).cos()
            } else {
                100.0
            }
        };
        let scene = |portrait: bool, shift: f32| {
            let (w, h) = if portrait {
                (short, long)
            } else {
                (long, short)
            };
            let mut plane = Plane::new(w, h);
            for y in 0..h {
                for x in 0..w {
                    let (along, across) = if portrait { (y, x) } else { (x, y) };
                    plane.data[y * w + x] = value(along, across, shift);
                }
            }
            plane
        };
        let error = |portrait: bool| {
            let a = Pyramid::new(scene(portrait, 0.0), 8);
            let b = Pyramid::new(scene(portrait, shift), 8);
            let field = flow(&a, &b, &patches_only(COARSE_SEARCH_RADIUS));
            let w = if portrait { short } else { long };
            let (mut total, mut count) = (0.0, 0);
            for across in 66..98 {
                for along in 116..160 {
                    let (x, y) = if portrait {
                        (across, along)
                    } else {
                        (along, across)
                    };
                    let k = y * w + x;
                    let (du, dv) = if portrait { (0.0, shift) } else { (shift, 0.0) };
                    total += ((field.u[k] - du).powi(2) + (field.v[k] - dv).powi(2)).sqrt();
                    count += 1;
                }
            }
            total / count as f32
        };
        let (landscape, portrait) = (error(false), error(true));
        assert!(landscape < 1.0, "landscape endpoint error {landscape}");
        assert!(
            portrait < 1.0,
            "portrait endpoint error {portrait} (landscape {landscape})"
        );
    }
}
