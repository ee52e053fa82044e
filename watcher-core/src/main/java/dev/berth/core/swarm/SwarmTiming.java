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
 * @param hold how long at most new tasks wait for the others of their scale-up that are on their way
 *     to running, so that they go into effect together (one reload, not one per task); a task that
 *     leaves never waits, nor does one whose service has no other task on its way
 */
public record SwarmTiming(Duration fast, Duration settle, Duration deadline, Duration fullPoll, Duration hold) {

    /**
     * Tasks 100 ms apart while converging; everything every second: 2 requests a second while nothing
     * changes. The tasks of a scale-up on three nodes of a busy two-core machine came running up to a
     * second apart (the swarm benchmark): a hold of 1.5 s puts them into effect with one reload.
     */
    public static final SwarmTiming DEFAULT = new SwarmTiming(Duration.ofMillis(100), Duration.ofSeconds(1),
            Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofMillis(1500));

    public SwarmTiming {
        requireNonNull(fast, "fast");
        requireNonNull(settle, "settle");
        requireNonNull(deadline, "deadline");
        requireNonNull(fullPoll, "fullPoll");
        requireNonNull(hold, "hold");
    }
}
