package org.infermeter.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.infermeter.sample.Exchange;
import org.infermeter.sample.Outcome;
import org.infermeter.sample.Protocol;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS stays verified: a self-signed server is refused unless the endpoint explicitly opts out, and
 * the opt-out is logged as a warning; an https URL pointing at a plain-HTTP port says TLS failed.
 */
@Tag("slow") // keytool runs as a child process: run by Failsafe in verify, not in the fast `./mvnw test`
class TlsTest {
    private static final String STREAM = "data: {\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"hi\"},"
            + "\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n";

    @TempDir
    Path dir;

    private static Endpoint https(int port, boolean insecure) {
        return new Endpoint("self-signed", URI.create("https://127.0.0.1:" + port + "/v1"), Protocol.OPENAI,
                TestEndpoints.API_KEY, Map.of(), Map.of(),
                new Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(10)), false, insecure);
    }

    @Test
    void httpsToAPlainHttpPortIsAConnectFailureThatSaysTls() throws Exception {
        // What a plain HTTP server does with a TLS ClientHello: calls it a bad request and hangs up.
        try (ServerSocket plain = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> {
                try (Socket s = plain.accept()) {
                    s.getInputStream().read(new byte[512]);
                    s.getOutputStream().write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                            .getBytes(StandardCharsets.US_ASCII));
                } catch (java.io.IOException ignored) {
                    // the client hung up first: nothing left to answer
                }
            });
            try (StreamingClient client = new StreamingClient(https(plain.getLocalPort(), false))) {
                Exchange x = client.send(TestEndpoints.HELLO);
                Outcome.ConnectFailure f = assertInstanceOf(Outcome.ConnectFailure.class, x.outcome());
                assertTrue(f.message().contains("TLS") && f.message().contains(String.valueOf(plain.getLocalPort())),
                        f.message());
                assertEquals(0, x.httpStatus(), "the plain answer is not an HTTP response to us");
            }
        }
    }

    @Test
    void aSelfSignedCertificateIsRefusedUnlessTheEndpointOptsOutLoudly() throws Exception {
        HttpsServer server = selfSignedServer();
        List<LogRecord> warnings = new CopyOnWriteArrayList<>();
        Logger log = Logger.getLogger(StreamingClient.class.getName());
        Handler capture = new Handler() {
            @Override public void publish(LogRecord r) { warnings.add(r); }
            @Override public void flush() { }
            @Override public void close() { }
        };
        log.addHandler(capture);
        try {
            int port = server.getAddress().getPort();
            try (StreamingClient verifying = new StreamingClient(https(port, false))) {
                Outcome.ConnectFailure f = assertInstanceOf(Outcome.ConnectFailure.class,
                        verifying.send(TestEndpoints.HELLO).outcome());
                assertTrue(f.message().contains("TLS handshake") && f.message().contains("trusted"), f.message());
            }
            assertTrue(warnings.isEmpty(), "no warning while verification is on");

            try (StreamingClient insecure = new StreamingClient(https(port, true))) {
                assertEquals(new Outcome.Completed("stop"), insecure.send(TestEndpoints.HELLO).outcome());
            }
            assertEquals(1, warnings.size());
            LogRecord w = warnings.getFirst();
            assertEquals(Level.WARNING, w.getLevel());
            assertTrue(w.getMessage().contains("INSECURE") && w.getMessage().contains("self-signed")
                    && w.getMessage().contains("insecure_skip_tls_verify"), w.getMessage());
        } finally {
            log.removeHandler(capture);
            server.stop(0);
        }
    }

    /** An HTTPS loopback server with a fresh self-signed certificate made by the JDK's keytool. */
    private HttpsServer selfSignedServer() throws Exception {
        Path keystore = dir.resolve("self-signed.p12");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Process p = new ProcessBuilder(keytool, "-genkeypair", "-alias", "test", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=localhost", "-ext", "san=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", "changeit", "-keypass", "changeit")
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, output);

        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            ks.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "changeit".toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(kmf.getKeyManagers(), null, null);

        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        server.createContext("/", x -> {
            x.getRequestBody().readAllBytes();
            byte[] body = STREAM.getBytes(StandardCharsets.UTF_8);
            x.getResponseHeaders().add("Content-Type", "text/event-stream");
            x.sendResponseHeaders(200, body.length);
            try (var out = x.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return server;
    }
}
