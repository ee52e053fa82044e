package dev.berth.core.swarm;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * How Berth follows a swarm. A manager announces service changes, but no task ever gets an event:
 * after a service event Berth asks for that service's tasks often until it has converged, and the
 * whole cluster now and then for what no event announces (a task dying on another node).
 *
 * @param fast how often a converging service's tasks are read
 * @param settle how long at least a service is read after its event: the orchestrator acts on the
 *     change a moment after the event, so a service that looks converged at once may not be yet
 * @param deadline how long at most a service is read fast; the full poll takes over after
 * @param fullPoll how often every selected service and every running task are read
 */
public record SwarmTiming(Duration fast, Duration settle, Duration deadline, Duration fullPoll) {

    /** Tasks 100 ms apart while converging; everything every second: 2 requests a second while nothing changes. */
    public static final SwarmTiming DEFAULT = new SwarmTiming(Duration.ofMillis(100), Duration.ofSeconds(1),
            Duration.ofSeconds(30), Duration.ofSeconds(1));

    public SwarmTiming {
        requireNonNull(fast, "fast");
        requireNonNull(settle, "settle");
        requireNonNull(deadline, "deadline");
        requireNonNull(fullPoll, "fullPoll");
    }
}
