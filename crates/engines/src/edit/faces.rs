//! Where the subject's heads are, so that a garment recolour leaves hair, eyes and faces
//! alone (and a hat recolour keeps to the head).
//!
//! Why: a garment is found by its colour within the subject's mask, and a dark or neutral
//! garment shares its colour with hair, pupils and eyebrows. "make his black jacket red" on
//! Megamind turned both characters' hair red before this. The detector is MediaPipe's
//! short-range face detector (BlazeFace, 128x128, from the same `mediapipe` wheel as the
//! person models), run by `recut-tflite` on a square crop around the subject, about 5 ms a
//! frame here. Its boxes cover brows to mouth; the head around them (hair above and beside,
//! down to the chin) is a fixed proportion of the box.

use std::sync::Arc;

use recut_tflite::Model;

use super::colours::yuv_to_rgb;
use super::mask::{grow_bounds, Sample};

pub const FACE_MODEL: &str = "face_detection_short_range.tflite";

/// The model's input side.
const SIDE: usize = 128;
/// MediaPipe's threshold for this model.
const MIN_SCORE: f32 = 0.5;
/// Boxes overlapping more than this are one face (MediaPipe's weighted suppression).
const SAME_FACE_IOU: f32 = 0.3;
/// A face not found by a detection keeps its last box for this many detections (a turned
/// head, a blink of the detector) before its head stops being excluded.
const HOLD_FRAMES: u32 = 12;

/// A face on the analysis grid: its box centre and size, in pixels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Face {
    pub cx: f32,
    pub cy: f32,
    pub w: f32,
    pub h: f32,
}

impl Face {
    fn iou(&self, other: &Face) -> f32 {
        let overlap = |a0: f32, a1: f32, b0: f32, b1: f32| (a1.min(b1) - a0.max(b0)).max(0.0);
        let ix = overlap(
            self.cx - self.w / 2.0,
            self.cx + self.w / 2.0,
            other.cx - other.w / 2.0,
            other.cx + other.w / 2.0,
        );
        let iy = overlap(
            self.cy - self.h / 2.0,
            self.cy + self.h / 2.0,
            other.cy - other.h / 2.0,
            other.cy + other.h / 2.0,
        );
        let inter = ix * iy;
        inter / (self.w * self.h + other.w * other.h - inter).max(1e-6)
    }

    /// The head around the face: hair above it and beside it, down to the chin. Upwards it
    /// has no end: a high up-do or a tall hat is still head, and no garment is worn above
    /// the face (Megamind's up-do reaches a face height and a half above the brows and was
    /// keyed as a "black jacket" with a bound there).
    fn head(&self) -> (f32, f32, f32, f32) {
        (
            self.cx - 0.95 * self.w,
            f32::NEG_INFINITY,
            self.cx + 0.95 * self.w,
            self.cy + 0.7 * self.h,
        )
    }
}

/// Which part of a person a recoloured item is looked for in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Region {
    /// Clothes: everywhere but the heads.
    Body,
    /// Hats, caps, helmets, headbands, headphones: the heads only, above the brows.
    Head,
    /// Objects (a car, a ball, an umbrella): no restriction.
    Anywhere,
}

impl Region {
    /// The region for the item a prompt named.
    pub fn of_item(item: &str) -> Self {
        match item {
            "hat" | "cap" | "beanie" | "helmet" | "headband" | "bandana" | "headphones" => {
                Region::Head
            }
            "bag" | "handbag" | "backpack" | "umbrella" | "ball" | "balloon" | "car" | "bike"
            | "bicycle" | "scooter" | "kite" | "bouquet" | "guitar" | "skateboard"
            | "surfboard" | "racket" => Region::Anywhere,
            _ => Region::Body,
        }
    }

    /// Per analysis pixel, how much an item may be there (0-255), given the heads in the
    /// frame; `None` when there is nothing to restrict (an object, or no face seen on a
    /// garment's wearer: then the whole subject is searched, as before faces were known).
    pub fn weights(self, faces: &[Face], width: usize, height: usize) -> Option<Vec<u8>> {
        if self == Region::Anywhere || (self == Region::Body && faces.is_empty()) {
            return None;
        }
        let mut inside = vec![0.0f32; width * height];
        for face in faces {
            let (x0, y0, x1, y1) = face.head();
            // Hats: the top of the head, down to the brows.
            let y1 = if self == Region::Head {
                face.cy - 0.35 * face.h
            } else {
                y1
            };
            let feather = (0.2 * face.w).max(1.0);
            let ramp = |d: f32| (d / feather + 0.5).clamp(0.0, 1.0);
            let rows = (y0 - feather).floor().max(0.0) as usize
                ..((y1 + feather).ceil().max(0.0) as usize).min(height);
            let columns = (x0 - feather).floor().max(0.0) as usize
                ..((x1 + feather).ceil().max(0.0) as usize).min(width);
            for y in rows {
                let fy = y as f32 + 0.5;
                let vertical = ramp(fy - y0).min(ramp(y1 - fy));
                for x in columns.clone() {
                    let fx = x as f32 + 0.5;
                    let weight = vertical.min(ramp(fx - x0)).min(ramp(x1 - fx));
                    let cell = &mut inside[y * width + x];
                    *cell = cell.max(weight);
                }
            }
        }
        Some(
            inside
                .into_iter()
                .map(|head| {
                    let allowed = if self == Region::Head {
                        head
                    } else {
                        1.0 - head
                    };
                    (allowed * 255.0).round() as u8
                })
                .collect(),
        )
    }
}

/// Each sample's subject mask kept to `region` of the people in it, their heads found by
/// `detector`; without one, every mask as it is.
pub fn restrict_masks<'a>(
    samples: &'a [(Sample, Vec<u8>)],
    region: Region,
    mut detector: Option<&mut FaceDetector>,
) -> Vec<(&'a Sample, Vec<u8>)> {
    samples
        .iter()
        .map(|(sample, mask)| {
            let faces = match detector.as_deref_mut() {
                Some(detector) if region != Region::Anywhere => detector.detect(sample, mask),
                _ => Vec::new(),
            };
            let kept = match region.weights(&faces, sample.width, sample.height) {
                Some(weights) => mask
                    .iter()
                    .zip(&weights)
                    .map(|(&m, &w)| if w >= 128 { m } else { 0 })
                    .collect(),
                None => mask.clone(),
            };
            (sample, kept)
        })
        .collect()
}

/// One job's face detector.
pub struct FaceDetector {
    model: Model,
    input: Vec<f32>,
    anchors: Vec<(f32, f32)>,
}

impl FaceDetector {
    /// `bytes` is the model file, checked when the models were loaded.
    pub fn new(bytes: &Arc<Vec<u8>>) -> Result<Self, String> {
        let model = Model::from_bytes(bytes).map_err(|err| format!("{FACE_MODEL}: {err}"))?;
        if model.input_size() != (SIDE, SIDE, 3) || model.output_count() != 2 {
            return Err(format!("{FACE_MODEL}: not the short-range face detector"));
        }
        Ok(Self {
            model,
            input: vec![0.0; SIDE * SIDE * 3],
            anchors: anchors(),
        })
    }

    /// The faces in `sample` within the subject (`mask`, non-zero where the subject is), on
    /// the analysis grid. The detector sees a square around the subject's top, so a
    /// full-length figure's face is large enough for it (it was trained on faces within a
    /// couple of metres).
    pub fn detect(&mut self, sample: &Sample, mask: &[u8]) -> Vec<Face> {
        let (w, h) = (sample.width, sample.height);
        let mut bounds = (w, h, 0, 0);
        grow_bounds(&mut bounds, mask, w);
        let (x0, y0, x1, y1) = bounds;
        if x1 <= x0 || y1 <= y0 {
            return Vec::new();
        }
        let (bw, bh) = ((x1 - x0) as f32, (y1 - y0) as f32);
        // Wider than tall: the whole box; taller: its top square.
        let side = if bw >= bh { bw } else { bh.min(bw * 1.2) }.max(8.0);
        let left = (x0 + x1) as f32 / 2.0 - side / 2.0;
        let top = y0 as f32 - 0.05 * side;
        let scale = side / SIDE as f32;
        for my in 0..SIDE {
            let sy = top + (my as f32 + 0.5) * scale;
            for mx in 0..SIDE {
                let sx = left + (mx as f32 + 0.5) * scale;
                let pixel = &mut self.input[(my * SIDE + mx) * 3..][..3];
                if sx < 0.0 || sy < 0.0 || sx >= w as f32 || sy >= h as f32 {
                    pixel.fill(-1.0);
                    continue;
                }
                let k = sy as usize * w + sx as usize;
                let rgb = yuv_to_rgb([
                    f32::from(sample.y[k]),
                    f32::from(sample.u[k]),
                    f32::from(sample.v[k]),
                ]);
                for (p, c) in pixel.iter_mut().zip(rgb) {
                    *p = c * 2.0 - 1.0;
                }
            }
        }
        self.model
            .run(&self.input)
            .expect("the input has the model's size");
        let (boxes, scores) = (self.model.output(0), self.model.output(1));
        let mut found: Vec<(f32, Face)> = Vec::new();
        for (k, &(ax, ay)) in self.anchors.iter().enumerate() {
            let score = 1.0 / (1.0 + (-scores[k].clamp(-100.0, 100.0)).exp());
            if score < MIN_SCORE {
                continue;
            }
            let b = &boxes[k * 16..][..4];
            let (ncx, ncy) = (b[0] / SIDE as f32 + ax, b[1] / SIDE as f32 + ay);
            let (nw, nh) = (b[2] / SIDE as f32, b[3] / SIDE as f32);
            found.push((
                score,
                Face {
                    cx: left + ncx * side,
                    cy: top + ncy * side,
                    w: nw * side,
                    h: nh * side,
                },
            ));
        }
        suppress(found)
    }
}

/// The short-range model's anchors (MediaPipe's SSD anchor options for it: strides 8, 16,
/// 16, 16 on a 128 input, fixed unit size): 2 per cell of the 16x16 grid, then 6 per cell
/// of the 8x8 grid, as normalised centres.
fn anchors() -> Vec<(f32, f32)> {
    let mut anchors = Vec::with_capacity(896);
    for (grid, per_cell) in [(16usize, 2usize), (8, 6)] {
        for y in 0..grid {
            for x in 0..grid {
                let centre = (
                    (x as f32 + 0.5) / grid as f32,
                    (y as f32 + 0.5) / grid as f32,
                );
                anchors.extend(std::iter::repeat_n(centre, per_cell));
            }
        }
    }
    anchors
}

/// MediaPipe's weighted non-maximum suppression: overlapping detections of one face are
/// averaged, weighted by score.
fn suppress(mut found: Vec<(f32, Face)>) -> Vec<Face> {
    found.sort_by(|a, b| b.0.total_cmp(&a.0));
    let mut faces = Vec::new();
    while let Some(&(_, best)) = found.first() {
        let (same, rest): (Vec<_>, Vec<_>) = found
            .into_iter()
            .partition(|(_, face)| face.iou(&best) > SAME_FACE_IOU);
        let total: f32 = same.iter().map(|(s, _)| s).sum();
        let mean =
            |f: fn(&Face) -> f32| same.iter().map(|(s, face)| s * f(face)).sum::<f32>() / total;
        faces.push(Face {
            cx: mean(|f| f.cx),
            cy: mean(|f| f.cy),
            w: mean(|f| f.w),
            h: mean(|f| f.h),
        });
        found = rest;
    }
    faces
}

/// Faces detection after detection, steadied: a face found again moves halfway to its new
/// box (the detector's boxes jitter by a few pixels), and one missed keeps its box for
/// [`HOLD_FRAMES`] detections.
#[derive(Default)]
pub struct FaceTrack {
    faces: Vec<(Face, u32)>,
}

impl FaceTrack {
    /// Forgets every face: the next frame starts a new shot.
    pub fn reset(&mut self) {
        self.faces.clear();
    }

    pub fn update(&mut self, detected: &[Face]) -> Vec<Face> {
        let mut next: Vec<(Face, u32)> = Vec::new();
        let mut matched = vec![false; self.faces.len()];
        for face in detected {
            let previous = self
                .faces
                .iter()
                .enumerate()
                .filter(|(i, (old, _))| !matched[*i] && old.iou(face) > 0.2)
                .max_by(|a, b| a.1 .0.iou(face).total_cmp(&b.1 .0.iou(face)));
            let steadied = match previous {
                Some((i, (old, _))) => {
                    matched[i] = true;
                    Face {
                        cx: (old.cx + face.cx) / 2.0,
                        cy: (old.cy + face.cy) / 2.0,
                        w: (old.w + face.w) / 2.0,
                        h: (old.h + face.h) / 2.0,
                    }
                }
                None => *face,
            };
            next.push((steadied, 0));
        }
        for (i, &(face, missed)) in self.faces.iter().enumerate() {
            if !matched[i] && missed < HOLD_FRAMES {
                next.push((face, missed + 1));
            }
        }
        self.faces = next;
        self.faces.iter().map(|&(face, _)| face).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn there_is_one_anchor_per_model_output() {
        let anchors = anchors();
        assert_eq!(anchors.len(), 896);
        assert_eq!(anchors[0], (1.0 / 32.0, 1.0 / 32.0));
        assert_eq!(anchors[511], (31.0 / 32.0, 31.0 / 32.0));
        assert_eq!(anchors[512], (1.0 / 16.0, 1.0 / 16.0));
    }

    #[test]
    fn a_garment_keeps_off_the_head_and_a_hat_keeps_to_it() {
        let face = Face {
            cx: 50.0,
            cy: 40.0,
            w: 20.0,
            h: 20.0,
        };
        let body = Region::Body.weights(&[face], 100, 100).unwrap();
        let hat = Region::Head.weights(&[face], 100, 100).unwrap();
        let at = |plane: &[u8], x: usize, y: usize| plane[y * 100 + x];
        // Hair above the face (a high up-do too), the face itself, the chin: not the
        // garment's.
        for (x, y) in [(50, 15), (50, 2), (40, 3), (50, 40), (40, 50), (62, 30)] {
            assert_eq!(at(&body, x, y), 0, "({x}, {y})");
        }
        // Shoulders and chest are.
        for (x, y) in [(50, 70), (15, 60), (85, 90)] {
            assert_eq!(at(&body, x, y), 255, "({x}, {y})");
        }
        // A hat is above the brows, on the head.
        assert_eq!(at(&hat, 50, 15), 255);
        assert_eq!(at(&hat, 50, 2), 255);
        assert_eq!(at(&hat, 50, 45), 0);
        assert_eq!(at(&hat, 50, 80), 0);
        // No face seen: a garment is looked for on the whole subject; objects always are.
        assert!(Region::Body.weights(&[], 100, 100).is_none());
        assert!(Region::Anywhere.weights(&[face], 100, 100).is_none());
    }

    #[test]
    fn one_face_found_by_several_anchors_is_one_face() {
        let face = |cx: f32| Face {
            cx,
            cy: 50.0,
            w: 30.0,
            h: 30.0,
        };
        let faces = suppress(vec![
            (0.9, face(50.0)),
            (0.6, face(53.0)),
            (0.8, face(120.0)),
        ]);
        assert_eq!(faces.len(), 2);
        assert!((faces[0].cx - (0.9 * 50.0 + 0.6 * 53.0) / 1.5).abs() < 1e-4);
        assert_eq!(faces[1].cx, 120.0);
    }

    #[test]
    fn a_missed_face_is_held_then_dropped() {
        let face = Face {
            cx: 50.0,
            cy: 50.0,
            w: 30.0,
            h: 30.0,
        };
        let mut track = FaceTrack::default();
        assert_eq!(track.update(&[face]).len(), 1);
        let moved = Face { cx: 54.0, ..face };
        assert_eq!(track.update(&[moved])[0].cx, 52.0);
        for _ in 0..HOLD_FRAMES {
            assert_eq!(track.update(&[]).len(), 1);
        }
        assert!(track.update(&[]).is_empty());
    }
}
