package dev.berth.cli.e2e;

import com.github.dockerjava.api.DockerClient;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where a scenario runs Berth. On the host, as root, Berth signals, checks and watches the proxy
 * through the host's process table; in its container, given only the Docker socket (no host pid
 * namespace), every one of those steps goes through Docker's API (kill, exec, top).
 */
public enum BerthPlace {

    /** {@code java -jar berth.jar} on this machine ({@link BerthCli}). */
    HOST("on the host"),
    /** Berth's image as {@code scripts/build-image} builds it ({@link BerthContainer}). */
    CONTAINER("in its container");

    private final String description;

    BerthPlace(String description) {
        this.description = description;
    }

    /** Starts {@code berth watch} with the given arguments. */
    public interface Launcher {
        BerthCli.Watch watch(String... arguments);
    }

    /** Builds what Berth needs here: for a container, its image. */
    public void prepare() {
        if (this == CONTAINER) {
            TestImages.berth();
        }
    }

    /**
     * What starts Berth here, in {@code work} (relative paths in its arguments are relative to it),
     * once {@link #prepare}d.
     *
     * @param labels for what it creates in Docker, so that the test's clean-up finds it
     */
    public Launcher launcher(DockerClient docker, Path jar, Path work, Map<String, String> labels) {
        return switch (this) {
            case HOST -> new BerthCli(jar, work);
            case CONTAINER -> new BerthContainer(docker, TestImages.BERTH, work, labels);
        };
    }

    /** As a test's name says it: "Berth on the host", "Berth in its container". */
    @Override
    public String toString() {
        return description;
    }
}
