//! Getting frames in and out of files for the protocols, all through recut-media's decoder
//! and encoder (and so through its one process wrapper).

use std::path::Path;
use std::time::{Duration, Instant};

use anyhow::Context;
use recut_media::{DecoderOptions, EncoderOptions, Frame, FrameFormat, Media, Rational, Skim};
use tokio_util::sync::CancellationToken;

/// Decodes up to `limit` frames of `path` at `rate`, through an optional `-vf` chain that
/// produces frames of `format`. Returns the frames and the wall time it took.
pub async fn decode(
    media: &Media,
    path: &Path,
    filter: Option<String>,
    rate: Rational,
    format: FrameFormat,
    limit: usize,
) -> anyhow::Result<(Vec<Frame>, Duration)> {
    let started = Instant::now();
    let (sink, mut frames_rx) = tokio::sync::mpsc::channel(8);
    let collect = async {
        let mut frames = Vec::new();
        while let Some(frame) = frames_rx.recv().await {
            frames.push(frame);
        }
        frames
    };
    let (decoded, frames) = tokio::join!(
        stream(media, path, filter, rate, format, limit, sink),
        collect
    );
    decoded?;
    Ok((frames, started.elapsed()))
}

/// Decodes as [`decode`] does, handing each frame to `sink` as it arrives (so whoever
/// consumes them works while the rest are decoded); stops early if `sink` is closed.
pub async fn stream(
    media: &Media,
    path: &Path,
    filter: Option<String>,
    rate: Rational,
    format: FrameFormat,
    limit: usize,
    sink: tokio::sync::mpsc::Sender<Frame>,
) -> anyhow::Result<()> {
    let cancel = CancellationToken::new();
    let group = media.process_group(1, &cancel).await?;
    let mut decoder = group.spawn_decoder(DecoderOptions {
        input: path.to_owned(),
        stream_index: None,
        rate,
        format,
        filter,
        source: None,
        skim: Skim::Off,
    })?;
    for _ in 0..limit {
        let mut frame = Frame::new(format);
        if !decoder
            .next_frame(&mut frame)
            .await
            .with_context(|| format!("decoding {}", path.display()))?
            || sink.send(frame).await.is_err()
        {
            break;
        }
    }
    decoder.close().await;
    Ok(())
}

/// Writes `frames` at `rate` as a YUV4MPEG2 file: lossless, and as cheap to read back as
/// raw frames, so that a timed run which starts by decoding it measures what comes after.
pub fn write_y4m(path: &Path, frames: &[Frame], rate: Rational) -> anyhow::Result<()> {
    use std::io::Write;
    let format = frames.first().context("no frames to write")?.format();
    let file =
        std::fs::File::create(path).with_context(|| format!("creating {}", path.display()))?;
    let mut out = std::io::BufWriter::new(file);
    // 4:2:0 with centred chroma is what ffmpeg reads as yuv420p.
    writeln!(
        out,
        "YUV4MPEG2 W{} H{} F{}:{} Ip A1:1 C420jpeg",
        format.width, format.height, rate.num, rate.den
    )?;
    for frame in frames {
        out.write_all(b"FRAME\n")?;
        out.write_all(frame.as_bytes())?;
    }
    out.flush()?;
    Ok(())
}

/// Writes `frames` at `rate` into a lossless H.264 file (x264 at CRF 0 is lossless for
/// 8-bit 4:2:0), optionally through a `-vf` chain.
pub async fn write_lossless(
    media: &Media,
    path: &Path,
    frames: &[Frame],
    rate: Rational,
    filter: Option<String>,
) -> anyhow::Result<()> {
    let format = frames.first().context("no frames to write")?.format();
    let cancel = CancellationToken::new();
    let group = media.process_group(1, &cancel).await?;
    let mut encoder = group.spawn_encoder(EncoderOptions {
        filter,
        preset: "ultrafast".into(),
        crf: 0,
        ..EncoderOptions::new(path, format, rate)
    })?;
    for frame in frames {
        encoder.write_frame(frame).await?;
    }
    encoder.finish().await?;
    Ok(())
}
