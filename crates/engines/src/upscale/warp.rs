//! The per-pixel half of frame synthesis: every output pixel samples `a` at `x - from_a` and
//! `b` at `x + to_b` (bilinear) and mixes the two with a share of `b` (the output time).
//!
//! This is the hottest loop of the upscaler (every pixel of every plane of every synthesised
//! frame). The flow lives on a coarse grid; it is interpolated separably (once per row
//! vertically into row buffers, then per pixel horizontally from a per-column table), and
//! the sampling runs in fixed point. On x86-64 the row kernel does eight pixels at a time
//! with AVX2, or sixteen with AVX-512 (F, BW and VBMI: the 1080p converter's CPU fell by
//! about 9 % against AVX2, docs/benchmarks.md); each computes exactly what the scalar
//! kernel does, operation for operation, so all produce the same bytes (tested below).

use rayon::prelude::*;

use super::flow::FlowField;

/// One plane to warp: `size` is the plane's, `plane_scale` its size relative to luma (1 or
/// 1/2); the two displacements are per flow-grid cell, `share_b` is `b`'s weight everywhere.
pub(super) struct PlaneWarp<'a> {
    pub from_a: &'a FlowField,
    pub to_b: &'a FlowField,
    pub share_b: f32,
    pub a: &'a [u8],
    pub b: &'a [u8],
    pub size: (usize, usize),
    pub plane_scale: f32,
}

impl PlaneWarp<'_> {
    pub fn run(&self, out: &mut [u8]) {
        // The vector kernels read the grid through a window of eight (sixteen) columns, which
        // needs grid cells at least two pixels wide (always so for luma; chroma at half-resolution
        // flow is not).
        let kernel = if self.plane_scale * self.from_a.scale as f32 >= 2.0 {
            Kernel::detect()
        } else {
            Kernel::Scalar
        };
        self.run_with(out, kernel);
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Kernel {
    Scalar,
    #[cfg(target_arch = "x86_64")]
    Avx2,
    /// Sixteen pixels at a time, with byte permutes over a whole cache line (VBMI).
    #[cfg(target_arch = "x86_64")]
    Avx512,
}

impl Kernel {
    fn detect() -> Kernel {
        #[cfg(target_arch = "x86_64")]
        {
            if std::arch::is_x86_feature_detected!("avx512f")
                && std::arch::is_x86_feature_detected!("avx512bw")
                && std::arch::is_x86_feature_detected!("avx512vbmi")
            {
                return Kernel::Avx512;
            }
            if std::arch::is_x86_feature_detected!("avx2") {
                return Kernel::Avx2;
            }
        }
        Kernel::Scalar
    }

    /// Every kernel this machine can run, the scalar one first.
    #[cfg(test)]
    fn available() -> Vec<Kernel> {
        let mut kernels = vec![Kernel::Scalar];
        #[cfg(target_arch = "x86_64")]
        {
            if std::arch::is_x86_feature_detected!("avx2") {
                kernels.push(Kernel::Avx2);
            }
            if Kernel::detect() == Kernel::Avx512 {
                kernels.push(Kernel::Avx512);
            }
        }
        kernels
    }
}

/// Plane pixel column -> the two flow-grid columns around it and the weight of the second.
/// Indices are `i32` because that is what the gathers take.
struct Columns {
    x0: Vec<i32>,
    x1: Vec<i32>,
    fx: Vec<f32>,
}

/// Everything one row of the kernel reads.
struct Row<'a> {
    a: &'a [u8],
    b: &'a [u8],
    width: usize,
    height: usize,
    y: usize,
    columns: &'a Columns,
    /// The displacements (in plane pixels), interpolated to this row, per grid column.
    au: &'a [f32],
    av: &'a [f32],
    bu: &'a [f32],
    bv: &'a [f32],
    /// `b`'s weight in fixed point (0-256).
    share: u32,
}

impl PlaneWarp<'_> {
    fn run_with(&self, out: &mut [u8], kernel: Kernel) {
        let PlaneWarp {
            from_a,
            to_b,
            share_b,
            a,
            b,
            size,
            plane_scale,
        } = *self;
        let (w, h) = size;
        // Plane pixel -> flow-grid coordinate, and flow-grid vector -> plane pixels (both
        // displacements live on the same grid).
        let to_grid = 1.0 / (plane_scale * from_a.scale as f32);
        let to_plane = plane_scale * from_a.scale as f32;
        let (gw, gh) = (from_a.width, from_a.height);
        let share = (share_b.clamp(0.0, 1.0) * 256.0 + 0.5) as u32;
        let mut columns = Columns {
            x0: Vec::with_capacity(w),
            x1: Vec::with_capacity(w),
            fx: Vec::with_capacity(w),
        };
        for x in 0..w {
            let gx = ((x as f32 + 0.5) * to_grid - 0.5).clamp(0.0, (gw - 1) as f32);
            let x0 = gx as usize;
            columns.x0.push(x0 as i32);
            columns.x1.push((x0 + 1).min(gw - 1) as i32);
            columns.fx.push(gx - x0 as f32);
        }
        out.par_chunks_mut(w).enumerate().for_each_init(
            // Padded by a SIMD register's width for the vector kernels' window loads.
            || {
                let padded = || vec![0f32; gw + 16];
                [padded(), padded(), padded(), padded()]
            },
            |[row_au, row_av, row_bu, row_bv], (y, out_row)| {
                let gy = ((y as f32 + 0.5) * to_grid - 0.5).clamp(0.0, (gh - 1) as f32);
                let y0 = gy as usize;
                let y1 = (y0 + 1).min(gh - 1);
                let fy = gy - y0 as f32;
                let lerp_rows = |grid: &[f32], scale: f32, dst: &mut [f32]| {
                    let (r0, r1) = (&grid[y0 * gw..][..gw], &grid[y1 * gw..][..gw]);
                    for ((d, &p), &q) in dst[..gw].iter_mut().zip(r0).zip(r1) {
                        *d = (p + fy * (q - p)) * scale;
                    }
                };
                lerp_rows(&from_a.u, to_plane, row_au);
                lerp_rows(&from_a.v, to_plane, row_av);
                lerp_rows(&to_b.u, to_plane, row_bu);
                lerp_rows(&to_b.v, to_plane, row_bv);
                let row = Row {
                    a,
                    b,
                    width: w,
                    height: h,
                    y,
                    columns: &columns,
                    au: row_au,
                    av: row_av,
                    bu: row_bu,
                    bv: row_bv,
                    share,
                };
                match kernel {
                    Kernel::Scalar => row.scalar(out_row, 0),
                    // SAFETY: `Kernel::Avx2` is only chosen after detecting AVX2 at run time.
                    #[cfg(target_arch = "x86_64")]
                    Kernel::Avx2 => unsafe { avx2::warp_row(&row, out_row) },
                    // SAFETY: as above, for AVX-512 F, BW and VBMI.
                    #[cfg(target_arch = "x86_64")]
                    Kernel::Avx512 => unsafe { avx512::warp_row(&row, out_row) },
                }
            },
        );
    }
}

impl Row<'_> {
    /// Pixels `from..` of the row, one at a time.
    fn scalar(&self, out: &mut [u8], from: usize) {
        let (max_x, max_y) = ((self.width - 1) as f32, (self.height - 1) as f32);
        let yf = self.y as f32;
        let c = self.columns;
        for (x, value) in out.iter_mut().enumerate().skip(from) {
            let (x0, x1, fx) = (c.x0[x] as usize, c.x1[x] as usize, c.fx[x]);
            let lerp = |grid: &[f32]| grid[x0] + fx * (grid[x1] - grid[x0]);
            let xf = x as f32;
            let (ax, ay) = (xf - lerp(self.au), yf - lerp(self.av));
            let (bx, by) = (xf + lerp(self.bu), yf + lerp(self.bv));
            // max/min rather than clamp: clamp checks its bounds on every call.
            let sa = sample_u8(
                self.a,
                self.width,
                ax.max(0.0).min(max_x),
                ay.max(0.0).min(max_y),
            );
            let sb = sample_u8(
                self.b,
                self.width,
                bx.max(0.0).min(max_x),
                by.max(0.0).min(max_y),
            );
            // Both samples carry 16 fraction bits and the share 8: the mix has 24, and at
            // most 255 << 24 plus the rounding half still fits in 32 bits.
            let mixed = sa * (256 - self.share) + sb * self.share;
            *value = ((mixed + (1 << 23)) >> 24) as u8;
        }
    }
}

/// Bilinear sample of a `w`-wide plane at a position already clamped inside it, in fixed
/// point: the value times 65536. Integer weights avoid converting the four bytes to floats.
#[inline(always)]
fn sample_u8(plane: &[u8], w: usize, x: f32, y: f32) -> u32 {
    let (xi, yi) = ((x * 256.0) as i32 as u32, (y * 256.0) as i32 as u32);
    let (x0, y0) = ((xi >> 8) as usize, (yi >> 8) as usize);
    let (fx, fy) = (xi & 255, yi & 255);
    // At the last column (row) the weight of the next one is zero, so reading the pixel
    // itself again is exact and keeps the index inside the plane.
    let dx = usize::from(fx > 0);
    let dy = if fy > 0 { w } else { 0 };
    let i = y0 * w + x0;
    let p00 = u32::from(plane[i]);
    let p01 = u32::from(plane[i + dx]);
    let p10 = u32::from(plane[i + dy]);
    let p11 = u32::from(plane[i + dy + dx]);
    let top = p00 * (256 - fx) + p01 * fx;
    let bottom = p10 * (256 - fx) + p11 * fx;
    top * (256 - fy) + bottom * fy
}

#[cfg(target_arch = "x86_64")]
mod avx2 {
    use std::arch::x86_64::*;

    use super::Row;

    /// [`Row::scalar`] eight pixels at a time. Each bilinear sample is two 32-bit gathers at
    /// byte offsets (the pixel and the one right of it, in this row and the next), whose
    /// low two bytes `madd` weighs in one step. A gather reads three bytes past the pixel, so
    /// the few groups whose samples fall on the plane's last pixels go through the scalar
    /// kernel instead of reading past the end.
    #[target_feature(enable = "avx2")]
    pub(super) unsafe fn warp_row(row: &Row, out: &mut [u8]) {
        let n = out.len();
        let (w, h) = (row.width, row.height);
        let c = row.columns;
        let yf = _mm256_set1_ps(row.y as f32);
        let zero = _mm256_setzero_ps();
        let max_x = _mm256_set1_ps((w - 1) as f32);
        let max_y = _mm256_set1_ps((h - 1) as f32);
        let lanes = _mm256_setr_ps(0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0);
        let fixed = _mm256_set1_ps(256.0);
        let share = _mm256_set1_epi32(row.share as i32);
        let share_a = _mm256_sub_epi32(_mm256_set1_epi32(256), share);
        let byte = _mm256_set1_epi32(255);
        let full = _mm256_set1_epi32(256);
        let width = _mm256_set1_epi32(w as i32);
        let last_row = _mm256_set1_epi32(h as i32 - 1);
        let rounding = _mm256_set1_epi32(1 << 23);
        // A gather at offset i reads i..i+3: the safe offsets end three before the plane does.
        let limit_a = _mm256_set1_epi32((row.a.len() - 4) as i32);
        let limit_b = _mm256_set1_epi32((row.b.len() - 4) as i32);
        // Per 32-bit lane: bytes 0 and 1 of the gathered word as two 16-bit values.
        let pair = _mm256_setr_epi8(
            0, -128, 1, -128, 4, -128, 5, -128, 8, -128, 9, -128, 12, -128, 13, -128, 0, -128, 1,
            -128, 4, -128, 5, -128, 8, -128, 9, -128, 12, -128, 13, -128,
        );
        // Byte 0 of each 32-bit lane, packed to the bottom of each 128-bit half.
        let pack = _mm256_setr_epi8(
            0, 4, 8, 12, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, 0,
            4, 8, 12, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128,
        );

        // Eight neighbouring pixels span at most five grid columns (a grid cell is at least
        // two pixels wide), so the eight grid values from the group's first column hold all
        // of them and a permute picks them out; the row buffers are padded for this load.
        let lerp = |grid: &[f32], base: usize, i0: __m256i, i1: __m256i, f: __m256| {
            let window = _mm256_loadu_ps(grid.as_ptr().add(base));
            let p = _mm256_permutevar8x32_ps(window, i0);
            let q = _mm256_permutevar8x32_ps(window, i1);
            _mm256_add_ps(p, _mm256_mul_ps(f, _mm256_sub_ps(q, p)))
        };
        // Fixed-point position: integer pixel, fraction (0-255), clamped as the scalar does.
        let split = |p: __m256, max: __m256| {
            let clamped = _mm256_min_ps(_mm256_max_ps(p, zero), max);
            let fixed = _mm256_cvttps_epi32(_mm256_mul_ps(clamped, fixed));
            (_mm256_srli_epi32::<8>(fixed), _mm256_and_si256(fixed, byte))
        };
        // The shuffle-window path: offsets 0-14 (the pixel and the one right of it within
        // 16 bytes), and the shuffle control around them (see `picks` below).
        let window_last = _mm256_set1_epi32(14);
        let pick_base = _mm256_set1_epi32(0x8001_8000_u32 as i32);
        let weigh = |word: __m256i, weights: __m256i| {
            _mm256_madd_epi16(_mm256_shuffle_epi8(word, pair), weights)
        };

        let mut x = 0;
        while x + 8 <= n {
            let base = c.x0[x] as usize;
            let first = _mm256_set1_epi32(base as i32);
            let i0 = _mm256_sub_epi32(_mm256_loadu_si256(c.x0.as_ptr().add(x).cast()), first);
            let i1 = _mm256_sub_epi32(_mm256_loadu_si256(c.x1.as_ptr().add(x).cast()), first);
            let f = _mm256_loadu_ps(c.fx.as_ptr().add(x));
            let au = lerp(row.au, base, i0, i1, f);
            let av = lerp(row.av, base, i0, i1, f);
            let bu = lerp(row.bu, base, i0, i1, f);
            let bv = lerp(row.bv, base, i0, i1, f);
            let xf = _mm256_add_ps(_mm256_set1_ps(x as f32), lanes);

            // A group whose every pixel stays where it is (still ground, and every cell the
            // snap to still has zeroed) samples each plane at the pixels themselves:
            // bilinear weights of zero, so the sample is the byte times 65536, as below.
            let is_zero = |v: __m256| _mm256_castps_si256(_mm256_cmp_ps::<_CMP_EQ_OQ>(v, zero));
            let still = _mm256_and_si256(
                _mm256_and_si256(is_zero(au), is_zero(av)),
                _mm256_and_si256(is_zero(bu), is_zero(bv)),
            );
            let (sa, sb) = if _mm256_movemask_epi8(still) == -1 {
                let at = row.y * w + x;
                let bytes = |plane: &[u8]| {
                    let eight = _mm_loadl_epi64(plane.as_ptr().add(at).cast());
                    _mm256_slli_epi32::<16>(_mm256_cvtepu8_epi32(eight))
                };
                (bytes(row.a), bytes(row.b))
            } else {
                let (ax, fax) = split(_mm256_sub_ps(xf, au), max_x);
                let (ay, fay) = split(_mm256_sub_ps(yf, av), max_y);
                let (bx, fbx) = split(_mm256_add_ps(xf, bu), max_x);
                let (by, fby) = split(_mm256_add_ps(yf, bv), max_y);
                let index_a = _mm256_add_epi32(_mm256_mullo_epi32(ay, width), ax);
                let index_b = _mm256_add_epi32(_mm256_mullo_epi32(by, width), bx);
                // The row below, except on the last row (where its weight is zero anyway).
                let below_a = _mm256_add_epi32(
                    index_a,
                    _mm256_and_si256(_mm256_cmpgt_epi32(last_row, ay), width),
                );
                let below_b = _mm256_add_epi32(
                    index_b,
                    _mm256_and_si256(_mm256_cmpgt_epi32(last_row, by), width),
                );
                let unsafe_lanes = _mm256_or_si256(
                    _mm256_cmpgt_epi32(below_a, limit_a),
                    _mm256_cmpgt_epi32(below_b, limit_b),
                );
                if _mm256_movemask_epi8(unsafe_lanes) != 0 {
                    row.scalar(&mut out[..x + 8], x);
                    x += 8;
                    continue;
                }

                #[rustfmt::skip]
                let sample = |plane: &[u8], x: __m256i, y: __m256i, index: __m256i, below: __m256i,
                              fx: __m256i, fy: __m256i| {
                    // (256 - fx) in the low 16 bits of each lane, fx in the high 16.
                    let weights =
                        _mm256_or_si256(_mm256_sub_epi32(full, fx), _mm256_slli_epi32::<16>(fx));
                    // Where the motion is smooth, the eight samples lie on one row within 16
                    // bytes: two plain loads and byte shuffles then replace the four gathers.
                    let first_x = _mm256_cvtsi256_si32(x);
                    let first_y = _mm256_cvtsi256_si32(y);
                    let start = (first_x - 3).clamp(0, (w as i32 - 16).max(0));
                    let offsets = _mm256_sub_epi32(x, _mm256_set1_epi32(start));
                    let one_row = _mm256_movemask_epi8(_mm256_cmpeq_epi32(y, _mm256_set1_epi32(first_y)));
                    let in_window = _mm256_movemask_epi8(_mm256_cmpeq_epi32(
                        _mm256_max_epu32(offsets, window_last),
                        window_last,
                    ));
                    let (top, bottom) = if w >= 16 && one_row == -1 && in_window == -1 {
                        let row = plane.as_ptr().add(first_y as usize * w + start as usize);
                        let next = if first_y < h as i32 - 1 { row.add(w) } else { row };
                        let top_bytes = _mm256_broadcastsi128_si256(_mm_loadu_si128(row.cast()));
                        let bottom_bytes = _mm256_broadcastsi128_si256(_mm_loadu_si128(next.cast()));
                        // Per lane: bytes [offset, zero, offset + 1, zero], two 16-bit pixels.
                        let picks = _mm256_add_epi32(
                            _mm256_or_si256(offsets, _mm256_slli_epi32::<16>(offsets)),
                            pick_base,
                        );
                        (
                            _mm256_madd_epi16(_mm256_shuffle_epi8(top_bytes, picks), weights),
                            _mm256_madd_epi16(_mm256_shuffle_epi8(bottom_bytes, picks), weights),
                        )
                    } else {
                        let base = plane.as_ptr().cast::<i32>();
                        let top_word = _mm256_i32gather_epi32::<1>(base, index);
                        let bottom_word = _mm256_i32gather_epi32::<1>(base, below);
                        (weigh(top_word, weights), weigh(bottom_word, weights))
                    };
                    _mm256_add_epi32(
                        _mm256_mullo_epi32(top, _mm256_sub_epi32(full, fy)),
                        _mm256_mullo_epi32(bottom, fy),
                    )
                };
                (
                    sample(row.a, ax, ay, index_a, below_a, fax, fay),
                    sample(row.b, bx, by, index_b, below_b, fbx, fby),
                )
            };
            let mixed = _mm256_add_epi32(
                _mm256_add_epi32(
                    _mm256_mullo_epi32(sa, share_a),
                    _mm256_mullo_epi32(sb, share),
                ),
                rounding,
            );
            let bytes = _mm256_shuffle_epi8(_mm256_srli_epi32::<24>(mixed), pack);
            let low = _mm_cvtsi128_si32(_mm256_castsi256_si128(bytes)) as u32;
            let high = _mm_cvtsi128_si32(_mm256_extracti128_si256::<1>(bytes)) as u32;
            out[x..x + 4].copy_from_slice(&low.to_le_bytes());
            out[x + 4..x + 8].copy_from_slice(&high.to_le_bytes());
            x += 8;
        }
        row.scalar(out, x);
    }
}

#[cfg(target_arch = "x86_64")]
mod avx512 {
    use std::arch::x86_64::*;

    use super::Row;

    /// [`Row::scalar`] sixteen pixels at a time: [`super::avx2::warp_row`]'s steps in 512-bit
    /// registers. Where a group's samples lie on one row within 64 bytes (smooth motion, most
    /// groups), one load per row and a byte permute over the whole 64 bytes replace the
    /// gathers, so a group may spread over 62 pixels instead of 14.
    #[target_feature(enable = "avx512f,avx512bw,avx512vbmi")]
    pub(super) unsafe fn warp_row(row: &Row, out: &mut [u8]) {
        let n = out.len();
        let (w, h) = (row.width, row.height);
        let c = row.columns;
        let yf = _mm512_set1_ps(row.y as f32);
        let zero = _mm512_setzero_ps();
        let max_x = _mm512_set1_ps((w - 1) as f32);
        let max_y = _mm512_set1_ps((h - 1) as f32);
        let lanes = _mm512_setr_ps(
            0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0, 11.0, 12.0, 13.0, 14.0, 15.0,
        );
        let fixed = _mm512_set1_ps(256.0);
        let share = _mm512_set1_epi32(row.share as i32);
        let share_a = _mm512_sub_epi32(_mm512_set1_epi32(256), share);
        let byte = _mm512_set1_epi32(255);
        let full = _mm512_set1_epi32(256);
        let one = _mm512_set1_epi32(1);
        let width = _mm512_set1_epi32(w as i32);
        let last_row = _mm512_set1_epi32(h as i32 - 1);
        let rounding = _mm512_set1_epi32(1 << 23);
        let limit_a = _mm512_set1_epi32((row.a.len() - 4) as i32);
        let limit_b = _mm512_set1_epi32((row.b.len() - 4) as i32);
        // Per 32-bit lane of a gathered word: bytes 0 and 1 as two 16-bit values.
        let pair = _mm512_broadcast_i32x4(_mm_setr_epi8(
            0, -128, 1, -128, 4, -128, 5, -128, 8, -128, 9, -128, 12, -128, 13, -128,
        ));
        // Bytes 0 and 2 of every 32-bit lane: where a permute's picks land; 1 and 3 stay zero.
        const PICKED: __mmask64 = 0x5555_5555_5555_5555;
        let window_last = _mm512_set1_epi32(62);

        // Sixteen neighbouring pixels span at most nine grid columns (a cell is at least two
        // pixels wide): the sixteen grid values from the group's first column hold them all.
        let lerp = |grid: &[f32], base: usize, i0: __m512i, i1: __m512i, f: __m512| {
            let window = _mm512_loadu_ps(grid.as_ptr().add(base));
            let p = _mm512_permutexvar_ps(i0, window);
            let q = _mm512_permutexvar_ps(i1, window);
            _mm512_add_ps(p, _mm512_mul_ps(f, _mm512_sub_ps(q, p)))
        };
        let split = |p: __m512, max: __m512| {
            let clamped = _mm512_min_ps(_mm512_max_ps(p, zero), max);
            let fixed = _mm512_cvttps_epi32(_mm512_mul_ps(clamped, fixed));
            (_mm512_srli_epi32::<8>(fixed), _mm512_and_si512(fixed, byte))
        };
        let first_lane = |v: __m512i| _mm_cvtsi128_si32(_mm512_castsi512_si128(v));

        let mut x = 0;
        while x + 16 <= n {
            let base = c.x0[x] as usize;
            let first = _mm512_set1_epi32(base as i32);
            let i0 = _mm512_sub_epi32(_mm512_loadu_si512(c.x0.as_ptr().add(x).cast()), first);
            let i1 = _mm512_sub_epi32(_mm512_loadu_si512(c.x1.as_ptr().add(x).cast()), first);
            let f = _mm512_loadu_ps(c.fx.as_ptr().add(x));
            let au = lerp(row.au, base, i0, i1, f);
            let av = lerp(row.av, base, i0, i1, f);
            let bu = lerp(row.bu, base, i0, i1, f);
            let bv = lerp(row.bv, base, i0, i1, f);
            let xf = _mm512_add_ps(_mm512_set1_ps(x as f32), lanes);

            let is_zero = |v: __m512| _mm512_cmp_ps_mask::<_CMP_EQ_OQ>(v, zero);
            let still = is_zero(au) & is_zero(av) & is_zero(bu) & is_zero(bv);
            let (sa, sb) = if still == 0xFFFF {
                let at = row.y * w + x;
                let bytes = |plane: &[u8]| {
                    let sixteen = _mm_loadu_si128(plane.as_ptr().add(at).cast());
                    _mm512_slli_epi32::<16>(_mm512_cvtepu8_epi32(sixteen))
                };
                (bytes(row.a), bytes(row.b))
            } else {
                let (ax, fax) = split(_mm512_sub_ps(xf, au), max_x);
                let (ay, fay) = split(_mm512_sub_ps(yf, av), max_y);
                let (bx, fbx) = split(_mm512_add_ps(xf, bu), max_x);
                let (by, fby) = split(_mm512_add_ps(yf, bv), max_y);
                let index_a = _mm512_add_epi32(_mm512_mullo_epi32(ay, width), ax);
                let index_b = _mm512_add_epi32(_mm512_mullo_epi32(by, width), bx);
                let below_a = _mm512_mask_add_epi32(
                    index_a,
                    _mm512_cmpgt_epi32_mask(last_row, ay),
                    index_a,
                    width,
                );
                let below_b = _mm512_mask_add_epi32(
                    index_b,
                    _mm512_cmpgt_epi32_mask(last_row, by),
                    index_b,
                    width,
                );
                if _mm512_cmpgt_epi32_mask(below_a, limit_a)
                    | _mm512_cmpgt_epi32_mask(below_b, limit_b)
                    != 0
                {
                    row.scalar(&mut out[..x + 16], x);
                    x += 16;
                    continue;
                }

                #[rustfmt::skip]
                let sample = |plane: &[u8], x: __m512i, y: __m512i, index: __m512i, below: __m512i,
                              fx: __m512i, fy: __m512i| {
                    let weights =
                        _mm512_or_si512(_mm512_sub_epi32(full, fx), _mm512_slli_epi32::<16>(fx));
                    let top_y = _mm512_reduce_min_epi32(y);
                    let start = (first_lane(x) - 3).clamp(0, (w as i32 - 64).max(0));
                    let offsets = _mm512_sub_epi32(x, _mm512_set1_epi32(start));
                    let two_rows = _mm512_reduce_max_epi32(y) - top_y <= 1;
                    let in_window = _mm512_cmple_epu32_mask(offsets, window_last) == 0xFFFF;
                    let (top, bottom) = if w >= 64 && two_rows && in_window {
                        // Rows `top_y`, the one below and the one below that (repeated at the
                        // plane's last row, where the weight of the row below is zero).
                        let last = h - 1;
                        let row_at = |y: usize| plane.as_ptr().add(y.min(last) * w + start as usize);
                        let top_y = top_y as usize;
                        let load = |y: usize| _mm512_loadu_si512(row_at(y).cast());
                        // Per lane: bytes [offset, -, offset + 1, -], the unpicked ones zeroed.
                        let picks = _mm512_or_si512(
                            offsets,
                            _mm512_slli_epi32::<16>(_mm512_add_epi32(offsets, one)),
                        );
                        // The loads below waited on memory (six rows of two 1080p frames
                        // outrun the hardware's prefetchers): ask for the lines sixteen
                        // groups ahead. 5 % of the converter's CPU at 1080p.
                        for ahead in [top_y, top_y + 1, top_y + 2] {
                            _mm_prefetch::<_MM_HINT_T0>(row_at(ahead).wrapping_add(256).cast());
                        }
                        let (first, second) = (load(top_y), load(top_y + 1));
                        let mut upper = _mm512_maskz_permutexvar_epi8(PICKED, picks, first);
                        let mut lower = _mm512_maskz_permutexvar_epi8(PICKED, picks, second);
                        // Lanes a row further down (vertical motion varying across the group)
                        // take their two rows one lower.
                        let down = _mm512_cmpgt_epi32_mask(y, _mm512_set1_epi32(top_y as i32));
                        if down != 0 {
                            let bytes =
                                _mm512_movepi8_mask(_mm512_maskz_set1_epi32(down, -1)) & PICKED;
                            upper = _mm512_mask_permutexvar_epi8(upper, bytes, picks, second);
                            lower =
                                _mm512_mask_permutexvar_epi8(lower, bytes, picks, load(top_y + 2));
                        }
                        (
                            _mm512_madd_epi16(upper, weights),
                            _mm512_madd_epi16(lower, weights),
                        )
                    } else {
                        let base = plane.as_ptr();
                        let top_word = _mm512_i32gather_epi32::<1>(index, base.cast());
                        let bottom_word = _mm512_i32gather_epi32::<1>(below, base.cast());
                        (
                            _mm512_madd_epi16(_mm512_shuffle_epi8(top_word, pair), weights),
                            _mm512_madd_epi16(_mm512_shuffle_epi8(bottom_word, pair), weights),
                        )
                    };
                    _mm512_add_epi32(
                        _mm512_mullo_epi32(top, _mm512_sub_epi32(full, fy)),
                        _mm512_mullo_epi32(bottom, fy),
                    )
                };
                (
                    sample(row.a, ax, ay, index_a, below_a, fax, fay),
                    sample(row.b, bx, by, index_b, below_b, fbx, fby),
                )
            };
            let mixed = _mm512_add_epi32(
                _mm512_add_epi32(
                    _mm512_mullo_epi32(sa, share_a),
                    _mm512_mullo_epi32(sb, share),
                ),
                rounding,
            );
            let bytes = _mm512_cvtepi32_epi8(_mm512_srli_epi32::<24>(mixed));
            _mm_storeu_si128(out.as_mut_ptr().add(x).cast(), bytes);
            x += 16;
        }
        row.scalar(out, x);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The kinds of motion the kernels are compared on.
    #[derive(Debug, Clone, Copy, PartialEq)]
    enum Motion {
        /// Large and varied: many samples clamped at every edge, groups of pixels sampling
        /// far apart (gathers).
        Rough,
        /// Groups of pixels sampling one row, as real motion mostly does.
        Smooth,
        /// Vertical motion changing across a group, so its samples fall on neighbouring rows
        /// (the gathers again, next to the one-row loads).
        Sheared,
        /// Still cells beside moving ones: groups that move nothing (plain loads), groups
        /// that straddle the edge of the still area.
        PartlyStill,
    }

    fn field(gw: usize, gh: usize, scale: usize, kind: Motion) -> FlowField {
        let mut field = FlowField::zero(gw, gh, scale);
        for k in 0..gw * gh {
            let s = k as f32;
            let (x, y) = ((k % gw) as f32, (k / gw) as f32);
            match kind {
                Motion::Rough => {
                    field.u[k] = 9.0 * (s * 0.37).sin() + 3.3 * (s * 0.011).cos();
                    field.v[k] = 7.0 * (s * 0.53).cos() - 2.1;
                }
                Motion::Smooth => {
                    field.u[k] = 1.3 + 0.05 * x - 0.02 * y;
                    field.v[k] = -0.4 + 0.01 * x;
                }
                Motion::PartlyStill => {
                    if x >= gw as f32 / 2.0 {
                        field.u[k] = 0.8 + 0.1 * y;
                        field.v[k] = -0.6;
                    }
                }
                Motion::Sheared => {
                    field.u[k] = 0.7 - 0.03 * y;
                    field.v[k] = 1.5 * (x * 0.4).sin() + 0.2 * y;
                }
            }
        }
        field
    }

    fn scaled(field: &FlowField, by: f32) -> FlowField {
        let mut out = field.clone();
        out.u
            .iter_mut()
            .chain(out.v.iter_mut())
            .for_each(|d| *d *= by);
        out
    }

    fn plane(w: usize, h: usize, seed: u32) -> Vec<u8> {
        (0..w * h)
            .map(|k| ((k as u32).wrapping_mul(2_654_435_761).wrapping_add(seed) >> 24) as u8)
            .collect()
    }

    #[test]
    fn every_kernel_writes_the_same_bytes() {
        let kernels = Kernel::available();
        if kernels.len() == 1 {
            eprintln!("no AVX2 here: only the scalar kernel exists");
            return;
        }
        // Odd sizes leave a scalar tail; chroma-sized planes use `plane_scale` 0.5.
        let cases = [
            (101, 37, 1.0f32),
            (64, 48, 1.0),
            (51, 19, 0.5),
            (13, 9, 1.0),
            (150, 70, 1.0),
            (75, 35, 0.5),
        ];
        let kinds = [
            Motion::Rough,
            Motion::Smooth,
            Motion::Sheared,
            Motion::PartlyStill,
        ];
        for ((w, h, plane_scale), kind) in
            cases.into_iter().flat_map(|c| kinds.map(|kind| (c, kind)))
        {
            let field = field(26, 10, 4, kind);
            let (a, b) = (plane(w, h, 1), plane(w, h, 99));
            // Uniform motion at three times, and accelerating motion (the two ends not
            // proportional).
            for (ta, tb) in [(0.5f32, 0.5f32), (0.25, 0.75), (0.8, 0.2), (0.3, 0.9)] {
                let (from_a, to_b) = (scaled(&field, ta), scaled(&field, tb));
                let mut scalar = vec![0u8; w * h];
                let warp = PlaneWarp {
                    from_a: &from_a,
                    to_b: &to_b,
                    share_b: ta / (ta + tb),
                    a: &a,
                    b: &b,
                    size: (w, h),
                    plane_scale,
                };
                warp.run_with(&mut scalar, Kernel::Scalar);
                for &kernel in &kernels[1..] {
                    let mut simd = vec![0u8; w * h];
                    warp.run_with(&mut simd, kernel);
                    assert_eq!(scalar, simd, "{kernel:?} {w}x{h} ends {ta}/{tb} {kind:?}");
                }
            }
        }
    }

    #[test]
    fn zero_motion_at_half_time_is_a_blend() {
        let (w, h) = (40, 30);
        let field = FlowField::zero(10, 8, 4);
        let (a, b) = (plane(w, h, 3), plane(w, h, 7));
        let mut out = vec![0u8; w * h];
        PlaneWarp {
            from_a: &field,
            to_b: &field,
            share_b: 0.5,
            a: &a,
            b: &b,
            size: (w, h),
            plane_scale: 1.0,
        }
        .run(&mut out);
        for k in 0..w * h {
            let expected = (u32::from(a[k]) + u32::from(b[k])).div_ceil(2);
            assert_eq!(u32::from(out[k]), expected, "pixel {k}");
        }
    }
}
