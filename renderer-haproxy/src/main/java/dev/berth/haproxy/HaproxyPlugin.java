package dev.berth.haproxy;

import dev.berth.core.spi.Plugin;
import dev.berth.core.spi.RendererFactory;
import java.util.List;

/** Contributes the "haproxy" renderer; found by ServiceLoader through META-INF/services. */
public final class HaproxyPlugin implements Plugin {
    @Override
    public List<RendererFactory> rendererFactories() {
        return List.of(new HaproxyRendererFactory());
    }
}
