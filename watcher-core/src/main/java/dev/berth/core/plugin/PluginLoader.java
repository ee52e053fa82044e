package dev.berth.core.plugin;

import dev.berth.core.spi.ConfigException;
import dev.berth.core.spi.Plugin;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/** Finds plugins with {@link ServiceLoader}: every jar that lists a {@link Plugin} in META-INF/services. */
public final class PluginLoader {

    private final ClassLoader classLoader;

    public PluginLoader(ClassLoader classLoader) {
        this.classLoader = classLoader;
    }

    /** @throws ConfigException when a listed plugin cannot be loaded (a missing or broken class) */
    public List<Plugin> load() {
        try {
            return ServiceLoader.load(Plugin.class, classLoader).stream()
                    .map(ServiceLoader.Provider::get)
                    .toList();
        } catch (ServiceConfigurationError | LinkageError e) {
            throw new ConfigException("cannot load a plugin: " + e.getMessage(), e);
        }
    }
}
