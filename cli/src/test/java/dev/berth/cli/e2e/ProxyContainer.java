package dev.berth.cli.e2e;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import dev.berth.core.docker.DockerContainerControl;
import dev.berth.core.spi.ContainerControl.ExecResult;
import dev.berth.core.host.HostCommand;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The running proxy container (nginx or HAProxy): the port it publishes (on 127.0.0.1 or a Swarm node's address), and what its log
 * (with Docker's timestamps) tells about reloads and errors.
 */
public final class ProxyContainer {

    private final DockerClient docker;
    private final ProxyKind kind;
    private final String id;
    private final String address;
    private final int port;
    /** The proxy's main process on the host, once asked for: it stays the same while the container runs. */
    private long mainPid;
    /** Berth's own way into a container, so that a check by hand costs what Berth's costs. */
    private final DockerContainerControl control;

    ProxyContainer(DockerClient docker, ProxyKind kind, String id, int port) {
        this(docker, kind, id, ProxyHttp.LOCALHOST, port);
    }

    /** A proxy that publishes its port on {@code address}: a Swarm node's (see {@link SwarmProxies}). */
    ProxyContainer(DockerClient docker, ProxyKind kind, String id, String address, int port) {
        this.docker = docker;
        this.address = address;
        this.control = new DockerContainerControl(docker);
        this.kind = kind;
        this.id = id;
        this.port = port;
    }

    public String id() {
        return id;
    }

    /** The port on {@link #address} that Docker publishes the proxy's port 80 on. */
    public int port() {
        return port;
    }

    /** The address the port is published on: 127.0.0.1, or a Swarm node's. */
    public String address() {
        return address;
    }

    /** One GET / through the published port. */
    public ProxyHttp.Outcome get() {
        return ProxyHttp.get(address, port);
    }

    public boolean isRunning() {
        Boolean running = docker.inspectContainerCmd(id).exec().getState().getRunning();
        return Boolean.TRUE.equals(running);
    }

    public ProxyKind kind() {
        return kind;
    }

    /**
     * HAProxy: whether the servers of {@code group} that it runs (not in maintenance, as its admin
     * socket in the bind-mounted folder says) are exactly those the file there lists.
     */
    public boolean runsTheFilesServers(String group) {
        Path folder = docker.inspectContainerCmd(id).exec().getMounts().stream()
                .filter(mount -> mount.getDestination() != null && kind.configDirectory().equals(mount.getDestination().getPath()))
                .map(mount -> Path.of(mount.getSource())).findFirst().orElseThrow();
        Path socket = folder.resolve("haproxy.sock");
        try {
            return Files.exists(socket) && Set.copyOf(HaproxyRuntime.activeServers(socket, group))
                    .equals(Set.copyOf(HaproxyBackends.servers(folder.resolve(kind.configFile()), group)));
        } catch (RuntimeException e) {
            return false; // no such backend (yet), or a reload replaces the socket
        }
    }

    /**
     * Sends the proxy's main process a signal as Berth sends it where it can: kill(1) from the host,
     * when root (the benchmarks' floor must not pay Docker's kill API, ~40 ms, if Berth does not);
     * else through Docker's kill API.
     */
    public void signal(String signal) {
        if (!"root".equals(System.getProperty("user.name"))) {
            docker.killContainerCmd(id).withSignal(signal).exec();
            return;
        }
        run("kill", "-s", signal, Long.toString(mainPid()));
    }

    /**
     * Runs the proxy's own check of its configuration in its container, as an operator would before a
     * reload by hand, and as Berth does: with nsenter as docker exec would run it, where this runs
     * as root (see DockerContainerControl), else through Docker's exec.
     */
    public void checkByHand() {
        ExecResult result = control.exec(id, kind.checkInContainer());
        if (result.exitCode() != 0) {
            throw new IllegalStateException(String.join(" ", kind.checkInContainer()) + " exited " + result.exitCode()
                    + ": " + result.output().strip());
        }
    }

    private long mainPid() {
        if (mainPid == 0) {
            mainPid = docker.inspectContainerCmd(id).exec().getState().getPidLong();
        }
        return mainPid;
    }

    private static void run(String... command) {
        ExecResult result = HostCommand.run(List.of(command), Map.of(), Duration.ofSeconds(30));
        if (result.exitCode() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " exited " + result.exitCode() + ": " + result.output().strip());
        }
    }

    /**
     * Whether the proxy reloaded its configuration after {@code since} and the worker of the previous
     * configuration has exited, so that every new connection is served with the new configuration.
     */
    public boolean reloadedSince(Instant since) {
        boolean reconfigured = false;
        for (LogLine line : log()) {
            if (line.time().isBefore(since)) {
                continue;
            }
            if (kind.startsReload(line.text())) {
                reconfigured = true;
            } else if (reconfigured && line.text().contains(ProxyKind.OLD_WORKER_EXITED)) {
                return true;
            }
        }
        return false;
    }

    /** How many reloads the proxy's master started since it started. */
    public int reloads() {
        return reloadsSince(Instant.EPOCH);
    }

    /**
     * How many reloads the proxy's master started after {@code since}, as its log tells (nginx logs
     * "signal 1 (SIGHUP) received, reconfiguring" and then "reconfiguring": one reload).
     */
    public int reloadsSince(Instant since) {
        return (int) reloadStarts(since).count();
    }

    private Stream<Instant> reloadStarts(Instant since) {
        return log().stream().filter(line -> !line.time().isBefore(since) && kind.startsReload(line.text())
                && !line.text().contains("received")).map(LogLine::time);
    }

    /** When the last reload the proxy's master started after {@code since} began, as its log tells; empty if none. */
    public Optional<Instant> lastReloadSince(Instant since) {
        return reloadStarts(since).reduce((first, second) -> second);
    }

    /** The lines the proxy logged as errors after {@code since} (see {@link ProxyKind#isError}). */
    public List<String> errorsSince(Instant since) {
        List<String> errors = new ArrayList<>();
        for (LogLine line : log()) {
            if (!line.time().isBefore(since) && kind.isError(line.text())) {
                errors.add(line.text());
            }
        }
        return errors;
    }

    /** The whole log, for a failure's diagnostics. */
    public String logText() {
        StringBuilder text = new StringBuilder();
        for (LogLine line : log()) {
            text.append(line.time()).append(' ').append(line.text()).append('\n');
        }
        return text.toString();
    }

    private List<LogLine> log() {
        StringBuilder raw = new StringBuilder();
        try {
            docker.logContainerCmd(id)
                    .withStdOut(true)
                    .withStdErr(true)
                    .withTimestamps(true)
                    .withTailAll()
                    .exec(new ResultCallback.Adapter<Frame>() {
                        @Override
                        public void onNext(Frame frame) {
                            synchronized (raw) {
                                raw.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
                            }
                        }
                    })
                    .awaitCompletion(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the proxy's log", e);
        }
        List<LogLine> lines = new ArrayList<>();
        synchronized (raw) {
            for (String line : raw.toString().split("\n")) {
                int space = line.indexOf(' ');
                if (space > 0) {
                    try {
                        lines.add(new LogLine(Instant.parse(line.substring(0, space)), line.substring(space + 1)));
                    } catch (DateTimeParseException notTimestamped) {
                        lines.add(new LogLine(Instant.EPOCH, line));
                    }
                }
            }
        }
        return lines;
    }

    private record LogLine(Instant time, String text) {}
}
