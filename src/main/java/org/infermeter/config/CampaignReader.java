package org.infermeter.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.infermeter.config.YamlValues.Mapping;
import org.infermeter.sample.CredentialNames;
import org.infermeter.sample.Price;

import org.infermeter.sample.Protocol;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;

/**
 * Turns the composed YAML tree of a campaign file into a {@link CampaignSpec}, recording every
 * problem on the way. Records are built only from parts that read cleanly; the result is null
 * whenever any problem was recorded.
 */
final class CampaignReader {
    static final List<String> TOP_KEYS = List.of("name", "providers", "prompt", "schedule", "timeouts", "simulator",
            "canary", "load", "route", "quality");
    static final List<String> QUALITY_KEYS = List.of("set", "items", "tool_calls");
    static final List<String> PROVIDER_KEYS = List.of("name", "base_url", "simulate", "protocol", "api_key_env",
            "models", "prices", "headers", "query", "connection", "insecure_skip_tls_verify");
    static final List<String> PRICE_KEYS = List.of("input", "output");
    static final List<String> PROMPT_KEYS = List.of("messages", "max_tokens", "temperature");
    static final List<String> MESSAGE_KEYS = List.of("role", "content");
    static final List<String> SCHEDULE_KEYS = List.of("requests", "warmup", "spacing", "jitter", "spread", "until", "on_429",
            "max_retries", "max_retry_wait", "windows", "kind", "idle_gaps", "repeats");
    static final List<String> SCHEDULE_KINDS = List.of("probe", "warmth");
    /** The ordinary probe's pacing keys, which a warmth probe replaces with its idle gaps. */
    static final List<String> PROBE_ONLY_KEYS = List.of("requests", "warmup", "spacing", "jitter", "spread", "until",
            "on_429", "max_retries", "max_retry_wait");
    static final List<String> ON_429 = List.of("continue", "retry");
    static final List<String> TIMEOUT_KEYS = List.of("connect", "first_token", "total");
    static final List<String> SIMULATOR_KEYS = List.of("seed", "time_scale");
    static final List<String> LOAD_KEYS = List.of("arrival", "burstiness", "rates", "concurrency", "max_concurrency",
            "step_duration", "warmup", "cooldown", "repeats", "slo", "search", "max_rate", "max_concurrency_search",
            "precision");
    static final List<String> ARRIVALS = List.of("constant", "poisson", "gamma");
    static final List<String> LOAD_SLO_KEYS = List.of("ttft_median", "ttft_p95", "ttft_p99", "itl_p95", "error_rate");
    static final List<String> CONNECTION_MODES = List.of("reuse", "fresh");
    static final List<String> ROLES = MessageSpec.ROLES;

    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    /** The simulator's rule for the path prefix it serves a provider under ({@code sim.SimServer}); a test keeps them equal. */
    static final Pattern SIMULATED_NAME = Pattern.compile("[A-Za-z0-9._-]+");
    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    private final YamlValues values;
    private final Problems problems;
    /** Where each value read so far was written: kept in the spec for checks made when a run starts. */
    private final Map<String, SourceMarks.Position> marks = new HashMap<>();

    /** The run's environment, clock and simulator profiles, checked in the same pass; null when only reading. */
    private final RunPreflight.Context run;

    CampaignReader(Problems problems, RunPreflight.Context run) {
        this.problems = problems;
        this.run = run;
        this.values = new YamlValues(problems);
    }

    CampaignSpec read(Node root, String sourceText) {
        Mapping top = values.mapping(root, "", TOP_KEYS);
        if (top == null) return null;
        String name = required(top, "name", "give the campaign a name, e.g. name: seed-study",
                n -> values.nonBlankText(n, "name", "give the campaign a name, e.g. name: seed-study"));
        List<ProviderSpec> providers = providers(top);
        PromptSpec prompt = required(top, "prompt", "add a prompt with at least one message", this::prompt);
        ScheduleSpec schedule = optional(top, "schedule", ScheduleSpec.DEFAULTS, this::schedule);
        TimeoutSpec timeouts = optional(top, "timeouts", TimeoutSpec.DEFAULTS, this::timeouts);
        SimulatorSpec simulator = optional(top, "simulator", SimulatorSpec.DEFAULTS, this::simulator);
        Boolean canary = optional(top, "canary", Boolean.TRUE, n -> values.bool(n, "canary"));
        LoadSpec load = optional(top, "load", null, this::load);
        RouteSpec route = optional(top, "route", null, n -> new RouteReader(values, providers,
                timeouts == null ? TimeoutSpec.DEFAULTS.firstToken() : timeouts.firstToken(), this::percent).read(n));
        QualitySpec quality = optional(top, "quality", null, this::quality);
        if (quality != null && schedule != null && schedule.warmth() != null) {
            problems.add(top.keyNode("quality"), "quality", "a warmth probe sends the latency prompt after idle gaps;"
                    + " run the quality probe in a campaign of its own (remove quality or schedule.kind: warmth)");
        }
        Node requestsKey = quality == null ? null : scheduleKey(top, "requests");
        if (requestsKey != null) {
            problems.add(requestsKey, "schedule.requests", "with a quality section each cell answers quality.items"
                    + " items, one per measured request; remove schedule.requests and set quality.items instead");
        }
        if (problems.count() > 0) return null;
        return build(root, "", () -> new CampaignSpec(name, problems.file(), sourceText, providers, prompt,
                schedule, timeouts, simulator, load, canary, new SourceMarks(marks), route, quality));
    }

    // ---- providers ----

    private List<ProviderSpec> providers(Mapping top) {
        String hint = "list at least one provider, each with a name, base_url or simulate, and models";
        List<Node> items = required(top, "providers", hint, n -> values.list(n, "providers"));
        if (items == null) return null;
        if (items.isEmpty()) {
            problems.add(top.value("providers"), "providers", "is empty; " + hint);
            return null;
        }
        List<ProviderSpec> providers = new ArrayList<>();
        Map<String, Node> firstUseOfName = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            ProviderSpec p = provider(items.get(i), "providers[" + i + "]", firstUseOfName);
            if (p != null) providers.add(p);
        }
        return providers;
    }

    private ProviderSpec provider(Node node, String path, Map<String, Node> firstUseOfName) {
        int before = problems.count();
        Mapping m = values.mapping(node, path, PROVIDER_KEYS);
        if (m == null) return null;
        String name = required(m, "name", "name the provider, e.g. name: provider-a",
                n -> values.nonBlankText(n, m.childPath("name"), "name the provider, e.g. name: provider-a"));
        if (name != null && name.startsWith("~")) {
            problems.add(m.value("name"), m.childPath("name"), "provider names starting with \"~\" are InferMeter's own"
                    + " (the canary cell is \"~canary\"); choose another name");
        } else if (name != null) {
            Node first = firstUseOfName.putIfAbsent(name, m.value("name"));
            if (first != null) {
                problems.add(m.value("name"), m.childPath("name"), "duplicate provider name " + Durations.quote(name)
                        + ", already used on line " + (first.getStartMark().getLine() + 1) + "; provider names must be unique");
            }
        }
        String baseUrl = null;
        String simulate = null;
        if (m.has("base_url") && m.has("simulate")) {
            problems.add(m.keyNode("simulate"), m.childPath("simulate"), "a provider has either base_url (a real endpoint)"
                    + " or simulate (a built-in simulator profile), not both; remove one");
        } else if (m.has("base_url")) {
            baseUrl = baseUrl(mark(m.childPath("base_url"), m.value("base_url")), m.childPath("base_url"));
        } else if (m.has("simulate")) {
            simulate = values.nonBlankText(mark(m.childPath("simulate"), m.value("simulate")), m.childPath("simulate"),
                    "name a simulator profile, e.g. simulate: seed-b");
            if (name != null && !SIMULATED_NAME.matcher(name).matches()) {
                problems.add(m.value("name"), m.childPath("name"), Durations.quote(name) + " cannot name a simulated"
                        + " provider: the simulator serves it under http://127.0.0.1:PORT/NAME/v1, so use letters,"
                        + " digits, '.', '_' and '-' only, e.g. provider-b");
            }
        } else {
            problems.add(m.node(), path, "needs base_url (an endpoint such as https://api.example.com/v1, spoken to"
                    + " in its protocol) or simulate (a built-in simulator profile)");
        }
        String protocolName = optional(m, "protocol", Protocol.OPENAI.wireName(), n -> oneOf(n, m.childPath("protocol"),
                Protocol.knownWireNames(), "protocol"));
        Protocol protocol = protocolName == null ? null : Protocol.parse(protocolName);
        if (simulate != null && protocol != null && protocol != Protocol.OPENAI) {
            problems.add(m.value("protocol"), m.childPath("protocol"), "the built-in simulator speaks only openai, not "
                    + Durations.quote(protocolName) + "; remove protocol or use base_url for a real " + protocolName + " endpoint");
        }
        String apiKeyEnv = optional(m, "api_key_env", null, n -> apiKeyEnv(n, m.childPath("api_key_env")));
        if (run != null && name != null && apiKeyEnv != null) {
            String keyProblem = ApiKeys.problem(name, apiKeyEnv, run.env());
            if (keyProblem != null) problems.add(m.value("api_key_env"), m.childPath("api_key_env"), keyProblem);
        }
        if (run != null && simulate != null) {
            String profileProblem = RunPreflight.profileProblem(simulate, run.simulatorProfiles());
            if (profileProblem != null) problems.add(m.value("simulate"), m.childPath("simulate"), profileProblem);
        }
        Map<String, String> models = required(m, "models", MODELS_HINT, n -> models(n, m.childPath("models")));
        Map<String, Price> prices = optional(m, "prices", Map.of(), n -> prices(n, m.childPath("prices"), models));
        Map<String, String> headers = optional(m, "headers", Map.of(), n -> headers(n, m.childPath("headers")));
        Map<String, String> query = optional(m, "query", Map.of(), n -> query(n, m.childPath("query")));
        String connection = optional(m, "connection", "reuse",
                n -> oneOf(n, m.childPath("connection"), CONNECTION_MODES, "connection mode"));
        Boolean insecure = optional(m, "insecure_skip_tls_verify", false,
                n -> values.bool(n, m.childPath("insecure_skip_tls_verify")));
        if (problems.count() > before) return null;
        String url = baseUrl;
        String sim = simulate;
        return build(node, path, () -> new ProviderSpec(name, url, sim, protocol, apiKeyEnv, models, prices, headers,
                query, "fresh".equals(connection), insecure));
    }

    private static final String MODELS_HINT = "map each model id to the provider's name for it,"
            + " e.g. models: {deepseek-v4-pro: deepseek-ai/DeepSeek-V4-Pro}";

    private String baseUrl(Node node, String path) {
        String text = values.nonBlankText(node, path, "use an absolute http(s) URL such as https://api.example.com/v1");
        if (text == null) return null;
        URI uri;
        try {
            uri = new URI(text.strip());
        } catch (URISyntaxException e) {
            problems.add(node, path, Durations.quote(redactUrl(text)) + " is not a URL (" + e.getReason()
                    + "); use an absolute http(s) URL such as https://api.example.com/v1");
            return null;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            problems.add(node, path, Durations.quote(redactUrl(text)) + " is not an absolute http(s) URL;"
                    + " use e.g. https://api.example.com/v1 or http://127.0.0.1:8088/v1");
            return null;
        }
        if (uri.getPort() == 0 || uri.getPort() > 65_535) {
            problems.add(node, path, "port " + uri.getPort() + " in " + Durations.quote(redactUrl(text)) + " is not a TCP"
                    + " port; use 1 to 65535, or leave the port out for the scheme's default (80 for http, 443 for https)");
            return null;
        }
        if (uri.getRawUserInfo() != null) {
            problems.add(node, path, "must not carry credentials (user:password@); name the variable holding the key"
                    + " in api_key_env instead");
            return null;
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            problems.add(node, path, Durations.quote(redactUrl(text)) + " must not contain '?' or '#';"
                    + " put query parameters under query: (e.g. query: {api-version: 2024-10-21})");
            return null;
        }
        String s = text.strip();
        // Protocols append their path (/chat/completions); a trailing slash would double it.
        while (s.endsWith("/")) s = s.substring(0, s.length() - 1);
        return s;
    }

    /** The URL without anything that could hold a secret: user info and query are dropped. */
    private static String redactUrl(String text) {
        String s = text.strip().replaceFirst("//[^/@?#]*@", "//***@");
        int q = s.indexOf('?');
        return q < 0 ? s : s.substring(0, q) + "?***";
    }

    private String apiKeyEnv(Node node, String path) {
        String text = values.nonBlankText(node, path, "give the NAME of an environment variable, e.g. PROVIDER_A_KEY");
        if (text == null) return null;
        if (!ENV_NAME.matcher(text).matches()) {
            // Not echoed: a value here that is no variable name is most likely the key itself.
            problems.add(node, path, "is not an environment variable name (letters, digits and _, not starting with a"
                    + " digit); give the NAME of the variable that holds the key, e.g. PROVIDER_A_KEY, never the key");
            return null;
        }
        return text;
    }

    private Map<String, String> models(Node node, String path) {
        Mapping m = values.mapping(node, path, null);
        if (m == null) return null;
        if (m.node().getValue().isEmpty()) {
            problems.add(node, path, "maps no models; " + MODELS_HINT);
            return null;
        }
        Map<String, String> models = new LinkedHashMap<>();
        for (var e : m.entries().entrySet()) {
            String modelPath = m.childPath(e.getKey());
            if (e.getKey().isBlank()) {
                problems.add(e.getValue().getKeyNode(), modelPath, "a model id must not be blank; " + MODELS_HINT);
                continue;
            }
            String providerModel = values.nonBlankText(e.getValue().getValueNode(), modelPath,
                    "give the provider's name for model " + Durations.quote(e.getKey()));
            if (providerModel != null) models.put(e.getKey(), providerModel);
        }
        return models;
    }

    private Map<String, Price> prices(Node node, String path, Map<String, String> models) {
        Mapping m = values.mapping(node, path, null);
        if (m == null) return null;
        Map<String, Price> prices = new LinkedHashMap<>();
        for (var e : m.entries().entrySet()) {
            String model = e.getKey();
            String pricePath = m.childPath(model);
            if (models != null && !models.containsKey(model)) {
                String mapped = String.join(", ", models.keySet());
                problems.add(e.getValue().getKeyNode(), pricePath, Durations.quote(model)
                        + " is not a model this provider maps" + Suggestions.didYouMean(model, models.keySet())
                        + (Suggestions.closest(model, models.keySet()).isPresent() ? " Mapped models: " : "; mapped models: ")
                        + mapped + "; add it under models or remove this price");
                continue;
            }
            Price price = price(e.getValue().getValueNode(), pricePath);
            if (price != null) prices.put(model, price);
        }
        return prices;
    }

    private Price price(Node node, String path) {
        int before = problems.count();
        Mapping m = values.mapping(node, path, PRICE_KEYS);
        if (m == null) return null;
        String hint = "USD per million tokens, a number >= 0, e.g. {input: 0.55, output: 2.19}";
        Double input = required(m, "input", hint,
                n -> values.number(n, m.childPath("input"), 0, false, Double.MAX_VALUE, hint));
        Double output = required(m, "output", hint,
                n -> values.number(n, m.childPath("output"), 0, false, Double.MAX_VALUE, hint));
        if (problems.count() > before) return null;
        return build(node, path, () -> new Price(input, output));
    }

    private Map<String, String> headers(Node node, String path) {
        Mapping m = values.mapping(node, path, null);
        if (m == null) return null;
        Map<String, String> headers = new LinkedHashMap<>();
        for (var e : m.entries().entrySet()) {
            String header = e.getKey();
            String headerPath = m.childPath(header);
            Node keyNode = e.getValue().getKeyNode();
            if (!HEADER_NAME.matcher(header).matches()) {
                problems.add(keyNode, headerPath, Durations.quote(header) + " is not a valid HTTP header name;"
                        + " use letters, digits and -, e.g. X-Request-Source");
            } else if (CredentialNames.isCredential(header)) {
                problems.add(keyNode, headerPath, "credentials must not be written into the campaign file (it is stored"
                        + " with every run); name the variable that holds the key in api_key_env instead");
            } else {
                String value = plainValue(e.getValue(), headerPath);
                if (value != null) headers.put(header, value);
            }
        }
        return headers;
    }

    private Map<String, String> query(Node node, String path) {
        Mapping m = values.mapping(node, path, null);
        if (m == null) return null;
        Map<String, String> query = new LinkedHashMap<>();
        for (var e : m.entries().entrySet()) {
            String param = e.getKey();
            String paramPath = m.childPath(param);
            if (param.isBlank()) {
                problems.add(e.getValue().getKeyNode(), paramPath, "a query parameter name must not be blank");
            } else if (CredentialNames.isCredential(param)) {
                problems.add(e.getValue().getKeyNode(), paramPath, "credentials must not be written into the campaign"
                        + " file (it is stored with every run); name the variable that holds the key in api_key_env instead");
            } else {
                String value = plainValue(e.getValue(), paramPath);
                if (value != null) query.put(param, value);
            }
        }
        return query;
    }

    /** Header and query values are not echoed in messages: they may be tokens after all. */
    private String plainValue(NodeTuple tuple, String path) {
        Node v = tuple.getValueNode();
        if (v instanceof org.yaml.snakeyaml.nodes.ScalarNode s && !s.getTag().equals(org.yaml.snakeyaml.nodes.Tag.NULL)) {
            return s.getValue();
        }
        problems.add(v == null ? tuple.getKeyNode() : v, path, "expected a single text value");
        return null;
    }

    private String oneOf(Node node, String path, List<String> allowed, String what) {
        String text = values.text(node, path);
        if (text == null) return null;
        if (!allowed.contains(text)) {
            problems.add(node, path, Durations.quote(text) + " is not a known " + what
                    + Suggestions.closest(text, allowed).map(s -> "; did you mean \"" + s + "\"? Known: ")
                            .orElse("; known: ") + String.join(", ", allowed));
            return null;
        }
        return text;
    }

    // ---- prompt, schedule, timeouts, simulator ----

    private PromptSpec prompt(Node node) {
        int before = problems.count();
        Mapping m = values.mapping(node, "prompt", PROMPT_KEYS);
        if (m == null) return null;
        String messagesHint = "add at least one message, e.g. messages: [{role: user, content: \"Say hello.\"}]";
        List<Node> items = required(m, "messages", messagesHint, n -> values.list(n, "prompt.messages"));
        List<MessageSpec> messages = new ArrayList<>();
        if (items != null && items.isEmpty()) problems.add(m.value("messages"), "prompt.messages", "is empty; " + messagesHint);
        for (int i = 0; items != null && i < items.size(); i++) {
            MessageSpec message = message(items.get(i), "prompt.messages[" + i + "]");
            if (message != null) messages.add(message);
        }
        String tokensHint = "a whole number >= 1 (default " + PromptSpec.DEFAULT_MAX_TOKENS + ")";
        Long maxTokens = optional(m, "max_tokens", (long) PromptSpec.DEFAULT_MAX_TOKENS,
                n -> values.wholeNumber(n, "prompt.max_tokens", 1, tokensHint));
        Double temperature = optional(m, "temperature", PromptSpec.DEFAULT_TEMPERATURE,
                n -> values.number(n, "prompt.temperature", 0, false, PromptSpec.MAX_TEMPERATURE,
                        "temperature must be within [0, 2]; 0 keeps answers alike across providers"));
        if (problems.count() > before) return null;
        return build(node, "prompt", () -> new PromptSpec(messages, maxTokens.intValue(), temperature));
    }

    private MessageSpec message(Node node, String path) {
        int before = problems.count();
        Mapping m = values.mapping(node, path, MESSAGE_KEYS);
        if (m == null) return null;
        String role = required(m, "role", "one of " + String.join(", ", ROLES),
                n -> oneOf(n, m.childPath("role"), ROLES, "role"));
        String content = required(m, "content", "the message text, e.g. content: \"Say hello.\"",
                n -> values.text(n, m.childPath("content")));
        if (problems.count() > before) return null;
        return build(node, path, () -> new MessageSpec(role, content));
    }

    private ScheduleSpec schedule(Node node) {
        int before = problems.count();
        Mapping m = values.mapping(node, "schedule", SCHEDULE_KEYS);
        if (m == null) return null;
        String kind = optional(m, "kind", "probe", n -> oneOf(n, "schedule.kind", SCHEDULE_KINDS, "schedule kind"));
        if ("warmth".equals(kind)) return warmthSchedule(node, m);
        for (String key : List.of("idle_gaps", "repeats")) {
            if (m.value(key) != null) {
                problems.add(m.keyNode(key), "schedule." + key, "only applies with kind: warmth; add kind: warmth"
                        + " or remove " + key);
            }
        }
        Long requests = optional(m, "requests", (long) ScheduleSpec.DEFAULT_REQUESTS,
                n -> values.wholeNumber(n, "schedule.requests", 1,
                        "measured requests per cell must be a whole number >= 1 (default 75; the method needs >= 75)"));
        Long warmup = optional(m, "warmup", (long) ScheduleSpec.DEFAULT_WARMUP,
                n -> values.wholeNumber(n, "schedule.warmup", 0, "warm-up requests per cell must be a whole number >= 0"
                        + " (default 2)"));
        Duration spread = optional(m, "spread", null, n -> values.duration(n, "schedule.spread", false));
        Instant until = optional(m, "until", null, n -> instant(n, "schedule.until"));
        String untilProblem = run == null ? null : ScheduleDeadline.problem(until, run.now());
        if (untilProblem != null) problems.add(m.value("until"), "schedule.until", untilProblem);
        // In file order, so the problem points at the key that came second.
        List<String> pacing = Stream.of("spacing", "spread", "until").filter(k -> m.value(k) != null)
                .sorted(java.util.Comparator.comparingInt(k -> m.keyNode(k).getStartMark().getIndex())).toList();
        if (pacing.size() > 1) {
            String second = pacing.get(1);
            problems.add(m.keyNode(second), "schedule." + second, "give one of spacing, spread or until, not both "
                    + pacing.get(0) + " and " + second + ": spread derives the spacing (spread / requests per cell),"
                    + " until derives it when the run starts ((until - start) / requests left per cell)");
        }
        // With until the spacing is only known when the run starts (CampaignRunner); ZERO stands in until then.
        Duration spacing = until != null ? Duration.ZERO
                : spread != null && requests != null && warmup != null
                ? ScheduleSpec.spacingFor(spread, (int) (requests + warmup))
                : optional(m, "spacing", ScheduleSpec.DEFAULT_SPACING, n -> values.duration(n, "schedule.spacing", true));
        Duration jitter = optional(m, "jitter", ScheduleSpec.DEFAULT_JITTER,
                n -> values.duration(n, "schedule.jitter", true));
        if (until == null && spacing != null && jitter != null && jitter.compareTo(spacing) > 0) {
            problems.add(m.value("jitter") != null ? m.value("jitter") : m.node(), "schedule.jitter",
                    Durations.quote(Durations.format(jitter)) + " exceeds spacing " + Durations.format(spacing)
                            + ", which would make pauses negative; use a jitter <= spacing");
        }
        String on429 = optional(m, "on_429", "continue", n -> oneOf(n, "schedule.on_429", ON_429, "429 policy"));
        Long maxRetries = optional(m, "max_retries", (long) ScheduleSpec.DEFAULT_MAX_RETRIES,
                n -> values.wholeNumber(n, "schedule.max_retries", 0, "retries of one request after a 429, a whole"
                        + " number >= 0 (default " + ScheduleSpec.DEFAULT_MAX_RETRIES + ")"));
        Duration maxRetryWait = optional(m, "max_retry_wait", ScheduleSpec.DEFAULT_MAX_RETRY_WAIT,
                n -> values.duration(n, "schedule.max_retry_wait", true));
        if ((m.value("max_retries") != null || m.value("max_retry_wait") != null) && !"retry".equals(on429)) {
            String key = m.value("max_retries") != null ? "max_retries" : "max_retry_wait";
            problems.add(m.keyNode(key), "schedule." + key, "only applies with on_429: retry; add on_429: retry or"
                    + " remove " + key);
        }
        List<TimeWindow> windows = optional(m, "windows", List.of(), this::windows);
        if (problems.count() > before) return null;
        ScheduleSpec.On429 policy = ScheduleSpec.On429.valueOf(on429.toUpperCase(Locale.ROOT));
        return build(node, "schedule", () -> new ScheduleSpec(requests.intValue(), warmup.intValue(), spacing, jitter,
                spread, policy, maxRetries.intValue(), maxRetryWait, windows, until));
    }

    /** The key node of {@code schedule.<key>} as written in the file, or null. */
    private static Node scheduleKey(Mapping top, String key) {
        if (!(top.value("schedule") instanceof org.yaml.snakeyaml.nodes.MappingNode schedule)) return null;
        for (NodeTuple tuple : schedule.getValue()) {
            if (tuple.getKeyNode() instanceof org.yaml.snakeyaml.nodes.ScalarNode k && k.getValue().equals(key)) {
                return tuple.getKeyNode();
            }
        }
        return null;
    }

    /** {@code quality: {set: v1, items: 200}}: checkable tasks instead of the latency prompt. */
    private QualitySpec quality(Node node) {
        int before = problems.count();
        Mapping m = values.mapping(node, "quality", QUALITY_KEYS);
        if (m == null) return null;
        String set = optional(m, "set", "v1", n -> oneOf(n, "quality.set", QualitySpec.SETS, "quality set"));
        Long items = optional(m, "items", 200L, n -> values.wholeNumber(n, "quality.items", 1, "how many of the set's"
                + " items each cell answers, a whole number from 1 to " + QualitySpec.itemsIn(set) + " (default 200)"));
        if (items != null && items > QualitySpec.itemsIn(set)) {
            problems.add(m.value("items"), "quality.items", items + " is more than set " + set + " holds ("
                    + QualitySpec.itemsIn(set) + " items); use at most " + QualitySpec.itemsIn(set)
                    + (QualitySpec.itemsIn(set) < QualitySpec.V2_ITEMS ? ", or set v2 (" + QualitySpec.V2_ITEMS
                    + " items)" : ""));
        }
        String toolCalls = optional(m, "tool_calls", "text",
                n -> oneOf(n, "quality.tool_calls", QualitySpec.TOOL_CALL_MODES, "way to ask for tool calls"));
        if (problems.count() > before) return null;
        return build(node, "quality", () -> new QualitySpec(set, items.intValue(), "native".equals(toolCalls)));
    }

    /** {@code kind: warmth}: idle gaps and repeats instead of requests and pacing (see {@link WarmthSchedule}). */
    private ScheduleSpec warmthSchedule(Node node, Mapping m) {
        int before = problems.count();
        for (String key : PROBE_ONLY_KEYS) {
            if (m.value(key) != null) {
                problems.add(m.keyNode(key), "schedule." + key, "does not apply to kind: warmth, which sends one"
                        + " request after each idle gap (idle_gaps x repeats per cell, after one warm-up); remove " + key);
            }
        }
        List<Duration> gaps = required(m, "idle_gaps", "the idle times to probe after, e.g. idle_gaps: [15s, 30s, 1m, 2m, 5m]",
                this::idleGaps);
        Long repeats = optional(m, "repeats", (long) WarmthSchedule.DEFAULT_REPEATS,
                n -> values.wholeNumber(n, "schedule.repeats", 1, "how often each gap is probed per cell, a whole"
                        + " number >= 1 (default " + WarmthSchedule.DEFAULT_REPEATS + ")"));
        List<TimeWindow> windows = optional(m, "windows", List.of(), this::windows);
        if (problems.count() > before) return null;
        return build(node, "schedule", () -> ScheduleSpec.warmth(new WarmthSchedule(gaps, repeats.intValue()), windows));
    }

    /** A non-empty list of distinct durations > 0. */
    private List<Duration> idleGaps(Node node) {
        String path = "schedule.idle_gaps";
        List<Node> items = values.list(node, path);
        if (items == null) return null;
        if (items.isEmpty()) {
            problems.add(node, path, "is empty; name at least one idle gap, e.g. [15s, 30s, 1m]");
            return null;
        }
        List<Duration> gaps = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Duration gap = values.duration(mark(path + "[" + i + "]", items.get(i)), path + "[" + i + "]", false);
            if (gap == null) continue;
            if (gaps.contains(gap)) {
                problems.add(items.get(i), path + "[" + i + "]", Durations.format(gap) + " is listed twice; list each"
                        + " gap once and set schedule.repeats for how often it is probed");
                continue;
            }
            gaps.add(gap);
        }
        return gaps.size() == items.size() ? gaps : null;
    }

    private Instant instant(Node node, String path) {
        String text = values.text(node, path);
        if (text == null) return null;
        try {
            return Instants.parse(text);
        } catch (IllegalArgumentException e) {
            problems.add(node, path, e.getMessage());
            return null;
        }
    }

    private List<TimeWindow> windows(Node node) {
        Mapping m = values.mapping(node, "schedule.windows", null);
        if (m == null) return null;
        List<TimeWindow> windows = new ArrayList<>();
        for (var e : m.entries().entrySet()) {
            String path = m.childPath(e.getKey());
            if (e.getKey().equals(TimeWindow.OFF_PEAK)) {
                problems.add(e.getValue().getKeyNode(), path, "\"" + TimeWindow.OFF_PEAK + "\" is what every moment outside"
                        + " the named windows is called; name this window differently");
                continue;
            }
            String text = values.text(e.getValue().getValueNode(), path);
            if (text == null) continue;
            try {
                windows.add(TimeWindow.parse(e.getKey(), text));
            } catch (IllegalArgumentException bad) {
                problems.add(e.getValue().getValueNode(), path, bad.getMessage());
            }
        }
        return windows;
    }

    private TimeoutSpec timeouts(Node node) {
        int before = problems.count();
        Mapping m = values.mapping(node, "timeouts", TIMEOUT_KEYS);
        if (m == null) return null;
        TimeoutSpec d = TimeoutSpec.DEFAULTS;
        Duration connect = optional(m, "connect", d.connect(), n -> values.duration(n, "timeouts.connect", false));
        Duration firstToken = optional(m, "first_token", d.firstToken(),
                n -> values.duration(n, "timeouts.first_token", false));
        Duration total = optional(m, "total", d.total(), n -> values.duration(n, "timeouts.total", false));
        if (firstToken != null && total != null && firstToken.compareTo(total) > 0) {
            problems.add(m.value("first_token") != null ? m.value("first_token") : m.node(), "timeouts.first_token",
                    Durations.quote(Durations.format(firstToken)) + " exceeds the total timeout "
                            + Durations.format(total) + "; use first_token <= total");
        }
        if (problems.count() > before) return null;
        return build(node, "timeouts", () -> new TimeoutSpec(connect, firstToken, total));
    }

    private SimulatorSpec simulator(Node node) {
        int before = problems.count();
        Mapping m = values.mapping(node, "simulator", SIMULATOR_KEYS);
        if (m == null) return null;
        SimulatorSpec d = SimulatorSpec.DEFAULTS;
        Long seed = optional(m, "seed", d.seed(), n -> values.anyLong(n, "simulator.seed", "e.g. seed: 42"));
        Double timeScale = optional(m, "time_scale", d.timeScale(), n -> values.number(n, "simulator.time_scale", 0,
                true, 1e6, "time_scale must be > 0; 1.0 is real time, 0.01 runs 100x faster"));
        if (problems.count() > before) return null;
        return build(node, "simulator", () -> new SimulatorSpec(seed, timeScale));
    }

    private LoadSpec load(Node node) {
        int before = problems.count();
        Mapping m = values.mapping(node, "load", LOAD_KEYS);
        if (m == null) return null;
        String arrival = optional(m, "arrival", "poisson", n -> oneOf(n, "load.arrival", ARRIVALS, "arrival process"));
        Double burstiness = optional(m, "burstiness", 1.0, n -> values.number(n, "load.burstiness", 0, true, 1e6,
                "the gamma shape, a number > 0: 1 is Poisson, 0.5 burstier, 4 smoother"));
        if (m.has("burstiness") && !"gamma".equals(arrival)) {
            problems.add(m.keyNode("burstiness"), "load.burstiness", "only applies with arrival: gamma; add"
                    + " arrival: gamma or remove burstiness");
        }
        if (m.has("rates") == m.has("concurrency")) {
            problems.add(m.has("rates") ? m.keyNode("concurrency") : m.node(), "load",
                    "give either rates (open loop, requests per second, e.g. rates: [2, 5, 10]) or concurrency"
                            + " (closed loop, e.g. concurrency: [1, 4, 16]), not " + (m.has("rates") ? "both" : "neither"));
        }
        List<Double> rates = optional(m, "rates", List.of(), n -> numbers(n, "load.rates", false));
        List<Double> concurrency = optional(m, "concurrency", List.of(), n -> numbers(n, "load.concurrency", true));
        Long maxConcurrency = optional(m, "max_concurrency", (long) LoadSpec.DEFAULT_MAX_CONCURRENCY,
                n -> values.wholeNumber(n, "load.max_concurrency", 1, "the most requests in flight at once, a whole"
                        + " number >= 1 (default " + LoadSpec.DEFAULT_MAX_CONCURRENCY + ")"));
        if (m.has("max_concurrency") && m.has("concurrency")) {
            problems.add(m.keyNode("max_concurrency"), "load.max_concurrency", "only applies to rates (open loop);"
                    + " with concurrency the senders themselves are the limit; remove max_concurrency");
        }
        Duration stepDuration = optional(m, "step_duration", LoadSpec.DEFAULT_STEP_DURATION,
                n -> values.duration(n, "load.step_duration", false));
        Duration warmup = optional(m, "warmup", LoadSpec.DEFAULT_WARMUP, n -> values.duration(n, "load.warmup", true));
        Duration cooldown = optional(m, "cooldown", LoadSpec.DEFAULT_COOLDOWN,
                n -> values.duration(n, "load.cooldown", true));
        Long repeats = optional(m, "repeats", 1L, n -> values.wholeNumber(n, "load.repeats", 1,
                "how often the steps are run, a whole number >= 1 (2 or more give confidence intervals)"));
        LoadSloSpec slo = optional(m, "slo", LoadSloSpec.NONE, this::loadSlo);
        Boolean search = optional(m, "search", false, n -> values.bool(n, "load.search"));
        if (Boolean.TRUE.equals(search) && slo != null && slo.isEmpty()) {
            problems.add(m.keyNode("search"), "load.search", "searches for the highest load that meets the SLO, and"
                    + " there is none; add e.g. slo: {ttft_p95: 1s, error_rate: 1%}");
        }
        String maxKey = m.has("concurrency") ? "max_concurrency_search" : "max_rate";
        String otherMax = m.has("concurrency") ? "max_rate" : "max_concurrency_search";
        if (m.has(otherMax)) {
            problems.add(m.keyNode(otherMax), "load." + otherMax, "does not apply to " + (m.has("concurrency")
                    ? "concurrency steps; use max_concurrency_search" : "rates; use max_rate"));
        }
        if (m.has(maxKey) && !Boolean.TRUE.equals(search)) {
            problems.add(m.keyNode(maxKey), "load." + maxKey, "bounds the automatic search; add search: true or remove it");
        }
        Double maxLevel = optional(m, maxKey, LoadSpec.DEFAULT_MAX_RATE, n -> values.number(n, "load." + maxKey, 0,
                true, 1e9, "the highest level the search may try, a number > 0"));
        Double precision = optional(m, "precision", LoadSpec.DEFAULT_PRECISION, n -> values.number(n, "load.precision",
                0, true, 0.5, "the search stops when its bracket is narrower than this share, e.g. 0.05 (5%)"));
        if (problems.count() > before) return null;
        LoadSpec.Arrival kind = LoadSpec.Arrival.valueOf(arrival.toUpperCase(Locale.ROOT));
        List<Integer> senders = concurrency.stream().map(Double::intValue).toList();
        return build(node, "load", () -> new LoadSpec(kind, burstiness, rates, senders, maxConcurrency.intValue(),
                stepDuration, warmup, cooldown, repeats.intValue(), slo, search, maxLevel, precision));
    }

    /** A non-empty list of numbers > 0 (whole numbers when {@code whole}). */
    private List<Double> numbers(Node node, String path, boolean whole) {
        List<Node> items = values.list(node, path);
        if (items == null) return null;
        String hint = whole ? "each a whole number >= 1, e.g. [1, 4, 16]" : "each in requests per second > 0, e.g. [2, 5, 10]";
        if (items.isEmpty()) {
            problems.add(node, path, "is empty; " + hint);
            return null;
        }
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            String itemPath = path + "[" + i + "]";
            Double v = whole ? toDouble(values.wholeNumber(items.get(i), itemPath, 1, hint))
                    : values.number(items.get(i), itemPath, 0, true, 1e9, hint);
            if (v != null) out.add(v);
        }
        return out;
    }

    private static Double toDouble(Long value) {
        return value == null ? null : value.doubleValue();
    }

    private LoadSloSpec loadSlo(Node node) {
        int before = problems.count();
        Mapping m = values.mapping(node, "load.slo", LOAD_SLO_KEYS);
        if (m == null) return null;
        Duration median = optional(m, "ttft_median", null, n -> values.duration(n, "load.slo.ttft_median", false));
        Duration p95 = optional(m, "ttft_p95", null, n -> values.duration(n, "load.slo.ttft_p95", false));
        Duration p99 = optional(m, "ttft_p99", null, n -> values.duration(n, "load.slo.ttft_p99", false));
        Duration itl = optional(m, "itl_p95", null, n -> values.duration(n, "load.slo.itl_p95", false));
        Double errorRate = optional(m, "error_rate", -1.0, n -> percent(n, "load.slo.error_rate"));
        if (problems.count() > before) return null;
        return build(node, "load.slo", () -> new LoadSloSpec(median, p95, p99, itl, errorRate));
    }

    /** {@code 1%} or {@code 1.5 %}: a share of requests in percent, within [0, 100]. */
    private Double percent(Node node, String path) {
        String text = values.text(node, path);
        if (text == null) return null;
        String hint = "a percentage within [0%, 100%] such as 1% or 0.5%";
        String digits = text.strip();
        if (!digits.endsWith("%")) {
            problems.add(node, path, Durations.quote(text) + " is not a percentage; write " + hint);
            return null;
        }
        try {
            double v = Double.parseDouble(digits.substring(0, digits.length() - 1).strip());
            if (v >= 0 && v <= 100) return v;
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add(node, path, Durations.quote(text) + " is not " + hint);
        return null;
    }

    // ---- plumbing ----

    private <T> T required(Mapping m, String key, String hint, java.util.function.Function<Node, T> read) {
        Node v = m.value(key);
        if (v != null) return read.apply(mark(m.childPath(key), v));
        if (m.keyNode(key) != null) {
            problems.add(m.keyNode(key), m.childPath(key), "has no value; " + hint);
        } else {
            problems.add(m.node(), m.childPath(key), "is missing; " + hint);
        }
        return null;
    }

    private <T> T optional(Mapping m, String key, T fallback, java.util.function.Function<Node, T> read) {
        Node v = m.value(key);
        return v == null ? fallback : read.apply(mark(m.childPath(key), v));
    }

    private Node mark(String path, Node value) {
        marks.put(path, new SourceMarks.Position(value.getStartMark().getLine() + 1, value.getStartMark().getColumn() + 1));
        return value;
    }

    /**
     * Builds a record from values that read cleanly. The records check their own invariants too;
     * should one catch what the reader missed, the user still gets a located problem, not a stack
     * trace, but one that says it is InferMeter's fault, never passed off as a typo in the file.
     */
    private <T> T build(Node at, String path, Supplier<T> constructor) {
        try {
            return constructor.get();
        } catch (IllegalArgumentException | NullPointerException e) {
            problems.add(at, path, "the reader accepted a value that " + e.getClass().getSimpleName() + " \""
                    + e.getMessage() + "\" then refused: a bug in InferMeter's campaign checks (please report it"
                    + " with this file); changing this value may work around it");
            return null;
        }
    }
}
