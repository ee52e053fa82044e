package dev.berth.core.swarm;

import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.api.model.EventType;
import dev.berth.core.docker.ContainerEvent;
import dev.berth.core.docker.DaemonChecks;
import dev.berth.core.docker.DockerConnection;
import dev.berth.core.docker.DockerSource;
import dev.berth.core.docker.EventSubscription;
import dev.berth.core.model.ContainerState;
import dev.berth.core.registry.Selection;
import dev.berth.core.source.BackendSource;
import dev.berth.core.source.SourceRead;
import dev.berth.core.telemetry.Telemetry;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running tasks of the selected Swarm services, read from a manager. It follows the manager's
 * service, node and network events (a manager has no task events), reads a changed service fast
 * until it converged, and everything every second as the safety net ({@link SwarmTiming}). The
 * local engine's container events of task containers are a fast path: a task whose container is
 * told to stop here leaves before the manager tells. Everything runs on one thread, which owns the
 * {@link SwarmTracker}; the event callbacks only hand over to it.
 */
public final class SwarmSource implements BackendSource {

    private static final Logger log = LoggerFactory.getLogger(SwarmSource.class);

    private final DockerConnection manager;
    private final DockerConnection local;
    private final SwarmApi api;
    private final Selection selection;
    private final SwarmTiming timing;
    private final Telemetry telemetry;
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "berth-swarm");
        thread.setDaemon(true);
        return thread;
    });
    private final List<DockerSource> streams = new ArrayList<>();
    // Confined to the worker thread.
    private SwarmTracker tracker;
    private Listener listener;
    private List<ContainerState> told;
    private boolean failing;
    private final Holding additions;

    /**
     * @param manager where services and tasks are read and their events followed
     * @param local the engine Berth's proxies run on, whose container events are the fast path (may be the manager)
     */
    public SwarmSource(DockerConnection manager, DockerConnection local, Selection selection, SwarmTiming timing,
            Telemetry telemetry) {
        this.manager = manager;
        this.local = local;
        this.api = new DockerSwarmApi(manager);
        this.selection = selection;
        this.timing = timing;
        this.telemetry = telemetry;
        this.additions = new Holding(timing.hold());
    }

    @Override
    public String describe() {
        return "Swarm services with label " + selection.filters().stream().map(Object::toString)
                .collect(Collectors.joining(" and ")) + " from the manager at " + manager.host();
    }

    @Override
    public List<ContainerState> read(boolean explain) {
        api.requireManager();
        SwarmTracker once = new SwarmTracker(api, selection, timing);
        if (explain) {
            once.readAllWithHistory();
        } else {
            once.readAll();
        }
        return once.states(explain);
    }

    @Override
    public void start(Listener listener, DaemonChecks checks) {
        api.requireManager();
        this.listener = listener;
        this.tracker = new SwarmTracker(api, selection, timing);
        DaemonChecks noResync = new DaemonChecks(checks.pingInterval(), java.time.Duration.ZERO);
        streams.add(new DockerSource(manager, List.of(
                new EventSubscription("service", cmd -> cmd.withEventTypeFilter(EventType.SERVICE), this::serviceEvent),
                new EventSubscription("node", cmd -> cmd.withEventTypeFilter(EventType.NODE), e -> clusterEvent("node", e)),
                new EventSubscription("network", cmd -> cmd.withEventTypeFilter(EventType.NETWORK)
                        .withEventFilter("create", "remove", "update"), e -> clusterEvent("network", e))),
                noResync, why -> worker.execute(() -> readAll(true)), telemetry));
        streams.add(new DockerSource(local, List.of(new EventSubscription("task container",
                cmd -> cmd.withEventTypeFilter(EventType.CONTAINER).withLabelFilter(TaskStates.TASK_ID), this::containerEvent)),
                noResync, why -> { }, telemetry));
        streams.forEach(DockerSource::start);
        long fast = timing.fast().toMillis();
        worker.scheduleWithFixedDelay(this::tick, fast, fast, TimeUnit.MILLISECONDS);
        long full = timing.fullPoll().toMillis();
        worker.scheduleWithFixedDelay(() -> readAll(false), full, full, TimeUnit.MILLISECONDS);
    }

    private void serviceEvent(Event event) {
        telemetry.eventReceived("service", event.getAction());
        String id = event.getActor() == null ? null : event.getActor().getId();
        if (id != null) {
            log.debug("service event {} for {}", event.getAction(), EventSubscription.attributes(event).getOrDefault("name", id));
            worker.execute(() -> guarded(() -> tracker.serviceChanged(id, System.nanoTime())));
        }
    }

    private void clusterEvent(String kind, Event event) {
        telemetry.eventReceived(kind, event.getAction());
        worker.execute(() -> guarded(() -> tracker.everythingChanged(System.nanoTime())));
    }

    private void containerEvent(Event event) {
        Map<String, String> attributes = EventSubscription.attributes(event);
        String task = attributes.get(TaskStates.TASK_ID);
        String service = attributes.get(TaskStates.SERVICE_ID);
        ContainerEvent copy = ContainerEvent.of(event.getAction(), event.getActor() == null ? "" : event.getActor().getId(), attributes);
        if (task != null && service != null && (copy.stopsServing() || copy.startsDrain())) {
            telemetry.eventReceived("container", copy.action());
            worker.execute(() -> guarded(() -> tracker.taskStopping(task, service, System.nanoTime())));
        }
    }

    private void tick() {
        if (tracker.converging()) {
            guarded(() -> tracker.tick(System.nanoTime()));
        }
    }

    /** @param full after a (re)connect: told even if nothing changed, since the file may not exist yet */
    private void readAll(boolean full) {
        if (full) {
            told = null;
        }
        guarded(tracker::readAll);
    }

    /** Runs one step of the tracker and tells what changed; a failed request is retried by the next poll. */
    private void guarded(Runnable step) {
        try {
            step.run();
            if (failing) {
                log.info("reading the swarm from {} again", manager.host());
                failing = false;
            }
        } catch (RuntimeException e) {
            if (!failing) {
                log.warn("could not read the swarm from {} ({}); trying again", manager.host(), e.getMessage());
            }
            failing = true;
            return;
        }
        tell();
    }

    private void tell() {
        List<ContainerState> now = tracker.states(false);
        if (now.equals(told)) {
            return;
        }
        boolean full = told == null;
        Set<String> serving = now.stream().filter(ContainerState::running).map(ContainerState::id).collect(Collectors.toSet());
        boolean urgent = told != null && told.stream().anyMatch(s -> s.running() && !serving.contains(s.id()));
        boolean onlyAdded = !full && new HashSet<>(now).containsAll(told);
        if (!additions.tellNow(onlyAdded, tracker.awaitingTasks(), System.nanoTime())) {
            log.debug("{} tasks serve; held while their service converges", serving.size());
            return;
        }
        log.debug("{} tasks serve{}", serving.size(), urgent ? ", one left" : "");
        told = now;
        listener.backendsRead(this, new SourceRead(now, urgent, full));
    }

    @Override
    public void close() {
        streams.forEach(DockerSource::close);
        worker.shutdownNow();
    }
}
