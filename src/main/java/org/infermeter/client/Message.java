package org.infermeter.client;

import java.util.Objects;

/** One chat message, e.g. {@code ("user", "Say hi")}. */
public record Message(String role, String content) {
    public Message {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(content, "content");
        if (role.isBlank()) throw new IllegalArgumentException("message role must not be blank, e.g. \"user\" or \"system\"");
    }
}
