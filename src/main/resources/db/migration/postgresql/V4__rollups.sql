-- Hourly rollups (version 4); see db/migration/sqlite/V4__rollups.sql for the meaning.
CREATE TABLE rollups (
    cell_id              BIGINT  NOT NULL REFERENCES cells (id),
    hour                 BIGINT  NOT NULL,
    samples              INTEGER NOT NULL,
    completed            INTEGER NOT NULL,
    billed_input_tokens  BIGINT  NOT NULL,
    billed_output_tokens BIGINT  NOT NULL,
    ttft_us              BYTEA   NOT NULL,
    completed_ttft_us    BYTEA   NOT NULL,
    PRIMARY KEY (cell_id, hour)
);
