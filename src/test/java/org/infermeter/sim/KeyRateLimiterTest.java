package org.infermeter.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class KeyRateLimiterTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void aKeyMaySendItsBurstThenItsRateAndIsToldHowLongToWait() {
        KeyRateLimiter limiter = new KeyRateLimiter(10, 3);
        for (int i = 0; i < 3; i++) assertEquals(0, limiter.acquire("k", 0), "burst request " + i);
        long wait = limiter.acquire("k", 0);
        assertEquals(SECOND / 10, wait, 1, "the next token comes 100 ms later");
        assertEquals(0, limiter.acquire("k", SECOND / 10), "after the wait it may send");
        assertEquals(0, limiter.acquire("other", 0), "limits are per key");
    }

    @Test
    void overASecondAKeyGetsItsRatePlusTheBurst() {
        KeyRateLimiter limiter = new KeyRateLimiter(10, 5);
        int granted = 0;
        for (long t = 0; t < SECOND; t += SECOND / 100) { // 100 requests/s offered
            if (limiter.acquire("k", t) == 0) granted++;
        }
        assertEquals(15, granted, 1, "10/s plus a burst of 5");
    }

    @Test
    void capacityOfASaturatingProfileIsItsSlotsOverTheTimeEachRequestHoldsOne() {
        SimProfile p = SimProfile.builder()
                .warmTtft(DurationDistribution.fixed(Duration.ofMillis(200)))
                .maxReplicas(2).slotsPerReplica(8).tokensPerSecond(50).tokenGapJitterSigma(0).build();
        // 16 slots / (0.2 s prefill + 31 gaps of 20 ms) = 16 / 0.82 s
        assertEquals(16 / 0.82, p.capacityPerSecond(32), 1e-9);
        // Decoding 3% slower per other request in the batch: at capacity every batch is full (7 others).
        SimProfile batchy = p.toBuilder().decodeSlowdownPerBusySlot(0.03).build();
        assertEquals(16 / (0.2 + 0.62 * 1.21), batchy.capacityPerSecond(32), 1e-9);
        assertEquals(1.21, batchy.decodeFactor(7), 1e-12);
        assertEquals(1.0, batchy.decodeFactor(0), 1e-12);
        double builtIn = SimFleet.saturating().capacityPerSecond(32);
        assertTrue(builtIn > 16.5 && builtIn < 17, "saturating: " + builtIn);
    }
}
