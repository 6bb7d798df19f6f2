//! Whole-text rewrites before the prompt is split into clauses: the ways people write an
//! edit (slider values, brand colours, chat, brief headings, complaints) brought to the
//! plain phrasing the clause reader knows. Each is a text-to-text pass with the examples it
//! exists for.

use super::*;

/// The first of `phrases` in `text` from byte `from` on, the longest where two start at
/// the same place: where it starts, and which it is.
fn earliest_of<'p>(text: &str, from: usize, phrases: &[&'p str]) -> Option<(usize, &'p str)> {
    phrases
        .iter()
        .filter_map(|phrase| text[from..].find(phrase).map(|k| (from + k, *phrase)))
        .min_by_key(|&(at, phrase)| (at, std::cmp::Reverse(phrase.len())))
}

/// Whether byte `at` of `text` starts a word (nothing alphanumeric just before it).
fn starts_a_word(text: &str, at: usize) -> bool {
    text[..at]
        .chars()
        .last()
        .is_none_or(|c| !c.is_alphanumeric())
}

/// "exposure +0.5", "exposure -1", "+1 ev", "-0.5ev": a signed number of stops, as a
/// photo editor's slider writes it, rewritten to words ("more exposure by 0.5 stops") before
/// the signs are lost with the other punctuation.
pub(super) fn signed_exposure(text: &str) -> String {
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
pub(super) fn temperatures(text: &str) -> String {
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
pub(super) fn bare_fix(text: &str) -> String {
    let mut text = text.to_owned();
    let end = text
        .trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '.' | '!' | '?'))
        .len();
    if text[..end].ends_with(" fix") {
        text.insert_str(end, " it");
    }
    text
}

/// "it's a night scene so make it darker", "this is a horror film so add grain": what comes
/// before "so" says why, and is a clause of its own, as it is after a comma (read with the
/// order, "night" graded day-for-night and "horror film" added the horror look).
pub(super) fn so_before_an_order(text: &str) -> String {
    let words: Vec<&str> = text.split(' ').collect();
    let mut out: Vec<String> = Vec::with_capacity(words.len());
    for (at, word) in words.iter().enumerate() {
        // ("so warm it up", "so cool it down": the colour verbs, with their object.)
        let colour_verb = words.get(at + 1).is_some_and(|next| {
            matches!(*next, "warm" | "cool" | "tone")
                && words.get(at + 2).is_some_and(|then| {
                    matches!(*then, "it" | "up" | "down" | "the" | "everything")
                })
        });
        let order_follows = *word == "so"
            && at > 0
            && !out
                .last()
                .is_some_and(|before: &String| before.ends_with([',', '.', ';', '!', '?', ':']))
            && (colour_verb
                || words
                    .get(at + 1)
                    .is_some_and(|next| instructs(next) || *next == "please"));
        // "for my 80s synthwave video add a soft glow": the purpose opening the prompt ends
        // where the order starts, as if a comma were written (read as one clause, the
        // synthwave video's words were graded).
        let purpose_ends = words.first() == Some(&"for")
            && (2..=8).contains(&at)
            && instructs(word)
            && words[1..at].iter().all(|before| {
                !instructs(before) && !before.ends_with([',', '.', ';', '!', '?', ':'])
            });
        if order_follows || purpose_ends {
            if let Some(before) = out.last_mut() {
                before.push(',');
            }
        }
        out.push((*word).to_owned());
    }
    out.join(" ")
}

/// "Put a soft vignette on it": the effect added (read as "put", adding an object).
pub(super) fn put_on_it(text: &str) -> String {
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
            // "put a digital glitch effect on this clip".
            " on this",
            " on this clip",
            " on this video",
            " on the clip",
            " on the video",
            " on the footage",
        ]
        .iter()
        .filter_map(|end| rest.find(end).map(|k| (k, end.len())))
        .min_by_key(|&(k, len)| (k, std::cmp::Reverse(len))) else {
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

/// "Set the saturation to 50%", "set it to black and white", "set the look to noir": a
/// setting asked for with "set", as "make" (refused on "set"). Only opening a clause, with
/// "to" within four words ("the story is set in 1994" is no order).
pub(super) fn set_as_make(text: &str) -> String {
    let words: Vec<&str> = text.split(' ').collect();
    let mut out: Vec<&str> = Vec::with_capacity(words.len());
    for (at, word) in words.iter().enumerate() {
        let opens = at == 0
            || words[at - 1].ends_with([',', '.', ';', '!', '?', ':'])
            || matches!(words[at - 1], "and" | "then" | "please" | "also" | "just");
        let to_follows = words[at + 1..].iter().take(4).any(|next| *next == "to");
        if *word == "set" && opens && to_follows {
            out.push("make");
        } else {
            out.push(word);
        }
    }
    out.join(" ")
}

/// "Do" as the verb of an edit, as second-language prompts use it ("do the video more dark",
/// "can you do it black and white", "do more film grain"): "make". Not in questions or
/// negations ("what do you think", "do not add grain").
pub(super) fn do_as_make(text: &str) -> String {
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
pub(super) fn chat_spelling(text: &str) -> String {
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
pub(super) fn conversational(text: &str) -> String {
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
    // ("If you can't blur the background, just make it black and white": the condition
    // names the first choice itself, which stays; the fallback after its comma goes. The
    // whole sentence went, and the prompt was refused as naming no edit.)
    for fallback in [
        "if you can't,",
        "if you cant,",
        "if you can't ",
        "if you cant ",
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
            let first_choice = fallback
                .ends_with(' ')
                .then(|| &text[at + fallback.len()..end])
                .and_then(|rest| rest.split_once(','))
                .map(|(choice, _)| choice.trim().to_owned())
                // ("If you can't do grain for some reason, then ...": the choice was made
                // before; only one said with its own verb is restated.)
                .filter(|choice| {
                    choice.split_whitespace().count() >= 2
                        && !matches!(
                            choice.split_whitespace().next(),
                            Some("do" | "manage" | "get" | "make" | "pull")
                        )
                });
            text.replace_range(at..end, first_choice.as_deref().unwrap_or(""));
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
pub(super) fn brief_furniture(text: &str) -> String {
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
    // "shot on super 8, looks really soft, sharpen it": beside an order the film is what
    // the footage was shot on, and a style tag only in a list of them (read as a tag, the
    // 8mm look was added to the sharpening).
    let segments: Vec<&str> = text.split_inclusive([',', '.', ';', '!', '?']).collect();
    let ordered = |segment: &str| {
        segment
            .split_whitespace()
            .map(bare_word)
            .find(|word| !matches!(*word, "and" | "then" | "please" | "just" | "so" | "-"))
            .is_some_and(instructs)
    };
    let mut out = String::with_capacity(text.len());
    let mut first = true;
    for (at, segment) in segments.iter().enumerate() {
        let segment = *segment;
        let order_beside = segments
            .iter()
            .enumerate()
            .any(|(k, other)| k != at && ordered(other));
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
            if !order_beside
                && rest
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
pub(super) fn brand_colours(text: &str) -> String {
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
pub(super) fn excess_as_complaint(text: &str) -> String {
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
pub(super) fn colours_they_are(text: &str) -> String {
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
pub(super) fn levels_as_changes(text: &str) -> String {
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
pub(super) fn replace_words(text: &str, from: &str, to: &str) -> String {
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
pub(super) fn sound_muted(text: &str) -> String {
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
pub(super) fn clip_references(text: &str) -> String {
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
                                // "the opening shot", "the last scene": one of several,
                                // not the clip.
                                | "first"
                                | "second"
                                | "third"
                                | "last"
                                | "final"
                                | "opening"
                                | "closing"
                                | "next"
                                | "middle"
                                | "previous"
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

/// "darken and desaturate the background", "blur and darken the background", "brighten and
/// warm up the subject": two verbs joined before one object both act on it (the first,
/// alone in its clause, darkened or blurred the whole picture).
pub(super) fn verbs_share_their_object(text: &str) -> String {
    const VERBS: &[&str] = &[
        "darken",
        "brighten",
        "lighten",
        "dim",
        "blur",
        "soften",
        "defocus",
        "desaturate",
        "saturate",
        "sharpen",
        "warm",
        "cool",
        "regrade",
    ];
    let ends = |word: &str| word.ends_with([',', '.', ';', '!', '?']);
    let words: Vec<&str> = text.split(' ').collect();
    let mut out: Vec<String> = Vec::with_capacity(words.len() + 4);
    let mut at = 0;
    while at < words.len() {
        let opens = at == 0 || ends(words[at - 1]);
        let pair = opens
            && VERBS.contains(&words[at])
            && words.get(at + 1) == Some(&"and")
            && words.get(at + 2).is_some_and(|next| VERBS.contains(next));
        if pair {
            // The object runs to the end of the second verb's clause.
            let mut end = at + 3;
            while end < words.len() && !ends(words[end - 1]) && words[end] != "and" {
                end += 1;
            }
            let object: Vec<&str> = words[at + 3..end]
                .iter()
                .map(|word| bare_word(word))
                .collect();
            let names_one = object.iter().any(|word| {
                BACKGROUND_NOUNS.contains(word)
                    || SUBJECT_WORDS.contains(word)
                    || ITEMS.contains(word)
            });
            if names_one {
                out.push(words[at].to_owned());
                out.extend(object.iter().map(|word| (*word).to_owned()));
                out.push("and".to_owned());
                out.extend(words[at + 2..end].iter().map(|word| (*word).to_owned()));
                at = end;
                continue;
            }
        }
        out.push(words[at].to_owned());
        at += 1;
    }
    out.join(" ")
}

/// "ignore the png", "pls disregard the pic", "don't use the attached photo for anything",
/// "(image attached for reference only, don't use it)": the reference image set aside,
/// which asks for nothing (each was refused on its verb). The edit then does not use it.
pub(super) fn reference_set_aside(text: &str) -> String {
    const VERBS: &[&str] = &[
        "ignore ",
        "disregard ",
        "don't use ",
        "dont use ",
        "do not use ",
        "not using ",
        "no need to use ",
        "you can ignore ",
    ];
    const OWNERS: &[&str] = &["the ", "this ", "that ", "my ", "our "];
    const IMAGES: &[&str] = &[
        "reference image",
        "reference photo",
        "reference",
        "ref",
        "attached photo",
        "attached image",
        "attached picture",
        "attached file",
        "attachment",
        "attached",
        "image",
        "photo",
        "picture",
        "pic",
        "png",
        "jpg",
        "jpeg",
        "file",
        "screenshot",
        "still",
    ];
    const AFTER: &[&str] = &[" for anything", " this time", " for now", " for this one"];
    let mut text = text.to_owned();
    let mut from = 0;
    while from < text.len() {
        let Some((at, verb)) = earliest_of(&text, from, VERBS) else {
            break;
        };
        let starts = starts_a_word(&text, at);
        let mut end = at + verb.len();
        if let Some(owner) = OWNERS.iter().find(|owner| text[end..].starts_with(*owner)) {
            end += owner.len();
        }
        let image = IMAGES.iter().find(|image| {
            text[end..].starts_with(*image)
                && text[end + image.len()..]
                    .chars()
                    .next()
                    .is_none_or(|c| !c.is_alphanumeric())
        });
        if let Some(image) = image.filter(|_| starts) {
            end += image.len();
            if let Some(after) = AFTER.iter().find(|after| text[end..].starts_with(*after)) {
                end += after.len();
            }
            // Only an aside that ends there: "ignore the image and replace the background
            // with it" contradicts itself, and "don't use the photo as a background" says
            // what for; both are left to be refused.
            let rest = text[end..].trim_start();
            let ends = rest.is_empty() || rest.starts_with([',', '.', ';', ':', '!', ')', '-']);
            if ends {
                text.replace_range(at..end, "");
                from = at;
                continue;
            }
        }
        from = at + verb.len();
    }
    for aside in [
        "image attached for reference only",
        "attached for reference only",
        "for reference only",
    ] {
        for ending in [", don't use it", ", dont use it", " - don't use it", ""] {
            text = replace_words(&text, &format!("{aside}{ending}"), "");
        }
    }
    text
}

/// "warm rather than cool", "instead of blurring the background, make it black and
/// white": the alternative turned down is not asked for, so it goes, up to the end of its
/// clause (a comma, a full stop, "and").
pub(super) fn without_alternatives(text: &str) -> String {
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
    // "the t-shirt should be black not grey", "make it navy, not black": the colour it is
    // now, or one turned down, beside the colour asked for ("not" was refused).
    let words: Vec<&str> = text.split(' ').collect();
    let mut kept: Vec<String> = Vec::with_capacity(words.len());
    let mut at = 0;
    while at < words.len() {
        let after_colour = kept.last().is_some_and(|last| {
            colours::by_name(bare_word(last)).is_some() && !last.ends_with(['.', '!', '?', ';'])
        });
        let turned_down = (after_colour && words[at] == "not")
            .then(|| colours::match_words(&leading_words(&words[at + 1..].join(" "), 3)))
            .flatten();
        if let Some((_, used)) = turned_down {
            // The clause ends where the turned-down colour ended it.
            let ending: String = words[at + used]
                .chars()
                .filter(|c| matches!(c, ',' | '.' | ';' | '!' | '?'))
                .collect();
            if let Some(last) = kept.last_mut() {
                *last = format!("{}{ending}", bare_word(last));
            }
            at += 1 + used;
            continue;
        }
        kept.push(words[at].to_owned());
        at += 1;
    }
    kept.join(" ")
}

/// "make it pink and blue", "red and black tones": two colours for the whole picture are a
/// colour scheme. Read as two tints they mixed into one muddy cast ("red and black" tinted
/// red and darkened). With black or white it is a duotone (the darker colour in the
/// shadows); otherwise a split tone, the darker colour in the shadows.
/// "A gradient from dark navy at the top to light blue at the bottom": the ends are where
/// a gradient's colours go anyway (top first); said, they read as a scene to describe.
pub(super) fn gradient_ends(text: &str) -> String {
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

pub(super) fn two_colour_schemes(text: &str) -> String {
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
pub(super) fn list_markers(text: &str) -> String {
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
pub(super) fn shade_comparatives(text: &str) -> String {
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
pub(super) fn signed_values_first(text: &str) -> String {
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
pub(super) fn tone_range_amounts(text: &str) -> String {
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
pub(super) fn tone_ranges_listed(text: &str) -> String {
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
pub(super) fn means_after_by(text: &str) -> String {
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
pub(super) fn complaints_share_their_verb(text: &str) -> String {
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
pub(super) fn colour_casts(text: &str) -> String {
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

/// "everything looks green", "the whole video is blue", "it seems kind of yellowish": the
/// footage's colour now, said as a fact, is a cast to take out, "everything is too green"
/// (read as asked, "everything looks green" tinted it greener, beside "fix the white
/// balance"). Only where the clause ends at the colour: "it looks blue and moody" describes
/// a look, and "make everything look green" asks for one.
pub(super) fn casts_described(text: &str) -> String {
    const SUBJECTS: &[&str] = &[
        "everything",
        "it",
        "it all",
        "the whole thing",
        "the video",
        "the whole video",
        "the clip",
        "the whole clip",
        "the footage",
        "the picture",
        "the image",
        "the colours",
        "the colors",
        "all of it",
    ];
    const VERBS: &[&str] = &[
        "looks",
        "is",
        "seems",
        "appears",
        "came out",
        "comes out",
        "is coming out",
        "has gone",
        "went",
        "turned out",
        "looks all",
        "is all",
    ];
    let mut text = text.to_owned();
    let mut from = 0;
    'scan: while from < text.len() {
        let Some((at, subject)) = earliest_of(&text, from, SUBJECTS) else {
            break;
        };
        let starts = starts_a_word(&text, at);
        // (Not "make everything look green": only a statement, at its clause's start.)
        let before = text[..at].trim_end();
        let opens = before.is_empty() || before.ends_with([',', '.', ';', '!', '(', ':']);
        let rest_at = at + subject.len();
        if !starts || !opens || !text[rest_at..].starts_with(' ') {
            from = rest_at;
            continue;
        }
        let rest = &text[rest_at + 1..];
        for verb in VERBS {
            let Some(after) = rest.strip_prefix(verb).and_then(|r| r.strip_prefix(' ')) else {
                continue;
            };
            let words = leading_words(after, 4);
            let skip = words
                .iter()
                .take_while(|word| {
                    intensity(word).is_some()
                        || matches!(
                            **word,
                            "kind" | "kinda" | "sort" | "of" | "all" | "so" | "way"
                        )
                })
                .count();
            let Some(word) = words.get(skip).map(|word| word.trim_end_matches(')')) else {
                continue;
            };
            let colour = colours::by_name(word)
                .or_else(|| word.strip_suffix("ish").and_then(colours::by_name))
                .or_else(|| {
                    // "yellowish", "bluish": the "e" or "w" dropped before "ish".
                    word.strip_suffix("ish")
                        .and_then(|stem| colours::by_name(&format!("{stem}e")))
                });
            let Some(colour) = colour else { continue };
            // The span up to the end of the colour's word, and what follows it.
            let offset = after.find(word).expect("a word of `after`") + word.len();
            let end_at = rest_at + 1 + verb.len() + 1 + offset;
            let tail = text[end_at..].trim_start();
            let ends = tail.is_empty()
                || tail.starts_with([',', '.', ';', '!', ')', '?'])
                || ["and ", "so ", "but ", "please"].iter().any(|joint| {
                    tail.strip_prefix(joint).is_some_and(|next| {
                        let next_word = leading_words(next, 1);
                        next_word
                            .first()
                            .is_none_or(|w| instructs(w) || *joint != "and ")
                    })
                });
            if !ends {
                continue;
            }
            let request = format!("everything is too {}", colour.name);
            text = format!("{}{request}{}", &text[..at], &text[end_at..]);
            from = at + request.len();
            continue 'scan;
        }
        from = rest_at;
    }
    text
}

/// "The whites look yellow": a colour cast, which the white balance takes out (read as
/// asked, it pushed the highlights further towards yellow). "The blacks are grey": lifted
/// blacks, which deeper shadows put back.
pub(super) fn tone_complaints(text: &str) -> String {
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
pub(super) fn exposure_complaints(text: &str) -> String {
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
pub(super) fn whole_scene_excepting(text: &str) -> String {
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

/// "desaturate everything except the dog", "everything but my son in black and white":
/// everything but the moving subject is the background, whoever the subject is (the
/// animal was refused as a thing that cannot be recoloured, the rest as "except").
pub(super) fn everything_but_the_subject(text: &str) -> String {
    if !text.contains("everything ") && !text.contains("all ") {
        return text.to_owned();
    }
    let mut text = text.to_owned();
    for whole in ["everything ", "all "] {
        for but in [
            "except for ",
            "except ",
            "but ",
            "apart from ",
            "other than ",
        ] {
            let pattern = format!("{whole}{but}");
            let mut from = 0;
            while let Some(at) = text[from..].find(&pattern).map(|k| from + k) {
                let starts = starts_a_word(&text, at);
                let rest = &text[at + pattern.len()..];
                let words = leading_words(rest, 2);
                let owner = words.first().is_some_and(|word| {
                    matches!(*word, "the" | "my" | "our" | "his" | "her" | "their")
                });
                let noun = words.get(usize::from(owner)).copied().unwrap_or("");
                let subject = MOVING_SUBJECTS.contains(&noun) || SUBJECT_WORDS.contains(&noun);
                if !starts || !subject || (!owner && !SUBJECT_WORDS.contains(&noun)) {
                    from = at + pattern.len();
                    continue;
                }
                let length: usize = words[..=usize::from(owner)]
                    .iter()
                    .map(|word| word.len() + 1)
                    .sum::<usize>()
                    - 1;
                let replacement = "the background";
                text = format!(
                    "{}{replacement}{}",
                    &text[..at],
                    &text[at + pattern.len() + length..]
                );
                from = at + replacement.len();
            }
        }
    }
    text
}

/// "make everything pink except her", "turn everything except him blue": the rest of the
/// scene tinted that colour, as "tint the background pink" says. Each thing in the scene
/// keeps its shading, where a flat pink backdrop would put nothing in its place. ("make the
/// background pink" names the background itself, and stays a backdrop.)
pub(super) fn everything_else_tinted(text: &str) -> String {
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
pub(super) fn mentions_and_hashtags(text: &str) -> String {
    text.split(' ')
        .filter(|word| !(word.starts_with('@') && word.len() > 1))
        .map(|word| {
            // "#ff6600": a colour's code, kept whole for the colour reader ("hexff6600").
            let code = word
                .strip_prefix('#')
                .map(|rest| rest.trim_end_matches([',', '.', ';', '!', '?', ')']))
                .filter(|digits| {
                    let hex = matches!(digits.len(), 3 | 6)
                        && digits.chars().all(|c| c.is_ascii_hexdigit());
                    // A hashtag that is a word spelt in hex letters ("#fab", "#bad",
                    // "#decade") is a word: a short code needs a digit or one letter
                    // thrice ("#fff"), and a long one that is a word is one. (The text is
                    // lower case by now.)
                    let digit = digits.chars().any(|c| c.is_ascii_digit());
                    let word = match digits.len() {
                        3 => !digit && !digits.chars().all(|c| digits.starts_with(c)),
                        _ => matches!(
                            *digits,
                            "accede"
                                | "beaded"
                                | "bedded"
                                | "dabbed"
                                | "decade"
                                | "deface"
                                | "efface"
                                | "facade"
                                | "fabbed"
                                | "deeded"
                        ),
                    };
                    hex && !word
                });
            match code {
                Some(_) => format!("hex{}", &word[1..]),
                None => word
                    .strip_prefix('#')
                    .filter(|rest| !rest.is_empty())
                    .unwrap_or(word)
                    .to_owned(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

pub(super) fn emoji_as_breaks(text: &str) -> String {
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
pub(super) fn film_of_the_decade(text: &str) -> String {
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
pub(super) fn aspect_ratios(text: &str) -> String {
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
pub(super) const RELATIONS: &[&str] = &[
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
pub(super) fn quality_segments(text: &str) -> String {
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
pub(super) fn run_on_questions(text: &str) -> String {
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
                            // "it's my wife walking": what the clip is, one clause (split, "it's"
                            // was left a clause of its own and refused on its "s").
                            | "it's"
                            | "its"
                            | "is"
                            | "was"
                            | "that's"
                            | "thats"
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

/// Amounts written as a reviewer's score or a fraction, brought to the numbers the readers
/// of amounts know: "grain 3/10" is a strength of 0.3 (out of ten or a hundred, as sliders
/// and briefs score an effect); "1/3 stop", "-1/2 ev" are 0.33 and 0.5 of a stop; "a full
/// stop" is one. Other fractions are left alone: "crop 4/5", "3/4" alone are frame shapes.
pub(super) fn amounts_as_numbers(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    while at < chars.len() {
        let starts_number = chars[at].is_ascii_digit()
            && (at == 0 || !(chars[at - 1].is_ascii_digit() || matches!(chars[at - 1], '.' | '/')));
        if starts_number {
            let digits = |from: usize| {
                (from..chars.len())
                    .take_while(|&k| chars[k].is_ascii_digit())
                    .count()
            };
            let top_len = digits(at);
            let slash = at + top_len;
            let bottom_len = if chars.get(slash) == Some(&'/') {
                digits(slash + 1)
            } else {
                0
            };
            let end = slash + 1 + bottom_len;
            let ends_number = chars
                .get(end)
                .is_none_or(|c| !c.is_ascii_digit() && *c != '.');
            if bottom_len > 0 && ends_number {
                let number = |from: usize, len: usize| {
                    chars[from..from + len]
                        .iter()
                        .collect::<String>()
                        .parse::<u32>()
                        .ok()
                };
                let (top, bottom) = (number(at, top_len), number(slash + 1, bottom_len));
                let after: String = chars[end..].iter().collect();
                let of_a_stop = ["stop", "ev", "f-stop"]
                    .iter()
                    .any(|unit| after.trim_start().starts_with(unit));
                let share = match (top, bottom) {
                    (Some(top), Some(bottom @ (10 | 100))) if top > 0 && top <= bottom => {
                        Some(f64::from(top) / f64::from(bottom))
                    }
                    (Some(top), Some(bottom @ 2..=4)) if top > 0 && top < bottom && of_a_stop => {
                        Some(f64::from(top) / f64::from(bottom))
                    }
                    _ => None,
                };
                if let Some(share) = share {
                    // To two places, with its point kept ("1.0"): a decimal is what the
                    // readers of amounts take for a share.
                    out.push_str(&format!("{:?}", (share * 100.0).round() / 100.0));
                    at = end;
                    continue;
                }
            }
        }
        out.push(chars[at]);
        at += 1;
    }
    let mut text = out;
    for (from, to) in [
        ("a full stop", "one stop"),
        ("a whole stop", "one stop"),
        ("one full stop", "one stop"),
        ("one whole stop", "one stop"),
    ] {
        text = replace_words(&text, from, to);
    }
    blur_in_pixels(&halved(&text))
}

/// "blur radius 5px", "blurry, like 8px", "a 3px blur": a blur's radius in pixels, read as
/// the settings read it (at 720p), wherever it is written.
fn blur_in_pixels(text: &str) -> String {
    let pixels = |word: &str| {
        word.trim_end_matches([',', '.', ';', ')'])
            .strip_suffix("px")
            .and_then(|n| n.parse::<f32>().ok())
            .filter(|n| n.is_finite() && *n > 0.0)
    };
    let is_blur = |word: &str| {
        let word = word.trim_matches(|c: char| !c.is_alphanumeric());
        matches!(
            word,
            "blur" | "blurry" | "blurred" | "blurring" | "blurrier"
        )
    };
    let is_background = |word: &str| matches!(word, "background" | "bg" | "backdrop");
    // ("blur: 5px" keeps its key's colon for the settings reader: "blur: 57.1%".)
    let setting = |px: f32, keyed: bool, background: bool| {
        let strength = if background {
            crate::edit::parameters::background_blur_strength_for_radius(px)
        } else {
            crate::edit::parameters::blur_strength_for_radius(px)
        };
        // (The narrowest blur is still a blur: "5px" on the background is its least.)
        let percent = strength.max(0.01) * 100.0;
        let percent = (percent * 10.0).round() / 10.0;
        if keyed {
            format!("{percent}%")
        } else {
            format!("at {percent}%")
        }
    };
    // "15 px", "15 pixels": one word, as "15px".
    let mut words: Vec<String> = Vec::new();
    for word in text.split(' ') {
        let unit = word.trim_end_matches([',', '.', ';', ')']);
        let number = words.last().is_some_and(|last| last.parse::<f32>().is_ok());
        if number && matches!(unit, "px" | "pixel" | "pixels") {
            let last = words.last_mut().expect("checked");
            last.push_str("px");
            last.push_str(&word[unit.len()..]);
        } else {
            words.push(word.to_owned());
        }
    }
    let words: Vec<&str> = words.iter().map(String::as_str).collect();
    let mut out: Vec<String> = Vec::with_capacity(words.len());
    let mut at = 0;
    // The punctuation that ends a word, kept where the word is rewritten.
    let ending = |word: &str| -> String {
        word.chars()
            .filter(|c| matches!(c, ',' | '.' | ';'))
            .collect()
    };
    while at < words.len() {
        if let Some(px) = pixels(words[at]) {
            // Where the clause the number is in began, in what is written so far.
            let clause_start = out
                .iter()
                .rposition(|word| word.ends_with([',', '.', ';']))
                .map_or(0, |k| k + 1);
            // Back over the words that only lead to the number, to the blur they set.
            let mut start = out.len();
            while start > 0
                && matches!(
                    out[start - 1].trim_end_matches(','),
                    "radius" | "of" | "at" | "like" | "with" | "a" | "about" | "around" | "~"
                )
            {
                start -= 1;
            }
            if start > 0 && is_blur(&out[start - 1]) {
                let ending = ending(words[at]);
                let keyed = start == out.len() && out[start - 1].ends_with([':', '=']);
                let background = start >= 2 && is_background(&out[start - 2]);
                let blur = out[start - 1].trim_end_matches(',').to_owned();
                out.truncate(start - 1);
                out.push(blur);
                out.push(format!("{}{ending}", setting(px, keyed, background)));
                at += 1;
                continue;
            }
            // "a 10px background blur"
            if words.get(at + 1).is_some_and(|next| is_background(next))
                && words.get(at + 2).is_some_and(|next| is_blur(next))
            {
                out.push(words[at + 1].to_owned());
                out.push(words[at + 2].to_owned());
                out.push(setting(px, false, true));
                at += 3;
                continue;
            }
            // "a 3px blur", "a 5px blur on the background"
            if words.get(at + 1).is_some_and(|next| is_blur(next)) {
                let clause_end = words[at + 1..]
                    .iter()
                    .position(|word| word.ends_with([',', '.', ';']))
                    .map_or(words.len(), |k| at + 2 + k);
                let background = out[clause_start..].iter().any(|word| is_background(word))
                    || words[at + 1..clause_end]
                        .iter()
                        .any(|word| is_background(word.trim_end_matches([',', '.', ';'])));
                out.push(words[at + 1].to_owned());
                out.push(setting(px, false, background));
                at += 2;
                continue;
            }
            // "blur the background with a 15px radius", "blur it, radius of 5px": the
            // radius of the blur named earlier in the clause.
            let blur_at = out[clause_start..]
                .iter()
                .rposition(|word| is_blur(word))
                .map(|k| k + clause_start);
            let radius_after = words
                .get(at + 1)
                .is_some_and(|next| next.trim_end_matches([',', '.', ';']) == "radius");
            let radius_before = out.iter().rev().take(2).any(|word| word == "radius");
            if let Some(blur_at) = blur_at.filter(|_| radius_after || radius_before) {
                let background = out[clause_start..].iter().any(|word| is_background(word));
                let mut start = out.len();
                while start > blur_at + 1
                    && matches!(
                        out[start - 1].as_str(),
                        "radius" | "of" | "at" | "with" | "a" | "about" | "around" | "~"
                    )
                {
                    start -= 1;
                }
                out.truncate(start);
                let last = if radius_after {
                    words[at + 1]
                } else {
                    words[at]
                };
                out.push(format!(
                    "{}{}",
                    setting(px, false, background),
                    ending(last)
                ));
                at += if radius_after { 2 } else { 1 };
                continue;
            }
        }
        out.push(words[at].to_owned());
        at += 1;
    }
    out.join(" ")
}

/// "halve the saturation", "halve the grain": the same as "reduce ... by half", said at the
/// end of the clause where the share is read.
fn halved(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut rest = text;
    while let Some(at) = rest.find("halve ") {
        let starts_word = starts_a_word(rest, at);
        if !starts_word {
            out.push_str(&rest[..at + "halve ".len()]);
            rest = &rest[at + "halve ".len()..];
            continue;
        }
        out.push_str(&rest[..at]);
        out.push_str("reduce ");
        let object = &rest[at + "halve ".len()..];
        let end = [",", ".", ";", "!", " and ", " then ", " + ", " & "]
            .iter()
            .filter_map(|stop| object.find(stop))
            .min()
            .unwrap_or(object.len());
        out.push_str(object[..end].trim_end());
        out.push_str(" by half");
        rest = &object[end..];
    }
    out.push_str(rest);
    out
}
