package dev.berth.core.model;

import static java.util.Objects.requireNonNull;

/**
 * A container that the selection matched but that serves no upstream, and why.
 *
 * @param kind whether this is the container's state of the moment or something the user must fix
 */
public record Exclusion(String containerId, String containerName, Kind kind, String reason) {

    public enum Kind {
        /** Not running, or not healthy: it comes back by itself. */
        STATE,
        /** A label, network or port that Berth cannot use: someone must fix it. */
        CONFIGURATION
    }

    public Exclusion {
        requireNonNull(containerId, "containerId");
        requireNonNull(containerName, "containerName");
        requireNonNull(kind, "kind");
        requireNonNull(reason, "reason");
    }
}
