package org.infermeter.client;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.util.Objects;

/**
 * Opens {@link Relay}s to one provider for a gateway: the caller's own request body (already in the
 * provider's protocol, with the provider's model name) goes out with the endpoint's key and headers,
 * over the process's shared {@link Transport}. Cheap and thread-safe, like {@link StreamingClient}.
 */
public final class RelayClient {
    private final Endpoint endpoint;
    private final StreamingClient rules;
    private final HttpClient http;

    public RelayClient(Endpoint endpoint) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.rules = new StreamingClient(endpoint);
        this.http = Transport.shared(endpoint.insecureSkipTlsVerify(), endpoint.timeouts().connect(),
                StreamingClient.TrustEverything.CONTEXT);
    }

    public Endpoint endpoint() {
        return endpoint;
    }

    /** Sends {@code body} for {@code providerModel} and returns at once; read the answer from the relay. */
    public Relay open(byte[] body, String providerModel) {
        HttpRequest request = rules.requestBuilder(endpoint.requestUri(providerModel))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        Relay relay = new Relay(rules, StreamDecoder.of(endpoint.protocol()));
        relay.start(http, request);
        return relay;
    }
}
