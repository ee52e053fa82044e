package dev.berth.core.spi;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The values the user gave for plugin options, keyed by option name ("--pid-file"). */
public record PluginOptions(Map<String, List<String>> values) {

    public static final PluginOptions NONE = new PluginOptions(Map.of());

    public PluginOptions {
        values = Map.copyOf(values);
    }

    public List<String> all(String name) {
        return values.getOrDefault(name, List.of());
    }

    /** The value of a single-valued option; the last one given wins, as in most CLIs. */
    public Optional<String> get(String name) {
        List<String> given = all(name);
        return given.isEmpty() ? Optional.empty() : Optional.of(given.get(given.size() - 1));
    }

    /** Whether a flag ({@link PluginOption#flag}) is on. */
    public boolean flag(String name) {
        return get(name).map(Boolean::parseBoolean).orElse(false);
    }
}
