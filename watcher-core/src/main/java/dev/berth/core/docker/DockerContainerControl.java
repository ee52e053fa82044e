package dev.berth.core.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectContainerResponse.Mount;
import com.github.dockerjava.api.command.TopContainerResponse;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Frame;
import dev.berth.core.model.LabelFilter;
import dev.berth.core.spi.ContainerControl;
import dev.berth.core.spi.ProcessActivity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * {@link ContainerControl} over docker-java, with the host's process table as a fast path where
 * Berth runs on the host as root ({@link HostProcesses}).
 */
public final class DockerContainerControl implements ContainerControl {

    private static final long EXEC_TIMEOUT_SECONDS = 30;

    /** Which way a container's processes are signalled, listed and run in. */
    public enum Way {
        /** From the host where Berth may (root, the process visible), else through Docker's API: Berth's way. */
        HOST_ELSE_DOCKER_API,
        /** Through Docker's API only, as where Berth runs in a container of its own. */
        DOCKER_API,
        /** From the host only, failing where that is not possible: for tests that must take this way. */
        HOST
    }

    private final DockerClient docker;
    private final Way way;
    private final HostProcesses host;

    public DockerContainerControl(DockerClient docker) {
        this(docker, Way.HOST_ELSE_DOCKER_API);
    }

    public DockerContainerControl(DockerClient docker, Way way) {
        this.docker = docker;
        this.way = way;
        this.host = new HostProcesses(docker);
    }

    /** What the host's way answers, else what Docker's API does, as {@link #way} allows. */
    private <T> T either(Function<HostProcesses, Optional<T>> onHost, Supplier<T> dockerApi, String what) {
        Optional<T> answer = way == Way.DOCKER_API ? Optional.empty() : onHost.apply(host);
        if (answer.isEmpty() && way == Way.HOST) {
            throw new IllegalStateException("cannot " + what + " from the host (needs root, nsenter, and the container's"
                    + " processes in Berth's view)");
        }
        return answer.orElseGet(dockerApi);
    }

    @Override
    public List<ContainerRef> running(List<LabelFilter> filters) {
        return RunningContainers.list(docker, filters).stream()
                .map(c -> new ContainerRef(c.getId(), c.getNames() == null || c.getNames().length == 0
                        ? c.getId() : c.getNames()[0].replaceFirst("^/", "")))
                .sorted(Comparator.comparing(ContainerRef::name))
                .toList();
    }

    @Override
    public Set<String> networks(List<LabelFilter> filters) {
        Set<String> networks = new TreeSet<>();
        for (Container container : RunningContainers.list(docker, filters)) {
            if (container.getNetworkSettings() != null && container.getNetworkSettings().getNetworks() != null) {
                networks.addAll(container.getNetworkSettings().getNetworks().keySet());
            }
        }
        return networks;
    }

    @Override
    public void signal(String containerId, String signal) {
        // Not Berth's to signal from the host, or kill(1) failed: Docker's API says why, if it fails too.
        either(h -> h.signal(containerId, signal, Duration.ofSeconds(EXEC_TIMEOUT_SECONDS)).filter(result -> result.exitCode() == 0),
                () -> {
                    docker.killContainerCmd(containerId).withSignal(signal).exec();
                    return new ExecResult(0, "");
                }, "signal " + containerId);
    }

    @Override
    public ExecResult exec(String containerId, List<String> command) {
        return either(h -> h.exec(containerId, command, Duration.ofSeconds(EXEC_TIMEOUT_SECONDS)),
                () -> dockerExec(containerId, command), "run " + String.join(" ", command) + " in " + containerId);
    }

    private ExecResult dockerExec(String containerId, List<String> command) {
        String exec = docker.execCreateCmd(containerId)
                .withCmd(command.toArray(String[]::new))
                .withAttachStdout(true)
                .withAttachStderr(true)
                .exec()
                .getId();
        StringBuilder output = new StringBuilder();
        try {
            boolean ended = docker.execStartCmd(exec).exec(new ResultCallback.Adapter<Frame>() {
                @Override
                public void onNext(Frame frame) {
                    synchronized (output) {
                        output.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
                    }
                }
            }).awaitCompletion(EXEC_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (!ended) {
                throw new IllegalStateException("`" + String.join(" ", command) + "` did not end within " + EXEC_TIMEOUT_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + String.join(" ", command), e);
        }
        Long exitCode = docker.inspectExecCmd(exec).exec().getExitCodeLong();
        synchronized (output) {
            return new ExecResult(exitCode == null ? -1 : exitCode, output.toString());
        }
    }

    @Override
    public List<ProcessInfo> processes(String containerId) {
        return either(h -> h.processes(containerId), () -> dockerTop(containerId), "list the processes of " + containerId);
    }

    @Override
    public Optional<ProcessActivity> mainActivity(String containerId) {
        // Only the host's process table tells a process's activity; Docker's API has no such answer.
        return way == Way.DOCKER_API ? Optional.empty() : host.mainPid(containerId).flatMap(ProcessActivity::of);
    }

    private List<ProcessInfo> dockerTop(String containerId) {
        TopContainerResponse top = docker.topContainerCmd(containerId).withPsArgs("-o pid,ppid").exec();
        List<String> titles = Arrays.asList(top.getTitles());
        int pid = titles.indexOf("PID");
        int ppid = titles.indexOf("PPID");
        if (pid < 0 || ppid < 0) {
            throw new IllegalStateException("docker top gave no PID and PPID columns: " + titles);
        }
        List<ProcessInfo> processes = new ArrayList<>();
        for (String[] row : top.getProcesses()) {
            processes.add(new ProcessInfo(Long.parseLong(row[pid].strip()), Long.parseLong(row[ppid].strip())));
        }
        return processes;
    }

    @Override
    public Optional<Path> pathInContainer(String containerId, Path hostPath) {
        List<Mount> mounts = docker.inspectContainerCmd(containerId).exec().getMounts();
        if (mounts == null) {
            return Optional.empty();
        }
        List<Path> candidates = new ArrayList<>(List.of(hostPath.toAbsolutePath().normalize()));
        try {
            // Docker records a bind mount's source with symbolic links resolved.
            candidates.add(hostPath.getParent().toRealPath().resolve(hostPath.getFileName()));
        } catch (IOException | RuntimeException e) {
            // the folder is gone; the path as given is all there is to match
        }
        Path best = null;
        int bestLength = -1;
        for (Mount mount : mounts) {
            if (mount.getSource() == null || mount.getDestination() == null) {
                continue;
            }
            Path source = Path.of(mount.getSource());
            for (Path candidate : candidates) {
                if (candidate.startsWith(source) && source.getNameCount() > bestLength) {
                    best = Path.of(mount.getDestination().getPath()).resolve(source.relativize(candidate).toString());
                    bestLength = source.getNameCount();
                }
            }
        }
        return Optional.ofNullable(best);
    }
}
