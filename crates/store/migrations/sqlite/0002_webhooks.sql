-- The webhook outbox. A delivery row is written in the same transaction as the job change
-- that causes it, so a crash between "job completed" and "webhook sent" loses nothing.
CREATE TABLE webhook_deliveries (
    id              TEXT PRIMARY KEY,              -- also the Standard Webhooks `webhook-id`
    job_id          TEXT NOT NULL REFERENCES jobs(id),
    seq             INTEGER NOT NULL,              -- order of events within the job
    event           TEXT NOT NULL CHECK (event IN ('progress', 'completed', 'failed')),
    url             TEXT NOT NULL,
    body            TEXT NOT NULL,                 -- exact bytes that are signed and sent
    status          TEXT NOT NULL CHECK (status IN ('pending', 'sending', 'delivered', 'failed', 'superseded')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    sending_until   INTEGER,
    last_status     INTEGER,
    last_error      TEXT,
    created_at      INTEGER NOT NULL,
    finished_at     INTEGER,
    UNIQUE (job_id, seq)
);
CREATE INDEX webhook_due ON webhook_deliveries (next_attempt_at) WHERE status = 'pending';
CREATE INDEX webhook_sending ON webhook_deliveries (sending_until) WHERE status = 'sending';

CREATE TABLE webhook_attempts (
    delivery_id TEXT NOT NULL REFERENCES webhook_deliveries(id),
    attempt     INTEGER NOT NULL,
    at          INTEGER NOT NULL,
    status_code INTEGER,
    error       TEXT,
    duration_ms INTEGER NOT NULL,
    PRIMARY KEY (delivery_id, attempt)
);

ALTER TABLE jobs ADD COLUMN webhook_seq INTEGER NOT NULL DEFAULT 0;
-- Last progress percentage announced by webhook, so progress events go out only on change.
ALTER TABLE jobs ADD COLUMN webhook_progress INTEGER NOT NULL DEFAULT -1;
