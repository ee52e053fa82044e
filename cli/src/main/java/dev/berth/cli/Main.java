package dev.berth.cli;

import dev.berth.core.plugin.PluginCatalog;
import dev.berth.core.plugin.PluginLoader;
import dev.berth.core.spi.BerthException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import picocli.CommandLine;

/** The berth command: finds the plugins, builds the command line from them, and runs it. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        boolean verbose = verbose(System.getenv(), args);
        // slf4j-simple reads its level once, when the first logger is made: set it before anything logs.
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", verbose ? "debug" : "info");
        // Berth uses no method interception: without Guice's class generation, start-up is quicker
        // and newer JDKs do not warn about sun.misc.Unsafe.
        System.setProperty("guice_bytecode_gen_option", "DISABLED");
        System.exit(run(System.getenv(), new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** @param environment where options not on the command line come from (see {@link EnvironmentDefaults}) */
    static int run(Map<String, String> environment, PrintWriter out, PrintWriter err, String... args) {
        EnvironmentDefaults defaults = new EnvironmentDefaults(environment);
        PluginCatalog catalog;
        try {
            ClassLoader berth = Main.class.getClassLoader();
            ClassLoader plugins = PluginPathOption.scan(defaults, args).map(path -> path.classLoader(berth)).orElse(berth);
            catalog = PluginCatalog.of(new PluginLoader(plugins).load());
        } catch (BerthException e) {
            err.println("berth: " + e.getMessage());
            return e.exitCode();
        }
        return commandLine(catalog, defaults, out, err, verbose(environment, args)).execute(args);
    }

    /** Read before the command line is parsed: the log level is set before anything logs. */
    private static boolean verbose(Map<String, String> environment, String... args) {
        return Arrays.asList(args).contains("--verbose") || "true".equalsIgnoreCase(environment.get("BERTH_VERBOSE"));
    }

    static CommandLine commandLine(PluginCatalog catalog, EnvironmentDefaults defaults, PrintWriter out, PrintWriter err,
            boolean verbose) {
        Launcher launcher = new Launcher(catalog);
        CommandLine commandLine = new CommandLine(new BerthCommand());
        commandLine.addSubcommand(new CommandLine(new WatchCommand(launcher)));
        commandLine.addSubcommand(new CommandLine(new RenderCommand(launcher)));
        commandLine.addSubcommand(new CommandLine(new PluginsCommand(catalog)));
        commandLine.addSubcommand(new CommandLine(new CompletionCommand()));
        commandLine.addSubcommand(new CommandLine(new ManCommand()));
        PluginOptionSpecs.addTo(commandLine.getSubcommands().get("watch").getCommandSpec(), catalog.options());
        PluginOptionSpecs.addTo(commandLine.getSubcommands().get("render").getCommandSpec(), catalog.rendererOptions());
        for (CommandLine command : commandLines(commandLine)) {
            command.getCommandSpec().usageMessage().footer(concat(command.getCommandSpec().usageMessage().footer(),
                    EnvironmentDefaults.HELP_FOOTER));
            // A list from the environment is split on NUL only (see EnvironmentDefaults.LIST_SPLIT), quotes or not.
            command.getCommandSpec().parser().splitQuotedStrings(true);
        }
        ErrorHandler handler = new ErrorHandler(verbose, defaults);
        return commandLine
                .setDefaultValueProvider(defaults)
                .setHelpFactory(new EnvironmentHelp())
                .setOut(out)
                .setErr(err)
                .setParameterExceptionHandler(handler)
                .setExecutionExceptionHandler(handler);
    }

    private static List<CommandLine> commandLines(CommandLine root) {
        List<CommandLine> all = new ArrayList<>(List.of(root));
        all.addAll(root.getSubcommands().values());
        return all;
    }

    private static String[] concat(String[] first, String[] second) {
        return Stream.concat(Arrays.stream(first), Arrays.stream(second)).toArray(String[]::new);
    }
}
