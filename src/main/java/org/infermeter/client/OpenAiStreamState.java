package org.infermeter.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import org.infermeter.sample.Exchange;
import org.infermeter.sample.TokenSource;
import org.infermeter.sample.Usage;

/**
 * Folds the events of one OpenAI-dialect chat stream into what we measure. Knows the dialect's
 * variants: {@code reasoning_content}/{@code reasoning} deltas, refusals, Mistral's content-part
 * arrays, Groq's {@code x_groq.usage}, llama.cpp's {@code timings}, Azure's empty first chunk and
 * OpenRouter's error chunks.
 *
 * <p>Fed from one thread at a time; read by the waiting thread only after the stream has ended or
 * been abandoned, under the client's lock.
 */
final class OpenAiStreamState {
    static final String DONE_MARKER = "[DONE]";
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

    private JsonNode usage;
    private JsonNode llamaTimings;

    private boolean done;
    private long doneNanos = Exchange.ABSENT;
    private String errorMessage;
    private String malformedMessage;
    private int eventCount;

    void accept(SseEvent event) {
        if (done || malformedMessage != null) return;
        eventCount++;
        String data = event.data().strip();
        if (data.equals(DONE_MARKER)) {
            done = true;
            doneNanos = event.arrivalNanos();
            return;
        }
        JsonNode chunk;
        try {
            chunk = JSON.readTree(data);
        } catch (JsonProcessingException e) {
            malformed("event " + (eventCount - 1) + " is not JSON: " + snippet(data));
            return;
        }
        if (chunk == null || !chunk.isObject()) {
            if (!event.event().equals("error")) malformed("event " + (eventCount - 1) + " is not a JSON object: " + snippet(data));
            else streamError(chunk == null ? "" : chunk.asText());
            return;
        }
        if (event.event().equals("error") || chunk.hasNonNull("error")) {
            JsonNode error = chunk.hasNonNull("error") ? chunk.get("error") : chunk;
            streamError(describeError(error));
        }
        readMetadata(chunk);
        JsonNode choices = chunk.path("choices");
        if (!choices.isArray()) return;
        boolean visible = false;
        boolean reasoning = false;
        for (JsonNode choice : choices) {
            int index = choice.path("index").asInt(0);
            DeltaText text = DeltaText.of(choice.path("delta"));
            visible |= appendTo(visibleByChoice, index, text.visible());
            reasoning |= appendTo(reasoningByChoice, index, text.reasoning());
            String finish = textOf(choice.path("finish_reason"));
            if (!finish.isEmpty()) finishReason = finish;
        }
        if (visible) addContentOffset(event.arrivalNanos());
        if (reasoning) {
            reasoningEvents++;
            if (firstReasoningNanos == Exchange.ABSENT) firstReasoningNanos = event.arrivalNanos();
        }
    }

    private void readMetadata(JsonNode chunk) {
        String model = textOf(chunk.path("model"));
        if (responseModel == null && !model.isEmpty()) responseModel = model;
        String fingerprint = textOf(chunk.path("system_fingerprint"));
        if (systemFingerprint == null && !fingerprint.isEmpty()) systemFingerprint = fingerprint;
        if (chunk.path("usage").isObject()) usage = chunk.get("usage");
        else if (chunk.path("x_groq").path("usage").isObject()) usage = chunk.get("x_groq").get("usage");
        if (chunk.path("timings").isObject()) llamaTimings = chunk.get("timings");
    }

    private static boolean appendTo(Map<Integer, StringBuilder> texts, int index, String text) {
        if (text.isEmpty()) return false;
        texts.computeIfAbsent(index, i -> new StringBuilder()).append(text);
        return true;
    }

    private static String textOf(JsonNode node) {
        return node.isTextual() ? node.asText() : "";
    }

    private void addContentOffset(long nanos) {
        if (contentEvents == contentOffsets.length) contentOffsets = Arrays.copyOf(contentOffsets, contentEvents * 2);
        contentOffsets[contentEvents++] = nanos;
    }

    private void streamError(String message) {
        if (errorMessage == null) errorMessage = message.isEmpty() ? "error event without a message" : message;
    }

    private void malformed(String message) {
        if (malformedMessage == null) malformedMessage = message;
    }

    static String describeError(JsonNode error) {
        if (error == null || error.isNull() || error.isMissingNode()) return "";
        if (!error.isObject()) return error.asText();
        String message = textOf(error.path("message"));
        StringBuilder out = new StringBuilder(message.isEmpty() ? snippet(error.toString()) : message);
        String raw = textOf(error.path("metadata").path("raw"));
        if (!raw.isEmpty()) out.append(": ").append(raw);
        JsonNode code = error.path("code");
        if (!code.isMissingNode() && !code.isNull()) out.append(" (code ").append(code.asText()).append(')');
        return out.toString();
    }

    static String snippet(String text) {
        String oneLine = text.strip().replaceAll("\\s+", " ");
        return oneLine.length() <= 200 ? oneLine : oneLine.substring(0, 200) + "...";
    }

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

    String finishReason() {
        return finishReason;
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

    /** The provider's count, else llama.cpp's timings, else a tokenizer, else the event count. */
    Usage usage() {
        if (usage != null && usage.path("completion_tokens").isIntegralNumber()) {
            return new Usage(count(usage.path("prompt_tokens")), count(usage.path("completion_tokens")),
                    count(usage.path("completion_tokens_details").path("reasoning_tokens")), TokenSource.USAGE);
        }
        if (llamaTimings != null && llamaTimings.path("predicted_n").isIntegralNumber()) {
            return new Usage(count(llamaTimings.path("prompt_n")), count(llamaTimings.path("predicted_n")),
                    Usage.UNKNOWN, TokenSource.USAGE);
        }
        String visible = joined(visibleByChoice);
        String reasoning = joined(reasoningByChoice);
        if (visible.isEmpty() && reasoning.isEmpty()) return Usage.NONE;
        try {
            int reasoningTokens = OutputTokenCounter.count(reasoning);
            // Providers' completion_tokens include reasoning; count the same way.
            return new Usage(Usage.UNKNOWN, OutputTokenCounter.count(visible) + reasoningTokens, reasoningTokens,
                    TokenSource.TOKENIZER);
        } catch (RuntimeException tokenizerUnavailable) {
            return new Usage(Usage.UNKNOWN, contentEvents + reasoningEvents, reasoningEvents, TokenSource.EVENTS);
        }
    }

    private static int count(JsonNode n) {
        return n.isIntegralNumber() && n.asInt() >= 0 ? n.asInt() : Usage.UNKNOWN;
    }

    private static String joined(Map<Integer, StringBuilder> texts) {
        StringBuilder out = new StringBuilder();
        texts.values().forEach(out::append);
        return out.toString();
    }
}
