//! SQLite backend: one file in WAL mode, for the zero-setup single-machine deployment.
//!
//! Writes go through a pool of ONE connection and every write transaction starts with
//! `BEGIN IMMEDIATE`: SQLite allows one writer anyway, and taking the write lock up front
//! means a transaction never has to upgrade a read lock (which fails with SQLITE_BUSY under
//! contention instead of waiting). Reads use a separate pool and never block on writers.
//! Other processes (`recut admin` while `serve` runs) wait on the busy timeout.

use std::str::FromStr;
use std::time::Duration;

use async_trait::async_trait;
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteRow, SqliteSynchronous,
};
use sqlx::{Row, SqlitePool};
use uuid::Uuid;

mod inline;
mod rows;

use self::inline::InlineReader;
use self::rows::{job_from_row, json_col, status_col, upload_from_row, uuid_col};
use crate::submissions::{self, Submission};
use crate::webhook_events::{self, EventJob, WebhookEvent};
use crate::*;

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");

const JOB_COLUMNS: &str =
    "id, team_id, user_id, model, status, progress, input, result, error, credit_cost, \
     refunded, webhook_status, attempt, created_at, completed_at, expired";

pub struct SqliteStore {
    write: SqlitePool,
    read: SqlitePool,
    inline: InlineReader,
    submissions: tokio::sync::mpsc::Sender<Submission>,
}

fn map_err(e: sqlx::Error) -> StoreError {
    match &e {
        sqlx::Error::PoolTimedOut | sqlx::Error::PoolClosed | sqlx::Error::Io(_) => {
            StoreError::Unavailable(e.to_string())
        }
        sqlx::Error::Database(db) => {
            let code = db.code().unwrap_or_default();
            // SQLITE_BUSY (5), SQLITE_LOCKED (6), SQLITE_FULL (13), SQLITE_IOERR (10) and their
            // extended codes: the database cannot take the write now.
            let primary = code.parse::<i32>().map(|c| c & 0xff).unwrap_or(0);
            if matches!(primary, 5 | 6 | 10 | 13) {
                StoreError::Unavailable(db.message().to_owned())
            } else if matches!(primary, 19) {
                StoreError::Conflict(db.message().to_owned())
            } else {
                StoreError::Internal(e.to_string())
            }
        }
        _ => StoreError::Internal(e.to_string()),
    }
}

type Tx<'a> = sqlx::Transaction<'a, sqlx::Sqlite>;

/// Starts a write transaction on its own task. sqlx cannot survive a `begin_with` future
/// being dropped half-way (a client disconnecting mid-request): the single write connection
/// would be left inside a transaction and every later write would fail. Once the begin has
/// completed, dropping the transaction rolls it back cleanly.
async fn begin_immediate(pool: &SqlitePool) -> StoreResult<Tx<'static>> {
    let pool = pool.clone();
    tokio::spawn(async move { pool.begin_with("BEGIN IMMEDIATE").await })
        .await
        .map_err(|e| StoreError::Internal(format!("transaction start task failed: {e}")))?
        .map_err(map_err)
}

impl SqliteStore {
    /// Opens (creating if needed) the database at `sqlite://PATH` and migrates it.
    pub async fn open(url: &str) -> StoreResult<Self> {
        let path = url
            .trim_start_matches("sqlite://")
            .trim_start_matches("sqlite:");
        if let Some(parent) = std::path::Path::new(path).parent() {
            if !parent.as_os_str().is_empty() {
                std::fs::create_dir_all(parent).map_err(|e| {
                    StoreError::Unavailable(format!("cannot create {}: {e}", parent.display()))
                })?;
            }
        }
        let options = SqliteConnectOptions::from_str(&format!("sqlite://{path}"))
            .map_err(map_err)?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            // FULL: a commit is on disk before the 202 goes out.
            .synchronous(SqliteSynchronous::Full)
            .busy_timeout(Duration::from_secs(5))
            .foreign_keys(true)
            .pragma("temp_store", "memory");
        let write = SqlitePoolOptions::new()
            .max_connections(1)
            .acquire_timeout(Duration::from_secs(5))
            .connect_with(options.clone())
            .await
            .map_err(map_err)?;
        MIGRATOR
            .run(&write)
            .await
            .map_err(|e| StoreError::Internal(format!("migration failed: {e}")))?;
        let read = SqlitePoolOptions::new()
            .max_connections(4)
            .min_connections(1)
            .acquire_timeout(Duration::from_secs(5))
            .connect_with(options.read_only(true))
            .await
            .map_err(map_err)?;
        let file = path.split('?').next().unwrap_or(path);
        let inline = InlineReader::open(file.into())?;
        let (submissions, rx) = tokio::sync::mpsc::channel(submissions::QUEUE);
        tokio::spawn(Self::submission_writer(write.clone(), rx));
        Ok(SqliteStore {
            write,
            read,
            inline,
            submissions,
        })
    }

    /// One submission inside the batch transaction `tx`: idempotency row, debit and job
    /// row, or nothing.
    async fn submit_in(
        tx: &mut Tx<'_>,
        job: NewJob,
        idempotency: Option<IdempotencyClaim>,
        now: Millis,
    ) -> StoreResult<SubmitOutcome> {
        let team = job.team_id.to_string();
        if let Some(claim) = &idempotency {
            let existing = sqlx::query(
                "SELECT i.request_hash, i.job_id, i.expires_at, j.status FROM idempotency_keys i \
                 JOIN jobs j ON j.id = i.job_id WHERE i.team_id = ? AND i.key = ?",
            )
            .bind(&team)
            .bind(&claim.key)
            .fetch_optional(&mut **tx)
            .await
            .map_err(map_err)?;
            if let Some(row) = existing {
                let expires: i64 = row.try_get("expires_at").map_err(map_err)?;
                if expires > now {
                    let hash: Vec<u8> = row.try_get("request_hash").map_err(map_err)?;
                    if hash.as_slice() != claim.request_hash.as_slice() {
                        return Ok(SubmitOutcome::KeyMismatch);
                    }
                    return Ok(SubmitOutcome::Replayed {
                        job_id: uuid_col(&row, "job_id")?,
                        status: status_col(&row)?,
                    });
                }
                sqlx::query("DELETE FROM idempotency_keys WHERE team_id = ? AND key = ?")
                    .bind(&team)
                    .bind(&claim.key)
                    .execute(&mut **tx)
                    .await
                    .map_err(map_err)?;
            }
        }
        // One statement debits and checks: it only matches while the balance covers the cost.
        let id = job.id.to_string();
        let debited = sqlx::query("UPDATE teams SET credits = credits - ? WHERE id = ? AND credits >= ? RETURNING credits")
            .bind(job.credit_cost)
            .bind(&team)
            .bind(job.credit_cost)
            .fetch_optional(&mut **tx)
            .await
            .map_err(map_err)?;
        if debited.is_none() {
            let available: i64 = sqlx::query("SELECT credits FROM teams WHERE id = ?")
                .bind(&team)
                .fetch_optional(&mut **tx)
                .await
                .map_err(map_err)?
                .ok_or_else(|| StoreError::NotFound(format!("team {team}")))?
                .try_get("credits")
                .map_err(map_err)?;
            return Ok(SubmitOutcome::InsufficientCredits {
                required: job.credit_cost,
                available,
            });
        }
        sqlx::query(
            "INSERT INTO jobs (id, team_id, user_id, api_key_id, model, status, input, spec, credit_cost, webhook_url, \
             webhook_events, webhook_status, max_attempts, run_after, video_blob, image_blob, scratch_blobs, created_at, updated_at) \
             VALUES (?, ?, ?, ?, ?, 'QUEUED', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(&id)
        .bind(&team)
        .bind(job.user_id.to_string())
        .bind(job.api_key_id.to_string())
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
        .bind(if job.scratch_blobs.is_empty() { None } else { Some(serde_json::to_string(&job.scratch_blobs).unwrap_or_default()) })
        .bind(now)
        .bind(now)
        .execute(&mut **tx)
        .await
        .map_err(map_err)?;
        // The debit row after the job row: its job_id references a job that exists.
        sqlx::query("INSERT INTO ledger (team_id, kind, amount, job_id, note, created_at) VALUES (?, 'debit', ?, ?, ?, ?)")
            .bind(&team)
            .bind(-job.credit_cost)
            .bind(&id)
            .bind(&job.model)
            .bind(now)
            .execute(&mut **tx)
            .await
            .map_err(map_err)?;
        if let Some(claim) = &idempotency {
            sqlx::query("INSERT INTO idempotency_keys (team_id, key, request_hash, job_id, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)")
                .bind(&team)
                .bind(&claim.key)
                .bind(&claim.request_hash[..])
                .bind(&id)
                .bind(now)
                .bind(now + claim.ttl.as_millis() as i64)
                .execute(&mut **tx)
                .await
                .map_err(map_err)?;
        }
        Ok(SubmitOutcome::Created { job_id: job.id })
    }

    /// Group commit: waits for one submission, takes whatever else is already waiting (up
    /// to a batch), and writes them all in ONE transaction (see `write_batch` for what
    /// happens when one fails). Every submission is still atomic and is answered only after
    /// the commit that made it durable; the fsync is shared.
    async fn submission_writer(write: SqlitePool, mut rx: tokio::sync::mpsc::Receiver<Submission>) {
        let mut batch = Vec::with_capacity(submissions::MAX_BATCH);
        while rx.recv_many(&mut batch, submissions::MAX_BATCH).await > 0 {
            let results = Self::write_batch(&write, &mut batch, now_ms()).await;
            submissions::reply(&mut batch, results);
        }
    }

    /// The fast path writes the whole batch without savepoints (they would double the
    /// statements per submission). Nothing a submission writes fails in normal operation;
    /// if one does, the batch is rolled back and each submission is retried alone, so a bad
    /// row cannot undo its neighbours.
    async fn write_batch(
        write: &SqlitePool,
        batch: &mut [Submission],
        now: Millis,
    ) -> StoreResult<Vec<StoreResult<SubmitOutcome>>> {
        let mut tx = begin_immediate(write).await?;
        let mut outcomes = Vec::with_capacity(batch.len());
        for sub in batch.iter() {
            match Self::submit_in(&mut tx, sub.job.clone(), sub.idempotency.clone(), now).await {
                Ok(outcome) => outcomes.push(Ok(outcome)),
                Err(_) if batch.len() > 1 => {
                    tx.rollback().await.map_err(map_err)?;
                    return Self::write_each(write, batch, now).await;
                }
                Err(e) => return Err(e),
            }
        }
        tx.commit().await.map_err(map_err)?;
        Ok(outcomes)
    }

    async fn write_each(
        write: &SqlitePool,
        batch: &mut [Submission],
        now: Millis,
    ) -> StoreResult<Vec<StoreResult<SubmitOutcome>>> {
        let mut outcomes = Vec::with_capacity(batch.len());
        for sub in batch.iter() {
            let mut tx = begin_immediate(write).await?;
            let outcome =
                Self::submit_in(&mut tx, sub.job.clone(), sub.idempotency.clone(), now).await;
            if outcome.is_ok() {
                tx.commit().await.map_err(map_err)?;
            } else {
                tx.rollback().await.map_err(map_err)?;
            }
            outcomes.push(outcome);
        }
        Ok(outcomes)
    }

    async fn begin(&self) -> StoreResult<Tx<'static>> {
        begin_immediate(&self.write).await
    }

    async fn refund_in(
        tx: &mut Tx<'_>,
        job_id: Uuid,
        team_id: &str,
        amount: i64,
        now: Millis,
    ) -> StoreResult<()> {
        if amount > 0 {
            sqlx::query("INSERT INTO ledger (team_id, kind, amount, job_id, note, created_at) VALUES (?, 'refund', ?, ?, 'job did not complete', ?)")
                .bind(team_id)
                .bind(amount)
                .bind(job_id.to_string())
                .bind(now)
                .execute(&mut **tx)
                .await
                .map_err(map_err)?;
            sqlx::query("UPDATE teams SET credits = credits + ? WHERE id = ?")
                .bind(amount)
                .bind(team_id)
                .execute(&mut **tx)
                .await
                .map_err(map_err)?;
        }
        Ok(())
    }

    /// Moves a job to a terminal unsuccessful state and refunds it, inside `tx`. The status
    /// guard plus the ledger's unique refund index make a second refund impossible.
    async fn end_unsuccessfully(
        tx: &mut Tx<'_>,
        job_id: Uuid,
        status: JobStatus,
        error: Option<&str>,
        fence: Option<&LeaseToken>,
        now: Millis,
    ) -> StoreResult<bool> {
        let mut sql = String::from(
            "UPDATE jobs SET status = ?, error = COALESCE(?, error), refunded = 1, lease_owner = NULL, \
             lease_expires_at = NULL, completed_at = ?, updated_at = ? \
             WHERE id = ? AND status IN ('QUEUED', 'PROCESSING') AND refunded = 0",
        );
        if fence.is_some() {
            sql.push_str(" AND status = 'PROCESSING' AND attempt = ? AND lease_owner = ?");
        }
        sql.push_str(" RETURNING team_id, credit_cost");
        let mut q = sqlx::query(&sql)
            .bind(status.as_str())
            .bind(error)
            .bind(now)
            .bind(now)
            .bind(job_id.to_string());
        if let Some(f) = fence {
            q = q.bind(f.attempt).bind(&f.worker);
        }
        let Some(row) = q.fetch_optional(&mut **tx).await.map_err(map_err)? else {
            return Ok(false);
        };
        let team_id: String = row.try_get("team_id").map_err(map_err)?;
        let cost: i64 = row.try_get("credit_cost").map_err(map_err)?;
        Self::refund_in(tx, job_id, &team_id, cost, now).await?;
        Self::enqueue_event(tx, job_id, WebhookEvent::Failed, now).await?;
        Ok(true)
    }

    /// Writes the outbox row for `event` inside `tx`, if the job asked for it. Terminal
    /// events and newer progress supersede pending progress: a receiver never gets a
    /// progress event after the outcome, and a slow receiver does not build up a backlog.
    async fn enqueue_event(
        tx: &mut Tx<'_>,
        job_id: Uuid,
        event: WebhookEvent,
        now: Millis,
    ) -> StoreResult<()> {
        let Some(row) = sqlx::query(
            "SELECT id, model, status, progress, result, error, credit_cost, refunded, completed_at, webhook_url, \
             webhook_events, webhook_seq FROM jobs WHERE id = ?",
        )
        .bind(job_id.to_string())
        .fetch_optional(&mut **tx)
        .await
        .map_err(map_err)?
        else {
            return Ok(());
        };
        let url: Option<String> = row.try_get("webhook_url").map_err(map_err)?;
        let events: Option<String> = row.try_get("webhook_events").map_err(map_err)?;
        let Some(url) = url else { return Ok(()) };
        if !event.subscribed(events.as_deref()) {
            return Ok(());
        }
        sqlx::query(
            "UPDATE webhook_deliveries SET status = 'superseded', finished_at = ? \
             WHERE job_id = ? AND event = 'progress' AND status = 'pending'",
        )
        .bind(now)
        .bind(job_id.to_string())
        .execute(&mut **tx)
        .await
        .map_err(map_err)?;
        let id: String = row.try_get("id").map_err(map_err)?;
        let model: String = row.try_get("model").map_err(map_err)?;
        let status: String = row.try_get("status").map_err(map_err)?;
        let result: Option<String> = row.try_get("result").map_err(map_err)?;
        let error: Option<String> = row.try_get("error").map_err(map_err)?;
        let refunded = row.try_get::<i64, _>("refunded").map_err(map_err)? != 0;
        let cost: i64 = row.try_get("credit_cost").map_err(map_err)?;
        let body = webhook_events::body(
            event,
            &EventJob {
                id: &id,
                model: &model,
                status: &status,
                progress: row.try_get("progress").map_err(map_err)?,
                result: result.as_deref(),
                error: error.as_deref(),
                credit_cost: if refunded { 0 } else { cost },
                completed_at: row.try_get("completed_at").map_err(map_err)?,
            },
        );
        let seq: i64 = row.try_get::<i64, _>("webhook_seq").map_err(map_err)? + 1;
        sqlx::query("UPDATE jobs SET webhook_seq = ? WHERE id = ?")
            .bind(seq)
            .bind(job_id.to_string())
            .execute(&mut **tx)
            .await
            .map_err(map_err)?;
        sqlx::query(
            "INSERT INTO webhook_deliveries (id, job_id, seq, event, url, body, status, next_attempt_at, created_at) \
             VALUES (?, ?, ?, ?, ?, ?, 'pending', ?, ?)",
        )
        .bind(Uuid::new_v4().to_string())
        .bind(job_id.to_string())
        .bind(seq)
        .bind(event.as_str())
        .bind(&url)
        .bind(&body)
        .bind(now)
        .bind(now)
        .execute(&mut **tx)
        .await
        .map_err(map_err)?;
        Ok(())
    }
}

#[async_trait]
impl AccountRepo for SqliteStore {
    async fn create_key(&self, key: NewKey) -> StoreResult<CreatedKey> {
        let now = now_ms();
        let mut tx = self.begin().await?;
        let team_id = match sqlx::query("SELECT id FROM teams WHERE name = ?")
            .bind(&key.team_name)
            .fetch_optional(&mut *tx)
            .await
            .map_err(map_err)?
        {
            Some(row) => uuid_col(&row, "id")?,
            None => {
                let id = Uuid::new_v4();
                sqlx::query("INSERT INTO teams (id, name, created_at) VALUES (?, ?, ?)")
                    .bind(id.to_string())
                    .bind(&key.team_name)
                    .bind(now)
                    .execute(&mut *tx)
                    .await
                    .map_err(map_err)?;
                id
            }
        };
        let user_id = match sqlx::query("SELECT id FROM users WHERE team_id = ? AND email = ?")
            .bind(team_id.to_string())
            .bind(&key.email)
            .fetch_optional(&mut *tx)
            .await
            .map_err(map_err)?
        {
            Some(row) => {
                let id = uuid_col(&row, "id")?;
                sqlx::query("UPDATE users SET role = ? WHERE id = ?")
                    .bind(key.role.as_str())
                    .bind(id.to_string())
                    .execute(&mut *tx)
                    .await
                    .map_err(map_err)?;
                id
            }
            None => {
                let id = Uuid::new_v4();
                sqlx::query("INSERT INTO users (id, team_id, email, role, created_at) VALUES (?, ?, ?, ?, ?)")
                    .bind(id.to_string())
                    .bind(team_id.to_string())
                    .bind(&key.email)
                    .bind(key.role.as_str())
                    .bind(now)
                    .execute(&mut *tx)
                    .await
                    .map_err(map_err)?;
                id
            }
        };
        let key_id = Uuid::new_v4();
        sqlx::query("INSERT INTO api_keys (id, user_id, team_id, name, prefix, key_hash, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)")
            .bind(key_id.to_string())
            .bind(user_id.to_string())
            .bind(team_id.to_string())
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
             FROM api_keys k JOIN users u ON u.id = k.user_id WHERE k.key_hash = ?",
        )
        .bind(&hash[..])
        .fetch_optional(&self.read)
        .await
        .map_err(map_err)?;
        let Some(row) = row else { return Ok(None) };
        let role: String = row.try_get("role").map_err(map_err)?;
        Ok(Some(Principal {
            key_id: uuid_col(&row, "key_id")?,
            key_name: row.try_get("name").map_err(map_err)?,
            key_prefix: row.try_get("prefix").map_err(map_err)?,
            key_hash: *hash,
            revoked: row
                .try_get::<Option<i64>, _>("revoked_at")
                .map_err(map_err)?
                .is_some(),
            user_id: uuid_col(&row, "user_id")?,
            email: row.try_get("email").map_err(map_err)?,
            role: Role::parse(&role).unwrap_or(Role::Member),
            team_id: uuid_col(&row, "team_id")?,
        }))
    }

    async fn revoke_key(&self, key_id: Uuid) -> StoreResult<bool> {
        let done =
            sqlx::query("UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL")
                .bind(now_ms())
                .bind(key_id.to_string())
                .execute(&self.write)
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
        .fetch_all(&self.read)
        .await
        .map_err(map_err)?;
        rows.iter()
            .map(|row| {
                let role: String = row.try_get("role").map_err(map_err)?;
                let created: i64 = row.try_get("created_at").map_err(map_err)?;
                Ok(KeyListing {
                    key_id: uuid_col(row, "key_id")?,
                    name: row.try_get("name").map_err(map_err)?,
                    prefix: row.try_get("prefix").map_err(map_err)?,
                    team_id: uuid_col(row, "team_id")?,
                    team_name: row.try_get("team_name").map_err(map_err)?,
                    user_id: uuid_col(row, "user_id")?,
                    email: row.try_get("email").map_err(map_err)?,
                    role: Role::parse(&role).unwrap_or(Role::Member),
                    created_at: format_ms(created),
                    revoked: row
                        .try_get::<Option<i64>, _>("revoked_at")
                        .map_err(map_err)?
                        .is_some(),
                })
            })
            .collect()
    }

    async fn team(&self, team_id: Uuid) -> StoreResult<Option<Team>> {
        let row =
            sqlx::query("SELECT id, name, plan, customer_id, credits FROM teams WHERE id = ?")
                .bind(team_id.to_string())
                .fetch_optional(&self.read)
                .await
                .map_err(map_err)?;
        row.map(|r| team_from_row(&r)).transpose()
    }

    async fn team_by_name(&self, name: &str) -> StoreResult<Option<Team>> {
        let row =
            sqlx::query("SELECT id, name, plan, customer_id, credits FROM teams WHERE name = ?")
                .bind(name)
                .fetch_optional(&self.read)
                .await
                .map_err(map_err)?;
        row.map(|r| team_from_row(&r)).transpose()
    }
}

fn team_from_row(row: &SqliteRow) -> StoreResult<Team> {
    Ok(Team {
        id: uuid_col(row, "id")?,
        name: row.try_get("name").map_err(map_err)?,
        plan: row.try_get("plan").map_err(map_err)?,
        customer_id: row.try_get("customer_id").map_err(map_err)?,
        credits: row.try_get("credits").map_err(map_err)?,
    })
}

async fn grant_in(
    tx: &mut Tx<'_>,
    team_id: Uuid,
    amount: i64,
    note: &str,
    now: Millis,
) -> StoreResult<i64> {
    sqlx::query(
        "INSERT INTO ledger (team_id, kind, amount, note, created_at) VALUES (?, 'grant', ?, ?, ?)",
    )
    .bind(team_id.to_string())
    .bind(amount)
    .bind(note)
    .bind(now)
    .execute(&mut **tx)
    .await
    .map_err(map_err)?;
    let row = sqlx::query("UPDATE teams SET credits = credits + ? WHERE id = ? RETURNING credits")
        .bind(amount)
        .bind(team_id.to_string())
        .fetch_optional(&mut **tx)
        .await
        .map_err(map_err)?
        .ok_or_else(|| StoreError::NotFound(format!("team {team_id}")))?;
    row.try_get("credits").map_err(map_err)
}

#[async_trait]
impl LedgerRepo for SqliteStore {
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

    async fn ledger_totals(&self) -> StoreResult<Vec<(LedgerKind, i64)>> {
        let rows = sqlx::query("SELECT kind, SUM(amount) AS total FROM ledger GROUP BY kind")
            .fetch_all(&self.read)
            .await
            .map_err(map_err)?;
        rows.iter()
            .map(|r| {
                let kind: String = r.try_get("kind").map_err(map_err)?;
                Ok((
                    ledger_kind(&kind),
                    r.try_get::<i64, _>("total").map_err(map_err)?,
                ))
            })
            .collect()
    }

    async fn ledger(&self, team_id: Uuid) -> StoreResult<Vec<LedgerEntry>> {
        let rows =
            sqlx::query("SELECT kind, amount, job_id FROM ledger WHERE team_id = ? ORDER BY id")
                .bind(team_id.to_string())
                .fetch_all(&self.read)
                .await
                .map_err(map_err)?;
        rows.iter()
            .map(|r| {
                let kind: String = r.try_get("kind").map_err(map_err)?;
                let job: Option<String> = r.try_get("job_id").map_err(map_err)?;
                Ok(LedgerEntry {
                    kind: ledger_kind(&kind),
                    amount: r.try_get("amount").map_err(map_err)?,
                    job_id: job.and_then(|j| Uuid::parse_str(&j).ok()),
                })
            })
            .collect()
    }
}

fn ledger_kind(kind: &str) -> LedgerKind {
    match kind {
        "grant" => LedgerKind::Grant,
        "debit" => LedgerKind::Debit,
        _ => LedgerKind::Refund,
    }
}

#[async_trait]
impl JobRepo for SqliteStore {
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
        self.inline.one(
            "SELECT i.request_hash, i.job_id, j.status FROM idempotency_keys i JOIN jobs j ON j.id = i.job_id \
             WHERE i.team_id = ?1 AND i.key = ?2 AND i.expires_at > ?3",
            rusqlite::params![team_id.to_string(), key, now_ms()],
            |row| {
                let hash: Vec<u8> = row
                    .get("request_hash")
                    .map_err(|e| StoreError::Internal(format!("request_hash: {e}")))?;
                let hash: [u8; 32] = hash
                    .try_into()
                    .map_err(|_| StoreError::Internal("bad request hash".into()))?;
                Ok((hash, uuid_col(row, "job_id")?, status_col(row)?))
            },
        )
    }

    async fn job(&self, id: Uuid) -> StoreResult<Option<JobRecord>> {
        self.inline.one(
            &format!("SELECT {JOB_COLUMNS} FROM jobs WHERE id = ?1"),
            [id.to_string()],
            |row| job_from_row(row),
        )
    }

    async fn list_jobs(&self, q: &JobListQuery) -> StoreResult<JobPage> {
        let mut sql = format!("SELECT {JOB_COLUMNS} FROM jobs WHERE team_id = ?");
        if q.user_id.is_some() {
            sql.push_str(" AND user_id = ?");
        }
        if q.status.is_some() {
            sql.push_str(" AND status = ?");
        }
        if q.model.is_some() {
            sql.push_str(" AND model = ?");
        }
        if q.search.is_some() {
            sql.push_str(" AND id = ?");
        }
        if q.after.is_some() {
            sql.push_str(" AND (created_at < ? OR (created_at = ? AND id < ?))");
        }
        sql.push_str(" ORDER BY created_at DESC, id DESC LIMIT ?");
        let mut query = sqlx::query(&sql).bind(q.team_id.to_string());
        if let Some(u) = q.user_id {
            query = query.bind(u.to_string());
        }
        if let Some(s) = q.status {
            query = query.bind(s.as_str());
        }
        if let Some(m) = &q.model {
            query = query.bind(m);
        }
        if let Some(s) = q.search {
            query = query.bind(s.to_string());
        }
        if let Some((at, id)) = q.after {
            query = query.bind(at).bind(at).bind(id.to_string());
        }
        let rows = query
            .bind(q.limit as i64 + 1)
            .fetch_all(&self.read)
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
        let rows = match user_id {
            Some(u) => sqlx::query(
                "SELECT DISTINCT model FROM jobs WHERE team_id = ? AND user_id = ? ORDER BY model",
            )
            .bind(team_id.to_string())
            .bind(u.to_string())
            .fetch_all(&self.read)
            .await,
            None => {
                sqlx::query("SELECT DISTINCT model FROM jobs WHERE team_id = ? ORDER BY model")
                    .bind(team_id.to_string())
                    .fetch_all(&self.read)
                    .await
            }
        }
        .map_err(map_err)?;
        rows.iter()
            .map(|r| r.try_get("model").map_err(map_err))
            .collect()
    }

    async fn queue_depth(&self) -> StoreResult<i64> {
        sqlx::query("SELECT COUNT(*) AS n FROM jobs WHERE status = 'QUEUED'")
            .fetch_one(&self.read)
            .await
            .map_err(map_err)?
            .try_get("n")
            .map_err(map_err)
    }

    async fn count_by_status(&self) -> StoreResult<Vec<(JobStatus, i64)>> {
        let rows = sqlx::query("SELECT status, COUNT(*) AS n FROM jobs GROUP BY status")
            .fetch_all(&self.read)
            .await
            .map_err(map_err)?;
        rows.iter()
            .map(|r| Ok((status_col(r)?, r.try_get("n").map_err(map_err)?)))
            .collect()
    }

    async fn claim(&self, worker: &str, lease: Duration) -> StoreResult<Option<ClaimedJob>> {
        let now = now_ms();
        let row = sqlx::query(
            "UPDATE jobs SET status = 'PROCESSING', attempt = attempt + 1, lease_owner = ?, lease_expires_at = ?, \
             started_at = COALESCE(started_at, ?), updated_at = ? \
             WHERE id = (SELECT id FROM jobs WHERE status = 'QUEUED' AND run_after <= ? ORDER BY run_after, created_at LIMIT 1) \
             AND status = 'QUEUED' \
             RETURNING id, attempt, max_attempts, model, input, spec, video_blob, image_blob",
        )
        .bind(worker)
        .bind(now + lease.as_millis() as i64)
        .bind(now)
        .bind(now)
        .bind(now)
        .fetch_optional(&self.write)
        .await
        .map_err(map_err)?;
        let Some(row) = row else { return Ok(None) };
        Ok(Some(ClaimedJob {
            id: uuid_col(&row, "id")?,
            attempt: row.try_get("attempt").map_err(map_err)?,
            max_attempts: row.try_get("max_attempts").map_err(map_err)?,
            model: row.try_get("model").map_err(map_err)?,
            input: json_col(&row, "input")?.unwrap_or_default(),
            spec: json_col(&row, "spec")?.unwrap_or_default(),
            video_blob: row.try_get("video_blob").map_err(map_err)?,
            image_blob: row.try_get("image_blob").map_err(map_err)?,
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
            "UPDATE jobs SET lease_expires_at = ?, progress = MAX(progress, COALESCE(?, progress)), updated_at = ? \
             WHERE id = ? AND status = 'PROCESSING' AND attempt = ? AND lease_owner = ? \
             RETURNING cancel_requested, progress, webhook_progress, webhook_url IS NOT NULL AS has_webhook",
        )
        .bind(now + ttl.as_millis() as i64)
        .bind(progress.map(|p| p.min(100) as i64))
        .bind(now)
        .bind(lease.job_id.to_string())
        .bind(lease.attempt)
        .bind(&lease.worker)
        .fetch_optional(&mut *tx)
        .await
        .map_err(map_err)?;
        let Some(row) = row else {
            return Ok(LeaseState::Lost);
        };
        let cancel_requested = row.try_get::<i64, _>("cancel_requested").map_err(map_err)? != 0;
        let stored: i64 = row.try_get("progress").map_err(map_err)?;
        let announced: i64 = row.try_get("webhook_progress").map_err(map_err)?;
        if row.try_get::<bool, _>("has_webhook").map_err(map_err)?
            && stored > announced
            && stored < 100
        {
            sqlx::query("UPDATE jobs SET webhook_progress = ? WHERE id = ?")
                .bind(stored)
                .bind(lease.job_id.to_string())
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
            "UPDATE jobs SET status = 'COMPLETED', progress = 100, result = ?, result_blob = ?, error = NULL, \
             lease_owner = NULL, lease_expires_at = NULL, completed_at = ?, updated_at = ? \
             WHERE id = ? AND status = 'PROCESSING' AND attempt = ? AND lease_owner = ?",
        )
        .bind(result.to_string())
        .bind(result_blob)
        .bind(now)
        .bind(now)
        .bind(lease.job_id.to_string())
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
        let done = sqlx::query(
            "UPDATE jobs SET status = 'QUEUED', error = ?, lease_owner = NULL, lease_expires_at = NULL, run_after = ?, \
             progress = 0, updated_at = ? WHERE id = ? AND status = 'PROCESSING' AND attempt = ? AND lease_owner = ?",
        )
        .bind(error)
        .bind(run_after)
        .bind(now_ms())
        .bind(lease.job_id.to_string())
        .bind(lease.attempt)
        .bind(&lease.worker)
        .execute(&self.write)
        .await
        .map_err(map_err)?;
        Ok(done.rows_affected() == 1)
    }

    async fn release(&self, lease: &LeaseToken) -> StoreResult<bool> {
        let done = sqlx::query(
            "UPDATE jobs SET status = 'QUEUED', attempt = attempt - 1, lease_owner = NULL, lease_expires_at = NULL, \
             progress = 0, updated_at = ? WHERE id = ? AND status = 'PROCESSING' AND attempt = ? AND lease_owner = ?",
        )
        .bind(now_ms())
        .bind(lease.job_id.to_string())
        .bind(lease.attempt)
        .bind(&lease.worker)
        .execute(&self.write)
        .await
        .map_err(map_err)?;
        Ok(done.rows_affected() == 1)
    }

    async fn cancel(&self, id: Uuid) -> StoreResult<CancelOutcome> {
        let now = now_ms();
        let mut tx = self.begin().await?;
        let Some(row) = sqlx::query("SELECT status FROM jobs WHERE id = ?")
            .bind(id.to_string())
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
        sqlx::query("UPDATE jobs SET cancel_requested = 1 WHERE id = ?")
            .bind(id.to_string())
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
        tx.commit().await.map_err(map_err)?;
        Ok(CancelOutcome::Cancelled)
    }

    async fn rescue_expired_leases(&self, now: Millis) -> StoreResult<RescueReport> {
        let mut tx = self.begin().await?;
        let requeued = sqlx::query(
            "UPDATE jobs SET status = 'QUEUED', lease_owner = NULL, lease_expires_at = NULL, progress = 0, \
             error = 'worker stopped responding; retrying', updated_at = ? \
             WHERE status = 'PROCESSING' AND lease_expires_at < ? AND attempt < max_attempts RETURNING id",
        )
        .bind(now)
        .bind(now)
        .fetch_all(&mut *tx)
        .await
        .map_err(map_err)?
        .iter()
        .map(|r| uuid_col(r, "id"))
        .collect::<StoreResult<Vec<_>>>()?;
        let exhausted = sqlx::query(
            "SELECT id, attempt FROM jobs WHERE status = 'PROCESSING' AND lease_expires_at < ? AND attempt >= max_attempts",
        )
        .bind(now)
        .fetch_all(&mut *tx)
        .await
        .map_err(map_err)?;
        let mut failed = Vec::new();
        for row in &exhausted {
            let id = uuid_col(row, "id")?;
            let attempt: i64 = row.try_get("attempt").map_err(map_err)?;
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
            "SELECT id, result_blob FROM jobs WHERE status = 'COMPLETED' AND expired = 0 AND completed_at < ? LIMIT ?",
        )
        .bind(before)
        .bind(limit as i64)
        .fetch_all(&self.read)
        .await
        .map_err(map_err)?;
        rows.iter()
            .map(|r| {
                Ok((
                    uuid_col(r, "id")?,
                    r.try_get::<Option<String>, _>("result_blob")
                        .map_err(map_err)?
                        .unwrap_or_default(),
                ))
            })
            .collect()
    }

    async fn mark_result_expired(&self, id: Uuid) -> StoreResult<()> {
        sqlx::query("UPDATE jobs SET expired = 1, updated_at = ? WHERE id = ?")
            .bind(now_ms())
            .bind(id.to_string())
            .execute(&self.write)
            .await
            .map_err(map_err)?;
        Ok(())
    }

    async fn scratch_to_delete(&self, limit: u32) -> StoreResult<Vec<(Uuid, Vec<String>)>> {
        let rows = sqlx::query(
            "SELECT id, scratch_blobs FROM jobs WHERE scratch_blobs IS NOT NULL AND status IN ('COMPLETED', 'FAILED', 'CANCELLED') LIMIT ?",
        )
        .bind(limit as i64)
        .fetch_all(&self.read)
        .await
        .map_err(map_err)?;
        rows.iter()
            .map(|r| {
                let blobs: Vec<String> = json_col(r, "scratch_blobs")?
                    .and_then(|v| serde_json::from_value(v).ok())
                    .unwrap_or_default();
                Ok((uuid_col(r, "id")?, blobs))
            })
            .collect()
    }

    async fn clear_scratch(&self, id: Uuid) -> StoreResult<()> {
        sqlx::query("UPDATE jobs SET scratch_blobs = NULL WHERE id = ?")
            .bind(id.to_string())
            .execute(&self.write)
            .await
            .map_err(map_err)?;
        Ok(())
    }

    async fn purge_idempotency(&self, now: Millis) -> StoreResult<u64> {
        let done = sqlx::query("DELETE FROM idempotency_keys WHERE expires_at <= ?")
            .bind(now)
            .execute(&self.write)
            .await
            .map_err(map_err)?;
        Ok(done.rows_affected())
    }
}

#[async_trait]
impl UploadRepo for SqliteStore {
    async fn insert_upload(&self, u: NewUpload) -> StoreResult<()> {
        sqlx::query(
            "INSERT INTO uploads (id, team_id, user_id, kind, content_type, byte_size, blob_key, probe, created_at, expires_at) \
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(u.id.to_string())
        .bind(u.team_id.to_string())
        .bind(u.user_id.to_string())
        .bind(&u.kind)
        .bind(&u.content_type)
        .bind(u.byte_size)
        .bind(&u.blob_key)
        .bind(u.probe.map(|p| p.to_string()))
        .bind(now_ms())
        .bind(u.expires_at)
        .execute(&self.write)
        .await
        .map_err(map_err)?;
        Ok(())
    }

    async fn upload_by_blob(&self, blob_key: &str) -> StoreResult<Option<UploadRecord>> {
        self.inline.one(
            "SELECT * FROM uploads WHERE blob_key = ?1",
            [blob_key],
            |row| upload_from_row(row),
        )
    }

    async fn uploads_to_purge(&self, now: Millis, limit: u32) -> StoreResult<Vec<UploadRecord>> {
        let rows = sqlx::query(
            "SELECT * FROM uploads u WHERE u.deleted_at IS NULL AND u.expires_at <= ? AND NOT EXISTS \
             (SELECT 1 FROM jobs j WHERE j.status IN ('QUEUED', 'PROCESSING') AND (j.video_blob = u.blob_key OR j.image_blob = u.blob_key)) \
             LIMIT ?",
        )
        .bind(now)
        .bind(limit as i64)
        .fetch_all(&self.read)
        .await
        .map_err(map_err)?;
        rows.iter().map(upload_from_row).collect()
    }

    async fn mark_upload_deleted(&self, id: Uuid) -> StoreResult<()> {
        sqlx::query("UPDATE uploads SET deleted_at = ? WHERE id = ?")
            .bind(now_ms())
            .bind(id.to_string())
            .execute(&self.write)
            .await
            .map_err(map_err)?;
        Ok(())
    }
}

fn delivery_view(row: &SqliteRow, attempts: Vec<AttemptView>) -> StoreResult<DeliveryView> {
    let status: String = row.try_get("status").map_err(map_err)?;
    let next: i64 = row.try_get("next_attempt_at").map_err(map_err)?;
    Ok(DeliveryView {
        id: uuid_col(row, "id")?,
        event: row.try_get("event").map_err(map_err)?,
        next_attempt_at: (status == "pending").then(|| format_ms(next)),
        status,
        url: row.try_get("url").map_err(map_err)?,
        attempts: row.try_get("attempts").map_err(map_err)?,
        last_status_code: row.try_get("last_status").map_err(map_err)?,
        last_error: row.try_get("last_error").map_err(map_err)?,
        created_at: format_ms(row.try_get("created_at").map_err(map_err)?),
        finished_at: row
            .try_get::<Option<i64>, _>("finished_at")
            .map_err(map_err)?
            .map(format_ms),
        attempt_log: attempts,
    })
}

#[async_trait]
impl WebhookRepo for SqliteStore {
    async fn claim_deliveries(
        &self,
        now: Millis,
        limit: u32,
        lease: Duration,
    ) -> StoreResult<Vec<DueDelivery>> {
        let mut tx = self.begin().await?;
        let rows = sqlx::query(
            "SELECT d.id, d.job_id, d.event, d.url, d.body, d.attempts, k.key_hash FROM webhook_deliveries d \
             JOIN jobs j ON j.id = d.job_id JOIN api_keys k ON k.id = j.api_key_id \
             WHERE d.status = 'pending' AND d.next_attempt_at <= ? AND NOT EXISTS ( \
               SELECT 1 FROM webhook_deliveries e WHERE e.job_id = d.job_id AND e.seq < d.seq AND e.status IN ('pending', 'sending')) \
             AND NOT EXISTS (SELECT 1 FROM webhook_deliveries e WHERE e.job_id = d.job_id AND e.status = 'sending') \
             ORDER BY d.next_attempt_at, d.seq LIMIT ?",
        )
        .bind(now)
        .bind(limit as i64)
        .fetch_all(&mut *tx)
        .await
        .map_err(map_err)?;
        let mut out = Vec::with_capacity(rows.len());
        for row in &rows {
            let hash: Vec<u8> = row.try_get("key_hash").map_err(map_err)?;
            let delivery = DueDelivery {
                id: uuid_col(row, "id")?,
                job_id: uuid_col(row, "job_id")?,
                event: row.try_get("event").map_err(map_err)?,
                url: row.try_get("url").map_err(map_err)?,
                body: row.try_get("body").map_err(map_err)?,
                attempts: row.try_get("attempts").map_err(map_err)?,
                secret: hash
                    .try_into()
                    .map_err(|_| StoreError::Internal("bad key hash".into()))?,
            };
            sqlx::query(
                "UPDATE webhook_deliveries SET status = 'sending', sending_until = ? WHERE id = ?",
            )
            .bind(now + lease.as_millis() as i64)
            .bind(delivery.id.to_string())
            .execute(&mut *tx)
            .await
            .map_err(map_err)?;
            out.push(delivery);
        }
        tx.commit().await.map_err(map_err)?;
        Ok(out)
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
            "UPDATE webhook_deliveries SET status = ?, attempts = attempts + 1, next_attempt_at = ?, sending_until = NULL, \
             last_status = ?, last_error = ?, finished_at = ? WHERE id = ? AND status = 'sending' AND attempts = ?",
        )
        .bind(status)
        .bind(next_at)
        .bind(attempt.status_code.map(|c| c as i64))
        .bind(&attempt.error)
        .bind(finished)
        .bind(d.id.to_string())
        .bind(d.attempts)
        .execute(&mut *tx)
        .await
        .map_err(map_err)?;
        if updated.rows_affected() == 0 {
            // Someone rescued and re-sent it meanwhile; their record wins.
            return Ok(());
        }
        sqlx::query("INSERT INTO webhook_attempts (delivery_id, attempt, at, status_code, error, duration_ms) VALUES (?, ?, ?, ?, ?, ?)")
            .bind(d.id.to_string())
            .bind(d.attempts + 1)
            .bind(now)
            .bind(attempt.status_code.map(|c| c as i64))
            .bind(&attempt.error)
            .bind(attempt.duration_ms)
            .execute(&mut *tx)
            .await
            .map_err(map_err)?;
        if d.event != "progress" && matches!(next, DeliveryNext::Delivered | DeliveryNext::Failed) {
            sqlx::query("UPDATE jobs SET webhook_status = ? WHERE id = ?")
                .bind(if next == DeliveryNext::Delivered {
                    "delivered"
                } else {
                    "failed"
                })
                .bind(d.job_id.to_string())
                .execute(&mut *tx)
                .await
                .map_err(map_err)?;
        }
        tx.commit().await.map_err(map_err)?;
        Ok(())
    }

    async fn rescue_stuck_deliveries(&self, now: Millis) -> StoreResult<u64> {
        let done = sqlx::query(
            "UPDATE webhook_deliveries SET status = 'pending', sending_until = NULL WHERE status = 'sending' AND sending_until < ?",
        )
        .bind(now)
        .execute(&self.write)
        .await
        .map_err(map_err)?;
        Ok(done.rows_affected())
    }

    async fn deliveries_for_job(&self, job_id: Uuid) -> StoreResult<Vec<DeliveryView>> {
        let rows = sqlx::query("SELECT * FROM webhook_deliveries WHERE job_id = ? ORDER BY seq")
            .bind(job_id.to_string())
            .fetch_all(&self.read)
            .await
            .map_err(map_err)?;
        let attempts = sqlx::query(
            "SELECT a.* FROM webhook_attempts a JOIN webhook_deliveries d ON d.id = a.delivery_id WHERE d.job_id = ? ORDER BY a.attempt",
        )
        .bind(job_id.to_string())
        .fetch_all(&self.read)
        .await
        .map_err(map_err)?;
        rows.iter()
            .map(|row| {
                let id: String = row.try_get("id").map_err(map_err)?;
                let log = attempts
                    .iter()
                    .filter(|a| {
                        a.try_get::<String, _>("delivery_id")
                            .map(|d| d == id)
                            .unwrap_or(false)
                    })
                    .map(|a| {
                        Ok(AttemptView {
                            attempt: a.try_get("attempt").map_err(map_err)?,
                            at: format_ms(a.try_get("at").map_err(map_err)?),
                            status_code: a.try_get("status_code").map_err(map_err)?,
                            error: a.try_get("error").map_err(map_err)?,
                            duration_ms: a.try_get("duration_ms").map_err(map_err)?,
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
            "UPDATE webhook_deliveries SET status = 'pending', next_attempt_at = ?, finished_at = NULL \
             WHERE job_id = ? AND status = 'failed' RETURNING event",
        )
        .bind(now)
        .bind(job_id.to_string())
        .fetch_all(&mut *tx)
        .await
        .map_err(map_err)?;
        let terminal = rows.iter().any(|r| {
            r.try_get::<String, _>("event")
                .map(|e| e != "progress")
                .unwrap_or(false)
        });
        if terminal {
            sqlx::query("UPDATE jobs SET webhook_status = 'pending' WHERE id = ?")
                .bind(job_id.to_string())
                .execute(&mut *tx)
                .await
                .map_err(map_err)?;
        }
        tx.commit().await.map_err(map_err)?;
        Ok(rows.len() as u64)
    }
}

#[async_trait]
impl Store for SqliteStore {
    async fn ping(&self) -> StoreResult<()> {
        sqlx::query("SELECT 1")
            .execute(&self.read)
            .await
            .map_err(map_err)?;
        Ok(())
    }
}
