package org.infermeter.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.infermeter.config.CampaignSpec;
import org.infermeter.config.ProviderSpec;
import org.infermeter.sim.SimFleet;
import org.infermeter.sim.SimProvider;
import org.infermeter.sim.SimServer;

/**
 * The built-in simulator serving a campaign's {@code simulate:} providers on loopback for as long as
 * the run lasts. Started here, by the command, so that the scheduler never depends on the simulator:
 * to {@code run} a simulated provider is one more base URL.
 */
public final class InProcessSimulator implements AutoCloseable {
    private final SimServer server;

    private InProcessSimulator(SimServer server) {
        this.server = server;
    }

    /**
     * Starts a server for the campaign's simulated providers; starts nothing when it has none.
     *
     * @throws IllegalArgumentException for an unknown simulator profile, naming it and the known ones
     */
    public static InProcessSimulator start(CampaignSpec spec) {
        Map<String, SimProvider> byPrefix = new LinkedHashMap<>();
        for (ProviderSpec p : spec.providers()) {
            if (p.simulate() == null) continue;
            try {
                byPrefix.put(p.name(), SimFleet.named(p.simulate()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(spec.source() + ": provider \"" + p.name() + "\": simulate: "
                        + e.getMessage(), e);
            }
        }
        if (byPrefix.isEmpty()) return new InProcessSimulator(null);
        long seed = spec.simulator() == null ? 42L : spec.simulator().seed();
        double timeScale = spec.simulator() == null ? 1.0 : spec.simulator().timeScale();
        try {
            return new InProcessSimulator(SimServer.start("127.0.0.1", 0, byPrefix, seed, timeScale));
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the built-in simulator on loopback: " + e.getMessage(), e);
        }
    }

    /** The base URL a simulated provider is served at. */
    public URI baseUrl(String provider) {
        if (server == null) throw new IllegalStateException("the campaign has no simulated provider " + provider);
        return server.baseUrl(provider);
    }

    @Override
    public void close() {
        if (server != null) server.close();
    }
}
