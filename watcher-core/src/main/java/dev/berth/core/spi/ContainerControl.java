package dev.berth.core.spi;

import dev.berth.core.model.ContainerIds;
import dev.berth.core.model.LabelFilter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The part of the Docker Engine that plugins may use, so that they need not depend on docker-java. */
public interface ContainerControl {

    /** Running containers that match every filter. */
    List<ContainerRef> running(List<LabelFilter> filters);

    /** The names of the networks that the running containers matching every filter are attached to. */
    default Set<String> networks(List<LabelFilter> filters) {
        return Set.of();
    }

    /**
     * Sends a signal ("HUP", "USR2" …) to the container's main process.
     *
     * @throws ContainerNotRunningException when it no longer runs
     */
    void signal(String containerId, String signal);

    /**
     * Runs a command inside the container (as `docker exec`, or nsenter where Berth may) and waits for it to end.
     *
     * @throws ContainerNotRunningException when it no longer runs
     */
    ExecResult exec(String containerId, List<String> command);

    /** The container's processes as the host numbers them (as `docker top`, or the host's /proc where Berth may). */
    List<ProcessInfo> processes(String containerId);

    /**
     * What the container's main process is doing, where Berth sees it as a host process (see
     * {@link ProcessActivity}); empty where it does not (the Docker API does not say).
     */
    default Optional<ProcessActivity> mainActivity(String containerId) {
        return Optional.empty();
    }

    /** Where a host path appears inside the container, through its bind mounts; empty if it does not. */
    Optional<Path> pathInContainer(String containerId, Path hostPath);

    /**
     * Loads ahead what the first {@link #exec}, {@link #signal} and {@link #processes} run through
     * (classes, JSON readers, native calls), so that the first check and reload after a proxy starts
     * cost what later ones do. Runs nothing in any container and signals no other process. By default:
     * nothing.
     */
    default void warmUp() {
    }

    /** How a command ended: its exit code and what it printed (stdout and stderr together). */
    record ExecResult(long exitCode, String output) {
    }

    /** A process as the host sees it. */
    record ProcessInfo(long pid, long parentPid) {
    }

    record ContainerRef(String id, String name) {
        public String shortId() {
            return ContainerIds.shorten(id);
        }
    }
}
