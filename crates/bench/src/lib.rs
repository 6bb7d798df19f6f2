//! `recut bench upscale`: Recut's upscale engine and ffmpeg's baselines on the same clips in
//! one run, printed as Markdown tables (the section of docs/benchmarks.md for issue 3).

pub mod clips;
pub mod interpolation;
pub mod metrics;
pub mod resampling;
pub mod synthetic;
pub mod throughput;

use std::fmt::Write as _;
use std::path::PathBuf;

use recut_media::{Frame, FrameFormat, Media, MediaConfig};

/// The three protocols of the upscale benchmark.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Protocol {
    Interpolation,
    Resampling,
    Throughput,
}

#[derive(Debug, Clone)]
pub struct UpscaleBench {
    /// Real clips for the interpolation and resampling protocols (e.g. Megamind.avi).
    pub clips: Vec<PathBuf>,
    /// Protocols to run; all when empty.
    pub only: Vec<Protocol>,
    /// A real clip for the throughput protocol instead of the synthetic scene.
    pub throughput_clip: Option<PathBuf>,
}

/// Synthetic clip size for the interpolation and resampling protocols.
const SYNTHETIC: FrameFormat = FrameFormat::new(960, 540);
/// Frames per clip in the resampling protocol.
const RESAMPLING_FRAMES: usize = 8;

/// Runs the protocols and returns the report as Markdown.
pub async fn upscale(bench: &UpscaleBench) -> anyhow::Result<String> {
    let media = Media::new(MediaConfig::default());
    let scratch = tempfile::tempdir()?;
    let wanted = |protocol| bench.only.is_empty() || bench.only.contains(&protocol);
    let mut report = String::new();
    writeln!(
        report,
        "Reproduce with `recut bench upscale {}{}--out docs/benchmarks.md` ({} cores).\n",
        bench
            .clips
            .iter()
            .map(|clip| format!("--clip {} ", clip.display()))
            .collect::<String>(),
        bench
            .throughput_clip
            .iter()
            .map(|clip| format!("--throughput-clip {} ", clip.display()))
            .collect::<String>(),
        std::thread::available_parallelism().map_or(1, |n| n.get())
    )?;

    let mut sources: Vec<(String, Vec<Frame>)> = Vec::new();
    if wanted(Protocol::Interpolation) || wanted(Protocol::Resampling) {
        for clip in &bench.clips {
            let name = clip
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            sources.push((
                name,
                interpolation::reference_from_clip(&media, clip).await?,
            ));
        }
        let scene = synthetic::Scene::new(SYNTHETIC);
        let frames = (0..interpolation::REFERENCE_FRAMES)
            .map(|k| scene.render(k as f64 / 24.0))
            .collect();
        sources.push((
            format!("synthetic {}x{}", SYNTHETIC.width, SYNTHETIC.height),
            frames,
        ));
    }

    if wanted(Protocol::Interpolation) {
        writeln!(
            report,
            "### Interpolation: 12 -> 24 fps, interpolated frames only\n\n\
             Protocol (fixed in `crates/bench/src/interpolation.rs`): first 121 frames retimed to \
             exactly 24 fps (held as raw frames), frames 0, 2, 4, ... written as a 12 fps \
             YUV4MPEG2 file (raw frames, checked to round-trip bit-exactly), converted back to \
             24 fps; mean PSNR-Y and SSIM-Y over the odd (interpolated) frames, aligned from the \
             first frame up to the shorter stream. Time is wall time from the 12 fps file to \
             24 fps frames in memory, decoding included, for both sides: the fastest of {} \
             interleaved runs of every method.\n",
            interpolation::ROUNDS
        )?;
        writeln!(
            report,
            "| clip | method | PSNR-Y dB | SSIM-Y | frames scored | output fps | wall s |"
        )?;
        writeln!(report, "|---|---|---:|---:|---:|---:|---:|")?;
        let mut verdicts = Vec::new();
        for (name, reference) in &sources {
            let scores = interpolation::run(&media, reference, scratch.path()).await?;
            let find = |method: &str| scores.iter().find(|score| score.method == method);
            if let (Some(recut), Some(mci)) = (find(interpolation::RECUT), find(interpolation::MCI))
            {
                verdicts.push(format!(
                    "- {name}: Recut {:+.2} dB PSNR-Y over minterpolate mci at {:.1}x its speed \
                     (target: +1.0 dB at 20x)",
                    recut.psnr_y - mci.psnr_y,
                    recut.output_fps() / mci.output_fps()
                ));
            }
            for score in scores {
                writeln!(
                    report,
                    "| {name} | {} | {:.2} | {:.4} | {} | {:.1} | {:.2} |",
                    score.method,
                    score.psnr_y,
                    score.ssim_y,
                    score.scored_frames,
                    score.output_fps(),
                    score.seconds
                )?;
            }
        }
        writeln!(report, "\n{}\n", verdicts.join("\n"))?;
    }

    if wanted(Protocol::Resampling) {
        writeln!(
            report,
            "### Resampling: downscale x2 (area), upscale back\n\n\
             {RESAMPLING_FRAMES} frames per clip. Sharpness is gradient energy relative to the \
             original's; overshoot is the mean amount (luma levels) by which a pixel leaves its \
             3x3 neighbourhood's range in the original, i.e. ringing halos.\n"
        )?;
        writeln!(report, "| clip | method | PSNR-Y dB | sharpness (gradient energy / original) | overshoot (levels) |")?;
        writeln!(report, "|---|---|---:|---:|---:|")?;
        for (name, frames) in &sources {
            let originals: Vec<Frame> = frames
                .iter()
                .step_by(frames.len() / RESAMPLING_FRAMES)
                .take(RESAMPLING_FRAMES)
                .cloned()
                .collect();
            for score in resampling::run(&media, &originals, scratch.path()).await? {
                writeln!(
                    report,
                    "| {name} | {} | {:.2} | {:.3} | {:.3} |",
                    score.method, score.psnr_y, score.sharpness, score.overshoot
                )?;
            }
        }
        writeln!(report)?;
    }

    if wanted(Protocol::Throughput) {
        let source = scratch.path().join("source-1080p30.mp4");
        let source_name = match &bench.throughput_clip {
            Some(clip) => {
                throughput::source_from_clip(&media, clip, &source).await?;
                let name = clip.file_name().unwrap_or_default().to_string_lossy();
                format!("{name} resized to 1080p30, first 10 s")
            }
            None => {
                throughput::make_source(&media, &source).await?;
                "10 s synthetic clip".to_owned()
            }
        };
        // The floor runs first and last, and the ratios use the mean of the two: the load on
        // a shared machine drifts over the minutes this takes.
        let first =
            throughput::floor(&media, &source, scratch.path(), "ffmpeg alone (floor)").await?;
        let mut runs = vec![first];
        for model in ["theia-fine-tune-fidelity", "auto"] {
            runs.push(throughput::recut(&media, &source, scratch.path(), model).await?);
        }
        let last = "ffmpeg alone (floor, again)";
        runs.push(throughput::floor(&media, &source, scratch.path(), last).await?);
        let floors = [&runs[0], &runs[runs.len() - 1]];
        let floor_seconds = floors.iter().map(|r| r.seconds).sum::<f64>() / 2.0;
        let floor_cpu = floors.iter().map(|r| r.cpu_seconds).sum::<f64>() / 2.0;
        writeln!(
            report,
            "### Throughput: 1080p30 -> 4K60, {source_name}, x264 {} CRF {}\n\n\
             Floor: ffmpeg alone decoding, zscale Lanczos to 3840x2160, `fps=60` duplication, the \
             same x264 settings (`x264_params` included).\n",
            recut_engines::upscale::X264_PRESET,
            recut_engines::upscale::X264_CRF
        )?;
        writeln!(
            report,
            "| run | wall s | x floor | CPU s | x floor CPU | of which Recut's process s | peak RSS MiB (run) | peak RSS MiB (all at once) | bench process before MiB | per-process peaks MiB |"
        )?;
        writeln!(report, "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|")?;
        for run in &runs {
            let per_process = run
                .peaks_mib
                .iter()
                .map(|(name, mib)| format!("{name} {mib:.0}"))
                .collect::<Vec<_>>()
                .join(", ");
            writeln!(
                report,
                "| {} | {:.1} | {:.2} | {:.1} | {:.2} | {:.1} | {:.0} | {:.0} | {:.0} | {per_process} |",
                run.method,
                run.seconds,
                run.seconds / floor_seconds,
                run.cpu_seconds,
                run.cpu_seconds / floor_cpu,
                run.own_cpu_seconds,
                run.run_peak_mib(),
                run.concurrent_peak_mib,
                run.baseline_mib,
            )?;
        }
        writeln!(
            report,
            "\nTargets: wall time <= 1.15x the floor, peak RSS <= 1024 MiB. \"x floor\" compares with the \
             mean of the two floor runs (first and last). CPU is user + system time of the \
             benchmark process and its children. \"Peak RSS (run)\" is the largest \
             sum of VmRSS over the benchmark process and its children at one moment (sampled every \
             50 ms), less what the benchmark process held before the run started; per-process peaks \
             (VmHWM) are listed for where the memory went, but never all at the same time.\n"
        )?;
    }
    Ok(report)
}

#[derive(Debug, clap::Subcommand)]
pub enum BenchCommand {
    /// The upscale engine (issue 3): interpolation, resampling and 1080p30 -> 4K60 throughput,
    /// each beside ffmpeg's baselines.
    Upscale {
        /// A real clip for the interpolation protocol (repeatable); a synthetic clip is
        /// always added.
        #[arg(long = "clip")]
        clips: Vec<PathBuf>,
        /// Markdown file whose "## Upscale engine (issue 3)" section is replaced by the report
        /// (appended when missing).
        #[arg(long)]
        out: Option<PathBuf>,
        /// Run only this protocol (repeatable).
        #[arg(long, value_enum)]
        only: Vec<Protocol>,
        /// A real clip (at least 10 s) for the throughput protocol instead of the synthetic
        /// scene; it is resized to 1080p30.
        #[arg(long)]
        throughput_clip: Option<PathBuf>,
    },
}

pub async fn run(command: BenchCommand) -> anyhow::Result<()> {
    match command {
        BenchCommand::Upscale {
            clips,
            out,
            only,
            throughput_clip,
        } => {
            let report = upscale(&UpscaleBench {
                clips,
                only,
                throughput_clip,
            })
            .await?;
            println!("{report}");
            if let Some(out) = out {
                write_section(&out, SECTION, &report)?;
            }
            Ok(())
        }
    }
}

const SECTION: &str = "## Upscale engine (issue 3)";
/// The report sits between these lines, so that notes written by hand around it survive a
/// rerun.
const BEGIN: &str = "<!-- generated by `recut bench upscale --out`: from here -->";
const END: &str = "<!-- generated up to here; what follows is written by hand -->";

/// Replaces the report between [`BEGIN`] and [`END`] in the section headed `heading` of the
/// Markdown file; without the markers, replaces the whole section (up to the next `## `
/// heading) or appends it. The rest of the file is left as it was.
fn write_section(path: &std::path::Path, heading: &str, body: &str) -> anyhow::Result<()> {
    let existing = std::fs::read_to_string(path).unwrap_or_default();
    let generated = format!("{BEGIN}\n\n{}\n\n{END}", body.trim());
    if let Some(start) = existing.find(heading) {
        let markers = existing[start..].find(BEGIN).and_then(|begin| {
            let begin = start + begin;
            let end = begin + existing[begin..].find(END)? + END.len();
            let next_section = existing[start + heading.len()..]
                .find("\n## ")
                .map_or(existing.len(), |offset| start + heading.len() + offset);
            (end <= next_section).then_some((begin, end))
        });
        if let Some((begin, end)) = markers {
            let updated = format!("{}{generated}{}", &existing[..begin], &existing[end..]);
            std::fs::write(path, updated)?;
            return Ok(());
        }
    }
    let section = format!("{heading}\n\n{generated}\n");
    let updated = match existing.find(heading) {
        Some(start) => {
            let after = start + heading.len();
            let end = existing[after..]
                .find("\n## ")
                .map_or(existing.len(), |offset| after + offset + 1);
            format!("{}{section}{}", &existing[..start], &existing[end..])
        }
        None if existing.is_empty() => section,
        None => format!("{}\n\n{section}", existing.trim_end()),
    };
    std::fs::write(path, updated)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rerun_replaces_only_the_generated_report() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("benchmarks.md");
        std::fs::write(&path, "# Benchmarks\n\n## Other\n\nkept\n").unwrap();
        write_section(&path, SECTION, "first tables").unwrap();
        let first = std::fs::read_to_string(&path).unwrap();
        assert!(first.contains("## Other\n\nkept") && first.contains("first tables"));

        // Notes written by hand after the report, then a rerun.
        let with_notes = first.replace(END, &format!("{END}\n\nNotes by hand."));
        std::fs::write(&path, &with_notes).unwrap();
        write_section(&path, SECTION, "second tables").unwrap();
        let second = std::fs::read_to_string(&path).unwrap();
        assert!(!second.contains("first tables"), "{second}");
        assert!(second.contains("second tables"));
        assert!(second.contains("Notes by hand."));
        assert!(second.contains("## Other\n\nkept"));
        assert_eq!(second.matches(BEGIN).count(), 1);
    }
}
