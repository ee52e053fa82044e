package dev.berth.core.sync;

import dev.berth.core.docker.Backoff;
import dev.berth.core.docker.ContainerEvent;
import dev.berth.core.docker.ContainerInspector;
import dev.berth.core.docker.DaemonChecks;
import dev.berth.core.docker.DockerConnection;
import dev.berth.core.docker.DockerSource;
import dev.berth.core.docker.Foresight;
import dev.berth.core.model.ContainerIds;
import dev.berth.core.model.ContainerState;
import dev.berth.core.registry.Registry;
import dev.berth.core.registry.Selection;
import dev.berth.core.registry.ServingPolicy;
import dev.berth.core.source.BackendSource;
import dev.berth.core.source.SourceRead;
import dev.berth.core.source.Sources;
import dev.berth.core.telemetry.Telemetry;
import java.io.Closeable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import jakarta.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The long-running job. Docker's events are queued; one thread owns the registry and the pipeline
 * and, each time it wakes, applies everything queued since its last pass before it renders once,
 * so a burst of events costs one render rather than one per event. {@link Coalescing} decides
 * when a pass runs: at once after a quiet period, else once the burst has settled.
 */
public final class Watcher implements DockerSource.Listener, BackendSource.Listener {

    private static final Logger log = LoggerFactory.getLogger(Watcher.class);

    private sealed interface Task {
    }

    /** @param arrived when it arrived ({@link System#nanoTime()}) */
    private record Changed(ContainerEvent event, long arrived) implements Task {
    }

    private record Resync(String why) implements Task {
    }

    /** A further source's whole set. @param arrived when it arrived ({@link System#nanoTime()}) */
    private record SourceChanged(BackendSource source, SourceRead read, long arrived) implements Task {
    }

    private static final Duration FIRST_RETRY = Duration.ofMillis(500);
    private static final Duration MAX_RETRY = Duration.ofSeconds(15);

    private final DockerConnection docker;
    private final Selection selection;
    private final SyncPipeline pipeline;
    private final DaemonChecks checks;
    private final ServingPolicy policy;
    private final Wait pace;
    private final Telemetry telemetry;
    private final Sources sources;
    private final BlockingQueue<Task> queue = new LinkedBlockingQueue<>();
    private final SourcedBackends sourced = new SourcedBackends();

    public Watcher(DockerConnection docker, Selection selection, SyncPipeline pipeline, DaemonChecks checks,
            ServingPolicy policy, SyncSettings settings, Telemetry telemetry) {
        this(docker, selection, pipeline, checks, policy, settings, telemetry, Sources.CONTAINERS);
    }

    @Inject
    public Watcher(DockerConnection docker, Selection selection, SyncPipeline pipeline, DaemonChecks checks,
            ServingPolicy policy, SyncSettings settings, Telemetry telemetry, Sources sources) {
        this.sources = sources;
        this.docker = docker;
        this.selection = selection;
        this.pipeline = pipeline;
        this.checks = checks;
        this.policy = policy;
        this.pace = settings.coalescing();
        this.telemetry = telemetry;
    }

    /** Runs until the thread is interrupted. */
    public void run() throws InterruptedException {
        docker.ping();
        Registry registry = new Registry(selection, policy);
        Coalescing coalescing = new Coalescing(pace);
        Backoff retries = new Backoff(FIRST_RETRY, MAX_RETRY);
        // With a further source, Swarm's task containers come from there, not from here.
        ContainerInspector inspector = new ContainerInspector(docker.requests(), selection.filters(), !sources.others().isEmpty());
        // Containers connected to their networks but not running yet, as they will be once they run.
        Map<String, ContainerState> starting = new LinkedHashMap<>();
        try (Following following = Following.start(this::followContainers, sources.others(), this, checks, pipeline.describe())) {
            while (true) {
                List<Task> batch = nextBatch(coalescing);
                coalescing.passStarted();
                telemetry.passStarted(firstArrival(batch));
                try {
                    long start = System.nanoTime();
                    pipeline.prepare();
                    boolean reloaded = false;
                    // Only a start after quiet is checked ahead: in a burst, coalescing gathers the starts,
                    // and the proxy's check for each would only slow Docker down.
                    boolean mayForesee = starting.isEmpty() && coalescing.quiet(start);
                    Read read = applyBatch(batch, registry, inspector, starting, mayForesee);
                    if (read.changed()) {
                        log.debug("{} changes read from Docker in {} ms", batch.size(), (System.nanoTime() - start) / 1_000_000);
                        reloaded = pipeline.apply(registry.snapshot());
                    } else if (read.startingLeft()) {
                        pipeline.abandon();
                    }
                    if (read.foresaw() && !reloaded) {
                        pipeline.anticipate(registry.snapshotWith(starting.values()));
                    }
                    retries.reset();
                    telemetry.passSucceeded();
                    coalescing.passEnded(System.nanoTime(), reloaded);
                } catch (RuntimeException e) {
                    coalescing.passEnded(System.nanoTime(), false);
                    telemetry.passFailed(e.getMessage());
                    // The changes of this batch may be lost: read everything again, later.
                    Duration delay = retries.next();
                    log.warn("could not read containers from Docker ({}); full resync in {} ms", e.getMessage(), delay.toMillis());
                    Thread.sleep(delay.toMillis());
                    queue.add(new Resync("retry after a Docker error"));
                }
            }
        } finally {
            // A file checked ahead is not what the proxy runs, and a Berth started later would find
            // it unchanged and not reload: the file the proxy runs goes back.
            pipeline.abandon();
        }
    }

    /** The local engine's containers, unless only a further source is served. */
    private Closeable followContainers() {
        if (!sources.containers()) {
            return () -> { };
        }
        log.info("watching containers with label {}; {}", selection.filters().stream().map(Object::toString)
                .collect(Collectors.joining(" and ")), pipeline.describe());
        DockerSource containers = new DockerSource(docker, selection.filters(), checks, this, telemetry);
        containers.start();
        return containers;
    }

    /** Waits for a change, then for as long as the coalescing policy says; answers all that came. */
    private List<Task> nextBatch(Coalescing coalescing) throws InterruptedException {
        List<Task> batch = new ArrayList<>();
        Task first = queue.take();
        batch.add(first);
        seen(first, coalescing);
        long wait;
        while ((wait = coalescing.nanosUntilPass(System.nanoTime())) > 0) {
            Task next = queue.poll(wait, TimeUnit.NANOSECONDS);
            if (next != null) {
                batch.add(next);
                seen(next, coalescing);
            }
        }
        queue.drainTo(batch);
        if (batch.size() > 1) {
            log.debug("{} changes in one pass", batch.size());
        }
        return batch;
    }

    private static OptionalLong firstArrival(List<Task> batch) {
        return batch.stream().mapToLong(t -> t instanceof Changed c ? c.arrived()
                : t instanceof SourceChanged s ? s.arrived() : Long.MAX_VALUE).filter(t -> t != Long.MAX_VALUE).min();
    }

    /** A container that stops serving, or is told to stop while draining is on, is taken out without waiting. */
    private void seen(Task task, Coalescing coalescing) {
        boolean urgent = task instanceof Changed c && (c.event().stopsServing() || startsDrain(c.event()))
                || task instanceof SourceChanged s && s.read().urgent();
        if (urgent) {
            coalescing.urgent(System.nanoTime());
        } else {
            coalescing.changed(System.nanoTime());
        }
    }

    /**
     * What a pass read. @param changed the registry changed @param foresaw a container was seen
     * starting @param startingLeft a container seen starting before is not (it runs, or failed to)
     */
    private record Read(boolean changed, boolean foresaw, boolean startingLeft) {
    }

    private Read applyBatch(List<Task> batch, Registry registry, ContainerInspector inspector,
            Map<String, ContainerState> starting, boolean mayForesee) {
        Set<String> changed = new LinkedHashSet<>();
        Set<String> connectedOnly = new HashSet<>();
        Map<BackendSource, SourceRead> reads = new LinkedHashMap<>();
        boolean resync = false;
        boolean any = false;
        for (Task task : batch) {
            if (task instanceof SourceChanged s) {
                reads.put(s.source(), s.read());
            }
            if (task instanceof Resync) {
                resync = true;
                changed.clear();
                connectedOnly.clear();
            } else if (task instanceof Changed c) {
                // In order, before any inspection: inspect cannot tell a draining container from a running one.
                any |= drainTransition(c.event(), registry);
                String id = c.event().containerId();
                if (changed.add(id) && c.event().action().equals("connect")) {
                    connectedOnly.add(id);
                } else if (!c.event().action().equals("connect")) {
                    connectedOnly.remove(id);
                }
            }
        }
        boolean startingLeft = false;
        if (resync) {
            startingLeft = !starting.isEmpty();
            starting.clear();
            registry.useProxyNetworks(pipeline.proxyNetworks());
            // Always apply after a resync: the file may not exist yet, or may have been edited by hand.
            List<ContainerState> all = new ArrayList<>(sources.containers() ? inspector.listSelected() : List.of());
            all.addAll(sourced.all());
            registry.replaceAll(all);
            any = true;
        }
        for (Map.Entry<BackendSource, SourceRead> read : reads.entrySet()) {
            if (read.getValue().full()) {
                registry.useProxyNetworks(pipeline.proxyNetworks());
            }
            any |= sourced.apply(read.getKey(), read.getValue().backends(), registry) | read.getValue().full();
        }
        boolean foresaw = false;
        for (String id : changed) {
            // Docker announces the network before the start, and its inspect waits for the start to
            // complete: a lone container starting is foreseen now, and inspected at its start event.
            boolean foresee = mayForesee && connectedOnly.size() == 1 && connectedOnly.contains(id);
            Foresight foresight = foresee ? inspector.foresee(id) : new Foresight.Inspect();
            if (foresight instanceof Foresight.Starting s) {
                starting.put(id, s.once());
                foresaw = true;
                continue;
            }
            startingLeft |= starting.remove(id) != null;
            if (foresight instanceof Foresight.Unselected) {
                any |= registry.remove(id);
            } else {
                any |= inspector.inspect(id).map(registry::put).orElseGet(() -> registry.remove(id));
            }
        }
        return new Read(any, foresaw, startingLeft);
    }

    private boolean drainTransition(ContainerEvent event, Registry registry) {
        if (startsDrain(event)) {
            log.info("container {} received signal {}: it gets no new request while it finishes",
                    ContainerIds.shorten(event.containerId()), event.attributes().get("signal"));
            return registry.drain(event.containerId());
        }
        return event.endsDrain() && registry.stopDraining(event.containerId());
    }

    /** The container was told to stop (SIGTERM, SIGINT) and draining is on: it gets no new request. */
    private boolean startsDrain(ContainerEvent event) {
        return event.startsDrain() && policy.drain();
    }

    @Override
    public void containerChanged(ContainerEvent event) {
        log.debug("event {} for container {}", event.action(), event.containerId());
        queue.add(new Changed(event, System.nanoTime()));
    }

    @Override
    public void backendsRead(BackendSource source, SourceRead read) {
        log.debug("{} backends read from {}", read.backends().size(), source.describe());
        queue.add(new SourceChanged(source, read, System.nanoTime()));
    }

    @Override
    public void resyncNeeded(String why) {
        log.debug("full resync: {}", why);
        queue.add(new Resync(why));
    }
}
