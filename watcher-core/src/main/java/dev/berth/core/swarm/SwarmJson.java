package dev.berth.core.swarm;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.core.model.NetworkEndpoint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads the Engine's JSON for services and tasks as it is: docker-java's Task model has no
 * NetworksAttachments, where a task's addresses are.
 */
final class SwarmJson {

    /** UpdateStatus.State values while tasks are still being replaced. */
    private static final Set<String> UPDATING = Set.of("updating", "rollback_started");

    private SwarmJson() {
    }

    static SwarmService service(JsonNode json) {
        JsonNode spec = json.path("Spec");
        JsonNode replicated = spec.path("Mode").path("Replicated");
        OptionalInt replicas = replicated.isMissingNode() ? OptionalInt.empty()
                : OptionalInt.of(replicated.path("Replicas").asInt(0));
        Set<Integer> ports = new TreeSet<>();
        for (JsonNode port : spec.path("EndpointSpec").path("Ports")) {
            if (port.path("Protocol").asText("tcp").equals("tcp") && port.path("TargetPort").asInt(0) > 0) {
                ports.add(port.path("TargetPort").asInt());
            }
        }
        return new SwarmService(json.path("ID").asText(), spec.path("Name").asText(), strings(spec.path("Labels")),
                replicas, UPDATING.contains(json.path("UpdateStatus").path("State").asText("")), ports);
    }

    static SwarmTask task(JsonNode json) {
        List<SwarmTask.TaskAddress> addresses = new ArrayList<>();
        for (JsonNode attachment : json.path("NetworksAttachments")) {
            JsonNode network = attachment.path("Network");
            String name = network.path("Spec").path("Name").asText("");
            boolean ingress = network.path("Spec").path("Ingress").asBoolean(false) || name.equals("ingress");
            String ipv4 = "";
            String ipv6 = "";
            for (JsonNode cidr : attachment.path("Addresses")) {
                String address = NetworkEndpoint.withoutPrefix(cidr.asText(""));
                if (address.contains(":")) {
                    ipv6 = ipv6.isEmpty() ? address : ipv6;
                } else if (!address.isEmpty()) {
                    ipv4 = ipv4.isEmpty() ? address : ipv4;
                }
            }
            addresses.add(new SwarmTask.TaskAddress(network.path("ID").asText(""), name, ingress, ipv4, ipv6));
        }
        return new SwarmTask(json.path("ID").asText(), json.path("ServiceID").asText(), json.path("Slot").asInt(0),
                json.path("NodeID").asText(""), json.path("Status").path("State").asText("unknown"),
                json.path("DesiredState").asText("unknown"), addresses);
    }

    private static Map<String, String> strings(JsonNode object) {
        Map<String, String> values = new LinkedHashMap<>();
        object.fields().forEachRemaining(e -> values.put(e.getKey(), e.getValue().asText("")));
        return values;
    }
}
