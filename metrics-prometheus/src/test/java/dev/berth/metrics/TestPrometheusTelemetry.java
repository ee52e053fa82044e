package dev.berth.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.core.model.Backend;
import dev.berth.core.model.Exclusion;
import dev.berth.core.model.Health;
import dev.berth.core.model.Snapshot;
import dev.berth.core.model.Upstream;
import dev.berth.core.spi.ReloadResult;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.List;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What a scrape shows after the core told the telemetry something: the lines of Prometheus' text format. */
final class TestPrometheusTelemetry {

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final PrometheusTelemetry telemetry = new PrometheusTelemetry(registry);

    private List<String> scrape() {
        return PrometheusTextFormatWriter.create().toDebugString(registry.scrape()).lines()
                .filter(line -> !line.startsWith("#")).toList();
    }

    private static Backend backend(String id, String address) {
        return new Backend(id, "web-" + id, address, 80, 0, false, Health.NONE, new TreeMap<>());
    }

    /** Two containers serve (one of them in two groups), one is stopped, one has a bad label. */
    private static final Snapshot SNAPSHOT = new Snapshot(
            List.of(new Upstream("web", List.of(backend("a", "172.18.0.2"), backend("b", "172.18.0.3"))),
                    new Upstream("api", List.of(backend("a", "172.18.0.2")))),
            List.of(new Exclusion("c", "web-c", Exclusion.Kind.STATE, "not running"),
                    new Exclusion("d", "web-d", Exclusion.Kind.CONFIGURATION, "berth.port: not a number")));

    @Test
    void countsDockerEventsByTypeAndActionAndReconnectsAfterTheFirstSubscription() {
        telemetry.eventReceived("container", "start");
        telemetry.eventReceived("container", "start");
        telemetry.eventReceived("network", "connect");
        telemetry.dockerFollowed();
        telemetry.dockerLost("the Docker event stream ended");
        telemetry.dockerFollowed();

        assertThat(scrape()).contains(
                "berth_docker_events_total{action=\"start\",type=\"container\"} 2.0",
                "berth_docker_events_total{action=\"connect\",type=\"network\"} 1.0",
                "berth_docker_reconnects_total 1.0");
    }

    @Test
    void countsPassesWritesChecksAndReloadsByProxy() {
        telemetry.passStarted(OptionalLong.empty());
        telemetry.passFailed("connection refused");
        telemetry.passStarted(OptionalLong.empty());
        telemetry.passSucceeded();
        telemetry.configWritten();
        telemetry.configChecked(false);
        telemetry.configChecked(true);
        telemetry.reloadSent(SNAPSHOT).accept(List.of(ReloadResult.ok("container nginx", "SIGHUP, new workers"),
                ReloadResult.failed("container other", "no worker processes")), null);
        telemetry.reloadSent(SNAPSHOT).accept(null, new IllegalStateException("Docker went away"));

        assertThat(scrape()).contains(
                "berth_passes_total 2.0",
                "berth_pass_failures_total 1.0",
                "berth_config_writes_total 1.0",
                "berth_config_checks_total 2.0",
                "berth_config_checks_rejected_total 1.0",
                "berth_reloads_sent_total 2.0",
                "berth_reloads_confirmed_total{proxy=\"container nginx\"} 1.0",
                "berth_reloads_failed_total{proxy=\"container other\"} 1.0",
                "berth_reloads_failed_total{proxy=\"unknown\"} 1.0");
    }

    @Test
    void aConfirmedReloadPutsTheSnapshotIntoEffectAndTimesItFromTheFirstEventOfThePass() {
        long before = System.currentTimeMillis() / 1000;
        telemetry.passStarted(OptionalLong.of(System.nanoTime() - TimeUnit.MILLISECONDS.toNanos(300)));
        telemetry.reloadSent(SNAPSHOT).accept(List.of(ReloadResult.ok("container nginx", "SIGHUP")), null);

        assertThat(scrape()).contains(
                "berth_containers_served 2.0",
                "berth_containers_selected 4.0",
                "berth_containers_left_out{kind=\"state\"} 1.0",
                "berth_containers_left_out{kind=\"configuration\"} 1.0",
                "berth_event_to_serving_seconds_bucket{le=\"0.25\"} 0",
                "berth_event_to_serving_seconds_bucket{le=\"0.5\"} 1",
                "berth_event_to_serving_seconds_count 1");
        double inEffect = scrape().stream().filter(line -> line.startsWith("berth_last_config_in_effect_timestamp_seconds "))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.indexOf(' ') + 1))).findFirst().orElseThrow();
        assertThat(inEffect).isBetween((double) before, System.currentTimeMillis() / 1000.0 + 1);
        assertThat(telemetry.health().status().healthy()).isTrue();
    }

    @Test
    void aReloadThatAProxyDidNotConfirmIsNotInEffect() {
        telemetry.passStarted(OptionalLong.of(System.nanoTime()));
        telemetry.reloadSent(SNAPSHOT).accept(List.of(ReloadResult.failed("container nginx", "no new workers in 5 s")), null);

        assertThat(scrape()).contains("berth_event_to_serving_seconds_count 0", "berth_containers_served 0.0");
        assertThat(telemetry.health().status().reason())
                .isEqualTo("the last configuration is not in effect: could not reload container nginx: no new workers in 5 s");
    }

    @Test
    void aPassWithoutEventsIsNotTimed() {
        telemetry.passStarted(OptionalLong.empty());
        telemetry.reloadSent(SNAPSHOT).accept(List.of(ReloadResult.ok("container nginx", "SIGHUP")), null);

        assertThat(scrape()).contains("berth_event_to_serving_seconds_count 0", "berth_containers_served 2.0");
    }

    @Test
    void anUnchangedFileIsInEffect() {
        telemetry.configUnchanged(SNAPSHOT);

        assertThat(scrape()).contains("berth_containers_served 2.0");
        assertThat(telemetry.health().status().healthy()).isTrue();
    }
}
