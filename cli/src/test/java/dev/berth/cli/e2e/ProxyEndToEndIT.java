package dev.berth.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import dev.berth.cli.e2e.ProxyHttp.Outcome;
import dev.berth.cli.e2e.Topology.WebContainer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Berth keeps the proxy's group "web" in step with the web containers, as in the blog post, for each
 * proxy it renders for: the web containers and the proxy container share a user-defined network, the
 * proxy reads the file Berth writes into a bind-mounted folder, and Berth reloads the proxy (nginx:
 * SIGHUP; HAProxy in master-worker mode: SIGUSR2, through the Docker API) whenever that file
 * changes. Requests go through the port the proxy publishes on 127.0.0.1. The only difference between
 * the runs is {@code --renderer} and the proxy's image and mount: the scenarios are the same. Each
 * runs with Berth on the host and with Berth in its container, given only the Docker socket.
 */
final class ProxyEndToEndIT {

    private static final String WEB = "com.ameyalokare.type=web";
    private static final int REQUESTS = 20;

    private static DockerClient docker;
    private static Path jar;

    @RegisterExtension
    final FailureDiagnostics diagnostics = new FailureDiagnostics();

    @TempDir
    Path work;

    private ProxyKind kind;
    private BerthPlace.Launcher launcher;
    private Topology topology;
    private BerthCli.Watch berth;
    private ProxyContainer proxy;
    private Path configFile;
    private WrittenConfigs written;

    @BeforeAll
    static void machine() {
        docker = Prerequisites.dockerWithBackendBothProxyImagesAndBerthEverywhere();
        jar = Prerequisites.berthJar();
    }

    static Stream<Arguments> proxiesAndPlaces() {
        return Arrays.stream(ProxyKind.values())
                .flatMap(kind -> Arrays.stream(BerthPlace.values()).map(place -> Arguments.of(kind, place)));
    }

    @AfterEach
    void removeEverything() {
        try {
            if (written != null) {
                written.close();
            }
            if (berth != null) {
                berth.close();
            }
        } finally {
            if (topology != null) {
                topology.close();
            }
        }
    }

    /** The blog's scale-out, {@code --scale web=2} and then {@code web=5}: every container gets requests. */
    @ParameterizedTest(name = "{displayName} with {0}, Berth {1}")
    @MethodSource("proxiesAndPlaces")
    void followsAScaleOutAndBalancesRequestsOverEveryWebContainer(ProxyKind proxyKind, BerthPlace place) throws Exception {
        prepare(proxyKind, place);
        List<WebContainer> web = new ArrayList<>(List.of(topology.startWeb()));
        startBerthThenProxy(web.get(0));

        assertThat(ProxyHttp.get(proxy.port()))
                .as("a request through the proxy")
                .isEqualTo(new Outcome(200, web.get(0).hostname(), null));

        for (int scale : new int[] {2, 5}) {
            int logMark = berth.log().length();
            while (web.size() < scale) {
                web.add(topology.startWeb());
            }
            Instant changed = awaitServers(web.toArray(WebContainer[]::new));
            awaitReloadSince(changed);
            awaitBerthConfirmedAReloadAfter(logMark);

            String[] hostnames = web.stream().map(WebContainer::hostname).toArray(String[]::new);
            List<Outcome> outcomes = ProxyHttp.get(proxy.port(), REQUESTS);
            assertThat(outcomes).as("%d requests after the scale-out to %d", REQUESTS, scale).allMatch(Outcome::served);
            assertThat(outcomes).extracting(Outcome::body)
                    .as("the containers that served %d requests at scale %d (round robin reaches each)", REQUESTS, scale)
                    .containsOnly(hostnames)
                    .contains(hostnames);
        }
        assertTheProxyAcceptsEveryWrittenConfig(3);
    }

    @ParameterizedTest(name = "{displayName} with {0}, Berth {1}")
    @MethodSource("proxiesAndPlaces")
    void stopsSendingRequestsToAWebContainerThatStopped(ProxyKind proxyKind, BerthPlace place) throws Exception {
        prepare(proxyKind, place);
        WebContainer staying = topology.startWeb();
        WebContainer leaving = topology.startWeb();
        startBerthThenProxy(staying, leaving);

        int logMark = berth.log().length();
        topology.stop(leaving);
        Instant changed = awaitServers(staying);
        awaitReloadSince(changed);
        awaitBerthConfirmedAReloadAfter(logMark);

        List<Outcome> outcomes = ProxyHttp.get(proxy.port(), REQUESTS);
        assertThat(outcomes).as("%d requests after %s stopped", REQUESTS, leaving.name())
                .allSatisfy(outcome -> assertThat(outcome).isEqualTo(new Outcome(200, staying.hostname(), null)));
        assertThat(proxy.errorsSince(changed))
                .as("what %s logged as errors after %s changed (a try of the stopped container?)",
                        kind, kind.configFile())
                .isEmpty();
        assertTheProxyAcceptsEveryWrittenConfig(2);
    }

    /** The proxy's bind-mounted folder, with what the proxy needs beside the file Berth writes. */
    private void prepare(ProxyKind proxyKind, BerthPlace place) throws IOException {
        kind = proxyKind;
        topology = Topology.create(docker);
        launcher = place.launcher(docker, jar, work, topology.runLabel());
        Path configDirectory = Files.createDirectories(work.resolve("proxy"));
        kind.prepare(configDirectory);
        configFile = configDirectory.resolve(kind.configFile());
        written = WrittenConfigs.of(configFile);
        diagnostics.add(kind.configFile(), () -> NginxUpstreams.read(configFile));
    }

    /**
     * The blog post's order: Berth first, until it wrote the configuration for the running web
     * containers (nginx refuses to start while {@code upstream web} is undefined), then the proxy,
     * until it serves.
     */
    private void startBerthThenProxy(WebContainer... running) {
        berth = launcher.watch(
                "--renderer", kind.rendererName(),
                "--select", WEB,
                "--network", topology.network(),
                "--port", String.valueOf(TestImages.BACKEND_PORT),
                "--output", "proxy/" + kind.configFile(),
                "--reload-select", Topology.TYPE_LABEL + "=" + kind.rendererName(),
                "--reload-select", topology.runFilter());
        diagnostics.add("berth watch output", berth::log);
        awaitServers(running);

        proxy = topology.startProxy(kind, configFile.getParent());
        diagnostics.add(kind + " log", proxy::logText);
        Waiting.upTo30s(kind + " serves through port " + proxy.port())
                .failFast("the " + kind + " container stopped", () -> !proxy.isRunning())
                .until(() -> ProxyHttp.get(proxy.port()).served());
    }

    private Instant awaitServers(WebContainer... expected) {
        return Converging.servers(berth, kind, configFile, Arrays.stream(expected).map(WebContainer::address).toArray(String[]::new));
    }

    private void awaitReloadSince(Instant since) {
        Converging.reloadSince(berth, proxy, since);
    }

    /**
     * Berth confirms each reload by the proxy's new workers (on the host: its process table; in a container: docker top),
     * and each runtime update (HAProxy) by reading the servers' state back.
     */
    private void awaitBerthConfirmedAReloadAfter(int logMark) {
        Converging.berthConfirmed(berth, logMark);
    }

    /** Each version Berth wrote (at least {@code atLeast} of them) passes the host's nginx -t or haproxy -c. */
    private void assertTheProxyAcceptsEveryWrittenConfig(int atLeast) throws IOException, InterruptedException {
        List<String> versions = written.versions();
        assertThat(versions).as("the versions of %s that Berth wrote", kind.configFile()).hasSizeGreaterThanOrEqualTo(atLeast);
        for (int i = 0; i < versions.size(); i++) {
            Path scratch = Files.createDirectories(work.resolve("check-" + i));
            ProxyKind.CheckResult check = kind.check(scratch, versions.get(i));
            assertThat(check.accepted())
                    .as("%s on version %d of %s:%n%s%n--- configuration ---%n%s",
                            check.command(), i + 1, kind.configFile(), check.output(), versions.get(i))
                    .isTrue();
        }
        System.out.printf("berth-e2e: %s accepted all %d versions of %s that Berth wrote%n",
                kind, versions.size(), kind.configFile());
    }
}
