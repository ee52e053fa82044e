package dev.berth.core.sync;

import dev.berth.core.docker.ContainerEvent;
import java.util.HashSet;
import java.util.Set;

/**
 * How soon an event must reach the proxy (see {@link Coalescing}). A container told to stop
 * (SIGTERM or SIGINT: `docker stop`, Compose) is a removal, and so is its exit afterwards: it may
 * wait a little for other changes to join its pass. An exit nobody asked for (a crash, SIGKILL, an
 * OOM kill) and a pause are urgent. Thread-confined, as the watcher's loop that asks it.
 */
final class Urgency {

    enum Kind { CHANGE, REMOVAL, URGENT }

    /** Containers told to stop that have not exited or started again yet. */
    private final Set<String> toldToStop = new HashSet<>();

    /** @param drain whether a container told to stop leaves the proxy at once (draining on) */
    Kind of(ContainerEvent event, boolean drain) {
        String id = event.containerId();
        if (event.startsDrain()) {
            toldToStop.add(id);
            return drain ? Kind.REMOVAL : Kind.CHANGE;
        }
        if (event.stopsServing()) {
            return event.action().equals("die") && toldToStop.remove(id) ? Kind.REMOVAL : Kind.URGENT;
        }
        if (event.endsDrain()) {
            toldToStop.remove(id);
        }
        return Kind.CHANGE;
    }
}
