//! Background replacement and background- or subject-only grades: a clause that names the
//! background (or the subject apart from it) and what it becomes.

use super::*;

pub(super) const SUBJECT_WORDS: &[&str] = &[
    "singer",
    "skater",
    "team",
    "girls",
    "boys",
    "women",
    "bride",
    "groom",
    "kids",
    "children",
    "player",
    "players",
    "dancers",
    "couple",
    "speaker",
    "presenter",
    "host",
    "athlete",
    "runner",
    "baby",
    "person",
    "people",
    "subject",
    "man",
    "woman",
    "men",
    "women",
    "girl",
    "boy",
    "guy",
    "lady",
    "kid",
    "child",
    "character",
    "actor",
    "actress",
    "dancer",
    "model",
    "figure",
    "someone",
    "he",
    "she",
    "him",
    "her",
    "his",
    "hers",
    "they",
    "them",
    "their",
    // The one filming themselves ("put me on a beach", "blur behind me").
    "me",
    "us",
    "myself",
];

/// Who a clip is of beyond the people of [`SUBJECT_WORDS`], read as the subject only where
/// the rest of the picture is named as its background ("everything except the dog", "a
/// gradient behind the cat"): as subjects anywhere, "make the dog brown" regraded a white
/// dog, and "put this dog next to me" replaced the background.
pub(super) const MOVING_SUBJECTS: &[&str] = &[
    "dog",
    "dogs",
    "puppy",
    "cat",
    "cats",
    "kitten",
    "horse",
    "pet",
    "bird",
    "son",
    "daughter",
    "mom",
    "mum",
    "dad",
    "baby",
    "skateboarder",
    "surfer",
    "cyclist",
    "rider",
    "biker",
    "skier",
    "snowboarder",
    "boxer",
    "chef",
    "barista",
    "vlogger",
    "toddler",
    "teenager",
    "car",
    "bike",
];

pub(super) const BACKGROUND_NOUNS: &[&str] = &[
    "background",
    "backgrounds",
    "backdrop",
    "bg",
    "scenery",
    "surroundings",
];

pub(super) const BACKGROUND_STRUCTURE: &[&str] = &[
    "replace",
    "replaced",
    "swap",
    "swapped",
    "change",
    "changed",
    "switch",
    "make",
    "turn",
    "set",
    "paint",
    "painted",
    "put",
    "place",
    "use",
    "using",
    "give",
    "remove",
    "removed",
    "delete",
    "erase",
    "cut",
    "out",
    "get",
    "rid",
    "of",
    "with",
    "for",
    "to",
    "into",
    "by",
    "on",
    "in",
    "at",
    "against",
    "front",
    "behind",
    "as",
    "new",
    "plain",
    "solid",
    "simple",
    "clean",
    "flat",
    "colour",
    "color",
    "coloured",
    "colored",
    "single",
    "one",
    "version",
    "screen",
    "studio",
    "wall",
    "backdrop",
    "paper",
    "shade",
    "tone",
    "from",
    "the",
    "a",
    "an",
    "it",
    "its",
    "this",
    "that",
    "is",
    "be",
    "so",
    "please",
    "instead",
    "just",
    "only",
    "pure",
    "entirely",
    "whole",
    "all",
    "itself",
    "comp",
    "composite",
    "composited",
    "key",
    "keyed",
    "over",
    "onto",
    "drop",
    "dropped",
];

/// Words of wishing the subject to stand out, which say no way of doing it.
pub(super) const STAND_OUT: &[&str] = &[
    "pop",
    "pops",
    "stand",
    "stands",
    "separate",
    "emphasise",
    "emphasize",
    "focus",
    "isolate",
    "highlight",
    "noticeable",
    "visible",
];

pub(super) const BLUR_WORDS: &[&str] = &[
    "shallow",
    "blur",
    "blurred",
    "blurry",
    "blurrier",
    "blurring",
    "defocus",
    "defocused",
    "bokeh",
    "soft",
    "soften",
    "softened",
    "unfocused",
    "focus",
    "portrait",
    "mode",
    "depth",
    "field",
];

pub(super) const GRADIENT_WORDS: &[&str] = &["gradient", "gradients", "graded", "ombre"];

pub(super) const REFERENCE_WORDS: &[&str] = &[
    "reference",
    "ref",
    "image",
    "photo",
    "picture",
    "provided",
    "attached",
    "uploaded",
    "given",
    "supplied",
    "pic",
];

pub(super) const REMOVE_WORDS: &[&str] = &["remove", "removed", "delete", "erase", "rid", "cut"];

pub(super) fn background_edit(
    clause: &Clause,
    words: &[&str],
    used: &mut [bool],
    has_reference: bool,
) -> Result<Option<Operation>, PromptError> {
    // "put the person from the reference image into the video": someone taken out of the
    // reference, not the clip's subject put before it (it was read as the reference for a
    // backdrop).
    if words.windows(3).any(|three| {
        (SUBJECT_WORDS.contains(&three[0]) || ITEMS.contains(&three[0]))
            && (three[1] == "from"
                || (matches!(three[1], "in" | "of")
                    && !matches!(three[0], "her" | "him" | "them" | "me" | "us")
                    && words.iter().any(|word| matches!(*word, "add" | "insert"))))
            && (REFERENCE_WORDS.contains(&three[2]) || matches!(three[2], "the" | "this" | "that"))
    }) && words.iter().any(|word| REFERENCE_WORDS.contains(word))
        && !words.iter().any(|word| BACKGROUND_NOUNS.contains(word))
    {
        return Err(PromptError::Unsupported {
            phrase: clause.text(),
            reason: "adding a person or an object from the reference image is not supported: this engine does not generate or insert new content; the reference image can be the new background (\"replace the background with the reference image\") or give a garment its colour".into(),
        });
    }
    // "Add this moon behind the mountains": something new put in, not a new background.
    if matches!(words.first(), Some(&("add" | "insert")))
        && words.contains(&"behind")
        && words
            .iter()
            .any(|word| REFERENCE_WORDS.contains(word) || *word == "this")
        && !words.iter().any(|word| BACKGROUND_NOUNS.contains(word))
    {
        return Err(PromptError::Unsupported {
            phrase: clause.text(),
            reason: "adding a person or an object from the reference image is not supported: this engine does not generate or insert new content; the reference image can be the new background (\"replace the background with the reference image\") or give a garment its colour".into(),
        });
    }
    // "Put the guy in this suit": other clothes, not another place.
    if words
        .iter()
        .any(|word| matches!(*word, "put" | "place" | "dress" | "dressed"))
        && (words
            .windows(2)
            .any(|pair| matches!(pair[0], "in" | "into") && ITEMS.contains(&pair[1]))
            || words.windows(3).any(|three| {
                matches!(three[0], "in" | "into")
                    && matches!(three[1], "this" | "that" | "the" | "a" | "an")
                    && ITEMS.contains(&three[2])
            }))
    {
        return Err(PromptError::Unsupported {
            phrase: clause.text(),
            reason: "changing what someone wears is not supported: a garment can be recoloured (\"make his jacket red\", or the reference image's colours)".into(),
        });
    }
    // "blur everything behind her": what is behind the subject is the background.
    let behind_subject = words.windows(2).any(|pair| {
        pair[0] == "behind"
            && (SUBJECT_WORDS.contains(&pair[1])
                || matches!(pair[1], "the" | "him" | "her" | "them" | "it"))
    }) || words
        .windows(2)
        .any(|pair| pair == ["everything", "behind"]);
    // "a shallow depth of field", "bokeh", "portrait mode": a blurred background by name.
    let has = |word: &str| words.contains(&word);
    let depth_of_field =
        has("bokeh") || (has("depth") && has("field")) || (has("portrait") && has("mode"));
    let names_background = behind_subject
        || depth_of_field
        || words.iter().any(|word| BACKGROUND_NOUNS.contains(word));
    // "put her on a beach", "place him in front of a blue wall".
    let puts_subject = words.windows(3).any(|three| {
        let subject = if matches!(
            three[1],
            "the" | "a" | "this" | "my" | "our" | "his" | "her"
        ) {
            three[2]
        } else {
            three[1]
        };
        matches!(three[0], "put" | "place" | "move" | "transport" | "set")
            && SUBJECT_WORDS.contains(&subject)
    }) || words.windows(2).any(|pair| {
        matches!(pair[0], "put" | "place" | "move" | "transport" | "set")
            && SUBJECT_WORDS.contains(&pair[1])
    });
    if !names_background && !puts_subject {
        return Ok(grey_background_edit(words, used, false));
    }
    // "remove the guy walking behind me": someone in the background, not the background.
    if behind_subject
        && !words.iter().any(|word| BACKGROUND_NOUNS.contains(word))
        && words.iter().any(|word| REMOVE_WORDS.contains(word))
        && !words.contains(&"everything")
    {
        return Err(PromptError::Unsupported {
            phrase: clause.text(),
            reason: NO_OBJECT_REMOVAL.into(),
        });
    }
    if let Some(operation) = grey_background_edit(words, used, true) {
        return Ok(Some(operation));
    }

    // "remove the car from the background": an object, not the background, is removed.
    if words.iter().any(|word| REMOVE_WORDS.contains(word))
        && words.windows(3).any(|three| {
            matches!(three[0], "from" | "in")
                && three[1] == "the"
                && BACKGROUND_NOUNS.contains(&three[2])
        })
    {
        return Err(PromptError::Unsupported {
            phrase: clause.text(),
            reason: NO_OBJECT_REMOVAL.into(),
        });
    }
    let mut colours_found = Vec::new();
    let mut i = 0;
    while i < words.len() {
        // "make the background golden hour": the look, not the colour gold.
        if words[i] == "golden" && words.get(i + 1) == Some(&"hour") {
            i += 2;
            continue;
        }
        if let Some((colour, len)) = colours::match_words(&words[i..]) {
            // "a gradient from dark blue to black": the shade is the backdrop's colour.
            let (colour, modifiers) = shaded(words, i, colour);
            for modifier in modifiers {
                used[modifier] = true;
            }
            colours_found.push(colour);
            used[i..i + len].fill(true);
            i += len;
        } else {
            i += 1;
        }
    }
    let mut blur = false;
    let mut gradient = false;
    let mut reference = false;
    let mut remove = false;
    let mut level = None;
    for (k, (word, used)) in words.iter().zip(used.iter_mut()).enumerate() {
        if BACKGROUND_NOUNS.contains(word)
            || BACKGROUND_STRUCTURE.contains(word)
            || SUBJECT_WORDS.contains(word)
            || *word == "and"
            || (behind_subject && matches!(*word, "everything" | "him" | "her" | "them"))
            || (behind_subject && MOVING_SUBJECTS.contains(word))
        {
            *used = true;
        }
        // "a soft pink background": the colour's shade, not a blur.
        let shade = *word == "soft" && colours::match_words(&words[k + 1..]).is_some();
        // ("a field of sunflowers" is a scene; "depth of field" a blur.)
        let out_of_phrase =
            (*word == "field" && !has("depth")) || (*word == "mode" && !has("portrait"));
        if BLUR_WORDS.contains(word) && !shade && !out_of_phrase {
            blur = true;
            *used = true;
        }
        if GRADIENT_WORDS.contains(word) {
            gradient = true;
            *used = true;
        }
        if REFERENCE_WORDS.contains(word) {
            reference = true;
            *used = true;
        }
        if REMOVE_WORDS.contains(word) {
            remove = true;
        }
        if let Some(found) = intensity(word) {
            level = Some(level.map_or(found, |previous: f32| (previous + 0.25).max(found)));
            *used = true;
        }
    }
    // The reference image is put in as it is: "a blurred version of the reference", "the
    // reference in black and white" would silently be another backdrop.
    let greyed = words
        .windows(3)
        .any(|three| three == ["black", "and", "white"])
        || words
            .iter()
            .any(|word| matches!(*word, "grayscale" | "greyscale" | "monochrome"));
    // "a solid colour matching this", "this exact shade of blue from the image": a colour
    // taken from the reference, which is not put in as it is.
    if words.iter().any(|word| BACKGROUND_NOUNS.contains(word))
        && words
            .iter()
            .any(|word| REFERENCE_WORDS.contains(word) || *word == "this")
        && words
            .iter()
            .any(|word| matches!(*word, "colour" | "color" | "shade" | "tone"))
        && words
            .iter()
            .any(|word| matches!(*word, "matching" | "match" | "from" | "exact"))
    {
        return Err(PromptError::Unsupported {
            phrase: clause.text(),
            reason: REFERENCE_USED_AS_IS.into(),
        });
    }
    // "recolour the background to match the palette of the reference": a colour transfer,
    // not the reference put in.
    if reference
        && words
            .iter()
            .any(|word| matches!(*word, "match" | "matching" | "matches" | "palette"))
    {
        return Err(PromptError::Unsupported {
            phrase: clause.text(),
            reason: REFERENCE_LOOK_NOT_MATCHED.into(),
        });
    }
    if reference && greyed {
        return Err(PromptError::Unsupported {
            phrase: clause.text(),
            reason: REFERENCE_USED_AS_IS.into(),
        });
    }
    // "give the background a blue tint", "a background tinted green": the background
    // regraded towards the colour, not replaced by a plain field of it.
    let mut tinted = None;
    if let [colour] = colours_found.as_slice() {
        let tint_at = words.iter().position(|word| {
            matches!(
                *word,
                "tint"
                    | "tinted"
                    | "tinge"
                    | "tinged"
                    | "toned"
                    | "cast"
                    | "wash"
                    | "hue"
                    | "more"
                    | "bluer"
                    | "redder"
                    | "greener"
                    | "yellower"
                    | "pinker"
            )
        });
        if let (Some(at), false) = (tint_at, blur || gradient || reference) {
            used[at] = true;
            tinted = Some(Operation::Tint {
                colour: colour.clone(),
                strength: level.unwrap_or(STRENGTH_DEFAULT),
            });
            colours_found.clear();
        }
    }
    // "make the background darker", "a warmer, less saturated background": colour
    // adjustments of the background itself, done through the subject matte.
    let mut graded: Vec<Operation> = tinted.into_iter().collect();
    // Where the words of the regrade are: if the clause also describes a scene ("a city
    // skyline at night"), they are part of the description.
    let mut graded_at = Vec::new();
    let regrades = !blur
        && !gradient
        && !reference
        && !remove
        && colours_found.is_empty()
        && !words.iter().any(|word| STAND_OUT.contains(word));
    let mut i = 0;
    while regrades && i < words.len() {
        let Some((kind, len)) = (!used[i]).then(|| longest_effect(&words[i..])).flatten() else {
            i += 1;
            continue;
        };
        // "replace the background with a sunset": a scene (the reference image's), not the
        // golden-hour regrade "make the background golden hour" asks for. So is any look
        // a replacement is to show: "replace the background with a neon city" (it was the
        // background graded cyberpunk).
        let replaced = words.iter().any(|word| {
            matches!(
                *word,
                "replace" | "replaced" | "replacing" | "swap" | "swapped" | "switch"
            )
        });
        if i > 0
            && matches!(words[i - 1], "a" | "an")
            && ((replaced && matches!(kind, EffectKind::Look(_)))
                || matches!(
                    words[i],
                    "sunset" | "sunrise" | "dusk" | "dawn" | "twilight"
                ))
        {
            i += len;
            continue;
        }
        // ("drop the saturation on the background", "lower the exposure of the backdrop":
        // the verb's direction reaches past the article; it was lost, and the background
        // made more saturated and brighter.)
        let mut before = i;
        while before > 0
            && (matches!(words[before - 1], "the" | "a" | "its" | "some")
                || BACKGROUND_NOUNS.contains(&words[before - 1]))
        {
            before -= 1;
        }
        let modifier = before
            .checked_sub(1)
            .filter(|&j| !used[j] || BACKGROUND_STRUCTURE.contains(&words[j]))
            .and_then(|j| direction(words[j]).map(|sign| (j, sign)));
        let phrase = match modifier {
            Some((j, _)) => format!("{} {}", words[j], words[i..i + len].join(" ")),
            None => words[i..i + len].join(" "),
        };
        let effect = resolve(
            kind,
            level,
            modifier.map_or(1.0, |(_, sign)| sign),
            false,
            phrase,
        );
        let operations = effect.kind.operations(effect.level);
        let colour_only = !operations.is_empty()
            && operations.iter().all(|operation| {
                operation.stage() == Stage::Colour
                    && !matches!(operation, Operation::WhiteBalance { .. })
            });
        if colour_only {
            if effect.irreversible {
                return Err(PromptError::Unsupported {
                    phrase: effect.phrase,
                    reason: "this engine can add that effect but cannot take it out of footage"
                        .into(),
                });
            }
            graded.extend(operations);
            if let Some((j, _)) = modifier {
                used[j] = true;
                graded_at.push(j);
            }
            used[i..i + len].fill(true);
            graded_at.extend(i..i + len);
        }
        i += len;
    }

    // "make the background 50% darker", "darken the background by one stop": the amount,
    // as the whole picture's adjustments take it (read as a description of a new
    // background, it asked for a reference image).
    if !graded.is_empty() {
        let stops = stop_count(words, used);
        let share = fraction(words, used);
        for operation in &mut graded {
            match operation {
                Operation::Exposure { stops: current } => {
                    if let Some(count) = stops {
                        *current = count.min(MAX_STOPS).copysign(*current);
                    } else if let Some(share) = share {
                        let gain = if *current >= 0.0 {
                            1.0 + share
                        } else {
                            1.0 - share
                        };
                        if gain > 0.05 {
                            *current = stops_for_gain(gain);
                        }
                    }
                }
                Operation::Saturation { amount } | Operation::Contrast { amount } => {
                    if let Some(share) = share {
                        *amount = share.min(1.0).copysign(*amount);
                    }
                }
                _ => {}
            }
        }
    }

    // Whatever is left and is not an effect of its own ("with heavy grain") describes the new
    // background: only a reference image can provide that.
    let mut described = Vec::new();
    let mut described_at = Vec::new();
    // "the attached image of a foggy forest", "a photo of an underwater scene": what the
    // picture shows, up to a "with", however much it sounds like an effect (the fog and
    // the underwater look were put on the whole clip).
    let shown_from = words
        .windows(2)
        .position(|pair| {
            matches!(
                pair[0],
                "image" | "photo" | "photograph" | "picture" | "pic" | "reference" | "ref"
            ) && pair[1] == "of"
        })
        .map(|k| k + 2);
    // "this underwater picture", "the snowy photo": the words between the article and the
    // picture's noun say what it shows too (the underwater look was put on the whole clip).
    let picture_nouns =
        |word: &str| matches!(word, "image" | "photo" | "photograph" | "picture" | "pic");
    let shown_before: Vec<usize> = (0..words.len())
        .filter(|&p| picture_nouns(words[p]) && words.get(p + 1) != Some(&"of"))
        .flat_map(|p| {
            (0..p).rev().take_while(move |&k| {
                !matches!(
                    words[k],
                    "this"
                        | "the"
                        | "that"
                        | "a"
                        | "an"
                        | "my"
                        | "our"
                        | "your"
                        | "attached"
                        | "with"
                        | "as"
                        | "for"
                        | "by"
                        | "to"
                        | "use"
                        | "and"
                        | "in"
                        | "from"
                        | "of"
                        | "uploaded"
                        | "reference"
                )
            })
        })
        .collect();
    let shown = |i: usize| {
        shown_before.contains(&i)
            || shown_from.is_some_and(|from| i >= from && !words[from..=i].contains(&"with"))
    };
    let mut i = 0;
    while i < words.len() {
        if used[i] {
            i += 1;
            continue;
        }
        if let Some((_, len)) = longest_effect(&words[i..]).filter(|_| !shown(i)) {
            if is_texture_or_style(&words[i..i + len]) {
                i += len;
                continue;
            }
        }
        // "a sunset gradient": the colours of one, not a scene only a reference can supply
        // ("an orange to pink sunset gradient" names its own).
        if gradient && matches!(words[i], "sunset" | "sunrise") {
            if colours_found.is_empty() {
                colours_found.extend(
                    ["purple", "orange"].map(|name| colours::by_name(name).expect("known colour")),
                );
            }
            used[i] = true;
            i += 1;
            continue;
        }
        // "a vertical gradient", "a smooth gradient": the only kind made, top to bottom.
        if gradient
            && matches!(
                words[i],
                "vertical" | "linear" | "smooth" | "soft" | "subtle" | "gentle" | "simple"
            )
        {
            used[i] = true;
            i += 1;
            continue;
        }
        if !is_filler(words[i]) {
            described.push(words[i]);
            described_at.push(i);
        }
        used[i] = true;
        i += 1;
    }
    // "replace the background with a city skyline at night": "at night" describes the scene
    // the reference image shows, it does not regrade the clip's background.
    if !graded.is_empty() && !described.is_empty() {
        graded.clear();
        described_at.append(&mut graded_at);
        described_at.sort_unstable();
        described = described_at.iter().map(|&k| words[k]).collect();
    }

    // MP4 H.264 has no alpha channel: a transparent background cannot be delivered.
    if described
        .iter()
        .any(|word| matches!(*word, "transparent" | "transparency" | "alpha"))
    {
        return Err(PromptError::Unsupported {
            phrase: clause.text(),
            reason: "the output is H.264 MP4, which has no transparency; the background can be replaced with the reference image, a colour (\"a green screen\"), a gradient, or blurred".into(),
        });
    }

    // "make her pop from the background", "make him stand out": a wish, not an edit; the
    // words would otherwise be taken for a description of the reference image.
    if !blur
        && !reference
        && colours_found.is_empty()
        && described.iter().any(|word| STAND_OUT.contains(word))
    {
        return Err(PromptError::Unsupported {
            phrase: clause.text(),
            reason: "making the subject stand out can be done in several ways; say which: blur the background, replace it with the reference image, a colour or a gradient, or keep only the subject's colours with a colour splash".into(),
        });
    }
    if !graded.is_empty() {
        // Only a clause that names no other backdrop gets this far with a regrade.
        return Ok(Some(Operation::ReplaceBackground {
            backdrop: Backdrop::Graded { operations: graded },
        }));
    }
    // "make the background a blurry city at night": a new scene that happens to be
    // blurred, which only a reference image can supply (blurring the clip's own background
    // would be another edit). "blur it like a portrait photo" names no scene.
    let new_scene = described_at.iter().any(|&k| {
        // ("blur the background with a 15 px radius" describes the blur.)
        words[k].chars().all(char::is_alphabetic)
            && !matches!(
                words[k],
                "px" | "pixel"
                    | "pixels"
                    | "radius"
                    | "strength"
                    | "amount"
                    | "intensity"
                    | "percent"
                    | "stop"
                    | "stops"
                    | "lens"
                    | "kernel"
                    | "sigma"
            )
            && words[..k]
                .iter()
                .rposition(|word| matches!(*word, "a" | "an"))
                .is_some_and(|j| j == 0 || words[j - 1] != "like")
    });
    // "blur the background gradually", "... except the neon sign", "... on the right side",
    // "... when he turns": a blur that changes over time or spares part of the background is
    // another edit than the one blur over the whole background for the whole clip (each was
    // performed as that blur, the rest of the clause dropped). Who or what the subject is,
    // and why ("behind the barista so she stands out"), describe the same blur.
    if blur && !reference {
        const NOT_ONE_BLUR: &[&str] = &[
            "except",
            "excluding",
            "apart",
            "besides",
            "but",
            "gradually",
            "slowly",
            "progressively",
            "increasingly",
            "halfway",
            "start",
            "beginning",
            "end",
            "ending",
            "when",
            "while",
            "whenever",
            "after",
            "before",
            "until",
            "till",
            "then",
            "later",
            "first",
            "last",
            "second",
            "seconds",
            "more",
            "transition",
            "fade",
            "fades",
            "left",
            "right",
            "side",
            "top",
            "bottom",
            "corner",
            "corners",
            "edges",
            "edge",
            "middle",
            "centre",
            "center",
            "half",
            "part",
            "parts",
            "sky",
            "floor",
            "wall",
            "ground",
        ];
        // (A number is the blur's own strength only as a share: "at 30 percent", "at 0.3".)
        let share =
            |k: usize| words.get(k + 1) == Some(&"percent") || (k > 0 && words[k - 1] == "at");
        if let Some(word) = described_at
            .iter()
            .map(|&k| (k, words[k]))
            .find_map(|(k, word)| {
                (NOT_ONE_BLUR.contains(&word)
                    || (word.chars().any(|c| c.is_ascii_digit()) && !share(k)))
                .then_some(word)
            })
        {
            return Err(PromptError::Unsupported {
                phrase: clause.text(),
                reason: format!("\"{word}\": the background is blurred as one, the same over the whole background for the whole clip (\"blur the background\", \"slightly blur the background\", \"background blur 10px\"); a blur that changes over time, or that spares or picks part of the background, is not supported"),
            });
        }
    }
    if blur && new_scene {
        return Err(if has_reference {
            PromptError::Unsupported {
                phrase: clause.text(),
                reason: REFERENCE_USED_AS_IS.into(),
            }
        } else {
            PromptError::NeedsReferenceImage {
                phrase: clause.text(),
            }
        });
    }
    let backdrop = if blur && reference {
        // "the reference photo, slightly blurred": the picture put in defocused.
        Backdrop::ReferenceImage {
            described: (!described.is_empty()).then(|| described.join(" ")),
            blur: Some(level.unwrap_or(STRENGTH_DEFAULT)),
        }
    } else if blur {
        Backdrop::Blur {
            strength: level.unwrap_or(0.6),
        }
    } else if colours_found.len() == 1 && !gradient && !described.is_empty() && {
        // "a pure white background behind the sneakers like an amazon listing", "a solid
        // green background so I can key it", "black background behind the watch, super
        // clean": words about a plain colour (or where it goes), not a scene only a
        // reference image could show (each asked for a reference image before).
        const PLAIN: &[&str] = &[
            "pure",
            "solid",
            "plain",
            "clean",
            "simple",
            "flat",
            "seamless",
            "studio",
            "sweep",
            "backdrop",
            "screen",
            "paper",
            "cyclorama",
            "infinite",
            "super",
            "very",
            "completely",
            "totally",
            "fully",
            "just",
            "like",
            "listing",
            "ecommerce",
            "e",
            "commerce",
            "product",
            "amazon",
            "ebay",
            "etsy",
            "shopify",
            "catalog",
            "catalogue",
            "shop",
            "store",
            "professional",
            "neutral",
            "bright",
            "behind",
            "empty",
        ];
        described_at.iter().all(|&k| {
            PLAIN.contains(&words[k])
                || words[k.saturating_sub(3)..k].contains(&"behind")
                || words[k.saturating_sub(3)..k].contains(&"like")
        })
    } {
        Backdrop::Colour {
            colour: colours_found[0].clone(),
        }
    } else if reference || (!described.is_empty() && has_reference) {
        Backdrop::ReferenceImage {
            described: (!described.is_empty()).then(|| described.join(" ")),
            blur: None,
        }
    } else if !described.is_empty() {
        return Err(PromptError::NeedsReferenceImage {
            phrase: clause.text(),
        });
    } else if gradient || colours_found.len() >= 2 {
        let (top, bottom) = match colours_found.as_slice() {
            [] => (
                colours::by_name("sky blue").expect("known colour"),
                colours::by_name("white").expect("known colour"),
            ),
            [only] => (only.clone(), darker(only)),
            [first, second, ..] => (first.clone(), second.clone()),
        };
        Backdrop::Gradient { top, bottom }
    } else if let [colour] = colours_found.as_slice() {
        Backdrop::Colour {
            colour: colour.clone(),
        }
    } else if remove {
        Backdrop::Colour {
            colour: colours::by_name("white").expect("known colour"),
        }
    } else {
        return Err(PromptError::Unsupported {
            phrase: clause.text(),
            reason: if has_reference
                && !(0..words.len()).any(|i| is_texture_or_style(&words[i..]))
                && words.iter().any(|word| {
                    matches!(
                        *word,
                        "replace" | "swap" | "change" | "use" | "put" | "switch"
                    )
                }) {
                // "Replace the background." with a reference attached: the reference.
                return Ok(Some(Operation::ReplaceBackground {
                    backdrop: Backdrop::ReferenceImage {
                        described: None,
                        blur: None,
                    },
                }));
            } else if (0..words.len()).any(|i| is_texture_or_style(&words[i..])) {
                "the background alone can be replaced, blurred, turned black and white or regraded (\"make the background darker\"); grain, textures and styles apply to the whole picture".into()
            } else {
                "say what the new background should be: the reference image, a colour, a gradient, or blurred; or how to regrade it (\"make the background darker\")".into()
            },
        });
    };
    Ok(Some(Operation::ReplaceBackground { backdrop }))
}

/// "make the background black and white", "desaturate the background", "black and white
/// except her", "keep only the person in colour": the background loses its colour, the
/// subject keeps it. Without a background noun the clause must set the subject apart
/// ("except", "only"). Every other word must belong to the pattern.
pub(super) fn grey_background_edit(
    words: &[&str],
    used: &mut [bool],
    names_background: bool,
) -> Option<Operation> {
    let mut marks = vec![false; words.len()];
    let mut grey = false;
    // Grey by name ("black and white", "greyscale"), not "desaturate", which may be partial.
    let mut named_grey = false;
    let mut apart = false;
    let mut subject = false;
    let mut i = 0;
    while i < words.len() {
        if words[i..].starts_with(&["black", "and", "white"]) {
            marks[i..i + 3].fill(true);
            grey = true;
            named_grey = true;
            i += 3;
            continue;
        }
        let word = words[i];
        if matches!(
            word,
            "bw" | "grayscale"
                | "greyscale"
                | "monochrome"
                | "desaturate"
                | "desaturated"
                | "colourless"
                | "colorless"
        ) {
            grey = true;
            named_grey |= !word.starts_with("desaturate");
            marks[i] = true;
        } else if SPLASH_APART.contains(&word) || SPLASH_KEEP.contains(&word) {
            apart = true;
            marks[i] = true;
        } else if (SUBJECT_WORDS.contains(&word) || matches!(word, "him" | "her" | "them"))
            // "keep the colours as they are" keeps the colours, not a person in colour
            // (it greyed the background).
            && !(i > 0 && words[i - 1] == "as")
        {
            subject = true;
            marks[i] = true;
        } else if BACKGROUND_NOUNS.contains(&word)
            || BACKGROUND_STRUCTURE.contains(&word)
            || matches!(
                word,
                "colour" | "color" | "colours" | "colors" | "everything" | "rest" | "else"
            )
        {
            marks[i] = true;
        }
        i += 1;
    }
    // "desaturate the background a bit": less colour, not none (a regrade).
    let partly = words.iter().any(|word| {
        intensity(word).is_some_and(|level| level < 1.0)
            || matches!(*word, "partially" | "partly" | "somewhat")
    });
    if partly && !named_grey {
        return None;
    }
    let subject_kept = apart && subject;
    if !(grey
        || (subject_kept
            && words
                .iter()
                .any(|w| matches!(*w, "colour" | "color" | "colours" | "colors"))))
    {
        return None;
    }
    // "make everything else black and white", after "keep her in colour".
    let rest = words
        .windows(2)
        .any(|pair| pair == ["everything", "else"] || pair == ["the", "rest"]);
    if !(names_background || subject_kept || (grey && rest)) {
        return None;
    }
    if !understood(words, &marks) {
        return None;
    }
    used.fill(true);
    // "make it black and white but keep the background in colour": the background is what
    // is kept, so the subject is what turns grey (this greyed the background before).
    let background_kept = words.iter().enumerate().any(|(i, word)| {
        SPLASH_KEEP.contains(word)
            && words[i + 1..]
                .iter()
                .take(3)
                .any(|w| BACKGROUND_NOUNS.contains(w))
    });
    // "make only the person black and white": "only" picks out what turns grey; it keeps
    // nothing in colour (this greyed the background, the opposite).
    let only_subject_grey = words.iter().enumerate().any(|(i, word)| {
        *word == "only"
            && words[i + 1..]
                .iter()
                .take(3)
                .any(|w| SUBJECT_WORDS.contains(w) || matches!(*w, "him" | "her" | "them"))
    }) && !words.iter().any(|word| {
        SPLASH_KEEP.contains(word)
            || matches!(
                *word,
                "except" | "but" | "apart" | "save" | "colour" | "color" | "colours" | "colors"
            )
    });
    if (background_kept && !subject) || only_subject_grey {
        return Some(Operation::GradeSubject {
            operations: vec![Operation::Monochrome {
                tone: Monochrome::BlackAndWhite,
                strength: 1.0,
            }],
        });
    }
    Some(Operation::ReplaceBackground {
        backdrop: Backdrop::BlackAndWhite,
    })
}

pub(super) fn darker(colour: &NamedColour) -> NamedColour {
    NamedColour {
        name: format!("dark {}", colour.name),
        rgb: colour.rgb.map(|c| (f32::from(c) * 0.35) as u8),
    }
}
