//! Variational refinement of a flow field, the last step of DIS (Kroeger et al., 2016, after
//! Brox et al., 2004): patch search gives each 8x8 patch one vector, which is right on the
//! whole but blocky and wrong where a patch straddles two motions or the motion is not a
//! translation (a face turning, a mouth opening). This step lets every pixel move off the
//! densified field so that its own brightness and brightness gradient match, while the field
//! stays piecewise smooth.
//!
//! It minimises, over an increment `(du, dv)` to the current field `(u, v)`,
//!
//! ```text
//! sum  delta * psi(data^2) + gamma * psi(gradient^2) + alpha * psi(|grad(u+du)|^2 + |grad(v+dv)|^2)
//! ```
//!
//! with `psi(s^2) = sqrt(s^2 + eps^2)` (robust: an occluded pixel does not drag its
//! neighbours), the brightness and gradient residuals linearised about `b` warped by the
//! current field. Each outer iteration fixes the robust weights and solves the linear system
//! by red-black successive over-relaxation, which is deterministic whatever the thread
//! count (the two flow directions run in parallel; each refinement is one thread's).

use super::flow::{FlowField, Plane};

/// Weights of the energy's three terms, for images in 0-255 levels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Refinement {
    /// Fixed-point (re-linearisation) iterations; 0 turns refinement off.
    pub outer: usize,
    /// Over-relaxation sweeps per fixed-point iteration.
    pub inner: usize,
    pub smoothness: f32,
    pub brightness: f32,
    pub gradient: f32,
}

impl Refinement {
    /// The weights measured best on Megamind (smoothness 30-300 and gradient 3-10 all
    /// within 0.05 dB; below 30 the field follows noise and loses up to a decibel).
    pub const TUNED: Refinement = Refinement {
        outer: 3,
        inner: 5,
        smoothness: 100.0,
        brightness: 5.0,
        gradient: 5.0,
    };

    pub const OFF: Refinement = Refinement {
        outer: 0,
        inner: 0,
        smoothness: 0.0,
        brightness: 0.0,
        gradient: 0.0,
    };
}

const OMEGA: f32 = 1.6;

thread_local! {
    /// Buffers kept between calls: refinement runs once per pair and direction on planes of
    /// the same size, and fresh allocations of this size cost page faults every time.
    static POOL: std::cell::RefCell<Vec<Vec<f32>>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// A zeroed buffer of `len` floats from this thread's pool.
fn take(len: usize) -> Vec<f32> {
    let mut buffer = take_dirty(len);
    buffer.fill(0.0);
    buffer
}

/// A buffer of `len` floats from this thread's pool, holding whatever it held last: for
/// buffers every element of which is written before it is read. (Zeroing the two dozen
/// buffers of a refinement was a fifth of its time.)
fn take_dirty(len: usize) -> Vec<f32> {
    let mut buffer = POOL
        .with(|pool| pool.borrow_mut().pop())
        .unwrap_or_default();
    buffer.resize(len, 0.0);
    buffer
}

fn give(buffers: impl IntoIterator<Item = Vec<f32>>) {
    POOL.with(|pool| pool.borrow_mut().extend(buffers));
}

/// The robust function's floor, in levels (and in pixels per pixel for the smoothness term).
const EPS_DATA: f32 = 0.5;
const EPS_SMOOTH: f32 = 0.01;

/// Per-pixel derivatives of the linearised data terms at the current field.
struct Derivatives {
    ix: Vec<f32>,
    iy: Vec<f32>,
    it: Vec<f32>,
    ixx: Vec<f32>,
    ixy: Vec<f32>,
    iyy: Vec<f32>,
    ixt: Vec<f32>,
    iyt: Vec<f32>,
}

/// Central difference along a row (one-sided, halved, at its ends, as at a repeated edge).
#[inline(always)]
fn along(row: &[f32], x: usize) -> f32 {
    let w = row.len();
    0.5 * (row[(x + 1).min(w - 1)] - row[x.saturating_sub(1)])
}

/// Writes the central differences of `p` across (`gx`, if given) and down (`gy`) into the
/// given buffers, edges extended.
#[inline(always)]
fn gradient_into(p: &[f32], w: usize, h: usize, mut gx: Option<&mut [f32]>, gy: &mut [f32]) {
    for y in 0..h {
        let row = &p[y * w..][..w];
        let above = &p[y.saturating_sub(1) * w..][..w];
        let below = &p[(y + 1).min(h - 1) * w..][..w];
        if let Some(gx) = gx.as_deref_mut() {
            let gx_row = &mut gx[y * w..][..w];
            for ((g, &r), &l) in gx_row[1..w - 1]
                .iter_mut()
                .zip(&row[2..])
                .zip(&row[..w - 2])
            {
                *g = 0.5 * (r - l);
            }
            gx_row[0] = along(row, 0);
            gx_row[w - 1] = along(row, w - 1);
        }
        for ((g, &b), &a) in gy[y * w..][..w].iter_mut().zip(below).zip(above) {
            *g = 0.5 * (b - a);
        }
    }
}

#[inline(always)]
fn derivatives(a: &Plane, b: &Plane, field: &FlowField) -> Derivatives {
    let (w, h) = (a.width, a.height);
    let mut warped = take_dirty(w * h);
    for (y, row) in warped.chunks_exact_mut(w).enumerate() {
        let (u, v) = (field.row_u(y), field.row_v(y));
        for (x, value) in row.iter_mut().enumerate() {
            *value = b.sample(x as f32 + u[x], y as f32 + v[x]);
        }
    }
    // Spatial derivatives from both images (less biased than either alone); temporal ones
    // as the warped second image minus the first. One pass over the rows makes all five
    // first-order terms.
    let [mut ix, mut iy, mut it, mut ixt, mut iyt] = std::array::from_fn(|_| take_dirty(w * h));
    for y in 0..h {
        let j = y * w;
        let (up, down) = (y.saturating_sub(1) * w, (y + 1).min(h - 1) * w);
        let (ar, au, ad) = (&a.data[j..][..w], &a.data[up..][..w], &a.data[down..][..w]);
        let (br, bu, bd) = (&warped[j..][..w], &warped[up..][..w], &warped[down..][..w]);
        let (ix_r, iy_r, it_r) = (&mut ix[j..][..w], &mut iy[j..][..w], &mut it[j..][..w]);
        let (ixt_r, iyt_r) = (&mut ixt[j..][..w], &mut iyt[j..][..w]);
        let mut put = |x: usize, ax: f32, bx: f32| {
            let (ay, by) = (0.5 * (ad[x] - au[x]), 0.5 * (bd[x] - bu[x]));
            ix_r[x] = 0.5 * (ax + bx);
            iy_r[x] = 0.5 * (ay + by);
            it_r[x] = br[x] - ar[x];
            ixt_r[x] = bx - ax;
            iyt_r[x] = by - ay;
        };
        put(0, along(ar, 0), along(br, 0));
        for x in 1..w - 1 {
            put(
                x,
                0.5 * (ar[x + 1] - ar[x - 1]),
                0.5 * (br[x + 1] - br[x - 1]),
            );
        }
        put(w - 1, along(ar, w - 1), along(br, w - 1));
    }
    let [mut ixx, mut ixy, mut iyy] = std::array::from_fn(|_| take_dirty(w * h));
    gradient_into(&ix, w, h, Some(&mut ixx), &mut ixy);
    gradient_into(&iy, w, h, None, &mut iyy);
    give([warped]);
    Derivatives {
        ix,
        iy,
        it,
        ixx,
        ixy,
        iyy,
        ixt,
        iyt,
    }
}

/// Refines `field` (the flow from `a` to `b` at their level) in place.
///
/// The unknowns live on a grid with a one-pixel border whose smoothness weights are zero,
/// so that every loop below runs without edge cases.
pub fn refine(a: &Plane, b: &Plane, field: &mut FlowField, r: &Refinement) {
    if r.outer == 0 || a.width < 3 || a.height < 3 {
        return;
    }
    #[cfg(target_arch = "x86_64")]
    if is_x86_feature_detected!("avx512f") && is_x86_feature_detected!("fma") {
        // SAFETY: the CPU has the features the function is compiled for.
        unsafe { refine_avx512(a, b, field, r) };
        return;
    }
    #[cfg(target_arch = "x86_64")]
    if is_x86_feature_detected!("avx2") && is_x86_feature_detected!("fma") {
        // SAFETY: the CPU has the features the function is compiled for.
        unsafe { refine_avx2(a, b, field, r) };
        return;
    }
    refine_body(a, b, field, r);
}

/// The same code compiled for AVX2 and FMA: its loops over rows vectorise eight wide.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2,fma")]
unsafe fn refine_avx2(a: &Plane, b: &Plane, field: &mut FlowField, r: &Refinement) {
    refine_body(a, b, field, r);
}

/// The same code sixteen wide.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx512f,avx2,fma")]
unsafe fn refine_avx512(a: &Plane, b: &Plane, field: &mut FlowField, r: &Refinement) {
    refine_body(a, b, field, r);
}

#[inline(always)]
fn refine_body(a: &Plane, b: &Plane, field: &mut FlowField, r: &Refinement) {
    let (w, h) = (a.width, a.height);
    let d = derivatives(a, b, field);
    let stride = w + 2;
    let padded = stride * (h + 2);
    let at = |x: usize, y: usize| (y + 1) * stride + x + 1;
    // Most buffers are written in full before they are read; what is read of the border
    // (the unrefined field beside the first and last pixels, the smoothness weights above
    // and left of them) is zeroed here, and the increments start at zero.
    let mut fu = take_dirty(padded);
    let mut fv = take_dirty(padded);
    zero_border(&mut fu, stride, h);
    zero_border(&mut fv, stride, h);
    for y in 0..h {
        fu[at(0, y)..][..w].copy_from_slice(field.row_u(y));
        fv[at(0, y)..][..w].copy_from_slice(field.row_v(y));
    }
    let (mut du, mut dv) = (take(padded), take(padded));
    // Per pixel, fixed within an outer iteration: the coupling between the two increments,
    // the right-hand sides (data terms plus the pull of the unrefined field's neighbours),
    // the inverse diagonals, and the smoothness weights towards the right and downward
    // neighbours (zero across the border).
    let [mut a12, mut c1, mut c2, mut inv1, mut inv2, mut smooth, mut total_u, mut total_v] =
        std::array::from_fn(|_| take_dirty(padded));
    let mut right = take_dirty(padded);
    let mut down = take_dirty(padded);
    let mut next = take_dirty(w);
    zero_border(&mut right, stride, h);
    zero_border(&mut down, stride, h);
    for _ in 0..r.outer {
        // The refined field, then a smoothness weight per pixel from its gradient (forward
        // differences; the last column and row repeat their neighbour's), then per edge the
        // mean of its two ends. Rows are cut as equal-length slices so the loops vectorise.
        for (((tu, tv), (u, v)), (du, dv)) in total_u
            .iter_mut()
            .zip(total_v.iter_mut())
            .zip(fu.iter().zip(&fv))
            .zip(du.iter().zip(&dv))
        {
            *tu = u + du;
            *tv = v + dv;
        }
        for y in 0..h {
            let k = at(0, y);
            let below = if y + 1 < h { k + stride } else { k };
            let (u, v) = (&total_u[k..][..w + 1], &total_v[k..][..w + 1]);
            let (ud, vd) = (&total_u[below..][..w], &total_v[below..][..w]);
            let out = &mut smooth[k..][..w];
            for x in 0..w {
                let ux = u[x + 1] - u[x];
                let vx = v[x + 1] - v[x];
                let uy = ud[x] - u[x];
                let vy = vd[x] - v[x];
                out[x] = r.smoothness * 0.5
                    / (ux * ux + vx * vx + uy * uy + vy * vy + EPS_SMOOTH * EPS_SMOOTH).sqrt();
            }
            // The last column's right-hand neighbour is the border: repeat instead.
            let (ux, vx) = (0.0f32, 0.0f32);
            let (uy, vy) = (ud[w - 1] - u[w - 1], vd[w - 1] - v[w - 1]);
            out[w - 1] = r.smoothness * 0.5
                / (ux * ux + vx * vx + uy * uy + vy * vy + EPS_SMOOTH * EPS_SMOOTH).sqrt();
        }
        for y in 0..h {
            let k = at(0, y);
            let here = &smooth[k..][..w + 1];
            let right_row = &mut right[k..][..w];
            for x in 0..w {
                right_row[x] = 0.5 * (here[x] + here[x + 1]);
            }
            right_row[w - 1] = 0.0;
            let down_row = &mut down[k..][..w];
            if y + 1 < h {
                let below = &smooth[k + stride..][..w];
                for x in 0..w {
                    down_row[x] = 0.5 * (here[x] + below[x]);
                }
            } else {
                down_row.fill(0.0);
            }
        }
        for y in 0..h {
            let k = at(0, y);
            let j = y * w;
            let (wr, wl) = (&right[k..][..w], &right[k - 1..][..w]);
            let (wd, wu) = (&down[k..][..w], &down[k - stride..][..w]);
            let (uc, ur, ul, ud, uu) = (
                &fu[k..][..w],
                &fu[k + 1..][..w],
                &fu[k - 1..][..w],
                &fu[k + stride..][..w],
                &fu[k - stride..][..w],
            );
            let (vc, vr, vl, vd, vu) = (
                &fv[k..][..w],
                &fv[k + 1..][..w],
                &fv[k - 1..][..w],
                &fv[k + stride..][..w],
                &fv[k - stride..][..w],
            );
            let (dur, dvr) = (&du[k..][..w], &dv[k..][..w]);
            let (ix, iy, it) = (&d.ix[j..][..w], &d.iy[j..][..w], &d.it[j..][..w]);
            let (ixx, ixy, iyy) = (&d.ixx[j..][..w], &d.ixy[j..][..w], &d.iyy[j..][..w]);
            let (ixt, iyt) = (&d.ixt[j..][..w], &d.iyt[j..][..w]);
            let a12_row = &mut a12[k..][..w];
            let c1_row = &mut c1[k..][..w];
            let c2_row = &mut c2[k..][..w];
            let inv1_row = &mut inv1[k..][..w];
            let inv2_row = &mut inv2[k..][..w];
            for x in 0..w {
                let sum_w = wr[x] + wl[x] + wd[x] + wu[x];
                let pull_u =
                    wr[x] * ur[x] + wl[x] * ul[x] + wd[x] * ud[x] + wu[x] * uu[x] - sum_w * uc[x];
                let pull_v =
                    wr[x] * vr[x] + wl[x] * vl[x] + wd[x] * vd[x] + wu[x] * vu[x] - sum_w * vc[x];
                let (dku, dkv) = (dur[x], dvr[x]);
                let (ix, iy, it) = (ix[x], iy[x], it[x]);
                let (ixx, ixy, iyy, ixt, iyt) = (ixx[x], ixy[x], iyy[x], ixt[x], iyt[x]);
                let data = it + ix * dku + iy * dkv;
                let psi_d = r.brightness * 0.5 / (data * data + EPS_DATA * EPS_DATA).sqrt();
                let gxr = ixt + ixx * dku + ixy * dkv;
                let gyr = iyt + ixy * dku + iyy * dkv;
                let psi_g = r.gradient * 0.5 / (gxr * gxr + gyr * gyr + EPS_DATA * EPS_DATA).sqrt();
                let a11 = psi_d * ix * ix + psi_g * (ixx * ixx + ixy * ixy);
                let a22 = psi_d * iy * iy + psi_g * (ixy * ixy + iyy * iyy);
                a12_row[x] = psi_d * ix * iy + psi_g * (ixx * ixy + ixy * iyy);
                c1_row[x] = pull_u - (psi_d * ix * it + psi_g * (ixx * ixt + ixy * iyt));
                c2_row[x] = pull_v - (psi_d * iy * it + psi_g * (ixy * ixt + iyy * iyt));
                inv1_row[x] = 1.0 / (a11 + sum_w);
                inv2_row[x] = 1.0 / (a22 + sum_w);
            }
        }
        let system = System {
            a12: &a12,
            c1: &c1,
            c2: &c2,
            inv1: &inv1,
            inv2: &inv2,
            right: &right,
            down: &down,
            stride,
            w,
            h,
        };
        for _ in 0..r.inner {
            for colour in 0..2 {
                system.sweep(&mut du, &mut dv, colour, &mut next);
            }
        }
    }
    for y in 0..h {
        let (u, v) = (&mut field.u[y * w..][..w], &mut field.v[y * w..][..w]);
        for (x, (u, v)) in u.iter_mut().zip(v.iter_mut()).enumerate() {
            *u += du[at(x, y)];
            *v += dv[at(x, y)];
        }
    }
    let Derivatives {
        ix,
        iy,
        it,
        ixx,
        ixy,
        iyy,
        ixt,
        iyt,
    } = d;
    give([ix, iy, it, ixx, ixy, iyy, ixt, iyt]);
    give([
        fu, fv, du, dv, a12, c1, c2, inv1, inv2, smooth, right, down, total_u, total_v, next,
    ]);
}

/// Zeroes the one-pixel border of a padded `stride` x `h + 2` grid.
fn zero_border(grid: &mut [f32], stride: usize, h: usize) {
    grid[..stride].fill(0.0);
    grid[(h + 1) * stride..].fill(0.0);
    for y in 1..=h {
        grid[y * stride] = 0.0;
        grid[y * stride + stride - 1] = 0.0;
    }
}

struct System<'a> {
    a12: &'a [f32],
    c1: &'a [f32],
    c2: &'a [f32],
    inv1: &'a [f32],
    inv2: &'a [f32],
    right: &'a [f32],
    down: &'a [f32],
    stride: usize,
    w: usize,
    h: usize,
}

impl System<'_> {
    /// One over-relaxation sweep over the pixels of one colour of the checkerboard.
    ///
    /// A pixel's update reads only its four neighbours, which are of the other colour and
    /// so do not change during the sweep. Each row is therefore computed whole, both
    /// colours, into `next` from values no store of this row touches, and the pixels of
    /// this sweep's colour are then taken from it: twice the arithmetic, but in contiguous
    /// runs that vectorise, where stepping over every other pixel did not (3x faster, the
    /// same results bit for bit).
    #[inline(always)]
    fn sweep(&self, du: &mut [f32], dv: &mut [f32], colour: usize, next: &mut [f32]) {
        for y in 0..self.h {
            // Row x is of this sweep's colour when (x + y + colour) is even.
            let first = (y + colour) % 2;
            // u against the current v, then v against the u just updated.
            self.relax_row(y, first, du, dv, self.c1, self.inv1, next);
            self.relax_row(y, first, dv, du, self.c2, self.inv2, next);
        }
    }

    /// The pixels of one colour of row `y` (from `first`, every other one) of `own`, one
    /// increment's field, relaxed against `other`, the other increment's.
    #[allow(clippy::too_many_arguments)]
    #[inline(always)]
    fn relax_row(
        &self,
        y: usize,
        first: usize,
        own: &mut [f32],
        other: &[f32],
        c: &[f32],
        inv: &[f32],
        next: &mut [f32],
    ) {
        let (s, w) = (self.stride, self.w);
        let k = (y + 1) * s + 1;
        let next = &mut next[..w];
        let (wr, wl) = (&self.right[k..][..w], &self.right[k - 1..][..w]);
        let (wd, wu) = (&self.down[k..][..w], &self.down[k - s..][..w]);
        let (a12, c, inv) = (&self.a12[k..][..w], &c[k..][..w], &inv[k..][..w]);
        let (right, left, down, up) = (
            &own[k + 1..][..w],
            &own[k - 1..][..w],
            &own[k + s..][..w],
            &own[k - s..][..w],
        );
        let (here, across) = (&own[k..][..w], &other[k..][..w]);
        for x in 0..w {
            let pull = wr[x] * right[x] + wl[x] * left[x] + wd[x] * down[x] + wu[x] * up[x];
            let relaxed = (c[x] + pull - a12[x] * across[x]) * inv[x];
            next[x] = here[x] + OMEGA * (relaxed - here[x]);
        }
        for x in (first..w).step_by(2) {
            own[k + x] = next[x];
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::upscale::flow::{flow, FlowSettings, Pyramid};

    /// A textured pattern seen through a zoom about the centre by `zoom`: the true flow
    /// from the unzoomed picture grows with the distance from the centre, so no patch's
    /// single vector is right across the patch.
    fn zoomed(width: usize, height: usize, zoom: f32) -> Plane {
        let mut plane = Plane::new(width, height);
        let (cx, cy) = (width as f32 / 2.0, height as f32 / 2.0);
        for y in 0..height {
            for x in 0..width {
                let (fx, fy) = ((x as f32 - cx) / zoom + cx, (y as f32 - cy) / zoom + cy);
                plane.data[y * width + x] = 128.0
                    + 50.0 * (fx * 0.37).sin() * (fy * 0.29).cos()
                    + 30.0 * ((fx - fy) * 0.13).sin();
            }
        }
        plane
    }

    fn endpoint_error(field: &FlowField, zoom: f32) -> f32 {
        let (w, h) = (field.width, field.height);
        let (cx, cy) = (w as f32 / 2.0, h as f32 / 2.0);
        let mut total = 0.0;
        let mut count = 0;
        for y in 12..h - 12 {
            for x in 12..w - 12 {
                let k = y * w + x;
                // a(x) matches b(x + flow): b zooms a by `zoom` about the centre.
                let (tu, tv) = (
                    (x as f32 - cx) * (zoom - 1.0),
                    (y as f32 - cy) * (zoom - 1.0),
                );
                total += ((field.u[k] - tu).powi(2) + (field.v[k] - tv).powi(2)).sqrt();
                count += 1;
            }
        }
        total / count as f32
    }

    /// The vector builds compute what the plain one does, operation for operation (no fused
    /// multiply-adds: Rust does not contract), so the same bits come out.
    #[test]
    fn every_build_refines_to_the_same_bits() {
        let (w, h, zoom) = (97, 61, 1.04);
        let (a, b) = (zoomed(w, h, 1.0), zoomed(w, h, zoom));
        let mut start = FlowField::zero(w, h, 1);
        for (k, (u, v)) in start.u.iter_mut().zip(start.v.iter_mut()).enumerate() {
            *u = ((k % w) as f32 - w as f32 / 2.0) * 0.03;
            *v = ((k / w) as f32 - h as f32 / 2.0) * 0.03;
        }
        let mut plain = start.clone();
        refine_body(&a, &b, &mut plain, &Refinement::TUNED);
        let mut dispatched = start.clone();
        refine(&a, &b, &mut dispatched, &Refinement::TUNED);
        assert_ne!(plain.u, start.u);
        assert_eq!(plain.u, dispatched.u);
        assert_eq!(plain.v, dispatched.v);
    }

    #[test]
    fn refinement_follows_motion_that_varies_within_a_patch() {
        let (w, h, zoom) = (192, 144, 1.06);
        let a = Pyramid::new(zoomed(w, h, 1.0), 8);
        let b = Pyramid::new(zoomed(w, h, zoom), 8);
        let patches_only = FlowSettings {
            finest_level: 0,
            stride: 4,
            iterations: 12,
            smoothing_passes: 1,
            refinement: Refinement::OFF,
            coarse_refinement: Refinement::OFF,
            // The refinement alone: on this quasi-periodic texture the coarsest level's
            // exhaustive start can lock onto another period (real footage measured
            // otherwise; see `COARSE_SEARCH_RADIUS`).
            coarse_search: 0,
        };
        let refined = FlowSettings {
            refinement: Refinement::TUNED,
            ..patches_only
        };
        let before = endpoint_error(&flow(&a, &b, &patches_only), zoom);
        let after = endpoint_error(&flow(&a, &b, &refined), zoom);
        assert!(after < 0.7 * before, "endpoint error {before} -> {after}");
        assert!(after < 0.035, "endpoint error after refinement {after}");
    }
}
