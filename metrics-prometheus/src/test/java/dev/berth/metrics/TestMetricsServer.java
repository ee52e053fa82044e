package dev.berth.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.core.model.Snapshot;
import dev.berth.core.spi.BerthException;
import dev.berth.core.spi.ConfigException;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The HTTP side, on a port of 127.0.0.1 that the system chooses. */
final class TestMetricsServer {

    private static final ListenAddress ANY_PORT = new ListenAddress("127.0.0.1", 0);

    private final PrometheusTelemetry telemetry = new PrometheusTelemetry(new PrometheusRegistry());
    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> get(MetricsServer server, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesTheMetricsInPrometheusTextFormat() throws Exception {
        telemetry.configWritten();
        try (MetricsServer server = MetricsServer.start(ANY_PORT, telemetry)) {
            HttpResponse<String> metrics = get(server, "/metrics");

            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(type -> assertThat(type).startsWith("text/plain; version=0.0.4"));
            assertThat(metrics.body()).contains("# TYPE berth_config_writes_total counter\n", "\nberth_config_writes_total 1.0\n");
        }
    }

    @Test
    void healthzAnswers503WithTheReasonOrElse200() throws Exception {
        try (MetricsServer server = MetricsServer.start(ANY_PORT, telemetry)) {
            HttpResponse<String> starting = get(server, "/healthz");
            assertThat(starting.statusCode()).isEqualTo(503);
            assertThat(starting.body()).isEqualTo("no configuration in effect yet\n");

            telemetry.configUnchanged(Snapshot.EMPTY);
            HttpResponse<String> healthy = get(server, "/healthz");
            assertThat(healthy.statusCode()).isEqualTo(200);
            assertThat(healthy.body()).isEqualTo("ok\n");

            telemetry.dockerLost("the Docker event stream ended");
            HttpResponse<String> unhealthy = get(server, "/healthz");
            assertThat(unhealthy.statusCode()).isEqualTo(503);
            assertThat(unhealthy.body()).isEqualTo("Docker unreachable: the Docker event stream ended\n");
        }
    }

    @Test
    void otherPathsAreNotFound() throws Exception {
        try (MetricsServer server = MetricsServer.start(ANY_PORT, telemetry)) {
            assertThat(get(server, "/").statusCode()).isEqualTo(404);
            assertThat(get(server, "/-/healthy").statusCode()).isEqualTo(404);
        }
    }

    @Test
    void aPortInUseIsAConfigurationErrorThatNamesTheAddress() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            ListenAddress address = new ListenAddress("127.0.0.1", taken.getLocalPort());

            assertThatThrownBy(() -> MetricsServer.start(address, telemetry))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageStartingWith("cannot serve metrics on 127.0.0.1:" + taken.getLocalPort() + ": ")
                    .extracting(e -> ((BerthException) e).exitCode()).isEqualTo(3);
        }
    }
}
