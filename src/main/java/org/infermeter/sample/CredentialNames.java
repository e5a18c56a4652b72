package org.infermeter.sample;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The one rule for which header and query-parameter names carry a credential. Config refuses such
 * names in a campaign file (the file is stored with every run, so a key written there would leak);
 * the client redacts and scrubs their values. One rule, so nothing config lets through as harmless
 * is treated as a secret by the client, or the other way round.
 *
 * <p>A name is split into words at {@code - _ .} and spaces; it names a credential when a word is,
 * or ends with, one of {@link #CREDENTIAL_WORDS} ({@code x-api-key}, {@code apikey}, {@code
 * X-AuthToken}, {@code access_token}, {@code proxy-authorization}), or is {@code sig}, or the whole
 * name is {@code code} (an OAuth authorization code). Whole words, so {@code max_tokens} and
 * {@code api-version} are ordinary parameters.
 */
public final class CredentialNames {
    private CredentialNames() {}

    static final List<String> CREDENTIAL_WORDS =
            List.of("authorization", "key", "token", "secret", "password", "passwd", "cookie", "signature");
    private static final Pattern WORD_SEPARATORS = Pattern.compile("[-_. ]+");

    /** Whether a header or query parameter called {@code name} carries a credential. */
    public static boolean isCredential(String name) {
        String n = name.strip().toLowerCase(Locale.ROOT);
        if (n.equals("code")) return true;
        for (String word : WORD_SEPARATORS.split(n)) {
            if (word.equals("sig")) return true;
            for (String credential : CREDENTIAL_WORDS) {
                if (word.endsWith(credential)) return true;
            }
        }
        return false;
    }
}
