package dev.berth.core.sync;

import dev.berth.core.model.Snapshot;
import dev.berth.core.spi.CheckResult;
import dev.berth.core.spi.ConfigCheck;
import dev.berth.core.spi.ConfigException;
import dev.berth.core.spi.Reloader;
import dev.berth.core.spi.Renderer;
import dev.berth.core.telemetry.Telemetry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts a snapshot into effect: render, and only if the text changed, write it, have the proxy
 * check it, and reload the proxy (or change it while it runs, as the reloader chooses; a change the
 * proxy takes in place, validating each value itself, goes in without the check: see {@link Effecting}). The check sees the file at its real place (nginx's output is
 * usually a fragment its main file includes), so the new file is written first. If the proxy
 * rejects it, {@link Narrowing} finds the groups at fault: they are left out with the proxy's error
 * as the reason, and tried again only once their containers change; the rest goes into effect.
 * When nothing can be salvaged, the previous file is put back and the proxy is not reloaded. A
 * render that fails leaves the last good file in place; the next change tries again.
 */
public final class SyncPipeline {

    private static final Logger log = LoggerFactory.getLogger(SyncPipeline.class);

    private final Renderer renderer;
    private final ConfigFile output;
    private final Reloader reloader;
    private final List<String> checkCommand;
    private final Telemetry telemetry;
    private final Effecting effecting;
    private final ExclusionReport exclusions = new ExclusionReport();
    /** A configuration written and checked for containers still starting (see {@link #anticipate}). */
    private Optional<Anticipated> anticipated = Optional.empty();
    /** What the proxy last accepted (empty until Berth put something into effect): the base a rejection is narrowed against. */
    private Optional<Snapshot> accepted = Optional.empty();
    /** Groups the proxy rejected, left out until their containers change. */
    private List<Narrowing.LeftOut> held = List.of();

    /** @param previous the file before it: what the proxy runs */
    private record Anticipated(Snapshot snapshot, String text, Optional<byte[]> previous, String timings) {
    }

    public SyncPipeline(Renderer renderer, ConfigFile output, Reloader reloader) {
        this(renderer, output, reloader, List.of());
    }

    /** @param checkCommand the proxy's own check (see {@link ConfigCheck}); empty: no check */
    public SyncPipeline(Renderer renderer, ConfigFile output, Reloader reloader, List<String> checkCommand) {
        this(renderer, output, reloader, checkCommand, Telemetry.NONE);
    }

    public SyncPipeline(Renderer renderer, ConfigFile output, Reloader reloader, List<String> checkCommand,
            Telemetry telemetry) {
        this.renderer = renderer;
        this.output = output;
        this.reloader = reloader;
        this.checkCommand = List.copyOf(checkCommand);
        this.telemetry = telemetry;
        this.effecting = new Effecting(reloader, output, telemetry);
    }

    /** The networks of the proxy containers that the reloader signals (see {@link Reloader#proxyNetworks}). */
    public Set<String> proxyNetworks() {
        return reloader.proxyNetworks();
    }

    /** A pass has begun: lets the reloader get ready for the check and reload that may follow (see {@link Reloader#prepare}). */
    public void prepare() {
        reloader.prepare(configCheck());
    }

    /**
     * Containers are starting: writes and checks now the configuration that serves them once they
     * run, so that their start costs only the signal. Docker gives a container its addresses a
     * good while before its process runs (about 1 s here), and the proxy's check is most of a
     * pass's time. The proxy is not reloaded: it serves what it served. The next {@link #apply}
     * signals it at once if its snapshot is the one foreseen, and otherwise puts the previous file
     * back or goes the usual way; {@link #abandon} puts it back. A rejected or failed anticipation
     * only puts the previous file back: the change is tried, and its error told, when the
     * containers run. Without a check there is nothing to gain: the write and the signal are all.
     */
    public void anticipate(Snapshot foreseen) {
        if (checkCommand.isEmpty()) {
            return;
        }
        abandon(); // what is foreseen now replaces what was foreseen before
        Snapshot effective = Narrowing.leaveOut(foreseen, accepted, stillHeld(foreseen));
        Optional<byte[]> previous;
        try {
            previous = output.read();
        } catch (ConfigException e) {
            log.debug("not checked ahead: {}", e.getMessage());
            return;
        }
        long start = System.nanoTime();
        try {
            String text = renderer.render(effective);
            long rendered = System.nanoTime();
            if (same(text, previous) || effecting.inPlace(Effecting.change(previous, text))) {
                return; // a change the proxy takes in place needs no check, and goes in once the containers run
            }
            output.write(text);
            long written = System.nanoTime();
            telemetry.configWritten();
            Optional<CheckResult> rejected = check();
            if (rejected.isPresent()) {
                putBack(previous);
                log.debug("not checked ahead: the proxy rejected it ({}); tried again once the containers run", rejected.get().message());
                return;
            }
            String timings = timings(start, rendered, written, System.nanoTime());
            anticipated = Optional.of(new Anticipated(effective, text, previous, timings));
            log.debug("checked ahead for starting containers: {} backends ({})", effective.backendCount(), timings);
        } catch (ConfigException e) {
            log.debug("not checked ahead: {}", e.getMessage());
            putBack(previous);
        }
    }

    /** The containers foreseen by {@link #anticipate} will not run as foreseen: the previous file is put back. */
    public void abandon() {
        Optional<Anticipated> ahead = anticipated;
        anticipated = Optional.empty();
        ahead.ifPresent(a -> putBack(a.previous()));
    }

    private void putBack(Optional<byte[]> previous) {
        try {
            output.restore(previous);
            effecting.putBack(previous);
        } catch (ConfigException e) {
            log.error("{}; it holds a configuration that the proxy does not run", e.getMessage());
        }
    }

    /** @return whether the proxy was reloaded (asked to: the confirmation comes later); a change made at runtime is none */
    public boolean apply(Snapshot wanted) {
        held = stillHeld(wanted);
        telemetry.groupsLeftOutByProxy(heldGroups());
        Snapshot snapshot = Narrowing.leaveOut(wanted, accepted, held);
        exclusions.reportNew(snapshot);
        Optional<Anticipated> ahead = anticipated;
        anticipated = Optional.empty();
        if (ahead.isPresent() && ahead.get().snapshot().equals(snapshot) && onDisk(ahead.get().text())) {
            return reloadCheckedAhead(ahead.get());
        }
        long start = System.nanoTime();
        String text;
        long rendered;
        long written;
        Optional<byte[]> previous;
        try {
            text = renderer.render(snapshot);
            rendered = System.nanoTime();
        } catch (ConfigException e) {
            ahead.ifPresent(a -> putBack(a.previous()));
            log.error("{}; {} stays as it was", e.getMessage(), output);
            telemetry.configNotApplied(e.getMessage());
            return false;
        }
        if (ahead.isPresent() && ahead.get().text().equals(text) && onDisk(text)) {
            return reloadCheckedAhead(ahead.get());
        }
        try {
            // With a file checked ahead on disk, what the proxy runs is the file that was there before it.
            previous = ahead.isPresent() ? ahead.get().previous() : output.read();
            if (ahead.isPresent() && same(text, previous)) {
                output.restore(previous);
                log.debug("{} put back as it was; no reload", output);
                telemetry.configUnchanged(snapshot);
                return false;
            }
            if (!output.write(text)) {
                log.debug("{} unchanged; no reload", output);
                accepted = Optional.of(snapshot);
                telemetry.configUnchanged(snapshot);
                return false;
            }
            written = System.nanoTime();
            telemetry.configWritten();
            if (effecting.applyInPlace(snapshot, Effecting.change(previous, text), rendering(start, rendered, written))) {
                accepted = Optional.of(snapshot);
                return false;
            }
            Optional<CheckResult> rejected = check();
            if (rejected.isPresent()) {
                return narrow(snapshot, text, rejected.get(), previous, start);
            }
        } catch (ConfigException e) {
            log.error("{}; the proxy was not reloaded", e.getMessage());
            telemetry.configNotApplied(e.getMessage());
            return false;
        }
        accepted = Optional.of(snapshot);
        return effecting.apply(snapshot, Effecting.change(previous, text), timings(start, rendered, written, System.nanoTime()));
    }

    /** The groups left out before whose containers have not changed since: not tried again on every pass. */
    private List<Narrowing.LeftOut> stillHeld(Snapshot wanted) {
        return held.stream().filter(out -> out.stillRejectedIn(wanted)).toList();
    }

    private Set<String> heldGroups() {
        return held.stream().map(Narrowing.LeftOut::group).collect(Collectors.toCollection(TreeSet::new));
    }

    /** The proxy rejected the file: leaves out the groups at fault and puts the rest into effect. */
    private boolean narrow(Snapshot snapshot, String text, CheckResult rejected, Optional<byte[]> previous, long start) {
        Trial trial = new Trial(text);
        Narrowing.Outcome outcome;
        try {
            outcome = new Narrowing(trial).narrow(accepted, snapshot, trial.rejection(snapshot, text, rejected));
        } catch (ConfigException e) {
            putBack(previous); // a candidate may be on disk
            log.error("the proxy rejected the new {} ({}), and narrowing it down failed: {}; the previous file is back and the proxy was not reloaded",
                    output, rejected.message(), e.getMessage());
            telemetry.configNotApplied("the proxy rejected it: " + rejected.message());
            return false;
        }
        List<Narrowing.LeftOut> found = outcome.leftOut();
        for (Narrowing.LeftOut out : found) {
            log.warn("left out upstream {}: the proxy rejected it (`{}` in {}): {}; it is tried again when its containers change",
                    out.group(), String.join(" ", checkCommand), rejected.target(), out.error());
        }
        List<Narrowing.LeftOut> all = new ArrayList<>(held);
        all.addAll(found);
        held = List.copyOf(all);
        telemetry.groupsLeftOutByProxy(heldGroups());
        if (outcome.effect().isEmpty()) {
            putBack(previous);
            if (found.isEmpty()) {
                log.error("the proxy rejected the new {} (`{}` in {}): {}; no group could be found at fault ({} checks): "
                        + "the previous file is back and the proxy was not reloaded",
                        output, String.join(" ", checkCommand), rejected.target(), rejected.message(), outcome.checks());
                telemetry.configNotApplied("the proxy rejected it: " + rejected.message());
            } else {
                log.info("nothing else changed: {} stays as it was and the proxy was not reloaded", output);
            }
            return false;
        }
        Snapshot effect = outcome.effect().get();
        exclusions.reportNew(effect);
        accepted = Optional.of(effect);
        if (same(trial.text, previous)) {
            log.debug("{} holds what the proxy runs; no reload", output);
            effecting.putBack(previous);
            return false;
        }
        return effecting.apply(effect, Effecting.change(previous, trial.text), "render, write and check " + millis(start, System.nanoTime()) + " ms, with "
                + (outcome.checks() + 1) + " checks to leave out " + found.size() + " of the groups");
    }

    /** A candidate of {@link Narrowing}: rendered, written at its real place, and checked by the proxy. */
    private final class Trial implements Narrowing.Checker {
        /** The text last tried: what the file holds. */
        private String text;

        Trial(String rejectedText) {
            this.text = rejectedText;
        }

        @Override
        public Optional<Narrowing.Rejection> check(Snapshot candidate) {
            text = renderer.render(candidate);
            output.write(text);
            return SyncPipeline.this.check().map(r -> rejection(candidate, text, r));
        }

        /** The proxy's error, and the group whose part of the text holds the line it names. */
        Narrowing.Rejection rejection(Snapshot candidate, String text, CheckResult result) {
            Optional<String> group = Optional.empty();
            OptionalInt line = Narrowing.lineIn(result.message(), output.path().getFileName().toString());
            if (line.isPresent()) {
                group = renderer.groupAt(candidate, text, line.getAsInt());
            }
            return new Narrowing.Rejection(result.message(), group);
        }
    }

    private String timings(long start, long rendered, long written, long checked) {
        return rendering(start, rendered, written) + (checkCommand.isEmpty() ? "" : ", check " + millis(written, checked) + " ms");
    }

    private static String rendering(long start, long rendered, long written) {
        return "render " + millis(start, rendered) + " ms, write " + millis(rendered, written) + " ms";
    }

    private boolean reloadCheckedAhead(Anticipated ahead) {
        accepted = Optional.of(ahead.snapshot());
        return effecting.apply(ahead.snapshot(), Effecting.change(ahead.previous(), ahead.text()), "checked ahead while the containers started: " + ahead.timings());
    }

    /** Whether the file holds exactly this text, as checked ahead (nothing else wrote it since). */
    private boolean onDisk(String text) {
        try {
            return same(text, output.read());
        } catch (ConfigException e) {
            return false;
        }
    }

    private static boolean same(String text, Optional<byte[]> bytes) {
        return bytes.isPresent() && Arrays.equals(bytes.get(), text.getBytes(StandardCharsets.UTF_8));
    }

    private Optional<CheckResult> check() {
        Optional<ConfigCheck> check = configCheck();
        Optional<CheckResult> rejected = check.flatMap(c -> reloader.check(c).stream().filter(r -> !r.ok()).findFirst());
        check.ifPresent(c -> telemetry.configChecked(rejected.isPresent()));
        return rejected;
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
}
