//! Where the `aspect_ratio` crop sits in each frame: on the subject, following it when it
//! moves further than the window can hold.
//!
//! A fixed window centred on everywhere the subject goes keeps a subject that stays in one
//! place, and loses one that crosses the picture (a walker through a 16:9 shot cropped to
//! 9:16 is out of the window for most of the clip). So, per shot: when the subject's
//! bounding boxes over the first pass's samples fit in the window on an axis, the window
//! stays put on that axis, centred on them (no camera move is invented); when they do not,
//! the window pans with the subject like a camera operator: the box's centre, interpolated
//! between the samples and smoothed over about a second, then nudged so the box stays
//! inside whenever it is smaller than the window. Each shot is framed on its own, so a cut
//! may reframe.
//!
//! A person is wider than a vertical window more often than not (a medium shot of someone
//! talking, two people side by side), and then the box's centre is nobody's face: it sits
//! on a shoulder, or between the two. Where faces were found, the window that cannot hold
//! the whole subject follows the largest face (with room for hair and shoulders) instead.

use super::faces::Face;
use super::geometry::Geometry;
use super::mask::grow_bounds;
use super::shots::Shot;

/// The crop's top-left corner (canvas pixels, even) for every output frame.
#[derive(Debug)]
pub struct CropPath {
    offsets: Vec<(u32, u32)>,
}

/// A sample's subject: at least this many analysis pixels, or it is not placed on.
const MIN_SUBJECT_CELLS: usize = 16;

impl CropPath {
    /// The path for `frames` frames at `fps`; `None` when no shot's subject was located (the
    /// window then stays where `geometry` has it). `faces`, when given, holds each shot's
    /// samples' largest face (analysis grid), in the order of `shot.samples`.
    pub fn plan(
        geometry: &Geometry,
        shots: &[Shot],
        faces: Option<&[Vec<Option<Face>>]>,
        frames: u64,
        fps: f64,
    ) -> Option<Self> {
        if !geometry.crops() || shots.iter().all(|shot| shot.samples.is_empty()) {
            return None;
        }
        let fixed = (geometry.crop_x, geometry.crop_y);
        let mut offsets = vec![fixed; frames as usize];
        let f = geometry.analysis_factor as f32;
        for (k, shot) in shots.iter().enumerate() {
            let boxes: Vec<(u64, [f32; 4])> = shot
                .samples
                .iter()
                .filter_map(|(sample, mask)| {
                    subject_box(mask, sample.width).map(|b| (sample.index, b.map(|v| v * f)))
                })
                .collect();
            if boxes.is_empty() {
                continue;
            }
            let focus: Vec<(u64, [f32; 4])> = faces
                .and_then(|faces| faces.get(k))
                .map(|shot_faces| {
                    shot.samples
                        .iter()
                        .zip(shot_faces)
                        .filter_map(|((sample, _), face)| {
                            face.as_ref()
                                .map(|face| (sample.index, head_and_shoulders(face).map(|v| v * f)))
                        })
                        .collect()
                })
                .unwrap_or_default();
            // Faces seen in most of the shot's samples lead; a face seen now and then
            // would pull the window back and forth.
            let focus = (2 * focus.len() >= boxes.len()).then_some(&focus[..]);
            let start = shot.start.min(frames) as usize;
            let end = (shot.start + shot.frames).min(frames) as usize;
            let axes = [
                (0, geometry.width, geometry.canvas_width),
                (1, geometry.height, geometry.canvas_height),
            ];
            for (axis, window, canvas) in axes {
                let placed = place_axis(&boxes, focus, axis, start..end, window as f32, fps);
                let room = canvas.saturating_sub(window) as f32;
                for (frame, offset) in (start..end).zip(placed) {
                    let even = (offset.clamp(0.0, room) / 2.0).round() as u32 * 2;
                    let slot = &mut offsets[frame];
                    if axis == 0 {
                        slot.0 = even;
                    } else {
                        slot.1 = even;
                    }
                }
            }
        }
        Some(Self { offsets })
    }

    /// The crop's corner for frame `index` (the last frame's past the end).
    pub fn at(&self, index: u64) -> (u32, u32) {
        let last = self.offsets.len().saturating_sub(1);
        self.offsets
            .get((index as usize).min(last))
            .copied()
            .unwrap_or_default()
    }

    /// Whether the window moves within the clip (a reframe at a cut counts).
    pub fn moves(&self) -> bool {
        self.offsets.windows(2).any(|pair| pair[0] != pair[1])
    }

    /// The smallest and largest corner over the clip, per axis.
    pub fn range(&self) -> ((u32, u32), (u32, u32)) {
        let xs = self.offsets.iter().map(|o| o.0);
        let ys = self.offsets.iter().map(|o| o.1);
        (
            (xs.clone().min().unwrap_or(0), xs.max().unwrap_or(0)),
            (ys.clone().min().unwrap_or(0), ys.max().unwrap_or(0)),
        )
    }
}

/// The mask's bounding box on its grid, (x0, y0, x1, y1) with exclusive ends; `None` when
/// there is too little subject to place a window on.
fn subject_box(mask: &[u8], width: usize) -> Option<[f32; 4]> {
    if mask.iter().filter(|&&m| m != 0).count() < MIN_SUBJECT_CELLS {
        return None;
    }
    let mut bounds = (usize::MAX, usize::MAX, 0, 0);
    grow_bounds(&mut bounds, mask, width);
    let (x0, y0, x1, y1) = bounds;
    Some([x0, y0, x1, y1].map(|v| v as f32))
}

/// What a window that cannot hold a whole person keeps of them: the face with room for the
/// hair above and beside it and the shoulders below, (x0, y0, x1, y1).
fn head_and_shoulders(face: &Face) -> [f32; 4] {
    [
        face.cx - 1.4 * face.w,
        face.cy - 1.2 * face.h,
        face.cx + 1.4 * face.w,
        face.cy + 2.0 * face.h,
    ]
}

/// The window's offset on one axis for each frame of `frames`, from the subject's boxes at
/// their sample frames (sorted by frame); when the subject does not fit, from `focus`
/// (faces) instead where given.
fn place_axis(
    boxes: &[(u64, [f32; 4])],
    focus: Option<&[(u64, [f32; 4])]>,
    axis: usize,
    frames: std::ops::Range<usize>,
    window: f32,
    fps: f64,
) -> Vec<f32> {
    let low = |b: &[f32; 4]| b[axis];
    let high = |b: &[f32; 4]| b[axis + 2];
    let union = boxes.iter().fold((f32::MAX, f32::MIN), |(lo, hi), (_, b)| {
        (lo.min(low(b)), hi.max(high(b)))
    });
    if union.1 - union.0 <= window {
        // Everything the subject does fits: a still window on all of it.
        let offset = 0.5 * (union.0 + union.1) - 0.5 * window;
        return vec![offset; frames.len()];
    }
    let boxes = focus.filter(|focus| !focus.is_empty()).unwrap_or(boxes);
    // The subject's extent at each frame, linear between the samples, held beyond them.
    let extent = |frame: usize| -> (f32, f32) {
        let frame = frame as u64;
        let after = boxes.partition_point(|(index, _)| *index <= frame);
        let (a, b) = match (after.checked_sub(1), boxes.get(after)) {
            (Some(before), Some(next)) => (&boxes[before], next),
            (Some(before), None) => (&boxes[before], &boxes[before]),
            (None, Some(next)) => (next, next),
            (None, None) => unreachable!("boxes is not empty"),
        };
        let span = b.0.saturating_sub(a.0).max(1) as f32;
        let s = (frame.saturating_sub(a.0) as f32 / span).clamp(0.0, 1.0);
        let lerp = |p: f32, q: f32| p + (q - p) * s;
        (lerp(low(&a.1), low(&b.1)), lerp(high(&a.1), high(&b.1)))
    };
    let extents: Vec<(f32, f32)> = frames.clone().map(extent).collect();
    let centres: Vec<f32> = extents.iter().map(|(lo, hi)| 0.5 * (lo + hi)).collect();
    // Smoothed like a camera operator's pan: the mean over about a second around each frame.
    let radius = (0.5 * fps).round().max(1.0) as usize;
    let n = centres.len();
    (0..n)
        .map(|i| {
            let (from, to) = (i.saturating_sub(radius), (i + radius + 1).min(n));
            let centre = centres[from..to].iter().sum::<f32>() / (to - from) as f32;
            let offset = centre - 0.5 * window;
            let (lo, hi) = extents[i];
            if hi - lo <= window {
                // Never let the smoothing lag the subject out of the window.
                offset.clamp(hi - window, lo)
            } else {
                offset
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::mask::Sample;
    use crate::edit::shots::Matting;

    /// A shot of `frames` frames from `start` whose samples (every 10 frames) see a subject
    /// `width` cells wide at `x(frame)` on a `(w, h)` grid.
    fn shot(
        (w, h): (usize, usize),
        start: u64,
        frames: u64,
        width: usize,
        x: impl Fn(u64) -> usize,
    ) -> Shot {
        let samples = (start..start + frames)
            .step_by(10)
            .map(|index| {
                let mut mask = vec![0u8; w * h];
                for row in 100..200 {
                    for col in x(index)..(x(index) + width).min(w) {
                        mask[row * w + col] = 1;
                    }
                }
                let sample = Sample {
                    width: w,
                    height: h,
                    y: vec![0; w * h],
                    u: vec![128; w * h],
                    v: vec![128; w * h],
                    offset: None,
                    index,
                };
                (sample, mask)
            })
            .collect();
        Shot {
            start,
            frames,
            matting: Matting::Person,
            samples,
        }
    }

    fn boxes(points: &[(u64, f32)], width: f32) -> Vec<(u64, [f32; 4])> {
        points
            .iter()
            .map(|&(frame, x)| (frame, [x, 0.0, x + width, 10.0]))
            .collect()
    }

    #[test]
    fn a_subject_that_fits_gets_a_still_window() {
        let placed = place_axis(
            &boxes(&[(0, 100.0), (40, 160.0)], 50.0),
            None,
            0,
            0..48,
            200.0,
            24.0,
        );
        assert!(placed.iter().all(|&o| o == placed[0]));
        // Centred on all of it: 100..210.
        assert!((placed[0] - (155.0 - 100.0)).abs() < 1e-3);
    }

    #[test]
    fn a_subject_crossing_the_picture_is_followed_smoothly_and_kept_inside() {
        // 50 px wide, from x = 0 to x = 600 over 60 frames; a 150 px window.
        let samples: Vec<(u64, f32)> = (0..=6).map(|i| (i * 10, i as f32 * 100.0)).collect();
        let placed = place_axis(&boxes(&samples, 50.0), None, 0, 0..60, 150.0, 24.0);
        for (frame, offset) in placed.iter().enumerate() {
            let x = frame as f32 * 10.0;
            assert!(
                *offset <= x && offset + 150.0 >= x + 50.0,
                "frame {frame}: window at {offset} for the subject at {x}"
            );
        }
        for pair in placed.windows(2) {
            assert!((pair[1] - pair[0]).abs() <= 15.0, "{pair:?}");
        }
        assert!(placed[59] - placed[0] > 400.0);
    }

    #[test]
    fn each_shot_is_framed_on_its_own_subject() {
        // 1920x1080 to 9:16 at 720p: a 720-wide window on a 2276-wide canvas.
        let geometry = Geometry::new(1920, 1080, 720, Some((9, 16)));
        let f = geometry.analysis_factor as usize;
        let grid = (
            geometry.canvas_width as usize / f,
            geometry.canvas_height as usize / f,
        );
        let shots = [
            shot(grid, 0, 48, 40, |_| 20),
            shot(grid, 48, 48, 40, |_| 300),
        ];
        let path = CropPath::plan(&geometry, &shots, None, 96, 24.0).unwrap();
        let inside = |index: u64, x0: usize| {
            let (x, _) = path.at(index);
            let (x0, x1) = (x0 * f, (x0 + 40) * f);
            x as usize <= x0 && x as usize + geometry.width as usize >= x1
        };
        // Still within each shot, reframed at the cut, the subject inside throughout.
        assert!((0..48).all(|i| path.at(i) == path.at(0)));
        assert!((48..96).all(|i| path.at(i) == path.at(48)));
        assert_ne!(path.at(0), path.at(48));
        assert!((0..48).all(|i| inside(i, 20)) && (48..96).all(|i| inside(i, 300)));
        assert!(path.moves());
        // Past the clip's end, the last frame's window.
        assert_eq!(path.at(500), path.at(95));
    }

    #[test]
    fn a_window_narrower_than_the_person_follows_the_face() {
        // A person 300 px wide (arms out, or two people side by side) in a 150 px window,
        // the face at the left of the box and moving right.
        let body: Vec<(u64, [f32; 4])> = (0..=4)
            .map(|i| {
                (
                    i * 10,
                    [100.0 + 5.0 * i as f32, 0.0, 400.0 + 5.0 * i as f32, 10.0],
                )
            })
            .collect();
        let face: Vec<(u64, [f32; 4])> = (0..=4)
            .map(|i| {
                (
                    i * 10,
                    [120.0 + 10.0 * i as f32, 0.0, 180.0 + 10.0 * i as f32, 10.0],
                )
            })
            .collect();
        let centred = place_axis(&body, None, 0, 0..41, 150.0, 24.0);
        let following = place_axis(&body, Some(&face), 0, 0..41, 150.0, 24.0);
        for frame in 0..41 {
            let x = 120.0 + frame as f32;
            // On the body's centre the face is cut off; on the face it is inside throughout.
            assert!(centred[frame] > x, "frame {frame}: {}", centred[frame]);
            assert!(
                following[frame] <= x && following[frame] + 150.0 >= x + 60.0,
                "frame {frame}: window at {} for the face at {x}",
                following[frame]
            );
        }
        // A subject that fits is framed whole, faces or not.
        let small: Vec<(u64, [f32; 4])> = vec![(0, [100.0, 0.0, 200.0, 10.0])];
        let still = place_axis(&small, Some(&face), 0, 0..41, 150.0, 24.0);
        assert!(still.iter().all(|&o| (o - 75.0).abs() < 1e-3));
    }
}
