//! Durable state: accounts and keys, the credit ledger, jobs and their queue, uploads and
//! idempotency records.
//!
//! Handlers and workers see only the repository traits below. Each backend implements all of
//! them and keeps the invariants the traits document, so adding a backend never touches a
//! handler. Every operation that must be atomic (submission, completion with refund, lease
//! rescue) is ONE trait method, so a backend cannot split it across transactions.

use std::time::Duration;

use async_trait::async_trait;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

pub mod keys;
mod postgres;
mod sqlite;
mod submissions;
pub mod webhook_events;

pub use postgres::PgStore;
pub use sqlite::SqliteStore;

/// Milliseconds since the Unix epoch; the unit of every stored time.
pub type Millis = i64;

pub fn now_ms() -> Millis {
    chrono::Utc::now().timestamp_millis()
}

/// RFC 3339 with milliseconds, UTC: the wire format of every timestamp.
pub fn format_ms(ms: Millis) -> String {
    chrono::DateTime::from_timestamp_millis(ms)
        .unwrap_or_default()
        .to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The database cannot take the request right now (pool exhausted, locked, I/O).
    /// Callers answer 503 and charge nothing.
    #[error("database unavailable: {0}")]
    Unavailable(String),
    #[error("not found: {0}")]
    NotFound(String),
    #[error("conflict: {0}")]
    Conflict(String),
    #[error("database error: {0}")]
    Internal(String),
}

pub type StoreResult<T> = Result<T, StoreError>;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum JobStatus {
    Queued,
    Processing,
    Completed,
    Failed,
    Cancelled,
}

impl JobStatus {
    pub const ALL: [JobStatus; 5] = [
        JobStatus::Queued,
        JobStatus::Processing,
        JobStatus::Completed,
        JobStatus::Failed,
        JobStatus::Cancelled,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            JobStatus::Queued => "QUEUED",
            JobStatus::Processing => "PROCESSING",
            JobStatus::Completed => "COMPLETED",
            JobStatus::Failed => "FAILED",
            JobStatus::Cancelled => "CANCELLED",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        JobStatus::ALL.into_iter().find(|v| v.as_str() == s)
    }

    pub fn is_terminal(self) -> bool {
        matches!(
            self,
            JobStatus::Completed | JobStatus::Failed | JobStatus::Cancelled
        )
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Role {
    Owner,
    Admin,
    Member,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Owner => "OWNER",
            Role::Admin => "ADMIN",
            Role::Member => "MEMBER",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        match s.to_ascii_uppercase().as_str() {
            "OWNER" => Some(Role::Owner),
            "ADMIN" => Some(Role::Admin),
            "MEMBER" => Some(Role::Member),
            _ => None,
        }
    }
    /// Owners and admins may see every job of their team.
    pub fn sees_team(self) -> bool {
        matches!(self, Role::Owner | Role::Admin)
    }
}

/// Who is calling, resolved from an API key.
#[derive(Debug, Clone)]
pub struct Principal {
    pub key_id: Uuid,
    pub key_name: String,
    pub key_prefix: String,
    pub key_hash: [u8; 32],
    pub revoked: bool,
    pub user_id: Uuid,
    pub email: String,
    pub role: Role,
    pub team_id: Uuid,
}

#[derive(Debug, Clone)]
pub struct Team {
    pub id: Uuid,
    pub name: String,
    pub plan: String,
    pub customer_id: Option<String>,
    pub credits: i64,
}

#[derive(Debug, Clone)]
pub struct NewKey {
    pub team_name: String,
    pub email: String,
    pub role: Role,
    pub key_name: String,
    pub key_prefix: String,
    pub key_hash: [u8; 32],
    /// Credits granted to the team along with the key (0 for none).
    pub initial_credits: i64,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CreatedKey {
    pub key_id: Uuid,
    pub team_id: Uuid,
    pub user_id: Uuid,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct KeyListing {
    pub key_id: Uuid,
    pub name: String,
    pub prefix: String,
    pub team_id: Uuid,
    pub team_name: String,
    pub user_id: Uuid,
    pub email: String,
    pub role: Role,
    pub created_at: String,
    pub revoked: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum LedgerKind {
    Grant,
    Debit,
    Refund,
}

#[derive(Debug, Clone, Serialize)]
pub struct LedgerEntry {
    pub kind: LedgerKind,
    pub amount: i64,
    pub job_id: Option<Uuid>,
}

/// A job as stored, for the API's job object.
#[derive(Debug, Clone)]
pub struct JobRecord {
    pub id: Uuid,
    pub team_id: Uuid,
    pub user_id: Uuid,
    pub model: String,
    pub status: JobStatus,
    pub progress: i64,
    pub input: serde_json::Value,
    pub result: Option<serde_json::Value>,
    pub error: Option<String>,
    pub credit_cost: i64,
    pub refunded: bool,
    pub webhook_status: Option<String>,
    pub attempt: i64,
    pub created_at: Millis,
    pub completed_at: Option<Millis>,
    pub expired: bool,
}

impl JobRecord {
    /// Credits this job holds now: the charge, or 0 once refunded.
    pub fn effective_cost(&self) -> i64 {
        if self.refunded {
            0
        } else {
            self.credit_cost
        }
    }
}

#[derive(Debug, Clone)]
pub struct NewJob {
    pub id: Uuid,
    pub team_id: Uuid,
    pub user_id: Uuid,
    pub api_key_id: Uuid,
    pub model: String,
    pub input: serde_json::Value,
    pub spec: serde_json::Value,
    pub credit_cost: i64,
    pub max_attempts: u32,
    pub webhook_url: Option<String>,
    pub webhook_events: Option<Vec<String>>,
    pub video_blob: Option<String>,
    pub image_blob: Option<String>,
    pub scratch_blobs: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct IdempotencyClaim {
    pub key: String,
    pub request_hash: [u8; 32],
    pub ttl: Duration,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SubmitOutcome {
    Created {
        job_id: Uuid,
    },
    /// The same key and body arrived before: the original job, no new charge.
    Replayed {
        job_id: Uuid,
        status: JobStatus,
    },
    /// The key was used before with a different body.
    KeyMismatch,
    InsufficientCredits {
        required: i64,
        available: i64,
    },
}

/// What a worker receives when it claims a job.
#[derive(Debug, Clone)]
pub struct ClaimedJob {
    pub id: Uuid,
    pub attempt: i64,
    pub max_attempts: i64,
    pub model: String,
    pub input: serde_json::Value,
    pub spec: serde_json::Value,
    pub video_blob: Option<String>,
    pub image_blob: Option<String>,
}

/// Identifies one attempt of one job held by one worker; every write a worker makes is
/// fenced on it, so a worker whose lease was rescued cannot overwrite the new attempt.
#[derive(Debug, Clone)]
pub struct LeaseToken {
    pub job_id: Uuid,
    pub attempt: i64,
    pub worker: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LeaseState {
    Held {
        cancel_requested: bool,
    },
    /// The job was rescued, cancelled or finished by someone else.
    Lost,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CancelOutcome {
    Cancelled,
    NotFound,
    AlreadyTerminal(JobStatus),
}

#[derive(Debug, Clone, Default)]
pub struct RescueReport {
    pub requeued: Vec<Uuid>,
    pub failed: Vec<Uuid>,
}

#[derive(Debug, Clone)]
pub struct JobListQuery {
    pub team_id: Uuid,
    /// `None` lists the whole team (admins).
    pub user_id: Option<Uuid>,
    pub status: Option<JobStatus>,
    pub model: Option<String>,
    pub search: Option<Uuid>,
    pub limit: u32,
    pub after: Option<(Millis, Uuid)>,
}

#[derive(Debug, Clone)]
pub struct JobPage {
    pub jobs: Vec<JobRecord>,
    pub has_more: bool,
}

#[derive(Debug, Clone)]
pub struct NewUpload {
    pub id: Uuid,
    pub team_id: Uuid,
    pub user_id: Uuid,
    pub kind: String,
    pub content_type: String,
    pub byte_size: i64,
    pub blob_key: String,
    pub probe: Option<serde_json::Value>,
    pub expires_at: Millis,
}

#[derive(Debug, Clone)]
pub struct UploadRecord {
    pub id: Uuid,
    pub team_id: Uuid,
    pub kind: String,
    pub content_type: String,
    pub byte_size: i64,
    pub blob_key: String,
    pub probe: Option<serde_json::Value>,
    pub expires_at: Millis,
    pub deleted: bool,
}

#[async_trait]
pub trait AccountRepo: Send + Sync {
    /// Creates the team (or reuses the one with that name), the user (or reuses the one with
    /// that email in the team) and a new key, and grants `initial_credits`, in one transaction.
    async fn create_key(&self, key: NewKey) -> StoreResult<CreatedKey>;
    async fn principal_by_key_hash(&self, hash: &[u8; 32]) -> StoreResult<Option<Principal>>;
    async fn revoke_key(&self, key_id: Uuid) -> StoreResult<bool>;
    async fn list_keys(&self) -> StoreResult<Vec<KeyListing>>;
    async fn team(&self, team_id: Uuid) -> StoreResult<Option<Team>>;
    async fn team_by_name(&self, name: &str) -> StoreResult<Option<Team>>;
}

#[async_trait]
pub trait LedgerRepo: Send + Sync {
    /// Adds credits; returns the new balance.
    async fn grant(&self, team_id: Uuid, amount: i64, note: &str) -> StoreResult<i64>;
    async fn ledger(&self, team_id: Uuid) -> StoreResult<Vec<LedgerEntry>>;
    /// Sum of every ledger row by kind, across teams (for metrics).
    async fn ledger_totals(&self) -> StoreResult<Vec<(LedgerKind, i64)>>;
}

#[async_trait]
pub trait JobRepo: Send + Sync {
    /// ONE transaction: idempotency row, debit and job row, or nothing at all.
    async fn submit(
        &self,
        job: NewJob,
        idempotency: Option<IdempotencyClaim>,
    ) -> StoreResult<SubmitOutcome>;
    /// A live idempotency record for (team, key): its request hash, job and the job's status.
    async fn idempotency_lookup(
        &self,
        team_id: Uuid,
        key: &str,
    ) -> StoreResult<Option<([u8; 32], Uuid, JobStatus)>>;
    async fn job(&self, id: Uuid) -> StoreResult<Option<JobRecord>>;
    async fn list_jobs(&self, query: &JobListQuery) -> StoreResult<JobPage>;
    /// Distinct model ids among the jobs the query's scope can see.
    async fn job_models(&self, team_id: Uuid, user_id: Option<Uuid>) -> StoreResult<Vec<String>>;
    async fn queue_depth(&self) -> StoreResult<i64>;
    async fn count_by_status(&self) -> StoreResult<Vec<(JobStatus, i64)>>;

    /// Oldest runnable QUEUED job becomes PROCESSING with attempt + 1 and a lease.
    async fn claim(&self, worker: &str, lease: Duration) -> StoreResult<Option<ClaimedJob>>;
    /// Renews the lease and stores progress; tells whether cancellation was requested.
    async fn heartbeat(
        &self,
        lease: &LeaseToken,
        ttl: Duration,
        progress: Option<u8>,
    ) -> StoreResult<LeaseState>;
    /// COMPLETED with result, fenced on the lease. False when the lease was lost.
    async fn complete(
        &self,
        lease: &LeaseToken,
        result: serde_json::Value,
        result_blob: &str,
    ) -> StoreResult<bool>;
    /// FAILED with error and the refund, in one transaction, fenced on the lease.
    async fn fail(&self, lease: &LeaseToken, error: &str) -> StoreResult<bool>;
    /// Back to QUEUED after a retryable error, runnable again at `run_after`.
    async fn retry_later(
        &self,
        lease: &LeaseToken,
        error: &str,
        run_after: Millis,
    ) -> StoreResult<bool>;
    /// Back to QUEUED without using up the attempt (graceful shutdown).
    async fn release(&self, lease: &LeaseToken) -> StoreResult<bool>;
    /// QUEUED or PROCESSING -> CANCELLED with the refund, in one transaction.
    async fn cancel(&self, id: Uuid) -> StoreResult<CancelOutcome>;
    /// Jobs whose lease ran out: requeued, or FAILED and refunded once attempts are used up.
    async fn rescue_expired_leases(&self, now: Millis) -> StoreResult<RescueReport>;

    /// COMPLETED jobs finished before `before` that still hold their result blob.
    async fn results_to_expire(
        &self,
        before: Millis,
        limit: u32,
    ) -> StoreResult<Vec<(Uuid, String)>>;
    async fn mark_result_expired(&self, id: Uuid) -> StoreResult<()>;
    /// Terminal jobs still holding inputs fetched for them alone.
    async fn scratch_to_delete(&self, limit: u32) -> StoreResult<Vec<(Uuid, Vec<String>)>>;
    async fn clear_scratch(&self, id: Uuid) -> StoreResult<()>;
    async fn purge_idempotency(&self, now: Millis) -> StoreResult<u64>;
}

#[async_trait]
pub trait UploadRepo: Send + Sync {
    async fn insert_upload(&self, upload: NewUpload) -> StoreResult<()>;
    async fn upload_by_blob(&self, blob_key: &str) -> StoreResult<Option<UploadRecord>>;
    /// Uploads past their expiry that no QUEUED or PROCESSING job still needs.
    async fn uploads_to_purge(&self, now: Millis, limit: u32) -> StoreResult<Vec<UploadRecord>>;
    async fn mark_upload_deleted(&self, id: Uuid) -> StoreResult<()>;
}

/// A webhook delivery handed to the dispatcher, with what it needs to sign and send.
#[derive(Debug, Clone)]
pub struct DueDelivery {
    pub id: Uuid,
    pub job_id: Uuid,
    pub event: String,
    pub url: String,
    pub body: String,
    /// Attempts made before this one.
    pub attempts: i64,
    /// SHA-256 of the API key that submitted the job: the signing secret.
    pub secret: [u8; 32],
}

#[derive(Debug, Clone)]
pub struct AttemptRecord {
    pub status_code: Option<u16>,
    pub error: Option<String>,
    pub duration_ms: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeliveryNext {
    Delivered,
    RetryAt(Millis),
    /// Given up: retries exhausted, 410 Gone, or a URL that can never be reached.
    Failed,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DeliveryView {
    pub id: Uuid,
    pub event: String,
    pub status: String,
    pub url: String,
    pub attempts: i64,
    pub next_attempt_at: Option<String>,
    pub last_status_code: Option<i64>,
    pub last_error: Option<String>,
    pub created_at: String,
    pub finished_at: Option<String>,
    pub attempt_log: Vec<AttemptView>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AttemptView {
    pub attempt: i64,
    pub at: String,
    pub status_code: Option<i64>,
    pub error: Option<String>,
    pub duration_ms: i64,
}

#[async_trait]
pub trait WebhookRepo: Send + Sync {
    /// Marks up to `limit` due deliveries as being sent (leased until `now + lease`) and
    /// returns them. Per job, only the oldest unfinished delivery is ever handed out, and
    /// never while another of the same job is in flight, so events arrive in order.
    async fn claim_deliveries(
        &self,
        now: Millis,
        limit: u32,
        lease: Duration,
    ) -> StoreResult<Vec<DueDelivery>>;
    /// Records one attempt and what happens next; a finished terminal event also settles
    /// the job's `webhookStatus`.
    async fn record_attempt(
        &self,
        delivery: &DueDelivery,
        attempt: AttemptRecord,
        next: DeliveryNext,
    ) -> StoreResult<()>;
    /// Deliveries whose sender died mid-attempt go back to pending.
    async fn rescue_stuck_deliveries(&self, now: Millis) -> StoreResult<u64>;
    async fn deliveries_for_job(&self, job_id: Uuid) -> StoreResult<Vec<DeliveryView>>;
    /// Re-queues the job's failed deliveries; returns how many.
    async fn retry_failed_deliveries(&self, job_id: Uuid, now: Millis) -> StoreResult<u64>;
}

/// Wake-ups that cross processes: a backend shared by several processes announces changes
/// so workers and dispatchers elsewhere react at once instead of at their next poll.
#[derive(Clone)]
pub struct StoreNotifications {
    /// A job became runnable (submitted, retried, released, rescued).
    pub jobs: std::sync::Arc<tokio::sync::Notify>,
    /// Webhook outbox rows were written.
    pub outbox: std::sync::Arc<tokio::sync::Notify>,
    /// A job was cancelled: whoever runs it must stop.
    pub cancels: tokio::sync::broadcast::Sender<Uuid>,
}

#[async_trait]
pub trait Store:
    AccountRepo + LedgerRepo + JobRepo + UploadRepo + WebhookRepo + Send + Sync
{
    /// Cheap round trip for readiness checks.
    async fn ping(&self) -> StoreResult<()>;
    /// Cross-process notifications, for backends that several processes share. `None` for
    /// a single-process backend, where the process's own signals suffice.
    fn notifications(&self) -> Option<StoreNotifications> {
        None
    }
}

/// Opens the backend named by the URL and applies its migrations.
pub async fn connect(url: &str) -> StoreResult<std::sync::Arc<dyn Store>> {
    if url.starts_with("sqlite:") {
        Ok(std::sync::Arc::new(SqliteStore::open(url).await?))
    } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        Ok(std::sync::Arc::new(PgStore::open(url).await?))
    } else {
        Err(StoreError::Internal(format!(
            "unsupported database URL {url:?}: use sqlite://PATH or postgres://USER:PASSWORD@HOST/DB"
        )))
    }
}
