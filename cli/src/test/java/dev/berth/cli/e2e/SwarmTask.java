package dev.berth.cli.e2e;

import java.time.Instant;
import java.util.Map;

/**
 * A Swarm task as the manager reports it: the node it runs on, its state and desired state, its
 * container (on that node), when its node last reported its state ({@code Status.Timestamp}: for a
 * running task, when it started running), and its address on each network it is attached to
 * (without the prefix length that the Engine writes).
 */
public record SwarmTask(String id, String nodeId, String state, String desiredState, String containerId,
        Instant stateSince, Map<String, String> addresses) {

    public boolean isRunning() {
        return "running".equals(state) && "running".equals(desiredState);
    }

    /** Its address on {@code network}; fails when it has none there. */
    public String address(String network) {
        String address = addresses.get(network);
        if (address == null) {
            throw new IllegalStateException("task " + id + " has no address on " + network + ": " + addresses);
        }
        return address;
    }

    /** Its address on {@code network} with the backends' port, as a proxy's configuration lists it. */
    public String server(String network) {
        return address(network) + ":" + TestImages.BACKEND_PORT;
    }
}
