package org.infermeter.sim;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * The simulator's replica model driven by a virtual clock: what a sequential probe (concurrency 1)
 * would see, computed instantly and without HTTP.
 *
 * <p>Requests are scheduled {@code spacing} apart, start to start; a request whose predecessor is
 * still running starts the moment it ends (late, as a concurrency-1 runner would). Each request holds
 * its slot for its TTFT plus the profile's mean decode time of its natural answer length. Faults are
 * not simulated here: a 429 or 5xx never touches a replica on the server either.
 */
public final class VirtualProbe {

    private VirtualProbe() {
    }

    public static List<SimulatedRequest> run(SimProfile profile, long seed, int requests, Duration spacing) {
        Objects.requireNonNull(profile, "profile");
        if (requests < 0) throw new IllegalArgumentException("requests must be >= 0: " + requests);
        if (spacing == null || spacing.isNegative()) {
            throw new IllegalArgumentException("spacing must be >= 0: " + spacing);
        }
        ReplicaPool pool = new ReplicaPool(profile, new SplittableRandom(seed), 0);
        long spacingNanos = spacing.toNanos();
        long decodeNanos = profile.meanGenerationNanos(profile.naturalOutputTokens());
        List<SimulatedRequest> results = new ArrayList<>(requests);
        long previousEnd = 0;
        for (int i = 0; i < requests; i++) {
            long start = Math.max(i * spacingNanos, previousEnd);
            ReplicaPool.Ticket ticket = pool.arrive(start);
            // Concurrency 1 never leaves a request waiting for a slot, so the grant is immediate.
            ReplicaPool.Grant grant = ticket.grant().getNow(null);
            if (grant == null) throw new IllegalStateException("a sequential probe was queued; pool has no free slot");
            long firstToken = grant.firstTokenAtNanos();
            previousEnd = firstToken + decodeNanos;
            pool.release(grant, previousEnd);
            results.add(new SimulatedRequest(firstToken - start, grant.cold(),
                    ticket.queueNanos() + grant.batchDelayNanos(), grant.coldStartNanos()));
        }
        return List.copyOf(results);
    }
}
