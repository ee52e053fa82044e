package dev.berth.core.plugin;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.core.spi.ConfigException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class TestPluginLoader {

    @TempDir
    Path dir;

    @Test
    void aJarListingAClassItLacksIsAOneLineErrorNamingTheJar() throws IOException {
        Path jar = dir.resolve("broken-plugin.jar");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
            out.putNextEntry(new JarEntry("META-INF/services/dev.berth.core.spi.Plugin"));
            out.write("# the class was left out of the jar\ncom.example.Missing\n".getBytes(StandardCharsets.UTF_8));
        }
        ClassLoader plugins = new PluginPath(dir, "--plugin-path ").classLoader(getClass().getClassLoader());

        assertThatThrownBy(() -> new PluginLoader(plugins).load())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("com.example.Missing")
                .hasMessageEndingWith("com.example.Missing not found (listed in " + jar + ")")
                .message().doesNotContain("\n");
    }
}
