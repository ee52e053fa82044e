package dev.berth.core.plugin;

import static java.util.Objects.requireNonNull;

import dev.berth.core.spi.ConfigException;
import dev.berth.core.spi.UsageException;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * A directory of third-party plugin jars: every {@code *.jar} directly in it joins what
 * {@link java.util.ServiceLoader} sees, on one class path, so that a plugin may ship its libraries
 * as jars beside it.
 *
 * @param directory the directory
 * @param givenAs how the user gave it, put before the directory in error messages
 *     ("--plugin-path ", "BERTH_PLUGIN_PATH=")
 */
public record PluginPath(Path directory, String givenAs) {

    public PluginPath {
        requireNonNull(directory, "directory");
        requireNonNull(givenAs, "givenAs");
    }

    /**
     * The jars in the directory, in name order, each one checked to be a readable jar.
     *
     * @throws UsageException when the directory does not exist or is not a directory
     * @throws ConfigException naming the jar, when one cannot be read
     */
    public List<Path> jars() {
        if (!Files.isDirectory(directory)) {
            throw new UsageException(givenAs + directory + ": "
                    + (Files.exists(directory) ? "not a directory" : "no such directory"));
        }
        List<Path> jars;
        try (Stream<Path> files = Files.list(directory)) {
            jars = files.filter(file -> file.getFileName().toString().endsWith(".jar")).sorted().toList();
        } catch (IOException e) {
            throw new ConfigException("cannot list the plugin directory " + directory + ": " + e.getMessage());
        }
        jars.forEach(PluginPath::requireReadableJar);
        return jars;
    }

    /** A class loader over every jar in the directory, whose parent sees Berth and its own plugins. */
    public ClassLoader classLoader(ClassLoader parent) {
        List<URL> urls = new ArrayList<>();
        for (Path jar : jars()) {
            try {
                urls.add(jar.toUri().toURL());
            } catch (MalformedURLException e) {
                throw new ConfigException("cannot load the plugin jar " + jar + ": " + e.getMessage());
            }
        }
        return new URLClassLoader("berth-plugins", urls.toArray(URL[]::new), parent);
    }

    /** Opening reads the jar's central directory: a truncated or non-zip file fails here, by name. */
    private static void requireReadableJar(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            file.getManifest();
        } catch (IOException | SecurityException e) {
            throw new ConfigException("cannot read the plugin jar " + jar + ": " + (e.getMessage() != null ? e.getMessage() : e));
        }
    }
}
