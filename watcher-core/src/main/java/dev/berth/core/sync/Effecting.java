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
 * running proxy's own API: see {@link Reloader#apply}), and tells how it went. A change the
 * reloader takes in place ({@link Reloader#applyInPlace}) goes in as soon as it is written, without
 * the proxy's check; any other is checked first. Should the reloader have taken part of a change in
 * place and failed, and the check then bring the previous file back, the proxy is set to that file
 * too, so that the file always describes what the proxy runs.
 */
final class Effecting {

    /** The pipeline's logger, as before this class was split from it: "SyncPipeline - wrote …" stays what operators grep. */
    private static final Logger log = LoggerFactory.getLogger(SyncPipeline.class);

    private final Reloader reloader;
    private final ConfigFile output;
    private final Telemetry telemetry;
    /** A change the reloader may have made in part, until it or another goes into effect. */
    private Optional<ConfigChange> partly = Optional.empty();

    Effecting(Reloader reloader, ConfigFile output, Telemetry telemetry) {
        this.reloader = reloader;
        this.output = output;
        this.telemetry = telemetry;
    }

    static ConfigChange change(Optional<byte[]> previous, String text) {
        return new ConfigChange(previous.map(bytes -> new String(bytes, StandardCharsets.UTF_8)), text);
    }

    /** Whether the reloader would take this change in place: nothing to check ahead for it. */
    boolean inPlace(ConfigChange change) {
        return reloader.takesInPlace(change);
    }

    /**
     * {@code change} is written: the reloader puts it into effect now if it takes it in place.
     *
     * @return whether it did; if not, the file is to be checked and {@link #apply}ed
     */
    boolean applyInPlace(Snapshot snapshot, ConfigChange change, String how) {
        partly = Optional.empty();
        if (!reloader.takesInPlace(change)) {
            return false;
        }
        Optional<List<ReloadResult>> results = reloader.applyInPlace(change);
        if (results.isEmpty()) {
            partly = Optional.of(change);
            return false;
        }
        wrote(snapshot, how + "; in place, the proxy validates each value: no check");
        tell(CompletableFuture.completedFuture(results.get()).whenComplete(telemetry.reloadSent(snapshot)));
        return true;
    }

    /** The file holds {@code previous} again, after a check: a proxy that took part of the rejected change is set back to it. */
    void putBack(Optional<byte[]> previous) {
        Optional<ConfigChange> out = partly;
        partly = Optional.empty();
        if (out.isPresent() && previous.isPresent()) {
            log.info("{} is back as it was: the proxy, which may have taken part of the change, is set back to it", output);
            tell(reloader.apply(new ConfigChange(Optional.of(out.get().next()), new String(previous.get(), StandardCharsets.UTF_8))));
        }
    }

    /** @return whether the proxy was reloaded (a change made in the running proxy is none) */
    boolean apply(Snapshot snapshot, ConfigChange change, String how) {
        partly = Optional.empty();
        wrote(snapshot, how);
        CompletionStage<List<ReloadResult>> results = reloader.apply(change).whenComplete(telemetry.reloadSent(snapshot));
        tell(results);
        // A change made in the running proxy is confirmed before apply returns; a reload, later.
        CompletableFuture<List<ReloadResult>> done = results.toCompletableFuture();
        boolean runtime = done.isDone() && !done.isCompletedExceptionally() && !done.join().isEmpty()
                && done.join().stream().allMatch(ReloadResult::runtime);
        return !runtime;
    }

    private void wrote(Snapshot snapshot, String how) {
        log.info("wrote {}: {} upstreams, {} backends, {} containers left out ({})",
                output, snapshot.upstreams().size(), snapshot.backendCount(), snapshot.exclusions().size(), how);
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
