//! Picture-quality measures on the luma plane, computed here rather than by ffmpeg's filters
//! so that Recut's frames and every baseline's are scored by the same code.

use rayon::prelude::*;

/// PSNR of luma in dB; identical planes score [`PSNR_CAP`] instead of infinity, so averages
/// stay finite.
pub fn psnr_y(a: &[u8], b: &[u8]) -> f64 {
    let sum: u64 = a
        .par_chunks(4096)
        .zip(b.par_chunks(4096))
        .map(|(a, b)| {
            a.iter()
                .zip(b)
                .map(|(&x, &y)| {
                    let d = i64::from(x) - i64::from(y);
                    (d * d) as u64
                })
                .sum::<u64>()
        })
        .sum();
    let mse = sum as f64 / a.len() as f64;
    if mse == 0.0 {
        PSNR_CAP
    } else {
        (10.0 * (255.0 * 255.0 / mse).log10()).min(PSNR_CAP)
    }
}

pub const PSNR_CAP: f64 = 100.0;

/// Mean SSIM of luma over 8x8 windows every 4 pixels (the windowing of ffmpeg's `ssim`).
pub fn ssim_y(a: &[u8], b: &[u8], width: usize, height: usize) -> f64 {
    const C1: f64 = (0.01 * 255.0) * (0.01 * 255.0);
    const C2: f64 = (0.03 * 255.0) * (0.03 * 255.0);
    if width < 8 || height < 8 {
        return if a == b { 1.0 } else { 0.0 };
    }
    let rows: Vec<usize> = (0..=height - 8).step_by(4).collect();
    let (sum, count) = rows
        .par_iter()
        .map(|&y| {
            let mut sum = 0.0;
            let mut count = 0usize;
            for x in (0..=width - 8).step_by(4) {
                let (mut sa, mut sb, mut saa, mut sbb, mut sab) = (0u64, 0u64, 0u64, 0u64, 0u64);
                for j in 0..8 {
                    let row = (y + j) * width + x;
                    for i in 0..8 {
                        let (p, q) = (u64::from(a[row + i]), u64::from(b[row + i]));
                        sa += p;
                        sb += q;
                        saa += p * p;
                        sbb += q * q;
                        sab += p * q;
                    }
                }
                let n = 64.0;
                let (ma, mb) = (sa as f64 / n, sb as f64 / n);
                let va = saa as f64 / n - ma * ma;
                let vb = sbb as f64 / n - mb * mb;
                let cov = sab as f64 / n - ma * mb;
                sum += ((2.0 * ma * mb + C1) * (2.0 * cov + C2))
                    / ((ma * ma + mb * mb + C1) * (va + vb + C2));
                count += 1;
            }
            (sum, count)
        })
        .reduce(|| (0.0, 0), |x, y| (x.0 + y.0, x.1 + y.1));
    sum / count as f64
}

/// Mean squared luma gradient (forward differences): a sharpness measure.
pub fn gradient_energy(y: &[u8], width: usize, height: usize) -> f64 {
    let total: f64 = (0..height - 1)
        .into_par_iter()
        .map(|row| {
            let mut sum = 0.0;
            for x in 0..width - 1 {
                let k = row * width + x;
                let gx = f64::from(y[k + 1]) - f64::from(y[k]);
                let gy = f64::from(y[k + width]) - f64::from(y[k]);
                sum += gx * gx + gy * gy;
            }
            sum
        })
        .sum();
    total / ((width - 1) * (height - 1)) as f64
}

/// Ringing: mean amount (luma levels) by which `out` leaves the range of `reference` over
/// each pixel's 3x3 neighbourhood. A halo is exactly a bright or dark fringe outside that
/// range; true detail stays inside it.
pub fn overshoot(out: &[u8], reference: &[u8], width: usize, height: usize) -> f64 {
    let total: f64 = (0..height)
        .into_par_iter()
        .map(|y| {
            let mut sum = 0.0;
            for x in 0..width {
                let (mut lo, mut hi) = (255u8, 0u8);
                for yy in y.saturating_sub(1)..=(y + 1).min(height - 1) {
                    for xx in x.saturating_sub(1)..=(x + 1).min(width - 1) {
                        let r = reference[yy * width + xx];
                        lo = lo.min(r);
                        hi = hi.max(r);
                    }
                }
                let value = out[y * width + x];
                sum += f64::from(value.saturating_sub(hi)) + f64::from(lo.saturating_sub(value));
            }
            sum
        })
        .sum();
    total / (width * height) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identical_planes_score_the_caps() {
        let plane: Vec<u8> = (0..64 * 64).map(|i| (i * 7 % 251) as u8).collect();
        assert_eq!(psnr_y(&plane, &plane), PSNR_CAP);
        assert!((ssim_y(&plane, &plane, 64, 64) - 1.0).abs() < 1e-9);
        assert_eq!(overshoot(&plane, &plane, 64, 64), 0.0);
    }

    #[test]
    fn psnr_of_a_uniform_error() {
        let a = vec![100u8; 1000];
        let b = vec![110u8; 1000];
        // MSE 100: 10 log10(65025 / 100) = 28.13 dB.
        assert!((psnr_y(&a, &b) - 28.1308).abs() < 1e-3);
    }
}
