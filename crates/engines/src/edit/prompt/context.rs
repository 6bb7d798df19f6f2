//! Clauses that are context rather than orders: purposes ("for a gritty feel"), complaints
//! about the footage and the requests they imply, reactions and wishes that something be
//! left alone, and the words that make a clause a request at all.

use super::*;

/// Where a clause's purpose starts, if it has one: "for a gritty feel", "for a more
/// cinematic look", "to make it feel cosy", "to give it a dreamy vibe", "so that it looks
/// older".
pub(super) fn purpose_start(words: &[String]) -> Option<usize> {
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
                    // "for my horror film", "for our noir short": the piece the clip is
                    // for, whose genre is not asked of it (read as the horror look).
                    | "film"
                    | "movie"
                    | "short"
                    | "project"
                    | "documentary"
                    | "festival"
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
pub(super) fn garment_colour_statement(words: &[String]) -> Option<String> {
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
pub(super) fn adjective_like(word: &str) -> bool {
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

/// The thing a description is about when it is not the picture: "the mug" of "the mug is
/// red", "the kettlebell" of "the kettlebell is red".
pub(super) fn described_thing(words: &[String]) -> Option<String> {
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
pub(super) fn only_follow_up(words: &[String]) -> bool {
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
pub(super) fn described_complaint(
    words: &[String],
) -> Option<(usize, usize, &'static [&'static str])> {
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
pub(super) fn narrative(words: &[String]) -> bool {
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

/// "please don't touch my face", "don't change the framing at all", "I don't want her cut
/// out of the frame", "please don't mess with the audio": a wish that something is left
/// alone, which names no effect (a named one, "don't add grain", is ruled out as such).
pub(super) fn spares(words: &[String]) -> bool {
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
pub(super) fn reaction(words: &[String]) -> bool {
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
pub(super) fn instructs(word: &str) -> bool {
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
pub(super) fn instruction(words: &[String]) -> bool {
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
pub(super) fn request_verb(word: &str) -> bool {
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
            // "freeze frame on the last shot" (read as a description of the shot).
            | "freeze"
    )
}

/// A word that makes a clause a request rather than a description: a request's verb, or a
/// word of degree or negation ("more grain", "too dark", "no snow").
pub(super) fn asks_for_something(word: &str) -> bool {
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
pub(super) fn overdone(words: &[String]) -> Option<usize> {
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
pub(super) fn emphatic_complaint(words: &[String]) -> bool {
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
pub(super) fn complaint_request(word: &str) -> Option<&'static [&'static str]> {
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
