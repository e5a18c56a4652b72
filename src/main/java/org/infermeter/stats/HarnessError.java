package org.infermeter.stats;

import java.util.List;
import java.util.OptionalLong;
import org.infermeter.sample.Canary;
import org.infermeter.sample.Sample;

/**
 * The harness's own error during a campaign, from its canary cell (see {@link Canary}): per canary
 * request, the client's TTFT minus the loopback server's own. Warm-ups included: the canary has no
 * provider to warm, and the first requests are the ones a start-up would hurt.
 *
 * @param requests canary requests that stated both stamps
 * @param error    their error distribution (type 7 quantiles, like every figure)
 */
public record HarnessError(int requests, Distribution error) {

    /**
     * The harness error is large enough to matter for a cell when its p99 reaches this share of the
     * cell's median TTFT: that cell's median and p95 may then be off by as much, and a comparison of
     * providers by less than that reads the harness.
     */
    public static final double MATTERS_AT_SHARE_OF_MEDIAN_TTFT = 0.05;

    /** From a campaign's canary samples; null when none stated its error (canary off, or an older store). */
    public static HarnessError of(List<Sample> canarySamples) {
        long[] errors = canarySamples.stream()
                .map(s -> Canary.harnessErrorNanos(s.exchange()))
                .filter(OptionalLong::isPresent)
                .mapToLong(OptionalLong::getAsLong)
                .toArray();
        return errors.length == 0 ? null : new HarnessError(errors.length, Distribution.ofNanos(errors));
    }

    /** Whether the error is large enough to matter for {@code cell} (see {@link #MATTERS_AT_SHARE_OF_MEDIAN_TTFT}). */
    public boolean mattersFor(CellStats cell) {
        return cell.ttft() != null && error.p99Ms() >= MATTERS_AT_SHARE_OF_MEDIAN_TTFT * cell.ttft().medianMs();
    }

    /** The cells for which it matters, in the order given. */
    public List<CellStats> mattersFor(List<CellStats> cells) {
        return cells.stream().filter(this::mattersFor).toList();
    }
}
