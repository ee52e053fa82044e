package dev.berth.cli;

import com.google.inject.CreationException;
import com.google.inject.ProvisionException;
import com.google.inject.spi.Message;
import dev.berth.core.spi.BerthException;
import java.io.PrintWriter;
import java.util.Collection;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/** Every error is one line on stderr, "berth: …", with the exit code DESIGN.md documents. */
final class ErrorHandler implements IParameterExceptionHandler, IExecutionExceptionHandler {

    private final boolean verbose;
    private final EnvironmentDefaults environment;

    ErrorHandler(boolean verbose, EnvironmentDefaults environment) {
        this.verbose = verbose;
        this.environment = environment;
    }

    @Override
    public int handleParseException(ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        String message = e.getMessage();
        // A value the command line did not give came from the environment: name the variable, not the option.
        if (e.getArgSpec() instanceof OptionSpec option && !command.getParseResult().hasMatchedOption(option)) {
            message = environment.variableSetFor(option)
                    .map(variable -> {
                        String named = e.getMessage().replace("option '" + option.longestName() + "'", "environment variable " + variable);
                        return named.equals(e.getMessage()) ? variable + ": " + named : named;
                    })
                    .orElse(message);
        }
        command.getErr().println("berth: " + message + " (see '" + command.getCommandSpec().qualifiedName() + " --help')");
        return CommandLine.ExitCode.USAGE;
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine command, ParseResult parseResult) {
        PrintWriter err = command.getErr();
        BerthException known = findBerthException(e);
        if (known != null) {
            err.println("berth: " + known.getMessage() + environment.blame(command.getCommandSpec(), command.getParseResult(),
                    known.getMessage()).map(variable -> " (given by " + variable + ")").orElse(""));
        } else {
            err.println("berth: internal error: " + e + (verbose ? "" : " (run with --verbose for details)"));
        }
        if (verbose) {
            e.printStackTrace(err);
        }
        err.flush();
        return known != null ? known.exitCode() : BerthException.INTERNAL;
    }

    /** Guice wraps what a provider throws; the user's error is the first BerthException inside. */
    private static BerthException findBerthException(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BerthException berth) {
                return berth;
            }
            Collection<Message> messages = t instanceof CreationException c ? c.getErrorMessages()
                    : t instanceof ProvisionException p ? p.getErrorMessages() : List.of();
            for (Message message : messages) {
                BerthException inner = findBerthException(message.getCause());
                if (inner != null) {
                    return inner;
                }
            }
        }
        return null;
    }
}
