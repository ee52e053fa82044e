package dev.berth.cli;

import dev.berth.core.plugin.PluginPath;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Unmatched;

/**
 * {@code --plugin-path DIR}, or the environment variable, on every command. The plugins it adds
 * bring options of their own, so the option is read by {@link #scan} before the command line is
 * built; declaring it on the command as well lets the command line accept it and --help show it.
 */
final class PluginPathOption {

    static final String OPTION = "--plugin-path";
    static final String ENVIRONMENT_VARIABLE = "BERTH_PLUGIN_PATH";

    @Option(names = OPTION, paramLabel = "DIR", scope = ScopeType.INHERIT,
            description = {"Also load the plugins of every jar in DIR (default: $" + ENVIRONMENT_VARIABLE + ").",
                    "Read before the rest of the command line, so that these plugins' own options can be used."})
    Path directory;

    /**
     * The plugin directory the arguments or, failing them, the environment name. A malformed
     * {@code --plugin-path} answers none here: the full command line then reports it.
     */
    static Optional<PluginPath> scan(EnvironmentDefaults environment, String... args) {
        Scan scan = new Scan();
        ParseResult parsed;
        try {
            parsed = new CommandLine(scan).setDefaultValueProvider(environment).parseArgs(args);
        } catch (ParameterException malformed) {
            return Optional.empty();
        }
        Path directory = scan.option.directory;
        if (directory == null || directory.toString().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new PluginPath(directory,
                parsed.hasMatchedOption(OPTION) ? OPTION + " " : ENVIRONMENT_VARIABLE + "="));
    }

    /** Only the option; every other argument is left for the full command line. */
    @Command(name = "berth")
    static final class Scan {

        @Mixin
        PluginPathOption option;

        @Unmatched
        List<String> others;
    }
}
