package dev.berth.cli;

import java.util.List;
import picocli.CommandLine.Help;
import picocli.CommandLine.Help.Ansi.Text;
import picocli.CommandLine.Help.ColorScheme;
import picocli.CommandLine.IHelpFactory;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/** --help shows under each option the environment variable that can give it (see {@link EnvironmentDefaults}). */
final class EnvironmentHelp implements IHelpFactory {

    @Override
    public Help create(CommandSpec commandSpec, ColorScheme colorScheme) {
        return new Help(commandSpec, colorScheme) {
            @Override
            public Layout createDefaultLayout(List<OptionSpec> options, List<PositionalParamSpec> positionals, ColorScheme scheme) {
                Layout layout = super.createDefaultLayout(options, positionals, scheme);
                return new Layout(layout.colorScheme(), layout.textTable(), layout.optionRenderer(), layout.parameterRenderer()) {
                    @Override
                    public void layout(ArgSpec arg, Text[][] cells) {
                        super.layout(arg, cells);
                        // The default table's last column is the description.
                        EnvironmentDefaults.variable(arg).ifPresent(name -> textTable().addRowValues("", "", "", "", "env: " + name));
                    }
                };
            }
        };
    }
}
