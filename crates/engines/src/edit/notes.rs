//! Director's notes: the sentences of a prompt that say what the footage is, who is writing
//! or what light it was shot in, beside the sentences that ask for edits. "Travel vlog
//! footage of a market in Marrakech, lots of spices and fabrics, harsh midday sun. I want it
//! punchier, so boost saturation moderately and add a subtle warm tint." Read clause by
//! clause, the first sentence was a request, and its scene words refused the whole prompt
//! (149 of 150 such prompts written by a helper session were refused).
//!
//! A sentence is context when it asks for nothing (no request word: no verb of editing, no
//! "I want", "please", "should", ...) and shows it is about the footage: a footage noun
//! ("footage of", "clip of", "music video,"), someone doing something ("a woman reading in a
//! café"), a describing verb ("the walls are white", "we shot it at night"), the light it
//! was shot in ("soft window light") or who is writing ("Film student:", "Music video
//! director here."). Context is kept out of the plan and listed in `result.plan.context`,
//! so a user sees what was read as description. A prompt whose every sentence would be
//! context is left whole for the compiler, which reads a lone description as the request
//! it implies or refuses it.

/// The prompt's request sentences, and the sentences read as context.
pub(super) struct Notes {
    pub requests: String,
    pub context: Vec<String>,
}

/// Splits director's notes; `None` when there is nothing to split off.
pub(super) fn split(prompt: &str) -> Option<Notes> {
    let mut requests = Vec::new();
    let mut context = Vec::new();
    for sentence in sentences(prompt) {
        // "Fashion brand social team here: model in a red trench coat ...": who is writing,
        // then the sentence.
        let (intro, rest) = match sentence.split_once(':') {
            Some((intro, rest)) if is_speaker(intro) => (Some(intro.trim()), rest.trim()),
            _ => (None, sentence.trim()),
        };
        if let Some(intro) = intro {
            context.push(intro.to_owned());
        }
        if rest.is_empty() {
            continue;
        }
        // (After who is writing, what they describe: "Film student: a man on a bench.")
        if is_context(rest) || (intro.is_some() && !asks(&words(rest))) {
            context.push(rest.trim_end_matches(['.', '!', '?']).to_owned());
        } else {
            requests.push(rest.to_owned());
        }
    }
    (!context.is_empty() && !requests.is_empty()).then(|| Notes {
        requests: requests.join(" "),
        context,
    })
}

/// Sentences end at `.`, `!` or `?` followed by a space or the end ("0.5" is not an end).
fn sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    for (i, &byte) in bytes.iter().enumerate() {
        let ends = matches!(byte, b'.' | b'!' | b'?')
            && bytes
                .get(i + 1)
                .is_none_or(|next| next.is_ascii_whitespace());
        if ends {
            let sentence = text[start..=i].trim();
            if !sentence.is_empty() {
                out.push(sentence);
            }
            start = i + 1;
        }
    }
    let last = text[start..].trim();
    if !last.is_empty() {
        out.push(last);
    }
    out
}

fn words(text: &str) -> Vec<String> {
    text.to_lowercase()
        .replace(['\u{2019}', '\u{2018}'], "'")
        .split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .filter(|word| !word.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Words that ask for something: no sentence with one of them is context.
fn asks(words: &[String]) -> bool {
    let at = |i: usize| words.get(i).map(String::as_str);
    words.iter().enumerate().any(|(i, word)| {
        matches!(
            word.as_str(),
            "make"
                | "add"
                | "give"
                | "apply"
                | "turn"
                | "replace"
                | "swap"
                | "recolour"
                | "recolor"
                | "change"
                | "boost"
                | "increase"
                | "reduce"
                | "lower"
                | "raise"
                | "lift"
                | "sharpen"
                | "blur"
                | "soften"
                | "brighten"
                | "darken"
                | "desaturate"
                | "saturate"
                | "mute"
                | "remove"
                | "convert"
                | "push"
                | "pull"
                | "bring"
                | "drop"
                | "tint"
                | "grade"
                | "crush"
                | "dial"
                | "knock"
                | "put"
                | "set"
                | "use"
                | "keep"
                | "don't"
                | "dont"
                | "avoid"
                | "want"
                | "need"
                | "needs"
                | "please"
                | "should"
                | "must"
                | "can"
                | "could"
                | "would"
                | "let's"
                | "try"
                | "go"
                | "stabilise"
                | "stabilize"
                | "slow"
                | "speed"
        ) || (matches!(word.as_str(), "warm" | "cool") && matches!(at(i + 1), Some("it" | "down" | "up" | "the" | "everything")))
            // "I'd like", "we'd love".
            || (matches!(word.as_str(), "like" | "love") && matches!(i.checked_sub(1).and_then(at), Some("i'd" | "we'd" | "i" | "we")))
    })
}

/// Who is writing: "Film student", "Ad agency producer", "Music video director here".
fn is_speaker(intro: &str) -> bool {
    // Who writes, or what the notes are ("Brief:", "Context:"). Not a setting's name:
    // "Look: noir. Grain: heavy. Audio: mute." is three settings (read as a writer's
    // intros, the look and the grain were dropped as context), and "Weather: clear skies"
    // asks for something.
    const WHO: &[&str] = &[
        "here",
        "team",
        "director",
        "student",
        "editor",
        "producer",
        "brand",
        "client",
        "agency",
        "colourist",
        "colorist",
        "creator",
        "youtuber",
        "photographer",
        "videographer",
        "filmmaker",
        "owner",
        "manager",
        "marketer",
        "vlogger",
        "influencer",
        "artist",
        "designer",
        "company",
        "studio",
        "shop",
        "business",
        "teacher",
        "coach",
        "band",
        "musician",
        "singer",
        "dj",
        "me",
        "i",
        "we",
        "my",
        "our",
        "brief",
        "context",
        "notes",
        "note",
        "project",
        "description",
        "scene",
        "footage",
        "clip",
        "video",
        "shot",
        "setting",
        "story",
        "info",
        "about",
        "for",
        "cut",
        "version",
        "deliverable",
    ];
    let words = words(intro);
    (1..=6).contains(&words.len())
        && !asks(&words)
        && !words
            .iter()
            .any(|word| word.chars().any(|c| c.is_ascii_digit()))
        && words.iter().any(|word| WHO.contains(&word.as_str()))
}

/// "Travel vlog footage of a market", "Interview clip of a chef", "Music video, ...": words
/// that say the sentence is about the clip itself, near its start or before "of".
pub(super) fn says_it_is_the_clip(words: &[&str]) -> bool {
    const FOOTAGE: &[&str] = &[
        "footage",
        "clip",
        "shot",
        "video",
        "vlog",
        "recording",
        "reel",
        "interview",
        "walkthrough",
        "montage",
        "timelapse",
        "commercial",
        "documentary",
        "sequence",
        "scene",
        "project",
        "short",
    ];
    words
        .iter()
        .enumerate()
        .any(|(i, word)| FOOTAGE.contains(word) && (words.get(i + 1) == Some(&"of") || i <= 3))
}

fn is_context(sentence: &str) -> bool {
    let words = words(sentence);
    if words.is_empty() || asks(&words) {
        return false;
    }
    // "Her skin should stay where it is." asks for skin to be kept out of the grade.
    let plain: Vec<&str> = words.iter().map(String::as_str).collect();
    if super::prompt::keeps_skin(&plain) {
        return false;
    }
    let has = |candidates: &[&str]| words.iter().any(|word| candidates.contains(&word.as_str()));
    // "Music video director here."
    let speaker = words.last().is_some_and(|word| word == "here") && words.len() <= 6;
    let footage = says_it_is_the_clip(&plain);
    // "The couple dancing as paper lanterns float up into the sky behind them.": what the
    // picture should gain, written as a description; left to the request rules to refuse.
    // (A sentence that says it is the footage, or who is speaking, is trusted: "Clip of a
    // corgi playing in autumn leaves".)
    let marked = footage
        || speaker
        || has(&[
            "student",
            "director",
            "editor",
            "filmmaker",
            "i",
            "we",
            "my",
            "our",
        ]);
    if !marked && super::prompt::names_new_content(&plain) {
        return false;
    }
    // "a woman reading in a café", "kids running through sprinklers", "me walking".
    const NOT_ACTIONS: &[&str] = &[
        "lighting",
        "morning",
        "evening",
        "building",
        "clothing",
        "painting",
        "something",
        "nothing",
        "anything",
        "everything",
        "sharpening",
        "grading",
        "setting",
        "ring",
        "king",
        "spring",
        "thing",
        "string",
        "ceiling",
        "wedding",
        "during",
        "bring",
    ];
    let action = words.iter().any(|word| {
        word.len() > 4 && word.ends_with("ing") && !NOT_ACTIONS.contains(&word.as_str())
    });
    // "the walls are white", "we shot it at night", "the band plays in a tunnel".
    let describing = has(&[
        "is", "are", "was", "were", "shot", "filmed", "recorded", "lit", "looks", "has", "had",
        "plays", "sits", "stands", "walks", "wears",
    ]);
    // "soft window light", "harsh midday sun", "afternoon shade".
    let light = has(&[
        "sun",
        "light",
        "lights",
        "lamp",
        "lamps",
        "daylight",
        "afternoon",
        "midday",
        "noon",
        "shade",
    ]);
    speaker || footage || action || describing || light
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn descriptions_and_speakers_are_context() {
        let notes = split(
            "Travel vlog footage of a market in Marrakech, lots of spices, harsh midday sun. \
             I want it punchier, so boost saturation moderately. Film student: a man on a \
             bench. Music video director here.",
        )
        .expect("context found");
        assert_eq!(
            notes.requests,
            "I want it punchier, so boost saturation moderately."
        );
        assert_eq!(
            notes.context,
            [
                "Travel vlog footage of a market in Marrakech, lots of spices, harsh midday sun",
                "Film student",
                "a man on a bench",
                "Music video director here"
            ]
        );
    }

    #[test]
    fn requests_without_a_verb_stay_requests() {
        // No footage noun, no one doing anything: a request said as a noun phrase.
        assert!(split("Black and white with heavy grain. A soft vignette.").is_none());
        // A description alone is left to the compiler.
        assert!(split("A woman reading in a café.").is_none());
        // A sentence that asks is never context, whatever it describes.
        let notes = split("Clip of my dog. Make the dog's collar red, please. Shot at noon.")
            .expect("context found");
        assert_eq!(notes.requests, "Make the dog's collar red, please.");
    }
}
