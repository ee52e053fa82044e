package dev.berth.signal;

import dev.berth.core.model.LabelFilter;
import dev.berth.core.spi.ContainerControl;
import dev.berth.core.spi.ContainerControl.ContainerRef;
import dev.berth.core.spi.ReloadResult;
import dev.berth.core.spi.Reloader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Signals exactly the targets the user named: the running containers that match every
 * --reload-select filter, and the process in --pid-file. With neither, it signals nothing.
 */
final class SignalReloader implements Reloader {

    private final ContainerControl containers;
    private final List<LabelFilter> select;
    private final Optional<Path> pidFile;
    private final String signal;
    private final KillCommand kill;

    SignalReloader(ContainerControl containers, List<LabelFilter> select, Optional<Path> pidFile, String signal, KillCommand kill) {
        this.containers = containers;
        this.select = List.copyOf(select);
        this.pidFile = pidFile;
        this.signal = signal;
        this.kill = kill;
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
            targets = containers.running(select);
        } catch (RuntimeException e) {
            return List.of(ReloadResult.failed(describeSelect(), "cannot list containers: " + e.getMessage()));
        }
        if (targets.isEmpty()) {
            return List.of(ReloadResult.failed(describeSelect(), "no running container matches"));
        }
        List<ReloadResult> results = new ArrayList<>();
        for (ContainerRef target : targets) {
            String name = "container " + target.name() + " (" + target.shortId() + ")";
            try {
                containers.signal(target.id(), signal);
                results.add(ReloadResult.ok(name, "sent SIG" + signal));
            } catch (RuntimeException e) {
                results.add(ReloadResult.failed(name, "SIG" + signal + " failed: " + e.getMessage()));
            }
        }
        return results;
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
        String error = kill.send(pid, signal);
        return error.isEmpty()
                ? ReloadResult.ok("process " + pid + " (" + file + ")", "sent SIG" + signal)
                : ReloadResult.failed("process " + pid + " (" + file + ")", error);
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
