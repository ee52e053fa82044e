package dev.berth.core.plugin;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.berth.core.spi.ConfigException;
import dev.berth.core.spi.Plugin;
import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/** Finds plugins with {@link ServiceLoader}: every jar that lists a {@link Plugin} in META-INF/services. */
public final class PluginLoader {

    private static final String LISTING = "META-INF/services/" + Plugin.class.getName();

    private final ClassLoader classLoader;

    public PluginLoader(ClassLoader classLoader) {
        this.classLoader = classLoader;
    }

    /** @throws ConfigException naming the jar, when a listed plugin cannot be loaded (a missing or broken class) */
    public List<Plugin> load() {
        try {
            return ServiceLoader.load(Plugin.class, classLoader).stream()
                    .map(ServiceLoader.Provider::get)
                    .toList();
        } catch (ServiceConfigurationError | LinkageError e) {
            throw new ConfigException("cannot load a plugin: " + e.getMessage() + listedIn(e), e);
        }
    }

    /**
     * Where the class the error is about is listed, so that the user knows which jar to fix or
     * remove: the error names the class (with dots, or slashes for a broken class file), not the jar.
     */
    private String listedIn(Throwable error) {
        String message = String.valueOf(error.getMessage()).replace('/', '.');
        List<String> listings = new ArrayList<>();
        try {
            for (URL listing : Collections.list(classLoader.getResources(LISTING))) {
                try (InputStream in = listing.openStream()) {
                    boolean namesIt = new String(in.readAllBytes(), UTF_8).lines()
                            .map(line -> line.replaceFirst("#.*", "").strip())
                            .anyMatch(name -> !name.isEmpty() && message.contains(name));
                    if (namesIt) {
                        listings.add(where(listing));
                    }
                }
            }
        } catch (IOException unreadable) {
            return "";
        }
        return listings.isEmpty() ? "" : " (listed in " + String.join(", ", listings) + ")";
    }

    /** The jar's path for a listing in a jar, else the listing's URL. */
    private static String where(URL listing) throws IOException {
        if (listing.openConnection() instanceof JarURLConnection jar) {
            try {
                return Path.of(jar.getJarFileURL().toURI()).toString();
            } catch (URISyntaxException | IllegalArgumentException notAFile) {
                return jar.getJarFileURL().toString();
            }
        }
        return listing.toString();
    }
}
