package org.infermeter.client;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.infermeter.sample.CredentialNames;
import org.infermeter.sample.Protocol;

/**
 * Where and how to reach one provider.
 *
 * @param providerName              the provider's name in reports
 * @param baseUrl                   e.g. {@code https://api.openai.com/v1}; the protocol's path
 *                                  ({@code /chat/completions}, {@code /messages}, ...) is appended
 * @param protocol                  the wire dialect
 * @param apiKey                    sent the protocol's way ({@code Authorization: Bearer}, {@code x-api-key},
 *                                  {@code x-goog-api-key}); null for servers without auth
 * @param headers                   extra request headers (values of secret-looking names are redacted in
 *                                  {@link #toString()} and scrubbed from messages, like the key)
 * @param queryParams               appended to the URL, e.g. Azure's {@code api-version}
 * @param freshConnectionPerRequest open a new connection for every request, so each sample pays the
 *                                  connection setup a cold client would
 * @param insecureSkipTlsVerify     accept any TLS certificate and host name; only for test rigs with
 *                                  self-signed certificates, and warned about loudly when used
 */
public record Endpoint(String providerName, URI baseUrl, Protocol protocol, String apiKey,
                       Map<String, String> headers, Map<String, String> queryParams, Timeouts timeouts,
                       boolean freshConnectionPerRequest, boolean insecureSkipTlsVerify) {

    public Endpoint {
        Objects.requireNonNull(providerName, "providerName");
        if (providerName.isBlank()) throw new IllegalArgumentException("providerName must not be blank");
        Objects.requireNonNull(baseUrl, "baseUrl");
        String scheme = baseUrl.getScheme() == null ? "" : baseUrl.getScheme().toLowerCase(Locale.ROOT);
        if (!baseUrl.isAbsolute() || !(scheme.equals("http") || scheme.equals("https")) || baseUrl.getHost() == null) {
            throw new IllegalArgumentException("baseUrl must be an absolute http(s) URL with a host, e.g."
                    + " https://api.openai.com/v1: " + baseUrl);
        }
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(timeouts, "timeouts");
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        queryParams = queryParams == null ? Map.of() : Map.copyOf(queryParams);
        if (apiKey != null && apiKey.isBlank()) apiKey = null;
    }

    /** An endpoint that verifies TLS certificates, as every endpoint should. */
    public Endpoint(String providerName, URI baseUrl, Protocol protocol, String apiKey, Map<String, String> headers,
                    Map<String, String> queryParams, Timeouts timeouts, boolean freshConnectionPerRequest) {
        this(providerName, baseUrl, protocol, apiKey, headers, queryParams, timeouts, freshConnectionPerRequest, false);
    }

    /** The full URL requests for {@code model} go to: base URL, the protocol's path, then the query. */
    public URI requestUri(String model) {
        Dialect dialect = Dialect.of(protocol);
        String base = baseUrl.toString();
        String query = null;
        int q = base.indexOf('?');
        if (q >= 0) {
            query = base.substring(q + 1);
            base = base.substring(0, q);
        }
        while (base.endsWith("/")) base = base.substring(0, base.length() - 1);
        StringBuilder url = new StringBuilder(base).append(dialect.path(model));
        Map<String, String> params = new java.util.TreeMap<>(dialect.query());
        params.putAll(queryParams);
        String extra = params.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        String fullQuery = query == null || query.isEmpty() ? extra : extra.isEmpty() ? query : query + "&" + extra;
        if (!fullQuery.isEmpty()) url.append('?').append(fullQuery);
        return URI.create(url.toString());
    }

    /** Every value that must never appear in a message: the key and secret-looking headers or params. */
    Secrets secrets() {
        return Secrets.of(this);
    }

    static boolean looksSecret(String name) {
        return CredentialNames.isCredential(name);
    }

    private static String encode(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "Endpoint[providerName=" + providerName + ", baseUrl=" + baseUrl + ", protocol=" + protocol
                + ", apiKey=" + (apiKey == null ? "none" : "***") + ", headers=" + redacted(headers)
                + ", queryParams=" + redacted(queryParams) + ", timeouts=" + timeouts
                + ", freshConnectionPerRequest=" + freshConnectionPerRequest
                + (insecureSkipTlsVerify ? ", insecureSkipTlsVerify=true" : "") + "]";
    }

    private static Map<String, String> redacted(Map<String, String> values) {
        Map<String, String> out = new LinkedHashMap<>();
        values.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> out.put(e.getKey(), looksSecret(e.getKey()) ? "***" : e.getValue()));
        return out;
    }
}
