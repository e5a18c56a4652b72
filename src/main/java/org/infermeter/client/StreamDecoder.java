package org.infermeter.client;

import org.infermeter.sample.Protocol;

/**
 * Reads one dialect's events into a {@link StreamTally}. A decoder never throws for what a server
 * sent: a bad event is recorded as malformed, an error event as a stream error, and everything
 * after the dialect's end marker is ignored. One decoder per stream; not thread-safe.
 */
abstract sealed class StreamDecoder
        permits OpenAiChatDecoder, AnthropicDecoder, OpenAiResponsesDecoder, GeminiDecoder, TgiDecoder {

    /** Every dialect records into the same tally, so the first-token rule is the same everywhere. */
    protected final StreamTally tally = new StreamTally();

    abstract void accept(SseEvent event);

    final StreamTally tally() {
        return tally;
    }

    static StreamDecoder of(Protocol protocol) {
        return switch (protocol) {
            case OPENAI -> new OpenAiChatDecoder();
            case ANTHROPIC -> new AnthropicDecoder();
            case OPENAI_RESPONSES -> new OpenAiResponsesDecoder();
            case GEMINI -> new GeminiDecoder();
            case TGI -> new TgiDecoder();
        };
    }
}
