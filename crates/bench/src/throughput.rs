//! 1080p30 -> 4K60 on a 10 s clip: Recut's engine against the floor, ffmpeg alone decoding,
//! resizing with zscale Lanczos, duplicating frames to 60 fps and encoding with the same x264
//! settings. Peak memory is each process's VmHWM, sampled from /proc while it runs.

use std::collections::HashMap;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use recut_engines::upscale::{x264_params, UpscaleEngine, X264_CRF, X264_PRESET};
use recut_engines::{Engine, EngineContext, EngineInput};
use recut_media::{EncoderOptions, FrameFormat, Media, Rational};
use tokio_util::sync::CancellationToken;

use crate::synthetic::Scene;

pub const SOURCE: FrameFormat = FrameFormat::new(1920, 1080);
const SOURCE_RATE: Rational = Rational::integer(30);
const SECONDS: u32 = 10;

#[derive(Debug, Clone)]
pub struct Run {
    pub method: String,
    pub seconds: f64,
    /// CPU time (user + system) of this process and the children it waited for meanwhile.
    /// Steadier than wall time on a shared machine, and it shows work that hides behind
    /// x264 keeping both cores busy.
    pub cpu_seconds: f64,
    /// The part of `cpu_seconds` spent in the benchmark process itself (Recut's engine; near
    /// zero for the floor), the rest being ffmpeg's.
    pub own_cpu_seconds: f64,
    /// Peak resident memory of each process (ours first), MiB.
    pub peaks_mib: Vec<(String, f64)>,
    /// The most memory resident at one moment, all processes together, MiB.
    pub concurrent_peak_mib: f64,
    /// What the benchmark process itself held when the run started (frames of the earlier
    /// protocols, the synthetic scene), MiB: not the engine's.
    pub baseline_mib: f64,
}

impl Run {
    /// Peak memory of the run itself: the concurrent peak less what the benchmark process
    /// held before it started.
    pub fn run_peak_mib(&self) -> f64 {
        self.concurrent_peak_mib - self.baseline_mib
    }
}

/// Renders the synthetic scene at 1080p30 for 10 s into an x264 file, streaming.
pub async fn make_source(media: &Media, path: &Path) -> anyhow::Result<()> {
    let scene = Scene::new(SOURCE);
    let cancel = CancellationToken::new();
    let group = media.process_group(1, &cancel).await?;
    let mut encoder = group.spawn_encoder(EncoderOptions {
        preset: "veryfast".into(),
        crf: 16,
        ..EncoderOptions::new(path, SOURCE, SOURCE_RATE)
    })?;
    for index in 0..SOURCE_RATE.num * SECONDS {
        let frame = scene.render(f64::from(index) / SOURCE_RATE.as_f64());
        encoder.write_frame(&frame).await?;
    }
    encoder.finish().await?;
    Ok(())
}

/// A real clip as the source instead: its first 10 s resized to 1080p30 (aspect not kept:
/// this protocol measures speed), x264 CRF 16, no audio.
pub async fn source_from_clip(media: &Media, clip: &Path, path: &Path) -> anyhow::Result<()> {
    let frames = u64::from(SOURCE_RATE.num * SECONDS);
    let filter = format!(
        "{},fps={}",
        media.scale_filter(SOURCE.width, SOURCE.height).await?,
        SOURCE_RATE.num
    );
    let cancel = CancellationToken::new();
    let group = media.process_group(1, &cancel).await?;
    let options = EncoderOptions {
        filter: Some(filter),
        preset: "veryfast".into(),
        crf: 16,
        frame_count: Some(frames),
        ..EncoderOptions::new(path, SOURCE, SOURCE_RATE)
    };
    group.transcode(clip, options).await?;
    media
        .verify_output(path, frames)
        .await
        .map_err(|err| anyhow::anyhow!("{} is shorter than {SECONDS} s: {err}", clip.display()))?;
    Ok(())
}

pub async fn floor(
    media: &Media,
    source: &Path,
    scratch: &Path,
    method: &str,
) -> anyhow::Result<Run> {
    let filter = format!("{},fps=60", media.scale_filter(3840, 2160).await?);
    let cancel = CancellationToken::new();
    let group = media.process_group(1, &cancel).await?;
    let options = EncoderOptions {
        filter: Some(filter),
        preset: X264_PRESET.into(),
        crf: X264_CRF,
        x264_params: x264_params(3840, 2160),
        ..EncoderOptions::new(scratch.join("floor.mp4"), SOURCE, Rational::integer(60))
    };
    measure(method, group.transcode(source, options)).await
}

pub async fn recut(
    media: &Media,
    source: &Path,
    scratch: &Path,
    model: &str,
) -> anyhow::Result<Run> {
    let engine = UpscaleEngine::new(media.clone());
    let input = EngineInput {
        job_id: "bench".into(),
        video_path: source.to_owned(),
        reference_image_path: None,
        prompt: None,
        params: serde_json::json!({
            "video": "bench",
            "target_resolution": "4k",
            "target_fps": 60,
            "enhance_model": model,
        }),
        work_dir: scratch.to_owned(),
        output_path: scratch.join(format!("recut-{model}.mp4")),
    };
    let ctx = EngineContext {
        progress: Arc::new(|_| {}),
        cancel: CancellationToken::new(),
    };
    let run = measure(&format!("Recut engine, {model}"), engine.run(input, ctx)).await?;
    Ok(run)
}

/// Times `work` and samples the peak memory of this process and its children meanwhile.
async fn measure<T, E>(
    method: &str,
    work: impl std::future::Future<Output = Result<T, E>>,
) -> anyhow::Result<Run>
where
    E: std::error::Error + Send + Sync + 'static,
{
    // Reset this process's VmHWM so earlier stages of the benchmark do not count.
    let _ = std::fs::write("/proc/self/clear_refs", "5");
    let baseline_kib = status_kib(std::process::id(), "VmRSS:").unwrap_or(0);
    let stop = Arc::new(AtomicBool::new(false));
    let peaks = Arc::new(Mutex::new(Peaks::default()));
    let sampler = {
        let (stop, peaks) = (stop.clone(), peaks.clone());
        std::thread::spawn(move || {
            while !stop.load(Ordering::Relaxed) {
                sample(&peaks);
                std::thread::sleep(Duration::from_millis(50));
            }
            sample(&peaks);
        })
    };
    let started = Instant::now();
    let (own_before, children_before) = cpu_seconds();
    let result = work.await;
    let seconds = started.elapsed().as_secs_f64();
    let (own_after, children_after) = cpu_seconds();
    let own_cpu = own_after - own_before;
    let cpu = own_cpu + children_after - children_before;
    stop.store(true, Ordering::Relaxed);
    let _ = sampler.join();
    result?;
    let own = std::process::id();
    let peaks = peaks.lock().expect("sampler finished");
    let mut list: Vec<(u32, String, f64)> = peaks
        .per_process
        .iter()
        .map(|(pid, (name, kib))| (*pid, name.clone(), *kib as f64 / 1024.0))
        .collect();
    list.sort_by_key(|(pid, _, _)| (*pid != own, *pid));
    Ok(Run {
        method: method.to_owned(),
        seconds,
        cpu_seconds: cpu,
        own_cpu_seconds: own_cpu,
        peaks_mib: list.into_iter().map(|(_, name, mib)| (name, mib)).collect(),
        concurrent_peak_mib: peaks.concurrent_kib as f64 / 1024.0,
        baseline_mib: baseline_kib as f64 / 1024.0,
    })
}

/// User plus system CPU seconds of this process, and of its waited-for children, so far.
fn cpu_seconds() -> (f64, f64) {
    let of = |who| {
        // SAFETY: getrusage only writes the struct it is given.
        let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
        unsafe { libc::getrusage(who, &mut usage) };
        let time = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 * 1e-6;
        time(usage.ru_utime) + time(usage.ru_stime)
    };
    (of(libc::RUSAGE_SELF), of(libc::RUSAGE_CHILDREN))
}

#[derive(Default)]
struct Peaks {
    /// VmHWM (KiB) and name of this process and every direct child seen.
    per_process: HashMap<u32, (String, u64)>,
    /// The largest sum of VmRSS over those processes in one sample.
    concurrent_kib: u64,
}

/// A `/proc/PID/status` field in KiB.
fn status_kib(pid: u32, field: &str) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find_map(|line| line.strip_prefix(field))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
}

/// Records the peak memory of this process and every direct child, one by one (VmHWM) and
/// all together at this moment (VmRSS). Per-process peaks of processes that never ran at
/// the same time (ffprobe before the pipeline starts) cannot be summed meaningfully; the
/// concurrent sum can, though sampling every 50 ms may miss a brief spike.
fn sample(peaks: &Mutex<Peaks>) {
    let own = std::process::id();
    let mut found = vec![(own, "recut".to_owned())];
    if let Ok(entries) = std::fs::read_dir("/proc") {
        for entry in entries.flatten() {
            let Some(pid) = entry
                .file_name()
                .to_str()
                .and_then(|n| n.parse::<u32>().ok())
            else {
                continue;
            };
            let Ok(stat) = std::fs::read_to_string(format!("/proc/{pid}/stat")) else {
                continue;
            };
            // "pid (comm) state ppid ...": comm may hold spaces, so split after the last ')'.
            let Some((head, rest)) = stat.rsplit_once(')') else {
                continue;
            };
            let parent = rest
                .split_whitespace()
                .nth(1)
                .and_then(|p| p.parse::<u32>().ok());
            if parent == Some(own) {
                let name = head.split_once('(').map_or("?", |(_, n)| n).to_owned();
                found.push((pid, name));
            }
        }
    }
    let mut peaks = peaks.lock().expect("not poisoned");
    let mut concurrent = 0;
    for (pid, name) in found {
        concurrent += status_kib(pid, "VmRSS:").unwrap_or(0);
        if let Some(kib) = status_kib(pid, "VmHWM:") {
            let entry = peaks.per_process.entry(pid).or_insert((String::new(), 0));
            // The latest name: a child seen between fork and exec still carries ours.
            entry.0 = name;
            entry.1 = entry.1.max(kib);
        }
    }
    peaks.concurrent_kib = peaks.concurrent_kib.max(concurrent);
}
