package dev.berth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as a user meets it, up to the point where Docker would be needed. */
final class TestCommandLine {

    private final CliRun cli = new CliRun();

    @TempDir
    Path dir;

    @Test
    void everyCommandHasHelpAndVersion() {
        for (String command : new String[] {"watch", "render", "plugins"}) {
            assertThat(cli.run(command, "--help")).isZero();
            assertThat(cli.run(command, "--version")).isZero();
        }
        assertThat(cli.out()).contains("Usage: berth watch").contains("Usage: berth render").contains("berth ");
    }

    @Test
    void pluginsListsTheBuiltInRenderersAndReloaderWithTheirOptions() {
        assertThat(cli.run("plugins")).isZero();

        assertThat(cli.out())
                .contains("nginx").contains("haproxy").contains("signal")
                .contains("--reload-select").contains("--pid-file").contains("--reload-signal");
    }

    @Test
    void pluginOptionsAppearInWatchHelp() {
        cli.run("watch", "--help");

        assertThat(cli.out()).contains("--reload-select=KEY[=VALUE]").contains("--pid-file=FILE");
    }

    @Test
    void anUnknownRendererIsAUsageErrorNamingTheKnownOnes() {
        int code = cli.run("watch", "--select", "a=b", "--output", dir.resolve("x.conf").toString(), "--renderer", "nosuch");

        assertThat(code).isEqualTo(2);
        assertThat(cli.err()).isEqualTo("berth: unknown renderer 'nosuch'; known renderers: haproxy, nginx\n");
    }

    @Test
    void anUnknownReloaderIsAUsageErrorNamingTheKnownOnes() {
        int code = cli.run("watch", "--select", "a=b", "--output", dir.resolve("x.conf").toString(), "--reloader", "nosuch");

        assertThat(code).isEqualTo(2);
        assertThat(cli.err()).contains("unknown reloader 'nosuch'; known reloaders: signal");
    }

    @Test
    void aMissingRequiredOptionIsAOneLineUsageError() {
        assertThat(cli.run("watch", "--select", "a=b")).isEqualTo(2);

        assertThat(cli.err()).startsWith("berth: Missing required option: '--output=FILE'").hasLineCount(1);
    }

    @Test
    void anUnknownHealthStateToIncludeIsAUsageError() {
        assertThat(cli.run("render", "--select", "a=b", "--include-health", "starting,sick")).isEqualTo(2);
        assertThat(cli.err()).contains("--include-health 'sick' is not valid: expected starting or unhealthy");
    }

    @Test
    void aPortOutOfRangeIsAUsageError() {
        assertThat(cli.run("render", "--select", "a=b", "--port", "70000")).isEqualTo(2);

        assertThat(cli.err()).contains("--port 70000");
    }

    @Test
    void aMissingOutputFolderIsAConfigurationErrorBeforeDockerIsAsked() {
        int code = cli.run("watch", "--select", "a=b", "--output", dir.resolve("nope/web.conf").toString());

        assertThat(code).isEqualTo(3);
        assertThat(cli.err()).contains("output folder").contains("does not exist").hasLineCount(1);
    }

    @Test
    void aMissingTemplateIsAConfigurationError() {
        int code = cli.run("render", "--select", "a=b", "--template", dir.resolve("none.j2").toString());

        assertThat(code).isEqualTo(3);
        assertThat(cli.err()).contains("none.j2").hasLineCount(1);
    }

    @Test
    void aWaitWithoutUnitsIsAUsageError() {
        int code = cli.run("watch", "--select", "a=b", "--output", dir.resolve("web.conf").toString(), "--wait", "50");

        assertThat(code).isEqualTo(2);
        assertThat(cli.err()).startsWith("berth: --wait 50 is not MIN[:MAX]").hasLineCount(1);
    }

    @Test
    void aCheckCommandAndNoCheckTogetherAreAUsageError() {
        int code = cli.run("watch", "--select", "a=b", "--output", dir.resolve("web.conf").toString(),
                "--check-command", "nginx -t", "--no-check");

        assertThat(code).isEqualTo(2);
        assertThat(cli.err()).contains("--check-command and --no-check").hasLineCount(1);
    }

    @Test
    void watchHelpShowsTheWaitAndCheckOptions() {
        assertThat(cli.run("watch", "--help")).isZero();

        assertThat(cli.out()).contains("--wait=MIN[:MAX]", "--check-command=CMD", "--no-check");
    }

    @Test
    void watchWithAMissingTemplateIsAConfigurationErrorBeforeDockerIsAsked() {
        int code = cli.run("watch", "--select", "a=b", "--output", dir.resolve("web.conf").toString(),
                "--template", dir.resolve("none.j2").toString());

        assertThat(code).isEqualTo(3);
        assertThat(cli.err()).contains("none.j2").hasLineCount(1);
        assertThat(dir.resolve("web.conf")).doesNotExist();
    }
}
