package dev.berth.signal;

import dev.berth.core.spi.ProcessActivity;
import dev.berth.core.spi.ReloadResult;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/** A signalled proxy's reload, confirmed in the background by its new workers (see {@link Workers}). */
final class Confirmation {

    private final Workers workers;
    private final String signal;
    private final Executor background;

    Confirmation(Workers workers, String signal, Executor background) {
        this.workers = workers;
        this.signal = signal;
        this.background = background;
    }

    static CompletableFuture<ReloadResult> failed(String target, String detail) {
        return CompletableFuture.completedFuture(ReloadResult.failed(target, detail));
    }

    /**
     * @param before the workers before the signal
     * @param now reads the workers
     * @param master reads the master's activity, to tell a lost signal from a slow reload
     * @param resend sends the signal again
     * @param start {@link System#nanoTime()} before the signal was sent
     */
    CompletableFuture<ReloadResult> of(String name, Set<Long> before, Supplier<Set<Long>> now,
            Supplier<Optional<ProcessActivity>> master, Runnable resend, long start) {
        String sent = "SIG" + signal + " sent in " + (System.nanoTime() - start) / 1_000_000 + " ms";
        if (before.isEmpty()) {
            return failed(name, sent + ", but it has no worker processes to watch, so the reload cannot be confirmed");
        }
        return CompletableFuture.supplyAsync(() -> {
            Workers.Outcome outcome = workers.awaitReplaced(before, now, master, resend);
            return outcome.confirmed() ? ReloadResult.ok(name, sent + ", " + outcome.detail())
                    : ReloadResult.failed(name, sent + " but could not confirm the reload: " + outcome.detail());
        }, background);
    }
}
