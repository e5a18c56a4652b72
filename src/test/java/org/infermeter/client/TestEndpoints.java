package org.infermeter.client;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.infermeter.sample.Protocol;

/** Endpoints and requests shared by the client tests. */
final class TestEndpoints {
    static final String API_KEY = "sk-test-SECRET-0123456789abcdef";
    static final ChatRequest HELLO = new ChatRequest("test-model", List.of(new Message("user", "Say hello")), 64, 0.0);

    private TestEndpoints() {
    }

    static Endpoint endpoint(URI baseUrl, long firstTokenMillis, long totalMillis) {
        return endpoint(baseUrl, firstTokenMillis, totalMillis, false);
    }

    static Endpoint endpoint(URI baseUrl, long firstTokenMillis, long totalMillis, boolean fresh) {
        return endpoint(baseUrl, Protocol.OPENAI, firstTokenMillis, totalMillis, fresh);
    }

    static Endpoint endpoint(URI baseUrl, Protocol protocol, long firstTokenMillis, long totalMillis, boolean fresh) {
        return new Endpoint("loopback", baseUrl, protocol, API_KEY, Map.of("X-Extra", "yes"),
                Map.of("api-version", "2024-10-21"),
                new Timeouts(Duration.ofSeconds(2), Duration.ofMillis(firstTokenMillis), Duration.ofMillis(totalMillis)),
                fresh);
    }
}
