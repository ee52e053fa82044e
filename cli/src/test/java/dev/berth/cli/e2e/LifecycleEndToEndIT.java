package dev.berth.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.HealthCheck;
import dev.berth.cli.e2e.ProxyHttp.Outcome;
import dev.berth.cli.e2e.Topology.WebContainer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * What happens to a backend in real life, followed through a real nginx: it crashes, it is stopped
 * while it still has work, its health check fails and recovers, it moves between networks.
 */
final class LifecycleEndToEndIT {

    private static final String WEB = "com.ameyalokare.type=web";
    private static final String NGINX = "com.ameyalokare.type=nginx";
    private static final int REQUESTS = 20;
    /**
     * How long the draining backend keeps serving after SIGTERM: long enough that Berth's reaction,
     * nginx's reload and the test's requests all fit inside it on a slow, shared machine.
     */
    private static final int DRAIN_SECONDS = 8;

    private static DockerClient docker;
    private static Path jar;
    private static String backend;
    private static String drainingBackend;

    @RegisterExtension
    final FailureDiagnostics diagnostics = new FailureDiagnostics();

    @TempDir
    Path work;

    private Topology topology;
    private BerthCli.Watch berth;
    private ProxyContainer proxy;
    private Path webConf;

    @BeforeAll
    static void machine() {
        docker = Prerequisites.dockerWithNginxAndBusybox();
        jar = Prerequisites.berthJar();
        backend = TestImages.backend(docker);
        drainingBackend = TestImages.drainingBackend(docker, DRAIN_SECONDS);
        TestImages.nginx(docker);
    }

    @BeforeEach
    void siteServedByTheUpstreamThatBerthWrites() throws IOException {
        topology = Topology.create(docker);
        Path confD = Files.createDirectories(work.resolve("conf.d"));
        ProxyKind.NGINX.prepare(confD); // the site that proxies to upstream web
        webConf = confD.resolve("web.conf");
        diagnostics.add("conf.d/web.conf", () -> NginxUpstreams.read(webConf));
    }

    @AfterEach
    void removeEverything() {
        try {
            if (berth != null) {
                berth.close();
            }
        } finally {
            if (topology != null) {
                topology.close();
            }
        }
    }

    @Test
    void aCrashedBackendLeavesTheConfigurationAtOnce() {
        WebContainer staying = topology.startWeb();
        WebContainer crashing = topology.startWeb();
        startBerthThenNginx(List.of("--network", topology.network()), staying, crashing);

        topology.kill(crashing);
        awaitReloadSince(awaitUpstream(staying.address()));

        assertThat(ProxyHttp.get(proxy.port(), REQUESTS)).as("%d requests after %s was killed", REQUESTS, crashing.name())
                .allSatisfy(outcome -> assertThat(outcome).isEqualTo(new Outcome(200, staying.hostname(), null)));
    }

    @Test
    void aStoppingBackendGetsNoNewRequestOnceBerthSawItsSigterm() {
        WebContainer staying = topology.startWeb();
        WebContainer leaving = topology.startWeb(drainingBackend, create -> create);
        startBerthThenNginx(List.of("--network", topology.network()), staying, leaving);

        CompletableFuture<Void> stop = CompletableFuture.runAsync(() -> topology.stop(leaving, 30));
        awaitReloadSince(awaitUpstream(staying.address()));
        assertThat(topology.isRunning(leaving)).as("%s still finishes its work (else this test proves nothing)",
                leaving.name()).isTrue();

        List<Outcome> outcomes = ProxyHttp.get(proxy.port(), REQUESTS);

        assertThat(topology.isRunning(leaving)).as("%s still ran while every request was sent", leaving.name()).isTrue();
        assertThat(outcomes).as("%d requests while %s drains", REQUESTS, leaving.name())
                .allSatisfy(outcome -> assertThat(outcome).isEqualTo(new Outcome(200, staying.hostname(), null)));
        stop.orTimeout(60, TimeUnit.SECONDS).join();
    }

    @Test
    void withNoDrainAStoppingBackendKeepsGettingRequestsUntilItExits() {
        WebContainer staying = topology.startWeb();
        WebContainer leaving = topology.startWeb(drainingBackend, create -> create);
        startBerthThenNginx(List.of("--network", topology.network(), "--no-drain"), staying, leaving);

        CompletableFuture<Void> stop = CompletableFuture.runAsync(() -> topology.stop(leaving, 30));

        Waiting.upTo30s("a request through the proxy answered by the draining " + leaving.name())
                .until(() -> ProxyHttp.get(proxy.port()).body().equals("draining"));
        stop.orTimeout(60, TimeUnit.SECONDS).join();
        awaitUpstream(staying.address());
    }

    @Test
    void aBackendWhoseHealthCheckFailsGetsNoTrafficUntilItPasses() {
        WebContainer healthy = topology.startWeb();
        WebContainer checked = topology.startWeb(backend, create -> create.withHealthcheck(
                new HealthCheck()
                        .withTest(List.of("CMD", "test", "-f", "/tmp/healthy"))
                        .withInterval(Duration.ofSeconds(1).toNanos())
                        .withTimeout(Duration.ofSeconds(1).toNanos())
                        .withRetries(1)));
        startBerthThenNginx(List.of("--network", topology.network()), healthy);
        Waiting.upTo30s(checked.name() + " is unhealthy")
                .until(() -> "unhealthy".equals(docker.inspectContainerCmd(checked.id()).exec().getState().getHealth().getStatus()));

        assertThat(NginxUpstreams.servers(webConf, "web")).as("web.conf while %s is unhealthy", checked.name())
                .containsExactly(healthy.address());
        assertThat(ProxyHttp.get(proxy.port(), REQUESTS)).as("%d requests while %s is unhealthy", REQUESTS, checked.name())
                .allSatisfy(outcome -> assertThat(outcome).isEqualTo(new Outcome(200, healthy.hostname(), null)));

        topology.exec(checked, "touch", "/tmp/healthy");
        awaitReloadSince(awaitUpstream(healthy.address(), checked.address()));

        assertThat(ProxyHttp.get(proxy.port(), REQUESTS)).extracting(Outcome::body)
                .as("who served %d requests once %s passed its check", REQUESTS, checked.name())
                .containsOnly(healthy.hostname(), checked.hostname())
                .contains(checked.hostname());
    }

    @Test
    void aBackendOnTwoNetworksIsReachedOnTheProxysAndConnectsAndDisconnectsAreFollowed() throws IOException {
        String other = topology.createNetwork();
        WebContainer dual = topology.startWeb();
        String dualOther = topology.connect(other, dual);
        // nginx first, so that Berth finds the proxy's network when it starts; until then nothing serves.
        Files.writeString(webConf, "upstream web { server 127.0.0.1:1 down; }\n");
        proxy = topology.startNginx(webConf.getParent());
        diagnostics.add("nginx log", proxy::logText);
        berth = new BerthCli(jar, work).watch("--select", WEB, "--select", topology.runFilter(), "--port", String.valueOf(TestImages.BACKEND_PORT),
                "--output", "conf.d/web.conf", "--reload-select", NGINX);
        diagnostics.add("berth watch output", berth::log);

        awaitReloadSince(awaitUpstream(dual.address()));
        assertThat(ProxyHttp.get(proxy.port())).as("a request through the proxy")
                .isEqualTo(new Outcome(200, dual.hostname(), null));

        WebContainer solo = topology.startWeb();
        topology.disconnect(topology.network(), solo);
        String soloOther = topology.connect(other, solo);
        awaitUpstream(dual.address(), soloOther + ":" + TestImages.BACKEND_PORT);

        String soloShared = topology.connect(topology.network(), solo);
        awaitReloadSince(awaitUpstream(dual.address(), soloShared + ":" + TestImages.BACKEND_PORT));
        assertThat(ProxyHttp.get(proxy.port(), REQUESTS)).extracting(Outcome::body)
                .as("who served %d requests once %s joined the proxy's network", REQUESTS, solo.name())
                .containsOnly(dual.hostname(), solo.hostname())
                .contains(solo.hostname());

        topology.disconnect(topology.network(), dual);
        awaitUpstream(dualOther + ":" + TestImages.BACKEND_PORT, soloShared + ":" + TestImages.BACKEND_PORT);
    }

    /**
     * The blog post's order: Berth first, until it wrote web.conf for the running web containers
     * (nginx refuses to start while {@code upstream web} is undefined), then nginx, until it serves.
     */
    private void startBerthThenNginx(List<String> options, WebContainer... running) {
        List<String> arguments = new ArrayList<>(List.of("--select", WEB, "--port", String.valueOf(TestImages.BACKEND_PORT),
                "--output", "conf.d/web.conf", "--reload-select", NGINX));
        arguments.addAll(options);
        berth = new BerthCli(jar, work).watch(arguments.toArray(String[]::new));
        diagnostics.add("berth watch output", berth::log);
        awaitUpstream(Arrays.stream(running).map(WebContainer::address).toArray(String[]::new));

        proxy = topology.startNginx(webConf.getParent());
        diagnostics.add("nginx log", proxy::logText);
        Waiting.upTo30s("nginx serves through port " + proxy.port())
                .failFast("the nginx container stopped", () -> !proxy.isRunning())
                .until(() -> ProxyHttp.get(proxy.port()).served());
    }

    private Instant awaitUpstream(String... addresses) {
        return Converging.servers(berth, ProxyKind.NGINX, webConf, addresses);
    }

    private void awaitReloadSince(Instant since) {
        Converging.reloadSince(berth, proxy, since);
    }
}
