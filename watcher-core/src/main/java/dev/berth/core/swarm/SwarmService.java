package dev.berth.core.swarm;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

/**
 * What Berth reads of a Swarm service (`GET /services`).
 *
 * @param labels the service's own labels (`docker service create --label`, Compose `deploy.labels`)
 * @param replicas the desired count of a replicated service; empty for a global one
 * @param updating a rolling update (or its rollback) is under way
 * @param tcpTargetPorts the container ports its endpoint spec publishes over TCP
 */
public record SwarmService(String id, String name, Map<String, String> labels, OptionalInt replicas,
        boolean updating, Set<Integer> tcpTargetPorts) {

    public SwarmService {
        requireNonNull(id, "id");
        requireNonNull(name, "name");
        labels = Map.copyOf(labels);
        requireNonNull(replicas, "replicas");
        tcpTargetPorts = Set.copyOf(tcpTargetPorts);
    }
}
