-- Times are milliseconds since the Unix epoch (INTEGER), ids are UUID text.

CREATE TABLE teams (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    plan        TEXT NOT NULL DEFAULT 'self-hosted',
    customer_id TEXT,
    -- Kept equal to the sum of this team's ledger rows by every writer, in the same transaction.
    credits     INTEGER NOT NULL DEFAULT 0 CHECK (credits >= 0),
    created_at  INTEGER NOT NULL
);

CREATE TABLE users (
    id         TEXT PRIMARY KEY,
    team_id    TEXT NOT NULL REFERENCES teams(id),
    email      TEXT NOT NULL,
    role       TEXT NOT NULL CHECK (role IN ('OWNER', 'ADMIN', 'MEMBER')),
    created_at INTEGER NOT NULL,
    UNIQUE (team_id, email)
);

CREATE TABLE api_keys (
    id         TEXT PRIMARY KEY,
    user_id    TEXT NOT NULL REFERENCES users(id),
    team_id    TEXT NOT NULL REFERENCES teams(id),
    name       TEXT NOT NULL,
    prefix     TEXT NOT NULL,
    -- SHA-256 of the key; the key itself is never stored.
    key_hash   BLOB NOT NULL UNIQUE,
    created_at INTEGER NOT NULL,
    revoked_at INTEGER
);

CREATE TABLE ledger (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    team_id    TEXT NOT NULL REFERENCES teams(id),
    kind       TEXT NOT NULL CHECK (kind IN ('grant', 'debit', 'refund')),
    -- Signed: grants and refunds add, debits subtract.
    amount     INTEGER NOT NULL,
    job_id     TEXT,
    note       TEXT,
    created_at INTEGER NOT NULL,
    CHECK ((kind = 'debit' AND amount <= 0) OR (kind <> 'debit' AND amount >= 0)),
    CHECK (kind = 'grant' OR job_id IS NOT NULL)
);
CREATE INDEX ledger_team ON ledger (team_id);
-- A job is charged at most once and refunded at most once, whatever races.
CREATE UNIQUE INDEX ledger_one_debit_per_job ON ledger (job_id) WHERE kind = 'debit';
CREATE UNIQUE INDEX ledger_one_refund_per_job ON ledger (job_id) WHERE kind = 'refund';
CREATE TRIGGER ledger_no_update BEFORE UPDATE ON ledger
BEGIN SELECT RAISE(ABORT, 'ledger is append-only'); END;
CREATE TRIGGER ledger_no_delete BEFORE DELETE ON ledger
BEGIN SELECT RAISE(ABORT, 'ledger is append-only'); END;

CREATE TABLE uploads (
    id           TEXT PRIMARY KEY,
    team_id      TEXT NOT NULL REFERENCES teams(id),
    user_id      TEXT NOT NULL REFERENCES users(id),
    kind         TEXT NOT NULL CHECK (kind IN ('image', 'video', 'audio')),
    content_type TEXT NOT NULL,
    byte_size    INTEGER NOT NULL,
    blob_key     TEXT NOT NULL UNIQUE,
    -- ffprobe result, taken once at upload time and reused by every submission.
    probe        TEXT,
    created_at   INTEGER NOT NULL,
    expires_at   INTEGER NOT NULL,
    deleted_at   INTEGER
);
CREATE INDEX uploads_expiry ON uploads (expires_at) WHERE deleted_at IS NULL;

CREATE TABLE jobs (
    id               TEXT PRIMARY KEY,
    team_id          TEXT NOT NULL REFERENCES teams(id),
    user_id          TEXT NOT NULL REFERENCES users(id),
    api_key_id       TEXT NOT NULL REFERENCES api_keys(id),
    model            TEXT NOT NULL,
    status           TEXT NOT NULL CHECK (status IN ('QUEUED', 'PROCESSING', 'COMPLETED', 'FAILED', 'CANCELLED')),
    progress         INTEGER NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
    -- The request body as submitted, returned as `input`.
    input            TEXT NOT NULL,
    -- What the worker needs: resolved blob keys, probe facts, price breakdown.
    spec             TEXT NOT NULL,
    result           TEXT,
    error            TEXT,
    credit_cost      INTEGER NOT NULL CHECK (credit_cost >= 0),
    refunded         INTEGER NOT NULL DEFAULT 0,
    webhook_url      TEXT,
    webhook_events   TEXT,
    webhook_status   TEXT CHECK (webhook_status IN ('pending', 'delivered', 'failed')),
    attempt          INTEGER NOT NULL DEFAULT 0,
    max_attempts     INTEGER NOT NULL,
    run_after        INTEGER NOT NULL,
    lease_owner      TEXT,
    lease_expires_at INTEGER,
    cancel_requested INTEGER NOT NULL DEFAULT 0,
    video_blob       TEXT,
    image_blob       TEXT,
    -- Inputs fetched from user URLs for this job alone; deleted once the job is terminal.
    scratch_blobs    TEXT,
    result_blob      TEXT,
    expired          INTEGER NOT NULL DEFAULT 0,
    created_at       INTEGER NOT NULL,
    started_at       INTEGER,
    completed_at     INTEGER,
    updated_at       INTEGER NOT NULL
);
CREATE INDEX jobs_queue ON jobs (run_after, created_at) WHERE status = 'QUEUED';
CREATE INDEX jobs_leases ON jobs (lease_expires_at) WHERE status = 'PROCESSING';
CREATE INDEX jobs_by_user ON jobs (user_id, created_at DESC, id DESC);
CREATE INDEX jobs_by_team ON jobs (team_id, created_at DESC, id DESC);
CREATE INDEX jobs_retention ON jobs (completed_at) WHERE status = 'COMPLETED' AND expired = 0;
CREATE INDEX jobs_scratch ON jobs (updated_at) WHERE scratch_blobs IS NOT NULL;

CREATE TABLE idempotency_keys (
    team_id      TEXT NOT NULL REFERENCES teams(id),
    key          TEXT NOT NULL,
    request_hash BLOB NOT NULL,
    job_id       TEXT NOT NULL REFERENCES jobs(id),
    created_at   INTEGER NOT NULL,
    expires_at   INTEGER NOT NULL,
    PRIMARY KEY (team_id, key)
);
CREATE INDEX idempotency_expiry ON idempotency_keys (expires_at);
