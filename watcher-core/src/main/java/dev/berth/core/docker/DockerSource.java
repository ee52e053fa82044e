package dev.berth.core.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.EventsCmd;
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
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
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

    /**
     * One stream of events to follow: which events (the filters set on the command), and what to do
     * with each, on docker-java's stream thread (so quickly). All streams of a source share one life:
     * when one ends, all are set up again.
     *
     * @param what names the stream in messages ("container", "network", "service" …)
     */
    public record Subscription(String what, UnaryOperator<EventsCmd> filters, Consumer<Event> onEvent) {
    }

    static final Duration FIRST_RETRY = Duration.ofMillis(250);
    // A connection attempt costs next to nothing; a daemon back from a restart is followed within 5 s.
    static final Duration MAX_RETRY = Duration.ofSeconds(5);

    private static final Logger log = LoggerFactory.getLogger(DockerSource.class);

    private final DockerConnection docker;
    private final List<Subscription> subscriptions;
    private final DaemonChecks checks;
    private final Consumer<String> resyncNeeded;
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
        this(docker, containerSubscriptions(filters, listener, telemetry), checks, listener::resyncNeeded, telemetry);
    }

    /**
     * @param subscriptions the streams to follow, subscribed in this order; the source counts as
     *     following once the last one started
     * @param resyncNeeded told, with the reason, when everything should be read again: once
     *     subscribed (first or again), and periodically
     */
    public DockerSource(DockerConnection docker, List<Subscription> subscriptions, DaemonChecks checks,
            Consumer<String> resyncNeeded, Telemetry telemetry) {
        if (subscriptions.isEmpty()) {
            throw new IllegalArgumentException("no event stream to follow");
        }
        this.docker = docker;
        this.subscriptions = List.copyOf(subscriptions);
        this.checks = checks;
        this.resyncNeeded = resyncNeeded;
        this.telemetry = telemetry;
        this.pings = docker.client(checks.pingInterval());
    }

    /**
     * The containers' streams. Network events carry the network's labels, not the container's: a
     * separate, unfiltered subscription; the inspection of the container they name decides whether it matters.
     */
    private static List<Subscription> containerSubscriptions(List<LabelFilter> filters, Listener listener, Telemetry telemetry) {
        String[] labels = filters.stream().map(LabelFilter::toDockerFilter).toArray(String[]::new);
        return List.of(
                new Subscription("network", cmd -> cmd.withEventTypeFilter(EventType.NETWORK).withEventFilter("connect", "disconnect"),
                        event -> {
                            telemetry.eventReceived("network", event.getAction());
                            ContainerEvent.ofNetwork(event.getAction(), attributes(event)).ifPresent(listener::containerChanged);
                        }),
                new Subscription("container", cmd -> cmd.withEventTypeFilter(EventType.CONTAINER).withLabelFilter(labels),
                        event -> {
                            if (event.getActor() == null || event.getActor().getId() == null) {
                                return;
                            }
                            ContainerEvent copy = ContainerEvent.of(event.getAction(), event.getActor().getId(), attributes(event));
                            telemetry.eventReceived("container", copy.action());
                            if (copy.relevant()) {
                                listener.containerChanged(copy);
                            }
                        }));
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
            for (Callback callback : stream.callbacks) {
                callback.subscription.filters().apply(docker.events().eventsCmd())
                        // Replays the last second too: the daemon may answer before it has subscribed us.
                        .withSince(Long.toString(Instant.now().minusSeconds(1).getEpochSecond()))
                        .exec(callback);
            }
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
        resyncNeeded.accept("subscribed to Docker events");
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
            resyncNeeded.accept("periodic resync, every " + checks.resyncInterval().toSeconds() + " s");
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

    /** The event's Actor attributes (labels among them); empty when none. */
    public static Map<String, String> attributes(Event event) {
        Map<String, String> attributes = event.getActor() == null ? null : event.getActor().getAttributes();
        return attributes == null ? Map.of() : attributes;
    }

    private static String message(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip();
    }

    /** One subscription of every stream; their callbacks run on docker-java's stream threads. */
    private final class Stream {
        private volatile boolean started;
        final List<Callback> callbacks = subscriptions.stream().map(s -> new Callback(this, s)).toList();

        void callbackStarted(Callback callback) {
            if (callback == callbacks.get(callbacks.size() - 1)) {
                started = true;
                started(this);
            }
        }

        void lost(String why) {
            retryLater(this, why);
        }

        void closeQuietly() {
            for (Closeable callback : callbacks) {
                try {
                    callback.close();
                } catch (IOException | RuntimeException e) {
                    log.debug("closing an event stream: {}", message(e));
                }
            }
        }
    }

    /** One stream of a subscription: it shares the subscription's life, and its loss. */
    private static final class Callback extends ResultCallback.Adapter<Event> {
        private final Stream stream;
        final Subscription subscription;

        Callback(Stream stream, Subscription subscription) {
            this.stream = stream;
            this.subscription = subscription;
        }

        @Override
        public void onStart(Closeable closeable) {
            super.onStart(closeable);
            stream.callbackStarted(this);
        }

        @Override
        public void onNext(Event event) {
            try {
                if (event.getAction() != null) {
                    subscription.onEvent().accept(event);
                }
            } catch (RuntimeException e) {
                log.warn("ignored a Docker {} event Berth could not read: {}", subscription.what(), message(e));
            }
        }

        @Override
        public void onError(Throwable error) {
            stream.lost("the Docker " + subscription.what() + " event stream failed: " + message(error));
        }

        @Override
        public void onComplete() {
            stream.lost("the Docker " + subscription.what() + " event stream ended");
        }
    }
}
