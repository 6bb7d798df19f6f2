//! ffprobe, parsed into the facts the rest of Recut needs.

use std::path::Path;

use serde::{Deserialize, Serialize};
use tokio_util::sync::CancellationToken;

use crate::error::MediaError;
use crate::frame::Rational;
use crate::Media;

/// What ffprobe found in a file. Stored as JSON beside uploads and jobs, so fields are only
/// ever added (as `Option` or with a default), never renamed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MediaInfo {
    /// ffprobe's demuxer name, e.g. `mov,mp4,m4a,3gp,3g2,mj2`.
    pub format_name: String,
    /// Container duration, else the video stream's, else the audio stream's; 0 if unknown
    /// (still images).
    pub duration_seconds: f64,
    pub size_bytes: Option<u64>,
    pub video: Option<VideoStreamInfo>,
    pub audio: Option<AudioStreamInfo>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VideoStreamInfo {
    /// Index of the stream in the file, for `-map 0:<index>`.
    #[serde(default)]
    pub index: u32,
    pub codec: String,
    /// Display size in square pixels: already swapped when `rotation` is 90 or 270, matching
    /// the frames ffmpeg decodes (it applies the rotation itself), and already stretched by a
    /// non-square `sample_aspect` (anamorphic DV, HDV, DVD), which the decoder then resamples
    /// to this size.
    pub width: u32,
    pub height: u32,
    /// The stored pixels' shape when it is not square ("32:27" for 16:9 NTSC DV), `None`
    /// for square pixels or when the file does not say.
    #[serde(default)]
    pub sample_aspect: Option<Rational>,
    pub fps_num: u32,
    pub fps_den: u32,
    /// `avg_frame_rate`, falling back to `r_frame_rate`; 0 when neither is known.
    pub fps: f64,
    pub frame_count: Option<u64>,
    /// Clockwise rotation applied for display, normalised to 0, 90, 180 or 270.
    pub rotation: i32,
    pub pix_fmt: Option<String>,
    /// `progressive`, or the field order of an interlaced stream (`tt`, `bb`, `tb`, `bt`).
    #[serde(default)]
    pub field_order: Option<String>,
    /// Colour tags as ffprobe names them (`bt709`, `bt470bg`, `smpte170m`, `bt2020nc`;
    /// transfer `smpte2084` is PQ, `arib-std-b67` HLG); `None` when untagged.
    #[serde(default)]
    pub color_space: Option<String>,
    #[serde(default)]
    pub color_transfer: Option<String>,
    /// The stream's own duration, when the container states one.
    #[serde(default)]
    pub duration_seconds: Option<f64>,
    /// The stored picture has an odd side, which 4:2:0 frames cannot hold: the decoder
    /// crops its last row or column, and `width` and `height` are already the even size.
    #[serde(default)]
    pub odd_sized: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AudioStreamInfo {
    #[serde(default)]
    pub index: u32,
    pub codec: String,
    pub sample_rate: u32,
    pub channels: u32,
}

impl MediaInfo {
    pub fn has_audio(&self) -> bool {
        self.audio.is_some()
    }

    /// The video stream, if it is something the frame pipeline can work with: a stream with a
    /// size, a frame rate and a length.
    pub fn require_video(&self) -> Result<&VideoStreamInfo, MediaError> {
        let video = self.video.as_ref().ok_or(MediaError::NoVideoStream)?;
        if video.width == 0 || video.height == 0 {
            return Err(MediaError::Unsupported(
                "the video stream has no frame size".into(),
            ));
        }
        if video.fps_num == 0 || video.fps_den == 0 {
            return Err(MediaError::Unsupported(
                "the video stream has no frame rate".into(),
            ));
        }
        if self.video_duration_seconds() <= 0.0 {
            return Err(MediaError::ZeroDuration);
        }
        Ok(video)
    }

    /// Length of the video track: the stream's own duration when known (audio may run longer
    /// than the pictures), else the container's.
    pub fn video_duration_seconds(&self) -> f64 {
        self.video
            .as_ref()
            .and_then(|video| video.duration_seconds)
            .filter(|seconds| *seconds > 0.0)
            .unwrap_or(self.duration_seconds)
    }
}

impl VideoStreamInfo {
    pub fn frame_rate(&self) -> Rational {
        Rational::new(self.fps_num, self.fps_den)
    }

    /// Whether the stream says its frames are two fields each.
    pub fn is_interlaced(&self) -> bool {
        matches!(self.field_order.as_deref(), Some("tt" | "bb" | "tb" | "bt"))
    }

    /// Whether the stream is high dynamic range: PQ (HDR10, Dolby Vision's base) or HLG
    /// (phones' default HDR).
    pub fn is_hdr(&self) -> bool {
        matches!(
            self.color_transfer.as_deref(),
            Some("smpte2084" | "arib-std-b67")
        )
    }

    /// Whether the stored colours are RGB rather than YUV (Cinepak, PNG sequences, ...).
    pub fn is_rgb(&self) -> bool {
        self.pix_fmt.as_deref().is_some_and(|format| {
            format.starts_with("rgb")
                || format.starts_with("bgr")
                || format.starts_with("gbr")
                || format.starts_with("argb")
                || format.starts_with("abgr")
                || format.starts_with("pal8")
        })
    }

    /// Whether the YUV uses the standard-definition (BT.601) matrix: as tagged, or, untagged,
    /// what players assume for a picture under 720 lines.
    pub fn uses_sd_matrix(&self) -> bool {
        match self.color_space.as_deref() {
            Some(space) => matches!(space, "bt470bg" | "smpte170m"),
            None => self.width.min(self.height) < 720,
        }
    }
}

impl Media {
    /// Probes a local file. Fails with a client error when ffprobe cannot read it; a readable
    /// file without video is not an error here (see [`MediaInfo::require_video`]).
    pub async fn probe(&self, path: &Path) -> Result<MediaInfo, MediaError> {
        self.probe_cancellable(path, &CancellationToken::new())
            .await
    }

    pub async fn probe_cancellable(
        &self,
        path: &Path,
        cancel: &CancellationToken,
    ) -> Result<MediaInfo, MediaError> {
        let group = self.process_group(1, cancel).await?;
        let json = self
            .ffprobe()
            .args([
                "-v",
                "error",
                "-print_format",
                "json",
                "-show_format",
                "-show_streams",
            ])
            .input_file(path)
            .capture_stdout(group.permit(), cancel)
            .await
            .map_err(|err| err.blame_input(path, |detail| MediaError::Unreadable { detail }))?;
        parse_ffprobe_json(&json)
    }

    /// Counts the packets of the first video stream, for containers that do not store a frame
    /// count. Reads the whole file, so it is only a fallback.
    pub(crate) async fn count_video_frames(&self, path: &Path) -> Result<u64, MediaError> {
        let cancel = CancellationToken::new();
        let group = self.process_group(1, &cancel).await?;
        let json = self
            .ffprobe()
            .args(["-v", "error", "-select_streams", "v:0", "-count_packets"])
            .args([
                "-show_entries",
                "stream=index,nb_read_packets",
                "-print_format",
                "json",
            ])
            .input_file(path)
            .capture_stdout(group.permit(), &cancel)
            .await?;
        let parsed: FfprobeOutput = serde_json::from_slice(&json)
            .map_err(|err| MediaError::ProbeOutput(err.to_string()))?;
        parsed
            .streams
            .first()
            .and_then(|stream| parse_count(stream.nb_read_packets.as_deref()))
            .ok_or_else(|| MediaError::ProbeOutput("no packet count for the video stream".into()))
    }
}

#[derive(Deserialize)]
struct FfprobeOutput {
    #[serde(default)]
    streams: Vec<FfprobeStream>,
    format: Option<FfprobeFormat>,
}

#[derive(Deserialize)]
struct FfprobeStream {
    index: u32,
    codec_type: Option<String>,
    codec_name: Option<String>,
    width: Option<u32>,
    height: Option<u32>,
    avg_frame_rate: Option<String>,
    r_frame_rate: Option<String>,
    nb_frames: Option<String>,
    nb_read_packets: Option<String>,
    duration: Option<String>,
    pix_fmt: Option<String>,
    sample_aspect_ratio: Option<String>,
    field_order: Option<String>,
    color_space: Option<String>,
    color_transfer: Option<String>,
    sample_rate: Option<String>,
    channels: Option<u32>,
    tags: Option<FfprobeStreamTags>,
    #[serde(default)]
    side_data_list: Vec<FfprobeSideData>,
    disposition: Option<FfprobeDisposition>,
}

#[derive(Deserialize)]
struct FfprobeStreamTags {
    rotate: Option<String>,
}

#[derive(Deserialize)]
struct FfprobeSideData {
    side_data_type: Option<String>,
    rotation: Option<f64>,
}

#[derive(Deserialize)]
struct FfprobeDisposition {
    #[serde(default)]
    attached_pic: u8,
}

#[derive(Deserialize)]
struct FfprobeFormat {
    format_name: Option<String>,
    duration: Option<String>,
    size: Option<String>,
}

pub(crate) fn parse_ffprobe_json(json: &[u8]) -> Result<MediaInfo, MediaError> {
    let parsed: FfprobeOutput =
        serde_json::from_slice(json).map_err(|err| MediaError::ProbeOutput(err.to_string()))?;
    let format = parsed
        .format
        .ok_or_else(|| MediaError::ProbeOutput("no format section".into()))?;

    let video = parsed
        .streams
        .iter()
        .filter(|stream| stream.codec_type.as_deref() == Some("video"))
        // Cover art in audio files and thumbnails in MP4s are "video" streams of one picture.
        .find(|stream| {
            stream
                .disposition
                .as_ref()
                .is_none_or(|d| d.attached_pic == 0)
        })
        .map(video_stream_info);
    let audio = parsed
        .streams
        .iter()
        .find(|stream| stream.codec_type.as_deref() == Some("audio"))
        .map(|stream| AudioStreamInfo {
            index: stream.index,
            codec: stream.codec_name.clone().unwrap_or_default(),
            sample_rate: stream
                .sample_rate
                .as_deref()
                .and_then(|rate| rate.parse().ok())
                .unwrap_or(0),
            channels: stream.channels.unwrap_or(0),
        });

    let stream_duration = |kind: &str| {
        parsed
            .streams
            .iter()
            .filter(|stream| stream.codec_type.as_deref() == Some(kind))
            .find_map(|stream| parse_seconds(stream.duration.as_deref()))
    };
    let duration_seconds = parse_seconds(format.duration.as_deref())
        .or_else(|| stream_duration("video"))
        .or_else(|| stream_duration("audio"))
        .unwrap_or(0.0);

    Ok(MediaInfo {
        format_name: format.format_name.unwrap_or_default(),
        duration_seconds,
        size_bytes: format.size.as_deref().and_then(|size| size.parse().ok()),
        video,
        audio,
    })
}

fn video_stream_info(stream: &FfprobeStream) -> VideoStreamInfo {
    let rate = [&stream.avg_frame_rate, &stream.r_frame_rate]
        .into_iter()
        .find_map(|rate| rate.as_deref().and_then(Rational::parse))
        .unwrap_or(Rational::new(0, 1));
    let rotation = rotation(stream);
    let (mut width, mut height) = (stream.width.unwrap_or(0), stream.height.unwrap_or(0));
    let odd_sized = width % 2 == 1 || height % 2 == 1;
    // (A stretched side is made even below; the other is cropped by one.)
    if odd_sized {
        width = (width & !1).max(2);
        height = (height & !1).max(2);
    }
    // The pixel shape applies to the stored picture, before any rotation: stretch the stored
    // width (wider pixels) or height (taller ones) to square pixels, to an even size.
    let sample_aspect = stream
        .sample_aspect_ratio
        .as_deref()
        .map(|sar| sar.replace(':', "/"))
        .and_then(|sar| Rational::parse(&sar))
        .filter(|sar| sar.num != sar.den);
    if let Some(sar) = sample_aspect {
        let ratio = sar.as_f64();
        let even = |value: f64| ((value / 2.0).round() as u32 * 2).max(2);
        if ratio > 1.0 {
            width = even(f64::from(width) * ratio);
        } else {
            height = even(f64::from(height) / ratio);
        }
    }
    if rotation % 180 == 90 {
        std::mem::swap(&mut width, &mut height);
    }
    VideoStreamInfo {
        index: stream.index,
        codec: stream.codec_name.clone().unwrap_or_default(),
        width,
        height,
        fps_num: rate.num,
        fps_den: rate.den,
        fps: rate.as_f64(),
        frame_count: parse_count(stream.nb_frames.as_deref()),
        rotation,
        sample_aspect,
        pix_fmt: stream.pix_fmt.clone(),
        field_order: known(&stream.field_order),
        color_space: known(&stream.color_space),
        color_transfer: known(&stream.color_transfer),
        duration_seconds: parse_seconds(stream.duration.as_deref()),
        odd_sized,
    }
}

/// A tag's value, without ffprobe's words for "not said".
fn known(tag: &Option<String>) -> Option<String> {
    tag.as_deref()
        .filter(|value| !matches!(*value, "unknown" | "unspecified" | "reserved" | ""))
        .map(str::to_owned)
}

/// Newer ffprobe reports a display matrix whose `rotation` is counter-clockwise; older files
/// carry a clockwise `rotate` tag. Both become clockwise degrees in 0..360, snapped to 90.
fn rotation(stream: &FfprobeStream) -> i32 {
    let from_matrix = stream
        .side_data_list
        .iter()
        .filter(|side| side.side_data_type.as_deref() == Some("Display Matrix"))
        .find_map(|side| side.rotation)
        .map(|counter_clockwise| -counter_clockwise);
    let from_tag = || {
        stream
            .tags
            .as_ref()
            .and_then(|tags| tags.rotate.as_deref())
            .and_then(|rotate| rotate.trim().parse::<f64>().ok())
    };
    let degrees = from_matrix.or_else(from_tag).unwrap_or(0.0);
    if !degrees.is_finite() {
        return 0;
    }
    ((degrees / 90.0).round() as i32 * 90).rem_euclid(360)
}

fn parse_seconds(value: Option<&str>) -> Option<f64> {
    value
        .and_then(|value| value.trim().parse::<f64>().ok())
        .filter(|seconds| seconds.is_finite() && *seconds > 0.0)
}

fn parse_count(value: Option<&str>) -> Option<u64> {
    value.and_then(|value| value.trim().parse().ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(json: &str) -> MediaInfo {
        parse_ffprobe_json(json.as_bytes()).expect("parses")
    }

    #[test]
    fn landscape_h264_with_aac() {
        let info = parse(include_str!("probe/testdata/h264_aac_landscape.json"));
        assert_eq!(info.format_name, "mov,mp4,m4a,3gp,3g2,mj2");
        assert_eq!(info.duration_seconds, 1.0);
        assert_eq!(info.size_bytes, Some(47435));
        let video = info.require_video().unwrap();
        assert_eq!(
            (video.codec.as_str(), video.width, video.height),
            ("h264", 160, 90)
        );
        assert_eq!((video.fps_num, video.fps_den, video.fps), (25, 1, 25.0));
        assert_eq!(video.frame_count, Some(25));
        assert_eq!(video.rotation, 0);
        assert_eq!(video.pix_fmt.as_deref(), Some("yuv420p"));
        assert_eq!(
            info.audio,
            Some(AudioStreamInfo {
                index: 1,
                codec: "aac".into(),
                sample_rate: 44100,
                channels: 1
            })
        );
    }

    #[test]
    fn display_matrix_rotation_swaps_the_display_size() {
        let info = parse(include_str!(
            "probe/testdata/h264_rotated_display_matrix.json"
        ));
        let video = info.video.unwrap();
        // ffprobe 5.1 reports this file's matrix as +90 (counter-clockwise).
        assert_eq!(video.rotation, 270);
        assert_eq!((video.width, video.height), (90, 160));
    }

    #[test]
    fn an_odd_sided_picture_is_reported_at_the_even_size_it_is_cropped_to() {
        let video = parse(
            r#"{"streams":[{"index":0,"codec_type":"video","codec_name":"ffv1","width":853,"height":481,
                "avg_frame_rate":"30000/1001"}],"format":{"format_name":"matroska","duration":"2.0"}}"#,
        )
        .video
        .unwrap();
        assert_eq!(
            (video.width, video.height, video.odd_sized),
            (852, 480, true)
        );
        let even = parse(
            r#"{"streams":[{"index":0,"codec_type":"video","codec_name":"h264","width":854,"height":480,
                "avg_frame_rate":"25/1"}],"format":{"format_name":"mp4","duration":"2.0"}}"#,
        )
        .video
        .unwrap();
        assert!(!even.odd_sized);
    }

    #[test]
    fn anamorphic_pixels_are_stretched_to_a_square_pixel_size() {
        let stream = |sar: &str, rotate: &str| {
            parse(&format!(
                r#"{{"streams":[{{"index":0,"codec_type":"video","codec_name":"dvvideo","width":720,"height":480,
                    "avg_frame_rate":"30000/1001","sample_aspect_ratio":"{sar}","tags":{{"rotate":"{rotate}"}}}}],
                   "format":{{"format_name":"avi","duration":"2.0"}}}}"#
            ))
            .video
            .unwrap()
        };
        // 16:9 NTSC DV: wider pixels, stored 720 wide, shown 853.
        let wide = stream("32:27", "0");
        assert_eq!((wide.width, wide.height), (854, 480));
        assert_eq!(wide.sample_aspect, Some(Rational::new(32, 27)));
        // 4:3 NTSC DV: narrower pixels; the height grows instead (no detail is thrown away).
        let narrow = stream("8:9", "0");
        assert_eq!((narrow.width, narrow.height), (720, 540));
        // Square pixels, or a file that does not say: as stored.
        for sar in ["1:1", "0:1", "N/A"] {
            let square = stream(sar, "0");
            assert_eq!(
                (square.width, square.height, square.sample_aspect),
                (720, 480, None)
            );
        }
        // The pixel shape is the stored picture's: stretched, then turned.
        let turned = stream("32:27", "90");
        assert_eq!((turned.width, turned.height), (480, 854));
    }

    #[test]
    fn legacy_rotate_tag_and_missing_average_rate() {
        let info = parse(
            r#"{"streams":[{"index":0,"codec_type":"video","codec_name":"h264","width":1920,"height":1080,
                "avg_frame_rate":"0/0","r_frame_rate":"24000/1001","duration":"3.003","nb_frames":"N/A",
                "tags":{"rotate":"90"}}],
               "format":{"format_name":"mov,mp4,m4a,3gp,3g2,mj2"}}"#,
        );
        assert_eq!(
            info.duration_seconds, 3.003,
            "falls back to the stream duration"
        );
        let video = info.video.unwrap();
        assert_eq!(video.rotation, 90);
        assert_eq!((video.width, video.height), (1080, 1920));
        assert_eq!((video.fps_num, video.fps_den), (24000, 1001));
        assert!((video.fps - 23.976).abs() < 0.001);
        assert_eq!(video.frame_count, None);
    }

    #[test]
    fn phone_style_negative_matrix_rotation_is_clockwise_90() {
        let info = parse(
            r#"{"streams":[{"index":0,"codec_type":"video","codec_name":"hevc","width":1920,"height":1080,
                "avg_frame_rate":"30/1","side_data_list":[{"side_data_type":"Display Matrix","rotation":-90}]}],
               "format":{"format_name":"mov","duration":"1.5"}}"#,
        );
        let video = info.video.unwrap();
        assert_eq!(video.rotation, 90);
        assert_eq!((video.width, video.height), (1080, 1920));
    }

    #[test]
    fn webm_without_stream_duration_uses_the_container() {
        let info = parse(include_str!("probe/testdata/vp9_webm_ntsc.json"));
        assert_eq!(info.duration_seconds, 1.001);
        assert_eq!(info.video_duration_seconds(), 1.001);
        let video = info.require_video().unwrap();
        assert_eq!((video.fps_num, video.fps_den), (30000, 1001));
        assert_eq!(video.frame_count, None);
        assert!(!info.has_audio());
    }

    #[test]
    fn audio_only_has_no_video() {
        let info = parse(include_str!("probe/testdata/wav_audio_only.json"));
        assert_eq!(info.format_name, "wav");
        assert!(info.video.is_none());
        assert_eq!(info.audio.as_ref().unwrap().codec, "pcm_s16le");
        let err = info.require_video().unwrap_err();
        assert!(matches!(err, MediaError::NoVideoStream));
        assert!(err.is_client_error());
    }

    #[test]
    fn still_image_is_a_video_stream_without_duration() {
        let info = parse(include_str!("probe/testdata/png_image.json"));
        assert_eq!(info.format_name, "png_pipe");
        assert_eq!(info.duration_seconds, 0.0);
        assert_eq!(info.video.as_ref().unwrap().codec, "png");
        assert!(matches!(
            info.require_video(),
            Err(MediaError::ZeroDuration)
        ));
    }

    #[test]
    fn cover_art_is_not_the_video_stream() {
        let info = parse(
            r#"{"streams":[{"index":0,"codec_type":"audio","codec_name":"mp3","sample_rate":"44100","channels":2,"duration":"10.0"},
                {"index":1,"codec_type":"video","codec_name":"mjpeg","width":500,"height":500,"avg_frame_rate":"0/0",
                 "r_frame_rate":"90000/1","disposition":{"attached_pic":1}}],
               "format":{"format_name":"mp3","duration":"10.0"}}"#,
        );
        assert!(info.video.is_none());
        assert_eq!(info.audio.unwrap().channels, 2);
    }

    #[test]
    fn round_trips_through_json() {
        let info = parse(include_str!("probe/testdata/h264_aac_landscape.json"));
        let stored = serde_json::to_string(&info).unwrap();
        assert_eq!(serde_json::from_str::<MediaInfo>(&stored).unwrap(), info);
    }

    #[test]
    fn garbage_is_a_probe_output_error() {
        let err = parse_ffprobe_json(b"not json").unwrap_err();
        assert_eq!(err.error_code(), "media_probe_output_invalid");
        assert!(!err.is_client_error());
    }
}
