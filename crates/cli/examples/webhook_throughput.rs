//! How many webhook deliveries per second the dispatcher sustains to a fast local receiver.
//!
//!     cargo run --release -p recut --example webhook_throughput -- [JOBS] [CONCURRENCY]
//!
//! Writes JOBS completed jobs with a webhook (through the store, as workers do: each
//! completion writes its outbox row in the same transaction), then starts the dispatcher
//! and times until the receiver has every `completed` event. The receiver answers 200 at
//! once, on loopback; the dispatcher signs every body and records every attempt.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use recut_store::{LeaseToken, NewJob};
use serde_json::json;
use tokio_util::sync::CancellationToken;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let jobs: usize = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(2000);
    let concurrency: usize = args.get(2).and_then(|a| a.parse().ok()).unwrap_or(16);

    let received = Arc::new(AtomicUsize::new(0));
    let counter = received.clone();
    let receiver = axum::Router::new().route(
        "/hook",
        axum::routing::post(move || {
            let counter = counter.clone();
            async move {
                counter.fetch_add(1, Ordering::Relaxed);
                "ok"
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let hook = format!("http://{}/hook", listener.local_addr()?);
    tokio::spawn(async move { axum::serve(listener, receiver).await });

    let dir = tempfile::tempdir()?;
    let mut config = recut_config::ConfigLoader::new().build()?;
    config.data_dir = dir.path().to_owned();
    config.allow_private_networks = true;
    config.workers.concurrency = 0;
    config.webhooks.concurrency = concurrency;
    let app = recut::app::build(config).await?;
    let store = app.state.store.clone();
    let created = recut::admin::run(
        store.as_ref(),
        recut::admin::AdminCommand::CreateKey {
            team: "bench".into(),
            email: "bench@example.com".into(),
            role: "OWNER".into(),
            credits: 0,
            name: "bench".into(),
        },
    )
    .await?;
    let team_id = created["teamId"].as_str().unwrap().parse()?;
    let user_id = created["userId"].as_str().unwrap().parse()?;
    let key_id = created["keyId"].as_str().unwrap().parse()?;

    let setup = Instant::now();
    for _ in 0..jobs {
        let job = NewJob {
            id: uuid::Uuid::new_v4(),
            team_id,
            user_id,
            api_key_id: key_id,
            model: "topaz-video-upscale".into(),
            input: json!({"model": "topaz-video-upscale"}),
            spec: json!({}),
            credit_cost: 0,
            max_attempts: 1,
            webhook_url: Some(hook.clone()),
            webhook_events: Some(vec!["completed".into()]),
            video_blob: None,
            image_blob: None,
            scratch_blobs: vec![],
        };
        store.submit(job, None).await?;
        let claimed = store
            .claim("bench", Duration::from_secs(60))
            .await?
            .expect("queued job");
        let lease = LeaseToken {
            job_id: claimed.id,
            attempt: claimed.attempt,
            worker: "bench".into(),
        };
        store
            .complete(
                &lease,
                json!({"videoUrl": "http://example.com/x.mp4"}),
                "results/x.mp4",
            )
            .await?;
    }
    eprintln!(
        "wrote {jobs} completed jobs with outbox rows in {:.1} s",
        setup.elapsed().as_secs_f64()
    );

    let stop = CancellationToken::new();
    let start = Instant::now();
    let dispatcher = tokio::spawn(app.dispatcher.run(stop.clone()));
    while received.load(Ordering::Relaxed) < jobs {
        tokio::time::sleep(Duration::from_millis(5)).await;
        anyhow::ensure!(
            start.elapsed() < Duration::from_secs(600),
            "deliveries stalled"
        );
    }
    let seconds = start.elapsed().as_secs_f64();
    stop.cancel();
    let _ = dispatcher.await;
    println!(
        "| {jobs} | {concurrency} | {seconds:.2} s | {:.0} deliveries/s |",
        jobs as f64 / seconds
    );
    Ok(())
}
