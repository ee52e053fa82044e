package dev.berth.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import dev.berth.cli.e2e.ProxyHttp.Outcome;
import dev.berth.cli.e2e.Topology.WebContainer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Berth never breaks the proxy and does not reload it more than it must, for nginx and HAProxy: a
 * burst of starts costs at most three reloads, a configuration the proxy rejects is never put in
 * effect, and a single start is routed about as fast as a bare reload (printed, not asserted).
 */
final class ReloadDisciplineIT {

    private static final String WEB = "com.ameyalokare.type=web";
    private static final int BURST = 20;
    private static final int ROUNDS = 5;
    private static final String BERTH_RELOADED = "reloaded container ";
    private static final String BERTH_WROTE = "wrote ";
    private static final String BERTH_REJECTED = "the proxy rejected the new ";

    private static DockerClient docker;
    private static Path jar;

    @RegisterExtension
    final FailureDiagnostics diagnostics = new FailureDiagnostics();

    @TempDir
    Path work;

    private ProxyKind kind;
    private Topology topology;
    private BerthCli.Watch berth;
    private ProxyContainer proxy;
    private Path configFile;

    @BeforeAll
    static void machine() {
        docker = Prerequisites.dockerWithProxiesAndBusybox();
        jar = Prerequisites.berthJar();
        TestImages.backend(docker);
        for (ProxyKind kind : ProxyKind.values()) {
            kind.image(docker);
        }
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

    /** Twenty containers started at once, while Berth and the proxy run: at most three reloads. */
    @ParameterizedTest(name = "{0}")
    @EnumSource(ProxyKind.class)
    void aBurstOfTwentyStartsCostsAtMostThreeReloads(ProxyKind proxyKind) throws Exception {
        prepare(proxyKind);
        WebContainer first = topology.startWeb();
        startBerthThenProxy(List.of(), first);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < BURST; i++) {
            ids.add(topology.createBackend("web", "web"));
        }
        int logMark = berth.log().length();
        Instant since = Instant.now();

        startAllAtOnce(ids);

        Instant written = awaitServerCount(BURST + 1);
        awaitReloadSince(written);
        Waiting.upTo30s("Berth confirmed (or gave up on) every reload it started")
                .until(() -> count(berth.log().substring(logMark), BERTH_WROTE)
                        == count(berth.log().substring(logMark), BERTH_RELOADED) + count(berth.log().substring(logMark), "could not reload"));
        String berthLog = berth.log().substring(logMark);
        int proxyReloads = proxy.reloadsSince(since);
        System.out.printf("berth-e2e: %s, a burst of %d starts: %d reloads of the proxy (its log), %d confirmed by Berth%n",
                kind, BURST, proxyReloads, count(berthLog, BERTH_RELOADED));
        assertThat(proxyReloads).as("reloads that %s logged during the burst", kind).isBetween(1, 3);
        assertThat(count(berthLog, BERTH_RELOADED)).as("reloads Berth logged as confirmed\n%s", berthLog).isBetween(1, 3);
        assertThat(ProxyHttp.get(proxy.port(), 10)).as("requests after the burst").allMatch(Outcome::served);
    }

    /**
     * A template that writes a directive the proxy does not know once a container of the group
     * "wrecked" runs: the proxy's own check rejects it, the file goes back byte for byte, the proxy
     * is not reloaded and serves on, Berth says why in one line, and the next good change is applied.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(ProxyKind.class)
    void aConfigurationTheProxyRejectsIsNeverPutInEffect(ProxyKind proxyKind) throws Exception {
        prepare(proxyKind);
        Path template = work.resolve("breaks-on-group-wrecked.j2");
        Files.writeString(template, builtInTemplate() + """

                {%- for upstream in upstreams %}{% if upstream.name == "wrecked" and upstream.backends %}
                bogus_directive on;
                {%- endif %}{% endfor %}
                """);
        WebContainer first = topology.startWeb();
        startBerthThenProxy(List.of("--template", template.toString()), first);
        byte[] good = Files.readAllBytes(configFile);
        Instant before = Instant.now();
        int logMark = berth.log().length();

        // "wrecked" sorts after "web": HAProxy's built-in template routes to the first group by name.
        WebContainer broken = topology.startBackend("web", "wrecked");

        Waiting.upTo30s("Berth logs that the proxy rejected the configuration for " + broken.name())
                .failFast("berth watch exited", () -> !berth.isAlive())
                .until(() -> berth.log().substring(logMark).contains(BERTH_REJECTED));
        List<String> rejections = berth.log().substring(logMark).lines().filter(l -> l.contains(BERTH_REJECTED)).toList();
        assertThat(rejections).as("Berth's error lines").allSatisfy(line -> assertThat(line)
                .contains(configFile.getFileName().toString(), "bogus_directive", "the previous file is back",
                        "the proxy was not reloaded"));
        assertThat(Files.readAllBytes(configFile)).as("%s after the rejection", kind.configFile()).isEqualTo(good);
        assertThat(proxy.reloadsSince(before)).as("reloads of %s since the broken container started", kind).isZero();
        assertThat(ProxyHttp.get(proxy.port(), 5)).as("requests after the rejection")
                .allSatisfy(outcome -> assertThat(outcome).isEqualTo(new Outcome(200, first.hostname(), null)));
        assertThat(berth.isAlive()).as("berth watch still runs").isTrue();

        topology.stop(broken);
        WebContainer second = topology.startWeb();
        Instant written = awaitServers(first, second);
        awaitReloadSince(written);
        assertThat(ProxyHttp.get(proxy.port(), 10)).extracting(Outcome::body)
                .as("the containers that served after a good change")
                .containsOnly(first.hostname(), second.hostname());
    }

    /**
     * Prints how long a single start takes to be served through the proxy with Berth, against a
     * bare reload (the test writes the configuration and signals the proxy itself), in alternating
     * rounds on the same proxy; then the same with Berth's check turned off. No assertion on time.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(ProxyKind.class)
    void printsHowLongASingleStartTakesAgainstABareReload(ProxyKind proxyKind) throws Exception {
        prepare(proxyKind);
        startBerthThenProxy(List.of("--upstream", "web"));
        String empty = Files.readString(configFile);
        List<Long> bare = new ArrayList<>();
        List<Long> checked = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            bare.add(bareReload(empty));
            checked.add(berthRound());
        }
        berth.close();
        startBerth(List.of("--upstream", "web", "--no-check"));
        List<Long> unchecked = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            unchecked.add(berthRound());
        }
        System.out.printf("berth-e2e: %s, a single start served after (median of %d, ms): bare reload %d %s;"
                        + " Berth %d %s; Berth --no-check %d %s%n",
                kind, ROUNDS, median(bare), bare, median(checked), checked, median(unchecked), unchecked);
        assertThat(bare).hasSize(ROUNDS);
    }

    /** A container Berth does not select, routed by a hand-written file and a signal; answers the ms until served. */
    private long bareReload(String empty) throws IOException {
        WebContainer bare = topology.startBackend("bare", "web");
        String config = switch (kind) {
            case NGINX -> "upstream web {\n    server " + bare.address() + ";\n}\n";
            case HAPROXY -> empty + "    server bare " + bare.address() + " check\n";
        };
        long start = System.nanoTime();
        replace(configFile, config);
        docker.killContainerCmd(proxy.id()).withSignal(signal()).exec();
        long millis = untilServedBy(bare.hostname(), start);
        replace(configFile, empty);
        docker.killContainerCmd(proxy.id()).withSignal(signal()).exec();
        AtomicLong signalled = new AtomicLong(System.nanoTime());
        Waiting.upTo30s(kind + " no longer sends requests to " + bare.name()).until(() -> {
            if (System.nanoTime() - signalled.get() > TimeUnit.SECONDS.toNanos(5)) {
                // A signal that arrives while HAProxy's master still re-executes itself can be lost.
                docker.killContainerCmd(proxy.id()).withSignal(signal()).exec();
                signalled.set(System.nanoTime());
            }
            return !bare.hostname().equals(ProxyHttp.get(proxy.port()).body());
        });
        docker.removeContainerCmd(bare.id()).withForce(true).exec();
        return millis;
    }

    /** A container Berth selects, started; answers the ms from the start API's return until served by it. */
    private long berthRound() throws InterruptedException {
        String id = topology.createBackend("web", "web");
        docker.startContainerCmd(id).exec();
        long start = System.nanoTime();
        long millis = untilServedBy(id.substring(0, 12), start);
        int logMark = berth.log().length();
        docker.removeContainerCmd(id).withForce(true).exec();
        Instant written = awaitServerCount(0);
        awaitReloadSince(written);
        Waiting.upTo30s("Berth confirmed the reload").until(() -> berth.log().substring(logMark).contains(BERTH_RELOADED));
        // Let Berth's coalescing window pass: the next start must be a single change after a quiet period.
        Thread.sleep(1_000);
        return millis;
    }

    private long untilServedBy(String hostname, long start) {
        AtomicReference<Long> served = new AtomicReference<>();
        Waiting.upTo30s("a request served by " + hostname).pollInterval(Duration.ofMillis(1)).until(() -> {
            if (hostname.equals(ProxyHttp.get(proxy.port()).body())) {
                served.set((System.nanoTime() - start) / 1_000_000);
                return true;
            }
            return false;
        });
        return served.get();
    }

    /**
     * The proxy's type label: one that the other end-to-end tests' Berth (which may run at the same
     * time on a shared Docker Engine) never signals, so that every reload this test counts is Berth's.
     */
    private String proxyType() {
        return "reload-discipline-" + kind.rendererName();
    }

    private String signal() {
        return kind == ProxyKind.NGINX ? "HUP" : "USR2";
    }

    private static void replace(Path file, String text) throws IOException {
        Path temp = file.resolveSibling("." + file.getFileName() + ".test-tmp");
        Files.writeString(temp, text);
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    private static int count(String log, String marker) {
        return (int) log.lines().filter(line -> line.contains(marker)).count();
    }

    private void startAllAtOnce(List<String> ids) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(ids.size());
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> starts = new ArrayList<>();
            for (String id : ids) {
                starts.add(pool.submit(() -> {
                    go.await();
                    docker.startContainerCmd(id).exec();
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> start : starts) {
                start.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private String builtInTemplate() throws IOException {
        String resource = switch (kind) {
            case NGINX -> "/dev/berth/nginx/nginx.conf.j2";
            case HAPROXY -> "/dev/berth/haproxy/haproxy.cfg.j2";
        };
        try (InputStream in = getClass().getResourceAsStream(resource)) {
            assertThat(in).as("the built-in template %s", resource).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private void prepare(ProxyKind proxyKind) throws IOException {
        kind = proxyKind;
        topology = Topology.create(docker);
        Path configDirectory = Files.createDirectories(work.resolve("proxy"));
        kind.prepare(configDirectory);
        configFile = configDirectory.resolve(kind.configFile());
        diagnostics.add(kind.configFile(), () -> NginxUpstreams.read(configFile));
    }

    private void startBerth(List<String> more) {
        List<String> arguments = new ArrayList<>(List.of(
                "--renderer", kind.rendererName(),
                "--select", WEB,
                "--network", topology.network(),
                "--port", String.valueOf(TestImages.BACKEND_PORT),
                "--output", "proxy/" + kind.configFile(),
                "--reload-select", Topology.TYPE_LABEL + "=" + proxyType(),
                "--reload-select", topology.runFilter()));
        arguments.addAll(more);
        berth = new BerthCli(jar, work).watch(arguments.toArray(String[]::new));
        BerthCli.Watch current = berth;
        diagnostics.add("berth watch output " + arguments, current::log);
    }

    /** Berth first, until it wrote the configuration for the running web containers; then the proxy, until it serves. */
    private void startBerthThenProxy(List<String> more, WebContainer... running) {
        startBerth(more);
        if (running.length == 0) {
            awaitServerCount(0);
        } else {
            awaitServers(running);
        }
        proxy = topology.startProxy(kind, configFile.getParent(), proxyType());
        diagnostics.add(kind + " log", proxy::logText);
        Waiting.upTo30s(kind + " answers through port " + proxy.port())
                .failFast("the " + kind + " container stopped", () -> !proxy.isRunning())
                .until(() -> ProxyHttp.get(proxy.port()).failure() == null);
    }

    private Instant awaitServers(WebContainer... expected) {
        return Converging.servers(berth, kind, configFile, Arrays.stream(expected).map(WebContainer::address).toArray(String[]::new));
    }

    private Instant awaitServerCount(int count) {
        AtomicReference<Instant> writtenAt = new AtomicReference<>();
        Waiting.upTo30s(kind.configFile() + " lists " + count + " servers in group web")
                .failFast("berth watch exited", () -> !berth.isAlive())
                .untilAsserted(() -> {
                    assertThat(configFile).exists();
                    assertThat(kind.servers(configFile, "web").stream().filter(s -> !s.startsWith("127.0.0.1:"))
                            .collect(Collectors.toList())).hasSize(count);
                    writtenAt.set(Files.getLastModifiedTime(configFile).toInstant());
                });
        return writtenAt.get();
    }

    private void awaitReloadSince(Instant since) {
        Converging.reloadSince(berth, proxy, since);
    }
}
