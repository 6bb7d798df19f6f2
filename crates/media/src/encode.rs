//! ffmpeg reading raw yuv420p frames from a pipe and writing an H.264 MP4, optionally with
//! the audio of another file; plus the check that what it wrote is what was asked for.

use std::path::{Path, PathBuf};
use std::time::Duration;

use tokio::io::AsyncWriteExt;
use tokio::process::ChildStdin;
use tokio_util::sync::CancellationToken;

use crate::error::MediaError;
use crate::frame::{Frame, FrameFormat, Rational, PIX_FMT};
use crate::probe::{AudioStreamInfo, MediaInfo};
use crate::process::{enlarge_pipe, Process, Tool};
use crate::{Media, ProcessGroup};

/// A finished output as measured by [`Media::verify_output`].
#[derive(Debug, Clone, PartialEq)]
pub struct VerifiedOutput {
    pub width: u32,
    pub height: u32,
    pub fps: f64,
    /// The container's duration (audio included).
    pub duration_seconds: f64,
    pub frame_count: u64,
    pub has_audio: bool,
}

#[derive(Debug, Clone)]
pub struct EncoderOptions {
    pub output: PathBuf,
    /// Size of the frames written to the pipe.
    pub format: FrameFormat,
    /// Frame `i` written to the pipe is at `i / rate` in the output.
    pub rate: Rational,
    /// Optional `-vf` chain run on the frames before encoding, e.g. [`Media::scale_filter`].
    /// The encoded size is whatever it produces; both sides must be even for yuv420p H.264.
    pub filter: Option<String>,
    pub preset: String,
    pub crf: u8,
    /// Extra libx264 options (`-x264-params`), e.g. `rc-lookahead=5:threads=4`.
    pub x264_params: Option<String>,
    /// Audio to mux in, typically the original clip's.
    pub audio: Option<AudioSource>,
    /// Frames that will be written, when known: the output (audio included) is cut to exactly
    /// `frame_count / rate`. Without it, audio is cut with `-shortest`.
    pub frame_count: Option<u64>,
}

impl EncoderOptions {
    pub fn new(output: impl Into<PathBuf>, format: FrameFormat, rate: Rational) -> Self {
        Self {
            output: output.into(),
            format,
            rate,
            filter: None,
            preset: "veryfast".to_owned(),
            crf: 18,
            x264_params: None,
            audio: None,
            frame_count: None,
        }
    }
}

#[derive(Debug, Clone)]
pub struct AudioSource {
    pub path: PathBuf,
    pub stream: AudioStreamInfo,
}

impl AudioSource {
    /// The probed file's audio, or `None` when it has none (the output is then silent).
    pub fn from_probe(path: impl Into<PathBuf>, info: &MediaInfo) -> Option<Self> {
        Some(Self {
            path: path.into(),
            stream: info.audio.clone()?,
        })
    }
}

pub struct Encoder {
    process: Process,
    stdin: Option<ChildStdin>,
    format: FrameFormat,
    frames_written: u64,
}

/// Where the encoder's pictures come from.
enum VideoSource<'a> {
    /// Raw frames of `EncoderOptions::format` written to stdin at `EncoderOptions::rate`.
    Pipe,
    /// A file ffmpeg decodes itself, converted to `EncoderOptions::rate`.
    File(&'a Path),
}

impl ProcessGroup {
    pub fn spawn_encoder(&self, options: EncoderOptions) -> Result<Encoder, MediaError> {
        let mut process = self.spawn(self.encoder_command(&options, VideoSource::Pipe))?;
        let stdin = process.take_stdin().expect("stdin is piped");
        enlarge_pipe(&stdin, options.format.frame_len());
        Ok(Encoder {
            process,
            stdin: Some(stdin),
            format: options.format,
            frames_written: 0,
        })
    }

    /// Encodes `input` with exactly the settings [`ProcessGroup::spawn_encoder`] would use for
    /// frames from a pipe (filter, rate, codec, audio), with ffmpeg doing the decoding: the
    /// "ffmpeg alone" baseline a frame pipeline is measured against. `options.format` is not
    /// used. Waits until the file is written.
    pub async fn transcode(&self, input: &Path, options: EncoderOptions) -> Result<(), MediaError> {
        let mut process = self.spawn(self.encoder_command(&options, VideoSource::File(input)))?;
        process.wait().await
    }

    fn encoder_command(
        &self,
        options: &EncoderOptions,
        source: VideoSource<'_>,
    ) -> crate::process::ProcessBuilder {
        let video_size = options.format.video_size();
        let rate = options.rate.to_string();
        let mut builder = self
            .media()
            .ffmpeg(self.media().config().process_timeout)
            .args(["-hide_banner", "-nostdin", "-v", "error", "-y"]);
        builder = match source {
            VideoSource::Pipe => builder
                .args([
                    "-f",
                    "rawvideo",
                    "-pix_fmt",
                    PIX_FMT,
                    "-video_size",
                    video_size.as_str(),
                ])
                .args(["-framerate", rate.as_str()])
                .input_stdin(),
            VideoSource::File(path) => builder.input_file(path),
        };
        if let Some(audio) = &options.audio {
            builder = builder.input_file(&audio.path);
        }
        builder = builder.args(["-map", "0:v:0"]);
        if let Some(filter) = &options.filter {
            builder = builder.args(["-vf", filter.as_str()]);
        }
        if let VideoSource::File(_) = source {
            builder = builder.args(["-fps_mode", "cfr", "-r", rate.as_str()]);
            // From a pipe the writer decides how many frames there are; from a file, this does.
            if let Some(frames) = options.frame_count {
                builder = builder.args(["-frames:v".to_owned(), frames.to_string()]);
            }
        }
        let crf = options.crf.to_string();
        builder = builder
            .args([
                "-c:v",
                "libx264",
                "-preset",
                options.preset.as_str(),
                "-crf",
                crf.as_str(),
            ])
            .args(["-pix_fmt", PIX_FMT])
            // Every pipeline works in BT.709 (sources are converted on decode): say so, or
            // players guess by size and an SD-sized output would be shown with BT.601.
            .args([
                "-colorspace",
                "bt709",
                "-color_primaries",
                "bt709",
                "-color_trc",
                "bt709",
                "-color_range",
                "tv",
            ]);
        if let Some(params) = &options.x264_params {
            builder = builder.args(["-x264-params", params.as_str()]);
        }
        if let Some(audio) = &options.audio {
            let map = format!("1:{}", audio.stream.index);
            builder = builder.args(["-map", map.as_str()]);
            builder = if audio.stream.codec == "aac" {
                builder.args(["-c:a", "copy"])
            } else {
                builder.args(["-c:a", "aac", "-b:a", "192k"])
            };
            builder = match options.frame_count {
                Some(frames) => builder.args(["-t".to_owned(), seconds(frames, options.rate)]),
                None => builder.arg("-shortest"),
            };
        }
        let mut output = std::ffi::OsString::from("file:");
        output.push(options.output.as_os_str());
        builder
            .args(["-movflags", "+faststart", "-f", "mp4"])
            .arg(output)
    }
}

/// `frames / rate` in seconds, to the microsecond ffmpeg parses. Rounding cannot drop the
/// last frame: it starts a whole frame duration before this point.
fn seconds(frames: u64, rate: Rational) -> String {
    let micros =
        u128::from(frames) * u128::from(rate.den) * 1_000_000 / u128::from(rate.num.max(1));
    format!("{}.{:06}", micros / 1_000_000, micros % 1_000_000)
}

impl Encoder {
    pub fn frames_written(&self) -> u64 {
        self.frames_written
    }

    pub async fn write_frame(&mut self, frame: &Frame) -> Result<(), MediaError> {
        self.process.ensure_not_cancelled().await?;
        if frame.format() != self.format {
            return Err(MediaError::Io {
                program: self.process.program(),
                source: std::io::Error::new(
                    std::io::ErrorKind::InvalidInput,
                    format!(
                        "frame is {:?}, encoder expects {:?}",
                        frame.format(),
                        self.format
                    ),
                ),
            });
        }
        let Some(stdin) = self.stdin.as_mut() else {
            return Err(MediaError::Io {
                program: self.process.program(),
                source: std::io::Error::from(std::io::ErrorKind::BrokenPipe),
            });
        };
        if let Err(err) = stdin.write_all(frame.as_bytes()).await {
            self.stdin = None;
            return Err(self.process.pipe_error(err).await);
        }
        self.frames_written += 1;
        Ok(())
    }

    /// Closes the pipe and waits for ffmpeg to write the file.
    pub async fn finish(mut self) -> Result<(), MediaError> {
        self.process.ensure_not_cancelled().await?;
        if let Some(mut stdin) = self.stdin.take() {
            if let Err(err) = stdin.shutdown().await {
                return Err(self.process.pipe_error(err).await);
            }
        }
        self.process.wait().await
    }

    /// Kills ffmpeg and waits until it is gone; whatever it wrote is garbage.
    pub async fn abort(mut self) {
        self.stdin = None;
        self.process.kill().await;
    }
}

impl Media {
    /// A `-vf` chain resizing to `width`x`height` with Lanczos: zscale when this ffmpeg has it
    /// (sharper and faster at large factors), else swscale. Square pixels either way.
    pub async fn scale_filter(&self, width: u32, height: u32) -> Result<String, MediaError> {
        Ok(if self.has_filter("zscale").await? {
            format!("zscale=w={width}:h={height}:filter=lanczos,setsar=1")
        } else {
            format!("scale={width}:{height}:flags=lanczos,setsar=1")
        })
    }

    /// Checks that an encoded file exists, is not empty, has a video stream and holds exactly
    /// `expected_frames` frames, and measures it. Problems are ours, not the user's: we wrote
    /// this file. Our own MP4s are read directly ([`crate::mp4`]); anything else, or an MP4
    /// that reader does not follow, goes to ffprobe.
    pub async fn verify_output(
        &self,
        path: &Path,
        expected_frames: u64,
    ) -> Result<VerifiedOutput, MediaError> {
        let size = tokio::fs::metadata(path)
            .await
            .map_err(|err| MediaError::BadOutput(format!("output file is missing: {err}")))?
            .len();
        if size == 0 {
            return Err(MediaError::BadOutput("output file is empty".into()));
        }
        let owned = path.to_owned();
        let read = tokio::task::spawn_blocking(move || crate::mp4::read(&owned))
            .await
            .unwrap_or_else(|err| Err(err.to_string()));
        let measured = match read {
            Ok(facts) => VerifiedOutput {
                width: facts.width,
                height: facts.height,
                fps: facts.fps_num as f64 / facts.fps_den as f64,
                duration_seconds: facts.duration_seconds,
                frame_count: facts.frames,
                has_audio: facts.has_audio,
            },
            Err(why) => {
                tracing::debug!(path = %path.display(), why, "output checked by ffprobe");
                self.probe_output(path).await?
            }
        };
        if measured.frame_count != expected_frames {
            return Err(MediaError::BadOutput(format!(
                "output has {} frames, expected {expected_frames}",
                measured.frame_count
            )));
        }
        Ok(measured)
    }

    async fn probe_output(&self, path: &Path) -> Result<VerifiedOutput, MediaError> {
        let info = self.probe(path).await.map_err(|err| match err {
            err if err.is_client_error() => {
                MediaError::BadOutput(format!("output is unreadable: {err}"))
            }
            err => err,
        })?;
        let video = info
            .video
            .as_ref()
            .ok_or_else(|| MediaError::BadOutput("output has no video stream".into()))?;
        let frame_count = match video.frame_count {
            Some(frames) => frames,
            None => self.count_video_frames(path).await?,
        };
        Ok(VerifiedOutput {
            width: video.width,
            height: video.height,
            fps: video.fps,
            duration_seconds: info.duration_seconds,
            frame_count,
            has_audio: info.has_audio(),
        })
    }

    /// Asks ffmpeg once, at start, what every job would otherwise ask it first (its filter
    /// list: whether zimg's `zscale` is there), so no job pays for the extra process. Returns
    /// the scaler in use, for the start-up log.
    pub async fn warm_up(&self) -> Result<&'static str, MediaError> {
        Ok(if self.has_filter("zscale").await? {
            "zscale (zimg)"
        } else {
            "swscale (no zscale in this ffmpeg)"
        })
    }

    pub(crate) async fn has_filter(&self, name: &str) -> Result<bool, MediaError> {
        let filters = self
            .inner
            .filters
            .get_or_try_init(|| async {
                let cancel = CancellationToken::new();
                let group = self.process_group(1, &cancel).await?;
                let listing = self
                    .ffmpeg(self.config().probe_timeout)
                    .args(["-hide_banner", "-nostdin", "-filters"])
                    .capture_stdout(group.permit(), &cancel)
                    .await?;
                Ok::<_, MediaError>(parse_filter_names(&String::from_utf8_lossy(&listing)))
            })
            .await?;
        Ok(filters.iter().any(|filter| filter == name))
    }

    pub(crate) fn ffmpeg(&self, timeout: Duration) -> crate::process::ProcessBuilder {
        crate::process::ProcessBuilder::new(Tool::Ffmpeg, &self.config().ffmpeg, timeout)
    }
}

/// `ffmpeg -filters` lines look like ` TSC zscale            V->V       Apply resizing...`.
fn parse_filter_names(listing: &str) -> Vec<String> {
    listing
        .lines()
        .filter_map(|line| {
            let mut words = line.split_whitespace();
            let flags = words.next()?;
            let name = words.next()?;
            let io = words.next()?;
            (flags.len() == 3 && io.contains("->")).then(|| name.to_owned())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn duration_limit_is_exact_to_the_microsecond() {
        assert_eq!(seconds(60, Rational::integer(30)), "2.000000");
        assert_eq!(seconds(48, Rational::integer(24)), "2.000000");
        assert_eq!(seconds(60, Rational::new(30000, 1001)), "2.002000");
        assert_eq!(seconds(1, Rational::integer(60)), "0.016666");
    }

    #[test]
    fn filter_listing_is_parsed() {
        let listing = "Filters:\n  T.. = Timeline support\n  ...\n \
                       ... alphaextract      V->V       Extract an alpha channel.\n \
                       .SC zscale            V->V       Apply resizing, colorspace and bit depth conversion.\n";
        assert_eq!(parse_filter_names(listing), ["alphaextract", "zscale"]);
    }
}
