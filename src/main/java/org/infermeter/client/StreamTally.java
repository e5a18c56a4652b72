package org.infermeter.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.infermeter.sample.Exchange;
import org.infermeter.sample.TokenSource;
import org.infermeter.sample.Usage;

/**
 * What a {@link StreamDecoder} found in one stream, in dialect-neutral terms: when text arrived,
 * which text, the provider's usage and finish reason, and whether the stream ended, failed or was
 * malformed. Every dialect keeps the same books, so the first-token rule is the same everywhere:
 * the first event that carried non-empty visible text.
 *
 * <p>Fed from one thread at a time; read by the waiting thread only after the stream has ended or
 * been abandoned.
 */
final class StreamTally {
    private static final ObjectMapper JSON = new ObjectMapper();

    private long firstReasoningNanos = Exchange.ABSENT;
    private long[] contentOffsets = new long[64];
    private int contentEvents;
    private int reasoningEvents;
    private final Map<Integer, StringBuilder> visibleByChoice = new TreeMap<>();
    private final Map<Integer, StringBuilder> reasoningByChoice = new TreeMap<>();

    private String responseModel;
    private String systemFingerprint;
    private String finishReason;
    private boolean toolCall;
    /** The first choice's native tool calls by their index: {name, arguments} assembled from the fragments. */
    private final Map<Integer, StringBuilder[]> toolCallsByIndex = new TreeMap<>();
    private Usage providerUsage;

    private boolean done;
    private long doneNanos = Exchange.ABSENT;
    private String errorMessage;
    private String malformedMessage;
    private int eventCount;

    // ---- written by decoders ----

    /** Counts the event and says whether it should be decoded: not after the end or a malformed event. */
    boolean begin(SseEvent event) {
        if (done || malformedMessage != null) return false;
        eventCount++;
        return true;
    }

    /** The event's data as a JSON object, or null after recording why it is malformed. */
    JsonNode jsonObject(SseEvent event) {
        String data = event.data().strip();
        JsonNode node;
        try {
            node = JSON.readTree(data);
        } catch (JsonProcessingException e) {
            malformed("event " + (eventCount - 1) + " is not JSON: " + snippet(data));
            return null;
        }
        if (node == null || !node.isObject()) {
            malformed("event " + (eventCount - 1) + " is not a JSON object: " + snippet(data));
            return null;
        }
        return node;
    }

    boolean appendVisible(int choice, String text) {
        return append(visibleByChoice, choice, text);
    }

    boolean appendReasoning(int choice, String text) {
        return append(reasoningByChoice, choice, text);
    }

    /** Stamps one event's arrival after its text was appended, for every choice at once. */
    void stamp(long arrivalNanos, boolean visible, boolean reasoning) {
        if (visible) {
            if (contentEvents == contentOffsets.length) contentOffsets = Arrays.copyOf(contentOffsets, contentEvents * 2);
            contentOffsets[contentEvents++] = arrivalNanos;
        }
        if (reasoning) {
            reasoningEvents++;
            if (firstReasoningNanos == Exchange.ABSENT) firstReasoningNanos = arrivalNanos;
        }
    }

    /** One event's text for a single-choice dialect. */
    void text(long arrivalNanos, String visible, String reasoning) {
        stamp(arrivalNanos, appendVisible(0, visible), appendReasoning(0, reasoning));
    }

    void model(String model) {
        if (responseModel == null && model != null && !model.isEmpty()) responseModel = model;
    }

    void systemFingerprint(String fingerprint) {
        if (systemFingerprint == null && fingerprint != null && !fingerprint.isEmpty()) systemFingerprint = fingerprint;
    }

    void finishReason(String reason) {
        if (reason != null && !reason.isEmpty()) finishReason = reason;
    }

    void toolCall() {
        toolCall = true;
    }

    /**
     * A fragment of a native tool call of choice 0: the name comes once (some servers repeat it whole), the
     * arguments' JSON text in pieces to be concatenated.
     */
    void toolCallFragment(int choice, int index, String name, String arguments) {
        toolCall = true;
        if (choice != 0) return;
        StringBuilder[] call = toolCallsByIndex.computeIfAbsent(index,
                i -> new StringBuilder[] {new StringBuilder(), new StringBuilder()});
        if (name != null && !name.isEmpty() && !call[0].toString().equals(name)) call[0].append(name);
        if (arguments != null) call[1].append(arguments);
    }

    /** The first choice's native tool calls in index order. */
    List<ToolCall> toolCalls() {
        return toolCallsByIndex.values().stream().map(c -> new ToolCall(c[0].toString(), c[1].toString())).toList();
    }

    /** The provider's own count; a later block replaces an earlier one (they grow as the stream goes). */
    void providerUsage(Usage usage) {
        providerUsage = usage;
    }

    void done(long arrivalNanos) {
        done = true;
        doneNanos = arrivalNanos;
    }

    void streamError(String message) {
        if (errorMessage == null) errorMessage = message == null || message.isEmpty() ? "error event without a message" : message;
    }

    void malformed(String message) {
        if (malformedMessage == null) malformedMessage = message;
    }

    int eventIndex() {
        return eventCount - 1;
    }

    // ---- read by the client ----

    boolean done() {
        return done;
    }

    long doneNanos() {
        return doneNanos;
    }

    boolean hasFirstToken() {
        return contentEvents > 0;
    }

    String errorMessage() {
        return errorMessage;
    }

    String malformedMessage() {
        return malformedMessage;
    }

    /**
     * The provider's finish reason; when the answer was only a tool call and the provider's reason
     * does not say so (Gemini says STOP, the Responses API says nothing), {@code tool_calls}, so a
     * sample without a TTFT explains itself.
     */
    String finishReason() {
        if (toolCall && contentEvents == 0) {
            String r = finishReason == null ? "" : finishReason.toLowerCase(Locale.ROOT);
            if (!r.contains("tool") && !r.contains("function")) return "tool_calls";
        }
        return finishReason;
    }

    boolean sawToolCall() {
        return toolCall;
    }

    String responseModel() {
        return responseModel;
    }

    String systemFingerprint() {
        return systemFingerprint;
    }

    long firstReasoningNanos() {
        return firstReasoningNanos;
    }

    long[] contentOffsets() {
        return Arrays.copyOf(contentOffsets, contentEvents);
    }

    /** The visible text of the first choice (content plus refusal). */
    String visibleText() {
        return visibleByChoice.values().stream().findFirst().map(StringBuilder::toString).orElse("");
    }

    String reasoningText() {
        return reasoningByChoice.values().stream().findFirst().map(StringBuilder::toString).orElse("");
    }

    /** The provider's count, else a tokenizer over every choice's text, else the event count. */
    Usage usage() {
        if (providerUsage != null) return providerUsage;
        String visible = joined(visibleByChoice);
        String reasoning = joined(reasoningByChoice);
        if (visible.isEmpty() && reasoning.isEmpty()) return Usage.NONE;
        try {
            int reasoningTokens = OutputTokenCounter.count(reasoning);
            // Providers' output counts include reasoning; count the same way.
            return new Usage(Usage.UNKNOWN, OutputTokenCounter.count(visible) + reasoningTokens, reasoningTokens,
                    TokenSource.TOKENIZER);
        } catch (RuntimeException tokenizerUnavailable) {
            return new Usage(Usage.UNKNOWN, contentEvents + reasoningEvents, reasoningEvents, TokenSource.EVENTS);
        }
    }

    // ---- helpers shared by the decoders ----

    static String textOf(JsonNode node) {
        return node != null && node.isTextual() ? node.asText() : "";
    }

    /** A non-negative whole count, or {@link Usage#UNKNOWN}. */
    static int count(JsonNode n) {
        return n != null && n.isIntegralNumber() && n.asInt() >= 0 ? n.asInt() : Usage.UNKNOWN;
    }

    static String snippet(String text) {
        String oneLine = text.strip().replaceAll("\\s+", " ");
        return oneLine.length() <= 200 ? oneLine : oneLine.substring(0, 200) + "...";
    }

    private static boolean append(Map<Integer, StringBuilder> texts, int choice, String text) {
        if (text == null || text.isEmpty()) return false;
        texts.computeIfAbsent(choice, i -> new StringBuilder()).append(text);
        return true;
    }

    private static String joined(Map<Integer, StringBuilder> texts) {
        StringBuilder out = new StringBuilder();
        texts.values().forEach(out::append);
        return out.toString();
    }
}
