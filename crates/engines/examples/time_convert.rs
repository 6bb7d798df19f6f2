//! Runs the upscaler's frame-rate converter alone (no ffmpeg, no encoder) on raw yuv420p
//! frames from stdin, writing the converted frames to stdout: the converter's own wall and
//! CPU time, look-ahead included, for `/usr/bin/time`.
//!
//! `ffmpeg -i clip -f rawvideo -pix_fmt yuv420p frames.yuv` then
//! `time_convert WIDTH HEIGHT OUTPUT_FRAMES [SOURCE_FPS TARGET_FPS [MODEL]] < frames.yuv > /dev/null`
//! (default 12 -> 24 fps, `theia-fine-tune-fidelity`; MODEL is any `enhance_model` value).
use std::io::{Read, Write};

use recut_engines::upscale::{Converter, EnhanceModel, SubjectDetection};
use recut_media::{Frame, FrameFormat, Rational};

fn main() {
    recut_engines::keep_freed_buffers();
    let args: Vec<String> = std::env::args().collect();
    let number = |i: usize, default: u32| args.get(i).map_or(default, |v| v.parse().unwrap());
    let (w, h, frames) = (number(1, 0), number(2, 0), u64::from(number(3, 0)));
    let (source, target) = (number(4, 12), number(5, 24));
    let model = args
        .get(6)
        .map(|name| {
            EnhanceModel::ALL
                .into_iter()
                .find(|model| model.name() == name)
                .expect("an enhance_model value")
        })
        .unwrap_or(EnhanceModel::Fidelity);
    let format = FrameFormat::new(w, h);
    let mut converter = Converter::new(
        Rational::integer(source),
        Rational::integer(target),
        model,
        SubjectDetection::All,
    );
    let pool = converter.pool();
    let mut stdin = std::io::stdin().lock();
    let mut stdout = std::io::stdout().lock();
    let mut pull = || -> Result<Option<Frame>, std::io::Error> {
        let mut frame = pool.take(format);
        Ok(stdin
            .read_exact(frame.as_bytes_mut())
            .is_ok()
            .then_some(frame))
    };
    for index in 0..frames {
        let Some(out) = converter.frame(index, &mut pull).unwrap() else {
            break;
        };
        stdout.write_all(out.as_bytes()).unwrap();
        pool.give(out);
    }
}
