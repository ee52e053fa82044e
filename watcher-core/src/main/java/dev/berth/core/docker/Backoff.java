package dev.berth.core.docker;

import java.time.Duration;

/** Retry delays that double from a first one up to a cap; not thread-safe. */
public final class Backoff {

    private final Duration first;
    private final Duration max;
    private Duration next;

    public Backoff(Duration first, Duration max) {
        this.first = first;
        this.max = max;
        this.next = first;
    }

    /** The delay to wait now; the one after it is twice as long, up to the cap. */
    public Duration next() {
        Duration delay = next;
        Duration doubled = next.multipliedBy(2);
        next = doubled.compareTo(max) > 0 ? max : doubled;
        return delay;
    }

    public void reset() {
        next = first;
    }
}
