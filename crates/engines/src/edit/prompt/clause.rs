//! One clause read into candidate operations: the hue and subject-aware patterns first, then
//! the effect phrases and their intensity words; every word left must be filler, or the
//! clause is refused with its reason.

use super::*;

pub(super) fn is_colourish(word: &str) -> bool {
    colours::by_name(word).is_some()
}

pub(super) fn compile_clause(
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
    // ("... and add a soft glow" names a glow, not the reference's blur: it was read as the
    // reference defocused, and no glow was added.)
    let names_other_effect = {
        let words: Vec<&str> = clause.words.iter().map(String::as_str).collect();
        (0..words.len()).any(|k| {
            longest_effect(&words[k..]).is_some_and(|(kind, _)| !matches!(kind, EffectKind::Blur))
        })
    };
    if after_reference
        && !names_other_effect
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
                        // "slightly out of focus".
                        | "out"
                        | "of"
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
        // "make the background white and boost the contrast": a flat colour or a gradient has
        // no picture to regrade, so a grade after it is the whole picture's (read as the
        // backdrop's, it asked for a reference image). Only a colour goes on naming it. The
        // reference image is put in as it is, so a grade after it is the picture's too
        // ("swap the background for the attached and bump the contrast" regraded the
        // reference alone).
        let after_plain = background_before.is_some_and(|at| {
            matches!(
                out.operations[at].planned.operation,
                Operation::ReplaceBackground {
                    backdrop: Backdrop::Colour { .. }
                        | Backdrop::Gradient { .. }
                        | Backdrop::ReferenceImage { .. }
                }
            )
        });
        let colours_it = words
            .iter()
            .enumerate()
            .any(|(i, _)| colours::match_words(&words[i..]).is_some());
        background_effect
            && !other_effect
            && (!after_blur || blurs_or_colours)
            && (!after_plain || colours_it)
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
        rewritten = continuing(clause, "background");
        &rewritten
    } else if out.subject_clause && !clause.new_sentence && adjusts_only(&clause.words) {
        rewritten = continuing(clause, "subject");
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
        if let Some(seconds) = crate::edit::length::token_seconds(word) {
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
        pattern = tone_saturation_edit(&words, &mut used);
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
                // "blur the background at 50%", "background blur: 10px" (a radius, a share
                // by now): the blur's strength, or of the reference picture's blur.
                Operation::ReplaceBackground {
                    backdrop:
                        Backdrop::Blur { strength }
                        | Backdrop::ReferenceImage {
                            blur: Some(strength),
                            ..
                        },
                } => {
                    *strength = share.clamp(0.05, 1.0);
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
                    TIMING_CHANGED.into()
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
    out.subject_clause = out.operations[operations_before..]
        .iter()
        .any(|candidate| matches!(candidate.planned.operation, Operation::GradeSubject { .. }));
    if let (true, Some(earlier)) = (refers_back, background_before) {
        if replaced {
            out.operations.remove(earlier);
        }
    }

    Ok(())
}

/// The clause as one about `thing` ("the background cooler"), which it goes on about.
fn continuing(clause: &Clause, thing: &str) -> Clause {
    Clause {
        new_sentence: false,
        words: ["the", thing]
            .into_iter()
            .map(str::to_owned)
            .chain(clause.words.iter().cloned())
            .collect(),
    }
}

/// "warmer", "and more saturated": a clause of colour adjustments alone, which names no
/// object (no "it", no verb of its own) and so goes on with the one before it.
fn adjusts_only(words: &[String]) -> bool {
    let words: Vec<&str> = words.iter().map(String::as_str).collect();
    let mut used = vec![false; words.len()];
    let effects = match_effects(&words, &mut used);
    !effects.is_empty()
        && effects.iter().all(|effect| {
            // (A frame shape or the sound has no operation, and is not the subject's.)
            let operations = effect.kind.operations(STRENGTH_DEFAULT);
            !effect.negated
                && !operations.is_empty()
                && operations
                    .iter()
                    .all(|operation| operation.stage() == Stage::Colour)
        })
        && words.iter().zip(&used).all(|(word, used)| {
            *used
                || intensity(word).is_some()
                || direction(word).is_some()
                || matches!(
                    *word,
                    "and" | "a" | "bit" | "little" | "also" | "too" | "slightly"
                )
        })
}
