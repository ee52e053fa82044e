package dev.berth.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.codegen.docgen.manpage.ManPageGenerator;

@Command(name = "man", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Print berth's manual page, or a command's, in AsciiDoc. As a man page:",
                "  berth man | asciidoctor -b manpage -o berth.1 -"})
final class ManCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "COMMAND", arity = "0..1", description = "a command (default: berth itself)")
    String command;

    @Override
    public Integer call() {
        CommandLine root = spec.root().commandLine();
        CommandLine page = command == null ? root : root.getSubcommands().get(command);
        if (page == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "unknown command '" + command + "'; known: "
                    + String.join(", ", root.getSubcommands().keySet()));
        }
        // The generator leaves out a footer without a heading; the help needs none. This process ends after the page.
        page.getCommandSpec().usageMessage().footerHeading("Notes");
        PrintWriter out = spec.commandLine().getOut();
        ManPageGenerator.writeSingleManPage(out, page.getCommandSpec());
        out.flush();
        return 0;
    }
}
