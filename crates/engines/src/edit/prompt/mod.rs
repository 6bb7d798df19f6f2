//! The prompt compiler: free English in, an [`EditPlan`] out, or a refusal that names the
//! phrase it cannot perform.
//!
//! It runs at submission, so it is pure and fast. The method is deliberately conservative:
//!
//! 1. The prompt is split into clauses at punctuation and at connectives ("and", "then",
//!    "but", ...), except where "and" joins two colours ("black and white", "teal and orange").
//! 2. A clause that names the background, or a garment or object, is read as a subject edit
//!    (background replacement, recolour); its structural words are consumed.
//! 3. Effect phrases ("film grain", "teal and orange", "8mm") are matched longest first, and
//!    intensity ("slightly", "heavy", "very") and direction ("more", "less") words attach to
//!    the effect they precede.
//! 4. Every word left over must be filler ("make it look like a ..."). Any other word means the
//!    clause asks for something this engine does not do, and the whole prompt is refused with
//!    that clause: an instruction is never dropped or swapped for a different edit.
//!
//! The negative prompt removes effects from the plan ("grain", "remove the grain", "no
//! vignette"); naming something the engine would never add ("blurry faces", "watermark") is
//! recorded as already avoided.

use super::colours;
use super::plan::{
    Backdrop, EditPlan, Look, Monochrome, NamedColour, Operation, Painting, PlannedOperation,
    RecolourSource, RecolourTarget, Stage, ToneRegion,
};

// The passes in the order a prompt meets them: `rewrites` (whole-text rewrites before
// splitting), `split` (clauses), `context` and `scene` (clauses that are context, not
// orders), `clause` (one order read into operations, with `amounts`, `effects`,
// `background`, `recolour`, `hues` and `preservation`), `refusals` (why not), `negative`
// (negative_prompt); `words` is the vocabulary every pass reads.
mod amounts;
mod background;
mod clause;
mod context;
mod effects;
mod hues;
mod negative;
mod preservation;
mod recolour;
mod refusals;
mod rewrites;
mod scene;
mod split;
mod words;

use amounts::*;
use background::*;
use clause::*;
use context::*;
use effects::*;
use hues::*;
use negative::*;
use preservation::*;
use recolour::*;
use refusals::*;
use rewrites::*;
use scene::*;
use split::*;
use words::*;

pub(super) use preservation::keeps_skin;
pub(super) use scene::names_new_content;

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum PromptError {
    #[error("unsupported instruction \"{phrase}\": {reason}")]
    Unsupported { phrase: String, reason: String },
    #[error("\"{phrase}\" needs a reference_image, and none was given")]
    NeedsReferenceImage { phrase: String },
    #[error("the request both asks for \"{phrase}\" and rules it out (with \"no\" or \"without\" in the prompt, or in negative_prompt)")]
    Contradiction { phrase: String },
    #[error("the prompt names no edit this engine can perform")]
    NoEdit,
}

impl PromptError {
    /// The part of the prompt that could not be compiled, for the 400 response.
    pub fn unsupported_phrase(&self) -> Option<&str> {
        match self {
            PromptError::Unsupported { phrase, .. }
            | PromptError::NeedsReferenceImage { phrase }
            | PromptError::Contradiction { phrase } => Some(phrase),
            PromptError::NoEdit => None,
        }
    }

    /// What the engine can do, for the 400 response.
    pub fn supported() -> &'static [&'static str] {
        SUPPORTED
    }
}

const SUPPORTED: &[&str] = &[
    "colour looks: warm, cool, teal and orange, golden hour, moonlight / day for night, cyberpunk / neon, pastel, vintage / faded, bleach bypass, moody, cinematic, Technicolor, cross-processed, security camera, western, sci-fi, underwater, HDR, blue hour / dusk, a 19th-century photograph (daguerreotype), slide film (Ektachrome, Velvia, Fuji), a flashback or memory, vaporwave",
    "timing (speed, slow motion, reverse) is not supported; the frame can be cropped around the subject to 16:9, 9:16, 1:1, 4:3 or 3:4, by the request's aspect_ratio or in the prompt (\"crop to 9:16\", \"make it square\"), and in the prompt also to 4:5 or 5:4 (\"crop to 4:5 for instagram\"); the clip is trimmed from its start by the request's duration or in the prompt (\"trim it to 8 seconds\", \"only the first 5 seconds\")",
    "colour: more or less saturation or vibrance, brighter / darker (also by a number of stops, up to 3: \"brighter by one stop\"), more or less contrast, high contrast, high key / low key, lift or deepen the shadows (\"crush the blacks\"), brighten or recover the highlights, white balance / colour correction (removes the clip's colour cast), muted, faded / matte, hazy, a tint by colour name (\"blue tint\", \"make it pink\", \"bluer\") or away from one (\"less yellow\", \"remove the green tint\", \"too blue\"), split toning (\"teal shadows and orange highlights\", \"cool down the shadows\"), one tonal range more or less saturated (\"desaturate the highlights\", \"more saturated shadows\"), duotone (\"duotone blue and pink\"), one band of hues more or less saturated (\"make the greens more vibrant\", \"mute the reds\", \"make the sky bluer\", \"greener grass\": the band, not a mask of the sky), skin tones kept out of the grade (\"warmer, but keep skin tones natural\", or \"orange skin\" in negative_prompt; chosen by colour, not by person)",
    "\"less\" or \"remove\" works on what can be taken away (saturation, brightness, contrast, a colour, warmth, grain, blur, sharpness, the colour cast, the sound); an effect the engine only adds (\"remove the vignette\", \"less vintage\") is refused: name it in negative_prompt to keep it out of the edit",
    "black and white, film noir, sepia, negative (\"invert the colours\"), night vision, thermal camera (false colour by brightness), horror grade; colour splash (\"black and white except the red\", \"keep only the reds\")",
    "texture: film grain, vignette, soft glow / dreamy / bloom, VHS / retro, digital glitch, old 8mm film, silent film, dust and scratches, light leaks, chromatic aberration, sharpen, blur, denoise (\"remove the grain\"); a letterbox (black bars to 2.39:1)",
    "style: cartoon / anime / cel-shaded, comic book, pencil sketch (graphite or coloured pencils), oil painting, watercolour, posterize / pop art, pixel art, a newspaper's halftone print (black dots), a Game Boy screen",
    "background replacement (a subject moving before a still, shaking or panning camera, or a person near the camera): with the reference_image, a named colour, a gradient, a blurred background (\"blur everything behind her\"), the background in black and white while the subject keeps its colours, or the background regraded (\"make the background darker\", \"a warmer background\")",
    "outfit or object recolour (same subjects): \"change her purple dress to red\", \"make his jacket blue\", the colours of the reference_image, or the garment's own colour made more or less vibrant, lighter or darker (\"make her red dress more vibrant\", \"desaturate his jacket\"); garments it does not wear cannot be added",
    "the subject regraded while the background stays as it was (same subjects): \"make the person brighter\", \"make her warmer\", \"make the background darker and the subject brighter\"",
    "sound: \"mute\" / \"remove the sound\" (with audio_setting auto)",
    "intensity words: slightly, a bit, heavy, very, extremely; combinations joined with commas or \"and\"",
    "prompts in English, as sentences or as settings (\"style: noir; grain: heavy\", \"contrast 1.2x\", \"vignette 0.3\", \"exposure -0.5\"); sentences that only describe the footage are read as context",
];

/// Compiles a prompt (and optional negative prompt) into a plan. `has_reference_image` says
/// whether the request carries `reference_image`.
pub fn compile(
    prompt: &str,
    negative_prompt: Option<&str>,
    has_reference_image: bool,
) -> Result<EditPlan, PromptError> {
    // Ratios are read as one word ([`aspect_ratios`]); what is shown is written as typed.
    match compile_words(prompt, negative_prompt, has_reference_image) {
        Ok(mut plan) => {
            for planned in &mut plan.operations {
                planned.from = spoken_ratios(&planned.from);
            }
            for text in plan
                .purposes
                .iter_mut()
                .chain(plan.context.iter_mut())
                .chain(plan.kept.iter_mut())
            {
                *text = spoken_ratios(text);
            }
            Ok(plan)
        }
        Err(PromptError::Unsupported { phrase, reason }) => Err(PromptError::Unsupported {
            phrase: spoken_ratios(&phrase),
            reason,
        }),
        Err(PromptError::NeedsReferenceImage { phrase }) => Err(PromptError::NeedsReferenceImage {
            phrase: spoken_ratios(&phrase),
        }),
        Err(PromptError::Contradiction { phrase }) => Err(PromptError::Contradiction {
            phrase: spoken_ratios(&phrase),
        }),
        Err(PromptError::NoEdit) => Err(PromptError::NoEdit),
    }
}

/// "ratio9by16" as "9:16", "ratio2dot39by1" as "2.39:1", "hexff6600" as "#ff6600".
fn spoken_ratios(text: &str) -> String {
    let text = &super::length::spoken(text)
        .replace("weatherswap", "instead of the weather it was shot in");
    let coded;
    let text = if text.contains("hex") {
        coded = text
            .split(' ')
            .map(|word| {
                word.starts_with("hex")
                    .then(|| colours::by_name(word))
                    .flatten()
                    .map_or_else(|| word.to_owned(), |colour| colour.name)
            })
            .collect::<Vec<_>>()
            .join(" ");
        &coded
    } else {
        text
    };
    if !text.contains("ratio") {
        return text.to_owned();
    }
    text.split(' ')
        .map(|word| {
            word.strip_prefix("ratio")
                .and_then(|rest| rest.split_once("by"))
                .filter(|(a, b)| {
                    let numeric = |s: &str| {
                        !s.is_empty() && s.replace("dot", "").chars().all(|c| c.is_ascii_digit())
                    };
                    numeric(a) && numeric(b)
                })
                .map_or_else(
                    || word.to_owned(),
                    |(a, b)| format!("{}:{}", a.replace("dot", "."), b.replace("dot", ".")),
                )
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn compile_words(
    prompt: &str,
    negative_prompt: Option<&str>,
    has_reference_image: bool,
) -> Result<EditPlan, PromptError> {
    let mut compiled = Compiled::default();
    let notes = super::notes::split(prompt);
    let requests = notes
        .as_ref()
        .map_or(prompt, |notes| notes.requests.as_str());
    let all = bands_shared(descriptions_joined(headings_joined(clauses(requests))));
    if let Some((clause, reason)) = all
        .iter()
        .find_map(|clause| camera_moves(&clause.words).map(|reason| (clause, reason)))
    {
        return Err(PromptError::Unsupported {
            phrase: clause.text(),
            reason: reason.into(),
        });
    }
    // "the scene is dark, add grain", "I shot this at night, make it brighter", "the woman
    // in the blue dress, add film grain": a clause that describes the footage beside one
    // that asks for something is context, not an edit (read as one, "dark" darkened and
    // "night" graded day-for-night).
    let mut described: Vec<bool> = all.iter().map(|clause| describes(&clause.words)).collect();
    // "It is too bright, please darken it slightly": the complaint says why, the request
    // says what and how much (read as two requests, the complaint's full strength won). A
    // complaint followed only by "fix it" is the request itself.
    // ("Too warm. Cool it down a little": the complaint needs no verb.)
    let complains = |words: &[String]| {
        let verbless = words
            .iter()
            .position(|word| word == "too")
            .is_some_and(|at| {
                words[..at].iter().all(|word| {
                    intensity(word).is_some()
                        || matches!(
                            word.as_str(),
                            "a" | "way" | "far" | "bit" | "just" | "kinda" | "rather" | "still"
                        )
                })
            });
        emphatic_complaint(words)
            || words.iter().any(|word| word == "too")
                && (verbless
                    || words.iter().any(|word| {
                        matches!(
                            word.as_str(),
                            "is" | "are" | "looks" | "look" | "was" | "seems" | "feels"
                            // "it came out way too orange", "it ended up too teal".
                                | "came" | "comes" | "turned" | "ended" | "got"
                        )
                    }))
                && !words.iter().any(|word| {
                    matches!(
                        word.as_str(),
                        "make"
                            | "add"
                            | "turn"
                            | "apply"
                            | "give"
                            | "change"
                            | "reduce"
                            | "increase"
                    )
                })
                // ("fix the colour cast (everything is too blue)": an order with its reason,
                // which was taken for the reason alone and dropped as context.)
                && !words.first().is_some_and(|word| instructs(word))
    };
    // What a clause alone would do, by operation name; `None` where it would be refused.
    let tried_alone = |clause: &Clause| -> Option<Vec<&'static str>> {
        let mut trial = Compiled::default();
        compile_clause(clause, has_reference_image, &mut trial).ok()?;
        Some(
            trial
                .operations
                .iter()
                .map(|candidate| candidate.planned.operation.name())
                // (Muting is a request too: "mute the sound so we can add music later".)
                .chain(trial.mute_audio.then_some("mute"))
                .chain(trial.aspect_ratio.map(|_| "aspect_ratio"))
                .chain(trial.duration_seconds.map(|_| "duration"))
                .collect(),
        )
    };
    let alone = |clause: &Clause| tried_alone(clause).unwrap_or_default();
    // Each clause compiled alone once: the rules below ask of every clause what the others
    // would do, and `all` does not change until they are done.
    let tried: Vec<Option<Vec<&'static str>>> = all.iter().map(&tried_alone).collect();
    let refused_alone = |k: usize| tried[k].is_none();
    let lone: Vec<Vec<&'static str>> = tried
        .iter()
        .map(|t| t.clone().unwrap_or_default())
        .collect();
    let asks_alone = |k: usize| !lone[k].is_empty();
    // Another clause asks for the same adjustment ("darken it slightly" after "it is too
    // bright"); "it is too dark and add grain" still brightens.
    let requests_elsewhere = |at: usize| {
        let complained = &lone[at];
        // ("Way too dark, I filmed it at dusk": a description asks for nothing, though read
        // alone its "dusk" would be a grade with an exposure in it.)
        // ("it is overexposed, bring down the highlights": a tone range's change answers a
        // complaint of exposure.)
        // ("Fix the white balance, it's way too yellow": the white balance takes the cast
        // out; a counter-tint as well pushed the picture past neutral, towards blue.)
        let family = |name: &'static str| match name {
            "highlights" | "shadows" => "exposure",
            "counter_tint" => "white_balance",
            other => other,
        };
        // ("It came out way too orange, cool it down": a warmer or cooler picture answers a
        // colour complained of; both done, the counter-tint and the cool look, it went
        // twice as far.)
        let warms_or_cools = |clause: &Clause| {
            clause.words.iter().any(|word| {
                matches!(
                    word.as_str(),
                    "warm" | "warmer" | "warmth" | "cool" | "cooler" | "colder"
                )
            })
        };
        all.iter().enumerate().any(|(k, clause)| {
            k != at
                && !complains(&clause.words)
                && !describes(&clause.words)
                && (lone[k].iter().any(|name| {
                    complained
                        .iter()
                        .any(|complaint| family(complaint) == family(name))
                }) || (complained.contains(&"counter_tint")
                    && lone[k].contains(&"look")
                    && warms_or_cools(clause)))
        })
    };
    for at in 0..all.len() {
        if complains(&all[at].words) && requests_elsewhere(at) {
            described[at] = true;
        }
        // "add grain, it is too clean": a complaint that names no edit of its own is the
        // reason for the request beside it.
        if complains(&all[at].words)
            && !emphatic_complaint(&all[at].words)
            && overdone(&all[at].words).is_none()
            && !asks_alone(at)
            && (0..all.len()).any(|k| k != at && asks_alone(k))
        {
            described[at] = true;
        }
    }
    // "Orange County sunset footage, make it warmer", "clip of the band's gig", "there's a Red
    // Bull can on the table": the clip named or described, with words no edit knows,
    // beside a request (read as a request, the name refused the prompt).
    for at in 0..all.len() {
        let words = &all[at].words;
        let names_the_clip = words.len() >= 2
            && (words
                .last()
                .is_some_and(|word| matches!(word.as_str(), "footage" | "clip" | "video" | "vid"))
                || (matches!(words[0].as_str(), "clip" | "footage" | "video") && words[1] == "of")
                || (words[0] == "there" && matches!(words[1].as_str(), "is" | "are" | "was")));
        // (Not "make it look like a music video", "slow zoom in across the clip": requests
        // this engine cannot do, which must be refused, not read as context.)
        // ("There's a Red Bull can on the table": a can, not "can you".)
        if names_the_clip
            && !words
                .iter()
                .any(|word| asks_for_something(word) && word != "can")
            && !asks_alone(at)
            && (0..all.len()).any(|k| k != at && asks_alone(k))
        {
            described[at] = true;
        }
    }
    // "A girl in a yellow raincoat jumps in puddles on a grey rainy afternoon. Make the
    // wellies pink.", "Dark moody bar interior, dim amber lighting, a bartender shakes a
    // cocktail. Brighten it up.": a sentence describing the footage, as prompts for
    // generative models begin, before or after a sentence that asks. A sentence is taken as
    // a description when none of its clauses asks for anything (no request's verb, no
    // "more", "too" or "no") and one of them, shaped as a description ([`narrative`]), names
    // what no edit knows. All of it is context then: read as requests,
    // its scene words refused the prompt ("cat", "snowy", "talks"), and "dim amber
    // lighting" darkened the picture and tinted it amber beside the brightening asked for.
    let sentence: Vec<usize> = all
        .iter()
        .scan(0, |count, clause| {
            *count += usize::from(clause.new_sentence);
            Some(*count)
        })
        .collect();
    let sentences = sentence.last().map_or(0, |last| last + 1);
    for s in 0..sentences {
        let members: Vec<usize> = (0..all.len()).filter(|&k| sentence[k] == s).collect();
        let asks = members
            .iter()
            .any(|&k| all[k].words.iter().any(|word| asks_for_something(word)));
        let narrates = members.iter().any(|&k| {
            let words = &all[k].words;
            narrative(words) && !asks_alone(k)
        });
        let asked_elsewhere =
            (0..all.len()).any(|k| sentence[k] != s && instruction(&all[k].words) && asks_alone(k));
        if !asks && narrates && asked_elsewhere {
            for k in members {
                described[k] = true;
            }
            continue;
        }
        // A sentence of a message that tells its story or says how the writer feels ("It's
        // my grandad walking his dog along the seafront.", "My son is obsessed with Studio
        // Ghibli films."), beside a sentence that asks: context. Only where it names no
        // edit, no colour, asks nothing (no order's verb) and wishes nothing ("it would be
        // lovely if snow fell" is a request the engine cannot do, and stays one).
        let chat = members.iter().all(|&k| {
            let words: Vec<&str> = all[k].words.iter().map(String::as_str).collect();
            !asks_alone(k)
                && !words.iter().enumerate().any(|(i, word)| {
                    request_verb(word)
                        || word.starts_with("add")
                        || word.starts_with("remov")
                        || word.starts_with("replac")
                        || word.starts_with("eras")
                        || word.starts_with("delet")
                        || word.starts_with("insert")
                        || longest_effect(&words[i..]).is_some()
                        || colours::match_words(&words[i..]).is_some()
                        || BACKGROUND_NOUNS.contains(word)
                        || ITEMS.contains(word)
                        || matches!(
                            *word,
                            "would"
                                | "could"
                                | "should"
                                | "want"
                                | "wants"
                                | "wanted"
                                | "wish"
                                | "need"
                                | "needs"
                                | "can"
                                | "please"
                                | "if"
                                | "might"
                                | "maybe"
                                | "hope"
                                | "love"
                                | "prefer"
                                | "without"
                                | "instead"
                                | "more"
                                | "less"
                                | "too"
                                | "so"
                                | "zoom"
                                | "slow"
                                | "speed"
                                | "music"
                                | "sound"
                                | "audio"
                                | "text"
                                | "logo"
                                | "caption"
                                | "captions"
                                | "subtitles"
                                | "face"
                                | "faces"
                                | "hair"
                                | "skin"
                                | "eyes"
                                | "smile"
                                | "sky"
                                | "snow"
                                | "rain"
                        )
                })
        });
        if chat && asked_elsewhere {
            for k in members {
                described[k] = true;
            }
        }
    }
    // Within a message, a clause that only says what is not to be done, where none of it
    // would be done anyway ("please don't touch my face", "I don't want her cut out of the
    // frame", "please don't mess with the audio"), or how the writer feels about the edit
    // ("I think it would look really timeless", "it would mean a lot to the family"),
    // beside a clause that asks: context (each refused the whole message).
    let asked_somewhere = |at: usize| (0..all.len()).any(|k| k != at && asks_alone(k));
    // (Only where the clause alone would be refused: "don't change skin tones" and "don't
    // touch the background" are wishes the plan keeps and honours.)
    for at in 0..all.len() {
        if !described[at]
            && !asks_alone(at)
            && refused_alone(at)
            && (spares(&all[at].words) || reaction(&all[at].words))
            && asked_somewhere(at)
        {
            described[at] = true;
        }
    }
    // Within a sentence, a clause of that kind before the clause that asks: "Sunset picnic
    // on the beach with my family, make it warmer".
    for at in 0..all.len() {
        let words = &all[at].words;
        let asked_after = (at + 1..all.len())
            .any(|k| sentence[k] == sentence[at] && instruction(&all[k].words) && asks_alone(k));
        if narrative(words)
            && asked_after
            && !words.iter().any(|word| asks_for_something(word))
            && !asks_alone(at)
        {
            described[at] = true;
        }
    }
    // "woman dancing in a studio, her dress is emerald green": with nothing else said of the
    // dress, what it should be, as prompts for generative models put it (read as a
    // description, the recolour was silently left out). "My cap is black, make it red"
    // still names what "it" is.
    for at in 0..all.len() {
        let Some(item) = garment_colour_statement(&all[at].words) else {
            continue;
        };
        let spoken_of_elsewhere = all.iter().enumerate().any(|(k, clause)| {
            k != at
                && clause
                    .words
                    .iter()
                    .any(|word| *word == item || matches!(word.as_str(), "it" | "them" | "its"))
        });
        if described[at] && !spoken_of_elsewhere {
            described[at] = false;
        }
    }
    // "the background is too bright, darken it": the complaint names what "it" is, and the
    // request says what to do with it (read as two requests, the whole picture was
    // darkened as well as the background).
    let names_background = |clause: &Clause| {
        clause
            .words
            .iter()
            .any(|word| BACKGROUND_NOUNS.contains(&word.as_str()))
    };
    for at in 0..all.len().saturating_sub(1) {
        let refers_back = all[at + 1]
            .words
            .iter()
            .any(|word| matches!(word.as_str(), "it" | "them"));
        if complains(&all[at].words)
            && names_background(&all[at])
            && refers_back
            && !complains(&all[at + 1].words)
        {
            described[at] = true;
        }
    }
    // "blur the background more, it is too sharp": the complaint after a request about the
    // background is the reason for it (read alone, it blurred the whole picture too).
    for at in 1..all.len() {
        let about_it = all[at]
            .words
            .iter()
            .any(|word| matches!(word.as_str(), "it" | "its"));
        if complains(&all[at].words)
            && about_it
            && !names_background(&all[at])
            && names_background(&all[at - 1])
            && !complains(&all[at - 1].words)
        {
            described[at] = true;
        }
    }
    // "make the dress and the shoes red": the first garment, with nothing said of it, takes
    // what is said of the second (read alone, "make the dress" named no colour).
    let mut all = all;
    for at in 0..all.len().saturating_sub(1) {
        let words: Vec<&str> = all[at].words.iter().map(String::as_str).collect();
        let bare_item = words.iter().filter(|word| ITEMS.contains(word)).count() == 1
            && words.last().is_some_and(|word| ITEMS.contains(word))
            && words.iter().all(|word| {
                ITEMS.contains(word)
                    || SUBJECT_WORDS.contains(word)
                    || matches!(
                        *word,
                        "make"
                            | "change"
                            | "turn"
                            | "recolour"
                            | "recolor"
                            | "paint"
                            | "dye"
                            | "the"
                            | "a"
                            | "an"
                            | "both"
                            | "please"
                            | "my"
                            | "his"
                            | "her"
                            | "their"
                            | "our"
                            | "your"
                    )
            });
        let next: Vec<&str> = all[at + 1].words.iter().map(String::as_str).collect();
        let Some(item_at) = next.iter().position(|word| ITEMS.contains(word)) else {
            continue;
        };
        let said = &next[item_at + 1..];
        if bare_item
            && words.len() > 1
            && next[..item_at]
                .iter()
                .all(|word| SUBJECT_WORDS.contains(word) || matches!(*word, "the" | "a" | "an"))
            && (0..said.len()).any(|i| colours::match_words(&said[i..]).is_some())
        {
            let said: Vec<String> = said.iter().map(|word| (*word).to_owned()).collect();
            all[at].words.extend(said);
        }
    }
    // "add grain for a gritty feel", "warm it up to make it feel cosy", "for a vintage feel,
    // add grain": the purpose of the edits named beside it (read as a request of its own,
    // "gritty" added a bleach bypass nobody asked for). A purpose alone is the request.
    let mut purposes = Vec::new();
    for at in 0..all.len() {
        let Some(start) = purpose_start(&all[at].words) else {
            continue;
        };
        let purpose = all[at].words[start..].join(" ");
        if start > 0 {
            let means = Clause {
                words: all[at].words[..start].to_vec(),
                new_sentence: all[at].new_sentence,
            };
            if !alone(&means).is_empty() {
                all[at] = means;
                purposes.push(purpose);
            }
        } else if (0..all.len()).any(|k| {
            k != at && purpose_start(&all[k].words) != Some(0) && !alone(&all[k]).is_empty()
        }) {
            described[at] = true;
            purposes.push(purpose);
        }
    }
    // "her sweater in the colour from the file, and mute": a clause that opens on a garment
    // and says nothing else the engine reads is an order it cannot read, not a description
    // of the footage (as context, the recolour was silently dropped). "The woman in the
    // blue dress" opens on the person, and describes.
    for at in 0..all.len() {
        let words = &all[at].words;
        let opens_on_garment = garment_named_first(words).is_some();
        // ("her dress is faded, make it red": a statement about the garment is context.)
        let states = words.iter().any(|word| {
            matches!(
                word.as_str(),
                "is" | "are"
                    | "was"
                    | "were"
                    | "looks"
                    | "look"
                    | "seems"
                    | "appears"
                    | "supposed"
                    | "came"
                    | "comes"
                    | "turned"
                    | "got"
                    | "has"
                    | "had"
            )
        });
        if described[at] && opens_on_garment && !states && refused_alone(at) {
            described[at] = false;
        }
    }
    // "the beach is now a snowy mountain. make it warmer", "she is now a zombie, add grain":
    // what the picture should become, said as done, is never context beside a request (it
    // was, and the change was silently left out). Read as an order, it is refused.
    for (at, clause) in all.iter().enumerate() {
        let becomes_now = clause.words.windows(3).any(|three| {
            matches!(three[0].as_str(), "is" | "are")
                && three[1] == "now"
                && matches!(three[2].as_str(), "a" | "an" | "the")
        });
        if described[at] && becomes_now && refused_alone(at) {
            described[at] = false;
        }
    }
    // Context needs a request to be the context of. A complaint is one ("it is dull and too
    // dark": both are), unless a plain description stands beside it ("I shot this at night,
    // it is too dark": the night is context).
    let requested = all.iter().zip(&described).any(|(clause, described)| {
        !described && !complains(&clause.words) && !only_follow_up(&clause.words)
    });
    let complained = all
        .iter()
        .zip(&described)
        .any(|(clause, described)| !described && complains(&clause.words));
    let only_complaints_described = all
        .iter()
        .zip(&described)
        .all(|(clause, described)| !described || described_complaint(&clause.words).is_some());
    let context = requested || (complained && !only_complaints_described);
    // What the context named last ("her dress is faded", "the background is distracting"):
    // "make it red", "blur it" after it speak of that, not of the picture.
    let mut named: Option<String> = None;
    // The recolour the last clause asked for, by its index in `compiled.operations`.
    let mut last_recolour: Option<usize> = None;
    for (mut clause, described) in all.into_iter().zip(described) {
        // ("Replace the background with the attached. Warm golden hour look." The second
        // sentence is about the picture, not more about the background.)
        if clause.new_sentence {
            compiled.background_clause = false;
        }
        // "the glow is too strong", "the sepia is too heavy": less of it.
        if let Some(verb) = overdone(&clause.words) {
            if clause
                .words
                .iter()
                .any(|word| BACKGROUND_NOUNS.contains(&word.as_str()))
            {
                return Err(PromptError::Unsupported {
                    phrase: clause.text(),
                    reason: "the background's own look (its blur, its colours) cannot be taken out of the footage; it can be replaced, blurred, turned black and white or regraded".into(),
                });
            }
            clause.words.truncate(verb);
            clause.words.insert(0, "less".into());
            // "the colours are too intense": less saturation.
            if clause
                .words
                .iter()
                .any(|word| matches!(word.as_str(), "colours" | "colors" | "colour" | "color"))
            {
                clause.words = vec!["less".into(), "saturation".into()];
            }
        }
        // ("in the background" is where something is, not what the clause is about.)
        let thing = clause
            .words
            .iter()
            .enumerate()
            .rev()
            .find(|(i, word)| {
                ITEMS.contains(&word.as_str())
                    || (BACKGROUND_NOUNS.contains(&word.as_str())
                        && !clause.words[i.saturating_sub(2)..*i]
                            .iter()
                            .any(|w| matches!(w.as_str(), "in" | "on" | "at" | "from")))
            })
            .map(|(_, word)| word.clone());
        if context && described {
            compiled.described.push(clause.text());
            // ("my dress was emerald, but it is coming out teal, make it emerald": the
            // dress, named before the clause that names nothing.) A thing the engine has no
            // mask for counts too: "the mug is red, make it blue" speaks of the mug, and
            // was a blue tint over the whole picture.
            named = thing.or_else(|| described_thing(&clause.words)).or(named);
            continue;
        }
        // "the video looks dull", "her dress is dull" with nothing asked beside it: the
        // complaint is the request, and asks for the opposite of its word (read as a
        // request, "dull" desaturated).
        // "the colours are too dull, make them richer": "them" is the colours, not people.
        let colours_complained = (complains(&clause.words) || emphatic_complaint(&clause.words))
            && clause
                .words
                .iter()
                .any(|word| matches!(word.as_str(), "colours" | "colors"));
        if described || emphatic_complaint(&clause.words) {
            if let Some((verb, word, replacement)) = described_complaint(&clause.words) {
                // "looks a little muddy" -> "needs a little more contrast".
                clause.words.splice(
                    word..=word,
                    replacement[1..].iter().map(|word| (*word).to_owned()),
                );
                clause.words[verb] = replacement[0].to_owned();
            }
        }
        if let (Some(thing), None) = (&named, &thing) {
            let words: Vec<&str> = clause.words.iter().map(String::as_str).collect();
            // A colour, not a look named with colours ("make it black and white", "a teal
            // orange look").
            let colour_or_blur = (0..words.len()).any(|i| {
                let colour = colours::match_words(&words[i..]).map_or(0, |(_, len)| len);
                let look_here = longest_effect(&words[i..]).map_or(0, |(_, len)| len);
                let covered = (i.saturating_sub(3)..i)
                    .any(|j| longest_effect(&words[j..]).is_some_and(|(_, len)| j + len > i));
                (colour > 0 && colour >= look_here && !covered) || BLUR_WORDS.contains(&words[i])
            });
            // "his jacket is dull, make it more vibrant": the garment's own colour.
            let garment_adjusted =
                ITEMS.contains(&thing.as_str()) && garment_follow_up(&clause.words).is_some();
            if thing == "colours" {
                for word in clause.words.iter_mut().filter(|word| *word == "them") {
                    *word = thing.clone();
                }
                // Brighter colours are more vivid ones, not a brighter picture.
                for word in clause.words.iter_mut() {
                    if matches!(word.as_str(), "brighter" | "bright") {
                        *word = "vivid".into();
                    }
                }
            } else if colour_or_blur
                || garment_adjusted
                || BACKGROUND_NOUNS.contains(&thing.as_str())
            {
                for word in clause
                    .words
                    .iter_mut()
                    .filter(|word| *word == "it" || *word == "them")
                {
                    *word = thing.clone();
                }
            }
            // (A thing of two words, "grey sky", is two words of the clause.)
            clause.words = clause
                .words
                .iter()
                .flat_map(|word| word.split(' ').map(str::to_owned))
                .collect();
        }
        named = colours_complained.then(|| "colours".to_owned());
        // "it is too dark, fix it", "too contrasty, tone it down": the request was the
        // clause before.
        if !compiled.operations.is_empty() && only_follow_up(&clause.words) {
            continue;
        }
        if let Some(reason) = refused_outright(&clause.words) {
            return Err(PromptError::Unsupported {
                phrase: clause.text(),
                reason: reason.into(),
            });
        }
        // "make the night to be day", "night to day": the reverse of day-for-night, which a
        // grade cannot do (it was read as "night" and graded day-for-night).
        if let Some(night) = clause.words.iter().position(|word| word == "night") {
            let after = &clause.words[night + 1..];
            if after
                .iter()
                .any(|word| matches!(word.as_str(), "day" | "daytime" | "daylight"))
                && after
                    .iter()
                    .any(|word| matches!(word.as_str(), "to" | "into" | "be" | "like"))
            {
                return Err(PromptError::Unsupported {
                    phrase: clause.text(),
                    reason: "turning night into day is not supported: it needs the scene relit, which a grade cannot do; the picture can be brightened (\"brighter by one stop\", \"lift the shadows\") or warmed".into(),
                });
            }
        }
        // "add a white frame": a border round the picture, not a white tint of it.
        if let Some(pair) = clause.words.windows(2).find(|pair| {
            matches!(pair[1].as_str(), "frame" | "border" | "outline")
                && colours::by_name(&pair[0]).is_some()
                && clause
                    .words
                    .iter()
                    .any(|word| matches!(word.as_str(), "add" | "a" | "with"))
        }) {
            return Err(PromptError::Unsupported {
                phrase: clause.text(),
                reason: format!(
                    "a {} {} round the picture is not supported: the picture keeps its edges (a letterbox, black bars to 2.39:1, is)",
                    pair[0], pair[1]
                ),
            });
        }
        // "a red vignette": the vignette darkens; a tint of the whole picture beside it
        // would be another edit than the one asked.
        if let Some(pair) = clause.words.windows(2).find(|pair| {
            // ("black vignette" is a plain one, rewritten in `clauses`.)
            pair[1] == "vignette" && colours::by_name(&pair[0]).is_some()
        }) {
            return Err(PromptError::Unsupported {
                phrase: clause.text(),
                reason: format!(
                    "a vignette darkens the picture's edges; a {} vignette (coloured edges) is not supported",
                    pair[0]
                ),
            });
        }
        // "change his shirt to blue, and make it darker", "make her dress brighter and more
        // vibrant": what follows a garment's recolour, with no other thing named, goes on
        // about the garment (read alone, it darkened the whole picture).
        if let Some(at) = last_recolour.take() {
            if let Some((saturation, brightness)) = garment_follow_up(&clause.words) {
                let candidate = &mut compiled.operations[at];
                if let Operation::Recolour { target, .. } = &mut candidate.planned.operation {
                    adjust_target(target, saturation, brightness).map_err(|reason| {
                        PromptError::Unsupported {
                            phrase: clause.text(),
                            reason,
                        }
                    })?;
                    candidate.planned.from =
                        format!("{}; {}", candidate.planned.from, clause.text());
                    last_recolour = Some(at);
                    continue;
                }
            }
        }
        let before = compiled.operations.len();
        compile_clause(&clause, has_reference_image, &mut compiled)?;
        if compiled.operations.len() > before {
            if let Some(reason) = over_a_part(&clause.words) {
                return Err(PromptError::Unsupported {
                    phrase: clause.text(),
                    reason: reason.into(),
                });
            }
        }
        last_recolour = compiled.operations[before..]
            .iter()
            .rposition(|candidate| {
                matches!(candidate.planned.operation, Operation::Recolour { .. })
            })
            .map(|k| before + k);
    }

    if let (true, Some(phrase)) = (compiled.mute_audio, compiled.keep_audio_phrase.take()) {
        return Err(PromptError::Unsupported {
            phrase,
            reason: "the prompt asks both to mute the sound and to keep it".into(),
        });
    }

    // "too much grain", "heavy grain" in the negative prompt: the grain asked for, but
    // gently (read as "grain", it ruled out the prompt's own grain and the request was
    // refused as a contradiction).
    // The negative prompt's clauses, split once; the excess ones moderate, the rest rule out.
    let mut negative_clauses: Vec<(Clause, bool)> = Vec::new();
    for clause in negative_prompt.map(clauses).unwrap_or_default() {
        let excess = excess_effects(&clause);
        if let Some(kinds) = &excess {
            let phrase = clause.text();
            compiled
                .moderated
                .extend(kinds.iter().map(|kind| (kind.clone(), phrase.clone())));
        }
        negative_clauses.push((clause, excess.is_some()));
    }
    for (kind, phrase) in std::mem::take(&mut compiled.moderated) {
        let mut matched = false;
        for gentle in kind.operations(LIGHT) {
            let identity = gentle.identity();
            for candidate in compiled
                .operations
                .iter_mut()
                .filter(|candidate| candidate.planned.operation.identity() == identity)
            {
                candidate.planned.operation = gentle.clone();
                candidate.planned.from = format!("{}, {phrase}", candidate.planned.from);
                matched = true;
            }
        }
        if !matched {
            compiled.negated.extend(
                kind.operations(STRENGTH_DEFAULT)
                    .iter()
                    .map(Operation::identity),
            );
        }
    }
    let mut suppressed = compiled.negated;
    // Ruled out only as a bundle's part: "add subtle film grain" with "old film" in the
    // negative prompt keeps the grain asked for and leaves out the rest of the old film
    // (read as ruling out grain itself, the request was refused as a contradiction).
    let mut bundle_parts: Vec<String> = Vec::new();
    // A bundle ruled out in the prompt itself ("noir, not 8mm") takes nothing the prompt
    // asks for, by name or in another bundle (noir's own vignette).
    let prompt_negated_parts = compiled.negated_parts;
    let mut already_avoided = Vec::new();
    let mut skin_unwanted = None;
    for (clause, excess) in &negative_clauses {
        let words: Vec<&str> = clause.words.iter().map(String::as_str).collect();
        if skin_colour_unwanted(&words) {
            skin_unwanted.get_or_insert(clause.text());
            continue;
        }
        if *excess {
            already_avoided.push(clause.text());
            continue;
        }
        // "no color" among things to avoid is colour avoided, not "no colour" (black and
        // white) ruled out.
        if matches!(
            words[..],
            ["no" | "without", "color" | "colour" | "colors" | "colours"]
        ) {
            already_avoided.push(clause.text());
            continue;
        }
        let (names, parts, rest) = negative_clause(clause);
        let names_nothing = names.is_empty() && parts.is_empty();
        bundle_parts.extend(parts);
        if names_nothing {
            // "the man in the background should not be visible": not something an edit could
            // add ("people", "text", "a watermark" are kept out by construction) but
            // something the footage shows, to be taken out.
            let pointed_at = words
                .iter()
                .any(|word| matches!(*word, "the" | "this" | "that" | "his" | "her" | "their"));
            let shown = words.iter().any(|word| {
                matches!(
                    *word,
                    "visible"
                        | "seen"
                        | "shown"
                        | "show"
                        | "shows"
                        | "showing"
                        | "appear"
                        | "appears"
                        | "appearing"
                )
            });
            // "the guy in the back", "i dont want him in it": someone in the footage.
            let someone_there = pointed_at
                && words.iter().any(|word| SUBJECT_WORDS.contains(word))
                && words.iter().any(|word| {
                    matches!(
                        *word,
                        "back"
                            | "background"
                            | "behind"
                            | "left"
                            | "right"
                            | "corner"
                            | "side"
                            | "there"
                            | "walking"
                            | "passing"
                    )
                });
            let unwanted_person = words.windows(2).any(|pair| {
                matches!(pair[0], "want" | "wanted") && matches!(pair[1], "him" | "her" | "them")
            });
            if (pointed_at && shown) || someone_there || unwanted_person {
                return Err(PromptError::Unsupported {
                    phrase: clause.text(),
                    reason: "negative_prompt keeps out what an edit might add; it cannot take out what the footage shows: removing objects or people is not supported".into(),
                });
            }
            already_avoided.push(clause.text());
        } else {
            suppressed.extend(names);
            if !rest.is_empty() {
                already_avoided.push(rest);
            }
        }
    }

    let mut asked = Vec::new();
    for candidate in compiled.operations {
        let identity = candidate.planned.operation.identity();
        // (A part left out here is listed as ruled out below.)
        if !suppressed.contains(&identity) && bundle_parts.contains(&identity) {
            if candidate.explicit {
                asked.push(candidate);
            }
            continue;
        }
        if suppressed.contains(&identity) {
            if candidate.explicit {
                return Err(PromptError::Contradiction {
                    phrase: candidate.planned.from,
                });
            }
            continue;
        }
        asked.push(candidate);
    }
    // (The parts not asked for are listed as ruled out, as the whole bundle was.)
    for part in bundle_parts.into_iter().chain(prompt_negated_parts) {
        let asked_for = asked
            .iter()
            .any(|candidate| candidate.planned.operation.identity() == part);
        if !asked_for {
            suppressed.push(part);
        }
    }
    suppressed.sort();
    suppressed.dedup();
    let mut operations = without_repeats(asked);
    // "keep the red dress in colour and make everything else black and white": the splash
    // already greys everything but the red, so the background needs no matte of its own; nor
    // a black and white of the whole picture ("Sin City, black and white with red"), which
    // would grey the kept colour too, nor a tint of the kept colour over everything.
    if let Some(kept) = operations
        .iter()
        .find_map(|planned| match &planned.operation {
            Operation::SelectiveColour { keep } => Some(keep.name.clone()),
            _ => None,
        })
    {
        operations.retain(|planned| match &planned.operation {
            Operation::ReplaceBackground {
                backdrop: Backdrop::BlackAndWhite,
            }
            | Operation::Monochrome {
                tone: Monochrome::BlackAndWhite,
                ..
            } => false,
            Operation::Tint { colour, .. } => colour.name != kept,
            _ => true,
        });
    }
    // "tint it white", "a grey tint": white, grey and black have no hue to push towards, so
    // the tint would do nothing while the plan said it was done.
    if let Some(neutral) = operations.iter().find(|planned| match &planned.operation {
        Operation::Tint { colour, .. }
        | Operation::CounterTint { colour, .. }
        | Operation::SplitTone { colour, .. } => {
            let [u, v] = colours::chroma_of(colour.rgb);
            u.hypot(v) < 3.0
        }
        _ => false,
    }) {
        return Err(PromptError::Unsupported {
            phrase: neutral.from.clone(),
            reason: "white, grey and black have no colour to tint with: for a brighter or darker picture say so (\"brighter\", \"lift the shadows\"), for less colour \"less saturated\", and to take out a colour cast \"fix the white balance\"".into(),
        });
    }
    // "warmer, but keep skin tones natural", "teal and orange" NEG "orange skin": the grade
    // is kept off skin-coloured pixels. A restyle redraws skin with everything else, so a
    // wish to keep it cannot hold beside one.
    let mut kept = compiled.kept;
    let skin_wish = compiled
        .keep_skin_phrase
        .map(|phrase| (phrase, false))
        .or(skin_unwanted.map(|phrase| (phrase, true)));
    if let Some((phrase, negative)) = skin_wish {
        let keep = Operation::KeepSkinTones { strength: 1.0 };
        let mut graded = false;
        // A grade of the subject alone ("make her warmer") keeps skin out of its own.
        for planned in &mut operations {
            if let Operation::GradeSubject { operations } = &mut planned.operation {
                if operations.iter().any(grades_chroma) {
                    operations.push(keep.clone());
                    graded = true;
                }
            }
        }
        let restyle = operations.iter().find(|planned| {
            planned.operation.stage() == Stage::Style && !leaves_skin_alone(&planned.operation)
        });
        match restyle {
            Some(style) if !negative => {
                return Err(PromptError::Unsupported {
                    phrase,
                    reason: format!(
                        "\"{}\" redraws the picture's colours, skin's included; skin tones can be kept out of a colour grade (a look, a tint, a saturation change: \"warmer, but keep skin tones natural\"), not out of a restyle",
                        style.from
                    ),
                });
            }
            _ if operations
                .iter()
                .any(|planned| grades_chroma(&planned.operation)) =>
            {
                operations.push(PlannedOperation {
                    operation: keep,
                    from: phrase,
                })
            }
            _ if graded => kept.push(phrase),
            _ if negative => already_avoided.push(phrase),
            _ => kept.push(phrase),
        }
    }
    if let Some(phrase) = compiled.keep_garment_colour_phrase {
        if let Some(regrade) = operations.iter().find(|planned| {
            grades_chroma(&planned.operation) || planned.operation.stage() == Stage::Style
        }) {
            return Err(PromptError::Unsupported {
                phrase,
                reason: format!(
                    "\"{}\" changes every colour in the picture, the garment's included; keeping one colour while the rest changes is a colour splash (\"black and white except the red\")",
                    regrade.from
                ),
            });
        }
        kept.push(phrase);
    }
    // The reference backdrop is put in as it is; a blur of the background would rebuild it
    // from the original footage and the reference would be lost.
    let reference_backdrop = operations.iter().any(|planned| {
        matches!(
            planned.operation,
            Operation::ReplaceBackground {
                backdrop: Backdrop::ReferenceImage { .. }
            }
        )
    });
    if let Some(blurred) = operations.iter().find(|planned| {
        matches!(
            planned.operation,
            Operation::ReplaceBackground {
                backdrop: Backdrop::Blur { .. }
            }
        )
    }) {
        if reference_backdrop {
            return Err(PromptError::Unsupported {
                phrase: blurred.from.clone(),
                reason: REFERENCE_USED_AS_IS.into(),
            });
        }
    }
    if let Some(phrase) = compiled.keep_background_phrase {
        if let Some(background) = operations
            .iter()
            .find(|planned| matches!(planned.operation, Operation::ReplaceBackground { .. }))
        {
            return Err(PromptError::Unsupported {
                phrase,
                reason: format!(
                    "the prompt asks both to keep the background and to change it (\"{}\")",
                    background.from
                ),
            });
        }
        // "make it sepia but keep the background in colour", "warmer, but leave the
        // background as it is": with the background kept, a grade of the picture is the
        // subject's. (Graded whole, the background changed too while the plan said it
        // was kept.) Textures and styles cannot be limited to the subject.
        let whole_frame = |planned: &PlannedOperation| {
            !matches!(planned.operation.stage(), Stage::Subject | Stage::Matte)
        };
        if let Some(other) = operations.iter().find(|planned| {
            whole_frame(planned)
                && (planned.operation.stage() != Stage::Colour
                    || matches!(planned.operation, Operation::WhiteBalance { .. }))
        }) {
            return Err(PromptError::Unsupported {
                phrase,
                reason: format!(
                    "\"{}\" changes the whole frame, the background included; with the background kept as it is, only colour grades can be limited to the subject (\"make her warmer\")",
                    other.from
                ),
            });
        }
        let (graded, rest): (Vec<_>, Vec<_>) = operations.into_iter().partition(whole_frame);
        operations = rest;
        if !graded.is_empty() {
            let from = graded
                .iter()
                .map(|planned| planned.from.as_str())
                .collect::<Vec<_>>()
                .join(", ");
            operations.push(PlannedOperation {
                operation: Operation::GradeSubject {
                    operations: graded
                        .into_iter()
                        .map(|planned| planned.operation)
                        .collect(),
                },
                from,
            });
        }
    }
    if let Some(phrase) = compiled.keep_subject_phrase {
        if let Some(whole) = operations.iter().find(|planned| {
            planned.operation.stage() != Stage::Subject
                || matches!(planned.operation, Operation::GradeSubject { .. })
        }) {
            let changes = if matches!(whole.operation, Operation::GradeSubject { .. }) {
                "changes the subject"
            } else {
                "changes the whole frame, the subject included"
            };
            return Err(PromptError::Unsupported {
                phrase,
                reason: format!(
                    "\"{}\" {changes}; edits that leave the subject as it is are those of the background and of a garment's colour",
                    whole.from
                ),
            });
        }
    }
    if let Some(phrase) = compiled.keep_colours_phrase {
        if let Some(regrade) = operations.iter().find(|planned| {
            planned.operation.stage() == Stage::Colour
                || matches!(
                    planned.operation,
                    Operation::SelectiveColour { .. } | Operation::HueSaturation { .. }
                )
        }) {
            return Err(PromptError::Unsupported {
                phrase,
                reason: format!(
                    "the prompt asks both to keep the colours and to change them (\"{}\")",
                    regrade.from
                ),
            });
        }
    }
    // Garments are recoloured before the whole picture is graded: a picture then turned
    // black and white, sepia or duotone would show the new colour as grey.
    if let Some(recolour) = operations
        .iter()
        .find(|planned| matches!(planned.operation, Operation::Recolour { .. }))
    {
        if let Some(colourless) = operations.iter().find(|planned| {
            matches!(
                planned.operation,
                Operation::Monochrome { .. } | Operation::Duotone { .. }
            )
        }) {
            return Err(PromptError::Unsupported {
                phrase: format!("{}; {}", recolour.from, colourless.from),
                reason: format!(
                    "\"{}\" takes the colour out of the whole picture, the recoloured garment's included; to keep the person in colour, ask for the background in black and white (\"make the background black and white\")",
                    colourless.from
                ),
            });
        }
    }
    // "the first 2 seconds, muted, in black and white": a picture without colour has none to
    // mute, so "muted" said alone is the sound (read as a look, it desaturated the grey).
    let colourless = operations.iter().any(|planned| {
        matches!(
            planned.operation,
            Operation::Monochrome {
                tone: Monochrome::BlackAndWhite,
                ..
            }
        )
    });
    if let Some(at) = operations.iter().position(|planned| {
        planned.from == "muted" && matches!(planned.operation, Operation::Saturation { .. })
    }) {
        if colourless {
            operations.remove(at);
            compiled.mute_audio = true;
        }
    }
    // "fix the colour cast (everything is too blue)": the complaint is the cast the white
    // balance takes out; its counter-tint as well pushed the picture past neutral.
    if operations
        .iter()
        .any(|planned| matches!(planned.operation, Operation::WhiteBalance { .. }))
    {
        operations.retain(|planned| {
            let complaint = planned.from.starts_with("too ")
                && matches!(planned.operation, Operation::CounterTint { .. });
            if complaint {
                compiled.described.push(planned.from.clone());
            }
            !complaint
        });
    }
    if operations.is_empty()
        && !compiled.mute_audio
        && compiled.aspect_ratio.is_none()
        && compiled.duration_seconds.is_none()
    {
        return Err(PromptError::NoEdit);
    }
    // Within the colour stage, taking the colour out goes first: a tint, look or split tone
    // graded before it would be greyed away ("blue tinted black and white", "warm black and
    // white", "red monochrome" are toned monochromes). Named looks go next and adjustments
    // after them, wherever the prompt put them: "washed out and faded" is a faded look with
    // less colour than the look alone has, and run before it, the look's warm cast put the
    // colour back (carphone: chroma 9.0 -> 8.6; after it, 5.9).
    operations.sort_by_key(|planned| {
        // (The white balance is applied first whatever its place; it is listed first too.)
        let rank = match planned.operation {
            Operation::WhiteBalance { .. } => 0,
            Operation::Monochrome { .. } | Operation::Duotone { .. } => 0,
            Operation::Look { .. } => 1,
            _ => 2,
        };
        (planned.operation.stage(), rank)
    });
    split_two_tints(&mut operations);
    // (A purpose is listed as one, not again as context.)
    let described: Vec<String> = compiled
        .described
        .into_iter()
        .filter(|clause| !purposes.contains(clause))
        .collect();
    let plan = EditPlan {
        operations,
        mute_audio: compiled.mute_audio,
        aspect_ratio: compiled.aspect_ratio.map(str::to_owned),
        duration_seconds: compiled.duration_seconds,
        suppressed,
        already_avoided,
        kept,
        purposes,
        context: notes
            .map(|notes| notes.context)
            .unwrap_or_default()
            .into_iter()
            .chain(described)
            .collect(),
    };
    if plan.needs_reference_image() && !has_reference_image {
        let phrase = plan
            .operations
            .iter()
            .find(|planned| planned.operation.needs_reference_image())
            .map(|planned| planned.from.clone())
            .unwrap_or_default();
        return Err(PromptError::NeedsReferenceImage { phrase });
    }
    Ok(plan)
}

/// Two colours named for the whole picture ("cyberpunk with cyan and magenta tones", "neon
/// pink and blue", "a pink and purple haze") are a split tone, as a colourist reads them:
/// the cooler colour into the shadows, the warmer into the highlights (of two equally warm,
/// the darker into the shadows). Two tints over the whole picture would mostly cancel into
/// one muddy cast: a different edit from the one asked.
fn split_two_tints(operations: &mut [PlannedOperation]) {
    let tints: Vec<usize> = operations
        .iter()
        .enumerate()
        .filter(|(_, planned)| matches!(planned.operation, Operation::Tint { .. }))
        .map(|(at, _)| at)
        .collect();
    let [first, second] = tints[..] else {
        return;
    };
    let colour = |at: usize| match &operations[at].operation {
        Operation::Tint { colour, strength } => (colour.clone(), *strength),
        _ => unreachable!("only tints were picked"),
    };
    let ((a, strength_a), (b, strength_b)) = (colour(first), colour(second));
    if a.name == b.name {
        return;
    }
    let warmth = |c: &NamedColour| i32::from(c.rgb[0]) - i32::from(c.rgb[2]);
    let light = |c: &NamedColour| c.rgb.iter().map(|&v| u32::from(v)).sum::<u32>();
    let a_warmer = (warmth(&a), light(&a)) > (warmth(&b), light(&b));
    for (at, colour, strength, warmer) in [
        (first, a, strength_a, a_warmer),
        (second, b, strength_b, !a_warmer),
    ] {
        operations[at].operation = Operation::SplitTone {
            region: if warmer {
                ToneRegion::Highlights
            } else {
                ToneRegion::Shadows
            },
            colour,
            strength,
        };
    }
}

/// One of each effect that would only be applied twice by accident: a bundle that contains
/// what the prompt also names ("cinematic teal and orange", "super 8 film look") keeps the
/// named one. Adjustments that compose (exposure, contrast, saturation, tints, tone curves)
/// and subject-aware edits are kept as asked.
fn without_repeats(candidates: Vec<Candidate>) -> Vec<PlannedOperation> {
    let key = |operation: &Operation| match operation {
        Operation::Look { look, .. } => Some(("look", Some(*look))),
        Operation::Exposure { .. }
        | Operation::Contrast { .. }
        | Operation::Saturation { .. }
        | Operation::Tint { .. }
        | Operation::CounterTint { .. }
        | Operation::SplitTone { .. }
        | Operation::Shadows { .. }
        | Operation::Highlights { .. }
        | Operation::Midtones { .. }
        | Operation::ToneSaturation { .. }
        | Operation::ReplaceBackground { .. }
        | Operation::Recolour { .. }
        | Operation::SelectiveColour { .. }
        | Operation::HueSaturation { .. } => None,
        other => Some((other.name(), None)),
    };
    let mut kept: Vec<Candidate> = Vec::new();
    for candidate in candidates {
        // "brighten her and make her warmer": one regrade of the subject with both changes
        // (as one effect of a kind, the second was dropped).
        if let Operation::GradeSubject { operations: more } = &candidate.planned.operation {
            if let Some(first) = kept
                .iter_mut()
                .find(|other| matches!(other.planned.operation, Operation::GradeSubject { .. }))
            {
                if let Operation::GradeSubject { operations } = &mut first.planned.operation {
                    operations.extend(more.iter().cloned());
                }
                first.planned.from = format!("{}, {}", first.planned.from, candidate.planned.from);
                continue;
            }
        }
        // The same words said twice ("less yellow. Not blue, just less yellow") are one
        // request (they were two counter-tints, twice as strong).
        // A tint of one colour named twice ("teal, a soft teal tint") is one tint.
        if kept.iter().any(|other| {
            other.planned.operation == candidate.planned.operation
                && (other.planned.from == candidate.planned.from
                    || matches!(candidate.planned.operation, Operation::Tint { .. }))
        }) {
            continue;
        }
        // "happy and bright": the brightness named is how bright; the mood's own
        // brightening on top of it (0.24 + 0.72 stops) was more than either asked. A
        // comparative ("noir with more contrast", "happy and brighter") still adds.
        let absolute = |candidate: &Candidate| {
            candidate.explicit
                && !candidate.planned.from.split(' ').any(|word| {
                    matches!(word, "more" | "extra" | "even" | "increase" | "boost")
                        || (word.len() > 4
                            && word.ends_with("er")
                            && !matches!(word, "under" | "super" | "lower"))
                })
        };
        if absolute(&candidate) {
            kept.retain(|other| {
                other.explicit
                    || !same_adjustment(&other.planned.operation, &candidate.planned.operation)
            });
        } else if !candidate.explicit
            && kept.iter().any(|other| {
                absolute(other)
                    && same_adjustment(&other.planned.operation, &candidate.planned.operation)
            })
        {
            continue;
        }
        // One adjustment named twice in the same direction ("more vibrant and saturated",
        // "brighter and lighter") is one change, the stronger: the words are synonyms, and
        // compounding them doubled the change. Bundles' own adjustments still add to what is
        // named ("noir with more contrast" is more contrast than noir's).
        if candidate.explicit {
            let same = kept.iter_mut().find(|other| {
                other.explicit
                    && same_adjustment(&other.planned.operation, &candidate.planned.operation)
            });
            if let Some(other) = same {
                if adjustment_size(&candidate.planned.operation)
                    > adjustment_size(&other.planned.operation)
                {
                    *other = candidate;
                }
                continue;
            }
        }
        let Some(this) = key(&candidate.planned.operation) else {
            // The same background asked for twice ("keep her in colour and make everything
            // else black and white") is one edit; adjustments that compose stay.
            let repeated = matches!(
                candidate.planned.operation,
                Operation::ReplaceBackground { .. }
            ) && kept
                .iter()
                .any(|other| other.planned.operation == candidate.planned.operation);
            // A blurred background said twice ("blur the background heavily, portrait
            // mode") is the first, which says how much; a plain backdrop said again
            // ("a sunset gradient, orange to pink") is the later, which says more. (Both
            // were kept and drawn one over the other.)
            let backdrop_kind = |operation: &Operation| match operation {
                Operation::ReplaceBackground {
                    backdrop: Backdrop::Blur { .. },
                } => Some(0),
                Operation::ReplaceBackground {
                    backdrop: Backdrop::Colour { .. } | Backdrop::Gradient { .. },
                } => Some(1),
                _ => None,
            };
            let kind = backdrop_kind(&candidate.planned.operation);
            let same_kind = kind.and_then(|kind| {
                kept.iter()
                    .position(|other| backdrop_kind(&other.planned.operation) == Some(kind))
            });
            match (kind, same_kind) {
                _ if repeated => {}
                // "the blue colour in the background, gradient to white": a gradient from
                // the colour named first to the one named after.
                (Some(1), Some(at)) => {
                    let mut candidate = candidate;
                    if let (
                        Operation::ReplaceBackground {
                            backdrop: Backdrop::Colour { colour: first },
                        },
                        Operation::ReplaceBackground {
                            backdrop: Backdrop::Gradient { top, bottom },
                        },
                    ) = (
                        &kept[at].planned.operation,
                        &mut candidate.planned.operation,
                    ) {
                        if *bottom == darker(top) {
                            *bottom = std::mem::replace(top, first.clone());
                        }
                    }
                    kept[at] = candidate;
                }
                (Some(_), Some(_)) => {}
                _ => kept.push(candidate),
            }
            continue;
        };
        match kept
            .iter_mut()
            .find(|other| key(&other.planned.operation) == Some(this))
        {
            Some(other) if candidate.explicit && !other.explicit => *other = candidate,
            // "a sketch drawn with coloured pencils": the coloured one is the one meant.
            Some(other)
                if matches!(
                    candidate.planned.operation,
                    Operation::Sketch { colour: true, .. }
                ) =>
            {
                *other = candidate
            }
            // "monochrome with a sepia tone": the toned one is the one meant, as fully
            // monochrome as either asked ("black and white, then a subtle sepia tint" left
            // the picture mostly in colour).
            Some(other)
                if matches!(
                    candidate.planned.operation,
                    Operation::Monochrome {
                        tone: Monochrome::Sepia,
                        ..
                    }
                ) =>
            {
                let mut candidate = candidate;
                if let (
                    Operation::Monochrome { strength, .. },
                    Operation::Monochrome {
                        strength: before, ..
                    },
                ) = (&mut candidate.planned.operation, &other.planned.operation)
                {
                    *strength = strength.max(*before);
                }
                *other = candidate
            }
            Some(_) => {}
            None => kept.push(candidate),
        }
    }
    kept.into_iter()
        .map(|candidate| candidate.planned)
        .collect()
}

/// Whether `a` and `b` are the same global adjustment pushed the same way.
fn same_adjustment(a: &Operation, b: &Operation) -> bool {
    match (a, b) {
        (Operation::Exposure { stops: x }, Operation::Exposure { stops: y })
        | (Operation::Contrast { amount: x }, Operation::Contrast { amount: y })
        | (Operation::Saturation { amount: x }, Operation::Saturation { amount: y })
        // ("crush the blacks, deep blacks": one darkening of the shadows.)
        | (Operation::Shadows { amount: x }, Operation::Shadows { amount: y })
        | (Operation::Highlights { amount: x }, Operation::Highlights { amount: y })
        | (Operation::Midtones { amount: x }, Operation::Midtones { amount: y }) => {
            x.signum() == y.signum()
        }
        _ => false,
    }
}

/// Whether a colour-stage operation moves chroma, which skin protection could hold back
/// (a tone curve alone leaves skin's colour as it was).
fn grades_chroma(operation: &Operation) -> bool {
    matches!(
        operation,
        Operation::Look { .. }
            | Operation::Monochrome { .. }
            | Operation::Saturation { .. }
            | Operation::Tint { .. }
            | Operation::CounterTint { .. }
            | Operation::SplitTone { .. }
            | Operation::ToneSaturation { .. }
            | Operation::Duotone { .. }
            | Operation::WhiteBalance { .. }
            | Operation::Invert
    )
}

/// A style-stage operation that cannot reach skin: more or less saturation of a band of
/// hues that ends before the skin tones begin.
fn leaves_skin_alone(operation: &Operation) -> bool {
    matches!(operation, Operation::HueSaturation { colour, .. }
        if !super::ops::colour::HueSaturation::reaches_skin(colour))
}

/// How far an adjustment moves the picture, whichever way.
fn adjustment_size(operation: &Operation) -> f32 {
    match operation {
        Operation::Exposure { stops: x }
        | Operation::Contrast { amount: x }
        | Operation::Saturation { amount: x }
        | Operation::Shadows { amount: x }
        | Operation::Highlights { amount: x }
        | Operation::Midtones { amount: x } => x.abs(),
        _ => 0.0,
    }
}

#[derive(Default)]
struct Compiled {
    operations: Vec<Candidate>,
    mute_audio: bool,
    /// The frame shape the prompt asked for, if any.
    aspect_ratio: Option<&'static str>,
    /// The length the prompt asked to keep from the clip's start, in seconds.
    duration_seconds: Option<f64>,
    /// The phrase that asked to keep the sound, if any: with a mute that is a contradiction.
    keep_audio_phrase: Option<String>,
    /// The phrase that asked to keep the colours, if any: with a regrade that is a
    /// contradiction.
    keep_colours_phrase: Option<String>,
    /// Effects the prompt itself ruled out ("no grain").
    negated: Vec<String>,
    /// The parts of a bundle ruled out in the prompt ("not noir"): each stays where it is
    /// asked for by itself ("not noir, just black and white").
    negated_parts: Vec<String>,
    /// Effects the prompt asks to keep gentle ("vintage, but not too faded"), with their
    /// phrases: what else asks for them is made light; if nothing does, they are ruled out.
    moderated: Vec<(EffectKind, String)>,
    /// The last clause changed the background: a bare clause after it ("make the background
    /// darker and blurred") goes on describing the background.
    background_clause: bool,
    /// The last clause regraded the subject: a clause of colour adjustments alone after it
    /// ("make her brighter and warmer") goes on regrading the subject.
    subject_clause: bool,
    /// What the prompt asks to keep that every plan keeps ("keeping the character's motion").
    kept: Vec<String>,
    /// The single-operation effects of the last clause, by the phrase they came from: a
    /// clause of intensity words alone ("add grain, but keep it subtle") sets their strength.
    last_effects: Vec<(String, EffectKind)>,
    /// Where the last clause's operations start in `operations`: a clause of intensity
    /// words alone after a pattern edit ("make the sky bluer, but don't overdo it") scales
    /// what that clause asked for.
    last_clause_start: usize,
    /// The phrase that asked to keep the subject itself unchanged, if any: it holds only when
    /// every operation works around the subject.
    keep_subject_phrase: Option<String>,
    /// The phrase that asked to keep the background as it is, if any: it holds unless the
    /// plan replaces or regrades the background.
    keep_background_phrase: Option<String>,
    /// The phrase that asked to keep skin tones out of the grade, if any.
    keep_skin_phrase: Option<String>,
    /// The phrase that asked to keep a garment's colour ("keep the shirt white"), if any.
    keep_garment_colour_phrase: Option<String>,
    /// Clauses read as describing the footage beside the ones that ask for edits ("a girl
    /// riding a bicycle along a canal", "the scene is dark"): listed in the plan's context.
    described: Vec<String>,
}

impl Compiled {
    /// Takes a frame shape the prompt asked for; a second, different one is refused.
    fn ask_shape(&mut self, ratio: &'static str, phrase: String) -> Result<(), PromptError> {
        if self.aspect_ratio.is_some_and(|asked| asked != ratio) {
            return Err(PromptError::Unsupported {
                phrase,
                reason: "the prompt asks for two frame shapes".into(),
            });
        }
        self.aspect_ratio = Some(ratio);
        Ok(())
    }
}

struct Candidate {
    planned: PlannedOperation,
    /// Asked for by name, rather than as part of a bundle such as "8mm film": a negative
    /// prompt that removes it contradicts the prompt.
    explicit: bool,
}

/// A run of words between separators, normalised.
struct Clause {
    words: Vec<String>,
    /// The clause begins a new sentence.
    new_sentence: bool,
}

impl Clause {
    fn text(&self) -> String {
        self.words.join(" ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ops(prompt: &str) -> Vec<Operation> {
        compile(prompt, None, false)
            .unwrap_or_else(|err| panic!("{prompt}: {err}"))
            .operations()
            .cloned()
            .collect()
    }

    #[test]
    fn everyday_phrasings_of_colour_edits() {
        for prompt in ["make the colors pop", "make it pop"] {
            assert!(
                matches!(ops(prompt)[..], [Operation::Saturation { amount, .. }] if amount > 0.0),
                "{prompt}"
            );
        }
        for prompt in ["remove the color", "remove the colours", "no colour"] {
            assert!(
                matches!(ops(prompt)[..], [Operation::Monochrome { .. }]),
                "{prompt}"
            );
        }
        for (prompt, check) in [
            ("make it look like a 90s home video", "vhs"),
            ("cartoonize this", "cartoon"),
            ("make it look like it was shot on film", "grain"),
            ("make it look cold and bleak", "saturation"),
        ] {
            assert!(
                ops(prompt).iter().any(|op| op.name() == check),
                "{prompt}: {:?}",
                ops(prompt)
            );
        }
        let silent = ops("make it look like an old silent movie");
        assert!(
            matches!(
                silent[0],
                Operation::Monochrome {
                    tone: Monochrome::BlackAndWhite,
                    ..
                }
            ) && silent
                .iter()
                .any(|op| matches!(op, Operation::Flicker { .. })),
            "{silent:?}"
        );
        // "pop art" is still the style, and "remove the grain" still denoises.
        assert!(matches!(ops("pop art")[0], Operation::Posterize { .. }));
        assert!(matches!(
            ops("remove the grain")[..],
            [Operation::Denoise { .. }]
        ));
    }

    #[test]
    fn a_misspelt_effect_is_read_and_a_real_word_is_not_corrected() {
        for (typo, meant) in [
            ("grian", "grain"),
            ("vinette", "vignette"),
            ("vignete", "vignette"),
            ("vibrent", "vibrant"),
            ("cartoom", "cartoon"),
            ("backround", "background"),
            ("backgroud", "background"),
            ("sepai", "sepia"),
        ] {
            assert_eq!(corrected(typo), Some(meant), "{typo}");
        }
        // A letter missing at the end is read as the longer word ("warmr"), never the
        // shorter one ("dusty" is not "dust", "lights" not "light").
        assert_eq!(corrected("warmr"), Some("warmer"));
        // Known words, colour comparatives, everyday words a letter away from an effect,
        // plurals and short words stay as written.
        for word in [
            "grain", "while", "right", "lights", "streets", "blak", "dragon", "chair", "bluer",
            "lacks", "dusty", "blown",
        ] {
            assert_eq!(corrected(word), None, "{word}");
        }
    }

    #[test]
    fn clauses_keep_colour_pairs_together() {
        let split: Vec<String> = clauses("Black and white, with heavy grain and a vignette")
            .iter()
            .map(Clause::text)
            .collect();
        assert_eq!(split, ["black and white", "with heavy grain", "a vignette"]);
    }

    #[test]
    fn intensity_words_scale_strength() {
        let slight = ops("slightly warm");
        let heavy = ops("very warm");
        let strength = |ops: &[Operation]| match ops {
            [Operation::Look { strength, .. }] => *strength,
            other => panic!("{other:?}"),
        };
        assert!(strength(&slight) < 0.5 && strength(&heavy) > 0.8);
    }
}
