package dev.berth.core.model;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What Berth needs to know of one container, taken from Docker's inspect answer.
 *
 * @param status Docker's State.Status: created, running, paused, restarting, removing, exited, dead
 */
public record ContainerState(
        String id,
        String name,
        String status,
        SortedMap<String, String> labels,
        List<NetworkEndpoint> networks,
        SortedSet<Integer> exposedTcpPorts,
        Health health) {

    public ContainerState {
        requireNonNull(id, "id");
        requireNonNull(name, "name");
        requireNonNull(status, "status");
        labels = Collections.unmodifiableSortedMap(new TreeMap<>(labels));
        networks = networks.stream()
                .sorted(Comparator.comparing(NetworkEndpoint::network))
                .toList();
        exposedTcpPorts = Collections.unmodifiableSortedSet(new TreeSet<>(exposedTcpPorts));
        requireNonNull(health, "health");
    }

    public static ContainerState of(
            String id, String name, String status, Map<String, String> labels,
            List<NetworkEndpoint> networks, Set<Integer> exposedTcpPorts, Health health) {
        return new ContainerState(id, name, status, new TreeMap<>(labels), networks,
                new TreeSet<>(exposedTcpPorts), health);
    }

    /** Docker's State.Status is "running" (not paused, restarting, exited …). */
    public boolean running() {
        return status.equals("running");
    }
}
