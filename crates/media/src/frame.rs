//! Raw frames as they travel between ffmpeg and Rust: planar YUV 4:2:0, 8 bits, no padding,
//! exactly ffmpeg's `-f rawvideo -pix_fmt yuv420p` layout.

use serde::{Deserialize, Serialize};

/// The only pixel format on the pipes, as ffmpeg spells it.
pub const PIX_FMT: &str = "yuv420p";

/// A frame rate (or any positive ratio) kept exact, as ffmpeg prints it: `30000/1001`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Rational {
    pub num: u32,
    pub den: u32,
}

impl Rational {
    pub const fn new(num: u32, den: u32) -> Self {
        Self { num, den }
    }

    pub const fn integer(value: u32) -> Self {
        Self { num: value, den: 1 }
    }

    /// Parses `num/den` or a plain integer; `None` for zero or malformed rates (ffprobe's `0/0`).
    pub fn parse(text: &str) -> Option<Self> {
        let (num, den) = text.trim().split_once('/').unwrap_or((text.trim(), "1"));
        let rate = Self::new(num.parse().ok()?, den.parse().ok()?);
        (rate.num > 0 && rate.den > 0).then_some(rate)
    }

    pub fn as_f64(self) -> f64 {
        if self.den == 0 {
            0.0
        } else {
            f64::from(self.num) / f64::from(self.den)
        }
    }
}

impl std::fmt::Display for Rational {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.num, self.den)
    }
}

/// Size of a yuv420p frame. Odd sizes are allowed: chroma planes round up, as in ffmpeg.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct FrameFormat {
    pub width: u32,
    pub height: u32,
}

impl FrameFormat {
    pub const fn new(width: u32, height: u32) -> Self {
        Self { width, height }
    }

    pub const fn chroma_width(self) -> u32 {
        self.width.div_ceil(2)
    }

    pub const fn chroma_height(self) -> u32 {
        self.height.div_ceil(2)
    }

    pub const fn luma_len(self) -> usize {
        self.width as usize * self.height as usize
    }

    pub const fn chroma_len(self) -> usize {
        self.chroma_width() as usize * self.chroma_height() as usize
    }

    /// Bytes of one frame on the pipe.
    pub const fn frame_len(self) -> usize {
        self.luma_len() + 2 * self.chroma_len()
    }

    /// `WxH`, as ffmpeg's `-video_size` wants it.
    pub fn video_size(self) -> String {
        format!("{}x{}", self.width, self.height)
    }
}

/// One frame, owning its buffer. Pipelines allocate a couple and reuse them for every frame.
#[derive(Clone, PartialEq, Eq)]
pub struct Frame {
    format: FrameFormat,
    data: Vec<u8>,
}

impl std::fmt::Debug for Frame {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Frame")
            .field("format", &self.format)
            .finish_non_exhaustive()
    }
}

impl Frame {
    /// A black frame (video-range Y 16, neutral chroma).
    pub fn new(format: FrameFormat) -> Self {
        let mut data = vec![128u8; format.frame_len()];
        data[..format.luma_len()].fill(16);
        Self { format, data }
    }

    pub fn format(&self) -> FrameFormat {
        self.format
    }

    pub fn y(&self) -> &[u8] {
        &self.data[..self.format.luma_len()]
    }

    pub fn u(&self) -> &[u8] {
        let start = self.format.luma_len();
        &self.data[start..start + self.format.chroma_len()]
    }

    pub fn v(&self) -> &[u8] {
        &self.data[self.format.luma_len() + self.format.chroma_len()..]
    }

    /// Mutable Y, U and V planes at once.
    pub fn planes_mut(&mut self) -> (&mut [u8], &mut [u8], &mut [u8]) {
        let (luma, chroma) = self.data.split_at_mut(self.format.luma_len());
        let (u, v) = chroma.split_at_mut(self.format.chroma_len());
        (luma, u, v)
    }

    /// The frame exactly as it goes over a rawvideo pipe.
    pub fn as_bytes(&self) -> &[u8] {
        &self.data
    }

    pub fn as_bytes_mut(&mut self) -> &mut [u8] {
        &mut self.data
    }

    /// Changes the size, reusing the allocation where it is large enough. Contents are
    /// unspecified afterwards.
    pub fn reshape(&mut self, format: FrameFormat) {
        self.format = format;
        self.data.resize(format.frame_len(), 0);
    }
}

/// Frame buffers handed back for reuse, so that a pipeline does not allocate (and the kernel
/// does not zero and map) a fresh multi-megabyte buffer for every frame it moves. Clones
/// share the same spares.
#[derive(Clone)]
pub struct FramePool {
    spare: std::sync::Arc<std::sync::Mutex<Vec<Frame>>>,
    limit: usize,
}

impl FramePool {
    /// A pool that keeps at most `limit` spare frames: memory stays bounded however many
    /// are handed back.
    pub fn new(limit: usize) -> Self {
        Self {
            spare: Default::default(),
            limit,
        }
    }

    /// A frame of `format` whose contents are unspecified: a spare one when there is one.
    pub fn take(&self, format: FrameFormat) -> Frame {
        let spare = self
            .spare
            .lock()
            .map(|mut spare| spare.pop())
            .unwrap_or(None);
        match spare {
            Some(mut frame) => {
                frame.reshape(format);
                frame
            }
            None => Frame::new(format),
        }
    }

    /// A copy of `frame` in a spare buffer.
    pub fn copy_of(&self, frame: &Frame) -> Frame {
        let mut copy = self.take(frame.format);
        copy.data.copy_from_slice(&frame.data);
        copy
    }

    /// Keeps `frame` for a later [`Self::take`], unless the pool is full.
    pub fn give(&self, frame: Frame) {
        if let Ok(mut spare) = self.spare.lock() {
            if spare.len() < self.limit {
                spare.push(frame);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pool_reuses_buffers_and_stays_bounded() {
        let pool = FramePool::new(1);
        let format = FrameFormat::new(8, 4);
        let mut frame = pool.take(format);
        frame.as_bytes_mut().fill(7);
        let pointer = frame.as_bytes().as_ptr();
        pool.give(frame);
        pool.give(Frame::new(format));
        let again = pool.take(format);
        assert_eq!(
            again.as_bytes().as_ptr(),
            pointer,
            "the spare buffer is reused"
        );
        assert_eq!(
            pool.take(format),
            Frame::new(format),
            "only one spare was kept"
        );
        let copy = pool.copy_of(&again);
        assert_eq!(copy, again);
    }

    #[test]
    fn plane_sizes_match_ffmpeg_rawvideo() {
        let even = FrameFormat::new(160, 90);
        assert_eq!(
            (even.luma_len(), even.chroma_len(), even.frame_len()),
            (14400, 3600, 21600)
        );
        // 161x91: chroma planes are 81x46, as av_image_get_buffer_size(align=1) computes.
        let odd = FrameFormat::new(161, 91);
        assert_eq!((odd.chroma_width(), odd.chroma_height()), (81, 46));
        assert_eq!(odd.frame_len(), 161 * 91 + 2 * 81 * 46);
    }

    #[test]
    fn planes_split_the_buffer() {
        let mut frame = Frame::new(FrameFormat::new(4, 2));
        assert_eq!(frame.y(), &[16; 8]);
        assert_eq!(frame.u(), &[128; 2]);
        let (y, u, v) = frame.planes_mut();
        y[0] = 1;
        u[0] = 2;
        v[1] = 3;
        assert_eq!(
            frame.as_bytes(),
            &[1, 16, 16, 16, 16, 16, 16, 16, 2, 128, 128, 3]
        );
        assert_eq!(frame.v(), &[128, 3]);
    }

    #[test]
    fn rationals_parse_like_ffprobe_prints_them() {
        assert_eq!(
            Rational::parse("30000/1001"),
            Some(Rational::new(30000, 1001))
        );
        assert_eq!(Rational::parse("25"), Some(Rational::integer(25)));
        assert_eq!(Rational::parse("0/0"), None);
        assert_eq!(Rational::parse("25/0"), None);
        assert_eq!(Rational::parse("abc"), None);
        assert_eq!(Rational::new(30000, 1001).to_string(), "30000/1001");
        assert!((Rational::new(30000, 1001).as_f64() - 29.97).abs() < 0.001);
    }
}
