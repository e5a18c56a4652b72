-- Daily rollups (version 8); see db/migration/sqlite/V8__daily_rollups.sql for the meaning.
CREATE TABLE rollups_daily (
    cell_id              BIGINT  NOT NULL REFERENCES cells (id),
    day                  BIGINT  NOT NULL,
    samples              INTEGER NOT NULL,
    completed            INTEGER NOT NULL,
    billed_input_tokens  BIGINT  NOT NULL,
    billed_output_tokens BIGINT  NOT NULL,
    ttft_us              BYTEA   NOT NULL,
    completed_ttft_us    BYTEA   NOT NULL,
    hours                BYTEA   NOT NULL,
    PRIMARY KEY (cell_id, day)
);
