//! Edit engine throughput against the ffmpeg floor, and a one-off renderer for looking at
//! results.
//!
//! ```text
//! cargo run --release -p recut-engines --example bench_edit -- bench <clip> [reference.jpg] [subject-clip]
//! cargo run --release -p recut-engines --example bench_edit -- render <clip> "<prompt>" <out.mp4> [720p|1080p] [reference.jpg]
//! cargo run --release -p recut-engines --example bench_edit -- audit <clip> <prompts.tsv> <out-dir> [reference.jpg]
//! (`ASPECT=9:16` in the environment renders with that `aspect_ratio`)
//! ```
//!
//! `audit` renders every prompt of a file (lines `REF<TAB>PROMPT`, REF 1 when the prompt
//! uses the reference image) at 720p into `<out-dir>/NNN.mp4`, with the plan or the error
//! in `NNN.json`; `scripts/audit_edit.py` then checks each operation's effect against the
//! source by measurement (docs/edit-engine.md, "the effects measured on real footage").
//!
//! `bench` times, on the same clip at its own 720p size, one prompt per category through the
//! engine, each right after its own run of the floor (one ffmpeg process decoding and
//! re-encoding with the engine's encoder settings: libx264 veryfast, CRF 18, yuv420p, audio
//! copied). It prints wall
//! time and CPU time (this process and its ffmpeg children, user + system) and both ratios to
//! the floor; CPU time is the steadier figure on a shared machine. For the grain cases it also
//! times the floor on the grainy output itself: x264 spends most of a grainy clip's time
//! encoding the noise, whoever adds it. Targets: colour/grain <= 1.3x, style <= 3x,
//! subject-aware <= 5x. Given a subject clip (one where a subject moves in front of the
//! background, which a film's dialogue shots are not), the subject-aware prompts run on it
//! too, against its own floor.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;
use std::time::Instant;

use recut_engines::edit::{EditEngine, PersonModels};
use recut_engines::{Engine, EngineContext, EngineInput};
use recut_media::{Media, MediaConfig};
use tokio_util::sync::CancellationToken;

const CASES: &[(&str, &str)] = &[
    ("colour", "moody teal and orange grade, less saturated"),
    ("colour", "black and white"),
    ("colour", "fix the white balance"),
    ("colour", "make the greens more vibrant"),
    ("colour", "duotone blue and pink"),
    ("colour", "teal and orange, keep skin tones natural"),
    ("grain", "heavy film grain"),
    ("texture", "make it look like an old 8mm film"),
    ("texture", "vhs"),
    ("style", "turn this into a cartoon"),
    ("style", "pencil sketch"),
    ("style", "oil painting"),
    ("style", "watercolour"),
    ("style", "pixel art"),
    ("style", "make it look like a newspaper print"),
    ("subject", "blur the background"),
    ("subject", "replace the background with the reference image"),
    ("subject", "make his jacket red"),
    ("subject", "make the background darker"),
];

fn usage() -> ! {
    eprintln!("usage: bench_edit bench <clip> [reference] [subject-clip]\n       bench_edit render <clip> <prompt> <out.mp4> [720p|1080p] [reference]\n       bench_edit audit <clip> <prompts.tsv> <out-dir> [reference]");
    std::process::exit(2)
}

fn main() {
    // As `recut` itself does, so the figures are the service's.
    recut_engines::keep_freed_buffers();
    tokio::runtime::Runtime::new()
        .expect("a tokio runtime")
        .block_on(run());
}

async fn run() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("bench") if args.len() >= 2 => {
            bench(
                Path::new(&args[1]),
                args.get(2).map(PathBuf::from),
                args.get(3).map(PathBuf::from),
            )
            .await
        }
        Some("render") if args.len() >= 4 => {
            let resolution = args.get(4).map_or("720p", String::as_str);
            let reference = args.get(5).map(PathBuf::from);
            let engine = engine().await.unwrap_or_else(|err| panic!("{err}"));
            let started = Instant::now();
            match render(
                &engine,
                Path::new(&args[1]),
                &args[2],
                Path::new(&args[3]),
                resolution,
                reference,
            )
            .await
            {
                Ok(plan) => println!("{:.2} s\n{plan}", started.elapsed().as_secs_f64()),
                Err(err) => {
                    eprintln!("failed: {err}");
                    std::process::exit(1);
                }
            }
        }
        Some("audit") if args.len() >= 4 => {
            audit(
                Path::new(&args[1]),
                Path::new(&args[2]),
                Path::new(&args[3]),
                args.get(4).map(PathBuf::from),
            )
            .await
        }
        _ => usage(),
    }
}

/// Renders each prompt of `prompts` on `clip`; an output already there is kept, so an
/// interrupted audit goes on where it stopped.
async fn audit(clip: &Path, prompts: &Path, dir: &Path, reference: Option<PathBuf>) {
    let text = std::fs::read_to_string(prompts).unwrap_or_else(|err| panic!("{err}"));
    std::fs::create_dir_all(dir).unwrap();
    let engine = engine().await.unwrap_or_else(|err| panic!("{err}"));
    for (index, line) in text
        .lines()
        .filter(|line| !line.trim().is_empty())
        .enumerate()
    {
        let (uses_reference, prompt) = line
            .split_once('\t')
            .unwrap_or_else(|| panic!("line {}: expected REF<TAB>PROMPT", index + 1));
        let (output, record) = (
            dir.join(format!("{index:03}.mp4")),
            dir.join(format!("{index:03}.json")),
        );
        if record.exists() {
            continue;
        }
        let reference = (uses_reference.trim() == "1")
            .then(|| reference.clone())
            .flatten();
        let result = render(&engine, clip, prompt, &output, "720p", reference).await;
        let entry = match result {
            Ok(extra) => serde_json::json!({"i": index, "in": prompt, "ok": extra}),
            Err(err) => serde_json::json!({"i": index, "in": prompt, "err": err}),
        };
        println!("{entry}");
        std::fs::write(&record, entry.to_string()).unwrap();
    }
}

/// The engine as the service holds it: built once, with the person segmentation models from
/// ./models (or RECUT_MODELS_DIR) loaded and ffmpeg's filter list asked, before any job.
async fn engine() -> Result<EditEngine, String> {
    let models =
        std::env::var_os("RECUT_MODELS_DIR").map_or_else(|| PathBuf::from("models"), PathBuf::from);
    let people = PersonModels::load(&models)?;
    let media = Media::new(MediaConfig::default());
    media.warm_up().await.map_err(|err| err.to_string())?;
    Ok(EditEngine::new(media).with_person_models(people))
}

async fn render(
    engine: &EditEngine,
    clip: &Path,
    prompt: &str,
    output: &Path,
    resolution: &str,
    reference: Option<PathBuf>,
) -> Result<serde_json::Value, String> {
    let work = std::env::temp_dir();
    let input = EngineInput {
        job_id: "bench".into(),
        video_path: clip.to_owned(),
        reference_image_path: reference,
        prompt: Some(prompt.to_owned()),
        // `ASPECT=9:16` (any `aspect_ratio`) renders through the crop.
        params: serde_json::json!({
            "video": "file",
            "resolution": resolution,
            "seed": 1,
            "aspect_ratio": std::env::var("ASPECT").unwrap_or_else(|_| "auto".into()),
        }),
        work_dir: work,
        output_path: output.to_owned(),
    };
    let ctx = EngineContext {
        progress: Arc::new(|_| {}),
        cancel: CancellationToken::new(),
    };
    let result = engine
        .run(input, ctx)
        .await
        .map_err(|err| err.to_string())?;
    Ok(serde_json::Value::Object(result.extra))
}

/// CPU seconds used so far by this process and its waited-for children.
fn cpu_seconds() -> f64 {
    let total = |who| {
        // SAFETY: getrusage only writes the struct it is given.
        let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
        unsafe { libc::getrusage(who, &mut usage) };
        let t = |tv: libc::timeval| tv.tv_sec as f64 + tv.tv_usec as f64 / 1e6;
        t(usage.ru_utime) + t(usage.ru_stime)
    };
    total(libc::RUSAGE_SELF) + total(libc::RUSAGE_CHILDREN)
}

/// Wall and CPU seconds of one ffmpeg decode + encode with the engine's settings.
fn floor(clip: &Path, out: &Path) -> (f64, f64) {
    let (started, cpu) = (Instant::now(), cpu_seconds());
    let status = Command::new("ffmpeg")
        .args(["-hide_banner", "-v", "error", "-y", "-i"])
        .arg(clip)
        .args([
            "-c:v", "libx264", "-preset", "veryfast", "-crf", "18", "-pix_fmt", "yuv420p", "-c:a",
            "copy",
        ])
        .arg(out)
        .status()
        .unwrap();
    assert!(status.success());
    (started.elapsed().as_secs_f64(), cpu_seconds() - cpu)
}

async fn bench(clip: &Path, reference: Option<PathBuf>, subject_clip: Option<PathBuf>) {
    let dir = std::env::temp_dir().join("recut-bench-edit");
    std::fs::create_dir_all(&dir).unwrap();
    println!("| category | prompt | wall s | floor wall s | x floor | CPU s | floor CPU s | x floor CPU |");
    println!("|---|---|---|---|---|---|---|---|");
    let engine = engine().await.unwrap_or_else(|err| panic!("{err}"));
    run_cases(&engine, clip, &dir, reference.as_ref(), |_| true).await;
    if let Some(subject_clip) = subject_clip {
        println!("| | on {} | | | | | | |", subject_clip.display());
        run_cases(
            &engine,
            &subject_clip,
            &dir,
            reference.as_ref(),
            |category| category == "subject",
        )
        .await;
    }
}

/// Times each case whose category `wanted` accepts right after its own run of the floor on
/// the same clip, so each ratio compares two runs seconds apart: the machine's speed drifts
/// by 5-10 % over a few minutes, which a single floor at the start put into every ratio.
async fn run_cases(
    engine: &EditEngine,
    clip: &Path,
    dir: &Path,
    reference: Option<&PathBuf>,
    wanted: impl Fn(&str) -> bool,
) {
    for (category, prompt) in CASES {
        if !wanted(category) || (prompt.contains("reference") && reference.is_none()) {
            continue;
        }
        let (floor_wall, floor_cpu) = floor(clip, &dir.join("floor.mp4"));
        let out = dir.join(format!("{}.mp4", prompt.replace([' ', ','], "_")));
        let (started, cpu) = (Instant::now(), cpu_seconds());
        let result = render(engine, clip, prompt, &out, "720p", reference.cloned()).await;
        let (wall, cpu) = (started.elapsed().as_secs_f64(), cpu_seconds() - cpu);
        match result {
            Ok(_) => println!(
                "| {category} | {prompt} | {wall:.2} | {floor_wall:.2} | {:.2} | {cpu:.2} | {floor_cpu:.2} | {:.2} |",
                wall / floor_wall,
                cpu / floor_cpu
            ),
            Err(err) => println!("| {category} | {prompt} | refused: {err} | - | - | - | - | - |"),
        }
        if prompt.contains("grain") {
            let (wall, cpu) = floor(&out, &dir.join("floor-of-grain.mp4"));
            println!("| floor | the same decode + encode of the grainy output | {wall:.2} | {floor_wall:.2} | {:.2} | {cpu:.2} | {floor_cpu:.2} | {:.2} |", wall / floor_wall, cpu / floor_cpu);
        }
    }
}
