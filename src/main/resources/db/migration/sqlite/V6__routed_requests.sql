-- Live traffic through the gateway (issue 7): what `route` adds to the sample of each request it routed,
-- keyed by the sample's (cell, sequence) so the samples table is unchanged. No prompt, no answer.
CREATE TABLE routed_requests (
    cell_id            INTEGER NOT NULL REFERENCES cells (id),
    sequence           INTEGER NOT NULL CHECK (sequence >= 0),
    route              TEXT    NOT NULL,
    client_ttft_ns     INTEGER,
    attempts           INTEGER NOT NULL CHECK (attempts >= 1),
    failover           INTEGER NOT NULL CHECK (failover IN (0, 1)),
    hedged             INTEGER NOT NULL CHECK (hedged IN (0, 1)),
    hedge_won          INTEGER NOT NULL CHECK (hedge_won IN (0, 1)),
    cancelled_cost_usd REAL    NOT NULL CHECK (cancelled_cost_usd >= 0),
    PRIMARY KEY (cell_id, sequence)
);
