package org.infermeter.stats;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.infermeter.sample.CellKey;

/**
 * Whether a cell bills and identifies honestly (see {@link HonestyStatistics}).
 *
 * @param reportedPromptTokens median prompt tokens the provider's usage blocks reported; null when none did
 * @param localPromptTokens    the same prompt counted locally (o200k_base, plus 3 tokens per request and 4 per
 *                             message for the chat framing); null when the campaign's prompt is not fixed
 * @param peerPromptTokens     the lowest median any provider of the same model reported; null alone
 * @param overReports          reported more than {@value HonestyStatistics#OVER_REPORT_SHARE}x the reference
 *                             (the peers' lowest, else the local count with framing allowance) and more than
 *                             {@value HonestyStatistics#OVER_REPORT_SLACK_TOKENS} tokens above it
 * @param changes              each change of the reported {@code model} or {@code system_fingerprint}, in order
 */
public record HonestyFigures(CellKey cell, Double reportedPromptTokens, Integer localPromptTokens,
                             Double peerPromptTokens, boolean overReports, List<Change> changes) {

    /**
     * The identity the provider reported changed at request {@code sequence}.
     *
     * @param field {@code model} or {@code system_fingerprint}
     */
    public record Change(int sequence, Instant at, String field, String from, String to) { }

    public HonestyFigures {
        Objects.requireNonNull(cell, "cell");
        changes = List.copyOf(changes);
    }

    /** Reported over the reference the flag uses, e.g. 1.3 for 30% more; null without both counts. */
    public Double overReportRatio() {
        Double reference = peerPromptTokens != null ? peerPromptTokens
                : localPromptTokens == null ? null : localPromptTokens.doubleValue();
        return reportedPromptTokens == null || reference == null || reference == 0 ? null : reportedPromptTokens / reference;
    }
}
