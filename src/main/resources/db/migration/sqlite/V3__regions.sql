-- Regions (version 3): a cell is measured once per region, so a cell row is (campaign, model,
-- provider, region) and UNIQUE (cell_id, sequence) on samples means "no sequence twice within a
-- region". '' is the region of single-machine runs. probe_id names the probe that measured a sample
-- (NULL for `run` and `load`).
-- SQLite cannot change a table's UNIQUE constraint, so cells is rebuilt the documented way
-- (create, copy, drop, rename); samples and load_steps refer to it by name and keep working.
CREATE TABLE cells_v3 (
    id             INTEGER PRIMARY KEY,
    campaign_id    INTEGER NOT NULL REFERENCES campaigns (id),
    model          TEXT    NOT NULL,
    provider       TEXT    NOT NULL,
    provider_model TEXT,
    region         TEXT    NOT NULL DEFAULT '',
    UNIQUE (campaign_id, model, provider, region)
);
INSERT INTO cells_v3 (id, campaign_id, model, provider, provider_model)
    SELECT id, campaign_id, model, provider, provider_model FROM cells;
DROP TABLE cells;
ALTER TABLE cells_v3 RENAME TO cells;
ALTER TABLE samples ADD COLUMN probe_id TEXT;
