package org.infermeter.client;

import org.infermeter.sample.Exchange;

/**
 * An exchange plus the text that produced it, for tests and diagnostics; the measurement itself
 * keeps no text.
 *
 * @param visibleText   the first choice's answer text (content and refusal)
 * @param reasoningText the first choice's reasoning text
 * @param commentCount  {@code :} comment lines (keep-alives) seen
 * @param eventCount    dispatched SSE events, {@code [DONE]} included
 * @param toolCalls     the first choice's native tool calls (decoders that assemble them; else empty)
 */
record Transcript(Exchange exchange, String visibleText, String reasoningText, long commentCount, long eventCount,
                  java.util.List<ToolCall> toolCalls) {
}
