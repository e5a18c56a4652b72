-- Load runs (user_version 2): a step owns a range of its cell's sample sequences.
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
);
