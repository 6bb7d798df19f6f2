//! Colour grading as one fused lookup.
//!
//! Every colour operation here has the same shape in video-range Y'CbCr: a tone curve on
//! luma, and an affine map of the chroma offset `(Cb-128, Cr-128)` whose matrix and offset
//! depend on luma (saturation, tints, split toning). That family is closed under
//! composition, so a whole grade (say "vintage, slightly warmer, less contrast") compiles
//! once into a 256-entry luma table plus a 256-entry table of chroma matrices, indexed by the
//! input luma. Applying it costs one lookup per luma sample and a 2x2 multiply per chroma
//! sample, which keeps colour edits at the speed of the decode and encode around them.
//! Being a pure per-pixel function, it cannot add flicker.

use recut_media::Frame;

use super::filters::round_to_byte;
use super::{mix, smoothstep, FrameInfo, FrameOp};
use crate::edit::colours::{chroma_direction, chroma_of, rgb_to_yuv};
use crate::edit::plan::{Look, Monochrome, NamedColour, Operation, ToneRegion};

/// One operation's effect at a given input luma `l` (0..=1): new luma, chroma matrix
/// (row-major 2x2) and chroma offset (code values).
#[derive(Debug, Clone, Copy)]
struct Step {
    l: f32,
    m: [f32; 4],
    o: [f32; 2],
}

impl Step {
    fn tone(l: f32) -> Self {
        Self {
            l,
            m: [1.0, 0.0, 0.0, 1.0],
            o: [0.0, 0.0],
        }
    }
}

/// The composed grade, per input luma level.
#[derive(Clone)]
pub struct ColourTransform {
    luma: [u8; 256],
    /// Chroma matrix times 1024.
    matrix: [[i32; 4]; 256],
    /// Chroma offset times 1024, rounding included.
    offset: [[i32; 2]; 256],
    /// The chroma grade is the same at every luma level (black and white, a saturation
    /// change, a plain tint): no 2x2 luma mean is needed per chroma sample.
    uniform_chroma: bool,
    /// The luma curve is the identity, clamped to video range.
    luma_unchanged: bool,
    /// How much skin-coloured chroma is kept out of the grade (`KeepSkinTones`), if at all.
    skin_kept: Option<f32>,
}

/// The grade while it is being built, in floats.
struct Builder {
    l: [f32; 256],
    m: [[f32; 4]; 256],
    o: [[f32; 2]; 256],
    /// The source's tones, around whose mean a contrast change pivots.
    key: ToneKey,
}

impl Builder {
    fn new(key: ToneKey) -> Self {
        let mut l = [0.0; 256];
        for (level, slot) in l.iter_mut().enumerate() {
            *slot = to_unit(level as f32);
        }
        Self {
            l,
            m: [[1.0, 0.0, 0.0, 1.0]; 256],
            o: [[0.0, 0.0]; 256],
            key,
        }
    }

    /// The measured tones as the grade so far has moved them ("darker, more contrast"
    /// pivots where the darkened tones now are): `(luma, share)` pairs, none for mid-grey.
    fn tones(&self) -> Vec<(f32, f32)> {
        self.key
            .shares
            .iter()
            .zip(&self.l)
            .filter(|(&share, _)| share > 0.0)
            .map(|(&share, &l)| (l.clamp(0.0, 1.0), share))
            .collect()
    }

    /// Appends an operation given as a function of the luma it receives.
    fn then(&mut self, op: impl Fn(f32) -> Step) {
        for level in 0..256 {
            let step = op(self.l[level].clamp(0.0, 1.0));
            let [a, b, c, d] = step.m;
            let [p, q, r, s] = self.m[level];
            self.m[level] = [a * p + b * r, a * q + b * s, c * p + d * r, c * q + d * s];
            let [ou, ov] = self.o[level];
            self.o[level] = [a * ou + b * ov + step.o[0], c * ou + d * ov + step.o[1]];
            self.l[level] = step.l;
        }
    }

    fn tone(&mut self, curve: impl Fn(f32) -> f32) {
        self.then(|l| Step::tone(curve(l)));
    }

    /// Tone change that carries chroma along with luma, as a change of exposure does: chroma
    /// is scaled by how much the pixel brightened or darkened.
    fn exposure_like(&mut self, curve: impl Fn(f32) -> f32) {
        self.then(|l| {
            let out = curve(l);
            let gain = ((out + 0.08) / (l + 0.08)).clamp(0.25, 2.5);
            Step {
                l: out,
                m: [gain, 0.0, 0.0, gain],
                o: [0.0, 0.0],
            }
        });
    }

    fn saturation(&mut self, factor: f32) {
        let factor = factor.max(0.0);
        self.then(|l| Step {
            l,
            m: [factor, 0.0, 0.0, factor],
            o: [0.0, 0.0],
        });
    }

    /// Pushes chroma towards `rgb` by `amount` code values, weighted by `weight(l)`.
    fn toward(&mut self, rgb: [u8; 3], amount: f32, weight: impl Fn(f32) -> f32) {
        let [du, dv] = chroma_direction(rgb);
        self.then(|l| {
            let w = amount * weight(l);
            Step {
                l,
                m: [1.0, 0.0, 0.0, 1.0],
                o: [du * w, dv * w],
            }
        });
    }

    /// Contrast around the picture's own tones, so that "more contrast" spreads the tones
    /// the picture has and keeps its mean brightness (a pivot at mid-grey took a night
    /// scene's mean down by a third and, its tones pushed into black, its spread with it).
    /// `amount` is the change of slope at the pivot, the tones' mean: +0.2 is 1.2 times the
    /// spread there ("contrast +20%"), -0.2 is 1/1.25 of it ("contrast 0.8").
    ///
    /// More contrast scales each level's log-odds away from the pivot's: nearly a straight
    /// line over most of the range, bending into black and white instead of clipping at
    /// them. (A power curve either side of the pivot, tried first, flattened so early that
    /// a bright clip's shadows hardly moved: 1.06 times the spread for "+20%".) Being
    /// steeper on one side of a dark or bright picture's mean than on the other, it would
    /// move the mean, so the curve is shifted along the log-odds until the measured tones'
    /// mean is where it was. Less contrast is a straight line through the mean, which keeps
    /// it as it is.
    fn contrast(&mut self, amount: f32) {
        let tones = self.tones();
        let mean = if tones.is_empty() {
            0.5
        } else {
            tones.iter().map(|&(l, share)| l * share).sum::<f32>()
        }
        .clamp(0.02, 0.98);
        if amount < 0.0 {
            let k = 1.0 / (1.0 + 1.25 * (-amount).min(1.0));
            self.tone(|l| mean + (l - mean) * k);
            return;
        }
        let g = 1.0 + amount.min(1.0);
        let logit = |x: f32| {
            let x = x.clamp(1e-4, 1.0 - 1e-4);
            (x / (1.0 - x)).ln()
        };
        let at_pivot = logit(mean);
        let curve = |l: f32, shift: f32| {
            1.0 / (1.0 + (-(at_pivot + shift + g * (logit(l) - at_pivot))).exp())
        };
        // The graded mean grows with the shift: bisect for the one that keeps it.
        let (mut low, mut high) = (-4.0f32, 4.0f32);
        if !tones.is_empty() {
            for _ in 0..40 {
                let shift = 0.5 * (low + high);
                let graded: f32 = tones
                    .iter()
                    .map(|&(l, share)| curve(l, shift) * share)
                    .sum();
                if graded < mean {
                    low = shift;
                } else {
                    high = shift;
                }
            }
        }
        let shift = if tones.is_empty() {
            0.0
        } else {
            0.5 * (low + high)
        };
        self.tone(|l| curve(l, shift));
    }

    fn exposure(&mut self, stops: f32) {
        let gain = 2f32.powf(stops / 2.2);
        self.exposure_like(|l| soft_clip(l * gain));
    }

    /// Lifted blacks and rolled-off whites.
    fn fade(&mut self, strength: f32) {
        let lift = 0.12 * strength;
        let top = 1.0 - 0.08 * strength;
        self.tone(|l| lift + (top - lift) * l);
    }

    /// Moves the shadows (peak at a third of the range) or the highlights (peak at two
    /// thirds) by up to 0.15 of the range, leaving black and white in place. The bump is
    /// `l (1 - l)^2` (or its mirror) scaled to 1 at its peak; at 0.15 the curve stays
    /// monotonic even at full strength, so "crush the blacks" darkens without folding tones
    /// over.
    fn shadows(&mut self, amount: f32) {
        let a = 0.15 * amount.clamp(-1.0, 1.0) * 6.75;
        self.tone(|l| l + a * l * (1.0 - l) * (1.0 - l));
    }

    fn highlights(&mut self, amount: f32) {
        let a = 0.15 * amount.clamp(-1.0, 1.0) * 6.75;
        self.tone(|l| l + a * l * l * (1.0 - l));
    }

    /// The middle of the range moved by up to 0.12, black and white in place: the bump
    /// `4 l (1 - l)` peaks at mid-grey, and at 0.12 its slope never folds tones over.
    fn midtones(&mut self, amount: f32) {
        let a = 0.12 * amount.clamp(-1.0, 1.0) * 4.0;
        self.tone(|l| l + a * l * (1.0 - l));
    }

    /// Subtracts the measured cast at each luma level; near black, where a cast has nothing
    /// to show on, the correction fades out.
    fn remove_cast(&mut self, cast: &ColourCast, strength: f32) {
        let strength = strength.clamp(0.0, 1.0);
        self.then(|l| {
            let (cb, cr) = cast.at(l);
            let w = strength * smoothstep(0.0, 0.06, l);
            Step {
                l,
                m: [1.0, 0.0, 0.0, 1.0],
                o: [-cb * w, -cr * w],
            }
        });
    }

    fn finish(self) -> ColourTransform {
        let mut transform = ColourTransform {
            luma: [0; 256],
            matrix: [[0; 4]; 256],
            offset: [[0; 2]; 256],
            uniform_chroma: false,
            luma_unchanged: false,
            skin_kept: None,
        };
        for level in 0..256 {
            transform.luma[level] = from_unit(self.l[level]).round().clamp(16.0, 235.0) as u8;
            transform.matrix[level] = self.m[level].map(|v| (v * 1024.0).round() as i32);
            transform.offset[level] = self.o[level].map(|v| (v * 1024.0).round() as i32 + 512);
        }
        transform.uniform_chroma = transform.matrix.iter().all(|m| *m == transform.matrix[0])
            && transform.offset.iter().all(|o| *o == transform.offset[0]);
        transform.luma_unchanged =
            (0..=255u8).all(|level| transform.luma[usize::from(level)] == level.clamp(16, 235));
        transform
    }
}

fn to_unit(y: f32) -> f32 {
    (y - 16.0) / 219.0
}

fn from_unit(l: f32) -> f32 {
    16.0 + 219.0 * l
}

/// Keeps highlights from clipping hard when a grade brightens: above 0.8 the curve bends
/// smoothly towards 1.
fn soft_clip(l: f32) -> f32 {
    if l <= 0.8 {
        l
    } else {
        0.8 + 0.2 * ((l - 0.8) / 0.2).tanh()
    }
}

const WARM: [u8; 3] = [255, 150, 60];
const COOL: [u8; 3] = [60, 140, 255];

/// Builds a look's recipe at strength `s`.
fn look(builder: &mut Builder, look: Look, s: f32) {
    match look {
        Look::Warm => {
            builder.toward(WARM, 40.0 * s, |l| {
                smoothstep(0.0, 0.06, l) * (0.4 + 0.6 * l)
            });
            builder.saturation(1.0 + 0.06 * s);
        }
        Look::Cool => {
            builder.toward(COOL, 40.0 * s, |l| {
                smoothstep(0.0, 0.06, l) * (0.4 + 0.6 * l)
            });
        }
        Look::TealOrange => {
            builder.contrast(0.25 * s);
            builder.toward([0, 140, 150], 22.0 * s, |l| (1.0 - l).powf(1.5));
            builder.toward([255, 140, 50], 22.0 * s, |l| l.powf(1.5));
            builder.saturation(1.0 + 0.1 * s);
        }
        Look::GoldenHour => {
            builder.exposure(0.25 * s);
            builder.contrast(0.15 * s);
            builder.toward([255, 175, 55], 30.0 * s, |l| {
                smoothstep(0.0, 0.1, l) * (0.3 + 0.7 * l)
            });
            builder.saturation(1.0 + 0.2 * s);
        }
        Look::DayForNight => {
            builder.saturation(1.0 - 0.7 * s);
            builder.exposure(-1.8 * s);
            builder.tone(|l| l * (1.0 - 0.15 * s));
            builder.toward([70, 110, 255], 16.0 * s, |l| {
                smoothstep(0.0, 0.08, l) * (0.5 + 0.5 * l)
            });
        }
        Look::Cyberpunk => {
            builder.contrast(0.35 * s);
            builder.saturation(1.0 + 0.45 * s);
            builder.toward([40, 70, 255], 22.0 * s, |l| {
                (1.0 - l).powf(1.2) * smoothstep(0.0, 0.1, l)
            });
            builder.toward([255, 40, 200], 24.0 * s, |l| l.powf(1.2));
        }
        Look::Pastel => {
            builder.tone(|l| mix(l, 0.3 + 0.66 * l, s));
            builder.tone(|l| l.powf(1.0 - 0.25 * s));
            builder.saturation(1.0 - 0.4 * s);
        }
        Look::Vintage => {
            builder.fade(s);
            builder.contrast(-0.15 * s);
            builder.saturation(1.0 - 0.3 * s);
            builder.toward([255, 205, 120], 16.0 * s, |l| 0.3 + 0.7 * l);
            builder.toward([60, 140, 120], 7.0 * s, |l| (1.0 - l) * (1.0 - l));
        }
        Look::BleachBypass => {
            builder.saturation(1.0 - 0.6 * s);
            builder.contrast(0.5 * s);
            builder.exposure(-0.1 * s);
        }
        Look::Moody => {
            builder.exposure(-0.45 * s);
            builder.contrast(0.3 * s);
            builder.saturation(1.0 - 0.3 * s);
            builder.toward([40, 90, 130], 10.0 * s, |l| (1.0 - l) * (1.0 - l));
        }
        Look::Horror => {
            builder.saturation(1.0 - 0.5 * s);
            builder.exposure(-0.5 * s);
            builder.contrast(0.35 * s);
            builder.shadows(-0.4 * s);
            builder.toward([70, 150, 120], 14.0 * s, |l| {
                smoothstep(0.0, 0.08, l) * (1.0 - 0.6 * l)
            });
        }
        Look::Thermal => {
            // Chroma is replaced by the colour map's at each brightness, luma follows the
            // map's own brightness so hot (bright) areas read as hot.
            let s = s.clamp(0.0, 1.0);
            builder.then(|l| {
                let (ml, mu, mv) = thermal(l);
                Step {
                    l: mix(l, ml, s),
                    m: [1.0 - s, 0.0, 0.0, 1.0 - s],
                    o: [mu * s, mv * s],
                }
            });
        }
    }
}

const SEPIA: [u8; 3] = [162, 128, 96];

/// The thermal colour map at luma `l` (0-1): its own luma (0-1) and chroma offsets.
fn thermal(l: f32) -> (f32, f32, f32) {
    const STOPS: [(f32, [u8; 3]); 7] = [
        (0.0, [0, 0, 0]),
        (0.18, [20, 20, 140]),
        (0.38, [140, 20, 160]),
        (0.55, [220, 40, 40]),
        (0.72, [250, 140, 20]),
        (0.88, [255, 230, 60]),
        (1.0, [255, 255, 255]),
    ];
    let i = STOPS
        .iter()
        .rposition(|(at, _)| *at <= l)
        .unwrap_or(0)
        .min(STOPS.len() - 2);
    let ((a, ca), (b, cb)) = (STOPS[i], STOPS[i + 1]);
    let t = ((l - a) / (b - a)).clamp(0.0, 1.0);
    let rgb: [u8; 3] =
        std::array::from_fn(|k| mix(f32::from(ca[k]), f32::from(cb[k]), t).round() as u8);
    let [y, cb, cr] = rgb_to_yuv(rgb);
    (to_unit(y), cb - 128.0, cr - 128.0)
}

impl ColourTransform {
    /// Composes the colour-stage operations of a plan, in order; `None` when there are none.
    pub fn from_operations<'a>(
        operations: impl IntoIterator<Item = &'a Operation>,
    ) -> Option<Self> {
        Self::measured(operations, None, &ToneKey::NEUTRAL)
    }

    /// The grade, with a white balance (if the plan has one) removing `cast`. The white
    /// balance runs first whatever the prompt's order: it corrects the source, and a look
    /// asked for with it ("warm") is meant on the corrected picture, not to be undone by it.
    pub fn measured<'a>(
        operations: impl IntoIterator<Item = &'a Operation>,
        cast: Option<&ColourCast>,
        key: &ToneKey,
    ) -> Option<Self> {
        let operations: Vec<&Operation> = operations.into_iter().collect();
        let mut builder = Builder::new(key.clone());
        let mut any = false;
        for operation in &operations {
            if let Operation::WhiteBalance { strength } = operation {
                if let Some(cast) = cast {
                    builder.remove_cast(cast, *strength);
                }
                any = true;
            }
        }
        let mut skin_kept = None;
        for operation in operations {
            if let Operation::KeepSkinTones { strength } = operation {
                skin_kept = Some(strength.clamp(0.0, 1.0));
            }
            any |= apply(&mut builder, operation);
        }
        any.then(|| ColourTransform {
            skin_kept,
            ..builder.finish()
        })
    }

    pub fn apply(&self, frame: &mut Frame) {
        let format = frame.format();
        let (cw, ch) = (
            format.chroma_width() as usize,
            format.chroma_height() as usize,
        );
        SKIN_SCRATCH.with(|scratch| {
            let mut scratch = scratch.borrow_mut();
            // The weights come from the source's chroma, so they are measured before the
            // grade overwrites it; the grade then mixes the source back in as it goes.
            let kept = self.skin_kept.map(|strength| {
                skin_kept_weights(frame.u(), frame.v(), (cw, ch), strength, &mut scratch);
                &scratch.weights[..]
            });
            self.grade(frame, kept);
        });
    }

    /// The grade; where `kept` (per chroma sample, in 1/1024ths) is given, that share of each
    /// sample's source chroma is put back.
    fn grade(&self, frame: &mut Frame, kept: Option<&[u16]>) {
        let format = frame.format();
        let (w, h) = (format.width as usize, format.height as usize);
        let cw = format.chroma_width() as usize;
        let (y, u, v) = frame.planes_mut();
        // Fast paths, with the same results: a grade that does not depend on luma (black and
        // white, a saturation change, a plain tint) needs no 2x2 luma mean per chroma
        // sample, and one that leaves luma alone only clamps it to video range.
        match kept {
            None => self.grade_chroma(y, u, v, (w, h, cw), |_| std::iter::repeat(0)),
            Some(kept) => self.grade_chroma(y, u, v, (w, h, cw), |cy| {
                kept[cy * cw..][..cw].iter().copied()
            }),
        }
        if self.luma_unchanged {
            for value in y.iter_mut() {
                *value = (*value).clamp(16, 235);
            }
        } else {
            for value in y.iter_mut() {
                *value = self.luma[usize::from(*value)];
            }
        }
    }

    /// Every chroma sample through the grade, `keeps(row)` giving each sample of a chroma
    /// row its share of source chroma to put back. Where the grade depends on luma, it is
    /// the luma of the sample's 2x2 block (the source's, so chroma goes first).
    #[inline(always)]
    fn grade_chroma<K: Iterator<Item = u16>>(
        &self,
        y: &[u8],
        u: &mut [u8],
        v: &mut [u8],
        (w, h, cw): (usize, usize, usize),
        keeps: impl Fn(usize) -> K,
    ) {
        // The last chroma column of an odd-width picture covers one luma column only.
        let pairs = w / 2;
        for (cy, (u_row, v_row)) in u.chunks_mut(cw).zip(v.chunks_mut(cw)).enumerate() {
            let mut keep = keeps(cy);
            if self.uniform_chroma {
                let (m, o) = (&self.matrix[0], &self.offset[0]);
                for ((u, v), keep) in u_row.iter_mut().zip(v_row.iter_mut()).zip(&mut keep) {
                    grade_sample(u, v, m, o, keep);
                }
                continue;
            }
            let r0 = &y[(2 * cy).min(h - 1) * w..][..w];
            let r1 = &y[(2 * cy + 1).min(h - 1) * w..][..w];
            let level = |x0: usize, x1: usize| {
                ((u32::from(r0[x0])
                    + u32::from(r0[x1])
                    + u32::from(r1[x0])
                    + u32::from(r1[x1])
                    + 2)
                    >> 2) as usize
            };
            let (u_pairs, u_rest) = u_row.split_at_mut(pairs);
            let (v_pairs, v_rest) = v_row.split_at_mut(pairs);
            for (cx, ((u, v), keep)) in u_pairs
                .iter_mut()
                .zip(v_pairs.iter_mut())
                .zip(&mut keep)
                .enumerate()
            {
                let l = level(2 * cx, 2 * cx + 1);
                grade_sample(u, v, &self.matrix[l], &self.offset[l], keep);
            }
            if let (Some(u), Some(v), Some(keep)) =
                (u_rest.first_mut(), v_rest.first_mut(), keep.next())
            {
                let l = level(w - 1, w - 1);
                grade_sample(u, v, &self.matrix[l], &self.offset[l], keep);
            }
        }
    }
}

/// Skin tones: the hue of the Monk scale's and of photographed skin, 110-152 degrees in
/// BT.709 Cb/Cr (0 = +Cb, 90 = +Cr), from pale (chroma 6) to tanned under warm light (45).
const SKIN_HUE: f32 = 131.0;
/// How far (degrees) skin's own hues lie either side of [`SKIN_HUE`].
const SKIN_SPREAD: f32 = 21.0;
/// Hue distances (degrees) where the protection starts to fade and where it is gone.
const SKIN_HUE_FULL: f32 = 22.0;
const SKIN_HUE_NONE: f32 = 40.0;
/// Chroma (code values) where the protection fades in from grey and out towards
/// saturated oranges and reds, which are not skin.
const SKIN_CHROMA_IN: (f32, f32) = (4.0, 12.0);
const SKIN_CHROMA_OUT: (f32, f32) = (45.0, 65.0);
/// Half-width (chroma samples) of the box that smooths the protection's weights: near grey
/// a sample's hue is mostly noise, and unsmoothed weights would turn that noise into
/// speckles of graded and ungraded chroma.
const SKIN_SMOOTHING: usize = 3;
const _: () = assert!((2 * SKIN_SMOOTHING + 1) * 1024 <= u16::MAX as usize);

/// How much of a chroma sample counts as skin (0-1024), by its own (Cb, Cr): one table of
/// every pair, built once.
fn skin_weights() -> &'static [u16] {
    static TABLE: std::sync::OnceLock<Vec<u16>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        let (full, none) = (
            SKIN_HUE_FULL.to_radians().cos(),
            SKIN_HUE_NONE.to_radians().cos(),
        );
        let (du, dv) = (SKIN_HUE.to_radians().cos(), SKIN_HUE.to_radians().sin());
        (0..65536u32)
            .map(|uv| {
                let (u, v) = ((uv >> 8) as f32 - 128.0, (uv & 255) as f32 - 128.0);
                let chroma = (u * u + v * v).sqrt();
                let cosine = (u * du + v * dv) / chroma.max(1e-3);
                let weight = smoothstep(none, full, cosine)
                    * smoothstep(SKIN_CHROMA_IN.0, SKIN_CHROMA_IN.1, chroma)
                    * (1.0 - smoothstep(SKIN_CHROMA_OUT.0, SKIN_CHROMA_OUT.1, chroma));
                (weight * 1024.0).round() as u16
            })
            .collect()
    })
}

/// Buffers for the skin weights, kept per thread so a frame's weights cost no allocation
/// (and no page faults) after the first frame.
#[derive(Default)]
struct SkinScratch {
    /// The last `2 r + 1` rows of per-sample weights, a ring.
    ring: Vec<u16>,
    /// Per column, the sum of the ring's rows, with `r` zeros each side.
    columns: Vec<u32>,
    /// The result: per chroma sample, the share (1/1024ths) of source chroma to put back.
    weights: Vec<u16>,
}

thread_local! {
    static SKIN_SCRATCH: std::cell::RefCell<SkinScratch> = std::cell::RefCell::default();
}

/// How much of each chroma sample's source colour to keep (1/1024ths): `strength` times its
/// skin weight averaged over a (2 r + 1)-square box, cut short at the frame's edges (each
/// sum divided by its own count). Luma keeps the grade: the protection is of the skin's
/// colour, and a face left at its old brightness in a darkened picture would glow.
fn skin_kept_weights(
    u: &[u8],
    v: &[u8],
    (w, h): (usize, usize),
    strength: f32,
    scratch: &mut SkinScratch,
) {
    let r = SKIN_SMOOTHING;
    let span = 2 * r + 1;
    let table = skin_weights();
    let SkinScratch {
        ring,
        columns,
        weights,
    } = scratch;
    ring.clear();
    ring.resize(span * w, 0);
    columns.clear();
    columns.resize(w + 2 * r, 0);
    weights.clear();
    weights.resize(w * h, 0);
    let across: Vec<f32> = (0..w)
        .map(|x| 1.0 / ((x + r + 1).min(w) - x.saturating_sub(r)) as f32)
        .collect();
    // Row `y`'s weights into its ring slot, added to the column sums.
    let take = |y: usize, ring: &mut [u16], columns: &mut [u32]| {
        let slot = &mut ring[(y % span) * w..][..w];
        let line = y * w..(y + 1) * w;
        for ((weight, &u), &v) in slot.iter_mut().zip(&u[line.clone()]).zip(&v[line]) {
            *weight = table[usize::from(u) << 8 | usize::from(v)];
        }
        for (sum, &weight) in columns[r..r + w].iter_mut().zip(slot.iter()) {
            *sum += u32::from(weight);
        }
    };
    for y in 0..r.min(h) {
        take(y, ring, columns);
    }
    for y in 0..h {
        // Row y - r - 1 leaves the box before row y + r takes its slot.
        if y > r {
            let slot = &ring[((y - r - 1) % span) * w..][..w];
            for (sum, &weight) in columns[r..r + w].iter_mut().zip(slot) {
                *sum -= u32::from(weight);
            }
        }
        if y + r < h {
            take(y + r, ring, columns);
        }
        let down = ((y + r + 1).min(h) - y.saturating_sub(r)) as f32;
        let scale = strength / down;
        // The zeros padding `columns` stand for the columns beyond the edges.
        let boxes = columns.windows(span);
        for ((out, window), &across) in weights[y * w..][..w].iter_mut().zip(boxes).zip(&across) {
            let sum: u32 = window.iter().sum();
            *out = (sum as f32 * scale * across) as u16;
        }
    }
}

/// One chroma sample through a grade's matrix and offset (both times 1024), with `keep`
/// (1/1024ths) of its source value put back.
#[inline(always)]
fn grade_sample(u: &mut u8, v: &mut u8, m: &[i32; 4], o: &[i32; 2], keep: u16) {
    let (su, sv) = (i32::from(*u), i32::from(*v));
    let (du, dv) = (su - 128, sv - 128);
    let gu = (128 + ((m[0] * du + m[1] * dv + o[0]) >> 10)).clamp(16, 240);
    let gv = (128 + ((m[2] * du + m[3] * dv + o[1]) >> 10)).clamp(16, 240);
    let keep = i32::from(keep);
    *u = (gu + (((su - gu) * keep + 512) >> 10)) as u8;
    *v = (gv + (((sv - gv) * keep + 512) >> 10)) as u8;
}

/// Adds one operation to the grade; false for operations of other stages.
fn apply(builder: &mut Builder, operation: &Operation) -> bool {
    match operation {
        Operation::Look {
            look: which,
            strength,
        } => look(builder, *which, *strength),
        Operation::Monochrome { tone, strength } => {
            builder.saturation(1.0 - strength);
            if *tone == Monochrome::Sepia {
                let [su, sv] = chroma_of(SEPIA);
                let s = *strength;
                builder.then(|l| {
                    // Toned most in the midtones, neutral at black and white, like a print.
                    let w = 1.6 * s * (4.0 * l * (1.0 - l)).max(0.0).sqrt();
                    Step {
                        l,
                        m: [1.0, 0.0, 0.0, 1.0],
                        o: [su * w, sv * w],
                    }
                });
            }
        }
        Operation::Exposure { stops } => builder.exposure(*stops),
        Operation::Contrast { amount } => builder.contrast(*amount),
        Operation::Saturation { amount } => builder.saturation(1.0 + amount),
        Operation::Tint { colour, strength } => tint(builder, colour, *strength),
        Operation::CounterTint { colour, strength } => tint(builder, colour, -*strength),
        Operation::SplitTone {
            region,
            colour,
            strength,
        } => split_tone(builder, *region, colour, *strength),
        Operation::Duotone {
            shadows,
            highlights,
            strength,
        } => duotone(builder, shadows, highlights, *strength),
        Operation::Fade { strength } => builder.fade(*strength),
        Operation::Invert => builder.then(|l| Step {
            l: 1.0 - l,
            m: [-1.0, 0.0, 0.0, -1.0],
            o: [0.0, 0.0],
        }),
        Operation::Shadows { amount } => builder.shadows(*amount),
        Operation::Highlights { amount } => builder.highlights(*amount),
        Operation::Midtones { amount } => builder.midtones(*amount),
        Operation::ToneSaturation { region, amount } => {
            let (region, amount) = (*region, amount.clamp(-1.0, 1.0));
            builder.then(|l| {
                let factor = 1.0 + amount * tone_weight(region, l);
                Step {
                    l,
                    m: [factor, 0.0, 0.0, factor],
                    o: [0.0, 0.0],
                }
            });
        }
        // Other stages; and the white balance, which `ColourTransform::measured` applies first.
        _ => return false,
    }
    true
}

/// A shift of chroma towards `colour` in one part of the tonal range: the shadows up to
/// about mid-grey, the highlights from it, or the midtones around it, each fading out into
/// its neighbours so the parts of a split tone meet without a seam. Pure black stays
/// neutral.
fn split_tone(builder: &mut Builder, region: ToneRegion, colour: &NamedColour, strength: f32) {
    let amount = 6.0 + 22.0 * strength.clamp(0.0, 1.0);
    builder.toward(colour.rgb, amount, move |l| tone_weight(region, l));
}

/// How much of a change to one part of the tonal range reaches luma `l`: the shadows up to
/// about mid-grey, the highlights from it, the midtones around it, each fading into its
/// neighbours so that changes to two parts meet without a seam. Pure black is left out of
/// the shadows (it has no colour to change).
fn tone_weight(region: ToneRegion, l: f32) -> f32 {
    match region {
        ToneRegion::Shadows => smoothstep(0.0, 0.08, l) * (1.0 - smoothstep(0.15, 0.6, l)),
        ToneRegion::Highlights => smoothstep(0.4, 0.85, l),
        // Mid-grey and a stop or so either side, fading out before black and white.
        ToneRegion::Midtones => smoothstep(0.12, 0.4, l) * (1.0 - smoothstep(0.6, 0.88, l)),
    }
}

/// The picture's chroma replaced by a blend of two colours' chroma along the tonal range.
/// Luma is kept, so the picture reads as before; the colour fades out towards black and
/// white, where video has no room for it.
fn duotone(builder: &mut Builder, shadows: &NamedColour, highlights: &NamedColour, strength: f32) {
    let s = strength.clamp(0.0, 1.0);
    let [au, av] = chroma_of(shadows.rgb);
    let [bu, bv] = chroma_of(highlights.rgb);
    builder.then(|l| {
        let t = smoothstep(0.1, 0.9, l);
        let room = (1.6 * (4.0 * l * (1.0 - l)).max(0.0).sqrt()).min(1.0) * s;
        Step {
            l,
            m: [1.0 - s, 0.0, 0.0, 1.0 - s],
            o: [mix(au, bu, t) * room, mix(av, bv, t) * room],
        }
    });
}

/// A shift of chroma towards `colour`; away from it for a negative `strength`.
fn tint(builder: &mut Builder, colour: &NamedColour, strength: f32) {
    let amount = (8.0 + 26.0 * strength.abs()).copysign(strength);
    builder.toward(colour.rgb, amount, |l| {
        smoothstep(0.0, 0.08, l) * (0.35 + 0.65 * l)
    });
}

/// A clip's tones: the share of its measured luma at each level, around whose mean its
/// contrast changes pivot. Measured once per clip, so every frame gets the same curve.
#[derive(Debug, Clone, PartialEq)]
pub struct ToneKey {
    /// Per luma level; empty for a picture with nothing to measure (mid-grey is the pivot).
    shares: Vec<f32>,
}

impl ToneKey {
    /// Mid-grey: for a picture with nothing to measure.
    pub const NEUTRAL: ToneKey = ToneKey { shares: Vec::new() };

    /// From luma planes. A picture that is almost all black or all one level (a fade-in's
    /// first frame, a title card) says nothing about the clip's tones: mid-grey then.
    pub fn measure<'a>(planes: impl IntoIterator<Item = &'a [u8]>) -> ToneKey {
        let mut histogram = [0u64; 256];
        for plane in planes {
            for &y in plane {
                histogram[usize::from(y)] += 1;
            }
        }
        let count: u64 = histogram.iter().sum();
        if count == 0 {
            return Self::NEUTRAL;
        }
        let shares: Vec<f32> = histogram
            .iter()
            .map(|&n| (n as f64 / count as f64) as f32)
            .collect();
        let unit = |level: usize| to_unit(level as f32).clamp(0.0, 1.0);
        let mean: f32 = shares
            .iter()
            .enumerate()
            .map(|(level, &s)| s * unit(level))
            .sum();
        let spread = shares
            .iter()
            .enumerate()
            .map(|(level, &s)| s * (unit(level) - mean).powi(2))
            .sum::<f32>()
            .sqrt();
        if mean < 0.03 || spread < 0.02 {
            return Self::NEUTRAL;
        }
        ToneKey { shares }
    }

    /// Whether the grade of `operations` pivots on the key (it changes contrast), so that
    /// the clip's must be measured.
    pub fn matters_for<'a>(operations: impl IntoIterator<Item = &'a Operation>) -> bool {
        let operations: Vec<&Operation> = operations.into_iter().collect();
        let at = |level: usize| {
            let mut shares = vec![0.0; 256];
            shares[level] = 1.0;
            let key = ToneKey { shares };
            ColourTransform::measured(operations.iter().copied(), None, &key)
                .map(|transform| transform.luma)
        };
        at(60) != at(180)
    }
}

/// A clip's colour cast: the chroma offset (Cb, Cr, in code values) that its near-neutral
/// pixels show, per band of luma (a cast from a wrong white balance is a gain per RGB
/// channel, so it grows with brightness). Measured once per clip on the first pass's
/// samples, so the correction is the same in every frame and cannot add flicker.
///
/// The assumption is the usual grey-world one, restricted to what is already nearly grey:
/// pixels within 48 code values of neutral vote for a band's median, and those within 16 of
/// that median give its mean, if they are at least half of the votes. At least two bands
/// must vote, and agree in direction. A scene with nothing grey in it (all foliage, all sky)
/// has no reliable reference, and then there is no cast to remove.
#[derive(Debug, Clone, PartialEq)]
pub struct ColourCast {
    /// (band centre luma 0-1, Cb offset, Cr offset), bands with enough votes, dark to light.
    bands: Vec<(f32, f32, f32)>,
}

const CAST_BANDS: usize = 6;
const CAST_LOW: f32 = 0.06;
const CAST_HIGH: f32 = 0.97;
const CAST_NEAR_NEUTRAL: i32 = 48;
const CAST_AROUND_MEDIAN: i32 = 16;
/// Larger offsets are not a white balance gone wrong but a colourful picture.
const CAST_MAX: f32 = 30.0;

impl ColourCast {
    /// From `(y, u, v)` planes of equal size (chroma on the luma grid). `None` when no band
    /// has enough near-neutral pixels to measure.
    pub fn measure<'a>(
        planes: impl IntoIterator<Item = (&'a [u8], &'a [u8], &'a [u8])> + Clone,
    ) -> Option<ColourCast> {
        let band_of = |y: u8| {
            let l = to_unit(f32::from(y));
            ((CAST_LOW..CAST_HIGH).contains(&l))
                .then(|| (((l - CAST_LOW) / (CAST_HIGH - CAST_LOW)) * CAST_BANDS as f32) as usize)
        };
        let mut hist_u = [[0u32; 256]; CAST_BANDS];
        let mut hist_v = [[0u32; 256]; CAST_BANDS];
        let mut total = 0usize;
        for (y, u, v) in planes.clone() {
            for ((&y, &u), &v) in y.iter().zip(u).zip(v) {
                total += 1;
                let (du, dv) = (i32::from(u) - 128, i32::from(v) - 128);
                if du * du + dv * dv >= CAST_NEAR_NEUTRAL * CAST_NEAR_NEUTRAL {
                    continue;
                }
                if let Some(band) = band_of(y) {
                    hist_u[band][usize::from(u)] += 1;
                    hist_v[band][usize::from(v)] += 1;
                }
            }
        }
        let median = |hist: &[u32; 256]| {
            let half = hist.iter().sum::<u32>().div_ceil(2);
            let mut seen = 0;
            hist.iter()
                .position(|&n| {
                    seen += n;
                    seen >= half
                })
                .unwrap_or(128) as i32
        };
        let medians: Vec<(i32, i32)> = (0..CAST_BANDS)
            .map(|b| (median(&hist_u[b]), median(&hist_v[b])))
            .collect();
        let mut sums = [(0i64, 0i64, 0u32); CAST_BANDS];
        for (y, u, v) in planes {
            for ((&y, &u), &v) in y.iter().zip(u).zip(v) {
                let Some(band) = band_of(y) else { continue };
                let (mu, mv) = medians[band];
                let (du, dv) = (i32::from(u) - mu, i32::from(v) - mv);
                if du * du + dv * dv < CAST_AROUND_MEDIAN * CAST_AROUND_MEDIAN {
                    let sum = &mut sums[band];
                    sum.0 += i64::from(u) - 128;
                    sum.1 += i64::from(v) - 128;
                    sum.2 += 1;
                }
            }
        }
        // A band needs 0.2% of the picture (and at least 64 pixels) to vote, and its votes
        // must agree: grey surfaces under one light cluster tightly around one chroma, while
        // the muted colours of a picture with nothing grey in it scatter. At least half of
        // the band's near-neutral pixels must lie around the median.
        let enough = ((total / 500) as u32).max(64);
        let near: Vec<u32> = hist_u.iter().map(|hist| hist.iter().sum()).collect();
        let bands: Vec<(f32, f32, f32)> = sums
            .iter()
            .enumerate()
            .filter(|(band, sum)| sum.2 >= enough && 2 * sum.2 >= near[*band])
            .map(|(band, &(su, sv, n))| {
                let centre =
                    CAST_LOW + (band as f32 + 0.5) / CAST_BANDS as f32 * (CAST_HIGH - CAST_LOW);
                let (cb, cr) = (su as f32 / n as f32, sv as f32 / n as f32);
                let length = (cb * cb + cr * cr).sqrt();
                let limit = if length > CAST_MAX {
                    CAST_MAX / length
                } else {
                    1.0
                };
                (centre, cb * limit, cr * limit)
            })
            .collect();
        // A white balance error tints every brightness the same way. Bands that disagree,
        // or a lone band (one coloured object of moderate chroma can fill one), are no
        // evidence of a cast.
        if bands.len() < 2 {
            return None;
        }
        let cast = ColourCast { bands };
        let (mean_cb, mean_cr) = cast.mean();
        let mean_length = (mean_cb * mean_cb + mean_cr * mean_cr).sqrt();
        let agree = cast.bands.iter().all(|&(_, cb, cr)| {
            let length = (cb * cb + cr * cr).sqrt();
            // Directions of tiny offsets are noise; they agree with anything.
            length < 2.0
                || mean_length >= 1.0
                    && (cb * mean_cb + cr * mean_cr) / (length * mean_length) > 0.7
        });
        agree.then_some(cast)
    }

    /// The cast at luma `l` (0-1): interpolated between band centres, the end bands' values
    /// beyond them.
    pub fn at(&self, l: f32) -> (f32, f32) {
        let bands = &self.bands;
        let first = bands[0];
        if l <= first.0 {
            return (first.1, first.2);
        }
        for pair in bands.windows(2) {
            let (a, b) = (pair[0], pair[1]);
            if l <= b.0 {
                let t = (l - a.0) / (b.0 - a.0);
                return (mix(a.1, b.1, t), mix(a.2, b.2, t));
            }
        }
        let last = bands[bands.len() - 1];
        (last.1, last.2)
    }

    /// The cast averaged over its bands, for the job result.
    pub fn mean(&self) -> (f32, f32) {
        let n = self.bands.len() as f32;
        let (cb, cr) = self
            .bands
            .iter()
            .fold((0.0, 0.0), |(cb, cr), band| (cb + band.1, cr + band.2));
        (cb / n, cr / n)
    }
}

/// A colour splash: chroma is kept where its hue is within about 25 degrees of the kept
/// colour's and fades to grey by 45 degrees; luma is untouched, so the picture's structure
/// and its frame-to-frame stability are the source's. Hue is measured as the direction of
/// each pixel's (Cb, Cr) offset, and near-grey pixels (whose direction is noise) lose what
/// little chroma they have.
pub struct SelectiveColour {
    direction: [f32; 2],
}

/// Cosines of the hue distances where a colour starts to fade and is gone.
const KEEP_FULLY: f32 = 0.906; // 25 degrees
const KEEP_NONE: f32 = 0.707; // 45 degrees
/// Chroma magnitude (code values) below which a pixel counts as grey.
const GREY: f32 = 6.0;

impl SelectiveColour {
    pub fn new(keep: &NamedColour) -> Self {
        Self {
            direction: chroma_direction(keep.rgb),
        }
    }
}

impl FrameOp for SelectiveColour {
    fn apply(&mut self, frame: &mut Frame, _info: &FrameInfo) {
        scale_chroma_by_hue(frame, self.direction, |cosine, magnitude| {
            smoothstep(KEEP_NONE, KEEP_FULLY, cosine) * smoothstep(0.5 * GREY, GREY, magnitude)
        });
    }
}

/// Scales each chroma sample by `gain(cosine, magnitude)`: the cosine of the angle between
/// its hue and `direction`'s, and its distance from grey. Luma is untouched.
fn scale_chroma_by_hue(frame: &mut Frame, direction: [f32; 2], gain: impl Fn(f32, f32) -> f32) {
    let [du, dv] = direction;
    let (_, u, v) = frame.planes_mut();
    for (u, v) in u.iter_mut().zip(v.iter_mut()) {
        let (cu, cv) = (f32::from(*u) - 128.0, f32::from(*v) - 128.0);
        let magnitude = (cu * cu + cv * cv).sqrt();
        let cosine = (cu * du + cv * dv) / magnitude.max(1e-3);
        let gain = gain(cosine, magnitude);
        *u = round_to_byte(128.0 + cu * gain, 16.0, 240.0);
        *v = round_to_byte(128.0 + cv * gain, 16.0, 240.0);
    }
}

/// Saturation of one band of hues: chroma within about 35 degrees of the colour's hue is
/// scaled by `1 + amount`, fading to untouched by 65 degrees. Luma is untouched, and near-grey
/// pixels (whose hue is noise) are left alone.
pub struct HueSaturation {
    direction: [f32; 2],
    amount: f32,
}

const BAND_FULLY: f32 = 0.819; // 35 degrees
const BAND_NONE: f32 = 0.423; // 65 degrees

impl HueSaturation {
    pub fn new(colour: &NamedColour, amount: f32) -> Self {
        Self {
            direction: chroma_direction(colour.rgb),
            amount: amount.clamp(-1.0, 1.0),
        }
    }

    /// Whether the band around `colour` reaches any skin tone (whose hues lie within
    /// [`SKIN_SPREAD`] of [`SKIN_HUE`]): "make the greens more vibrant" leaves skin alone.
    pub fn reaches_skin(colour: &NamedColour) -> bool {
        let [du, dv] = chroma_direction(colour.rgb);
        let skin = SKIN_HUE.to_radians();
        let cosine = du * skin.cos() + dv * skin.sin();
        cosine > (BAND_NONE.acos() + SKIN_SPREAD.to_radians()).cos()
    }
}

impl FrameOp for HueSaturation {
    fn apply(&mut self, frame: &mut Frame, _info: &FrameInfo) {
        let amount = self.amount;
        scale_chroma_by_hue(frame, self.direction, |cosine, magnitude| {
            1.0 + amount
                * smoothstep(BAND_NONE, BAND_FULLY, cosine)
                * smoothstep(0.5 * GREY, GREY, magnitude)
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::colours::by_name;
    use recut_media::FrameFormat;

    fn flat(y: u8, u: u8, v: u8) -> Frame {
        let mut frame = Frame::new(FrameFormat::new(4, 4));
        let (py, pu, pv) = frame.planes_mut();
        py.fill(y);
        pu.fill(u);
        pv.fill(v);
        frame
    }

    /// The chroma shift a grade gives a flat patch of `rgb`.
    fn shift(operations: &[Operation], rgb: [u8; 3]) -> (f32, f32) {
        let [y, u, v] = rgb_to_yuv(rgb).map(|c| c.round());
        let mut frame = flat(y as u8, u as u8, v as u8);
        ColourTransform::from_operations(operations)
            .unwrap()
            .apply(&mut frame);
        (f32::from(frame.u()[0]) - u, f32::from(frame.v()[0]) - v)
    }

    #[test]
    fn keeping_skin_tones_leaves_skin_out_of_a_grade_and_grades_the_rest() {
        let cool = Operation::Look {
            look: Look::Cool,
            strength: 0.8,
        };
        let keep = Operation::KeepSkinTones { strength: 1.0 };
        let length = |(u, v): (f32, f32)| (u * u + v * v).sqrt();
        // Pale, medium, dark and ruddy skin.
        for skin in [
            [232, 190, 160],
            [198, 140, 105],
            [120, 78, 58],
            [220, 150, 140],
        ] {
            let graded = shift(std::slice::from_ref(&cool), skin);
            let kept = shift(&[cool.clone(), keep.clone()], skin);
            assert!(length(graded) > 15.0, "{skin:?}: {graded:?}");
            assert!(length(kept) <= 1.5, "{skin:?} kept: {kept:?}");
        }
        // Grey, blue, green, a saturated red and a saturated orange are graded as before.
        for other in [
            [128, 128, 128],
            [60, 90, 200],
            [40, 160, 60],
            [200, 30, 40],
            [255, 140, 20],
        ] {
            assert_eq!(
                shift(&[cool.clone(), keep.clone()], other),
                shift(std::slice::from_ref(&cool), other),
                "{other:?}"
            );
        }
    }

    #[test]
    fn the_skin_weights_are_box_means_cut_short_at_the_edges() {
        let table = skin_weights();
        let r = SKIN_SMOOTHING;
        // Sizes below, at and above the box's width, so the ring wraps and the edges meet.
        for (w, h) in [(13, 11), (3, 2), (7, 7), (1, 9)] {
            let u: Vec<u8> = (0..w * h).map(|i| (90 + (i * 37) % 60) as u8).collect();
            let v: Vec<u8> = (0..w * h).map(|i| (140 + (i * 53) % 50) as u8).collect();
            let mut scratch = SkinScratch::default();
            skin_kept_weights(&u, &v, (w, h), 0.75, &mut scratch);
            for y in 0..h {
                for x in 0..w {
                    let (x0, x1) = (x.saturating_sub(r), (x + r + 1).min(w));
                    let (y0, y1) = (y.saturating_sub(r), (y + r + 1).min(h));
                    let mut sum = 0u32;
                    for yy in y0..y1 {
                        for xx in x0..x1 {
                            let k = yy * w + xx;
                            sum += u32::from(table[usize::from(u[k]) << 8 | usize::from(v[k])]);
                        }
                    }
                    let mean = f64::from(sum) / ((x1 - x0) * (y1 - y0)) as f64;
                    let got = f64::from(scratch.weights[y * w + x]);
                    assert!(
                        (got - 0.75 * mean).abs() <= 1.0,
                        "{w}x{h} at {x},{y}: {got} against {mean}"
                    );
                }
            }
        }
    }

    #[test]
    fn skin_protection_does_not_speckle_noisy_walls() {
        // Flat walls with chroma noise of a few code values: neutral, a warm grey and a
        // beige at the edge of the skin hues, where noise moves a sample's weight most.
        for (cu, cv) in [(0.0f32, 0.0f32), (-5.0, 6.0), (-14.0, 4.0)] {
            let format = FrameFormat::new(64, 64);
            let mut source = Frame::new(format);
            let mut state = 12345u32;
            let mut noise = || {
                state = state.wrapping_mul(1_103_515_245).wrapping_add(12345);
                ((state >> 16) % 9) as f32 - 4.0
            };
            {
                let (y, u, v) = source.planes_mut();
                y.fill(150);
                u.iter_mut().for_each(|c| *c = (128.0 + cu + noise()) as u8);
                v.iter_mut().for_each(|c| *c = (128.0 + cv + noise()) as u8);
            }
            let spread = |operations: &[Operation]| {
                let mut frame = source.clone();
                ColourTransform::from_operations(operations)
                    .unwrap()
                    .apply(&mut frame);
                let values: Vec<f32> = frame.u().iter().map(|&c| f32::from(c)).collect();
                let mean = values.iter().sum::<f32>() / values.len() as f32;
                (values.iter().map(|c| (c - mean).powi(2)).sum::<f32>() / values.len() as f32)
                    .sqrt()
            };
            let cool = Operation::Look {
                look: Look::Cool,
                strength: 0.8,
            };
            let graded = spread(std::slice::from_ref(&cool));
            let kept = spread(&[cool, Operation::KeepSkinTones { strength: 1.0 }]);
            assert!(
                kept < graded + 0.5,
                "wall {cu},{cv}: noise {graded:.2} graded, {kept:.2} with skin kept"
            );
        }
    }

    #[test]
    fn a_counter_tint_moves_away_from_its_colour() {
        let yellow = by_name("yellow").unwrap();
        let grade = |operation: Operation| {
            let mut frame = flat(128, 128, 128);
            ColourTransform::from_operations(&[operation])
                .unwrap()
                .apply(&mut frame);
            (i32::from(frame.u()[0]) - 128, i32::from(frame.v()[0]) - 128)
        };
        let toward = grade(Operation::Tint {
            colour: yellow.clone(),
            strength: 0.6,
        });
        let away = grade(Operation::CounterTint {
            colour: yellow,
            strength: 0.6,
        });
        // Yellow has low Cb: a yellow tint lowers it, its counter raises it as much.
        assert!(toward.0 < -10, "{toward:?}");
        assert_eq!((away.0, away.1), (-toward.0, -toward.1));
    }

    #[test]
    fn a_split_tone_colours_its_region_only_and_keeps_black_neutral() {
        let blue = by_name("blue").unwrap();
        let shade = |region, y: u8| {
            let mut frame = flat(y, 128, 128);
            ColourTransform::from_operations(&[Operation::SplitTone {
                region,
                colour: blue.clone(),
                strength: 0.6,
            }])
            .unwrap()
            .apply(&mut frame);
            i32::from(frame.u()[0]) - 128
        };
        // Blue raises Cb. Shadows: dark greys turn blue, bright ones stay grey.
        assert!(shade(ToneRegion::Shadows, 50) > 10);
        assert!(shade(ToneRegion::Shadows, 200).abs() <= 1);
        assert!(
            shade(ToneRegion::Shadows, 16).abs() <= 1,
            "black stays black"
        );
        assert!(shade(ToneRegion::Highlights, 200) > 10);
        assert!(shade(ToneRegion::Highlights, 50).abs() <= 1);
        assert!(shade(ToneRegion::Midtones, 126) > 10);
        for dark_or_bright in [20, 230] {
            assert!(shade(ToneRegion::Midtones, dark_or_bright).abs() <= 1);
        }
    }

    #[test]
    fn no_colour_operations_means_no_transform() {
        assert!(ColourTransform::from_operations(&[Operation::Grain {
            strength: 0.5,
            size: 1.0
        }])
        .is_none());
    }

    #[test]
    fn black_and_white_removes_chroma() {
        let transform = ColourTransform::from_operations(&[Operation::Monochrome {
            tone: Monochrome::BlackAndWhite,
            strength: 1.0,
        }])
        .unwrap();
        let mut frame = flat(120, 60, 200);
        transform.apply(&mut frame);
        assert_eq!(frame.y()[0], 120);
        assert!(frame.u().iter().chain(frame.v()).all(|&c| c == 128));
    }

    #[test]
    fn warm_raises_cr_and_lowers_cb() {
        let transform = ColourTransform::from_operations(&[Operation::Look {
            look: Look::Warm,
            strength: 0.6,
        }])
        .unwrap();
        let mut frame = flat(128, 128, 128);
        transform.apply(&mut frame);
        assert!(
            frame.v()[0] > 133 && frame.u()[0] < 124,
            "{} {}",
            frame.u()[0],
            frame.v()[0]
        );
    }

    #[test]
    fn contrast_pivots_on_the_measured_mid_tone_and_keeps_black_and_white() {
        // A night scene's luma (levels 25-70) and a fade-in's black first frame.
        let night: Vec<u8> = (0..4096).map(|k| 25 + (k % 46) as u8).collect();
        let key = ToneKey::measure([&night[..]]);
        assert_ne!(key, ToneKey::NEUTRAL);
        assert_eq!(ToneKey::measure([&[16u8; 4096][..]]), ToneKey::NEUTRAL);
        assert_eq!(ToneKey::measure(std::iter::empty()), ToneKey::NEUTRAL);
        for amount in [-1.0f32, -0.6, -0.2, 0.2, 0.6, 1.0] {
            let op = [Operation::Contrast { amount }];
            let table = ColourTransform::measured(&op, None, &key).unwrap().luma;
            assert!(
                table.windows(2).all(|w| w[0] <= w[1]),
                "{amount}: monotonic"
            );
            if amount > 0.0 {
                assert_eq!(
                    (table[16], table[235]),
                    (16, 235),
                    "{amount}: black and white stay"
                );
            }
            // The night's tones spread (or gather) around their own mean, which stays.
            let graded: Vec<f64> = night
                .iter()
                .map(|&y| f64::from(table[usize::from(y)]))
                .collect();
            let stats = |values: &[f64]| {
                let mean = values.iter().sum::<f64>() / values.len() as f64;
                let spread = (values.iter().map(|v| (v - mean).powi(2)).sum::<f64>()
                    / values.len() as f64)
                    .sqrt();
                (mean, spread)
            };
            let (before_mean, before_spread) =
                stats(&night.iter().map(|&y| f64::from(y)).collect::<Vec<_>>());
            let (after_mean, after_spread) = stats(&graded);
            assert!(
                (after_mean - before_mean).abs() < 1.0,
                "{amount}: mean {before_mean:.1} -> {after_mean:.1}"
            );
            let factor = after_spread / before_spread;
            // Less contrast is a straight line, exact; more bends towards black and white,
            // so the spread grows by a little less than the slope at the pivot.
            let amount = f64::from(amount);
            let (low, high) = if amount > 0.0 {
                (1.0 + 0.6 * amount, 1.0 + 1.05 * amount)
            } else {
                let k = 1.0 / (1.0 - 1.25 * amount);
                (0.95 * k, 1.05 * k)
            };
            assert!(
                (low..high).contains(&factor),
                "{amount}: spread x{factor:.2}, expected x{low:.2}-{high:.2}"
            );
        }
        // Only a grade that changes contrast depends on the key.
        assert!(ToneKey::matters_for(&[Operation::Contrast { amount: 0.3 }]));
        assert!(!ToneKey::matters_for(&[Operation::Saturation {
            amount: 0.3
        }]));
    }

    #[test]
    fn a_tone_range_s_saturation_changes_there_only() {
        let scale = |region, amount| {
            let transform =
                ColourTransform::from_operations(&[Operation::ToneSaturation { region, amount }])
                    .unwrap();
            // The chroma matrix's diagonal, per input luma (times 1024).
            move |level: usize| transform.matrix[level][0] as f32 / 1024.0
        };
        let highlights = scale(ToneRegion::Highlights, -0.6);
        assert!(
            highlights(230) < 0.45,
            "highlights desaturated: {}",
            highlights(230)
        );
        assert!(highlights(40) > 0.99, "shadows kept: {}", highlights(40));
        let shadows = scale(ToneRegion::Shadows, 0.6);
        assert!(shadows(50) > 1.4, "shadows saturated: {}", shadows(50));
        assert!(shadows(220) < 1.01, "highlights kept: {}", shadows(220));
        // The weight fades, so no level jumps.
        for level in 17..235 {
            assert!((highlights(level) - highlights(level - 1)).abs() < 0.05);
        }
    }

    #[test]
    fn shadows_and_highlights_move_their_tones_and_keep_black_and_white() {
        let curve = |op: Operation| ColourTransform::from_operations(&[op]).unwrap().luma;
        let lift = curve(Operation::Shadows { amount: 0.6 });
        let recover = curve(Operation::Highlights { amount: -0.6 });
        for table in [&lift, &recover] {
            assert_eq!((table[16], table[235]), (16, 235), "black and white stay");
        }
        // A dark tone rises a lot, a bright one hardly; and the mirror for highlights.
        assert!(
            lift[90] >= 90 + 15 && lift[200] <= 200 + 4,
            "{} {}",
            lift[90],
            lift[200]
        );
        assert!(
            recover[160] <= 160 - 15 && recover[60] >= 60 - 4,
            "{} {}",
            recover[160],
            recover[60]
        );
        // The midtones move most at mid-grey, little near black and white.
        let mids = curve(Operation::Midtones { amount: 0.6 });
        assert_eq!((mids[16], mids[235]), (16, 235), "black and white stay");
        assert!(
            mids[126] >= 126 + 12 && mids[30] <= 30 + 4 && mids[222] <= 222 + 4,
            "{} {} {}",
            mids[30],
            mids[126],
            mids[222]
        );
        // Even at full strength the curves never fold tones over.
        for op in [
            Operation::Shadows { amount: -1.0 },
            Operation::Shadows { amount: 1.0 },
            Operation::Highlights { amount: -1.0 },
            Operation::Highlights { amount: 1.0 },
            Operation::Midtones { amount: -1.0 },
            Operation::Midtones { amount: 1.0 },
        ] {
            let table = curve(op.clone());
            assert!(
                table.windows(2).all(|w| w[0] <= w[1]),
                "{op:?} is monotonic"
            );
        }
    }

    #[test]
    fn a_measured_cast_is_removed_and_colourful_pixels_do_not_vote() {
        // A grey ramp with a warm cast that grows with luma (as an RGB gain does), beside a
        // saturated blue patch that must not pull the estimate.
        let (w, h) = (64, 32);
        let mut y = vec![0u8; w * h];
        let mut u = vec![0u8; w * h];
        let mut v = vec![0u8; w * h];
        for row in 0..h {
            for x in 0..w {
                let k = row * w + x;
                if x < 16 {
                    (y[k], u[k], v[k]) = (80, 200, 100);
                    continue;
                }
                let level = 30 + (x as u32 * 190 / w as u32) as u8;
                let l = to_unit(f32::from(level));
                y[k] = level;
                u[k] = (128.0 - 10.0 * l).round() as u8;
                v[k] = (128.0 + 14.0 * l).round() as u8;
            }
        }
        let planes = [(&y[..], &u[..], &v[..])];
        let cast = ColourCast::measure(planes.iter().copied()).expect("grey pixels to vote");
        let (cb, cr) = cast.at(to_unit(180.0));
        assert!(
            (cb + 7.5).abs() < 2.0 && (cr - 10.5).abs() < 2.0,
            "{cb} {cr}"
        );
        let transform = ColourTransform::measured(
            &[Operation::WhiteBalance { strength: 1.0 }],
            Some(&cast),
            &ToneKey::NEUTRAL,
        )
        .unwrap();
        let mut grey = flat(180, (128.0 - 10.0 * to_unit(180.0)).round() as u8, 139);
        transform.apply(&mut grey);
        let (du, dv) = (i32::from(grey.u()[0]) - 128, i32::from(grey.v()[0]) - 128);
        assert!(du.abs() <= 2 && dv.abs() <= 2, "{du} {dv}");
        assert_eq!(grey.y()[0], 180, "luma is left alone");
        // All colour, nothing grey: nothing to measure.
        let colourful = [(&y[..16], &u[..16], &v[..16])];
        assert!(ColourCast::measure(colourful.iter().copied()).is_none());
        // Muted colours of every hue, none of them grey: they scatter, so no cast is read
        // into them.
        let (mut y, mut u, mut v) = (Vec::new(), Vec::new(), Vec::new());
        for k in 0..4096u32 {
            let angle = k as f32 * 0.618 * std::f32::consts::TAU;
            let radius = 12.0 + (k % 7) as f32 * 5.0;
            y.push(60 + (k % 150) as u8);
            u.push((128.0 + radius * angle.cos()).round() as u8);
            v.push((128.0 + radius * angle.sin()).round() as u8);
        }
        let scattered = [(&y[..], &u[..], &v[..])];
        assert!(ColourCast::measure(scattered.iter().copied()).is_none());
        // One object of moderate colour in one band of brightness, the rest saturated: a
        // tight cluster, but not a cast.
        let (mut y, mut u, mut v) = (vec![90u8; 4096], vec![128u8 - 12; 4096], vec![158u8; 4096]);
        for k in 0..3000 {
            (y[k], u[k], v[k]) = (40 + (k % 180) as u8, 220, 60);
        }
        let object = [(&y[..], &u[..], &v[..])];
        assert!(ColourCast::measure(object.iter().copied()).is_none());
    }

    #[test]
    fn a_negative_inverts_luma_and_chroma() {
        let transform = ColourTransform::from_operations(&[Operation::Invert]).unwrap();
        for (y, u, v) in [(16u8, 100u8, 150u8), (235, 128, 128), (120, 140, 110)] {
            let mut frame = flat(y, u, v);
            transform.apply(&mut frame);
            let inverted = (i32::from(frame.y()[0]), frame.u()[0], frame.v()[0]);
            assert!(
                (inverted.0 - (251 - i32::from(y))).abs() <= 1,
                "{y} -> {inverted:?}"
            );
            assert!(inverted.1.abs_diff(255 - u + 1) <= 1 && inverted.2.abs_diff(255 - v + 1) <= 1);
        }
    }

    #[test]
    fn thermal_colours_by_brightness() {
        let transform = ColourTransform::from_operations(&[Operation::Look {
            look: Look::Thermal,
            strength: 1.0,
        }])
        .unwrap();
        let colour = |y: u8| {
            let mut frame = flat(y, 128, 128);
            transform.apply(&mut frame);
            (frame.y()[0], frame.u()[0], frame.v()[0])
        };
        let (_, cold_u, _) = colour(50);
        let (_, warm_u, warm_v) = colour(150);
        let (hot_y, _, _) = colour(225);
        assert!(cold_u > 140, "dark is blue: {cold_u}");
        assert!(
            warm_v > 160 && warm_u < 128,
            "mid is red-orange: {warm_u} {warm_v}"
        );
        assert!(hot_y > 200, "bright stays bright: {hot_y}");
    }

    #[test]
    fn composition_follows_operation_order() {
        // Desaturating after a tint removes it; tinting after desaturating keeps it.
        let red = NamedColour {
            name: "red".into(),
            rgb: [210, 30, 35],
        };
        let tint = Operation::Tint {
            colour: red,
            strength: 0.6,
        };
        let mono = Operation::Monochrome {
            tone: Monochrome::BlackAndWhite,
            strength: 1.0,
        };
        let mut a = flat(128, 128, 128);
        ColourTransform::from_operations([&tint, &mono])
            .unwrap()
            .apply(&mut a);
        assert_eq!(a.v()[0], 128);
        let mut b = flat(128, 128, 128);
        ColourTransform::from_operations([&mono, &tint])
            .unwrap()
            .apply(&mut b);
        assert!(b.v()[0] > 140);
    }

    #[test]
    fn a_colour_splash_keeps_only_the_named_hue() {
        use crate::edit::colours::rgb_to_yuv;
        // Four chroma columns: red, green, blue and a near-grey.
        let format = recut_media::FrameFormat::new(8, 2);
        let mut frame = Frame::new(format);
        let patches = [
            [210u8, 30, 35],
            [40, 160, 60],
            [30, 80, 210],
            [130, 128, 126],
        ];
        {
            let (y, u, v) = frame.planes_mut();
            y.fill(100);
            for (i, rgb) in patches.iter().enumerate() {
                let [_, cb, cr] = rgb_to_yuv(*rgb);
                u[i] = cb.round() as u8;
                v[i] = cr.round() as u8;
            }
        }
        let before: Vec<(u8, u8)> = frame
            .u()
            .iter()
            .copied()
            .zip(frame.v().iter().copied())
            .collect();
        let info = FrameInfo {
            index: 0,
            seed: 0,
            scale: 1.0,
        };
        SelectiveColour::new(&by_name("red").unwrap()).apply(&mut frame, &info);
        assert!(frame.y().iter().all(|&y| y == 100), "luma untouched");
        assert_eq!((frame.u()[0], frame.v()[0]), before[0], "red kept");
        for i in 1..4 {
            assert_eq!((frame.u()[i], frame.v()[i]), (128, 128), "patch {i} greyed");
        }
    }

    /// Chroma magnitude of each chroma sample after `op` runs on the four patches (red,
    /// green, blue, near-grey) of `a_colour_splash_keeps_only_the_named_hue`.
    fn patch_chroma(op: &mut dyn FrameOp) -> Vec<f32> {
        use crate::edit::colours::rgb_to_yuv;
        let mut frame = Frame::new(recut_media::FrameFormat::new(8, 2));
        {
            let (y, u, v) = frame.planes_mut();
            y.fill(100);
            for (i, rgb) in [
                [210u8, 30, 35],
                [40, 160, 60],
                [30, 80, 210],
                [130, 128, 126],
            ]
            .iter()
            .enumerate()
            {
                let [_, cb, cr] = rgb_to_yuv(*rgb);
                u[i] = cb.round() as u8;
                v[i] = cr.round() as u8;
            }
        }
        let info = FrameInfo {
            index: 0,
            seed: 0,
            scale: 1.0,
        };
        op.apply(&mut frame, &info);
        assert!(frame.y().iter().all(|&y| y == 100), "luma untouched");
        frame
            .u()
            .iter()
            .zip(frame.v())
            .map(|(&u, &v)| (f32::from(u) - 128.0).hypot(f32::from(v) - 128.0))
            .collect()
    }

    #[test]
    fn hue_saturation_changes_only_its_band_of_hues() {
        let green = by_name("green").unwrap();
        let before = patch_chroma(&mut HueSaturation::new(&green, 0.0));
        let vivid = patch_chroma(&mut HueSaturation::new(&green, 0.6));
        let muted = patch_chroma(&mut HueSaturation::new(&green, -0.6));
        assert!(vivid[1] > before[1] * 1.5, "{before:?} -> {vivid:?}");
        assert!(muted[1] < before[1] * 0.5, "{before:?} -> {muted:?}");
        for i in [0, 2, 3] {
            assert_eq!(vivid[i], before[i], "patch {i} untouched");
            assert_eq!(muted[i], before[i], "patch {i} untouched");
        }
    }

    #[test]
    fn a_duotone_colours_shadows_and_highlights_with_its_two_colours() {
        let (navy, pink) = (by_name("blue").unwrap(), by_name("pink").unwrap());
        let transform = ColourTransform::from_operations(&[Operation::Duotone {
            shadows: navy.clone(),
            highlights: pink.clone(),
            strength: 1.0,
        }])
        .unwrap();
        // A red pixel in the shadows and a green one in the highlights: their own colour goes,
        // the duotone's comes.
        let hue = |y: u8, u: u8, v: u8| {
            let mut frame = flat(y, u, v);
            transform.apply(&mut frame);
            assert_eq!(frame.y()[0], y, "luma kept");
            let (cu, cv) = (
                f32::from(frame.u()[0]) - 128.0,
                f32::from(frame.v()[0]) - 128.0,
            );
            cu.atan2(cv)
        };
        let angle = |rgb: [u8; 3]| {
            let [cu, cv] = chroma_of(rgb);
            cu.atan2(cv)
        };
        let near = |a: f32, b: f32| {
            let d = (a - b).abs();
            d.min(std::f32::consts::TAU - d) < 0.2
        };
        assert!(
            near(hue(60, 110, 190), angle(navy.rgb)),
            "shadows take the blue"
        );
        assert!(
            near(hue(200, 100, 90), angle(pink.rgb)),
            "highlights take the pink"
        );
    }
}
