package org.infermeter.stats;

import java.util.List;
import org.infermeter.sample.Sample;
import org.infermeter.sample.Units;

/**
 * A quantile of a provider's <em>warm</em> TTFTs: the completed requests' TTFTs without the ones the
 * {@link ColdStartClassifier} calls cold, the same split as the reports' warm median and p95. The gateway
 * waits this long for a primary's first token before it hedges: a warm replica has answered by then, so
 * what is still waiting is most likely a cold start or a queue.
 */
public final class WarmTtft {
    private WarmTtft() {
    }

    /**
     * @param samples the provider's recent samples of one model, in any order
     * @param p       the quantile, within (0, 1), e.g. 0.95
     * @return the quantile (Hyndman-Fan type 7) in milliseconds, or null when no completed sample has a TTFT
     */
    public static Double quantileMs(List<Sample> samples, double p) {
        if (!(p > 0 && p < 1)) throw new IllegalArgumentException("p must be within (0, 1): " + p);
        long[] ttfts = samples.stream().filter(s -> s.completed() && s.exchange().hasTtft())
                .mapToLong(s -> s.exchange().ttftNanos()).toArray();
        if (ttfts.length == 0) return null;
        ColdStartClassifier.Verdict verdict = ColdStartClassifier.classify(ttfts);
        double[] warm = new double[ttfts.length - verdict.coldCount()];
        int n = 0;
        for (int i = 0; i < ttfts.length; i++) {
            if (!verdict.isCold(i)) warm[n++] = Units.nanosToMs(ttfts[i]);
        }
        return Quantiles.of(warm, p);
    }
}
