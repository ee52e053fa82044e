package dev.berth.core.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.core.spi.BerthException;
import dev.berth.core.spi.ConfigException;
import dev.berth.core.spi.UsageException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class TestPluginPath {

    @TempDir
    Path dir;

    @Test
    void findsEveryJarDirectlyInTheDirectoryInNameOrder() throws IOException {
        Path b = jar("b.jar");
        Path a = jar("a.jar");
        Files.writeString(dir.resolve("README.txt"), "not a jar");
        Files.createDirectories(dir.resolve("sub"));
        jar("sub/c.jar");

        assertThat(new PluginPath(dir, "--plugin-path ").jars()).containsExactly(a, b);
    }

    @Test
    void aMissingDirectoryIsAUsageErrorSayingHowItWasGiven() {
        Path missing = dir.resolve("nope");

        assertThatThrownBy(() -> new PluginPath(missing, "BERTH_PLUGIN_PATH=").jars())
                .isInstanceOf(UsageException.class)
                .hasMessage("BERTH_PLUGIN_PATH=" + missing + ": no such directory")
                .extracting(e -> ((BerthException) e).exitCode()).isEqualTo(BerthException.USAGE);
    }

    @Test
    void aFileIsNotAPluginDirectory() throws IOException {
        Path file = jar("a.jar");

        assertThatThrownBy(() -> new PluginPath(file, "--plugin-path ").jars())
                .isInstanceOf(UsageException.class)
                .hasMessage("--plugin-path " + file + ": not a directory");
    }

    @Test
    void aCorruptJarIsAConfigurationErrorNamingTheJar() throws IOException {
        jar("good.jar");
        Path corrupt = Files.writeString(dir.resolve("corrupt.jar"), "PK but not really a zip");

        assertThatThrownBy(() -> new PluginPath(dir, "--plugin-path ").classLoader(getClass().getClassLoader()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("cannot read the plugin jar " + corrupt + ": ")
                .message().doesNotContain("\n");
    }

    @Test
    void theClassLoaderSeesTheJarsAndBerthThroughItsParent() throws IOException {
        jar("a.jar");

        ClassLoader loader = new PluginPath(dir, "--plugin-path ").classLoader(getClass().getClassLoader());

        assertThat(loader.getResource("entry-of-a.jar.txt")).isNotNull();
        assertThat(loader.getResource("dev/berth/core/spi/Plugin.class")).isNotNull();
    }

    private Path jar(String name) throws IOException {
        Path jar = dir.resolve(name);
        Files.createDirectories(jar.getParent());
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
            out.putNextEntry(new JarEntry("entry-of-" + jar.getFileName() + ".txt"));
            out.write(name.getBytes());
        }
        return jar;
    }
}
