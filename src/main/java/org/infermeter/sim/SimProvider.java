package org.infermeter.sim;

import java.util.Map;
import java.util.Objects;

/**
 * One simulated provider: a profile per model name it serves, and a default for any other name.
 *
 * @param name           display name, e.g. {@code seed-a}
 * @param defaultProfile served for every model not in {@code byModel}
 * @param byModel        profiles keyed by the provider's exact model name
 */
public record SimProvider(String name, SimProfile defaultProfile, Map<String, SimProfile> byModel) {
    public SimProvider {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(defaultProfile, "defaultProfile");
        if (name.isBlank()) throw new IllegalArgumentException("provider name must not be blank");
        byModel = byModel == null ? Map.of() : Map.copyOf(byModel);
    }

    /** The profile for this exact model name, else the default. */
    public SimProfile profileFor(String requestedModel) {
        return byModel.getOrDefault(Objects.requireNonNull(requestedModel, "requestedModel"), defaultProfile);
    }
}
