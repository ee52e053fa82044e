package dev.berth.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import dev.berth.cli.e2e.Topology.WebContainer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * HAProxy (official-like: uid 99, master-worker) takes container changes through its Runtime API:
 * Berth fills and frees server slots, and reloads only when it must. The proxy's own log counts its
 * reloads; its admin socket says which servers run.
 */
final class RuntimeApiIT {

    private static final String WEB = "com.ameyalokare.type=web";
    private static final String PROXY_TYPE = "haproxy-runtime";
    private static final int CYCLES = 3;
    private static final int PEAK = 10;
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
    private Path confDir;
    private Path config;
    private final ExecutorService pool = Executors.newFixedThreadPool(PEAK);

    @BeforeAll
    static void machine() {
        docker = Prerequisites.dockerWithProxiesAndBusybox();
        jar = Prerequisites.berthJar();
        drainingBackend = TestImages.drainingBackend(docker, DRAIN_SECONDS);
        TestImages.haproxy(docker);
        for (BerthPlace place : BerthPlace.values()) {
            place.prepare();
        }
    }

    @BeforeEach
    void folders() throws IOException {
        topology = Topology.create(docker);
        confDir = Files.createDirectories(work.resolve("haproxy"));
        config = confDir.resolve(ProxyImages.HAPROXY_CFG);
        diagnostics.add("haproxy.cfg", () -> read(config));
    }

    @AfterEach
    void removeEverything() throws InterruptedException {
        Topology.tearDown(pool, berth, topology);
    }

    @ParameterizedTest(name = "{displayName}, Berth {0}")
    @EnumSource(BerthPlace.class)
    void scalingFromOneToTenAndBackUnderLoadReloadsNeverAndKeepsALongLivedConnection(BerthPlace place) throws IOException {
        WebContainer first = startWeb();
        startBerthAndProxy(place, List.of(first));
        long reloadsBefore = proxy.reloads();
        List<String> statuses = new ArrayList<>();
        int changes = 0;

        ClientLoad load = ClientLoad.start(proxy.port(), 3);
        long started = System.nanoTime();
        try (KeepAliveConnection longLived = new KeepAliveConnection(proxy.port())) {
            statuses.add(longLived.get());
            for (int cycle = 1; cycle <= CYCLES; cycle++) {
                List<WebContainer> added = topology.startWebsAtOnce(drainingBackend, PEAK - 1, pool);
                awaitServers(Stream.concat(Stream.of(first), added.stream()).toList());
                statuses.add(longLived.get());
                CompletableFuture.allOf(added.stream().map(web -> CompletableFuture.runAsync(() -> {
                    topology.stop(web, 30);
                    topology.remove(web);
                }, pool)).toArray(CompletableFuture[]::new)).join();
                awaitServers(List.of(first));
                statuses.add(longLived.get());
                changes += 2 * (PEAK - 1);
            }
        } finally {
            load.close();
        }
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
        long reloads = proxy.reloads() - reloadsBefore;

        System.out.printf("berth-e2e runtime API, Berth %s: %d cycles of 1 -> %d -> 1 in %d s: %d requests, %d failed, "
                + "%d HAProxy reloads, one keep-alive connection through %d container changes: %d requests on it%n",
                place, CYCLES, PEAK, seconds, load.requests(), load.failures().size(), reloads, changes, statuses.size());
        assertThat(load.failures()).as("failed requests out of %d", load.requests()).isEmpty();
        assertThat(reloads).as("HAProxy reloads after the first configuration").isZero();
        assertThat(statuses).as("answers on the long-lived connection").allMatch(status -> status.startsWith("HTTP/1.1 200"));
        assertThat(berth.log()).contains("at runtime, no reload")
                .as("slot changes go in as soon as the file is written, without haproxy -c").contains("in place, the proxy validates each value: no check");
    }

    @Test
    void aGroupThatOutgrowsItsSlotsCostsExactlyOneReload() {
        WebContainer first = startWeb();
        startBerthAndProxy(BerthPlace.HOST, List.of(first), "--server-slots", "2");
        WebContainer second = startWeb();
        awaitServers(List.of(first, second));
        int before = proxy.reloads();

        WebContainer third = startWeb();
        awaitServers(List.of(first, second, third));
        Waiting.upTo30s("HAProxy runs the three servers").untilAsserted(() -> assertThat(runningServers())
                .containsExactlyInAnyOrderElementsOf(endpoints(List.of(first, second, third))));
        WebContainer fourth = startWeb();
        awaitServers(List.of(first, second, third, fourth));

        assertThat(proxy.reloads() - before).as("reloads: 3 containers outgrow 2 slots, the 4th fits the 4 slots").isEqualTo(1);
        assertThat(berth.log()).contains("reloading HAProxy: the change is more than server slots");
    }

    @Test
    void aRuntimeCommandThatFailsFallsBackToAReloadAndSaysWhy() throws IOException {
        // HAProxy answers "Permission denied" to `set server` on a socket below level admin.
        String builtIn;
        try (InputStream in = RuntimeApiIT.class.getResourceAsStream("/dev/berth/haproxy/haproxy.cfg.j2")) {
            builtIn = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Path template = Files.writeString(work.resolve("operator.cfg.j2"), builtIn.replace("level admin", "level operator"));
        WebContainer first = startWeb();
        startBerthAndProxy(BerthPlace.HOST, List.of(first), "--template", template.toString());
        int before = proxy.reloads();

        WebContainer second = startWeb();
        awaitServers(List.of(first, second));

        Waiting.upTo30s("HAProxy reloads and runs both servers").untilAsserted(() -> assertThat(runningServers())
                .containsExactlyInAnyOrderElementsOf(endpoints(List.of(first, second))));
        assertThat(proxy.reloads() - before).as("reloads for the one change").isEqualTo(1);
        assertThat(berth.log()).contains("reloading HAProxy: the Runtime API could not make the change")
                .contains("Permission denied");
    }

    @Test
    void berthRestartedMidWayLeavesHaproxyRunningWhatTheFileSays() {
        WebContainer first = startWeb();
        WebContainer second = startWeb();
        startBerthAndProxy(BerthPlace.HOST, List.of(first, second));
        int before = proxy.reloads();
        berth.close();

        // While Berth is away: one container goes, another comes.
        topology.stop(first, 30);
        WebContainer third = startWeb();
        berth = watch(BerthPlace.HOST);
        diagnostics.add("berth watch output, restarted", berth::log);
        awaitServers(List.of(second, third));

        Waiting.upTo30s("HAProxy runs exactly the file's servers").untilAsserted(() -> assertThat(runningServers())
                .containsExactlyInAnyOrderElementsOf(HaproxyBackends.servers(config, "web")));
        Waiting.upTo30s("requests reach both containers").untilAsserted(() -> assertThat(
                ProxyHttp.get(proxy.port(), 8).stream().filter(ProxyHttp.Outcome::served).map(ProxyHttp.Outcome::body).distinct())
                .containsExactlyInAnyOrder(second.hostname(), third.hostname()));
        assertThat(proxy.reloads() - before).as("reloads").isZero();
    }

    private void startBerthAndProxy(BerthPlace place, List<WebContainer> expected, String... extra) {
        berth = watch(place, extra);
        diagnostics.add("berth watch output", berth::log);
        awaitServers(expected);
        proxy = topology.startProxy(ProxyKind.HAPROXY, confDir, PROXY_TYPE);
        diagnostics.add("haproxy log", proxy::logText);
        Waiting.upTo30s("HAProxy serves through port " + proxy.port())
                .failFast("the HAProxy container stopped", () -> !proxy.isRunning())
                .until(() -> ProxyHttp.get(proxy.port()).served());
        Waiting.upTo30s("HAProxy's admin socket answers").until(() -> Files.exists(socket()));
    }

    private BerthCli.Watch watch(BerthPlace place, String... extra) {
        List<String> arguments = new ArrayList<>(List.of("--renderer", "haproxy", "--select", WEB, "--network", topology.network(),
                "--port", String.valueOf(TestImages.BACKEND_PORT), "--upstream", "web", "--output", "haproxy/haproxy.cfg",
                "--reload-select", "com.ameyalokare.type=" + PROXY_TYPE));
        arguments.addAll(List.of(extra));
        return place.launcher(docker, jar, work, topology.runLabel()).watch(arguments.toArray(String[]::new));
    }

    private Path socket() {
        return confDir.resolve("haproxy.sock");
    }

    private List<String> runningServers() {
        return HaproxyRuntime.activeServers(socket(), "web");
    }

    private WebContainer startWeb() {
        return topology.startWeb(drainingBackend, create -> create);
    }

    private static List<String> endpoints(List<WebContainer> containers) {
        return containers.stream().map(WebContainer::address).toList();
    }

    private void awaitServers(List<WebContainer> expected) {
        List<String> endpoints = endpoints(expected);
        Waiting.upTo30s("haproxy.cfg serves exactly " + endpoints)
                .failFast("berth watch exited", () -> !berth.isAlive())
                .untilAsserted(() -> assertThat(HaproxyBackends.servers(config, "web")).containsExactlyInAnyOrderElementsOf(endpoints));
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "(none)";
        } catch (IOException e) {
            return e.toString();
        }
    }
}
