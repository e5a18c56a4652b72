package org.infermeter.route;

/**
 * At most {@code pct}% of a model's requests are hedged: a hedge is allowed only while the hedges sent,
 * this one included, stay within that share of the requests routed so far. Thread-safe.
 */
final class HedgeBudget {
    private final double pct;
    private long requests;
    private long hedges;

    HedgeBudget(double pct) {
        this.pct = pct;
    }

    synchronized void countRequest() {
        requests++;
    }

    /** Takes one hedge from the budget, or says no. */
    synchronized boolean tryHedge() {
        if ((hedges + 1) * 100.0 > pct * requests) return false;
        hedges++;
        return true;
    }

    synchronized long hedges() {
        return hedges;
    }

    synchronized long requests() {
        return requests;
    }
}
