package dev.berth.core;

import static java.util.Objects.requireNonNull;

import dev.berth.core.registry.Selection;
import dev.berth.core.registry.ServingPolicy;
import dev.berth.core.spi.PluginOptions;
import dev.berth.core.swarm.SwarmSettings;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What the command line asked for, in the core's terms.
 *
 * @param output the file to write; empty for `berth render` to standard output
 * @param serving which running containers may receive requests (draining, health)
 * @param swarm whether Swarm services are served, and from which manager
 */
public record BerthSettings(
        Selection selection,
        String renderer,
        String reloader,
        Optional<Path> template,
        Optional<Path> output,
        PluginOptions pluginOptions,
        ServingPolicy serving,
        SwarmSettings swarm) {

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
        requireNonNull(swarm, "swarm");
    }

    public BerthSettings(Selection selection, String renderer, String reloader, Optional<Path> template,
            Optional<Path> output, PluginOptions pluginOptions) {
        this(selection, renderer, reloader, template, output, pluginOptions, ServingPolicy.DEFAULT, SwarmSettings.OFF);
    }

    public BerthSettings withServing(ServingPolicy policy) {
        return new BerthSettings(selection, renderer, reloader, template, output, pluginOptions, policy, swarm);
    }

    public BerthSettings withSwarm(SwarmSettings swarm) {
        return new BerthSettings(selection, renderer, reloader, template, output, pluginOptions, serving, swarm);
    }
}
