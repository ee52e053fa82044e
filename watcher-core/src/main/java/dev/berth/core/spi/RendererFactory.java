package dev.berth.core.spi;

import java.nio.file.Path;
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

    /**
     * The way changes go into effect for this renderer's proxy: a proxy that can take some changes
     * while it runs wraps the chosen {@code reloader}, which it keeps for the changes it cannot take
     * so. By default: the reloader as it is.
     *
     * @param output the file Berth writes, as Berth sees it
     */
    default Reloader reloaderFor(Reloader reloader, PluginOptions options, Path output) {
        return reloader;
    }
}
