package dev.berth.cli;

import dev.berth.core.spi.UsageException;
import dev.berth.core.sync.SyncSettings;
import dev.berth.core.sync.Wait;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/** How `berth watch` puts a change into effect: coalescing, and the proxy's own check. */
final class SyncOptions {

    @Option(names = "--wait", paramLabel = "MIN[:MAX]",
            description = "gather changes that follow a pass closely: wait for MIN without a change, but at most MAX "
                    + "(default: 300ms:2s; the first change after a quiet period is applied at once; 0 turns it off)")
    String wait;

    @Option(names = "--check-command", paramLabel = "CMD",
            description = "the proxy's configuration check, run where the proxy runs before each reload, instead of the "
                    + "renderer's (nginx -t -q; haproxy -c -f {file}); words split on spaces, {file} is the output "
                    + "file's path there")
    String checkCommand;

    @Option(names = "--no-check", description = "reload without having the proxy check the new configuration first")
    boolean noCheck;

    SyncSettings settings() {
        if (noCheck && checkCommand != null) {
            throw new UsageException("--check-command and --no-check contradict each other; give one");
        }
        Optional<List<String>> command = Optional.ofNullable(checkCommand)
                .map(c -> Arrays.stream(c.strip().split("\\s+")).filter(w -> !w.isEmpty()).toList());
        if (command.isPresent() && command.get().isEmpty()) {
            throw new UsageException("--check-command is empty; to reload without a check, give --no-check");
        }
        return new SyncSettings(wait == null ? Wait.DEFAULT : Wait.parse(wait), command, !noCheck);
    }
}
