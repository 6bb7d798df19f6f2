//! The facts an output check needs, read straight from an MP4's `moov` box: the video
//! track's size, sample count and frame rate, the movie's duration, whether there is sound.
//!
//! Every job's output is an MP4 that Recut's own encoder wrote (ffmpeg's muxer, `moov` first
//! after `+faststart`), and checking it with ffprobe cost a process start, about 50 ms of a
//! 720p edit's 1.3 s floor. Reading a few boxes costs microseconds. Anything this reader does
//! not expect makes it give up, and the caller falls back to ffprobe: it never guesses.

use std::io::{Read, Seek, SeekFrom};
use std::path::Path;

/// What [`read`] found.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Mp4Facts {
    pub width: u32,
    pub height: u32,
    /// The video track's samples: one per frame.
    pub frames: u64,
    /// Frames per second as the track's timing gives it, reduced.
    pub fps_num: u64,
    pub fps_den: u64,
    /// The movie header's duration (what ffprobe reports as the format's).
    pub duration_seconds: f64,
    pub has_audio: bool,
}

/// A `moov` larger than this is not one of ours (a 4-hour 60 fps track's sample table is
/// about 3.5 MB).
const MAX_MOOV_BYTES: u64 = 64 << 20;

/// Reads `path`'s movie box. `Err` says why it is not an MP4 this reader understands.
pub(crate) fn read(path: &Path) -> Result<Mp4Facts, String> {
    let mut file = std::fs::File::open(path).map_err(|err| err.to_string())?;
    let length = file.metadata().map_err(|err| err.to_string())?.len();
    let mut at = 0u64;
    while at + 8 <= length {
        file.seek(SeekFrom::Start(at))
            .map_err(|err| err.to_string())?;
        let mut header = [0u8; 16];
        file.read_exact(&mut header[..8])
            .map_err(|err| err.to_string())?;
        let mut size = u64::from(u32::from_be_bytes(header[..4].try_into().unwrap()));
        let mut header_len = 8;
        if size == 1 {
            file.read_exact(&mut header[8..])
                .map_err(|err| err.to_string())?;
            size = u64::from_be_bytes(header[8..].try_into().unwrap());
            header_len = 16;
        } else if size == 0 {
            size = length - at;
        }
        if size < header_len || at + size > length {
            return Err(format!("a box at byte {at} runs past the end of the file"));
        }
        if &header[4..8] == b"moov" {
            let body = size - header_len;
            if body > MAX_MOOV_BYTES {
                return Err(format!("the movie box is {body} bytes"));
            }
            let mut moov = vec![0u8; body as usize];
            file.read_exact(&mut moov).map_err(|err| err.to_string())?;
            return facts(&moov);
        }
        at += size;
    }
    Err("no movie box".into())
}

/// The boxes directly inside `data`, as (type, body).
fn boxes(data: &[u8]) -> impl Iterator<Item = Result<(&[u8], &[u8]), String>> {
    let mut rest = data;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let parsed = (|| {
            let size = u64::from(be32(rest, 0)?);
            let (size, header) = match size {
                1 => (be64(rest, 8)?, 16),
                0 => (rest.len() as u64, 8),
                size => (size, 8),
            };
            if size < header as u64 || size > rest.len() as u64 {
                return Err("a box runs past its parent".to_owned());
            }
            let (whole, after) = rest.split_at(size as usize);
            rest = after;
            Ok((&whole[4..8], &whole[header..]))
        })();
        if parsed.is_err() {
            rest = &[];
        }
        Some(parsed)
    })
}

/// The first child of type `kind`, if any.
fn child<'a>(data: &'a [u8], kind: &[u8; 4]) -> Result<Option<&'a [u8]>, String> {
    for parsed in boxes(data) {
        let (found, body) = parsed?;
        if found == kind {
            return Ok(Some(body));
        }
    }
    Ok(None)
}

fn required<'a>(data: &'a [u8], kind: &[u8; 4]) -> Result<&'a [u8], String> {
    child(data, kind)?.ok_or_else(|| format!("no {} box", String::from_utf8_lossy(kind)))
}

fn be32(data: &[u8], at: usize) -> Result<u32, String> {
    data.get(at..at + 4)
        .map(|b| u32::from_be_bytes(b.try_into().unwrap()))
        .ok_or_else(|| "a box is shorter than its fields".to_owned())
}

fn be64(data: &[u8], at: usize) -> Result<u64, String> {
    data.get(at..at + 8)
        .map(|b| u64::from_be_bytes(b.try_into().unwrap()))
        .ok_or_else(|| "a box is shorter than its fields".to_owned())
}

/// Timescale and duration of a `mvhd` or `mdhd` body (the same layout up to there).
fn time_header(body: &[u8]) -> Result<(u32, u64), String> {
    match body.first() {
        Some(0) => Ok((be32(body, 12)?, u64::from(be32(body, 16)?))),
        Some(1) => Ok((be32(body, 20)?, be64(body, 24)?)),
        _ => Err("a time header of an unknown version".into()),
    }
}

fn facts(moov: &[u8]) -> Result<Mp4Facts, String> {
    let (timescale, duration) = time_header(required(moov, b"mvhd")?)?;
    if timescale == 0 {
        return Err("the movie has no timescale".into());
    }
    let mut video = None;
    let mut has_audio = false;
    for parsed in boxes(moov) {
        let (kind, trak) = parsed?;
        if kind != b"trak" {
            continue;
        }
        let mdia = required(trak, b"mdia")?;
        let handler = required(mdia, b"hdlr")?;
        let handler = handler.get(8..12).ok_or("a short handler box")?;
        if handler == b"soun" {
            has_audio = true;
        }
        if handler != b"vide" || video.is_some() {
            continue;
        }
        let (track_scale, _) = time_header(required(mdia, b"mdhd")?)?;
        let stbl = required(required(mdia, b"minf")?, b"stbl")?;
        let frames = u64::from(be32(required(stbl, b"stsz")?, 8)?);
        // The frame rate as ffmpeg's demuxer derives it: from the first duration when every
        // sample but perhaps the last has it, else samples over the sum of their durations.
        let stts = required(stbl, b"stts")?;
        let entries = be32(stts, 4)? as usize;
        let entry = |k: usize| -> Result<(u64, u64), String> {
            Ok((
                u64::from(be32(stts, 8 + k * 8)?),
                u64::from(be32(stts, 12 + k * 8)?),
            ))
        };
        let (rate_num, rate_den) = if entries == 1 || (entries == 2 && entry(1)?.0 == 1) {
            (u64::from(track_scale), entry(0)?.1)
        } else {
            let mut ticks = 0u64;
            for k in 0..entries {
                let (count, delta) = entry(k)?;
                ticks += count * delta;
            }
            (u64::from(track_scale) * frames, ticks)
        };
        // The display size: the track header's, in 16.16 fixed point.
        let tkhd = required(trak, b"tkhd")?;
        let size_at = match tkhd.first() {
            Some(0) => 76,
            Some(1) => 88,
            _ => return Err("a track header of an unknown version".into()),
        };
        let width = be32(tkhd, size_at)? >> 16;
        let height = be32(tkhd, size_at + 4)? >> 16;
        // ffmpeg writes a rotation into the matrix; a rotated track is not one of ours.
        if be32(tkhd, size_at - 36)? != 0x0001_0000 || be32(tkhd, size_at - 20)? != 0x0001_0000 {
            return Err("the video track is rotated or stretched".into());
        }
        video = Some((width, height, frames, rate_num, rate_den));
    }
    let (width, height, frames, fps_num, fps_den) = video.ok_or("no video track")?;
    if frames == 0 || fps_den == 0 || fps_num == 0 {
        return Err("the video track has no timed samples".into());
    }
    let common = gcd(fps_num, fps_den);
    Ok(Mp4Facts {
        width,
        height,
        frames,
        fps_num: fps_num / common,
        fps_den: fps_den / common,
        duration_seconds: duration as f64 / f64::from(timescale),
        has_audio,
    })
}

fn gcd(mut a: u64, mut b: u64) -> u64 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A box: size, type, body.
    fn boxed(kind: &[u8; 4], body: &[u8]) -> Vec<u8> {
        let mut out = ((body.len() + 8) as u32).to_be_bytes().to_vec();
        out.extend_from_slice(kind);
        out.extend_from_slice(body);
        out
    }

    fn mvhd(timescale: u32, duration: u32) -> Vec<u8> {
        let mut body = vec![0u8; 100];
        body[12..16].copy_from_slice(&timescale.to_be_bytes());
        body[16..20].copy_from_slice(&duration.to_be_bytes());
        boxed(b"mvhd", &body)
    }

    fn video_trak(matrix_a: u32, stts: &[(u32, u32)], samples: u32) -> Vec<u8> {
        let mut tkhd = vec![0u8; 84];
        tkhd[40..44].copy_from_slice(&matrix_a.to_be_bytes());
        tkhd[56..60].copy_from_slice(&0x0001_0000u32.to_be_bytes());
        tkhd[76..80].copy_from_slice(&(1280u32 << 16).to_be_bytes());
        tkhd[80..84].copy_from_slice(&(720u32 << 16).to_be_bytes());
        let mut hdlr = vec![0u8; 24];
        hdlr[8..12].copy_from_slice(b"vide");
        let mut mdhd = vec![0u8; 24];
        mdhd[12..16].copy_from_slice(&12_800u32.to_be_bytes());
        let mut stts_body = vec![0u8; 4];
        stts_body.extend_from_slice(&(stts.len() as u32).to_be_bytes());
        for (count, delta) in stts {
            stts_body.extend_from_slice(&count.to_be_bytes());
            stts_body.extend_from_slice(&delta.to_be_bytes());
        }
        let mut stsz = vec![0u8; 12];
        stsz[8..12].copy_from_slice(&samples.to_be_bytes());
        let stbl = [boxed(b"stts", &stts_body), boxed(b"stsz", &stsz)].concat();
        let minf = boxed(b"stbl", &stbl);
        let mdia = [
            boxed(b"mdhd", &mdhd),
            boxed(b"hdlr", &hdlr),
            boxed(b"minf", &minf),
        ]
        .concat();
        boxed(
            b"trak",
            &[boxed(b"tkhd", &tkhd), boxed(b"mdia", &mdia)].concat(),
        )
    }

    #[test]
    fn reads_size_frames_rate_and_duration() {
        let moov = [
            mvhd(1000, 2040),
            video_trak(0x0001_0000, &[(50, 512), (1, 256)], 51),
        ]
        .concat();
        let read = facts(&moov).unwrap();
        assert_eq!(
            read,
            Mp4Facts {
                width: 1280,
                height: 720,
                frames: 51,
                fps_num: 25,
                fps_den: 1,
                duration_seconds: 2.04,
                has_audio: false,
            }
        );
        // Uneven timing: samples over the summed durations.
        let moov = [
            mvhd(1000, 2000),
            video_trak(0x0001_0000, &[(10, 512), (10, 1024)], 20),
        ]
        .concat();
        let read = facts(&moov).unwrap();
        assert_eq!((read.fps_num, read.fps_den), (50, 3));
    }

    #[test]
    fn gives_up_on_what_it_does_not_expect() {
        let rotated = [mvhd(1000, 2000), video_trak(0, &[(50, 512)], 50)].concat();
        assert!(facts(&rotated).is_err());
        let no_video = mvhd(1000, 2000);
        assert!(facts(&no_video).is_err());
        let mut cut = [mvhd(1000, 2000), video_trak(0x0001_0000, &[(50, 512)], 50)].concat();
        cut.truncate(cut.len() - 10);
        assert!(facts(&cut).is_err());
    }
}
