package dev.berth.core.sync;

/**
 * When to run the next pass, as a pure policy on a clock the caller reads (nanoseconds, as
 * {@link System#nanoTime()}), so that it can be tested without threads or sleeps.
 *
 * <p>The first change after a quiet period is applied at once: a single container start waits for
 * nothing. Changes that arrive while a pass runs, or within {@code min} after it, are gathered
 * into one more pass, which runs once {@code min} has passed without a change, but no later than
 * {@code max} after the first of them. A steady stream (changes that trickle in, closer than
 * {@code min}) never falls quiet, so each pass that {@code max} forced doubles the bound for the
 * next, up to {@code 4 × max}: twenty starts over four seconds cost three reloads rather than one
 * every {@code max}; the first pass that falls quiet sets it back. With {@code min} zero every
 * change is applied at once. A container told to stop (SIGTERM while draining is on) keeps
 * serving through its grace period, so its removal waits for others to join its pass, but no
 * longer than {@link Wait#removal()} after the first of them. An urgent change (a container that
 * exited or froze) is applied as soon as the running pass ends: its address is gone, and requests
 * the proxy still sends there hang until they time out.
 * Only passes that reloaded the proxy count: the window is there to spare the proxy reloads (a
 * change made through the proxy's runtime API, HAProxy's, is none and holds nothing back), and
 * a pass that changed nothing (Docker's network-connect event comes before the start, and on
 * Docker 23+ an inspect at that moment still sees a container that is not running) must not make
 * the start that follows it wait.
 */
public final class Coalescing {

    private final long min;
    private final long max;
    private final long removal;
    /** How long pending changes may be held back now: {@code max}, doubled by each pass it forced. */
    private long holdBack;
    private boolean pending;
    private boolean urgent;
    private boolean removing;
    private long firstRemoval;
    private long firstPending;
    private long lastChange;
    private boolean passed;
    private long lastPassEnd;

    public Coalescing(Wait wait) {
        this.min = wait.min().toNanos();
        this.max = wait.max().toNanos();
        this.removal = wait.removal().toNanos();
        this.holdBack = max;
    }

    /** A change was seen at {@code now}. */
    public void changed(long now) {
        if (!pending) {
            pending = true;
            firstPending = now;
        }
        lastChange = now;
    }

    /** A container was told to stop at {@code now}: the pass waits at most {@link Wait#removal()}. */
    public void removal(long now) {
        changed(now);
        if (!removing) {
            removing = true;
            firstRemoval = now;
        }
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
        long due = Math.min(quietAt, firstPending + holdBack);
        if (removing) {
            due = Math.min(due, firstRemoval + removal);
        }
        return Math.max(0, due - now);
    }

    /** Whether a change seen at {@code now} would be applied at once: no reload in the last {@code min}. */
    public boolean quiet(long now) {
        return min == 0 || !passed || now - lastPassEnd >= min;
    }

    /** The pending changes are being applied from {@code now}. */
    public void passStarted(long now) {
        boolean forced = pending && !urgent && !removing && passed && firstPending - lastPassEnd < min
                && now < Math.max(lastChange, lastPassEnd) + min;
        holdBack = forced ? Math.min(holdBack * 2, 4 * max) : max;
        pending = false;
        urgent = false;
        removing = false;
    }

    /** The pass ended at {@code now}; if it reloaded the proxy, changes from now on wait for quiet. */
    public void passEnded(long now, boolean reloaded) {
        if (reloaded) {
            passed = true;
            lastPassEnd = now;
        }
    }
}
