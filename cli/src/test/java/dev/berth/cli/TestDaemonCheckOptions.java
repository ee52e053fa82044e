package dev.berth.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.core.docker.DaemonChecks;
import dev.berth.core.spi.UsageException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** --ping-interval and --resync-interval, as `berth watch` reads them. */
final class TestDaemonCheckOptions {

    @Command
    static final class Holder {
        @Mixin
        DaemonCheckOptions options;
    }

    private static DaemonCheckOptions parse(String... args) {
        Holder holder = new Holder();
        new CommandLine(holder).parseArgs(args);
        return holder.options;
    }

    @Test
    void byDefaultPingsEvery5SecondsAndResyncsEveryMinute() {
        assertThat(parse().checks()).isEqualTo(DaemonChecks.DEFAULTS)
                .isEqualTo(new DaemonChecks(Duration.ofSeconds(5), Duration.ofSeconds(60)));
    }

    @Test
    void takesSecondsAndZeroTurnsACheckOff() {
        assertThat(parse("--ping-interval", "2", "--resync-interval", "0").checks())
                .isEqualTo(new DaemonChecks(Duration.ofSeconds(2), Duration.ZERO));
    }

    @Test
    void aNegativeIntervalIsAUsageError() {
        assertThatThrownBy(() -> parse("--ping-interval", "-1").checks())
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("--ping-interval");
    }

    @Test
    void watchHelpExplainsBothWithTheirDefaults() {
        StringWriter out = new StringWriter();
        Main.run(Map.of(), new PrintWriter(out, true), new PrintWriter(new StringWriter(), true), "watch", "--help");

        assertThat(out.toString()).contains("--ping-interval=SECONDS").contains("--resync-interval=SECONDS")
                .contains("default: 5;").contains("default: 60;");
    }
}
