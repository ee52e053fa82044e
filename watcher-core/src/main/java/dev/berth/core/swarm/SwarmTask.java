package dev.berth.core.swarm;

import static java.util.Objects.requireNonNull;

import java.util.List;

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
