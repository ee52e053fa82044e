package dev.berth.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import dev.berth.cli.e2e.ProxyHttp.Outcome;
import dev.berth.cli.e2e.Topology.WebContainer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Berth keeps nginx's {@code upstream web} in step with the web containers, as in the blog post:
 * the web containers and the nginx container share a user-defined network, nginx includes the
 * {@code conf.d/web.conf} that Berth writes, and Berth reloads nginx (SIGHUP through the Docker API)
 * whenever that file changes. Requests go through the port nginx publishes on 127.0.0.1.
 */
final class NginxEndToEndIT {

    private static final String WEB = "com.ameyalokare.type=web";
    private static final String NGINX = "com.ameyalokare.type=nginx";
    private static final int REQUESTS = 20;

    private static DockerClient docker;
    private static Path jar;

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
        TestImages.backend(docker);
        TestImages.nginx(docker);
    }

    @BeforeEach
    void siteServedByTheUpstreamThatBerthWrites() throws IOException {
        topology = Topology.create(docker);
        Path confD = Files.createDirectories(work.resolve("conf.d"));
        Files.writeString(confD.resolve("site.conf"), "server { listen 80; location / { proxy_pass http://web; } }\n");
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
    void followsAScaleOutAndBalancesRequestsOverEveryWebContainer() {
        WebContainer first = topology.startWeb();
        startBerthThenNginx(first);

        assertThat(ProxyHttp.get(proxy.port()))
                .as("a request through the proxy")
                .isEqualTo(new Outcome(200, first.hostname(), null));

        WebContainer second = topology.startWeb();
        Instant changed = awaitUpstream(first, second);
        awaitReloadSince(changed);

        List<Outcome> outcomes = ProxyHttp.get(proxy.port(), REQUESTS);
        assertThat(outcomes).as("%d requests after the scale-out", REQUESTS).allMatch(Outcome::served);
        assertThat(outcomes).extracting(Outcome::body)
                .as("the containers that served %d requests", REQUESTS)
                .containsOnly(first.hostname(), second.hostname());
    }

    @Test
    void stopsSendingRequestsToAWebContainerThatStopped() {
        WebContainer staying = topology.startWeb();
        WebContainer leaving = topology.startWeb();
        startBerthThenNginx(staying, leaving);

        topology.stop(leaving);
        Instant changed = awaitUpstream(staying);
        awaitReloadSince(changed);

        List<Outcome> outcomes = ProxyHttp.get(proxy.port(), REQUESTS);
        assertThat(outcomes).as("%d requests after %s stopped", REQUESTS, leaving.name())
                .allSatisfy(outcome -> assertThat(outcome).isEqualTo(new Outcome(200, staying.hostname(), null)));
        assertThat(proxy.errorsSince(changed))
                .as("what nginx logged as errors after web.conf changed (a try of the stopped container?)")
                .isEmpty();
    }

    /**
     * The blog post's order: Berth first, until it wrote web.conf for the running web containers
     * (nginx refuses to start while {@code upstream web} is undefined), then nginx, until it serves.
     */
    private void startBerthThenNginx(WebContainer... running) {
        berth = new BerthCli(jar, work).watch(
                "--select", WEB,
                "--network", topology.network(),
                "--port", String.valueOf(TestImages.BACKEND_PORT),
                "--output", "conf.d/web.conf",
                "--reload-select", NGINX);
        diagnostics.add("berth watch output", berth::log);
        awaitUpstream(running);

        proxy = topology.startNginx(webConf.getParent());
        diagnostics.add("nginx log", proxy::logText);
        Waiting.upTo30s("nginx serves through port " + proxy.port())
                .failFast("the nginx container stopped", () -> !proxy.isRunning())
                .until(() -> ProxyHttp.get(proxy.port()).served());
    }

    /**
     * Waits until web.conf's {@code upstream web} lists exactly the addresses of {@code expected},
     * and answers when the file was last written.
     */
    private Instant awaitUpstream(WebContainer... expected) {
        String[] addresses = Arrays.stream(expected).map(WebContainer::address).toArray(String[]::new);
        AtomicReference<Instant> written = new AtomicReference<>();
        Waiting.upTo30s("web.conf lists exactly " + Arrays.toString(addresses))
                .failFast("berth watch exited", () -> !berth.isAlive())
                .untilAsserted(() -> {
                    assertThat(NginxUpstreams.servers(webConf, "web")).containsExactlyInAnyOrder(addresses);
                    // Read after the content: should the file change in between, a later time is the safe side.
                    written.set(Files.getLastModifiedTime(webConf).toInstant());
                });
        return written.get();
    }

    /** Waits until nginx reloaded after {@code since} and its previous worker is gone. */
    private void awaitReloadSince(Instant since) {
        Waiting.upTo30s("nginx reloaded after web.conf was written at " + since)
                .failFast("berth watch exited or the nginx container stopped",
                        () -> !berth.isAlive() || !proxy.isRunning())
                .until(() -> proxy.reloadedSince(since));
    }
}
