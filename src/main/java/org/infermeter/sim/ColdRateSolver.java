package org.infermeter.sim;

import java.time.Duration;

/**
 * Solves the reclaim hazard that gives a sequential probe a wanted cold-start rate.
 *
 * <p>Model (the one {@link ReplicaPool} implements, with expected values for the random parts): a
 * warm replica is reclaimed at rate {@code h} from the moment it is ready, busy or not. After a warm
 * request the next one arrives one spacing later, so it finds the replica gone with probability
 * {@code pWarm = 1 - exp(-h * spacing)}. After a cold request the replica only became ready once the
 * cold start ended, so the next request is exposed for less time ({@code pCold}), usually almost none
 * because cold starts outlast the spacing and the next request starts late. The stationary share of
 * cold requests {@code r} satisfies {@code r = pWarm * (1 - r) + pCold * r}.
 */
final class ColdRateSolver {

    private ColdRateSolver() {
    }

    static double hazardPerSecond(SimProfile profile, double rate, Duration probeSpacing) {
        if (probeSpacing == null || probeSpacing.isNegative() || probeSpacing.isZero()) {
            throw new IllegalArgumentException("probe spacing must be > 0: " + probeSpacing);
        }
        if (!(rate >= 0 && rate < 1)) {
            throw new IllegalArgumentException("target cold rate must be within [0, 1): " + rate);
        }
        if (profile.idleTimeout().compareTo(probeSpacing) <= 0) {
            throw new IllegalArgumentException("idleTimeout " + profile.idleTimeout() + " must exceed the probe spacing "
                    + probeSpacing + ", otherwise every probe finds its replica released and is cold");
        }
        if (rate == 0) return 0;
        double spacingSeconds = probeSpacing.toNanos() / 1e9;
        double afterReadySeconds = (profile.warmTtft().meanNanos()
                + profile.batchDelayProbability() * profile.batchDelay().meanNanos()
                + profile.meanGenerationNanos(profile.naturalOutputTokens())) / 1e9;
        double warmExposure = Math.max(spacingSeconds, afterReadySeconds);
        double coldExposure = Math.max(spacingSeconds - profile.coldStart().meanNanos() / 1e9, afterReadySeconds);

        double lo = 0;
        double hi = 1e-3;
        while (coldRate(hi, warmExposure, coldExposure) < rate) {
            hi *= 2;
            if (hi > 1e6) {
                throw new IllegalArgumentException("target cold rate " + rate + " is unreachable at spacing " + probeSpacing
                        + ": at most about " + coldRate(1e6, warmExposure, coldExposure)
                        + " of probes can be cold when a cold start outlasts the spacing; use a lower rate or a longer spacing");
            }
        }
        for (int i = 0; i < 100; i++) {
            double mid = (lo + hi) / 2;
            if (coldRate(mid, warmExposure, coldExposure) < rate) lo = mid; else hi = mid;
        }
        return (lo + hi) / 2;
    }

    /** Stationary cold share for hazard {@code h}; exposures in seconds. */
    static double coldRate(double h, double warmExposureSeconds, double coldExposureSeconds) {
        double pWarm = -Math.expm1(-h * warmExposureSeconds);
        double pCold = -Math.expm1(-h * coldExposureSeconds);
        return pWarm / (1 + pWarm - pCold);
    }
}
