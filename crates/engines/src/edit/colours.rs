//! Colour names and the BT.709 video-range conversions the pixel code works in.

use super::plan::NamedColour;

/// Colour names a prompt may use, with the sRGB value each stands for. Multi-word names are
/// written with a space and matched as a phrase.
const NAMES: &[(&str, [u8; 3])] = &[
    ("red", [210, 30, 35]),
    ("crimson", [190, 20, 50]),
    ("scarlet", [240, 40, 20]),
    ("maroon", [128, 20, 30]),
    ("burgundy", [128, 20, 50]),
    ("orange", [245, 130, 30]),
    ("amber", [255, 180, 40]),
    ("yellow", [245, 215, 40]),
    ("gold", [225, 180, 50]),
    ("golden", [225, 180, 50]),
    ("beige", [225, 205, 165]),
    ("brown", [130, 80, 40]),
    ("tan", [200, 160, 110]),
    ("olive", [120, 130, 40]),
    ("lime", [150, 220, 40]),
    ("green", [40, 160, 60]),
    ("emerald", [20, 150, 90]),
    ("mint", [150, 230, 180]),
    ("teal", [20, 140, 140]),
    ("turquoise", [40, 200, 190]),
    ("cyan", [30, 200, 230]),
    ("aqua", [40, 210, 220]),
    ("sky blue", [110, 180, 235]),
    ("light blue", [140, 190, 240]),
    ("baby blue", [160, 200, 240]),
    ("sage", [150, 170, 130]),
    ("dusty rose", [200, 140, 150]),
    ("blue", [30, 80, 210]),
    ("navy", [20, 35, 110]),
    ("royal blue", [40, 70, 200]),
    ("indigo", [70, 40, 150]),
    ("purple", [130, 50, 170]),
    ("violet", [140, 70, 200]),
    ("lavender", [180, 150, 220]),
    ("lilac", [195, 160, 215]),
    ("magenta", [220, 40, 180]),
    ("fuchsia", [230, 50, 170]),
    ("pink", [240, 120, 170]),
    ("hot pink", [250, 60, 150]),
    ("coral", [250, 120, 95]),
    ("salmon", [245, 140, 115]),
    ("white", [240, 240, 240]),
    ("off white", [235, 230, 215]),
    ("ivory", [240, 235, 215]),
    ("cream", [245, 235, 210]),
    ("camel", [190, 150, 100]),
    ("khaki", [190, 175, 125]),
    ("charcoal", [55, 60, 65]),
    ("forest green", [35, 100, 45]),
    ("wine", [115, 25, 45]),
    ("mustard", [210, 170, 40]),
    ("peach", [250, 190, 150]),
    ("rose", [230, 110, 140]),
    ("silver", [190, 190, 195]),
    ("grey", [128, 128, 128]),
    ("gray", [128, 128, 128]),
    ("black", [20, 20, 22]),
    ("burnt orange", [204, 85, 0]),
    ("rust", [183, 65, 14]),
    ("terracotta", [204, 110, 80]),
    ("ochre", [204, 140, 40]),
    ("khaki", [195, 176, 145]),
    ("taupe", [140, 125, 110]),
    ("mauve", [180, 130, 160]),
    ("plum", [120, 50, 100]),
    ("champagne", [230, 210, 170]),
];

/// The words colour names are made of (for the prompt compiler's spelling correction).
pub fn name_words() -> impl Iterator<Item = &'static str> {
    NAMES.iter().flat_map(|(name, _)| name.split(' '))
}

/// Looks a colour up by name (`"sky blue"`, `"red"`), also accepting `reddish`-style forms
/// and a hex code as the prompt reader writes one (`"hexff6600"` for `#FF6600`).
pub fn by_name(name: &str) -> Option<NamedColour> {
    let name = name.trim();
    if let Some(colour) = hex(name) {
        return Some(colour);
    }
    let canonical = match name {
        "reddish" | "redder" => "red",
        "orangey" | "orangish" => "orange",
        "yellowish" | "yellower" => "yellow",
        "greenish" | "greener" => "green",
        "bluish" | "blueish" | "bluer" => "blue",
        "purplish" | "purply" => "purple",
        "pinkish" | "pinky" | "pinker" => "pink",
        "brownish" => "brown",
        "greyish" | "grayish" => "grey",
        other => other,
    };
    NAMES
        .iter()
        .find(|(known, _)| *known == canonical)
        .map(|(known, rgb)| NamedColour {
            name: (*known).to_owned(),
            rgb: *rgb,
        })
}

/// `hexff6600` (`#FF6600`), `hexf60` (`#F60`): a colour given by its sRGB code.
fn hex(word: &str) -> Option<NamedColour> {
    let digits = word.strip_prefix("hex")?;
    let value = |text: &str| u8::from_str_radix(text, 16).ok();
    let rgb = match digits.len() {
        6 => [
            value(&digits[0..2])?,
            value(&digits[2..4])?,
            value(&digits[4..6])?,
        ],
        3 => {
            let mut rgb = [0u8; 3];
            for (channel, digit) in rgb.iter_mut().zip(digits.chars()) {
                *channel = value(&digit.to_string())? * 17;
            }
            rgb
        }
        _ => return None,
    };
    Some(NamedColour {
        name: format!("#{digits}"),
        rgb,
    })
}

/// The longest colour name starting at `words[0]`: the colour and how many words it used.
/// A shade followed by its own family's name ("navy blue", "emerald green", "olive green")
/// is the shade.
pub fn match_words(words: &[&str]) -> Option<(NamedColour, usize)> {
    if words.len() >= 2 {
        if let Some(colour) = by_name(&format!("{} {}", words[0], words[1])) {
            return Some((colour, 2));
        }
        // "orange #ff6600", "#ff5733 orange": the code says which orange.
        if let [first, second, ..] = words {
            for (code, name) in [(first, second), (second, first)] {
                if let (Some(code), Some(_)) = (hex(code), by_name(name)) {
                    return Some((code, 2));
                }
            }
        }
        if let (Some(shade), Some(family)) = (by_name(words[0]), by_name(words[1])) {
            if shade.name != family.name && same_family(shade.rgb, family.rgb) {
                return Some((
                    NamedColour {
                        name: format!("{} {}", shade.name, family.name),
                        rgb: shade.rgb,
                    },
                    2,
                ));
            }
        }
    }
    words
        .first()
        .and_then(|word| by_name(word))
        .map(|colour| (colour, 1))
}

/// Whether two colours are one hue family: both coloured, within 40 degrees of hue.
fn same_family(a: [u8; 3], b: [u8; 3]) -> bool {
    let (ca, cb) = (chroma_of(a), chroma_of(b));
    let norm = |c: [f32; 2]| (c[0] * c[0] + c[1] * c[1]).sqrt();
    let (na, nb) = (norm(ca), norm(cb));
    na > 10.0 && nb > 10.0 && (ca[0] * cb[0] + ca[1] * cb[1]) / (na * nb) > 40f32.to_radians().cos()
}

/// Video-range BT.709 Y'CbCr of an sRGB colour, as floats in code values (Y 16..235,
/// Cb/Cr 16..240 around 128).
pub fn rgb_to_yuv(rgb: [u8; 3]) -> [f32; 3] {
    let [r, g, b] = rgb.map(|c| f32::from(c) / 255.0);
    let y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
    let cb = (b - y) / 1.8556;
    let cr = (r - y) / 1.5748;
    [16.0 + 219.0 * y, 128.0 + 224.0 * cb, 128.0 + 224.0 * cr]
}

/// Inverse of [`rgb_to_yuv`], clamped to 0..=1 per channel.
pub fn yuv_to_rgb(yuv: [f32; 3]) -> [f32; 3] {
    let y = (yuv[0] - 16.0) / 219.0;
    let cb = (yuv[1] - 128.0) / 224.0;
    let cr = (yuv[2] - 128.0) / 224.0;
    let r = y + 1.5748 * cr;
    let b = y + 1.8556 * cb;
    let g = (y - 0.2126 * r - 0.0722 * b) / 0.7152;
    [r, g, b].map(|c| c.clamp(0.0, 1.0))
}

/// The chroma of a colour as an offset from neutral, in code values.
pub fn chroma_of(rgb: [u8; 3]) -> [f32; 2] {
    let [_, u, v] = rgb_to_yuv(rgb);
    [u - 128.0, v - 128.0]
}

/// Unit vector of a colour's chroma direction; zero for greys.
pub fn chroma_direction(rgb: [u8; 3]) -> [f32; 2] {
    let [u, v] = chroma_of(rgb);
    let norm = (u * u + v * v).sqrt();
    if norm < 1.0 {
        [0.0, 0.0]
    } else {
        [u / norm, v / norm]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_suffixed_forms_resolve() {
        assert_eq!(by_name("bluish").unwrap().name, "blue");
        assert_eq!(
            match_words(&["sky", "blue", "dress"]).unwrap().0.name,
            "sky blue"
        );
        assert_eq!(match_words(&["red", "dress"]).unwrap().1, 1);
        assert!(by_name("dragon").is_none());
    }

    #[test]
    fn yuv_round_trips() {
        for rgb in [[210, 30, 35], [20, 140, 140], [240, 240, 240]] {
            let back = yuv_to_rgb(rgb_to_yuv(rgb));
            for (a, b) in back.iter().zip(rgb) {
                assert!(
                    (a * 255.0 - f32::from(b)).abs() < 0.5,
                    "{rgb:?} -> {back:?}"
                );
            }
        }
        let [y, u, v] = rgb_to_yuv([255, 255, 255]);
        assert!((y - 235.0).abs() < 0.01 && (u - 128.0).abs() < 0.01 && (v - 128.0).abs() < 0.01);
    }
}
