//! A synthetic scene whose every instant can be rendered exactly: a camera panning over a
//! textured backdrop while two textured objects cross it in other directions, one passing in
//! front of the other. Motion is sub-pixel and continuous, objects occlude and uncover the
//! background, so an interpolator is tested on everything real footage asks of it, against
//! a ground truth that real footage cannot give.

use rayon::prelude::*;
use recut_media::{Frame, FrameFormat};

/// Texture tile side; the pan wraps around it.
const TILE: usize = 1024;

pub struct Scene {
    format: FrameFormat,
    /// Luma and two chroma textures, `TILE` x `TILE`, wrapping.
    textures: [Vec<f32>; 3],
}

impl Scene {
    pub fn new(format: FrameFormat) -> Self {
        let textures = [1u64, 2, 3].map(texture);
        Self { format, textures }
    }

    pub fn format(&self) -> FrameFormat {
        self.format
    }

    /// The scene at `seconds`.
    pub fn render(&self, seconds: f64) -> Frame {
        let format = self.format;
        let (w, h) = (format.width as usize, format.height as usize);
        let t = seconds as f32;
        let unit = h as f32 / 540.0;
        // Camera pan (backdrop moves left and slightly up), plus two objects.
        let pan = (70.0 * unit * t, 18.0 * unit * t);
        let disc = Object {
            center: (
                0.2 * w as f32 + 160.0 * unit * t,
                0.55 * h as f32 - 40.0 * unit * t,
            ),
            radius: 0.16 * h as f32,
            texture_offset: (300.0, 500.0),
        };
        let square = Object {
            center: (
                0.75 * w as f32 - 120.0 * unit * t,
                0.45 * h as f32 + 25.0 * unit * t,
            ),
            radius: 0.12 * h as f32,
            texture_offset: (700.0, 100.0),
        };
        let mut frame = Frame::new(format);
        let (y_plane, u_plane, v_plane) = frame.planes_mut();
        let shade = |plane: usize, x: f32, y: f32, scale: f32| -> f32 {
            // Front to back: the disc passes in front of the square.
            if let Some((tx, ty)) = disc.covers(x * scale, y * scale, true) {
                return self.sample(plane, tx / scale, ty / scale) * 0.8 + 40.0;
            }
            if let Some((tx, ty)) = square.covers(x * scale, y * scale, false) {
                return 235.0 - self.sample(plane, tx / scale, ty / scale) * 0.7;
            }
            self.sample(plane, x + pan.0 / scale, y + pan.1 / scale)
        };
        y_plane.par_chunks_mut(w).enumerate().for_each(|(y, row)| {
            for (x, value) in row.iter_mut().enumerate() {
                *value = quantise(shade(0, x as f32 + 0.5, y as f32 + 0.5, 1.0));
            }
        });
        let cw = format.chroma_width() as usize;
        for (plane, out) in [(1usize, u_plane), (2usize, v_plane)] {
            out.par_chunks_mut(cw).enumerate().for_each(|(y, row)| {
                for (x, value) in row.iter_mut().enumerate() {
                    let shaded = shade(plane, x as f32 + 0.5, y as f32 + 0.5, 2.0);
                    *value = quantise(128.0 + (shaded - 128.0) * 0.35);
                }
            });
        }
        frame
    }

    /// Bilinear, wrapping.
    fn sample(&self, plane: usize, x: f32, y: f32) -> f32 {
        let texture = &self.textures[plane];
        let (fx, fy) = (x.floor(), y.floor());
        let (ax, ay) = (x - fx, y - fy);
        let wrap = |v: f32| (v as i64).rem_euclid(TILE as i64) as usize;
        let (x0, y0) = (wrap(fx), wrap(fy));
        let (x1, y1) = ((x0 + 1) % TILE, (y0 + 1) % TILE);
        let p = |xx: usize, yy: usize| texture[yy * TILE + xx];
        let top = p(x0, y0) + ax * (p(x1, y0) - p(x0, y0));
        let bottom = p(x0, y1) + ax * (p(x1, y1) - p(x0, y1));
        top + ay * (bottom - top)
    }
}

struct Object {
    center: (f32, f32),
    radius: f32,
    texture_offset: (f32, f32),
}

impl Object {
    /// The texture coordinate the object shows at (`x`, `y`), if it covers that point. The
    /// texture moves with the object.
    fn covers(&self, x: f32, y: f32, round: bool) -> Option<(f32, f32)> {
        let (dx, dy) = (x - self.center.0, y - self.center.1);
        let inside = if round {
            dx * dx + dy * dy <= self.radius * self.radius
        } else {
            dx.abs() <= self.radius && dy.abs() <= self.radius
        };
        inside.then_some((dx + self.texture_offset.0, dy + self.texture_offset.1))
    }
}

fn quantise(value: f32) -> u8 {
    value.round().clamp(16.0, 235.0) as u8
}

/// Value noise over several octaves, plus a few hard-edged shapes so there are edges as
/// well as texture. Wraps seamlessly at `TILE`.
fn texture(seed: u64) -> Vec<f32> {
    let lattice = |cell: usize, x: usize, y: usize, octave: u64| -> f32 {
        let (x, y) = ((x % cell) as u64, (y % cell) as u64);
        let mut h = seed
            .wrapping_mul(0x9E37_79B9_7F4A_7C15)
            .wrapping_add(octave.wrapping_mul(0xC2B2_AE3D_27D4_EB4F))
            .wrapping_add(x.wrapping_mul(0x1656_67B1_9E37_79F9))
            .wrapping_add(y.wrapping_mul(0x27D4_EB2F_1656_67C5));
        h ^= h >> 29;
        h = h.wrapping_mul(0xBF58_476D_1CE4_E5B9);
        h ^= h >> 32;
        (h % 1000) as f32 / 1000.0
    };
    let mut out = vec![0.0f32; TILE * TILE];
    out.par_chunks_mut(TILE).enumerate().for_each(|(y, row)| {
        for (x, value) in row.iter_mut().enumerate() {
            let mut sum = 0.0;
            for (octave, (period, amplitude)) in
                [(128usize, 70.0f32), (32, 45.0), (8, 25.0), (2, 8.0)]
                    .into_iter()
                    .enumerate()
            {
                let cells = TILE / period;
                let (gx, gy) = (x / period, y / period);
                let (fx, fy) = (
                    (x % period) as f32 / period as f32,
                    (y % period) as f32 / period as f32,
                );
                // Smoothstep between lattice values.
                let (sx, sy) = (fx * fx * (3.0 - 2.0 * fx), fy * fy * (3.0 - 2.0 * fy));
                let o = octave as u64;
                let a = lattice(cells, gx, gy, o);
                let b = lattice(cells, gx + 1, gy, o);
                let c = lattice(cells, gx, gy + 1, o);
                let d = lattice(cells, gx + 1, gy + 1, o);
                let top = a + sx * (b - a);
                let bottom = c + sx * (d - c);
                sum += amplitude * (top + sy * (bottom - top) - 0.5);
            }
            // Hard-edged stripes every 96 pixels.
            let stripe = if (x / 48 + y / 96) % 4 == 0 {
                35.0
            } else {
                0.0
            };
            *value = 120.0 + sum + stripe;
        }
    });
    out
}
