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

    /**
     * The proxy's own configuration check, run where the proxy runs before it is reloaded, e.g.
     * {@code nginx -t}; {@value ConfigCheck#FILE} stands for the file's path there. Empty: no check.
     */
    default List<String> checkCommand() {
        return List.of();
    }

    default List<PluginOption> options() {
        return List.of();
    }

    Renderer create(RendererContext context);
}
