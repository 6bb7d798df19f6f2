//! Times each stage of the interpolator on raw yuv420p frames: analyse, flow_at, synthesize.
//! `ffmpeg -i clip -f rawvideo -pix_fmt yuv420p frames.yuv` then
//! `cargo run --release -p recut-engines --example profile_interp -- frames.yuv WIDTH HEIGHT [pairs]`
use std::io::Read;
use std::time::Instant;

use recut_engines::upscale::interpolate::{synthesize, MotionSettings, PairMotion};
use recut_media::{Frame, FrameFormat};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (w, h): (u32, u32) = (args[2].parse().unwrap(), args[3].parse().unwrap());
    let pairs: usize = args.get(4).map(|s| s.parse().unwrap()).unwrap_or(20);
    let format = FrameFormat::new(w, h);
    let mut file = std::fs::File::open(&args[1]).unwrap();
    let mut frames = Vec::new();
    for _ in 0..=pairs {
        let mut f = Frame::new(format);
        if file.read_exact(f.as_bytes_mut()).is_err() {
            break;
        }
        frames.push(f);
    }
    let (mut ta, mut tf, mut ts) = (0.0, 0.0, 0.0);
    for pair in frames.windows(2) {
        let t0 = Instant::now();
        let motion = PairMotion::analyse(&pair[0], &pair[1], &MotionSettings::STANDARD);
        let t1 = Instant::now();
        let field = motion.flow_at(0.5);
        let t2 = Instant::now();
        let mut out = Frame::new(format);
        synthesize(&motion, &field, &pair[0], &pair[1], 0.5, &mut out);
        let t3 = Instant::now();
        ta += (t1 - t0).as_secs_f64();
        tf += (t2 - t1).as_secs_f64();
        ts += (t3 - t2).as_secs_f64();
    }
    let n = (frames.len() - 1) as f64;
    println!(
        "per pair: analyse {:.1} ms, flow_at {:.1} ms, synthesize {:.1} ms",
        ta / n * 1e3,
        tf / n * 1e3,
        ts / n * 1e3
    );
}
