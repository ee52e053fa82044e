package dev.berth.signal;

import dev.berth.core.model.LabelFilter;
import dev.berth.core.spi.CheckResult;
import dev.berth.core.spi.ConfigCheck;
import dev.berth.core.spi.ContainerControl;
import dev.berth.core.spi.ContainerControl.ContainerRef;
import dev.berth.core.spi.ContainerNotRunningException;
import dev.berth.core.spi.ReloadResult;
import dev.berth.core.spi.Reloader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signals exactly the targets the user named: the running containers that match every
 * --reload-select filter, and the process in --pid-file. With neither, it signals nothing. It
 * checks a configuration where the proxy runs (inside the container through Docker's exec, or on
 * the host), and confirms each reload by the proxy's new worker processes, in the background: a
 * proxy is signalled again only once its last reload is confirmed (or timed out), and the workers
 * that the next confirmation compares with are read after that.
 */
final class SignalReloader implements Reloader {

    private static final Logger log = LoggerFactory.getLogger(SignalReloader.class);

    private final ContainerControl containers;
    private final List<LabelFilter> select;
    private final Optional<PidFileTarget> host;
    private final String signal;
    private final Confirmation confirmation;
    /** Worker pids read while the check ran, so that reading them does not delay the signal. */
    private final Map<String, CompletableFuture<Set<Long>>> baselines = new HashMap<>();
    /** The proxy containers the check just listed: the reload that follows signals those, without listing again. */
    private Optional<List<ContainerRef>> checked = Optional.empty();
    /** The targets, and where the file is inside them, being found since the pass began (see {@link #prepare}). */
    private Optional<CompletableFuture<Prepared>> prepared = Optional.empty();
    /** The last reload's confirmation, which the next signal and the next reading of workers wait for. */
    private CompletableFuture<List<ReloadResult>> confirming = CompletableFuture.completedFuture(List.of());
    /** Runs the Docker requests made ahead of the check and the confirmations: blocking calls, off the common pool. */
    private final ExecutorService background = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "berth-reloader");
        thread.setDaemon(true);
        return thread;
    });

    /** What {@link #prepare} found: the running targets, and for each, the checked file's path inside it. */
    private record Prepared(List<ContainerRef> targets, Map<String, Optional<Path>> paths) {}

    private record PathKey(String containerId, Path file) {}

    /** Where files are inside the proxy containers, as found before (see {@link #pathIn}). */
    private final Map<PathKey, Optional<Path>> knownPaths = new ConcurrentHashMap<>();
    /** Whether the first pass has set off {@link ContainerControl#warmUp}. */
    private boolean warming;

    SignalReloader(ContainerControl containers, List<LabelFilter> select, Optional<Path> pidFile, String signal,
            Workers workers) {
        this.containers = containers;
        this.select = List.copyOf(select);
        this.signal = signal;
        this.confirmation = new Confirmation(workers, signal, background);
        this.host = pidFile.map(file -> new PidFileTarget(file, signal, confirmation));
    }

    @Override
    public void prepare(Optional<ConfigCheck> check) {
        if (select.isEmpty()) {
            return;
        }
        if (!warming) {
            // Once, in the background: a proxy that starts after Berth is then checked and signalled on
            // paths the JVM has run, not on the way from its first change to the reload.
            warming = true;
            background.execute(this::warmUp);
        }
        prepared = Optional.of(CompletableFuture.supplyAsync(() -> {
            List<ContainerRef> targets = containers.running(select);
            Set<String> ids = targets.stream().map(ContainerRef::id).collect(Collectors.toSet());
            // Those of proxies no longer running are forgotten.
            knownPaths.keySet().removeIf(key -> !ids.contains(key.containerId()));
            Map<String, Optional<Path>> paths = new HashMap<>();
            check.filter(ConfigCheck::needsFile).ifPresent(c -> targets.forEach(
                    target -> paths.put(target.id(), pathIn(target.id(), c.file()))));
            return new Prepared(targets, paths);
        }, background));
    }

    private void warmUp() {
        long start = System.nanoTime();
        try {
            containers.warmUp();
            log.debug("warmed up the proxy's check and reload in {} ms", (System.nanoTime() - start) / 1_000_000);
        } catch (RuntimeException e) {
            // Only preparation: the first check or reload meets the same failure and says what it is.
            log.debug("could not warm up the proxy's check and reload: {}", e.toString());
        }
    }

    /** Where the file is inside the container: its mounts never change, so Docker is asked once per container. */
    private Optional<Path> pathIn(String containerId, Path file) {
        return knownPaths.computeIfAbsent(new PathKey(containerId, file), key -> containers.pathInContainer(containerId, file));
    }

    /** What {@link #prepare} found, once; empty if it was not asked or failed (then the caller asks Docker itself). */
    private Optional<Prepared> takePrepared() {
        Optional<CompletableFuture<Prepared>> taken = prepared;
        prepared = Optional.empty();
        try {
            return taken.map(CompletableFuture::join);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    @Override
    public List<CheckResult> check(ConfigCheck check) {
        baselines.clear();
        checked = Optional.empty();
        List<CheckResult> results = new ArrayList<>();
        if (!select.isEmpty()) {
            Optional<Prepared> ready = takePrepared();
            List<ContainerRef> targets;
            try {
                targets = ready.isPresent() ? ready.get().targets() : containers.running(select);
            } catch (RuntimeException e) {
                return List.of(CheckResult.rejected(describeSelect(), "cannot list containers: " + e.getMessage()));
            }
            List<ContainerRef> running = new ArrayList<>();
            for (ContainerRef target : targets) {
                checkIn(target, check, ready.map(p -> p.paths().get(target.id()))).ifPresent(result -> {
                    results.add(result);
                    running.add(target);
                });
            }
            checked = Optional.of(running);
        }
        host.ifPresent(target -> results.add(target.check(check)));
        return results;
    }

    /**
     * @param found the file's path inside the target, if {@link #prepare} found it already
     * @return empty when the target no longer runs (it restarts, say, until it finds a file it can
     *     start with): no verdict, and no target of the reload; it reads the file when it runs again
     */
    private Optional<CheckResult> checkIn(ContainerRef target, ConfigCheck check, Optional<Optional<Path>> found) {
        String name = describe(target);
        baselines.put(target.id(), confirming.handleAsync((done, failed) -> Workers.of(containers.processes(target.id())), background));
        try {
            List<String> command = check.command();
            if (check.needsFile()) {
                Optional<Path> there = found.orElseGet(() -> pathIn(target.id(), check.file()));
                if (there.isEmpty()) {
                    return Optional.of(CheckResult.rejected(name, check.file() + " is not in a folder mounted into the container"
                            + " (give --check-command, or --no-check)"));
                }
                command = check.commandFor(there.get());
            }
            return Optional.of(CheckerOutput.verdict(name, containers.exec(target.id(), command)));
        } catch (ContainerNotRunningException e) {
            baselines.remove(target.id());
            return Optional.empty();
        } catch (RuntimeException e) {
            return Optional.of(CheckResult.rejected(name, "cannot run `" + check + "`: " + e.getMessage()));
        }
    }

    @Override
    public CompletionStage<List<ReloadResult>> reload() {
        // A proxy still starting workers for the last configuration is not signalled again (a second
        // signal could reach HAProxy's master while it re-executes itself).
        confirming.handle((done, failed) -> done).join();
        List<CompletableFuture<ReloadResult>> results = new ArrayList<>();
        if (!select.isEmpty()) {
            results.addAll(signalContainers());
        }
        host.ifPresent(target -> results.add(target.signal()));
        confirming = CompletableFuture.allOf(results.toArray(CompletableFuture[]::new))
                .thenApply(all -> results.stream().map(CompletableFuture::join).toList());
        return confirming.copy();
    }

    private List<CompletableFuture<ReloadResult>> signalContainers() {
        List<ContainerRef> targets;
        try {
            // Listed by the check, or being listed since the pass began (without a check), or now.
            Optional<List<ContainerRef>> known = checked.isPresent() ? checked : takePrepared().map(Prepared::targets);
            targets = known.orElseGet(() -> containers.running(select));
        } catch (RuntimeException e) {
            return List.of(Confirmation.failed(describeSelect(), "cannot list containers: " + e.getMessage()));
        }
        // No proxy runs (it has not started yet, as in a Compose project where Berth comes first): none
        // to reload, and nothing failed; one that starts reads the file as it is.
        if (targets.isEmpty()) {
            return List.of();
        }
        List<CompletableFuture<ReloadResult>> results = new ArrayList<>();
        for (ContainerRef target : targets) {
            String name = describe(target);
            Set<Long> before = baseline(target);
            long start = System.nanoTime();
            try {
                containers.signal(target.id(), signal);
            } catch (ContainerNotRunningException e) {
                continue; // stopped since it was listed: no target; it reads the file when it runs again
            } catch (RuntimeException e) {
                results.add(Confirmation.failed(name, "SIG" + signal + " failed: " + e.getMessage()));
                continue;
            }
            results.add(confirmation.of(name, before, () -> Workers.of(containers.processes(target.id())),
                    () -> containers.mainActivity(target.id()), () -> containers.signal(target.id(), signal), start));
        }
        baselines.clear();
        checked = Optional.empty();
        return results;
    }

    /** The workers before the signal: read during the check if there was one, else now. */
    private Set<Long> baseline(ContainerRef target) {
        CompletableFuture<Set<Long>> read = baselines.remove(target.id());
        try {
            return read != null ? read.join() : Workers.of(containers.processes(target.id()));
        } catch (RuntimeException e) {
            return Set.of();
        }
    }

    private static String describe(ContainerRef target) {
        return "container " + target.name() + " (" + target.shortId() + ")";
    }

    @Override
    public Set<String> proxyNetworks() {
        return select.isEmpty() ? Set.of() : containers.networks(select);
    }

    @Override
    public String describeTargets() {
        List<String> parts = new ArrayList<>();
        if (!select.isEmpty()) {
            parts.add(describeSelect());
        }
        host.ifPresent(target -> parts.add(target.describe()));
        return parts.isEmpty() ? "nothing (give --reload-select or --pid-file to reload a proxy)"
                : "SIG" + signal + " to " + String.join(" and ", parts);
    }

    private String describeSelect() {
        return "running containers with label " + select.stream().map(LabelFilter::toString).collect(Collectors.joining(" and "));
    }
}
