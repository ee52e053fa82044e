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
 * @param flag whether the option is a switch, on when given without a value; its value is "true" or "false"
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
        if (flag && repeatable) {
            throw new IllegalArgumentException("a flag cannot be repeatable: " + name);
        }
    }

    public PluginOption(String name, String paramLabel, String description, String defaultValue, boolean repeatable) {
        this(name, paramLabel, description, defaultValue, repeatable, false);
    }

    /** A switch, off unless given. */
    public static PluginOption flag(String name, String description) {
        return new PluginOption(name, "true|false", description, "false", false, true);
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
}
