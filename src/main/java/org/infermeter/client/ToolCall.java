package org.infermeter.client;

import java.util.Objects;

/**
 * A function call a model streamed natively ({@code delta.tool_calls}), assembled from its fragments.
 *
 * @param name      the function's name ("" when the stream never named it)
 * @param arguments the arguments' JSON text as streamed, not parsed: a grader judges whether it is JSON
 */
public record ToolCall(String name, String arguments) {
    public ToolCall {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(arguments, "arguments");
    }
}
