package dev.berth.core.swarm;

import java.time.Duration;

/**
 * Whether a swarm's new set of tasks is told now or held a moment: tasks that only come in, while
 * their service still waits for more, are held until it has them all, for at most a limit; so a
 * scale-up goes into effect with one reload rather than one per task as each starts running. A set
 * in which a task leaves is told at once. Not thread-safe; time in {@link System#nanoTime()} values.
 */
final class Holding {

    private final long limit;
    private long since = -1;

    Holding(Duration limit) {
        this.limit = limit.toNanos();
    }

    /**
     * @param onlyAdded the new set only adds tasks to the one told last
     * @param awaiting a service read fast still waits for tasks
     */
    boolean tellNow(boolean onlyAdded, boolean awaiting, long now) {
        if (onlyAdded && awaiting) {
            if (since < 0) {
                since = now;
            }
            if (now - since < limit) {
                return false;
            }
        }
        since = -1;
        return true;
    }
}
