//! The interpreter against the runtime the models were made for: MediaPipe's selfie
//! segmentation models and its short-range face detector run on a synthetic
//! head-and-shoulders picture, compared with what LiteRT (Google's TFLite runtime,
//! `ai-edge-litert` from PyPI: 2.3.0 for the selfie models, whose XNNPACK backend knows the
//! custom op, 1.4.0 for the face detector) gave for the same picture. The models come from
//! `scripts/fetch-models.sh` (which `scripts/test.sh` runs).

use std::path::PathBuf;

use recut_tflite::Model;

fn model(name: &str) -> Model {
    let dir = std::env::var_os("RECUT_MODELS_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../models"));
    let path = dir.join(name);
    let bytes = std::fs::read(&path).unwrap_or_else(|err| {
        panic!(
            "{}: {err} (scripts/fetch-models.sh fetches it)",
            path.display()
        )
    });
    Model::from_bytes(&bytes).unwrap()
}

/// A light textured wall, a face and a dark jacket's shoulders; the same formula made the
/// reference's input.
fn picture(h: usize, w: usize) -> Vec<f32> {
    let mut rgb = Vec::with_capacity(h * w * 3);
    for y in 0..h {
        for x in 0..w {
            let (cx, cy) = ((w / 2) as f64, (h * 3 / 8) as f64);
            let r = if w > h { h / 7 } else { h / 5 } as f64;
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
            rgb.extend(pixel.map(|v| v as f32 / 255.0));
        }
    }
    rgb
}

fn block_means(out: &[f32], h: usize, w: usize) -> Vec<f32> {
    let mut means = vec![0.0; (h / 16) * (w / 16)];
    for y in 0..h {
        for x in 0..w {
            means[(y / 16) * (w / 16) + x / 16] += out[y * w + x] / 256.0;
        }
    }
    means
}

fn check(name: &str, expected: &[f32]) {
    let mut model = model(name);
    let (h, w, c) = model.input_size();
    assert_eq!(c, 3);
    assert_eq!(model.output_size(), (h, w, 1));
    let out = model.run(&picture(h, w)).unwrap().to_vec();
    let means = block_means(&out, h, w);
    assert_eq!(means.len(), expected.len());
    for (i, (got, want)) in means.iter().zip(expected).enumerate() {
        // The reference is printed to 4 decimals; summation order differs by about 1e-4.
        assert!(
            (got - want).abs() < 2e-3,
            "{name}, block {i}: {got:.4} against LiteRT's {want:.4}"
        );
    }
    // The person is found where it was drawn, not everywhere.
    let person = out.iter().filter(|&&p| p > 0.5).count() as f32 / out.len() as f32;
    assert!(
        (0.03..0.5).contains(&person),
        "{name}: person share {person}"
    );
}

#[test]
fn the_landscape_selfie_model_matches_litert() {
    check("selfie_segmentation_landscape.tflite", &LANDSCAPE);
}

#[test]
fn the_square_selfie_model_matches_litert() {
    check("selfie_segmentation.tflite", &SQUARE);
}

/// The face detector's two outputs (896 anchors: 16 box and keypoint values, one score
/// logit) against LiteRT's: the three best-scoring anchors in full, and the mean logit of
/// each eighth of the anchors. The drawn head is not face enough to pass the detector's
/// threshold; what is compared is the arithmetic.
#[test]
fn the_face_detector_matches_litert() {
    let mut model = model("face_detection_short_range.tflite");
    assert_eq!(model.input_size(), (128, 128, 3));
    assert_eq!(model.output_count(), 2);
    let input: Vec<f32> = picture(128, 128).iter().map(|v| v * 2.0 - 1.0).collect();
    model.run(&input).unwrap();
    let (boxes, scores) = (model.output(0), model.output(1));
    assert_eq!((boxes.len(), scores.len()), (896 * 16, 896));
    let close = |got: f32, want: f32| (got - want).abs() <= 2e-3 * want.abs().max(1.0);
    for (anchor, logit, values) in FACE_TOP {
        assert!(
            close(scores[anchor], logit),
            "anchor {anchor}: logit {} against {logit}",
            scores[anchor]
        );
        for (k, (&got, want)) in boxes[anchor * 16..][..16].iter().zip(values).enumerate() {
            assert!(
                close(got, want),
                "anchor {anchor}, value {k}: {got} against {want}"
            );
        }
    }
    for (group, (chunk, want)) in scores.chunks(112).zip(FACE_GROUP_MEANS).enumerate() {
        let got = chunk.iter().sum::<f32>() / 112.0;
        assert!(
            close(got, want),
            "anchors of group {group}: mean {got} against {want}"
        );
    }
}

#[rustfmt::skip]
const FACE_TOP: [(usize, f32, [f32; 16]); 3] = [
    (680, -1.7328, [-0.7070, 1.3811, 45.7002, 45.6921, -7.5111, 5.8306, 4.7389, 2.8377, 1.0047, 16.5959, 2.6371, 17.6098, -14.9644, -5.0630, 10.6504, -10.9775]),
    (207, -1.7770, [2.2056, 1.3970, 42.0481, 42.0480, -3.1472, 0.0203, 9.7594, -0.7073, 3.9151, 9.3614, 4.1966, 13.0397, -11.1850, -5.0141, 17.5042, -6.5646]),
    (641, -1.9239, [0.6246, 5.2957, 77.2088, 77.2256, -8.1810, 3.1579, 12.7361, 0.8959, 7.6913, 22.7616, 8.7254, 28.6281, -23.7184, -5.3002, 20.6031, -12.3543]),
];

const FACE_GROUP_MEANS: [f32; 8] = [
    -4.3493, -3.9353, -4.1056, -4.6024, -8.1885, -5.3043, -5.7666, -11.1641,
];

#[rustfmt::skip]
const LANDSCAPE: [f32; 144] = [
    0.0000, 0.0000, 0.0000, 0.0000, 0.0000, 0.0000, 0.0000, 0.0000, 0.0000, 0.0000, 0.0000, 0.0000,
    0.0000, 0.0000, 0.0000, 0.0000, 0.0000, 0.0000, 0.0000, 0.0000, 0.0000, 0.0000, 0.0000, 0.0000,
    0.0000, 0.0000, 0.0000, 0.0000, 0.0000, 0.0000, 0.0000, 0.0000, 0.0000, 0.0000, 0.0000, 0.0000,
    0.0000, 0.0000, 0.0289, 0.6993, 0.7172, 0.0476, 0.0000, 0.0000, 0.0000, 0.0000, 0.0000, 0.0000,
    0.0000, 0.0000, 0.0000, 0.0000, 0.0000, 0.0000, 0.2219, 1.0000, 1.0000, 0.2405, 0.0000, 0.0000,
    0.0000, 0.0000, 0.0000, 0.0000, 0.0000, 0.0000, 0.0000, 0.0000, 0.0000, 0.0000, 0.0078, 0.8624,
    0.9028, 0.0170, 0.0000, 0.0000, 0.0000, 0.0000, 0.0000, 0.0000, 0.0000, 0.0000, 0.0000, 0.0000,
    0.0000, 0.0202, 0.6072, 1.0000, 1.0000, 0.6582, 0.0313, 0.0000, 0.0000, 0.0000, 0.0000, 0.0000,
    0.0000, 0.0000, 0.0000, 0.0000, 0.0675, 0.6874, 0.7880, 0.8490, 0.9429, 0.9992, 0.7046, 0.0753,
    0.0000, 0.0000, 0.0000, 0.0000, 0.0000, 0.0000, 0.0000, 0.1295, 0.6139, 0.7531, 0.7546, 0.6871,
    0.6840, 0.7175, 0.7092, 0.6645, 0.1820, 0.0000, 0.0000, 0.0000, 0.0000, 0.0000, 0.2766, 0.7183,
    0.7747, 0.9736, 0.9773, 0.7659, 0.7224, 0.7988, 0.8742, 0.8600, 0.9588, 0.3211, 0.0000, 0.0000,
];

#[rustfmt::skip]
const SQUARE: [f32; 256] = [
    0.0000, 0.0000, 0.0000, 0.0000, 0.0000, 0.0000, 0.0000, 0.0000, 0.0000, 0.0000, 0.0000, 0.0000,
    0.0000, 0.0000, 0.0000, 0.0000, 0.0000, 0.0000, 0.0000, 0.0000, 0.0000, 0.0000, 0.0000, 0.0000,
    0.0000, 0.0000, 0.0000, 0.0000, 0.0000, 0.0000, 0.0000, 0.0000, 0.0000, 0.0000, 0.0000, 0.0000,
    0.0000, 0.0000, 0.0000, 0.0000, 0.0000, 0.0000, 0.0000, 0.0000, 0.0000, 0.0000, 0.0000, 0.0000,
    0.0000, 0.0000, 0.0000, 0.0000, 0.0000, 0.0029, 0.0331, 0.2188, 0.3268, 0.3074, 0.0751, 0.0000,
    0.0000, 0.0000, 0.0000, 0.0000, 0.0000, 0.0000, 0.0000, 0.0000, 0.0000, 0.2165, 0.3444, 0.6049,
    0.8147, 0.7451, 0.6435, 0.0026, 0.0000, 0.0000, 0.0000, 0.0000, 0.0000, 0.0000, 0.0000, 0.0000,
    0.0089, 0.4095, 0.4489, 0.5826, 0.7769, 0.9122, 0.8474, 0.0967, 0.0000, 0.0000, 0.0000, 0.0000,
    0.0000, 0.0000, 0.0000, 0.0000, 0.0166, 0.4207, 0.3909, 0.4536, 0.5097, 0.5901, 0.7417, 0.0915,
    0.0000, 0.0000, 0.0000, 0.0000, 0.0000, 0.0000, 0.0000, 0.0000, 0.0000, 0.2325, 0.3820, 0.4120,
    0.3829, 0.5027, 0.6492, 0.0060, 0.0000, 0.0000, 0.0000, 0.0000, 0.0000, 0.0000, 0.0000, 0.0000,
    0.0000, 0.0257, 0.2419, 0.5902, 0.6943, 0.5540, 0.1397, 0.0000, 0.0000, 0.0000, 0.0000, 0.0000,
    0.0000, 0.0000, 0.0000, 0.0000, 0.0000, 0.0000, 0.0037, 0.1245, 0.1778, 0.0209, 0.0000, 0.0000,
    0.0000, 0.0000, 0.0000, 0.0000, 0.0000, 0.0000, 0.0000, 0.0000, 0.0000, 0.0000, 0.0000, 0.0000,
    0.0000, 0.0000, 0.0000, 0.0000, 0.0000, 0.0000, 0.0000, 0.0000, 0.0000, 0.0000, 0.0000, 0.0000,
    0.0000, 0.0000, 0.0000, 0.0000, 0.0000, 0.0000, 0.0000, 0.0000, 0.0000, 0.0000, 0.0000, 0.0000,
    0.0000, 0.0000, 0.0000, 0.0000, 0.0000, 0.0000, 0.0000, 0.0000, 0.0000, 0.0000, 0.0000, 0.0000,
    0.0000, 0.0000, 0.0000, 0.0000, 0.0000, 0.0000, 0.0000, 0.0000, 0.0000, 0.0000, 0.0000, 0.0000,
    0.0000, 0.0000, 0.0000, 0.0000, 0.0000, 0.0000, 0.0000, 0.0000, 0.0000, 0.0000, 0.0000, 0.0000,
    0.0000, 0.0000, 0.0000, 0.0000, 0.0000, 0.0000, 0.0000, 0.0000, 0.0000, 0.0000, 0.0000, 0.0000,
    0.0000, 0.0000, 0.0000, 0.0000, 0.0000, 0.0000, 0.0000, 0.0000, 0.0000, 0.0000, 0.0000, 0.0003,
    0.0002, 0.0000, 0.0000, 0.0000,
];
