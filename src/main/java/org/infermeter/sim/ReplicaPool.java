package org.infermeter.sim;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.random.RandomGenerator;

/**
 * The replica and cold-start model of one model on one provider, shared by {@link SimServer} (real
 * clock) and {@link VirtualProbe} (virtual clock). It never reads a clock itself: every call carries
 * "now" in profile-time nanoseconds, so the same decisions come out in both worlds.
 *
 * <p>Rules, applied lazily at each arrival and release:
 * <ul>
 *   <li>a replica becomes ready {@code coldStart} after it is created; from then on it is reclaimed
 *       at a random moment (exponential, rate {@link SimProfile#reclaimHazardPerSecond()}), and it is
 *       released once idle for {@code idleTimeout}; a reclaimed replica still finishes its requests;</li>
 *   <li>an arrival takes a free slot on a ready replica, else a free slot on a replica still starting
 *       (and waits out the rest of its cold start), else starts a new replica below
 *       {@code maxReplicas} (a full cold start), else waits FIFO for a slot;</li>
 *   <li>each granted request may additionally wait behind other tenants' batches, then pays the warm TTFT.</li>
 * </ul>
 * Thread-safe; the decisions are reproducible for a given seed when calls arrive in the same order.
 */
final class ReplicaPool {

    /**
     * A slot on a replica, granted at {@code grantedAtNanos}.
     *
     * @param readyAtNanos  when the replica finishes its cold start (at or before the grant when warm)
     * @param othersInBatch requests already holding a slot on the same replica when this one joined it
     */
    record Grant(int replicaId, long grantedAtNanos, long readyAtNanos, long batchDelayNanos, long warmTtftNanos,
                 int othersInBatch) {
        boolean cold() {
            return readyAtNanos > grantedAtNanos;
        }

        long coldStartNanos() {
            return Math.max(0, readyAtNanos - grantedAtNanos);
        }

        /** When the first content token is due: after the cold start, the batch wait and the prefill. */
        long firstTokenAtNanos() {
            return Math.max(grantedAtNanos, readyAtNanos) + batchDelayNanos + warmTtftNanos;
        }
    }

    /** A request waiting for (or holding) a slot; {@link #grant()} completes when the slot is assigned. */
    record Ticket(long arrivedAtNanos, CompletableFuture<Grant> grant) {
        long queueNanos() {
            return grant.join().grantedAtNanos() - arrivedAtNanos;
        }
    }

    private static final class Replica {
        final int id;
        final long readyAtNanos;
        final long reclaimAtNanos;
        long idleSinceNanos;
        int inFlight;

        Replica(int id, long readyAtNanos, long reclaimAtNanos) {
            this.id = id;
            this.readyAtNanos = readyAtNanos;
            this.reclaimAtNanos = reclaimAtNanos;
            this.idleSinceNanos = readyAtNanos;
        }
    }

    private final SimProfile profile;
    private final RandomGenerator rng;
    private final double hazardPerNano;
    private final long idleTimeoutNanos;
    private final List<Replica> replicas = new ArrayList<>();
    private final ArrayDeque<Ticket> waiting = new ArrayDeque<>();
    private int nextReplicaId;
    private long lastNowNanos = Long.MIN_VALUE;

    ReplicaPool(SimProfile profile, RandomGenerator rng, long createdAtNanos) {
        this.profile = Objects.requireNonNull(profile, "profile");
        this.rng = Objects.requireNonNull(rng, "rng");
        this.hazardPerNano = profile.reclaimHazardPerSecond() / 1e9;
        this.idleTimeoutNanos = profile.idleTimeout().toNanos();
        for (int i = 0; i < profile.warmReplicasAtStart(); i++) {
            replicas.add(newReplica(createdAtNanos));
        }
    }

    /** A request arrives; the returned ticket's grant is already complete unless it has to queue. */
    synchronized Ticket arrive(long nowNanos) {
        long now = monotonic(nowNanos);
        Ticket ticket = new Ticket(now, new CompletableFuture<>());
        waiting.addLast(ticket);
        dispatch(now);
        return ticket;
    }

    /** The request holding {@code grant} finished (or failed); its slot goes to the next waiter. */
    synchronized void release(Grant grant, long nowNanos) {
        long now = monotonic(nowNanos);
        for (Replica r : replicas) {
            if (r.id == grant.replicaId()) {
                r.inFlight--;
                if (r.inFlight == 0) r.idleSinceNanos = Math.max(now, r.readyAtNanos);
                break;
            }
        }
        dispatch(now);
    }

    /** Replicas alive now (ready, starting or draining); for tests and diagnostics. */
    synchronized int replicaCount() {
        return replicas.size();
    }

    // Concurrent callers read the clock before taking the lock, so "now" can arrive slightly out of order.
    private long monotonic(long nowNanos) {
        lastNowNanos = Math.max(lastNowNanos, nowNanos);
        return lastNowNanos;
    }

    private void dispatch(long now) {
        evict(now);
        while (!waiting.isEmpty()) {
            Replica replica = pickReplica(now);
            if (replica == null) return;
            replica.inFlight++;
            long batchDelay = rng.nextDouble() < profile.batchDelayProbability() ? profile.batchDelay().sampleNanos(rng) : 0;
            long warmTtft = profile.warmTtft().sampleNanos(rng);
            waiting.removeFirst().grant().complete(new Grant(replica.id, now, replica.readyAtNanos, batchDelay, warmTtft,
                    replica.inFlight - 1));
        }
    }

    private Replica pickReplica(long now) {
        Replica starting = null;
        for (Replica r : replicas) {
            if (!accepts(r, now) || r.inFlight >= profile.slotsPerReplica()) continue;
            if (r.readyAtNanos <= now) return r;
            if (starting == null) starting = r;
        }
        if (starting != null) return starting;
        if (replicas.size() < profile.maxReplicas()) {
            Replica created = newReplica(now + profile.coldStart().sampleNanos(rng));
            replicas.add(created);
            return created;
        }
        return null;
    }

    private boolean accepts(Replica r, long now) {
        if (now >= r.reclaimAtNanos) return false;
        return r.inFlight > 0 || r.readyAtNanos > now || now - r.idleSinceNanos < idleTimeoutNanos;
    }

    private void evict(long now) {
        for (Iterator<Replica> it = replicas.iterator(); it.hasNext(); ) {
            Replica r = it.next();
            if (r.inFlight == 0 && !accepts(r, now)) it.remove();
        }
    }

    private Replica newReplica(long readyAtNanos) {
        long reclaimAt = Long.MAX_VALUE;
        if (hazardPerNano > 0) {
            double at = readyAtNanos + rng.nextExponential() / hazardPerNano;
            reclaimAt = at >= 0x1p62 ? Long.MAX_VALUE : (long) at;
        }
        return new Replica(nextReplicaId++, readyAtNanos, reclaimAt);
    }
}
