package org.infermeter.sim;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Maps real monotonic time to profile time: one profile second lasts {@code timeScale} real seconds,
 * so every simulated duration (and the reclaim hazard, per profile second) scales together.
 */
final class SimClock {
    private final LongSupplier source;
    private final long originNanos;
    private final double timeScale;

    SimClock(double timeScale) {
        this(timeScale, System::nanoTime);
    }

    /** @param source monotonic nanoseconds: {@link System#nanoTime()}, or a {@link VirtualTime} that can skip ahead */
    SimClock(double timeScale, LongSupplier source) {
        this.source = source;
        this.originNanos = source.getAsLong();
        if (!(timeScale > 0) || Double.isInfinite(timeScale)) {
            throw new IllegalArgumentException("timeScale must be a finite number > 0 (1.0 = real time, 0.01 = 100x faster): "
                    + timeScale);
        }
        this.timeScale = timeScale;
    }

    long nowNanos() {
        return (long) ((source.getAsLong() - originNanos) / timeScale);
    }

    long toRealNanos(long profileNanos) {
        return (long) (profileNanos * timeScale);
    }

    /** Sleeps until the profile-time moment; sleeping to a deadline keeps per-chunk gaps from accumulating drift. */
    void sleepUntil(long profileNanos) throws InterruptedException {
        long deadline = originNanos + toRealNanos(profileNanos);
        long remaining;
        while ((remaining = deadline - source.getAsLong()) > 0) {
            Thread.sleep(Duration.ofNanos(remaining));
        }
    }
}
