package dev.berth.nginx;

import dev.berth.core.spi.Plugin;
import dev.berth.core.spi.RendererFactory;
import java.util.List;

/** Contributes the "nginx" renderer; found by ServiceLoader through META-INF/services. */
public final class NginxPlugin implements Plugin {
    @Override
    public List<RendererFactory> rendererFactories() {
        return List.of(new NginxRendererFactory());
    }
}
