package org.infermeter.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;
import org.infermeter.sample.QualityVerdict.Verdict;
import org.junit.jupiter.api.Test;

/** The shipped set is exactly what its generator writes, and the grader tells each failure apart. */
class QualitySetTest {

    @Test
    void theShippedSetIsTheGeneratorsOutput() throws IOException {
        assertShippedAsGenerated("v1");
        QualitySet set = QualitySet.load("v1");
        assertEquals("v1", set.version());
        assertEquals(QualitySetGenerator.ITEMS, set.items().size());
        Map<String, Long> kinds = set.items().stream().collect(Collectors.groupingBy(QualityItem::kind, Collectors.counting()));
        assertEquals(Map.of("arithmetic", 100L, "exact", 100L, "tool", 100L), kinds);
        assertEquals(300, set.items().stream().map(QualityItem::id).distinct().count());
    }

    @Test
    void setV2IsItsGeneratorsOutputWithDistinctPromptsAndLeavesV1AsReleased() throws IOException {
        assertShippedAsGenerated("v2");
        QualitySet v2 = QualitySet.load("v2");
        assertEquals(QualitySetGenerator.V2_ITEMS, v2.items().size());
        assertEquals(QualitySetGenerator.V2_ITEMS, v2.items().stream().map(QualityItem::prompt).distinct().count(),
                "at temperature 0 a repeated prompt repeats its mistake: v2's items are all different");
        Map<String, Long> kinds = v2.items().stream().collect(Collectors.groupingBy(QualityItem::kind, Collectors.counting()));
        assertEquals(Map.of("arithmetic", 500L, "exact", 500L, "tool", 500L), kinds);
        assertEquals(QualitySet.load("v1").functions(), v2.functions());
        assertEquals(org.infermeter.config.QualitySpec.V2_ITEMS, QualitySetGenerator.V2_ITEMS);
    }

    private static void assertShippedAsGenerated(String version) throws IOException {
        try (InputStream in = QualitySet.class.getResourceAsStream(QualitySet.resource(version))) {
            assertEquals(QualitySetGenerator.text(version), new String(in.readAllBytes(), StandardCharsets.UTF_8),
                    "regenerate with: java -cp target/classes:... org.infermeter.quality.QualitySetGenerator " + version
                            + " src/main/resources/org/infermeter/quality/quality-" + version + ".json (a released set"
                            + " must not change)");
        }
    }

    @Test
    void gradesTextAndToolCallsAndCountsToolFailuresApart() {
        QualitySet set = QualitySet.load("v1");
        Grader grader = new Grader(set);
        QualityItem arithmetic = set.items().get(0);
        assertEquals(Verdict.CORRECT, grader.grade(arithmetic, " " + arithmetic.answer().asText() + ".\n"));
        assertEquals(Verdict.WRONG_ANSWER, grader.grade(arithmetic, arithmetic.answer().asText() + "0"));
        assertEquals(Verdict.NO_ANSWER, grader.grade(arithmetic, "  "));
        QualityItem tool = set.items().stream().filter(i -> i.answer().path("name").asText().equals("get_weather"))
                .findFirst().orElseThrow();
        String city = tool.answer().path("arguments").path("city").asText();
        String unit = tool.answer().path("arguments").path("unit").asText();
        String call = "{\"name\": \"get_weather\", \"arguments\": {\"city\": \"" + city + "\", \"unit\": \"" + unit + "\"}}";
        assertEquals(Verdict.CORRECT, grader.grade(tool, call));
        assertEquals(Verdict.CORRECT, grader.grade(tool, "```json\n" + call + "\n```"));
        assertEquals(Verdict.INVALID_JSON, grader.grade(tool, call.substring(0, 30)));
        assertEquals(Verdict.UNKNOWN_FUNCTION, grader.grade(tool, call.replace("get_weather", "weather")));
        assertEquals(Verdict.SCHEMA_MISMATCH, grader.grade(tool, call.replace("\"" + unit + "\"", "\"kelvin\"")));
        assertEquals(Verdict.SCHEMA_MISMATCH, grader.grade(tool, "{\"name\": \"get_weather\"}"));
        assertEquals(Verdict.WRONG_ANSWER, grader.grade(tool, call.replace(city, city + "x")));
        assertTrue(set.functions().containsKey("set_timer"));
    }

    @Test
    void gradesNativeCallsLikeTheirTextAndStripsTheTextInstructionsFromTheRequest() {
        QualitySet set = QualitySet.load("v1");
        Grader grader = new Grader(set);
        QualityItem tool = set.items().stream().filter(i -> i.answer().path("name").asText().equals("set_timer"))
                .findFirst().orElseThrow();
        String minutes = tool.answer().path("arguments").path("minutes").asText();
        assertEquals(Verdict.CORRECT, grader.gradeCall(tool, "set_timer", "{\"minutes\": " + minutes + "}"));
        assertEquals(Verdict.WRONG_ANSWER, grader.gradeCall(tool, "set_timer", "{\"minutes\": " + minutes + "1}"));
        assertEquals(Verdict.INVALID_JSON, grader.gradeCall(tool, "set_timer", "{\"minutes\": "));
        assertEquals(Verdict.INVALID_JSON, grader.gradeCall(tool, "set_timer", "[1]"));
        assertEquals(Verdict.UNKNOWN_FUNCTION, grader.gradeCall(tool, "set_alarm", "{\"minutes\": 5}"));
        assertEquals(Verdict.SCHEMA_MISMATCH, grader.gradeCall(tool, "set_timer", "{\"minutes\": \"5\"}"));
        assertEquals(Verdict.SCHEMA_MISMATCH, grader.gradeCall(tool, "set_timer", ""));
        assertEquals("Set a timer for " + minutes + " minutes.", tool.request());
        QualityItem arithmetic = set.items().getFirst();
        assertEquals(arithmetic.prompt(), arithmetic.request());
    }
}
