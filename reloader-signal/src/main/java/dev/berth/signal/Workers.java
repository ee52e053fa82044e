package dev.berth.signal;

import dev.berth.core.spi.ContainerControl.ProcessInfo;
import dev.berth.core.spi.ProcessActivity;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Confirms a reload by its effect: nginx's master and HAProxy's master (-W) start new worker
 * processes for a new configuration, so a worker pid that was not there before the signal means
 * the proxy took the new configuration. A signal can be lost: HAProxy's master, between forking the
 * worker of one reload and going back to its loop, does not act on another SIGUSR2. So when the
 * master has slept without using CPU for {@code resendAfter} and no new worker came, the signal is
 * sent again. A master still busy with a reload (a large configuration on a loaded machine takes
 * seconds) is left alone: a signal in the middle of its reload starts that reload over.
 */
final class Workers {

    private static final Duration POLL = Duration.ofMillis(10);

    private final Duration timeout;
    private final Duration resendAfter;

    Workers(Duration timeout, Duration resendAfter) {
        this.timeout = timeout;
        this.resendAfter = resendAfter;
    }

    /** The children of the container's main processes (those whose parent is outside the container). */
    static Set<Long> of(List<ProcessInfo> processes) {
        Set<Long> pids = processes.stream().map(ProcessInfo::pid).collect(Collectors.toSet());
        Set<Long> masters = processes.stream().filter(p -> !pids.contains(p.parentPid())).map(ProcessInfo::pid)
                .collect(Collectors.toSet());
        return processes.stream().filter(p -> masters.contains(p.parentPid())).map(ProcessInfo::pid)
                .collect(Collectors.toSet());
    }

    /**
     * Waits until {@code now} lists a worker that {@code before} did not, sending the signal again
     * ({@code resend}) when the {@code master} has been idle for {@code resendAfter} (never where its
     * activity is unknown); answers the detail of a reload result, and whether it was confirmed.
     */
    Outcome awaitReplaced(Set<Long> before, Supplier<Set<Long>> now, Supplier<Optional<ProcessActivity>> master,
            Runnable resend) {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        long idleSince = start;
        Optional<ProcessActivity> last = Optional.empty();
        int resent = 0;
        String lastError = "";
        while (true) {
            try {
                Set<Long> workers = now.get();
                if (workers.stream().anyMatch(pid -> !before.contains(pid))) {
                    return new Outcome(true, "workers replaced in " + (System.nanoTime() - start) / 1_000_000 + " ms"
                            + (resent == 0 ? "" : " (the signal sent " + (resent + 1) + " times)"));
                }
            } catch (RuntimeException e) {
                lastError = " (last error: " + e.getMessage() + ")";
            }
            long time = System.nanoTime();
            if (time >= deadline) {
                return new Outcome(false, "workers unchanged after " + timeout.toMillis() + " ms"
                        + (resent == 0 ? "" : " and " + (resent + 1) + " signals") + lastError);
            }
            Optional<ProcessActivity> activity = master.get();
            if (activity.isEmpty() || last.isEmpty() || !activity.get().idleSince(last.get())) {
                idleSince = time;
            }
            last = activity;
            if (time - idleSince >= resendAfter.toNanos()) {
                try {
                    resend.run();
                } catch (RuntimeException e) {
                    lastError = " (last error: " + e.getMessage() + ")";
                }
                resent++;
                idleSince = time;
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Outcome(false, "interrupted while waiting for new workers");
            }
        }
    }

    record Outcome(boolean confirmed, String detail) {
    }
}
