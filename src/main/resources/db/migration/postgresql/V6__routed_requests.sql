-- Live traffic through the gateway (issue 7): what `route` adds to the sample of each request it routed,
-- keyed by the sample's (cell, sequence) so the samples table is unchanged. No prompt, no answer.
CREATE TABLE routed_requests (
    cell_id            BIGINT  NOT NULL REFERENCES cells (id),
    sequence           INTEGER NOT NULL CHECK (sequence >= 0),
    route              TEXT    NOT NULL,
    client_ttft_ns     BIGINT,
    attempts           INTEGER NOT NULL CHECK (attempts >= 1),
    failover           BOOLEAN NOT NULL,
    hedged             BOOLEAN NOT NULL,
    hedge_won          BOOLEAN NOT NULL,
    cancelled_cost_usd DOUBLE PRECISION NOT NULL CHECK (cancelled_cost_usd >= 0),
    PRIMARY KEY (cell_id, sequence)
);
