package org.infermeter.run;

import java.time.Duration;

/**
 * How a scheduler waits. Real runs sleep; a test on a virtual clock advances that clock instead, so a
 * schedule of hour-long idle gaps runs in seconds against a simulator that reads the same clock.
 */
@FunctionalInterface
public interface Sleeper {
    Sleeper REAL = Thread::sleep;

    /** Waits {@code duration} (> 0) on the scheduler's clock. */
    void sleep(Duration duration) throws InterruptedException;
}
