-- The store's first schema (InferMeter 0.1, PRAGMA user_version 1). Instants are epoch nanoseconds;
-- NULL means "never happened" or "unknown", so SQL aggregates skip it.
CREATE TABLE campaigns (
    id          INTEGER PRIMARY KEY,
    name        TEXT    NOT NULL,
    spec_text   TEXT    NOT NULL,
    spec_sha256 TEXT    NOT NULL,
    created_at  INTEGER NOT NULL,
    finished_at INTEGER,
    status      TEXT    NOT NULL CHECK (status IN ('running', 'finished', 'interrupted'))
);
CREATE INDEX campaigns_by_spec ON campaigns (name, spec_sha256, created_at);
CREATE TABLE cells (
    id             INTEGER PRIMARY KEY,
    campaign_id    INTEGER NOT NULL REFERENCES campaigns (id),
    model          TEXT    NOT NULL,
    provider       TEXT    NOT NULL,
    provider_model TEXT,
    UNIQUE (campaign_id, model, provider)
);
CREATE TABLE samples (
    id                 INTEGER PRIMARY KEY,
    cell_id            INTEGER NOT NULL REFERENCES cells (id),
    sequence           INTEGER NOT NULL CHECK (sequence >= 0),
    warmup             INTEGER NOT NULL CHECK (warmup IN (0, 1)),
    scheduled_at       INTEGER NOT NULL,
    started_at         INTEGER NOT NULL,
    ttfb_ns            INTEGER,
    ttft_ns            INTEGER,
    ttfr_ns            INTEGER,
    e2e_ns             INTEGER,
    content_offsets    BLOB,
    input_tokens       INTEGER,
    output_tokens      INTEGER,
    reasoning_tokens   INTEGER,
    token_source       TEXT    NOT NULL,
    http_status        INTEGER,
    outcome_kind       TEXT    NOT NULL,
    outcome_message    TEXT    NOT NULL,
    finish_reason      TEXT,
    retry_after_s      INTEGER,
    response_model     TEXT,
    system_fingerprint TEXT,
    server_headers     TEXT,
    UNIQUE (cell_id, sequence)
);
