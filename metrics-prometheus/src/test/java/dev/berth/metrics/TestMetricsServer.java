package dev.berth.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.core.spi.BerthException;
import dev.berth.core.spi.ConfigException;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The HTTP side, on a port of 127.0.0.1 that the system chooses. */
final class TestMetricsServer {

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final PrometheusTelemetry telemetry = new PrometheusTelemetry(registry);
    private final AtomicReference<Health.Status> health = new AtomicReference<>(new Health.Status(true, "ok"));
    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> get(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesTheMetricsInPrometheusTextFormat() throws Exception {
        telemetry.configWritten();
        try (MetricsServer server = MetricsServer.start(new ListenAddress("127.0.0.1", 0), registry, health::get)) {
            HttpResponse<String> metrics = get(server.port(), "/metrics");

            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/plain; version=0.0.4"));
            assertThat(metrics.body()).contains("# TYPE berth_config_writes_total counter\n", "\nberth_config_writes_total 1.0\n");
        }
    }

    @Test
    void healthzAnswers200OrElse503WithTheReason() throws Exception {
        try (MetricsServer server = MetricsServer.start(new ListenAddress("127.0.0.1", 0), registry, health::get)) {
            HttpResponse<String> healthy = get(server.port(), "/healthz");
            assertThat(healthy.statusCode()).isEqualTo(200);
            assertThat(healthy.body()).isEqualTo("ok\n");

            health.set(new Health.Status(false, "Docker unreachable: the Docker event stream ended"));
            HttpResponse<String> unhealthy = get(server.port(), "/healthz");
            assertThat(unhealthy.statusCode()).isEqualTo(503);
            assertThat(unhealthy.body()).isEqualTo("Docker unreachable: the Docker event stream ended\n");

            assertThat(get(server.port(), "/").statusCode()).isEqualTo(404);
            assertThat(get(server.port(), "/-/healthy").statusCode()).isEqualTo(404);
        }
    }

    @Test
    void aPortInUseIsAConfigurationErrorThatNamesTheAddress() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            ListenAddress address = new ListenAddress("127.0.0.1", taken.getLocalPort());

            assertThatThrownBy(() -> MetricsServer.start(address, registry, health::get))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageStartingWith("cannot serve metrics on 127.0.0.1:" + taken.getLocalPort() + ": ")
                    .extracting(e -> ((BerthException) e).exitCode()).isEqualTo(3);
        }
    }
}
