//! Motion-compensated frame interpolation between two decoded source frames.
//!
//! For each pair of neighbouring frames `a` and `b`, [`PairMotion::analyse`] estimates dense
//! flow both ways ([`super::flow`]), marks where the two flows disagree (occlusions: a pixel
//! of `a` covered in `b`, or one of `b` uncovered since `a`) and decides whether the pair
//! straddles a scene cut. Then, for an output time `t` in (0, 1):
//!
//! 1. [`PairMotion::motion_at`] projects both flows to time `t` (forward splatting: each
//!    pixel of `a` lands where its motion has taken it by `t`, each pixel of `b` where it was
//!    at `t`; where several land on one spot the best-matching wins; holes are filled from
//!    their neighbours). The motion is a parabola through three frames where the pairs
//!    around this one are known, a straight line where not. Where the projected motion
//!    explains the pair worse than no motion at all, the motion is dropped: that spot falls
//!    back to a plain blend.
//! 2. [`synthesize`] samples `a` and `b` where the point was and will be (bilinear, luma and
//!    chroma) and mixes them with weights `(1 - t)` and `t`, each scaled down where the
//!    occlusion maps say that side cannot see the point.
//!
//! All of this runs at the source's resolution (the flow itself at a pyramid level of it);
//! resizing to the output size happens afterwards.

use std::sync::Arc;

use rayon::prelude::*;
use recut_media::Frame;

use super::flow::{flow, FlowField, FlowSettings, Plane, Pyramid, COARSE_SEARCH_RADIUS};
use super::variational::Refinement;
use super::warp::PlaneWarp;

/// How carefully motion is estimated and used.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MotionSettings {
    /// `flow.finest_level` is the level for sources up to about 540 lines; larger sources
    /// search one level coarser per doubling, down to the level whose short side is still
    /// at least `min_grid_side` (see [`MotionSettings::flow_for`]).
    pub flow: FlowSettings,
    pub min_grid_side: usize,
}

impl MotionSettings {
    /// The default: flow at quarter resolution for sources up to 540 lines (which on
    /// Megamind scored within 0.05 dB of half resolution at about half the time), patches
    /// every 5 pixels with 4 search iterations each, and a variational refinement at every
    /// level: two linearisations of two relaxation sweeps at the finest, two of three at the
    /// coarser ones, where it is cheap. The refinement corrects what a patch's single vector
    /// gets wrong on faces and mouths; at the coarse levels it carries a textured part's
    /// motion across a flat one (a car roof), which the patches there cannot see. Against
    /// the fifteenth session's settings (patches every 4 pixels, one linearisation of two
    /// sweeps at the finest level only), at the same speed, `profile_interp` against
    /// minterpolate's mci measured +0.08 dB on Megamind, +0.08 dB on its frames the tuning
    /// never saw, +0.2 dB on live-action footage and +0.1 dB on other animation
    /// (docs/benchmarks.md).
    pub const STANDARD: MotionSettings = MotionSettings {
        flow: FlowSettings {
            finest_level: 2,
            stride: 5,
            iterations: 4,
            smoothing_passes: 1,
            refinement: Refinement {
                outer: 2,
                inner: 2,
                ..Refinement::TUNED
            },
            coarse_refinement: Refinement {
                outer: 2,
                inner: 3,
                ..Refinement::TUNED
            },
            coarse_search: COARSE_SEARCH_RADIUS,
        },
        min_grid_side: 128,
    };

    /// `apollo`: patches every 4 pixels and a full variational refinement (five
    /// linearisations of five sweeps each) at every level, at about twice the standard's
    /// analysis time: +0.03-0.1 dB over the standard on footage the tuning never saw. More
    /// linearisations, sweeps or search iterations, or half resolution, measured within
    /// 0.01 dB of this. (Full resolution measured worse: flat areas of cartoon footage let
    /// the patches wander.)
    pub const CAREFUL: MotionSettings = MotionSettings {
        flow: FlowSettings {
            finest_level: 2,
            stride: 4,
            iterations: 4,
            smoothing_passes: 1,
            refinement: Refinement {
                outer: 5,
                inner: 5,
                ..Refinement::TUNED
            },
            coarse_refinement: Refinement {
                outer: 5,
                inner: 5,
                ..Refinement::TUNED
            },
            coarse_search: COARSE_SEARCH_RADIUS,
        },
        min_grid_side: 128,
    };

    /// The flow settings for a source whose short side is `short_side` pixels. Motion
    /// scales with the frame: the same shot at 1080p moves twice as many pixels per frame as
    /// at 540p, and the 8-pixel patches would see half as much of the picture. Searching one
    /// level coarser keeps the flow grid at the ~130 lines its quality was
    /// measured at, and costs a quarter as much.
    pub fn flow_for(&self, short_side: usize) -> FlowSettings {
        let mut level = self.flow.finest_level;
        while short_side >> (level + 1) >= self.min_grid_side {
            level += 1;
        }
        FlowSettings {
            finest_level: level,
            ..self.flow
        }
    }
}

/// The pair is a scene cut when this share of the flow grid stays badly matched even after
/// motion compensation. Measured on Megamind: ordinary pairs stay below 0.5%, its cuts
/// reach 25-35%.
const CUT_MISMATCHED_SHARE: f32 = 0.1;
/// Luma difference (0-255) beyond which a motion-compensated pixel counts as badly matched.
const CUT_MISMATCH_LEVEL: f32 = 24.0;

/// Everything about the motion between two frames that does not depend on the output time.
pub struct PairMotion {
    /// Luma pyramids of both frames; `b`'s serves again as the next pair's `a`.
    pyramid_a: Arc<Pyramid>,
    pyramid_b: Arc<Pyramid>,
    /// The pyramid level the flow is at.
    level: usize,
    forward: FlowField,
    backward: FlowField,
    /// Per flow-grid pixel of `a`: 1 where `a`'s pixel is still visible in `b`, towards 0 where
    /// the flows disagree there. `visible_b` likewise for `b`'s pixels in `a`.
    visible_a: Vec<f32>,
    visible_b: Vec<f32>,
    scene_cut: bool,
}

impl PairMotion {
    pub fn analyse(a: &Frame, b: &Frame, settings: &MotionSettings) -> PairMotion {
        let flow_settings = settings.flow_for(short_side(b));
        let (pa, pb) = rayon::join(|| pyramid(a, &flow_settings), || pyramid(b, &flow_settings));
        Self::from_pyramids(Arc::new(pa), Arc::new(pb), &flow_settings)
    }

    /// The motion of the pair that follows `previous` (whose `b` is this pair's `a`), up to
    /// `b`: `a`'s pyramid is not built again.
    pub fn analyse_after(
        previous: &PairMotion,
        b: &Frame,
        settings: &MotionSettings,
    ) -> PairMotion {
        let flow_settings = settings.flow_for(short_side(b));
        let pb = pyramid(b, &flow_settings);
        Self::from_pyramids(previous.pyramid_b.clone(), Arc::new(pb), &flow_settings)
    }

    fn from_pyramids(
        pa: Arc<Pyramid>,
        pb: Arc<Pyramid>,
        flow_settings: &FlowSettings,
    ) -> PairMotion {
        let (forward, backward) = rayon::join(
            || flow(&pa, &pb, flow_settings),
            || flow(&pb, &pa, flow_settings),
        );
        let level = forward.scale.trailing_zeros() as usize;
        let (visible_a, visible_b) = rayon::join(
            || visibility(&forward, &backward),
            || visibility(&backward, &forward),
        );
        let scene_cut = is_scene_cut(pa.level(level), pb.level(level), &forward);
        PairMotion {
            pyramid_a: pa,
            pyramid_b: pb,
            level,
            forward,
            backward,
            visible_a,
            visible_b,
            scene_cut,
        }
    }

    /// Luma of `a` and `b` at the flow's level.
    fn planes(&self) -> (&Plane, &Plane) {
        (
            self.pyramid_a.level(self.level),
            self.pyramid_b.level(self.level),
        )
    }

    /// Whether the pair straddles a cut: no in-between frame may be synthesised from it.
    pub fn is_scene_cut(&self) -> bool {
        self.scene_cut
    }

    /// The flow from `a` to `b`, at its pyramid level.
    pub fn forward(&self) -> &FlowField {
        &self.forward
    }

    /// Where whatever is at each point at time `t` comes from in `a` and goes to in `b`.
    ///
    /// `previous` is the motion of the pair before this one (ending at `a`), `next` that of
    /// the pair after it (starting at `b`). With them the motion is not taken to be uniform:
    /// each point follows the parabola through its positions in the three frames on its side
    /// (constant acceleration), which is how animated and filmed motion eases in and out.
    /// Measured on Megamind, that gained about 1.5 dB over straight lines (docs/benchmarks.md).
    /// A missing neighbour, or one across a scene cut, leaves that side's motion straight.
    pub fn motion_at(
        &self,
        t: f32,
        previous: Option<&PairMotion>,
        next: Option<&PairMotion>,
    ) -> MotionAt {
        let (w, h) = (self.forward.width, self.forward.height);
        let usable = |pair: &&PairMotion| {
            !pair.scene_cut && pair.forward.width == w && pair.forward.height == h
        };
        // The flow from `a` back to the frame before it, and from `b` on to the one after.
        // Each with how far it is trusted per point: a point hidden in the neighbouring frame
        // has no real flow there, and its motion stays straight.
        let past = previous
            .filter(usable)
            .map(|pair| (&pair.backward, pair.visible_b.as_slice()));
        let future = next
            .filter(usable)
            .map(|pair| (&pair.forward, pair.visible_a.as_slice()));
        let (a, b) = self.planes();
        let (from_a, from_b) = rayon::join(
            || splat(&self.forward, past, a, b, t, false),
            || splat(&self.backward, future, b, a, 1.0 - t, true),
        );
        let mut at = MotionAt {
            from_a: FlowField::zero(w, h, self.forward.scale),
            to_b: FlowField::zero(w, h, self.forward.scale),
        };
        let mut filled = vec![false; w * h];
        // Where both sides' candidates describe one point, they are mixed as Neville's
        // recurrence mixes the parabolas through frames -1, 0, 1 and 0, 1, 2 into the cubic
        // through all four (equal shares at t = 0.5).
        let (share_a, share_b) = ((2.0 - t) / 3.0, (1.0 + t) / 3.0);
        for k in 0..w * h {
            let (ca, cb) = (from_a[k], from_b[k]);
            let chosen = match (ca.error.is_finite(), cb.error.is_finite()) {
                (true, true) => {
                    let gap = (0..4)
                        .map(|i| (ca.motion[i] - cb.motion[i]).powi(2))
                        .sum::<f32>();
                    if gap < SAME_POINT_GAP {
                        Some(std::array::from_fn(|i| {
                            share_a * ca.motion[i] + share_b * cb.motion[i]
                        }))
                    } else if ca.error <= cb.error {
                        Some(ca.motion)
                    } else {
                        Some(cb.motion)
                    }
                }
                (true, false) => Some(ca.motion),
                (false, true) => Some(cb.motion),
                (false, false) => None,
            };
            if let Some([au, av, bu, bv]) = chosen {
                at.from_a.u[k] = au;
                at.from_a.v[k] = av;
                at.to_b.u[k] = bu;
                at.to_b.v[k] = bv;
                filled[k] = true;
            }
        }
        fill_holes(
            [
                &mut at.from_a.u,
                &mut at.from_a.v,
                &mut at.to_b.u,
                &mut at.to_b.v,
            ],
            (w, h),
            &mut filled,
        );
        // Where the two sides' candidates disagree (the edge of something moving over
        // something still), the choice flips from cell to cell; warped, that speckle is a
        // serrated, doubled edge. A 3x3 median keeps the edge and drops the speckle.
        for field in [
            &mut at.from_a.u,
            &mut at.from_a.v,
            &mut at.to_b.u,
            &mut at.to_b.v,
        ] {
            *field = median3(field, w, h);
        }
        self.drop_unreliable_motion(&mut at);
        at
    }

    /// Sets the motion to zero wherever it matches the two frames clearly worse than no
    /// motion does ([`UNRELIABLE_MARGIN`]), judged over 3x3 neighbourhoods: there, a blend
    /// is the safer guess.
    fn drop_unreliable_motion(&self, at: &mut MotionAt) {
        let (w, h) = (at.from_a.width, at.from_a.height);
        let (a, b) = self.planes();
        let mut compensated = vec![0.0f32; w * h];
        let mut still = vec![0.0f32; w * h];
        compensated
            .par_chunks_mut(w)
            .zip(still.par_chunks_mut(w))
            .enumerate()
            .for_each(|(y, (c_row, s_row))| {
                for x in 0..w {
                    let k = y * w + x;
                    let (fx, fy) = (x as f32, y as f32);
                    c_row[x] = (a.sample(fx - at.from_a.u[k], fy - at.from_a.v[k])
                        - b.sample(fx + at.to_b.u[k], fy + at.to_b.v[k]))
                    .abs();
                    s_row[x] = (a.data[k] - b.data[k]).abs();
                }
            });
        let compensated = box3(&compensated, w, h);
        let still = box3(&still, w, h);
        for k in 0..w * h {
            if still[k] + UNRELIABLE_MARGIN < compensated[k] {
                at.from_a.u[k] = 0.0;
                at.from_a.v[k] = 0.0;
                at.to_b.u[k] = 0.0;
                at.to_b.v[k] = 0.0;
            }
        }
    }
}

/// The motion at one output time, on the flow grid: the point at `x` is `a`'s pixel at
/// `x - from_a` and `b`'s at `x + to_b`. With uniform motion `u` these are `t * u` and
/// `(1 - t) * u`; with accelerating motion they differ in more than length.
#[derive(Debug, Clone)]
pub struct MotionAt {
    pub from_a: FlowField,
    pub to_b: FlowField,
}

impl MotionAt {
    /// The whole `a` to `b` motion of whatever is at each point.
    pub fn pair_motion(&self) -> FlowField {
        let mut field = self.from_a.clone();
        for (u, du) in field.u.iter_mut().zip(&self.to_b.u) {
            *u += du;
        }
        for (v, dv) in field.v.iter_mut().zip(&self.to_b.v) {
            *v += dv;
        }
        field
    }
}

/// A frame's luma pyramid from the level the flow starts at.
fn pyramid(frame: &Frame, flow_settings: &FlowSettings) -> Pyramid {
    let format = frame.format();
    let (w, h) = (format.width as usize, format.height as usize);
    Pyramid::from_luma(frame.y(), w, h, flow_settings.finest_level, 8)
}

fn short_side(frame: &Frame) -> usize {
    let format = frame.format();
    format.width.min(format.height) as usize
}

/// The best candidate that landed on one flow-grid point from one side: its motion as
/// `[from_a.u, from_a.v, to_b.u, to_b.v]`.
#[derive(Clone, Copy)]
struct Landing {
    motion: [f32; 4],
    error: f32,
}

/// How far a point's flow to a neighbouring frame is trusted for its acceleration, from its
/// visibility there: fully down to a visibility of 1/3 (a round-trip miss of twice the
/// tolerance), less below. Trusting the visibility as it is cost 0.12 dB on Megamind;
/// ignoring it cost 0.03 dB on tree.avi's shaky camera footage.
#[inline]
fn trust(visibility: f32) -> f32 {
    (3.0 * visibility).min(1.0)
}

/// The largest bend off the straight line, as a multiple of the straight-line motion to the
/// nearer of the two frames. Chosen on Megamind: 1.0 cost its first 121 frames 0.01 dB, 3.0
/// nothing; from 3.0 up frames 148-268 gain 0.02 dB.
const BEND_LIMIT: f32 = 3.0;

/// How far a point moves in `fraction` of a frame interval, given its flow `f` to the next
/// frame and `g` to the frame before, trusted to `trust` (0 to 1). The parabola through the
/// three positions has velocity `(f - g) / 2` and acceleration `f + g`; the acceleration is
/// scaled by the trust, and at zero (or without `g`) the motion is a straight line.
#[inline]
fn travel(f: (f32, f32), g: Option<((f32, f32), f32)>, fraction: f32) -> (f32, f32) {
    let straight = (fraction * f.0, fraction * f.1);
    match g {
        None => straight,
        Some((g, trust)) => {
            // Position on the parabola through 0 at the frame, f at the next and g at the
            // one before: f * s - (f + g) * s * (1 - s) / 2.
            let bend = 0.5 * trust * fraction * (1.0 - fraction);
            let (mut du, mut dv) = (bend * (f.0 + g.0), bend * (f.1 + g.1));
            // A point that hardly moves between the two frames cannot swing far between
            // them: a large bend there is a motion that starts or stops at the frame,
            // extrapolated from the neighbouring interval (a still shot before a camera
            // move put still ground 2 px off, 1.5 dB on that frame of Megamind).
            let reach = BEND_LIMIT * fraction.min(1.0 - fraction);
            let limit = reach * reach * (f.0 * f.0 + f.1 * f.1);
            let size = du * du + dv * dv;
            if size > limit {
                let keep = (limit / size).sqrt();
                du *= keep;
                dv *= keep;
            }
            (straight.0 - du, straight.1 - dv)
        }
    }
}

/// Forward-splats the points of `from` along `field` (its flow to `to`) by `fraction` of the
/// interval; `beyond` is `from`'s flow to its other neighbour and where that is visible, for
/// the acceleration.
/// `reversed`: `from` is `b`, so the motion recorded is seen from the other end.
fn splat(
    field: &FlowField,
    beyond: Option<(&FlowField, &[f32])>,
    from: &Plane,
    to: &Plane,
    fraction: f32,
    reversed: bool,
) -> Vec<Landing> {
    let (w, h) = (field.width, field.height);
    let mut landed = vec![
        Landing {
            motion: [0.0; 4],
            error: f32::INFINITY,
        };
        w * h
    ];
    for y in 0..h {
        for x in 0..w {
            let k = y * w + x;
            let f = (field.u[k], field.v[k]);
            let g = beyond.map(|(g, visible)| ((g.u[k], g.v[k]), trust(visible[k])));
            let (du, dv) = travel(f, g, fraction);
            // Rounded to the nearest grid point (adding a half and truncating: `round` is a
            // libm call in this hot loop).
            let (tx, ty) = (x as f32 + du + 0.5, y as f32 + dv + 0.5);
            if tx < 0.0 || ty < 0.0 || tx >= w as f32 || ty >= h as f32 {
                continue;
            }
            let error = (from.data[k] - to.sample(x as f32 + f.0, y as f32 + f.1)).abs();
            let target = ty as usize * w + tx as usize;
            if error < landed[target].error {
                // From `a`: travelled (du, dv) since `a`, the rest of `f` still to go. From
                // `b`: the same with the ends swapped and the directions turned round.
                let motion = if reversed {
                    [du - f.0, dv - f.1, -du, -dv]
                } else {
                    [du, dv, f.0 - du, f.1 - dv]
                };
                landed[target] = Landing { motion, error };
            }
        }
    }
    landed
}

/// Fills points no vector landed on with the mean of their filled 4-neighbours, growing
/// inwards from the edges of each hole; anything still empty after that keeps zero motion.
fn fill_holes(mut channels: [&mut Vec<f32>; 4], (w, h): (usize, usize), filled: &mut [bool]) {
    let mut holes: Vec<usize> = (0..w * h).filter(|&k| !filled[k]).collect();
    let mut newly: Vec<(usize, [f32; 4])> = Vec::new();
    for _ in 0..64 {
        if holes.is_empty() {
            return;
        }
        newly.clear();
        holes.retain(|&k| {
            let (x, y) = (k % w, k / w);
            let mut sum = [0.0f32; 4];
            let mut n = 0.0f32;
            let mut take = |j: usize| {
                if filled[j] {
                    for (s, channel) in sum.iter_mut().zip(&channels) {
                        *s += channel[j];
                    }
                    n += 1.0;
                }
            };
            if x > 0 {
                take(k - 1);
            }
            if x + 1 < w {
                take(k + 1);
            }
            if y > 0 {
                take(k - w);
            }
            if y + 1 < h {
                take(k + w);
            }
            if n > 0.0 {
                newly.push((k, sum.map(|s| s / n)));
                false
            } else {
                true
            }
        });
        for &(k, values) in &newly {
            for (channel, value) in channels.iter_mut().zip(values) {
                channel[k] = value;
            }
            filled[k] = true;
        }
    }
}

/// How far `there` (the flow back) undoes `here` (the flow forth), as a visibility weight:
/// 1 when consistent, falling towards 0 as the round trip misses by more than a pixel.
fn visibility(here: &FlowField, there: &FlowField) -> Vec<f32> {
    let (w, h) = (here.width, here.height);
    let mut out = vec![0.0f32; w * h];
    out.par_chunks_mut(w).enumerate().for_each(|(y, row)| {
        for (x, value) in row.iter_mut().enumerate() {
            let k = y * w + x;
            let (u, v) = (here.u[k], here.v[k]);
            let (bu, bv) = there.sample(x as f32 + u, y as f32 + v);
            let (du, dv) = (u + bu, v + bv);
            let miss = du * du + dv * dv;
            let tolerance = 0.5 + 0.01 * (u * u + v * v);
            *value = 1.0 / (1.0 + miss / tolerance);
        }
    });
    out
}

fn is_scene_cut(a: &Plane, b: &Plane, forward: &FlowField) -> bool {
    let (w, h) = (a.width, a.height);
    let mut compensated = vec![0.0f32; w * h];
    compensated
        .par_chunks_mut(w)
        .enumerate()
        .for_each(|(y, row)| {
            for (x, value) in row.iter_mut().enumerate() {
                let k = y * w + x;
                *value =
                    (a.data[k] - b.sample(x as f32 + forward.u[k], y as f32 + forward.v[k])).abs();
            }
        });
    let compensated = box3(&compensated, w, h);
    let mismatched = compensated
        .iter()
        .filter(|&&r| r > CUT_MISMATCH_LEVEL)
        .count();
    mismatched as f32 > CUT_MISMATCHED_SHARE * (w * h) as f32
}

/// How much worse (mean absolute luma difference, 0-255) the motion-compensated match must
/// be than no motion at all before the motion is dropped for a blend. At 2 levels the
/// fallback fired on sound motion (a flat area whose edge the 3x3 window barely sees) and
/// cost 0.03-0.06 dB on every clip measured; at 20 it is left to motion that is plainly
/// wrong (flicker, transparency, a flow lost in fast motion).
const UNRELIABLE_MARGIN: f32 = 20.0;

/// 3x3 median with the edges extended. Each column of three is sorted once and shared by
/// the three windows it falls in; the median of the window is then the median of the
/// largest of its three minima, the median of its three middles and the smallest of its
/// three maxima (exact for 3x3).
fn median3(values: &[f32], w: usize, h: usize) -> Vec<f32> {
    let mut out = vec![0.0f32; w * h];
    out.par_chunks_mut(w).enumerate().for_each_init(
        || (vec![0.0f32; w], vec![0.0f32; w], vec![0.0f32; w]),
        |(lo, mid, hi), (y, row)| {
            let above = &values[y.saturating_sub(1) * w..][..w];
            let here = &values[y * w..][..w];
            let below = &values[(y + 1).min(h - 1) * w..][..w];
            for x in 0..w {
                let (a, b, c) = (above[x], here[x], below[x]);
                lo[x] = a.min(b).min(c);
                hi[x] = a.max(b).max(c);
                mid[x] = median_of_three(a, b, c);
            }
            for (x, value) in row.iter_mut().enumerate() {
                let (l, r) = (x.saturating_sub(1), (x + 1).min(w - 1));
                let largest_low = lo[l].max(lo[x]).max(lo[r]);
                let smallest_high = hi[l].min(hi[x]).min(hi[r]);
                let middle = median_of_three(mid[l], mid[x], mid[r]);
                *value = median_of_three(largest_low, middle, smallest_high);
            }
        },
    );
    out
}

#[inline(always)]
fn median_of_three(a: f32, b: f32, c: f32) -> f32 {
    a.min(b).max(a.max(b).min(c))
}

/// 3x3 box mean with the edges extended.
fn box3(values: &[f32], w: usize, h: usize) -> Vec<f32> {
    let mut out = vec![0.0f32; w * h];
    out.par_chunks_mut(w).enumerate().for_each(|(y, row)| {
        let rows = [y.saturating_sub(1), y, (y + 1).min(h - 1)];
        for (x, value) in row.iter_mut().enumerate() {
            let cols = [x.saturating_sub(1), x, (x + 1).min(w - 1)];
            let mut sum = 0.0;
            for r in rows {
                for c in cols {
                    sum += values[r * w + c];
                }
            }
            *value = sum / 9.0;
        }
    });
    out
}

/// Writes the frame at time `t` between `a` and `b` into `out`, moving pixels along `at`
/// (from [`PairMotion::motion_at`] for the same `t`).
pub fn synthesize(at: &MotionAt, a: &Frame, b: &Frame, t: f32, out: &mut Frame) {
    let format = a.format();
    if out.format() != format {
        out.reshape(format);
    }
    let (w, h) = (format.width as usize, format.height as usize);
    let (cw, ch) = (
        format.chroma_width() as usize,
        format.chroma_height() as usize,
    );
    let (y_out, u_out, v_out) = out.planes_mut();
    let snapped = without_subpixel_motion(at);
    let at = snapped.as_ref().unwrap_or(at);
    // Both samples are mixed by time alone, `(1 - t)` and `t`, wherever the point is. Taking
    // the side that the occlusion maps said could see the point (down to 5% of the other
    // where it was hidden) lost on every clip measured (`profile_interp` against
    // minterpolate's mci): weighting by time alone gained 0.006 dB on Megamind 0-120, 0.023
    // on 148-268, 0.12 on bikes, 0.02 on Big Buck Bunny, 0.08 on bikes' second half at
    // 852x480, 0.02 on tree.avi, and 0.01 on the synthetic scene's true occlusions. The
    // maps are a grid cell coarse and noisy; a thing seen in one frame only (a pole passing
    // in front of a car) was pasted in whole where it was not, while the mix of both sides
    // halves that error and the noise of every other sample.
    let warp = |a, b, size, plane_scale, out: &mut [u8]| {
        PlaneWarp {
            from_a: &at.from_a,
            to_b: &at.to_b,
            share_b: t,
            a,
            b,
            size,
            plane_scale,
        }
        .run(out)
    };
    warp(a.y(), b.y(), (w, h), 1.0, y_out);
    warp(a.u(), b.u(), (cw, ch), 0.5, u_out);
    warp(a.v(), b.v(), (cw, ch), 0.5, v_out);
}

/// The motion with every flow-grid cell set still where both displacements are shorter than
/// [`SNAP_PIXELS`]; `None` when there is none. Such vectors are mostly the flow's noise, or
/// its smoothing spilling onto still ground beside something that moves, and warping by
/// them resamples detail bilinearly for nothing: a plain blend of the two frames is as
/// close there, and sharper. Measured on Megamind (`profile_interp` against minterpolate's
/// mci): +0.12 dB on frames 148-268, whose near-still shots lost 0.3-0.6 dB a frame to a
/// blend, and -0.01 dB on frames 0-120; no change on real pans (budapest.jpg).
fn without_subpixel_motion(at: &MotionAt) -> Option<MotionAt> {
    let to_pixels = at.from_a.scale as f32;
    let short = |u: f32, v: f32| (u * u + v * v).sqrt() * to_pixels < SNAP_PIXELS;
    let still: Vec<usize> = (0..at.from_a.u.len())
        .filter(|&k| short(at.from_a.u[k], at.from_a.v[k]) && short(at.to_b.u[k], at.to_b.v[k]))
        .collect();
    if still.is_empty() {
        return None;
    }
    let mut at = at.clone();
    for k in still {
        at.from_a.u[k] = 0.0;
        at.from_a.v[k] = 0.0;
        at.to_b.u[k] = 0.0;
        at.to_b.v[k] = 0.0;
    }
    Some(at)
}

/// Two candidates landing on one flow-grid point, one from each side, describe the same
/// point when their motions differ by less than this (squared, in grid cells: 3 cells, 12
/// pixels at quarter resolution), and are mixed; further apart they are an occluder and
/// what it covers, and the better-matching one is taken. Measured on Megamind against
/// minterpolate's mci (`profile_interp`, cut frames left out): mixing only within 1 cell,
/// as before, gave +1.756 dB on frames 0-120 and +0.900 on the unseen 148-268; within 2-4
/// cells +1.787-1.788 and +0.939-0.951; always +1.787 and +0.946. tree.avi's shaky camera
/// footage: within 0.003 dB either way.
const SAME_POINT_GAP: f32 = 9.0;

/// Displacements (luma pixels, each side of the output time) below which a cell is still.
const SNAP_PIXELS: f32 = 0.5;

#[cfg(test)]
mod tests {
    use super::*;
    use recut_media::FrameFormat;

    #[test]
    fn the_median_filter_finds_each_window_s_middle_value() {
        let mut seed = 12345u32;
        for _ in 0..2_000 {
            // Few distinct values, so that ties are tested too.
            let field: Vec<f32> = (0..6 * 5)
                .map(|_| {
                    seed = seed.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
                    (seed >> 28) as f32
                })
                .collect();
            let filtered = median3(&field, 6, 5);
            for y in 0..5usize {
                for x in 0..6usize {
                    let mut window: Vec<f32> = (0..9)
                        .map(|k| {
                            let yy = (y + k / 3).saturating_sub(1).min(4);
                            let xx = (x + k % 3).saturating_sub(1).min(5);
                            field[yy * 6 + xx]
                        })
                        .collect();
                    window.sort_by(f32::total_cmp);
                    assert_eq!(filtered[y * 6 + x], window[4], "{field:?} at {x},{y}");
                }
            }
        }
        // A lone outlier in a smooth field goes; an edge between two regions stays.
        let mut field = vec![1.0f32; 5 * 5];
        field[12] = 9.0;
        assert!(median3(&field, 5, 5).iter().all(|&v| v == 1.0));
        let edge: Vec<f32> = (0..25).map(|k| if k % 5 < 2 { 0.0 } else { 4.0 }).collect();
        assert_eq!(median3(&edge, 5, 5), edge);
    }

    const W: usize = 320;
    const H: usize = 240;

    /// A textured backdrop panning right by 6 px per frame, and a textured square moving
    /// down-left by (-8, 10) px per frame in front of it, rendered at any fractional `time`.
    fn scene(time: f32) -> Frame {
        scene_with(6.0 * time, (180.0 - 8.0 * time, 60.0 + 10.0 * time))
    }

    /// The same scene with motion that speeds up: the backdrop and the square accelerate.
    fn accelerating_scene(time: f32) -> Frame {
        let square = 0.5 * time * time;
        scene_with(
            6.0 * time + 4.0 * square,
            (
                180.0 - 8.0 * time - 6.0 * square,
                60.0 + 10.0 * time + 4.0 * square,
            ),
        )
    }

    /// The backdrop shifted right by `pan`, the square's top-left corner at `(sx, sy)`.
    fn scene_with(pan: f32, (sx, sy): (f32, f32)) -> Frame {
        let format = FrameFormat::new(W as u32, H as u32);
        let texture = |x: f32, y: f32| {
            // Incommensurate waves at several scales and angles: structure for every pyramid
            // level, and no period for the search to lock onto wrongly.
            110.0
                + 35.0 * (x * 0.047 + y * 0.031).sin()
                + 25.0 * (x * 0.113 - y * 0.089 + 1.0).sin()
                + 18.0 * (x * 0.29 + y * 0.17 + 2.0).sin() * (y * 0.21 - x * 0.07).cos()
                + 10.0 * (x * 0.61 - y * 0.43 + 0.5).sin()
        };
        let mut frame = Frame::new(format);
        let (luma, u, v) = frame.planes_mut();
        for y in 0..H {
            for x in 0..W {
                let (fx, fy) = (x as f32, y as f32);
                let value = if (sx..sx + 40.0).contains(&fx) && (sy..sy + 40.0).contains(&fy) {
                    200.0 - 0.6 * texture(fx - sx, fy - sy)
                } else {
                    texture(fx - pan, fy)
                };
                luma[y * W + x] = value.round() as u8;
            }
        }
        u.fill(128);
        v.fill(128);
        frame
    }

    fn psnr(a: &[u8], b: &[u8]) -> f64 {
        let mse = a
            .iter()
            .zip(b)
            .map(|(&x, &y)| (f64::from(x) - f64::from(y)).powi(2))
            .sum::<f64>()
            / a.len() as f64;
        10.0 * (255.0f64 * 255.0 / mse.max(1e-9)).log10()
    }

    #[test]
    fn in_between_frames_of_known_motion_are_recovered() {
        let (a, b) = (scene(0.0), scene(1.0));
        for settings in [MotionSettings::STANDARD, MotionSettings::CAREFUL] {
            let motion = PairMotion::analyse(&a, &b, &settings);
            assert!(!motion.is_scene_cut());
            for t in [0.25f32, 0.5, 0.75] {
                let truth = scene(t);
                let at = motion.motion_at(t, None, None);
                let mut out = Frame::new(a.format());
                synthesize(&at, &a, &b, t, &mut out);
                let blend: Vec<u8> = a
                    .y()
                    .iter()
                    .zip(b.y())
                    .map(|(&p, &q)| ((1.0 - t) * f32::from(p) + t * f32::from(q)).round() as u8)
                    .collect();
                let (interpolated, blended) = (psnr(out.y(), truth.y()), psnr(&blend, truth.y()));
                // Measured: 38.4-39.9 dB against a blend's 28-31 dB.
                assert!(interpolated > 36.0, "t={t}: {interpolated:.2} dB");
                assert!(
                    interpolated > blended + 7.0,
                    "t={t}: {interpolated:.2} dB vs blend {blended:.2} dB"
                );
            }
        }
    }

    #[test]
    fn accelerating_motion_is_followed_with_the_neighbouring_pairs() {
        let frames: Vec<Frame> = (-1..=2).map(|n| accelerating_scene(n as f32)).collect();
        let settings = MotionSettings::STANDARD;
        let before = PairMotion::analyse(&frames[0], &frames[1], &settings);
        let pair = PairMotion::analyse_after(&before, &frames[2], &settings);
        let after = PairMotion::analyse_after(&pair, &frames[3], &settings);
        let (a, b) = (&frames[1], &frames[2]);
        for t in [0.25f32, 0.5, 0.75] {
            let truth = accelerating_scene(t);
            let mut out = Frame::new(a.format());
            let mut score = |previous, next| {
                let at = pair.motion_at(t, previous, next);
                synthesize(&at, a, b, t, &mut out);
                psnr(out.y(), truth.y())
            };
            let straight = score(None, None);
            let curved = score(Some(&before), Some(&after));
            // Measured: 35.1-37.4 dB against 33.8-36.3 dB for straight-line motion (the
            // gain is 1.2 dB at t = 0.25 and 0.5, 0.5 dB at 0.75).
            assert!(curved > 34.0, "t={t}: {curved:.2} dB");
            assert!(
                curved > straight + 0.3,
                "t={t}: {curved:.2} dB vs {straight:.2} dB in straight lines"
            );
        }
    }

    #[test]
    fn unrelated_frames_are_a_scene_cut() {
        let a = scene(0.0);
        let mut b = scene(0.0);
        let (luma, _, _) = b.planes_mut();
        for (k, value) in luma.iter_mut().enumerate() {
            *value = if (k / W / 16 + k % W / 16) & 1 == 0 {
                30
            } else {
                220
            };
        }
        assert!(PairMotion::analyse(&a, &b, &MotionSettings::STANDARD).is_scene_cut());
        assert!(!PairMotion::analyse(&a, &scene(1.0), &MotionSettings::STANDARD).is_scene_cut());
    }
}
