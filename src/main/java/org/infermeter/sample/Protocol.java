package org.infermeter.sample;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The wire dialect an endpoint speaks; {@link #wireName()} is how campaign files name it. The one list
 * of protocols: config accepts these names, the client speaks each of them.
 */
public enum Protocol {
    /** OpenAI Chat Completions with {@code stream: true} (and the many servers that copy it). */
    OPENAI("openai"),
    /** Anthropic's Messages API ({@code /messages}, {@code x-api-key}, {@code anthropic-version}). */
    ANTHROPIC("anthropic"),
    /** OpenAI's Responses API ({@code /responses}, typed {@code response.*} events). */
    OPENAI_RESPONSES("openai-responses"),
    /** Google's native {@code models/{model}:streamGenerateContent?alt=sse}. */
    GEMINI("gemini"),
    /** Hugging Face TGI's native {@code /generate_stream} (raw prompt, no chat template). */
    TGI("tgi");

    private final String wireName;

    Protocol(String wireName) {
        this.wireName = wireName;
    }

    /** The name used in campaign files, e.g. {@code openai-responses}. */
    public String wireName() {
        return wireName;
    }

    /**
     * Parses a protocol name case-insensitively ({@code "openai"}, {@code "openai-responses"}; an
     * underscore is read as a dash).
     *
     * @throws IllegalArgumentException naming the bad value and the known ones
     */
    public static Protocol parse(String s) {
        if (s != null) {
            String wanted = s.strip().toLowerCase(Locale.ROOT).replace('_', '-');
            for (Protocol p : values()) {
                if (p.wireName.equals(wanted)) return p;
            }
        }
        throw new IllegalArgumentException("Unknown protocol \"" + s + "\". Known protocols: " + wireNames());
    }

    /** Every wire name, in declaration order. */
    public static List<String> knownWireNames() {
        return Arrays.stream(values()).map(Protocol::wireName).toList();
    }

    /** Every wire name, comma-separated, for messages. */
    public static String wireNames() {
        return Arrays.stream(values()).map(Protocol::wireName).collect(Collectors.joining(", "));
    }
}
