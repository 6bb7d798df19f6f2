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
    "colour: more or less saturation or vibrance, brighter / darker (also by a number of stops, up to 3: \"brighter by one stop\"), more or less contrast, high contrast, high key / low key, lift or deepen the shadows (\"crush the blacks\"), brighten or recover the highlights, white balance / colour correction (removes the clip's colour cast), muted, faded / matte, hazy, a tint by colour name (\"blue tint\", \"make it pink\", \"bluer\") or away from one (\"less yellow\", \"remove the green tint\", \"too blue\"), split toning (\"teal shadows and orange highlights\", \"cool down the shadows\"), duotone (\"duotone blue and pink\"), one band of hues more or less saturated (\"make the greens more vibrant\", \"mute the reds\", \"make the sky bluer\", \"greener grass\": the band, not a mask of the sky), skin tones kept out of the grade (\"warmer, but keep skin tones natural\", or \"orange skin\" in negative_prompt; chosen by colour, not by person)",
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

/// "ratio9by16" as "9:16", "ratio2dot39by1" as "2.39:1".
fn spoken_ratios(text: &str) -> String {
    let text = &super::length::spoken(text)
        .replace("weatherswap", "instead of the weather it was shot in");
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
        let family = |name: &'static str| match name {
            "highlights" | "shadows" => "exposure",
            other => other,
        };
        all.iter().enumerate().any(|(k, clause)| {
            k != at
                && !complains(&clause.words)
                && !describes(&clause.words)
                && lone[k].iter().any(|name| {
                    complained
                        .iter()
                        .any(|complaint| family(complaint) == family(name))
                })
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

/// Where a clause's purpose starts, if it has one: "for a gritty feel", "for a more
/// cinematic look", "to make it feel cosy", "to give it a dreamy vibe", "so that it looks
/// older".
fn purpose_start(words: &[String]) -> Option<usize> {
    let words: Vec<&str> = words.iter().map(String::as_str).collect();
    let nouns = |rest: &[&str]| {
        // ("for my insta feed pls": a closing "please" is not the purpose.)
        let rest = match rest.split_last() {
            Some((&"please", before)) if !before.is_empty() => before,
            _ => rest,
        };
        // The purpose ends the clause: "for a gritty feel", not "swap the background for a
        // beach" (no purpose noun) or "for a look that ..." (more follows).
        rest.iter().rposition(|word| {
            matches!(
                *word,
                "feel"
                    | "feeling"
                    | "look"
                    | "vibe"
                    | "vibes"
                    | "mood"
                    | "atmosphere"
                    | "aesthetic"
                    | "ambience"
                    | "ambiance"
                    | "touch"
                    | "appearance"
                    | "effect"
                    // What the clip is for: "for a gym ad", "for a meditation app", "for my
                    // workout reel".
                    | "reel"
                    | "post"
                    | "promo"
                    | "story"
                    | "tiktok"
                    | "listing"
                    | "website"
                    | "channel"
                    | "ad"
                    | "advert"
                    | "advertisement"
                    | "commercial"
                    | "app"
                    | "campaign"
                    // The part of the event or the piece the clip is for: "for the first
                    // dance", "for the vows", "for the chorus", "for the motivational intro",
                    // "for grandma's birthday clip" (each was refused as an unknown edit).
                    | "dance"
                    | "vows"
                    | "montage"
                    | "intro"
                    | "outro"
                    | "chorus"
                    | "verse"
                    | "bridge"
                    | "ballad"
                    | "version"
                    | "segment"
                    | "section"
                    | "part"
                    | "clip"
                    | "video"
                    | "episode"
                    | "exit"
                    | "ceremony"
                    | "reception"
                    | "party"
                    | "birthday"
                    | "wedding"
                    | "song"
                    | "moment"
                    | "morning"
                    | "sequence"
                    | "trailer"
                    | "teaser"
                    | "vlog"
                    | "recap"
                    | "tutorial"
                    | "thumbnail"
                    | "slideshow"
                    | "anniversary"
                    | "concert"
                    | "performance"
                    | "class"
                    | "session"
                    | "workout"
                    | "lesson"
                    | "stream"
                    | "exterior"
                    | "interior"
                    // Where it is posted, and whose it is: "for our candle brand", "for my
                    // cafe's reels", "for the bridesmaid lookbook", "for a client pitch".
                    | "reels"
                    | "posts"
                    | "upload"
                    | "uploads"
                    | "edit"
                    | "stories"
                    | "ads"
                    | "brand"
                    | "shop"
                    | "store"
                    | "business"
                    | "company"
                    | "client"
                    | "pitch"
                    | "lookbook"
                    | "portfolio"
                    | "series"
                    | "skit"
                    | "feed"
                    | "page"
                    | "account"
                    | "site"
                    | "launch"
                    | "announcement"
                    | "presentation"
                    | "instagram"
                    | "ig"
                    | "youtube"
                    | "facebook"
                    | "linkedin"
                    | "pinterest"
                    | "menu"
                    | "catalog"
                    | "catalogue"
                    | "event"
                    | "opening"
                    | "sale"
                    | "collection"
                    | "mv"
                    | "reveal"
                    | "memories"
                    // "for youtube shorts", "for game day", "just for fun", "for the fam
                    // group chat", "for a pharma spot".
                    | "shorts"
                    | "day"
                    | "fun"
                    | "chat"
                    | "spot"
                    | "socials"
                    | "social"
                    | "insta"
                    | "snapchat"
                    | "whatsapp"
                    | "grid"
                    | "profile"
                    | "meme"
                    | "delivery"
                    | "cutdown"
                    | "finish"
                    | "softness"
                    // "for our retro sneaker drop", "for our gaming collab", "for the
                    // wedding florist".
                    | "drop"
                    | "drops"
                    | "collab"
                    | "collaboration"
                    | "florist"
                    | "bakery"
                    | "cafe"
                    | "restaurant"
                    | "salon"
                    | "newsletter"
                    | "audience"
                    | "followers"
                    | "customers"
                    | "fans"
                    | "poster"
                    | "flyer"
                    | "banner"
                    | "homepage"
                    | "webinar"
                    | "podcast"
                    | "giveaway"
            )
        }) == Some(rest.len() - 1)
            && rest.len() <= 5
    };
    let colour_before = |i: usize| (0..i).any(|k| colours::match_words(&words[k..i]).is_some());
    // "just separate her from it" after a background edit: what it is for.
    let lead = words
        .iter()
        .take_while(|word| matches!(**word, "just" | "to" | "and" | "so"))
        .count();
    if matches!(words.get(lead), Some(&("separate" | "isolate")))
        && words.contains(&"from")
        && words.len() <= lead + 6
    {
        return Some(0);
    }
    (0..words.len()).find(|&i| match words[i] {
        "for" => {
            let determined = matches!(
                words.get(i + 1),
                Some(
                    &("a"
                        | "an"
                        | "that"
                        | "some"
                        | "more"
                        | "my"
                        | "our"
                        | "the"
                        | "his"
                        | "her"
                        | "their")
                )
            );
            // "crop it to 9:16 for tiktkok": after a frame shape, where it is posted, however
            // it is spelt.
            let framed = words[..i].iter().any(|word| {
                word.starts_with("ratio")
                    || matches!(
                        *word,
                        "crop" | "cropped" | "vertical" | "square" | "reframe"
                    )
            });
            if framed && words.len() - i <= 3 {
                return true;
            }
            // ("for christmas morning", "for grandma's birthday clip": no determiner.)
            (determined || words.len() - i <= 4)
                && nouns(&words[i + 1..])
                && !words[i + 1..]
                    .iter()
                    .any(|word| BACKGROUND_NOUNS.contains(word) || ITEMS.contains(word))
        }
        // "make it mustard to match my brand", "sage green to match the bridesmaids": what
        // the named colour is chosen for.
        // ("cool the colours to match": any edit named before it.)
        "to" if matches!(words.get(i + 1), Some(&("match" | "fit" | "suit"))) => {
            colour_before(i) || (0..i).any(|k| longest_effect(&words[k..i]).is_some())
        }
        "to" | "so" => {
            let mut k = i + 1;
            if words.get(k) == Some(&"that") {
                k += 1;
            }
            let verb = words.get(k).copied();
            let object = words.get(k + 1).copied();
            match (words[i], verb) {
                ("to", Some("make" | "give")) => matches!(
                    object,
                    Some("it" | "this" | "the" | "everything" | "things")
                ),
                // "add a vignette to draw focus to the center", "to pull the eye to her".
                ("to", Some("draw" | "pull" | "guide" | "direct" | "lead" | "focus")) => {
                    words[k..].iter().any(|word| {
                        matches!(
                            *word,
                            "focus" | "attention" | "eye" | "eyes" | "viewer" | "viewers" | "on"
                        )
                    })
                }
                // "so I can key it later", "so we don't get copyright strikes".
                ("so", Some("i" | "we" | "you" | "people" | "viewers"))
                    if matches!(
                        words.get(k + 1),
                        Some(&("can" | "could" | "dont" | "don't" | "do" | "get" | "will"))
                    ) =>
                {
                    true
                }
                (
                    "so",
                    Some(
                        "it" | "everything" | "the" | "nothing" | "she" | "he" | "they" | "only"
                        | "i" | "we" | "you" | "our" | "my" | "his" | "her" | "their" | "your"
                        | "eyes" | "people" | "viewers",
                    ),
                ) => words[k + 1..].iter().any(|word| {
                    matches!(
                        *word,
                        "looks"
                            | "feels"
                            | "seems"
                            | "has"
                            | "is"
                            | "are"
                            | "am"
                            | "stands"
                            | "stand"
                            | "pops"
                            | "pop"
                            | "shows"
                            | "show"
                            // "darken her so she matches the evening light in it".
                            | "matches"
                            | "match"
                            | "blends"
                            | "blend"
                            | "fits"
                            | "fit"
                            // "so eyes go to the centre".
                            | "go"
                            | "goes"
                            | "land"
                            | "lands"
                            | "drawn"
                            // "so the talent separates", "so she sits in it".
                            | "separates"
                            | "separate"
                            | "sits"
                            | "sit"
                    )
                }),
                _ => false,
            }
        }
        _ => false,
    })
}

/// "the reception looks flat and grey", "it is patchy and brown": the split at "and" left a
/// bare colour or adjective as a clause of its own, which read alone was a request (a grey
/// tint, a brown one). It belongs to the description before it.
/// "her dress is emerald green", "the girl's hoodie is now pastel purple": a garment and the
/// colour it is said to be, nothing else; the garment's word.
fn garment_colour_statement(words: &[String]) -> Option<String> {
    let words: Vec<&str> = words.iter().map(String::as_str).collect();
    // The garment is the word before the verb ("the runner's shirt is ...").
    let verb = words
        .iter()
        .position(|word| matches!(*word, "is" | "are"))?;
    let k = verb.checked_sub(1).filter(|&k| ITEMS.contains(&words[k]))?;
    let mut at = verb + 1;
    if words.get(at) == Some(&"now") {
        at += 1;
    }
    // ("pastel purple", "matte red": a shade the colour names do not spell out.)
    if colours::match_words(&words[at..]).is_none()
        && matches!(
            words.get(at),
            Some(
                &("pastel"
                    | "matte"
                    | "pale"
                    | "soft"
                    | "vivid"
                    | "neon"
                    | "baby"
                    | "rich"
                    | "bright"
                    | "dark"
                    | "light"
                    | "deep"
                    | "hot"
                    | "dusty"
                    | "muted")
            )
        )
    {
        at += 1;
    }
    let (_, len) = colours::match_words(&words[at..])?;
    let rest = &words[at + len..];
    (rest.iter().all(|word| matches!(*word, "now" | "please"))).then(|| words[k].to_owned())
}

/// Whether `word` reads as an adjective of a look ("muted", "clean", "moody"), not a noun
/// ("lawn", "city", "canal"). Without a dictionary: effect words, colours, words of how
/// footage looks, and the usual adjective endings that few nouns share.
fn adjective_like(word: &str) -> bool {
    longest_effect(&[word]).is_some()
        || colours::by_name(word).is_some()
        || ["ed", "ish", "ive", "ful", "ous", "less"]
            .iter()
            .any(|ending| word.len() > ending.len() + 2 && word.ends_with(ending))
        || matches!(
            word,
            "clean"
                | "crisp"
                | "soft"
                | "bold"
                | "rich"
                | "deep"
                | "cool"
                | "warm"
                | "dark"
                | "bright"
                | "natural"
                | "neutral"
                | "modern"
                | "retro"
                | "cinematic"
                | "moody"
                | "airy"
                | "dreamy"
                | "gritty"
                | "punchy"
                | "glossy"
                | "creamy"
                | "dusty"
                | "earthy"
                | "edgy"
                | "quiet"
                | "calm"
                | "flat"
                | "dull"
                | "pale"
                | "harsh"
        )
}

fn descriptions_joined(mut all: Vec<Clause>) -> Vec<Clause> {
    const DESCRIBING_ADJECTIVES: &[&str] = &[
        "flat",
        "dull",
        "patchy",
        "muddy",
        "faded",
        "washed",
        "out",
        "boring",
        "pale",
        "dark",
        "bright",
        "blurry",
        "noisy",
        "grainy",
        "harsh",
        "lifeless",
        "murky",
        "hazy",
        "soft",
        "overexposed",
        "underexposed",
        "blown",
        "cold",
        "warm",
        "yellowish",
        "greenish",
        "bluish",
        "reddish",
        "orangey",
        "drab",
        "ugly",
        "messy",
        "busy",
        "cluttered",
        "dim",
    ];
    let mut k = 1;
    while k < all.len() {
        let bare = all[k].words.len() <= 2
            && all[k].words.iter().all(|word| {
                colours::by_name(word).is_some()
                    || DESCRIBING_ADJECTIVES.contains(&word.as_str())
                    || intensity(word).is_some()
            });
        let before = &all[k - 1].words;
        let describing = before.iter().any(|word| {
            matches!(
                word.as_str(),
                "is" | "are" | "looks" | "look" | "was" | "were"
            )
        }) && !before.iter().any(|word| {
            matches!(
                word.as_str(),
                "make" | "turn" | "change" | "add" | "give" | "apply" | "replace" | "swap"
            )
        });
        // "make saturation less, about 20 percent", "slightly brighter, a quarter stop": an
        // amount alone is the amount of the clause before.
        let amount_only = all[k].words.iter().any(|word| {
            matches!(
                word.as_str(),
                "percent" | "stop" | "stops" | "half" | "third" | "quarter" | "levels"
            )
        }) && all[k].words.iter().all(|word| {
            matches!(
                word.as_str(),
                "a" | "an"
                    | "by"
                    | "of"
                    | "percent"
                    | "stop"
                    | "stops"
                    | "half"
                    | "third"
                    | "quarter"
                    | "one"
                    | "two"
                    | "three"
                    | "levels"
                    | "to"
            ) || word.parse::<f32>().is_ok()
        });
        // "a light, airy pastel look", "a quiet, muted grade": the first adjective is of the
        // same phrase as the next clause.
        let first_adjective = all[k - 1].words.len() == 2
            && matches!(all[k - 1].words[0].as_str(), "a" | "an")
            && longest_effect(&[all[k - 1].words[1].as_str()]).is_none()
            && intensity(&all[k - 1].words[1]).is_none();
        // "give it a muted, desaturated grade": a list of adjectives before one noun of a
        // look, split at its comma (the first half, "give it a muted", was read on its own
        // as a grade of the background named before it).
        // ("a dog on a lawn, warm vintage look": a place, not an adjective; joined, the look
        // was read as the lawn's and refused.)
        let n = all[k - 1].words.len();
        let adjective_list = n >= 3
            && !all[k].new_sentence
            && matches!(all[k - 1].words[n - 2].as_str(), "a" | "an")
            && intensity(&all[k - 1].words[n - 1]).is_none()
            && adjective_like(&all[k - 1].words[n - 1])
            && !matches!(
                all[k].words.first().map(String::as_str),
                Some("a" | "an" | "the" | "i" | "it" | "we")
            )
            && all[k].words.iter().any(|word| {
                matches!(
                    word.as_str(),
                    "grade" | "look" | "feel" | "vibe" | "aesthetic" | "filter" | "palette"
                )
            })
            && !all[k].words.iter().any(|word| {
                matches!(
                    word.as_str(),
                    "make" | "add" | "give" | "apply" | "turn" | "put" | "use" | "replace" | "swap"
                )
            });
        if first_adjective || adjective_list {
            let mut words = all.remove(k - 1).words;
            words.append(&mut all[k - 1].words);
            all[k - 1].words = words;
            continue;
        }
        // "a faded vintage look, medium": how much, said after.
        if all[k].words.iter().all(|word| {
            matches!(
                word.as_str(),
                "medium"
                    | "moderate"
                    | "moderately"
                    | "normal"
                    | "regular"
                    | "strength"
                    | "intensity"
            )
        }) || (all[k].words.len() <= 3
            // "exposure up, way up": more of the same.
            && all[k].words.iter().any(|word| direction(word).is_some())
            && all[k]
                .words
                .iter()
                .all(|word| direction(word).is_some() || intensity(word).is_some()))
        {
            let words = all.remove(k).words;
            all[k - 1].words.extend(words);
            continue;
        }
        if (bare && describing) || amount_only {
            let words = all.remove(k).words;
            if !amount_only {
                all[k - 1].words.push("and".into());
            } else if words.first().is_none_or(|first| first != "by")
                && words.last().is_none_or(|last| last != "levels")
            {
                all[k - 1].words.push("by".into());
            }
            all[k - 1].words.extend(words);
        } else {
            k += 1;
        }
    }
    // "my son's red rain boots, make them yellow": a garment named alone, then what to do
    // with "them" (read apart, the first clause was a recolour to red and "them" the
    // whole subject, regraded yellow).
    let mut k = 0;
    while k + 1 < all.len() {
        let words = &all[k].words;
        let verbless = !words.iter().any(|word| {
            matches!(
                word.as_str(),
                "make"
                    | "turn"
                    | "change"
                    | "add"
                    | "give"
                    | "apply"
                    | "replace"
                    | "swap"
                    | "is"
                    | "are"
                    | "was"
                    | "were"
                    | "looks"
                    | "look"
                    | "should"
                    | "recolour"
                    | "recolor"
                    | "paint"
                    | "dye"
                    | "put"
                    | "keep"
            )
        });
        // (A noun phrase: "she wears a vintage dress; make it black and white" is about the
        // picture.)
        let noun_phrase = words.first().is_some_and(|first| {
            matches!(
                first.as_str(),
                "the" | "my" | "his" | "her" | "their" | "our" | "your" | "this" | "that"
            ) || ITEMS.contains(&first.as_str())
                || colours::by_name(first).is_some()
        });
        let next = &all[k + 1].words;
        let coloured = |words: &[String]| {
            let words: Vec<&str> = words.iter().map(String::as_str).collect();
            (0..words.len()).any(|i| colours::match_words(&words[i..]).is_some())
        };
        // "a black cap, make it red": with a colour on each side, "it" is the cap too (read
        // as the picture, the cap went black and the whole picture red).
        let coloured_pair = words
            .first()
            .is_some_and(|first| matches!(first.as_str(), "a" | "an"))
            && coloured(words)
            && coloured(next);
        let item = words
            .iter()
            .rev()
            .find(|word| ITEMS.contains(&word.as_str()))
            .filter(|_| noun_phrase || coloured_pair);
        let refers = next
            .iter()
            .any(|word| matches!(word.as_str(), "it" | "them"))
            && !next.iter().any(|word| ITEMS.contains(&word.as_str()));
        if let (true, Some(item), true) = (verbless && words.len() <= 7, item, refers) {
            let mut named: Vec<String> = vec!["the".into()];
            named.extend(
                words
                    .iter()
                    .filter(|word| colours::by_name(word).is_some())
                    .cloned(),
            );
            named.push(item.clone());
            let mut replaced = Vec::new();
            for word in &all[k + 1].words {
                if matches!(word.as_str(), "it" | "them") {
                    replaced.extend(named.iter().cloned());
                } else {
                    replaced.push(word.clone());
                }
            }
            all[k + 1].words = replaced;
            all.remove(k);
        } else {
            k += 1;
        }
    }
    all
}

/// The thing a description is about when it is not the picture: "the mug" of "the mug is
/// red", "the kettlebell" of "the kettlebell is red".
fn described_thing(words: &[String]) -> Option<String> {
    let verb = words.iter().position(|word| {
        matches!(
            word.as_str(),
            "is" | "are" | "was" | "were" | "looks" | "look"
        )
    })?;
    if verb == 0 || verb > 10 {
        return None;
    }
    // "the dumbbells on the rack behind me are yellow", "the mailbox at the curb is
    // rusty": the thing is named before where it is.
    let head_end = words[..verb]
        .iter()
        .position(|word| {
            matches!(
                word.as_str(),
                "on" | "in"
                    | "at"
                    | "behind"
                    | "by"
                    | "near"
                    | "of"
                    | "from"
                    | "next"
                    | "outside"
                    | "inside"
                    | "under"
                    | "above"
                    | "beside"
                    | "against"
                    | "around"
            )
        })
        .filter(|&at| at > 0)
        .unwrap_or(verb);
    if head_end > 4 {
        return None;
    }
    let noun = words[head_end - 1].as_str();
    // "the colours are dull, make them pop": the colours (read as the subject, "them"
    // regraded the person alone).
    if matches!(noun, "colours" | "colors") {
        return Some("colours".to_owned());
    }
    // "the sky is grey, make it blue": a grey sky (which has no blue to bring out).
    if noun == "sky"
        && words[verb + 1..].iter().any(|word| {
            matches!(
                word.as_str(),
                "grey" | "gray" | "white" | "overcast" | "cloudy" | "dull" | "washed" | "flat"
            )
        })
    {
        return Some("grey sky".to_owned());
    }
    let picture = matches!(
        noun,
        "video"
            | "footage"
            | "clip"
            | "picture"
            | "image"
            | "film"
            | "movie"
            | "shot"
            | "scene"
            | "frame"
            | "colours"
            | "colors"
            | "colour"
            | "color"
            | "it"
            | "this"
            | "that"
            | "everything"
            | "lighting"
            | "light"
            | "grade"
            | "look"
            | "tone"
            | "tones"
            | "exposure"
            | "contrast"
            | "saturation"
            | "grain"
            | "i"
            | "we"
            | "she"
            | "he"
            | "they"
            | "there"
    );
    let determined = head_end == 1
        || matches!(
            words[0].as_str(),
            "the" | "my" | "our" | "his" | "her" | "their" | "your" | "this" | "that"
        );
    // ("the", so the refusal reads "make the mug blue" and names the mug as a thing that
    // cannot be recoloured.)
    (!picture && determined && noun.chars().all(|c| c.is_ascii_alphabetic()))
        .then(|| format!("the {noun}"))
}

/// "fix it", "can you tone it down": a clause that asks for what the clause before it
/// complained of, and for nothing of its own.
fn only_follow_up(words: &[String]) -> bool {
    words.iter().all(|word| {
        matches!(
            word.as_str(),
            "fix"
                | "correct"
                | "it"
                | "them"
                | "the"
                | "tint"
                | "cast"
                | "this"
                | "that"
                | "please"
                | "can"
                | "you"
                | "tone"
                | "down"
                | "remove"
                | "make"
                | "neutral"
                // "can you fix it so it looks normal"
                | "could"
                | "so"
                | "looks"
                | "look"
                | "normal"
                | "natural"
                | "right"
                | "again"
                | "back"
                | "to"
                // "..., bring it down a bit"
                | "a"
                | "bit"
                | "little"
                | "touch"
                | "slightly"
        )
    })
}

/// "the video looks dull", "it is a bit flat": a describing verb and a word that, said of
/// the footage, is a complaint. Returns where the verb and the word are, and the request
/// that replaces the two (the opposite of the word, which read as a request "dull" would
/// desaturate).
fn described_complaint(words: &[String]) -> Option<(usize, usize, &'static [&'static str])> {
    (0..words.len()).find_map(|verb| {
        if !matches!(
            words[verb].as_str(),
            "looks" | "look" | "is" | "are" | "seems" | "feels" | "feel"
        ) {
            return None;
        }
        // ("so intense": "intense" is an intensity word too, and was skipped as one.)
        let i = verb
            + 1
            + words[verb + 1..]
                .iter()
                .take_while(|word| {
                    complaint_request(word).is_none()
                        && (intensity(word).is_some()
                            || matches!(word.as_str(), "a" | "bit" | "little" | "so" | "way"))
                })
                .count();
        let replacement = complaint_request(words.get(i)?)?;
        // "the colours are so intense"; not "the grain is so intense", which is no colour.
        let of_colour = words[..verb].iter().any(|word| {
            matches!(
                word.as_str(),
                "colours" | "colors" | "colour" | "color" | "saturation" | "tones"
            )
        });
        if matches!(words[i].as_str(), "intense" | "loud") && !of_colour {
            return None;
        }
        Some((verb, i, replacement))
    })
}

/// A clause shaped as a description rather than an order: a noun phrase ("a girl in a
/// yellow raincoat ...", "the kitchen ..."), or a clause of four words or more with a
/// participle or a form of "be" ("snow falling on a red barn at dusk"). An imperative
/// whose verb no list names ("freeze the frame at 3 seconds") is neither, and stays a
/// request to be refused.
fn narrative(words: &[String]) -> bool {
    let determined = words.first().is_some_and(|word| {
        matches!(
            word.as_str(),
            "a" | "an" | "the" | "my" | "our" | "this" | "his" | "her" | "their" | "its"
        )
    });
    let described = words.len() >= 4
        && words.iter().any(|word| {
            (word.len() >= 6 && word.ends_with("ing"))
                || matches!(word.as_str(), "is" | "are" | "was" | "were")
        });
    // "sunset picnic on the beach with my family", "drone shot over a turquoise lagoon": a
    // noun phrase without its article. An order's verb is followed by its object's
    // article or pronoun ("freeze the frame", "loop it"), which this is not.
    let bare_noun_phrase = words.len() >= 4
        && !matches!(
            words[1].as_str(),
            "the"
                | "it"
                | "a"
                | "an"
                | "this"
                | "that"
                | "everything"
                | "some"
                | "my"
                | "his"
                | "her"
                | "them"
                | "their"
                | "our"
                | "up"
                | "down"
                | "out"
                | "off"
                | "in"
                | "on"
                | "all"
                | "every"
                | "each"
                | "me"
                | "him"
                | "us"
                | "both"
                | "these"
                | "those"
        );
    determined || described || bare_noun_phrase
}

/// Orders refused whatever else the clause says, with why.
fn refused_outright(words: &[String]) -> Option<&'static str> {
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

/// "orbit shot around the subject", "slow dolly in": a camera that moves, even where the
/// clause otherwise reads as the shot described (the grade beside it was performed and the
/// move left out).
fn camera_moves(words: &[String]) -> Option<&'static str> {
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

/// "please don't touch my face", "don't change the framing at all", "I don't want her cut
/// out of the frame", "please don't mess with the audio": a wish that something is left
/// alone, which names no effect (a named one, "don't add grain", is ruled out as such).
fn spares(words: &[String]) -> bool {
    let words: Vec<&str> = words.iter().map(String::as_str).collect();
    let Some(at) = words
        .iter()
        .position(|word| matches!(*word, "dont" | "don't" | "never"))
        .or_else(|| {
            words
                .windows(2)
                .position(|pair| pair == ["do", "not"])
                .map(|k| k + 1)
        })
    else {
        return false;
    };
    let before_ok = words[..at].iter().all(|word| {
        matches!(
            *word,
            "please" | "and" | "but" | "i" | "we" | "just" | "do" | "so"
        )
    });
    let rest = &words[at + 1..];
    // ("please don't add anything to the scene" asks for nothing to be added.)
    let nothing_added = rest.first() == Some(&"add")
        && rest
            .get(1)
            .is_some_and(|next| matches!(*next, "anything" | "any"));
    let leaves_alone = rest.first().is_some_and(|verb| {
        matches!(
            *verb,
            "touch"
                | "change"
                | "alter"
                | "mess"
                | "edit"
                | "modify"
                | "move"
                | "want"
                | "worry"
                | "adjust"
                | "tweak"
                | "affect"
                | "crop"
        )
    }) || nothing_added;
    let effect = (0..rest.len()).any(|i| {
        longest_effect(&rest[i..]).is_some() || colours::match_words(&rest[i..]).is_some()
    });
    // (What would have to be added or cut to honour it is still an order: "don't want the
    // background, replace it".)
    let asks = !nothing_added
        && rest.iter().any(|word| {
            matches!(
                *word,
                "add" | "added" | "replace" | "replaced" | "remove" | "removed" | "instead"
            )
        });
    before_ok && leaves_alone && !effect && !asks
}

/// "I think it would look really timeless", "it would mean a lot to the family", "my
/// grandad would have loved that": how the writer feels about what was asked. Never with
/// an edit's word, "if", "with" or "without" ("it would look great with some snow" asks
/// for snow).
fn reaction(words: &[String]) -> bool {
    let words: Vec<&str> = words.iter().map(String::as_str).collect();
    // ("would" itself is gone by now: "it would mean a lot" reads "it mean a lot".)
    let framed = matches!(
        words.first(),
        Some(&("i" | "it" | "that" | "this" | "he" | "she" | "they" | "my" | "we"))
    ) && words.iter().any(|word| {
        matches!(
            *word,
            "think"
                | "know"
                | "like"
                | "likes"
                | "mean"
                | "means"
                | "meant"
                | "loved"
                | "love"
                | "going"
                | "appreciate"
                | "keepsake"
                | "moon"
        )
    }) || words.windows(2).any(|pair| {
        // "it'll look messy on such a small screen": what the writer expects of it.
        matches!(pair[0], "will" | "would" | "might") && matches!(pair[1], "look" | "be")
    }) && matches!(words.first(), Some(&("it" | "that" | "this")));
    let edit_word = (0..words.len()).any(|i| {
        longest_effect(&words[i..]).is_some() || colours::match_words(&words[i..]).is_some()
    });
    framed
        && !edit_word
        && !words.iter().enumerate().any(|(i, word)| {
            // ("I think it would make a beautiful keepsake": "make" of what it would be.)
            // (Only of a keepsake: "it would make a nice snowy scene" wishes for snow.)
            let would_make = *word == "make"
                && i > 0
                && matches!(words[i - 1], "it" | "would")
                && words.iter().any(|word| {
                    matches!(
                        *word,
                        "keepsake" | "gift" | "present" | "memory" | "souvenir" | "tribute"
                    )
                });
            // ("would" is an order's verb only in a question: "would you ...".)
            request_verb(word) && !would_make && *word != "would"
                || matches!(
                    *word,
                    "if" | "with"
                        | "without"
                        | "instead"
                        | "more"
                        | "less"
                        | "add"
                        | "added"
                        | "snow"
                        | "rain"
                        | "music"
                        | "text"
                        | "zoom"
                )
        })
}

/// The verb of an order ("make it warmer", "can you brighten it"): what makes a prompt an
/// instruction beside its description, where a list of the output's qualities ("a fox
/// walking through snow, pixel art", "..., VHS look with scan lines") is a generative
/// model's prompt, whose scene may be what the picture should become, and is refused.
fn instructs(word: &str) -> bool {
    (request_verb(word)
        && !matches!(
            word,
            "keep" | "grade" | "tint" | "too" | "wants" | "needs" | "more" | "less"
        ))
        || matches!(
            word,
            "trim" | "push" | "pull" | "lift" | "crush" | "deepen" | "bump" | "crank"
        )
}

/// A clause with an order's verb, or that opens with a verb that is also a colour word
/// ("tint it teal", "warm up just her").
fn instruction(words: &[String]) -> bool {
    words.iter().any(|word| instructs(word))
        || (words.len() >= 2
            && matches!(
                words[0].as_str(),
                "tint" | "warm" | "cool" | "tone" | "grade" | "colour" | "color"
            )
            && matches!(
                words[1].as_str(),
                "it" | "up" | "down" | "the" | "everything" | "this" | "just" | "her" | "him"
            ))
}

/// The words that make a clause a request in [`describes`]: an order's verb, a modal or a
/// wish ("can", "want"), "too".
fn request_verb(word: &str) -> bool {
    matches!(
        word,
        "make"
            | "add"
            | "turn"
            | "apply"
            | "give"
            | "change"
            | "convert"
            | "transform"
            | "put"
            | "replace"
            | "swap"
            | "switch"
            | "remove"
            | "blur"
            | "brighten"
            | "darken"
            | "increase"
            | "decrease"
            | "reduce"
            | "boost"
            | "lower"
            | "raise"
            | "use"
            | "keep"
            | "set"
            | "recolor"
            | "recolour"
            | "desaturate"
            | "saturate"
            | "sharpen"
            | "soften"
            | "fix"
            | "correct"
            | "mute"
            | "enhance"
            | "grade"
            | "regrade"
            | "paint"
            | "dye"
            | "crop"
            | "lighten"
            | "tint"
            | "too"
            | "should"
            | "would"
            | "could"
            | "can"
            | "please"
            | "want"
            | "wants"
            | "need"
            | "needs"
            | "let"
            | "try"
            | "more"
            | "less"
            | "invert"
            | "posterize"
            | "pixelate"
            | "stylize"
            | "stylise"
            | "animate"
            | "colorize"
            | "colourise"
            // "have a dog walk through the shot", "get rid of the guy behind me": asks for
            // content (read as descriptions, "walk" and "shot" dropped them unread).
            | "erase"
            | "delete"
            | "hide"
            | "insert"
            | "include"
            | "bring"
            | "place"
            | "overlay"
            | "draw"
            | "write"
            | "stabilize"
            | "stabilise"
            | "zoom"
    )
}

/// A word that makes a clause a request rather than a description: a request's verb, or a
/// word of degree or negation ("more grain", "too dark", "no snow").
fn asks_for_something(word: &str) -> bool {
    request_verb(word)
        || matches!(
            word,
            "makes"
                | "adding"
                | "pls"
                | "pan"
                | "speed"
                | "slow"
                | "reverse"
                | "rotate"
                | "flip"
                | "generate"
                | "create"
                | "show"
                | "appear"
                | "go"
                | "get"
                | "enough"
                | "no"
                | "not"
                | "dont"
                | "don't"
                | "without"
                | "never"
                | "only"
                | "just"
                | "instead"
                | "into"
                | "like"
                | "look"
                | "style"
                | "effect"
                | "filter"
                | "feel"
                | "vibe"
                | "vibes"
                | "aesthetic"
                | "version"
                | "have"
                | "cut"
                | "loop"
                | "freeze"
                | "repeat"
                | "extend"
                | "shorten"
                | "lengthen"
                | "split"
                | "merge"
                | "crossfade"
                | "transition"
                | "caption"
                | "subtitle"
                | "dub"
                | "translate"
                | "narrate"
                | "upscale"
                | "interpolate"
                | "stretch"
                | "squash"
                | "mirror"
                | "track"
                | "follow"
                | "morph"
                | "trim"
                | "fade"
                | "edit"
                | "cover"
                | "lift"
                | "push"
                | "pull"
                | "crush"
                | "deepen"
                | "drop"
                | "bump"
                | "crank"
                | "fill"
                | "match"
                | "leave"
                | "stays"
                | "stay"
                | "remain"
                | "keeping"
                | "kept"
                | "unchanged"
                | "while"
                | "but"
        )
}

/// "the glow is too strong", "the grain is so intense", "the vignette is way too strong":
/// where the verb is, in a clause that says an effect is overdone.
fn overdone(words: &[String]) -> Option<usize> {
    let n = words.len();
    let verb = words[..n.saturating_sub(1)]
        .iter()
        .rposition(|word| matches!(word.as_str(), "is" | "are"))?;
    let between = &words[verb + 1..n - 1];
    (verb >= 1
        && between
            .iter()
            .any(|word| matches!(word.as_str(), "too" | "so" | "way"))
        && between.iter().all(|word| {
            matches!(
                word.as_str(),
                "too" | "so" | "way" | "far" | "really" | "a" | "bit" | "little" | "just"
            )
        })
        && matches!(
            words[n - 1].as_str(),
            "strong" | "much" | "heavy" | "intense" | "obvious" | "noticeable"
        ))
    .then_some(verb)
}

/// "the colours are so intense", "it is way dark": a complaint by its emphasis, as "too"
/// makes one. ("The scene is dark, add grain" describes; "it is so dark" complains.)
fn emphatic_complaint(words: &[String]) -> bool {
    // ("the colours look super dull on my phone" says where, and stays a description.)
    described_complaint(words).is_some_and(|(verb, word, _)| {
        words[verb + 1..word]
            .iter()
            .any(|word| matches!(word.as_str(), "so" | "way" | "super" | "hella"))
            && words[word + 1..]
                .iter()
                .all(|word| matches!(word.as_str(), "now" | "lol" | "rn" | "honestly" | "tbh"))
    })
}

/// What a complaint word said of the footage asks for: its opposite.
fn complaint_request(word: &str) -> Option<&'static [&'static str]> {
    Some(match word {
        "dull" | "bland" | "lifeless" | "drab" | "desaturated" => &["needs", "more", "saturation"],
        "dark" | "dim" | "murky" => &["is", "too", "dark"],
        "flat" | "muddy" => &["needs", "more", "contrast"],
        "harsh" => &["needs", "less", "contrast"],
        "oversaturated" | "garish" | "loud" | "intense" | "gaudy" => &["is", "too", "saturated"],
        "icy" | "cold" | "chilly" => &["is", "too", "cold"],
        "gloomy" => &["is", "too", "dark"],
        _ => return None,
    })
}

/// "saturated greens and blues", "boost the reds and yellows", "pink tones and yellows": a
/// band of hues named after "and" shares what the clause before asks of its band (alone,
/// "blues" asked for nothing and was refused).
fn bands_shared(mut all: Vec<Clause>) -> Vec<Clause> {
    // "Bright, saturated colours": bright colours are vivid ones, not a brighter picture.
    for k in 0..all.len().saturating_sub(1) {
        let colours_next = all[k + 1]
            .words
            .last()
            .is_some_and(|word| matches!(word.as_str(), "colours" | "colors"));
        if colours_next && all[k].words == ["bright"] {
            all[k].words = vec!["vivid".into()];
        }
    }
    const BANDS: &[(&str, &str)] = &[
        ("reds", "red"),
        ("oranges", "orange"),
        ("yellows", "yellow"),
        ("greens", "green"),
        ("blues", "blue"),
        ("purples", "purple"),
        ("magentas", "magenta"),
        ("cyans", "cyan"),
        ("teals", "teal"),
    ];
    for k in 1..all.len() {
        let [word] = &all[k].words[..] else {
            continue;
        };
        let Some((band, single)) = BANDS.iter().find(|(band, _)| band == word) else {
            continue;
        };
        let before = &all[k - 1].words;
        let Some(last) = before.last() else {
            continue;
        };
        let mut shared = before.clone();
        if BANDS.iter().any(|(other, _)| other == last) {
            *shared.last_mut().expect("not empty") = (*band).to_owned();
        } else if last == "tones"
            && before.len() >= 2
            && colours::by_name(&before[before.len() - 2]).is_some()
        {
            let at = before.len() - 2;
            shared[at] = (*single).to_owned();
        } else {
            continue;
        }
        all[k].words = shared;
    }
    all
}

/// "night city", "rainy alley at night", "forest walk", "old fisherman mending a net",
/// "train pulling into the station": a scene or someone doing something, named as an item of
/// an image generator's prompt beside the look ("noir, vignette, rainy alley at night"):
/// what the clip shows, not an edit (read as one, "night" graded day for night and "alley"
/// was refused). Only words of places, weather and light, people and things that move, and
/// after a verb of doing anything but a request.
fn scene_described(words: &[&str]) -> bool {
    const PLACES: &[&str] = &[
        "city",
        "street",
        "streets",
        "alley",
        "road",
        "highway",
        "bridge",
        "forest",
        "woods",
        "beach",
        "desert",
        "park",
        "cafe",
        "restaurant",
        "bar",
        "kitchen",
        "office",
        "field",
        "farm",
        "mountain",
        "mountains",
        "lake",
        "river",
        "ocean",
        "sea",
        "harbour",
        "harbor",
        "station",
        "market",
        "festival",
        "concert",
        "party",
        "wedding",
        "picnic",
        "dinner",
        "table",
        "bench",
        "overpass",
        "ferry",
        "deck",
        "garden",
        "room",
        "bedroom",
        "gym",
        "stadium",
        "court",
        "track",
        "hike",
        "walk",
        "drive",
        "driving",
        "march",
        "parade",
        "game",
        "match",
        "highlight",
        "highlights",
        "landscape",
        "skyline",
        "rooftop",
        "subway",
        "airport",
        "volleyball",
        "football",
        "soccer",
        "basketball",
        "sports",
        "protest",
        "traffic",
        "crowd",
        "sofa",
        "couch",
        "window",
        "stage",
        "shore",
        "coast",
        "village",
        "town",
        "downtown",
        "countryside",
        "meadow",
        "snowfield",
        "pier",
        "boardwalk",
    ];
    const LIGHT_AND_WEATHER: &[&str] = &[
        "night",
        "rainy",
        "snowy",
        "foggy",
        "misty",
        "sunny",
        "overcast",
        "cloudy",
        "busy",
        "crowded",
        "empty",
        "quiet",
        "old",
        "young",
        "little",
        "small",
        "big",
        "wet",
        "urban",
        "rural",
        "evening",
        "morning",
        "afternoon",
        "dusk",
        "dawn",
        "winter",
        "summer",
        "autumn",
        "spring",
        "tropical",
        "local",
        "outdoor",
        "indoor",
        "late",
    ];
    const MOVERS: &[&str] = &[
        "fisherman",
        "farmer",
        "runner",
        "cyclist",
        "cyclists",
        "rider",
        "skater",
        "surfer",
        "dancer",
        "dancers",
        "family",
        "friends",
        "crowd",
        "car",
        "cars",
        "train",
        "bus",
        "bike",
        "bikes",
        "boat",
        "boats",
        "dog",
        "dogs",
        "cat",
        "horse",
        "birds",
        "traffic",
    ];
    const LINKS: &[&str] = &[
        "a", "an", "the", "at", "in", "on", "by", "around", "through", "into", "under", "near",
        "with", "of", "along", "across", "toward", "towards", "to", "and", "her", "his", "their",
    ];
    if words.is_empty() || words.len() > 9 {
        return false;
    }
    let person = |word: &str| {
        SUBJECT_WORDS.contains(&word)
            || PERSON_DESCRIPTORS.contains(&word)
            || MOVERS.contains(&word)
    };
    // Someone doing something: whatever follows the verb is what they do.
    let doing = words.iter().position(|word| {
        word.len() > 4
            && word.ends_with("ing")
            && longest_effect(&[*word]).is_none()
            && !matches!(
                *word,
                "looking" | "wearing" | "becoming" | "turning" | "changing"
            )
    });
    // ("the character looking like this concept art" asks for a likeness.)
    if words.iter().any(|word| matches!(*word, "like" | "as")) {
        return false;
    }
    let named_before = &words[..doing.unwrap_or(words.len())];
    let who_or_where = named_before.iter().all(|word| {
        person(word)
            || PLACES.contains(word)
            || LIGHT_AND_WEATHER.contains(word)
            || LINKS.contains(word)
    });
    let anchored = named_before
        .iter()
        .any(|word| person(word) || PLACES.contains(word));
    who_or_where
        && anchored
        && (doing.is_some() || named_before.iter().any(|word| PLACES.contains(word)))
}

/// Whether a clause describes the footage rather than asking for something: a describing
/// verb ("is", "shot", "wears") and no word of asking, or only a person and what they wear.
fn describes(words: &[String]) -> bool {
    // "warm tones so she stands out": what the clause is for says nothing of the footage
    // (read with it, "she stands" made the request a description).
    let words = match purpose_start(words) {
        Some(start) if start > 0 => &words[..start],
        _ => words,
    };
    let emphatic = emphatic_complaint(words);
    let words: Vec<&str> = words.iter().map(String::as_str).collect();
    // "but skin stays where it is" asks for skin to be kept out of the grade (read as a
    // description, the wish was dropped).
    if keeps_skin(&words) {
        return false;
    }
    if matches!(words.first(), Some(&("because" | "since" | "which"))) {
        return true;
    }
    // "my dad would love that", "my little brother is gonna lose it": someone the clip is
    // for, not a request (unless an effect is named: "my mom wants it warmer").
    if words.first() == Some(&"my")
        && words.get(1).is_some_and(|word| RELATIONS.contains(word))
        && words.iter().all(|word| longest_effect(&[*word]).is_none())
    {
        return true;
    }
    // "don't make the fish look fake", "without being cheesy": a wish about how the edit
    // should come across, which asks for no operation (read as a request, its scene word
    // refused the whole prompt).
    let quality = |word: &&str| {
        matches!(
            *word,
            "fake"
                | "cheesy"
                | "overdone"
                | "overprocessed"
                | "artificial"
                | "plastic"
                | "tacky"
                | "unnatural"
                | "garish"
                | "gimmicky"
                | "filtered"
                | "edited"
        )
    };
    if matches!(
        words.first(),
        Some(&("dont" | "don't" | "never" | "without" | "not" | "please"))
    ) && words.iter().any(quality)
        && words
            .iter()
            .filter(|word| longest_effect(&[**word]).is_some())
            .count()
            == 0
    {
        return true;
    }
    // "accuracy matters here", "this is important": emphasis on the clause before it.
    if words.iter().any(|word| {
        matches!(
            *word,
            "matters" | "matter" | "important" | "crucial" | "essential"
        )
    }) && words.iter().all(|word| {
        matches!(
            *word,
            "accuracy"
                | "realism"
                | "authenticity"
                | "matters"
                | "matter"
                | "important"
                | "crucial"
                | "essential"
                | "here"
                | "this"
                | "that"
                | "it"
                | "is"
                | "really"
                | "very"
                | "so"
                | "the"
                | "to"
                | "for"
                | "us"
                | "me"
                | "please"
        )
    }) {
        return true;
    }
    let asks = words.iter().enumerate().any(|(i, word)| {
        request_verb(word)
            || (*word == "have"
                && (i == 0 || matches!(words[i - 1], "and" | "then" | "also" | "please" | "just")))
            || (*word == "get" && words.get(i + 1) == Some(&"rid"))
            || (matches!(*word, "warm" | "cool" | "heat" | "tone" | "clean")
                && matches!(
                    words.get(i + 1),
                    Some(&("up" | "down" | "it" | "the" | "everything"))
                ))
    });
    // "her dress is too red": a complaint about a garment; what it should become comes next.
    let complaint = words.contains(&"too")
        && words.iter().any(|word| ITEMS.contains(word))
        && !words.iter().any(|word| {
            matches!(
                *word,
                "make" | "change" | "turn" | "recolor" | "recolour" | "paint" | "dye"
            )
        });
    if (asks && !complaint) || emphatic {
        return false;
    }
    if scene_described(&words) {
        return true;
    }
    // "the thumbnail needs to pop", "listings need to stand out": why, not what.
    let no_effect = words.iter().all(|word| longest_effect(&[*word]).is_none());
    if no_effect
        && words.windows(3).any(|three| {
            matches!(three[0], "needs" | "need")
                && three[1] == "to"
                && matches!(three[2], "pop" | "stand" | "shine" | "sell")
        })
    {
        return true;
    }
    // "the bathroom tiles look yellow": what something looks like (not "make it look ...").
    if matches!(
        words.first(),
        Some(&("the" | "my" | "our" | "his" | "her" | "their"))
    ) && (1..words.len())
        .any(|i| matches!(words[i], "look" | "looks") && words.get(i + 1) != Some(&"like"))
        && !words.iter().any(|word| {
            matches!(
                *word,
                "make" | "turn" | "change" | "give" | "add" | "apply" | "should" | "can"
            )
        })
    {
        return true;
    }

    // "a cinematic shot with warm tones": the noun, which asks for the look.
    let shot_noun = |i: usize| {
        i > 0
            && matches!(
                words[i - 1],
                "a" | "an"
                    | "cinematic"
                    | "wide"
                    | "close"
                    | "establishing"
                    | "tracking"
                    | "aerial"
                    | "drone"
                    | "long"
                    | "medium"
                    | "beautiful"
                    | "moody"
            )
    };
    let verb = words.iter().enumerate().any(|(i, word)| {
        (*word == "shot" && !shot_noun(i))
            || matches!(
                *word,
                "is" | "are"
                    | "am"
                    | "ruined"
                    | "made"
                    | "said"
                    | "was"
                    | "were"
                    | "filmed"
                    | "recorded"
                    | "taken"
                    | "captured"
                    | "wears"
                    | "walks"
                    | "walking"
                    | "plays"
                    | "playing"
                    | "sits"
                    | "sitting"
                    | "stands"
                    | "standing"
                    | "shows"
                    | "has"
                    | "had"
                    | "looks"
                    | "seems"
                    | "appears"
            )
    }) || (matches!(words.first(), Some(&("we" | "i" | "they")))
        // "we have it in navy now", "we sell it in red too": what the maker has, not a
        // request (read as one, "navy" tinted the picture).
        && matches!(
            words.get(1),
            Some(&("have" | "sell" | "stock" | "make" | "got" | "own" | "offer"))
        ))
        || (1..words.len()).any(|i| {
            // "the colours look dull"; not "look like an old film", which asks, nor "a
            // desaturated look", a noun.
            words[i] == "look"
                && words.get(i + 1) != Some(&"like")
                && matches!(
                    words[i - 1],
                    "colours"
                        | "colors"
                        | "they"
                        | "things"
                        | "tones"
                        | "whites"
                        | "blacks"
                        | "shadows"
                        | "highlights"
                        | "faces"
                        | "shots"
                        | "scenes"
                        | "these"
                        | "those"
                )
        });
    // "the woman in the blue dress": a person told apart by what they wear ("her dress
    // blue", "his shirt to blue" ask for a colour).
    let person_only = words.iter().any(|word| SUBJECT_WORDS.contains(word))
        && words
            .iter()
            .any(|word| matches!(*word, "in" | "wearing" | "dressed" | "with"))
        && !words.iter().any(|word| matches!(*word, "to" | "into"))
        && words.iter().enumerate().all(|(i, word)| {
            is_filler(word)
                || SUBJECT_WORDS.contains(word)
                || PERSON_DESCRIPTORS.contains(word)
                || GARMENT_DESCRIPTORS.contains(word)
                || ITEMS.contains(word)
                || matches!(*word, "wearing" | "dressed")
                || colours::match_words(&words[i..]).is_some()
                || (i > 0 && colours::match_words(&words[i - 1..]).is_some_and(|(_, len)| len > 1))
        });
    // ("Clip of a corgi playing in autumn leaves": said to be the clip, it is the clip.)
    if names_new_content(&words) && !super::notes::says_it_is_the_clip(&words) {
        return false;
    }
    verb || person_only || scene_description(&words)
}

/// Whether a clause written as if it described the footage tells of something the picture
/// should become or gain (see [`describes`]): such a clause is never context.
pub(super) fn names_new_content(words: &[&str]) -> bool {
    // "the beach is now a snowy mountain peak", "the kitchen is a spaceship interior", "a
    // fox walking through snow", "fireflies around the girl sitting on the porch": what
    // the picture should become or gain, written as if it were so. Not a description of
    // the footage (read as one, the prompt was accepted and the change silently left out);
    // the rules that read edits refuse it. "This is a wedding video", "it is a bit dark"
    // still describe.
    let becomes = words.iter().enumerate().any(|(i, word)| {
        let meta = i > 0
            && matches!(
                words[i - 1],
                "this" | "it" | "that" | "video" | "clip" | "footage" | "film" | "shot" | "which"
            );
        matches!(*word, "is" | "are")
            && match (words.get(i + 1), words.get(i + 2)) {
                (Some(&"now"), _) => true,
                // ("The wall is a dull beige": its colour, said with an article.)
                (Some(&("a" | "an")), Some(next)) => {
                    !meta
                        && intensity(next).is_none()
                        && !matches!(*next, "lot" | "bit")
                        && !(i + 2..(i + 4).min(words.len()))
                            .any(|k| colours::match_words(&words[k..]).is_some())
                }
                _ => false,
            }
    });
    let appears = words.iter().any(|word| APPEARING.contains(word))
        && words
            .iter()
            .any(|word| word.len() > 4 && word.ends_with("ing"));
    // "her dress a flowing ballgown": a garment said to be something else.
    let garment_becomes = words
        .windows(2)
        .any(|pair| ITEMS.contains(&pair[0]) && matches!(pair[1], "a" | "an" | "now"));
    becomes || appears || garment_becomes
}

/// "a girl riding a bicycle along a canal", "a dog on a beach", "friends laughing around a
/// bonfire": the footage's subject, what it does and where, as prompts for generative video
/// models are written beside the style they ask for (read as requests, every such clause
/// refused the prompt: "dog" is not an edit). Only a clause that names nothing this engine
/// could do counts: no effect, no background, no colour except what someone wears ("a man
/// in a navy suit giving a speech"), no negation; what could be an edit is left to the rules
/// that read edits, and refused there if it cannot be done ("a street at night" is a grade).
fn scene_description(words: &[&str]) -> bool {
    // An instruction starts with its verb ("match the light on me", "render it as ...");
    // a description with its subject.
    const IMPERATIVES: &[&str] = &[
        "match",
        "open",
        "close",
        "render",
        "show",
        "stage",
        "generate",
        "create",
        "draw",
        "move",
        "place",
        "insert",
        "include",
        "hide",
        "light",
        "relight",
        "zoom",
        "pan",
        "tilt",
        "rotate",
        "flip",
        "mirror",
        "speed",
        "slow",
        "stabilize",
        "stabilise",
        "track",
        "cut",
        "trim",
        "loop",
        "reverse",
        "extend",
        "fill",
        "erase",
        "delete",
        "paste",
        "animate",
        "film",
        "shoot",
        "frame",
        "follow",
        "orbit",
        "push",
        "pull",
        "bring",
        "take",
        "get",
        "go",
        "let",
        "have",
        "be",
        "do",
        "put",
        "leave",
    ];
    // Words that pick one thing out of several or say where something goes ("the drummer
    // in the back", "date stamp in the corner"), limit an edit ("only in the shadows"), or
    // compare with something ("looking like this concept art"): a request, not a scene.
    const NOT_A_SCENE: &[&str] = &[
        "left",
        "right",
        "middle",
        "back",
        "front",
        "center",
        "centre",
        "corner",
        "top",
        "bottom",
        "side",
        "only",
        "just",
        "except",
        "but",
        "all",
        "everything",
        "like",
        "as",
        "this",
        "these",
        "attached",
        "reference",
        "image",
        "picture",
        "photo",
        "shadows",
        "highlights",
        "midtones",
        "blacks",
        "whites",
        "stamp",
        "text",
        "logo",
        "caption",
        "captions",
        "title",
        "titles",
        "subtitle",
        "subtitles",
        "watermark",
        "sticker",
        "stickers",
        "emoji",
        "timestamp",
        "date",
        "border",
        "overlay",
        "graphic",
        "graphics",
        "arrow",
        "label",
        "badge",
        "banner",
        "it",
        "its",
        "them",
        "added",
        "whole",
        "with",
    ];
    // Techniques of a style, named as nouns ("screentone shading", "light hatching"): what
    // the picture should look like, not what the footage shows.
    const TECHNIQUES: &[&str] = &[
        "shading",
        "hatching",
        "crosshatching",
        "rendering",
        "texturing",
        "outlining",
        "painting",
        "drawing",
        "sketching",
        "printing",
        "bleeding",
        "glowing",
        "flickering",
        "streaking",
        "blending",
        "dithering",
        "stippling",
        "inking",
        "lettering",
        "toning",
    ];
    let worn = |i: usize, len: usize| {
        words[i + len..]
            .iter()
            .find(|word| !GARMENT_DESCRIPTORS.contains(word))
            .is_some_and(|word| ITEMS.contains(word))
    };
    // Where someone's clothes' colour is named ("in a navy suit"): not an effect.
    let worn_colour =
        |i: usize| colours::match_words(&words[i..]).is_some_and(|(_, len)| worn(i, len));
    if words.len() < 2
        || IMPERATIVES.contains(&words[0])
        || words.iter().any(|word| {
            negation(word)
                || NOT_A_SCENE.contains(word)
                || TECHNIQUES.contains(word)
                || word.chars().any(|c| c.is_ascii_digit())
        })
        || words.iter().any(|word| BACKGROUND_NOUNS.contains(word))
        || (0..words.len()).any(|i| longest_effect(&words[i..]).is_some() && !worn_colour(i))
    {
        return false;
    }
    if (0..words.len())
        .any(|i| colours::match_words(&words[i..]).is_some_and(|(_, len)| !worn(i, len)))
    {
        return false;
    }
    // What the subject does ("riding", "plating", "laughing"), or where it is.
    let acting = words.iter().skip(1).any(|word| {
        word.len() > 4
            && word.ends_with("ing")
            && !matches!(
                *word,
                "everything"
                    | "something"
                    | "nothing"
                    | "anything"
                    | "lighting"
                    | "grading"
                    | "editing"
                    | "colouring"
                    | "coloring"
                    | "setting"
                    | "framing"
                    | "clothing"
                    | "keeping"
                    | "making"
                    | "adding"
                    | "removing"
                    | "changing"
                    | "using"
            )
    });
    let placed = words.iter().skip(1).any(|word| {
        matches!(
            *word,
            "on" | "in"
                | "at"
                | "through"
                | "along"
                | "across"
                | "under"
                | "near"
                | "by"
                | "inside"
                | "outside"
                | "over"
                | "into"
                | "onto"
                | "against"
        )
    });
    // What footage is of: people, animals, vehicles, or the shot itself ("product shot of
    // a bottle"). Things that would have to be added are not ("snow falling", "a hot air
    // balloon floating in the sky behind the couple", "petals falling everywhere").
    let head = words
        .iter()
        .take_while(|word| !matches!(**word, "of" | "in" | "on" | "at" | "with" | "wearing"))
        .any(|word| {
            SUBJECT_WORDS.contains(word)
                || FOOTAGE_SUBJECTS.contains(word)
                || word.strip_suffix('s').is_some_and(|one| {
                    FOOTAGE_SUBJECTS.contains(&one) || SUBJECT_WORDS.contains(&one)
                })
        });
    let added = words.iter().any(|word| {
        APPEARING.contains(word)
            || matches!(
                *word,
                "around"
                    | "behind"
                    | "above"
                    | "beside"
                    | "below"
                    | "beneath"
                    | "everywhere"
                    | "next"
                    | "sky"
                    | "clouds"
                    | "now"
                    | "becomes"
                    | "turns"
                    | "instead"
            )
    });
    head && !added && (acting || placed)
}

/// Nouns footage is usually of, beyond the people of [`SUBJECT_WORDS`]: a clause about one
/// of them doing something, or somewhere, describes the clip.
const FOOTAGE_SUBJECTS: &[&str] = &[
    "dog",
    "puppy",
    "cat",
    "kitten",
    "horse",
    "cow",
    "sheep",
    "goat",
    "bird",
    "duck",
    "retriever",
    "bear",
    "deer",
    "fox",
    "rabbit",
    "squirrel",
    "monkey",
    "elephant",
    "lion",
    "tiger",
    "car",
    "truck",
    "van",
    "bus",
    "train",
    "tram",
    "motorbike",
    "motorcycle",
    "bike",
    "bicycle",
    "cyclist",
    "skateboarder",
    "surfer",
    "skier",
    "snowboarder",
    "boat",
    "ship",
    "plane",
    "drone",
    "family",
    "friends",
    "crowd",
    "chef",
    "barista",
    "cook",
    "waiter",
    "musician",
    "violinist",
    "guitarist",
    "drummer",
    "pianist",
    "rapper",
    "dancer",
    "ballerina",
    "actor",
    "actress",
    "model",
    "teacher",
    "student",
    "worker",
    "farmer",
    "fisherman",
    "hiker",
    "climber",
    "swimmer",
    "detective",
    "soldier",
    "officer",
    "doctor",
    "nurse",
    "grandpa",
    "grandma",
    "grandfather",
    "grandmother",
    "mother",
    "father",
    "mom",
    "dad",
    "son",
    "daughter",
    "toddler",
    "kid",
    "child",
    "teen",
    "teenager",
    "student",
    "shot",
    "footage",
    "clip",
    "video",
    "timelapse",
    "vlog",
    "interview",
    "tutorial",
    "walkthrough",
    "session",
    "ride",
    "drive",
    "trip",
    "tour",
    "elderly",
    // Food and products, as they are filmed for menus and shops.
    "plate",
    "bowl",
    "cup",
    "mug",
    "glass",
    "bottle",
    "slice",
    "cake",
    "pizza",
    "burger",
    "sushi",
    "ramen",
    "pasta",
    "coffee",
    "latte",
    "cocktail",
    "drink",
    "dish",
    "meal",
    "food",
    "phone",
    "smartphone",
    "laptop",
    "watch",
    "sneaker",
    "sneakers",
    "shoe",
    "shoes",
    "perfume",
    "product",
    "jewelry",
    "jewellery",
    "necklace",
    // More of who and what is filmed at work and at play.
    "hands",
    "hand",
    "hamster",
    "pigeon",
    "parrot",
    "chicken",
    "goose",
    "swan",
    "owl",
    "mechanic",
    "florist",
    "postman",
    "waiter",
    "waitress",
    "fishermen",
    "tractor",
    "bartender",
    "commuter",
    "passenger",
    "tourist",
    "shopper",
    "worker",
    "builder",
    "carpenter",
    "baker",
    "painter",
    "gardener",
    "surgeon",
    "pilot",
    "jogger",
    "walker",
    "biker",
    "puppies",
    "kittens",
];

/// What a generative model would add to the picture: weather, particles, creatures and
/// objects that appear ("snow falling", "fireflies around the girl").
const APPEARING: &[&str] = &[
    "snow",
    "rain",
    "raindrops",
    "petals",
    "blossom",
    "blossoms",
    "leaves",
    "fireflies",
    "confetti",
    "sparks",
    "sparkles",
    "glitter",
    "fire",
    "flames",
    "smoke",
    "fog",
    "mist",
    "bubbles",
    "balloon",
    "balloons",
    "fireworks",
    "rainbow",
    "stars",
    "moon",
    "sun",
    "lightning",
    "butterflies",
    "dragon",
    "ghost",
    "ufo",
    "whale",
    "fish",
    "crown",
    "wings",
    "halo",
    "aura",
    "explosion",
    "explosions",
    "exploding",
    "floating",
    "falling",
    "flying",
    "appearing",
    "emerging",
    "hovering",
    "swirling",
    "glowing",
    "burning",
    "melting",
    "morphing",
    "transforming",
    "growing",
    "raining",
    "snowing",
    // Found hidden in unseen descriptions (batch q): what floats, floods, flickers or
    // perches where the footage may show nothing of the kind, and settings no clip is
    // filmed in.
    "flooded",
    "flooding",
    "lantern",
    "lanterns",
    "christmas",
    "perched",
    "float",
    "floats",
    "flicker",
    "flickers",
    "mars",
    "planet",
    "distance",
];

/// "colour splash, keep only the red": a clause that only names the colour splash is the
/// heading of the next one, which says which colour.
fn headings_joined(clauses: Vec<Clause>) -> Vec<Clause> {
    let mut joined: Vec<Clause> = Vec::with_capacity(clauses.len());
    let mut heading: Option<Clause> = None;
    for clause in clauses {
        let words = &clause.words;
        // "background: white", "dress: red": a noun alone names what the next clause sets.
        let names_a_thing = matches!(
            &words.iter().map(String::as_str).collect::<Vec<_>>()[..],
            [thing] | ["the", thing] if BACKGROUND_NOUNS.contains(thing) || ITEMS.contains(thing)
        );
        let is_heading = names_a_thing
            || words
                .iter()
                .any(|word| matches!(word.as_str(), "splash" | "selective"))
                && words.iter().all(|word| {
                    matches!(
                        word.as_str(),
                        "colour"
                            | "color"
                            | "splash"
                            | "selective"
                            | "a"
                            | "an"
                            | "the"
                            | "effect"
                            | "style"
                            | "look"
                            | "apply"
                            | "add"
                            | "with"
                            | "do"
                            | "make"
                    )
                });
        let clause = match heading.take() {
            Some(mut heading) => {
                heading.words.extend(clause.words);
                heading
            }
            None => clause,
        };
        if is_heading {
            heading = Some(clause);
        } else {
            joined.push(clause);
        }
    }
    joined.extend(heading);
    joined
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
        | Operation::ReplaceBackground { .. }
        | Operation::Recolour { .. }
        | Operation::SelectiveColour { .. }
        | Operation::HueSaturation { .. } => None,
        other => Some((other.name(), None)),
    };
    let mut kept: Vec<Candidate> = Vec::new();
    for candidate in candidates {
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

/// "exposure +0.5", "exposure -1", "+1 ev", "-0.5ev": a signed number of stops, as a
/// photo editor's slider writes it, rewritten to words ("more exposure by 0.5 stops") before
/// the signs are lost with the other punctuation.
fn signed_exposure(text: &str) -> String {
    let tokens: Vec<&str> = text.split_whitespace().collect();
    let mut out: Vec<String> = Vec::with_capacity(tokens.len());
    let mut i = 0;
    while i < tokens.len() {
        let token = tokens[i].trim_end_matches([',', ';', '.', '!', '?', ')']);
        let (number, ev_suffix) = match token.strip_suffix("ev") {
            Some(number) => (number, true),
            None => (token, false),
        };
        let sign = number.chars().next().filter(|c| matches!(c, '+' | '-'));
        let magnitude = number.trim_start_matches(['+', '-']);
        let numeric = !magnitude.is_empty()
            && magnitude
                .parse::<f32>()
                .is_ok_and(|n| n.is_finite() && n > 0.0);
        let next_is = |units: &[&str]| {
            tokens.get(i + 1).is_some_and(|next| {
                units.contains(&next.trim_end_matches([',', ';', '.', '!', '?', ')']))
            })
        };
        // ("+1 stop", "-0.5 stops": a slider's stops.)
        let ev_next = next_is(&["ev"]) || (sign.is_some() && next_is(&["stop", "stops"]));
        // The word before, past a "by" or "to": "exposure", or an exposure verb.
        let mut back = out.len();
        while back > 0 && matches!(out[back - 1].as_str(), "by" | "to" | "of" | "at") {
            back -= 1;
        }
        let after_exposure =
            back > 0 && matches!(out[back - 1].trim_end_matches(':'), "exposure" | "ev");
        // "saturation -20%", "contrast +30", "brightness -20%": a slider's signed share.
        let magnitude_share = magnitude.trim_end_matches('%');
        let quantity = back > 0
            && matches!(
                out[back - 1].trim_end_matches(':'),
                "saturation"
                    | "contrast"
                    | "brightness"
                    | "vibrance"
                    | "warmth"
                    | "sharpness"
                    | "clarity"
            );
        if sign.is_some()
            && quantity
            && magnitude_share
                .parse::<f32>()
                .is_ok_and(|n| n.is_finite() && n > 0.0)
        {
            let word = out[back - 1].trim_end_matches(':').to_owned();
            out.truncate(back - 1);
            let direction = if sign == Some('-') { "less" } else { "more" };
            // The clause ends where the value did ("contrast +20, saturation -10").
            let trailing = &tokens[i][token.len()..];
            out.push(format!(
                "{direction} {word} by {magnitude_share}%{trailing}"
            ));
            i += 1;
            continue;
        }
        if numeric && (ev_suffix || ev_next || (after_exposure && sign.is_some())) {
            // A direction already said ("lower the exposure -1") is kept; the sign only
            // speaks where no word does.
            let said = out[back.saturating_sub(4)..].iter().any(|word| {
                direction(word).is_some()
                    || matches!(
                        word.as_str(),
                        "brighten"
                            | "darken"
                            | "brighter"
                            | "darker"
                            | "drop"
                            | "underexpose"
                            | "overexpose"
                    )
            });
            if after_exposure {
                out.truncate(back - 1);
                // "set the exposure to +2": the setting is the change.
                while out
                    .last()
                    .is_some_and(|word| matches!(word.as_str(), "the" | "set"))
                {
                    out.pop();
                }
            }
            if !said {
                out.push(if sign == Some('-') { "less" } else { "more" }.into());
            }
            out.push(format!("exposure by {magnitude} stops"));
            if token.len() < tokens[i].len() {
                out.push(tokens[i][token.len()..].into());
            }
            // ("exposure +1 stop": the unit said after the number.)
            let unit_next =
                ev_next || (after_exposure && sign.is_some() && next_is(&["stop", "stops"]));
            if unit_next {
                // (The unit's punctuation still ends the clause: "exposure +1 ev, ...".)
                let unit = tokens[i + 1];
                let bare = unit.trim_end_matches([',', ';', '.', '!', '?', ')']);
                if bare.len() < unit.len() {
                    out.push(unit[bare.len()..].into());
                }
            }
            i += if unit_next { 2 } else { 1 };
            continue;
        }
        out.push(tokens[i].into());
        i += 1;
    }
    out.join(" ")
}

/// Colour temperature as a slider or a white balance writes it: "temp +200K" is warmer,
/// "temperature -500K" cooler; a Kelvin figure beside a white balance ("warm white balance
/// 500K") says no more than its words.
fn temperatures(text: &str) -> String {
    let text = text.replace(" kelvin", "k").replace(" k ", "k ");
    let tokens: Vec<&str> = text.split_whitespace().collect();
    let mut out: Vec<String> = Vec::with_capacity(tokens.len());
    for token in tokens {
        let bare = token.trim_end_matches([',', ';', '.', '!', '?', ')']);
        let trailing = &token[bare.len()..];
        let sign = bare.chars().next().filter(|c| matches!(c, '+' | '-'));
        let kelvin = bare
            .trim_start_matches(['+', '-'])
            .strip_suffix('k')
            .and_then(|number| number.parse::<f32>().ok())
            .filter(|number| number.is_finite() && *number > 0.0);
        let before = out
            .last()
            .map(|word| word.trim_end_matches(':').to_owned())
            .unwrap_or_default();
        // "temperature -5": a slider's own units, not Kelvin.
        let slider = bare
            .trim_start_matches(['+', '-'])
            .parse::<f32>()
            .ok()
            .filter(|value| value.is_finite() && *value > 0.0 && sign.is_some())
            .filter(|_| matches!(before.as_str(), "temp" | "temperature"))
            .map(|value| {
                if value < 10.0 {
                    100.0
                } else if value >= 50.0 {
                    1000.0
                } else {
                    500.0
                }
            });
        let kelvin = kelvin.or(slider);
        // "cool it down by 800K", "warm it 300 kelvin": the way is said, the figure is how
        // far.
        let said_way = out.iter().rev().take(5).any(|word| {
            matches!(
                word.trim_end_matches([',', ';']),
                "warm" | "warmer" | "cool" | "cooler"
            )
        });
        if let (Some(kelvin), None, true) = (kelvin, sign, said_way) {
            while out
                .last()
                .is_some_and(|word| matches!(word.as_str(), "by" | "about" | "around" | "roughly"))
            {
                out.pop();
            }
            // ("warmer, around 4500K": a figure like that is a temperature, not a change of
            // one; the way said is the edit.)
            if kelvin >= 2000.0 {
                if !trailing.is_empty() {
                    out.push(trailing.to_owned());
                }
            } else if kelvin < 300.0 {
                out.push(format!("slightly{trailing}"));
            } else if kelvin >= 1000.0 {
                out.push(format!("strongly{trailing}"));
            } else if !trailing.is_empty() {
                out.push(trailing.to_owned());
            }
            continue;
        }
        match (kelvin, sign, before.as_str()) {
            (Some(kelvin), Some(sign), "temp" | "temperature" | "kelvin" | "balance" | "wb") => {
                if matches!(before.as_str(), "temp" | "temperature" | "kelvin") {
                    out.pop();
                }
                let amount = if kelvin < 300.0 {
                    "slightly "
                } else if kelvin >= 1000.0 {
                    "much "
                } else {
                    ""
                };
                let way = if sign == '+' { "warmer" } else { "cooler" };
                out.push(format!("{amount}{way}{trailing}"));
            }
            (Some(_), None, "balance" | "wb") => {
                if let Some(last) = out.last_mut() {
                    last.push_str(trailing);
                }
            }
            _ => out.push(token.to_owned()),
        }
    }
    out.join(" ")
}

/// "It is too dark pls fix": a bare "fix" at the end is "fix it", the request a complaint
/// makes of itself.
fn bare_fix(text: &str) -> String {
    let mut text = text.to_owned();
    let end = text
        .trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '.' | '!' | '?'))
        .len();
    if text[..end].ends_with(" fix") {
        text.insert_str(end, " it");
    }
    text
}

/// "Put a soft vignette on it": the effect added (read as "put", adding an object).
fn put_on_it(text: &str) -> String {
    let mut text = text.to_owned();
    while let Some(at) = text
        .match_indices("put ")
        .map(|(at, _)| at)
        .find(|&at| at == 0 || text.as_bytes()[at - 1] == b' ')
    {
        let rest = &text[at + 4..];
        let Some(on) = [
            " on it",
            " over it",
            " on top",
            " over everything",
            " over the whole thing",
            " over the whole clip",
            " over the whole video",
        ]
        .iter()
        .filter_map(|end| rest.find(end).map(|k| (k, end.len())))
        .min() else {
            break;
        };
        let inner = &rest[..on.0];
        if inner.split_whitespace().count() > 4
            || !matches!(inner.split_whitespace().next(), Some("a" | "an" | "some"))
        {
            break;
        }
        text = format!("{}add {}{}", &text[..at], inner, &rest[on.0 + on.1..]);
    }
    text
}

/// "Do" as the verb of an edit, as second-language prompts use it ("do the video more dark",
/// "can you do it black and white", "do more film grain"): "make". Not in questions or
/// negations ("what do you think", "do not add grain").
fn do_as_make(text: &str) -> String {
    let tokens: Vec<&str> = text.split(' ').collect();
    let mut out: Vec<String> = Vec::with_capacity(tokens.len());
    for (i, token) in tokens.iter().enumerate() {
        let word = |k: usize| {
            tokens
                .get(k)
                .map(|t| t.trim_matches(|c: char| !c.is_alphanumeric()))
        };
        let is_do = token.trim_end_matches([',', '.', '!', '?', ';', ':']) == "do";
        let next_ok = !matches!(
            word(i + 1),
            None | Some("not" | "you" | "we" | "i" | "they" | "he" | "she" | "so" | "that")
        );
        let previous_ok = i == 0
            || !matches!(
                word(i - 1),
                Some(
                    "how"
                        | "what"
                        | "why"
                        | "where"
                        | "when"
                        | "which"
                        | "to"
                        | "i"
                        | "we"
                        | "they"
                        | "would"
                        | "will"
                        | "does"
                        | "did"
                )
            );
        if is_do && next_ok && previous_ok {
            out.push(token.replacen("do", "make", 1));
        } else {
            out.push((*token).to_owned());
        }
    }
    out.join(" ")
}

/// Chat spelling written out ("can u make the vid warmer pls", "blak n white", "its rly
/// dark"), and chat's asides dropped ("lol", "bro", "thx"): before this, every such word
/// was refused as an unknown edit. Words are matched whole, punctuation kept.
fn chat_spelling(text: &str) -> String {
    let spelled = |word: &str| -> Option<&'static str> {
        Some(match word {
            "u" | "ya" => "you",
            "ur" => "your",
            "r" => "are",
            "n" => "and",
            "pls" | "plz" | "plss" | "plez" | "pleasee" | "pleaseee" => "please",
            "vid" | "vids" | "vdeo" | "vide" => "video",
            "rly" | "realy" | "rlly" => "really",
            "abt" => "about",
            "w/" => "with",
            "w/o" => "without",
            "bc" | "cuz" | "coz" | "cos" => "because",
            "im" => "i am",
            "theres" => "there is",
            "thats" => "that is",
            "blak" => "black",
            "wite" => "white",
            "nite" => "night",
            "insted" => "instead",
            "gough" => "gogh",
            "abit" => "a bit",
            // "a tad warmer", "a smidge brighter": an amount, not a thing.
            "tad" | "smidge" | "smidgen" | "smidgeon" | "skosh" => "bit",

            "alot" => "a lot",
            "wb" => "white balance",
            "gimme" => "give it",
            "gradiant" | "gradent" | "graident" => "gradient",
            "luk" | "lok" | "lookk" => "look",
            "wiht" | "wtih" | "wit" => "with",
            "grup" => "group",
            "bf" => "boyfriend",
            "gf" => "girlfriend",
            "rn" => "",
            // A palette's colours in the plural ("warm pinks", "creams and golds"), where
            // no band of hues has that name: tones of the colour.
            "pinks" => "pink tones",
            "creams" => "cream tones",
            "golds" => "gold tones",
            "ambers" => "amber tones",
            "browns" => "brown tones",
            "beiges" => "beige tones",
            "corals" => "coral tones",
            "ngl" | "tbh" | "imo" | "imho" | "fr" => "",
            "bnw" | "b/w" => "black and white",
            "theyre" => "they are",
            "youre" => "you are",
            "nr" | "dnr" => "noise reduction",
            "highly" => "very",
            "balence" | "ballance" | "balanse" | "balnce" => "balance",
            "grainy-er" | "grainyer" => "grainier",
            // Editors' word for who is on camera.
            "talent" => "subject",
            "tho" | "altho" => "though",
            "lil" => "little",
            "sooo" | "soooo" => "so",
            "+" => "and",
            "thx" | "ty" | "tysm" | "thanx" | "thnx" | "thankyou" | "lol" | "lmao" | "haha"
            | "hahaha" | "bro" | "bruh" | "dude" | "heyy" | "heyyy" | "hii" | "yo" | "af"
            | "omg" | "xd" | "ok" | "okay" | "k" => "",
            _ => return None,
        })
    };
    // "its rly dark", "sharpen the vid its blury": "its" before a description is "it is",
    // and starts a clause of its own (read as one clause, "blurry" added a blur).
    const DESCRIBING: &[&str] = &[
        "really",
        "rly",
        "so",
        "too",
        "very",
        "kinda",
        "super",
        "way",
        "quite",
        "a",
        "blurry",
        "blury",
        "dark",
        "bright",
        "dull",
        "boring",
        "grainy",
        "noisy",
        "shaky",
        "flat",
        "cold",
        "warm",
        "overexposed",
        "underexposed",
        "blown",
        "my",
        "for",
        "all",
        "just",
        "not",
    ];
    let tokens: Vec<&str> = text.split(' ').collect();
    let mut describing = false;
    let mut skip_next_as: Option<&str> = None;
    let mut out = String::with_capacity(text.len());
    for (i, token) in tokens.iter().enumerate() {
        let end = token.trim_end_matches([',', '.', '!', '?', ';', ':']).len();
        let (word, tail) = token.split_at(end);
        if i > 0 {
            out.push(' ');
        }
        let describes_next = tokens
            .get(i + 1)
            .is_some_and(|next| DESCRIBING.contains(&bare_word(next)));
        // "make the edges dark": a vignette (read as "dark", it darkened the picture).
        if word == "edges"
            && tail.is_empty()
            && tokens
                .get(i + 1)
                .is_some_and(|next| bare_word(next) == "dark")
        {
            out.push_str("dark");
            describing = false;
            skip_next_as = Some("edges");
            continue;
        }
        if let Some(replacement) = skip_next_as.take() {
            out.push_str(replacement);
            out.push_str(tail);
            continue;
        }
        // "warm it up a hair", "a hair brighter": the idiom for a tiny amount (read as hair,
        // it was refused as a change of a person's appearance). A hair of someone's is "her
        // hair", "the hair"; "a hair clip" goes on to a noun.
        if word == "hair" && i > 0 && bare_word(tokens[i - 1]) == "a" {
            let next = tokens.get(i + 1).map(|next| bare_word(next));
            let amount = !tail.is_empty()
                || next.is_none_or(|next| {
                    next.ends_with("er")
                        || matches!(
                            next,
                            "more" | "less" | "too" | "and" | "but" | "then" | "please" | "if"
                        )
                });
            if amount {
                out.push_str("bit");
                out.push_str(tail);
                continue;
            }
        }
        // "to sharp make it more soft": "too", a complaint (read as "sharp", it sharpened).
        let starts_clause = i == 0 || tokens[i - 1].ends_with([',', '.', '!', '?', ';', ':']);
        if word == "to"
            && starts_clause
            && tokens.get(i + 1).is_some_and(|next| {
                matches!(
                    bare_word(next),
                    "sharp"
                        | "dark"
                        | "bright"
                        | "blurry"
                        | "warm"
                        | "cold"
                        | "saturated"
                        | "grainy"
                        | "noisy"
                        | "dull"
                        | "orange"
                        | "yellow"
                        | "blue"
                        | "green"
                        | "contrasty"
                        | "much"
                        | "soft"
                        | "red"
                        | "pink"
                )
            })
        {
            out.push_str("too");
            out.push_str(tail);
            continue;
        }
        let break_clause = |out: &mut String| {
            if !out.trim_end().ends_with([',', '.', '!', '?', ';', ':']) {
                out.truncate(out.trim_end().len());
                out.push_str(", ");
            }
        };
        if word == "its" && tail.is_empty() && describes_next {
            if i > 0 {
                break_clause(&mut out);
            }
            out.push_str("it is");
            describing = true;
            continue;
        }
        // ("its rly dark make it brighter": the request after the description is a clause
        // of its own.)
        if describing
            && matches!(
                word,
                "make" | "add" | "turn" | "give" | "put" | "change" | "can" | "please"
            )
        {
            break_clause(&mut out);
            describing = false;
        }
        if !tail.is_empty() {
            describing = false;
        }
        // ("about a quarter", "roughly half": the amount is the amount.)
        if matches!(
            word,
            "about" | "roughly" | "approximately" | "approx" | "around"
        ) && tail.is_empty()
            && tokens.get(i + 1).is_some_and(|next| {
                let next = bare_word(next);
                matches!(
                    next,
                    "a" | "an" | "half" | "third" | "quarter" | "one" | "two" | "three"
                ) || next.trim_end_matches('%').parse::<f32>().is_ok()
            })
        {
            out.truncate(out.trim_end().len());
            continue;
        }
        // "nothing cartoonish, nothing purple": "no".
        if word == "nothing"
            && tail.is_empty()
            && tokens.get(i + 1).is_some_and(|next| {
                // ("nothing crazy", "nothing flashy" ask for restraint: read elsewhere.)
                !matches!(
                    bare_word(next),
                    "crazy"
                        | "flashy"
                        | "wild"
                        | "extreme"
                        | "dramatic"
                        | "fancy"
                        | "heavy"
                        | "much"
                        | "over"
                        | "overboard"
                        | "excessive"
                        | "major"
                ) && (next.ends_with([',', '.', ';', '!', '?']) || i + 2 == tokens.len())
            })
        {
            out.push_str("no");
            continue;
        }
        // Texting shorthand that depends on its neighbours: "replace bg w black", "less
        // sat", "low con", "the colour in the ref".
        let previous = i.checked_sub(1).map(|k| bare_word(tokens[k]));
        let next = tokens.get(i + 1).map(|next| bare_word(next));
        let shorthand = match word {
            "w" if next.is_some() => Some("with"),
            // "lowkey make it warmer" is slang for "a bit"; "lowkey lighting" is the look.
            "lowkey"
                if !next.is_some_and(|n| {
                    matches!(n, "lighting" | "light" | "lit" | "look" | "style" | "grade")
                }) =>
            {
                Some("")
            }
            "sat"
                if previous.is_some_and(|p| {
                    matches!(
                        p,
                        "less"
                            | "more"
                            | "low"
                            | "high"
                            | "lower"
                            | "higher"
                            | "the"
                            | "boost"
                            | "reduce"
                            | "bump"
                            | "drop"
                            | "and"
                            | "+"
                            | "-"
                            | "no"
                    )
                }) || next.is_some_and(|n| matches!(n, "down" | "up" | "by" | "to")) =>
            {
                Some("saturation")
            }
            "con"
                if previous.is_some_and(|p| {
                    matches!(p, "low" | "high" | "hi" | "more" | "less" | "the")
                }) =>
            {
                Some("contrast")
            }
            "ref" => Some(
                if next.is_some_and(|n| matches!(n, "image" | "photo" | "pic" | "picture")) {
                    "reference"
                } else {
                    "reference image"
                },
            ),
            _ => None,
        };
        if let Some(written) = shorthand {
            out.push_str(written);
            out.push_str(tail);
            continue;
        }
        // "a touch more colour": saturation ("colour" alone names no edit).
        if matches!(word, "colour" | "color")
            && i > 0
            && bare_word(tokens[i - 1]) == "more"
            && tokens[i - 1] == bare_word(tokens[i - 1])
        {
            out.push_str("saturation");
            out.push_str(tail);
            continue;
        }
        match spelled(word) {
            Some(written) => {
                out.push_str(written);
                out.push_str(tail);
            }
            None => out.push_str(token),
        }
    }
    out
}

/// A message written as to a person (twenty-fifth session, 150 such prompts: 83 of the 105
/// doable ones were refused): greetings and thanks, polite frames round the request ("I
/// was wondering whether you could ...", "is it possible to ..."), second thoughts ("a
/// blue tint, no wait, teal"; "add some grain - actually no, skip the grain"), and a
/// choice made after weighing two ("not sure if sepia or black and white ... let's go with
/// sepia"). Greetings go, frames become the order they carry, and what was taken back goes.
fn conversational(text: &str) -> String {
    const SOCIAL: &[&str] = &[
        "hi",
        "hello",
        "hiya",
        "hey",
        "there",
        "again",
        "thanks",
        "thank",
        "thankyou",
        "you",
        "so",
        "much",
        "very",
        "many",
        "a",
        "lot",
        "bunch",
        "million",
        "in",
        "advance",
        "for",
        "your",
        "help",
        "patience",
        "time",
        "appreciate",
        "appreciated",
        "it",
        "really",
        "kindly",
        "rush",
        "at",
        "all",
        "ever",
        "star",
        "you're",
        "youre",
        "are",
        "sorry",
        "to",
        "bother",
        "hoping",
        "hope",
        "odd",
        "request",
        "i",
        "know",
        "but",
        "random",
        "one",
        "hmm",
        "oh",
        "cheers",
        "great",
        "please",
        "x",
        "xx",
        "lovely",
        "amazing",
        "brilliant",
        "awesome",
        "legend",
        "mate",
        "ok",
        "okay",
        "well",
        "um",
        "ah",
        "sure",
        "that",
        "means",
        "this",
        "me",
        "doing",
        "any",
        "can",
        "give",
        "regards",
        "best",
        "kind",
        "wishes",
        "yes",
        "is",
        "a",
        "silly",
        "going",
        "we",
        "might",
        "be",
        "the",
        "just",
        "wondering",
        "quick",
        "question",
        "favour",
        "favor",
        "ta",
        "lots",
        "love",
        "anyway",
        "final",
        "answer",
    ];
    // A word said on its own in the middle of a sentence ("maybe some grain too, yes,
    // definitely the grain").
    const INTERJECTIONS: &[&str] = &[
        "yes", "yeah", "hmm", "sorry", "ok", "okay", "oh", "well", "um",
    ];
    // Said after the request to soften it, where the words alone would read as edits
    // ("warm regards" as a warm grade).
    const PHRASES: &[&str] = &[
        "warm regards",
        "kind regards",
        "best regards",
        "warmest regards",
        "with love",
        "no rush at all",
        "no rush",
        "if you would",
        "if you can",
        "if possible",
        "this is going to sound silly but",
        "this is going to sound silly",
        "might sound silly",
        "if it is not too much trouble",
        "if it's not too much trouble",
        "if that makes sense",
        "if that's ok",
        "if that is ok",
        " or anything like that",
        " or anything",
        " at all",
    ];
    const FRAMES: &[(&str, &str)] = &[
        ("i was wondering whether it's possible to ", ""),
        ("i was wondering whether it is possible to ", ""),
        ("i was wondering if it's possible to ", ""),
        ("i was wondering if it is possible to ", ""),
        ("i was wondering whether you could ", ""),
        ("i was wondering if you could ", ""),
        ("i was wondering if you can ", ""),
        ("is it possible to ", ""),
        ("would it be possible to ", ""),
        ("would it be possible for you to ", ""),
        ("is there a way to ", ""),
        ("is there any way to ", ""),
        ("is there any way you could ", ""),
        ("is there any chance you could ", ""),
        ("any chance you could ", ""),
        ("would you be able to ", ""),
        ("are you able to ", ""),
        ("could you possibly ", ""),
        ("could you maybe ", ""),
        ("can you maybe ", ""),
        ("could you please ", ""),
        ("can you please ", ""),
        ("would you mind making ", "make "),
        ("would you mind giving ", "give "),
        ("would you mind adding ", "add "),
        ("would you mind turning ", "turn "),
        ("would you mind cutting ", "cut "),
        ("would you mind ", ""),
        ("i'd love it to look like ", "make it look like "),
        ("i would love it to look like ", "make it look like "),
        ("i'd love this clip to look like ", "make it look like "),
        ("i would love this clip to look like ", "make it look like "),
        ("i'd love this clip to have ", "give it "),
        ("i would love this clip to have ", "give it "),
        ("i'd love this to look like ", "make it look like "),
        ("i'd love it to feel like ", "make it feel like "),
        ("i would love it to feel like ", "make it feel like "),
        ("i'd love a ", "add a "),
        ("i would love a ", "add a "),
        ("i'd love ", ""),
        ("i would love ", ""),
        ("i'd like to see a ", "apply a "),
        ("i would like to see a ", "apply a "),
        ("i'd like a ", "add a "),
        ("i would like a ", "add a "),
        ("i was thinking a ", "add a "),
        ("i was thinking ", ""),
        ("i want the colours to feel ", "make the colours "),
        ("i want the colors to feel ", "make the colors "),
        ("could you do that for me", ""),
        ("do that for me", ""),
        ("nothing else needs changing", "keep everything else"),
        ("nothing else needs to change", "keep everything else"),
        ("no other changes needed", "keep everything else"),
        // The rest of a "would you mind ...ing" request.
        (" and muting it", " and mute it"),
        (" and making it", " and make it"),
        (" and adding ", " and add "),
        (" and turning it", " and turn it"),
        (" and cropping it", " and crop it"),
        (" and blurring ", " and blur "),
        ("could you apply that, please", ""),
        ("could you apply that", ""),
        ("let's go with ", "make it "),
        ("lets go with ", "make it "),
        ("go with ", "make it "),
        (" would be nicer", ""),
        (" would be better", ""),
        (" would make this feel ", ", so it feels "),
        (" would make it feel ", ", so it feels "),
        ("do a black and white version", "make it black and white"),
        ("do a sepia version", "make it sepia"),
        ("do that ", "give it that "),
        ("could the ", "make the "),
        ("can the ", "make the "),
    ];
    let mut text = text.replace("it's ", "it is ");
    // "Joker (2019) grade": the film's year says which film (read as a setting, the
    // parentheses made the rest a setting of no key).
    let mut from = 0;
    while let Some(found) = text[from..].find('(') {
        let at = from + found;
        let year = text
            .get(at + 1..at + 5)
            .and_then(|digits| digits.parse::<u16>().ok());
        if year.is_some_and(|year| (1900..=2030).contains(&year))
            && text.as_bytes().get(at + 5) == Some(&b')')
        {
            text.replace_range(at..at + 6, "");
        } else {
            from = at + 1;
        }
    }
    // "If you can't blur the background, just make it black and white": the fallback is for
    // when the first choice cannot be done; the first choice is what is done (or refused).
    for fallback in [
        "if you can't ",
        "if you cannot ",
        "if you can not ",
        "if that's not possible",
        "if that is not possible",
        "if not possible",
        "if it isn't possible",
        "if you're unable",
    ] {
        while let Some(at) = text.find(fallback) {
            let end = text[at..]
                .find(['.', '!', '?'])
                .map_or(text.len(), |k| at + k);
            text.replace_range(at..end, "");
        }
    }
    for phrase in PHRASES {
        text = replace_words(&text, phrase, "");
    }
    // Second thoughts: what comes before "no wait" or "actually no" in its sentence (back
    // to the last comma or dash) is taken back.
    for marker in [
        ", no wait,",
        " no wait,",
        " - actually no,",
        ", actually no,",
        " actually, no,",
    ] {
        while let Some(at) = text.find(marker) {
            let start = text[..at]
                .rfind([',', '.', '!', '?', ';'])
                .map_or(0, |k| k + 1);
            let start = text[start..at]
                .find(" - ")
                .map_or(start, |k| start + k + 3)
                .max(start);
            text.replace_range(start..at + marker.len(), " ");
        }
    }
    let mut out = String::with_capacity(text.len());
    let sentences: Vec<&str> = text.split_inclusive(['.', '!', '?']).collect();
    // A choice weighed in one sentence and made in another: the weighing goes.
    let decided = sentences.iter().any(|sentence| {
        let sentence = sentence.trim_start();
        ["let's go with", "lets go with", "go with"]
            .iter()
            .any(|decision| sentence.contains(decision))
    });
    // Whether a piece of a sentence is nothing but greeting and thanks.
    let social = |part: &str| {
        let mut words = part
            .split(|c: char| c.is_whitespace() || matches!(c, ',' | '.' | '!' | '?'))
            .filter(|word| !word.is_empty())
            .peekable();
        words.peek().is_some() && words.all(|word| SOCIAL.contains(&word))
    };
    for sentence in sentences {
        let trimmed = sentence.trim();
        let pleasantry = social(trimmed);
        let weighing = decided
            && [
                "not sure if",
                "not sure whether",
                "can't decide",
                "cannot decide",
                "torn between",
            ]
            .iter()
            .any(|doubt| trimmed.contains(doubt));
        if pleasantry || weighing {
            continue;
        }
        // Leading and trailing comma-separated greetings and thanks ("Hiya, hoping you can
        // help." is whole; "Odd request, I know, but could you ...", "..., thank you so
        // much!").
        let mut parts: Vec<&str> = sentence.split_inclusive(',').collect();
        let mut leading = false;
        while parts.len() > 1 && social(parts[0]) {
            parts.remove(0);
            leading = true;
        }
        let mut trailing = false;
        while parts.len() > 1 && social(parts[parts.len() - 1]) {
            parts.pop();
            trailing = true;
        }
        parts.retain(|part| {
            let bare = part.trim().trim_end_matches([',', '.', '!', '?']).trim();
            !INTERJECTIONS.contains(&bare)
        });
        let mut sentence = parts.concat();
        if trailing {
            // The sentence keeps its own end: "..., thank you so much!" -> "...!".
            let end: String = trimmed
                .chars()
                .rev()
                .take_while(|c| matches!(c, '.' | '!' | '?'))
                .collect();
            sentence = format!("{}{end} ", sentence.trim_end().trim_end_matches(','));
        }
        // "Odd request, I know, but could you blur ...": the "but" answered the greeting.
        if leading {
            if let Some(rest) = sentence.trim_start().strip_prefix("but ") {
                sentence = format!(" {rest}");
            }
        }
        for (frame, order) in FRAMES {
            sentence = replace_words(&sentence, frame, order);
        }
        out.push_str(&sentence);
    }
    out
}

/// What a brief says around its requests: "TikTok version: 9:16, no music" (a heading),
/// "mute it, we'll add a trending sound in the app" (what the writer will do afterwards),
/// and "shot on 16mm film stock, (grain:1.4)" as a ported prompt's style tag (read as a
/// description of the footage, the 16mm look was left out).
fn brief_furniture(text: &str) -> String {
    const HEADINGS: &[&str] = &[
        "version",
        "post",
        "cut",
        "edit",
        "teaser",
        "ad",
        "cutdown",
        "deliverable",
        "reel",
        "story",
        "short",
        "shorts",
    ];
    const LATER: &[&str] = &[
        "we will ",
        "i will ",
        "we are going to ",
        "i am going to ",
        "we're going to ",
        "we'll ",
        "i'll ",
        "im going to ",
    ];
    const FILM: &[&str] = &[
        "16mm",
        "8mm",
        "super",
        "35mm",
        "70mm",
        "65mm",
        "kodak",
        "portra",
        "kodachrome",
        "ektachrome",
        "fuji",
        "fujifilm",
        "velvia",
        "cinestill",
        "vhs",
        "old",
        "vintage",
        "expired",
        "super8",
    ];
    let mut out = String::with_capacity(text.len());
    let mut first = true;
    for segment in text.split_inclusive([',', '.', ';', '!', '?']) {
        let body = segment.trim_start();
        let lead = body
            .strip_prefix("and ")
            .or_else(|| body.strip_prefix("then "))
            .or_else(|| body.strip_prefix("- "))
            .unwrap_or(body);
        if !first && LATER.iter().any(|later| lead.starts_with(later)) {
            // The previous segment keeps its own punctuation; this one goes.
            continue;
        }
        let mut segment = segment.to_owned();
        // "tiktok version: 9:16": up to five words and a colon open the sentence.
        if let Some(colon) = segment.find(": ") {
            let head = &segment[..colon];
            let words: Vec<&str> = head.split_whitespace().collect();
            // ("Comic-book version: ..." names the edit itself, and stays.)
            let names_an_edit = (0..words.len()).any(|at| longest_effect(&words[at..]).is_some());
            if !words.is_empty()
                && words.len() <= 5
                && words.last().is_some_and(|last| HEADINGS.contains(last))
                && !names_an_edit
            {
                segment = segment[colon + 2..].to_owned();
                if !out.is_empty() && !out.ends_with(' ') {
                    segment.insert(0, ' ');
                }
            }
        }
        // "shot on 16mm film stock" opening a clause.
        let trimmed = segment.trim_start();
        if let Some(rest) = trimmed.strip_prefix("shot on ") {
            if rest
                .split(' ')
                .next()
                .is_some_and(|next| FILM.contains(&bare_word(next)))
            {
                let indent = segment.len() - trimmed.len();
                segment = format!("{}{rest}", &segment[..indent]);
            }
        }
        out.push_str(&segment);
        first = false;
    }
    out
}

/// "make the background our brand teal", "teal tint (brand colour)", "make her hoodie match
/// our brand colour": the brand says whose colour it is. Named, the colour is the colour;
/// unnamed, it is the swatch the reference image holds.
fn brand_colours(text: &str) -> String {
    let tokens: Vec<&str> = text.split(' ').collect();
    let mut out: Vec<String> = Vec::with_capacity(tokens.len());
    let mut i = 0;
    while i < tokens.len() {
        let word = |k: usize| {
            tokens
                .get(k)
                .map(|token| bare_word(token).trim_matches(['(', ')']))
        };
        let start = usize::from(word(i) == Some("our"));
        if word(i + start) != Some("brand") {
            out.push(tokens[i].to_owned());
            i += 1;
            continue;
        }
        let after = i + start + 1;
        let rest: Vec<&str> = (after..tokens.len()).filter_map(word).collect();
        if colours::match_words(&rest).is_some() {
            // "our brand teal": the colour.
            i = after;
            continue;
        }
        if matches!(word(after), Some("colour" | "color" | "colours" | "colors")) {
            let named_before = (i.saturating_sub(3)..i)
                .any(|k| word(k).is_some_and(|w| colours::by_name(w).is_some()));
            let tail = &tokens[after][bare_word(tokens[after]).len()..];
            if !named_before {
                if out
                    .last()
                    .is_some_and(|last| matches!(last.as_str(), "the" | "a"))
                {
                    out.pop();
                }
                out.push(format!("the colour of the reference image{tail}"));
            } else if !tail.is_empty() {
                out.push(tail.trim_start_matches(')').to_owned());
            }
            i = after + 1;
            continue;
        }
        out.push(tokens[i].to_owned());
        i += 1;
    }
    out.retain(|token| !token.is_empty());
    out.join(" ")
}

/// "so much noise in this, pls denoise it", "lots of noise in this clip, clean it up": an
/// amount of noise or grain said of the footage is the complaint "too much" (read as an
/// amount asked for, heavy grain was added beside the denoise). After a request ("add lots
/// of grain", "vintage with lots of grain") it is still the amount asked for.
fn excess_as_complaint(text: &str) -> String {
    let tokens: Vec<&str> = text.split(' ').collect();
    let mut out: Vec<String> = Vec::with_capacity(tokens.len());
    let mut i = 0;
    while i < tokens.len() {
        let word = |k: usize| tokens.get(k).map(|token| bare_word(token));
        let amount = match (word(i), word(i + 1)) {
            (Some("so"), Some("much")) => 2,
            (Some("lots" | "loads" | "tons"), Some("of")) => 2,
            (Some("a"), Some("lot")) if word(i + 2) == Some("of") => 3,
            _ => 0,
        };
        // At a clause's start, or after "there is", "it has", "this has": said of the footage.
        let said_of_footage = i == 0
            || tokens[i - 1].ends_with([',', '.', '!', '?', ';', ':'])
            || word(i - 1).is_some_and(|previous| {
                matches!(
                    previous,
                    "is" | "are" | "has" | "have" | "got" | "theres" | "its" | "it's" | "so"
                )
            });
        let noise = amount > 0
            && tokens
                .get(i + amount - 1)
                .is_some_and(|last| bare_word(last) == *last)
            && word(i + amount).is_some_and(|noun| {
                matches!(
                    noun,
                    "noise" | "grain" | "artifacts" | "artefacts" | "compression"
                )
            });
        if noise && said_of_footage {
            out.push("too much".to_owned());
            i += amount;
            continue;
        }
        out.push(tokens[i].to_owned());
        i += 1;
    }
    out.join(" ")
}

/// "pls make the colours pop more theyre so dull": "they" after the colours, in a run-on
/// complaint, are the colours (read as people, the subject was regraded alone).
fn colours_they_are(text: &str) -> String {
    let mut text = text.to_owned();
    let mut from = 0;
    while let Some(found) = text[from..].find(" they are ") {
        let at = from + found;
        let sentence = text[..at].rfind(['.', '!', '?']).map_or(0, |end| end + 1);
        let before = &text[sentence..at];
        // (Before typos are mended: "colurs" is the colours too.)
        let words: Vec<&str> = before.split(' ').map(bare_word).collect();
        let colours = words.iter().rposition(|word| {
            matches!(*word, "colours" | "colors")
                || corrected(word).is_some_and(|word| matches!(word, "colours" | "colors"))
        });
        let complaint = text[at + " they are ".len()..]
            .split(' ')
            .next()
            .is_some_and(|next| {
                matches!(
                    next,
                    "too" | "so" | "way" | "really" | "super" | "very" | "kinda"
                )
            });
        let person_between = colours.is_some_and(|c| {
            words[c..]
                .iter()
                .any(|word| SUBJECT_WORDS.contains(word) && !matches!(*word, "they" | "them"))
        });
        if colours.is_some() && complaint && !person_between {
            let joint = if before.trim_end().ends_with(',') {
                " the colours are "
            } else {
                ", the colours are "
            };
            text.replace_range(at..at + " they are ".len(), joint);
        }
        from = at + 1;
    }
    text
}

/// "Saturation 80%.", "saturation at 70 percent", "contrast to 120%": a level, as a
/// colourist sets it, is the change from where the footage is (read as a share of the
/// range, 80% raised the saturation by 0.8). "Saturation up 20%", "boost saturation by
/// 20%" and "less saturation 15%" say a change already, and are left as they are.
fn levels_as_changes(text: &str) -> String {
    const CHANGES: &[&str] = &[
        "by",
        "up",
        "down",
        "more",
        "less",
        "increase",
        "increased",
        "reduce",
        "reduced",
        "boost",
        "boosted",
        "lower",
        "lowered",
        "raise",
        "raised",
        "cut",
        "drop",
        "bump",
        "pull",
        "add",
        "plus",
        "minus",
        "extra",
        "higher",
        "decrease",
        "push",
        "crank",
        "back",
        "too",
        "than",
        "desaturate",
        "saturate",
    ];
    let mut out = String::with_capacity(text.len());
    for segment in text.split_inclusive([',', '.', ';', ':', '!', '?']) {
        let tokens: Vec<&str> = segment.split(' ').collect();
        let words: Vec<&str> = tokens.iter().map(|token| bare_word(token)).collect();
        let changed = words.iter().any(|word| CHANGES.contains(word));
        let mut rewritten = None;
        if !changed {
            for (at, word) in words.iter().enumerate() {
                if !matches!(*word, "saturation" | "contrast" | "vibrance") {
                    continue;
                }
                let mut k = at + 1;
                if words
                    .get(k)
                    .is_some_and(|w| matches!(*w, "to" | "at" | "of"))
                {
                    k += 1;
                }
                let Some(number) = words
                    .get(k)
                    .and_then(|w| w.trim_end_matches('%').parse::<f32>().ok())
                else {
                    continue;
                };
                let percent = tokens[k].contains('%') || words.get(k + 1) == Some(&"percent");
                if !percent || !(0.0..=300.0).contains(&number) || number == 100.0 {
                    continue;
                }
                let end = if words.get(k + 1) == Some(&"percent") {
                    k + 1
                } else {
                    k
                };
                let change = if number < 100.0 { "less" } else { "more" };
                let phrase = format!("{change} {word} by {} percent", (number - 100.0).abs());
                let mut parts: Vec<String> = tokens[..at].iter().map(|t| (*t).to_owned()).collect();
                parts.push(format!(
                    "{phrase}{}",
                    &tokens[end][bare_word(tokens[end]).len()..]
                ));
                parts.extend(tokens[end + 1..].iter().map(|t| (*t).to_owned()));
                rewritten = Some(parts.join(" "));
                break;
            }
        }
        out.push_str(rewritten.as_deref().unwrap_or(segment));
    }
    out
}

/// `text` with `from` replaced by `to` where `from` begins a word: a phrase that begins with
/// a letter is not matched inside a word ("its to" in "tracksuits to", which made "recolour
/// both tracksuits to lilac" a complaint, "tracksuit is too lilac"). Its end may run on
/// into an ending ("warm light leak" in "warm light leaks").
fn replace_words(text: &str, from: &str, to: &str) -> String {
    let alnum = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    let starts_word = alnum(from.chars().next());
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(from) {
        let before = rest[..at].chars().last().or_else(|| out.chars().last());
        if starts_word && alnum(before) {
            let step = at + from.chars().next().map_or(1, char::len_utf8);
            out.push_str(&rest[..step]);
            rest = &rest[step..];
            continue;
        }
        out.push_str(&rest[..at]);
        out.push_str(to);
        rest = &rest[at + from.len()..];
    }
    out.push_str(rest);
    out
}

/// Every way of asking for the sound to go is "mute the sound": "mute the original audio",
/// "remove all sound", "delete the audio track", "turn the volume off", "audio off",
/// "mute the gym music so we don't get a copyright strike" (each was refused as an edit of
/// the sound). Not when the request keeps part of the sound ("mute the music but keep the
/// voices"): that is a separation this engine does not do, and stays refused.
fn sound_muted(text: &str) -> String {
    const VERBS: &[&[&str]] = &[
        &["mute"],
        &["silence"],
        &["remove"],
        &["delete"],
        &["kill"],
        &["cut"],
        &["drop"],
        &["strip"],
        &["lose"],
        &["turn", "off"],
        &["switch", "off"],
        &["take", "out"],
        &["get", "rid", "of"],
    ];
    const BETWEEN: &[&str] = &[
        "the", "all", "any", "its", "original", "whole", "entire", "gym", "camera", "existing",
        "annoying", "loud", "of",
    ];
    const SOUND: &[&str] = &[
        "audio",
        "sound",
        "sounds",
        "music",
        "track",
        "soundtrack",
        "volume",
    ];
    const KEEPS_PART: &[&str] = &[
        "keep", "keeping", "except", "voice", "voices", "dialogue", "speech", "talking", "vocals",
        "but", "noise", "hiss", "echo", "wind",
    ];
    let tokens: Vec<&str> = text.split(' ').collect();
    let bare: Vec<&str> = tokens.iter().map(|token| bare_word(token)).collect();
    let mut out: Vec<String> = Vec::with_capacity(tokens.len());
    let mut i = 0;
    while i < tokens.len() {
        let matched = VERBS.iter().find_map(|verb| {
            let verb_end = i + verb.len();
            if bare.get(i..verb_end) != Some(verb)
                || tokens[i..verb_end - 1].iter().any(|t| *t != bare_word(t))
            {
                return None;
            }
            let mut k = verb_end;
            while k < bare.len() && BETWEEN.contains(&bare[k]) && tokens[k] == bare[k] {
                k += 1;
            }
            // The sound noun, possibly two ("audio track"); "turn the volume off" has its
            // particle after the noun.
            let mut end = k;
            while end < bare.len() && SOUND.contains(&bare[end]) {
                end += 1;
                if tokens[end - 1] != bare[end - 1] {
                    break;
                }
            }
            if end == k {
                return None;
            }
            let clause_end = (end - 1..tokens.len())
                .find(|&j| tokens[j] != bare[j])
                .unwrap_or(tokens.len() - 1);
            let keeps_part = bare[end..=clause_end.max(end - 1).min(bare.len() - 1)]
                .iter()
                .any(|word| KEEPS_PART.contains(word));
            (!keeps_part).then_some(end)
        });
        match matched {
            Some(end) => {
                let tail = &tokens[end - 1][bare[end - 1].len()..];
                out.push(format!("mute the sound{tail}"));
                i = end;
            }
            None => {
                out.push(tokens[i].to_owned());
                i += 1;
            }
        }
    }
    let text = out.join(" ");
    // "audio off", "sound: off", "turn the volume off", "no volume".
    let mut text = text;
    for (from, to) in [
        ("turn the volume off", "mute the sound"),
        ("turn volume off", "mute the sound"),
        ("turn the sound off", "mute the sound"),
        ("turn the audio off", "mute the sound"),
        ("switch the sound off", "mute the sound"),
        ("audio off", "mute the sound"),
        ("sound off", "mute the sound"),
        ("volume off", "mute the sound"),
        ("without audio", "mute the sound"),
        ("without sound", "mute the sound"),
    ] {
        text = replace_words(&text, from, to);
    }
    text
}

/// "Turn my running clip into anime", "give the florist video a warm look", "lift the
/// shadows in the dark church footage": the clip named by what it shows is the clip, "it"
/// (the scene's words were refused as unknown edits).
fn clip_references(text: &str) -> String {
    const DETERMINERS: &[&str] = &["the", "my", "our", "this", "that", "these", "those", "your"];
    const CLIP_NOUNS: &[&str] = &[
        "clip",
        "clips",
        "video",
        "videos",
        "footage",
        "shot",
        "shots",
        "reel",
        "walkthrough",
        "tour",
        "scene",
        "scenes",
        "recording",
        "vlog",
    ];
    let tokens: Vec<&str> = text.split_whitespace().collect();
    let mut out: Vec<String> = Vec::with_capacity(tokens.len());
    let mut i = 0;
    'tokens: while i < tokens.len() {
        if DETERMINERS.contains(&tokens[i]) {
            // Up to four plain words, then a clip noun (its punctuation kept).
            for len in 1..=5 {
                let Some(last) = tokens.get(i + len) else {
                    break;
                };
                let bare = last.trim_end_matches([',', ';', '.', '!', '?', ':']);
                let inner = &tokens[i + 1..i + len];
                // Words that describe the clip, not a phrase of their own ("the t-shirt in
                // the video" is the t-shirt).
                if inner.iter().any(|word| {
                    !word
                        .chars()
                        .all(|c| c.is_alphabetic() || c == '-' || c == '\'')
                        || DETERMINERS.contains(word)
                        || matches!(
                            *word,
                            "in" | "on"
                                | "of"
                                | "at"
                                | "for"
                                | "with"
                                | "from"
                                | "to"
                                | "into"
                                | "and"
                                | "or"
                                | "but"
                                | "a"
                                | "an"
                                | "it"
                                | "is"
                                | "are"
                                // ("the whole scene except her" is read further on.)
                                | "whole"
                                | "entire"
                                | "full"
                        )
                }) {
                    break;
                }
                if CLIP_NOUNS.contains(&bare) && !inner.is_empty() {
                    out.push(format!("it{}", &last[bare.len()..]));
                    i += len + 1;
                    continue 'tokens;
                }
            }
        }
        out.push(tokens[i].to_owned());
        i += 1;
    }
    out.join(" ")
}

/// Every word the compiler reads, and the content words a misspelling may be corrected to
/// (effects, garments, colours, the background).
fn vocabulary() -> &'static (
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
const COMMON_WORDS: &[&str] = &[
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
fn corrected(word: &str) -> Option<&'static str> {
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
fn likely_typo(typed: &str, meant: &str) -> bool {
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
fn one_edit_apart(a: &str, b: &str) -> bool {
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

/// "warm rather than cool", "instead of blurring the background, make it black and
/// white": the alternative turned down is not asked for, so it goes, up to the end of its
/// clause (a comma, a full stop, "and").
fn without_alternatives(text: &str) -> String {
    let mut text = text.to_owned();
    // "warmer than it is now, but not as warm as golden hour": the bound is not asked for
    // (it was: the golden hour grade).
    while let Some(at) = text.find("not as ") {
        let rest = &text[at + "not as ".len()..];
        let Some(as_at) = rest.find(" as ").filter(|&k| !rest[..k].contains(' ')) else {
            break;
        };
        let after = &rest[as_at + " as ".len()..];
        let end = after
            .find([',', '.', ';', '!', '?'])
            .or_else(|| after.find(" and "))
            .unwrap_or(after.len());
        text = format!("{}{}", &text[..at], &after[end..]);
    }
    for marker in ["rather than ", "instead of ", "as opposed to "] {
        while let Some(at) = text.find(marker) {
            let rest = &text[at + marker.len()..];
            let end = rest
                .find([',', '.', ';', '!', '?'])
                .or_else(|| rest.find(" and "))
                .unwrap_or(rest.len());
            // "a sunny day instead of overcast": the weather swapped, which a grade cannot
            // do (read without the alternative, it was graded warm and bright).
            let weather = rest[..end].split(' ').any(|word| {
                matches!(
                    word,
                    "overcast"
                        | "cloudy"
                        | "clouds"
                        | "rain"
                        | "rainy"
                        | "snow"
                        | "snowy"
                        | "fog"
                        | "foggy"
                        | "storm"
                        | "stormy"
                        | "sunny"
                        | "sun"
                        | "sunshine"
                )
            });
            let kept = if weather { " weatherswap" } else { "" };
            text = format!("{}{kept}{}", &text[..at], &rest[end..]);
        }
    }
    text
}

/// The first `n` words of `text`, without the punctuation that ends any of them (the text
/// is not split into clauses yet when the rewrites below look ahead).
fn leading_words(text: &str, n: usize) -> Vec<&str> {
    text.split(' ').take(n).map(bare_word).collect()
}

/// A word of the unsplit text without the punctuation that ends its clause.
fn bare_word(word: &str) -> &str {
    word.trim_end_matches(['.', ',', ';', '!', '?'])
}

/// "make it pink and blue", "red and black tones": two colours for the whole picture are a
/// colour scheme. Read as two tints they mixed into one muddy cast ("red and black" tinted
/// red and darkened). With black or white it is a duotone (the darker colour in the
/// shadows); otherwise a split tone, the darker colour in the shadows.
/// "A gradient from dark navy at the top to light blue at the bottom": the ends are where
/// a gradient's colours go anyway (top first); said, they read as a scene to describe.
fn gradient_ends(text: &str) -> String {
    if !text.contains("gradient") {
        return text.to_owned();
    }
    let mut text = text.to_owned();
    for end in [
        "at the very top",
        "at the very bottom",
        "at the top",
        "at the bottom",
        "on the top",
        "on the bottom",
        "up top",
        "at top",
        "at bottom",
    ] {
        text = replace_words(&text, end, "");
    }
    text
}

fn two_colour_schemes(text: &str) -> String {
    const ALLOWED: [&str; 26] = [
        "make", "it", "the", "video", "footage", "clip", "a", "an", "in", "with", "give", "turn",
        "into", "tones", "tone", "toned", "color", "colors", "colour", "colours", "scheme",
        "palette", "look", "grade", "grading", "style",
    ];
    let bare = |word: &str| bare_word(word).to_owned();
    // Every word but the pair's is one of making the whole picture a colour scheme.
    let rest_allowed_for = |words: &[String], i: usize| {
        words
            .iter()
            .enumerate()
            .filter(|(k, word)| (*k < i || *k > i + 2) && !word.is_empty())
            .all(|(_, word)| ALLOWED.contains(&word.as_str()))
    };
    let mut segments: Vec<Vec<String>> = vec![Vec::new()];
    for word in text.split(' ') {
        segments
            .last_mut()
            .expect("one segment")
            .push(word.to_owned());
        if word.ends_with([',', '.', ';', '!', '?']) {
            segments.push(Vec::new());
        }
    }
    let mut out = Vec::new();
    for segment in segments {
        let words: Vec<String> = segment.iter().map(|word| bare(word)).collect();
        let pair = (0..words.len().saturating_sub(2)).find(|&i| {
            words[i + 1] == "and"
                && colours::by_name(&words[i]).is_some()
                && colours::by_name(&words[i + 2]).is_some()
        });
        let scheme = pair.and_then(|i| {
            let (a, b) = (words[i].as_str(), words[i + 2].as_str());
            if (a, b) == ("white", "black") {
                return rest_allowed_for(&words, i).then(|| "black and white".to_owned());
            }
            let named_look = matches!(
                (a, b),
                ("black", "white") | ("teal", "orange") | ("orange", "teal")
            );
            let rest_allowed = rest_allowed_for(&words, i);
            (!named_look && a != b && rest_allowed).then(|| {
                let (ca, cb) = (
                    colours::by_name(a).expect("checked"),
                    colours::by_name(b).expect("checked"),
                );
                let luma = |rgb: [u8; 3]| {
                    0.2126 * f32::from(rgb[0])
                        + 0.7152 * f32::from(rgb[1])
                        + 0.0722 * f32::from(rgb[2])
                };
                let (dark, light) = if luma(ca.rgb) <= luma(cb.rgb) {
                    (a, b)
                } else {
                    (b, a)
                };
                if matches!(a, "black" | "white") || matches!(b, "black" | "white") {
                    format!("duotone {dark} and {light}")
                } else {
                    format!("{dark} shadows and {light} highlights")
                }
            })
        });
        match scheme {
            Some(scheme) => {
                // The segment's own punctuation ends it still.
                let end = segment
                    .last()
                    .map(|word| word[bare(word).len()..].to_owned())
                    .unwrap_or_default();
                out.push(format!("{scheme}{end}"));
            }
            None => out.extend(segment),
        }
    }
    out.join(" ")
}

/// "1. warm grade 2. grain", "step 1: desaturate. step 2: a vignette": the numbers of a
/// list are clause breaks, not words ("1" and "step" were refused as unknown edits).
fn list_markers(text: &str) -> String {
    let words: Vec<&str> = text.split(' ').collect();
    // "1.", "2)", "(3)", "4/", "a)", "b)": a list's markers.
    let numbered = |word: &str| {
        let word = word.strip_prefix('(').unwrap_or(word);
        (word.len() <= 3
            && word.ends_with(['.', ')', ':', '/'])
            && word[..word.len() - 1].parse::<u8>().is_ok())
            || (word.len() == 2
                && word.ends_with(')')
                && word.as_bytes()[0].is_ascii_lowercase()
                && word.as_bytes()[0] <= b'h')
    };
    let spelled = |word: &str| {
        matches!(
            word.trim_end_matches([':', '.', ')', ',']),
            "one" | "two" | "three" | "four" | "five" | "six" | "seven" | "eight" | "nine" | "ten"
        ) || word
            .trim_end_matches([':', '.', ')', ','])
            .parse::<u8>()
            .is_ok()
    };
    // "First, fix the white balance. Second, ...", "Next: VHS texture.", "[ ] grain": the
    // order words and checkboxes of a list ("the first 5 seconds" was read before this).
    let ordinal = |word: &str| {
        matches!(
            word,
            "first,"
                | "first:"
                | "second,"
                | "second:"
                | "third,"
                | "third:"
                | "fourth,"
                | "fourth:"
                | "next,"
                | "next:"
                | "last,"
                | "last:"
                | "lastly,"
                | "lastly:"
                | "finally,"
                | "finally:"
                | "steps:"
                | "["
                | "]"
                | "[]"
                | "[x]"
        )
    };
    // "- look: pastel - glow: soft": dashes are bullets in a list that starts with one
    // (elsewhere "a little - not too much" is an aside).
    let bulleted = matches!(words.first(), Some(&("-" | "*")));
    let mut out: Vec<&str> = Vec::with_capacity(words.len());
    let mut i = 0;
    while i < words.len() {
        let step = words[i] == "step" && words.get(i + 1).is_some_and(|next| spelled(next));
        let starts = i == 0
            || out
                .last()
                .is_some_and(|last| last.ends_with(['.', ',', ';', ':', '!', '?', ')']));
        if (ordinal(words[i]) && starts) || (bulleted && matches!(words[i], "-" | "*")) {
            out.push(",");
            i += 1;
        } else if step {
            out.push(",");
            i += 2;
        } else if numbered(words[i]) {
            out.push(",");
            i += 1;
        } else {
            out.push(words[i]);
            i += 1;
        }
    }
    out.join(" ")
}

/// "make her dress brighter red": a comparative before a colour names a shade ("bright
/// red"); read as a comparative it also brightened the whole picture.
fn shade_comparatives(text: &str) -> String {
    let words: Vec<&str> = text.split(' ').collect();
    let mut out: Vec<&str> = Vec::with_capacity(words.len());
    for (i, word) in words.iter().enumerate() {
        let next_is_colour = words
            .get(i + 1)
            .is_some_and(|next| colours::by_name(bare_word(next)).is_some());
        let shade = match *word {
            "brighter" if next_is_colour => "bright",
            "deeper" if next_is_colour => "deep",
            "paler" if next_is_colour => "pale",
            other => other,
        };
        out.push(shade);
    }
    out.join(" ")
}

/// "+20 contrast, -10 saturation": a signed slider value written before its control is
/// the same as after it ("contrast +20"), which the slider reading understands.
fn signed_values_first(text: &str) -> String {
    const CONTROLS: [&str; 6] = [
        "contrast",
        "saturation",
        "brightness",
        "exposure",
        "vibrance",
        "sharpness",
    ];
    let words: Vec<&str> = text.split(' ').collect();
    let mut out: Vec<String> = Vec::with_capacity(words.len());
    let mut i = 0;
    while i < words.len() {
        let signed = words[i].len() > 1
            && words[i].starts_with(['+', '-'])
            && words[i][1..].trim_end_matches('%').parse::<f32>().is_ok();
        let control = words.get(i + 1).map(|next| {
            let bare = bare_word(next);
            (CONTROLS.contains(&bare), bare, &next[bare.len()..])
        });
        match control {
            Some((true, bare, punctuation)) if signed => {
                out.push(bare.to_owned());
                out.push(format!("{}{punctuation}", words[i]));
                i += 2;
            }
            _ => {
                out.push(words[i].to_owned());
                i += 1;
            }
        }
    }
    out.join(" ")
}

/// "highlights a bit brighter", "the mids slightly darker": a tone range, how much, and which
/// way, said in that order, becomes "highlights brighter a bit" (the range and its direction
/// are one phrase: with the amount between them it was refused). A colourist's "mids" are
/// the midtones.
fn tone_range_amounts(text: &str) -> String {
    let words: Vec<&str> = text.split(' ').collect();
    fn range(word: &str) -> Option<&str> {
        match word {
            "mids" => Some("midtones"),
            "shadows" | "highlights" | "midtones" | "blacks" | "whites" => Some(word),
            _ => None,
        }
    }
    let comparative = |word: &str| {
        matches!(
            bare_word(word),
            "brighter" | "darker" | "lighter" | "deeper"
        )
    };
    let mut out: Vec<String> = Vec::with_capacity(words.len());
    let mut i = 0;
    while i < words.len() {
        // ("warm mids, anime style": the range's word carries the clause's comma.)
        let bare = bare_word(words[i]);
        let Some(name) = range(bare) else {
            out.push(words[i].to_owned());
            i += 1;
            continue;
        };
        out.push(format!("{name}{}", &words[i][bare.len()..]));
        if bare.len() < words[i].len() {
            i += 1;
            continue;
        }
        // One to three words of amount ("slightly", "a bit", "a little bit", "a touch").
        let amount = (1..=3).find(|&n| {
            words.get(i + 1 + n).is_some_and(|next| comparative(next))
                && words[i + 1..i + 1 + n].iter().all(|word| {
                    matches!(
                        *word,
                        "a" | "bit"
                            | "little"
                            | "slightly"
                            | "touch"
                            | "tiny"
                            | "lot"
                            | "much"
                            | "way"
                            | "far"
                            | "tad"
                    )
                })
        });
        match amount {
            Some(n) => {
                let direction = words[i + 1 + n];
                let (bare, tail) = direction.split_at(bare_word(direction).len());
                out.push(bare.to_owned());
                out.extend(
                    words[i + 1..i + 1 + n]
                        .iter()
                        .map(|word| (*word).to_owned()),
                );
                if let Some(last) = out.last_mut() {
                    last.push_str(tail);
                }
                i += n + 2;
            }
            None => i += 1,
        }
    }
    out.join(" ")
}

/// "teal shadows orange highlights", "warm highlights cool shadows": two tone ranges listed
/// without "and" between them are two requests (read as one clause, the second range was
/// taken as a colour taken out of the first, and refused).
fn tone_ranges_listed(text: &str) -> String {
    const RANGES: [&str; 3] = ["shadows", "highlights", "midtones"];
    let words: Vec<&str> = text.split(' ').collect();
    let mut out: Vec<&str> = Vec::with_capacity(words.len() + 2);
    for (i, word) in words.iter().enumerate() {
        out.push(word);
        // The other range two or three words on, with only its colour between ("orange",
        // "dark blue"): no joining word, no punctuation.
        let another_range_follows = RANGES.contains(word)
            && (i + 2..(i + 4).min(words.len())).any(|j| {
                RANGES.contains(&words[j])
                    && words[j] != *word
                    && words[i + 1..j].iter().all(|between| {
                        !between.ends_with([',', '.', ';'])
                            && !matches!(
                                *between,
                                "and" | "but" | "with" | "to" | "in" | "of" | "a" | "an" | "the"
                            )
                    })
            });
        if another_range_follows {
            out.push("and");
        }
    }
    out.join(" ")
}

/// "make the person pop by darkening the background", "give it a moody feel by adding
/// grain": the means named after "by" is the edit asked for; what comes before it is why.
/// (Read as said, the wish to stand out was refused as too vague beside its own answer.)
fn means_after_by(text: &str) -> String {
    const VERBS: [(&str, &str); 22] = [
        ("darkening", "darken"),
        ("brightening", "brighten"),
        ("lightening", "lighten"),
        ("blurring", "blur"),
        ("desaturating", "desaturate"),
        ("saturating", "saturate"),
        ("adding", "add"),
        ("making", "make"),
        ("turning", "turn"),
        ("replacing", "replace"),
        ("lowering", "lower"),
        ("increasing", "increase"),
        ("reducing", "reduce"),
        ("boosting", "boost"),
        ("using", "use"),
        ("giving", "give"),
        ("changing", "change"),
        ("removing", "remove"),
        ("warming", "warm"),
        ("cooling", "cool"),
        ("sharpening", "sharpen"),
        ("softening", "soften"),
    ];
    let mut text = text.to_owned();
    let mut from = 0;
    while let Some(at) = text[from..].find(" by ").map(|at| from + at) {
        let rest = &text[at + 4..];
        let Some(&(gerund, verb)) = VERBS
            .iter()
            .find(|(gerund, _)| rest.starts_with(&format!("{gerund} ")))
        else {
            from = at + 4;
            continue;
        };
        let clause_start = text[..at]
            .rfind(['.', ',', ';', '!', '?', '\n'])
            .map_or(0, |end| end + 1);
        let lead = if clause_start == 0 { "" } else { " " };
        let replacement = format!("{lead}{verb}");
        text = format!(
            "{}{replacement}{}",
            &text[..clause_start],
            &text[at + 4 + gerund.len()..]
        );
        from = clause_start + replacement.len();
    }
    text
}

/// "It is too dark and saturated", "the footage looks flat and dull": two complaints under
/// one describing verb, which the verb is given again ("... and looks dull") so that each
/// is read as a complaint. Read alone, the second was a request: "saturated" saturated a
/// clip said to be too saturated, and "dull" desaturated a dull one.
fn complaints_share_their_verb(text: &str) -> String {
    const VERBS: [&str; 12] = [
        "is", "are", "was", "were", "look", "looks", "seem", "seems", "feel", "feels", "appear",
        "appears",
    ];
    const DEGREE: [&str; 13] = [
        "too", "a", "bit", "little", "slightly", "very", "way", "really", "quite", "rather",
        "somewhat", "overly", "pretty",
    ];
    const COMPLAINTS: [&str; 22] = [
        "dark",
        "bright",
        "dull",
        "flat",
        "murky",
        "dim",
        "muddy",
        "saturated",
        "oversaturated",
        "desaturated",
        "blurry",
        "soft",
        "noisy",
        "grainy",
        "contrasty",
        "harsh",
        "lifeless",
        "bland",
        "drab",
        "washed",
        "overexposed",
        "underexposed",
    ];
    let words: Vec<&str> = text.split(' ').collect();
    let bare = |word: &str| bare_word(word).to_owned();
    let mut out: Vec<String> = Vec::with_capacity(words.len() + 4);
    let mut i = 0;
    while i < words.len() {
        out.push(words[i].to_owned());
        if !VERBS.contains(&words[i]) {
            i += 1;
            continue;
        }
        let verb = words[i];
        let mut j = i + 1;
        while j < words.len() && DEGREE.contains(&words[j]) {
            j += 1;
        }
        // The first complaint, "washed out" taking two words; it must not end the clause.
        let first_len = if words.get(j) == Some(&"washed") {
            2
        } else {
            1
        };
        let and_at = j + first_len;
        let shared = COMPLAINTS.contains(&words.get(j).copied().unwrap_or(""))
            && words[j..and_at.min(words.len())]
                .iter()
                .all(|word| bare(word) == *word)
            && words.get(and_at) == Some(&"and")
            && words
                .get(and_at + 1)
                .is_some_and(|next| COMPLAINTS.contains(&bare(next).as_str()));
        if !shared {
            i += 1;
            continue;
        }
        // "too" carries over ("too dark and saturated"); "a bit" and the like qualify the
        // first word only.
        out.extend(words[i + 1..=and_at].iter().map(|word| (*word).to_owned()));
        out.push(verb.to_owned());
        if words[i + 1..j].contains(&"too") {
            out.push("too".to_owned());
        }
        i = and_at + 1;
    }
    out.join(" ")
}

/// "It has a green cast", "there is a magenta tint", "fix the yellow cast": a colour the
/// footage already has, to take out (read as asked, "a green cast" tinted it greener).
fn colour_casts(text: &str) -> String {
    let mut text = text.to_owned();
    for said in [
        "has a ",
        "there is a ",
        "there's a ",
        "fix the ",
        "correct the ",
    ] {
        let mut from = 0;
        while let Some(at) = text[from..].find(said).map(|at| from + at) {
            let rest_at = at + said.len();
            let words = leading_words(&text[rest_at..], 5);
            // Past "slight", "strong" to the colour.
            let skip = words
                .iter()
                .take_while(|word| intensity(word).is_some())
                .count();
            let cast = colours::match_words(&words[skip..]).and_then(|(colour, used)| {
                matches!(words.get(skip + used), Some(&("cast" | "tint" | "tinge")))
                    .then(|| (colour.name, words[..=skip + used].join(" ").len()))
            });
            match cast {
                Some((colour, length)) => {
                    let request = format!("remove the {colour} tint");
                    text = format!("{}{request}{}", &text[..at], &text[rest_at + length..]);
                    from = at + request.len();
                }
                None => from = rest_at,
            }
        }
    }
    text
}

/// "The whites look yellow": a colour cast, which the white balance takes out (read as
/// asked, it pushed the highlights further towards yellow). "The blacks are grey": lifted
/// blacks, which deeper shadows put back.
fn tone_complaints(text: &str) -> String {
    let mut text = text.to_owned();
    for (subject, verb) in [
        ("whites", "are"),
        ("whites", "look"),
        ("whites", "looks"),
        ("whites", "seem"),
        ("blacks", "are"),
        ("blacks", "look"),
        ("blacks", "looks"),
        ("blacks", "seem"),
    ] {
        let said = format!("{subject} {verb} ");
        let mut from = 0;
        while let Some(at) = text[from..].find(&said).map(|at| from + at) {
            let rest_at = at + said.len();
            let words = leading_words(&text[rest_at..], 4);
            // Past "too", "a bit", "slightly" to the complaint itself.
            let skip = words
                .iter()
                .take_while(|word| {
                    intensity(word).is_some() || matches!(**word, "too" | "a" | "bit" | "little")
                })
                .count();
            let said_len = |n: usize| words[..n].join(" ").len();
            let replacement = match (subject, words.get(skip)) {
                ("whites", Some(_)) if colours::match_words(&words[skip..]).is_some() => {
                    let (_, used) = colours::match_words(&words[skip..]).expect("matched");
                    Some(("fix the white balance", said_len(skip + used)))
                }
                ("blacks", Some(word))
                    if matches!(
                        *word,
                        "grey" | "gray" | "greyish" | "grayish" | "lifted" | "milky" | "faded"
                    ) =>
                {
                    Some(("make the blacks deeper", said_len(skip + 1)))
                }
                _ => None,
            };
            match replacement {
                Some((request, length)) => {
                    // From the start of the subject, its "the" included.
                    let start = text[..at]
                        .strip_suffix("the ")
                        .map_or(at, |before| before.len());
                    text = format!("{}{request}{}", &text[..start], &text[rest_at + length..]);
                    from = start + request.len();
                }
                None => from = rest_at,
            }
        }
    }
    text
}

/// "The video is overexposed", "it looks a bit underexposed", "the highlights are blown
/// out": a complaint about exposure, which asks for the opposite ("too bright", "too dark").
/// Read as a request, "overexposed" brightened an overexposed clip. "Make it look
/// overexposed" asks for the look, and stays.
fn exposure_complaints(text: &str) -> String {
    const COMPLAINTS: [(&str, &str); 3] = [
        ("overexposed", "too bright"),
        ("underexposed", "too dark"),
        ("blown out", "too bright"),
    ];
    const DESCRIBING: [&str; 10] = [
        "is", "are", "was", "were", "look", "looks", "seem", "seems", "feel", "feels",
    ];
    let mut text = text.to_owned();
    for (word, complaint) in COMPLAINTS {
        let mut from = 0;
        while let Some(at) = text[from..].find(word).map(|at| from + at) {
            let whole_word = !text[..at].ends_with(|c: char| c.is_alphanumeric())
                && !text[at + word.len()..].starts_with(|c: char| c.is_alphanumeric());
            if !whole_word {
                from = at + word.len();
                continue;
            }
            let clause_start = text[..at]
                .rfind(['.', ',', ';', '!', '?', '\n'])
                .map_or(0, |end| end + 1);
            let before: Vec<&str> = text[clause_start..at].split_whitespace().collect();
            let recent = &before[before.len().saturating_sub(3)..];
            let described = recent
                .iter()
                .any(|w| DESCRIBING.contains(w) || w.ends_with("'s"));
            let asked = before
                .iter()
                .any(|w| matches!(*w, "make" | "like" | "want" | "turn" | "give" | "add"));
            // "reduce the highlights so nothing is blown out": a purpose, kept as said.
            let purpose = before.windows(2).any(|pair| {
                pair[0] == "so" && matches!(pair[1], "nothing" | "that" | "it" | "the")
            });
            if described && !asked && !purpose {
                text.replace_range(at..at + word.len(), complaint);
                from = at + complaint.len();
            } else {
                from = at + word.len();
            }
        }
    }
    text
}

/// "make the whole scene pink except her": with something excepted from it, the whole
/// scene is "everything", which the rewrites below read as the background.
fn whole_scene_excepting(text: &str) -> String {
    if !["except ", "apart from ", "other than "]
        .iter()
        .any(|marker| text.contains(marker))
    {
        return text.to_owned();
    }
    let mut text = text.to_owned();
    for whole in ["the whole ", "the entire "] {
        for scene in [
            "scene", "frame", "picture", "image", "video", "shot", "clip",
        ] {
            text = text.replace(&format!("{whole}{scene}"), "everything");
        }
    }
    text
}

/// "make everything pink except her", "turn everything except him blue": the rest of the
/// scene tinted that colour, as "tint the background pink" says. Each thing in the scene
/// keeps its shading, where a flat pink backdrop would put nothing in its place. ("make the
/// background pink" names the background itself, and stays a backdrop.)
fn everything_else_tinted(text: &str) -> String {
    const VERBS: [&str; 5] = ["make ", "turn ", "paint ", "colour ", "color "];
    const EXCEPTIONS: [&str; 16] = [
        "except her",
        "except him",
        "except them",
        "except the person",
        "except the subject",
        "except the people",
        "but her",
        "but him",
        "but them",
        "but the person",
        "apart from her",
        "apart from him",
        "apart from them",
        "apart from the person",
        "other than her",
        "other than him",
    ];
    // A colour named at the start of `rest` ("pink", "navy blue", "a dark green" without
    // the article): its length in bytes.
    let colour_at = |rest: &str| -> Option<usize> {
        let words = leading_words(rest, 3);
        let shade = usize::from(
            words.len() > 1 && (SHADE_WORDS.contains(&words[0]) || words[0] == "bright"),
        );
        let (colour, used) = colours::match_words(&words[shade..])?;
        // "make everything black except her" isolates her on black, as a backdrop does: a
        // black, white or grey tint would only dim or wash out the scene.
        let [r, g, b] = colour.rgb;
        (r.max(g).max(b) - r.min(g).min(b) >= 40).then(|| words[..shade + used].join(" ").len())
    };
    let ends_clause = |rest: &str| {
        rest.is_empty()
            || rest.starts_with(['.', ',', ';', '!', '?', '\n'])
            || rest.starts_with(" and ")
            || rest.starts_with(" but ")
    };
    let exception_at = |rest: &str| {
        EXCEPTIONS
            .iter()
            .find(|e| rest.starts_with(*e))
            .map(|e| e.len())
    };
    let mut text = text.to_owned();
    for verb in VERBS {
        let pattern = format!("{verb}everything ");
        let mut from = 0;
        while let Some(found) = text[from..].find(&pattern).map(|at| from + at) {
            let start = found + pattern.len();
            let rest = &text[start..];
            // "pink except her" or "except her pink".
            let matched = colour_at(rest)
                .and_then(|c| {
                    let after = rest[c..].strip_prefix(' ')?;
                    let e = exception_at(after)?;
                    ends_clause(&after[e..]).then(|| (rest[..c].to_owned(), c + 1 + e))
                })
                .or_else(|| {
                    let e = exception_at(rest)?;
                    let after = rest[e..].strip_prefix(' ')?;
                    let c = colour_at(after)?;
                    ends_clause(&after[c..]).then(|| (after[..c].to_owned(), e + 1 + c))
                });
            match matched {
                Some((colour, length)) => {
                    let replacement = format!("tint the background {colour}");
                    text = format!("{}{replacement}{}", &text[..found], &text[start + length..]);
                    from = found + replacement.len();
                }
                None => from = start,
            }
        }
    }
    text
}

/// Splits text into clauses of normalised words.
/// "make it pop ✨ more colour", "soft romantic filter for a valentines post 🌹 warm pinks":
/// an emoji ends a thought as a comma does (dropped, the words either side ran together
/// into one clause). Joiners and variation selectors go with their emoji.
/// "@mia make my dress burgundy", "#throwback 90s look": a mention names who is asked, and
/// a hashtag's word is a word.
fn mentions_and_hashtags(text: &str) -> String {
    text.split(' ')
        .filter(|word| !(word.starts_with('@') && word.len() > 1))
        .map(|word| {
            word.strip_prefix('#')
                .filter(|rest| !rest.is_empty())
                .unwrap_or(word)
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn emoji_as_breaks(text: &str) -> String {
    let emoji = |c: char| matches!(u32::from(c), 0x1F300..=0x1FAFF | 0x2600..=0x27BF | 0x2B00..=0x2BFF | 0x1F000..=0x1F2FF);
    if !text.chars().any(emoji) {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut pending = false;
    for c in text.chars() {
        if emoji(c)
            || matches!(c, '\u{FE0F}' | '\u{200D}')
            || matches!(u32::from(c), 0x1F3FB..=0x1F3FF)
        {
            pending = true;
            continue;
        }
        if pending && !c.is_whitespace() {
            let trimmed = out.trim_end().len();
            out.truncate(trimmed);
            if !out.is_empty()
                && !out.ends_with([',', '.', '!', '?', ';', ':'])
                && !matches!(c, ',' | '.' | '!' | '?' | ';' | ':')
            {
                out.push(',');
            }
            if !out.is_empty() {
                out.push(' ');
            }
            pending = false;
        }
        out.push(c);
    }
    out.trim_end().to_owned()
}

/// "shot on 35mm film in the 90s", "a 90s film look": the decade dates a film look (read
/// alone, "90s" is the camcorder's VHS look, which the film was not). Within one sentence
/// part that names film, the decade becomes "vintage".
fn film_of_the_decade(text: &str) -> String {
    let film = |word: &str| {
        matches!(
            bare_word(word),
            "film" | "35mm" | "16mm" | "kodak" | "fuji" | "fujifilm" | "celluloid" | "stock"
        )
    };
    let decade = |word: &str| matches!(bare_word(word), "80s" | "90s" | "1980s" | "1990s");
    let mut out = String::with_capacity(text.len());
    for part in text.split_inclusive([',', '.', ';']) {
        let words: Vec<&str> = part.split(' ').collect();
        if words.iter().any(|word| film(word)) && words.iter().any(|word| decade(word)) {
            let rewritten: Vec<String> = words
                .iter()
                .map(|word| {
                    if decade(word) {
                        format!("vintage{}", &word[bare_word(word).len()..])
                    } else {
                        (*word).to_owned()
                    }
                })
                .collect();
            out.push_str(&rewritten.join(" "));
        } else {
            out.push_str(part);
        }
    }
    out
}

/// "9:16", "2.39:1", "16x9" as one word ("ratio9by16"), so that the colon does not end the
/// clause ("crop to 9:16" was read as "crop to 9") and the ratio is read whole.
fn aspect_ratios(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    let number_at = |start: usize| -> usize {
        let mut end = start;
        while end < chars.len() && (chars[end].is_ascii_digit() || chars[end] == '.') {
            end += 1;
        }
        // A trailing full stop ends the sentence, not the number.
        while end > start && chars[end - 1] == '.' {
            end -= 1;
        }
        end
    };
    while i < chars.len() {
        let starts_word = i == 0 || !chars[i - 1].is_alphanumeric();
        if starts_word && chars[i].is_ascii_digit() {
            let first_end = number_at(i);
            let sep = chars.get(first_end).copied();
            if matches!(sep, Some(':' | 'x' | '/')) {
                let second_end = number_at(first_end + 1);
                let ends_word = chars.get(second_end).is_none_or(|c| !c.is_alphanumeric());
                let first: String = chars[i..first_end].iter().collect();
                let second: String = chars[first_end + 1..second_end].iter().collect();
                // "16x9" and "4/3" name frames only as the usual shapes ("32x32" is a sprite,
                // "1/2" a half); a colon also marks times ("00:00:03").
                let usual = matches!(
                    (first.as_str(), second.as_str()),
                    ("16", "9")
                        | ("9", "16")
                        | ("4", "3")
                        | ("3", "4")
                        | ("1", "1")
                        | ("21", "9")
                        | ("4", "5")
                        | ("5", "4")
                );
                let shape = |a: &str, b: &str| {
                    let (a, b) = (
                        a.parse::<f32>().unwrap_or(0.0),
                        b.parse::<f32>().unwrap_or(0.0),
                    );
                    a >= 1.0 && b >= 1.0 && a / b >= 0.3 && a / b <= 3.5
                };
                let time = chars.get(second_end) == Some(&':')
                    || (i >= 1 && chars[i - 1] == ':')
                    || first.starts_with('0');
                if second_end > first_end + 1
                    && ends_word
                    && (usual || (sep == Some(':') && shape(&first, &second) && !time))
                {
                    out.push_str(&format!(
                        "ratio{}by{}",
                        first.replace('.', "dot"),
                        second.replace('.', "dot")
                    ));
                    i = second_end;
                    continue;
                }
            }
            out.extend(&chars[i..first_end]);
            i = first_end.max(i + 1);
            continue;
        }
        out.push(chars[i]);
        i += 1;
    }
    out
}

/// Who a clip is for or about, after "my": "my dad would love that".
const RELATIONS: &[&str] = &[
    "dad",
    "mom",
    "mum",
    "mother",
    "father",
    "brother",
    "sister",
    "friend",
    "friends",
    "little",
    "kids",
    "grandma",
    "grandpa",
    "family",
    "boss",
    "boyfriend",
    "girlfriend",
    "husband",
    "wife",
];

/// "..., 4k, masterpiece": an image generator's quality tag as an item of its own asks for
/// no edit (alone, "4k" is refused: the output size is the request's `resolution`).
fn quality_segments(text: &str) -> String {
    const TAGS: &[&str] = &[
        "4k",
        "8k",
        "uhd",
        "4k uhd",
        "8k uhd",
        "ultra hd",
        "4k resolution",
        "8k resolution",
        "high resolution",
        "highres",
        "high res",
        "hd",
        // Generative models' quality boilerplate, copied along with a prompt from another
        // tool: no edit.
        "masterpiece",
        "best quality",
        "high quality",
        "highest quality",
        "top quality",
        "ultra detailed",
        "ultra-detailed",
        "highly detailed",
        "hyper detailed",
        "hyperdetailed",
        "extremely detailed",
        "intricate details",
        "trending on artstation",
        "award winning",
        "award-winning",
        "photorealistic",
    ];
    // Amid the boilerplate, "HDR" and "sharp focus" are more of it, not a tone-mapped look or
    // a sharpening ("4k, 8k, ultra detailed, HDR" graded the picture as HDR).
    const AMID_TAGS: &[&str] = &["hdr", "sharp focus", "in focus", "ultra sharp"];
    if !text.contains(',') {
        return text.to_owned();
    }
    let bare = |segment: &str| {
        segment
            .trim()
            .trim_end_matches(['.', '!'])
            .trim_matches(['(', ')'])
            .to_owned()
    };
    let tagged = text
        .split(',')
        .any(|segment| TAGS.contains(&bare(segment).as_str()));
    text.split(',')
        .filter(|segment| {
            let bare = bare(segment);
            !(TAGS.contains(&bare.as_str()) || tagged && AMID_TAGS.contains(&bare.as_str()))
        })
        .collect::<Vec<_>>()
        .join(",")
}

/// "it is dull can you make it brighter": a request asked as a question after a run-on
/// complaint starts a clause of its own (read as one clause, "dull" desaturated it).
fn run_on_questions(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut previous = "";
    let words: Vec<&str> = text.split(' ').collect();
    for (i, word) in words.iter().enumerate() {
        if i > 0 {
            let next = words.get(i + 1).copied().unwrap_or("");
            // "...dull can you make it brighter", "fix the white balance everything looks
            // green", "mute it theres people yelling", "...cartoon my little brother is gonna
            // lose it": a new thought without a comma.
            let question = (matches!(*word, "can" | "could" | "pls" | "please")
                && matches!(next, "you" | "u" | "ya"))
                || (*word == "everything"
                    && matches!(next, "looks" | "is" | "seems" | "was" | "looked"))
                || *word == "theres"
                || (*word == "there" && matches!(next, "is" | "are" | "was" | "were"))
                // "neon signs reflecting on the wet pavement a guy waiting for the bus make
                // it look like an oil painting": the order after a run-on description.
                || (matches!(*word, "make" | "turn" | "give" | "convert")
                    && matches!(next, "it" | "this" | "everything")
                    && i >= 4
                    && !matches!(
                        previous,
                        "to" | "will" | "would" | "could" | "should" | "can" | "just" | "also"
                            | "not" | "dont" | "don't" | "never" | "pls" | "lets" | "let's"
                            | "u" | "ya" | "gonna" | "wanna" | "might" | "must" | "please"
                            | "like"
                    ))
                // "it looks like a cartoon the colours are so intense": a second thing said
                // of the footage (read as one clause, the cartoon was asked for).
                || (*word == "the"
                    && i >= 2
                    && previous != "like"
                    && matches!(
                        next,
                        "colours" | "colors" | "video" | "footage" | "picture" | "image"
                            | "clip" | "lighting" | "exposure" | "contrast" | "saturation"
                    )
                    && matches!(
                        words.get(i + 2).copied(),
                        Some("is" | "are" | "looks" | "look" | "seems" | "seem" | "feels")
                    )
                    && words[..i].iter().any(|word| {
                        matches!(*word, "looks" | "look" | "is" | "are" | "its" | "it's")
                    }))
                || (*word == "my"
                    && (RELATIONS.contains(&next) || matches!(next, "bf" | "gf"))
                    && !matches!(
                        previous,
                        "for"
                            | "of"
                            | "with"
                            | "to"
                            | "like"
                            | "from"
                            | "at"
                            | "in"
                            | "on"
                            | "by"
                            | "about"
                            | "and"
                            | "me"
                            | "sure"
                    ));
            let joined = previous.ends_with(|c: char| !c.is_alphanumeric())
                || matches!(
                    previous,
                    "and"
                        | "so"
                        | "then"
                        | "but"
                        | "or"
                        | "please"
                        | "pls"
                        | "if"
                        | "how"
                        | "what"
                        | "sure"
                        | "because"
                        | "as"
                        | "until"
                        | "why"
                        | "where"
                        | "when"
                        | "that"
                        | "which"
                        | "who"
                        | "i"
                        | "we"
                        | "they"
                        | "you"
                        | "me"
                        | "us"
                );
            out.push_str(if question && !joined { ", " } else { " " });
        }
        out.push_str(word);
        previous = word;
    }
    out
}

fn clauses(text: &str) -> Vec<Clause> {
    // ("low-saturation" is "low saturation", a level, before "low" alone is read as a
    // light touch of saturation added.)
    let text = text
        .to_lowercase()
        .replace(['\u{2019}', '\u{2018}'], "'")
        .replace("low-", "low ")
        .replace("high-", "high ");
    // "kids playing soccer on a muddy field — make it look like 16mm film": a dash between
    // two thoughts is a comma.
    let text = text
        .replace(" \u{2014} ", ", ")
        .replace(" \u{2013} ", ", ")
        .replace(" -- ", ", ")
        .replace(" - ", ", ");
    // "crop it 3 by 4": the shape said aloud.
    let mut text = text;
    for (a, b) in [
        ("16", "9"),
        ("9", "16"),
        ("4", "3"),
        ("3", "4"),
        ("1", "1"),
        ("4", "5"),
        ("5", "4"),
    ] {
        for end in [" ", ",", ".", "!", ";"] {
            text = replace_words(&text, &format!("{a} by {b}{end}"), &format!("{a}:{b}{end}"));
        }
        if text.ends_with(&format!(" {a} by {b}")) {
            text.truncate(text.len() - format!("{a} by {b}").len());
            text.push_str(&format!("{a}:{b}"));
        }
    }
    let text = run_on_questions(&quality_segments(&mentions_and_hashtags(&text)));
    let text = film_of_the_decade(&emoji_as_breaks(&super::length::tokenised(&aspect_ratios(
        &text,
    ))));
    // (Before settings are read: "TikTok version: 9:16" is a heading, not a setting.)
    let text = brief_furniture(&conversational(&text));
    let text = super::parameters::rewritten(&text).unwrap_or(text);
    let text = gradient_ends(&two_colour_schemes(&signed_exposure(&signed_values_first(
        &list_markers(&clip_references(&put_on_it(&bare_fix(&temperatures(
            &sound_muted(&do_as_make(&excess_as_complaint(&colours_they_are(
                &brand_colours(&chat_spelling(&text)),
            )))),
        ))))),
    ))));
    // "Make it neutral" as the request itself (after a complaint it adds nothing, as "fix
    // it" does): the white balance.
    let text = match text.trim_start().strip_prefix("make it neutral") {
        Some(rest) => format!("fix the white balance{rest}"),
        None => text,
    };
    // A sky blown to white is clipped highlights (no mask of the sky is needed); said
    // before the complaints below read "blown out" as the sky being too bright.
    let mut text = text;
    for (from, to) in [
        ("the sky is blown out", "the highlights are clipped"),
        ("sky is blown out", "highlights are clipped"),
        ("the sky is blown", "the highlights are clipped"),
        ("recover the sky", "recover the highlights"),
        // Where the noise came from, before "it is noisy" is read as its request.
        ("noisy from my phone", "noisy"),
        ("grainy from my phone", "grainy"),
        ("noisy from the phone", "noisy"),
        ("highlights are blown out", "highlights are clipped"),
        ("highlights are blown", "highlights are clipped"),
    ] {
        text = replace_words(&text, from, to);
    }
    let mut text = everything_else_tinted(&whole_scene_excepting(&exposure_complaints(
        &tone_complaints(&colour_casts(&complaints_share_their_verb(
            &means_after_by(&tone_ranges_listed(&tone_range_amounts(
                &shade_comparatives(&without_alternatives(&levels_as_changes(&text))),
            ))),
        ))),
    )));
    for (from, to) in [
        ("t-shirt", "tshirt"),
        ("sports bra", "bra"),
        // A dog, not a golden grade.
        ("golden retriever", "retriever"),
        // How the shot is framed, not a zoom: "close-up of a watch on a wrist".
        ("close up of", "shot of"),
        ("close-up of", "shot of"),
        ("closeup of", "shot of"),
        ("macro shot of", "shot of"),
        // "Inspired by this painting" asks to match it ("Ghibli-inspired" alone is the style).
        ("inspired by ", "like "),
        // People's age, not an old look.
        ("old man", "elderly man"),
        ("old woman", "elderly woman"),
        ("old lady", "elderly lady"),
        ("old couple", "elderly couple"),
        ("old men", "elderly men"),
        ("old people", "elderly people"),
        // "A watercolor painting of a cyclist on a country road": the style, then what the
        // footage shows (one clause, the cyclist was refused as an edit).
        ("painting of a ", "painting, a "),
        ("painting of an ", "painting, an "),
        ("painting of the ", "painting, the "),
        ("drawing of a ", "drawing, a "),
        ("drawing of an ", "drawing, an "),
        ("drawing of the ", "drawing, the "),
        ("sketch of a ", "sketch, a "),
        ("sketch of an ", "sketch, an "),
        ("sketch of the ", "sketch, the "),
        ("illustration of a ", "illustration, a "),
        ("illustration of the ", "illustration, the "),
        ("rest of the clip untouched", "everything else unchanged"),
        ("rest of the video untouched", "everything else unchanged"),
        ("rest of the clip unchanged", "everything else unchanged"),
        ("rest of the video unchanged", "everything else unchanged"),
        ("rest untouched", "everything else unchanged"),
        ("rest unchanged", "everything else unchanged"),
        // Asides beside the request that says what to do ("make the greens less neon,
        // they're too much").
        // "the vid is too long, just make it 20 seconds": the complaint beside the length.
        ("the video is too long", ""),
        // Colourists' and editors' words for what the engine does.
        ("crank the", "increase the"),
        ("pump the", "boost the"),
        ("pull exposure down", "lower the exposure by"),
        ("pull the exposure down", "lower the exposure by"),
        ("pull down the exposure", "lower the exposure"),
        ("push exposure up", "raise the exposure by"),
        ("push the exposure up", "raise the exposure by"),
        ("punch in the blacks", "deeper blacks"),
        ("slight overexposure", "slightly brighter"),
        ("overexposed look", "brighter"),
        ("neutral white balance", "fix the white balance"),
        ("white balance it properly", "fix the white balance"),
        ("white-balance it properly", "fix the white balance"),
        ("white balance fix", "fix the white balance"),
        // English as a second language: "put the video in black-white", "put grain of
        // film", "do like painting with oil", "the years 70", "too much strong".
        ("i like that you put ", "add "),
        ("put the video in ", "make the video "),
        ("put the video ", "make the video "),
        ("put it in ", "make it "),
        ("put grain", "add grain"),
        ("put vignette", "add vignette"),
        ("put a tint", "add a tint"),
        ("put a vignette", "add a vignette"),
        ("put more ", "add more "),
        ("grain of film", "film grain"),
        ("help me to ", ""),
        ("help me ", ""),
        ("kindly do the needful and ", ""),
        ("kindly make the needful and ", ""),
        ("kindly ", ""),
        ("more beautiful colors", "more vivid colors"),
        ("more beautiful colours", "more vivid colours"),
        ("too much strong", "too strong"),
        ("from japan", ""),
        ("cinema film", "cinematic film"),
        ("like in the cinema", "cinematic"),
        ("cut the video to ratio", "crop to ratio"),
        ("cut it to ratio", "crop to ratio"),
        ("cut to ratio", "crop to ratio"),
        ("cut to vertical", "crop to vertical"),
        ("cut it vertical", "crop it vertical"),
        ("i dont want the audio in this", "mute the sound"),
        ("i don't want the audio in this", "mute the sound"),
        ("dont want the audio in this", "mute the sound"),
        ("don't want the audio in this", "mute the sound"),
        ("dont want the audio", "mute the sound"),
        ("dont want the sound", "mute the sound"),
        ("when the sun is going down", ""),
        ("when the sun goes down", ""),
        ("video more light", "video brighter"),
        ("it more light", "it brighter"),
        ("painting with oil", "oil painting"),
        ("do like ", "make it look like "),
        ("make like ", "make it look like "),
        ("the feed of instagram", "instagram feed"),
        ("the years 50", "the 50s"),
        ("the years 60", "the 60s"),
        ("the years 70", "the 70s"),
        ("the years 80", "the 80s"),
        ("the years 90", "the 90s"),
        ("make it looks like", "make it look like"),
        ("vhs cassette", "vhs tape"),
        (", with the lines", ""),
        ("old detective movies", "film noir"),
        ("old detective movie", "film noir"),
        ("detective movies", "film noir"),
        ("tokyo by night", "cyberpunk"),
        ("from childhood", ""),
        ("like candy in a shop", "candy colours"),
        ("colours washed", "washed out colours"),
        ("colors washed", "washed out colors"),
        ("one stop more or so", "by one stop"),
        ("one stop more", "by one stop"),
        ("more alive", "more vivid"),
        ("not so loud", "less saturated"),
        ("like video game zelda", ""),
        ("the blacks more black", "deeper blacks"),
        ("whites more white", "brighter whites"),
        ("like at home", ""),
        ("background gets a", "give the background a"),
        ("35mm print", "35mm film"),
        ("grindhouse print", "grindhouse film"),
        ("textured look", "grainy look"),
        ("almost gritty", ""),
        ("worn vhs", "vhs"),
        ("worn film", "old film"),
        ("look slightly worn", "look slightly old"),
        ("slightly worn", "slightly old"),
        ("aged ", "old "),
        ("pretty heavy", "heavy"),
        ("pretty subtle", "subtle"),
        ("just enough to take the digital edge off", ""),
        ("to take the digital edge off", ""),
        ("archival footage", "old film"),
        ("flickery", "flicker"),
        ("soft and light", "soft"),
        ("just a few fewer colour levels", ""),
        ("just a few fewer color levels", ""),
        ("posterize to about ", "posterize to "),
        ("colouring book page", "pencil sketch"),
        ("coloring book page", "pencil sketch"),
        ("black outlines on white", ""),
        ("marker sketch", "colored pencil sketch"),
        ("with a few flat colours", ""),
        ("with a few flat colors", ""),
        ("with very few tones", ""),
        ("toon shader", "cel shading"),
        ("ink drawing", "pencil sketch"),
        ("sketchy ", ""),
        ("with rough lines", ""),
        ("rough ", ""),
        ("almost like a ", "like a "),
        ("worn old", "old"),
        ("down to a handful of colour levels", ""),
        ("colour levels", "levels"),
        ("color levels", "levels"),
        ("with only ", "with "),
        ("throwback ", ""),
        ("almost neon", "neon"),
        ("olive green", "olive"),
        (
            "make my outfit these colors",
            "make my outfit the colours of the reference image",
        ),
        (
            "make my outfit these colours",
            "make my outfit the colours of the reference image",
        ),
        (
            "the same color as this",
            "the colour of the reference image",
        ),
        (
            "the same colour as this",
            "the colour of the reference image",
        ),
        ("like a grindhouse film", "with dust and scratches"),
        ("fading into", "to"),
        ("fading to", "to"),
        ("fades into", "to"),
        ("messy room behind", "background behind"),
        ("room behind", "background behind"),
        ("wall behind", "background behind"),
        ("clutter behind", "background behind"),
        ("how it is", "as it is"),
        ("put it black", "make it black"),
        ("put it sepia", "make it sepia"),
        ("the sound keep it", "keep the sound"),
        ("the audio keep it", "keep the audio"),
        ("split toning, ", ""),
        ("split tone it: ", ""),
        ("split tone it, ", ""),
        ("like picture in the museum", ""),
        ("of my grandfather", ""),
        ("of my grandmother", ""),
        ("dark around the borders of the image", "vignette"),
        ("dark around the borders", "vignette"),
        ("dark around the edges", "vignette"),
        (", not focus", ""),
        ("posterize further", "posterize"),
        ("small vignette", "subtle vignette"),
        ("white-balance it", "fix the white balance"),
        ("let's do ", "make "),
        ("let's make ", "make "),
        (" lay ", " add "),
        ("no added", "keep everything else"),
        ("a little - not too much", "a little"),
        ("a little, not too much", "a little"),
        ("a little not too much", "a little"),
        ("lets do ", "make "),
        ("in the corners", ""),
        ("dirty grain", "heavy grain"),
        ("hot magenta", "magenta"),
        ("steel-blue", "blue"),
        ("steel blue", "blue"),
        ("moving watercolour", "watercolour"),
        ("moving watercolor", "watercolor"),
        ("moving painting", "painting"),
        ("like a studio cyc", ""),
        ("studio cyc", ""),
        (" from the fluorescent tubes", ""),
        (" from the flourescent tubes", ""),
        (" from the tungsten practicals", ""),
        ("production audio", "audio"),
        ("scratch audio", "audio"),
        ("tri-x style", ""),
        ("tri-x", ""),
        ("sun-kissed", "warm"),
        ("late-afternoon sun", "golden hour"),
        ("clean corporate look", ""),
        ("corporate headshot style", ""),
        ("emulate a standard ", "apply a "),
        ("emulate ", "apply "),
        (" lut ", " look "),
        ("subject stays crisp", "keep the subject sharp"),
        ("subject stays sharp", "keep the subject sharp"),
        ("the original background", "the background"),
        ("in my notebook", ""),
        ("under these office lights", ""),
        ("under the office lights", ""),
        ("under these lights", ""),
        ("deep fried", "very saturated and very high contrast"),
        ("deep-fried", "very saturated and very high contrast"),
        ("white balance it", "fix the white balance"),
        ("correct it back to neutral", "fix it"),
        ("back to neutral", "neutral"),
        ("creamy highlights", "warm highlights"),
        ("sun kissed", "warm"),
        ("sunkissed", "warm"),
        ("late afternoon sun", "golden hour"),
        ("late afternoon light", "golden hour"),
        ("a cool tungsten balance", "cooler"),
        ("tungsten balance", "cooler"),
        ("tri x style", ""),
        ("tri x", ""),
        ("contrast curve", "contrast"),
        ("sepia paper tone", "sepia tone"),
        ("watercolour wash", "watercolour"),
        ("watercolor wash", "watercolor"),
        ("vhs artefacts", "vhs"),
        ("vhs artifacts", "vhs"),
        ("vhs rental", "vhs tape"),
        ("and flat fills", ""),
        ("with flat fills", ""),
        ("flat fills", ""),
        ("inked edges", "bold outlines"),
        ("down to a handful of color levels", ""),
        ("wes anderson still", "wes anderson"),
        ("old family photo", "old photo"),
        ("family photo", "old photo"),
        ("retro postcard", "vintage photo"),
        ("old postcard", "vintage photo"),
        ("tokyo at night", "cyberpunk"),
        ("neon lit", "neon"),
        ("think fincher", ""),
        ("big hollywood blockbuster", "hollywood blockbuster"),
        // ("Stranger Things grade" alone names no grade this engine has: refused, not
        // dropped.)
        ("stranger things 80s", "80s"),
        ("like instagram in 2012", "vintage"),
        ("disposable camera", "vintage photo"),
        ("tv show", "tv"),
        ("blue white balance", "cooler"),
        ("orange white balance", "warmer"),
        ("yellow white balance", "warmer"),
        ("old documentary", "old film"),
        ("indie film", "film"),
        ("like fall", "like autumn"),
        ("for fall", "for autumn"),
        ("chill it out", "tone it down"),
        ("doodle sketch", "pencil sketch"),
        ("doodle", "pencil sketch"),
        ("mood board", "image"),
        ("moodboard", "image"),
        ("on the lights", ""),
        ("let make ", "make "),
        ("lets make ", "make "),
        ("iso 3200", "high iso"),
        ("iso 1600", "high iso"),
        ("iso 6400", "high iso"),
        ("no grade changes", "keep the colours"),
        ("colour untouched", "keep the colours"),
        ("color untouched", "keep the colours"),
        ("colours untouched", "keep the colours"),
        ("colors untouched", "keep the colours"),
        ("dont touch anything else", "keep everything else"),
        ("don't touch anything else", "keep everything else"),
        ("nothing else changes", "keep everything else"),
        ("nothing added", "keep everything else"),
        // "neon look with the background replaced by a gradient": two requests.
        ("look with the background", "look, the background"),
        ("grade with the background", "grade, the background"),
        ("the clip is too long", ""),
        ("it is too long", ""),
        ("theyre too much", ""),
        ("they're too much", ""),
        ("they are too much", ""),
        ("from my childhood", ""),
        ("from an artists notebook", ""),
        ("from an artist's notebook", ""),
        ("from the 1900s", ""),
        ("like a video game cutscene", ""),
        ("like an old comic print", ""),
        ("that draws the eye to the centre", ""),
        ("that draws the eye to the center", ""),
        ("that draws the eye in", ""),
        // What the style already is: an anime's clean outlines, a pencil's graphite lines,
        // a posterisation's few flat colours, a pop-art halftone's small palette.
        ("and clean line art", ""),
        ("with clean line art", ""),
        ("clean line art", ""),
        ("with clean graphite lines", ""),
        ("clean graphite lines", ""),
        ("and a white paper feel", ""),
        ("a white paper feel", ""),
        ("down to a handful of flat colours", ""),
        ("down to a handful of flat colors", ""),
        ("with a limited four colour palette", ""),
        ("with a limited four-colour palette", ""),
        ("with a limited four color palette", ""),
        ("with a limited four-color palette", ""),
        // A glow where the light is ("a soft glow blooming in the highlights") is the glow.
        ("glow blooming in the highlights", "glow"),
        ("glow blooming from the highlights", "glow"),
        ("blooming highlights", "glow"),
        ("glow on the lights", "glow"),
        ("like a dreamy bloom effect", "dreamy glow"),
        ("bloom effect", "glow"),
        ("like a soft-focus lens", ""),
        ("like a soft focus lens", ""),
        ("soft-focus lens", "soft focus"),
        ("soft focus lens", "soft focus"),
        // The cause of noise, not a look asked for ("it's noisy from the high ISO").
        ("noisy from the high iso", "noisy"),
        ("noisy from high iso", "noisy"),
        ("grainy from the high iso", "grainy"),
        ("grainy from high iso", "grainy"),
        ("high iso film", "grainy film"),
        ("high iso", "grainy"),
        ("sepia wash", "sepia tone"),
        ("warm peachy", "peach"),
        ("warm peach", "peach"),
        ("peachy", "peach"),
        ("the oranges in the sunset", "the oranges"),
        ("the blue of the sky deeper", "the sky bluer"),
        ("the blue of the sky richer", "the sky bluer"),
        // Who carries what: the carried thing is the subject's ("make the umbrella he's
        // carrying yellow").
        ("he's carrying", ""),
        ("she's carrying", ""),
        ("they're carrying", ""),
        ("he's holding", ""),
        ("she's holding", ""),
        ("they're holding", ""),
        ("he is carrying", ""),
        ("she is carrying", ""),
        ("he is holding", ""),
        ("she is holding", ""),
        ("lowkey lighting", "low key lighting"),
        ("lowkey ", "slightly "),
        ("fr fr", ""),
        ("this ain't it chief", ""),
        ("ain't it chief", ""),
        ("the client wants", ""),
        ("client wants", ""),
        ("vintage print", "vintage"),
        ("black ink only", ""),
        ("chunky 8-bit", "8-bit"),
        ("chunky 8bit", "8bit"),
        ("chunky pixels", "big pixels"),
        ("family memories feel", "nostalgic feel"),
        ("pastel tiktok look", "pastel look for tiktok"),
        ("in style of painting oil", "in the style of oil painting"),
        ("painting oil", "oil painting"),
        ("in style of", "in the style of"),
        ("punch up the reds", "boost the reds"),
        ("punch up the oranges", "boost the oranges"),
        ("punch up the yellows", "boost the yellows"),
        ("punch up the greens", "boost the greens"),
        ("punch up the blues", "boost the blues"),
        ("punch up the purples", "boost the purples"),
        ("punch up the pinks", "boost the pinks"),
        ("bring exposure down", "lower the exposure"),
        ("bring the exposure down", "lower the exposure"),
        ("bring exposure up", "raise the exposure"),
        ("bring the exposure up", "raise the exposure"),
        ("% sat ", "% saturation "),
        ("% sat,", "% saturation,"),
        ("the white is too much yellow", "the whites are too yellow"),
        ("the white is too yellow", "the whites are too yellow"),
        ("keep the midtones neutral", ""),
        ("background: replace with", "replace the background with"),
        ("tracking noise", "vhs"),
        ("tracking lines", "vhs"),
        // YouTube's short videos, not a garment (vertical, where a crop is for them).
        (
            "crop for youtube shorts",
            "crop to ratio9by16 for youtube videos",
        ),
        (
            "crop it for youtube shorts",
            "crop to ratio9by16 for youtube videos",
        ),
        ("crop for shorts", "crop to ratio9by16 for youtube videos"),
        ("youtube shorts", "youtube videos"),
        ("shorts channel", "video channel"),
        ("shorts intro", "video intro"),
        ("shorts series", "video series"),
        ("golden retrievers", "retrievers"),
        // "Half the contrast" is the contrast halved (read as "contrast" and "half", it
        // added half as much again); "twice the saturation" doubled.
        ("half the contrast", "less contrast by half"),
        ("half the saturation", "less saturation by half"),
        ("twice the contrast", "more contrast by 100%"),
        ("twice the saturation", "more saturation by 100%"),
        ("double the contrast", "more contrast by 100%"),
        ("charcoal grey", "charcoal"),
        ("charcoal gray", "charcoal"),
        // A gradient's softness is the gradient's (read as "soft", it blurred the
        // background instead).
        ("soft gradient", "gradient"),
        ("smooth gradient", "gradient"),
        ("subtle gradient", "gradient"),
        ("gentle gradient", "gradient"),
        ("add a cool effect", ""),
        ("not a cool effect", ""),
        ("a cool effect", ""),
        // Exclusive and hedged wording: "nothing but black and white", "anything but
        // cartoonish", "not unlike a sepia tone", "it shouldn't be anything other than ...".
        ("shouldn't be anything other than ", "should be only "),
        ("should not be anything other than ", "should be only "),
        ("nothing other than ", "only "),
        ("nothing but ", "only "),
        ("anything but ", "no "),
        ("something not unlike ", ""),
        ("not unlike ", ""),
        // Limits that the edit keeps by doing nothing else.
        ("nothing heavier than that", ""),
        ("no other changes", ""),
        ("nothing more", ""),
        ("nothing else", ""),
        ("leave the colours alone", ""),
        ("leave the colors alone", ""),
        ("don't touch the colours", ""),
        ("don't touch the colors", ""),
        ("dont touch the colours", ""),
        ("dont touch the colors", ""),
        ("leave the colour alone", ""),
        ("leave the color alone", ""),
        ("don't touch the colour", ""),
        ("dont touch the colour", ""),
        ("dont touch the color", ""),
        // What a subject-aware edit keeps by itself: "blur the background, person stays
        // the same" (refused as a change to the person).
        ("the person stays the same", "keep the rest as it is"),
        // Twenty-fourth session's held-out set, phrasings that were refused.
        ("saturday morning cartoon", "cartoon"),
        ("it came out", "it is"),
        ("a moving oil painting", "an oil painting"),
        ("a living oil painting", "an oil painting"),
        ("moving painting", "painting"),
        ("loose watercolour", "watercolour"),
        ("loose watercolor", "watercolor"),
        ("like on an iphone", ""),
        ("like on iphone", ""),
        ("glitchy bits", "glitches"),
        ("black bars top and bottom", "letterbox"),
        ("black bars at the top and bottom", "letterbox"),
        ("bars top and bottom", "letterbox"),
        ("throw some", "add some"),
        ("throw on some", "add some"),
        ("throw in some", "add some"),
        ("just a handful of flat colours", ""),
        ("just a handful of flat colors", ""),
        ("a handful of flat colours", ""),
        ("a handful of flat colors", ""),
        ("flatten it a little", "lower the contrast a little"),
        ("flatten it a bit", "lower the contrast a bit"),
        ("flatten it", "lower the contrast"),
        // A tan is skin, not a tint of the person ("give her a tan" tinted her tan).
        ("give her a tan", "give her tanned skin"),
        ("give him a tan", "give him tanned skin"),
        ("give them a tan", "give them tanned skin"),
        ("give me a tan", "give me tanned skin"),
        ("a spray tan", "tanned skin"),
        ("a suntan", "tanned skin"),
        ("a sun tan", "tanned skin"),
        ("person stays the same", "keep the rest as it is"),
        ("the subject stays the same", "keep the rest as it is"),
        (
            "subject should remain exactly as shot",
            "keep the rest as it is",
        ),
        (
            "the subject should stay exactly as shot",
            "keep the rest as it is",
        ),
        ("don't touch the color", ""),
        ("don't touch the exposure", ""),
        ("keep it recognisable", ""),
        ("keep it recognizable", ""),
        ("than you'd think", ""),
        ("than you would think", ""),
        ("than you'd normally do", ""),
        ("than you would normally do", ""),
        ("than usual", ""),
        ("no halos", ""),
        ("without halos", ""),
        ("barely there", "very subtle"),
        ("a whisper of ", "a hint of "),
        ("half as strong", "subtle"),
        // Colourists' verbs for the dials.
        ("knock the saturation back", "reduce the saturation"),
        ("knock the saturation down", "reduce the saturation"),
        ("knock the contrast back", "reduce the contrast"),
        ("knock the contrast down", "reduce the contrast"),
        ("knock the exposure down", "reduce the exposure"),
        ("knock back the saturation", "reduce the saturation"),
        ("dial the saturation back", "reduce the saturation"),
        ("dial back the saturation", "reduce the saturation"),
        ("dial the contrast back", "reduce the contrast"),
        ("dial back the contrast", "reduce the contrast"),
        ("dial it back:", ""),
        ("pull the exposure down", "reduce the exposure"),
        ("pull the saturation down", "reduce the saturation"),
        ("pull the saturation back", "reduce the saturation"),
        ("lift the exposure", "raise the exposure"),
        ("take it down a ", "darken it by a "),
        ("take it down half", "darken it by half"),
        ("take it down by", "darken it by"),
        ("light it up:", ""),
        ("crush it:", "crush the blacks,"),
        ("bring up the midtones", "brighten the midtones"),
        ("bring up the mids", "brighten the midtones"),
        ("bring the midtones up", "brighten the midtones"),
        ("bring the mids up", "brighten the midtones"),
        ("bring down the midtones", "darken the midtones"),
        ("bring down the mids", "darken the midtones"),
        ("bring the midtones down", "darken the midtones"),
        ("bring the mids down", "darken the midtones"),
        ("lift the mids", "lift the midtones"),
        ("brighten the mids", "brighten the midtones"),
        ("darken the mids", "darken the midtones"),
        ("bring the gain down", "gain down"),
        ("bring down the gain", "gain down"),
        ("bring the gain up", "gain up"),
        ("bring up the gain", "gain up"),
        ("bring the lift down", "lift down"),
        ("bring down the lift", "lift down"),
        ("bring the lift up", "lift up"),
        ("bring up the lift", "lift up"),
        ("bring the gamma down", "gamma down"),
        ("bring down the gamma", "gamma down"),
        ("bring the gamma up", "gamma up"),
        ("bring up the gamma", "gamma up"),
        ("start with a ", "a "),
        ("start with ", ""),
        ("make it feel ", "make it look "),
        ("without turning everything ", "without "),
        ("without making everything ", "without "),
        ("neutralise the green cast", "remove the green cast"),
        ("neutralize the green cast", "remove the green cast"),
        ("neutralise the magenta cast", "remove the magenta cast"),
        ("neutralize the magenta cast", "remove the magenta cast"),
        ("neutralise the blue cast", "remove the blue cast"),
        ("neutralize the blue cast", "remove the blue cast"),
        ("neutralise the yellow cast", "remove the yellow cast"),
        ("neutralize the yellow cast", "remove the yellow cast"),
        ("neutralise the orange cast", "remove the orange cast"),
        ("neutralize the orange cast", "remove the orange cast"),
        ("neutralise the red cast", "remove the red cast"),
        ("neutralize the red cast", "remove the red cast"),
        ("neutralise the pink cast", "remove the pink cast"),
        ("neutralize the pink cast", "remove the pink cast"),
        ("neutralise the purple cast", "remove the purple cast"),
        ("neutralize the purple cast", "remove the purple cast"),
        ("neutralise the cyan cast", "remove the cyan cast"),
        ("neutralize the cyan cast", "remove the cyan cast"),
        ("neutralise the colour cast", "remove the colour cast"),
        ("neutralize the colour cast", "remove the colour cast"),
        ("neutralise the color cast", "remove the color cast"),
        ("neutralize the color cast", "remove the color cast"),
        ("neutral to slightly warm", "slightly warm"),
        ("neutral to warm", "slightly warm"),
        ("near black and white", "heavily desaturated"),
        ("nearly black and white", "heavily desaturated"),
        ("almost black and white", "heavily desaturated"),
        ("take almost all the colour out", "heavily desaturate it"),
        ("take almost all the color out", "heavily desaturate it"),
        ("afternoon sun", "afternoon"),
        ("a wash of ", "a tint of "),
        ("bold inks", "ink outlines"),
        ("chunky pixels", "big pixels"),
        ("clean lines", ""),
        ("crisp lines", ""),
        // Counts in words ("posterize, four or five levels").
        ("two or three ", "3 "),
        ("three or four ", "4 "),
        ("four or five ", "5 "),
        ("five or six ", "6 "),
        ("six or eight ", "8 "),
        ("two levels", "2 levels"),
        ("two colours", "2 colours"),
        ("two colors", "2 colors"),
        ("two bands", "2 bands"),
        ("two tones", "2 tones"),
        ("two shades", "2 shades"),
        ("three levels", "3 levels"),
        ("three colours", "3 colours"),
        ("three colors", "3 colors"),
        ("three bands", "3 bands"),
        ("three tones", "3 tones"),
        ("three shades", "3 shades"),
        ("four levels", "4 levels"),
        ("four colours", "4 colours"),
        ("four colors", "4 colors"),
        ("four bands", "4 bands"),
        ("four tones", "4 tones"),
        ("four shades", "4 shades"),
        ("five levels", "5 levels"),
        ("five colours", "5 colours"),
        ("five colors", "5 colors"),
        ("five bands", "5 bands"),
        ("five tones", "5 tones"),
        ("five shades", "5 shades"),
        ("six levels", "6 levels"),
        ("six colours", "6 colours"),
        ("six colors", "6 colors"),
        ("six bands", "6 bands"),
        ("six tones", "6 tones"),
        ("six shades", "6 shades"),
        ("seven levels", "7 levels"),
        ("seven colours", "7 colours"),
        ("seven colors", "7 colors"),
        ("seven bands", "7 bands"),
        ("seven tones", "7 tones"),
        ("seven shades", "7 shades"),
        ("eight levels", "8 levels"),
        ("eight colours", "8 colours"),
        ("eight colors", "8 colors"),
        ("eight bands", "8 bands"),
        ("eight tones", "8 tones"),
        ("eight shades", "8 shades"),
        ("ten levels", "10 levels"),
        ("ten colours", "10 colours"),
        ("ten colors", "10 colors"),
        ("ten bands", "10 bands"),
        ("ten tones", "10 tones"),
        ("ten shades", "10 shades"),
        ("twelve levels", "12 levels"),
        ("twelve colours", "12 colours"),
        ("twelve colors", "12 colors"),
        ("twelve bands", "12 bands"),
        ("twelve tones", "12 tones"),
        ("twelve shades", "12 shades"),
        ("sixteen levels", "16 levels"),
        ("sixteen colours", "16 colours"),
        ("sixteen colors", "16 colors"),
        ("sixteen bands", "16 bands"),
        ("sixteen tones", "16 tones"),
        ("sixteen shades", "16 shades"),
        ("but not blown out", ""),
        ("not blown out", ""),
        ("lift it ", "brighten it "),
        ("proper black and white", "black and white"),
        ("the actual image", ""),
        ("set the scene against ", "put them in front of "),
        ("crush the saturation", "heavily desaturate it"),
        ("almost none left", ""),
        ("corners almost black", ""),
        // "Clean" said of a grade is an adjective, not the "clean up" of a denoise (it
        // lowered the contrast of "a clean high-contrast grade").
        // A shade said after its colour, as some languages put it ("the green dark" darkened
        // the whole picture).
        ("red dark", "dark red"),
        ("green dark", "dark green"),
        ("blue dark", "dark blue"),
        ("yellow dark", "dark yellow"),
        ("orange dark", "dark orange"),
        ("purple dark", "dark purple"),
        ("pink dark", "dark pink"),
        ("brown dark", "dark brown"),
        ("grey dark", "dark grey"),
        ("gray dark", "dark gray"),
        ("violet dark", "dark violet"),
        ("teal dark", "dark teal"),
        // After a complaint about a cast, "make it white again" is the white balance (read
        // as a tint of white, it did nothing and said it had).
        ("make it normal white", "fix the white balance"),
        ("make it white again", "fix the white balance"),
        ("make them white again", "fix the white balance"),
        ("make them normal white", "fix the white balance"),
        ("make the whites white again", "fix the white balance"),
        // The kind of painting named after it ("the water colour" alone is the water's).
        ("painting of water colors", "watercolor painting"),
        ("painting of water colours", "watercolour painting"),
        ("painting of watercolors", "watercolor painting"),
        ("painting of watercolours", "watercolour painting"),
        ("water color painting", "watercolor painting"),
        ("water colour painting", "watercolour painting"),
        ("painting of watercolor", "watercolor painting"),
        ("painting of watercolour", "watercolour painting"),
        ("painting in watercolor", "watercolor painting"),
        ("painting in watercolour", "watercolour painting"),
        ("painting of oil", "oil painting"),
        ("painting in oil", "oil painting"),
        // Second-language phrasings of saturation and the white balance.
        ("colour more strong", "more saturation"),
        ("colours more strong", "more saturation"),
        ("color more strong", "more saturation"),
        ("colors more strong", "more saturation"),
        ("colour more alive", "more saturation"),
        ("colours more alive", "more saturation"),
        ("color more alive", "more saturation"),
        ("colors more alive", "more saturation"),
        ("colours less strong", "less saturation"),
        ("colors less strong", "less saturation"),
        ("colour less strong", "less saturation"),
        ("color less strong", "less saturation"),
        ("correct it to neutral", "fix the white balance"),
        ("put little bit of ", "add a little bit of "),
        ("put a little bit of ", "add a little bit of "),
        ("put a bit of ", "add a bit of "),
        ("put some ", "add some "),
        ("keep the colours exactly as they are", "keep the colours"),
        ("keep the colors exactly as they are", "keep the colors"),
        ("keep the colours as they are", "keep the colours"),
        ("keep the colors as they are", "keep the colors"),
        ("keep the colours as they were", "keep the colours"),
        ("keep the colors as they were", "keep the colors"),
        // Flicker of the exposure is flicker, not an exposure change ("a touch of exposure
        // flicker" brightened the picture).
        ("exposure flicker", "flicker"),
        ("brightness flicker", "flicker"),
        ("luminance flicker", "flicker"),
        ("luma flicker", "flicker"),
        // A cartoon's flat colour is its fills, not low contrast.
        ("flat saturated colour", "saturated colour"),
        ("flat saturated color", "saturated color"),
        ("flat saturated colours", "saturated colours"),
        ("flat saturated colors", "saturated colors"),
        // Tone ranges and exposure in other words.
        ("bright highlights", "brighter highlights"),
        ("bring the highlights down", "recover the highlights"),
        ("bring down the highlights", "recover the highlights"),
        ("pull the highlights down", "recover the highlights"),
        ("pull down the highlights", "recover the highlights"),
        // (Followed by a space: "underexposed" and "overexposed" are complaints.)
        ("underexpose it ", "darken it "),
        ("underexpose ", "darken it "),
        ("overexpose it ", "brighten it "),
        ("overexpose ", "brighten it "),
        ("flatter image", "less contrast"),
        ("flatter picture", "less contrast"),
        ("flatter look", "less contrast"),
        ("barely noticeable", "very subtle"),
        ("barely visible", "very subtle"),
        ("clean high ", "high "),
        ("clean low ", "low "),
        // "Clean" as an adjective beside another ("clean bright lighting"): read as the verb
        // "clean", it turned "bright" into darker.
        ("clean bright", "bright"),
        ("clean and bright", "bright"),
        ("bright and clean", "bright"),
        ("bright clean", "bright"),
        ("clean crisp", "crisp"),
        ("clean and crisp", "crisp"),
        ("crisp and clean", "crisp"),
        ("a clean, ", "a "),
        ("a clean slightly ", "a slightly "),
        ("a clean subtle ", "a subtle "),
        ("but not quite all", ""),
        ("not quite all", ""),
        ("pull it back", "fix it"),
        ("to a quarter of what it is", "by 75%"),
        ("to half of what it is", "by half"),
        ("to half what it is", "by half"),
        ("comic panel", "comic"),
        // Director's notes (eighteenth session).
        ("action movie", "blockbuster"),
        ("on the exterior", ""),
        ("on the interior", ""),
        // (Pushed down is less: "push the saturation way down".)
        ("push the saturation way down", "much less saturation"),
        ("push the saturation down", "less saturation"),
        ("push the contrast way down", "much less contrast"),
        ("push the contrast down", "less contrast"),
        ("push the warmth down", "less warmth"),
        ("push the warmth", "boost the warmth"),
        ("push the contrast", "boost the contrast"),
        ("push the saturation", "boost the saturation"),
        ("push the neon look", "apply the neon look"),
        ("push a ", "apply a "),
        // "Turn summer into a rainy autumn afternoon": the season it is, not a grade.
        ("turn summer into ", "turn it into "),
        ("turn winter into ", "turn it into "),
        ("turn spring into ", "turn it into "),
        ("turn autumn into ", "turn it into "),
        ("the client wants ", "i want "),
        ("the client needs ", "i need "),
        ("go for a ", "apply a "),
        ("go for an ", "apply an "),
        ("go with a ", "apply a "),
        ("lean into a ", "apply a "),
        ("lean into the ", "apply the "),
        ("lift exposure", "raise exposure"),
        ("lifted exposure", "raised exposure"),
        ("bring the contrast down", "reduce the contrast"),
        ("bring down the contrast", "reduce the contrast"),
        ("bring the exposure down", "reduce the exposure"),
        ("bring down the exposure", "reduce the exposure"),
        ("bring the exposure up", "raise the exposure"),
        ("bring up the exposure", "raise the exposure"),
        ("bring the saturation down", "reduce the saturation"),
        ("bring down the saturation", "reduce the saturation"),
        ("a fair amount", "moderately"),
        ("a good amount", "a lot"),
        ("quite a bit", "a lot"),
        ("pretty strong", "strong"),
        ("warm it up nicely", "warm it up"),
        ("sickly green", "green"),
        ("rich warm colours", "warm, saturated colours"),
        ("rich warm colors", "warm, saturated colors"),
        ("a bit of sharpening", "a bit of sharpen"),
        ("some sharpening", "some sharpen"),
        ("medium pixelation", "pixel art"),
        ("strong pixelation", "heavy pixel art"),
        ("pixelation", "pixel art"),
        (" on top", ""),
        (
            "black and white with some colour left in",
            "heavily desaturated",
        ),
        (
            "black and white with some color left in",
            "heavily desaturated",
        ),
        ("the seventies", "the 1970s"),
        ("the eighties", "the 1980s"),
        ("the nineties", "the 1990s"),
        ("the sixties", "the 1960s"),
        ("the fifties", "the 1950s"),
        ("to go black and white", "to be black and white"),
        ("keep everything natural", "for a natural look"),
        ("keep it natural", "for a natural look"),
        ("keep it looking natural", "for a natural look"),
        ("it must look natural", "for a natural look"),
        ("it should look natural", "for a natural look"),
        ("it still needs to look real", "for a real look"),
        ("keep it accurate", "for an accurate look"),
        ("keep it real", "for a real look"),
        ("keep it sober", "for a sober look"),
        ("keep it calm", "for a calm look"),
        ("keep it simple", "for a simple look"),
        ("keep it classy", "for a classy look"),
        ("keep it tasteful", "for a tasteful look"),
        ("keep it believable", "for a believable look"),
        ("keep it grounded", "for a grounded look"),
        ("keep it understated", "for an understated look"),
        ("keep it looking like a real memory", "for a real look"),
        ("not instagram filtered", ""),
        ("nothing stylised", ""),
        ("nothing stylized", ""),
        ("thick brushwork", ""),
        ("visible brushwork", ""),
        ("dark lines on white paper", ""),
        ("punch up the colours", "more vivid colours"),
        ("punch up the colors", "more vivid colors"),
        ("punch up the colour", "more vivid colour"),
        ("punch up the color", "more vivid color"),
        // "background this", "this as background": the image sent with it.
        ("background this", "background to this image"),
        ("background to this", "background to this image"),
        ("this as background", "this image as the background"),
        ("this as the background", "this image as the background"),
        ("this as bg", "this image as the background"),
        ("this image image", "this image"),
        ("this image pic", "this pic"),
        ("this image photo", "this photo"),
        ("this image picture", "this picture"),
        // Thanks are not an intensity ("thank you so much" made the grade heavy).
        ("thank you so much", "thank you"),
        ("thanks so much", "thanks"),
        ("thank you very much", "thank you"),
        ("thanks very much", "thanks"),
        ("off-white", "off white"),
        ("t shirt", "tshirt"),
        ("b&w", "bw"),
        ("b/w", "bw"),
        ("&", " and "),
        // Contractions, before "'s" goes: "it's" is "it is" (a description), "I'd like" a
        // wish.
        ("it's ", "it is "),
        ("that's ", "that is "),
        ("there's ", "there is "),
        ("'d ", " would "),
        ("'m ", " am "),
        ("'ll ", " will "),
        ("'ve ", " have "),
        ("'re ", " are "),
        ("'s ", " "),
        ("s' ", "s "),
        // Describing verbs are one verb to the complaints below: "it seems too dark", "the
        // footage feels dull", "the colours appear washed out".
        (" seems to be ", " is "),
        (" seem to be ", " are "),
        (" seems ", " looks "),
        (" seem ", " look "),
        (" feels ", " looks "),
        (" appears ", " looks "),
        (" appear ", " look "),
        // Held-out QA phrasings of direction (twenty-third session): each was refused, or
        // read the wrong way round ("the contrast is too harsh" added contrast as well).
        ("contrast is way too harsh", "contrast is way too strong"),
        ("contrast is too harsh", "contrast is too strong"),
        ("soften the contrast", "reduce the contrast"),
        ("soften contrast", "reduce contrast"),
        ("deepen the contrast", "increase the contrast"),
        ("make it flatter", "reduce the contrast"),
        ("flat and low contrast", "flat"),
        ("is low contrast", "lacks contrast"),
        ("looks low contrast", "lacks contrast"),
        ("bump up the colours", "boost the saturation"),
        ("bump up the colors", "boost the saturation"),
        ("bump up the ", "increase the "),
        (" up a notch", " up slightly"),
        (" down a notch", " down slightly"),
        // The adversarial held-out set (twenty-fourth session).
        (" a notch", " slightly"),
        ("lower the darkness", "brighten it"),
        ("reduce the darkness", "brighten it"),
        ("decrease the darkness", "brighten it"),
        ("reduce how dark it is", "brighten it"),
        ("decrease the coolness", "make it warmer"),
        ("reduce the coolness", "make it warmer"),
        ("decrease the warmth", "make it cooler"),
        ("take some saturation out", "reduce the saturation"),
        ("take some of the saturation out", "reduce the saturation"),
        (
            "take a bit of the colour out",
            "reduce the saturation a bit",
        ),
        ("take a bit of the color out", "reduce the saturation a bit"),
        ("take a bit of colour out", "reduce the saturation a bit"),
        ("take some colour out", "reduce the saturation"),
        ("take some of the colour out", "reduce the saturation"),
        ("take some color out", "reduce the saturation"),
        ("remove all the colour", "make it black and white"),
        ("remove all the color", "make it black and white"),
        ("remove all colour", "make it black and white"),
        ("remove all color", "make it black and white"),
        ("isn't contrasty enough", "needs more contrast"),
        ("isnt contrasty enough", "needs more contrast"),
        ("is not contrasty enough", "needs more contrast"),
        ("not contrasty enough", "needs more contrast"),
        ("isn't grainy enough", "needs more grain"),
        ("isnt grainy enough", "needs more grain"),
        ("is not grainy enough", "needs more grain"),
        ("not grainy enough", "needs more grain"),
        ("isn't colourful enough", "needs more saturation"),
        ("isnt colourful enough", "needs more saturation"),
        ("isn't colorful enough", "needs more saturation"),
        ("isnt colorful enough", "needs more saturation"),
        ("is not colourful enough", "needs more saturation"),
        ("is not colorful enough", "needs more saturation"),
        ("isn't vibrant enough", "needs more saturation"),
        ("isnt vibrant enough", "needs more saturation"),
        ("is not vibrant enough", "needs more saturation"),
        ("isn't sharp enough", "needs sharpening"),
        ("isnt sharp enough", "needs sharpening"),
        ("is not sharp enough", "needs sharpening"),
        ("colours look too grey", "colours look too dull"),
        ("colors look too gray", "colors look too dull"),
        ("colors look too grey", "colors look too dull"),
        ("colours are too grey", "colours are too dull"),
        ("colors are too gray", "colors are too dull"),
        ("go sepia", "sepia"),
        ("go black and white", "black and white"),
        ("plain black and white", "black and white"),
        ("fewer colour levels", ""),
        ("even darker", "darker"),
        ("even brighter", "brighter"),
        ("even warmer", "warmer"),
        ("even cooler", "cooler"),
        ("even further", "more"),
        ("properly black and white", "fully black and white"),
        ("fewer levels", ""),
        ("fully grey", "black and white"),
        ("fully gray", "black and white"),
        ("not oil,", "not oil painting,"),
        ("no oil,", "no oil painting,"),
        ("not oil.", "not oil painting."),
        ("no oil.", "no oil painting."),
        ("cartoon stuff", "cartoon"),
        ("fewer color levels", ""),
        ("like a broken digital signal", ""),
        ("not the room", "not the background"),
        ("leave every other colour alone", ""),
        ("leave every other color alone", ""),
        ("leave the other colours alone", ""),
        ("leave the other colors alone", ""),
        ("leave the sound on", ""),
        ("keep the sound on", ""),
        ("don't crop anything", ""),
        ("dont crop anything", ""),
        ("or add any filters", ""),
        ("should be a fade from", "should be a gradient from"),
        ("leave him untouched", "keep him as he is"),
        ("leave her untouched", "keep her as she is"),
        ("leave them untouched", "keep them as they are"),
        ("should stay as dark as it is", "should stay the same"),
        ("should stay as bright as it is", "should stay the same"),
        ("came from", "is from"),
        ("push it warmer", "make it warmer"),
        ("push it cooler", "make it cooler"),
        ("bring it warmer", "make it warmer"),
        ("bring it cooler", "make it cooler"),
        ("isn't dark enough", "is too bright"),
        ("isnt dark enough", "is too bright"),
        ("isn't bright enough", "is too dark"),
        ("isnt bright enough", "is too dark"),
        ("make it not so dark", "make it brighter"),
        ("make it not so bright", "make it darker"),
        ("needs more light", "needs to be brighter"),
        ("remove all the colour completely", "remove the colour"),
        ("remove all the color completely", "remove the color"),
        ("with flat colour bands", ""),
        ("with flat color bands", ""),
        ("turn the sound down to zero", "mute the sound"),
        ("turn the volume down to zero", "mute the sound"),
        ("looks really washed out", "looks desaturated"),
        ("look really washed out", "look desaturated"),
        ("looks very washed out", "looks desaturated"),
        ("look very washed out", "look desaturated"),
        ("looks so washed out", "looks desaturated"),
        ("look so washed out", "look desaturated"),
        ("are really washed out", "are desaturated"),
        ("are so washed out", "are desaturated"),
        ("is really washed out", "is desaturated"),
        ("is so washed out", "is desaturated"),
        // Held-out subject-aware phrasings: "with bokeh" or "with some grain" after a
        // background is another edit (the background clause took "warm filter" with it, and
        // read "black and white background with some grain" as a gradient).
        (" with bokeh", " and bokeh"),
        ("background with some grain", "background and some grain"),
        ("background with grain", "background and grain"),
        ("background with film grain", "background and film grain"),
        ("background with heavy grain", "background and heavy grain"),
        ("and the overall look ", "and the whole picture "),
        ("and the overall image ", "and the whole picture "),
        ("and the overall grade ", "and the whole picture "),
        ("fill the background with ", "make the background "),
        (
            "drain the color from everything behind",
            "desaturate everything behind",
        ),
        (
            "drain the colour from everything behind",
            "desaturate everything behind",
        ),
        (
            "drain the color from the background",
            "desaturate the background",
        ),
        (
            "drain the colour from the background",
            "desaturate the background",
        ),
        ("background fade from ", "background a gradient from "),
        ("too bright, bring it down", "too bright, darken it"),
        ("overexposed, bring it down", "overexposed, darken it"),
        // Limits said with "without": what the edit asked for does not do anyway.
        ("without washing out the colours", ""),
        ("without washing out the colors", ""),
        ("without adding noise", ""),
        ("without boosting the contrast", ""),
        ("don't oversaturate it", ""),
        ("dont oversaturate it", ""),
        (
            "without grain or vignette",
            "without grain, without vignette",
        ),
        (
            "without grain or a vignette",
            "without grain, without vignette",
        ),
        ("flatten the contrast", "reduce the contrast"),
        ("colours are way too loud", "colours are way too saturated"),
        ("colors are way too loud", "colors are way too saturated"),
        ("colours are too loud", "colours are too saturated"),
        ("colors are too loud", "colors are too saturated"),
        (
            "reduce the colour a little",
            "reduce the saturation a little",
        ),
        (
            "reduce the color a little",
            "reduce the saturation a little",
        ),
        ("reduce the colour a bit", "reduce the saturation a bit"),
        ("reduce the color a bit", "reduce the saturation a bit"),
        ("don't go black and white", "not black and white"),
        ("dont go black and white", "not black and white"),
        ("knock the exposure back", "reduce the exposure by"),
        ("knock back the ", "reduce the "),
        ("knock down the ", "reduce the "),
        ("increse ", "increase "),
        ("sepea", "sepia"),
        // ("its" for "it's": "its hella dark" said of the clip is a complaint, not a wish.)
        ("its hella dark", "it is too dark"),
        ("its so dark", "it is too dark"),
        ("its very dark", "it is too dark"),
        ("its really dark", "it is too dark"),
        ("its hella bright", "it is too bright"),
        ("its so bright", "it is too bright"),
        (" hella ", " very "),
        ("super 8mm", "super 8"),
        ("super8mm", "super 8"),
        ("super 8", "super8"),
        // Said of a control set to nothing, saturation is the picture's colour.
        ("set the saturation to zero", "remove the colour"),
        ("set saturation to zero", "remove the colour"),
        ("set the saturation to 0", "remove the colour"),
        ("set saturation to 0", "remove the colour"),
        ("turn the saturation down to zero", "remove the colour"),
        ("auto color correct", "color correct"),
        ("chroma key green", "green screen"),
        // Bright colours are vivid ones, not a brighter picture.
        ("brighter colors", "more vivid colors"),
        ("brighter colours", "more vivid colours"),
        // Sounds in the background are sound ("remove the background noise" replaced the
        // background with white and added grain).
        // Music taken out from under the voices is an audio edit (muting takes both).
        (
            "remove the background music",
            "separate the music from the voices",
        ),
        (
            "remove background music",
            "separate the music from the voices",
        ),
        ("background music", "music"),
        ("background sound", "sound"),
        ("background sounds", "sound"),
        ("background audio", "audio"),
        ("background noises", "audio hiss"),
        ("background noise", "audio hiss"),
        ("pitch black", "black"),
        // Decades written short ("a 40s film noir"); alone, "30s" may be seconds.
        (" 20s film", " 1920s film"),
        (" 20s movie", " 1920s movie"),
        (" 30s film", " 1930s film"),
        (" 30s movie", " 1930s movie"),
        (" 40s film", " 1940s film"),
        (" 40s movie", " 1940s movie"),
        // Black and white with some colour left is a strong desaturation.
        (
            "black and white but keep a little color",
            "heavily desaturated",
        ),
        (
            "black and white but keep a little colour",
            "heavily desaturated",
        ),
        ("black and white but keep some color", "heavily desaturated"),
        (
            "black and white but keep some colour",
            "heavily desaturated",
        ),
        ("but keep some color", ""),
        ("but keep some colour", ""),
        ("but keep a little color", ""),
        ("but keep a little colour", ""),
        // A limit the exposure curve keeps anyway: it rolls highlights off, never clips.
        ("without blowing out the highlights", ""),
        ("without clipping the highlights", ""),
        // "Without making the skin orange": a wish to keep skin out of the grade.
        ("without making the skin ", ", but dont make the skin "),
        ("without making skin ", ", but dont make the skin "),
        // Light described as a picture's contrast ("make the lighting softer" blurred it).
        // Blacks are harsh when crushed ("no harsh blacks" rules the crush out).
        ("harsh blacks", "crushed blacks"),
        // "Lift" is a colourist's raise: of the shadows a tone curve, of the contrast more.
        ("lift the contrast", "increase the contrast"),
        ("make the lighting softer", "lower the contrast"),
        ("make the light softer", "lower the contrast"),
        ("make the lighting harsher", "increase the contrast"),
        ("make the light harsher", "increase the contrast"),
        ("blacks blacker", "blacks deeper"),
        ("crush the shadows", "crush the blacks"),
        // "correct the colors and exposure": the verb goes with both ("exposure" alone
        // brightened).
        ("colors and exposure", "colors and correct the exposure"),
        ("colours and exposure", "colours and correct the exposure"),
        // A background complained of as distracting asks for it blurred (and "blur it"
        // after the complaint is the same request, not a blur of the whole picture).
        (
            "the background is distracting, blur it",
            "blur the background",
        ),
        (
            "the background is too distracting, blur it",
            "blur the background",
        ),
        ("the background is too busy, blur it", "blur the background"),
        ("the background is busy, blur it", "blur the background"),
        ("the background is distracting", "blur the background"),
        ("the background is too distracting", "blur the background"),
        ("the background is too busy", "blur the background"),
        ("the background is busy", "blur the background"),
        // Colloquial dials.
        ("crank up the", "increase the"),
        ("pump up the", "boost the"),
        ("knock back the", "reduce the"),
        ("bring up the shadows", "lift the shadows"),
        ("push the exposure", "increase the exposure"),
        ("lower the whites", "darken the highlights"),
        ("raise the whites", "brighten the highlights"),
        ("composite her onto", "put her in front of"),
        ("composite him onto", "put him in front of"),
        ("composite them onto", "put them in front of"),
        ("composite the subject onto", "put the subject in front of"),
        ("composite the person onto", "put the person in front of"),
        // A light leak is red-orange already.
        ("red light leak", "light leak"),
        ("orange light leak", "light leak"),
        ("red light leaks", "light leaks"),
        ("orange light leaks", "light leaks"),
        ("rough pencil sketch", "pencil sketch"),
        ("rough sketch", "sketch"),
        ("cast from the whites", "cast"),
        ("cast in the whites", "cast"),
        ("tint from the whites", "tint"),
        // Fades over time are transitions, not the faded look ("fade in from black" was
        // read as lifted blacks with a black tint).
        // Faded blacks, not a fade over time ("a slight fade in the blacks").
        ("fade in the blacks", "lifted blacks"),
        ("fade in the shadows", "lifted blacks"),
        ("fade into", "fadein"),
        ("fade in", "fadein"),
        ("fade out", "fadeout"),
        ("fade to black", "fadeout"),
        ("fade from black", "fadein"),
        ("fade to white", "fadeout"),
        ("cross fade", "crossfade"),
        // Asking politely asks ("is it possible to add some grain?" was refused on
        // "possible").
        ("is it possible to ", ""),
        ("would it be possible to ", ""),
        ("is it possible ", ""),
        ("w/ ", "with "),
        // Quality tags from image generators' prompts ask for no edit of their own.
        ("masterpiece", ""),
        ("best quality", ""),
        ("high quality", ""),
        ("highest quality", ""),
        ("top quality", ""),
        ("ultra realistic", ""),
        ("photorealistic", ""),
        ("hyperrealistic", ""),
        ("award winning", ""),
        ("highly detailed", ""),
        ("ultra detailed", ""),
        ("hyper detailed", ""),
        ("extremely detailed", ""),
        ("intricate details", ""),
        ("sharp focus", ""),
        ("trending on artstation", ""),
        ("shot on arri alexa", ""),
        ("shot on an arri alexa", ""),
        ("shot on red komodo", ""),
        ("shot on red", ""),
        ("cinematic still", "cinematic"),
        // Scene and film names beside the look they stand for, which is also named.
        ("color bleeding", "vhs"),
        ("colour bleeding", "vhs"),
        ("color bleed", "vhs"),
        ("colour bleed", "vhs"),
        ("schindler list style", ""),
        ("sharpened", "sharpen"),
        ("flickery grain", "flicker and grain"),
        ("pastel washes", "pastel"),
        ("whimsical", ""),
        ("cross-hatching", "pencil sketch"),
        ("cross hatching", "pencil sketch"),
        ("thick impasto brushwork", "oil painting"),
        ("impasto", "oil painting"),
        ("white paper look", ""),
        ("limited palette of about ", "posterize to "),
        ("limited palette of ", "posterize to "),
        ("limited palette", ""),
        ("documentary look", ""),
        ("documentary feel", "film"),
        ("documentary style", ""),
        ("street photography style", ""),
        ("fashion film look", ""),
        ("fairy tale", "dreamy"),
        ("hyper vibrant", "very vibrant"),
        ("ultra vibrant", "very vibrant"),
        ("schindler's list style", ""),
        ("schindlers list style", ""),
        ("joker 2019 grade", ""),
        ("amelie inspired grade", ""),
        ("mad max fury road look", ""),
        ("the rest natural", "keep everything else"),
        ("corporate look", ""),
        ("split tone, ", ""),
        ("split-tone, ", ""),
        ("portrait look", ""),
        ("close-up portrait", ""),
        ("close up portrait", ""),
        ("85mm", ""),
        ("50mm", ""),
        ("f/1.4", ""),
        ("f/1.8", ""),
        ("f/2.8", ""),
        ("f 1.4 look", ""),
        ("f 1.8 look", ""),
        ("portrait of a ", "a "),
        ("skin reading natural", "skin tones natural"),
        ("tropical colors", "vibrant colors"),
        ("tropical colours", "vibrant colours"),
        ("scandinavian noir", "cold muted"),
        ("nordic noir", "cold muted"),
        ("nordic-noir", "cold muted"),
        ("tokyo-at-night", "cyberpunk"),
        ("neon-lit", "neon"),
        ("clean studio look", ""),
        ("classical portrait feel", ""),
        ("professional color grading", "color grading"),
        ("professional colour grading", "colour grading"),
        ("black and white photography", "black and white"),
        ("neon lights", "neon"),
        ("neon lighting", "neon"),
        ("soft lighting", "soft glow"),
        ("soft light", "soft glow"),
        ("warm/cool split tone", "warm highlights and cool shadows"),
        ("warm cool split tone", "warm highlights and cool shadows"),
        (
            "warm and cool split tone",
            "warm highlights and cool shadows",
        ),
        // Natural colours are correct ones: a white balance.
        ("make the colors more natural", "color correct"),
        ("make the colours more natural", "colour correct"),
        ("make the colors look more natural", "color correct"),
        ("make the colours look more natural", "colour correct"),
        ("chromakey green", "green screen"),
        ("a chroma key", "a green screen"),
        ("faded blacks", "lifted blacks"),
        ("digital noise", "noise"),
        ("auto colour correct", "colour correct"),
        ("auto white balance", "white balance"),
        ("children book illustration", "illustration"),
        ("childrens book illustration", "illustration"),
        ("super-8", "super8"),
        ("8 mm", "8mm"),
        ("16 mm", "16mm"),
        ("8-bit", "8bit"),
        ("8 bit", "8bit"),
        ("16-bit", "16bit"),
        ("16 bit", "16bit"),
        ("don't", "dont"),
        ("less harsh", "softer"),
        ("kill the saturation", "black and white"),
        ("kill the colours", "black and white"),
        ("kill the colors", "black and white"),
        ("twice as bright", "brighter by one stop"),
        ("twice as dark", "darker by one stop"),
        ("half as bright", "darker by one stop"),
        // The picture's edges, not its brightness; the glow is the highlights' already.
        ("make the edges darker", "add dark edges"),
        ("make the corners darker", "add dark edges"),
        ("black vignette", "vignette"),
        ("dark vignette", "vignette"),
        ("glow to the highlights", "glow"),
        ("correct the colour cast", "remove the colour cast"),
        ("correct the color cast", "remove the color cast"),
        ("correct the white balance", "fix the white balance"),
        ("clean it up", "denoise"),
        ("clean up the noise", "denoise"),
        ("sunnier", "sunny"),
        ("the lights glow", "glow"),
        ("neon lights glow", "glow"),
        ("dark areas", "shadows"),
        ("dark parts", "shadows"),
        ("bright areas", "highlights"),
        ("bright parts", "highlights"),
        // A bloom is a glow round the highlights.
        ("halo around the highlights", "glow"),
        ("halo around highlights", "glow"),
        ("glow around the highlights", "glow"),
        ("glow around highlights", "glow"),
        ("put her in a", "give her a"),
        ("put him in a", "give him a"),
        ("put them in front of", "put the people in front of"),
        ("put them in", "give them"),
        // "Give me a teal and orange grade" asks for the video's grade, not the speaker's.
        ("give me a", "give it a"),
        ("give me some", "give it some"),
        ("give me more", "give it more"),
        ("what she is wearing", "her outfit"),
        ("what he is wearing", "his outfit"),
        ("what they are wearing", "their outfit"),
        // "what he's wearing": "'s" has gone by now.
        ("what he wearing", "his outfit"),
        ("what she wearing", "her outfit"),
        ("everything she wears", "her outfit"),
        ("everything he wears", "his outfit"),
        // Complaints about the footage ask for the opposite of what their words name.
        ("looks flat", "is too flat"),
        // ("A bit washed out" with no verb describes the look wanted: "make it look like an
        // old 8mm reel, grainy and a bit washed out" once asked for more saturation.)
        ("is a bit washed out", "is a bit too washed out"),
        ("is a little washed out", "is a little too washed out"),
        ("is slightly washed out", "is slightly too washed out"),
        ("are a bit washed out", "are a bit too washed out"),
        ("are a little washed out", "are a little too washed out"),
        ("are slightly washed out", "are slightly too washed out"),
        ("looks a bit washed out", "looks a bit too washed out"),
        ("looks a little washed out", "looks a little too washed out"),
        ("looks slightly washed out", "looks slightly too washed out"),
        ("look a bit washed out", "look a bit too washed out"),
        ("look a little washed out", "look a little too washed out"),
        ("look slightly washed out", "look slightly too washed out"),
        ("seems a bit washed out", "seems a bit too washed out"),
        ("seems a little washed out", "seems a little too washed out"),
        ("seems slightly washed out", "seems slightly too washed out"),
        ("seem a bit washed out", "seem a bit too washed out"),
        ("seem a little washed out", "seem a little too washed out"),
        ("seem slightly washed out", "seem slightly too washed out"),
        ("feels a bit washed out", "feels a bit too washed out"),
        ("feels a little washed out", "feels a little too washed out"),
        ("feels slightly washed out", "feels slightly too washed out"),
        ("feel a bit washed out", "feel a bit too washed out"),
        ("feel a little washed out", "feel a little too washed out"),
        ("feel slightly washed out", "feel slightly too washed out"),
        ("looks washed out", "looks desaturated"),
        ("look washed out", "look desaturated"),
        ("is washed out", "is desaturated"),
        ("are washed out", "are desaturated"),
        ("too washed out", "too desaturated"),
        ("too soft", "too blurry"),
        ("looks soft", "is too blurry"),
        ("looks blurry", "is too blurry"),
        ("looks a bit flat", "is a bit too flat"),
        ("video is noisy", "video needs denoise"),
        ("the grainy footage", "the footage"),
        ("the grainy video", "the video"),
        ("the noisy footage", "the footage"),
        ("the noisy video", "the video"),
        ("than the background", ""),
        (" as well", ""),
        ("significantly", "very"),
        ("considerably", "very"),
        ("noticeably", "very"),
        ("nothing too strong", "not too much"),
        ("keep it natural", ""),
        ("keep it subtle", "subtle"),
        ("should be subtle", "subtle"),
        ("in full colour", "in colour"),
        ("in full color", "in color"),
        ("but keep her sharp", ""),
        // A backdrop or a blur behind the subject leaves it sharp by construction.
        (" and keep the person sharp", ""),
        (" and keep the subject sharp", ""),
        (" and keep her sharp", ""),
        (" and keep him sharp", ""),
        (" and keep them sharp", ""),
        (" and keep the person in focus", ""),
        (" and keep her in focus", ""),
        (" and keep him in focus", ""),
        ("but keep him sharp", ""),
        ("but keep them sharp", ""),
        ("keep the subject sharp and ", ""),
        ("keep the person sharp and ", ""),
        ("keep her sharp and ", ""),
        ("grainier", "more grain"),
        ("sketch style but in color", "color sketch"),
        ("sketch style but in colour", "colour sketch"),
        ("sketch but in color", "color sketch"),
        ("sketch but in colour", "colour sketch"),
        ("sketch in color", "color sketch"),
        ("sketch and then add color", "color sketch"),
        ("sketch and then add colour", "colour sketch"),
        ("sketch and add color", "color sketch"),
        ("sketch and add colour", "colour sketch"),
        ("sketch with color", "color sketch"),
        ("sketch with colour", "colour sketch"),
        ("sketch in colour", "colour sketch"),
        ("paint it like", "make it look like"),
        // The details, not their colours.
        ("make the details pop", "sharpen the details"),
        ("make details pop", "sharpen the details"),
        ("except for", "except"),
        // Grain is new every frame anyway.
        (" that changes every frame", ""),
        (" that changes each frame", ""),
        (" changing every frame", ""),
        (" changing each frame", ""),
        (" that changes over time", ""),
        ("small grain", "fine grain"),
        ("grain particles", "grain"),
        ("tone down the colours", "less saturation"),
        ("tone down the colors", "less saturation"),
        ("tone down", "reduce"),
        ("bring down", "reduce"),
        ("bring up", "increase"),
        ("dial back", "reduce"),
        ("dial down", "reduce"),
        ("knock down", "reduce"),
        ("look older", "look old"),
        ("age the footage", "make it look old"),
        ("look like film", "film look"),
        ("like a film photo", "film look"),
        ("film-like", "film look"),
        ("film like", "film look"),
        ("film stock", "film look"),
        ("film emulation", "film look"),
        ("film damage", "dust and scratches"),
        ("2.39:1", "letterbox"),
        ("2.35:1", "letterbox"),
        ("ratio2dot39by1", "letterbox"),
        ("ratio2dot35by1", "letterbox"),
        ("ratio2dot40by1", "letterbox"),
        ("ratio2dot4by1", "letterbox"),
        ("2.39 letterbox", "letterbox"),
        ("2.35 letterbox", "letterbox"),
        ("letterbox it to letterbox", "letterbox"),
        ("on paper", ""),
        ("big pixels", "pixel art"),
        ("large pixels", "pixel art"),
        ("stop motion", "stopmotion"),
        ("soft colours", "pastel colours"),
        ("soft colors", "pastel colors"),
        ("pastel and soft", "pastel"),
        ("soft and pastel", "pastel"),
        ("picture is noisy", "picture needs denoise"),
        ("not enough ", "more "),
        ("not bright enough", "too dark"),
        ("not sharp enough", "too blurry"),
        ("not saturated enough", "too dull"),
        ("not warm enough", "too cold"),
        ("shadows are crushed", "lift the shadows"),
        ("more neutral", "white balanced"),
        ("double the saturation", "more saturation by 100%"),
        ("turn off the music", "mute"),
        ("turn off the sound", "mute"),
        ("turn off the audio", "mute"),
        ("greyer", "less saturated"),
        ("grayer", "less saturated"),
        ("warm light leak", "light leak"),
        ("make the red the only colour", "keep only the red"),
        ("make the red the only color", "keep only the red"),
        ("footage is noisy", "footage needs denoise"),
        ("image is noisy", "image needs denoise"),
        ("clip is noisy", "clip needs denoise"),
        ("it is noisy", "denoise it"),
        ("grain is too strong", "less grain"),
        ("grain is too heavy", "less grain"),
        ("noise is too strong", "less noise"),
        ("shadows are too dark", "lift the shadows"),
        ("highlights are too bright", "recover the highlights"),
        ("neutralize the colour cast", "remove the colour cast"),
        ("neutralize the color cast", "remove the color cast"),
        ("neutralise the colour cast", "remove the colour cast"),
        ("letterbox bars", "letterbox"),
        ("gaussian blur", "blur"),
        ("half as saturated", "less saturated by half"),
        ("twice as saturated", "more saturated by 100%"),
        // "push the saturation way down": a lot less, not a boost.
        ("saturation way down", "much less saturation"),
        ("saturation way up", "much more saturation"),
        ("contrast way down", "much less contrast"),
        ("contrast way up", "much more contrast"),
        ("brightness way down", "much less brightness"),
        ("brightness way up", "much more brightness"),
        ("exposure way down", "much less exposure"),
        ("exposure way up", "much more exposure"),
        ("brightness down", "less brightness"),
        ("brightness up", "more brightness"),
        ("saturation down", "less saturation"),
        ("saturation up", "more saturation"),
        ("contrast down", "less contrast"),
        ("contrast up", "more contrast"),
        ("exposure down", "less exposure"),
        ("exposure up", "more exposure"),
        ("dont overdo it", "not too much"),
        ("don't overdo it", "not too much"),
        ("nothing too crazy", "not too much"),
        ("nothing crazy", "not too much"),
        ("nothing too extreme", "not too much"),
        ("nothing too dramatic", "not too much"),
        ("nothing drastic", "not too much"),
        ("nothing too drastic", "not too much"),
        ("nothing too heavy", "not too much"),
        ("nothing over the top", "not too much"),
        ("brighten up the", "brighten the"),
        ("lighten up the", "lighten the"),
        ("darken down the", "darken the"),
        // A camera's background blur, not the reference photo.
        ("like a portrait mode photo", "like portrait mode"),
        ("like a portrait photo", "like portrait mode"),
        ("portrait-mode", "portrait mode"),
        ("portrait mode on a phone", "portrait mode"),
        ("portrait mode on my phone", "portrait mode"),
        ("portrait mode on an iphone", "portrait mode"),
        ("portrait mode on a smartphone", "portrait mode"),
        // A time of day is a look at that time: "shot during golden hour".
        ("at sunset during golden hour", "at golden hour"),
        ("during the golden hour", "at golden hour"),
        ("during golden hour", "at golden hour"),
        ("during magic hour", "at golden hour"),
        ("during sunset", "at sunset"),
        ("during sunrise", "at sunrise"),
        // "a muted, understated palette": how strong, not another edit.
        ("an understated", "a subtle"),
        ("understated", "subtle"),
        // A limit on the edit before it: "desaturate, but don't go fully black and white".
        ("don't go fully", "not fully"),
        ("dont go fully", "not fully"),
        ("don't go completely", "not completely"),
        ("dont go completely", "not completely"),
        ("don't go all the way to", "not fully"),
        ("dont go all the way to", "not fully"),
        // How watercolour looks, said of it: "with soft washes".
        ("with soft washes of colour", ""),
        ("with soft washes of color", ""),
        ("with soft washes", ""),
        ("with loose washes", ""),
        // An old game is pixels, not an old film's grade.
        ("old video game", "video game"),
        ("retro video game", "video game"),
        ("old school video game", "video game"),
        ("old-school video game", "video game"),
        ("old computer game", "video game"),
        ("retro game", "video game"),
        // What the look should leave as it is: no change of colour asked.
        ("keep the colours bright", "keep the colours"),
        ("keep the colors bright", "keep the colors"),
        ("keep the colours vibrant", "keep the colours"),
        ("keep the colors vibrant", "keep the colors"),
        ("keep the colours vivid", "keep the colours"),
        ("keep the colors vivid", "keep the colors"),
        // Adjectives of a quantity: the quantity's direction, not a strength or an effect.
        ("low saturation", "less saturation"),
        ("low brightness", "less brightness"),
        ("low exposure", "less exposure"),
        ("soft contrast", "less contrast"),
        ("sharp contrast", "high contrast"),
        ("de-saturate", "desaturate"),
        ("de saturate", "desaturate"),
        ("less noticeable", "subtle"),
        ("less visible", "subtle"),
        ("less obvious", "subtle"),
        ("heavy shadows", "deep shadows"),
        ("harsh shadows", "deep shadows"),
        ("strong shadows", "deep shadows"),
        ("dark shadows", "deep shadows"),
        ("bloom to the highlights", "bloom"),
        ("bloom in the highlights", "bloom"),
        ("bloom on the highlights", "bloom"),
        ("highlight bloom", "bloom"),
        // "colour splash: keep only the red": the heading and the colour are one request.
        ("splash:", "splash"),
        ("selective colour:", "selective colour"),
        ("selective color:", "selective color"),
        ("glow in the highlights", "glow"),
        ("glow on the highlights", "glow"),
        // The grain's size, said of the grain.
        ("make the grain finer", "fine grain"),
        ("finer grain", "fine grain"),
        ("make the grain bigger", "coarse grain"),
        ("make the grain coarser", "coarse grain"),
        ("make the grain larger", "coarse grain"),
        ("bigger grain", "coarse grain"),
        ("larger grain", "coarse grain"),
        ("coarser grain", "coarse grain"),
        // "reduce the colours to 4": a number of levels, not less saturation.
        ("reduce the colors to", "posterize to"),
        ("reduce the colours to", "posterize to"),
        ("limit the colors to", "posterize to"),
        ("limit the colours to", "posterize to"),
        ("posterize to a few flat bands", "posterize"),
        ("posterize to a few flat colours", "posterize"),
        ("posterize to a few flat colors", "posterize"),
        ("posterize to a few bands", "posterize"),
        ("posterize to a few colours", "posterize"),
        ("posterize to a few colors", "posterize"),
        ("posterize to a handful of colours", "posterize"),
        ("posterize to a handful of colors", "posterize"),
        // One look, not a brightness and then a look.
        ("light and airy", "airy"),
        // Complaints said without "too": what is missing, or what went wrong.
        ("lacks contrast", "needs more contrast"),
        ("lacks colour", "needs more saturation"),
        ("lacks color", "needs more saturation"),
        ("lacks saturation", "needs more saturation"),
        ("needs more colour", "needs more saturation"),
        ("needs more color", "needs more saturation"),
        ("neutralize the colors", "fix the white balance"),
        ("neutralise the colours", "fix the white balance"),
        ("the blacks are crushed", "brighten the shadows"),
        ("the whites are clipped", "recover the highlights"),
        ("the highlights are clipped", "recover the highlights"),
        ("the highlights are too dim", "brighten the highlights"),
        ("too dark in the shadows", "dark, brighten the shadows"),
        (
            "too bright in the highlights",
            "bright, recover the highlights",
        ),
        // Halation: film's glow around bright highlights.
        // Film's halation is red already.
        ("red halation", "halation"),
        ("halation", "glow"),
        // A busy background is one to blur.
        ("background less busy", "background blurred"),
        ("background less distracting", "background blurred"),
        // "Cinematic" describes the bars: letterboxing, not the whole cinematic grade.
        ("cinematic black bars", "black bars"),
        ("cinematic bars", "black bars"),
        ("cinematic letterbox", "letterbox"),
        ("cinematic widescreen bars", "black bars"),
        // An old newsreel: old black and white film.
        ("old newsreel", "old black and white film"),
        ("newsreel", "old black and white film"),
        ("bright and airy", "airy"),
        // "blur everything except the person": the background.
        ("everything except the person", "the background"),
        ("everything but her", "the background"),
        ("the rest of the frame", "the background"),
        ("the rest of the picture", "the background"),
        ("the rest of the image", "the background"),
        ("the environment", "the background"),
        ("the area around her", "the background"),
        ("the area around him", "the background"),
        ("everything apart from her", "the background"),
        ("everything apart from him", "the background"),
        ("everything other than the subject", "the background"),
        ("blur the rest", "blur the background"),
        ("warm up the background", "make the background warmer"),
        ("cool down the background", "make the background cooler"),
        ("everything but him", "the background"),
        ("everything but them", "the background"),
        ("everything but the people", "the background"),
        ("all but the person", "the background"),
        ("all but the subject", "the background"),
        ("all except the person", "the background"),
        ("all except the subject", "the background"),
        ("everything except the subject", "the background"),
        ("everything except the people", "the background"),
        ("everything but the person", "the background"),
        ("everything but the subject", "the background"),
        ("everything other than the person", "the background"),
        ("everything around the person", "the background"),
        ("everything around the subject", "the background"),
        ("everything behind the person", "the background"),
        ("everything behind the subject", "the background"),
        ("everything except him", "the background"),
        ("everything except her", "the background"),
        ("everything except them", "the background"),
        ("everything behind him", "the background"),
        ("everything behind her", "the background"),
        ("everything behind them", "the background"),
        ("everything around him", "the background"),
        ("everything around her", "the background"),
        ("everything around them", "the background"),
        // The foreground is the subject ("brighten the foreground" was read as a scene
        // needing a reference image).
        ("the foreground", "the subject"),
        ("%", " percent "),
        ("do not", "dont"),
        // "Don't change the person" keeps the person as it is.
        ("dont change the person", "keep the person unchanged"),
        ("dont change the subject", "keep the subject unchanged"),
        ("dont change the people", "keep the people unchanged"),
        ("dont change him", "keep him unchanged"),
        ("dont change her", "keep her unchanged"),
        ("dont change them", "keep them unchanged"),
        // After "everything except her" became "the background".
        ("the background should be ", "make the background "),
        ("keep him sharp and ", ""),
        ("keep her sharp and ", ""),
        ("keep them sharp and ", ""),
        // "Mute" said of colours is a desaturation ("mute the colours" muted the sound).
        ("mute the colours", "desaturate the colours"),
        ("mute the colors", "desaturate the colors"),
        ("mute colours", "desaturate the colours"),
        ("mute colors", "desaturate the colors"),
        ("mute the tones", "desaturate the colours"),
        // The white balance moved one way is the warm or cool look, not a correction:
        // "cool down the white balance slightly" was a full cool look plus an automatic
        // white balance at the slight strength.
        ("cool down the white balance", "cool it down"),
        ("cool the white balance down", "cool it down"),
        ("cool the white balance", "cool it down"),
        ("warm up the white balance", "warm it up"),
        ("warm the white balance up", "warm it up"),
        ("warm the white balance", "warm it up"),
        ("make the white balance warmer", "make it warmer"),
        ("make the white balance cooler", "make it cooler"),
        ("make the white balance colder", "make it cooler"),
        ("shift the white balance warmer", "make it warmer"),
        ("shift the white balance cooler", "make it cooler"),
        ("white balance warmer", "warmer"),
        ("white balance cooler", "cooler"),
        ("warmer white balance", "warmer"),
        ("warm white balance", "warmer"),
        ("cooler white balance", "cooler"),
        ("cool white balance", "cooler"),
        ("fix white balance", "fix the white balance"),
        ("correct white balance", "fix the white balance"),
        ("adjust the white balance", "fix the white balance"),
        ("adjust white balance", "fix the white balance"),
        ("blur behind me", "blur the background"),
        ("blur behind her", "blur the background"),
        ("blur behind him", "blur the background"),
        ("blur behind them", "blur the background"),
        ("blur behind us", "blur the background"),
        // What a blur of the background or a regrade leaves alone anyway ("keep me sharp"
        // added a sharpen of the whole picture).
        ("keep me sharp", ""),
        ("keep me in focus", ""),
        ("keep us sharp", ""),
        ("keep us in focus", ""),
        ("keep colors natural", ""),
        ("keep colours natural", ""),
        ("keep the detail in the hair", ""),
        ("keep the details in the shadows", ""),
        ("keep the detail in the shadows", ""),
        ("keep the details in the highlights", ""),
        ("keep the details", ""),
        ("keep the detail", ""),
        ("visible grain", "grain"),
        ("noticeable grain", "grain"),
        ("split tone:", ""),
        ("split toning:", ""),
        ("split-tone:", ""),
        ("under moonlight", "moonlight"),
        ("in moonlight", "moonlight"),
        ("less neon", "less saturated"),
        ("fix the backlighting", "lift the shadows"),
        ("fix the backlight", "lift the shadows"),
        ("give it some life", "make the colours pop"),
        ("give it more life", "make the colours pop"),
        ("give it life", "make the colours pop"),
        ("bring it to life", "make the colours pop"),
        // A Pro-Mist filter is a diffusion (a glow round the highlights); "1/4" its grade.
        ("black pro mist", "diffusion"),
        ("black pro-mist", "diffusion"),
        ("black promist", "diffusion"),
        ("pro-mist", "diffusion"),
        ("pro mist", "diffusion"),
        ("promist", "diffusion"),
        ("diffusion 1/8", "subtle diffusion"),
        ("diffusion 1/4", "subtle diffusion"),
        ("diffusion 1/2", "diffusion"),
        ("diffusion filter look, 1/4 strength", "subtle diffusion"),
        ("diffusion filter, 1/4 strength", "subtle diffusion"),
        ("diffusion look, 1/4 strength", "subtle diffusion"),
        // After "halation" became "glow" and "bright areas" "highlights".
        ("glow around the highlights", "glow"),
        ("glow around highlights", "glow"),
        // The lights that caused a cast, not something to remove.
        (" from the office lights", ""),
        (" from the fluorescent lights", ""),
        (" from the tungsten lights", ""),
        (" from the lights", ""),
        (" from the lighting", ""),
        ("s-curve", "more contrast"),
        ("s curve", "more contrast"),
        // A film stock's speed names the stock, not an edit.
        ("portra 160", "portra"),
        // Twenty-fifth session, from prompts written as colourists, editors and producers
        // write briefs, and as people type on a phone.
        ("run an noise reduction pass", "denoise"),
        ("run a noise reduction pass", "denoise"),
        ("do a noise reduction pass", "denoise"),
        ("an noise reduction pass", "noise reduction"),
        ("a noise reduction pass", "noise reduction"),
        ("noise reduction pass", "noise reduction"),
        ("run noise reduction", "denoise"),
        ("run a denoise pass", "denoise"),
        ("do a denoise pass", "denoise"),
        ("denoise pass", "denoise"),
        (
            ", only her, not the background",
            ", leave the background alone",
        ),
        (
            ", only her not the background",
            ", leave the background alone",
        ),
        ("only her, not the background", "only her"),
        ("only her not the background", "only her"),
        (
            ", only him, not the background",
            ", leave the background alone",
        ),
        (
            ", only him not the background",
            ", leave the background alone",
        ),
        ("only him, not the background", "only him"),
        ("only him not the background", "only him"),
        (
            ", only them, not the background",
            ", leave the background alone",
        ),
        (
            ", only them not the background",
            ", leave the background alone",
        ),
        ("only them, not the background", "only them"),
        ("only them not the background", "only them"),
        (
            ", only the subject, not the background",
            ", leave the background alone",
        ),
        (
            ", only the subject not the background",
            ", leave the background alone",
        ),
        ("only the subject, not the background", "only the subject"),
        ("only the subject not the background", "only the subject"),
        ("kodak 2383", "print film"),
        ("2383 print", "print film"),
        ("grain structure", "grain"),
        ("filmic vignette", "vignette"),
        ("filmic grain", "film grain"),
        ("a proper more contrast", "more contrast"),
        ("a proper ", "a "),
        ("plenty of ", "lots of "),
        ("nice and subtle", "subtle"),
        ("nice and gentle", "gentle"),
        ("nice and soft", "soft"),
        ("hit it with a ", "add a "),
        ("hit it with an ", "add an "),
        ("hit it with some ", "add some "),
        ("hit it with ", "add "),
        ("glitch hits", "glitches"),
        ("glitchy digital effect", "digital glitch effect"),
        ("like its broken", ""),
        ("like it's broken", ""),
        ("like it is broken", ""),
        ("stop it down", "lower the exposure by"),
        ("stop down", "lower the exposure by"),
        ("open it up exposure", "raise the exposure"),
        ("open it up", "brighten it"),
        ("pull less saturation", "less saturation"),
        ("pull saturation back", "less saturation"),
        ("pull the saturation back", "less saturation"),
        ("pull back the saturation", "less saturation"),
        ("pull back saturation", "less saturation"),
        ("sharpen it back", "sharpen it"),
        ("sharpen back", "sharpen"),
        ("push the whole frame towards", "tint it"),
        ("push the whole frame toward", "tint it"),
        ("push the whole image towards", "tint it"),
        ("push the whole image toward", "tint it"),
        ("push the frame towards", "tint it"),
        ("push the frame toward", "tint it"),
        ("push everything towards", "tint it"),
        ("push everything toward", "tint it"),
        ("push it towards", "tint it"),
        ("push it toward", "tint it"),
        ("take the background to", "make the background"),
        ("take the sound off", "mute the sound"),
        ("take the audio off", "mute the audio"),
        ("take off the sound", "mute the sound"),
        ("take off the audio", "mute the audio"),
        ("fix white balance", "fix the white balance"),
        ("correct white balance", "fix the white balance"),
        ("the attached plate", "the reference image"),
        ("the plate i attached", "the reference image"),
        ("the plate i sent", "the reference image"),
        ("the attached image", "the reference image"),
        ("the attached photo", "the reference image"),
        (
            "key out the background and drop in",
            "replace the background with",
        ),
        ("key out the background", "remove the background"),
        ("key out the bg", "remove the background"),
        (
            "drop in the reference image",
            "replace it with the reference image",
        ),
        (
            "put in the reference image",
            "replace it with the reference image",
        ),
        ("the brand colour", "the colour"),
        ("the brand color", "the color"),
        ("reads underexposed", "looks underexposed"),
        ("reads overexposed", "looks overexposed"),
        ("reads dark", "looks dark"),
        ("reads flat", "looks flat"),
        ("reads too ", "looks too "),
        ("reads a bit ", "looks a bit "),
        ("tired 70s stock", "faded 70s film"),
        ("70s stock", "70s film"),
        ("put colour more", "make the colours more"),
        ("put color more", "make the colors more"),
        ("put colours more", "make the colours more"),
        ("put colors more", "make the colors more"),
        ("put the colour more", "make the colours more"),
        ("put the colours more", "make the colours more"),
        // Twenty-fifth session, from social-media briefs and prompts ported from generative
        // video tools.
        ("the brand swatch attached", "the reference image"),
        ("the attached brand swatch", "the reference image"),
        ("the attached swatch", "the reference image"),
        ("the brand swatch", "the reference image"),
        ("swatch attached", ""),
        ("the attached pantone card", "the reference image"),
        ("the pantone card", "the reference image"),
        ("the image i sent", "the reference image"),
        ("the photo i sent", "the reference image"),
        ("the provided image", "the reference image"),
        ("the image provided", "the reference image"),
        (
            "the colour shown in the reference image",
            "the colour of the reference image",
        ),
        (
            "the color shown in the reference image",
            "the color of the reference image",
        ),
        (
            "the colour in the reference image",
            "the colour of the reference image",
        ),
        (
            "the colour of the reference image in the reference image",
            "the colour of the reference image",
        ),
        (
            "the color in the reference image",
            "the color of the reference image",
        ),
        ("the exact colour", "the colour"),
        ("the exact color", "the color"),
        ("editorial vibe", ""),
        ("editorial feel", ""),
        ("scroll-stopping ", ""),
        ("scroll stopping ", ""),
        ("and identity", ""),
        ("motion and framing", "motion"),
        ("keep the action identical", "keep the motion"),
        ("keep the composition", "keep the framing"),
        (
            "keep the visuals unchanged",
            "keep everything else unchanged",
        ),
        ("keep the subject identical", "keep the subject"),
        ("preserving everything else", "keep everything else"),
        ("preserve everything else", "keep everything else"),
        ("while preserving the rest", ", keep everything else"),
        ("keep all details", ""),
        ("keep all the details", ""),
        ("hand-drawn lines", ""),
        ("hand drawn lines", ""),
        ("16bit sprite aesthetic", "16bit"),
        ("16-bit sprite aesthetic", "16-bit"),
        ("sprite aesthetic", ""),
        ("flat colour blocks", ""),
        ("flat color blocks", ""),
        ("datamoshing", "glitch"),
        ("datamosh", "glitch"),
        ("corrupted pixels", "glitch"),
        ("rgb split", "chromatic aberration"),
        ("glitch artifacts", "glitch"),
        ("glitch artefacts", "glitch"),
        ("tracking distortion", "vhs"),
        ("tracking lines", "vhs"),
        ("tracking errors", "vhs"),
        ("the sensor noise", "the noise"),
        ("sensor noise", "noise"),
        ("cool colour temperature", "cool"),
        ("cool color temperature", "cool"),
        ("cold colour temperature", "cool"),
        ("cold color temperature", "cool"),
        ("warm colour temperature", "warm"),
        ("warm color temperature", "warm"),
        ("soft tonal range", "low contrast"),
        (", natural tones", ""),
        ("makoto shinkai", "anime"),
        ("shinkai", "anime"),
        ("wet on wet", ""),
        ("wet-on-wet", ""),
        ("paper texture", ""),
        ("rough hatching", ""),
        ("cross-hatching", ""),
        ("cross hatching", ""),
        ("hatching", ""),
        ("kodak vision3 500t", "cinestill"),
        ("vision3 500t", "cinestill"),
        ("vision3", "cinestill"),
        ("like it was shot on film", "shot on film"),
        ("like it was shot on ", "like "),
        ("like it was filmed on ", "like "),
        ("as if it was shot on ", "like "),
        ("as if shot on ", "like "),
        // Twenty-fifth session, from a held-out set of looks asked for by name: the grade
        // or style each is widely known for, written as that look. (Rewritten here rather
        // than added as effects' names, whose words typos are mended towards: "sofa" was
        // read as "sofia".)
        ("wong kar-wai", "technicolor"),
        ("wong kar wai", "technicolor"),
        ("in the mood for love", "technicolor"),
        ("bollywood", "technicolor"),
        ("once upon a time in hollywood", "technicolor"),
        ("tarantino", "technicolor"),
        ("roger deakins", "cinematic"),
        ("deakins", "cinematic"),
        ("sicario", "western"),
        ("breaking bad", "western"),
        ("ridley scott gladiator", "gladiator"),
        ("gladiator grade", "western grade"),
        ("gladiator look", "western look"),
        ("nolan dunkirk", "cool"),
        ("nolans dunkirk", "cool"),
        ("dunkirk palette", "cool palette"),
        ("dunkirk grade", "cool grade"),
        ("dunkirk look", "cool look"),
        ("david fincher", "moody"),
        ("fincher", "moody"),
        ("joker 2019", "moody"),
        ("joker grade", "moody grade"),
        ("joker look", "moody look"),
        ("edward hopper", "oil painting"),
        ("like casablanca", "film noir"),
        ("casablanca look", "film noir"),
        ("casablanca style", "film noir"),
        ("maltese falcon", "film noir"),
        // (Possessives have lost their "'s" by now: "schindler list".)
        ("schindler list", "black and white"),
        ("schindlers list", "black and white"),
        ("ansel adams", "black and white"),
        ("fan ho", "black and white"),
        ("the kansas scenes in the wizard of oz", "sepia"),
        ("wizard of oz", "sepia"),
        ("roy lichtenstein", "pop art"),
        ("lichtenstein", "pop art"),
        ("soviet propaganda poster", "posterize"),
        ("propaganda poster", "posterize"),
        ("take on me", "pencil sketch"),
        ("miami vice", "cyberpunk"),
        ("80s miami", "cyberpunk"),
        ("tokyo neon nights", "cyberpunk"),
        ("tokyo neon night", "cyberpunk"),
        ("tokyo neon", "cyberpunk"),
        ("gta loading screen", "comic book"),
        ("gta style", "comic book style"),
        ("borderlands", "comic book"),
        ("arcane style", "cartoon style"),
        ("arcane look", "cartoon look"),
        ("grand budapest hotel", "pastel"),
        ("grand budapest", "pastel"),
        ("sofia coppola", "pastel"),
        ("8bit nes", "8bit pixel art"),
        ("nes 8bit", "8bit pixel art"),
        ("america funniest home videos", "vhs"),
        ("americas funniest home videos", "vhs"),
        ("instagram valencia", "vintage"),
        ("valencia filter", "vintage"),
        ("vsco a6", "vintage"),
        ("barbie pink", "hot pink"),
        ("parisian ", ""),
        // Twenty-fifth session, from messages written as to a person.
        ("leave the sound alone", "keep the sound"),
        ("leave the audio alone", "keep the audio"),
        ("the sound of the radio in the background", "the sound"),
        ("in the middle of the frame", "in the frame"),
        ("the camera overexposed it", "it is overexposed"),
        ("the camera underexposed it", "it is underexposed"),
        ("on the warm side", "warm"),
        ("on the cool side", "cool"),
        ("on the dark side", "dark"),
        ("feel a bit magical", "feel dreamy"),
        ("feel magical", "feel dreamy"),
        ("first two seconds", "first 2 seconds"),
        ("first three seconds", "first 3 seconds"),
        ("first four seconds", "first 4 seconds"),
        ("first five seconds", "first 5 seconds"),
        ("first six seconds", "first 6 seconds"),
        ("first seven seconds", "first 7 seconds"),
        ("first eight seconds", "first 8 seconds"),
        ("first nine seconds", "first 9 seconds"),
        ("nothing else needs changing", "keep everything else"),
        ("yes, definitely the grain", "grain"),
        ("definitely the ", "the "),
        ("no other changes needed", "keep everything else"),
        ("no other changes", "keep everything else"),
        ("nothing too dramatic", ""),
        ("nothing dramatic", ""),
        ("subtle is best", ""),
        ("something dreamy", "dreamy"),
        ("less speckly", "less noisy"),
        ("clip evenly", "clip"),
        ("late-evening sunshine", "golden hour"),
        ("late evening sunshine", "golden hour"),
        ("evening sunshine", "golden hour"),
        ("magentas", "magenta tones"),
        ("electric blues", "blue tones"),
        ("just less intense", "less saturated"),
        ("cosy and close", "cosy"),
        ("cozy and close", "cozy"),
        ("when you square it, ", ""),
        ("when you crop it, ", ""),
        ("colours a bit richer", "colours a bit more saturated"),
        ("colors a bit richer", "colors a bit more saturated"),
        ("colours richer", "colours more saturated"),
        ("colors richer", "colors more saturated"),
        ("cut it down to the first", "trim it to the first"),
        ("cut this down to the first", "trim it to the first"),
        ("cut it down to", "trim it to"),
        ("correct that", "fix it"),
        ("keep him fully in the shot", "keep him in the frame"),
        ("keep her fully in the shot", "keep her in the frame"),
        ("make sure he stays in the frame", "keep him in the frame"),
        ("make sure she stays in the frame", "keep her in the frame"),
        ("could i ask for ", "add "),
        ("can i ask for ", "add "),
        ("crop the whole thing to", "crop it to"),
        ("black widescreen bars", "letterbox"),
        ("widescreen bars", "letterbox"),
        ("skip the grain", "no grain"),
        ("skip the vignette", "no vignette"),
        ("fifties", "50s"),
        ("sixties", "60s"),
        ("seventies", "70s"),
        ("eighties", "80s"),
        ("nineties", "90s"),
        ("feel a bit drained", "feel washed out"),
        ("put black letterbox", "add letterbox"),
        ("put letterbox", "add letterbox"),
        ("effect on this", "effect"),
        ("old film grain", "film grain"),
        ("bring it down", "tone it down"),
        ("take the mute the sound", "mute the sound"),
        ("take the mute the audio", "mute the audio"),
        ("the colour of this", "the colour of the reference image"),
        ("the color of this", "the color of the reference image"),
        ("in this colour", "in the colour of the reference image"),
        ("in this color", "in the color of the reference image"),
        ("some digital glitches", "some glitches"),
        ("digital glitch hits", "glitches"),
        ("digital glitches", "glitches"),
        ("2.39:1 bars", "letterbox"),
        ("2.39 bars", "letterbox"),
        ("2.35:1 bars", "letterbox"),
        ("2.35 bars", "letterbox"),
        ("2.40 bars", "letterbox"),
        ("bring the subject up", "brighten the subject"),
        ("bring up the subject", "brighten the subject"),
        ("bring her up", "brighten her"),
        ("bring him up", "brighten him"),
        ("knock the background down", "darken the background"),
        ("knock down the background", "darken the background"),
        ("knock the bg down", "darken the background"),
        ("punch in ", "zoom in "),
        (" from the fluoros", ""),
        (" from the fluorescents", ""),
        (" from the window", ""),
        (" from the leds", ""),
        (" from the led panels", ""),
        (" from the sodium lights", ""),
        (" from the streetlights", ""),
        ("16mm-ish grain", "16mm grain"),
        ("35mm-ish grain", "35mm grain"),
        ("grain, fairly fine", "fine grain"),
        ("grain, quite fine", "fine grain"),
        ("grain, fine", "fine grain"),
        ("make this square", "make it square"),
        ("make this vertical", "make it vertical"),
        ("make this horizontal", "make it horizontal"),
        ("make this widescreen", "make it widescreen"),
        ("blues in the pool", "blues"),
        ("blues in the sea", "blues"),
        ("blues in the water", "blues"),
        ("blues in the sky", "blues"),
        ("greens in the trees", "greens"),
        ("greens in the grass", "greens"),
        ("greens in the foliage", "greens"),
        (", clean image", ""),
        (
            "the color shown in the reference",
            "the color of the reference image",
        ),
        (
            "the colour shown in the reference",
            "the colour of the reference image",
        ),
        // (Ratios are one word here: "9:16 output".)
        ("ratio9by16 output", "ratio9by16"),
        ("ratio16by9 output", "ratio16by9"),
        ("ratio1by1 output", "ratio1by1"),
        ("ratio4by5 output", "ratio4by5"),
        ("ratio9by16 delivery", "ratio9by16"),
        ("ratio16by9 delivery", "ratio16by9"),
        ("print film print look", "print film"),
        ("print film print", "print film"),
        ("neutralise it", "fix it"),
        ("neutralize it", "fix it"),
        ("neutralise the cast", "fix the white balance"),
        ("neutralize the cast", "fix the white balance"),
        // "brighten the subject half a stop": the amount without its "by".
        ("subject half a stop", "subject by half a stop"),
        ("subject a stop", "subject by a stop"),
        ("subject one stop", "subject by one stop"),
        ("background half a stop", "background by half a stop"),
        ("background a stop", "background by a stop"),
        ("background one stop", "background by one stop"),
        ("her half a stop", "her by half a stop"),
        ("him half a stop", "him by half a stop"),
        ("portra 400", "portra"),
        ("portra 800", "portra"),
        ("kodachrome 25", "kodachrome"),
        ("kodachrome 64", "kodachrome"),
        ("ektachrome 100", "ektachrome"),
        ("velvia 50", "velvia"),
        ("fuji superia 400", "fuji"),
        ("fuji superia", "fuji"),
        ("superia 400", "fuji"),
        ("superia", "fuji"),
        ("cinestill 800t", "cinestill"),
        ("cinestill 800", "cinestill"),
        // A reason given after the request ("golden hour even though we shot at noon").
        (" even though ", " because "),
        (" although ", " because "),
        // "..., it look old": a complaint, as "it looks old" is.
        (", it look ", ", it looks "),
        (", they look ", ", they are "),
        // A winter that is cosy is warm ("cozy winter vibes, warm" graded warm and cold).
        ("cozy winter", "cozy"),
        ("cosy winter", "cosy"),
        // Skin is the person's appearance, not a tint of the picture.
        ("make me look tan", "make my skin tan"),
        ("make me tan", "make my skin tan"),
        ("make her look tan", "make her skin tan"),
        ("make him look tan", "make his skin tan"),
        // A fish tank is no tank top.
        ("fish tank", "aquarium"),
        ("but dont add halos", ""),
        ("dont add halos", ""),
        (" opacity", " strength"),
        ("blurry pixels", "blur"),
        ("blurred pixels", "blur"),
        ("too dark corners", "too much vignette"),
        ("too dark edges", "too much vignette"),
        ("clean look", ""),
        (" teh ", " the "),
        ("not to much", "not too much"),
        ("chroma bleed", "vhs"),
        ("tracking lines", "vhs"),
        ("or two", ""),
        ("take out the", "remove the"),
        ("bloom on highlights", "bloom"),
        ("bloom on the highlights", "bloom"),
        ("around lights", ""),
        ("keep hair detail", ""),
        ("keep the hair detail", ""),
        ("the person should be in focus", ""),
        ("the person should be focus", ""),
        ("should stay sharp", ""),
        ("replace the green screen", "replace the background"),
        ("remove the green screen", "remove the background"),
        ("key out the green screen", "remove the background"),
        ("make the green screen go away", "remove the background"),
        // Bright colours are vivid ones (read as a brighter picture).
        ("bright saturated", "saturated"),
        ("bright and saturated", "saturated"),
        ("bright colours", "vivid colours"),
        ("bright colors", "vivid colors"),
        ("western movie", "western"),
        ("western film", "western"),
        ("its too ", "it is too "),
        ("its to ", "it is too "),
        ("its overexposed", "it is overexposed"),
        ("its underexposed", "it is underexposed"),
        ("horror trailer", "horror movie"),
        (" pls fix it", ", fix it"),
        (" plz fix it", ", fix it"),
        (" please fix it", ", fix it"),
        ("pull the highlights down", "reduce the highlights"),
        ("pull highlights down", "reduce the highlights"),
        ("pull down the highlights", "reduce the highlights"),
        ("pull the highlights back", "reduce the highlights"),
        ("pull back the highlights", "reduce the highlights"),
        ("on the luma", ""),
        ("fresh greens", "vibrant greens"),
        ("around the street lights", ""),
        ("around the lights", ""),
        ("desert tones", "warm tones"),
    ] {
        text = replace_words(&text, from, to);
    }
    // "by a stop or so": about, which the size already is. (Not "or something", which the
    // table's run-on ends would have cut to "mething".)
    while let Some(at) = text.find(" or so").filter(|&at| {
        !text[at + " or so".len()..]
            .chars()
            .next()
            .is_some_and(char::is_alphanumeric)
    }) {
        text.replace_range(at..at + " or so".len(), "");
    }
    // "ease off the saturation", "turn down the colours": less of it (each was refused on
    // its verb).
    for verb in [
        "ease off on the",
        "ease off the",
        "back off on the",
        "back off the",
        "pull down the",
        "push down the",
        "turn down the",
    ] {
        for (noun, adjusted) in [
            ("saturation", "saturation"),
            ("contrast", "contrast"),
            ("exposure", "exposure"),
            ("brightness", "brightness"),
            ("warmth", "warmth"),
            ("colours", "saturation"),
            ("colors", "saturation"),
            ("colour", "saturation"),
            ("color", "saturation"),
        ] {
            text = replace_words(
                &text,
                &format!("{verb} {noun}"),
                &format!("reduce the {adjusted}"),
            );
        }
    }
    // "use this photo as the background, keep the man sharp": a backdrop leaves the subject
    // as it is anyway.
    // "the jacket recoloured teal", "the red jacket turned mustard": the garment's new colour.
    for item in ITEMS {
        for verb in ["recoloured", "recolored", "turned", "changed"] {
            text = text.replace(&format!("{item} {verb} "), &format!("{item} to "));
        }
        // "the umbrella i am holding": the carried thing. ("the balloon the kid is holding",
        // "the guitar he's playing".)
        for carrier in [
            "i am",
            "im",
            "i'm",
            "he is",
            "she is",
            "they are",
            "he's",
            "she's",
            "they're",
            "he",
            "she",
            "the kid is",
            "the child is",
            "the boy is",
            "the girl is",
            "the man is",
            "the woman is",
            "the guy is",
            "the person is",
            "the singer is",
            "the dog is",
        ] {
            for verb in [
                "holding", "carrying", "wearing", "playing", "riding", "using",
            ] {
                text = text.replace(&format!("{item} {carrier} {verb} "), &format!("{item} "));
            }
        }
    }
    for subject in [
        "man", "woman", "person", "guy", "girl", "boy", "people", "couple", "kids",
    ] {
        for kept in ["sharp", "in focus"] {
            text = text.replace(&format!("keep the {subject} {kept}"), "");
        }
    }
    // "it is to dark": the typo of "too" before a complaint's adjective.
    for adjective in [
        "dark",
        "bright",
        "sharp",
        "blurry",
        "soft",
        "saturated",
        "warm",
        "cold",
        "cool",
        "yellow",
        "blue",
        "green",
        "orange",
        "red",
        "pink",
        "grainy",
        "noisy",
        "flat",
        "contrasty",
        "dull",
        "washed",
    ] {
        for verb in ["is", "are", "looks", "look"] {
            // ("i look so dark": the same complaint.)
            for said in ["to", "so"] {
                text = text.replace(
                    &format!("{verb} {said} {adjective}"),
                    &format!("{verb} too {adjective}"),
                );
            }
        }
    }
    // "the snow looks blue, make it white": the cast taken out, not a white tint.
    for cast in [
        "blue", "yellow", "green", "orange", "pink", "purple", "red", "magenta",
    ] {
        for verb in ["looks", "look", "is", "are"] {
            text = text.replace(
                &format!("{verb} {cast}, make it white"),
                &format!("{verb} {cast}, remove the {cast} tint"),
            );
            text = text.replace(
                &format!("{verb} {cast}, make them white"),
                &format!("{verb} {cast}, remove the {cast} tint"),
            );
        }
    }
    // "make everything pink except her": the background, said by what it is not.
    for exception in [
        " except her",
        " except him",
        " except them",
        " except the person",
        " except the subject",
        " except the people",
        " apart from her",
        " apart from him",
        " apart from them",
        " apart from the person",
        " apart from the subject",
        " other than her",
        " other than him",
        " other than the person",
        " other than the subject",
    ] {
        // ("everything black and white except her red dress" is a colour splash.)
        while let Some(at) = text.find(exception).filter(|&at| {
            let rest = &text[at + exception.len()..];
            rest.is_empty()
                || rest.starts_with(['.', ',', ';', '!', '?', '\n'])
                || rest.starts_with(" and ")
                || rest.starts_with(" but ")
        }) {
            let sentence = text[..at]
                .rfind(['.', ',', ';', '!', '?', '\n'])
                .map_or(0, |end| end + 1);
            let Some(everything) = text[sentence..at].rfind("everything") else {
                break;
            };
            let everything = sentence + everything;
            text = format!(
                "{}the background{}{}",
                &text[..everything],
                &text[everything + "everything".len()..at],
                &text[at + exception.len()..]
            );
        }
    }
    let mut spaced = String::with_capacity(text.len() + 8);
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let digit_at = |j: Option<usize>| {
            j.and_then(|j| chars.get(j))
                .is_some_and(char::is_ascii_digit)
        };
        match c {
            c if c.is_alphanumeric() => spaced.push(c),
            // "1.5 stops": a decimal point, not the end of a sentence.
            '.' if digit_at(i.checked_sub(1)) && digit_at(Some(i + 1)) => spaced.push(c),
            // A sentence's end is kept apart from a comma's: what follows a sentence about
            // the background is not more about the background.
            '.' | '!' | '?' => spaced.push_str(" || "),
            ',' | ';' | ':' | '(' | ')' | '\n' => spaced.push_str(" | "),
            _ => spaced.push(' '),
        }
    }
    // "their shirts", "both dresses": the item, named in the plural.
    let words: Vec<&str> = spaced
        .split_whitespace()
        .map(|word| {
            if ITEMS.contains(&word) {
                return word;
            }
            for suffix in ["es", "s"] {
                if let Some(stem) = word.strip_suffix(suffix) {
                    if let Some(item) = ITEMS.iter().find(|item| **item == stem) {
                        return item;
                    }
                }
            }
            corrected(word).unwrap_or(word)
        })
        .collect();
    let mut clauses = Vec::new();
    let mut current: Vec<String> = Vec::new();
    let mut sentence_starts = false;
    for (i, word) in words.iter().enumerate() {
        let joins_colours = *word == "and"
            && i > 0
            && i + 1 < words.len()
            && is_colourish(words[i - 1])
            && is_colourish(words[i + 1]);
        // "black and white but keep the red", "no colour but the blue": one colour splash.
        let greyed_so_far = current.iter().any(|w| {
            SPLASH_GREY.contains(&w.as_str())
                || matches!(
                    w.as_str(),
                    "white" | "colour" | "color" | "colours" | "colors"
                )
        });
        // "black and white, except the red": the comma does not end the thought.
        if greyed_so_far && matches!(*word, "|" | "||") && words.get(i + 1) == Some(&"except") {
            continue;
        }
        // ("make her black and white and keep the background in colour" is the person
        // greyed and the background kept: two clauses.)
        let joins_splash = greyed_so_far
            && !current.iter().any(|w| SUBJECT_WORDS.contains(&w.as_str()))
            && matches!(*word, "but" | "and")
            && words.get(i + 1).is_some_and(|next| {
                SPLASH_KEEP.contains(next)
                    || matches!(*next, "except" | "only")
                    || (*word == "but"
                        && (is_colourish(next)
                            || (*next == "the"
                                && words.get(i + 2).is_some_and(|w| is_colourish(w)))))
            });
        let separator = matches!(*word, "|" | "||")
            || (!joins_colours
                && !joins_splash
                && matches!(
                    *word,
                    "and" | "then" | "also" | "plus" | "but" | "while" | "additionally"
                ));
        // "make it warmer because the footage is too blue", "sharpen it since it is soft":
        // the reason starts a clause of its own, read as context (`describes`).
        let reason = matches!(*word, "because" | "since" | "which") && !current.is_empty();
        if separator || reason {
            if !current.is_empty() {
                clauses.push(Clause {
                    words: std::mem::take(&mut current),
                    new_sentence: std::mem::take(&mut sentence_starts),
                });
            }
            if *word == "||" {
                sentence_starts = true;
            }
            if reason {
                current.push((*word).to_owned());
            }
        } else {
            current.push((*word).to_owned());
        }
    }
    if !current.is_empty() {
        clauses.push(Clause {
            words: current,
            new_sentence: sentence_starts,
        });
    }
    clauses
}

fn is_colourish(word: &str) -> bool {
    colours::by_name(word).is_some()
}

fn compile_clause(
    clause: &Clause,
    has_reference: bool,
    out: &mut Compiled,
) -> Result<(), PromptError> {
    // "a watercolor look like this painting", "styled after the attached artwork": the
    // look of a picture, which cannot be matched (the named style alone was done, and the
    // picture's left out). A background or a garment taking the picture is another matter.
    let picture = |word: &str| {
        matches!(
            word,
            "painting"
                | "artwork"
                | "drawing"
                | "illustration"
                | "poster"
                | "picture"
                | "image"
                | "photo"
                | "pic"
        )
    };
    // ("like this Monet painting": a word between, after "this" or "that", which point at the
    // attachment; "like my old family photo" is the old photo look.)
    let named_picture = clause.words.windows(4).any(|four| {
        matches!(four[0].as_str(), "like" | "after" | "matching" | "match")
            && matches!(four[1].as_str(), "this" | "that" | "attached")
            && picture(four[3].as_str())
    });
    let styled_after = named_picture
        || clause.words.windows(3).any(|three| {
            matches!(three[0].as_str(), "like" | "after" | "matching" | "match")
                && matches!(
                    three[1].as_str(),
                    "this" | "that" | "the" | "attached" | "my" | "our"
                )
                && matches!(
                    three[2].as_str(),
                    "painting"
                        | "artwork"
                        | "art"
                        | "drawing"
                        | "illustration"
                        | "poster"
                        | "still"
                        | "frame"
                        | "picture"
                        | "image"
                        | "photo"
                        | "pic"
                        | "reference"
                        | "attached"
                )
        }) && !clause.words.iter().any(|word| {
            BACKGROUND_NOUNS.contains(&word.as_str())
            || ITEMS.contains(&word.as_str())
            // ("put me on the moon like this pic": where to stand, a new background.)
            || matches!(word.as_str(), "put" | "place")
        });
    if styled_after {
        return Err(PromptError::Unsupported {
            phrase: clause.text(),
            reason: REFERENCE_LOOK_NOT_MATCHED.into(),
        });
    }
    // "remove the background and replace it with white": "it" is the background just named,
    // and the new backdrop replaces the one the earlier clause implied.
    let background_before = out.operations.iter().position(|candidate| {
        matches!(
            candidate.planned.operation,
            Operation::ReplaceBackground { .. }
        )
    });
    // "remove the background and make it green": what a removal leaves is what "it" is.
    let after_removal = background_before.is_some_and(|at| {
        out.operations[at]
            .planned
            .from
            .split(' ')
            .any(|word| REMOVE_WORDS.contains(&word))
    }) && (0..clause.words.len()).any(|i| {
        let words: Vec<&str> = clause.words[i..].iter().map(String::as_str).collect();
        colours::match_words(&words).is_some()
    });
    let after_reference = background_before.is_some_and(|at| {
        matches!(
            out.operations[at].planned.operation,
            Operation::ReplaceBackground {
                backdrop: Backdrop::ReferenceImage { .. }
            }
        )
    });
    let refers_back = background_before.is_some()
        && clause.words.iter().any(|word| word == "it")
        && clause.words.iter().any(|word| {
            matches!(word.as_str(), "replace" | "swap" | "switch" | "fill")
                || (after_removal && matches!(word.as_str(), "make" | "turn" | "paint" | "set"))
        });
    // "replace the background with the reference image and darken it": "it" is the new
    // background, regraded through the subject matte like any other (read as the whole
    // picture, the subject was darkened too).
    // After a blur or a grey background, "make it warmer" is as likely the whole picture:
    // only darkening or desaturating (what sets a subject off) is read as the background's.
    let new_backdrop = background_before.is_some_and(|at| {
        matches!(
            out.operations[at].planned.operation,
            Operation::ReplaceBackground {
                backdrop: Backdrop::ReferenceImage { .. }
                    | Backdrop::Colour { .. }
                    | Backdrop::Gradient { .. }
            }
        )
    });
    let sets_off = clause.words.iter().any(|word| {
        matches!(
            word.as_str(),
            "darken" | "darker" | "dim" | "dimmer" | "desaturate" | "desaturated"
        )
    });
    let grades_it = out.background_clause
        && (new_backdrop || sets_off)
        && !refers_back
        && clause.words.iter().any(|word| word == "it")
        && !clause.words.iter().any(|word| {
            BLUR_WORDS.contains(&word.as_str())
                || matches!(
                    word.as_str(),
                    // "make it look vintage" speaks of the video, as it does alone.
                    "whole"
                        | "everything"
                        | "overall"
                        | "video"
                        | "clip"
                        | "footage"
                        | "all"
                        | "look"
                        | "feel"
                        | "match"
                        // "use this picture as the background and give it a teal and
                        // orange grade": a grade is the picture's (read as the
                        // background's, its two colours became a gradient backdrop).
                        | "grade"
                        | "grading"
                        | "graded"
                        // "..., and letterbox it", "make it vertical for Reels": the
                        // frame's, as it is alone.
                        | "vertical"
                        | "horizontal"
                        | "square"
                        | "portrait"
                        | "landscape"
                        | "letterbox"
                        | "letterboxed"
                        | "crop"
                        | "bars"
                        | "grain"
                        | "vignette"
                        | "mute"
                )
        });
    // "replace the background with the reference and blur it", "..., with the backdrop
    // slightly blurred": the reference put in defocused.
    if after_reference
        && clause
            .words
            .iter()
            .any(|word| BLUR_WORDS.contains(&word.as_str()))
        && clause.words.iter().all(|word| {
            BLUR_WORDS.contains(&word.as_str())
                || intensity(word).is_some()
                || is_filler(word)
                || matches!(
                    word.as_str(),
                    "it" | "the"
                        | "background"
                        | "backdrop"
                        | "with"
                        | "and"
                        | "make"
                        | "then"
                        | "also"
                        | "reference"
                        | "image"
                        | "photo"
                        | "a"
                        | "bit"
                        | "little"
                )
        })
    {
        let level = clause
            .words
            .iter()
            .filter_map(|word| intensity(word))
            .fold(None, |previous: Option<f32>, found| {
                Some(previous.map_or(found, |previous| (previous + 0.25).max(found)))
            })
            .unwrap_or(STRENGTH_DEFAULT);
        if let Some(candidate) = background_before.map(|at| &mut out.operations[at]) {
            if let Operation::ReplaceBackground {
                backdrop: Backdrop::ReferenceImage { blur, .. },
            } = &mut candidate.planned.operation
            {
                *blur = Some(level);
                candidate.planned.from = format!("{}, {}", candidate.planned.from, clause.text());
                return Ok(());
            }
        }
    }
    // "make the background darker and blurred": a clause with no verb or object of its own
    // after a background clause still speaks of the background.
    // (Words inside a colour's name are the colour: "baby blue" names no baby.)
    let in_colour: Vec<bool> = {
        let words: Vec<&str> = clause.words.iter().map(String::as_str).collect();
        let mut covered = vec![false; words.len()];
        for i in 0..words.len() {
            if let Some((_, len)) = colours::match_words(&words[i..]) {
                covered[i..i + len].fill(true);
            }
        }
        covered
    };
    let bare = out.background_clause
        && !clause
            .words
            .iter()
            .zip(&in_colour)
            .any(|(word, &in_colour)| {
                !in_colour
                    && (BACKGROUND_NOUNS.contains(&word.as_str())
                        || SUBJECT_WORDS.contains(&word.as_str())
                        // "a blurred background and the jacket to teal": a garment's own.
                        || ITEMS.contains(&word.as_str())
                        || matches!(
                            word.as_str(),
                            // "..., and maybe warmer overall": the whole picture again;
                            // "..., and cool the colours to match": its colours.
                            "overall"
                                | "colours"
                                | "colors"
                                | "recolour"
                                | "recolor"
                                | "paint"
                                | "dye"
                                | "everywhere"
                                | "make"
                                | "add"
                                | "turn"
                                | "apply"
                                | "give"
                                | "change"
                                | "use"
                                | "convert"
                                | "transform"
                                | "put"
                                | "replace"
                                | "swap"
                                | "it"
                                | "this"
                                | "everything"
                                | "whole"
                                | "video"
                                | "clip"
                                | "footage"
                                | "image"
                                | "picture"
                                | "scene"
                                | "mute"
                                | "remove"
                                | "keep"
                                // "strong background blur and a warm grade": a grade or
                                // look is the whole picture's.
                                | "grade"
                                | "grading"
                                | "look"
                                | "filter"
                                | "lut"
                                // ("blurred cafe background, cozy warm tones": the
                                // picture's tones, as a grade.)
                                | "tones"
                                | "palette"
                        ))
            });
    // ... as long as it names something a background can have: colour adjustments, a blur,
    // a colour. Grain or a style is for the whole picture.
    let bare = bare && {
        let words: Vec<&str> = clause.words.iter().map(String::as_str).collect();
        let mut background_effect = false;
        let mut other_effect = false;
        for i in 0..words.len() {
            if BLUR_WORDS.contains(&words[i]) || colours::match_words(&words[i..]).is_some() {
                background_effect = true;
            } else if longest_effect(&words[i..]).is_some() {
                if is_texture_or_style(&words[i..]) {
                    other_effect = true;
                } else {
                    background_effect = true;
                }
            }
        }
        // "blur the bg, warmer, and make it 9:16": a grade listed after a background blur is
        // an item of its own, for the whole picture (it warmed the blurred background
        // alone). After a regraded background it goes on regrading it ("make the background
        // darker, cooler").
        let after_blur = background_before.is_some_and(|at| {
            matches!(
                out.operations[at].planned.operation,
                Operation::ReplaceBackground {
                    backdrop: Backdrop::Blur { .. }
                }
            )
        });
        // ("shallow depth of field, golden hour lighting": a look named with a colour word is
        // still a look.)
        let blurs_or_colours = words.iter().enumerate().any(|(i, word)| {
            BLUR_WORDS.contains(word)
                || colours::match_words(&words[i..]).is_some()
                    && longest_effect(&words[i..]).is_none()
        });
        background_effect && !other_effect && (!after_blur || blurs_or_colours)
    };
    // "darken the background and blur it": after a regraded background, a blur of "it" is
    // the background's too (read as the whole picture's, the subject was blurred).
    let blurs_it = out.background_clause
        && background_before.is_some_and(|at| {
            matches!(
                out.operations[at].planned.operation,
                Operation::ReplaceBackground {
                    backdrop: Backdrop::Graded { .. } | Backdrop::BlackAndWhite
                }
            )
        })
        && clause.words.iter().any(|word| word == "it")
        && clause
            .words
            .iter()
            .any(|word| BLUR_WORDS.contains(&word.as_str()))
        && !clause.words.iter().any(|word| {
            matches!(
                word.as_str(),
                "whole" | "everything" | "overall" | "video" | "clip" | "footage" | "all"
            )
        });
    let rewritten;
    let clause = if grades_it || blurs_it {
        rewritten = Clause {
            new_sentence: false,
            words: clause
                .words
                .iter()
                .flat_map(|word| {
                    if word == "it" {
                        vec!["the".to_owned(), "background".to_owned()]
                    } else {
                        vec![word.clone()]
                    }
                })
                .collect(),
        };
        &rewritten
    } else if refers_back {
        rewritten = Clause {
            new_sentence: false,
            words: clause
                .words
                .iter()
                .map(|word| {
                    if word == "it" {
                        "background".into()
                    } else {
                        word.clone()
                    }
                })
                .collect(),
        };
        &rewritten
    } else if bare {
        rewritten = Clause {
            new_sentence: false,
            words: ["the", "background"]
                .into_iter()
                .map(str::to_owned)
                .chain(clause.words.iter().cloned())
                .collect(),
        };
        &rewritten
    } else {
        clause
    };
    let words: Vec<&str> = clause.words.iter().map(String::as_str).collect();
    if keeps_framing(&words) {
        out.kept.push(clause.text());
        return Ok(());
    }
    match preservation(&words) {
        Some(Preserved::Motion | Preserved::Rest) => {
            out.kept.push(clause.text());
            return Ok(());
        }
        Some(Preserved::Subject) => {
            out.kept.push(clause.text());
            out.keep_subject_phrase.get_or_insert(clause.text());
            return Ok(());
        }
        Some(Preserved::Background) => {
            out.kept.push(clause.text());
            out.keep_background_phrase.get_or_insert(clause.text());
            return Ok(());
        }
        Some(Preserved::Skin) => {
            out.keep_skin_phrase.get_or_insert(clause.text());
            return Ok(());
        }
        Some(Preserved::GarmentColour) => {
            out.keep_garment_colour_phrase.get_or_insert(clause.text());
            return Ok(());
        }
        None => {}
    }
    let mut used = vec![false; words.len()];
    // "the old man's coat", "make the young woman brighter": words that say who, not an
    // edit ("old" is otherwise the vintage look).
    for at in 0..words.len() {
        if !SUBJECT_WORDS.contains(&words[at]) {
            continue;
        }
        let mut k = at;
        while k > 0 && !used[k - 1] && PERSON_DESCRIPTORS.contains(&words[k - 1]) {
            used[k - 1] = true;
            k -= 1;
        }
        // "the man in the black jacket", "the woman with the red umbrella": which person,
        // not a recolour.
        if let Some(end) = identifying_garment(&words[at + 1..]) {
            used[at + 1..=at + 1 + end].fill(true);
        }
    }
    // "a dark green tint", "a pale yellow cast", "neon green", "a muted blue": the word
    // before a colour is its shade (recolours and backdrops read it so), not an edit of the
    // picture.
    for i in 0..words.len().saturating_sub(1) {
        if !used[i]
            && SHADE_WORDS.contains(&words[i])
            && colours::match_words(&words[i + 1..]).is_some()
            // "light blue", "baby blue", "dusty rose" are colours by name.
            && colours::match_words(&words[i..]).is_none()
            && !(i + 2 < words.len() && longest_effect(&words[i..]).is_some_and(|(_, len)| len > 2))
        {
            used[i] = true;
        }
    }
    let operations_before = out.operations.len();
    // A clause that only says to keep the sound asks for what happens anyway; it is not
    // refused as asking for nothing.
    let mut kept_audio = false;
    // The clause asked again for a mute, a shape or a length already asked ("mute it, I
    // don't want the audio", "make it square, 1:1"): asked, not nothing.
    let mut restated = false;
    let muted_before = out.mute_audio;
    let aspect_before = out.aspect_ratio;
    let duration_before = out.duration_seconds;
    let negated_before = out.negated.len() + out.negated_parts.len();
    let moderated_before = out.moderated.len();
    // "Watercolour look, square, first 6 secs": a frame shape named alone in a list (not
    // within a clause: "a vertical gradient", "the town square").
    let named: Vec<usize> = (0..words.len())
        .filter(|&i| !matches!(words[i], "and" | "also" | "then" | "please" | "plus"))
        .collect();
    if let [at] = named[..] {
        let shape = match words[at] {
            "square" | "ratio1by1" => Some("1:1"),
            "vertical" | "ratio9by16" => Some("9:16"),
            "widescreen" | "ratio16by9" => Some("16:9"),
            "ratio4by3" => Some("4:3"),
            "ratio3by4" => Some("3:4"),
            "ratio4by5" => Some("4:5"),
            "ratio5by4" => Some("5:4"),
            _ => None,
        };
        if let Some(ratio) = shape {
            out.ask_shape(ratio, clause.text())?;
            restated = true;
            used.fill(true);
        }
    }
    // "trim it to 8 seconds", read as one word (see `length.rs`).
    for (i, word) in words.iter().enumerate() {
        if let Some(seconds) = super::length::token_seconds(word) {
            if out.duration_seconds.is_some_and(|asked| asked != seconds) {
                return Err(PromptError::Unsupported {
                    phrase: clause.text(),
                    reason: "the prompt asks for two lengths".into(),
                });
            }
            if seconds < 1.0 {
                return Err(PromptError::Unsupported {
                    phrase: clause.text(),
                    reason: "the clip cannot be trimmed to less than a second".into(),
                });
            }
            out.duration_seconds = Some(seconds);
            restated = true;
            used[i] = true;
        }
    }

    // The whole-clause patterns, first match wins: each claims the clause's words only when
    // every word belongs to it (or, for the background and garments, says why not).
    let mut pattern = splash_edit(&words, &mut used);
    if pattern.is_none() {
        pattern = duotone_edit(clause, &words, &mut used)?;
    }
    if pattern.is_none() {
        pattern = hue_saturation_edit(&words, &mut used);
    }
    if pattern.is_none() {
        pattern = split_tone_edit(&words, &mut used);
    }
    if pattern.is_none() {
        pattern = background_edit(clause, &words, &mut used, has_reference)?;
    }
    if pattern.is_none() {
        pattern = recolour_edit(clause, &words, &mut used)?;
    }
    // "do not blur the background", "without the background blur": what is ruled out, not
    // asked for ("blur the background but not the person" is asked for).
    let negation = words
        .iter()
        .position(|word| matches!(*word, "dont" | "not" | "no" | "without" | "never"));
    let but = words.iter().position(|word| *word == "but");
    if let (Some(operation), Some(at)) = (&pattern, negation) {
        if but.is_none_or(|but| but > at) {
            out.negated.push(operation.identity());
            used.fill(true);
            pattern = None;
        }
    }
    let claimed = pattern.is_some();
    if let Some(operation) = pattern {
        out.operations.push(Candidate {
            planned: PlannedOperation {
                operation,
                from: clause.text(),
            },
            explicit: true,
        });
    }

    // A regraded background took its own amount ("make the background 50% darker").
    let graded_backdrop = claimed
        && out.operations.last().is_some_and(|candidate| {
            matches!(
                candidate.planned.operation,
                Operation::ReplaceBackground {
                    backdrop: Backdrop::Graded { .. }
                }
            )
        });
    let (stops, share) = if graded_backdrop {
        (None, None)
    } else {
        (stop_count(&words, &mut used), fraction(&words, &mut used))
    };
    let mut effects_here = Vec::new();
    let mut seen: Vec<EffectKind> = Vec::new();
    for effect in match_effects(&words, &mut used) {
        // "8-bit pixel art", "cyberpunk neon": two names for one effect.
        if seen.contains(&effect.kind) {
            continue;
        }
        seen.push(effect.kind.clone());
        if effect.irreversible && !effect.negated {
            return Err(PromptError::Unsupported {
                phrase: effect.phrase.clone(),
                reason: "this engine can add that effect but cannot take it out of footage; \
                         to rule it out of the edit, name it in negative_prompt"
                    .into(),
            });
        }
        if effect.moderated {
            out.moderated
                .push((effect.kind.clone(), effect.phrase.clone()));
            continue;
        }
        if effect.negated {
            let parts = effect.kind.operations(0.6);
            let ruled_out = if parts.len() > 1 {
                &mut out.negated_parts
            } else {
                &mut out.negated
            };
            ruled_out.extend(parts.iter().map(Operation::identity));
            continue;
        }
        if effect.kind == EffectKind::Mute {
            out.mute_audio = true;
            restated = true;
            continue;
        }
        if let EffectKind::Aspect(ratio) = effect.kind {
            out.ask_shape(ratio, effect.phrase.clone())?;
            restated = true;
            continue;
        }
        if effect.kind == EffectKind::KeepAudio {
            kept_audio = true;
            out.keep_audio_phrase.get_or_insert(effect.phrase.clone());
            continue;
        }
        if effect.kind == EffectKind::KeepColours {
            kept_audio = true;
            out.keep_colours_phrase.get_or_insert(effect.phrase.clone());
            continue;
        }
        let operations = effect.kind.operations(effect.level);
        // A look that happens to be one operation ("film look" is grain) is still a look:
        // the operation named beside it ("film look with soft grain") says how much.
        let explicit = operations.len() == 1 && effect.kind != EffectKind::FilmLook;
        if explicit {
            effects_here.push((effect.phrase.clone(), effect.kind.clone()));
        }
        for operation in operations {
            out.operations.push(Candidate {
                planned: PlannedOperation {
                    operation,
                    from: effect.phrase.clone(),
                },
                explicit,
            });
        }
    }

    // "a hand-drawn comic book style", "a pencil sketch animation", "a retro 8-bit game": one
    // word describes the other style rather than asking for a second one.
    let describes = |from: &str| {
        DESCRIPTIVE
            .iter()
            .any(|word| from == *word || from.ends_with(&format!(" {word}")))
    };
    let clause_ops = &out.operations[operations_before..];
    let named_style = clause_ops.iter().any(|candidate| {
        !describes(&candidate.planned.from) && candidate.planned.operation.stage() == Stage::Style
    });
    // "retro" gives way to anything else the clause asks for, described or not ("a retro
    // video game": the game's pixel art).
    // ("retro vhs with glitches" names the tape itself, and keeps it.)
    let named_other = clause_ops
        .iter()
        .any(|candidate| !candidate.planned.from.ends_with("retro"))
        && !clause
            .words
            .iter()
            .any(|word| matches!(word.as_str(), "vhs" | "vcr" | "videotape" | "tape"));
    let mut index = operations_before;
    while index < out.operations.len() {
        let candidate = &out.operations[index];
        let from = candidate.planned.from.as_str();
        let drop = describes(from)
            && if from.ends_with("retro") {
                named_other
            } else {
                named_style && candidate.planned.operation.stage() == Stage::Style
            };
        if drop {
            out.operations.remove(index);
        } else {
            index += 1;
        }
    }

    // "brighter by one stop": the number sets the exposure change the clause asks for.
    if let Some(stops) = stops {
        if stops > MAX_STOPS {
            return Err(PromptError::Unsupported {
                phrase: clause.text(),
                reason: format!("exposure changes of up to {MAX_STOPS} stops are supported"),
            });
        }
        let mut exposures = out.operations[operations_before..]
            .iter_mut()
            .filter_map(|candidate| match &mut candidate.planned.operation {
                Operation::Exposure { stops } => Some(stops),
                _ => None,
            })
            .peekable();
        if exposures.peek().is_none() {
            return Err(PromptError::Unsupported {
                phrase: clause.text(),
                reason: "a number of stops needs a change of exposure to go with it, e.g. \"brighter by one stop\" or \"reduce the exposure by half a stop\"".into(),
            });
        }
        for exposure in exposures {
            *exposure = stops.copysign(*exposure);
        }
    }

    // "lower the saturation by half", "20% brighter": the share sets the adjustment's size.
    if let Some(share) = share {
        let mut sized = false;
        for candidate in &mut out.operations[operations_before..] {
            // "brightness 120%", "saturation at 150%": a bare control above 100 % can only be
            // a level against the original, not a change by that much (read as a change,
            // "brightness 120%" brightened by 2.5 stops).
            // ("saturation at 90%", "reduce the saturation to 80%": a level too, below 100 %
            // as well; "by" makes it a change.)
            let stated_level = clause.words.iter().any(|word| word == "at" || word == "to")
                && !clause.words.iter().any(|word| word == "by");
            let level = stated_level
                || (share > 1.0
                    && matches!(
                        candidate.planned.from.as_str(),
                        "brightness" | "exposure" | "saturation" | "contrast"
                    ));
            match &mut candidate.planned.operation {
                Operation::Saturation { amount } | Operation::Contrast { amount } if level => {
                    *amount = (share - 1.0).min(1.0);
                    sized = true;
                }
                Operation::Saturation { amount } | Operation::Contrast { amount } => {
                    *amount = share.min(1.0).copysign(*amount);
                    sized = true;
                }
                // The exposure is a gain on the video signal: 20 % brighter is a gain of 1.2.
                Operation::Exposure { stops } => {
                    let gain = if level {
                        share
                    } else if *stops >= 0.0 {
                        1.0 + share
                    } else {
                        1.0 - share
                    };
                    if gain <= 0.05 {
                        return Err(PromptError::Unsupported {
                            phrase: clause.text(),
                            reason: "that would leave the picture black".into(),
                        });
                    }
                    *stops = stops_for_gain(gain);
                    sized = true;
                }
                _ => {}
            }
        }
        // "add 50% grain", "sepia at 50%", "vignette 50%": the share is the strength of an
        // effect named alone.
        if !sized {
            for (from, kind) in &effects_here {
                let level = share.clamp(0.05, 1.0);
                if let (Some(candidate), [operation]) = (
                    out.operations[operations_before..]
                        .iter_mut()
                        .find(|candidate| candidate.planned.from == *from),
                    &kind.operations(level)[..],
                ) {
                    candidate.planned.operation = operation.clone();
                    sized = true;
                }
            }
        }
        // "light rose tint, about 10% opacity", "grain, 30% strength": a share alone is the
        // strength of the effects the clause before named.
        if !sized && effects_here.is_empty() && out.operations.len() == operations_before {
            let only_amount = clause.words.iter().all(|word| {
                is_filler(word)
                    || word.parse::<f32>().is_ok()
                    || matches!(
                        word.as_str(),
                        "about"
                            | "around"
                            | "roughly"
                            | "approximately"
                            | "approx"
                            | "at"
                            | "percent"
                            | "strength"
                            | "intensity"
                            | "opacity"
                            | "mix"
                            | "amount"
                    )
            });
            if only_amount && !out.last_effects.is_empty() {
                let level = share.clamp(0.05, 1.0);
                for (from, kind) in out.last_effects.clone() {
                    if let (Some(candidate), [operation]) = (
                        out.operations
                            .iter_mut()
                            .rev()
                            .find(|candidate| candidate.planned.from == from),
                        &kind.operations(level)[..],
                    ) {
                        candidate.planned.operation = operation.clone();
                        candidate.planned.from = format!("{from}, {}", clause.text());
                        sized = true;
                    }
                }
                if sized {
                    return Ok(());
                }
            }
        }
        if !sized {
            // "play it at half speed": the share is of the timing, which is not an edit.
            let timing = clause.words.iter().any(|word| {
                matches!(
                    word.as_str(),
                    "speed" | "slow" | "slower" | "faster" | "fps"
                )
            });
            return Err(PromptError::Unsupported {
                phrase: clause.text(),
                reason: if timing {
                    "changes of timing (speed, slow motion, reverse, frame rate) are not supported; the clip can be trimmed from its start, in the prompt (\"trim it to 8 seconds\", \"only the first 5 seconds\") or by the request's duration".into()
                } else {
                    "a percentage or share needs an effect or an adjustment to go with it, e.g. \"lower the saturation by half\", \"20% brighter\" or \"add 50% grain\"".into()
                },
            });
        }
    }

    // "posterize with 3 levels", "posterize to 4": the number is the levels.
    if let Some(at) = (0..words.len()).find(|&i| !used[i] && words[i].parse::<u8>().is_ok()) {
        let levels: u8 = words[at].parse().expect("checked");
        let mut sized = false;
        for candidate in &mut out.operations[operations_before..] {
            if let Operation::Posterize { levels: current } = &mut candidate.planned.operation {
                if !(2..=32).contains(&levels) {
                    return Err(PromptError::Unsupported {
                        phrase: clause.text(),
                        reason: "posterize takes 2 to 32 levels per channel".into(),
                    });
                }
                *current = levels;
                sized = true;
            }
        }
        if sized {
            used[at] = true;
            for i in [at + 1, at.wrapping_sub(1)] {
                if words.get(i).is_some_and(|word| {
                    matches!(
                        *word,
                        "levels" | "level" | "colors" | "colours" | "to" | "with"
                    )
                }) {
                    used[i] = true;
                }
            }
        }
    }

    // "keep the red" is not a red tint: keeping one colour is a colour splash, whose
    // pattern did not match this clause.
    let keeps = words
        .iter()
        .any(|word| matches!(*word, "keep" | "keeping" | "kept" | "retain" | "preserve"));
    if keeps
        && out.operations[operations_before..]
            .iter()
            .any(|candidate| matches!(candidate.planned.operation, Operation::Tint { .. }))
    {
        return Err(PromptError::Unsupported {
            phrase: clause.text(),
            reason: "keeping one colour while the rest changes is done as a colour splash, \
                     e.g. \"black and white except the red\""
                .into(),
        });
    }
    // "make the person brighter", "warm up the subject": colour adjustments of the subject
    // alone, through its matte; the background stays as it was.
    let subject_at: Vec<usize> = (0..words.len())
        .filter(|&i| !used[i] && SUBJECT_WORDS.contains(&words[i]))
        .collect();
    // A mood said of a person ("make her look sad") is an expression, not a grade.
    let mood = |(phrase, kind): &EffectPhrase| {
        matches!(
            kind(),
            EffectKind::Romantic | EffectKind::Happy | EffectKind::Sad
        ) && words.contains(phrase)
    };
    if !subject_at.is_empty() && EFFECTS.iter().any(mood) {
        return Err(PromptError::Unsupported {
            phrase: clause.text(),
            reason: "a person's expression or mood cannot be changed; a mood can be given to the whole picture as a grade (\"make it look sad\")"
                .into(),
        });
    }
    let graded_here = &out.operations[operations_before..];
    if !claimed
        && !subject_at.is_empty()
        && !graded_here.is_empty()
        && graded_here.iter().all(|candidate| {
            candidate.planned.operation.stage() == Stage::Colour
                && !matches!(candidate.planned.operation, Operation::WhiteBalance { .. })
        })
    {
        let operations: Vec<Operation> = out
            .operations
            .drain(operations_before..)
            .map(|candidate| candidate.planned.operation)
            .collect();
        out.operations.push(Candidate {
            planned: PlannedOperation {
                operation: Operation::GradeSubject { operations },
                from: clause.text(),
            },
            explicit: true,
        });
        for i in subject_at {
            used[i] = true;
        }
    }
    if let Some(unknown) = words
        .iter()
        .zip(&used)
        .find(|(word, used)| !**used && !is_filler(word))
        .map(|(word, _)| *word)
    {
        return Err(PromptError::Unsupported {
            phrase: clause.text(),
            reason: refusal_reason(&words, unknown),
        });
    }
    // "like a dream, soft and hazy": "soft" standing alone asks for a softer picture, not
    // for a strength of nothing.
    if out.operations.len() == operations_before
        && words.contains(&"soft")
        && words.iter().all(|word| *word == "soft" || is_filler(word))
    {
        out.operations.push(Candidate {
            planned: PlannedOperation {
                operation: Operation::Blur { strength: 0.3 },
                from: clause.text(),
            },
            explicit: true,
        });
    }
    // "add grain, but keep it subtle": intensity words alone set the strength of what the
    // clause before asked for.
    // "..., but not too much": the same, gently.
    let not_too_much = matches!(
        &words[..],
        [
            "not" | "nothing",
            "too",
            "much" | "strong" | "heavy" | "intense" | "extreme"
        ]
    );
    let levels: Vec<f32> = if not_too_much {
        vec![LIGHT]
    } else {
        words.iter().filter_map(|word| intensity(word)).collect()
    };
    let modifies_the_last = out.operations.len() == operations_before
        && !levels.is_empty()
        && (not_too_much
            || words
                .iter()
                .all(|word| intensity(word).is_some() || is_filler(word)));
    let level = levels
        .iter()
        .fold(None, |level, &next| Some(stack_intensity(level, next)))
        .unwrap_or(STRENGTH_DEFAULT);
    if modifies_the_last && !out.last_effects.is_empty() {
        for (from, kind) in &out.last_effects {
            if let (Some(candidate), [operation]) = (
                out.operations
                    .iter_mut()
                    .find(|candidate| candidate.planned.from == *from),
                &kind.operations(level)[..],
            ) {
                candidate.planned.operation = operation.clone();
                candidate.planned.from = format!("{from}, {}", clause.text());
            }
        }
        return Ok(());
    }
    // The same after an edit that is not a single effect (a band of hues, a garment's
    // saturation): its amount is scaled to the level asked, from the default's.
    if modifies_the_last && out.last_clause_start < operations_before {
        let scale = level / STRENGTH_DEFAULT;
        let mut scaled = false;
        // ("teal shadows and orange highlights, subtle": both halves of the split tone, which
        // "and" had made two clauses.)
        let mut start = out.last_clause_start;
        let split_tone = |candidate: &Candidate| {
            matches!(candidate.planned.operation, Operation::SplitTone { .. })
        };
        if out.operations[start..].iter().all(split_tone) {
            while start > 0 && split_tone(&out.operations[start - 1]) {
                start -= 1;
            }
        }
        for candidate in &mut out.operations[start..] {
            match &mut candidate.planned.operation {
                Operation::HueSaturation { amount, .. } => {
                    *amount = (*amount * scale).clamp(-1.0, 1.0)
                }
                // "blur the background, not too strong".
                Operation::ReplaceBackground {
                    backdrop: Backdrop::Blur { strength },
                } => *strength = (*strength * scale).clamp(0.0, 1.0),
                // "split-tone magenta highlights and green shadows, subtle".
                Operation::SplitTone { strength, .. } | Operation::Duotone { strength, .. } => {
                    *strength = (*strength * scale).clamp(0.0, 1.0)
                }
                _ => continue,
            }
            candidate.planned.from = format!("{}, {}", candidate.planned.from, clause.text());
            scaled = true;
        }
        if scaled {
            return Ok(());
        }
    }
    out.last_effects = effects_here;
    if out.operations.len() > operations_before {
        out.last_clause_start = operations_before;
    }
    // "colour regrade: warmer highlights, ...": a heading of filler words asks for nothing
    // and is no error; a prompt with nothing else is refused as a whole.
    // (A clause that asks with a verb, "and make it look like a music video", is not a
    // heading: skipping it would drop part of the request without a word.)
    let asks = words.iter().any(|word| {
        matches!(
            *word,
            "make" | "turn" | "give" | "apply" | "convert" | "transform" | "render" | "add" | "use"
        )
    });
    if !asks && words.iter().all(|word| is_filler(word)) {
        return Ok(());
    }
    let asked_for_nothing = out.operations.len() == operations_before
        && !kept_audio
        && !restated
        && out.mute_audio == muted_before
        && out.aspect_ratio == aspect_before
        && out.duration_seconds == duration_before
        && out.negated.len() + out.negated_parts.len() == negated_before
        && out.moderated.len() == moderated_before;
    if asked_for_nothing
        && words
            .iter()
            .any(|word| !matches!(*word, "please" | "thanks" | "thank" | "you"))
    {
        return Err(PromptError::Unsupported {
            phrase: clause.text(),
            reason: "it names no edit this engine performs".into(),
        });
    }
    let replaced = out.operations[operations_before..].iter().any(|candidate| {
        matches!(
            candidate.planned.operation,
            Operation::ReplaceBackground { .. }
        )
    });
    out.background_clause = replaced;
    if let (true, Some(earlier)) = (refers_back, background_before) {
        if replaced {
            out.operations.remove(earlier);
        }
    }

    Ok(())
}

/// Words that, beside another style, describe it rather than ask for one of their own.
const DESCRIPTIVE: &[&str] = &[
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
enum Preserved {
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
fn leaves_as_is(word: &str) -> bool {
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
fn keeps_framing(words: &[&str]) -> bool {
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
const SKIN_NOUNS: &[&str] = &["skin", "skintone", "skintones", "complexion", "complexions"];

/// Whether a clause only asks for skin tones to stay as they are: "keep skin tones
/// natural", "protect the skin tones", "her skin should stay natural", "don't make her skin
/// orange", "don't let the yellow bleed into her skin", "keep her face believable". A clause
/// that names a colour or a change must negate it ("make her skin orange" asks for a change
/// of a person, refused elsewhere), and every other word must belong to the wish.
pub(super) fn keeps_skin(words: &[&str]) -> bool {
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
fn skin_colour_unwanted(words: &[&str]) -> bool {
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

fn preservation(words: &[&str]) -> Option<Preserved> {
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

/// "by half", "by a third", "20 percent" ("20%"), "by 50 percent": a share of the
/// adjustment's range, its words marked used.
fn fraction(words: &[&str], used: &mut [bool]) -> Option<f32> {
    // "grain at 0.3", "0.2 strength": a strength written as a decimal.
    if let Some(at) = words.iter().position(|word| {
        word.contains('.') && word.parse::<f32>().is_ok_and(|n| n > 0.0 && n <= 1.0)
    }) {
        let marked = (at > 0 && words[at - 1] == "at")
            || matches!(words.get(at + 1), Some(&("strength" | "intensity")));
        if marked {
            let share = words[at].parse::<f32>().expect("checked");
            used[at] = true;
            if at > 0 && words[at - 1] == "at" {
                used[at - 1] = true;
            }
            if let Some(next) = used.get_mut(at + 1) {
                if matches!(words[at + 1], "strength" | "intensity") {
                    *next = true;
                }
            }
            return Some(share);
        }
    }
    let (share, first, last) = if let Some(at) = words.iter().position(|word| *word == "percent") {
        let number = at
            .checked_sub(1)
            .and_then(|i| words[i].parse::<f32>().ok())
            .filter(|n| n.is_finite() && *n > 0.0)?;
        (number / 100.0, at - 1, at)
    } else {
        let at = words
            .iter()
            .position(|word| matches!(*word, "half" | "third" | "quarter"))?;
        // "half a stop", "a third of a stop", "a quarter stop" are a number of stops, not a
        // share ("a third of a stop" darkened by a third of the brightness, 1.3 stops).
        let rest = &words[at + 1..];
        let of_a_stop = |rest: &[&str]| match rest {
            ["a", stop, ..] | ["of", "a", stop, ..] | [stop, ..] => stop.starts_with("stop"),
            _ => false,
        };
        if of_a_stop(rest) {
            return None;
        }
        let share = match words[at] {
            "half" => 0.5,
            "third" => 1.0 / 3.0,
            _ => 0.25,
        };
        let first = if at > 0 && matches!(words[at - 1], "a" | "one") {
            at - 1
        } else {
            at
        };
        (share, first, at)
    };
    let first = if first > 0 && matches!(words[first - 1], "by" | "in") {
        first - 1
    } else {
        first
    };
    used[first..=last].fill(true);
    Some(share)
}

/// "by one stop", "two stops", "half a stop", "1.5 stops": the number of stops, its words
/// marked used; the direction comes from the exposure words of the clause.
fn stop_count(words: &[&str], used: &mut [bool]) -> Option<f32> {
    let at = words
        .iter()
        .position(|word| matches!(*word, "stop" | "stops"))?;
    let number = |word: &str| -> Option<f32> {
        match word {
            "one" | "a" | "an" => Some(1.0),
            "two" => Some(2.0),
            "three" => Some(3.0),
            "half" => Some(0.5),
            other => other
                .parse::<f32>()
                .ok()
                .filter(|n| n.is_finite() && *n > 0.0),
        }
    };
    let part = |word: &str| match word {
        "half" | "halves" => Some(0.5),
        "third" | "thirds" => Some(1.0 / 3.0),
        "quarter" | "quarters" => Some(0.25),
        _ => None,
    };
    // "a third of a stop", "two thirds of a stop", "a quarter stop" ("a" counts one).
    let before = &words[..at];
    let parted = before
        .iter()
        .rposition(|word| part(word).is_some())
        .filter(|&share_at| matches!(&before[share_at + 1..], [] | ["of"] | ["of", "a"]))
        .and_then(|share_at| {
            let share = part(before[share_at])?;
            Some(
                match share_at
                    .checked_sub(1)
                    .and_then(|i| number(before[i]).map(|n| (n, i)))
                {
                    Some((many, first)) => (many * share, first),
                    None => (share, share_at),
                },
            )
        });
    // "half a stop": the number is two words back.
    let (count, first) = match parted {
        Some(found) => found,
        None => match (
            at.checked_sub(2).map(|i| words[i]),
            words.get(at.wrapping_sub(1)),
        ) {
            (Some("half"), Some(&"a")) => (0.5, at - 2),
            (_, Some(word)) if at > 0 => (number(word)?, at - 1),
            _ => return None,
        },
    };
    used[first..=at].fill(true);
    if first > 0 && words[first - 1] == "by" {
        used[first - 1] = true;
    }
    Some(count)
}

/// The largest exposure change in stops a prompt may ask for: past it the picture is all
/// black or all white.
const MAX_STOPS: f32 = 3.0;

/// The exposure change, in stops, that multiplies the video signal by `gain` ("20 %
/// brighter" is a gain of 1.2), within [`MAX_STOPS`] either way.
fn stops_for_gain(gain: f32) -> f32 {
    (2.2 * gain.log2()).clamp(-MAX_STOPS, MAX_STOPS)
}

/// Refusal reasons given from more than one place.
const SOUND_IS_KEPT_OR_MUTED: &str = "the sound can only be kept or muted (\"mute the sound\", or audio_setting); it cannot be edited or added to";
const REFERENCE_LOOK_NOT_MATCHED: &str = "matching the look of the reference image (its colours or style) is not supported: the reference image can be the new background (\"replace the background with the reference image\") or give a garment its colour";
const REFERENCE_USED_AS_IS: &str = "the reference image is used as the backdrop as it is, or defocused (\"the reference photo, slightly blurred\"); turning it black and white, regrading it or taking its colour is not supported";
const APPEARANCE_KEPT: &str = "hair, skin, eyes and faces are left as they are: changing a person's appearance is not supported; the subject can have its garments recoloured, its background replaced, or its colours regraded as a whole (\"make the person brighter\")";
const GARMENT_PICKED_BY_POSITION: &str = "a garment is recoloured on every subject in the picture: picking one person by position is not supported";
const PICKED_BY_POSITION: &str = "an edit of the subject applies to every subject in the picture: picking one person by position is not supported";
const ONE_PERSON_OF_SEVERAL: &str = "one person cannot be told from another: an edit of the subject (a recolour, a grade, the background around it) applies to every person or moving subject in the frame alike";
const NO_OBJECT_REMOVAL: &str = "removing objects or people is not supported; the background as a whole can be replaced (with the reference image, a colour, a gradient or a blur)";

/// Why a clause cannot be performed, phrased for the user.
fn refusal_reason(words: &[&str], unknown: &str) -> String {
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
        "changes of timing (speed, slow motion, reverse, frame rate) are not supported; the clip can be trimmed from its start, in the prompt (\"trim it to 8 seconds\", \"only the first 5 seconds\") or by the request's duration".into()
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
            return format!("\"{unknown}\" is not an edit this engine performs");
        };
        if ITEMS.contains(&object) {
            // "make his shirt red except the collar": the garment is known, the rest is not.
            return format!("\"{unknown}\" is not an edit this engine performs: a garment is recoloured as a whole (\"make his {object} red\")");
        }
        format!("only the moving subject's garments and what it carries (a bag, a ball, a car it drives) can be recoloured, and \"{object}\" is not one of them; the background as a whole can be replaced or regraded (\"make the background blue\", \"a warmer background\")")
    } else if has(SUBJECT_WORDS) && has(STAND_OUT) {
        // "make the person stand out": a wish, with several ways to grant it.
        "making the subject stand out can be done in several ways; say which: blur the background, darken or desaturate it (\"make the background darker\"), brighten the subject (\"make the person brighter\"), or keep only the subject's colours (\"make everything black and white except the person\")".into()
    } else if has(SUBJECT_WORDS) {
        "changing a person's face, body, expression, pose or motion is not supported; the subject can have its garments recoloured, its background replaced, or its colours regraded (\"make the person brighter\", \"make her warmer\")".into()
    } else {
        format!("\"{unknown}\" is not an edit this engine performs")
    }
}

// ---------------------------------------------------------------------------------------
// Background replacement.

const SUBJECT_WORDS: &[&str] = &[
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

const BACKGROUND_NOUNS: &[&str] = &[
    "background",
    "backgrounds",
    "backdrop",
    "bg",
    "scenery",
    "surroundings",
];

const BACKGROUND_STRUCTURE: &[&str] = &[
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
const STAND_OUT: &[&str] = &[
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

const BLUR_WORDS: &[&str] = &[
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

const GRADIENT_WORDS: &[&str] = &["gradient", "gradients", "graded", "ombre"];

const REFERENCE_WORDS: &[&str] = &[
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

const REMOVE_WORDS: &[&str] = &["remove", "removed", "delete", "erase", "rid", "cut"];

fn background_edit(
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
        let subject = if matches!(three[1], "the" | "a" | "this") {
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
        // golden-hour regrade "make the background golden hour" asks for.
        if i > 0
            && matches!(words[i - 1], "a" | "an")
            && matches!(
                words[i],
                "sunset" | "sunrise" | "dusk" | "dawn" | "twilight"
            )
        {
            i += len;
            continue;
        }
        let modifier = i
            .checked_sub(1)
            .filter(|&j| !used[j])
            .and_then(|j| direction(words[j]).map(|sign| (j, sign)));
        let phrase = words[modifier.map_or(i, |(j, _)| j)..i + len].join(" ");
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
fn grey_background_edit(
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

fn darker(colour: &NamedColour) -> NamedColour {
    NamedColour {
        name: format!("dark {}", colour.name),
        rgb: colour.rgb.map(|c| (f32::from(c) * 0.35) as u8),
    }
}

// ---------------------------------------------------------------------------------------
// Garment and object recolour.

const ITEMS: &[&str] = &[
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

const RECOLOUR_STRUCTURE: &[&str] = &[
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

/// "black and white except the red", "keep only the reds", "remove all colour but blue",
/// "colour splash in yellow": a colour splash. Needs a word that sets one colour apart
/// ("except", "but", "only", "splash", ...) followed by a named colour; everything else in
/// the clause must be words of this pattern, or the clause is left to the other rules (and
/// refused there if nothing understands it).
fn splash_edit(words: &[&str], used: &mut [bool]) -> Option<Operation> {
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
fn split_tone_edit(words: &[&str], used: &mut [bool]) -> Option<Operation> {
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

/// "duotone blue and pink", "a two tone orange and teal look": the picture's colour
/// replaced by two colours along its tonal range, the darker of the two in the shadows.
fn duotone_edit(
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
fn hue_saturation_edit(words: &[&str], used: &mut [bool]) -> Option<Operation> {
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
fn scene_band(word: &str) -> Option<&'static str> {
    match word {
        "sky" | "skies" | "sea" | "ocean" | "lake" | "water" | "river" => Some("blue"),
        "grass" | "lawn" | "foliage" | "leaves" | "trees" | "greenery" | "vegetation"
        | "plants" | "forest" | "jungle" | "meadow" => Some("green"),
        _ => None,
    }
}

fn scene_named(words: &[&str]) -> bool {
    (0..words.len()).any(|i| {
        scene_band(words[i]).is_some()
            && colours::match_words(&words[i..]).is_none_or(|(_, len)| len < 2)
    })
}

/// Verbs and particles of a split-tone clause.
const SPLIT_TONE_STRUCTURE: &[&str] = &[
    "tint", "tinted", "tone", "toned", "toning", "split", "push", "pushed", "shift", "shifted",
    "move", "towards", "toward", "up", "down", "colour", "color", "coloured", "colored", "grade",
    "graded", "more", "bit", "touch", "hint",
];

/// Whether every word of a clause is either marked as part of a pattern or filler.
fn understood(words: &[&str], marks: &[bool]) -> bool {
    words
        .iter()
        .zip(marks)
        .all(|(word, marked)| *marked || is_filler(word))
}

/// Words that set one colour apart from the rest.
const SPLASH_APART: &[&str] = &[
    "except",
    "but",
    "only",
    "apart",
    "save",
    "splash",
    "selective",
];
/// Words that keep the one colour ("keep only the red").
const SPLASH_KEEP: &[&str] = &["keep", "kept", "keeping", "leave", "leaving", "left"];
/// Words for the rest of the picture losing its colour.
const SPLASH_GREY: &[&str] = &[
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
const SPLASH_STRUCTURE: &[&str] = &[
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

fn recolour_edit(
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
fn garment_adjustment(words: &[&str], used: &[bool]) -> Option<(f32, f32, Vec<usize>)> {
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

/// A clause that goes on about the garment just recoloured: "make it darker", "and more
/// vibrant", "a bit lighter": its saturation and brightness change, when it names nothing
/// else (no other garment, person, background or the whole picture).
fn garment_follow_up(words: &[String]) -> Option<(f32, f32)> {
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
    if elsewhere || (verb && !refers) {
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
fn adjust_target(
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
const GARMENT_KINDS: &[&[&str]] = &[
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
fn identifying_garment(words: &[&str]) -> Option<usize> {
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
const SHADE_WORDS: &[&str] = &[
    "dark", "light", "pale", "deep", "soft", "baby", "neon", "muted", "dusty", "matte", "warmer",
    "cooler", "pastel", "electric", "dull", "faded",
];

/// Words in front of a garment that tell it apart ("the dark dress", "her long coat").
const GARMENT_DESCRIPTORS: &[&str] = &[
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
const PERSON_DESCRIPTORS: &[&str] = &[
    "old", "older", "elderly", "young", "younger", "tall", "short", "little", "small", "big",
    "cool", "happy", "smiling", "dancing", "walking", "running", "talking", "main", "other",
    "first", "second",
];

const GARMENT_OCCASIONS: &[&str] = &[
    "evening", "cocktail", "party", "formal", "casual", "ball", "wedding",
];

fn same_garment(a: &str, b: &str) -> bool {
    a == b
        || GARMENT_KINDS
            .iter()
            .any(|kind| kind.contains(&a) && kind.contains(&b))
}

/// "pastel pink", "a darker shade of red": the colour named at `at`, lightened or darkened
/// by the word in front of it, and the indices of the words that said so. Without such a
/// word the garment would get the plain colour and the word would grade the whole picture.
fn shaded(words: &[&str], at: usize, colour: NamedColour) -> (NamedColour, Vec<usize>) {
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

// ---------------------------------------------------------------------------------------
// Effects.

#[derive(Debug, Clone, PartialEq)]
enum EffectKind {
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
static FRAME_SHAPES: std::sync::LazyLock<Vec<(String, &'static str)>> =
    std::sync::LazyLock::new(|| {
        const RATIOS: [(&str, &str, &[&str]); 7] = [
            ("9:16", "ratio9by16", &["vertical", "portrait"]),
            ("16:9", "ratio16by9", &["widescreen", "landscape"]),
            ("1:1", "ratio1by1", &["square"]),
            ("4:3", "ratio4by3", &["fullscreen"]),
            ("3:4", "ratio3by4", &["portrait", "vertical"]),
            // Instagram's portrait post, by its ratio only.
            ("4:5", "ratio4by5", &[]),
            ("5:4", "ratio5by4", &[]),
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
                // "vertical 3:4 crop", "portrait 9:16"
                phrases.push((format!("{name} {token}"), ratio));
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
type EffectPhrase = (&'static str, fn() -> EffectKind);

const EFFECTS: &[EffectPhrase] = &[
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
fn matrix_green() -> NamedColour {
    colours::by_name("green").expect("green is a named colour")
}

/// Words that, in front of an effect, ask for less of it (or remove it).
fn direction(word: &str) -> Option<f32> {
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

fn negation(word: &str) -> bool {
    matches!(
        word,
        "no" | "without" | "not" | "dont" | "never" | "avoid" | "zero"
    )
}

/// Intensity words, as a 0..=1 strength (0.6 when none is given).
fn intensity(word: &str) -> Option<f32> {
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

const STRENGTH_DEFAULT: f32 = 0.6;

/// The strength of an effect asked for "but not too" much.
const LIGHT: f32 = 0.3;

/// An intensity word after `previous` (if any): "very heavy" is heavier than either, "a
/// little bit" is as light as one, and "very slightly" lighter than "slightly".
fn stack_intensity(previous: Option<f32>, next: f32) -> f32 {
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

struct Effect {
    kind: EffectKind,
    level: f32,
    negated: bool,
    /// "not too faded": the effect is wanted, but gently (see [`Compiled::moderated`]).
    moderated: bool,
    /// Asked to take out of the footage ("remove the vignette", "less vintage") something
    /// this engine can only add.
    irreversible: bool,
    phrase: String,
}

fn longest_effect(words: &[&str]) -> Option<(EffectKind, usize)> {
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

fn is_texture_or_style(words: &[&str]) -> bool {
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
fn match_effects(words: &[&str], used: &mut [bool]) -> Vec<Effect> {
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
        let adjustable = matches!(
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
fn resolve(
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
    fn operations(&self, s: f32) -> Vec<Operation> {
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
fn old_film(colour: Operation, s: f32, scale: f32) -> Vec<Operation> {
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

fn levels_for(strength: f32) -> u8 {
    if strength < 0.45 {
        8
    } else if strength < 0.8 {
        5
    } else {
        3
    }
}

/// Effects a negative-prompt clause rules out, as operation names, and the words of the
/// clause that named none.
/// The identities a negative clause rules out, those it rules out only as parts of a bundle
/// ("8mm film" is a vintage look, gate weave, flicker, grain and a vignette), and the words
/// it left unread.
fn negative_clause(clause: &Clause) -> (Vec<String>, Vec<String>, String) {
    // "too dark" names the outcome to avoid: darkening. "too" must not turn it round as it
    // does in a prompt ("it is too dark": brighten).
    let words: Vec<&str> = clause
        .words
        .iter()
        .map(String::as_str)
        .filter(|word| *word != "too")
        .collect();
    let mut used = vec![false; words.len()];
    // Faults of exposure ("overexposed", "blown out highlights") rule out no edit: the
    // exposure curve rolls highlights off instead of clipping them, and a brightening asked
    // for in the prompt stays. They are kept as avoided.
    for (i, word) in words.iter().enumerate() {
        if matches!(
            *word,
            "overexposed" | "underexposed" | "blown" | "clipped" | "clipping"
        ) {
            used[i] = true;
        }
    }
    let faults: Vec<&str> = words
        .iter()
        .zip(&used)
        .filter(|(_, used)| **used)
        .map(|(word, _)| *word)
        .collect();
    let mut names = Vec::new();
    // "colour bleeding", "scanlines", "chromatic aberration" as faults: the VHS look is made
    // of bleeding colour, scanlines and noise, so ruling them out rules it out (listed as
    // already avoided, the plan claimed to avoid what it drew).
    for (i, word) in words.iter().enumerate() {
        let vhs_part = matches!(*word, "bleed" | "bleeding" | "scanline" | "scanlines")
            && (i == 0 || !used[i - 1] || matches!(words[i - 1], "color" | "colour" | "chroma"));
        if vhs_part {
            used[i] = true;
            if i > 0 && matches!(words[i - 1], "color" | "colour" | "chroma") {
                used[i - 1] = true;
            }
            names.extend(
                EffectKind::Vhs
                    .operations(STRENGTH_DEFAULT)
                    .iter()
                    .map(Operation::identity),
            );
        }
    }
    let mut parts = Vec::new();
    for effect in match_effects(&words, &mut used) {
        // "remove the grain", "less grain": a negative prompt lists what should not appear,
        // whatever verb it uses.
        let kind = match effect.kind {
            EffectKind::Denoise => EffectKind::Grain,
            EffectKind::CounterTint(colour) => EffectKind::Tint(colour),
            other => other,
        };
        let operations = kind.operations(STRENGTH_DEFAULT);
        let ruled_out = operations.iter().map(Operation::identity);
        if operations.len() > 1 {
            parts.extend(ruled_out);
        } else {
            names.extend(ruled_out);
        }
    }
    let rest: Vec<&str> = faults
        .into_iter()
        .chain(
            words
                .iter()
                .zip(&used)
                .filter(|(word, used)| !**used && !is_filler(word))
                .map(|(word, _)| *word),
        )
        .collect();
    (names, parts, rest.join(" "))
}

/// A negative prompt's clause that rules out too much of an effect rather than the effect
/// ("too much grain", "heavy grain", "an excessive vignette"): the effects it names, to
/// be made gentle where the prompt asks for them. `None` for other clauses.
fn excess_effects(clause: &Clause) -> Option<Vec<EffectKind>> {
    const EXCESS: [&str; 16] = [
        "much",
        "heavy",
        "strong",
        "excessive",
        "overly",
        "intense",
        "overdone",
        "exaggerated",
        // "large clumpy grain", "full sepia", "harsh vignette": too much of it.
        "full",
        "large",
        "clumpy",
        "big",
        "thick",
        "harsh",
        "obvious",
        "noticeable",
    ];
    // "oversaturated", "over-sharpened": the excess in one word. "digital noise", "colour
    // noise": a defect of the footage, not the film grain the prompt may ask for (read as
    // grain ruled out, "grain 40%" with "digital noise" in negative_prompt was refused).
    let overdone = clause.words.iter().any(|word| {
        word.len() > 6
            && word.starts_with("over")
            && !matches!(word.as_str(), "overlay" | "overall")
    });
    // ("digital noise" is "noise" by now.)
    let defect_noise = clause
        .words
        .iter()
        .any(|word| matches!(word.as_str(), "noise" | "noisy"))
        && !clause
            .words
            .iter()
            .any(|word| matches!(word.as_str(), "grain" | "grainy" | "film"));
    // "the vignette shouldn't be too dark", "grain not too strong": the effect, gently.
    let too = clause.words.iter().position(|word| word == "too");
    if !overdone
        && !defect_noise
        && too.is_none()
        && !clause
            .words
            .iter()
            .any(|word| EXCESS.contains(&word.as_str()))
    {
        return None;
    }
    let words: Vec<&str> = clause
        .words
        .iter()
        .map(|word| match word.strip_prefix("over") {
            Some(rest)
                if overdone
                    && rest.len() > 2
                    && !matches!(word.as_str(), "overlay" | "overall") =>
            {
                rest
            }
            _ => word.as_str(),
        })
        .enumerate()
        // (What it is too much of says how, not what: "too dark" is not a darkening.)
        .filter(|&(at, word)| {
            !matches!(word, "too" | "so")
                && !EXCESS.contains(&word)
                && too.is_none_or(|too| at != too + 1)
        })
        .map(|(_, word)| word)
        .collect();
    let mut used = vec![false; words.len()];
    let mut kinds: Vec<EffectKind> = match_effects(&words, &mut used)
        .into_iter()
        .map(|effect| match effect.kind {
            EffectKind::Denoise => EffectKind::Grain,
            other => other,
        })
        .collect();
    // "don't make it too dark" with nothing else named: the excess is of what "too" names,
    // so a darkening the prompt asks for is made gentle, not refused as a contradiction.
    if let (true, Some(too)) = (kinds.is_empty(), too) {
        let after: Vec<&str> = clause.words[too + 1..].iter().map(String::as_str).collect();
        let mut used = vec![false; after.len()];
        kinds = match_effects(&after, &mut used)
            .into_iter()
            .map(|effect| effect.kind)
            .collect();
    }
    (!kinds.is_empty()).then_some(kinds)
}

/// Words that carry no instruction of their own.
fn is_filler(word: &str) -> bool {
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
