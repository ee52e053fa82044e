package dev.berth.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import dev.berth.cli.e2e.Topology.WebContainer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A steady stream of requests through nginx while the web service scales from 1 to 10 containers
 * and back, ten times; the backends finish their requests for a second after SIGTERM, as real
 * applications do. Not one request may fail, with Berth on the host or in its container (given only
 * the Docker socket). Prints what it did; asserts no time.
 */
final class ScaleUnderLoadIT {

    private static final String WEB = "com.ameyalokare.type=web";
    private static final String NGINX = "com.ameyalokare.type=nginx";
    private static final int CYCLES = 10;
    private static final int PEAK = 10;
    private static final int CLIENTS = 3;
    private static final int DRAIN_SECONDS = 1;

    private static DockerClient docker;
    private static Path jar;
    private static String drainingBackend;

    @RegisterExtension
    final FailureDiagnostics diagnostics = new FailureDiagnostics();

    @TempDir
    Path work;

    private Topology topology;
    private BerthCli.Watch berth;
    private ProxyContainer proxy;
    private Path webConf;
    private final ExecutorService pool = Executors.newFixedThreadPool(PEAK);

    @BeforeAll
    static void machine() {
        docker = Prerequisites.dockerWithNginxAndBusybox();
        jar = Prerequisites.berthJar();
        drainingBackend = TestImages.drainingBackend(docker, DRAIN_SECONDS);
        TestImages.nginx(docker);
        for (BerthPlace place : BerthPlace.values()) {
            place.prepare();
        }
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
    void removeEverything() throws InterruptedException {
        Topology.tearDown(pool, berth, topology);
    }

    @ParameterizedTest(name = "{displayName}, Berth {0}")
    @EnumSource(BerthPlace.class)
    void noRequestFailsWhileTheServiceScalesFromOneToTenAndBackTenTimes(BerthPlace place) {
        WebContainer first = startWeb();
        berth = place.launcher(docker, jar, work, topology.runLabel()).watch("--select", WEB, "--network", topology.network(),
                "--port", String.valueOf(TestImages.BACKEND_PORT), "--output", "conf.d/web.conf", "--reload-select", NGINX);
        diagnostics.add("berth watch output", berth::log);
        awaitUpstream(List.of(first));
        proxy = topology.startNginx(webConf.getParent());
        diagnostics.add("nginx log", proxy::logText);
        Waiting.upTo30s("nginx serves through port " + proxy.port())
                .failFast("the nginx container stopped", () -> !proxy.isRunning())
                .until(() -> ProxyHttp.get(proxy.port()).served());
        long reloadsBefore = proxy.reloads();

        ClientLoad load = ClientLoad.start(proxy.port(), CLIENTS);
        long started = System.nanoTime();
        try {
            for (int cycle = 1; cycle <= CYCLES; cycle++) {
                List<WebContainer> added = topology.startWebsAtOnce(drainingBackend, PEAK - 1, pool);
                awaitUpstream(Stream.concat(Stream.of(first), added.stream()).toList());
                CompletableFuture.allOf(added.stream().map(web -> CompletableFuture.runAsync(() -> {
                    topology.stop(web, 30);
                    topology.remove(web);
                }, pool)).toArray(CompletableFuture[]::new)).join();
                awaitUpstream(List.of(first));
            }
        } finally {
            load.close();
        }
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
        long reloads = proxy.reloads() - reloadsBefore;

        System.out.printf("berth-e2e scale under load, Berth " + place + ": %d cycles of 1 -> %d -> 1 web containers in %d s, %d client threads: "
                + "%d requests, %d failed, %d nginx reloads%n", CYCLES, PEAK, seconds, CLIENTS, load.requests(), load.failures().size(), reloads);
        assertThat(load.requests()).as("requests made").isPositive();
        assertThat(load.failures()).as("failed requests out of %d", load.requests()).isEmpty();
    }

    private WebContainer startWeb() {
        return topology.startWeb(drainingBackend, create -> create);
    }

    private void awaitUpstream(List<WebContainer> expected) {
        String[] addresses = expected.stream().map(WebContainer::address).toArray(String[]::new);
        Waiting.upTo30s("web.conf lists exactly " + List.of(addresses))
                .failFast("berth watch exited", () -> !berth.isAlive())
                .untilAsserted(() -> assertThat(NginxUpstreams.servers(webConf, "web")).containsExactlyInAnyOrder(addresses));
    }
}
