package dev.berth.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * Berth following a test's Swarm, and one proxy on one node, for one scenario: the proxy runs on
 * {@code proxyNode} and Berth talks to that node's daemon to signal it; where that node is not the
 * manager, Berth reads the cluster from the manager ({@code --swarm-manager}). Berth runs on the
 * host (DOCKER_HOST names the node's socket, {@code --swarm-manager} the manager's) or in its
 * container on the proxy's node, given only sockets: the node's as /var/run/docker.sock, the
 * manager's as {@link #MANAGER_SOCKET}. The services it selects carry {@link #WEB} and the labels
 * {@code berth.upstream=web} and {@code berth.port}, so that every scenario's group is "web",
 * whatever its service is called.
 */
public final class SwarmBerth implements AutoCloseable {

    /** The service label Berth selects. */
    public static final String WEB = BerthAndProxy.WEB;
    /** The proxy's type label: only this scenario's proxy is signalled. */
    private static final String PROXY_TYPE = "swarm-proxy";
    /** Where Berth in its container finds the manager's socket, when the proxy is on a worker. */
    private static final String MANAGER_SOCKET = "/var/run/swarm-manager.sock";

    private final SwarmCluster swarm;
    private final SwarmNode proxyNode;
    private final ProxyKind kind;
    private final String proxyImage;
    private final BerthPlace where;
    private final BiConsumer<String, Supplier<String>> diagnostics;
    private final BerthForProxy berthForProxy;
    private final Path configFile;
    private final List<String> services = new ArrayList<>();
    private BerthCli.Watch berth;
    private ProxyContainer proxy;

    /** Berth on the host. */
    public SwarmBerth(SwarmCluster swarm, Path jar, Path work, ProxyKind kind, String proxyImage, SwarmNode proxyNode,
            BiConsumer<String, Supplier<String>> diagnostics) throws IOException {
        this(swarm, jar, work, kind, proxyImage, proxyNode, BerthPlace.HOST, diagnostics);
    }

    /**
     * @param proxyImage the proxy's tag, loaded into the cluster
     * @param where where Berth runs; in its container, its image ({@link TestImages#BERTH}) must have
     *     been loaded into the cluster
     * @param diagnostics where to register what a failing test should print
     */
    public SwarmBerth(SwarmCluster swarm, Path jar, Path work, ProxyKind kind, String proxyImage, SwarmNode proxyNode,
            BerthPlace where, BiConsumer<String, Supplier<String>> diagnostics) throws IOException {
        this.swarm = swarm;
        this.proxyNode = proxyNode;
        this.kind = kind;
        this.proxyImage = proxyImage;
        this.where = where;
        this.diagnostics = diagnostics;
        this.berthForProxy = new BerthForProxy(launcher(jar, work), work, kind, PROXY_TYPE, diagnostics);
        this.configFile = berthForProxy.configFile();
        swarm.nodes().forEach(node -> diagnostics.accept(node + " dockerd log (tail)", () -> tail(node.log(), 40)));
    }

    private BerthPlace.Launcher launcher(Path jar, Path work) {
        return switch (where) {
            case HOST -> new BerthCli(jar, work).withEnvironment("DOCKER_HOST", proxyNode.host());
            case CONTAINER -> new BerthContainer(proxyNode.client(), TestImages.BERTH, work, Map.of(), sockets());
        };
    }

    /** The proxy's node's socket, and the manager's where that is another node. */
    private Map<String, String> sockets() {
        Map<String, String> sockets = new HashMap<>(Map.of(BerthContainer.socketPath(proxyNode.host()), BerthContainer.DOCKER_SOCKET));
        if (proxyNode != swarm.manager()) {
            sockets.put(BerthContainer.socketPath(swarm.manager().host()), MANAGER_SOCKET);
        }
        return sockets;
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

    /**
     * Creates a service of {@code replicas} tasks of {@code image} on the overlay network, selected by
     * Berth, and waits until they run.
     *
     * @param more further options of {@code docker service create}
     */
    public void createService(String name, String image, int replicas, String... more) {
        List<String> create = new ArrayList<>(List.of("service", "create", "--detach", "--no-resolve-image",
                "--name", name, "--network", SwarmCluster.NETWORK, "--replicas", String.valueOf(replicas),
                "--label", WEB, "--label", "berth.upstream=web", "--label", "berth.port=" + TestImages.BACKEND_PORT,
                // As long as the drain of the backends, and more: the tests' backends exit by themselves.
                "--stop-grace-period", "10s"));
        create.addAll(List.of(more));
        create.add(image);
        swarm.manager().docker(create.toArray(String[]::new));
        services.add(name);
        awaitRunning(name, replicas);
    }

    /** Waits until {@code count} tasks of the service run. */
    public void awaitRunning(String service, int count) {
        Waiting.upTo30s(count + " tasks of " + service + " run")
                .until(() -> swarm.runningTasks(service).size() == count);
    }

    /** Starts {@code berth watch --swarm} for the "web" services and this proxy, with more options. */
    public void startBerth(String... more) {
        List<String> arguments = new ArrayList<>(List.of("--swarm", "--network", SwarmCluster.NETWORK));
        if (proxyNode != swarm.manager()) {
            arguments.addAll(List.of("--swarm-manager",
                    where == BerthPlace.HOST ? swarm.manager().host() : "unix://" + MANAGER_SOCKET));
        }
        arguments.addAll(List.of(more));
        berth = berthForProxy.start(arguments);
    }

    /** Starts the proxy on its node and waits until it answers. */
    public void startProxy() {
        proxy = SwarmProxies.start(proxyNode, kind, proxyImage, configFile.getParent(), PROXY_TYPE);
        ProxyContainer current = proxy;
        diagnostics.accept(kind + " log", current::logText);
        Waiting.upTo30s(kind + " answers at " + proxy.address() + ":" + proxy.port())
                .failFast("the " + kind + " container stopped", () -> !current.isRunning())
                .until(() -> current.get().failure() == null);
    }

    /**
     * Waits until group "web" lists exactly the running tasks of {@code service} (on the overlay
     * network), {@code count} of them; answers those tasks and when the file was written.
     */
    public Routed awaitRouted(String service, int count) {
        AtomicReference<Routed> routed = new AtomicReference<>();
        Waiting.upTo30s(kind.configFile() + " lists the " + count + " running tasks of " + service)
                .failFast("berth watch exited", () -> !berth.isAlive())
                .untilAsserted(() -> {
                    List<SwarmTask> running = swarm.runningTasks(service);
                    assertThat(running).hasSize(count);
                    assertThat(configFile).exists();
                    assertThat(kind.servers(configFile, "web")).containsExactlyInAnyOrderElementsOf(
                            running.stream().map(task -> task.server(SwarmCluster.NETWORK)).toList());
                    routed.set(new Routed(running, Files.getLastModifiedTime(configFile).toInstant()));
                });
        return routed.get();
    }

    /** Waits until the file no longer lists {@code server}; answers when the file that left it out was written. */
    public Instant awaitUnlisted(String server) {
        AtomicReference<Instant> written = new AtomicReference<>();
        Waiting.upTo30s(kind.configFile() + " no longer lists " + server)
                .pollInterval(Duration.ofMillis(5))
                .failFast("berth watch exited", () -> !berth.isAlive())
                .untilAsserted(() -> {
                    Instant modified = Files.getLastModifiedTime(configFile).toInstant();
                    assertThat(kind.servers(configFile, "web")).doesNotContain(server);
                    written.set(modified);
                });
        return written.get();
    }

    /** Waits until every one of the tasks answered a request through the proxy. */
    public void awaitAnswersFrom(List<SwarmTask> tasks) {
        List<String> hostnames = tasks.stream().map(task -> task.containerId().substring(0, 12)).toList();
        List<String> answered = new ArrayList<>();
        Waiting.upTo30s("every task answers through " + kind + ": " + hostnames)
                .failFast("the " + kind + " container stopped", () -> !proxy.isRunning())
                .until(() -> {
                    answered.add(proxy.get().body());
                    return answered.containsAll(hostnames);
                });
    }

    /** The running tasks that are routed, and when the configuration that routes them was written. */
    public record Routed(List<SwarmTask> tasks, Instant written) {}

    /** Stops Berth, removes the proxy, and removes the services, waiting until their containers are gone. */
    @Override
    public void close() {
        try {
            berthForProxy.close();
            if (proxy != null) {
                SwarmProxies.remove(proxyNode, proxy);
            }
        } finally {
            services.forEach(service -> swarm.manager().dockerResult("service", "rm", service));
            Waiting.upTo30s("the containers of " + services + " are gone").until(() -> swarm.nodes().stream()
                    .allMatch(node -> services.stream().allMatch(service -> node.docker("ps", "--all", "--quiet",
                            "--filter", "label=com.docker.swarm.service.name=" + service).isBlank())));
        }
    }

    private static String tail(String text, int lines) {
        List<String> all = text.lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }
}
