//! What an upload is, from its first bytes. The declared content type is never trusted;
//! this runs before any process sees the file, and ffprobe has the last word afterwards.

use serde::{Deserialize, Serialize};

/// Bytes worth passing to [`sniff`]; every signature here is decided within them.
pub const SNIFF_LEN: usize = 512;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MediaKind {
    Image,
    Video,
    Audio,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Sniffed {
    pub kind: MediaKind,
    pub content_type: &'static str,
    /// Without the dot.
    pub extension: &'static str,
}

const fn sniffed(
    kind: MediaKind,
    content_type: &'static str,
    extension: &'static str,
) -> Option<Sniffed> {
    Some(Sniffed {
        kind,
        content_type,
        extension,
    })
}

const PNG: Option<Sniffed> = sniffed(MediaKind::Image, "image/png", "png");
const JPEG: Option<Sniffed> = sniffed(MediaKind::Image, "image/jpeg", "jpg");
const GIF: Option<Sniffed> = sniffed(MediaKind::Image, "image/gif", "gif");
const WEBP: Option<Sniffed> = sniffed(MediaKind::Image, "image/webp", "webp");
const MP4: Option<Sniffed> = sniffed(MediaKind::Video, "video/mp4", "mp4");
const MOV: Option<Sniffed> = sniffed(MediaKind::Video, "video/quicktime", "mov");
const M4A: Option<Sniffed> = sniffed(MediaKind::Audio, "audio/mp4", "m4a");
const WEBM: Option<Sniffed> = sniffed(MediaKind::Video, "video/webm", "webm");
const MATROSKA: Option<Sniffed> = sniffed(MediaKind::Video, "video/x-matroska", "mkv");
const AVI: Option<Sniffed> = sniffed(MediaKind::Video, "video/x-msvideo", "avi");
const MP3: Option<Sniffed> = sniffed(MediaKind::Audio, "audio/mpeg", "mp3");
const WAV: Option<Sniffed> = sniffed(MediaKind::Audio, "audio/wav", "wav");
const OGG: Option<Sniffed> = sniffed(MediaKind::Audio, "audio/ogg", "ogg");

/// Recognises the formats Recut accepts; `None` for anything else, including inputs too
/// short to decide.
pub fn sniff(head: &[u8]) -> Option<Sniffed> {
    match head {
        [0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, ..] => PNG,
        [0xFF, 0xD8, 0xFF, ..] => JPEG,
        [b'G', b'I', b'F', b'8', b'7' | b'9', b'a', ..] => GIF,
        [b'R', b'I', b'F', b'F', _, _, _, _, rest @ ..] => match rest {
            [b'W', b'E', b'B', b'P', ..] => WEBP,
            [b'W', b'A', b'V', b'E', ..] => WAV,
            [b'A', b'V', b'I', b' ', ..] => AVI,
            _ => None,
        },
        [_, _, _, _, b'f', b't', b'y', b'p', ..] => iso_media(head),
        [0x1A, 0x45, 0xDF, 0xA3, ..] => ebml(head),
        [b'O', b'g', b'g', b'S', ..] => OGG,
        [b'I', b'D', b'3', ..] => MP3,
        [0xFF, second, third, ..] if is_mpeg_audio_layer3(*second, *third) => MP3,
        _ => None,
    }
}

/// ISO base media (MP4 family): decided by the `ftyp` major brand, or for unknown majors by
/// a well-known compatible brand.
fn iso_media(head: &[u8]) -> Option<Sniffed> {
    let major = head.get(8..12)?;
    if let Some(found) = brand(major) {
        return found;
    }
    let box_len = u32::from_be_bytes(head[0..4].try_into().ok()?) as usize;
    let end = box_len.min(head.len());
    // Compatible brands follow the 4-byte minor version.
    head.get(16..end)?.chunks_exact(4).find_map(|compatible| {
        brand(compatible)
            .flatten()
            .filter(|found| Some(*found) != M4A)
    })
}

/// `Some(answer)` when the brand decides the type (`Some(None)` for still-image brands such
/// as HEIF and AVIF, which are not accepted).
fn brand(brand: &[u8]) -> Option<Option<Sniffed>> {
    match brand {
        b"qt  " => Some(MOV),
        b"M4A " | b"M4B " => Some(M4A),
        b"isom" | b"mp41" | b"mp42" | b"avc1" | b"dash" | b"M4V " | b"M4VH" | b"M4VP" | b"mmp4"
        | b"MSNV" | b"3gp4" | b"3gp5" | b"3gp6" => Some(MP4),
        [b'i', b's', b'o', digit] if digit.is_ascii_digit() => Some(MP4),
        b"avif" | b"avis" | b"heic" | b"heix" | b"hevc" | b"heim" | b"mif1" | b"msf1" => Some(None),
        _ => None,
    }
}

/// Matroska and WebM share the EBML header; its DocType element (ID 0x4282) tells them apart.
fn ebml(head: &[u8]) -> Option<Sniffed> {
    let at = head.windows(2).position(|id| id == [0x42, 0x82])?;
    // The size is an EBML varint; doc types are short, so a one-byte size (0x80 | len) is all
    // that occurs in practice.
    let size = *head.get(at + 2)?;
    if size & 0x80 == 0 {
        return None;
    }
    let len = usize::from(size & 0x7F);
    match head.get(at + 3..at + 3 + len)? {
        b"webm" => WEBM,
        b"matroska" => MATROSKA,
        _ => None,
    }
}

/// An MPEG-1/2/2.5 Layer III frame header (the bytes after the 0xFF of the sync word), with
/// the reserved bitrate and sample-rate values rejected so random bytes rarely pass.
fn is_mpeg_audio_layer3(second: u8, third: u8) -> bool {
    let sync = second & 0xE0 == 0xE0;
    let version_valid = (second >> 3) & 0b11 != 0b01;
    let layer3 = (second >> 1) & 0b11 == 0b01;
    let bitrate_valid = third >> 4 != 0b1111;
    let sample_rate_valid = (third >> 2) & 0b11 != 0b11;
    sync && version_valid && layer3 && bitrate_valid && sample_rate_valid
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ftyp(major: &[u8; 4], compatible: &[&[u8; 4]]) -> Vec<u8> {
        let len = 16 + 4 * compatible.len();
        let mut head = (len as u32).to_be_bytes().to_vec();
        head.extend_from_slice(b"ftyp");
        head.extend_from_slice(major);
        head.extend_from_slice(&[0, 0, 2, 0]);
        for brand in compatible {
            head.extend_from_slice(*brand);
        }
        head.extend_from_slice(b"\0\0\0\x08free");
        head
    }

    fn riff(form: &[u8; 4]) -> Vec<u8> {
        [b"RIFF".as_slice(), &[0x24, 0x08, 0, 0], form, b"fmt "].concat()
    }

    fn ebml_header(doc_type: &str) -> Vec<u8> {
        let mut head = vec![
            0x1A, 0x45, 0xDF, 0xA3, 0x9F, 0x42, 0x86, 0x81, 0x01, 0x42, 0xF7, 0x81, 0x01,
        ];
        head.extend_from_slice(&[0x42, 0x82, 0x80 | doc_type.len() as u8]);
        head.extend_from_slice(doc_type.as_bytes());
        head.extend_from_slice(&[0x42, 0x87, 0x81, 0x04]);
        head
    }

    fn content_type(head: &[u8]) -> Option<&'static str> {
        sniff(head).map(|found| found.content_type)
    }

    #[test]
    fn images() {
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"), PNG);
        assert_eq!(
            sniff(&[0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, b'J', b'F', b'I', b'F']),
            JPEG
        );
        assert_eq!(sniff(b"GIF89a\x01\0\x01\0"), GIF);
        assert_eq!(sniff(b"GIF87a\x01\0\x01\0"), GIF);
        assert_eq!(sniff(&riff(b"WEBP")), WEBP);
        assert_eq!(sniff(&riff(b"WEBP")).unwrap().kind, MediaKind::Image);
    }

    #[test]
    fn iso_media_brands() {
        for major in [
            b"isom", b"iso2", b"iso6", b"mp41", b"mp42", b"avc1", b"dash", b"M4V ",
        ] {
            assert_eq!(
                sniff(&ftyp(major, &[b"isom"])),
                MP4,
                "{}",
                String::from_utf8_lossy(major)
            );
        }
        assert_eq!(sniff(&ftyp(b"qt  ", &[b"qt  "])), MOV);
        let m4a = sniff(&ftyp(b"M4A ", &[b"M4A ", b"mp42", b"isom"])).unwrap();
        assert_eq!(
            (m4a.kind, m4a.content_type, m4a.extension),
            (MediaKind::Audio, "audio/mp4", "m4a")
        );
        // Unknown major brand, recognised through its compatible brands.
        assert_eq!(sniff(&ftyp(b"XAVC", &[b"XAVC", b"mp42", b"iso2"])), MP4);
        // Still images in the same container are not videos.
        assert_eq!(sniff(&ftyp(b"heic", &[b"mif1", b"heic"])), None);
        assert_eq!(sniff(&ftyp(b"avif", &[b"avif", b"mif1", b"miaf"])), None);
        assert_eq!(sniff(&ftyp(b"zzzz", &[b"zzzz"])), None);
    }

    #[test]
    fn matroska_family() {
        assert_eq!(sniff(&ebml_header("webm")), WEBM);
        assert_eq!(sniff(&ebml_header("matroska")), MATROSKA);
        assert_eq!(sniff(&ebml_header("matroska")).unwrap().extension, "mkv");
        assert_eq!(sniff(&ebml_header("other")), None);
    }

    #[test]
    fn audio_and_avi() {
        assert_eq!(sniff(b"ID3\x04\0\0\0\0\0\x21"), MP3);
        // MPEG-1 Layer III, 128 kbit/s, 44.1 kHz.
        assert_eq!(sniff(&[0xFF, 0xFB, 0x90, 0x64, 0, 0]), MP3);
        assert_eq!(sniff(&riff(b"WAVE")), WAV);
        assert_eq!(sniff(&riff(b"WAVE")).unwrap().kind, MediaKind::Audio);
        assert_eq!(sniff(b"OggS\0\x02\0\0\0\0\0\0\0\0"), OGG);
        let avi = sniff(&riff(b"AVI ")).unwrap();
        assert_eq!(
            (avi.kind, avi.content_type, avi.extension),
            (MediaKind::Video, "video/x-msvideo", "avi")
        );
    }

    #[test]
    fn junk_and_truncated_inputs() {
        assert_eq!(sniff(b""), None);
        assert_eq!(sniff(b"hello world, definitely not media"), None);
        assert_eq!(sniff(b"<html><body>"), None);
        assert_eq!(sniff(b"%PDF-1.7"), None);
        assert_eq!(sniff(b"PK\x03\x04"), None);
        // Truncated signatures.
        assert_eq!(sniff(b"\x89PN"), None);
        assert_eq!(sniff(&[0xFF, 0xD8]), None);
        assert_eq!(sniff(b"RIFF\0\0\0\0WA"), None);
        assert_eq!(sniff(b"\0\0\0\x18ftyp"), None);
        assert_eq!(sniff(b"\0\0\0\x18ftypis"), None);
        assert_eq!(sniff(&ebml_header("webm")[..8]), None);
        assert_eq!(sniff(&ebml_header("webm")[..18]), None);
        assert_eq!(sniff(b"GIF8"), None);
        // ADTS AAC (layer bits 00) and reserved MPEG header values are not MP3.
        assert_eq!(sniff(&[0xFF, 0xF1, 0x50, 0x80]), None);
        assert_eq!(sniff(&[0xFF, 0xFB, 0xF0, 0x00]), None);
        assert_eq!(sniff(&[0xFF, 0xFB, 0x9C, 0x00]), None);
        assert_eq!(sniff(&[0xFF; 64]), None);
    }

    #[test]
    fn kinds_serialize_lowercase() {
        assert_eq!(
            serde_json::to_string(&MediaKind::Video).unwrap(),
            "\"video\""
        );
        assert_eq!(
            serde_json::from_str::<MediaKind>("\"audio\"").unwrap(),
            MediaKind::Audio
        );
        assert_eq!(content_type(&riff(b"AVI ")), Some("video/x-msvideo"));
    }
}
