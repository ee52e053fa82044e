package dev.berth.cli;

import dev.berth.core.docker.DaemonChecks;
import dev.berth.core.spi.UsageException;
import java.time.Duration;
import picocli.CommandLine.Option;

/** How `watch` checks on the Docker daemon: a ping that tells a hung daemon from an idle one, a periodic resync. */
final class DaemonCheckOptions {

    @Option(names = "--ping-interval", paramLabel = "SECONDS", defaultValue = "5",
            description = "ping the Docker daemon this often; one that does not answer within as long is taken as hung, "
                    + "and Berth reconnects and reads every container again. 5 s notices a hang within 10 s "
                    + "for one tiny request every 5 s (default: ${DEFAULT-VALUE}; 0: never)")
    long pingSeconds;

    @Option(names = "--resync-interval", paramLabel = "SECONDS", defaultValue = "60",
            description = "read every selected container again this often, in case an event was lost; the file is "
                    + "rewritten only if it changed. 60 s costs one list and one inspect per selected container "
                    + "a minute (default: ${DEFAULT-VALUE}; 0: never)")
    long resyncSeconds;

    DaemonChecks checks() {
        if (pingSeconds < 0 || resyncSeconds < 0) {
            throw new UsageException("--ping-interval and --resync-interval take a number of seconds, 0 or more");
        }
        return new DaemonChecks(Duration.ofSeconds(pingSeconds), Duration.ofSeconds(resyncSeconds));
    }
}
