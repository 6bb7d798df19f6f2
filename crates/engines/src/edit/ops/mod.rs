//! Pixel operations on yuv420p frames, grouped by stage: colour (one fused table lookup),
//! texture (grain, vignette, VHS, film), style (cartoon, sketch, paint, posterize, pixel art).
//! `filters` holds the shared building blocks (box blur, edge-aware smoothing, noise).

pub mod colour;
pub mod filters;
pub mod style;
pub mod texture;

/// What every per-frame operation sees besides the pixels.
#[derive(Debug, Clone, Copy)]
pub struct FrameInfo {
    /// Index of the frame in the output, from 0.
    pub index: u64,
    /// The run's seed; random effects derive everything from it and `index`.
    pub seed: u64,
    /// Pixels per 720p pixel: sizes in the plan are given for a 720-line picture.
    pub scale: f32,
}

pub fn smoothstep(edge0: f32, edge1: f32, x: f32) -> f32 {
    let t = ((x - edge0) / (edge1 - edge0)).clamp(0.0, 1.0);
    t * t * (3.0 - 2.0 * t)
}

pub fn mix(a: f32, b: f32, t: f32) -> f32 {
    a + (b - a) * t
}

/// A stateful per-frame operation (state such as the previous frame for temporal
/// smoothing, or a vignette's gain map built once per size).
pub trait FrameOp: Send {
    fn apply(&mut self, frame: &mut recut_media::Frame, info: &FrameInfo);
}
