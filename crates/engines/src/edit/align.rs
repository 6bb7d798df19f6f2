//! The camera's translation between analysis frames, for background modelling under a camera
//! that shakes or pans.
//!
//! Why translation only: handheld shake and pans (and a camera following a walker) are by far
//! the most common camera motion in short clips, and on the coarse analysis grid they are
//! close to a pure shift. Zooms and turns are not modelled; they leave a residual that the
//! background's noise check refuses.
//!
//! The search is coarse to fine over a luma pyramid: exhaustive at the coarsest level within
//! the radius asked for, then +-1 pixel per finer level, then a parabola through the costs
//! around the best integer shift for the sub-pixel part. The cost is the mean absolute
//! difference over the overlap, each difference capped, so a subject moving against the
//! background (which does not follow the camera) weighs no more than its area.

use super::ops::filters::downsample;

/// Luma differences are capped at this many levels: beyond it a pixel is simply "different".
const CAP: u8 = 24;
/// The coarsest level searched is the first no wider than this many pixels.
const COARSEST_WIDTH: usize = 64;
/// A shift is only trusted where the two pictures overlap by this share of the first.
const MIN_OVERLAP: f32 = 0.4;

/// A luma plane and its coarser halves.
pub struct Pyramid {
    levels: Vec<(Vec<u8>, usize, usize)>,
}

impl Pyramid {
    pub fn new(luma: &[u8], width: usize, height: usize) -> Self {
        let mut levels = vec![(luma.to_vec(), width, height)];
        while let Some((plane, w, h)) = levels.last() {
            if *w <= COARSEST_WIDTH || *h < 16 {
                break;
            }
            let mut half = Vec::new();
            let (nw, nh) = downsample(plane, *w, *h, 2, &mut half);
            levels.push((half, nw, nh));
        }
        Self { levels }
    }

    /// The finest level's width and height.
    pub fn size(&self) -> (usize, usize) {
        (self.levels[0].1, self.levels[0].2)
    }
}

type Level = (Vec<u8>, usize, usize);

/// Mean capped difference between `a(p)` and `b(p + shift)` over their overlap; `None` when
/// they overlap too little.
fn cost(a: &Level, b: &Level, shift: (i32, i32)) -> Option<f32> {
    cost_in(a, b, shift, (0, 0, a.1 as i32, a.2 as i32))
}

/// [`cost`] over the rectangle `(x0, y0, x1, y1)` of `a` only.
fn cost_in(a: &Level, b: &Level, shift: (i32, i32), rect: (i32, i32, i32, i32)) -> Option<f32> {
    let (pa, wa) = (&a.0, a.1 as i32);
    let (pb, wb, hb) = (&b.0, b.1 as i32, b.2 as i32);
    let (dx, dy) = shift;
    let x0 = rect.0.max(-dx);
    let x1 = rect.2.min(wb - dx);
    let y0 = rect.1.max(-dy);
    let y1 = rect.3.min(hb - dy);
    if x1 <= x0 || y1 <= y0 {
        return None;
    }
    let area = ((x1 - x0) * (y1 - y0)) as f32;
    if area < MIN_OVERLAP * ((rect.2 - rect.0) * (rect.3 - rect.1)) as f32 {
        return None;
    }
    // Every other row of a tall region: half the work, and the shift is as clear.
    let step = if y1 - y0 > 64 { 2 } else { 1 };
    let mut sum = 0u64;
    let mut rows = 0u32;
    for y in (y0..y1).step_by(step) {
        let ra = &pa[(y * wa + x0) as usize..(y * wa + x1) as usize];
        let start = ((y + dy) * wb + x0 + dx) as usize;
        let rb = &pb[start..start + ra.len()];
        // Bytes all the way, widened once per row: this loop vectorises.
        sum += u64::from(
            ra.iter()
                .zip(rb)
                .map(|(&p, &q)| u32::from(p.abs_diff(q).min(CAP)))
                .sum::<u32>(),
        );
        rows += 1;
    }
    Some(sum as f32 / (rows as f32 * (x1 - x0) as f32))
}

/// The shift `s` (pixels of the finest level) for which `a(p)` best matches `b(p + s)`,
/// searched within `radius` pixels of `guess`, with its cost; `None` when no shift in reach
/// overlaps enough.
pub fn shift_between(
    a: &Pyramid,
    b: &Pyramid,
    guess: (f32, f32),
    radius: f32,
) -> Option<((f32, f32), f32)> {
    let top = a.levels.len().min(b.levels.len()) - 1;
    // The coarsest level where the radius still spans a few pixels.
    let mut level = 0;
    while level < top && radius / (1 << (level + 1)) as f32 >= 2.0 {
        level += 1;
    }
    let scale = (1 << level) as f32;
    let reach = (radius / scale).ceil() as i32;
    let centre = (
        (guess.0 / scale).round() as i32,
        (guess.1 / scale).round() as i32,
    );
    let mut best: Option<((i32, i32), f32)> = None;
    for dy in -reach..=reach {
        for dx in -reach..=reach {
            let shift = (centre.0 + dx, centre.1 + dy);
            if let Some(c) = cost(&a.levels[level], &b.levels[level], shift) {
                if best.is_none_or(|(_, bc)| c < bc) {
                    best = Some((shift, c));
                }
            }
        }
    }
    let (mut shift, mut best_cost) = best?;
    while level > 0 {
        level -= 1;
        let around = (shift.0 * 2, shift.1 * 2);
        let mut found: Option<((i32, i32), f32)> = None;
        for dy in -1..=1 {
            for dx in -1..=1 {
                let candidate = (around.0 + dx, around.1 + dy);
                if let Some(c) = cost(&a.levels[level], &b.levels[level], candidate) {
                    if found.is_none_or(|(_, fc)| c < fc) {
                        found = Some((candidate, c));
                    }
                }
            }
        }
        (shift, best_cost) = found?;
    }
    // Sub-pixel: the vertex of the parabola through the costs either side, per axis.
    let finest = &a.levels[0];
    let other = &b.levels[0];
    let vertex = |minus: Option<f32>, plus: Option<f32>| match (minus, plus) {
        (Some(m), Some(p)) => {
            let curvature = m + p - 2.0 * best_cost;
            if curvature > 1e-6 {
                (0.5 * (m - p) / curvature).clamp(-0.5, 0.5)
            } else {
                0.0
            }
        }
        _ => 0.0,
    };
    let fx = vertex(
        cost(finest, other, (shift.0 - 1, shift.1)),
        cost(finest, other, (shift.0 + 1, shift.1)),
    );
    let fy = vertex(
        cost(finest, other, (shift.0, shift.1 - 1)),
        cost(finest, other, (shift.0, shift.1 + 1)),
    );
    Some(((shift.0 as f32 + fx, shift.1 as f32 + fy), best_cost))
}

/// The median absolute luma difference between `a(p)` and `b(p + shift)` (shift rounded to
/// whole pixels) over their overlap: what a typical pixel, background more often than not,
/// says of the shift.
pub fn typical_difference(a: &Pyramid, b: &Pyramid, shift: (f32, f32)) -> Option<f32> {
    let (fa, fb) = (&a.levels[0], &b.levels[0]);
    let (wa, ha) = (fa.1 as i32, fa.2 as i32);
    let (wb, hb) = (fb.1 as i32, fb.2 as i32);
    let (dx, dy) = (shift.0.round() as i32, shift.1.round() as i32);
    let mut counts = [0u32; 256];
    let mut n = 0u32;
    for y in (0.max(-dy)..ha.min(hb - dy)).step_by(2) {
        for x in (0.max(-dx)..wa.min(wb - dx)).step_by(2) {
            let p = fa.0[(y * wa + x) as usize];
            let q = fb.0[((y + dy) * wb + x + dx) as usize];
            counts[usize::from(p.abs_diff(q))] += 1;
            n += 1;
        }
    }
    if n == 0 {
        return None;
    }
    let mut seen = 0;
    counts
        .iter()
        .position(|&count| {
            seen += count;
            seen * 2 >= n
        })
        .map(|level| level as f32)
}

/// Blocks of the picture whose own shifts vote for the camera's.
const BLOCKS: (i32, i32) = (6, 4);

/// The camera's shift, robust to a subject that moves against the background: the global
/// estimate of [`shift_between`] is refined block by block within `reach` pixels, and the
/// median of the shifts of the blocks with texture enough to tell (a clear minimum in both
/// directions) is the answer. A subject covers a minority of the blocks; left to the global
/// cost, its sharp edges can pull the shift along with it.
pub fn camera_shift(
    a: &Pyramid,
    b: &Pyramid,
    guess: (f32, f32),
    radius: f32,
    reach: i32,
) -> Option<(f32, f32)> {
    let (global, _) = shift_between(a, b, guess, radius)?;
    let (fa, fb) = (&a.levels[0], &b.levels[0]);
    let (w, h) = (fa.1 as i32, fa.2 as i32);
    let centre = (global.0.round() as i32, global.1.round() as i32);
    let mut xs = Vec::new();
    let mut ys = Vec::new();
    for by in 0..BLOCKS.1 {
        for bx in 0..BLOCKS.0 {
            let rect = (
                bx * w / BLOCKS.0,
                by * h / BLOCKS.1,
                (bx + 1) * w / BLOCKS.0,
                (by + 1) * h / BLOCKS.1,
            );
            let at = |shift: (i32, i32)| cost_in(fa, fb, shift, rect);
            let mut best: Option<((i32, i32), f32)> = None;
            for dy in -reach..=reach {
                for dx in -reach..=reach {
                    let shift = (centre.0 + dx, centre.1 + dy);
                    if let Some(c) = at(shift) {
                        if best.is_none_or(|(_, bc)| c < bc) {
                            best = Some((shift, c));
                        }
                    }
                }
            }
            let Some((shift, c)) = best else { continue };
            let axis = |minus: Option<f32>, plus: Option<f32>| -> Option<f32> {
                let (m, p) = (minus?, plus?);
                let curvature = m + p - 2.0 * c;
                // A flat block (sky, a wall) has no minimum to speak of.
                (curvature > 0.5).then(|| (0.5 * (m - p) / curvature).clamp(-0.5, 0.5))
            };
            let (Some(fx), Some(fy)) = (
                axis(at((shift.0 - 1, shift.1)), at((shift.0 + 1, shift.1))),
                axis(at((shift.0, shift.1 - 1)), at((shift.0, shift.1 + 1))),
            ) else {
                continue;
            };
            xs.push(shift.0 as f32 + fx);
            ys.push(shift.1 as f32 + fy);
        }
    }
    if xs.len() < 4 {
        return Some(global);
    }
    let median = |values: &mut Vec<f32>| {
        let mid = values.len() / 2;
        *values.select_nth_unstable_by(mid, f32::total_cmp).1
    };
    Some((median(&mut xs), median(&mut ys)))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Value noise at two scales (cells of 16 and 5 pixels, bilinear between random values),
    /// sampled at a fractional position: textured like a photograph, and not periodic.
    fn scene(w: usize, h: usize, ox: f32, oy: f32) -> Vec<u8> {
        let random = |i: i64, j: i64, salt: u64| {
            let mut v = (i as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15)
                ^ (j as u64).wrapping_mul(0xC2B2_AE3D_27D4_EB4F)
                ^ salt;
            v ^= v >> 29;
            v = v.wrapping_mul(0xBF58_476D_1CE4_E5B9);
            v ^= v >> 32;
            (v % 1000) as f32 / 1000.0
        };
        let noise = |x: f32, y: f32, cell: f32, salt: u64| {
            let (gx, gy) = (x / cell, y / cell);
            let (i, j) = (gx.floor() as i64, gy.floor() as i64);
            let (fx, fy) = (gx - gx.floor(), gy - gy.floor());
            let top = random(i, j, salt) * (1.0 - fx) + random(i + 1, j, salt) * fx;
            let bottom = random(i, j + 1, salt) * (1.0 - fx) + random(i + 1, j + 1, salt) * fx;
            top * (1.0 - fy) + bottom * fy
        };
        (0..w * h)
            .map(|i| {
                let (x, y) = ((i % w) as f32 + ox, (i / w) as f32 + oy);
                (40.0 + 130.0 * noise(x, y, 16.0, 1) + 60.0 * noise(x, y, 5.0, 2)).round() as u8
            })
            .collect()
    }

    #[test]
    fn finds_a_shift_to_a_fraction_of_a_pixel() {
        let (w, h) = (240, 160);
        for (sx, sy) in [(0.0, 0.0), (13.0, -7.0), (-31.4, 5.6), (2.5, 0.3)] {
            let a = Pyramid::new(&scene(w, h, 100.0, 100.0), w, h);
            // b shows the scene moved: b(p + s) = a(p).
            let b = Pyramid::new(&scene(w, h, 100.0 - sx, 100.0 - sy), w, h);
            let ((fx, fy), _) = shift_between(&a, &b, (0.0, 0.0), 40.0).unwrap();
            assert!(
                (fx - sx).abs() < 0.25 && (fy - sy).abs() < 0.25,
                "({sx}, {sy}) found as ({fx}, {fy})"
            );
        }
    }

    #[test]
    fn a_moving_object_does_not_pull_the_shift() {
        let (w, h) = (240, 160);
        let a_plane = scene(w, h, 0.0, 0.0);
        let mut b_plane = scene(w, h, -6.0, 0.0);
        // A flat square a fifth of the picture wide that the camera did not follow.
        for y in 40..100 {
            for x in 100..150 {
                b_plane[y * w + x] = 230;
            }
        }
        let (a, b) = (Pyramid::new(&a_plane, w, h), Pyramid::new(&b_plane, w, h));
        let ((fx, fy), _) = shift_between(&a, &b, (0.0, 0.0), 20.0).unwrap();
        assert!((fx - 6.0).abs() < 0.5 && fy.abs() < 0.5, "({fx}, {fy})");
    }

    #[test]
    fn a_still_camera_stays_still_beside_a_sharp_walker() {
        let (w, h) = (240, 160);
        // A still, softly textured scene and a hard-edged striped figure that moves 4 pixels.
        let soft: Vec<u8> = scene(w, h, 0.0, 0.0).iter().map(|&v| 100 + v / 4).collect();
        let with_figure = |left: usize| {
            let mut plane = soft.clone();
            for y in 30..140 {
                for x in left..left + 50 {
                    plane[y * w + x] = if (x / 3 + y / 5) % 2 == 0 { 20 } else { 240 };
                }
            }
            plane
        };
        let (a, b) = (
            Pyramid::new(&with_figure(60), w, h),
            Pyramid::new(&with_figure(64), w, h),
        );
        let (fx, fy) = camera_shift(&a, &b, (0.0, 0.0), 20.0, 3).unwrap();
        assert!(fx.abs() < 0.3 && fy.abs() < 0.3, "({fx}, {fy})");
    }
}
