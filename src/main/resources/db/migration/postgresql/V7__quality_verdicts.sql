-- The quality probe's graded answers (issue 8): one row per graded sample, keyed like it, holding the
-- verdict and the kind of task, never the answer's text.
CREATE TABLE quality_verdicts (
    cell_id  BIGINT  NOT NULL REFERENCES cells (id),
    sequence INTEGER NOT NULL CHECK (sequence >= 0),
    item_id  TEXT    NOT NULL,
    kind     TEXT    NOT NULL,
    verdict  TEXT    NOT NULL CHECK (verdict IN ('correct', 'wrong_answer', 'no_answer', 'invalid_json',
                                                 'unknown_function', 'schema_mismatch')),
    PRIMARY KEY (cell_id, sequence)
);
