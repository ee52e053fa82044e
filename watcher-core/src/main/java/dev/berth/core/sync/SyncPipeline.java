package dev.berth.core.sync;

import dev.berth.core.model.ContainerIds;
import dev.berth.core.model.Exclusion;
import dev.berth.core.model.Snapshot;
import dev.berth.core.spi.CheckResult;
import dev.berth.core.spi.ConfigCheck;
import dev.berth.core.spi.ConfigException;
import dev.berth.core.spi.ReloadResult;
import dev.berth.core.spi.Reloader;
import dev.berth.core.spi.Renderer;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts a snapshot into effect: render, and only if the text changed, write it, have the proxy
 * check it, and reload the proxy. The check sees the file at its real place (nginx's output is
 * usually a fragment its main file includes), so the new file is written first; if the proxy
 * rejects it, the previous file is put back and the proxy is not reloaded. A render or check that
 * fails leaves the last good file in place; the next change tries again.
 */
public final class SyncPipeline {

    private static final Logger log = LoggerFactory.getLogger(SyncPipeline.class);

    private final Renderer renderer;
    private final ConfigFile output;
    private final Reloader reloader;
    private final List<String> checkCommand;
    private Set<Exclusion> reported = Set.of();

    public SyncPipeline(Renderer renderer, ConfigFile output, Reloader reloader) {
        this(renderer, output, reloader, List.of());
    }

    /** @param checkCommand the proxy's own check (see {@link ConfigCheck}); empty: no check */
    public SyncPipeline(Renderer renderer, ConfigFile output, Reloader reloader, List<String> checkCommand) {
        this.renderer = renderer;
        this.output = output;
        this.reloader = reloader;
        this.checkCommand = List.copyOf(checkCommand);
    }

    /** The networks of the proxy containers that the reloader signals (see {@link Reloader#proxyNetworks}). */
    public Set<String> proxyNetworks() {
        return reloader.proxyNetworks();
    }

    /** A pass has begun: lets the reloader get ready for the check and reload that may follow (see {@link Reloader#prepare}). */
    public void prepare() {
        reloader.prepare(configCheck());
    }

    /** @return whether the proxy was reloaded (asked to: the confirmation comes later) */
    public boolean apply(Snapshot snapshot) {
        reportNewExclusions(snapshot);
        long start = System.nanoTime();
        String text;
        long rendered;
        long written;
        try {
            text = renderer.render(snapshot);
            rendered = System.nanoTime();
        } catch (ConfigException e) {
            log.error("{}; {} stays as it was", e.getMessage(), output);
            return false;
        }
        try {
            Optional<byte[]> previous = output.read();
            if (!output.write(text)) {
                log.debug("{} unchanged; no reload", output);
                return false;
            }
            written = System.nanoTime();
            Optional<CheckResult> rejected = check();
            if (rejected.isPresent()) {
                output.restore(previous);
                log.error("the proxy rejected the new {} (`{}` in {}): {}; the previous file is back and the proxy was not reloaded",
                        output, String.join(" ", checkCommand), rejected.get().target(), rejected.get().message());
                return false;
            }
        } catch (ConfigException e) {
            log.error("{}; the proxy was not reloaded", e.getMessage());
            return false;
        }
        long checked = System.nanoTime();
        log.info("wrote {}: {} upstreams, {} backends, {} containers left out (render {} ms, write {} ms{})",
                output, snapshot.upstreams().size(), snapshot.backendCount(), snapshot.exclusions().size(),
                millis(start, rendered), millis(rendered, written),
                checkCommand.isEmpty() ? "" : ", check " + millis(written, checked) + " ms");
        reloader.reload().whenComplete((results, failure) -> {
            if (failure != null) {
                log.warn("could not reload the proxy: {}", failure.toString());
                return;
            }
            for (ReloadResult result : results) {
                if (result.ok()) {
                    log.info("reloaded {}: {}", result.target(), result.detail());
                } else {
                    log.warn("could not reload {}: {}", result.target(), result.detail());
                }
            }
        });
        return true;
    }

    private Optional<CheckResult> check() {
        return configCheck().flatMap(check -> reloader.check(check).stream().filter(r -> !r.ok()).findFirst());
    }

    private Optional<ConfigCheck> configCheck() {
        return checkCommand.isEmpty() ? Optional.empty() : Optional.of(new ConfigCheck(checkCommand, output.path()));
    }

    private static long millis(long from, long to) {
        return (to - from) / 1_000_000;
    }

    /** For the start-up log: where the configuration goes and whom a change reloads. */
    public String describe() {
        return "keeping " + output + " up to date; on change: "
                + (checkCommand.isEmpty() ? "" : "`" + String.join(" ", checkCommand) + "` where the proxy runs, then ")
                + reloader.describeTargets();
    }

    /** Says once why each container is left out, rather than on every pass. */
    private void reportNewExclusions(Snapshot snapshot) {
        Set<Exclusion> now = new HashSet<>(snapshot.exclusions());
        for (Exclusion exclusion : snapshot.exclusions()) {
            if (!reported.contains(exclusion)) {
                // A stopped container is routine; a label Berth cannot use needs someone to act.
                String id = ContainerIds.shorten(exclusion.containerId());
                if (exclusion.kind() == Exclusion.Kind.STATE) {
                    log.info("left out container {} ({}): {}", exclusion.containerName(), id, exclusion.reason());
                } else {
                    log.warn("left out container {} ({}): {}", exclusion.containerName(), id, exclusion.reason());
                }
            }
        }
        reported = now;
    }
}
