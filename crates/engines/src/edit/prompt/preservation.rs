//! Wishes to keep something as it is ("keep the subject unchanged", "keep skin tones
//! natural", "keep her in frame"): what each keeps, and which of them the edit already does.

use super::*;

/// Words that, beside another style, describe it rather than ask for one of their own.
pub(super) const DESCRIPTIVE: &[&str] = &[
    "hand drawn",
    "drawn",
    "drawing",
    "animation",
    "animated",
    "retro",
    // "a cel-shaded video game" is the cartoon style; "a video game" alone is pixel art.
    "video game",
];

/// What a clause asks to keep as it is.
pub(super) enum Preserved {
    /// The subject's motion, pose or identity: no operation changes timing or geometry.
    Motion,
    /// The subject itself (its face, its fabric's texture): holds when only the background
    /// or a garment's colour is edited.
    Subject,
    /// "keep everything else the same": whatever the prompt does not ask for; holds by
    /// construction, since the plan is only what was asked.
    Rest,
    /// "keep the background", "don't change the background": holds while no operation
    /// replaces or regrades it.
    Background,
    /// "keep the shirt white": a garment's own colour, which holds while nothing regrades or
    /// restyles the picture.
    GarmentColour,
    /// "keep skin tones natural", "don't make her skin orange": skin-coloured pixels are kept
    /// out of the colour grade (`KeepSkinTones`); holds by construction when nothing grades.
    Skin,
}

/// Words of leaving something as it is: "keep", "don't touch", "unchanged".
pub(super) fn leaves_as_is(word: &str) -> bool {
    matches!(
        word,
        "keep"
            | "leave"
            | "dont"
            | "not"
            | "do"
            | "touch"
            | "change"
            | "alter"
            | "same"
            | "unchanged"
            | "untouched"
            | "intact"
            | "original"
    )
}

/// "keep the subject centred", "keep me centered as I walk", "keep her in frame": what a
/// crop does anyway (its window follows the subject, `framing.rs`), and what no other edit
/// changes (none moves the picture).
pub(super) fn keeps_framing(words: &[&str]) -> bool {
    // ("please keep him in the frame")
    let words = match words.first() {
        Some(&"please") => &words[1..],
        _ => words,
    };
    let keeps = words
        .first()
        .is_some_and(|word| matches!(*word, "keep" | "keeping" | "and" | "while"))
        && words.iter().any(|word| matches!(*word, "keep" | "keeping"));
    let placed = words.iter().any(|word| {
        matches!(
            *word,
            "centred"
                | "centered"
                | "center"
                | "centre"
                | "frame"
                | "shot"
                | "framing"
                | "composition"
        )
    });
    keeps
        && placed
        && words.iter().all(|word| {
            matches!(
                *word,
                "keep"
                    | "keeping"
                    | "and"
                    | "while"
                    | "the"
                    | "subject"
                    | "person"
                    | "me"
                    | "him"
                    | "her"
                    | "them"
                    | "it"
                    | "face"
                    | "main"
                    | "centred"
                    | "centered"
                    | "center"
                    | "centre"
                    | "in"
                    | "frame"
                    | "shot"
                    | "please"
                    | "fully"
                    // "keep the composition", "keep the original framing"
                    | "framing"
                    | "composition"
                    | "original"
                    | "as"
                    | "i"
                    | "he"
                    | "she"
                    | "they"
                    | "walk"
                    | "walks"
                    | "move"
                    | "moves"
                    | "around"
                    | "always"
                    | "on"
                    | "of"
                    | "subjects"
                    | "speaker"
                    | "presenter"
                    | "dancer"
            )
        })
}

/// "keeping the character's motion", "keep the person unchanged", "while keeping the fabric
/// texture": a clause that only asks to keep something, and what.
/// Words that name skin.
pub(super) const SKIN_NOUNS: &[&str] =
    &["skin", "skintone", "skintones", "complexion", "complexions"];

/// Whether a clause only asks for skin tones to stay as they are: "keep skin tones
/// natural", "protect the skin tones", "her skin should stay natural", "don't make her skin
/// orange", "don't let the yellow bleed into her skin", "keep her face believable". A clause
/// that names a colour or a change must negate it ("make her skin orange" asks for a change
/// of a person, refused elsewhere), and every other word must belong to the wish.
pub(in crate::edit) fn keeps_skin(words: &[&str]) -> bool {
    let skin = words.iter().any(|word| SKIN_NOUNS.contains(word))
        || words.iter().any(|word| matches!(*word, "face" | "faces"))
            && words
                .iter()
                .any(|word| matches!(*word, "natural" | "believable" | "neutral" | "realistic"));
    if !skin {
        return false;
    }
    const NEGATIONS: &[&str] = &["dont", "not", "never", "without", "no"];
    const KEEPING: &[&str] = &[
        "keep",
        "keeping",
        "protect",
        "protecting",
        "protected",
        "preserve",
        "preserving",
        "preserved",
        "leave",
        "natural",
        "untouched",
        "unchanged",
        "intact",
        "neutral",
        "accurate",
        "believable",
        "true",
        "stay",
        "stays",
        "remain",
        "remains",
    ];
    let negated = words.iter().any(|word| NEGATIONS.contains(word));
    let keeping = negated || words.iter().any(|word| KEEPING.contains(word));
    let changing = words.iter().any(|word| {
        colours::by_name(word).is_some()
            || matches!(
                *word,
                "change" | "changing" | "changed" | "alter" | "push" | "bleed" | "spill" | "touch"
            )
    });
    keeping
        && (negated || !changing)
        && words.iter().all(|word| {
            is_filler(word)
                || SKIN_NOUNS.contains(word)
                || SUBJECT_WORDS.contains(word)
                || PERSON_DESCRIPTORS.contains(word)
                || leaves_as_is(word)
                || colours::by_name(word).is_some()
                || NEGATIONS.contains(word)
                || KEEPING.contains(word)
                || matches!(
                    *word,
                    "naturally"
                        | "where"
                        | "realistic"
                        | "real"
                        | "face"
                        | "faces"
                        | "tone"
                        | "tones"
                        | "colour"
                        | "color"
                        | "colours"
                        | "colors"
                        | "tint"
                        | "cast"
                        | "look"
                        | "looking"
                        | "looks"
                        | "make"
                        | "making"
                        | "change"
                        | "changing"
                        | "changed"
                        | "alter"
                        | "touch"
                        | "push"
                        | "let"
                        | "bleed"
                        | "spill"
                        | "go"
                        | "turn"
                        | "get"
                        | "into"
                        | "onto"
                        | "on"
                        | "in"
                        | "any"
                        | "way"
                        | "should"
                        | "must"
                        | "stay"
                        | "stays"
                        | "remain"
                        | "remains"
                        | "as"
                        | "they"
                        | "are"
                        | "is"
                        | "it"
                        | "its"
                        | "their"
                        | "them"
                        | "be"
                        | "too"
                        | "overly"
                        | "over"
                        | "oversaturated"
                        | "saturated"
                        | "warm"
                        | "cool"
                        | "same"
                )
        })
}

/// A negative-prompt phrase about skin's colour ("orange skin", "colour spill on skin",
/// "changing the couple's skin tones", "oversaturated skin"): the grade is kept off skin.
/// Its texture ("plastic skin", "smooth skin") is another matter.
pub(super) fn skin_colour_unwanted(words: &[&str]) -> bool {
    words.iter().any(|word| SKIN_NOUNS.contains(word))
        && words.iter().any(|word| {
            colours::by_name(word).is_some()
                || matches!(
                    *word,
                    "colour"
                        | "color"
                        | "colours"
                        | "colors"
                        | "tone"
                        | "tones"
                        | "tint"
                        | "cast"
                        | "spill"
                        | "bleed"
                        | "bleeding"
                        | "saturated"
                        | "oversaturated"
                        | "change"
                        | "changing"
                        | "changed"
                        | "shift"
                        | "warm"
                        | "cool"
                        | "cold"
                        | "pale"
                        | "sickly"
                        | "unnatural"
                        | "discoloured"
                        | "discolored"
                )
        })
        && !words.iter().any(|word| {
            matches!(
                *word,
                "plastic" | "smooth" | "smoothed" | "smoothing" | "waxy" | "retouched" | "pores"
            )
        })
}

pub(super) fn preservation(words: &[&str]) -> Option<Preserved> {
    if keeps_skin(words) {
        return Some(Preserved::Skin);
    }
    // "keep her sharp", "keep me in focus": the subject as it is, beside a background
    // replaced or blurred (read as a change of the person, it was refused).
    if words.first() == Some(&"keep")
        && words
            .iter()
            .any(|word| matches!(*word, "sharp" | "crisp" | "focus" | "focused" | "clear"))
        && words.iter().skip(1).all(|word| {
            SUBJECT_WORDS.contains(word)
                || matches!(
                    *word,
                    "him"
                        | "her"
                        | "them"
                        | "me"
                        | "us"
                        | "the"
                        | "sharp"
                        | "crisp"
                        | "in"
                        | "focus"
                        | "focused"
                        | "clear"
                )
        })
    {
        return Some(Preserved::Subject);
    }
    // "keep the background", "don't touch the background", "leave the background as it is".
    // ("leave the background alone", "the background stays the same".)
    let stays = |word: &&str| matches!(*word, "stays" | "stay" | "remains" | "remain" | "alone");
    if words.iter().any(|word| BACKGROUND_NOUNS.contains(word))
        && words.iter().any(|word| {
            matches!(
                *word,
                "keep" | "leave" | "dont" | "unchanged" | "untouched" | "intact" | "not"
            ) || stays(word)
        })
        && words.iter().all(|word| {
            is_filler(word)
                || BACKGROUND_NOUNS.contains(word)
                || leaves_as_is(word)
                || stays(word)
                || matches!(*word, "just" | "but" | "as" | "it" | "is")
        })
    {
        return Some(Preserved::Background);
    }
    // "keep the pants as they are", "don't change his shoes": a garment the other clauses
    // do not recolour is left as it is anyway. ("keep the red dress in colour" is a splash.)
    if words.iter().any(|word| ITEMS.contains(word))
        && words
            .iter()
            .any(|word| matches!(*word, "keep" | "leave" | "dont" | "not"))
        && words.iter().all(|word| {
            is_filler(word)
                || ITEMS.contains(word)
                || SUBJECT_WORDS.contains(word)
                || leaves_as_is(word)
                || matches!(
                    *word,
                    "alone" | "as" | "they" | "it" | "are" | "is" | "was" | "were"
                )
                // "keep the shirt white": the colour it has (read as a recolour to white).
                || (words.contains(&"keep") && colours::by_name(word).is_some())
        })
        && !words.contains(&"in")
    {
        if words.iter().any(|word| colours::by_name(word).is_some()) {
            return Some(Preserved::GarmentColour);
        }
        return Some(Preserved::Rest);
    }
    // "blur the background but not the person": the person left as they are.
    if words.iter().any(|word| matches!(*word, "not" | "except"))
        && words.iter().any(|word| SUBJECT_WORDS.contains(word))
        && words.iter().all(|word| {
            SUBJECT_WORDS.contains(word)
                || PERSON_DESCRIPTORS.contains(word)
                || matches!(
                    *word,
                    "not" | "but" | "except" | "the" | "a" | "an" | "itself"
                )
        })
    {
        return Some(Preserved::Subject);
    }
    // "keep everything else the same", "leave the rest as it is", "don't change anything
    // else": the rest of the picture, whatever the other clauses do.
    let rest = words.contains(&"else") || words.windows(2).any(|pair| pair == ["the", "rest"]);
    if rest
        && words.iter().all(|word| {
            is_filler(word)
                || matches!(
                    *word,
                    "keep"
                        | "leave"
                        | "left"
                        | "else"
                        | "rest"
                        | "same"
                        | "unchanged"
                        | "untouched"
                        | "intact"
                        | "identical"
                        | "was"
                        | "nothing"
                        | "anything"
                        | "dont"
                        | "not"
                        | "no"
                        | "should"
                        | "change"
                        | "changed"
                        | "changes"
                        | "alter"
                        | "altered"
                        | "but"
                        | "otherwise"
                )
        })
    {
        return Some(Preserved::Rest);
    }
    let keeps = words.iter().any(|word| {
        matches!(
            *word,
            "keep"
                | "keeping"
                | "kept"
                | "preserve"
                | "preserving"
                | "preserved"
                | "maintain"
                | "maintaining"
                | "retain"
                | "retaining"
                | "unchanged"
                | "intact"
                | "untouched"
        )
    });
    let motion = |word: &str| {
        matches!(
            word,
            "motion"
                | "motions"
                | "movement"
                | "movements"
                | "moves"
                | "moving"
                | "pose"
                | "poses"
                | "identity"
                | "expression"
                | "expressions"
                | "gestures"
                | "timing"
        )
    };
    let appearance = |word: &str| {
        SUBJECT_WORDS.contains(&word)
            || matches!(
                word,
                "face" | "faces" | "texture" | "textures" | "fabric" | "folds" | "shading"
            )
    };
    let structure = |word: &str| {
        is_filler(word)
            || matches!(
                word,
                "kept"
                    | "preserve"
                    | "preserving"
                    | "preserved"
                    | "maintain"
                    | "maintaining"
                    | "retaining"
                    | "untouched"
                    | "own"
                    | "natural"
                    | "realistic"
                    | "exactly"
                    | "their"
                    | "his"
                    | "her"
                    | "subject"
                    | "subjects"
                    | "character"
                    | "characters"
                    // "keep the characters moving exactly as they do now".
                    | "as"
                    | "they"
                    | "do"
                    | "does"
                    | "now"
            )
    };
    // "keep her in colour", "keep only the person in colour": a black-and-white background.
    let sets_apart = words.iter().any(|word| {
        matches!(
            *word,
            "colour" | "color" | "colours" | "colors" | "only" | "else" | "everything"
        )
    });
    if !keeps
        || sets_apart
        || !words
            .iter()
            .all(|word| motion(word) || appearance(word) || structure(word))
    {
        return None;
    }
    if words.iter().any(|word| motion(word)) {
        Some(Preserved::Motion)
    } else if words.iter().any(|word| appearance(word)) {
        Some(Preserved::Subject)
    } else {
        None
    }
}
