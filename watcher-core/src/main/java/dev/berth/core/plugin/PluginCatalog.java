package dev.berth.core.plugin;

import dev.berth.core.spi.ConfigException;
import dev.berth.core.spi.Plugin;
import dev.berth.core.spi.PluginOption;
import dev.berth.core.spi.ReloaderFactory;
import dev.berth.core.spi.RendererFactory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Every renderer and reloader the plugins contribute, by name, checked once at start: two
 * factories of one kind with one name, or two plugins declaring one option, are an error that
 * names both plugins.
 */
public final class PluginCatalog {

    private final SortedMap<String, RendererFactory> renderers;
    private final SortedMap<String, ReloaderFactory> reloaders;
    private final List<PluginOption> rendererOptions;
    private final List<PluginOption> reloaderOptions;

    private PluginCatalog(SortedMap<String, RendererFactory> renderers, SortedMap<String, ReloaderFactory> reloaders,
            List<PluginOption> rendererOptions, List<PluginOption> reloaderOptions) {
        this.renderers = Collections.unmodifiableSortedMap(renderers);
        this.reloaders = Collections.unmodifiableSortedMap(reloaders);
        this.rendererOptions = List.copyOf(rendererOptions);
        this.reloaderOptions = List.copyOf(reloaderOptions);
    }

    public static PluginCatalog of(List<Plugin> plugins) {
        SortedMap<String, RendererFactory> renderers = new TreeMap<>();
        SortedMap<String, ReloaderFactory> reloaders = new TreeMap<>();
        for (Plugin plugin : plugins) {
            plugin.rendererFactories().forEach(f -> add(renderers, "renderer", f, RendererFactory::name));
            plugin.reloaderFactories().forEach(f -> add(reloaders, "reloader", f, ReloaderFactory::name));
        }
        Map<String, Object> optionOwners = new HashMap<>();
        List<PluginOption> rendererOptions = new ArrayList<>();
        renderers.values().forEach(f -> addOptions(optionOwners, rendererOptions, f, f.options()));
        List<PluginOption> reloaderOptions = new ArrayList<>();
        reloaders.values().forEach(f -> addOptions(optionOwners, reloaderOptions, f, f.options()));
        return new PluginCatalog(renderers, reloaders, rendererOptions, reloaderOptions);
    }

    private static <T> void add(Map<String, T> byName, String kind, T factory, Function<T, String> name) {
        T previous = byName.putIfAbsent(name.apply(factory), factory);
        if (previous != null) {
            throw new ConfigException("two plugins provide the " + kind + " '" + name.apply(factory) + "': "
                    + origin(previous) + " and " + origin(factory) + "; remove one from the class path or --plugin-path");
        }
    }

    private static void addOptions(Map<String, Object> owners, List<PluginOption> all, Object factory, List<PluginOption> options) {
        for (PluginOption option : options) {
            Object previous = owners.putIfAbsent(option.name(), factory);
            if (previous != null) {
                throw new ConfigException("two plugins declare the option " + option.name() + ": "
                        + origin(previous) + " and " + origin(factory));
            }
            all.add(option);
        }
    }

    /** The class and the jar it came from, so that a duplicate can be found and removed. */
    static String origin(Object factory) {
        var source = factory.getClass().getProtectionDomain().getCodeSource();
        return factory.getClass().getName() + (source == null || source.getLocation() == null ? "" : " (" + source.getLocation() + ")");
    }

    public SortedMap<String, RendererFactory> renderers() {
        return renderers;
    }

    public SortedMap<String, ReloaderFactory> reloaders() {
        return reloaders;
    }

    /** The options every renderer declares: `render` and `watch` take them. */
    public List<PluginOption> rendererOptions() {
        return rendererOptions;
    }

    /** Every plugin option, renderers' first: `watch` takes them all. */
    public List<PluginOption> options() {
        List<PluginOption> all = new ArrayList<>(rendererOptions);
        all.addAll(reloaderOptions);
        return all;
    }
}
