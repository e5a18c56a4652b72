-- Daily rollups (version 8): per cell (so per region) and UTC day, the day's hourly rollups merged, so a
-- month-long report reads 30 rows a cell instead of 720. `ttft_us` and `completed_ttft_us` are the day's
-- merged histograms (HdrHistogram V2 encoding, as in rollups); `hours` keeps each hour's samples, completed
-- and TTFT histogram (DayHours' packing) for the hour-of-day view. Rewritten from the hourly rows of its day
-- in every transaction that changes them; migration 8.1 (DailyRollupBackfill, Java) fills it for earlier hours.
CREATE TABLE rollups_daily (
    cell_id              INTEGER NOT NULL REFERENCES cells (id),
    day                  INTEGER NOT NULL,
    samples              INTEGER NOT NULL,
    completed            INTEGER NOT NULL,
    billed_input_tokens  INTEGER NOT NULL,
    billed_output_tokens INTEGER NOT NULL,
    ttft_us              BLOB    NOT NULL,
    completed_ttft_us    BLOB    NOT NULL,
    hours                BLOB    NOT NULL,
    PRIMARY KEY (cell_id, day)
);
