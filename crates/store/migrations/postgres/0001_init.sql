-- PostgreSQL schema: the same tables, columns and rules as the SQLite one, in native types.
-- Times stay BIGINT milliseconds since the Unix epoch so both backends compare and format
-- them identically. JSON that is shown back to callers is `json`, which keeps the text (and
-- so the key order) exactly as written; `jsonb` would reorder keys.

CREATE TABLE teams (
    id          UUID PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    plan        TEXT NOT NULL DEFAULT 'self-hosted',
    customer_id TEXT,
    -- Kept equal to the sum of this team's ledger rows by every writer, in the same transaction.
    credits     BIGINT NOT NULL DEFAULT 0 CHECK (credits >= 0),
    created_at  BIGINT NOT NULL
);

CREATE TABLE users (
    id         UUID PRIMARY KEY,
    team_id    UUID NOT NULL REFERENCES teams(id),
    email      TEXT NOT NULL,
    role       TEXT NOT NULL CHECK (role IN ('OWNER', 'ADMIN', 'MEMBER')),
    created_at BIGINT NOT NULL,
    UNIQUE (team_id, email)
);

CREATE TABLE api_keys (
    id         UUID PRIMARY KEY,
    user_id    UUID NOT NULL REFERENCES users(id),
    team_id    UUID NOT NULL REFERENCES teams(id),
    name       TEXT NOT NULL,
    prefix     TEXT NOT NULL,
    -- SHA-256 of the key; the key itself is never stored.
    key_hash   BYTEA NOT NULL UNIQUE CHECK (octet_length(key_hash) = 32),
    created_at BIGINT NOT NULL,
    revoked_at BIGINT
);

CREATE TABLE ledger (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    team_id    UUID NOT NULL REFERENCES teams(id),
    kind       TEXT NOT NULL CHECK (kind IN ('grant', 'debit', 'refund')),
    -- Signed: grants and refunds add, debits subtract.
    amount     BIGINT NOT NULL,
    job_id     UUID,
    note       TEXT,
    created_at BIGINT NOT NULL,
    CHECK ((kind = 'debit' AND amount <= 0) OR (kind <> 'debit' AND amount >= 0)),
    CHECK (kind = 'grant' OR job_id IS NOT NULL)
);
CREATE INDEX ledger_team ON ledger (team_id, id);
-- A job is charged at most once and refunded at most once, whatever races.
CREATE UNIQUE INDEX ledger_one_debit_per_job ON ledger (job_id) WHERE kind = 'debit';
CREATE UNIQUE INDEX ledger_one_refund_per_job ON ledger (job_id) WHERE kind = 'refund';
CREATE FUNCTION ledger_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'ledger is append-only';
END
$$;
CREATE TRIGGER ledger_no_update_or_delete BEFORE UPDATE OR DELETE ON ledger
    FOR EACH ROW EXECUTE FUNCTION ledger_append_only();

CREATE TABLE uploads (
    id           UUID PRIMARY KEY,
    team_id      UUID NOT NULL REFERENCES teams(id),
    user_id      UUID NOT NULL REFERENCES users(id),
    kind         TEXT NOT NULL CHECK (kind IN ('image', 'video', 'audio')),
    content_type TEXT NOT NULL,
    byte_size    BIGINT NOT NULL,
    blob_key     TEXT NOT NULL UNIQUE,
    -- ffprobe result, taken once at upload time and reused by every submission.
    probe        JSON,
    created_at   BIGINT NOT NULL,
    expires_at   BIGINT NOT NULL,
    deleted_at   BIGINT
);
CREATE INDEX uploads_expiry ON uploads (expires_at) WHERE deleted_at IS NULL;

CREATE TABLE jobs (
    id               UUID PRIMARY KEY,
    team_id          UUID NOT NULL REFERENCES teams(id),
    user_id          UUID NOT NULL REFERENCES users(id),
    api_key_id       UUID NOT NULL REFERENCES api_keys(id),
    model            TEXT NOT NULL,
    status           TEXT NOT NULL CHECK (status IN ('QUEUED', 'PROCESSING', 'COMPLETED', 'FAILED', 'CANCELLED')),
    progress         BIGINT NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
    -- The request body as submitted, returned as `input`.
    input            JSON NOT NULL,
    -- What the worker needs: resolved blob keys, probe facts, price breakdown.
    spec             JSON NOT NULL,
    result           JSON,
    error            TEXT,
    credit_cost      BIGINT NOT NULL CHECK (credit_cost >= 0),
    refunded         BOOLEAN NOT NULL DEFAULT FALSE,
    webhook_url      TEXT,
    -- JSON array of event names, or NULL for all of them.
    webhook_events   JSON,
    webhook_status   TEXT CHECK (webhook_status IN ('pending', 'delivered', 'failed')),
    webhook_seq      BIGINT NOT NULL DEFAULT 0,
    -- Last progress percentage announced by webhook, so progress events go out only on change.
    webhook_progress BIGINT NOT NULL DEFAULT -1,
    attempt          BIGINT NOT NULL DEFAULT 0,
    max_attempts     BIGINT NOT NULL,
    run_after        BIGINT NOT NULL,
    lease_owner      TEXT,
    lease_expires_at BIGINT,
    cancel_requested BOOLEAN NOT NULL DEFAULT FALSE,
    video_blob       TEXT,
    image_blob       TEXT,
    -- Inputs fetched from user URLs for this job alone; deleted once the job is terminal.
    scratch_blobs    TEXT[],
    result_blob      TEXT,
    expired          BOOLEAN NOT NULL DEFAULT FALSE,
    created_at       BIGINT NOT NULL,
    started_at       BIGINT,
    completed_at     BIGINT,
    updated_at       BIGINT NOT NULL
);
CREATE INDEX jobs_queue ON jobs (run_after, created_at) WHERE status = 'QUEUED';
CREATE INDEX jobs_leases ON jobs (lease_expires_at) WHERE status = 'PROCESSING';
CREATE INDEX jobs_by_user ON jobs (user_id, created_at DESC, id DESC);
CREATE INDEX jobs_by_team ON jobs (team_id, created_at DESC, id DESC);
CREATE INDEX jobs_retention ON jobs (completed_at) WHERE status = 'COMPLETED' AND NOT expired;
CREATE INDEX jobs_scratch ON jobs (updated_at) WHERE scratch_blobs IS NOT NULL;
-- uploads_to_purge asks whether a live job still reads an upload.
CREATE INDEX jobs_live_video ON jobs (video_blob) WHERE status IN ('QUEUED', 'PROCESSING');
CREATE INDEX jobs_live_image ON jobs (image_blob) WHERE status IN ('QUEUED', 'PROCESSING');

CREATE TABLE idempotency_keys (
    team_id      UUID NOT NULL REFERENCES teams(id),
    key          TEXT NOT NULL,
    request_hash BYTEA NOT NULL,
    -- Deferred: the submit transaction claims the key (INSERT ... ON CONFLICT) before it
    -- writes the job the key will point at; the reference is checked at commit.
    job_id       UUID NOT NULL REFERENCES jobs(id) DEFERRABLE INITIALLY DEFERRED,
    created_at   BIGINT NOT NULL,
    expires_at   BIGINT NOT NULL,
    PRIMARY KEY (team_id, key)
);
CREATE INDEX idempotency_expiry ON idempotency_keys (expires_at);

-- The webhook outbox. A delivery row is written in the same transaction as the job change
-- that causes it, so a crash between "job completed" and "webhook sent" loses nothing.
CREATE TABLE webhook_deliveries (
    id              UUID PRIMARY KEY,              -- also the Standard Webhooks `webhook-id`
    job_id          UUID NOT NULL REFERENCES jobs(id),
    seq             BIGINT NOT NULL,               -- order of events within the job
    event           TEXT NOT NULL CHECK (event IN ('progress', 'completed', 'failed')),
    url             TEXT NOT NULL,
    body            TEXT NOT NULL,                 -- exact bytes that are signed and sent
    status          TEXT NOT NULL CHECK (status IN ('pending', 'sending', 'delivered', 'failed', 'superseded')),
    attempts        BIGINT NOT NULL DEFAULT 0,
    next_attempt_at BIGINT NOT NULL,
    sending_until   BIGINT,
    last_status     BIGINT,
    last_error      TEXT,
    created_at      BIGINT NOT NULL,
    finished_at     BIGINT,
    UNIQUE (job_id, seq)
);
CREATE INDEX webhook_due ON webhook_deliveries (next_attempt_at) WHERE status = 'pending';
CREATE INDEX webhook_sending ON webhook_deliveries (sending_until) WHERE status = 'sending';

CREATE TABLE webhook_attempts (
    delivery_id UUID NOT NULL REFERENCES webhook_deliveries(id),
    attempt     BIGINT NOT NULL,
    at          BIGINT NOT NULL,
    status_code BIGINT,
    error       TEXT,
    duration_ms BIGINT NOT NULL,
    PRIMARY KEY (delivery_id, attempt)
);
