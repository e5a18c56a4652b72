package org.infermeter.config;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.infermeter.config.YamlValues.Mapping;
import org.yaml.snakeyaml.nodes.Node;

/** Looks up API keys in the environment, by the variable names the campaign file gives. */
public final class ApiKeys {
    private ApiKeys() {
    }

    /**
     * Resolves every provider's {@code api_key_env} from {@code env}. An unset or blank variable is
     * a {@link Problem} at the provider's {@code api_key_env} line naming the VARIABLE, never a value.
     * Providers without {@code api_key_env} are left out of the result.
     *
     * @return provider name -> key; its {@code toString()} hides the keys
     */
    public static Map<String, String> resolve(CampaignSpec spec, Map<String, String> env) throws CampaignFileException {
        Problems problems = new Problems(spec.source());
        Node root = CampaignLoader.compose(spec.sourceText(), new Problems(spec.source()));
        Map<String, String> keys = new LinkedHashMap<>();
        for (int i = 0; i < spec.providers().size(); i++) {
            ProviderSpec p = spec.providers().get(i);
            if (p.apiKeyEnv() == null) continue;
            String key = env.get(p.apiKeyEnv());
            if (key == null || key.isBlank()) {
                String state = key == null ? "is not set" : "is set but blank";
                problems.add(apiKeyEnvNode(root, i), "providers[" + i + "].api_key_env",
                        "environment variable " + p.apiKeyEnv() + " " + state + " (provider " + Durations.quote(p.name())
                                + " reads its API key from it); export " + p.apiKeyEnv() + "=<your key> before running,"
                                + " or remove api_key_env if the endpoint needs no key");
            } else {
                keys.put(p.name(), key.strip());
            }
        }
        problems.throwIfAny();
        return new Secrets(keys);
    }

    /** Where providers[i].api_key_env sits in the source, or null when the text no longer says. */
    private static Node apiKeyEnvNode(Node root, int providerIndex) {
        YamlValues quiet = new YamlValues(new Problems(java.nio.file.Path.of("")));
        Mapping top = root == null ? null : quiet.mapping(root, "", null);
        List<Node> providers = top == null || top.value("providers") == null ? null : quiet.list(top.value("providers"), "");
        if (providers == null || providerIndex >= providers.size()) return null;
        Mapping provider = quiet.mapping(providers.get(providerIndex), "", null);
        if (provider == null) return null;
        return provider.value("api_key_env") != null ? provider.value("api_key_env") : provider.node();
    }

    /** An unmodifiable map whose text form never shows the keys, so logging it leaks nothing. */
    private static final class Secrets extends AbstractMap<String, String> {
        private final Map<String, String> keys;

        Secrets(Map<String, String> keys) {
            this.keys = Collections.unmodifiableMap(keys);
        }

        @Override
        public Set<Entry<String, String>> entrySet() {
            return keys.entrySet();
        }

        @Override
        public String get(Object provider) {
            return keys.get(provider);
        }

        @Override
        public String toString() {
            List<String> names = new ArrayList<>();
            keys.keySet().forEach(name -> names.add(name + "=***"));
            return "{" + String.join(", ", names) + "}";
        }
    }
}
