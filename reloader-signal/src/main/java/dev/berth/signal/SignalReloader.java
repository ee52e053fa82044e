package dev.berth.signal;

import dev.berth.core.model.LabelFilter;
import dev.berth.core.spi.CheckResult;
import dev.berth.core.spi.ConfigCheck;
import dev.berth.core.spi.ContainerControl;
import dev.berth.core.spi.ContainerControl.ContainerRef;
import dev.berth.core.spi.ContainerControl.ExecResult;
import dev.berth.core.spi.HostCommand;
import dev.berth.core.spi.ReloadResult;
import dev.berth.core.spi.Reloader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Signals exactly the targets the user named: the running containers that match every
 * --reload-select filter, and the process in --pid-file. With neither, it signals nothing. It
 * checks a configuration where the proxy runs (inside the container through Docker's exec, or on
 * the host), and confirms each reload by the proxy's new worker processes.
 */
final class SignalReloader implements Reloader {

    private static final Duration HOST_COMMAND_TIMEOUT = Duration.ofSeconds(30);

    private final ContainerControl containers;
    private final List<LabelFilter> select;
    private final Optional<Path> pidFile;
    private final String signal;
    private final Workers workers;
    /** Worker pids read while the check ran, so that reading them does not delay the signal. */
    private final Map<String, CompletableFuture<Set<Long>>> baselines = new HashMap<>();
    /** The proxy containers the check just listed: the reload that follows signals those, without listing again. */
    private Optional<List<ContainerRef>> checked = Optional.empty();

    SignalReloader(ContainerControl containers, List<LabelFilter> select, Optional<Path> pidFile, String signal,
            Workers workers) {
        this.containers = containers;
        this.select = List.copyOf(select);
        this.pidFile = pidFile;
        this.signal = signal;
        this.workers = workers;
    }

    @Override
    public List<CheckResult> check(ConfigCheck check) {
        baselines.clear();
        checked = Optional.empty();
        List<CheckResult> results = new ArrayList<>();
        if (!select.isEmpty()) {
            List<ContainerRef> targets;
            try {
                targets = containers.running(select);
            } catch (RuntimeException e) {
                return List.of(CheckResult.rejected(describeSelect(), "cannot list containers: " + e.getMessage()));
            }
            checked = Optional.of(targets);
            for (ContainerRef target : targets) {
                results.add(checkIn(target, check));
            }
        }
        if (pidFile.isPresent()) {
            String target = "the host (" + pidFile.get() + ")";
            results.add(verdict(target, onHost(check.commandFor(check.file()))));
        }
        return results;
    }

    private CheckResult checkIn(ContainerRef target, ConfigCheck check) {
        String name = describe(target);
        baselines.put(target.id(), CompletableFuture.supplyAsync(() -> Workers.of(containers.processes(target.id()))));
        try {
            List<String> command = check.command();
            if (check.needsFile()) {
                Optional<Path> there = containers.pathInContainer(target.id(), check.file());
                if (there.isEmpty()) {
                    return CheckResult.rejected(name, check.file() + " is not in a folder mounted into the container"
                            + " (give --check-command, or --no-check)");
                }
                command = check.commandFor(there.get());
            }
            return verdict(name, containers.exec(target.id(), command));
        } catch (RuntimeException e) {
            return CheckResult.rejected(name, "cannot run `" + check + "`: " + e.getMessage());
        }
    }

    private static CheckResult verdict(String target, ExecResult result) {
        return result.exitCode() == 0 ? CheckResult.passed(target)
                : CheckResult.rejected(target, CheckerOutput.firstError(result.output(), result.exitCode()));
    }

    @Override
    public List<ReloadResult> reload() {
        List<ReloadResult> results = new ArrayList<>();
        if (!select.isEmpty()) {
            results.addAll(signalContainers());
        }
        pidFile.ifPresent(file -> results.add(signalPid(file)));
        return results;
    }

    private List<ReloadResult> signalContainers() {
        List<ContainerRef> targets;
        try {
            targets = checked.orElseGet(() -> containers.running(select));
        } catch (RuntimeException e) {
            return List.of(ReloadResult.failed(describeSelect(), "cannot list containers: " + e.getMessage()));
        }
        if (targets.isEmpty()) {
            return List.of(ReloadResult.failed(describeSelect(), "no running container matches"));
        }
        List<ReloadResult> results = new ArrayList<>();
        for (ContainerRef target : targets) {
            String name = describe(target);
            Set<Long> before = baseline(target);
            try {
                containers.signal(target.id(), signal);
            } catch (RuntimeException e) {
                results.add(ReloadResult.failed(name, "SIG" + signal + " failed: " + e.getMessage()));
                continue;
            }
            results.add(confirm(name, before, () -> Workers.of(containers.processes(target.id()))));
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

    private ReloadResult confirm(String name, Set<Long> before, Supplier<Set<Long>> now) {
        if (before.isEmpty()) {
            return ReloadResult.failed(name, "sent SIG" + signal + ", but it has no worker processes to watch,"
                    + " so the reload cannot be confirmed");
        }
        Workers.Outcome outcome = workers.awaitReplaced(before, now);
        return outcome.confirmed() ? ReloadResult.ok(name, "SIG" + signal + ", " + outcome.detail())
                : ReloadResult.failed(name, "sent SIG" + signal + " but could not confirm the reload: " + outcome.detail());
    }

    private static String describe(ContainerRef target) {
        return "container " + target.name() + " (" + target.shortId() + ")";
    }

    private ReloadResult signalPid(Path file) {
        String target = "pid file " + file;
        long pid;
        try {
            pid = Long.parseLong(Files.readString(file).strip());
        } catch (IOException e) {
            return ReloadResult.failed(target, "cannot read it: " + e.getMessage());
        } catch (NumberFormatException e) {
            return ReloadResult.failed(target, "it does not hold a pid");
        }
        if (pid <= 1 || ProcessHandle.of(pid).isEmpty()) {
            return ReloadResult.failed(target, "no process " + pid + " is running");
        }
        String name = "process " + pid + " (" + file + ")";
        Set<Long> before = children(pid);
        // kill(1): the JDK can send a process only TERM and KILL.
        ExecResult kill = onHost(List.of("kill", "-s", signal, Long.toString(pid)));
        if (kill.exitCode() != 0) {
            String output = kill.output().strip();
            return ReloadResult.failed(name, output.isEmpty() ? "kill exited " + kill.exitCode() : output);
        }
        return confirm(name, before, () -> children(pid));
    }

    private static ExecResult onHost(List<String> command) {
        try {
            return HostCommand.run(command, Map.of(), HOST_COMMAND_TIMEOUT);
        } catch (UncheckedIOException e) {
            return new ExecResult(-1, e.getMessage());
        }
    }

    private static Set<Long> children(long pid) {
        return ProcessHandle.of(pid).stream().flatMap(ProcessHandle::children).map(ProcessHandle::pid)
                .collect(Collectors.toSet());
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
        pidFile.ifPresent(file -> parts.add("the process in " + file));
        return parts.isEmpty() ? "nothing (give --reload-select or --pid-file to reload a proxy)"
                : "SIG" + signal + " to " + String.join(" and ", parts);
    }

    private String describeSelect() {
        return "running containers with label " + select.stream().map(LabelFilter::toString).collect(Collectors.joining(" and "));
    }
}
