//! `enhance_model` and `subject_detection`: what each value means in terms of motion settings
//! and enhancement strengths. docs/upscale-engine.md explains them to users; keep the two
//! in step.

use serde::Deserialize;

use super::enhance::{estimate_blockiness, estimate_noise, Enhancement};
use super::interpolate::MotionSettings;
use recut_media::Frame;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
pub enum EnhanceModel {
    #[default]
    #[serde(rename = "auto")]
    Auto,
    #[serde(rename = "theia-fine-tune-fidelity")]
    Fidelity,
    #[serde(rename = "theia-fine-tune-detail")]
    Detail,
    #[serde(rename = "iris")]
    Iris,
    #[serde(rename = "rhea")]
    Rhea,
    #[serde(rename = "apollo")]
    Apollo,
}

impl EnhanceModel {
    pub const ALL: [EnhanceModel; 6] = [
        EnhanceModel::Auto,
        EnhanceModel::Fidelity,
        EnhanceModel::Detail,
        EnhanceModel::Iris,
        EnhanceModel::Rhea,
        EnhanceModel::Apollo,
    ];

    /// The API's spelling.
    pub fn name(self) -> &'static str {
        match self {
            EnhanceModel::Auto => "auto",
            EnhanceModel::Fidelity => "theia-fine-tune-fidelity",
            EnhanceModel::Detail => "theia-fine-tune-detail",
            EnhanceModel::Iris => "iris",
            EnhanceModel::Rhea => "rhea",
            EnhanceModel::Apollo => "apollo",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SubjectDetection {
    #[default]
    All,
    Foreground,
    Background,
    None,
}

/// What a run does: how it estimates motion and how it enhances each frame.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Profile {
    /// The fixed profile applied (for `auto`, the one it chose).
    pub model: EnhanceModel,
    pub motion: MotionSettings,
    pub enhancement: Enhancement,
    pub subject: SubjectDetection,
}

/// What `auto` measured and chose, for the job's result.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AutoChoice {
    pub chosen: &'static str,
    pub noise_sigma: f32,
    pub blockiness: f32,
    pub enhancement: Enhancement,
}

/// Noise (luma sigma) above which `auto` treats a source as noisy.
const NOISY: f32 = 3.0;
/// Blockiness above which `auto` treats a source as heavily compressed.
const BLOCKY: f32 = 1.3;

impl Profile {
    /// A fixed profile. `auto` needs a frame to measure: see [`Profile::auto`].
    pub fn fixed(model: EnhanceModel, subject: SubjectDetection) -> Profile {
        let (motion, enhancement) = match model {
            EnhanceModel::Fidelity | EnhanceModel::Auto => {
                (MotionSettings::STANDARD, Enhancement::NONE)
            }
            EnhanceModel::Detail => (
                MotionSettings::STANDARD,
                Enhancement {
                    sharpen: 1.2,
                    sharpen_threshold: 1.0,
                    ..Enhancement::NONE
                },
            ),
            EnhanceModel::Iris => (
                MotionSettings::STANDARD,
                Enhancement {
                    deblock: 12.0,
                    denoise: 8.0,
                    ..Enhancement::NONE
                },
            ),
            EnhanceModel::Rhea => (
                MotionSettings::STANDARD,
                Enhancement {
                    deblock: 6.0,
                    denoise: 4.0,
                    sharpen: 0.6,
                    sharpen_threshold: 2.0,
                },
            ),
            EnhanceModel::Apollo => (MotionSettings::CAREFUL, Enhancement::NONE),
        };
        let enhancement = if subject == SubjectDetection::None {
            Enhancement::NONE
        } else {
            enhancement
        };
        Profile {
            model,
            motion,
            enhancement,
            subject,
        }
    }

    /// `auto`: measures noise and blockiness on a source frame, picks iris for noisy or
    /// blocky sources, detail for clean ones and rhea in between, and scales the chosen
    /// profile's strengths to what it measured.
    pub fn auto(frame: &Frame, subject: SubjectDetection) -> (Profile, AutoChoice) {
        let noise = estimate_noise(frame);
        let blockiness = estimate_blockiness(frame);
        let (model, enhancement) = if noise > NOISY || blockiness > BLOCKY {
            (
                EnhanceModel::Iris,
                Enhancement {
                    deblock: (8.0 * blockiness).clamp(6.0, 20.0),
                    denoise: (2.5 * noise).clamp(4.0, 16.0),
                    ..Enhancement::NONE
                },
            )
        } else if noise < NOISY / 2.0 {
            (
                EnhanceModel::Detail,
                Enhancement {
                    // Cleaner sources take more sharpening; the threshold stays above the grain.
                    sharpen: 1.4 - 0.3 * noise,
                    sharpen_threshold: 0.5 + noise,
                    ..Enhancement::NONE
                },
            )
        } else {
            (
                EnhanceModel::Rhea,
                Enhancement {
                    deblock: 6.0,
                    denoise: 1.5 * noise,
                    sharpen: 0.6,
                    sharpen_threshold: 1.0 + noise,
                },
            )
        };
        let mut profile = Profile::fixed(model, subject);
        if subject != SubjectDetection::None {
            profile.enhancement = enhancement;
        }
        let choice = AutoChoice {
            chosen: model.name(),
            noise_sigma: noise,
            blockiness,
            enhancement: profile.enhancement,
        };
        (profile, choice)
    }

    /// Whether frames need a subject mask (and so motion, even without interpolation).
    pub fn needs_mask(&self) -> bool {
        !self.enhancement.is_none()
            && matches!(
                self.subject,
                SubjectDetection::Foreground | SubjectDetection::Background
            )
    }
}
