package dev.berth.core.spi;

import static java.util.Objects.requireNonNull;

/**
 * A command-line option that a plugin declares as data; the CLI adds it to its commands, shows it
 * in --help and hands its values back in {@link PluginOptions}.
 *
 * @param name the long option, starting with "--"
 * @param paramLabel how --help names the value, e.g. "KEY=VALUE"
 * @param defaultValue "" when the option has no default
 * @param repeatable whether the option may be given more than once
 * @param flag whether the option takes no value: given, it reads "true" (see {@link PluginOptions#flag})
 */
public record PluginOption(String name, String paramLabel, String description, String defaultValue, boolean repeatable,
        boolean flag) {

    public PluginOption {
        requireNonNull(name, "name");
        requireNonNull(paramLabel, "paramLabel");
        requireNonNull(description, "description");
        requireNonNull(defaultValue, "defaultValue");
        if (!name.matches("--[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException("plugin option name must look like --some-name: " + name);
        }
    }

    public static PluginOption single(String name, String paramLabel, String description) {
        return new PluginOption(name, paramLabel, description, "", false, false);
    }

    /** As {@link #single}, with the value it has when it is not given. */
    public static PluginOption single(String name, String paramLabel, String description, String defaultValue) {
        return new PluginOption(name, paramLabel, description, defaultValue, false, false);
    }

    public static PluginOption repeatable(String name, String paramLabel, String description) {
        return new PluginOption(name, paramLabel, description, "", true, false);
    }

    /** An option without a value, such as --no-runtime-api. */
    public static PluginOption flag(String name, String description) {
        return new PluginOption(name, "", description, "", false, true);
    }
}
