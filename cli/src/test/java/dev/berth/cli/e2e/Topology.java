package dev.berth.cli.e2e;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ContainerNetwork;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Network;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.RestartPolicy;
import com.github.dockerjava.api.model.Volume;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The blog post's topology, for one test: a user-defined bridge network with a unique name, web
 * containers on it, and the proxy container on it publishing port 80 on 127.0.0.1 only.
 *
 * <p>Everything it creates carries the label {@code berth-e2e=<run id>}; {@link #close} force-removes
 * all of it, whatever state the test left it in.
 */
public final class Topology implements AutoCloseable {

    public static final String RUN_LABEL = "berth-e2e";
    public static final String TYPE_LABEL = "com.ameyalokare.type";
    public static final String COMPOSE_SERVICE_LABEL = "com.docker.compose.service";

    private final DockerClient docker;
    private final String runId;
    private final String network;
    private final List<String> moreNetworks = new ArrayList<>();
    private int containers;

    private Topology(DockerClient docker, String runId) {
        this.docker = docker;
        this.runId = runId;
        this.network = "berth-e2e-" + runId;
    }

    /** Creates the network (the images must have been built: see {@link TestImages}). */
    public static Topology create(DockerClient docker) {
        return create(docker, Map.of(), Optional.empty());
    }

    /** As {@link #create(DockerClient)}, with options for the bridge driver (such as the bridge's name) and a subnet. */
    public static Topology create(DockerClient docker, Map<String, String> driverOptions, String subnet) {
        return create(docker, driverOptions, Optional.of(subnet));
    }

    private static Topology create(DockerClient docker, Map<String, String> driverOptions, Optional<String> subnet) {
        Topology topology = new Topology(docker, UUID.randomUUID().toString().substring(0, 8));
        docker.createNetworkCmd()
                .withName(topology.network)
                .withDriver("bridge")
                .withOptions(driverOptions)
                .withIpam(subnet.map(net -> new Network.Ipam().withConfig(new Network.Ipam.Config().withSubnet(net)))
                        .orElse(null))
                .withCheckDuplicate(true)
                .withLabels(Map.of(RUN_LABEL, topology.runId))
                .exec();
        return topology;
    }

    public String network() {
        return network;
    }

    /**
     * The label filter that matches only this run's containers: with it, a test's --reload-select
     * reaches only its own proxy, never another test's on the same Docker Engine.
     */
    public String runFilter() {
        return RUN_LABEL + "=" + runId;
    }

    /** The label that marks this run's containers (see {@link #runFilter}), for those a test creates itself. */
    public Map<String, String> runLabel() {
        return Map.of(RUN_LABEL, runId);
    }

    /** A web container of the Compose service "web", as the blog post labels it, started. */
    public WebContainer startWeb() {
        return startBackend("web", "web");
    }

    /** As {@link #startWeb}, with Docker's restart policy "always": it comes back when the daemon does. */
    public WebContainer startWebRestartingAlways() {
        String id = createBackend("web", "web", RestartPolicy.alwaysRestart());
        docker.startContainerCmd(id).exec();
        return inspect(id);
    }

    /** A backend container with the given type and Compose service labels, started. */
    public WebContainer startBackend(String type, String service) {
        String id = createBackend(type, service);
        docker.startContainerCmd(id).exec();
        return inspect(id);
    }

    /** As {@link #startBackend}, but never started; answers the container's id. */
    public String createBackend(String type, String service) {
        return createBackend(type, service, RestartPolicy.noRestart());
    }

    /** As {@link #createBackend(String, String)}, from another backend image (such as a draining one). */
    public String createBackend(String type, String service, String image) {
        return createBackend(type, service, RestartPolicy.noRestart(), image);
    }

    private String createBackend(String type, String service, RestartPolicy restart) {
        return createBackend(type, service, restart, TestImages.backend(docker));
    }

    private String createBackend(String type, String service, RestartPolicy restart, String image) {
        return docker.createContainerCmd(image)
                .withName(nextName(type))
                .withLabels(labels(Map.of(TYPE_LABEL, type, COMPOSE_SERVICE_LABEL, service)))
                .withHostConfig(HostConfig.newHostConfig().withNetworkMode(network).withRestartPolicy(restart))
                .exec()
                .getId();
    }

    /** Starts the containers at once, one thread each; answers System.nanoTime() when the last start call returned. */
    public long startAllAtOnce(List<String> ids) throws Exception {
        return allAtOnce(ids, id -> docker.startContainerCmd(id).exec());
    }

    /** Stops the containers at once (as docker stop: SIGTERM, then SIGKILL after {@code seconds}); as {@link #startAllAtOnce}. */
    public long stopAllAtOnce(List<String> ids, int seconds) throws Exception {
        return allAtOnce(ids, id -> docker.stopContainerCmd(id).withTimeout(seconds).exec());
    }

    private static long allAtOnce(List<String> ids, Consumer<String> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(ids.size());
        try {
            CountDownLatch go = new CountDownLatch(1);
            AtomicLong last = new AtomicLong();
            List<Future<?>> calls = new ArrayList<>();
            for (String id : ids) {
                calls.add(pool.submit(() -> {
                    go.await();
                    call.accept(id);
                    last.accumulateAndGet(System.nanoTime(), Math::max);
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> done : calls) {
                done.get(120, TimeUnit.SECONDS);
            }
            return last.get();
        } finally {
            pool.shutdownNow();
        }
    }

    /** The container as it is now (after a restart, its address may differ); fails while it has no address. */
    public WebContainer current(WebContainer container) {
        return inspect(container.id());
    }

    /**
     * A web container of the Compose service "web" from {@code image}, with whatever else
     * {@code customize} sets (a health check …), started on this topology's network.
     */
    public WebContainer startWeb(String image, UnaryOperator<CreateContainerCmd> customize) {
        String id = customize.apply(docker.createContainerCmd(image)
                        .withName(nextName("web"))
                        .withLabels(labels(Map.of(TYPE_LABEL, "web", COMPOSE_SERVICE_LABEL, "web")))
                        .withHostConfig(HostConfig.newHostConfig().withNetworkMode(network)))
                .exec()
                .getId();
        docker.startContainerCmd(id).exec();
        return inspect(id);
    }

    /** {@code count} web containers from {@code image} (as {@link #startWeb(String, UnaryOperator)}), started at once on {@code pool}. */
    public List<WebContainer> startWebsAtOnce(String image, int count, ExecutorService pool) {
        List<CompletableFuture<WebContainer>> starts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            starts.add(CompletableFuture.supplyAsync(() -> startWeb(image, create -> create), pool));
        }
        return starts.stream().map(CompletableFuture::join).toList();
    }

    /** Another user-defined bridge network of this run, removed by {@link #close}; answers its name. */
    public String createNetwork() {
        String name = network + "-" + (moreNetworks.size() + 2);
        docker.createNetworkCmd().withName(name).withDriver("bridge").withCheckDuplicate(true)
                .withLabels(Map.of(RUN_LABEL, runId)).exec();
        moreNetworks.add(name);
        return name;
    }

    /** {@code docker network connect}; answers the container's address on that network. */
    public String connect(String otherNetwork, WebContainer container) {
        docker.connectToNetworkCmd().withNetworkId(otherNetwork).withContainerId(container.id()).exec();
        return address(container.id(), otherNetwork);
    }

    /** {@code docker network disconnect}. */
    public void disconnect(String otherNetwork, WebContainer container) {
        docker.disconnectFromNetworkCmd().withNetworkId(otherNetwork).withContainerId(container.id()).exec();
    }

    /** The container's IPv4 address on a network it is attached to. */
    public String address(String containerId, String onNetwork) {
        ContainerNetwork endpoint = docker.inspectContainerCmd(containerId).exec()
                .getNetworkSettings().getNetworks().get(onNetwork);
        if (endpoint == null || endpoint.getIpAddress() == null || endpoint.getIpAddress().isEmpty()) {
            throw new IllegalStateException("container " + containerId + " has no address on " + onNetwork);
        }
        return endpoint.getIpAddress();
    }

    /** {@code docker exec}, to its end. */
    public void exec(WebContainer container, String... command) {
        String exec = docker.execCreateCmd(container.id()).withCmd(command).exec().getId();
        try {
            docker.execStartCmd(exec).exec(new ResultCallback.Adapter<>()).awaitCompletion(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during docker exec", e);
        }
    }

    /** {@code docker kill}: SIGKILL, a crash. */
    public void kill(WebContainer container) {
        docker.killContainerCmd(container.id()).exec();
    }

    /** {@code docker stop -t seconds}: SIGTERM, and SIGKILL if still running after that many seconds. */
    public void stop(WebContainer container, int seconds) {
        docker.stopContainerCmd(container.id()).withTimeout(seconds).exec();
    }

    /** {@code docker rm -f}. */
    public void remove(WebContainer container) {
        docker.removeContainerCmd(container.id()).withForce(true).exec();
    }

    public boolean isRunning(WebContainer container) {
        return Boolean.TRUE.equals(docker.inspectContainerCmd(container.id()).exec().getState().getRunning());
    }

    /** {@code docker stop}: SIGTERM, and SIGKILL after Docker's default grace period. */
    public void stop(WebContainer container) {
        docker.stopContainerCmd(container.id()).exec();
    }

    /**
     * The nginx proxy with {@code conf.d} bind-mounted (read-only) from {@code confDir}, started.
     * nginx refuses to start while an upstream that a {@code proxy_pass} names is undefined, so the
     * files in {@code confDir} must be complete by now.
     */
    public ProxyContainer startNginx(Path confDir) {
        return startProxy(ProxyKind.NGINX, confDir);
    }

    /** As {@link #startNginx(Path)}, with Docker's restart policy "always": it comes back when the daemon does. */
    public ProxyContainer startNginxRestartingAlways(Path confDir) {
        return startProxy(ProxyKind.NGINX, confDir, ProxyKind.NGINX.rendererName(), RestartPolicy.alwaysRestart());
    }

    /**
     * The HAProxy proxy (master-worker, foreground) with its config directory bind-mounted
     * (read-write, for its admin socket) from {@code confDir}, started; {@code confDir} must hold a complete haproxy.cfg.
     */
    public ProxyContainer startHaproxy(Path confDir) {
        return startProxy(ProxyKind.HAPROXY, confDir);
    }

    /** The proxy of that kind, its config directory bind-mounted from {@code confDir} (see {@link #configBind}), started. */
    public ProxyContainer startProxy(ProxyKind kind, Path confDir) {
        return startProxy(kind, confDir, kind.rendererName(), RestartPolicy.noRestart());
    }

    /**
     * As {@link #startProxy(ProxyKind, Path)}, labelled {@code com.ameyalokare.type=<type>}: a type
     * no other test's Berth signals, for a test that counts the proxy's reloads.
     */
    public ProxyContainer startProxy(ProxyKind kind, Path confDir, String type) {
        return startProxy(kind, confDir, type, RestartPolicy.noRestart());
    }

    private ProxyContainer startProxy(ProxyKind kind, Path confDir, String type, RestartPolicy restart) {
        ExposedPort http = ExposedPort.tcp(80);
        String id = docker.createContainerCmd(kind.image(docker))
                .withName(nextName(kind.rendererName()))
                .withLabels(labels(Map.of(TYPE_LABEL, type)))
                .withExposedPorts(http)
                .withHostConfig(HostConfig.newHostConfig()
                        .withNetworkMode(network)
                        .withRestartPolicy(restart)
                        .withBinds(configBind(kind, confDir))
                        .withPortBindings(new PortBinding(Ports.Binding.bindIp("127.0.0.1"), http)))
                .exec()
                .getId();
        docker.startContainerCmd(id).exec();
        return proxy(kind, id);
    }

    /**
     * A scenario's teardown: its client pool stopped, then Berth, then everything of {@code topology}
     * (either may be null: the scenario failed before it started them), also when one of them fails.
     */
    public static void tearDown(ExecutorService pool, BerthCli.Watch berth, Topology topology) throws InterruptedException {
        pool.shutdownNow();
        pool.awaitTermination(30, TimeUnit.SECONDS);
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

    /**
     * {@code confDir} opened to the proxy and bound at its config directory. The official HAProxy image runs as
     * uid 99, which must read the folder (a @TempDir is 0700), as an operator's would, and write to it: HAProxy
     * creates its admin socket there (Berth's runtime updates). nginx only reads it.
     */
    static Bind configBind(ProxyKind kind, Path confDir) {
        boolean haproxy = kind == ProxyKind.HAPROXY;
        try {
            Files.setPosixFilePermissions(confDir, PosixFilePermissions.fromString(haproxy ? "rwxrwxrwx" : "rwxr-xr-x"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + confDir + " to the proxy's user", e);
        }
        return new Bind(confDir.toAbsolutePath().toString(), new Volume(kind.configDirectory()), haproxy ? AccessMode.rw : AccessMode.ro);
    }

    /** The proxy as it is now: after a restart, Docker may publish its port on another host port. */
    public ProxyContainer current(ProxyContainer proxy) {
        return proxy(proxy.kind(), proxy.id());
    }

    private ProxyContainer proxy(ProxyKind kind, String id) {
        Ports.Binding[] bindings = docker.inspectContainerCmd(id).exec()
                .getNetworkSettings().getPorts().getBindings().get(ExposedPort.tcp(80));
        if (bindings == null || bindings.length == 0) {
            throw new IllegalStateException("the proxy container published no port for 80/tcp");
        }
        return new ProxyContainer(docker, kind, id, Integer.parseInt(bindings[0].getHostPortSpec()));
    }

    /** A container of this topology as it is now; fails while it has no address on the topology's network. */
    public WebContainer inspect(String id) {
        InspectContainerResponse inspected = docker.inspectContainerCmd(id).exec();
        ContainerNetwork endpoint = inspected.getNetworkSettings().getNetworks().get(network);
        if (endpoint == null || endpoint.getIpAddress() == null || endpoint.getIpAddress().isEmpty()) {
            throw new IllegalStateException("container " + id + " has no address on " + network);
        }
        return new WebContainer(id, inspected.getName().replaceFirst("^/", ""),
                inspected.getConfig().getHostName(), endpoint.getIpAddress());
    }

    private Map<String, String> labels(Map<String, String> labels) {
        Map<String, String> all = new HashMap<>(labels);
        all.put(RUN_LABEL, runId);
        return all;
    }

    private synchronized String nextName(String role) {
        return network + "-" + role + "-" + (++containers);
    }

    /** Force-removes every container of this run, then the network. */
    @Override
    public void close() {
        List<Container> leftovers = docker.listContainersCmd()
                .withShowAll(true)
                .withLabelFilter(Map.of(RUN_LABEL, runId))
                .exec();
        for (Container container : leftovers) {
            try {
                docker.removeContainerCmd(container.getId()).withForce(true).withRemoveVolumes(true).exec();
            } catch (NotFoundException alreadyGone) {
                // removed meanwhile
            }
        }
        List<String> networks = new ArrayList<>(moreNetworks);
        networks.add(network);
        for (String name : networks) {
            removeNetwork(name);
        }
    }

    /**
     * Removes a network whose containers are gone. Docker 20.10 sometimes keeps an endpoint of a
     * container removed while many others stopped ("key modified" in its log) and then refuses with
     * "has active endpoints" until it restarts: that is retried for a while, then reported loudly
     * rather than failing the test, whose containers are all gone.
     */
    private void removeNetwork(String name) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try {
                docker.removeNetworkCmd(name).exec();
                return;
            } catch (NotFoundException alreadyGone) {
                return;
            } catch (DockerException e) {
                if (e.getMessage() == null || !e.getMessage().contains("active endpoints")) {
                    throw e;
                }
                if (System.nanoTime() > deadline) {
                    System.err.println("!!!!! network " + name + " left behind: the Docker Engine still counts an endpoint"
                            + " of a removed container in it (" + e.getMessage().strip() + "); restarting dockerd clears it");
                    return;
                }
                try {
                    Thread.sleep(500);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** A backend container: its hostname is what it answers to GET /. */
    public record WebContainer(String id, String name, String hostname, String ip) {

        public String address() {
            return ip + ":" + TestImages.BACKEND_PORT;
        }
    }
}
