package org.infermeter.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The replica rules, driven by an explicit virtual clock. */
class ReplicaPoolTest {

    private static final long S = 1_000_000_000L;

    private static SimProfile.Builder fixedTimes() {
        return SimProfile.builder()
                .warmTtft(DurationDistribution.fixed(Duration.ofMillis(100)))
                .coldStart(DurationDistribution.fixed(Duration.ofSeconds(5)))
                .idleTimeout(Duration.ofSeconds(30));
    }

    private static ReplicaPool pool(SimProfile profile) {
        return new ReplicaPool(profile, new SplittableRandom(1), 0);
    }

    @Test
    void warmReplicaServesAtOnceAndIdleTimeoutReleasesIt() {
        ReplicaPool pool = pool(fixedTimes().build());
        ReplicaPool.Grant warm = pool.arrive(0).grant().join();
        assertFalse(warm.cold());
        assertEquals(S / 10, warm.firstTokenAtNanos());
        pool.release(warm, 1 * S);

        ReplicaPool.Grant stillWarm = pool.arrive(30 * S).grant().join();
        assertFalse(stillWarm.cold(), "idle for 29 s < 30 s timeout");
        pool.release(stillWarm, 31 * S);

        ReplicaPool.Grant cold = pool.arrive(61 * S).grant().join();
        assertTrue(cold.cold(), "idle for 30 s: released");
        assertEquals(5 * S, cold.coldStartNanos());
        assertEquals(66 * S + S / 10, cold.firstTokenAtNanos());
    }

    @Test
    void fullPoolQueuesFifoAndHandsFreedSlotsInOrder() {
        ReplicaPool pool = pool(fixedTimes().maxReplicas(1).slotsPerReplica(1).build());
        ReplicaPool.Ticket a = pool.arrive(0);
        ReplicaPool.Ticket b = pool.arrive(1 * S);
        ReplicaPool.Ticket c = pool.arrive(2 * S);
        assertTrue(a.grant().isDone());
        assertNull(b.grant().getNow(null));
        assertNull(c.grant().getNow(null));

        pool.release(a.grant().join(), 10 * S);
        assertEquals(9 * S, b.queueNanos(), "b waited from 1 s to 10 s");
        assertNull(c.grant().getNow(null), "c is still behind b");
        pool.release(b.grant().join(), 12 * S);
        assertEquals(10 * S, c.queueNanos());
    }

    @Test
    void busyReplicasTriggerAScaleUpColdStartBelowMaxReplicas() {
        ReplicaPool pool = pool(fixedTimes().maxReplicas(2).slotsPerReplica(1).build());
        ReplicaPool.Grant first = pool.arrive(0).grant().join();
        ReplicaPool.Grant second = pool.arrive(0).grant().join();
        assertFalse(first.cold());
        assertTrue(second.cold());
        assertEquals(5 * S, second.coldStartNanos());
        assertEquals(2, pool.replicaCount());
    }

    @Test
    void requestsArrivingDuringAColdStartJoinTheStartingReplica() {
        ReplicaPool pool = pool(fixedTimes().warmReplicasAtStart(0).maxReplicas(2).slotsPerReplica(4).build());
        ReplicaPool.Grant first = pool.arrive(0).grant().join();
        ReplicaPool.Grant second = pool.arrive(2 * S).grant().join();
        assertEquals(first.replicaId(), second.replicaId());
        assertEquals(3 * S, second.coldStartNanos(), "pays only the rest of the cold start");
        assertEquals(1, pool.replicaCount());
    }

    @Test
    void reclaimedReplicaFinishesItsRequestThenIsGone() {
        // A huge hazard reclaims the warm replica almost at once, even while busy.
        ReplicaPool pool = pool(fixedTimes().reclaimPerSecond(1000).build());
        ReplicaPool.Grant busy = pool.arrive(0).grant().join();
        ReplicaPool.Grant next = pool.arrive(1 * S).grant().join();
        assertTrue(next.cold(), "a reclaimed replica takes no new work");
        assertFalse(busy.replicaId() == next.replicaId());
        pool.release(busy, 2 * S);
        assertEquals(1, pool.replicaCount(), "the drained replica is removed once its request ends");
    }

    @Test
    void batchDelayAddsQueueingButNoColdStart() {
        ReplicaPool pool = pool(fixedTimes().batchDelayProbability(1.0)
                .batchDelay(DurationDistribution.fixed(Duration.ofMillis(400))).build());
        ReplicaPool.Grant g = pool.arrive(0).grant().join();
        assertFalse(g.cold());
        assertEquals(400_000_000L, g.batchDelayNanos());
        assertEquals(500_000_000L, g.firstTokenAtNanos());
    }
}
