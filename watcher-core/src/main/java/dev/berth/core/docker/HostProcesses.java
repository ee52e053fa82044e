package dev.berth.core.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.ContainerConfig;
import dev.berth.core.spi.ContainerControl.ExecResult;
import dev.berth.core.spi.ContainerControl.ProcessInfo;
import dev.berth.core.host.HostCommand;
import dev.berth.core.host.ProcessTree;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A container's processes seen from the host, when Berth runs there as root: its main process is
 * then a host process that kill(1) can signal, its workers are that process's children, and the
 * proxy's checker can run in the container's namespaces with nsenter. Each answers in a few
 * milliseconds, where Docker's kill, top and exec each cost a round trip through the daemon and
 * containerd (~40, ~50 and ~100 ms here), on the path from a container's start to its first request. When the container's process is not Berth's
 * to see (Berth in a container of its own, not root), callers fall back to the Docker API.
 */
final class HostProcesses {

    private static final Path NSENTER = Path.of("/usr/bin/nsenter");
    /** How far the host process's start may be from the container's, for it to be the same process. */
    private static final Duration SAME_START = Duration.ofSeconds(2);

    private final DockerClient docker;
    private final Map<String, Target> targets = new ConcurrentHashMap<>();
    private final ProcessSignal signals = new ProcessSignal();
    private final ProcessTree tree = new ProcessTree();

    /**
     * A container's main process on the host, and what docker exec would run a command with there
     * (empty when nsenter cannot do as docker exec would). Resolved once per container start: the
     * user from the container's /etc/passwd, well under a millisecond.
     */
    private record Target(ProcessHandle main, Optional<ExecContext> exec) {
    }

    HostProcesses(DockerClient docker) {
        this.docker = docker;
    }

    /** The container's processes, the main one first, with their parents; empty when not visible. */
    Optional<List<ProcessInfo>> processes(String containerId) {
        return target(containerId).map(Target::main).map(tree::of);
    }

    /** The host pid of the container's main process; empty when Berth cannot see it as a host process. */
    Optional<Long> mainPid(String containerId) {
        return target(containerId).map(t -> t.main().pid());
    }

    /**
     * Sends the container's main process a signal with kill(2) (kill(1) until that is ready), as
     * Docker's kill API would, without the round trip through the daemon and containerd (~40 ms
     * here); empty when that is not possible here.
     */
    Optional<ExecResult> signal(String containerId, String signal, Duration timeout) {
        // Signalling another user's process takes root; without it, Docker's kill API does the job.
        if (!isRoot()) {
            return Optional.empty();
        }
        return target(containerId).flatMap(target -> {
            if (signals.send(target.main().pid(), signal)) {
                return Optional.of(new ExecResult(0, ""));
            }
            try {
                return Optional.of(HostCommand.run(List.of("kill", "-s", signal, Long.toString(target.main().pid())),
                        Map.of(), timeout));
            } catch (UncheckedIOException e) {
                return Optional.empty();
            }
        });
    }

    /**
     * Runs the command with nsenter as {@code docker exec} would run it, so that a check's verdict
     * is docker exec's: in all the container's namespaces, pid included (so that /proc/self, and with
     * it /dev/stdout and /dev/stderr, resolve: the official nginx image logs to them), under its
     * root, in its working directory, with its environment, as its user ({@link ExecContext}).
     * Entering the pid namespace costs one more fork of nsenter; {@code nginx -t} so took ~10 ms in
     * all here. Empty when that is not possible here; the caller then runs Docker's exec, which does
     * all this itself at ~100 ms.
     * Not applied, as docker exec would: the container's cgroup (limits), capabilities, seccomp and
     * AppArmor profiles, which do not change what a proxy's check reads or says.
     */
    Optional<ExecResult> exec(String containerId, List<String> command, Duration timeout) {
        // Entering another process's namespaces takes root; without it, Docker's exec does the job.
        if (!Files.isExecutable(NSENTER) || !isRoot()) {
            return Optional.empty();
        }
        Optional<Target> target = target(containerId);
        if (target.isEmpty() || target.get().exec().isEmpty()) {
            return Optional.empty();
        }
        long pid = target.get().main().pid();
        ExecContext exec = target.get().exec().get();
        // nsenter opens --wd's path before it enters the mount namespace: the host's path of the directory.
        Path directory = new ContainerRoot(Path.of("/proc", Long.toString(pid), "root")).resolve(exec.workingDirectory());
        List<String> argv = new ArrayList<>(List.of(NSENTER.toString(), "--target", Long.toString(pid),
                "--mount", "--uts", "--ipc", "--net", "--pid", "--cgroup", "--root", "--wd=" + directory,
                "--setuid", Long.toString(exec.uid()), "--setgid", Long.toString(exec.gid()), "--"));
        argv.addAll(command);
        try {
            // The command is looked up on the container's PATH, as docker exec would.
            return Optional.of(HostCommand.run(argv, exec.environment(), timeout));
        } catch (UncheckedIOException e) {
            return Optional.empty();
        }
    }

    /**
     * Runs the signal's native call and the reading of a process tree once on Berth's own process,
     * and what finding a container's process computes: its start time, and its user from a passwd
     * and group file of one line.
     */
    void warmUp() {
        ProcessHandle self = ProcessHandle.current();
        signals.warmUp(self.pid());
        tree.of(self);
        Instant.parse("2000-01-01T00:00:00.000000001Z");
        ExecContext.of("", List.of(), "", "/", file -> Optional.of("root:x:0:0:root:/root:/bin/sh\n"));
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private Optional<Target> target(String containerId) {
        Target known = targets.get(containerId);
        if (known != null && known.main().isAlive()) {
            return Optional.of(known);
        }
        targets.remove(containerId);
        InspectContainerResponse inspected = docker.inspectContainerCmd(containerId).exec();
        InspectContainerResponse.ContainerState state = inspected.getState();
        Long pid = state.getPidLong();
        if (pid == null || pid <= 0 || state.getStartedAt() == null) {
            return Optional.empty();
        }
        Instant started = Instant.parse(state.getStartedAt());
        // In a pid namespace of its own, Berth may see another process under that number, or none.
        Optional<Target> target = ProcessHandle.of(pid)
                .filter(p -> inCgroupOf(pid, inspected.getId()) || p.info().startInstant()
                        .map(at -> Duration.between(at, started).abs().compareTo(SAME_START) < 0).orElse(false))
                .map(main -> new Target(main, execContext(pid, inspected.getConfig())));
        target.ifPresent(t -> targets.put(containerId, t));
        return target;
    }

    /**
     * Whether the host process is in the container's cgroup, whose path names the container's id
     * (/docker/ID, docker-ID.scope): the same process for certain, where the start times alone
     * differ by ~0.7 s here (the process is made before Docker starts it), more on a busy machine.
     */
    private static boolean inCgroupOf(long pid, String containerId) {
        try {
            return containerId != null && Files.readString(Path.of("/proc", Long.toString(pid), "cgroup")).contains(containerId);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static Optional<ExecContext> execContext(long pid, ContainerConfig config) {
        ContainerRoot root = new ContainerRoot(Path.of("/proc", Long.toString(pid), "root"));
        return ExecContext.of(config.getUser(), config.getEnv() == null ? List.of() : List.of(config.getEnv()),
                config.getHostName(), config.getWorkingDir(), root::read);
    }
}
