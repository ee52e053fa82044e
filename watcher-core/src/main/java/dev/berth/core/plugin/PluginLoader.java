package dev.berth.core.plugin;

import dev.berth.core.spi.Plugin;
import java.util.List;
import java.util.ServiceLoader;

/** Finds plugins with {@link ServiceLoader}: every jar that lists a {@link Plugin} in META-INF/services. */
public final class PluginLoader {

    private final ClassLoader classLoader;

    public PluginLoader(ClassLoader classLoader) {
        this.classLoader = classLoader;
    }

    public List<Plugin> load() {
        return ServiceLoader.load(Plugin.class, classLoader).stream()
                .map(ServiceLoader.Provider::get)
                .toList();
    }
}
