package org.infermeter.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * A function offered to the model in the request's {@code tools} array.
 *
 * @param name       the function's name
 * @param parameters the JSON schema of its arguments
 */
public record ToolSpec(String name, JsonNode parameters) {
    public ToolSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(parameters, "parameters");
    }
}
