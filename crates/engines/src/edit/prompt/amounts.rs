//! Amounts written as numbers: a share of a range ("by half", "20%", "at 0.3") and
//! photographic stops ("one stop brighter", "+1 ev").

/// "by half", "by a third", "20 percent" ("20%"), "by 50 percent": a share of the
/// adjustment's range, its words marked used.
pub(super) fn fraction(words: &[&str], used: &mut [bool]) -> Option<f32> {
    // "grain at 0.3", "0.2 strength": a strength written as a decimal.
    if let Some(at) = words.iter().position(|word| {
        word.contains('.') && word.parse::<f32>().is_ok_and(|n| n > 0.0 && n <= 1.0)
    }) {
        // ("add some film grain 0.3": the number closing the clause, after a word that
        // asks for no other reading of it.)
        let closing = at + 1 == words.len()
            && at > 0
            && words[at - 1].chars().all(|c| c.is_ascii_alphabetic())
            && !matches!(
                words[at - 1],
                "by" | "to" | "from" | "of" | "exposure" | "ev"
            );
        let marked = (at > 0 && words[at - 1] == "at")
            || closing
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
pub(super) fn stop_count(words: &[&str], used: &mut [bool]) -> Option<f32> {
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
pub(super) const MAX_STOPS: f32 = 3.0;

/// The exposure change, in stops, that multiplies the video signal by `gain` ("20 %
/// brighter" is a gain of 1.2), within [`MAX_STOPS`] either way.
pub(super) fn stops_for_gain(gain: f32) -> f32 {
    (2.2 * gain.log2()).clamp(-MAX_STOPS, MAX_STOPS)
}
