//! Texture operations: grain, vignette, VHS, film gate weave, flicker, dust and scratches,
//! sharpen, blur, denoise, chromatic aberration, letterbox. Random ones draw from streams keyed by (seed, frame index, operation, row), so
//! the same seed gives the same frames and every frame gets new grain.

use recut_media::{Frame, FrameFormat};

use super::filters::{box_blur, box_blur_passes, clamp_u8, smooth_noise, temporal_smooth, Rng};
use super::{smoothstep, FrameInfo, FrameOp};
use crate::edit::colours::rgb_to_yuv;

/// Luminance-dependent film grain: strongest in the midtones, fainter in deep shadows and
/// highlights (as on film, where grain shows least where the emulsion is saturated or empty),
/// with a little colour grain on the chroma planes (none on a picture without colour). `size`
/// above 1 clumps it (3x3 average of the noise, rescaled to the same strength).
pub struct Grain {
    key: u64,
    strength: f32,
    size: f32,
    colour: bool,
    noise: Vec<u8>,
    clumped: Vec<u8>,
    scratch: Vec<u16>,
}

impl Grain {
    pub fn new(key: u64, strength: f32, size: f32) -> Self {
        Self {
            key,
            strength,
            size,
            colour: true,
            noise: Vec::new(),
            clumped: Vec::new(),
            scratch: Vec::new(),
        }
    }

    /// Luma grain only, for a picture the plan took the colour out of.
    pub fn without_colour(mut self, colourless: bool) -> Self {
        self.colour = !colourless;
        self
    }
}

/// Fills `out` with triangular noise centred on 128 (std about 52), one stream per row.
fn fill_noise(out: &mut [u8], width: usize, keys: [u64; 4]) {
    for (y, row) in out.chunks_mut(width).enumerate() {
        let mut rng = Rng::new(&[keys[0], keys[1], keys[2], keys[3], y as u64]);
        for chunk in row.chunks_mut(4) {
            let bits = rng.next_u64();
            for (i, value) in chunk.iter_mut().enumerate() {
                let a = (bits >> (16 * i)) & 0xFF;
                let b = (bits >> (16 * i + 8)) & 0xFF;
                *value = (a + b).div_ceil(2) as u8;
            }
        }
    }
}

const NOISE_STD: f32 = 52.0;

impl FrameOp for Grain {
    fn apply(&mut self, frame: &mut Frame, info: &FrameInfo) {
        let format = frame.format();
        let (w, h) = (format.width as usize, format.height as usize);
        let cw = format.chroma_width() as usize;
        let sigma = (2.0 + 11.0 * self.strength) * info.scale.sqrt().min(1.5);
        self.noise.resize(w * h, 0);
        fill_noise(&mut self.noise, w, [info.seed, info.index, self.key, 0]);
        let (noise, std) = if self.size > 1.2 {
            self.clumped.resize(w * h, 0);
            box_blur(&self.noise, &mut self.clumped, w, h, 1, &mut self.scratch);
            (&self.clumped, NOISE_STD / 3.0)
        } else {
            (&self.noise, NOISE_STD)
        };
        let mut amp = [0i32; 256];
        for (level, a) in amp.iter_mut().enumerate() {
            let l = ((level as f32 - 16.0) / 219.0).clamp(0.0, 1.0);
            let shape = 0.3 + 2.8 * l * (1.0 - l);
            *a = (sigma * shape / std * 256.0) as i32;
        }
        let (py, pu, pv) = frame.planes_mut();
        for (value, n) in py.iter_mut().zip(noise.iter()) {
            let delta = (i32::from(*n) - 128) * amp[usize::from(*value)];
            *value = (i32::from(*value) + (delta >> 8)).clamp(16, 235) as u8;
        }
        if !self.colour {
            return;
        }
        let chroma_amp = (0.3 * sigma / NOISE_STD * 256.0) as i32;
        for (plane, which) in [(pu, 1u64), (pv, 2)] {
            let len = plane.len();
            self.noise.resize(len, 0);
            fill_noise(
                &mut self.noise[..len],
                cw,
                [info.seed, info.index, self.key, which],
            );
            for (value, n) in plane.iter_mut().zip(&self.noise[..len]) {
                let delta = (i32::from(*n) - 128) * chroma_amp;
                *value = (i32::from(*value) + (delta >> 8)).clamp(16, 240) as u8;
            }
        }
    }
}

/// Soft glow ("dreamy", "bloom"): the highlights above a knee, blurred wide (two box passes,
/// near-Gaussian), are screened over the luma, so bright areas bleed soft light into their
/// surroundings. Dark areas far from any light are left as they are, and chroma is kept.
/// Each frame is processed on its own, so the glow is as stable as the source.
pub struct Glow {
    strength: f32,
    bright: Vec<u8>,
    halo: Vec<u8>,
    scratch: Vec<u16>,
}

impl Glow {
    pub fn new(strength: f32) -> Self {
        Self {
            strength,
            bright: Vec::new(),
            halo: Vec::new(),
            scratch: Vec::new(),
        }
    }
}

impl FrameOp for Glow {
    fn apply(&mut self, frame: &mut Frame, info: &FrameInfo) {
        let format = frame.format();
        let (w, h) = (format.width as usize, format.height as usize);
        let s = self.strength;
        // Stronger glows start lower and reach further.
        let knee = 150.0 - 40.0 * s;
        let radius = ((8.0 + 12.0 * s) * info.scale).round().max(1.0) as usize;
        let amount = 0.35 + 0.55 * s;
        let (y, _, _) = frame.planes_mut();
        self.bright.clear();
        self.bright.extend(
            y.iter()
                .map(|&v| clamp_u8((f32::from(v) - knee).max(0.0) * 255.0 / (235.0 - knee))),
        );
        self.halo.resize(w * h, 0);
        box_blur(
            &self.bright,
            &mut self.halo,
            w,
            h,
            radius,
            &mut self.scratch,
        );
        box_blur(
            &self.halo,
            &mut self.bright,
            w,
            h,
            radius,
            &mut self.scratch,
        );
        for (value, &light) in y.iter_mut().zip(&self.bright) {
            // Screen in video range: the light fills part of the headroom left to white.
            let v = f32::from(*value);
            let lifted = v + (235.0 - v).max(0.0) * amount * f32::from(light) / 255.0;
            *value = clamp_u8(lifted);
        }
    }
}

/// Darkened corners: a smooth radial gain, built once per frame size.
pub struct Vignette {
    strength: f32,
    format: Option<FrameFormat>,
    luma_gain: Vec<u16>,
    chroma_gain: Vec<u16>,
}

impl Vignette {
    pub fn new(strength: f32) -> Self {
        Self {
            strength,
            format: None,
            luma_gain: Vec::new(),
            chroma_gain: Vec::new(),
        }
    }

    fn gains(strength: f32, width: usize, height: usize) -> Vec<u16> {
        let mut gains = Vec::with_capacity(width * height);
        for y in 0..height {
            let dy = (y as f32 + 0.5) / height as f32 * 2.0 - 1.0;
            for x in 0..width {
                let dx = (x as f32 + 0.5) / width as f32 * 2.0 - 1.0;
                let r = (dx * dx + dy * dy).sqrt();
                let gain = 1.0 - 0.8 * strength * smoothstep(0.45, 1.45, r);
                gains.push((gain * 256.0) as u16);
            }
        }
        gains
    }
}

impl FrameOp for Vignette {
    fn apply(&mut self, frame: &mut Frame, _info: &FrameInfo) {
        let format = frame.format();
        if self.format != Some(format) {
            self.luma_gain =
                Self::gains(self.strength, format.width as usize, format.height as usize);
            self.chroma_gain = Self::gains(
                self.strength,
                format.chroma_width() as usize,
                format.chroma_height() as usize,
            );
            self.format = Some(format);
        }
        let (y, u, v) = frame.planes_mut();
        for (value, gain) in y.iter_mut().zip(&self.luma_gain) {
            *value = (16 + ((u32::from(*value).saturating_sub(16) * u32::from(*gain)) >> 8)) as u8;
        }
        for plane in [u, v] {
            for (value, gain) in plane.iter_mut().zip(&self.chroma_gain) {
                let d = i32::from(*value) - 128;
                *value = (128 + ((d * i32::from(*gain)) >> 8)) as u8;
            }
        }
    }
}

/// Unsharp mask on luma.
pub struct Sharpen {
    strength: f32,
    blurred: Vec<u8>,
    scratch: Vec<u16>,
}

impl Sharpen {
    pub fn new(strength: f32) -> Self {
        Self {
            strength,
            blurred: Vec::new(),
            scratch: Vec::new(),
        }
    }
}

impl FrameOp for Sharpen {
    fn apply(&mut self, frame: &mut Frame, info: &FrameInfo) {
        let format = frame.format();
        let (w, h) = (format.width as usize, format.height as usize);
        let radius = (info.scale.round() as usize).max(1);
        let amount = ((0.5 + 1.6 * self.strength) * 256.0) as i32;
        let (y, _, _) = frame.planes_mut();
        self.blurred.resize(y.len(), 0);
        box_blur(y, &mut self.blurred, w, h, radius, &mut self.scratch);
        for (value, blurred) in y.iter_mut().zip(&self.blurred) {
            let detail = i32::from(*value) - i32::from(*blurred);
            *value = (i32::from(*value) + ((detail * amount) >> 8)).clamp(16, 235) as u8;
        }
    }
}

/// Two box passes (close to a Gaussian) on every plane.
pub struct Blur {
    strength: f32,
    copy: Vec<u8>,
    scratch: Vec<u16>,
}

impl Blur {
    pub fn new(strength: f32) -> Self {
        Self {
            strength,
            copy: Vec::new(),
            scratch: Vec::new(),
        }
    }

    pub fn blur_frame(
        frame: &mut Frame,
        radius: usize,
        copy: &mut Vec<u8>,
        scratch: &mut Vec<u16>,
    ) {
        let format = frame.format();
        let (w, h) = (format.width as usize, format.height as usize);
        let (cw, ch) = (
            format.chroma_width() as usize,
            format.chroma_height() as usize,
        );
        let (y, u, v) = frame.planes_mut();
        for (plane, pw, ph, r) in [
            (y, w, h, radius),
            (u, cw, ch, radius.div_ceil(2)),
            (v, cw, ch, radius.div_ceil(2)),
        ] {
            box_blur_passes(plane, pw, ph, &[r; 2], copy, scratch);
        }
    }
}

impl FrameOp for Blur {
    fn apply(&mut self, frame: &mut Frame, info: &FrameInfo) {
        let radius = ((1.0 + 7.0 * self.strength) * info.scale).round().max(1.0) as usize;
        Self::blur_frame(frame, radius, &mut self.copy, &mut self.scratch);
    }
}

/// Motion-adaptive temporal denoise on all planes: static areas average over frames, moving
/// ones are left alone, so nothing smears.
pub struct Denoise {
    strength: f32,
    state: [Vec<f32>; 3],
    work: Vec<f32>,
}

impl Denoise {
    pub fn new(strength: f32) -> Self {
        Self {
            strength,
            state: Default::default(),
            work: Vec::new(),
        }
    }
}

impl FrameOp for Denoise {
    fn apply(&mut self, frame: &mut Frame, _info: &FrameInfo) {
        let threshold = 5.0 + 14.0 * self.strength;
        let keep = 0.55 + 0.35 * self.strength;
        let (y, u, v) = frame.planes_mut();
        let [sy, su, sv] = &mut self.state;
        for (plane, state, scale) in [(y, sy, 1.0), (u, su, 0.7), (v, sv, 0.7)] {
            self.work.clear();
            self.work.extend(plane.iter().map(|&p| f32::from(p)));
            temporal_smooth(state, &mut self.work, threshold * scale, keep);
            for (p, s) in plane.iter_mut().zip(&self.work) {
                *p = clamp_u8(*s);
            }
        }
    }
}

/// Old-film exposure flicker: a per-frame gain, smooth plus a little frame-to-frame jump.
pub struct Flicker {
    key: u64,
    strength: f32,
}

impl Flicker {
    pub fn new(key: u64, strength: f32) -> Self {
        Self { key, strength }
    }
}

impl FrameOp for Flicker {
    fn apply(&mut self, frame: &mut Frame, info: &FrameInfo) {
        let t = info.index as f32;
        let wave = 0.6 * smooth_noise(&[info.seed, self.key], t, 3.0)
            + 0.4 * Rng::new(&[info.seed, self.key, info.index]).signed();
        let gain = 1.0 + 0.09 * self.strength * wave;
        let mut lut = [0u8; 256];
        for (level, out) in lut.iter_mut().enumerate() {
            *out = (16.0 + (level as f32 - 16.0) * gain)
                .round()
                .clamp(16.0, 235.0) as u8;
        }
        let (y, _, _) = frame.planes_mut();
        for value in y.iter_mut() {
            *value = lut[usize::from(*value)];
        }
    }
}

/// Light leaks: the warm glow of light getting into the camera body or onto the film's edge,
/// two soft blobs of amber and red-orange sitting just outside the frame. Each drifts along
/// the border and swells and fades over a few seconds (smooth noise with knots
/// [`LEAK_PERIOD`] frames apart), so the picture never jumps between frames. Screen-blended:
/// dark parts take the glow, bright parts were already light.
pub struct LightLeaks {
    key: u64,
    strength: f32,
    columns: Vec<f32>,
    rows: Vec<f32>,
}

/// Frames between a leak's knots of motion and brightness: about two seconds.
const LEAK_PERIOD: f32 = 48.0;
/// The leaks' colours (sRGB): amber and a red-orange, as on film.
const LEAK_COLOURS: [[u8; 3]; 2] = [[255, 160, 60], [255, 85, 40]];

impl LightLeaks {
    pub fn new(key: u64, strength: f32) -> Self {
        Self {
            key,
            strength,
            columns: Vec::new(),
            rows: Vec::new(),
        }
    }

    /// Leak `which`'s centre (fractions of the frame, just outside it), spread (a fraction
    /// of the long side) and brightness (0-1) at frame `t`.
    fn leak(&self, seed: u64, which: u64, t: f32) -> ((f32, f32), f32, f32) {
        let noise =
            |channel: u64, period: f32| smooth_noise(&[seed, self.key, which, channel], t, period);
        // Each leak keeps to its own side of the frame (left or right, from the seed) and
        // wanders up and down it.
        let side = if (Rng::new(&[seed, self.key]).next_u64() ^ which) & 1 == 0 {
            0.0
        } else {
            std::f32::consts::PI
        };
        let angle = side + 0.9 * noise(1, LEAK_PERIOD * 1.5);
        let centre = (0.5 + 0.62 * angle.cos(), 0.5 + 0.62 * angle.sin());
        let spread = 0.22 + 0.06 * noise(2, LEAK_PERIOD);
        let brightness = (0.6 + 0.4 * noise(3, LEAK_PERIOD)).clamp(0.0, 1.0);
        (centre, spread, brightness)
    }

    /// How much of the leak `(centre, spread)` reaches each of `n` positions along one axis
    /// (`length` pixels, the spread taken of `long`): one factor of a separable Gaussian.
    fn profile(out: &mut Vec<f32>, n: usize, length: usize, long: f32, centre: f32, spread: f32) {
        let sigma = spread * long;
        let scale = length as f32 / n as f32;
        out.clear();
        out.extend((0..n).map(|i| {
            let d = ((i as f32 + 0.5) * scale - centre * length as f32) / sigma;
            (-0.5 * d * d).exp()
        }));
    }
}

impl FrameOp for LightLeaks {
    fn apply(&mut self, frame: &mut Frame, info: &FrameInfo) {
        let format = frame.format();
        let (w, h) = (format.width as usize, format.height as usize);
        let long = w.max(h) as f32;
        let t = info.index as f32;
        let leaks: Vec<_> = (0..LEAK_COLOURS.len() as u64)
            .map(|which| self.leak(info.seed, which, t))
            .collect();
        let (y_plane, u_plane, v_plane) = frame.planes_mut();
        // Luma at full size, chroma at its own; each plane's alpha is the sum over the leaks of
        // a column factor times a row factor.
        let planes: [(&mut [u8], usize, usize, usize); 3] = [
            (y_plane, w, h, 0),
            (
                u_plane,
                format.chroma_width() as usize,
                format.chroma_height() as usize,
                1,
            ),
            (
                v_plane,
                format.chroma_width() as usize,
                format.chroma_height() as usize,
                2,
            ),
        ];
        for (plane, pw, ph, channel) in planes {
            for (which, &((cx, cy), spread, brightness)) in leaks.iter().enumerate() {
                let [ly, lu, lv] = rgb_to_yuv(LEAK_COLOURS[which]);
                let amount = 0.85 * self.strength * brightness;
                Self::profile(&mut self.columns, pw, w, long, cx, spread);
                Self::profile(&mut self.rows, ph, h, long, cy, spread);
                for (row, &ry) in plane.chunks_mut(pw).zip(&self.rows) {
                    let row_amount = amount * ry;
                    if row_amount < 1e-3 {
                        continue;
                    }
                    for (value, &cx) in row.iter_mut().zip(&self.columns) {
                        let alpha = row_amount * cx;
                        let p = f32::from(*value);
                        *value = clamp_u8(match channel {
                            // Screen (video range): what is dark takes the leak's light,
                            // white stays white.
                            0 => p + alpha * (ly - 16.0) * (235.0 - p).max(0.0) / 219.0,
                            1 => p + alpha * (lu - p),
                            _ => p + alpha * (lv - p),
                        });
                    }
                }
            }
        }
    }
}

/// Frames a scratch lasts: film scratches run along the strip, so one stays in place (and
/// drifts a little) for many frames before the projector's next damage.
const SCRATCH_FRAMES: u64 = 8;

/// Worn film: a few vertical scratches per stretch of [`SCRATCH_FRAMES`] frames, each
/// drifting sideways and flickering in strength, light or dark (a scratch through the
/// emulsion prints white, one on the base dark), and dust specks new every frame. Luma only:
/// damage on a black-and-white or colour print alike reads as light and dark. Dark damage
/// cannot show on black, so on a dark picture the scratches print light, and each speck of
/// dust takes the shade that stands out from where it lands (on a night scene the specks
/// had all but vanished: 70 % of them were dark).
pub struct Scratches {
    key: u64,
    strength: f32,
}

impl Scratches {
    pub fn new(key: u64, strength: f32) -> Self {
        Self { key, strength }
    }
}

impl FrameOp for Scratches {
    fn apply(&mut self, frame: &mut Frame, info: &FrameInfo) {
        let format = frame.format();
        let (w, h) = (format.width as usize, format.height as usize);
        let (y, _, _) = frame.planes_mut();
        let s = self.strength;
        let size = info.scale.max(0.5);
        let stretch = info.index / SCRATCH_FRAMES;
        let age = (info.index % SCRATCH_FRAMES) as f32;
        let mut rng = Rng::new(&[info.seed, self.key, stretch, 0]);
        let count = (1.0 + 3.0 * s * rng.next_f32()).round() as usize;
        let dark_picture = mean_of_every_eighth(y) < DARK_PICTURE;
        for k in 0..count {
            let mut scratch = Rng::new(&[info.seed, self.key, stretch, 1 + k as u64]);
            let x0 = scratch.next_f32() * w as f32;
            let drift = scratch.signed() * 0.6 * size;
            let top = (scratch.next_f32() * 0.5 * h as f32) as usize;
            let bottom = h - (scratch.next_f32() * 0.3 * h as f32) as usize;
            let light = scratch.next_f32() < 0.6 || dark_picture;
            let sign = if light { 1.0 } else { -1.0 };
            let half_width = (0.5 + scratch.next_f32()) * size;
            // Each frame the scratch catches the light a little differently.
            let mut now = Rng::new(&[info.seed, self.key, info.index, 1 + k as u64]);
            let depth = (18.0 + 40.0 * s) * (0.6 + 0.4 * now.next_f32()) * sign;
            let centre = x0 + drift * age;
            let first = (centre - half_width - 1.0).floor().max(0.0) as usize;
            let last = ((centre + half_width + 1.0).ceil() as usize).min(w);
            for row in top..bottom {
                // A scratch is not perfectly straight: it wavers by a fraction of a pixel.
                let waver = 0.3 * size * ((row as f32) * 0.05 + x0).sin();
                for x in first..last {
                    let off = (x as f32 + 0.5 - centre - waver).abs();
                    let weight = (1.0 - (off - half_width).max(0.0)).clamp(0.0, 1.0);
                    if weight > 0.0 {
                        let p = &mut y[row * w + x];
                        *p = clamp_u8(f32::from(*p) + depth * weight);
                    }
                }
            }
        }
        // Dust: specks of a few pixels, a new set every frame.
        let mut dust = Rng::new(&[info.seed, self.key, info.index, 0xD057]);
        let specks = (3.0 + 20.0 * s * dust.next_f32()).round() as usize;
        for _ in 0..specks {
            let (cx, cy) = (dust.next_f32() * w as f32, dust.next_f32() * h as f32);
            let radius = (1.0 + 3.5 * dust.next_f32() * dust.next_f32()) * size;
            let under = y[(cy as usize).min(h - 1) * w + (cx as usize).min(w - 1)];
            let dark = match under {
                level if level < DARK_PICTURE as u8 => false,
                level if level > 190 => true,
                _ => dust.next_f32() < 0.7,
            };
            let depth = (30.0 + 50.0 * s) * if dark { -1.0 } else { 1.0 };
            let rows = (cy - radius - 1.0).max(0.0) as usize..((cy + radius + 1.0) as usize).min(h);
            let columns =
                (cx - radius - 1.0).max(0.0) as usize..((cx + radius + 1.0) as usize).min(w);
            for row in rows {
                for x in columns.clone() {
                    let d =
                        ((x as f32 + 0.5 - cx).powi(2) + (row as f32 + 0.5 - cy).powi(2)).sqrt();
                    let weight = (radius + 0.5 - d).clamp(0.0, 1.0);
                    if weight > 0.0 {
                        let p = &mut y[row * w + x];
                        *p = clamp_u8(f32::from(*p) + depth * weight);
                    }
                }
            }
        }
    }
}

/// Luma level below which dark film damage would not show.
const DARK_PICTURE: f32 = 70.0;

/// The mean of every eighth sample: a picture's brightness, cheaply.
fn mean_of_every_eighth(plane: &[u8]) -> f32 {
    let (sum, n) = plane
        .iter()
        .step_by(8)
        .fold((0u64, 0u64), |(sum, n), &v| (sum + u64::from(v), n + 1));
    sum as f32 / n.max(1) as f32
}

/// Film gate weave: the whole picture wanders by a pixel or two, mostly vertically, as film
/// does in a worn projector gate. Edges revealed by the shift repeat the border.
pub struct GateWeave {
    key: u64,
    strength: f32,
    copy: Vec<u8>,
}

impl GateWeave {
    pub fn new(key: u64, strength: f32) -> Self {
        Self {
            key,
            strength,
            copy: Vec::new(),
        }
    }
}

/// Moves a plane by (dx, dy), repeating the border.
fn shift_plane(
    plane: &mut [u8],
    copy: &mut Vec<u8>,
    width: usize,
    height: usize,
    dx: isize,
    dy: isize,
) {
    copy.clear();
    copy.extend_from_slice(plane);
    for y in 0..height {
        let sy = (y as isize - dy).clamp(0, height as isize - 1) as usize;
        let src = &copy[sy * width..(sy + 1) * width];
        let dst = &mut plane[y * width..(y + 1) * width];
        shift_row(src, dst, dx);
    }
}

/// Digital glitch: in bursts a few frames long (a third of the frames at the default
/// strength), horizontal slices of the picture tear sideways and the colour planes split
/// apart (Cb one way, Cr the other). Between bursts the frames are the source's. Like 8mm
/// flicker, the disturbance over time is the effect asked for; it comes from the seed, so
/// the same seed gives the same glitches.
pub struct Glitch {
    key: u64,
    strength: f32,
    copy: Vec<u8>,
}

impl Glitch {
    pub fn new(key: u64, strength: f32) -> Self {
        Self {
            key,
            strength,
            copy: Vec::new(),
        }
    }

    /// How hard frame `index` glitches, 0 (not at all) to 1. Every half second (12 frames)
    /// holds one burst of 2-6 frames (by strength) at a random place, its first and last
    /// frames weaker: the share of glitched frames is steady, the timing random.
    fn burst(&self, info: &FrameInfo) -> f32 {
        const WINDOW: u64 = 12;
        let length = (2.0 + 4.0 * self.strength.clamp(0.0, 1.0)).round() as u64;
        let mut rng = Rng::new(&[info.seed, self.key, 1, info.index / WINDOW]);
        let start = (rng.next_f32() * (WINDOW - length + 1) as f32) as u64;
        let at = info.index % WINDOW;
        if at < start || at >= start + length {
            0.0
        } else if at == start || at + 1 == start + length {
            0.6
        } else {
            1.0
        }
    }
}

impl FrameOp for Glitch {
    fn apply(&mut self, frame: &mut Frame, info: &FrameInfo) {
        let g = self.burst(info);
        if g <= 0.0 {
            return;
        }
        let s = self.strength.clamp(0.0, 1.0);
        let format = frame.format();
        let (w, h) = (format.width as usize, format.height as usize);
        let (cw, ch) = (
            format.chroma_width() as usize,
            format.chroma_height() as usize,
        );
        let mut rng = Rng::new(&[info.seed, self.key, info.index]);
        let (py, pu, pv) = frame.planes_mut();
        let slices = (2.0 + 6.0 * s * g).round() as usize;
        for _ in 0..slices {
            let top = (rng.next_f32() * h as f32) as usize;
            let height = ((4.0 + 36.0 * rng.next_f32()) * info.scale).round() as usize;
            let offset = (rng.signed() * (8.0 + 60.0 * s * g) * info.scale).round() as isize;
            // The torn slice, as a plane of its own rows.
            let (top, bottom) = (top.min(h), (top + height).min(h));
            shift_plane(
                &mut py[top * w..bottom * w],
                &mut self.copy,
                w,
                bottom - top,
                offset,
                0,
            );
            let (top, bottom) = ((top / 2).min(ch), bottom.div_ceil(2).min(ch));
            for plane in [&mut *pu, &mut *pv] {
                shift_plane(
                    &mut plane[top * cw..bottom * cw],
                    &mut self.copy,
                    cw,
                    bottom - top,
                    offset / 2,
                    0,
                );
            }
        }
        let split = ((1.0 + 3.0 * s * g) * info.scale).round() as isize;
        shift_plane(pu, &mut self.copy, cw, ch, split, 0);
        shift_plane(pv, &mut self.copy, cw, ch, -split, 0);
    }
}

fn shift_row(src: &[u8], dst: &mut [u8], dx: isize) {
    let width = src.len();
    let d = dx.unsigned_abs().min(width);
    if dx >= 0 {
        dst[d..].copy_from_slice(&src[..width - d]);
        dst[..d].fill(src[0]);
    } else {
        dst[..width - d].copy_from_slice(&src[d..]);
        dst[width - d..].fill(src[width - 1]);
    }
}

impl FrameOp for GateWeave {
    fn apply(&mut self, frame: &mut Frame, info: &FrameInfo) {
        let t = info.index as f32;
        let amplitude = (0.8 + 2.4 * self.strength) * info.scale;
        let mut jolt = Rng::new(&[info.seed, self.key, info.index]);
        let dy = amplitude
            * (0.75 * smooth_noise(&[info.seed, self.key, 1], t, 5.0) + 0.25 * jolt.signed());
        let dx = 0.4
            * amplitude
            * (0.75 * smooth_noise(&[info.seed, self.key, 2], t, 7.0) + 0.25 * jolt.signed());
        let (dx, dy) = (dx.round() as isize, dy.round() as isize);
        if dx == 0 && dy == 0 {
            return;
        }
        let format = frame.format();
        let (w, h) = (format.width as usize, format.height as usize);
        let (cw, ch) = (
            format.chroma_width() as usize,
            format.chroma_height() as usize,
        );
        let (y, u, v) = frame.planes_mut();
        shift_plane(y, &mut self.copy, w, h, dx, dy);
        shift_plane(u, &mut self.copy, cw, ch, dx / 2, dy / 2);
        shift_plane(v, &mut self.copy, cw, ch, dx / 2, dy / 2);
    }
}

/// VHS tape: soft luma, smeared and offset chroma (tape's narrow colour bandwidth), lifted
/// blacks, scanlines, tape noise, per-line horizontal jitter and a drifting tracking band.
pub struct Vhs {
    key: u64,
    strength: f32,
    row: Vec<u8>,
    chroma: Vec<u8>,
}

impl Vhs {
    pub fn new(key: u64, strength: f32) -> Self {
        Self {
            key,
            strength,
            row: Vec::new(),
            chroma: Vec::new(),
        }
    }
}

impl FrameOp for Vhs {
    fn apply(&mut self, frame: &mut Frame, info: &FrameInfo) {
        let s = self.strength;
        let format = frame.format();
        let (w, h) = (format.width as usize, format.height as usize);
        let cw = format.chroma_width() as usize;
        let t = info.index as f32;
        let jitter = (0.6 + 1.6 * s) * info.scale;
        // The tracking band drifts down the picture over a few seconds.
        let band_centre = (0.5 + 0.5 * smooth_noise(&[info.seed, self.key, 9], t, 90.0)) * h as f32;
        let band_half = 0.025 * h as f32;
        let line_period = (2.0 * info.scale).round().max(2.0) as usize;
        let scan_gain = (256.0 * (1.0 - 0.12 * s)) as u32;
        let lift = 6.0 * s;
        let mut noise = Rng::new(&[info.seed, self.key, info.index]);
        let (py, pu, pv) = frame.planes_mut();

        let mut offsets = Vec::with_capacity(h);
        for y in 0..h {
            let band = 1.0 - ((y as f32 - band_centre).abs() / band_half).min(1.0);
            let wobble = smooth_noise(
                &[info.seed, self.key, info.index],
                y as f32,
                24.0 * info.scale,
            );
            offsets.push((jitter * (wobble + 6.0 * band * noise.signed())).round() as isize);
        }
        for (y, row) in py.chunks_mut(w).enumerate() {
            // Soften: [1 2 1] horizontally, then shift.
            self.row.clear();
            self.row.extend_from_slice(row);
            for (x, value) in row.iter_mut().enumerate() {
                let l = self.row[x.saturating_sub(1)];
                let r = self.row[(x + 1).min(w - 1)];
                *value = ((u16::from(l) + 2 * u16::from(self.row[x]) + u16::from(r) + 2) / 4) as u8;
            }
            self.row.copy_from_slice(row);
            shift_row(&self.row, row, offsets[y]);
            let band = 1.0 - ((y as f32 - band_centre).abs() / band_half).min(1.0);
            let sigma = (2.0 + 5.0 * s + 25.0 * band) * info.scale.sqrt().min(1.5);
            let mut rng = Rng::new(&[info.seed, self.key, info.index, y as u64]);
            let scan = (y / (line_period / 2)) % 2 == 1;
            for value in row.iter_mut() {
                let mut v = lift
                    + f32::from(*value) * (1.0 - 0.04 * s)
                    + sigma * (rng.signed() + rng.signed()) * 0.7;
                if scan {
                    v = 16.0 + (v - 16.0) * scan_gain as f32 / 256.0;
                }
                *value = v.round().clamp(16.0, 235.0) as u8;
            }
        }
        // Chroma: wide horizontal smear, shifted right, a touch more saturated.
        let smear = ((2.0 + 5.0 * s) * info.scale / 2.0).round().max(1.0) as usize;
        let shift = ((1.0 + 2.0 * s) * info.scale).round() as isize;
        for plane in [pu, pv] {
            self.chroma.resize(plane.len(), 0);
            box_blur_rows(plane, &mut self.chroma, cw, smear);
            for (y, row) in plane.chunks_mut(cw).enumerate() {
                let src = &self.chroma[y * cw..(y + 1) * cw];
                shift_row(src, row, shift + offsets[(2 * y).min(h - 1)] / 2);
                for value in row.iter_mut() {
                    *value = clamp_u8(128.0 + (f32::from(*value) - 128.0) * (1.0 + 0.15 * s));
                }
            }
        }
    }
}

/// Horizontal-only box blur (the vertical radius is 0).
fn box_blur_rows(src: &[u8], dst: &mut [u8], width: usize, r: usize) {
    let window = (2 * r + 1) as u32;
    for (row, out) in src.chunks(width).zip(dst.chunks_mut(width)) {
        let at = |i: isize| u32::from(row[i.clamp(0, width as isize - 1) as usize]);
        let mut sum: u32 = (-(r as isize)..=r as isize).map(at).sum();
        for (x, o) in out.iter_mut().enumerate() {
            *o = ((sum + window / 2) / window) as u8;
            let x = x as isize;
            sum = sum + at(x + r as isize + 1) - at(x - r as isize);
        }
    }
}

/// Lateral chromatic aberration, as a cheap lens shows it: red is magnified a little more
/// than green about the centre and blue a little less, so edges get a red fringe on one
/// side and a blue one on the other, widening towards the corners. Done in RGB (BT.709,
/// video range): the frame is converted once, then each output sample takes red from
/// further out and blue from further in.
pub struct ChromaticAberration {
    strength: f32,
    red: Vec<u8>,
    green: Vec<u8>,
    blue: Vec<u8>,
}

impl ChromaticAberration {
    pub fn new(strength: f32) -> Self {
        Self {
            strength,
            red: Vec::new(),
            green: Vec::new(),
            blue: Vec::new(),
        }
    }
}

/// Bilinear sample of a `w` x `h` plane, clamped at the edges.
#[inline]
fn bilinear(plane: &[u8], w: usize, h: usize, x: f32, y: f32) -> f32 {
    let x = x.clamp(0.0, (w - 1) as f32);
    let y = y.clamp(0.0, (h - 1) as f32);
    let (x0, y0) = (x as usize, y as usize);
    let (x1, y1) = ((x0 + 1).min(w - 1), (y0 + 1).min(h - 1));
    let (fx, fy) = (x - x0 as f32, y - y0 as f32);
    let p = |xx: usize, yy: usize| f32::from(plane[yy * w + xx]);
    let top = p(x0, y0) + fx * (p(x1, y0) - p(x0, y0));
    let bottom = p(x0, y1) + fx * (p(x1, y1) - p(x0, y1));
    top + fy * (bottom - top)
}

impl FrameOp for ChromaticAberration {
    fn apply(&mut self, frame: &mut Frame, _info: &FrameInfo) {
        use rayon::prelude::*;
        let format = frame.format();
        let (w, h) = (format.width as usize, format.height as usize);
        let cw = format.chroma_width() as usize;
        for plane in [&mut self.red, &mut self.green, &mut self.blue] {
            plane.resize(w * h, 0);
        }
        {
            let (y_plane, u_plane, v_plane) = (frame.y(), frame.u(), frame.v());
            self.red
                .par_chunks_mut(w)
                .zip(self.green.par_chunks_mut(w))
                .zip(self.blue.par_chunks_mut(w))
                .enumerate()
                .for_each(|(y, ((r_row, g_row), b_row))| {
                    let (u_row, v_row) = (&u_plane[y / 2 * cw..], &v_plane[y / 2 * cw..]);
                    for x in 0..w {
                        let l = 1.1644 * (f32::from(y_plane[y * w + x]) - 16.0);
                        let (cb, cr) = (
                            f32::from(u_row[x / 2]) - 128.0,
                            f32::from(v_row[x / 2]) - 128.0,
                        );
                        r_row[x] = clamp_u8(l + 1.7927 * cr);
                        g_row[x] = clamp_u8(l - 0.2132 * cb - 0.5329 * cr);
                        b_row[x] = clamp_u8(l + 2.1124 * cb);
                    }
                });
        }
        // Red's magnification over green's: up to 1.6% at full strength, a shift of about
        // 12 px in the corners of a 1280x720 frame.
        let k = 0.004 + 0.012 * self.strength;
        let (cx, cy) = (w as f32 / 2.0, h as f32 / 2.0);
        let (red, green, blue) = (&self.red, &self.green, &self.blue);
        // Red from further out, blue from further in, at luma position (x, y).
        let fringes = |x: f32, y: f32| {
            let (dx, dy) = (x - cx, y - cy);
            (
                bilinear(red, w, h, cx + dx * (1.0 + k), cy + dy * (1.0 + k)),
                bilinear(blue, w, h, cx + dx * (1.0 - k), cy + dy * (1.0 - k)),
            )
        };
        let luma_of = |r: f32, g: f32, b: f32| 0.2126 * r + 0.7152 * g + 0.0722 * b;
        let (y_plane, u_plane, v_plane) = frame.planes_mut();
        y_plane.par_chunks_mut(w).enumerate().for_each(|(y, row)| {
            for (x, value) in row.iter_mut().enumerate() {
                let (r, b) = fringes(x as f32, y as f32);
                let l = luma_of(r, f32::from(green[y * w + x]), b);
                *value = clamp_u8(16.0 + l * (219.0 / 255.0));
            }
        });
        u_plane
            .par_chunks_mut(cw)
            .zip(v_plane.par_chunks_mut(cw))
            .enumerate()
            .for_each(|(y, (u_row, v_row))| {
                for x in 0..u_row.len() {
                    let (r, b) = fringes(2.0 * x as f32 + 0.5, 2.0 * y as f32 + 0.5);
                    let (x0, y0) = ((2 * x).min(w - 1), (2 * y).min(h - 1));
                    let (x1, y1) = ((x0 + 1).min(w - 1), (y0 + 1).min(h - 1));
                    let g = (f32::from(green[y0 * w + x0])
                        + f32::from(green[y0 * w + x1])
                        + f32::from(green[y1 * w + x0])
                        + f32::from(green[y1 * w + x1]))
                        / 4.0;
                    let l = luma_of(r, g, b);
                    u_row[x] = clamp_u8(128.0 + (b - l) / 1.8556 * (224.0 / 255.0));
                    v_row[x] = clamp_u8(128.0 + (r - l) / 1.5748 * (224.0 / 255.0));
                }
            });
    }
}

/// Black bars above and below, leaving a picture `ratio` times as wide as it is high (none
/// when the frame is already that wide).
pub struct Letterbox {
    ratio: f32,
}

impl Letterbox {
    pub fn new(ratio: f32) -> Self {
        Self { ratio }
    }
}

impl FrameOp for Letterbox {
    fn apply(&mut self, frame: &mut Frame, _info: &FrameInfo) {
        let format = frame.format();
        let (w, h) = (format.width as usize, format.height as usize);
        let picture = ((w as f32 / self.ratio).round() as usize).min(h);
        // Even, so the bars end on a chroma row.
        let bar = (h - picture) / 4 * 2;
        if bar == 0 {
            return;
        }
        let cw = format.chroma_width() as usize;
        let (y, u, v) = frame.planes_mut();
        y[..bar * w].fill(16);
        y[(h - bar) * w..].fill(16);
        let (top, bottom) = (bar / 2 * cw, (h - bar) / 2 * cw);
        for plane in [u, v] {
            plane[..top].fill(128);
            plane[bottom..].fill(128);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grey(format: FrameFormat) -> Frame {
        let mut frame = Frame::new(format);
        frame.planes_mut().0.fill(126);
        frame
    }

    #[test]
    fn glitch_tears_some_frames_and_leaves_the_rest() {
        let format = FrameFormat::new(64, 48);
        let mut source = Frame::new(format);
        {
            let (y, u, v) = source.planes_mut();
            for (k, value) in y.iter_mut().enumerate() {
                *value = (16 + (k % 64) * 3) as u8;
            }
            for (k, value) in u.iter_mut().enumerate() {
                *value = (100 + (k % 32) * 2) as u8;
            }
            v.fill(150);
        }
        let render = |seed: u64| -> Vec<Frame> {
            let mut glitch = Glitch::new(5, 0.6);
            (0..48u64)
                .map(|index| {
                    let mut frame = source.clone();
                    let info = FrameInfo {
                        index,
                        seed,
                        scale: 1.0,
                    };
                    glitch.apply(&mut frame, &info);
                    frame
                })
                .collect()
        };
        let frames = render(7);
        let changed = frames
            .iter()
            .filter(|frame| frame.as_bytes() != source.as_bytes())
            .count();
        assert!(
            (5..=40).contains(&changed),
            "{changed} of 48 frames glitched"
        );
        assert!(frames
            .iter()
            .zip(render(7))
            .all(|(a, b)| a.as_bytes() == b.as_bytes()));
        assert!(frames
            .iter()
            .zip(render(8))
            .any(|(a, b)| a.as_bytes() != b.as_bytes()));
    }

    #[test]
    fn grain_differs_per_frame_and_repeats_per_seed() {
        let format = FrameFormat::new(64, 48);
        let info = |index| FrameInfo {
            index,
            seed: 5,
            scale: 1.0,
        };
        let run = |index| {
            let mut frame = grey(format);
            Grain::new(3, 0.6, 1.0).apply(&mut frame, &info(index));
            frame
        };
        assert_eq!(run(0), run(0));
        assert_ne!(run(0), run(1));
        let frame = run(0);
        let mean = frame.y().iter().map(|&v| f64::from(v)).sum::<f64>() / frame.y().len() as f64;
        let var = frame
            .y()
            .iter()
            .map(|&v| (f64::from(v) - mean).powi(2))
            .sum::<f64>()
            / frame.y().len() as f64;
        assert!(
            (mean - 126.0).abs() < 1.0 && var.sqrt() > 4.0,
            "mean {mean} std {}",
            var.sqrt()
        );
    }

    #[test]
    fn vignette_darkens_corners_only() {
        let format = FrameFormat::new(64, 48);
        let mut frame = grey(format);
        Vignette::new(0.8).apply(
            &mut frame,
            &FrameInfo {
                index: 0,
                seed: 0,
                scale: 1.0,
            },
        );
        assert_eq!(frame.y()[24 * 64 + 32], 126);
        assert!(frame.y()[0] < 80);
    }

    #[test]
    fn shifting_repeats_the_border() {
        let src = [1, 2, 3, 4];
        let mut dst = [0; 4];
        shift_row(&src, &mut dst, 1);
        assert_eq!(dst, [1, 1, 2, 3]);
        shift_row(&src, &mut dst, -2);
        assert_eq!(dst, [3, 4, 4, 4]);
    }

    #[test]
    fn glow_spreads_light_around_highlights_and_leaves_the_dark_alone() {
        // A dark 200x120 frame with a bright 20x20 square in the middle.
        let format = FrameFormat::new(200, 120);
        let mut frame = Frame::new(format);
        {
            let (y, u, v) = frame.planes_mut();
            y.fill(40);
            for row in 50..70 {
                y[row * 200 + 90..row * 200 + 110].fill(230);
            }
            u.fill(140);
            v.fill(120);
        }
        let info = FrameInfo {
            index: 0,
            seed: 0,
            scale: 1.0,
        };
        Glow::new(0.6).apply(&mut frame, &info);
        let y = frame.y();
        let at = |x: usize, row: usize| y[row * 200 + x];
        assert!(
            at(100, 60) >= 230 && at(100, 60) <= 235,
            "highlight {}",
            at(100, 60)
        );
        assert!(
            at(115, 60) > 55,
            "just outside the highlight: {}",
            at(115, 60)
        );
        assert!(at(130, 60) > 42, "further out: {}", at(130, 60));
        assert!(at(115, 60) > at(130, 60), "the glow falls off");
        assert_eq!(at(2, 2), 40, "a dark corner far from the light");
        assert!(frame.u().iter().all(|&c| c == 140) && frame.v().iter().all(|&c| c == 120));
    }
}
