package dev.berth.cli;

import dev.berth.core.spi.PluginOption;
import dev.berth.core.spi.PluginOptions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** Turns the options plugins declare as data into picocli options, and their values back. */
final class PluginOptionSpecs {

    private PluginOptionSpecs() {
    }

    static void addTo(CommandSpec command, List<PluginOption> options) {
        for (PluginOption option : options) {
            OptionSpec.Builder spec = OptionSpec.builder(option.name())
                    .paramLabel(option.paramLabel())
                    .description(option.description() + (option.repeatable() ? " (repeatable)" : ""))
                    .type(option.repeatable() ? List.class : String.class)
                    .auxiliaryTypes(String.class);
            if (option.flag()) {
                // As picocli's own boolean options: on when given alone, and BERTH_X=true|false from the environment.
                spec.type(boolean.class).auxiliaryTypes(boolean.class).arity("0..1").defaultValue(option.defaultValue());
            } else if (option.repeatable()) {
                spec.initialValue(new ArrayList<String>()).splitRegex(EnvironmentDefaults.LIST_SPLIT).hideParamSyntax(true);
            } else if (!option.defaultValue().isEmpty()) {
                spec.defaultValue(option.defaultValue());
            }
            command.addOption(spec.build());
        }
    }

    static PluginOptions valuesOf(CommandSpec command, List<PluginOption> options) {
        Map<String, List<String>> values = new HashMap<>();
        for (PluginOption option : options) {
            Object value = command.findOption(option.name()).getValue();
            if (value instanceof List<?> list && !list.isEmpty()) {
                values.put(option.name(), list.stream().map(String::valueOf).toList());
            } else if (value instanceof String || value instanceof Boolean) {
                values.put(option.name(), List.of(String.valueOf(value)));
            }
        }
        return new PluginOptions(values);
    }
}
