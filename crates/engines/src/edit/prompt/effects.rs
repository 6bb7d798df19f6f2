//! The effects vocabulary: every phrase an effect is named by (`EFFECTS`), what each
//! effect compiles to at a strength, the intensity and direction words, and how the matched
//! effects of a clause are resolved into operations.

use super::*;

#[derive(Debug, Clone, PartialEq)]
pub(super) enum EffectKind {
    Look(Look),
    /// "a film look", "shot on film": film grain, as a look (what is named beside it, "with
    /// soft grain", sets the grain).
    FilmLook,
    BlackAndWhite,
    Noir,
    Sepia,
    /// Signed direction; "saturation" with "less" flips it.
    Saturation(f32),
    Exposure(f32),
    Contrast(f32),
    Tint(NamedColour),
    /// Away from a colour: "less yellow", "remove the green tint".
    CounterTint(NamedColour),
    Fade,
    Grain,
    /// Grain in clumps ("coarse grain"), as on fast or small-gauge film.
    CoarseGrain,
    Denoise,
    Vignette,
    Glow,
    Vhs,
    EightMm,
    /// Black-and-white 8mm: the flicker, weave and grain of early cinema.
    SilentFilm,
    Sharpen,
    Blur,
    Flicker,
    DustAndScratches,
    LightLeaks,
    SinCity,
    /// Warm and soft: a warm look with a gentle glow.
    Romantic,
    /// Bright, warm and vivid.
    Happy,
    /// Cool, muted and a little dark.
    Sad,
    GateWeave,
    Cartoon,
    Comic,
    Sketch,
    /// Coloured pencils: the sketch, keeping the picture's colours.
    ColourSketch,
    OilPaint,
    Watercolour,
    Posterize,
    PopArt,
    PixelArt,
    Cinematic,
    /// A print stock's emulation (Kodak 2383): the cinematic grade's teal shadows, warm
    /// highlights and contrast, without its vignette.
    PrintFilm,
    /// The clip's colour cast removed ("fix the white balance").
    WhiteBalance,
    /// A photographic negative.
    Invert,
    Glitch,
    /// Green-phosphor night vision: monochrome, green, brighter, grainy, vignetted.
    NightVision,
    /// Shadows lifted (+) or deepened (-).
    Shadows(f32),
    /// Highlights brightened (+) or recovered (-).
    Highlights(f32),
    Midtones(f32),
    /// "keep the original audio": what `audio_setting` already does unless the prompt mutes.
    KeepAudio,
    /// "keep the colours", "no colour changes": holds as long as no other clause regrades.
    KeepColours,
    /// Three-strip Technicolor: rich, saturated primaries, a touch of warmth and contrast.
    Technicolor,
    /// Cross-processed film (also "lomo"): cyan-green shadows, yellow highlights, hard and
    /// saturated.
    CrossProcess,
    /// Security-camera footage: washed-out colour, soft and noisy.
    Cctv,
    /// An X-ray film: a blue-tinted negative in black and white.
    XRay,
    /// A veil of light: lifted blacks and a soft glow ("hazy").
    Haze,
    /// Bright and soft: more exposure, less contrast.
    HighKey,
    /// The "HDR look": shadows lifted, highlights recovered, more saturation and local
    /// contrast (a sharpen), as tone-mapped photographs have.
    Hdr,
    /// The blue hour / dusk: the cool look, a little darker, softer contrast.
    BlueHour,
    /// Sepia, a strong vignette and grain: a 19th-century photograph.
    AntiquePhoto,
    /// Dark and hard: less exposure, more contrast.
    LowKey,
    /// Red and blue fringes towards the corners ("chromatic aberration", "colour fringing").
    ChromaticAberration,
    /// Black bars above and below (2.39:1).
    Letterbox,
    /// The spaghetti-western grade: warm, golden, dusty (less saturated) and hard.
    Western,
    /// Cool, clean science fiction: a cool teal grade with more contrast.
    SciFi,
    /// Under water: reds absorbed (a blue-green cast), less contrast, a little softness.
    Underwater,
    /// A remembered scene: faded colour, a soft glow, dark corners.
    Flashback,
    /// Slide film (Ektachrome, Velvia, Fuji's look): saturated, contrasty and a little cool.
    SlideFilm,
    /// Vaporwave: cyan shadows, pink highlights, lifted blacks.
    Vaporwave,
    /// A newspaper's halftone print.
    Halftone,
    /// A cyanotype print: Prussian blue shadows on white paper.
    Cyanotype,
    /// An early handheld console's screen: four-shade green, big pixels.
    HandheldConsole,
    Mute,
    /// A frame shape the request's `aspect_ratio` can also set ("9:16", "1:1").
    Aspect(&'static str),
}

/// The phrases that ask for a frame shape, with the shape: a ratio (one word by now,
/// [`aspect_ratios`]) after a verb ("crop to 9:16", "change the aspect ratio to 9:16") or
/// before a noun ("9:16 format"), beside its shape's name ("vertical 9:16"), and the shape's
/// name alone with a crop's wording ("crop to square", "vertical video").
pub(super) static FRAME_SHAPES: std::sync::LazyLock<Vec<(String, &'static str)>> =
    std::sync::LazyLock::new(|| {
        const RATIOS: [(&str, &str, &[&str]); 7] = [
            ("9:16", "ratio9by16", &["vertical", "portrait"]),
            ("16:9", "ratio16by9", &["widescreen", "landscape"]),
            ("1:1", "ratio1by1", &["square"]),
            ("4:3", "ratio4by3", &["fullscreen", "landscape"]),
            ("3:4", "ratio3by4", &["portrait", "vertical"]),
            // Instagram's portrait post: "portrait" beside the ratio, never alone.
            ("4:5", "ratio4by5", &["portrait", "vertical"]),
            ("5:4", "ratio5by4", &["landscape"]),
        ];
        const BEFORE_RATIO: [&str; 25] = [
            "",
            "crop to ",
            "crop it to ",
            "crop ",
            "cropped to ",
            "reframe to ",
            "reframe it to ",
            "make it ",
            "in ",
            "change the aspect ratio to ",
            "set the aspect ratio to ",
            "aspect ratio to ",
            "aspect ratio ",
            "an aspect ratio of ",
            // A deliverable's shape: "deliver a 1:1", "export in 9:16".
            "deliver a ",
            "deliver in ",
            "deliver as ",
            "deliver ",
            "export in ",
            "export as ",
            "output in ",
            "reframe for ",
            "crop in ",
            "aspect ",
            "crop it ",
        ];
        const AFTER_RATIO: [&str; 13] = [
            " format",
            " aspect ratio",
            " aspect",
            " crop",
            " frame",
            " video",
            " delivery",
            " deliverable",
            " version",
            " portrait crop",
            " vertical crop",
            " square crop",
            " landscape crop",
        ];
        const BEFORE_RATIO_AND_NAME: [&str; 6] = [
            "",
            "crop to ",
            "crop it to ",
            "make it ",
            "reframe to ",
            "reframe it to ",
        ];
        const NAME_ALONE: [&str; 21] = [
            "crop to {}",
            "crop it to {}",
            "crop to a {}",
            "crop it to a {}",
            "{} crop",
            "make it {}",
            "{} format",
            "a {} format",
            "{} video",
            "reframe to {}",
            "reframe it to {}",
            "reframe as {}",
            "cropped to {}",
            "cropped to a {}",
            "crop {}",
            "in {} format",
            "crop it {}",
            "deliver {}",
            "{} please",
            "make the video {}",
            "make the clip {}",
        ];
        let mut phrases = Vec::new();
        for (ratio, token, names) in RATIOS {
            phrases.extend(
                BEFORE_RATIO
                    .iter()
                    .map(|before| (format!("{before}{token}"), ratio)),
            );
            phrases.extend(
                AFTER_RATIO
                    .iter()
                    .map(|after| (format!("{token}{after}"), ratio)),
            );
            phrases.push((format!("a {token} aspect ratio"), ratio));
            for name in names {
                phrases.extend(
                    BEFORE_RATIO_AND_NAME
                        .iter()
                        .map(|before| (format!("{before}{token} {name}"), ratio)),
                );
                phrases.push((format!("crop to {token} for {name}"), ratio));
                // "vertical 3:4 crop", "portrait 9:16", "crop to portrait 4:5"
                phrases.extend(
                    BEFORE_RATIO_AND_NAME
                        .iter()
                        .map(|before| (format!("{before}{name} {token}"), ratio)),
                );
                phrases.push((format!("{name} {token} crop"), ratio));
                phrases.push((format!("crop it to {token} for {name}"), ratio));
            }
        }
        for (name, token, ratio) in [
            ("vertical", "ratio9by16", "9:16"),
            ("square", "ratio1by1", "1:1"),
            ("widescreen", "ratio16by9", "16:9"),
        ] {
            phrases.extend(
                NAME_ALONE
                    .iter()
                    .map(|pattern| (pattern.replace("{}", name), ratio)),
            );
            phrases.push((format!("{name} {token}"), ratio));
        }
        phrases.push(("crop to vertical ratio9by16".into(), "9:16"));
        // The platforms whose videos are vertical, named as what the crop is for: "crop for
        // youtube shorts", "crop it for reels".
        for platform in [
            "tiktok",
            "reels",
            "instagram reels",
            "ig reels",
            "insta reels",
            "stories",
            "instagram stories",
            "insta stories",
            "story",
            "my story",
            "instagram story",
            "insta story",
        ] {
            for before in [
                "crop for ",
                "crop it for ",
                "crop this for ",
                "reframe for ",
            ] {
                phrases.push((format!("{before}{platform}"), "9:16"));
            }
        }
        phrases
    });

/// Phrases, longest matched first. A phrase naming an adjustable quantity ("saturation",
/// "contrast", "grain") takes its sign from direction words before it.
/// A phrase and the effect it names.
pub(super) type EffectPhrase = (&'static str, fn() -> EffectKind);

pub(super) const EFFECTS: &[EffectPhrase] = &[
    ("black and white", || EffectKind::BlackAndWhite),
    ("black white", || EffectKind::BlackAndWhite),
    ("bw", || EffectKind::BlackAndWhite),
    ("monochrome", || EffectKind::BlackAndWhite),
    ("monochromatic", || EffectKind::BlackAndWhite),
    ("greyscale", || EffectKind::BlackAndWhite),
    ("grayscale", || EffectKind::BlackAndWhite),
    ("grey scale", || EffectKind::BlackAndWhite),
    ("gray scale", || EffectKind::BlackAndWhite),
    ("colourless", || EffectKind::BlackAndWhite),
    ("colorless", || EffectKind::BlackAndWhite),
    ("remove the colour", || EffectKind::BlackAndWhite),
    ("remove the color", || EffectKind::BlackAndWhite),
    ("remove the colours", || EffectKind::BlackAndWhite),
    ("remove the colors", || EffectKind::BlackAndWhite),
    ("remove colour", || EffectKind::BlackAndWhite),
    ("remove color", || EffectKind::BlackAndWhite),
    ("without colour", || EffectKind::BlackAndWhite),
    ("without color", || EffectKind::BlackAndWhite),
    ("no colour", || EffectKind::BlackAndWhite),
    ("no color", || EffectKind::BlackAndWhite),
    ("film noir", || EffectKind::Noir),
    ("noir", || EffectKind::Noir),
    ("sepia", || EffectKind::Sepia),
    // A 19th-century photograph: sepia, dark corners, the grain of the plate.
    ("daguerreotype", || EffectKind::AntiquePhoto),
    ("tintype", || EffectKind::AntiquePhoto),
    ("1800s", || EffectKind::AntiquePhoto),
    ("19th century", || EffectKind::AntiquePhoto),
    ("antique photo", || EffectKind::AntiquePhoto),
    ("antique photograph", || EffectKind::AntiquePhoto),
    ("victorian photo", || EffectKind::AntiquePhoto),
    ("victorian photograph", || EffectKind::AntiquePhoto),
    ("teal and orange", || EffectKind::Look(Look::TealOrange)),
    ("orange and teal", || EffectKind::Look(Look::TealOrange)),
    ("teal orange", || EffectKind::Look(Look::TealOrange)),
    ("orange teal", || EffectKind::Look(Look::TealOrange)),
    ("blockbuster", || EffectKind::Look(Look::TealOrange)),
    ("golden hour", || EffectKind::Look(Look::GoldenHour)),
    ("magic hour", || EffectKind::Look(Look::GoldenHour)),
    ("sunset", || EffectKind::Look(Look::GoldenHour)),
    ("sunset light", || EffectKind::Look(Look::GoldenHour)),
    ("sunrise", || EffectKind::Look(Look::GoldenHour)),
    ("dawn", || EffectKind::Look(Look::GoldenHour)),
    ("late afternoon", || EffectKind::Look(Look::GoldenHour)),
    ("early morning", || EffectKind::Look(Look::GoldenHour)),
    ("blue hour", || EffectKind::BlueHour),
    ("twilight", || EffectKind::BlueHour),
    ("dusk", || EffectKind::BlueHour),
    ("day for night", || EffectKind::Look(Look::DayForNight)),
    ("moonlight", || EffectKind::Look(Look::DayForNight)),
    ("moonlit", || EffectKind::Look(Look::DayForNight)),
    ("night time", || EffectKind::Look(Look::DayForNight)),
    ("nighttime", || EffectKind::Look(Look::DayForNight)),
    ("at night", || EffectKind::Look(Look::DayForNight)),
    ("midnight", || EffectKind::Look(Look::DayForNight)),
    ("night", || EffectKind::Look(Look::DayForNight)),
    ("cyberpunk", || EffectKind::Look(Look::Cyberpunk)),
    ("cyberpunk city", || EffectKind::Look(Look::Cyberpunk)),
    ("neon city", || EffectKind::Look(Look::Cyberpunk)),
    ("cyber punk", || EffectKind::Look(Look::Cyberpunk)),
    ("neon", || EffectKind::Look(Look::Cyberpunk)),
    ("synthwave", || EffectKind::Look(Look::Cyberpunk)),
    ("pastel", || EffectKind::Look(Look::Pastel)),
    ("pastels", || EffectKind::Look(Look::Pastel)),
    ("pastel colored", || EffectKind::Look(Look::Pastel)),
    ("pastel coloured", || EffectKind::Look(Look::Pastel)),
    ("pastel colors", || EffectKind::Look(Look::Pastel)),
    ("pastel colours", || EffectKind::Look(Look::Pastel)),
    ("pastel tones", || EffectKind::Look(Look::Pastel)),
    ("vintage", || EffectKind::Look(Look::Vintage)),
    ("faded", || EffectKind::Look(Look::Vintage)),
    ("washed out", || EffectKind::Look(Look::Vintage)),
    ("70s", || EffectKind::Look(Look::Vintage)),
    ("1970s", || EffectKind::Look(Look::Vintage)),
    ("old photo", || EffectKind::Look(Look::Vintage)),
    ("old photograph", || EffectKind::Look(Look::Vintage)),
    ("old black and white", || EffectKind::SilentFilm),
    ("old bw", || EffectKind::SilentFilm),
    ("polaroid", || EffectKind::Look(Look::Vintage)),
    ("bleach bypass", || EffectKind::Look(Look::BleachBypass)),
    ("bleach", || EffectKind::Look(Look::BleachBypass)),
    ("moody", || EffectKind::Look(Look::Moody)),
    ("gloomy", || EffectKind::Look(Look::Moody)),
    ("warm", || EffectKind::Look(Look::Warm)),
    ("warmer", || EffectKind::Look(Look::Warm)),
    ("warmth", || EffectKind::Look(Look::Warm)),
    ("cozy", || EffectKind::Look(Look::Warm)),
    ("cosy", || EffectKind::Look(Look::Warm)),
    ("cozier", || EffectKind::Look(Look::Warm)),
    ("cosier", || EffectKind::Look(Look::Warm)),
    ("christmasy", || EffectKind::Look(Look::Warm)),
    ("christmassy", || EffectKind::Look(Look::Warm)),
    ("cottagecore", || EffectKind::Look(Look::Warm)),
    ("dark academia", || EffectKind::Look(Look::Moody)),
    ("grimy", || EffectKind::Look(Look::BleachBypass)),
    ("clinical", || EffectKind::Look(Look::Cool)),
    ("freezing", || EffectKind::Look(Look::Cool)),
    ("vsco", || EffectKind::Look(Look::Vintage)),
    ("cute", || EffectKind::Look(Look::Pastel)),
    ("candy colours", || EffectKind::Look(Look::Pastel)),
    ("candy colors", || EffectKind::Look(Look::Pastel)),
    ("earthy", || EffectKind::Look(Look::Warm)),
    ("earth tones", || EffectKind::Look(Look::Warm)),
    ("cool", || EffectKind::Look(Look::Cool)),
    ("icy", || EffectKind::Look(Look::Cool)),
    ("frosty", || EffectKind::Look(Look::Cool)),
    ("wintry", || EffectKind::Look(Look::Cool)),
    ("chilly", || EffectKind::Look(Look::Cool)),
    ("cooler", || EffectKind::Look(Look::Cool)),
    ("cold", || EffectKind::Look(Look::Cool)),
    ("colder", || EffectKind::Look(Look::Cool)),
    ("frozen", || EffectKind::Look(Look::Cool)),
    ("cinematic", || EffectKind::Cinematic),
    ("filmic", || EffectKind::Cinematic),
    ("movie look", || EffectKind::Cinematic),
    ("high contrast", || EffectKind::Contrast(1.0)),
    ("low contrast", || EffectKind::Contrast(-1.0)),
    ("contrasty", || EffectKind::Contrast(1.0)),
    ("contrast", || EffectKind::Contrast(1.0)),
    ("punchy", || EffectKind::Contrast(1.0)),
    ("punchier", || EffectKind::Contrast(1.0)),
    ("punch", || EffectKind::Contrast(1.0)),
    ("flat", || EffectKind::Contrast(-1.0)),
    ("muted", || EffectKind::Saturation(-1.0)),
    ("desaturated", || EffectKind::Saturation(-1.0)),
    ("desaturate", || EffectKind::Saturation(-1.0)),
    ("dull", || EffectKind::Saturation(-1.0)),
    ("bleak", || EffectKind::Saturation(-1.0)),
    // Mostly said of footage as complaints ("too drab", "it is too harsh"), which ask for
    // the opposite; asked for, they mean what they say.
    ("drab", || EffectKind::Saturation(-1.0)),
    ("bland", || EffectKind::Saturation(-1.0)),
    ("lifeless", || EffectKind::Saturation(-1.0)),
    ("oversaturated", || EffectKind::Saturation(1.0)),
    ("murky", || EffectKind::Exposure(-1.0)),
    ("muddy", || EffectKind::Contrast(-1.0)),
    ("harsh", || EffectKind::Contrast(1.0)),
    ("saturated", || EffectKind::Saturation(1.0)),
    ("saturate", || EffectKind::Saturation(1.0)),
    ("saturation", || EffectKind::Saturation(1.0)),
    ("vibrant", || EffectKind::Saturation(1.0)),
    ("vibrance", || EffectKind::Saturation(1.0)),
    ("vibrancy", || EffectKind::Saturation(1.0)),
    ("colours pop", || EffectKind::Saturation(1.0)),
    ("colors pop", || EffectKind::Saturation(1.0)),
    ("pop", || EffectKind::Saturation(1.0)),
    ("vivid", || EffectKind::Saturation(1.0)),
    ("colourful", || EffectKind::Saturation(1.0)),
    ("colorful", || EffectKind::Saturation(1.0)),
    ("bright", || EffectKind::Exposure(1.0)),
    ("brighter", || EffectKind::Exposure(1.0)),
    ("brighten", || EffectKind::Exposure(1.0)),
    ("brightness", || EffectKind::Exposure(1.0)),
    ("lighter", || EffectKind::Exposure(1.0)),
    ("lighten", || EffectKind::Exposure(1.0)),
    ("exposure", || EffectKind::Exposure(1.0)),
    ("overexposed", || EffectKind::Exposure(1.0)),
    ("dark", || EffectKind::Exposure(-1.0)),
    ("darker", || EffectKind::Exposure(-1.0)),
    ("darken", || EffectKind::Exposure(-1.0)),
    ("dim", || EffectKind::Exposure(-1.0)),
    ("dimmer", || EffectKind::Exposure(-1.0)),
    ("underexposed", || EffectKind::Exposure(-1.0)),
    ("fade", || EffectKind::Fade),
    ("lifted blacks", || EffectKind::Fade),
    ("matte", || EffectKind::Fade),
    ("film grain", || EffectKind::Grain),
    ("grain", || EffectKind::Grain),
    ("grainy", || EffectKind::Grain),
    ("shot on film", || EffectKind::FilmLook),
    ("film look", || EffectKind::FilmLook),
    ("35mm", || EffectKind::FilmLook),
    ("35mm film", || EffectKind::FilmLook),
    ("35mm film grain", || EffectKind::Grain),
    ("35mm grain", || EffectKind::Grain),
    ("analog film grain", || EffectKind::Grain),
    ("analogue film grain", || EffectKind::Grain),
    ("noise", || EffectKind::Grain),
    ("noisy", || EffectKind::Grain),
    ("denoise", || EffectKind::Denoise),
    ("denoised", || EffectKind::Denoise),
    ("degrain", || EffectKind::Denoise),
    ("noise reduction", || EffectKind::Denoise),
    ("clean up", || EffectKind::Denoise),
    ("vignette", || EffectKind::Vignette),
    ("glow", || EffectKind::Glow),
    ("chromatic aberration", || EffectKind::ChromaticAberration),
    ("chromatic aberrations", || EffectKind::ChromaticAberration),
    ("colour fringing", || EffectKind::ChromaticAberration),
    ("color fringing", || EffectKind::ChromaticAberration),
    ("colour fringes", || EffectKind::ChromaticAberration),
    ("color fringes", || EffectKind::ChromaticAberration),
    ("letterbox", || EffectKind::Letterbox),
    ("letterboxed", || EffectKind::Letterbox),
    ("letterboxing", || EffectKind::Letterbox),
    ("black bars", || EffectKind::Letterbox),
    ("cinematic bars", || EffectKind::Letterbox),
    ("cinema bars", || EffectKind::Letterbox),
    ("movie bars", || EffectKind::Letterbox),
    ("cinemascope", || EffectKind::Letterbox),
    ("western", || EffectKind::Western),
    ("spaghetti western", || EffectKind::Western),
    ("wild west", || EffectKind::Western),
    ("sci fi", || EffectKind::SciFi),
    ("scifi", || EffectKind::SciFi),
    ("science fiction", || EffectKind::SciFi),
    ("futuristic", || EffectKind::SciFi),
    ("underwater", || EffectKind::Underwater),
    ("under water", || EffectKind::Underwater),
    ("under the sea", || EffectKind::Underwater),
    ("filmed underwater", || EffectKind::Underwater),
    ("shot underwater", || EffectKind::Underwater),
    ("airy", || EffectKind::HighKey),
    ("glowing", || EffectKind::Glow),
    ("soft glow", || EffectKind::Glow),
    ("dreamy glow", || EffectKind::Glow),
    ("bloom", || EffectKind::Glow),
    ("dreamy", || EffectKind::Glow),
    ("dreamier", || EffectKind::Glow),
    ("dreamlike", || EffectKind::Glow),
    ("dream", || EffectKind::Glow),
    ("dream sequence", || EffectKind::Glow),
    ("lift the shadows", || EffectKind::Shadows(1.0)),
    ("lift shadows", || EffectKind::Shadows(1.0)),
    ("lifted shadows", || EffectKind::Shadows(1.0)),
    ("raise the shadows", || EffectKind::Shadows(1.0)),
    ("boost the shadows", || EffectKind::Shadows(1.0)),
    ("brighten the shadows", || EffectKind::Shadows(1.0)),
    ("brighter shadows", || EffectKind::Shadows(1.0)),
    ("lighten the shadows", || EffectKind::Shadows(1.0)),
    ("lighter shadows", || EffectKind::Shadows(1.0)),
    ("open up the shadows", || EffectKind::Shadows(1.0)),
    ("open the shadows", || EffectKind::Shadows(1.0)),
    ("shadow detail", || EffectKind::Shadows(1.0)),
    ("softer shadows", || EffectKind::Shadows(1.0)),
    ("crush the blacks", || EffectKind::Shadows(-1.0)),
    ("crush blacks", || EffectKind::Shadows(-1.0)),
    ("crushed blacks", || EffectKind::Shadows(-1.0)),
    ("deepen the shadows", || EffectKind::Shadows(-1.0)),
    ("deeper shadows", || EffectKind::Shadows(-1.0)),
    ("deep shadows", || EffectKind::Shadows(-1.0)),
    ("darken the shadows", || EffectKind::Shadows(-1.0)),
    ("darker shadows", || EffectKind::Shadows(-1.0)),
    ("deep blacks", || EffectKind::Shadows(-1.0)),
    ("deeper blacks", || EffectKind::Shadows(-1.0)),
    ("richer blacks", || EffectKind::Shadows(-1.0)),
    ("rich blacks", || EffectKind::Shadows(-1.0)),
    ("inky blacks", || EffectKind::Shadows(-1.0)),
    ("recover the highlights", || EffectKind::Highlights(-1.0)),
    ("highlight recovery", || EffectKind::Highlights(-1.0)),
    ("tone down the highlights", || EffectKind::Highlights(-1.0)),
    ("soften the highlights", || EffectKind::Highlights(-1.0)),
    ("softer highlights", || EffectKind::Highlights(-1.0)),
    ("highlights softer", || EffectKind::Highlights(-1.0)),
    ("darken the highlights", || EffectKind::Highlights(-1.0)),
    ("darker highlights", || EffectKind::Highlights(-1.0)),
    ("pull down the highlights", || EffectKind::Highlights(-1.0)),
    ("tame the highlights", || EffectKind::Highlights(-1.0)),
    ("reduce the highlights", || EffectKind::Highlights(-1.0)),
    ("lower the highlights", || EffectKind::Highlights(-1.0)),
    ("brighten the highlights", || EffectKind::Highlights(1.0)),
    ("brighter highlights", || EffectKind::Highlights(1.0)),
    ("boost the highlights", || EffectKind::Highlights(1.0)),
    ("raise the highlights", || EffectKind::Highlights(1.0)),
    ("lift the highlights", || EffectKind::Highlights(1.0)),
    ("brighter whites", || EffectKind::Highlights(1.0)),
    ("brighten the midtones", || EffectKind::Midtones(1.0)),
    ("brighter midtones", || EffectKind::Midtones(1.0)),
    ("lift the midtones", || EffectKind::Midtones(1.0)),
    ("raise the midtones", || EffectKind::Midtones(1.0)),
    ("boost the midtones", || EffectKind::Midtones(1.0)),
    ("lighten the midtones", || EffectKind::Midtones(1.0)),
    ("open up the midtones", || EffectKind::Midtones(1.0)),
    ("darken the midtones", || EffectKind::Midtones(-1.0)),
    ("darker midtones", || EffectKind::Midtones(-1.0)),
    ("lower the midtones", || EffectKind::Midtones(-1.0)),
    ("deepen the midtones", || EffectKind::Midtones(-1.0)),
    ("pull down the midtones", || EffectKind::Midtones(-1.0)),
    ("midtones brighter", || EffectKind::Midtones(1.0)),
    ("midtones darker", || EffectKind::Midtones(-1.0)),
    // A colourist's lift, gamma and gain: black level, midtones, white level.
    ("lift up", || EffectKind::Shadows(1.0)),
    ("raise the lift", || EffectKind::Shadows(1.0)),
    ("lift down", || EffectKind::Shadows(-1.0)),
    ("lower the lift", || EffectKind::Shadows(-1.0)),
    ("gamma up", || EffectKind::Midtones(1.0)),
    ("raise the gamma", || EffectKind::Midtones(1.0)),
    ("gamma down", || EffectKind::Midtones(-1.0)),
    ("lower the gamma", || EffectKind::Midtones(-1.0)),
    ("gain up", || EffectKind::Highlights(1.0)),
    ("raise the gain", || EffectKind::Highlights(1.0)),
    ("gain down", || EffectKind::Highlights(-1.0)),
    ("lower the gain", || EffectKind::Highlights(-1.0)),
    ("white balance", || EffectKind::WhiteBalance),
    ("fix the white balance", || EffectKind::WhiteBalance),
    ("correct the white balance", || EffectKind::WhiteBalance),
    ("auto white balance", || EffectKind::WhiteBalance),
    ("balance the colours", || EffectKind::WhiteBalance),
    ("balance the colors", || EffectKind::WhiteBalance),
    ("colour balance", || EffectKind::WhiteBalance),
    ("color balance", || EffectKind::WhiteBalance),
    ("colour correct", || EffectKind::WhiteBalance),
    ("colour correction", || EffectKind::WhiteBalance),
    ("auto colour correction", || EffectKind::WhiteBalance),
    ("auto color correction", || EffectKind::WhiteBalance),
    ("color correction", || EffectKind::WhiteBalance),
    ("natural colours", || EffectKind::WhiteBalance),
    ("natural colors", || EffectKind::WhiteBalance),
    ("colours look natural", || EffectKind::WhiteBalance),
    ("colors look natural", || EffectKind::WhiteBalance),
    ("color correct", || EffectKind::WhiteBalance),
    ("colour correction", || EffectKind::WhiteBalance),
    ("auto colour correction", || EffectKind::WhiteBalance),
    ("auto color correction", || EffectKind::WhiteBalance),
    ("color correction", || EffectKind::WhiteBalance),
    ("colour corrected", || EffectKind::WhiteBalance),
    ("color corrected", || EffectKind::WhiteBalance),
    ("correct the colours", || EffectKind::WhiteBalance),
    ("correct the colors", || EffectKind::WhiteBalance),
    ("fix the colours", || EffectKind::WhiteBalance),
    ("fix the colors", || EffectKind::WhiteBalance),
    ("remove the colour cast", || EffectKind::WhiteBalance),
    ("remove the color cast", || EffectKind::WhiteBalance),
    ("remove the cast", || EffectKind::WhiteBalance),
    ("colour cast", || EffectKind::WhiteBalance),
    ("color cast", || EffectKind::WhiteBalance),
    ("neutralise the colours", || EffectKind::WhiteBalance),
    ("neutralize the colors", || EffectKind::WhiteBalance),
    ("neutralize the colours", || EffectKind::WhiteBalance),
    ("neutralise the colors", || EffectKind::WhiteBalance),
    ("neutral colours", || EffectKind::WhiteBalance),
    ("neutral colors", || EffectKind::WhiteBalance),
    ("auto colour", || EffectKind::WhiteBalance),
    ("auto color", || EffectKind::WhiteBalance),
    ("natural colours", || EffectKind::WhiteBalance),
    ("natural colors", || EffectKind::WhiteBalance),
    ("horror", || EffectKind::Look(Look::Horror)),
    ("horror movie", || EffectKind::Look(Look::Horror)),
    ("horror film", || EffectKind::Look(Look::Horror)),
    ("scary", || EffectKind::Look(Look::Horror)),
    ("creepy", || EffectKind::Look(Look::Horror)),
    ("eerie", || EffectKind::Look(Look::Horror)),
    ("spooky", || EffectKind::Look(Look::Horror)),
    // Moods, as a colourist grades them.
    ("romantic", || EffectKind::Romantic),
    ("happy", || EffectKind::Happy),
    ("happier", || EffectKind::Happy),
    ("cheerful", || EffectKind::Happy),
    ("joyful", || EffectKind::Happy),
    ("upbeat", || EffectKind::Happy),
    ("sad", || EffectKind::Sad),
    ("sadder", || EffectKind::Sad),
    ("melancholy", || EffectKind::Sad),
    ("melancholic", || EffectKind::Sad),
    ("somber", || EffectKind::Sad),
    ("sombre", || EffectKind::Sad),
    ("depressing", || EffectKind::Sad),
    ("lonely", || EffectKind::Sad),
    ("lonesome", || EffectKind::Sad),
    ("desolate", || EffectKind::Sad),
    ("bleaker", || EffectKind::Sad),
    ("mysterious", || EffectKind::Look(Look::Moody)),
    ("brooding", || EffectKind::Look(Look::Moody)),
    ("ominous", || EffectKind::Look(Look::Moody)),
    ("epic", || EffectKind::Cinematic),
    ("sinister", || EffectKind::Look(Look::Horror)),
    ("impressionist", || EffectKind::OilPaint),
    ("impressionism", || EffectKind::OilPaint),
    ("nightmare", || EffectKind::Look(Look::Horror)),
    ("nightmarish", || EffectKind::Look(Look::Horror)),
    ("haunted", || EffectKind::Look(Look::Horror)),
    ("zombie movie", || EffectKind::Look(Look::Horror)),
    ("thermal", || EffectKind::Look(Look::Thermal)),
    ("thermal camera", || EffectKind::Look(Look::Thermal)),
    ("thermal imaging", || EffectKind::Look(Look::Thermal)),
    ("thermal vision", || EffectKind::Look(Look::Thermal)),
    ("heat map", || EffectKind::Look(Look::Thermal)),
    ("heatmap", || EffectKind::Look(Look::Thermal)),
    ("heat vision", || EffectKind::Look(Look::Thermal)),
    ("heat camera", || EffectKind::Look(Look::Thermal)),
    ("predator vision", || EffectKind::Look(Look::Thermal)),
    ("invert", || EffectKind::Invert),
    ("inverted", || EffectKind::Invert),
    ("invert the colours", || EffectKind::Invert),
    ("invert the colors", || EffectKind::Invert),
    ("invert colours", || EffectKind::Invert),
    ("invert colors", || EffectKind::Invert),
    ("negative", || EffectKind::Invert),
    ("film negative", || EffectKind::Invert),
    ("photo negative", || EffectKind::Invert),
    ("colour negative", || EffectKind::Invert),
    ("color negative", || EffectKind::Invert),
    ("night vision", || EffectKind::NightVision),
    ("nightvision", || EffectKind::NightVision),
    ("night vision goggles", || EffectKind::NightVision),
    ("night vision camera", || EffectKind::NightVision),
    ("glitch", || EffectKind::Glitch),
    ("glitchy", || EffectKind::Glitch),
    ("glitch effect", || EffectKind::Glitch),
    ("glitches", || EffectKind::Glitch),
    ("glitched", || EffectKind::Glitch),
    ("digital glitch", || EffectKind::Glitch),
    ("glitch art", || EffectKind::Glitch),
    ("rgb split", || EffectKind::Glitch),
    ("signal glitch", || EffectKind::Glitch),
    ("hazy", || EffectKind::Haze),
    ("foggy", || EffectKind::Haze),
    ("misty", || EffectKind::Haze),
    ("haze", || EffectKind::Haze),
    ("fog", || EffectKind::Haze),
    ("mist", || EffectKind::Haze),
    ("high key", || EffectKind::HighKey),
    ("hdr", || EffectKind::Hdr),
    ("hdr look", || EffectKind::Hdr),
    ("high dynamic range", || EffectKind::Hdr),
    ("dynamic range", || EffectKind::Hdr),
    ("low key", || EffectKind::LowKey),
    ("dream like", || EffectKind::Glow),
    ("ethereal", || EffectKind::Glow),
    ("diffusion", || EffectKind::Glow),
    ("vignetting", || EffectKind::Vignette),
    ("dark corners", || EffectKind::Vignette),
    ("dark edges", || EffectKind::Vignette),
    ("darker edges", || EffectKind::Vignette),
    ("darker corners", || EffectKind::Vignette),
    ("darken the edges", || EffectKind::Vignette),
    ("darken the corners", || EffectKind::Vignette),
    ("tracking lines", || EffectKind::Vhs),
    ("tracking errors", || EffectKind::Vhs),
    ("vhs", || EffectKind::Vhs),
    ("retro", || EffectKind::Vhs),
    ("videotape", || EffectKind::Vhs),
    // A cathode-ray tube's scanlines and soft colour: the tape look covers it.
    ("crt", || EffectKind::Vhs),
    ("crt tv", || EffectKind::Vhs),
    ("crt monitor", || EffectKind::Vhs),
    ("crt screen", || EffectKind::Vhs),
    ("tube tv", || EffectKind::Vhs),
    // Lo-fi video: the tape and camcorder look.
    ("lo fi", || EffectKind::Vhs),
    ("lofi", || EffectKind::Vhs),
    ("low fi", || EffectKind::Vhs),
    ("video tape", || EffectKind::Vhs),
    ("camcorder", || EffectKind::Vhs),
    ("vcr", || EffectKind::Vhs),
    ("analog", || EffectKind::Vhs),
    ("analogue", || EffectKind::Vhs),
    ("80s", || EffectKind::Vhs),
    ("90s", || EffectKind::Vhs),
    ("1980s", || EffectKind::Vhs),
    ("1990s", || EffectKind::Vhs),
    ("home video", || EffectKind::Vhs),
    ("home videos", || EffectKind::Vhs),
    ("8mm", || EffectKind::EightMm),
    ("old 8mm", || EffectKind::EightMm),
    ("old super8", || EffectKind::EightMm),
    ("old 16mm", || EffectKind::EightMm),
    ("old vhs", || EffectKind::Vhs),
    ("old camcorder", || EffectKind::Vhs),
    ("old school", || EffectKind::Look(Look::Vintage)),
    ("old fashioned", || EffectKind::Look(Look::Vintage)),
    ("old timey", || EffectKind::Look(Look::Vintage)),
    ("super8", || EffectKind::EightMm),
    ("16mm", || EffectKind::EightMm),
    // The grain of a gauge, not the whole old-film treatment.
    ("16mm film grain", || EffectKind::CoarseGrain),
    ("16mm grain", || EffectKind::CoarseGrain),
    ("8mm film grain", || EffectKind::CoarseGrain),
    ("8mm grain", || EffectKind::CoarseGrain),
    ("super8 grain", || EffectKind::CoarseGrain),
    ("super8 film grain", || EffectKind::CoarseGrain),
    ("old film", || EffectKind::EightMm),
    ("old movie", || EffectKind::EightMm),
    ("home movie", || EffectKind::EightMm),
    ("film reel", || EffectKind::EightMm),
    ("old footage", || EffectKind::EightMm),
    ("archival", || EffectKind::EightMm),
    ("archive footage", || EffectKind::EightMm),
    ("celluloid", || EffectKind::EightMm),
    ("silent movie", || EffectKind::SilentFilm),
    ("silent movies", || EffectKind::SilentFilm),
    ("silent film", || EffectKind::SilentFilm),
    ("silent films", || EffectKind::SilentFilm),
    ("old silent movie", || EffectKind::SilentFilm),
    ("old silent film", || EffectKind::SilentFilm),
    ("silent era", || EffectKind::SilentFilm),
    ("1920s", || EffectKind::SilentFilm),
    // Black and white film of the talkies' first decades: the same old film.
    ("1930s", || EffectKind::SilentFilm),
    ("1940s", || EffectKind::SilentFilm),
    ("sharpen", || EffectKind::Sharpen),
    ("sharpening", || EffectKind::Sharpen),
    ("sharper", || EffectKind::Sharpen),
    ("sharp", || EffectKind::Sharpen),
    ("sharpness", || EffectKind::Sharpen),
    ("crisp", || EffectKind::Sharpen),
    ("clarity", || EffectKind::Sharpen),
    ("crisper", || EffectKind::Sharpen),
    ("details", || EffectKind::Sharpen),
    ("detail", || EffectKind::Sharpen),
    ("detailed", || EffectKind::Sharpen),
    ("blur", || EffectKind::Blur),
    ("blurry", || EffectKind::Blur),
    ("blurrier", || EffectKind::Blur),
    ("blurred", || EffectKind::Blur),
    ("soften", || EffectKind::Blur),
    ("soft focus", || EffectKind::Blur),
    ("out of focus", || EffectKind::Blur),
    ("defocus", || EffectKind::Blur),
    ("defocused", || EffectKind::Blur),
    ("flicker", || EffectKind::Flicker),
    ("scratches", || EffectKind::DustAndScratches),
    ("scratch", || EffectKind::DustAndScratches),
    ("scratched", || EffectKind::DustAndScratches),
    ("scratchy", || EffectKind::DustAndScratches),
    ("film scratches", || EffectKind::DustAndScratches),
    ("dust", || EffectKind::DustAndScratches),
    ("dust specks", || EffectKind::DustAndScratches),
    ("specks", || EffectKind::DustAndScratches),
    ("dust and scratches", || EffectKind::DustAndScratches),
    ("film damage", || EffectKind::DustAndScratches),
    ("damaged film", || EffectKind::DustAndScratches),
    ("light leak", || EffectKind::LightLeaks),
    ("light leaks", || EffectKind::LightLeaks),
    ("lightleaks", || EffectKind::LightLeaks),
    ("film leak", || EffectKind::LightLeaks),
    ("film leaks", || EffectKind::LightLeaks),
    ("flickering", || EffectKind::Flicker),
    // ("strobe" was spell-corrected to "stroke" and refused as that.)
    ("strobe", || EffectKind::Flicker),
    ("strobing", || EffectKind::Flicker),
    ("gate weave", || EffectKind::GateWeave),
    ("jitter", || EffectKind::GateWeave),
    ("shake", || EffectKind::GateWeave),
    ("shaky", || EffectKind::GateWeave),
    ("wobble", || EffectKind::GateWeave),
    ("cartoon", || EffectKind::Cartoon),
    ("simpsons", || EffectKind::Cartoon),
    ("cartoons", || EffectKind::Cartoon),
    ("cartoonish", || EffectKind::Cartoon),
    ("cartoony", || EffectKind::Cartoon),
    ("cartoonify", || EffectKind::Cartoon),
    ("cartoonize", || EffectKind::Cartoon),
    ("cartoonise", || EffectKind::Cartoon),
    ("cartoonized", || EffectKind::Cartoon),
    ("cartoonised", || EffectKind::Cartoon),
    ("toonify", || EffectKind::Cartoon),
    ("toon", || EffectKind::Cartoon),
    ("animation", || EffectKind::Cartoon),
    ("animated", || EffectKind::Cartoon),
    ("anime", || EffectKind::Cartoon),
    ("cel shaded", || EffectKind::Cartoon),
    ("flat cel shaded", || EffectKind::Cartoon),
    ("flat shaded", || EffectKind::Cartoon),
    ("flat shading", || EffectKind::Cartoon),
    ("cel shading", || EffectKind::Cartoon),
    ("cel", || EffectKind::Cartoon),
    ("comic book", || EffectKind::Comic),
    ("comic", || EffectKind::Comic),
    ("comic strip", || EffectKind::Comic),
    ("comics", || EffectKind::Comic),
    ("graphic novel", || EffectKind::Comic),
    ("manga", || EffectKind::Comic),
    ("pencil sketch", || EffectKind::Sketch),
    ("graphite", || EffectKind::Sketch),
    ("graphite sketch", || EffectKind::Sketch),
    ("colored pencil", || EffectKind::ColourSketch),
    ("coloured pencil", || EffectKind::ColourSketch),
    ("colored pencils", || EffectKind::ColourSketch),
    ("coloured pencils", || EffectKind::ColourSketch),
    ("color pencil", || EffectKind::ColourSketch),
    ("colour pencil", || EffectKind::ColourSketch),
    ("color sketch", || EffectKind::ColourSketch),
    ("colour sketch", || EffectKind::ColourSketch),
    ("colored sketch", || EffectKind::ColourSketch),
    ("coloured sketch", || EffectKind::ColourSketch),
    ("pencil drawing", || EffectKind::Sketch),
    ("pencil", || EffectKind::Sketch),
    ("sketch", || EffectKind::Sketch),
    ("sketched", || EffectKind::Sketch),
    ("charcoal", || EffectKind::Sketch),
    ("drawing", || EffectKind::Sketch),
    ("hand drawn", || EffectKind::Sketch),
    ("line art", || EffectKind::Sketch),
    ("line drawing", || EffectKind::Sketch),
    ("oil painting", || EffectKind::OilPaint),
    ("oil paint", || EffectKind::OilPaint),
    ("oil painted", || EffectKind::OilPaint),
    ("painting", || EffectKind::OilPaint),
    ("painted", || EffectKind::OilPaint),
    ("painterly", || EffectKind::OilPaint),
    ("impressionist", || EffectKind::OilPaint),
    ("watercolour", || EffectKind::Watercolour),
    ("watercolour painting", || EffectKind::Watercolour),
    ("watercolor painting", || EffectKind::Watercolour),
    ("watercolour paint", || EffectKind::Watercolour),
    ("watercolor paint", || EffectKind::Watercolour),
    ("pencil sketch drawing", || EffectKind::Sketch),
    ("comic book drawing", || EffectKind::Comic),
    ("cartoon drawing", || EffectKind::Cartoon),
    ("watercolor", || EffectKind::Watercolour),
    ("water colour", || EffectKind::Watercolour),
    ("water color", || EffectKind::Watercolour),
    ("watercolours", || EffectKind::Watercolour),
    ("watercolors", || EffectKind::Watercolour),
    ("aquarelle", || EffectKind::Watercolour),
    ("posterize", || EffectKind::Posterize),
    ("posterise", || EffectKind::Posterize),
    ("posterized", || EffectKind::Posterize),
    ("posterised", || EffectKind::Posterize),
    ("poster", || EffectKind::Posterize),
    ("pop art", || EffectKind::PopArt),
    ("pixel art", || EffectKind::PixelArt),
    ("pixelated", || EffectKind::PixelArt),
    ("pixely", || EffectKind::PixelArt),
    ("pixelly", || EffectKind::PixelArt),
    ("nintendo", || EffectKind::PixelArt),
    ("nintendo game", || EffectKind::PixelArt),
    // The game is old, not the look.
    ("old nintendo game", || EffectKind::PixelArt),
    ("old nintendo", || EffectKind::PixelArt),
    ("blocky", || EffectKind::PixelArt),
    ("pixelate", || EffectKind::PixelArt),
    ("pixelated art", || EffectKind::PixelArt),
    ("pixels", || EffectKind::PixelArt),
    ("8bit", || EffectKind::PixelArt),
    ("16bit", || EffectKind::PixelArt),
    ("retro game", || EffectKind::PixelArt),
    ("video game", || EffectKind::PixelArt),
    ("keep the audio", || EffectKind::KeepAudio),
    ("keep the original audio", || EffectKind::KeepAudio),
    ("keep the sound", || EffectKind::KeepAudio),
    ("keep the original sound", || EffectKind::KeepAudio),
    ("keep audio", || EffectKind::KeepAudio),
    ("keep sound", || EffectKind::KeepAudio),
    ("keep the music", || EffectKind::KeepAudio),
    ("keep the original music", || EffectKind::KeepAudio),
    ("keep the soundtrack", || EffectKind::KeepAudio),
    ("keep the original soundtrack", || EffectKind::KeepAudio),
    ("with the original audio", || EffectKind::KeepAudio),
    ("with original audio", || EffectKind::KeepAudio),
    ("with the original sound", || EffectKind::KeepAudio),
    ("with sound", || EffectKind::KeepAudio),
    ("with audio", || EffectKind::KeepAudio),
    ("nostalgic", || EffectKind::Look(Look::Vintage)),
    ("nostalgia", || EffectKind::Look(Look::Vintage)),
    ("hollywood", || EffectKind::Cinematic),
    ("hollywood look", || EffectKind::Cinematic),
    ("sunlight", || EffectKind::Look(Look::GoldenHour)),
    ("sunlit", || EffectKind::Look(Look::GoldenHour)),
    ("golden hour sunlight", || {
        EffectKind::Look(Look::GoldenHour)
    }),
    ("sunny", || EffectKind::Look(Look::Warm)),
    ("day into night", || EffectKind::Look(Look::DayForNight)),
    ("day to night", || EffectKind::Look(Look::DayForNight)),
    ("neon lit", || EffectKind::Look(Look::Cyberpunk)),
    ("moodier", || EffectKind::Look(Look::Moody)),
    ("fine grain", || EffectKind::Grain),
    ("fine film grain", || EffectKind::Grain),
    ("outlines", || EffectKind::Comic),
    ("bold outlines", || EffectKind::Comic),
    ("thick outlines", || EffectKind::Comic),
    ("black outlines", || EffectKind::Comic),
    ("ink outlines", || EffectKind::Comic),
    ("inked outlines", || EffectKind::Comic),
    ("mute", || EffectKind::Mute),
    ("mute the audio", || EffectKind::Mute),
    ("mute the sound", || EffectKind::Mute),
    ("mute the music", || EffectKind::Mute),
    ("mute audio", || EffectKind::Mute),
    ("mute sound", || EffectKind::Mute),
    ("mute it", || EffectKind::Mute),
    ("turn off the sound", || EffectKind::Mute),
    ("turn off the audio", || EffectKind::Mute),
    ("remove the soundtrack", || EffectKind::Mute),
    ("no music", || EffectKind::Mute),
    ("muted audio", || EffectKind::Mute),
    ("muted sound", || EffectKind::Mute),
    ("silent", || EffectKind::Mute),
    ("silence", || EffectKind::Mute),
    ("no sound", || EffectKind::Mute),
    ("no audio", || EffectKind::Mute),
    ("without sound", || EffectKind::Mute),
    ("without audio", || EffectKind::Mute),
    ("remove the sound", || EffectKind::Mute),
    ("remove the audio", || EffectKind::Mute),
    ("remove sound", || EffectKind::Mute),
    ("remove audio", || EffectKind::Mute),
    ("remove the music", || EffectKind::Mute),
    ("drop the audio", || EffectKind::Mute),
    ("drop the sound", || EffectKind::Mute),
    ("kill the sound", || EffectKind::Mute),
    ("kill the audio", || EffectKind::Mute),
    ("audio muted", || EffectKind::Mute),
    ("audio on", || EffectKind::KeepAudio),
    ("sound on", || EffectKind::KeepAudio),
    ("audio intact", || EffectKind::KeepAudio),
    ("sound intact", || EffectKind::KeepAudio),
    ("sound muted", || EffectKind::Mute),
    ("keep the colours", || EffectKind::KeepColours),
    ("keep the colors", || EffectKind::KeepColours),
    ("keep the original colours", || EffectKind::KeepColours),
    ("keep the original colors", || EffectKind::KeepColours),
    ("keep the colours natural", || EffectKind::KeepColours),
    ("keep the colors natural", || EffectKind::KeepColours),
    ("keep colours", || EffectKind::KeepColours),
    ("keep colors", || EffectKind::KeepColours),
    ("no colour changes", || EffectKind::KeepColours),
    ("no color changes", || EffectKind::KeepColours),
    ("no colour change", || EffectKind::KeepColours),
    ("no color change", || EffectKind::KeepColours),
    ("dont change the colours", || EffectKind::KeepColours),
    ("dont change the colors", || EffectKind::KeepColours),
    ("technicolor", || EffectKind::Technicolor),
    ("technicolour", || EffectKind::Technicolor),
    ("cross processed", || EffectKind::CrossProcess),
    ("cross processing", || EffectKind::CrossProcess),
    ("cross process", || EffectKind::CrossProcess),
    ("lomography", || EffectKind::CrossProcess),
    ("lomo", || EffectKind::CrossProcess),
    ("security camera", || EffectKind::Cctv),
    ("security cam", || EffectKind::Cctv),
    ("security footage", || EffectKind::Cctv),
    ("surveillance", || EffectKind::Cctv),
    ("surveillance camera", || EffectKind::Cctv),
    ("surveillance footage", || EffectKind::Cctv),
    ("cctv", || EffectKind::Cctv),
    ("film stock", || EffectKind::FilmLook),
    ("studio ghibli", || EffectKind::Cartoon),
    ("ghibli", || EffectKind::Cartoon),
    ("miyazaki", || EffectKind::Cartoon),
    ("disney", || EffectKind::Cartoon),
    ("wes anderson", || EffectKind::Look(Look::Pastel)),
    ("blade runner", || EffectKind::Look(Look::Cyberpunk)),
    ("the matrix", || EffectKind::Tint(matrix_green())),
    ("matrix", || EffectKind::Tint(matrix_green())),
    // Black and white at high contrast with only the reds kept, as the film did.
    ("sin city", || EffectKind::SinCity),
    ("van gogh", || EffectKind::OilPaint),
    ("monet", || EffectKind::OilPaint),
    ("impressionism", || EffectKind::OilPaint),
    ("summer", || EffectKind::Look(Look::Warm)),
    ("hot day", || EffectKind::Look(Look::Warm)),
    ("summery", || EffectKind::Look(Look::Warm)),
    ("summertime", || EffectKind::Look(Look::Warm)),
    ("autumn", || EffectKind::Look(Look::Warm)),
    ("autumnal", || EffectKind::Look(Look::Warm)),
    ("winter", || EffectKind::Look(Look::Cool)),
    ("wintry", || EffectKind::Look(Look::Cool)),
    ("wintery", || EffectKind::Look(Look::Cool)),
    ("shadows darker", || EffectKind::Shadows(-1.0)),
    ("shadows deeper", || EffectKind::Shadows(-1.0)),
    ("shadows lighter", || EffectKind::Shadows(1.0)),
    ("shadows brighter", || EffectKind::Shadows(1.0)),
    ("blacks darker", || EffectKind::Shadows(-1.0)),
    ("blacks deeper", || EffectKind::Shadows(-1.0)),
    ("blacker blacks", || EffectKind::Shadows(-1.0)),
    ("highlights brighter", || EffectKind::Highlights(1.0)),
    ("highlights darker", || EffectKind::Highlights(-1.0)),
    ("whites whiter", || EffectKind::Highlights(1.0)),
    ("whiter whites", || EffectKind::Highlights(1.0)),
    ("whites brighter", || EffectKind::Highlights(1.0)),
    ("8bit game", || EffectKind::PixelArt),
    ("16bit game", || EffectKind::PixelArt),
    ("8bit video game", || EffectKind::PixelArt),
    ("low resolution", || EffectKind::PixelArt),
    ("low res", || EffectKind::PixelArt),
    ("lowres", || EffectKind::PixelArt),
    ("cleaner", || EffectKind::Denoise),
    ("enhance the colours", || EffectKind::Saturation(1.0)),
    ("enhance the colors", || EffectKind::Saturation(1.0)),
    ("enhance colours", || EffectKind::Saturation(1.0)),
    ("enhance colors", || EffectKind::Saturation(1.0)),
    ("boost the colours", || EffectKind::Saturation(1.0)),
    ("boost the colors", || EffectKind::Saturation(1.0)),
    ("boost colours", || EffectKind::Saturation(1.0)),
    ("boost colors", || EffectKind::Saturation(1.0)),
    ("richer colours", || EffectKind::Saturation(1.0)),
    ("richer colors", || EffectKind::Saturation(1.0)),
    ("rich colours", || EffectKind::Saturation(1.0)),
    ("rich colors", || EffectKind::Saturation(1.0)),
    ("colours richer", || EffectKind::Saturation(1.0)),
    ("colors richer", || EffectKind::Saturation(1.0)),
    ("deeper colours", || EffectKind::Saturation(1.0)),
    ("deeper colors", || EffectKind::Saturation(1.0)),
    ("stronger colours", || EffectKind::Saturation(1.0)),
    ("stronger colors", || EffectKind::Saturation(1.0)),
    ("1950s", || EffectKind::Look(Look::Vintage)),
    ("50s", || EffectKind::Look(Look::Vintage)),
    ("1960s", || EffectKind::Look(Look::Vintage)),
    ("60s", || EffectKind::Look(Look::Vintage)),
    ("1930s", || EffectKind::SilentFilm),
    ("1940s", || EffectKind::SilentFilm),
    ("scanlines", || EffectKind::Vhs),
    ("scan lines", || EffectKind::Vhs),
    ("crt", || EffectKind::Vhs),
    ("crt tv", || EffectKind::Vhs),
    ("old tv", || EffectKind::Vhs),
    ("old television", || EffectKind::Vhs),
    ("tv broadcast", || EffectKind::Vhs),
    ("old tv broadcast", || EffectKind::Vhs),
    ("found footage", || EffectKind::Vhs),
    ("war movie", || EffectKind::Look(Look::BleachBypass)),
    ("war film", || EffectKind::Look(Look::BleachBypass)),
    ("saving private ryan", || {
        EffectKind::Look(Look::BleachBypass)
    }),
    ("gritty", || EffectKind::Look(Look::BleachBypass)),
    ("grittier", || EffectKind::Look(Look::BleachBypass)),
    ("drama", || EffectKind::LowKey),
    ("more dramatic", || EffectKind::LowKey),
    ("dramatic", || EffectKind::LowKey),
    ("dramatic lighting", || EffectKind::LowKey),
    ("dramatic look", || EffectKind::LowKey),
    ("old", || EffectKind::Look(Look::Vintage)),
    ("ink drawing", || EffectKind::Sketch),
    ("ink sketch", || EffectKind::Sketch),
    ("pen drawing", || EffectKind::Sketch),
    ("pen sketch", || EffectKind::Sketch),
    ("softer", || EffectKind::Blur),
    ("analog film", || EffectKind::FilmLook),
    ("analogue film", || EffectKind::FilmLook),
    ("animate", || EffectKind::Cartoon),
    ("coarse grain", || EffectKind::CoarseGrain),
    ("coarse film grain", || EffectKind::CoarseGrain),
    ("chunky grain", || EffectKind::CoarseGrain),
    ("large grain", || EffectKind::CoarseGrain),
    ("big grain", || EffectKind::CoarseGrain),
    ("flat colours", || EffectKind::Cartoon),
    ("flat colors", || EffectKind::Cartoon),
    ("flat colour", || EffectKind::Cartoon),
    ("flat color", || EffectKind::Cartoon),
    ("flat shading", || EffectKind::Cartoon),
    ("lift the blacks", || EffectKind::Fade),
    ("lift blacks", || EffectKind::Fade),
    ("raise the blacks", || EffectKind::Fade),
    ("portra", || EffectKind::Look(Look::Warm)),
    ("print film", || EffectKind::PrintFilm),
    ("film print", || EffectKind::PrintFilm),
    ("print emulation", || EffectKind::PrintFilm),
    ("print stock", || EffectKind::PrintFilm),
    ("2383", || EffectKind::PrintFilm),
    ("kodachrome", || EffectKind::Technicolor),
    ("ektachrome", || EffectKind::SlideFilm),
    ("velvia", || EffectKind::SlideFilm),
    ("provia", || EffectKind::SlideFilm),
    ("slide film", || EffectKind::SlideFilm),
    ("fujifilm", || EffectKind::SlideFilm),
    ("fuji film", || EffectKind::SlideFilm),
    ("fuji", || EffectKind::SlideFilm),
    ("flashback", || EffectKind::Flashback),
    ("flash back", || EffectKind::Flashback),
    ("memory", || EffectKind::Flashback),
    ("memories", || EffectKind::Flashback),
    ("vaporwave", || EffectKind::Vaporwave),
    ("vapourwave", || EffectKind::Vaporwave),
    ("pixel", || EffectKind::PixelArt),
    ("like a movie", || EffectKind::Cinematic),
    ("like a hollywood movie", || EffectKind::Cinematic),
    ("hollywood", || EffectKind::Cinematic),
    ("blockbuster", || EffectKind::Cinematic),
    ("thriller", || EffectKind::Look(Look::Moody)),
    ("sunny", || EffectKind::Happy),
    ("sunny day", || EffectKind::Happy),
    ("rainy", || EffectKind::Sad),
    ("rainy day", || EffectKind::Sad),
    ("overcast", || EffectKind::Sad),
    ("cloudy", || EffectKind::Sad),
    ("cloudy day", || EffectKind::Sad),
    ("cyanotype", || EffectKind::Cyanotype),
    ("halftone", || EffectKind::Halftone),
    ("half tone", || EffectKind::Halftone),
    ("halftone dots", || EffectKind::Halftone),
    ("halftone print", || EffectKind::Halftone),
    ("newspaper", || EffectKind::Halftone),
    ("newspaper print", || EffectKind::Halftone),
    ("newspaper photo", || EffectKind::Halftone),
    ("newsprint", || EffectKind::Halftone),
    ("printed in a newspaper", || EffectKind::Halftone),
    ("game boy", || EffectKind::HandheldConsole),
    ("gameboy", || EffectKind::HandheldConsole),
    ("game boy game", || EffectKind::HandheldConsole),
    ("warm golden", || EffectKind::Look(Look::GoldenHour)),
    ("warm golden hour", || EffectKind::Look(Look::GoldenHour)),
    ("golden sunset", || EffectKind::Look(Look::GoldenHour)),
    ("golden glow", || EffectKind::Look(Look::GoldenHour)),
    ("black lines", || EffectKind::Comic),
    ("bold lines", || EffectKind::Comic),
    ("bold black lines", || EffectKind::Comic),
    ("thick lines", || EffectKind::Comic),
    ("thick black lines", || EffectKind::Comic),
    ("ink lines", || EffectKind::Comic),
    ("dark lines", || EffectKind::Comic),
    ("line work", || EffectKind::Comic),
    ("linework", || EffectKind::Comic),
    ("simpsons", || EffectKind::Cartoon),
    ("brush strokes", || EffectKind::OilPaint),
    ("brushstrokes", || EffectKind::OilPaint),
    ("visible brush strokes", || EffectKind::OilPaint),
    ("brush stroke", || EffectKind::OilPaint),
    ("andy warhol", || EffectKind::PopArt),
    ("warhol", || EffectKind::PopArt),
    ("x ray", || EffectKind::XRay),
    ("xray", || EffectKind::XRay),
    ("mosaic", || EffectKind::PixelArt),
    ("retro video game", || EffectKind::PixelArt),
    ("retro gaming", || EffectKind::PixelArt),
    // Named films' grades, by what their colourists did.
    ("mad max", || EffectKind::Look(Look::TealOrange)),
    ("fury road", || EffectKind::Look(Look::TealOrange)),
    ("dune", || EffectKind::Western),
    ("amelie", || EffectKind::Technicolor),
    ("harry potter", || EffectKind::Sad),
    ("euphoria", || EffectKind::Look(Look::Cyberpunk)),
    ("spider verse", || EffectKind::Comic),
    ("spiderverse", || EffectKind::Comic),
    ("pixar", || EffectKind::Cartoon),
    ("dreamworks", || EffectKind::Cartoon),
    ("rotoscoped", || EffectKind::Cartoon),
    ("rotoscope", || EffectKind::Cartoon),
    ("minecraft", || EffectKind::PixelArt),
    ("renaissance", || EffectKind::OilPaint),
    ("renaissance painting", || EffectKind::OilPaint),
    ("gouache", || EffectKind::Watercolour),
    ("acrylic", || EffectKind::OilPaint),
    ("acrylic painting", || EffectKind::OilPaint),
    ("oil pastel", || EffectKind::OilPaint),
    // Tungsten-balanced cinema film: cool, with a glow round the lights.
    ("cinestill", || EffectKind::Look(Look::Cool)),
    // Seasons, weather and moods beside the ones above.
    ("spring", || EffectKind::Look(Look::Pastel)),
    ("springtime", || EffectKind::Look(Look::Pastel)),
    ("fall colours", || EffectKind::Look(Look::Warm)),
    ("fall colors", || EffectKind::Look(Look::Warm)),
    ("fall vibes", || EffectKind::Look(Look::Warm)),
    ("fall look", || EffectKind::Look(Look::Warm)),
    ("stormy", || EffectKind::Sad),
    ("storm", || EffectKind::Sad),
    ("stormy day", || EffectKind::Sad),
    ("dusty", || EffectKind::Look(Look::Vintage)),
    ("heatwave", || EffectKind::Look(Look::Warm)),
    ("heat wave", || EffectKind::Look(Look::Warm)),
    ("look hot", || EffectKind::Look(Look::Warm)),
    ("energetic", || EffectKind::Saturation(1.0)),
    ("bold", || EffectKind::Contrast(1.0)),
    ("bold ink outlines", || EffectKind::Comic),
    ("jittery", || EffectKind::GateWeave),
    ("desat", || EffectKind::Saturation(-1.0)),
    ("grunge", || EffectKind::Look(Look::BleachBypass)),
    ("grungy", || EffectKind::Look(Look::BleachBypass)),
    ("clearer", || EffectKind::Sharpen),
    ("bold ink lines", || EffectKind::Comic),
    ("bold outline", || EffectKind::Comic),
    ("bold colours", || EffectKind::Saturation(1.0)),
    ("bold colors", || EffectKind::Saturation(1.0)),
    ("calm", || EffectKind::Look(Look::Pastel)),
    ("calmer", || EffectKind::Look(Look::Pastel)),
    ("serene", || EffectKind::Look(Look::Pastel)),
    ("peaceful", || EffectKind::Look(Look::Pastel)),
    ("tranquil", || EffectKind::Look(Look::Pastel)),
    ("unsettling", || EffectKind::Look(Look::Horror)),
    ("halloween", || EffectKind::Look(Look::Horror)),
];

/// The Matrix's green cast.
pub(super) fn matrix_green() -> NamedColour {
    colours::by_name("green").expect("green is a named colour")
}

/// Words that, in front of an effect, ask for less of it (or remove it).
pub(super) fn direction(word: &str) -> Option<f32> {
    match word {
        "more" | "increase" | "increased" | "boost" | "boosted" | "raise" | "raised" | "higher"
        | "add" | "added" | "enhance" | "enhanced" | "up" | "extra" | "stronger" | "heighten"
        | "pump" | "bump" => Some(1.0),
        "drop" | "dial" => Some(-1.0),
        "less" | "reduce" | "reduced" | "lower" | "lowered" | "decrease" | "decreased"
        | "remove" | "removed" | "down" | "fewer" | "weaker" | "minus" | "lessen" | "cut"
        | "rid" | "eliminate" | "clean"
        // "too blue", "too dark": the user wants less of it.
        | "too" => Some(-1.0),
        _ => None,
    }
}

pub(super) fn negation(word: &str) -> bool {
    matches!(
        word,
        "no" | "without" | "not" | "dont" | "never" | "avoid" | "zero"
    )
}

/// Intensity words, as a 0..=1 strength (0.6 when none is given).
pub(super) fn intensity(word: &str) -> Option<f32> {
    match word {
        "slightly" | "slight" | "bit" | "little" | "subtle" | "subtly" | "light" | "lightly"
        | "soft" | "softly" | "mild" | "mildly" | "gentle" | "gently" | "touch" | "hint"
        | "somewhat" | "tiny" | "faint" | "faintly" | "delicate" | "low" | "fine" | "subtler"
        | "milder" | "gentler" => Some(0.3),
        "moderate" | "moderately" | "medium" | "normal" | "regular" => Some(STRENGTH_DEFAULT),
        "very" | "heavy" | "heavily" | "strong" | "strongly" | "lots" | "lot" | "intense"
        | "intensely" | "really" | "super" | "much" | "way" | "dramatic" | "dramatically"
        | "bold" | "deep" | "thick" | "high" | "full" | "fully" | "hard" | "coarse" | "heavier"
        | "stronger" => Some(0.85),
        "extremely" | "extreme" | "maximum" | "max" | "insanely" | "totally" | "completely" => {
            Some(1.0)
        }
        _ => None,
    }
}

pub(super) const STRENGTH_DEFAULT: f32 = 0.6;

/// The strength of an effect asked for "but not too" much.
pub(super) const LIGHT: f32 = 0.3;

/// An intensity word after `previous` (if any): "very heavy" is heavier than either, "a
/// little bit" is as light as one, and "very slightly" lighter than "slightly".
pub(super) fn stack_intensity(previous: Option<f32>, next: f32) -> f32 {
    let Some(previous) = previous else {
        return next;
    };
    let strong = |level: f32| level > STRENGTH_DEFAULT;
    match (strong(previous), strong(next)) {
        (true, true) => (previous.max(next) + 0.15).min(1.0),
        (false, false) => previous.min(next),
        (true, false) => next * 0.7,
        (false, true) => next,
    }
}

pub(super) struct Effect {
    pub(super) kind: EffectKind,
    pub(super) level: f32,
    pub(super) negated: bool,
    /// "not too faded": the effect is wanted, but gently (see [`Compiled::moderated`]).
    pub(super) moderated: bool,
    /// Asked to take out of the footage ("remove the vignette", "less vintage") something
    /// this engine can only add.
    pub(super) irreversible: bool,
    pub(super) phrase: String,
}

pub(super) fn longest_effect(words: &[&str]) -> Option<(EffectKind, usize)> {
    let mut best: Option<(EffectKind, usize)> = None;
    let shapes = FRAME_SHAPES
        .iter()
        .map(|(phrase, ratio)| (phrase.as_str(), EffectKind::Aspect(ratio)));
    for (phrase, kind) in shapes.chain(EFFECTS.iter().map(|(phrase, make)| (*phrase, make()))) {
        let len = phrase.split(' ').count();
        if len <= words.len()
            && phrase.split(' ').zip(words).all(|(a, b)| a == *b)
            && best.as_ref().is_none_or(|(_, best_len)| len > *best_len)
        {
            best = Some((kind, len));
        }
    }
    // A colour's name longer than the effect found ("dusty rose" over "dusty", "forest
    // green" over "forest") is that colour.
    if let (Some((_, len)), Some((colour, colour_len))) = (&best, colours::match_words(words)) {
        if colour_len > *len {
            let tinted = matches!(
                words.get(colour_len),
                Some(
                    &("tint"
                        | "tinted"
                        | "cast"
                        | "tone"
                        | "tones"
                        | "wash"
                        | "filter"
                        | "overlay")
                )
            );
            return Some((EffectKind::Tint(colour), colour_len + usize::from(tinted)));
        }
    }
    if best.is_none() {
        let tint = match words {
            [colour, noun, ..]
                if matches!(
                    *noun,
                    "tint"
                        | "tinted"
                        | "hue"
                        | "cast"
                        | "tone"
                        | "tones"
                        | "toned"
                        | "wash"
                        | "filter"
                        | "overlay"
                        | "glow"
                        | "light"
                        | "lighting"
                ) =>
            {
                colours::by_name(colour).map(|colour| (colour, 2))
            }
            _ => colours::match_words(words),
        };
        best = tint.map(|(colour, len)| (EffectKind::Tint(colour), len));
    }
    best
}

pub(super) fn is_texture_or_style(words: &[&str]) -> bool {
    longest_effect(words).is_some_and(|(kind, _)| {
        !matches!(
            kind,
            EffectKind::Look(_)
                | EffectKind::Tint(_)
                | EffectKind::CounterTint(_)
                | EffectKind::Saturation(_)
                | EffectKind::Exposure(_)
                | EffectKind::Contrast(_)
                | EffectKind::Blur
                | EffectKind::Fade
                | EffectKind::HighKey
                | EffectKind::LowKey
                | EffectKind::Shadows(_)
                | EffectKind::Highlights(_)
                | EffectKind::Midtones(_)
                | EffectKind::WhiteBalance
                | EffectKind::Invert
        )
    })
}

/// Finds effect phrases among the unused words and the modifiers in front of each.
pub(super) fn match_effects(words: &[&str], used: &mut [bool]) -> Vec<Effect> {
    let mut effects = Vec::new();
    // Modifiers seen since the last effect: they apply to the next one.
    let mut level: Option<f32> = None;
    let mut sign = 1.0f32;
    let mut negated = false;
    let mut too = false;
    let mut modifier_start: Option<usize> = None;
    // The last effect as found, and whether nothing before it said which way: a direction
    // after it ("make the contrast lower", "make saturation less") is its direction.
    let mut last_raw: Option<(EffectKind, Option<f32>, bool, bool)> = None;
    let mut trailing_direction: Option<f32> = None;
    let mut i = 0;
    while i < words.len() {
        if used[i] {
            i += 1;
            continue;
        }
        if let Some((kind, len)) = longest_effect(&words[i..]) {
            used[i..i + len].fill(true);
            let start = modifier_start.unwrap_or(i);
            let phrase = words[start..i + len].join(" ");
            // "too dark" states a problem (brighten it); "not too dark" asks for darkness,
            // gently: the "too" does not turn it round.
            let moderated = negated && too;
            let effective = if moderated { 1.0 } else { sign };
            last_raw = Some((
                kind.clone(),
                level,
                negated,
                effective == 1.0 && modifier_start.is_none(),
            ));
            let mut effect = resolve(kind, level, effective, negated, phrase);
            effect.moderated = moderated;
            effects.push(effect);
            level = None;
            sign = 1.0;
            negated = false;
            too = false;
            modifier_start = None;
            trailing_direction = None;
            i += len;
            continue;
        }
        let word = words[i];
        let mut modifier = false;
        if let Some(found) = intensity(word) {
            level = Some(stack_intensity(level, found));
            modifier = true;
        }
        if let Some(found) = direction(word) {
            sign = found;
            modifier = true;
            trailing_direction = Some(found);
        }
        if negation(word) {
            negated = true;
            modifier = true;
        }
        too |= word == "too";
        if modifier {
            used[i] = true;
            modifier_start.get_or_insert(i);
        }
        i += 1;
    }
    // Modifiers after the last effect ("grain, but subtle") belong to it.
    if let (Some(last), Some(start)) = (effects.last_mut(), modifier_start) {
        let phrase = format!("{} {}", last.phrase, words[start..].join(" "));
        // (The direction only for an adjustment, whose sign it is: "make saturation less"
        // lowered nothing, it raised the saturation.)
        // Only an adjustment named by its noun takes its sign from after it: "darken it
        // down" and "desaturate it down" say their way twice (the "down" turned them
        // round, and "darken it down, it's way too light" brightened).
        let named_by_its_noun = last.phrase.split(' ').any(|word| {
            matches!(
                word,
                "saturation"
                    | "exposure"
                    | "contrast"
                    | "brightness"
                    | "vibrance"
                    | "colour"
                    | "color"
                    | "colours"
                    | "colors"
            )
        });
        let adjustable = named_by_its_noun
            && matches!(
                last_raw,
                Some((
                    EffectKind::Saturation(_) | EffectKind::Exposure(_) | EffectKind::Contrast(_),
                    ..
                ))
            );
        if let (Some(-1.0), Some((kind, raw_level, raw_negated, true)), true) =
            (trailing_direction, last_raw.clone(), adjustable)
        {
            let mut effect = resolve(kind, level.or(raw_level), -1.0, raw_negated, phrase);
            effect.moderated = last.moderated;
            *last = effect;
        } else {
            if let Some(level) = level {
                last.level = level;
            }
            last.phrase = phrase;
        }
    }
    effects
}

/// Applies direction words to an effect: "less grain" is a denoise, "less contrast" a
/// negative contrast, "remove the sound" stays a mute.
pub(super) fn resolve(
    kind: EffectKind,
    level: Option<f32>,
    sign: f32,
    negated: bool,
    phrase: String,
) -> Effect {
    let kind = match kind {
        EffectKind::Saturation(s) => EffectKind::Saturation(s * sign),
        EffectKind::Exposure(s) => EffectKind::Exposure(s * sign),
        EffectKind::Contrast(s) => EffectKind::Contrast(s * sign),
        EffectKind::Shadows(s) => EffectKind::Shadows(s * sign),
        EffectKind::Highlights(s) => EffectKind::Highlights(s * sign),
        EffectKind::Midtones(s) => EffectKind::Midtones(s * sign),
        EffectKind::Grain if sign < 0.0 => EffectKind::Denoise,
        EffectKind::Blur if sign < 0.0 => EffectKind::Sharpen,
        EffectKind::Sharpen if sign < 0.0 => EffectKind::Blur,
        EffectKind::Tint(colour) if sign < 0.0 => EffectKind::CounterTint(colour),
        EffectKind::Look(Look::Warm) if sign < 0.0 => EffectKind::Look(Look::Cool),
        EffectKind::Look(Look::Cool) if sign < 0.0 => EffectKind::Look(Look::Warm),
        other => other,
    };
    // What "less" or "remove" cannot turn into an edit: doing the effect anyway would be
    // the opposite of what was asked.
    let irreversible = sign < 0.0
        && !matches!(
            kind,
            EffectKind::Saturation(_)
                | EffectKind::Exposure(_)
                | EffectKind::Contrast(_)
                | EffectKind::Shadows(_)
                | EffectKind::Highlights(_)
                | EffectKind::Midtones(_)
                | EffectKind::Denoise
                | EffectKind::Sharpen
                | EffectKind::Blur
                | EffectKind::CounterTint(_)
                | EffectKind::Look(Look::Warm | Look::Cool)
                | EffectKind::WhiteBalance
                | EffectKind::Mute
                | EffectKind::KeepAudio
                | EffectKind::KeepColours
        );
    let explicit_level = level.is_some();
    let mut level = level.unwrap_or(STRENGTH_DEFAULT);
    // "black and white" means fully; "slightly black and white" may mean partly.
    if matches!(
        kind,
        EffectKind::BlackAndWhite | EffectKind::Sepia | EffectKind::WhiteBalance
    ) && !explicit_level
    {
        level = 1.0;
    }
    Effect {
        kind,
        level,
        negated,
        moderated: false,
        irreversible,
        phrase,
    }
}

impl EffectKind {
    /// The operations an effect stands for at strength `s`. Bundles ("8mm film", "noir")
    /// expand into their parts so the plan shows exactly what will be done.
    pub(super) fn operations(&self, s: f32) -> Vec<Operation> {
        let scale = s / STRENGTH_DEFAULT;
        match self {
            EffectKind::Look(look) => vec![Operation::Look {
                look: *look,
                strength: s,
            }],
            EffectKind::BlackAndWhite => vec![Operation::Monochrome {
                tone: Monochrome::BlackAndWhite,
                strength: s,
            }],
            EffectKind::Sepia => vec![Operation::Monochrome {
                tone: Monochrome::Sepia,
                strength: s,
            }],
            EffectKind::AntiquePhoto => vec![
                Operation::Monochrome {
                    tone: Monochrome::Sepia,
                    strength: 1.0,
                },
                Operation::Vignette {
                    strength: (0.8 * scale).min(1.0),
                },
                Operation::Grain {
                    strength: (0.5 * scale).min(1.0),
                    size: 1.0,
                },
            ],
            EffectKind::Noir => vec![
                Operation::Monochrome {
                    tone: Monochrome::BlackAndWhite,
                    strength: 1.0,
                },
                Operation::Contrast {
                    amount: (0.6 * scale).min(1.0),
                },
                // No exposure cut: the S-curve already deepens the shadows, and with a cut
                // and the vignette real footage came out with less contrast than it went in
                // with (carphone: luma std 67.5 -> 60.5, Megamind 47.3 -> 43.5).
                Operation::Vignette { strength: 0.6 },
            ],
            EffectKind::Saturation(sign) => vec![Operation::Saturation {
                amount: (sign * s * 0.8).clamp(-1.0, 1.0),
            }],
            EffectKind::Exposure(sign) => vec![Operation::Exposure {
                stops: sign * s * 1.2,
            }],
            EffectKind::Contrast(sign) => vec![Operation::Contrast {
                amount: (sign * s).clamp(-1.0, 1.0),
            }],
            EffectKind::Tint(colour) => vec![Operation::Tint {
                colour: colour.clone(),
                strength: s,
            }],
            EffectKind::CounterTint(colour) => vec![Operation::CounterTint {
                colour: colour.clone(),
                strength: s,
            }],
            EffectKind::Fade => vec![Operation::Fade { strength: s }],
            EffectKind::Grain | EffectKind::FilmLook => vec![Operation::Grain {
                strength: s,
                size: 1.0,
            }],
            EffectKind::CoarseGrain => vec![Operation::Grain {
                strength: s,
                size: 1.8,
            }],
            EffectKind::Denoise => vec![Operation::Denoise { strength: s }],
            EffectKind::Vignette => vec![Operation::Vignette { strength: s }],
            EffectKind::Glow => vec![Operation::Glow { strength: s }],
            EffectKind::ChromaticAberration => {
                vec![Operation::ChromaticAberration { strength: s }]
            }
            EffectKind::Letterbox => vec![Operation::Letterbox { ratio: 2.39 }],
            EffectKind::Western => vec![
                Operation::Look {
                    look: Look::GoldenHour,
                    strength: (0.7 * scale).min(1.0),
                },
                Operation::Saturation {
                    amount: (-0.25 * scale).max(-1.0),
                },
                Operation::Contrast {
                    amount: (0.3 * scale).min(1.0),
                },
            ],
            EffectKind::SciFi => vec![
                Operation::Look {
                    look: Look::Cool,
                    strength: (0.6 * scale).min(1.0),
                },
                Operation::Tint {
                    colour: colours::by_name("teal").expect("teal is a named colour"),
                    strength: (0.25 * scale).min(1.0),
                },
                Operation::Contrast {
                    amount: (0.25 * scale).min(1.0),
                },
            ],
            EffectKind::Underwater => vec![
                Operation::Tint {
                    colour: colours::by_name("teal").expect("teal is a named colour"),
                    strength: (0.5 * scale).min(1.0),
                },
                Operation::Look {
                    look: Look::Cool,
                    strength: (0.5 * scale).min(1.0),
                },
                Operation::Contrast {
                    amount: (-0.25 * scale).max(-1.0),
                },
                Operation::Blur {
                    strength: (0.2 * scale).min(1.0),
                },
            ],
            EffectKind::Vhs => vec![Operation::Vhs { strength: s }],
            EffectKind::EightMm => old_film(
                Operation::Look {
                    look: Look::Vintage,
                    strength: (0.7 * scale).min(1.0),
                },
                s,
                scale,
            ),
            EffectKind::SilentFilm => old_film(
                Operation::Monochrome {
                    tone: Monochrome::BlackAndWhite,
                    strength: 1.0,
                },
                s,
                scale,
            ),
            EffectKind::Sharpen => vec![Operation::Sharpen { strength: s }],
            EffectKind::Blur => vec![Operation::Blur { strength: s }],
            EffectKind::Flicker => vec![Operation::Flicker { strength: s }],
            EffectKind::DustAndScratches => vec![Operation::DustAndScratches { strength: s }],
            EffectKind::LightLeaks => vec![Operation::LightLeaks { strength: s }],
            EffectKind::Romantic => vec![
                Operation::Look {
                    look: Look::Warm,
                    strength: s,
                },
                Operation::Glow { strength: 0.6 * s },
            ],
            EffectKind::Happy => vec![
                Operation::Exposure { stops: 0.4 * s },
                Operation::Saturation { amount: 0.4 * s },
                Operation::Look {
                    look: Look::Warm,
                    strength: 0.6 * s,
                },
            ],
            EffectKind::Sad => vec![
                Operation::Look {
                    look: Look::Cool,
                    strength: s,
                },
                Operation::Saturation { amount: -0.6 * s },
                Operation::Exposure { stops: -0.3 * s },
            ],
            EffectKind::SinCity => vec![
                Operation::SelectiveColour {
                    keep: colours::by_name("red").expect("red is a named colour"),
                },
                Operation::Contrast {
                    amount: (0.8 * scale).min(1.0),
                },
            ],
            EffectKind::GateWeave => vec![Operation::GateWeave { strength: s }],
            EffectKind::Cartoon => vec![Operation::Cartoon {
                strength: s,
                comic: false,
            }],
            EffectKind::Comic => vec![Operation::Cartoon {
                strength: s,
                comic: true,
            }],
            EffectKind::Sketch => vec![Operation::Sketch {
                strength: s,
                colour: false,
            }],
            EffectKind::ColourSketch => vec![Operation::Sketch {
                strength: s,
                colour: true,
            }],
            EffectKind::OilPaint => vec![Operation::Painting {
                style: Painting::OilPaint,
                strength: s,
            }],
            EffectKind::Watercolour => vec![Operation::Painting {
                style: Painting::Watercolour,
                strength: s,
            }],
            EffectKind::Posterize => vec![Operation::Posterize {
                levels: levels_for(s),
            }],
            EffectKind::PopArt => vec![
                Operation::Posterize { levels: 4 },
                Operation::Saturation {
                    amount: (0.7 * scale).min(1.0),
                },
            ],
            EffectKind::PixelArt => vec![Operation::PixelArt {
                pixel_size: (4.0 + 10.0 * s).round() as u8,
            }],
            EffectKind::Cinematic => vec![
                Operation::Look {
                    look: Look::TealOrange,
                    strength: (0.5 * scale).min(1.0),
                },
                Operation::Contrast {
                    amount: (0.25 * scale).min(1.0),
                },
                Operation::Vignette {
                    strength: (0.35 * scale).min(1.0),
                },
            ],
            EffectKind::PrintFilm => vec![
                Operation::Look {
                    look: Look::TealOrange,
                    strength: (0.4 * scale).min(1.0),
                },
                Operation::Contrast {
                    amount: (0.3 * scale).min(1.0),
                },
            ],
            EffectKind::WhiteBalance => vec![Operation::WhiteBalance { strength: s }],
            EffectKind::Invert => vec![Operation::Invert],
            EffectKind::Glitch => vec![Operation::Glitch { strength: s }],
            EffectKind::NightVision => vec![
                Operation::Monochrome {
                    tone: Monochrome::BlackAndWhite,
                    strength: 1.0,
                },
                Operation::Exposure { stops: 0.5 },
                Operation::Tint {
                    colour: NamedColour {
                        name: "green".into(),
                        rgb: [60, 255, 80],
                    },
                    strength: 1.0,
                },
                Operation::Grain {
                    strength: (0.5 * scale).min(1.0),
                    size: 1.0,
                },
                Operation::Vignette {
                    strength: (0.7 * scale).min(1.0),
                },
            ],
            EffectKind::Shadows(sign) => vec![Operation::Shadows {
                amount: (sign * s).clamp(-1.0, 1.0),
            }],
            EffectKind::Highlights(sign) => vec![Operation::Highlights {
                amount: (sign * s).clamp(-1.0, 1.0),
            }],
            EffectKind::Midtones(sign) => vec![Operation::Midtones {
                amount: (sign * s).clamp(-1.0, 1.0),
            }],
            EffectKind::Haze => vec![
                Operation::Fade { strength: s },
                Operation::Glow {
                    strength: (0.7 * s).min(1.0),
                },
            ],
            EffectKind::BlueHour => vec![
                Operation::Look {
                    look: Look::Cool,
                    strength: (0.7 * scale).min(1.0),
                },
                Operation::Exposure {
                    stops: -0.4 * scale,
                },
                Operation::Contrast {
                    amount: -(0.15 * scale).min(1.0),
                },
            ],
            EffectKind::Hdr => vec![
                Operation::Shadows {
                    amount: (0.5 * scale).min(1.0),
                },
                Operation::Highlights {
                    amount: -(0.5 * scale).min(1.0),
                },
                Operation::Saturation {
                    amount: (0.2 * scale).min(1.0),
                },
                Operation::Sharpen {
                    strength: (0.3 * scale).min(1.0),
                },
            ],
            EffectKind::HighKey => vec![
                Operation::Exposure { stops: 0.6 * scale },
                Operation::Contrast {
                    amount: -(0.3 * scale).min(1.0),
                },
            ],
            EffectKind::LowKey => vec![
                Operation::Exposure {
                    stops: -0.6 * scale,
                },
                Operation::Contrast {
                    amount: (0.4 * scale).min(1.0),
                },
            ],
            EffectKind::Technicolor => vec![
                Operation::Saturation {
                    amount: (0.45 * scale).min(1.0),
                },
                Operation::Contrast {
                    amount: (0.3 * scale).min(1.0),
                },
                Operation::Look {
                    look: Look::Warm,
                    strength: (0.25 * scale).min(1.0),
                },
            ],
            EffectKind::SlideFilm => vec![
                Operation::Saturation {
                    amount: (0.4 * scale).min(1.0),
                },
                Operation::Contrast {
                    amount: (0.3 * scale).min(1.0),
                },
                Operation::Look {
                    look: Look::Cool,
                    strength: (0.25 * scale).min(1.0),
                },
            ],
            EffectKind::Flashback => vec![
                Operation::Saturation {
                    amount: -(0.5 * scale).min(1.0),
                },
                Operation::Glow {
                    strength: (0.5 * scale).min(1.0),
                },
                Operation::Vignette {
                    strength: (0.5 * scale).min(1.0),
                },
            ],
            EffectKind::Vaporwave => vec![
                Operation::SplitTone {
                    region: ToneRegion::Shadows,
                    colour: NamedColour {
                        name: "cyan".into(),
                        rgb: [0, 190, 210],
                    },
                    strength: s,
                },
                Operation::SplitTone {
                    region: ToneRegion::Highlights,
                    colour: NamedColour {
                        name: "hot pink".into(),
                        rgb: [255, 105, 200],
                    },
                    strength: s,
                },
                Operation::Fade {
                    strength: (0.35 * scale).min(1.0),
                },
            ],
            EffectKind::Cyanotype => vec![
                Operation::Monochrome {
                    tone: Monochrome::BlackAndWhite,
                    strength: 1.0,
                },
                Operation::Duotone {
                    shadows: NamedColour {
                        name: "prussian blue".into(),
                        rgb: [16, 46, 105],
                    },
                    highlights: NamedColour {
                        name: "paper white".into(),
                        rgb: [236, 240, 244],
                    },
                    strength: 1.0,
                },
            ],
            EffectKind::Halftone => vec![Operation::Halftone {
                dot_size: (4.0 + 8.0 * s).round() as u8,
            }],
            EffectKind::HandheldConsole => vec![
                Operation::Monochrome {
                    tone: Monochrome::BlackAndWhite,
                    strength: 1.0,
                },
                Operation::Duotone {
                    shadows: NamedColour {
                        name: "dark green".into(),
                        rgb: [15, 56, 15],
                    },
                    highlights: NamedColour {
                        name: "pale green".into(),
                        rgb: [155, 188, 15],
                    },
                    strength: 1.0,
                },
                Operation::PixelArt {
                    pixel_size: (4.0 + 10.0 * s).round() as u8,
                },
            ],
            EffectKind::CrossProcess => vec![
                Operation::SplitTone {
                    region: ToneRegion::Shadows,
                    colour: NamedColour {
                        name: "cyan green".into(),
                        rgb: [40, 150, 120],
                    },
                    strength: s,
                },
                Operation::SplitTone {
                    region: ToneRegion::Highlights,
                    colour: colours::by_name("yellow").expect("yellow is a named colour"),
                    strength: s,
                },
                Operation::Contrast {
                    amount: (0.4 * scale).min(1.0),
                },
                Operation::Saturation {
                    amount: (0.3 * scale).min(1.0),
                },
            ],
            EffectKind::Cctv => vec![
                Operation::Saturation {
                    amount: -(0.7 * scale).min(1.0),
                },
                Operation::Blur {
                    strength: (0.3 * scale).min(1.0),
                },
                Operation::Grain {
                    strength: (0.45 * scale).min(1.0),
                    size: 1.0,
                },
            ],
            EffectKind::XRay => vec![
                Operation::Monochrome {
                    tone: Monochrome::BlackAndWhite,
                    strength: 1.0,
                },
                Operation::Invert,
                Operation::Tint {
                    colour: NamedColour {
                        name: "x-ray blue".into(),
                        rgb: [120, 200, 255],
                    },
                    strength: (0.4 * scale).min(1.0),
                },
            ],
            EffectKind::Mute
            | EffectKind::KeepAudio
            | EffectKind::KeepColours
            | EffectKind::Aspect(_) => Vec::new(),
        }
    }
}

/// The 8mm bundle around a colour treatment: gate weave, flicker, coarse grain and vignette.
pub(super) fn old_film(colour: Operation, s: f32, scale: f32) -> Vec<Operation> {
    vec![
        colour,
        Operation::GateWeave { strength: s },
        Operation::Flicker { strength: s },
        Operation::Grain {
            strength: (0.8 * scale).min(1.0),
            size: 1.8,
        },
        Operation::Vignette {
            strength: (0.7 * scale).min(1.0),
        },
    ]
}

pub(super) fn levels_for(strength: f32) -> u8 {
    if strength < 0.45 {
        8
    } else if strength < 0.8 {
        5
    } else {
        3
    }
}
