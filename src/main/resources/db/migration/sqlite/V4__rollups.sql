-- Hourly rollups (version 4): per cell (so per region) and UTC hour, what a long window's report needs,
-- mergeable: counts, billed tokens, and HdrHistogram compressed encodings of TTFT (microseconds) of
-- the measured requests and of the completed ones. Kept by every append, in the sample's transaction;
-- migration 4.1 (RollupBackfill, Java) fills them for the samples stored before.
CREATE TABLE rollups (
    cell_id              INTEGER NOT NULL REFERENCES cells (id),
    hour                 INTEGER NOT NULL,
    samples              INTEGER NOT NULL,
    completed            INTEGER NOT NULL,
    billed_input_tokens  INTEGER NOT NULL,
    billed_output_tokens INTEGER NOT NULL,
    ttft_us              BLOB    NOT NULL,
    completed_ttft_us    BLOB    NOT NULL,
    PRIMARY KEY (cell_id, hour)
);
