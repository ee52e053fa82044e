package dev.berth.core.plugin;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.MapBinder;
import dev.berth.core.spi.ReloaderFactory;
import dev.berth.core.spi.RendererFactory;

/** Contributes every plugin's factories to Guice maps keyed by name. */
public final class PluginModule extends AbstractModule {

    private final PluginCatalog catalog;

    public PluginModule(PluginCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    protected void configure() {
        MapBinder<String, RendererFactory> renderers = MapBinder.newMapBinder(binder(), String.class, RendererFactory.class);
        catalog.renderers().forEach((name, factory) -> renderers.addBinding(name).toInstance(factory));
        MapBinder<String, ReloaderFactory> reloaders = MapBinder.newMapBinder(binder(), String.class, ReloaderFactory.class);
        catalog.reloaders().forEach((name, factory) -> reloaders.addBinding(name).toInstance(factory));
    }
}
