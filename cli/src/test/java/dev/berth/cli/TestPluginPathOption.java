package dev.berth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --plugin-path, up to the point where a real plugin jar is needed (see ExternalPluginIT). */
final class TestPluginPathOption {

    private final CliRun cli = new CliRun();

    @TempDir
    Path dir;

    @Test
    void isReadBeforeTheCommandLineWhereverItStands() {
        assertThat(PluginPathOption.scan(new EnvironmentDefaults(Map.of()), "--plugin-path", "/a", "plugins")).get()
                .satisfies(path -> assertThat(path.directory()).isEqualTo(Path.of("/a")));
        assertThat(PluginPathOption.scan(new EnvironmentDefaults(Map.of()), "render", "--select", "x=y", "--plugin-path=/b", "--my-option", "v")).get()
                .satisfies(path -> assertThat(path.directory()).isEqualTo(Path.of("/b")));
    }

    @Test
    void aMissingDirectoryIsAOneLineUsageError() {
        Path missing = dir.resolve("nope");

        assertThat(cli.run("--plugin-path", missing.toString(), "plugins")).isEqualTo(2);

        assertThat(cli.err()).isEqualTo("berth: --plugin-path " + missing + ": no such directory\n");
        assertThat(cli.out()).isEmpty();
    }

    @Test
    void aFileIsNotAPluginDirectory() throws IOException {
        Path file = Files.writeString(dir.resolve("file"), "");

        assertThat(cli.run("plugins", "--plugin-path", file.toString())).isEqualTo(2);

        assertThat(cli.err()).isEqualTo("berth: --plugin-path " + file + ": not a directory\n");
    }

    @Test
    void aCorruptJarIsAOneLineConfigurationErrorNamingIt() throws IOException {
        Path corrupt = Files.writeString(dir.resolve("broken.jar"), "not a zip");

        assertThat(cli.run("--plugin-path", dir.toString(), "plugins")).isEqualTo(3);

        assertThat(cli.err()).startsWith("berth: cannot read the plugin jar " + corrupt + ": ").hasLineCount(1);
    }

    @Test
    void anEmptyDirectoryAddsNothing() {
        assertThat(cli.run("--plugin-path", dir.toString(), "plugins")).isZero();

        assertThat(cli.out()).contains("nginx", "haproxy", "signal");
    }

    @Test
    void everyCommandsHelpShowsTheOptionAndItsEnvironmentVariable() {
        for (String command : new String[] {"--help", "watch --help", "render --help", "plugins --help"}) {
            cli.forgetOutput();
            assertThat(cli.run(command.split(" "))).isZero();
            assertThat(cli.out()).as(command)
                    .contains("--plugin-path=DIR")
                    .contains("$BERTH_PLUGIN_PATH")
                    .contains("these plugins' own options");
        }
    }

    @Test
    void pluginsNamesEachBuiltInRenderersReloadSignal() {
        assertThat(cli.run("plugins")).isZero();

        assertThat(cli.out())
                .containsPattern("(?m)^  nginx .*\\(reloads on SIGHUP\\)$")
                .containsPattern("(?m)^  haproxy .*\\(reloads on SIGUSR2\\)$")
                .containsPattern("(?m)^  signal ");
    }
}
