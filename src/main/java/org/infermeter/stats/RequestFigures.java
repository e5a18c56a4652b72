package org.infermeter.stats;

import org.infermeter.sample.Exchange;
import org.infermeter.sample.Price;
import org.infermeter.sample.Sample;
import org.infermeter.sample.Units;
import org.infermeter.sample.Usage;

/**
 * The one definition of each per-request figure: every cell figure, the workload ranking and the
 * charts read a request through here, so a table and a chart can never disagree about a request.
 */
public final class RequestFigures {
    private RequestFigures() {}

    /** The request's TTFT in ms, or NaN when no visible token arrived. */
    public static double ttftMs(Sample s) {
        return s.exchange().hasTtft() ? Units.nanosToMs(s.exchange().ttftNanos()) : Double.NaN;
    }

    /**
     * Output tokens per second after the first output token, each phase's tokens counted over the time
     * it was streamed; NaN when not computable. A reasoning model first streams its reasoning, then
     * the answer, and the provider's output count includes both: the rate runs from the first output
     * event (the first reasoning event when reasoning was streamed, else the first visible one) to the
     * last visible event. Reasoning the provider counted but never streamed (hidden reasoning, as
     * OpenAI's o-series keeps it) took no time the client saw, so its tokens are left out when the
     * provider reports them; dividing them by the answer's time is what inflated the figure before.
     * Needs a completed request with at least two visible events and two counted tokens.
     */
    public static double tokensPerSec(Sample s) {
        Exchange x = s.exchange();
        Usage u = x.usage();
        if (!s.completed() || x.contentEventCount() < 2) return Double.NaN;
        boolean reasoningStreamed = x.ttfrNanos() != Exchange.ABSENT;
        int tokens = !reasoningStreamed && u.reasoningTokens() > 0 ? u.outputTokens() - u.reasoningTokens()
                : u.outputTokens();
        if (tokens < 2) return Double.NaN;
        long firstOutputNanos = reasoningStreamed ? Math.min(x.ttfrNanos(), x.ttftNanos()) : x.ttftNanos();
        long decodingNanos = x.lastContentNanos() - firstOutputNanos;
        return decodingNanos > 0 ? (tokens - 1) / (decodingNanos / 1e9) : Double.NaN;
    }

    /**
     * What the request was billed, in USD: a completed request, or a failed one whose known token count
     * is above 0 (cut or errored after tokens flowed). Unknown counts add 0, so sums are lower bounds.
     */
    public static double billedUsd(Sample s, Price price) {
        Usage u = s.exchange().usage();
        long in = Math.max(0, u.inputTokens());
        long out = Math.max(0, u.outputTokens());
        return s.completed() || in + out > 0 ? price.costUsd(in, out) : 0;
    }

    /** Largest gap between two visible events of the request, in ms; NaN with fewer than two events. */
    public static double longestGapMs(Sample s) {
        Exchange x = s.exchange();
        long longest = -1;
        for (int i = 1; i < x.contentEventCount(); i++) longest = Math.max(longest, x.gapNanos(i));
        return longest < 0 ? Double.NaN : Units.nanosToMs(longest);
    }
}
