package dev.berth.cli;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.multibindings.OptionalBinder;
import dev.berth.core.BerthModule;
import dev.berth.core.BerthSettings;
import dev.berth.core.plugin.PluginCatalog;
import dev.berth.core.plugin.PluginModule;
import dev.berth.core.spi.PluginOption;
import dev.berth.core.sync.SyncSettings;
import dev.berth.core.telemetry.Telemetry;
import java.util.List;

/** Builds the core for one command's settings. */
final class Launcher {

    private final PluginCatalog catalog;

    Launcher(PluginCatalog catalog) {
        this.catalog = catalog;
    }

    List<PluginOption> options() {
        return catalog.options();
    }

    List<PluginOption> rendererOptions() {
        return catalog.rendererOptions();
    }

    /** Singletons are made when first asked for: `render` to stdout never needs an output file. */
    Injector injector(BerthSettings settings) {
        return injector(settings, SyncSettings.DEFAULT);
    }

    Injector injector(BerthSettings settings, SyncSettings sync) {
        return injector(settings, sync, Telemetry.NONE);
    }

    /** @param telemetry what the core tells about its work (replaces the core's default, which counts nothing) */
    Injector injector(BerthSettings settings, SyncSettings sync, Telemetry telemetry) {
        return Guice.createInjector(new PluginModule(catalog), new BerthModule(settings, sync),
                binder -> OptionalBinder.newOptionalBinder(binder, Telemetry.class).setBinding().toInstance(telemetry));
    }
}
