package org.infermeter.bench;

import java.lang.management.ClassLoadingMXBean;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.infermeter.client.ChatRequest;
import org.infermeter.client.Endpoint;
import org.infermeter.client.Message;
import org.infermeter.client.StreamingClient;
import org.infermeter.client.Timeouts;
import org.infermeter.sample.Canary;
import org.infermeter.sample.Exchange;
import org.infermeter.sample.Protocol;

/**
 * A fresh JVM's first requests against a server that stamps its own first token (another
 * process's canary server at {@code PORT}): how much of the client's own start-up the first
 * measured request carries. Prints {@code first_error_ms=... later_median_error_ms=...}.
 * Usage: {@code FirstRequestMain PORT [requests=10]}.
 */
public final class FirstRequestMain {
    private FirstRequestMain() { }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int requests = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        long created = System.nanoTime();
        Endpoint endpoint = new Endpoint("first", URI.create("http://127.0.0.1:" + port + "/v1"), Protocol.OPENAI, null,
                Map.of(), Map.of("first_token_ms", "20", "tokens", "3", "gap_ms", "5"),
                new Timeouts(Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(20)), false);
        StreamingClient client = new StreamingClient(endpoint);
        long startupNanos = System.nanoTime() - created;
        ChatRequest request = new ChatRequest("first", List.of(new Message("user", "hi")), 8, 0);
        long[] errors = new long[requests];
        long firstTtfb = 0;
        ClassLoadingMXBean classes = ManagementFactory.getClassLoadingMXBean();
        long classesLoadedDuringFirst = 0;
        for (int i = 0; i < requests; i++) {
            long classesBefore = classes.getTotalLoadedClassCount();
            Exchange x = client.send(request);
            if (i == 0) classesLoadedDuringFirst = classes.getTotalLoadedClassCount() - classesBefore;
            errors[i] = Canary.harnessErrorNanos(x).orElseThrow(() -> new IllegalStateException("no server stamp: " + x));
            if (i == 0) firstTtfb = x.ttfbNanos();
        }
        String newConnection = "";
        if (args.length > 2) {
            // A warm client's first request over a new connection to another server: what connecting costs.
            Endpoint other = new Endpoint("other", URI.create("http://127.0.0.1:" + args[2] + "/v1"), Protocol.OPENAI, null,
                    Map.of(), endpoint.queryParams(), endpoint.timeouts(), false);
            Exchange x = new StreamingClient(other).send(request);
            newConnection = String.format(Locale.ROOT, " new_connection_error_ms=%.2f",
                    Canary.harnessErrorNanos(x).orElseThrow() / 1e6);
        }
        long[] later = Arrays.copyOfRange(errors, 1, requests);
        Arrays.sort(later);
        System.out.printf(Locale.ROOT, "first_error_ms=%.2f later_median_error_ms=%.2f first_ttfb_ms=%.2f client_startup_ms=%.0f classes_loaded_during_first=%d%s%n",
                errors[0] / 1e6, later.length == 0 ? 0 : later[later.length / 2] / 1e6, firstTtfb / 1e6, startupNanos / 1e6, classesLoadedDuringFirst, newConnection);
    }
}
