package dev.berth.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import dev.berth.cli.e2e.Topology.WebContainer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * One proxy of one kind, the folder Berth writes its configuration into, and a Berth watching the
 * "web" containers of a topology: what the reload tests and the benchmarks drive. Single-start
 * rounds are timed from the moment the change is made (the start API returned, or the file was
 * replaced) until a request through the proxy is answered by the new container.
 */
public final class BerthAndProxy implements AutoCloseable {

    public static final String WEB = "com.ameyalokare.type=web";
    static final String BERTH_RELOADED = "reloaded container ";
    static final String BERTH_UPDATED_AT_RUNTIME = "at runtime, no reload";
    private static final String FOLLOWING = "following Docker events";

    private final DockerClient docker;
    private final ProxyKind kind;
    private final String proxyType;
    private final BiConsumer<String, Supplier<String>> diagnostics;
    private final Topology topology;
    private final Path configFile;
    /** One launcher for every Berth this fixture starts, so that each gets a log file of its own. */
    private final BerthForProxy berthForProxy;
    private BerthCli.Watch berth;
    private ProxyContainer proxy;

    /**
     * @param proxyType the proxy's type label: one that no other test's Berth signals, so that every
     *     reload counted is this Berth's
     * @param diagnostics where to register what a failing test should print (its logs, the file)
     */
    public BerthAndProxy(DockerClient docker, Path jar, Path work, ProxyKind kind, String proxyType,
            BiConsumer<String, Supplier<String>> diagnostics) throws IOException {
        this(docker, jar, work, kind, BerthPlace.HOST, proxyType, diagnostics);
    }

    /** As above, with Berth run {@code where} (its image must have been built: {@link BerthPlace#prepare}). */
    public BerthAndProxy(DockerClient docker, Path jar, Path work, ProxyKind kind, BerthPlace where, String proxyType,
            BiConsumer<String, Supplier<String>> diagnostics) throws IOException {
        this.docker = docker;
        this.kind = kind;
        this.proxyType = proxyType;
        this.diagnostics = diagnostics;
        this.topology = Topology.create(docker);
        this.berthForProxy = new BerthForProxy(where.launcher(docker, jar, work, topology.runLabel()), work, kind, proxyType,
                diagnostics);
        this.configFile = berthForProxy.configFile();
    }

    public Topology topology() {
        return topology;
    }

    public ProxyContainer proxy() {
        return proxy;
    }

    public BerthCli.Watch berth() {
        return berth;
    }

    public Path configFile() {
        return configFile;
    }

    public ProxyKind kind() {
        return kind;
    }

    /** Starts {@code berth watch} for the "web" containers and this proxy, with more options; stops the one before. */
    public void startBerth(List<String> more) {
        List<String> arguments = new ArrayList<>(List.of(
                "--network", topology.network(),
                "--port", String.valueOf(TestImages.BACKEND_PORT),
                "--reload-select", topology.runFilter(),
                // The floor's rounds write Berth's file by hand; a periodic resync in the middle of one
                // would put Berth's version back, and the round would wait in vain for its backend.
                "--resync-interval", "0"));
        arguments.addAll(more);
        berth = berthForProxy.start(arguments);
        BerthCli.Watch current = berth;
        Waiting.upTo30s("berth watch follows Docker's events")
                .failFast("berth watch exited", () -> !current.isAlive())
                .until(() -> current.log().contains(FOLLOWING));
    }

    /** Berth first, until it wrote the configuration for the running containers; then the proxy, until it serves. */
    public void startBerthThenProxy(List<String> more, WebContainer... running) {
        startBerth(more);
        if (running.length == 0) {
            awaitServerCount(0);
        } else {
            awaitServers(running);
        }
        proxy = topology.startProxy(kind, configFile.getParent(), proxyType);
        diagnostics.accept(kind + " log", proxy::logText);
        Waiting.upTo30s(kind + " answers through port " + proxy.port())
                .failFast("the " + kind + " container stopped", () -> !proxy.isRunning())
                .until(() -> ProxyHttp.get(proxy.port()).failure() == null);
    }

    public Instant awaitServers(WebContainer... expected) {
        return Converging.servers(berth, kind, configFile, Arrays.stream(expected).map(WebContainer::address).toArray(String[]::new));
    }

    /** Waits until group "web" lists {@code count} containers (the placeholder of an empty group aside); answers when the file was written. */
    public Instant awaitServerCount(int count) {
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

    public void awaitReloadSince(Instant since) {
        Converging.reloadSince(berth, proxy, since);
    }

    /**
     * Waits until Berth confirmed (or gave up on) every reload or runtime update it started since its log had
     * {@code logMark} characters.
     */
    public void awaitReloadsSettled(int logMark) {
        Waiting.upTo30s("Berth confirmed (or gave up on) every reload it started").until(() -> {
            String log = berth.log().substring(logMark);
            return count(log, "wrote ") == count(log, BERTH_RELOADED) + count(log, BERTH_UPDATED_AT_RUNTIME)
                    + count(log, "could not reload");
        });
    }

    /** The lines of {@code log} that contain {@code marker}. */
    public static int count(String log, String marker) {
        return (int) log.lines().filter(line -> line.contains(marker)).count();
    }

    /**
     * The floor: a container Berth does not select, routed by a file written by hand and a signal
     * sent as Berth sends it; answers the ms from writing the file until the container answered.
     * Then the file goes back to {@code empty}, and the container is removed.
     */
    public long bareRound(String empty) throws IOException {
        return bareRound(empty, false);
    }

    /** As {@link #bareRound(String)}; with {@code checked}, the proxy's own check runs (in its container) before the signal. */
    public long bareRound(String empty, boolean checked) throws IOException {
        WebContainer bare = topology.startBackend("bare", "web");
        return routeByHand(bare, System.nanoTime(), empty, checked);
    }

    /**
     * The floor for a start, routed as a script would route it: a container Berth does not select is
     * started and, from the start API's return, inspected for its address, the file written by hand
     * and the proxy signalled; answers the ms from the start API's return until the container
     * answered. Like a Berth round, it bears what a container that has just started costs the machine.
     */
    public long startedBareRound(String empty) throws IOException {
        String id = topology.createBackend("bare", "web");
        docker.startContainerCmd(id).exec();
        long start = System.nanoTime();
        return routeByHand(topology.inspect(id), start, empty, false);
    }

    private long routeByHand(WebContainer bare, long start, String empty, boolean checked) throws IOException {
        String config = switch (kind) {
            case NGINX -> "upstream web {\n    server " + bare.address() + ";\n}\n";
            case HAPROXY -> empty + "    server bare " + bare.address() + " check\n";
        };
        replace(configFile, config);
        if (checked) {
            proxy.checkByHand();
        }
        signal();
        long millis = untilServedBy(bare.hostname(), start);
        replace(configFile, empty);
        signal();
        AtomicLong signalled = new AtomicLong(System.nanoTime());
        Waiting.upTo30s(kind + " no longer sends requests to " + bare.name()).until(() -> {
            if (System.nanoTime() - signalled.get() > TimeUnit.SECONDS.toNanos(5)) {
                // A signal that arrives while HAProxy's master still re-executes itself can be lost.
                signal();
                signalled.set(System.nanoTime());
            }
            return !bare.hostname().equals(ProxyHttp.get(proxy.port()).body());
        });
        docker.removeContainerCmd(bare.id()).withForce(true).exec();
        return millis;
    }

    /**
     * A container Berth selects, started; answers the ms from the start API's return until it answered
     * through the proxy. Then it is removed, and the round waits until Berth confirmed the reload
     * without it and its coalescing window passed: the next round is again a single change after quiet.
     */
    public long berthRound() throws InterruptedException {
        String id = topology.createBackend("web", "web");
        docker.startContainerCmd(id).exec();
        long start = System.nanoTime();
        long millis = untilServedBy(id.substring(0, 12), start);
        int logMark = berth.log().length();
        docker.removeContainerCmd(id).withForce(true).exec();
        Instant written = awaitServerCount(0);
        awaitReloadSince(written);
        Converging.berthConfirmed(berth, logMark);
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

    /** The proxy's reload signal, sent the way Berth sends it here (see {@link ProxyContainer#signal}). */
    private void signal() {
        proxy.signal(kind == ProxyKind.NGINX ? "HUP" : "USR2");
    }

    private static void replace(Path file, String text) throws IOException {
        Path temp = file.resolveSibling("." + file.getFileName() + ".test-tmp");
        Files.writeString(temp, text);
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public void close() {
        try {
            berthForProxy.close();
        } finally {
            topology.close();
        }
    }
}
