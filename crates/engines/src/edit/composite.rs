//! Subject-aware edits: background replacement and garment recolour, driven by the subject
//! matte of each frame.

use recut_media::Frame;

use super::colours::{chroma_direction, chroma_of, rgb_to_yuv, yuv_to_rgb};
use super::faces::Region;
use super::mask::Sample;
use super::ops::colour::ColourTransform;
use super::ops::filters::{box_blur, box_blur_passes, clamp_u8, downsample, upsample_bilinear};
use super::ops::smoothstep;
use super::plan::NamedColour;

/// The subject's opacity per output pixel (0 background, 255 subject), at luma and chroma
/// resolution.
#[derive(Debug, Default, Clone)]
pub struct Matte {
    pub luma: Vec<u8>,
    pub chroma: Vec<u8>,
}

/// A flat colour as a frame-sized picture.
pub fn colour_frame(frame: &mut Frame, rgb: [u8; 3]) {
    let [y, u, v] = rgb_to_yuv(rgb);
    let (py, pu, pv) = frame.planes_mut();
    py.fill(y.round() as u8);
    pu.fill(u.round() as u8);
    pv.fill(v.round() as u8);
}

/// A vertical gradient from `top` to `bottom`, mixed in RGB.
pub fn gradient_frame(frame: &mut Frame, top: [u8; 3], bottom: [u8; 3]) {
    let format = frame.format();
    let (w, h) = (format.width as usize, format.height as usize);
    let cw = format.chroma_width() as usize;
    let at = |row: usize, rows: usize| {
        let t = if rows > 1 {
            row as f32 / (rows - 1) as f32
        } else {
            0.0
        };
        rgb_to_yuv([0, 1, 2].map(|c| {
            (f32::from(top[c]) + (f32::from(bottom[c]) - f32::from(top[c])) * t).round() as u8
        }))
    };
    let (py, pu, pv) = frame.planes_mut();
    for y in 0..h {
        py[y * w..(y + 1) * w].fill(at(y, h)[0].round() as u8);
    }
    let ch = pu.len() / cw;
    for y in 0..ch {
        let [_, u, v] = at(y, ch);
        pu[y * cw..(y + 1) * cw].fill(u.round() as u8);
        pv[y * cw..(y + 1) * cw].fill(v.round() as u8);
    }
}

/// `alpha * front + (1 - alpha) * back`, with `alpha` in 0..=255: how a matte mixes two
/// pixels.
#[inline]
fn blend(front: u8, back: u8, alpha: u8) -> u8 {
    let a = u32::from(alpha);
    ((u32::from(front) * a + u32::from(back) * (255 - a) + 127) / 255) as u8
}

/// Mixes `backdrop` behind the subject: `out = a * frame + (1 - a) * backdrop`.
pub fn composite(frame: &mut Frame, backdrop: &Frame, matte: &Matte) {
    let (py, pu, pv) = frame.planes_mut();
    let mix = |dst: &mut [u8], src: &[u8], alpha: &[u8]| {
        for ((d, &s), &a) in dst.iter_mut().zip(src).zip(alpha) {
            *d = blend(*d, s, a);
        }
    };
    mix(py, backdrop.y(), &matte.luma);
    mix(pu, backdrop.u(), &matte.chroma);
    mix(pv, backdrop.v(), &matte.chroma);
}

/// Takes the colour out of the background: chroma goes to neutral in proportion to how much
/// of each pixel is background, so the subject keeps its colours and the feathered edge
/// blends. Luma is untouched.
pub fn grey_background(frame: &mut Frame, matte: &Matte) {
    let (_, pu, pv) = frame.planes_mut();
    for plane in [pu, pv] {
        for (c, &a) in plane.iter_mut().zip(&matte.chroma) {
            *c = blend(*c, 128, a);
        }
    }
}

/// The background or the subject regraded: the whole frame goes through the grade into a
/// scratch frame, which is then mixed in behind the subject like any other backdrop (or
/// kept inside it), so the feathered edge blends the graded and the untouched picture.
pub struct RegionGrade {
    transform: ColourTransform,
    /// The subject is graded, and the background left as it was.
    subject: bool,
    work: Frame,
}

impl RegionGrade {
    pub fn background(transform: ColourTransform) -> Self {
        Self {
            transform,
            subject: false,
            work: Frame::new(recut_media::FrameFormat::new(2, 2)),
        }
    }

    pub fn subject(transform: ColourTransform) -> Self {
        Self {
            subject: true,
            ..Self::background(transform)
        }
    }

    pub fn apply(&mut self, frame: &mut Frame, matte: &Matte) {
        self.work.clone_from(frame);
        self.transform.apply(&mut self.work);
        if self.subject {
            // The graded picture, with the original background put back around the subject.
            composite(&mut self.work, frame, matte);
            std::mem::swap(frame, &mut self.work);
        } else {
            composite(frame, &self.work, matte);
        }
    }
}

/// The original background, defocused. Subject pixels are first replaced by the clean plate
/// (the median background, known because the camera does not move), so the blur does not
/// smear the subject into a halo around itself. Without a plate (a person segmented frame
/// by frame, who may never move aside), the blur is normalised instead: the background alone
/// and its coverage are blurred, and divided, so the subject's pixels weigh nothing and the
/// picture behind them fills in from around.
pub struct BackgroundBlur {
    radius: usize,
    plate: Frame,
    /// Whether `plate` holds a clean plate.
    from_plate: bool,
    work: Frame,
    /// The background's coverage (255 minus the matte), at luma and chroma size.
    coverage: (Vec<u8>, Vec<u8>),
    defocus: Defocus,
}

impl BackgroundBlur {
    pub fn new(radius: usize, plate: Frame) -> Self {
        let work = plate.clone();
        Self {
            radius,
            plate,
            from_plate: true,
            work,
            coverage: Default::default(),
            defocus: Defocus::default(),
        }
    }

    /// The clean plate behind the next frames, to be rewritten in place (a moving camera's
    /// changes as the camera moves).
    pub fn plate_mut(&mut self) -> &mut Frame {
        self.from_plate = true;
        &mut self.plate
    }

    /// The next frames have no clean plate: the blur is normalised by the background's
    /// coverage.
    pub fn without_plate(&mut self) {
        self.from_plate = false;
    }

    pub fn apply(&mut self, frame: &mut Frame, matte: &Matte) {
        self.work.clone_from(frame);
        if !self.from_plate {
            self.apply_normalised(frame, matte);
            return;
        }
        composite_inverse(&mut self.work, &self.plate, matte);
        let format = frame.format();
        let (w, h) = (format.width as usize, format.height as usize);
        let (cw, ch) = (
            format.chroma_width() as usize,
            format.chroma_height() as usize,
        );
        let (py, pu, pv) = self.work.planes_mut();
        for (plane, pw, ph, r) in [
            (py, w, h, self.radius),
            (pu, cw, ch, self.radius.div_ceil(2)),
            (pv, cw, ch, self.radius.div_ceil(2)),
        ] {
            self.defocus.apply(plane, pw, ph, r);
        }
        composite(frame, &self.work, matte);
    }
}

impl BackgroundBlur {
    fn apply_normalised(&mut self, frame: &mut Frame, matte: &Matte) {
        let format = frame.format();
        let (w, h) = (format.width as usize, format.height as usize);
        let (cw, ch) = (
            format.chroma_width() as usize,
            format.chroma_height() as usize,
        );
        let (luma, chroma) = &mut self.coverage;
        luma.clear();
        luma.extend(matte.luma.iter().map(|&a| 255 - a));
        chroma.clear();
        chroma.extend(matte.chroma.iter().map(|&a| 255 - a));
        let (py, pu, pv) = self.work.planes_mut();
        // The background alone: each pixel times its coverage.
        for (plane, cover) in [
            (&mut *py, &*luma),
            (&mut *pu, &*chroma),
            (&mut *pv, &*chroma),
        ] {
            for (p, &c) in plane.iter_mut().zip(cover) {
                *p = ((u32::from(*p) * u32::from(c) + 127) / 255) as u8;
            }
        }
        let (ry, rc) = (self.radius, self.radius.div_ceil(2));
        for (plane, pw, ph, r) in [
            (&mut *py, w, h, ry),
            (&mut *pu, cw, ch, rc),
            (&mut *pv, cw, ch, rc),
            (&mut *luma, w, h, ry),
            (&mut *chroma, cw, ch, rc),
        ] {
            self.defocus.apply(plane, pw, ph, r);
        }
        // Divided by the blurred coverage. Where almost no background is near (deep inside a
        // large subject) the result is never seen: the subject covers it.
        for (plane, cover) in [
            (&mut *py, &*luma),
            (&mut *pu, &*chroma),
            (&mut *pv, &*chroma),
        ] {
            for (p, &c) in plane.iter_mut().zip(cover) {
                if c >= 8 {
                    *p = ((u32::from(*p) * 255 + u32::from(c) / 2) / u32::from(c)).min(255) as u8;
                }
            }
        }
        composite(frame, &self.work, matte);
    }
}

/// Defocuses a still backdrop once ("the reference photo, slightly blurred"), as the
/// background blur defocuses the footage's: `radius` at luma size.
pub fn defocus_frame(frame: &mut Frame, radius: usize) {
    let format = frame.format();
    let (w, h) = (format.width as usize, format.height as usize);
    let (cw, ch) = (
        format.chroma_width() as usize,
        format.chroma_height() as usize,
    );
    let mut defocus = Defocus::default();
    let (py, pu, pv) = frame.planes_mut();
    defocus.apply(py, w, h, radius);
    defocus.apply(pu, cw, ch, radius.div_ceil(2));
    defocus.apply(pv, cw, ch, radius.div_ceil(2));
}

/// Three box passes of radius `r` over a plane (close to a Gaussian of sigma `r`), with
/// buffers kept between frames. A wide blur keeps nothing finer than a few pixels, so it
/// runs on the plane reduced by up to 4 (at least 4 pixels of radius left) and is scaled back
/// up bilinearly: a sixteenth of the work, within half a level on average of the full-size
/// blur (tested).
#[derive(Default)]
struct Defocus {
    copy: Vec<u8>,
    scratch: Vec<u16>,
    small: Vec<u8>,
    small_values: Vec<f32>,
}

impl Defocus {
    fn apply(&mut self, plane: &mut [u8], width: usize, height: usize, r: usize) {
        let factor = [4, 2]
            .into_iter()
            .find(|&f| r >= 4 * f && width.is_multiple_of(f) && height.is_multiple_of(f))
            .unwrap_or(1);
        if factor == 1 {
            box_blur_passes(
                plane,
                width,
                height,
                &[r; 3],
                &mut self.copy,
                &mut self.scratch,
            );
            return;
        }
        let (sw, sh) = downsample(plane, width, height, factor, &mut self.small);
        box_blur_passes(
            &mut self.small,
            sw,
            sh,
            &reduced_radii(r, factor),
            &mut self.copy,
            &mut self.scratch,
        );
        self.small_values.clear();
        self.small_values
            .extend(self.small.iter().map(|&v| f32::from(v)));
        upsample_bilinear(&self.small_values, sw, sh, plane, width, height, clamp_u8);
    }
}

/// Radii of three box passes on a plane reduced by `factor` whose blur matches three passes
/// of radius `r` at full size. A box of radius `r` has a variance of r(r+1)/3 pixels^2 and
/// the reduction and enlargement add about (factor^2 - 1)/4; rounding `r / factor` alone was
/// off by up to a fifth of the variance, so the passes mix two neighbouring radii.
fn reduced_radii(r: usize, factor: usize) -> [usize; 3] {
    let f2 = (factor * factor) as f64;
    let target = ((r * (r + 1)) as f64 - (f2 - 1.0) / 4.0) / f2;
    let variance =
        |radii: &[usize; 3]| radii.iter().map(|&k| (k * (k + 1)) as f64).sum::<f64>() / 3.0;
    let low = (0..)
        .take_while(|&k: &usize| (k * (k + 1)) as f64 <= target)
        .last()
        .unwrap_or(0)
        .max(1);
    (0..=3)
        .map(|wider| {
            let mut radii = [low; 3];
            radii[..wider].iter_mut().for_each(|k| *k += 1);
            radii
        })
        .min_by(|a, b| {
            (variance(a) - target)
                .abs()
                .total_cmp(&(variance(b) - target).abs())
        })
        .expect("four candidates")
}

/// Puts `plate` where the subject is (the opposite of [`composite`]).
fn composite_inverse(frame: &mut Frame, plate: &Frame, matte: &Matte) {
    let (py, pu, pv) = frame.planes_mut();
    let mix = |dst: &mut [u8], src: &[u8], alpha: &[u8]| {
        for ((d, &s), &a) in dst.iter_mut().zip(src).zip(alpha) {
            *d = blend(s, *d, a);
        }
    };
    mix(py, plate.y(), &matte.luma);
    mix(pu, plate.u(), &matte.chroma);
    mix(pv, plate.v(), &matte.chroma);
}

/// Which pixels of the subject a recolour picks, measured on the clip.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ColourKey {
    /// Chroma pointing within about 30 degrees of `direction`, at a luma within `luma`
    /// (`[0, 255]` until measured).
    Hue {
        direction: [f32; 2],
        mean_chroma: f32,
        mean_luma: f32,
        luma: [f32; 2],
    },
    /// Dark, nearly colourless pixels ("black jacket"), around the chroma `tint` (u, v) the
    /// garment really has: a "black" jacket on film is a dark brown or a dark blue, and a
    /// key centred on neutral also takes the shadows of every coloured garment beside it.
    Dark { mean_luma: f32, tint: [f32; 2] },
    /// Light, nearly colourless pixels ("white shirt"), likewise.
    Light { mean_luma: f32, tint: [f32; 2] },
}

impl ColourKey {
    /// The colour the key picked, as sRGB: its mean luma, hue and chroma.
    pub fn rgb(&self) -> [u8; 3] {
        let (du, dv) = match *self {
            ColourKey::Hue {
                direction,
                mean_chroma,
                ..
            } => (direction[0] * mean_chroma, direction[1] * mean_chroma),
            ColourKey::Dark { tint, .. } | ColourKey::Light { tint, .. } => (tint[0], tint[1]),
        };
        yuv_to_rgb([self.mean_luma(), 128.0 + du, 128.0 + dv]).map(|c| (c * 255.0).round() as u8)
    }

    fn mean_luma(&self) -> f32 {
        match *self {
            ColourKey::Hue { mean_luma, .. }
            | ColourKey::Dark { mean_luma, .. }
            | ColourKey::Light { mean_luma, .. } => mean_luma,
        }
    }

    /// How much a pixel belongs to the key, 0..=1.
    fn weight(&self, y: f32, du: f32, dv: f32) -> f32 {
        let chroma = (du * du + dv * dv).sqrt();
        match *self {
            ColourKey::Hue {
                direction,
                mean_chroma,
                luma: [low, high],
                ..
            } => {
                if chroma < 1.0 {
                    return 0.0;
                }
                let cos = (du * direction[0] + dv * direction[1]) / chroma;
                // A garment of little colour (a navy jacket, chroma 9) has half its pixels
                // under a fixed floor of 10, and came out patched; its hue still holds
                // there, since noise points every way.
                let floor = if mean_chroma > 0.0 {
                    (0.7 * mean_chroma).clamp(6.0, 10.0)
                } else {
                    10.0
                };
                smoothstep(0.82, 0.93, cos)
                    * smoothstep(0.5 * floor, floor, chroma)
                    * smoothstep(low - LUMA_EDGE, low, y)
                    * (1.0 - smoothstep(high, high + LUMA_EDGE, y))
            }
            ColourKey::Dark { tint, .. } => {
                (1.0 - smoothstep(60.0, 85.0, y)) * Self::near_tint(du, dv, tint)
            }
            ColourKey::Light { tint, .. } => {
                smoothstep(165.0, 190.0, y) * Self::near_tint(du, dv, tint)
            }
        }
    }

    /// How close a pixel's chroma is to a colourless key's tint.
    fn near_tint(du: f32, dv: f32, [tu, tv]: [f32; 2]) -> f32 {
        let off = ((du - tu).powi(2) + (dv - tv).powi(2)).sqrt();
        1.0 - smoothstep(7.0, 13.0, off)
    }
}

/// The colour a recolour paints with.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct TargetColour {
    pub rgb: [u8; 3],
}

const SKIN: [[u8; 3]; 3] = [[232, 190, 160], [198, 140, 105], [120, 78, 58]];

/// Finds the key for a recolour among the subject's pixels in the samples. `source` is the
/// colour the prompt named, or `None` for the subject's dominant non-skin colour.
pub fn find_key<'a>(
    samples: impl IntoIterator<Item = (&'a Sample, &'a [u8])>,
    source: Option<&NamedColour>,
    item: &str,
) -> Result<ColourKey, String> {
    let pixels = subject_pixels(samples);
    if pixels.is_empty() {
        return Err(format!("no {item} found: the subject was not seen"));
    }
    let achromatic = source.filter(|colour| {
        let [u, v] = chroma_of(colour.rgb);
        (u * u + v * v).sqrt() < 10.0
    });
    let candidate = match (source, achromatic) {
        (Some(colour), Some(_)) => {
            let dark = rgb_to_yuv(colour.rgb)[0] < 100.0;
            let tint = [0.0, 0.0];
            if dark {
                ColourKey::Dark { mean_luma: 0.0, tint }
            } else {
                ColourKey::Light { mean_luma: 0.0, tint }
            }
        }
        // Names cover wide ranges of hue: Megamind's "purple" dress is 37 degrees from the
        // named purple, outside a key's own tolerance. The subject's most common hue near
        // the named one is what the user meant.
        (Some(colour), None) => {
            let [u, v] = chroma_of(colour.rgb);
            let named = ColourKey::Hue {
                direction: chroma_direction(colour.rgb),
                mean_chroma: 0.0,
                mean_luma: 0.0,
                luma: FULL_LUMA,
            };
            dominant_hue(&pixels, Some(hue_of(u, v))).unwrap_or(named)
        }
        (None, _) => dominant_hue(&pixels, None).ok_or_else(|| {
            format!("no coloured {item} found on the subject: its colours are all skin tones or greys; name the {item}'s colour")
        })?,
    };
    // Measure what the key picks, and refine it to the garment's actual colour, twice: a
    // colourless key's first measure still has some of the neighbouring shadows in it, and a
    // hue key is held to its garment's luma from the second on (a navy jacket's chroma is
    // often the very tint of the white shirt under it, and only luma tells them apart).
    let mut key = candidate;
    for round in 0..2 {
        let mut total = 0.0f32;
        let (mut su, mut sv, mut sy, mut sc) = (0.0f32, 0.0f32, 0.0f32, 0.0f32);
        for &(y, du, dv) in &pixels {
            let w = key.weight(y, du, dv);
            total += w;
            su += w * du;
            sv += w * dv;
            sy += w * y;
            sc += w * (du * du + dv * dv).sqrt();
        }
        let share = total / pixels.len() as f32;
        if share < MIN_KEY_SHARE {
            let name = source.map_or_else(|| "coloured".to_owned(), |colour| colour.name.clone());
            return Err(format!(
                "no {name} {item} found on the subject ({:.1}% of the subject's pixels match)",
                share * 100.0
            ));
        }
        let mean_luma = sy / total;
        let tint = [su / total, sv / total];
        key = match key {
            ColourKey::Hue { luma, .. } => {
                let norm = (su * su + sv * sv).sqrt().max(1e-3);
                let direction = [su / norm, sv / norm];
                let luma = if round == 0 {
                    garment_luma(&pixels, |y, du, dv| {
                        ColourKey::Hue {
                            direction,
                            mean_chroma: 0.0,
                            mean_luma: 0.0,
                            luma: FULL_LUMA,
                        }
                        .weight(y, du, dv)
                    })
                } else {
                    luma
                };
                ColourKey::Hue {
                    direction,
                    mean_chroma: sc / total,
                    mean_luma,
                    luma,
                }
            }
            ColourKey::Dark { .. } => ColourKey::Dark { mean_luma, tint },
            ColourKey::Light { .. } => ColourKey::Light { mean_luma, tint },
        };
    }
    Ok(key)
}

/// The luma range of the pixels `weight` picks: the run of luma around the most common one
/// where the picked pixels stay at least [`LUMA_RUN_FLOOR`] of that peak. A garment's folds
/// and lighting spread its luma, but continuously; what is cut off is a second, separate
/// group of the same tint (the shirt under a jacket).
fn garment_luma(pixels: &[(f32, f32, f32)], weight: impl Fn(f32, f32, f32) -> f32) -> [f32; 2] {
    const BIN: f32 = 16.0;
    let mut bins = [0.0f32; 16];
    for &(y, du, dv) in pixels {
        bins[((y / BIN) as usize).min(15)] += weight(y, du, dv);
    }
    let Some((peak, &most)) = bins.iter().enumerate().max_by(|a, b| a.1.total_cmp(b.1)) else {
        return FULL_LUMA;
    };
    if most <= 0.0 {
        return FULL_LUMA;
    }
    let inside = |i: usize| bins[i] >= LUMA_RUN_FLOOR * most;
    let (mut low, mut high) = (peak, peak);
    while low > 0 && inside(low - 1) {
        low -= 1;
    }
    while high < 15 && inside(high + 1) {
        high += 1;
    }
    [
        if low == 0 { 0.0 } else { low as f32 * BIN },
        if high == 15 {
            255.0
        } else {
            (high + 1) as f32 * BIN
        },
    ]
}

const FULL_LUMA: [f32; 2] = [-LUMA_EDGE, 255.0 + LUMA_EDGE];
/// Soft edge of a hue key's luma range.
const LUMA_EDGE: f32 = 12.0;
/// The share of the peak below which a luma bin ends the garment's run.
const LUMA_RUN_FLOOR: f32 = 0.04;

/// The least share of the subject's pixels a key must pick for the item to be there.
const MIN_KEY_SHARE: f32 = 0.02;

/// The subject's pixels in the samples as (luma, u, v), chroma centred on zero.
fn subject_pixels<'a>(
    samples: impl IntoIterator<Item = (&'a Sample, &'a [u8])>,
) -> Vec<(f32, f32, f32)> {
    samples
        .into_iter()
        .flat_map(|(sample, mask)| {
            mask.iter()
                .enumerate()
                .filter(|(_, &m)| m != 0)
                .map(move |(i, _)| {
                    (
                        f32::from(sample.y[i]),
                        f32::from(sample.u[i]) - 128.0,
                        f32::from(sample.v[i]) - 128.0,
                    )
                })
        })
        .collect()
}

/// Whether `key` picks enough of the subject in these samples for the item to be there: a
/// clip-wide key (a named colour) is not applied to a shot where its colour is only specks
/// (the other character's hair, once heads are left out).
pub fn key_found<'a>(
    key: &ColourKey,
    samples: impl IntoIterator<Item = (&'a Sample, &'a [u8])>,
) -> bool {
    let pixels = subject_pixels(samples);
    let picked: f32 = pixels
        .iter()
        .map(|&(y, du, dv)| key.weight(y, du, dv))
        .sum();
    !pixels.is_empty() && picked / pixels.len() as f32 >= MIN_KEY_SHARE
}

fn hue_of(du: f32, dv: f32) -> f32 {
    dv.atan2(du).to_degrees().rem_euclid(360.0)
}

fn hue_distance(a: f32, b: f32) -> f32 {
    let d = (a - b).abs() % 360.0;
    d.min(360.0 - d)
}

/// How far (degrees) from a named hue the garment's own may be.
const NAMED_HUE_WINDOW: f32 = 45.0;

/// The most common saturated hue among the pixels, skipping skin tones (unless the hue
/// asked for is one), within [`NAMED_HUE_WINDOW`] of `near` when it is given.
fn dominant_hue(pixels: &[(f32, f32, f32)], near: Option<f32>) -> Option<ColourKey> {
    let skin: Vec<f32> = SKIN
        .iter()
        .map(|rgb| {
            let [u, v] = chroma_of(*rgb);
            hue_of(u, v)
        })
        .filter(|&skin| near.is_none_or(|near| hue_distance(near, skin) >= 18.0))
        .collect();
    let mut bins = [0.0f32; 36];
    let mut counted = 0usize;
    for &(_, du, dv) in pixels {
        let chroma = (du * du + dv * dv).sqrt();
        if chroma < 12.0 {
            continue;
        }
        let hue = hue_of(du, dv);
        if skin.iter().any(|&s| hue_distance(hue, s) < 18.0)
            || near.is_some_and(|near| hue_distance(hue, near) > NAMED_HUE_WINDOW)
        {
            continue;
        }
        bins[(hue / 10.0) as usize % 36] += 1.0;
        counted += 1;
    }
    let smoothed: Vec<f32> = (0..36)
        .map(|i| bins[(i + 35) % 36] + bins[i] + bins[(i + 1) % 36])
        .collect();
    let (best, &count) = smoothed
        .iter()
        .enumerate()
        .max_by(|a, b| a.1.total_cmp(b.1))?;
    if counted == 0 || count < 0.05 * pixels.len() as f32 {
        return None;
    }
    let angle = (best as f32 * 10.0 + 5.0).to_radians();
    Some(ColourKey::Hue {
        direction: [angle.cos(), angle.sin()],
        mean_chroma: 0.0,
        mean_luma: 0.0,
        luma: FULL_LUMA,
    })
}

/// The dominant saturated colour of a picture (the reference image), as sRGB.
pub fn dominant_colour(sample: &Sample) -> Option<[u8; 3]> {
    let pixels: Vec<(f32, f32, f32)> = (0..sample.y.len())
        .map(|i| {
            (
                f32::from(sample.y[i]),
                f32::from(sample.u[i]) - 128.0,
                f32::from(sample.v[i]) - 128.0,
            )
        })
        .collect();
    let mut bins = [(0.0f32, 0.0f32, 0.0f32, 0.0f32); 36];
    for &(y, du, dv) in &pixels {
        let chroma = (du * du + dv * dv).sqrt();
        if chroma < 12.0 {
            continue;
        }
        let bin = &mut bins[(hue_of(du, dv) / 10.0) as usize % 36];
        // Weight by chroma: the reference's most vivid colour is what users mean.
        bin.0 += chroma;
        bin.1 += chroma * y;
        bin.2 += chroma * du;
        bin.3 += chroma * dv;
    }
    let best = bins.iter().max_by(|a, b| a.0.total_cmp(&b.0))?;
    if best.0 <= 0.0 {
        return None;
    }
    let yuv = [
        best.1 / best.0,
        128.0 + best.2 / best.0,
        128.0 + best.3 / best.0,
    ];
    Some(yuv_to_rgb(yuv).map(|c| (c * 255.0).round() as u8))
}

/// Recolours the keyed pixels of the subject: chroma turns to the target's hue with the
/// target's saturation (scaled per pixel, so shading in the colour survives), and luma moves
/// by a bounded offset towards the target's lightness (the folds and texture in luma stay).
#[derive(Clone)]
pub struct Recolour {
    key: ColourKey,
    /// Where on a person the item is (its pixels are looked for there only).
    region: Region,
    target_direction: [f32; 2],
    chroma_gain: f32,
    luma_shift: f32,
    /// Achromatic targets: chroma goes, luma is rescaled instead.
    achromatic_luma: Option<f32>,
    /// An adjustment of the garment's own colour: each pixel keeps its hue, and its chroma
    /// is scaled by `chroma_gain`.
    own_hue: bool,
    weights: Vec<u8>,
    smoothed_u: Vec<u8>,
    smoothed_v: Vec<u8>,
    scratch: Vec<u16>,
}

impl Recolour {
    pub fn new(key: ColourKey, target: TargetColour, region: Region) -> Self {
        let [ty, tu, tv] = rgb_to_yuv(target.rgb);
        let (du, dv) = (tu - 128.0, tv - 128.0);
        let target_chroma = (du * du + dv * dv).sqrt();
        let source_chroma = match key {
            ColourKey::Hue { mean_chroma, .. } => mean_chroma.max(4.0),
            _ => 12.0,
        };
        let achromatic = target_chroma < 10.0;
        Self {
            key,
            region,
            target_direction: chroma_direction(target.rgb),
            chroma_gain: (target_chroma / source_chroma).clamp(0.5, 4.0),
            luma_shift: Self::luma_shift(ty, key.mean_luma()),
            achromatic_luma: achromatic.then_some(ty),
            own_hue: false,
            weights: Vec::new(),
            smoothed_u: Vec::new(),
            smoothed_v: Vec::new(),
            scratch: Vec::new(),
        }
    }

    /// The garment's own colour, more or less saturated (`saturation` -1..=1: chroma scaled
    /// by `1 + saturation`) and lighter or darker (`brightness` -1..=1: luma moved by up to
    /// 35 % of its mean up, 25 % down, the bounds [`Recolour::luma_shift`] keeps so the
    /// folds survive).
    pub fn adjusted(key: ColourKey, saturation: f32, brightness: f32, region: Region) -> Self {
        let mean = key.mean_luma().max(16.0);
        let shift = (brightness.clamp(-1.0, 1.0) * 0.35 * mean).clamp(-0.25 * mean, 0.35 * mean);
        Self {
            key,
            region,
            target_direction: [0.0, 0.0],
            chroma_gain: (1.0 + saturation).clamp(0.0, 2.0),
            luma_shift: shift,
            achromatic_luma: None,
            own_hue: true,
            weights: Vec::new(),
            smoothed_u: Vec::new(),
            smoothed_v: Vec::new(),
            scratch: Vec::new(),
        }
    }

    /// How far the garment's luma moves towards the target's lightness `ty` from its mean
    /// `mean`: 60 % of the way, at most 40 codes, and at most 35 % up or 25 % down of the
    /// mean. The last bound keeps SSIM's luminance term (2 m m' / (m^2 + m'^2)) above 0.95,
    /// so the folds and shading read as the same garment: a wine-dark dress turned yellow
    /// becomes a dark yellow, not a light one with its shading flattened.
    fn luma_shift(ty: f32, mean: f32) -> f32 {
        let mean = mean.max(16.0);
        ((ty - mean) * 0.6)
            .clamp(-40.0, 40.0)
            .clamp(-0.25 * mean, 0.35 * mean)
    }

    /// The colour this recolour picks.
    pub fn key(&self) -> &ColourKey {
        &self.key
    }

    pub fn region(&self) -> Region {
        self.region
    }

    pub fn apply(&mut self, frame: &mut Frame, matte: &Matte) {
        let format = frame.format();
        let (w, h) = (format.width as usize, format.height as usize);
        let (cw, ch) = (
            format.chroma_width() as usize,
            format.chroma_height() as usize,
        );
        let (py, pu, pv) = frame.planes_mut();
        // The key reads chroma averaged over 3x3 samples: compressed dark areas carry
        // blocky chroma noise, and a key read per sample picked a neighbouring dark-red
        // chair in patches of 8x8 blocks (glaring once a black jacket turns white).
        self.smoothed_u.resize(pu.len(), 0);
        self.smoothed_v.resize(pv.len(), 0);
        box_blur(pu, &mut self.smoothed_u, cw, ch, 1, &mut self.scratch);
        box_blur(pv, &mut self.smoothed_v, cw, ch, 1, &mut self.scratch);
        self.weights.clear();
        self.weights.resize(pu.len(), 0);
        for (i, ((u, v), &a)) in pu
            .iter_mut()
            .zip(pv.iter_mut())
            .zip(&matte.chroma)
            .enumerate()
        {
            if a == 0 {
                continue;
            }
            let (cx, cy) = (i % cw, i / cw);
            let (x, y) = ((2 * cx).min(w - 1), (2 * cy).min(h - 1));
            let luma = f32::from(py[y * w + x]);
            let du = f32::from(*u) - 128.0;
            let dv = f32::from(*v) - 128.0;
            let (su, sv) = (
                f32::from(self.smoothed_u[i]) - 128.0,
                f32::from(self.smoothed_v[i]) - 128.0,
            );
            let weight = f32::from(a) / 255.0 * self.key.weight(luma, su, sv);
            if weight <= 0.0 {
                continue;
            }
            self.weights[i] = (weight * 255.0).round() as u8;
            let chroma = (du * du + dv * dv).sqrt();
            let magnitude = match self.key {
                ColourKey::Hue { .. } => chroma * self.chroma_gain,
                // Colourless sources carry no chroma to scale: paint the target's.
                _ => 12.0 * self.chroma_gain,
            };
            let (nu, nv) = if self.own_hue {
                (du * self.chroma_gain, dv * self.chroma_gain)
            } else if self.achromatic_luma.is_some() {
                (0.0, 0.0)
            } else {
                (
                    self.target_direction[0] * magnitude,
                    self.target_direction[1] * magnitude,
                )
            };
            *u = (128.0 + du + (nu - du) * weight).round().clamp(16.0, 240.0) as u8;
            *v = (128.0 + dv + (nv - dv) * weight).round().clamp(16.0, 240.0) as u8;
        }
        for (y, row) in py.chunks_mut(w).enumerate() {
            let weights = &self.weights[(y / 2) * cw..(y / 2 + 1) * cw];
            for (x, value) in row.iter_mut().enumerate() {
                let weight = weights[x / 2];
                if weight == 0 {
                    continue;
                }
                let weight = f32::from(weight) / 255.0;
                let current = f32::from(*value);
                let target = match self.achromatic_luma {
                    // Rescale around the target lightness: texture kept, level moved.
                    Some(ty) => ty + (current - self.key.mean_luma()) * 0.8,
                    None => current + self.luma_shift,
                };
                *value = (current + (target - current) * weight)
                    .round()
                    .clamp(16.0, 235.0) as u8;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_wide_blur_on_a_reduced_plane_matches_the_full_size_one() {
        let (w, h) = (320, 240);
        // Hard edges, a gradient and fine texture: what a background has.
        let plane: Vec<u8> = (0..w * h)
            .map(|i| {
                let (x, y) = (i % w, i / w);
                let block = if (x / 40 + y / 30) % 2 == 0 { 60 } else { 190 };
                let texture = ((x * 7 + y * 13) % 11) as i32 - 5;
                (block + texture + (x / 8) as i32).clamp(0, 255) as u8
            })
            .collect();
        let mut defocus = Defocus::default();
        for r in [30, 24, 16, 12, 8] {
            let mut fast = plane.clone();
            defocus.apply(&mut fast, w, h, r);
            let mut full = plane.clone();
            box_blur_passes(&mut full, w, h, &[r; 3], &mut Vec::new(), &mut Vec::new());
            let diffs: Vec<i32> = fast
                .iter()
                .zip(&full)
                .map(|(&a, &b)| (i32::from(a) - i32::from(b)).abs())
                .collect();
            let mean = diffs.iter().sum::<i32>() as f64 / diffs.len() as f64;
            let worst = *diffs.iter().max().unwrap();
            assert!(
                mean < 0.75 && worst <= 6,
                "radius {r}: mean {mean:.2}, worst {worst}"
            );
            // And it is a blur: the texture is gone.
            let texture: f64 = fast
                .windows(2)
                .map(|p| f64::from((i32::from(p[0]) - i32::from(p[1])).abs()))
                .sum::<f64>()
                / fast.len() as f64;
            assert!(texture < 2.0, "radius {r}: texture {texture:.2}");
        }
    }

    /// A sample of `pixels` (luma, u, v, chroma centred on 0), every one the subject's.
    fn subject(pixels: &[(u8, f32, f32)]) -> (Sample, Vec<u8>) {
        let code = |c: f32| (128.0 + c).round() as u8;
        (
            Sample {
                width: pixels.len(),
                height: 1,
                y: pixels.iter().map(|p| p.0).collect(),
                u: pixels.iter().map(|p| code(p.1)).collect(),
                v: pixels.iter().map(|p| code(p.2)).collect(),
                offset: None,
                index: 0,
            },
            vec![1; pixels.len()],
        )
    }

    fn polar(hue: f32, chroma: f32) -> (f32, f32) {
        let a = hue.to_radians();
        (chroma * a.cos(), chroma * a.sin())
    }

    fn named(name: &str) -> NamedColour {
        crate::edit::colours::by_name(name).unwrap()
    }

    /// Measured on Megamind: her "purple" dress is a wine purple 37 degrees from the named
    /// purple, beside skin. The key finds the dress, at the dress's own hue.
    #[test]
    fn a_named_colour_finds_the_garment_of_a_nearby_hue() {
        let (du, dv) = polar(70.0, 26.0);
        let skin = chroma_of([232, 190, 160]);
        let mut pixels = vec![(58, du, dv); 40];
        pixels.extend(vec![(150, skin[0], skin[1]); 60]);
        let (sample, mask) = subject(&pixels);
        let key = find_key([(&sample, &mask[..])], Some(&named("purple")), "dress").unwrap();
        assert!(key.weight(58.0, du, dv) > 0.9);
        assert_eq!(key.weight(150.0, skin[0], skin[1]), 0.0);
        // Green is nowhere near: no key, and the reason says so.
        let err = find_key([(&sample, &mask[..])], Some(&named("green")), "dress").unwrap_err();
        assert!(err.contains("no green dress"), "{err}");
    }

    /// Megamind's "black" jacket is a dark brown (chroma 7-13) over a dark blue sweater
    /// (chroma 14-17): a key centred on neutral took both.
    #[test]
    fn a_black_key_takes_the_garment_s_own_tint_and_not_a_dark_neighbour() {
        let jacket: Vec<(u8, f32, f32)> = (0..50)
            .map(|i| {
                let (du, dv) = polar(120.0, 7.0 + (i % 7) as f32);
                (25 + (i % 14) as u8, du, dv)
            })
            .collect();
        let (su, sv) = polar(300.0, 15.6);
        let mut pixels = jacket.clone();
        pixels.extend(vec![(42, su, sv); 30]);
        let (sample, mask) = subject(&pixels);
        let key = find_key([(&sample, &mask[..])], Some(&named("black")), "jacket").unwrap();
        for &(y, du, dv) in &jacket {
            assert!(
                key.weight(f32::from(y), du, dv) > 0.8,
                "jacket ({y}, {du}, {dv})"
            );
        }
        assert_eq!(key.weight(42.0, su, sv), 0.0);
        // What the result reports is the jacket's brown, not black.
        let [r, g, b] = key.rgb();
        assert!(r > g && g > b, "{:?}", key.rgb());
    }

    /// A navy jacket (dark, chroma 6-12) over a white shirt with the same blue tint, as on
    /// the carphone clip: "make his jacket red" takes the jacket, all of it, and not the shirt.
    #[test]
    fn a_hue_key_takes_the_dark_garment_and_not_a_light_one_of_its_tint() {
        let jacket: Vec<(u8, f32, f32)> = (0..120)
            .map(|i| {
                let (du, dv) = polar(315.0 + (i % 5) as f32 * 4.0 - 8.0, 6.0 + (i % 7) as f32);
                (30 + (i % 50) as u8, du, dv)
            })
            .collect();
        let shirt: Vec<(u8, f32, f32)> = (0..40)
            .map(|i| {
                let (du, dv) = polar(315.0, 9.0 + (i % 4) as f32);
                (150 + (i % 50) as u8, du, dv)
            })
            .collect();
        let mut pixels = jacket.clone();
        pixels.extend(&shirt);
        let (sample, mask) = subject(&pixels);
        let key = find_key([(&sample, &mask[..])], None, "jacket").unwrap();
        let taken = jacket
            .iter()
            .filter(|&&(y, du, dv)| key.weight(f32::from(y), du, dv) > 0.5)
            .count();
        assert!(
            taken * 10 >= jacket.len() * 9,
            "jacket {taken} of {}",
            jacket.len()
        );
        for &(y, du, dv) in &shirt {
            assert_eq!(
                key.weight(f32::from(y), du, dv),
                0.0,
                "shirt ({y}, {du}, {dv})"
            );
        }
    }

    /// A black jacket (dark, tinted brown) beside a dark-red chair whose chroma sits just
    /// outside the key, with the blocky chroma noise of compressed shadows: turned white,
    /// the jacket changes and the chair stays as it was, rather than in patches (read per
    /// sample, the key took 30 % of the chair; over 3x3 samples, under 3 %).
    #[test]
    fn a_key_on_noisy_shadows_leaves_the_neighbour_whole() {
        let format = recut_media::FrameFormat::new(128, 64);
        let mut frame = Frame::new(format);
        let (cw, tint) = (64usize, [-4.0f32, 6.0]);
        let mut rng = crate::edit::ops::filters::Rng::new(&[5]);
        {
            let (py, pu, pv) = frame.planes_mut();
            py.fill(30);
            for (i, (u, v)) in pu.iter_mut().zip(pv.iter_mut()).enumerate() {
                let chair = i % cw >= cw / 2;
                let noise = if chair { 6.0 * rng.signed() } else { 0.0 };
                let off = if chair { 14.0 } else { 0.0 };
                *u = (128.0 + tint[0]).round() as u8;
                *v = (128.0 + tint[1] + off + noise).round() as u8;
            }
        }
        let matte = Matte {
            luma: vec![255; format.luma_len()],
            chroma: vec![255; format.chroma_len()],
        };
        let key = ColourKey::Dark {
            mean_luma: 30.0,
            tint,
        };
        let white = TargetColour {
            rgb: [240, 240, 240],
        };
        Recolour::new(key, white, Region::Body).apply(&mut frame, &matte);
        let (jacket, chair): (Vec<u8>, Vec<u8>) = {
            let y = frame.y();
            // Four columns either side of the border are its edge, not either side.
            let half = |right: bool| {
                (0..y.len())
                    .filter(|&k| (k % 128).abs_diff(64) >= 4 && (k % 128 >= 64) == right)
                    .map(|k| y[k])
                    .collect::<Vec<u8>>()
            };
            (half(false), half(true))
        };
        assert!(
            jacket.iter().all(|&l| l > 150),
            "the jacket did not turn white"
        );
        let patches = chair.iter().filter(|&&l| l > 50).count();
        assert!(
            patches * 100 < chair.len() * 5,
            "{patches} of {} chair pixels changed",
            chair.len()
        );
    }

    /// SSIM's luminance term between a garment's mean and its recoloured mean stays above
    /// 0.95 whatever the target: dark to light, light to dark.
    #[test]
    fn a_recolour_moves_luma_no_further_than_ssim_allows() {
        for mean in [20.0f32, 58.0, 120.0, 200.0] {
            for target in [16.0f32, 60.0, 195.0, 235.0] {
                let moved = mean + Recolour::luma_shift(target, mean);
                let term = 2.0 * mean * moved / (mean * mean + moved * moved);
                assert!(term > 0.95, "{mean} -> {moved} (target {target}): {term}");
                // And it does move towards the target.
                assert!((moved - mean) * (target - mean) >= 0.0);
            }
        }
    }

    #[test]
    fn hue_key_picks_its_colour_only() {
        let purple = chroma_of([130, 50, 170]);
        let key = ColourKey::Hue {
            direction: chroma_direction([130, 50, 170]),
            mean_chroma: 30.0,
            mean_luma: 80.0,
            luma: FULL_LUMA,
        };
        assert!(key.weight(80.0, purple[0], purple[1]) > 0.99);
        let green = chroma_of([40, 160, 60]);
        assert_eq!(key.weight(120.0, green[0], green[1]), 0.0);
        assert_eq!(key.weight(120.0, 0.0, 0.0), 0.0);
    }

    #[test]
    fn dominant_colour_of_a_red_picture_is_red() {
        let [y, u, v] = rgb_to_yuv([200, 30, 30]);
        let sample = Sample {
            width: 2,
            height: 1,
            y: vec![y as u8; 2],
            u: vec![u as u8; 2],
            v: vec![v as u8; 2],
            offset: None,
            index: 0,
        };
        let rgb = dominant_colour(&sample).unwrap();
        assert!(rgb[0] > 180 && rgb[1] < 60 && rgb[2] < 60, "{rgb:?}");
    }
}
