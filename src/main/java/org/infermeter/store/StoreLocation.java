package org.infermeter.store;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Where a store lives: an SQLite file (the default, one machine) or a PostgreSQL database (a fleet
 * of probes writing to one place). What {@code --store} names.
 */
public sealed interface StoreLocation {

    /** How messages name the store: the file's path, or {@code PostgreSQL store HOST:PORT/DB (user U)}. */
    String describe();

    /** What to give {@code --store} to name this store again (never with a password). */
    String argument();

    /** An SQLite file. */
    record SqliteFile(Path file) implements StoreLocation {
        public SqliteFile {
            Objects.requireNonNull(file, "file");
        }

        @Override
        public String describe() {
            return file.toAbsolutePath().normalize().toString();
        }

        @Override
        public String argument() {
            return file.toString();
        }
    }

    /**
     * A PostgreSQL database. The password never comes from {@code --store}: it is {@code PGPASSWORD}
     * when set, or else what the driver finds in the pgpass file ({@code PGPASSFILE} or
     * {@code ~/.pgpass}), or none (trust or peer authentication).
     *
     * @param password   null when not given by {@code PGPASSWORD}
     * @param properties the URL's other query parameters (sslmode, currentSchema, ...), passed to pgjdbc
     */
    record Postgres(String host, int port, String database, String user, String password,
                    Map<String, String> properties) implements StoreLocation {
        public Postgres {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(database, "database");
            Objects.requireNonNull(user, "user");
            properties = Map.copyOf(properties);
        }

        public String jdbcUrl() {
            String hostPart = host.contains(":") ? "[" + host + "]" : host;
            return "jdbc:postgresql://" + hostPart + ":" + port + "/" + database;
        }

        /** {@code host:port} as a user would type it. */
        public String address() {
            return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        }

        @Override
        public String describe() {
            return "PostgreSQL store " + address() + "/" + database + " (user " + user + ")";
        }

        @Override
        public String argument() {
            StringBuilder url = new StringBuilder("postgresql://" + address() + "/" + database + "?user=" + encode(user));
            properties.forEach((key, value) -> url.append('&').append(encode(key)).append('=').append(encode(value)));
            return url.toString();
        }

        private static String encode(String text) {
            return java.net.URLEncoder.encode(text, StandardCharsets.UTF_8);
        }

        /** Leaves the password out. */
        @Override
        public String toString() {
            return "Postgres[" + address() + "/" + database + ", user=" + user + ", password="
                    + (password == null ? "none" : "from PGPASSWORD") + ", properties=" + properties + "]";
        }
    }

    /**
     * Reads {@code --store}: {@code postgresql://HOST[:PORT]/DB?user=USER} (also {@code postgres://},
     * {@code USER@HOST}, or {@code jdbc:postgresql://}) names a PostgreSQL database; anything else is
     * an SQLite file's path.
     *
     * @param env the environment: {@code PGPASSWORD}, and {@code PGUSER} when the URL names no user
     * @throws IllegalArgumentException saying what is wrong with the URL and how it should look
     */
    static StoreLocation parse(String text, Map<String, String> env) {
        Objects.requireNonNull(text, "text");
        String lower = text.toLowerCase(java.util.Locale.ROOT);
        String url = lower.startsWith("jdbc:") ? text.substring("jdbc:".length()) : text;
        String scheme = url.toLowerCase(java.util.Locale.ROOT);
        if (scheme.startsWith("postgresql://") || scheme.startsWith("postgres://")) return postgres(text, url, env);
        if (scheme.matches("^[a-z][a-z0-9+.-]*://.*")) {
            throw new IllegalArgumentException("--store " + text + ": unknown kind of store URL; give an SQLite file's"
                    + " path or postgresql://HOST:PORT/DB?user=USER");
        }
        try {
            return new SqliteFile(Path.of(text));
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("--store " + text + " is not a valid file path: " + e.getReason());
        }
    }

    private static Postgres postgres(String given, String url, Map<String, String> env) {
        String shape = "; write it as postgresql://HOST:PORT/DB?user=USER (the password in PGPASSWORD or ~/.pgpass)";
        if (url.matches("(?s)[^:]+://[^/@?]*:[^/@?]*@.*") || url.toLowerCase(java.util.Locale.ROOT).contains("password=")) {
            throw passwordGiven(given);
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("--store " + given + " is not a valid URL (" + e.getReason() + ")" + shape);
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) throw new IllegalArgumentException("--store " + given + " names no host" + shape);
        if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
        int port = uri.getPort() == -1 ? 5432 : uri.getPort();
        String path = uri.getPath() == null ? "" : uri.getPath();
        String database = path.startsWith("/") ? path.substring(1) : path;
        if (database.isEmpty() || database.contains("/")) {
            throw new IllegalArgumentException("--store " + given + " names no database (the part after HOST:PORT/)" + shape);
        }
        Map<String, String> properties = new LinkedHashMap<>();
        String user = null;
        if (uri.getRawUserInfo() != null) {
            String info = uri.getRawUserInfo();
            if (info.contains(":")) throw passwordGiven(given);
            user = decode(info);
        }
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                if (pair.isEmpty()) continue;
                int eq = pair.indexOf('=');
                String key = decode(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                if (key.equalsIgnoreCase("password")) throw passwordGiven(given);
                if (key.equals("user")) user = value;
                else properties.put(key, value);
            }
        }
        if (user == null || user.isEmpty()) user = env.get("PGUSER");
        if (user == null || user.isEmpty()) {
            throw new IllegalArgumentException("--store " + given + " names no user: add ?user=USER (or set PGUSER)");
        }
        String password = env.get("PGPASSWORD");
        return new Postgres(host, port, database, user, password == null || password.isEmpty() ? null : password,
                properties);
    }

    private static IllegalArgumentException passwordGiven(String given) {
        // The URL is not repeated: it holds the password.
        return new IllegalArgumentException("--store: the PostgreSQL URL holds a password; command lines are seen by"
                + " every user of the machine and kept in shell histories. Remove it from the URL and put it in the"
                + " PGPASSWORD environment variable or in ~/.pgpass (HOST:PORT:DB:USER:PASSWORD, mode 0600)");
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }
}
