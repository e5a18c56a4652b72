package org.infermeter.config;

import java.util.Objects;
import java.util.List;

/** One chat message of the prompt. */
public record MessageSpec(String role, String content) {
    public static final List<String> ROLES = List.of("system", "user", "assistant");

    public MessageSpec {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(content, "content");
        if (!ROLES.contains(role)) {
            throw new IllegalArgumentException("role \"" + role + "\" is not one of system, user, assistant");
        }
    }
}
