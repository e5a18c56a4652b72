package org.infermeter.stats;

import java.util.List;

import org.infermeter.sample.Outcome;
import org.infermeter.sample.Sample;

/**
 * Uptime of a cell, as the live dashboard shows it beside the error rate: the share of measured requests
 * (warm-ups excluded) that the provider answered, out of those whose failure would be the provider's.
 * A client error (HTTP 4xx other than 408 Request Timeout and 429 Too Many Requests: a bad key, a
 * malformed request) says nothing about whether the provider was up, so it counts in neither part; the
 * error rate ({@link CellStatistics}) counts every failure. Pure.
 */
public final class Uptime {
    private Uptime() {
    }

    /** Uptime in percent, or null when no measured request could tell (none, or only client errors). */
    public static Double pct(List<Sample> samples) {
        int asked = 0;
        int answered = 0;
        for (Sample s : samples) {
            if (s.warmup() || isClientError(s.outcome())) continue;
            asked++;
            if (s.completed()) answered++;
        }
        return asked == 0 ? null : answered * 100.0 / asked;
    }

    private static boolean isClientError(Outcome outcome) {
        return outcome instanceof Outcome.HttpError e && e.status() >= 400 && e.status() < 500
                && e.status() != 408 && e.status() != 429;
    }
}
