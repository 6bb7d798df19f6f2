//! Prompts written as parameters rather than sentences, which API clients and pipelines
//! send: `style: noir; grain: heavy`, `saturation=+20%`, `contrast 1.2x`, `vignette 0.3`,
//! `--look noir --grain 0.4`, `grain(0.3)`, `{"look": "golden_hour", "intensity": 0.7}`,
//! Stable Diffusion's `(film grain:1.3)`. [`as_phrases`] rewrites each recognised
//! `key value` pair into the phrasing the compiler reads ("heavy grain", "more saturation
//! by 20%", "vignette at 30%"), before anything else sees the text. A pair whose key it does
//! not know is left as it was, so the compiler refuses it by name (`year`, a vignette's
//! `radius`): a setting that cannot be honoured is not silently dropped. A word that only
//! says how to read the value is passed over ("vignette strength 0.4", "blur radius 5px").
//!
//! Numbers are read as sliders read them. For an effect that is added (grain, vignette, a
//! look, a style) a share up to 1 or a percentage is its strength. For an adjustment
//! (saturation, contrast, brightness, warmth) a signed value or percentage is a change
//! (`+20%`, `-10`), a multiplier is a change by that factor (`1.2x`), and an unsigned
//! percentage is the new level (`saturation: 80%` is 20 % less). Exposure is in stops.
//! A blur radius in pixels is read at 720p, where the blur's radius is 1 + 7 x strength
//! (the background's, 5 + 14 x strength).
//! Emphasis weights such as `(film grain:1.3)` are not strengths: the phrase is kept, the
//! weight dropped.

/// What a key names, and so how its value reads.
#[derive(Clone, Copy, PartialEq)]
enum Key {
    /// A look or style named by the value: `style: noir`.
    Look,
    /// The strength of the pair before it: `strength: 0.8`.
    Strength,
    Audio,
    /// `mute: true`.
    Mute,
    /// `preserve_skin: true`: skin tones kept out of the grade.
    SkinKept,
    /// What a ported prompt asks to be left as it is: `Subject: unchanged. Motion: preserve
    /// original.` (the key read as an edit of the subject refused the prompt).
    Kept(&'static str),
    /// A range of tones and how it should look: `blacks: crushed`, `shadows: lifted`.
    Tones(&'static str),
    Background,
    BackgroundBlur,
    /// An effect that is added, by the phrase the compiler knows it by.
    Added(&'static str),
    /// A blur of the whole picture (its value may be a radius).
    Blur,
    /// An adjustment that goes up or down, by the word the compiler knows it by.
    Adjusted(&'static str),
    Exposure,
    Posterize,
    Pixelate,
    Tint,
    /// The garment or object of a recolour, and its new colour.
    Target,
    Colour,
    /// Something added: `extra: birds flying across the sky` (asked for, not described).
    Extra,
    /// The frame's shape: `aspect: 9:16`, `format: square`.
    Aspect,
    /// The length kept from the start: `trim: first 10 s`, `duration: 8`.
    Length,
    /// Colour temperature: `color_temp: warmer`, `white balance: fix`.
    Temperature,
}

fn key(name: &str) -> Option<Key> {
    Some(match name {
        "style" | "look" | "filter" | "effect" | "effects" | "grade" | "color grade"
        | "colour grade" | "lut" | "preset" | "mode" | "aesthetic" | "theme" | "overall"
        | "overall grade" | "overall look" | "overall color" | "overall colour"
        | "global grade" => Key::Look,
        "intensity" | "strength" | "amount" | "opacity" | "mix" | "weight" | "power" => {
            Key::Strength
        }
        "audio" | "sound" | "music" | "volume" => Key::Audio,
        "mute" | "mute audio" | "muted" | "mute sound" | "silence" => Key::Mute,
        "extra" | "extras" | "add" | "also" | "plus" | "additional" | "addition" => Key::Extra,
        "preserve skin"
        | "preserve skin tones"
        | "protect skin"
        | "protect skin tones"
        | "keep skin tones"
        | "skin protection"
        | "skin tone protection"
        | "natural skin"
        | "natural skin tones" => Key::SkinKept,
        "subject" | "person" | "people" | "character" | "identity" => Key::Kept("subject"),
        "motion" | "movement" | "action" | "timing" => Key::Kept("motion"),
        "framing" | "composition" | "camera" => Key::Kept("framing"),
        "blacks" => Key::Tones("blacks"),
        // A colourist's three wheels: lift moves the shadows, gamma the midtones, gain the
        // highlights.
        "lift" => Key::Tones("shadows"),
        "gamma" => Key::Tones("midtones"),
        "gain" => Key::Tones("highlights"),
        "midtones" | "mids" => Key::Tones("midtones"),
        "shadows" => Key::Tones("shadows"),
        "highlights" => Key::Tones("highlights"),
        "whites" => Key::Tones("whites"),
        "background"
        | "bg"
        | "backdrop"
        | "background replace"
        | "background replacement"
        | "new background"
        | "new backdrop" => Key::Background,
        "background blur" | "bg blur" | "blur background" | "backdrop blur" => Key::BackgroundBlur,
        "grain" | "film grain" => Key::Added("grain"),
        "vignette" | "vig" => Key::Added("vignette"),
        "sharpen" | "sharpness" | "sharp" => Key::Added("sharpen"),
        "glow" | "bloom" => Key::Added("glow"),
        "halation" => Key::Added("halation"),
        "vhs" => Key::Added("vhs"),
        "cartoon" => Key::Added("cartoon"),
        "anime" => Key::Added("anime"),
        "comic" => Key::Added("comic"),
        "sketch" | "pencil sketch" => Key::Added("pencil sketch"),
        "oil paint" | "oil painting" => Key::Added("oil painting"),
        "watercolor" | "watercolour" => Key::Added("watercolour"),
        "sepia" => Key::Added("sepia"),
        "bw" | "black and white" | "monochrome" | "grayscale" | "greyscale" | "b and w" => {
            Key::Added("black and white")
        }
        "noir" => Key::Added("noir"),
        "blur" => Key::Blur,
        "saturation" | "sat" => Key::Adjusted("saturation"),
        "vibrance" => Key::Adjusted("vibrance"),
        "contrast" | "con" => Key::Adjusted("contrast"),
        "brightness" | "bri" => Key::Adjusted("brightness"),
        "warmth" => Key::Adjusted("warmth"),
        "exposure" | "exp" | "ev" => Key::Exposure,
        "posterize" | "posterise" => Key::Posterize,
        "pixelate" | "pixel art" | "pixelation" | "pixel size" | "block size" => Key::Pixelate,
        "tint" => Key::Tint,
        "target" | "object" | "item" | "garment" => Key::Target,
        "color" | "colour" | "new color" | "new colour" => Key::Colour,
        "aspect" | "aspect ratio" | "ratio" | "format" | "crop" => Key::Aspect,
        "trim" | "duration" | "length" | "cut" => Key::Length,
        "color temp" | "colour temp" | "color temperature" | "colour temperature" | "temp"
        | "temperature" | "white balance" | "wb" => Key::Temperature,
        _ => return None,
    })
}

/// A value as written.
#[derive(Debug, Clone, PartialEq)]
enum Value {
    On,
    Off,
    /// A percentage, with its sign if one was written.
    Percent(f32, bool),
    /// `1.2x`, `x1.2`.
    Times(f32),
    /// A plain number, with its sign if one was written.
    Number(f32, bool),
    /// A number of pixels (`5px`).
    Pixels(f32),
    Words(String),
}

fn value(text: &str) -> Value {
    let text = text.trim();
    match text {
        "true" | "on" | "yes" | "enabled" | "enable" => return Value::On,
        "false" | "off" | "no" | "none" | "disabled" | "disable" | "null" => return Value::Off,
        _ => {}
    }
    let signed = text.starts_with(['+', '-']);
    let number = |digits: &str| digits.trim().parse::<f32>().ok().filter(|n| n.is_finite());
    if let Some(n) = text.strip_suffix('%').and_then(number) {
        return Value::Percent(n, signed);
    }
    if let Some(n) = text.strip_suffix('x').and_then(number) {
        return Value::Times(n);
    }
    if let Some(n) = text.strip_prefix('x').and_then(number) {
        return Value::Times(n);
    }
    if let Some(n) = text.strip_suffix("px").and_then(number) {
        return Value::Pixels(n);
    }
    if let Some(n) = number(text) {
        return Value::Number(n, signed);
    }
    Value::Words(text.to_owned())
}

/// A strength from a value written as a share or a percentage, as a percentage (0-100).
fn strength_percent(value: &Value) -> Option<f32> {
    let percent = match *value {
        Value::Percent(p, _) => p,
        Value::Number(n, _) if n.abs() <= 1.0 => n * 100.0,
        Value::Number(n, _) => n,
        Value::Times(m) => m * 100.0,
        _ => return None,
    };
    Some(percent.abs().min(100.0))
}

fn percent_text(percent: f32) -> String {
    let rounded = (percent * 10.0).round() / 10.0;
    if rounded.fract() == 0.0 {
        format!("{}", rounded as i64)
    } else {
        format!("{rounded}")
    }
}

/// Intensity words a slider's setting may be written as.
fn intensity_word(word: &str) -> Option<&'static str> {
    Some(match word {
        "light" | "low" | "subtle" | "soft" | "weak" | "slight" | "minimal" => "slight",
        "medium" | "moderate" | "normal" | "default" | "mid" => "",
        "heavy" | "high" | "strong" | "hard" | "intense" => "heavy",
        "max" | "maximum" | "full" | "extreme" => "extremely heavy",
        _ => return None,
    })
}

/// The phrase for one recognised pair, or `None` to leave it as written.
fn phrase(key: Key, value: &Value, pending: &mut Pending) -> Option<String> {
    // `exposure: leave it`, `saturation: as is`: nothing to do.
    if let Value::Words(words) = value {
        if matches!(
            words.as_str(),
            "leave it"
                | "as is"
                | "unchanged"
                | "no change"
                | "same"
                | "keep"
                | "untouched"
                | "leave"
                | "default"
        ) {
            return Some(String::new());
        }
        // `contrast: a little more`, `grain: very light`: the words say how much.
        if words.contains(' ') {
            if let Key::Adjusted(name) | Key::Added(name) = key {
                return Some(format!("{words} {name}"));
            }
        }
    }
    Some(match (key, value) {
        (Key::Look, Value::Words(words)) => words.clone(),
        (Key::Look, Value::Off) => String::new(),
        (Key::Audio, Value::Off) | (Key::Mute, Value::On) => "mute the sound".into(),
        (Key::Audio, Value::Words(words))
            if matches!(
                words.as_str(),
                "mute" | "muted" | "silent" | "remove" | "removed"
            ) =>
        {
            "mute the sound".into()
        }
        (Key::Audio, Value::On) | (Key::Mute, Value::Off) | (Key::SkinKept, Value::Off) => {
            String::new()
        }
        (Key::SkinKept, Value::On) => "keep skin tones natural".into(),
        // `motion: preserve original`, `subject: unchanged`, `framing: keep`: kept. Any other
        // value of these keys asks for a change, which the compiler reads (and refuses).
        (Key::Kept(what), Value::On) => format!("keep the {what}"),
        (Key::Kept(what), Value::Words(words))
            if words.split_whitespace().all(|word| {
                matches!(
                    word,
                    "unchanged"
                        | "same"
                        | "keep"
                        | "kept"
                        | "preserve"
                        | "preserved"
                        | "original"
                        | "as"
                        | "is"
                        | "identical"
                        | "untouched"
                        | "the"
                        | "locked"
                        | "intact"
                )
            }) =>
        {
            format!("keep the {what}")
        }
        (Key::Kept(what), Value::Words(words)) => format!("{words} {what}"),
        // "lift -0.05", "gain +0.10", "shadows: +10": which way is exact, how far is read
        // as one of three steps (a fraction of the signal up to 1, else a percentage).
        (Key::Tones(name), Value::Number(n, true) | Value::Percent(n, true)) => {
            let magnitude = n.abs();
            let fraction = matches!(value, Value::Number(..)) && magnitude <= 1.0;
            let (slight, strong) = if fraction { (0.05, 0.15) } else { (15.0, 40.0) };
            let level = if magnitude == 0.0 {
                return Some(String::new());
            } else if magnitude <= slight {
                "slightly "
            } else if magnitude >= strong {
                "much "
            } else {
                ""
            };
            let way = if *n > 0.0 { "brighter" } else { "darker" };
            format!("{level}{way} {name}")
        }
        (Key::Tones(_), Value::Words(words)) if words == "neutral" => String::new(),
        (Key::Tones(name), Value::Words(words)) => {
            let dark_end = matches!(name, "blacks" | "shadows");
            match (words.as_str(), dark_end) {
                ("lifted" | "lift" | "raised" | "raise" | "up" | "brighter" | "boosted", true) => {
                    format!("lift the {name}")
                }
                ("crushed" | "crush" | "deep" | "deeper" | "down" | "darker", true) => {
                    format!("crush the {name}")
                }
                ("recovered" | "recover" | "down" | "darker" | "pulled down" | "tamed", false) => {
                    format!("recover the {name}")
                }
                ("up" | "brighter" | "boosted" | "raised" | "lifted", false) => {
                    format!("brighter {name}")
                }
                _ => format!("{words} {name}"),
            }
        }
        (Key::Audio, Value::Words(words))
            if matches!(words.as_str(), "keep" | "kept" | "original" | "unchanged") =>
        {
            "keep the sound".into()
        }
        (Key::Background, Value::Words(words)) => match words.as_str() {
            "ref" | "reference" | "reference image" | "image" | "ref image" | "input"
            | "attached" | "attached image" | "attached photo" | "this image" | "this photo"
            | "this" => "replace the background with the reference image".into(),
            "blur" | "blurred" | "blurry" | "bokeh" => "blur the background".into(),
            other => format!("replace the background with {other}"),
        },
        (Key::BackgroundBlur, Value::On) => "blur the background".into(),
        (Key::BackgroundBlur, Value::Off) => String::new(),
        (Key::BackgroundBlur, Value::Words(words)) => {
            format!("{} background blur", intensity_word(words)?)
                .trim_start()
                .to_owned()
        }
        (Key::BackgroundBlur, value) => {
            let percent = match value {
                Value::Pixels(r) => background_blur_strength_for_radius(*r) * 100.0,
                other => strength_percent(other)?,
            };
            format!("background blur at {}%", percent_text(percent))
        }
        (Key::Added(name), Value::On) => name.into(),
        (Key::Added(name), Value::Off) => format!("no {name}"),
        (Key::Added(name), Value::Words(words)) => match intensity_word(words) {
            Some(word) => format!("{word} {name}").trim_start().to_owned(),
            None => return None,
        },
        (Key::Added(name), value) => {
            format!("{name} at {}%", percent_text(strength_percent(value)?))
        }
        (Key::Blur, Value::On) => "blur".into(),
        (Key::Blur, Value::Off) => "no blur".into(),
        (Key::Blur, Value::Words(words)) => format!("{} blur", intensity_word(words)?)
            .trim_start()
            .to_owned(),
        (Key::Blur, Value::Pixels(r)) => format!(
            "blur at {}%",
            percent_text(100.0 * blur_strength_for_radius(*r))
        ),
        (Key::Blur, value) => format!("blur at {}%", percent_text(strength_percent(value)?)),
        (Key::Adjusted(name), value) => adjusted(name, value)?,
        (Key::Exposure, Value::Number(n, _)) if *n != 0.0 => {
            format!(
                "exposure {}{} stops",
                if *n > 0.0 { "+" } else { "-" },
                n.abs()
            )
        }
        (Key::Exposure, Value::Percent(..) | Value::Times(_)) => adjusted("brightness", value)?,
        (Key::Posterize, Value::Number(n, false)) if (2.0..=32.0).contains(n) => {
            format!("posterize to {} levels", n.round())
        }
        (Key::Posterize, Value::On) => "posterize".into(),
        (Key::Pixelate, Value::Number(n, false) | Value::Pixels(n)) if (4.0..=14.0).contains(n) => {
            format!("pixel art at {}%", percent_text((n.round() - 4.0) * 10.0))
        }
        (Key::Pixelate, Value::On) => "pixel art".into(),
        (Key::Tint, Value::Words(words)) => format!("{words} tint"),
        (Key::Extra, Value::Words(words)) => format!("add {words}"),
        // (Ratios are one word by now: "ratio9by16".)
        (Key::Aspect, Value::Words(words)) => format!("crop to {words}"),
        (Key::Aspect, Value::Off) => String::new(),
        // (A length is one word by now: "keepfirst10seconds".)
        (Key::Length, Value::Words(words)) if super::length::token_seconds(words).is_some() => {
            words.clone()
        }
        (Key::Length, Value::Words(words)) => super::length::tokenised(&format!("trim to {words}")),
        (Key::Length, Value::Number(n, false)) => {
            super::length::tokenised(&format!("trim to {n} seconds"))
        }
        (Key::Temperature, Value::Words(words)) => match words.as_str() {
            "fix" | "fixed" | "auto" | "neutral" | "correct" | "corrected" | "balanced" => {
                "fix the white balance".into()
            }
            other => other.to_owned(),
        },

        (Key::Tint, value) => format!("tint at {}%", percent_text(strength_percent(value)?)),
        (Key::Target, Value::Words(words)) => {
            pending.target = Some(words.clone());
            String::new()
        }
        (Key::Colour, Value::Words(words))
            if pending.target.is_some() || pending.colour.is_none() =>
        {
            pending.colour = Some(words.clone());
            String::new()
        }
        _ => return None,
    })
}

/// A recolour said in two pairs (`target: dress`, `color: red`), put together at the end.
#[derive(Default)]
struct Pending {
    target: Option<String>,
    colour: Option<String>,
}

pub(in crate::edit) fn blur_strength_for_radius(radius: f32) -> f32 {
    ((radius - 1.0) / 7.0).clamp(0.0, 1.0)
}

/// The same for the background's blur, whose radius at 720p is 5 + 14 x strength
/// (`blur_radius` in the engine): a defocus, wider than a softening of the whole picture.
pub(in crate::edit) fn background_blur_strength_for_radius(radius: f32) -> f32 {
    ((radius - 5.0) / 14.0).clamp(0.0, 1.0)
}

/// An adjustment's change as "more saturation by 20%", "less contrast by 10%".
fn adjusted(name: &str, value: &Value) -> Option<String> {
    let change = match *value {
        Value::On => return Some(format!("more {name}")),
        Value::Percent(p, true) => p,
        Value::Percent(p, false) => p - 100.0,
        Value::Times(m) => (m - 1.0) * 100.0,
        Value::Number(n, true) if n.abs() <= 1.0 => n * 100.0,
        Value::Number(n, true) => n,
        // An unsigned factor near 1 ("contrast 1.2", "saturation 0.9").
        Value::Number(n, false) if n > 0.0 && n <= 3.0 => (n - 1.0) * 100.0,
        // An unsigned level on a 0-200 slider ("brightness 110").
        Value::Number(n, false) if (10.0..=200.0).contains(&n) => n - 100.0,
        Value::Words(ref words) => {
            return match words.as_str() {
                "high" | "higher" | "up" | "more" | "boost" | "boosted" => {
                    Some(format!("more {name}"))
                }
                "low" | "lower" | "down" | "less" | "reduced" => Some(format!("less {name}")),
                _ => None,
            }
        }
        _ => return None,
    };
    if name == "saturation" && change <= -100.0 {
        return Some("remove the colour".into());
    }
    if change == 0.0 {
        return Some(String::new());
    }
    let direction = if change > 0.0 { "more" } else { "less" };
    Some(format!(
        "{direction} {name} by {}%",
        percent_text(change.abs().min(100.0))
    ))
}

/// Where one pair ends: these, `&` in a query string, and `--` before a key.
fn separators(text: &str) -> &'static [char] {
    if text.contains('=') {
        &[';', ',', '\n', '|', '&']
    } else {
        &[';', ',', '\n', '|']
    }
}

pub(super) fn as_phrases(text: &str) -> String {
    // ("exposure: leave it. contrast: a little more.": a full stop ends a setting too.)
    let text = cleaned(text).replace(". ", "; ");
    let text = text.trim_end_matches('.');
    let mut pending = Pending::default();
    let mut out: Vec<String> = Vec::new();
    for segment in text.split(separators(text)) {
        for part in segment.split(" --") {
            let dashed = part.trim().starts_with("--") || segment.trim() != part.trim();
            let part = part.trim().trim_start_matches("--").trim();
            if part.is_empty() {
                continue;
            }
            // `--look noir`: a flag's first word is its key.
            let flag = dashed
                .then(|| part.split_once(' '))
                .flatten()
                .and_then(|(name, rest)| key(name).map(|key| (key, value(rest))));
            // `sat+20 con+10 exp-0.3`: run-in pairs side by side.
            let words: Vec<&str> = part.split_whitespace().collect();
            // (`grain=heavy vignette=heavy bw=true`: every word a pair of its own, though
            // the first would also read the rest as its value.)
            let each_keyed = words.iter().all(|word| word.contains(['=', ':']));
            if flag.is_none()
                && (pair(part).is_none() || each_keyed)
                && words.len() > 1
                && words.iter().all(|word| pair(word).is_some())
            {
                for word in words {
                    let (key, value) = pair(word).expect("checked above");
                    match phrase(key, &value, &mut pending) {
                        Some(phrase) => out.push(phrase),
                        None => out.push(word.to_owned()),
                    }
                }
                continue;
            }
            match flag.or_else(|| pair(part)) {
                Some((Key::Strength, value)) => {
                    // The strength of the pair before it, if that was an effect.
                    let percent = match &value {
                        Value::Words(words) => {
                            if let (Some(word), Some(last)) =
                                (intensity_word(words), out.last_mut())
                            {
                                *last = format!("{word} {last}").trim_start().to_owned();
                            }
                            continue;
                        }
                        other => strength_percent(other),
                    };
                    match (percent, out.last_mut()) {
                        (Some(percent), Some(last))
                            if !last.is_empty() && !last.contains(" at ") =>
                        {
                            last.push_str(&format!(" at {}%", percent_text(percent)));
                        }
                        _ => {}
                    }
                }
                Some((key, value)) => match phrase(key, &value, &mut pending) {
                    Some(phrase) => out.push(phrase),
                    None => out.push(part.to_owned()),
                },
                // `golden_hour=true`: a key that is not a setting, switched on, names the
                // effect itself (the compiler then reads it, or refuses it by name).
                None => match part.split_once([':', '=']) {
                    Some((name, rest)) if value(rest) == Value::On && !name.trim().is_empty() => {
                        out.push(name.trim().to_owned())
                    }
                    _ => out.push(part.to_owned()),
                },
            }
        }
    }
    match (pending.target, pending.colour) {
        (Some(target), Some(colour)) => out.push(format!("make the {target} {colour}")),
        (None, Some(colour)) => out.push(format!("color {colour}")),
        (Some(target), None) => out.push(format!("recolour the {target}")),
        (None, None) => {}
    }
    out.retain(|part| !part.is_empty());
    // A setting after the background's is not more about the background: "Background: the
    // attached image. Look: cool." grades the picture (joined by a comma, the look read as
    // the new background's and only it was cooled).
    let mut joined = String::new();
    for (at, part) in out.iter().enumerate() {
        if at > 0 {
            let after_background = out[at - 1].contains("background");
            joined.push_str(if after_background { ". " } else { ", " });
        }
        joined.push_str(part);
    }
    joined
}

/// Only text that is written as parameters is rewritten; a sentence comes back as it was.
pub(super) fn rewritten(text: &str) -> Option<String> {
    let looks_like_parameters = text.contains(':')
        || text.contains('=')
        || text.contains(" --")
        || text.starts_with("--")
        || text.contains('{')
        || text.contains('(')
        || text.contains('_')
        || text.split(separators(text)).any(|segment| {
            pair(segment.trim()).is_some_and(|(_, value)| !matches!(value, Value::Words(_)))
                || (segment.split_whitespace().count() > 1
                    && segment.split_whitespace().all(|word| pair(word).is_some()))
        });
    looks_like_parameters.then(|| as_phrases(text))
}

/// `key value`, `key: value`, `key=value`, `key(value)`, `keyVALUE` (`grain10`, `sat+20`):
/// a known key and its value. Keys are one to three words.
fn pair(part: &str) -> Option<(Key, Value)> {
    let part = part.trim();
    if let Some((name, rest)) = part.split_once([':', '=']) {
        let name = name.trim();
        return match key(name) {
            // (`audio: {mute: true}`: the inner setting says it.)
            Some(_) if rest.contains([':', '=']) && pair(rest).is_some() => pair(rest),
            Some(key) => Some((key, value(rest))),
            // `recolor: {object: umbrella, color: yellow}`: the outer name says no more
            // than the settings inside it.
            None if rest.contains([':', '=']) => pair(rest),
            None => None,
        };
    }
    if let Some(open) = part.find('(') {
        let name = part[..open].trim();
        let inner = part[open + 1..].trim_end_matches(')').trim();
        let key = key(name)?;
        return Some((
            key,
            if inner.is_empty() {
                Value::On
            } else {
                named_value(key, inner).unwrap_or_else(|| value(inner))
            },
        ));
    }
    let words: Vec<&str> = part.split_whitespace().collect();
    for n in (1..=words.len().min(3)).rev() {
        let name = words[..n].join(" ");
        if let Some(key) = key(&name) {
            if words.len() == n {
                return None;
            }
            let rest = words[n..].join(" ");
            let value = named_value(key, &rest).unwrap_or_else(|| value(&rest));
            // A key followed by words is a sentence ("contrast is too low"), unless the
            // words are a setting.
            if let Value::Words(words) = &value {
                let single = !words.contains(' ');
                let setting = single
                    && (intensity_word(words).is_some()
                        || matches!(
                            key,
                            Key::Look
                                | Key::Tint
                                | Key::Background
                                | Key::Target
                                | Key::Colour
                                | Key::Audio
                                | Key::Mute
                                | Key::SkinKept
                                | Key::Tones(_)
                                | Key::Aspect
                                | Key::Extra
                                | Key::Length
                                | Key::Temperature
                        ));
                if !setting || n == 1 && matches!(key, Key::Look | Key::Colour | Key::Target) {
                    return None;
                }
            }
            return Some((key, value));
        }
    }
    // `grain10`, `vig0.2`, `sat+20`, `exp-0.3`: the key run into its number.
    let at = part.find(|c: char| c.is_ascii_digit() || c == '+' || c == '-')?;
    if at == 0 || part.contains(' ') {
        return None;
    }
    let key = key(&part[..at])?;
    Some((key, value(&part[at..])))
}

/// "vignette strength 0.4", "sharpen (amount 0.5)", "blur radius 5px": the value after the
/// name of what it sets, where that name only says how to read it.
fn named_value(key: Key, rest: &str) -> Option<Value> {
    let (name, number) = rest.split_once(' ')?;
    let names_it = self::key(name) == Some(Key::Strength)
        || (name == "radius" && matches!(key, Key::Blur | Key::BackgroundBlur));
    let value = value(number);
    (names_it && !matches!(key, Key::Strength) && !matches!(value, Value::Words(_)))
        .then_some(value)
}

/// Quotes, braces and brackets go, `snake_case` becomes words, and Stable Diffusion's
/// emphasis (`(film grain:1.3)`, `((anime))`) is reduced to its phrase.
fn cleaned(text: &str) -> String {
    // A list's own furniture: "Task list: [ ] grain [ ] 16:9 crop", "- look: pastel - glow:
    // soft", "steps: (1) neon (2) glow" separate its items.
    let mut text = text.trim_start().to_owned();
    for heading in [
        "task list:",
        "checklist:",
        "todo:",
        "to do:",
        "settings ->",
        "settings:",
        "steps:",
    ] {
        if let Some(rest) = text.strip_prefix(heading) {
            text = rest.trim_start().to_owned();
        }
    }
    let mut text = text.replace("[ ]", ";").replace("[x]", ";");
    if text.starts_with("- ") || text.starts_with("* ") {
        text = text.replace(" - ", "; ").replace(" * ", "; ");
        text.replace_range(..2, "");
    }
    for n in 1..=9 {
        text = text.replace(&format!("({n})"), ";");
    }
    let mut text = text
        .replace(['"', '{', '}', '[', ']', '`'], " ")
        .replace('_', " ");
    // "(phrase:1.3)" -> "phrase"; "recolor(target=shirt, color=red)" -> its arguments.
    let mut from = 0;
    while let Some(open) = text[from..].find('(').map(|k| from + k) {
        let Some(close) = text[open..].find(')').map(|k| open + k) else {
            break;
        };
        let raw_inner = &text[open + 1..close];
        let nested = text[..open].ends_with('(') || raw_inner.starts_with('(');
        let inner = raw_inner.trim_start_matches('(').to_owned();
        let emphasis = inner
            .rsplit_once(':')
            .filter(|(_, weight)| weight.trim().parse::<f32>().is_ok())
            .map(|(phrase, _)| phrase.to_owned());
        let name_start = text[..open]
            .rfind(|c: char| !c.is_ascii_alphanumeric() && c != ' ')
            .map_or(0, |k| k + 1);
        let name = text[name_start..open].trim();
        let (start, replaced) = match emphasis {
            Some(phrase) => (open, phrase),
            // `((anime))`: nested emphasis.
            None if nested => (open, inner),
            // `grain(0.3)`, `sepia()`: a setting, kept for `pair` to read.
            None if key(name).is_some() && !inner.contains(['=', ':']) => {
                from = close + 1;
                continue;
            }
            // `background(color=black)`: the background's colour (without its name, the
            // colour was a tint of the whole picture).
            None if key(name) == Some(Key::Background) && inner.contains(['=', ':']) => {
                let (_, colour) = inner.split_once(['=', ':']).expect("checked above");
                (name_start, format!(" {name}: {} ", colour.trim()))
            }
            // `recolor(target=shirt, color=red)`, `grade(look=noir, intensity=0.8)`: the
            // call's name says no more than its arguments do.
            None if inner.contains(['=', ':']) => (name_start, format!(" {inner} ")),
            // `gradient(purple, orange)`: one thing of several parts.
            None => (
                name_start,
                format!(" {name} {} ", inner.replace(',', " and ")),
            ),
        };
        let mut end = close + 1;
        while text[end..].starts_with(')') {
            end += 1;
        }
        let mut start = start;
        while start > 0 && text[..start].ends_with('(') {
            start -= 1;
        }
        text = format!("{}{}{}", &text[..start], replaced, &text[end..]);
        from = start;
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parameters_become_phrases() {
        for (written, read) in [
            ("style: noir; grain: heavy", "noir, heavy grain"),
            ("saturation=+20%", "more saturation by 20%"),
            ("contrast 1.2x", "more contrast by 20%"),
            ("contrast 0.8x", "less contrast by 20%"),
            ("vignette 0.3", "vignette at 30%"),
            ("grain 40%", "grain at 40%"),
            ("saturation: 80%", "less saturation by 20%"),
            ("saturation 0%", "remove the colour"),
            ("exposure -0.5", "exposure -0.5 stops"),
            (
                "--look noir --grain 0.4 --vignette 0.3",
                "noir, grain at 40%, vignette at 30%",
            ),
            (
                "style: bleach_bypass; strength: 0.8",
                "bleach bypass at 80%",
            ),
            (
                "grain(0.3), vignette(0.5), sepia()",
                "grain at 30%, vignette at 50%, sepia",
            ),
            ("audio: off", "mute the sound"),
            ("mute_audio=true, look=cool", "mute the sound, cool"),
            ("bg: ref", "replace the background with the reference image"),
            (
                "recolor(target=\"shirt\", color=\"red\")",
                "make the shirt red",
            ),
            (
                "sat+20 con+10 exp-0.3",
                "more saturation by 20%, more contrast by 10%, exposure -0.3 stops",
            ),
            ("blur radius 5px", "blur at 57.1%"),
            ("vignette radius 0.5", "vignette radius 0.5"),
            ("vignette strength 0.4", "vignette at 40%"),
            ("sharpen (amount 0.5)", "sharpen at 50%"),
            ("blur: 5px", "blur at 57.1%"),
            ("posterize: 8", "posterize to 8 levels"),
            ("(film grain:1.3), cinematic", "film grain, cinematic"),
            ("((anime)), vibrant", "anime, vibrant"),
            (
                "{\"look\": \"golden_hour\", \"intensity\": 0.7}",
                "golden hour at 70%",
            ),
            ("tint: magenta; amount: 25%", "magenta tint at 25%"),
        ] {
            assert_eq!(as_phrases(written), read, "{written}");
        }
    }

    #[test]
    fn sentences_are_left_alone() {
        for sentence in [
            "make it black and white with heavy grain",
            "the contrast is too low, add more",
            "warm it up and add a vignette",
            "letterbox it to 2.39:1",
            "add 40% grain",
        ] {
            let kept = rewritten(sentence).unwrap_or_else(|| sentence.to_owned());
            assert!(
                kept == sentence || !sentence.contains(':'),
                "{sentence} -> {kept}"
            );
        }
        assert_eq!(rewritten("make it black and white with heavy grain"), None);
        assert_eq!(rewritten("warm it up and add a vignette"), None);
    }
}
