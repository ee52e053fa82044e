package dev.berth.core;

import static java.util.Objects.requireNonNull;

import dev.berth.core.registry.Selection;
import dev.berth.core.registry.ServingPolicy;
import dev.berth.core.spi.PluginOptions;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What the command line asked for, in the core's terms.
 *
 * @param output the file to write; empty for `berth render` to standard output
 * @param serving which running containers may receive requests (draining, health)
 */
public record BerthSettings(
        Selection selection,
        String renderer,
        String reloader,
        Optional<Path> template,
        Optional<Path> output,
        PluginOptions pluginOptions,
        ServingPolicy serving) {

    public static final String DEFAULT_RENDERER = "nginx";
    public static final String DEFAULT_RELOADER = "signal";

    public BerthSettings {
        requireNonNull(selection, "selection");
        requireNonNull(renderer, "renderer");
        requireNonNull(reloader, "reloader");
        requireNonNull(template, "template");
        requireNonNull(output, "output");
        requireNonNull(pluginOptions, "pluginOptions");
        requireNonNull(serving, "serving");
    }

    public BerthSettings(Selection selection, String renderer, String reloader, Optional<Path> template,
            Optional<Path> output, PluginOptions pluginOptions) {
        this(selection, renderer, reloader, template, output, pluginOptions, ServingPolicy.DEFAULT);
    }

    public BerthSettings withServing(ServingPolicy policy) {
        return new BerthSettings(selection, renderer, reloader, template, output, pluginOptions, policy);
    }
}
