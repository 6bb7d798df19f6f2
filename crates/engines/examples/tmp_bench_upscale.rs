use std::sync::Arc;
use std::time::Instant;
use recut_engines::{upscale::UpscaleEngine, Engine, EngineContext, EngineInput};
use recut_media::{Media, MediaConfig};
#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (video, res, fps) = (&args[1], &args[2], args[3].parse::<u32>().unwrap());
    let dir = tempfile::tempdir().unwrap();
    let input = EngineInput { job_id: "bench".into(), video_path: video.into(), reference_image_path: None, prompt: None,
        params: serde_json::json!({"video":"x","target_resolution":res,"target_fps":fps}), work_dir: dir.path().into(), output_path: dir.path().join("out.mp4") };
    let engine = UpscaleEngine::new(Media::new(MediaConfig::default()));
    let t = Instant::now();
    let out = engine.run(input, EngineContext { progress: Arc::new(|_| {}), cancel: Default::default() }).await;
    println!("{:?} in {:.2?}", out.map(|o| (o.width, o.height, o.fps, o.frame_count, o.duration_seconds, o.has_audio)), t.elapsed());
}
