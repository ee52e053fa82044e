package dev.berth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `berth completion bash|zsh` and `berth man`: what a shell and a man page get from the command line. */
final class TestCompletionAndMan {

    private final CliRun cli = new CliRun();

    @TempDir
    Path dir;

    @Test
    void theCompletionScriptKnowsEveryCommandAndTheirOptionsPluginsIncluded() {
        assertThat(cli.run("completion", "bash")).isZero();

        assertThat(cli.out())
                .contains("watch").contains("render").contains("plugins").contains("completion").contains("man")
                .contains("--output").contains("--select").contains("--listen").contains("--explain")
                .contains("--reload-select").contains("--pid-file")
                .contains("complete -F _complete_berth");
    }

    @Test
    void bashLoadsTheScriptAndRegistersTheCompletionForBerth() throws Exception {
        assertThat(cli.run("completion", "bash")).isZero();
        Path script = Files.writeString(dir.resolve("berth-completion.bash"), cli.out());

        assertThat(bash("bash", "-n", script.toString())).isEqualTo("exit 0: ");
        assertThat(bash("bash", "-c", "source " + script + " && complete -p berth"))
                .isEqualTo("exit 0: complete -o default -F _complete_berth berth\n");
    }

    @Test
    void zshGetsTheScriptThatLoadsBashCompletionInZsh() {
        assertThat(cli.run("completion", "zsh")).isZero();

        assertThat(cli.out()).contains("bashcompinit").contains("complete -F _complete_berth");
    }

    @Test
    void anUnknownShellIsAUsageError() {
        assertThat(cli.run("completion", "fish")).isEqualTo(2);
        assertThat(cli.err()).contains("fish").contains("bash, zsh");
    }

    @Test
    void theManPageDescribesBerthAndItsCommands() {
        assertThat(cli.run("man")).isZero();

        assertThat(cli.out()).contains("= berth(1)").contains("watch").contains("render").contains("Exit codes");
    }

    @Test
    void aCommandsManPageDescribesItsOptions() {
        assertThat(cli.run("man", "watch")).isZero();

        assertThat(cli.out()).contains("berth-watch(1)").contains("--output").contains("--reload-select");
    }

    @Test
    void theManPageOfAnUnknownCommandIsAUsageErrorNamingTheKnownOnes() {
        assertThat(cli.run("man", "nosuch")).isEqualTo(2);
        assertThat(cli.err()).contains("unknown command 'nosuch'").contains("watch, render, plugins");
    }

    /** "exit CODE: OUTPUT" of a bash command, so that a failure shows both. */
    private static String bash(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return "exit " + process.exitValue() + ": " + output;
    }
}
