package org.infermeter.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.util.concurrent.TimeUnit;
import org.infermeter.sample.Outcome;
import org.junit.jupiter.api.Test;

class ProviderGatesTest {
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    @Test
    void repeatedFailuresOpenTheBreakerAndOnlyThatProvidersOne() {
        ProviderGates gates = ProviderGates.withDefaults();
        for (int i = 0; i < 5; i++) {
            assertTrue(gates.tryAcquire("a", 0));
            gates.failed("a", SECOND, new Outcome.HttpError(503, "overloaded", -1), 0);
        }
        assertEquals(CircuitBreaker.State.OPEN, gates.breaker("a").getState());
        assertFalse(gates.tryAcquire("a", 0), "an open breaker sends nothing");
        assertTrue(gates.tryAcquire("b", 0));
    }

    @Test
    void anOpenBreakerHalfOpensToProbeRecovery() {
        ProviderGates gates = ProviderGates.withDefaults();
        CircuitBreaker breaker = gates.breaker("a");
        breaker.transitionToOpenState();
        breaker.transitionToHalfOpenState(); // what the 10 s wait ends in
        assertTrue(gates.tryAcquire("a", 0));
        assertTrue(gates.tryAcquire("a", 0));
        assertFalse(gates.tryAcquire("a", 0), "two probes at a time");
        gates.succeeded("a", SECOND);
        gates.succeeded("a", SECOND);
        assertEquals(CircuitBreaker.State.CLOSED, breaker.getState());
    }

    @Test
    void aRateLimitSkipsTheProviderUntilItsRetryAfterWithoutChargingTheBreaker() {
        ProviderGates gates = ProviderGates.withDefaults();
        long now = 0;
        for (int i = 0; i < 10; i++, now += 3 * SECOND) {
            assertTrue(gates.tryAcquire("a", now));
            gates.failed("a", SECOND, new Outcome.HttpError(429, "slow down", 3), now);
            assertFalse(gates.tryAcquire("a", now + 3 * SECOND - 1), "skipped while its Retry-After runs");
        }
        assertEquals(CircuitBreaker.State.CLOSED, gates.breaker("a").getState(), "a rate limit is not a failure");
        assertTrue(gates.tryAcquire("a", now));
    }

    @Test
    void theHedgeBudgetIsAShareOfTheRequestsSoFar() {
        HedgeBudget budget = new HedgeBudget(10);
        int hedges = 0;
        for (int i = 0; i < 100; i++) {
            budget.countRequest();
            if (budget.tryHedge()) hedges++;
            assertTrue(hedges * 10 <= i + 1, "never above 10% at any point");
        }
        assertEquals(10, hedges);
    }
}
