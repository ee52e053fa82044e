package dev.berth.cli.e2e;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import dev.berth.core.spi.ContainerControl;
import dev.berth.core.spi.HostCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A one-node Swarm of its own: a dockerd in a network namespace of its own (so that the swarm's
 * docker_gwbridge and ingress never touch the host's network), with its own data, exec root, pid
 * file and socket, `swarm init`ed on a veth address inside the namespace. Torn down, mounts and
 * namespace included, by {@link #close}, also after a failure.
 */
public final class SingleNodeSwarm implements AutoCloseable {

    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);

    private final String namespace;
    private final Path root;
    private final String address;
    private Process dockerd;
    private DockerClient client;

    private SingleNodeSwarm(String id) {
        this.namespace = "bsn" + id;
        this.root = Path.of("/tmp", "bsn-" + id);
        this.address = "10.98." + ThreadLocalRandom.current().nextInt(256) + ".1";
    }

    public static SingleNodeSwarm start() {
        SingleNodeSwarm swarm = new SingleNodeSwarm(HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()).substring(2));
        try {
            swarm.startDaemon();
            swarm.docker("swarm", "init", "--advertise-addr", swarm.address);
            return swarm;
        } catch (RuntimeException | Error e) {
            System.err.println("----- swarm dockerd log -----\n" + swarm.log());
            swarm.close();
            throw e;
        }
    }

    private void startDaemon() {
        try {
            Files.createDirectories(root);
            Files.writeString(root.resolve("daemon.json"), "{}\n");
        } catch (IOException e) {
            throw new IllegalStateException("cannot create " + root, e);
        }
        run("ip", "netns", "add", namespace);
        inNamespace("ip", "link", "add", "v0", "type", "veth", "peer", "name", "v1");
        inNamespace("ip", "address", "add", address + "/24", "dev", "v0");
        inNamespace("ip", "link", "set", "v0", "up");
        inNamespace("ip", "link", "set", "v1", "up");
        inNamespace("ip", "link", "set", "lo", "up");
        try {
            // nsenter, not `ip netns exec`: that remounts /sys, and dockerd then finds no devices cgroup.
            dockerd = new ProcessBuilder("nsenter", "--net=/run/netns/" + namespace, "/usr/sbin/dockerd",
                    "--host", host(), "--data-root", root.resolve("data").toString(),
                    "--exec-root", root.resolve("x").toString(), "--pidfile", root.resolve("docker.pid").toString(),
                    "--config-file", root.resolve("daemon.json").toString(),
                    "--iptables=false", "--ip-masq=false", "--ip-forward=false")
                    .redirectErrorStream(true).redirectOutput(root.resolve("dockerd.log").toFile()).start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start dockerd", e);
        }
        DefaultDockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost(host()).withDockerTlsVerify(false).build();
        client = DockerClientImpl.getInstance(config, new ApacheDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost()).connectionTimeout(Duration.ofSeconds(5)).build());
        Waiting.upTo30s("the swarm's dockerd answers at " + host()).ignoreExceptions()
                .failFast("the swarm's dockerd exited", () -> !dockerd.isAlive())
                .until(() -> {
                    client.pingCmd().exec();
                    return true;
                });
    }

    public String host() {
        return "unix://" + root.resolve("docker.sock");
    }

    public DockerClient client() {
        return client;
    }

    /** The docker CLI against this daemon; answers its standard output, fails with its output otherwise. */
    public String docker(String... arguments) {
        List<String> command = new ArrayList<>(List.of("docker", "-H", host()));
        command.addAll(List.of(arguments));
        ContainerControl.ExecResult result = HostCommand.run(command, Map.of(), COMMAND_TIMEOUT);
        if (result.exitCode() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + result.output());
        }
        return result.output().strip();
    }

    public String log() {
        try {
            Path log = root.resolve("dockerd.log");
            return Files.exists(log) ? Files.readString(log) : "(no log)";
        } catch (IOException e) {
            return "(cannot read the log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        try {
            if (dockerd != null && dockerd.isAlive()) {
                quietly(List.of("docker", "-H", host(), "swarm", "leave", "--force"));
                dockerd.destroy();
                if (!dockerd.waitFor(30, TimeUnit.SECONDS)) {
                    dockerd.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            HostLeftovers.killProcessesNaming(root);
            HostLeftovers.unmountEverythingUnder(root);
            quietly(List.of("ip", "netns", "delete", namespace));
            quietly(List.of("rm", "-rf", root.toString()));
        }
    }

    private void inNamespace(String... command) {
        List<String> all = new ArrayList<>(List.of("nsenter", "--net=/run/netns/" + namespace));
        all.addAll(List.of(command));
        run(all.toArray(String[]::new));
    }

    private static void run(String... command) {
        ContainerControl.ExecResult result = HostCommand.run(List.of(command), Map.of(), COMMAND_TIMEOUT);
        if (result.exitCode() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + result.output());
        }
    }

    private static void quietly(List<String> command) {
        HostCommand.run(command, Map.of(), COMMAND_TIMEOUT);
    }
}
