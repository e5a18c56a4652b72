package org.infermeter.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.infermeter.sample.Exchange;
import org.infermeter.sample.Outcome;
import org.infermeter.sample.Protocol;
import org.junit.jupiter.api.Test;

/**
 * Servers that fail in the ways real providers do. Every failure must come back as an Outcome,
 * never as an exception or a hang. Timeouts are short; assertions are about kinds, not timings.
 */
class HostileServerTest {
    private static final String ROLE_CHUNK = "data: {\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"}}]}\n\n";
    private static final String CONTENT_CHUNK = "data: {\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"hi\"}}]}\n\n";
    private static final String SSE_HEAD = "Content-Type: text/event-stream";
    /** Only a guard against a hang: the design bounds every call by the total timeout (under a second here). */
    private static final Duration HANG_GUARD = Duration.ofSeconds(20);

    /** Holds a server thread until the test ends, without sleeping on a guess. */
    private final CountDownLatch testDone = new CountDownLatch(1);

    private Exchange sendTo(ScriptedServer.Script script, long firstTokenMillis, long totalMillis) throws Exception {
        try (ScriptedServer server = new ScriptedServer(script);
             StreamingClient client = new StreamingClient(TestEndpoints.endpoint(server.baseUrl(), firstTokenMillis, totalMillis))) {
            return assertTimeoutPreemptively(HANG_GUARD, () -> client.send(TestEndpoints.HELLO));
        } finally {
            testDone.countDown();
        }
    }

    private Exchange sendTo(ScriptedServer.Script script) throws Exception {
        return sendTo(script, 2_000, 4_000);
    }

    @Test
    void http500WithJsonBodyReportsTheProvidersMessage() throws Exception {
        Exchange x = sendTo((req, out) -> {
            ScriptedServer.fixed(out, 500, "application/json",
                    "{\"error\":{\"message\":\"The server had an error while processing your request.\",\"type\":\"server_error\"}}");
            return true;
        });
        Outcome.HttpError e = assertInstanceOf(Outcome.HttpError.class, x.outcome());
        assertEquals(500, e.status());
        assertEquals("The server had an error while processing your request.", e.message());
        assertEquals(-1, e.retryAfterSeconds());
        assertEquals(500, x.httpStatus());
        assertFalse(x.hasTtft());
        assertTrue(x.ttfbNanos() >= 0, "the error response still has a first byte");
    }

    @Test
    void http502HtmlPageIsSummarisedByItsTitle() throws Exception {
        Exchange x = sendTo((req, out) -> {
            ScriptedServer.fixed(out, 502, "text/html",
                    "<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1>"
                            + "<p>" + "padding ".repeat(500) + "</p></body></html>");
            return true;
        });
        Outcome.HttpError e = assertInstanceOf(Outcome.HttpError.class, x.outcome());
        assertEquals("http_502", e.kind());
        assertTrue(e.message().contains("502 Bad Gateway") && e.message().length() < 300, e.message());
    }

    @Test
    void http429CarriesRetryAfter() throws Exception {
        Exchange x = sendTo((req, out) -> {
            ScriptedServer.fixed(out, 429, "application/json", "{\"error\":{\"message\":\"Rate limit reached\",\"code\":429}}",
                    "Retry-After: 7", "x-ratelimit-remaining-requests: 0");
            return true;
        });
        Outcome.HttpError e = assertInstanceOf(Outcome.HttpError.class, x.outcome());
        assertEquals(7, e.retryAfterSeconds());
        assertTrue(e.message().startsWith("Rate limit reached"), e.message());
        assertEquals("0", x.serverHeaders().get("x-ratelimit-remaining-requests"));
        assertEquals("7", x.serverHeaders().get("retry-after"));
    }

    @Test
    void connectionRefusedIsAConnectFailure() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        Endpoint endpoint = TestEndpoints.endpoint(URI.create("http://127.0.0.1:" + closedPort + "/v1"), 2_000, 4_000);
        try (StreamingClient client = new StreamingClient(endpoint)) {
            Exchange x = assertTimeoutPreemptively(HANG_GUARD, () -> client.send(TestEndpoints.HELLO));
            Outcome.ConnectFailure f = assertInstanceOf(Outcome.ConnectFailure.class, x.outcome());
            assertTrue(f.message().contains(String.valueOf(closedPort)), f.message());
            assertEquals(0, x.httpStatus());
            assertEquals(Exchange.ABSENT, x.ttfbNanos());
        }
    }

    @Test
    void serverClosingBeforeAnyResponseIsAConnectFailure() throws Exception {
        Exchange x = sendTo((req, out) -> false);
        assertInstanceOf(Outcome.ConnectFailure.class, x.outcome());
    }

    @Test
    void serverThatNeverAnswersHitsTheFirstTokenTimeout() throws Exception {
        Exchange x = sendTo((req, out) -> {
            testDone.await();
            return false;
        }, 300, 2_000);
        Outcome.FirstTokenTimeout t = assertInstanceOf(Outcome.FirstTokenTimeout.class, x.outcome());
        assertTrue(t.message().contains("300 ms") && t.message().contains("no response"), t.message());
        assertEquals(Exchange.ABSENT, x.ttfbNanos());
        assertTrue(x.e2eNanos() >= Duration.ofMillis(300).toNanos(), "cannot give up before the deadline");
    }

    @Test
    void roleChunkThenSilenceIsAFirstTokenTimeoutNotATtft() throws Exception {
        Exchange x = sendTo((req, out) -> {
            ScriptedServer.head(out, 200, SSE_HEAD, "Transfer-Encoding: chunked");
            ScriptedServer.chunk(out, ROLE_CHUNK);
            ScriptedServer.chunk(out, ": keep-alive\n\n");
            testDone.await();
            return false;
        }, 1_500, 5_000); // long enough for the headers to arrive on a loaded machine: the status is asserted
        assertInstanceOf(Outcome.FirstTokenTimeout.class, x.outcome());
        assertEquals(200, x.httpStatus());
        assertTrue(x.ttfbNanos() >= 0);
        assertFalse(x.hasTtft(), "a role chunk is not a token");
        assertEquals("m", x.responseModel());
    }

    @Test
    void slowStreamPastTheTotalTimeoutIsATotalTimeout() throws Exception {
        Exchange x = sendTo((req, out) -> {
            ScriptedServer.head(out, 200, SSE_HEAD, "Transfer-Encoding: chunked");
            while (testDone.getCount() > 0) { // until the client hangs up (write fails) or the test ends
                ScriptedServer.chunk(out, CONTENT_CHUNK);
                Thread.sleep(50); // the pace of the slow stream, not a wait for the test
            }
            return false;
        }, 300, 800);
        assertInstanceOf(Outcome.TotalTimeout.class, x.outcome());
        assertTrue(x.hasTtft());
        assertTrue(x.contentEventCount() >= 1);
        assertTrue(x.e2eNanos() >= Duration.ofMillis(800).toNanos());
    }

    @Test
    void closeDelimitedStreamEndingBeforeDoneIsAStreamCut() throws Exception {
        Exchange x = sendTo((req, out) -> {
            ScriptedServer.head(out, 200, SSE_HEAD, "Connection: close");
            out.write((ROLE_CHUNK + CONTENT_CHUNK + CONTENT_CHUNK).getBytes(StandardCharsets.UTF_8));
            return false;
        });
        Outcome.StreamCut cut = assertInstanceOf(Outcome.StreamCut.class, x.outcome());
        assertTrue(cut.message().contains("3 events"), cut.message());
        assertEquals(2, x.contentEventCount());
    }

    @Test
    void chunkedStreamCutMidChunkIsAStreamCut() throws Exception {
        Exchange x = sendTo((req, out) -> {
            ScriptedServer.head(out, 200, SSE_HEAD, "Transfer-Encoding: chunked");
            ScriptedServer.chunk(out, ROLE_CHUNK + CONTENT_CHUNK);
            out.write("400\r\ndata: {\"choi".getBytes(StandardCharsets.US_ASCII)); // promises 1024 bytes, sends 16
            out.flush();
            return false;
        });
        assertInstanceOf(Outcome.StreamCut.class, x.outcome());
        assertTrue(x.hasTtft());
    }

    @Test
    void finishReasonThenCleanCloseWithoutDoneIsCompleted() throws Exception {
        Exchange x = sendTo((req, out) -> {
            ScriptedServer.head(out, 200, SSE_HEAD, "Connection: close");
            out.write((CONTENT_CHUNK + "data: {\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}")
                    .getBytes(StandardCharsets.UTF_8));
            return false;
        });
        assertEquals(new Outcome.Completed("stop"), x.outcome());
    }

    @Test
    void okStatusWithHtmlBodyIsMalformed() throws Exception {
        Exchange x = sendTo((req, out) -> {
            ScriptedServer.fixed(out, 200, "text/html; charset=utf-8", "<html><head><title>Login</title></head></html>");
            return true;
        });
        Outcome.MalformedStream m = assertInstanceOf(Outcome.MalformedStream.class, x.outcome());
        assertTrue(m.message().contains("text/html") && m.message().contains("Login"), m.message());
    }

    @Test
    void invalidUtf8IsMalformed() throws Exception {
        Exchange x = sendTo((req, out) -> {
            ScriptedServer.head(out, 200, SSE_HEAD, "Transfer-Encoding: chunked");
            ScriptedServer.chunk(out, CONTENT_CHUNK);
            ScriptedServer.chunk(out, new byte[] {'d', 'a', 't', 'a', ':', ' ', (byte) 0xFF, (byte) 0xFE, '\n', '\n'});
            ScriptedServer.chunk(out, "data: [DONE]\n\n");
            ScriptedServer.lastChunk(out);
            return true;
        });
        Outcome.MalformedStream m = assertInstanceOf(Outcome.MalformedStream.class, x.outcome());
        assertTrue(m.message().contains("UTF-8"), m.message());
    }

    @Test
    void unparseableJsonIsMalformed() throws Exception {
        Exchange x = sendTo((req, out) -> {
            ScriptedServer.fixed(out, 200, "text/event-stream", CONTENT_CHUNK + "data: {\"choices\": [oops\n\ndata: [DONE]\n\n");
            return true;
        });
        Outcome.MalformedStream m = assertInstanceOf(Outcome.MalformedStream.class, x.outcome());
        assertTrue(m.message().contains("oops"), m.message());
    }

    @Test
    void errorEventMidStreamIsAStreamError() throws Exception {
        Exchange x = sendTo((req, out) -> {
            ScriptedServer.fixed(out, 200, "text/event-stream", CONTENT_CHUNK
                    + "event: error\ndata: {\"error\":{\"message\":\"Upstream overloaded\",\"code\":\"overloaded\"}}\n\n");
            return true;
        });
        Outcome.StreamErrorEvent e = assertInstanceOf(Outcome.StreamErrorEvent.class, x.outcome());
        assertEquals("Upstream overloaded (code overloaded)", e.message());
        assertTrue(x.hasTtft());
    }

    @Test
    void keyEchoedByTheServerNeverReachesTheExchange() throws Exception {
        String key = TestEndpoints.API_KEY;
        Exchange x = sendTo((req, out) -> {
            String auth = req.header("authorization");
            ScriptedServer.fixed(out, 401, "application/json",
                    "{\"error\":{\"message\":\"Incorrect API key provided: " + key + ". You sent header '" + auth + "'\"}}",
                    "x-request-id: req-" + key);
            return true;
        });
        Outcome.HttpError e = assertInstanceOf(Outcome.HttpError.class, x.outcome());
        assertTrue(e.message().startsWith("Incorrect API key provided: ***"), e.message());
        assertFalse(e.message().contains(key), e.message());
        assertFalse(e.message().contains("SECRET"), e.message());
        assertFalse(x.toString().contains(key));
        assertFalse(x.serverHeaders().toString().contains(key), x.serverHeaders().toString());
    }

    @Test
    void keyEchoedInsideAStreamErrorEventIsScrubbed() throws Exception {
        String key = TestEndpoints.API_KEY;
        Exchange x = sendTo((req, out) -> {
            ScriptedServer.fixed(out, 200, "text/event-stream",
                    "data: {\"error\":{\"message\":\"key " + key + " revoked\"}}\n\ndata: [DONE]\n\n");
            return true;
        });
        assertEquals(new Outcome.StreamErrorEvent("key *** revoked"), x.outcome());
    }


    @Test
    void errorStatusWhoseBodyNeverEndsIsStillAnHttpError() throws Exception {
        Exchange x = sendTo((req, out) -> {
            ScriptedServer.head(out, 503, "Content-Type: application/json", "Transfer-Encoding: chunked");
            ScriptedServer.chunk(out, "{\"error\":{\"message\":\"overloaded\"");
            testDone.await();
            return false;
        }, 300, 600);
        Outcome.HttpError e = assertInstanceOf(Outcome.HttpError.class, x.outcome());
        assertEquals(503, e.status());
        assertTrue(e.message().contains("overloaded"), e.message());
    }

    @Test
    void aRedirectIsNotFollowedAndNamesItsLocation() throws Exception {
        try (ScriptedServer server = new ScriptedServer((req, out) -> {
            ScriptedServer.fixed(out, 301, "text/html", "<html><title>Moved</title></html>",
                    "Location: https://api.example.com/v2/chat/completions");
            return true;
        }); StreamingClient client = new StreamingClient(TestEndpoints.endpoint(server.baseUrl(), 2_000, 4_000))) {
            Exchange x = assertTimeoutPreemptively(HANG_GUARD, () -> client.send(TestEndpoints.HELLO));
            Outcome.HttpError e = assertInstanceOf(Outcome.HttpError.class, x.outcome());
            assertEquals(301, e.status());
            assertTrue(e.message().contains("https://api.example.com/v2/chat/completions")
                    && e.message().contains("not followed") && e.message().contains("base_url"), e.message());
            assertEquals(1, server.requests.size(), "the key was not sent on to the new location");
        } finally {
            testDone.countDown();
        }
    }

    @Test
    void anEndlessLineIsCutAtTheCapAndIsMalformed() throws Exception {
        byte[] block = "x".repeat(64 * 1024).getBytes(StandardCharsets.US_ASCII);
        Exchange x = sendTo((req, out) -> {
            ScriptedServer.head(out, 200, SSE_HEAD, "Transfer-Encoding: chunked");
            ScriptedServer.chunk(out, CONTENT_CHUNK);
            ScriptedServer.chunk(out, "data: ");
            // Far more than the cap, then hold: the client must stop reading on its own.
            for (int i = 0; i < 2 * SseParser.DEFAULT_MAX_LINE_BYTES / block.length && testDone.getCount() > 0; i++) {
                ScriptedServer.chunk(out, block);
            }
            testDone.await();
            return false;
        }, 2_000, 15_000);
        Outcome.MalformedStream m = assertInstanceOf(Outcome.MalformedStream.class, x.outcome());
        assertTrue(m.message().contains("longer than " + SseParser.DEFAULT_MAX_LINE_BYTES + " bytes"), m.message());
        assertTrue(x.hasTtft(), "what came before the runaway line is kept");
    }

    @Test
    void aDoneThatNeverComesOnAnOpenConnectionEndsAtTheTotalTimeout() throws Exception {
        Exchange x = sendTo((req, out) -> {
            ScriptedServer.head(out, 200, SSE_HEAD, "Transfer-Encoding: chunked");
            ScriptedServer.chunk(out, ROLE_CHUNK + CONTENT_CHUNK
                    + "data: {\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n");
            testDone.await();
            return false;
        }, 300, 800);
        Outcome.TotalTimeout t = assertInstanceOf(Outcome.TotalTimeout.class, x.outcome());
        assertTrue(t.message().contains("800 ms") && t.message().contains("1 content events"), t.message());
        assertTrue(x.hasTtft());
        assertEquals(1, x.contentEventCount());
    }

    @Test
    void anAnthropicStreamCutBeforeMessageStopIsAStreamCut() throws Exception {
        try (ScriptedServer server = new ScriptedServer((req, out) -> {
            ScriptedServer.head(out, 200, SSE_HEAD, "Connection: close");
            out.write(("event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"model\":\"c\"}}\n\n"
                    + "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,"
                    + "\"delta\":{\"type\":\"text_delta\",\"text\":\"Hel\"}}\n\n").getBytes(StandardCharsets.UTF_8));
            return false;
        }); StreamingClient client = new StreamingClient(
                TestEndpoints.endpoint(server.baseUrl(), Protocol.ANTHROPIC, 2_000, 4_000, false))) {
            Exchange x = assertTimeoutPreemptively(HANG_GUARD, () -> client.send(TestEndpoints.HELLO));
            Outcome.StreamCut cut = assertInstanceOf(Outcome.StreamCut.class, x.outcome());
            assertTrue(cut.message().contains("2 events"), cut.message());
            assertTrue(x.hasTtft());
        } finally {
            testDone.countDown();
        }
    }

    @Test
    void aGeminiStreamClosedBeforeAFinishReasonIsAStreamCut() throws Exception {
        try (ScriptedServer server = new ScriptedServer((req, out) -> {
            ScriptedServer.head(out, 200, SSE_HEAD, "Connection: close");
            out.write("data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"Hi\"}]}}]}\r\n\r\n"
                    .getBytes(StandardCharsets.UTF_8));
            return false;
        }); StreamingClient client = new StreamingClient(
                TestEndpoints.endpoint(server.baseUrl(), Protocol.GEMINI, 2_000, 4_000, false))) {
            Exchange x = assertTimeoutPreemptively(HANG_GUARD, () -> client.send(TestEndpoints.HELLO));
            assertInstanceOf(Outcome.StreamCut.class, x.outcome());
        } finally {
            testDone.countDown();
        }
    }
}
