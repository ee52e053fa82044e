package dev.berth.core.swarm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/** A manager that answers what the test set, and counts the requests it got. */
final class FakeSwarmApi implements SwarmApi {

    final Map<String, SwarmService> services = new LinkedHashMap<>();
    final List<SwarmTask> tasks = new ArrayList<>();
    int requests;

    static SwarmService service(String id, int replicas, Map<String, String> labels) {
        return new SwarmService(id, id, labels, OptionalInt.of(replicas), false, Set.of(5090));
    }

    static SwarmTask task(String id, String serviceId, int slot, String state, String desiredState, String address) {
        return new SwarmTask(id, serviceId, slot, "node1", state, desiredState, List.of(
                new SwarmTask.TaskAddress("ingressid", "ingress", true, "10.0.0.9", ""),
                new SwarmTask.TaskAddress("webnetid", "webnet", false, address, "")));
    }

    void put(SwarmService service) {
        services.put(service.id(), service);
    }

    /** The task with this id now answers as given (a new task is added). */
    void put(SwarmTask task) {
        tasks.removeIf(t -> t.id().equals(task.id()));
        tasks.add(task);
    }

    @Override
    public void requireManager() {
        requests++;
    }

    @Override
    public List<SwarmService> services() {
        requests++;
        return List.copyOf(services.values());
    }

    @Override
    public Optional<SwarmService> service(String id) {
        requests++;
        return Optional.ofNullable(services.get(id));
    }

    @Override
    public List<SwarmTask> tasks(String serviceId) {
        requests++;
        return tasks.stream().filter(t -> t.serviceId().equals(serviceId)).toList();
    }

    @Override
    public List<SwarmTask> runningTasks() {
        requests++;
        return tasks.stream().filter(t -> t.desiredState().equals("running")).toList();
    }
}
