//! Many processes on one PostgreSQL database and one S3 bucket: two API processes, two
//! worker processes, one of them SIGKILLed mid-job. Needs RECUT_TEST_DATABASE_URL (a
//! PostgreSQL server) and RECUT_TEST_S3RVER (an S3-compatible server binary); CI sets both.

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use crate::cli_binary::{
    create_key, free_port, get_from, start_server_with, unpooled_client, upload_to, Server,
};
use crate::support::*;

struct Guard(Vec<Child>);
impl Drop for Guard {
    fn drop(&mut self) {
        for c in &mut self.0 {
            let _ = c.kill();
            let _ = c.wait();
        }
    }
}

fn start_s3rver(dir: &Path, bucket: &str) -> Option<(Child, String)> {
    let bin = std::env::var("RECUT_TEST_S3RVER").ok()?;
    let port = free_port();
    let child = Command::new(bin)
        .args([
            "-d",
            dir.to_str().unwrap(),
            "-a",
            "127.0.0.1",
            "-p",
            &port.to_string(),
            "--configure-bucket",
            bucket,
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(start.elapsed() < Duration::from_secs(20));
        std::thread::sleep(Duration::from_millis(50));
    }
    std::thread::sleep(Duration::from_millis(300));
    Some((child, format!("http://127.0.0.1:{port}")))
}

#[tokio::test]
async fn two_apis_and_two_workers_on_postgres_and_s3_survive_a_killed_worker() {
    let (Some(db), true) = (fresh_database(), std::env::var("RECUT_TEST_S3RVER").is_ok()) else {
        eprintln!("RECUT_TEST_DATABASE_URL and RECUT_TEST_S3RVER are needed: skipping the multi-process test");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let (s3, endpoint) = start_s3rver(&dir.path().join("s3"), "recut").unwrap();
    let guard = Guard(vec![s3]);

    let api_ports = [free_port(), free_port()];
    let public = format!("http://127.0.0.1:{}", api_ports[0]);
    let common: Vec<(&str, String)> = vec![
        ("RECUT_STORAGE__BACKEND", "s3".into()),
        ("RECUT_STORAGE__BUCKET", "recut".into()),
        ("RECUT_STORAGE__ENDPOINT", endpoint.clone()),
        ("RECUT_STORAGE__ACCESS_KEY_ID", "S3RVER".into()),
        ("RECUT_STORAGE__SECRET_ACCESS_KEY", "S3RVER".into()),
        ("RECUT_PUBLIC_URL", public.clone()),
        ("RECUT_RATE_LIMIT__PER_SECOND", "10000".into()),
        ("RECUT_RATE_LIMIT__BURST", "10000".into()),
        ("RECUT_LOG_FORMAT", "json".into()),
    ];
    let mut procs: Vec<(String, std::path::PathBuf)> = Vec::new();
    let mut servers: Vec<Server> = Vec::new();
    for (i, role) in ["api", "api", "worker", "worker"].iter().enumerate() {
        let data = dir.path().join(format!("p{i}"));
        std::fs::create_dir_all(&data).unwrap();
        std::fs::write(data.join(".test-database-url"), &db).unwrap();
        let port = if i < 2 { api_ports[i] } else { free_port() };
        let mut env: Vec<(&str, &str)> = common.iter().map(|(k, v)| (*k, v.as_str())).collect();
        env.push(("RECUT_ROLE", role));
        servers.push(start_server_with(&data, port, &env));
        procs.push((role.to_string(), data));
    }
    let key = create_key(&procs[0].1, 100_000);
    let http = unpooled_client();

    let short = clip(dir.path(), "short.mp4", "160x90", "25", 1.0, true);
    let long = clip(dir.path(), "long.mp4", "320x180", "30", 4.0, true);
    let short_url = upload_to(&http, &servers[0].base, &key, &short).await;
    let long_url = upload_to(&http, &servers[1].base, &key, &long).await;

    // 60 submissions across both APIs. Submissions 10k and 10k+1 share an Idempotency-Key
    // across the two APIs, except where one of them is a long job (0 and 30), which gets
    // no key: 4 pairs collapse, so 56 distinct jobs are expected.
    let mut submissions = Vec::new();
    for i in 0..60usize {
        let api = &servers[i % 2].base;
        let long_job = i % 15 == 0;
        let (video, res, fps) = if long_job {
            (&long_url, "1080p", 60)
        } else {
            (&short_url, "720p", 24)
        };
        let body = json!({"model": "topaz-video-upscale", "topazVideoParams": {"video": video, "target_resolution": res, "target_fps": fps}});
        let idem = (i % 10 < 2 && !long_job).then(|| format!("shared-{}", i / 10));
        let (http, key) = (&http, &key);
        submissions.push(async move {
            // A 503 with Retry-After is the API's documented answer to a passing overload
            // (a probe or database connection that timed out; nothing is charged), and
            // clients retry it. Sixty simultaneous submissions on a 2-core CI machine
            // occasionally meet one, so this client retries as an SDK would.
            let mut unavailable = 0;
            loop {
                let mut req = http
                    .post(format!("{api}/v2/videos/upscale"))
                    .header("X-API-Key", key)
                    .json(&body);
                if let Some(k) = &idem {
                    req = req.header("Idempotency-Key", k);
                }
                let resp = req.send().await.unwrap();
                if resp.status() == reqwest::StatusCode::SERVICE_UNAVAILABLE && unavailable < 3 {
                    unavailable += 1;
                    let text = resp.text().await.unwrap_or_default();
                    eprintln!("submission {i}: 503 ({text}); retrying");
                    tokio::time::sleep(Duration::from_secs(2)).await;
                    continue;
                }
                return resp;
            }
        });
    }
    let mut ids = Vec::new();
    for resp in futures::future::join_all(submissions).await {
        assert_eq!(resp.status(), reqwest::StatusCode::ACCEPTED);
        let body: Value = resp.json().await.unwrap();
        ids.push(body["jobId"].as_str().unwrap().to_owned());
    }
    let distinct: std::collections::BTreeSet<String> = ids.iter().cloned().collect();
    assert_eq!(
        distinct.len(),
        56,
        "shared Idempotency-Keys made one job per pair"
    );

    // Kill the first worker while it runs a job.
    let worker_log = procs[2].1.join("serve.log");
    let start = Instant::now();
    loop {
        let log = std::fs::read_to_string(&worker_log).unwrap_or_default();
        if log.contains("job started") {
            break;
        }
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "worker 1 never started a job"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    tokio::time::sleep(Duration::from_millis(200)).await;
    servers[2].child.kill().unwrap();
    servers[2].child.wait().unwrap();

    // Every job ends exactly once; all outputs are readable.
    let start = Instant::now();
    for id in &distinct {
        loop {
            let job = get_from(&http, &servers[1].base, &key, &format!("/v2/jobs/{id}")).await;
            match job["status"].as_str().unwrap() {
                "COMPLETED" => {
                    let url = job["result"]["videoUrl"].as_str().unwrap();
                    let resp = http
                        .get(url)
                        .header("Range", "bytes=0-7")
                        .send()
                        .await
                        .unwrap();
                    assert_eq!(resp.status(), reqwest::StatusCode::PARTIAL_CONTENT, "{url}");
                    assert_eq!(&resp.bytes().await.unwrap()[4..8], b"ftyp");
                    break;
                }
                "FAILED" | "CANCELLED" => panic!("job {id} ended {job}"),
                _ => {}
            }
            assert!(
                start.elapsed() < Duration::from_secs(400),
                "jobs did not finish: {job}"
            );
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    }

    // No job ran twice to completion: each id is recorded complete in exactly one log.
    let mut completions = std::collections::HashMap::<String, usize>::new();
    for (_, data) in &procs[2..] {
        for line in std::fs::read_to_string(data.join("serve.log"))
            .unwrap()
            .lines()
        {
            let Ok(v) = serde_json::from_str::<Value>(line) else {
                continue;
            };
            if v["fields"]["message"] == "job completed" {
                *completions
                    .entry(v["fields"]["job"].as_str().unwrap_or_default().to_owned())
                    .or_default() += 1;
            }
        }
    }
    for id in &distinct {
        let n = completions.get(id).copied().unwrap_or(0);
        assert!(n <= 1, "job {id} completed {n} times");
    }

    // Ledger: grants - debits + refunds = balance, never negative.
    let me = get_from(&http, &servers[0].base, &key, "/v2/me").await;
    let balance = me["team"]["credits"].as_i64().unwrap();
    assert!(balance >= 0);
    let jobs = get_from(&http, &servers[0].base, &key, "/v2/jobs?limit=100").await;
    let charged: i64 = jobs["jobs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|j| j["creditCost"].as_i64().unwrap())
        .sum();
    assert_eq!(jobs["jobs"].as_array().unwrap().len(), 56);
    assert_eq!(
        balance,
        100_000 - charged,
        "balance equals grants minus what the jobs hold"
    );
    for s in &mut servers {
        let _ = s.child.kill();
        let _ = s.child.wait();
    }
    drop(guard);
}
