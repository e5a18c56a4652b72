package org.infermeter.config;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Looks up API keys in the environment, by the variable names the campaign file gives. */
public final class ApiKeys {
    private ApiKeys() {
    }

    /**
     * Resolves every provider's {@code api_key_env} from {@code env}. An unset or blank variable, or
     * a key holding a character that cannot travel in an HTTP header, is a {@link Problem} at the
     * provider's {@code api_key_env} line naming the VARIABLE, never a value. Providers without
     * {@code api_key_env} are left out of the result.
     *
     * @return provider name -> key; its {@code toString()} hides the keys
     */
    public static Map<String, String> resolve(CampaignSpec spec, Map<String, String> env) throws CampaignFileException {
        Problems problems = new Problems(spec.source());
        Map<String, String> keys = resolve(spec, env, problems);
        problems.throwIfAny();
        return keys;
    }

    static Map<String, String> resolve(CampaignSpec spec, Map<String, String> env, Problems problems) {
        Map<String, String> keys = new LinkedHashMap<>();
        for (int i = 0; i < spec.providers().size(); i++) {
            ProviderSpec p = spec.providers().get(i);
            if (p.apiKeyEnv() == null) continue;
            String field = "providers[" + i + "].api_key_env";
            SourceMarks.Position at = spec.marks().at(field);
            String problem = problem(p.name(), p.apiKeyEnv(), env);
            if (problem != null) {
                problems.add(at, field, problem);
                continue;
            }
            String key = env.get(p.apiKeyEnv());
            keys.put(p.name(), key.strip());
        }
        return new Secrets(keys);
    }

    /**
     * What is wrong with the key a provider reads from {@code variable}, naming the variable and
     * never the value; null when the key is set and can be sent.
     */
    static String problem(String provider, String variable, Map<String, String> env) {
        String key = env.get(variable);
        if (key == null || key.isBlank()) {
            String state = key == null ? "is not set" : "is set but blank";
            return "environment variable " + variable + " " + state + " (provider " + Durations.quote(provider)
                    + " reads its API key from it); export " + variable + "=<your key> before running, or remove"
                    + " api_key_env if the endpoint needs no key";
        }
        String unsendable = unsendable(key.strip());
        if (unsendable == null) return null;
        return "the key in environment variable " + variable + " (provider " + Durations.quote(provider) + ") "
                + unsendable + ", which cannot be sent in an HTTP header; export " + variable + " again with the key"
                + " as plain text (copy it from the provider's console, not from a document or chat that may add"
                + " invisible characters)";
    }

    /**
     * What is wrong with a key that cannot be a header value, without showing the key: the first
     * character outside visible ASCII, by position and Unicode name; null when every character is fine.
     * Keys are tokens of visible ASCII; anything else is a paste accident (a zero-width space, an
     * en-dash from a word processor, a line break).
     */
    static String unsendable(String key) {
        int position = 0;
        int length = key.codePointCount(0, key.length());
        for (int i = 0; i < key.length(); ) {
            int cp = key.codePointAt(i);
            position++;
            if (cp < 0x21 || cp > 0x7E) {
                return "has " + describe(cp) + " at character " + position + " of " + length;
            }
            i += Character.charCount(cp);
        }
        return null;
    }

    private static String describe(int codePoint) {
        String code = String.format(Locale.ROOT, "U+%04X", codePoint);
        String name = Character.getName(codePoint);
        String kind = codePoint == '\r' || codePoint == '\n' ? "a line break"
                : Character.isISOControl(codePoint) ? "a control character"
                : Character.isWhitespace(codePoint) || Character.isSpaceChar(codePoint) ? "a space"
                : Character.getType(codePoint) == Character.FORMAT ? "an invisible character"
                : "a non-ASCII character";
        return kind + " (" + code + (name == null ? "" : " " + name) + ")";
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
