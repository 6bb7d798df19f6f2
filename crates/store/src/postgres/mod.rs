//! PostgreSQL backend: one database shared by any number of API and worker processes.
//!
//! Every method keeps the same invariants as the SQLite backend (see `crate::sqlite`), but
//! cannot lean on a single writer, so each write is race-free on its own:
//!
//! - Claims take the oldest runnable job with `FOR UPDATE SKIP LOCKED`, so concurrent
//!   workers never wait on each other and never get the same job.
//! - Worker writes are fenced on (id, attempt, lease_owner), as in SQLite.
//! - Debits are one conditional `UPDATE ... WHERE credits >= cost RETURNING credits`; the
//!   balance can neither be lost nor go negative (and the CHECK backs that up).
//! - A submission with an Idempotency-Key first claims the key with `INSERT ... ON CONFLICT`
//!   inside its transaction. A concurrent submission with the same key blocks on that
//!   insert until the first commits (then replays its job) or rolls back (then claims the
//!   key itself); exactly one job and one debit, across processes.
//! - Refunds are guarded by the status update (`refunded = false`) and the ledger's unique
//!   refund index, so a job is refunded at most once whoever races.
//! - Maintenance (lease rescue, retention, idempotency expiry) acts only on rows whose state
//!   still calls for it, and lease rescue skips rows another process holds.
//!
//! Cross-process wake-ups use LISTEN/NOTIFY: writers `pg_notify` inside their transaction
//! (delivered on commit) and a background task per store turns notifications into the
//! `StoreNotifications` of `Store::notifications`.

use std::str::FromStr;
use std::time::Duration;

use async_trait::async_trait;
use sqlx::postgres::{PgConnectOptions, PgListener, PgPool, PgPoolOptions, PgRow};
use sqlx::Row;
use uuid::Uuid;

use crate::submissions::{self, Submission};
use crate::webhook_events::{self, EventJob, WebhookEvent};
use crate::*;

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/postgres");

/// A job became runnable; payload: its id.
pub const CHANNEL_JOBS: &str = "recut_jobs";
/// Webhook outbox rows were written or re-queued; payload: the job id.
pub const CHANNEL_OUTBOX: &str = "recut_outbox";
/// A job was cancelled; payload: its id.
pub const CHANNEL_CANCEL: &str = "recut_cancel";

/// Connections per process unless the URL says otherwise (`?max_connections=N`).
const DEFAULT_MAX_CONNECTIONS: u32 = 10;
const ACQUIRE_TIMEOUT: Duration = Duration::from_secs(5);
/// Namespace of the transaction-scoped advisory locks that serialise delivery claims per job.
const OUTBOX_LOCK_SPACE: i32 = 0x5243_5554; // "RCUT"

const JOB_COLUMNS: &str =
    "id, team_id, user_id, model, status, progress, input, result, error, credit_cost, \
     refunded, webhook_status, attempt, created_at, completed_at, expired";

const UPLOAD_COLUMNS: &str =
    "id, team_id, kind, content_type, byte_size, blob_key, probe, expires_at, deleted_at";

type Tx<'a> = sqlx::Transaction<'a, sqlx::Postgres>;

pub struct PgStore {
    pool: PgPool,
    submissions: tokio::sync::mpsc::Sender<Submission>,
    notes: StoreNotifications,
    /// Dropping the store drops this and stops the listener task.
    _listener_stop: tokio::sync::oneshot::Sender<()>,
}

fn map_err(e: sqlx::Error) -> StoreError {
    match &e {
        sqlx::Error::PoolTimedOut
        | sqlx::Error::PoolClosed
        | sqlx::Error::Io(_)
        | sqlx::Error::Tls(_)
        | sqlx::Error::WorkerCrashed => StoreError::Unavailable(e.to_string()),
        sqlx::Error::Database(db) => {
            let code = db.code().unwrap_or_default();
            match code.get(..2).unwrap_or_default() {
                // connection_exception, insufficient_resources (too many connections, disk
                // full), operator_intervention (shutdown, cancelled), transaction_rollback
                // (serialization failure, deadlock): the database cannot take it now.
                "08" | "53" | "57" | "40" => StoreError::Unavailable(db.message().to_owned()),
                // lock_not_available
                _ if code == "55P03" => StoreError::Unavailable(db.message().to_owned()),
                // integrity_constraint_violation: unique, check, foreign key.
                "23" => StoreError::Conflict(db.message().to_owned()),
                _ => StoreError::Internal(e.to_string()),
            }
        }
        _ => StoreError::Internal(e.to_string()),
    }
}

fn get<'r, T>(row: &'r PgRow, col: &str) -> StoreResult<T>
where
    T: sqlx::Decode<'r, sqlx::Postgres> + sqlx::Type<sqlx::Postgres>,
{
    row.try_get(col).map_err(map_err)
}

fn status_col(row: &PgRow) -> StoreResult<JobStatus> {
    let s: String = get(row, "status")?;
    JobStatus::parse(&s).ok_or_else(|| StoreError::Internal(format!("bad status {s}")))
}

fn hash_col(row: &PgRow, col: &str) -> StoreResult<[u8; 32]> {
    let v: Vec<u8> = get(row, col)?;
    v.try_into()
        .map_err(|_| StoreError::Internal(format!("bad digest in {col}")))
}

fn job_from_row(row: &PgRow) -> StoreResult<JobRecord> {
    Ok(JobRecord {
        id: get(row, "id")?,
        team_id: get(row, "team_id")?,
        user_id: get(row, "user_id")?,
        model: get(row, "model")?,
        status: status_col(row)?,
        progress: get(row, "progress")?,
        input: get::<Option<serde_json::Value>>(row, "input")?.unwrap_or_default(),
        result: get(row, "result")?,
        error: get(row, "error")?,
        credit_cost: get(row, "credit_cost")?,
        refunded: get(row, "refunded")?,
        webhook_status: get(row, "webhook_status")?,
        attempt: get(row, "attempt")?,
        created_at: get(row, "created_at")?,
        completed_at: get(row, "completed_at")?,
        expired: get(row, "expired")?,
    })
}

fn upload_from_row(row: &PgRow) -> StoreResult<UploadRecord> {
    Ok(UploadRecord {
        id: get(row, "id")?,
        team_id: get(row, "team_id")?,
        kind: get(row, "kind")?,
        content_type: get(row, "content_type")?,
        byte_size: get(row, "byte_size")?,
        blob_key: get(row, "blob_key")?,
        probe: get(row, "probe")?,
        expires_at: get(row, "expires_at")?,
        deleted: get::<Option<i64>>(row, "deleted_at")?.is_some(),
    })
}

fn team_from_row(row: &PgRow) -> StoreResult<Team> {
    Ok(Team {
        id: get(row, "id")?,
        name: get(row, "name")?,
        plan: get(row, "plan")?,
        customer_id: get(row, "customer_id")?,
        credits: get(row, "credits")?,
    })
}

fn ledger_kind(kind: &str) -> LedgerKind {
    match kind {
        "grant" => LedgerKind::Grant,
        "debit" => LedgerKind::Debit,
        _ => LedgerKind::Refund,
    }
}

fn millis(d: Duration) -> i64 {
    i64::try_from(d.as_millis()).unwrap_or(i64::MAX)
}

/// Splits our own `max_connections=N` out of the URL's query; sqlx gets the rest.
fn split_pool_size(url: &str) -> StoreResult<(String, u32)> {
    let Some((base, query)) = url.split_once('?') else {
        return Ok((url.to_owned(), DEFAULT_MAX_CONNECTIONS));
    };
    let mut size = DEFAULT_MAX_CONNECTIONS;
    let mut rest = Vec::new();
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        match pair.split_once('=') {
            Some(("max_connections", v)) => {
                size = v.parse().ok().filter(|n| *n > 0).ok_or_else(|| {
                    StoreError::Internal(format!("bad max_connections {v:?} in database URL"))
                })?;
            }
            _ => rest.push(pair),
        }
    }
    let url = if rest.is_empty() {
        base.to_owned()
    } else {
        format!("{base}?{}", rest.join("&"))
    };
    Ok((url, size))
}

async fn notify(tx: &mut Tx<'_>, channel: &str, payload: &str) -> StoreResult<()> {
    sqlx::query("SELECT pg_notify($1, $2)")
        .bind(channel)
        .bind(payload)
        .execute(&mut **tx)
        .await
        .map_err(map_err)?;
    Ok(())
}

/// Starts a transaction on its own task. A request future dropped half-way through
/// sqlx's `begin` (a client disconnecting under load) returns the connection to the pool
/// inside an open `BEGIN`, and whatever runs on it next stays uncommitted, holding its
/// locks (bench/scale.sh caught this as "there is already a transaction in progress").
/// Once the begin has completed, dropping the transaction rolls it back cleanly.
async fn begin_on(pool: &PgPool) -> StoreResult<Tx<'static>> {
    let pool = pool.clone();
    tokio::spawn(async move { pool.begin().await })
        .await
        .map_err(|e| StoreError::Internal(format!("transaction start task failed: {e}")))?
        .map_err(map_err)
}

impl PgStore {
    /// Connects to `postgres://...` (or `postgresql://...`), applies the migrations (under
    /// sqlx's advisory lock, so processes starting together migrate once) and starts
    /// listening for other processes' notifications.
    ///
    /// `?max_connections=N` in the URL sizes the pool (default 10).
    pub async fn open(url: &str) -> StoreResult<Self> {
        let (url, max_connections) = split_pool_size(url)?;
        let options = PgConnectOptions::from_str(&url).map_err(map_err)?;
        let pool = PgPoolOptions::new()
            .max_connections(max_connections)
            .acquire_timeout(ACQUIRE_TIMEOUT)
            // Idle connections go back to the server soon: many processes share its limit.
            .idle_timeout(Some(Duration::from_secs(60)))
            .connect_with(options.clone().application_name("recut"))
            .await
            .map_err(map_err)?;
        MIGRATOR.run(&pool).await.map_err(|e| match e {
            sqlx::migrate::MigrateError::Execute(e) => match map_err(e) {
                StoreError::Unavailable(m) => StoreError::Unavailable(m),
                other => StoreError::Internal(format!("migration failed: {other}")),
            },
            other => StoreError::Internal(format!("migration failed: {other}")),
        })?;

        // The listener has a pool of its own (one connection, never recycled), so it does not
        // take a connection from the pool requests use; the pool also reconnects it.
        let listen_pool = PgPoolOptions::new()
            .max_connections(1)
            .acquire_timeout(ACQUIRE_TIMEOUT)
            .max_lifetime(None)
            .idle_timeout(None)
            .connect_lazy_with(options.application_name("recut-listener"));
        let listener = connect_listener(&listen_pool).await.map_err(map_err)?;
        let notes = StoreNotifications {
            jobs: std::sync::Arc::new(tokio::sync::Notify::new()),
            outbox: std::sync::Arc::new(tokio::sync::Notify::new()),
            cancels: tokio::sync::broadcast::channel(1024).0,
        };
        let (stop_tx, stop_rx) = tokio::sync::oneshot::channel();
        tokio::spawn(listen_loop(listen_pool, listener, notes.clone(), stop_rx));
        let (submissions, rx) = tokio::sync::mpsc::channel(submissions::QUEUE);
        tokio::spawn(Self::submission_writer(pool.clone(), rx));
        Ok(PgStore {
            pool,
            submissions,
            notes,
            _listener_stop: stop_tx,
        })
    }

    /// The pool, for tests and tools that need raw SQL.
    pub fn pool(&self) -> &PgPool {
        &self.pool
    }

    async fn begin(&self) -> StoreResult<Tx<'static>> {
        begin_on(&self.pool).await
    }

    async fn submission_writer(pool: PgPool, mut rx: tokio::sync::mpsc::Receiver<Submission>) {
        let mut batch = Vec::with_capacity(submissions::MAX_BATCH);
        while rx.recv_many(&mut batch, submissions::MAX_BATCH).await > 0 {
            // Every process takes row locks in the same order (team, then idempotency key),
            // so two processes' batches wait for each other instead of deadlocking.
            batch.sort_by(|x, y| {
                let key =
                    |s: &Submission| (s.job.team_id, s.idempotency.as_ref().map(|c| c.key.clone()));
                key(x).cmp(&key(y))
            });
            let results = Self::write_batch(&pool, &batch, now_ms()).await;
            submissions::reply(&mut batch, results);
        }
    }

    /// The whole batch in one transaction while every submission creates its job, which is
    /// the normal case. Any other outcome (a replay, a key mismatch, too few credits) or
    /// error may have written rows that only that submission's own rollback undoes, so the
    /// batch is rolled back and each submission is written in a transaction of its own.
    async fn write_batch(
        pool: &PgPool,
        batch: &[Submission],
        now: Millis,
    ) -> StoreResult<Vec<StoreResult<SubmitOutcome>>> {
        if batch.len() > 1 {
            let mut tx = begin_on(pool).await?;
            let mut outcomes = Vec::with_capacity(batch.len());
            for sub in batch {
                match Self::submit_in(&mut tx, &sub.job, sub.idempotency.as_ref(), now).await {
                    Ok(created @ SubmitOutcome::Created { .. }) => outcomes.push(Ok(created)),
                    _ => break,
                }
            }
            if outcomes.len() == batch.len() {
                tx.commit().await.map_err(map_err)?;
                return Ok(outcomes);
            }
            tx.rollback().await.map_err(map_err)?;
        }
        let mut outcomes = Vec::with_capacity(batch.len());
        for sub in batch {
            outcomes.push(Self::submit_alone(pool, &sub.job, sub.idempotency.as_ref(), now).await);
        }
        Ok(outcomes)
    }

    async fn submit_alone(
        pool: &PgPool,
        job: &NewJob,
        idempotency: Option<&IdempotencyClaim>,
        now: Millis,
    ) -> StoreResult<SubmitOutcome> {
        let mut tx = begin_on(pool).await?;
        let outcome = Self::submit_in(&mut tx, job, idempotency, now).await?;
        if matches!(outcome, SubmitOutcome::Created { .. }) {
            tx.commit().await.map_err(map_err)?;
        } else {
            tx.rollback().await.map_err(map_err)?;
        }
        Ok(outcome)
    }

    /// Idempotency row, debit, job row and debit ledger row inside `tx`. The caller commits
    /// only `Created`; every other outcome rolls back whatever was written.
    async fn submit_in(
        tx: &mut Tx<'_>,
        job: &NewJob,
        idempotency: Option<&IdempotencyClaim>,
        now: Millis,
    ) -> StoreResult<SubmitOutcome> {
        if let Some(claim) = idempotency {
            if let Some(earlier) = Self::claim_idempotency_key(tx, job, claim, now).await? {
                return Ok(earlier);
            }
        }
        // One statement, one round trip: debit (only while the balance covers the cost),
        // job row, debit ledger row and the workers' wake-up. Every submission of a team
        // locks that team's row until COMMIT, so the fewer round trips a transaction makes
        // after taking it, the more submissions per second a team gets (three statements:
        // 640/s; this with group commit: see docs/benchmarks.md, "Scale-out"). When the
        // debit matches no row, neither insert runs and nothing was written. The ledger row's
        // foreign key to the job is checked at the end of the statement, after the job
        // row's insert.
        let debited = sqlx::query(
            "WITH debit AS (UPDATE teams SET credits = credits - $8 WHERE id = $2 AND credits >= $8 RETURNING id), \
             job AS (INSERT INTO jobs (id, team_id, user_id, api_key_id, model, status, input, spec, credit_cost, webhook_url, \
               webhook_events, webhook_status, max_attempts, run_after, video_blob, image_blob, scratch_blobs, created_at, updated_at) \
               SELECT $1, $2, $3, $4, $5, 'QUEUED', $6::json, $7::json, $8, $9, $10::json, $11, $12, $13, $14, $15, $16, $13, $13 FROM debit \
               RETURNING id), \
             entry AS (INSERT INTO ledger (team_id, kind, amount, job_id, note, created_at) \
               SELECT $2, 'debit', -$8::bigint, id, $5, $13 FROM job RETURNING job_id) \
             SELECT pg_notify($17, job_id::text) FROM entry",
        )
        .bind(job.id)
        .bind(job.team_id)
        .bind(job.user_id)
        .bind(job.api_key_id)
        .bind(&job.model)
        .bind(job.input.to_string())
        .bind(job.spec.to_string())
        .bind(job.credit_cost)
        .bind(&job.webhook_url)
        .bind(job.webhook_events.as_ref().map(|e| serde_json::to_string(e).unwrap_or_default()))
        .bind(job.webhook_url.as_ref().map(|_| "pending"))
        .bind(job.max_attempts as i64)
        .bind(now)
        .bind(&job.video_blob)
        .bind(&job.image_blob)
        .bind((!job.scratch_blobs.is_empty()).then_some(&job.scratch_blobs))
        .bind(CHANNEL_JOBS)
        .fetch_optional(&mut **tx)
        .await
        .map_err(map_err)?;
        if debited.is_none() {
            let available: i64 = sqlx::query("SELECT credits FROM teams WHERE id = $1")
                .bind(job.team_id)
                .fetch_optional(&mut **tx)
                .await
                .map_err(map_err)?
                .ok_or_else(|| StoreError::NotFound(format!("team {}", job.team_id)))
                .and_then(|r| get(&r, "credits"))?;
            return Ok(SubmitOutcome::InsufficientCredits {
                required: job.credit_cost,
                available,
            });
        }
        Ok(SubmitOutcome::Created { job_id: job.id })
    }

    /// Claims (team, key) for `job`, or answers with what the live record says.
    ///
    /// The upsert inserts the key, or takes over an expired record, or does nothing when a
    /// live record holds it. A concurrent transaction inserting the same key makes it wait
    /// until that one commits or rolls back, so of N simultaneous identical submissions one
    /// claims the key and the others then read the committed record (READ COMMITTED gives
    /// each statement a fresh snapshot) and replay it. The record points at the job before
    /// the job row exists; its foreign key is deferred to commit.
    async fn claim_idempotency_key(
        tx: &mut Tx<'_>,
        job: &NewJob,
        claim: &IdempotencyClaim,
        now: Millis,
    ) -> StoreResult<Option<SubmitOutcome>> {
        for _ in 0..5 {
            let claimed = sqlx::query(
                "INSERT INTO idempotency_keys (team_id, key, request_hash, job_id, created_at, expires_at) \
                 VALUES ($1, $2, $3, $4, $5, $6) \
                 ON CONFLICT (team_id, key) DO UPDATE SET request_hash = EXCLUDED.request_hash, \
                 job_id = EXCLUDED.job_id, created_at = EXCLUDED.created_at, expires_at = EXCLUDED.expires_at \
                 WHERE idempotency_keys.expires_at <= $5 \
                 RETURNING job_id",
            )
            .bind(job.team_id)
            .bind(&claim.key)
            .bind(&claim.request_hash[..])
            .bind(job.id)
            .bind(now)
            .bind(now.saturating_add(millis(claim.ttl)))
            .fetch_optional(&mut **tx)
            .await
            .map_err(map_err)?;
            if claimed.is_some() {
                return Ok(None);
            }
            let existing = sqlx::query(
                "SELECT i.request_hash, i.job_id, j.status FROM idempotency_keys i \
                 JOIN jobs j ON j.id = i.job_id WHERE i.team_id = $1 AND i.key = $2 AND i.expires_at > $3",
            )
            .bind(job.team_id)
            .bind(&claim.key)
            .bind(now)
            .fetch_optional(&mut **tx)
            .await
            .map_err(map_err)?;
            if let Some(row) = existing {
                if hash_col(&row, "request_hash")? != claim.request_hash {
                    return Ok(Some(SubmitOutcome::KeyMismatch));
                }
                return Ok(Some(SubmitOutcome::Replayed {
                    job_id: get(&row, "job_id")?,
                    status: status_col(&row)?,
                }));
            }
            // The live record vanished between the two statements (purged by a clock
            // ahead of ours): claim again.
        }
        Err(StoreError::Unavailable(
            "idempotency key is contended; retry".into(),
        ))
    }

    async fn refund_in(
        tx: &mut Tx<'_>,
        job_id: Uuid,
        team_id: Uuid,
        amount: i64,
        now: Millis,
    ) -> StoreResult<()> {
        if amount > 0 {
            sqlx::query(
                "INSERT INTO ledger (team_id, kind, amount, job_id, note, created_at) \
                 VALUES ($1, 'refund', $2, $3, 'job did not complete', $4)",
            )
            .bind(team_id)
            .bind(amount)
            .bind(job_id)
            .bind(now)
            .execute(&mut **tx)
            .await
            .map_err(map_err)?;
            sqlx::query("UPDATE teams SET credits = credits + $1 WHERE id = $2")
                .bind(amount)
                .bind(team_id)
                .execute(&mut **tx)
                .await
                .map_err(map_err)?;
        }
        Ok(())
    }

    /// Moves a job to a terminal unsuccessful state and refunds it, inside `tx`. The status
    /// guard plus the ledger's unique refund index make a second refund impossible; the
    /// row lock the UPDATE takes makes a concurrent one wait and then find nothing to do.
    async fn end_unsuccessfully(
        tx: &mut Tx<'_>,
        job_id: Uuid,
        status: JobStatus,
        error: Option<&str>,
        fence: Option<&LeaseToken>,
        now: Millis,
    ) -> StoreResult<bool> {
        let mut sql = String::from(
            "UPDATE jobs SET status = $1, error = COALESCE($2, error), refunded = TRUE, lease_owner = NULL, \
             lease_expires_at = NULL, completed_at = $3, updated_at = $3 \
             WHERE id = $4 AND status IN ('QUEUED', 'PROCESSING') AND NOT refunded",
        );
        if fence.is_some() {
            sql.push_str(" AND status = 'PROCESSING' AND attempt = $5 AND lease_owner = $6");
        }
        sql.push_str(" RETURNING team_id, credit_cost");
        let mut q = sqlx::query(&sql)
            .bind(status.as_str())
            .bind(error)
            .bind(now)
            .bind(job_id);
        if let Some(f) = fence {
            q = q.bind(f.attempt).bind(&f.worker);
        }
        let Some(row) = q.fetch_optional(&mut **tx).await.map_err(map_err)? else {
            return Ok(false);
        };
        let team_id: Uuid = get(&row, "team_id")?;
        let cost: i64 = get(&row, "credit_cost")?;
        Self::refund_in(tx, job_id, team_id, cost, now).await?;
        Self::enqueue_event(tx, job_id, WebhookEvent::Failed, now).await?;
        Ok(true)
    }

    /// Writes the outbox row for `event` inside `tx`, if the job asked for it. Terminal
    /// events and newer progress supersede pending progress. Called after the job row was
    /// updated in `tx`, so the row is locked and `webhook_seq` cannot race.
    async fn enqueue_event(
        tx: &mut Tx<'_>,
        job_id: Uuid,
        event: WebhookEvent,
        now: Millis,
    ) -> StoreResult<()> {
        let Some(row) = sqlx::query(
            "SELECT id, model, status, progress, result::text AS result, error, credit_cost, refunded, completed_at, \
             webhook_url, webhook_events::text AS webhook_events, webhook_seq FROM jobs WHERE id = $1",
        )
        .bind(job_id)
        .fetch_optional(&mut **tx)
        .await
        .map_err(map_err)?
        else {
            return Ok(());
        };
        let url: Option<String> = get(&row, "webhook_url")?;
        let events: Option<String> = get(&row, "webhook_events")?;
        let Some(url) = url else { return Ok(()) };
        if !event.subscribed(events.as_deref()) {
            return Ok(());
        }
        sqlx::query(
            "UPDATE webhook_deliveries SET status = 'superseded', finished_at = $1 \
             WHERE job_id = $2 AND event = 'progress' AND status = 'pending'",
        )
        .bind(now)
        .bind(job_id)
        .execute(&mut **tx)
        .await
        .map_err(map_err)?;
        let id = job_id.to_string();
        let model: String = get(&row, "model")?;
        let status: String = get(&row, "status")?;
        let result: Option<String> = get(&row, "result")?;
        let error: Option<String> = get(&row, "error")?;
        let refunded: bool = get(&row, "refunded")?;
        let cost: i64 = get(&row, "credit_cost")?;
        let body = webhook_events::body(
            event,
            &EventJob {
                id: &id,
                model: &model,
                status: &status,
                progress: get(&row, "progress")?,
                result: result.as_deref(),
                error: error.as_deref(),
                credit_cost: if refunded { 0 } else { cost },
                completed_at: get(&row, "completed_at")?,
            },
        );
        let seq: i64 = get::<i64>(&row, "webhook_seq")? + 1;
        sqlx::query("UPDATE jobs SET webhook_seq = $1 WHERE id = $2")
            .bind(seq)
            .bind(job_id)
            .execute(&mut **tx)
            .await
            .map_err(map_err)?;
        sqlx::query(
            "INSERT INTO webhook_deliveries (id, job_id, seq, event, url, body, status, next_attempt_at, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, 'pending', $7, $7)",
        )
        .bind(Uuid::new_v4())
        .bind(job_id)
        .bind(seq)
        .bind(event.as_str())
        .bind(&url)
        .bind(&body)
        .bind(now)
        .execute(&mut **tx)
        .await
        .map_err(map_err)?;
        notify(tx, CHANNEL_OUTBOX, &id).await
    }
}

async fn connect_listener(pool: &PgPool) -> Result<PgListener, sqlx::Error> {
    let mut listener = PgListener::connect_with(pool).await?;
    listener.ignore_pool_close_event(true);
    listener
        .listen_all([CHANNEL_JOBS, CHANNEL_OUTBOX, CHANNEL_CANCEL])
        .await?;
    Ok(listener)
}

/// After a reconnect: notifications sent meanwhile are gone, so everyone looks again.
fn wake_everyone(notes: &StoreNotifications) {
    for n in [&notes.jobs, &notes.outbox] {
        n.notify_waiters();
        // Also leaves a permit for a waiter that is between two waits.
        n.notify_one();
    }
}

/// Turns notifications into wake-ups until the store is dropped. On a lost connection the
/// listener reconnects (sqlx re-issues the LISTENs) and every waiter is woken, since
/// notifications may have been missed; on other errors the listener is rebuilt with backoff.
async fn listen_loop(
    pool: PgPool,
    mut listener: PgListener,
    notes: StoreNotifications,
    mut stop: tokio::sync::oneshot::Receiver<()>,
) {
    loop {
        let received = tokio::select! {
            _ = &mut stop => return,
            r = listener.try_recv() => r,
        };
        match received {
            Ok(Some(n)) => match n.channel() {
                CHANNEL_JOBS => notes.jobs.notify_one(),
                CHANNEL_OUTBOX => notes.outbox.notify_one(),
                CHANNEL_CANCEL => {
                    if let Ok(id) = Uuid::parse_str(n.payload()) {
                        let _ = notes.cancels.send(id);
                    }
                }
                _ => {}
            },
            Ok(None) => {
                tracing::warn!("database notification connection was lost and re-established");
                wake_everyone(&notes);
            }
            Err(e) => {
                tracing::warn!(error = %e, "database notification listener failed; reconnecting");
                drop(listener);
                let mut backoff = Duration::from_millis(100);
                listener = loop {
                    tokio::select! {
                        _ = &mut stop => return,
                        _ = tokio::time::sleep(backoff) => {}
                    }
                    match connect_listener(&pool).await {
                        Ok(l) => break l,
                        Err(e) => {
                            tracing::warn!(error = %e, "cannot reconnect the notification listener");
                            backoff = (backoff * 2).min(Duration::from_secs(5));
                        }
                    }
                };
                tracing::info!("database notification listener reconnected");
                wake_everyone(&notes);
            }
        }
    }
}

#[async_trait]
impl AccountRepo for PgStore {
    async fn create_key(&self, key: NewKey) -> StoreResult<CreatedKey> {
        let now = now_ms();
        let mut tx = self.begin().await?;
        // ON CONFLICT: two processes creating keys for the same new team or user both end up
        // with the one row, instead of one failing on the unique index.
        sqlx::query("INSERT INTO teams (id, name, created_at) VALUES ($1, $2, $3) ON CONFLICT (name) DO NOTHING")
            .bind(Uuid::new_v4())
            .bind(&key.team_name)
            .bind(now)
            .execute(&mut *tx)
            .await
            .map_err(map_err)?;
        let team_id: Uuid = sqlx::query("SELECT id FROM teams WHERE name = $1")
            .bind(&key.team_name)
            .fetch_one(&mut *tx)
            .await
            .map_err(map_err)
            .and_then(|r| get(&r, "id"))?;
        let user_id: Uuid = sqlx::query(
            "INSERT INTO users (id, team_id, email, role, created_at) VALUES ($1, $2, $3, $4, $5) \
             ON CONFLICT (team_id, email) DO UPDATE SET role = EXCLUDED.role RETURNING id",
        )
        .bind(Uuid::new_v4())
        .bind(team_id)
        .bind(&key.email)
        .bind(key.role.as_str())
        .bind(now)
        .fetch_one(&mut *tx)
        .await
        .map_err(map_err)
        .and_then(|r| get(&r, "id"))?;
        let key_id = Uuid::new_v4();
        sqlx::query(
            "INSERT INTO api_keys (id, user_id, team_id, name, prefix, key_hash, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(key_id)
        .bind(user_id)
        .bind(team_id)
        .bind(&key.key_name)
        .bind(&key.key_prefix)
        .bind(&key.key_hash[..])
        .bind(now)
        .execute(&mut *tx)
        .await
        .map_err(map_err)?;
        if key.initial_credits > 0 {
            grant_in(
                &mut tx,
                team_id,
                key.initial_credits,
                "initial credits with new key",
                now,
            )
            .await?;
        }
        tx.commit().await.map_err(map_err)?;
        Ok(CreatedKey {
            key_id,
            team_id,
            user_id,
        })
    }

    async fn principal_by_key_hash(&self, hash: &[u8; 32]) -> StoreResult<Option<Principal>> {
        let row = sqlx::query(
            "SELECT k.id AS key_id, k.name, k.prefix, k.revoked_at, u.id AS user_id, u.email, u.role, k.team_id \
             FROM api_keys k JOIN users u ON u.id = k.user_id WHERE k.key_hash = $1",
        )
        .bind(&hash[..])
        .fetch_optional(&self.pool)
        .await
        .map_err(map_err)?;
        let Some(row) = row else { return Ok(None) };
        let role: String = get(&row, "role")?;
        Ok(Some(Principal {
            key_id: get(&row, "key_id")?,
            key_name: get(&row, "name")?,
            key_prefix: get(&row, "prefix")?,
            key_hash: *hash,
            revoked: get::<Option<i64>>(&row, "revoked_at")?.is_some(),
            user_id: get(&row, "user_id")?,
            email: get(&row, "email")?,
            role: Role::parse(&role).unwrap_or(Role::Member),
            team_id: get(&row, "team_id")?,
        }))
    }

    async fn revoke_key(&self, key_id: Uuid) -> StoreResult<bool> {
        let done =
            sqlx::query("UPDATE api_keys SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL")
                .bind(now_ms())
                .bind(key_id)
                .execute(&self.pool)
                .await
                .map_err(map_err)?;
        Ok(done.rows_affected() == 1)
    }

    async fn list_keys(&self) -> StoreResult<Vec<KeyListing>> {
        let rows = sqlx::query(
            "SELECT k.id AS key_id, k.name, k.prefix, k.created_at, k.revoked_at, t.id AS team_id, t.name AS team_name, \
             u.id AS user_id, u.email, u.role FROM api_keys k JOIN users u ON u.id = k.user_id JOIN teams t ON t.id = k.team_id \
             ORDER BY k.created_at, k.id",
        )
        .fetch_all(&self.pool)
        .await
        .map_err(map_err)?;
        rows.iter()
            .map(|row| {
                let role: String = get(row, "role")?;
                Ok(KeyListing {
                    key_id: get(row, "key_id")?,
                    name: get(row, "name")?,
                    prefix: get(row, "prefix")?,
                    team_id: get(row, "team_id")?,
                    team_name: get(row, "team_name")?,
                    user_id: get(row, "user_id")?,
                    email: get(row, "email")?,
                    role: Role::parse(&role).unwrap_or(Role::Member),
                    created_at: format_ms(get(row, "created_at")?),
                    revoked: get::<Option<i64>>(row, "revoked_at")?.is_some(),
                })
            })
            .collect()
    }

    async fn team(&self, team_id: Uuid) -> StoreResult<Option<Team>> {
        let row =
            sqlx::query("SELECT id, name, plan, customer_id, credits FROM teams WHERE id = $1")
                .bind(team_id)
                .fetch_optional(&self.pool)
                .await
                .map_err(map_err)?;
        row.map(|r| team_from_row(&r)).transpose()
    }

    async fn team_by_name(&self, name: &str) -> StoreResult<Option<Team>> {
        let row =
            sqlx::query("SELECT id, name, plan, customer_id, credits FROM teams WHERE name = $1")
                .bind(name)
                .fetch_optional(&self.pool)
                .await
                .map_err(map_err)?;
        row.map(|r| team_from_row(&r)).transpose()
    }
}

async fn grant_in(
    tx: &mut Tx<'_>,
    team_id: Uuid,
    amount: i64,
    note: &str,
    now: Millis,
) -> StoreResult<i64> {
    let row =
        sqlx::query("UPDATE teams SET credits = credits + $1 WHERE id = $2 RETURNING credits")
            .bind(amount)
            .bind(team_id)
            .fetch_optional(&mut **tx)
            .await
            .map_err(map_err)?
            .ok_or_else(|| StoreError::NotFound(format!("team {team_id}")))?;
    sqlx::query(
        "INSERT INTO ledger (team_id, kind, amount, note, created_at) VALUES ($1, 'grant', $2, $3, $4)",
    )
    .bind(team_id)
    .bind(amount)
    .bind(note)
    .bind(now)
    .execute(&mut **tx)
    .await
    .map_err(map_err)?;
    get(&row, "credits")
}

#[async_trait]
impl LedgerRepo for PgStore {
    async fn grant(&self, team_id: Uuid, amount: i64, note: &str) -> StoreResult<i64> {
        if amount <= 0 {
            return Err(StoreError::Conflict(
                "a grant must be a positive number of credits".into(),
            ));
        }
        let mut tx = self.begin().await?;
        let balance = grant_in(&mut tx, team_id, amount, note, now_ms()).await?;
        tx.commit().await.map_err(map_err)?;
        Ok(balance)
    }

    async fn ledger(&self, team_id: Uuid) -> StoreResult<Vec<LedgerEntry>> {
        let rows =
            sqlx::query("SELECT kind, amount, job_id FROM ledger WHERE team_id = $1 ORDER BY id")
                .bind(team_id)
                .fetch_all(&self.pool)
                .await
                .map_err(map_err)?;
        rows.iter()
            .map(|r| {
                let kind: String = get(r, "kind")?;
                Ok(LedgerEntry {
                    kind: ledger_kind(&kind),
                    amount: get(r, "amount")?,
                    job_id: get(r, "job_id")?,
                })
            })
            .collect()
    }

    async fn ledger_totals(&self) -> StoreResult<Vec<(LedgerKind, i64)>> {
        let rows =
            sqlx::query("SELECT kind, SUM(amount)::BIGINT AS total FROM ledger GROUP BY kind")
                .fetch_all(&self.pool)
                .await
                .map_err(map_err)?;
        rows.iter()
            .map(|r| {
                let kind: String = get(r, "kind")?;
                Ok((ledger_kind(&kind), get(r, "total")?))
            })
            .collect()
    }
}

#[async_trait]
impl JobRepo for PgStore {
    async fn submit(
        &self,
        job: NewJob,
        idempotency: Option<IdempotencyClaim>,
    ) -> StoreResult<SubmitOutcome> {
        submissions::enqueue(&self.submissions, job, idempotency).await
    }

    async fn idempotency_lookup(
        &self,
        team_id: Uuid,
        key: &str,
    ) -> StoreResult<Option<([u8; 32], Uuid, JobStatus)>> {
        let row = sqlx::query(
            "SELECT i.request_hash, i.job_id, j.status FROM idempotency_keys i JOIN jobs j ON j.id = i.job_id \
             WHERE i.team_id = $1 AND i.key = $2 AND i.expires_at > $3",
        )
        .bind(team_id)
        .bind(key)
        .bind(now_ms())
        .fetch_optional(&self.pool)
        .await
        .map_err(map_err)?;
        let Some(row) = row else { return Ok(None) };
        Ok(Some((
            hash_col(&row, "request_hash")?,
            get(&row, "job_id")?,
            status_col(&row)?,
        )))
    }

    async fn job(&self, id: Uuid) -> StoreResult<Option<JobRecord>> {
        let row = sqlx::query(&format!("SELECT {JOB_COLUMNS} FROM jobs WHERE id = $1"))
            .bind(id)
            .fetch_optional(&self.pool)
            .await
            .map_err(map_err)?;
        row.map(|r| job_from_row(&r)).transpose()
    }

    async fn list_jobs(&self, q: &JobListQuery) -> StoreResult<JobPage> {
        let mut sql = format!("SELECT {JOB_COLUMNS} FROM jobs WHERE team_id = $1");
        let mut n = 1;
        let mut next = || {
            n += 1;
            n
        };
        if q.user_id.is_some() {
            sql.push_str(&format!(" AND user_id = ${}", next()));
        }
        if q.status.is_some() {
            sql.push_str(&format!(" AND status = ${}", next()));
        }
        if q.model.is_some() {
            sql.push_str(&format!(" AND model = ${}", next()));
        }
        if q.search.is_some() {
            sql.push_str(&format!(" AND id = ${}", next()));
        }
        if q.after.is_some() {
            let (at, id) = (next(), next());
            sql.push_str(&format!(
                " AND (created_at < ${at} OR (created_at = ${at} AND id < ${id}))"
            ));
        }
        sql.push_str(&format!(
            " ORDER BY created_at DESC, id DESC LIMIT ${}",
            next()
        ));
        let mut query = sqlx::query(&sql).bind(q.team_id);
        if let Some(u) = q.user_id {
            query = query.bind(u);
        }
        if let Some(s) = q.status {
            query = query.bind(s.as_str());
        }
        if let Some(m) = &q.model {
            query = query.bind(m);
        }
        if let Some(s) = q.search {
            query = query.bind(s);
        }
        if let Some((at, id)) = q.after {
            query = query.bind(at).bind(id);
        }
        let rows = query
            .bind(q.limit as i64 + 1)
            .fetch_all(&self.pool)
            .await
            .map_err(map_err)?;
        let mut jobs = rows
            .iter()
            .map(job_from_row)
            .collect::<StoreResult<Vec<_>>>()?;
        let has_more = jobs.len() > q.limit as usize;
        jobs.truncate(q.limit as usize);
        Ok(JobPage { jobs, has_more })
    }

    async fn job_models(&self, team_id: Uuid, user_id: Option<Uuid>) -> StoreResult<Vec<String>> {
        let rows = sqlx::query(
            "SELECT DISTINCT model FROM jobs WHERE team_id = $1 AND ($2::uuid IS NULL OR user_id = $2) ORDER BY model",
        )
        .bind(team_id)
        .bind(user_id)
        .fetch_all(&self.pool)
        .await
        .map_err(map_err)?;
        rows.iter().map(|r| get(r, "model")).collect()
    }

    async fn queue_depth(&self) -> StoreResult<i64> {
        sqlx::query("SELECT COUNT(*) AS n FROM jobs WHERE status = 'QUEUED'")
            .fetch_one(&self.pool)
            .await
            .map_err(map_err)
            .and_then(|r| get(&r, "n"))
    }

    async fn count_by_status(&self) -> StoreResult<Vec<(JobStatus, i64)>> {
        let rows = sqlx::query("SELECT status, COUNT(*) AS n FROM jobs GROUP BY status")
            .fetch_all(&self.pool)
            .await
            .map_err(map_err)?;
        rows.iter()
            .map(|r| Ok((status_col(r)?, get(r, "n")?)))
            .collect()
    }

    async fn claim(&self, worker: &str, lease: Duration) -> StoreResult<Option<ClaimedJob>> {
        let now = now_ms();
        // SKIP LOCKED: concurrent claimers pass over the row another is taking instead of
        // queueing behind it; the locked row's status is re-checked before it is returned.
        let row = sqlx::query(
            "UPDATE jobs SET status = 'PROCESSING', attempt = attempt + 1, lease_owner = $1, lease_expires_at = $2, \
             started_at = COALESCE(started_at, $3), updated_at = $3 \
             WHERE id = (SELECT id FROM jobs WHERE status = 'QUEUED' AND run_after <= $3 \
                         ORDER BY run_after, created_at LIMIT 1 FOR UPDATE SKIP LOCKED) \
             AND status = 'QUEUED' \
             RETURNING id, attempt, max_attempts, model, input, spec, video_blob, image_blob",
        )
        .bind(worker)
        .bind(now.saturating_add(millis(lease)))
        .bind(now)
        .fetch_optional(&self.pool)
        .await
        .map_err(map_err)?;
        let Some(row) = row else { return Ok(None) };
        Ok(Some(ClaimedJob {
            id: get(&row, "id")?,
            attempt: get(&row, "attempt")?,
            max_attempts: get(&row, "max_attempts")?,
            model: get(&row, "model")?,
            input: get(&row, "input")?,
            spec: get(&row, "spec")?,
            video_blob: get(&row, "video_blob")?,
            image_blob: get(&row, "image_blob")?,
        }))
    }

    async fn heartbeat(
        &self,
        lease: &LeaseToken,
        ttl: Duration,
        progress: Option<u8>,
    ) -> StoreResult<LeaseState> {
        let now = now_ms();
        let mut tx = self.begin().await?;
        let row = sqlx::query(
            "UPDATE jobs SET lease_expires_at = $1, progress = GREATEST(progress, COALESCE($2, progress)), updated_at = $3 \
             WHERE id = $4 AND status = 'PROCESSING' AND attempt = $5 AND lease_owner = $6 \
             RETURNING cancel_requested, progress, webhook_progress, webhook_url IS NOT NULL AS has_webhook",
        )
        .bind(now.saturating_add(millis(ttl)))
        .bind(progress.map(|p| p.min(100) as i64))
        .bind(now)
        .bind(lease.job_id)
        .bind(lease.attempt)
        .bind(&lease.worker)
        .fetch_optional(&mut *tx)
        .await
        .map_err(map_err)?;
        let Some(row) = row else {
            return Ok(LeaseState::Lost);
        };
        let cancel_requested: bool = get(&row, "cancel_requested")?;
        let stored: i64 = get(&row, "progress")?;
        let announced: i64 = get(&row, "webhook_progress")?;
        if get::<bool>(&row, "has_webhook")? && stored > announced && stored < 100 {
            sqlx::query("UPDATE jobs SET webhook_progress = $1 WHERE id = $2")
                .bind(stored)
                .bind(lease.job_id)
                .execute(&mut *tx)
                .await
                .map_err(map_err)?;
            Self::enqueue_event(&mut tx, lease.job_id, WebhookEvent::Progress, now).await?;
        }
        tx.commit().await.map_err(map_err)?;
        Ok(LeaseState::Held { cancel_requested })
    }

    async fn complete(
        &self,
        lease: &LeaseToken,
        result: serde_json::Value,
        result_blob: &str,
    ) -> StoreResult<bool> {
        let now = now_ms();
        let mut tx = self.begin().await?;
        let done = sqlx::query(
            "UPDATE jobs SET status = 'COMPLETED', progress = 100, result = $1::json, result_blob = $2, error = NULL, \
             lease_owner = NULL, lease_expires_at = NULL, completed_at = $3, updated_at = $3 \
             WHERE id = $4 AND status = 'PROCESSING' AND attempt = $5 AND lease_owner = $6",
        )
        .bind(result.to_string())
        .bind(result_blob)
        .bind(now)
        .bind(lease.job_id)
        .bind(lease.attempt)
        .bind(&lease.worker)
        .execute(&mut *tx)
        .await
        .map_err(map_err)?;
        if done.rows_affected() != 1 {
            return Ok(false);
        }
        Self::enqueue_event(&mut tx, lease.job_id, WebhookEvent::Completed, now).await?;
        tx.commit().await.map_err(map_err)?;
        Ok(true)
    }

    async fn fail(&self, lease: &LeaseToken, error: &str) -> StoreResult<bool> {
        let now = now_ms();
        let mut tx = self.begin().await?;
        let done = Self::end_unsuccessfully(
            &mut tx,
            lease.job_id,
            JobStatus::Failed,
            Some(error),
            Some(lease),
            now,
        )
        .await?;
        tx.commit().await.map_err(map_err)?;
        Ok(done)
    }

    async fn retry_later(
        &self,
        lease: &LeaseToken,
        error: &str,
        run_after: Millis,
    ) -> StoreResult<bool> {
        // One statement: the update and its notification commit together.
        let row = sqlx::query(
            "WITH requeued AS ( \
               UPDATE jobs SET status = 'QUEUED', error = $1, lease_owner = NULL, lease_expires_at = NULL, run_after = $2, \
               progress = 0, updated_at = $3 WHERE id = $4 AND status = 'PROCESSING' AND attempt = $5 AND lease_owner = $6 \
               RETURNING id) \
             SELECT pg_notify($7, id::text) FROM requeued",
        )
        .bind(error)
        .bind(run_after)
        .bind(now_ms())
        .bind(lease.job_id)
        .bind(lease.attempt)
        .bind(&lease.worker)
        .bind(CHANNEL_JOBS)
        .fetch_optional(&self.pool)
        .await
        .map_err(map_err)?;
        Ok(row.is_some())
    }

    async fn release(&self, lease: &LeaseToken) -> StoreResult<bool> {
        let row = sqlx::query(
            "WITH released AS ( \
               UPDATE jobs SET status = 'QUEUED', attempt = attempt - 1, lease_owner = NULL, lease_expires_at = NULL, \
               progress = 0, updated_at = $1 WHERE id = $2 AND status = 'PROCESSING' AND attempt = $3 AND lease_owner = $4 \
               RETURNING id) \
             SELECT pg_notify($5, id::text) FROM released",
        )
        .bind(now_ms())
        .bind(lease.job_id)
        .bind(lease.attempt)
        .bind(&lease.worker)
        .bind(CHANNEL_JOBS)
        .fetch_optional(&self.pool)
        .await
        .map_err(map_err)?;
        Ok(row.is_some())
    }

    async fn cancel(&self, id: Uuid) -> StoreResult<CancelOutcome> {
        let now = now_ms();
        let mut tx = self.begin().await?;
        // Locks the row: a concurrent completion or rescue either finished before (and the
        // job is terminal) or waits for this transaction and then finds it cancelled.
        let Some(row) = sqlx::query("SELECT status FROM jobs WHERE id = $1 FOR UPDATE")
            .bind(id)
            .fetch_optional(&mut *tx)
            .await
            .map_err(map_err)?
        else {
            return Ok(CancelOutcome::NotFound);
        };
        let status = status_col(&row)?;
        if status.is_terminal() {
            return Ok(CancelOutcome::AlreadyTerminal(status));
        }
        sqlx::query("UPDATE jobs SET cancel_requested = TRUE WHERE id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await
            .map_err(map_err)?;
        Self::end_unsuccessfully(
            &mut tx,
            id,
            JobStatus::Cancelled,
            Some("cancelled by request"),
            None,
            now,
        )
        .await?;
        notify(&mut tx, CHANNEL_CANCEL, &id.to_string()).await?;
        tx.commit().await.map_err(map_err)?;
        Ok(CancelOutcome::Cancelled)
    }

    async fn rescue_expired_leases(&self, now: Millis) -> StoreResult<RescueReport> {
        let mut tx = self.begin().await?;
        // SKIP LOCKED: rows another process is rescuing, or a worker is heartbeating or
        // finishing right now, are left to them; several rescuers never deadlock or double up.
        let requeued = sqlx::query(
            "UPDATE jobs SET status = 'QUEUED', lease_owner = NULL, lease_expires_at = NULL, progress = 0, \
             error = 'worker stopped responding; retrying', updated_at = $1 \
             WHERE id IN (SELECT id FROM jobs WHERE status = 'PROCESSING' AND lease_expires_at < $1 \
                          AND attempt < max_attempts FOR UPDATE SKIP LOCKED) \
             AND status = 'PROCESSING' RETURNING id",
        )
        .bind(now)
        .fetch_all(&mut *tx)
        .await
        .map_err(map_err)?
        .iter()
        .map(|r| get::<Uuid>(r, "id"))
        .collect::<StoreResult<Vec<_>>>()?;
        for id in &requeued {
            notify(&mut tx, CHANNEL_JOBS, &id.to_string()).await?;
        }
        let exhausted = sqlx::query(
            "SELECT id, attempt FROM jobs WHERE status = 'PROCESSING' AND lease_expires_at < $1 \
             AND attempt >= max_attempts ORDER BY team_id, id FOR UPDATE SKIP LOCKED",
        )
        .bind(now)
        .fetch_all(&mut *tx)
        .await
        .map_err(map_err)?;
        // Refunds lock team rows; taking them in team order keeps two rescuers that hold
        // different jobs of the same teams from deadlocking.
        let mut failed = Vec::new();
        for row in &exhausted {
            let id: Uuid = get(row, "id")?;
            let attempt: i64 = get(row, "attempt")?;
            let msg =
                format!("the worker running this job stopped responding on all {attempt} attempts");
            if Self::end_unsuccessfully(&mut tx, id, JobStatus::Failed, Some(&msg), None, now)
                .await?
            {
                failed.push(id);
            }
        }
        tx.commit().await.map_err(map_err)?;
        Ok(RescueReport { requeued, failed })
    }

    async fn results_to_expire(
        &self,
        before: Millis,
        limit: u32,
    ) -> StoreResult<Vec<(Uuid, String)>> {
        let rows = sqlx::query(
            "SELECT id, result_blob FROM jobs WHERE status = 'COMPLETED' AND NOT expired AND completed_at < $1 LIMIT $2",
        )
        .bind(before)
        .bind(limit as i64)
        .fetch_all(&self.pool)
        .await
        .map_err(map_err)?;
        rows.iter()
            .map(|r| {
                Ok((
                    get(r, "id")?,
                    get::<Option<String>>(r, "result_blob")?.unwrap_or_default(),
                ))
            })
            .collect()
    }

    async fn mark_result_expired(&self, id: Uuid) -> StoreResult<()> {
        sqlx::query(
            "UPDATE jobs SET expired = TRUE, updated_at = $1 WHERE id = $2 AND NOT expired",
        )
        .bind(now_ms())
        .bind(id)
        .execute(&self.pool)
        .await
        .map_err(map_err)?;
        Ok(())
    }

    async fn scratch_to_delete(&self, limit: u32) -> StoreResult<Vec<(Uuid, Vec<String>)>> {
        let rows = sqlx::query(
            "SELECT id, scratch_blobs FROM jobs WHERE scratch_blobs IS NOT NULL \
             AND status IN ('COMPLETED', 'FAILED', 'CANCELLED') LIMIT $1",
        )
        .bind(limit as i64)
        .fetch_all(&self.pool)
        .await
        .map_err(map_err)?;
        rows.iter()
            .map(|r| {
                Ok((
                    get(r, "id")?,
                    get::<Option<Vec<String>>>(r, "scratch_blobs")?.unwrap_or_default(),
                ))
            })
            .collect()
    }

    async fn clear_scratch(&self, id: Uuid) -> StoreResult<()> {
        sqlx::query(
            "UPDATE jobs SET scratch_blobs = NULL WHERE id = $1 AND scratch_blobs IS NOT NULL",
        )
        .bind(id)
        .execute(&self.pool)
        .await
        .map_err(map_err)?;
        Ok(())
    }

    async fn purge_idempotency(&self, now: Millis) -> StoreResult<u64> {
        let done = sqlx::query("DELETE FROM idempotency_keys WHERE expires_at <= $1")
            .bind(now)
            .execute(&self.pool)
            .await
            .map_err(map_err)?;
        Ok(done.rows_affected())
    }
}

#[async_trait]
impl UploadRepo for PgStore {
    async fn insert_upload(&self, u: NewUpload) -> StoreResult<()> {
        sqlx::query(
            "INSERT INTO uploads (id, team_id, user_id, kind, content_type, byte_size, blob_key, probe, created_at, expires_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8::json, $9, $10)",
        )
        .bind(u.id)
        .bind(u.team_id)
        .bind(u.user_id)
        .bind(&u.kind)
        .bind(&u.content_type)
        .bind(u.byte_size)
        .bind(&u.blob_key)
        .bind(u.probe.map(|p| p.to_string()))
        .bind(now_ms())
        .bind(u.expires_at)
        .execute(&self.pool)
        .await
        .map_err(map_err)?;
        Ok(())
    }

    async fn upload_by_blob(&self, blob_key: &str) -> StoreResult<Option<UploadRecord>> {
        let row = sqlx::query(&format!(
            "SELECT {UPLOAD_COLUMNS} FROM uploads WHERE blob_key = $1"
        ))
        .bind(blob_key)
        .fetch_optional(&self.pool)
        .await
        .map_err(map_err)?;
        row.map(|r| upload_from_row(&r)).transpose()
    }

    async fn uploads_to_purge(&self, now: Millis, limit: u32) -> StoreResult<Vec<UploadRecord>> {
        let rows = sqlx::query(&format!(
            "SELECT {UPLOAD_COLUMNS} FROM uploads u WHERE u.deleted_at IS NULL AND u.expires_at <= $1 AND NOT EXISTS \
             (SELECT 1 FROM jobs j WHERE j.status IN ('QUEUED', 'PROCESSING') AND (j.video_blob = u.blob_key OR j.image_blob = u.blob_key)) \
             LIMIT $2"
        ))
        .bind(now)
        .bind(limit as i64)
        .fetch_all(&self.pool)
        .await
        .map_err(map_err)?;
        rows.iter().map(upload_from_row).collect()
    }

    async fn mark_upload_deleted(&self, id: Uuid) -> StoreResult<()> {
        sqlx::query("UPDATE uploads SET deleted_at = $1 WHERE id = $2 AND deleted_at IS NULL")
            .bind(now_ms())
            .bind(id)
            .execute(&self.pool)
            .await
            .map_err(map_err)?;
        Ok(())
    }
}

fn delivery_view(row: &PgRow, attempts: Vec<AttemptView>) -> StoreResult<DeliveryView> {
    let status: String = get(row, "status")?;
    let next: i64 = get(row, "next_attempt_at")?;
    Ok(DeliveryView {
        id: get(row, "id")?,
        event: get(row, "event")?,
        next_attempt_at: (status == "pending").then(|| format_ms(next)),
        status,
        url: get(row, "url")?,
        attempts: get(row, "attempts")?,
        last_status_code: get(row, "last_status")?,
        last_error: get(row, "last_error")?,
        created_at: format_ms(get(row, "created_at")?),
        finished_at: get::<Option<i64>>(row, "finished_at")?.map(format_ms),
        attempt_log: attempts,
    })
}

/// A delivery is due when it is pending, its time has come, no earlier delivery of its job
/// is unfinished and none of its job is being sent. `d` names the candidate row.
const DELIVERY_DUE: &str = "d.status = 'pending' AND d.next_attempt_at <= $1 \
     AND NOT EXISTS (SELECT 1 FROM webhook_deliveries e WHERE e.job_id = d.job_id AND e.seq < d.seq \
                     AND e.status IN ('pending', 'sending')) \
     AND NOT EXISTS (SELECT 1 FROM webhook_deliveries e WHERE e.job_id = d.job_id AND e.status = 'sending')";

#[async_trait]
impl WebhookRepo for PgStore {
    /// Three steps in one transaction. (1) A lock-free look for jobs with a due delivery.
    /// (2) A transaction-scoped advisory lock per such job, skipping jobs another dispatcher
    /// is claiming right now: claims for one job are serialised. (3) The claim itself, a
    /// fresh statement (so it sees every claim committed before the locks were taken) that
    /// re-checks the ordering rule and takes the rows with `FOR UPDATE SKIP LOCKED`.
    /// Without (2), two dispatchers judging the rule on snapshots taken on either side of a
    /// retry could hand out two deliveries of one job at once.
    async fn claim_deliveries(
        &self,
        now: Millis,
        limit: u32,
        lease: Duration,
    ) -> StoreResult<Vec<DueDelivery>> {
        let mut tx = self.begin().await?;
        let candidates: Vec<Uuid> = sqlx::query(&format!(
            "SELECT d.job_id FROM webhook_deliveries d WHERE {DELIVERY_DUE} \
             ORDER BY d.next_attempt_at, d.seq LIMIT $2"
        ))
        .bind(now)
        .bind(limit as i64)
        .fetch_all(&mut *tx)
        .await
        .map_err(map_err)?
        .iter()
        .map(|r| get(r, "job_id"))
        .collect::<StoreResult<_>>()?;
        if candidates.is_empty() {
            return Ok(Vec::new());
        }
        let jobs: Vec<Uuid> = sqlx::query(
            "SELECT job_id FROM unnest($1::uuid[]) AS c(job_id) \
             WHERE pg_try_advisory_xact_lock($2, hashtext(job_id::text))",
        )
        .bind(&candidates)
        .bind(OUTBOX_LOCK_SPACE)
        .fetch_all(&mut *tx)
        .await
        .map_err(map_err)?
        .iter()
        .map(|r| get(r, "job_id"))
        .collect::<StoreResult<_>>()?;
        if jobs.is_empty() {
            return Ok(Vec::new());
        }
        let rows = sqlx::query(&format!(
            "UPDATE webhook_deliveries w SET status = 'sending', sending_until = $2 \
             FROM jobs j, api_keys k \
             WHERE w.id IN (SELECT d.id FROM webhook_deliveries d WHERE d.job_id = ANY($3) AND {DELIVERY_DUE} \
                            FOR UPDATE SKIP LOCKED) \
             AND w.status = 'pending' AND j.id = w.job_id AND k.id = j.api_key_id \
             RETURNING w.id, w.job_id, w.event, w.url, w.body, w.attempts, w.next_attempt_at, w.seq, k.key_hash"
        ))
        .bind(now)
        .bind(now.saturating_add(millis(lease)))
        .bind(&jobs)
        .fetch_all(&mut *tx)
        .await
        .map_err(map_err)?;
        tx.commit().await.map_err(map_err)?;
        let mut out = rows
            .iter()
            .map(|row| {
                let order: (i64, i64) = (get(row, "next_attempt_at")?, get(row, "seq")?);
                Ok((
                    order,
                    DueDelivery {
                        id: get(row, "id")?,
                        job_id: get(row, "job_id")?,
                        event: get(row, "event")?,
                        url: get(row, "url")?,
                        body: get(row, "body")?,
                        attempts: get(row, "attempts")?,
                        secret: hash_col(row, "key_hash")?,
                    },
                ))
            })
            .collect::<StoreResult<Vec<_>>>()?;
        out.sort_by_key(|(order, _)| *order);
        Ok(out.into_iter().map(|(_, d)| d).collect())
    }

    async fn record_attempt(
        &self,
        d: &DueDelivery,
        attempt: AttemptRecord,
        next: DeliveryNext,
    ) -> StoreResult<()> {
        let now = now_ms();
        let mut tx = self.begin().await?;
        let (status, next_at, finished) = match next {
            DeliveryNext::Delivered => ("delivered", now, Some(now)),
            DeliveryNext::RetryAt(at) => ("pending", at, None),
            DeliveryNext::Failed => ("failed", now, Some(now)),
        };
        let updated = sqlx::query(
            "UPDATE webhook_deliveries SET status = $1, attempts = attempts + 1, next_attempt_at = $2, sending_until = NULL, \
             last_status = $3, last_error = $4, finished_at = $5 WHERE id = $6 AND status = 'sending' AND attempts = $7",
        )
        .bind(status)
        .bind(next_at)
        .bind(attempt.status_code.map(|c| c as i64))
        .bind(&attempt.error)
        .bind(finished)
        .bind(d.id)
        .bind(d.attempts)
        .execute(&mut *tx)
        .await
        .map_err(map_err)?;
        if updated.rows_affected() == 0 {
            // Someone rescued and re-sent it meanwhile; their record wins.
            return Ok(());
        }
        sqlx::query(
            "INSERT INTO webhook_attempts (delivery_id, attempt, at, status_code, error, duration_ms) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(d.id)
        .bind(d.attempts + 1)
        .bind(now)
        .bind(attempt.status_code.map(|c| c as i64))
        .bind(&attempt.error)
        .bind(attempt.duration_ms)
        .execute(&mut *tx)
        .await
        .map_err(map_err)?;
        if d.event != "progress" && matches!(next, DeliveryNext::Delivered | DeliveryNext::Failed) {
            sqlx::query("UPDATE jobs SET webhook_status = $1 WHERE id = $2")
                .bind(if next == DeliveryNext::Delivered {
                    "delivered"
                } else {
                    "failed"
                })
                .bind(d.job_id)
                .execute(&mut *tx)
                .await
                .map_err(map_err)?;
        }
        tx.commit().await.map_err(map_err)?;
        Ok(())
    }

    async fn rescue_stuck_deliveries(&self, now: Millis) -> StoreResult<u64> {
        let rows = sqlx::query(
            "WITH rescued AS ( \
               UPDATE webhook_deliveries SET status = 'pending', sending_until = NULL \
               WHERE status = 'sending' AND sending_until < $1 RETURNING job_id) \
             SELECT job_id, pg_notify($2, job_id::text) FROM rescued",
        )
        .bind(now)
        .bind(CHANNEL_OUTBOX)
        .fetch_all(&self.pool)
        .await
        .map_err(map_err)?;
        Ok(rows.len() as u64)
    }

    async fn deliveries_for_job(&self, job_id: Uuid) -> StoreResult<Vec<DeliveryView>> {
        let rows = sqlx::query(
            "SELECT id, event, status, url, attempts, next_attempt_at, last_status, last_error, created_at, finished_at \
             FROM webhook_deliveries WHERE job_id = $1 ORDER BY seq",
        )
        .bind(job_id)
        .fetch_all(&self.pool)
        .await
        .map_err(map_err)?;
        let attempts = sqlx::query(
            "SELECT a.delivery_id, a.attempt, a.at, a.status_code, a.error, a.duration_ms FROM webhook_attempts a \
             JOIN webhook_deliveries d ON d.id = a.delivery_id WHERE d.job_id = $1 ORDER BY a.attempt",
        )
        .bind(job_id)
        .fetch_all(&self.pool)
        .await
        .map_err(map_err)?;
        rows.iter()
            .map(|row| {
                let id: Uuid = get(row, "id")?;
                let log = attempts
                    .iter()
                    .filter(|a| get::<Uuid>(a, "delivery_id").is_ok_and(|d| d == id))
                    .map(|a| {
                        Ok(AttemptView {
                            attempt: get(a, "attempt")?,
                            at: format_ms(get(a, "at")?),
                            status_code: get(a, "status_code")?,
                            error: get(a, "error")?,
                            duration_ms: get(a, "duration_ms")?,
                        })
                    })
                    .collect::<StoreResult<Vec<_>>>()?;
                delivery_view(row, log)
            })
            .collect()
    }

    async fn retry_failed_deliveries(&self, job_id: Uuid, now: Millis) -> StoreResult<u64> {
        let mut tx = self.begin().await?;
        let rows = sqlx::query(
            "UPDATE webhook_deliveries SET status = 'pending', next_attempt_at = $1, finished_at = NULL \
             WHERE job_id = $2 AND status = 'failed' RETURNING event",
        )
        .bind(now)
        .bind(job_id)
        .fetch_all(&mut *tx)
        .await
        .map_err(map_err)?;
        let terminal = rows
            .iter()
            .any(|r| get::<String>(r, "event").is_ok_and(|e| e != "progress"));
        if terminal {
            sqlx::query("UPDATE jobs SET webhook_status = 'pending' WHERE id = $1")
                .bind(job_id)
                .execute(&mut *tx)
                .await
                .map_err(map_err)?;
        }
        if !rows.is_empty() {
            notify(&mut tx, CHANNEL_OUTBOX, &job_id.to_string()).await?;
        }
        tx.commit().await.map_err(map_err)?;
        Ok(rows.len() as u64)
    }
}

#[async_trait]
impl Store for PgStore {
    async fn ping(&self) -> StoreResult<()> {
        sqlx::query("SELECT 1")
            .execute(&self.pool)
            .await
            .map_err(map_err)?;
        Ok(())
    }

    fn notifications(&self) -> Option<StoreNotifications> {
        Some(self.notes.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pool_size_comes_out_of_the_url() {
        assert_eq!(
            split_pool_size("postgres://u:p@h/db").unwrap(),
            ("postgres://u:p@h/db".to_owned(), DEFAULT_MAX_CONNECTIONS)
        );
        assert_eq!(
            split_pool_size("postgres://h/db?max_connections=32").unwrap(),
            ("postgres://h/db".to_owned(), 32)
        );
        assert_eq!(
            split_pool_size("postgres://h/db?sslmode=disable&max_connections=4&application_name=x")
                .unwrap(),
            (
                "postgres://h/db?sslmode=disable&application_name=x".to_owned(),
                4
            )
        );
        assert!(split_pool_size("postgres://h/db?max_connections=0").is_err());
    }

    /// Managed PostgreSQL services want TLS: `?sslmode=require` (or `verify-full`, checked
    /// against the web PKI roots) in the URL must give an encrypted connection. Debian's
    /// cluster serves TLS with its snakeoil certificate, so this runs against the real
    /// server wherever the PostgreSQL half of the suite does.
    #[tokio::test]
    async fn sslmode_require_gives_an_encrypted_connection() {
        let Some(admin) = std::env::var("RECUT_TEST_DATABASE_URL")
            .ok()
            .filter(|u| !u.is_empty())
        else {
            return;
        };
        let name = format!("recut_tls_{}", Uuid::new_v4().simple());
        sqlx::query(&format!("CREATE DATABASE {name}"))
            .execute(&PgPool::connect(&admin).await.unwrap())
            .await
            .unwrap();
        let (base, _) = admin.split_once('?').unwrap_or((admin.as_str(), ""));
        let (server, _) = base.rsplit_once('/').unwrap();
        let store = PgStore::open(&format!("{server}/{name}?sslmode=require"))
            .await
            .unwrap();
        let encrypted: bool =
            sqlx::query_scalar("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")
                .fetch_one(store.pool())
                .await
                .unwrap();
        assert!(encrypted, "sslmode=require connected without TLS");
    }
}
