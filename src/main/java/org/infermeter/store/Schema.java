package org.infermeter.store;

import java.util.List;

/**
 * The store's tables. Instants are epoch nanoseconds (INTEGER: exact, sortable, compact); durations
 * are nanoseconds with NULL for "never happened" ({@code Exchange.ABSENT}); unknown token counts
 * and "no HTTP response" are NULL too, so SQL aggregates skip them instead of averaging in -1 or 0.
 */
final class Schema {
    /** Marks a file as an InferMeter store ("IMTR"), so a foreign SQLite file is not written to. */
    static final int APPLICATION_ID = 0x494D5452;
    /** Kept in PRAGMA user_version; raise it and add a step to {@link #MIGRATIONS} when the schema changes. */
    static final int VERSION = 3;

    /**
     * The steps of load runs (version 2). A step owns a range of its cell's sample sequences, so the
     * samples table is unchanged and a version-1 file needs only this table added.
     */
    static final String LOAD_STEPS = """
            CREATE TABLE load_steps (
                id             INTEGER PRIMARY KEY,
                cell_id        INTEGER NOT NULL REFERENCES cells (id),
                step           INTEGER NOT NULL CHECK (step >= 0),
                repeat         INTEGER NOT NULL CHECK (repeat >= 0),
                kind           TEXT    NOT NULL CHECK (kind IN ('rate', 'concurrency')),
                level          REAL    NOT NULL CHECK (level > 0),
                first_sequence INTEGER NOT NULL,
                end_sequence   INTEGER NOT NULL,
                measured_from  INTEGER NOT NULL,
                measured_until INTEGER NOT NULL,
                UNIQUE (cell_id, step)
            )""";

    /**
     * The quality probe's graded answers (issue 8; schema version 7 in the numbering shared with the store,
     * probe and route work, step 3 here until those land): one row per graded sample, keyed like it, holding
     * the verdict and the kind of task, never the answer's text.
     */
    static final String QUALITY_VERDICTS = """
            CREATE TABLE quality_verdicts (
                cell_id  INTEGER NOT NULL REFERENCES cells (id),
                sequence INTEGER NOT NULL CHECK (sequence >= 0),
                item_id  TEXT    NOT NULL,
                kind     TEXT    NOT NULL,
                verdict  TEXT    NOT NULL CHECK (verdict IN ('correct', 'wrong_answer', 'no_answer', 'invalid_json',
                                                             'unknown_function', 'schema_mismatch')),
                PRIMARY KEY (cell_id, sequence)
            )""";

    /** MIGRATIONS.get(v - 1) turns version v into v + 1. */
    static final List<List<String>> MIGRATIONS = List.of(List.of(LOAD_STEPS), List.of(QUALITY_VERDICTS));

    static final List<String> CREATE = List.of("""
            CREATE TABLE campaigns (
                id          INTEGER PRIMARY KEY,
                name        TEXT    NOT NULL,
                spec_text   TEXT    NOT NULL,
                spec_sha256 TEXT    NOT NULL,
                created_at  INTEGER NOT NULL,
                finished_at INTEGER,
                status      TEXT    NOT NULL CHECK (status IN ('running', 'finished', 'interrupted'))
            )""", """
            CREATE INDEX campaigns_by_spec ON campaigns (name, spec_sha256, created_at)""", """
            CREATE TABLE cells (
                id             INTEGER PRIMARY KEY,
                campaign_id    INTEGER NOT NULL REFERENCES campaigns (id),
                model          TEXT    NOT NULL,
                provider       TEXT    NOT NULL,
                provider_model TEXT,
                UNIQUE (campaign_id, model, provider)
            )""", """
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
            )""", LOAD_STEPS, QUALITY_VERDICTS);

    private Schema() {
    }
}
