package dev.berth.core.swarm;

import java.time.Duration;

/**
 * Whether a swarm's new set of tasks is told now or held a moment: tasks that only come in, while
 * more tasks of their service are on their way to running, are held until it has them all, for at
 * most a limit (from the first held); so a scale-up goes into effect with one reload rather than one
 * per task as each starts running. A set in which a task leaves is told at once, and so is a lone
 * new task (a rolling update's, one at a time). Not thread-safe; time in {@link System#nanoTime()} values.
 */
final class Holding {

    private final long limit;
    private long since = -1;

    Holding(Duration limit) {
        this.limit = limit.toNanos();
    }

    /**
     * @param onlyAdded the new set only adds tasks to the one told last
     * @param awaiting a service read fast still waits for tasks that are on their way
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
