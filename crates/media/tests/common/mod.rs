//! Test clips, generated with ffmpeg's lavfi sources into a temporary directory.

#![allow(dead_code)] // each test binary uses a different subset

use std::path::{Path, PathBuf};
use std::process::Command;

use recut_media::{Media, MediaConfig};

pub fn media() -> Media {
    Media::new(MediaConfig::default())
}

/// Runs ffmpeg directly (fixtures only; the code under test goes through the wrapper).
pub fn ffmpeg(args: &[&str]) {
    let output = Command::new("ffmpeg")
        .args(["-hide_banner", "-v", "error", "-y"])
        .args(args)
        .output()
        .expect("ffmpeg is installed");
    assert!(
        output.status.success(),
        "ffmpeg {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// A `testsrc2` clip, with a 440 Hz sine track when `audio_codec` is set.
pub fn clip(
    dir: &Path,
    name: &str,
    size: &str,
    rate: &str,
    seconds: f64,
    audio_codec: Option<&str>,
) -> PathBuf {
    let path = dir.join(name);
    let video = format!("testsrc2=size={size}:rate={rate}:duration={seconds}");
    let mut args = vec!["-f", "lavfi", "-i", video.as_str()];
    let audio = format!("sine=frequency=440:sample_rate=48000:duration={seconds}");
    if audio_codec.is_some() {
        args.extend(["-f", "lavfi", "-i", audio.as_str()]);
    }
    args.extend([
        "-c:v",
        "libx264",
        "-preset",
        "ultrafast",
        "-pix_fmt",
        "yuv420p",
    ]);
    if let Some(codec) = audio_codec {
        args.extend(["-c:a", codec]);
    }
    args.push(path.to_str().unwrap());
    ffmpeg(&args);
    path
}

/// 4 KiB of noise. (Much more noise starts to look like raw H.263 to ffmpeg's probing.)
pub fn random_bytes(dir: &Path, name: &str) -> PathBuf {
    let path = dir.join(name);
    let mut state = 0x2545_F491_4F6C_DD1Du64;
    let bytes: Vec<u8> = (0..4096)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state >> 24) as u8
        })
        .collect();
    std::fs::write(&path, bytes).unwrap();
    path
}

/// The first half of an MP4 whose index (moov) is at the end: not decodable.
pub fn truncated_mp4(dir: &Path, name: &str) -> PathBuf {
    let full = clip(dir, &format!("full-{name}"), "160x90", "25", 1.0, None);
    let bytes = std::fs::read(&full).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, &bytes[..bytes.len() / 2]).unwrap();
    path
}
