package dev.berth.signal;

import dev.berth.core.spi.CheckResult;
import dev.berth.core.spi.ConfigCheck;
import dev.berth.core.spi.ContainerControl.ExecResult;
import dev.berth.core.host.HostCommand;
import dev.berth.core.spi.ProcessActivity;
import dev.berth.core.host.ProcessTree;
import dev.berth.core.spi.ReloadResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/** A proxy on the host, named by the pid in --pid-file: checked and signalled by host commands. */
final class PidFileTarget {

    private static final Duration HOST_COMMAND_TIMEOUT = Duration.ofSeconds(30);

    private final Path file;
    private final String signal;
    private final Confirmation confirmation;
    private final ProcessTree tree = new ProcessTree();

    PidFileTarget(Path file, String signal, Confirmation confirmation) {
        this.file = file;
        this.signal = signal;
        this.confirmation = confirmation;
    }

    String describe() {
        return "the process in " + file;
    }

    CheckResult check(ConfigCheck check) {
        return CheckerOutput.verdict("the host (" + file + ")", onHost(check.commandFor(check.file())));
    }

    CompletableFuture<ReloadResult> signal() {
        String target = "pid file " + file;
        long pid;
        try {
            pid = Long.parseLong(Files.readString(file).strip());
        } catch (IOException e) {
            return Confirmation.failed(target, "cannot read it: " + e.getMessage());
        } catch (NumberFormatException e) {
            return Confirmation.failed(target, "it does not hold a pid");
        }
        if (pid <= 1 || ProcessHandle.of(pid).isEmpty()) {
            return Confirmation.failed(target, "no process " + pid + " is running");
        }
        String name = "process " + pid + " (" + file + ")";
        Set<Long> before = children(pid);
        long start = System.nanoTime();
        // kill(1): the JDK can send a process only TERM and KILL.
        List<String> kill = List.of("kill", "-s", signal, Long.toString(pid));
        ExecResult killed = onHost(kill);
        if (killed.exitCode() != 0) {
            String output = killed.output().strip();
            return Confirmation.failed(name, output.isEmpty() ? "kill exited " + killed.exitCode() : output);
        }
        return confirmation.of(name, before, () -> children(pid), () -> ProcessActivity.of(pid), () -> onHost(kill), start);
    }

    private static ExecResult onHost(List<String> command) {
        try {
            return HostCommand.run(command, Map.of(), HOST_COMMAND_TIMEOUT);
        } catch (UncheckedIOException e) {
            return new ExecResult(-1, e.getMessage());
        }
    }

    /** The process's workers, read as a container's are (see {@link ProcessTree}); none once it is gone. */
    private Set<Long> children(long pid) {
        return ProcessHandle.of(pid).map(process -> Workers.of(tree.of(process))).orElse(Set.of());
    }
}
