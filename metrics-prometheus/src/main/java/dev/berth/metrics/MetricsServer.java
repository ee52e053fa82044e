package dev.berth.metrics;

import com.sun.net.httpserver.HttpExchange;
import dev.berth.core.spi.ConfigException;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves /metrics (the Prometheus client's own handler, text format) and /healthz (200 "ok", or 503
 * and the reason, one line of plain text) until closed, from the {@link PrometheusTelemetry} that the
 * core tells. Any other path: 404.
 */
public final class MetricsServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MetricsServer.class);

    private final HTTPServer server;
    private final PrometheusTelemetry telemetry;

    private MetricsServer(HTTPServer server, PrometheusTelemetry telemetry) {
        this.server = server;
        this.telemetry = telemetry;
    }

    /**
     * Starts serving now, with a registry of Berth's own metrics.
     *
     * @throws ConfigException when the address cannot be bound (in use, not an address of this machine)
     */
    public static MetricsServer start(ListenAddress address) {
        return start(address, new PrometheusTelemetry(new PrometheusRegistry()));
    }

    static MetricsServer start(ListenAddress address, PrometheusTelemetry telemetry) {
        HTTPServer server;
        try {
            server = HTTPServer.builder()
                    .hostname(address.host())
                    .port(address.port())
                    .registry(telemetry.registry())
                    // The client's /-/healthy only says that the server runs; /healthz says whether Berth works.
                    .registerHealthHandler(false)
                    .defaultHandler(exchange -> answer(exchange, telemetry.health()))
                    .buildAndStart();
        } catch (IOException | RuntimeException e) {
            throw new ConfigException("cannot serve metrics on " + address + ": " + e.getMessage(), e);
        }
        log.info("serving /metrics and /healthz on {}", new ListenAddress(address.host(), server.getPort()));
        return new MetricsServer(server, telemetry);
    }

    /** What the core tells, and what this serves. */
    public PrometheusTelemetry telemetry() {
        return telemetry;
    }

    /** The port it serves on (the one the system chose when the address asked for port 0). */
    public int port() {
        return server.getPort();
    }

    private static void answer(HttpExchange exchange, Health health) throws IOException {
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            if (!exchange.getRequestURI().getPath().equals("/healthz")) {
                send(exchange, 404, "not found; try /metrics or /healthz");
                return;
            }
            Health.Status status = health.status();
            send(exchange, status.healthy() ? 200 : 503, status.reason());
        }
    }

    private static void send(HttpExchange exchange, int code, String line) throws IOException {
        byte[] body = (line + "\n").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(code, head ? -1 : body.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
