//! The edit plan: what a prompt compiled to, as a typed list of operations.
//!
//! The plan is stored in the job result (`result.plan`) so users can see how their words
//! were understood, and it is the only thing the renderer reads: the prompt text never
//! reaches the pixel code.

use serde::{Deserialize, Serialize};

/// A colour the user named, with the sRGB value it stands for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NamedColour {
    pub name: String,
    pub rgb: [u8; 3],
}

/// The part of the tonal range a split tone colours, or whose saturation changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ToneRegion {
    Shadows,
    Midtones,
    Highlights,
}

/// Named colour grades. Each is a fixed recipe of tone curve, saturation and split toning
/// (see `ops::colour`), scaled by the operation's strength.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Look {
    Warm,
    Cool,
    TealOrange,
    GoldenHour,
    DayForNight,
    Cyberpunk,
    Pastel,
    Vintage,
    BleachBypass,
    Moody,
    /// Desaturated, dark and hard, with sickly green-cyan shadows.
    Horror,
    /// False colour by brightness, as a thermal camera shows heat: black, blue, magenta,
    /// red, orange, yellow, white.
    Thermal,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Monochrome {
    BlackAndWhite,
    Sepia,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Painting {
    OilPaint,
    Watercolour,
}

/// What replaces the background behind the subject.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Backdrop {
    /// The request's `reference_image`, scaled to cover the frame. `described` keeps what the
    /// user called it ("the beach"), for the record only.
    ReferenceImage {
        described: Option<String>,
        /// Defocused, by this strength (0..1) as the background blur's: "the reference
        /// photo, slightly blurred".
        #[serde(default, skip_serializing_if = "Option::is_none")]
        blur: Option<f32>,
    },
    Colour {
        colour: NamedColour,
    },
    /// Vertical gradient, `top` to `bottom`.
    Gradient {
        top: NamedColour,
        bottom: NamedColour,
    },
    /// The original background, defocused.
    Blur {
        strength: f32,
    },
    /// The original background in black and white; the subject keeps its colours.
    BlackAndWhite,
    /// The original background regraded by colour-stage operations ("make the background
    /// darker", "a warmer background"); the subject is left as it was.
    Graded {
        operations: Vec<Operation>,
    },
}

/// Which pixels of the subject a recolour changes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum RecolourSource {
    /// Pixels of this colour inside the subject ("her purple dress").
    Colour { colour: NamedColour },
    /// The subject's most common saturated colour that is not skin, found by the engine.
    Dominant,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum RecolourTarget {
    Colour {
        colour: NamedColour,
    },
    /// The dominant saturated colour of `reference_image`.
    ReferenceImage,
    /// The garment's own colour, adjusted: "make her red dress more vibrant", "desaturate
    /// his jacket", "make the dress a bit darker". Each pixel keeps its hue; its chroma is
    /// scaled by `1 + saturation` (-1 greys it) and its luma moved by up to 35 % of the
    /// garment's mean lightness at `brightness` 1 (both -1..=1).
    Adjusted {
        saturation: f32,
        brightness: f32,
    },
}

/// One operation. Strengths are 0..=1 unless stated; signed amounts are -1..=1.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum Operation {
    /// Colour-stage operations on the subject alone ("make the person brighter", "warm up
    /// the subject"), through its matte; the background is left as it was.
    GradeSubject {
        operations: Vec<Operation>,
    },
    ReplaceBackground {
        backdrop: Backdrop,
    },
    Recolour {
        item: String,
        source: RecolourSource,
        target: RecolourTarget,
    },
    Denoise {
        strength: f32,
    },
    Cartoon {
        strength: f32,
        comic: bool,
    },
    /// A pencil drawing on white paper; `colour` keeps the picture's colours in it, as
    /// coloured pencils would (off: graphite, no colour).
    Sketch {
        strength: f32,
        #[serde(default)]
        colour: bool,
    },
    Painting {
        style: Painting,
        strength: f32,
    },
    Posterize {
        levels: u8,
    },
    PixelArt {
        pixel_size: u8,
    },
    /// A newspaper's halftone print: black dots on a 45-degree screen of `dot_size` pixels
    /// (at 720 lines) on off-white paper.
    Halftone {
        dot_size: u8,
    },
    /// A colour splash: everything turns black and white except what has the hue of `keep`.
    SelectiveColour {
        keep: NamedColour,
    },
    /// The saturation of one band of hues, the rest untouched: "make the greens more
    /// vibrant" (`amount` > 0), "mute the reds" (< 0).
    HueSaturation {
        colour: NamedColour,
        amount: f32,
    },
    Look {
        look: Look,
        strength: f32,
    },
    Monochrome {
        tone: Monochrome,
        strength: f32,
    },
    /// Exposure in stops.
    Exposure {
        stops: f32,
    },
    Contrast {
        amount: f32,
    },
    Saturation {
        amount: f32,
    },
    Tint {
        colour: NamedColour,
        strength: f32,
    },
    /// Split toning: the shadows (or the midtones, or the highlights) pushed towards a
    /// colour, the rest of the tonal range left alone: "teal shadows and orange highlights",
    /// "cool down the shadows", "warm mids".
    SplitTone {
        region: ToneRegion,
        colour: NamedColour,
        strength: f32,
    },
    /// Moves colours away from a named colour, towards its opposite: "less yellow", "remove
    /// the green tint". The same shift as a tint of that colour, reversed.
    CounterTint {
        colour: NamedColour,
        strength: f32,
    },
    /// A two-colour print: the picture's own colour replaced by a blend from `shadows` (in
    /// the dark tones) to `highlights` (in the bright ones); luma is kept.
    Duotone {
        shadows: NamedColour,
        highlights: NamedColour,
        strength: f32,
    },
    /// Lifted blacks and rolled-off whites, as on a faded print.
    Fade {
        strength: f32,
    },
    /// A photographic negative: luma and chroma inverted.
    Invert,
    /// Removes the clip's colour cast, measured once on the first pass from its near-neutral
    /// pixels (`strength` 1 removes all of it).
    WhiteBalance {
        strength: f32,
    },
    /// Skin protection: the rest of the colour grade reaches skin-coloured pixels
    /// (`strength` 1: not at all), as a colourist's hue qualifier keeps faces out of a look.
    /// The pixels are chosen by their own colour, not by a mask of people, so anything of a
    /// skin tone (wood, sand, tan leather) is kept with them.
    KeepSkinTones {
        strength: f32,
    },
    /// Brighter (`amount` > 0) or deeper (< 0) shadows; black, white and the highlights
    /// stay where they are.
    Shadows {
        amount: f32,
    },
    /// Brighter (`amount` > 0) or recovered, darker (< 0) highlights; black, white and the
    /// shadows stay where they are.
    Highlights {
        amount: f32,
    },
    /// Brighter (`amount` > 0) or darker (< 0) midtones, a colourist's gamma; black and
    /// white stay where they are.
    Midtones {
        amount: f32,
    },
    /// The saturation of one part of the tonal range: "desaturate the highlights" (`amount`
    /// -0.6), "more saturated shadows"; the rest keeps its colour, with the same soft edges
    /// as a split tone's.
    ToneSaturation {
        region: ToneRegion,
        amount: f32,
    },
    Sharpen {
        strength: f32,
    },
    Blur {
        strength: f32,
    },
    Vhs {
        strength: f32,
    },
    /// Digital glitch: torn slices and split colour planes, in bursts.
    Glitch {
        strength: f32,
    },
    /// Frame-to-frame jitter of the whole picture in the film gate.
    GateWeave {
        strength: f32,
    },
    /// Frame-to-frame exposure flicker of old film.
    Flicker {
        strength: f32,
    },
    /// Worn film: vertical scratches that last a few frames and drift, and dust specks new
    /// every frame.
    DustAndScratches {
        strength: f32,
    },
    /// Light leaking into the camera: warm glows coming in from the frame's edges, drifting
    /// and swelling over seconds.
    LightLeaks {
        strength: f32,
    },
    /// Luminance-dependent film grain, new every frame. `size` 1 is fine, 2 coarse.
    Grain {
        strength: f32,
        size: f32,
    },
    Vignette {
        strength: f32,
    },
    /// Soft glow ("dreamy", "bloom"): highlights blurred wide and screened over the picture.
    Glow {
        strength: f32,
    },
    /// Lateral chromatic aberration: red and blue fringes that widen towards the corners.
    ChromaticAberration {
        strength: f32,
    },
    /// Black bars above and below a picture of width / height `ratio` (2.39: CinemaScope).
    Letterbox {
        ratio: f32,
    },
}

/// Order in which operations run, whatever order the prompt named them in: subject-aware
/// edits see the untouched source (masks and colour keys are measured on it), looks grade
/// the stylised picture, and grain and vignette go on last, as a camera would add them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Stage {
    Subject,
    Clean,
    Style,
    Colour,
    Texture,
    /// Drawn over everything else: a letterbox's bars stay black, without grain or grade.
    Matte,
}

impl Operation {
    pub fn stage(&self) -> Stage {
        match self {
            Operation::ReplaceBackground { .. }
            | Operation::Recolour { .. }
            | Operation::GradeSubject { .. } => Stage::Subject,
            Operation::Denoise { .. } => Stage::Clean,
            Operation::Cartoon { .. }
            | Operation::Sketch { .. }
            | Operation::Painting { .. }
            | Operation::Posterize { .. }
            | Operation::PixelArt { .. }
            | Operation::Halftone { .. }
            | Operation::SelectiveColour { .. }
            | Operation::HueSaturation { .. } => Stage::Style,
            Operation::Look { .. }
            | Operation::Monochrome { .. }
            | Operation::Exposure { .. }
            | Operation::Contrast { .. }
            | Operation::Saturation { .. }
            | Operation::Tint { .. }
            | Operation::CounterTint { .. }
            | Operation::SplitTone { .. }
            | Operation::Duotone { .. }
            | Operation::Fade { .. }
            | Operation::Shadows { .. }
            | Operation::Highlights { .. }
            | Operation::Midtones { .. }
            | Operation::ToneSaturation { .. }
            | Operation::WhiteBalance { .. }
            | Operation::KeepSkinTones { .. }
            | Operation::Invert => Stage::Colour,
            Operation::Sharpen { .. }
            | Operation::Blur { .. }
            | Operation::Vhs { .. }
            | Operation::Glitch { .. }
            | Operation::GateWeave { .. }
            | Operation::Flicker { .. }
            | Operation::DustAndScratches { .. }
            | Operation::LightLeaks { .. }
            | Operation::Grain { .. }
            | Operation::Vignette { .. }
            | Operation::Glow { .. }
            | Operation::ChromaticAberration { .. } => Stage::Texture,
            Operation::Letterbox { .. } => Stage::Matte,
        }
    }

    /// What a negative prompt suppresses: the name, made specific where one name covers
    /// different edits ("look cool" is not "look warm", "tint blue" is not "tint red", sepia
    /// is not black and white).
    pub fn identity(&self) -> String {
        // "too dark" in a negative prompt rules out darkening, not brightening.
        let direction = |amount: f32| Some(if amount < 0.0 { "down" } else { "up" }.into());
        let detail = match self {
            Operation::Exposure { stops: amount }
            | Operation::Contrast { amount }
            | Operation::Saturation { amount }
            | Operation::Shadows { amount }
            | Operation::Highlights { amount }
            | Operation::Midtones { amount } => direction(*amount),
            // "desaturated highlights" is not "desaturated shadows".
            Operation::ToneSaturation { region, amount } => Some(
                format!(
                    "{} {}",
                    serde_json::to_value(region)
                        .ok()
                        .and_then(|value| value.as_str().map(str::to_owned))
                        .unwrap_or_default(),
                    if *amount < 0.0 { "down" } else { "up" }
                )
                .into(),
            ),
            Operation::Look { look, .. } => serde_json::to_value(look).ok(),
            Operation::Monochrome { tone, .. } => serde_json::to_value(tone).ok(),
            // "oil painting, not watercolour".
            Operation::Painting { style, .. } => serde_json::to_value(style).ok(),
            Operation::Tint { colour, .. }
            | Operation::CounterTint { colour, .. }
            | Operation::SplitTone { colour, .. }
            | Operation::HueSaturation { colour, .. } => Some(colour.name.clone().into()),
            // "no blur" rules out a blurred background, not the reference image put behind.
            Operation::ReplaceBackground { backdrop } => serde_json::to_value(backdrop)
                .ok()
                .and_then(|value| value.get("kind").cloned()),
            _ => None,
        };
        match detail.as_ref().and_then(|value| value.as_str()) {
            Some(detail) => format!("{} {detail}", self.name()),
            None => self.name().to_owned(),
        }
    }

    /// The name used in the plan's JSON (`op`).
    pub fn name(&self) -> &'static str {
        match self {
            Operation::ReplaceBackground { .. } => "replace_background",
            Operation::GradeSubject { .. } => "grade_subject",
            Operation::Recolour { .. } => "recolour",
            Operation::Denoise { .. } => "denoise",
            Operation::Cartoon { .. } => "cartoon",
            Operation::Sketch { .. } => "sketch",
            Operation::Painting { .. } => "painting",
            Operation::Posterize { .. } => "posterize",
            Operation::PixelArt { .. } => "pixel_art",
            Operation::Halftone { .. } => "halftone",
            Operation::SelectiveColour { .. } => "selective_colour",
            Operation::HueSaturation { .. } => "hue_saturation",
            Operation::Duotone { .. } => "duotone",
            Operation::Look { .. } => "look",
            Operation::Monochrome { .. } => "monochrome",
            Operation::Exposure { .. } => "exposure",
            Operation::Contrast { .. } => "contrast",
            Operation::Saturation { .. } => "saturation",
            Operation::Tint { .. } => "tint",
            Operation::CounterTint { .. } => "counter_tint",
            Operation::SplitTone { .. } => "split_tone",
            Operation::Fade { .. } => "fade",
            Operation::WhiteBalance { .. } => "white_balance",
            Operation::KeepSkinTones { .. } => "keep_skin_tones",
            Operation::Invert => "invert",
            Operation::Shadows { .. } => "shadows",
            Operation::Highlights { .. } => "highlights",
            Operation::Midtones { .. } => "midtones",
            Operation::ToneSaturation { .. } => "tone_saturation",
            Operation::Sharpen { .. } => "sharpen",
            Operation::Blur { .. } => "blur",
            Operation::Vhs { .. } => "vhs",
            Operation::Glitch { .. } => "glitch",
            Operation::GateWeave { .. } => "gate_weave",
            Operation::Flicker { .. } => "flicker",
            Operation::DustAndScratches { .. } => "dust_and_scratches",
            Operation::LightLeaks { .. } => "light_leaks",
            Operation::Grain { .. } => "grain",
            Operation::Vignette { .. } => "vignette",
            Operation::Glow { .. } => "glow",
            Operation::ChromaticAberration { .. } => "chromatic_aberration",
            Operation::Letterbox { .. } => "letterbox",
        }
    }

    pub fn needs_subject_mask(&self) -> bool {
        self.stage() == Stage::Subject
    }

    pub fn needs_reference_image(&self) -> bool {
        matches!(
            self,
            Operation::ReplaceBackground {
                backdrop: Backdrop::ReferenceImage { .. }
            } | Operation::Recolour {
                target: RecolourTarget::ReferenceImage,
                ..
            }
        )
    }
}

/// One operation and the words it came from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlannedOperation {
    #[serde(flatten)]
    pub operation: Operation,
    /// The part of the prompt that asked for it.
    pub from: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EditPlan {
    /// In the order they run (see [`Stage`]).
    pub operations: Vec<PlannedOperation>,
    /// The prompt asked for the sound to go (`audio_setting: auto` then drops it).
    pub mute_audio: bool,
    /// The frame shape the prompt asked for ("crop to 9:16", "make it square"): the
    /// request's `aspect_ratio` unless that names another one (then the request is refused).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub aspect_ratio: Option<String>,
    /// The length the prompt asked to keep from the clip's start ("trim it to 8 seconds",
    /// "only the first 5 seconds"): the request's `duration` unless that names another.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration_seconds: Option<f64>,
    /// Effects the negative prompt ruled out, removed from the plan.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub suppressed: Vec<String>,
    /// Negative-prompt phrases that name nothing this engine could add (it never adds
    /// objects, text or artefacts), so they are honoured by construction.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub already_avoided: Vec<String>,
    /// What the prompt asked to keep as it is and the plan keeps: the subject's motion (no
    /// operation changes timing or geometry), the subject itself (only the background or
    /// a garment's colour is edited), or "everything else" (the plan is only what was asked).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub kept: Vec<String>,
    /// Phrases that say what the edits are for ("add grain for a gritty feel", "to make it
    /// feel older"): the reason for the edits asked beside them, not edits of their own.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub purposes: Vec<String>,
    /// Sentences read as describing the footage or the writer ("Travel vlog footage of a
    /// market, harsh midday sun", "Film student"), beside the sentences that ask for edits:
    /// not edits of their own (see `notes.rs`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub context: Vec<String>,
}

impl EditPlan {
    /// Why the request cannot have both its `aspect_ratio` and the frame shape its prompt
    /// asks for, if it cannot ("auto", or no `aspect_ratio`, takes the prompt's).
    pub fn aspect_conflict(&self, requested: Option<&str>) -> Option<String> {
        let asked = self.aspect_ratio.as_deref()?;
        let requested = requested.filter(|requested| *requested != "auto")?;
        // (4:5 is the prompt's alone: aspect_ratio does not list it.)
        let values = if super::geometry::aspect(asked).is_some() {
            format!("{asked} or \"auto\"")
        } else {
            "\"auto\"".to_owned()
        };
        (requested != asked).then(|| {
            format!(
                "the prompt asks for a {asked} frame but aspect_ratio is {requested}: set \
                 aspect_ratio to {values}, or leave the shape out of the prompt"
            )
        })
    }

    /// Why the request cannot have both its `duration` and the length its prompt asks
    /// for, if it cannot.
    pub fn duration_conflict(&self, requested: Option<f64>) -> Option<String> {
        let asked = self.duration_seconds?;
        let requested = requested?;
        ((requested - asked).abs() > 1e-6).then(|| {
            format!(
                "the prompt asks for the first {asked} seconds but duration is {requested}: \
                 set duration to match or leave the length out of the prompt"
            )
        })
    }

    /// The length to keep: the request's `duration`, else the prompt's.
    pub fn duration(&self, requested: Option<f64>) -> Option<f64> {
        requested.or(self.duration_seconds)
    }

    pub fn needs_subject_mask(&self) -> bool {
        self.operations
            .iter()
            .any(|planned| planned.operation.needs_subject_mask())
    }

    /// Whether the first pass must measure the clip's colour cast.
    pub fn needs_white_balance(&self) -> bool {
        self.operations
            .iter()
            .any(|planned| matches!(planned.operation, Operation::WhiteBalance { .. }))
    }

    pub fn needs_reference_image(&self) -> bool {
        self.operations
            .iter()
            .any(|planned| planned.operation.needs_reference_image())
    }

    pub fn operations(&self) -> impl Iterator<Item = &Operation> {
        self.operations.iter().map(|planned| &planned.operation)
    }
}

/// Whether `audio_setting: auto` drops the original sound for this plan.
pub fn mutes_audio(plan: &EditPlan) -> bool {
    plan.mute_audio
}
