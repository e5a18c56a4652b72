package org.infermeter.config;

import java.util.Map;
import java.util.Objects;

/**
 * A campaign file's {@code route:} section, read by {@code infermeter route}.
 *
 * @param clientKeysEnv the NAME of the environment variable holding the clients' keys (comma-separated);
 *                      null when the gateway takes no keys (it then serves loopback only)
 * @param models        the policy of each named model; other models get {@link #fallback}
 * @param fallback      the policy of models the section does not name
 */
public record RouteSpec(String clientKeysEnv, Map<String, RoutePolicy> models, RoutePolicy fallback) {
    public RouteSpec {
        models = Map.copyOf(models);
        Objects.requireNonNull(fallback, "fallback");
    }

    public RoutePolicy policy(String model) {
        return models.getOrDefault(model, fallback);
    }
}
