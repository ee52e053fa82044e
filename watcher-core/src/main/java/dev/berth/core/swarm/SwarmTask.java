package dev.berth.core.swarm;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Set;

/**
 * What Berth reads of a Swarm task (`GET /tasks`).
 *
 * @param slot the replica's slot; 0 for a global service's task
 * @param state Status.State: new, pending, assigned, preparing, starting, running, complete, shutdown, failed …
 * @param desiredState what the orchestrator wants of it: running, or shutdown once it is to go
 * @param addresses its addresses, per network it is attached to
 */
public record SwarmTask(String id, String serviceId, int slot, String nodeId, String state, String desiredState,
        List<TaskAddress> addresses) {

    /** The states a task passes through on its way to running (swarmkit's api.TaskState before RUNNING). */
    private static final Set<String> ON_ITS_WAY = Set.of("new", "allocated", "pending", "assigned", "accepted",
            "preparing", "ready", "starting");

    public SwarmTask {
        requireNonNull(id, "id");
        requireNonNull(serviceId, "serviceId");
        requireNonNull(nodeId, "nodeId");
        requireNonNull(state, "state");
        requireNonNull(desiredState, "desiredState");
        addresses = List.copyOf(addresses);
    }

    /** Runs, and is meant to: the only kind of task that serves. */
    public boolean serving() {
        return state.equals("running") && desiredState.equals("running");
    }

    /** Meant to run and not running yet: it will serve in a moment, unless it fails. */
    boolean onItsWay() {
        return desiredState.equals("running") && ON_ITS_WAY.contains(state);
    }

    /** Worth showing: meant to run, or running still while it is on its way out. Old tasks of the history are not. */
    boolean current() {
        return desiredState.equals("running") || state.equals("running");
    }

    /**
     * One attachment to a network: NetworksAttachments[].Addresses, without the prefix length.
     *
     * @param ingress the routing mesh's network, never used to reach a task
     * @param ipv4 "" when none
     * @param ipv6 "" when none
     */
    public record TaskAddress(String networkId, String networkName, boolean ingress, String ipv4, String ipv6) {
        public TaskAddress {
            requireNonNull(networkId, "networkId");
            requireNonNull(networkName, "networkName");
            requireNonNull(ipv4, "ipv4");
            requireNonNull(ipv6, "ipv6");
        }
    }
}
