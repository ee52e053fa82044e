package dev.berth.core;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.OptionalBinder;
import dev.berth.core.docker.DockerConnection;
import dev.berth.core.docker.DockerContainerControl;
import dev.berth.core.registry.Selection;
import dev.berth.core.registry.ServingPolicy;
import dev.berth.core.source.Sources;
import dev.berth.core.spi.Reloader;
import dev.berth.core.spi.ReloaderContext;
import dev.berth.core.spi.ReloaderFactory;
import dev.berth.core.spi.Renderer;
import dev.berth.core.spi.RendererContext;
import dev.berth.core.spi.RendererFactory;
import dev.berth.core.spi.UsageException;
import dev.berth.core.swarm.SwarmMode;
import dev.berth.core.swarm.SwarmSettings;
import dev.berth.core.swarm.SwarmSource;
import dev.berth.core.swarm.SwarmTiming;
import dev.berth.core.sync.ConfigFile;
import dev.berth.core.sync.SyncPipeline;
import dev.berth.core.sync.SyncSettings;
import dev.berth.core.telemetry.Telemetry;
import dev.berth.core.template.TemplateEngine;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Wires the core from the user's settings and the plugins' factories (bound by
 * {@link dev.berth.core.plugin.PluginModule}). Nothing is created until it is asked for.
 */
public final class BerthModule extends AbstractModule {

    private final BerthSettings settings;
    private final SyncSettings sync;

    public BerthModule(BerthSettings settings) {
        this(settings, SyncSettings.DEFAULT);
    }

    public BerthModule(BerthSettings settings, SyncSettings sync) {
        this.settings = settings;
        this.sync = sync;
    }

    @Override
    protected void configure() {
        bind(BerthSettings.class).toInstance(settings);
        bind(SyncSettings.class).toInstance(sync);
        bind(Selection.class).toInstance(settings.selection());
        bind(ServingPolicy.class).toInstance(settings.serving());
        // Nothing counts unless the command line sets a binding (berth watch --listen).
        OptionalBinder.newOptionalBinder(binder(), Telemetry.class).setDefault().toInstance(Telemetry.NONE);
    }

    @Provides
    @Singleton
    DockerConnection docker() {
        return new DockerConnection();
    }

    /** Where backends come from: the local engine's containers, a swarm's services, or both. */
    @Provides
    @Singleton
    Sources sources(DockerConnection docker, Telemetry telemetry) {
        SwarmSettings swarm = settings.swarm();
        if (swarm.mode() == SwarmMode.OFF) {
            return Sources.CONTAINERS;
        }
        DockerConnection manager = swarm.manager().map(DockerConnection::at).orElse(docker);
        return new Sources(swarm.mode() == SwarmMode.BOTH,
                List.of(new SwarmSource(manager, docker, settings.selection(), SwarmTiming.DEFAULT, telemetry)));
    }

    @Provides
    @Singleton
    TemplateEngine templates() {
        return new TemplateEngine();
    }

    @Provides
    @Singleton
    RendererFactory rendererFactory(Map<String, RendererFactory> renderers) {
        return named(renderers, "renderer", settings.renderer());
    }

    @Provides
    @Singleton
    Renderer renderer(RendererFactory factory, TemplateEngine templates) {
        return factory.create(new RendererContext(templates, settings.template(), settings.pluginOptions()));
    }

    @Provides
    @Singleton
    Reloader reloader(Map<String, ReloaderFactory> reloaders, RendererFactory renderer, DockerConnection docker) {
        ReloaderFactory factory = named(reloaders, "reloader", settings.reloader());
        Reloader reloader = factory.create(new ReloaderContext(settings.pluginOptions(), renderer.reloadSignal(),
                new DockerContainerControl(docker.requests())));
        return settings.output().map(file -> renderer.reloaderFor(reloader, settings.pluginOptions(), file)).orElse(reloader);
    }

    @Provides
    @Singleton
    ConfigFile output() {
        ConfigFile file = new ConfigFile(settings.output()
                .orElseThrow(() -> new UsageException("--output FILE is required: the file Berth keeps up to date")));
        file.checkWritable();
        return file;
    }

    @Provides
    @Singleton
    SyncPipeline pipeline(Renderer renderer, RendererFactory factory, ConfigFile output, Reloader reloader,
            Telemetry telemetry) {
        return new SyncPipeline(renderer, output, reloader, sync.checkCommand(factory.checkCommand()), telemetry);
    }

    private static <T> T named(Map<String, T> known, String kind, String name) {
        T found = known.get(name);
        if (found == null) {
            throw new UsageException("unknown " + kind + " '" + name + "'; known " + kind + "s: "
                    + String.join(", ", new TreeSet<>(known.keySet())));
        }
        return found;
    }
}
