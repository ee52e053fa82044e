package dev.berth.core.spi;

import java.util.List;

/**
 * The entry point of a plugin jar, found with {@link java.util.ServiceLoader}: list the class in
 * {@code META-INF/services/dev.berth.core.spi.Plugin}.
 */
public interface Plugin {

    default List<RendererFactory> rendererFactories() {
        return List.of();
    }

    default List<ReloaderFactory> reloaderFactories() {
        return List.of();
    }
}
