//! Times each stage of the interpolator on raw yuv420p frames (analyse, motion_at, synthesize)
//! and scores the synthesised frames against the true ones.
//!
//! `ffmpeg -i clip -f rawvideo -pix_fmt yuv420p frames.yuv` then
//! `cargo run --release -p recut-engines --example profile_interp -- frames.yuv WIDTH HEIGHT [pairs]`
//!
//! Frames 0, 2, 4, ... are the source pairs and each odd frame is the truth for the frame
//! synthesised halfway between its neighbours (or, across a detected scene cut, `a`
//! repeated, as the converter does): the mean PSNR-Y over those frames is printed with the
//! timings. The
//! motion settings can be overridden for experiments: `ITERATIONS`, `SMOOTHING`, `STRIDE`,
//! `LEVEL` (finest flow level for sources up to 540 lines), `MIN_GRID` (the flow grid's
//! shortest side, which sets the level for larger sources), `REFINE` and `INNER` (the
//! finest level's variational refinement, outer and inner iterations; `REFINE=0` turns it
//! off), `COARSE_REFINE` and `COARSE_INNER` (the same at the coarser levels). `STRAIGHT=1` ignores the
//! neighbouring pairs (straight-line motion); `BASELINE=other.yuv` scores another
//! interpolator's 24 fps output frame by frame beside ours (e.g. minterpolate's, made from
//! the even frames); `OUTPUT=ours.yuv` writes the synthesised frames.
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

fn psnr_y(a: &[u8], b: &[u8]) -> f64 {
    let mse = a
        .iter()
        .zip(b)
        .map(|(&p, &q)| (f64::from(p) - f64::from(q)).powi(2))
        .sum::<f64>()
        / a.len() as f64;
    10.0 * (255.0 * 255.0 / mse.max(1e-10)).log10()
}

fn main() {
    recut_engines::keep_freed_buffers();
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
            refinement: recut_engines::upscale::variational::Refinement {
                outer: overridden("REFINE", standard.flow.refinement.outer),
                inner: overridden("INNER", standard.flow.refinement.inner),
                ..recut_engines::upscale::variational::Refinement::TUNED
            },
            coarse_refinement: recut_engines::upscale::variational::Refinement {
                outer: overridden("COARSE_REFINE", standard.flow.coarse_refinement.outer),
                inner: overridden("COARSE_INNER", standard.flow.coarse_refinement.inner),
                ..recut_engines::upscale::variational::Refinement::TUNED
            },
            coarse_search: overridden("COARSE_SEARCH", standard.flow.coarse_search as usize) as i32,
        },
        min_grid_side: overridden("MIN_GRID", standard.min_grid_side),
    };
    // `BASELINE=other.yuv`: another interpolator's output of the same 24 fps clip (same
    // frame numbering), scored per frame beside ours to show where each one wins.
    let mut baseline = std::env::var("BASELINE")
        .ok()
        .map(|path| std::fs::File::open(path).unwrap());
    let mut theirs = Frame::new(format);
    // `OUTPUT=ours.yuv`: the synthesised frames, one per pair, for looking at.
    let mut output = std::env::var("OUTPUT")
        .ok()
        .map(|path| std::fs::File::create(path).unwrap());
    let (mut ta, mut tf, mut ts, mut psnr) = (0.0, 0.0, 0.0, 0.0);
    let mut out = Frame::new(format);
    let triples: Vec<_> = frames.windows(3).step_by(2).collect();
    // Every pair's motion first (as the converter has it: each pair is analysed once), so
    // each in-between frame can use its neighbours' motion. `STRAIGHT=1` ignores them.
    let straight = std::env::var("STRAIGHT").is_ok();
    let started = Instant::now();
    let mut motions: Vec<PairMotion> = Vec::with_capacity(triples.len());
    for triple in &triples {
        let motion = match motions.last() {
            Some(before) => PairMotion::analyse_after(before, &triple[2], &settings),
            None => PairMotion::analyse(&triple[0], &triple[2], &settings),
        };
        motions.push(motion);
    }
    ta += started.elapsed().as_secs_f64();
    for (index, triple) in triples.iter().enumerate() {
        let (a, truth, b) = (&triple[0], &triple[1], &triple[2]);
        let motion = &motions[index];
        let (previous, next) = if straight {
            (None, None)
        } else {
            (
                index.checked_sub(1).map(|i| &motions[i]),
                motions.get(index + 1),
            )
        };
        let t1 = Instant::now();
        let at = motion.motion_at(0.5, previous, next);
        let t2 = Instant::now();
        // Across a cut the converter repeats the nearer frame (at half time, `a`).
        if motion.is_scene_cut() {
            out.as_bytes_mut().copy_from_slice(a.as_bytes());
        } else {
            synthesize(&at, a, b, 0.5, &mut out);
        }
        let t3 = Instant::now();
        tf += (t2 - t1).as_secs_f64();
        ts += (t3 - t2).as_secs_f64();
        if let Some(file) = output.as_mut() {
            std::io::Write::write_all(file, out.as_bytes()).unwrap();
        }
        let ours = psnr_y(out.y(), truth.y());
        psnr += ours;
        if let Some(file) = baseline.as_mut() {
            // Their frames come in the same order: skip frame 2i, score frame 2i + 1.
            let mut read = || file.read_exact(theirs.as_bytes_mut()).is_ok();
            if !(read() && read()) {
                baseline = None;
                continue;
            }
            let baseline = psnr_y(theirs.y(), truth.y());
            println!(
                "frame {:3}: ours {ours:6.2} dB, baseline {baseline:6.2} dB ({:+.2})",
                2 * index + 1,
                ours - baseline
            );
        }
    }
    let n = triples.len() as f64;
    println!(
        "per pair: analyse {:.1} ms, motion_at {:.1} ms, synthesize {:.1} ms; PSNR-Y {:.3} dB over {} frames",
        ta / n * 1e3,
        tf / n * 1e3,
        ts / n * 1e3,
        psnr / n,
        triples.len()
    );
}
