package dev.berth.cli.e2e;

import static dev.berth.cli.e2e.BerthMetrics.sum;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import dev.berth.cli.e2e.Topology.WebContainer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code berth watch --listen}: a Berth watching real containers and reloading a real nginx serves
 * /metrics whose counters follow what it does, and /healthz that says whether it does its job,
 * also while the Docker daemon does not answer (a private daemon, frozen: see {@link PrivateDockerDaemon}).
 */
final class MetricsIT {

    private static final String LISTEN_ANY_PORT = "127.0.0.1:0";

    @RegisterExtension
    final FailureDiagnostics diagnostics = new FailureDiagnostics();

    @TempDir
    Path work;

    private BerthAndProxy setup;
    private PrivateDockerDaemon daemon;
    private Topology topology;
    private BerthCli.Watch berth;

    @AfterEach
    void removeEverything() {
        try {
            if (setup != null) {
                setup.close();
            }
            if (berth != null) {
                berth.close();
            }
            if (topology != null) {
                topology.close();
            }
        } finally {
            if (daemon != null) {
                daemon.close();
            }
        }
    }

    @Test
    void aScrapeAfterAContainerStartedShowsTheWriteTheConfirmedReloadAndOneMoreServedContainer() throws IOException {
        DockerClient docker = Prerequisites.dockerWithNginxAndBusybox();
        TestImages.backend(docker);
        TestImages.nginx(docker);
        setup = new BerthAndProxy(docker, Prerequisites.berthJar(), work, ProxyKind.NGINX, "metrics-it", diagnostics::add);
        WebContainer first = setup.topology().startWeb();
        setup.startBerthThenProxy(List.of("--listen", LISTEN_ANY_PORT), first);
        BerthMetrics metrics = BerthMetrics.of(setup.berth());
        Map<String, Double> before = metrics.scrape();
        diagnostics.add("scrape before the start", before::toString);

        WebContainer second = setup.topology().startWeb();
        Instant written = setup.awaitServers(first, second);
        setup.awaitReloadSince(written);

        Waiting.upTo30s("/healthz answers 200 once the configuration is in effect")
                .until(() -> metrics.healthz().status() == 200);
        assertThat(metrics.healthz()).isEqualTo(new BerthMetrics.Answer(200, "ok\n"));
        Waiting.upTo30s("Berth counts the confirmed reload")
                .until(() -> sum(metrics.scrape(), "berth_reloads_confirmed_total") > sum(before, "berth_reloads_confirmed_total"));
        Map<String, Double> after = metrics.scrape();
        diagnostics.add("scrape after the start", after::toString);
        assertThat(after.get("berth_docker_events_total{action=\"start\",type=\"container\"}"))
                .as("container start events").isGreaterThan(before.getOrDefault("berth_docker_events_total{action=\"start\",type=\"container\"}", 0.0));
        assertThat(after.get("berth_passes_total")).as("passes").isGreaterThan(before.get("berth_passes_total"));
        assertThat(after.get("berth_config_writes_total")).as("writes").isGreaterThan(before.get("berth_config_writes_total"));
        assertThat(after.get("berth_config_checks_total")).as("checks").isGreaterThan(before.get("berth_config_checks_total"));
        assertThat(after.get("berth_config_checks_rejected_total")).as("rejected checks").isZero();
        assertThat(after.get("berth_reloads_sent_total")).as("reloads sent").isGreaterThan(before.get("berth_reloads_sent_total"));
        assertThat(after.get("berth_containers_served")).as("containers served").isEqualTo(2.0);
        // The engine is shared: other tests' "web" containers are selected too, and left out (not on this network).
        assertThat(after.get("berth_containers_selected")).as("containers selected: served or left out")
                .isEqualTo(after.get("berth_containers_served") + sum(after, "berth_containers_left_out"));
        assertThat(after.get("berth_event_to_serving_seconds_count")).as("starts timed until served")
                .isGreaterThan(before.get("berth_event_to_serving_seconds_count"));
        assertThat(after.get("berth_last_config_in_effect_timestamp_seconds")).as("when the configuration went into effect")
                .isGreaterThanOrEqualTo(written.getEpochSecond() - 1.0);
    }

    @Test
    void healthzIs503WhileTheDockerDaemonDoesNotAnswerAnd200AgainOnceItDoes() throws IOException {
        Prerequisites.nginxBusyboxAndAPrivateDockerDaemon();
        daemon = PrivateDockerDaemon.start();
        diagnostics.add("private dockerd log", daemon::log);
        DockerClient docker = daemon.client();
        TestImages.backend(docker);
        TestImages.nginx(docker);
        topology = Topology.create(docker, daemon.networkOptions(), daemon.networkSubnet());
        Path confD = Files.createDirectories(work.resolve("conf.d"));
        ProxyKind.NGINX.prepare(confD); // the site that proxies to upstream web
        Path webConf = confD.resolve("web.conf");
        WebContainer first = topology.startWeb();
        berth = new BerthCli(Prerequisites.berthJar(), work).withEnvironment("DOCKER_HOST", daemon.host()).watch(
                "--select", BerthAndProxy.WEB,
                "--network", topology.network(),
                "--port", String.valueOf(TestImages.BACKEND_PORT),
                "--output", "conf.d/web.conf",
                "--reload-select", Topology.TYPE_LABEL + "=nginx",
                "--ping-interval", "2",
                "--listen", LISTEN_ANY_PORT);
        diagnostics.add("berth watch output", berth::log);
        Converging.servers(berth, ProxyKind.NGINX, webConf, first.address());
        ProxyContainer nginx = topology.startNginx(confD);
        diagnostics.add("nginx log", nginx::logText);
        Waiting.upTo30s("nginx serves").until(() -> ProxyHttp.get(nginx.port()).served());
        WebContainer second = topology.startWeb();
        Converging.reloadSince(berth, nginx, Converging.servers(berth, ProxyKind.NGINX, webConf, first.address(), second.address()));
        BerthMetrics metrics = BerthMetrics.of(berth);
        Waiting.upTo30s("/healthz answers 200 once the configuration is in effect")
                .until(() -> metrics.healthz().status() == 200);
        double reconnects = metrics.scrape().get("berth_docker_reconnects_total");

        daemon.freeze();
        try {
            Waiting.upTo30s("/healthz answers 503 while the daemon does not answer")
                    .failFast("berth watch exited", () -> !berth.isAlive())
                    .until(() -> metrics.healthz().status() == 503);
            assertThat(metrics.healthz().body()).startsWith("Docker unreachable: ").endsWith("\n").hasLineCount(1);
        } finally {
            daemon.thaw();
        }

        Waiting.upTo30s("/healthz answers 200 again once the daemon answers")
                .failFast("berth watch exited", () -> !berth.isAlive())
                .until(() -> metrics.healthz().status() == 200);
        assertThat(metrics.scrape().get("berth_docker_reconnects_total")).as("reconnects").isGreaterThan(reconnects);
    }
}
