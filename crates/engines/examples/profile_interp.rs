//! Times each stage of the interpolator on raw yuv420p frames (analyse, flow_at, synthesize)
//! and scores the synthesised frames against the true ones.
//!
//! `ffmpeg -i clip -f rawvideo -pix_fmt yuv420p frames.yuv` then
//! `cargo run --release -p recut-engines --example profile_interp -- frames.yuv WIDTH HEIGHT [pairs]`
//!
//! Frames 0, 2, 4, ... are the source pairs and each odd frame is the truth for the frame
//! synthesised halfway between its neighbours: the mean PSNR-Y over those frames is printed
//! with the timings (scene cuts included, so compare settings, not absolute figures). The
//! motion settings can be overridden for experiments: `ITERATIONS`, `SMOOTHING`, `STRIDE`,
//! `LEVEL` (finest flow level for sources up to 540 lines).
use std::io::Read;
use std::time::Instant;

use recut_engines::upscale::interpolate::{synthesize, MotionSettings, PairMotion};
use recut_media::{Frame, FrameFormat};

fn overridden(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (w, h): (u32, u32) = (args[2].parse().unwrap(), args[3].parse().unwrap());
    let pairs: usize = args.get(4).map(|s| s.parse().unwrap()).unwrap_or(20);
    let format = FrameFormat::new(w, h);
    let mut file = std::fs::File::open(&args[1]).unwrap();
    let mut frames = Vec::new();
    for _ in 0..=2 * pairs {
        let mut f = Frame::new(format);
        if file.read_exact(f.as_bytes_mut()).is_err() {
            break;
        }
        frames.push(f);
    }
    let standard = MotionSettings::STANDARD;
    let settings = MotionSettings {
        flow: recut_engines::upscale::flow::FlowSettings {
            finest_level: overridden("LEVEL", standard.flow.finest_level),
            stride: overridden("STRIDE", standard.flow.stride),
            iterations: overridden("ITERATIONS", standard.flow.iterations),
            smoothing_passes: overridden("SMOOTHING", standard.flow.smoothing_passes),
        },
        ..standard
    };
    let (mut ta, mut tf, mut ts, mut psnr) = (0.0, 0.0, 0.0, 0.0);
    let mut out = Frame::new(format);
    let triples: Vec<_> = frames.windows(3).step_by(2).collect();
    for triple in &triples {
        let (a, truth, b) = (&triple[0], &triple[1], &triple[2]);
        let t0 = Instant::now();
        let motion = PairMotion::analyse(a, b, &settings);
        let t1 = Instant::now();
        let field = motion.flow_at(0.5);
        let t2 = Instant::now();
        synthesize(&motion, &field, a, b, 0.5, &mut out);
        let t3 = Instant::now();
        ta += (t1 - t0).as_secs_f64();
        tf += (t2 - t1).as_secs_f64();
        ts += (t3 - t2).as_secs_f64();
        let mse = out
            .y()
            .iter()
            .zip(truth.y())
            .map(|(&p, &q)| (f64::from(p) - f64::from(q)).powi(2))
            .sum::<f64>()
            / out.y().len() as f64;
        psnr += 10.0 * (255.0 * 255.0 / mse.max(1e-10)).log10();
    }
    let n = triples.len() as f64;
    println!(
        "per pair: analyse {:.1} ms, flow_at {:.1} ms, synthesize {:.1} ms; PSNR-Y {:.3} dB over {} frames",
        ta / n * 1e3,
        tf / n * 1e3,
        ts / n * 1e3,
        psnr / n,
        triples.len()
    );
}
