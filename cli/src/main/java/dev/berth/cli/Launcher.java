package dev.berth.cli;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.multibindings.OptionalBinder;
import dev.berth.core.BerthModule;
import dev.berth.core.BerthSettings;
import dev.berth.core.docker.DockerConnection;
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
        Injector injector = Guice.createInjector(new PluginModule(catalog), new BerthModule(settings, sync),
                binder -> OptionalBinder.newOptionalBinder(binder, Telemetry.class).setBinding().toInstance(telemetry));
        warmUpDocker(injector);
        return injector;
    }

    /**
     * Docker's client (docker-java, Jackson, the HTTP client) and the renderer (Jinjava, the template)
     * each take a good part of start-up, and the command makes them one after the other: the client is
     * made and asked once here on another thread while the command's thread makes the renderer, so
     * that its own first requests find the classes loaded and a connection open; a third thread builds
     * the readers of the first answers meanwhile (the machine may well have two cores).
     */
    private static void warmUpDocker(Injector injector) {
        inBackground("berth-warm-up", () -> {
            DockerConnection docker = injector.getInstance(DockerConnection.class);
            inBackground("berth-warm-up-json", docker::prepareJson);
            docker.ping();
        });
    }

    private static void inBackground(String name, Runnable work) {
        Thread thread = new Thread(() -> {
            try {
                work.run();
            } catch (RuntimeException e) {
                // Only preparation: the command's own first request tells the user, with its exit code.
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
    }
}
