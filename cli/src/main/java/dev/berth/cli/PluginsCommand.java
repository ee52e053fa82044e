package dev.berth.cli;

import dev.berth.core.plugin.PluginCatalog;
import dev.berth.core.spi.PluginOption;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "plugins", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "List the renderers and reloaders that were found, with their options.")
final class PluginsCommand implements Callable<Integer> {

    private final PluginCatalog catalog;

    @Spec
    CommandSpec spec;

    PluginsCommand(PluginCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        out.println("renderers (--renderer NAME):");
        catalog.renderers().values().forEach(f -> {
            out.printf("  %-10s %s (reloads on SIG%s)%n", f.name(), f.description(), f.reloadSignal());
            options(out, f.options());
        });
        out.println("reloaders (--reloader NAME):");
        catalog.reloaders().values().forEach(f -> {
            out.printf("  %-10s %s%n", f.name(), f.description());
            options(out, f.options());
        });
        out.flush();
        return 0;
    }

    private static void options(PrintWriter out, List<PluginOption> options) {
        for (PluginOption option : options) {
            out.printf("      %s %s%n          %s%s%n", option.name(), option.paramLabel(), option.description(),
                    option.repeatable() ? " (repeatable)" : "");
        }
    }
}
