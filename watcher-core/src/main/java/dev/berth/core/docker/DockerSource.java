package dev.berth.core.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.api.model.EventType;
import dev.berth.core.model.LabelFilter;
import dev.berth.core.telemetry.Telemetry;
import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the Docker Engine's container events, and the network connects and disconnects. It
 * subscribes first and only then asks for a full resync, so no change can fall between the listing
 * and the stream. When the stream ends or fails it resubscribes with capped exponential backoff, and asks for a full resync again: no event
 * survives a daemon restart to be replayed.
 *
 * <p>A daemon that hangs keeps the stream open and silent, as an idle one does; only a periodic ping
 * tells them apart ({@link DaemonChecks}). A ping unanswered in time is handled as a lost stream.
 * A periodic full resync is the safety net for an event lost on the way. Errors that a stream
 * delivers after Berth closed it on purpose (shutdown, reconnect) are expected: logged at debug.
 *
 * <p>The events callback only copies the event and hands it on: an exception thrown inside it
 * would close the stream.
 */
public final class DockerSource implements Closeable {

    /** Where events go; called from docker-java's stream thread, so it must return quickly. */
    public interface Listener {
        void containerChanged(ContainerEvent event);

        void resyncNeeded(String why);
    }

    static final Duration FIRST_RETRY = Duration.ofMillis(250);
    // A connection attempt costs next to nothing; a daemon back from a restart is followed within 5 s.
    static final Duration MAX_RETRY = Duration.ofSeconds(5);

    private static final Logger log = LoggerFactory.getLogger(DockerSource.class);

    private final DockerConnection docker;
    private final List<LabelFilter> filters;
    private final DaemonChecks checks;
    private final Listener listener;
    private final Telemetry telemetry;
    private final ScheduledExecutorService scheduler = singleThread("berth-docker-reconnect");
    // A ping blocks until answered or timed out: on its own thread, so that it never delays a reconnect.
    private final ScheduledExecutorService pinger = singleThread("berth-docker-ping");
    private final DockerClient pings;
    private final Object lock = new Object();
    private Stream current;
    private final Backoff retries = new Backoff(FIRST_RETRY, MAX_RETRY);
    private boolean closed;

    public DockerSource(DockerConnection docker, List<LabelFilter> filters, DaemonChecks checks, Listener listener) {
        this(docker, filters, checks, listener, Telemetry.NONE);
    }

    public DockerSource(DockerConnection docker, List<LabelFilter> filters, DaemonChecks checks, Listener listener,
            Telemetry telemetry) {
        this.docker = docker;
        this.filters = List.copyOf(filters);
        this.checks = checks;
        this.listener = listener;
        this.telemetry = telemetry;
        this.pings = docker.client(checks.pingInterval());
    }

    /** Subscribes now; on failure keeps retrying in the background. Returns at once. */
    public void start() {
        scheduler.execute(this::subscribe);
        if (checks.pings()) {
            long every = checks.pingInterval().toMillis();
            pinger.scheduleWithFixedDelay(this::ping, every, every, TimeUnit.MILLISECONDS);
        }
        if (checks.resyncs()) {
            long every = checks.resyncInterval().toMillis();
            scheduler.scheduleAtFixedRate(this::periodicResync, every, every, TimeUnit.MILLISECONDS);
        }
    }

    private void subscribe() {
        Stream stream = new Stream();
        synchronized (lock) {
            if (closed) {
                return;
            }
            current = stream;
        }
        try {
            // Network events carry the network's labels, not the container's: a separate, unfiltered
            // subscription; the inspection of the container they name decides whether it matters.
            docker.events().eventsCmd()
                    .withEventTypeFilter(EventType.NETWORK)
                    .withEventFilter("connect", "disconnect")
                    .withSince(Long.toString(Instant.now().minusSeconds(1).getEpochSecond()))
                    .exec(stream.networks);
            docker.events().eventsCmd()
                    .withEventTypeFilter(EventType.CONTAINER)
                    .withLabelFilter(filters.stream().map(LabelFilter::toDockerFilter).toArray(String[]::new))
                    // Replays the last second too: the daemon may answer before it has subscribed us.
                    .withSince(Long.toString(Instant.now().minusSeconds(1).getEpochSecond()))
                    .exec(stream);
        } catch (RuntimeException e) {
            // A daemon that accepts the connection but does not answer fails on the stream's thread, in time.
            stream.lost("cannot subscribe to Docker events: " + message(e));
        }
    }

    private void started(Stream stream) {
        synchronized (lock) {
            if (closed || stream != current) {
                // Closed before it started (Berth is stopping): docker-java reopens a callback on start.
                log.debug("closing an event stream that started after Berth had closed it");
                stream.closeQuietly();
                return;
            }
            retries.reset();
        }
        log.info("following Docker events at {}", docker.host());
        telemetry.dockerFollowed();
        listener.resyncNeeded("subscribed to Docker events");
    }

    private void retryLater(Stream stream, String why) {
        Duration delay;
        synchronized (lock) {
            if (closed || stream != current) {
                log.debug("{}, after Berth had closed that stream", why);
                return;
            }
            current = null;
            delay = retries.next();
        }
        log.warn("{}; reconnecting in {} ms", why, delay.toMillis());
        telemetry.dockerLost(why);
        stream.closeQuietly();
        scheduler.schedule(this::subscribe, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The current stream once it started; null while Berth (re)subscribes, whose own timeout then applies. */
    private Stream liveStream() {
        synchronized (lock) {
            return closed || current == null || !current.started ? null : current;
        }
    }

    private void ping() {
        Stream stream = liveStream();
        if (stream == null) {
            return;
        }
        try {
            pings.pingCmd().exec();
        } catch (RuntimeException e) {
            stream.lost("a ping to the Docker daemon failed: " + message(e));
        }
    }

    private void periodicResync() {
        if (liveStream() != null) {
            listener.resyncNeeded("periodic resync, every " + checks.resyncInterval().toSeconds() + " s");
        }
    }

    @Override
    public void close() {
        Stream stream;
        synchronized (lock) {
            closed = true;
            stream = current;
            current = null;
        }
        scheduler.shutdownNow();
        pinger.shutdownNow();
        if (stream != null) {
            stream.closeQuietly();
        }
        try {
            pings.close();
        } catch (IOException e) {
            log.debug("closing the ping client: {}", message(e));
        }
    }

    private static ScheduledExecutorService singleThread(String name) {
        return Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, name);
            thread.setDaemon(true);
            return thread;
        });
    }

    private static Map<String, String> attributes(Event event) {
        Map<String, String> attributes = event.getActor() == null ? null : event.getActor().getAttributes();
        return attributes == null ? Map.of() : attributes;
    }

    private static String message(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip();
    }

    /** One subscription; its callbacks run on docker-java's stream thread. */
    private final class Stream extends ResultCallback.Adapter<Event> {
        private volatile boolean started;

        @Override
        public void onStart(Closeable stream) {
            super.onStart(stream);
            started = true;
            started(this);
        }

        @Override
        public void onNext(Event event) {
            try {
                if (event.getActor() == null || event.getActor().getId() == null || event.getAction() == null) {
                    return;
                }
                ContainerEvent copy = ContainerEvent.of(event.getAction(), event.getActor().getId(), attributes(event));
                telemetry.eventReceived("container", copy.action());
                if (copy.relevant()) {
                    listener.containerChanged(copy);
                }
            } catch (RuntimeException e) {
                log.warn("ignored a Docker event Berth could not read: {}", message(e));
            }
        }

        @Override
        public void onError(Throwable error) {
            lost("the Docker event stream failed: " + message(error));
        }

        @Override
        public void onComplete() {
            lost("the Docker event stream ended");
        }

        void lost(String why) {
            retryLater(this, why);
        }

        /** The network events of this subscription: they share its life, and its loss. */
        final ResultCallback.Adapter<Event> networks = new ResultCallback.Adapter<>() {
            @Override
            public void onNext(Event event) {
                try {
                    if (event.getAction() != null) {
                        telemetry.eventReceived("network", event.getAction());
                        ContainerEvent.ofNetwork(event.getAction(), attributes(event)).ifPresent(listener::containerChanged);
                    }
                } catch (RuntimeException e) {
                    log.warn("ignored a Docker network event Berth could not read: {}", message(e));
                }
            }

            @Override
            public void onError(Throwable error) {
                lost("the Docker network event stream failed: " + message(error));
            }

            @Override
            public void onComplete() {
                lost("the Docker network event stream ended");
            }
        };

        void closeQuietly() {
            for (Closeable callback : List.of(this, networks)) {
                try {
                    callback.close();
                } catch (IOException | RuntimeException e) {
                    log.debug("closing an event stream: {}", message(e));
                }
            }
        }
    }
}
