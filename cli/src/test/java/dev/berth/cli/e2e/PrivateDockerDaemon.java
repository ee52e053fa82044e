package dev.berth.cli.e2e;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Network;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A Docker daemon that one test class owns, so that it may kill, restart and freeze it: the system
 * daemon is shared with everything else on the machine and is never touched.
 *
 * <p>It keeps to itself: its own socket, data root, exec root (with its own containerd) and pid file
 * under a short folder in /tmp (a Unix socket path is limited to 107 bytes); its own default bridge;
 * networks from its own address pool; and no iptables rules of its own ({@code --iptables=false}),
 * since a daemon that manages iptables first removes the DOCKER chains the system daemon relies on.
 * Published 127.0.0.1 ports still work through Docker's userland proxy. Containers on one of its
 * bridges reach each other thanks to one FORWARD rule per bridge that this class adds and removes
 * (the host's FORWARD policy is DROP, and bridged traffic passes through it).
 *
 * <p>{@link #close} removes everything, whatever state the daemon was left in.
 */
public final class PrivateDockerDaemon implements AutoCloseable {

    private static final Path DOCKERD = Path.of("/usr/sbin/dockerd");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration PING_TIMEOUT = Duration.ofSeconds(2);

    private final String id;
    private final Path root;
    private final String bridge;
    private final String networkBridge;
    private static final Path HOST_DEFAULT_BRIDGE = Path.of("/sys/class/net/docker0");
    private static final boolean HOST_DEFAULT_BRIDGE_EXISTED = Files.exists(HOST_DEFAULT_BRIDGE);
    private final String networkSubnet = "10.231." + ThreadLocalRandom.current().nextInt(256) + ".0/24";
    private final DockerClient client;
    private final ExecutorService pings = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "private-dockerd-ping");
        thread.setDaemon(true);
        return thread;
    });
    private final List<List<String>> undo = new ArrayList<>();
    private Process dockerd;

    private PrivateDockerDaemon(String id) {
        this.id = id;
        this.root = Path.of("/tmp", "bd-" + id);
        this.bridge = "bd" + id + "d";
        this.networkBridge = "bd" + id + "n";
        this.client = TestDocker.clientOf(host());
    }

    /** Creates the daemon's folder and bridge, starts it and waits until it answers. */
    public static PrivateDockerDaemon start() {
        PrivateDockerDaemon daemon = new PrivateDockerDaemon(HexFormat.of().toHexDigits(
                ThreadLocalRandom.current().nextInt()).substring(2));
        try {
            daemon.prepare();
            daemon.startAgain();
            return daemon;
        } catch (RuntimeException | Error e) {
            System.err.println("----- private dockerd log -----\n" + daemon.log());
            daemon.close();
            throw e;
        }
    }

    /** What must be present to run one; empty when all is. */
    public static List<String> missing() {
        List<String> missing = new ArrayList<>();
        if (!Files.isExecutable(DOCKERD)) {
            missing.add(DOCKERD + " is missing (apt-get install docker.io)");
        }
        for (String tool : List.of("/usr/sbin/ip", "/usr/sbin/iptables")) {
            if (!Files.isExecutable(Path.of(tool))) {
                missing.add(tool + " is missing");
            }
        }
        try {
            if (!Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"))) {
                missing.add("a private dockerd needs root");
            }
        } catch (IOException e) {
            missing.add("cannot tell whether this runs as root: " + e.getMessage());
        }
        return missing;
    }

    /** DOCKER_HOST for this daemon. */
    public String host() {
        return "unix://" + root.resolve("docker.sock");
    }

    public DockerClient client() {
        return client;
    }

    /**
     * Driver options for a user-defined bridge network on this daemon: the one bridge name that
     * containers on it can talk through (one such network at a time).
     */
    public Map<String, String> networkOptions() {
        return Map.of("com.docker.network.bridge.name", networkBridge);
    }

    /**
     * The subnet for that network, outside the system daemon's pools. Given per network, not with
     * --default-address-pool: a daemon restarted with an address pool (and no live restore) deletes
     * the host's docker0, the system daemon's default bridge (moby's configureNetworking).
     */
    public String networkSubnet() {
        return networkSubnet;
    }

    /** Starts dockerd on the existing data (as after a crash) and waits until it answers. */
    public void startAgain() {
        try {
            Files.writeString(root.resolve("dockerd.log"), "----- dockerd starts -----\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            dockerd = new ProcessBuilder(DOCKERD.toString(),
                    "--host", host(),
                    "--data-root", root.resolve("data").toString(),
                    "--exec-root", root.resolve("x").toString(),
                    "--pidfile", root.resolve("docker.pid").toString(),
                    "--config-file", root.resolve("daemon.json").toString(),
                    "--bridge", bridge,
                    "--iptables=false", "--ip-masq=false", "--ip-forward=false",
                    "--live-restore=false")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(root.resolve("dockerd.log").toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start dockerd", e);
        }
        Waiting.upTo30s("the private dockerd answers at " + host())
                .atMost(START_TIMEOUT)
                .failFast("the private dockerd exited", () -> !dockerd.isAlive())
                .until(this::answers);
        if (HOST_DEFAULT_BRIDGE_EXISTED && !Files.exists(HOST_DEFAULT_BRIDGE)) {
            throw new IllegalStateException("the private dockerd deleted the host's docker0, the system daemon's default bridge");
        }
    }

    /** Whether a ping is answered within 2 s; never blocks longer, whatever state the daemon is in. */
    public boolean answers() {
        Future<?> ping = pings.submit(() -> client.pingCmd().exec());
        try {
            ping.get(PING_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException | ExecutionException e) {
            // Interrupting the ping closes its socket channel: the thread is free again.
            ping.cancel(true);
            return false;
        } catch (InterruptedException e) {
            ping.cancel(true);
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** SIGKILL, as a crash: containerd dies with it; the containers are stopped when it starts again. */
    public void kill() {
        List<ProcessHandle> children = dockerd.children().toList();
        dockerd.destroyForcibly();
        try {
            if (!dockerd.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the private dockerd survived SIGKILL for 30 s");
            }
            // containerd dies with it, but not at once; a dockerd started meanwhile would try to use the dying one.
            for (ProcessHandle child : children) {
                child.onExit().get(30, TimeUnit.SECONDS);
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("a child of the killed dockerd still runs after 30 s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while killing the private dockerd", e);
        }
    }

    /** SIGSTOP: the daemon keeps its connections open and answers nothing. */
    public void freeze() {
        run("kill", "-STOP", Long.toString(dockerd.pid()));
    }

    /** SIGCONT after {@link #freeze}. */
    public void thaw() {
        run("kill", "-CONT", Long.toString(dockerd.pid()));
    }

    public boolean isRunning() {
        return dockerd != null && dockerd.isAlive();
    }

    /** Everything dockerd logged since the first start. */
    public String log() {
        try {
            Path log = root.resolve("dockerd.log");
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "(no log)";
        } catch (IOException e) {
            return "(cannot read the log: " + e.getMessage() + ")";
        }
    }

    private void prepare() {
        try {
            Files.createDirectories(root);
            Files.writeString(root.resolve("daemon.json"), "{}\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + root, e);
        }
        // The default bridge must exist before dockerd starts; its address is outside every pool.
        run("ip", "link", "add", bridge, "type", "bridge");
        undo.add(List.of("ip", "link", "delete", bridge));
        run("ip", "address", "add", "10.230." + ThreadLocalRandom.current().nextInt(256) + ".1/24", "dev", bridge);
        run("ip", "link", "set", bridge, "up");
        for (String name : List.of(bridge, networkBridge)) {
            run("iptables", "-w", "-I", "FORWARD", "-i", name, "-o", name, "-j", "ACCEPT");
            undo.add(List.of("iptables", "-w", "-D", "FORWARD", "-i", name, "-o", name, "-j", "ACCEPT"));
        }
    }

    /**
     * Removes every container and network, stops the daemon (and so its containerd), then whatever
     * a crash may have left: container processes, mounts, the bridges, the FORWARD rules, the folder.
     */
    @Override
    public void close() {
        try {
            if (isRunning()) {
                thaw();
                if (answers()) {
                    removeContainersAndNetworks();
                }
                dockerd.destroy();
                if (!dockerd.waitFor(30, TimeUnit.SECONDS)) {
                    dockerd.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }
        } catch (RuntimeException | InterruptedException e) {
            System.err.println("berth-e2e: stopping the private dockerd: " + e);
        } finally {
            pings.shutdownNow();
            // containerd's shims (and their containers) outlive a killed daemon; every one of them names our folder.
            HostLeftovers.killProcessesNaming(root);
            HostLeftovers.unmountEverythingUnder(root);
            for (int i = undo.size() - 1; i >= 0; i--) {
                runQuietly(undo.get(i));
            }
            runQuietly(List.of("ip", "link", "delete", networkBridge));
            HostLeftovers.deleteRecursively(root);
        }
    }

    private void removeContainersAndNetworks() {
        for (Container container : client.listContainersCmd().withShowAll(true).exec()) {
            client.removeContainerCmd(container.getId()).withForce(true).withRemoveVolumes(true).exec();
        }
        for (Network network : client.listNetworksCmd().exec()) {
            if (!List.of("bridge", "host", "none").contains(network.getName())) {
                client.removeNetworkCmd(network.getId()).exec();
            }
        }
    }

    private static void run(String... command) {
        String output = execute(List.of(command));
        if (output != null) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
        }
    }

    private static void runQuietly(List<String> command) {
        execute(command);
    }

    /** Runs a command; answers null when it succeeded, its output otherwise. */
    private static String execute(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return "did not end within 30 s";
            }
            return process.exitValue() == 0 ? null : "exit " + process.exitValue() + ": " + output.strip();
        } catch (IOException e) {
            return e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    @Override
    public String toString() {
        return "private dockerd " + id + " at " + host();
    }
}
