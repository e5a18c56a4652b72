package org.infermeter.bench;

import java.net.InetAddress;
import java.time.Duration;
import org.infermeter.canary.CanaryServer;

/**
 * The scale benchmark's server, in a JVM of its own so the client's memory and threads are its
 * own: the canary server (it stamps its own first token) on 127.0.0.1. Prints its port, then
 * serves until killed. Usage: {@code StampServerMain [port=0]}.
 */
public final class StampServerMain {
    private StampServerMain() { }

    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
        try (CanaryServer server = CanaryServer.start(InetAddress.getByName("127.0.0.1"), port, Duration.ofMillis(200), 20,
                Duration.ofMillis(40))) {
            System.out.println(server.port());
            System.out.flush();
            Thread.currentThread().join();
        }
    }
}
