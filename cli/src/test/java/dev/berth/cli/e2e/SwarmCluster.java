package dev.berth.cli.e2e;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.core.spi.ContainerControl.ExecResult;
import dev.berth.core.host.HostCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A Swarm of three nodes on this one machine (or of a manager alone, {@link #startOneNode}): a
 * manager and two workers, each a dockerd of its own
 * ({@link SwarmNode}) in a network namespace of a {@link SwarmLan}; the swarm initialised and joined
 * over the namespaces' addresses; one attachable overlay network ({@link #NETWORK}); the images the
 * test needs loaded into every node from the system daemon ({@code docker save}, then
 * {@code docker load}), so that services are created with {@code --no-resolve-image} and never pull.
 *
 * <p>This kernel has no IPVS: a service's virtual IP and the routing mesh carry no traffic, so proxies
 * route to the tasks' own addresses, and a port is published in host mode (or by a plain container).
 *
 * <p>One cluster serves a test class. {@link #close} removes all of it whatever state it is in, and
 * {@link #start} first removes what a crashed run of another JVM left.
 */
public final class SwarmCluster implements AutoCloseable {

    /** The overlay network the tests' services and proxies share. */
    public static final String NETWORK = "berth-overlay";
    private static final String PREFIX = "bsw";
    private static final Path TMP = Path.of("/tmp");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String prefix;
    private final Path root;
    private final SwarmLan lan;
    private final List<SwarmNode> nodes = new ArrayList<>();
    /** The nodes' short names: their namespaces' suffixes and their folders under the root. */
    private final List<String> shortNames;

    private SwarmCluster(String id, int size) {
        this.prefix = PREFIX + id;
        this.root = TMP.resolve(prefix);
        this.lan = new SwarmLan(prefix, SwarmLan.freeThirdByte());
        this.shortNames = List.of("m", "w1", "w2").subList(0, size);
        List<String> names = List.of("manager", "worker1", "worker2");
        for (int i = 0; i < size; i++) {
            nodes.add(new SwarmNode(names.get(i), prefix + "-" + names.get(i), lan.address(i),
                    lan.namespace(shortNames.get(i)), root.resolve(shortNames.get(i))));
        }
    }

    /** What the cluster needs from the machine; empty when all is there. */
    public static List<String> missing() {
        List<String> missing = new ArrayList<>(PrivateDockerDaemon.missing());
        for (String tool : List.of("/usr/bin/nsenter", "/usr/bin/unshare", "/usr/bin/docker")) {
            if (!Files.isExecutable(Path.of(tool))) {
                missing.add(tool + " is missing (apt-get install util-linux docker.io)");
            }
        }
        return missing;
    }

    /** Starts the three nodes, the swarm and the overlay network, and loads {@code images} (tags of the system daemon) into every node. */
    public static SwarmCluster start(String... images) {
        return start(3, images);
    }

    /** As {@link #start(String...)}, with a manager alone: what a test of Berth's reading, without cross-node traffic, needs. */
    public static SwarmCluster startOneNode(String... images) {
        return start(1, images);
    }

    private static SwarmCluster start(int size, String... images) {
        removeLeftoversOfDeadRuns();
        SwarmCluster cluster = new SwarmCluster(HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()).substring(4), size);
        try {
            cluster.up(List.of(images));
            return cluster;
        } catch (RuntimeException | Error e) {
            cluster.nodes.forEach(node -> System.err.println("----- " + node + " dockerd log -----\n" + node.log()));
            cluster.close();
            throw e;
        }
    }

    private void up(List<String> images) {
        long started = System.nanoTime();
        try {
            Files.createDirectories(root);
            Files.writeString(root.resolve("owner"), Long.toString(ProcessHandle.current().pid()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + root, e);
        }
        CompletableFuture<Path> saved = CompletableFuture.supplyAsync(() -> save(images));
        lan.create(shortNames);
        long namespaces = System.nanoTime();
        nodes.forEach(SwarmNode::start);
        nodes.forEach(SwarmNode::awaitAnswer);
        long daemons = System.nanoTime();
        // Loading takes longest, and needs no swarm: it runs while the swarm forms.
        CompletableFuture<Void> loaded = saved.thenAcceptAsync(tar ->
                inParallel(nodes.stream(), node -> node.docker("load", "--quiet", "--input", tar.toString())));
        manager().docker("swarm", "init", "--advertise-addr", manager().address(),
                "--listen-addr", manager().address() + ":2377", "--default-addr-pool", "10.198.0.0/16");
        String token = manager().docker("swarm", "join-token", "--quiet", "worker").strip();
        inParallel(workers().stream(), worker -> worker.docker("swarm", "join", "--token", token,
                "--advertise-addr", worker.address(), manager().address() + ":2377"));
        manager().docker("network", "create", "--driver", "overlay", "--attachable", NETWORK);
        long swarm = System.nanoTime();
        loaded.join();
        long ready = System.nanoTime();
        System.out.printf("berth-e2e swarm %s: %s up in %d ms (namespaces %d ms, daemons %d ms, swarm and overlay %d ms;"
                        + " %d images loaded meanwhile, %d ms more)%n", prefix, nodes.size() == 1 ? "1 node" : nodes.size() + " nodes",
                millis(started, ready), millis(started, namespaces),
                millis(namespaces, daemons), millis(daemons, swarm), images.size(), millis(swarm, ready));
    }

    private Path save(List<String> images) {
        Path tar = root.resolve("images.tar");
        List<String> command = new ArrayList<>(List.of("docker", "-H", TestDocker.host(), "save", "--output", tar.toString()));
        command.addAll(images);
        ExecResult result = HostCommand.run(command, Map.of(), Duration.ofMinutes(2));
        if (result.exitCode() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " exited " + result.exitCode() + ": " + result.output());
        }
        return tar;
    }

    public SwarmNode manager() {
        return nodes.get(0);
    }

    public List<SwarmNode> workers() {
        return nodes.subList(1, nodes.size());
    }

    public List<SwarmNode> nodes() {
        return List.copyOf(nodes);
    }

    /** The node with Swarm's id {@code nodeId}. */
    public SwarmNode node(String nodeId) {
        return nodes.stream().filter(node -> node.nodeId().equals(nodeId)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no node has id " + nodeId));
    }

    /** Every task of the service that the manager still knows, of whatever state. */
    public List<SwarmTask> tasks(String service) {
        for (int attempt = 1; ; attempt++) {
            String ids = manager().docker("service", "ps", "--quiet", "--no-trunc", service).strip();
            if (ids.isEmpty()) {
                return List.of();
            }
            List<String> inspect = new ArrayList<>(List.of("inspect"));
            inspect.addAll(List.of(ids.split("\\s+")));
            ExecResult inspected = manager().dockerResult(inspect.toArray(String[]::new));
            // A task listed a moment ago may be gone by now (Swarm keeps a few of each slot): list again.
            if (inspected.exitCode() == 0) {
                return parse(inspected.output());
            }
            if (attempt == 5) {
                throw new IllegalStateException("docker inspect of the tasks of " + service + " failed 5 times: " + inspected.output());
            }
        }
    }

    private static List<SwarmTask> parse(String json) {
        List<SwarmTask> tasks = new ArrayList<>();
        try {
            // The Engine's JSON, read as it is: docker-java's Task model has no NetworksAttachments.
            for (JsonNode task : JSON.readTree(json)) {
                Map<String, String> addresses = new LinkedHashMap<>();
                for (JsonNode attachment : task.path("NetworksAttachments")) {
                    addresses.put(attachment.path("Network").path("Spec").path("Name").asText(),
                            attachment.path("Addresses").path(0).asText().replaceAll("/\\d+$", ""));
                }
                tasks.add(new SwarmTask(task.path("ID").asText(), task.path("NodeID").asText(),
                        task.path("Status").path("State").asText(), task.path("DesiredState").asText(),
                        task.path("Status").path("ContainerStatus").path("ContainerID").asText(),
                        Instant.parse(task.path("Status").path("Timestamp").asText()), addresses));
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("docker inspect answered no JSON: " + e.getMessage(), e);
        }
        return tasks;
    }

    /** The tasks of the service that run and are meant to. */
    public List<SwarmTask> runningTasks(String service) {
        return tasks(service).stream().filter(SwarmTask::isRunning).toList();
    }

    /**
     * Stops the daemons (each stops its containers and its containerd), then removes whatever is
     * left: processes, mounts, namespaces, veths, the folder.
     */
    @Override
    public void close() {
        try {
            inParallel(nodes.stream(), SwarmNode::stop);
        } finally {
            remove(prefix);
        }
    }

    private static void remove(String prefix) {
        Path folder = TMP.resolve(prefix);
        HostLeftovers.killProcessesNaming(folder);
        HostLeftovers.unmountEverythingUnder(folder);
        SwarmLan.remove(prefix);
        HostLeftovers.deleteRecursively(folder);
    }

    /** Clusters whose JVM has ended (a crash, a killed build) are removed; those of a running JVM are left alone. */
    private static void removeLeftoversOfDeadRuns() {
        List<String> prefixes = new ArrayList<>();
        try (Stream<Path> folders = Files.list(TMP)) {
            folders.map(path -> path.getFileName().toString())
                    .filter(name -> name.startsWith(PREFIX) && name.length() == PREFIX.length() + 4)
                    .forEach(prefixes::add);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + TMP, e);
        }
        for (String line : HostCommand.run(List.of("ip", "netns", "list"), Map.of(), Duration.ofSeconds(30)).output().split("\n")) {
            String name = line.strip().split(" ")[0];
            if (name.startsWith(PREFIX) && name.length() > PREFIX.length() + 4) {
                prefixes.add(name.substring(0, PREFIX.length() + 4));
            }
        }
        prefixes.stream().distinct().filter(prefix -> !ownerRuns(TMP.resolve(prefix).resolve("owner"))).forEach(prefix -> {
            System.err.println("berth-e2e: removing the swarm " + prefix + " that a run which has ended left behind");
            remove(prefix);
        });
    }

    private static boolean ownerRuns(Path ownerFile) {
        try {
            long pid = Long.parseLong(Files.readString(ownerFile).strip());
            return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        } catch (IOException | NumberFormatException e) {
            return false;
        }
    }

    private static <T> void inParallel(Stream<T> items, Consumer<T> action) {
        CompletableFuture.allOf(items.map(item -> CompletableFuture.runAsync(() -> action.accept(item)))
                .toArray(CompletableFuture[]::new)).join();
    }

    private static long millis(long from, long to) {
        return (to - from) / 1_000_000;
    }
}
