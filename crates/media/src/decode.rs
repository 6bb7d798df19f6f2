//! ffmpeg decoding a local file into raw yuv420p frames on a pipe, one frame at a time.

use std::path::PathBuf;

use tokio::io::AsyncReadExt;
use tokio::process::ChildStdout;

use crate::error::MediaError;
use crate::frame::{Frame, FrameFormat, Rational, PIX_FMT};
use crate::probe::VideoStreamInfo;
use crate::process::{enlarge_pipe, Process};
use crate::ProcessGroup;

#[derive(Debug, Clone)]
pub struct DecoderOptions {
    pub input: PathBuf,
    /// Stream to decode (`-map 0:<index>`); the first video stream when `None`.
    pub stream_index: Option<u32>,
    /// Frames come out at exactly this constant rate, duplicated or dropped by ffmpeg as
    /// needed, so frame `k` shows the source at time `k / rate`.
    pub rate: Rational,
    /// Size of the frames on the pipe. Must be what `filter` produces (the display size of
    /// the stream when there is no filter): the pipe carries no framing.
    pub format: FrameFormat,
    /// Filters that turn the stored picture into the shown one, run before `filter`:
    /// deinterlacing, HDR tone mapping, the BT.709 matrix (see [`Media::decoder_for`]).
    pub source: Option<String>,
    /// Optional `-vf` chain, applied before the rate conversion. When set, it must end at
    /// `format`'s size (it replaces the square-pixel resample `for_stream` puts here).
    pub filter: Option<String>,
    /// Frames the decoder may skip, for measuring statistics over a clip.
    pub skim: Skim,
}

/// Which frames a decoder skips (`-skip_frame`). A skimming decode is for statistics, never
/// for pictures that are shown: frames come out unevenly spaced, at the stream's own timing
/// (`rate` is ignored), without the deblocking filter, at a fraction of a full decode's cost.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Skim {
    /// Every frame, at `rate`.
    #[default]
    Off,
    /// The frames other frames refer to: B-frames are skipped.
    ReferenceFrames,
    /// Key frames only: the cheapest look at a clip, often only a handful of frames.
    KeyFrames,
}

/// Crops a picture with an odd side (853x481) to the even size 4:2:0 frames can hold: its
/// last column or row goes.
const ODD_SIDE_CROP: &str = "crop=trunc(iw/2)*2:trunc(ih/2)*2:0:0";

impl DecoderOptions {
    /// Decodes a probed stream at its own size and average rate.
    pub fn for_stream(input: impl Into<PathBuf>, video: &VideoStreamInfo) -> Self {
        Self {
            input: input.into(),
            stream_index: Some(video.index),
            rate: video.frame_rate(),
            format: FrameFormat::new(video.width, video.height),
            source: video.odd_sized.then(|| ODD_SIDE_CROP.to_owned()),
            // Anamorphic pixels are resampled to the square-pixel size the probe reports, so
            // every engine sees the picture as it is shown.
            filter: video.sample_aspect.map(|_| {
                format!(
                    "scale={}:{}:flags=lanczos,setsar=1",
                    video.width, video.height
                )
            }),
            skim: Skim::Off,
        }
    }
}

pub struct Decoder {
    process: Process,
    stdout: Option<ChildStdout>,
    options: DecoderOptions,
    frames_read: u64,
}

impl crate::Media {
    /// [`DecoderOptions::for_stream`], with the filters that make every source look as it
    /// is meant to be shown in the BT.709 yuv420p the engines work in and the encoder tags:
    /// - interlaced streams are deinterlaced with bwdif: one frame per frame, or, with
    ///   `field_rate`, one frame per field at twice the rate (each field is a moment of its
    ///   own: 29.97i holds 59.94 real pictures a second);
    /// - HDR (PQ or HLG) is tone-mapped to SDR BT.709 (zimg; Mobius for HLG, which keeps the
    ///   mid-tones, Hable for PQ's brighter masters), where this ffmpeg has zscale;
    /// - standard-definition BT.601 YUV (tagged, or untagged under 720 lines, as players
    ///   assume) and RGB sources are converted to the BT.709 matrix, so an upscaled SD clip
    ///   keeps its colours in an HD file.
    pub async fn decoder_for(
        &self,
        input: impl Into<PathBuf>,
        video: &VideoStreamInfo,
        field_rate: bool,
    ) -> Result<DecoderOptions, MediaError> {
        let mut options = DecoderOptions::for_stream(input, video);
        // First, so that the colour conversions below (which take even sizes only) and the
        // 4:2:0 frames see an even picture.
        let mut chain: Vec<String> = options.source.take().into_iter().collect();
        if video.is_interlaced() {
            let mode = if field_rate {
                options.rate = Rational::new(video.fps_num * 2, video.fps_den);
                "send_field"
            } else {
                "send_frame"
            };
            chain.push(format!("bwdif=mode={mode}:parity=auto:deint=interlaced"));
        }
        if video.is_hdr() && self.has_filter("zscale").await? {
            let curve = if video.color_transfer.as_deref() == Some("arib-std-b67") {
                "mobius"
            } else {
                "hable"
            };
            chain.push(format!(
                "zscale=t=linear:npl=100,format=gbrpf32le,zscale=p=bt709,tonemap=tonemap={curve}:desat=0,zscale=t=bt709:m=bt709:r=tv,format=yuv420p"
            ));
        } else if video.is_rgb() {
            chain.push("scale=out_color_matrix=bt709:out_range=tv,format=yuv420p".to_owned());
        } else if video.uses_sd_matrix() {
            // Matrix only (`fast`): the SD and HD primaries differ by less than the matrix
            // does, and a full conversion would go through linear light for little.
            let input = if video.color_space.as_deref() == Some("smpte170m") {
                "bt601-6-525"
            } else {
                "bt601-6-625"
            };
            chain.push(format!(
                "colorspace=all=bt709:iall={input}:fast=1:format=yuv420p"
            ));
        }
        options.source = (!chain.is_empty()).then(|| chain.join(","));
        Ok(options)
    }
}

impl ProcessGroup {
    pub fn spawn_decoder(&self, options: DecoderOptions) -> Result<Decoder, MediaError> {
        let map = match options.stream_index {
            Some(index) => format!("0:{index}"),
            None => "0:v:0".to_owned(),
        };
        let mut builder = self
            .media()
            .ffmpeg(self.media().config().process_timeout)
            // -xerror: a corrupt or truncated stream fails the job instead of quietly
            // producing frozen or missing frames.
            .args(["-hide_banner", "-nostdin", "-v", "error", "-xerror"]);
        let skip = match options.skim {
            Skim::Off => None,
            Skim::ReferenceFrames => Some("bidir"),
            Skim::KeyFrames => Some("nokey"),
        };
        if let Some(skip) = skip {
            builder = builder.args(["-skip_frame", skip, "-skip_loop_filter", "all"]);
        }
        builder =
            builder
                .input_file(&options.input)
                .args(["-map", map.as_str(), "-an", "-sn", "-dn"]);
        let chain: Vec<&str> = [options.source.as_deref(), options.filter.as_deref()]
            .into_iter()
            .flatten()
            .collect();
        if !chain.is_empty() {
            builder = builder.args(["-vf".to_owned(), chain.join(",")]);
        }
        builder = if skip.is_some() {
            builder.args(["-fps_mode", "passthrough"])
        } else {
            let rate = options.rate.to_string();
            builder.args(["-fps_mode", "cfr", "-r", rate.as_str()])
        };
        let mut process = self.spawn(
            builder
                .args(["-pix_fmt", PIX_FMT, "-f", "rawvideo", "pipe:1"])
                .piped_stdout(),
        )?;
        let stdout = process.take_stdout().expect("stdout is piped");
        enlarge_pipe(&stdout, options.format.frame_len());
        Ok(Decoder {
            process,
            stdout: Some(stdout),
            options,
            frames_read: 0,
        })
    }
}

impl Decoder {
    pub fn format(&self) -> FrameFormat {
        self.options.format
    }

    pub fn rate(&self) -> Rational {
        self.options.rate
    }

    pub fn frames_read(&self) -> u64 {
        self.frames_read
    }

    /// Reads the next frame into `frame` (reshaped to the decoder's format if needed).
    /// `Ok(false)` once ffmpeg has finished cleanly; a failed decode is the input's fault
    /// ([`MediaError::Undecodable`]) unless it was a timeout, a cancellation or a signal.
    pub async fn next_frame(&mut self, frame: &mut Frame) -> Result<bool, MediaError> {
        self.process.ensure_not_cancelled().await?;
        let Some(stdout) = self.stdout.as_mut() else {
            return Ok(false);
        };
        if frame.format() != self.options.format {
            frame.reshape(self.options.format);
        }
        let buf = frame.as_bytes_mut();
        let mut filled = 0;
        while filled < buf.len() {
            match stdout.read(&mut buf[filled..]).await {
                Ok(0) => break,
                Ok(n) => filled += n,
                Err(err) if err.kind() == std::io::ErrorKind::Interrupted => {}
                Err(err) => {
                    self.stdout = None;
                    let err = self.process.pipe_error(err).await;
                    return Err(self.blame_input(err));
                }
            }
        }
        if filled == buf.len() {
            self.frames_read += 1;
            return Ok(true);
        }

        self.stdout = None;
        self.process
            .wait()
            .await
            .map_err(|err| self.blame_input(err))?;
        if filled > 0 {
            return Err(MediaError::Io {
                program: self.process.program(),
                source: std::io::Error::new(
                    std::io::ErrorKind::UnexpectedEof,
                    format!("decoder output ended {filled} bytes into a frame"),
                ),
            });
        }
        if self.frames_read == 0 {
            return Err(MediaError::Undecodable {
                detail: "no video frames could be decoded".into(),
            });
        }
        Ok(false)
    }

    /// Stops ffmpeg if frames are left that nobody wants, and waits until it is gone.
    pub async fn close(mut self) {
        self.stdout = None;
        self.process.kill().await;
    }

    fn blame_input(&self, err: MediaError) -> MediaError {
        err.blame_input(&self.options.input, |detail| MediaError::Undecodable {
            detail,
        })
    }
}
