package dev.berth.core.sync;

/**
 * When to run the next pass, as a pure policy on a clock the caller reads (nanoseconds, as
 * {@link System#nanoTime()}), so that it can be tested without threads or sleeps.
 *
 * <p>The first change after a quiet period is applied at once: a single container start waits for
 * nothing. Changes that arrive while a pass runs, or within {@code min} after it, are gathered
 * into one more pass, which runs once {@code min} has passed without a change, but no later than
 * {@code max} after the first of them. With {@code min} zero every change is applied at once. An
 * urgent change (a container that stops serving) is applied as soon as the running pass ends:
 * a stopping container must leave the proxy before it exits, and a dead one costs failed requests.
 * Only passes that reloaded the proxy count: the window is there to spare the proxy reloads, and
 * a pass that changed nothing (Docker's network-connect event comes before the start, and on
 * Docker 23+ an inspect at that moment still sees a container that is not running) must not make
 * the start that follows it wait.
 */
public final class Coalescing {

    private final long min;
    private final long max;
    private boolean pending;
    private boolean urgent;
    private long firstPending;
    private long lastChange;
    private boolean passed;
    private long lastPassEnd;

    public Coalescing(Wait wait) {
        this.min = wait.min().toNanos();
        this.max = wait.max().toNanos();
    }

    /** A change was seen at {@code now}. */
    public void changed(long now) {
        if (!pending) {
            pending = true;
            firstPending = now;
        }
        lastChange = now;
    }

    /** A change that must not wait was seen at {@code now}: the next pass runs at once. */
    public void urgent(long now) {
        changed(now);
        urgent = true;
    }

    /** How long to wait, from {@code now}, before the pending changes are applied; 0: now. */
    public long nanosUntilPass(long now) {
        if (!pending) {
            throw new IllegalStateException("no change is pending");
        }
        if (urgent || min == 0 || !passed || firstPending - lastPassEnd >= min) {
            return 0;
        }
        long quietAt = Math.max(lastChange, lastPassEnd) + min;
        long due = Math.min(quietAt, firstPending + max);
        return Math.max(0, due - now);
    }

    /** Whether a change seen at {@code now} would be applied at once: no reload in the last {@code min}. */
    public boolean quiet(long now) {
        return min == 0 || !passed || now - lastPassEnd >= min;
    }

    /** The pending changes are being applied. */
    public void passStarted() {
        pending = false;
        urgent = false;
    }

    /** The pass ended at {@code now}; if it reloaded the proxy, changes from now on wait for quiet. */
    public void passEnded(long now, boolean reloaded) {
        if (reloaded) {
            passed = true;
            lastPassEnd = now;
        }
    }
}
