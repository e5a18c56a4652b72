package org.infermeter.quality;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.infermeter.sample.QualityVerdict.Verdict;

/**
 * Grades an answer's text against its item. Text answers compare after trimming, a final period and case
 * (numbers compare as numbers); a tool call must be one JSON object (a Markdown code fence around it is
 * tolerated), name a function of the set, carry arguments that satisfy that function's JSON schema, and
 * equal the expected call.
 */
public final class Grader {
    private final Map<String, JsonSchema> schemas = new LinkedHashMap<>();

    public Grader(QualitySet set) {
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        set.functions().forEach((name, schema) -> schemas.put(name, factory.getSchema(schema)));
    }

    public Verdict grade(QualityItem item, String answerText) {
        String text = answerText == null ? "" : answerText.strip();
        if (text.isEmpty()) return Verdict.NO_ANSWER;
        if (item.kind().equals(QualityItem.TOOL)) return gradeTool(item.answer(), text);
        return normalise(text).equals(normalise(item.answer().asText())) ? Verdict.CORRECT : Verdict.WRONG_ANSWER;
    }

    /**
     * A tool item answered by a native call: graded like the JSON text {@code {"name", "arguments"}} would be,
     * so arguments that are not JSON are {@code invalid_json}, an unlisted name {@code unknown_function}.
     */
    public Verdict gradeCall(QualityItem item, String name, String argumentsJson) {
        if (!item.kind().equals(QualityItem.TOOL)) return Verdict.WRONG_ANSWER;
        JsonNode arguments;
        try {
            arguments = argumentsJson.isBlank() ? null : QualitySet.JSON.readTree(argumentsJson);
        } catch (JsonProcessingException e) {
            return Verdict.INVALID_JSON;
        }
        if (arguments != null && !arguments.isObject()) return Verdict.INVALID_JSON;
        ObjectNode call = QualitySet.JSON.createObjectNode().put("name", name);
        if (arguments != null) call.set("arguments", arguments);
        return gradeTool(item.answer(), call);
    }

    private static String normalise(String text) {
        String t = text.strip();
        if (t.endsWith(".")) t = t.substring(0, t.length() - 1).strip();
        return t.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
    }

    private Verdict gradeTool(JsonNode expected, String text) {
        String json = text;
        if (json.startsWith("```")) {
            json = json.replaceFirst("^```[a-zA-Z]*\\s*", "").replaceFirst("\\s*```\\s*$", "");
        }
        JsonNode call;
        try {
            call = QualitySet.JSON.readTree(json);
        } catch (JsonProcessingException e) {
            return Verdict.INVALID_JSON;
        }
        if (call == null || !call.isObject()) return Verdict.INVALID_JSON;
        return gradeTool(expected, call);
    }

    private Verdict gradeTool(JsonNode expected, JsonNode call) {
        JsonSchema schema = schemas.get(call.path("name").asText(""));
        if (schema == null) return Verdict.UNKNOWN_FUNCTION;
        JsonNode arguments = call.get("arguments");
        if (arguments == null || !schema.validate(arguments).isEmpty()) return Verdict.SCHEMA_MISMATCH;
        return call.path("name").equals(expected.path("name")) && sameArguments(arguments, expected.path("arguments"))
                ? Verdict.CORRECT : Verdict.WRONG_ANSWER;
    }

    /** Equal field by field; numbers by value, so 250 and 250.0 are the same amount. */
    private static boolean sameArguments(JsonNode actual, JsonNode expected) {
        if (actual.size() != expected.size()) return false;
        var names = expected.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            JsonNode a = actual.get(name);
            JsonNode e = expected.get(name);
            if (a == null) return false;
            boolean same = e.isNumber() ? a.isNumber() && a.decimalValue().compareTo(e.decimalValue()) == 0
                    : a.equals(e);
            if (!same) return false;
        }
        return true;
    }
}
