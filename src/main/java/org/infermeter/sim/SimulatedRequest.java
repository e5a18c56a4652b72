package org.infermeter.sim;

/**
 * Ground truth for one simulated request, in profile-time nanoseconds from its start.
 *
 * @param ttftNanos      start to first content token
 * @param cold           the request waited for a replica's cold start
 * @param queueNanos     time spent waiting for a slot and behind other tenants' batches
 * @param coldStartNanos the part of the TTFT spent waiting for a cold start (0 when warm)
 */
public record SimulatedRequest(long ttftNanos, boolean cold, long queueNanos, long coldStartNanos) {
    public SimulatedRequest {
        if (queueNanos < 0 || coldStartNanos < 0) {
            throw new IllegalArgumentException("queueNanos and coldStartNanos must be >= 0: " + queueNanos + ", " + coldStartNanos);
        }
        if (ttftNanos < queueNanos + coldStartNanos) {
            throw new IllegalArgumentException("ttftNanos " + ttftNanos + " is shorter than queue " + queueNanos
                    + " + cold start " + coldStartNanos);
        }
        if (cold != (coldStartNanos > 0)) {
            throw new IllegalArgumentException("cold=" + cold + " contradicts coldStartNanos=" + coldStartNanos);
        }
    }
}
