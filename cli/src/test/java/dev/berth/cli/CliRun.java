package dev.berth.cli;

import dev.berth.core.plugin.PluginCatalog;
import dev.berth.core.plugin.PluginLoader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import picocli.CommandLine;

/** The command line run inside the test's JVM, as {@code berth} would run it, keeping what it printed. */
final class CliRun {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    /** Runs with an empty environment; returns the exit code. */
    int run(String... args) {
        return run(Map.of(), args);
    }

    int run(Map<String, String> environment, String... args) {
        return Main.run(environment, new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    /** The command line as Main builds it, with the built-in plugins, printing into this run's buffers. */
    CommandLine commandLine(Map<String, String> environment) {
        PluginCatalog catalog = PluginCatalog.of(new PluginLoader(getClass().getClassLoader()).load());
        return Main.commandLine(catalog, new EnvironmentDefaults(environment), new PrintWriter(out, true),
                new PrintWriter(err, true), false);
    }

    /** Everything printed on standard output so far. */
    String out() {
        return out.toString();
    }

    /** Everything printed on standard error so far. */
    String err() {
        return err.toString();
    }

    /** Forgets what was printed, so that the next assertions see only the next run's output. */
    void forgetOutput() {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
    }
}
