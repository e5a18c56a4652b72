package org.infermeter.sample;

/**
 * What a provider charges for one model, in US dollars per million tokens: read from the campaign
 * file by config, applied to samples by stats.
 *
 * @param inputUsdPerMTok  price of one million prompt (input) tokens
 * @param outputUsdPerMTok price of one million generated (output) tokens, reasoning included
 */
public record Price(double inputUsdPerMTok, double outputUsdPerMTok) {
    public Price {
        requirePrice("inputUsdPerMTok", inputUsdPerMTok);
        requirePrice("outputUsdPerMTok", outputUsdPerMTok);
    }

    private static void requirePrice(String name, double usdPerMTok) {
        if (!Double.isFinite(usdPerMTok) || usdPerMTok < 0) {
            throw new IllegalArgumentException(name + " must be a finite number >= 0 (USD per million tokens): "
                    + usdPerMTok);
        }
    }

    /** What {@code inputTokens} in and {@code outputTokens} out cost, in USD. */
    public double costUsd(long inputTokens, long outputTokens) {
        return (inputTokens * inputUsdPerMTok + outputTokens * outputUsdPerMTok) / 1e6;
    }
}
