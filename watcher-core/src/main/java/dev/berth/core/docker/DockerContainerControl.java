package dev.berth.core.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.TopContainerResponse;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Frame;
import dev.berth.core.model.LabelFilter;
import dev.berth.core.spi.ContainerControl;
import dev.berth.core.spi.ContainerNotRunningException;
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
 * {@link ContainerControl} over docker-java. Where Berth sees the proxy's processes as host processes
 * (on the host, as root; or in a container with {@code --pid=host}), it signals, checks and reads
 * them there ({@link HostProcesses}); elsewhere, in a container given only the Docker socket, through
 * Docker's kill, exec and top.
 */
public final class DockerContainerControl implements ContainerControl {

    private static final long EXEC_TIMEOUT_SECONDS = 30;
    /** The container id of the commands {@link #warmUp} makes and never runs. */
    private static final String WARM_UP = "warm-up";

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
    private final Supplier<OwnContainer.Clues> clues;
    /** Berth's own container (empty: on the host), once found; found at first use, not at construction. */
    private Optional<OwnContainer> own;

    public DockerContainerControl(DockerClient docker) {
        this(docker, Way.HOST_ELSE_DOCKER_API);
    }

    public DockerContainerControl(DockerClient docker, Way way) {
        this(docker, way, OwnContainer.Clues::read);
    }

    DockerContainerControl(DockerClient docker, Supplier<OwnContainer.Clues> clues) {
        this(docker, Way.HOST_ELSE_DOCKER_API, clues);
    }

    private DockerContainerControl(DockerClient docker, Way way, Supplier<OwnContainer.Clues> clues) {
        this.docker = docker;
        this.way = way;
        this.host = new HostProcesses(docker);
        this.clues = clues;
    }

    /** The container Berth runs in, if it runs in one of this Engine; asked of Docker once. */
    private synchronized Optional<OwnContainer> own() {
        if (own == null) {
            own = OwnContainer.find(clues.get(), this::inspectOwn);
        }
        return own;
    }

    private Optional<OwnContainer> inspectOwn(String idOrName) {
        InspectContainerResponse inspected;
        try {
            inspected = docker.inspectContainerCmd(idOrName).exec();
        } catch (NotFoundException e) {
            return Optional.empty();
        }
        return Optional.of(new OwnContainer(inspected.getId(),
                inspected.getConfig() == null || inspected.getConfig().getHostName() == null ? "" : inspected.getConfig().getHostName(),
                inspected.getHostConfig() != null && "host".equals(inspected.getHostConfig().getPidMode()),
                BindMount.of(inspected.getMounts())));
    }

    /**
     * The proxy's processes as host processes, where Berth can see them: not from a pid namespace of
     * its own, where asking would only cost an inspect at each step to learn that it cannot.
     */
    private Optional<HostProcesses> host() {
        return own().filter(self -> !self.sharesHostPids()).isPresent() ? Optional.empty() : Optional.of(host);
    }

    /** What the host's way answers, else what Docker's API does, as {@link #way} allows. */
    private <T> T either(Function<HostProcesses, Optional<T>> onHost, Supplier<T> dockerApi, String what) {
        Optional<T> answer = way == Way.DOCKER_API ? Optional.empty() : host().flatMap(onHost);
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
                    whileRunning(containerId, () -> docker.killContainerCmd(containerId).withSignal(signal).exec());
                    return new ExecResult(0, "");
                }, "signal " + containerId);
    }

    @Override
    public ExecResult exec(String containerId, List<String> command) {
        return either(h -> h.exec(containerId, command, Duration.ofSeconds(EXEC_TIMEOUT_SECONDS)),
                () -> dockerExec(containerId, command), "run " + String.join(" ", command) + " in " + containerId);
    }

    /**
     * The host's way first, where Berth may take it: its own container found, the native kill(2) and
     * the reading of a process tree run once on Berth's own process. Docker's way: its commands made
     * but not run (the JSON of their answers is {@link DockerConnection#prepareJson}'s).
     */
    @Override
    public void warmUp() {
        if (way != Way.DOCKER_API) {
            host().ifPresent(HostProcesses::warmUp);
        }
        if (way != Way.HOST) {
            docker.execCreateCmd(WARM_UP).withCmd("true").withAttachStdout(true).withAttachStderr(true);
            docker.execStartCmd(WARM_UP);
            docker.inspectExecCmd(WARM_UP);
            docker.topContainerCmd(WARM_UP).withPsArgs("-o pid,ppid");
            docker.killContainerCmd(WARM_UP).withSignal("HUP");
        }
    }

    private ExecResult dockerExec(String containerId, List<String> command) {
        String exec = whileRunning(containerId, () -> docker.execCreateCmd(containerId)
                .withCmd(command.toArray(String[]::new))
                .withAttachStdout(true)
                .withAttachStderr(true)
                .exec()
                .getId());
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

    /**
     * A request that only a running container can answer: Docker's 409 (restarting, not running) and
     * 404 (gone) say that it no longer runs, which is no error of the request.
     */
    private static <T> T whileRunning(String containerId, Supplier<T> request) {
        try {
            return request.get();
        } catch (ConflictException | NotFoundException e) {
            throw new ContainerNotRunningException(containerId, e.getMessage().strip());
        }
    }

    private static void whileRunning(String containerId, Runnable request) {
        whileRunning(containerId, () -> {
            request.run();
            return null;
        });
    }

    @Override
    public List<ProcessInfo> processes(String containerId) {
        return either(h -> h.processes(containerId), () -> dockerTop(containerId), "list the processes of " + containerId);
    }

    @Override
    public Optional<ProcessActivity> mainActivity(String containerId) {
        // Only the host's process table tells a process's activity; Docker's API has no such answer.
        return way == Way.DOCKER_API ? Optional.empty() : host().flatMap(h -> h.mainPid(containerId)).flatMap(ProcessActivity::of);
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
    public Optional<Path> pathInContainer(String containerId, Path path) {
        List<BindMount> mounts = BindMount.of(docker.inspectContainerCmd(containerId).exec().getMounts());
        return pathThrough(own(), mounts, path);
    }

    /**
     * Where a path of Berth's appears in a container with these mounts: in Berth's own container
     * first translated to the host's path through Berth's mounts, then into the other container
     * through its mounts. The path as given and with its folder's symbolic links resolved are both
     * tried, since Docker records a bind mount's source with links resolved.
     */
    static Optional<Path> pathThrough(Optional<OwnContainer> own, List<BindMount> mounts, Path path) {
        List<Path> candidates = new ArrayList<>(List.of(path.toAbsolutePath().normalize()));
        try {
            candidates.add(path.toAbsolutePath().getParent().toRealPath().resolve(path.getFileName()));
        } catch (IOException | RuntimeException e) {
            // the folder is gone; the path as given is all there is to match
        }
        for (Path candidate : candidates) {
            Optional<Path> onHost = own.isPresent() ? own.get().hostPath(candidate) : Optional.of(candidate);
            Optional<Path> there = onHost.flatMap(host -> BindMount.intoContainer(mounts, host));
            if (there.isPresent()) {
                return there;
            }
        }
        return Optional.empty();
    }
}
