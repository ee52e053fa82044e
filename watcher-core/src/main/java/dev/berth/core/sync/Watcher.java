package dev.berth.core.sync;

import dev.berth.core.docker.Backoff;
import dev.berth.core.docker.ContainerInspector;
import dev.berth.core.docker.DaemonChecks;
import dev.berth.core.docker.DockerConnection;
import dev.berth.core.docker.DockerSource;
import dev.berth.core.registry.Registry;
import dev.berth.core.registry.Selection;
import dev.berth.core.registry.ServingPolicy;
import dev.berth.core.source.Sources;
import dev.berth.core.telemetry.Telemetry;
import java.io.Closeable;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import jakarta.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The long-running job. Docker's events are queued in an {@link Inbox}; one thread owns the
 * registry and the pipeline and, each time it wakes, applies everything queued since its last pass
 * ({@link Applying}) before it renders once, so a burst of events costs one render rather than one
 * per event. {@link Coalescing} decides when a pass runs: at once after a quiet period, else once
 * the burst has settled. A pass that fails is followed, after a growing delay, by a full resync.
 */
public final class Watcher {

    private static final Logger log = LoggerFactory.getLogger(Watcher.class);

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
    private final Inbox inbox;
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
        this.inbox = new Inbox(policy);
    }

    /** Runs until the thread is interrupted. */
    public void run() throws InterruptedException {
        docker.ping();
        Coalescing coalescing = new Coalescing(pace);
        Backoff retries = new Backoff(FIRST_RETRY, MAX_RETRY);
        // With a further source, Swarm's task containers come from there, not from here.
        ContainerInspector inspector = new ContainerInspector(docker.requests(), selection.filters(), !sources.others().isEmpty());
        Applying applying = new Applying(new Registry(selection, policy), EngineContainers.of(inspector, sources.containers()),
                sourced, policy, pipeline::proxyNetworks);
        try (Following following = Following.start(this::followContainers, sources.others(), inbox, checks, pipeline.describe())) {
            while (true) {
                List<Task> batch = inbox.nextBatch(coalescing);
                coalescing.passStarted(System.nanoTime());
                telemetry.passStarted(Task.firstArrival(batch));
                try {
                    boolean reloaded = pass(batch, applying, coalescing);
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
                    inbox.add(new Task.Resync("retry after a Docker error"));
                }
            }
        } finally {
            // A file checked ahead is not what the proxy runs, and a Berth started later would find
            // it unchanged and not reload: the file the proxy runs goes back.
            pipeline.abandon();
        }
    }

    /** Applies the batch and tells the pipeline what it changed; answers whether the proxy was reloaded. */
    private boolean pass(List<Task> batch, Applying applying, Coalescing coalescing) {
        long start = System.nanoTime();
        pipeline.prepare();
        boolean reloaded = false;
        // Only a start after quiet is checked ahead: in a burst, coalescing gathers the starts,
        // and the proxy's check for each would only slow Docker down.
        boolean mayForesee = !applying.foreseeing() && coalescing.quiet(start);
        Applying.Applied applied = applying.apply(batch, mayForesee);
        if (applied.changed()) {
            log.debug("{} changes read from Docker in {} ms", batch.size(), (System.nanoTime() - start) / 1_000_000);
            reloaded = pipeline.apply(applying.snapshot());
        } else if (applied.startingLeft()) {
            pipeline.abandon();
        }
        if (applied.foresaw() && !reloaded) {
            pipeline.anticipate(applying.foreseen());
        }
        return reloaded;
    }

    /** The local engine's containers, unless only a further source is served. */
    private Closeable followContainers() {
        if (!sources.containers()) {
            return () -> { };
        }
        log.info("watching containers with label {}; {}", selection.filters().stream().map(Object::toString)
                .collect(Collectors.joining(" and ")), pipeline.describe());
        DockerSource containers = new DockerSource(docker, selection.filters(), checks, inbox, telemetry);
        containers.start();
        return containers;
    }
}
