package org.infermeter.web;

import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import io.javalin.http.staticfiles.Location;
import io.javalin.util.JavalinBindException;
import org.infermeter.sample.UserError;
import org.infermeter.store.SampleStore;
import org.infermeter.web.DashboardModel.Landed;
import org.infermeter.web.DashboardModel.Series;

/**
 * {@code infermeter serve} over HTTP (Javalin on Jetty): {@code /} the page (bundled into the jar at build
 * time, loading nothing from elsewhere), {@code /api/cells} the figures as JSON,
 * {@code /api/cells/{id}/series?window=24h} one cell's requests and TTFT histogram, {@code /api/events}
 * server-sent events when samples land, and {@code /metrics} in the Prometheus text format.
 */
public final class DashboardServer implements AutoCloseable {
    /** Where the page's files are on the class path, put there by the build (bin/build-web). */
    static final String PAGE = "/web";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Dashboard dashboard;
    private final Javalin app;
    private final Set<SseClient> listeners = ConcurrentHashMap.newKeySet();
    private final Consumer<Landed> broadcast = this::broadcast;

    private DashboardServer(Dashboard dashboard, Javalin app) {
        this.dashboard = dashboard;
        this.app = app;
    }

    /**
     * Loads the last week of samples from the store, then serves them and polls the store every
     * {@code pollEvery} for new ones.
     *
     * @param store an open store, read only; the caller closes it after this server
     * @throws UserError when the page is missing from the build, or the port is taken
     */
    public static DashboardServer start(SampleStore store, String bind, int port, Duration pollEvery, Clock clock) {
        if (DashboardServer.class.getResource(PAGE + "/index.html") == null) {
            throw new UserError("the dashboard page is missing from this build (no " + PAGE
                    + "/index.html on the class path); build with ./mvnw package, which needs node and npm (bin/build-web)");
        }
        Dashboard dashboard = new Dashboard(store, clock);
        dashboard.start(pollEvery);
        DashboardServer[] self = new DashboardServer[1];
        Javalin app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.jetty.host = bind;
            config.jetty.port = port;
            config.staticFiles.add(PAGE, Location.CLASSPATH);
            config.routes.get("/api/cells", ctx -> json(ctx, dashboard.cells()));
            config.routes.get("/api/cells/{id}/series", ctx -> {
                String window = ctx.queryParamMap().containsKey("window") ? ctx.queryParam("window") : "24h";
                Series series = dashboard.series(ctx.pathParam("id"), window);
                if (series == null) {
                    ctx.status(404).contentType("text/plain; charset=utf-8").result("no cell " + ctx.pathParam("id")
                            + " with samples in the last week, or no window \"" + window + "\" (windows: "
                            + DashboardFigures.WINDOWS.keySet() + "); the cells are listed by /api/cells");
                    return;
                }
                json(ctx, series);
            });
            config.routes.sse("/api/events", client -> self[0].listen(client));
            config.routes.get("/metrics", ctx -> ctx.contentType(dashboard.metrics().contentType())
                    .result(dashboard.metrics().scrape()));
        });
        DashboardServer server = new DashboardServer(dashboard, app);
        self[0] = server;
        dashboard.subscribe(server.broadcast);
        try {
            app.start();
        } catch (JavalinBindException e) {
            dashboard.close();
            throw new UserError("cannot listen on " + bind + ":" + port + " (" + e.getMessage() + "); pass another --port,"
                    + " or stop what is using it", e);
        } catch (RuntimeException e) {
            dashboard.close();
            throw e;
        }
        return server;
    }

    /** The port it listens on (the one chosen when started with port 0). */
    public int port() {
        return app.port();
    }

    /** Reads the store now instead of at the next tick; returns how many samples landed. For tests. */
    public int pollNow() {
        return dashboard.pollNow();
    }

    private void listen(SseClient client) {
        client.onClose(() -> listeners.remove(client));
        listeners.add(client);
        client.sendComment("connected");
        // Last: in Javalin 7 it holds this request's thread until the client goes away.
        client.keepAlive();
    }

    private void broadcast(Landed landed) {
        String data;
        try {
            data = JSON.writeValueAsString(landed);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        for (SseClient client : listeners) {
            if (client.terminated()) {
                listeners.remove(client);
                continue;
            }
            client.sendEvent("samples", data);
        }
    }

    private static void json(Context ctx, Object body) throws JsonProcessingException {
        ctx.contentType("application/json; charset=utf-8").result(JSON.writeValueAsString(body));
    }

    @Override
    public void close() {
        dashboard.unsubscribe(broadcast);
        for (SseClient client : listeners) client.close();
        app.stop();
        dashboard.close();
    }
}
