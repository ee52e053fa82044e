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

/**
 * {@link ContainerControl} over docker-java, with the host's process table as a fast path where
 * Berth runs on the host as root ({@link HostProcesses}).
 */
public final class DockerContainerControl implements ContainerControl {

    private static final long EXEC_TIMEOUT_SECONDS = 30;

    private final DockerClient docker;
    private final Optional<HostProcesses> host;

    public DockerContainerControl(DockerClient docker) {
        this(docker, Optional.of(new HostProcesses(docker)));
    }

    private DockerContainerControl(DockerClient docker, Optional<HostProcesses> host) {
        this.docker = docker;
        this.host = host;
    }

    /**
     * Through Docker's API only, as where Berth cannot see the container's processes (Berth in a
     * container of its own): for tests that compare both ways.
     */
    public static DockerContainerControl throughDockerApi(DockerClient docker) {
        return new DockerContainerControl(docker, Optional.empty());
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
        boolean sent = host.flatMap(h -> h.signal(containerId, signal, Duration.ofSeconds(EXEC_TIMEOUT_SECONDS)))
                .filter(result -> result.exitCode() == 0).isPresent();
        if (!sent) {
            // Not Berth's to signal from here, or kill(1) failed: Docker's API says why, if it fails too.
            docker.killContainerCmd(containerId).withSignal(signal).exec();
        }
    }

    @Override
    public ExecResult exec(String containerId, List<String> command) {
        return host.flatMap(h -> h.exec(containerId, command, Duration.ofSeconds(EXEC_TIMEOUT_SECONDS)))
                .orElseGet(() -> dockerExec(containerId, command));
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
        return host.flatMap(h -> h.processes(containerId)).orElseGet(() -> dockerTop(containerId));
    }

    @Override
    public Optional<ProcessActivity> mainActivity(String containerId) {
        return host.flatMap(h -> h.mainPid(containerId)).flatMap(ProcessActivity::of);
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
