//! Why a clause cannot be performed: the orders refused whatever else a clause says (one
//! person picked from several, parts of a scene, camera moves), and the reason a refusal gives.

use super::*;

/// Orders refused whatever else the clause says, with why.
pub(super) fn refused_outright(words: &[String]) -> Option<&'static str> {
    // "make her look older", "make him look thinner": a person's age or body (read as the
    // old look, her picture was given a vintage grade).
    if words.windows(3).any(|three| {
        (SUBJECT_WORDS.contains(&three[0].as_str())
            || matches!(three[0].as_str(), "her" | "him" | "them" | "me" | "us"))
            && matches!(three[1].as_str(), "look" | "looks" | "seem" | "appear")
            && matches!(
                three[2].as_str(),
                "older"
                    | "younger"
                    | "old"
                    | "young"
                    | "thinner"
                    | "slimmer"
                    | "fatter"
                    | "taller"
                    | "shorter"
                    | "prettier"
                    | "healthier"
                    | "tired"
                    | "tanned"
                    | "skinnier"
                    | "bigger"
                    | "smaller"
                    | "aged"
            )
    }) {
        return Some(PERSON_CHANGED);
    }
    // "freeze frame on the last shot": a held frame is a change of timing, whatever the
    // clause around it reads as.
    if words
        .iter()
        .any(|word| matches!(word.as_str(), "freeze" | "freezeframe"))
    {
        return Some(TIMING_CHANGED);
    }
    // "make his shirt green but not the other guy": one person told from another (the
    // exception was dropped as a wish to keep the subject, and both shirts went green).
    if words.windows(3).any(|three| {
        three[0] == "the"
            && three[1] == "other"
            && (SUBJECT_WORDS.contains(&three[2].as_str()) || three[2] == "one")
    }) && !words.iter().any(|word| word == "add")
    {
        return Some(ONE_PERSON_OF_SEVERAL);
    }
    // "put the attached sign on the wall behind her" ("wall behind" is read as the
    // background by then): something hung on a surface of the scene, which the engine
    // cannot draw (it replaced the whole background with the sign).
    if words
        .windows(4)
        .any(|four| four == ["on", "the", "background", "behind"])
        && words.iter().any(|word| {
            matches!(
                word.as_str(),
                "put" | "place" | "hang" | "stick" | "add" | "paste"
            )
        })
    {
        return Some("putting something onto a surface of the scene (a wall, a table) is not supported; the background can be replaced as a whole (\"replace the background with the reference image\")");
    }
    // "swap his jacket for the one in the reference", "replace the car with the one in the
    // photo": a thing exchanged for the one pictured, which the engine cannot draw (its
    // colours alone were put on the jacket).
    if words.windows(3).any(|three| three == ["the", "one", "in"])
        && words.iter().any(|word| {
            matches!(
                word.as_str(),
                "swap" | "swapped" | "replace" | "replaced" | "switch" | "exchange" | "trade"
            )
        })
        && !words
            .iter()
            .any(|word| matches!(word.as_str(), "background" | "backdrop" | "bg"))
    {
        return Some("a garment or object cannot be exchanged for the one in the reference image; it can take the reference image's colours (\"make his jacket the colour in the reference image\")");
    }
    // "make only the kid in the blue shirt pop", "just the girl wearing the red scarf": one
    // person picked by what they wear (an edit of the subject reaches every subject; a
    // recolour of the garment itself is another clause's wording: "make the blue shirt red").
    if words.windows(2).enumerate().any(|(at, pair)| {
        matches!(pair[0].as_str(), "only" | "just")
            && (SUBJECT_WORDS.contains(&pair[1].as_str())
                || (pair[1] == "the"
                    && words
                        .get(at + 2)
                        .is_some_and(|word| SUBJECT_WORDS.contains(&word.as_str()))))
            && words[at + 2..]
                .iter()
                .take(3)
                .any(|word| matches!(word.as_str(), "in" | "wearing" | "with"))
            && words[at + 2..]
                .iter()
                .take(7)
                .any(|word| ITEMS.contains(&word.as_str()))
    }) {
        return Some(ONE_PERSON_OF_SEVERAL);
    }
    // "make the guy on the left b&w": one person picked by place (read as the subject
    // against the background, the background went black and white instead).
    let placed = |at: usize| {
        words.get(at).is_some_and(|word| {
            matches!(
                word.as_str(),
                "left" | "right" | "middle" | "center" | "centre" | "leftmost" | "rightmost"
            )
        })
    };
    if words.windows(3).enumerate().any(|(at, three)| {
        SUBJECT_WORDS.contains(&three[0].as_str())
            && matches!(three[1].as_str(), "on" | "in" | "at" | "to")
            && (placed(at + 2) || three[2] == "the" && placed(at + 3))
    }) || words.windows(2).any(|pair| {
        matches!(
            pair[0].as_str(),
            "left" | "right" | "leftmost" | "rightmost"
        ) && (SUBJECT_WORDS.contains(&pair[1].as_str()) || pair[1] == "one")
    }) {
        let garment = words.iter().any(|word| ITEMS.contains(&word.as_str()));
        return Some(if garment {
            GARMENT_PICKED_BY_POSITION
        } else {
            PICKED_BY_POSITION
        });
    }
    // "give me a bit of a tan", "give her a slight tan": a tan is skin (read as the colour,
    // the person or the whole picture was tinted tan). "A tan jacket" and "make it tan"
    // are the colour.
    if let Some(at) = words.iter().position(|word| word == "tan") {
        let noun_follows = words.get(at + 1).is_some_and(|next| {
            !matches!(
                next.as_str(),
                "and" | "too" | "please" | "so" | "as" | "for" | "but" | "then" | "to" | "on"
            )
        });
        let had = words[at.saturating_sub(4)..at]
            .iter()
            .any(|word| matches!(word.as_str(), "a" | "some" | "his" | "her" | "my"));
        if had && !noun_follows {
            return Some(APPEARANCE_KEPT);
        }
    }
    // "make only the lake bluer", "the saturation of the sky only": a part of the scene
    // alone, which the band of hues (every blue, every green) is not.
    if words
        .iter()
        .any(|word| matches!(word.as_str(), "only" | "just"))
        && words.iter().any(|word| scene_band(word).is_some())
    {
        return Some("there is no mask for parts of a scene (the sky, water, grass, trees): their band of hues can be made more or less saturated (\"make the sky bluer\"), but that moves every colour of that hue in the picture together, not that part alone");
    }
    // "blur the edges": a blur of the picture's edges alone (a blur vignette), not of
    // the whole picture.
    if words.iter().any(|word| {
        matches!(
            word.as_str(),
            "blur" | "blurry" | "blurred" | "blurrier" | "blurring" | "defocus" | "defocused"
        )
    }) && words
        .iter()
        .any(|word| matches!(word.as_str(), "edges" | "corners" | "borders" | "sides"))
    {
        return Some("blurring only the picture's edges is not supported: a blur softens the whole picture, or only the background (\"blur the background\"); the edges can be darkened (\"a vignette\")");
    }
    // "add some happy music", "pastel look with upbeat lo-fi background music": a sound
    // added (read without "music", a filler word, it gave the picture the happy grade).
    // "No music", "mute the music" and "keep the song" are what can be done.
    let added = words
        .iter()
        .any(|word| matches!(word.as_str(), "add" | "put" | "play" | "insert"));
    if words.iter().any(|word| {
        matches!(
            word.as_str(),
            "music" | "song" | "songs" | "soundtrack" | "voiceover" | "narration" | "jingle"
        )
    }) && (added
        || !words.iter().any(|word| {
            matches!(
                word.as_str(),
                "no" | "without"
                    | "mute"
                    | "muted"
                    | "remove"
                    | "removed"
                    | "silence"
                    | "silent"
                    | "kill"
                    | "keep"
                    | "kept"
                    | "original"
                    | "strip"
                    | "off"
                    | "drop"
                    | "lose"
                    | "delete"
                    | "cut"
                    | "video"
                    | "for"
                    | "like"
                    | "to"
                    | "during"
                    | "over"
            )
        }))
    {
        return Some(SOUND_IS_KEPT_OR_MUTED);
    }
    // "turn the cloudy sky blue": a grey sky has no blue for the band of blues to bring
    // out, and there is no mask of the sky to paint.
    if words.windows(2).any(|pair| {
        matches!(
            pair[0].as_str(),
            "cloudy" | "grey" | "gray" | "overcast" | "white" | "dull" | "colourless"
        ) && matches!(pair[1].as_str(), "sky" | "skies")
    }) {
        return Some("there is no mask of the sky to repaint, and a grey sky has no colour for a band of hues to bring out; a blue sky can be made bluer (\"make the sky bluer\")");
    }
    None
}

const PERSON_CHANGED: &str = "changing a person's face, body, expression, pose or motion is not supported; the subject can have its garments recoloured, its background replaced, or its colours regraded (\"make the person brighter\", \"make her warmer\")";

pub(super) const TIMING_CHANGED: &str = "changes of timing (speed, slow motion, reverse, frame rate) are not supported; the clip can be trimmed from its start, in the prompt (\"trim it to 8 seconds\", \"only the first 5 seconds\") or by the request's duration";

const PART_OF_THE_CLIP: &str = "an edit over part of the clip (the first half, the ending, from a moment on) is not supported: every frame gets the same edit; the clip can be trimmed from its start, in the prompt (\"only the first 5 seconds\") or by the request's duration";

const PART_OF_THE_FRAME: &str = "an edit over one band or side of the frame (the top, the bottom third, the left side) is not supported: edits apply to the whole picture, or to the moving subject or its background (\"make the background darker\"); \"darken the edges\" is a vignette";

/// What "the top of ..." is the top of, when it is the frame's.
const FRAME_NOUNS: &[&str] = &[
    "frame", "shot", "picture", "screen", "image", "video", "clip",
];

/// Why an edit that a clause compiled cannot be performed as asked: it is over a stretch
/// of the clip ("make the first half black and white": "half" was read as the strength,
/// and the whole clip went half grey) or a band of the frame ("darken the top of the
/// frame": "top" was read as a garment). Asked only of clauses that compiled, so that one
/// refused for what it asks ("remove the watermark in the corner") keeps that reason.
pub(super) fn over_a_part(words: &[impl AsRef<str>]) -> Option<&'static str> {
    part_of_the_clip(words).or_else(|| part_of_the_frame(words))
}

/// A stretch of the clip named by its place in it: "the first half", "the last part",
/// "the second quarter", "halfway through".
fn part_of_the_clip(words: &[impl AsRef<str>]) -> Option<&'static str> {
    let words: Vec<&str> = words.iter().map(AsRef::as_ref).collect();
    let of_the_frame = words.iter().any(|word| FRAME_NOUNS.contains(word));
    let stretch = words.windows(2).any(|pair| {
        let (place, span) = (pair[0], pair[1]);
        let stretch_words = matches!(
            span,
            "part" | "portion" | "section" | "segment" | "stretch" | "bit"
        );
        (matches!(
            place,
            "first" | "second" | "last" | "latter" | "final" | "opening" | "closing" | "back"
                | "front" | "other" | "third" | "fourth"
        ) && (stretch_words
            || matches!(
                span,
                "half" | "halves" | "third" | "thirds" | "quarter" | "minute" | "moments" | "frames"
            )))
            // "cut the middle part where she stumbles" (not "the middle part of the frame").
            || (place == "middle" && stretch_words && !of_the_frame)
            // "the opening shot warmer, rest untouched": one shot of several.
            || (matches!(place, "first" | "last" | "opening" | "closing" | "final" | "next")
                && matches!(span, "shot" | "shots" | "scene" | "scenes" | "take"))
    }) || words
        .iter()
        .any(|word| matches!(*word, "halfway" | "midway" | "midpoint"));
    stretch.then_some(PART_OF_THE_CLIP)
}

/// A band or side of the frame: "the top of the frame", "the bottom third", "the upper
/// half", "the left side". Letterbox bars are at the top and bottom of every frame.
fn part_of_the_frame(words: &[impl AsRef<str>]) -> Option<&'static str> {
    let words: Vec<&str> = words.iter().map(AsRef::as_ref).collect();
    if words
        .iter()
        .any(|word| matches!(*word, "bar" | "bars" | "letterbox" | "letterboxed"))
    {
        return None;
    }
    const BANDS: &[&str] = &[
        "top", "bottom", "upper", "lower", "left", "right", "centre", "center", "middle",
    ];
    // "grain just in the corners": darkened, the corners are a vignette; anything else
    // there is a part of the frame.
    let corners = words
        .iter()
        .any(|word| matches!(*word, "corner" | "corners"))
        && !words.iter().any(|word| {
            matches!(
                *word,
                "vignette"
                    | "vignetting"
                    | "darken"
                    | "darker"
                    | "dark"
                    | "darkened"
                    | "shade"
                    | "shaded"
                    | "burn"
                    | "burned"
                    | "burnt"
                    | "falloff"
            )
        });
    let band = corners
        || words.windows(2).enumerate().any(|(at, pair)| {
            BANDS.contains(&pair[0])
                && (matches!(
                    pair[1],
                    "half"
                        | "third"
                        | "quarter"
                        | "part"
                        | "portion"
                        | "side"
                        | "corner"
                        | "corners"
                        | "edge"
                        | "strip"
                ) || pair[1] == "of"
                    && words
                        .get(at + 2..at + 4)
                        .is_some_and(|next| next[0] == "the" && FRAME_NOUNS.contains(&next[1])))
        });
    band.then_some(PART_OF_THE_FRAME)
}

/// "orbit shot around the subject", "slow dolly in": a camera that moves, even where the
/// clause otherwise reads as the shot described (the grade beside it was performed and the
/// move left out).
pub(super) fn camera_moves(words: &[String]) -> Option<&'static str> {
    if words.iter().any(|word| {
        matches!(
            word.as_str(),
            "orbit" | "orbits" | "orbiting" | "dolly" | "dollies"
        )
        // ("a drone shot of the coast", "a tracking shot of a runner" say how the footage was
        // filmed, and stay descriptions.)
    }) || words.windows(2).any(|pair| {
        matches!(pair[0].as_str(), "arc" | "whip") && matches!(pair[1].as_str(), "shot" | "pan")
    }) {
        return Some("moving the camera (an orbit, a dolly, an arc or a whip pan, a zoom) is not supported: the picture keeps its framing; the request's aspect_ratio crops it to another shape around the subject");
    }
    None
}

/// Refusal reasons given from more than one place.
pub(super) const SOUND_IS_KEPT_OR_MUTED: &str = "the sound can only be kept or muted (\"mute the sound\", or audio_setting); it cannot be edited or added to";
pub(super) const REFERENCE_LOOK_NOT_MATCHED: &str = "matching the look of the reference image (its colours or style) is not supported: the reference image can be the new background (\"replace the background with the reference image\") or give a garment its colour";
pub(super) const REFERENCE_USED_AS_IS: &str = "the reference image is used as the backdrop as it is, or defocused (\"the reference photo, slightly blurred\"); turning it black and white, regrading it or taking its colour is not supported";
pub(super) const APPEARANCE_KEPT: &str = "hair, skin, eyes and faces are left as they are: changing a person's appearance is not supported; the subject can have its garments recoloured, its background replaced, or its colours regraded as a whole (\"make the person brighter\")";
pub(super) const GARMENT_PICKED_BY_POSITION: &str = "a garment is recoloured on every subject in the picture: picking one person by position is not supported";
pub(super) const PICKED_BY_POSITION: &str = "an edit of the subject applies to every subject in the picture: picking one person by position is not supported";
pub(super) const ONE_PERSON_OF_SEVERAL: &str = "one person cannot be told from another: an edit of the subject (a recolour, a grade, the background around it) applies to every person or moving subject in the frame alike";
pub(super) const NO_OBJECT_REMOVAL: &str = "removing objects or people is not supported; the background as a whole can be replaced (with the reference image, a colour, a gradient or a blur)";

/// Why a clause cannot be performed, phrased for the user.
pub(super) fn refusal_reason(words: &[&str], unknown: &str) -> String {
    // "cut out the middle part where she stumbles", "the second half should be sepia": a
    // stretch of the clip is the reason whatever else the words suggest.
    if let Some(reason) = part_of_the_clip(words) {
        return reason.into();
    }
    let has = |candidates: &[&str]| words.iter().any(|word| candidates.contains(word));
    // "balance to 5600K", "make it 3200k": a colour temperature to reach needs the clip's
    // own, which is not measured, and whether a lower figure means a warmer picture depends
    // on whose convention; the way is what can be done.
    let kelvin = words.iter().any(|word| {
        word.strip_suffix('k')
            .and_then(|number| number.parse::<u32>().ok())
            .is_some_and(|number| (1500..=15000).contains(&number))
    });
    // "convert from slog3 to rec709", "apply a rec709 lut": a camera's log curve, which
    // the clip does not say and a guess would get wrong.
    if words.iter().any(|word| {
        matches!(
            *word,
            "log"
                | "slog"
                | "slog2"
                | "slog3"
                | "logc"
                | "logc3"
                | "logc4"
                | "vlog"
                | "clog"
                | "clog3"
                | "flog"
                | "nlog"
                | "rec709"
                | "709"
                | "rec2020"
                | "aces"
                | "lut"
                | "luts"
        )
    }) && (unknown.starts_with("log")
        || unknown.starts_with("slog")
        || unknown.ends_with("log")
        || unknown.contains("709")
        || unknown.contains("2020")
        || matches!(unknown, "aces" | "lut" | "luts" | "normalize" | "normalise"))
    {
        return "converting a camera's log recording to Rec.709 needs that camera's curve, which the clip does not carry and a guess would get wrong, and LUT files cannot be given; looks are asked by name (\"teal and orange\", \"more contrast\", \"more saturation\")".into();
    }
    if words.contains(&"weatherswap") {
        return "the weather and the light the footage was shot in cannot be swapped for others (there is no sun, sky or rain to draw); a grade can suggest them: \"golden hour\", \"a warmer, brighter grade\", \"day for night\"".into();
    }
    if kelvin {
        return "a colour temperature in Kelvin is not a setting here: reaching one needs the clip's own white point, and whether a lower figure means warmer depends on the convention; say which way (\"warmer\", \"slightly cooler\") or ask to \"fix the white balance\"".into();
    }
    // Wan's users often write Chinese, and others their own language: say that the prompt
    // is read in English rather than that its first word is not an edit.
    const OTHER_LANGUAGES: &[&str] = &[
        "hazlo",
        "haz",
        "hacer",
        "con",
        "más",
        "mas",
        "el",
        "los",
        "las",
        "del",
        "y",
        "en",
        "una",
        "por",
        "favor",
        "rends",
        "rendre",
        "avec",
        "et",
        "le",
        "les",
        "des",
        "plus",
        "une",
        "mach",
        "mache",
        "mit",
        "und",
        "ein",
        "eine",
        "der",
        "die",
        "das",
        "bitte",
        "faça",
        "faca",
        "com",
        "mais",
        "uma",
        "fai",
        "rendi",
        "della",
        "sfondo",
        "sfocato",
        "schwarz",
        "weiß",
        "weiss",
        "blanco",
        "negro",
        "noir et blanc",
        "fond",
        "flou",
        "hintergrund",
        "fondo",
        "wärmer",
        "la",
        "vidéo",
        "couleur",
        "couleurs",
        "imagen",
        "foto",
    ];
    let foreign_script = words.iter().any(|word| {
        word.chars().any(|c| c.is_alphabetic() && !c.is_ascii())
            && !word
                .chars()
                .all(|c| "éèêàçïöüäßñ".contains(c) || c.is_ascii())
    });
    let foreign_words = words
        .iter()
        .filter(|word| OTHER_LANGUAGES.contains(word))
        .collect::<std::collections::HashSet<_>>()
        .len();
    if foreign_script || (foreign_words >= 2 && foreign_words * 3 >= words.len()) {
        return "prompts are read in English, and this one seems to be in another language: write it in English (\"make it black and white\", \"replace the background with the reference image\")".into();
    }
    if has(&[
        "fix",
        "correct",
        "balance",
        "normalize",
        "normalise",
        "auto",
        "even",
        "properly",
    ]) && has(&["exposure", "exposed", "lighting", "levels", "brightness"])
    {
        "exposure is not corrected automatically: say which way and how much (\"brighter\", \"darker by half a stop\", \"exposure +0.5\")".into()
    } else if has(&[
        "audio", "volume", "louder", "quieter", "hiss", "voice", "voices", "music", "sound",
        "sounds",
    ]) {
        SOUND_IS_KEPT_OR_MUTED.into()
    } else if has(&["transparent", "transparency", "alpha"])
        || words.windows(2).any(|pair| pair == ["cut", "out"])
    {
        "the output is H.264 MP4, which has no transparency, so nothing can be cut out; the background can be replaced with the reference image, a colour (\"a green screen\"), a gradient, or blurred".into()
    } else if has(&[
        "1080p",
        "720p",
        "480p",
        "2160p",
        "4k",
        "hd",
        "resolution",
        "upscale",
        "upscaled",
    ]) {
        "the output size is set by the request's resolution (720p or 1080p), not by the prompt; upscaling is the topaz-video-upscale model's job".into()
    } else if has(&[
        "crop",
        "cropped",
        "aspect",
        "ratio",
        "vertical",
        "widescreen",
        "square",
        "reframe",
        "portrait",
        "landscape",
    ]) || words
        .iter()
        .any(|word| word.starts_with("ratio") && word.contains("by"))
    {
        "the frame can be cropped around the subject to 16:9, 9:16, 1:1, 4:3, 3:4, 4:5 or 5:4 (\"crop to 9:16\", \"make it square\", or the request's aspect_ratio); other shapes, and adding picture to fill a wider frame, are not supported".into()
    } else if words.windows(2).any(|pair| pair == ["motion", "blur"]) {
        "motion blur (smearing what moves along its motion) is not supported; \"blur\" softens the whole picture, or only the background (\"blur the background\")".into()
    } else if has(&[
        "fadein",
        "fadeout",
        "crossfade",
        "transition",
        "transitions",
    ]) {
        "fades and transitions over time are not supported: every frame gets the same edit".into()
    } else if has(&[
        "rotate", "rotated", "rotation", "flip", "flipped", "mirror", "mirrored",
    ]) {
        "rotating, flipping and mirroring the picture are not supported: the picture keeps its orientation".into()
    } else if has(&[
        "speed",
        "faster",
        "slower",
        "slow",
        "motion",
        "reverse",
        "reversed",
        "backwards",
        "timelapse",
        "loop",
        "rewind",
        "fps",
        "framerate",
        "trim",
        "trimmed",
        "shorten",
        "shorter",
        "seconds",
    ]) || words.windows(2).any(|pair| pair == ["frame", "rate"])
        // "one second", "the last second", not "a second person".
        || words.iter().enumerate().any(|(i, word)| {
            *word == "second"
                && words.get(i + 1).is_none_or(|next| {
                    matches!(*next, "of" | "long" | "clip" | "and" | "or" | "mark")
                })
        })
        || words.iter().any(|word| word.ends_with("fps"))
    {
        TIMING_CHANGED.into()
    } else if has(&[
        "stabilize",
        "stabilise",
        "stabilized",
        "stabilised",
        "stabilization",
        "stabilisation",
        "steady",
        "steadier",
        "shaky",
        "shaking",
        "shake",
        "jittery",
        "wobbly",
    ]) {
        "stabilisation is not supported".into()
    } else if has(&["zoom", "zoomed", "zooming", "closer", "closeup", "reframe"]) {
        "zooming and reframing are not supported: the picture keeps its framing; the request's aspect_ratio crops it to another shape around the subject".into()
    } else if has(&["highlights", "shadows", "midtones"]) {
        "a range of tones can be tinted (\"cool down the highlights\", \"teal shadows and orange highlights\"), brightened or darkened; taking a colour out of one range is not supported".into()
    } else if words.iter().any(|word| scene_band(word).is_some())
        && has(&["replace", "swap", "change", "remove", "turn", "make"])
    {
        "there is no mask for parts of a scene (the sky, water, grass, trees): they cannot be replaced or recoloured; only their band of hues can be made more or less saturated (\"make the sky bluer\"), which moves every colour of that hue together".into()
    } else if has(&["reference", "ref", "provided", "attached", "uploaded"])
        && has(&[
            "like", "match", "matching", "same", "style", "look", "palette", "grade",
        ])
    {
        REFERENCE_LOOK_NOT_MATCHED.into()
    } else if has(&[
        "add", "insert", "include", "put", "place", "draw", "generate", "create",
    ]) {
        format!("\"{unknown}\" is not something this engine can add: it does not generate new objects, people or text; it regrades, restyles and adds texture to the footage, replaces the background and recolours garments")
    } else if has(&["remove", "erase", "delete", "hide", "get"]) {
        format!("\"{unknown}\" cannot be removed: removing objects or people is not supported; only the background, the grain, a colour or the sound can be removed")
    } else if has(&["replace", "swap", "exchange", "switch"]) {
        format!("\"{unknown}\" cannot be replaced: only the background can be replaced (with the reference image, a colour, a gradient or a blur)")
    } else if words.iter().any(|word| scene_band(word).is_some()) {
        "there is no mask for parts of a scene (the sky, water, grass, trees): only their band of hues can be made more or less saturated (\"make the sky bluer\", \"greener grass\"), which moves every blue or green in the picture together; giving them another colour is not supported".into()
    } else if words.iter().any(|word| {
        matches!(
            *word,
            "hair"
                | "skin"
                | "eyes"
                | "lips"
                | "face"
                | "teeth"
                | "makeup"
                | "beard"
                | "lipstick"
                | "eyeshadow"
                | "nails"
                | "tattoo"
                | "tattoos"
        )
    }) {
        if has(&["keep", "protect", "preserve", "natural"]) {
            // What `keeps_skin` did not take as a plain wish to keep skin tones.
            return "skin tones can be kept out of a colour grade (\"warmer, but keep skin tones natural\", or \"orange skin\" in negative_prompt), and the subject can be graded apart from its background (\"make the background warmer\"); other changes to skin, or keeping it in a way other than its colour, are not supported".into();
        }
        APPEARANCE_KEPT.into()
    } else if has(ITEMS) && has(&["everything"]) && has(&["except", "apart", "other"]) {
        // "make everything pink except her dress": the one garment kept as it is.
        "keeping one garment as it is while everything else changes is not supported; a colour splash keeps one named colour (\"everything black and white except her red dress\"), and the background alone can be regraded around the whole subject (\"make everything pink except her\")".into()
    } else if has(ITEMS) && has(&["left", "right", "middle", "centre", "center", "foreground"]) {
        GARMENT_PICKED_BY_POSITION.into()
    } else if has(SUBJECT_WORDS)
        && has(&["left", "right", "middle", "centre", "center", "foreground"])
    {
        PICKED_BY_POSITION.into()
    } else if has(SUBJECT_WORDS)
        && has(&[
            "sharpen", "sharper", "blur", "blurry", "blurred", "grain", "grainy", "vignette",
            "cartoon", "sketch",
        ])
    {
        "textures and styles apply to the whole picture; the subject alone can only be regraded (\"make the person brighter\"), and the background alone blurred (\"blur the background\")".into()
    } else if has(ITEMS)
        && has(&[
            "striped",
            "stripes",
            "stripy",
            "polka",
            "dots",
            "dotted",
            "spotted",
            "checked",
            "checkered",
            "chequered",
            "plaid",
            "tartan",
            "floral",
            "patterned",
            "pattern",
            "camo",
            "camouflage",
            "leopard",
            "zebra",
            "sequins",
            "glitter",
        ])
    {
        "patterns and materials cannot be added to garments (stripes, dots, checks, prints, sequins): a garment can only be given another colour (\"make his shirt blue\")".into()
    } else if (words
        .iter()
        .enumerate()
        .any(|(i, _)| colours::match_words(&words[i..]).is_some())
        // "recolour the mug to the colour in the reference image"
        || has(&["reference"]) && has(&["colour", "color", "colours", "colors"]))
        && has(&[
            "make", "turn", "change", "recolour", "recolor", "paint", "repaint", "dye", "colour",
            "color",
        ])
    {
        let object = (1..words.len())
            .find(|&i| {
                matches!(
                    words[i - 1],
                    "the" | "his" | "her" | "their" | "my" | "its" | "this" | "that"
                ) && !RECOLOUR_STRUCTURE.contains(&words[i])
                    && !is_filler(words[i])
                    && colours::by_name(words[i]).is_none()
                    && longest_effect(&words[i..]).is_none()
            })
            .map(|i| words[i]);
        let Some(object) = object else {
            return unknown_or_over_a_part(words, unknown);
        };
        // "make the last scene black and white": "last" is no object of the scene.
        if let Some(reason) = over_a_part(words) {
            return reason.into();
        }
        if ITEMS.contains(&object) {
            // "make his shirt red except the collar": the garment is known, the rest is not.
            return format!("\"{unknown}\" is not an edit this engine performs: a garment is recoloured as a whole (\"make his {object} red\")");
        }
        format!("only the moving subject's garments and what it carries (a bag, a ball, a car it drives) can be recoloured, and \"{object}\" is not one of them; the background as a whole can be replaced or regraded (\"make the background blue\", \"a warmer background\")")
    } else if has(SUBJECT_WORDS) && has(STAND_OUT) {
        // "make the person stand out": a wish, with several ways to grant it.
        "making the subject stand out can be done in several ways; say which: blur the background, darken or desaturate it (\"make the background darker\"), brighten the subject (\"make the person brighter\"), or keep only the subject's colours (\"make everything black and white except the person\")".into()
    } else if has(SUBJECT_WORDS) {
        PERSON_CHANGED.into()
    } else {
        unknown_or_over_a_part(words, unknown)
    }
}

/// The reason for a clause with a word no edit has: where the clause names a stretch of the
/// clip or a band of the frame ("the second half should be sepia"), that is the reason.
fn unknown_or_over_a_part(words: &[&str], unknown: &str) -> String {
    match over_a_part(words) {
        Some(reason) => reason.into(),
        None => format!("\"{unknown}\" is not an edit this engine performs"),
    }
}
