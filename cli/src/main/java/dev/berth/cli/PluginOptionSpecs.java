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
                    .description(option.description() + (option.repeatable() ? " (repeatable)" : ""));
            if (option.flag()) {
                command.addOption(spec.type(boolean.class).arity("0").build());
                continue;
            }
            spec.paramLabel(option.paramLabel())
                    .type(option.repeatable() ? List.class : String.class)
                    .auxiliaryTypes(String.class);
            if (option.repeatable()) {
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
            } else if (Boolean.TRUE.equals(value)) {
                values.put(option.name(), List.of("true"));
            } else if (value instanceof String text) {
                values.put(option.name(), List.of(text));
            }
        }
        return new PluginOptions(values);
    }
}
