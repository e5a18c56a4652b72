package org.infermeter.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.infermeter.sample.Outcome;
import org.infermeter.testing.TestSamples;
import org.junit.jupiter.api.Test;

/** Issue 10 #12: with on_429: retry, progress counts the schedule, retried attempts apart. */
class RetryProgressTest {

    @Test
    void retriedAttemptsNeitherPushProgressPastTheScheduleNorMakeTheEtaNegative() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        ConsoleProgress progress = new ConsoleProgress(out, 1, Clock.fixed(t0.plusSeconds(30), ZoneOffset.UTC));
        progress.started(List.of(ProgressTest.A), 3, 0);
        Outcome tooMany = new Outcome.HttpError(429, "rate limited", 1);
        int retrySequence = 3;
        for (int slot = 0; slot < 3; slot++) {
            // Two 429s, each stored after the schedule's range, then the attempt that counts.
            for (int r = 0; r < 2; r++) {
                progress.recorded(TestSamples.sample(ProgressTest.A, retrySequence++, false, 0, tooMany), slot, 3);
            }
            progress.recorded(TestSamples.sample(ProgressTest.A, slot, false, 100, new Outcome.Completed("stop")),
                    slot + 1, 3);
        }
        progress.finished(false);
        String text = bytes.toString(StandardCharsets.UTF_8);
        List<String> lines = text.lines().toList();
        assertTrue(lines.stream().filter(l -> l.startsWith("[")).allMatch(l -> {
            int pct = Integer.parseInt(l.substring(1, l.indexOf('%')).trim());
            return pct >= 0 && pct <= 100;
        }), text);
        assertFalse(text.contains("eta -"), text);
        assertEquals("Done after 0m00s: 3 of 3 requests stored (and 6 rate-limited attempts retried)",
                lines.get(lines.size() - 1), text);
    }
}
