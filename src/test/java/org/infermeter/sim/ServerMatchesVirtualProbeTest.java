package org.infermeter.sim;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/** The server and its virtual-time twin share the replica model, so a probe sees the same cold-start band on both. */
@Isolated // real time at 1/100 scale: 20 ms spacing; run alone, not beside the other test classes of the fast tier
class ServerMatchesVirtualProbeTest {

    private static final double TIME_SCALE = 0.01;
    private static final Duration SPACING = Duration.ofSeconds(2);
    private static final int REQUESTS = 80;

    @Test
    void sequentialProbeSeesColdStartsInTheSameBandAsVirtualProbe() throws Exception {
        SimProfile profile = SimProfile.builder().popularity(0.1).naturalOutputTokens(8).tokensPerSecond(100)
                .build().withTargetColdRate(0.15, SPACING);
        double virtual = TtftSummary.of(VirtualProbe.run(profile, 8, 2000, SPACING)).coldShare();

        int cold = 0;
        long spacingRealNanos = (long) (SPACING.toNanos() * TIME_SCALE);
        try (SimServer server = SimServer.start("127.0.0.1", 0, Map.of("p", new SimProvider("p", profile, Map.of())), 8,
                TIME_SCALE)) {
            long t0 = System.nanoTime();
            for (int i = 0; i < REQUESTS; i++) {
                // Start-to-start pacing as a concurrency-1 probe does; a late request starts at once.
                long wait = t0 + i * spacingRealNanos - System.nanoTime();
                if (wait > 0) Thread.sleep(Duration.ofNanos(wait));
                SseClient.Result r = SseClient.post(SseClient.chatUrl(server, "p"), SseClient.body("m", null, true));
                if (Boolean.parseBoolean(r.header("x-sim-cold"))) {
                    cold++;
                    long coldMs = Long.parseLong(r.header("x-sim-cold-ms"));
                    assertTrue(r.ttftNanos() >= coldMs * 1_000_000L, "ttft before the cold start ended");
                }
            }
        }
        double served = cold / (double) REQUESTS;
        // 80 requests at ~15%: a binomial spread of a few points; the band is wide enough not to flake.
        assertTrue(virtual > 0.10 && virtual < 0.20, "virtual cold share " + virtual);
        assertTrue(served >= 0.03 && served <= 0.35, "served cold share " + served + " vs virtual " + virtual);
    }
}
