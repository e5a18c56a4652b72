package org.infermeter.quality;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A versioned set of checkable tasks, read from {@code org/infermeter/quality/quality-VERSION.json} on the
 * class path (written by {@link QualitySetGenerator}; a set's file never changes once released, a new
 * version gets a new file).
 *
 * @param functions the functions tool items may call, name -> JSON schema of their arguments
 */
public record QualitySet(String version, List<QualityItem> items, Map<String, JsonNode> functions) {
    public static final List<String> VERSIONS = List.of("v1", "v2");
    static final ObjectMapper JSON = new ObjectMapper();

    public QualitySet {
        items = List.copyOf(items);
        functions = Map.copyOf(functions);
    }

    /** The file name of a set version on the class path. */
    static String resource(String version) {
        return "quality-" + version + ".json";
    }

    /** @throws IllegalArgumentException for a version that is not shipped */
    public static QualitySet load(String version) {
        if (!VERSIONS.contains(version)) {
            throw new IllegalArgumentException("no quality set " + version + "; shipped sets: " + VERSIONS);
        }
        try (InputStream in = QualitySet.class.getResourceAsStream(resource(version))) {
            if (in == null) throw new IllegalStateException("quality set " + version + " is missing from the jar");
            return parse(JSON.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static QualitySet parse(JsonNode root) {
        List<QualityItem> items = new ArrayList<>();
        for (JsonNode item : root.path("items")) {
            items.add(new QualityItem(item.path("id").asText(), item.path("kind").asText(), item.path("prompt").asText(),
                    item.path("answer")));
        }
        Map<String, JsonNode> functions = new LinkedHashMap<>();
        root.path("functions").fields().forEachRemaining(e -> functions.put(e.getKey(), e.getValue()));
        return new QualitySet(root.path("version").asText(), items, functions);
    }

    /** The first {@code count} items: a campaign asking for fewer than the set holds takes a prefix. */
    public List<QualityItem> first(int count) {
        return items.subList(0, Math.min(count, items.size()));
    }
}
