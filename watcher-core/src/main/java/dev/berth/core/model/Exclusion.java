package dev.berth.core.model;

import static java.util.Objects.requireNonNull;

/** A container that the selection matched but that serves no upstream, and why. */
public record Exclusion(String containerId, String containerName, String reason) {
    public Exclusion {
        requireNonNull(containerId, "containerId");
        requireNonNull(containerName, "containerName");
        requireNonNull(reason, "reason");
    }
}
