package dev.berth.metrics;

import com.sun.net.httpserver.HttpExchange;
import dev.berth.core.spi.ConfigException;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * Serves /metrics (the Prometheus client's own handler, text format) and /healthz (200 "ok", or 503
 * and the reason, one line of plain text) until closed. Any other path: 404.
 */
public final class MetricsServer implements AutoCloseable {

    private final HTTPServer server;

    private MetricsServer(HTTPServer server) {
        this.server = server;
    }

    /** Starts serving now. @throws ConfigException when the address cannot be bound (in use, not local) */
    public static MetricsServer start(ListenAddress address, PrometheusRegistry registry, Supplier<Health.Status> health) {
        try {
            return new MetricsServer(HTTPServer.builder()
                    .hostname(address.host())
                    .port(address.port())
                    .registry(registry)
                    .registerHealthHandler(false)
                    .defaultHandler(exchange -> answer(exchange, health))
                    .buildAndStart());
        } catch (IOException | RuntimeException e) {
            throw new ConfigException("cannot serve metrics on " + address + ": " + e.getMessage(), e);
        }
    }

    /** The port it serves on (the one chosen when the address asked for port 0). */
    public int port() {
        return server.getPort();
    }

    private static void answer(HttpExchange exchange, Supplier<Health.Status> health) throws IOException {
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            if (!exchange.getRequestURI().getPath().equals("/healthz")) {
                send(exchange, 404, "not found; try /metrics or /healthz");
                return;
            }
            Health.Status status = health.get();
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
