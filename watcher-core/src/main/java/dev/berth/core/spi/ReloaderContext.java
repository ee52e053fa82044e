package dev.berth.core.spi;

import static java.util.Objects.requireNonNull;

/**
 * What a reloader is created with.
 *
 * @param rendererSignal the signal the chosen renderer's proxy reloads on
 * @param containers the Docker Engine, narrowed to what a reloader may do
 */
public record ReloaderContext(PluginOptions options, String rendererSignal, ContainerControl containers) {
    public ReloaderContext {
        requireNonNull(options, "options");
        requireNonNull(rendererSignal, "rendererSignal");
        requireNonNull(containers, "containers");
    }
}
