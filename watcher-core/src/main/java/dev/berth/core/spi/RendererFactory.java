package dev.berth.core.spi;

import java.util.List;

/** A named kind of proxy configuration, contributed by a {@link Plugin}. */
public interface RendererFactory {

    /** The name users pass to --renderer; unique among all plugins. */
    String name();

    /** One line for `berth plugins`. */
    String description();

    /** The signal on which this renderer's proxy reloads its configuration, e.g. "HUP". */
    String reloadSignal();

    default List<PluginOption> options() {
        return List.of();
    }

    Renderer create(RendererContext context);
}
