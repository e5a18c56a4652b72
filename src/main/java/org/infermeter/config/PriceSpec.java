package org.infermeter.config;

/** What a provider charges for one model, in US dollars per million tokens. */
public record PriceSpec(double inputUsdPerMTok, double outputUsdPerMTok) {
    public PriceSpec {
        requirePrice("inputUsdPerMTok", inputUsdPerMTok);
        requirePrice("outputUsdPerMTok", outputUsdPerMTok);
    }

    private static void requirePrice(String name, double usdPerMTok) {
        if (!Double.isFinite(usdPerMTok) || usdPerMTok < 0) {
            throw new IllegalArgumentException(name + " must be a finite number >= 0: " + usdPerMTok);
        }
    }

    /** Cost of one answer in US dollars. */
    public double costUsd(long inputTokens, long outputTokens) {
        return (inputTokens * inputUsdPerMTok + outputTokens * outputUsdPerMTok) / 1_000_000.0;
    }
}
