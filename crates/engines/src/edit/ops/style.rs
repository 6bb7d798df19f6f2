//! Stylisation: cartoon / comic, pencil sketch, oil paint, watercolour, posterize, pixel art,
//! halftone print.
//!
//! Temporal stability is designed in, not hoped for: every style first runs the frame through
//! a motion-adaptive temporal smoother (static areas stop shimmering, moving ones are
//! untouched), quantisation uses soft band edges (a pixel near a threshold moves a little,
//! it does not jump a whole level), and pixel art keeps each block's colour until the block
//! really changes (hysteresis).

use rayon::prelude::*;
use recut_media::{Frame, FrameFormat};

use super::filters::{
    box_blur, clamp_u8, domain_transform, temporal_smooth, to_video_luma, upsample_bilinear,
    HalfRes, Rng, PARALLEL_CHUNK,
};
use super::{smoothstep, FrameInfo, FrameOp};

/// Soft quantisation of `value` (0..=range) into `levels` flat bands; within `band` (a
/// fraction of a step) of a boundary the output ramps smoothly to the next level.
fn soft_quantise(value: f32, levels: f32, range: f32, band: f32) -> f32 {
    let step = range / levels;
    let t = (value / step).clamp(0.0, levels - 1e-3);
    // `t` is never negative, so truncation is the floor (without a libm call).
    let k = t as u32 as f32;
    let frac = t - k;
    let ramp = smoothstep(1.0 - band, 1.0, frac);
    let level = (k + ramp).min(levels - 1.0);
    // Spread the levels so the lowest is black and the highest is white.
    level / (levels - 1.0) * range
}

/// Rounds a signed offset to multiples of `step`, with soft band edges as [`soft_quantise`].
/// Zero is a level, so a neutral colour stays neutral: chroma quantised from black up put
/// greys halfway between two levels, and a grey street came out purple and brown.
fn soft_quantise_signed(value: f32, step: f32, band: f32) -> f32 {
    let t = value.abs() / step + 0.5;
    let k = t as u32 as f32;
    let level = k + smoothstep(1.0 - band, 1.0, t - k);
    value.signum() * level * step
}

/// Quantised chroma for every (Cb, Cr) pair, indexed by `cb * 256 + cr`: the distance from
/// neutral, times `gain`, rounded to multiples of `radius_step`, and (with `hue_sectors`) the
/// hue rounded to that many sectors, both with soft band edges. Quantising Cb and Cr each on
/// its own moved hues: a beige lamp-lit street came out yellow-green in one band and grey in
/// the next.
fn polar_chroma_table(
    gain: f32,
    radius_step: f32,
    hue_sectors: Option<f32>,
    band: f32,
) -> Vec<[u8; 2]> {
    let mut table = Vec::with_capacity(256 * 256);
    for cb in 0..256 {
        for cr in 0..256 {
            let (du, dv) = ((cb as f32 - 128.0) * gain, (cr as f32 - 128.0) * gain);
            let radius = soft_quantise_signed(du.hypot(dv), radius_step, band);
            let mut angle = dv.atan2(du);
            if let Some(sectors) = hue_sectors {
                let sector = std::f32::consts::TAU / sectors;
                angle = soft_quantise_signed(angle, sector, band);
            }
            let (sin, cos) = angle.sin_cos();
            table.push([
                (128.0 + radius * cos).round().clamp(16.0, 240.0) as u8,
                (128.0 + radius * sin).round().clamp(16.0, 240.0) as u8,
            ]);
        }
    }
    table
}

/// Sobel gradient magnitude of a plane.
fn gradient(src: &[f32], width: usize, height: usize, out: &mut Vec<f32>) {
    out.clear();
    out.resize(width * height, 0.0);
    out.par_chunks_mut(width).enumerate().for_each(|(y, row)| {
        let up = y.saturating_sub(1) * width;
        let mid = y * width;
        let down = (y + 1).min(height - 1) * width;
        for (x, value) in row.iter_mut().enumerate() {
            let l = x.saturating_sub(1);
            let r = (x + 1).min(width - 1);
            let gx = (src[up + r] + 2.0 * src[mid + r] + src[down + r])
                - (src[up + l] + 2.0 * src[mid + l] + src[down + l]);
            let gy = (src[down + l] + 2.0 * src[down + x] + src[down + r])
                - (src[up + l] + 2.0 * src[up + x] + src[up + r]);
            *value = (gx * gx + gy * gy).sqrt() * 0.25;
        }
    });
}

/// 3x3 maximum, to thicken lines.
fn dilate(src: &[f32], width: usize, height: usize) -> Vec<f32> {
    let mut out = vec![0.0; width * height];
    out.par_chunks_mut(width).enumerate().for_each(|(y, row)| {
        for (x, value) in row.iter_mut().enumerate() {
            let mut m = 0.0f32;
            for yy in y.saturating_sub(1)..=(y + 1).min(height - 1) {
                for xx in x.saturating_sub(1)..=(x + 1).min(width - 1) {
                    m = m.max(src[yy * width + xx]);
                }
            }
            *value = m;
        }
    });
    out
}

/// Temporal smoothing state for the half-resolution planes.
#[derive(Default)]
struct Stabiliser {
    y: Vec<f32>,
    u: Vec<f32>,
    v: Vec<f32>,
}

impl Stabiliser {
    fn apply(&mut self, half: &mut HalfRes) {
        temporal_smooth(&mut self.y, &mut half.y, 12.0, 0.7);
        temporal_smooth(&mut self.u, &mut half.u, 8.0, 0.7);
        temporal_smooth(&mut self.v, &mut half.v, 8.0, 0.7);
    }
}

/// Cartoon / anime / cel / comic: edge-preserving flattening (domain transform), soft colour
/// quantisation, saturated colour and dark outlines from the gradient of the flattened
/// picture (so texture and noise do not draw lines). Comic: fewer levels, heavier lines.
pub struct Cartoon {
    strength: f32,
    comic: bool,
    stabiliser: Stabiliser,
    grad: Vec<f32>,
    chroma: Vec<[u8; 2]>,
}

impl Cartoon {
    pub fn new(strength: f32, comic: bool) -> Self {
        let saturation = if comic {
            1.35
        } else {
            1.1 + 0.15 * strength.clamp(0.0, 1.0)
        };
        Self {
            strength,
            comic,
            stabiliser: Stabiliser::default(),
            grad: Vec::new(),
            chroma: polar_chroma_table(saturation, 16.0, None, 0.15),
        }
    }
}

impl FrameOp for Cartoon {
    fn apply(&mut self, frame: &mut Frame, info: &FrameInfo) {
        let s = self.strength;
        let mut half = HalfRes::from_frame(frame);
        self.stabiliser.apply(&mut half);
        let (hw, hh) = (half.width, half.height);
        let mut channels = vec![half.y, half.u, half.v];
        let sigma_s = (8.0 + 10.0 * s) * info.scale;
        domain_transform(&mut channels, hw, hh, sigma_s, 45.0, 3);
        let [y, u, v]: [Vec<f32>; 3] = channels.try_into().expect("three channels");

        gradient(&y, hw, hh, &mut self.grad);
        let (t0, t1) = if self.comic { (5.0, 14.0) } else { (7.0, 18.0) };
        let mut edges: Vec<f32> = self
            .grad
            .par_iter()
            .with_min_len(PARALLEL_CHUNK)
            .map(|&g| smoothstep(t0, t1, g))
            .collect();
        if self.comic {
            edges = dilate(&edges, hw, hh);
        }
        let levels = if self.comic {
            5.0
        } else {
            (9.0 - 4.0 * s).round().max(4.0)
        };
        let line = if self.comic { 0.95 } else { 0.85 };
        let out_y: Vec<f32> = y
            .par_iter()
            .zip(&edges)
            .with_min_len(PARALLEL_CHUNK)
            .map(|(&value, &edge)| {
                // Bands are spaced evenly in the square root of luma, so dark footage keeps
                // its shading instead of collapsing into one band.
                let l = ((value - 16.0) / 219.0).clamp(0.0, 1.0).sqrt();
                let q = soft_quantise(l, levels, 1.0, 0.15);
                let shaded = 16.0 + 219.0 * q * q;
                16.0 + (shaded - 16.0) * (1.0 - line * edge)
            })
            .collect();
        let format = frame.format();
        let (w, h) = (format.width as usize, format.height as usize);
        let (py, pu, pv) = frame.planes_mut();
        upsample_bilinear(&out_y, hw, hh, py, w, h, to_video_luma);
        let table = &self.chroma;
        pu.par_chunks_mut(PARALLEL_CHUNK)
            .zip(pv.par_chunks_mut(PARALLEL_CHUNK))
            .zip(
                u.par_chunks(PARALLEL_CHUNK)
                    .zip(v.par_chunks(PARALLEL_CHUNK)),
            )
            .for_each(|((pu, pv), (u, v))| {
                for ((pu, pv), (&u, &v)) in pu.iter_mut().zip(pv.iter_mut()).zip(u.iter().zip(v)) {
                    let [cb, cr] = table[usize::from(clamp_u8(u)) * 256 + usize::from(clamp_u8(v))];
                    (*pu, *pv) = (cb, cr);
                }
            });
    }
}

/// Pencil sketch: colour-dodge of the picture by its blurred negative (lines where the
/// picture changes, white paper elsewhere), a fixed paper grain; no colour, or the picture's
/// own at 80 % for coloured pencils.
pub struct Sketch {
    strength: f32,
    colour: bool,
    key: u64,
    state: Vec<f32>,
    work: Vec<f32>,
    grey: Vec<u8>,
    negative: Vec<u8>,
    blurred: Vec<u8>,
    scratch: Vec<u16>,
    paper: Option<(FrameFormat, Vec<i8>)>,
}

impl Sketch {
    pub fn new(key: u64, strength: f32, colour: bool) -> Self {
        Self {
            strength,
            colour,
            key,
            state: Vec::new(),
            work: Vec::new(),
            grey: Vec::new(),
            negative: Vec::new(),
            blurred: Vec::new(),
            scratch: Vec::new(),
            paper: None,
        }
    }
}

/// A paper texture that does not change from frame to frame (changing paper would flicker).
fn paper_texture(seed: u64, key: u64, format: FrameFormat, scratch: &mut Vec<u16>) -> Vec<i8> {
    let (w, h) = (format.width as usize, format.height as usize);
    let mut rng = Rng::new(&[seed, key, 0x9a9e]);
    let raw: Vec<u8> = (0..w * h).map(|_| (rng.next_u64() >> 56) as u8).collect();
    let mut soft = vec![0u8; w * h];
    box_blur(&raw, &mut soft, w, h, 1, scratch);
    soft.iter()
        .map(|&v| (i32::from(v) - 128).clamp(-127, 127) as i8)
        .collect()
}

impl FrameOp for Sketch {
    fn apply(&mut self, frame: &mut Frame, info: &FrameInfo) {
        let format = frame.format();
        let (w, h) = (format.width as usize, format.height as usize);
        if self.paper.as_ref().map(|(f, _)| *f) != Some(format) {
            self.paper = Some((
                format,
                paper_texture(info.seed, self.key, format, &mut self.scratch),
            ));
        }
        let (py, pu, pv) = frame.planes_mut();
        self.work.clear();
        self.work
            .extend(py.iter().map(|&v| (f32::from(v) - 16.0) * 255.0 / 219.0));
        temporal_smooth(&mut self.state, &mut self.work, 14.0, 0.7);
        self.grey.clear();
        self.grey.extend(self.work.iter().map(|&v| clamp_u8(v)));
        self.negative.clear();
        self.negative.extend(self.grey.iter().map(|&v| 255 - v));
        self.blurred.resize(w * h, 0);
        let radius = ((3.0 + 5.0 * self.strength) * info.scale).round().max(2.0) as usize;
        box_blur(
            &self.negative,
            &mut self.blurred,
            w,
            h,
            radius,
            &mut self.scratch,
        );
        self.negative.copy_from_slice(&self.blurred);
        box_blur(
            &self.negative,
            &mut self.blurred,
            w,
            h,
            radius,
            &mut self.scratch,
        );
        let gamma = 1.0 + 2.0 * self.strength;
        let mut dodge_lut = [[0u8; 64]; 256];
        // Dodge as a table: 256 grey levels x 64 blurred-negative levels.
        for (g, row) in dodge_lut.iter_mut().enumerate() {
            for (b, out) in row.iter_mut().enumerate() {
                let blend = (b * 4 + 2) as f32;
                let dodged = (g as f32 * 255.0 / (256.0 - blend)).min(255.0) / 255.0;
                // Faint differences (compression noise in flat dark areas) stay paper white.
                let line = smoothstep(0.55, 0.93, dodged);
                *out = (16.0 + 219.0 * line.powf(gamma * 0.5)).round() as u8;
            }
        }
        let paper = &self.paper.as_ref().expect("paper built above").1;
        for (((out, &g), &b), &grain) in py.iter_mut().zip(&self.grey).zip(&self.blurred).zip(paper)
        {
            let value = dodge_lut[usize::from(g)][usize::from(b >> 2)];
            *out = (i32::from(value) + i32::from(grain) / 12).clamp(16, 235) as u8;
        }
        if self.colour {
            for c in pu.iter_mut().chain(pv.iter_mut()) {
                *c = (128.0 + (f32::from(*c) - 128.0) * 0.8).round() as u8;
            }
        } else {
            pu.fill(127);
            pv.fill(129);
        }
    }
}

/// Oil paint: a Kuwahara filter (each pixel takes the mean of its least varied quadrant), which
/// flattens texture into brush-like patches while keeping edges; richer colour.
pub struct OilPaint {
    strength: f32,
    state: Vec<f32>,
    smoothed: Vec<u8>,
}

impl OilPaint {
    pub fn new(strength: f32) -> Self {
        Self {
            strength,
            state: Vec::new(),
            smoothed: Vec::new(),
        }
    }
}

/// Summed-area tables of values and squares, (width+1) x (height+1).
fn integrals(src: &[u8], width: usize, height: usize) -> (Vec<u32>, Vec<u64>) {
    let stride = width + 1;
    let mut sum = vec![0u32; stride * (height + 1)];
    let mut sq = vec![0u64; stride * (height + 1)];
    for y in 0..height {
        let mut row_sum = 0u32;
        let mut row_sq = 0u64;
        for x in 0..width {
            let v = u32::from(src[y * width + x]);
            row_sum += v;
            row_sq += u64::from(v * v);
            sum[(y + 1) * stride + x + 1] = sum[y * stride + x + 1] + row_sum;
            sq[(y + 1) * stride + x + 1] = sq[y * stride + x + 1] + row_sq;
        }
    }
    (sum, sq)
}

/// Kuwahara: for each pixel, the mean of the quadrant (of radius `r`) with the least variance
/// in `guide`, written to `out`; `choice` receives each pixel's quadrant rectangle
/// (x0, x1, y0, y1), so other planes can take their means over the same patches.
fn kuwahara(
    guide: &[u8],
    width: usize,
    height: usize,
    r: usize,
    out: &mut [u8],
    choice: &mut Vec<[u16; 4]>,
) {
    let (sum, sq) = integrals(guide, width, height);
    let stride = width + 1;
    choice.clear();
    choice.reserve(width * height);
    for y in 0..height {
        for x in 0..width {
            let mut best = (f32::MAX, 0.0f32, [0u16; 4]);
            let x0s = [x.saturating_sub(r), x];
            let x1s = [x + 1, (x + r + 1).min(width)];
            let y0s = [y.saturating_sub(r), y];
            let y1s = [y + 1, (y + r + 1).min(height)];
            for qy in 0..2 {
                for qx in 0..2 {
                    let (x0, x1, y0, y1) = (x0s[qx], x1s[qx], y0s[qy], y1s[qy]);
                    let n = ((x1 - x0) * (y1 - y0)) as f32;
                    let s = (sum[y1 * stride + x1] + sum[y0 * stride + x0])
                        .wrapping_sub(sum[y0 * stride + x1])
                        .wrapping_sub(sum[y1 * stride + x0]) as f32;
                    let q = (sq[y1 * stride + x1] + sq[y0 * stride + x0]
                        - sq[y0 * stride + x1]
                        - sq[y1 * stride + x0]) as f32;
                    let mean = s / n;
                    let var = q / n - mean * mean;
                    if var < best.0 {
                        best = (var, mean, [x0 as u16, x1 as u16, y0 as u16, y1 as u16]);
                    }
                }
            }
            out[y * width + x] = clamp_u8(best.1);
            choice.push(best.2);
        }
    }
}

impl FrameOp for OilPaint {
    fn apply(&mut self, frame: &mut Frame, info: &FrameInfo) {
        let format = frame.format();
        let (w, h) = (format.width as usize, format.height as usize);
        // Brush patches are coarser than pixels: the filter runs on the chroma grid (half
        // size) for all three planes, and luma is brought back up with a bilinear resample.
        let mut half = HalfRes::from_frame(frame);
        temporal_smooth(&mut self.state, &mut half.y, 12.0, 0.7);
        let (hw, hh) = (half.width, half.height);
        self.smoothed.clear();
        self.smoothed.extend(half.y.iter().map(|&v| clamp_u8(v)));
        let radius = ((1.0 + 2.5 * self.strength) * info.scale).round().max(1.0) as usize;
        let mut painted = vec![0u8; hw * hh];
        let mut choice = Vec::new();
        kuwahara(&self.smoothed, hw, hh, radius, &mut painted, &mut choice);
        let luma: Vec<f32> = painted.iter().map(|&v| f32::from(v)).collect();
        let (py, pu, pv) = frame.planes_mut();
        upsample_bilinear(&luma, hw, hh, py, w, h, to_video_luma);
        for plane in [pu, pv] {
            let (sum, _) = integrals(plane, hw, hh);
            let stride = hw + 1;
            for (value, &[x0, x1, y0, y1]) in plane.iter_mut().zip(&choice) {
                let (x0, x1, y0, y1) = (x0 as usize, x1 as usize, y0 as usize, y1 as usize);
                let n = ((x1 - x0) * (y1 - y0)) as f32;
                let s = (sum[y1 * stride + x1] + sum[y0 * stride + x0])
                    .wrapping_sub(sum[y0 * stride + x1])
                    .wrapping_sub(sum[y1 * stride + x0]) as f32;
                *value =
                    clamp_u8(128.0 + (s / n - 128.0) * (1.15 + 0.2 * self.strength)).clamp(16, 240);
            }
        }
    }
}

/// Watercolour: strong edge-preserving flattening, lighter and softer colour that bleeds a
/// little, pigment gathering at edges, and a fixed paper grain.
pub struct Watercolour {
    strength: f32,
    key: u64,
    stabiliser: Stabiliser,
    grad: Vec<f32>,
    paper: Option<(FrameFormat, Vec<i8>)>,
    scratch: Vec<u16>,
}

impl Watercolour {
    pub fn new(key: u64, strength: f32) -> Self {
        Self {
            strength,
            key,
            stabiliser: Stabiliser::default(),
            grad: Vec::new(),
            paper: None,
            scratch: Vec::new(),
        }
    }
}

impl FrameOp for Watercolour {
    fn apply(&mut self, frame: &mut Frame, info: &FrameInfo) {
        let s = self.strength;
        let format = frame.format();
        let (w, h) = (format.width as usize, format.height as usize);
        if self.paper.as_ref().map(|(f, _)| *f) != Some(format) {
            self.paper = Some((
                format,
                paper_texture(info.seed, self.key, format, &mut self.scratch),
            ));
        }
        let mut half = HalfRes::from_frame(frame);
        self.stabiliser.apply(&mut half);
        let (hw, hh) = (half.width, half.height);
        let mut channels = vec![half.y, half.u, half.v];
        domain_transform(
            &mut channels,
            hw,
            hh,
            (14.0 + 16.0 * s) * info.scale,
            70.0,
            2,
        );
        let [y, u, v]: [Vec<f32>; 3] = channels.try_into().expect("three channels");
        gradient(&y, hw, hh, &mut self.grad);
        let out_y: Vec<f32> = y
            .iter()
            .zip(&self.grad)
            .map(|(&value, &g)| {
                let l = ((value - 16.0) / 219.0).clamp(0.0, 1.0);
                let washed = 0.14 + 0.86 * l.powf(0.8);
                let pooled = washed * (1.0 - 0.22 * smoothstep(4.0, 16.0, g));
                16.0 + 219.0 * pooled
            })
            .collect();
        let (py, pu, pv) = frame.planes_mut();
        upsample_bilinear(&out_y, hw, hh, py, w, h, to_video_luma);
        let paper = &self.paper.as_ref().expect("paper built above").1;
        for (value, &grain) in py.iter_mut().zip(paper) {
            *value = (i32::from(*value) + i32::from(grain) / 10).clamp(16, 235) as u8;
        }
        for (plane, values) in [(pu, u), (pv, v)] {
            for (p, c) in plane.iter_mut().zip(values) {
                *p = clamp_u8(128.0 + (c - 128.0) * (0.9 - 0.1 * s));
            }
        }
    }
}

/// Posterize: a few flat levels of luma, of colour strength and of hue, with soft band
/// edges. Neutral stays neutral and a colour keeps its hue to within half a sector.
pub struct Posterize {
    luma: [u8; 256],
    chroma: Vec<[u8; 2]>,
}

impl Posterize {
    pub fn new(levels: u8) -> Self {
        let levels = f32::from(levels.max(2));
        let mut luma = [0u8; 256];
        for (i, value) in luma.iter_mut().enumerate() {
            *value = (16.0 + soft_quantise(i as f32 - 16.0, levels, 219.0, 0.06))
                .round()
                .clamp(16.0, 235.0) as u8;
        }
        // Twelve hues: the primaries, secondaries and the colours between them.
        let chroma = polar_chroma_table(1.2, 112.0 / levels, Some(12.0), 0.06);
        Self { luma, chroma }
    }
}

impl FrameOp for Posterize {
    fn apply(&mut self, frame: &mut Frame, _info: &FrameInfo) {
        let (y, u, v) = frame.planes_mut();
        for value in y.iter_mut() {
            *value = self.luma[usize::from(*value)];
        }
        for (u, v) in u.iter_mut().zip(v.iter_mut()) {
            [*u, *v] = self.chroma[usize::from(*u) * 256 + usize::from(*v)];
        }
    }
}

/// Pixel art: big square pixels on a fixed grid with a reduced palette. A block keeps its
/// previous colour until its average moves clearly into another palette entry, so still areas
/// do not blink.
pub struct PixelArt {
    pixel_size: u8,
    previous: Vec<[u8; 3]>,
}

impl PixelArt {
    pub fn new(pixel_size: u8) -> Self {
        Self {
            pixel_size,
            previous: Vec::new(),
        }
    }
}

const PIXEL_LUMA_STEP: f32 = 219.0 / 9.0;
const PIXEL_CHROMA_STEP: f32 = 16.0;

fn palette(value: f32, base: f32, step: f32, previous: Option<u8>) -> u8 {
    let level = ((value - base) / step).round();
    let snapped = base + level * step;
    match previous {
        // Hysteresis: stay on the previous entry while within 0.75 steps of it.
        Some(prev) if (value - f32::from(prev)).abs() < 0.75 * step => prev,
        _ => snapped.round().clamp(0.0, 255.0) as u8,
    }
}

impl FrameOp for PixelArt {
    fn apply(&mut self, frame: &mut Frame, info: &FrameInfo) {
        let format = frame.format();
        let (w, h) = (format.width as usize, format.height as usize);
        let cw = format.chroma_width() as usize;
        // An even block size keeps luma and chroma blocks aligned.
        let block = ((f32::from(self.pixel_size) * info.scale / 2.0).round() as usize).max(1) * 2;
        let (bw, bh) = (w.div_ceil(block), h.div_ceil(block));
        if self.previous.len() != bw * bh {
            self.previous = Vec::new();
        }
        let fresh = self.previous.is_empty();
        let mut colours = Vec::with_capacity(bw * bh);
        let (py, pu, pv) = frame.planes_mut();
        for by in 0..bh {
            for bx in 0..bw {
                let (x0, x1) = (bx * block, ((bx + 1) * block).min(w));
                let (y0, y1) = (by * block, ((by + 1) * block).min(h));
                let mut sum = [0u32; 3];
                for y in y0..y1 {
                    sum[0] += py[y * w + x0..y * w + x1]
                        .iter()
                        .map(|&v| u32::from(v))
                        .sum::<u32>();
                }
                let (cx0, cx1, cy0, cy1) = (x0 / 2, x1.div_ceil(2), y0 / 2, y1.div_ceil(2));
                for y in cy0..cy1 {
                    sum[1] += pu[y * cw + cx0..y * cw + cx1]
                        .iter()
                        .map(|&v| u32::from(v))
                        .sum::<u32>();
                    sum[2] += pv[y * cw + cx0..y * cw + cx1]
                        .iter()
                        .map(|&v| u32::from(v))
                        .sum::<u32>();
                }
                let n = ((x1 - x0) * (y1 - y0)) as f32;
                let nc = ((cx1 - cx0) * (cy1 - cy0)) as f32;
                let index = by * bw + bx;
                let prev = (!fresh).then(|| self.previous[index]);
                let y = palette(sum[0] as f32 / n, 16.0, PIXEL_LUMA_STEP, prev.map(|p| p[0]));
                let saturate = |c: f32| 128.0 + (c - 128.0) * 1.3;
                let u = palette(
                    saturate(sum[1] as f32 / nc),
                    128.0,
                    PIXEL_CHROMA_STEP,
                    prev.map(|p| p[1]),
                );
                let v = palette(
                    saturate(sum[2] as f32 / nc),
                    128.0,
                    PIXEL_CHROMA_STEP,
                    prev.map(|p| p[2]),
                );
                let colour = [y.clamp(16, 235), u.clamp(16, 240), v.clamp(16, 240)];
                colours.push(colour);
                for y in y0..y1 {
                    py[y * w + x0..y * w + x1].fill(colour[0]);
                }
                for y in cy0..cy1 {
                    pu[y * cw + cx0..y * cw + cx1].fill(colour[1]);
                    pv[y * cw + cx0..y * cw + cx1].fill(colour[2]);
                }
            }
        }
        self.previous = colours;
    }
}

/// A halftone print, as newspapers print photographs: black ink dots on a fixed screen
/// turned 45 degrees, each dot as large as the picture is dark there, on off-white paper.
///
/// The screen never moves, so a still picture prints the same dots every frame and motion
/// only grows and shrinks them. Each screen cell's threshold is the rank of a round spot
/// function, so ink covers exactly the share of a cell that the picture is dark: round dots in
/// the light tones that meet at the mid-tones and leave shrinking paper diamonds in the dark.
pub struct Halftone {
    dot_size: u8,
    /// Spot function value (0..=1, `RANK_BINS` bins) -> share of the cell it lies inside.
    rank: Vec<f32>,
    blurred: Vec<u8>,
    scratch: Vec<u16>,
}

const RANK_BINS: usize = 1024;
/// Newsprint: a little warm, not white; ink: nearly black (video range).
const PAPER: [u8; 3] = [228, 125, 130];
const INK: f32 = 28.0;

impl Halftone {
    pub fn new(dot_size: u8) -> Self {
        // The spot function over a cell with corners at (+-1, +-1): its value's distribution
        // turns a darkness into the radius whose dot covers that share of the cell.
        let samples = 512;
        let mut histogram = vec![0u32; RANK_BINS];
        for j in 0..samples {
            for i in 0..samples {
                let a = (i as f32 + 0.5) / samples as f32 * 2.0 - 1.0;
                let b = (j as f32 + 0.5) / samples as f32 * 2.0 - 1.0;
                histogram[spot_bin(a, b)] += 1;
            }
        }
        let total = (samples * samples) as f32;
        let mut below = 0u32;
        let rank = histogram
            .iter()
            .map(|&count| {
                // The middle of the bin's own share: ties split evenly.
                let r = (below as f32 + 0.5 * count as f32) / total;
                below += count;
                r
            })
            .collect();
        Self {
            dot_size,
            rank,
            blurred: Vec::new(),
            scratch: Vec::new(),
        }
    }
}

/// A round spot: 0 at the cell's centre, 1 at its corners.
#[inline]
fn spot_bin(a: f32, b: f32) -> usize {
    let spot = (a * a + b * b) * 0.5;
    ((spot * RANK_BINS as f32) as usize).min(RANK_BINS - 1)
}

impl FrameOp for Halftone {
    fn apply(&mut self, frame: &mut Frame, info: &FrameInfo) {
        let format = frame.format();
        let (w, h) = (format.width as usize, format.height as usize);
        let cell = (f32::from(self.dot_size) * info.scale).max(3.0);
        let (y, u, v) = frame.planes_mut();
        // The tone a dot prints: the picture's mean over about one cell, so a dot is one size
        // across and its edge follows the picture's edges only as far as a cell allows.
        self.blurred.resize(w * h, 0);
        let radius = ((cell * 0.5) as usize).max(1);
        box_blur(y, &mut self.blurred, w, h, radius, &mut self.scratch);
        // Screen coordinates: the pixel grid turned 45 degrees, in cells of `cell` pixels;
        // within a cell, (a, b) run from -1 to 1.
        let k = std::f32::consts::FRAC_1_SQRT_2 / cell;
        // About one pixel of soft edge, in units of the threshold.
        let edge = (2.2 / cell).min(0.5);
        let rank = &self.rank;
        let blurred = &self.blurred;
        y.par_chunks_mut(w).enumerate().for_each(|(row, out)| {
            let yf = row as f32 + 0.5;
            for (x, value) in out.iter_mut().enumerate() {
                let xf = x as f32 + 0.5;
                let su = (xf + yf) * k;
                let sv = (xf - yf) * k;
                let a = (su - su.round()) * 2.0;
                let b = (sv - sv.round()) * 2.0;
                let threshold = rank[spot_bin(a, b)];
                let tone = f32::from(blurred[row * w + x]);
                let dark = (1.0 - (tone - 16.0) / 219.0).clamp(0.0, 1.0);
                let ink = ((dark - threshold) / edge + 0.5).clamp(0.0, 1.0);
                *value = clamp_u8(f32::from(PAPER[0]) + (INK - f32::from(PAPER[0])) * ink);
            }
        });
        u.fill(PAPER[1]);
        v.fill(PAPER[2]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn soft_quantise_is_flat_inside_bands_and_continuous() {
        let a = soft_quantise(10.0, 4.0, 200.0, 0.3);
        let b = soft_quantise(20.0, 4.0, 200.0, 0.3);
        assert_eq!(a, b);
        let mut previous = soft_quantise(0.0, 4.0, 200.0, 0.3);
        for i in 1..=2000 {
            let value = soft_quantise(i as f32 * 0.1, 4.0, 200.0, 0.3);
            assert!(value >= previous && value - previous < 10.0, "{i}");
            previous = value;
        }
        assert_eq!(soft_quantise(200.0, 4.0, 200.0, 0.3), 200.0);
    }

    /// Weak casts (beige under street lights) and strong colours, as (Cb, Cr).
    const CHROMAS: [(i32, i32); 5] = [(120, 136), (118, 133), (136, 124), (100, 150), (140, 90)];

    /// How far (radians) a chroma table moves the hue of (Cb, Cr).
    fn hue_moved(table: &[[u8; 2]], (cb, cr): (i32, i32)) -> f32 {
        let [qb, qr] = table[(cb * 256 + cr) as usize];
        let hue = |b: f32, r: f32| (r - 128.0).atan2(b - 128.0);
        let moved = (hue(f32::from(qb), f32::from(qr)) - hue(cb as f32, cr as f32)).abs();
        moved.min(std::f32::consts::TAU - moved)
    }

    #[test]
    fn posterize_and_cartoon_keep_neutral_colours_neutral_and_hues_in_place() {
        let poster = Posterize::new(5);
        let at = |cb: i32, cr: i32| poster.chroma[(cb * 256 + cr) as usize];
        assert_eq!(at(128, 128), [128, 128]);
        // A colour keeps its hue to within half a sector, not a neighbour's.
        for chroma in CHROMAS {
            let moved = hue_moved(&poster.chroma, chroma);
            assert!(
                moved <= std::f32::consts::PI / 12.0 + 0.05,
                "{chroma:?}: {moved}"
            );
        }
        // A handful of flat chroma colours cover most of the plane; the rest are band edges.
        // (Within the chroma of real pictures: the table's corners clip.)
        let mut counts = std::collections::HashMap::new();
        let mut inside = 0;
        for cb in 40..216 {
            for cr in 40..216 {
                if (cb - 128i32).pow(2) + (cr - 128i32).pow(2) < 80 * 80 {
                    *counts.entry(at(cb, cr)).or_insert(0usize) += 1;
                    inside += 1;
                }
            }
        }
        let mut counts: Vec<usize> = counts.into_values().collect();
        counts.sort_unstable_by(|a, b| b.cmp(a));
        let flat: usize = counts.iter().take(60).sum();
        assert!(flat * 10 > inside * 7, "{flat} of {inside}");
        // The cartoon keeps hues as they are (the flattening already made regions flat).
        for cartoon in [Cartoon::new(0.6, false), Cartoon::new(1.0, true)] {
            assert_eq!(cartoon.chroma[128 * 256 + 128], [128, 128]);
            for chroma in CHROMAS {
                let moved = hue_moved(&cartoon.chroma, chroma);
                assert!(moved < 0.06, "{chroma:?}: {moved}");
            }
        }
        let mut previous = soft_quantise_signed(-150.0, 40.0, 0.15);
        for i in -1500..=1500 {
            let value = soft_quantise_signed(i as f32 * 0.1, 40.0, 0.15);
            assert!(value >= previous && value - previous < 10.0, "{i}");
            previous = value;
        }
    }

    #[test]
    fn pixel_palette_holds_its_entry_under_small_changes() {
        assert_eq!(palette(100.0, 16.0, 24.0, None), 112);
        assert_eq!(palette(101.0, 16.0, 24.0, Some(88)), 88);
        assert_eq!(palette(120.0, 16.0, 24.0, Some(88)), 112);
    }
}
