package dev.berth.cli;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * Every option's value from the environment, as Compose users set them: {@code --reload-select}
 * from {@code BERTH_RELOAD_SELECT}. Picocli asks for it only for an option the command line did not
 * give, so the command line wins. An empty variable counts as unset.
 */
final class EnvironmentDefaults implements IDefaultValueProvider {

    static final String PREFIX = "BERTH_";

    /**
     * The split regex of every repeatable option. Picocli splits a default value with the option's
     * split regex; no argument and no environment value can hold a NUL, so splitting on it leaves
     * the command line as it was and lets a variable carry a list.
     */
    static final String LIST_SPLIT = "\0";

    /** One paragraph: picocli wraps it to the terminal's width. */
    static final String[] HELP_FOOTER = {"",
            "Every option can also be given by the environment variable shown under it: BERTH_ and the long "
                    + "option in capitals, '-' as '_' (--reload-select: BERTH_RELOAD_SELECT). A repeatable option "
                    + "takes a list: one item per line, or comma-separated on a single line. A flag takes true or "
                    + "false. The command line wins; an empty variable counts as unset."};

    private static final Pattern LINES = Pattern.compile("\r?\n");

    private final Map<String, String> environment;

    EnvironmentDefaults(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    /** The variable for an option; none for --help, --version and the like. */
    static Optional<String> variable(ArgSpec arg) {
        if (!(arg instanceof OptionSpec option) || option.usageHelp() || option.versionHelp()
                || !option.longestName().startsWith("--")) {
            return Optional.empty();
        }
        return Optional.of(PREFIX + option.longestName().substring(2).toUpperCase(Locale.ROOT).replace('-', '_'));
    }

    /** The variable that gives this option a value, if it is set. */
    Optional<String> variableSetFor(ArgSpec arg) {
        return variable(arg).filter(name -> !environment.getOrDefault(name, "").isEmpty());
    }

    @Override
    public String defaultValue(ArgSpec arg) {
        return variableSetFor(arg).map(environment::get)
                .map(value -> arg.isMultiValue() ? String.join(LIST_SPLIT, items(value)) : value)
                // Picocli interpolates ${…} in default values; a value from the environment is taken as it is.
                .map(value -> value.replace("$", "$$"))
                .orElse(null);
    }

    /**
     * A list: one item per line, so that an item may hold a comma (a label value may), or, on a
     * single line, comma-separated. Blank items are dropped: YAML's block scalars end with a newline.
     */
    static String[] items(String value) {
        String[] items = value.contains("\n") ? LINES.split(value) : value.split(",");
        return Arrays.stream(items).map(String::strip).filter(item -> !item.isEmpty()).toArray(String[]::new);
    }

    /**
     * Where an error about a value the user gave points to an option that took its value from the
     * environment (by the option's name or the quoted value), the variable to name with it.
     */
    Optional<String> blame(CommandSpec command, ParseResult parsed, String message) {
        for (OptionSpec option : command.options()) {
            if (parsed != null && parsed.hasMatchedOption(option)) {
                continue;
            }
            Optional<String> variable = variableSetFor(option);
            if (variable.isPresent() && (mentions(message, option.longestName()) || quotes(message, option, variable.get()))) {
                return variable;
            }
        }
        return Optional.empty();
    }

    private static boolean mentions(String message, String optionName) {
        return Pattern.compile("(?<![\\w-])" + Pattern.quote(optionName) + "(?![\\w-])").matcher(message).find();
    }

    private boolean quotes(String message, OptionSpec option, String variable) {
        String value = environment.get(variable);
        return Arrays.stream(option.isMultiValue() ? items(value) : new String[] {value})
                .anyMatch(item -> message.contains("'" + item + "'"));
    }
}
