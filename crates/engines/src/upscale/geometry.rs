//! Output frame size for an upscale: pure arithmetic, kept apart so the table of cases below
//! is the specification.

use serde::Deserialize;

/// The longest side any output may have (x264 level limits, and the hosted model's 4K cap).
pub const MAX_LONG_SIDE: u32 = 4096;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub enum TargetResolution {
    #[serde(rename = "720p")]
    P720,
    #[serde(rename = "1080p")]
    P1080,
    #[serde(rename = "4k")]
    K4,
}

impl TargetResolution {
    /// The short side of the output: the height of a landscape frame, the width of a portrait one.
    pub fn short_side(self) -> u32 {
        match self {
            TargetResolution::P720 => 720,
            TargetResolution::P1080 => 1080,
            TargetResolution::K4 => 2160,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OutputSize {
    pub width: u32,
    pub height: u32,
    /// False when the source already meets the target and is passed through at its own size.
    pub upscaled: bool,
}

/// Scales the source so its short side is the target's, keeping the aspect ratio, with even
/// sides (yuv420p H.264) and the long side capped at [`MAX_LONG_SIDE`].
///
/// Never downscales: a source whose short side already reaches the target, or one so wide
/// that the cap would leave it no larger than it is, keeps its own size (rounded down to
/// even).
pub fn output_size(width: u32, height: u32, target: TargetResolution) -> OutputSize {
    let keep = OutputSize {
        width: even_floor(width),
        height: even_floor(height),
        upscaled: false,
    };
    let short = target.short_side();
    let (source_short, source_long) = (width.min(height), width.max(height));
    if source_short == 0 || source_short >= short {
        return keep;
    }

    let mut long = scale_even(short, source_long, source_short);
    let mut short = short;
    if long > MAX_LONG_SIDE {
        long = MAX_LONG_SIDE;
        short = scale_even(MAX_LONG_SIDE, source_short, source_long);
    }
    if u64::from(long) * u64::from(short) <= u64::from(width) * u64::from(height) {
        return keep;
    }

    let (width, height) = if width >= height {
        (long, short)
    } else {
        (short, long)
    };
    OutputSize {
        width,
        height,
        upscaled: true,
    }
}

/// `value * numerator / denominator`, rounded to the nearest even number (at least 2).
fn scale_even(value: u32, numerator: u32, denominator: u32) -> u32 {
    let exact = f64::from(value) * f64::from(numerator) / f64::from(denominator);
    ((exact / 2.0).round() as u32 * 2).max(2)
}

fn even_floor(value: u32) -> u32 {
    (value & !1).max(2)
}

#[cfg(test)]
mod tests {
    use super::*;
    use TargetResolution::*;

    #[test]
    fn output_sizes() {
        #[rustfmt::skip]
        let cases = [
            // source       target  expected          upscaled
            ((160, 90),     P720,   (1280, 720),      true),
            ((160, 90),     P1080,  (1920, 1080),     true),
            ((160, 90),     K4,     (3840, 2160),     true),
            ((90, 160),     P720,   (720, 1280),      true),   // portrait: width is the short side
            ((90, 160),     K4,     (2160, 3840),     true),
            ((100, 100),    P1080,  (1080, 1080),     true),   // square
            ((161, 91),     P720,   (1274, 720),      true),   // 1273.8 rounds to the even 1274
            ((91, 161),     P720,   (720, 1274),      true),
            ((640, 480),    P720,   (960, 720),       true),
            ((1079, 1921),  P1080,  (1080, 1922),     true),
            ((1000, 200),   K4,     (4096, 820),      true),   // 10800 wide, capped; 819.2 -> 820
            ((360, 840),    K4,     (1756, 4096),     true),   // 5040 tall, capped; 1755.4 -> 1756
            ((1280, 720),   P720,   (1280, 720),      false),  // already at the target
            ((1920, 1080),  P720,   (1920, 1080),     false),  // above it: not downscaled
            ((1281, 721),   P720,   (1280, 720),      false),  // kept, rounded down to even
            ((1080, 1921),  P1080,  (1080, 1920),     false),
            ((3000, 2000),  P1080,  (3000, 2000),     false),
            ((4000, 1000),  K4,     (4096, 1024),     true),   // capped, still larger
            ((5000, 1000),  K4,     (5000, 1000),     false),  // the cap would shrink it: kept
        ];
        for ((width, height), target, (out_width, out_height), upscaled) in cases {
            assert_eq!(
                output_size(width, height, target),
                OutputSize {
                    width: out_width,
                    height: out_height,
                    upscaled
                },
                "{width}x{height} -> {target:?}"
            );
        }
    }

    #[test]
    fn every_output_is_even_and_within_the_cap() {
        for target in [P720, P1080, K4] {
            for width in (1..3000).step_by(37) {
                for height in (1..3000).step_by(41) {
                    let size = output_size(width, height, target);
                    assert_eq!(
                        (size.width % 2, size.height % 2),
                        (0, 0),
                        "{width}x{height} {target:?}"
                    );
                    if size.upscaled {
                        assert!(size.width.max(size.height) <= MAX_LONG_SIDE);
                        assert!(
                            size.width >= width && size.height >= height,
                            "{width}x{height} {target:?}"
                        );
                    }
                }
            }
        }
    }
}
