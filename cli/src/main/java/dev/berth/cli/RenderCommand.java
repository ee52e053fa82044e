package dev.berth.cli;

import com.google.inject.Injector;
import dev.berth.core.BerthSettings;
import dev.berth.core.sync.ConfigFile;
import dev.berth.core.sync.Explanation;
import dev.berth.core.sync.RenderOnce;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "render", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Render the configuration for the containers running now, print it (or write it with --output), "
                + "and exit. A dry run of `berth watch`: nothing is reloaded.")
final class RenderCommand implements Callable<Integer> {

    private final Launcher launcher;

    @Spec
    CommandSpec spec;

    @Mixin
    SelectionOptions selection;

    @Mixin
    HealthOptions health;

    @Option(names = "--explain",
            description = "print, instead of the configuration, every container the selection matched: "
                    + "the upstream and address:port it serves at, or why it is left out; and the routing table "
                    + "(host, path -> group -> servers) when containers have berth.host labels")
    boolean explain;

    @Option(names = "--output", paramLabel = "FILE", description = "write the configuration to this file instead of printing it")
    Path output;

    RenderCommand(Launcher launcher) {
        this.launcher = launcher;
    }

    @Override
    public Integer call() {
        BerthSettings settings = selection.settings(BerthSettings.DEFAULT_RELOADER, Optional.ofNullable(output),
                PluginOptionSpecs.valuesOf(spec, launcher.rendererOptions())).withServing(health.policy(false));
        Injector injector = launcher.injector(settings);
        RenderOnce render = injector.getInstance(RenderOnce.class);
        if (explain) {
            spec.commandLine().getOut().print(Explanation.of(render.snapshotOfAllSelected()));
            spec.commandLine().getOut().flush();
            return 0;
        }
        String text = render.render(render.snapshot());
        if (output == null) {
            spec.commandLine().getOut().print(text);
            spec.commandLine().getOut().flush();
        } else {
            ConfigFile file = injector.getInstance(ConfigFile.class);
            boolean written = file.write(text);
            spec.commandLine().getErr().println(written ? "wrote " + file : file + " unchanged");
        }
        return 0;
    }
}
