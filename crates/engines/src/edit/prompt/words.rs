//! The vocabulary every pass reads: the words the compiler knows, spelling correction
//! against them, and filler that carries no instruction.

use super::*;

/// Every word the compiler reads, and the content words a misspelling may be corrected to
/// (effects, garments, colours, the background).
pub(super) fn vocabulary() -> &'static (
    std::collections::HashSet<&'static str>,
    std::collections::HashSet<&'static str>,
) {
    static WORDS: std::sync::OnceLock<(
        std::collections::HashSet<&'static str>,
        std::collections::HashSet<&'static str>,
    )> = std::sync::OnceLock::new();
    WORDS.get_or_init(|| {
        let content: std::collections::HashSet<&'static str> = EFFECTS
            .iter()
            .flat_map(|(phrase, _)| phrase.split(' '))
            .chain(ITEMS.iter().copied())
            .chain(colours::name_words())
            .chain(BACKGROUND_NOUNS.iter().copied())
            .chain([
                "background",
                "reference",
                "vignette",
                "saturation",
                "contrast",
                "saturated",
                "brightness",
                "style",
            ])
            .filter(|word| word.len() >= 4)
            .collect();
        let known = content
            .iter()
            .copied()
            .chain(
                [
                    SUBJECT_WORDS,
                    BACKGROUND_STRUCTURE,
                    BLUR_WORDS,
                    GRADIENT_WORDS,
                    REFERENCE_WORDS,
                    REMOVE_WORDS,
                    RECOLOUR_STRUCTURE,
                    GARMENT_DESCRIPTORS,
                    PERSON_DESCRIPTORS,
                    GARMENT_OCCASIONS,
                    SPLIT_TONE_STRUCTURE,
                    SPLASH_APART,
                    SPLASH_KEEP,
                    SPLASH_GREY,
                    SPLASH_STRUCTURE,
                    STAND_OUT,
                    DESCRIPTIVE,
                ]
                .into_iter()
                .flatten()
                .copied(),
            )
            .chain(COMMON_WORDS.iter().copied())
            .collect();
        (known, content)
    })
}

/// Everyday words one letter away from a content word ("while" from "white", "right" from
/// "bright"), which must never be "corrected".
pub(super) const COMMON_WORDS: &[&str] = &[
    // Everyday words a letter short of a content word ("nose" and "noise", "side" and
    // "slide", "gain" and "grain"), or long ones a letter changed ("strikes" and "strokes").
    "nose",
    "side",
    "boom",
    "skit",
    "sale",
    "band",
    "gain",
    "latte",
    "shoot",
    "stranger",
    "strikes",
    "while",
    "write",
    "clearer",
    "which",
    "where",
    "there",
    "their",
    "these",
    "those",
    "would",
    "could",
    "should",
    "about",
    "after",
    "again",
    "being",
    "below",
    "between",
    "other",
    "every",
    "under",
    "until",
    "whose",
    "still",
    "since",
    "though",
    "through",
    "within",
    "without",
    "another",
    "before",
    "during",
    "around",
    "above",
    "across",
    "along",
    "among",
    "behind",
    "beside",
    "beyond",
    "inside",
    "outside",
    "toward",
    "towards",
    "whether",
    "maybe",
    "really",
    "rather",
    "quite",
    "pretty",
    "great",
    "right",
    "never",
    "always",
    "often",
    "something",
    "nothing",
    "anything",
    "someone",
    "everyone",
    "looks",
    "looking",
    "making",
    "using",
    "doing",
    "going",
    "getting",
    "giving",
    "having",
    "taking",
    "wants",
    "wanted",
    "thing",
    "things",
    "place",
    "world",
    "might",
    "night",
    "light",
    "fight",
    "tight",
    "sight",
    "white",
    "shade",
    "shape",
    "share",
    "shake",
    "stage",
    "state",
    "store",
    "story",
    "style",
    "smile",
    "smoke",
    "table",
    "water",
    "watch",
    "hands",
    "heads",
    "faces",
    "walls",
    "floor",
    "house",
    "horse",
    "mouse",
    "trees",
    "leaves",
    "plant",
    "plants",
    "flower",
    "flowers",
    "phone",
    "screen",
    "person",
    "people",
    "children",
    "street",
    "streets",
    "lights",
    "frame",
    "frames",
    "first",
    "second",
    "third",
    "short",
    "sharp",
    "start",
    "stars",
    "heart",
    "party",
    "sport",
    "beach",
    "beaches",
    "forest",
    "mountain",
    "mountains",
    "ocean",
    "river",
    "desert",
    "garden",
    "studio",
    "office",
    "kitchen",
    "space",
    "field",
    "fields",
    "jungle",
    "island",
    "bridge",
    "castle",
    "sunset",
    "sunrise",
    "blown",
    "saying",
    "depth",
    "dusty",
    "dusted",
    "blows",
    "blowing",
    "blocks",
    "grown",
    "shown",
    "brown",
    "lacks",
    "lacking",
    "green",
    "grass",
    "glass",
    "glasses",
    "class",
    "classy",
    "crown",
    "clown",
    "cloud",
    "clouds",
    // Not "shading": "a bartender shaking a cocktail", "a man shaving".
    "shaking",
    "shaving",
    "shaded",
];

/// A misspelt effect, garment or colour ("grian", "vinette", "vibrent", "backround",
/// "blurr", "whte"): the one content word a single edit away (a letter changed, added,
/// dropped or two swapped), for words of five letters or more that are not words the
/// compiler knows, and four-letter ones missing a letter. Plurals are not corrections
/// ("lights" is not "light").
pub(super) fn corrected(word: &str) -> Option<&'static str> {
    let (known, content) = vocabulary();
    if word.len() < 4
        || !word.chars().all(|c| c.is_ascii_alphabetic())
        || known.contains(word)
        || colours::by_name(word).is_some()
        || is_filler(word)
        || intensity(word).is_some()
        || direction(word).is_some()
        || negation(word)
    {
        return None;
    }
    let found = content.iter().filter(|candidate| {
        // A misspelling keeps its first letter far more often than not; "lacks" is not
        // "blacks".
        // One is the other with an ending ("rain" and "rainy", "lights" and "light") is
        // another word, not a typo; a doubled last letter ("blurr", "sepiaa") is a typo.
        // ("brightnes" is a doubled last letter left single.)
        let derived = (word.starts_with(**candidate) || candidate.starts_with(word))
            && !(candidate.len() == word.len() + 1
                && candidate.as_bytes()[word.len()] == word.as_bytes()[word.len() - 1]);
        let doubled = word.len() == candidate.len() + 1
            && word.starts_with(**candidate)
            && word.as_bytes()[word.len() - 1] == word.as_bytes()[word.len() - 2];
        candidate.len() >= 4
            && (word.len() >= 5 || candidate.len() == word.len() + 1)
            && candidate.as_bytes()[0] == word.as_bytes()[0]
            && (!derived || doubled)
            && likely_typo(word, candidate)
    });
    let found: Vec<&'static str> = found.copied().collect();
    match found[..] {
        [only] => Some(only),
        // "saturatd" is "saturated" missing a letter, not "saturate" with one changed.
        _ => {
            let mut missing = found
                .iter()
                .filter(|candidate| candidate.len() == word.len() + 1);
            match (missing.next(), missing.next()) {
                (Some(only), None) => Some(*only),
                _ => None,
            }
        }
    }
}

/// Whether `typed` is `meant` with one of the slips people make typing: a letter left out
/// ("whte", "saturaton", "blury"), two neighbours swapped ("skecth"), a letter doubled
/// ("blurr", "warmmer"), or, in a long word, one letter changed ("contrsst"). A short word
/// one letter changed or one extra letter away from a content word is far more often
/// another English word than a typo: "brand" is not "bland", "shows" not "shoes", "intro"
/// not "into", "clear" not "clean", "think" not "thick" (each was "corrected" before, and
/// "sharpen so the detail shows" was refused as an effect on shoes).
pub(super) fn likely_typo(typed: &str, meant: &str) -> bool {
    let (a, b) = (typed.as_bytes(), meant.as_bytes());
    if !one_edit_apart(typed, meant) {
        return false;
    }
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    match a.len().cmp(&b.len()) {
        std::cmp::Ordering::Less => true,
        // The extra letter repeats the one before it.
        std::cmp::Ordering::Greater => prefix > 0 && a[prefix] == a[prefix - 1],
        std::cmp::Ordering::Equal => {
            let swapped =
                prefix + 1 < a.len() && a[prefix] == b[prefix + 1] && a[prefix + 1] == b[prefix];
            swapped || a.len() >= 7
        }
    }
}

/// Whether `a` becomes `b` by changing, adding or dropping one letter, or swapping two
/// neighbours.
pub(super) fn one_edit_apart(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a == b || a.len().abs_diff(b.len()) > 1 {
        return false;
    }
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let (ra, rb) = (&a[prefix..], &b[prefix..]);
    match ra.len().cmp(&rb.len()) {
        std::cmp::Ordering::Equal => {
            ra[1..] == rb[1..]
                || (ra.len() >= 2 && ra[0] == rb[1] && ra[1] == rb[0] && ra[2..] == rb[2..])
        }
        std::cmp::Ordering::Less => ra == &rb[1..],
        std::cmp::Ordering::Greater => &ra[1..] == rb,
    }
}

/// The first `n` words of `text`, without the punctuation that ends any of them (the text
/// is not split into clauses yet when the rewrites look ahead).
pub(super) fn leading_words(text: &str, n: usize) -> Vec<&str> {
    text.split(' ').take(n).map(bare_word).collect()
}

/// A word of the unsplit text without the punctuation that ends its clause.
pub(super) fn bare_word(word: &str) -> &str {
    word.trim_end_matches(['.', ',', ';', '!', '?'])
}

/// Words that carry no instruction of their own.
pub(super) fn is_filler(word: &str) -> bool {
    // "a VHS tape from 1995": a year dates the look, it asks for nothing of its own.
    let is_year = word.len() == 4
        && word
            .parse::<u16>()
            .is_ok_and(|year| (1880..=2099).contains(&year));
    is_year
        || matches!(
            word,
            "photo"
                | "thing"
                // "like a 60s tv show": the decade says the look.
                | "tv"
                // Hedges and words about a look rather than another edit.
                | "though"
                | "inspired"
                | "exact"
                | "exactly"
                | "maybe"
                | "perhaps"
                | "kinda"
                | "sorta"
                | "everywhere"
                | "slide"
                | "rendition"
                | "spirit"
                | "storybook"
                | "idk"
                | "emulation"
                | "minimal"
                | "inviting"
                | "quiet"
                | "episode"
                // What grain or a look should be like, not another edit.
                | "organic"
                | "authentic"
                | "realistic"
                // Scene and genre words beside a look ("a neon-lit cyberpunk look", "a noir
                // detective film", "a thermal camera view", "VHS distortion").
                | "lit"
                | "japanese"
                | "detective"
                | "view"
                | "distortion"
                | "at"
                | "photograph"
                | "texture"
                | "day"
                | "a"
                | "an"
                | "the"
                | "it"
                | "its"
                | "this"
                | "that"
                | "these"
                | "those"
                | "video"
                | "clip"
                | "footage"
                | "shot"
                | "shots"
                | "scene"
                | "scenes"
                | "frame"
                | "frames"
                | "image"
                | "picture"
                | "make"
                | "makes"
                | "making"
                | "look"
                | "looks"
                | "looking"
                | "like"
                | "as"
                | "if"
                | "give"
                | "apply"
                | "applied"
                | "add"
                | "use"
                | "turn"
                | "into"
                | "to"
                | "with"
                | "of"
                | "in"
                | "on"
                | "for"
                | "style"
                | "styled"
                | "stylized"
                | "stylised"
                | "stylize"
                | "stylise"
                | "effect"
                | "effects"
                | "filter"
                | "grade"
                | "graded"
                | "grading"
                | "colour"
                | "color"
                | "colours"
                | "colors"
                | "tone"
                | "tones"
                | "toned"
                | "feel"
                | "feels"
                | "feeling"
                | "seem"
                | "seems"
                | "appears"
                | "vibe"
                | "vibes"
                | "aesthetic"
                | "version"
                | "please"
                | "me"
                | "some"
                | "overall"
                | "whole"
                | "entire"
                | "all"
                | "everything"
                | "palette"
                | "mood"
                | "atmosphere"
                | "so"
                | "be"
                | "is"
                | "are"
                | "i"
                | "want"
                | "would"
                | "can"
                | "you"
                | "could"
                | "just"
                | "kind"
                | "sort"
                | "type"
                | "render"
                | "rendered"
                | "convert"
                | "converted"
                | "transform"
                | "change"
                | "film"
                | "movie"
                | "shade"
                | "shades"
                | "treatment"
                | "pass"
                | "lighting"
                | "by"
                | "from"
                | "was"
                | "were"
                | "made"
                | "camera"
                | "restyle"
                | "regrade"
                | "regraded"
                | "regrading"
                | "feed"
                | "instagram"
                | "only"
                | "restyled"
                | "music"
                | "kodak"
                | "fuji"
                | "fujifilm"
                | "tape"
                | "bit"
                | "little"
                | "and"
                | "lut"
                | "illustration"
                // The order of a list of steps ("after making it black and white, add grain").
                | "after"
                | "afterwards"
                // The occasion of home footage ("an old VHS recording from a birthday party").
                | "birthday"
                | "party"
                | "wedding"
                | "holiday"
                | "vacation"
                // "scratches like a damaged film reel"
                | "reel"
                | "damaged"
                | "hi"
                | "should"
                | "lol"
                | "basically"
                | "wondering"
                | "possibly"
                | "mind"
                | "lovely"
                | "quick"
                | "before"
                | "finally"
                | "hiya"
                | "there"
                | "hey"
                | "hello"
                | "thanks"
                | "thank"
                | "thx"
                | "pls"
                | "plz"
                | "u"
                | "my"
                | "we"
                | "am"
                | "will"
                | "need"
                | "needs"
                | "love"
                | "prefer"
                | "hoping"
                | "hope"
                | "any"
                | "filters"
                | "first"
                | "ok"
                | "okay"
                | "2d"
                | "urban"
                | "early"
                | "illustrated"
                // Times of day and seasons beside a look: "colder, like a winter morning".
                | "morning"
                | "afternoon"
                | "evening"
                | "art"
                | "artistic"
                | "drawn"
                | "filmed"
                | "recorded"
                | "recording"
                | "recordings"
                | "tapes"
                | "around"
                | "edges"
                | "cinema"
                | "show"
                | "than"
                | "now"
                | "instead"
                | "way"
                | "more"
                | "less"
                | "slightly"
                | "retain"
                | "keep"
                | "keeping"
                | "original"
                | "same"
                | "unchanged"
                | "intact"
                | "ish"
                | "quite"
                | "rather"
                | "too"
                | "very"
                | "really"
                | "also"
                | "then"
                | "tint"
                | "tinted"
                | "hue"
                | "cast"
                | "over"
                | "across"
                | "throughout"
                | "strength"
                | "amount"
                | "level"
                | "intensity"
                | "overlay"
                | "glow"
                | "classic"
                | "one"
                | "done"
                | "having"
                | "has"
                | "have"
                | "get"
        )
}
