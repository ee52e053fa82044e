package dev.berth.core.docker;

import static java.util.Objects.requireNonNull;

import java.util.Set;

/**
 * A container event, copied out of docker-java's mutable {@code Event} at the boundary. Built from
 * {@code Action} and {@code Actor}: the legacy {@code status}/{@code id} fields are gone from Engine
 * API 1.52.
 *
 * @param action the verb without its detail: "health_status: healthy" becomes "health_status"
 */
public record ContainerEvent(String action, String containerId) {

    /** The actions after which a container may serve differently; others (exec, attach …) are ignored. */
    static final Set<String> RELEVANT = Set.of(
            "start", "restart", "die", "stop", "destroy", "pause", "unpause", "health_status", "rename", "update", "oom");

    public ContainerEvent {
        requireNonNull(action, "action");
        requireNonNull(containerId, "containerId");
    }

    static ContainerEvent of(String action, String containerId) {
        int colon = action.indexOf(':');
        return new ContainerEvent((colon < 0 ? action : action.substring(0, colon)).strip(), containerId);
    }

    boolean relevant() {
        return RELEVANT.contains(action);
    }
}
