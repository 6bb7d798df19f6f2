//! Times one model on a synthetic head-and-shoulders picture (the test's): milliseconds a
//! frame over 300 runs, after 20 to warm up, and a hash of the output's bits, so that a
//! faster kernel can be checked to give the same output.
//!
//! `cargo run --release -p recut-tflite --example time_selfie -- models/selfie_segmentation_landscape.tflite`
use std::time::Instant;
fn main() {
    let path = std::env::args().nth(1).unwrap();
    let mut model = recut_tflite::Model::from_bytes(&std::fs::read(path).unwrap()).unwrap();
    let (h, w, c) = model.input_size();
    let _ = c;
    let mut input = Vec::with_capacity(h * w * 3);
    for y in 0..h {
        for x in 0..w {
            let (cx, cy) = ((w / 2) as f64, (h * 3 / 8) as f64);
            let r = (h / 7) as f64;
            let (fx, fy) = (x as f64, y as f64);
            let pixel = if (fx - cx).powi(2) + (fy - cy).powi(2) < r * r {
                [224, 172, 140]
            } else if fy > cy + r * 0.8 && (fx - cx).abs() < r * 0.5 + (fy - cy - r) * 1.2 {
                [40, 50, 90]
            } else {
                [
                    200 + (x * 7 + y * 3) % 23,
                    190 + (x * 5 + y * 11) % 19,
                    170 + (x * 13 + y * 7) % 29,
                ]
            };
            input.extend(pixel.map(|v| v as f32 / 255.0));
        }
    }
    let mut check = 0.0f64;
    for _ in 0..20 {
        check += f64::from(model.run(&input).unwrap()[100]);
    }
    let n = 300;
    let start = Instant::now();
    for _ in 0..n {
        check += f64::from(model.run(&input).unwrap()[100]);
    }
    let out = model.run(&input).unwrap();
    let sum: f64 = out.iter().map(|&v| f64::from(v)).sum();
    let bits: u64 = out
        .iter()
        .fold(0u64, |h, v| h.rotate_left(5) ^ u64::from(v.to_bits()));
    println!(
        "{:.3} ms a frame ({h}x{w}); output sum {sum:.6} bits {bits:x} ({check:.3})",
        start.elapsed().as_secs_f64() * 1000.0 / n as f64
    );
}
