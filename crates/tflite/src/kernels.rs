//! The op kernels, NHWC float32, batch one. Convolution weights are re-laid out at load so
//! that the innermost loop runs over output channels, contiguous in both the weights and
//! the output pixel: it vectorises, and there is no im2col buffer.

use rayon::prelude::*;

use crate::Error;

/// A tensor's dimensions as NHWC (lower ranks pad to the left: a vector of C is 1x1x1xC).
/// Activations have a batch of one; for convolution weights `n` is the output channels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shape {
    pub n: usize,
    pub h: usize,
    pub w: usize,
    pub c: usize,
}

impl Shape {
    pub fn from_dims(dims: &[i32]) -> Result<Self, Error> {
        let dims: Vec<usize> = dims
            .iter()
            .map(|&d| usize::try_from(d).map_err(|_| Error::Unsupported(format!("dimension {d}"))))
            .collect::<Result<_, _>>()?;
        let (n, h, w, c) = match dims.as_slice() {
            [] => (1, 1, 1, 1),
            [c] => (1, 1, 1, *c),
            [w, c] => (1, 1, *w, *c),
            [h, w, c] => (1, *h, *w, *c),
            [n, h, w, c] => (*n, *h, *w, *c),
            _ => return Err(Error::Unsupported(format!("rank {} tensor", dims.len()))),
        };
        Ok(Self { n, h, w, c })
    }

    pub fn len(&self) -> usize {
        self.n * self.h * self.w * self.c
    }
}

#[derive(Debug, Clone, Copy)]
pub enum Activation {
    None,
    Relu,
    ReluN1To1,
    Relu6,
}

impl Activation {
    pub fn from_code(code: u8) -> Result<Self, Error> {
        Ok(match code {
            0 => Self::None,
            1 => Self::Relu,
            2 => Self::ReluN1To1,
            3 => Self::Relu6,
            other => return Err(Error::Unsupported(format!("fused activation {other}"))),
        })
    }

    fn apply(self, values: &mut [f32]) {
        let (lo, hi) = match self {
            Self::None => return,
            Self::Relu => (0.0, f32::INFINITY),
            Self::ReluN1To1 => (-1.0, 1.0),
            Self::Relu6 => (0.0, 6.0),
        };
        for v in values {
            *v = v.clamp(lo, hi);
        }
    }
}

#[derive(Clone, Copy)]
enum Kind {
    Plain,
    Depthwise,
    Transposed,
}

/// A convolution (plain, depthwise or transposed) with its weights laid out for its loop.
pub struct Conv {
    input: Shape,
    output: Shape,
    kernel: (usize, usize),
    stride: (usize, usize),
    dilation: (usize, usize),
    /// Top and left padding (for a transposed convolution, cropped off the output).
    pad: (usize, usize),
    /// Plain: [ky][kx][ic][oc]. Depthwise: [ky][kx][oc]. Transposed: [ky][kx][ic][oc].
    weights: Vec<f32>,
    bias: Vec<f32>,
    activation: Activation,
    /// The CPU has AVX2.
    avx2: bool,
}

fn avx2() -> bool {
    #[cfg(target_arch = "x86_64")]
    {
        std::arch::is_x86_feature_detected!("avx2")
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        false
    }
}

/// Below this many multiply-adds an op runs on the calling thread: splitting costs more.
const PARALLEL_WORK: usize = 1 << 18;

/// Output channels a pointwise block keeps in registers: one AVX2 register of f32.
const LANES: usize = 8;
/// Pixels a pointwise block works on at once (four registers of sums).
const BLOCK: usize = 4;

/// Padding before the data, TFLite's rule: half the total, the odd pixel after.
fn same_padding(
    input: usize,
    output: usize,
    kernel: usize,
    stride: usize,
    dilation: usize,
) -> usize {
    let span = (kernel - 1) * dilation + 1;
    ((output - 1) * stride + span).saturating_sub(input) / 2
}

impl Conv {
    /// `stride` and `dilation` are (height, width). `weights` as the model stores them:
    /// [oc][kh][kw][ic] for a plain convolution, [1][kh][kw][oc] for a depthwise one.
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        input: &Shape,
        weight_shape: &Shape,
        output: &Shape,
        weights: Vec<f32>,
        bias: Vec<f32>,
        stride: (usize, usize),
        dilation: (usize, usize),
        same: bool,
        activation: Activation,
        depthwise: bool,
    ) -> Result<Self, Error> {
        let (kh, kw) = (weight_shape.h, weight_shape.w);
        let (ic, oc) = (input.c, output.c);
        let outer = weight_shape.n;
        let fits = input.n == 1
            && output.n == 1
            && weights.len() == weight_shape.len()
            && kh > 0
            && kw > 0
            && if depthwise {
                weight_shape.c == oc && outer == 1 && oc % ic == 0
            } else {
                weight_shape.c == ic && outer == oc
            };
        if !fits || bias.len() != oc || stride.0 == 0 || stride.1 == 0 {
            return Err(Error::Malformed(format!(
                "convolution weights {outer}x{kh}x{kw}x{} for {ic} -> {oc} channels",
                weight_shape.c
            )));
        }
        let pad = if same {
            (
                same_padding(input.h, output.h, kh, stride.0, dilation.0),
                same_padding(input.w, output.w, kw, stride.1, dilation.1),
            )
        } else {
            (0, 0)
        };
        let weights = if depthwise {
            weights
        } else {
            let mut laid = vec![0.0; weights.len()];
            for o in 0..oc {
                for k in 0..kh * kw {
                    for i in 0..ic {
                        laid[(k * ic + i) * oc + o] = weights[(o * kh * kw + k) * ic + i];
                    }
                }
            }
            laid
        };
        Ok(Self {
            input: *input,
            output: *output,
            kernel: (kh, kw),
            stride,
            dilation,
            pad,
            weights,
            bias,
            activation,
            avx2: avx2(),
        })
    }

    /// MediaPipe's `Convolution2DTransposeBias`: weights [oc][kh][kw][ic], SAME padding.
    pub fn transposed(
        input: &Shape,
        weight_shape: &Shape,
        output: &Shape,
        weights: Vec<f32>,
        bias: Vec<f32>,
        stride: (usize, usize),
    ) -> Result<Self, Error> {
        let mut conv = Self::new(
            input,
            weight_shape,
            output,
            weights,
            bias,
            stride,
            (1, 1),
            false,
            Activation::None,
            false,
        )?;
        // TFLite pads a transposed convolution as the forward one it undoes.
        conv.pad = (
            same_padding(output.h, input.h, conv.kernel.0, stride.0, 1),
            same_padding(output.w, input.w, conv.kernel.1, stride.1, 1),
        );
        Ok(conv)
    }

    fn work(&self) -> usize {
        self.output.len() * self.kernel.0 * self.kernel.1 * self.input.c
    }

    /// One output row of the convolution `kind`.
    #[inline(always)]
    fn row(&self, kind: Kind, input: &[f32], oy: usize, row: &mut [f32]) {
        match kind {
            Kind::Plain => self.run_row(input, oy, row),
            Kind::Depthwise => self.run_depthwise_row(input, oy, row),
            Kind::Transposed => self.run_transposed_row(input, oy, row),
        }
    }

    /// The same row compiled for AVX2: the channel loops run eight lanes wide instead of
    /// four. Same operations in the same order, so the same results.
    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx2")]
    unsafe fn row_avx2(&self, kind: Kind, input: &[f32], oy: usize, row: &mut [f32]) {
        self.row(kind, input, oy, row)
    }

    /// Runs every output row, on the pool when the op is large.
    fn rows(&self, kind: Kind, input: &[f32], out: &mut [f32]) {
        let width = self.output.w * self.output.c;
        let one = |oy: usize, row: &mut [f32]| {
            #[cfg(target_arch = "x86_64")]
            if self.avx2 {
                // SAFETY: `avx2` is only set where the CPU was found to have it.
                unsafe { self.row_avx2(kind, input, oy, row) };
                return;
            }
            self.row(kind, input, oy, row)
        };
        if self.work() >= PARALLEL_WORK {
            out.par_chunks_mut(width)
                .enumerate()
                .for_each(|(y, r)| one(y, r));
        } else {
            for (y, r) in out.chunks_mut(width).enumerate() {
                one(y, r);
            }
        }
    }

    /// Input row or column feeding output `o` at kernel tap `k`, if inside the input.
    fn source(
        o: usize,
        k: usize,
        stride: usize,
        dilation: usize,
        pad: usize,
        limit: usize,
    ) -> Option<usize> {
        (o * stride + k * dilation)
            .checked_sub(pad)
            .filter(|&i| i < limit)
    }

    pub fn run(&self, input: &[f32], out: &mut [f32]) {
        self.rows(Kind::Plain, input, out);
    }

    /// Calls `tap` with each kernel tap's index and the input pixel it reads for output
    /// pixel (`oy`, `ox`), skipping taps that fall in the padding.
    #[inline(always)]
    fn each_tap(&self, oy: usize, ox: usize, mut tap: impl FnMut(usize, usize)) {
        let (kh, kw) = self.kernel;
        for ky in 0..kh {
            let Some(iy) = Self::source(
                oy,
                ky,
                self.stride.0,
                self.dilation.0,
                self.pad.0,
                self.input.h,
            ) else {
                continue;
            };
            for kx in 0..kw {
                let Some(ix) = Self::source(
                    ox,
                    kx,
                    self.stride.1,
                    self.dilation.1,
                    self.pad.1,
                    self.input.w,
                ) else {
                    continue;
                };
                tap(ky * kw + kx, iy * self.input.w + ix);
            }
        }
    }

    #[inline(always)]
    fn run_row(&self, input: &[f32], oy: usize, row: &mut [f32]) {
        let (ic, oc) = (self.input.c, self.output.c);
        let blocked = if self.is_pointwise() {
            self.pointwise_blocks(input, oy, row)
        } else {
            0
        };
        for (ox, pixel) in row.chunks_exact_mut(oc).enumerate().skip(blocked) {
            pixel.copy_from_slice(&self.bias);
            self.each_tap(oy, ox, |k, at| {
                let taps = &self.weights[k * ic * oc..][..ic * oc];
                for (&a, weights) in input[at * ic..][..ic].iter().zip(taps.chunks_exact(oc)) {
                    for (o, &w) in pixel.iter_mut().zip(weights) {
                        *o += a * w;
                    }
                }
            });
            self.activation.apply(pixel);
        }
    }

    /// A 1x1 convolution over whole rows (no stride, no padding) whose output channels
    /// come in eights: the most common op of the segmentation models, 40 % of their time
    /// when run pixel by pixel.
    fn is_pointwise(&self) -> bool {
        self.kernel == (1, 1)
            && self.stride == (1, 1)
            && self.pad == (0, 0)
            && self.input.w == self.output.w
            && self.output.c.is_multiple_of(LANES)
    }

    /// The first pixels of a pointwise row, [`BLOCK`] at a time and eight output channels at
    /// a time, so the sums stay in registers while the input channels stream past. Each
    /// output is the bias plus the products in input-channel order, as in [`Self::run_row`],
    /// so the results are the same to the bit. Returns how many pixels it did.
    #[inline(always)]
    fn pointwise_blocks(&self, input: &[f32], oy: usize, row: &mut [f32]) -> usize {
        let (ic, oc, width) = (self.input.c, self.output.c, self.output.w);
        let first = oy * self.input.w;
        let blocks = width / BLOCK;
        for block in 0..blocks {
            let ox = block * BLOCK;
            let pixels: [&[f32]; BLOCK] =
                std::array::from_fn(|p| &input[(first + ox + p) * ic..][..ic]);
            for o0 in (0..oc).step_by(LANES) {
                let bias: [f32; LANES] = self.bias[o0..o0 + LANES].try_into().unwrap();
                let mut sums = [bias; BLOCK];
                for i in 0..ic {
                    let weights: &[f32; LANES] =
                        self.weights[i * oc + o0..][..LANES].try_into().unwrap();
                    for (sum, pixel) in sums.iter_mut().zip(&pixels) {
                        let a = pixel[i];
                        for (s, &w) in sum.iter_mut().zip(weights) {
                            *s += a * w;
                        }
                    }
                }
                for (p, sum) in sums.iter().enumerate() {
                    row[(ox + p) * oc + o0..][..LANES].copy_from_slice(sum);
                }
            }
            for p in 0..BLOCK {
                self.activation.apply(&mut row[(ox + p) * oc..][..oc]);
            }
        }
        blocks * BLOCK
    }

    pub fn run_depthwise(&self, input: &[f32], out: &mut [f32]) {
        self.rows(Kind::Depthwise, input, out);
    }

    #[inline(always)]
    fn run_depthwise_row(&self, input: &[f32], oy: usize, row: &mut [f32]) {
        let (ic, oc) = (self.input.c, self.output.c);
        let multiplier = oc / ic;
        for (ox, pixel) in row.chunks_exact_mut(oc).enumerate() {
            pixel.copy_from_slice(&self.bias);
            self.each_tap(oy, ox, |k, at| {
                let source = &input[at * ic..][..ic];
                let taps = &self.weights[k * oc..][..oc];
                if multiplier == 1 {
                    for ((o, &a), &w) in pixel.iter_mut().zip(source).zip(taps) {
                        *o += a * w;
                    }
                } else {
                    for (c, (o, &w)) in pixel.iter_mut().zip(taps).enumerate() {
                        *o += source[c / multiplier] * w;
                    }
                }
            });
            self.activation.apply(pixel);
        }
    }

    pub fn run_transposed(&self, input: &[f32], out: &mut [f32]) {
        self.rows(Kind::Transposed, input, out);
    }

    #[inline(always)]
    fn run_transposed_row(&self, input: &[f32], oy: usize, row: &mut [f32]) {
        let (ic, oc) = (self.input.c, self.output.c);
        let (kh, kw) = self.kernel;
        let (sh, sw) = self.stride;
        for (ox, pixel) in row.chunks_exact_mut(oc).enumerate() {
            pixel.copy_from_slice(&self.bias);
            let (py, px) = (oy + self.pad.0, ox + self.pad.1);
            for ky in 0..kh {
                let Some(dy) = py.checked_sub(ky).filter(|d| d % sh == 0) else {
                    continue;
                };
                let iy = dy / sh;
                if iy >= self.input.h {
                    continue;
                }
                for kx in 0..kw {
                    let Some(dx) = px.checked_sub(kx).filter(|d| d % sw == 0) else {
                        continue;
                    };
                    let ix = dx / sw;
                    if ix >= self.input.w {
                        continue;
                    }
                    let at = (iy * self.input.w + ix) * ic;
                    let taps = &self.weights[(ky * kw + kx) * ic * oc..][..ic * oc];
                    if oc == 1 {
                        // One output channel (the models' last layer, a full-size mask):
                        // a plain dot product, in the same order as below.
                        let mut sum = pixel[0];
                        for (&a, &w) in input[at..at + ic].iter().zip(taps) {
                            sum += a * w;
                        }
                        pixel[0] = sum;
                        continue;
                    }
                    for (&a, weights) in input[at..at + ic].iter().zip(taps.chunks_exact(oc)) {
                        for (o, &w) in pixel.iter_mut().zip(weights) {
                            *o += a * w;
                        }
                    }
                }
            }
        }
    }
}

/// An average or max pool; TFLite averages over the taps inside the input, not the
/// filter's area, and a max pool's padding never wins.
pub struct Pool {
    input: Shape,
    output: Shape,
    filter: (usize, usize),
    stride: (usize, usize),
    pad: (usize, usize),
    activation: Activation,
    max: bool,
}

impl Pool {
    /// `filter` and `stride` are (height, width).
    pub fn new(
        input: &Shape,
        output: &Shape,
        filter: (usize, usize),
        stride: (usize, usize),
        same: bool,
        activation: Activation,
        max: bool,
    ) -> Result<Self, Error> {
        if input.c != output.c || filter.0 == 0 || filter.1 == 0 || stride.0 == 0 || stride.1 == 0 {
            return Err(Error::Malformed("pool shapes".into()));
        }
        let pad = if same {
            (
                same_padding(input.h, output.h, filter.0, stride.0, 1),
                same_padding(input.w, output.w, filter.1, stride.1, 1),
            )
        } else {
            (0, 0)
        };
        Ok(Self {
            input: *input,
            output: *output,
            filter,
            stride,
            pad,
            activation,
            max,
        })
    }

    pub fn run(&self, input: &[f32], out: &mut [f32]) {
        let c = self.input.c;
        for oy in 0..self.output.h {
            for ox in 0..self.output.w {
                let pixel = &mut out[(oy * self.output.w + ox) * c..][..c];
                pixel.fill(if self.max { f32::NEG_INFINITY } else { 0.0 });
                let mut taps = 0usize;
                for ky in 0..self.filter.0 {
                    let Some(iy) = Conv::source(oy, ky, self.stride.0, 1, self.pad.0, self.input.h)
                    else {
                        continue;
                    };
                    for kx in 0..self.filter.1 {
                        let Some(ix) =
                            Conv::source(ox, kx, self.stride.1, 1, self.pad.1, self.input.w)
                        else {
                            continue;
                        };
                        taps += 1;
                        let source = &input[(iy * self.input.w + ix) * c..][..c];
                        if self.max {
                            for (o, &x) in pixel.iter_mut().zip(source) {
                                *o = o.max(x);
                            }
                        } else {
                            for (o, &x) in pixel.iter_mut().zip(source) {
                                *o += x;
                            }
                        }
                    }
                }
                if !self.max {
                    let n = taps.max(1) as f32;
                    for o in pixel.iter_mut() {
                        *o /= n;
                    }
                }
                self.activation.apply(pixel);
            }
        }
    }
}

/// Zero padding before and after height, width and channels (the batch is never padded).
pub struct Pad {
    input: Shape,
    output: Shape,
    /// (before, after) for height, width and channels.
    pads: [(usize, usize); 3],
}

impl Pad {
    /// `pads` is TFLite's paddings tensor: (before, after) per dimension of the input.
    pub fn new(input: &Shape, output: &Shape, pads: &[i32]) -> Result<Self, Error> {
        let pairs: Vec<(usize, usize)> = pads
            .chunks_exact(2)
            .map(|p| {
                Ok((
                    usize::try_from(p[0])
                        .map_err(|_| Error::Malformed("negative padding".into()))?,
                    usize::try_from(p[1])
                        .map_err(|_| Error::Malformed("negative padding".into()))?,
                ))
            })
            .collect::<Result<_, Error>>()?;
        // Paddings name the input's dimensions; lower ranks pad to the left, as shapes do.
        let mut hwc = [(0, 0); 3];
        let skip = pairs.len().saturating_sub(3);
        if pairs[..skip].iter().any(|&p| p != (0, 0)) {
            return Err(Error::Unsupported("PAD of the batch dimension".into()));
        }
        for (slot, &pair) in hwc[3 - (pairs.len() - skip)..]
            .iter_mut()
            .zip(&pairs[skip..])
        {
            *slot = pair;
        }
        let expected = Shape {
            n: input.n,
            h: input.h + hwc[0].0 + hwc[0].1,
            w: input.w + hwc[1].0 + hwc[1].1,
            c: input.c + hwc[2].0 + hwc[2].1,
        };
        if expected != *output {
            return Err(Error::Malformed(format!(
                "PAD of {input:?} by {pads:?} does not give {output:?}"
            )));
        }
        Ok(Self {
            input: *input,
            output: *output,
            pads: hwc,
        })
    }

    pub fn run(&self, input: &[f32], out: &mut [f32]) {
        out.fill(0.0);
        let (si, so) = (&self.input, &self.output);
        let [(top, _), (left, _), (front, _)] = self.pads;
        for y in 0..si.h {
            for x in 0..si.w {
                let from = &input[(y * si.w + x) * si.c..][..si.c];
                let to = ((y + top) * so.w + x + left) * so.c + front;
                out[to..to + si.c].copy_from_slice(from);
            }
        }
    }
}

/// Whether `from` broadcasts to `to` (each dimension equal or 1).
pub fn broadcasts(from: &Shape, to: &Shape) -> bool {
    [(from.h, to.h), (from.w, to.w), (from.c, to.c)]
        .iter()
        .all(|&(f, t)| f == t || f == 1)
}

pub fn binary(
    (a, sa): (&[f32], &Shape),
    (b, sb): (&[f32], &Shape),
    so: &Shape,
    out: &mut [f32],
    f: impl Fn(f32, f32) -> f32,
    activation: Activation,
) {
    let per_channel = |s: &Shape| s.h == 1 && s.w == 1 && s.c == so.c;
    if sa == so && sb == so {
        for ((o, &x), &y) in out.iter_mut().zip(a).zip(b) {
            *o = f(x, y);
        }
    } else if sa == so && per_channel(sb) {
        // A picture times (or plus) one value per channel: squeeze-and-excite's gate.
        by_pixel(out, a, b, so.c, f);
    } else if sb == so && per_channel(sa) {
        by_pixel(out, b, a, so.c, |x, y| f(y, x));
    } else {
        let index = |s: &Shape, y: usize, x: usize, c: usize| {
            ((if s.h == 1 { 0 } else { y }) * s.w + if s.w == 1 { 0 } else { x }) * s.c
                + if s.c == 1 { 0 } else { c }
        };
        for y in 0..so.h {
            for x in 0..so.w {
                for c in 0..so.c {
                    out[(y * so.w + x) * so.c + c] =
                        f(a[index(sa, y, x, c)], b[index(sb, y, x, c)]);
                }
            }
        }
    }
    activation.apply(out);
}

/// `f(picture, value)` for every channel of every pixel, with one value per channel.
fn by_pixel(
    out: &mut [f32],
    picture: &[f32],
    values: &[f32],
    channels: usize,
    f: impl Fn(f32, f32) -> f32,
) {
    for (o_pixel, pixel) in out
        .chunks_exact_mut(channels)
        .zip(picture.chunks_exact(channels))
    {
        for ((o, &x), &y) in o_pixel.iter_mut().zip(pixel).zip(values) {
            *o = f(x, y);
        }
    }
}

pub fn unary(input: &[f32], out: &mut [f32], f: impl Fn(f32) -> f32) {
    for (o, &x) in out.iter_mut().zip(input) {
        *o = f(x);
    }
}

/// The mean over height and width, per channel.
pub fn mean(input: &[f32], shape: &Shape, out: &mut [f32]) {
    out.fill(0.0);
    for pixel in input.chunks_exact(shape.c) {
        for (o, &x) in out.iter_mut().zip(pixel) {
            *o += x;
        }
    }
    let n = (shape.h * shape.w) as f32;
    for o in out.iter_mut() {
        *o /= n;
    }
}

/// TFLite's bilinear resize, its corner and half-pixel conventions included.
pub fn resize_bilinear(
    input: &[f32],
    si: &Shape,
    so: &Shape,
    align_corners: bool,
    half_pixel: bool,
    out: &mut [f32],
) {
    let scale = |from: usize, to: usize| {
        if align_corners && to > 1 {
            (from - 1) as f32 / (to - 1) as f32
        } else {
            from as f32 / to as f32
        }
    };
    let axis = |o: usize, scale: f32, limit: usize| {
        let v = if half_pixel {
            (o as f32 + 0.5) * scale - 0.5
        } else {
            o as f32 * scale
        };
        let lower = v.floor().max(0.0) as usize;
        let upper = (v.ceil().max(0.0) as usize).min(limit - 1);
        (lower.min(limit - 1), upper, v - lower as f32)
    };
    let (ys, xs) = (scale(si.h, so.h), scale(si.w, so.w));
    let c = si.c;
    for oy in 0..so.h {
        let (y0, y1, fy) = axis(oy, ys, si.h);
        for ox in 0..so.w {
            let (x0, x1, fx) = axis(ox, xs, si.w);
            let at = |y: usize, x: usize| &input[(y * si.w + x) * c..][..c];
            let (tl, tr, bl, br) = (at(y0, x0), at(y0, x1), at(y1, x0), at(y1, x1));
            let o = &mut out[(oy * so.w + ox) * c..][..c];
            for k in 0..c {
                let top = tl[k] + (tr[k] - tl[k]) * fx;
                let bottom = bl[k] + (br[k] - bl[k]) * fx;
                o[k] = top + (bottom - top) * fy;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shape(h: usize, w: usize, c: usize) -> Shape {
        Shape { n: 1, h, w, c }
    }

    fn weights(n: usize, h: usize, w: usize, c: usize) -> Shape {
        Shape { n, h, w, c }
    }

    /// A direct, slow convolution to check the fast one against.
    #[allow(clippy::too_many_arguments)]
    fn reference(
        input: &[f32],
        si: Shape,
        weights: &[f32],
        (kh, kw): (usize, usize),
        bias: &[f32],
        so: Shape,
        stride: usize,
        pad: usize,
    ) -> Vec<f32> {
        let mut out = vec![0.0; so.len()];
        for oy in 0..so.h {
            for ox in 0..so.w {
                for o in 0..so.c {
                    let mut sum = bias[o];
                    for ky in 0..kh {
                        for kx in 0..kw {
                            let (iy, ix) = (
                                (oy * stride + ky) as isize - pad as isize,
                                (ox * stride + kx) as isize - pad as isize,
                            );
                            if iy < 0 || ix < 0 || iy >= si.h as isize || ix >= si.w as isize {
                                continue;
                            }
                            for i in 0..si.c {
                                sum += input[(iy as usize * si.w + ix as usize) * si.c + i]
                                    * weights[((o * kh + ky) * kw + kx) * si.c + i];
                            }
                        }
                    }
                    out[(oy * so.w + ox) * so.c + o] = sum;
                }
            }
        }
        out
    }

    fn values(n: usize, seed: u32) -> Vec<f32> {
        (0..n)
            .map(|i| (((i as u32).wrapping_mul(2_654_435_761) ^ seed) % 1000) as f32 / 500.0 - 1.0)
            .collect()
    }

    #[test]
    fn a_strided_same_convolution_matches_the_direct_sum() {
        let (si, so) = (shape(9, 11, 3), shape(5, 6, 4));
        let input = values(si.len(), 1);
        let weights = values(4 * 3 * 3 * 3, 2);
        let bias = values(4, 3);
        let conv = Conv::new(
            &si,
            &self::weights(4, 3, 3, 3),
            &so,
            weights.clone(),
            bias.clone(),
            (2, 2),
            (1, 1),
            true,
            Activation::None,
            false,
        )
        .unwrap();
        let mut out = vec![0.0; so.len()];
        conv.run(&input, &mut out);
        // SAME with stride 2 over 9 rows: 5 outputs, total padding 2, one before.
        let expected = reference(&input, si, &weights, (3, 3), &bias, so, 2, 1);
        for (a, b) in out.iter().zip(&expected) {
            assert!((a - b).abs() < 1e-5, "{a} vs {b}");
        }
    }

    #[test]
    fn a_pointwise_convolution_in_blocks_sums_exactly_as_pixel_by_pixel() {
        // Seven pixels a row: one block of four, three left to the pixel-by-pixel loop;
        // sixteen output channels, two register widths.
        let (si, so) = (shape(3, 7, 5), shape(3, 7, 16));
        let input = values(si.len(), 4);
        let weights = values(16 * 5, 5);
        let bias = values(16, 6);
        let conv = Conv::new(
            &si,
            &self::weights(16, 1, 1, 5),
            &so,
            weights.clone(),
            bias.clone(),
            (1, 1),
            (1, 1),
            true,
            Activation::None,
            false,
        )
        .unwrap();
        assert!(conv.is_pointwise());
        let mut out = vec![0.0; so.len()];
        conv.run(&input, &mut out);
        for (p, pixel) in out.chunks_exact(16).enumerate() {
            for (o, &value) in pixel.iter().enumerate() {
                // Bias first, then the input channels in order: the same bits.
                let mut sum = bias[o];
                for i in 0..5 {
                    sum += input[p * 5 + i] * weights[o * 5 + i];
                }
                assert_eq!(value.to_bits(), sum.to_bits(), "pixel {p}, channel {o}");
            }
        }
    }

    #[test]
    fn a_depthwise_convolution_filters_each_channel_alone() {
        let (si, so) = (shape(4, 4, 2), shape(4, 4, 2));
        let mut input = vec![0.0; si.len()];
        input[(4 + 1) * 2] = 1.0; // an impulse at (1, 1), in channel 0 only
        let weights: Vec<f32> = (0..9 * 2).map(|i| i as f32).collect();
        let conv = Conv::new(
            &si,
            &self::weights(1, 3, 3, 2),
            &so,
            weights,
            vec![0.5, -0.5],
            (1, 1),
            (1, 1),
            true,
            Activation::None,
            true,
        )
        .unwrap();
        let mut out = vec![0.0; so.len()];
        conv.run_depthwise(&input, &mut out);
        // Output (0, 0), padded by one, sees input (1, 1) at tap (2, 2): weight (2*3+2)*2.
        assert_eq!(out[0], 0.5 + 16.0);
        // Output (1, 1) sees it at the centre tap: weight (1*3+1)*2.
        assert_eq!(out[(4 + 1) * 2], 0.5 + 8.0);
        // Channel 1 sees nothing but its bias.
        assert!(out.iter().skip(1).step_by(2).all(|&v| v == -0.5));
    }

    #[test]
    fn a_transposed_convolution_spreads_each_pixel_over_its_patch() {
        let (si, so) = (shape(2, 2, 1), shape(4, 4, 1));
        let input = vec![1.0, 2.0, 3.0, 4.0];
        let weights = vec![1.0, 10.0, 100.0, 1000.0]; // [oc=1][ky][kx][ic=1]
        let conv = Conv::transposed(
            &si,
            &self::weights(1, 2, 2, 1),
            &so,
            weights,
            vec![0.25],
            (2, 2),
        )
        .unwrap();
        let mut out = vec![0.0; so.len()];
        conv.run_transposed(&input, &mut out);
        assert_eq!(&out[0..4], &[1.25, 10.25, 2.25, 20.25]);
        assert_eq!(&out[4..8], &[100.25, 1000.25, 200.25, 2000.25]);
        assert_eq!(out[15], 4000.25);
    }

    #[test]
    fn resize_with_half_pixel_centres_doubles_a_ramp() {
        let (si, so) = (shape(1, 2, 1), shape(1, 4, 1));
        let mut out = vec![0.0; 4];
        resize_bilinear(&[0.0, 4.0], &si, &so, false, true, &mut out);
        assert_eq!(out, vec![0.0, 1.0, 3.0, 4.0]);
        resize_bilinear(&[0.0, 4.0], &si, &so, false, false, &mut out);
        assert_eq!(out, vec![0.0, 2.0, 4.0, 4.0]);
    }

    #[test]
    fn broadcasting_multiplies_per_channel() {
        let (sa, sb) = (shape(1, 2, 2), shape(1, 1, 2));
        let mut out = vec![0.0; 4];
        binary(
            (&[1.0, 2.0, 3.0, 4.0], &sa),
            (&[10.0, -1.0], &sb),
            &sa,
            &mut out,
            |x, y| x * y,
            Activation::Relu,
        );
        assert_eq!(out, vec![10.0, 0.0, 30.0, 0.0]);
    }
}
