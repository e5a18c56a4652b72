package org.infermeter.config;

import static org.infermeter.config.CampaignLoaderTest.MINIMAL;
import static org.infermeter.config.CampaignLoaderTest.problemsOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

class CampaignValidationTest {

    /** "line:column field" of each problem, to compare placement without the wording. */
    static List<String> places(List<Problem> problems) {
        return problems.stream().map(p -> p.line() + ":" + p.column() + " " + p.field()).toList();
    }

    static Problem only(List<Problem> problems) {
        assertEquals(1, problems.size(), () -> "expected one problem, got:\n" + problems.stream()
                .map(Problem::format).reduce("", (a, b) -> a + b + "\n"));
        return problems.getFirst();
    }

    @Test
    void everyProblemOfAFileIsReportedAtOnceWithLineColumnAndField() {
        List<Problem> problems = problemsOf("""
                name: broken
                providers:
                  - name: a
                    base_url: ftp://example.com/v1
                    models: {m1: x}
                    prices:
                      m2: {input: 1, output: 2}
                  - name: a
                    simulate: s
                    base_url: http://h/v1
                    models: {}
                prompt:
                  messages:
                    - {role: robot, content: hi}
                  temperature: 2.5
                schedule:
                  requests: 0
                  warmup: -1
                  spacing: 3x
                """);

        assertEquals(List.of(
                "4:15 providers[0].base_url",
                "7:7 providers[0].prices.m2",
                "8:11 providers[1].name",
                "9:5 providers[1].simulate",
                "11:13 providers[1].models",
                "14:14 prompt.messages[0].role",
                "15:16 prompt.temperature",
                "17:13 schedule.requests",
                "18:11 schedule.warmup",
                "19:12 schedule.spacing"), places(problems));
        var e = assertThrows(CampaignFileException.class, () -> CampaignLoaderTest.parse("a: [1"));
        assertEquals(1, e.getMessage().lines().count());
    }

    @Test
    void messagesRepeatTheBadValueAndSayWhatIsAllowed() {
        String bad = """
                name: x
                providers:
                  - name: a
                    simulate: s
                    models: {m1: x}
                prompt:
                  messages: [{role: user, content: hi}]
                schedule:
                  spacing: 3x
                """;
        assertEquals("seed.yaml:9:12: schedule.spacing: \"3x\" is not a duration; use e.g. 500ms, 3s, 2m"
                + " (units ms, s, m, h, d; or ISO-8601 like PT3S)", only(problemsOf(bad)).format());
    }

    @Test
    void unknownKeysSuggestTheClosestAllowedKeyAndListAll() {
        Problem typo = only(problemsOf(MINIMAL.replace("messages: [{role: user, content: hi}]",
                "messages: [{role: user, content: hi}]\n  temprature: 0")));
        assertEquals("prompt.temprature", typo.field());
        assertEquals("unknown key \"temprature\"; did you mean \"temperature\"? Allowed keys: messages, max_tokens,"
                + " temperature", typo.message());

        Problem camel = only(problemsOf(MINIMAL.replace("simulate: warm", "simulate: warm\n    apiKeyEnv: K")));
        assertTrue(camel.message().contains("did you mean \"api_key_env\"?"), camel.message());

        Problem far = only(problemsOf(MINIMAL + "colour: blue\n"));
        assertEquals("unknown key \"colour\"; allowed keys: name, providers, prompt, schedule, timeouts, simulator,"
                + " canary, load, route, quality",
                far.message());
    }

    @Test
    void wrongTypesNameWhatWasExpectedAndWhatCame() {
        List<Problem> problems = problemsOf("""
                name: [a, b]
                providers:
                  - name: a
                    simulate: s
                    models: [m1]
                prompt:
                  messages: {role: user}
                  max_tokens: lots
                """);
        assertEquals(List.of("1:7 name", "5:13 providers[0].models", "7:13 prompt.messages", "8:15 prompt.max_tokens"),
                places(problems));
        assertEquals("expected text, got a list", problems.get(0).message());
        assertTrue(problems.get(1).message().startsWith("expected a mapping"), problems.get(1).message());
        assertTrue(problems.get(2).message().startsWith("expected a list"), problems.get(2).message());
        assertTrue(problems.get(3).message().startsWith("expected a whole number, got \"lots\""),
                problems.get(3).message());
    }

    @Test
    void missingRequiredPartsArePlacedAtTheirParent() {
        List<Problem> problems = problemsOf("""
                providers:
                  - name: a
                    base_url: https://api.example.com/v1
                prompt:
                  messages: []
                """);
        assertEquals(List.of("1:1 name", "2:5 providers[0].models", "5:13 prompt.messages"), places(problems));
        assertTrue(problems.get(1).message().startsWith("is missing; map each model id"), problems.get(1).message());
        assertTrue(problems.get(2).message().startsWith("is empty"), problems.get(2).message());
    }

    @Test
    void aProviderNeedsExactlyOneOfBaseUrlAndSimulate() {
        Problem neither = only(problemsOf(MINIMAL.replace("simulate: warm", "protocol: openai")));
        assertEquals("providers[0]", neither.field());
        assertTrue(neither.message().startsWith("needs base_url"), neither.message());

        Problem both = only(problemsOf(MINIMAL.replace("simulate: warm", "simulate: warm\n    base_url: http://h/v1")));
        assertEquals("providers[0].simulate", both.field());
        assertTrue(both.message().contains("not both"), both.message());
    }

    @Test
    void baseUrlMustBeAnAbsoluteHttpUrlWithoutSecrets() {
        for (String url : List.of("localhost:8080/v1", "/v1/chat", "ftp://h/v1", "http//h")) {
            Problem p = only(problemsOf(MINIMAL.replace("simulate: warm", "base_url: \"" + url + "\"")));
            assertEquals("providers[0].base_url", p.field());
            assertTrue(p.message().contains("http(s)"), url + " -> " + p.message());
        }
        Problem creds = only(problemsOf(MINIMAL.replace("simulate: warm", "base_url: https://me:s3cret@h/v1")));
        assertFalse(creds.format().contains("s3cret"), creds.format());
        Problem query = only(problemsOf(MINIMAL.replace("simulate: warm", "base_url: https://h/v1?key=s3cret")));
        assertFalse(query.format().contains("s3cret"), query.format());
        assertTrue(query.message().contains("query:"), query.message());
    }

    @Test
    void credentialsAreRefusedInHeadersQueryAndApiKeyEnvWithoutEchoingThem() {
        List<Problem> problems = problemsOf(MINIMAL.replace("simulate: warm", """
                simulate: warm
                    api_key_env: sk-live-0123456789abcdef
                    headers: {Authorization: Bearer sk-live-0123456789abcdef}
                    query: {key: sk-live-0123456789abcdef}"""));
        assertEquals(List.of("5:18 providers[0].api_key_env", "6:15 providers[0].headers.Authorization",
                "7:13 providers[0].query.key"), places(problems));
        problems.forEach(p -> assertFalse(p.format().contains("0123456789"), p.format()));
    }

    @Test
    void duplicateProviderNamesPointAtTheSecondUseAndTheFirstLine() {
        Problem dup = only(problemsOf(MINIMAL.replace("prompt:", """
                  - name: sim
                    simulate: cold
                    models: {m1: vendor/m1}
                prompt:""")));
        assertEquals("6:11 providers[1].name", places(List.of(dup)).getFirst());
        assertTrue(dup.message().contains("already used on line 3"), dup.message());
    }

    @Test
    void aPriceForAnUnmappedModelSuggestsTheMappedOne() {
        Problem p = only(problemsOf(MINIMAL.replace("models: {m1: vendor/m1}",
                "models: {kimi-k2: vendor/k2}\n    prices: {kimi-k3: {input: 1, output: 2}}")));
        assertEquals("providers[0].prices.kimi-k3", p.field());
        assertTrue(p.message().contains("did you mean \"kimi-k2\"?"), p.message());
    }

    @Test
    void pricesNeedBothNonNegativeNumbers() {
        List<Problem> problems = problemsOf(MINIMAL.replace("models: {m1: vendor/m1}",
                "models: {m1: vendor/m1}\n    prices: {m1: {input: -1, outptu: 2}}"));
        assertEquals(List.of("6:18 providers[0].prices.m1.output", "6:26 providers[0].prices.m1.input",
                "6:30 providers[0].prices.m1.outptu"), places(problems));
    }

    @Test
    void rolesProtocolAndConnectionModeAreCheckedAgainstTheirKnownValues() {
        List<Problem> problems = problemsOf("""
                name: x
                providers:
                  - {name: a, simulate: s, protocol: opnai, connection: always, models: {m: m}}
                prompt:
                  messages: [{role: usr, content: hi}, {role: user}]
                """);
        assertEquals(List.of("3:38 providers[0].protocol", "3:57 providers[0].connection",
                "5:21 prompt.messages[0].role", "5:40 prompt.messages[1].content"), places(problems));
        assertTrue(problems.get(0).message().contains("did you mean \"openai\"? Known: openai"), problems.get(0).message());
        assertTrue(problems.get(1).message().endsWith("\"always\" is not a known connection mode; known: reuse, fresh"), problems.get(1).message());
        assertTrue(problems.get(2).message().contains("did you mean \"user\"?"), problems.get(2).message());
    }

    @Test
    void temperatureMustBeWithinZeroAndTwo() throws CampaignFileException {
        String base = MINIMAL.replace("messages: [{role: user, content: hi}]",
                "messages: [{role: user, content: hi}]\n  temperature: T");
        assertEquals(2.0, CampaignLoaderTest.parse(base.replace("T", "2")).prompt().temperature());
        for (String t : List.of("-0.1", "2.01", "warm")) {
            Problem p = only(problemsOf(base.replace("T", t)));
            assertEquals("prompt.temperature", p.field());
            assertTrue(p.message().contains("\"" + t + "\""), p.message());
        }
    }

    @Test
    void jitterMayNotExceedSpacingAndFirstTokenMayNotExceedTotal() {
        List<Problem> problems = problemsOf(MINIMAL + """
                schedule: {spacing: 1s, jitter: 2s}
                timeouts: {first_token: 5m, total: 1m, connect: 0s}
                """);
        assertEquals(List.of("8:33 schedule.jitter", "9:25 timeouts.first_token", "9:49 timeouts.connect"),
                places(problems));
    }

    @Test
    void yamlSyntaxErrorsAreLocatedAndEmptyFilesExplained() {
        Problem syntax = only(problemsOf("name: x\nproviders:\n  - name: a\n   bad indent: [\n"));
        assertTrue(syntax.line() >= 3 && syntax.message().startsWith("not valid YAML"), syntax.format());

        Problem empty = only(problemsOf("# nothing yet\n"));
        assertEquals("seed.yaml:1:1: the file is empty; a campaign needs at least name, providers and prompt",
                empty.format());

        Problem dupKey = only(problemsOf(MINIMAL + "name: again\n"));
        assertEquals("8:1 name", places(List.of(dupKey)).getFirst());
        assertTrue(dupKey.message().contains("already set on line 1"), dupKey.message());
    }

    @Test
    void problemFormatLeavesOutWhatItDoesNotKnow() {
        assertEquals("c.yaml: cannot be read", new Problem(Path.of("c.yaml"), 0, 0, "", "cannot be read").format());
        assertEquals("c.yaml:3:7: a.b: bad", new Problem(Path.of("c.yaml"), 3, 7, "a.b", "bad").format());
    }

    @Test
    void theCanaryKeyIsTrueOrFalseAndItsProviderNameIsReserved() {
        Problem notBool = only(problemsOf(MINIMAL + "canary: off\n"));
        assertTrue(notBool.message().contains("is not true or false"), notBool.message());
        // A simulated provider named so is also refused for its URL; the reserved name is the first word on it.
        Problem reserved = problemsOf(MINIMAL.replace("- name: sim", "- name: ~canary")).stream()
                .filter(p -> p.message().contains("InferMeter's own")).findFirst().orElseThrow();
        assertTrue(reserved.message().contains("InferMeter's own"), reserved.message());
        assertEquals(3, reserved.line());
    }
}
