//! Edits picked by hue rather than by mask: colour splash, split toning, duotone and the
//! saturation of one band of hues ("make the greens more vibrant").

use super::*;

/// "black and white except the red", "keep only the reds", "remove all colour but blue",
/// "colour splash in yellow": a colour splash. Needs a word that sets one colour apart
/// ("except", "but", "only", "splash", ...) followed by a named colour; everything else in
/// the clause must be words of this pattern, or the clause is left to the other rules (and
/// refused there if nothing understands it).
pub(super) fn splash_edit(words: &[&str], used: &mut [bool]) -> Option<Operation> {
    // "keep the red dress in colour": keeping something in colour sets it apart as well.
    let kept_in_colour = words.windows(2).any(|pair| {
        pair[0] == "in" && matches!(pair[1], "colour" | "color" | "colours" | "colors")
    });
    let apart = words
        .iter()
        .position(|word| SPLASH_APART.contains(word))
        .or_else(|| {
            kept_in_colour
                .then(|| words.iter().position(|word| SPLASH_KEEP.contains(word)))
                .flatten()
        })?;
    // "colour splash", or "keep only the red": the rest goes grey without being told so.
    let mut greyed = words
        .iter()
        .any(|word| matches!(*word, "splash" | "selective"))
        || words.iter().any(|word| SPLASH_KEEP.contains(word));
    let mut marks = vec![false; words.len()];
    let mut keep = None;
    let mut i = 0;
    while i < words.len() {
        // "black and white" names the rest of the picture, not the kept colour.
        if words[i..].starts_with(&["black", "and", "white"]) {
            marks[i..i + 3].fill(true);
            greyed = true;
            i += 3;
            continue;
        }
        if SPLASH_GREY.contains(&words[i]) {
            marks[i] = true;
            greyed = true;
        } else if [SPLASH_APART, SPLASH_KEEP, SPLASH_STRUCTURE, ITEMS]
            .iter()
            .any(|list| list.contains(&words[i]))
        {
            marks[i] = true;
        } else if i > apart && keep.is_none() {
            if let Some((colour, len)) = colours::match_words(&words[i..]) {
                keep = Some(colour);
                marks[i..i + len].fill(true);
                i += len;
                // "except the yellow taxi", "but the red door": a thing named by its colour
                // says where the colour is; the splash keeps the colour wherever it is.
                if i + 1 == words.len() && longest_effect(&words[i..]).is_none() {
                    marks[i] = true;
                    i += 1;
                }
                continue;
            }
            // "the reds", "the blues".
            if let Some(colour) = words[i].strip_suffix('s').and_then(colours::by_name) {
                keep = Some(colour);
                marks[i] = true;
            }
        }
        i += 1;
    }
    let keep = keep.filter(|_| greyed)?;
    if !understood(words, &marks) {
        return None;
    }
    used.fill(true);
    Some(Operation::SelectiveColour { keep })
}

/// "cool down the shadows", "teal shadows", "push the highlights towards orange", "make the
/// shadows bluer": a split tone. The clause must name one tonal region and one colour (or
/// warm / cool) and otherwise only words of this pattern, or it is left to the other rules:
/// "lift the shadows" is a tone curve, "less blue in the shadows" is refused there.
pub(super) fn split_tone_edit(words: &[&str], used: &mut [bool]) -> Option<Operation> {
    let at = words.iter().position(|word| {
        matches!(
            *word,
            "shadows" | "blacks" | "darks" | "highlights" | "whites" | "midtones"
        )
    })?;
    let region = match words[at] {
        "highlights" | "whites" => ToneRegion::Highlights,
        "midtones" => ToneRegion::Midtones,
        _ => ToneRegion::Shadows,
    };
    let mut colour = None;
    let mut level: Option<f32> = None;
    let mut i = 0;
    while i < words.len() {
        let word = words[i];
        // "less blue in the shadows" takes colour away: not this pattern.
        if direction(word).is_some_and(|sign| sign < 0.0) && !matches!(word, "down") {
            return None;
        }
        if let Some(found) = intensity(word) {
            level = Some(stack_intensity(level, found));
            i += 1;
            continue;
        }
        if i == at || is_filler(word) || SPLIT_TONE_STRUCTURE.contains(&word) {
            i += 1;
            continue;
        }
        let (found, len) = match word {
            "warm" | "warmer" | "warmth" | "warmed" => (
                NamedColour {
                    name: "warm".into(),
                    rgb: [245, 150, 60],
                },
                1,
            ),
            "cool" | "cooler" | "cold" | "colder" | "cooled" => (
                NamedColour {
                    name: "cool".into(),
                    rgb: [70, 140, 235],
                },
                1,
            ),
            _ => colours::match_words(&words[i..])?,
        };
        // One colour per region; and grey has no direction to push towards.
        if colour.is_some() || colours::chroma_direction(found.rgb) == [0.0, 0.0] {
            return None;
        }
        colour = Some(found);
        i += len;
    }
    let colour = colour?;
    used.fill(true);
    Some(Operation::SplitTone {
        region,
        colour,
        strength: level.unwrap_or(STRENGTH_DEFAULT).min(1.0),
    })
}

/// "desaturate the highlights", "less saturation in the shadows", "more saturated mids",
/// "pull the colour out of the highlights": the saturation of one part of the tonal range.
/// The clause must name one region and a change of saturation, and otherwise only words of
/// this pattern (a colour named makes it a split tone or a refusal, not this).
pub(super) fn tone_saturation_edit(words: &[&str], used: &mut [bool]) -> Option<Operation> {
    let regions: Vec<usize> = (0..words.len())
        .filter(|&i| {
            matches!(
                words[i],
                "shadows" | "blacks" | "darks" | "highlights" | "whites" | "midtones"
            )
        })
        .collect();
    let [at] = regions[..] else {
        return None;
    };
    let region = match words[at] {
        "highlights" | "whites" => ToneRegion::Highlights,
        "midtones" => ToneRegion::Midtones,
        _ => ToneRegion::Shadows,
    };
    // The saturation word, and the way it goes by itself ("desaturate": down).
    let mut sign: Option<f32> = None;
    let mut named = false;
    let mut level: Option<f32> = None;
    for (i, &word) in words.iter().enumerate() {
        let own = match word {
            "desaturate" | "desaturated" | "desaturating" | "desaturation" | "muted" | "washed" => {
                Some(-1.0)
            }
            "saturate" | "saturated" | "vibrant" | "vivid" | "colourful" | "colorful" => Some(1.0),
            "saturation" | "chroma" | "vibrance" | "colour" | "color" | "colours" | "colors" => {
                None
            }
            _ => {
                if let Some(found) = intensity(word) {
                    level = Some(stack_intensity(level, found));
                } else if let Some(way) = direction(word) {
                    sign = Some(sign.unwrap_or(1.0) * way);
                } else if i != at
                    && !is_filler(word)
                    && !matches!(
                        word,
                        "in" | "of"
                            | "out"
                            | "from"
                            | "the"
                            | "pull"
                            | "take"
                            | "make"
                            | "bit"
                            | "touch"
                            | "a"
                            | "and"
                            | "its"
                            | "their"
                            | "only"
                            | "just"
                    )
                {
                    return None;
                }
                continue;
            }
        };
        named = true;
        if let Some(own) = own {
            sign = Some(sign.unwrap_or(1.0) * own);
        }
    }
    // "pull the colour out of the highlights", "take the colour out": out is less.
    if words.contains(&"out") && sign.is_none() {
        sign = Some(-1.0);
    }
    let sign = sign?;
    if !named {
        return None;
    }
    used.fill(true);
    Some(Operation::ToneSaturation {
        region,
        amount: sign * level.unwrap_or(STRENGTH_DEFAULT).min(1.0),
    })
}

/// "duotone blue and pink", "a two tone orange and teal look": the picture's colour
/// replaced by two colours along its tonal range, the darker of the two in the shadows.
pub(super) fn duotone_edit(
    clause: &Clause,
    words: &[&str],
    used: &mut [bool],
) -> Result<Option<Operation>, PromptError> {
    let mut marks = vec![false; words.len()];
    let named = words.iter().enumerate().find_map(|(i, word)| match *word {
        "duotone" | "duotones" | "duotoned" => Some(i..i + 1),
        "two" | "duo"
            if words
                .get(i + 1)
                .is_some_and(|next| matches!(*next, "tone" | "toned" | "tones")) =>
        {
            Some(i..i + 2)
        }
        _ => None,
    });
    let Some(named) = named else {
        return Ok(None);
    };
    marks[named.clone()].fill(true);
    let mut colours_named = Vec::new();
    let mut level = None;
    let mut i = 0;
    while i < words.len() {
        if marks[i] {
            i += 1;
            continue;
        }
        if let Some(found) = intensity(words[i]) {
            level = Some(stack_intensity(level, found));
            marks[i] = true;
        } else if let Some((colour, len)) = colours::match_words(&words[i..]) {
            colours_named.push(colour);
            marks[i..i + len].fill(true);
            i += len;
            continue;
        }
        i += 1;
    }
    if !understood(words, &marks) {
        return Ok(None);
    }
    let [a, b]: [NamedColour; 2] =
        colours_named
            .try_into()
            .map_err(|_| PromptError::Unsupported {
                phrase: clause.text(),
                reason: "a duotone needs two colours, e.g. \"duotone blue and pink\"".into(),
            })?;
    let luma = |colour: &NamedColour| colours::rgb_to_yuv(colour.rgb)[0];
    let (shadows, highlights) = if luma(&a) <= luma(&b) { (a, b) } else { (b, a) };
    used.fill(true);
    Ok(Some(Operation::Duotone {
        shadows,
        highlights,
        strength: level.unwrap_or(1.0),
    }))
}

/// "make the greens more vibrant", "mute the reds", "boost the blues", "less saturated
/// oranges": the saturation of one band of hues. The clause must name one colour as a band
/// ("the greens", "green tones") and otherwise only words of this pattern.
pub(super) fn hue_saturation_edit(words: &[&str], used: &mut [bool]) -> Option<Operation> {
    let mut marks = vec![false; words.len()];
    let mut colour = None;
    let mut sign = 1.0f32;
    let mut saturation = None;
    let mut level: Option<f32> = None;
    for (i, word) in words.iter().enumerate() {
        let band_noun = |at: usize| {
            words
                .get(at)
                .is_some_and(|next| matches!(*next, "tones" | "hues" | "shades"))
        };
        // "the sky", "the grass": the part of the picture a colourist would reach through
        // its hue band, without a mask (a blue shirt under a blue sky changes too).
        // ("forest green" is a colour, not the forest's band.)
        let in_colour_name = colours::match_words(&words[i..]).is_some_and(|(_, len)| len >= 2);
        if let Some(name) = scene_band(word).filter(|_| !in_colour_name) {
            let found = colours::by_name(name)?;
            if colour
                .as_ref()
                .is_some_and(|c: &NamedColour| c.name != found.name)
            {
                return None;
            }
            colour = Some(found);
            marks[i] = true;
            continue;
        }
        // "more blue" or "bluer" after "the sky": the band's own colour, asked for more.
        let comparative = match *word {
            "bluer" => Some("blue"),
            "greener" => Some("green"),
            _ => None,
        };
        let named = colours::by_name(comparative.unwrap_or(word));
        // "the blue sky": the colour the scene's part is, not a second band.
        if let Some(named) = &named {
            if words.get(i + 1).and_then(|next| scene_band(next)) == Some(named.name.as_str()) {
                marks[i] = true;
                continue;
            }
        }
        if let (Some(current), Some(named)) = (&colour, &named) {
            if current.name == named.name && (comparative.is_some() || scene_named(words)) {
                saturation = Some(1.0);
                marks[i] = true;
                continue;
            }
        }
        let band = match word.strip_suffix('s').and_then(colours::by_name) {
            Some(found) => Some(found),
            None if band_noun(i + 1) => colours::by_name(word),
            None => None,
        };
        if let Some(found) = band {
            if colour.is_some() || colours::chroma_direction(found.rgb) == [0.0, 0.0] {
                return None;
            }
            colour = Some(found);
            marks[i] = true;
            continue;
        }
        if i > 0 && band_noun(i) && marks[i - 1] {
            marks[i] = true;
            continue;
        }
        let cue = match *word {
            "vibrant" | "vivid" | "saturated" | "saturate" | "saturation" | "pop" | "rich"
            | "richer" | "deeper" | "punchier" | "intense" | "vibrance" => Some(1.0),
            "muted" | "mute" | "desaturate" | "desaturated" | "dull" | "duller" | "subdued" => {
                Some(-1.0)
            }
            _ => None,
        };
        if let Some(cue) = cue {
            saturation = Some(cue);
            marks[i] = true;
        }
        if let Some(found) = direction(word) {
            sign = found;
            marks[i] = true;
        }
        if let Some(found) = intensity(word) {
            level = Some(stack_intensity(level, found));
            marks[i] = true;
        }
    }
    let colour = colour?;
    // "boost the blues", "tone down the reds": a direction alone speaks of saturation.
    let saturation = saturation
        .or_else(|| (sign < 0.0 || words.iter().any(|w| direction(w).is_some())).then_some(1.0))?;
    if !understood(words, &marks) {
        return None;
    }
    used.fill(true);
    Some(Operation::HueSaturation {
        colour,
        amount: (sign * saturation * level.unwrap_or(STRENGTH_DEFAULT)).clamp(-1.0, 1.0),
    })
}

/// The hue band a part of a landscape is seen through: "make the sky bluer" saturates the
/// blues, "greener grass" the greens.
pub(super) fn scene_band(word: &str) -> Option<&'static str> {
    match word {
        "sky" | "skies" | "sea" | "ocean" | "lake" | "water" | "river" => Some("blue"),
        "grass" | "lawn" | "foliage" | "leaves" | "trees" | "greenery" | "vegetation"
        | "plants" | "forest" | "jungle" | "meadow" => Some("green"),
        _ => None,
    }
}

pub(super) fn scene_named(words: &[&str]) -> bool {
    (0..words.len()).any(|i| {
        scene_band(words[i]).is_some()
            && colours::match_words(&words[i..]).is_none_or(|(_, len)| len < 2)
    })
}

/// Verbs and particles of a split-tone clause.
pub(super) const SPLIT_TONE_STRUCTURE: &[&str] = &[
    "tint", "tinted", "tone", "toned", "toning", "split", "push", "pushed", "shift", "shifted",
    "move", "towards", "toward", "up", "down", "colour", "color", "coloured", "colored", "grade",
    "graded", "more", "bit", "touch", "hint",
];

/// Whether every word of a clause is either marked as part of a pattern or filler.
pub(super) fn understood(words: &[&str], marks: &[bool]) -> bool {
    words
        .iter()
        .zip(marks)
        .all(|(word, marked)| *marked || is_filler(word))
}

/// Words that set one colour apart from the rest.
pub(super) const SPLASH_APART: &[&str] = &[
    "except",
    "but",
    "only",
    "apart",
    "save",
    "splash",
    "selective",
];
/// Words that keep the one colour ("keep only the red").
pub(super) const SPLASH_KEEP: &[&str] = &["keep", "kept", "keeping", "leave", "leaving", "left"];
/// Words for the rest of the picture losing its colour.
pub(super) const SPLASH_GREY: &[&str] = &[
    "bw",
    "grayscale",
    "greyscale",
    "monochrome",
    "desaturate",
    "desaturated",
    "colourless",
    "colorless",
    "remove",
    "drop",
    "strip",
    "no",
];
/// The pattern's other words (besides those of the lists above).
pub(super) const SPLASH_STRUCTURE: &[&str] = &[
    "her",
    "his",
    "their",
    "from",
    "colour",
    "color",
    "colours",
    "colors",
    "everything",
    "else",
    "all",
    "rest",
    "other",
    "others",
    "make",
    "turn",
    "in",
    "of",
    "for",
    "and",
    "to",
    "is",
    "stays",
    "stay",
    "things",
    "thing",
];
