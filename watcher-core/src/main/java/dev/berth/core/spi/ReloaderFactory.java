package dev.berth.core.spi;

import java.util.List;

/** A named way to reload a proxy, contributed by a {@link Plugin}. */
public interface ReloaderFactory {

    /** The name users pass to --reloader; unique among all plugins. */
    String name();

    /** One line for `berth plugins`. */
    String description();

    default List<PluginOption> options() {
        return List.of();
    }

    Reloader create(ReloaderContext context);
}
