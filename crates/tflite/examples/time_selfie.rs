//! Times one model on a synthetic head-and-shoulders picture: milliseconds a frame over 300
//! runs, after 20 to warm up, and a hash of the output's bits, so that a faster kernel can be
//! checked to give the same output.
//!
//! `cargo run --release -p recut-tflite --example time_selfie -- models/selfie_segmentation_landscape.tflite`
use std::time::Instant;

fn main() {
    let path = std::env::args().nth(1).unwrap();
    let mut model = recut_tflite::Model::from_bytes(&std::fs::read(path).unwrap()).unwrap();
    let (h, w, _) = model.input_size();
    // A face-coloured disc over dark shoulders on a light wall: enough of a person for the
    // model's output to be more than zeros.
    let input: Vec<f32> = (0..h * w)
        .flat_map(|i| {
            let (y, x) = ((i / w) as f32 / h as f32, (i % w) as f32 / w as f32);
            let face = (x - 0.5).powi(2) * 3.0 + (y - 0.4).powi(2) < 0.02;
            let shoulders = y > 0.6 && (x - 0.5).abs() < y - 0.35;
            match (face, shoulders) {
                (true, _) => [0.88, 0.67, 0.55],
                (_, true) => [0.16, 0.2, 0.35],
                _ => [0.8, 0.76, 0.7],
            }
        })
        .collect();
    for _ in 0..20 {
        model.run(&input).unwrap();
    }
    let n = 300;
    let start = Instant::now();
    for _ in 0..n {
        model.run(&input).unwrap();
    }
    let out = model.run(&input).unwrap();
    let sum: f64 = out.iter().map(|&v| f64::from(v)).sum();
    let bits: u64 = out
        .iter()
        .fold(0u64, |h, v| h.rotate_left(5) ^ u64::from(v.to_bits()));
    println!(
        "{:.3} ms a frame ({h}x{w}); output sum {sum:.6}, bits {bits:x}",
        start.elapsed().as_secs_f64() * 1000.0 / n as f64
    );
}
