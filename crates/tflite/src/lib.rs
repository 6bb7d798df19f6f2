//! A small TensorFlow Lite interpreter in Rust, for the float models Recut runs on CPU.
//!
//! Why its own: no TFLite runtime ships in Debian or on crates.io as pure Rust, and the model
//! Recut uses (MediaPipe's selfie segmentation, from the `mediapipe` wheel on PyPI) needs a
//! MediaPipe custom op, `Convolution2DTransposeBias`, that general converters and runtimes
//! refuse. Its graph is a MobileNetV3-style encoder and decoder built from eleven op types,
//! and those are what this crate implements: CONV_2D, DEPTHWISE_CONV_2D, ADD and MUL (with
//! per-channel broadcasting), RELU, HARD_SWISH, LOGISTIC, MEAN over height and width,
//! AVERAGE_POOL_2D (the square variant of the model pools where the landscape one averages),
//! RESIZE_BILINEAR, DEQUANTIZE of float16 constants (done once, at load) and the custom
//! transposed convolution. MediaPipe's short-range face detector (BlazeFace, from the same
//! wheel) adds PAD (zeros on height, width or channels), MAX_POOL_2D, RESHAPE, and
//! CONCATENATION of tensors laid end to end in memory, and has two outputs. Anything else
//! is refused at load with the op's name, so a model either runs exactly or not at all.
//!
//! Tensors are NHWC float32 with a batch of one, allocated once at load; a run is
//! allocation-free. Large convolutions split their output rows over the rayon pool.

mod flatbuffer;
mod kernels;

use flatbuffer::Table;
use kernels::{Activation, Conv, Shape};

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("malformed TFLite model: {0}")]
    Malformed(String),
    #[error("unsupported TFLite model: {0}")]
    Unsupported(String),
    #[error("bad model input: {0}")]
    Input(String),
}

// Built-in operator codes from TFLite's schema.
const ADD: i32 = 0;
const AVERAGE_POOL_2D: i32 = 1;
const CONCATENATION: i32 = 2;
const CONV_2D: i32 = 3;
const DEPTHWISE_CONV_2D: i32 = 4;
const DEQUANTIZE: i32 = 6;
const LOGISTIC: i32 = 14;
const MAX_POOL_2D: i32 = 17;
const MUL: i32 = 18;
const RELU: i32 = 19;
const RESHAPE: i32 = 22;
const RESIZE_BILINEAR: i32 = 23;
const CUSTOM: i32 = 32;
const PAD: i32 = 34;
const MEAN: i32 = 40;
const HARD_SWISH: i32 = 117;

// Tensor element types.
const FLOAT32: u8 = 0;
const FLOAT16: u8 = 1;
const INT32: u8 = 2;

/// One step of the graph, its tensors resolved to indices.
enum Op {
    Conv {
        input: usize,
        output: usize,
        conv: Conv,
    },
    Depthwise {
        input: usize,
        output: usize,
        conv: Conv,
    },
    TransposeConv {
        input: usize,
        output: usize,
        conv: Conv,
    },
    /// ADD, or MUL when `multiply`.
    Arithmetic {
        a: usize,
        b: usize,
        output: usize,
        activation: Activation,
        multiply: bool,
    },
    Relu {
        input: usize,
        output: usize,
    },
    HardSwish {
        input: usize,
        output: usize,
    },
    Logistic {
        input: usize,
        output: usize,
    },
    Mean {
        input: usize,
        output: usize,
    },
    /// AVERAGE_POOL_2D, or MAX_POOL_2D when the pool says so.
    Pool {
        input: usize,
        output: usize,
        pool: kernels::Pool,
    },
    Pad {
        input: usize,
        output: usize,
        pad: kernels::Pad,
    },
    /// RESHAPE, and CONCATENATION where its inputs lie end to end in the output: a copy of
    /// each input, in order.
    Copy {
        inputs: Vec<usize>,
        output: usize,
    },
    Resize {
        input: usize,
        output: usize,
        align_corners: bool,
        half_pixel: bool,
    },
}

/// A loaded model with its tensors.
pub struct Model {
    shapes: Vec<Shape>,
    values: Vec<Vec<f32>>,
    ops: Vec<Op>,
    input: usize,
    outputs: Vec<usize>,
}

impl Model {
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, Error> {
        let model = Table::root(bytes)?;
        let codes: Vec<(i32, String)> = model
            .tables(1)?
            .iter()
            .map(|code| {
                // The old one-byte field caps at 127; newer models put the real code in field 3.
                let deprecated = i32::from(code.u8(0, 0)?);
                let builtin = code.i32(3, 0)?;
                Ok((deprecated.max(builtin), code.string(1)?))
            })
            .collect::<Result<_, Error>>()?;
        let buffers = model.tables(4)?;
        let subgraphs = model.tables(2)?;
        let graph = subgraphs
            .first()
            .ok_or_else(|| Error::Malformed("no subgraph".into()))?;
        let tensors = graph.tables(0)?;
        let mut shapes = Vec::with_capacity(tensors.len());
        let mut values = Vec::with_capacity(tensors.len());
        let mut ints: Vec<Option<Vec<i32>>> = Vec::with_capacity(tensors.len());
        let mut halves: Vec<Option<Vec<f32>>> = Vec::with_capacity(tensors.len());
        for tensor in &tensors {
            let dims = tensor.i32s(0)?;
            let kind = tensor.u8(1, FLOAT32)?;
            let data = match buffers.get(tensor.i32(2, 0)? as usize) {
                Some(buffer) => buffer.bytes(0)?,
                None => &[],
            };
            let shape = Shape::from_dims(&dims)?;
            let (mut value, mut int, mut half) = (Vec::new(), None, None);
            match kind {
                FLOAT32 if !data.is_empty() => value = le_f32s(data, shape.len())?,
                FLOAT32 => value = vec![0.0; shape.len()],
                FLOAT16 => half = Some(le_f16s(data, shape.len())?),
                INT32 => int = Some(le_i32s(data)?),
                other => {
                    return Err(Error::Unsupported(format!(
                        "tensor {} has element type {other}",
                        tensor.string(3)?
                    )))
                }
            }
            shapes.push(shape);
            values.push(value);
            ints.push(int);
            halves.push(half);
        }
        let tensor_index = |i: i32| -> Result<usize, Error> {
            usize::try_from(i)
                .ok()
                .filter(|&i| i < shapes.len())
                .ok_or_else(|| Error::Malformed(format!("tensor index {i} out of range")))
        };
        let mut ops = Vec::new();
        for operator in graph.tables(3)? {
            let (code, custom) = codes
                .get(operator.i32(0, 0)? as usize)
                .ok_or_else(|| Error::Malformed("operator code out of range".into()))?;
            let inputs: Vec<i32> = operator.i32s(1)?;
            let outputs: Vec<i32> = operator.i32s(2)?;
            let arg = |i: usize| -> Result<usize, Error> {
                tensor_index(
                    *inputs
                        .get(i)
                        .ok_or_else(|| Error::Malformed(format!("op {code} lacks input {i}")))?,
                )
            };
            let output = tensor_index(
                *outputs
                    .first()
                    .ok_or_else(|| Error::Malformed(format!("op {code} has no output")))?,
            )?;
            let options = operator.table(4)?;
            let option_i32 = |field: usize, default: i32| -> Result<i32, Error> {
                options
                    .as_ref()
                    .map_or(Ok(default), |o| o.i32(field, default))
            };
            let option_u8 = |field: usize, default: u8| -> Result<u8, Error> {
                options
                    .as_ref()
                    .map_or(Ok(default), |o| o.u8(field, default))
            };
            let constant = |i: usize| -> Result<Vec<f32>, Error> {
                let index = arg(i)?;
                if !values[index].is_empty() && index != output {
                    return Ok(values[index].clone());
                }
                Err(Error::Unsupported(format!(
                    "op {code} expects constant weights at input {i}"
                )))
            };
            let op = match *code {
                DEQUANTIZE => {
                    // Constant float16 weights become float32 once, here.
                    let source = arg(0)?;
                    let half = halves[source].clone().ok_or_else(|| {
                        Error::Unsupported("DEQUANTIZE of anything but a float16 constant".into())
                    })?;
                    values[output] = half;
                    continue;
                }
                CONV_2D | DEPTHWISE_CONV_2D => {
                    let depthwise = *code == DEPTHWISE_CONV_2D;
                    // Conv2DOptions: padding, stride_w, stride_h, activation, dilation_w, _h.
                    // DepthwiseConv2DOptions has depth_multiplier between stride and activation.
                    let (activation_field, dilation_field) =
                        if depthwise { (4, 5) } else { (3, 4) };
                    let input = arg(0)?;
                    let weights = constant(1)?;
                    let bias = match inputs.get(2) {
                        Some(&i) if i >= 0 => constant(2)?,
                        _ => vec![0.0; shapes[output].c],
                    };
                    let conv = Conv::new(
                        &shapes[input],
                        &shapes[arg(1)?],
                        &shapes[output],
                        weights,
                        bias,
                        (option_i32(2, 1)? as usize, option_i32(1, 1)? as usize),
                        (
                            option_i32(dilation_field + 1, 1)? as usize,
                            option_i32(dilation_field, 1)? as usize,
                        ),
                        option_u8(0, 0)? == 0,
                        Activation::from_code(option_u8(activation_field, 0)?)?,
                        depthwise,
                    )?;
                    if depthwise {
                        Op::Depthwise {
                            input,
                            output,
                            conv,
                        }
                    } else {
                        Op::Conv {
                            input,
                            output,
                            conv,
                        }
                    }
                }
                CUSTOM if custom == "Convolution2DTransposeBias" => {
                    // Its options are a raw TfLiteTransposeConvParams: padding (1 = same),
                    // stride_width, stride_height, as three little-endian int32s.
                    let raw = operator.bytes(5)?;
                    let field = |i: usize| -> Result<i32, Error> {
                        raw.get(4 * i..4 * i + 4)
                            .map(|b| i32::from_le_bytes([b[0], b[1], b[2], b[3]]))
                            .ok_or_else(|| {
                                Error::Malformed("transpose convolution options too short".into())
                            })
                    };
                    let input = arg(0)?;
                    let conv = Conv::transposed(
                        &shapes[input],
                        &shapes[arg(1)?],
                        &shapes[output],
                        constant(1)?,
                        constant(2)?,
                        (field(2)? as usize, field(1)? as usize),
                    )?;
                    Op::TransposeConv {
                        input,
                        output,
                        conv,
                    }
                }
                ADD | MUL => {
                    let (a, b) = (arg(0)?, arg(1)?);
                    for side in [a, b] {
                        if !kernels::broadcasts(&shapes[side], &shapes[output]) {
                            return Err(Error::Unsupported(format!(
                                "op {code}: shape {:?} does not broadcast to {:?}",
                                shapes[side], shapes[output]
                            )));
                        }
                    }
                    Op::Arithmetic {
                        a,
                        b,
                        output,
                        activation: Activation::from_code(option_u8(0, 0)?)?,
                        multiply: *code == MUL,
                    }
                }
                RELU => Op::Relu {
                    input: arg(0)?,
                    output,
                },
                HARD_SWISH => Op::HardSwish {
                    input: arg(0)?,
                    output,
                },
                LOGISTIC => Op::Logistic {
                    input: arg(0)?,
                    output,
                },
                MEAN => {
                    let axes = ints[arg(1)?].clone().unwrap_or_default();
                    let mut sorted = axes.clone();
                    sorted.sort_unstable();
                    let keep = options.as_ref().map_or(Ok(false), |o| o.bool(0))?;
                    if sorted != [1, 2] || !keep {
                        return Err(Error::Unsupported(format!(
                            "MEAN over axes {axes:?} (keep_dims {keep}); only height and width with kept dimensions"
                        )));
                    }
                    Op::Mean {
                        input: arg(0)?,
                        output,
                    }
                }
                AVERAGE_POOL_2D | MAX_POOL_2D => {
                    // Pool2DOptions: padding, stride_w, stride_h, filter_w, filter_h, activation.
                    let input = arg(0)?;
                    Op::Pool {
                        input,
                        output,
                        pool: kernels::Pool::new(
                            &shapes[input],
                            &shapes[output],
                            (option_i32(4, 1)? as usize, option_i32(3, 1)? as usize),
                            (option_i32(2, 1)? as usize, option_i32(1, 1)? as usize),
                            option_u8(0, 0)? == 0,
                            Activation::from_code(option_u8(5, 0)?)?,
                            *code == MAX_POOL_2D,
                        )?,
                    }
                }
                PAD => {
                    let input = arg(0)?;
                    let pads = ints[arg(1)?].clone().ok_or_else(|| {
                        Error::Unsupported("PAD with paddings that are not constant".into())
                    })?;
                    Op::Pad {
                        input,
                        output,
                        pad: kernels::Pad::new(&shapes[input], &shapes[output], &pads)?,
                    }
                }
                RESHAPE => {
                    let input = arg(0)?;
                    if shapes[input].len() != shapes[output].len() {
                        return Err(Error::Malformed(format!(
                            "RESHAPE of {:?} to {:?}",
                            shapes[input], shapes[output]
                        )));
                    }
                    Op::Copy {
                        inputs: vec![input],
                        output,
                    }
                }
                CONCATENATION => {
                    // ConcatenationOptions: axis, activation.
                    let axis = option_i32(0, 0)?;
                    let dims = tensors[output].i32s(0)?;
                    let rank = dims.len() as i32;
                    let axis = if axis < 0 { axis + rank } else { axis };
                    // Laid end to end only when every dimension before the axis is 1.
                    let outer: i32 = dims.iter().take(axis.max(0) as usize).product();
                    let inputs: Vec<usize> =
                        (0..inputs.len()).map(arg).collect::<Result<_, _>>()?;
                    let total: usize = inputs.iter().map(|&i| shapes[i].len()).sum();
                    if outer != 1 || total != shapes[output].len() || option_u8(1, 0)? != 0 {
                        return Err(Error::Unsupported(format!(
                            "CONCATENATION on axis {axis} of {dims:?} (only where the inputs lie end to end, with no activation)"
                        )));
                    }
                    Op::Copy { inputs, output }
                }
                RESIZE_BILINEAR => Op::Resize {
                    input: arg(0)?,
                    output,
                    align_corners: options.as_ref().map_or(Ok(false), |o| o.bool(2))?,
                    half_pixel: options.as_ref().map_or(Ok(false), |o| o.bool(3))?,
                },
                other if custom.is_empty() => {
                    return Err(Error::Unsupported(format!("built-in op {other}")))
                }
                _ => return Err(Error::Unsupported(format!("custom op {custom}"))),
            };
            ops.push(op);
        }
        let input = tensor_index(
            *graph
                .i32s(1)?
                .first()
                .ok_or_else(|| Error::Malformed("no graph input".into()))?,
        )?;
        let outputs: Vec<usize> = graph
            .i32s(2)?
            .into_iter()
            .map(tensor_index)
            .collect::<Result<_, _>>()?;
        if outputs.is_empty() {
            return Err(Error::Malformed("no graph output".into()));
        }
        // Every tensor an op writes gets its buffer now, so a run allocates nothing.
        for (shape, value) in shapes.iter().zip(values.iter_mut()) {
            if value.is_empty() {
                *value = vec![0.0; shape.len()];
            }
        }
        Ok(Self {
            shapes,
            values,
            ops,
            input,
            outputs,
        })
    }

    /// The input's (height, width, channels).
    pub fn input_size(&self) -> (usize, usize, usize) {
        let s = &self.shapes[self.input];
        (s.h, s.w, s.c)
    }

    /// The first output's (height, width, channels).
    pub fn output_size(&self) -> (usize, usize, usize) {
        let s = &self.shapes[self.outputs[0]];
        (s.h, s.w, s.c)
    }

    /// How many outputs the graph has.
    pub fn output_count(&self) -> usize {
        self.outputs.len()
    }

    /// Output `index` as the last run left it.
    pub fn output(&self, index: usize) -> &[f32] {
        &self.values[self.outputs[index]]
    }

    /// Runs the graph on `input` (NHWC, the input's size) and returns the first output
    /// ([`Model::output`] gives the others).
    pub fn run(&mut self, input: &[f32]) -> Result<&[f32], Error> {
        if input.len() != self.values[self.input].len() {
            return Err(Error::Input(format!(
                "{} values given, the model takes {}",
                input.len(),
                self.values[self.input].len()
            )));
        }
        self.values[self.input].copy_from_slice(input);
        for op in &self.ops {
            let output = match op {
                Op::Conv { output, .. }
                | Op::Depthwise { output, .. }
                | Op::TransposeConv { output, .. }
                | Op::Arithmetic { output, .. }
                | Op::Relu { output, .. }
                | Op::HardSwish { output, .. }
                | Op::Logistic { output, .. }
                | Op::Mean { output, .. }
                | Op::Pool { output, .. }
                | Op::Pad { output, .. }
                | Op::Copy { output, .. }
                | Op::Resize { output, .. } => *output,
            };
            // The output is taken out so that inputs can be borrowed beside it.
            let mut out = std::mem::take(&mut self.values[output]);
            let values = &self.values;
            let shapes = &self.shapes;
            match op {
                Op::Conv { input, conv, .. } => conv.run(&values[*input], &mut out),
                Op::Depthwise { input, conv, .. } => conv.run_depthwise(&values[*input], &mut out),
                Op::TransposeConv { input, conv, .. } => {
                    conv.run_transposed(&values[*input], &mut out)
                }
                Op::Arithmetic {
                    a,
                    b,
                    activation,
                    multiply,
                    ..
                } => kernels::binary(
                    (&values[*a], &shapes[*a]),
                    (&values[*b], &shapes[*b]),
                    &shapes[output],
                    &mut out,
                    if *multiply {
                        |x: f32, y: f32| x * y
                    } else {
                        |x: f32, y: f32| x + y
                    },
                    *activation,
                ),
                Op::Relu { input, .. } => kernels::unary(&values[*input], &mut out, |x| x.max(0.0)),
                Op::HardSwish { input, .. } => kernels::unary(&values[*input], &mut out, |x| {
                    x * (x + 3.0).clamp(0.0, 6.0) / 6.0
                }),
                Op::Logistic { input, .. } => {
                    kernels::unary(&values[*input], &mut out, |x| 1.0 / (1.0 + (-x).exp()))
                }
                Op::Mean { input, .. } => kernels::mean(&values[*input], &shapes[*input], &mut out),
                Op::Pool { input, pool, .. } => pool.run(&values[*input], &mut out),
                Op::Pad { input, pad, .. } => pad.run(&values[*input], &mut out),
                Op::Copy { inputs, .. } => {
                    let mut at = 0;
                    for &input in inputs {
                        let part = &values[input];
                        out[at..at + part.len()].copy_from_slice(part);
                        at += part.len();
                    }
                }
                Op::Resize {
                    input,
                    align_corners,
                    half_pixel,
                    ..
                } => kernels::resize_bilinear(
                    &values[*input],
                    &shapes[*input],
                    &shapes[output],
                    *align_corners,
                    *half_pixel,
                    &mut out,
                ),
            }
            self.values[output] = out;
        }
        Ok(&self.values[self.outputs[0]])
    }
}

/// `data` as little-endian values of `N` bytes each, `len` of them when a length is given.
fn le_values<const N: usize, T>(
    data: &[u8],
    len: Option<usize>,
    kind: &str,
    value: impl Fn([u8; N]) -> T,
) -> Result<Vec<T>, Error> {
    if !data.len().is_multiple_of(N) || len.is_some_and(|len| data.len() != N * len) {
        return Err(Error::Malformed(format!(
            "{} bytes of {kind} data for {len:?} values",
            data.len()
        )));
    }
    Ok(data
        .chunks_exact(N)
        .map(|b| value(b.try_into().expect("chunks of N")))
        .collect())
}

fn le_f32s(data: &[u8], len: usize) -> Result<Vec<f32>, Error> {
    le_values(data, Some(len), "float32", f32::from_le_bytes)
}

fn le_i32s(data: &[u8]) -> Result<Vec<i32>, Error> {
    le_values(data, None, "int32", i32::from_le_bytes)
}

fn le_f16s(data: &[u8], len: usize) -> Result<Vec<f32>, Error> {
    le_values(data, Some(len), "float16", |b| {
        f16_to_f32(u16::from_le_bytes(b))
    })
}

/// IEEE 754 half to single precision, subnormals included.
fn f16_to_f32(h: u16) -> f32 {
    let sign = if h & 0x8000 != 0 { -1.0 } else { 1.0 };
    let exponent = i32::from((h >> 10) & 0x1f);
    let mantissa = f32::from(h & 0x3ff);
    match exponent {
        0 => sign * mantissa * 2f32.powi(-24),
        31 if mantissa == 0.0 => sign * f32::INFINITY,
        31 => f32::NAN,
        e => sign * (1.0 + mantissa / 1024.0) * 2f32.powi(e - 15),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn halves_convert_exactly() {
        assert_eq!(f16_to_f32(0x3c00), 1.0);
        assert_eq!(f16_to_f32(0xc000), -2.0);
        assert_eq!(f16_to_f32(0x3555), 0.333_251_95);
        assert_eq!(f16_to_f32(0x0001), 2f32.powi(-24));
        assert_eq!(f16_to_f32(0x7bff), 65504.0);
    }

    #[test]
    fn garbage_is_an_error_not_a_panic() {
        for bytes in [
            &b""[..],
            b"\x04\0\0\0",
            b"\xff\xff\xff\x7f\0\0\0\0",
            &[7u8; 64],
        ] {
            assert!(Model::from_bytes(bytes).is_err());
        }
    }
}
