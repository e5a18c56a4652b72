package org.infermeter.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.infermeter.sample.Price;
import org.infermeter.sample.Protocol;

/**
 * One inference provider of a campaign: either a real endpoint ({@code baseUrl}) or a built-in
 * simulator profile ({@code simulate}), never both. Maps keep the file's order and cannot be changed.
 *
 * @param name            unique within the campaign
 * @param baseUrl         absolute http(s) URL without trailing slash, query or credentials; null when simulated
 * @param simulate        simulator profile name (checked by the caller); null when {@code baseUrl} is set
 * @param protocol        wire protocol
 * @param apiKeyEnv       the NAME of the environment variable that holds the key, or null; never the key
 * @param models          our model id -> the provider's model name
 * @param prices          our model id -> price; only ids present in {@code models}
 * @param headers         extra request headers
 * @param query           extra query parameters (e.g. Azure {@code api-version})
 * @param freshConnection open a new connection per request instead of reusing one
 * @param insecureSkipTlsVerify accept any TLS certificate (self-signed test rigs only; warned about loudly)
 */
public record ProviderSpec(String name, String baseUrl, String simulate, Protocol protocol, String apiKeyEnv,
                           Map<String, String> models, Map<String, Price> prices, Map<String, String> headers,
                           Map<String, String> query, boolean freshConnection, boolean insecureSkipTlsVerify) {

    public ProviderSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(protocol, "protocol");
        if (name.isBlank()) throw new IllegalArgumentException("provider name must not be blank");
        if ((baseUrl == null) == (simulate == null)) {
            throw new IllegalArgumentException("provider \"" + name + "\" needs exactly one of baseUrl or simulate");
        }
        models = frozen(models);
        prices = frozen(prices);
        headers = frozen(headers);
        query = frozen(query);
        if (models.isEmpty()) throw new IllegalArgumentException("provider \"" + name + "\" maps no models");
        for (String model : prices.keySet()) {
            if (!models.containsKey(model)) {
                throw new IllegalArgumentException("provider \"" + name + "\" prices model \"" + model
                        + "\" that it does not map; mapped: " + models.keySet());
            }
        }
    }

    /** A provider that verifies TLS certificates, as every provider should. */
    public ProviderSpec(String name, String baseUrl, String simulate, Protocol protocol, String apiKeyEnv,
                        Map<String, String> models, Map<String, Price> prices, Map<String, String> headers,
                        Map<String, String> query, boolean freshConnection) {
        this(name, baseUrl, simulate, protocol, apiKeyEnv, models, prices, headers, query, freshConnection, false);
    }

    public boolean simulated() {
        return simulate != null;
    }

    /** The provider's own name for one of our model ids, or null when it does not serve it. */
    public String providerModel(String modelId) {
        return models.get(modelId);
    }

    private static <V> Map<String, V> frozen(Map<String, V> map) {
        return map == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
