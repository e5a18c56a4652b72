package org.infermeter.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Node;

/** Reads a campaign file's {@code route:} section, recording every problem with its line like the rest of the file. */
final class RouteReader {
    static final List<String> ROUTE_KEYS = List.of("client_keys_env", "models");
    static final List<String> POLICY_KEYS = List.of("workload", "min_samples", "window", "fallback_order", "failover",
            "hedge_delay_percentile", "hedge_budget", "first_token_timeout");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final YamlValues values;
    private final Problems problems;
    private final List<ProviderSpec> providers;
    private final Duration firstTokenTimeout;
    private final BiFunction<Node, String, Double> percent;

    RouteReader(YamlValues values, List<ProviderSpec> providers, Duration firstTokenTimeout,
                BiFunction<Node, String, Double> percent) {
        this.values = values;
        this.problems = values.problems();
        this.providers = providers == null ? List.of() : providers;
        this.firstTokenTimeout = firstTokenTimeout;
        this.percent = percent;
    }

    RouteSpec read(Node node) {
        int before = problems.count();
        YamlValues.Mapping m = values.mapping(node, "route", ROUTE_KEYS);
        if (m == null) return null;
        String keysEnv = optional(m, "client_keys_env", null, n -> {
            String name = values.nonBlankText(n, "route.client_keys_env", "the NAME of the variable with the client keys");
            if (name != null && !ENV_NAME.matcher(name).matches()) {
                problems.add(n, "route.client_keys_env", Durations.quote(name) + " is not an environment variable name;"
                        + " give the variable's NAME (letters, digits, _), e.g. client_keys_env: INFERMETER_CLIENT_KEYS");
                return null;
            }
            return name;
        });
        RoutePolicy fallback = RoutePolicy.defaults(firstTokenTimeout);
        Map<String, RoutePolicy> models = new LinkedHashMap<>();
        Node modelsNode = m.value("models");
        if (modelsNode != null) {
            YamlValues.Mapping mm = values.mapping(modelsNode, "route.models", null);
            if (mm != null) {
                for (String model : mm.entries().keySet()) {
                    String path = "route.models." + model;
                    if (providers.stream().noneMatch(p -> p.models().containsKey(model))) {
                        problems.add(mm.keyNode(model), path, "no provider maps model " + Durations.quote(model)
                                + "; name a model some provider lists under models:");
                    }
                    Node policyNode = mm.value(model);
                    RoutePolicy policy = policyNode == null ? fallback : policy(policyNode, path, fallback);
                    if (policy != null) models.put(model, policy);
                }
            }
        }
        if (problems.count() > before) return null;
        return new RouteSpec(keysEnv, models, fallback);
    }

    private RoutePolicy policy(Node node, String path, RoutePolicy d) {
        int before = problems.count();
        YamlValues.Mapping m = values.mapping(node, path, POLICY_KEYS);
        if (m == null) return null;
        String workload = optional(m, "workload", d.workload(), n -> {
            String w = values.text(n, path + ".workload");
            if (w != null && !RoutePolicy.WORKLOADS.contains(w)) {
                problems.add(n, path + ".workload", Durations.quote(w) + " is not a workload; known: "
                        + String.join(", ", RoutePolicy.WORKLOADS));
                return null;
            }
            return w;
        });
        Long minSamples = optional(m, "min_samples", (long) d.minSamples(), n -> values.wholeNumber(n, path + ".min_samples",
                1, "recent samples a provider needs before its figures are trusted, a whole number >= 1"));
        Duration window = optional(m, "window", d.window(), n -> values.duration(n, path + ".window", false));
        List<String> order = optional(m, "fallback_order", d.fallbackOrder(), n -> fallbackOrder(n, path + ".fallback_order"));
        Boolean failover = optional(m, "failover", d.failover(), n -> values.bool(n, path + ".failover"));
        Double percentile = optional(m, "hedge_delay_percentile", d.hedgeDelayPercentile(), n -> values.number(n,
                path + ".hedge_delay_percentile", 0, true, 99.999, "a percentile of the primary's warm TTFTs, e.g. 95"));
        Double budget = optional(m, "hedge_budget", d.hedgeBudgetPct(), n -> percent.apply(n, path + ".hedge_budget"));
        Duration firstToken = optional(m, "first_token_timeout", d.firstTokenTimeout(),
                n -> values.duration(n, path + ".first_token_timeout", false));
        if (problems.count() > before) return null;
        return new RoutePolicy(workload, minSamples.intValue(), window, order, failover, percentile, budget, firstToken);
    }

    private List<String> fallbackOrder(Node node, String path) {
        List<Node> items = values.list(node, path);
        if (items == null) return null;
        List<String> names = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            String name = values.text(items.get(i), path + "[" + i + "]");
            if (name == null) continue;
            if (providers.stream().noneMatch(p -> p.name().equals(name))) {
                problems.add(items.get(i), path + "[" + i + "]", "no provider named " + Durations.quote(name) + "; known: "
                        + String.join(", ", providers.stream().map(ProviderSpec::name).toList()));
            }
            names.add(name);
        }
        return names;
    }

    private static <T> T optional(YamlValues.Mapping m, String key, T fallback, Function<Node, T> read) {
        Node v = m.value(key);
        return v == null ? fallback : read.apply(v);
    }
}
