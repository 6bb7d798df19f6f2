//! Garment and object recolour: which thing on the subject ("her dress", "the mug") and
//! which colour, by name, shade or reference image.

use super::*;

pub(super) const ITEMS: &[&str] = &[
    "dress",
    "gown",
    "skirt",
    "shirt",
    "tshirt",
    "top",
    "blouse",
    "jacket",
    "coat",
    "blazer",
    "suit",
    "sweater",
    "jumper",
    "hoodie",
    "cardigan",
    "vest",
    "trousers",
    "bottoms",
    "pants",
    "jeans",
    "shorts",
    "hat",
    "cap",
    "beanie",
    "scarf",
    "tie",
    "shoes",
    "sneakers",
    "boots",
    "outfit",
    "clothes",
    "clothing",
    "uniform",
    "costume",
    "garment",
    "garments",
    "sweatshirt",
    "robe",
    "bag",
    "handbag",
    "backpack",
    "umbrella",
    "ball",
    "balloon",
    "car",
    "bike",
    "bicycle",
    "scooter",
    "kite",
    "gloves",
    "socks",
    "leggings",
    "overalls",
    "apron",
    "cape",
    "helmet",
    "raincoat",
    "parka",
    "windbreaker",
    "tracksuit",
    "kimono",
    "sari",
    "tank",
    "polo",
    "shawl",
    "poncho",
    "swimsuit",
    "bikini",
    "jersey",
    "tunic",
    "headband",
    "bandana",
    "headphones",
    "belt",
    "sash",
    "tutu",
    "bra",
    "jumpsuit",
    "beret",
    "bodysuit",
    "romper",
    "turtleneck",
    "sweatpants",
    "joggers",
    // Carried, so inside the subject's mask.
    "bouquet",
    "guitar",
    "skateboard",
    "surfboard",
    "racket",
];

pub(super) const RECOLOUR_STRUCTURE: &[&str] = &[
    "change",
    "changed",
    "turn",
    "make",
    "recolour",
    "recolor",
    "recoloured",
    "recolored",
    "dye",
    "dyed",
    "paint",
    "painted",
    "colour",
    "color",
    "colours",
    "colors",
    "give",
    "switch",
    "swap",
    "replace",
    "to",
    "into",
    "from",
    "with",
    "in",
    "of",
    "a",
    "an",
    "the",
    "one",
    "new",
    "wear",
    "wears",
    "wearing",
    "dressed",
    "is",
    "be",
    "should",
    "so",
    "it",
    "its",
    "that",
    "this",
    "and",
    "like",
    "same",
    "as",
    "match",
    "matching",
    "instead",
    "please",
    "use",
    "using",
    "both",
    "all",
];

pub(super) fn recolour_edit(
    clause: &Clause,
    words: &[&str],
    used: &mut [bool],
) -> Result<Option<Operation>, PromptError> {
    let Some(item_index) = words
        .iter()
        .zip(used.iter())
        .position(|(word, used)| !used && ITEMS.contains(word))
    else {
        return Ok(None);
    };
    let item = words[item_index].to_owned();
    used[item_index] = true;
    // "the parked car": a thing that stands still is background to the motion matte, not
    // the subject, so it cannot be told apart to recolour.
    if item_index > 0 && matches!(words[item_index - 1], "parked" | "stationary" | "still") {
        return Err(PromptError::Unsupported {
            phrase: clause.text(),
            reason: format!(
                "only the moving subject's garments and what it carries or drives can be recoloured; a {} that stands still is part of the background",
                item
            ),
        });
    }
    // "give him a red hat", "make her wear a scarf": an accessory the subject may not have.
    // A recolour keys the subject's dominant colour where the hat would be, which without
    // one is the hair. Body garments are always there ("put her in a red dress" recolours
    // the dress she wears).
    let accessory = matches!(
        item.as_str(),
        "hat"
            | "cap"
            | "beanie"
            | "scarf"
            | "tie"
            | "gloves"
            | "bag"
            | "handbag"
            | "backpack"
            | "umbrella"
            | "headband"
            | "bandana"
            | "headphones"
            | "belt"
            | "helmet"
            | "cape"
            | "apron"
            | "shawl"
    );
    let adds = words.iter().enumerate().any(|(i, word)| {
        matches!(*word, "give" | "wear" | "add") || (*word == "put" && words[i..].contains(&"on"))
    });
    if accessory && adds {
        return Err(PromptError::Unsupported {
            phrase: clause.text(),
            reason: format!(
                "this engine cannot add a {item}; it recolours what the subject already wears or carries: if there is one, say \"make his {item} red\""
            ),
        });
    }

    let mut found: Vec<(usize, NamedColour)> = Vec::new();
    let mut i = 0;
    while i < words.len() {
        if let Some((colour, len)) = colours::match_words(&words[i..]) {
            let (colour, modifiers) = shaded(words, i, colour);
            for modifier in modifiers {
                used[modifier] = true;
            }
            found.push((i, colour));
            used[i..i + len].fill(true);
            i += len;
        } else {
            i += 1;
        }
    }
    // "the dark dress", "her long coat": words that say which garment, not a change of the
    // picture (left over, "dark" darkened the whole frame).
    // Any word between "her"/"the" and the garment describes it ("her cartoon t-shirt",
    // "the neon jacket", "the dusty blue coat"); only a colour there means more (the
    // colour to change).
    let mut k = item_index;
    while k > 0
        && !matches!(
            words[k - 1],
            "the"
                | "a"
                | "an"
                | "his"
                | "her"
                | "their"
                | "my"
                | "its"
                | "this"
                | "that"
                | "make"
                | "change"
                | "turn"
                | "recolour"
                | "recolor"
                | "paint"
                | "dye"
                | "to"
                | "into"
                | "from"
                | "and"
                | "with"
                | "in"
                | "of"
                | "give"
                | "switch"
                | "swap"
        )
    {
        if !used[k - 1] && colours::match_words(&words[k - 1..]).is_none() {
            used[k - 1] = true;
        }
        k -= 1;
    }
    // "make her red dress more vibrant", "desaturate his jacket", "make the dress a bit
    // darker": the garment's own colour, adjusted. A colour named here only says which
    // garment (read as the whole picture's saturation, the background changed too).
    if !words.iter().any(|word| REFERENCE_WORDS.contains(word))
        && found.iter().all(|(at, _)| *at < item_index)
    {
        if let Some((saturation, brightness, marks)) = garment_adjustment(words, used) {
            let source = match found.first() {
                Some((_, colour)) => {
                    if saturation != 0.0 && colours::chroma_direction(colour.rgb) == [0.0, 0.0] {
                        return Err(PromptError::Unsupported {
                            phrase: clause.text(),
                            reason: format!(
                                "a {} {item} has no colour to make more or less saturated; name a colour to change it to (\"change the {item} to red\")",
                                colour.name
                            ),
                        });
                    }
                    RecolourSource::Colour {
                        colour: colour.clone(),
                    }
                }
                None => RecolourSource::Dominant,
            };
            for at in marks {
                used[at] = true;
            }
            return Ok(Some(Operation::Recolour {
                item,
                source,
                target: RecolourTarget::Adjusted {
                    saturation,
                    brightness,
                },
            }));
        }
    }
    // "make the dress redder", "slightly more red": a recolour gives the garment the colour
    // outright; a little more of one is not what it does.
    let comparative = words.iter().enumerate().any(|(i, word)| {
        matches!(*word, "redder" | "bluer" | "greener" | "yellower" | "pinker")
            // "make the dress less red" recoloured it red.
            || (*word == "less" && colours::match_words(&words[i + 1..]).is_some())
            // "darker red" is a shade; "make the dress darker" is not a colour.
            || (matches!(*word, "darker" | "lighter")
                && colours::match_words(&words[i + 1..]).is_none()
                && !matches!(words.get(i + 1), Some(&("shade" | "tone"))))
    });
    let partial = words.iter().any(|word| {
        matches!(
            *word,
            "slightly" | "slight" | "bit" | "little" | "subtle" | "subtly" | "touch" | "hint"
        )
    }) && words.iter().any(|word| matches!(*word, "more" | "less"));
    let too = words.contains(&"too");
    if comparative || partial || too {
        return Err(PromptError::Unsupported {
            phrase: clause.text(),
            reason: format!(
                "a garment is given a new colour outright, not a little more or less of one: name the colour the {item} should become (\"change the {item} to red\")"
            ),
        });
    }
    let mut reference = false;
    for (word, used) in words.iter().zip(used.iter_mut()) {
        if RECOLOUR_STRUCTURE.contains(word) || SUBJECT_WORDS.contains(word) {
            *used = true;
        }
        if REFERENCE_WORDS.contains(word) {
            reference = true;
            *used = true;
        }
    }
    let replaces = words
        .iter()
        .any(|word| matches!(*word, "replace" | "swap" | "switch"));
    let target_marker = words
        .iter()
        .rposition(|word| matches!(*word, "to" | "into") || (replaces && *word == "with"));

    let colour_after = |start: usize| {
        found
            .iter()
            .find(|(i, _)| *i > start)
            .map(|(_, c)| c.clone())
    };
    let colour_before = |end: usize| {
        found
            .iter()
            .rev()
            .find(|(i, _)| *i < end)
            .map(|(_, c)| c.clone())
    };

    // "make my hoodie the teal in this picture", "to the olive green in this image": a
    // colour named after the garment, as the reference image shows it, is the new colour
    // (it was taken for the garment's present colour, and the garment for one of that
    // colour).
    let named_from_reference = found.iter().find(|(i, _)| {
        *i > item_index
            && words[i + 1..]
                .iter()
                .take(4)
                .any(|word| matches!(*word, "in" | "from" | "of" | "like"))
    });
    let (source, target) = if let (true, Some((_, named))) = (reference, named_from_reference) {
        let source = found
            .iter()
            .find(|(i, _)| *i < item_index)
            .map(|(_, colour)| colour.clone());
        (
            source,
            RecolourTarget::Colour {
                colour: named.clone(),
            },
        )
    } else if reference {
        let source = found.first().map(|(_, colour)| colour.clone());
        (source, RecolourTarget::ReferenceImage)
    } else if let Some(target) = target_marker.and_then(colour_after) {
        let source = target_marker.and_then(colour_before);
        (source, RecolourTarget::Colour { colour: target })
    } else if let [(at, only)] = found.as_slice() {
        // "make the blue shirt pop", "make her red dress more vibrant": the colour says which
        // garment; it is not a new one (a recolour to the colour it has).
        let after = &words[item_index + 1..];
        // "make her red dress glow": an effect on the garment alone.
        if *at < item_index {
            if let Some((start, len)) =
                (0..after.len()).find_map(|i| longest_effect(&after[i..]).map(|(_, len)| (i, len)))
            {
                return Err(PromptError::Unsupported {
                    phrase: clause.text(),
                    reason: format!(
                        "effects apply to the whole picture; applying \"{}\" to the {item} alone is not supported. A garment can be given a new colour (\"change the {item} to red\"), or its own colour made more or less saturated, lighter or darker (\"make the {item} more vibrant\")",
                        after[start..start + len].join(" ")
                    ),
                });
            }
        }
        if *at < item_index
            && target_marker.is_none()
            && !after.iter().any(|word| colours::by_name(word).is_some())
            && after.iter().any(|word| !is_filler(word))
        {
            return Ok(None);
        }
        (
            None,
            RecolourTarget::Colour {
                colour: only.clone(),
            },
        )
    } else if let (Some(before), Some(after)) =
        (colour_before(item_index), colour_after(item_index))
    {
        // "turn the red car blue"
        (Some(before), RecolourTarget::Colour { colour: after })
    } else {
        let effect_named =
            found.is_empty() && (0..words.len()).any(|i| longest_effect(&words[i..]).is_some());
        let unknown = words
            .iter()
            .zip(used.iter())
            .find(|(word, used)| !**used && !is_filler(word) && intensity(word).is_none())
            .map(|(word, _)| *word);
        let reason = if effect_named {
            format!("effects apply to the whole picture; applying one to the {item} alone is not supported")
        } else if let Some(unknown) = unknown {
            refusal_reason(words, unknown)
        } else {
            format!(
                "name the new colour of the {item}, e.g. \"change the {item} to red\", or use the reference image's colours"
            )
        };
        return Err(PromptError::Unsupported {
            phrase: clause.text(),
            reason,
        });
    };
    // "change her dress to a red gown": the garment named again as the target, in other
    // words. Another kind of garment would be a new garment, not a colour.
    if let Some(marker) = target_marker {
        for k in marker + 1..words.len() {
            if k == item_index || !ITEMS.contains(&words[k]) {
                continue;
            }
            if !same_garment(&item, words[k]) {
                return Err(PromptError::Unsupported {
                    phrase: clause.text(),
                    reason: format!(
                        "turning the {item} into a {} is not supported: only its colour can be changed, e.g. \"change the {item} to red\"",
                        words[k]
                    ),
                });
            }
            used[k] = true;
            if k > 0 && GARMENT_OCCASIONS.contains(&words[k - 1]) {
                used[k - 1] = true;
            }
        }
    }
    if let (Some(from), RecolourTarget::Colour { colour: to }) = (&source, &target) {
        if from.name == to.name {
            return Err(PromptError::Unsupported {
                phrase: clause.text(),
                reason: format!("the {item} is already {}", to.name),
            });
        }
    }
    Ok(Some(Operation::Recolour {
        item,
        source: source.map_or(RecolourSource::Dominant, |colour| RecolourSource::Colour {
            colour,
        }),
        target,
    }))
}

/// "more vibrant", "a little darker", "desaturate", "boost the colour": a change of a
/// garment's own saturation and brightness, with the indices of the words that said it, when
/// every word of the clause not yet `used` is one of them or a word of a recolour's grammar.
/// Each is -1..=1: 0.48 unqualified, scaled by intensity words as whole-picture adjustments
/// are.
pub(super) fn garment_adjustment(words: &[&str], used: &[bool]) -> Option<(f32, f32, Vec<usize>)> {
    let mut marks = Vec::new();
    let (mut saturation, mut brightness) = (None::<f32>, None::<f32>);
    let mut sign = 1.0f32;
    let mut directed = false;
    let mut colour_word = false;
    let mut level: Option<f32> = None;
    // ("too bright", "too dark": a complaint, `direction` turns it round.)
    let too = words.contains(&"too");
    for (i, word) in words.iter().enumerate() {
        if used[i] {
            continue;
        }
        let saturation_cue = match *word {
            "vibrant" | "vivid" | "saturated" | "saturate" | "saturation" | "pop" | "pops"
            | "richer" | "punchier" | "intense" | "colourful" | "colorful" | "vibrance"
            | "bolder" | "stronger" => Some(1.0),
            "muted" | "mute" | "desaturate" | "desaturated" | "dull" | "duller" | "subdued"
            | "greyer" | "grayer" | "paler" | "washed" => Some(-1.0),
            _ => None,
        };
        let brightness_cue = match *word {
            "brighter" | "brighten" | "lighter" | "lighten" => Some(1.0),
            "bright" | "light" if too => Some(1.0),
            "darker" | "darken" => Some(-1.0),
            "dark" if too => Some(-1.0),
            _ => None,
        };
        if let Some(cue) = saturation_cue {
            saturation = Some(cue);
        } else if let Some(cue) = brightness_cue {
            brightness = Some(cue);
        } else if let Some(found) = direction(word) {
            sign = found;
            directed = true;
        } else if let Some(found) = intensity(word) {
            level = Some(stack_intensity(level, found));
        } else if matches!(*word, "colour" | "color" | "colours" | "colors" | "out") {
            colour_word = true;
        } else if !(RECOLOUR_STRUCTURE.contains(word)
            || SUBJECT_WORDS.contains(word)
            || is_filler(word))
        {
            return None;
        }
        marks.push(i);
    }
    // "boost the colour of her dress", "tone down its colours": a direction of the colour.
    if saturation.is_none() && brightness.is_none() {
        if !(directed && colour_word) {
            return None;
        }
        saturation = Some(1.0);
    }
    let amount = |cue: Option<f32>| {
        cue.map_or(0.0, |cue| {
            (sign * cue * 0.8 * level.unwrap_or(STRENGTH_DEFAULT)).clamp(-1.0, 1.0)
        })
    };
    Some((amount(saturation), amount(brightness), marks))
}

/// Where a clause that opens on a garment names it: "her sweater ...", "the hoodie ...",
/// "scarf ..." (not "the woman in the blue dress", which opens on the person).
pub(super) fn garment_named_first<W: AsRef<str>>(words: &[W]) -> Option<usize> {
    let at = usize::from(words.first().is_some_and(|word| {
        matches!(
            word.as_ref(),
            "her" | "his" | "my" | "the" | "their" | "our" | "your"
        )
    }));
    words
        .get(at)
        .is_some_and(|word| ITEMS.contains(&word.as_ref()))
        .then_some(at)
}

/// A clause that goes on about the garment just recoloured: "make it darker", "and more
/// vibrant", "a bit lighter": its saturation and brightness change, when it names nothing
/// else (no other garment, person, background or the whole picture).
pub(super) fn garment_follow_up(words: &[String]) -> Option<(f32, f32)> {
    let words: Vec<&str> = words.iter().map(String::as_str).collect();
    let elsewhere = words.iter().any(|word| {
        ITEMS.contains(word)
            || BACKGROUND_NOUNS.contains(word)
            || (SUBJECT_WORDS.contains(word) && *word != "them")
            || matches!(
                *word,
                "video"
                    | "clip"
                    | "footage"
                    | "image"
                    | "picture"
                    | "scene"
                    | "everything"
                    | "whole"
                    | "overall"
                    | "frame"
                    | "shot"
                    | "film"
            )
    });
    let verb = words.iter().any(|word| {
        matches!(
            *word,
            "make" | "turn" | "add" | "give" | "apply" | "change" | "use" | "put" | "set"
        )
    });
    // "make it darker" speaks of the garment; "make the colours more vibrant" does not.
    let refers = words.iter().any(|word| matches!(*word, "it" | "them"));
    // "make the raincoat red, mute it": the sound (read as the garment's, a duller red).
    let sound = words
        .first()
        .is_some_and(|word| matches!(*word, "mute" | "silence"));
    if elsewhere || sound || (verb && !refers) {
        return None;
    }
    let used: Vec<bool> = words
        .iter()
        .map(|word| matches!(*word, "it" | "them"))
        .collect();
    garment_adjustment(&words, &used).map(|(saturation, brightness, _)| (saturation, brightness))
}

/// A recolour's target with a follow-up adjustment folded in: a named colour becomes its
/// lighter, darker, more or less vivid shade; an adjustment adds up.
pub(super) fn adjust_target(
    target: &mut RecolourTarget,
    saturation: f32,
    brightness: f32,
) -> Result<(), String> {
    match target {
        RecolourTarget::Adjusted {
            saturation: s,
            brightness: b,
        } => {
            // The same way twice ("it is dull, make it more vibrant") is said twice, not
            // asked twice: the larger holds.
            let combine = |was: f32, more: f32| {
                if was * more > 0.0 {
                    if more.abs() > was.abs() {
                        more
                    } else {
                        was
                    }
                } else {
                    (was + more).clamp(-1.0, 1.0)
                }
            };
            *s = combine(*s, saturation);
            *b = combine(*b, brightness);
        }
        RecolourTarget::Colour { colour } => {
            let [r, g, b] = colour.rgb.map(f32::from);
            let luma = 0.2126 * r + 0.7152 * g + 0.0722 * b;
            let rgb = colour.rgb.map(|c| {
                let c = f32::from(c);
                let c = luma + (1.0 + saturation) * (c - luma);
                let c = if brightness >= 0.0 {
                    c + 0.75 * brightness * (255.0 - c)
                } else {
                    c * (1.0 + 0.6 * brightness)
                };
                c.round().clamp(0.0, 255.0) as u8
            });
            let mut shade = Vec::new();
            if brightness > 0.0 {
                shade.push("lighter");
            } else if brightness < 0.0 {
                shade.push("darker");
            }
            if saturation > 0.0 {
                shade.push("more vivid");
            } else if saturation < 0.0 {
                shade.push("duller");
            }
            *colour = NamedColour {
                name: format!("{} {}", shade.join(", "), colour.name),
                rgb,
            };
        }
        RecolourTarget::ReferenceImage => {
            return Err("the reference image's colour is used as it is; name the colour instead (\"change the dress to dark red\")".into());
        }
    }
    Ok(())
}

/// Words for one kind of garment: "her dress" recoloured "to a red gown" is still her dress.
pub(super) const GARMENT_KINDS: &[&[&str]] = &[
    &["dress", "gown", "robe"],
    &[
        "shirt", "tshirt", "top", "blouse", "polo", "tank", "jersey", "tunic",
    ],
    &["sweater", "jumper", "hoodie", "cardigan", "sweatshirt"],
    &[
        "jacket",
        "coat",
        "blazer",
        "parka",
        "raincoat",
        "windbreaker",
    ],
    &["trousers", "pants", "jeans", "leggings"],
    &["hat", "cap", "beanie"],
    &["shoes", "sneakers", "boots"],
    &[
        "outfit", "clothes", "clothing", "garment", "garments", "costume", "uniform",
    ],
    &["bag", "handbag"],
    &["bike", "bicycle"],
];

/// Words naming an occasion for the garment named again ("a red evening gown").
/// "in the black jacket", "wearing a red dress", "with the blue umbrella" right after a
/// person: the index (in `words`) of the garment that ends the phrase.
pub(super) fn identifying_garment(words: &[&str]) -> Option<usize> {
    if !matches!(
        words.first(),
        Some(&("in" | "wearing" | "with" | "dressed"))
    ) {
        return None;
    }
    let mut k = 1;
    while k < words.len() {
        let word = words[k];
        if ITEMS.contains(&word) {
            return Some(k);
        }
        if let Some((_, len)) = colours::match_words(&words[k..]) {
            k += len;
            continue;
        }
        if matches!(word, "the" | "a" | "an" | "his" | "her" | "their" | "in")
            || SHADE_WORDS.contains(&word)
            || GARMENT_DESCRIPTORS.contains(&word)
        {
            k += 1;
            continue;
        }
        break;
    }
    // "the woman in black": dressed in a colour, no garment named.
    (k > 1 && colours::match_words(&words[k - 1..]).is_some()).then_some(k - 1)
}

/// Words in front of a colour that give its shade ("neon green", "a muted blue", "a dark
/// green tint"): part of the colour, never an edit of the picture.
pub(super) const SHADE_WORDS: &[&str] = &[
    "dark", "light", "pale", "deep", "soft", "baby", "neon", "muted", "dusty", "matte", "warmer",
    "cooler", "pastel", "electric", "dull", "faded",
];

/// Words in front of a garment that tell it apart ("the dark dress", "her long coat").
pub(super) const GARMENT_DESCRIPTORS: &[&str] = &[
    "dark",
    "light",
    "bright",
    "pale",
    "deep",
    "dull",
    "faded",
    "old",
    "new",
    "plain",
    "long",
    "short",
    "little",
    "big",
    "striped",
    "patterned",
    "checked",
    "leather",
    "denim",
    "wool",
    "woollen",
    "silk",
    "cotton",
    "summer",
    "winter",
    "evening",
    "warm",
    "cosy",
    "cozy",
    "cool",
    "soft",
    "fluffy",
    "thick",
    "thin",
    "heavy",
    "favourite",
    "favorite",
    "nice",
    "fancy",
    "vintage",
    "retro",
    "glowing",
    "noisy",
    "grainy",
    "sheer",
    "sparkly",
    "worn",
    "torn",
    "flowing",
    "elegant",
    "casual",
    "formal",
    "baggy",
    "tight",
];

/// Words in front of a person that tell them apart ("the old man", "the cool guy").
pub(super) const PERSON_DESCRIPTORS: &[&str] = &[
    "old", "older", "elderly", "young", "younger", "tall", "short", "little", "small", "big",
    "cool", "happy", "smiling", "dancing", "walking", "running", "talking", "main", "other",
    "first", "second",
];

pub(super) const GARMENT_OCCASIONS: &[&str] = &[
    "evening", "cocktail", "party", "formal", "casual", "ball", "wedding",
];

pub(super) fn same_garment(a: &str, b: &str) -> bool {
    a == b
        || GARMENT_KINDS
            .iter()
            .any(|kind| kind.contains(&a) && kind.contains(&b))
}

/// "pastel pink", "a darker shade of red": the colour named at `at`, lightened or darkened
/// by the word in front of it, and the indices of the words that said so. Without such a
/// word the garment would get the plain colour and the word would grade the whole picture.
pub(super) fn shaded(words: &[&str], at: usize, colour: NamedColour) -> (NamedColour, Vec<usize>) {
    let mut marks = Vec::new();
    let mut start = at;
    while start > 0 && matches!(words[start - 1], "shade" | "tone" | "hue" | "of" | "a") {
        start -= 1;
        marks.push(start);
    }
    let Some(modifier) = start.checked_sub(1) else {
        return (colour, marks);
    };
    let rgb = match words[modifier] {
        "pastel" | "pale" | "light" | "lighter" | "soft" => colour
            .rgb
            .map(|c| (f32::from(c) + 0.45 * (255.0 - f32::from(c))).round() as u8),
        "dark" | "darker" | "deep" | "deeper" => {
            colour.rgb.map(|c| (f32::from(c) * 0.6).round() as u8)
        }
        // "a bright yellow": the colour, more saturated (not a brighter picture).
        // "metallic silver", "shiny red": the finish is the garment's own (its highlights
        // and reflections stay in luma); the colour is what changes.
        "metallic" | "shiny" | "glossy" => colour.rgb,
        // "a warm orange", "a cool blue": the colour itself.
        "warm" | "cool" | "nice" => colour.rgb,
        // "solid chroma green", "a flat mid grey": a plain field of the colour, by its name.
        "solid" | "flat" | "plain" | "pure" | "chroma" | "mid" | "medium" => {
            marks.push(modifier);
            if modifier > 0 && matches!(words[modifier - 1], "solid" | "flat" | "plain" | "pure") {
                marks.push(modifier - 1);
            }
            return (colour, marks);
        }
        "bright" | "vivid" | "vibrant" | "rich" | "saturated" => {
            let [r, g, b] = colour.rgb.map(f32::from);
            let luma = 0.2126 * r + 0.7152 * g + 0.0722 * b;
            colour.rgb.map(|c| {
                (luma + 1.25 * (f32::from(c) - luma))
                    .round()
                    .clamp(0.0, 255.0) as u8
            })
        }
        _ => return (colour, marks),
    };
    marks.push(modifier);
    (
        NamedColour {
            name: format!("{} {}", words[modifier], colour.name),
            rgb,
        },
        marks,
    )
}
