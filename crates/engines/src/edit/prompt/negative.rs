//! `negative_prompt`: what each of its clauses rules out of the plan.

use super::*;

/// Effects a negative-prompt clause rules out, as operation names, and the words of the
/// clause that named none.
/// The identities a negative clause rules out, those it rules out only as parts of a bundle
/// ("8mm film" is a vintage look, gate weave, flicker, grain and a vignette), and the words
/// it left unread.
pub(super) fn negative_clause(clause: &Clause) -> (Vec<String>, Vec<String>, String) {
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
pub(super) fn excess_effects(clause: &Clause) -> Option<Vec<EffectKind>> {
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
