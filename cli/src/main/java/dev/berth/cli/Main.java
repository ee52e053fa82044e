package dev.berth.cli;

import dev.berth.core.plugin.PluginCatalog;
import dev.berth.core.plugin.PluginLoader;
import dev.berth.core.spi.BerthException;
import java.io.PrintWriter;
import java.util.Arrays;
import picocli.CommandLine;

/** The berth command: finds the plugins, builds the command line from them, and runs it. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        boolean verbose = Arrays.asList(args).contains("--verbose");
        // slf4j-simple reads its level once, when the first logger is made: set it before anything logs.
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", verbose ? "debug" : "info");
        // Berth uses no method interception: without Guice's class generation, start-up is quicker
        // and newer JDKs do not warn about sun.misc.Unsafe.
        System.setProperty("guice_bytecode_gen_option", "DISABLED");
        System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    static int run(PrintWriter out, PrintWriter err, String... args) {
        boolean verbose = Arrays.asList(args).contains("--verbose");
        PluginCatalog catalog;
        try {
            ClassLoader berth = Main.class.getClassLoader();
            ClassLoader plugins = PluginPathOption.scan(args).map(path -> path.classLoader(berth)).orElse(berth);
            catalog = PluginCatalog.of(new PluginLoader(plugins).load());
        } catch (BerthException e) {
            err.println("berth: " + e.getMessage());
            return e.exitCode();
        }
        return commandLine(catalog, out, err, verbose).execute(args);
    }

    static CommandLine commandLine(PluginCatalog catalog, PrintWriter out, PrintWriter err, boolean verbose) {
        Launcher launcher = new Launcher(catalog);
        CommandLine commandLine = new CommandLine(new BerthCommand());
        commandLine.addSubcommand(new CommandLine(new WatchCommand(launcher)));
        commandLine.addSubcommand(new CommandLine(new RenderCommand(launcher)));
        commandLine.addSubcommand(new CommandLine(new PluginsCommand(catalog)));
        PluginOptionSpecs.addTo(commandLine.getSubcommands().get("watch").getCommandSpec(), catalog.options());
        PluginOptionSpecs.addTo(commandLine.getSubcommands().get("render").getCommandSpec(), catalog.rendererOptions());
        ErrorHandler handler = new ErrorHandler(verbose);
        return commandLine
                .setOut(out)
                .setErr(err)
                .setParameterExceptionHandler(handler)
                .setExecutionExceptionHandler(handler);
    }
}
