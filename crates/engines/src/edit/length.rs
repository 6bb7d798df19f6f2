//! A clip length asked in the prompt ("trim it to 8 seconds", "only the first 5 seconds",
//! "a 10-second cutdown"): what the request's `duration` does, keeping the clip's start.
//!
//! The phrase is found in the text before it is split into clauses and replaced by one
//! token ([`TOKEN_PREFIX`]...), so the clause compiler reads it as a single word, the way
//! frame shapes are read. Anything else said of time (speed, "the last 5 seconds", "cut the
//! first 2 seconds", "2 seconds longer") is left alone for the compiler to refuse: only a
//! length kept from the start can be done by truncation.

/// The token a recognised length becomes: "keepfirst8seconds", "keepfirst2dot5seconds".
const TOKEN_PREFIX: &str = "keepfirst";
const TOKEN_SUFFIX: &str = "seconds";

/// Words of a length phrase before its number besides its verbs ("just cut it down to the
/// first ...").
const LEAD: &[&str] = &[
    "it", "this", "the", "video", "clip", "down", "to", "only", "just", "first", "under", "max",
    "maximum", "a", "an", "total", "of", "length", "duration", "please", "can", "you",
];
/// Verbs that ask for the clip to be shortened.
const VERBS: &[&str] = &[
    "trim",
    "trimmed",
    "cut",
    "shorten",
    "shortened",
    "chop",
    "crop",
    "cropped",
    "limit",
    "cap",
    "keep",
    "use",
    "make",
    "get",
    "bring",
    "reduce",
];
/// Verbs that, right before "the first ...", take that part away ("cut the first 2
/// seconds"): the opposite of keeping it.
const REMOVING: &[&str] = &[
    "cut", "trim", "chop", "remove", "skip", "drop", "lose", "delete", "crop",
];
/// Words near a number of seconds that make it something else than a length kept from the
/// start: timing, or a part of the clip other than its start.
const ELSEWHERE: &[&str] = &[
    "slow",
    "slower",
    "faster",
    "speed",
    "sped",
    "reverse",
    "loop",
    "every",
    "each",
    "per",
    "fade",
    "freeze",
    "last",
    "final",
    "end",
    "ending",
    "after",
    "from",
    "at",
    "between",
    "skip",
    "remove",
    "delete",
    "drop",
    "lose",
    "off",
    "longer",
    "shorter",
    "extend",
    "intro",
    "outro",
    "start",
    "beginning",
    "into",
    "in",
    "mark",
    "timestamp",
    "delay",
    "hold",
];
/// Words after the unit that belong to the phrase ("10 seconds long", "30 sec max").
const TRAILING: &[&str] = &[
    "long", "max", "maximum", "tops", "only", "total", "cutdown", "version", "edit", "teaser",
    "trim", "cut",
];
/// Nouns after the unit that make the phrase a request on their own ("a 10-second
/// cutdown").
const CUTDOWNS: &[&str] = &["cutdown", "version", "edit", "teaser", "trim", "cut"];

/// Rewrites the length phrases of a (lower-case) prompt as tokens.
pub(super) fn tokenised(text: &str) -> String {
    let words = spans(text);
    let mut replacements: Vec<(usize, usize, String)> = Vec::new();
    let mut j = 0;
    while j < words.len() {
        let Some((seconds, number_start, unit_end)) = length_at(text, &words, j) else {
            j += 1;
            continue;
        };
        // The phrase, back from the number while the words belong to one and nothing but
        // spaces or a hyphen stands between them.
        let mut start = number_start;
        while start > 0
            && {
                let word = words[start - 1].2.as_str();
                LEAD.contains(&word) || VERBS.contains(&word)
            }
            && joined(text, &words, start - 1)
        {
            start -= 1;
        }
        let mut end = unit_end;
        while end + 1 < words.len()
            && joined(text, &words, end)
            && (TRAILING.contains(&words[end + 1].2.as_str())
                || (words[end + 1].2 == "or"
                    && words
                        .get(end + 2)
                        .is_some_and(|next| matches!(next.2.as_str(), "less" | "under"))))
        {
            end += if words[end + 1].2 == "or" { 2 } else { 1 };
        }
        let lead: Vec<&str> = words[start..number_start]
            .iter()
            .map(|w| w.2.as_str())
            .collect();
        let trailing: Vec<&str> = words[unit_end + 1..=end]
            .iter()
            .map(|w| w.2.as_str())
            .collect();
        // The clause around it, for the words that say it is about something else.
        let mut before = number_start;
        while before > 0 && number_start - before < 6 && joined(text, &words, before - 1) {
            before -= 1;
        }
        let mut after = end;
        while after + 1 < words.len() && after - end < 3 && joined(text, &words, after) {
            after += 1;
        }
        let elsewhere = words[before..number_start]
            .iter()
            .chain(&words[end + 1..=after])
            .any(|w| ELSEWHERE.contains(&w.2.as_str()));
        let verb = lead.iter().any(|word| VERBS.contains(word));
        let first = lead.contains(&"first");
        let capped = lead
            .iter()
            .chain(&trailing)
            .any(|word| matches!(*word, "under" | "max" | "maximum" | "tops" | "less"));
        let to = lead.contains(&"to") || lead.contains(&"down");
        let starts_clause = start == 0 || !joined(text, &words, start - 1);
        let cutdown = trailing.iter().any(|word| CUTDOWNS.contains(word));
        // "cut the first 2 seconds": the word before "(the) first" takes it away.
        let removed = lead
            .iter()
            .position(|word| *word == "first")
            .is_some_and(|at| {
                let mut k = at;
                if k > 0 && lead[k - 1] == "the" {
                    k -= 1;
                }
                k > 0 && REMOVING.contains(&lead[k - 1])
            });
        let asked = (verb
            && (to
                || first
                || capped
                || lead
                    .iter()
                    .any(|word| matches!(*word, "make" | "keep" | "limit" | "cap" | "use"))))
            || (first && starts_clause)
            // "...and only first 10 seconds"
            || (first && lead.iter().any(|word| matches!(*word, "only" | "just")))
            || (capped && starts_clause)
            || cutdown;
        if asked && !elsewhere && !removed && seconds > 0.0 {
            let number = format!("{seconds}").replace('.', "dot");
            replacements.push((
                words[start].0,
                words[end].1,
                format!("{TOKEN_PREFIX}{number}{TOKEN_SUFFIX}"),
            ));
            j = end + 1;
        } else {
            j = unit_end + 1;
        }
    }
    let mut out = text.to_owned();
    for (from, to, token) in replacements.into_iter().rev() {
        out.replace_range(from..to, &token);
    }
    out
}

/// The seconds of a token made by [`tokenised`].
pub(super) fn token_seconds(word: &str) -> Option<f64> {
    word.strip_prefix(TOKEN_PREFIX)?
        .strip_suffix(TOKEN_SUFFIX)?
        .replace("dot", ".")
        .parse::<f64>()
        .ok()
        .filter(|seconds| seconds.is_finite() && *seconds > 0.0)
}

/// The tokens of [`tokenised`] written back as words, for messages and the plan.
pub(super) fn spoken(text: &str) -> String {
    text.split(' ')
        .map(|word| match token_seconds(word) {
            Some(seconds) => format!("the first {} seconds", format_seconds(seconds)),
            None => word.to_owned(),
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn format_seconds(seconds: f64) -> String {
    format!("{}", (seconds * 1000.0).round() / 1000.0)
}

/// Words with their byte ranges: runs of letters and digits, a decimal point inside a number
/// kept ("2.5").
fn spans(text: &str) -> Vec<(usize, usize, String)> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_alphanumeric() {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len()
            && (bytes[i].is_ascii_alphanumeric()
                || (bytes[i] == b'.'
                    && i > start
                    && bytes[i - 1].is_ascii_digit()
                    && bytes.get(i + 1).is_some_and(u8::is_ascii_digit)))
        {
            i += 1;
        }
        out.push((start, i, text[start..i].to_owned()));
    }
    out
}

/// Whether word `k` and the next are in one phrase: only spaces or a hyphen between them.
fn joined(text: &str, words: &[(usize, usize, String)], k: usize) -> bool {
    words.get(k + 1).is_some_and(|next| {
        text[words[k].1..next.0]
            .chars()
            .all(|c| c == ' ' || c == '-')
    })
}

/// A length starting at word `j`: its seconds, and where its number and unit are.
fn length_at(
    text: &str,
    words: &[(usize, usize, String)],
    j: usize,
) -> Option<(f64, usize, usize)> {
    let word = words[j].2.as_str();
    // A unit glued to the number: "15s", "8sec", "2mins".
    let digits = word
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(word.len());
    if digits > 0 && digits < word.len() {
        let scale = unit(&word[digits..])?;
        let n: f64 = word[..digits].parse().ok()?;
        return Some((n * scale, j, j));
    }
    // "half a minute"
    if word == "half"
        && words.get(j + 1).is_some_and(|w| w.2 == "a")
        && words.get(j + 2).is_some_and(|w| unit(&w.2) == Some(60.0))
        && joined(text, words, j)
        && joined(text, words, j + 1)
    {
        return Some((30.0, j, j + 2));
    }
    let n = if digits == word.len() {
        word.parse::<f64>().ok()?
    } else {
        number_word(word)?
    };
    let next = words.get(j + 1)?;
    let scale = unit(&next.2)?;
    // "a second" alone is also "another" ("a second pass"); only "a minute" is a length.
    if matches!(word, "a" | "an") && scale != 60.0 {
        return None;
    }
    joined(text, words, j).then_some((n * scale, j, j + 1))
}

fn unit(word: &str) -> Option<f64> {
    match word {
        "s" | "sec" | "secs" | "second" | "seconds" => Some(1.0),
        "min" | "mins" | "minute" | "minutes" => Some(60.0),
        _ => None,
    }
}

fn number_word(word: &str) -> Option<f64> {
    Some(match word {
        "a" | "an" | "one" => 1.0,
        "two" => 2.0,
        "three" => 3.0,
        "four" => 4.0,
        "five" => 5.0,
        "six" => 6.0,
        "seven" => 7.0,
        "eight" => 8.0,
        "nine" => 9.0,
        "ten" => 10.0,
        "eleven" => 11.0,
        "twelve" => 12.0,
        "fifteen" => 15.0,
        "twenty" => 20.0,
        "thirty" => 30.0,
        "forty" => 40.0,
        "fortyfive" => 45.0,
        "fifty" => 50.0,
        "sixty" => 60.0,
        "ninety" => 90.0,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seconds(text: &str) -> Vec<f64> {
        tokenised(text)
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter_map(token_seconds)
            .collect()
    }

    #[test]
    fn lengths_kept_from_the_start_are_read() {
        for (text, expected) in [
            ("trim to 15 seconds", 15.0),
            ("just cut it to the first 15 seconds", 15.0),
            ("only keep the first 5 seconds", 5.0),
            ("first 6 secs", 6.0),
            ("square crop, first 6 seconds only, black and white", 6.0),
            ("deliver a 1:1, 10-second cutdown", 10.0),
            ("cut it down to 30 sec max", 30.0),
            ("keep audio on, crop 3:4, trim to 7s.", 7.0),
            ("mute the sound and make it 10 seconds", 10.0),
            ("the vid is too long just make it 20 seconds", 20.0),
            ("trim it to 2.5 seconds", 2.5),
            ("keep it under half a minute", 30.0),
            ("shorten it to one minute", 60.0),
        ] {
            assert_eq!(
                seconds(text),
                [expected],
                "{text:?} -> {:?}",
                tokenised(text)
            );
        }
    }

    #[test]
    fn other_times_are_left_for_the_compiler() {
        for text in [
            "cut the first 2 seconds",
            "trim the first 3 seconds off",
            "keep the last 5 seconds",
            "slow it down to 10 seconds",
            "make it 2 seconds longer",
            "add a fade at 5 seconds",
            "a second pass of grain",
            "this 30 second clip of my dog, make it warmer",
            "grain every 2 seconds",
            "freeze the first 3 seconds",
        ] {
            assert!(
                seconds(text).is_empty(),
                "{text:?} -> {:?}",
                tokenised(text)
            );
        }
    }

    #[test]
    fn tokens_are_spoken_back() {
        assert_eq!(spoken(&tokenised("trim to 7s")), "the first 7 seconds");
    }
}
