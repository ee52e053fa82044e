package dev.berth.cli.e2e;

import com.github.dockerjava.api.DockerClient;
import dev.berth.core.spi.ContainerControl.ExecResult;
import dev.berth.core.host.HostCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One node of a test's Swarm: a dockerd of its own in a network namespace of the cluster's
 * {@link SwarmLan}, with its own socket, data root, exec root (and so its own containerd), pid file
 * and an empty config file (the host's /etc/docker/daemon.json is the system daemon's), all under a
 * short folder in /tmp (a Unix socket path is limited to 107 bytes). It runs in a UTS namespace of
 * its own too, so that {@code docker node ls} and the tasks name the node by its own hostname.
 *
 * <p>It is started with {@code nsenter --net=…}: {@code ip netns exec} would also remount /sys, and
 * dockerd then fails with "Devices cgroup isn't mounted". In its namespace dockerd manages its own
 * iptables, which the host's never see.
 */
public final class SwarmNode {

    private static final Duration CLI_TIMEOUT = Duration.ofMinutes(2);

    private final String name;
    private final String hostname;
    private final String address;
    private final Path namespace;
    private final Path root;
    private final DockerClient client;
    private Process dockerd;
    private String nodeId;

    SwarmNode(String name, String hostname, String address, Path namespace, Path root) {
        this.name = name;
        this.hostname = hostname;
        this.address = address;
        this.namespace = namespace;
        this.root = root;
        this.client = TestDocker.clientOf(host());
    }

    /** The node's name in the test ("manager", "worker1" …). */
    public String name() {
        return name;
    }

    /** Its hostname, as Swarm reports it. */
    public String hostname() {
        return hostname;
    }

    /** Its address on the cluster's LAN, which the host reaches. */
    public String address() {
        return address;
    }

    /** DOCKER_HOST for this node's daemon. */
    public String host() {
        return "unix://" + root.resolve("d.sock");
    }

    public DockerClient client() {
        return client;
    }

    /** Swarm's id of this node, once it is in the swarm. */
    public String nodeId() {
        if (nodeId == null) {
            nodeId = docker("info", "--format", "{{.Swarm.NodeID}}").strip();
        }
        return nodeId;
    }

    /** Starts dockerd; {@link #awaitAnswer} waits for it. */
    void start() {
        try {
            Files.createDirectories(root);
            Files.writeString(root.resolve("daemon.json"), "{}\n", StandardCharsets.UTF_8);
            dockerd = new ProcessBuilder("nsenter", "--net=" + namespace,
                    "unshare", "--uts", "--",
                    "sh", "-c", "hostname \"$0\" && exec \"$@\"", hostname,
                    "/usr/sbin/dockerd",
                    "--host", host(),
                    "--data-root", root.resolve("data").toString(),
                    "--exec-root", root.resolve("x").toString(),
                    "--pidfile", root.resolve("d.pid").toString(),
                    "--config-file", root.resolve("daemon.json").toString())
                    .redirectErrorStream(true)
                    .redirectOutput(root.resolve("dockerd.log").toFile())
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start dockerd for " + name, e);
        }
    }

    void awaitAnswer() {
        Waiting.upTo30s(name + "'s dockerd answers at " + host())
                .failFast(name + "'s dockerd exited:\n" + log(), () -> !dockerd.isAlive())
                .until(() -> {
                    try {
                        client.pingCmd().exec();
                        return true;
                    } catch (RuntimeException notYet) {
                        return false;
                    }
                });
    }

    /** Runs the Docker CLI against this node; answers its output, or fails with it. */
    public String docker(String... arguments) {
        ExecResult result = dockerResult(arguments);
        if (result.exitCode() != 0) {
            throw new IllegalStateException("docker " + String.join(" ", arguments) + " on " + name + " exited "
                    + result.exitCode() + ": " + result.output().strip());
        }
        return result.output();
    }

    /** As {@link #docker}, answering how it ended, whatever that was. */
    public ExecResult dockerResult(String... arguments) {
        List<String> command = new ArrayList<>(List.of("docker", "-H", host()));
        command.addAll(List.of(arguments));
        return HostCommand.run(command, Map.of(), CLI_TIMEOUT);
    }

    /** Everything dockerd logged. */
    public String log() {
        try {
            Path log = root.resolve("dockerd.log");
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "(no log)";
        } catch (IOException e) {
            return "(cannot read the log: " + e.getMessage() + ")";
        }
    }

    /** SIGTERM, and SIGKILL after 20 s: dockerd stops its containers and its containerd. */
    void stop() {
        if (dockerd == null) {
            return;
        }
        dockerd.destroy();
        try {
            if (!dockerd.waitFor(20, TimeUnit.SECONDS)) {
                dockerd.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            dockerd.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return name + " (" + hostname + ", " + address + ")";
    }
}
