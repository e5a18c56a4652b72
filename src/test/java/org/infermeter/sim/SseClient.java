package org.infermeter.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Test helper: a minimal streaming chat client over java.net.http that records each event's arrival. */
final class SseClient {
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();

    /** What came back: status, headers, every {@code data:} payload in order, and time to the first content event. */
    record Result(HttpResponse<?> response, List<String> data, long ttftNanos, boolean cut) {
        int status() {
            return response.statusCode();
        }

        String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }

        List<JsonNode> json() {
            List<JsonNode> nodes = new ArrayList<>();
            for (String d : data) {
                if (d.equals("[DONE]")) continue;
                try {
                    nodes.add(JSON.readTree(d));
                } catch (IOException e) {
                    throw new AssertionError("not JSON: " + d, e);
                }
            }
            return nodes;
        }

        String content() {
            StringBuilder sb = new StringBuilder();
            for (JsonNode n : json()) {
                for (JsonNode c : n.path("choices")) sb.append(c.path("delta").path("content").asText(""));
            }
            return sb.toString();
        }
    }

    static String body(String model, Integer maxTokens, boolean stream) {
        var root = JSON.createObjectNode().put("model", model).put("temperature", 0).put("stream", stream);
        root.putArray("messages").addObject().put("role", "user").put("content", "Say hello in five words");
        if (maxTokens != null) root.put("max_tokens", maxTokens);
        root.putObject("stream_options").put("include_usage", true);
        return root.toString();
    }

    static Result post(URI url, String body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(url).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        long start = System.nanoTime();
        HttpResponse<InputStream> response = HTTP.send(request, HttpResponse.BodyHandlers.ofInputStream());
        List<String> data = new ArrayList<>();
        long ttft = -1;
        boolean cut = false;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.startsWith("data: ")) {
                    if (!line.isEmpty() && !response.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream")) {
                        data.add(line); // a plain JSON body
                    }
                    continue;
                }
                String payload = line.substring(6);
                if (ttft < 0 && payload.contains("\"content\":\"") && !payload.contains("\"content\":\"\"")) {
                    ttft = System.nanoTime() - start;
                }
                data.add(payload);
            }
        } catch (IOException e) {
            cut = true;
        }
        return new Result(response, data, ttft, cut);
    }

    static URI chatUrl(SimServer server, String prefix) {
        return URI.create(server.baseUrl(prefix) + "/chat/completions");
    }

    private SseClient() {
    }
}
