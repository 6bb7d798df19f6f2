//! PostgreSQL-specific behaviour: what must hold when many processes share one database.
//! Several `PgStore`s on one database stand in for several processes (each has its own pool
//! and listener). Every test skips, saying so, unless `RECUT_TEST_DATABASE_URL` names a
//! PostgreSQL server the tests may create databases on.

use std::collections::HashSet;
use std::sync::Arc;
use std::time::Duration;

use recut_store::*;
use uuid::Uuid;

/// A fresh database on the test server, dropped when the guard goes.
struct TestDb {
    admin: String,
    name: String,
    url: String,
}

impl Drop for TestDb {
    fn drop(&mut self) {
        let admin = self.admin.clone();
        let drop_sql = format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", self.name);
        // Its own thread and runtime: Drop may run inside or outside a runtime.
        let _ = std::thread::spawn(move || {
            tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap()
                .block_on(async move {
                    use sqlx::Connection;
                    if let Ok(mut conn) = sqlx::PgConnection::connect(&admin).await {
                        let _ = sqlx::Executor::execute(&mut conn, drop_sql.as_str()).await;
                    }
                })
        })
        .join();
    }
}

async fn fresh_db(test: &str) -> Option<TestDb> {
    let Some(admin) = std::env::var("RECUT_TEST_DATABASE_URL")
        .ok()
        .filter(|u| !u.is_empty())
    else {
        eprintln!("skipping {test}: RECUT_TEST_DATABASE_URL is not set");
        return None;
    };
    let name = format!("recut_store_test_{}", Uuid::new_v4().simple());
    {
        use sqlx::Connection;
        let mut conn = sqlx::PgConnection::connect(&admin)
            .await
            .expect("connect to RECUT_TEST_DATABASE_URL");
        sqlx::Executor::execute(&mut conn, format!("CREATE DATABASE {name}").as_str())
            .await
            .expect("create test database");
    }
    let (base, query) = match admin.split_once('?') {
        Some((b, q)) => (b, format!("?{q}")),
        None => (admin.as_str(), String::new()),
    };
    let server = base.rsplit_once('/').map(|(s, _)| s).unwrap_or(base);
    let url = format!("{server}/{name}{query}");
    Some(TestDb { admin, name, url })
}

/// `n` stores on one database, as `n` processes would have.
async fn stores(db: &TestDb, n: usize) -> Vec<Arc<PgStore>> {
    let mut out = Vec::new();
    for _ in 0..n {
        out.push(Arc::new(PgStore::open(&db.url).await.expect("open store")));
    }
    out
}

struct Account {
    team_id: Uuid,
    user_id: Uuid,
    key_id: Uuid,
}

async fn account(store: &PgStore, team: &str, credits: i64) -> Account {
    let key = keys::generate();
    let created = store
        .create_key(NewKey {
            team_name: team.into(),
            email: format!("{team}@example.com"),
            role: Role::Owner,
            key_name: "test".into(),
            key_prefix: key.display_prefix,
            key_hash: key.hash,
            initial_credits: credits,
        })
        .await
        .unwrap();
    Account {
        team_id: created.team_id,
        user_id: created.user_id,
        key_id: created.key_id,
    }
}

fn new_job(a: &Account, cost: i64, webhook: Option<&str>) -> NewJob {
    NewJob {
        id: Uuid::new_v4(),
        team_id: a.team_id,
        user_id: a.user_id,
        api_key_id: a.key_id,
        model: "topaz-video-upscale".into(),
        input: serde_json::json!({"model": "topaz-video-upscale", "zeta": 1, "alpha": 2}),
        spec: serde_json::json!({"k": "v"}),
        credit_cost: cost,
        max_attempts: 2,
        webhook_url: webhook.map(str::to_owned),
        webhook_events: None,
        video_blob: Some("uploads/v.mp4".into()),
        image_blob: None,
        scratch_blobs: vec!["scratch/a".into()],
    }
}

async fn assert_ledger_balanced(store: &PgStore, team: Uuid) -> i64 {
    let entries = store.ledger(team).await.unwrap();
    let sum: i64 = entries.iter().map(|e| e.amount).sum();
    let balance = store.team(team).await.unwrap().unwrap().credits;
    assert_eq!(sum, balance, "ledger {entries:?}");
    assert!(balance >= 0);
    let mut seen = HashSet::new();
    for e in &entries {
        if let Some(job) = e.job_id {
            assert!(seen.insert((job, format!("{:?}", e.kind))), "twice: {e:?}");
        }
    }
    balance
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_claims_never_hand_out_a_job_twice() {
    let Some(db) = fresh_db("concurrent_claims_never_hand_out_a_job_twice").await else {
        return;
    };
    let stores = stores(&db, 3).await;
    let a = account(&stores[0], "claims", 1_000).await;
    const JOBS: usize = 60;
    for _ in 0..JOBS {
        let out = stores[0].submit(new_job(&a, 1, None), None).await.unwrap();
        assert!(matches!(out, SubmitOutcome::Created { .. }));
    }
    let mut tasks = Vec::new();
    for (i, store) in stores.iter().enumerate() {
        for t in 0..4 {
            let store = store.clone();
            tasks.push(tokio::spawn(async move {
                let worker = format!("w{i}-{t}");
                let mut got = Vec::new();
                while let Some(job) = store.claim(&worker, Duration::from_secs(60)).await.unwrap() {
                    assert_eq!(job.attempt, 1);
                    // Key order of the submitted body survives the round trip.
                    assert_eq!(
                        job.input.to_string(),
                        r#"{"model":"topaz-video-upscale","zeta":1,"alpha":2}"#
                    );
                    got.push(job.id);
                }
                got
            }));
        }
    }
    let mut all = Vec::new();
    for t in tasks {
        all.extend(t.await.unwrap());
    }
    let unique: HashSet<_> = all.iter().collect();
    assert_eq!(all.len(), JOBS, "every job claimed once");
    assert_eq!(unique.len(), JOBS, "no job claimed twice");
    assert_eq!(stores[1].queue_depth().await.unwrap(), 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_debits_never_go_negative() {
    let Some(db) = fresh_db("concurrent_debits_never_go_negative").await else {
        return;
    };
    let stores = stores(&db, 4).await;
    let a = Arc::new(account(&stores[0], "debits", 100).await);
    let mut tasks = Vec::new();
    for i in 0..40 {
        let store = stores[i % stores.len()].clone();
        let a = a.clone();
        tasks.push(tokio::spawn(async move {
            store.submit(new_job(&a, 7, None), None).await.unwrap()
        }));
    }
    let mut created = 0;
    for t in tasks {
        match t.await.unwrap() {
            SubmitOutcome::Created { .. } => created += 1,
            SubmitOutcome::InsufficientCredits {
                required,
                available,
            } => {
                assert_eq!(required, 7);
                assert!(available < 7, "refused with {available} available");
            }
            other => panic!("unexpected {other:?}"),
        }
    }
    assert_eq!(created, 14, "100 credits buy 14 jobs at 7");
    assert_eq!(assert_ledger_balanced(&stores[1], a.team_id).await, 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn identical_idempotent_submissions_make_one_job_across_processes() {
    let Some(db) = fresh_db("identical_idempotent_submissions_make_one_job_across_processes").await
    else {
        return;
    };
    let stores = stores(&db, 4).await;
    let a = Arc::new(account(&stores[0], "idem", 100).await);
    let claim = IdempotencyClaim {
        key: "same-key".into(),
        request_hash: [7; 32],
        ttl: Duration::from_secs(3600),
    };
    let mut tasks = Vec::new();
    for i in 0..20 {
        let store = stores[i % stores.len()].clone();
        let a = a.clone();
        let claim = claim.clone();
        tasks.push(tokio::spawn(async move {
            store
                .submit(new_job(&a, 5, None), Some(claim))
                .await
                .unwrap()
        }));
    }
    let mut created = Vec::new();
    let mut replayed = Vec::new();
    for t in tasks {
        match t.await.unwrap() {
            SubmitOutcome::Created { job_id } => created.push(job_id),
            SubmitOutcome::Replayed { job_id, .. } => replayed.push(job_id),
            other => panic!("unexpected {other:?}"),
        }
    }
    assert_eq!(created.len(), 1, "exactly one job");
    assert!(replayed.iter().all(|j| *j == created[0]));
    assert_eq!(assert_ledger_balanced(&stores[0], a.team_id).await, 95);
    // A different body under the same key is refused and charges nothing.
    let mismatch = IdempotencyClaim {
        request_hash: [8; 32],
        ..claim.clone()
    };
    assert_eq!(
        stores[1]
            .submit(new_job(&a, 5, None), Some(mismatch))
            .await
            .unwrap(),
        SubmitOutcome::KeyMismatch
    );
    // Once the record expires, the key starts a new job.
    stores[2]
        .purge_idempotency(now_ms() + 7_200_000)
        .await
        .unwrap();
    let again = stores[3]
        .submit(new_job(&a, 5, None), Some(claim))
        .await
        .unwrap();
    assert!(matches!(again, SubmitOutcome::Created { job_id } if job_id != created[0]));
    assert_eq!(assert_ledger_balanced(&stores[0], a.team_id).await, 90);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn rescue_is_fenced_and_safe_to_run_concurrently() {
    let Some(db) = fresh_db("rescue_is_fenced_and_safe_to_run_concurrently").await else {
        return;
    };
    let stores = stores(&db, 3).await;
    let a = account(&stores[0], "rescue", 100).await;
    const JOBS: usize = 10;
    for _ in 0..JOBS {
        stores[0].submit(new_job(&a, 3, None), None).await.unwrap();
    }
    let mut first = Vec::new();
    while let Some(j) = stores[0]
        .claim("old", Duration::from_millis(1))
        .await
        .unwrap()
    {
        first.push(j);
    }
    assert_eq!(first.len(), JOBS);
    tokio::time::sleep(Duration::from_millis(20)).await;
    // Three processes rescue at once: each job is requeued exactly once.
    let now = now_ms();
    let reports = futures_join(stores.iter().map(|s| {
        let s = s.clone();
        async move { s.rescue_expired_leases(now).await.unwrap() }
    }))
    .await;
    let requeued: Vec<Uuid> = reports.iter().flat_map(|r| r.requeued.clone()).collect();
    assert_eq!(requeued.len(), JOBS);
    assert_eq!(requeued.iter().collect::<HashSet<_>>().len(), JOBS);

    // The second attempt belongs to a new worker; the old one's writes are fenced off.
    let second = stores[1]
        .claim("new", Duration::from_millis(1))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(second.attempt, 2);
    let old = LeaseToken {
        job_id: second.id,
        attempt: 1,
        worker: "old".into(),
    };
    assert!(!stores[0]
        .complete(&old, serde_json::json!({"x": 1}), "results/x")
        .await
        .unwrap());
    assert!(!stores[0].fail(&old, "old worker").await.unwrap());
    assert_eq!(
        stores[0]
            .heartbeat(&old, Duration::from_secs(1), Some(50))
            .await
            .unwrap(),
        LeaseState::Lost
    );

    // Attempts used up: concurrent rescuers fail and refund it exactly once.
    tokio::time::sleep(Duration::from_millis(20)).await;
    let now = now_ms();
    let reports = futures_join(stores.iter().map(|s| {
        let s = s.clone();
        async move { s.rescue_expired_leases(now).await.unwrap() }
    }))
    .await;
    let failed: Vec<Uuid> = reports.iter().flat_map(|r| r.failed.clone()).collect();
    assert_eq!(failed, vec![second.id]);
    let job = stores[2].job(second.id).await.unwrap().unwrap();
    assert_eq!(job.status, JobStatus::Failed);
    assert!(job.refunded);
    assert_eq!(
        assert_ledger_balanced(&stores[0], a.team_id).await,
        100 - 3 * JOBS as i64 + 3
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn cancel_and_completion_race_refunds_at_most_once() {
    let Some(db) = fresh_db("cancel_and_completion_race_refunds_at_most_once").await else {
        return;
    };
    let stores = stores(&db, 2).await;
    let a = account(&stores[0], "race", 1_000).await;
    for round in 0..20 {
        let out = stores[0].submit(new_job(&a, 10, None), None).await.unwrap();
        let SubmitOutcome::Created { job_id } = out else {
            panic!("{out:?}")
        };
        let claimed = stores[0]
            .claim("w", Duration::from_secs(60))
            .await
            .unwrap()
            .unwrap();
        assert_eq!(claimed.id, job_id);
        let lease = LeaseToken {
            job_id,
            attempt: claimed.attempt,
            worker: "w".into(),
        };
        let (s0, s1) = (stores[0].clone(), stores[1].clone());
        let l2 = lease.clone();
        let finish = tokio::spawn(async move {
            if round % 2 == 0 {
                s0.fail(&l2, "boom").await.unwrap()
            } else {
                s0.complete(&l2, serde_json::json!({}), "r").await.unwrap()
            }
        });
        let cancel = tokio::spawn(async move { s1.cancel(job_id).await.unwrap() });
        let finished = finish.await.unwrap();
        let cancelled = cancel.await.unwrap();
        assert!(
            finished != (cancelled == CancelOutcome::Cancelled),
            "exactly one wins: finished={finished} cancel={cancelled:?}"
        );
    }
    assert_ledger_balanced(&stores[0], a.team_id).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn notify_wakes_other_processes() {
    let Some(db) = fresh_db("notify_wakes_other_processes").await else {
        return;
    };
    let stores = stores(&db, 2).await;
    let (listener, writer) = (&stores[0], &stores[1]);
    let notes = listener
        .notifications()
        .expect("postgres has notifications");
    let mut cancels = notes.cancels.subscribe();
    let a = account(writer, "notify", 100).await;
    let wait = |n: Arc<tokio::sync::Notify>| async move {
        tokio::time::timeout(Duration::from_secs(5), n.notified())
            .await
            .is_ok()
    };

    // A submission in one process wakes the workers of another.
    let jobs_woken = tokio::spawn(wait(notes.jobs.clone()));
    tokio::time::sleep(Duration::from_millis(50)).await;
    let out = writer
        .submit(new_job(&a, 1, Some("http://127.0.0.1:9/hook")), None)
        .await
        .unwrap();
    let SubmitOutcome::Created { job_id } = out else {
        panic!("{out:?}")
    };
    assert!(jobs_woken.await.unwrap(), "jobs channel woke the listener");

    // Completion writes an outbox row; its dispatcher wakes.
    let claimed = writer
        .claim("w", Duration::from_secs(60))
        .await
        .unwrap()
        .unwrap();
    let outbox_woken = tokio::spawn(wait(notes.outbox.clone()));
    tokio::time::sleep(Duration::from_millis(50)).await;
    let lease = LeaseToken {
        job_id,
        attempt: claimed.attempt,
        worker: "w".into(),
    };
    assert!(writer
        .complete(&lease, serde_json::json!({"b": 1, "a": 2}), "results/r")
        .await
        .unwrap());
    assert!(
        outbox_woken.await.unwrap(),
        "outbox channel woke the listener"
    );
    let record = writer.job(job_id).await.unwrap().unwrap();
    assert_eq!(record.result.unwrap().to_string(), r#"{"b":1,"a":2}"#);

    // A cancellation reaches whoever runs the job, by id.
    let out = writer.submit(new_job(&a, 1, None), None).await.unwrap();
    let SubmitOutcome::Created { job_id } = out else {
        panic!("{out:?}")
    };
    assert_eq!(
        writer.cancel(job_id).await.unwrap(),
        CancelOutcome::Cancelled
    );
    let got = tokio::time::timeout(Duration::from_secs(5), cancels.recv())
        .await
        .expect("cancel notification")
        .unwrap();
    assert_eq!(got, job_id);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn listener_recovers_from_a_lost_connection() {
    let Some(db) = fresh_db("listener_recovers_from_a_lost_connection").await else {
        return;
    };
    let stores = stores(&db, 2).await;
    let notes = stores[0].notifications().unwrap();
    let woken = tokio::spawn({
        let jobs = notes.jobs.clone();
        async move {
            tokio::time::timeout(Duration::from_secs(10), jobs.notified())
                .await
                .is_ok()
        }
    });
    tokio::time::sleep(Duration::from_millis(50)).await;
    // Kill every listener connection on this database, as a failover or restart would.
    let killed: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity \
         WHERE datname = current_database() AND application_name = 'recut-listener') t",
    )
    .fetch_one(stores[1].pool())
    .await
    .unwrap();
    assert_eq!(killed, 2, "one listener per store");
    // Waiters are woken after the reconnect, since notifications may have been missed.
    assert!(woken.await.unwrap(), "woken after reconnect");
    // And notifications flow again.
    let a = account(&stores[1], "reconnect", 10).await;
    let mut delivered = false;
    for _ in 0..50 {
        let jobs = notes.jobs.clone();
        let wait = tokio::spawn(async move {
            tokio::time::timeout(Duration::from_millis(500), jobs.notified())
                .await
                .is_ok()
        });
        tokio::time::sleep(Duration::from_millis(20)).await;
        stores[1].submit(new_job(&a, 0, None), None).await.unwrap();
        if wait.await.unwrap() {
            delivered = true;
            break;
        }
    }
    assert!(delivered, "notifications arrive after the reconnect");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn delivery_claims_hand_each_delivery_out_once_in_job_order() {
    let Some(db) = fresh_db("delivery_claims_hand_each_delivery_out_once_in_job_order").await
    else {
        return;
    };
    let stores = stores(&db, 3).await;
    let a = account(&stores[0], "hooks", 1_000).await;
    const JOBS: usize = 12;
    let mut ids = Vec::new();
    for _ in 0..JOBS {
        let out = stores[0]
            .submit(new_job(&a, 1, Some("http://127.0.0.1:9/hook")), None)
            .await
            .unwrap();
        let SubmitOutcome::Created { job_id } = out else {
            panic!("{out:?}")
        };
        ids.push(job_id);
    }
    // Each job: one progress event, then the completion (two deliveries, in order).
    while let Some(j) = stores[0].claim("w", Duration::from_secs(60)).await.unwrap() {
        let lease = LeaseToken {
            job_id: j.id,
            attempt: j.attempt,
            worker: "w".into(),
        };
        stores[0]
            .heartbeat(&lease, Duration::from_secs(60), Some(40))
            .await
            .unwrap();
        stores[0]
            .complete(&lease, serde_json::json!({}), "r")
            .await
            .unwrap();
    }
    // Progress was superseded by the completion, so one live delivery per job; claims from
    // three dispatchers at once hand each out exactly once.
    let now = now_ms();
    let batches = futures_join(stores.iter().map(|s| {
        let s = s.clone();
        async move {
            s.claim_deliveries(now, 100, Duration::from_secs(60))
                .await
                .unwrap()
        }
    }))
    .await;
    let all: Vec<DueDelivery> = batches.into_iter().flatten().collect();
    assert_eq!(all.len(), JOBS);
    assert_eq!(all.iter().map(|d| d.id).collect::<HashSet<_>>().len(), JOBS);
    assert!(all.iter().all(|d| d.event == "completed"));
    // While sent, nothing else of the job goes out; a retry waits for its time.
    assert!(stores[1]
        .claim_deliveries(now_ms(), 100, Duration::from_secs(60))
        .await
        .unwrap()
        .is_empty());
    for d in &all {
        stores[2]
            .record_attempt(
                d,
                AttemptRecord {
                    status_code: Some(500),
                    error: None,
                    duration_ms: 3,
                },
                DeliveryNext::Failed,
            )
            .await
            .unwrap();
    }
    let job = stores[0].job(ids[0]).await.unwrap().unwrap();
    assert_eq!(job.webhook_status.as_deref(), Some("failed"));
    let views = stores[0].deliveries_for_job(ids[0]).await.unwrap();
    assert_eq!(
        views.iter().map(|v| v.status.as_str()).collect::<Vec<_>>(),
        ["superseded", "failed"]
    );
    assert_eq!(views[1].attempt_log.len(), 1);
    // Re-queued by hand, they go out again, still once each.
    let notes = stores[1].notifications().unwrap();
    let woken = tokio::spawn(async move {
        tokio::time::timeout(Duration::from_secs(5), notes.outbox.notified())
            .await
            .is_ok()
    });
    tokio::time::sleep(Duration::from_millis(50)).await;
    assert_eq!(
        stores[0]
            .retry_failed_deliveries(ids[0], now_ms())
            .await
            .unwrap(),
        1
    );
    assert!(woken.await.unwrap(), "retry wakes dispatchers");
    let again = stores[2]
        .claim_deliveries(now_ms(), 100, Duration::from_secs(60))
        .await
        .unwrap();
    assert_eq!(again.len(), 1);
    assert_eq!(again[0].job_id, ids[0]);
    assert_eq!(again[0].attempts, 1);
}

/// Runs futures concurrently on the runtime and returns their outputs in order.
async fn futures_join<F>(futs: impl IntoIterator<Item = F>) -> Vec<F::Output>
where
    F: std::future::Future + Send + 'static,
    F::Output: Send + 'static,
{
    let handles: Vec<_> = futs.into_iter().map(tokio::spawn).collect();
    let mut out = Vec::new();
    for h in handles {
        out.push(h.await.unwrap());
    }
    out
}
