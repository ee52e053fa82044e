package dev.berth.core.docker;

import static java.util.Objects.requireNonNull;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A container event, copied out of docker-java's mutable {@code Event} at the boundary. Built from
 * {@code Action} and {@code Actor}: the legacy {@code status}/{@code id} fields are gone from Engine
 * API 1.52.
 *
 * @param action the verb without its detail: "health_status: healthy" becomes "health_status"
 * @param attributes the Actor's attributes that Berth reads ("signal" of a kill); empty when none
 */
public record ContainerEvent(String action, String containerId, Map<String, String> attributes) {

    /** The actions after which a container may serve differently; others (exec, attach …) are ignored. */
    static final Set<String> RELEVANT = Set.of(
            "start", "restart", "die", "stop", "destroy", "pause", "unpause", "health_status", "rename", "update", "oom",
            "kill", "connect", "disconnect");

    /** `docker stop` begins with one of these (unless the image names another STOPSIGNAL). */
    private static final Set<String> GRACEFUL_SIGNALS = Set.of("15", "SIGTERM", "TERM", "2", "SIGINT", "INT");

    /** After these the container's process is new or gone: whatever a signal started has ended. */
    private static final Set<String> DRAIN_ENDS = Set.of("start", "die", "stop", "destroy");

    public ContainerEvent {
        requireNonNull(action, "action");
        requireNonNull(containerId, "containerId");
        attributes = Map.copyOf(attributes);
    }

    public ContainerEvent(String action, String containerId) {
        this(action, containerId, Map.of());
    }

    static ContainerEvent of(String action, String containerId) {
        return of(action, containerId, Map.of());
    }

    public static ContainerEvent of(String action, String containerId, Map<String, String> attributes) {
        int colon = action.indexOf(':');
        String signal = attributes.get("signal");
        return new ContainerEvent((colon < 0 ? action : action.substring(0, colon)).strip(), containerId,
                signal == null ? Map.of() : Map.of("signal", signal));
    }

    /**
     * A network event: "connect" or "disconnect" of the container its Actor attribute "container"
     * names (the Actor is the network). Empty for other network events.
     */
    static Optional<ContainerEvent> ofNetwork(String action, Map<String, String> attributes) {
        String container = attributes.get("container");
        if (container == null || container.isBlank() || !(action.equals("connect") || action.equals("disconnect"))) {
            return Optional.empty();
        }
        return Optional.of(new ContainerEvent(action, container.strip()));
    }

    boolean relevant() {
        return RELEVANT.contains(action);
    }

    /**
     * A kill with SIGTERM or SIGINT: the start of `docker stop`. The container still runs and
     * finishes its requests, but should receive no new one.
     */
    public boolean startsDrain() {
        return action.equals("kill") && GRACEFUL_SIGNALS.contains(attributes.getOrDefault("signal", "").strip().toUpperCase(Locale.ROOT));
    }

    /** The container's process ended or froze: it serves no more. */
    public boolean stopsServing() {
        return action.equals("die") || action.equals("pause") || action.equals("oom");
    }

    /** The container started again, or exited: it is no longer draining. */
    public boolean endsDrain() {
        return DRAIN_ENDS.contains(action);
    }
}
