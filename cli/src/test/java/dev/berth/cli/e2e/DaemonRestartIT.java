package dev.berth.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import dev.berth.cli.e2e.ProxyHttp.Outcome;
import dev.berth.cli.e2e.Topology.WebContainer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Berth survives what the Docker daemon does to it: a crash and restart, and a hang. The test owns
 * a private daemon ({@link PrivateDockerDaemon}) that it kills and freezes; the blog post's topology
 * runs on it (nginx and web containers on a user-defined network, nginx publishing on 127.0.0.1),
 * and Berth follows it through DOCKER_HOST.
 */
final class DaemonRestartIT {

    private static final String WEB = "com.ameyalokare.type=web";
    private static final String NGINX = "com.ameyalokare.type=nginx";
    private static final int REQUESTS = 20;
    /** Short, so that a hang is noticed within 4 s; the default (5 s) would only make the test slower. */
    private static final String PING_INTERVAL_SECONDS = "2";

    private static PrivateDockerDaemon daemon;
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
    static void privateDaemonWithTheTestImages() {
        Prerequisites.nginxBusyboxAndAPrivateDockerDaemon();
        jar = Prerequisites.berthJar();
        daemon = PrivateDockerDaemon.start();
        docker = daemon.client();
        TestImages.backend(docker);
        TestImages.nginx(docker);
    }

    @AfterAll
    static void removeTheDaemon() {
        if (daemon != null) {
            daemon.close();
        }
    }

    @BeforeEach
    void siteServedByTheUpstreamThatBerthWrites() throws IOException {
        diagnostics.add("private dockerd log", daemon::log);
        topology = Topology.create(docker, daemon.networkOptions(), daemon.networkSubnet());
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
            // A test that failed half-way may have left the daemon dead or frozen.
            if (!daemon.isRunning()) {
                daemon.startAgain();
            }
            daemon.thaw();
            if (topology != null) {
                topology.close();
            }
        }
    }

    @Test
    void afterTheDaemonWasKilledAndStartedAgainTheConfigurationHoldsTheBackendsNewAddresses() {
        // Docker hands out the lowest free address. The placeholders hold the three lowest now and are
        // not restarted, so the three containers that Docker restarts (two web, one nginx) get them.
        for (int i = 0; i < 3; i++) {
            topology.startBackend("placeholder", "placeholder");
        }
        WebContainer first = topology.startWebRestartingAlways();
        WebContainer second = topology.startWebRestartingAlways();
        startBerthThenNginx(first, second);
        assertServedByExactly(first, second);

        daemon.kill();
        Instant killed = Instant.now();
        daemon.startAgain();
        Instant answered = Instant.now();
        WebContainer firstAgain = restarted(first);
        WebContainer secondAgain = restarted(second);
        Instant rewritten = awaitUpstream(firstAgain, secondAgain);

        System.out.printf("berth-e2e: daemon restart: killed %s, answering again %s (after %d ms), Berth resubscribed"
                        + " %s, web.conf rewritten %s: %d ms after the daemon answered; addresses %s -> %s%n",
                killed, answered, Duration.between(killed, answered).toMillis(), lastResubscription(), rewritten,
                Duration.between(answered, rewritten).toMillis(),
                List.of(first.address(), second.address()), List.of(firstAgain.address(), secondAgain.address()));
        assertThat(List.of(firstAgain.address(), secondAgain.address()))
                .as("the web containers' addresses after the restart (the test's premise: Docker gave new ones)")
                .doesNotContainAnyElementsOf(List.of(first.address(), second.address()));

        proxy = topology.current(proxy);
        Waiting.upTo30s("the restarted nginx serves through port " + proxy.port() + " from both web containers")
                .failFast("berth watch exited", () -> !berth.isAlive())
                .untilAsserted(() -> assertServedByExactly(firstAgain, secondAgain));
        assertServedByExactly(firstAgain, secondAgain);
        assertThat(berth.isAlive()).as("berth watch is still running").isTrue();
    }

    @Test
    void aFrozenDaemonIsNoticedByThePingAndFollowedAgainOnceItAnswers() {
        WebContainer first = topology.startWeb();
        startBerthThenNginx(first);
        int linesBefore = berthLog().size();

        daemon.freeze();
        Instant frozen = Instant.now();
        try {
            Waiting.upTo30s("Berth logs that the frozen daemon did not answer a ping")
                    .failFast("berth watch exited", () -> !berth.isAlive())
                    .until(() -> berthLog().stream().skip(linesBefore).anyMatch(DaemonRestartIT::isPingFailure));
        } finally {
            daemon.thaw();
        }
        Instant thawed = Instant.now();
        WebContainer second = topology.startWeb();
        Instant changed = awaitUpstream(first, second);
        System.out.printf("berth-e2e: daemon hang: frozen %s, Berth's ping failed %s, thawed %s, Berth resubscribed %s,"
                + " web.conf lists the container started after the thaw %s (%d ms after the thaw)%n", frozen,
                berthLog().stream().skip(linesBefore).filter(DaemonRestartIT::isPingFailure).findFirst()
                        .map(line -> line.substring(0, line.indexOf(' '))).orElse("never"),
                thawed, lastResubscription(), changed, Duration.between(thawed, changed).toMillis());
        awaitReloadSince(changed);
        assertServedByExactly(first, second);

        List<String> log = berthLog();
        assertThat(log).as("Berth's log: one line per message, no stack trace").allMatch(DaemonRestartIT::timestamped);
        List<String> sinceFreeze = log.subList(linesBefore, log.size());
        int pingFailure = indexOf(sinceFreeze, DaemonRestartIT::isPingFailure);
        int resubscribed = indexOf(sinceFreeze, line -> line.contains("following Docker events"));
        assertThat(resubscribed).as("Berth resubscribed after the ping failure").isGreaterThan(pingFailure);
        assertThat(sinceFreeze.subList(pingFailure, resubscribed).stream()
                .filter(line -> line.contains(" WARN ") || line.contains(" ERROR "))
                // Should the freeze outlast the 10 s a subscription may take, the retries say so too.
                .filter(line -> !line.contains("GET /events")))
                .as("the warnings from the ping failure to the resubscription (not the stream Berth closed itself)")
                .containsExactly(sinceFreeze.get(pingFailure));

        int beforeStop = berthLog().size();
        berth.close();
        assertThat(berthLog().subList(beforeStop, berthLog().size()))
                .as("what Berth logged while it stopped (closing its own stream is no error)")
                .noneMatch(line -> line.contains(" WARN ") || line.contains(" ERROR "));
    }

    /**
     * The blog post's order: Berth first, until it wrote web.conf for the running web containers
     * (nginx refuses to start while {@code upstream web} is undefined), then nginx, until it serves.
     */
    private void startBerthThenNginx(WebContainer... running) {
        berth = new BerthCli(jar, work).withEnvironment("DOCKER_HOST", daemon.host()).watch(
                "--select", WEB,
                "--network", topology.network(),
                "--port", String.valueOf(TestImages.BACKEND_PORT),
                "--output", "conf.d/web.conf",
                "--reload-select", NGINX,
                "--ping-interval", PING_INTERVAL_SECONDS);
        diagnostics.add("berth watch output", berth::log);
        awaitUpstream(running);

        proxy = topology.startNginxRestartingAlways(webConf.getParent());
        diagnostics.add("nginx log", () -> proxy.logText());
        Waiting.upTo30s("nginx serves through port " + proxy.port())
                .failFast("the nginx container stopped", () -> !proxy.isRunning())
                .until(() -> ProxyHttp.get(proxy.port()).served());
    }

    /** The container once Docker restarted it and it has an address again. */
    private WebContainer restarted(WebContainer container) {
        AtomicReference<WebContainer> current = new AtomicReference<>();
        Waiting.upTo30s(container.name() + " runs again")
                .ignoreExceptions()
                .until(() -> {
                    current.set(topology.current(container));
                    return Boolean.TRUE.equals(docker.inspectContainerCmd(container.id()).exec().getState().getRunning());
                });
        return current.get();
    }

    private void assertServedByExactly(WebContainer... expected) {
        String[] hostnames = Arrays.stream(expected).map(WebContainer::hostname).toArray(String[]::new);
        List<Outcome> outcomes = ProxyHttp.get(proxy.port(), REQUESTS);
        assertThat(outcomes).as("%d requests through port %d", REQUESTS, proxy.port()).allMatch(Outcome::served);
        assertThat(outcomes).extracting(Outcome::body)
                .as("the containers that served %d requests", REQUESTS)
                .containsOnly(hostnames);
    }

    private Instant awaitUpstream(WebContainer... expected) {
        return Converging.servers(berth, ProxyKind.NGINX, webConf, Arrays.stream(expected).map(WebContainer::address).toArray(String[]::new));
    }

    private void awaitReloadSince(Instant since) {
        Converging.reloadSince(berth, proxy, since);
    }

    private List<String> berthLog() {
        return berth.log().lines().filter(line -> !line.isBlank()).toList();
    }

    /** When Berth last logged that it follows Docker's events (its log lines start with the time). */
    private String lastResubscription() {
        return berthLog().stream()
                .filter(line -> line.contains("following Docker events"))
                .reduce((earlier, later) -> later)
                .map(line -> line.substring(0, line.indexOf(' ')))
                .orElse("never");
    }

    private static boolean isPingFailure(String line) {
        return line.contains(" WARN ") && line.contains("a ping to the Docker daemon failed");
    }

    private static boolean timestamped(String line) {
        return line.matches("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d+(Z|[+-]\\d\\d:\\d\\d) .*");
    }

    private static int indexOf(List<String> lines, Predicate<String> matching) {
        for (int i = 0; i < lines.size(); i++) {
            if (matching.test(lines.get(i))) {
                return i;
            }
        }
        return -1;
    }

}
