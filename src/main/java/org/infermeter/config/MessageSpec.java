package org.infermeter.config;

import java.util.Objects;
import java.util.Set;

/** One chat message of the prompt. */
public record MessageSpec(String role, String content) {
    public static final Set<String> ROLES = Set.of("system", "user", "assistant");

    public MessageSpec {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(content, "content");
        if (!ROLES.contains(role)) {
            throw new IllegalArgumentException("role \"" + role + "\" is not one of system, user, assistant");
        }
    }
}
