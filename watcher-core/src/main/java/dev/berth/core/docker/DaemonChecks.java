package dev.berth.core.docker;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * How often Berth checks on the Docker daemon while it follows its events.
 *
 * @param pingInterval how often to ping the daemon while the event stream is up; a ping that gets no
 *     answer within the same time means the daemon hangs (an open stream alone cannot tell), so the
 *     stream is dropped and set up again, with a full resync. Zero: no pings.
 * @param resyncInterval how often to read every selected container again, a safety net against an
 *     event lost on the way; the configuration is rewritten only if it changed. Zero: never (Berth
 *     still resyncs at start and after every reconnect).
 */
public record DaemonChecks(Duration pingInterval, Duration resyncInterval) {

    public static final DaemonChecks DEFAULTS = new DaemonChecks(Duration.ofSeconds(5), Duration.ofSeconds(60));

    public DaemonChecks {
        requireNonNull(pingInterval, "pingInterval");
        requireNonNull(resyncInterval, "resyncInterval");
        if (pingInterval.isNegative() || resyncInterval.isNegative()) {
            throw new IllegalArgumentException("negative interval: ping " + pingInterval + ", resync " + resyncInterval);
        }
    }

    boolean pings() {
        return !pingInterval.isZero();
    }

    boolean resyncs() {
        return !resyncInterval.isZero();
    }
}
