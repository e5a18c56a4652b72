package org.infermeter.route;

import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.infermeter.client.SseEvent;

/**
 * Writes a provider's events for the client as the provider framed them ({@code event:} when named, one
 * {@code data:} line per data line, a blank line), with the provider's model name in {@code "model"} fields
 * turned back into the client's; nothing else changes, whitespace included.
 */
final class ModelNames {
    private final Pattern providerModel;
    private final String replacement;

    ModelNames(String providerModel, String clientModel) {
        this.providerModel = Pattern.compile("(\"model\"\\s*:\\s*)" + Pattern.quote(jsonString(providerModel)));
        this.replacement = "$1" + Matcher.quoteReplacement(jsonString(clientModel));
    }

    void append(StringBuilder out, SseEvent event) {
        if (!event.event().equals(SseEvent.DEFAULT_TYPE)) out.append("event: ").append(event.event()).append('\n');
        String data = providerModel.matcher(event.data()).replaceAll(replacement);
        int from = 0;
        while (true) {
            int nl = data.indexOf('\n', from);
            out.append("data: ").append(data, from, nl < 0 ? data.length() : nl).append('\n');
            if (nl < 0) break;
            from = nl + 1;
        }
        out.append('\n');
    }

    private static String jsonString(String s) {
        try {
            return ClientProtocol.JSON.writeValueAsString(s);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
