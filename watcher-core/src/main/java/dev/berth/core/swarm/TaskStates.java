package dev.berth.core.swarm;

import dev.berth.core.model.ContainerState;
import dev.berth.core.model.Health;
import dev.berth.core.model.NetworkEndpoint;
import dev.berth.core.registry.LabelSchema;
import dev.berth.core.registry.Selection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A task as the registry takes a backend: its id, a name as Docker gives its container
 * (service.slot.task), the service's labels (the selection and the label schema read those), a
 * status that says why it does not serve, and its addresses on every network but ingress.
 */
final class TaskStates {

    /** Set on every task's container by Docker; Berth sets them on a task's state too. */
    static final String SERVICE_NAME = LabelSchema.SWARM_SERVICE;
    static final String SERVICE_ID = "com.docker.swarm.service.id";
    static final String TASK_ID = "com.docker.swarm.task.id";
    static final String NODE_ID = "com.docker.swarm.node.id";

    private final Selection selection;

    TaskStates(Selection selection) {
        this.selection = selection;
    }

    /** @param stopped its container was seen stopping on this node, before the manager says so */
    ContainerState of(SwarmService service, SwarmTask task, boolean stopped) {
        Map<String, String> labels = new HashMap<>(service.labels());
        labels.put(SERVICE_NAME, service.name());
        labels.put(SERVICE_ID, service.id());
        labels.put(TASK_ID, task.id());
        labels.put(NODE_ID, task.nodeId());
        String where = task.slot() > 0 ? Integer.toString(task.slot()) : task.nodeId();
        return ContainerState.of(task.id(), service.name() + "." + where + "." + task.id(), status(task, stopped), labels,
                endpoints(service, task), service.tcpTargetPorts(), Health.NONE);
    }

    /** "running", or why not, as --explain shows it after "not running". */
    private static String status(SwarmTask task, boolean stopped) {
        if (stopped) {
            return "its container is stopping on this node";
        }
        if (!task.desiredState().equals("running")) {
            return "shutting down: desired state " + task.desiredState() + ", task " + task.state();
        }
        return task.state().equals("running") ? "running" : "task " + task.state();
    }

    /**
     * Ingress is left out: the routing mesh's network never reaches a task directly. A network is
     * named as the user named it (--network or the service's network label), by name or by id.
     */
    private List<NetworkEndpoint> endpoints(SwarmService service, SwarmTask task) {
        Optional<String> wanted = Optional.ofNullable(service.labels().get(selection.labels().network()))
                .or(selection::network);
        return task.addresses().stream()
                .filter(a -> !a.ingress())
                .map(a -> new NetworkEndpoint(wanted.filter(a.networkId()::equals).orElse(a.networkName()), a.ipv4(), a.ipv6()))
                .toList();
    }
}
