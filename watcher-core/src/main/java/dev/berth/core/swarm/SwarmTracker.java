package dev.berth.core.swarm;

import dev.berth.core.model.ContainerIds;
import dev.berth.core.model.ContainerState;
import dev.berth.core.registry.Selection;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What Berth knows of the selected services and their tasks, and which services it reads fast
 * because they are converging. Not thread-safe: one thread owns it; time comes in as
 * {@link System#nanoTime()} values, so that a test sets it.
 *
 * <p>A service has converged when as many tasks run as it wants (every task meant to run does, for
 * a global service) and no rolling update is under way.
 */
final class SwarmTracker {

    private static final Logger log = LoggerFactory.getLogger(SwarmTracker.class);

    private final SwarmApi api;
    private final Selection selection;
    private final SwarmTiming timing;
    private final TaskStates states;
    private final Map<String, SwarmService> services = new LinkedHashMap<>();
    private final Map<String, List<SwarmTask>> tasks = new HashMap<>();
    /** Tasks whose container was seen stopping on this node: out at once, before the manager says so. */
    private final Set<String> stopped = new HashSet<>();

    /** Converging services: when their fast reads began, by service id. */
    private final Map<String, Long> converging = new LinkedHashMap<>();
    /** Converging services whose last read found more of their tasks on their way to running. */
    private final Set<String> unconverged = new HashSet<>();

    SwarmTracker(SwarmApi api, Selection selection, SwarmTiming timing) {
        this.api = api;
        this.selection = selection;
        this.timing = timing;
        this.states = new TaskStates(selection);
    }

    /** Reads every service and every task meant to run: two requests. */
    void readAll() {
        services.clear();
        api.services().stream().filter(s -> selection.selects(s.labels())).forEach(s -> services.put(s.id(), s));
        tasks.clear();
        for (SwarmTask task : api.runningTasks()) {
            if (services.containsKey(task.serviceId())) {
                tasks.computeIfAbsent(task.serviceId(), id -> new ArrayList<>()).add(task);
            }
        }
        forgetStopped();
    }

    /** Reads every selected service with its whole recent history, for --explain. */
    void readAllWithHistory() {
        services.clear();
        tasks.clear();
        api.services().stream().filter(s -> selection.selects(s.labels())).forEach(s -> {
            services.put(s.id(), s);
            tasks.put(s.id(), api.tasks(s.id()));
        });
    }

    /**
     * A service event: the service is read now, and then fast until it converged; one that is not
     * selected (any service of the cluster has events) or was removed is read no further.
     */
    void serviceChanged(String serviceId, long now) {
        converging.put(serviceId, now);
        read(serviceId);
        if (!services.containsKey(serviceId)) {
            converging.remove(serviceId);
            unconverged.remove(serviceId);
        }
    }

    /** A node or network event: any selected service may have tasks to move. */
    void everythingChanged(long now) {
        services.keySet().forEach(id -> converging.putIfAbsent(id, now));
    }

    /** A task's container stopped, or was told to stop, on this node: it leaves at once. */
    void taskStopping(String taskId, String serviceId, long now) {
        if (services.containsKey(serviceId)) {
            stopped.add(taskId);
            converging.putIfAbsent(serviceId, now);
        }
    }

    boolean converging() {
        return !converging.isEmpty();
    }

    /** Reads each converging service once; those converged (after settling) or overdue are read fast no more. */
    void tick(long now) {
        for (Map.Entry<String, Long> entry : List.copyOf(converging.entrySet())) {
            String id = entry.getKey();
            long since = now - entry.getValue();
            boolean converged = read(id);
            if (converged && since >= timing.settle().toNanos()) {
                converging.remove(id);
            } else if (!converged && since >= timing.deadline().toNanos()) {
                converging.remove(id);
                unconverged.remove(id);
                log.warn("service {} has not converged within {} s of its change; it is read with the others from now on",
                        name(id), timing.deadline().toSeconds());
            }
        }
    }

    /** Reads one service and its tasks; answers whether it has converged (a removed or unselected one has). */
    private boolean read(String serviceId) {
        Optional<SwarmService> service = api.service(serviceId).filter(s -> selection.selects(s.labels()));
        unconverged.remove(serviceId);
        if (service.isEmpty()) {
            services.remove(serviceId);
            tasks.remove(serviceId);
            return true;
        }
        services.put(serviceId, service.get());
        List<SwarmTask> current = api.tasks(serviceId).stream().filter(SwarmTask::current).toList();
        tasks.put(serviceId, current);
        forgetStopped();
        boolean converged = converged(service.get(), current);
        if (log.isDebugEnabled()) {
            log.debug("service {}: {} wanted, tasks {}{}", service.get().name(),
                    service.get().replicas().isPresent() ? service.get().replicas().getAsInt() : "global",
                    current.stream().map(t -> t.state() + (t.desiredState().equals("running") ? "" : "->" + t.desiredState())).toList(),
                    converged ? ", converged" : "");
        }
        // A task that will not come (unschedulable, failing) holds nothing: only one on its way does.
        if (!converged && converging.containsKey(serviceId) && current.stream().anyMatch(SwarmTask::onItsWay)) {
            unconverged.add(serviceId);
        }
        return converged;
    }

    /** A service read fast has not converged yet, and more of its tasks are on their way to running. */
    boolean awaitingTasks() {
        return !unconverged.isEmpty();
    }

    static boolean converged(SwarmService service, List<SwarmTask> tasks) {
        if (service.updating()) {
            return false;
        }
        long serving = tasks.stream().filter(SwarmTask::serving).count();
        if (service.replicas().isPresent()) {
            return serving == service.replicas().getAsInt();
        }
        return serving == tasks.stream().filter(t -> t.desiredState().equals("running")).count();
    }

    /** A task the manager no longer lists needs no mark: it is gone anyway. */
    private void forgetStopped() {
        Set<String> listed = new HashSet<>();
        tasks.values().forEach(list -> list.forEach(t -> listed.add(t.id())));
        stopped.retainAll(listed);
    }

    /**
     * The tasks of the selected services as the registry takes them, in a stable order.
     *
     * @param all every current task with why it does not serve (for --explain); else only the
     *     tasks that serve: a task on its way in or out is simply not there, so that only a change of
     *     what serves is news (a task passing through assigned, preparing, starting is not), and a
     *     task meant to shut down is gone alike whether a service's read or the full poll (which asks
     *     only for tasks meant to run) saw it last
     */
    List<ContainerState> states(boolean all) {
        List<ContainerState> result = new ArrayList<>();
        tasks.forEach((serviceId, list) -> {
            SwarmService service = services.get(serviceId);
            if (service != null) {
                list.stream().filter(all ? SwarmTask::current : task -> task.serving() && !stopped.contains(task.id()))
                        .forEach(task -> result.add(states.of(service, task, stopped.contains(task.id()))));
            }
        });
        if (all) {
            services.values().stream()
                    .filter(service -> tasks.getOrDefault(service.id(), List.of()).stream().noneMatch(SwarmTask::current))
                    .forEach(service -> result.add(states.withoutTasks(service)));
        }
        result.sort(Comparator.comparing(ContainerState::id));
        return result;
    }

    private String name(String serviceId) {
        SwarmService service = services.get(serviceId);
        return service == null ? ContainerIds.shorten(serviceId) : service.name();
    }
}
