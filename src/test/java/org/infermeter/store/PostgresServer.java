package org.infermeter.store;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;

/**
 * A real PostgreSQL server for tests, run by the project's own {@code bin/pg-local} (Debian's
 * PostgreSQL binaries; as root, the server runs as the {@code postgres} user). {@link #shared()} is
 * one server for the whole test JVM, each test taking a fresh database of it ({@link #newDatabase()});
 * {@link #startOwn()} is a server of the caller's own, to {@link #stop()}, {@link #start()} or
 * {@link #restart()} mid-test.
 *
 * <p>Where no PostgreSQL binaries are installed the tests that need one are skipped with a message,
 * except on CI ({@code CI=true}), where that is a failure: CI must run them ({@code .ci/run}
 * installs PostgreSQL).
 */
public final class PostgresServer implements AutoCloseable {
    private static final Path SCRIPT = Path.of("bin", "pg-local").toAbsolutePath();
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static PostgresServer shared;

    private final Path dir;
    private final int port;
    private String password;
    private boolean closed;

    private PostgresServer(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    /** The test JVM's server, started on first use and stopped when the JVM exits. */
    public static synchronized PostgresServer shared() {
        if (shared == null) {
            shared = startOwn();
            PostgresServer server = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "stop-test-postgres"));
        }
        return shared;
    }

    /** A server of the caller's own, in a fresh folder on a free port; close it when done. */
    public static PostgresServer startOwn() {
        requireBinaries();
        try {
            Path dir = Files.createTempDirectory("infermeter-pg-");
            // The server's user (postgres, when tests run as root) must be able to enter the folder.
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            PostgresServer server = new PostgresServer(dir, freePort());
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public synchronized void start() {
        script("start");
        if (password == null) {
            try {
                password = Files.readString(dir.resolve("password"), StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Fast shutdown: sessions are ended, committed data kept. */
    public synchronized void stop() {
        script("stop");
    }

    public synchronized void restart() {
        script("restart");
    }

    public int port() {
        return port;
    }

    public String password() {
        return password;
    }

    /** The environment a process needs to use this server's stores: {@code PGPASSWORD}. */
    public Map<String, String> env() {
        return Map.of("PGPASSWORD", password);
    }

    /**
     * A pgpass file ({@code HOST:PORT:DB:USER:PASSWORD}) for this server, for commands run in this
     * JVM, which read {@code PGPASSWORD} from the real environment: pgjdbc reads the file named by
     * the system property {@code org.postgresql.pgpassfile} (or {@code PGPASSFILE}, or {@code ~/.pgpass}).
     */
    public Path pgpassFile() {
        Path file = dir.resolve("pgpass");
        try {
            Files.writeString(file, "127.0.0.1:" + port + ":*:infermeter:" + password + "\n");
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** A new database's {@code --store} URL, with a location that finds the password in {@link #pgpassFile()}. */
    public StoreLocation.Postgres newDatabaseWithoutPassword() {
        StoreLocation.Postgres withPassword = newDatabase();
        return (StoreLocation.Postgres) StoreLocation.parse(withPassword.argument(), Map.of());
    }

    /** The server's own database, {@code infermeter}. */
    public StoreLocation.Postgres location() {
        return location("infermeter");
    }

    /** The {@code --store} URL of a database of this server (the password is not in it: see {@link #env()}). */
    public String url(StoreLocation.Postgres location) {
        return location.argument();
    }

    /** A new, empty database on this server, for one test's store. */
    public StoreLocation.Postgres newDatabase() {
        String name = "t" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        try (Connection c = DriverManager.getConnection(location().jdbcUrl(), "infermeter", password);
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name + " on port " + port + ": " + e, e);
        }
        return location(name);
    }

    private StoreLocation.Postgres location(String database) {
        return (StoreLocation.Postgres) StoreLocation.parse("postgresql://127.0.0.1:" + port + "/" + database
                + "?user=infermeter", Map.of("PGPASSWORD", password));
    }

    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        try {
            script("stop");
        } finally {
            deleteQuietly(dir);
        }
    }

    private void script(String command) {
        ProcessBuilder builder = new ProcessBuilder(SCRIPT.toString(), command).redirectErrorStream(true);
        builder.environment().put("PG_LOCAL_DIR", dir.toString());
        builder.environment().put("PG_LOCAL_PORT", String.valueOf(port));
        // Tests need no durability across power loss; fsync off keeps a loaded CI machine quick.
        builder.environment().put("PG_LOCAL_FSYNC", "off");
        try {
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int exit = process.waitFor();
            if (exit != 0) {
                throw new IllegalStateException("bin/pg-local " + command + " failed (exit " + exit + ") in " + dir
                        + ":\n" + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running bin/pg-local " + command, e);
        }
    }

    /** Skips (or, on CI, fails) when this machine has no PostgreSQL server binaries. */
    static void requireBinaries() {
        boolean found;
        try (Stream<Path> versions = Files.isDirectory(Path.of("/usr/lib/postgresql"))
                ? Files.list(Path.of("/usr/lib/postgresql")) : Stream.empty()) {
            found = versions.anyMatch(v -> Files.isExecutable(v.resolve("bin/pg_ctl")))
                    || System.getenv("PG_BIN") != null || onPath("pg_ctl");
        } catch (IOException e) {
            found = false;
        }
        if (found) return;
        String message = "no PostgreSQL server binaries (initdb, pg_ctl) on this machine: the PostgreSQL store tests"
                + " need them (Debian: apt-get install postgresql; or set PG_BIN)";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) fail(message + "; on CI they must run (.ci/run installs them)");
        Assumptions.abort(message + "; skipped");
    }

    private static boolean onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) return false;
        for (String folder : path.split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(folder, program))) return true;
        }
        return false;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            List<Path> all = files.sorted(Comparator.reverseOrder()).toList();
            for (Path p : all) Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // A temporary folder left behind is harmless.
        }
    }
}
