//! The motion-based subject mask behind `subject_detection`: whatever moves differently from
//! the camera is the subject.
//!
//! The camera's motion is taken as the median flow vector (most of a frame is background);
//! points whose flow differs from it by more than a pixel per source frame are subject. The
//! binary map is dilated (motion estimates stop short of object edges) and softened with a
//! box blur so the enhanced and untouched areas meet without a seam.

use super::flow::FlowField;

/// Relative motion (source pixels per source frame) at which a point counts as moving.
const MOVING: f32 = 1.0;

/// How much each point belongs to the subject, 0 to 1, on the flow's grid.
#[derive(Debug, Clone)]
pub struct SubjectMask {
    width: usize,
    height: usize,
    /// Source pixels per mask pixel.
    scale: usize,
    weights: Vec<f32>,
    /// Turns the mask into its complement (`background`).
    inverted: bool,
}

impl SubjectMask {
    pub fn from_motion(field: &FlowField) -> Self {
        let (w, h) = (field.width, field.height);
        let median = |values: &[f32]| -> f32 {
            let mut sample: Vec<f32> = values.iter().step_by(7).copied().collect();
            if sample.is_empty() {
                return 0.0;
            }
            let middle = sample.len() / 2;
            *sample.select_nth_unstable_by(middle, f32::total_cmp).1
        };
        let (camera_u, camera_v) = (median(&field.u), median(&field.v));
        let threshold = MOVING / field.scale as f32;
        let moving: Vec<f32> = field
            .u
            .iter()
            .zip(&field.v)
            .map(|(u, v)| {
                let (du, dv) = (u - camera_u, v - camera_v);
                if du * du + dv * dv > threshold * threshold {
                    1.0
                } else {
                    0.0
                }
            })
            .collect();
        let radius = (8 / field.scale).max(1);
        let dilated = max_filter(&moving, w, h, radius);
        let weights = box_blur(&dilated, w, h, radius);
        Self {
            width: w,
            height: h,
            scale: field.scale,
            weights,
            inverted: false,
        }
    }

    /// The same mask selecting everything except the subject.
    pub fn inverted(mut self) -> Self {
        self.inverted = !self.inverted;
        self
    }

    /// Share of the frame that belongs to the selection, 0 to 1.
    pub fn coverage(&self) -> f32 {
        let sum: f32 = self.weights.iter().map(|&w| self.weight(w)).sum();
        sum / self.weights.len().max(1) as f32
    }

    fn weight(&self, raw: f32) -> f32 {
        if self.inverted {
            1.0 - raw
        } else {
            raw
        }
    }

    /// Mixes `original` back into `enhanced` outside the selection: each pixel ends up at
    /// `original + mask * (enhanced - original)`. `plane_scale` is the plane's size relative
    /// to luma.
    pub fn blend(
        &self,
        original: &[u8],
        enhanced: &mut [u8],
        w: usize,
        h: usize,
        plane_scale: f32,
    ) {
        let to_grid = 1.0 / (plane_scale * self.scale as f32);
        for y in 0..h {
            let gy = (((y as f32 + 0.5) * to_grid) as usize).min(self.height - 1);
            for x in 0..w {
                let gx = (((x as f32 + 0.5) * to_grid) as usize).min(self.width - 1);
                let m = self.weight(self.weights[gy * self.width + gx]);
                let k = y * w + x;
                let (o, e) = (f32::from(original[k]), f32::from(enhanced[k]));
                enhanced[k] = (o + m * (e - o)).round() as u8;
            }
        }
    }
}

fn max_filter(values: &[f32], w: usize, h: usize, radius: usize) -> Vec<f32> {
    let mut rows = vec![0.0f32; w * h];
    for y in 0..h {
        for x in 0..w {
            let (lo, hi) = (x.saturating_sub(radius), (x + radius).min(w - 1));
            rows[y * w + x] = values[y * w + lo..=y * w + hi]
                .iter()
                .copied()
                .fold(0.0, f32::max);
        }
    }
    let mut out = vec![0.0f32; w * h];
    for y in 0..h {
        let (lo, hi) = (y.saturating_sub(radius), (y + radius).min(h - 1));
        for x in 0..w {
            out[y * w + x] = (lo..=hi).map(|yy| rows[yy * w + x]).fold(0.0, f32::max);
        }
    }
    out
}

fn box_blur(values: &[f32], w: usize, h: usize, radius: usize) -> Vec<f32> {
    let mut rows = vec![0.0f32; w * h];
    for y in 0..h {
        for x in 0..w {
            let (lo, hi) = (x.saturating_sub(radius), (x + radius).min(w - 1));
            rows[y * w + x] =
                values[y * w + lo..=y * w + hi].iter().sum::<f32>() / (hi - lo + 1) as f32;
        }
    }
    let mut out = vec![0.0f32; w * h];
    for y in 0..h {
        let (lo, hi) = (y.saturating_sub(radius), (y + radius).min(h - 1));
        for x in 0..w {
            out[y * w + x] =
                (lo..=hi).map(|yy| rows[yy * w + x]).sum::<f32>() / (hi - lo + 1) as f32;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_patch_moving_against_a_pan_is_the_subject() {
        // The camera pans 2 px right everywhere; a 10x10 patch moves 3 px down instead.
        let (w, h) = (80, 60);
        let mut field = FlowField::zero(w, h, 1);
        for y in 0..h {
            for x in 0..w {
                let k = y * w + x;
                if (30..40).contains(&x) && (20..30).contains(&y) {
                    field.v[k] = 3.0;
                } else {
                    field.u[k] = 2.0;
                }
            }
        }
        let mask = SubjectMask::from_motion(&field);
        assert!(mask.weights[25 * w + 35] > 0.9);
        assert!(mask.weights[5 * w + 5] < 0.01);
        let background = mask.clone().inverted();
        assert!((mask.coverage() + background.coverage() - 1.0).abs() < 1e-4);
        assert!(mask.coverage() < 0.2);
    }
}
