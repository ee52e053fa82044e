package dev.berth.core.sync;

import dev.berth.core.model.Snapshot;
import dev.berth.core.spi.ConfigChange;
import dev.berth.core.spi.ReloadResult;
import dev.berth.core.spi.Reloader;
import dev.berth.core.telemetry.Telemetry;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts a written change into effect through the reloader, which chooses how (a reload, or the
 * running proxy's own API: see {@link Reloader#apply}), and tells how it went. The order, for a
 * change the pipeline checks: write the file (atomically), let the reloader take out the servers
 * that leave ({@link Reloader#takeOut}: always safe, and the file already says so), check, then
 * apply. Should the check fail and the previous file come back, what was taken out is put back in
 * too, so that the file always describes what the proxy runs.
 */
final class Effecting {

    /** The pipeline's logger, as before this class was split from it: "SyncPipeline - wrote …" stays what operators grep. */
    private static final Logger log = LoggerFactory.getLogger(SyncPipeline.class);

    private final Reloader reloader;
    private final ConfigFile output;
    private final Telemetry telemetry;
    /** A change whose leaving servers were taken out before its check, until it or another goes into effect. */
    private Optional<ConfigChange> takenOut = Optional.empty();

    Effecting(Reloader reloader, ConfigFile output, Telemetry telemetry) {
        this.reloader = reloader;
        this.output = output;
        this.telemetry = telemetry;
    }

    static ConfigChange change(Optional<byte[]> previous, String text) {
        return new ConfigChange(previous.map(bytes -> new String(bytes, StandardCharsets.UTF_8)), text);
    }

    /** {@code text} is written and about to be checked. */
    void beforeCheck(Optional<byte[]> previous, String text) {
        ConfigChange change = change(previous, text);
        takenOut = reloader.takeOut(change) ? Optional.of(change) : Optional.empty();
    }

    /** The file holds {@code previous} again, after a check: servers taken out before it go back in. */
    void putBack(Optional<byte[]> previous) {
        Optional<ConfigChange> out = takenOut;
        takenOut = Optional.empty();
        if (out.isPresent() && previous.isPresent()) {
            log.info("{} is back as it was: the servers taken out before the check go back in", output);
            tell(reloader.apply(new ConfigChange(Optional.of(out.get().next()), new String(previous.get(), StandardCharsets.UTF_8))));
        }
    }

    /** @return whether the proxy was reloaded (a change made in the running proxy is none) */
    boolean apply(Snapshot snapshot, ConfigChange change, String how) {
        takenOut = Optional.empty();
        log.info("wrote {}: {} upstreams, {} backends, {} containers left out ({})",
                output, snapshot.upstreams().size(), snapshot.backendCount(), snapshot.exclusions().size(), how);
        CompletionStage<List<ReloadResult>> results = reloader.apply(change).whenComplete(telemetry.reloadSent(snapshot));
        tell(results);
        // A change made in the running proxy is confirmed before apply returns; a reload, later.
        CompletableFuture<List<ReloadResult>> done = results.toCompletableFuture();
        boolean runtime = done.isDone() && !done.isCompletedExceptionally() && !done.join().isEmpty()
                && done.join().stream().allMatch(ReloadResult::runtime);
        return !runtime;
    }

    private void tell(CompletionStage<List<ReloadResult>> stage) {
        stage.whenComplete((results, failure) -> {
            if (failure != null) {
                log.warn("could not reload the proxy: {}", failure.toString());
                return;
            }
            if (results.isEmpty()) {
                log.info("no proxy runs now to reload; one that starts reads {} as it is", output);
            }
            for (ReloadResult result : results) {
                if (result.ok()) {
                    log.info(result.runtime() ? "updated {} at runtime, no reload: {}" : "reloaded {}: {}", result.target(), result.detail());
                } else {
                    log.warn("could not reload {}: {}", result.target(), result.detail());
                }
            }
        });
    }
}
