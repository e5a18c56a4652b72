package org.infermeter.route;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.infermeter.client.Relay;
import org.infermeter.client.SseEvent;
import org.infermeter.sample.Exchange;
import org.infermeter.sample.Outcome;

/**
 * Sends the winner's answer to the client. Streamed: each read of the provider's socket becomes one write
 * and flush to the client, event by event as they arrived; the next read waits for the write, so a slow
 * client slows the provider's stream instead of filling the gateway's memory. A client that goes away
 * closes the provider's connection. An error after the first byte ends the stream with the provider's
 * message in the protocol's own error shape. Not streamed: the answer is read to its end and sent whole.
 */
final class AnswerWriter {
    /**
     * @param clientTtftNanos from arrival to the answer's first event written to the client (streamed), or to
     *                        the whole answer written (not streamed); {@link Exchange#ABSENT} when nothing was
     * @param exchange        the provider's request as measured
     * @param clientGone      the client went away before the end
     */
    record Written(long clientTtftNanos, Exchange exchange, boolean clientGone) { }

    private AnswerWriter() {
    }

    static Written stream(HttpExchange http, ClientProtocol protocol, Attempt winner, ModelNames names,
                          long arrivalNanos, long totalDeadlineNanos) {
        Relay relay = winner.relay;
        long clientTtft = Exchange.ABSENT;
        try {
            http.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
            http.getResponseHeaders().set("Cache-Control", "no-cache");
            http.getResponseHeaders().set("x-infermeter-provider", winner.provider());
            http.sendResponseHeaders(200, 0);
            OutputStream out = http.getResponseBody();
            write(out, names, winner.eventsBeforeAnswer());
            clientTtft = System.nanoTime() - arrivalNanos;
            while (!relay.ended()) {
                Relay.Read read = relay.read(totalDeadlineNanos);
                if (read.timedOut()) {
                    relay.close();
                    out.write(protocol.errorEvent("the provider's stream did not finish within the total timeout")
                            .getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    return new Written(clientTtft, relay.exchange(), false);
                }
                write(out, names, read.events());
            }
            Exchange exchange = relay.exchange();
            Outcome outcome = exchange.outcome();
            // An error event from the provider went through as it came; any other failure is told in the protocol's shape.
            if (!outcome.completed() && !(outcome instanceof Outcome.StreamErrorEvent)) {
                out.write(protocol.errorEvent(winner.provider() + ": " + outcome.kind() + ": " + outcome.message())
                        .getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
            // The body ends when the caller closes the exchange, after the sample is stored: a client that saw
            // its stream end can count on the sample being on disk.
            return new Written(clientTtft, exchange, false);
        } catch (IOException clientWentAway) {
            relay.close();
            return new Written(clientTtft, relay.exchange(), true);
        } catch (InterruptedException e) {
            relay.close();
            Thread.currentThread().interrupt();
            return new Written(clientTtft, relay.exchange(), true);
        }
    }

    static Written whole(HttpExchange http, ClientProtocol protocol, Attempt winner, String clientModel,
                         long arrivalNanos, long totalDeadlineNanos) throws IOException {
        Relay relay = winner.relay;
        try {
            while (!relay.ended()) {
                if (relay.read(totalDeadlineNanos).timedOut()) relay.close();
            }
        } catch (InterruptedException e) {
            relay.close();
            Thread.currentThread().interrupt();
        }
        Exchange exchange = relay.exchange();
        http.getResponseHeaders().set("x-infermeter-provider", winner.provider());
        if (!exchange.outcome().completed()) {
            Gateway.sendJson(http, 502, protocol.errorBody(winner.provider() + ": " + exchange.outcome().kind() + ": "
                    + exchange.outcome().message(), protocol.errorType(502)));
            return new Written(Exchange.ABSENT, exchange, false);
        }
        List<SseEvent> before = winner.eventsBeforeAnswer();
        String body = protocol.wholeAnswer(clientModel, before.isEmpty() ? null : before.get(0), relay.visibleText(),
                relay.finishReason(), exchange.usage());
        Gateway.sendJson(http, 200, body);
        return new Written(System.nanoTime() - arrivalNanos, exchange, false);
    }

    private static void write(OutputStream out, ModelNames names, List<SseEvent> events) throws IOException {
        if (events.isEmpty()) return;
        StringBuilder text = new StringBuilder(256 * events.size());
        for (SseEvent e : events) names.append(text, e);
        out.write(text.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
