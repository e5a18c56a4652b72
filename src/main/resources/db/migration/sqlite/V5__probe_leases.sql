-- Continuous probes (version 5, issue 11; see org.infermeter.store.FleetStore).
-- One campaigns row per fleet campaign name, claimed by the first probe that starts it.
CREATE TABLE fleet_campaigns (
    name        TEXT    PRIMARY KEY,
    campaign_id INTEGER NOT NULL REFERENCES campaigns (id)
);
-- One lease per cell and region (cells rows are per region): held by one probe until it expires, and
-- the region's next unreserved sequence number for the cell.
CREATE TABLE leases (
    cell_id       INTEGER PRIMARY KEY REFERENCES cells (id),
    campaign_id   INTEGER NOT NULL REFERENCES campaigns (id),
    region        TEXT    NOT NULL,
    active        INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    holder        TEXT,
    expires_at    INTEGER,
    next_sequence INTEGER NOT NULL DEFAULT 0 CHECK (next_sequence >= 0)
);
CREATE INDEX leases_by_region ON leases (campaign_id, region, active);
-- The probes alive in each region, so each holds a fair share of the region's cells.
CREATE TABLE probes (
    campaign_id INTEGER NOT NULL REFERENCES campaigns (id),
    region      TEXT    NOT NULL,
    probe_id    TEXT    NOT NULL,
    alive_until INTEGER NOT NULL,
    PRIMARY KEY (campaign_id, probe_id)
);
